r"""Caches of symbolic derivations, keyed by a cheap value key of the (immutable) game."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from games.core import Game
from games.symmetric import SymmetricGame


def game_key(game: Game | SymmetricGame) -> tuple[Any, ...]:
    """A cheap, hashable key equal for equal games.

    Built from the payoff *entries* (tuples compare identical sympy objects by
    identity first), so looking up an equal, freshly built game costs
    microseconds instead of the structural comparison of sympy arrays.
    """
    if not isinstance(game, (Game, SymmetricGame)):  # trees and repeated games: hashable frozen values
        return ("H", type(game).__name__, game)
    if isinstance(game, SymmetricGame):
        return ("S", game.n_players, game.payoffs, game.count, game.strategies, game.name)
    return ("G", game.players, game.strategies, game.name,
            tuple(tuple(arr._array) for arr in game.payoffs))  # sympy's flat storage


class KeyedCache:
    """A small LRU mapping (results of symbolic derivations, keyed by :func:`game_key`)."""

    def __init__(self, maxsize: int = 512) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any) -> Any:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def put(self, key: Any, value: Any) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)

    def clear(self) -> None:
        self._data.clear()

