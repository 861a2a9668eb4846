"""The command line speaks plainly (issue 19): help for every option, ``aligngames help``, a missing game
lists the games, ``--latex`` works or is refused in one line, and the text output carries no Sphinx
markup, Python reprs or sympy syntax."""

from __future__ import annotations

import argparse
import re

import pytest

from solvers.cli.app import build_parser

SYMPY_OR_REPR = re.compile(r"Eq\(|Ne\(|\s&\s|\s\|\s|\[\[|\{'|:func:|:class:|``")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


def test_every_option_of_every_command_has_help():
    parser = build_parser()
    missing = []
    for name, sub in {"aligngames": parser, **_subparsers(parser)}.items():
        for action in sub._actions:  # noqa: SLF001
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):  # noqa: SLF001
                continue
            if not (action.help or "").strip():
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert not missing, missing


def test_help_command(cli):
    r = cli("help")
    assert r.code == 0 and all(c in r.out for c in ("list", "solve", "breakeven", "graph", "sweep", "report"))
    r = cli("help", "graph")
    assert r.code == 0 and "--kind" in r.out and "best-response" in r.out and "--rule" in r.out
    r = cli("help", "grpah")
    assert r.code == 2 and r.out == "" and r.err.count("\n") == 1 and "did you mean 'graph'" in r.err


@pytest.mark.parametrize("command", ["solve", "breakeven", "graph"])
def test_a_missing_game_lists_the_games(cli, command):
    r = cli(command)
    assert r.code == 2 and r.out == "" and r.err.count("\n") == 1
    for game in ("career_choice", "great_power_race", "lab_race"):
        assert game in r.err


@pytest.mark.parametrize("args", [("list",), ("audit",), ("sweep", "great_power_race", "--samples", "10"),
                                  ("report",)], ids=lambda a: a[0])
def test_latex_is_refused_in_one_line_where_there_is_none(cli, args):
    r = cli(*args, "--latex")
    assert r.code == 2 and r.out == "" and r.err.count("\n") == 1
    assert f"aligngames {args[0]}: --latex is not available here" in r.err


def test_solve_latex_prints_the_equilibria_as_latex(cli):
    r = cli("solve", "career_choice", "--latex")
    assert r.code == 0, r.err
    # at the essay's values Capabilities pays 123,000 x 5 = 615,000 and is the equilibrium (README)
    assert r.out.startswith("\\begin{aligned}") and r.out.rstrip().endswith("\\end{aligned}")
    assert "\\text{Capabilities}" in r.out and "615000" in r.out


def test_list_shows_no_markup(cli):
    r = cli("list")
    assert r.code == 0 and not SYMPY_OR_REPR.search(r.out), SYMPY_OR_REPR.search(r.out)
    assert "collective-action game: collective_action with n = 2" in r.out


def test_symbolic_conditions_read_as_mathematics(cli):
    r = cli("solve", "great_power_race", "--symbolic")
    assert r.code == 0 and not SYMPY_OR_REPR.search(r.out), SYMPY_OR_REPR.search(r.out)
    lines = r.out.splitlines()
    assert lines[0] == "(Alignment, Alignment)" and lines[1].startswith("    if ")
    assert any(line.startswith("    and ") for line in lines)
    # a mixed equilibrium's probabilities are bounded on both sides: written 0 < p < 1
    r = cli("solve", "career_choice", "--symbolic")
    assert "0 < sigma1_2 < 1" in r.out and " = " in r.out


def test_graph_prints_profiles_and_numbers_not_reprs(cli):
    # great_power_race is a Prisoner's Dilemma at the defaults: every path ends in (Capabilities, Capabilities)
    r = cli("graph", "great_power_race")
    assert r.code == 0 and not SYMPY_OR_REPR.search(r.out)
    assert r.out.splitlines()[-1].strip() == "(Capabilities, Capabilities)"
    # in the small-mutation limit the population spends all its time in the dominant strategy
    r = cli("graph", "great_power_race", "--kind", "chain")
    assert r.code == 0 and not SYMPY_OR_REPR.search(r.out)
    assert "    Capabilities: 1" in r.out and "    Alignment: 0" in r.out


def test_regimes_without_ranges_draws_the_map(cli, tmp_path):
    out = tmp_path / "reg.png"
    r = cli("graph", "great_power_race", "--kind", "regimes", "--out", str(out))
    assert r.code == 0, r.err
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
    assert not SYMPY_OR_REPR.search(r.out) and "% of the grid" in r.out


def test_regimes_border_is_the_closed_form_break_even(cli):
    # alpha* = (440,000 - 16,250) / (16,250 x 150) = 423,750 / 2,437,500 = 113/650 (the README's value)
    r = cli("graph", "career_choice", "--kind", "regimes", "--range", "altruism_weight=0:0.5")
    assert r.code == 0, r.err
    assert "from (Capabilities, Passive) to (Alignment, Passive) where altruism_weight = 113/650" in r.out


def test_graph_latex_prints_a_tikz_picture(cli):
    r = cli("graph", "great_power_race", "--latex")
    assert r.code == 0, r.err
    # the best-response graph of a 2 x 2 game: its 4 profiles are the picture's nodes
    assert "\\begin{tikzpicture}" in r.out and r.out.rstrip().endswith("\\end{tikzpicture}")
    assert r.out.count("\\node") >= 4
