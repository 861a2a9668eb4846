"""The race to the precipice (Armstrong, Bostrom and Shulman 2016): equilibria and disaster probabilities.

The paper's model (as its abstract and secondary summaries state it): n teams, capabilities c_i ~ U[0, mu],
safety s_i in [0, 1], the highest c_i - s_i wins, the winner's AI is safe with probability s_i; utility 1 for an own safe AI, 1 - e for a
rival's, 0 for a disaster.  The closed forms below are derived by hand in the comments (the three
information cases); each is also checked independently of sympy: by Monte Carlo draws of the capabilities
(disaster probabilities) and by numeric best-response checks of the equilibrium strategies.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

import games
import solvers
from solvers import continuous_equilibria, deviation_gains, race_equilibrium

E, MU, N = (games.essay.symbol(k) for k in ("race_enmity", "capability_spread", "race_teams"))


def hand_disaster(info: str, n: int, e: Fraction, mu: Fraction) -> Fraction:
    """The disaster probabilities derived by hand (module docstring of solvers.continuous.precipice)."""
    if info == "none":
        # FOC 1/n - e s / mu = 0: s = mu / (n e), capped at 1; every team plays s, so D = 1 - s
        return 1 - min(Fraction(1), mu / (n * e))
    if info == "private":
        # s(c) = c / K, K = 1 + (n - 1) e (cap 1); winner = max capability, density n c^(n-1) / mu^n
        k = 1 + (n - 1) * e
        return 1 - Fraction(n) * mu / ((n + 1) * k) if mu <= k else k**n / ((n + 1) * mu**n)
    # public: leader's s = min(1, Delta / e); gap of the top two ~ mu Beta(1, n)
    if mu <= e:
        return 1 - mu / ((n + 1) * e)
    return 1 - (mu ** (n + 1) - (mu - e) ** (n + 1)) / ((n + 1) * e * mu**n)


CASES = [(info, n, e, mu) for info in ("none", "private", "public") for n in (2, 5)
         for e in (Fraction(1), Fraction(1, 2)) for mu in (Fraction(1, 2), Fraction(1), Fraction(2), Fraction(4))]


@pytest.fixture(scope="module")
def solved():
    return {(i, n): race_equilibrium(i, n=n) for i in ("none", "private", "public") for n in (2, 5)}


@pytest.mark.parametrize(("info", "n", "e", "mu"), CASES, ids=[f"{i}-n{n}-e{e}-mu{m}" for i, n, e, m in CASES])
def test_disaster_probability_matches_the_hand_derivation(solved, info, n, e, mu):
    value = solved[(info, n)].disaster_at({"race_enmity": e, "capability_spread": mu})
    assert sympy.nsimplify(value) == sympy.Rational(hand_disaster(info, n, e, mu).numerator,
                                                    hand_disaster(info, n, e, mu).denominator)


def simulate(info: str, n: int, e: float, mu: float, draws: int = 200_000, seed: int = 7) -> tuple[float, float]:
    """Monte Carlo disaster probability under the equilibrium strategies (mean, standard error)."""
    rng = np.random.default_rng(seed)
    c = rng.uniform(0, mu, size=(draws, n))
    if info == "none":
        s = np.full_like(c, min(1.0, mu / (n * e)))
    elif info == "private":
        s = np.minimum(1.0, c / (1 + (n - 1) * e))
    else:
        top = np.sort(c, axis=1)
        gap = top[:, -1] - top[:, -2]
        s = np.ones_like(c)
        s[np.arange(draws), np.argmax(c, axis=1)] = np.minimum(1.0, gap / e)
    winner = np.argmax(c - s, axis=1)
    disaster = 1 - s[np.arange(draws), winner]
    return float(disaster.mean()), float(disaster.std() / np.sqrt(draws))


@pytest.mark.parametrize(("info", "n", "e", "mu"), [("none", 2, 1.0, 1.0), ("private", 2, 0.5, 2.0),
                                                    ("private", 5, 1.0, 1.0), ("public", 2, 1.0, 1.5),
                                                    ("public", 5, 0.5, 4.0)])
def test_disaster_probability_against_monte_carlo(solved, info, n, e, mu):
    mean, se = simulate(info, n, e, mu)
    exact = float(solved[(info, n)].disaster_at({"race_enmity": e, "capability_spread": mu}))
    assert abs(mean - exact) < 4 * se + 1e-12


def test_no_information_equilibrium_from_the_game_and_its_grid_check():
    # symbolic n: s* = mu / (n e) if mu < n e, else the corner s = 1 (dU/ds = 1/n - e/mu >= 0 there)
    records = continuous_equilibria(games.build("precipice_race"))
    values = {r.values[0]: r.condition for r in records}
    assert sympy.simplify(list(values)[0] - MU / (N * E)) == 0 and 1 in values
    assert values[1] == (MU >= E * N)
    for n, e, mu, s in ((2, 1, 1, 0.5), (5, 1, 1, 0.2), (2, sympy.Rational(1, 2), 2, 1.0)):
        g = games.build("precipice_race", n=n).subs({"race_enmity": e, "capability_spread": mu})
        (r,) = continuous_equilibria(g)
        assert float(r.values[0]) == pytest.approx(s)
        assert max(deviation_gains(g, r.values, points=4001)) <= 1e-12


def private_payoff(c: float, s: float, n: int, e: float, mu: float, grid: int = 20001) -> float:
    """A team of capability c playing s while rivals play s(x) = min(1, x / K): expected utility, numerically."""
    k = 1 + (n - 1) * e
    x = np.linspace(0, mu, grid)
    rival_s = np.minimum(1.0, x / k)
    score = x - rival_s                      # increasing in x
    mine = c - s
    # P(win) = P(every rival's score < mine) = F(x*)^(n-1), x* where the rival's score equals mine
    beat = np.interp(mine, score, x, left=0.0, right=mu) / mu
    p_win = beat ** (n - 1)
    # a rival wins safely: the best rival has capability X (density (n-1) X^(n-2) / mu^(n-1)) above x*
    dens = (n - 1) * x ** (n - 2) / mu ** (n - 1)
    rival_wins = np.where(score > mine, rival_s * dens, 0.0)
    return float(p_win * s + (1 - e) * np.trapezoid(rival_wins, x))


@pytest.mark.parametrize(("n", "e", "mu"), [(2, 1.0, 1.0), (2, 0.5, 3.0), (5, 1.0, 2.0)])
def test_private_information_strategy_is_a_best_response(n, e, mu):
    k = 1 + (n - 1) * e
    for c in np.linspace(0.1, mu, 5):
        eq = min(1.0, c / k)
        at_eq = private_payoff(c, eq, n, e, mu)
        best = max(private_payoff(c, s, n, e, mu) for s in np.linspace(0, 1, 401))
        assert best <= at_eq + 2e-4, (c, eq)
    # the solver's rule is that strategy
    rule = race_equilibrium("private", n=n).safety.subs(E, e)
    assert float(rule.subs(sympy.Symbol("c", positive=True), 0.3)) == pytest.approx(min(1.0, 0.3 / k))


def test_public_information_leader_leaves_the_runner_up_no_gain():
    # gap Delta, leader at s = Delta / e: the runner-up wins only below s - Delta, getting at most
    # s - Delta = (1 - e) s, what it gets by losing
    r = race_equilibrium("public", n=2)
    for e, gap in ((1.0, 0.3), (0.5, 0.2), (0.25, 0.1)):
        s = float(r.safety.subs({E: e, sympy.Symbol("Delta", positive=True): gap}))
        assert s == pytest.approx(min(1.0, gap / e))
        assert s - gap == pytest.approx((1 - e) * s)


def test_headline_results():
    """The paper's abstract: more teams and more enmity raise the danger; more information raises it too."""
    d = {i: race_equilibrium(i, n=None) for i in ("none", "private", "public")}

    def at(i, n, e, mu):
        return float(d[i].disaster_at({"race_teams": n, "race_enmity": e, "capability_spread": mu}))

    for info in d:
        # more teams (e = 1), more enmity (n = 2): higher disaster probability
        assert at(info, 5, 1, 1) > at(info, 2, 1, 1)
        assert at(info, 2, 1, 1) > at(info, 2, 0.5, 1)
        # "especially if risk-taking is more important than skill": smaller mu, more danger
        assert at(info, 2, 1, 0.5) > at(info, 2, 1, 2)
    # information: private is more dangerous than none, everywhere we look
    for n in (2, 5):
        for e in (1, 0.5):
            for mu in (0.5, 1, 2, 4):
                assert at("private", n, e, mu) >= at("none", n, e, mu)
    # public is more dangerous than private with full enmity once capability matters (mu > 1), equal below
    assert at("public", 2, 1, 1.5) > at("private", 2, 1, 1.5)
    assert at("public", 2, 1, 0.5) == pytest.approx(at("private", 2, 1, 0.5))
    # ... but not with low enmity and small mu (e = 1/2, mu = 1/2): the paper's claim is not universal
    assert at("public", 2, 0.5, 0.5) < at("private", 2, 0.5, 0.5)


def test_bad_information_case_and_teams():
    with pytest.raises(games.GameError, match="unknown information case 'secret'"):
        race_equilibrium("secret")
    with pytest.raises(games.GameError, match="n=1"):
        race_equilibrium("none", n=1)


def test_no_information_closed_form_against_the_numeric_fallback_on_the_explicit_game():
    # the same two-team race written player by player (not in the symmetric form), solved by the numeric
    # fallback (best-response iteration on a grid, no first-order condition): it must find s = mu / (2 e)
    from games.races import win_probability

    s1, s2 = sympy.symbols("s1 s2", nonnegative=True)
    e, mu = sympy.Rational(1), sympy.Rational(1)
    p1 = win_probability(s1 - s2, 2, mu)
    p2 = win_probability(s2 - s1, 2, mu)
    g = games.ContinuousGame(("Team 1", "Team 2"), ((s1, 0, 1), (s2, 0, 1)),
                             (p1 * s1 + (1 - p1) * (1 - e) * s2, p2 * s2 + (1 - p2) * (1 - e) * s1))
    found = solvers.numeric_equilibria(g, seed=3)
    assert [tuple(round(float(v), 5) for v in r.values) for r in found] == [(0.5, 0.5)]


def test_public_information_profile_passes_the_grid_check_of_the_two_team_game():
    # capabilities known: c1 = 7/10 leads c2 = 4/10 by Delta = 3/10; e = 1/2.  Ties go to the leader.
    # Equilibrium (hand): leader s = Delta / e = 3/5, runner-up at the tie s = 3/5 - 3/10 = 3/10.
    sl, sr = sympy.symbols("sl sr", nonnegative=True)
    c1, c2, e = sympy.Rational(7, 10), sympy.Rational(4, 10), sympy.Rational(1, 2)
    leader_wins = c1 - sl >= c2 - sr
    g = games.ContinuousGame(("Leader", "Runner-up"), ((sl, 0, 1), (sr, 0, 1)),
                             (sympy.Piecewise((sl, leader_wins), ((1 - e) * sr, True)),
                              sympy.Piecewise(((1 - e) * sl, leader_wins), (sr, True))))
    assert max(deviation_gains(g, (0.6, 0.3), points=4001)) <= 1e-9
    # a leader that is safer than Delta / e invites the runner-up to undercut: at s = 4/5 the runner-up
    # wins with just under 4/5 - 3/10 = 1/2 instead of (1 - e) 4/5 = 2/5
    assert deviation_gains(g, (0.8, 0.5), points=4001)[1] == pytest.approx(0.1, abs=1e-3)
