"""Issue 18: every reading of the essay's claims, its value by hand, its verdict, and every status."""

from __future__ import annotations

import pytest
import sympy

from games import essay
from games.individual import career_choice

R = sympy.Rational
SACRIFICE = (123_000 - 35_000) * 5          # 440,000
MARGINAL = R(5, 100) * R(5, 100) * 6_500_000  # 16,250


@pytest.fixture(scope="module")
def c():
    return {cl.id: cl for cl in essay.claims()}


def readings(claim):
    return {r.name: (r.value, r.survives) for r in claim.readings}


def test_every_status_at_the_essays_values(c):
    assert {i: cl.status for i, cl in c.items()} == {
        "own-life": "ok", "marginal": "ok", "researcher-vsl": "ok", "income-sacrifice": "ok",
        "social-vsl": "rounding", "dunbar": "reading", "dunbar-researcher": "reading",
        "relative-reading": "reading", "humanity": "reading", "gdp-years": "error",
        "collective-action": "reading", "funding-ratio": "reading", "industry-sacrifice": "ok",
        "buyout": "reading", "slip-roi": "slip", "slip-envelope": "slip", "slip-dangling": "slip"}
    assert set(essay.STATUSES) == {"ok", "rounding", "reading", "slip", "error", "changed"}


def test_five_times_vsl_with_dunbar_has_three_readings(c):
    # own life only at 5x, "on top of" the others: 81,250 + 243,750 = 325,000 < 440,000: the conclusion fails
    # 5x on every life, own included: 5 x 16,250 x (1 + 0.1 x 150) = 5 x 260,000 = 1,300,000 > 440,000
    # 5x on the 150 others, own life left out: 5 x 243,750 = 1,218,750 > 440,000
    assert readings(c["dunbar-researcher"]) == {
        "own life only at 5x": (325_000, False), "5x every life": (1_300_000, True),
        "5x others, own life left out": (1_218_750, True)}
    assert 81_250 + 243_750 == 325_000 < SACRIFICE
    assert c["dunbar-researcher"].computed == 325_000 and c["dunbar-researcher"].essay_value is None


def test_dunbar_is_a_reading_not_a_mismatch(c):
    # the essay: 16,250 x 0.1 x 150 = 243,750 (others only); with the own life 16,250 x 16 = 260,000
    assert readings(c["dunbar"]) == {"without own life": (243_750, True), "with own life": (260_000, True)}
    assert c["dunbar"].computed == c["dunbar"].essay_value == 243_750


def test_humanity_double_counting_and_gdp_years(c):
    # the essay's arithmetic: 0.05 x 0.05 x 20e6 x 8e9 = 4e14, exact
    # derived a x V = 3 x 6.5e6 = 19.5e6: 0.05 x 0.05 x 19.5e6 x 8e9 = 3.9e14
    # no double counting, 6.5e6 a life: 0.05 x 0.05 x 6.5e6 x 8e9 = 1.3e14 = 130 trillion
    assert readings(c["humanity"]) == {"the essay's $20m": (4 * 10**14, True), "derived a x V": (39 * 10**13, True),
                                       "no double counting": (13 * 10**13, True)}
    # 130e12 / 97e12 = 1.34 years of 2021 world GDP; 400e12 / 97e12 = 4.12, not "about five"
    g = readings(c["gdp-years"])
    assert g["no double counting"][0] == R(130, 97) and round(float(R(130, 97)), 2) == 1.34
    assert c["gdp-years"].computed == R(400, 97) and round(float(R(400, 97)), 2) == 4.12
    assert c["gdp-years"].status == "error" and "not five" in c["gdp-years"].note


def test_social_vsl_is_derived_and_a_rounding(c):
    # 3 x 6.5m = 19.5m vs the essay's "around $20m": 2.5% off, within the 10% of "around"
    assert c["social-vsl"].computed == 19_500_000 and c["social-vsl"].status == "rounding"
    assert readings(c["social-vsl"]) == {"by two": (13_000_000, None), "by three": (19_500_000, None)}
    moved = {cl.id: cl for cl in essay.claims(essay.parameters().set(vsl=8e6))}
    # --set vsl moves it: 3 x 8m = 24m, and the humanity value 0.0025 x 24e6 x 8e9 = 4.8e14
    assert moved["social-vsl"].computed == 24_000_000 and moved["humanity"].computed == 48 * 10**13
    assert moved["social-vsl"].status == moved["humanity"].status == "changed"


def test_funding_ratio(c):
    # 50 / 10 = 5x this year, 110 / 10 = 11x by 2024; Alignment's share 10/60 = 1/6 and 10/120 = 1/12;
    # the $10b total spread over 5 years is $2b a year: 110 / 2 = 55x
    assert readings(c["funding-ratio"]) == {
        "this year": (5, True), "by 2024": (11, True), "Alignment's share, this year": (R(1, 6), True),
        "Alignment's share, 2024": (R(1, 12), True), "yearly against yearly": (55, True)}


def test_collective_action_two_researchers_is_a_deadlock(c):
    # n* = 440,000 / 16,250 = 352/13 = 27.08: the dilemma needs 28 or more researchers
    assert c["collective-action"].computed == R(352, 13) and round(float(R(352, 13)), 2) == 27.08
    # two: all-Alignment minus all-Capabilities = 2 x 16,250 - 440,000 = -407,500 (Deadlock);
    # 28: 28 x 16,250 - 440,000 = 455,000 - 440,000 = 15,000 > 0 (Prisoner's Dilemma)
    assert readings(c["collective-action"]) == {"two researchers": (-407_500, False),
                                                "28 or more researchers": (15_000, True)}
    assert "Deadlock" in c["collective-action"].note


def test_buyout_removes_researchers(c):
    # 1e9 / (250k x 5) = 800 careers; half replaced: 400 leave a workforce of 10,000; 5 years x 400/10,000 = 0.2
    # years bought; 0.01 a year: P(doom) -0.002. Moving them to Alignment instead: -800 x 0.0025 = -2
    assert c["buyout"].computed == 800
    assert readings(c["buyout"]) == {"time bought (years)": (R(1, 5), True), "P(doom) change": (R(-1, 500), True),
                                     "moved to Alignment": (-2, None)}
    assert all("(ours)" in r.assumption for r in c["buyout"].readings[:2])


def test_the_textual_slips(c):
    # the essay's words, quoted by hand
    assert c["slip-roi"].claim.startswith("There is more money available to fund Alignment research and the ROI")
    assert "pushing the envelope on Alignment" in c["slip-envelope"].claim
    assert c["slip-dangling"].claim == "Very roughly speaking,"
    for i in ("slip-roi", "slip-envelope", "slip-dangling"):
        assert c[i].status == "slip" and c[i].computed is None
    assert "Capabilities" in c["slip-roi"].note and "Capabilities" in c["slip-envelope"].note


@pytest.mark.parametrize("sets", [{"vsl": 8e6}, {"p_doom": "1/4"}, {"salary_capabilities": 200_000},
                                  {"world_gdp_2021": 80e12}],
                         ids=["vsl", "p_doom", "salary", "gdp"])
def test_changed_never_mismatch(sets):
    cl = essay.claims(essay.parameters().set(sets))
    assert {x.status for x in cl} <= set(essay.STATUSES)
    assert "changed" in {x.status for x in cl}


def test_changed_names_the_status_at_the_essays_values():
    cl = {x.id: x for x in essay.claims(essay.parameters().set(world_gdp_2021=80e12))}
    # 400e12 / 80e12 = 5 exactly: recomputed, "changed" (its status at the essay's values is "error")
    assert cl["gdp-years"].computed == 5 and cl["gdp-years"].status == "changed"
    assert "at the essay's values: error" in cl["gdp-years"].note
    industry = {x.id: x for x in essay.claims(essay.parameters("industry"))}
    assert industry["income-sacrifice"].computed == 800_000 and industry["income-sacrifice"].status == "changed"


def test_career_choice_own_life_multiplier_reading():
    # dunbar_5x, "own life" reading: 175,000 + 0.0025 x 6.5e6 x (5 + 0.1 x 150) = 175,000 + 325,000 = 500,000
    # "every life": 175,000 + 0.0025 x 6.5e6 x 5 x 16 = 175,000 + 1,300,000 = 1,475,000; Capabilities 615,000
    ps = essay.parameters(case="dunbar_5x")
    own = career_choice(multiplier="own life").subs(ps).payoffs[0]
    every = career_choice().subs(ps).payoffs[0]
    assert (own[0, 0], every[0, 0], every[1, 0]) == (500_000, 1_475_000, 615_000)
