r"""Points of a sweep: Monte Carlo draws (uniform, log-uniform, triangular) from one seeded stream per chunk, and grids.

Which distribution a Monte Carlo parameter is drawn from:

1. the one the call names (``distributions={name: ...}``, ``--distribution``);
2. else, when the call gives a range (``ranges``, ``--range``), uniform on it;
3. else the registry's distribution (:attr:`games.parameters.Parameter.distribution`,
   carried by the template with its provenance: the essay's range, ours, or
   the rule-derived default);
4. else uniform on the registry range.

The result's ``distributions`` names each one with its provenance.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from games.errors import (
    ParameterError,
    SizeLimitError,
)
from solvers.errors import SweepError
from solvers.sweeps.model import _KIND_BOUNDS, DISTRIBUTIONS, MAX_GRID_POINTS, SweepModel, SweepTemplate
from solvers.sweeps.validate import _allowed, _check_range, _number


@dataclass(frozen=True)
class _Draw:
    name: str
    low: float
    high: float
    dist: str  # uniform | loguniform | triangular | ppf
    mode: float = 0.0
    ppf: Callable[[np.ndarray], np.ndarray] | None = None
    integer: bool = False
    kind: str = "ratio"
    source: str = ""  # provenance of a registry distribution; "" when the call chose it


@dataclass(frozen=True)
class _Plan:
    template: SweepTemplate
    model: SweepModel
    method: str
    kind: str  # grid | monte_carlo
    names: tuple[str, ...]  # varied or sampled, in column order
    fixed: tuple[tuple[str, float], ...]
    draws: tuple[_Draw, ...]
    axes: tuple[np.ndarray, ...]  # grid values per varied name
    n_points: int
    chunk_size: int
    keep: int
    entropy: Any
    quantity_names: tuple[str, ...]
    code_dtype: str


def _chunk_bounds(plan: _Plan, i: int) -> tuple[int, int]:
    start = i * plan.chunk_size
    return start, min(plan.n_points, start + plan.chunk_size)


def _draw_block(plan: _Plan, bitgen: np.random.BitGenerator, n: int) -> dict[str, np.ndarray]:
    k = len(plan.draws)
    # point-major: point i of a chunk always gets the same k numbers, whatever the block length
    raw = bitgen.random_raw((k * n + 1) // 2).view(np.uint32)[: k * n].reshape(n, k)
    raw = np.ascontiguousarray(raw.T)  # one transposing copy: then every column is read contiguously
    cols: dict[str, np.ndarray] = {}
    scale = 2.0 ** -32
    for j, d in enumerate(plan.draws):
        r = raw[j]
        if d.dist == "uniform":
            width = d.high - d.low + (1.0 if d.integer else 0.0)
            v = np.multiply(r, width * scale)
            v += d.low + 0.5 * width * scale
        else:
            u = np.multiply(r, scale)
            u += 0.5 * scale
            if d.dist == "loguniform":
                lo, hi = math.log(d.low), math.log(d.high)
                v = np.exp(lo + (hi - lo) * u)
            elif d.dist == "triangular":
                v = _triangular_ppf(u, d.low, d.mode, d.high)
            else:
                assert d.ppf is not None
                v = np.asarray(d.ppf(u), dtype=float)
                if v.shape != u.shape:
                    raise SweepError(f"sweep: distribution of {d.name!r}: the ppf returned shape {v.shape} "
                                     f"for {u.shape} uniform numbers (allowed: the same shape)")
                _check_drawn(d, v)
        if d.integer:
            v = np.floor(v) if d.dist == "uniform" else np.rint(v)
            np.clip(v, d.low, d.high, out=v)
        cols[d.name] = v
    return cols


def _check_drawn(d: _Draw, v: np.ndarray) -> None:
    lo, hi = _KIND_BOUNDS[d.kind]
    if not np.all(np.isfinite(v)):
        raise ParameterError(f"sweep: distribution of {d.name!r} returned non-finite values (allowed: finite numbers)")
    vmin, vmax = float(v.min()), float(v.max())
    if vmin < lo or vmax > hi:
        raise ParameterError(f"sweep: distribution of {d.name!r} returned {vmin if vmin < lo else vmax:g}, "
                             f"outside what a {d.kind} allows ({_allowed(d.kind)})")


def _triangular_ppf(u: np.ndarray, a: float, c: float, b: float) -> np.ndarray:
    if b == a:
        return np.full_like(u, a)
    fc = (c - a) / (b - a)
    left = a + np.sqrt(u * (b - a) * (c - a))
    right = b - np.sqrt((1.0 - u) * (b - a) * (b - c))
    return np.where(u < fc, left, right)


def _grid_block(plan: _Plan, start: int, stop: int) -> dict[str, np.ndarray]:
    idx = np.arange(start, stop, dtype=np.int64)
    shape = tuple(len(a) for a in plan.axes)
    sub = np.unravel_index(idx, shape)
    return {name: plan.axes[j][sub[j]] for j, name in enumerate(plan.names)}


def _grid_axis(name: str, spec: Any, kind: str) -> np.ndarray:
    where = f"vary {name}"
    if isinstance(spec, tuple):
        if len(spec) != 3:
            raise SweepError(f"sweep: {where}: {spec!r} (allowed: a (low, high, steps) tuple or a list of values)")
        lo, hi = _number(spec[0], f"{where} low"), _number(spec[1], f"{where} high")
        steps = spec[2]
        if isinstance(steps, bool) or not isinstance(steps, numbers.Integral):
            raise SweepError(f"sweep: {where}: steps {steps!r} is not a whole number (allowed: an integer >= 2)")
        if int(steps) < 2:
            raise SweepError(f"sweep: {where}: steps {int(steps)} (allowed: an integer >= 2)")
        if int(steps) > MAX_GRID_POINTS:
            raise SizeLimitError(f"sweep: {where}: steps {int(steps)} (allowed: at most {MAX_GRID_POINTS})")
        _check_range(name, kind, lo, hi, where)
        axis = np.linspace(lo, hi, int(steps))
    elif isinstance(spec, (list, np.ndarray)):
        axis = np.array([_number(v, where) for v in spec], dtype=float)
        if axis.size < 2:
            raise SweepError(f"sweep: {where}: {axis.size} value(s) given (allowed: at least 2 values)")
        _check_range(name, kind, float(axis.min()), float(axis.max()), where)
    else:
        raise SweepError(f"sweep: {where}: {spec!r} (allowed: a (low, high, steps) tuple or a list of values)")
    if kind == "count":
        axis = np.rint(axis)
    return axis


def _seed_entropy(seed: Any) -> int:
    if seed is None:
        return int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(0, 2**63))
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or int(seed) < 0:
        raise SweepError(f"sweep: seed {seed!r} not allowed (allowed: None, an integer >= 0 or a numpy Generator)")
    return int(seed)


def _make_draw(name: str, template: SweepTemplate, dist: Any, rng: tuple[Any, Any] | None) -> _Draw:
    kind = template.kinds[name]
    where = f"range of {name}"
    if rng is not None:
        if not (isinstance(rng, (tuple, list)) and len(rng) == 2):
            raise SweepError(f"sweep: ranges[{name!r}] = {rng!r} (allowed: a (low, high) pair)")
        lo, hi = _number(rng[0], f"{where} low"), _number(rng[1], f"{where} high")
    else:
        registry = template.distributions.get(name)
        if dist is None and registry is not None:
            return _registry_draw(name, kind, registry)
        lo, hi = float(template.lows[name]), float(template.highs[name])  # type: ignore[arg-type]
    _check_range(name, kind, lo, hi, where)
    integer = kind == "count"
    if dist is None or dist == "uniform":
        return _Draw(name, lo, hi, "uniform", integer=integer, kind=kind)
    if dist == "loguniform":
        if lo <= 0:
            raise ParameterError(f"sweep: loguniform {name!r} needs low > 0, got {lo:g} (allowed: 0 < low <= high)")
        return _Draw(name, lo, hi, "loguniform", integer=integer, kind=kind)
    if dist == "triangular" or (isinstance(dist, tuple) and len(dist) == 2 and dist[0] == "triangular"):
        mode = template.values[name] if dist == "triangular" else _number(dist[1], f"triangular mode of {name}")
        if not lo <= mode <= hi:
            raise ParameterError(f"sweep: triangular {name!r}: mode {mode:g} outside [{lo:g}, {hi:g}] "
                                 "(allowed: low <= mode <= high)")
        return _Draw(name, lo, hi, "triangular", mode=mode, integer=integer, kind=kind)
    if callable(dist):
        return _Draw(name, lo, hi, "ppf", ppf=dist, integer=integer, kind=kind)
    raise SweepError(f"sweep: distribution {dist!r} for {name!r} not allowed (allowed: "
                     f"{', '.join(DISTRIBUTIONS)}, ('triangular', mode) or a callable ppf(u))")



def _registry_draw(name: str, kind: str, d: dict[str, Any]) -> _Draw:
    """The draw of a registry distribution (checked against the kind's bounds like any range)."""
    lo, hi = float(d["low"]), float(d["high"])
    _check_range(name, kind, lo, hi, f"registry distribution of {name}")
    source = d.get("provenance") or "registry"
    mode = 0.0 if d.get("mode") is None else float(d["mode"])
    return _Draw(name, lo, hi, str(d["family"]), mode=mode, integer=kind == "count", kind=kind, source=source)
