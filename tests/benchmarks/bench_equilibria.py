"""Benchmark: all Nash equilibria, ours against nashpy and pygambit, measured side by side in one run.

Run::

    python tests/benchmarks/bench_equilibria.py            # full table (a few minutes: nashpy is slow on 10 x 10)
    python tests/benchmarks/bench_equilibria.py --quick    # skip the slow nashpy / rational Gambit 10 x 10 runs

For every game and solver it prints the median time per solve and the number
of equilibria found, and the ratio of each solver's median to ours (float mode
for the ratio's denominator; > 1 means we are faster).  Third-party solvers run
in a forked child process with a time limit, because some of them can run for
minutes or never return (nashpy's Lemke-Howson on degenerate games); the time
is measured inside the child, around the solver call only.  Games:

* every two-player game of the library at the essay's parameter values
  (``games.essay.parameters()``), plus rock-paper-scissors (3 x 3) and the
  degenerate 3 x 2 game of von Stengel (2002);
* random 10 x 10 games: floats uniform in [0, 1), and integers in 0..9
  (degenerate), seeded.

This is a benchmark script, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

import games
from games import Game
from solvers import nash_equilibria


def _median_time(fn: Callable[[], Any], repeats: int, budget: float) -> tuple[float, int, int]:
    """Median seconds per call over ``repeats`` calls (fewer if over ``budget`` seconds); returns (median, count, runs)."""
    times = []
    result: Any = None
    start = time.perf_counter()
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        if time.perf_counter() - start > budget:
            break
    return statistics.median(times), len(result), len(times)


# --- third-party solvers, run in a child process --------------------------------------

def _nashpy_solver(kind: str, A: np.ndarray, B: np.ndarray) -> Callable[[], list[Any]]:
    import nashpy

    g = nashpy.Game(A, B)
    if kind == "support":
        return lambda: list(g.support_enumeration())
    if kind == "vertex":
        return lambda: list(g.vertex_enumeration())
    return lambda: [g.lemke_howson(initial_dropped_label=0)]


def _gambit_solver(kind: str, A: np.ndarray, B: np.ndarray) -> Callable[[], list[Any]]:
    import pygambit as gbt

    integer = np.all(np.equal(np.mod(A, 1), 0)) and np.all(np.equal(np.mod(B, 1), 0))
    if kind.endswith("rational"):
        from fractions import Fraction

        def frac(M: np.ndarray) -> list[list[Any]]:
            return [[int(v) if integer else Fraction(float(v)) for v in row] for row in M]

        g = gbt.StrategicGame.from_arrays(frac(A), frac(B))
    else:
        g = gbt.StrategicGame.from_arrays(np.asarray(A, dtype=float), np.asarray(B, dtype=float))
    if kind.startswith("enummixed"):
        rational = kind.endswith("rational")
        return lambda: list(gbt.nash.enummixed_solve(g, rational=rational).equilibria)
    rational = kind.endswith("rational")
    return lambda: list(gbt.nash.lcp_solve(g, rational=rational, stop_after=1).equilibria)


def _child(conn: Any, lib: str, kind: str, A: np.ndarray, B: np.ndarray, repeats: int, budget: float) -> None:
    warnings.simplefilter("ignore")
    try:
        fn = _nashpy_solver(kind, A, B) if lib == "nashpy" else _gambit_solver(kind, A, B)
        conn.send(_median_time(fn, repeats, budget))
    except Exception as exc:  # noqa: BLE001 - report any failure in the table
        conn.send(("error", type(exc).__name__, str(exc)[:60]))


def run_external(lib: str, kind: str, A: np.ndarray, B: np.ndarray, repeats: int, budget: float, timeout: float) -> Any:
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_child, args=(child, lib, kind, A, B, repeats, budget))
    proc.start()
    if parent.poll(timeout):
        res = parent.recv()
    else:
        res = ("timeout", timeout)
    proc.kill()
    proc.join()
    return res


# --- the table -------------------------------------------------------------------------

def test_games() -> list[tuple[str, Game]]:
    params = games.essay.parameters()
    out = []
    for name, builder in games.library(family="normal-form").items():
        g = builder()
        if isinstance(g, Game) and g.n_players == 2:
            num = g.subs(params)
            if num.is_numeric:
                out.append((f"{name} {num.shape[0]}x{num.shape[1]}", num))
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    out.append(("rock-paper-scissors 3x3", Game.from_bimatrix(rps, [[-v for v in r] for r in rps])))
    out.append(("degenerate 3x2 (von Stengel)", Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])))
    rng = np.random.default_rng(20261127)
    out.append(("random 10x10 float", Game.from_bimatrix(rng.random((10, 10)), rng.random((10, 10)))))
    out.append(("random 10x10 int 0..9", Game.from_bimatrix(rng.integers(0, 10, (10, 10)), rng.integers(0, 10, (10, 10)))))
    return out


def fmt_time(t: float) -> str:
    if t < 1e-3:
        return f"{t * 1e6:7.0f} us"
    if t < 1:
        return f"{t * 1e3:7.2f} ms"
    return f"{t:7.2f} s "


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip nashpy support/vertex and rational enummixed on 10 x 10")
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds allowed per third-party measurement")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    import nashpy
    import pygambit

    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, nashpy {nashpy.__version__}, "
          f"pygambit {pygambit.__version__}")
    print("median time per solve (number of equilibria found) [ratio = that solver's median / ours (float)]")
    print()
    solvers = [
        ("ours float", None), ("ours exact", None),
        ("nashpy support_enumeration", ("nashpy", "support")),
        ("nashpy vertex_enumeration", ("nashpy", "vertex")),
        ("nashpy lemke_howson (1 eq)", ("nashpy", "lemke")),
        ("gambit enummixed float", ("gambit", "enummixed float")),
        ("gambit enummixed rational", ("gambit", "enummixed rational")),
        ("gambit lcp float (1 eq)", ("gambit", "lcp float")),
        ("gambit lcp rational (1 eq)", ("gambit", "lcp rational")),
    ]
    for title, g in test_games():
        big = g.shape[0] * g.shape[1] >= 100
        A, B = g.numeric_arrays()
        print(f"== {title}")
        ours: dict[str, float] = {}
        for mode, exact in (("float", False), ("exact", True)):
            reps = 5 if (big and exact) else 201 if not big else 21
            budget = 60.0 if exact else 20.0
            med, cnt, runs = _median_time(lambda g=g, exact=exact: nash_equilibria(g, exact=exact), reps, budget)
            ours[mode] = med
            print(f"   {'ours ' + mode:30s} {fmt_time(med)}  ({cnt:3d} eq)  runs={runs}")
        for name, spec in solvers[2:]:
            lib, kind = spec
            slow = big and (name.startswith("nashpy support") or name.startswith("nashpy vertex") or kind.endswith("rational"))
            if slow and args.quick:
                print(f"   {name:30s} skipped (--quick)")
                continue
            reps = 1 if slow else (7 if big else 201)
            limit = min(args.timeout, 20.0) if kind == "lemke" else args.timeout
            res = run_external(lib, kind, A, B, reps, 30.0, limit)
            if res[0] == "timeout":
                print(f"   {name:30s} no answer within {limit:.0f} s")
                continue
            if res[0] == "error":
                print(f"   {name:30s} error {res[1]}: {res[2]}")
                continue
            med, cnt, runs = res
            print(f"   {name:30s} {fmt_time(med)}  ({cnt:3d} eq)  runs={runs}  ratio {med / ours['float']:8.2f}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
