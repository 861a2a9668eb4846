r"""Pure-strategy analysis of N-player games: pure equilibria, Pareto efficiency, social optimum.

Dominance and iterated elimination are in :mod:`solvers.equilibria.dominance`.

All functions work on numeric games of any number of players and are
vectorised over the payoff arrays with numpy.  Rational payoffs (every
numeric :class:`~games.core.Game` built from numbers) are compared exactly:
each player's payoffs are scaled to integers, held in ``int64`` when they fit
and in Python integers otherwise, so ties -- the heart of degenerate games --
are never decided by round-off.  Irrational payoffs (``sqrt(2)``) fall back to
floats compared with the relative tolerance
:data:`~solvers.results.equilibria.FLOAT_TOL`.

A pure profile :math:`s` is a Nash equilibrium when
:math:`u_i(s) = \max_{t_i} u_i(t_i, s_{-i})` for every player i.  Strategy
:math:`t` *strictly dominates* :math:`s` when :math:`u_i(t, s_{-i}) >
u_i(s, s_{-i})` against every profile of the others (see
:mod:`solvers.equilibria.dominance`).

Examples
--------
>>> from games import Game
>>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
>>> [e.profile for e in pure_nash_equilibria(pd)]
[((0, 1), (0, 1))]
>>> pareto_efficient_profiles(pd)
[(0, 0), (0, 1), (1, 0)]
>>> social_optimum(pd)
(6, [(0, 0)])
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError, SymbolicError
from solvers.results.equilibria import FLOAT_TOL, Equilibria, Equilibrium

__all__ = ["pure_nash_equilibria", "pareto_efficient_profiles", "social_optimum"]


def _numeric(game: Game, where: str) -> None:
    if not isinstance(game, Game):
        raise GameError(f"{where}: expected a games.Game, got {type(game).__name__}")
    if game.free_symbols:
        names = ", ".join(sorted(s.name for s in game.free_symbols))
        raise SymbolicError(f"{where}: the game has free symbols {names}; substitute values first (Game.subs)")


def _comparable_arrays(game: Game) -> tuple[list[np.ndarray], bool]:
    """Per-player payoff arrays that compare exactly (integers) when possible, else floats.

    Returns (arrays, exact).
    """
    out: list[np.ndarray] = []
    for arr in game.payoffs:
        flat = arr._array  # noqa: SLF001
        if not all(isinstance(v, sympy.Rational) for v in flat):
            return [a for a in game.numeric_arrays()], False
        den = 1
        for v in flat:
            den = math.lcm(den, int(v.q))
        ints = [int(v.p) * (den // int(v.q)) for v in flat]
        if max(abs(v) for v in ints) < 2**62:
            out.append(np.array(ints, dtype=np.int64).reshape(game.shape))
        else:
            a = np.empty(len(ints), dtype=object)
            a[:] = ints
            out.append(a.reshape(game.shape))
    return out, True


def _best_response_mask(u: np.ndarray, axis: int, exact: bool) -> np.ndarray:
    best = u.max(axis=axis, keepdims=True)
    if exact:
        return np.asarray(u == best, dtype=bool)
    scale = max(1.0, float(np.max(np.abs(u))))
    return np.asarray(u >= best - FLOAT_TOL * scale, dtype=bool)


def pure_nash_equilibria(game: Game) -> Equilibria:
    r"""Every pure-strategy Nash equilibrium of a numeric N-player game.

    Vectorised: for each player the mask of best responses along her own
    axis; the equilibria are the profiles where all masks hold.  Exact for
    rational payoffs.

    Parameters
    ----------
    game : Game
        A numeric game with any number of players.

    Returns
    -------
    Equilibria
        The pure equilibria as :class:`Equilibrium` objects (probability
        vectors with a single 1), in lexicographic order of the strategy
        indices.

    Raises
    ------
    SymbolicError
        If the game has free symbols (named in the message).

    Examples
    --------
    >>> from games import Game
    >>> import numpy as np
    >>> # three players, each paid 1 when all three choose the same strategy
    >>> same = np.zeros((2, 2, 2), dtype=int); same[0, 0, 0] = same[1, 1, 1] = 1
    >>> g = Game.from_payoff_arrays([same, same, same])
    >>> [e.support for e in pure_nash_equilibria(g)]
    [((0,), (0,), (0,)), ((1,), (1,), (1,))]
    """
    _numeric(game, "pure_nash_equilibria")
    arrays, exact = _comparable_arrays(game)
    mask = np.ones(game.shape, dtype=bool)
    for i, u in enumerate(arrays):
        mask &= _best_response_mask(u, i, exact)
    found = [tuple(int(v) for v in idx) for idx in np.argwhere(mask)]
    eqs = [_pure_equilibrium(game, prof, exact) for prof in found]
    return Equilibria(eqs, degenerate=None, exact=exact, method="pure", complete=True)


def _pure_equilibrium(game: Game, prof: tuple[int, ...], exact: bool) -> Equilibrium:
    one: Any = sympy.Integer(1) if exact else 1.0
    zero: Any = sympy.Integer(0) if exact else 0.0
    profile = tuple(tuple(one if j == s else zero for j in range(len(game.strategies[i]))) for i, s in enumerate(prof))
    pays = tuple(arr[prof] if exact else float(arr[prof]) for arr in game.payoffs)
    return Equilibrium(profile, pays, game.players, game.strategies, exact)


def pareto_efficient_profiles(game: Game) -> list[tuple[int, ...]]:
    """The pure profiles not Pareto-dominated by another pure profile.

    A profile is Pareto-dominated when another gives every player at least as
    much and some player strictly more.  Exact for rational payoffs.

    Examples
    --------
    >>> from games import Game
    >>> stag = Game.from_bimatrix([[4, 0], [3, 3]])
    >>> pareto_efficient_profiles(stag)
    [(0, 0)]
    """
    _numeric(game, "pareto_efficient_profiles")
    arrays, exact = _comparable_arrays(game)
    pts = np.stack([a.reshape(-1) for a in arrays], axis=1)  # (profiles, players)
    tol = 0.0 if exact else FLOAT_TOL * max(1.0, float(np.max(np.abs(pts))))
    ge = np.all(pts[:, None, :] >= pts[None, :, :] - tol, axis=2)  # ge[a, b]: a >= b everywhere
    gt = np.any(pts[:, None, :] > pts[None, :, :] + tol, axis=2)
    dominated = np.any(ge & gt, axis=0)
    profiles = list(itertools.product(*(range(m) for m in game.shape)))
    return [p for p, d in zip(profiles, dominated) if not d]


def social_optimum(game: Game) -> tuple[Any, list[tuple[int, ...]]]:
    """The largest sum of payoffs over pure profiles, and every profile attaining it.

    Returns
    -------
    (value, profiles)
        ``value`` is exact (sympy) for rational games, a float otherwise.

    Examples
    --------
    >>> from games import Game
    >>> social_optimum(Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    (3, [(0, 0), (1, 1)])
    """
    _numeric(game, "social_optimum")
    profiles = list(itertools.product(*(range(m) for m in game.shape)))
    if all(isinstance(v, sympy.Rational) for arr in game.payoffs for v in arr._array):  # noqa: SLF001
        totals = [sum((arr[p] for arr in game.payoffs), sympy.Integer(0)) for p in profiles]
        best = max(totals)
        return best, [p for p, t in zip(profiles, totals) if t == best]
    tot = np.sum([a.reshape(-1) for a in game.numeric_arrays()], axis=0)
    bestf = float(np.max(tot))
    tol = FLOAT_TOL * max(1.0, abs(bestf))
    return bestf, [p for p, t in zip(profiles, tot) if t >= bestf - tol]

