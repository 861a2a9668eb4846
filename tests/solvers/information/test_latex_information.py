"""The LaTeX of signalling games and of the hidden-information results compiles with pdflatex."""

from __future__ import annotations

import sympy

import games
from solvers import bayesian_equilibria, perfect_bayesian_equilibria, to_latex
from tests.conftest import compile_latex, requires_pdflatex
from tests.solvers.information.test_bayesian_equilibria import bos
from tests.solvers.information.test_signaling_equilibria import beer_quiche


@requires_pdflatex
def test_games_and_results_compile(tmp_path):
    signal = games.build("alignment_signal")
    p = sympy.Symbol("p", nonnegative=True)
    body = "\n\n".join([
        signal.latex(),
        "\\[" + signal.latex(env="array") + "\\]",
        "\\[" + to_latex(perfect_bayesian_equilibria(beer_quiche(p))) + "\\]",
        "\\[" + to_latex(perfect_bayesian_equilibria(signal.subs(games.essay.parameters()))) + "\\]",
        "\\[" + to_latex(bayesian_equilibria(bos(sympy.Rational(1, 2)))) + "\\]",
    ])
    result = compile_latex(body, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    assert (tmp_path / "doc.pdf").read_bytes().startswith(b"%PDF")
