r"""The exact linear solver with case splits: Gaussian elimination that branches on every pivot the parameters leave open.

One branch assumes the pivot is non-zero (the generic case), the other that it
is zero (a degenerate boundary, where the system has a free variable or no
solution).  Numeric and rational-function systems are solved in sympy's
polynomial field, which is much faster than generic expressions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from solvers.symbolic.algebra import _has_denominator, _is_zero, _numer
from solvers.symbolic.relations import relation

#: How many degenerate (pivot = 0) branches one support's elimination may nest.
DEGENERATE_DEPTH = 2


@dataclass
class _Branch:
    conds: list[Any]
    solution: dict[sympy.Symbol, sympy.Expr]
    free: tuple[sympy.Symbol, ...]


class _ExprOps:
    """Arithmetic on sympy expressions (the fallback: any expression)."""

    def __init__(self) -> None:
        self.zero = sympy.Integer(0)

    def convert(self, e: sympy.Expr) -> Any:
        return e

    def is_zero(self, x: Any) -> bool:
        return _is_zero(x)

    def sure_nonzero(self, x: Any) -> bool:
        return x.is_zero is False  # type: ignore[no-any-return]

    def simplify(self, x: Any) -> Any:
        return sympy.cancel(x)

    def numerator(self, x: Any) -> sympy.Expr:
        return _numer(x)

    def to_expr(self, x: Any) -> sympy.Expr:
        return sympy.cancel(x) if _has_denominator(x) else x


class _FieldOps:
    """Arithmetic in the field of rational functions of the symbols (fast, canonical)."""

    def __init__(self, K: Any) -> None:
        self.K = K
        self.zero = K.zero
        self._sure: dict[Any, bool] = {}

    def convert(self, e: sympy.Expr) -> Any:
        return self.K.from_sympy(e)

    def is_zero(self, x: Any) -> bool:
        return not x

    def sure_nonzero(self, x: Any) -> bool:
        if not x:
            return False
        if x.numer.is_ground:
            return True
        if x not in self._sure:
            self._sure[x] = self.numerator(x).is_zero is False
        return self._sure[x]

    def simplify(self, x: Any) -> Any:
        return x

    def numerator(self, x: Any) -> sympy.Expr:
        return x.numer.as_expr()  # type: ignore[no-any-return]

    def to_expr(self, x: Any) -> sympy.Expr:
        return self.K.to_sympy(x)  # type: ignore[no-any-return]


def _ops_for(rows: list[list[sympy.Expr]], unknowns: Sequence[sympy.Symbol]) -> Any:
    gens: set[sympy.Symbol] = set(unknowns)
    for row in rows:
        for e in row:
            gens |= e.free_symbols
    try:
        K = sympy.ZZ.frac_field(*sorted(gens, key=sympy.default_sort_key))
        for row in rows:
            for e in row:
                K.from_sympy(e)
    except (sympy.polys.polyerrors.CoercionFailed, sympy.polys.polyerrors.GeneratorsError, ValueError):
        return _ExprOps()
    return _FieldOps(K)


def _solve_linear(rows: list[list[sympy.Expr]], unknowns: Sequence[sympy.Symbol],
                  max_degenerate: int = DEGENERATE_DEPTH) -> list[_Branch]:
    """Solve ``rows`` (augmented ``[coefficients | rhs]``) for every case of the parameters.

    Pivots the assumptions cannot decide are split into a ``!= 0`` and an
    ``== 0`` branch (the latter nested at most ``max_degenerate`` deep).
    The arithmetic is done in the field of rational functions of the symbols
    when the entries allow it (exact and canonical), else on expressions.
    """
    n = len(unknowns)
    out: list[_Branch] = []
    ops = _ops_for(rows, unknowns)
    unknown_elems = [ops.convert(u) for u in unknowns]

    def eliminate(M: list[list[Any]], prow: int, col: int) -> list[list[Any]]:
        M = [list(r) for r in M]
        piv = M[prow][col]
        for r in range(prow + 1, len(M)):
            if ops.is_zero(M[r][col]):
                continue
            factor = M[r][col] / piv
            M[r] = [ops.simplify(M[r][c] - factor * M[prow][c]) for c in range(n + 1)]
        return M

    def finish(M: list[list[Any]], pivots: list[tuple[int, int]], conds: list[Any]) -> None:
        conds = list(conds)
        for r in range(len(pivots), len(M)):
            rhs = M[r][n]
            if ops.is_zero(rhs):
                continue
            if ops.sure_nonzero(rhs):
                return  # inconsistent whatever the parameters
            conds.append(relation(ops.numerator(rhs), "=="))
        if sympy.false in conds:
            return
        pivot_cols = {c for _, c in pivots}
        free = tuple(unknowns[c] for c in range(n) if c not in pivot_cols)
        sol: dict[int, Any] = {c: unknown_elems[c] for c in range(n) if c not in pivot_cols}
        for r, c in reversed(pivots):
            acc = M[r][n]
            for cc in range(c + 1, n):
                if not ops.is_zero(M[r][cc]):
                    acc = acc - M[r][cc] * sol[cc]
            sol[c] = ops.simplify(acc / M[r][c])
        out.append(_Branch(conds, {unknowns[c]: ops.to_expr(v) for c, v in sol.items()}, free))

    def rec(M: list[list[Any]], col: int, prow: int, pivots: list[tuple[int, int]],
            conds: list[Any], depth: int) -> None:
        if col == n:
            finish(M, pivots, conds)
            return
        cand = [r for r in range(prow, len(M)) if not ops.is_zero(M[r][col])]
        if not cand:
            rec(M, col + 1, prow, pivots, conds, depth)
            return
        sure = [r for r in cand if ops.sure_nonzero(M[r][col])]
        r = sure[0] if sure else cand[0]
        M2 = [list(x) for x in M]
        M2[prow], M2[r] = M2[r], M2[prow]
        new_conds = conds if sure else conds + [relation(ops.numerator(M2[prow][col]), "!=")]
        if sympy.false not in new_conds:
            rec(eliminate(M2, prow, col), col + 1, prow + 1, pivots + [(prow, col)], new_conds, depth)
        if not sure and depth < max_degenerate:
            M3 = [list(x) for x in M]
            zero_cond = relation(ops.numerator(M3[r][col]), "==")
            if zero_cond is not sympy.false:
                M3[r][col] = ops.zero
                rec(M3, col, prow, pivots, conds + [zero_cond], depth + 1)

    rec([[ops.convert(e) for e in r] for r in rows], 0, 0, [], [], 0)
    return out

