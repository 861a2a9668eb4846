"""The work can be cited (issue 14): CITATION.cff (CFF 1.2), LICENSE matching pyproject, references.bib that
bibtex reads, with the essay and the papers the docstrings cite, and the README's "How to cite"."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]


def test_citation_cff_is_valid_cff_1_2():
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    # the keys CFF 1.2.0 requires (https://github.com/citation-file-format/citation-file-format, schema.json)
    assert data["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):
        assert data[key], key
    assert all(("name" in a) or ("family-names" in a) for a in data["authors"])
    import games

    # the version has one home, games.__version__ (pyproject reads it: dynamic = ["version"])
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" in project["dynamic"] and data["version"] == games.__version__
    assert data["license"] == project["license"] == "MIT"
    essay = data["references"][0]
    assert essay["title"] == "Who Aligns the Alignment Researchers?" and essay["year"] == 2023
    assert essay["medium"] == "LessWrong"


def test_license_is_mit_as_pyproject_says():
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text


def test_references_bib_is_the_shipped_one_and_has_every_cited_work():
    bib = (ROOT / "references.bib").read_text()
    assert bib == (ROOT / "solvers" / "render" / "references.bib").read_text()
    entries = dict(re.findall(r"@\w+\{(\w+),(.*?)\n\}", bib, flags=re.S))
    essay = entries["essay2023"]
    assert "Who Aligns the Alignment Researchers?" in essay and "2023" in essay and "LessWrong" in essay
    # the papers the issue names, by author and year
    for key, author, year in (("han2020", "Han", "2020"), ("rapoport1966", "Rapoport", "1966"),
                              ("jervis1978", "Jervis", "1978"), ("santos2011", "Santos", "2011")):
        assert author in entries[key] and year in entries[key], key
    # every docstring reference by first author's surname and year is in the bibliography
    cited = set()
    for path in list((ROOT / "games").rglob("*.py")) + list((ROOT / "solvers").rglob("*.py")):
        for block in re.findall(r"References\n\s*-+\n(.*?)(?:\n\s*\n|\"\"\")", path.read_text(), flags=re.S):
            for surname, year in re.findall(r"([A-Z][a-z]+)[^()\n]{0,120}?\((?:\d+\)\s*)?(\d{4})\)", block):
                cited.add((surname, year))
    missing = [(s, y) for s, y in cited if not any(s in e and y in e for e in entries.values())]
    assert not missing, missing


@pytest.mark.skipif(shutil.which("bibtex") is None or shutil.which("pdflatex") is None, reason="needs TeX")
def test_bibtex_reads_every_entry(tmp_path):
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    (tmp_path / "doc.tex").write_text("\\documentclass{article}\\usepackage{natbib}\\begin{document}"
                                      "\\nocite{*}\\bibliographystyle{plainnat}\\bibliography{references}"
                                      "\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "doc.tex"], cwd=tmp_path, capture_output=True,
                   timeout=120)
    p = subprocess.run(["bibtex", "doc"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout
    n = len(re.findall(r"@\w+\{", (tmp_path / "references.bib").read_text()))
    assert (tmp_path / "doc.bbl").read_text().count("\\bibitem") == n


def test_readme_says_how_to_cite():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## How to cite", 1)[1]
    assert "CITATION.cff" in section and "references.bib" in section and "latex-preamble" in section
