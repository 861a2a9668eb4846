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


# --- Pasted LaTeX (issue 14): every report fragment and every --latex block compiles when pasted into an
# article whose preamble is the one the toolkit ships (`aligngames latex-preamble`), and its labels resolve.

PASTED = [
    ("breakeven", "career_choice", "altruism_weight", "--latex"),
    ("breakeven", "career_choice", "researcher_vsl_multiplier", "--latex"),
    ("breakeven", "great_power_race", "capabilities_edge", "--latex"),
    ("solve", "lab_race", "--symbolic", "--latex"),
    ("solve", "career_choice", "--symbolic", "--latex"),
]


def _labels(tex: str) -> list[str]:
    import re

    return re.findall(r"\\label\{([^}]+)\}", tex)


@pytest.fixture(scope="module")
def fragments_folder(tmp_path_factory):
    from solvers.report.build import build_report
    from solvers.report.document import write_report

    out = tmp_path_factory.mktemp("fragments") / "report"
    write_report(build_report(), out, pdf=False, fragments=True)
    return out


@pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed")
def test_every_fragment_and_pasted_block_compiles_with_the_shipped_preamble(fragments_folder, cli, tmp_path):
    r = cli("latex-preamble")
    assert r.code == 0, r.err
    preamble = r.out
    assert "\\usepackage{amsmath}" in preamble and "\\usepackage{booktabs}" in preamble
    body, labels = [], []
    frags = sorted((fragments_folder / "fragments").glob("*.tex"))
    assert len(frags) >= 20  # every payoff table, condition display, the notation and the section tables
    for f in frags:
        text = f.read_text()
        assert "\\resizebox" not in text and "\\scalebox" not in text
        labels += _labels(text)
        body.append("\\input{%s}" % f.with_suffix("").as_posix())
    for args in PASTED:
        r = cli(*args)
        assert r.code == 0, r.err
        text = r.out
        assert text.lstrip().startswith("\\begin{align}") and text.rstrip().endswith("\\end{align}"), text
        got = _labels(text)
        assert len(got) == 1, text  # one complete environment, one label
        labels += got
        body.append(text)
    # to_latex(..., label=...) from Python: the same complete environment
    from solvers import break_even, to_latex

    text = to_latex(break_even(games.build("career_choice"), "vsl"), label="eq:vsl-star")
    assert text.startswith("\\begin{align}") and _labels(text) == ["eq:vsl-star"]
    labels.append("eq:vsl-star")
    body.append(text)
    body.append("References: " + ", ".join("\\ref{%s}" % lab for lab in labels) + ".")
    assert len(set(labels)) == len(labels), "labels must be unique"
    doc = "\\documentclass{article}\n" + preamble + "\n\\begin{document}\n" + "\n\n".join(body) + "\n\\end{document}\n"
    for _ in range(2):  # the second run resolves the references
        result = compile_tex(doc, tmp_path)
        log = (tmp_path / "game.log").read_text(errors="replace")
        assert result.returncode == 0, "\n".join(log.splitlines()[-30:])
    assert "undefined references" not in log and "Reference `" not in log


@pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed")
def test_usepackage_aligngames_from_the_shipped_sty(cli, tmp_path):
    r = cli("latex-preamble", "--sty", str(tmp_path))
    assert r.code == 0, r.err
    assert (tmp_path / "aligngames.sty").read_text().startswith("% aligngames.sty")
    block = cli("breakeven", "career_choice", "vsl", "--latex").out
    doc = "\\documentclass{article}\n\\usepackage{aligngames}\n\\begin{document}\n" + block + "\n\\end{document}\n"
    result = compile_tex(doc, tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]


def test_latex_preamble_bad_folder_is_one_line(cli, tmp_path):
    r = cli("latex-preamble", "--sty", str(tmp_path / "missing" / "dir"))
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1
