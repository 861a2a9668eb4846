"""Logit quantal-response equilibria: hand-checkable cases and pygambit's logit tracer (an independent implementation)."""

from __future__ import annotations

import math

import numpy as np
import pygambit as gbt
import pytest
import sympy

from games import Game
from games.errors import GameError, SymbolicError
from solvers import is_nash_equilibrium, logit_path, logit_qre

PENNIES = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])


def _gambit(game: Game) -> gbt.Game:
    return gbt.StrategicGame.from_arrays(*[np.asarray(a, dtype=float) for a in game.numeric_arrays()])


def _profile(p, gg: gbt.Game) -> list[list[float]]:
    return [[float(v) for _, v in p[player]] for player in gg.players]


def test_lambda_zero_is_uniform():
    g = Game.from_payoff_arrays([np.arange(12).reshape(2, 3, 2), np.ones((2, 3, 2)), -np.arange(12).reshape(2, 3, 2)])
    q = logit_qre(g, 0.0)
    assert q.profile == ((0.5, 0.5), (1 / 3, 1 / 3, 1 / 3), (0.5, 0.5)) and q.lam == 0.0


@pytest.mark.parametrize("lam", [0.1, 1.0, 7.5, 40.0])
def test_matching_pennies_is_uniform_for_every_lambda(lam):
    # against a uniform opponent both strategies earn 0, so the logit reply is uniform again: a fixed point
    q = logit_qre(PENNIES, lam)
    assert np.allclose(q.profile, 0.5, atol=1e-10)


def test_a_dominant_strategy_by_hand():
    # Row's U earns 1 more than D whatever Column does; Column is indifferent (payoffs 0), so stays uniform:
    # p(U) = e^lam / (e^lam + 1)
    g = Game.from_bimatrix([[1, 1], [0, 0]], [[0, 0], [0, 0]])
    for lam in (0.5, 2.0, 9.0):
        q = logit_qre(g, lam)
        assert q.profile[0][0] == pytest.approx(math.exp(lam) / (math.exp(lam) + 1), abs=1e-10)
        assert q.profile[1] == pytest.approx((0.5, 0.5), abs=1e-12)


def _generic_games():
    rng = np.random.default_rng(5)
    out = []
    for shape in [(3, 3), (2, 4), (2, 3, 2), (2, 2, 2)]:
        for _ in range(3):
            out.append(Game.from_payoff_arrays([rng.integers(0, 10, shape) for _ in shape]))
    return out


@pytest.mark.parametrize("game", _generic_games(), ids=lambda g: "x".join(map(str, g.shape)))
def test_qre_at_lambda_equals_gambit_logit_solve_lambda(game):
    gg = _gambit(game)
    lams = [0.3, 1.5, 5.0]
    theirs = gbt.qre.logit_solve_lambda(gg, lams)
    for lam, t in zip(lams, theirs):
        ours = logit_qre(game, lam)
        assert t.lam == pytest.approx(lam, abs=1e-6)
        for a, b in zip(ours.profile, _profile(t.profile, gg)):
            assert a == pytest.approx(b, abs=1e-6)


@pytest.mark.parametrize("game", _generic_games(), ids=lambda g: "x".join(map(str, g.shape)))
def test_the_limit_is_gambits_logit_solve_equilibrium(game):
    gg = _gambit(game)
    theirs = _profile(gbt.nash.logit_solve(gg).equilibrium, gg)
    path = logit_path(game)
    assert path.converged
    for a, b in zip(path.limit.profile, theirs):
        assert a == pytest.approx(b, abs=1e-3)
    # the limit is a Nash equilibrium up to the stopping tolerance, and lambda grows along the path
    assert path.points[-1].max_regret <= 1e-8 * 10
    lams = [p.lam for p in path.points]
    assert lams[0] == 0 and lams[-1] > 5


def test_prisoners_dilemma_limit_is_defect():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    path = logit_path(pd)
    # stopping rule: regret <= 1e-8 * (payoff range 5); D beats C by at least 1, so p(C) <= 5e-8
    assert path.limit.profile[0][0] <= 5e-8 and path.limit.profile[1][0] <= 5e-8
    snapped = tuple(tuple(float(round(v)) for v in p) for p in path.limit.profile)
    assert is_nash_equilibrium(pd, snapped)


def test_gambit_estimates_back_the_lambda_that_generated_the_data():
    # pygambit's logit_estimate (maximum likelihood over its own traced branch) recovers the precision of
    # frequencies drawn exactly from our QRE at lam = 1.3
    game = Game.from_bimatrix([[4, 0, 2], [1, 3, 1], [0, 2, 5]], [[2, 1, 0], [0, 3, 2], [4, 0, 1]])
    ours = logit_qre(game, 1.3)
    gg = _gambit(game)
    data = gg.mixed_strategy_profile(data=[[1000 * v for v in p] for p in ours.profile])
    fit = gbt.qre.logit_estimate(data)
    assert fit.lam == pytest.approx(1.3, abs=1e-3)


def test_bad_input_and_display():
    with pytest.raises(GameError, match="lam"):
        logit_qre(PENNIES, -1.0)
    with pytest.raises(GameError, match="lam"):
        logit_qre(PENNIES, float("nan"))
    x = sympy.Symbol("x")
    with pytest.raises(SymbolicError, match="x"):
        logit_qre(Game.from_bimatrix([[x, 0], [0, 1]]), 1.0)
    assert str(logit_qre(PENNIES, 1.0)).startswith("logit QRE at lambda = 1: Row: s1 0.5, s2 0.5; Column: s1 0.5")
    assert "logit path:" in str(logit_path(PENNIES))
