"""Benchmark: lemke_howson against nashpy and QuantEcon (not collected by pytest).

Median CPU time (``time.process_time``) per call over several random games
(fixed seeds), label 0, in the same run:

* ours, ``lemke_howson(game, exact=False)`` on a :class:`games.Game` (float
  pivoting and float verification): "ours 1st" is the first call on a new
  ``Game`` object (it includes converting the game's sympy payoffs to floats
  once, about 0.4 microseconds a payoff), "ours" a repeated call (the
  conversion is kept per game object); "ours+exact" is ``exact=None``, which on
  these sizes pivots in floats and then re-solves the end basis exactly (the
  float payoffs of ``Game.from_bimatrix`` are rational), returning an exact
  equilibrium; "ours core" is the float pivoting alone (``_float_path`` on
  numpy arrays); the 10 x 10 integer row is ``exact=True`` (integer pivoting);
* nashpy's ``Game(A, B).lemke_howson(initial_dropped_label=0)`` (stopped after
  ``NASHPY_CAP`` seconds: it does not finish on some games);
* QuantEcon's ``quantecon.game_theory.lemke_howson`` if importable (numba,
  compiled by a warm-up call first);
* Gambit's ``lcp_solve(game, rational=False, stop_after=1)`` on the 100 x 100
  games (pygambit 17), once per game.

The 200 x 200 row is lighter (its paths take 183 to 141,096 pivots): per game
one repeated call of ours (after the first) and one of QuantEcon (after a
warm-up call on that game), no nashpy, Gambit or exact variants.  The first
float call in a process also imports ``scipy.linalg`` (about 0.2 s, for BLAS
``dger``); that lands in one game's "ours 1st", not in the medians' game.

Run: ``python tests/benchmarks/bench_lemke_howson.py``.
"""

from __future__ import annotations

import signal
import statistics
import time
import warnings

import numpy as np

from games import Game
from solvers import lemke_howson
from solvers.equilibria.float_pivoting import _float_path

NASHPY_CAP = 20.0
RUNS = 5


class _Timeout(Exception):
    pass


def _alarm(*_: object) -> None:
    raise _Timeout


def cpu(f, *args, **kwargs) -> float:
    t = time.process_time()
    f(*args, **kwargs)
    return time.process_time() - t


def nashpy_time(A: np.ndarray, B: np.ndarray) -> float | None:
    import nashpy

    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, NASHPY_CAP)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return cpu(nashpy.Game(A, B).lemke_howson, initial_dropped_label=0)
    except _Timeout:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def quantecon():
    try:
        from quantecon import game_theory as gt
    except ImportError:
        return None

    def run(A: np.ndarray, B: np.ndarray) -> None:
        gt.lemke_howson(gt.NormalFormGame((gt.Player(A), gt.Player(B.T))), init_pivot=0)

    run(np.eye(2) + 1, np.eye(2) + 1)  # compile
    return run


def med(xs: list[float], width: int = 10) -> str:
    return f"{statistics.median(xs) * 1e3:{width}.3f}" if xs else f"{'n/a':>{width}}"


def gambit_time(A: np.ndarray, B: np.ndarray) -> float:
    import pygambit as gbt

    g = gbt.StrategicGame.from_arrays(A, B)
    return cpu(gbt.nash.lcp_solve, g, rational=False, stop_after=1)


def row(label: str, size: int, integer: bool, qe, gambit: bool = False) -> None:
    ours, first, rechecked, core, nash, q, gb = [], [], [], [], [], [], []
    unfinished = 0
    for seed in range(RUNS):
        rng = np.random.default_rng(seed)
        if integer:
            A, B = rng.integers(0, 100, (size, size)), rng.integers(0, 100, (size, size))
        else:
            A, B = rng.random((size, size)), rng.random((size, size))
        g = Game.from_bimatrix(A.tolist(), B.tolist())
        Af, Bf = A.astype(float), B.astype(float)
        exact = integer
        first.append(cpu(lemke_howson, g, exact=exact))
        ours.append(statistics.median(cpu(lemke_howson, g, exact=exact) for _ in range(5)))
        if not integer:
            rechecked.append(statistics.median(cpu(lemke_howson, g, exact=None) for _ in range(5)))
        core.append(cpu(_float_path, Af, Bf, 0, 10**6))
        t = nashpy_time(Af, Bf)
        if t is None:
            unfinished += 1
        else:
            nash.append(t)
        if qe is not None:
            qe(Af, Bf)
            q.append(statistics.median(cpu(qe, Af, Bf) for _ in range(5)))
        if gambit:
            gb.append(gambit_time(Af, Bf))
    o = statistics.median(ours)
    r_n = f"{o / statistics.median(nash):9.2f}" if nash else "      n/a"
    r_q = f"{o / statistics.median(q):8.1f}" if q else "     n/a"
    r_c = f"{statistics.median(core) / statistics.median(q):8.2f}" if q else "     n/a"
    r_g = f"{statistics.median(gb) / o:9.0f}" if gb else "      n/a"
    note = f"  nashpy unfinished after {NASHPY_CAP:.0f} s on {unfinished}/{RUNS}" if unfinished else ""
    print(f"{label:<24}{med(first)}{med(ours)}{med(rechecked, 11)}{med(core)}{med(nash)}{med(q)}{med(gb)}"
          f"{r_n}{r_q}{r_c}{r_g}{note}")


def light_row(label: str, size: int, qe) -> None:
    ours, q = [], []
    for seed in range(RUNS):
        rng = np.random.default_rng(seed)
        A, B = rng.random((size, size)), rng.random((size, size))
        g = Game.from_bimatrix(A.tolist(), B.tolist())
        lemke_howson(g, exact=False)
        ours.append(cpu(lemke_howson, g, exact=False))
        if qe is not None:
            qe(A, B)
            q.append(cpu(qe, A, B))
    r_q = f"{statistics.median(ours) / statistics.median(q):8.1f}" if q else "     n/a"
    print(f"{label:<24}{'':>10}{med(ours)}{'':>11}{'':>10}{'':>10}{med(q)}{'':>10}{'':>9}{r_q}")


def main() -> None:
    qe = quantecon()
    print(f"median CPU ms over {RUNS} games (seeds 0..{RUNS - 1}), label 0")
    print("nashpy medians are over the games it finished; 'ours core' is the float pivoting alone")
    print("QuantEcon and 'ours' (repeat) are medians of 5 calls per game; Gambit/o is how many times faster we are")
    print(f"{'game':<24}{'ours 1st':>10}{'ours':>10}{'ours+exact':>11}{'ours core':>10}{'nashpy':>10}"
          f"{'QuantEcon':>10}{'Gambit':>10}"
          f"{'o/nashpy':>9}{'o/QE':>8}{'core/QE':>8}{'Gambit/o':>9}")
    row("100x100 float", 100, False, qe, gambit=True)
    row("30x30 float", 30, False, qe)
    row("10x10 integer (exact)", 10, True, qe)
    light_row("200x200 float (1 call)", 200, qe)


if __name__ == "__main__":
    main()
