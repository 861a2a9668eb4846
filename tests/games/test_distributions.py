"""Issue 18: the registry's distributions, their provenance, the rule-derived default, and the buy-out's effect."""

from __future__ import annotations

import pytest
import sympy

from games import ParameterError, essay
from games.distributions import Distribution, default_distribution
from games.parameters import Parameter
from games.removal import buyout_removal

R = sympy.Rational
PS = essay.parameters()


@pytest.mark.parametrize(
    ("name", "family", "low", "high", "mode", "source"),
    [
        ("vsl", "uniform", 5_000_000, 8_000_000, None, "essay"),                 # "somewhere from $5 to $8m"
        ("altruism_vsl_multiplier", "uniform", 2, 3, None, "essay"),             # "by two or three"
        ("researcher_vsl_multiplier", "uniform", 1, 5, None, "essay"),           # 1 to "5x higher"
        ("salary_alignment", "uniform", 35_000, 90_000, None, "essay"),          # the two scenarios
        ("salary_capabilities", "uniform", 123_000, 250_000, None, "essay"),
        ("p_pivotal", "triangular", R(1, 100), R(1, 10), R(1, 20), "ours"),      # centred on the essay's 5%
        ("doom_reduction", "triangular", R(1, 100), R(1, 10), R(1, 20), "ours"),
        ("p_doom", "triangular", 0, R(1, 2), R(1, 5), "ours"),                   # centred on the essay's 20%
        ("altruism_weight", "triangular", 0, R(3, 10), R(1, 10), "ours"),        # the essay's "about 10%"
        ("circle_size", "loguniform", 1, 8_000_000_000, None, "ours"),           # 1 to 8 billion
    ],
)
def test_essay_distributions_and_provenance(name, family, low, high, mode, source):
    d = PS[name].distribution
    assert (d.family, d.low, d.high, d.mode) == (family, low, high, mode)
    assert d.provenance.startswith(source + ":") and d.ours == (source == "ours")


@pytest.mark.parametrize(
    ("name", "family", "mode"),
    [
        ("n_researchers", "loguniform", None),   # count 2..1000: 1000 / 2 = 500 >= 100
        ("alignment_threshold", "loguniform", None),  # count 1..100: 100 / 1 = 100 >= 100
        ("team_size", "triangular", 5),          # count 2..100: 50 < 100, mode at the default 5
        ("race_risk_one", "triangular", R(1, 100)),  # a probability: mode at the default 0.01
        ("salary_neither", "triangular", 100_000),  # money 35k..250k: 7.1 < 100
        ("reputation_alignment", "triangular", 0),  # low 0: no log-uniform, mode at the default 0
    ],
)
def test_rule_derived_defaults(name, family, mode):
    d = PS[name].distribution
    assert d.family == family and d.mode == mode
    assert d.provenance.startswith("ours (rule:")
    assert (d.low, d.high) == (PS[name].low, PS[name].high)


def test_every_ranged_parameter_has_a_distribution_with_provenance():
    for p in PS.values():
        if p.low is not None and p.high is not None and p.low < p.high:
            assert p.distribution is not None, p.name
            assert p.distribution.provenance.startswith(("essay:", "ours")), p.name
        else:
            assert p.distribution is None, p.name  # world_population, the funding figures: fixed
    assert PS["world_population"].distribution is None


def test_a_parameter_another_family_appends_gets_the_rule():
    # what a new block appended to MODEL_PARAMETERS gets without writing a distribution
    p = Parameter("new_family_count", 5, kind="count", low=1, high=1000, ours=True)
    assert p.distribution.family == "loguniform" and p.distribution.provenance.startswith("ours (rule:")
    q = Parameter("new_family_probability", 0.3, kind="probability", low=0, high=1)
    assert (q.distribution.family, q.distribution.mode) == ("triangular", R(3, 10))
    assert Parameter("fixed", 1, kind="money").distribution is None
    assert default_distribution("money", 2e9, 1e9, 1e9) is None  # low == high


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [({"family": "normal", "low": 0, "high": 1}, "unknown family"),
     ({"family": "uniform", "low": 2, "high": 1}, "exceeds"),
     ({"family": "loguniform", "low": 0, "high": 1}, "low > 0"),
     ({"family": "triangular", "low": 0, "high": 1}, "needs a mode"),
     ({"family": "triangular", "low": 0, "high": 1, "mode": 2}, "outside"),
     ({"family": "uniform", "low": 0, "high": 1, "mode": 0.5}, "only for triangular")],
    ids=["family", "order", "log-zero", "no-mode", "mode-outside", "mode-uniform"])
def test_distribution_errors(kwargs, needle):
    with pytest.raises(ParameterError, match=needle):
        Distribution(**kwargs)
    with pytest.raises(ParameterError, match="must be a Distribution"):
        Parameter("x", 1, kind="money", low=0, high=2, distribution="uniform")


def test_buyout_effect_at_the_defaults_is_not_zero_and_documented():
    # industry: 1e9 / (250,000 x 5) = 800 careers; (1 - 1/2) x 800 = 400 removed; 5 x 400 / 10,000 = 1/5 year;
    # P(doom) change -0.01 x 1/5 = -1/500
    at = buyout_removal().at(essay.parameters("industry"))
    assert (at["careers"], at["removed"], at["time_bought"], at["doom_change"]) == (800, 400, R(1, 5), R(-1, 500))
    # phd: 1e9 / (123,000 x 5) = 200,000/123 careers; half removed; 5 x 100,000/123 / 10,000 = 50/123 years
    phd = buyout_removal().at(PS)
    assert phd["careers"] == R(200_000, 123) and phd["time_bought"] == R(50, 123)
    assert phd["doom_change"] == R(-1, 100) * R(50, 123) != 0
    assert "not zero at the defaults" in buyout_removal.__doc__
    # the flagged assumptions are ours and have defaults 1/2, 10,000 and 0.01
    for name, value in (("replacement_rate", R(1, 2)), ("capabilities_workforce", 10_000),
                        ("doom_per_year_bought", R(1, 100))):
        assert PS[name].ours and PS[name].value == value
    # in the library's buy-out game a removal is worth W x 0.01 x 5 x (1 - 1/2) / 10,000 = 6.5e6 / 400,000 = 16.25
    from games.individual import career_choice
    from games.interventions import buyout, buyout_game

    with_time = buyout_game().subs(PS).payoffs[0][3, 0]
    without = buyout(career_choice()).subs(PS).payoffs[0][3, 0]
    assert with_time - without == R(65, 4) and without == 500_000 + 1_250_000
    # the collective-action game's per-researcher term stays 0, so its n* = 27.08 is the essay's
    assert PS["capabilities_doom_increase"].value == 0
