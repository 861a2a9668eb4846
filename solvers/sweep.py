r"""Parameter sweeps: which equilibrium regime holds over a grid or over Monte Carlo samples.

:func:`sweep` answers "in what share of plausible worlds is all-Alignment an
equilibrium?" and "where, over these two parameters, does the answer flip?".

Method
------
``method="conditions"`` (the default) takes the closed-form records of
:func:`solvers.conditions.equilibrium_conditions` -- one sympy Boolean per
equilibrium -- and compiles all of them, with the payoff gap and any requested
quantity, into numpy programs over the ordered tuple of the game's parameter
symbols (:func:`solvers.program.compile_program`: common subexpressions
computed once, and checked against :func:`sympy.lambdify` in the tests).  A
sweep runs in two stages: the symbolic one
(:func:`solvers.sweep_template.build_template`, the only one that needs
sympy) makes a :class:`SweepTemplate` -- the programs plus each parameter's
kind, value and range -- and the numeric one (:func:`run_template`) evaluates
it.  The template is plain data, so ``aligngames sweep`` caches it on disk and
a repeated sweep starts without importing sympy (:mod:`solvers.sweep_cache`).
Points are evaluated in memory-bounded chunks (:data:`DEFAULT_CHUNK` points,
split in cache-sized blocks of :data:`BLOCK` points), so memory does not grow
with the number of samples: only the per-regime counts and the first ``keep``
points are kept.

``method="solve"`` substitutes the exact values of each point into the game and
calls :func:`solvers.nash_equilibria` (two-player and N-player games) or
:func:`solvers.symmetric_equilibria` (symmetric n-player games).  It needs no
closed form, is thousands of times slower, and is the reference the tests
compare the closed forms against.

The *regime* of a point is the set of equilibria that exist there, labelled as
the records are (``"(Alignment, Alignment)"``, ``"mixed ({Alignment,
Capabilities}, {Alignment, Capabilities})"``).  Internally a regime is a bit
code: bit ``i`` is set when ``records[i]`` holds.  A degenerate ``continuum``
record with one free mixture variable holds when its parameter part holds and
its conditions, linear in the free variable, leave an open interval of it;
with more free variables only its parameter part is checked.  Continua need
exact ties, so Monte Carlo samples never meet them.

Monte Carlo
-----------
Every uncertain parameter is drawn from its registry range (``low``, ``high``
of :class:`games.parameters.Parameter`) or from ``ranges``.  Distributions
(``distributions={name: ...}``): ``"uniform"`` (default), ``"loguniform"``
(``low > 0``), ``"triangular"`` (mode: the parameter's value) or
``("triangular", mode)``, or any inverse CDF given as a callable ``ppf(u)``
mapping uniform numbers in (0, 1) to values (e.g. ``scipy.stats.beta(2, 8).ppf``).
Parameters of kind ``count`` are drawn as whole numbers.  Uniform numbers are
32-bit, :math:`u = (r + 1/2) / 2^{32}`, so they lie strictly inside (0, 1).

Randomness comes only from ``seed`` (None, an int or a numpy Generator), as a
:class:`numpy.random.SeedSequence`; chunk ``i`` draws from
``PCG64(SeedSequence(entropy, spawn_key=(i,)))``.  The draws therefore depend on
the seed and the chunk size only -- not on the number of samples (a longer
sweep extends a shorter one), the backend, the number of threads or workers,
or the order in which chunks finish: ``backend="numpy"`` and
``backend="dask"`` give identical results for the same seed.

Backends
--------
``"numpy"`` runs the chunks in this process (on ``workers`` threads: numpy
releases the GIL).  ``"dask"`` runs the same chunk function as one
:func:`dask.delayed` task per chunk, on the ``scheduler`` given (an address
such as ``"tcp://10.0.0.5:8786"`` or a :class:`distributed.Client`), on the
current distributed client if there is one, else on dask's threaded scheduler.
Dask is an optional dependency (``pip install "dask[distributed]"``).

References
----------
.. [1] A. Saltelli et al., *Global Sensitivity Analysis: The Primer*, Wiley
   (2008), chapter 1 (Monte Carlo over parameter uncertainty).
.. [2] "Who Aligns the Alignment Researchers?" (``shared/essay/``): the
   parameter ranges ($5-8m VSL, salaries, P(doom)).

Examples
--------
>>> import games
>>> res = sweep("great_power_race", samples=20_000, seed=1)
>>> res.n_points, res.kind
(20000, 'monte_carlo')
>>> shares = res.record_shares()
>>> 0 < shares["(Alignment, Alignment)"] < 1
True
>>> grid = sweep("great_power_race", vary={"capabilities_edge": (0, 4e12, 5)})
>>> grid.regimes()  # doctest: +NORMALIZE_WHITESPACE
['(Alignment, Alignment)', '(Alignment, Alignment)', '(Capabilities, Capabilities)',
 '(Capabilities, Capabilities)', '(Capabilities, Capabilities)']
"""

from __future__ import annotations

import io
import json
import math
import numbers
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from games._io import atomic_write_bytes, atomic_write_text
from games.errors import (
    AligngamesError,
    OutputError,
    ParameterError,
    SizeLimitError,
    UnknownNameError,
    suggest,
)
from solvers.program import NumericProgram, ProgramError

if TYPE_CHECKING:  # sympy and the game classes are needed only to build a template (solvers.sweep_template)
    import sympy

    from games.core import Game, SymmetricGame
    from games.parameters import ParameterSet

__all__ = ["sweep", "run_template", "SweepTemplate", "SweepModel", "SweepResult", "SweepError", "DEFAULT_CHUNK", "DEFAULT_KEEP", "BLOCK", "MAX_GRID_POINTS",
           "MAX_RECORDS", "MAX_SAMPLES", "DISTRIBUTIONS"]

#: Points per chunk: the unit of work of a thread or a dask task, and of the random streams.
DEFAULT_CHUNK = 1 << 20
#: Points evaluated at once inside a chunk (arrays of 512 KiB: they stay in cache).
BLOCK = 1 << 16
#: Per-point arrays are kept for the first this many points (an i.i.d. subsample of a Monte Carlo sweep).
DEFAULT_KEEP = 1_000_000
#: A grid may have at most this many points.
MAX_GRID_POINTS = 100_000_000
#: A Monte Carlo sweep may have at most this many samples (1e13: days on a large Dask cluster).
MAX_SAMPLES = 10**13
#: A game may have at most this many equilibrium records (bits of the regime code).
MAX_RECORDS = 62
#: Named distributions for Monte Carlo draws.
DISTRIBUTIONS = ("uniform", "loguniform", "triangular")

_KIND_BOUNDS: dict[str, tuple[float, float]] = {
    "probability": (0.0, 1.0),
    "money": (0.0, math.inf),
    "ratio": (0.0, math.inf),
    "count": (0.0, math.inf),
    "years": (0.0, math.inf),
}


class SweepError(AligngamesError):
    """A sweep request is invalid (steps, samples, method, backend, distribution, chunk size)."""


# ---------------------------------------------------------------------------
# compiling the closed forms
# ---------------------------------------------------------------------------

def _whole_field(x: Any) -> int:
    """A non-negative integer field of a serialised template (booleans and floats refused)."""
    if isinstance(x, bool) or not isinstance(x, int) or x < 0:
        raise ValueError(f"not a whole number: {x!r}")
    return x


@dataclass(frozen=True)
class SweepModel:
    """The compiled closed forms of one game: record labels, programs, layout.

    Attributes
    ----------
    labels : tuple of str
        One per equilibrium record (bit ``i`` of a regime code).
    layout : tuple
        Per record: ``("plain", k)`` -- output ``k`` of the programs is its
        condition -- or ``("continuum", k, linear, strict)`` -- output ``k``
        is its parameter part and the program ``linear`` gives ``(a, b)``
        per atom ``a + b s (>|>=) 0`` of its free variable ``s``.
    regimes : NumericProgram
        The records' conditions.
    everything : NumericProgram
        The conditions, then the quantities (``gap`` first).
    n_quantities : int
    complete : bool
        False when the closed forms did not cover every equilibrium.
    note : str
        Why they did not (the warning :func:`run_template` repeats).
    """

    labels: tuple[str, ...]
    layout: tuple[tuple[Any, ...], ...]
    regimes: NumericProgram
    everything: NumericProgram
    n_quantities: int
    complete: bool
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        layout = [["plain", lay[1]] if lay[0] == "plain" else ["continuum", lay[1], lay[2].to_dict(), list(lay[3])]
                  for lay in self.layout]
        return {"labels": list(self.labels), "layout": layout, "regimes": self.regimes.to_dict(),
                "everything": self.everything.to_dict(), "n_quantities": self.n_quantities,
                "complete": self.complete, "note": self.note}

    @classmethod
    def from_dict(cls, data: Any) -> SweepModel:
        """Read :meth:`to_dict`'s form back, checking it (:class:`~solvers.program.ProgramError` if malformed)."""
        try:
            labels = tuple(str(x) for x in data["labels"])
            regimes = NumericProgram.from_dict(data["regimes"])
            everything = NumericProgram.from_dict(data["everything"])
            layout: list[tuple[Any, ...]] = []
            for lay in data["layout"]:
                if lay[0] == "plain" and len(lay) == 2:
                    layout.append(("plain", _whole_field(lay[1])))
                elif lay[0] == "continuum" and len(lay) == 4:
                    layout.append(("continuum", _whole_field(lay[1]), NumericProgram.from_dict(lay[2]),
                                   tuple(bool(s) for s in lay[3])))
                else:
                    raise ProgramError(f"SweepModel.from_dict: bad layout entry {lay!r}")
            n_q = _whole_field(data["n_quantities"])
            complete = bool(data["complete"])
            note = str(data["note"])
        except (KeyError, TypeError, ValueError, IndexError, OverflowError):
            raise ProgramError("SweepModel.from_dict: missing or malformed fields") from None
        n_rec = len(labels)
        n_in = everything.n_inputs
        if (len(layout) != n_rec or len(regimes.outputs) != n_rec or len(everything.outputs) != n_rec + n_q
                or regimes.n_inputs != n_in or any(not 0 <= lay[1] < n_rec for lay in layout)
                or any(lay[2].n_inputs != n_in or len(lay[2].outputs) != 2 * len(lay[3])
                       for lay in layout if lay[0] == "continuum")):
            raise ProgramError("SweepModel.from_dict: labels, layout and programs do not match")
        return cls(labels, tuple(layout), regimes, everything, n_q, complete, note)


@dataclass(frozen=True)
class SweepTemplate:
    """Everything the numeric stage of a sweep needs from a game and a parameter set; no sympy.

    Built by :func:`solvers.sweep_template.build_template` (the symbolic
    stage); :func:`run_template` evaluates it over a grid or Monte Carlo
    samples.  It serialises to JSON (:meth:`to_dict`), so the command line
    caches it on disk (:mod:`solvers.sweep_cache`).

    Attributes
    ----------
    game : str
        The game's name.
    names : tuple of str
        The game's parameters in name order: the inputs of the programs.
    kinds, values, lows, highs : dict of str
        Per parameter: its kind, its value (the value of a parameter that is
        not varied or sampled) and its range (``None`` when it has none).
    all_names : tuple of str
        Every parameter of the set (to tell "unknown" from "not in this game").
    scenario : str
        The parameter set's name.
    model : SweepModel
    quantity_names : tuple of str
        ``"gap"`` first, then any requested quantity.
    game_object, exact_values
        For ``method="solve"`` only: the game and the exact parameter values
        (not serialised).
    """

    game: str
    names: tuple[str, ...]
    kinds: dict[str, str]
    values: dict[str, float]
    lows: dict[str, float | None]
    highs: dict[str, float | None]
    all_names: tuple[str, ...]
    scenario: str
    model: SweepModel
    quantity_names: tuple[str, ...]
    game_object: Any = field(default=None, compare=False, repr=False)
    exact_values: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def method(self) -> str:
        """``"solve"`` for a template that carries its game for a numeric solver, else ``"conditions"``."""
        return "solve" if self.game_object is not None else "conditions"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (a template for ``method="solve"`` cannot be serialised)."""
        if self.game_object is not None:
            raise SweepError("SweepTemplate.to_dict: a template for method='solve' holds a game; not serialisable")
        return {"game": self.game, "names": list(self.names), "kinds": self.kinds, "values": self.values,
                "lows": self.lows, "highs": self.highs, "all_names": list(self.all_names),
                "scenario": self.scenario, "model": self.model.to_dict(),
                "quantity_names": list(self.quantity_names)}

    @classmethod
    def from_dict(cls, data: Any) -> SweepTemplate:
        """Read :meth:`to_dict`'s form back, checking it.

        Raises
        ------
        ProgramError
            If anything is missing, of the wrong type or inconsistent.
        """
        try:
            names = tuple(data["names"])
            tpl = cls(
                game=str(data["game"]), names=names,
                kinds={n: str(data["kinds"][n]) for n in names},
                values={n: float(data["values"][n]) for n in names},
                lows={n: None if data["lows"][n] is None else float(data["lows"][n]) for n in names},
                highs={n: None if data["highs"][n] is None else float(data["highs"][n]) for n in names},
                all_names=tuple(str(n) for n in data["all_names"]), scenario=str(data["scenario"]),
                model=SweepModel.from_dict(data["model"]),
                quantity_names=tuple(str(q) for q in data["quantity_names"]),
            )
        except (KeyError, TypeError, ValueError, OverflowError):
            raise ProgramError("SweepTemplate.from_dict: missing or malformed fields") from None
        numbers_ok = all(math.isfinite(v) for v in tpl.values.values()) and all(
            v is None or math.isfinite(v) for v in (*tpl.lows.values(), *tpl.highs.values()))
        if (not all(isinstance(n, str) for n in names) or any(k not in _KIND_BOUNDS for k in tpl.kinds.values())
                or tpl.model.everything.n_inputs != len(names) or not numbers_ok
                or len(tpl.quantity_names) != tpl.model.n_quantities):
            raise ProgramError("SweepTemplate.from_dict: names, kinds and programs do not match")
        tpl._check_runs()
        return tpl

    def _check_runs(self) -> None:
        """Evaluate every program once at the parameters' values: a program numpy cannot run is refused here."""
        args = [np.full(2, self.values[n]) for n in self.names]
        model = self.model
        try:
            with np.errstate(all="ignore"):
                out = model.everything(*args)
                for lay in model.layout:
                    np.broadcast_to(np.asarray(out[lay[1]], dtype=bool), (2,))
                    if lay[0] == "continuum":
                        for v in lay[2](*args):
                            np.broadcast_to(np.asarray(v, dtype=float), (2,))
                for v in out[len(model.layout):]:
                    np.broadcast_to(np.asarray(v, dtype=float), (2,))
                model.regimes(*args)
        except Exception as exc:  # noqa: BLE001 - whatever numpy raises, the template is unusable
            raise ProgramError(f"SweepTemplate.from_dict: the programs do not run ({type(exc).__name__})") from None


def _unique_labels(labels: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    for lab in labels:
        seen[lab] = seen.get(lab, 0) + 1
    count: dict[str, int] = {}
    out = []
    for lab in labels:
        if seen[lab] > 1:
            count[lab] = count.get(lab, 0) + 1
            out.append(f"{lab} #{count[lab]}")
        else:
            out.append(lab)
    return tuple(out)


# ---------------------------------------------------------------------------
# the plan: everything a chunk needs (picklable, for dask workers)
# ---------------------------------------------------------------------------

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
            from solvers.sweep_template import solve_labels

            per_point = solve_labels(plan.template, cols, n)
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


# ---------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SweepResult:
    """What a sweep found: regime counts over every point, per-point arrays for the first ``keep``.

    Attributes
    ----------
    game : str
        The game's name.
    kind : {"grid", "monte_carlo"}
    names : tuple of str
        The varied (grid) or sampled (Monte Carlo) parameters, in column order.
    values : dict of str to ndarray
        Per kept point, the value of each parameter in :attr:`names`.
    codes : ndarray of unsigned int
        Per kept point, the regime code: bit ``i`` set when ``records[i]`` holds.
    records : tuple of str
        The equilibrium labels, one per bit.
    quantities : dict of str to ndarray
        Per kept point: ``"gap"`` (player 1's payoff from her first strategy
        minus her second when every other player plays the first) and any
        requested quantity.
    counts : dict of int to int
        Over **every** point: how many points had each regime code.
    n_points : int
        Points evaluated (grid size or number of samples).
    grid_shape : tuple of int or None
        For a grid: points per varied parameter (C order).
    axes : dict of str to ndarray
        For a grid: the values of each varied parameter.
    fixed : dict of str to float
        The values of the game's other parameters.
    method, backend : str
    seed : int or None
        The entropy of the seed sequence (reproduces a Monte Carlo sweep).
    distributions : dict of str to str
        For Monte Carlo: each sampled parameter's distribution and range.
    complete : bool
        False when the closed forms did not cover every equilibrium (see the warning).
    """

    game: str
    kind: str
    names: tuple[str, ...]
    values: dict[str, np.ndarray]
    codes: np.ndarray
    records: tuple[str, ...]
    quantities: dict[str, np.ndarray]
    counts: dict[int, int]
    n_points: int
    grid_shape: tuple[int, ...] | None = None
    axes: dict[str, np.ndarray] = field(default_factory=dict)
    fixed: dict[str, float] = field(default_factory=dict)
    method: str = "conditions"
    backend: str = "numpy"
    seed: Any = None
    distributions: dict[str, str] = field(default_factory=dict)
    complete: bool = True

    # -- regimes ---------------------------------------------------------------
    def regime_label(self, code: int) -> str:
        """The regime of a code in words: the equilibria that hold, joined by ``" + "``."""
        code = int(code)
        labs = [lab for i, lab in enumerate(self.records) if code >> i & 1]
        return " + ".join(labs) if labs else "no equilibrium found"

    def regime_set(self, code: int) -> frozenset[str]:
        """The set of equilibrium labels of a code."""
        code = int(code)
        return frozenset(lab for i, lab in enumerate(self.records) if code >> i & 1)

    def regimes(self) -> list[str]:
        """The regime label of every kept point."""
        cache: dict[int, str] = {}
        return [cache.setdefault(int(c), self.regime_label(int(c))) for c in self.codes]

    def holds(self, record: str) -> np.ndarray:
        """Per kept point: whether the equilibrium ``record`` exists.

        Raises
        ------
        UnknownNameError
            If ``record`` is not one of :attr:`records`.
        """
        if record not in self.records:
            raise UnknownNameError(suggest(record, self.records, what="equilibrium"))
        bit = self.records.index(record)
        return ((self.codes.astype(np.uint64) >> np.uint64(bit)) & np.uint64(1)).astype(bool)

    def shares(self) -> dict[str, float]:
        """Share of **all** points in each regime, largest first."""
        total = max(self.n_points, 1)
        rows = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return {self.regime_label(c): m / total for c, m in rows}

    def record_shares(self) -> dict[str, float]:
        """Share of **all** points where each equilibrium exists (in record order)."""
        total = max(self.n_points, 1)
        out = {}
        for i, lab in enumerate(self.records):
            out[lab] = sum(m for c, m in self.counts.items() if c >> i & 1) / total
        return out

    @property
    def n_kept(self) -> int:
        """How many points have per-point arrays."""
        return int(self.codes.shape[0])

    # -- output ----------------------------------------------------------------
    def summary(self) -> dict[str, Any]:
        """A JSON-ready summary: shares per regime and per equilibrium, and the setup."""
        out: dict[str, Any] = {
            "game": self.game, "kind": self.kind, "method": self.method, "backend": self.backend,
            "points": self.n_points, "parameters": list(self.names), "seed": self.seed,
            "regime_shares": self.shares(), "equilibrium_shares": self.record_shares(),
            "fixed": dict(self.fixed), "complete": self.complete,
        }
        if self.kind == "grid":
            out["grid"] = {k: [float(v.min()), float(v.max()), int(v.size)] for k, v in self.axes.items()}
        else:
            out["distributions"] = dict(self.distributions)
        if "gap" in self.quantities and self.n_kept:
            g = self.quantities["gap"]
            out["gap"] = {"mean": float(np.mean(g)), "min": float(np.min(g)), "max": float(np.max(g)),
                          "share_positive": float(np.mean(g > 0)), "points": int(g.size)}
        return out

    def to_dataframe(self) -> Any:
        """The kept points as a :class:`pandas.DataFrame`: parameters, regime, quantities.

        Raises
        ------
        ImportError
            If pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - pandas is installed in the test environment
            raise ImportError("SweepResult.to_dataframe needs pandas (pip install pandas)") from exc
        data: dict[str, Any] = {name: self.values[name] for name in self.names}
        labels = {int(c): self.regime_label(int(c)) for c in np.unique(self.codes)}
        data["regime"] = pd.Categorical([labels[int(c)] for c in self.codes])
        data["regime_code"] = self.codes
        for name, arr in self.quantities.items():
            data[name] = arr
        return pd.DataFrame(data)

    def _metadata(self) -> dict[str, Any]:
        meta = {
            "game": self.game, "kind": self.kind, "names": list(self.names), "records": list(self.records),
            "counts": {str(k): v for k, v in self.counts.items()}, "n_points": self.n_points,
            "grid_shape": list(self.grid_shape) if self.grid_shape else None, "fixed": self.fixed,
            "method": self.method, "backend": self.backend, "seed": self.seed,
            "distributions": self.distributions, "complete": self.complete,
            "quantities": list(self.quantities), "axes": list(self.axes),
        }
        return meta

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the kept points atomically as ``.npz`` (everything), ``.csv`` or ``.parquet``.

        The ``.npz`` file also holds the counts over every point and the
        setup, and reads back with :meth:`load`.  A temporary file is written
        beside the target and renamed, so an interrupted save never leaves a
        partial file.

        Raises
        ------
        OutputError
            For another suffix, a missing folder, or ``.parquet`` without pyarrow.
        """
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix == ".npz":
            arrays: dict[str, Any] = {f"value:{k}": v for k, v in self.values.items()}
            arrays.update({f"quantity:{k}": v for k, v in self.quantities.items()})
            arrays.update({f"axis:{k}": v for k, v in self.axes.items()})
            arrays["codes"] = self.codes
            arrays["metadata"] = np.array(json.dumps(self._metadata()))
            buf = io.BytesIO()
            np.savez_compressed(buf, **arrays)
            return atomic_write_bytes(target, buf.getvalue())
        if suffix == ".csv":
            return atomic_write_text(target, self._csv_text())
        if suffix == ".parquet":
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError:
                raise OutputError(f"cannot write {str(target)!r}: Parquet needs pyarrow (pip install pyarrow)") from None
            cols: dict[str, Any] = {name: self.values[name] for name in self.names}
            cols["regime"] = self.regimes()
            cols["regime_code"] = self.codes.astype(np.uint64)
            cols.update(self.quantities)
            table = pa.table(cols)
            table = table.replace_schema_metadata({"aligngames": json.dumps(self._metadata())})
            sink = pa.BufferOutputStream()
            pq.write_table(table, sink)
            return atomic_write_bytes(target, sink.getvalue().to_pybytes())
        raise OutputError(f"cannot write {str(target)!r}: unknown suffix {suffix or '(none)'!r} "
                          "(allowed: .npz, .csv, .parquet)")

    def _csv_text(self) -> str:
        import csv

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        qn = list(self.quantities)
        w.writerow([*self.names, "regime", "regime_code", *qn])
        labels = self.regimes()
        cols = [self.values[n] for n in self.names]
        qs = [self.quantities[n] for n in qn]
        for i in range(self.n_kept):
            w.writerow([*(repr(float(c[i])) for c in cols), labels[i], int(self.codes[i]),
                        *(repr(float(q[i])) for q in qs)])
        return buf.getvalue()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SweepResult:
        """Read a result written by :meth:`save` as ``.npz`` (no pickles are loaded)."""
        with np.load(Path(path), allow_pickle=False) as data:
            meta = json.loads(str(data["metadata"]))
            values = {k: data[f"value:{k}"] for k in meta["names"]}
            quantities = {k: data[f"quantity:{k}"] for k in meta["quantities"]}
            axes = {k: data[f"axis:{k}"] for k in meta["axes"]}
            codes = data["codes"]
        return cls(game=meta["game"], kind=meta["kind"], names=tuple(meta["names"]), values=values, codes=codes,
                   records=tuple(meta["records"]), quantities=quantities,
                   counts={int(k): int(v) for k, v in meta["counts"].items()}, n_points=int(meta["n_points"]),
                   grid_shape=tuple(meta["grid_shape"]) if meta["grid_shape"] else None, axes=axes,
                   fixed=meta["fixed"], method=meta["method"], backend=meta["backend"], seed=meta["seed"],
                   distributions=meta["distributions"], complete=meta["complete"])


# ---------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------

def _allowed(kind: str) -> str:
    lo, hi = _KIND_BOUNDS[kind]
    return f"a {kind} from {lo:g} to {hi:g}" if math.isfinite(hi) else f"a {kind} >= {lo:g}"


def _number(x: Any, where: str) -> float:
    sym = sys.modules.get("sympy")  # a sympy number can only be given if sympy is loaded
    allowed: tuple[type, ...] = (numbers.Real, sym.Basic) if sym is not None else (numbers.Real,)
    if isinstance(x, bool) or not isinstance(x, allowed):
        raise ParameterError(f"sweep: {where}: {x!r} is not a number (allowed: a finite real number)")
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError(f"sweep: {where}: {x!r} is not a number (allowed: a finite real number)") from None
    if not math.isfinite(v):
        raise ParameterError(f"sweep: {where}: {x!r} is not finite (allowed: a finite real number)")
    return v


def _check_range(name: str, kind: str, lo: float, hi: float, where: str) -> None:
    if lo > hi:
        raise ParameterError(f"sweep: {where}: low {lo:g} exceeds high {hi:g} (allowed: low <= high)")
    klo, khi = _KIND_BOUNDS[kind]
    if lo < klo or hi > khi:
        bad = lo if lo < klo else hi
        raise ParameterError(f"sweep: {where}: {bad:g} is outside what parameter {name!r} allows ({_allowed(kind)})")


def _check_name(name: Any, all_names: Any, game_names: Sequence[str], game_name: str, what: str) -> str:
    """``name`` if it is a parameter of the game; else an error telling unknown from not-in-this-game."""
    if not isinstance(name, str):
        raise UnknownNameError(f"sweep: {what} {name!r} is not a parameter name")
    if name not in all_names:
        raise UnknownNameError("sweep: " + suggest(name, game_names, what="parameter"))
    if name not in game_names:
        raise UnknownNameError(f"sweep: parameter {name!r} does not appear in {game_name} "
                               f"(allowed: {', '.join(game_names) or 'none: the game is numeric'})")
    return name


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


# ---------------------------------------------------------------------------
# the public function
# ---------------------------------------------------------------------------

def sweep(
    game: Game | SymmetricGame | str,
    *,
    vary: Mapping[str, Any] | None = None,
    samples: int | None = None,
    params: ParameterSet | None = None,
    uncertain: Sequence[str] | None = None,
    ranges: Mapping[str, tuple[Any, Any]] | None = None,
    distributions: Mapping[str, Any] | None = None,
    seed: int | np.random.Generator | None = None,
    method: Literal["conditions", "solve"] = "conditions",
    backend: Literal["numpy", "dask"] = "numpy",
    quantities: Mapping[str, sympy.Expr] | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    keep: int = DEFAULT_KEEP,
    workers: int | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
) -> SweepResult:
    r"""Which equilibria hold over a grid of 1 to 3 parameters or over Monte Carlo samples.

    Parameters
    ----------
    game : Game, SymmetricGame or str
        A symbolic game or the name of a library game (``aligngames list``).
    vary : mapping, optional
        Grid sweep: ``{name: (low, high, steps)}`` or ``{name: [values]}`` for
        1 to 3 parameters (C order: the last one varies fastest).
    samples : int, optional
        Monte Carlo sweep: this many draws of every uncertain parameter.
        Give exactly one of ``vary`` and ``samples``.
    params : ParameterSet, optional
        Values of the parameters that are not varied and the ranges of those
        that are sampled; default :func:`games.essay.parameters`.
    uncertain : sequence of str, optional
        Monte Carlo: the parameters to draw.  Default: every parameter of the
        game with a range (``low < high``) in ``params`` or ``ranges``.
    ranges : mapping, optional
        Monte Carlo: ``{name: (low, high)}`` overriding the registry range.
    distributions : mapping, optional
        Monte Carlo: ``{name: "uniform" | "loguniform" | "triangular" |
        ("triangular", mode) | ppf}``; ``ppf`` maps uniform numbers in (0, 1)
        to values (an inverse CDF).  Default uniform.
    seed : None, int or numpy.random.Generator
        The only source of randomness (see the module docstring).
    method : {"conditions", "solve"}
        Vectorised closed forms, or substitution and a numeric solver per point.
    backend : {"numpy", "dask"}
        Where the chunks run.
    quantities : mapping of str to sympy expression, optional
        Extra quantities to evaluate per point, built from the game's
        parameter symbols (a threshold, a mixed probability of a record's
        profile).  ``"gap"`` is always computed.
    chunk_size : int
        Points per chunk (the random streams depend on it).
    keep : int
        Keep per-point arrays for the first ``keep`` points (0 for counts only).
    workers : int, optional
        Threads of the numpy backend; default the number of CPUs.
    scheduler : str or distributed.Client, optional
        The dask scheduler (``backend="dask"`` only).
    progress : bool, optional
        A tqdm progress bar over chunks (if tqdm is installed); default: when
        stderr is a terminal and there is more than one chunk.

    Returns
    -------
    SweepResult

    Raises
    ------
    UnknownNameError
        A parameter that is not in ``params`` or not in the game (the message
        lists the game's parameters).
    ParameterError
        A range with low > high, or outside the parameter's kind (a
        probability above 1, a negative amount of money), a bad number.
    SweepError
        Both or neither of ``vary`` and ``samples``, more than 3 varied
        parameters, ``steps < 2``, ``samples <= 0``, an unknown method,
        backend or distribution, a bad chunk size, seed or ``keep``.
    SizeLimitError
        A grid of more than :data:`MAX_GRID_POINTS` points.

    See Also
    --------
    solvers.sensitivity.tornado, solvers.sensitivity.first_order_indices
    solvers.sweep_plots.plot_regime_map

    Examples
    --------
    All-Alignment is an equilibrium of the great-power race iff
    :math:`b + s + h_1 D \ge E`; with the other parameters at their values
    (:math:`b = 10^{12}, s = 0, h_1 D = 5 \cdot 10^{11}`) that is
    :math:`E \le 1.5 \cdot 10^{12}`:

    >>> res = sweep("great_power_race", vary={"capabilities_edge": [1e12, 2e12]})
    >>> res.holds("(Alignment, Alignment)").tolist()
    [True, False]

    A derived quantity: the edge at which all-Alignment stops being an equilibrium.

    >>> import games
    >>> ps = games.essay.parameters()
    >>> b, s, h1, D = (ps.symbol(n) for n in ("alignment_world_benefit", "alignment_synergy",
    ...                                        "race_risk_one", "power_catastrophe_loss"))
    >>> res = sweep("great_power_race", samples=1000, seed=0, quantities={"edge_max": b + s + h1 * D})
    >>> bool(np.all(res.holds("(Alignment, Alignment)")
    ...             == (res.quantities["edge_max"] >= res.values["capabilities_edge"])))
    True
    """
    from solvers.sweep_template import build_template, game_from

    g, game_name = game_from(game)
    _check_options(method, backend, scheduler, chunk_size, keep, workers, vary, samples)
    template = build_template(g, params, quantities=quantities, method=method, game_name=game_name)
    return run_template(template, vary=vary, samples=samples, uncertain=uncertain, ranges=ranges,
                        distributions=distributions, seed=seed, backend=backend, chunk_size=chunk_size,
                        keep=keep, workers=workers, scheduler=scheduler, progress=progress)


def _check_options(method: Any, backend: Any, scheduler: Any, chunk_size: Any, keep: Any, workers: Any,
                   vary: Any, samples: Any) -> None:
    if method not in ("conditions", "solve"):
        raise SweepError(f"sweep: method {method!r} not allowed (allowed: conditions, solve)")
    if backend not in ("numpy", "dask"):
        raise SweepError(f"sweep: backend {backend!r} not allowed (allowed: numpy, dask)")
    if scheduler is not None and backend != "dask":
        raise SweepError("sweep: scheduler is only used with backend='dask'")
    for label, v, low in (("chunk_size", chunk_size, 1), ("keep", keep, 0)):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral) or int(v) < low:
            raise SweepError(f"sweep: {label} {v!r} not allowed (allowed: an integer >= {low})")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, numbers.Integral)
                                or int(workers) < 1):
        raise SweepError(f"sweep: workers {workers!r} not allowed (allowed: an integer >= 1)")
    if (vary is None) == (samples is None):
        raise SweepError("sweep: give exactly one of vary (a grid) and samples (Monte Carlo)")


def run_template(
    template: SweepTemplate,
    *,
    vary: Mapping[str, Any] | None = None,
    samples: int | None = None,
    uncertain: Sequence[str] | None = None,
    ranges: Mapping[str, tuple[Any, Any]] | None = None,
    distributions: Mapping[str, Any] | None = None,
    seed: int | np.random.Generator | None = None,
    backend: Literal["numpy", "dask"] = "numpy",
    chunk_size: int = DEFAULT_CHUNK,
    keep: int = DEFAULT_KEEP,
    workers: int | None = None,
    scheduler: Any = None,
    progress: bool | None = None,
) -> SweepResult:
    """The numeric stage of :func:`sweep`: evaluate a template over a grid or Monte Carlo samples.

    Takes the arguments of :func:`sweep` that do not concern the game or
    the parameter set; needs neither sympy nor the game (except for a
    ``method="solve"`` template).  ``sweep(game, ...)`` is
    ``run_template(build_template(game, ...), ...)``.

    Examples
    --------
    >>> from solvers.sweep_template import build_template
    >>> t = build_template("great_power_race")
    >>> run_template(t, vary={"capabilities_edge": [1e12, 2e12]}).holds("(Alignment, Alignment)").tolist()
    [True, False]
    """
    method = template.method
    _check_options(method, backend, scheduler, chunk_size, keep, workers, vary, samples)
    if not template.model.complete:
        warnings.warn(f"sweep: the closed forms of {template.game} are incomplete ({template.model.note}); "
                      "regimes count only the equilibria found. Use method='solve' for every equilibrium",
                      RuntimeWarning, stacklevel=2)
    game_name = template.game
    game_syms = template.names
    draws: list[_Draw] = []
    axes: list[np.ndarray] = []
    if vary is not None:
        if not isinstance(vary, Mapping) or not 1 <= len(vary) <= 3:
            n = len(vary) if isinstance(vary, Mapping) else vary
            raise SweepError(f"sweep: vary {n!r} parameters (allowed: a mapping of 1 to 3 parameters)")
        for name, spec in vary.items():
            _check_name(name, template.all_names, game_syms, game_name, "vary")
            axes.append(_grid_axis(name, spec, template.kinds[name]))
        names = tuple(vary)
        n_points = int(np.prod([a.size for a in axes]))
        if n_points > MAX_GRID_POINTS:
            raise SizeLimitError(f"sweep: the grid has {n_points} points (allowed: at most {MAX_GRID_POINTS})")
        kind = "grid"
    else:
        if isinstance(samples, bool) or not isinstance(samples, numbers.Integral):
            raise SweepError(f"sweep: samples {samples!r} is not a whole number (allowed: an integer >= 1)")
        if int(samples) <= 0:
            raise SweepError(f"sweep: samples {int(samples)} (allowed: an integer >= 1)")
        if int(samples) > MAX_SAMPLES:
            digits = str(int(samples))
            shown = digits if len(digits) <= 20 else f"{digits[:6]}... ({len(digits)} digits)"
            raise SizeLimitError(f"sweep: samples {shown} (allowed: at most {MAX_SAMPLES:.0e}; "
                                 "split larger studies into sweeps with different seeds)")
        n_points = int(samples)
        ranges = dict(ranges or {})
        distributions = dict(distributions or {})
        for name in list(ranges) + list(distributions):
            _check_name(name, template.all_names, game_syms, game_name, "range or distribution of")
        lows, highs = template.lows, template.highs

        def has_range(n: str) -> bool:
            lo, hi = lows[n], highs[n]
            return lo is not None and hi is not None and lo < hi

        if uncertain is None:
            chosen = [n for n in game_syms if n in ranges or has_range(n)]
        else:
            if isinstance(uncertain, str):
                raise SweepError(f"sweep: uncertain={uncertain!r} must be a sequence of names, not one string")
            chosen = [_check_name(n, template.all_names, game_syms, game_name, "uncertain") for n in uncertain]
            for n in chosen:
                if n not in ranges and (lows[n] is None or highs[n] is None):
                    raise ParameterError(f"sweep: parameter {n!r} has no range in the registry; "
                                         f"give ranges={{{n!r}: (low, high)}}")
        if not chosen:
            raise SweepError(f"sweep: {game_name} has no parameter with a range to sample "
                             f"(its parameters: {', '.join(game_syms) or 'none'})")
        for name in distributions:
            if name not in chosen:
                raise SweepError(f"sweep: distribution given for {name!r}, which is not sampled "
                                 f"(sampled: {', '.join(chosen)})")
        draws = [_make_draw(n, template, distributions.get(n), ranges.get(n)) for n in chosen]
        names = tuple(chosen)
        kind = "monte_carlo"

    entropy = _seed_entropy(seed) if kind == "monte_carlo" else None
    if method == "conditions":
        n_rec = len(template.model.labels)
        code_dtype = _code_dtype(n_rec)
    else:
        code_dtype = "uint64"
    fixed = tuple((n, template.values[n]) for n in game_syms if n not in names)
    plan = _Plan(template=template, model=template.model, method=method, kind=kind, names=names, fixed=fixed,
                 draws=tuple(draws), axes=tuple(axes), n_points=n_points, chunk_size=int(chunk_size),
                 keep=int(keep), entropy=entropy, quantity_names=template.quantity_names, code_dtype=code_dtype)
    n_chunks = -(-n_points // plan.chunk_size)
    show = progress if progress is not None else (n_chunks > 1 and _stderr_tty())
    if backend == "numpy":
        chunks = _run_numpy(plan, n_chunks, workers, bool(show))
    else:
        chunks = _run_dask(plan, n_chunks, scheduler, bool(show))
    return _assemble(plan, chunks, game_name, backend, draws)


def _stderr_tty() -> bool:
    try:
        return bool(sys.stderr.isatty())
    except (AttributeError, ValueError):
        return False


def _bar(total: int, show: bool) -> Any:
    if not show:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="chunk", desc="sweep", file=sys.stderr)


#: Chunks in flight per worker thread (memory stays bounded however many chunks a sweep has).
_IN_FLIGHT = 2
#: Chunks per batch of the dask backend's tasks.
_DASK_BATCH = 1024


class _Fold:
    """Chunk results as they arrive, in any order: counts of chunks without kept points are summed at once."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.kept: list[_ChunkResult] = []
        self.counts: dict[int, int] = {}

    def add(self, ch: _ChunkResult) -> None:
        if self.plan.method == "conditions" and ch.kept_codes is None:
            for c, m in ch.counts.items():
                self.counts[c] = self.counts.get(c, 0) + m
        else:
            self.kept.append(ch)

    def chunks(self) -> list[_ChunkResult]:
        rest = [_ChunkResult(sys.maxsize, self.counts, ())] if self.counts else []
        return [*self.kept, *rest]


def _run_numpy(plan: _Plan, n_chunks: int, workers: int | None, show: bool) -> list[_ChunkResult]:
    nw = min(int(workers) if workers else (os.cpu_count() or 1), n_chunks)
    bar = _bar(n_chunks, show)
    fold = _Fold(plan)
    try:
        if nw <= 1 or plan.method == "solve":
            for i in range(n_chunks):
                fold.add(_run_chunk(plan, i))
                if bar is not None:
                    bar.update(1)
            return fold.chunks()
        from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

        with ThreadPoolExecutor(max_workers=nw) as ex:
            pending: set[Any] = set()
            submitted = 0
            while submitted < n_chunks or pending:
                while submitted < n_chunks and len(pending) < _IN_FLIGHT * nw:
                    pending.add(ex.submit(_run_chunk, plan, submitted))
                    submitted += 1
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    fold.add(fut.result())
                    if bar is not None:
                        bar.update(1)
        return fold.chunks()
    finally:
        if bar is not None:
            bar.close()


def _run_dask(plan: _Plan, n_chunks: int, scheduler: Any, show: bool) -> list[_ChunkResult]:
    try:
        import dask
    except ImportError:
        raise SweepError("sweep: backend='dask' needs dask (pip install \"dask[distributed]\")") from None
    client = None
    own = False
    if scheduler is not None:
        try:
            from distributed import Client
        except ImportError:
            raise SweepError("sweep: scheduler needs dask.distributed (pip install \"dask[distributed]\")") from None
        if isinstance(scheduler, Client):
            client = scheduler
        elif isinstance(scheduler, str):
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise SweepError(f"sweep: cannot reach the dask scheduler {scheduler!r}: {exc}") from None
            own = True
        else:
            raise SweepError(f"sweep: scheduler {scheduler!r} not allowed (allowed: an address like "
                             "'tcp://host:8786' or a distributed.Client)")
    else:
        try:
            from distributed import default_client

            client = default_client()
        except (ImportError, ValueError):
            client = None
    fold = _Fold(plan)
    try:
        if client is None:
            for start in range(0, n_chunks, _DASK_BATCH):
                tasks = [dask.delayed(_run_chunk)(plan, i) for i in range(start, min(n_chunks, start + _DASK_BATCH))]
                for ch in dask.compute(*tasks, scheduler="threads"):
                    fold.add(ch)
            return fold.chunks()
        from distributed import as_completed

        plan_future = client.scatter(plan, broadcast=True)
        window = max(_IN_FLIGHT * sum(client.nthreads().values()), 1)
        submitted = 0

        def submit() -> Any:
            nonlocal submitted
            fut = client.submit(_run_chunk, plan_future, submitted, pure=False)
            submitted += 1
            return fut

        queue = as_completed([submit() for _ in range(min(window, n_chunks))])
        bar = _bar(n_chunks, show)
        try:
            for fut in queue:
                fold.add(fut.result())
                if submitted < n_chunks:
                    queue.add(submit())
                if bar is not None:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.close()
        return fold.chunks()
    finally:
        if own and client is not None:
            client.close()


def _code_dtype(n_records: int) -> str:
    """The smallest unsigned integer type with a bit per equilibrium record."""
    return next(f"uint{b}" for b in (8, 16, 32, 64) if n_records <= b or b == 64)


def _join(parts: list[np.ndarray], dtype: np.dtype[Any]) -> np.ndarray:
    if not parts:
        return np.zeros(0, dtype=dtype)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _assemble(plan: _Plan, chunks: Iterable[_ChunkResult], game_name: str, backend: str,
              draws: Sequence[_Draw]) -> SweepResult:
    chunks = sorted(chunks, key=lambda c: c.index)
    counts: dict[int, int] = {}
    kept_v: dict[str, list[np.ndarray]] = {n: [] for n in plan.names}
    kept_c: list[np.ndarray] = []
    kept_q: list[list[np.ndarray]] = [[] for _ in plan.quantity_names]
    if plan.method == "solve":
        table: dict[str, int] = {}
        for ch in chunks:
            for lab in ch.labels:
                table.setdefault(lab, len(table))
        if len(table) > 64:
            raise SizeLimitError(f"sweep: {len(table)} distinct equilibria met (allowed: at most 64)")
        records = tuple(table)
    else:
        records = plan.model.labels
    for ch in chunks:
        if plan.method == "solve":
            remap = [table[lab] for lab in ch.labels]

            def conv(c: int, remap: list[int] = remap) -> int:
                return sum(1 << remap[b] for b in range(len(remap)) if c >> b & 1)

            for c, m in ch.counts.items():
                g = conv(c)
                counts[g] = counts.get(g, 0) + m
            if ch.kept_codes is not None:
                kept_c.append(np.array([conv(int(c)) for c in ch.kept_codes], dtype=np.uint64))
        else:
            for c, m in ch.counts.items():
                counts[c] = counts.get(c, 0) + m
            if ch.kept_codes is not None:
                kept_c.append(ch.kept_codes)
        if ch.kept_codes is not None:
            for n in plan.names:
                kept_v[n].append(ch.kept_values[n])
            for j, arr in enumerate(ch.kept_quantities):
                kept_q[j].append(arr)
    code_dtype = np.dtype(plan.code_dtype)
    if plan.method == "solve":
        nb = len(records)
        code_dtype = np.dtype(_code_dtype(nb))
    codes = _join(kept_c, code_dtype).astype(code_dtype, copy=False)
    values = {n: _join(v, np.dtype(float)) for n, v in kept_v.items()}
    quantities = {qn: _join(kept_q[j], np.dtype(float)) for j, qn in enumerate(plan.quantity_names)}
    dists = {}
    for d in draws:
        desc = d.dist if d.dist != "ppf" else "user ppf"
        if d.dist == "triangular":
            desc += f" (mode {d.mode:g})"
        dists[d.name] = f"{desc} [{d.low:g}, {d.high:g}]" + (" (whole numbers)" if d.integer else "")
    return SweepResult(
        game=game_name, kind=plan.kind, names=plan.names, values=values, codes=codes, records=records,
        quantities=quantities, counts=dict(sorted(counts.items())), n_points=plan.n_points,
        grid_shape=tuple(a.size for a in plan.axes) if plan.kind == "grid" else None,
        axes={n: plan.axes[j] for j, n in enumerate(plan.names)} if plan.kind == "grid" else {},
        fixed=dict(plan.fixed), method=plan.method, backend=backend, seed=plan.entropy,
        distributions=dists, complete=plan.model.complete,
    )
