"""Tests of games.essay: the essay's parameters, cases and claims, checked by hand."""

from __future__ import annotations

import pytest
import sympy

from games import UnknownNameError, essay

R = sympy.Rational


def test_every_figures_md_parameter_with_its_default():
    ps = essay.parameters("phd")
    expected = {
        "vsl": 6_500_000, "altruism_vsl_multiplier": 3, "p_doom": R(1, 5),
        "p_pivotal": R(1, 20), "doom_reduction": R(1, 20), "researcher_vsl_multiplier": 1,
        "salary_alignment": 35_000, "salary_capabilities": 123_000, "horizon_years": 5,
        "altruism_weight": 0, "circle_size": 150, "world_population": 8_000_000_000,
        "world_gdp_2021": 97 * 10**12, "alignment_funding_total": 10**10, "ai_investment_2023": 50 * 10**9,
        "ai_investment_2024": 110 * 10**9, "microsoft_openai_investment": 10**10, "buyout_budget": 10**9,
    }
    for name, value in expected.items():
        assert ps[name].value == value, name
        assert ps[name].quote, f"{name} has no quote"
    assert ps["vsl"].low == 5_000_000 and ps["vsl"].high == 8_000_000
    # issue 18: vsl_social is derived (a x V = 3 x 6.5m = 19.5m), no longer a parameter that ignores --set vsl
    assert "vsl_social" not in ps and essay.derived(ps)["vsl_social"] == 19_500_000


def test_industry_scenario_and_unknown_scenario():
    ps = essay.parameters("industry")
    assert (ps.value("salary_alignment"), ps.value("salary_capabilities")) == (90_000, 250_000)
    assert "$90k" in ps["salary_alignment"].quote
    with pytest.raises(UnknownNameError, match="did you mean 'phd'"):
        essay.parameters("phdd")


def test_cases_apply_overrides():
    assert essay.parameters(case="researcher_5x").value("researcher_vsl_multiplier") == 5
    d5 = essay.parameters(case="dunbar_5x")
    assert (d5.value("altruism_weight"), d5.value("circle_size"), d5.value("researcher_vsl_multiplier")) == (
        R(1, 10), 150, 5)
    hum = essay.parameters(case="humanity")
    # issue 18: the humanity case's VSL is a x V = 3 x 6.5m = 19.5m (was a fixed $20m that ignored --set vsl)
    assert hum.value("vsl") == 19_500_000 and hum.value("circle_size") == 8_000_000_000
    assert essay.parameters(case="humanity").set(vsl=8e6).value("vsl") == 8_000_000  # set after the case
    assert essay.apply_case(essay.parameters().set(vsl=8e6), "humanity").value("vsl") == 24_000_000
    with pytest.raises(UnknownNameError):
        essay.parameters(case="everyone")


def test_claims_recomputed_by_hand():
    c = {cl.id: cl for cl in essay.claims()}
    assert [cl.id for cl in essay.claims()] == [
        "own-life", "marginal", "researcher-vsl", "income-sacrifice", "social-vsl", "dunbar", "dunbar-researcher",
        "relative-reading", "humanity", "gdp-years", "collective-action", "funding-ratio", "industry-sacrifice",
        "buyout", "slip-roi", "slip-envelope", "slip-dangling"]
    # hand computations from FIGURES.md
    assert c["own-life"].computed == R(20, 100) * 6_500_000 == 1_300_000
    assert c["marginal"].computed == R(5, 100) * R(5, 100) * 6_500_000 == 16_250
    assert c["researcher-vsl"].computed == 16_250 * 5
    assert c["income-sacrifice"].computed == (123_000 - 35_000) * 5 == 440_000
    # issue 18: the humanity value uses the derived a x V = 19.5m: 0.05 x 0.05 x 19.5e6 x 8e9 = 3.9e14
    assert c["humanity"].computed == R(5, 100) * R(5, 100) * 19_500_000 * 8_000_000_000 == 39 * 10**13
    # 400e12 / 97e12 = 4.124 years: "about five" is an arithmetic error (was "approx")
    assert c["gdp-years"].computed == R(4 * 10**14, 97 * 10**12)
    assert c["gdp-years"].status == "error"
    # issue 18: the essay's 243,750 is its reading (others only); 16,250 x (1 + 0.1 x 150) = 260,000 the other
    assert c["dunbar"].computed == 16_250 * R(1, 10) * 150 == 243_750 == c["dunbar"].essay_value
    assert c["dunbar"].alternatives["with own life"] == 260_000
    assert c["dunbar"].status == "reading" and "own life" in c["dunbar"].note
    assert c["dunbar-researcher"].computed == 81_250 + 243_750 == 325_000
    assert c["dunbar-researcher"].status == "reading"
    # break-even multipliers: 440,000 / 260,000 = 1.69 with own life, 440,000 / 243,750 = 1.81 without
    assert "1.69" in c["dunbar-researcher"].note and "1.81" in c["dunbar-researcher"].note
    assert c["relative-reading"].status == "reading"
    assert c["relative-reading"].alternatives == {"absolute": 16_250, "relative": R(5, 100) ** 2 * R(1, 5) * 6_500_000}
    assert c["relative-reading"].computed == 3_250
    assert c["industry-sacrifice"].computed == (250_000 - 90_000) * 5 == 800_000
    assert c["buyout"].computed == R(10**9, 250_000 * 5) == 800
    statuses = [cl.status for cl in essay.claims()]
    # ok: own-life, marginal, researcher-vsl, income-sacrifice, industry-sacrifice
    assert statuses.count("ok") == 5


def test_claims_follow_changed_parameters():
    ps = essay.parameters().set(vsl=8e6)
    c = {cl.id: cl for cl in essay.claims(ps)}
    assert c["marginal"].computed == R(1, 400) * 8_000_000 == 20_000
    # issue 18: a value recomputed under the user's --set is "changed", never "mismatch"
    assert c["marginal"].status == "changed" and "at the essay's values: ok" in c["marginal"].note
    # the note is rebuilt from the values, not fixed text
    assert "20,000 x (1 + 0.1 x 150) = 320,000" in c["dunbar"].note
    # claims that do not use the VSL keep their status: (123k - 35k) x 5 = 440,000 still
    assert c["income-sacrifice"].status == "ok" and c["slip-roi"].status == "slip"
