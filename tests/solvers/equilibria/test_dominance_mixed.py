"""Dominance by mixed strategies (exact LP) and its use in iterated elimination."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from scipy.optimize import linprog

from games import Game
from solvers import dominated_strategies, iterated_elimination, nash_equilibria

R = sympy.Rational
ZERO = [[0, 0]] * 3


def test_textbook_dominated_only_by_a_mixture():
    # T = (3, 0), M = (0, 3), B = (1, 1): no pure strategy beats B in both columns, but
    # sigma T + (1 - sigma) M = (3 sigma, 3 - 3 sigma) > (1, 1) for 1/3 < sigma < 2/3; the margin
    # min(3 sigma - 1, 2 - 3 sigma) is largest, 1/2, at sigma = 1/2 (the LP optimum, unique).
    g = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], ZERO, strategies=(["T", "M", "B"], ["L", "R"]))
    assert dominated_strategies(g, 0) == []
    assert dominated_strategies(g, 0, mixed=True) == [(2, (R(1, 2), R(1, 2), 0))]
    res = iterated_elimination(g, mixed=False)
    assert res.steps == ()
    res = iterated_elimination(g)
    assert res.steps == ((1, 0, "B", "1/2 T + 1/2 M"),)


def test_iterated_elimination_goes_further_with_mixtures():
    # Row as above; Column's payoffs: at T (1, 0), at M (1, 0), at B (0, 5).  Round 1: B goes (mixture);
    # L = (1, 1, 0) and R = (0, 0, 5) are not comparable.  Round 2 (rows T, M): L = (1, 1) > R = (0, 0).
    # Round 3 (column L): T pays 3 > M pays 0.  Survivors (T, L).  Pure dominance alone removes nothing.
    g = Game.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [1, 0], [0, 5]],
                           strategies=(["T", "M", "B"], ["L", "R"]))
    res = iterated_elimination(g)
    assert res.steps == ((1, 0, "B", "1/2 T + 1/2 M"), (2, 1, "R", "L"), (3, 0, "M", "T"))
    assert res.game.strategies == (("T",), ("L",))
    assert iterated_elimination(g, mixed=False).surviving == ((0, 1, 2), (0, 1))


def test_weak_dominance_by_a_mixture():
    # T = (2, 0, 1), M = (0, 2, 1), B = (1, 1, 0): 1/2 T + 1/2 M = (1, 1, 1) >= B, strictly in column 3;
    # strict dominance would need 2 sigma > 1 and 2 - 2 sigma > 1 at once: impossible.
    g = Game.from_bimatrix([[2, 0, 1], [0, 2, 1], [1, 1, 0]], [[0] * 3] * 3, strategies=(["T", "M", "B"],) * 2)
    assert dominated_strategies(g, 0, mixed=True) == []
    assert dominated_strategies(g, 0, strict=False, mixed=True) == [(2, (R(1, 2), R(1, 2), 0))]
    assert iterated_elimination(g, strict=False).steps == ((1, 0, "B", "1/2 T + 1/2 M"),)
    # (1, 1, 1) is never weakly dominated by (1, 1, 1) itself: equal is not dominated
    g2 = Game.from_bimatrix([[2, 0, 1], [0, 2, 1], [1, 1, 1]], [[0] * 3] * 3)
    assert dominated_strategies(g2, 0, strict=False, mixed=True) == []


def test_irrational_payoffs_take_the_float_route():
    # B = (sqrt 2, sqrt 2) ~ 1.414 < 1.5 = the 1/2-1/2 mixture of T = (3, 0) and M = (0, 3)
    s2 = sympy.sqrt(2)
    g = Game.from_bimatrix([[3, 0], [0, 3], [s2, s2]], ZERO)
    found = dominated_strategies(g, 0, mixed=True)
    assert [s for s, _ in found] == [2]
    sigma = np.array(found[0][1], dtype=float)
    assert sigma[2] == 0 and sigma.sum() == pytest.approx(1)
    assert (sigma @ np.array([[3, 0], [0, 3], [1.4142, 1.4142]]) > 1.4143).all()
    g_not = Game.from_bimatrix([[3, 0], [0, 3], [2 * s2 - 1, 2 * s2 - 1]], ZERO)  # 1.83 > 1.5: not dominated
    assert dominated_strategies(g_not, 0, mixed=True) == []


def _scipy_strictly_dominated(v: np.ndarray, s: int) -> bool:
    others = [t for t in range(len(v)) if t != s]
    D = (v[others] - v[s]).T  # D[o, t]
    k = len(others)
    res = linprog(np.r_[np.zeros(k), -1.0], A_ub=np.c_[-D, np.ones(len(D))], b_ub=np.zeros(len(D)),
                  A_eq=[np.r_[np.ones(k), 0.0]], b_eq=[1], bounds=[(0, None)] * k + [(None, None)], method="highs")
    return -res.fun > 1e-9


@pytest.mark.parametrize("seed", range(10))
def test_strict_mixed_dominance_equals_scipy(seed):
    rng = np.random.default_rng(seed)
    A = rng.integers(0, 10, (4, 3))
    B = rng.integers(0, 10, (4, 3))
    g = Game.from_bimatrix(A, B)
    ours = dominated_strategies(g, 0, mixed=True)
    assert [s for s, _ in ours] == [s for s in range(4) if _scipy_strictly_dominated(A.astype(float), s)]
    for s, sigma in ours:  # each returned mixture does dominate, exactly
        assert sigma[s] == 0 and sum(sigma) == 1
        assert all(sum(sigma[t] * int(A[t, o]) for t in range(4)) > A[s, o] for o in range(3))
    cols = dominated_strategies(g, 1, mixed=True)
    assert [s for s, _ in cols] == [s for s in range(3) if _scipy_strictly_dominated(B.T.astype(float), s)]


@pytest.mark.parametrize("seed", range(6))
def test_elimination_keeps_every_nash_equilibrium(seed):
    # strictly dominated strategies (by mixtures too) are never played in an equilibrium, so the reduced game
    # has exactly the equilibria of the original, read on the survivors
    rng = np.random.default_rng(50 + seed)
    g = Game.from_bimatrix(rng.integers(0, 6, (4, 4)), rng.integers(0, 6, (4, 4)))
    res = iterated_elimination(g)
    full = {tuple(tuple(p) for p in e.profile) for e in nash_equilibria(g)}
    reduced = set()
    for e in nash_equilibria(res.game):
        prof = []
        for i, p in enumerate(e.profile):
            vec = [0] * g.shape[i]
            for pos, s in enumerate(res.surviving[i]):
                vec[s] = p[pos]
            prof.append(tuple(vec))
        reduced.add(tuple(prof))
    assert reduced == full


def test_three_players():
    # player 3's strategy c = 1 everywhere is dominated by 1/2 a + 1/2 b where a pays 3 when player 1 plays 0
    # and b pays 3 when player 1 plays 1 (else 0): the mixture pays 3/2 > 1 against every profile
    u3 = np.zeros((2, 2, 3), dtype=int)
    u3[0, :, 0] = 3
    u3[1, :, 1] = 3
    u3[:, :, 2] = 1
    g = Game.from_payoff_arrays([np.zeros((2, 2, 3), dtype=int)] * 2 + [u3])
    assert dominated_strategies(g, 2) == []
    assert dominated_strategies(g, 2, mixed=True) == [(2, (R(1, 2), R(1, 2), 0))]
