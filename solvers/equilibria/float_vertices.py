r"""Floating-point vertex enumeration of the best-response polytopes: qhull, or a vectorised walk of the bases.

Each polytope :math:`\{z \ge 0 : C^\top z \le 1\}` (:func:`_polytope_vertices`) is enumerated

* **by qhull** (:func:`_hull_vertices`, scipy's ``ConvexHull`` of the polar points, as QuantEcon's
  ``vertex_enumeration`` does) when :func:`_hull_applies`: dimension at least 2, at most 62 labels (one
  int64 bit mask per vertex) and qhull's memory bounded by the upper bound theorem
  (:data:`QHULL_MAX_WORK`).  Its answer is used only when it proves itself complete (each facet a vertex
  whose tight constraints contain its simplex, each neighbour one pivot away); degenerate vertices
  are accepted for exact ties (slacks of round-off, :data:`HULL_ROUNDOFF`), qhull's triangulated
  simplices of one facet merged by their label sets, and near-ties left to the walk;
* **by the walk** (:func:`_float_vertices`) otherwise, or when qhull's answer fails those checks: a
  breadth-first search over the feasible bases by simplex pivots, vectorised with numpy over the whole
  frontier, following every feasible pivot at a degenerate vertex.

Why qhull: profiled on the random games of section 2 of ``tests/benchmarks/bench_enumeration.py``
(10 x 10, three-decimal payoffs), the two walks took 92 % of the time (each basis inverted, then every
constraint's ratio over every direction), the complementary matching, verification and result building
the other 8 %.  qhull's facet enumeration of the same polytopes is 4 to 5 times faster than the walk
(the benchmark's section 2b), and holds less memory (section 3: a 14 x 14 game to the end, +24 MB
against the walk's +96 MB).  The walk is kept for what qhull cannot promise: high dimension with many
vertices (qhull needs about 64 bytes per facet and dimension: a 30 x 8 game's P, 486,000 vertices in
dimension 30, took 715 MB), one-dimensional polytopes, more than 62 labels, and a qhull answer that does
not check out.

The labels, the ambiguous slacks and the near-degeneracy test (:func:`_float_extreme`) are computed
from the slacks of each vertex the same way on both routes; the matching of complementary vertices is a
hash join of bit masks (``numpy.intersect1d`` of sorted int64 keys), plus a matrix product for the
pairs involving a degenerate vertex; de-duplication hashes rounded keys (:func:`_snap`), O(k).

References
----------
B. von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory vol. 3, ch. 45
(2002), Sections 3.4-3.5.
C. B. Barber, D. P. Dobkin, H. Huhdanpaa, "The Quickhull algorithm for convex hulls", ACM Trans. Math.
Software 22 (1996) 469-483.
G. M. Ziegler, *Lectures on Polytopes*, Springer (1995), Section 2.3 (polarity).
D. Avis, K. Fukuda, "A pivoting algorithm for convex hulls and vertex enumeration of arrangements and
polyhedra", Discrete Comput. Geom. 8 (1992).

Examples
--------
>>> import numpy as np
>>> z, labels, ambiguous = _polytope_vertices(np.diag([1.0, 2.0]), 1e-9, 1e-6)  # the box [0, 1] x [0, 1/2]
>>> sorted(map(tuple, np.round(z, 12).tolist()))
[(0.0, 0.0), (0.0, 0.5), (1.0, 0.0), (1.0, 0.5)]
>>> labels.sum(axis=1).tolist(), bool(ambiguous.any())
([2, 2, 2, 2], False)
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from games.errors import SizeLimitError
from solvers.equilibria.integers import check_deadline
from solvers.results.equilibria import ExtremeEquilibria

#: The float search refuses polytopes with more feasible bases than this (memory and time).
MAX_FLOAT_BASES = 2_000_000

#: The qhull route runs when the upper-bound-theorem count of a polytope's vertices times its dimension is
#: at most this: qhull holds about 64 bytes per facet and dimension (measured: 25 MB for the 32,000
#: vertices of a 14 x 14 polytope, 715 MB for the 486,000 of a 30-dimensional one), so at most ~160 MB.
#: Every game within the enumeration size guard up to 14 x 14 qualifies; a 30 x 8 game's P does not.
QHULL_MAX_WORK = 2_500_000

#: A degenerate vertex from qhull is accepted only when each of its tight slacks is round-off, at most this
#: (on payoffs scaled to [1, 2]), and no slack is ambiguous: exact ties.  Near-ties (a slack between this
#: and ``AMBIGUOUS_FACTOR * tol``) are left to the walk, whose answer the near-degeneracy test was built on.
HULL_ROUNDOFF = 1e-12


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


def _polytope_vertices(
    c: np.ndarray, tol: float, band: float, deadline: float | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vertices of {z >= 0 : C^T z <= 1}, as :func:`_float_vertices`: by qhull when it applies and checks out."""
    check_deadline(deadline, "nash_equilibria", f"the vertices of a polytope of dimension {c.shape[0]}")
    hull = _hull_vertices(c, tol, band) if _hull_applies(*c.shape) else None
    return hull if hull is not None else _float_vertices(c, tol, band, deadline)


def _ubt(d: int, facets: int) -> int:
    """McMullen's upper bound on the vertices of a d-polytope with ``facets`` facets."""
    return math.comb(facets - (d + 1) // 2, facets - d) + math.comb(facets - (d + 2) // 2, facets - d)


def _hull_applies(own: int, opp: int) -> bool:
    """Whether the qhull route may run: dimension 2 or more, labels in an int64, qhull's memory bounded."""
    return own >= 2 and own + opp <= 62 and _ubt(own, own + opp) * own <= QHULL_MAX_WORK


def _hull_vertices(c: np.ndarray, tol: float, band: float) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    r"""The vertices of a *simple* polytope {z >= 0 : C^T z <= 1} by qhull (polar duality); None if not simple.

    With :math:`z_0` interior and :math:`r = b - G z_0 > 0`, the polytope is
    :math:`z_0 + \{w : (G_k / r_k) \cdot w \le 1\}`, whose vertices are the facets of the convex hull of
    the points :math:`G_k / r_k`: the facet :math:`a \cdot p + e = 0` is the vertex :math:`z_0 - a / e`
    (polar duality, Ziegler 1995, Section 2.3; QuantEcon's ``vertex_enumeration`` takes this route).
    The answer is accepted only when it checks out.  Every facet's simplex (``own`` constraint
    indices) must be tight at its vertex, and its k-th neighbour must share the simplex but for the
    k-th constraint (qhull's closed surface, read back from our own slacks).  When no vertex has more
    than ``own`` tight constraints (a simple polytope) this proves completeness: the label sets must be
    distinct, each neighbour is the vertex one pivot away, so the set found is closed under every pivot,
    hence every vertex (the graph of a polytope is connected).  A degenerate vertex (more tight
    constraints) is a facet qhull triangulated (its option Qt): its simplices are merged by their label
    set.  Otherwise (a check fails, a qhull error) None, and the caller walks the bases instead.
    """
    from scipy.spatial import ConvexHull, QhullError  # 0.35 s to import: only when a float game is enumerated

    own, opp = c.shape
    G = np.vstack([-np.eye(own), c.T])
    b = np.concatenate([np.zeros(own), np.ones(opp)])
    z0 = np.full(own, 0.5 / float(c.sum(axis=0).max()))  # C^T z0 <= 1/2 (entries in [1, 2])
    r = b - G @ z0
    try:
        hull = ConvexHull(G / r[:, None])
    except (QhullError, ValueError):
        return None
    simp, nbr, eq = hull.simplices, hull.neighbors, hull.equations
    z = z0 + eq[:, :-1] / -eq[:, -1:]  # facet a . p + e = 0 (a . p + e <= 0 on every point): vertex z0 - a / e
    slack = np.hstack([z, 1.0 - z @ c])  # b - G z
    lab = slack <= tol
    keys = _row_keys(lab)
    bits = np.int64(1) << simp.astype(np.int64)  # (V, own): the constraint opposite each neighbour
    face = bits.sum(axis=1)
    ridge = face[:, None] & ~bits  # the constraints a facet shares with its k-th neighbour
    if (nbr < 0).any() or ((keys & face) != face).any() or ((keys[nbr] & ridge) != ridge).any():
        return None
    srt = np.sort(keys)
    repeated = bool((srt[1:] == srt[:-1]).any())
    if (lab.sum(axis=1) == own).all():  # simple: one simplex a vertex, so the label sets are distinct
        if repeated:
            return None
    else:  # a degenerate vertex: accepted for exact ties only (every slack round-off or clearly positive)
        if ((np.abs(slack) > HULL_ROUNDOFF) & (slack <= band)).any():
            return None
        if repeated:  # several simplices of one facet: one row per label set
            _, first = np.unique(keys, return_index=True)
            first.sort()
            z, lab, slack = z[first], lab[first], slack[first]
    amb = (slack > tol) & (slack <= band)
    return z, lab, amb


def _float_vertices(
    c: np.ndarray, tol: float, band: float, deadline: float | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vertices of {z >= 0 : C^T z <= 1} (C: own x opp, entries in [1, 2]).

    Returns ``(z, labels, ambiguous)``: z of shape (V, own), labels boolean
    (V, own + opp) (first ``own`` columns: z_i = 0; the rest: tight
    constraints), one row per distinct label set (so memory grows with the
    vertices, not with the bases visited); ``ambiguous`` (V, own + opp) marks
    the slacks in ``(tol, band]``, neither clearly zero nor clearly positive.
    The origin is included (it is the start of the search).
    """
    own, opp = c.shape
    n_con = own + opp
    G = np.vstack([-np.eye(own), c.T])  # constraint normals, G z <= b
    b = np.concatenate([np.zeros(own), np.ones(opp)])
    frontier = np.arange(own)[None, :]  # basis: z = 0
    start_keys = _basis_keys(frontier, n_con)
    seen: Any = np.sort(start_keys) if start_keys.dtype == np.int64 else set(start_keys.tolist())
    vertex_seen: set[Any] = set()
    all_z: list[np.ndarray] = []
    all_lab: list[np.ndarray] = []
    all_amb: list[np.ndarray] = []
    chunk = max(1, 4_000_000 // (n_con * own))  # bounds the (bases, constraints, directions) array to ~32 MB
    while frontier.shape[0]:
        pieces = []
        for start in range(0, frontier.shape[0], chunk):
            check_deadline(deadline, "nash_equilibria", f"the feasible bases of a polytope of dimension {own}")
            z, slack, new = _pivot_step(G, b, frontier[start:start + chunk], tol)
            lab = slack <= tol
            keys = _row_keys(lab)
            _, first = np.unique(keys, return_index=True)
            fresh = [i for i, k in zip(first.tolist(), keys[first].tolist()) if k not in vertex_seen]
            vertex_seen.update(keys[fresh].tolist())
            if fresh:
                all_z.append(z[fresh])
                all_lab.append(lab[fresh])
                all_amb.append((slack[fresh] > tol) & (slack[fresh] <= band))
            pieces.append(new)
        new = np.vstack(pieces)
        if new.shape[0] == 0:
            break
        keys = _basis_keys(new, n_con)
        _, first = np.unique(keys, return_index=True)
        first.sort()
        if isinstance(seen, np.ndarray):  # int64 keys: a sorted array, 8 bytes a basis
            keep = first[~np.isin(keys[first], seen, assume_unique=True)]
            seen = np.union1d(seen, keys[keep])
        else:
            keep_list = []
            for i, key in zip(first.tolist(), keys[first].tolist()):
                if key not in seen:
                    seen.add(key)
                    keep_list.append(i)
            keep = np.asarray(keep_list, dtype=np.intp)
        if len(seen) > MAX_FLOAT_BASES:
            raise SizeLimitError(
                f"vertex_enumeration: more than {MAX_FLOAT_BASES} feasible bases in a best-response polytope "
                f"of dimension {own} with {opp} best-response constraints; the game is too large to enumerate"
            )
        frontier = new[keep]
    return np.vstack(all_z), np.vstack(all_lab), np.vstack(all_amb)


#: Float mode calls a slack *ambiguous* when it lies in ``(tol, AMBIGUOUS_FACTOR * tol]``: too small to be
#: trusted as positive, too large to be round-off (on payoffs scaled to [1, 2], round-off is about 1e-14).
AMBIGUOUS_FACTOR = 1e3


def _complementary(lp: np.ndarray, lq: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> set[tuple[int, int]]:
    """Pairs (i, j), i in ``rows`` and j in ``cols``, whose label sets cover every label (a matrix product)."""
    if not (rows.size and cols.size):
        return set()
    out: set[tuple[int, int]] = set()
    step = max(1, 2_000_000 // max(1, cols.size))  # bounds the (rows, cols) product to ~16 MB
    miss_q = (~lq[cols]).astype(np.float64).T
    for s0 in range(0, rows.size, step):
        part = rows[s0:s0 + step]
        missing = (~lp[part]).astype(np.float64) @ miss_q
        pi, qi = np.nonzero(missing == 0)
        out.update(zip(part[pi].tolist(), cols[qi].tolist()))
    return out


def _float_extreme(
    A: np.ndarray, B: np.ndarray, tol: float, deadline: float | None = None
) -> tuple[ExtremeEquilibria, bool]:
    """The extreme equilibria in floats, and whether the game is *near-degenerate* at tolerance ``tol``.

    Near-degenerate: counting the ambiguous slacks (see :data:`AMBIGUOUS_FACTOR`) as tight would add an
    extreme equilibrium, so the answer depends on round-off; the caller then recomputes exactly.
    """
    m, n = A.shape

    def scaled(M: np.ndarray) -> np.ndarray:
        lo, hi = float(M.min()), float(M.max())
        return 1.0 + (M - lo) / (hi - lo) if hi > lo else np.ones_like(M)

    band = tol * AMBIGUOUS_FACTOR
    zp, lp, ap = _polytope_vertices(scaled(B), tol, band, deadline)
    zq, lq_raw, aq_raw = _polytope_vertices(scaled(A).T, tol, band, deadline)
    lq = np.hstack([lq_raw[:, n:], lq_raw[:, :n]])  # to labels (rows tight, then y_j = 0)
    aq = np.hstack([aq_raw[:, n:], aq_raw[:, :n]])
    nlp, nlq = lp.sum(axis=1), lq.sum(axis=1)
    degenerate = bool((nlp > m).any() or (nlq > n).any())
    nz_p = zp.sum(axis=1) > tol
    nz_q = zq.sum(axis=1) > tol
    # complementary pairs.  Two vertices with exactly m and n labels are complementary iff their
    # label sets are complements: a hash join of the complements of P's label masks with Q's (each
    # polytope's label sets are distinct).  Pairs involving a degenerate vertex (more labels) are
    # checked by counting missing labels with a matrix product.
    sp, sq = np.nonzero((nlp == m) & nz_p)[0], np.nonzero((nlq == n) & nz_q)[0]
    kp, kq = _row_keys(~lp[sp]), _row_keys(lq[sq])
    if kp.dtype == np.int64:
        _, ip, iq = np.intersect1d(kp, kq, assume_unique=True, return_indices=True)
        pairs = set(zip(sp[ip].tolist(), sq[iq].tolist()))
    else:
        simple_q = dict(zip(kq.tolist(), sq.tolist()))
        pairs = {(i, simple_q[k]) for i, k in zip(sp.tolist(), kp.tolist()) if k in simple_q}
    all_p, all_q = np.nonzero(nz_p)[0], np.nonzero(nz_q)[0]
    if degenerate:
        pairs |= _complementary(lp, lq, np.nonzero((nlp > m) & nz_p)[0], all_q)
        pairs |= _complementary(lp, lq, all_p, np.nonzero((nlq > n) & nz_q)[0])
    # near-degeneracy: would an ambiguous slack, counted as tight, complete another pair?
    amb_p, amb_q = np.nonzero(ap.any(axis=1) & nz_p)[0], np.nonzero(aq.any(axis=1) & nz_q)[0]
    near = False
    if amb_p.size or amb_q.size:
        wide_p, wide_q = lp | ap, lq | aq
        extra = _complementary(wide_p, wide_q, amb_p, all_q) | _complementary(wide_p, wide_q, all_p, amb_q)
        near = bool(extra - pairs)
    xs, ys = np.zeros_like(zp), np.zeros_like(zq)
    used_p, used_q = sorted({i for i, _ in pairs}), sorted({j for _, j in pairs})
    xs[used_p], ys[used_q] = _clean(zp[used_p]), _clean(zq[used_q])  # only the vertices of equilibria
    pairs_xy = _dedupe_float(xs, ys, sorted(pairs), max(tol * 100, 1e-9))
    return _assemble(pairs_xy, degenerate, exact=False), near


def _clean(z: np.ndarray) -> np.ndarray:
    """Normalise vertices to probability vectors; clip round-off below 1e-12 to 0."""
    s = z.sum(axis=1, keepdims=True)
    p = np.where(s > 0, z / np.where(s > 0, s, 1.0), 0.0)
    p[np.abs(p) < 1e-12] = 0.0
    p = p / p.sum(axis=1, keepdims=True).clip(min=1e-300)
    return p


def _snap(points: np.ndarray, close: float) -> list[int]:
    """For each row, the index of the first earlier row within ``close`` of it (max-norm), found by hashing.

    Each row is rounded to the grid of spacing ``2 * close`` twice, the second grid shifted by half a
    cell; two rows share a representative when either rounded key is equal (a dictionary look-up per
    row, so O(k) for k rows instead of the O(k^2) of comparing all pairs).
    """
    cell = 2.0 * close
    g1 = np.floor(points / cell).astype(np.int64)
    g2 = np.floor(points / cell + 0.5).astype(np.int64)
    first1: dict[bytes, int] = {}
    first2: dict[bytes, int] = {}
    rep = []
    for i in range(points.shape[0]):
        k1, k2 = g1[i].tobytes(), g2[i].tobytes()
        r = first1.get(k1, first2.get(k2, i))
        first1.setdefault(k1, r)
        first2.setdefault(k2, r)
        rep.append(r)
    return rep


def _dedupe_float(
    xs: np.ndarray, ys: np.ndarray, pairs: list[tuple[int, int]], close: float
) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    """Distinct pairs of probability vectors, identical vertices computed twice snapped to one (hashing)."""
    used_x = sorted({i for i, _ in pairs})
    used_y = sorted({j for _, j in pairs})
    rx = dict(zip(used_x, (used_x[r] for r in _snap(xs[used_x], close)))) if used_x else {}
    ry = dict(zip(used_y, (used_y[r] for r in _snap(ys[used_y], close)))) if used_y else {}
    out = dict.fromkeys((rx[i], ry[j]) for i, j in pairs)
    return [(tuple(xs[i].tolist()), tuple(ys[j].tolist())) for i, j in out]
