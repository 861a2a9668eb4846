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

from games import essay, geopolitical, individual, interventions, organizational  # noqa: F401  (registers the game library)
from games._registry import build, library, library_entries
from games.core import MAX_EXPANDED_PLAYERS, Game, SymmetricGame
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
from games.parameters import Parameter, ParameterSet

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
