"""Regression tests for bugs found while integrating the pieces."""

from __future__ import annotations

import numpy as np
import pytest

import games
import solvers
from tests.conftest import compile_latex, requires_pdflatex


def test_threshold_alignment_mixed_equilibria_print_and_match_the_hand_polynomial():
    # threshold_alignment at the defaults: 5 researchers, success needs 2. A researcher is pivotal when
    # exactly 1 of the 4 others works on Alignment, worth p_doom * V = 0.2 * 6.5e6 = 1.3e6 against the
    # 440,000 sacrifice: 4 x (1 - x)^3 = 440,000 / 1,300,000, i.e. 130x^4 - 390x^3 + 390x^2 - 130x + 11 = 0.
    roots = sorted(r.real for r in np.roots([130, -390, 390, -130, 11]) if abs(r.imag) < 1e-12 and 0 < r.real < 1)
    eqs = solvers.symmetric_equilibria(games.collective.threshold_alignment().subs(games.essay.parameters()))
    mixed = sorted(float(e.p) for e in eqs if e.kind == "mixed")
    assert mixed == pytest.approx(roots, rel=1e-12)
    texts = [str(e) for e in eqs]  # used to raise TypeError on CRootOf payoffs
    shown = sorted(float(t.split("= ", 1)[1].split()[0]) for t in texts if "mixed" in t)
    assert shown == pytest.approx(roots, rel=1e-9)


def test_summary_describes_components_of_a_degenerate_game():
    from games import Game
    from solvers.equilibria.summary import equilibria_summary

    # von Stengel's degenerate 3x2 game: row s1 against any column mix with q(s1) >= 2/3 is an
    # equilibrium (row payoff 3 >= 2q + 5(1-q) iff q >= 2/3): one segment plus an isolated point.
    lines, records = equilibria_summary(Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]))
    assert len(records) == 3
    assert lines[-1].startswith("degenerate game: the equilibria form 2 connected set(s)")
    assert "conv{(1, 0) | (2/3, 1/3)}" in lines[-1]


def _closed_form_result(which):
    g = games.build("career_choice")
    return {
        "conditions": lambda: solvers.equilibrium_conditions(g)[0],
        "break_even": lambda: solvers.break_even(g, "altruism_weight"),
        "threshold": lambda: solvers.break_even(g, "altruism_weight").thresholds[0],
        "classification": lambda: solvers.classify(games.build("great_power_race"), games.essay.parameters()),
    }[which]()


WHICH = ["conditions", "break_even", "threshold", "classification"]


@pytest.mark.parametrize("which", WHICH)
def test_closed_form_results_render_in_jupyter(which):
    tex = _closed_form_result(which)._repr_latex_()
    assert tex.startswith("$$\\begin{aligned}") and tex.endswith("\\end{aligned}$$")
    assert "%" not in tex.replace("\\%", "")  # no TeX comments for MathJax/KaTeX
    if which == "classification":
        # great_power_race at the defaults is a Prisoner's Dilemma (payoff ordering checked in test_geopolitical)
        assert "Prisoner's Dilemma" in tex


@requires_pdflatex
@pytest.mark.parametrize("which", WHICH)
def test_closed_form_results_latex_compiles(tmp_path, which):
    tex = _closed_form_result(which)._repr_latex_()
    p = compile_latex("\\[" + tex[2:-2] + "\\]", tmp_path)
    assert p.returncode == 0, p.stdout[-1500:]
