"""The report's sections on hidden information and continuous choices: their numbers against hand derivations."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
import sympy

import games
from solvers.report.build import build_report
from solvers.report.continuous_sections import precipice_numbers
from solvers.report.document import write_report
from tests.conftest import requires_pdflatex


@pytest.fixture(scope="module")
def report():
    return build_report(sections=("information", "continuous"))


def test_contest_spending_by_hand(report):
    d = report.data["continuous"]["rd_contest"]
    # Tullock contest u = x / (x + (n-1) y) V - (1 + sigma) x; at the symmetric point the first-order condition
    # (n-1) / (n^2 x) V = 1 + sigma gives x* = (n-1) V / (n^2 (1 + sigma)) = 4 x 62.5bn / (25 x 1.1) = 100bn / 11;
    # all labs pay n (1 + sigma) x* = (n-1) V / n = 0.8 x 62.5bn = 50bn (the essay's $50b this year)
    assert Fraction(d["spending_exact"]) == Fraction(100 * 10**9, 11)
    assert d["total"] == 50 * 10**9
    md = report.markdown()
    assert "All labs together pay $50bn" in md
    assert "$9.091bn" in report.tex()


def test_precipice_disaster_by_hand(report):
    d = report.data["continuous"]["precipice_race"]
    # Armstrong, Bostrom and Shulman (2016) with n = 2 teams, enmity e = 1, capabilities uniform on [0, mu = 1]:
    # no information: s* = min(1, mu / (n e)) = 1/2, D = 1/2; private: K = 1 + (n-1) e = 2 >= mu, so
    # D = 1 - n mu / ((n+1) K) = 1 - 2/6 = 2/3; public: mu <= e, so D = 1 - mu / ((n+1) e) = 1 - 1/3 = 2/3
    assert [Fraction(d[c]["disaster_exact"]) for c in ("none", "private", "public")] == \
        [Fraction(1, 2), Fraction(2, 3), Fraction(2, 3)]
    md = report.markdown()
    assert "no team knows any capability: 50%" in md and "every team knows every capability: 66.67%" in md


def test_alignment_signal_conditions_by_hand(report):
    d = report.data["information"]["alignment_signal"]
    # separating (Genuine verifies, Washed claims; the funder funds Verify only) needs c_V <= S <= c_V + d L_W;
    # at the values c_V + d L_W = 50,000 + 0.5 x 500,000 = 300,000 < S = 500,000: washers would verify too
    assert d["separating"] == ["social_capital >= verification_cost",
                               "audit_detection*washing_penalty + verification_cost >= social_capital"]
    assert d["verify_cost_to_washer"] == 300_000 and d["separating_holds"] is False
    # pooling on Claim, funded: pi V_F >= (1 - pi) H_W, 0.5 x 200,000 = 100,000 >= 0.5 x 100,000 = 50,000
    assert d["pooling_holds"] is True
    assert (d["expected_value_funded"], d["expected_harm_funded"]) == (100_000, 50_000)
    md = report.markdown()
    assert "the social capital $500,000 exceeds what verifying costs a washer, $300,000" in md
    assert "worth $100,000 in expectation against $50,000 of expected harm" in md


@requires_pdflatex
def test_sections_compile_without_overfull_boxes(report, tmp_path):
    files = write_report(report, tmp_path / "r")
    log = (files.folder / "report.log").read_text(errors="replace")
    assert not re.findall(r"Overfull \\hbox.*", log)
    assert "Citation" not in log or "undefined" not in log


def test_precipice_public_selection_is_stated_with_its_least_safe_end():
    # n = 2, e = mu = 1/2.  The gap Delta of two uniform draws on [0, mu] has density 2 (mu - Delta) / mu^2 and
    # mean mu/3 = 1/6.  Safest public equilibrium (leader at Delta/e <= 1): D = 1 - E[Delta]/e = 1 - 1/3 = 2/3;
    # least safe (leader at Delta, runner-up at 0): D = 1 - E[Delta] = 5/6; private: s(c) = c/(1+e), the most
    # capable (mean 2 mu / 3 = 1/3) wins, D = 1 - (1/3)/(3/2) = 7/9.
    params = games.essay.parameters().set(race_teams=2, race_enmity=sympy.Rational(1, 2),
                                              capability_spread=sympy.Rational(1, 2))
    d = precipice_numbers(params)
    assert d["public"]["disaster"] == Fraction(2, 3) and d["public"]["least_safe"] == Fraction(5, 6)
    assert d["private"]["disaster"] == Fraction(7, 9)


def test_report_says_the_public_ends_coincide_at_enmity_one(report):
    # enmity e = 1 (the default): Delta/e = Delta, so the continuum is one point and both ends give 2/3
    assert Fraction(report.data["continuous"]["precipice_race"]["public"]["least_safe_exact"]) == Fraction(2, 3)
    assert "at enmity 1 the two ends coincide" in report.markdown()
    assert r"from its lead $\Delta$ to $\Delta/e$" in report.tex()
