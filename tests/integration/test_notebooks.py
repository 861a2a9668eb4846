"""Convert every tutorial notebook's jupytext source, execute it on a real ipykernel and check what it prints.

The notebooks' only source is ``notebooks/NN_*.py`` (jupytext percent format).
Each is read with jupytext, converted to an nbformat v4 notebook (what
``jupytext --to ipynb`` writes) and run with nbclient (kernel ``python3``,
working directory ``notebooks/``, a timeout per cell); any cell error fails the
test.  The numbers looked for in the output are computed here from the essay's
figures (``shared/essay/FIGURES.md``) and our registered assumptions,
independently of the library.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import re
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import jupytext
import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
CELL_TIMEOUT = 180          # seconds per cell (generous for slow CI machines)
NOTEBOOK_BUDGET = 300       # seconds per notebook, kernel start included (they take ~10-25 s here; CI may be loaded)

EXPECTED = [
    "01_individual_incentives.py",
    "02_collective_action.py",
    "03_organizations.py",
    "04_geopolitics.py",
    "05_dynamics_graphs.py",
    "06_build_your_own_game.py",
    "07_sequential_and_repeated.py",
    "08_hidden_information.py",
    "09_continuous_races.py",
]

# --- the essay's numbers (phd scenario) and our registered defaults, by hand ----------------------
VSL, P_PIVOTAL, DOOM_REDUCTION, P_DOOM = 6_500_000, Fraction(5, 100), Fraction(5, 100), Fraction(1, 5)
W_A, W_C, HORIZON = 35_000, 123_000, 5
MARGINAL = P_PIVOTAL * DOOM_REDUCTION * VSL                       # 16,250
SACRIFICE = (W_C - W_A) * HORIZON                                 # 440,000


def fmt(x: Fraction | int | float) -> str:
    return f"{float(x):,.0f}"


def expect_01() -> list[str]:
    capabilities = W_C * HORIZON                                  # 615,000
    alignment = W_A * HORIZON + MARGINAL                          # 191,250
    dunbar = Fraction(SACRIFICE) / (MARGINAL * (1 + Fraction(1, 10) * 150))  # 22/13
    own_only = Fraction(SACRIFICE) / MARGINAL                     # 27.08
    # washing game (inspection game): audit probability makes Genuine and Washed equally good
    audit = (SACRIFICE - MARGINAL) / (Fraction(1, 2) * (0 + 500_000 + 500_000))    # 0.8475
    washing = Fraction(10_000) / (Fraction(1, 2) * 100_000)                         # 1/5
    return [
        f"Capabilities payoff over five years: {fmt(capabilities)}",
        f"Alignment payoff over five years: {fmt(alignment)}",
        f"break-even multiplier, own life only: {float(own_only):.4f}",
        f"break-even multiplier at the Dunbar values: {dunbar} = {float(dunbar):.4f}",
        f"{float(Fraction(SACRIFICE, 243_750)):.4f}",             # the essay's reading: 1.8051
        f"washing probability {washing}, audit probability {audit} = {float(audit):.4f}",
        "('(Capabilities, Passive)',)",                           # explorer at m = 1.69
        "(Alignment, Passive): Researcher: Alignment",            # explorer at m = 1.70
        f"= 175,000 + {fmt(MARGINAL * P_DOOM)}",                  # relative reading: 3,250
        f"Alignment holds on {alignment_grid_points()} of 3600 grid points",
        f"subsidy needed, baseline case: {fmt(SACRIFICE - MARGINAL)}",
        f"subsidy needed, dunbar case: {fmt(SACRIFICE - MARGINAL * (1 + Fraction(1, 10) * 150))}",
    ]


def alignment_grid_points() -> int:
    """Grid points (m in [1, 5], alpha in [0, 0.3], 60 x 60, k = 150) where Alignment pays at least Capabilities."""
    m, alpha = np.meshgrid(np.linspace(1, 5, 60), np.linspace(0, 0.3, 60))
    return int((float(MARGINAL) * m * (1 + 150 * alpha) >= SACRIFICE).sum())


def alignment_share_dunbar(samples: int = 400_000) -> float:
    """Monte Carlo (our own draws) of P(Alignment) at the Dunbar altruism with VSL, m and salaries drawn from
    the registry's distributions, uniform on the essay's own ranges: 5e6-8e6, 1-5, 35k-90k, 123k-250k
    (issue 18: were uniform on invented ranges 20k-150k, 80k-400k); Neither pays 100k a year."""
    rng = np.random.default_rng(12345)
    vsl = rng.uniform(5e6, 8e6, samples)
    m = rng.uniform(1, 5, samples)
    w_a = rng.uniform(35e3, 90e3, samples)
    w_c = rng.uniform(123e3, 250e3, samples)
    u_a = 5 * w_a + 0.05 * 0.05 * vsl * m * (1 + 0.1 * 150)
    return float(np.mean((u_a >= 5 * w_c) & (u_a >= 5 * 100e3)))


def threshold_game_roots() -> list[float]:
    # n = 5, M = 2: pi_A - pi_C = -440,000 + q P_doom V * P(exactly one of 4 others aligns)
    pivotal = float(P_DOOM * VSL)                                 # 1.3m
    poly = np.polynomial.Polynomial([0, 4, -12, 12, -4]) * pivotal - SACRIFICE   # 4x(1-x)^3
    roots = sorted(r.real for r in poly.roots() if abs(r.imag) < 1e-12 and 0 < r.real < 1)
    return roots


def expect_02() -> list[str]:
    n_star = Fraction(SACRIFICE) / MARGINAL                       # 352/13
    all_a = W_A * HORIZON + (1 - (P_DOOM - 50 * P_PIVOTAL * DOOM_REDUCTION)) * VSL
    all_c = W_C * HORIZON + (1 - P_DOOM) * VSL
    humanity = P_PIVOTAL * DOOM_REDUCTION * 20_000_000 * 8_000_000_000
    roots = threshold_game_roots()
    assert len(roots) == 2
    return [
        f"at the essay's values: {fmt(SACRIFICE - MARGINAL)} for every j",
        f"n* = {n_star} = {float(n_star):.2f} researchers",
        f"everyone on Alignment:    {fmt(all_a)}",
        f"everyone on Capabilities: {fmt(all_c)}",
        f"the essay's $400 trillion: {float(humanity):.4g}",
        *(f"{r:.4f}" for r in roots),
        "Collective action, two researchers: Deadlock",
        f"subsidy per researcher: {fmt(SACRIFICE - MARGINAL)}; for all 50: {fmt(50 * (SACRIFICE - MARGINAL))}",
    ]


def expect_03() -> list[str]:
    # issue 18: the prize is the market value M = 150 (ours); the 110 is investment, 55 per lab, a cost
    market, invest, share, kappa, loss = 150, 55, Fraction(4, 5), 5, 100       # $bn
    R = Fraction(market, 2) - invest - kappa                        # 15
    T = share * market - invest - P_DOOM * loss / 2                 # 55
    S = (1 - share) * market - invest - kappa - P_DOOM * loss / 2   # -40
    P = Fraction(market, 2) - invest - P_DOOM * loss                # 0
    invest_star = Fraction(1, 100) * 200_000_000_000 / Fraction(3, 10)             # eps S_I / r
    rho_star = 1 - Fraction(1, 100) * 200_000_000_000 / (Fraction(3, 10) * 10_000_000_000)
    return [
        f"T, R, P, S = {T}, {R}, {P}, {S} ($bn a year)",
        "Lab race: Prisoner's Dilemma",
        f"investment above which Capabilities dominates: ${fmt(invest_star)}",
        f"rho = {rho_star}:",
        f"capabilities_tax = {(T - R) * 10**9}",
        f"alignment_subsidy = {(T - R) * 10**9}",
        f"one researcher's share of the billion: {fmt(Fraction(10**9, 800))}",
        f"careers the billion buys at $250k a year for five years: {10**9 // (250_000 * 5)}",
        # removal: 800 x (1 - 1/2) = 400 leave; 5 years x 400 / 10,000 = 0.2 years; x 0.01 a year = -0.002
        "removed net of replacements: 400; years bought: 0.2; P(doom) change: -0.002",
        f"minimal tax: ${T - R}b per lab; the intervener pays $0b",
        f"minimal subsidy: ${T - R}b per lab; the intervener pays ${2 * (T - R)}b",
    ]


def expect_04() -> list[str]:
    b, E, h1, h2, D = 1, 3, Fraction(1, 100), Fraction(2, 100), 50  # $tn
    R, S, T, P = 2 * b, b - E - h1 * D, b + E - h1 * D, -h2 * D
    s_star = E - b - h1 * D
    R4 = 2 * b + 4                                                # synergy $4tn
    x = (P - S) / (R4 - T + P - S)                                # mixed equilibrium of the stag hunt

    def risk_dominant(r: Fraction) -> bool:
        return (r - T) > (P - S)

    return [
        f"T, R, P, S = {T}, {R}, {P}, {S} ($tn)",
        f"alignment_synergy = {s_star * 10**12}",
        f"Power 1: {x} Alignment + {1 - x} Capabilities",
        f"synergy $2tn: mutual Alignment risk-dominant: {risk_dominant(2 * b + 2)}",
        f"synergy $4tn: mutual Alignment risk-dominant: {risk_dominant(R4)}",
        "Great-power race: Chicken",
    ]


def expect_05() -> list[str]:
    # Alignment pays 423,750 less against either co-player; without self-interaction a mutant also meets one
    # fewer of its own kind: gap = 423,750 + 16,250 / (Z - 1) in every state (derivation in the notebook)
    Z, beta = 10, 1e-6
    gap = float(SACRIFICE - MARGINAL + MARGINAL / (Z - 1))
    rho_a = 1 / sum(math.exp(k * beta * gap) for k in range(Z))
    rho_c = 1 / sum(math.exp(-k * beta * gap) for k in range(Z))
    # the stag-hunt great-power game (synergy $4tn, in $tn): R = 6, S = -5/2, T = 7/2, P = -1
    x = (Fraction(-1) + Fraction(5, 2)) / (6 - Fraction(7, 2) - 1 + Fraction(5, 2))
    return [
        f"at synergy $4tn: {x}",
        "pure equilibria: []",
        f"fixation probability of one Alignment researcher among {Z}: {rho_a:.6g}",
        f"Capabilities researcher among Alignment researchers: {rho_c:.6g}",
        r"\begin{tikzpicture}",
    ]


def expect_06() -> list[str]:
    b, c = 1, 2
    return [
        f"each lab shares with probability {Fraction(c - b, 3)}",
        "Sharing safety research: Stag Hunt",
        "('(Hoard, Hoard)',)",                                    # explorer at s = 0.5 < c - b
        f"Lab 1: {Fraction(c - b) / Fraction(5, 2)} Share + {1 - Fraction(c - b) / Fraction(5, 2)} Hoard",
        r"\toprule",
    ]


def expect_07() -> list[str]:
    # $bn: I = 110, sigma = 0.8, kappa = 5, P L = 0.2 * 100 = 20, c_E = 20 (ours)
    after_alignment, after_capabilities = 0.8 * 110 - 10, 110 / 2 - 20          # entry thresholds 78, 35
    leader, entrant = 110 / 2 - 20, 110 / 2 - 20 - 20                           # both race: 35, 15
    # mission drift: g = 0.1 * 10 = 1 a year; x = 0.01 * 50 = 0.5 (2023) or 0.01 * 110 = 1.1 (2024)
    d23, d24 = Fraction(1, 2) / 1, Fraction(11, 10)
    # safety pact ($tn): T = 1 + 3 - 0.5, R = 2, P = -1: (T - R)/(T - P) = 1/3, one period: (T - R)/(R - P) = 1/2
    t, r, p = Fraction(7, 2), 2, -1
    return [
        f"path Capabilities > Enter; payoffs {int(leader * 1e9)}, {int(entrant * 1e9)}",
        f"entry_cost = {int(after_capabilities * 1e9)}",
        f"entry_cost = {int(after_alignment * 1e9)}",
        f"ai_investment_2023: mission kept iff delta >= {d23}",
        f"ai_investment_2024: mission kept iff delta >= {d24}",
        f"threshold: delta >= {(t - r) / (t - p)}",
        f"threshold: delta >= {(t - r) / (r - p)}",
    ]


def expect_09() -> list[str]:
    # Tullock with V1 = 2, V2 = 1: x1 = V1^2 V2 / (V1 + V2)^2 = 4/9, x2 = V1 V2^2 / (V1 + V2)^2 = 2/9;
    # five labs' outlay (n - 1) V / n = 50b needs V = 62.5b
    x1, x2 = Fraction(4, 9), Fraction(2, 9)
    # race to the precipice, n = 2, e = 1, mu = 1: none 1 - mu/(n e) = 1/2; private 1 - n mu/((n+1)(1+(n-1)e)) = 2/3;
    # public 1 - mu/((n+1) e) = 2/3
    none, private, public = 1 - Fraction(1, 2), 1 - Fraction(2, 6), 1 - Fraction(1, 3)
    return [
        f"x1 = {x1}, x2 = {x2}",
        f"market ${50 * 5 / 4:.1f}b",
        f" 2    1    1 |   {float(none):.4f} |   {float(private):.4f} |   {float(public):.4f}",
        "more teams raise the danger: True",
        "private >= none: True",
    ]


def expect_08() -> list[str]:
    # beer-quiche with P(Weak) = 1/10: two pooling equilibria, only Beer survives the intuitive criterion;
    # pooling needs Flee to answer the prior: -(1 - p) + p <= 0 (tests/solvers/information)
    c_v, d, l_w = 50_000, Fraction(1, 2), 500_000                   # alignment_signal's defaults (ours)
    return [
        "pooling on Beer | intuitive: True",
        "pooling on Quiche | intuitive: False",
        "pooling on Beer holds iff 1 >= 2*p",
        f"separating for {fmt(c_v)} <= S <= {fmt(c_v + d * l_w)}",   # c_V <= S <= c_V + d L_W
        "S = 200,000: separating equilibrium: True",
        "S = 500,000: separating equilibrium: False",
        "1: B; 2: meet B, avoid S  (payoffs 1, 3/2)",                # Osborne (2004), section 9.2
        "1: 2/3 B + 1/3 S; 2: meet 2/3 B + 1/3 S, avoid S",          # indifference of the meeting type and of 1
    ]


CHECKS: dict[str, Callable[[], list[str]]] = dict(zip(EXPECTED, [expect_01, expect_02, expect_03, expect_04,
                                                                 expect_05, expect_06, expect_07, expect_08, expect_09]))


def test_every_notebook_source_exists_and_has_checks():
    found = sorted(p.name for p in NOTEBOOKS.glob("*.py"))
    assert found == EXPECTED
    assert set(CHECKS) == set(found)


def _convert(name: str) -> nbformat.NotebookNode:
    """The notebook ``jupytext --to ipynb notebooks/<name>`` writes, read back with nbformat."""
    return nbformat.reads(jupytext.writes(jupytext.read(NOTEBOOKS / name), fmt="ipynb"), as_version=4)


@pytest.mark.parametrize("name", EXPECTED)
def test_source_converts_to_a_valid_notebook_on_the_python3_kernel(name):
    nb = _convert(name)
    assert nb.nbformat == 4
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.metadata.kernelspec.language == "python"
    kinds = [cell.cell_type for cell in nb.cells]
    assert kinds[0] == "markdown" and nb.cells[0].source.startswith(f"# {int(name[:2])}. "), f"{name}: no title"
    assert "code" in kinds and set(kinds) <= {"markdown", "code"}, f"{name}: {sorted(set(kinds))}"
    for cell in nb.cells:
        assert cell.source.strip(), f"{name}: an empty cell"
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("name", EXPECTED)
def test_source_round_trips_through_jupytext(name):
    """Saved through jupytext (what Jupyter does with a .py notebook), a source comes back identical."""
    path = NOTEBOOKS / name
    assert jupytext.writes(jupytext.read(path), fmt="py:percent") == path.read_text(encoding="utf-8"), (
        f"{name} is not in jupytext's own py:percent form: rewrite it with jupytext")


PRIVATE = re.compile(r"\b(?:games|solvers)(?:\.[A-Za-z]\w*)*\._[A-Za-z]|from\s+(?:games|solvers)\S*\s+import\s+_|"
                     r"(?:games|solvers)\._")


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_uses_only_the_public_api(name):
    nb = jupytext.read(NOTEBOOKS / name)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import games" in code and "import solvers" in code
    assert not PRIVATE.search(code), PRIVATE.search(code)


def _texts(nb: nbformat.NotebookNode) -> tuple[str, int]:
    parts, latex = [], 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                parts.append(out.text)
            elif out.output_type in ("execute_result", "display_data"):
                for mime in ("text/plain", "text/markdown", "text/latex"):
                    if mime in out.data:
                        parts.append(out.data[mime])
                latex += "text/latex" in out.data
    return "\n".join(parts), latex


PARALLEL = 2                # notebooks executed at once (one kernel each): the CI machine has 2 cores


class NotebookCellError(AssertionError):
    """A cell of a notebook failed or ran past its timeout; the message names the notebook and the cell."""


def _cell_name(name: str, index: int, source: str) -> str:
    """``01_x.py, cell 7 (line 42: 'explorer = solvers.explore(...)')``: where to look in the jupytext source."""
    nb = jupytext.read(NOTEBOOKS / name) if (NOTEBOOKS / name).exists() else None
    first = next((line for line in source.splitlines() if line.strip()), "")
    line = ""
    if nb is not None and first:
        text = (NOTEBOOKS / name).read_text(encoding="utf-8").splitlines()
        hits = [i + 1 for i, row in enumerate(text) if row.strip() == first.strip()]
        line = f"line {hits[0]}: " if hits else ""
    return f"{name}, cell {index} ({line}{first.strip()[:80]!r})"


async def _run(nb: nbformat.NotebookNode, name: str, timeout: float) -> None:
    """Execute ``nb`` on a python3 kernel with ``timeout`` seconds per cell; a failure names its cell."""
    current: dict[str, Any] = {"index": None, "source": ""}

    def on_cell_start(cell: nbformat.NotebookNode, cell_index: int) -> None:
        current.update(index=cell_index, source=cell.source)

    client = NotebookClient(nb, timeout=timeout, startup_timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}}, on_cell_start=on_cell_start)
    try:
        await client.async_execute()      # raises CellExecutionError / CellTimeoutError on the first bad cell
    except CellTimeoutError as exc:
        raise NotebookCellError(f"{_cell_name(name, current['index'], current['source'])} ran past "
                                f"its {timeout:g} s timeout") from exc
    except Exception as exc:
        where = _cell_name(name, current["index"], current["source"]) if current["index"] is not None else name
        raise NotebookCellError(f"{where} failed: {type(exc).__name__}: {str(exc)[-1500:]}") from exc


async def _execute(name: str, limit: asyncio.Semaphore) -> tuple[nbformat.NotebookNode, float, BaseException | None]:
    async with limit:
        nb = _convert(name)
        start = time.perf_counter()
        try:
            await _run(nb, name, CELL_TIMEOUT)
        except NotebookCellError as exc:  # reported by the test of this notebook
            return nb, time.perf_counter() - start, exc
        return nb, time.perf_counter() - start, None


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, tuple[nbformat.NotebookNode, float, BaseException | None]]:
    """Every notebook executed on its own python3 kernel, two at a time."""
    # The "python3" kernel is this interpreter (a kernelspec first on JUPYTER_PATH), not whatever
    # python3 kernel a user or system directory happens to register.
    spec_dir = tmp_path_factory.mktemp("jupyter") / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (aligngames tests)", "language": "python"}))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", os.pathsep.join(filter(None, [str(spec_dir.parents[1]),
                                                                 os.environ.get("JUPYTER_PATH")])))
        # the kernels must import the checkout's packages even when they are not installed
        mp.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        mp.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")

        async def run_all() -> list[tuple[nbformat.NotebookNode, float, BaseException | None]]:
            limit = asyncio.Semaphore(PARALLEL)
            return await asyncio.gather(*(_execute(name, limit) for name in EXPECTED))

        return dict(zip(EXPECTED, asyncio.run(run_all())))


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_executes_and_prints_the_hand_computed_values(name, executed):
    nb, elapsed, error = executed[name]
    if error is not None:
        raise error
    assert elapsed < NOTEBOOK_BUDGET, f"{name} took {elapsed:.0f} s"
    text, latex_outputs = _texts(nb)
    assert latex_outputs >= 2, f"{name}: games and conditions must be shown as rendered LaTeX"
    for expected in CHECKS[name]():
        assert expected in text, f"{name}: {expected!r} not in the output"
    if name.startswith("01"):
        share = float(re.search(r"Alignment in (0\.\d+) of the draws", text).group(1))
        assert abs(share - alignment_share_dunbar()) < 0.02


EXPLORED = [name for name in EXPECTED if not name.startswith("05")]


@pytest.mark.parametrize("name", EXPLORED)
def test_notebook_displays_the_explorer_widget(name, executed):
    nb, _, error = executed[name]
    if error is not None:
        raise error
    views = [out for cell in nb.cells for out in cell.get("outputs", [])
             if out.output_type in ("execute_result", "display_data")
             and "application/vnd.jupyter.widget-view+json" in out.data]
    assert views, f"{name}: the explorer's widget was not displayed"


def test_a_hung_cell_fails_at_its_timeout_naming_the_cell(tmp_path, monkeypatch):
    # a cell that waits far longer than its timeout, as a hung kernel would: the run stops at the timeout
    # (2 s, not the 60 s of the sleep) and the error names the notebook and the cell
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                         nbformat.v4.new_code_cell("import time\ntime.sleep(60)")])
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    start = time.perf_counter()
    with pytest.raises(NotebookCellError) as info:
        asyncio.run(_run(nb, "hung.py", 2))
    assert time.perf_counter() - start < 45
    assert "hung.py, cell 1 ('import time')" in str(info.value) and "2 s timeout" in str(info.value)
