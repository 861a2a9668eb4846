"""The package as it is published: ``python -m build`` makes an sdist and a wheel that ``twine check`` accepts;
the wheel holds every module of ``games`` and ``solvers`` with their data (the ``.pyi`` stubs that
lazy_loader reads at import time, ``py.typed``) and no tests; the version has one source."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    return out


def _version() -> str:
    # the one place: games/__init__.py, read as text (not imported) so the test does not depend on sys.path
    match = re.search(r'^__version__ = "([^"]+)"$', (ROOT / "games" / "__init__.py").read_text(), flags=re.M)
    assert match
    return match.group(1)


def test_sdist_and_wheel_pass_twine_check(dist):
    files = sorted(dist.iterdir())
    names = [f.name for f in files]
    version = _version()
    assert names == [f"aligngames-{version}-py3-none-any.whl", f"aligngames-{version}.tar.gz"]
    r = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.count("PASSED") == 2, r.stdout + r.stderr


def test_wheel_holds_the_packages_and_their_data_not_the_tests(dist):
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        metadata = z.read(f"aligngames-{_version()}.dist-info/METADATA").decode()
        entry_points = z.read(f"aligngames-{_version()}.dist-info/entry_points.txt").decode()
    expected = {p.relative_to(ROOT).as_posix() for package in ("games", "solvers")
                for p in (ROOT / package).rglob("*") if p.suffix in (".py", ".pyi") or p.name == "py.typed"
                if "__pycache__" not in p.parts}
    assert expected <= names, sorted(expected - names)
    assert {"games/__init__.pyi", "solvers/__init__.pyi", "games/py.typed", "solvers/py.typed"} <= names
    top = {n.split("/")[0] for n in names}
    assert top == {"games", "solvers", f"aligngames-{_version()}.dist-info"}, top  # no tests, docs, notebooks
    assert not any("test_" in n.rsplit("/", 1)[-1] for n in names)
    assert f"Version: {_version()}" in metadata
    assert "Provides-Extra: notebooks" in metadata and "Provides-Extra: docs" in metadata
    assert "aligngames = solvers.cli:main" in entry_points


def test_the_notebooks_extra_brings_jupyter_and_what_executes_notebooks(dist):
    wheel = next(dist.glob("*.whl"))
    with zipfile.ZipFile(wheel) as z:
        metadata = z.read(f"aligngames-{_version()}.dist-info/METADATA").decode()
    extra = {re.split(r"[<>=;\[ ]", line.split(": ", 1)[1])[0].lower()
             for line in metadata.splitlines()
             if line.startswith("Requires-Dist:") and 'extra == "notebooks"' in line}
    assert {"jupyterlab", "notebook", "ipywidgets", "ipykernel", "nbclient", "nbconvert", "jupytext"} <= extra


def test_sdist_carries_the_readme_and_the_sources(dist):
    sdist = next(dist.glob("*.tar.gz"))
    with tarfile.open(sdist) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    assert {"README.md", "pyproject.toml", "games/__init__.pyi", "solvers/cli/app.py"} <= names
