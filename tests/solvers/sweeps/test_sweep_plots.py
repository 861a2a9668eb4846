"""Sweep figures: what is drawn equals what is computed by hand (regimes, thresholds, bars, histogram)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import games  # noqa: E402
from games import UnknownNameError  # noqa: E402
from solvers import SweepError, plot_gap_histogram, plot_regime_map, plot_tornado, sweep, tornado
from solvers.sweeps.plots import threshold_relations
from tests.solvers.sweeps.test_sensitivity import gap_by_hand  # noqa: E402
from tests.solvers.sweeps.test_sweep import race_by_hand  # noqa: E402

PS = games.essay.parameters()
OTHERS = ("alignment_world_benefit", "race_risk_one", "race_risk_both", "power_catastrophe_loss")


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def grid():
    return sweep("great_power_race", vary={"capabilities_edge": (0.1e12, 1e13, 30),
                                           "alignment_synergy": (0, 1e13, 25)})


def test_regime_map_colours_each_point_by_its_hand_computed_regime(grid):
    fig, ax = plt.subplots()
    assert plot_regime_map(grid, ax) is ax
    mesh = ax.collections[0]
    img = np.asarray(mesh.get_array()).reshape(25, 30)  # rows: synergy (y), columns: edge (x)
    legend = [t.get_text().replace("\n", " ") for t in ax.get_legend().get_texts()]
    E, S = np.meshgrid(grid.axes["capabilities_edge"], grid.axes["alignment_synergy"])
    v = {n: np.full(E.shape, float(PS[n].value)) for n in OTHERS}
    v.update(capabilities_edge=E, alignment_synergy=S)
    by_hand = race_by_hand(v)
    order = list(grid.records)
    for i in range(25):
        for j in range(30):
            labels = [lab for lab in order if lab in by_hand and by_hand[lab][i, j]]
            assert legend[int(img[i, j])] == " + ".join(labels)


def test_threshold_curves_are_the_closed_forms(grid):
    # (A, A) holds iff E <= b + s + h1 D = s + 1.5e12; (C, C) iff E + h1 D >= b + h2 D, i.e. E >= 1.5e12
    rels = threshold_relations(grid)
    E, S = (next(s for s in rels[0].free_symbols if s.name == n) for n in ("capabilities_edge", "alignment_synergy"))
    assert {str(r) for r in rels} >= {str(S - E + 1_500_000_000_000), str(1_500_000_000_000 - E)}
    ax = plot_regime_map(grid)
    contours = ax.collections[1:]
    assert len(contours) == 2
    verts = [p.vertices for c in contours for p in c.get_paths() if len(p.vertices)]
    assert verts
    for vv in verts:
        x, y = vv[:, 0], vv[:, 1]
        on_aa = np.abs(y - x + 1.5e12) < 1e13 * 1e-3
        on_cc = np.abs(x - 1.5e12) < 1e13 * 1e-3
        assert np.all(on_aa | on_cc)
    # with x and y swapped the image is transposed
    ax2 = plot_regime_map(grid, x="alignment_synergy", y="capabilities_edge", thresholds=False)
    np.testing.assert_array_equal(np.asarray(ax2.collections[0].get_array()).reshape(30, 25),
                                  np.asarray(ax.collections[0].get_array()).reshape(25, 30).T)


def test_tornado_chart_bars():
    t = tornado("great_power_race", steps=5)
    ax = plot_tornado(t)
    bars = ax.patches
    assert len(bars) == 2 * len(t.rows)
    base = {n: float(PS[n].value) for n in (*OTHERS, "capabilities_edge", "alignment_synergy")}
    labels = [tick.get_text().rstrip(" *") for tick in ax.get_yticklabels()]
    assert labels == [r.name for r in t.rows]
    for k, r in enumerate(t.rows):
        low_bar, high_bar = bars[2 * k], bars[2 * k + 1]
        assert low_bar.get_x() == pytest.approx(gap_by_hand(base))
        assert low_bar.get_x() + low_bar.get_width() == pytest.approx(
            gap_by_hand(dict(base, **{r.name: float(PS[r.name].low)})))
        assert high_bar.get_x() + high_bar.get_width() == pytest.approx(
            gap_by_hand(dict(base, **{r.name: float(PS[r.name].high)})))
    with pytest.raises(SweepError, match="expected a Tornado"):
        plot_tornado("not a tornado")  # type: ignore[arg-type]


def test_gap_histogram_heights():
    res = sweep("great_power_race", samples=5000, seed=3)
    ax = plot_gap_histogram(res, bins=30)
    heights = [p.get_height() for p in ax.patches]
    want, _ = np.histogram(gap_by_hand(res.values), bins=30)
    np.testing.assert_array_equal(heights, want)
    assert f"{np.mean(gap_by_hand(res.values) > 0):.1%}" in ax.get_title()
    with pytest.raises(UnknownNameError, match="unknown quantity 'gaps'"):
        plot_gap_histogram(res, quantity="gaps")


def test_regime_map_errors(grid):
    mc = sweep("great_power_race", samples=100, seed=1)
    with pytest.raises(SweepError, match="needs a grid sweep over 2 parameters"):
        plot_regime_map(mc)
    with pytest.raises(UnknownNameError, match="unknown varied parameter 'vsl'"):
        plot_regime_map(grid, x="vsl")
