"""aligngames solve: library games at the essay's values, named equilibrium strategies."""

from __future__ import annotations

import json

import pytest

import games


def test_solve_career_choice_baseline_is_capabilities(cli):
    r = cli("solve", "career_choice", "--set", "researcher_vsl_multiplier=1", "--set", "altruism_weight=0", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    (eq,) = data["equilibria"]
    assert eq["profile"]["Researcher"] == {"Alignment": 0, "Capabilities": 1, "Neither": 0}
    # 123,000 x 5 = 615,000 by hand
    assert eq["payoffs"]["Researcher"] == 615_000


def test_solve_career_choice_dunbar_5x_is_alignment(cli):
    r = cli("solve", "career_choice", "--case", "dunbar_5x", "--json")
    (eq,) = json.loads(r.out)["equilibria"]
    assert eq["profile"]["Researcher"]["Alignment"] == 1
    # 35,000 x 5 + 16,250 x 5 x (1 + 0.1 x 150) = 175,000 + 1,300,000
    assert eq["payoffs"]["Researcher"] == 1_475_000


def test_solve_option_own_life_false(cli):
    # without her own life, dunbar_5x gives 16,250 x 5 x 15 = 1,218,750 + 175,000
    r = cli("solve", "career_choice", "--case", "dunbar_5x", "--option", "own_life=false", "--json")
    (eq,) = json.loads(r.out)["equilibria"]
    assert eq["payoffs"]["Researcher"] == 1_393_750


def test_solve_symmetric_collective_action_text(cli):
    r = cli("solve", "collective_action")
    assert r.code == 0, r.err
    # Capabilities dominant at the defaults: nobody does Alignment; all-Capabilities payoff
    # 123,000 x 5 + (1 - 0.2) x 6.5e6 = 615,000 + 5,200,000
    assert "p(Alignment) = 0: pure, stable, payoff 5,815,000 each" in r.out


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("solve", "carer_choice"), "did you mean 'career_choice'"),
        (("solve", "career_choice", "--option", "own_life=maybe"), "not a boolean"),
        (("solve", "career_choice", "--option", "colour=red"), "unknown option"),
        (("solve", "career_choice", "--option", "own_life"), "expected name=value"),
        (("solve", "career_choice", "--set", "p_pivotal=1.5"), "not a probability"),
        # issue 19: the games in the library's order (by level, then registration)
        (("solve",), "give a GAME; the library's games: " + ", ".join(games.library())),
    ],
    ids=["unknown-game", "bad-bool", "unknown-option", "option-noequals", "bad-prob", "missing-game"],
)
def test_solve_bad_input(cli, args, fragment):
    r = cli(*args)
    assert r.code == 2 and r.out == ""
    assert len(r.err.strip().splitlines()) == 1 and fragment in r.err


def test_breakeven_altruism_at_baseline(cli):
    from fractions import Fraction

    r = cli("breakeven", "career_choice", "altruism_weight", "--json")
    assert r.code == 0, r.err
    (t,) = json.loads(r.out)["thresholds"]
    # alpha* = 440,000 / (0.05 x 0.05 x 6.5e6 x 150) - 1/150 = 440,000/2,437,500 - 1/150
    assert Fraction(t["value_exact"]) == Fraction(440_000, 2_437_500) - Fraction(1, 150)
    assert t["below"] == ["(Capabilities, Passive)"] and t["above"] == ["(Alignment, Passive)"]
    assert "circle_size" in t["closed_form"]


def test_breakeven_researcher_multiplier_dunbar(cli):
    from fractions import Fraction

    r = cli("breakeven", "career_choice", "researcher_vsl_multiplier", "--case", "dunbar", "--json",
            "--numeric-only")
    (t,) = json.loads(r.out)["thresholds"]
    assert Fraction(t["value_exact"]) == Fraction(440_000, 260_000)  # with own life
    r = cli("breakeven", "career_choice", "researcher_vsl_multiplier", "--case", "dunbar", "--json",
            "--numeric-only", "--option", "own_life=false")
    (t,) = json.loads(r.out)["thresholds"]
    assert Fraction(t["value_exact"]) == Fraction(440_000, 243_750)  # the essay's figure, without


def test_breakeven_bad_param(cli):
    r = cli("breakeven", "career_choice", "p_doom")
    assert r.code == 2 and "unknown parameter of 'career_choice' 'p_doom'" in r.err and r.err.count("\n") == 1


def test_graph_best_response_prisoners_dilemma(cli, tmp_path):
    # great_power_race is a Prisoner's Dilemma at the defaults (hand-checked in test_geopolitical):
    # every profile improves towards (Capabilities, Capabilities), the unique sink.
    r = cli("graph", "great_power_race", "--json", "--out", str(tmp_path / "g.graphml"))
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["attractors"] == [["Capabilities, Capabilities"]]
    assert len(data["nodes"]) == 4 and len(data["edges"]) == 4
    sinks = [n["id"] for n in data["nodes"] if n["equilibrium"]]
    assert sinks == [["Capabilities", "Capabilities"]]
    assert (tmp_path / "g.graphml").read_text().startswith("<?xml")


def test_graph_invasion_and_errors(cli):
    r = cli("graph", "great_power_race", "--kind", "invasion", "--population", "20", "--json")
    data = json.loads(r.out)
    assert [(e["source"], e["target"]) for e in data["edges"]] == [("Alignment", "Capabilities")]
    assert sum(data["stationary"].values()) == pytest.approx(1.0)
    r = cli("graph", "collective_action")
    assert r.code == 2 and "at most 12 players" in r.err
    r = cli("graph", "great_power_race", "--out", "/nonexistent/dir/g.png")
    assert r.code == 2 and "does not exist" in r.err


def test_sweep_is_wired_into_the_cli(cli):
    # great_power_race at the defaults is a Prisoner's Dilemma (test_geopolitical): on a grid that only
    # moves the capabilities edge between 2e12 and 3e12 it stays one, so every point has the single
    # equilibrium (Capabilities, Capabilities).
    r = cli("sweep", "great_power_race", "--vary", "capabilities_edge=2e12:3e12:3", "--json", "--quiet")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["points"] == 3
    assert data["regime_shares"] == {"(Capabilities, Capabilities)": 1.0}
    r = cli("sweep", "great_power_race", "--samples", "0")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1


def test_graph_regimes_career_choice(cli):
    # over altruism_weight alone, at the baseline, the switch from Capabilities to Alignment is at
    # 440,000 / 2,437,500 - 1/150 = 113/650 (hand derivation in test_breakeven)
    r = cli("graph", "career_choice", "--kind", "regimes", "--range", "altruism_weight=0:1", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert {n["id"] for n in data["nodes"]} == {"(Capabilities, Passive)", "(Alignment, Passive)"}
    (edge,) = data["edges"]
    assert "Eq(altruism_weight, 113/650)" in edge["thresholds"]
    r = cli("graph", "career_choice", "--kind", "regimes", "--range", "altruism_weight=0")
    assert r.code == 2 and "NAME=LOW:HIGH" in r.err


def test_breakeven_welfare_n_star_and_range_flag(cli):
    from fractions import Fraction

    r = cli("breakeven", "collective_action", "n_researchers", "--welfare", "--numeric-only", "--json")
    assert r.code == 0, r.err
    (t,) = json.loads(r.out)["thresholds"]
    # n* = (w_C - w_A) T / (p delta V) = 440,000 / 16,250 (game-library issue)
    assert Fraction(t["value_exact"]) == Fraction(440_000, 16_250)
    r = cli("breakeven", "career_choice", "p_pivotal", "--numeric-only", "--json")
    (t,) = json.loads(r.out)["thresholds"]
    # 440,000 / (0.05 x 6.5e6) = 88/65 > 1: not a probability
    assert Fraction(t["value_exact"]) == Fraction(88, 65) and t["in_range"] is False
