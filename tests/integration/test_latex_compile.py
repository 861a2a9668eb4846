"""Every library game's LaTeX compiles with pdflatex.

Each game's ``latex()`` output (the ``tabular`` for documents, the ``array`` for
math mode, and the notebook's ``_repr_latex_``) is placed in a minimal
document and compiled in a temporary directory.  Skipped only where pdflatex is
missing; CI installs texlive-latex-base, texlive-latex-recommended and
texlive-pictures, so it runs there.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import games
from games import Game, SymmetricGame

PDFLATEX = shutil.which("pdflatex")

PREAMBLE = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{amsmath}
\usepackage[margin=1cm,landscape]{geometry}
\begin{document}
"""


def document(game: Game | SymmetricGame) -> str:
    parts = [PREAMBLE]
    if isinstance(game, Game):
        parts.append(game.latex() + "\n\n")
        parts.append("\\[\n" + game.latex(env="array") + "\n\\]\n\n")
    else:
        parts.append("\\[\n" + game.latex() + "\n\\]\n\n")
    parts.append(game._repr_latex_() + "\n\n")
    parts.append("\\end{document}\n")
    return "".join(parts)


def compile_tex(source: str, directory: Path) -> subprocess.CompletedProcess[str]:
    tex = directory / "game.tex"
    tex.write_text(source, encoding="utf-8")
    assert PDFLATEX is not None
    return subprocess.run(
        [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", tex.name],
        cwd=directory, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )


@pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed")
@pytest.mark.parametrize("name", sorted(games.library(family="normal-form")))
def test_latex_of_every_library_game_compiles(name, tmp_path):
    game = games.build(name)
    result = compile_tex(document(game), tmp_path)
    log = (tmp_path / "game.log").read_text(encoding="utf-8", errors="replace") if (tmp_path / "game.log").exists() else ""
    assert result.returncode == 0, f"pdflatex failed for {name}:\n" + "\n".join(log.splitlines()[-40:])
    pdf = tmp_path / "game.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed")
def test_a_broken_document_fails(tmp_path):
    # the harness must be able to fail: an undefined control sequence stops pdflatex
    result = compile_tex(PREAMBLE + "\\undefinedmacro\n\\end{document}\n", tmp_path)
    assert result.returncode != 0
