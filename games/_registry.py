"""The game library's registry: name -> builder, with level and a one-line summary.

Game modules register builders with :func:`register`; :func:`games.library`
returns the mapping.  Builders are plain functions returning a
:class:`~games.core.Game` or :class:`~games.symmetric.SymmetricGame`; their keyword
arguments are modelling options with documented defaults.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from games.errors import GameError, UnknownNameError, suggest

__all__ = ["register", "library", "library_entries", "LibraryEntry", "LEVELS", "build"]

LEVELS = ("individual", "organizational", "geopolitical", "intervention", "example")

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class LibraryEntry:
    """One registered game builder."""

    name: str
    level: str
    builder: Callable[..., Any]
    summary: str


_REGISTRY: dict[str, LibraryEntry] = {}


def register(name: str, level: str) -> Callable[[F], F]:
    """Decorator registering a game builder under ``name`` at ``level``."""
    if level not in LEVELS:
        raise GameError(f"register: unknown level {level!r} (allowed: {', '.join(LEVELS)})")

    def deco(fn: F) -> F:
        if name in _REGISTRY and _REGISTRY[name].builder is not fn:
            raise GameError(f"register: game {name!r} is already registered")
        doc = (fn.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = LibraryEntry(name, level, fn, doc[0] if doc else "")
        return fn

    return deco


#: The modules of the game library; each registers its builders with :func:`register` when imported.
GAME_MODULES = ("games.individual", "games.collective", "games.reputation", "games.organizational",
                "games.geopolitical", "games.interventions")


def _load() -> None:
    """Import the game modules, which register the library.

    The one deliberate lazy import of :mod:`games` (ARCHITECTURE.md): the game
    modules use :func:`register`, so this module cannot import them at its top.
    """
    for module in GAME_MODULES:
        importlib.import_module(module)


def _ordered() -> list[LibraryEntry]:
    """Entries by level (individual, organizational, geopolitical, ...), then registration order."""
    _load()
    return sorted(_REGISTRY.values(), key=lambda e: LEVELS.index(e.level))


def library() -> dict[str, Callable[..., Any]]:
    """Every game in the library: ``{name: builder}``, by level then registration order.

    Examples
    --------
    >>> import games
    >>> builders = games.library()
    >>> all(callable(b) for b in builders.values())
    True
    """
    return {e.name: e.builder for e in _ordered()}


def library_entries() -> dict[str, LibraryEntry]:
    """Every registered game with its level and summary, ordered as :func:`library`."""
    return {e.name: e for e in _ordered()}


def build(name: str, **options: Any) -> Any:
    """Build the library game ``name`` (unknown names get suggestions)."""
    _load()
    if name not in _REGISTRY:
        raise UnknownNameError(suggest(name, _REGISTRY, what="game"))
    return _REGISTRY[name].builder(**options)
