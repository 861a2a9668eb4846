"""sustainability and folk_region: the repeated prisoner's dilemma's textbook thresholds, derived by hand."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games import Game, GameError, RepeatedGame
from solvers import folk_region, sustainability

Q = sympy.Rational
T, R, P, S = sympy.symbols("T R P S", real=True)
delta = sympy.Symbol("delta", positive=True)


def pd(t=T, r=R, p=P, s=S):
    return Game.from_bimatrix([[r, s], [t, p]], strategies=(["C", "D"], ["C", "D"]), name="PD")


# T > R > P > S as positive gaps: S = s, P = s + x, R = P + y, T = R + z
s_, x_, y_, z_ = sympy.symbols("s x y z", positive=True)
ORDER = {S: s_, P: s_ + x_, R: s_ + x_ + y_, T: s_ + x_ + y_ + z_}


def test_grim_trigger_threshold_is_t_minus_r_over_t_minus_p():
    # cooperate: R / (1 - d); deviate once: T + d P / (1 - d); so R >= (1 - d) T + d P <=> d >= (T - R)/(T - P)
    res = sustainability(RepeatedGame(pd().subs(ORDER), delta), ("C", "C"), nash=("D", "D"))
    assert sympy.simplify(res.threshold - ((T - R) / (T - P)).subs(ORDER)) == 0
    # and with the ordering only implicit: the condition is equivalent to d >= (T-R)/(T-P) and P >= S,
    # the threshold (T - R)/(T - P) where the coefficient T - P of d is positive
    sym = sustainability(RepeatedGame(pd(), delta), ("C", "C"), nash=("D", "D"))
    assert sympy.simplify(sym.threshold - (T - R) / (T - P)) == 0
    assert sympy.simplify(sym.threshold_valid_if.lhs - sym.threshold_valid_if.rhs - (T - P)) == 0
    assert isinstance(sym.threshold_valid_if, sympy.StrictGreaterThan)
    target = sympy.And(delta * (T - P) >= T - R, P >= S)
    for rel in sympy.And.make_args(sym.condition):
        f = rel.lhs - rel.rhs
        assert any(sympy.expand(f - (t.lhs - t.rhs)) == 0 for t in sympy.And.make_args(target)), rel


GRIM = sustainability(RepeatedGame(pd(), delta), ("C", "C"), nash=("D", "D"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fractions(-10, 10, max_denominator=20), min_size=4, max_size=4, unique=True),
       st.fractions(0, 1, max_denominator=50))
def test_grim_condition_matches_the_closed_form_pointwise(vals, d):
    s, p, r, t = sorted(sympy.Rational(v.numerator, v.denominator) for v in vals)  # T > R > P > S
    d = sympy.Rational(d.numerator, d.denominator)
    if d in (0, 1):
        return
    assert GRIM.holds_at({"T": t, "R": r, "P": p, "S": s, "delta": d}) == (d >= (t - r) / (t - p))


def test_numeric_thresholds_of_the_textbook_pd():
    game = RepeatedGame(pd(5, 3, 1, 0))  # T, R, P, S = 5, 3, 1, 0
    assert sustainability(game, ("C", "C")).threshold == Q(1, 2)  # (5 - 3)/(5 - 1)
    # minmax: each player's pure minmax is P = 1 with (D, D), a stage equilibrium: the same threshold
    mm = sustainability(game, ("C", "C"), punishment="minmax")
    assert mm.threshold == Q(1, 2) and mm.punishments == {"Row": ("D", "D"), "Column": ("D", "D")}
    # k = 1: R - T + (R - P) d >= 0 -> d >= 2/2 = 1: never below 1
    assert sustainability(game, ("C", "C"), punishment="k-period", k=1).threshold == 1
    # k = 2: R - T + (R - P)(d + d^2) >= 0 -> d^2 + d - 1 >= 0 -> d >= (sqrt(5) - 1)/2
    k2 = sustainability(game, ("C", "C"), punishment="k-period", k=2)
    assert sympy.simplify(k2.threshold - (sympy.sqrt(5) - 1) / 2) == 0


def test_k_period_symbolic_condition():
    # k-period: R - T + (R - P)(d + ... + d^k) >= 0 on the path (hand derivation in solvers.sequential.sustain)
    res = sustainability(RepeatedGame(pd(), delta), ("C", "C"), punishment="k-period", k=3, nash=("D", "D"))
    path = [c for c in res.constraints if c.state == "path"][0].relation
    want = R - T + (R - P) * (delta + delta**2 + delta**3)
    assert sympy.expand((path.lhs - path.rhs) - want) == 0


def test_minmax_in_a_game_whose_minmax_is_not_a_stage_equilibrium():
    # Row: U/D, Column: L/R.  Column minmaxes Row with R (Row's best reply 1 instead of 4);
    # (U, L) pays (3, 3).  Payoffs: (U,L)=(3,3) (U,R)=(0,1) (D,L)=(4,0) (D,R)=(1,0)
    g = Game.from_bimatrix([[3, 0], [4, 1]], [[3, 1], [0, 0]], strategies=(["U", "D"], ["L", "R"]))
    res = sustainability(RepeatedGame(g), ("U", "L"), punishment="minmax")
    assert res.punishments["Row"] == ("D", "R")
    # Row on the path: (1 - d)(3 - 4) + d (3 - 1) >= 0 -> d >= 1/3;
    # Column punishing Row by R at (D, R) gets 0 and would get 0 by L too: no gain, and if she deviated
    # she is minmaxed at 0 herself (Row plays U or D against her best reply... her minmax value is 0)
    row_path = [c for c in res.constraints if c.state == "path" and c.player == "Row"][0]
    assert row_path.bound == Q(1, 3) and row_path.direction == ">="
    assert res.threshold == Q(1, 3)


def test_bad_inputs():
    game = RepeatedGame(pd(5, 3, 1, 0))
    with pytest.raises(GameError, match="outside \\(0, 1\\)"):
        RepeatedGame(pd(5, 3, 1, 0), Q(3, 2))
    with pytest.raises(GameError, match="outside \\(0, 1\\)"):
        RepeatedGame(pd(5, 3, 1, 0), 0)
    with pytest.raises(GameError, match="punishment='forever'"):
        sustainability(game, ("C", "C"), punishment="forever")
    with pytest.raises(GameError, match="k=0"):
        sustainability(game, ("C", "C"), punishment="k-period", k=0)
    with pytest.raises(GameError, match="'X' is not a strategy"):
        sustainability(game, ("C", "X"))
    with pytest.raises(GameError, match="give nash"):
        sustainability(RepeatedGame(pd()), ("C", "C"))


def test_folk_region_of_the_pd():
    # hull of (3,3), (0,5), (5,0), (1,1); minmax (1, 1); the edge (5,0)-(3,3) meets y = 1 at x = 13/3
    r = folk_region(RepeatedGame(pd(5, 3, 1, 0)))
    assert r.minmax == (1, 1)
    assert set(r.feasible) == {(1, 1), (5, 0), (3, 3), (0, 5)}
    assert set(r.region) == {(1, 1), (Q(13, 3), 1), (3, 3), (1, Q(13, 3))}
    assert r.strict and r.contains((2, 2)) and not r.contains((4, 4)) and not r.contains((Q(1, 2), 3))


def test_folk_region_mixed_minmax_of_matching_pennies():
    # matching pennies: the feasible set is the segment from (-1, 1) to (1, -1); minmax 0 each (mix 1/2);
    # only (0, 0) is individually rational
    mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    r = folk_region(mp)
    assert r.minmax == (0, 0) and r.region == ((0, 0),) and not r.strict
