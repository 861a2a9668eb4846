"""Benchmark: every equilibrium, exact and float, against lrsnash and QuantEcon; memory; 2 x 2 games.

Run: ``python tests/benchmarks/bench_enumeration.py`` (about five minutes on a busy 2-core machine;
``--quick`` skips the memory section).  Figures are measured side by side in one run; nothing here
asserts a time.  CPU times are ``time.process_time`` of this process for ours and QuantEcon's, and for
lrsnash both its own timer (the ``*0.132u`` line it prints: user CPU) and the wall time of the whole
``lrsnash`` process (start-up included).

1. **Exact, all equilibria**: ``nash_equilibria(game, exact=True)`` (lexicographic reverse search in
   Python integers) against ``lrsnash`` (lrslib 7.1, C, GMP), random square games of integers in
   0..999, 8 x 8 to 12 x 12, three seeds each, then degenerate games of payoffs 0..2 (8 x 8, 10 x 10);
   the equilibrium counts must agree.  ``+flag`` times the same call followed by reading the result's
   ``degenerate`` attribute (a walk of Q when the search did not need one).  The last column
   counts pivots: ours the bases visited by the walk of P, and of Q when the search walked it;
   lrsnash's those it reports for its walk of player 1's polytope plus its partner searches in
   player 2's (``*Player`` lines).  Only section 1: ``--section 1``.
2. **Float, all equilibria, nondegenerate games**: ``nash_equilibria(game, exact=False)`` against
   QuantEcon's ``vertex_enumeration`` (numba, compiled by a warm-up call) and lrsnash, on games of
   payoffs with three decimals; the equilibria must equal QuantEcon's (to 1e-9).  2b: the vertices of
   both polytopes by our two routes (qhull, and the walk of the bases it falls back to), same label sets.
3. **Peak memory** on a random 20 x 20 game: our float mode with ``time_limit`` (it would take hours to
   finish, as lrsnash would), and lrsnash stopped after the same wall time, each in a fresh process:
   the peak resident set size (``VmHWM`` of ``/proc/<pid>/status``; ``ru_maxrss`` would count the
   memory of the forking parent).  Then a 14 x 14 float game to the end by each route.
4. **2 x 2 float games**: ours (``exact=False``: the closed form) against QuantEcon's
   ``pure_nash_brute`` (pure equilibria only) and ``support_enumeration``, and Gambit's
   ``enummixed_solve``, per call over many calls in a row.
5. **2 x n float games**: ours (the reverse search over the polygon P, no walk of Q) against
   QuantEcon's ``vertex_enumeration``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from games import Game
from solvers import nash_equilibria
from solvers.equilibria.float_vertices import _float_vertices, _hull_vertices


def cpu(fn: Callable[[], Any], repeats: int = 1) -> tuple[float, Any]:
    """Median process CPU seconds of ``fn()`` over ``repeats`` calls, and the last result."""
    times = []
    out = None
    for _ in range(repeats):
        t = time.process_time()
        out = fn()
        times.append(time.process_time() - t)
    return statistics.median(times), out


def per_call(fn: Callable[[], Any], calls: int, rounds: int = 5) -> tuple[float, Any]:
    """Median over ``rounds`` of the process CPU seconds per call of ``calls`` calls in a row."""
    times = []
    out = None
    for _ in range(rounds):
        t = time.process_time()
        for _ in range(calls):
            out = fn()
        times.append((time.process_time() - t) / calls)
    return statistics.median(times), out


def _run_lrsnash(A: np.ndarray, B: np.ndarray, timeout: float = 600) -> tuple[str, float]:
    """(what lrsnash prints, wall seconds of the whole process) for the bimatrix game (A, B)."""
    m, n = A.shape
    text = f"{m} {n}\n\n" + "\n".join(" ".join(str(v) for v in r) for r in A.tolist())
    text += "\n\n" + "\n".join(" ".join(str(v) for v in r) for r in B.tolist()) + "\n"
    with tempfile.NamedTemporaryFile("w", suffix=".nash", delete=False) as fh:
        fh.write(text)
    try:
        t = time.perf_counter()
        out = subprocess.run(["lrsnash", fh.name], capture_output=True, text=True, timeout=timeout).stdout
        return out, time.perf_counter() - t
    finally:
        os.unlink(fh.name)


def lrsnash(A: np.ndarray, B: np.ndarray, timeout: float = 600) -> tuple[float, float, int]:
    """(own user CPU seconds, wall seconds, number of equilibria) of one lrsnash run."""
    out, wall = _run_lrsnash(A, B, timeout)
    own = next(float(line.split()[0][1:-1]) for line in out.splitlines() if line.startswith("*") and "u " in line)
    count = next(int(line.split()[-1]) for line in out.splitlines() if "Number of equilibria" in line)
    return own, wall, count


def quantecon() -> Any:
    from quantecon import game_theory as gt

    def nfg(A: np.ndarray, B: np.ndarray) -> Any:
        return gt.NormalFormGame((gt.Player(A), gt.Player(B.T)))

    warm = nfg(np.eye(3) + 1.0, np.eye(3) + 1.0)
    gt.vertex_enumeration(warm)
    gt.support_enumeration(warm)
    gt.pure_nash_brute(warm)
    return gt, nfg


def lrsnash_pivots(A: np.ndarray, B: np.ndarray) -> int:
    """The pivots of one lrsnash run: its walk of player 1's polytope plus its partner searches (player 2)."""
    out, _ = _run_lrsnash(A, B)
    return sum(int(line.split("pivots=")[1]) for line in out.splitlines() if line.startswith("*Player"))


def our_pivots(A: np.ndarray, B: np.ndarray) -> tuple[int, bool]:
    """The pivots of our reverse search (one per basis visited) and whether it walked Q.

    The walk of P always; Q's when the search walked it (a degenerate vertex or a singular system), not
    the walk that reading ``degenerate`` may make afterwards.
    """
    import solvers.equilibria.reverse_search as rs
    from solvers.equilibria.integers import _positive
    from solvers.equilibria.lex_walk import _walk

    def pivots(walk: Any) -> int:
        while True:
            try:
                next(walk)
            except StopIteration as end:
                return int(end.value)

    walked: list[bool] = []
    original = rs._Partners._walk_q

    def spy(self: Any) -> None:
        walked.append(not self.walked_q)
        original(self)

    rs._Partners._walk_q = spy  # type: ignore[method-assign]
    try:
        rs.reverse_search_extreme(A.tolist(), B.tolist(), lazy_degenerate=True)
    finally:
        rs._Partners._walk_q = original  # type: ignore[method-assign]
    ap, bp = _positive(A.tolist()), _positive(B.tolist())
    q = pivots(_walk([list(c) for c in zip(*ap)], None, False)) if any(walked) else 0
    return q + pivots(_walk(bp, None, False)), any(walked)


def exact_section() -> None:
    print("1. exact, all equilibria: ours (reverse search, Python integers) vs lrsnash; ints 0..999, 3 seeds")
    print(f"{'game':<10}{'ours s':>9}{'lrs own s':>10}{'lrs wall s':>11}{'o/lrs own':>10}{'o/lrs wall':>11}"
          f"{'+flag s':>9}{'+f/lrs':>8}  equilibria ours/lrs  pivots ours/lrs (Q: walked Q too)")
    cases = [(f"{s}x{s}", s, 1000, 100) for s in (8, 10, 12)] + [(f"{s}x{s} 0..2", s, 3, 900) for s in (8, 10)]
    for name, size, high, base in cases:
        if high == 3 and size == 8:
            print("degenerate games (payoffs 0..2):")
        ours, flagged, own, wall, counts, pivots = [], [], [], [], [], []
        for seed in range(3):
            rng = np.random.default_rng(base + seed)
            A, B = rng.integers(0, high, (size, size)), rng.integers(0, high, (size, size))
            g = Game.from_bimatrix(A.tolist(), B.tolist())
            t, eqs = cpu(lambda g=g: nash_equilibria(g, exact=True))
            tf, _ = cpu(lambda g=g: nash_equilibria(g, exact=True).degenerate)
            lo, lw, lc = lrsnash(A, B)
            ours.append(t)
            flagged.append(tf)
            own.append(lo)
            wall.append(lw)
            counts.append(f"{len(eqs)}/{lc}")
            ours_p, walked_q = our_pivots(A, B)
            pivots.append(f"{ours_p}/{lrsnash_pivots(A, B)}{' Q' if walked_q else ''}")
        o, of, lo, lw = (statistics.median(v) for v in (ours, flagged, own, wall))
        lo_r = f"{o / lo:10.2f}" if lo > 0 else "   (0.000)"
        lf_r = f"{of / lo:8.2f}" if lo > 0 else " (0.000)"
        print(f"{name:<10}{o:9.3f}{lo:10.3f}{lw:11.3f}{lo_r}{o / lw:11.2f}{of:9.3f}{lf_r}  {' '.join(counts):<19}"
              f"  {' '.join(pivots)}")
    print("ours s: nash_equilibria(game, exact=True), every equilibrium and its components; +flag s: the same\n"
          "call and then reading its degenerate attribute, which walks Q when the search did not (lrsnash does\n"
          "not report degeneracy).")


def _same_equilibria(ours: Any, theirs: list[tuple[np.ndarray, np.ndarray]], atol: float = 1e-9) -> bool:
    """Whether two lists of (x, y) equilibria are equal up to ``atol`` (each of theirs matched to one of ours)."""
    left = [np.concatenate([np.asarray(v, dtype=float) for v in e.as_floats()]) for e in ours]
    if len(left) != len(theirs):
        return False
    for x, y in theirs:
        r = np.concatenate([x, y])
        hit = next((k for k, g in enumerate(left) if np.abs(g - r).max() <= atol), None)
        if hit is None:
            return False
        left.pop(hit)
    return True


def float_section(gt: Any, nfg: Any) -> None:
    print("\n2. float, all equilibria, nondegenerate games (payoffs k/1000): ours vs QuantEcon vertex_enumeration and lrsnash")
    print(f"{'game':<10}{'ours ms':>9}{'QE ms':>9}{'lrs own ms':>11}{'lrs wall ms':>12}{'o/QE':>7}{'o/lrs own':>10}{'o/lrs wall':>11}"
          "  equilibria ours/QE/lrs, same as QE's (1e-9)")
    for size in (6, 8, 10, 12):
        ours, qe, own, wall, counts, same = [], [], [], [], [], []
        for seed in range(3):
            rng = np.random.default_rng(200 + seed)
            Ai, Bi = rng.integers(0, 1000, (size, size)), rng.integers(0, 1000, (size, size))
            A, B = Ai / 1000, Bi / 1000
            g = Game.from_bimatrix(A, B)
            reps = 3 if size <= 10 else 1
            t, eqs = cpu(lambda g=g: nash_equilibria(g, exact=False), reps)
            G = nfg(A, B)
            tq, qeq = cpu(lambda G=G: gt.vertex_enumeration(G), reps)
            lo, lw, lc = lrsnash(Ai, Bi)
            ours.append(t)
            qe.append(tq)
            own.append(lo)
            wall.append(lw)
            counts.append(f"{len(eqs)}/{len(qeq)}/{lc}")
            same.append(_same_equilibria(eqs, qeq))
        o, q, lo, lw = (statistics.median(v) for v in (ours, qe, own, wall))
        lo_r = f"{o / lo:10.2f}" if lo > 0 else "   (0.000)"
        print(f"{size}x{size:<7}{o * 1e3:9.1f}{q * 1e3:9.1f}{lo * 1e3:11.1f}{lw * 1e3:12.1f}{o / q:7.2f}{lo_r}"
              f"{o / lw:11.2f}  {' '.join(counts)}, {'yes' if all(same) else 'NO'}")
    float_routes()


def float_routes() -> None:
    """The choice made in ``solvers.equilibria.float_vertices``: both polytopes' vertices by qhull and by the walk."""
    print("\n2b. the vertices of both best-response polytopes of section 2's games: qhull route vs the walk of the bases"
          " (ms, median of 3 seeds)")
    print(f"{'game':<10}{'qhull ms':>9}{'walk ms':>9}{'walk/qhull':>11}  vertices of P and Q, seed by seed (same: yes/NO)")

    def scaled(M: np.ndarray) -> np.ndarray:
        return 1.0 + (M - M.min()) / (M.max() - M.min())

    for size in (6, 8, 10, 12, 14):
        hull, walk, counts, same = [], [], [], []
        for seed in range(3):
            rng = np.random.default_rng(200 + seed)
            A, B = rng.integers(0, 1000, (size, size)) / 1000, rng.integers(0, 1000, (size, size)) / 1000
            polys = (scaled(B), scaled(A).T)
            reps = 3 if size <= 10 else 1
            th, h = cpu(lambda polys=polys: [_hull_vertices(c, 1e-9, 1e-6) for c in polys], reps)
            tw, w = cpu(lambda polys=polys: [_float_vertices(c, 1e-9, 1e-6) for c in polys], reps)
            hull.append(th)
            walk.append(tw)
            counts.append("/".join(str(len(v[0])) if v is not None else "-" for v in h))
            same.append(all(v is not None and {r.tobytes() for r in v[1]} == {r.tobytes() for r in u[1]} for v, u in zip(h, w)))
        th, tw = statistics.median(hull), statistics.median(walk)
        print(f"{size}x{size:<7}{th * 1e3:9.1f}{tw * 1e3:9.1f}{tw / th:11.2f}  {' '.join(counts)} ({'yes' if all(same) else 'NO'})")


_OURS_CHILD = """
import sys, time, numpy as np
from games import Game, SizeLimitError
from solvers import nash_equilibria


def hwm():  # peak resident set of this process image, in kB (reset by exec, unlike ru_maxrss after fork)
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))


rng = np.random.default_rng(20)
g = Game.from_bimatrix(rng.integers(0, 1000, (20, 20)) / 1000, rng.integers(0, 1000, (20, 20)) / 1000)
base = hwm()
t = time.process_time()
try:
    nash_equilibria(g, exact=False, time_limit=float(sys.argv[1]))
except SizeLimitError:
    pass
print(base, hwm(), time.process_time() - t)
"""

_ROUTE_CHILD = """
import sys, time, numpy as np
import scipy.spatial  # imported before the baseline: the qhull route's import is not enumeration memory
from games import Game
from solvers import nash_equilibria
from solvers.equilibria import float_vertices

if sys.argv[1] == "walk":
    float_vertices._hull_applies = lambda own, opp: False


def hwm():
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))


rng = np.random.default_rng(200)
g = Game.from_bimatrix(rng.integers(0, 1000, (14, 14)) / 1000, rng.integers(0, 1000, (14, 14)) / 1000)
base = hwm()
t = time.process_time()
n = len(nash_equilibria(g, exact=False))
print(base, hwm(), time.process_time() - t, n)
"""

_LRS_SHELL = (
    'lrsnash "$1" >/dev/null & pid=$!; sleep "$2"; '
    'grep VmHWM /proc/$pid/status | tr -s " " | cut -d" " -f2; '
    'ps -o cputime= -p $pid; kill $pid'
)


def _lrs_game_file(path: str) -> None:
    rng = np.random.default_rng(20)
    A, B = rng.integers(0, 1000, (20, 20)), rng.integers(0, 1000, (20, 20))
    text = "20 20\n\n" + "\n".join(" ".join(map(str, r)) for r in A.tolist())
    text += "\n\n" + "\n".join(" ".join(map(str, r)) for r in B.tolist()) + "\n"
    with open(path, "w") as fh:
        fh.write(text)


def memory_section(seconds: float) -> None:
    print(f"\n3. peak resident memory (VmHWM), random 20 x 20 game (payoffs k/1000), stopped after {seconds:.0f} s wall")
    out = subprocess.run([sys.executable, "-c", _OURS_CHILD, str(seconds)], capture_output=True, text=True,
                         check=True).stdout.split()
    base, peak, t = int(out[0]) / 1024, int(out[1]) / 1024, float(out[2])
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "g.nash")
        _lrs_game_file(path)
        lout = subprocess.run(["sh", "-c", _LRS_SHELL, "sh", path, str(seconds)], capture_output=True, text=True,
                              check=True).stdout.split()
    print(f"ours (float mode, time_limit): peak RSS {peak:.0f} MB ({base:.0f} MB after importing and building the game, "
          f"+{peak - base:.0f} MB enumerating), {t:.1f} s CPU")
    print(f"lrsnash:                       peak RSS {int(lout[0]) / 1024:.1f} MB, CPU {lout[1]}")
    print("a random 14 x 14 game (payoffs k/1000, the largest the float enumeration takes without a time_limit), "
          "to the end, each route in a fresh process:")
    for route in ("qhull", "walk"):
        out = subprocess.run([sys.executable, "-c", _ROUTE_CHILD, route], capture_output=True, text=True,
                             check=True).stdout.split()
        base, peak = int(out[0]) / 1024, int(out[1]) / 1024
        print(f"ours, {route + ' route:':<13}       peak RSS {peak:.0f} MB (+{peak - base:.0f} MB enumerating), "
              f"{float(out[2]):.2f} s CPU, {out[3]} equilibria")


def two_by_two_section(gt: Any, nfg: Any) -> None:
    import pygambit as gbt

    print("\n4. 2 x 2 float games: microseconds per call (median of 5 rounds of 400 calls; Gambit 100)")
    print(f"{'game':<22}{'ours':>8}{'QE pure':>9}{'QE supp':>9}{'Gambit':>9}{'o/QEpure':>9}{'o/QEsupp':>9}{'o/Gambit':>9}  eqs ours/Gambit")
    cases = {
        "prisoner's dilemma": ([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
        "battle of the sexes": ([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
        "matching pennies": ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]),
        "stag hunt": ([[4, 0], [3, 3]], [[4, 3], [0, 3]]),
        "chicken (floats)": ([[0.0, -1.0], [1.0, -10.0]], [[0.0, 1.0], [-1.0, -10.0]]),
    }
    ratios = []
    for name, (A, B) in cases.items():
        g = Game.from_bimatrix(A, B)
        Af, Bf = np.array(A, dtype=float), np.array(B, dtype=float)
        G = nfg(Af, Bf)
        gg = gbt.StrategicGame.from_arrays(Af, Bf)
        nash_equilibria(g, exact=False)
        t, eqs = per_call(lambda g=g: nash_equilibria(g, exact=False), 400)
        tp, _ = per_call(lambda G=G: gt.pure_nash_brute(G), 400)
        ts, _ = per_call(lambda G=G: gt.support_enumeration(G), 400)
        tg, geq = per_call(lambda gg=gg: gbt.nash.enummixed_solve(gg, rational=False).equilibria, 100)
        ratios.append((t / tp, t / tg))
        print(f"{name:<22}{t * 1e6:8.1f}{tp * 1e6:9.1f}{ts * 1e6:9.1f}{tg * 1e6:9.1f}{t / tp:9.2f}{t / ts:9.2f}"
              f"{t / tg:9.2f}  {len(eqs)}/{len(geq)}")
    print(f"median ratio ours/QE pure_nash_brute {statistics.median(r[0] for r in ratios):.2f}, "
          f"ours/Gambit enummixed {statistics.median(r[1] for r in ratios):.2f}")


def two_by_n_section(gt: Any, nfg: Any) -> None:
    print("\n5. 2 x n float games (integers 0..99 as floats): ours vs QuantEcon vertex_enumeration, microseconds per call")
    print(f"{'game':<10}{'ours':>9}{'QE':>9}{'o/QE':>7}  eqs ours/QE")
    for n in (3, 5, 10, 20):
        rng = np.random.default_rng(n)
        A, B = rng.integers(0, 100, (2, n)).astype(float), rng.integers(0, 100, (2, n)).astype(float)
        g = Game.from_bimatrix(A, B)
        G = nfg(A, B)
        t, eqs = per_call(lambda g=g: nash_equilibria(g, exact=False), 50)
        tq, qeq = per_call(lambda G=G: gt.vertex_enumeration(G), 50)
        print(f"2x{n:<8}{t * 1e6:9.0f}{tq * 1e6:9.0f}{t / tq:7.2f}  {len(eqs)}/{len(qeq)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the memory section")
    parser.add_argument("--seconds", type=float, default=30.0, help="memory section: seconds before stopping")
    parser.add_argument("--section", type=int, choices=(1,), help="run only this section (1: exact)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if args.section == 1:
        exact_section()
        return
    gt, nfg = quantecon()
    exact_section()
    float_section(gt, nfg)
    if not args.quick:
        memory_section(args.seconds)
    two_by_two_section(gt, nfg)
    two_by_n_section(gt, nfg)


if __name__ == "__main__":
    main()
