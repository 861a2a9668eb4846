"""N-player mixed equilibria: continua reported as components, exact polynomial solving, pygambit's enumpoly."""

from __future__ import annotations

import numpy as np
import pygambit as gbt
import pytest
import sympy

from games import Game
from solvers import SupportComponent, is_nash_equilibrium, nplayer_support_enumeration
from solvers.equilibria.polysolve import NOT_ZERO_DIMENSIONAL, real_solutions

R = sympy.Rational


def _coordination_with_dummies(n_dummies: int) -> Game:
    # players 1 and 2 are paid 1 for matching (A, A) or (B, B), else 0; the dummies are paid 0 whatever happens
    shape = (2,) * (2 + n_dummies)
    u12 = np.zeros(shape, dtype=int)
    for s in np.ndindex(*shape):
        u12[s] = int(s[0] == s[1])
    return Game.from_payoff_arrays([u12, u12] + [np.zeros(shape, dtype=int)] * n_dummies)


def test_a_dummy_player_gives_one_dimensional_components():
    # By hand: players 1, 2 in equilibrium play (A, A), (B, B) or (1/2, 1/2) each; the dummy is always
    # indifferent, so every mixture of the dummy goes with each: three continua (segments), one per support
    # of players 1, 2, with the dummy mixing; the dummy's pure choices are the pure and isolated points.
    res = nplayer_support_enumeration(_coordination_with_dummies(1))
    assert res.complete
    comps = {c.supports: c for c in res.components}
    assert set(comps) == {((0,), (0,), (0, 1)), ((1,), (1,), (0, 1)), ((0, 1), (0, 1), (0, 1))}
    for c in comps.values():
        assert isinstance(c, SupportComponent) and c.dimension == 1
        assert is_nash_equilibrium(_coordination_with_dummies(1), c.witness.profile)
    mixed = comps[((0, 1), (0, 1), (0, 1))]
    assert mixed.witness.profile[0] == (R(1, 2), R(1, 2)) and mixed.witness.profile[1] == (R(1, 2), R(1, 2))
    # the isolated mixed ones: players 1, 2 at 1/2 with the dummy pure (two of them)
    isolated = [e.profile for e in res if not e.is_pure]
    assert sorted(isolated) == sorted([((R(1, 2), R(1, 2)), (R(1, 2), R(1, 2)), (1, 0)),
                                       ((R(1, 2), R(1, 2)), (R(1, 2), R(1, 2)), (0, 1))])
    assert "component of dimension 1" in str(res.components[0])


def test_two_dummies_give_two_dimensional_components_on_2x2x2x2():
    # as above with two dummies: every (p3, p4) in the open square goes with (A, A), (B, B) and (1/2, 1/2)
    game = _coordination_with_dummies(2)
    res = nplayer_support_enumeration(game)
    assert res.complete
    two_dim = {c.supports for c in res.components if c.dimension == 2}
    assert two_dim == {((0,), (0,), (0, 1), (0, 1)), ((1,), (1,), (0, 1), (0, 1)),
                       ((0, 1), (0, 1), (0, 1), (0, 1))}
    for c in res.components:
        assert is_nash_equilibrium(game, c.witness.profile)


def _gambit_profiles(u: list[np.ndarray]) -> list[tuple[float, ...]]:
    gg = gbt.StrategicGame.from_arrays(*[a.astype(int).tolist() for a in u])
    res = gbt.nash.enumpoly_solve(gg)
    return [tuple(float(v) for p in gg.players for _, v in e[p]) for e in res.equilibria]


@pytest.mark.parametrize("seed", range(6))
def test_generic_2x2x2_against_gambit_enumpoly(seed):
    # generic payoffs (wide range): every equilibrium gambit finds is ours; ours are each verified exactly.
    # (seed 3's second game has an irrational equilibrium, (2 sqrt(611) - 36)/41 for player 1, that
    # gambit 17's enumpoly misses; it is verified exactly here.)
    rng = np.random.default_rng(seed)
    u = [rng.integers(-9, 10, (2, 2, 2)) for _ in range(3)]
    game = Game.from_payoff_arrays(u)
    ours = nplayer_support_enumeration(game)
    assert ours.complete
    flat = [tuple(float(x) for vec in e.profile for x in vec) for e in ours]
    for t in _gambit_profiles(u):
        assert any(np.allclose(t, o, atol=1e-6) for o in flat), t
    for e in ours:
        assert is_nash_equilibrium(game, e.profile)


def test_an_irrational_equilibrium_gambit_misses():
    rng = np.random.default_rng(3)
    rng.integers(-9, 10, (3, 2, 2, 2))
    u = [rng.integers(-9, 10, (2, 2, 2)) for _ in range(3)]
    game = Game.from_payoff_arrays(u)
    ours = nplayer_support_enumeration(game)
    p = [e.profile[0][0] for e in ours if not e.is_pure and e.profile[0][0] != 0]
    assert len(p) == 1 and sympy.simplify(p[0] - (2 * sympy.sqrt(611) - 36) / 41) == 0
    assert is_nash_equilibrium(game, next(e for e in ours if e.profile[0][0] == p[0]).profile)
    assert len(_gambit_profiles(u)) == len(ours) - 1


@pytest.mark.parametrize("seed", range(3))
def test_degenerate_2x2x2_are_complete(seed):
    # payoffs in {0, 1, 2}: many ties, continua on some supports; every witness and point is an equilibrium
    rng = np.random.default_rng(40 + seed)
    u = [rng.integers(0, 3, (2, 2, 2)) for _ in range(3)]
    game = Game.from_payoff_arrays(u)
    res = nplayer_support_enumeration(game)
    assert res.complete
    for e in list(res) + [c.witness for c in res.components]:
        assert is_nash_equilibrium(game, e.profile)
    covered = [tuple(float(x) for vec in e.profile for x in vec) for e in res]
    for t in _gambit_profiles(u):  # gambit's points are ours, or lie on one of our continua (same support)
        support = tuple(tuple(j for j, v in enumerate(t[2 * i:2 * i + 2]) if v > 1e-9) for i in range(3))
        assert any(np.allclose(t, o, atol=1e-6) for o in covered) or support in {c.supports for c in res.components}


def test_real_solutions_by_hand():
    x, y = sympy.symbols("x y")
    # x^2 = 2, y = x - 1: two real points; y < 0 at the first, > 0 at the second
    sols = real_solutions([x**2 - 2, y - x + 1], [x, y])
    assert [s.value(x) for s in sols] == [-sympy.sqrt(2), sympy.sqrt(2)]
    assert [s.sign(y) for s in sols] == [-1, 1]
    assert [s.sign(y**2 + 2 * y - 1) for s in sols] == [0, 0]  # (x - 1)^2 + 2(x - 1) - 1 = x^2 - 2 = 0
    # x^2 + 1 = 0 has no real solution; x = y is a line
    assert real_solutions([x**2 + 1, y], [x, y]) == []
    assert real_solutions([x - y], [x, y]) == NOT_ZERO_DIMENSIONAL

