"""Lab and investor games checked against hand computations.

Defaults: market value M = $150b (the prize, ours), investment I_2024 = $110b
shared equally (a cost: $55b each of two labs, $22b each of five; issue 18: the
old model paid the $110b investment out as the prize), leader share 0.8, safety
cost $5b, loss per lab $100b, P(doom) 0.2 (catastrophe probability 0.2 * c / n
with c racing labs);
investment $10b, return 0.3, RLHF share 0, doom reduction 0.01, stake $200b.
"""

from __future__ import annotations

import pytest
import sympy

from games import GameError, SymmetricGame, essay
from games.organizational import funding, lab_race, n_lab_race

PS = essay.parameters("phd")
B = 10**9  # one billion


def test_lab_race_cells_at_the_defaults():
    g = lab_race().subs(PS)
    # (S, S): 150/2 - 55 - 5 = 15;            (S, C): 0.2 * 150 - 55 - 5 - 0.1 * 100 = -40
    # (C, S): 0.8 * 150 - 55 - 0.1 * 100 = 55; (C, C): 150/2 - 55 - 0.2 * 100 = 0      (in $bn)
    assert g.payoffs[0].tolist() == [[15 * B, -40 * B], [55 * B, 0]]
    assert g.payoffs[1].tolist() == [[15 * B, 55 * B], [-40 * B, 0]]
    assert g.strategies == (("Safety", "Capabilities"), ("Safety", "Capabilities"))


def test_lab_race_is_a_prisoners_dilemma_at_the_defaults():
    A = lab_race().subs(PS).payoffs[0]
    R, S, T, P = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    assert T > R > P > S


def test_lab_race_without_a_leader_advantage_is_not_a_race():
    # sigma = 1/2 and no safety cost: Safety earns the same share and avoids risk, so Safety dominates
    g = lab_race().subs(PS.set(leader_share=0.5, safety_cost=0))
    A = g.payoffs[0]
    # (S, C) = 75 - 55 - 10 = 10 > (C, C) = 75 - 55 - 20 = 0; (S, S) = 75 - 55 = 20 > (C, S) = 10
    assert A.tolist() == [[20 * B, 10 * B], [10 * B, 0]]


def test_n_lab_race_cells_at_the_defaults():
    g = n_lab_race().subs(PS)
    assert isinstance(g, SymmetricGame)
    assert g.n_players == 5
    # each lab invests 110/5 = 22
    # all Safety: 150/5 - 22 - 5 = 3; lone Capabilities lab: 0.8 * 150 - 22 - 0.2 * 1/5 * 100 = 94
    assert g.payoff("Safety", 4) == 3 * B
    assert g.payoff("Capabilities", 4) == 94 * B
    # all Capabilities: 150/5 - 22 - 0.2 * 100 = -12; lone Safety lab: 0.2 * 150 - 22 - 5 - 0.2 * 4/5 * 100 = -13
    assert g.payoff("Capabilities", 0) == -12 * B
    assert g.payoff("Safety", 0) == -13 * B
    # j = 2 other Safety labs: Safety 0.2 * 150 / 3 - 22 - 5 - 0.2 * 2/5 * 100 = -25;
    # Capabilities: 0.8 * 150 / 3 - 22 - 0.2 * 3/5 * 100 = 6
    assert g.payoff("Safety", 2) == -25 * B
    assert g.payoff("Capabilities", 2) == sympy.Integer(6) * B


def test_n_lab_race_capabilities_dominant_but_all_safety_better():
    g = n_lab_race().subs(PS)
    for j in range(5):
        assert g.payoff("Capabilities", j) > g.payoff("Safety", j)
    assert g.payoff("Safety", 4) > g.payoff("Capabilities", 0)  # 3 > -12


def test_n_lab_race_with_two_labs_is_lab_race():
    sym = n_lab_race(2).subs(PS)
    A = lab_race().subs(PS).payoffs[0]
    assert [sym.payoff("Safety", 1), sym.payoff("Safety", 0)] == [A[0, 0], A[0, 1]]
    assert [sym.payoff("Capabilities", 1), sym.payoff("Capabilities", 0)] == [A[1, 0], A[1, 1]]


@pytest.mark.parametrize("n", [1, 3.5, "5"], ids=["1", "3.5", "str"])
def test_n_lab_race_bad_n(n):
    with pytest.raises(GameError, match="n="):
        n_lab_race(n)


def test_funding_cells_at_the_defaults():
    g = funding().subs(PS)
    # Alignment: 10 * (1 + 0) = 10; Capabilities: 10 * 1.3 = 13; survival (1 - P) * 200 with
    # P = 0.2 - 0.01 a: a = 2 -> 0.82 * 200 = 164, a = 1 -> 162, a = 0 -> 160   (in $bn)
    assert g.payoffs[0].tolist() == [[174 * B, 172 * B], [175 * B, 173 * B]]


def test_funding_is_a_prisoners_dilemma_at_the_defaults():
    A = funding().subs(PS).payoffs[0]
    R, S, T, P = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    assert T > R > P > S  # 175 > 174 > 173 > 172


def test_rlhf_objection_makes_alignment_dominant():
    # rho = 1: Alignment earns the Capabilities return too, so only the doom reduction differs
    A = funding().subs(PS.set(alignment_return_share=1)).payoffs[0]
    # (A, A) = 13 + 164 = 177 > (C, A) = 13 + 162 = 175; (A, C) = 13 + 162 = 175 > (C, C) = 173
    assert A.tolist() == [[177 * B, 175 * B], [175 * B, 173 * B]]


def test_more_money_favours_capabilities():
    # I = $1b: Capabilities gains 0.3 bn, Alignment buys 0.01 * 200 = 2 bn of survival: Alignment dominant
    A = funding().subs(PS.set(microsoft_openai_investment=1e9)).payoffs[0]
    assert A[0, 0] > A[1, 0] and A[0, 1] > A[1, 1]


def test_funding_clamp_only_matters_beyond_zero_doom():
    assert funding(clamp=False).subs(PS) == funding().subs(PS)
    # epsilon = 0.15: two Alignment investments would push P(doom) to -0.1; clamped to 0
    g = funding().subs(PS.set(funding_doom_reduction=0.15))
    assert g.payoffs[0][0, 0] == 10 * B + 200 * B
    with pytest.raises(GameError, match="clamp"):
        funding(clamp="no")  # type: ignore[arg-type]
