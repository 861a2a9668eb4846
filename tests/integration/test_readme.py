"""The README's commands are tested: its Python examples run as doctests, its
CLI examples run, and its test command is the one .ci/run runs."""

from __future__ import annotations

import doctest
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import requires_pdflatex

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def _bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, flags=re.S)


def test_readme_python_examples_pass_as_doctests():
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8
    assert result.failed == 0


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b.strip() for b in _bash_blocks(quick)]
    assert len(blocks) == 2 and all("\n" not in b for b in blocks)
    install_run, test_cmd = blocks
    assert install_run.startswith("python -m pip install .") and "aligngames " in install_run
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_cmd in ci, "the README's test command must be a line of .ci/run"


def _cli_examples() -> list[list[str]]:
    tour = README.split("### Command line", 1)[1]
    cmds = []
    for block in _bash_blocks(tour)[:1]:
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("aligngames "):
                cmds.append(shlex.split(line)[1:])
    return cmds


@pytest.mark.parametrize("args", _cli_examples(), ids=lambda a: " ".join(a))
def test_readme_cli_examples_run(cli_subprocess, tmp_path, args):
    (tmp_path / "my.toml").write_text('vsl = 8e6\np_pivotal = "1/10"\n')
    r = cli_subprocess(*args, cwd=str(tmp_path))
    assert r.code == 0, r.err
    assert r.out.strip()
    if args[0] == "audit" and "--json" not in args:
        assert "income-sacrifice" in r.out


@requires_pdflatex
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed (CI installs it)")
def test_first_command_writes_the_report_and_its_pdf(cli_subprocess, tmp_path):
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    first = [b.strip() for b in _bash_blocks(quick)][0]
    args = shlex.split(first.split("&&", 1)[1])
    assert args[0] == "aligngames"
    r = cli_subprocess(*args[1:], cwd=str(tmp_path), timeout=300)
    assert r.code == 0, r.err
    out = tmp_path / "aligngames-report"
    pdf = out / "report.pdf"
    assert pdf.stat().st_size > 10_000
    for name in ("report.tex", "report.md", "report.json", "figures/best_response_lab_race.png"):
        assert (out / name).is_file(), name
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 4
    # the essay's figures: 0.05 x 0.05 x 6.5e6 = 16,250; (123k - 35k) x 5 = 440,000; the dunbar reading (issue 18)
    assert "16,250" in text and "440,000" in text and "260,000" in text and "reading" in text
    log = (out / "report.json").read_text()
    assert '"errors": []' in log


def _section_blocks(heading: str) -> list[list[str]]:
    section = README.split(heading, 1)[1].split("\n#", 1)[0]
    return [[line.strip() for line in b.strip().splitlines()] for b in _bash_blocks(section)]


def _extras() -> dict[str, list[str]]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]


def test_readme_notebook_commands_run(tmp_path):
    (install, lab, execute), = _section_blocks("### Notebooks and the explorer")
    # 1. the extra exists and brings Jupyter and what executes a notebook (issue 19)
    assert install == 'python -m pip install ".[notebooks]"'
    names = {re.split(r"[<>=\[ ]", r)[0].lower() for r in _extras()["notebooks"]}
    assert {"jupyterlab", "notebook", "ipywidgets", "ipykernel", "nbclient", "nbconvert", "jupytext"} <= names
    # 2. JupyterLab is there to open the notebooks folder (not started: it would wait for a browser)
    assert lab == "jupyter lab notebooks/" and (ROOT / "notebooks").is_dir()
    r = subprocess.run([sys.executable, "-m", "jupyterlab", "--version"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and re.match(r"\d+\.\d+", r.stdout.strip()), r.stderr
    # 3. the headless run, as written, on a copy of the notebook (the repository is not written to)
    args = shlex.split(execute)
    assert args[0] == "jupytext"
    source = Path(args[-1])
    (tmp_path / "notebooks").mkdir()
    shutil.copy(ROOT / source, tmp_path / source)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    r = subprocess.run([sys.executable, "-m", "jupytext", *args[1:]], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    nb = json.loads((tmp_path / source.with_suffix(".ipynb")).read_text())
    printed = "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))
    # 5 years at the essay's salaries: 123,000 x 5 = 615,000 (Capabilities)
    assert "Capabilities payoff over five years: 615,000" in printed


def test_readme_docs_commands_are_the_ones_ci_runs():
    (install, build), = _section_blocks("## Documentation")
    assert install == 'python -m pip install ".[docs]"'
    names = {re.split(r"[<>=\[ ]", r)[0].lower() for r in _extras()["docs"]}
    assert {"sphinx", "pydata-sphinx-theme", "numpydoc", "myst-nb", "sphinx-argparse"} <= names
    assert build == "python -m sphinx -W --keep-going -n -b html docs docs/_build/html"
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert build in ci and install in ci
