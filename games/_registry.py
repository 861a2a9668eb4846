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

__all__ = ["register", "library", "library_entries", "LibraryEntry", "LEVELS", "FAMILIES", "build"]

LEVELS = ("individual", "organizational", "geopolitical", "intervention", "example")

#: The game families a builder may return: ``normal-form`` (:class:`~games.core.Game` or
#: :class:`~games.symmetric.SymmetricGame`) and the families of the game-form modules (game trees,
#: repeated, Bayesian, signalling and continuous games).  Code that needs a strategic-form game asks
#: for ``library(family="normal-form")``.
FAMILIES = ("normal-form", "extensive", "repeated", "bayesian", "signaling", "continuous")

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class LibraryEntry:
    """One registered game builder."""

    name: str
    level: str
    builder: Callable[..., Any]
    summary: str
    family: str = "normal-form"


_REGISTRY: dict[str, LibraryEntry] = {}


def register(name: str, level: str, *, family: str = "normal-form") -> Callable[[F], F]:
    """Decorator registering a game builder under ``name`` at ``level``, of game ``family``."""
    if level not in LEVELS:
        raise GameError(f"register: unknown level {level!r} (allowed: {', '.join(LEVELS)})")
    _check_family(family, "register")

    def deco(fn: F) -> F:
        if name in _REGISTRY and _REGISTRY[name].builder is not fn:
            raise GameError(f"register: game {name!r} is already registered")
        doc = (fn.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = LibraryEntry(name, level, fn, doc[0] if doc else "", family)
        return fn

    return deco


#: The modules of the game library; each registers its builders with :func:`register` when imported.
GAME_MODULES: tuple[str, ...] = (
    "games.individual", "games.collective", "games.reputation", "games.organizational", "games.geopolitical",
    "games.interventions",
    "games.sequential",  # game trees and repeated games (issue 15)
    "games.hidden_information",  # Bayesian and signalling games (issue 16)
    "games.races",  # continuous races (issue 16)
)


def _load(until: str | None = None) -> None:
    """Import the game modules, which register the library; with ``until``, only up to the one registering it.

    The one deliberate lazy import of :mod:`games` (ARCHITECTURE.md): the game
    modules use :func:`register`, so this module cannot import them at its top.
    Stopping at the game asked for (:func:`find_entry`) keeps the game forms
    that are not asked for unloaded (the command line's start-up, issue 17).
    """
    for module in GAME_MODULES:
        if until is not None and until in _REGISTRY:
            return
        importlib.import_module(module)


def find_entry(name: str) -> LibraryEntry | None:
    """The registered game ``name``, importing only the game modules up to the one that registers it; None if none does.

    Examples
    --------
    >>> find_entry("career_choice").level
    'individual'
    >>> find_entry("no_such_game") is None
    True
    """
    _load(until=name)
    return _REGISTRY.get(name)


def _check_family(family: str | None, where: str) -> None:
    if family is not None and family not in FAMILIES:
        raise GameError(f"{where}: unknown family {family!r} (allowed: {', '.join(FAMILIES)})")


def _ordered(family: str | None = None) -> list[LibraryEntry]:
    """Entries by level (individual, organizational, geopolitical, ...), then registration order."""
    _check_family(family, "library")
    _load()
    chosen = [e for e in _REGISTRY.values() if family is None or e.family == family]
    return sorted(chosen, key=lambda e: LEVELS.index(e.level))


def library(family: str | None = None) -> dict[str, Callable[..., Any]]:
    """Every game in the library: ``{name: builder}``, by level then registration order.

    Parameters
    ----------
    family : str, optional
        Only the games of this family (one of :data:`FAMILIES`); ``None`` (default) gives every game.

    Examples
    --------
    >>> import games
    >>> builders = games.library()
    >>> all(callable(b) for b in builders.values())
    True
    >>> set(games.library(family="normal-form")) <= set(builders)
    True
    """
    return {e.name: e.builder for e in _ordered(family)}


def library_entries(family: str | None = None) -> dict[str, LibraryEntry]:
    """Every registered game with its level, family and summary, ordered as :func:`library`."""
    return {e.name: e for e in _ordered(family)}


def build(name: str, **options: Any) -> Any:
    """Build the library game ``name`` (unknown names get suggestions)."""
    entry = find_entry(name)
    if entry is None:
        raise UnknownNameError(suggest(name, _REGISTRY, what="game"))
    return entry.builder(**options)
