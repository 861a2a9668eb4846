"""aligngames report: a complete LaTeX article that compiles, Markdown and JSON with the same numbers."""

from __future__ import annotations

import json

import pytest

from games import essay
from solvers.report.build import build_report
from solvers.report.document import write_report
from tests.conftest import requires_pdflatex


@pytest.fixture(scope="module")
def report():
    return build_report()


def test_report_data_has_audit_and_every_game(report):
    audit = {c["id"]: c for c in report.data["audit"]}
    assert audit["marginal"]["computed"] == 16_250  # 0.05 x 0.05 x 6.5e6
    # issue 18: the essay's 16,250 x 0.1 x 150 = 243,750 is a reading, not a "mismatch"
    assert audit["dunbar"]["status"] == "reading" and audit["dunbar"]["computed"] == 243_750
    assert report.errors == []
    # career_choice at the baseline: Capabilities, 123,000 x 5 = 615,000
    (eq,) = report.data["games"]["career_choice"]["equilibria"]
    assert eq["profile"]["Researcher"]["Capabilities"] == 1 and eq["payoffs"]["Researcher"] == 615_000
    import games

    non_interventions = {n for n, e in games.library_entries(family="normal-form").items() if e.level != "intervention"}
    assert non_interventions <= set(report.data["games"])


def test_report_thresholds_interventions_dynamics_by_hand(report):
    from fractions import Fraction

    be = report.data["break_even"]["career_choice"]
    sacrifice, marginal = (123_000 - 35_000) * 5, Fraction(5, 100) * Fraction(5, 100) * 6_500_000
    # alpha* = sacrifice / (marginal * 150) - 1/150 ; m* = sacrifice / marginal ; V* = sacrifice / (p delta)
    assert Fraction(be["altruism_weight"]["value_exact"]) == sacrifice / (marginal * 150) - Fraction(1, 150)
    assert Fraction(be["researcher_vsl_multiplier"]["value_exact"]) == sacrifice / marginal
    assert Fraction(be["vsl"]["value_exact"]) == sacrifice / (Fraction(5, 100) ** 2)
    assert be["p_pivotal"]["feasible"] is False  # 440,000 / (0.05 x 6.5e6) = 1.35 > 1
    assert Fraction(report.data["break_even"]["collective_action_n_star"][0]).limit_denominator(1000) == \
        Fraction(sacrifice) / marginal
    minimal = {(m["game"], m["instrument"]): m for m in report.data["interventions"]["minimal"]}
    assert minimal[("career_choice", "subsidy")]["amount"] == sacrifice - marginal == 423_750
    assert minimal[("career_choice", "tax")]["total_cost"] == 0
    assert report.data["interventions"]["buyout"]["careers"] == 10**9 // (250_000 * 5)
    dyn = report.data["dynamics"]
    assert dyn["great_power_race"]["attractors"] == [["Capabilities, Capabilities"]]
    assert sum(dyn["invasion_collective_action_pair"]["stationary"].values()) == pytest.approx(1)


def test_report_uncertainty_grid_matches_hand_inequality(report):
    import numpy as np

    unc = report.data["uncertainty"]
    # Alignment beats Capabilities iff 0.05 x 0.05 x 6.5e6 x m x (1 + 150 alpha) >= 440,000 (Neither pays
    # 500,000 < 615,000, so it never binds); count that on the report's 101 x 101 grid by hand
    a, m = np.meshgrid(np.linspace(0, 0.5, 101), np.linspace(1, 5, 101), indexing="ij")
    hand = float(np.mean(16_250 * m * (1 + 150 * a) > 440_000))
    assert unc["grid_shares"]["(Alignment, Passive)"] == pytest.approx(hand, abs=2 / 101**2)
    mc = unc["monte_carlo"]["shares"]
    assert sum(mc.values()) == pytest.approx(1.0)
    assert unc["monte_carlo"]["samples"] == 200_000
    assert set(unc["first_order_indices"]) == set(unc["monte_carlo"]["uncertain"])
    # issue 18: the Monte Carlo names its distributions, from the registry, with their provenance
    assert "registry, essay: 'somewhere from $5 to $8m'" in unc["monte_carlo"]["distributions"]["vsl"]
    assert unc["provenance"]["essay"] == ["vsl", "researcher_vsl_multiplier", "salary_alignment",
                                          "salary_capabilities"]
    # what would have to be true: baseline never (0.0025 x 5 x 8e6 = 100,000 < 5 x 33,000), humanity always
    region = {(d["game"], d["case"]): d for d in unc["what_would_have_to_be_true"]}
    assert region[("career_choice", "baseline")]["share_of_essay_ranges"] == 0.0
    assert region[("career_choice", "humanity")]["share_of_essay_ranges"] == 1.0
    # dunbar: an independent numpy Monte Carlo of 0.04 m V + 5 w_A >= max(5 w_C, 500,000) over the essay's box
    rng = np.random.default_rng(0)
    V, m = rng.uniform(5e6, 8e6, 200_000), rng.uniform(1, 5, 200_000)
    wa, wc = rng.uniform(35e3, 90e3, 200_000), rng.uniform(123e3, 250e3, 200_000)
    hand = np.mean((0.04 * m * V + 5 * wa >= 5 * wc) & (0.04 * m * V + 5 * wa >= 500_000))
    assert region[("career_choice", "dunbar")]["share_of_essay_ranges"] == pytest.approx(hand, abs=0.015)
    # collective action: n* = 440,000 / 16,250 = 352/13; two researchers: 2 x 16,250 - 440,000 = -407,500
    assert unc["collective_action"]["readings"]["two researchers"] == -407_500


def test_report_files_markdown_json_fragments(report, tmp_path):
    files = write_report(report, tmp_path / "out", pdf=False, fragments=True)
    md = files.markdown.read_text()
    assert "16,250" in md and "440,000" in md and "mismatch" not in md
    # issue 18: the readings are in the text: 81,250 + 243,750 = 325,000 fails against 440,000
    assert "*own life only at 5x*: $325,000, conclusion fails" in md and "Deadlock" in md
    data = json.loads(files.json.read_text())
    assert data["audit"][3]["computed"] == (123_000 - 35_000) * 5
    assert files.pdf is None
    frags = {p.stem for p in files.fragments}
    assert {"audit_table", "career_choice_payoffs", "break_even_table", "interventions_table"} <= frags
    figs = {p.name for p in files.figures}
    assert {"best_response_lab_race.png", "best_response_lab_race.pdf", "best_response_lab_race.tex"} <= figs
    assert "(figures/best_response_lab_race.png)" in md
    assert {"regime_map_career_choice.png", "tornado_career_choice.pdf", "gap_histogram_career_choice.png"} <= figs
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_report_on_other_parameters(tmp_path):
    rep = build_report(essay.parameters("industry"), sections=("audit",))
    audit = {c["id"]: c for c in rep.data["audit"]}
    assert audit["income-sacrifice"]["computed"] == (250_000 - 90_000) * 5


def test_report_out_path_errors(report, tmp_path):
    from games.errors import OutputError

    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        write_report(report, f, pdf=False)


def test_cli_report(cli, tmp_path):
    r = cli("report", "--out", str(tmp_path / "r"), "--no-pdf", "--json", "--quiet")
    assert r.code == 0, r.err
    summary = json.loads(r.out)
    assert summary["errors"] == [] and summary["pdf"] is None
    # the statuses at the essay's values (games/essay.py, recomputed by hand): ok for the exact own-life
    # (0.2 x 6.5m = 1.3m), marginal (0.05 x 0.05 x 6.5m = 16,250), researcher-vsl (5 x 16,250 = 81,250),
    # income-sacrifice ((123,000 - 35,000) x 5 = 440,000) and industry-sacrifice (no essay figure); rounding for
    # social-vsl (3 x 6.5m = 19.5m against "around $20m", within 10%); error for gdp-years (400tn / 97tn = 4.12,
    # not "about five"); three textual slips; the other seven claims are readings
    assert summary["audit"]["statuses"] == {"ok": 5, "rounding": 1, "reading": 7, "slip": 3, "error": 1,
                                            "changed": 0}
    assert summary["audit"]["error"] == ["gdp-years"]
    assert summary["audit"]["slip"] == ["slip-roi", "slip-envelope", "slip-dangling"]
    assert (tmp_path / "r" / "report.tex").read_text().startswith("\\documentclass")
    bad = tmp_path / "f"
    bad.write_text("")
    r = cli("report", "--out", str(bad), "--no-pdf")
    assert r.code == 2 and "not a folder" in r.err and len(r.err.strip().splitlines()) == 1


@requires_pdflatex
def test_report_pdf_has_no_box_wider_than_the_page(report, tmp_path):
    import re

    files = write_report(report, tmp_path / "pdf")
    assert files.pdf is not None
    overfull = [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", files.pdf_log)]
    assert not [x for x in overfull if x > 5], overfull
    assert "Rerun to get" not in files.pdf_log  # references settled


def test_cli_report_says_why_there_is_no_pdf(cli, tmp_path):
    r = cli("report", "--out", str(tmp_path / "r"), "--no-pdf", "--quiet")
    assert r.code == 0, r.err
    pdf_line = [line for line in r.out.splitlines() if line.strip().startswith("pdf")]
    assert pdf_line == ["  pdf       (not compiled: --no-pdf)"]
    assert "mismatch" not in r.out  # not a status any more (issue 18)
    assert "  audit     17 claims: 5 ok, 1 rounding, 7 reading, 3 slip, 1 error" in r.out.splitlines()
    assert "  error     gdp-years" in r.out.splitlines()
    assert "  slip      slip-roi, slip-envelope, slip-dangling" in r.out.splitlines()


def test_buyout_sentence_follows_removal_by_hand():
    from solvers.report.analysis_sections import buyout_text

    text, nums = buyout_text(essay.parameters("phd"))
    # games/removal.py: careers n_B = B / (w_C T) = 1e9 / (250,000 x 5) = 800 (the industry salary);
    # removed n_B (1 - h) = 800 x (1 - 0.5) = 400; time bought T n_out / N_C = 5 x 400 / 10,000 = 0.2 years;
    # P(doom) change -lambda x 0.2 = -0.01 x 0.2 = -0.002, from 20% to 19.8%
    assert (nums["careers"], nums["removed"], nums["time_bought"]) == (800, 400, essay.R(1, 5))
    assert nums["doom_change"] == essay.R(-1, 500)
    for words in ("$1bn buys 800 five-year", "($1.25m each)", "With 50% of the places refilled",
                  "400 researchers leave a Capabilities workforce of 10,000", "by 0.2 years",
                  "at 1% of P(doom) per year bought", "falls by 0.2 percentage points, from 20% to 19.8%"):
        assert words in text, words
    assert "Alignment." in text and "80 careers" not in text and "would suffice" not in text
