"""The essay's sequential models at the essay's values: conditions derived by hand in the comments."""

from __future__ import annotations

import pytest
import sympy

import games
from games import ExtensiveGame, RepeatedGame
from games.sequential import QUOTES
from solvers import break_even, equilibrium_conditions, subgame_perfect_equilibria, sustainability
from solvers.symbolic.relations import sign_of

B = 10**9
PARAMS = games.essay.parameters()
VALUES = {p.name: p.value for p in PARAMS.values()}


def test_registered_with_their_families():
    entries = games.library_entries()
    assert entries["lab_race_leader"].family == "extensive"
    assert entries["mission_drift"].family == "repeated" and entries["safety_pact"].family == "repeated"
    assert "lab_race_leader" not in games.library(family="normal-form")
    assert isinstance(games.build("lab_race_leader"), ExtensiveGame)
    assert isinstance(games.build("safety_pact"), RepeatedGame)


def test_quotes_use_the_essays_numbers():
    text = " ".join(QUOTES["mission_drift"])
    assert "$10b" in text and "$50b" in text and "$110b" in text
    assert "outcompeted" in QUOTES["lab_race_leader"][0]
    for name in ("entry_cost", "mission_funding_share", "drift_market_share", "mission_value", "funder_value_ratio"):
        assert games.essay.MODEL_PARAMETERS[name].ours


def test_lab_race_leader_at_the_essays_values():
    # I = 110, sigma = 0.8, kappa = 5, P L = 0.2 * 100 = 20 ($bn), c_E = 20:
    # after Alignment the entrant gets 0.8*110 - 20 - 10 = 58 > 0: enters; after Capabilities 55 - 20 - 20 = 15 > 0.
    # The leader then compares 0.2*110 - 5 - 10 = 7 (Alignment) with 55 - 20 = 35 (Capabilities): it races.
    (e,) = subgame_perfect_equilibria(games.build("lab_race_leader").subs(PARAMS))
    assert e.path == ("Capabilities", "Enter") and e.payoffs == (35 * B, 15 * B)


def test_lab_race_leader_keeps_alignment_iff_entry_is_blockaded():
    # entry after Alignment needs c_E <= sigma I - P L / 2 = 88 - 10 = 78; after Capabilities c_E <= I/2 - P L = 35;
    # the leader keeps Alignment iff both are deterred (c_E >= 78) and kappa <= P L / 2 = 10 ($bn)
    g = games.build("lab_race_leader").subs({k: v for k, v in VALUES.items() if k not in ("entry_cost", "safety_cost")})
    recs = {r.label: r for r in equilibrium_conditions(g)}
    keep = recs["(Alignment, Stay out, Stay out)"]
    assert keep.holds_at({"entry_cost": 78 * B, "safety_cost": 10 * B})
    assert not keep.holds_at({"entry_cost": 77 * B, "safety_cost": 5 * B})
    assert not keep.holds_at({"entry_cost": 100 * B, "safety_cost": 11 * B})
    values = sorted(t.value for t in break_even(games.build("lab_race_leader"), "entry_cost", PARAMS).thresholds)
    assert values == [35 * B, 78 * B]


@pytest.mark.parametrize("market, threshold", [("ai_investment_2023", sympy.Rational(1, 2)),
                                               ("ai_investment_2024", sympy.Rational(11, 10))],
                         ids=["2023-50b", "2024-110b"])
def test_mission_drift_threshold_at_the_essays_values(market, threshold):
    # g = 0.1 * $10b = $1b a year of Alignment funding; drifting earns x = 0.01 * $50b = $0.5b (2023)
    # or 0.01 * $110b = $1.1b (2024); mission kept iff delta >= (x - v_M)/g with v_M = 0:
    # 1/2 in 2023, 11/10 in 2024 (never: the $110b market makes drift certain)
    res = sustainability(games.build("mission_drift", market=market).subs(PARAMS))
    assert res.threshold == threshold


def test_mission_drift_threshold_in_closed_form_rises_with_the_funding_gap():
    res = sustainability(games.build("mission_drift"))
    s = {n: games.essay.symbol(n) for n in ("ai_investment_2024", "drift_market_share", "mission_value",
                                              "alignment_funding_total", "mission_funding_share")}
    want = (s["drift_market_share"] * s["ai_investment_2024"] - s["mission_value"]) / (
        s["mission_funding_share"] * s["alignment_funding_total"])
    assert sympy.simplify(res.threshold - want) == 0
    # d threshold / d I = phi_C / (phi_A F_A) >= 0 (the one sign helper, weak: shares may be 0)
    assert sign_of(sympy.diff(res.threshold, s["ai_investment_2024"]), weak=True) == 1


def test_safety_pact_threshold_at_the_essays_values():
    # T = b + E - h1 D = 1 + 3 - 0.5 = 3.5, R = 2b + s = 2, P = -h2 D = -1 ($tn): (T - R)/(T - P) = 1.5/4.5 = 1/3
    res = sustainability(games.build("safety_pact").subs(PARAMS))
    assert res.threshold == sympy.Rational(1, 3)
    # closed form (T - R)/(T - P) = (E - b - s - h1 D)/(E + b + (h2 - h1) D), where the denominator is positive
    b, s, e, h1, h2, d = (games.essay.symbol(n) for n in ("alignment_world_benefit", "alignment_synergy",
                          "capabilities_edge", "race_risk_one", "race_risk_both", "power_catastrophe_loss"))
    closed = sustainability(games.build("safety_pact"))
    assert sympy.simplify(closed.threshold - (e - b - s - h1 * d) / (e + b + (h2 - h1) * d)) == 0
    assert closed.threshold.subs(PARAMS.substitutions()) == sympy.Rational(1, 3)
    (t,) = break_even(games.build("safety_pact"), "delta", PARAMS).thresholds
    assert t.value == sympy.Rational(1, 3)
