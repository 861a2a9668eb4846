r"""Floating-point vertex enumeration of the best-response polytopes (numpy, vectorised pivoting)."""

from __future__ import annotations

from typing import Any

import numpy as np

from games.errors import SizeLimitError
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

