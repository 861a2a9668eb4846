"""alignment_signal: its registry entry, payoffs and the pooling / separating conditions derived by hand."""

from __future__ import annotations

import pytest
import sympy

import games
from games import SignalingGame
from games.hidden_information import alignment_signal
from solvers import perfect_bayesian_equilibria

R = sympy.Rational


def test_registered_as_signalling():
    entry = games.library_entries()["alignment_signal"]
    assert entry.family == "signaling" and entry.level == "individual"
    assert "alignment_signal" not in games.library(family="normal-form")
    assert isinstance(games.build("alignment_signal"), SignalingGame)


def test_new_parameters_are_ours_with_quotes():
    ps = games.essay.parameters()
    for name in ("prior_genuine", "verification_cost", "funded_alignment_value"):
        assert ps[name].ours and ps[name].quote and ps[name].low is not None and ps[name].high is not None


def test_payoffs_at_the_defaults():
    # S = 500,000, c_V = 50,000, d L_W = 0.5 * 500,000, V_F = 200,000, H_W = 100,000
    g = alignment_signal().subs(games.essay.parameters())
    assert g.payoff("Genuine", "Verify", "Fund") == (450_000, 200_000)
    assert g.payoff("Washed", "Verify", "Fund") == (200_000, -100_000)
    assert g.payoff("Washed", "Claim", "Pass") == (0, 0)


def _kinds(values):
    g = alignment_signal().subs(games.essay.parameters().set(values))
    return g, perfect_bayesian_equilibria(g)


CASES = [
    # (overrides, separating exists?, claims funded in a pooling equilibrium?)
    ({}, False, True),  # S = 500k > c_V + d L_W = 300k; pi V_F = 100k >= (1 - pi) H_W = 50k
    ({"washing_penalty": 1e6}, True, True),  # c_V + d L_W = 550k >= S = 500k >= c_V
    ({"social_capital": 40e3}, False, True),  # S < c_V: verifying does not pay even for genuine work
    ({"washing_harm": 300e3}, False, False),  # pi V_F = 100k < 150k: claims are not funded
    ({"washing_harm": 300e3, "audit_detection": 1}, True, False),  # 50k + 500k >= 500k
]


@pytest.mark.parametrize("values, separating, funded", CASES, ids=[str(c[0]) for c in CASES])
def test_pooling_and_separating_conditions(values, separating, funded):
    # By hand (the builder's docstring): separating (Genuine: Verify, Washed: Claim, Fund after Verify, Pass
    # after Claim) iff c_V <= S (genuine work gains from verifying) and S <= c_V + d L_W (washed work does
    # not); pooling on Claim with Fund iff pi V_F >= (1 - pi) H_W (the funder's expected value of a claim).
    g, eqs = _kinds(values)
    sep = [e for e in eqs if e.kind == "separating" and e.sender["Genuine"] == "Verify"]
    assert bool(sep) == separating
    for e in sep:
        assert dict(e.receiver) == {"Verify": "Fund", "Claim": "Pass"}
    pooled = [e for e in eqs if e.label == "pooling on Claim" and e.receiver["Claim"] == "Fund"]
    assert bool(pooled) == funded
    for e in pooled:
        assert e.intuitive is True  # both types lose c_V by verifying, whatever the funder does


def test_symbolic_separating_condition():
    # The separating record's condition, at points on either side of S = c_V + d L_W (others at defaults).
    g = alignment_signal()
    sep = [e for e in perfect_bayesian_equilibria(g) if e.kind == "separating" and e.sender["Genuine"] == "Verify"
           and dict(e.receiver) == {"Verify": "Fund", "Claim": "Pass"}]
    assert len(sep) == 1
    base = {s: games.essay.parameters()[s.name].value for s in sep[0].condition.free_symbols}
    S = games.essay.symbol("social_capital")
    assert sep[0].condition.subs({**base, S: 300_000}) is sympy.true
    assert sep[0].condition.subs({**base, S: 300_001}) is sympy.false
    assert sep[0].condition.subs({**base, S: 49_999}) is sympy.false
