"""Interventions: subsidies, taxes, prizes and buy-outs, checked on hand-computed payoffs.

career_choice at the phd defaults: Alignment 191,250, Capabilities 615,000,
Neither 500,000 (see test_individual.py).
"""

from __future__ import annotations

import pytest
import sympy

import games
from games import Game, GameError, SymmetricGame, essay
from games.collective import collective_action, collective_action_pair
from games.individual import career_choice
from games.interventions import alignment_prize, buyout, subsidize_alignment, tax_capabilities
from games.organizational import lab_race
from games.reputation import alignment_washing

PS = essay.parameters("phd")
SUBSIDY = PS["alignment_subsidy"].symbol
TAX = PS["capabilities_tax"].symbol
PRIZE = PS["alignment_prize"].symbol


def researcher(game):
    return [game.payoffs[0][i, 0] for i in range(game.shape[0])]


def test_subsidy_adds_its_symbol_to_alignment_only():
    base = career_choice()
    g = subsidize_alignment(base)
    assert SUBSIDY in g.free_symbols and SUBSIDY not in base.free_symbols
    assert g.payoffs[0][0, 0] - base.payoffs[0][0, 0] == SUBSIDY
    assert g.payoffs[0][1, 0] == base.payoffs[0][1, 0]
    assert g.payoffs[0][2, 0] == base.payoffs[0][2, 0]
    assert g.payoffs[1] == base.payoffs[1]


def test_subsidy_default_is_no_intervention():
    assert subsidize_alignment(career_choice()).subs(PS).payoffs == career_choice().subs(PS).payoffs


def test_subsidy_break_even():
    # Alignment ties Capabilities when 191,250 + sigma = 615,000: sigma = 423,750
    g = subsidize_alignment(career_choice()).subs(PS.set(alignment_subsidy=423_750))
    assert researcher(g) == [615_000, 615_000, 500_000]


def test_subsidy_is_collected_by_washers():
    g = subsidize_alignment(alignment_washing()).subs(PS.set(alignment_subsidy=1000))
    base = alignment_washing().subs(PS)
    for r, extra in enumerate([1000, 1000, 0]):  # Genuine, Washed get it; Capabilities does not
        for c in range(2):
            assert g.payoffs[0][r, c] - base.payoffs[0][r, c] == extra
            assert g.payoffs[1][r, c] == base.payoffs[1][r, c]


def test_subsidy_on_a_symmetric_game_shifts_the_dominance_margin():
    g = subsidize_alignment(collective_action(30), 100_000).subs(PS)
    assert isinstance(g, SymmetricGame)
    # 423,750 - 100,000
    assert g.payoff("Capabilities", 5) - g.payoff("Alignment", 5) == 323_750


def test_tax_pushes_researchers_to_neither_not_alignment():
    # tau = 200,000: Capabilities 415,000 < Neither 500,000; Alignment stays at 191,250
    g = tax_capabilities(career_choice()).subs(PS.set(capabilities_tax=200_000))
    assert researcher(g) == [191_250, 415_000, 500_000]
    assert max(range(3), key=lambda i: researcher(g)[i]) == 2


def test_tax_falls_on_capabilities_in_both_players_payoffs():
    base = lab_race()
    g = tax_capabilities(base)
    assert g.payoffs[0][1, 0] - base.payoffs[0][1, 0] == -TAX
    assert g.payoffs[1][1, 0] - base.payoffs[1][1, 0] == 0  # column lab plays Safety there
    assert g.payoffs[1][0, 1] - base.payoffs[1][0, 1] == -TAX
    assert g.payoffs[0][0, 0] == base.payoffs[0][0, 0]


def test_tax_is_evaded_by_washers():
    g = tax_capabilities(alignment_washing()).subs(PS.set(capabilities_tax=5000))
    base = alignment_washing().subs(PS)
    assert g.payoffs[0][1, 0] == base.payoffs[0][1, 0]
    assert g.payoffs[0][2, 0] == base.payoffs[0][2, 0] - 5000


def test_prize_is_paid_in_expectation():
    base = career_choice()
    g = alignment_prize(base)
    assert g.payoffs[0][0, 0] - base.payoffs[0][0, 0] == PS["p_pivotal"].symbol * PRIZE
    # break-even prize: 0.05 * Z = 423,750 -> Z = 8,475,000
    num = g.subs(PS.set(alignment_prize=8_475_000))
    assert researcher(num)[:2] == [615_000, 615_000]


def test_prize_never_reaches_washers():
    g = alignment_prize(alignment_washing(), 1_000_000, success_probability=sympy.Rational(1, 10)).subs(PS)
    base = alignment_washing().subs(PS)
    assert g.payoffs[0][0, 1] - base.payoffs[0][0, 1] == 100_000
    assert g.payoffs[0][1, 1] == base.payoffs[0][1, 1]


def test_buyout_adds_an_island_strategy():
    g = buyout(career_choice())
    assert g.strategies == (("Alignment", "Capabilities", "Neither", "Bought out"), ("Passive",))
    num = g.subs(PS)
    # Neither's 500,000 plus $1b / 800 = 1,250,000
    assert researcher(num) == [191_250, 615_000, 500_000, 1_750_000]
    assert {"buyout_budget", "buyout_researchers"} <= {s.name for s in g.free_symbols}


def test_buyout_of_both_labs():
    g = buyout(lab_race(), 1, like="Safety").subs(PS)
    base = lab_race().subs(PS)
    assert g.shape == (3, 3)
    # a bought-out lab counts as Safety for everyone and gets the payment (1) on top
    assert g.payoffs[0][2, 2] == base.payoffs[0][0, 0] + 1
    assert g.payoffs[1][2, 1] == base.payoffs[1][0, 1]  # column lab races against a bought-out row lab
    assert g.payoffs[0][2, 1] == base.payoffs[0][0, 1] + 1
    assert g.payoffs[0][1, 2] == base.payoffs[0][1, 0]


def test_interventions_leave_the_input_unchanged():
    base = career_choice()
    copy = career_choice()
    subsidize_alignment(base)
    tax_capabilities(base)
    alignment_prize(base)
    buyout(base)
    assert base == copy


@pytest.mark.parametrize(
    ("call", "needle"),
    [
        (lambda: buyout(collective_action()), "SymmetricGame"),  # type: ignore[arg-type]
        (lambda: buyout(collective_action_pair()), "like='Neither'"),
        (lambda: buyout(buyout(career_choice())), "already"),
        (lambda: subsidize_alignment(career_choice(), strategies=["Alinement"]), "Alinement"),
        (lambda: subsidize_alignment(career_choice(), strategies="Alignment"), "string"),
        (lambda: tax_capabilities(Game.from_bimatrix([[1]]), 1), "default target"),
        (lambda: alignment_prize(career_choice(), 1, success_probability=2), "probability"),
        (lambda: subsidize_alignment("career_choice"), "Game or SymmetricGame"),  # type: ignore[arg-type]
    ],
    ids=["buyout-symmetric", "buyout-no-like", "buyout-twice", "unknown-strategy", "string-strategies",
         "no-target", "bad-probability", "not-a-game"],
)
def test_interventions_reject_bad_input(call, needle):
    with pytest.raises(GameError, match=needle):
        call()


@pytest.mark.parametrize(
    ("name", "symbol"),
    [("subsidy", "alignment_subsidy"), ("tax", "capabilities_tax"), ("prize", "alignment_prize"),
     ("buyout", "buyout_researchers")],
)
def test_registered_interventions(name, symbol):
    assert games.library_entries()[name].level == "intervention"
    g = games.build(name)
    assert symbol in {s.name for s in g.free_symbols}
    # on another base game
    if name != "buyout":
        assert symbol in {s.name for s in games.build(name, base="lab_race").free_symbols}
    else:
        assert games.build(name, base="career_choice", own_life=False).shape == (4, 1)
