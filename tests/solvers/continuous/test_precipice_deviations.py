"""No team gains by deviating from the race-to-the-precipice equilibria (checks independent of the closed forms).

Each check computes a deviating team's expected utility straight from the model of Armstrong, Bostrom and
Shulman (2016): capabilities c_i ~ U[0, mu], the highest c_i - s_i builds the AI, safe with the
builder's s_i; utility 1 for an own safe AI, 1 - e for a rival's, 0 for a disaster.  None of them uses
``games.races.win_probability`` or the sympy derivations of ``solvers.continuous.precipice``:

* no information: the deviant's win probability by numerical quadrature over its own capability;
* private information: Monte Carlo draws of the rivals' capabilities (n = 3, a size the other tests skip);
* public information: the game with every capability known, written out player by player for three teams
  and checked on a grid by ``deviation_gains``.

The public-information case has a continuum of equilibria; the last tests show it, and what it does to the
comparison of public with private information (the paper's "the more teams know ..., the more the danger
increases").
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
import sympy

import games
from solvers import deviation_gains, race_equilibrium as _race_equilibrium

E, MU = games.essay.symbol("race_enmity"), games.essay.symbol("capability_spread")
GAP = sympy.Symbol("Delta", positive=True)


@cache
def race_equilibrium(information: str, *, n: int):
    """The solver's closed forms, each derived once for the module."""
    return _race_equilibrium(information, n=n)


def no_information_payoff(s: np.ndarray, t: float, n: int, e: float, mu: float, grid: int = 20001) -> np.ndarray:
    """A team at safety s against n - 1 rivals at t, nobody knowing any capability: expected utility.

    It wins when every rival's capability is below c - s + t (its own capability c uniform on [0, mu]):
    P(win) = (1/mu) int_0^mu F(c - s + t)^(n-1) dc with F(x) = clip(x / mu, 0, 1); a rival that wins is
    safe with probability t.
    """
    c = np.linspace(0.0, mu, grid)
    inner = np.clip((c[None, :] - s[:, None] + t) / mu, 0.0, 1.0) ** (n - 1)
    p_win = np.trapezoid(inner, c, axis=1) / mu
    return p_win * s + (1 - p_win) * (1 - e) * t


@pytest.mark.parametrize(("n", "e", "mu"), [(3, 1.0, 1.0), (2, 0.5, 0.5), (4, 0.75, 2.0), (3, 0.5, 0.4),
                                            (2, 0.5, 2.0)])
def test_no_information_safety_is_a_best_response(n, e, mu):
    star = min(1.0, mu / (n * e))               # the closed form s* = min(1, mu / (n e))
    grid = np.linspace(0.0, 1.0, 1001)
    payoff = no_information_payoff(grid, star, n, e, mu)
    at_star = float(no_information_payoff(np.array([star]), star, n, e, mu)[0])
    assert payoff.max() <= at_star + 1e-7
    assert abs(grid[payoff.argmax()] - star) <= 2e-3
    # and a team that does not deviate gets it: P(win) = 1/n at the symmetric profile
    assert at_star == pytest.approx(star / n + (1 - 1 / n) * (1 - e) * star, abs=1e-7)


def private_payoffs(c: float, grid: np.ndarray, n: int, e: float, mu: float, draws: int = 400_000,
                    seed: int = 11) -> tuple[np.ndarray, np.ndarray]:
    """Monte Carlo utility of a team of capability c at each safety in ``grid``; rivals play min(1, x / K).

    Returns the means and their standard errors; the same draws serve every safety level, so differences
    between levels are much less noisy than the levels.
    """
    k = 1 + (n - 1) * e
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, mu, size=(draws, n - 1))
    s_rival = np.minimum(1.0, x / k)
    score = x - s_rival
    best = score.argmax(axis=1)
    best_score = score[np.arange(draws), best]
    best_safety = s_rival[np.arange(draws), best]
    wins = (c - grid[:, None]) > best_score[None, :]
    u = np.where(wins, grid[:, None], (1 - e) * best_safety[None, :])
    return u.mean(axis=1), u.std(axis=1) / np.sqrt(draws)


@pytest.mark.parametrize(("e", "mu"), [(1.0, 1.0), (0.5, 0.5), (0.5, 3.0)])
def test_private_information_rule_is_a_best_response_for_three_teams(e, mu):
    n = 3
    k = 1 + (n - 1) * e                          # s(c) = min(1, c / (1 + (n - 1) e))
    for c in np.linspace(0.15, mu, 4) * 0.97:
        eq = min(1.0, c / k)
        grid = np.unique(np.concatenate([np.linspace(0.0, 1.0, 201), [eq]]))
        means, _ = private_payoffs(float(c), grid, n, e, mu)
        at_eq = means[np.searchsorted(grid, eq)]
        # no safety level does better than the rule, beyond Monte Carlo noise of the differences
        assert means.max() <= at_eq + 5e-4, (c, eq, grid[means.argmax()])
        assert abs(grid[means.argmax()] - eq) <= 0.02
        # and safety far from the rule is clearly worse (the check can fail)
        far = grid[np.abs(grid - eq) >= 0.3]
        if far.size:
            assert means[np.isin(grid, far)].max() < at_eq


def public_game(capabilities: tuple[sympy.Rational, ...], e: sympy.Rational) -> games.ContinuousGame:
    """Every capability known: the highest c_i - s_i wins, ties to the more capable team (listed first)."""
    n = len(capabilities)
    s = sympy.symbols(f"s1:{n + 1}", nonnegative=True)
    score = [c - si for c, si in zip(capabilities, s)]

    def outcome(me: int, champion: int, rest: tuple[int, ...]) -> sympy.Expr:
        # the teams compared so far are led by ``champion``; compare it with the next one (nested, so
        # that every condition is one inequality)
        if not rest:
            return s[champion] if champion == me else (1 - e) * s[champion]
        j = rest[0]
        return sympy.Piecewise((outcome(me, champion, rest[1:]), score[champion] >= score[j]),
                               (outcome(me, j, rest[1:]), True))

    payoffs = tuple(outcome(me, 0, tuple(range(1, n))) for me in range(n))
    return games.ContinuousGame(tuple(f"Team {i + 1}" for i in range(n)), tuple((si, 0, 1) for si in s), payoffs)


@pytest.mark.parametrize(("e", "caps"), [
    (sympy.Rational(1, 2), (sympy.Rational(9, 10), sympy.Rational(7, 10), sympy.Rational(3, 10))),
    (sympy.Rational(1), (sympy.Rational(8, 10), sympy.Rational(5, 10), sympy.Rational(4, 10))),
    (sympy.Rational(1, 4), (sympy.Rational(9, 10), sympy.Rational(5, 10), sympy.Rational(2, 10))),
])
def test_public_information_profile_passes_the_grid_check_for_three_teams(e, caps):
    # hand: the leader plays s1 = min(1, Delta / e), Delta = c1 - c2; the runner-up sits at the tie s1 - Delta
    # (undercutting wins it less than s1 - Delta <= (1 - e) s1, its utility from the leader's safe AI); the
    # third team, further behind, would have to undercut to below s1 - (c1 - c3), so any losing safety is a
    # best response: it also sits at its tie.
    gap = float(caps[0] - caps[1])
    s1 = min(1.0, gap / float(e))
    profile = (s1, s1 - gap, s1 - float(caps[0] - caps[2]))
    profile = tuple(max(0.0, v) for v in profile)
    g = public_game(caps, e)
    assert max(deviation_gains(g, profile, points=2001)) <= 1e-9
    # the solver's rule gives the same leader safety
    rule = race_equilibrium("public", n=3).safety.subs({E: e, GAP: caps[0] - caps[1]})
    assert float(rule) == pytest.approx(s1)
    # a leader a little safer than Delta / e invites the runner-up to undercut (unless safety is capped at 1)
    if s1 < 1:
        up = min(1.0, s1 + 0.1)
        gains = deviation_gains(g, (up, up - gap, max(0.0, up - float(caps[0] - caps[2]))), points=2001)
        assert gains[1] == pytest.approx(e * up - gap, abs=2e-3)     # wins (up - gap) instead of (1 - e) up


def test_public_information_has_a_continuum_of_equilibria_between_delta_and_delta_over_e():
    # two teams, c1 = 7/10, c2 = 4/10, Delta = 3/10, e = 1/2.  Hand: (s1, s1 - Delta) is an equilibrium for
    # every s1 in [Delta, min(1, Delta / e)] = [3/10, 3/5]: the leader cannot be safer without losing to the
    # runner-up's s1 - Delta (it would get (1 - e)(s1 - Delta) < s1), and the runner-up gains nothing by
    # undercutting while s1 - Delta <= (1 - e) s1.  race_equilibrium picks the top of the range, the leader's
    # favourite and the safest; the bottom, (Delta, 0), is the runner-up going all in.
    caps, e, gap = (sympy.Rational(7, 10), sympy.Rational(4, 10)), sympy.Rational(1, 2), 0.3
    g = public_game(caps, e)
    for s1 in (0.3, 0.4, 0.5, 0.6):
        assert max(deviation_gains(g, (s1, s1 - gap), points=4001)) <= 1e-9, s1
    assert deviation_gains(g, (0.7, 0.4), points=4001)[1] > 0.04          # above Delta / e: undercut pays
    assert deviation_gains(g, (0.2, 0.0), points=4001)[0] > 0.09          # below Delta: the leader can be safer


def least_safe_public_disaster(n: int, mu: float) -> float:
    """Public information, the least safe equilibrium (leader at min(1, Delta)): 1 - E[min(1, Delta)].

    The gap of the top two of n uniform draws on [0, mu] has density n (mu - x)^(n-1) / mu^n, so
    E[Delta] = mu / (n + 1) for mu <= 1; above, E[min(1, Delta)] = (mu^(n+1) - (mu - 1)^(n+1)) / ((n+1) mu^n)
    (the safest equilibrium's formula at e = 1: the enmity drops out).
    """
    if mu <= 1:
        return 1 - mu / (n + 1)
    return 1 - (mu ** (n + 1) - (mu - 1) ** (n + 1)) / ((n + 1) * mu**n)


@pytest.mark.parametrize(("n", "mu"), [(2, 0.5), (2, 2.0), (5, 1.0)])
def test_least_safe_public_equilibrium_disaster_against_monte_carlo(n, mu):
    rng = np.random.default_rng(5)
    c = np.sort(rng.uniform(0.0, mu, size=(400_000, n)), axis=1)
    d = 1 - np.minimum(1.0, c[:, -1] - c[:, -2])
    assert abs(d.mean() - least_safe_public_disaster(n, mu)) < 4 * d.std() / np.sqrt(d.size)
    # the least safe equilibrium is the safest one at e = 1 (the range [Delta, Delta / e] is one point)
    safest = race_equilibrium("public", n=n).disaster_at({"race_enmity": 1, "capability_spread": mu})
    assert float(safest) == pytest.approx(least_safe_public_disaster(n, mu))


def test_which_public_equilibrium_decides_whether_public_information_is_more_dangerous_than_private():
    # n = 2, e = 1/2, mu = 1/2.  Private (K = 1 + (n-1) e = 3/2): D = 1 - n mu / ((n+1) K) = 1 - 1/(3 * 3/2)
    # = 7/9.  Public, safest equilibrium: 1 - mu / ((n+1) e) = 2/3.  Public, least safe: 1 - mu/(n+1) = 5/6.
    # For mu <= 1 the least safe one exceeds private exactly when K < n, i.e. e < 1: with that selection
    # the paper's headline ("more information, more danger") holds from private to public as well.
    at = {"race_enmity": sympy.Rational(1, 2), "capability_spread": sympy.Rational(1, 2)}
    private = race_equilibrium("private", n=2).disaster_at(at)
    public = race_equilibrium("public", n=2).disaster_at(at)
    assert (sympy.nsimplify(private), sympy.nsimplify(public)) == (sympy.Rational(7, 9), sympy.Rational(2, 3))
    assert least_safe_public_disaster(2, 0.5) == pytest.approx(5 / 6)
    assert float(public) < float(private) < least_safe_public_disaster(2, 0.5)
    for n in (2, 5):
        for e in (0.25, 0.5, 0.75):
            for mu in (0.25, 0.5, 1.0):
                at = {"race_enmity": e, "capability_spread": mu}
                p = float(race_equilibrium("private", n=n).disaster_at(at))
                assert least_safe_public_disaster(n, mu) > p
                # hand: for mu <= e the safest public equilibrium has 1 - mu/((n+1) e) against private's
                # 1 - n mu/((n+1) K), smaller exactly when K = 1 + (n-1) e > n e, i.e. e < 1
                if mu <= e:
                    assert float(race_equilibrium("public", n=n).disaster_at(at)) < p
