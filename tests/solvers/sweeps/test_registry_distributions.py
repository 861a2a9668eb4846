"""Issue 18: Monte Carlo draws from the registry's distributions by default; a named one or a range overrides;
the region where Alignment pays as closed forms and shares of the essay's own ranges."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import sympy

import games
from games import essay
from games.distributions import Distribution
from solvers import sweep
from solvers.errors import ProgramError, SweepError
from solvers.sweeps.essay_region import alignment_region, essay_ranges
from solvers.sweeps.model import SweepTemplate
from solvers.sweeps.sensitivity import first_order_indices, provenance_split
from solvers.sweeps.template import build_template

N = 100_000


@pytest.fixture(scope="module")
def mc():
    return sweep("career_choice", samples=N, seed=3, keep=N, uncertain=["vsl", "p_pivotal", "circle_size"])


def test_default_draws_follow_the_registry(mc):
    v = mc.values
    # vsl uniform on the essay's [5e6, 8e6]: mean 6.5e6, sd 3e6 / sqrt(12)
    assert 5e6 < v["vsl"].min() and v["vsl"].max() < 8e6
    assert abs(v["vsl"].mean() - 6.5e6) < 5 * 3e6 / math.sqrt(12 * N)
    # p_pivotal triangular(0.01, 0.05, 0.1): mean (0.01 + 0.05 + 0.1) / 3 = 0.05333; mode region densest
    assert v["p_pivotal"].min() >= 0.01 and v["p_pivotal"].max() <= 0.1
    assert v["p_pivotal"].mean() == pytest.approx(0.16 / 3, abs=0.001)
    # circle_size log-uniform on [1, 8e9]: median sqrt(8e9) = 89,443; P(k <= 150) = ln 150 / ln 8e9 = 0.2196
    assert np.median(v["circle_size"]) == pytest.approx(math.sqrt(8e9), rel=0.05)
    assert np.mean(v["circle_size"] <= 150) == pytest.approx(math.log(150) / math.log(8e9), abs=0.01)
    assert "registry, essay: 'somewhere from $5 to $8m'" in mc.distributions["vsl"]
    assert "registry, ours" in mc.distributions["p_pivotal"] and "loguniform" in mc.distributions["circle_size"]


def test_a_named_distribution_or_a_range_overrides_the_registry():
    res = sweep("career_choice", samples=20_000, seed=3, uncertain=["p_pivotal"], distributions={"p_pivotal": "uniform"})
    assert res.distributions["p_pivotal"] == "uniform [0, 1]"  # the registry range, no registry distribution
    # uniform on [0, 1]: mean 1/2
    assert res.values["p_pivotal"].mean() == pytest.approx(0.5, abs=0.01)
    res = sweep("career_choice", samples=20_000, seed=3, uncertain=["p_pivotal"], ranges={"p_pivotal": (0.2, 0.4)})
    assert res.distributions["p_pivotal"] == "uniform [0.2, 0.4]"


def test_provenance_split(mc):
    idx = first_order_indices(mc)
    split = provenance_split(mc, idx)
    assert split["essay"] == ["vsl"] and split["ours"] == ["p_pivotal", "circle_size"]
    assert split["essay_share"] == pytest.approx(idx["vsl"]) and split["top_is_ours"] is (split["top"] != "vsl")


def test_the_template_carries_the_distributions_through_json():
    t = build_template("career_choice")
    assert t.distributions["vsl"] == {"family": "uniform", "low": 5e6, "high": 8e6, "mode": None,
                                      "provenance": "essay: 'somewhere from $5 to $8m'"}
    back = SweepTemplate.from_dict(json.loads(json.dumps(t.to_dict())))
    assert back.distributions == t.distributions
    bad = t.to_dict()
    bad["distributions"]["vsl"]["family"] = "normal"
    with pytest.raises(ProgramError, match="malformed distribution of 'vsl'"):
        SweepTemplate.from_dict(bad)


def test_cli_sweep_uses_the_registry_and_distribution_overrides(cli):
    r = cli("sweep", "career_choice", "--samples", "2000", "--seed", "1", "--json", "--quiet")
    assert r.code == 0, r.err
    dists = json.loads(r.out)["distributions"]
    assert "registry, essay" in dists["vsl"] and "registry, ours" in dists["p_pivotal"]
    r = cli("sweep", "career_choice", "--samples", "2000", "--seed", "1", "--json", "--quiet",
            "--distribution", "vsl=loguniform")
    assert json.loads(r.out)["distributions"]["vsl"] == "loguniform [5e+06, 8e+06]"


# --- what would have to be true ------------------------------------------------------------------

def _only_vsl_from_the_essay(ps):
    """A parameter set in which only the VSL keeps an essay distribution (the others' become ours)."""
    import dataclasses

    new = []
    for p in ps.parameters:
        d = p.distribution
        if d is not None and not d.ours and p.name != "vsl":
            d = Distribution(d.family, d.low, d.high, mode=d.mode, provenance="ours: test")
        new.append(dataclasses.replace(p, distribution=d))
    return dataclasses.replace(ps, parameters=tuple(new))


def test_one_dimensional_region_by_hand():
    # dunbar, m = 2: Alignment beats Capabilities iff 0.0025 x 2 x V x 16 >= 440,000, i.e. V >= 5.5m,
    # and beats Neither (500,000) iff 175,000 + 0.08 V >= 500,000, V >= 4.0625m; on [5m, 8m]: (8 - 5.5) / 3 = 5/6
    ps = _only_vsl_from_the_essay(essay.parameters(case="dunbar").set(researcher_vsl_multiplier=2))
    r = alignment_region("career_choice", ps, steps=600)
    assert list(r.ranges) == ["vsl"]
    assert r.share == pytest.approx(5 / 6, abs=1 / 600)
    assert r.holds_at_values is True  # V = 6.5m >= 5.5m
    V = essay.symbol("vsl")
    assert r.condition_at.xreplace({V: 5_500_000}) == sympy.true
    assert r.condition_at.xreplace({V: 5_400_000}) == sympy.false


def test_two_dimensional_region_by_hand():
    # dunbar with V in [5m, 8m] and m in [1, 5], phd salaries: Alignment iff m V >= 11m (440,000 / 0.04);
    # share = int_5^8 (5 - 11/V) dV / 12 = (15 - 11 ln 1.6) / 12 = 0.8192 (11/V stays in (1, 5) on [5, 8])
    import dataclasses

    ps = essay.parameters(case="dunbar")
    keep = {"vsl", "researcher_vsl_multiplier"}
    ps = dataclasses.replace(ps, parameters=tuple(
        dataclasses.replace(p, distribution=Distribution(p.distribution.family, p.distribution.low,
                                                         p.distribution.high, mode=p.distribution.mode,
                                                         provenance="ours: test"))
        if p.distribution is not None and not p.distribution.ours and p.name not in keep else p
        for p in ps.parameters))
    r = alignment_region("career_choice", ps, steps=200)
    assert r.share == pytest.approx((15 - 11 * math.log(1.6)) / 12, abs=0.01)


def test_essay_box_shares_of_career_choice():
    assert essay_ranges() == {"vsl": (5e6, 8e6), "altruism_vsl_multiplier": (2.0, 3.0),
                              "researcher_vsl_multiplier": (1.0, 5.0), "salary_alignment": (35e3, 90e3),
                              "salary_capabilities": (123e3, 250e3)}
    # baseline: at most 0.0025 x 5 x 8e6 = 100,000 against at least 5 x (123k - 90k) = 165,000: never
    assert alignment_region("career_choice", steps=9).share == 0.0
    # humanity: at least 0.0025 x 1 x 5e6 x (1 + 8e9) = 1e14 against at most 5 x (250k - 35k) = 1,075,000: always
    assert alignment_region("career_choice", essay.parameters(case="humanity"), steps=9).share == 1.0
    # dunbar over the four-parameter box: an independent numpy Monte Carlo of the same inequality
    rng = np.random.default_rng(0)
    V, m = rng.uniform(5e6, 8e6, 400_000), rng.uniform(1, 5, 400_000)
    wa, wc = rng.uniform(35e3, 90e3, 400_000), rng.uniform(123e3, 250e3, 400_000)
    value = 0.0025 * m * V * 16
    hand = np.mean((value + 5 * wa >= 5 * 100e3) & (value + 5 * wa >= 5 * wc))
    r = alignment_region("career_choice", essay.parameters(case="dunbar"), steps=25)
    assert r.share == pytest.approx(hand, abs=0.01)
    assert "p_pivotal" in r.ours and "vsl" not in r.ours


def test_games_without_an_essay_range_and_errors():
    r = alignment_region("lab_race", steps=5)
    assert r.ranges == {} and r.share == float(r.holds_at_values) == 0.0
    assert "ai_market_value" in r.ours
    with pytest.raises(SweepError, match="steps 1 not allowed"):
        alignment_region("lab_race", steps=1)
    g = games.Game.from_bimatrix([[1, 0], [0, 1]], strategies=(("Left", "Right"), ("Left", "Right")))
    with pytest.raises(SweepError, match="no pure profile"):
        alignment_region(g)


def test_two_researchers_deadlock_and_the_dilemma_above_27():
    from solvers import break_even, classify

    ps = essay.parameters()
    # n = 2: Capabilities dominant by 440,000 - 16,250 = 423,750 and mutual Capabilities better for both than
    # mutual Alignment by 440,000 - 2 x 16,250 = 407,500: a Deadlock, not a Prisoner's Dilemma
    assert classify(games.build("collective_action_pair").subs(ps)).name == "Deadlock"
    # all-Alignment beats all-Capabilities for everyone once n x 16,250 > 440,000: n* = 352/13 = 27.08
    (t,) = break_even(games.build("collective_action"), "n_researchers", ps, what="welfare")
    assert t.value == sympy.Rational(352, 13)
    assert 27 * 16_250 < 440_000 < 28 * 16_250
