"""Tests of the aligngames command line: audit, list, and bad input exiting 2."""

from __future__ import annotations

import json

import pytest


def test_audit_json_figures(cli):
    r = cli("audit", "--json")
    assert r.code == 0, r.err
    rows = {row["id"]: row for row in json.loads(r.out)}
    assert set(rows["marginal"]) >= {"id", "claim", "essay_value", "computed", "status", "note"}
    # the figures named in the foundation issue, recomputed by hand in test_essay.py
    assert rows["own-life"]["computed"] == 1_300_000
    assert rows["marginal"]["computed"] == 16_250
    assert rows["researcher-vsl"]["computed"] == 81_250
    assert rows["income-sacrifice"]["computed"] == 440_000
    # issue 18: with the derived social VSL 3 x 6.5m: 0.05 x 0.05 x 19.5e6 x 8e9 = 3.9e14 (the essay's 4e14 a reading)
    assert rows["humanity"]["computed"] == 39 * 10**13
    assert rows["industry-sacrifice"]["computed"] == 800_000
    # issue 18: the essay's 16,250 x 0.1 x 150 = 243,750 is a reading (others only), not a "mismatch"
    assert rows["dunbar"]["computed"] == 243_750 and rows["dunbar"]["status"] == "reading"
    assert rows["dunbar"]["essay_value"] == 243_750
    assert rows["gdp-years"]["computed_exact"] == "400/97"


def test_audit_table_and_overrides(cli, tmp_path):
    r = cli("audit")
    assert r.code == 0 and "reading" in r.out and "16,250" in r.out and "mismatch" not in r.out
    r = cli("audit", "--json", "--set", "vsl=8e6")
    rows = {row["id"]: row for row in json.loads(r.out)}
    assert rows["marginal"]["computed"] == 20_000  # 0.05 * 0.05 * 8e6
    assert rows["marginal"]["status"] == "changed"  # issue 18: never "mismatch" for the essay's own arithmetic
    p = tmp_path / "p.toml"
    p.write_text('p_doom = "1/4"\n')
    r = cli("audit", "--json", "--params", str(p), "--set", "vsl=4e6")
    rows = {row["id"]: row for row in json.loads(r.out)}
    assert rows["own-life"]["computed"] == 1_000_000  # 1/4 * 4e6
    r = cli("audit", "--json", "--scenario", "industry")
    rows = {row["id"]: row for row in json.loads(r.out)}
    assert rows["income-sacrifice"]["computed"] == 800_000 and rows["income-sacrifice"]["status"] == "changed"


def test_list_json(cli):
    r = cli("list", "--json")
    assert r.code == 0
    data = json.loads(r.out)
    params = {p["name"]: p for p in data["parameters"]}
    assert params["vsl"]["value"] == 6_500_000 and params["vsl"]["unit"] == "USD"
    assert data["scenarios"] == ["phd", "industry"]
    assert "dunbar" in data["cases"]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("audit", "--set", "vsl=abc"), "'abc' is not a number"),
        (("audit", "--set", "vsl"), "expected name=value"),
        (("audit", "--set", "vls=3"), "did you mean 'vsl'"),
        (("audit", "--set", "p_doom=2"), "not a probability"),
        (("audit", "--set", "vsl=-1"), "negative"),
        (("audit", "--set", "vsl=nan"), "not a number"),
        (("audit", "--set", "p_doom=__import__('os').getpid()"), "not a number"),
        (("audit", "--scenario", "postdoc"), "invalid choice"),
        (("audit", "--case", "all"), "invalid choice"),
        (("audit", "--params", "/nonexistent/p.toml"), "cannot read parameter file"),
        (("frobnicate",), "invalid choice"),
        ((), "a COMMAND is required"),
        (("audit", "--bogus"), "unrecognized arguments"),
    ],
    ids=["set-nonnumber", "set-noequals", "set-unknown", "set-prob", "set-negative", "set-nan", "set-code",
         "scenario", "case", "params-missing", "command", "no-command", "flag"],
)
def test_bad_input_exits_2_with_one_line(cli, args, fragment):
    r = cli(*args)
    assert r.code == 2
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert fragment in lines[0]
    assert "Traceback" not in r.err


def test_bad_toml_via_cli(cli, tmp_path):
    p = tmp_path / "evil.toml"
    marker = tmp_path / "marker"
    p.write_text(f"p_doom = \"__import__('os').system('touch {marker}')\"\n")
    r = cli("audit", "--params", str(p))
    assert r.code == 2 and "not a number" in r.err and len(r.err.strip().splitlines()) == 1
    assert not marker.exists()


def test_console_script_bad_input_no_traceback(cli_subprocess):
    r = cli_subprocess("audit", "--set", "p_doom=1.5")
    assert r.code == 2
    assert r.err.strip().count("\n") == 0 and "Traceback" not in r.err
    r = cli_subprocess("audit", "--json")
    assert r.code == 0 and json.loads(r.out)[1]["computed"] == 16_250


def test_help_and_version(cli):
    assert cli("--version").code == 0
    assert cli("audit", "--help").code == 0


@pytest.mark.parametrize(("exc", "code", "word"), [(KeyboardInterrupt, 130, "interrupted"), ("terminated", 143, "terminated")])
def test_a_signal_swallowed_by_a_finaliser_still_ends_the_command(monkeypatch, capsys, exc, code, word):
    # A SIGINT/SIGTERM landing in a weakref callback or __del__ is "unraisable": Python prints it and goes on
    # (seen once: a SIGINT inside importlib's module-lock callback let `aligngames report` finish with 0).
    # The command must still end with the signal's status and one line, and do nothing after it.
    import gc
    import time

    import solvers.cli.app as app

    error = app._Terminated if exc == "terminated" else exc
    after = []

    class Finaliser:
        def __del__(self):
            raise error

    def handler(args):
        Finaliser()
        gc.collect()
        time.sleep(5)  # the signal is sent again once the finaliser returned: it ends this sleep
        after.append("ran on")
        return 0

    monkeypatch.setattr(app, "_handler", lambda spec: handler)
    assert app.main(["solve", "career_choice"]) == code  # not a cached command: the handler runs
    assert after == [] and capsys.readouterr().err == f"aligngames: {word}\n"
