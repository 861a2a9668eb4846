"""The documentation's own checks that need no browser: its examples run, its API tables list every public name,
and the pages the issue asks for exist.

The Python examples of the how-to guides and explanations (and the home page) are doctests, run here
as the README's are, so the site never shows an example that the code does not do.  The browser test
(``test_docs_site.py``) checks the built site itself.
"""

from __future__ import annotations

import ast
import doctest
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

import aligngames_docs  # noqa: E402  (docs/_ext, the extension that writes the generated pages)

PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
               if "_build" not in p.parts and p.read_text(encoding="utf-8").count(">>> "))


@pytest.mark.parametrize("page", PAGES)
def test_examples_of_the_page_pass_as_doctests(page):
    result = doctest.testfile(str(DOCS / page), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted >= 1 and result.failed == 0


def test_pages_with_examples_include_the_howtos_and_explanations():
    for page in ("index.md", "howto/build-your-own-game.md", "howto/condition-into-a-paper.md",
                 "howto/export-to-gambit.md", "howto/sweep-on-dask.md", "howto/reproduce-a-published-model.md",
                 "explanation/verified-equilibria.md", "explanation/exact-and-float.md"):
        assert page in PAGES, page


def _public(package: str) -> set[str]:
    """Every name the package's stub imports from a module, read here with ast, independently of the extension."""
    tree = ast.parse((ROOT / package / "__init__.pyi").read_text(encoding="utf-8"))
    return {a.asname or a.name for node in tree.body if isinstance(node, ast.ImportFrom) and node.module
            for a in node.names}


@pytest.mark.parametrize("package", ["games", "solvers"])
def test_the_api_page_lists_every_public_name_once(package, tmp_path):
    aligngames_docs.api_pages(tmp_path)
    text = (tmp_path / f"{package}.rst").read_text(encoding="utf-8")
    listed = [line.strip() for line in text.splitlines() if line.startswith("   ") and not line.strip().startswith(":")]
    names = set(_public(package))
    assert names <= set(listed), sorted(names - set(listed))
    top = [n for n in listed if n in names]
    assert len(top) == len(set(top)), "a public name is listed twice"
    # every public name resolves (lazy_loader reads the same stub), so autosummary can document it
    module = __import__(package)
    for name in names:
        assert getattr(module, name) is not None


def test_parameter_table_has_every_parameter_with_its_source(tmp_path):
    import games

    aligngames_docs.parameter_table(tmp_path)
    text = (tmp_path / "parameters_table.rst.inc").read_text(encoding="utf-8")
    ps = games.essay.parameters("phd")
    for p in ps.values():
        assert f"``{p.name}``" in text, p.name
    # vsl is the essay's (its quote: "$5 to $8m"), capabilities_edge ours (games.assumptions)
    assert "The value of a statistical life is worth somewhere from $5 to $8m" in text
    assert text.count("     - ours\n") == sum(1 for p in ps.values() if p.ours) > 0


def test_the_site_has_the_four_parts_and_a_game_forms_section():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for part in ("tutorial/index", "howto/index", "explanation/index", "reference/index"):
        assert part in index
    reference = (DOCS / "reference" / "index.md").read_text(encoding="utf-8")
    for page in ("api/games", "api/solvers", "forms/index", "cli", "file-formats", "parameters"):
        assert page in reference
    forms = (DOCS / "reference" / "forms" / "index.md").read_text(encoding="utf-8")
    assert "```{toctree}" in forms and "normal-form" in forms
    # the tutorial is the notebooks themselves (links to the jupytext sources, executed by myst-nb)
    for nb in sorted((ROOT / "notebooks").glob("0*.py")):
        link = DOCS / "tutorial" / nb.name
        assert link.resolve() == nb.resolve(), nb.name
