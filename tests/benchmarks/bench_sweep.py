"""Benchmark of solvers.sweep against the issue's targets (run by hand; not a test).

    python tests/benchmarks/bench_sweep.py [--samples 1e7] [--big 1e8] [--repeats 5] [--nashpy 2000]

Measured side by side in one run, each a median of ``--repeats`` runs:

1. ``great_power_race`` regime classification over 1e7 Monte Carlo samples,
   end to end from the CLI (a fresh process: imports, template, sampling,
   classification, first-order sensitivity, JSON) -- with the sweep template
   in the cache (:mod:`solvers.sweeps.cache`; every sweep of a game after its
   first: no sympy) and with an empty cache (the first sweep of a game:
   import sympy, derive and compile the closed forms); also the same command
   with 1,000 samples (the fixed start-up cost) and the throughput net of
   it.  The console script beside this interpreter is run (as in a venv),
   with Python's default bytecode caching.
2. The same in-process: ``sweep(...)`` with the per-point arrays kept
   (default) and with ``keep=0`` (counts only).
3. A hand-written numpy expression of the same inequalities (the textbook
   conditions of the symmetric 2 x 2 game), same chunking and sampling:
   the practical limit; the ratio sweep / hand-written should be <= 2.
4. Substituting each point into the game and calling nashpy's support
   enumeration, on ``--nashpy`` points, extrapolated to the full sample; the
   ratio to the sweep should be >= 1000.
5. 1e8 samples from the CLI in a fresh process: wall time (start-up
   amortised) and peak resident memory (``ru_maxrss``; target under 1 GB).

Targets (issue 7): >= 1e7 points/s end to end from the CLI; >= 1000x faster
than nashpy per point; within 2x of hand-written numpy; 1e8 samples under 1 GB.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

SHIM = ("import argparse, sys\n"
        "from solvers.cli.sweep import setup, run\n"
        "p = argparse.ArgumentParser(prog='aligngames sweep')\n"
        "setup(p)\n"
        "sys.exit(run(p.parse_args(sys.argv[1:])))\n")

CACHE = tempfile.mkdtemp(prefix="bench-sweep-cache-")


@functools.cache
def _cli_prefix() -> tuple[str, ...]:
    """The console script beside this interpreter (as in a venv), else on PATH; looked up once, not timed.

    The script beside ``sys.executable`` is preferred to PATH, where pyenv's
    shim (a bash wrapper that adds about 0.1 s) may come first.
    """
    beside = Path(sys.executable).with_name("aligngames")
    exe = str(beside) if beside.exists() else shutil.which("aligngames")
    if exe:
        helptext = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
        if "sweep" in helptext:
            return (exe, "sweep")
    return (sys.executable, "-c", SHIM)


def cli_command(args: list[str]) -> list[str]:
    """``aligngames sweep ARGS``."""
    return [*_cli_prefix(), *args]


def cli_env(cache: str) -> dict[str, str]:
    """The environment of a CLI run: its own template cache; bytecode cached as Python does by default."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "ALIGNGAMES_NO_CACHE")}
    env["ALIGNGAMES_CACHE_DIR"] = cache
    return env


def median_time(fn, repeats: int) -> tuple[float, object]:
    times = []
    out = None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def run_cli(samples: int, cache: str = CACHE) -> dict:
    cmd = cli_command(["great_power_race", "--samples", str(samples), "--seed", "1", "--json", "--quiet"])
    p = subprocess.run(cmd, capture_output=True, text=True, check=True, env=cli_env(cache))
    return json.loads(p.stdout)


def run_cli_cold(samples: int) -> dict:
    """The CLI with an empty template cache: the first sweep of a game (sympy, closed forms, compilation)."""
    return run_cli(samples, tempfile.mkdtemp(prefix="bench-sweep-cold-"))


def hand_written(samples: int, seed: int, chunk: int = 1 << 16, raw32: bool = False) -> dict[int, int]:
    """The same inequalities written by hand: R = 2b + s, S = b - E - h1 D, T = b + E - h1 D, P = -h2 D.

    ``raw32``: draw 32-bit uniforms from ``random_raw`` as sweep does, instead of
    ``Generator.uniform`` (isolates the cost of the evaluation itself).
    """
    import games

    ps = games.essay.parameters()
    names = ("alignment_synergy", "alignment_world_benefit", "capabilities_edge", "power_catastrophe_loss",
             "race_risk_both", "race_risk_one")
    lo = np.array([float(ps[n].low) for n in names])
    hi = np.array([float(ps[n].high) for n in names])
    rng = np.random.default_rng(seed)
    counts = np.zeros(32, dtype=np.int64)
    done = 0
    while done < samples:
        n = min(chunk, samples - done)
        if raw32:
            r = rng.bit_generator.random_raw(3 * n).view(np.uint32).reshape(n, 6)
            s, b, E, D, h2, h1 = (lo[j] + (hi[j] - lo[j]) * 2.0**-32 * (r[:, j] + 0.5) for j in range(6))
        else:
            s, b, E, D, h2, h1 = rng.uniform(lo[:, None], hi[:, None], size=(6, n))
        h1D = h1 * D
        rt = b + s + h1D - E          # R - T
        ps_ = b + h2 * D - E - h1D    # S - P
        code = (rt >= 0).astype(np.uint8)                       # (A, A)
        code |= ((ps_ >= 0) & (rt <= 0)).astype(np.uint8) << 1  # (A, C)
        code |= ((ps_ >= 0) & (rt <= 0)).astype(np.uint8) << 2  # (C, A)
        code |= (ps_ <= 0).astype(np.uint8) << 3                # (C, C)
        code |= ((rt * -ps_) > 0).astype(np.uint8) << 4         # interior mixed: (R - T)(P - S) > 0
        counts += np.bincount(code, minlength=32)
        done += n
    return {i: int(c) for i, c in enumerate(counts) if c}


def nashpy_per_point(points: int, seed: int) -> tuple[float, dict[str, int]]:
    """Substitute each point's exact values into the game and run nashpy's support enumeration."""
    import nashpy
    import sympy

    import games
    from solvers.sweeps.game_sweep import sweep

    res = sweep("great_power_race", samples=points, seed=seed, keep=points, progress=False)
    game = games.build("great_power_race")
    fixed = {n: sympy.nsimplify(v) for n, v in res.fixed.items()}
    tally: dict[str, int] = {}
    t = time.perf_counter()
    for i in range(points):
        values = dict(fixed)
        values.update({n: sympy.Rational(float(res.values[n][i])) for n in res.names})
        nash = nashpy.Game(*game.subs(values).numeric_arrays())  # what Game.to_nashpy does
        supports = []
        for x, y in nash.support_enumeration():
            supports.append((tuple(np.flatnonzero(x > 1e-12)), tuple(np.flatnonzero(y > 1e-12))))
        key = str(sorted(supports))
        tally[key] = tally.get(key, 0) + 1
    return time.perf_counter() - t, tally


def child_big(samples: int) -> tuple[float, float, dict]:
    """The CLI on ``samples`` samples in a fresh process; its peak RSS from ``ru_maxrss`` (printed on stderr)."""
    code = textwrap.dedent("""
        import argparse, json, resource, sys
        from solvers.cli.sweep import setup, run
        p = argparse.ArgumentParser(prog="aligngames sweep")
        setup(p)
        status = run(p.parse_args(sys.argv[1:]))
        print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), file=sys.stderr)
        sys.exit(status)
    """)
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code, "great_power_race", "--samples", str(samples), "--seed", "1",
                        "--json", "--quiet"], capture_output=True, text=True, check=True, env=cli_env(CACHE))
    wall = time.perf_counter() - t
    rss = json.loads(p.stderr.strip().splitlines()[-1])["maxrss_kb"] / 1024
    return wall, rss, json.loads(p.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=float, default=1e7)
    ap.add_argument("--big", type=float, default=1e8)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--nashpy", type=int, default=2000)
    a = ap.parse_args()
    n = int(a.samples)
    from solvers.sweeps.game_sweep import sweep

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; numpy {np.__version__}")
    print(f"CLI command: {' '.join(cli_command(['great_power_race', '--samples', str(n), '--seed', '1', '--json']))[:120]}")
    print(f"template cache: {CACHE} (warm runs); a new empty folder per cold run")

    run_cli(1000)  # fills the template cache (and Python's bytecode cache) once
    t_cli, cli_out = median_time(lambda: run_cli(n), a.repeats)
    t_start, _ = median_time(lambda: run_cli(1000), a.repeats)
    t_cold, cold_out = median_time(lambda: run_cli_cold(n), a.repeats)
    assert cold_out == cli_out, "cold and warm CLI runs differ"
    sweep("great_power_race", samples=1000, seed=1)  # closed forms derived and compiled once
    sweep("great_power_race", samples=1000, seed=1, keep=0)
    # interleaved, so that a change of the machine's load hits every variant alike
    variants = {
        "sweep": lambda: sweep("great_power_race", samples=n, seed=1, progress=False),
        "sweep0": lambda: sweep("great_power_race", samples=n, seed=1, keep=0, progress=False),
        "sweep1": lambda: sweep("great_power_race", samples=n, seed=1, keep=0, workers=1, progress=False),
        "hand": lambda: hand_written(n, 1),
        "hand32": lambda: hand_written(n, 1, raw32=True),
    }
    wall: dict[str, list[float]] = {k: [] for k in variants}
    cpu: dict[str, list[float]] = {k: [] for k in variants}
    outs: dict[str, object] = {}
    for _ in range(a.repeats):
        for k, fn in variants.items():
            t, c = time.perf_counter(), time.process_time()
            outs[k] = fn()
            wall[k].append(time.perf_counter() - t)
            cpu[k].append(time.process_time() - c)
    med = {k: statistics.median(v) for k, v in wall.items()}
    cmed = {k: statistics.median(v) for k, v in cpu.items()}
    t_sweep, t_sweep0, t_sweep1, t_hand, t_hand32 = (med[k] for k in ("sweep", "sweep0", "sweep1", "hand", "hand32"))
    res, res0, hand = outs["sweep"], outs["sweep0"], outs["hand"]
    t_nash, tally = nashpy_per_point(a.nashpy, 2)
    per_point = t_nash / a.nashpy
    t_nash_full = per_point * n

    assert res.counts == res0.counts  # type: ignore[attr-defined]
    hand_share_aa = sum(c for k, c in hand.items() if k & 1) / n
    sweep_share_aa = res.record_shares()["(Alignment, Alignment)"]

    rows = [
        ("CLI end to end, %d samples (fresh process, template cached)" % n, t_cli, n / t_cli),
        ("CLI end to end, %d samples (fresh process, empty cache: sympy)" % n, t_cold, n / t_cold),
        ("CLI start-up (same command, 1,000 samples, template cached)", t_start, None),
        ("CLI net of start-up", t_cli - t_start, n / max(t_cli - t_start, 1e-9)),
        ("sweep() in process, keep 1e6 (default), 2 threads", t_sweep, n / t_sweep),
        ("sweep() in process, keep=0, 2 threads", t_sweep0, n / t_sweep0),
        ("sweep() in process, keep=0, 1 thread", t_sweep1, n / t_sweep1),
        ("hand-written numpy, Generator.uniform draws, 1 thread", t_hand, n / t_hand),
        ("hand-written numpy, 32-bit random_raw draws as sweep, 1 thread", t_hand32, n / t_hand32),
        (f"nashpy support enumeration per point ({a.nashpy} points, extrapolated)", t_nash_full, 1 / per_point),
    ]
    print(f"\n{'what':<72} {'median s':>10} {'points/s':>14}")
    for what, t, rate in rows:
        print(f"{what:<72} {t:>10.3f} {(f'{rate:,.0f}' if rate else '-'):>14}")
    print("\nratios")
    print(f"  sweep (keep=0, 1 thread) / hand-written numpy      : {t_sweep1 / t_hand:.2f}x wall, "
          f"{cmed['sweep1'] / cmed['hand']:.2f}x CPU  (target <= 2)")
    print(f"  sweep (keep=0, 1 thread) / hand-written, same draws : {t_sweep1 / t_hand32:.2f}x wall, "
          f"{cmed['sweep1'] / cmed['hand32']:.2f}x CPU  (target <= 2)")
    print(f"  sweep (keep=0, 2 threads) / hand-written numpy     : {t_sweep0 / t_hand:.2f}x")
    print(f"  sweep (default) / hand-written numpy               : {t_sweep / t_hand:.2f}x")
    print(f"  nashpy per point / sweep (default), extrapolated    : {t_nash_full / t_sweep:,.0f}x  (target >= 1000)")
    print(f"  nashpy per point / CLI end to end, extrapolated     : {t_nash_full / t_cli:,.0f}x")
    print(f"  CLI end to end: {n / t_cli:,.0f} points/s (target >= 1e7); "
          f"net of start-up {n / max(t_cli - t_start, 1e-9):,.0f} points/s; "
          f"first sweep of the game (empty cache) {n / t_cold:,.0f} points/s")
    print(f"\nshare with (Alignment, Alignment): sweep {sweep_share_aa:.5f}, hand-written (other draws) "
          f"{hand_share_aa:.5f}, CLI {cli_out['equilibrium_shares']['(Alignment, Alignment)']:.5f}")
    print(f"nashpy support sets met: {len(tally)}")

    if a.big:
        big = int(a.big)
        wall, rss, out = child_big(big)
        print(f"\n{big:.0e} samples from the CLI (fresh process, end to end): wall {wall:.1f} s = "
              f"{big / wall:,.0f} points/s; peak RSS {rss:,.0f} MiB (target < 1024); "
              f"share with (Alignment, Alignment) {out['equilibrium_shares']['(Alignment, Alignment)']:.5f}")
    print(f"\nself ru_maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


if __name__ == "__main__":
    main()
