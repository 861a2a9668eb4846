"""sweep: regime shares against hand-written numpy inequalities and the per-point solve path.

The great-power race is the symmetric 2 x 2 game with R = 2b + s,
S = b - E - h1 D, T = b + E - h1 D, P = -h2 D (games/geopolitical.py).  By the
textbook analysis of symmetric 2 x 2 games (written here without the
closed-form records): (A, A) is an equilibrium iff R >= T, (C, C) iff P >= S,
(A, C) and (C, A) iff S >= P and T >= R, and an interior mixed equilibrium
exists iff (R - T)(P - S) > 0.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
import sympy

import games
from games import GameError, OutputError, Parameter, ParameterError, ParameterSet, SymmetricGame, UnknownNameError
from solvers import SweepError, SweepResult, sweep

PS = games.essay.parameters()
AA, AC, CA, CC = ("(Alignment, Alignment)", "(Alignment, Capabilities)", "(Capabilities, Alignment)",
                  "(Capabilities, Capabilities)")
MIXED = "mixed ({Alignment, Capabilities}, {Alignment, Capabilities})"


def race_by_hand(v: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    b, s, E = v["alignment_world_benefit"], v["alignment_synergy"], v["capabilities_edge"]
    h1, h2, D = v["race_risk_one"], v["race_risk_both"], v["power_catastrophe_loss"]
    R, S, T, P = 2 * b + s, b - E - h1 * D, b + E - h1 * D, -h2 * D
    return {AA: R >= T, CC: P >= S, AC: (S >= P) & (T >= R), CA: (S >= P) & (T >= R),
            MIXED: (R - T) * (P - S) > 0}


@pytest.fixture(scope="module")
def race_mc() -> SweepResult:
    # uniform named explicitly (issue 18: the default is now each parameter's registry distribution)
    uniform = {s.name: "uniform" for s in games.build("great_power_race").free_symbols}
    return sweep("great_power_race", samples=60_000, seed=7, chunk_size=16_384, keep=60_000, distributions=uniform)


def test_monte_carlo_regimes_match_hand_written_inequalities(race_mc):
    res = race_mc
    assert res.n_points == res.n_kept == 60_000
    expected = race_by_hand(res.values)
    for label, want in expected.items():
        np.testing.assert_array_equal(res.holds(label), want, err_msg=label)
    shares = res.record_shares()
    for label, want in expected.items():
        assert shares[label] == pytest.approx(float(np.mean(want)), abs=0), label
    # continua need exact ties: never met by continuous draws
    assert all(v == 0 for k, v in shares.items() if k.startswith("continuum"))
    # the regime shares partition the points and the counts equal the codes' histogram
    assert sum(res.counts.values()) == res.n_points
    uc, um = np.unique(res.codes, return_counts=True)
    assert dict(zip(uc.tolist(), um.tolist())) == res.counts
    assert sum(res.shares().values()) == pytest.approx(1.0)


def test_monte_carlo_draws_are_uniform_over_registry_ranges(race_mc):
    for name in race_mc.names:
        v = race_mc.values[name]
        lo, hi = float(PS[name].low), float(PS[name].high)
        assert lo < v.min() and v.max() < hi
        # mean and variance of U(lo, hi) within 5 standard errors
        n = v.size
        assert abs(v.mean() - (lo + hi) / 2) < 5 * (hi - lo) / np.sqrt(12 * n)
        assert v.var() == pytest.approx((hi - lo) ** 2 / 12, rel=0.03)
    # unsampled parameters are held at their values; the sampled ones are the game's ranged parameters
    assert set(race_mc.names) == {s.name for s in games.build("great_power_race").free_symbols}


def test_gap_is_row_payoff_difference(race_mc):
    v = race_mc.values
    b, s, E, h1, D = (v[n] for n in ("alignment_world_benefit", "alignment_synergy", "capabilities_edge",
                                     "race_risk_one", "power_catastrophe_loss"))
    np.testing.assert_allclose(race_mc.quantities["gap"], (2 * b + s) - (b + E - h1 * D), rtol=1e-12, atol=1e-3)


@pytest.mark.parametrize("name", ["great_power_race", "lab_race", "career_choice"])
def test_monte_carlo_agrees_with_solve_path_per_point(name):
    # The same seed gives the same draws; "solve" substitutes exact values and calls nash_equilibria.
    fast = sweep(name, samples=30, seed=11)
    slow = sweep(name, samples=30, seed=11, method="solve")
    for n in fast.names:
        np.testing.assert_array_equal(fast.values[n], slow.values[n])
    for cf, cs in zip(fast.codes, slow.codes):
        assert fast.regime_set(cf) == slow.regime_set(cs)


def test_grid_agrees_with_solve_path_and_is_c_ordered():
    vary = {"capabilities_edge": (0.1e12, 9.7e12, 6), "race_risk_both": [0.01, 0.07, 0.2]}
    fast = sweep("great_power_race", vary=vary)
    slow = sweep("great_power_race", vary=vary, method="solve")
    assert fast.grid_shape == (6, 3) and fast.n_points == 18
    E, H = np.meshgrid(np.linspace(0.1e12, 9.7e12, 6), [0.01, 0.07, 0.2], indexing="ij")
    np.testing.assert_array_equal(fast.values["capabilities_edge"], E.ravel())
    np.testing.assert_array_equal(fast.values["race_risk_both"], H.ravel())
    assert [fast.regime_set(c) for c in fast.codes] == [slow.regime_set(c) for c in slow.codes]
    # and against the hand-written inequalities with the other parameters at their values
    v = {n: np.full(18, float(PS[n].value)) for n in ("alignment_world_benefit", "alignment_synergy",
                                                      "race_risk_one", "power_catastrophe_loss")}
    v.update(capabilities_edge=E.ravel(), race_risk_both=H.ravel())
    for label, want in race_by_hand(v).items():
        np.testing.assert_array_equal(fast.holds(label), want)


def test_grid_threshold_example():
    # (A, A) iff E <= b + s + h1 D = 1e12 + 0 + 0.01 * 50e12 = 1.5e12
    res = sweep("great_power_race", vary={"capabilities_edge": [1.4e12, 1.5e12, 1.6e12]})
    assert res.holds(AA).tolist() == [True, True, False]


def test_seed_reproducible_and_independent_of_threads_and_keep():
    a = sweep("great_power_race", samples=40_000, seed=3, chunk_size=5000, workers=1)
    b = sweep("great_power_race", samples=40_000, seed=3, chunk_size=5000, workers=2)
    c = sweep("great_power_race", samples=40_000, seed=3, chunk_size=5000, keep=1234)
    d = sweep("great_power_race", samples=40_000, seed=4, chunk_size=5000)
    assert a.counts == b.counts == c.counts
    np.testing.assert_array_equal(a.codes, b.codes)
    for n in a.names:
        np.testing.assert_array_equal(a.values[n], b.values[n])
        np.testing.assert_array_equal(c.values[n], a.values[n][:1234])
    assert c.n_kept == 1234 and c.n_points == 40_000
    assert not np.array_equal(a.values["capabilities_edge"], d.values["capabilities_edge"])
    g1 = sweep("great_power_race", samples=100, seed=np.random.default_rng(5))
    g2 = sweep("great_power_race", samples=100, seed=np.random.default_rng(5))
    np.testing.assert_array_equal(g1.values["capabilities_edge"], g2.values["capabilities_edge"])


def test_distributions_are_transforms_of_the_same_uniform_numbers():
    name = "capabilities_edge"
    lo, hi = 1e11, 9e12
    base = dict(samples=20_000, seed=21, uncertain=[name, "race_risk_one"], ranges={name: (lo, hi)})
    ident = sweep("great_power_race", distributions={name: lambda u: u}, **base).values[name]
    assert 0 < ident.min() and ident.max() < 1
    unif = sweep("great_power_race", **base).values[name]
    np.testing.assert_allclose(unif, lo + (hi - lo) * ident, rtol=1e-12)
    logu = sweep("great_power_race", distributions={name: "loguniform"}, **base).values[name]
    np.testing.assert_allclose(logu, lo * (hi / lo) ** ident, rtol=1e-10)
    mode = 2e12
    tri = sweep("great_power_race", distributions={name: ("triangular", mode)}, **base).values[name]
    fc = (mode - lo) / (hi - lo)
    by_hand = np.where(ident < fc, lo + np.sqrt(ident * (hi - lo) * (mode - lo)),
                       hi - np.sqrt((1 - ident) * (hi - lo) * (hi - mode)))
    np.testing.assert_allclose(tri, by_hand, rtol=1e-10)
    # triangular without a mode uses the parameter's value (3e12) as the mode
    tri_default = sweep("great_power_race", distributions={name: "triangular"}, **base).values[name]
    tri_3 = sweep("great_power_race", distributions={name: ("triangular", 3e12)}, **base).values[name]
    np.testing.assert_array_equal(tri_default, tri_3)


# ---------------------------------------------------------------------------
# a symmetric n-player game with an interior mixed equilibrium
# ---------------------------------------------------------------------------

def _volunteer():
    ps = ParameterSet([
        Parameter("gain", 3, kind="ratio", low=0, high=4),
        Parameter("envy", 1, kind="ratio", low=0, high=4),
        Parameter("cost", 2, kind="money", low=0, high=10),
        Parameter("players", 5, kind="count", low=2, high=9),
    ])
    a, e, c, n = (ps.symbol(x) for x in ("gain", "envy", "cost", "players"))
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    g = SymmetricGame(n, {"A": a * k - c, "B": e * k}, count=k, name="volunteer")
    return g, ps


def test_symmetric_game_against_hand_written_and_solve():
    g, ps = _volunteer()
    res = sweep(g, params=ps, samples=20_000, seed=2, chunk_size=4096)
    v = res.values
    a, e, c, n = v["gain"], v["envy"], v["cost"], v["players"]
    # counts are drawn as whole numbers covering the range
    assert np.all(n == np.round(n)) and set(np.unique(n).tolist()) == set(range(2, 10))
    # all-A: pi_A(n-1) >= pi_B(n-1); all-B: pi_B(0) >= pi_A(0); mixed root x* = c / ((a - e)(n - 1)) in (0, 1)
    all_a = a * (n - 1) - c >= e * (n - 1)
    all_b = 0 >= -c
    x = c / ((a - e) * (n - 1))
    mixed = (a != e) & (x > 0) & (x < 1)
    np.testing.assert_array_equal(res.holds("(A)"), all_a)
    np.testing.assert_array_equal(res.holds("(B)"), all_b)
    np.testing.assert_array_equal(res.holds("mixed ({A, B})"), mixed)
    slow = sweep(g, params=ps, samples=25, seed=2, chunk_size=4096, method="solve")
    assert [res.regime_set(c) for c in res.codes[:25]] == [slow.regime_set(c) for c in slow.codes]


# ---------------------------------------------------------------------------
# results: data frame and files
# ---------------------------------------------------------------------------

def test_dataframe_and_files_round_trip(tmp_path):
    pd = pytest.importorskip("pandas")
    res = sweep("great_power_race", samples=3000, seed=9)
    df = res.to_dataframe()
    assert list(df.columns) == [*res.names, "regime", "regime_code", "gap"]
    assert df["regime"].tolist() == res.regimes()
    npz = res.save(tmp_path / "r.npz")
    back = SweepResult.load(npz)
    assert back.counts == res.counts and back.records == res.records and back.seed == res.seed
    np.testing.assert_array_equal(back.codes, res.codes)
    for n in res.names:
        np.testing.assert_array_equal(back.values[n], res.values[n])
    csv = pd.read_csv(res.save(tmp_path / "r.csv"))
    np.testing.assert_array_equal(csv["capabilities_edge"].to_numpy(), res.values["capabilities_edge"])
    assert csv["regime"].tolist() == res.regimes()
    pq = pd.read_parquet(res.save(tmp_path / "r.parquet"))
    np.testing.assert_array_equal(pq["gap"].to_numpy(), res.quantities["gap"])
    assert sorted(os.listdir(tmp_path)) == ["r.csv", "r.npz", "r.parquet"]  # no temporary files left


def test_interrupted_save_leaves_old_file(tmp_path, monkeypatch):
    res = sweep("great_power_race", samples=500, seed=1)
    target = tmp_path / "r.npz"
    target.write_bytes(b"old")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        res.save(target)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["r.npz"]


def test_save_errors(tmp_path):
    res = sweep("great_power_race", samples=100, seed=1)
    with pytest.raises(OutputError, match=r"unknown suffix '\.txt' \(allowed: \.npz, \.csv, \.parquet\)"):
        res.save(tmp_path / "r.txt")
    with pytest.raises(OutputError, match="does not exist"):
        res.save(tmp_path / "missing" / "r.npz")


def test_quantity_expressions():
    b, s, h1, D = (PS.symbol(n) for n in ("alignment_world_benefit", "alignment_synergy", "race_risk_one",
                                          "power_catastrophe_loss"))
    res = sweep("great_power_race", samples=2000, seed=4, quantities={"edge_max": b + s + h1 * D})
    v = res.values
    np.testing.assert_allclose(res.quantities["edge_max"],
                               v["alignment_world_benefit"] + v["alignment_synergy"]
                               + v["race_risk_one"] * v["power_catastrophe_loss"], rtol=1e-12)
    with pytest.raises(SweepError, match="sympy expression"):
        sweep("great_power_race", samples=10, quantities={"x": "b + s"})
    with pytest.raises(UnknownNameError, match="quantity 'x' uses zz"):
        sweep("great_power_race", samples=10, quantities={"x": sympy.Symbol("zz")})


# ---------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"vary": {"capabilites_edge": (0, 1, 3)}}, UnknownNameError,
         r"unknown parameter 'capabilites_edge'; did you mean 'capabilities_edge'"),
        ({"vary": {"vsl": (5e6, 8e6, 3)}}, UnknownNameError,
         r"parameter 'vsl' does not appear in great_power_race \(allowed: alignment_synergy"),
        ({"vary": {"capabilities_edge": (3e12, 1e12, 3)}}, ParameterError, r"low 3e\+12 exceeds high 1e\+12"),
        ({"vary": {"capabilities_edge": (0, 1e12, 1)}}, SweepError, r"steps 1 \(allowed: an integer >= 2\)"),
        ({"vary": {"race_risk_one": (0, 1.5, 3)}}, ParameterError,
         r"1\.5 is outside what parameter 'race_risk_one' allows \(a probability from 0 to 1\)"),
        ({"vary": {"capabilities_edge": (-1, 1e12, 3)}}, ParameterError, r"a money >= 0"),
        ({"samples": 0}, SweepError, r"samples 0 \(allowed: an integer >= 1\)"),
        ({"samples": -5}, SweepError, r"samples -5"),
        ({"samples": 2.5}, SweepError, r"not a whole number"),
        ({}, SweepError, "exactly one of vary"),
        ({"samples": 10, "vary": {"capabilities_edge": (0, 1, 2)}}, SweepError, "exactly one of vary"),
        ({"vary": {n: (0, 0.1, 2) for n in ("race_risk_one", "race_risk_both", "alignment_synergy",
                                             "capabilities_edge")}}, SweepError, "1 to 3 parameters"),
        ({"samples": 10, "method": "fast"}, SweepError, r"method 'fast' not allowed \(allowed: conditions, solve\)"),
        ({"samples": 10, "backend": "spark"}, SweepError, r"backend 'spark' not allowed \(allowed: numpy, dask\)"),
        ({"samples": 10, "ranges": {"race_risk_one": (0.2, 1.2)}}, ParameterError, "a probability from 0 to 1"),
        ({"samples": 10, "distributions": {"alignment_synergy": "loguniform"}}, ParameterError,
         r"loguniform 'alignment_synergy' needs low > 0"),
        ({"samples": 10, "distributions": {"alignment_synergy": "gamma"}}, SweepError,
         r"distribution 'gamma' for 'alignment_synergy' not allowed \(allowed: uniform, loguniform, triangular"),
        ({"samples": 10, "distributions": {"race_risk_one": lambda u: 2 * u}}, ParameterError,
         r"distribution of 'race_risk_one' returned .* outside what a probability allows"),
        ({"samples": 10, "seed": -1}, SweepError, r"seed -1 not allowed"),
        ({"samples": 10, "chunk_size": 0}, SweepError, r"chunk_size 0 not allowed"),
        ({"samples": 10, "scheduler": "tcp://127.0.0.1:1"}, SweepError, "only used with backend='dask'"),
    ],
    ids=["unknown-name", "not-in-game", "lo>hi", "steps<2", "probability>1", "negative-money", "samples=0",
         "samples<0", "samples-float", "neither", "both", "4-params", "method", "backend", "range-kind",
         "loguniform-0", "distribution-name", "ppf-out-of-kind", "seed", "chunk", "scheduler-numpy"],
)
def test_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match) as info:
        sweep("great_power_race", **kwargs)
    assert isinstance(info.value, games.AligngamesError)


def test_bad_game():
    with pytest.raises(UnknownNameError, match="unknown game 'great_power'"):
        sweep("great_power", samples=10)
    with pytest.raises(SweepError, match="game must be a Game"):
        sweep(42, samples=10)  # type: ignore[arg-type]
    assert issubclass(SweepError, games.AligngamesError) and not issubclass(SweepError, GameError)


# ---------------------------------------------------------------------------
# dask
# ---------------------------------------------------------------------------

def test_dask_local_cluster_identical_to_numpy():
    distributed = pytest.importorskip("distributed", reason="install the 'distributed' extra")
    kw = dict(samples=300_000, seed=12, chunk_size=50_000, keep=120_000)
    ref = sweep("great_power_race", **kw)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        by_client = sweep("great_power_race", backend="dask", scheduler=client, **kw)
        by_address = sweep("great_power_race", backend="dask", scheduler=cluster.scheduler_address,
                           samples=20_000, seed=5, chunk_size=4096)
    threaded = sweep("great_power_race", backend="dask", samples=20_000, seed=5, chunk_size=4096)
    for res in (by_client,):
        assert res.backend == "dask"
        assert res.counts == ref.counts
        np.testing.assert_array_equal(res.codes, ref.codes)
        for n in ref.names:
            np.testing.assert_array_equal(res.values[n], ref.values[n])
        np.testing.assert_array_equal(res.quantities["gap"], ref.quantities["gap"])
    assert by_address.counts == threaded.counts
    np.testing.assert_array_equal(by_address.codes, threaded.codes)


def test_dask_bad_scheduler():
    pytest.importorskip("distributed", reason="install the 'distributed' extra")
    with pytest.raises(SweepError, match="scheduler 42 not allowed"):
        sweep("great_power_race", samples=10, backend="dask", scheduler=42)


def test_mixed_probability_as_a_quantity():
    # the interior equilibrium of a symmetric 2 x 2 game plays A with p = (P - S) / (R - T + P - S)
    from solvers.conditions.derive import equilibrium_conditions

    g = games.build("great_power_race")
    (mixed,) = [r for r in equilibrium_conditions(g) if r.kind == "mixed"]
    res = sweep(g, samples=5000, seed=6, quantities={"p_alignment": mixed.profile[0][0]})
    v = res.values
    b, s, E = v["alignment_world_benefit"], v["alignment_synergy"], v["capabilities_edge"]
    h1, h2, D = v["race_risk_one"], v["race_risk_both"], v["power_catastrophe_loss"]
    R, S, T, P = 2 * b + s, b - E - h1 * D, b + E - h1 * D, -h2 * D
    holds = res.holds(MIXED)
    assert 0 < holds.sum() < holds.size
    p = (P - S) / (R - T + P - S)
    np.testing.assert_allclose(res.quantities["p_alignment"][holds], p[holds], rtol=1e-9)
    assert np.all((p[holds] > 0) & (p[holds] < 1))


def test_continuum_on_an_exact_tie():
    # At E = b + s + h1 D (= 1.5e12 at the defaults) R = T: against a column mixing sigma on C the row's
    # A beats C by sigma (S - P), so (Alignment, {Alignment, Capabilities}) is an equilibrium iff S >= P,
    # i.e. h2 D >= E + h1 D - b = 1e12 (h2 >= 0.02 with D = 5e13).  (Capabilities, {..}) needs S == P.
    res = sweep("great_power_race", vary={"capabilities_edge": [1.5e12, 1.6e12],
                                          "race_risk_both": [0.01, 0.03, 0.2]})
    tie = res.values["capabilities_edge"] == 1.5e12
    h2 = res.values["race_risk_both"]
    np.testing.assert_array_equal(res.holds("continuum (Alignment, {Alignment, Capabilities})"), tie & (h2 >= 0.02))
    assert not res.holds("continuum (Capabilities, {Alignment, Capabilities})").any()
    np.testing.assert_array_equal(res.holds(AA), tie)  # weak inequality: R >= T holds at the tie
