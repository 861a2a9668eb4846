r"""Exact vertex enumeration of the best-response polytopes in integer arithmetic.

Fraction-free (Bareiss) elimination over integer payoff matrices: every
vertex is an integer vector with a common denominator, so no rational number
is ever built in the inner loop.
"""

from __future__ import annotations

import itertools
import math
from typing import Literal, overload

from games.errors import GameError, SizeLimitError
from solvers.equilibria.integers import IntVertex, _bareiss, _positive, _solve_fraction_free, check_deadline
from solvers.equilibria.reverse_search import reverse_search_extreme

__all__ = ["EXACT_MAX_BASES", "MAX_ENUMERATION_BASES", "count_bases", "check_enumeration_size", "vertex_bound"]


#: ``exact=None`` computes exactly when each polytope has at most this many bases,
#: ``C(m+n, m) - 1``: every game up to 7 x 7 (3431 bases), 6 x 8 (3002), 5 x 10 (3002), 4 x 14 (3059).
EXACT_MAX_BASES = 3431


def count_bases(m: int, n: int) -> int:
    """Number of (support, tight set) bases of a best-response polytope of an m x n game."""
    return math.comb(m + n, m) - 1


#: Enumerating every equilibrium of a two-player game is refused at once past this many bases
#: (:func:`count_bases`): 14 x 14 (4.0e7) is allowed, 15 x 15 (1.6e8) and 12 x 20 (2.3e8) are not.
MAX_ENUMERATION_BASES = 10**8


def vertex_bound(m: int, n: int) -> int:
    r"""Upper bound on the vertices of both best-response polytopes of an m x n game: the work estimate.

    McMullen's upper bound theorem: a d-polytope with N facets has at most
    :math:`\binom{N - \lfloor (d+1)/2 \rfloor}{N - d} + \binom{N - \lfloor (d+2)/2 \rfloor}{N - d}`
    vertices; P has d = m and N = m + n, Q has d = n and N = m + n.  Every
    enumeration visits each vertex once at least; the reverse search costs
    one pivot per lexicographically positive basis on top (von Stengel 1999,
    "New maximal numbers of equilibria in bimatrix games", Discrete Comput. Geom. 21).

    Examples
    --------
    >>> vertex_bound(2, 2), vertex_bound(10, 10)
    (8, 8008)
    """

    def ubt(d: int, N: int) -> int:
        return math.comb(N - (d + 1) // 2, N - d) + math.comb(N - (d + 2) // 2, N - d)

    return ubt(m, m + n) + ubt(n, m + n)


def check_enumeration_size(m: int, n: int, where: str, *, timed: bool = False) -> None:
    """Refuse, before any work, to enumerate the equilibria of an m x n game past :data:`MAX_ENUMERATION_BASES`.

    The work estimate is the number of bases :func:`count_bases` (at most 1e8, about 14 x 14, so that
    an enumeration ends in minutes); :func:`vertex_bound` is the upper-bound-theorem count of the
    vertices to visit.  ``timed``: the caller gave a ``time_limit``, which bounds the time itself, so
    any size is allowed (the reverse search's memory does not grow).

    Examples
    --------
    >>> check_enumeration_size(200, 200, "nash_equilibria")
    Traceback (most recent call last):
    ...
    games.errors.SizeLimitError: nash_equilibria: a 200 x 200 game has 1.03e+119 bases to enumerate (at most 1.11e+82 vertices); allowed: at most 1e8 bases, about 14 x 14, or any size with a time_limit; for one equilibrium use nash_equilibria(game, method="lemke-howson"), or remove dominated strategies first (solvers.iterated_elimination)
    >>> check_enumeration_size(200, 200, "nash_equilibria", timed=True)  # allowed: time_limit bounds it
    """
    bases = count_bases(m, n)
    if bases > MAX_ENUMERATION_BASES and not timed:
        raise SizeLimitError(
            f"{where}: a {m} x {n} game has {float(bases):.3g} bases to enumerate (at most "
            f"{float(vertex_bound(m, n)):.3g} vertices); allowed: at most 1e8 bases, about 14 x 14, or any "
            'size with a time_limit; for one equilibrium use nash_equilibria(game, method="lemke-howson"), '
            "or remove dominated strategies first (solvers.iterated_elimination)"
        )


def _exact_vertices(c: list[list[int]], own: int, opp: int, deadline: float | None = None) -> dict[int, IntVertex]:
    """Vertices (other than 0) of {z >= 0 : C^T z <= 1}, C of shape own x opp with positive integer entries.

    Returns ``{label mask: z * d}`` (integers, z up to scale); bits ``0..own-1``
    mark ``z_i = 0`` and bits ``own..own+opp-1`` mark tight constraints.
    """
    out: dict[int, IntVertex] = {}
    for k in range(1, min(own, opp) + 1):
        for supp in itertools.combinations(range(own), k):
            check_deadline(deadline, "nash_equilibria", f"the bases of a polytope of dimension {own}")
            cols = [[c[i][j] for i in supp] for j in range(opp)]  # cols[j] = C[supp, j]
            for tight in itertools.combinations(range(opp), k):
                sol = _solve_fraction_free([cols[j] for j in tight], k)
                if sol is None:
                    continue
                d, num = sol
                if any(v < 0 for v in num):
                    continue
                mask = 0
                ok = True
                for j in range(opp):
                    s = sum(cj * v for cj, v in zip(cols[j], num))
                    if s > d:
                        ok = False
                        break
                    if s == d:
                        mask |= 1 << (own + j)
                if not ok:
                    continue
                full = [0] * own
                for i, v in zip(supp, num):
                    full[i] = v
                for i in range(own):
                    if full[i] == 0:
                        mask |= 1 << i
                if mask not in out:
                    g = math.gcd(*full)
                    out[mask] = tuple(v // g for v in full)
    return out


def _gauss_jordan_inverse(M: list[list[int]], rhs: list[int], k: int) -> tuple[int, list[list[int]], list[int]] | None:
    """Fraction-free Gauss-Jordan on ``[M | I | rhs]``: returns ``(D, X, z)`` with ``M X = D I``, ``M z = D rhs``, D > 0.

    None when M is singular.
    """
    a = [M[r][:] + [1 if c == r else 0 for c in range(k)] + [rhs[r]] for r in range(k)]
    D = _bareiss(a, k)
    if D is None:
        return None
    X = [row[k:2 * k] for row in a]
    z = [row[2 * k] for row in a]
    if D < 0:
        D = -D
        X = [[-v for v in row] for row in X]
        z = [-v for v in z]
    return D, X, z


def _exact_vertices_pivoting(
    c: list[list[int]], own: int, opp: int, deadline: float | None = None
) -> dict[int, IntVertex]:
    """Same result as :func:`_exact_vertices`, by a breadth-first search over feasible bases.

    A basis is a set of ``own`` tight constraints (``z_i = 0`` for i < own,
    ``(C^T z)_j = 1`` for own + j) with a nonsingular system.  From each basis
    every feasible pivot is followed: dropping one tight constraint, the
    entering ones are those reached first along the edge (exact ties
    included) and, at a degenerate vertex, every other tight constraint
    with a nonzero pivot element (a step of length 0).  The graph of feasible
    bases is connected, so every vertex is reached.  All arithmetic is in
    integers (fraction-free Gauss-Jordan), so ties are exact.
    """
    n_con = own + opp
    ct = [[c[i][j] for i in range(own)] for j in range(opp)]  # rows of C^T

    def row(r: int) -> list[int]:
        if r < own:
            return [-1 if i == r else 0 for i in range(own)]
        return ct[r - own]

    def rhs(r: int) -> int:
        return 0 if r < own else 1

    start = tuple(range(own))
    seen = {sum(1 << r for r in start)}
    frontier = [start]
    out: dict[int, IntVertex] = {}
    while frontier:
        nxt = []
        for count, basis in enumerate(frontier):
            if count % 64 == 0:
                check_deadline(deadline, "nash_equilibria", f"the feasible bases of a polytope of dimension {own}")
            sol = _gauss_jordan_inverse([row(r) for r in basis], [rhs(r) for r in basis], own)
            if sol is None:  # pragma: no cover - pivots keep bases nonsingular
                continue
            D, X, z = sol
            # D * slack of every constraint
            S = list(z) + [D - sum(cj * zi for cj, zi in zip(ct[j], z)) for j in range(opp)]
            mask = 0
            for r in range(n_con):
                if S[r] == 0:
                    mask |= 1 << r
            if any(z) and mask not in out:
                g = math.gcd(*z)
                out[mask] = tuple(v // g for v in z)
            in_basis = set(basis)
            for pos in range(own):
                # D * (G_r . d) for the edge that leaves constraint basis[pos]; d = -X[:, pos] / D
                col = [X[i][pos] for i in range(own)]
                T = col + [-sum(cj * v for cj, v in zip(ct[j], col)) for j in range(opp)]
                best_num, best_den = -1, 1
                entering: list[int] = []
                for r in range(n_con):
                    if r in in_basis:
                        continue
                    t = T[r]
                    if t > 0:
                        # ratio S[r] / t; keep the minimum (exact ties)
                        if best_num < 0 or S[r] * best_den < best_num * t:
                            best_num, best_den = S[r], t
                            entering = [r]
                        elif S[r] * best_den == best_num * t:
                            entering.append(r)
                if best_num != 0:
                    # a step of length 0 is also possible through any other tight constraint
                    entering += [r for r in range(n_con) if r not in in_basis and S[r] == 0 and T[r] != 0]
                else:
                    entering += [r for r in range(n_con) if r not in in_basis and S[r] == 0 and T[r] < 0]
                for r in entering:
                    nb = tuple(sorted(basis[:pos] + basis[pos + 1:] + (r,)))
                    key = sum(1 << q for q in nb)
                    if key not in seen:
                        seen.add(key)
                        nxt.append(nb)
        frontier = nxt
    return out



_Extreme = tuple[list[IntVertex], list[IntVertex], list[tuple[int, int]], bool]


@overload
def exact_extreme_integer(
    A: list[list[int]], B: list[list[int]], method: str | None = None, *, deadline: float | None = None,
    lazy_degenerate: Literal[False] = False,
) -> _Extreme: ...


@overload
def exact_extreme_integer(
    A: list[list[int]], B: list[list[int]], method: str | None = None, *, deadline: float | None = None,
    lazy_degenerate: bool,
) -> tuple[list[IntVertex], list[IntVertex], list[tuple[int, int]], bool | None]: ...


def exact_extreme_integer(
    A: list[list[int]], B: list[list[int]], method: str | None = None, *, deadline: float | None = None,
    lazy_degenerate: bool = False,
) -> tuple[list[IntVertex], list[IntVertex], list[tuple[int, int]], bool | None]:
    """Extreme equilibria of the integer bimatrix game (A, B), exactly.

    ``method``: ``"reverse-search"`` (the default) walks the lexicographic reverse-search tree of P
    in bounded memory and solves for the partners in Q
    (:func:`solvers.equilibria.reverse_search.reverse_search_extreme`); ``"bases"`` solves every
    basis of both polytopes; ``"pivoting"`` searches the feasible bases of both by pivots,
    breadth-first (its memory grows with the bases).  All three are exact and return the same.

    Returns ``(row_vertices, col_vertices, pairs, degenerate)``; vertices are
    integer weight vectors (divide by their sum for the mixed strategy).
    Pairs are sorted (row strategy, then column strategy, largest
    probabilities first).  With ``lazy_degenerate`` the reverse search may
    return None for ``degenerate``: P and every equilibrium are
    nondegenerate, and Q was not walked
    (:func:`~solvers.equilibria.reverse_search.q_is_degenerate` answers it).
    """
    m, n = len(A), len(A[0])
    if method is None:
        method = "reverse-search"
    if method not in ("bases", "pivoting", "reverse-search"):
        raise GameError(
            f"exact_extreme_integer: method {method!r} not allowed (allowed: 'reverse-search', 'bases', 'pivoting')"
        )
    if method == "reverse-search":
        return reverse_search_extreme(A, B, deadline=deadline, lazy_degenerate=lazy_degenerate)
    bp = _positive(B)  # P: x in R^m, constraints B^T x <= 1
    ap = _positive(A)
    ap_t = [[ap[i][j] for i in range(m)] for j in range(n)]  # Q: y in R^n, constraints A y <= 1
    enum = _exact_vertices if method == "bases" else _exact_vertices_pivoting
    pv = enum(bp, m, n, deadline)
    qv_raw = enum(ap_t, n, m, deadline)
    low = (1 << n) - 1
    qv = {((mask & low) << m) | (mask >> n): y for mask, y in qv_raw.items()}
    degenerate = any(bin(k).count("1") > m for k in pv) or any(bin(k).count("1") > n for k in qv)
    full = (1 << (m + n)) - 1
    # nondegenerate vertex pairs are complementary iff their label sets are complements (a look-up);
    # pairs with a degenerate vertex (more labels than the dimension) are checked one by one.
    simple_q = {my: y for my, y in qv.items() if bin(my).count("1") == n}
    pairs_xy = [(x, simple_q[full ^ mx]) for mx, x in pv.items() if bin(mx).count("1") == m and (full ^ mx) in simple_q]
    deg_p = [(mx, x) for mx, x in pv.items() if bin(mx).count("1") > m]
    deg_q = [(my, y) for my, y in qv.items() if bin(my).count("1") > n]
    pairs_xy += [(x, y) for mx, x in deg_p for my, y in qv.items() if mx | my == full]
    pairs_xy += [(x, y) for mx, x in pv.items() if bin(mx).count("1") == m for my, y in deg_q if mx | my == full]

    def key(v: IntVertex) -> tuple[float, ...]:
        s = sum(v)
        return tuple(-a / s for a in v)

    pairs_xy.sort(key=lambda p: (key(p[0]), key(p[1]), p))
    rows: dict[IntVertex, int] = {}
    cols: dict[IntVertex, int] = {}
    pairs = []
    for x, y in pairs_xy:
        pairs.append((rows.setdefault(x, len(rows)), cols.setdefault(y, len(cols))))
    return list(rows), list(cols), pairs, degenerate

