"""The command line for continuous games: solve, breakeven, list; bad input exits 2 with one line."""

from __future__ import annotations

import json


def test_solve_precipice_race_json(cli):
    r = cli("solve", "precipice_race", "--set", "race_teams=5", "--set", "capability_spread=0.5", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    # no information: s* = mu / (n e) = 0.5 / 5 = 0.1; disaster 1 - 0.1
    assert out["equilibria"][0]["profile"] == {"s": 0.1}
    # private, e = 1, mu <= K = 5: D = 1 - n mu / ((n + 1) K) = 1 - 2.5 / 30 = 11/12
    assert abs(out["disaster_probability"]["none"] - 0.9) < 1e-12
    assert abs(out["disaster_probability"]["private"] - 11 / 12) < 1e-12


def test_solve_rd_contest_text_and_symbolic(cli):
    r = cli("solve", "rd_contest")
    # x* = (n - 1) V / (n^2 (1 + sigma)) = 4 * 62.5e9 / (25 * 1.1) = 1e11 / 11
    assert r.code == 0 and "x = 100000000000/11" in r.out
    r = cli("solve", "rd_contest", "--symbolic", "--latex")
    assert r.code == 0 and r"\frac" in r.out


def test_breakeven_precipice_race_capability_spread(cli):
    r = cli("breakeven", "precipice_race", "capability_spread", "--json")
    assert r.code == 0, r.err
    # the interior safety mu / (n e) reaches 1 at mu* = n e = 2 (defaults n = 2, e = 1)
    values = {t["closed_form"]: t["value"] for t in json.loads(r.out)["thresholds"]}
    assert values["race_enmity*race_teams"] == 2


def test_list_describes_continuous_games(cli):
    r = cli("list", "--json")
    described = {g["name"]: g for g in json.loads(r.out)["games"]}
    assert described["rd_contest"]["form"] == "symmetric continuous"
    assert described["precipice_race"]["strategies"] == [{"symbol": "s", "low": "0", "high": "1"}]


def test_bad_input_exits_2_with_one_line(cli):
    r = cli("solve", "precipice_race", "--set", "race_teams=2.5")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and ("race_teams" in r.err or "n_players" in r.err)
    r = cli("breakeven", "rd_contest", "no_such_parameter")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1
