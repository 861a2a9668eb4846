"""Correlated and coarse correlated equilibria, and the exact LP under them.

Values are derived by hand in the comments, or taken from scipy's HiGHS LP
solver (an independent implementation) and from our Nash equilibria (every
Nash equilibrium, as a product distribution, is a correlated equilibrium).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from scipy.optimize import linprog

from games import Game
from games.errors import GameError, SymbolicError
from solvers import correlated_equilibria, nash_equilibria
from solvers.equilibria.exact_lp import solve_lp

R = sympy.Rational
# Aumann's chicken: (C, C) = 6, 6; (C, D) = 2, 7; (D, C) = 7, 2; (D, D) = 0, 0
CHICKEN = Game.from_bimatrix([[6, 2], [7, 0]], strategies=(["C", "D"], ["C", "D"]))


def test_chicken_welfare_optimum_by_hand():
    # x = (a, b, c, d) on (CC, CD, DC, DD).  Row told C: 6a + 2b >= 7a  <=>  a <= 2b; Row told D: 7c >= 6c + 2d
    # <=> c >= 2d; Column likewise a <= 2c and b >= 2d.  Welfare 12a + 9b + 9c is maximal with d = 0 and
    # a = 2b = 2c, so a = 1/2, b = c = 1/4, welfare 6 + 9/2 = 21/2 (each player 21/4).  Aumann's famous CE,
    # 1/3 on each of CC, CD, DC, is a correlated equilibrium too, with lower welfare 10 (each player 5).
    best = correlated_equilibria(CHICKEN, objective="welfare")
    assert best.probabilities == (R(1, 2), R(1, 4), R(1, 4), 0)
    assert best.value == R(21, 2) and best.payoffs == (R(21, 4), R(21, 4))
    assert best.distribution == {("C", "C"): R(1, 2), ("C", "D"): R(1, 4), ("D", "C"): R(1, 4)}
    poly = correlated_equilibria(CHICKEN)
    assert poly.contains([R(1, 3), R(1, 3), R(1, 3), 0])
    assert not poly.contains([R(2, 3), R(1, 6), R(1, 6), 0])  # a <= 2b fails: 2/3 > 1/3


def test_chicken_vertices_by_hand():
    # Vertices = 3 tight constraints among {a=2b, a=2c, c=2d, b=2d, a=0, b=0, c=0, d=0} with sum 1, feasible:
    # the pure equilibria CD and DC; d=0, a=2b=2c -> (1/2,1/4,1/4,0); the mixed Nash equilibrium
    # (2/3 C each) as a product, (4/9,2/9,2/9,1/9); a=0, b=c=2d -> (0,2/5,2/5,1/5).
    poly = correlated_equilibria(CHICKEN)
    got = {v.probabilities for v in poly.vertices}
    assert got == {(0, 1, 0, 0), (0, 0, 1, 0), (R(1, 2), R(1, 4), R(1, 4), 0), (R(4, 9), R(2, 9), R(2, 9), R(1, 9)),
                   (0, R(2, 5), R(2, 5), R(1, 5))}
    assert {label for label, _ in poly.constraints} == {"Row: C -> D", "Row: D -> C", "Column: C -> D",
                                                       "Column: D -> C"}
    # with two strategies each, "always play a'" binds only when told the other strategy: CCE = CE
    coarse = correlated_equilibria(CHICKEN, coarse=True)
    assert {v.probabilities for v in coarse.vertices} == got


def test_a_players_optimum():
    # Row's best: Row's largest payoff, 7, needs all mass on (D, C), which is a pure equilibrium
    row = correlated_equilibria(CHICKEN, objective="Row")
    assert row.value == 7 and row.distribution == {("D", "C"): 1}
    col = correlated_equilibria(CHICKEN, objective=1)
    assert col.value == 7 and col.distribution == {("C", "D"): 1}


def test_games_where_the_correlated_equilibrium_is_the_nash_equilibrium():
    # matching pennies: the unique CE is the uniform product (the CE conditions force x(H,.) to split equally)
    pennies = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert [v.probabilities for v in correlated_equilibria(pennies).vertices] == [(R(1, 4),) * 4]
    # prisoner's dilemma: D strictly dominates, so every CE (and CCE) is (D, D)
    pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    for coarse in (False, True):
        assert [v.distribution for v in correlated_equilibria(pd, coarse=coarse).vertices] == [{("D", "D"): 1}]
    # rock-paper-scissors: the unique CE is uniform on the nine profiles
    rps = Game.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])
    best = correlated_equilibria(rps, objective="welfare")
    assert best.probabilities == (R(1, 9),) * 9 and best.value == 0


def _incentive_rows(game: Game, coarse: bool) -> tuple[list[np.ndarray], np.ndarray]:
    """The CE (or CCE) incentive rows written afresh from the definition, in floats."""
    u = [np.asarray(a, dtype=float) for a in game.numeric_arrays()]
    profiles = list(np.ndindex(*game.shape))
    rows = []
    for i, ui in enumerate(u):
        for b in range(game.shape[i]):
            for a in ([None] if coarse else [a for a in range(game.shape[i]) if a != b]):
                rows.append([(ui[s[:i] + (b,) + s[i + 1:]] - ui[s]) if (a is None or s[i] == a) else 0.0
                             for s in profiles])
    return u, np.array(rows)


def _scipy_value(game: Game, weights: np.ndarray, coarse: bool) -> float:
    u, rows = _incentive_rows(game, coarse)
    c = np.array([sum(w * ui[s] for w, ui in zip(weights, u)) for s in np.ndindex(*game.shape)])
    n = c.size
    res = linprog(-c, A_ub=rows, b_ub=np.zeros(len(rows)), A_eq=np.ones((1, n)), b_eq=[1], bounds=(0, None),
                  method="highs")
    assert res.status == 0
    return float(-res.fun)


@pytest.mark.parametrize("shape", [(3, 3), (2, 4), (2, 2, 2), (3, 2, 2)], ids=str)
def test_optimal_values_equal_scipy_highs(shape):
    rng = np.random.default_rng(17)
    for _ in range(6):
        arrays = [rng.integers(-4, 6, size=shape) for _ in shape]
        game = Game.from_payoff_arrays(arrays)
        for coarse in (False, True):
            ours = correlated_equilibria(game, objective="welfare", coarse=coarse)
            assert float(ours.value) == pytest.approx(_scipy_value(game, np.ones(len(shape)), coarse), abs=1e-8)
            _, rows = _incentive_rows(game, coarse)
            x = np.array([float(p) for p in ours.probabilities])
            assert (rows @ x).max() <= 1e-12 and x.min() >= 0 and sum(ours.probabilities) == 1
            for i in range(len(shape)):
                mine = correlated_equilibria(game, objective=i, coarse=coarse)
                w = np.eye(len(shape))[i]
                assert float(mine.value) == pytest.approx(_scipy_value(game, w, coarse), abs=1e-8)
        ce_value = correlated_equilibria(game, objective="welfare").value
        assert ce_value <= correlated_equilibria(game, objective="welfare", coarse=True).value


def test_every_nash_equilibrium_is_in_the_polytope():
    rng = np.random.default_rng(3)
    for _ in range(5):
        A, B = rng.integers(0, 5, (2, 3)), rng.integers(0, 5, (2, 3))
        game = Game.from_bimatrix(A, B)
        poly = correlated_equilibria(game)
        assert poly.vertices is not None
        for eq in nash_equilibria(game):
            x = [eq.profile[0][s] * eq.profile[1][t] for s, t in poly.profiles]
            assert poly.contains(x)


def test_bad_input():
    p = sympy.Symbol("p")
    with pytest.raises(SymbolicError, match="p"):
        correlated_equilibria(Game.from_bimatrix([[p, 0], [0, 1]]))
    with pytest.raises(GameError, match="objective|player"):
        correlated_equilibria(CHICKEN, objective="Nobody")
    with pytest.raises(GameError, match="not rational"):
        correlated_equilibria(Game.from_bimatrix([[sympy.sqrt(2), 0], [0, 1]]))


def test_display():
    best = correlated_equilibria(CHICKEN, objective="welfare")
    assert str(best) == "correlated equilibrium (welfare = 21/2): 1/2 (C, C) + 1/4 (C, D) + 1/4 (D, C)  (payoffs 21/4, 21/4)"
    assert r"\frac{1}{2}" in best._repr_latex_()
    assert "vertex: 1/2 (C, C)" in str(correlated_equilibria(CHICKEN))


def test_exact_lp_on_beales_cycling_example():
    # Beale (1955), the classic programme on which Dantzig's largest-coefficient rule cycles:
    # min -3/4 x4 + 150 x5 - 1/50 x6 + 6 x7  s.t.  1/4 x4 - 60 x5 - 1/25 x6 + 9 x7 <= 0,
    # 1/2 x4 - 90 x5 - 1/50 x6 + 3 x7 <= 0, x6 <= 1.  Optimum -1/20 at x4 = 1/25, x6 = 1
    # (-3/4 * 1/25 - 1/50 = -1/20; rows: 1/100 - 1/25 < 0 and 1/50 - 1/50 = 0).
    c = [R(3, 4), -150, R(1, 50), -6]  # maximise the negated objective
    A = [[R(1, 4), -60, R(-1, 25), 9], [R(1, 2), -90, R(-1, 50), 3], [0, 0, 1, 0]]
    sol = solve_lp(c, A, [0, 0, 1])
    assert sol.status == "optimal" and sol.value == Fraction(1, 20)
    assert sol.x == (Fraction(1, 25), 0, 1, 0)
    # the duals certify it: b . y = value, y >= 0
    assert sum(b * y for b, y in zip([0, 0, 1], sol.dual_ub)) == Fraction(1, 20) and min(sol.dual_ub) >= 0


def test_exact_lp_agrees_with_scipy_on_random_programmes():
    rng = np.random.default_rng(0)
    for _ in range(150):
        n, m, k = rng.integers(1, 6), rng.integers(0, 6), rng.integers(0, 3)
        c, A, b = rng.integers(-3, 4, n), rng.integers(-3, 4, (m, n)), rng.integers(-2, 5, m)
        E, e = rng.integers(-2, 3, (k, n)), rng.integers(-2, 3, k)
        ours = solve_lp(c.tolist(), A.tolist(), b.tolist(), E.tolist(), e.tolist())
        res = linprog(-c, A_ub=A if m else None, b_ub=b if m else None, A_eq=E if k else None,
                      b_eq=e if k else None, bounds=(0, None), method="highs")
        assert ours.status == {0: "optimal", 2: "infeasible", 3: "unbounded"}[res.status]
        if res.status == 0:
            assert float(ours.value) == pytest.approx(-res.fun, abs=1e-9)


def test_contains_never_evaluates_strings():
    poly = correlated_equilibria(CHICKEN)
    assert poly.contains([0.5, 0.25, 0.25, 0])  # floats become exact rationals
    with pytest.raises(GameError, match="strings are never evaluated"):
        poly.contains(["1/4"] * 4)
