"""The Jupyter explorer, driven without a browser: slider values set from code, results checked by hand.

Every expected value is computed here from the essay's numbers, not by the
library: at the phd defaults a researcher's Alignment payoff over five years is
``35,000 x 5 + 0.05 x 0.05 x 6.5m x m x (1 + alpha x k) = 175,000 + 16,250 m (1 + alpha k)``
and her Capabilities payoff ``123,000 x 5 = 615,000``; with alpha = 0.1 and
k = 150 she is indifferent at ``m = 440,000 / 260,000 = 22/13 ~ 1.692``.
"""

from __future__ import annotations

from fractions import Fraction

import matplotlib
import pytest
import sympy

matplotlib.use("Agg")

import ipywidgets  # noqa: E402  (the notebooks extra; imported, not skipped: a missing one fails)

import games  # noqa: E402
import solvers  # noqa: E402
from games import GameError, UnknownNameError

SACRIFICE = (123_000 - 35_000) * 5           # 440,000
MARGINAL = Fraction(5, 100) * Fraction(5, 100) * 6_500_000   # 16,250 per unit of m (own life only)


def alignment_payoff(m: float, alpha: float, k: float) -> Fraction:
    """Exact, reading each float as its shortest decimal (as the sliders do)."""
    m_, a_, k_ = (Fraction(repr(float(v))) for v in (m, alpha, k))
    return 35_000 * 5 + MARGINAL * m_ * (1 + a_ * k_)


@pytest.fixture(scope="module")
def career():
    return solvers.explore(
        games.individual.career_choice(),
        regime=("researcher_vsl_multiplier", "altruism_weight"),
        resolution=40,
    )


def test_threshold_computed_by_hand():
    assert SACRIFICE == 440_000
    assert MARGINAL * (1 + 0.1 * 150) == 260_000
    assert sympy.Rational(SACRIFICE, 260_000) == sympy.Rational(22, 13)


@pytest.mark.parametrize(
    ("m", "expected"),
    [(1.69, "(Capabilities, Passive)"), (1.70, "(Alignment, Passive)"), (1.0, "(Capabilities, Passive)"),
     (5.0, "(Alignment, Passive)")],
    ids=["just-below", "just-above", "m=1", "m=5"],
)
def test_career_choice_flips_at_the_closed_form_threshold(career, m, expected):
    res = career.set(altruism_weight=0.1, circle_size=150, researcher_vsl_multiplier=m)
    # the hand computation says which side of 615,000 the Alignment payoff is on
    by_hand = "(Alignment, Passive)" if alignment_payoff(m, 0.1, 150) > 615_000 else "(Capabilities, Passive)"
    assert by_hand == expected
    assert res.labels == (expected,)
    assert career.result is res
    assert f"{expected}: Researcher:" in career.output_text
    # what the text widget displays is the same text
    assert expected in career.text_widget.value
    # the equilibrium payoff is the chosen career's payoff, exactly
    pay = res.equilibria[0].payoffs[0]
    assert pay == max(alignment_payoff(m, 0.1, 150), 615_000)
    # the regime at the current point agrees with the equilibria
    assert res.regime == (expected,)


def test_break_even_shown_is_22_over_13(career):
    res = career.set(altruism_weight=0.1, circle_size=150, researcher_vsl_multiplier=1.69)
    values = [t.value for t in res.thresholds]
    assert values == [sympy.Rational(22, 13)]
    assert "break-even researcher_vsl_multiplier = 22/13" in career.output_text


def test_moving_a_slider_widget_resolves(career):
    career.set(altruism_weight=0.1, circle_size=150, researcher_vsl_multiplier=1.69)
    assert career.result.labels == ("(Capabilities, Passive)",)
    career.sliders["researcher_vsl_multiplier"].value = 1.70      # as a user dragging the slider
    assert career.result.labels == ("(Alignment, Passive)",)
    assert career.result.values["researcher_vsl_multiplier"] == sympy.Rational(17, 10)
    career.sliders["altruism_weight"].value = 0.05                 # 16,250 x 1.7 x 8.5 + 175,000 < 615,000
    assert alignment_payoff(1.7, 0.05, 150) < 615_000
    assert career.result.labels == ("(Capabilities, Passive)",)


def test_slider_ranges_come_from_the_registry(career):
    s = career.sliders
    assert (s["researcher_vsl_multiplier"].min, s["researcher_vsl_multiplier"].max) == (1.0, 5.0)
    assert (s["vsl"].min, s["vsl"].max) == (5e6, 8e6)
    assert isinstance(s["circle_size"], ipywidgets.FloatLogSlider)       # 1 .. 8e9 people
    assert s["circle_size"].min == 0.0
    assert s["circle_size"].max == pytest.approx(9.903089987, abs=1e-6)  # log10(8e9)
    assert set(s) == {p.name for p in games.individual.career_choice().free_symbols}


def test_set_outside_the_range_widens_it_and_unknown_names_fail():
    ex = solvers.explore(games.individual.career_choice(), plot=False, regime=False)
    ex.set(researcher_vsl_multiplier=7)
    assert ex.sliders["researcher_vsl_multiplier"].max == 7
    assert ex.sliders["researcher_vsl_multiplier"].value == 7
    # 16,250 x 7 + 175,000 = 288,750 < 615,000: still Capabilities with alpha = 0
    assert alignment_payoff(7, 0, 150) == 288_750
    assert ex.result.labels == ("(Capabilities, Passive)",)
    with pytest.raises(UnknownNameError, match="researcher_vsl_multiplier"):
        ex.set(researcher_vsl_multipler=2)


def test_regime_map_matches_the_closed_form_cell_by_cell(career):
    career.set(circle_size=150, researcher_vsl_multiplier=1.69, altruism_weight=0.1)
    xs, ys, codes, regimes = career.regime_map
    assert sorted(regimes) == [("(Alignment, Passive)",), ("(Capabilities, Passive)",)]
    checked = 0
    for i, alpha in enumerate(ys):
        for j, m in enumerate(xs):
            a = alignment_payoff(m, alpha, 150)
            if abs(a - 615_000) < Fraction(615_000, 10**6):
                continue
            want = "(Alignment, Passive)" if a > 615_000 else "(Capabilities, Passive)"
            assert regimes[codes[i, j]] == (want,), (m, alpha)
            checked += 1
    assert checked > 1500
    # both regimes occur: the boundary crosses the map
    assert len({int(c) for c in codes.ravel()}) == 2


def test_figure_has_equilibria_and_regime_panels(career):
    career.set(researcher_vsl_multiplier=2)
    fig = career.figure
    assert len(fig.axes) == 2
    assert fig.axes[1].get_xlabel() == "researcher_vsl_multiplier"


def test_collective_action_symmetric_flip():
    # Without clamps: Capabilities pays (w_C - w_A) T - Delta W more whatever others do, Delta W = 16,250 m.
    game = games.collective.collective_action(clamp=False)
    ex = solvers.explore(game, sliders=["researcher_vsl_multiplier", "n_researchers"], plot=False,
                         regime=False)
    assert isinstance(ex.sliders["n_researchers"], ipywidgets.IntSlider)
    assert (ex.sliders["n_researchers"].min, ex.sliders["n_researchers"].max) == (2, 1000)
    threshold = SACRIFICE / MARGINAL                                 # 27.08
    assert threshold == Fraction(352, 13)
    ex.sliders["researcher_vsl_multiplier"].max = 40
    assert ex.set(researcher_vsl_multiplier=27.07).labels == ("(Capabilities)",)
    assert ex.set(researcher_vsl_multiplier=27.08).labels == ("(Alignment)",)
    assert [t.value for t in ex.result.thresholds] == [sympy.Rational(threshold.numerator, threshold.denominator)]


def test_own_game_needs_values_and_gets_fallback_ranges():
    b, c = sympy.symbols("b c", positive=True)
    g = games.Game.from_bimatrix([[b - c, -c], [b, 0]], strategies=(["Give", "Keep"], ["Give", "Keep"]))
    with pytest.raises(GameError, match="no value for b, c"):
        solvers.explore(g, plot=False)
    ex = solvers.explore(g, {"b": 3, "c": 1}, plot=False)
    assert (ex.sliders["b"].min, ex.sliders["b"].max) == (0.0, 6.0)
    # a donation game: Keep dominates whenever c > 0
    assert ex.result.labels == ("(Keep, Keep)",)
    assert ex.result.regime == ("(Keep, Keep)",)


def test_clamped_collective_action_skips_break_even_by_default_and_still_flips():
    # Piecewise payoffs: break-even values would re-derive the conditions on every move (seconds), so they are off
    ex = solvers.explore(games.collective.collective_action(), sliders=["researcher_vsl_multiplier", "altruism_weight"],
                         plot=False, regime=False)
    assert ex.breakeven is False
    assert ex.result.labels == ("(Capabilities)",)                    # 16,250 < 440,000: Capabilities dominant
    # Dunbar and 5x: Delta W = 16,250 x 5 x 16 = 1,300,000 > 440,000, and P(doom) stays inside [0, 1]
    assert MARGINAL * 5 * 16 == 1_300_000
    res = ex.set(altruism_weight=0.1, researcher_vsl_multiplier=5)
    assert res.labels == ("(Alignment)",)
    assert res.thresholds == ()
