r"""Names to symbols: the one lookup from a parameter name (or Symbol) and a set of values to a game's sympy symbols."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from games._exact import to_exact
from games.core import Game
from games.errors import GameError, UnknownNameError, suggest
from games.parameters import ParameterSet
from games.symmetric import SymmetricGame


def _value_map(symbols: Any, values: Mapping[Any, Any] | ParameterSet) -> dict[sympy.Symbol, sympy.Expr]:
    """``{symbol: exact value}`` for the given symbols, matched by name."""
    by_name: dict[str, Any] = {}
    if isinstance(values, ParameterSet):
        by_name = {p.name: p.value for p in values.values()}
    elif isinstance(values, Mapping):
        for k, v in values.items():
            name = k.name if isinstance(k, sympy.Symbol) else k
            if not isinstance(name, str):
                raise GameError(f"values: key {k!r} must be a sympy Symbol or a parameter name")
            by_name[name] = v
    else:
        raise GameError(f"values: expected a mapping or ParameterSet, got {type(values).__name__}")
    out = {}
    for s in symbols:
        if s.name in by_name:
            out[s] = to_exact(by_name[s.name], f"value of {s.name!r}", error=GameError)
    return out


def _resolve_symbol(game: Game | SymmetricGame, symbol: Any) -> sympy.Symbol:
    free = {s.name: s for s in game.free_symbols}
    if isinstance(symbol, sympy.Symbol):
        name = symbol.name
    elif isinstance(symbol, str):
        name = symbol
    else:
        raise GameError(f"break_even: symbol {symbol!r} must be a sympy Symbol or a parameter name")
    if name not in free:
        raise UnknownNameError("break_even: " + suggest(name, free, what="parameter of this game"))
    return free[name]

