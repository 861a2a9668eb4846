"""Benchmark: deriving the closed-form equilibrium conditions of every library game, cold and cached.

Run: ``python tests/benchmarks/bench_conditions.py [--repeats N]``.  Prints the
median over ``N`` cold runs (our cache and sympy's cache cleared before each)
of the time to derive the conditions of each game and of the whole library,
and the median time of a cached call: on the same game object (identity
cache), and on a freshly built equal game (found by value).  Targets (issue 5): under 10 s cold for the whole library
on a 2-core machine, under 1 ms cached.  Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

from sympy.core.cache import clear_cache

import games
from solvers.conditions.derive import equilibrium_conditions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="cold runs (default 3)")
    parser.add_argument("--cached-calls", type=int, default=2000, help="cached calls per game (default 2000)")
    args = parser.parse_args()

    names = list(games.library(family="normal-form"))
    cold: dict[str, list[float]] = {n: [] for n in names}
    totals = []
    for _ in range(args.repeats):
        clear_cache()
        clear_cache()
        total = 0.0
        for name in names:
            game = games.build(name)
            t0 = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                equilibrium_conditions(game)
            dt = time.perf_counter() - t0
            cold[name].append(dt)
            total += dt
        totals.append(total)

    print(f"{'game':<24} {'records':>7} {'cold median (s)':>16} {'cached, same object (us)':>25} "
          f"{'cached, equal game (us)':>24}")
    for name in names:
        game = games.build(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            records = equilibrium_conditions(game)
            same = []
            for _ in range(args.cached_calls):
                t0 = time.perf_counter()
                equilibrium_conditions(game)
                same.append(time.perf_counter() - t0)
            equal = []
            for _ in range(20):  # a freshly built, equal game: found by value (hash and comparison)
                fresh = games.build(name)
                t0 = time.perf_counter()
                equilibrium_conditions(fresh)
                equal.append(time.perf_counter() - t0)
        print(f"{name:<24} {len(records):>7} {statistics.median(cold[name]):>16.3f} "
              f"{statistics.median(same) * 1e6:>25.1f} {statistics.median(equal) * 1e6:>24.1f}")
    print(f"\nwhole library, cold: median {statistics.median(totals):.2f} s over {args.repeats} runs "
          f"(min {min(totals):.2f} s, max {max(totals):.2f} s)")


if __name__ == "__main__":
    main()
