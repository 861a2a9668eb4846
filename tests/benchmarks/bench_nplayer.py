"""Benchmark: N-player mixed equilibria, ours (exact, continua as components) against pygambit's enumpoly_solve.

Run::

    python tests/benchmarks/bench_nplayer.py            # 2x2x2 (50 games), 2x2x2x2 (12), 3x3x3 (3)
    python tests/benchmarks/bench_nplayer.py --quick    # fewer games

For each shape it prints, over seeded random games, how many of our results
are ``complete`` (every support decided: isolated equilibria found exactly,
continua reported as components), the number of equilibria each solver
returns and how many of ours are missing from Gambit's list, and the median
CPU seconds of each (measured side by side in one run).  The degenerate
shapes use payoffs in {0, 1, 2} (many ties and continua), the generic ones
integers in -9..9.  This is a benchmark script, not a test: nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pygambit as gbt

from games import Game
from solvers import nplayer_support_enumeration


def _run(shape: tuple[int, ...], low: int, high: int, n: int, seed: int) -> str:
    rng = np.random.default_rng(seed)
    ours_t, theirs_t = [], []
    complete = ours_n = theirs_n = comps = extra = 0
    for _ in range(n):
        u = [rng.integers(low, high, shape) for _ in shape]
        game = Game.from_payoff_arrays(u)
        t = time.process_time()
        res = nplayer_support_enumeration(game)
        ours_t.append(time.process_time() - t)
        gg = gbt.StrategicGame.from_arrays(*[a.astype(int).tolist() for a in u])
        t = time.process_time()
        theirs = gbt.nash.enumpoly_solve(gg).equilibria
        theirs_t.append(time.process_time() - t)
        flat = [np.array([float(v) for p in gg.players for _, v in e[p]]) for e in theirs]
        mine = [np.array([float(x) for vec in e.profile for x in vec]) for e in res]
        extra += sum(not any(np.allclose(m, f, atol=1e-6) for f in flat) for m in mine)
        complete += res.complete
        ours_n += len(res)
        theirs_n += len(theirs)
        comps += len(res.components)
    shape_s = "x".join(map(str, shape))
    mo, mt = statistics.median(ours_t), statistics.median(theirs_t)
    return (f"{shape_s:9s} payoffs {low}..{high - 1:<3d} games {n:3d}  complete {complete:3d}/{n:<3d} "
            f"components {comps:4d}  equilibria ours {ours_n:4d} gambit {theirs_n:4d} (ours not in gambit's {extra:3d})  "
            f"median CPU s ours {mo:7.3f} gambit {mt:7.4f}  ratio {mo / max(mt, 1e-9):8.1f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    k = 4 if args.quick else 1
    print(f"pygambit {gbt.__version__}")
    print(_run((2, 2, 2), 0, 3, 50 // k, 7))
    print(_run((2, 2, 2), -9, 10, 50 // k, 8))
    print(_run((2, 2, 2, 2), 0, 3, 12 // k, 7))
    print(_run((3, 3, 3), -9, 10, max(1, 3 // k), 1))


if __name__ == "__main__":
    main()
