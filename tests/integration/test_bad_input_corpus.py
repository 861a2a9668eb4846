"""The bad-input corpus: every public entry point meets bad input with a specific error.

Table-driven: each API case names the call, the exception class it must raise
(always an :class:`games.errors.AligngamesError`, hence a ``ValueError``) and a
fragment of the message that names the bad item.  Each CLI case must exit 2
with exactly one line on stderr, no traceback, nothing on stdout, and no
output file left behind.  Every case runs under a time bound (no hangs).
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
import sympy

import games
import solvers
from games import (
    AligngamesError,
    Game,
    GameError,
    OutputError,
    Parameter,
    ParameterError,
    ParameterFileError,
    ParameterSet,
    SizeLimitError,
    SymbolicError,
    SymmetricGame,
    UnknownNameError,
)
from games.parameters import read_toml_values

x, y = sympy.symbols("x y")
k = sympy.Symbol("k", integer=True, nonnegative=True)
PD = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
SG = SymmetricGame(5, {"A": 2 * k - 3, "B": k}, count=k)


@contextmanager
def time_limit(seconds: int):
    """Fail (rather than hang) if the block runs longer than ``seconds``."""

    def handler(signum: int, frame: Any) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, handler)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _ps() -> ParameterSet:
    return games.essay.parameters()


API_CASES: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    # Game constructors
    ("game-nan", lambda: Game.from_bimatrix([[float("nan"), 0], [0, 0]], [[0, 0], [0, 0]]), GameError, "not finite"),
    ("game-inf", lambda: Game.from_bimatrix([[float("inf")]], [[0]]), GameError, "not finite"),
    ("game-string-entry", lambda: Game.from_bimatrix([["1", 0]], [[0, 0]]), GameError, "string"),
    ("game-code-string", lambda: Game.from_bimatrix([["__import__('os')", 0]], [[0, 0]]), GameError, "never evaluated"),
    ("game-empty", lambda: Game.from_bimatrix([], []), GameError, "empty"),
    ("game-empty-row", lambda: Game.from_bimatrix([[]], [[]]), GameError, "empty"),
    ("game-ragged", lambda: Game.from_bimatrix([[1, 2], [3]], [[1, 2], [3, 4]]), GameError, "ragged"),
    ("game-mismatch", lambda: Game.from_bimatrix([[1, 2]], [[1], [2]]), GameError, "shape"),
    ("game-dup-strategy", lambda: Game.from_bimatrix([[1, 2], [3, 4]], strategies=(["a", "a"], ["b", "c"])),
     GameError, "duplicate name 'a'"),
    ("game-dup-player", lambda: Game.from_bimatrix([[1]], players=["P", "P"]), GameError, "duplicate name 'P'"),
    ("game-wrong-type", lambda: Game.from_bimatrix(42), GameError, "int"),
    ("game-huge", lambda: Game.from_payoff_arrays([np.zeros((1000, 1001)), np.zeros((1000, 1001))]),
     SizeLimitError, "at most"),
    ("game-1e6-strategies", lambda: Game.from_payoff_arrays([np.zeros((1, 1_000_001)), np.zeros((1, 1_000_001))]),
     SizeLimitError, "at most"),
    ("game-3d-bimatrix", lambda: Game.from_bimatrix(np.zeros((2, 2, 2))), GameError, "2-dimensional"),
    ("game-bool", lambda: Game.from_bimatrix([[True]], [[0]]), GameError, "boolean"),
    ("game-subs-typo", lambda: Game.from_bimatrix([[x]], [[0]]).subs({"xx": 1}), UnknownNameError, "did you mean 'x'"),
    ("game-subs-string-value", lambda: Game.from_bimatrix([[x]], [[0]]).subs({"x": "1"}), GameError, "string"),
    ("game-subs-div-zero", lambda: Game.from_bimatrix([[1 / x]], [[0]]).subs({"x": 0}), GameError, "zoo"),
    ("game-numeric-symbolic", lambda: Game.from_bimatrix([[x]], [[y]]).numeric_arrays(), SymbolicError, "x, y"),
    ("game-latex-env", lambda: PD.latex(env="html"), GameError, "not allowed"),
    ("game-strategy-name", lambda: PD.strategy_index(0, "Cooperate"), UnknownNameError, "strategy"),
    # SymmetricGame
    ("sym-one-player", lambda: SymmetricGame(1, {"A": k, "B": 1}, count=k), GameError, "at least 2"),
    ("sym-three-strategies", lambda: SymmetricGame(3, {"A": k, "B": 1, "C": 0}, count=k), GameError, "exactly two"),
    ("sym-nan-n", lambda: SymmetricGame(float("nan"), {"A": k, "B": 1}, count=k), GameError, "finite"),
    ("sym-fractional-n", lambda: SymmetricGame(2.5, {"A": k, "B": 1}, count=k), GameError, "whole number"),
    ("sym-to-game-1e12", lambda: SymmetricGame(10**12, {"A": k, "B": 1}, count=k).to_game(), SizeLimitError,
     "at most 12 players"),
    ("sym-to-game-symbolic-n", lambda: SymmetricGame(sympy.Symbol("N"), {"A": k, "B": 1}, count=k).to_game(),
     SymbolicError, "symbolic"),
    ("sym-count-not-symbol", lambda: SymmetricGame(3, {"A": 1, "B": 1}, count=3), GameError, "Symbol"),
    # Parameters
    ("param-prob-above-1", lambda: _ps().set(p_doom=1.5), ParameterError, "not a probability"),
    ("param-negative-money", lambda: _ps().set(vsl=-1), ParameterError, "negative"),
    ("param-nan", lambda: _ps().set(vsl=float("nan")), ParameterError, "not finite"),
    ("param-inf", lambda: _ps().set(vsl=float("inf")), ParameterError, "not finite"),
    ("param-unknown", lambda: _ps().set(vls=1), UnknownNameError, "did you mean 'vsl'"),
    ("param-code-string", lambda: _ps().set(vsl="__import__('os').getpid()"), ParameterError, "not a number"),
    ("param-list", lambda: _ps().set(vsl=[1, 2]), ParameterError, "list"),
    ("param-bad-kind", lambda: Parameter("z", 1, kind="dollars"), ParameterError, "unknown kind"),
    ("param-dup", lambda: ParameterSet([Parameter("a", 1), Parameter("a", 2)]), ParameterError, "duplicate"),
    ("scenario-unknown", lambda: games.essay.parameters("postdoc"), UnknownNameError, "scenario"),
    ("case-unknown", lambda: games.essay.parameters(case="all"), UnknownNameError, "case"),
    ("library-unknown", lambda: games.build("carrer_choice"), UnknownNameError, "did you mean 'career_choice'"),
    # nash_equilibria
    ("nash-symbolic", lambda: solvers.nash_equilibria(Game.from_bimatrix([[x, 0], [0, 1]])), SymbolicError, "x"),
    ("nash-not-a-game", lambda: solvers.nash_equilibria([[1, 0], [0, 1]]), AligngamesError, "Game"),
    # equilibrium_conditions / break_even
    ("conditions-not-a-game", lambda: solvers.equilibrium_conditions("career_choice"), AligngamesError, "Game"),
    ("breakeven-unknown-symbol", lambda: solvers.break_even(games.build("career_choice"), "p_doom"),
     UnknownNameError, "p_doom"),
    ("breakeven-what", lambda: solvers.break_even(games.build("career_choice"), "vsl", what="money"),
     GameError, "what"),
    ("breakeven-p-pivotal-zero", lambda: solvers.break_even(games.build("career_choice"), "altruism_weight",
                                                            _ps().set(p_pivotal=0)), None, ""),
    # fixation_probability
    ("fixation-population-1", lambda: solvers.fixation_probability(PD, 1, selection=1.0), AligngamesError,
     "population"),
    ("fixation-rule", lambda: solvers.fixation_probability(PD, 10, selection=1.0, rule="imitate"),
     AligngamesError, "rule"),
    ("fixation-nan-selection", lambda: solvers.fixation_probability(PD, 10, selection=float("nan")),
     AligngamesError, "selection"),
    ("fixation-symbolic", lambda: solvers.fixation_probability(Game.from_bimatrix([[x, 0], [0, 1]]), 10,
                                                               selection=1.0), AligngamesError, "x"),
    ("fixation-mutant-name", lambda: solvers.fixation_probability(PD, 10, selection=1.0, mutant="Hawk"),
     AligngamesError, "Hawk"),
    ("fixation-huge-population", lambda: solvers.fixation_probability(SG, 10**13, selection=1.0),
     AligngamesError, "population"),
    # graphs
    ("brg-symbolic", lambda: solvers.best_response_graph(Game.from_bimatrix([[x, 0], [0, 1]])), AligngamesError,
     "x"),
    ("brg-huge-symmetric", lambda: solvers.best_response_graph(SymmetricGame(10**6, {"A": k, "B": 1}, count=k)),
     SizeLimitError, "at most"),
    ("chain-population", lambda: solvers.small_mutation_chain(PD, 1, selection=1.0), AligngamesError, "population"),
    # sweep
    ("sweep-unknown-param", lambda: solvers.sweep("great_power_race", vary={"capabilities_egde": (0, 1, 3)}),
     UnknownNameError, "capabilities_egde"),
    ("sweep-lo-gt-hi", lambda: solvers.sweep("great_power_race", vary={"capabilities_edge": (3, 1, 3)}),
     AligngamesError, "exceeds"),
    ("sweep-steps-1", lambda: solvers.sweep("great_power_race", vary={"capabilities_edge": (1, 3, 1)}),
     AligngamesError, "steps"),
    ("sweep-samples-0", lambda: solvers.sweep("great_power_race", samples=0), AligngamesError, "samples"),
    ("sweep-prob-range", lambda: solvers.sweep("great_power_race", vary={"race_risk_one": (0, 2, 3)}),
     AligngamesError, "probability"),
    ("sweep-both", lambda: solvers.sweep("great_power_race", samples=10, vary={"capabilities_edge": (1, 3, 3)}),
     AligngamesError, "vary"),
    ("sweep-unknown-game", lambda: solvers.sweep("great_powers"), UnknownNameError, "great_power_race"),
]


@pytest.mark.parametrize("call, exc, fragment", [c[1:] for c in API_CASES], ids=[c[0] for c in API_CASES])
def test_api_bad_input(call, exc, fragment):
    with time_limit(60):
        if exc is None:
            # p_pivotal = 0: alpha* divides by zero; the honest answer is "no break-even value"
            result = call()
            assert len(result.thresholds) == 0
            return
        with pytest.raises(exc) as info:
            call()
    assert isinstance(info.value, AligngamesError) and isinstance(info.value, ValueError)
    assert fragment.lower() in str(info.value).lower(), str(info.value)


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"vsl = [1, 2]\n", "list"),
        (b"vsl = \n", "not valid TOML"),
        (b"\x00\x01\x02\xff" * 10, "not UTF-8"),
        (b'vsl = "os.system(\'ls\')"\n', "not a number"),
        (b"vsl = -5\n", "negative"),
        (b"p_doom = 2\n", "not a probability"),
        (b"vls = 1\n", "did you mean"),
        (b"# huge\n" + b"x" * (2 << 20), "bytes"),
    ],
    ids=["array", "malformed", "binary", "code", "negative", "prob", "unknown", "huge"],
)
def test_parameter_files(tmp_path, content, fragment):
    path = tmp_path / "p.toml"
    path.write_bytes(content)
    with pytest.raises((ParameterFileError, ParameterError, UnknownNameError)) as info:
        _ps().with_file(path)
    assert fragment in str(info.value)


def test_unwritable_output(tmp_path):
    ps = _ps()
    with pytest.raises(OutputError, match="does not exist"):
        ps.to_toml(tmp_path / "missing" / "p.toml")
    with pytest.raises(OutputError, match="folder"):
        ps.to_toml(tmp_path)
    with pytest.raises(ParameterFileError, match="cannot read"):
        read_toml_values(tmp_path / "nope.toml")


CLI_CASES: list[tuple[str, tuple[str, ...], str]] = [
    ("no-command", (), "COMMAND is required"),
    ("unknown-command", ("frobnicate",), "invalid choice"),
    ("audit-set-nan", ("audit", "--set", "vsl=nan"), "not a number"),
    ("audit-set-code", ("audit", "--set", "vsl=__import__('os').getpid()"), "not a number"),
    ("audit-set-prob", ("audit", "--set", "p_doom=1.01"), "not a probability"),
    ("audit-set-negative", ("audit", "--set", "salary_alignment=-1"), "negative"),
    ("audit-set-unknown", ("audit", "--set", "pdoom=0.1"), "did you mean 'p_doom'"),
    ("audit-params-missing", ("audit", "--params", "/no/such.toml"), "cannot read"),
    ("audit-params-dir", ("audit", "--params", "/"), "not a regular file"),
    ("list-bad-scenario", ("list", "--scenario", "x"), "invalid choice"),
    ("solve-unknown-game", ("solve", "carreer"), "unknown game"),
    ("solve-bad-option", ("solve", "career_choice", "--option", "own_life=perhaps"), "not a boolean"),
    ("solve-int-option", ("solve", "collective_action", "--option", "n=abc"), "whole number"),
    ("solve-p-pivotal-zero-breakeven", ("breakeven", "career_choice", "nope"), "unknown parameter of 'career_choice' 'nope'"),
    ("breakeven-unknown-game", ("breakeven", "nogame", "vsl"), "unknown game"),
    ("graph-population", ("graph", "great_power_race", "--kind", "invasion", "--population", "1"), "at least 2"),
    ("graph-population-type", ("graph", "great_power_race", "--population", "ten"), "invalid int"),
    ("graph-huge", ("graph", "collective_action"), "at most 12 players"),
    ("sweep-samples-0", ("sweep", "great_power_race", "--samples", "0"), "samples"),
    ("sweep-lo-hi", ("sweep", "great_power_race", "--vary", "capabilities_edge=3:1:3"), "exceeds"),
    ("sweep-unknown", ("sweep", "great_power_race", "--vary", "nope=1:2:3"), "nope"),
    ("sweep-backend", ("sweep", "great_power_race", "--samples", "10", "--backend", "spark"), "invalid choice"),
    ("report-bad-set", ("report", "--no-pdf", "--set", "vsl=x"), "not a number"),
]


@pytest.mark.parametrize("args, fragment", [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_cli_bad_input(cli, tmp_path, monkeypatch, args, fragment):
    monkeypatch.chdir(tmp_path)
    with time_limit(60):
        r = cli(*args)
    assert r.code == 2, (r.code, r.err)
    assert r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.err, r.err
    assert fragment in lines[0]
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a partial report


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("report", "--no-pdf", "--out", "{file}"), "not a folder"),
        (("graph", "great_power_race", "--out", "{missing}/g.png"), "does not exist"),
        (("sweep", "great_power_race", "--samples", "10", "--quiet", "--out", "{missing}/s.npz"), "does not exist"),
    ],
    ids=["report-out-file", "graph-out-missing-dir", "sweep-out-missing-dir"],
)
def test_cli_impossible_output_paths(cli, tmp_path, args, fragment):
    f = tmp_path / "file"
    f.write_text("keep")
    args = tuple(a.format(file=f, missing=tmp_path / "missing") for a in args)
    with time_limit(120):
        r = cli(*args)
    assert r.code == 2 and fragment in r.err and len(r.err.strip().splitlines()) == 1, r.err
    assert f.read_text() == "keep"
    assert not (tmp_path / "missing").exists()

