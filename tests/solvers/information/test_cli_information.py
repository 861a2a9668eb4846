"""The command line on the hidden-information games: solve, --symbolic, --json, breakeven, list, bad input."""

from __future__ import annotations

import json


def test_solve_alignment_signal(cli):
    r = cli("solve", "alignment_signal")
    assert r.code == 0
    assert "pooling on Claim [intuitive]" in r.out and "separating (Genuine: Verify" not in r.out


def test_solve_json_with_set(cli):
    # washing_penalty = 1e6: S = 500k <= c_V + d L_W = 550k, so the separating equilibrium exists (by hand:
    # tests/games/test_hidden_information.py)
    r = cli("solve", "alignment_signal", "--set", "washing_penalty=1000000", "--json")
    assert r.code == 0
    out = json.loads(r.out)
    sep = [e for e in out["equilibria"] if e["kind"] == "separating"]
    assert sep and sep[0]["sender"] == {"Genuine": "Verify", "Washed": "Claim"}
    assert sep[0]["receiver"] == {"Verify": "Fund", "Claim": "Pass"} and sep[0]["intuitive"] is True


def test_solve_symbolic_and_latex(cli):
    r = cli("solve", "alignment_signal", "--symbolic")
    assert r.code == 0 and "social_capital >= verification_cost" in r.out
    r = cli("solve", "alignment_signal", "--symbolic", "--latex")
    assert r.code == 0 and r"\begin{aligned}" in r.out


def test_breakeven_social_capital(cli):
    # By hand: the separating equilibrium exists for c_V <= S <= c_V + d L_W = 50,000 .. 300,000.
    r = cli("breakeven", "alignment_signal", "social_capital", "--json")
    assert r.code == 0
    values = [t["value"] for t in json.loads(r.out)["thresholds"]]
    assert values == [50000, 300000]


def test_list_describes_the_signalling_game(cli):
    r = cli("list", "--json")
    assert r.code == 0
    assert "alignment_signal" in r.out and "signalling game" in r.out


def test_bad_input_is_one_line_exit_2(cli):
    for args in (("breakeven", "alignment_signal", "nope"), ("solve", "alignment_signal", "--set", "prior_genuine=2")):
        r = cli(*args)
        assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
