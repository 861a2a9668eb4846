"""Benchmark: `aligngames report` end to end on the essay's defaults, PDF included.

Target (report issue): under 60 s on the 2-core machine.  Runs the real console
script in a fresh temporary folder several times and prints the median wall and
CPU time of the whole process, and the time of each stage from the
in-process timings of one extra run (cold caches in a new process each time).

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


def one_run() -> tuple[float, float]:
    exe = shutil.which("aligngames") or sys.executable
    args = [exe, "report", "--quiet"] if exe != sys.executable else [exe, "-m", "solvers.cli", "report", "--quiet"]
    with tempfile.TemporaryDirectory() as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(args, cwd=tmp, check=True, capture_output=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert os.path.getsize(os.path.join(tmp, "aligngames-report", "report.pdf")) > 10_000
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    n = parser.parse_args().repeats
    runs = [one_run() for _ in range(n)]
    walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
    print(f"aligngames report (PDF included), {n} runs: median wall {statistics.median(walls):.1f} s "
          f"(min {min(walls):.1f}, max {max(walls):.1f}); median CPU {statistics.median(cpus):.1f} s; "
          f"target 60 s -> ratio {statistics.median(walls) / 60:.2f}; load {os.getloadavg()[0]:.1f}")

    from solvers.report.build import build_report

    rep = build_report()
    stages = {k: v for k, v in rep.timings.items() if ":" not in k}
    print("in-process stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))


if __name__ == "__main__":
    main()
