"""Pure-strategy helpers: values derived by hand in the comments."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from sympy import Rational as R

from games import Game, GameError, SymbolicError
from solvers import (
    dominated_strategies,
    iterated_elimination,
    pareto_efficient_profiles,
    pure_nash_equilibria,
    social_optimum,
)

PD = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))


def test_prisoners_dilemma():
    # D strictly dominates C (5 > 3 and 1 > 0) for both players.
    assert dominated_strategies(PD, 0) == [(0, 1)]
    assert dominated_strategies(PD, "Column") == [(0, 1)]
    assert [e.support for e in pure_nash_equilibria(PD)] == [((1,), (1,))]
    # (D, D) = (1, 1) is Pareto-dominated by (C, C) = (3, 3); the other three are efficient.
    assert pareto_efficient_profiles(PD) == [(0, 0), (0, 1), (1, 0)]
    # sums: CC 6, CD 5, DC 5, DD 2
    assert social_optimum(PD) == (6, [(0, 0)])


def test_weak_versus_strict_dominance():
    # Row: T = (1, 1), B = (1, 0): T weakly (not strictly) dominates B.
    g = Game.from_bimatrix([[1, 1], [1, 0]], [[0, 0], [0, 0]])
    assert dominated_strategies(g, 0) == []
    assert dominated_strategies(g, 0, strict=False) == [(1, 0)]
    # the column player's strategies are identical: neither dominates the other, even weakly
    assert dominated_strategies(g, 1, strict=False) == []


def test_iesds_by_hand():
    # Rows U, M, D; columns L, C, R.
    # Row payoffs by row: U = (4, 5, 6), M = (2, 8, 3), D = (3, 9, 2).
    # Column payoffs by column: L = (3, 1, 0), C = (1, 4, 6), R = (2, 6, 8).
    # Round 1: R strictly dominates C (2 > 1, 6 > 4, 8 > 6); no row is dominated (M, D win at C).
    # Round 2 (columns L, R): U = (4, 6) dominates M = (2, 3) and D = (3, 2); L = (3, 1, 0) vs R = (2, 6, 8): none.
    # Round 3 (row U only): L pays 3 > R pays 2 -> R removed.  Result (U, L).
    A = [[4, 5, 6], [2, 8, 3], [3, 9, 2]]
    B = [[3, 1, 2], [1, 4, 6], [0, 6, 8]]
    g = Game.from_bimatrix(A, B, strategies=(["U", "M", "D"], ["L", "C", "R"]))
    res = iterated_elimination(g)
    assert res.steps == ((1, 1, "C", "R"), (2, 0, "M", "U"), (2, 0, "D", "U"), (3, 1, "R", "L"))
    assert res.surviving == ((0,), (0,)) and res.game.strategies == (("U",), ("L",))
    assert res.game.payoffs[0][0, 0] == 4 and res.game.payoffs[1][0, 0] == 3


def test_iesds_stops_with_several_survivors():
    # Row payoffs: U = (4, 5, 0), M = (2, 3, 9), D = (3, 6, 1); column payoffs: L = (3, 1, 2),
    # C = (1, 2, 3), R = (0, 1, 2).
    # Round 1: C dominates R (1 > 0, 2 > 1, 3 > 2); no row dominated (M wins at R).
    # Round 2 (L, C): U = (4, 5) dominates M = (2, 3) (D = (3, 6) does too; U is the first); L, C: no.
    # Round 3 (U, D; L, C): U = (4, 5) vs D = (3, 6): no; L = (3, 2) vs C = (1, 3): no.  Stop.
    A2 = [[4, 5, 0], [2, 3, 9], [3, 6, 1]]
    B2 = [[3, 1, 0], [1, 2, 1], [2, 3, 2]]
    g2 = Game.from_bimatrix(A2, B2, strategies=(["U", "M", "D"], ["L", "C", "R"]))
    res2 = iterated_elimination(g2)
    assert res2.steps == ((1, 1, "R", "C"), (2, 0, "M", "U"))
    assert res2.game.strategies == (("U", "D"), ("L", "C"))
    assert res2.game.payoffs[0].tolist() == [[4, 5], [3, 6]]


def test_three_player_pure_and_efficiency():
    # Three players each choose 0/1; payoff = number of OTHER players matching you.
    arrs = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for prof in np.ndindex(2, 2, 2):
        for i in range(3):
            arrs[i][prof] = sum(1 for j in range(3) if j != i and prof[j] == prof[i])
    g = Game.from_payoff_arrays(arrs)
    # unanimity is an equilibrium (2 each); in a 2-1 split the lone player earns 0 and gains 2 by switching.
    assert [e.support for e in pure_nash_equilibria(g)] == [((0,), (0,), (0,)), ((1,), (1,), (1,))]
    assert pareto_efficient_profiles(g) == [(0, 0, 0), (1, 1, 1)]
    assert social_optimum(g) == (6, [(0, 0, 0), (1, 1, 1)])


def test_exact_ties_not_decided_by_rounding():
    # 0.1 + 0.2 vs 0.3: exact rationals, so both rows tie and both are best responses.
    g = Game.from_bimatrix([[0.3], [sympy.Rational(1, 10) + sympy.Rational(2, 10)]], [[0], [0]])
    assert len(pure_nash_equilibria(g)) == 2
    assert dominated_strategies(g, 0, strict=False) == []


def test_irrational_payoffs_float_fallback():
    g = Game.from_bimatrix([[sympy.sqrt(2), 0], [0, 1]])
    eqs = pure_nash_equilibria(g)
    assert not eqs.exact and [e.support for e in eqs] == [((0,), (0,)), ((1,), (1,))]
    val, profs = social_optimum(g)
    assert val == pytest.approx(2 * 2**0.5) and profs == [(0, 0)]


def test_big_integers_use_python_ints():
    big = 10**30
    g = Game.from_bimatrix([[big + 1, 0], [big, 1]], [[1, 0], [0, 1]])
    # row: vs L, T pays big+1 > big; vs R, B pays 1 > 0 -> (T, L) and (B, R)
    assert [e.support for e in pure_nash_equilibria(g)] == [((0,), (0,)), ((1,), (1,))]
    assert pure_nash_equilibria(g)[0].payoffs == (big + 1, 1)


def test_errors():
    x = sympy.Symbol("x")
    g = Game.from_bimatrix([[x, 0], [0, 1]])
    for fn in (pure_nash_equilibria, pareto_efficient_profiles, social_optimum, iterated_elimination):
        with pytest.raises(SymbolicError, match="free symbols x"):
            fn(g)
    with pytest.raises(GameError, match="unknown player 'Bob'"):
        dominated_strategies(PD, "Bob")
    with pytest.raises(GameError, match="allowed: 0..1"):
        dominated_strategies(PD, 5)
    with pytest.raises(GameError, match="expected a games.Game"):
        pure_nash_equilibria("PD")  # type: ignore[arg-type]


def test_payoffs_are_exact():
    g = Game.from_bimatrix([[R(1, 3), 0], [0, R(1, 7)]])
    eqs = pure_nash_equilibria(g)
    assert [e.payoffs for e in eqs] == [(R(1, 3), R(1, 3)), (R(1, 7), R(1, 7))]
