r"""The compact symmetric n-player game: :class:`SymmetricGame`.

Two strategies, payoffs as sympy expressions in the count of the *other*
players who play the first one; ``n`` may be a symbol or huge (8e9), and
nothing is expanded unless :meth:`SymmetricGame.to_game` is called.
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy
from sympy import ImmutableDenseNDimArray

from games._arrays import _labels, _subs_map
from games._exact import to_exact
from games._text import latex_text
from games.core import MAX_EXPANDED_PLAYERS, Game
from games.errors import GameError, SizeLimitError, SymbolicError, UnknownNameError, suggest
from games.parameters import ParameterSet, latex_symbol_names

__all__ = ["SymmetricGame"]


def _check_n_players(n: Any) -> sympy.Expr:
    if isinstance(n, sympy.Symbol):
        return n
    if isinstance(n, sympy.Basic) and not n.is_number:
        return n  # an expression in symbols, e.g. N + 1
    e = to_exact(n, "SymmetricGame n_players", error=GameError)
    if isinstance(e, sympy.Float) and sympy.Rational(e) == int(e):
        e = sympy.Integer(int(e))  # sympy.Float("8e9"): a whole number of players written as a float
    if not e.is_integer:
        raise GameError(f"SymmetricGame n_players: {n!r} is not a whole number of players")
    if e < 2:
        raise GameError(f"SymmetricGame n_players: {e} players (allowed: at least 2)")
    return e


@dataclass(frozen=True)
class SymmetricGame:
    r"""An n-player symmetric game with two strategies, stored compactly.

    Each player's payoff depends on her own strategy and on ``count``, the
    number of the *other* ``n - 1`` players who play the first strategy.

    Parameters
    ----------
    n_players : int, float, or sympy expression
        May be a symbol (``N``) or huge (``8e9``); it is never expanded unless
        :meth:`to_game` is called.
    payoffs : mapping
        ``{strategy name: sympy expression in count}`` for both strategies, in
        order (first, second).  Expressions may be ``Piecewise`` in ``count``
        (thresholds, "at least M others").
    count : sympy.Symbol
        The symbol used for the count of others playing the first strategy.
    strategies : sequence of two str, optional
        Defaults to the keys of ``payoffs``.
    name : str

    Examples
    --------
    >>> import sympy
    >>> k, b, c = sympy.symbols("k b c", nonnegative=True)
    >>> pgg = SymmetricGame(4, {"Contribute": b * (k + 1) / 4 - c, "Defect": b * k / 4},
    ...                     count=k, name="public goods")
    >>> pgg.payoff("Defect", 3)
    3*b/4
    >>> g = pgg.subs({"b": 2, "c": 1}).to_game()
    >>> g.shape
    (2, 2, 2, 2)
    >>> g.payoffs[0][0, 0, 0, 0]
    1
    """

    n_players: Any
    payoffs: Any
    count: sympy.Symbol = sympy.Symbol("k", integer=True, nonnegative=True)
    strategies: tuple[str, str] | None = None
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "n_players", _check_n_players(self.n_players))
        if not isinstance(self.count, sympy.Symbol):
            raise GameError(f"SymmetricGame count: {self.count!r} must be a sympy Symbol")
        raw = self.payoffs
        if isinstance(raw, Mapping):
            items = list(raw.items())
        elif isinstance(raw, (tuple, list)) and all(isinstance(x, tuple) and len(x) == 2 for x in raw):
            items = list(raw)
        else:
            raise GameError("SymmetricGame payoffs: give a mapping {strategy name: expression in count}")
        if len(items) != 2:
            raise GameError(f"SymmetricGame payoffs: exactly two strategies are required, got {len(items)}")
        strategies = tuple(k for k, _ in items) if self.strategies is None else tuple(self.strategies)
        strategies = _labels(strategies, 2, [], "SymmetricGame strategies")
        keys = [k for k, _ in items]
        if set(keys) != set(strategies):
            raise GameError(f"SymmetricGame: payoff keys {keys} do not match strategies {list(strategies)}")
        lookup = dict(items)
        exprs = tuple(
            (s, to_exact(lookup[s], f"SymmetricGame payoff of {s!r}", error=GameError)) for s in strategies
        )
        object.__setattr__(self, "payoffs", exprs)
        object.__setattr__(self, "strategies", strategies)
        if not isinstance(self.name, str):
            raise GameError("SymmetricGame name must be a string")

    @property
    def payoff_exprs(self) -> tuple[sympy.Expr, sympy.Expr]:
        """The two payoff expressions, first strategy first."""
        return (self.payoffs[0][1], self.payoffs[1][1])

    def payoff(self, strategy: str | int, count: Any) -> sympy.Expr:
        """Payoff of a player of ``strategy`` when ``count`` others play the first strategy."""
        i = self._index(strategy)
        expr = self.payoffs[i][1]
        c = count if isinstance(count, sympy.Basic) else to_exact(count, "count", error=GameError)
        return sympy.piecewise_fold(expr.subs(self.count, c))  # type: ignore[no-any-return]

    def _index(self, strategy: str | int) -> int:
        assert self.strategies is not None
        if isinstance(strategy, numbers.Integral) and not isinstance(strategy, bool) and 0 <= int(strategy) < 2:
            return int(strategy)
        if strategy in self.strategies:
            return self.strategies.index(strategy)  # type: ignore[arg-type]
        raise UnknownNameError(suggest(str(strategy), self.strategies, what="strategy"))

    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        """Parameters the game depends on (``count`` excluded; a symbolic n included)."""
        free: set[sympy.Symbol] = set()
        for _, e in self.payoffs:
            free |= e.free_symbols
        free.discard(self.count)
        if isinstance(self.n_players, sympy.Basic):
            free |= self.n_players.free_symbols
        return frozenset(free)

    @property
    def is_numeric(self) -> bool:
        """True when nothing but ``count`` is symbolic."""
        return not self.free_symbols

    def subs(self, mapping: Mapping[Any, Any] | ParameterSet) -> SymmetricGame:
        """Substitute parameter values (Symbols or names); returns a new SymmetricGame."""
        subs = _subs_map(self.free_symbols, mapping, owner="SymmetricGame")
        if not subs:
            return self
        n = self.n_players.subs(subs) if isinstance(self.n_players, sympy.Basic) else self.n_players
        return SymmetricGame(
            n, {s: e.subs(subs) for s, e in self.payoffs}, count=self.count,
            strategies=self.strategies, name=self.name,
        )

    def to_game(self, *, max_players: int = MAX_EXPANDED_PLAYERS) -> Game:
        """Expand into a full :class:`Game` with ``2**n`` profiles (small n only).

        Raises
        ------
        SymbolicError
            If ``n_players`` is symbolic.
        SizeLimitError
            If ``n_players`` exceeds ``max_players`` (default
            :data:`MAX_EXPANDED_PLAYERS` = 12, i.e. 4096 profiles per player).
        """
        n = self.n_players
        if not (isinstance(n, sympy.Integer)):
            raise SymbolicError(f"SymmetricGame.to_game: n_players is symbolic ({n}); substitute a number first")
        if int(n) > max_players:
            raise SizeLimitError(
                f"SymmetricGame.to_game: {n} players would give 2**{n} profiles; "
                f"allowed: at most {max_players} players (use the compact solvers instead)"
            )
        nn = int(n)
        table = [[self.payoff(s, k) for k in range(nn)] for s in range(2)]
        shape = (2,) * nn
        arrays = []
        for i in range(nn):
            flat = []
            for prof in itertools.product(range(2), repeat=nn):
                others = sum(1 for j, s in enumerate(prof) if j != i and s == 0)
                flat.append(table[prof[i]][others])
            arrays.append(ImmutableDenseNDimArray(flat, shape))
        assert self.strategies is not None
        return Game(
            players=tuple(f"Player {i + 1}" for i in range(nn)),
            strategies=tuple(tuple(self.strategies) for _ in range(nn)),
            payoffs=tuple(arrays),
            name=self.name,
        )

    def latex(self, *, symbol_names: Mapping[sympy.Symbol, str] | None = None) -> str:
        r"""The two payoff functions as an amsmath ``aligned`` block.

        Examples
        --------
        >>> import sympy
        >>> k = sympy.Symbol("k")
        >>> print(SymmetricGame(3, {"A": k, "B": 1}, count=k).latex())
        \begin{aligned}
        \pi_{\text{A}}(k) &= k \\
        \pi_{\text{B}}(k) &= 1
        \end{aligned}
        """
        names = dict(latex_symbol_names())
        if symbol_names:
            names.update(symbol_names)
        c = sympy.latex(self.count, symbol_names=names)
        rows = [
            r"\pi_{%s}(%s) &= %s" % (latex_text(s), c, sympy.latex(e, symbol_names=names))
            for s, e in self.payoffs
        ]
        return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"

    def _repr_latex_(self) -> str:
        n = sympy.latex(self.n_players, symbol_names=latex_symbol_names())
        return "$$" + r"%s\ \text{players}:\quad " % n + self.latex() + "$$"

    def __str__(self) -> str:
        assert self.strategies is not None
        return f"{self.name or 'SymmetricGame'}: {self.n_players} players, strategies {', '.join(self.strategies)}"

