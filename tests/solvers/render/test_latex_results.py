"""to_latex of closed-form results: readable, in the essay's symbols, and compiling with pdflatex."""

from __future__ import annotations

import shutil
import subprocess
import warnings

import pytest
import sympy

import games
from games import Game, GameError
from solvers import break_even, classify, equilibrium_conditions, to_latex
from solvers.render.latex import latex_expr

PDFLATEX = shutil.which("pdflatex")
PREAMBLE = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{amsmath}
\usepackage[margin=1cm,landscape,a3paper]{geometry}
\begin{document}
"""


def math_lines(tex: str) -> list[str]:
    """The LaTeX of each row, without its plain-text comment."""
    return [line.split("  % ")[0] for line in tex.splitlines()[1:-1]]


def test_break_even_latex_in_the_essays_symbols_with_plain_text_beside():
    # alpha* = ((w_C - w_A) T - (R_A - R_C)) / (p delta m V k) - 1/k: the essay's
    # letters (alpha, V, T, w_A, ...) and no parameter names in the mathematics.
    tex = to_latex(break_even(games.build("career_choice"), "altruism_weight"))
    assert tex.startswith("\\begin{aligned}\n") and tex.endswith("\n\\end{aligned}")
    body = "\n".join(math_lines(tex))
    for letter in (r"\alpha^{*}", r"\delta", "w_A", "w_C", "V", "T"):
        assert letter in body
    assert "altruism_weight" not in body and "salary" not in body
    assert r"\left(" not in body  # no sized parentheses without a fraction inside
    # every row carries its plain text, which is also in .plain
    rows = tex.splitlines()[1:-1]
    assert all("  % " in row for row in rows)
    assert [row.split("  % ", 1)[1] for row in rows] == tex.plain.splitlines()
    assert tex.plain.splitlines()[0].startswith("altruism_weight* = ")


def test_equilibrium_rows_show_profile_and_each_condition():
    # The textbook 2 x 2 game: the mixed row lists sigma of each strategy, then
    # one line per condition, the first introduced by "if" and the rest by "and".
    a, b, c, d = sympy.symbols("a b c d", real=True)
    game = Game.from_bimatrix([[a, b], [c, d]], strategies=(["U", "D"], ["L", "R"]))
    mixed = [r for r in equilibrium_conditions(game) if r.kind == "mixed"]
    tex = to_latex(mixed)
    lines = math_lines(tex)
    assert lines[0].startswith(r"\text{mixed (\{U, D\}, \{L, R\})} &: ")
    assert r"\sigma_{\text{Column}}(\text{L}) = \frac{- b + d}{a - b - c + d}" in lines[0]
    assert lines[1].startswith(r"&\quad \text{if }")
    assert all(line.startswith(r"&\quad \text{and }") for line in lines[2:])
    assert len(lines) == 1 + len(mixed[0].condition.args)


def test_latex_expr_reads_like_a_paper():
    x, y, z = sympy.symbols("x y z")
    # sympy orders the arguments of And / Or itself: either order reads the same
    assert latex_expr(sympy.And(x >= y, sympy.Or(x > z, sympy.Eq(y, z)))) in (
        r"x \geq y \;\text{and}\; (x > z \;\text{or}\; y = z)",
        r"x \geq y \;\text{and}\; (y = z \;\text{or}\; x > z)",
    )
    assert latex_expr(x * (y + z)) == "x (y + z)"
    assert latex_expr(x / (y + z) ** 2) == r"\frac{x}{(y + z)^{2}}"
    # sized parentheses are kept around a fraction
    assert latex_expr((x / y + 1) ** 2) == r"\left(\frac{x}{y} + 1\right)^{2}"
    assert latex_expr(sympy.true) == r"\text{always}"


def test_classification_latex():
    tex = to_latex(classify(Game.from_bimatrix([[3, 0], [5, 1]])))
    assert math_lines(tex) == [r"\text{Prisoner's Dilemma} &: \text{always}"]


def test_numeric_equilibria_latex():
    # The stag hunt's three equilibria: (Stag, Stag), the mixed 3/4 Stag, (Hare, Hare)
    from solvers import nash_equilibria

    stag = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["Stag", "Hare"], ["Stag", "Hare"]))
    tex = to_latex(nash_equilibria(stag))
    lines = math_lines(tex)
    assert len(lines) == 3
    assert r"\frac{3}{4}\,\text{Stag} + \frac{1}{4}\,\text{Hare}" in lines[1]
    assert tex.plain.splitlines()[1] == "Row: 3/4 Stag + 1/4 Hare; Column: 3/4 Stag + 1/4 Hare (payoffs 3, 3)"


@pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed (CI installs texlive via .ci/run)")
def test_cli_breakeven_latex_compiles(cli_subprocess, tmp_path):
    # `aligngames breakeven career_choice altruism_weight --latex` pasted as it is: a complete align
    # environment with its label (issue 14), no math delimiters to add
    run = cli_subprocess("breakeven", "career_choice", "altruism_weight", "--latex")
    assert run.code == 0, run.err
    assert run.out.startswith("\\begin{align}") and "\\label{eq:career-choice-altruism-weight-break-even}" in run.out
    (tmp_path / "cli.tex").write_text(PREAMBLE + run.out + "\n\\end{document}\n", encoding="utf-8")
    done = subprocess.run(
        [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "cli.tex"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout[-2000:]


def test_unknown_result_type_is_an_error():
    with pytest.raises(GameError, match="cannot render a dict"):
        to_latex({"a": 1})


@pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed")
def test_results_compile_with_pdflatex(tmp_path):
    # One document with the break-even values, the conditions of every
    # two-player library game and a symbolic classification.
    parts = [PREAMBLE]
    parts.append("\\[\n" + to_latex(break_even(games.build("career_choice"), "altruism_weight")) + "\n\\]\n")
    parts.append("\\[\n" + to_latex(break_even(games.build("career_choice"), "researcher_vsl_multiplier",
                                               games.essay.parameters("phd", case="dunbar"))) + "\n\\]\n")
    for name in ("career_choice", "alignment_washing", "great_power_race", "collective_action"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            records = equilibrium_conditions(games.build(name))
        parts.append(f"\\section*{{{name.replace('_', ' ')}}}\n\\[\n" + to_latex(records) + "\n\\]\n")
    parts.append("\\[\n" + to_latex(classify(games.build("great_power_race"))) + "\n\\]\n")
    parts.append("\\end{document}\n")
    (tmp_path / "results.tex").write_text("".join(parts), encoding="utf-8")
    run = subprocess.run(
        [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "results.tex"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    log = (tmp_path / "results.log").read_text(encoding="utf-8", errors="replace")
    assert run.returncode == 0, "\n".join(log.splitlines()[-40:])
    assert (tmp_path / "results.pdf").stat().st_size > 1000


def test_latex_result_renders_in_jupyter_without_comments():
    # V* = w_C - w_A for a one-player choice A (w_A + V) vs C (w_C): the row by hand, with and without comments
    wA, wC, V = sympy.symbols("w_A w_C V", positive=True)
    g = Game.from_bimatrix([[wA + V], [wC]], [[0], [0]], strategies=(["A", "C"], ["World"]))
    tex = to_latex(break_even(g, V))
    bare = to_latex(break_even(g, V), comments=False)
    assert tex.splitlines()[1] == r"V^{*} &= - w_{A} + w_{C} \\  % V* = -w_A + w_C"
    assert bare.splitlines()[1] == r"V^{*} &= - w_{A} + w_{C} \\"
    assert tex.math == bare == bare.math and tex.plain == bare.plain
    assert tex._repr_latex_() == "$$" + bare + "$$" == break_even(g, V)._repr_latex_()
    assert "%" not in tex._repr_latex_()
