"""The continuous races of the library: precipice_race and rd_contest (registry, parameters, payoffs)."""

from __future__ import annotations

import pytest
import sympy

import games
from games import essay
from games.races import RIVAL_SAFETY, SAFETY, win_probability


def test_registered_with_family_continuous():
    entries = games.library_entries(family="continuous")
    assert {"precipice_race", "rd_contest"} <= set(entries)
    assert all(e.level == "organizational" for n, e in entries.items() if n in ("precipice_race", "rd_contest"))
    # the strategic-form library is unchanged
    assert not {"precipice_race", "rd_contest"} & set(games.library(family="normal-form"))


@pytest.mark.parametrize("name", ["race_teams", "race_enmity", "capability_spread", "market_prize",
                                  "safety_cost_share"])
def test_parameters_are_ours_with_ranges_and_quotes(name):
    p = essay.MODEL_PARAMETERS[name]
    assert p.ours and p.quote and p.unit and p.latex and p.description
    assert p.low <= p.value <= p.high
    assert essay.parameters("industry")[name].value == p.value


def test_market_prize_default_makes_five_labs_spend_the_essays_50b():
    # total equilibrium outlay of n labs in a Tullock contest is (n - 1) V / n (Tullock 1980):
    # (5 - 1) / 5 * 62.5e9 = 50e9, the essay's "$50b into AI this year"
    ps = essay.parameters()
    assert ps["market_prize"].value * sympy.Rational(4, 5) == ps["ai_investment_2023"].value


@pytest.mark.parametrize(("d", "n", "expected"), [
    # two teams, mu = 1: P(c1 - d > c2) for uniforms; d = 1/2: the triangle (1 - d)^2 / 2 = 1/8
    (sympy.Rational(1, 2), 2, sympy.Rational(1, 8)),
    # d = -1/2: 1 - (1 + d)^2 / 2 = 7/8
    (-sympy.Rational(1, 2), 2, sympy.Rational(7, 8)),
    # equal safety: 1/n by symmetry
    (0, 5, sympy.Rational(1, 5)),
    # n = 3, d = 1/2: P(c - 1/2 > max of two) = int_{1/2}^1 (c - 1/2)^2 dc = 1/24
    (sympy.Rational(1, 2), 3, sympy.Rational(1, 24)),
    (-2, 3, 1), (2, 3, 0),
], ids=["n2-ahead", "n2-behind", "n5-tie", "n3-ahead", "sure-win", "sure-loss"])
def test_win_probability_against_hand_integrals(d, n, expected):
    assert win_probability(d, n, 1) == expected


def test_precipice_race_payoff_and_number_of_teams():
    g = games.build("precipice_race", n=3)
    assert g.n_players == 3 and g.strategies == ((SAFETY, 0, 1),)
    e, mu = essay.symbol("race_enmity"), essay.symbol("capability_spread")
    # all at the same safety t: win 1/3 with s = t, else a rival's safe AI worth (1 - e) t
    u = g.payoffs[0].subs({SAFETY: RIVAL_SAFETY, mu: 1})
    assert sympy.simplify(u - (RIVAL_SAFETY / 3 + sympy.Rational(2, 3) * (1 - e) * RIVAL_SAFETY)) == 0
    assert mu in g.free_symbols
    assert games.build("precipice_race").n_players == essay.symbol("race_teams")
    with pytest.raises(games.GameError, match="n=1"):
        games.build("precipice_race", n=1)


def test_rd_contest_with_and_without_safety_cost():
    x, y = sympy.symbols("x y", nonnegative=True)
    V, s = essay.symbol("market_prize"), essay.symbol("safety_cost_share")
    with_cost = games.build("rd_contest", n=3).payoffs[0]
    without = games.build("rd_contest", n=3, safety=False).payoffs[0]
    assert sympy.simplify(with_cost - (x / (x + 2 * y) * V - (1 + s) * x)) == 0
    assert sympy.simplify(without - (x / (x + 2 * y) * V - x)) == 0
    with pytest.raises(games.GameError, match="safety"):
        games.build("rd_contest", safety="yes")
