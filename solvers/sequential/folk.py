r"""The folk theorem's payoff set of a two-player stage game, as an exact polygon.

The *feasible* payoffs are the convex hull of the stage game's pure payoff
vectors; player :math:`i`'s (mixed) minmax value is

.. math::

    \underline v_i = \min_{\sigma_{-i}} \max_{s_i} u_i(s_i, \sigma_{-i}),

the value of the zero-sum game in which the opponent minimises :math:`u_i`
(von Neumann's theorem), found exactly with :func:`solvers.nash_equilibria`.
The feasible payoffs with :math:`u_i \ge \underline v_i` for both players are
the region :func:`folk_region` returns; every point strictly inside it is the
average payoff of a subgame-perfect equilibrium of the repeated game for
discount factors close enough to 1 (Fudenberg and Maskin 1986).

References
----------
.. [1] D. Fudenberg and E. Maskin, "The folk theorem in repeated games with
   discounting or with incomplete information", Econometrica 54 (1986) 533-554.
.. [2] A. M. Andrew, "Another efficient algorithm for convex hulls in two
   dimensions", Information Processing Letters 9 (1979) 216-219.
"""

from __future__ import annotations

import sympy

from games.core import Game
from games.errors import GameError, SymbolicError
from games.repeated import RepeatedGame
from solvers.equilibria.nash import nash_equilibria
from solvers.results.sequential import FolkRegion

__all__ = ["folk_region", "minmax_value"]

Point = tuple[sympy.Rational, sympy.Rational]


def _cross(o: Point, a: Point, b: Point) -> sympy.Rational:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull(points: list[Point]) -> tuple[Point, ...]:
    pts = sorted(set(points))
    if len(pts) <= 2:
        return tuple(pts)
    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return tuple(lower[:-1] + upper[:-1])


def _clip(poly: tuple[Point, ...], axis: int, bound: sympy.Rational) -> tuple[Point, ...]:
    """The part of a convex polygon with coordinate ``axis`` >= ``bound`` (Sutherland-Hodgman)."""
    if not poly:
        return ()
    if len(poly) == 1:
        return poly if poly[0][axis] >= bound else ()
    out: list[Point] = []
    ring = list(poly) if len(poly) > 2 else [poly[0], poly[1]]
    edges = list(zip(ring, ring[1:] + ring[:1])) if len(poly) > 2 else [(poly[0], poly[1])]
    for p, q in edges:
        pin, qin = p[axis] >= bound, q[axis] >= bound
        if pin:
            out.append(p)
        if pin != qin:
            t = (bound - p[axis]) / (q[axis] - p[axis])
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    if len(poly) == 2 and poly[1][axis] >= bound:
        out.append(poly[1])
    return _hull(out)


def minmax_value(stage: Game, player: int) -> sympy.Rational:
    """Player ``player``'s mixed minmax value in a numeric two-player stage game, exactly.

    Examples
    --------
    >>> mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> minmax_value(mp, 0)
    0
    """
    a = stage.payoffs[player]
    zero_sum = Game.from_payoff_arrays([a, -a] if player == 0 else [-a, a])
    return nash_equilibria(zero_sum)[0].payoffs[player]  # type: ignore[no-any-return]


def folk_region(game: RepeatedGame | Game) -> FolkRegion:
    r"""The feasible and individually rational payoffs of a numeric two-player stage game.

    Parameters
    ----------
    game : RepeatedGame or Game
        The repeated game (or its stage game); numeric, two players.

    Returns
    -------
    FolkRegion
        The feasible polygon, the minmax values and the region, exactly.

    Raises
    ------
    GameError
        For a game that does not have two players.
    SymbolicError
        For payoffs with free symbols.

    Examples
    --------
    The prisoner's dilemma (R, S, T, P) = (3, 0, 5, 1): minmax values (1, 1);
    the edge from (5, 0) to (3, 3) meets u_2 = 1 at u_1 = 5 - 2/3 = 13/3.

    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]])
    >>> r = folk_region(pd)
    >>> r.minmax, r.region
    ((1, 1), ((1, 1), (13/3, 1), (3, 3), (1, 13/3)))
    """
    stage = game.stage if isinstance(game, RepeatedGame) else game
    if not isinstance(stage, Game) or stage.n_players != 2:
        raise GameError("folk_region: a two-player stage game is required")
    if not stage.is_numeric:
        raise SymbolicError("folk_region: the stage game has free symbols "
                            f"{', '.join(sorted(s.name for s in stage.free_symbols))}; substitute values first")
    pts = [(stage.payoffs[0][i, j], stage.payoffs[1][i, j]) for i in range(stage.shape[0]) for j in range(stage.shape[1])]
    feasible = _hull(pts)
    v = (minmax_value(stage, 0), minmax_value(stage, 1))
    region = _clip(_clip(feasible, 0, v[0]), 1, v[1])
    strict = any(x > v[0] and y > v[1] for x, y in region) and len(region) >= 3
    return FolkRegion(stage.players, feasible, v, region, bool(strict), stage.name)
