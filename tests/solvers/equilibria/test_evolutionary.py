"""Evolutionarily stable strategies: hawk-dove symbolically, hand-derived cases, brute force on a grid."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy

from games import Game
from games.errors import GameError, SymbolicError
from solvers import evolutionarily_stable_strategies, nash_equilibria

R = sympy.Rational
V, C = sympy.symbols("V C", positive=True)
HAWK_DOVE = Game.from_bimatrix([[(V - C) / 2, V], [0, V / 2]], strategies=(["Hawk", "Dove"],) * 2)


def test_hawk_dove_symbolically():
    # u(H,H) = (V-C)/2, u(H,D) = V, u(D,H) = 0, u(D,D) = V/2.  Indifference: p (V-C)/2 + (1-p) V = (1-p) V/2
    # <=> p = V/C.  ESS iff c > a and b > d: 0 > (V-C)/2 (C > V) and V > V/2 (true for V > 0).  Payoff of the
    # mixed ESS: (1-p) V/2 = V (C - V) / (2C).  Hawk is an ESS iff a > c, or a = c and b > d: V >= C.
    # Dove never (d > b would need V/2 > V).
    got = {e.kind: e for e in evolutionarily_stable_strategies(HAWK_DOVE)}
    mixed = got["mixed"]
    assert sympy.simplify(mixed.strategy[0] - V / C) == 0 and sympy.simplify(mixed.strategy[1] - (1 - V / C)) == 0
    assert mixed.condition == (C > V)
    assert sympy.simplify(mixed.payoff - V * (C - V) / (2 * C)) == 0
    hawk = got["pure"]
    assert hawk.strategy == (1, 0)
    assert sympy.simplify(hawk.condition.subs({V: 3, C: 2})) is sympy.true
    assert sympy.simplify(hawk.condition.subs({V: 2, C: 2})) is sympy.true
    assert sympy.simplify(hawk.condition.subs({V: 2, C: 3})) is sympy.false
    assert len(evolutionarily_stable_strategies(HAWK_DOVE)) == 2  # no Dove
    # numerically, V = 2, C = 4: the mixed ESS 1/2 Hawk only
    num = evolutionarily_stable_strategies(HAWK_DOVE.subs({V: 2, C: 4}))
    assert [(e.strategy, e.payoff, e.kind) for e in num] == [((R(1, 2), R(1, 2)), R(1, 2), "mixed")]


def test_hand_derived_cases():
    # coordination [[2,0],[0,1]]: both strict equilibria are ESS; the mixed one (1/3, 2/3) is not (a - b - c + d > 0)
    assert [e.strategy for e in evolutionarily_stable_strategies(Game.from_bimatrix([[2, 0], [0, 1]]))] == [(1, 0), (0, 1)]
    # [[1,1],[1,0]]: strategy 1 ties against itself (a = c = 1) but wins against the mutant (b = 1 > d = 0): ESS
    assert [e.strategy for e in evolutionarily_stable_strategies(Game.from_bimatrix([[1, 1], [1, 0]]))] == [(1, 0)]
    # [[1,0],[1,0]]: strategy 1 ties against itself and against the mutant (b = d = 0): neutral, not ESS;
    # strategy 2 also ties everywhere: no ESS
    assert evolutionarily_stable_strategies(Game.from_bimatrix([[1, 0], [1, 0]])) == []
    # rock-paper-scissors with win w and loss l: for sum z = 0, z'Az = (w - l)/2 * (-|z|^2), so the uniform
    # strategy is an ESS iff w > l
    good = Game.from_bimatrix([[0, -1, 2], [2, 0, -1], [-1, 2, 0]])  # win 2 > loss 1
    assert [e.strategy for e in evolutionarily_stable_strategies(good)] == [(R(1, 3),) * 3]
    bad = Game.from_bimatrix([[0, -2, 1], [1, 0, -2], [-2, 1, 0]])  # win 1 < loss 2
    assert evolutionarily_stable_strategies(bad) == []
    zero_sum = Game.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])  # z'Az = 0: neutrally stable only
    assert evolutionarily_stable_strategies(zero_sum) == []


def test_extra_best_replies_decided_on_the_cone():
    # A = [[1, 2, 0], [1, 0, 3], [0, 0, 0]]: against e1, strategies 1 and 2 earn 1, strategy 3 earns 0, so
    # T = {1, 2}, S = {1}.  Mutant q = (1-w, w, 0): u(e1, q) - u(q, q) = w^2 (a12 + a21 - a11 - a22)
    # = w^2 (2 + 1 - 1 - 0) > 0, so e1 is an ESS.
    A = [[1, 2, 0], [1, 0, 3], [0, 0, 0]]
    got = [e.strategy for e in evolutionarily_stable_strategies(Game.from_bimatrix(A))]
    assert (1, 0, 0) in got
    # flip the sign of the mutant's gain: a12 = 0 -> w^2 (0 + 1 - 1 - 0) = 0, neutral: e1 is not an ESS
    A2 = [[1, 0, 0], [1, 0, 3], [0, 0, 0]]
    assert (1, 0, 0) not in [e.strategy for e in evolutionarily_stable_strategies(Game.from_bimatrix(A2))]


def _grid(m: int, n: int):
    for c in itertools.product(range(n + 1), repeat=m):
        if sum(c) == n:
            yield [R(x, n) for x in c]


@pytest.mark.parametrize("seed", range(8))
def test_random_3x3_against_the_definition_on_a_grid(seed):
    rng = np.random.default_rng(seed)
    A = rng.integers(-3, 4, (3, 3))
    game = Game.from_bimatrix(A)
    Am = sympy.Matrix(A.tolist())
    found = evolutionarily_stable_strategies(game)
    sym_ne = {tuple(e.profile[0]) for e in nash_equilibria(game) if e.profile[0] == e.profile[1]}
    for e in found:
        p = sympy.Matrix(e.strategy)
        assert tuple(e.strategy) in sym_ne  # an ESS is a symmetric Nash equilibrium (found independently)
        upp = (p.T * Am * p)[0]
        for q in _grid(3, 12):
            qv = sympy.Matrix(q)
            if qv == p:
                continue
            uqp, upq, uqq = (qv.T * Am * p)[0], (p.T * Am * qv)[0], (qv.T * Am * qv)[0]
            assert uqp < upp or (uqp == upp and upq > uqq), (e.strategy, q)


@pytest.mark.parametrize("seed", range(20))
def test_2x2_numeric_route_equals_the_closed_form(seed):
    rng = np.random.default_rng(100 + seed)
    A = rng.integers(-2, 3, (2, 2))
    a, b, c, d = (int(x) for x in A.ravel())
    # the closed form of the module docstring, evaluated by hand here
    want = []
    if a > c or (a == c and b > d):
        want.append((1, 0))
    if d > b or (d == b and c > a):
        want.append((0, 1))
    if c > a and b > d:
        want.append((R(d - b, a - b - c + d), R(a - c, a - b - c + d)))
    assert [e.strategy for e in evolutionarily_stable_strategies(Game.from_bimatrix(A))] == want


def test_bad_input():
    with pytest.raises(GameError, match="not symmetric"):
        evolutionarily_stable_strategies(Game.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]]))
    with pytest.raises(GameError, match="square"):
        evolutionarily_stable_strategies(Game.from_bimatrix([[1, 0, 2], [0, 1, 2]]))
    x = sympy.Symbol("x")
    with pytest.raises(SymbolicError, match="two strategies"):
        evolutionarily_stable_strategies(Game.from_bimatrix([[x, 0, 0], [0, 1, 0], [0, 0, 1]]))


def test_display():
    e = evolutionarily_stable_strategies(HAWK_DOVE.subs({V: 2, C: 4}))[0]
    assert str(e) == "ESS (mixed): 1/2 Hawk + 1/2 Dove  (payoff 1/2)"
    mixed = [e for e in evolutionarily_stable_strategies(HAWK_DOVE) if e.kind == "mixed"][0]
    assert "C > V" in str(mixed) and r"\text{if }" in mixed._repr_latex_()
