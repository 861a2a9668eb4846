r"""A floating-point screen of the partners of simple vertices of P, ahead of the exact solve.

A simple vertex x of the best-response polytope P (exactly m labels) with
support S has exactly ``|S|`` tight columns T, and its only possible partner
in :math:`Q = \{y \ge 0 : A y \le 1\}` is the solution of
:math:`A_{S,T}\, y_T = 1` with :math:`y_j = 0` off T; it is a partner exactly
when that solution is nonnegative and satisfies :math:`A_i y \le 1` for the
rows i outside S.  Almost no vertex has a partner (a 12 x 12 game has
thousands of vertices and a few dozen equilibria), and solving each system in
Python integers costs more than the pivot that found the vertex, so the
systems are solved here in floats, a batch at a time (``numpy.linalg.solve``
and ``numpy.linalg.inv`` on a stack of matrices), and only the vertices the
floats cannot rule out go on to the exact, fraction-free solve
(:func:`solvers.equilibria.integers._unique_partner`).

A vertex is ruled out only when the float solution violates a constraint by
more than its error bound.  The solution comes from LU factorisation with
partial pivoting, which is backward stable, so its forward error is at most
about :math:`\kappa \cdot s \cdot \epsilon \cdot \|y\|_\infty` for the
condition number :math:`\kappa = \|M\|_\infty \|M^{-1}\|_\infty` (Higham 2002,
Theorem 9.4 with Section 7.2), with :math:`\|M^{-1}\|_\infty` taken from the
computed inverse (as LAPACK's condition estimators do); the screen allows
:data:`SAFETY` times that.  The solution must also agree, within the same
bound, with the row sums of the computed inverse, a second computation of
:math:`M^{-1} 1`; where they disagree the vertex is kept.  (The row sums alone
are not enough: their error grows with :math:`\|M^{-1}\|_\infty`, not with
:math:`\|y\|_\infty`, and when the inverse's large entries cancel to a tiny
y, as in ``test_a_cancelling_inverse_never_rules_out_a_degenerate_partner``,
they put a zero weight of a real partner below its bound.)  So an
ill-conditioned or singular system is never ruled out; it goes to the exact
solve, which decides it.  A constraint the exact solution meets with equality
(a degenerate partner) is within every bound, so it is never ruled out
either.  The screen is used only when every payoff is below
:data:`FLOAT_EXACT_MAX` (integers up to :math:`2^{53}` are floats exactly).

References
----------
N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM (2002).

Examples
--------
The 3 x 3 game whose Q has the vertex y = (1/3, 1/3, 0) for the rows 0 and 1
tight: x with support {0, 1} and tight columns {0, 1} may have it as a partner,
x with support {0, 1} and tight columns {1, 2} cannot (its solution has a
negative weight).

>>> a = [[2, 1, 1], [1, 2, 9], [1, 1, 1]]
>>> m = n = 3
>>> supp_and_cols = lambda cols: (0b100 | sum(1 << (m + j) for j in cols))  # x_2 = 0, columns tight
>>> screen_simple_partners(a, [supp_and_cols([0, 1]), supp_and_cols([1, 2])], m, n)
[True, False]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["screen_simple_partners", "SAFETY", "FLOAT_EXACT_MAX"]

#: The screen allows this many times the forward-error bound before it rules a vertex out.
SAFETY = 1e4

#: The screen is used only for payoffs (shifted to be positive) below this bound, so that they are floats exactly.
FLOAT_EXACT_MAX = 1 << 50

_EPS = float(np.finfo(float).eps)


def screen_simple_partners(a: Sequence[Sequence[int]], masks: Sequence[int], m: int, n: int) -> list[bool]:
    """For each simple vertex of P (its label set in ``masks``), whether it may have a partner in Q.

    Parameters
    ----------
    a : m x n nested sequence of int
        The row player's payoffs, shifted to be positive (Q is ``{y >= 0 : A y <= 1}``).
    masks : sequence of int
        Label sets of simple vertices of P: bit i for ``x_i = 0``, bit ``m + j`` for a tight column j;
        exactly m bits each.
    m, n : int
        The game's size.

    Returns
    -------
    list of bool
        False only where the vertex certainly has no partner (its one candidate violates a constraint by
        more than :data:`SAFETY` times its error bound); True where the exact solve must decide (every vertex
        when a payoff reaches :data:`FLOAT_EXACT_MAX`).
    """
    k = len(masks)
    if k == 0 or max(max(row) for row in a) >= FLOAT_EXACT_MAX:
        return [True] * k  # (payoffs too large to be floats exactly: the exact solve decides every vertex)
    af = np.asarray(a, dtype=float)
    if m + n <= 62:
        codes = np.asarray(masks, dtype=np.int64)
        bits = ((codes[:, None] >> np.arange(m + n, dtype=np.int64)) & 1).astype(bool)
    else:
        bits = np.array([[(mask >> b) & 1 for b in range(m + n)] for mask in masks], dtype=bool)
    supp = ~bits[:, :m]  # x_i > 0: row i must be tight at the partner
    cols = bits[:, m:]  # column j tight at x: y_j may be positive
    sizes = supp.sum(axis=1)
    keep = np.ones(k, dtype=bool)
    for size in np.unique(sizes).tolist():
        sel = np.flatnonzero(sizes == size)
        if size == 0:
            continue  # x = 0 is not a vertex of P's walk; nothing to screen
        rows_s = np.nonzero(supp[sel])[1].reshape(-1, size)
        cols_t = np.nonzero(cols[sel])[1].reshape(-1, size)
        mats = af[rows_s[:, :, None], cols_t[:, None, :]]
        y, inv = _solve_and_invert(mats)  # M^{-1} 1 by LU, and M^{-1}
        kappa = np.abs(mats).sum(axis=2).max(axis=1) * np.abs(inv).sum(axis=2).max(axis=1)
        err = SAFETY * size * _EPS * kappa * np.abs(y).max(axis=1)  # bound on |y - y*|, with a margin
        a_t = af[:, cols_t]  # A restricted to each vertex's columns T: (m, vertices, size)
        ay = np.einsum("iks,ks->ki", a_t, y)  # A_i y for every row i
        row_norm = np.abs(a_t).sum(axis=2).T  # ||A_i restricted to T||_1, per vertex and row
        rounding = np.einsum("iks,ks->ki", np.abs(a_t), np.abs(y))  # sum_j |a_ij| |y_j|
        slack_err = row_norm * err[:, None] + SAFETY * size * _EPS * rounding
        with np.errstate(invalid="ignore"):
            out = (y < -err[:, None]).any(axis=1) | (ay - 1 > slack_err).any(axis=1)
            agree = (np.abs(inv.sum(axis=2) - y) <= err[:, None]).all(axis=1)
        out &= np.isfinite(err) & agree
        keep[sel] = ~out
    return keep.tolist()


def _solve_and_invert(mats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``M^{-1} 1`` (by LU with partial pivoting) and ``M^{-1}`` for a stack of square matrices.

    A matrix singular in floats gets infinite entries in both, so that its error bound is infinite.
    """
    ones = np.ones(mats.shape[:2] + (1,))
    try:
        return np.linalg.solve(mats, ones)[:, :, 0], np.linalg.inv(mats)
    except np.linalg.LinAlgError:
        y = np.empty(mats.shape[:2])
        inv = np.empty_like(mats)
        for i, mat in enumerate(mats):
            try:
                y[i], inv[i] = np.linalg.solve(mat, ones[i, :, 0]), np.linalg.inv(mat)
            except np.linalg.LinAlgError:
                y[i], inv[i] = np.inf, np.inf
        return y, inv
