"""break_even against hand derivations: the essay's career-choice thresholds and n*.

Expected values are derived in the comments from the essay's figures:
VSL $6.5m, p = delta = 5% (so p delta V = $16,250), T = 5 years, phd
salaries $35k / $123k (income sacrifice (123k - 35k) x 5 = $440,000).
"""

from __future__ import annotations

import pytest
import sympy

import games
from games import Game, GameError, UnknownNameError
from games.collective import collective_action
from games.individual import career_choice
from solvers import break_even
from solvers.symbolic.relations import evaluate_condition

R = sympy.Rational
PHD = games.essay.parameters("phd")
DUNBAR = games.essay.parameters("phd", case="dunbar")


def labels(outcomes):
    return {o.label for o in outcomes}


def sym(game, name):
    return {s.name: s for s in game.free_symbols}[name]


# ---------------------------------------------------------------------------
# the essay's numbers
# ---------------------------------------------------------------------------

def test_dunbar_multiplier_with_own_life():
    # p delta V (1 + alpha k) = 16,250 x (1 + 0.1 x 150) = 260,000 per unit of m;
    # Alignment breaks even with the $440,000 sacrifice at m* = 440,000 / 260,000.
    be = break_even(career_choice(), "researcher_vsl_multiplier", DUNBAR)
    assert [t.value for t in be] == [R(440_000, 260_000)]
    t = be[0]
    assert labels(t.below) == {"(Capabilities, Passive)"}
    assert labels(t.above) == {"(Alignment, Passive)"}
    assert float(t.value) == pytest.approx(1.6923, abs=1e-4)


def test_dunbar_multiplier_without_own_life():
    # only the 150 others: 16,250 x 0.1 x 150 = 243,750; m* = 440,000 / 243,750 = 1.81
    be = break_even(career_choice(own_life=False), "researcher_vsl_multiplier", DUNBAR)
    assert [t.value for t in be] == [R(440_000, 243_750)]
    assert float(be[0].value) == pytest.approx(1.8051, abs=1e-4)


def test_baseline_altruism_weight():
    # m = 1: 16,250 (1 + 150 alpha) = 440,000  =>  alpha* = 440,000 / 2,437,500 - 1/150
    be = break_even(career_choice(), "altruism_weight", PHD)
    assert [t.value for t in be] == [R(440_000, 2_437_500) - R(1, 150)]
    assert float(be[0].value) == pytest.approx(0.17385, abs=1e-5)
    assert labels(be[0].below) == {"(Capabilities, Passive)"}
    assert labels(be[0].above) == {"(Alignment, Passive)"}


def test_general_altruism_threshold_closed_form():
    # U_A = U_C  <=>  w_A T + p delta m V (1 + alpha k) + t_A R_A = w_C T + R_C + I_C
    #            <=>  alpha* = ((w_C - w_A) T - (t_A R_A - R_C - I_C)) / (p delta m V k) - 1/k
    # (issue 18: Capabilities' social impact I_C and the recognition tracking t_A enter the payoffs)
    game = career_choice()
    s = {x.name: x for x in game.free_symbols}
    wA, wC, T = s["salary_alignment"], s["salary_capabilities"], s["horizon_years"]
    RA, RC, p, d = s["reputation_alignment"], s["reputation_capabilities"], s["p_pivotal"], s["doom_reduction"]
    m, V, k = s["researcher_vsl_multiplier"], s["vsl"], s["circle_size"]
    tA, IC = s["alignment_recognition_tracking"], s["capabilities_social_impact"]
    expected = ((wC - wA) * T - (tA * RA - RC - IC)) / (p * d * m * V * k) - 1 / k
    be = break_even(game, "altruism_weight")
    matches = [t for t in be if sympy.simplify(t.value - expected) == 0]
    assert len(matches) == 1
    t = matches[0]
    # Below it Alignment is not chosen; above it Alignment is (given it beats Neither).
    assert "(Alignment, Passive)" not in labels(t.below) and "(Capabilities, Passive)" in labels(t.below)
    assert "(Alignment, Passive)" in labels(t.above) and "(Capabilities, Passive)" not in labels(t.above)


PARAMETERS = ["altruism_weight", "researcher_vsl_multiplier", "p_pivotal", "doom_reduction", "vsl",
              "horizon_years", "salary_alignment", "salary_capabilities"]


@pytest.mark.parametrize("name", PARAMETERS)
def test_every_career_parameter_has_the_alignment_capabilities_threshold(name):
    # Hand-written payoffs: U_A - U_C = (w_A - w_C) T + p delta m V (1 + alpha k) + t_A R_A - R_C - I_C.
    # The symbolic threshold of each parameter must make it vanish, and at the
    # dunbar values (m = 1, w_N = 0) the numeric threshold must too.
    game = career_choice()
    s = {x.name: x for x in game.free_symbols}
    gap = ((s["salary_alignment"] - s["salary_capabilities"]) * s["horizon_years"]
           + s["p_pivotal"] * s["doom_reduction"] * s["researcher_vsl_multiplier"] * s["vsl"]
           * (1 + s["altruism_weight"] * s["circle_size"])
           + s["alignment_recognition_tracking"] * s["reputation_alignment"] - s["reputation_capabilities"]
           - s["capabilities_social_impact"])
    x = s[name]
    symbolic = break_even(game, name)
    assert any(sympy.simplify(gap.subs(x, t.value)) == 0 for t in symbolic), [t.value for t in symbolic]
    # with the orthogonal job paying nothing, only Alignment vs Capabilities matters
    values = DUNBAR.set(salary_neither=0)
    numeric = break_even(game, name, values)
    at_values = {v: values[v.name].value for v in game.free_symbols if v is not x}
    roots = [t.value for t in numeric if gap.subs(at_values).subs(x, t.value) == 0]
    assert len(roots) == 1
    t = [t for t in numeric if t.value == roots[0]][0]
    sides = sorted([sorted(labels(t.below)), sorted(labels(t.above))])
    assert sides == [["(Alignment, Passive)"], ["(Capabilities, Passive)"]]


def test_capabilities_salary_threshold_against_the_orthogonal_job():
    # At the dunbar values Alignment is worth 175,000 + 260,000 = 435,000 < 500,000
    # (Neither): as w_C rises the choice moves from Neither to Capabilities at
    # w_C = w_N = 100,000; U_A = U_C (w_C = 87,000) is below Neither and changes nothing.
    be = break_even(career_choice(), "salary_capabilities", DUNBAR)
    assert [t.value for t in be] == [100_000]
    assert labels(be[0].below) == {"(Neither, Passive)"}
    assert labels(be[0].above) == {"(Capabilities, Passive)"}
    assert any(o.label.startswith("continuum") for o in be[0].at)


def test_horizon_threshold_direction():
    # At the dunbar values Alignment is worth 260,000 against a yearly gap of
    # 88,000: T* = 260,000 / 88,000.  Short horizons favour Alignment.
    be = break_even(career_choice(), "horizon_years", DUNBAR)
    t = [t for t in be if t.value == R(260_000, 88_000)][0]
    assert "(Alignment, Passive)" in labels(t.below)
    assert "(Capabilities, Passive)" in labels(t.above)


# ---------------------------------------------------------------------------
# collective action: n*
# ---------------------------------------------------------------------------

def test_collective_action_n_star_from_break_even_on_n():
    # All-Alignment beats all-Capabilities for everyone once
    # n (Delta + gamma) W > (w_C - w_A) T: n* = 440,000 / 16,250 = 27.08 (gamma = 0, W = V).
    game = collective_action()
    be = break_even(game, "n_researchers", PHD, what="welfare")
    assert [t.value for t in be] == [R(440_000, 16_250)]
    assert labels(be[0].below) == {"all Capabilities better than all Alignment for every player"}
    assert labels(be[0].above) == {"all Alignment better than all Capabilities for every player"}


def test_collective_action_n_star_with_capabilities_harm():
    # gamma = 0.001: n* = 440,000 / ((0.0025 + 0.001) x 6,500,000) = 440,000 / 22,750
    values = PHD.set(capabilities_doom_increase=R(1, 1000))
    be = break_even(collective_action(), "n_researchers", values, what="welfare")
    assert [t.value for t in be] == [R(440_000, 22_750)]


def test_collective_action_equilibrium_does_not_change_with_n():
    # U_C - U_A = 440,000 - 16,250 > 0 for every j away from the clamps: Capabilities
    # stays dominant whatever n, so no equilibrium threshold in n.
    with pytest.warns(RuntimeWarning, match="interior mixed equilibria not derived"):
        assert len(break_even(collective_action(), "n_researchers", PHD)) == 0


# ---------------------------------------------------------------------------
# a textbook game with two thresholds, errors, caching
# ---------------------------------------------------------------------------

def test_stag_hunt_thresholds_on_the_hare_payoff():
    # Stag 4 against Stag, 0 against Hare; Hare pays h whatever the other does.
    # (Stag, Stag) iff 4 >= h; (Hare, Hare) iff h >= 0; the mixed one
    # (Stag with probability h/4) iff 0 < h < 4.  Thresholds: h = 0 and h = 4.
    h = sympy.Symbol("h", real=True)
    game = Game.from_bimatrix([[4, 0], [h, h]], strategies=(["Stag", "Hare"], ["Stag", "Hare"]))
    be = break_even(game, h)
    assert [t.value for t in be] == [0, 4]
    assert labels(be[0].below) == {"(Stag, Stag)"}
    assert labels(be[0].above) == {"(Stag, Stag)", "(Hare, Hare)", "mixed ({Stag, Hare}, {Stag, Hare})"}
    assert labels(be[1].above) == {"(Hare, Hare)"}
    mixed = [o for o in be[0].above if o.label.startswith("mixed")][0]
    # shown at the point between the thresholds, h = 2: Stag with probability 2/4
    assert mixed.profile[0][0] == R(1, 2) and mixed.profile[1][0] == R(1, 2)


def test_errors_name_the_bad_item():
    game = career_choice()
    with pytest.raises(UnknownNameError, match="did you mean 'altruism_weight'"):
        break_even(game, "altruism_wieght")
    with pytest.raises(GameError, match="what='pareto' not allowed"):
        break_even(game, "vsl", what="pareto")
    with pytest.raises(UnknownNameError, match="values"):
        break_even(game, "vsl", {"not_a_parameter": 1})
    with pytest.raises(GameError, match="expected a Game"):
        break_even("career_choice", "vsl")


def test_repeated_calls_are_cached():
    game = career_choice()
    assert break_even(game, "vsl", DUNBAR) is break_even(career_choice(), "vsl", DUNBAR)


def test_thresholds_outside_a_probability_range_are_flagged():
    # Risky pays 4 p_doom, Safe pays 1: they break even at p_doom = 1/4; with
    # Safe paying 5 the break-even p_doom = 5/4 is not a probability: flagged.
    p = games.essay.parameters()["p_doom"].symbol
    game = Game.from_bimatrix([[4 * p], [1]], [[0], [0]], strategies=(["Risky", "Safe"], ["World"]))
    assert [(t.value, t.in_range) for t in break_even(game, p)] == [(R(1, 4), True)]
    game5 = Game.from_bimatrix([[4 * p], [5]], [[0], [0]], strategies=(["Risky", "Safe"], ["World"]))
    assert [(t.value, t.in_range) for t in break_even(game5, p)] == [(R(5, 4), False)]


def test_p_pivotal_threshold_is_out_of_range_at_the_baseline():
    # p* = 440,000 / (delta V) = 440,000 / (0.05 x 6,500,000) = 1.354 > 1: Alignment never pays
    # at the baseline, whatever the chance of being pivotal.
    (t,) = break_even(career_choice(), "p_pivotal", PHD)
    assert t.value == R(440_000, 325_000) and t.in_range is False


def test_collective_action_n_star_in_closed_form():
    # Away from the clamps: n* = ((w_C - w_A) T + R_C + I_C - t_A R_A) / ((p delta + gamma) m V (1 + alpha k)).
    # The other roots belong to clamped pieces of P(doom); at the phd values only the
    # interior one is valid, and it equals 440,000 / 16,250.
    game = collective_action()
    s = {x.name: x for x in game.free_symbols}
    W = s["researcher_vsl_multiplier"] * s["vsl"] * (1 + s["altruism_weight"] * s["circle_size"])
    expected = (((s["salary_capabilities"] - s["salary_alignment"]) * s["horizon_years"]
                 + s["reputation_capabilities"] + s["capabilities_social_impact"]
                 - s["alignment_recognition_tracking"] * s["reputation_alignment"])
                / ((s["p_pivotal"] * s["doom_reduction"] + s["capabilities_doom_increase"]) * W))
    be = break_even(game, "n_researchers", what="welfare")
    (interior,) = [t for t in be if sympy.simplify(t.value - expected) == 0]
    assert labels(interior.below) == {"all Capabilities better than all Alignment for every player"}
    assert labels(interior.above) == {"all Alignment better than all Capabilities for every player"}
    at = {x: PHD[x.name].value for x in game.free_symbols if x.name != "n_researchers"}
    assert interior.value.xreplace(at) == R(440_000, 16_250)
    assert evaluate_condition(interior.valid_if, at) == sympy.true
    # with gamma = 0 the clamped roots divide by gamma: undefined, so not valid
    for other in be:
        if other is not interior:
            assert evaluate_condition(other.valid_if, at) == sympy.false
