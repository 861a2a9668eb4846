"""continuous_equilibria: textbook closed forms, grid deviation checks, best responses, bad input."""

from __future__ import annotations

import matplotlib
import pytest
import sympy

import games
from games import ContinuousGame
from solvers import (
    NonDifferentiablePayoffError,
    best_responses,
    continuous_equilibria,
    deviation_gains,
    equilibrium_conditions,
    numeric_equilibria,
    plot_best_responses,
    to_latex,
)

matplotlib.use("Agg")

q1, q2 = sympy.symbols("q1 q2", nonnegative=True)
a, b, c = sympy.symbols("a b c", positive=True)
x1, x2 = sympy.symbols("x1 x2", nonnegative=True)
V1, V2 = sympy.symbols("V1 V2", positive=True)
x, y = sympy.symbols("x y", nonnegative=True)
n, V = sympy.symbols("n V", positive=True)


def cournot(high=sympy.oo) -> ContinuousGame:
    return ContinuousGame(("Firm 1", "Firm 2"), ((q1, 0, high), (q2, 0, high)),
                          ((a - b * (q1 + q2) - c) * q1, (a - b * (q1 + q2) - c) * q2))


def tullock() -> ContinuousGame:
    return ContinuousGame(("Lab 1", "Lab 2"), ((x1, 0, sympy.oo), (x2, 0, sympy.oo)),
                          (x1 / (x1 + x2) * V1 - x1, x2 / (x1 + x2) * V2 - x2))


def tullock_n(players=n) -> ContinuousGame:
    return ContinuousGame.symmetric(players, (x, 0, sympy.oo), x / (x + (players - 1) * y) * V - x, others=y)


def test_cournot_duopoly():
    # Textbook (Fudenberg-Tirole 1.2): max (a - b(q1 + q2) - c) q1 gives q1 = (a - c - b q2) / (2b);
    # symmetric solution q* = (a - c) / (3b), an equilibrium iff a > c (positive quantities)
    records = continuous_equilibria(cournot())
    interior = [r for r in records if r.kind == "interior"]
    assert len(interior) == 1
    assert interior[0].values == ((a - c) / (3 * b),) * 2
    assert interior[0].condition == (a > c) and interior[0].concave
    # profit at q*: (a - c)^2 / (9b)
    assert sympy.simplify(interior[0].payoffs[0] - (a - c) ** 2 / (9 * b)) == 0
    # the corner (0, 0) needs a <= c: the sign condition dpi/dq <= 0 at zero
    corner = [r for r in records if r.values == (0, 0)]
    assert corner and corner[0].condition == (c >= a)
    # unpacks as (profile, condition), the strategic-form contract
    profile, condition = interior[0]
    assert profile[q1] == (a - c) / (3 * b) and condition == (a > c)


def test_two_player_tullock_with_valuations():
    # Hand: FOC x2 V1 = (x1 + x2)^2 and x1 V2 = (x1 + x2)^2, so x1 / x2 = V1 / V2 and
    # x1* = V1^2 V2 / (V1 + V2)^2, x2* = V1 V2^2 / (V1 + V2)^2 (Nti 1999)
    records = continuous_equilibria(tullock())
    assert len(records) == 1
    (r,) = records
    assert sympy.simplify(r.values[0] - V1**2 * V2 / (V1 + V2) ** 2) == 0
    assert sympy.simplify(r.values[1] - V1 * V2**2 / (V1 + V2) ** 2) == 0
    assert r.condition is sympy.true and r.concave   # u'' = -2 x2 V1 / (x1 + x2)^3 <= 0


def test_n_player_symmetric_tullock_with_symbolic_n():
    # Hand: d/dx [x V / (x + (n-1) y)] at x = y: (n-1) V / (n^2 y) = 1, so y* = (n - 1) V / n^2
    (r,) = continuous_equilibria(tullock_n())
    assert r.kind == "symmetric" and r.n_players == n
    assert sympy.simplify(r.values[0] - (n - 1) * V / n**2) == 0
    # each player's payoff: V / n - (n - 1) V / n^2 = V / n^2
    assert sympy.simplify(r.payoffs[0] - V / n**2) == 0
    # the condition says n > 1 (and nothing else)
    assert r.condition.subs(n, 2) is sympy.true and r.condition.subs(n, sympy.Rational(1, 2)) is sympy.false


def test_rd_contest_spending_grows_with_the_prize_and_safety_cuts_capabilities():
    # Tullock: x* = (n - 1) V / (n^2 (1 + sigma)); all labs pay n (1 + sigma) x* = (n - 1) V / n
    ps = games.essay.parameters()
    Vm, sig, nl = (games.essay.symbol(k) for k in ("market_prize", "safety_cost_share", "n_labs"))
    (r,) = continuous_equilibria(games.build("rd_contest"))
    assert sympy.simplify(r.values[0] - (nl - 1) * Vm / (nl**2 * (1 + sig))) == 0
    (plain,) = continuous_equilibria(games.build("rd_contest", safety=False))
    assert sympy.simplify(plain.values[0] - (nl - 1) * Vm / nl**2) == 0
    outlay = sympy.simplify(nl * (1 + sig) * r.values[0])
    assert sympy.simplify(outlay - (nl - 1) * Vm / nl) == 0
    # the essay's $50b and $110b as the outlays of 5 labs: prizes of 62.5b and 137.5b
    for spend, prize in ((50 * 10**9, sympy.Rational(625, 10) * 10**9), (110 * 10**9, sympy.Rational(1375, 10) * 10**9)):
        assert outlay.subs({nl: 5, Vm: prize, sig: ps["safety_cost_share"].value}) == spend


NUMERIC = [
    ("cournot", lambda: cournot(20).subs({"a": 10, "b": 1, "c": 1}), None),
    ("tullock-2", lambda: tullock().subs({"V1": 2, "V2": 1}), {"x1": (0, 3), "x2": (0, 3)}),
    ("tullock-n4", lambda: tullock_n(4).subs({"V": 16}), {"x": (0, 16)}),
    ("rd-contest", lambda: games.build("rd_contest").subs(games.essay.parameters()), {"x": (0, 62.5e9)}),
    ("precipice-n2", lambda: games.build("precipice_race", n=2).subs({"race_enmity": 1, "capability_spread": 1}),
     None),
    ("precipice-n5", lambda: games.build("precipice_race", n=5).subs({"race_enmity": 0.5, "capability_spread": 1}),
     None),
]


@pytest.mark.parametrize(("name", "build", "box"), NUMERIC, ids=[n for n, _, _ in NUMERIC])
def test_every_equilibrium_has_no_profitable_deviation_on_a_grid(name, build, box):
    game = build()
    records = continuous_equilibria(game, box=box)
    assert records, name
    for r in records:
        gains = deviation_gains(game, r.values, box=box, points=4001)
        scale = max(1.0, *(abs(float(p)) for p in r.payoffs))
        assert max(gains) <= 1e-9 * scale, (name, r.values, gains)
        # and moving one strategy away does lose (the check can fail)
        moved = [float(v) for v in r.values]
        moved[0] = moved[0] * 0.5 if moved[0] else 0.1
        if game.is_symmetric:
            assert deviation_gains(game, moved, box=box)[0] >= -1e-12
        else:
            assert max(deviation_gains(game, moved, box=box)) > 0


def test_numeric_values_match_the_closed_forms():
    # Cournot a = 10, b = 1, c = 1: q* = 3; Tullock V1 = 2, V2 = 1: x1* = 4/9, x2* = 2/9; n = 4, V = 16: 3
    assert [r.values for r in continuous_equilibria(cournot(20).subs({"a": 10, "b": 1, "c": 1}))] == [(3, 3)]
    assert continuous_equilibria(tullock().subs({"V1": 2, "V2": 1}))[0].values == (sympy.Rational(4, 9),
                                                                                   sympy.Rational(2, 9))
    assert continuous_equilibria(tullock_n(4).subs({"V": 16}))[0].values == (3,)


def test_numeric_fallback_for_a_kinked_payoff_is_verified():
    # u_A = -|x - y/2 - 1/4|: best response x = y/2 + 1/4 (clipped), and symmetrically for B;
    # the fixed point x = y = 1/2 (x = x/2 + 1/4)
    xa, xb = sympy.symbols("xa xb", real=True)
    quarter = sympy.Rational(1, 4)
    g = ContinuousGame(("A", "B"), ((xa, 0, 1), (xb, 0, 1)),
                       (-sympy.Abs(xa - xb / 2 - quarter), -sympy.Abs(xb - xa / 2 - quarter)))
    with pytest.raises(NonDifferentiablePayoffError, match="not differentiable in xa"):
        continuous_equilibria(g, method="first-order")
    with pytest.warns(RuntimeWarning, match="numeric fallback"):
        records = continuous_equilibria(g, seed=1)
    assert [tuple(round(float(v), 6) for v in r.values) for r in records] == [(0.5, 0.5)]
    assert records[0].method == "numeric" and records[0].condition is sympy.true
    assert numeric_equilibria(g, seed=2)[0].values == records[0].values


def test_symbolic_kinked_payoff_is_a_specific_error():
    k = sympy.Symbol("k", positive=True)
    g = ContinuousGame(("A", "B"), ((q1, 0, 1), (q2, 0, 1)), (-sympy.Abs(q1 - k * q2), -(q2 - q1) ** 2))
    with pytest.raises(NonDifferentiablePayoffError, match="'A' is not differentiable in q1"):
        continuous_equilibria(g)
    # a symmetric payoff with a kink exactly at x = y
    gs = ContinuousGame.symmetric(2, (x, 0, 1), -sympy.Abs(x - y) + k * x, others=y)
    with pytest.raises(NonDifferentiablePayoffError, match="from the right"):
        continuous_equilibria(gs)


def test_best_responses():
    br = best_responses(cournot())
    # q1 = (a - c - b q2) / (2b), clipped at 0
    assert sympy.simplify(br[0].response.args[-1][0] - (a - c - b * q2) / (2 * b)) == 0
    assert br[0].response.subs({a: 10, b: 1, c: 1, q2: 3}) == 3 and br[0].response.subs({a: 1, b: 1, c: 1,
                                                                                              q2: 3}) == 0
    tb = best_responses(tullock())
    # Tullock: x1 = sqrt(V1 x2) - x2 (clipped at 0)
    assert tb[0].response.subs({V1: 4, x2: 1}) == 1 and tb[0].response.subs({V1: 1, x2: 4}) == 0
    assert all(r.condition is sympy.true for r in tb)
    (sym,) = best_responses(tullock_n(3).subs({"V": 9}))
    assert sym.others == (y,) and sym.response.subs(y, 2) == sympy.sqrt(2 * 2 * 9) - 2 * 2  # sqrt((n-1)yV) - (n-1)y


def test_best_response_plot_and_display():
    num = cournot(20).subs({"a": 10, "b": 1, "c": 1})
    ax = plot_best_responses(best_responses(num), equilibria=continuous_equilibria(num))
    assert len(ax.lines) == 3 and ax.get_xlabel() == "q1"
    game = tullock_n(4).subs({"V": 16})
    ax = plot_best_responses(best_responses(game), equilibria=continuous_equilibria(game))
    assert len(ax.lines) == 3
    (r,) = continuous_equilibria(tullock_n())
    assert "each of n players: x = V*(n - 1)/n**2" in str(r)
    tex = to_latex(continuous_equilibria(cournot()))
    assert r"\frac{a - c}{3 b}" in tex and "a > c" in tex.plain


def test_equilibrium_conditions_dispatches_continuous_games():
    assert [p for p, _ in equilibrium_conditions(cournot())] == [p for p, _ in continuous_equilibria(cournot())]


def test_bad_arguments():
    with pytest.raises(games.GameError, match="unknown method 'newton'"):
        continuous_equilibria(cournot(), method="newton")
    with pytest.raises(games.GameError, match="expected a ContinuousGame"):
        continuous_equilibria(games.build("lab_race"))
    with pytest.raises(games.SymbolicError, match="free symbols a, b, c"):
        deviation_gains(cournot(), (1, 1))
    with pytest.raises(games.GameError, match="infinite interval"):
        numeric_equilibria(tullock().subs({"V1": 1, "V2": 1}))
