"""The command line on the hidden-information games: solve, --symbolic, --json, breakeven, list, bad input."""

from __future__ import annotations

import argparse
import json
import types

import sympy

from games import BayesianGame
from solvers.cli.families import family_command


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


def _bos_entry():
    meet = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
    avoid = {("B", "B"): (2, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1), ("S", "S"): (1, 0)}
    p = sympy.Symbol("prior_genuine", nonnegative=True)  # a registered probability, so --set reaches it
    game = BayesianGame(("1", "2"), (("any",), ("meet", "avoid")), (("B", "S"), ("B", "S")),
                        {("any", "meet"): p, ("any", "avoid"): 1 - p},
                        lambda t, a: (meet if t[1] == "meet" else avoid)[a], name="BoS")
    entry = types.SimpleNamespace(name="bos", level="example", summary="Osborne's Bayesian BoS", family="bayesian")
    args = argparse.Namespace(game="bos", json=True, symbolic=False, latex=False, scenario="phd", params=None,
                              set=[], param="prior_genuine")
    return args, entry, game


def test_bayesian_family_solve_breakeven_describe(capsys):
    args, entry, game = _bos_entry()
    # at prior_genuine = 1/2 (its default): the pure equilibrium (B; meet B, avoid S) of Osborne (2004), 9.2
    assert family_command("bayesian", "solve")(args, entry, game) == 0
    out = json.loads(capsys.readouterr().out)
    pure = [e for e in out["equilibria"] if e["kind"] == "pure"]
    assert pure == [{"kind": "pure", "strategies": {"1": {"any": {"B": 1, "S": 0}},
                                                    "2": {"meet": {"B": 1, "S": 0}, "avoid": {"B": 0, "S": 1}}},
                     "payoffs": [1, 1.5], "condition": "True"}]
    # player 1's B against (meet B, avoid S) needs 2p >= 1 - p: a break-even value at p = 1/3
    assert family_command("bayesian", "breakeven")(args, entry, game) == 0
    values = [t["value_exact"] for t in json.loads(capsys.readouterr().out)["thresholds"]]
    assert "1/3" in values
    described = family_command("bayesian", "describe")(entry, game)
    assert described["form"] == "Bayesian game" and described["parameters"][0]["name"] == "prior_genuine"


def test_sweep_refuses_a_signalling_game_with_exit_2(cli):
    r = cli("sweep", "alignment_signal", "--vary", "social_capital=0:1000000:5")
    assert r.code == 2 and "sweeps take strategic-form games" in r.err
