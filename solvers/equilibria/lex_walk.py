r"""The vertices of a polytope in bounded memory: the lexicographic reverse search of Avis and Fukuda.

The polytope is :math:`\{z \ge 0 : C^\top z \le 1\}` (C positive integers:
a best-response polytope, payoffs shifted to be positive), and its vertices
are enumerated by the reverse search of Avis and Fukuda (1992) in the
lexicographic form of lrs (Avis 2000): a dictionary in Python integers
(fraction-free: every entry is an integer over the common denominator ``D``,
the absolute value of the basis determinant), the objective
:math:`\max -\sum_i z_i` whose unique optimal basis is the origin's, and the
parent of a basis the pivot of Bland's rule (the improving cobasic variable
of least index enters, the lexicographic minimum-ratio row leaves).  Only
*lexicographically positive* bases are visited (those of the polytope
perturbed by :math:`\varepsilon, \varepsilon^2, \dots` on the right-hand
side), so the search is a tree even when the polytope is degenerate, and
every vertex has such a basis.  The search is a depth-first walk of that
tree holding only the dictionaries on the current path: its memory does not
grow with the number of vertices or bases visited.  A degenerate vertex is
reported at one of its bases only, the *lex-min* one (no degenerate pivot
trades a basic variable at zero for a cobasic one of larger index).

References
----------
D. Avis, K. Fukuda, "A pivoting algorithm for convex hulls and vertex
enumeration of arrangements and polyhedra", Discrete Comput. Geom. 8 (1992) 295-313.
D. Avis, "lrs: A revised implementation of the reverse search vertex
enumeration algorithm", in Polytopes - Combinatorics and Computation (2000) 177-198.

Examples
--------
The triangle :math:`\{z \ge 0 : z_1 + z_2 \le 1\}` (one constraint) has the
vertices (1, 0) and (0, 1) besides the origin; each is on the constraint
(bit 2) and on one axis.

>>> sorted((w, bin(mask), den) for w, mask, den in lex_vertices([[1], [1]]))
[((0, 1), '0b101', 1), ((1, 0), '0b110', 1)]
"""

from __future__ import annotations

import math
from collections.abc import Generator, Iterator

from solvers.equilibria.integers import IntVertex, check_deadline

__all__ = ["lex_vertices"]


def lex_vertices(
    c: list[list[int]], deadline: float | None = None, *, stop_at_degenerate: bool = False
) -> Iterator[tuple[IntVertex, int, int]]:
    """Every vertex but the origin of ``{z >= 0 : C^T z <= 1}`` (C: ``d x k`` positive integers), once each.

    Yields ``(weights, mask, den)``: ``weights`` the integers ``D z`` (``z`` the vertex), ``mask`` its
    labels (bit i for ``z_i = 0``, bit ``d + j`` for a tight constraint j) and ``den = D``.  With
    ``stop_at_degenerate`` the walk ends after the first degenerate vertex (more than d labels).
    """
    d = len(c)
    for mask, rhs, basis, D in _walk(c, deadline, stop_at_degenerate):
        yield _weights(rhs, basis, d), mask, D


def _weights(rhs: list[int], basis: list[int], d: int) -> IntVertex:
    """The vertex ``D z`` of a basis: the right-hand side of its basic variables ``z_i`` (i < d), else 0."""
    w = [0] * d
    for v, val in zip(basis, rhs):
        if v < d:
            w[v] = val
    return tuple(w)


def _walk(
    c: list[list[int]], deadline: float | None, stop_at_degenerate: bool
) -> Generator[tuple[int, list[int], list[int], int], None, int]:
    """The reverse search of :func:`lex_vertices`: yields ``(mask, rhs, basis, D)`` at each vertex's lex-min basis.

    Returns (as the generator's value) the number of pivots made, one per basis visited.

    The dictionary is held by columns: ``rhs`` (the k basic values times D) and one list per cobasic
    variable (its k entries, then its objective coefficient).  A pivot computes the new right-hand side
    and objective row at once but a column only when it is read (:func:`_child_column`): most bases of
    the search tree are leaves, whose columns of non-improving variables are never read.  A basis is
    completed before the walk descends from it, so the stack holds whole dictionaries only (one per
    level of the tree), and the yielded lists are never modified afterwards.
    """
    d, k = len(c), len(c[0])
    inf = math.inf
    # variables 0..d-1 are z, d..d+k-1 the slacks; the slacks form the first basis.  Column j: the
    # coefficients of z_j in the k rows (D x_basic = rhs - sum cols[j] z_j), then its objective entry
    # (D w = - sum obj_j z_j, w = -sum z maximised; obj_j > 0: z_j improves).
    cols: list[list[int] | None] = [list(c[j]) + [1] for j in range(d)]
    obj = [1] * d
    rhs = [1] * k
    basis = list(range(d, d + k))
    cobasis = list(range(d))
    cmask = (1 << d) - 1  # the labels of the cobasic variables
    D = 1
    # the pivot that made this dictionary, while some of its columns are not computed yet: the parent's
    # columns, pivot column, pivot row and column, and determinant
    src: tuple[list[list[int]], list[int], int, int, int] | None = None
    pcols: list[list[int]] = []
    ppc: list[int] = []
    pr = pcc = pD = -1
    stack: list[tuple[list[list[int] | None], list[int], list[int], int, list[int], list[int], int, int]] = []
    col = 0
    visited = 0
    while True:
        child_c = child_r = -1
        while col < d:
            j = col
            col += 1
            oc = obj[j]
            if oc <= 0:  # after the pivot the leaving variable must improve: needs obj[c] > 0
                continue
            pcj = cols[j]
            if pcj is None:
                if j == pcc:
                    pcj = [-v for v in ppc]
                    pcj[pr] = pD
                    cols[j] = pcj
                else:
                    col0 = pcols[j]
                    f = col0[pr]
                    if f == 0:
                        pcj = cols[j] = col0 if D == pD else [D * v // pD for v in col0]
                    else:
                        pcj = [(D * v - f * w) // pD for v, w in zip(col0, ppc)]
                        pcj[pr] = f
                        cols[j] = pcj
            # minimum ratio rhs[i] / pcj[i] over pcj[i] > 0, in correctly rounded floats (monotone, so
            # every exact minimum has the least float); equal floats are compared exactly
            near: list[int] | None = None
            try:
                qs = [b / a if a > 0 else inf for b, a in zip(rhs, pcj)]
                best = min(qs)
                if best == inf:
                    continue  # unbounded direction
                r = qs.index(best)
                tie = qs.count(best) > 1
                if tie:
                    near = [i for i, q in enumerate(qs) if q == best]
            except OverflowError:  # a ratio beyond 1e308: compare them all exactly
                tie = True
            if tie:
                if src is not None:
                    _complete(cols, src, D)
                    src = None
                r = _lex_min_row(cols, rhs, D, basis, cobasis, d, j, near)  # type: ignore[arg-type]
                if r < 0:
                    continue
            u = basis[r]
            p = pcj[r]
            for c2 in range(d):
                if cobasis[c2] < u and c2 != j:
                    col2 = cols[c2]
                    if col2 is not None:
                        e = col2[r]
                    elif c2 == pcc:
                        e = pD if r == pr else -ppc[r]
                    else:
                        col0 = pcols[c2]
                        e = col0[pr]
                        if r != pr:
                            e = (D * col0[r] - e * ppc[r]) // pD
                    if p * obj[c2] < oc * e:
                        break  # a smaller index would improve at the child: its parent is not this basis
            else:
                child_c, child_r = j, r
                break
        if child_c < 0:
            if not stack:
                return visited
            cols, obj, rhs, D, basis, cobasis, cmask, col = stack.pop()
            src = None
            pcc = -1
            continue
        if src is not None:
            _complete(cols, src, D)
        full: list[list[int]] = cols  # type: ignore[assignment]
        stack.append((cols, obj, rhs, D, basis, cobasis, cmask, col))
        r, c_ = child_r, child_c
        pcj = full[c_]
        p = pcj[r]
        # the new right-hand side and objective row now; the columns when read
        f = rhs[r]
        if f == 0:
            rhs = rhs if p == D else [p * v // D for v in rhs]
        else:
            rhs = [(p * v - f * w) // D for v, w in zip(rhs, pcj)]
            rhs[r] = f
        oc = pcj[k]
        obj = [(p * o - cj[r] * oc) // D for o, cj in zip(obj, full)]
        obj[c_] = -oc
        src = (full, pcj, r, c_, D)
        pcols, ppc, pr, pcc, pD = src
        cols = [None] * d
        D = p
        basis = basis[:]
        cobasis = cobasis[:]
        u = basis[r]
        cmask ^= (1 << u) | (1 << cobasis[c_])
        basis[r], cobasis[c_] = cobasis[c_], u
        col = 0
        visited += 1
        if visited % 256 == 0:
            check_deadline(deadline, "nash_equilibria", f"the vertices of a polytope of dimension {d}")
        if 0 in rhs:
            if not _lexmin(cols, src, D, rhs, basis, cobasis):
                continue
            mask = cmask
            for v, val in zip(basis, rhs):
                if val == 0:
                    mask |= 1 << v
            yield mask, rhs, basis, D
            if stop_at_degenerate:
                return visited
        else:
            yield cmask, rhs, basis, D


def _child_column(src: tuple[list[list[int]], list[int], int, int, int], p: int, j: int) -> list[int]:
    """Column j of the dictionary after the pivot ``src = (columns, pivot column, r, c, D)``; p the new D.

    Every entry off row r becomes ``(p * v - f * w) / D`` (an exact division; ``f`` the column's entry
    in row r, ``w`` the pivot column's entry in the same row); row r keeps its entries but ``D`` in
    column c, whose other entries change sign.  A column whose row-r entry is 0 is shared with the
    parent when ``p == D`` (columns are never modified once built).
    """
    pcols, pc, r, c, D = src
    if j == c:
        new = [-v for v in pc]
        new[r] = D
        return new
    col = pcols[j]
    f = col[r]
    if f == 0:
        return col if p == D else [p * v // D for v in col]
    new = [(p * v - f * w) // D for v, w in zip(col, pc)]
    new[r] = f
    return new


def _child_entry(src: tuple[list[list[int]], list[int], int, int, int], p: int, j: int, i: int) -> int:
    """Entry (i, j) of the dictionary after the pivot ``src``, without computing the column (p: the new D)."""
    pcols, pc, r, c, D = src
    if j == c:
        return D if i == r else -pc[i]
    col = pcols[j]
    f = col[r]
    if i == r:
        return f
    return (p * col[i] - f * pc[i]) // D


def _complete(cols: list[list[int] | None], src: tuple[list[list[int]], list[int], int, int, int] | None, p: int) -> None:
    """Compute, in place, every column of the dictionary not yet computed (src: the pivot that made it)."""
    for j, got in enumerate(cols):
        if got is None:
            assert src is not None
            cols[j] = _child_column(src, p, j)


def _lex_min_row(
    cols: list[list[int]], rhs: list[int], D: int, basis: list[int], cobasis: list[int], d: int, c: int,
    near: list[int] | None = None,
) -> int:
    """The leaving row of the lexicographic minimum-ratio test for entering column c (-1 if unbounded).

    Exact: the rows of least ``rhs[r] / pc[r]`` (cross-multiplied) among ``near`` (the rows whose
    correctly rounded ratio is the least; None: every row with a positive entry), then ties broken by
    the rows of B^{-1} (the columns of the first basis, the slacks, last one first) over the pivot entry.
    """
    pc = cols[c]
    k = len(rhs)
    cand = near if near is not None else [r for r in range(k) if pc[r] > 0]
    if not cand:
        return -1
    ties = _least_ratios(rhs, pc, cand)
    if len(ties) == 1:
        return ties[0]
    pos = {v: i for i, v in enumerate(cobasis)}
    for j in range(d + k - 1, d - 1, -1):
        i = pos.get(j, -1)
        if i >= 0:  # a cobasic slack: its column over the pivot entry
            ties = _least_ratios(cols[i], pc, ties)
        else:  # a basic slack, in row i: D there and 0 elsewhere, so row i loses to any other
            i = basis.index(j)
            if i in ties:
                ties.remove(i)
        if len(ties) == 1:
            return ties[0]
    return ties[0]  # pragma: no cover - rows of B^{-1} never tie


def _least_ratios(num: list[int], den: list[int], rows: list[int]) -> list[int]:
    """The rows r among ``rows`` of least ``num[r] / den[r]`` (every ``den[r] > 0``), by cross-multiplication."""
    best = rows[0]
    a0, t0 = num[best], den[best]
    ties = [best]
    for r in rows[1:]:
        lhs, rhs_ = num[r] * t0, a0 * den[r]
        if lhs < rhs_:
            a0, t0, ties = num[r], den[r], [r]
        elif lhs == rhs_:
            ties.append(r)
    return ties


def _lexmin(
    cols: list[list[int] | None], src: tuple[list[list[int]], list[int], int, int, int] | None, p: int,
    rhs: list[int], basis: list[int], cobasis: list[int],
) -> bool:
    """True unless a degenerate pivot exchanges a basic variable at 0 for a cobasic one of larger index.

    lrs's lexmin test, with the variables in the order that matches the lexicographic ratio test here
    (the slacks compared last one first): of the lexicographically positive bases of a degenerate vertex
    exactly one passes it (checked against the enumeration of every basis in the tests).
    """
    for r, val in enumerate(rhs):
        if val != 0:
            continue
        u = basis[r]
        for j, v in enumerate(cobasis):
            if v > u:
                col = cols[j]
                e = col[r] if col is not None else _child_entry(src, p, j, r)  # type: ignore[arg-type]
                if e != 0:
                    return False
    return True
