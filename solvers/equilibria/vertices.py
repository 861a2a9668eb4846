r"""Every extreme Nash equilibrium of a two-player game, by vertex enumeration of the best-response polytopes.

With the payoffs shifted to be positive (which changes no equilibrium), the
best-response polytopes of the m x n bimatrix game (A, B) are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

A point of P carries label i when :math:`x_i = 0` and label m + j when
:math:`(B^\top x)_j = 1` (j is a best response); a point of Q carries label i
when :math:`(A y)_i = 1` and label m + j when :math:`y_j = 0`.  A pair of
vertices :math:`(x, y) \ne (0, 0)` is *completely labelled* (every label in
:math:`\{0, \dots, m+n-1\}` appears at x or at y) exactly when
:math:`(x / \sum x, y / \sum y)` is a Nash equilibrium, and the extreme
equilibria are exactly these pairs -- in degenerate games too, where a vertex
may carry more labels than the dimension (von Stengel 2002, Theorem 3.4 and
Section 3.5; Avis, Rosenberg, Savani and von Stengel 2010).

Two implementations, chosen by ``exact``:

* **exact** (rational payoffs, scaled to integers; all arithmetic in Python
  integers, fraction-free, so every tie is exact): the lexicographic reverse
  search of lrs over P, with the partners solved in Q
  (:mod:`solvers.equilibria.reverse_search`; memory bounded by one path of
  the search tree).  ``exact=None`` chooses exact up to :data:`EXACT_MAX_BASES`
  bases per polytope (7 x 7, 6 x 8, 5 x 10 games and smaller).  Measured
  side by side with lrsnash in ``tests/benchmarks/bench_enumeration.py``.
* **float**: the vertices of each polytope from qhull's facets of its polar
  (scipy's ``ConvexHull``), accepted when they prove themselves complete
  (each neighbour one pivot away), or else a breadth-first search over the
  feasible bases by simplex pivots, vectorised with numpy over the whole
  frontier; at a degenerate vertex *every* feasible pivot is followed (ties
  in the ratio test and pivots of step 0), so all feasible bases, hence all
  vertices, are reached: the graph of feasible bases of a polytope is
  connected (Avis and Fukuda 1992).  The choice is made and measured in
  :mod:`solvers.equilibria.float_vertices`.  Payoffs are first scaled to [1, 2]; a constraint is tight
  when its slack is at most ``tol`` (default 1e-9), and
  :func:`solvers.equilibria.nash.nash_equilibria` verifies every equilibrium again.
  A near-degenerate game (:func:`guarded_float_extreme`) is computed exactly
  instead and its equilibria returned as floats.

References
----------
B. von Stengel, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45 (2002), Sections 3.4-3.5.
D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
equilibria for two-player games", Economic Theory 42 (2010) 9-37.
D. Avis, K. Fukuda, "A pivoting algorithm for convex hulls and vertex
enumeration of arrangements and polyhedra", Discrete Comput. Geom. 8 (1992).

Examples
--------
>>> from games import Game
>>> bos = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> res = vertex_enumeration(bos)
>>> [[[str(v) for v in s] for s in p] for p in res.profiles()]
[[['1', '0'], ['1', '0']], [['2/3', '1/3'], ['1/3', '2/3']], [['0', '1'], ['0', '1']]]
>>> res.degenerate
False
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError
from solvers.equilibria.exact_vertices import (
    EXACT_MAX_BASES,
    IntVertex,
    check_enumeration_size,
    count_bases,
    exact_extreme_integer,
)
from solvers.equilibria.float_vertices import AMBIGUOUS_FACTOR, _float_extreme
from solvers.equilibria.verify import float_arrays, integer_bimatrix
from solvers.results.equilibria import FLOAT_TOL, ExtremeEquilibria

__all__ = ["vertex_enumeration"]


def float_integer_bimatrix(A: np.ndarray, B: np.ndarray) -> tuple[list[list[int]], list[list[int]], int, int]:
    """Float payoff matrices as exact integers: every double is a dyadic rational (``Fraction(float)``)."""
    out: list[Any] = []
    dens = []
    for M in (A, B):
        fr = [[Fraction(float(v)) for v in row] for row in M]
        den = 1
        for row in fr:
            for v in row:
                den = math.lcm(den, v.denominator)
        out.append([[int(v * den) for v in row] for row in fr])
        dens.append(den)
    return out[0], out[1], dens[0], dens[1]


def smallest_payoff_gap(A: np.ndarray, B: np.ndarray) -> float:
    """The smallest non-zero difference between two payoffs a player compares, relative to the largest payoff.

    A player compares her payoffs of two strategies against the same opponent strategy (two rows of A
    in a column, two columns of B in a row).  A gap close to the float tolerance means float mode cannot
    tell a tie from a strict preference.  O(m n (m + n)).
    """
    scale = max(float(np.abs(A).max(initial=0.0)), float(np.abs(B).max(initial=0.0)), 1.0)
    smallest = np.inf
    for M in (A.T, B):  # each row: the payoffs one player compares
        srt = np.sort(M, axis=1)
        d = np.diff(srt, axis=1)
        nonzero = d[d > 0]
        if nonzero.size:
            smallest = min(smallest, float(nonzero.min()))
    return smallest / scale


#: A float game found near-degenerate is recomputed exactly (in integers) up to this many bases per polytope
#: (:func:`~solvers.equilibria.exact_vertices.count_bases`; 11 x 11 is 705431); above it a RuntimeWarning says so.
NEAR_DEGENERATE_EXACT_MAX = 10**6


def guarded_float_extreme(
    game: Game, tol: float, ints: tuple[list[list[int]], list[list[int]], int, int] | None,
    deadline: float | None = None,
) -> tuple[ExtremeEquilibria | None, tuple[list[list[int]], list[list[int]], int, int] | None]:
    """Float vertex enumeration that hands near-degenerate games to exact arithmetic.

    Returns ``(extreme, None)`` from the numpy search, or ``(None, integers)`` when the game is
    near-degenerate -- a payoff gap below ``AMBIGUOUS_FACTOR * tol`` (:func:`smallest_payoff_gap`), or
    an ambiguous slack that would complete another equilibrium (:func:`_float_extreme`) -- and small
    enough (:data:`NEAR_DEGENERATE_EXACT_MAX`): then the caller enumerates ``integers`` (the rational
    payoffs, or the floats as exact dyadic rationals) exactly.
    """
    A, B = float_arrays(game)
    m, n = A.shape
    small = count_bases(m, n) <= NEAR_DEGENERATE_EXACT_MAX

    def exact_ints() -> tuple[list[list[int]], list[list[int]], int, int]:
        return ints if ints is not None else float_integer_bimatrix(A, B)

    if small and smallest_payoff_gap(A, B) <= tol * AMBIGUOUS_FACTOR:
        return None, exact_ints()
    ext, near = _float_extreme(A, B, tol, deadline)
    if near:
        if small:
            return None, exact_ints()
        warnings.warn(
            f"vertex_enumeration: the {m} x {n} game is near-degenerate at tolerance {tol} (a slack within "
            f"{AMBIGUOUS_FACTOR:g} x tol of 0) and too large to recompute exactly; float equilibria may be "
            "missed or added. Use exact=True.",
            RuntimeWarning,
            stacklevel=3,
        )
    return ext, None


def _exact_extreme(game: Game) -> ExtremeEquilibria:
    ints = integer_bimatrix(game)
    assert ints is not None
    rows, cols, pairs, degenerate = exact_extreme_integer(ints[0], ints[1])

    def frac(v: IntVertex) -> tuple[Fraction, ...]:
        s = sum(v)
        return tuple(Fraction(a, s) for a in v)

    return ExtremeEquilibria(
        tuple(frac(x) for x in rows), tuple(frac(y) for y in cols), tuple(pairs), degenerate, True
    )


def vertex_enumeration(game: Game, *, exact: bool | None = None, tol: float | None = None) -> ExtremeEquilibria:
    """Every extreme Nash equilibrium of a numeric two-player game (degenerate games included).

    Parameters
    ----------
    game : Game
        A two-player game without free symbols.
    exact : bool, optional
        True: rational arithmetic (needs rational payoffs).  False: floats.
        None (default): exact when the payoffs are rational and each
        best-response polytope has at most :data:`EXACT_MAX_BASES` bases.
    tol : float, optional
        Float mode only: slack below which a constraint is tight, on payoffs
        scaled to [1, 2] (default :data:`~solvers.results.equilibria.FLOAT_TOL`).

    Returns
    -------
    ExtremeEquilibria
        The extreme equilibria as vertex pairs (not yet verified; see
        :func:`solvers.equilibria.nash.nash_equilibria`, which verifies each one).

    Raises
    ------
    GameError
        For a game that is not two-player, or ``exact=True`` with irrational payoffs.
    SymbolicError
        For a game with free symbols (named in the message).

    Examples
    --------
    >>> from games import Game
    >>> ones = Game.from_bimatrix([[1, 1], [1, 1]])
    >>> res = vertex_enumeration(ones)
    >>> len(res.pairs), res.degenerate
    (4, True)
    >>> vertex_enumeration(ones, exact=False).profiles()[0]
    ((1.0, 0.0), (1.0, 0.0))
    """
    if game.n_players != 2:
        raise GameError(f"vertex_enumeration: two-player games only; this game has {game.n_players} players")
    if game.free_symbols:
        game.numeric_arrays()  # raises SymbolicError naming the free symbols
    m, n = game.shape
    check_enumeration_size(m, n, "vertex_enumeration")
    rat = integer_bimatrix(game)
    if exact is None:
        exact = rat is not None and count_bases(m, n) <= EXACT_MAX_BASES
    if exact:
        if rat is None:
            bad = next(
                (i, idx) for i, arr in enumerate(game.payoffs)
                for idx in np.ndindex(game.shape) if not isinstance(arr[idx], sympy.Rational)
            )
            raise GameError(
                f"vertex_enumeration: exact=True needs rational payoffs; payoff of {game.players[bad[0]]!r} "
                f"at {list(bad[1])} is {game.payoffs[bad[0]][bad[1]]} (use exact=False)"
            )
        return _exact_extreme(game)
    t = FLOAT_TOL if tol is None else float(tol)
    if not (0 < t < 1e-2):
        raise GameError(f"vertex_enumeration: tol must be in (0, 0.01), got {tol!r}")
    ext, exact_ints = guarded_float_extreme(game, t, rat)
    if ext is not None:
        return ext
    assert exact_ints is not None
    rows, cols, pairs, degenerate = exact_extreme_integer(exact_ints[0], exact_ints[1])

    def flt(v: IntVertex) -> tuple[float, ...]:
        s = sum(v)
        return tuple(a / s for a in v)

    return ExtremeEquilibria(tuple(flt(x) for x in rows), tuple(flt(y) for y in cols), tuple(pairs), degenerate, False)

