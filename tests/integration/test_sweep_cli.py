"""``aligngames sweep`` through its own parser (solvers.cli.sweep.setup/run): output, files, bad input."""

from __future__ import annotations

import argparse
import json

import numpy as np
import pytest

import games
from games import AligngamesError, ParameterError, UnknownNameError
from solvers import SweepError, SweepResult
from solvers.cli import sweep as sweep_cli
from solvers.cli.sweep import parse_samples, parse_vary, run, setup
from tests.solvers.sweeps.test_sweep import race_by_hand


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="aligngames sweep")
    setup(p)
    return p


def call(*argv: str) -> int:
    return run(parser().parse_args(list(argv)))


def test_monte_carlo_json_matches_hand_written_shares(tmp_path, capsys):
    out = tmp_path / "mc.npz"
    assert call("great_power_race", "--samples", "2e4", "--seed", "8", "--json", "--out", str(out),
                "--chunk-size", "4096") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["points"] == 20_000 and summary["seed"] == 8 and summary["kind"] == "monte_carlo"
    saved = SweepResult.load(out)
    by_hand = race_by_hand(saved.values)
    for label, holds in by_hand.items():
        assert summary["equilibrium_shares"][label] == pytest.approx(float(np.mean(holds)), abs=1e-12)
    assert sum(summary["regime_shares"].values()) == pytest.approx(1.0)
    sens = summary["sensitivity"]
    assert set(sens["gap"]) == set(saved.names)
    # the gap R - T does not involve h2; h1 and D explain most of its variance
    assert sens["gap"]["race_risk_both"] < 0.01 < sens["gap"]["race_risk_one"]
    assert summary["out"] == str(out)


def test_grid_text_output_and_params(capsys):
    # with --set alignment_synergy=1e12, (A, A) iff E <= b + s + h1 D = 2.5e12
    assert call("great_power_race", "--vary", "capabilities_edge=2e12:3e12:3", "--set", "alignment_synergy=1e12",
                "--quiet") == 0
    text = capsys.readouterr().out
    assert text.startswith("great_power_race: grid over capabilities_edge (3 points)")
    assert "(Alignment, Alignment)" in text and "66.67%" in text and "33.33%" in text


def test_grid_json_two_parameters(capsys):
    assert call("great_power_race", "--vary", "capabilities_edge=0:1e13:11", "--vary", "race_risk_both=0:1/2:6",
                "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["grid"] == {"capabilities_edge": [0.0, 1e13, 11], "race_risk_both": [0.0, 0.5, 6]}
    assert summary["sensitivity"] is None
    ps = games.essay.parameters()
    E, H = np.meshgrid(np.linspace(0, 1e13, 11), np.linspace(0, 0.5, 6), indexing="ij")
    v = {n: np.full(E.shape, float(ps[n].value)) for n in ("alignment_world_benefit", "alignment_synergy",
                                                           "race_risk_one", "power_catastrophe_loss")}
    v.update(capabilities_edge=E, race_risk_both=H)
    for label, holds in race_by_hand(v).items():
        assert summary["equilibrium_shares"][label] == pytest.approx(float(np.mean(holds)))


def test_csv_and_parquet_out(tmp_path, capsys):
    pd = pytest.importorskip("pandas")
    for suffix in ("csv", "parquet"):
        path = tmp_path / f"r.{suffix}"
        assert call("lab_race", "--samples", "300", "--seed", "2", "--out", str(path), "--quiet") == 0
        df = pd.read_csv(path) if suffix == "csv" else pd.read_parquet(path)
        assert len(df) == 300 and "regime" in df.columns
    assert "saved 300 points to" in capsys.readouterr().out


def test_progress_bar_only_on_a_terminal_and_not_quiet(monkeypatch, capsys):
    pytest.importorskip("tqdm")
    monkeypatch.setattr(sweep_cli, "_tty", lambda: True)
    assert call("great_power_race", "--samples", "20000", "--seed", "1", "--chunk-size", "5000", "--json") == 0
    assert "4/4" in capsys.readouterr().err
    assert call("great_power_race", "--samples", "20000", "--seed", "1", "--chunk-size", "5000", "--json",
                "--quiet") == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sweep_cli, "_tty", lambda: False)
    assert call("great_power_race", "--samples", "20000", "--seed", "1", "--chunk-size", "5000", "--json") == 0
    assert capsys.readouterr().err == ""


def test_dask_backend_from_the_cli_matches_numpy(capsys):
    pytest.importorskip("dask", reason="install the 'distributed' extra")
    args = ("great_power_race", "--samples", "30000", "--seed", "4", "--chunk-size", "7000", "--json")
    assert call(*args) == 0
    ref = json.loads(capsys.readouterr().out)
    assert call(*args, "--backend", "dask") == 0
    got = json.loads(capsys.readouterr().out)
    assert got["backend"] == "dask" and got["regime_shares"] == ref["regime_shares"]
    assert got["sensitivity"] == ref["sensitivity"]


@pytest.mark.parametrize(
    ("argv", "error", "match"),
    [
        (["great_power_race", "--vary", "capabilities_edge=0:1e12"], SweepError,
         r"expected NAME=LOW:HIGH:STEPS, e\.g\. --vary vsl=5e6:8e6:31"),
        (["great_power_race", "--vary", "capabilities_edge=0:1e12:1"], SweepError, r"steps 1 \(allowed: an integer >= 2\)"),
        (["great_power_race", "--vary", "capabilities_edge=0:1e12:2.5"], SweepError, "not a whole number"),
        (["great_power_race", "--vary", "capabilities_edge=0:__import__('os'):3"], SweepError, "capabilities_edge high"),
        (["great_power_race", "--vary", "capabilites_edge=0:1e12:3"], UnknownNameError,
         "did you mean 'capabilities_edge'"),
        (["great_power_race", "--vary", "capabilities_edge=2e12:1e12:3"], ParameterError, "low 2e\\+12 exceeds high"),
        (["great_power_race", "--vary", "race_risk_one=0:2:3"], ParameterError, "a probability from 0 to 1"),
        (["great_power_race", "--samples", "0"], SweepError, r"samples 0 \(allowed: an integer >= 1\)"),
        (["great_power_race", "--samples", "many"], SweepError, "--samples"),
        (["great_power_race"], SweepError, "give --vary"),
        (["great_power_race", "--vary", "capabilities_edge=0:1:2", "--seed", "3"], SweepError,
         "apply to --samples only"),
        (["great_power_race", "--samples", "10", "--scheduler", "tcp://127.0.0.1:1"], SweepError,
         "--scheduler needs --backend dask"),
        (["great_power_race", "--samples", "10", "--distribution", "alignment_synergy=gamma"], SweepError,
         "distribution 'gamma'"),
        (["great_power_race", "--samples", "10", "--range", "race_risk_one=0:3"], ParameterError, "probability"),
        (["great_power", "--samples", "10"], UnknownNameError, "unknown game 'great_power'"),
        (["great_power_race", "--samples", "10", "--set", "vsl=abc"], AligngamesError, "vsl"),
    ],
    ids=["vary-form", "steps<2", "steps-float", "no-eval", "unknown-name", "lo>hi", "probability>1", "samples=0",
         "samples-text", "neither", "seed-with-grid", "scheduler-numpy", "distribution", "range-kind",
         "unknown-game", "set-value"],
)
def test_bad_input(argv, error, match, capsys):
    with pytest.raises(error, match=match) as info:
        call(*argv)
    assert isinstance(info.value, AligngamesError)
    assert "\n" not in str(info.value)
    assert capsys.readouterr().out == ""


def test_vary_and_samples_are_exclusive():
    with pytest.raises(SystemExit):
        parser().parse_args(["great_power_race", "--vary", "capabilities_edge=0:1:2", "--samples", "5"])


def test_parsers():
    assert parse_vary("p_doom=1/10:1/2:5") == ("p_doom", (0.1, 0.5, 5))
    assert parse_samples("100000000") == 10**8
    with pytest.raises(SweepError, match="is not a parameter name"):
        parse_vary("1x=0:1:2")


# ---------------------------------------------------------------------------
# through the aligngames entry point (solvers.cli.app.main)
# ---------------------------------------------------------------------------

def test_main_sweep_json(cli, tmp_path):
    out = tmp_path / "g.npz"
    r = cli("sweep", "great_power_race", "--vary", "capabilities_edge=1e12:2e12:3", "--json", "--out", str(out))
    assert r.code == 0, r.err
    summary = json.loads(r.out)
    # (A, A) iff E <= 1.5e12: E = 1e12 and 1.5e12 (weakly) but not 2e12
    assert summary["equilibrium_shares"]["(Alignment, Alignment)"] == pytest.approx(2 / 3)
    assert SweepResult.load(out).holds("(Alignment, Alignment)").tolist() == [True, True, False]


@pytest.mark.parametrize(
    ("argv", "match"),
    [
        (["--vary", "capabilities_edge=0:1e12:1"], r"steps 1 \(allowed: an integer >= 2\)"),
        (["--vary", "vls=0:1:3"], "unknown parameter 'vls'"),
        (["--samples", "-3"], r"samples -3 \(allowed: an integer >= 1\)"),
        (["--vary", "race_risk_one=0:1.5:3"], "a probability from 0 to 1"),
        (["--samples", "10", "--backend", "spark"], "invalid choice: 'spark'"),
        (["--samples", "10", "--out", "/nonexistent-folder/x.npz"], "does not exist"),
    ],
    ids=["steps", "unknown", "samples", "probability", "backend", "out-folder"],
)
def test_main_bad_input_exit_2_one_line(cli, argv, match):
    import re

    r = cli("sweep", "great_power_race", *argv)
    assert r.code == 2
    assert r.err.startswith("aligngames: error: ") and r.err.count("\n") == 1
    assert re.search(match, r.err)
    assert "Traceback" not in r.err


def test_console_script_bad_input(cli_subprocess):
    r = cli_subprocess("sweep", "great_power_race", "--vary", "capabilities_edge=3e12:1e12:5")
    assert r.code == 2
    assert r.err.strip() == ("aligngames: error: sweep: vary capabilities_edge: low 3e+12 exceeds high 1e+12 "
                             "(allowed: low <= high)")
