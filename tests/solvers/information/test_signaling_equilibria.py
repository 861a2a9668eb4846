"""Perfect Bayesian equilibria of textbook signalling games: beer-quiche and Spence's job market."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
import sympy

from games import SignalingGame
from solvers import FrozenMapping, equilibrium_conditions, perfect_bayesian_equilibria, to_latex
from solvers.information.verify import is_perfect_bayesian_equilibrium

R = sympy.Rational


def beer_quiche(p_weak):
    """Cho and Kreps (1987), section II; Fudenberg and Tirole (1991), figure 11.6.

    The sender gets 1 for the breakfast its type prefers (Strong: Beer, Weak: Quiche)
    plus 2 if the receiver does not duel (Flee); the receiver gets 1 for duelling a
    weak sender, -1 for duelling a strong one, 0 for fleeing.
    """
    pays = {(t, m, r): (int(m == ("Beer" if t == "Strong" else "Quiche")) + 2 * (r == "Flee"),
                        (1 if t == "Weak" else -1) if r == "Duel" else 0)
            for t in ("Strong", "Weak") for m in ("Beer", "Quiche") for r in ("Duel", "Flee")}
    return SignalingGame({"Strong": 1 - p_weak, "Weak": p_weak}, ("Beer", "Quiche"), ("Duel", "Flee"), pays,
                         name="Beer-quiche")


def test_beer_quiche_two_pooling_only_beer_is_intuitive():
    # Prior P(Weak) = 1/10 (Cho-Kreps).  By hand:
    # * pooling on Beer: after Beer the belief is the prior, E[duel] = 1/10 - 9/10 < 0, so Flee;
    #   Weak gets 0 + 2 = 2 and would get 1 + 2 = 3 from Quiche unless the receiver duels after Quiche,
    #   which needs mu(Weak | Quiche) >= 1/2.  Strong gets 3.
    # * pooling on Quiche: symmetric, Flee after Quiche, Duel after Beer when mu(Weak | Beer) >= 1/2;
    #   Strong gets 2, Weak 3.  Intuitive criterion: after Beer, Weak's best is 0 + 2 = 2 < 3 (dominated),
    #   Strong's is 3 > 2; beliefs on {Strong} give Flee and Strong gets 3 > 2: it fails.  In the Beer
    #   pooling, after Quiche Strong is dominated (2 < 3), Weak is not (3 > 2), beliefs on {Weak} give Duel
    #   and Weak gets 1 < 2: it survives.
    # * separating: Strong-Beer/Weak-Quiche gives Weak 1 (duelled) < 2 from Beer; Strong-Quiche/Weak-Beer
    #   gives Weak 0 < 3 from Quiche: neither is an equilibrium.
    # * semi-separating: Weak mixing needs mu(Weak | pooled message) = 1/2, i.e. sigma = 9 > 1: none.
    eqs = perfect_bayesian_equilibria(beer_quiche(R(1, 10)))
    assert sorted(e.label for e in eqs) == ["pooling on Beer", "pooling on Quiche"]
    assert not [e for e in eqs if e.kind in ("separating", "semi-separating")]
    beer = next(e for e in eqs if e.label == "pooling on Beer")
    quiche = next(e for e in eqs if e.label == "pooling on Quiche")
    assert beer.intuitive is True and quiche.intuitive is False
    assert dict(beer.receiver) == {"Beer": "Flee", "Quiche": "Duel"}
    assert dict(beer.type_payoffs) == {"Strong": 3, "Weak": 2}
    assert dict(beer.beliefs["Beer"]) == {"Strong": R(9, 10), "Weak": R(1, 10)}
    assert beer.off_path == ("Quiche",)
    mu = beer.belief_symbols["Quiche"]["Weak"]
    off = beer.beliefs["Quiche"]
    assert off.subs(mu, R(1, 2)) is sympy.true and off.subs(mu, R(49, 100)) is sympy.false
    assert beer.condition is True
    assert "pooling on Beer" in str(beer) and r"\text{" in to_latex(eqs)


def test_beer_quiche_pooling_condition_on_the_prior():
    # By hand: each pooling equilibrium needs Flee to be a best response to the prior after the pooled
    # message: -(1 - p) + p <= 0, i.e. p <= 1/2 (p = P(Weak)).  Off the path the receiver duels with
    # mu(Weak) >= 1/2, which always exists, and deters the deviation of both types.
    p = sympy.Symbol("p", nonnegative=True)
    eqs = perfect_bayesian_equilibria(beer_quiche(p))
    beer = next(e for e in eqs if e.label == "pooling on Beer")
    for value in (0, R(1, 10), R(1, 2)):
        assert beer.condition.subs(p, value) is sympy.true
    for value in (R(51, 100), R(9, 10), 1):
        assert beer.condition.subs(p, value) is sympy.false
    assert sympy.simplify(beer.condition.lhs - beer.condition.rhs - (1 - 2 * p)) == 0  # written 1 >= 2*p
    assert beer.intuitive is True
    # equilibrium_conditions dispatches to the same solver
    assert [e.label for e in equilibrium_conditions(beer_quiche(p))] == [e.label for e in eqs]


def test_beer_quiche_semi_separating_when_weak_is_likely():
    # P(Weak) = 7/10 > 1/2: no pooling.  By hand: Strong plays Beer, Weak mixes; after Quiche the receiver
    # knows Weak and duels.  After Beer the receiver must be indifferent: mu(Weak | Beer) = 1/2, so
    # (7/10) sigma / (3/10 + (7/10) sigma) = 1/2, sigma = 3/7.  Weak indifferent between Quiche (1 + 0)
    # and Beer (0 + 2 (1 - rho)): rho = P(Duel | Beer) = 1/2.  Strong: Beer gives 1 + 2 * 1/2 = 2 > 0.
    eqs = perfect_bayesian_equilibria(beer_quiche(R(7, 10)))
    assert [e.kind for e in eqs] == ["semi-separating"]
    e = eqs[0]
    assert e.sender["Strong"] == "Beer"
    assert dict(e.sender["Weak"]) == {"Beer": R(3, 7), "Quiche": R(4, 7)}
    assert dict(e.receiver["Beer"]) == {"Duel": R(1, 2), "Flee": R(1, 2)}
    assert e.receiver["Quiche"] == "Duel"
    assert dict(e.type_payoffs) == {"Strong": 2, "Weak": 1}


def job_market(q, c_high, c_low):
    """Spence (1973) with two types: productivity 2 (H, prior q) or 1 (L); education costs c_H < c_L.

    Wages Low = 1, Pool = 1 + q (the prior mean), High = 2; the firm's payoff is minus the squared
    gap between wage and productivity, so it pays the expected productivity its belief gives.
    """
    wages = {"Low": 1, "Pool": 1 + q, "High": 2}
    product = {"H": 2, "L": 1}
    cost = {"H": c_high, "L": c_low}
    pays = {(t, m, r): (wages[r] - (cost[t] if m == "Educate" else 0), -(wages[r] - product[t]) ** 2)
            for t in "HL" for m in ("Educate", "Not") for r in wages}
    return SignalingGame({"H": q, "L": 1 - q}, ("Educate", "Not"), tuple(wages), pays, players=("Worker", "Firm"))


GRID = [(q, ch, cl) for q in (R(1, 4), R(3, 4))
        for ch, cl in itertools.combinations((0, R(1, 4), R(1, 2), 1, R(3, 2), 3), 2)]


@pytest.mark.parametrize("q, c_high, c_low", GRID, ids=[f"q={q},cH={a},cL={b}" for q, a, b in GRID])
def test_job_market_separating_and_pooling_ranges(q, c_high, c_low):
    # By hand (Gibbons 1992, section 4.2.B, with two types):
    # * separating (H educates, L not): wages 2 and 1; L must not mimic, 1 >= 2 - c_L, and H must not
    #   drop education, 2 - c_H >= 1: exists iff c_H <= 1 <= c_L.  The reverse separation never is one.
    # * pooling on Educate: wage 1 + q after Educate, Low after Not (belief L); L stays iff
    #   1 + q - c_L >= 1, i.e. c_L <= q (then c_H <= q too).
    # * pooling on Not: wage 1 + q, Low after Educate; nobody gains from a costly signal: always.
    eqs = perfect_bayesian_equilibria(job_market(q, c_high, c_low))
    pure = {(e.kind, tuple(e.sender.values())) for e in eqs if e.kind != "semi-separating"}
    assert (("separating", ("Educate", "Not")) in pure) == (c_high <= 1 <= c_low)
    assert ("separating", ("Not", "Educate")) not in pure
    assert (("pooling", ("Educate", "Educate")) in pure) == (c_low <= q)
    assert ("pooling", ("Not", "Not")) in pure
    sep = [e for e in eqs if e.kind == "separating"]
    for e in sep:
        assert dict(e.receiver) == {"Educate": "High", "Not": "Low"}
        assert dict(e.type_payoffs) == {"H": 2 - c_high, "L": 1}


def test_job_market_intuitive_criterion_kills_pooling():
    # q = 1/2, c_H = 1/4, c_L = 3/2.  Pooling on Not pays both types 3/2.  After Educate, L can get at most
    # 2 - 3/2 = 1/2 < 3/2 (dominated); H up to 2 - 1/4 = 7/4 > 3/2.  Beliefs on {H} give the High wage,
    # and H gets 7/4 > 3/2: every pooling equilibrium fails, the separating one survives (no off-path message).
    eqs = perfect_bayesian_equilibria(job_market(R(1, 2), R(1, 4), R(3, 2)))
    assert all(e.intuitive is False for e in eqs if e.kind == "pooling")
    assert [e.intuitive for e in eqs if e.kind == "separating"] == [True]


def test_an_off_path_mixture_is_the_only_deterrent():
    # Both types pool on a (payoff 1 whatever the answer).  After the off-path b, x pays t1 0 and t2 2,
    # y pays t1 2 and t2 0; the receiver gets 1 for x against t1 and for y against t2.  No pure answer to b
    # deters both types, but P(x) = rho does when 2 (1 - rho) <= 1 (t1) and 2 rho <= 1 (t2): rho = 1/2 only,
    # and the receiver mixes only if indifferent, at mu(t2 | b) = 1/2.  On the path either answer is a best
    # response (the receiver gets 0 after a): two equilibria.
    pays = {(t, "a", r): (1, 0) for t in ("t1", "t2") for r in "xy"}
    pays.update({("t1", "b", "x"): (0, 1), ("t1", "b", "y"): (2, 0), ("t2", "b", "x"): (2, 0), ("t2", "b", "y"): (0, 1)})
    eqs = perfect_bayesian_equilibria(SignalingGame({"t1": R(1, 2), "t2": R(1, 2)}, ("a", "b"), ("x", "y"), pays))
    assert len(eqs) == 2 and {e.receiver["a"] for e in eqs} == {"x", "y"}
    for e in eqs:
        assert e.kind == "pooling" and dict(e.receiver["b"]) == {"x": R(1, 2), "y": R(1, 2)}
        assert e.mixing["b"] == (R(1, 2), R(1, 2))
        mu = e.belief_symbols["b"]["t2"]
        assert e.beliefs["b"].subs(mu, R(1, 2)) is sympy.true and e.beliefs["b"].subs(mu, R(3, 5)) is sympy.false
        assert e.intuitive is True


def test_job_market_symbolic_costs():
    # q = 1/2, costs symbolic.  The hand-derived ranges of test_job_market_separating_and_pooling_ranges, as the
    # conditions themselves; and the semi-separating one: after Educate the firm is indifferent between the
    # Pool wage 3/2 and the High wage 2 when 1 + mu = 7/4 (mu = P(H | Educate) = 3/4), so L educates with
    # sigma = 1/3 ((1/2) / (1/2 + sigma/2) = 3/4); L indifferent: rho (3/2 - c_L) + (1 - rho)(2 - c_L) = 1,
    # rho = P(Pool | Educate) = 2 - 2 c_L, in (0, 1) iff 1/2 < c_L < 1; H educates iff 1 + c_L - c_H >= 1.
    c_high, c_low = sympy.symbols("c_H c_L", nonnegative=True)
    eqs = perfect_bayesian_equilibria(job_market(R(1, 2), c_high, c_low))
    sep = [e for e in eqs if e.kind == "separating"]
    assert len(sep) == 1 and set(sep[0].condition.args) == {sympy.Ge(1, c_high), sympy.Ge(c_low, 1)}
    pool = [e for e in eqs if e.label == "pooling on Educate" and e.receiver["Not"] == "Low"]
    assert len(pool) == 1 and set(pool[0].condition.args) == {sympy.Ge(1, 2 * c_high), sympy.Ge(1, 2 * c_low)}
    semi = [e for e in eqs if e.kind == "semi-separating" and e.sender["H"] == "Educate"]
    assert len(semi) == 1
    assert dict(semi[0].sender["L"]) == {"Educate": R(1, 3), "Not": R(2, 3)}
    assert dict(semi[0].receiver["Educate"]) == {"Pool": 2 - 2 * c_low, "High": 2 * c_low - 1}
    cond = semi[0].condition
    assert cond.subs({c_low: R(3, 4), c_high: R(1, 4)}) is sympy.true
    assert cond.subs({c_low: R(3, 4), c_high: R(4, 5)}) is sympy.false
    assert cond.subs({c_low: R(1, 2), c_high: 0}) is sympy.false


def test_the_definition_check_rejects_a_broken_equilibrium():
    game = beer_quiche(R(1, 10))
    beer = next(e for e in perfect_bayesian_equilibria(game) if e.label == "pooling on Beer")
    assert is_perfect_bayesian_equilibrium(game, beer)
    # no duel after Quiche: Weak gains (3 > 2) by eating quiche
    no_threat = dataclasses.replace(beer, receiver=FrozenMapping({"Beer": "Flee", "Quiche": "Flee"}))
    assert not is_perfect_bayesian_equilibrium(game, no_threat)
    # beliefs that are not Bayes' rule on the path
    wrong = dataclasses.replace(beer, beliefs=FrozenMapping({"Beer": FrozenMapping({"Strong": R(1, 2), "Weak": R(1, 2)}),
                                                             "Quiche": beer.beliefs["Quiche"]}))
    assert not is_perfect_bayesian_equilibrium(game, wrong)
    # an off-path belief set that does not support Duel (mu(Weak | Quiche) <= 1/3)
    mu = beer.belief_symbols["Quiche"]["Weak"]
    unsupported = dataclasses.replace(beer, beliefs=FrozenMapping({"Beer": beer.beliefs["Beer"],
                                                                   "Quiche": sympy.Le(mu, R(1, 3))}))
    assert not is_perfect_bayesian_equilibrium(game, unsupported)
