r"""Names to symbols: the one lookup from a parameter name (or Symbol) and a set of values to a game's sympy symbols."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from games._exact import to_exact
from games.core import Game
from games.errors import GameError, UnknownNameError, suggest
from games.parameters import ParameterSet, parameter_name
from games.symmetric import SymmetricGame


def _value_map(symbols: Any, values: Mapping[Any, Any] | ParameterSet) -> dict[sympy.Symbol, sympy.Expr]:
    """``{symbol: exact value}`` for the given symbols, matched by name."""
    by_name: dict[str, Any] = {}
    if isinstance(values, ParameterSet):
        by_name = {p.name: p.value for p in values.values()}
    elif isinstance(values, Mapping):
        for k, v in values.items():
            by_name[parameter_name(k, "values")] = v
    else:
        raise GameError(f"values: expected a mapping or ParameterSet, got {type(values).__name__}")
    out = {}
    for s in symbols:
        if s.name in by_name:
            out[s] = to_exact(by_name[s.name], f"value of {s.name!r}", error=GameError)
    return out


def resolve_symbol(symbols: Any, key: Any, *, where: str, what: str = "parameter of the game") -> sympy.Symbol:
    """The symbol among ``symbols`` (a game's free symbols, or the game itself) that ``key`` names.

    The one name-to-symbol lookup of the analysis layer: ``key`` is a sympy
    Symbol or a parameter name, matched by name (so a Symbol built with other
    assumptions still finds the game's own).

    Raises
    ------
    GameError
        For a key that is neither a Symbol nor a string.
    UnknownNameError
        For a name that is not among ``symbols``, with the nearest names.

    Examples
    --------
    >>> import sympy
    >>> vsl, w = sympy.symbols("vsl w", positive=True)
    >>> resolve_symbol({vsl, w}, "vsl", where="example") is vsl
    True
    >>> resolve_symbol({vsl, w}, "vls", where="example")
    Traceback (most recent call last):
    ...
    games.errors.UnknownNameError: example: unknown parameter of the game 'vls'; did you mean 'vsl'? (allowed: vsl, w)
    """
    pool = symbols.free_symbols if isinstance(symbols, (Game, SymmetricGame)) else symbols
    by_name = {s.name: s for s in pool}
    name = parameter_name(key, where)
    if name not in by_name:
        raise UnknownNameError(f"{where}: " + suggest(name, by_name, what=what))
    return by_name[name]

