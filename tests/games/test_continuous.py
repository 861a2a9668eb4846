"""ContinuousGame: construction, validation (bad input), immutability, substitution."""

from __future__ import annotations

import dataclasses

import pytest
import sympy

from games import ContinuousGame, GameError, StrategyIntervalError

q1, q2 = sympy.symbols("q1 q2", nonnegative=True)
a, b, c = sympy.symbols("a b c", positive=True)


def cournot() -> ContinuousGame:
    return ContinuousGame(("Firm 1", "Firm 2"), ((q1, 0, sympy.oo), (q2, 0, sympy.oo)),
                          ((a - b * (q1 + q2) - c) * q1, (a - b * (q1 + q2) - c) * q2), name="Cournot")


def test_fields_free_symbols_and_numeric():
    g = cournot()
    assert g.players == ("Firm 1", "Firm 2") and g.symbols == (q1, q2)
    assert g.free_symbols == {a, b, c} and not g.is_numeric and not g.is_symmetric
    num = g.subs({"a": 10, b: 1, "c": 0.5})
    assert num.is_numeric and num.payoffs[0] == (sympy.Rational(19, 2) - q1 - q2) * q1
    assert g.subs({}) is g


def test_frozen_and_hashable():
    g = cournot()
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.name = "other"  # type: ignore[misc]
    assert hash(g) == hash(cournot()) and g == cournot()


def test_symbolic_and_infinite_bounds_and_floats():
    x = sympy.Symbol("x")
    cap = sympy.Symbol("cap", positive=True)
    g = ContinuousGame(("A",), ((x, float("-inf"), cap),), (0.25 * x,))
    assert g.strategies == ((x, -sympy.oo, cap),) and g.payoffs == (x / 4,)
    assert g.subs({"cap": 3}).strategies == ((x, -sympy.oo, 3),)


def test_symmetric_form_with_symbolic_number_of_players():
    x, y = sympy.symbols("x y", nonnegative=True)
    n, V = sympy.symbols("n V", positive=True)
    g = ContinuousGame.symmetric(n, (x, 0, sympy.oo), x / (x + (n - 1) * y) * V - x, others=y)
    assert g.is_symmetric and g.n_players == n and g.free_symbols == {n, V}
    assert g.subs({"n": 4}).n_players == 4
    assert "symmetric players" in str(g)


@pytest.mark.parametrize(("low", "high"), [(1, 0), (sympy.oo, sympy.oo), (-sympy.oo, -sympy.oo)],
                         ids=["low-above-high", "low-infinite", "high-minus-infinite"])
def test_empty_interval_is_a_specific_error(low, high):
    x = sympy.Symbol("x")
    with pytest.raises(StrategyIntervalError, match=r"strategy x of 'A'"):
        ContinuousGame(("A",), ((x, low, high),), (x,))


def test_symbolic_interval_decided_by_assumptions_and_after_subs():
    x = sympy.Symbol("x")
    h = sympy.Symbol("h", positive=True)
    with pytest.raises(StrategyIntervalError, match="above high"):
        ContinuousGame(("A",), ((x, h + 1, h),), (x,))
    k = sympy.Symbol("k", real=True)
    g = ContinuousGame(("A",), ((x, 0, k),), (x,))       # undecided: allowed
    with pytest.raises(StrategyIntervalError):
        g.subs({"k": -1})


@pytest.mark.parametrize("bad", [
    dict(players=("A", "B"), strategies=((q1, 0, 1),), payoffs=(q1, q2)),
    dict(players=("A",), strategies=(("q", 0, 1),), payoffs=(q1,)),
    dict(players=("A",), strategies=((q1, 0, 1),), payoffs=("q1**2",)),
    dict(players=("A", "A"), strategies=((q1, 0, 1), (q2, 0, 1)), payoffs=(q1, q2)),
    dict(players=("A", "B"), strategies=((q1, 0, 1), (q1, 0, 1)), payoffs=(q1, q1)),
    dict(players=("A", "B"), strategies=((q1, 0, q2), (q2, 0, 1)), payoffs=(q1, q2)),
    dict(players=("A",), strategies=((q1, 0, 1),), payoffs=(sympy.I * q1,)),
], ids=["lengths", "symbol-string", "payoff-string", "duplicate-player", "duplicate-symbol", "bound-on-strategy",
        "complex"])
def test_bad_input_names_the_problem(bad):
    with pytest.raises(GameError):
        ContinuousGame(bad["players"], bad["strategies"], bad["payoffs"])


def test_symmetric_needs_two_players_and_subs_refuses_strategies():
    x, y = sympy.symbols("x y")
    with pytest.raises(GameError, match="n_players=1"):
        ContinuousGame.symmetric(1, (x, 0, 1), x * y, others=y)
    with pytest.raises(GameError, match="is a strategy"):
        cournot().subs({"q1": 1})
