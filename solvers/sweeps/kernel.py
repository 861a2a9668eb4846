r"""The numeric kernel of a sweep: one chunk of points evaluated against the compiled conditions (numpy only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from solvers.sweeps.model import BLOCK
from solvers.sweeps.sampling import _chunk_bounds, _draw_block, _grid_block, _Plan


def _program_args(plan: _Plan, cols: Mapping[str, np.ndarray]) -> list[Any]:
    fixed = dict(plan.fixed)
    return [cols[name] if name in cols else np.float64(fixed[name]) for name in plan.template.names]


def _codes_conditions(plan: _Plan, cols: Mapping[str, np.ndarray], n: int,
                      quantities: bool = True) -> tuple[np.ndarray, list[np.ndarray]]:
    """Regime codes of a block, and its quantities when asked (only kept points need them)."""
    model = plan.model
    nq = model.n_quantities if quantities else 0
    program = model.everything if nq else model.regimes
    args = _program_args(plan, cols)
    with np.errstate(all="ignore"):
        out = program(*args)
    dtype = np.dtype(plan.code_dtype)
    code = np.zeros(n, dtype=dtype)
    shifted = np.empty(n, dtype=dtype)
    for bit, lay in enumerate(model.layout):
        if lay[0] == "plain":
            holds = out[lay[1]]
        else:
            holds = _continuum_holds(out[lay[1]], lay, args, n)
        holds = np.broadcast_to(np.asarray(holds, dtype=bool), (n,))
        np.left_shift(holds.view(np.uint8), bit, out=shifted, dtype=dtype)
        code |= shifted
    q = [np.broadcast_to(np.asarray(out[len(out) - nq + i], dtype=float), (n,)) for i in range(nq)]
    return code, q


def _continuum_holds(param_part: Any, lay: tuple[Any, ...], args: Sequence[Any], n: int) -> np.ndarray:
    """Whether a one-free-variable continuum exists: its parameter part holds and an open interval of s is left.

    The linear atoms ``a + b s (>|>=) 0`` are evaluated only where the
    parameter part holds (almost nowhere in a Monte Carlo sweep).
    """
    ok = np.broadcast_to(np.asarray(param_part, dtype=bool), (n,))
    if not lay[3] or not ok.any():
        return ok
    where = np.flatnonzero(ok)
    m = where.size
    sub = [a[where] if isinstance(a, np.ndarray) and a.ndim else a for a in args]
    with np.errstate(all="ignore"):
        ab = lay[2](*sub)
    lo, hi = np.zeros(m), np.ones(m)
    lo_closed, hi_closed = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
    good = np.ones(m, dtype=bool)
    with np.errstate(all="ignore"):
        for k, strict in enumerate(lay[3]):
            a = np.broadcast_to(np.asarray(ab[2 * k], dtype=float), (m,))
            b = np.broadcast_to(np.asarray(ab[2 * k + 1], dtype=float), (m,))
            t = -a / np.where(b == 0, 1.0, b)
            up = (b > 0) & (t >= lo)
            lo = np.where(up, t, lo)
            lo_closed = np.where(up, not strict, lo_closed)
            down = (b < 0) & (t <= hi)
            hi = np.where(down, t, hi)
            hi_closed = np.where(down, not strict, hi_closed)
            good &= (b != 0) | ((a > 0) if strict else (a >= 0))
    good &= (lo < hi) | ((lo == hi) & lo_closed & hi_closed)
    out = np.zeros(n, dtype=bool)
    out[where] = good
    return out


@dataclass
class _ChunkResult:
    index: int
    counts: dict[int, int]
    labels: tuple[str, ...]  # solve: the chunk's own label table; conditions: empty
    kept_values: dict[str, np.ndarray] = field(default_factory=dict)
    kept_codes: np.ndarray | None = None
    kept_quantities: list[np.ndarray] = field(default_factory=list)


def _run_chunk(plan: _Plan, i: int) -> _ChunkResult:
    """Evaluate chunk ``i`` of a plan (the unit of work of both backends)."""
    start, stop = _chunk_bounds(plan, i)
    bitgen = np.random.PCG64(np.random.SeedSequence(plan.entropy, spawn_key=(i,))) if plan.kind == "monte_carlo" else None
    n_keep = max(0, min(stop, plan.keep) - start)
    kept_v = {name: np.empty(n_keep) for name in plan.names}
    kept_c = np.empty(n_keep, dtype=np.uint64 if plan.method == "solve" else np.dtype(plan.code_dtype))
    kept_q = [np.empty(n_keep) for _ in plan.quantity_names]
    counts: dict[int, int] = {}
    local_labels: dict[str, int] = {}
    dtype = np.dtype(plan.code_dtype)
    pos = start
    while pos < stop:
        n = min(BLOCK, stop - pos)
        cols = _draw_block(plan, bitgen, n) if bitgen is not None else _grid_block(plan, pos, pos + n)
        if plan.method == "conditions":
            code, q = _codes_conditions(plan, cols, n, quantities=pos < plan.keep)
        else:
            per_point = plan.template.label_points(plan.template, cols, n)
            code = np.zeros(n, dtype=np.uint64)
            for j, labs in enumerate(per_point):
                c = 0
                for lab in labs:
                    if lab not in local_labels:
                        local_labels[lab] = len(local_labels)
                    c |= 1 << local_labels[lab]
                code[j] = c
            q = []
            if plan.model.n_quantities:
                with np.errstate(all="ignore"):
                    qs = plan.model.everything(*_program_args(plan, cols))
                q = [np.broadcast_to(np.asarray(r, dtype=float), (n,)) for r in qs]
        if dtype.itemsize <= 2 and plan.method == "conditions":
            bc = np.bincount(code, minlength=0)
            nz = np.flatnonzero(bc)
            for c, m in zip(nz.tolist(), bc[nz].tolist()):
                counts[c] = counts.get(c, 0) + m
        else:
            uc, um = np.unique(code, return_counts=True)
            for c, m in zip(uc.tolist(), um.tolist()):
                counts[int(c)] = counts.get(int(c), 0) + int(m)
        take = max(0, min(n, plan.keep - pos))
        if take:
            at = slice(pos - start, pos - start + take)
            for name in plan.names:
                kept_v[name][at] = cols[name][:take]
            kept_c[at] = code[:take]
            for j, arr in enumerate(q):
                kept_q[j][at] = arr[:take]
        pos += n
    res = _ChunkResult(i, counts, tuple(local_labels))
    if n_keep:
        res.kept_values = kept_v
        res.kept_codes = kept_c
        res.kept_quantities = kept_q
    return res

