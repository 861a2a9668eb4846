"""Researcher-level games checked against hand computations from the essay's figures.

Every expected number below is worked out by hand in the comments from the
essay's parameters: VSL $6.5m, p = delta = 5%, P(doom) 20%, T = 5 years,
phd salaries $35k / $123k, industry salaries $90k / $250k, and our model
defaults (orthogonal salary $100k, reputations 0).
"""

from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games import GameError, SymmetricGame, essay
from games.collective import collective_action, collective_action_pair, threshold_alignment
from games.individual import career_choice
from games.reputation import alignment_washing

PHD = essay.parameters("phd")
R = sympy.Rational

# ---------------------------------------------------------------------------
# career_choice
# ---------------------------------------------------------------------------

A_SALARY_PHD = 35_000 * 5  # 175,000: w_A T
C_SALARY_PHD = 123_000 * 5  # 615,000: w_C T
N_SALARY = 100_000 * 5  # 500,000: w_N T (our default orthogonal job)


def researcher_payoffs(game):
    return [game.payoffs[0][i, 0] for i in range(game.shape[0])]


@pytest.mark.parametrize(
    ("case", "own_life", "expected_value"),
    [
        ("baseline", True, 16_250),  # 0.05 * 0.05 * 6.5e6
        ("researcher_5x", True, 81_250),  # 16,250 * 5
        ("dunbar", True, 260_000),  # 16,250 * (1 + 0.1 * 150)
        ("dunbar", False, 243_750),  # 16,250 * 0.1 * 150: the essay's figure
        ("dunbar_5x", True, 1_300_000),  # 260,000 * 5
        ("dunbar_5x", False, 1_218_750),  # 243,750 * 5
    ],
    ids=["16250", "81250", "260000-own-life", "243750-essay", "dunbar5x-own", "dunbar5x-others"],
)
def test_career_choice_reproduces_the_essays_figures(case, own_life, expected_value):
    g = career_choice(own_life=own_life).subs(essay.parameters("phd", case))
    u_a = g.payoffs[0][0, 0]
    # U_A = w_A T + value of the marginal doom reduction + R_A (R_A = 0)
    assert u_a - A_SALARY_PHD == expected_value


def test_career_choice_cells_at_the_defaults():
    g = career_choice().subs(PHD)
    assert researcher_payoffs(g) == [A_SALARY_PHD + 16_250, C_SALARY_PHD, N_SALARY]
    assert [g.payoffs[1][i, 0] for i in range(3)] == [0, 0, 0]  # the passive World
    assert g.shape == (3, 1)
    assert g.players == ("Researcher", "World")
    assert g.strategies == (("Alignment", "Capabilities", "Neither"), ("Passive",))


def test_capabilities_chosen_by_the_average_person():
    # m = 1, alpha = 0: 191,250 (A) < 500,000 (N) < 615,000 (C)
    pays = researcher_payoffs(career_choice().subs(PHD.set(researcher_vsl_multiplier=1, altruism_weight=0)))
    assert pays == [191_250, 615_000, 500_000]
    assert max(range(3), key=lambda i: pays[i]) == 1


@pytest.mark.parametrize(("own_life", "u_a"), [(True, 175_000 + 1_300_000), (False, 175_000 + 1_218_750)],
                         ids=["own-life", "others-only"])
def test_alignment_chosen_by_the_dunbar_5x_researcher(own_life, u_a):
    # m = 5, alpha = 0.1, k = 150: the value of Alignment exceeds the $440k sacrifice
    ps = PHD.set(researcher_vsl_multiplier=5, altruism_weight=0.1, circle_size=150)
    pays = researcher_payoffs(career_choice(own_life=own_life).subs(ps))
    assert pays == [u_a, 615_000, 500_000]
    assert max(range(3), key=lambda i: pays[i]) == 0


def test_career_choice_break_even_multiplier():
    # Alignment ties Capabilities when 175,000 + 16,250 * m * 16 = 615,000, i.e. m = 440,000 / 260,000
    m = Fraction(440_000, 260_000)
    ps = PHD.set(researcher_vsl_multiplier=m, altruism_weight=0.1, circle_size=150)
    pays = researcher_payoffs(career_choice().subs(ps))
    assert pays[0] == pays[1] == 615_000


def test_career_choice_industry_scenario():
    # 90k * 5 + 16,250 = 466,250 against 250k * 5 = 1,250,000
    pays = researcher_payoffs(career_choice().subs(essay.parameters("industry")))
    assert pays[:2] == [466_250, 1_250_000]


def test_career_choice_relative_reading():
    # "reduce P(Doom) by 5%" read as 5% of 20%: 0.05 * 0.05 * 0.2 * 6.5e6 = 3,250
    g = career_choice(reading="relative").subs(PHD)
    assert g.payoffs[0][0, 0] - A_SALARY_PHD == 3_250


def test_career_choice_reputation_enters_additively():
    g = career_choice().subs(PHD.set(reputation_alignment=400_000, reputation_capabilities=10_000))
    # issue 18: only the tracking share t_A = 1/2 of Alignment's recognition counts: 191,250 + 200,000
    assert researcher_payoffs(g) == [191_250 + 400_000 // 2, 615_000 + 10_000, 500_000]
    full = career_choice().subs(PHD.set(reputation_alignment=400_000, alignment_recognition_tracking=1,
                                        capabilities_social_impact=30_000))
    assert researcher_payoffs(full) == [591_250, 615_000 + 30_000, 500_000]


def test_career_choice_symbols_are_the_registry_symbols():
    g = career_choice()
    registry = {p.symbol for p in PHD.values()}
    assert g.free_symbols <= registry
    assert PHD["vsl"].symbol in g.free_symbols


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [({"own_life": "yes"}, "own_life"), ({"reading": "percent"}, "reading")],
    ids=["own_life", "reading"],
)
def test_career_choice_bad_options(kwargs, needle):
    with pytest.raises(GameError, match=needle):
        career_choice(**kwargs)


# ---------------------------------------------------------------------------
# collective_action
# ---------------------------------------------------------------------------

def all_alignment(n: int, ps=PHD):
    return collective_action(n).subs(ps).payoff("Alignment", n - 1)


def all_capabilities(n: int, ps=PHD):
    return collective_action(n).subs(ps).payoff("Capabilities", 0)


def test_collective_action_is_a_compact_symmetric_game():
    g = collective_action()
    assert isinstance(g, SymmetricGame)
    assert g.strategies == ("Alignment", "Capabilities")
    assert g.n_players == PHD["n_researchers"].symbol


def test_capabilities_dominant_at_the_defaults():
    # U_C - U_A = (123k - 35k) * 5 - 0.05 * 0.05 * 6.5m = 440,000 - 16,250 for every j
    # (with n = 50, P(doom) never leaves [0, 1]: 0.2 - 50 * 0.0025 = 0.075)
    g = collective_action().subs(PHD)
    assert g.n_players == 50
    for j in range(50):
        assert g.payoff("Capabilities", j) - g.payoff("Alignment", j) == 423_750


def test_collective_action_cells_at_the_defaults():
    g = collective_action().subs(PHD)
    # j = 0: she is the only Alignment researcher of the 50:
    # P = 0.2 - 0.0025 = 0.1975; U_A = 175,000 + 0.8025 * 6.5m = 175,000 + 5,216,250
    assert g.payoff("Alignment", 0) == 5_391_250
    # all Capabilities: P = 0.2; U_C = 615,000 + 0.8 * 6.5m = 5,815,000
    assert g.payoff("Capabilities", 0) == 5_815_000


def test_all_alignment_pareto_better_exactly_above_n_star():
    # n* = 440,000 / 16,250 = 27.08
    # n = 27: all-A 175,000 + (1 - 0.2 + 27 * 0.0025) * 6.5m = 5,813,750 < all-C 5,815,000
    # n = 28: all-A 175,000 + (1 - 0.2 + 28 * 0.0025) * 6.5m = 5,830,000 > all-C 5,815,000
    assert all_alignment(27) == 5_813_750
    assert all_capabilities(27) == 5_815_000
    assert all_alignment(28) == 5_830_000
    assert all_capabilities(28) == 5_815_000
    assert all_alignment(27) < all_capabilities(27)
    assert all_alignment(28) > all_capabilities(28)


def test_n_star_with_symbolic_n():
    g = collective_action()
    for n, better in [(20, False), (27, False), (28, True), (60, True)]:
        num = g.subs(PHD.set(n_researchers=n))
        assert bool(num.payoff("Alignment", n - 1) > num.payoff("Capabilities", 0)) is better


def test_capabilities_harm_lowers_n_star():
    # gamma = 0.001: n* = 440,000 / ((0.0025 + 0.001) * 6.5m) = 19.3
    # n = 19: all-A 175,000 + (1 - 0.2 + 0.0475) * 6.5m = 5,683,750; all-C 615,000 + (1 - 0.219) * 6.5m = 5,691,500
    # n = 20: all-A 175,000 + 0.85 * 6.5m = 5,700,000;                all-C 615,000 + 0.78 * 6.5m = 5,685,000
    ps = PHD.set(capabilities_doom_increase=0.001)
    assert (all_alignment(19, ps), all_capabilities(19, ps)) == (5_683_750, 5_691_500)
    assert (all_alignment(20, ps), all_capabilities(20, ps)) == (5_700_000, 5_685_000)


def test_doom_probability_is_clamped_at_zero():
    # n = 100 all Alignment: 0.2 - 100 * 0.0025 < 0, so P(doom) = 0 and U_A = 175,000 + 6.5m
    assert all_alignment(100) == 6_675_000
    # unclamped it would be 175,000 + (1 + 0.05) * 6.5m
    unclamped = collective_action(100, clamp=False).subs(PHD).payoff("Alignment", 99)
    assert unclamped == 175_000 + 6_825_000


def test_collective_action_pair_cells():
    g = collective_action_pair().subs(PHD)
    # A,A: P = 0.195 -> 175,000 + 5,232,500; A,C: P = 0.1975 -> 175,000 + 5,216,250
    # C,A: 615,000 + 5,216,250;               C,C: P = 0.2 -> 615,000 + 5,200,000
    assert g.payoffs[0].tolist() == [[5_407_500, 5_391_250], [5_831_250, 5_815_000]]
    assert g.payoffs[1].tolist() == [[5_407_500, 5_831_250], [5_391_250, 5_815_000]]
    # with n = 2 < n* = 27 Capabilities is dominant and all-Capabilities (5,815,000) beats
    # all-Alignment (5,407,500): no dilemma yet
    assert g.payoffs[0][1, 1] > g.payoffs[0][0, 0]
    assert g.payoffs[0][1, 0] > g.payoffs[0][0, 0] and g.payoffs[0][1, 1] > g.payoffs[0][0, 1]


def test_collective_action_pair_matches_the_symmetric_game():
    sym = collective_action(2).subs(PHD)
    pair = collective_action_pair().subs(PHD)
    assert pair.payoffs[0][0, 0] == sym.payoff("Alignment", 1)
    assert pair.payoffs[0][1, 1] == sym.payoff("Capabilities", 0)


@pytest.mark.parametrize("n", [1, 0, 2.5, "30", True], ids=["1", "0", "2.5", "str", "bool"])
def test_collective_action_bad_n(n):
    with pytest.raises(GameError, match="n="):
        collective_action(n)


# ---------------------------------------------------------------------------
# threshold_alignment
# ---------------------------------------------------------------------------

def test_threshold_cells_at_the_defaults():
    # n = 5, M = 2, q = 1; base survival value (1 - 0.2) * 6.5m = 5,200,000; success adds 0.2 * 6.5m = 1,300,000
    g = threshold_alignment().subs(PHD)
    assert g.n_players == 5
    assert g.payoff("Alignment", 0) == 175_000 + 5_200_000
    assert g.payoff("Alignment", 1) == 175_000 + 5_200_000 + 1_300_000
    assert g.payoff("Capabilities", 1) == 615_000 + 5_200_000
    assert g.payoff("Capabilities", 2) == 615_000 + 5_200_000 + 1_300_000


def expected_gain_of_aligning(game, x):
    """E[U_A(j) - U_C(j)] when each of the other 4 researchers aligns with probability x."""
    return sum(
        comb(4, j) * x**j * (1 - x) ** (4 - j) * (game.payoff("Alignment", j) - game.payoff("Capabilities", j))
        for j in range(5)
    )


def test_threshold_game_has_interior_mixed_equilibria():
    # Aligning pays 1,300,000 * P(exactly 1 of 4 others aligns) - 440,000 = 1.3m * 4x(1-x)^3 - 440k.
    g = threshold_alignment().subs(PHD)
    for x in (R(1, 20), R(1, 4), R(9, 10)):
        assert expected_gain_of_aligning(g, x) == 1_300_000 * 4 * x * (1 - x) ** 3 - 440_000
    # x = 1/20: 1.3m * 0.1715 - 440k < 0; x = 1/4: 1.3m * 27/64 - 440k = 108,437.5 > 0; x = 9/10: < 0
    assert expected_gain_of_aligning(g, R(1, 20)) < 0
    assert expected_gain_of_aligning(g, R(1, 4)) == R(216_875, 2)
    assert expected_gain_of_aligning(g, R(9, 10)) < 0
    # so the gain crosses zero twice in (0, 1): two interior symmetric mixed equilibria


def test_futile_agenda_makes_capabilities_dominant():
    g = threshold_alignment().subs(PHD.set(threshold_success_probability=0))
    for j in range(5):
        assert g.payoff("Alignment", j) - g.payoff("Capabilities", j) == -440_000


def test_threshold_numbers_given_directly():
    g = threshold_alignment(4, 4).subs(PHD)
    assert g.n_players == 4
    # pivotal only when all 3 others align
    assert g.payoff("Alignment", 3) - g.payoff("Capabilities", 3) == 1_300_000 - 440_000
    assert g.payoff("Alignment", 2) - g.payoff("Capabilities", 2) == -440_000


@pytest.mark.parametrize(("n", "m", "needle"), [(3, 4, "exceeds"), (5, 0, "threshold"), (1, 1, "n=")],
                         ids=["M>n", "M=0", "n=1"])
def test_threshold_bad_sizes(n, m, needle):
    with pytest.raises(GameError, match=needle):
        threshold_alignment(n, m)


# ---------------------------------------------------------------------------
# alignment_washing
# ---------------------------------------------------------------------------

def test_washing_cells_at_the_defaults():
    g = alignment_washing().subs(PHD)
    genuine = 175_000 + 16_250 + 0 + 500_000  # w_A T + value + R_A + S
    assert g.payoffs[0].tolist() == [
        [genuine, genuine],
        [615_000 + 500_000, 615_000 + 250_000 - 250_000],  # audit: (1 - 0.5) * S - 0.5 * L_W
        [615_000, 615_000],
    ]
    # funder: audit costs 10,000; an undetected washer costs 100,000 (half the time when auditing)
    assert g.payoffs[1].tolist() == [[0, -10_000], [-100_000, -60_000], [0, -10_000]]


def pure_equilibria(game):
    A, B = game.payoffs
    rows, cols = game.shape
    out = []
    for r in range(rows):
        for c in range(cols):
            if all(A[r, c] >= A[i, c] for i in range(rows)) and all(B[r, c] >= B[r, k] for k in range(cols)):
                out.append((r, c))
    return out


def test_washing_is_an_inspection_game_with_a_mixed_equilibrium():
    g = alignment_washing().subs(PHD)
    assert pure_equilibria(g) == []  # best responses cycle: Trust -> Washed -> Audit -> Genuine -> Trust
    A, B = g.payoffs
    wash = R(10_000, 50_000)  # c / (d H_W) = 0.2
    audit = R(423_750, 500_000)  # ((w_C - w_A) T - value) / (d (R_A + S + L_W)) = 0.8475
    # funder indifferent against (Genuine 0.8, Washed 0.2)
    trust = (1 - wash) * B[0, 0] + wash * B[1, 0]
    audits = (1 - wash) * B[0, 1] + wash * B[1, 1]
    assert trust == audits == -20_000
    # researcher indifferent between Genuine and Washed, both better than Capabilities
    u = [(1 - audit) * A[i, 0] + audit * A[i, 1] for i in range(3)]
    assert u[0] == u[1] == 691_250
    assert u[2] == 615_000 < u[0]


# ---------------------------------------------------------------------------
# property: the n* threshold holds across the parameter ranges
# ---------------------------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(
    m=st.fractions(min_value=1, max_value=5, max_denominator=10),
    alpha=st.fractions(min_value=0, max_value=Fraction(1, 5), max_denominator=100),
    k=st.integers(min_value=1, max_value=200),
    w_c=st.integers(min_value=40, max_value=400).map(lambda x: x * 1000),
)
def test_all_alignment_better_exactly_above_n_star_everywhere(m, alpha, k, w_c):
    # W = m * 6.5m * (1 + alpha k); Delta = 0.0025; n* = (w_C - 35,000) * 5 / (Delta W), by hand
    W = Fraction(m) * 6_500_000 * (1 + Fraction(alpha) * k)
    n_star = Fraction(w_c - 35_000) * 5 / (Fraction(1, 400) * W)
    ps = PHD.set(researcher_vsl_multiplier=m, altruism_weight=alpha, circle_size=k, salary_capabilities=w_c)
    for n in {2, int(n_star), int(n_star) + 1, 79}:
        if n < 2 or n > 80 or n == n_star:  # beyond 80 the clamp P(doom) >= 0 binds
            continue
        g = collective_action(n).subs(ps)
        better = g.payoff("Alignment", n - 1) > g.payoff("Capabilities", 0)
        assert bool(better) is (n > n_star)
