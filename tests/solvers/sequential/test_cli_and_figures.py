"""The command line on trees and repeated games, and the tree's TikZ compiled with pdflatex."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

import games
from games import Chance, Decision, ExtensiveGame, Outcome
from solvers import folk_region, subgame_perfect_equilibria, sustainability, tree_figure
from solvers.report.build import build_report

PDFLATEX = shutil.which("pdflatex")


def test_solve_tree_json(cli):
    r = cli("solve", "lab_race_leader", "--json")
    assert r.code == 0, r.err
    (e,) = json.loads(r.out)["equilibria"]
    # hand derivation in tests/games/test_sequential_models.py: the leader races, the entrant enters
    assert e["path"] == ["Capabilities", "Enter"] and e["payoffs"] == [35e9, 15e9]


def test_solve_repeated_and_breakeven(cli):
    r = cli("solve", "safety_pact", "--json")
    assert r.code == 0, r.err
    grim = json.loads(r.out)["thresholds"][0]
    assert grim["punishment"] == "grim" and grim["threshold"] == pytest.approx(1 / 3)  # (3.5 - 2)/(3.5 + 1)
    r = cli("breakeven", "lab_race_leader", "entry_cost", "--json")
    assert r.code == 0, r.err
    assert [t["value"] for t in json.loads(r.out)["thresholds"]] == [35e9, 78e9]
    r = cli("breakeven", "mission_drift", "delta", "--option", "market=ai_investment_2023", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["thresholds"][0]["value_exact"] == "1/2"


def test_symbolic_solve_and_list(cli):
    r = cli("solve", "lab_race_leader", "--symbolic", "--json")
    assert r.code == 0 and any(e["label"] == "(Alignment, Stay out, Stay out)" for e in json.loads(r.out)["equilibria"])
    listed = {g["name"]: g for g in json.loads(cli("list", "--json").out)["games"]}
    assert listed["lab_race_leader"]["form"] == "extensive (game tree)"
    assert listed["lab_race_leader"]["strategies"][0] == ["Alignment", "Capabilities"]
    assert listed["safety_pact"]["form"].startswith("repeated")


def test_bad_input_is_one_line_and_exit_2(cli):
    r = cli("breakeven", "lab_race_leader", "entry_cots")
    assert r.code == 2 and "entry_cost" in r.err and len(r.err.strip().splitlines()) == 1
    r = cli("graph", "lab_race_leader", "--out", "tree.png")
    assert r.code == 2 and ".tex" in r.err


def test_graph_writes_the_tree_and_the_folk_region(cli, tmp_path):
    out = tmp_path / "tree.tex"
    r = cli("graph", "lab_race_leader", "--out", str(out))
    assert r.code == 0, r.err
    assert r"\begin{tikzpicture}" in out.read_text()
    fig = tmp_path / "folk.png"
    r = cli("graph", "safety_pact", "--out", str(fig))
    assert r.code == 0, r.err
    assert fig.read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed")
@pytest.mark.parametrize("which", ["lab_race_leader", "information-set-and-chance"])
def test_tree_figure_compiles(which, tmp_path):
    if which == "lab_race_leader":
        game = games.build("lab_race_leader").subs(games.essay.parameters())
    else:

        game = ExtensiveGame(("P1", 'P_2 & "3"'), Chance({"H": (0.5, Decision("P1", {
            "B": Decision('P_2 & "3"', {"x": Outcome((3, 1)), "y_1": Outcome((0, 0))}, infoset="h"),
            "S": Decision('P_2 & "3"', {"x": Outcome((0, 0)), "y_1": Outcome((1, 3))}, infoset="h")})),
            "T": (0.5, Outcome((2, 2)))}))
    spe = subgame_perfect_equilibria(game)
    (tmp_path / "tree.tex").write_text(tree_figure(game, spe[0], standalone=True))
    result = subprocess.run([PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "tree.tex"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout[-3000:]
    assert (tmp_path / "tree.pdf").read_bytes().startswith(b"%PDF")


def test_report_section_quotes_the_three_models():
    rep = build_report(sections=("sequential",))
    data = rep.data["sequential"]
    # thresholds derived by hand in tests/games/test_sequential_models.py
    assert data["lab_race_leader"]["entry_cost_thresholds"] == [35e9, 78e9]
    assert data["mission_drift_ai_investment_2023"]["threshold"] == 0.5
    assert data["mission_drift"]["threshold"] == 1.1
    assert data["safety_pact"]["threshold"] == pytest.approx(1 / 3)
    assert not rep.errors


def test_results_display_as_text_and_latex():
    g = ExtensiveGame(("A", "B"), Decision("A", {"l": Outcome((1, 0)),
                                                 "r": Decision("B", {"x": Outcome((2, 1)), "y": Outcome((0, 0))})}))
    (e,) = subgame_perfect_equilibria(g)
    assert str(e) == "A@root: r; B@r: x  (path r > x; payoffs 2, 1)"
    assert e._repr_latex_() == r"$\text{A@root}: \text{r};\ \text{B@r}: \text{x}$"
    pd = games.Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    res = sustainability(games.RepeatedGame(pd), ("C", "C"))
    assert "threshold: delta >= 1/2" in str(res) and r"\delta \ge \frac{1}{2}" in res._repr_latex_()
    region = folk_region(pd)
    assert r"\frac{13}{3}" in region._repr_latex_() and "minmax values (1, 1)" in str(region)
