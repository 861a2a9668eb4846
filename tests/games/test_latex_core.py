"""Game.latex() and SymmetricGame.latex() compile with pdflatex (texlive installed by .ci/run)."""

from __future__ import annotations

import numpy as np
import sympy

from games import Game, SymmetricGame, essay
from tests.conftest import compile_latex, requires_pdflatex


@requires_pdflatex
def test_bimatrix_with_special_characters_and_parameters_compiles(tmp_path):
    ps = essay.parameters()
    V, m, a = ps.symbol("vsl"), ps.symbol("researcher_vsl_multiplier"), ps.symbol("altruism_weight")
    g = Game.from_bimatrix(
        [[V * m * (1 + a), 0], [sympy.Rational(1, 3), -1]],
        strategies=(["R&D 100%", "cap_$#"], ["{x}", "~^\\"]),
        players=["Lab #1", "Lab_2"],
    )
    r = compile_latex(g.latex(), tmp_path)
    assert r.returncode == 0, r.stdout[-2000:]
    assert (tmp_path / "doc.pdf").stat().st_size > 1000
    r = compile_latex(g._repr_latex_(), tmp_path)
    assert r.returncode == 0, r.stdout[-2000:]


@requires_pdflatex
def test_three_player_tables_and_symmetric_compile(tmp_path):
    g = Game.from_payoff_arrays([np.arange(8).reshape(2, 2, 2)] * 3, players=["A", "B", "C"])
    k = sympy.Symbol("k")
    sg = SymmetricGame(5, {"Align": sympy.Piecewise((3, k >= 2), (0, True)) - 1, "Cap": k}, count=k)
    body = g.latex() + "\n\n\\[" + sg.latex() + "\\]\n"
    r = compile_latex(body, tmp_path)
    assert r.returncode == 0, r.stdout[-2000:]
