"""Hostile input: numbers too big or too long, messages that must stay on one line, input silently
ignored, and the API's guards.  Every case here failed before the parser was bounded (exit 1 "internal
error", a hang, a traceback or a second line on stderr); each now gets exit 2 and one line naming the item.
"""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

import games
import solvers
from games import Game, GameError, ParameterError, ParameterFileError, SizeLimitError, SymmetricGame
from games._numbers import MAX_EXPONENT, MAX_NUMBER_CHARS, parse_number
from games._text import one_line

RANGE = "outside the range allowed for a number"


def one_line_error(r) -> str:
    assert r.code == 2 and r.out == "", (r.code, r.out, r.err)
    # str.splitlines breaks at \r, \x85, U+2028 and U+2029 too, as terminals and log readers do
    assert len(r.err.splitlines()) == 1 and r.err.endswith("\n") and r.err.startswith("aligngames: error: "), r.err
    return r.err


# --- numbers too big, too small, too long ---------------------------------------------------------------

@pytest.mark.parametrize("value", ["1e309", "1e-400", "1e5000", "-1e301", "9" * 400, "1/" + "9" * 99])
def test_set_refuses_numbers_outside_the_float_range(cli, value):
    err = one_line_error(cli("solve", "career_choice", "--set", f"vsl={value}"))
    assert "--set vsl" in err and (RANGE in err or "characters" in err)


def test_set_with_a_billion_digit_exponent_is_refused_at_once():
    # Fraction("1e999999999") builds 10**999999999 before any check: this hung.  A real process, so a hang
    # would fail the test through its timeout rather than stall the suite.
    p = subprocess.run([sys.executable, "-m", "solvers.cli", "solve", "career_choice", "--set", "vsl=1e999999999"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and len(p.stderr.splitlines()) == 1 and RANGE in p.stderr


def test_seed_is_bounded_like_every_number(cli):
    err = one_line_error(cli("sweep", "great_power_race", "--samples", "100", "--seed", "1e5000", "--quiet"))
    assert "--seed" in err and RANGE in err


def test_thousands_separators_are_named(cli):
    err = one_line_error(cli("solve", "career_choice", "--set", "vsl=6,500,000"))
    assert "without thousands separators" in err


@pytest.mark.parametrize(("content", "expected"), [
    ('vsl = "1e309"\n', RANGE),
    ("vsl = " + "9" * 5000 + "\n", "too many digits"),               # Python's 4,300-digit int limit
    ("vsl = " + "9" * 400 + "\n", RANGE),                            # an integer TOML reads, above 1e300
    ("x = " + "[" * 50_000 + "]" * 50_000 + "\n", "nests arrays or tables 50000 deep (allowed: at most 32)"),
    ('vsl = "' + "1" * 150 + '"\n', "characters (allowed: at most 100)"),
])
def test_parameter_files_with_hostile_numbers(cli, tmp_path, content, expected):
    f = tmp_path / "p.toml"
    f.write_text(content)
    assert f.stat().st_size < 1 << 20
    err = one_line_error(cli("solve", "career_choice", "--params", str(f)))
    assert expected in err


def test_the_api_bounds_parameter_values_too():
    ps = games.essay.parameters()
    with pytest.raises(ParameterError, match=RANGE):
        ps.set(vsl=1e305)
    with pytest.raises(ParameterError, match=RANGE):
        ps.set(vsl="1e-301")
    assert ps.set(vsl=1e300).value("vsl") == 10**300           # the bound itself is allowed


def test_a_scheduler_that_is_not_an_address(cli):
    err = one_line_error(cli("sweep", "great_power_race", "--samples", "100", "--backend", "dask",
                             "--scheduler", "notaurl", "--quiet"))
    assert "scheduler 'notaurl' is not an address" in err and "tcp://host:port" in err


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.from_regex(r"\A[-+]?[0-9]{1,150}(\.[0-9]{0,60})?([eE][-+]?[0-9]{1,12})?\Z"),
    st.from_regex(r"\A[0-9]{1,3}(,[0-9]{3}){1,4}\Z"),                     # thousands separators
    st.from_regex(r"\A[0-9]{1,5}(_[0-9]{1,5}){0,4}(/[0-9_]{1,20})?\Z"),   # underscores, fractions
    st.text(max_size=40),
))
def test_parse_number_is_exact_within_its_bounds_and_refuses_everything_else(text):
    try:
        value = parse_number(text, "x")
    except ParameterError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("x: ")
        return
    body = text.strip()
    assert len(body) <= MAX_NUMBER_CHARS
    assert value == Fraction(body)                                     # exact: the value typed
    assert value == 0 or Fraction(1, 10**300) <= abs(value) <= Fraction(10**300)
    if "e" in body.lower():
        assert abs(int(body.lower().split("e")[1].replace("_", ""))) <= MAX_EXPONENT


# --- one line on stderr, whatever the input holds ------------------------------------------------------

@pytest.mark.parametrize("name", ["a\rb.toml", "a\u2028b.toml", "a\u2029b\x85c.toml", "tab\there.toml", "nul\x00.toml"])
def test_file_names_with_line_breaks_stay_on_one_line(cli, name):
    err = one_line_error(cli("solve", "career_choice", "--params", name))
    assert "cannot read parameter file" in err


def test_values_and_names_with_line_breaks_stay_on_one_line(cli):
    one_line_error(cli("solve", "career_choice", "--set", "vsl=1\r2"))
    one_line_error(cli("breakeven", "career_choice", "al\u2028pha"))
    one_line_error(cli("solve", "career\rchoice"))


def test_one_line_escapes_what_would_break_a_line():
    assert one_line("a\rb\u2028c\u2029d\x85e\x00f\ng\th") == "a\\rb\\u2028c\\u2029d\\x85e\\x00f g h"


# --- input silently ignored ------------------------------------------------------------------------------

def test_an_empty_params_name_is_an_error_not_ignored(cli):
    err = one_line_error(cli("solve", "career_choice", "--params", ""))
    assert "--params: an empty file name" in err


# --- the API's guards ---------------------------------------------------------------------------------------

def test_nash_equilibria_refuses_a_200x200_game_at_once():
    rng = np.random.default_rng(0)
    g = Game.from_bimatrix(rng.integers(0, 9, (200, 200)), rng.integers(0, 9, (200, 200)))
    with pytest.raises(SizeLimitError, match=r"200 x 200 game has 1\.03e\+119 bases"):
        solvers.nash_equilibria(g)
    with pytest.raises(SizeLimitError, match="vertex_enumeration"):
        solvers.vertex_enumeration(g)
    # math.comb(400, 200) - 1 bases, by hand: the bound is the documented one
    from solvers.equilibria.exact_vertices import MAX_ENUMERATION_BASES, count_bases
    assert count_bases(14, 14) <= MAX_ENUMERATION_BASES < count_bases(15, 15)


def test_games_refuse_complex_payoffs_at_construction():
    with pytest.raises(GameError, match=r"entry \[0, 1\]: I is not a real number"):
        Game.from_bimatrix([[1, sympy.I], [0, 1]])
    with pytest.raises(GameError, match="not a real number"):
        Game.from_bimatrix([[1, 2 + 3 * sympy.I], [0, 1]], [[0, 0], [0, 0]])
    assert Game.from_bimatrix([[1, sympy.sqrt(2)], [0, 1]]).payoffs[0][0, 1] == sympy.sqrt(2)


def test_symmetric_games_take_a_whole_number_of_players_written_as_a_float():
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    for n in (sympy.Float("8e9"), 8e9, 8_000_000_000):
        g = SymmetricGame(n, {"A": k, "B": 1}, count=k, strategies=("A", "B"))
        assert g.n_players == sympy.Integer(8_000_000_000) and isinstance(g.n_players, sympy.Integer)
    with pytest.raises(GameError, match="not a whole number of players"):
        SymmetricGame(sympy.Float("8.5"), {"A": k, "B": 1}, count=k, strategies=("A", "B"))


def test_parameter_file_errors_are_parameter_file_errors(tmp_path):
    f = tmp_path / "deep.toml"
    f.write_text("x = " + "{a = " * 40 + "1" + "}" * 40 + "\n")
    with pytest.raises(ParameterFileError, match="40 deep"):
        games.essay.parameters().with_file(f)


BREAKERS = st.sampled_from(["\r", "\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x1b", "\x00", "\t"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(BREAKERS, st.text(alphabet="ab/.=1e", max_size=3)), min_size=1, max_size=8).map("".join))
def test_fuzzed_names_and_values_never_break_the_one_line(text):
    import contextlib
    import io

    from solvers.cli.app import main

    for argv in (["solve", "career_choice", "--set", f"vsl={text}"], ["solve", "career_choice", "--params", text],
                 ["breakeven", "career_choice", text or "x"], ["solve", text or "x"]):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
        if code != 0:
            assert code == 2 and len(err.getvalue().splitlines()) == 1, (argv, err.getvalue())


def test_an_output_name_holding_nul_is_bad_output_not_an_internal_error(cli, tmp_path):
    err = one_line_error(cli("graph", "great_power_race", "--out", str(tmp_path / "g\x00.png")))
    assert "cannot hold a NUL character" in err
