"""Great-power games: hand-computed cells and one parameter point per 2x2 game type.

R, S, T, P are the row power's payoffs at (A, A), (A, C), (C, A), (C, C):
R = 2b + s, S = b - E - h1 D, T = b + E - h1 D, P = -h2 D.
"""

from __future__ import annotations

import pytest
import sympy

from games import GameError, essay
from games.geopolitical import great_power_race, n_power_race, race_risk

PS = essay.parameters("phd")
TN = 10**12  # one trillion


def rstp(game):
    A = game.payoffs[0]
    return A[0, 0], A[0, 1], A[1, 0], A[1, 1]


def game_type(R, S, T, P):
    """The 2x2 symmetric game type from the payoff ordering (independent of the library)."""
    if T > R > P > S:
        return "prisoners_dilemma"
    if R > T >= P > S:
        return "stag_hunt"
    if T > R > S > P:
        return "chicken"
    if R > T and S > P:
        return "harmony"
    return "other"


def test_great_power_race_cells_at_the_defaults():
    # b = 1, s = 0, E = 3, h1 = 0.01, h2 = 0.02, D = 50 (trillion USD)
    # R = 2, S = 1 - 3 - 0.5 = -2.5, T = 1 + 3 - 0.5 = 3.5, P = -1
    g = great_power_race().subs(PS)
    assert rstp(g) == (2 * TN, sympy.Rational(-5, 2) * TN, sympy.Rational(7, 2) * TN, -1 * TN)
    assert g.payoffs[1].tolist() == [[2 * TN, sympy.Rational(7, 2) * TN], [sympy.Rational(-5, 2) * TN, -1 * TN]]
    assert game_type(*rstp(g)) == "prisoners_dilemma"


POINTS = {
    # b, s, E, h1, h2, D  ->  R, S, T, P by hand
    "prisoners_dilemma": ({"alignment_world_benefit": 1, "alignment_synergy": 0, "capabilities_edge": 2,
                           "race_risk_one": 0, "race_risk_both": 0, "power_catastrophe_loss": 100},
                          (2, -1, 3, 0)),
    "stag_hunt": ({"alignment_world_benefit": 1, "alignment_synergy": 3, "capabilities_edge": 2,
                   "race_risk_one": 0, "race_risk_both": 0, "power_catastrophe_loss": 100},
                  (5, -1, 3, 0)),
    "chicken": ({"alignment_world_benefit": 1, "alignment_synergy": 0, "capabilities_edge": 2,
                 "race_risk_one": 0, "race_risk_both": sympy.Rational(1, 20), "power_catastrophe_loss": 100},
                (2, -1, 3, -5)),
    "harmony": ({"alignment_world_benefit": 1, "alignment_synergy": 0, "capabilities_edge": sympy.Rational(1, 2),
                 "race_risk_one": 0, "race_risk_both": 0, "power_catastrophe_loss": 100},
                (2, sympy.Rational(1, 2), sympy.Rational(3, 2), 0)),
}


@pytest.mark.parametrize("kind", sorted(POINTS))
def test_one_parameter_point_per_game_type(kind):
    values, expected = POINTS[kind]
    g = great_power_race().subs(values)
    assert g.is_numeric
    assert rstp(g) == expected
    assert game_type(*rstp(g)) == kind


def test_escalating_risk_turns_the_defaults_into_chicken():
    # h2 = 0.1: P = -5 < S = -2.5 (in trillions), T = 3.5 > R = 2
    g = great_power_race().subs(PS.set(race_risk_both=0.1))
    assert rstp(g)[3] == -5 * TN
    assert game_type(*rstp(g)) == "chicken"


def test_n_power_race_cells_at_the_defaults():
    g = n_power_race().subs(PS)
    assert g.n_players == 3
    # all align: 3b = 3; lone racer (j = 2): 2b + E - h1 D = 2 + 3 - 0.5 = 4.5
    assert g.payoff("Alignment", 2) == 3 * TN
    assert g.payoff("Capabilities", 2) == sympy.Rational(9, 2) * TN
    # j = 1: aligner 2b - E/2 - h1 D = 2 - 1.5 - 0.5 = 0; racer b + E/2 - h2 D = 1 + 1.5 - 1 = 1.5
    assert g.payoff("Alignment", 1) == 0
    assert g.payoff("Capabilities", 1) == sympy.Rational(3, 2) * TN
    # j = 0: lone aligner b - E - h2 D = 1 - 3 - 1 = -3; all race: -h(3) D = -(3 h2 - 3 h1) D = -1.5
    assert g.payoff("Alignment", 0) == -3 * TN
    assert g.payoff("Capabilities", 0) == sympy.Rational(-3, 2) * TN


def test_n_power_race_with_two_powers_is_great_power_race():
    sym = n_power_race(2).subs(PS)
    R, S, T, P = rstp(great_power_race().subs(PS))
    assert (sym.payoff("Alignment", 1), sym.payoff("Alignment", 0)) == (R, S)
    assert (sym.payoff("Capabilities", 1), sym.payoff("Capabilities", 0)) == (T, P)


def test_race_risk_values_and_clamp():
    h1, h2 = PS["race_risk_one"].symbol, PS["race_risk_both"].symbol
    assert race_risk(0) == 0
    assert race_risk(1, clamp=False) == h1
    assert race_risk(2, clamp=False) == h2
    # h(3) = 3 h1 + 3 (h2 - 2 h1) = 3 h2 - 3 h1; with h1 = 0.5, h2 = 1: 1.5, clamped to 1
    assert race_risk(3).subs({h1: sympy.Rational(1, 2), h2: 1}) == 1
    assert race_risk(3, clamp=False).subs({h1: sympy.Rational(1, 2), h2: 1}) == sympy.Rational(3, 2)


@pytest.mark.parametrize(("kwargs", "needle"), [({"n": 1}, "n="), ({"n": 2.0}, "n="), ({"clamp": 1}, "clamp")],
                         ids=["n=1", "float", "clamp"])
def test_n_power_race_bad_options(kwargs, needle):
    with pytest.raises(GameError, match=needle):
        n_power_race(**kwargs)
