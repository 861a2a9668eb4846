r"""Parameter sweeps: which equilibrium regime holds over a grid or over Monte Carlo samples.

:func:`sweep` answers "in what share of plausible worlds is all-Alignment an
equilibrium?" and "where, over these two parameters, does the answer flip?".

Method
------
``method="conditions"`` (the default) takes the closed-form records of
:func:`solvers.conditions.derive.equilibrium_conditions` -- one sympy Boolean per
equilibrium -- and compiles all of them, with the payoff gap and any requested
quantity, into numpy programs over the ordered tuple of the game's parameter
symbols (:func:`solvers.sweeps.program.compile_program`: common subexpressions
computed once, and checked against :func:`sympy.lambdify` in the tests).  A
sweep runs in two stages: the symbolic one
(:func:`solvers.sweeps.template.build_template`, the only one that needs
sympy) makes a :class:`SweepTemplate` -- the programs plus each parameter's
kind, value and range -- and the numeric one (:func:`run_template`) evaluates
it.  The template is plain data, so ``aligngames sweep`` caches it on disk and
a repeated sweep starts without importing sympy (:mod:`solvers.sweeps.cache`).
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
Every uncertain parameter is drawn from its registry distribution
(:attr:`games.parameters.Parameter.distribution`, with its provenance), unless
the call names a distribution for it or gives it a range (``ranges``: then
uniform on that range unless a distribution is named too); see
:mod:`solvers.sweeps.sampling`.  Distributions
(``distributions={name: ...}``): ``"uniform"``, ``"loguniform"``
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
>>> from solvers import sweep
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

import numbers
import os
import sys
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from games.errors import (
    ParameterError,
    SizeLimitError,
)

if TYPE_CHECKING:  # sympy and the game classes are needed only to build a template (solvers.sweeps.template)

    pass
from solvers.errors import SweepError
from solvers.sweeps.kernel import _ChunkResult, _run_chunk
from solvers.sweeps.model import DEFAULT_CHUNK, DEFAULT_KEEP, MAX_GRID_POINTS, MAX_SAMPLES, SweepTemplate
from solvers.sweeps.result import SweepResult
from solvers.sweeps.sampling import _Draw, _grid_axis, _make_draw, _Plan, _seed_entropy
from solvers.sweeps.validate import _check_name, _check_options

__all__ = ["run_template"]


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
    >>> from solvers.sweeps.template import build_template
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
        dists[d.name] = (f"{desc} [{d.low:g}, {d.high:g}]" + (" (whole numbers)" if d.integer else "")
                         + (f"; registry, {d.source}" if d.source else ""))
    return SweepResult(
        game=game_name, kind=plan.kind, names=plan.names, values=values, codes=codes, records=records,
        quantities=quantities, counts=dict(sorted(counts.items())), n_points=plan.n_points,
        grid_shape=tuple(a.size for a in plan.axes) if plan.kind == "grid" else None,
        axes={n: plan.axes[j] for j, n in enumerate(plan.names)} if plan.kind == "grid" else {},
        fixed=dict(plan.fixed), method=plan.method, backend=backend, seed=plan.entropy,
        distributions=dists, complete=plan.model.complete,
    )

