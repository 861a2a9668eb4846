"""Properties of the continuous solver on random numeric games, and the LaTeX of its results."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import HealthCheck, given, settings, strategies as st

from games import ContinuousGame
from solvers import continuous_equilibria, deviation_gains, race_equilibrium, to_latex
from tests.conftest import compile_latex, requires_pdflatex

q1, q2 = sympy.symbols("q1 q2", nonnegative=True)
x1, x2 = sympy.symbols("x1 x2", nonnegative=True)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=st.integers(5, 40), b=st.integers(1, 5), c=st.integers(0, 4))
def test_cournot_closed_form_and_no_deviation_for_random_demand(a, b, c):
    # q* = (a - c) / (3b) for every linear demand with a > c (Fudenberg-Tirole 1.2)
    cap = sympy.Integer(a)
    g = ContinuousGame(("1", "2"), ((q1, 0, cap), (q2, 0, cap)),
                       ((a - b * (q1 + q2) - c) * q1, (a - b * (q1 + q2) - c) * q2))
    (r,) = continuous_equilibria(g)
    assert r.values == (sympy.Rational(a - c, 3 * b),) * 2
    assert max(deviation_gains(g, r.values, points=2001)) <= 1e-9 * max(1, float(r.payoffs[0]))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(v1=st.integers(1, 20), v2=st.integers(1, 20))
def test_tullock_closed_form_for_random_valuations(v1, v2):
    # x1* = V1^2 V2 / (V1 + V2)^2, x2* = V1 V2^2 / (V1 + V2)^2 (Nti 1999)
    g = ContinuousGame(("1", "2"), ((x1, 0, sympy.oo), (x2, 0, sympy.oo)),
                       (x1 / (x1 + x2) * v1 - x1, x2 / (x1 + x2) * v2 - x2))
    (r,) = continuous_equilibria(g)
    assert r.values == (sympy.Rational(v1**2 * v2, (v1 + v2) ** 2), sympy.Rational(v1 * v2**2, (v1 + v2) ** 2))
    box = {"x1": (0, max(v1, v2)), "x2": (0, max(v1, v2))}
    assert max(deviation_gains(g, r.values, box=box, points=2001)) <= 1e-9 * max(v1, v2)


@requires_pdflatex
@pytest.mark.parametrize("what", ["cournot", "race"])
def test_latex_of_continuous_results_compiles(what, tmp_path):
    a, b, c = sympy.symbols("a b c", positive=True)
    if what == "cournot":
        g = ContinuousGame(("1", "2"), ((q1, 0, sympy.oo), (q2, 0, sympy.oo)),
                           ((a - b * (q1 + q2) - c) * q1, (a - b * (q1 + q2) - c) * q2))
        tex = to_latex(continuous_equilibria(g))
    else:
        tex = to_latex([race_equilibrium(i, n=2) for i in ("none", "private", "public")])
    result = compile_latex("\\[\n" + tex + "\n\\]", tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]


def test_deviation_gains_evaluates_a_piecewise_whose_condition_joins_both_players():
    """A payoff ``Piecewise`` whose condition is an ``And`` of one player's and the other's strategy.

    By hand: A earns s1 while s1 <= 1/2 and s2 >= 1/5, else s2/2; B earns s2 while s2 <= 3/10 and
    s1 >= 1/10, else s1/2.  At (1/2, 3/10) neither gains (A's best is 1/2, B's 3/10 beats 1/4); at
    (2/5, 3/10) A gains 1/2 - 2/5 = 1/10 by moving to 1/2.  Before the arguments were broadcast, the
    grid evaluation failed inside numpy.select.
    """
    s1, s2 = sympy.symbols("s1 s2")
    g = ContinuousGame(("A", "B"), ((s1, 0, 1), (s2, 0, 1)),
                       (sympy.Piecewise((s1, sympy.And(s1 <= sympy.Rational(1, 2), s2 >= sympy.Rational(1, 5))), (s2 / 2, True)),
                        sympy.Piecewise((s2, sympy.And(s2 <= sympy.Rational(3, 10), s1 >= sympy.Rational(1, 10))), (s1 / 2, True))))
    assert deviation_gains(g, (0.5, 0.3)) == pytest.approx((0.0, 0.0), abs=1e-12)
    assert deviation_gains(g, (0.4, 0.3)) == pytest.approx((0.1, 0.0), abs=1e-9)
