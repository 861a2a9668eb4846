"""Selection criteria against hand formulas and against the fixation probabilities."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy

from games import Game, GameError, SymmetricGame
from solvers import fermi_selection_favours, fixation_probability, payoff_dominance, risk_dominance

R = sympy.Rational
a, b, c, d = sympy.symbols("a b c d", real=True)
SYM = Game.from_bimatrix([[a, b], [c, d]])


def test_stag_hunt_is_payoff_but_not_risk_dominant():
    # Stag: 4 with a stag hunter, 0 alone; Hare: 3 always.  Deviation losses:
    # 4 - 3 = 1 at (Stag, Stag), 3 - 0 = 3 at (Hare, Hare): Hare risk-dominates.
    stag = Game.from_bimatrix([[4, 0], [3, 3]])
    assert risk_dominance(stag) == sympy.false
    assert payoff_dominance(stag) == sympy.true
    # Raising the stag payoff to 7 makes the losses 4 > 3: Stag risk-dominates.
    assert risk_dominance(Game.from_bimatrix([[7, 0], [3, 3]])) == sympy.true


def test_symmetric_risk_dominance_at_random_points():
    # Harsanyi-Selten for a symmetric game: both diagonal profiles strict
    # equilibria (a > c, d > b) and the Nash products (a - c)^2 > (d - b)^2.
    cond = risk_dominance(SYM)
    rng = np.random.default_rng(11)
    for _ in range(200):
        va, vb, vc, vd = (int(x) for x in rng.integers(-4, 5, 4))
        expected = va > vc and vd > vb and (va - vc) ** 2 > (vd - vb) ** 2
        assert bool(cond.subs({a: va, b: vb, c: vc, d: vd})) == expected


def test_asymmetric_risk_dominance_uses_nash_products():
    # (A11 - A21)(B11 - B12) > (A22 - A12)(B22 - B21), both diagonals strict equilibria
    sym = sympy.symbols("x0:8", real=True)
    A = [[sym[0], sym[1]], [sym[2], sym[3]]]
    B = [[sym[4], sym[5]], [sym[6], sym[7]]]
    cond = risk_dominance(Game.from_bimatrix(A, B))
    rng = np.random.default_rng(12)
    for _ in range(200):
        v = [int(x) for x in rng.integers(-4, 5, 8)]
        A_, B_ = [[v[0], v[1]], [v[2], v[3]]], [[v[4], v[5]], [v[6], v[7]]]
        strict = A_[0][0] > A_[1][0] and B_[0][0] > B_[0][1] and A_[1][1] > A_[0][1] and B_[1][1] > B_[1][0]
        products = (A_[0][0] - A_[1][0]) * (B_[0][0] - B_[0][1]) > (A_[1][1] - A_[0][1]) * (B_[1][1] - B_[1][0])
        assert bool(cond.subs(dict(zip(sym, v)))) == (strict and products)


def test_payoff_dominance_symbolic():
    # symmetric: a > d, plus both diagonal profiles strict equilibria
    assert payoff_dominance(SYM, require_equilibria=False) == sympy.Gt(a, d)
    full = payoff_dominance(SYM)
    assert bool(full.subs({a: 4, b: 0, c: 3, d: 3})) and not bool(full.subs({a: 4, b: 0, c: 5, d: 3}))


def fermi_ratio_log(A, Z):
    """log(rho_1 / rho_2) / beta = sum_{k=1}^{Z-1} (pi_1(k) - pi_2(k)) for a pairwise game.

    With k first-strategy players: pi_1(k) = ((k - 1) a + (Z - k) b) / (Z - 1),
    pi_2(k) = (k c + (Z - k - 1) d) / (Z - 1).
    """
    (a_, b_), (c_, d_) = A
    return sum(Fraction((k - 1) * a_ + (Z - k) * b_, Z - 1) - Fraction(k * c_ + (Z - k - 1) * d_, Z - 1)
               for k in range(1, Z))


def test_fermi_condition_against_the_explicit_sum_and_fixation_probabilities():
    Zs = sympy.Symbol("Z", positive=True)
    cond = fermi_selection_favours(SYM, Zs)
    rng = np.random.default_rng(13)
    checked = 0
    for _ in range(60):
        va, vb, vc, vd = (int(x) for x in rng.integers(-3, 4, 4))
        Z = int(rng.integers(3, 15))
        s = fermi_ratio_log([[va, vb], [vc, vd]], Z)
        if s == 0:
            continue
        got = bool(cond.subs({a: va, b: vb, c: vc, d: vd, Zs: Z}))
        assert got == (s > 0)
        game = Game.from_bimatrix([[va, vb], [vc, vd]])
        rho1 = fixation_probability(game, Z, selection=0.05, mutant=0, resident=1)
        rho2 = fixation_probability(game, Z, selection=0.05, mutant=1, resident=0)
        assert got == (rho1 > rho2)
        checked += 1
    assert checked > 30


def test_fermi_condition_for_group_games_against_fixation_probabilities():
    # Groups of 3 from a population of Z: compare rho_1 > rho_2 computed by
    # solvers.dynamics.fixation (log-space chain) with the closed-form condition.
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    rng = np.random.default_rng(14)
    checked = 0
    for _ in range(30):
        coeffs = [int(x) for x in rng.integers(-3, 4, 4)]
        game = SymmetricGame(3, {"A": coeffs[0] + coeffs[1] * k, "B": coeffs[2] + coeffs[3] * k * k}, count=k)
        Z = int(rng.integers(4, 12))
        cond = fermi_selection_favours(game, Z)
        rho1 = fixation_probability(game, Z, selection=0.02, mutant=0, resident=1)
        rho2 = fixation_probability(game, Z, selection=0.02, mutant=1, resident=0)
        if math.isclose(rho1, rho2, rel_tol=1e-12):
            continue
        assert bool(cond) == (rho1 > rho2), (coeffs, Z)
        checked += 1
    assert checked > 20


def test_fermi_condition_symbolic_population_for_group_games():
    # (Z / n) sum_j (a_j - b_j) - a_{n-1} + b_0 with a_j = 1 + j, b_j = 2, n = 3:
    # sum_j (a_j - b_j) = -1 + 0 + 1 = 0, a_2 = 3, b_0 = 2: 0 - 3 + 2 = -1 < 0 for every Z.
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    Z = sympy.Symbol("Z", positive=True)
    game = SymmetricGame(3, {"A": 1 + k, "B": 2}, count=k)
    assert fermi_selection_favours(game, Z) == sympy.false


def test_errors():
    with pytest.raises(GameError, match="2 x 2"):
        risk_dominance(Game.from_bimatrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
    with pytest.raises(GameError, match="symmetric"):
        fermi_selection_favours(Game.from_bimatrix([[1, 2], [3, 4]], [[1, 2], [3, 4]]), 10)
    with pytest.raises(GameError, match="whole number"):
        fermi_selection_favours(SYM, 2.5)
    k = sympy.Symbol("k")
    with pytest.raises(GameError, match="smaller than the group size"):
        fermi_selection_favours(SymmetricGame(5, {"A": k, "B": 1}, count=k), 3)
    with pytest.raises(GameError, match="n_players = 2"):
        risk_dominance(SymmetricGame(3, {"A": k, "B": 1}, count=k))
