"""Tests of solvers.render (graphs, layout, phase, tikz): layouts, matplotlib drawings, phase portraits, TikZ (pdflatex), GraphML."""

from __future__ import annotations

import math
import shutil
import subprocess
import xml.etree.ElementTree as ET

import matplotlib
import networkx as nx
import numpy as np
import pytest
import sympy

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402

from games import Game, GameError, OutputError, SymmetricGame, UnknownNameError  # noqa: E402
from solvers import (
    best_response_graph,
    draw_graph,
    gradient_of_selection,
    graph_layout,
    invasion_graph,
    plot_phase_portrait,
    replicator_dynamics,
    small_mutation_chain,
    to_tikz,
    write_graph,
)

PDFLATEX = shutil.which("pdflatex")
requires_pdflatex = pytest.mark.skipif(
    PDFLATEX is None, reason="pdflatex not installed (CI installs texlive-pictures via .ci/run, so this runs there)"
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def pd_game() -> Game:
    return Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]), name="PD")


def awkward_game() -> Game:
    # LaTeX specials in names must be escaped
    names = ["safe_research", "R&D", "100%"]
    A = [[3, 0, 1], [5, 1, 2], [2, 4, 0]]
    return Game.from_bimatrix(A, strategies=(names, names), players=("lab_1", "lab #2"), name="a_b")


def compile_tex(source: str, tmp_path) -> subprocess.CompletedProcess[str]:
    (tmp_path / "fig.tex").write_text(source, encoding="utf-8")
    assert PDFLATEX is not None
    return subprocess.run(
        [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "fig.tex"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )


# --------------------------------------------------------------------------
# layouts
# --------------------------------------------------------------------------


def test_grid_layout_for_two_player_profiles():
    g = Game.from_bimatrix(np.zeros((3, 2)).tolist(), np.zeros((3, 2)).tolist())
    pos = graph_layout(best_response_graph(g))
    # column j of the second player at x = j, row i of the first at y = -i
    assert pos == {(f"s{i + 1}", f"s{j + 1}"): (float(j), float(-i)) for i in range(3) for j in range(2)}


def test_circular_layout_for_monomorphic_states():
    rps = Game.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], strategies=(["R", "P", "S"], ["R", "P", "S"]))
    pos = graph_layout(invasion_graph(small_mutation_chain(rps, 10, selection=1.0)))
    radii = [math.hypot(*p) for p in pos.values()]
    assert radii == pytest.approx([radii[0]] * 3)
    # evenly spaced: pairwise distances all equal (an equilateral triangle)
    pts = list(pos.values())
    d = [math.dist(pts[i], pts[j]) for i in range(3) for j in range(i + 1, 3)]
    assert d == pytest.approx([d[0]] * 3)


def test_layout_errors():
    chain = small_mutation_chain(pd_game(), 10, selection=1.0)
    with pytest.raises(GameError, match="'grid' is for two-player best-response graphs"):
        graph_layout(chain, "grid")
    with pytest.raises(UnknownNameError, match="layout 'cirle'.*circular"):
        graph_layout(chain, "cirle")


# --------------------------------------------------------------------------
# matplotlib drawings
# --------------------------------------------------------------------------


def _arrows(ax):
    """The edges drawn: arrows of annotations (they end at the node boxes)."""
    from matplotlib.text import Annotation

    return [t.arrow_patch for t in ax.texts if isinstance(t, Annotation) and isinstance(t.arrow_patch, FancyArrowPatch)]


def test_draw_best_response_graph_on_given_axes():
    fig, ax = plt.subplots()
    G = best_response_graph(pd_game())
    out = draw_graph(G, ax=ax)
    assert out is ax
    assert len(_arrows(ax)) == G.number_of_edges() == 4
    texts = {t.get_text() for t in ax.texts}
    assert {"C, C", "C, D", "D, C", "D, D"} <= texts
    assert {"+2", "+1"} <= texts  # gains as signed edge labels: 5 - 3 = 2 and 1 - 0 = 1


def test_draw_chain_leaves_out_self_loops():
    rps = Game.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    chain = small_mutation_chain(rps, 10, selection=1.0)
    ax = draw_graph(chain, edge_label=None)
    assert len(_arrows(ax)) == 6  # 3 * 2 ordered pairs, no self-loops


def test_png_svg_pdf_files_written(tmp_path):
    G = best_response_graph(awkward_game())
    png = write_graph(G, tmp_path / "g.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000
    svg = write_graph(invasion_graph(small_mutation_chain(pd_game(), 10, selection=1.0)), tmp_path / "g.svg")
    assert ET.parse(svg).getroot().tag.endswith("svg")
    pdf = write_graph(G, tmp_path / "g.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_write_errors(tmp_path):
    G = best_response_graph(pd_game())
    with pytest.raises(UnknownNameError, match="format 'jpg'"):
        write_graph(G, tmp_path / "g.jpg")
    with pytest.raises(OutputError, match="does not exist"):
        write_graph(G, tmp_path / "missing" / "g.png")


def test_graphml_round_trip(tmp_path):
    G = best_response_graph(pd_game())
    H = nx.read_graphml(write_graph(G, tmp_path / "g.graphml"))
    assert set(H.nodes) == {"C, C", "C, D", "D, C", "D, D"}
    assert H.edges["C, D", "D, D"]["gain"] == 1.0
    assert H.edges["C, C", "D, C"]["player"] == "Row"
    assert H.nodes["D, D"]["equilibrium"] is True
    chain = small_mutation_chain(pd_game(), 10, selection=1.0)
    H2 = nx.read_graphml(write_graph(chain, tmp_path / "c.graphml"))
    assert H2.edges["C", "D"]["fixation"] == pytest.approx(chain.edges["C", "D"]["fixation"], rel=1e-12)
    assert H2.nodes["D"]["stationary"] == pytest.approx(chain.nodes["D"]["stationary"], rel=1e-12)


# --------------------------------------------------------------------------
# TikZ
# --------------------------------------------------------------------------


def test_tikz_structure():
    G = best_response_graph(pd_game())
    tex = to_tikz(G, standalone=False)
    assert tex.count(r"\node[") == 4
    assert tex.count(r"\draw[->]") == 4
    assert r"\node[eq] (n3) at (2.500, -2.500) {D, D};" in tex  # the equilibrium, styled, at grid (1, -1) * 2.5 cm
    mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert "bend" not in to_tikz(best_response_graph(mp))  # a 4-cycle has no reciprocal edges
    chain = small_mutation_chain(pd_game(), 10, selection=1.0)
    assert to_tikz(chain).count("[bend left=12]") == 2  # C -> D and D -> C


@requires_pdflatex
def test_tikz_compiles_with_pdflatex(tmp_path):
    rps = Game.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], strategies=(["R", "P", "S"], ["R", "P", "S"]))
    k = sympy.Symbol("k")
    crd = SymmetricGame(3, {"C": sympy.Piecewise((2, k >= 1), (0, True)) - 1, "D": sympy.Piecewise((2, k >= 2), (0, True))}, count=k)
    graphs = [
        best_response_graph(awkward_game()),
        small_mutation_chain(awkward_game(), 10, selection=0.5),
        invasion_graph(small_mutation_chain(rps, 10, selection=1.0)),
        best_response_graph(crd),
    ]
    for i, G in enumerate(graphs):
        result = compile_tex(to_tikz(G), tmp_path)
        assert result.returncode == 0, f"graph {i}: " + result.stdout[-2000:]
        assert (tmp_path / "fig.pdf").stat().st_size > 1000
    # the bare picture inside a user's document
    body = to_tikz(best_response_graph(awkward_game()), standalone=False)
    doc = "\\documentclass{article}\n\\usepackage{tikz}\n\\usetikzlibrary{arrows.meta}\n\\begin{document}\n" + body + "\\end{document}\n"
    assert compile_tex(doc, tmp_path).returncode == 0


# --------------------------------------------------------------------------
# phase portraits
# --------------------------------------------------------------------------


def markers(ax):
    return sorted(
        (round(float(line.get_xdata()[0]), 6), round(float(line.get_ydata()[0]), 6), line.get_label())
        for line in ax.lines if line.get_marker() == "o"
    )


def test_phase_portrait_one_dimensional_gradient():
    k = sympy.Symbol("k")
    # 3-player game with D(x) = x - 1/2 (E[k] = 2x): root 1/2 unstable, 0 and 1 stable
    g = SymmetricGame(3, {"A": k / 2 - sympy.Rational(1, 2), "B": 0}, count=k)
    ax = plot_phase_portrait(gradient_of_selection(g))
    assert markers(ax) == [(0.0, 0.0, "stable"), (0.5, 0.0, "unstable"), (1.0, 0.0, "stable")]
    # flow arrows: two intervals, pointing away from 1/2
    assert len(ax.texts) == 2


def test_phase_portrait_simplex_rock_paper_scissors():
    rps = Game.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], strategies=(["R", "P", "S"], ["R", "P", "S"]))
    ax = plot_phase_portrait(replicator_dynamics(rps))
    h = round(math.sqrt(3) / 2, 6)
    assert markers(ax) == [
        (0.0, 0.0, "unstable"), (0.5, round(math.sqrt(3) / 6, 6), "non-hyperbolic"),
        (0.5, h, "unstable"), (1.0, 0.0, "unstable"),
    ]
    assert [t.get_text() for t in ax.texts] == ["R", "P", "S"]


def test_phase_portrait_two_populations_and_errors():
    mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    ax = plot_phase_portrait(replicator_dynamics(mp))
    assert (0.5, 0.5, "non-hyperbolic") in markers(ax)
    assert sum(1 for m in markers(ax) if m[2] == "unstable") == 4
    four = Game.from_bimatrix(np.eye(4).tolist())
    with pytest.raises(GameError, match="cannot draw 1 population"):
        plot_phase_portrait(replicator_dynamics(four))
    with pytest.raises(GameError, match="expected ReplicatorDynamics"):
        plot_phase_portrait(best_response_graph(mp))
