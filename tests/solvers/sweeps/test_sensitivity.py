"""Sensitivity: tornado rows against the gap computed by hand; first-order indices against analytic values.

The great-power race's gap is R - T = b + s - E + h1 D (games/geopolitical.py).
For independent uniform inputs the first-order indices of Y = b + s - E + h1 D are
analytic: Var(E[Y | b]) = Var(b), Var(E[Y | h1]) = E[D]^2 Var(h1),
Var(E[Y | D]) = E[h1]^2 Var(D), and
Var(Y) = Var(b) + Var(s) + Var(E) + E[h1^2] E[D^2] - E[h1]^2 E[D]^2.
"""

from __future__ import annotations

import numpy as np
import pytest

import games
from games import UnknownNameError
from solvers import SweepError, SweepResult, first_order_indices, sweep, tornado
from tests.solvers.sweeps.test_sweep import race_by_hand

PS = games.essay.parameters()
NAMES = ("alignment_world_benefit", "alignment_synergy", "capabilities_edge", "race_risk_one", "race_risk_both",
         "power_catastrophe_loss")


def gap_by_hand(v):
    return v["alignment_world_benefit"] + v["alignment_synergy"] - v["capabilities_edge"] \
        + v["race_risk_one"] * v["power_catastrophe_loss"]


def test_tornado_rows_match_hand_computed_gap_and_regimes():
    t = tornado("great_power_race", steps=11)
    base = {n: float(PS[n].value) for n in NAMES}
    assert t.baseline == pytest.approx(gap_by_hand(base))
    assert t.baseline_regime == "(Capabilities, Capabilities)"  # the defaults are a Prisoner's Dilemma
    assert [r.name for r in t.rows] == sorted(
        [r.name for r in t.rows], key=lambda n: -next(r.swing for r in t.rows if r.name == n))
    assert {r.name for r in t.rows} == set(NAMES)
    for r in t.rows:
        lo, hi = float(PS[r.name].low), float(PS[r.name].high)
        assert (r.low, r.high) == (lo, hi)
        assert r.at_low == pytest.approx(gap_by_hand(dict(base, **{r.name: lo})), rel=1e-12)
        assert r.at_high == pytest.approx(gap_by_hand(dict(base, **{r.name: hi})), rel=1e-12)
        xs = np.linspace(lo, hi, 11)
        v = {n: np.full(11, base[n]) for n in NAMES}
        v[r.name] = xs
        gaps = gap_by_hand(v)
        assert r.minimum == pytest.approx(gaps.min(), rel=1e-12) and r.maximum == pytest.approx(gaps.max(), rel=1e-12)
        regimes = race_by_hand(v)
        pattern = np.stack(list(regimes.values()), axis=1)
        assert r.flips == bool(np.any(pattern != pattern[0]))


def test_tornado_quantity_and_errors():
    E = PS.symbol("capabilities_edge")
    t = tornado("great_power_race", parameters=["capabilities_edge"], quantity=2 * E, steps=3)
    (row,) = t.rows
    assert (row.at_low, row.at_high) == (0.0, 2e13)
    with pytest.raises(UnknownNameError, match="does not appear in great_power_race"):
        tornado("great_power_race", parameters=["vsl"])
    with pytest.raises(SweepError, match="quantity 'edge' not allowed"):
        tornado("great_power_race", quantity="edge")


@pytest.fixture(scope="module")
def race_mc():
    # uniform on the registry ranges, named explicitly: the analytic indices below are for uniform inputs
    # (issue 18: the default is now each parameter's registry distribution)
    return sweep("great_power_race", samples=200_000, seed=5, keep=200_000,
                 distributions={n: "uniform" for n in NAMES})


def test_first_order_indices_of_the_gap_match_analytic_values(race_mc):
    lo = {n: float(PS[n].low) for n in NAMES}
    hi = {n: float(PS[n].high) for n in NAMES}
    mean = {n: (lo[n] + hi[n]) / 2 for n in NAMES}
    var = {n: (hi[n] - lo[n]) ** 2 / 12 for n in NAMES}
    sq = {n: var[n] + mean[n] ** 2 for n in NAMES}
    h1, D = "race_risk_one", "power_catastrophe_loss"
    total = var["alignment_world_benefit"] + var["alignment_synergy"] + var["capabilities_edge"] \
        + sq[h1] * sq[D] - mean[h1] ** 2 * mean[D] ** 2
    analytic = {"alignment_world_benefit": var["alignment_world_benefit"] / total,
                "alignment_synergy": var["alignment_synergy"] / total,
                "capabilities_edge": var["capabilities_edge"] / total,
                h1: mean[D] ** 2 * var[h1] / total, D: mean[h1] ** 2 * var[D] / total, "race_risk_both": 0.0}
    np.testing.assert_allclose(race_mc.quantities["gap"], gap_by_hand(race_mc.values), rtol=1e-9, atol=1)
    s = first_order_indices(race_mc, "gap")
    assert list(s) == list(race_mc.names)
    for n, want in analytic.items():
        assert s[n] == pytest.approx(want, abs=0.01), n


def test_first_order_indices_on_a_synthetic_result():
    # Y = X1 + 0.5 X2^2 with X1, X2 ~ U(0, 1): S1 = (1/12) / V, S2 = (0.25 * 4/45) / V, no X3 effect
    rng = np.random.default_rng(0)
    n = 100_000
    x1, x2, x3 = rng.random(n), rng.random(n), rng.random(n)
    y = x1 + 0.5 * x2**2
    v1, v2 = 1 / 12, 0.25 * (1 / 5 - 1 / 9)
    res = SweepResult(game="synthetic", kind="monte_carlo", names=("x1", "x2", "x3"),
                      values={"x1": x1, "x2": x2, "x3": x3}, codes=(y > 0.8).astype(np.uint8), records=("high",),
                      quantities={"gap": y}, counts={}, n_points=n)
    s = first_order_indices(res)
    assert s["x1"] == pytest.approx(v1 / (v1 + v2), abs=0.01)
    assert s["x2"] == pytest.approx(v2 / (v1 + v2), abs=0.01)
    assert s["x3"] < 0.005
    assert first_order_indices(res, "high")["x3"] < 0.005


def test_first_order_indices_errors(race_mc):
    grid = sweep("great_power_race", vary={"capabilities_edge": (0, 1e13, 5)})
    with pytest.raises(SweepError, match="needs a Monte Carlo sweep"):
        first_order_indices(grid)
    with pytest.raises(UnknownNameError, match="unknown outcome 'gaps'; did you mean 'gap'"):
        first_order_indices(race_mc, "gaps")
    with pytest.raises(SweepError, match="bins 1 not allowed"):
        first_order_indices(race_mc, bins=1)
    small = sweep("great_power_race", samples=50, seed=1)
    with pytest.raises(SweepError, match="50 kept points"):
        first_order_indices(small)


def test_first_order_table_on_a_prefix_equals_a_shorter_sweep(race_mc):
    from solvers.sweeps.sensitivity import first_order_table

    short = sweep("great_power_race", samples=200_000, seed=5, keep=5000, distributions={n: "uniform" for n in NAMES})
    table = first_order_table(race_mc, ["gap", "(Alignment, Alignment)"], points=5000)
    assert table["gap"] == first_order_indices(short, "gap")
    assert table["(Alignment, Alignment)"] == first_order_indices(short, "(Alignment, Alignment)")
    with pytest.raises(SweepError, match="points 0 not allowed"):
        first_order_table(race_mc, points=0)
