"""Tests of solvers.dynamics.fixation against closed forms and brute-force Markov chains.

References for the closed forms: Nowak (2006) Evolutionary Dynamics, eq. 6.2
(Moran, constant fitness r); Traulsen, Nowak & Pacheco (2006) PRE 74 011909
(Fermi process: rho_A / rho_B = exp(beta/2 [(N-2)(a-d) + N(b-c)])).
"""

from __future__ import annotations

import itertools
import math

import mpmath
import numpy as np
import pytest
import sympy

from games import (
    AligngamesError,
    Game,
    GameError,
    ParameterError,
    SizeLimitError,
    SymbolicError,
    SymmetricGame,
    UnknownNameError,
)
from solvers import finite_population_gradient, fixation_probability, population_payoffs

# --------------------------------------------------------------------------
# independent brute-force machinery
# --------------------------------------------------------------------------


def absorption_probability(t_plus: list[float], t_minus: list[float]) -> float:
    """Probability of absorbing in state Z from state 1, by solving the chain's linear system.

    ``t_plus[j]``, ``t_minus[j]`` for ``j = 0..Z`` (ends unused).  This is the
    generic first-step analysis, not the product formula.
    """
    z = len(t_plus) - 1
    M = np.zeros((z + 1, z + 1))
    rhs = np.zeros(z + 1)
    M[0, 0] = 1.0
    M[z, z] = 1.0
    rhs[z] = 1.0
    for j in range(1, z):
        M[j, j] = t_plus[j] + t_minus[j]
        M[j, j + 1] = -t_plus[j]
        M[j, j - 1] = -t_minus[j]
    return float(np.linalg.solve(M, rhs)[1])


def brute_payoffs_two_player(A, z, m, r):
    """Payoffs by averaging over every co-player explicitly (population listed individual by individual)."""
    out_m, out_r = [], []
    for j in range(1, z):
        pop = [m] * j + [r] * (z - j)
        focal_m = 0  # an individual of the mutant type
        focal_r = z - 1  # an individual of the resident type
        out_m.append(np.mean([A[pop[focal_m]][pop[o]] for o in range(z) if o != focal_m]))
        out_r.append(np.mean([A[pop[focal_r]][pop[o]] for o in range(z) if o != focal_r]))
    return np.array(out_m), np.array(out_r)


def brute_payoffs_nplayer(game: SymmetricGame, z: int, mutant: int):
    """Average payoff over every (n-1)-subset of the other individuals, enumerated."""
    n = int(game.n_players)
    resident = 1 - mutant
    P = [[float(game.payoff(s, k)) for k in range(n)] for s in range(2)]
    out_m, out_r = [], []
    for j in range(1, z):
        pop = [mutant] * j + [resident] * (z - j)
        res = []
        for focal in (0, z - 1):
            others = [pop[o] for o in range(z) if o != focal]
            vals = [P[pop[focal]][sum(1 for s in grp if s == 0)] for grp in itertools.combinations(others, n - 1)]
            res.append(np.mean(vals))
        out_m.append(res[0])
        out_r.append(res[1])
    return np.array(out_m), np.array(out_r)


def brute_fixation(pm, pr, z, rule, s):
    """Transition probabilities written from the process definitions, then absorption by linear solve."""
    tp, tm = [0.0] * (z + 1), [0.0] * (z + 1)
    for j in range(1, z):
        a, b = pm[j - 1], pr[j - 1]
        if rule == "fermi":
            # a random resident compares with a random mutant, imitates with Fermi probability, and vice versa
            tp[j] = (j / z) * ((z - j) / z) / (1 + math.exp(-s * (a - b)))
            tm[j] = (j / z) * ((z - j) / z) / (1 + math.exp(s * (a - b)))
        else:
            fa, fb = 1 - s + s * a, 1 - s + s * b
            total = j * fa + (z - j) * fb
            tp[j] = (j * fa / total) * ((z - j) / z)
            tm[j] = ((z - j) * fb / total) * (j / z)
    return absorption_probability(tp, tm)


def sym_game(A, names=("A", "B", "C")) -> Game:
    k = len(A)
    return Game.from_bimatrix(A, strategies=(list(names[:k]), list(names[:k])))


# --------------------------------------------------------------------------
# closed forms
# --------------------------------------------------------------------------


@pytest.mark.parametrize("r", [0.5, 0.9, 1.1, 2.0, 5.0], ids=lambda r: f"r={r}")
@pytest.mark.parametrize("z", [2, 3, 10, 100], ids=lambda z: f"Z={z}")
def test_moran_constant_fitness_matches_nowak(r, z):
    # payoff r for the mutant whoever it meets, 1 for the resident; w = 1 gives fitness r vs 1
    g = sym_game([[r, r], [1, 1]])
    expected = (1 - 1 / r) / (1 - r ** (-z))
    assert fixation_probability(g, z, selection=1.0, rule="moran") == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("z", [2, 5, 30], ids=lambda z: f"Z={z}")
def test_fermi_ratio_identity_traulsen_2006(seed, z):
    rng = np.random.default_rng(seed)
    a, b, c, d = (round(x, 3) for x in rng.uniform(-2, 2, size=4))
    beta = float(rng.uniform(0.05, 1.5))
    g = sym_game([[a, b], [c, d]])
    rho_a = fixation_probability(g, z, selection=beta, mutant=0, resident=1)
    rho_b = fixation_probability(g, z, selection=beta, mutant=1, resident=0)
    expected = math.exp(beta / 2 * ((z - 2) * (a - d) + z * (b - c)))
    assert rho_a / rho_b == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("rule", ["fermi", "moran"])
@pytest.mark.parametrize("z", [2, 7, 1000])
def test_neutral_limit_is_one_over_z(rule, z):
    g = sym_game([[3, 0], [5, 1]])
    assert fixation_probability(g, z, selection=0, rule=rule) == pytest.approx(1 / z, rel=1e-12)


def test_neutral_game_under_selection_is_one_over_z():
    # equal payoffs everywhere: selection has nothing to act on
    g = sym_game([[2, 2], [2, 2]])
    assert fixation_probability(g, 50, selection=10.0) == pytest.approx(1 / 50, rel=1e-12)
    assert fixation_probability(g, 50, selection=0.7, rule="moran") == pytest.approx(1 / 50, rel=1e-12)


@pytest.mark.parametrize("x", [-3.0, -0.2, 0.4, 4.0], ids=lambda x: f"beta*delta={x}")
def test_fermi_constant_advantage_closed_form_mpmath(x):
    # the mutant earns 1 + delta and the resident 1 whoever they meet: pi_M - pi_R = delta for every j, so
    # rho = (1 - e^{-beta delta}) / (1 - e^{-beta delta Z}); computed in 60-digit arithmetic.
    z, beta = 200, 1.0
    g = sym_game([[1 + x, 1 + x], [1, 1]])
    mpmath.mp.dps = 60
    expected = (1 - mpmath.exp(-x)) / (1 - mpmath.exp(-x * z))
    got = fixation_probability(g, z, selection=beta)
    assert got == pytest.approx(float(expected), rel=1e-9, abs=0)


def test_strong_selection_large_population_stays_finite():
    # naive products would overflow (e^{+2000}); log space gives the tiny value e^{-2000}->0 cleanly,
    # and the advantageous mutant's probability 1 - e^{-2} exactly as the closed form.
    g = sym_game([[2, 2], [0, 0]])  # pi_M - pi_R = 2 for every j
    assert fixation_probability(g, 1000, selection=1.0, mutant=1, resident=0) == 0.0
    assert fixation_probability(g, 1000, selection=1.0) == pytest.approx(1 - math.exp(-2), rel=1e-12)


# --------------------------------------------------------------------------
# brute-force Markov chains
# --------------------------------------------------------------------------


@pytest.mark.parametrize("rule,s", [("fermi", 0.3), ("fermi", 2.0), ("moran", 0.1), ("moran", 0.9)])
@pytest.mark.parametrize("pair", [(0, 1), (1, 0), (2, 0), (1, 2)], ids=str)
def test_three_strategy_game_against_markov_chain(rule, s, pair):
    A = [[3, 0, 1], [5, 1, 2], [2, 4, 0.5]]
    g = sym_game(A)
    z = 9
    m, r = pair
    pm, pr = brute_payoffs_two_player(A, z, m, r)
    got_pm, got_pr = population_payoffs(g, z, mutant=m, resident=r)
    np.testing.assert_allclose(got_pm, pm, rtol=1e-12)
    np.testing.assert_allclose(got_pr, pr, rtol=1e-12)
    expected = brute_fixation(pm, pr, z, rule, s)
    assert fixation_probability(g, z, selection=s, rule=rule, mutant=m, resident=r) == pytest.approx(expected, rel=1e-9)


def _public_goods(n: int) -> SymmetricGame:
    k = sympy.Symbol("k")
    r, c = sympy.Rational(3), 1
    # contributors pay c; the pot (contributors incl. focal) times r is shared by n
    return SymmetricGame(n, {"C": r * c * (k + 1) / n - c, "D": r * c * k / n}, count=k, name="pgg")


def _collective_risk(n: int, threshold: int) -> SymmetricGame:
    # Pacheco et al. (2009)-style threshold game: everyone keeps b unless fewer than M contribute
    k = sympy.Symbol("k")
    b, c, risk = 1, sympy.Rational(1, 10), sympy.Rational(9, 10)
    keep_c = sympy.Piecewise((b - c, k + 1 >= threshold), ((1 - risk) * b - c, True))
    keep_d = sympy.Piecewise((b, k >= threshold), ((1 - risk) * b, True))
    return SymmetricGame(n, {"C": keep_c, "D": keep_d}, count=k, name="collective risk")


@pytest.mark.parametrize(
    "game", [_public_goods(3), _public_goods(4), _collective_risk(4, 2), _collective_risk(5, 3)],
    ids=["pgg3", "pgg4", "crd4M2", "crd5M3"],
)
@pytest.mark.parametrize("mutant", [0, 1])
def test_nplayer_hypergeometric_payoffs_against_group_enumeration(game, mutant):
    z = 8
    pm, pr = brute_payoffs_nplayer(game, z, mutant)
    got_pm, got_pr = population_payoffs(game, z, mutant=mutant, resident=1 - mutant)
    np.testing.assert_allclose(got_pm, pm, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(got_pr, pr, rtol=1e-10, atol=1e-12)
    for rule, s in (("fermi", 1.5), ("moran", 0.5)):
        expected = brute_fixation(pm, pr, z, rule, s)
        got = fixation_probability(game, z, selection=s, rule=rule, mutant=mutant, resident=1 - mutant)
        assert got == pytest.approx(expected, rel=1e-9)


def test_pgg_linear_payoff_difference_closed_form():
    # Linear public goods game: E[k] = (n-1)(j-1)/(Z-1) for a cooperator, (n-1) j/(Z-1) for a
    # defector, so pi_C - pi_D = r c/n (1 - (n-1)/(Z-1)) - c for every j (hand derivation);
    # a constant difference gives the Fermi closed form rho = (1 - e^{-beta delta})/(1 - e^{-beta delta Z}).
    n, z, beta = 4, 20, 0.8
    r, c = 3, 1
    delta = -(c - r * c / n + r * c * (n - 1) / (n * (z - 1)))  # cooperator minus defector
    pm, pr = population_payoffs(_public_goods(n), z, mutant="C", resident="D")
    np.testing.assert_allclose(pm - pr, delta, rtol=1e-12)
    expected = (1 - math.exp(-beta * delta)) / (1 - math.exp(-beta * delta * z))
    assert fixation_probability(_public_goods(n), z, selection=beta, mutant="C", resident="D") == pytest.approx(
        expected, rel=1e-10
    )


def test_two_player_symmetric_game_equals_symmetric_game_with_two_players():
    k = sympy.Symbol("k")
    A = [[3, 0], [5, 1]]
    as_sym = SymmetricGame(2, {"C": 3 * k + 0 * (1 - k), "D": 5 * k + 1 * (1 - k)}, count=k)
    for rule, s in (("fermi", 0.4), ("moran", 0.05)):
        a = fixation_probability(sym_game(A), 12, selection=s, rule=rule)
        b = fixation_probability(as_sym, 12, selection=s, rule=rule)
        assert a == pytest.approx(b, rel=1e-12)
        pm, pr = brute_payoffs_two_player(A, 12, 0, 1)
        assert a == pytest.approx(brute_fixation(pm, pr, 12, rule, s), rel=1e-9)


# --------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------


def test_errors_name_the_bad_item():
    g = sym_game([[3, 0], [5, 1]])
    with pytest.raises(UnknownNameError, match="rule 'fermy'.*fermi"):
        fixation_probability(g, 10, selection=1, rule="fermy")
    with pytest.raises(ParameterError, match=r"population size 1 .*>= 2"):
        fixation_probability(g, 1, selection=1)
    with pytest.raises(ParameterError, match="whole number"):
        fixation_probability(g, 10.5, selection=1)
    with pytest.raises(ParameterError, match="beta = -1.0"):
        fixation_probability(g, 10, selection=-1)
    with pytest.raises(ParameterError, match=r"w = 1.5 \(allowed: 0 <= w <= 1\)"):
        fixation_probability(g, 10, selection=1.5, rule="moran")
    with pytest.raises(ParameterError, match="selection"):
        fixation_probability(g, 10, selection="1")
    with pytest.raises(ParameterError, match="not a finite number"):
        fixation_probability(g, 10, selection=float("nan"))
    with pytest.raises(GameError, match="both 'A'"):
        fixation_probability(g, 10, selection=1, mutant="A", resident=0)
    with pytest.raises(UnknownNameError, match="strategy 'X'"):
        fixation_probability(g, 10, selection=1, mutant="X")
    with pytest.raises(GameError, match=r"index 5 out of range \(allowed: 0..1\)"):
        fixation_probability(g, 10, selection=1, mutant=5)
    neg = sym_game([[-5, -5], [1, 1]])
    with pytest.raises(ParameterError, match="Moran fitness .* not positive"):
        fixation_probability(neg, 10, selection=0.9, rule="moran")


def test_asymmetric_symbolic_and_oversized_games_rejected():
    asym = Game.from_bimatrix([[3, 0], [5, 1]], [[3, 0], [5, 2]])
    with pytest.raises(GameError, match="not symmetric"):
        fixation_probability(asym, 10, selection=1)
    x = sympy.Symbol("x")
    with pytest.raises(SymbolicError, match="free symbols x"):
        fixation_probability(sym_game([[x, 0], [1, 1]]), 10, selection=1)
    with pytest.raises(ParameterError, match="population >= 4"):
        fixation_probability(_public_goods(4), 3, selection=1)
    three = Game.from_payoff_arrays([np.zeros((2, 2, 2))] * 3)
    with pytest.raises(GameError, match="3-player"):
        fixation_probability(three, 10, selection=1)
    with pytest.raises(AligngamesError):
        fixation_probability("pd", 10, selection=1)  # type: ignore[arg-type]


def brute_transitions(pm, pr, z, rule, s):
    """T+(j), T-(j) written from the process definitions (as in brute_fixation)."""
    tp, tm = np.zeros(z + 1), np.zeros(z + 1)
    for j in range(1, z):
        a, b = pm[j - 1], pr[j - 1]
        if rule == "fermi":
            tp[j] = (j / z) * ((z - j) / z) / (1 + math.exp(-s * (a - b)))
            tm[j] = (j / z) * ((z - j) / z) / (1 + math.exp(s * (a - b)))
        else:
            fa, fb = 1 - s + s * a, 1 - s + s * b
            total = j * fa + (z - j) * fb
            tp[j] = (j * fa / total) * ((z - j) / z)
            tm[j] = ((z - j) * fb / total) * (j / z)
    return tp, tm


@pytest.mark.parametrize("rule,s", [("fermi", 0.7), ("moran", 0.3)])
def test_finite_population_gradient_against_transition_probabilities(rule, s):
    game = _collective_risk(4, 2)
    z = 8
    pm, pr = brute_payoffs_nplayer(game, z, 0)
    tp, tm = brute_transitions(pm, pr, z, rule, s)
    got = finite_population_gradient(game, z, selection=s, rule=rule)
    np.testing.assert_allclose(got, tp - tm, atol=1e-15)
    assert got[0] == got[-1] == 0.0


def test_finite_population_gradient_errors():
    g = sym_game([[3, 0], [5, 1]])
    with pytest.raises(UnknownNameError, match="rule 'moron'"):
        finite_population_gradient(g, 10, selection=1, rule="moron")
    with pytest.raises(ParameterError, match="beta = -2.0"):
        finite_population_gradient(g, 10, selection=-2)
    with pytest.raises(ParameterError, match="w = 2.0"):
        finite_population_gradient(g, 10, selection=2, rule="moran")


def test_population_size_limit():
    g = sym_game([[3, 0], [5, 1]])
    with pytest.raises(SizeLimitError, match="population size 100000000 .*at most 10,000,000"):
        fixation_probability(g, 10**8, selection=1e-3)

