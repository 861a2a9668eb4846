"""Shared fixtures: running the CLI in-process and as a real subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

import pytest

from solvers.cli.app import main

# The sweep command line caches its templates (solvers.sweeps.cache); the tests, and the CLI subprocesses
# they start, use a fresh folder rather than the user's ~/.cache/aligngames.
os.environ["ALIGNGAMES_CACHE_DIR"] = tempfile.mkdtemp(prefix="aligngames-test-cache-")
os.environ.pop("ALIGNGAMES_NO_CACHE", None)


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Run ``aligngames ARGS`` in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str) -> Run:
        code = main(list(args))
        cap = capsys.readouterr()
        return Run(code, cap.out, cap.err)

    return run


@pytest.fixture
def cli_subprocess():
    """Run the installed ``aligngames`` console script (or ``python -m solvers.cli``)."""

    def run(*args: str, timeout: float = 120, cwd: str | None = None) -> Run:
        exe = shutil.which("aligngames")
        cmd = [exe, *args] if exe else [sys.executable, "-m", "solvers.cli", *args]
        env = {k: v for k, v in os.environ.items() if k != "ALIGNGAMES_DEBUG"}
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)
        return Run(p.returncode, p.stdout, p.stderr)

    return run


def find_pdflatex() -> str | None:
    return shutil.which("pdflatex")


def compile_latex(body: str, tmp_path, *, preamble: str = "") -> subprocess.CompletedProcess[str]:
    """Compile ``body`` in a minimal article with pdflatex; returns the completed process."""
    doc = (
        "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{booktabs}\n"
        + preamble
        + "\n\\begin{document}\n"
        + body
        + "\n\\end{document}\n"
    )
    tex = tmp_path / "doc.tex"
    tex.write_text(doc)
    return subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )


requires_pdflatex = pytest.mark.skipif(
    find_pdflatex() is None,
    reason="pdflatex not installed (CI installs texlive via .ci/run, so this runs there)",
)
