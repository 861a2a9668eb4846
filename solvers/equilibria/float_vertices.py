r"""Floating-point vertex enumeration of the best-response polytopes (numpy, vectorised pivoting)."""

from __future__ import annotations

from typing import Any

import numpy as np

from games.errors import SizeLimitError
from solvers.equilibria.integers import check_deadline
from solvers.results.equilibria import ExtremeEquilibria

#: The float search refuses polytopes with more feasible bases than this (memory and time).
MAX_FLOAT_BASES = 2_000_000


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
    zp, lp, ap = _float_vertices(scaled(B), tol, band, deadline)
    zq, lq_raw, aq_raw = _float_vertices(scaled(A).T, tol, band, deadline)
    lq = np.hstack([lq_raw[:, n:], lq_raw[:, :n]])  # to labels (rows tight, then y_j = 0)
    aq = np.hstack([aq_raw[:, n:], aq_raw[:, :n]])
    kq = _row_keys(lq)
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
    all_p, all_q = np.nonzero(nz_p)[0], np.nonzero(nz_q)[0]
    pairs |= _complementary(lp, lq, np.nonzero((nlp > m) & nz_p)[0], all_q)
    pairs |= _complementary(lp, lq, all_p, np.nonzero((nlq > n) & nz_q)[0])
    # near-degeneracy: would an ambiguous slack, counted as tight, complete another pair?
    amb_p, amb_q = np.nonzero(ap.any(axis=1) & nz_p)[0], np.nonzero(aq.any(axis=1) & nz_q)[0]
    wide_p, wide_q = lp | ap, lq | aq
    extra = _complementary(wide_p, wide_q, amb_p, all_q) | _complementary(wide_p, wide_q, all_p, amb_q)
    near = bool(extra - pairs)
    xs = _clean(zp)
    ys = _clean(zq)
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
