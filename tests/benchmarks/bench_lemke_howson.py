"""Benchmark: lemke_howson against nashpy and QuantEcon (not collected by pytest).

Median CPU time (``time.process_time``) per call over several random games
(fixed seeds), label 0, in the same run:

* ours, ``lemke_howson(game, exact=False)`` on a :class:`games.Game` (float
  pivoting, float verification, then the exact re-solve of the end basis that
  rational payoffs allow; the float payoffs of ``Game.from_bimatrix`` are
  rational), and the float pivoting alone (``_float_path`` on numpy arrays);
* nashpy's ``Game(A, B).lemke_howson(initial_dropped_label=0)`` (stopped after
  ``NASHPY_CAP`` seconds: it does not finish on some games);
* QuantEcon's ``quantecon.game_theory.lemke_howson`` if importable (numba,
  compiled by a warm-up call first).

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
from solvers.equilibria.complementary_pivoting import _float_path

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


def med(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1e3:10.3f}" if xs else "       n/a"


def row(label: str, size: int, integer: bool, qe) -> None:
    ours, core, nash, q = [], [], [], []
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
        lemke_howson(g, exact=exact)
        ours.append(cpu(lemke_howson, g, exact=exact))
        core.append(cpu(_float_path, Af, Bf, 0, 10**6))
        t = nashpy_time(Af, Bf)
        if t is None:
            unfinished += 1
        else:
            nash.append(t)
        if qe is not None:
            qe(Af, Bf)
            q.append(cpu(qe, Af, Bf))
    o = statistics.median(ours)
    r_n = f"{o / statistics.median(nash):9.2f}" if nash else "      n/a"
    r_q = f"{o / statistics.median(q):8.1f}" if q else "     n/a"
    r_c = f"{statistics.median(core) / statistics.median(q):8.2f}" if q else "     n/a"
    note = f"  nashpy unfinished after {NASHPY_CAP:.0f} s on {unfinished}/{RUNS}" if unfinished else ""
    print(f"{label:<24}{med(ours)}{med(core)}{med(nash)}{med(q)}{r_n}{r_q}{r_c}{note}")


def main() -> None:
    qe = quantecon()
    print(f"median CPU ms over {RUNS} games (seeds 0..{RUNS - 1}), label 0")
    print("nashpy medians are over the games it finished; 'ours core' is the float pivoting alone")
    print(f"{'game':<24}{'ours':>10}{'ours core':>10}{'nashpy':>10}{'QuantEcon':>10}"
          f"{'o/nashpy':>9}{'o/QE':>8}{'core/QE':>8}")
    row("100x100 float", 100, False, qe)
    row("30x30 float", 30, False, qe)
    row("10x10 integer (exact)", 10, True, qe)


if __name__ == "__main__":
    main()
