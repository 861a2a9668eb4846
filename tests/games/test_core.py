"""Tests of games.core: Game and SymmetricGame construction, validation, substitution, output."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

import games
from games import AligngamesError, Game, GameError, SizeLimitError, SymbolicError, SymmetricGame, UnknownNameError

x, y = sympy.symbols("x y")


# --- construction ---------------------------------------------------------------

def test_from_bimatrix_symmetric_default_is_transpose():
    g = Game.from_bimatrix([[3, 0], [5, 1]])
    assert g.payoffs[1].tolist() == [[3, 5], [0, 1]]
    assert g.players == ("Row", "Column")
    assert g.strategies == (("s1", "s2"), ("s1", "s2"))


def test_floats_become_exact_rationals():
    g = Game.from_bimatrix([[0.1, 2.5], [1e-3, -7.0]], [[0, 0], [0, 0]])
    assert g.payoffs[0].tolist() == [
        [sympy.Rational(1, 10), sympy.Rational(5, 2)],
        [sympy.Rational(1, 1000), sympy.Integer(-7)],
    ]
    assert all(isinstance(v, sympy.Rational) for v in sympy.flatten(g.payoffs[0].tolist()))


def test_accepts_numpy_sympy_matrix_fraction():
    a = np.array([[1, 2], [3, 4]])
    b = sympy.Matrix([[Fraction(1, 3), 0], [x, 1]])
    g = Game.from_bimatrix(a, b)
    assert g.payoffs[1][0, 0] == sympy.Rational(1, 3)
    assert g.payoffs[1][1, 0] == x
    assert g.free_symbols == {x}


def test_three_player_from_payoff_arrays():
    arr = [np.arange(8).reshape(2, 2, 2), np.zeros((2, 2, 2)), np.ones((2, 2, 2))]
    g = Game.from_payoff_arrays(arr, players=["A", "B", "C"], strategies=[["a", "b"], ["c", "d"], ["e", "f"]])
    assert g.shape == (2, 2, 2)
    assert g.payoff(0, (1, 0, 1)) == 5  # index 1*4 + 0*2 + 1
    assert g.strategy_index(2, "f") == 1


@pytest.mark.parametrize(
    "A, B, fragment",
    [
        ([[1, 2], [3]], None, "ragged"),
        ([[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]], "shape"),
        ([], None, "empty"),
        ([[1, float("nan")], [0, 0]], [[0, 0], [0, 0]], "not finite"),
        ([[1, float("inf")], [0, 0]], [[0, 0], [0, 0]], "not finite"),
        ([[1, "2"], [0, 0]], [[0, 0], [0, 0]], "string"),
        ([[1, True], [0, 0]], [[0, 0], [0, 0]], "boolean"),
        ([[1, sympy.oo], [0, 0]], [[0, 0], [0, 0]], "not finite"),
        ([[1, 2, 3], [4, 5, 6]], None, "square"),
        ("[[1]]", None, "string"),
        ([[1, [2]], [3, 4]], None, "ragged"),
    ],
    ids=["ragged", "mismatch", "empty", "nan", "inf", "string-entry", "bool", "sympy-oo", "nonsquare-sym",
         "string-matrix", "nested-ragged"],
)
def test_bad_matrices_raise_specific_errors(A, B, fragment):
    with pytest.raises(GameError, match=fragment):
        Game.from_bimatrix(A, B)


def test_error_names_the_bad_entry():
    with pytest.raises(GameError) as exc:
        Game.from_bimatrix([[1, 2], [3, float("nan")]], [[0, 0], [0, 0]])
    assert "entry [1, 1]" in str(exc.value)
    assert isinstance(exc.value, ValueError) and isinstance(exc.value, AligngamesError)


@pytest.mark.parametrize(
    "strategies, fragment",
    [
        ((["C", "C"], ["C", "D"]), "duplicate name 'C'"),
        ((["C"], ["C", "D"]), "1 names given for 2"),
        ((["C", ""], ["C", "D"]), "non-empty"),
    ],
    ids=["duplicate", "count", "blank"],
)
def test_bad_strategy_names(strategies, fragment):
    with pytest.raises(GameError, match=fragment):
        Game.from_bimatrix([[1, 0], [0, 1]], strategies=strategies)


def test_duplicate_player_names_rejected():
    with pytest.raises(GameError, match="duplicate name 'P'"):
        Game.from_bimatrix([[1]], players=["P", "P"])


def test_too_many_profiles_rejected():
    with pytest.raises(SizeLimitError, match="at most"):
        Game.from_payoff_arrays([np.zeros((1001, 1001)), np.zeros((1001, 1001))])


def test_one_by_n_game_allowed():
    g = Game.from_bimatrix([[1, 2, 3]], [[0, 1, 0]])
    assert g.shape == (1, 3)
    assert g.numeric_arrays()[1].tolist() == [[0.0, 1.0, 0.0]]


# --- immutability, hashing ----------------------------------------------------------

def test_frozen_and_hashable():
    g = Game.from_bimatrix([[1, x], [0, 1]])
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.name = "changed"  # type: ignore[misc]
    h = Game.from_bimatrix([[1, x], [0, 1]])
    assert g == h and hash(g) == hash(h)
    assert len({g, h}) == 1
    assert g != Game.from_bimatrix([[1, y], [0, 1]])


# --- substitution ---------------------------------------------------------------------

def test_subs_by_symbol_name_and_parameterset():
    ps = games.essay.parameters()
    vsl = ps.symbol("vsl")
    p = ps.symbol("p_pivotal")
    g = Game.from_bimatrix([[vsl * p, 0], [0, 1]])
    assert g.subs({vsl: 10, p: sympy.Rational(1, 2)}).payoffs[0][0, 0] == 5
    assert g.subs({"vsl": 10, "p_pivotal": 0.5}).payoffs[0][0, 0] == 5
    # a plain Symbol with the same name (no assumptions) matches by name
    assert g.subs({sympy.Symbol("vsl"): 4, "p_pivotal": 1}).payoffs[0][0, 0] == 4
    # a ParameterSet may hold many more parameters than the game uses
    assert g.subs(ps).payoffs[0][0, 0] == sympy.Rational(6_500_000 * 5, 100)  # 325,000 by hand


def test_subs_unknown_name_suggests():
    g = Game.from_bimatrix([[x, 0], [0, 1]])
    with pytest.raises(UnknownNameError, match="did you mean 'x'"):
        g.subs({"xx": 1})
    # known parameter names and Symbols that do not occur are ignored, as in sympy
    assert g.subs({"vsl": 1, y: 2}) == g


def test_subs_rejects_strings_and_division_by_zero():
    g = Game.from_bimatrix([[1 / x, 0], [0, 1]])
    with pytest.raises(GameError, match="string"):
        g.subs({"x": "__import__('os')"})
    with pytest.raises(GameError, match="becomes zoo"):
        g.subs({"x": 0})


def test_numeric_arrays_names_free_symbols():
    g = Game.from_bimatrix([[x, y], [0, 1]])
    with pytest.raises(SymbolicError, match="x, y"):
        g.numeric_arrays()
    with pytest.raises(SymbolicError):
        g.to_nfg()


def test_to_nashpy():
    g = Game.from_bimatrix([[3, 0], [5, 1]])
    ng = g.to_nashpy()
    A, B = ng.payoff_matrices
    assert A.tolist() == [[3, 0], [5, 1]] and B.tolist() == [[3, 5], [0, 1]]
    three = Game.from_payoff_arrays([np.zeros((2, 2, 2))] * 3)
    with pytest.raises(GameError, match="3 players"):
        three.to_nashpy()


# hypothesis: subs then numeric_arrays equals evaluating the expressions directly
@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    rows=st.integers(1, 3),
    cols=st.integers(1, 3),
    data=st.data(),
)
def test_subs_then_numeric_equals_direct_evaluation(rows, cols, data):
    a, b = sympy.symbols("a b")
    coef = st.integers(-5, 5)
    ca = data.draw(st.lists(st.tuples(coef, coef, coef), min_size=rows * cols * 2, max_size=rows * cols * 2))
    va = data.draw(st.fractions(min_value=-10, max_value=10, max_denominator=50))
    vb = data.draw(st.fractions(min_value=-10, max_value=10, max_denominator=50))
    exprs = [c0 + c1 * a + c2 * a * b for c0, c1, c2 in ca]
    A = [exprs[r * cols:(r + 1) * cols] for r in range(rows)]
    B = [exprs[rows * cols + r * cols: rows * cols + (r + 1) * cols] for r in range(rows)]
    g = Game.from_bimatrix(A, B)
    num = g.subs({a: va, b: vb})
    assert num.is_numeric
    got = num.numeric_arrays()
    for k, coefs in enumerate(ca):
        c0, c1, c2 = coefs
        exact = Fraction(c0) + c1 * va + c2 * va * vb  # evaluated independently in Fractions
        player, idx = divmod(k, rows * cols)
        r, c = divmod(idx, cols)
        assert got[player][r, c] == pytest.approx(float(exact), rel=1e-12, abs=1e-12)
        assert num.payoffs[player][r, c] == sympy.Rational(exact.numerator, exact.denominator)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.integers(-100, 100) | st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=2),
                min_size=2, max_size=4))
def test_construction_roundtrip_numbers(rows):
    g = Game.from_bimatrix(rows, [[0] * 2 for _ in rows])
    A = g.numeric_arrays()[0]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            assert A[r, c] == pytest.approx(float(v), rel=1e-15, abs=0)


# --- output ---------------------------------------------------------------------------

def test_latex_bimatrix_and_escaping():
    g = Game.from_bimatrix([[x, 0], [0, 1]], strategies=(["R&D", "50%"], ["a_b", "$"]), players=["P#1", "P2"])
    tex = g.latex()
    assert r"R\&D" in tex and r"50\%" in tex and r"a\_b" in tex and r"\$" in tex and r"P\#1" in tex
    assert "$x, x$" in tex  # symmetric default: B = A.T, so cell (0, 0) is x, x
    arr = g._repr_latex_()
    assert arr.startswith("$$\\begin{array}") and r"\text{R\&D}" in arr


def test_latex_uses_registry_names():
    ps = games.essay.parameters()
    g = Game.from_bimatrix([[ps.symbol("altruism_weight"), 0], [0, 1]])
    assert r"\alpha" in g.latex()


def test_latex_three_players_one_table_per_slice():
    g = Game.from_payoff_arrays([np.zeros((2, 2, 3))] * 3, players=["A", "B", "C"])
    tex = g.latex()
    assert tex.count(r"\begin{tabular}") == 3
    assert "C plays s3" in tex


def test_html_escapes():
    g = Game.from_bimatrix([[1, 0], [0, 1]], strategies=(["<b>", "y"], ["z", "w"]), name="a & b")
    h = g._repr_html_()
    assert "&lt;b&gt;" in h and "a &amp; b" in h and "<b>" not in h


# --- SymmetricGame ------------------------------------------------------------------------

k = sympy.Symbol("k", integer=True, nonnegative=True)
b, c = sympy.symbols("b c", positive=True)


def test_symmetric_public_goods_to_game_matches_hand_payoffs():
    n = 3
    sg = SymmetricGame(n, {"C": b * (k + 1) / n - c, "D": b * k / n}, count=k)
    g = sg.subs({"b": 3, "c": 2}).to_game()
    # all cooperate: each gets 3*3/3 - 2 = 1; player 1 defects, others cooperate: 3*2/3 = 2
    assert g.payoffs[0][0, 0, 0] == 1
    assert g.payoffs[0][1, 0, 0] == 2
    # player 2 cooperates alone: 3*1/3 - 2 = -1
    assert g.payoffs[1][1, 0, 1] == -1
    assert g.shape == (2, 2, 2)


def test_symmetric_symbolic_and_huge_n():
    N = sympy.Symbol("N", positive=True, integer=True)
    sg = SymmetricGame(N, {"A": k / (N - 1), "B": sympy.Integer(1)}, count=k)
    assert N in sg.free_symbols and k not in sg.free_symbols
    with pytest.raises(SymbolicError, match="symbolic"):
        sg.to_game()
    big = SymmetricGame(8e9, {"A": k, "B": 1}, count=k)
    assert big.n_players == 8_000_000_000
    with pytest.raises(SizeLimitError, match="at most 12 players"):
        big.to_game()
    with pytest.raises(SizeLimitError):
        SymmetricGame(10**12, {"A": k, "B": 1}, count=k).to_game()


def test_symmetric_piecewise_threshold():
    M = 2
    sg = SymmetricGame(4, {"Align": sympy.Piecewise((10, k >= M - 1), (0, True)) - 1,
                           "Cap": sympy.Piecewise((10, k >= M), (0, True))}, count=k)
    assert sg.payoff("Align", 0) == -1 and sg.payoff("Align", 1) == 9
    assert sg.payoff("Cap", 1) == 0 and sg.payoff("Cap", 2) == 10


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"n_players": 1, "payoffs": {"A": 1, "B": 2}}, "at least 2"),
        ({"n_players": 2.5, "payoffs": {"A": 1, "B": 2}}, "whole number"),
        ({"n_players": 3, "payoffs": {"A": 1}}, "exactly two"),
        ({"n_players": 3, "payoffs": {"A": 1, "B": "2"}}, "string"),
        ({"n_players": float("nan"), "payoffs": {"A": 1, "B": 2}}, "finite"),
        ({"n_players": 3, "payoffs": [1, 2]}, "mapping"),
    ],
    ids=["one-player", "fractional-n", "one-strategy", "string-payoff", "nan-n", "list-payoffs"],
)
def test_symmetric_validation(kwargs, fragment):
    with pytest.raises(GameError, match=fragment):
        SymmetricGame(count=k, **kwargs)


def test_symmetric_latex_and_hash():
    sg = SymmetricGame(5, {"A": 2 * k, "B": k + 1}, count=k, name="t")
    assert r"\pi_{\text{A}}(k) &= 2 k" in sg.latex()
    assert hash(sg) == hash(SymmetricGame(5, {"A": 2 * k, "B": k + 1}, count=k, name="t"))
    assert math.isclose(float(sg.payoff("B", 3)), 4.0)


def test_subs_of_numbers_agrees_with_sympy_subs_on_every_library_game():
    # Game.subs replaces symbols by numbers node by node (xreplace, issue 17); sympy's own subs is the
    # independent reference: the same payoffs, entry by entry and type by type, at both scenarios
    import sympy

    import games
    from games._arrays import _subs_map

    checked = 0
    for entry in games.library_entries(family="normal-form").values():
        g = entry.builder()
        if not isinstance(g, games.Game):
            continue
        for scenario in ("phd", "industry"):
            fast = g.subs(games.essay.parameters(scenario))
            mapping = _subs_map(g.free_symbols, games.essay.parameters(scenario), owner="Game")
            for got, arr in zip(fast.payoffs, g.payoffs):
                want = arr.subs(mapping)
                assert got.tolist() == want.tolist()
                assert [type(v) for v in got._array] == [type(v) for v in want._array]  # noqa: SLF001
                checked += 1
    assert checked >= 20
    # a payoff binding a variable keeps sympy's subs: k is free in "+ k" and bound in the sum, and only
    # the free k becomes 1, so the payoff is (1 + 2 + 3) + 1 = 7
    k, n = sympy.symbols("k n", integer=True)
    g = games.Game.from_bimatrix([[sympy.Sum(k, (k, 1, n)) + k, 0], [0, 1]])
    assert g.subs({k: 1, n: 3}).payoffs[0][0, 0].doit() == 7
