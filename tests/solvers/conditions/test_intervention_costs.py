"""Minimal interventions against hand computations at the essay's values."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import games
from games import Game, GameError, SymbolicError, UnknownNameError
from games.collective import collective_action
from games.individual import career_choice
from solvers import buyout_effect, minimal_intervention

R = sympy.Rational
PHD = games.essay.parameters("phd")

# phd defaults: U_A = 35,000 x 5 + 16,250 = 191,250; U_C = 615,000; U_N = 500,000.


def test_career_subsidy_at_the_phd_defaults():
    # Alignment must beat both: max(615,000 - 191,250, 500,000 - 191,250) = 423,750
    cost = minimal_intervention(career_choice(), "Alignment", values=PHD)
    assert cost.amount == 423_750 and cost.total_cost == 423_750
    assert not cost.sufficient_only


def test_career_subsidy_in_the_dunbar_cases():
    # dunbar: U_A = 175,000 + 260,000 = 435,000: 615,000 - 435,000 = 180,000
    dunbar = games.essay.parameters("phd", case="dunbar")
    assert minimal_intervention(career_choice(), values=dunbar).amount == 180_000
    # dunbar with m = 5: U_A = 175,000 + 1,300,000 beats both: nothing needed
    assert minimal_intervention(career_choice(), values=games.essay.parameters("phd", case="dunbar_5x")).amount == 0


def test_tax_and_prize():
    # A tax on the other strategies needs the same 423,750 but costs nothing
    # once everyone complies; a prize paid with probability p = 5% must be
    # 423,750 / 0.05 = 8,475,000, costing 423,750 in expectation.
    tax = minimal_intervention(career_choice(), instrument="tax", values=PHD)
    assert (tax.amount, tax.total_cost) == (423_750, 0)
    prize = minimal_intervention(career_choice(), instrument="prize", success_probability=R(1, 20), values=PHD)
    assert (prize.amount, prize.total_cost) == (8_475_000, 423_750)


def test_symbolic_career_subsidy_matches_the_hand_formula_at_random_points():
    # s* = max(0, U_C - U_A, U_N - U_A) with the payoffs written out here
    game = career_choice()
    cost = minimal_intervention(game)
    s = {x.name: x for x in game.free_symbols}
    U_A = (s["salary_alignment"] * s["horizon_years"] + s["reputation_alignment"] + s["p_pivotal"]
           * s["doom_reduction"] * s["researcher_vsl_multiplier"] * s["vsl"]
           * (1 + s["altruism_weight"] * s["circle_size"]))
    U_C = s["salary_capabilities"] * s["horizon_years"] + s["reputation_capabilities"]
    U_N = s["salary_neither"] * s["horizon_years"]
    rng = np.random.default_rng(31)
    for _ in range(40):
        point = {x: R(int(rng.integers(0, 10**6)), int(rng.integers(1, 100))) for x in game.free_symbols}
        expected = max(0, (U_C - U_A).xreplace(point), (U_N - U_A).xreplace(point))
        assert cost.amount.xreplace(point) == expected


def test_collective_action_subsidy_per_researcher_and_total():
    # n = 50 researchers at the phd defaults: Capabilities leads by
    # 440,000 - 16,250 = 423,750 whatever the others do (no clamp at n = 50),
    # so each Alignment researcher needs 423,750: 50 x 423,750 in all.
    cost = minimal_intervention(collective_action(), "Alignment", values=PHD)
    assert cost.amount == 423_750
    assert cost.total_cost == 50 * 423_750
    eq = minimal_intervention(collective_action(), "Alignment", target="equilibrium", values=PHD)
    assert eq.amount == 423_750


def test_unique_equilibrium_in_a_stag_hunt():
    # Stag (4 / 0) vs Hare (3 / 3): all-Stag is already an equilibrium (0 needed);
    # it is the only one once Stag beats Hare against Hare: 0 + s > 3, so s* = 3.
    stag = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["Stag", "Hare"], ["Stag", "Hare"]))
    assert minimal_intervention(stag, "Stag", target="equilibrium").amount == 0
    unique = minimal_intervention(stag, "Stag", target="unique")
    assert unique.amount == 3 and not unique.sufficient_only
    symbolic = minimal_intervention(Game.from_bimatrix([[4, 0], [sympy.Symbol("h"), 3]]), 0, target="unique")
    assert symbolic.sufficient_only


def test_buyout_of_the_essays_billion():
    # $1b / ($250k x 5 years) = 800 careers.  With gamma = 0 (the default) leaving
    # AI lowers P(doom) by nothing; moved to Alignment each lowers it by
    # p delta = 0.0025: 800 x 0.0025 = 2 > 0.2, so P(doom) falls to 0.
    effect = buyout_effect(10**9, 250_000 * 5)
    assert effect.careers == 800 and effect.doom_change == 0
    moved = buyout_effect(10**9, 250_000 * 5, doom_per_career=R(1, 400), p_doom=R(1, 5))
    assert moved.doom_change == -2 and moved.p_doom_after == 0
    gamma = buyout_effect(10**9, 250_000 * 5, doom_per_career=R(1, 10_000), p_doom=R(1, 5))
    assert gamma.p_doom_after == R(1, 5) - R(800, 10_000)


def test_errors_name_the_bad_item():
    game = career_choice()
    with pytest.raises(GameError, match="target='best' not allowed"):
        minimal_intervention(game, target="best")
    with pytest.raises(GameError, match="instrument='bribe' not allowed"):
        minimal_intervention(game, instrument="bribe")
    with pytest.raises(GameError, match="needs success_probability"):
        minimal_intervention(game, instrument="prize")
    with pytest.raises(UnknownNameError, match="Alignmnet"):
        minimal_intervention(game, "Alignmnet")
    with pytest.raises(SymbolicError, match="substitute a number of players"):
        minimal_intervention(collective_action())
    with pytest.raises(GameError, match="career_cost"):
        buyout_effect(10**9, 0)
