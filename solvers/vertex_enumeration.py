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
  integers by fraction-free Gauss-Jordan elimination, so every tie is exact):
  small games solve every basis of P and Q -- a support I and an equally
  large set T of tight best-response constraints -- and keep the feasible
  solutions; larger ones (more than 300 bases) search the feasible bases by
  pivoting, as the float mode below.  Vertices are identified by their full
  label sets.  ``exact=None`` chooses exact up to :data:`EXACT_MAX_BASES`
  bases per polytope (7 x 7, 6 x 8, 5 x 10 games and smaller); measured on a
  2-core machine: 5 x 5 integer games about 8 ms, 7 x 7 about 90 ms, 10 x 10
  3 to 9 s with ``exact=True`` (Gambit's rational enummixed: 5 to 26 s).
* **float**: a breadth-first search over the feasible bases of each polytope
  by simplex pivots, vectorised with numpy over the whole frontier.  At a
  degenerate vertex *every* feasible pivot is followed (ties in the ratio test
  and pivots of step 0), so all feasible bases, hence all vertices, are
  reached: the graph of feasible bases of a polytope is connected (Avis and
  Fukuda 1992).  Payoffs are first scaled to [1, 2]; a constraint is tight
  when its slack is at most ``tol`` (default 1e-9), and
  :func:`solvers.nash.nash_equilibria` verifies every equilibrium again.

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

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from games.core import Game
from games.errors import GameError, SizeLimitError
from solvers.equilibrium import FLOAT_TOL

__all__ = ["vertex_enumeration", "ExtremeEquilibria", "EXACT_MAX_BASES", "count_bases"]

#: ``exact=None`` computes exactly when each polytope has at most this many bases,
#: ``C(m+n, m) - 1``: every game up to 7 x 7 (3431 bases), 6 x 8 (3002), 5 x 10 (3002), 4 x 14 (3059).
EXACT_MAX_BASES = 3431


def count_bases(m: int, n: int) -> int:
    """Number of (support, tight set) bases of a best-response polytope of an m x n game."""
    return math.comb(m + n, m) - 1


@dataclass(frozen=True)
class ExtremeEquilibria:
    """The extreme equilibria of a two-player game as pairs of polytope vertices.

    Attributes
    ----------
    row_vertices : tuple of tuples
        Distinct normalised mixed strategies of the row player appearing in
        some extreme equilibrium (``Fraction`` when exact, float otherwise).
    col_vertices : tuple of tuples
        Same for the column player.
    pairs : tuple of (int, int)
        The extreme equilibria as (row vertex index, column vertex index), in
        deterministic order.
    degenerate : bool
        True when some vertex of P has more than m labels or some vertex of Q
        more than n labels (a mixed strategy with more pure best responses
        than its support size).
    exact : bool
    """

    row_vertices: tuple[tuple[Any, ...], ...]
    col_vertices: tuple[tuple[Any, ...], ...]
    pairs: tuple[tuple[int, int], ...]
    degenerate: bool
    exact: bool

    def profiles(self) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
        """The extreme equilibria as (row strategy, column strategy) pairs."""
        return [(self.row_vertices[i], self.col_vertices[j]) for i, j in self.pairs]


# ---------------------------------------------------------------------------
# exact: integer arithmetic over all bases
# ---------------------------------------------------------------------------

def integer_bimatrix(game: Game) -> tuple[list[list[int]], list[list[int]], int, int] | None:
    """The two payoff matrices scaled to integers: ``(A_int, B_int, den_A, den_B)`` with ``A = A_int / den_A``.

    None when some payoff is not rational.
    """
    out: list[Any] = []
    dens = []
    m, n = game.shape
    for arr in game.payoffs:
        flat = arr._array  # noqa: SLF001 - sympy's flat storage
        den = 1
        for v in flat:
            if not isinstance(v, sympy.Rational):
                return None
            den = math.lcm(den, int(v.q))
        ints = [int(v.p) * (den // int(v.q)) for v in flat]
        out.append([ints[i * n:(i + 1) * n] for i in range(m)])
        dens.append(den)
    return out[0], out[1], dens[0], dens[1]


def _positive(mat: list[list[int]]) -> list[list[int]]:
    """Shift an integer matrix so that its minimum is 1 (equilibria do not change)."""
    lo = min(min(row) for row in mat)
    return [[v - lo + 1 for v in row] for row in mat]


def _bareiss(a: list[list[int]], k: int) -> int | None:
    """Fraction-free Gauss-Jordan elimination (Bareiss) of the first ``k`` columns of ``a``, in place.

    ``a`` is a ``k x width`` integer matrix (the left ``k x k`` block, then any
    augmented columns).  Every division is exact; afterwards the left block is
    diagonal with every diagonal entry equal to the returned value, which is the
    determinant up to sign, and the augmented columns hold that value times the
    solution.  Returns None when the left block is singular.
    """
    prev = 1
    for p in range(k):
        if a[p][p] == 0:
            for r in range(p + 1, k):
                if a[r][p] != 0:
                    a[p], a[r] = a[r], a[p]
                    break
            else:
                return None
        piv = a[p][p]
        rowp = a[p]
        for r in range(k):
            if r == p:
                continue
            row = a[r]
            f = row[p]
            if f == 0:
                a[r] = [(piv * v) // prev for v in row]
            else:
                a[r] = [(piv * v - f * w) // prev for v, w in zip(row, rowp)]
        prev = piv
    return a[k - 1][k - 1]


def _solve_fraction_free(mat: list[list[int]], k: int) -> tuple[int, list[int]] | None:
    """Solve ``mat @ z = 1`` exactly: return (d, num) with z = num / d and d > 0, or None if singular.

    Fraction-free Gauss-Jordan elimination (Bareiss): every division is exact
    and the final diagonal entries all equal the determinant up to sign.
    """
    if k == 1:
        d1 = mat[0][0]
        if d1 == 0:
            return None
        return (d1, [1]) if d1 > 0 else (-d1, [-1])
    a = [row[:] + [1] for row in mat]
    d = _bareiss(a, k)
    if d is None:
        return None
    num = [a[c][k] for c in range(k)]
    if d < 0:
        d = -d
        num = [-v for v in num]
    return d, num


#: An exact vertex: integer weights whose normalisation is the mixed strategy.
IntVertex = tuple[int, ...]


def _exact_vertices(c: list[list[int]], own: int, opp: int) -> dict[int, IntVertex]:
    """Vertices (other than 0) of {z >= 0 : C^T z <= 1}, C of shape own x opp with positive integer entries.

    Returns ``{label mask: z * d}`` (integers, z up to scale); bits ``0..own-1``
    mark ``z_i = 0`` and bits ``own..own+opp-1`` mark tight constraints.
    """
    out: dict[int, IntVertex] = {}
    for k in range(1, min(own, opp) + 1):
        for supp in itertools.combinations(range(own), k):
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


def _exact_vertices_pivoting(c: list[list[int]], own: int, opp: int) -> dict[int, IntVertex]:
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
        for basis in frontier:
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


#: The float search refuses polytopes with more feasible bases than this (memory and time).
MAX_FLOAT_BASES = 2_000_000

#: Exact mode enumerates all bases up to this count (simple and fast for small games), else pivots.
_EXACT_ALL_BASES_MAX = 300


def exact_extreme_integer(
    A: list[list[int]], B: list[list[int]], method: str | None = None
) -> tuple[list[IntVertex], list[IntVertex], list[tuple[int, int]], bool]:
    """Extreme equilibria of the integer bimatrix game (A, B), exactly.

    ``method``: ``"bases"`` solves every basis, ``"pivoting"`` searches the
    feasible bases by pivots; None picks ``"bases"`` up to
    ``_EXACT_ALL_BASES_MAX`` bases per polytope.

    Returns ``(row_vertices, col_vertices, pairs, degenerate)``; vertices are
    integer weight vectors (divide by their sum for the mixed strategy).
    Pairs are sorted (row strategy, then column strategy, largest
    probabilities first).
    """
    m, n = len(A), len(A[0])
    bp = _positive(B)  # P: x in R^m, constraints B^T x <= 1
    ap = _positive(A)
    ap_t = [[ap[i][j] for i in range(m)] for j in range(n)]  # Q: y in R^n, constraints A y <= 1
    if method is None:
        method = "bases" if count_bases(m, n) <= _EXACT_ALL_BASES_MAX else "pivoting"
    if method not in ("bases", "pivoting"):
        raise GameError(f"exact_extreme_integer: method {method!r} not allowed (allowed: 'bases', 'pivoting')")
    enum = _exact_vertices if method == "bases" else _exact_vertices_pivoting
    pv = enum(bp, m, n)
    qv_raw = enum(ap_t, n, m)
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


def _assemble(pairs_xy: list[tuple[tuple[Any, ...], tuple[Any, ...]]], degenerate: bool, *, exact: bool) -> ExtremeEquilibria:
    """Deterministic order: lexicographically by the row then column strategy, largest first."""
    pairs_xy = sorted(pairs_xy, key=lambda p: tuple(-v for v in p[0]) + tuple(-v for v in p[1]))
    rows: dict[tuple[Any, ...], int] = {}
    cols: dict[tuple[Any, ...], int] = {}
    pairs = []
    for x, y in pairs_xy:
        i = rows.setdefault(x, len(rows))
        j = cols.setdefault(y, len(cols))
        pairs.append((i, j))
    return ExtremeEquilibria(tuple(rows), tuple(cols), tuple(pairs), degenerate, exact)


# ---------------------------------------------------------------------------
# float: vectorised breadth-first search over feasible bases
# ---------------------------------------------------------------------------

def _row_keys(mask: np.ndarray) -> np.ndarray:
    """One hashable key per row of a boolean matrix: int64 bit masks when they fit, else bytes."""
    n_cols = mask.shape[1]
    if n_cols <= 62:
        return np.asarray(mask.astype(np.int64) @ (np.int64(1) << np.arange(n_cols, dtype=np.int64)))
    packed = np.packbits(mask, axis=1)
    out = np.empty(mask.shape[0], dtype=object)
    out[:] = [row.tobytes() for row in packed]
    return out


def _basis_keys(bases: np.ndarray, n_con: int) -> np.ndarray:
    if n_con <= 62:
        return np.asarray(np.sum(np.int64(1) << bases.astype(np.int64), axis=1))
    masks = np.zeros((bases.shape[0], n_con), dtype=bool)
    np.put_along_axis(masks, bases, True, axis=1)
    return _row_keys(masks)


def _pivot_step(G: np.ndarray, b: np.ndarray, frontier: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vertices, slacks and every feasible neighbouring basis of a batch of bases (rows of ``frontier``)."""
    F, d = frontier.shape
    n_con = G.shape[0]
    inv = np.linalg.inv(G[frontier])  # (F, d, d)
    z = np.matmul(inv, b[frontier][:, :, None])[:, :, 0]
    slack = b[None, :] - z @ G.T  # (F, L)
    # direction for dropping basis position c: G_basis d = -e_c  ->  d = -inv[:, :, c]
    denom = -np.matmul(G[None, :, :], inv)  # (F, L, d): G_r . d_c
    in_basis = np.zeros((F, n_con), dtype=bool)
    in_basis[np.arange(F)[:, None], frontier] = True
    pos = denom > tol
    ratio = np.full(denom.shape, np.inf)
    np.divide(np.maximum(slack, 0.0)[:, :, None], denom, out=ratio, where=pos)
    minr = ratio.min(axis=1, keepdims=True)
    cand = pos & (ratio <= minr + tol)
    cand |= (slack <= tol)[:, :, None] & (np.abs(denom) > tol)
    cand &= ~in_basis[:, :, None]
    f_idx, r_idx, c_idx = np.nonzero(cand)
    new = frontier[f_idx]
    new[np.arange(f_idx.size), c_idx] = r_idx
    new.sort(axis=1)
    return z, slack, new


def _float_vertices(c: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Vertices of {z >= 0 : C^T z <= 1} (C: own x opp, entries in [1, 2]).

    Returns ``(z, labels)``: z of shape (V, own), labels boolean (V, own + opp)
    (first ``own`` columns: z_i = 0; the rest: tight constraints), one row per
    feasible basis (a degenerate vertex appears once per basis).  The origin
    is included (it is the start of the search).
    """
    own, opp = c.shape
    n_con = own + opp
    G = np.vstack([-np.eye(own), c.T])  # constraint normals, G z <= b
    b = np.concatenate([np.zeros(own), np.ones(opp)])
    frontier = np.arange(own)[None, :]  # basis: z = 0
    seen: set[Any] = set(_basis_keys(frontier, n_con).tolist())
    all_z = []
    all_slack = []
    chunk = max(1, 4_000_000 // (n_con * own))  # bounds the (bases, constraints, directions) array to ~32 MB
    while frontier.shape[0]:
        pieces = []
        for start in range(0, frontier.shape[0], chunk):
            z, slack, new = _pivot_step(G, b, frontier[start:start + chunk], tol)
            all_z.append(z)
            all_slack.append(slack)
            pieces.append(new)
        new = np.vstack(pieces)
        if new.shape[0] == 0:
            break
        keys = _basis_keys(new, n_con)
        _, first = np.unique(keys, return_index=True)
        first.sort()
        keep = []
        for i, key in zip(first.tolist(), keys[first].tolist()):
            if key not in seen:
                seen.add(key)
                keep.append(i)
        if len(seen) > MAX_FLOAT_BASES:
            raise SizeLimitError(
                f"vertex_enumeration: more than {MAX_FLOAT_BASES} feasible bases in a best-response polytope "
                f"of dimension {own} with {opp} best-response constraints; the game is too large to enumerate"
            )
        frontier = new[keep]
    z = np.vstack(all_z)
    slack = np.vstack(all_slack)
    labels = slack <= tol
    return z, labels


def _float_extreme(A: np.ndarray, B: np.ndarray, tol: float) -> ExtremeEquilibria:
    m, n = A.shape

    def scaled(M: np.ndarray) -> np.ndarray:
        lo, hi = float(M.min()), float(M.max())
        return 1.0 + (M - lo) / (hi - lo) if hi > lo else np.ones_like(M)

    zp, lp = _float_vertices(scaled(B), tol)
    zq, lq_raw = _float_vertices(scaled(A).T, tol)
    lq = np.hstack([lq_raw[:, n:], lq_raw[:, :n]])  # to labels (rows tight, then y_j = 0)
    # distinct vertices by label set (a vertex is the only point with its tight set)
    kp, kq = _row_keys(lp), _row_keys(lq)
    _, ip = np.unique(kp, return_index=True)
    _, iq = np.unique(kq, return_index=True)
    ip.sort()
    iq.sort()
    zp, lp, kp, zq, lq, kq = zp[ip], lp[ip], kp[ip], zq[iq], lq[iq], kq[iq]
    nlp, nlq = lp.sum(axis=1), lq.sum(axis=1)
    degenerate = bool((nlp > m).any() or (nlq > n).any())
    nz_p = zp.sum(axis=1) > tol
    nz_q = zq.sum(axis=1) > tol
    # complementary pairs.  Two vertices with exactly m and n labels are complementary iff their
    # label sets are complements: a dictionary look-up.  Pairs involving a degenerate vertex (more
    # labels) are checked by counting missing labels with a matrix product.
    pairs: set[tuple[int, int]] = set()
    simple_q = {key: j for j, key in enumerate(kq.tolist()) if nlq[j] == n and nz_q[j]}
    comp_keys = _row_keys(~lp)
    for i, key in enumerate(comp_keys.tolist()):
        if nlp[i] == m and nz_p[i] and key in simple_q:
            pairs.add((i, simple_q[key]))
    deg_p = np.nonzero((nlp > m) & nz_p)[0]
    deg_q = np.nonzero((nlq > n) & nz_q)[0]
    all_p, all_q = np.nonzero(nz_p)[0], np.nonzero(nz_q)[0]
    for rows, cols in ((deg_p, all_q), (all_p, deg_q)):
        if rows.size and cols.size:
            missing = (~lp[rows]).astype(np.float64) @ (~lq[cols]).astype(np.float64).T
            pi, qi = np.nonzero(missing == 0)
            pairs.update(zip(rows[pi].tolist(), cols[qi].tolist()))
    xs = _clean(zp)
    ys = _clean(zq)
    pairs_xy = [(tuple(xs[i].tolist()), tuple(ys[j].tolist())) for i, j in sorted(pairs)]
    pairs_xy = _dedupe_float(pairs_xy, tol)
    return _assemble(pairs_xy, degenerate, exact=False)


def _clean(z: np.ndarray) -> np.ndarray:
    """Normalise vertices to probability vectors; clip round-off below 1e-12 to 0."""
    s = z.sum(axis=1, keepdims=True)
    p = np.where(s > 0, z / np.where(s > 0, s, 1.0), 0.0)
    p[np.abs(p) < 1e-12] = 0.0
    p = p / p.sum(axis=1, keepdims=True).clip(min=1e-300)
    return p


def _dedupe_float(pairs: list[tuple[tuple[float, ...], tuple[float, ...]]], tol: float) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    out: list[tuple[tuple[float, ...], tuple[float, ...]]] = []
    close = max(tol * 100, 1e-9)
    for x, y in pairs:
        vx = np.asarray(x + y)
        if any(np.max(np.abs(vx - np.asarray(a + b))) <= close for a, b in out):
            continue
        out.append((x, y))
    # identical vertices computed twice must share one index: snap to the first seen
    reps_x: list[tuple[float, ...]] = []
    reps_y: list[tuple[float, ...]] = []

    def snap(v: tuple[float, ...], reps: list[tuple[float, ...]]) -> tuple[float, ...]:
        for r in reps:
            if max(abs(a - b) for a, b in zip(v, r)) <= close:
                return r
        reps.append(v)
        return v

    return [(snap(x, reps_x), snap(y, reps_y)) for x, y in out]


# ---------------------------------------------------------------------------
# public entry point
# ---------------------------------------------------------------------------

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
        scaled to [1, 2] (default :data:`~solvers.equilibrium.FLOAT_TOL`).

    Returns
    -------
    ExtremeEquilibria
        The extreme equilibria as vertex pairs (not yet verified; see
        :func:`solvers.nash.nash_equilibria`, which verifies each one).

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
    arrays = game.numeric_arrays()
    t = FLOAT_TOL if tol is None else float(tol)
    if not (0 < t < 1e-2):
        raise GameError(f"vertex_enumeration: tol must be in (0, 0.01), got {tol!r}")
    return _float_extreme(arrays[0], arrays[1], t)
