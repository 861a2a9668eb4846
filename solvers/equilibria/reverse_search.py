r"""Exact extreme equilibria in bounded memory: lexicographic reverse search over P, partners solved in Q.

The best-response polytope :math:`P = \{x \ge 0 : B^\top x \le 1\}` (payoffs
shifted to be positive integers) is enumerated by the reverse search of Avis
and Fukuda (1992) in the lexicographic form of lrs (Avis 2000): a dictionary
in Python integers (fraction-free: every entry is an integer over the common
denominator ``D``, the absolute value of the basis determinant), the
objective :math:`\max -\sum_i x_i` whose unique optimal basis is the origin's,
and the parent of a basis the pivot of Bland's rule (the improving cobasic
variable of least index enters, the lexicographic minimum-ratio row leaves).
Only *lexicographically positive* bases are visited (those of the polytope
perturbed by :math:`\varepsilon, \varepsilon^2, \dots` on the right-hand
side), so the search is a tree even when P is degenerate, and every vertex
has such a basis.  The search is a depth-first walk of that tree holding only
the dictionaries on the current path: its memory does not grow with the
number of vertices or bases visited.  A degenerate vertex is reported at one
of its bases only, the *lex-min* one (no degenerate pivot trades a basic
variable at zero for a cobasic one of larger index).

The vertices of Q are walked first in the same way, to learn whether Q is
degenerate and to keep the label sets of its vertices (integers, at most
:data:`MASK_CAP` of them, so memory stays bounded): a simple vertex of P whose
complementary label set is not among them has no partner.  For every other
vertex x of P, the column player's strategies completing an
equilibrium are the vertices of the face of
:math:`Q = \{y \ge 0 : A y \le 1\}` on which every label missing at x is
present: :math:`A_i y = 1` for i in the support of x and :math:`y_j = 0` for the
columns j that are not best responses to x.  When x is nondegenerate and that
system is nonsingular the face is one point, found by one fraction-free solve;
otherwise its vertices are enumerated by solving each of its bases (lrsnash
does the same: Avis, Rosenberg, Savani and von Stengel 2010, Section 5).

References
----------
D. Avis, K. Fukuda, "A pivoting algorithm for convex hulls and vertex
enumeration of arrangements and polyhedra", Discrete Comput. Geom. 8 (1992) 295-313.
D. Avis, "lrs: A revised implementation of the reverse search vertex
enumeration algorithm", in Polytopes - Combinatorics and Computation (2000) 177-198.
D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
equilibria for two-player games", Economic Theory 42 (2010) 9-37.

Examples
--------
>>> rows, cols, pairs, degenerate = reverse_search_extreme([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> [(rows[i], cols[j]) for i, j in pairs], degenerate
([((1, 0), (1, 0)), ((2, 1), (1, 2)), ((0, 1), (0, 1))], False)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from solvers.equilibria.integers import IntVertex, _positive, _solve_fraction_free, check_deadline

__all__ = ["reverse_search_extreme", "lex_vertices", "MASK_CAP"]

#: The label sets of at most this many vertices of Q are kept (about 60 bytes each, so at most ~16 MB);
#: past it, or when Q is degenerate, the partner of every vertex of P is solved for instead.
MASK_CAP = 1 << 18


def lex_vertices(
    c: list[list[int]], deadline: float | None = None, *, stop_at_degenerate: bool = False
) -> Iterator[tuple[IntVertex, int, int]]:
    """Every vertex but the origin of ``{z >= 0 : C^T z <= 1}`` (C: ``d x k`` positive integers), once each.

    Yields ``(weights, mask, den)``: ``weights`` the integers ``D z`` (``z`` the vertex), ``mask`` its
    labels (bit i for ``z_i = 0``, bit ``d + j`` for a tight constraint j) and ``den = D``.  With
    ``stop_at_degenerate`` the walk ends after the first degenerate vertex (more than d labels).
    """
    d, k = len(c), len(c[0])
    # variables 0..d-1 are z, d..d+k-1 the slacks; the slacks form the first basis
    T = [[1] + [c[i][j] for i in range(d)] for j in range(k)]
    obj = [0] + [1] * d  # D w = obj[0] - sum obj[c+1] x_c, w = -sum z, maximised
    basis = list(range(d, d + k))
    cobasis = list(range(d))
    D = 1
    stack: list[tuple[list[list[int]], list[int], int, list[int], list[int], int]] = []
    state = (T, obj, D, basis, cobasis)
    col = 0
    visited = 0
    while True:
        T, obj, D, basis, cobasis = state
        child = None
        while col < d:
            c_ = col
            col += 1
            oc = obj[c_ + 1]
            if oc <= 0:  # after the pivot the leaving variable must improve: needs obj[c] > 0
                continue
            r = _lex_min_row(T, D, basis, cobasis, d, c_)
            if r < 0:
                continue
            u = basis[r]
            row = T[r]
            p = row[c_ + 1]
            ok = True
            for c2 in range(d):
                if c2 != c_ and cobasis[c2] < u and p * obj[c2 + 1] < oc * row[c2 + 1]:
                    ok = False  # a smaller index would improve at the child: its parent is not this basis
                    break
            if ok:
                child = (c_, r)
                break
        if child is None:
            if not stack:
                return
            *state_, col = stack.pop()
            state = tuple(state_)  # type: ignore[assignment]
            continue
        c_, r = child
        stack.append((T, obj, D, basis, cobasis, col))
        state = _pivot(T, obj, D, basis, cobasis, r, c_)
        col = 0
        visited += 1
        if visited % 256 == 0:
            check_deadline(deadline, "nash_equilibria", f"the vertices of a polytope of dimension {d}")
        T2, _, D2, basis2, cobasis2 = state
        if not _lexmin(T2, basis2, cobasis2, d):
            continue
        mask = 0
        for v in cobasis2:
            mask |= 1 << v
        w = [0] * d
        for r2, v in enumerate(basis2):
            val = T2[r2][0]
            if val == 0:
                mask |= 1 << v
            elif v < d:
                w[v] = val
        yield tuple(w), mask, D2
        if stop_at_degenerate and mask.bit_count() > d:
            return


def _lex_min_row(T: list[list[int]], D: int, basis: list[int], cobasis: list[int], d: int, c: int) -> int:
    """The leaving row of the lexicographic minimum-ratio test for entering column c (-1 if unbounded).

    The minimum of ``T[r][0] / T[r][c+1]`` over the rows with a positive entry is found with
    floats first: ``int / int`` is correctly rounded, and rounding is monotone, so every row whose
    exact ratio is the minimum has the smallest float ratio; only the rows sharing it are compared
    exactly, by cross-multiplication (a ratio past the float range compares all rows exactly).
    """
    cc = c + 1
    try:
        cands = [(row[0] / row[cc], r) for r, row in enumerate(T) if row[cc] > 0]
    except OverflowError:  # a ratio beyond 1e308: compare them all exactly
        cands = [(0.0, r) for r, row in enumerate(T) if row[cc] > 0]
    if not cands:
        return -1
    if len(cands) == 1:
        return cands[0][1]
    low = min(cands)[0]
    near = [r for q, r in cands if q == low]
    if len(near) > 1:  # exact comparison of the close ones
        best = near[0]
        ties = [best]
        for r in near[1:]:
            lhs, rhs = T[r][0] * T[best][cc], T[best][0] * T[r][cc]
            if lhs < rhs:
                best, ties = r, [r]
            elif lhs == rhs:
                ties.append(r)
    else:
        ties = near
    if len(ties) == 1:
        return ties[0]
    # ties: compare the rows of B^{-1} (the columns of the first basis, the slacks, last one first) over the pivot entry
    where = {v: ("col", i) for i, v in enumerate(cobasis)}
    where.update({v: ("row", i) for i, v in enumerate(basis)})
    k = len(T)
    for j in range(d + k - 1, d - 1, -1):
        kind, i = where[j]
        if kind == "col":
            vals = [(T[r][i + 1], T[r][c + 1], r) for r in ties]
        else:
            vals = [(D if r == i else 0, T[r][c + 1], r) for r in ties]
        # smallest value / pivot entry
        first = min(vals, key=lambda v: _Ratio(v[0], v[1]))
        ties = [r for a, t, r in vals if a * first[1] == first[0] * t]
        if len(ties) == 1:
            return ties[0]
    return ties[0]  # pragma: no cover - rows of B^{-1} never tie


class _Ratio:
    """``a / b`` with b > 0, ordered by cross-multiplication."""

    __slots__ = ("a", "b")

    def __init__(self, a: int, b: int) -> None:
        self.a, self.b = a, b

    def __lt__(self, other: _Ratio) -> bool:
        return self.a * other.b < other.a * self.b


def _pivot(
    T: list[list[int]], obj: list[int], D: int, basis: list[int], cobasis: list[int], r: int, c: int
) -> tuple[list[list[int]], list[int], int, list[int], list[int]]:
    """Fraction-free pivot: the basic variable of row r leaves, the cobasic variable of column c enters.

    Every other row becomes ``(p * row - row[c] * pivot_row) / D`` (an exact division), its entry in
    column c ``-row[c]``; the pivot row keeps its entries but ``D`` in column c; ``p`` is the new ``D``.
    """
    prow = T[r]
    cc = c + 1
    p = prow[cc]
    T2: list[list[int]] = []
    for i, row in enumerate(T + [obj]):
        if i == r:
            new = prow[:]
            new[cc] = D
        else:
            f = row[cc]
            if f == 0:
                new = row[:] if p == D else [(p * v) // D for v in row]
            else:
                new = [(p * v - f * w) // D for v, w in zip(row, prow)]
                new[cc] = -f
        T2.append(new)
    obj2 = T2.pop()
    basis2 = basis[:]
    cobasis2 = cobasis[:]
    basis2[r], cobasis2[c] = cobasis[c], basis[r]
    return T2, obj2, p, basis2, cobasis2


def _lexmin(T: list[list[int]], basis: list[int], cobasis: list[int], d: int) -> bool:
    """True unless a degenerate pivot exchanges a basic variable at 0 for a cobasic one of larger index.

    lrs's lexmin test, with the variables in the order that matches the lexicographic ratio test here
    (the slacks compared last one first): of the lexicographically positive bases of a degenerate vertex
    exactly one passes it (checked against the enumeration of every basis in the tests).
    """
    for r, row in enumerate(T):
        if row[0] != 0:
            continue
        u = basis[r]
        for c, v in enumerate(cobasis):
            if v > u and row[c + 1] != 0:
                return False
    return True


def _face_vertices(a: list[list[int]], supp: list[int], tight: list[int], m: int) -> list[tuple[IntVertex, int]]:
    """Vertices of ``{y >= 0 : A y <= 1, A_i y = 1 (i in supp), y_j = 0 (j not in tight)}``, by their bases.

    Returns ``(weights, labels)`` pairs; ``labels`` uses Q's numbering (bit i: row i tight; bit m + j: y_j = 0).
    """
    n = len(a[0])
    found: dict[int, IntVertex] = {}
    supp_set = set(supp)
    for size in range(1, len(tight) + 1):
        for U in itertools.combinations(tight, size):
            for W in itertools.combinations(range(m), size):
                sol = _solve_fraction_free([[a[i][j] for j in U] for i in W], size)
                if sol is None:
                    continue
                den, num = sol
                if any(v <= 0 for v in num):
                    continue
                mask = 0
                ok = True
                for i in range(m):
                    s = sum(a[i][j] * v for j, v in zip(U, num))
                    if s > den or (i in supp_set and s != den):
                        ok = False
                        break
                    if s == den:
                        mask |= 1 << i
                if not ok:
                    continue
                y = [0] * n
                for j, v in zip(U, num):
                    y[j] = v
                for j in range(n):
                    if y[j] == 0:
                        mask |= 1 << (m + j)
                if mask not in found:
                    g = math.gcd(*y)
                    found[mask] = tuple(v // g for v in y)
    return [(y, mask) for mask, y in found.items()]


def _partners(a: list[list[int]], x: IntVertex, xmask: int, m: int, n: int) -> tuple[list[tuple[IntVertex, int]], bool]:
    """The vertices y of Q completing x to an equilibrium, and whether one of them is degenerate (> n labels)."""
    supp = [i for i in range(m) if x[i]]
    tight = [j for j in range(n) if xmask >> (m + j) & 1]
    if len(supp) == len(tight):
        sol = _solve_fraction_free([[a[i][j] for j in tight] for i in supp], len(supp))
        if sol is not None:
            den, num = sol
            if any(v < 0 for v in num):
                return [], False
            mask = 0
            for i in range(m):
                s = sum(a[i][j] * v for j, v in zip(tight, num) if v)
                if s > den:
                    return [], False
                if s == den:
                    mask |= 1 << i
            y = [0] * n
            for j, v in zip(tight, num):
                y[j] = v
            for j in range(n):
                if y[j] == 0:
                    mask |= 1 << (m + j)
            g = math.gcd(*y)
            return [(tuple(v // g for v in y), mask)], mask.bit_count() > n
    found = _face_vertices(a, supp, tight, m)
    return found, any(mask.bit_count() > n for _, mask in found)


def reverse_search_extreme(
    A: list[list[int]], B: list[list[int]], *, deadline: float | None = None
) -> tuple[list[IntVertex], list[IntVertex], list[tuple[int, int]], bool]:
    """Extreme equilibria of the integer bimatrix game (A, B) by reverse search (the module docstring).

    Parameters
    ----------
    A, B : list of list of int
        The payoff matrices (any integers; shifted to be positive, which changes no equilibrium).
    deadline : float, optional
        A ``time.monotonic()`` value past which :class:`~games.errors.SizeLimitError` is raised.

    Returns
    -------
    tuple
        ``(row_vertices, col_vertices, pairs, degenerate)`` as
        :func:`~solvers.equilibria.exact_vertices.exact_extreme_integer`: integer weight vectors
        (divide by their sum), pairs sorted by the row then the column strategy (largest
        probabilities first), and whether P or Q has a degenerate vertex.

    References
    ----------
    D. Avis, "lrs: A revised implementation of the reverse search vertex enumeration algorithm" (2000).

    Examples
    --------
    >>> reverse_search_extreme([[1, 1], [1, 1]], [[1, 1], [1, 1]])[2]  # every pure profile
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    m, n = len(A), len(A[0])
    bp = _positive(B)  # P: x in R^m, constraints B^T x <= 1
    ap = _positive(A)
    ap_t = [[ap[i][j] for i in range(m)] for j in range(n)]
    # Q first: is it degenerate, and the label sets of its vertices (up to MASK_CAP of them), whose
    # complements are then looked up instead of solving for every vertex of P.
    q_masks: set[int] | None = set()
    degenerate = False
    full = (1 << (m + n)) - 1
    low = (1 << n) - 1
    if m == 2:
        # 2 x n: Q's vertices are y = 0, y = e_j / max_i A_ij (degenerate iff both rows tie in column j)
        # and two-column mixtures with both rows tight (exactly n labels); no walk needed, and P, a
        # polygon, has few vertices to solve partners for.
        degenerate = any(ap[0][j] == ap[1][j] for j in range(n))
        q_masks = None
    for _, mask, _ in (() if m == 2 else lex_vertices(ap_t, deadline, stop_at_degenerate=True)):
        if mask.bit_count() > n:
            degenerate = True  # the walk stops here: partners are solved for, below
            q_masks = None
        elif q_masks is not None:
            q_masks.add(((mask & low) << m) | (mask >> n))  # to Q's labels: rows, then y_j = 0
            if len(q_masks) > MASK_CAP:
                q_masks = None
    pairs_xy: list[tuple[IntVertex, IntVertex]] = []
    for w, mask, _ in lex_vertices(bp, deadline):
        if mask.bit_count() > m:
            degenerate = True
        elif q_masks is not None and (full ^ mask) not in q_masks:
            continue  # Q is simple and none of its vertices has every label x misses
        g = math.gcd(*w)
        x = tuple(v // g for v in w)
        found, deg_face = _partners(ap, x, mask, m, n)
        degenerate = degenerate or deg_face
        pairs_xy.extend((x, y) for y, _ in found)

    def key(v: IntVertex) -> tuple[float, ...]:
        s = sum(v)
        return tuple(-a / s for a in v)

    pairs_xy.sort(key=lambda p: (key(p[0]), key(p[1]), p))
    rows: dict[IntVertex, int] = {}
    cols: dict[IntVertex, int] = {}
    pairs = [(rows.setdefault(x, len(rows)), cols.setdefault(y, len(cols))) for x, y in pairs_xy]
    return list(rows), list(cols), pairs, degenerate
