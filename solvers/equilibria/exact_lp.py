r"""A small exact linear-programming solver: the two-phase simplex method over fractions with Bland's rule.

The programme is

.. math::

    \max_x\ c^\top x \quad\text{s.t.}\quad A_{ub} x \le b_{ub},\quad A_{eq} x = b_{eq},\quad x \ge 0,

with every number a :class:`fractions.Fraction` (integers and sympy
``Rational`` are accepted).  Bland's smallest-index rule for the entering and
the leaving variable makes the method terminate on every programme, degenerate
ones included.  Each optimum is returned with its dual solution and is
*certified*: primal feasibility, dual feasibility (:math:`A^\top y \ge c`,
:math:`y_{ub} \ge 0`) and equal objective values are checked exactly, which by
weak duality proves optimality.  Meant for the small programmes of the
solution concepts (correlated equilibria, dominance by mixed strategies), not
for large ones.

References
----------
R. G. Bland, "New finite pivoting rules for the simplex method", Mathematics
of Operations Research 2 (1977) 103-107.
V. Chvatal, *Linear Programming*, Freeman (1983), chapters 2-3 and 5
(two-phase method, duality).

Examples
--------
>>> # max x + y  s.t.  x + 2y <= 4,  3x + y <= 6
>>> sol = solve_lp([1, 1], [[1, 2], [3, 1]], [4, 6])
>>> sol.status, sol.value, sol.x
('optimal', Fraction(14, 5), (Fraction(8, 5), Fraction(6, 5)))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from solvers.errors import ProgramError

__all__ = ["LPSolution", "solve_lp", "as_fraction"]


def as_fraction(v: Any) -> Fraction:
    """An exact number as a :class:`~fractions.Fraction` (ints, Fractions, sympy Rationals)."""
    if isinstance(v, Fraction):
        return v
    if isinstance(v, sympy.Rational):
        return Fraction(int(v.p), int(v.q))
    if isinstance(v, int) and not isinstance(v, bool):
        return Fraction(v)
    raise ProgramError(f"solve_lp: coefficient {v!r} is not an exact rational (allowed: int, Fraction, sympy Rational)")


@dataclass(frozen=True)
class LPSolution:
    """The outcome of :func:`solve_lp`.

    Attributes
    ----------
    status : str
        ``"optimal"``, ``"infeasible"`` or ``"unbounded"``.
    x : tuple of Fraction or None
        An optimal basic solution.
    value : Fraction or None
        The optimal value :math:`c^\\top x`.
    dual_ub, dual_eq : tuple of Fraction or None
        Dual multipliers of the inequality rows (nonnegative) and of the
        equality rows; :math:`b^\\top y` equals ``value`` (checked).
    """

    status: str
    x: tuple[Fraction, ...] | None = None
    value: Fraction | None = None
    dual_ub: tuple[Fraction, ...] | None = None
    dual_eq: tuple[Fraction, ...] | None = None


def _pivot(T: list[list[Fraction]], r: list[Fraction], row: int, col: int) -> None:
    piv = T[row][col]
    pr = T[row]
    if piv != 1:
        inv = 1 / piv
        for j, v in enumerate(pr):
            if v:
                pr[j] = v * inv
    nz = [j for j, v in enumerate(pr) if v]
    for other in (*T, r):
        if other is pr:
            continue
        f = other[col]
        if f:
            for j in nz:
                other[j] -= f * pr[j]


def _simplex(T: list[list[Fraction]], r: list[Fraction], basis: list[int], allowed: int) -> bool:
    """Pivot to optimality (Bland's rule) over columns ``< allowed``; False when unbounded."""
    while True:
        col = next((j for j in range(allowed) if r[j] < 0), None)
        if col is None:
            return True
        best: tuple[Fraction, int] | None = None
        row = -1
        for i, tr in enumerate(T):
            a = tr[col]
            if a > 0:
                key = (tr[-1] / a, basis[i])
                if best is None or key < best:
                    best, row = key, i
        if best is None:
            return False
        _pivot(T, r, row, col)
        basis[row] = col


def solve_lp(
    c: Sequence[Any],
    A_ub: Sequence[Sequence[Any]] = (),
    b_ub: Sequence[Any] = (),
    A_eq: Sequence[Sequence[Any]] = (),
    b_eq: Sequence[Any] = (),
) -> LPSolution:
    r"""Maximise :math:`c^\top x` over :math:`A_{ub} x \le b_{ub},\ A_{eq} x = b_{eq},\ x \ge 0`, exactly.

    Parameters
    ----------
    c : sequence of exact numbers
        The objective (maximised).
    A_ub, b_ub : matrix and vector, optional
        Inequality rows.
    A_eq, b_eq : matrix and vector, optional
        Equality rows.

    Returns
    -------
    LPSolution
        The status, an optimal basic solution, the value and the certified duals.

    Raises
    ------
    ProgramError
        If a coefficient is not an exact rational or the shapes disagree.

    Examples
    --------
    >>> solve_lp([1], A_eq=[[1]], b_eq=[2]).x
    (Fraction(2, 1),)
    >>> solve_lp([1], [[-1]], [-1]).status
    'unbounded'
    """
    n = len(c)
    cc = [as_fraction(v) for v in c]
    rows = [([as_fraction(v) for v in a], as_fraction(b), True) for a, b in zip(A_ub, b_ub, strict=True)]
    rows += [([as_fraction(v) for v in a], as_fraction(b), False) for a, b in zip(A_eq, b_eq, strict=True)]
    if any(len(a) != n for a, _, _ in rows):
        raise ProgramError(f"solve_lp: every constraint row needs {n} coefficients (one per variable)")
    m = len(rows)
    n_ub = len(A_ub)
    width = n + n_ub + m  # x, slacks, artificials
    T: list[list[Fraction]] = []
    sign: list[int] = []
    for i, (a, b, ub) in enumerate(rows):
        s = -1 if b < 0 else 1
        row = [s * v for v in a] + [Fraction(0)] * (n_ub + m) + [s * b]
        if ub:
            row[n + i] = Fraction(s)
        row[n + n_ub + i] = Fraction(1)
        T.append(row)
        sign.append(s)
    basis = [n + n_ub + i for i in range(m)]
    # phase 1: maximise -sum(artificials); reduced costs r_j = c_B B^-1 A_j - c_j
    r = [Fraction(0)] * (width + 1)
    for tr in T:
        for j in range(n + n_ub):
            r[j] -= tr[j]
        r[-1] -= tr[-1]
    _simplex(T, r, basis, n + n_ub)
    if r[-1] != 0:
        return LPSolution("infeasible")
    # drive the artificials (at zero) out of the basis; a row with no other entry is redundant
    keep = []
    for i in range(m):
        if basis[i] >= n + n_ub:
            col = next((j for j in range(n + n_ub) if T[i][j] != 0), None)
            if col is None:
                continue
            _pivot(T, r, i, col)
            basis[i] = col
        keep.append(i)
    T = [T[i] for i in keep]
    basis = [basis[i] for i in keep]
    # phase 2 (the artificial columns are kept, never entering: their reduced costs are the duals)
    full_c = cc + [Fraction(0)] * (width - n)
    r = [-v for v in full_c] + [Fraction(0)]
    for tr, k in zip(T, basis):
        cb = full_c[k]
        if cb:
            for j, v in enumerate(tr):
                if v:
                    r[j] += cb * v
    if not _simplex(T, r, basis, n + n_ub):
        return LPSolution("unbounded")
    x = [Fraction(0)] * width
    for tr, k in zip(T, basis):
        x[k] = tr[-1]
    y = [r[n + n_ub + i] * sign[i] for i in range(m)]
    sol = LPSolution("optimal", tuple(x[:n]), r[-1], tuple(y[:n_ub]), tuple(y[n_ub:]))
    _certify(sol, cc, rows)
    return sol


def _certify(sol: LPSolution, c: list[Fraction], rows: list[tuple[list[Fraction], Fraction, bool]]) -> None:
    """Check primal and dual feasibility and equal values exactly (weak duality then proves optimality)."""
    assert sol.x is not None and sol.dual_ub is not None and sol.dual_eq is not None
    x = sol.x
    y = list(sol.dual_ub) + list(sol.dual_eq)
    ok = all(v >= 0 for v in x) and all(v >= 0 for v in sol.dual_ub)
    for (a, b, ub), _ in zip(rows, y):
        lhs = sum((ai * xi for ai, xi in zip(a, x)), Fraction(0))
        ok = ok and (lhs <= b if ub else lhs == b)
    for j in range(len(c)):
        ok = ok and sum((a[j] * yi for (a, _, _), yi in zip(rows, y)), Fraction(0)) >= c[j]
    ok = ok and sum((b * yi for (_, b, _), yi in zip(rows, y)), Fraction(0)) == sol.value
    if not ok:  # pragma: no cover - a bug in the simplex, never bad input
        raise ProgramError("solve_lp: the optimum failed its exact duality certificate (internal error)")
