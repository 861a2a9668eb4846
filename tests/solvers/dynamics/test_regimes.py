"""Tests of solvers.dynamics.regimes: regimes of pure equilibria over one or two parameters."""

from __future__ import annotations

import shutil
import subprocess

import matplotlib
import networkx as nx
import pytest
import sympy

matplotlib.use("Agg")

from games import Game, ParameterError, SizeLimitError, SymbolicError, SymmetricGame, UnknownNameError  # noqa: E402
from solvers import draw_graph, graph_layout, regime_graph, to_tikz, write_graph

T, S, t, a, r = sympy.symbols("T S t a r")


def ts_game() -> Game:
    # symmetric 2x2 social dilemmas [[R, S], [T, P]] with R = 3, P = 1 (Santos et al. 2006's T-S plane)
    return Game.from_bimatrix([[3, S], [T, 1]], strategies=(["C", "D"], ["C", "D"]), name="T-S plane")


SH = "(C, C); (D, D)"  # stag hunt: T < R, S < P
PD = "(D, D)"  # prisoner's dilemma: T > R, S < P
HA = "(C, C)"  # harmony: T < R, S > P
SD = "(C, D); (D, C)"  # snowdrift: T > R, S > P


def test_one_parameter_threshold_is_exact():
    R = regime_graph(ts_game(), ["T"], {"T": (0, 6)}, fixed={"S": 0}, samples=40)
    assert set(R.nodes) == {SH, PD}
    assert R.edges[SH, PD]["thresholds"] == [sympy.Eq(T, 3)]
    # 40 points on [0, 6]: 20 below 3 and 20 above
    assert R.nodes[SH]["share"] == pytest.approx(0.5)
    assert R.nodes[SH]["equilibria"] == frozenset({("C", "C"), ("D", "D")})


def test_ts_plane_four_regimes_and_their_borders():
    R = regime_graph(ts_game(), ["T", "S"], {"T": (0, 6), "S": (-2, 4)}, samples=30)
    assert set(R.nodes) == {SH, PD, HA, SD}
    for v in R.nodes:
        assert R.nodes[v]["share"] == pytest.approx(0.25)
    assert set(map(frozenset, R.edges)) == {
        frozenset({SH, PD}), frozenset({SH, HA}), frozenset({PD, SD}), frozenset({HA, SD})
    }
    assert R.edges[SH, PD]["thresholds"] == [sympy.Eq(T, 3)]
    assert R.edges[HA, SD]["thresholds"] == [sympy.Eq(T, 3)]
    assert R.edges[SH, HA]["thresholds"] == [sympy.Eq(S, 1)]
    assert R.edges[PD, SD]["thresholds"] == [sympy.Eq(S, 1)]
    # the regime layout puts the stag hunt (low T, low S) bottom-left, snowdrift top-right
    pos = graph_layout(R)
    assert pos[SH][0] < pos[SD][0] and pos[SH][1] < pos[SD][1]


def test_oblique_threshold_solved_for_first_parameter():
    # temptation T + S: C,C is an equilibrium iff 3 >= T + S; threshold T = 3 - S
    g = Game.from_bimatrix([[3, 0], [T + S, 1]], strategies=(["C", "D"], ["C", "D"]))
    R = regime_graph(g, ["T", "S"], {"T": (0, 5), "S": (0, 1)}, samples=25)
    assert set(R.nodes) == {SH, PD}
    assert R.edges[SH, PD]["thresholds"] == [sympy.Eq(T, 3 - S)]


def test_nonlinear_parameter_exact_root():
    g = Game.from_bimatrix([[3, 0], [t**2, 1]], strategies=(["C", "D"], ["C", "D"]))
    R = regime_graph(g, [t], {t: (0, 3)}, samples=31)
    assert R.edges[SH, PD]["thresholds"] == [sympy.Eq(t, sympy.sqrt(3))]


def test_cycle_regime():
    # row's payoff a at (s1, s1): for a > -1 better replies cycle through all four profiles;
    # for a < -1 the row player stays at (s2, s1), where the column player already wins
    g = Game.from_bimatrix([[a, -1], [-1, 1]], [[-1, 1], [1, -1]])
    R = regime_graph(g, ["a"], {"a": (-3, 1)}, samples=21)
    assert set(R.nodes) == {"(s2, s1)", "cycle of 4"}
    assert R.nodes["cycle of 4"]["cycles"] == frozenset({frozenset({("s1", "s1"), ("s1", "s2"), ("s2", "s1"), ("s2", "s2")})})
    assert R.edges["(s2, s1)", "cycle of 4"]["thresholds"] == [sympy.Eq(a, -1)]


def test_grid_point_on_threshold_keeps_weak_equilibria():
    # samples=7 on [0, 6] hits T = 3 exactly; there a player at (C, C) is indifferent, so
    # (C, C) is still a (weak) equilibrium: T = 0, 1, 2, 3 are stag hunts
    R = regime_graph(ts_game(), ["T"], {"T": (0, 6)}, fixed={"S": 0}, samples=7)
    assert R.nodes[SH]["share"] == pytest.approx(4 / 7)


def test_symmetric_nplayer_game():
    # 3-player public goods, multiplication r: contributing changes one's own payoff by r/3 - 1
    k = sympy.Symbol("k")
    pgg = SymmetricGame(3, {"C": r * (k + 1) / 3 - 1, "D": r * k / 3}, count=k)
    R = regime_graph(pgg, ["r"], {"r": (1, 5)}, samples=20)
    assert set(R.nodes) == {"(C, C, C)", "(D, D, D)"}
    assert R.edges["(C, C, C)", "(D, D, D)"]["thresholds"] == [sympy.Eq(r, 3)]


def test_drawing_and_export(tmp_path):
    R = regime_graph(ts_game(), ["T", "S"], {"T": (0, 6), "S": (-2, 4)}, samples=12)
    ax = draw_graph(R)
    texts = {t.get_text() for t in ax.texts}
    # regimes named with their share of the grid; thresholds as math, never sympy's Eq(...) (issue 14)
    # one equilibrium a line, then the share: "(C, C)\n(D, D)\n(25% of the grid)"
    assert {"; ".join(t.split("\n")[:-1]) for t in texts} >= {SH, PD, HA, SD} and {"$T = 3$", "$S = 1$"} <= texts
    assert not any("Eq(" in t for t in texts)
    tex = to_tikz(R)
    assert tex.count(r"\draw[-]") == 4
    assert r"$T = 3$" in tex and r"$S = 1$" in tex
    H = nx.read_graphml(write_graph(R, tmp_path / "r.graphml"))
    assert H.number_of_nodes() == 4 and H.number_of_edges() == 4
    if shutil.which("pdflatex"):
        (tmp_path / "r.tex").write_text(tex)
        res = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "r.tex"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert res.returncode == 0, res.stdout[-1500:]


def test_errors():
    g = ts_game()
    with pytest.raises(UnknownNameError, match="parameter of the game 'Q'"):
        regime_graph(g, ["Q"], {"Q": (0, 1)}, fixed={"S": 0})
    with pytest.raises(SymbolicError, match="free symbols S have no value"):
        regime_graph(g, ["T"], {"T": (0, 6)})
    with pytest.raises(ParameterError, match="allowed: 1 or 2"):
        regime_graph(g, [], {})
    with pytest.raises(ParameterError, match="no \\(low, high\\) for 'T'"):
        regime_graph(g, ["T"], {}, fixed={"S": 0})
    with pytest.raises(ParameterError, match="allowed: finite low < high"):
        regime_graph(g, ["T"], {"T": (5, 1)}, fixed={"S": 0})
    with pytest.raises(ParameterError, match="both varied and fixed"):
        regime_graph(g, ["T"], {"T": (0, 6)}, fixed={"S": 0, "T": 1})
    with pytest.raises(ParameterError, match="samples=1"):
        regime_graph(g, ["T"], {"T": (0, 6)}, fixed={"S": 0}, samples=1)
    with pytest.raises(SizeLimitError, match="grid points"):
        regime_graph(g, ["T", "S"], {"T": (0, 6), "S": (0, 1)}, samples=1000)
