"""The game library as a whole: registration, symbols, model parameters, one hand-checked cell per game."""

from __future__ import annotations

import math

import pytest
import sympy

import games
from games import Game, SymmetricGame, essay

PS = essay.parameters("phd")

LEVELS = {
    "career_choice": "individual",
    "collective_action": "individual",
    "collective_action_pair": "individual",
    "threshold_alignment": "individual",
    "alignment_washing": "individual",
    "lab_race": "organizational",
    "n_lab_race": "organizational",
    "funding": "organizational",
    "great_power_race": "geopolitical",
    "n_power_race": "geopolitical",
    "subsidy": "intervention",
    "tax": "intervention",
    "prize": "intervention",
    "buyout": "intervention",
}

B, TN = 10**9, 10**12


def cell(game, where):
    """A payoff of the first player: a profile for a Game, (strategy, count) for a SymmetricGame."""
    if isinstance(game, SymmetricGame):
        return game.payoff(*where)
    return game.payoffs[0][where]


# One cell per game at the phd defaults, computed by hand (see the level tests for the working).
HAND = {
    "career_choice": ((0, 0), 35_000 * 5 + 16_250),  # w_A T + 0.05 * 0.05 * 6.5m
    "collective_action": (("Capabilities", 0), 123_000 * 5 + 6_500_000 * 8 // 10),  # 615,000 + 0.8 * 6.5m
    "collective_action_pair": ((1, 1), 123_000 * 5 + 6_500_000 * 8 // 10),
    "threshold_alignment": (("Alignment", 1), 175_000 + 5_200_000 + 1_300_000),  # pivotal: doom averted
    "alignment_washing": ((1, 0), 615_000 + 500_000),  # w_C T + social capital, trusted
    "lab_race": ((1, 0), 120 * B - 55 * B - 10 * B),  # 0.8 * 150bn - 110bn / 2 - 0.1 * 100bn (issue 18: prize M)
    "n_lab_race": (("Safety", 4), 30 * B - 22 * B - 5 * B),  # 150bn / 5 - 110bn / 5 - 5bn
    "funding": ((1, 1), 13 * B + 160 * B),  # 10bn * 1.3 + 0.8 * 200bn
    "great_power_race": ((0, 0), 2 * TN),  # 2b
    "n_power_race": (("Alignment", 2), 3 * TN),  # 3b with three powers
    "subsidy": ((0, 0), 191_250),  # subsidy 0 by default
    "tax": ((1, 0), 615_000),  # tax 0 by default
    "prize": ((0, 0), 191_250),  # prize 0 by default
    # Neither + $1b / 800 + the time her removal buys (issue 18): 6.5e6 x 0.01 x 5 x (1 - 1/2) / 10,000 = 65/4
    "buyout": ((3, 0), 500_000 + 1_000_000_000 // 800 + sympy.Rational(65, 4)),
}


def test_every_required_game_is_registered_at_its_level():
    entries = games.library_entries()
    for name, level in LEVELS.items():
        assert name in entries, name
        assert entries[name].level == level
        assert entries[name].summary


@pytest.mark.parametrize("name", sorted(LEVELS))
def test_one_cell_at_the_defaults(name):
    where, expected = HAND[name]
    game = games.build(name).subs(PS)
    assert game.is_numeric
    assert cell(game, where) == expected


@pytest.mark.parametrize("name", sorted(LEVELS))
def test_games_use_registry_symbols_only(name):
    game = games.build(name)
    registry = {p.symbol for p in PS.values()}
    assert game.free_symbols, f"{name} has no parameters"
    assert game.free_symbols <= registry, game.free_symbols - registry
    # the same symbols under both scenarios: nothing scenario-specific is baked in
    assert game.subs(essay.parameters("industry")).is_numeric


@pytest.mark.parametrize("name", sorted(LEVELS))
def test_games_are_immutable_values(name):
    game = games.build(name)
    assert hash(game) == hash(games.build(name))
    assert game == games.build(name)
    with pytest.raises(AttributeError):
        game.name = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("name", [n for n, lvl in LEVELS.items() if lvl != "intervention"])
def test_builders_are_documented(name):
    doc = games.library()[name].__doc__ or ""
    for section in (".. math::", "Returns", "References", "Examples"):
        assert section in doc, f"{name}: no {section}"
    # each builder quotes the essay
    assert "essay" in doc


def test_career_choice_is_a_three_by_one_bimatrix_against_a_passive_world():
    g = games.build("career_choice")
    assert isinstance(g, Game)
    assert g.shape == (3, 1)
    assert g.payoffs[1].tolist() == [[0], [0], [0]]


def test_numeric_games_give_finite_float_arrays():
    for name in LEVELS:
        game = games.build(name).subs(PS)
        if isinstance(game, SymmetricGame):
            continue
        for arr in game.numeric_arrays():
            assert all(math.isfinite(x) for x in arr.ravel())


def test_small_symmetric_games_expand():
    # collective_action with 3 researchers: player 1 aligns, player 2 races, player 3 aligns:
    # P = 0.2 - 2 * 0.0025 = 0.195, so player 1 gets 175,000 + 0.805 * 6.5m = 5,407,500
    g = games.build("collective_action", n=3).subs(PS).to_game()
    assert g.shape == (2, 2, 2)
    assert g.payoffs[0][0, 1, 0] == 5_407_500
    assert g.payoffs[1][0, 1, 0] == 615_000 + 5_232_500


MODEL_PARAMETERS = [
    "salary_neither", "reputation_alignment", "reputation_capabilities", "capabilities_doom_increase",
    "n_researchers", "team_size", "alignment_threshold", "threshold_success_probability", "social_capital",
    "audit_cost", "audit_detection", "washing_penalty", "washing_harm", "leader_share", "safety_cost",
    "lab_catastrophe_loss", "n_labs", "capabilities_return", "alignment_return_share", "funding_doom_reduction",
    "investor_stake", "alignment_world_benefit", "alignment_synergy", "capabilities_edge", "race_risk_one",
    "race_risk_both", "power_catastrophe_loss", "n_powers", "alignment_subsidy", "capabilities_tax",
    "alignment_prize", "buyout_researchers",
]


@pytest.mark.parametrize("name", MODEL_PARAMETERS)
def test_model_parameters_are_marked_ours_with_ranges(name):
    p = essay.MODEL_PARAMETERS[name]
    assert p.ours
    assert p.description and p.unit and p.quote and p.latex
    assert p.low is not None and p.high is not None
    assert p.low <= p.value <= p.high
    # reachable from every scenario (so --set finds them)
    assert essay.parameters("industry")[name].value == p.value


def test_model_parameter_defaults():
    # the documented defaults (module docstrings)
    v = {n: essay.MODEL_PARAMETERS[n].value for n in MODEL_PARAMETERS}
    assert v["salary_neither"] == 100_000
    assert v["reputation_alignment"] == v["reputation_capabilities"] == 0
    assert v["n_researchers"] == 50
    assert (v["team_size"], v["alignment_threshold"]) == (5, 2)
    assert v["leader_share"] == sympy.Rational(4, 5)
    assert v["buyout_researchers"] == 800
    assert v["alignment_subsidy"] == v["capabilities_tax"] == v["alignment_prize"] == 0


def test_library_filters_by_family_and_names_unknown_families():
    every = games.library()
    normal = games.library(family="normal-form")
    # today's fourteen strategic-form games are all normal-form; other families only add names
    assert set(normal) <= set(every) and len(normal) == 14
    assert all(e.family == "normal-form" for e in games.library_entries(family="normal-form").values())
    with pytest.raises(games.GameError, match=r"unknown family 'tree'.*normal-form, extensive"):
        games.library(family="tree")
