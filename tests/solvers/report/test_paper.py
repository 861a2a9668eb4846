"""The report reads as a short paper (issue 14): notation from the registry covering every symbol, named
quantities that shorten conditions, nothing shrunk and nothing overfull, the paper's shape, one number style."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import sympy

import games
from games.parameters import latex_symbol_names
from solvers.report.build import build_report
from solvers.report.document import write_report
from solvers.report.notation import INTERMEDIATES, tidy_relation
from solvers.report.paper import LEVEL_CLAIMS
from tests.conftest import requires_pdflatex

ESSAY = Path("/work/shared/essay/who-aligns-the-alignment-researchers.txt")


@pytest.fixture(scope="module")
def report():
    return build_report()


@pytest.fixture(scope="module")
def written(report, tmp_path_factory):
    return write_report(report, tmp_path_factory.mktemp("paper") / "r", pdf=True, fragments=True)


@requires_pdflatex
def test_report_log_has_no_overfull_box_and_nothing_is_shrunk(written):
    log = (written.folder / "report.log").read_text(errors="replace")
    assert "Overfull \\hbox" not in log, re.findall(r"Overfull \\hbox.*", log)
    assert "Citation" not in log or "undefined" not in log  # every \citet resolved by bibtex
    tex = written.tex.read_text()
    assert "\\resizebox" not in tex and "\\scalebox" not in tex
    assert "\\begin{align}" in tex and "\\begin{longtable}" in tex
    bbl = tex.count("\\cite")
    assert bbl >= 5
    assert (written.folder / "report.bib").read_text().count("@") >= 30


def _notation_symbols(report) -> set[str]:
    return {row["symbol"] for row in report.data["notation"]}


def test_notation_covers_every_symbol_of_every_game_shown(report):
    # independent of what the report recorded: the free symbols of each game as the library builds it
    names = latex_symbol_names()
    table = _notation_symbols(report)
    shown_intermediates = [i for i in INTERMEDIATES if i.latex in table]
    defined_by = " ".join(row["meaning_tex"] for row in report.data["notation"] if row["source"] == "defined here")
    for name in report.data["games"]:
        for s in games.build(name).free_symbols:
            tex = names.get(s, s.name)
            assert tex in table or tex in defined_by, f"{name}: {s} ({tex}) is not in the notation table"
    assert {i.latex for i in shown_intermediates} >= {"W", "Y_A", "Y_C", "G"}


def test_notation_values_units_and_sources_by_hand(report):
    rows = {r["name"]: r for r in report.data["notation"]}
    assert rows["vsl"]["value"] == "$6.5m" and rows["vsl"]["unit"] == "USD"  # the essay's $6.5m
    assert rows["p_pivotal"]["value"] == "5%" and rows["p_pivotal"]["source"].startswith('"a 5% chance')
    assert rows["horizon_years"]["value"] == "5 years"
    assert rows["horizon_years"]["source"].startswith("model assumption")  # the registry marks it ours
    assert rows["salary_alignment"]["value"] == "$35,000/year"
    # W = m V (1 + alpha k) = 1 x 6.5m x (1 + 0 x 150); the career payoffs (games/individual.py career_choice)
    # give Y_A = T w_A + t_A R_A = 5 x 35,000 + 0.5 x 0 = 175,000 and Y_C = T w_C + R_C + I_C = 5 x 123,000 + 0 + 0
    # = 615,000, so G = delta p W + Y_A - Y_C = 0.05 x 0.05 x 6.5m + 175,000 - 615,000 = 16,250 - 440,000
    assert rows["W_surv"]["value"] == "$6.5m"
    assert rows["G_gap"]["value"] == "-$423,750"
    assert rows["Y_align"]["value"] == "$175,000"
    assert rows["Y_cap"]["value"] == "$615,000"


def test_named_quantities_shorten_the_conditions_by_hand():
    ps = games.essay.parameters()
    W, YA, YC = (i.symbol() for i in INTERMEDIATES[:3])
    gamma, delta, p = ps.symbol("capabilities_doom_increase"), ps.symbol("doom_reduction"), ps.symbol("p_pivotal")
    # collective_action (games/collective.py): U_A(j) = w_A T + t_A R_A + (1 - P(j+1, n-1-j)) W and
    # U_C(j) = w_C T + R_C + I_C + (1 - P(j, n-j)) W; P falls by delta p per Alignment researcher and rises by
    # gamma per Capabilities one, so U_A(j) - U_C(j) = Y_A - Y_C + W (delta p + gamma) with
    # Y_A = T w_A + t_A R_A and Y_C = T w_C + R_C + I_C
    g = games.build("collective_action", clamp=False)
    (ua, ub) = (e for _, e in g.payoffs)
    j = g.count
    rel = tidy_relation(ua.subs(j, 3) >= ub.subs(j, 3), ps)
    assert sympy.expand(rel.lhs - rel.rhs - (YA - YC + W * (delta * p + gamma))) == 0
    assert rel.free_symbols <= {W, YA, YC, gamma, delta, p}
    # career choice: Alignment beats Capabilities iff G >= 0
    u = games.build("career_choice").payoffs[0]
    assert str(tidy_relation(u[0, 0] >= u[1, 0], ps)) == "G_gap >= 0"


@requires_pdflatex
def test_no_figure_floats_past_the_next_section(written):
    # LaTeX numbers figures in source order; each belongs to the section it is written in.  On the
    # compiled pages (pdftotext, one form feed per page) its caption must come no later than the page on
    # which the next section's title starts: a short section's figures used to float past the next one.
    tex = written.tex.read_text()
    owner, titles, section = [], [], -1
    for m in re.finditer(r"\\section\{([^}]*)\}|\\begin\{figure\}", tex):
        if m.group(1) is not None:
            section += 1
            titles.append(m.group(1).replace("\\", ""))
        else:
            owner.append(section)
    assert len(owner) >= 7 and len(titles) >= 12
    text = subprocess.run(["pdftotext", str(written.pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [(page, line.replace("\u2019", "'").strip())
             for page, body in enumerate(text.split("\f"), start=1) for line in body.splitlines()]
    caption_page = {int(m.group(1)): page for page, line in lines for m in [re.match(r"Figure (\d+):", line)] if m}
    assert sorted(caption_page) == list(range(1, len(owner) + 1))

    def title_page(title: str) -> int:  # the first line that starts the title (a long one wraps)
        return next(page for page, line in lines if line and title.startswith(line) and len(line) >= min(len(title), 12))

    for number, k in enumerate(owner, start=1):
        if k + 1 < len(titles):
            assert caption_page[number] <= title_page(titles[k + 1]), (number, titles[k], titles[k + 1])


def test_paper_shape(report, written):
    tex = written.tex.read_text()
    assert "\\begin{abstract}" in tex and "\\section{Conclusion}" in tex and "\\bibliography{report}" in tex
    essay = ESSAY.read_text().replace("\u2019", "'") if ESSAY.exists() else None
    for level, (quote, _) in LEVEL_CLAIMS.items():
        assert "The essay's claim." in tex
        if essay is not None:
            assert quote in essay, f"{level}: the quoted claim is not the essay's words"
    # what rests on our assumptions: exactly the parameters the registry marks as ours, per level
    ps = games.essay.parameters()
    for level, info in report.data["levels"].items():
        assert all(ps[n].ours for n in info["ours"]), level
    assert "horizon_years" in report.data["levels"]["individual"]["ours"]
    assert "vsl" not in report.data["levels"]["individual"]["ours"]  # the essay's own $6.5m


def test_one_number_style_in_text(written):
    md = written.markdown.read_text()
    tex = written.tex.read_text()
    for text in (md, tex):
        assert "Eq(" not in text and "Rational(" not in text and "e+" not in text.replace("Offline", "")
    body = re.sub(r"\\label\{[^}]*\}|\\ref\{[^}]*\}|figures/[\w.]+", "", tex)
    assert not re.findall(r"(?<![\d{,.])\d{7,}", body), re.findall(r".{30}(?<![\d{,.])\d{7,}.{10}", body)[:5]
    assert "payoffs $615,000, $0" in md  # career choice: Capabilities earns 5 x 123,000


def test_text_says_where_tornado_and_monte_carlo_use_different_parameters(report, written):
    # issue 14, one source of truth: the tornado varies horizon_years too (the registry's range 1 to 40 years,
    # no distribution), the Monte Carlo holds it at the essay's 5 years; the text must say so
    note = report.data["uncertainty"]["tornado_note"]
    assert "different parameter set" in note
    assert "varies horizon_years, which the Monte Carlo holds at 5 years" in note and "1 year to 40 years" in note
    assert "horizon_years" not in report.data["uncertainty"]["monte_carlo"]["uncertain"]
    assert "Figure~\\ref{fig:tornado}" in written.tex.read_text()
