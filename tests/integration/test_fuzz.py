"""Fuzzing (hypothesis, bounded in examples and time) of everything that reads user text,
and numerical edge cases: near-degenerate games, huge magnitudes, tiny probabilities."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings, strategies as st

import games
import solvers
from games import AligngamesError, Game
from games.parameters import read_toml_values
from solvers.cli.params import parse_set

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")))
def test_toml_loader_never_crashes_or_evaluates(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "p.toml"
    path.write_bytes(data)
    try:
        values = read_toml_values(path)
    except AligngamesError:
        return
    # whatever loads is exact numbers only, each a decimal or fraction that was in the file
    for value in values.values():
        assert isinstance(value, sympy.Rational)


@FUZZ
@given(st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
                       st.integers(-10**20, 10**20) | st.fractions(max_denominator=10**6)
                       | st.floats(allow_nan=True, allow_infinity=True), max_size=6))
def test_toml_numbers_roundtrip_exactly(tmp_path_factory, mapping):
    lines = []
    for key, value in mapping.items():
        if isinstance(value, Fraction):
            lines.append(f'{key} = "{value.numerator}/{value.denominator}"')
        elif isinstance(value, float):
            lines.append(f"{key} = {value!r}".replace("inf", "inf").replace("nan", "nan"))
        else:
            lines.append(f"{key} = {value}")
    path = tmp_path_factory.mktemp("fuzz") / "p.toml"
    path.write_text("\n".join(lines) + "\n")
    try:
        got = read_toml_values(path)
    except AligngamesError as exc:
        # refused only for a value that is not finite or is outside 1e-300 .. 1e300 in magnitude (not 0)
        def out_of_range(v: float | int | Fraction) -> bool:
            if isinstance(v, float) and not (v == v and abs(v) != float("inf")):
                return True
            return v != 0 and not (Fraction(1, 10**300) <= abs(Fraction(repr(v) if isinstance(v, float) else v))
                                   <= 10**300)
        assert any(out_of_range(v) for v in mapping.values()), exc
        return
    for key, value in mapping.items():
        want = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
        assert Fraction(int(got[key].p), int(got[key].q)) == want


@FUZZ
@given(st.text(max_size=60))
def test_set_parser_accepts_only_name_equals_number(item):
    try:
        name, value = parse_set(item)
    except AligngamesError:
        return
    assert name.isidentifier() and isinstance(value, sympy.Rational)
    assert Fraction(item.partition("=")[2].strip()) == Fraction(int(value.p), int(value.q))


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["audit", "list", "solve", "breakeven", "graph", "--json", "--set", "vsl=1",
                                 "p_doom=2", "--params", "--case", "dunbar", "--scenario", "x", "career_choice",
                                 "--option", "own_life=no", "--out", "-", "", "=", "--", "nan", "1e999"]),
                max_size=6))
def test_cli_arguments_exit_0_or_2_never_a_traceback(cli, args):
    r = cli(*args)
    assert r.code in (0, 2), (args, r.code, r.err)
    assert "Traceback" not in r.err
    if r.code == 2:
        assert len(r.err.strip().splitlines()) == 1, (args, r.err)


# --- numerical edge cases -------------------------------------------------------------

def test_nearly_degenerate_game_exact_path_separates_1e_12():
    eps = sympy.Rational(1, 10**12)
    # row 2 beats row 1 by 1e-12 against every column: row 1 is strictly dominated
    g = Game.from_bimatrix([[1, 0], [1 + eps, eps]], [[1, 0], [0, 1]])
    eqs = solvers.nash_equilibria(g)
    assert eqs.exact
    assert [tuple(e.profile[0]) for e in eqs] == [(0, 1)]
    assert eqs[0].profile[1] == (0, 1)


def test_nearly_degenerate_small_game_float_mode_is_still_right():
    # small rational games are solved in integers even in float mode: a 1e-12 gap is kept
    g = Game.from_bimatrix([[1.0, 0.0], [1.0 + 1e-12, 1e-12]], [[1.0, 0.0], [0.0, 1.0]])
    eqs = solvers.nash_equilibria(g, exact=False)
    assert [e.as_floats()[0] for e in eqs] == [(0.0, 1.0)]


def test_nearly_degenerate_large_game_float_path_goes_exact():
    # 8 x 8 goes through numpy vertex enumeration in float mode; two rows 1e-12 apart are
    # below its tolerance (1e-9 of the largest payoff), so float mode hands the game to exact
    # arithmetic (issue 17) and returns the exact equilibria as floats, without a warning
    rng = np.random.default_rng(0)
    A = rng.integers(0, 9, size=(8, 8)).astype(float)
    A[1] = A[0] + 1e-12
    B = rng.integers(0, 9, size=(8, 8)).astype(float)
    game = Game.from_bimatrix(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        eqs = solvers.nash_equilibria(game, exact=False)
    assert "near-degenerate" in eqs.method
    assert [e.as_floats() for e in eqs] == [e.as_floats() for e in solvers.nash_equilibria(game, exact=True)]
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        A2 = A.copy()
        A2[1] = A[0] + 0.5  # well separated: no warning
        solvers.nash_equilibria(Game.from_bimatrix(A2, B), exact=False)


def test_huge_magnitudes_stay_exact():
    big = sympy.Integer(400) * 10**12  # the essay's $400 trillion
    g = Game.from_bimatrix([[big, 0], [big - 1, 1]], [[1, 0], [0, 1]])
    eqs = solvers.nash_equilibria(g)
    assert eqs.exact
    # (row 1, col 1) and (row 2, col 2) are pure equilibria; the mixed one by hand:
    # column mixes q with q*big = q*(big-1) + (1-q) -> q = 1/2 ; row mixes p with p = 1 - p -> 1/2
    profiles = {(tuple(e.profile[0]), tuple(e.profile[1])) for e in eqs}
    half = sympy.Rational(1, 2)
    assert profiles == {((1, 0), (1, 0)), ((0, 1), (0, 1)), ((half, half), (half, half))}


def test_tiny_probabilities_exact_in_the_audit():
    ps = games.essay.parameters().set(p_pivotal=sympy.Rational(1, 10**12))
    c = {cl.id: cl for cl in games.essay.claims(ps)}
    assert c["marginal"].computed == sympy.Rational(1, 10**12) * sympy.Rational(5, 100) * 6_500_000
    num = games.build("career_choice").subs(ps)
    (eq,) = solvers.nash_equilibria(num)
    assert eq.profile[0] == (0, 1, 0)  # Capabilities


@pytest.mark.parametrize("value", ["1e-12", "1/1000000000000"])
def test_tiny_probability_from_cli_is_exact(cli, value):
    import json

    r = cli("audit", "--json", "--set", f"p_pivotal={value}")
    rows = {row["id"]: row for row in json.loads(r.out)}
    assert rows["marginal"]["computed_exact"] == "13/40000000"  # 1e-12 x 0.05 x 6.5e6 = 3.25e-7 by hand
