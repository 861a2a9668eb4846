r"""Dominated strategies and iterated elimination of dominated strategies, by pure or mixed strategies (exact LP).

Strategy :math:`t` *strictly dominates* :math:`s` when :math:`u_i(t, s_{-i}) >
u_i(s, s_{-i})` against every profile of the others, and *weakly dominates*
it when :math:`\ge` everywhere and :math:`>` somewhere.  A *mixed* strategy
:math:`\sigma` dominates :math:`s` when its expected payoff does.  Whether some
mixture of the other strategies dominates :math:`s` is a linear programme
(Myerson 1991, Section 1.8; Fudenberg and Tirole 1991, Section 2.1):

.. math::

    \text{strict:}\ \max \varepsilon \ \text{s.t.}\ \sum_t \sigma_t
    [u_i(t, o) - u_i(s, o)] \ge \varepsilon\ \forall o,\quad
    \text{weak:}\ \max \sum_o \sum_t \sigma_t [u_i(t, o) - u_i(s, o)]
    \ \text{s.t. each term} \ge 0,

over :math:`\sigma \ge 0,\ \sum_t \sigma_t = 1`; :math:`s` is dominated
when the optimum is positive.  Rational payoffs go through the exact simplex
of :mod:`solvers.equilibria.exact_lp` (so the dominating mixture is exact);
other payoffs through scipy's HiGHS with the relative tolerance
:data:`~solvers.results.equilibria.FLOAT_TOL`.  Pure dominance is compared
as in :mod:`solvers.equilibria.pure`.

References
----------
R. B. Myerson, *Game Theory: Analysis of Conflict*, Harvard (1991), Section 1.8 and 3.1.
D. Fudenberg, J. Tirole, *Game Theory*, MIT Press (1991), Section 2.1.
I. Gilboa, E. Kalai, E. Zemel, "On the order of eliminating dominated strategies",
Operations Research Letters 9 (1990) 85-89.

Examples
--------
>>> from games import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
>>> dominated_strategies(pd, 0)
[(0, 1)]
>>> # (1, 1) is beaten by no pure strategy, but by the mixture 1/2 (3, 0) + 1/2 (0, 3) = (3/2, 3/2)
>>> g = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]], strategies=(["T", "M", "B"], ["L", "R"]))
>>> dominated_strategies(g, 0), dominated_strategies(g, 0, mixed=True)
([], [(2, (1/2, 1/2, 0))])
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError
from solvers.equilibria.exact_lp import solve_lp
from solvers.equilibria.pure import _comparable_arrays, _numeric
from solvers.results.equilibria import FLOAT_TOL, Elimination

__all__ = ["dominated_strategies", "iterated_elimination"]


def _dominance_pairs(u: np.ndarray, axis: int, strict: bool, exact: bool, alive: list[list[int]] | None = None) -> list[tuple[int, int]]:
    """(dominated, dominating) pairs of strategies of the player on ``axis``."""
    if alive is not None:
        u = u[np.ix_(*alive)]
    v = np.moveaxis(u, axis, 0).reshape(u.shape[axis], -1)
    tol = 0.0 if exact else FLOAT_TOL * max(1.0, float(np.max(np.abs(v))))
    # diff[t, s, :] = u(t, .) - u(s, .)
    diff = v[:, None, :] - v[None, :, :]
    if strict:
        dom = np.all(diff > tol, axis=2)
    else:
        dom = np.all(diff >= -tol, axis=2) & np.any(diff > tol, axis=2)
    names = list(range(u.shape[axis])) if alive is None else alive[axis]
    out = []
    for s in range(v.shape[0]):
        dominators = [t for t in range(v.shape[0]) if dom[t, s]]
        if dominators:
            out.append((names[s], names[dominators[0]]))
    return out


def _mixed_dominator(u: np.ndarray, axis: int, s: int, strict: bool, exact: bool,
                     alive: list[list[int]] | None = None) -> tuple[Any, ...] | None:
    """A mixture of the other (surviving) strategies dominating ``s`` (positions in the sub-game), or None."""
    if alive is not None:
        u = u[np.ix_(*alive)]
    v = np.moveaxis(u, axis, 0).reshape(u.shape[axis], -1)
    others = [t for t in range(v.shape[0]) if t != s]
    if not others:
        return None
    d = [[v[t, o] - v[s, o] for t in others] for o in range(v.shape[1])]  # d[o][t]: gain of t over s at o
    k = len(others)
    if exact:
        dd = [[Fraction(int(x)) for x in row] for row in d]
        if strict:  # variables sigma (k), eps+ , eps-: max eps s.t. eps - sigma . d_o <= 0
            sol = solve_lp([0] * k + [1, -1], [[-x for x in row] + [1, -1] for row in dd], [0] * len(dd),
                           [[1] * k + [0, 0]], [1])
        else:  # max sum_o sigma . d_o s.t. sigma . d_o >= 0
            sol = solve_lp([sum(row[t] for row in dd) for t in range(k)], [[-x for x in row] for row in dd],
                           [0] * len(dd), [[1] * k], [1])
        if sol.status != "optimal" or sol.value is None or sol.value <= 0 or sol.x is None:
            return None
        weights = [sympy.Rational(x.numerator, x.denominator) for x in sol.x[:k]]
    else:
        from scipy.optimize import linprog

        D = np.array(d, dtype=float)
        tol = FLOAT_TOL * max(1.0, float(np.max(np.abs(v))))
        if strict:
            c = np.r_[np.zeros(k), -1.0]
            A_ub = np.c_[-D, np.ones(len(D))]
            res = linprog(c, A_ub=A_ub, b_ub=np.zeros(len(D)), A_eq=[np.r_[np.ones(k), 0.0]], b_eq=[1],
                          bounds=[(0, None)] * k + [(None, None)], method="highs")
        else:
            res = linprog(-D.sum(axis=0), A_ub=-D, b_ub=np.full(len(D), tol), A_eq=[np.ones(k)], b_eq=[1],
                          bounds=(0, None), method="highs")
        if res.status != 0 or -res.fun <= tol:
            return None
        weights = [float(x) for x in res.x[:k]]
    out: list[Any] = [sympy.Integer(0) if exact else 0.0] * v.shape[0]
    for t, w in zip(others, weights):
        out[t] = w
    return tuple(out)


def dominated_strategies(game: Game, player: int | str, *, strict: bool = True, mixed: bool = False) -> list[Any]:
    """The pure strategies of ``player`` dominated by another pure strategy, or (``mixed=True``) by a mixture.

    Parameters
    ----------
    game : Game
        A numeric game.
    player : int or str
        Player index or name.
    strict : bool
        True: strict dominance (better against every profile of the others).
        False: weak dominance (never worse, sometimes better).
    mixed : bool
        False: domination by pure strategies only.  True: by mixed strategies
        (a linear programme per strategy, exact for rational payoffs).

    Returns
    -------
    list of (int, int), or (mixed=True) of (int, tuple)
        ``(dominated, dominating)``: with pure dominance the index of the first
        (lowest index) dominating strategy; with ``mixed=True`` a dominating
        mixed strategy (one probability per strategy of the player; a pure
        dominator, when there is one, as its unit vector).

    Raises
    ------
    SymbolicError
        If the game has free symbols.
    GameError
        If the player is unknown.

    Examples
    --------
    >>> from games import Game
    >>> g = Game.from_bimatrix([[1, 1], [1, 0]], [[0, 0], [0, 0]])
    >>> dominated_strategies(g, "Row"), dominated_strategies(g, "Row", strict=False)
    ([], [(1, 0)])
    >>> dominated_strategies(g, "Row", strict=False, mixed=True)
    [(1, (1, 0))]
    """
    _numeric(game, "dominated_strategies")
    i = _player_index(game, player, "dominated_strategies")
    arrays, exact = _comparable_arrays(game)
    pairs = _dominance_pairs(arrays[i], i, strict, exact)
    if not mixed:
        return pairs
    return _with_mixed(arrays[i], i, strict, exact, None, pairs, game.shape[i])


def _with_mixed(u: np.ndarray, i: int, strict: bool, exact: bool, alive: list[list[int]] | None,
                pairs: list[tuple[int, int]], m: int) -> list[tuple[int, tuple[Any, ...]]]:
    """Every strategy dominated by a pure one (as a unit vector) or, failing that, by a mixture."""
    names = list(range(m)) if alive is None else alive[i]
    pure = dict(pairs)
    out: list[tuple[int, tuple[Any, ...]]] = []
    one, zero = (sympy.Integer(1), sympy.Integer(0)) if exact else (1.0, 0.0)
    for pos, s in enumerate(names):
        if s in pure:
            out.append((s, tuple(one if t == pure[s] else zero for t in names)))
            continue
        sigma = _mixed_dominator(u, i, pos, strict, exact, alive)
        if sigma is not None:
            out.append((s, sigma))
    return out


def _player_index(game: Game, player: int | str, where: str) -> int:
    if isinstance(player, str):
        if player in game.players:
            return game.players.index(player)
        raise GameError(f"{where}: unknown player {player!r} (allowed: {', '.join(game.players)})")
    if isinstance(player, (int, np.integer)) and not isinstance(player, bool) and 0 <= int(player) < game.n_players:
        return int(player)
    raise GameError(f"{where}: player {player!r} not allowed (allowed: 0..{game.n_players - 1} or a name)")


def _mixture_name(strategies: list[str], sigma: tuple[Any, ...]) -> str:
    terms = [(s, w) for s, w in zip(strategies, sigma) if w != 0]
    if len(terms) == 1:
        return terms[0][0]
    return " + ".join(f"{w} {s}" for s, w in terms)


def iterated_elimination(game: Game, *, mixed: bool = True, strict: bool = True) -> Elimination:
    """Iterated elimination of dominated strategies (by mixed strategies unless ``mixed=False``).

    In each round every strategy dominated by another surviving pure strategy
    or (``mixed=True``) by a mixture of surviving strategies is removed, for
    all players at once.  The result of strict elimination does not depend on
    the order (Gilboa, Kalai and Zemel 1990); weak elimination
    (``strict=False``) does, and this one removes everything weakly dominated
    in each round.

    Parameters
    ----------
    game : Game
        A numeric game.
    mixed : bool, default True
        Also eliminate strategies dominated only by a mixed strategy.
    strict : bool, default True
        Strict dominance; False for weak dominance.

    Returns
    -------
    Elimination
        The reduced game, the survivors and the steps
        ``(round, player, eliminated, dominating)``; a mixed dominator is
        written as its mixture (``"1/2 T + 1/2 M"``).

    Raises
    ------
    SymbolicError
        If the game has free symbols.

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> res = iterated_elimination(pd)
    >>> res.game.strategies, res.steps
    ((('D',), ('D',)), ((1, 0, 'C', 'D'), (1, 1, 'C', 'D')))
    """
    _numeric(game, "iterated_elimination")
    arrays, exact = _comparable_arrays(game)
    alive = [list(range(m)) for m in game.shape]
    steps: list[tuple[int, int, str, str]] = []
    rnd = 0
    while True:
        rnd += 1
        removals: list[tuple[int, list[tuple[int, str]]]] = []
        for i, u in enumerate(arrays):
            if len(alive[i]) < 2:
                continue
            pairs = _dominance_pairs(u, i, strict, exact, alive)
            names = game.strategies[i]
            if mixed:
                found = _with_mixed(u, i, strict, exact, alive, pairs, game.shape[i])
                sub = [names[t] for t in alive[i]]
                removals.append((i, [(s, _mixture_name(sub, sig)) for s, sig in found]))
            else:
                removals.append((i, [(s, names[t]) for s, t in pairs]))
        changed = False
        for i, found_i in removals:
            for s, by in found_i:
                steps.append((rnd, i, game.strategies[i][s], by))
                alive[i].remove(s)
                changed = True
        if not changed:
            break
    idx = np.ix_(*alive)
    reduced = Game.from_payoff_arrays(
        [np.array(arr.tolist(), dtype=object)[idx] for arr in game.payoffs],
        players=game.players,
        strategies=[[game.strategies[i][s] for s in alive[i]] for i in range(game.n_players)],
        name=game.name,
    )
    return Elimination(reduced, tuple(tuple(a) for a in alive), tuple(steps))
