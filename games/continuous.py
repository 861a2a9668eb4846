r"""Games with continuous choices: each player picks a number from an interval.

A :class:`ContinuousGame` has players whose strategies are sympy symbols, each
with an interval ``[low, high]`` (bounds may be symbolic or infinite), and
payoffs that are sympy expressions in every player's strategy symbol and the
parameters.  Cournot quantities, Tullock contest spending and safety levels in
an AI race are games of this form.

Two forms:

* **Explicit** (``ContinuousGame(players, strategies, payoffs)``): one symbol,
  interval and payoff per player.
* **Symmetric** (:meth:`ContinuousGame.symmetric`): ``n`` identical players,
  where ``n`` may be a symbol; the game is given by the payoff of one player
  playing ``x`` while each of the other ``n - 1`` players plays ``y``.  This is
  how the n-player Tullock contest is stated with the number of labs left open.

The game is frozen (immutable, hashable); :meth:`~ContinuousGame.subs` returns
a new game.  Strings are never parsed: payoffs and bounds are numbers or sympy
expressions (floats become exact rationals, as in :class:`~games.core.Game`).

References
----------
.. [1] D. Fudenberg and J. Tirole, *Game Theory* (MIT Press, 1991), section 1.2
   (games with continuous strategy spaces; Cournot).
.. [2] G. Tullock, "Efficient rent seeking", in *Toward a Theory of the
   Rent-Seeking Society* (1980) 97-112.

Examples
--------
>>> import sympy
>>> q1, q2 = sympy.symbols("q1 q2", nonnegative=True)
>>> a, b, c = sympy.symbols("a b c", positive=True)
>>> cournot = ContinuousGame(("Firm 1", "Firm 2"), ((q1, 0, sympy.oo), (q2, 0, sympy.oo)),
...                          ((a - b * (q1 + q2) - c) * q1, (a - b * (q1 + q2) - c) * q2), name="Cournot")
>>> sorted(s.name for s in cournot.free_symbols)
['a', 'b', 'c']
>>> cournot.subs({"a": 10, "b": 1, "c": 1}).is_numeric
True
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy

from games._arrays import _labels, _subs_map
from games._exact import to_exact
from games.errors import GameError, StrategyIntervalError
from games.parameters import ParameterSet

__all__ = ["ContinuousGame"]

_INFINITE = (sympy.oo, -sympy.oo)


def _exact(value: Any, where: str) -> sympy.Expr:
    """``value`` as an exact expression: numbers through :func:`~games._exact.to_exact`, floats inside
    an expression replaced by the rationals of their decimal form (``0.25 * x -> x / 4``)."""
    e = to_exact(value, where, error=GameError)
    floats = e.atoms(sympy.Float)
    return e.xreplace({f: sympy.nsimplify(f, rational=True) for f in floats}) if floats else e


def _bound(value: Any, where: str) -> sympy.Expr:
    """A strategy bound: a number, a sympy expression, or +-infinity (``sympy.oo`` or ``float('inf')``)."""
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return sympy.oo if value > 0 else -sympy.oo
    if value in _INFINITE:
        return value  # type: ignore[no-any-return]
    exact = _exact(value, where)
    if exact.has(sympy.I) or exact.is_real is False:
        raise GameError(f"{where}: {exact} is not a real number (bounds are real)")
    return exact


def _check_interval(symbol: sympy.Symbol, low: sympy.Expr, high: sympy.Expr, player: str) -> None:
    where = f"ContinuousGame: strategy {symbol} of {player!r}"
    if low == sympy.oo or high == -sympy.oo:
        raise StrategyIntervalError(f"{where}: interval [{low}, {high}] is empty "
                                    "(allowed: low < oo, high > -oo, low <= high)")
    if low in _INFINITE or high in _INFINITE:
        return
    gap = sympy.simplify(high - low)
    if gap.is_negative:
        raise StrategyIntervalError(f"{where}: low = {low} is above high = {high} (allowed: low <= high)")


@dataclass(frozen=True)
class ContinuousGame:
    r"""An N-player game with interval strategies and symbolic payoffs.

    Parameters
    ----------
    players : sequence of str
        Player names (distinct, non-empty).
    strategies : sequence of (sympy.Symbol, low, high)
        Each player's strategy symbol and its interval; bounds are numbers,
        sympy expressions in the parameters, or ``sympy.oo`` / ``-sympy.oo``.
    payoffs : sequence of sympy expressions
        Player i's payoff, in the strategy symbols and the parameters.
    name : str, optional
        A title for display.

    Attributes
    ----------
    players, strategies, payoffs, name
        As given (tuples; bounds and payoffs exact sympy values).
    n_players : sympy.Expr or None
        The number of players of a symmetric game (:meth:`symmetric`), which may
        be a symbol; None for the explicit form.
    others : sympy.Symbol or None
        In a symmetric game, the strategy played by each of the other players.

    Raises
    ------
    StrategyIntervalError
        For an interval with ``low > high`` (as far as the bounds decide), or
        ``low = oo`` / ``high = -oo``.
    GameError
        For mismatched lengths, repeated or non-Symbol strategy symbols, a bound
        that contains a strategy symbol, a payoff given as a string, a complex payoff.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> ContinuousGame(("A",), ((x, 1, 0),), (-x**2,))
    Traceback (most recent call last):
    ...
    games.errors.StrategyIntervalError: ContinuousGame: strategy x of 'A': low = 1 is above high = 0 (allowed: low <= high)
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[sympy.Symbol, sympy.Expr, sympy.Expr], ...]
    payoffs: tuple[sympy.Expr, ...]
    name: str | None = field(default=None, kw_only=True)
    n_players: sympy.Expr | None = field(default=None, kw_only=True)
    others: sympy.Symbol | None = field(default=None, kw_only=True)
    _free: frozenset[sympy.Symbol] = field(default=frozenset(), init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if isinstance(self.players, str) or not isinstance(self.players, Sequence):
            raise GameError(f"ContinuousGame: players must be a sequence of names, got {self.players!r}")
        players = _labels(self.players, len(self.players), (), "ContinuousGame: players")
        if not players:
            raise GameError("ContinuousGame: at least one player is required")
        n = len(players)
        if isinstance(self.strategies, (str, bytes)) or not isinstance(self.strategies, Sequence) \
                or len(self.strategies) != n:
            raise GameError(f"ContinuousGame: {n} players need {n} strategies (symbol, low, high), "
                            f"got {self.strategies!r}")
        if isinstance(self.payoffs, (str, bytes)) or not isinstance(self.payoffs, Sequence) or len(self.payoffs) != n:
            raise GameError(f"ContinuousGame: {n} players need {n} payoffs, got {self.payoffs!r}")
        strategies = []
        for player, spec in zip(players, self.strategies):
            if isinstance(spec, (str, bytes)) or not isinstance(spec, Sequence) or len(spec) != 3:
                raise GameError(f"ContinuousGame: strategy of {player!r} must be (symbol, low, high), got {spec!r}")
            sym, low, high = spec
            if not isinstance(sym, sympy.Symbol):
                raise GameError(f"ContinuousGame: strategy of {player!r} must be a sympy Symbol, got {sym!r}")
            lo = _bound(low, f"ContinuousGame: low bound of {sym} ({player!r})")
            hi = _bound(high, f"ContinuousGame: high bound of {sym} ({player!r})")
            _check_interval(sym, lo, hi, player)
            strategies.append((sym, lo, hi))
        symbols = [s for s, _, _ in strategies]
        if self.others is not None:
            if not isinstance(self.others, sympy.Symbol):
                raise GameError(f"ContinuousGame: others must be a sympy Symbol, got {self.others!r}")
            symbols.append(self.others)
        if len(set(symbols)) != len(symbols):
            raise GameError(f"ContinuousGame: strategy symbols must be distinct, got {symbols}")
        for sym, lo, hi in strategies:
            if (lo.free_symbols | hi.free_symbols) & set(symbols):
                raise GameError(f"ContinuousGame: the interval of {sym} depends on a strategy ({lo}, {hi})")
        payoffs = []
        for player, p in zip(players, self.payoffs):
            e = _exact(p, f"ContinuousGame: payoff of {player!r}")
            if e.has(sympy.I) or e.is_real is False:
                raise GameError(f"ContinuousGame: payoff of {player!r} is not real: {e}")
            payoffs.append(e)
        if self.name is not None and not isinstance(self.name, str):
            raise GameError(f"ContinuousGame: name must be a string, got {type(self.name).__name__}")
        count = self.n_players
        if (count is None) != (self.others is None):
            raise GameError("ContinuousGame: n_players and others are given together (use ContinuousGame.symmetric)")
        if count is not None:
            count = _count(count)
            if n != 1:
                raise GameError(f"ContinuousGame: a symmetric game is given by one player's payoff, got {n}")
        free: set[sympy.Symbol] = set()
        for e in payoffs:
            free |= e.free_symbols
        for _, lo, hi in strategies:
            free |= lo.free_symbols | hi.free_symbols
        if count is not None:
            free |= count.free_symbols
        object.__setattr__(self, "players", tuple(players))
        object.__setattr__(self, "strategies", tuple(strategies))
        object.__setattr__(self, "payoffs", tuple(payoffs))
        object.__setattr__(self, "name", self.name or "")
        object.__setattr__(self, "n_players", count)
        object.__setattr__(self, "_free", frozenset(free - set(symbols)))

    # -- constructors -------------------------------------------------------
    @classmethod
    def symmetric(cls, n_players: Any, strategy: tuple[sympy.Symbol, Any, Any], payoff: Any, *,
                  others: sympy.Symbol, player: str = "Each player", name: str | None = None) -> ContinuousGame:
        r"""A symmetric game of ``n_players`` identical players (``n_players`` may be a symbol).

        Parameters
        ----------
        n_players : int (>= 2) or sympy expression
            The number of players.
        strategy : (sympy.Symbol, low, high)
            One player's strategy symbol ``x`` and its interval.
        payoff : sympy expression
            The payoff of a player who plays ``x`` while each of the other
            ``n_players - 1`` plays ``others``.
        others : sympy.Symbol
            The strategy of each of the other players.
        player : str, default "Each player"
            The label of the representative player.
        name : str, optional

        Raises
        ------
        GameError
            For ``n_players`` below 2 or not a whole number, and as the constructor.

        Examples
        --------
        The n-player Tullock contest for a prize V:

        >>> import sympy
        >>> x, y = sympy.symbols("x y", nonnegative=True)
        >>> n, V = sympy.symbols("n V", positive=True)
        >>> g = ContinuousGame.symmetric(n, (x, 0, sympy.oo), x / (x + (n - 1) * y) * V - x, others=y)
        >>> g.n_players, sorted(s.name for s in g.free_symbols)
        (n, ['V', 'n'])
        """
        return cls((player,), (strategy,), (payoff,), name=name, n_players=n_players, others=others)

    # -- properties ---------------------------------------------------------
    @property
    def is_symmetric(self) -> bool:
        """True for the symmetric form (:meth:`symmetric`)."""
        return self.others is not None

    @property
    def symbols(self) -> tuple[sympy.Symbol, ...]:
        """The strategy symbols, one per player."""
        return tuple(s for s, _, _ in self.strategies)

    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        """The parameters the payoffs, bounds and number of players still depend on."""
        return self._free

    @property
    def is_numeric(self) -> bool:
        """True when nothing but the strategies is left symbolic."""
        return not self._free

    def subs(self, mapping: Mapping[Any, Any] | ParameterSet) -> ContinuousGame:
        """Substitute values for parameters; returns a new game (strategy symbols are kept).

        Parameters
        ----------
        mapping : mapping or ParameterSet
            Keys are sympy Symbols or parameter names; values numbers or sympy expressions.

        Raises
        ------
        GameError
            When a payoff becomes infinite or undefined, or a key names a strategy.
        StrategyIntervalError
            When the substituted bounds give ``low > high``.

        Examples
        --------
        >>> import sympy
        >>> x, a = sympy.symbols("x a")
        >>> ContinuousGame(("A",), ((x, 0, a),), (x - x**2,)).subs({"a": 2}).strategies
        ((x, 0, 2),)
        """
        strategy_names = {s.name for s in self.symbols} | ({self.others.name} if self.others is not None else set())
        if isinstance(mapping, Mapping):
            for key in mapping:
                if getattr(key, "name", key) in strategy_names:
                    raise GameError(f"ContinuousGame.subs: {key} is a strategy, not a parameter "
                                    f"(parameters: {', '.join(sorted(s.name for s in self._free)) or 'none'})")
        subs = _subs_map(self._free, mapping, owner="ContinuousGame")
        if not subs:
            return self
        payoffs = tuple(p.subs(subs) for p in self.payoffs)
        for player, p in zip(self.players, payoffs):
            if p.has(sympy.zoo, sympy.nan):
                raise GameError(f"ContinuousGame.subs: payoff of {player!r} becomes {p}")
        strategies = tuple((s, lo.subs(subs), hi.subs(subs)) for s, lo, hi in self.strategies)
        count = None if self.n_players is None else self.n_players.subs(subs)
        return ContinuousGame(self.players, strategies, payoffs, name=self.name, n_players=count, others=self.others)

    def __str__(self) -> str:
        head = self.name or "Continuous game"
        if self.is_symmetric:
            (x, lo, hi), = self.strategies
            return (f"{head}: {self.n_players} symmetric players, each {x} in [{lo}, {hi}]; "
                    f"payoff {self.payoffs[0]} when the others play {self.others}")
        rows = [f"  {p}: {s} in [{lo}, {hi}], payoff {u}"
                for p, (s, lo, hi), u in zip(self.players, self.strategies, self.payoffs)]
        return head + "\n" + "\n".join(rows)


def _count(n: Any) -> sympy.Expr:
    """The number of players of a symmetric game: a whole number >= 2 or a symbolic expression."""
    if isinstance(n, sympy.Basic) and not n.is_number:
        return n  # type: ignore[return-value]
    if isinstance(n, bool) or not isinstance(n, (numbers.Integral, sympy.Integer)) or int(n) < 2:
        raise GameError(f"ContinuousGame.symmetric: n_players={n!r} not allowed "
                        "(allowed: a whole number >= 2 or a sympy expression)")
    return sympy.Integer(int(n))
