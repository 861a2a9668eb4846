r"""``lemke_howson``: one Nash equilibrium of a two-player game by complementary pivoting.

The Lemke-Howson algorithm as in von Stengel (2002), Section 3.4, on the
best-response polytopes of the game with both payoff matrices shifted to be
positive (``A - min(A) + 1``; the equilibria do not change):

.. math::

    P = \{x \ge 0 : B^\top x \le 1\}, \qquad Q = \{y \ge 0 : A y \le 1\}.

Labels follow Shapley: ``0..m-1`` are the row player's strategies and
``m..m+n-1`` the column player's.  A point of ``P`` has label ``i`` when
``x_i = 0`` and label ``m + j`` when column ``j`` is a best response to ``x``
(``(B^T x)_j = 1``); a point of ``Q`` has label ``i`` when row ``i`` is a best
response to ``y`` and label ``m + j`` when ``y_j = 0``.  A pair ``(x, y) != (0, 0)``
is an equilibrium (after normalising) if and only if it is completely labelled.
Starting at ``(0, 0)``, the dropped label ``k`` enters its polytope's basis; the
label that leaves is picked up twice, so it enters the other polytope's basis,
and so on, until label ``k`` itself leaves.

Tableaux
--------
One tableau per polytope, a row per basic variable and a column per label
(the slack or the variable that carries it) plus the right-hand side:
``[A | I | 1]`` for ``Q`` (``m`` rows) and ``[B^T | I | 1]`` for ``P`` (``n``
rows), the slacks starting in the basis.  The minimum-ratio test is
*lexicographic*: ties in ``rhs / pivot column`` are broken by the same ratio
in the columns of the initial basis, in order.  Those rows start
lexicographically positive and stay so, so no two rows ever tie completely,
no basis repeats, and degenerate games cannot cycle.

Exact and float
---------------
* Exact: Python integers, fraction-free (integer) pivoting: with ``p`` the
  pivot element and ``d`` the previous one, every other row becomes
  ``(p * row - row[c] * pivot_row) // d`` (an exact division; ``d`` is the
  common denominator of the tableau).  Ratios are compared by
  cross-multiplication, so ties are exact.  The profile is verified with
  :func:`solvers.equilibria.verify.is_nash_equilibrium` (exactly).
* Float: the same pivots on numpy tableaux (pivot elements above
  :data:`PIVOT_TOL`, ties within :data:`RATIO_TOL`), condensed to their
  nonbasic columns and updated in place by BLAS
  (:mod:`solvers.equilibria.float_pivoting`); the lexicographic rule runs
  only when two ratios tie.  The profile is verified (every pure strategy's
  payoff against it, one matrix-vector product per player) with the relative
  tolerance :data:`~solvers.results.equilibria.FLOAT_TOL`.
  With ``exact=None`` (a game too large for integer pivoting) and rational
  payoffs, the end basis is then re-solved exactly
  (:func:`~solvers.equilibria.basis_recheck.exact_from_end_basis`): the
  equations ``A[tight rows, support] y = 1`` and
  ``x^T B[support, tight columns] = 1`` in integers (fraction-free
  elimination), reading only the payoff columns and rows of the two supports
  (not the whole game); if the exact solution is non-negative and every
  strategy in each support is an exact best response, that exact profile is
  returned (``exact=True``), otherwise the float one.  The float payoffs are
  converted from the game once per game object
  (:func:`~solvers.equilibria.verify.float_arrays`).
* ``exact=None``: exact when the payoffs are rational and ``m + n <=``
  :data:`EXACT_MAX_STRATEGIES`, float (with the exact re-solve) otherwise;
  ``exact=False``: floats only.

Every path stops after ``max_pivots`` pivots (default
:func:`default_max_pivots`, ``10 (m + n)^2``) with a
:class:`~games.errors.SizeLimitError`: Lemke-Howson paths can be exponentially
long (Savani and von Stengel, 2006), so the bound is what makes it finish.

References
----------
B. von Stengel, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3 (2002), ch. 45, Section 3.4.
C. E. Lemke and J. T. Howson, "Equilibrium points of bimatrix games", SIAM
Journal on Applied Mathematics 12 (1964) 413-423.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError, SizeLimitError
from solvers.equilibria.basis_recheck import exact_from_end_basis
from solvers.equilibria.float_pivoting import (
    PIVOT_TOL,
    RATIO_TOL,
    _float_equilibrium,
    _float_path,
    _float_tableaux,
    _float_weights,
    _payoff_scales,
    _too_many,
)
from solvers.equilibria.verify import (
    cached,
    check_numeric_game,
    float_arrays,
    integer_bimatrix,
    is_nash_equilibrium,
    is_rational,
)
from solvers.results.equilibria import FLOAT_TOL, Equilibrium

__all__ = ["lemke_howson", "default_max_pivots", "EXACT_MAX_STRATEGIES", "PIVOT_TOL", "RATIO_TOL"]


#: ``exact=None`` pivots in integers when the payoffs are rational and ``m + n`` is at most this (e.g. 10 x 10).
EXACT_MAX_STRATEGIES = 20

def default_max_pivots(m: int, n: int) -> int:
    """The default pivot bound of :func:`lemke_howson` for an m x n game: ``10 (m + n)^2``.

    Random games need a few pivots per strategy; the bound only stops the
    exponentially long paths of purpose-built games.

    >>> default_max_pivots(100, 100)
    400000
    """
    return 10 * (m + n) ** 2


def _label_names(game: Game) -> list[str]:
    return [f"{game.players[p]}'s {s}" for p in (0, 1) for s in game.strategies[p]]


def _resolve_label(game: Game, label: Any) -> int:
    m, n = game.shape
    if isinstance(label, (int, np.integer)) and not isinstance(label, (bool, np.bool_)) and 0 <= label < m + n:
        return int(label)
    if isinstance(label, str):
        hits = [k for k, s in enumerate(game.strategies[0] + game.strategies[1]) if s == label]
        if len(hits) == 1:
            return hits[0]
        if hits:
            names = _label_names(game)
            which = " or ".join(f"{k} ({names[k]})" for k in hits)
            raise GameError(f"lemke_howson: label {label!r} names a strategy of both players; use {which}")
        raise GameError(
            f"lemke_howson: label {label!r} is not a strategy; allowed: 0..{m + n - 1} or a strategy name "
            f"({', '.join(repr(s) for s in game.strategies[0] + game.strategies[1])})"
        )
    raise GameError(
        f"lemke_howson: label must be an integer in 0..{m + n - 1} (0..{m - 1} the row player's strategies, "
        f"{m}..{m + n - 1} the column player's) or a strategy name, got {label!r}"
    )


# --- the pivoting, in integers ---------------------------------------------------------------------------------

def _int_ratio_row(t: list[list[int]], c: int, lex: range) -> int:
    rows = [r for r in range(len(t)) if t[r][c] > 0]
    if not rows:  # pragma: no cover - the polytopes of a positive game are bounded
        raise RuntimeError("lemke_howson: internal error, unbounded pivot column")
    for j in [-1, *lex]:
        if len(rows) == 1:
            break
        best = [rows[0]]
        for r in rows[1:]:
            b = best[0]
            diff = t[r][j] * t[b][c] - t[b][j] * t[r][c]  # sign of t[r][j]/t[r][c] - t[b][j]/t[b][c]
            if diff < 0:
                best = [r]
            elif diff == 0:
                best.append(r)
        rows = best
    return rows[0]


def _int_path(A: list[list[int]], B: list[list[int]], k: int, max_pivots: int) -> tuple[list[list[int]], list[Any]]:
    m, n = len(A), len(A[0])
    lo_a = min(map(min, A))
    lo_b = min(map(min, B))
    eye = [[int(i == j) for j in range(n)] for i in range(n)]
    tp = [[B[i][j] - lo_b + 1 for i in range(m)] + eye[j] + [1] for j in range(n)]
    eye = [[int(i == j) for j in range(m)] for i in range(m)]
    tq = [eye[i] + [A[i][j] - lo_a + 1 for j in range(n)] + [1] for i in range(m)]
    tabs = [tp, tq]
    dets = [1, 1]
    basis = [list(range(m, m + n)), list(range(m))]
    lex = [range(m, m + n), range(m)]
    side, entering = (0 if k < m else 1), k
    for _ in range(max_pivots):
        t = tabs[side]
        r = _int_ratio_row(t, entering, lex[side])
        p, d, prow = t[r][entering], dets[side], t[r]
        for i, row in enumerate(t):
            if i != r:
                f = row[entering]
                t[i] = [(v * p) // d for v in row] if f == 0 else [(v * p - f * w) // d for v, w in zip(row, prow)]
        dets[side] = p
        leaving, basis[side][r] = basis[side][r], entering
        if leaving == k:
            return basis, tabs
        side, entering = 1 - side, leaving
    raise SizeLimitError(_too_many(m, n, k, max_pivots))


def _weights(basis: list[list[int]], tabs: list[Any], m: int, n: int) -> tuple[list[Any], list[Any]]:
    """Unnormalised x (from P) and y (from Q) read off the end bases."""
    x: list[Any] = [0] * m
    y: list[Any] = [0] * n
    for r, lab in enumerate(basis[0]):
        if lab < m:
            x[lab] = tabs[0][r][-1]
    for r, lab in enumerate(basis[1]):
        if lab >= m:
            y[lab - m] = tabs[1][r][-1]
    return x, y


# --- the result ------------------------------------------------------------------------------------------------

def _normalise(x: list[Any], y: list[Any]) -> tuple[list[Fraction], list[Fraction]] | None:
    sx, sy = sum(x), sum(y)
    if sx <= 0 or sy <= 0 or min(x) < 0 or min(y) < 0:
        return None
    return [Fraction(v) / sx for v in x], [Fraction(v) / sy for v in y]


def _payoffs(ints: tuple[Any, ...], x: list[Fraction], y: list[Fraction]) -> tuple[Fraction, Fraction]:
    A, B, den_a, den_b = ints
    sx, sy = [i for i, v in enumerate(x) if v], [j for j, v in enumerate(y) if v]
    u1 = sum((A[i][j] * x[i] * y[j] for i in sx for j in sy), Fraction(0)) / den_a
    u2 = sum((B[i][j] * x[i] * y[j] for i in sx for j in sy), Fraction(0)) / den_b
    return u1, u2


def _rational(v: Fraction) -> sympy.Rational:
    return sympy.Rational(v.numerator, v.denominator)


def _exact_equilibrium(game: Game, ints: tuple[Any, ...], x: list[Any], y: list[Any]) -> Equilibrium | None:
    """The exact profile ``(x, y)`` (normalised) if :func:`is_nash_equilibrium` verifies it, else None."""
    pair = _normalise(x, y)
    if pair is None:
        return None
    fx, fy = pair
    prof = (tuple(_rational(v) for v in fx), tuple(_rational(v) for v in fy))
    if not is_nash_equilibrium(game, prof):
        return None
    u1, u2 = _payoffs(ints, fx, fy)
    return Equilibrium(prof, (_rational(u1), _rational(u2)), game.players, game.strategies, exact=True)


def _check_game(game: Any) -> None:
    check_numeric_game(game, "lemke_howson")
    if game.n_players != 2:
        raise GameError(
            f"lemke_howson: needs a two-player game, got {game.n_players} players ({', '.join(game.players)}); "
            "use nash_equilibria for other games"
        )


def lemke_howson(game: Game, *, label: int | str = 0, exact: bool | None = None,
                 max_pivots: int | None = None) -> Equilibrium:
    r"""One Nash equilibrium of a numeric two-player game, by the Lemke-Howson algorithm.

    Follows the path of almost completely labelled pairs of the best-response
    polytopes from ``(0, 0)``, dropping ``label``, to an equilibrium (see the
    module docstring for the tableaux, the lexicographic rule and the
    exactness).  Different labels may lead to different equilibria; the
    equilibrium found is verified before it is returned.

    Parameters
    ----------
    game : Game
        A numeric two-player game (no free symbols), m x n.
    label : int or str, default 0
        The dropped label: ``0..m-1`` the row player's strategies,
        ``m..m+n-1`` the column player's, or a strategy name that only one
        player has.
    exact : bool, optional
        True: integer pivoting, sympy ``Rational`` probabilities and payoffs
        (needs rational payoffs).  False: numpy floats, verified with the
        float tolerance (no exact arithmetic at all).  None (default): integer
        pivoting when the payoffs are rational and ``m + n <=``
        :data:`EXACT_MAX_STRATEGIES`; otherwise numpy floats, then, when the
        payoffs are rational, the exact re-solve of the end basis.
    max_pivots : int, optional
        The pivot bound (default :func:`default_max_pivots`, ``10 (m + n)^2``).

    Returns
    -------
    Equilibrium
        ``exact`` is True when the profile was verified in rational arithmetic.

    Raises
    ------
    GameError
        Not a two-player ``Game``, a bad ``label`` (the message names the
        allowed range and names), a bad ``exact`` or ``max_pivots``, or
        ``exact=True`` with irrational payoffs.
    SymbolicError
        If the game has free symbols; the message names them.
    SizeLimitError
        If the path needs more than ``max_pivots`` pivots.

    Examples
    --------
    The 3 x 2 game of von Stengel (2002), Section 3; dropping label 0 (the row
    player's first strategy) and label 1 (her second) lead to different equilibria:

    >>> from games import Game
    >>> g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> print(lemke_howson(g, label=0))
    Row: s1; Column: s1  (payoffs 3, 3)
    >>> print(lemke_howson(g, label=1))
    Row: 1/3 s2 + 2/3 s3; Column: 1/3 s1 + 2/3 s2  (payoffs 4, 8/3)
    >>> lemke_howson(g, label=0, exact=False).as_floats()
    ((1.0, 0.0, 0.0), (1.0, 0.0))
    """
    _check_game(game)
    if exact is not None and not isinstance(exact, bool):
        raise GameError(f"lemke_howson: exact must be True, False or None, got {exact!r}")
    m, n = game.shape
    k = _resolve_label(game, label)
    if max_pivots is None:
        max_pivots = default_max_pivots(m, n)
    elif isinstance(max_pivots, bool) or not isinstance(max_pivots, (int, np.integer)) or max_pivots < 1:
        raise GameError(f"lemke_howson: max_pivots must be a positive integer or None, got {max_pivots!r}")
    rational = is_rational(game)
    if exact is True and not rational:
        raise GameError("lemke_howson: exact=True needs rational payoffs; this game has irrational ones")
    recheck = exact is None and rational  # float pivoting chosen for size: re-solve its end basis exactly
    if exact is None:
        exact = rational and m + n <= EXACT_MAX_STRATEGIES
    if exact:
        ints = integer_bimatrix(game)
        assert ints is not None
        basis, tabs = _int_path(ints[0], ints[1], k, int(max_pivots))
        x, y = _weights(basis, tabs, m, n)
        eq = _exact_equilibrium(game, ints, x, y)
        if eq is None:  # pragma: no cover - would be a bug in the pivoting
            raise RuntimeError(f"lemke_howson: internal error, the end of the path from label {k} is not an equilibrium")
        return eq
    A, B = float_arrays(game)
    # the starting tableaux and the payoff scales are kept per game object, as the float payoffs are
    start, scales = cached(game, "lemke-howson float start", lambda g: (_float_tableaux(A, B), _payoff_scales(A, B)))
    fbasis, ftabs = _float_path(A, B, k, int(max_pivots), start)
    if recheck:
        exact_eq = exact_from_end_basis(game, fbasis)
        if exact_eq is not None:
            return exact_eq
    fx, fy = _float_weights(fbasis, ftabs, m)
    feq = _float_equilibrium(game, A, B, fx, fy, scales)
    if feq is None:
        raise GameError(
            f"lemke_howson: the float path from label {k} ended at a profile that fails verification "
            f"(tol={FLOAT_TOL}); use exact=True for this game"
        )
    return feq
