"""aligngames' model layer: symbolic games of the Alignment-vs-Capabilities choice.

``games`` holds what is analysed: the :class:`Game` and :class:`SymmetricGame`
objects, the essay's parameters (:mod:`games.essay`) and the game library
(:func:`library`).  It never imports :mod:`solvers`.

Examples
--------
>>> import games
>>> games.essay.parameters()["p_doom"].value
1/5
"""

from typing import TYPE_CHECKING, Any

from games.errors import (
    AligngamesError,
    GameError,
    OutputError,
    ParameterError,
    ParameterFileError,
    SizeLimitError,
    SymbolicError,
    UnknownNameError,
)

if TYPE_CHECKING:
    from games import essay, geopolitical, individual, interventions, organizational  # noqa: F401
    from games._registry import build, library, library_entries
    from games.core import MAX_EXPANDED_PLAYERS, Game, SymmetricGame
    from games.parameters import Parameter, ParameterSet

# Names are loaded on first use (PEP 562), so that `import games.errors` -- or the sweep command line, which
# needs no sympy -- does not import sympy.  `games.essay` imports the whole game library.
_LAZY = {
    "Game": "games.core", "SymmetricGame": "games.core", "MAX_EXPANDED_PLAYERS": "games.core",
    "Parameter": "games.parameters", "ParameterSet": "games.parameters",
    "build": "games._registry", "library": "games._registry", "library_entries": "games._registry",
}


def __getattr__(name: str) -> Any:
    import importlib
    import importlib.util

    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif not name.startswith("__") and importlib.util.find_spec(f"games.{name}") is not None:
        value = importlib.import_module(f"games.{name}")  # a submodule, as `import games.core` would bind it
    else:
        raise AttributeError(f"module 'games' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "Game",
    "SymmetricGame",
    "Parameter",
    "ParameterSet",
    "essay",
    "library",
    "library_entries",
    "build",
    "MAX_EXPANDED_PLAYERS",
    "AligngamesError",
    "GameError",
    "OutputError",
    "ParameterError",
    "ParameterFileError",
    "SizeLimitError",
    "SymbolicError",
    "UnknownNameError",
]

__version__ = "0.1.0"
