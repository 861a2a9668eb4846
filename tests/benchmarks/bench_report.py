"""Benchmark: `aligngames report` end to end on the essay's defaults, PDF included, first run and second run.

Targets: under 60 s on the 2-core machine (report issue); the second run, which reuses the cached closed
forms, figures and PDF (solvers.report.cache), at most a third of the first run's CPU time (issue 14).

Each repeat runs the real console script twice in fresh temporary folders, side by side: first with an
empty cache folder (``ALIGNGAMES_CACHE_DIR``), then again with the cache the first run left.  CPU time is
that of the process and its children (pdflatex, bibtex).  Prints the medians and their ratio, and the time
of each stage from the in-process timings of one extra run.

Usage: python tests/benchmarks/bench_report.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def one_run(cache: str) -> tuple[float, float]:
    exe = shutil.which("aligngames") or sys.executable
    args = [exe, "report", "--quiet"] if exe != sys.executable else [exe, "-m", "solvers.cli", "report", "--quiet"]
    env = dict(os.environ, ALIGNGAMES_CACHE_DIR=cache)
    env.pop("ALIGNGAMES_NO_CACHE", None)
    with tempfile.TemporaryDirectory() as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(args, cwd=tmp, check=True, capture_output=True, env=env)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert os.path.getsize(os.path.join(tmp, "aligngames-report", "report.pdf")) > 10_000
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    n = parser.parse_args().repeats
    first, second = [], []
    for _ in range(n):
        with tempfile.TemporaryDirectory(prefix="aligngames-bench-cache-") as cache:
            first.append(one_run(cache))
            second.append(one_run(cache))
    w1, c1 = statistics.median(r[0] for r in first), statistics.median(r[1] for r in first)
    w2, c2 = statistics.median(r[0] for r in second), statistics.median(r[1] for r in second)
    print(f"aligngames report (PDF included), {n} repeats, load {os.getloadavg()[0]:.1f}")
    print(f"  first run  (empty cache): median wall {w1:.1f} s, median CPU {c1:.2f} s; target 60 s -> ratio "
          f"{w1 / 60:.2f}")
    print(f"  second run (cached):      median wall {w2:.1f} s, median CPU {c2:.2f} s")
    print(f"  second / first CPU: {c2 / c1:.3f} (target at most 0.333)")

    from solvers.report.build import build_report

    rep = build_report()
    stages = {k: v for k, v in rep.timings.items() if ":" not in k}
    print("in-process stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))


if __name__ == "__main__":
    main()
