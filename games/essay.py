r"""The essay's parameters, its walk-through cases, and its claims recomputed, each with its readings.

Source: "Who Aligns the Alignment Researchers?" (``shared/essay/``); every
figure is listed in ``shared/essay/FIGURES.md``.

* :func:`parameters`, :func:`cases`, :func:`derived` and the parameter
  registry come from :mod:`games.essay_data` (re-exported here).
* :func:`claims` recomputes every claim exactly.  A claim can carry several
  :class:`Reading`\ s: each with its assumption in words, its value and
  whether the essay's conclusion survives it.

Statuses (:data:`STATUSES`), which say what happened:

``ok``
    the essay's arithmetic is exact (or the claim states no number);
``rounding``
    within the claim's tolerance, for a figure the essay words as "around";
``reading``
    the essay's figure holds under its reading, and another defensible reading
    gives a different value (all readings are listed);
``slip``
    a textual error (the words say the opposite of the argument, or break off);
``error``
    the arithmetic is wrong;
``changed``
    recomputed under the user's values, which differ from the essay's (the note
    gives the status at the essay's values).  Never "mismatch": the essay's own
    correct arithmetic is never labelled an error because a user moved a value.

Decisions:

* The ``dunbar`` claim's value is the essay's reading (the 150 others only,
  $243,750); the reading with the researcher's own life ($260,000) is listed.
* ``dunbar-researcher``: the essay adds the 5x own VSL "on top of" the
  others' $243,750, which gives 81,250 + 243,750 = 325,000, *below* the $440k
  sacrifice: under this literal reading the essay's conclusion fails; if 5x
  scales every life the researcher values, 5 x 260,000 = 1,300,000 and it holds.
* ``humanity`` is recomputed with the altruism-adjusted VSL derived from the
  VSL (:func:`derived`), so ``--set vsl`` moves it; the reading without double
  counting values each of the 8 billion lives at the average $6.5m ($130
  trillion), since the $20m already includes altruism toward others.
* ``gdp-years`` divides the essay's $400 trillion by 2021 world GDP: 4.12
  years, which is not "about five" (an ``error``).
* Claims that name the industry salaries (``industry-sacrifice``, ``buyout``)
  use the industry scenario's salaries whatever scenario the rest comes from.
* The buy-out's numbers beyond the essay's (replacement hiring, the
  Capabilities workforce, P(doom) per year bought) are ours and flagged in
  the readings' assumptions.

Examples
--------
>>> ps = parameters("phd")
>>> ps["vsl"].value, ps["salary_capabilities"].value
(6500000, 123000)
>>> c = {c.id: c for c in claims()}
>>> c["dunbar"].status, c["dunbar"].alternatives["with own life"]
('reading', 260000)
>>> [r.survives for r in c["dunbar-researcher"].readings]
[False, True, True]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import sympy

from games._text import format_number
from games.essay_data import (
    ESSAY_PARAMETERS,
    MODEL_PARAMETERS,
    SCENARIOS,
    apply_case,
    cases,
    derived,
    parameters,
    register_model_parameter,
    scenarios,
    symbol,
)
from games.parameters import ParameterSet

__all__ = ["parameters", "scenarios", "cases", "apply_case", "derived", "claims", "Claim", "Reading", "STATUSES",
           "SCENARIOS", "MODEL_PARAMETERS", "ESSAY_PARAMETERS", "register_model_parameter", "symbol"]

#: The statuses a claim can have, in the order the audit counts them.
STATUSES: tuple[str, ...] = ("ok", "rounding", "reading", "slip", "error", "changed")

R = sympy.Rational


@dataclass(frozen=True)
class Reading:
    """One reading of a claim.

    Attributes
    ----------
    name : str
        Short label (``"with own life"``).
    assumption : str
        The assumption in words; ``(ours)`` marks numbers the essay does not give.
    value : sympy.Expr or None
    survives : bool or None
        Whether the essay's conclusion survives this reading (None: the
        reading bears on no conclusion).
    """

    name: str
    assumption: str
    value: sympy.Expr | None
    survives: bool | None = None

    def __post_init__(self) -> None:
        if self.survives is not None:
            object.__setattr__(self, "survives", bool(self.survives))


@dataclass(frozen=True)
class Claim:
    """One claim of the essay, recomputed.

    Attributes
    ----------
    id : str
    claim : str
        The essay's words.
    essay_value : sympy.Expr or None
        The figure the essay states (None when it states no number).
    computed : sympy.Expr or None
        The exact recomputation from the parameters (None for a textual slip).
    status : str
        One of :data:`STATUSES`.
    note : str
    formula : str
        How ``computed`` was obtained.
    readings : tuple of Reading
        Every reading considered, the essay's first where it has one.
    conclusion : str
        The conclusion of the essay that the readings are tested against.
    """

    id: str
    claim: str
    essay_value: sympy.Expr | None
    computed: sympy.Expr | None
    status: str
    note: str
    formula: str = ""
    readings: tuple[Reading, ...] = ()
    conclusion: str = ""

    @property
    def alternatives(self) -> dict[str, sympy.Expr | None]:
        """``{reading name: value}``."""
        return {r.name: r.value for r in self.readings}


def _fmt(x: Any) -> str:
    """A number in a claim's note, to three significant digits: 16,250 / 0.1 / 4.12."""
    return format_number(x, digits=3)


def _rounding(essay: sympy.Expr, computed: sympy.Expr, tol: sympy.Expr) -> str:
    if computed == essay:
        return "ok"
    return "rounding" if abs(computed - essay) <= tol * abs(essay) else "error"


def _individual(v: Mapping[str, Any], ps: ParameterSet) -> list[Claim]:
    marginal = v["p_pivotal"] * v["doom_reduction"] * v["vsl"]
    sacrifice = (v["salary_capabilities"] - v["salary_alignment"]) * v["horizon_years"]
    r5 = apply_case(ps, "researcher_5x").as_dict()["researcher_vsl_multiplier"]
    social = derived(ps)["vsl_social"]
    a = v["altruism_vsl_multiplier"]
    dun = apply_case(ps, "dunbar").as_dict()
    alpha, k = dun["altruism_weight"], dun["circle_size"]
    others, with_own = marginal * alpha * k, marginal * (1 + alpha * k)
    own5 = marginal * r5
    relative = marginal * v["p_doom"]
    return [
        Claim("own-life", "20%*$6.5m, or $1.3m", R(1_300_000), v["p_doom"] * v["vsl"], "", "", "p_doom * vsl"),
        Claim("marginal", "5%*5%*$6.5m=$16,250", R(16_250), marginal, "", "", "p_pivotal * doom_reduction * vsl"),
        Claim("researcher-vsl", "if you think 5x higher, then we get to $81,250", R(81_250), own5, "", "",
              "p_pivotal * doom_reduction * vsl * 5"),
        Claim("income-sacrifice", "their expected income sacrifice over the next five years is $440k", R(440_000),
              sacrifice, "", "undiscounted", "(salary_capabilities - salary_alignment) * horizon_years"),
        Claim("social-vsl", "the adjusted value of a single statistical life is somewhere around $20m",
              R(20_000_000), social, "rounding?",
              f"altruism magnifies the VSL 'by two or three': {_fmt(a)} x {_fmt(v['vsl'])} = {_fmt(social)}, "
              "which the essay rounds to 'around $20m'", "altruism_vsl_multiplier * vsl",
              (Reading("by two", "altruism doubles the VSL", 2 * v["vsl"]),
               Reading("by three", "altruism triples the VSL", 3 * v["vsl"]))),
        Claim("dunbar", "revised upwards from $16,250 to $243,750", R(243_750), others, "reading",
              f"the essay counts only the {_fmt(k)} others ({_fmt(marginal)} x {_fmt(alpha)} x {_fmt(k)} = "
              f"{_fmt(others)}); with the researcher's own life, {_fmt(marginal)} x (1 + {_fmt(alpha)} x "
              f"{_fmt(k)}) = {_fmt(with_own)}; both are below the {_fmt(sacrifice)} sacrifice",
              "marginal * altruism_weight * circle_size",
              (Reading("without own life", "the essay's: only the 150 others count", others, others < sacrifice),
               Reading("with own life", "the researcher's own life counts as well", with_own,
                       with_own < sacrifice)),
              "altruism toward 150 others alone does not cover the income sacrifice"),
        Claim("dunbar-researcher",
              "On top of that, if you think alignment researchers have a Value of Statistical Life for themselves "
              "that is five times as much ... we're getting to a value we need", None, own5 + others, "reading",
              f"5x on the own life only, 'on top of' the others: {_fmt(own5)} + {_fmt(others)} = "
              f"{_fmt(own5 + others)}, below the {_fmt(sacrifice)} sacrifice (the conclusion fails); 5x on every "
              f"life valued: {_fmt(r5 * with_own)}; break-even multiplier {_fmt(sacrifice / with_own)} with own "
              f"life, {_fmt(sacrifice / others) if others else 'undefined'} without",
              "researcher_vsl_multiplier * marginal + dunbar",
              (Reading("own life only at 5x", "the essay's 'on top of that': only the researcher's own VSL is 5x, "
                       "the others stay at 10% of the average VSL", own5 + others, own5 + others > sacrifice),
               Reading("5x every life", "5x scales every life the researcher values, own life included "
                       "(the toolkit's career_choice)", r5 * with_own, r5 * with_own > sacrifice),
               Reading("5x others, own life left out", "5x scales the 150 others' lives, own life not counted",
                       r5 * others, r5 * others > sacrifice)),
              "with a 5x VSL the value reaches the income sacrifice"),
        Claim("relative-reading", "reduce P(Doom) by 5%", R(16_250), relative, "reading",
              f"'by 5%' read as absolute (5 points): {_fmt(marginal)}; read as relative "
              f"(5% of P(doom)): {_fmt(relative)}", "p_pivotal * doom_reduction * p_doom * vsl (relative reading)",
              (Reading("absolute", "5 percentage points (the essay's arithmetic)", marginal, marginal < sacrifice),
               Reading("relative", "5% of the 20% P(doom)", relative, relative < sacrifice)),
              "the own life alone does not make Alignment worth the sacrifice"),
    ]


def _humanity(v: Mapping[str, Any], ps: ParameterSet) -> list[Claim]:
    pd = v["p_pivotal"] * v["doom_reduction"]
    sacrifice = (v["salary_capabilities"] - v["salary_alignment"]) * v["horizon_years"]
    hum = apply_case(ps, "humanity").as_dict()
    n = hum["circle_size"]
    social = hum["vsl"]
    humanity = pd * social * n
    stated = pd * R(20_000_000) * n
    single = pd * v["vsl"] * n
    gdp = v["world_gdp_2021"]

    def years(x: sympy.Expr) -> sympy.Expr:
        return x / gdp if gdp else sympy.oo

    essay_400 = R(400 * 10**12)
    n_star_w = pd * v["vsl"] * v["researcher_vsl_multiplier"] * (1 + v["altruism_weight"] * v["circle_size"])
    n_star = sacrifice / n_star_w if n_star_w else sympy.oo
    pair = 2 * n_star_w - sacrifice
    smallest = sympy.floor(n_star) + 1 if n_star.is_finite else sympy.oo
    return [
        Claim("humanity", "5%*5%*$20m*8 billion=$400 trillion", essay_400, humanity, "reading",
              f"the essay's arithmetic from its $20m is exact ({_fmt(stated)}); with the derived a x V = "
              f"{_fmt(social)} it is {_fmt(humanity)}; but the $20m already counts altruism toward others, and "
              f"the {_fmt(n)} others are counted again at weight 1: at {_fmt(v['vsl'])} a life, {_fmt(single)} "
              f"({_fmt(years(single))} years of 2021 world GDP)",
              "p_pivotal * doom_reduction * vsl_social * world_population",
              (Reading("the essay's $20m", "each of 8 billion lives at the altruism-adjusted $20m", stated,
                       stated > sacrifice),
               Reading("derived a x V", "each life at altruism_vsl_multiplier x vsl", humanity, humanity > sacrifice),
               Reading("no double counting", "each life at the average VSL, since the adjusted VSL already "
                       "includes altruism toward others", single, single > sacrifice)),
              "for a scale-invariant person the expected payoff is enormous"),
        Claim("gdp-years", "or the 2021 world GDP for about five years", R(5), years(essay_400), "error",
              f"$400 trillion is {_fmt(years(essay_400))} years of 2021 world GDP ({_fmt(gdp)}), about four, "
              f"not five; {_fmt(humanity)} is {_fmt(years(humanity))} and {_fmt(single)} is "
              f"{_fmt(years(single))} years", "400 trillion / world_gdp_2021",
              (Reading("the essay's $400 trillion", "the essay's figure", years(essay_400)),
               Reading("derived a x V", "the humanity value at a x V", years(humanity)),
               Reading("no double counting", "each life at the average VSL", years(single)))),
        Claim("collective-action", "Generally speaking, there's a collective action problem.", None, n_star,
              "reading",
              f"all-Alignment beats all-Capabilities for everyone only above n* = {_fmt(sacrifice)} / "
              f"{_fmt(n_star_w)} = {format_number(n_star, digits=4)} researchers ({_fmt(smallest)} or more): a Prisoner's Dilemma "
              f"there; with two researchers all-Alignment is worse for both by {_fmt(-pair)} "
              "(2 x marginal - sacrifice), a Deadlock, not a dilemma",
              "income-sacrifice / (p_pivotal * doom_reduction * researcher valuation)",
              (Reading("two researchers", "n = 2, as in collective_action_pair: a Deadlock", pair, bool(pair > 0)),
               Reading(f"{_fmt(smallest)} or more researchers", "n > n*: a Prisoner's Dilemma",
                       smallest * n_star_w - sacrifice if smallest.is_finite else None, True)),
              "the researchers face a collective-action dilemma"),
    ]


def _organizational(v: Mapping[str, Any], ps: ParameterSet) -> list[Claim]:
    ind = ps.set(SCENARIOS["industry"]).as_dict()
    ind_sacrifice = (ind["salary_capabilities"] - ind["salary_alignment"]) * ind["horizon_years"]
    fa, i23, i24, t = v["alignment_funding_total"], v["ai_investment_2023"], v["ai_investment_2024"], v["horizon_years"]

    def ratio(a: sympy.Expr, b: sympy.Expr) -> sympy.Expr:
        return a / b if b else sympy.oo

    yearly = ratio(fa, t)
    careers = ratio(v["buyout_budget"], ind["salary_capabilities"] * ind["horizon_years"])
    removed = careers * (1 - v["replacement_rate"])
    bought = ratio(v["horizon_years"] * removed, v["capabilities_workforce"])
    doom = -v["doom_per_year_bought"] * bought
    moved = careers * v["p_pivotal"] * v["doom_reduction"]
    return [
        Claim("funding-ratio", "in the order of $10b ... $50b into AI this year and $110b by 2024", None,
              ratio(i23, fa), "reading",
              f"{_fmt(ratio(i23, fa))}x this year and {_fmt(ratio(i24, fa))}x by 2024; Alignment's share of the "
              f"money {_fmt(ratio(fa, fa + i23))} and {_fmt(ratio(fa, fa + i24))}; but $10b is a total and the "
              f"investment is yearly: spread over {_fmt(t)} years ({_fmt(yearly)} a year, ours) the 2024 ratio "
              f"is {_fmt(ratio(i24, yearly))}x", "ai_investment_2023 / alignment_funding_total",
              (Reading("this year", "the $10b total against this year's $50b", ratio(i23, fa), i23 > fa),
               Reading("by 2024", "the $10b total against 2024's $110b", ratio(i24, fa), i24 > fa),
               Reading("Alignment's share, this year", "10 / (10 + 50)", ratio(fa, fa + i23), fa < i23),
               Reading("Alignment's share, 2024", "10 / (10 + 110)", ratio(fa, fa + i24), fa < i24),
               Reading("yearly against yearly", "the $10b spread over the horizon (ours) against 2024's $110b",
                       ratio(i24, yearly), i24 > yearly)),
              "far more money goes to Capabilities than to Alignment"),
        Claim("industry-sacrifice", "$90k vs. Capabilities work for $250k", None, ind_sacrifice, "ok",
              "not computed in the essay: the income sacrifice with the industry salaries, undiscounted",
              "(250k - 90k) * horizon_years"),
        Claim("buyout", "a billion dollars ... bribe people to move out of AI development ... just to remove "
              "them from the system", None, careers, "reading",
              f"{_fmt(careers)} five-year $250k careers; removed, not moved to Alignment: with "
              f"{_fmt(v['replacement_rate'])} of them replaced (ours) {_fmt(removed)} leave a Capabilities "
              f"workforce of {_fmt(v['capabilities_workforce'])} (ours), buying {_fmt(bought)} years of progress "
              f"and {_fmt(doom)} of P(doom) at {_fmt(v['doom_per_year_bought'])} a year (ours)",
              "buyout_budget / (salary_capabilities(industry) * horizon_years)",
              (Reading("time bought (years)", "Yudkowsky's island: the researchers leave, a replacement_rate of "
                       "them is refilled, progress is proportional to the workforce (ours)", bought, bought > 0),
               Reading("P(doom) change", "doom_per_year_bought x time bought (ours)", doom, doom < 0),
               Reading("moved to Alignment", "not the essay's: each bought-out researcher does Alignment with the "
                       "essay's marginal impact (the linear model would exceed P(doom))", -moved)),
              "buying researchers out buys time"),
    ]


_SLIPS = (
    ("slip-roi", "There is more money available to fund Alignment research and the ROI for doing the research is "
                 "higher.",
     "the section argues the opposite: read 'to fund Capabilities research'"),
    ("slip-envelope", "buying out Capabilities researchers just to prevent them from pushing the envelope on "
                      "Alignment",
     "the buy-out stops Capabilities work: read 'pushing the envelope on Capabilities'"),
    ("slip-dangling", "Very roughly speaking,",
     "the 'Organizational level' paragraph ends on these words; the sentence is missing"),
)


def _compute(ps: ParameterSet) -> list[Claim]:
    v = ps.as_dict()
    out = _individual(v, ps) + _humanity(v, ps) + _organizational(v, ps)
    out += [Claim(i, words, None, None, "slip", note) for i, words, note in _SLIPS]
    result = []
    for c in out:
        status = c.status
        if status == "rounding?":
            assert c.essay_value is not None and c.computed is not None
            status = _rounding(c.essay_value, c.computed, R(1, 10))
        elif status == "":
            status = "ok" if c.essay_value is None or c.computed == c.essay_value else "error"
        result.append(replace(c, status=status))
    return result


@cache
def _at_essay_values() -> tuple[Claim, ...]:
    return tuple(_compute(parameters("phd")))


def claims(params: ParameterSet | None = None) -> list[Claim]:
    """Recompute every claim of the essay (FIGURES.md's audit table), with its readings.

    Parameters
    ----------
    params : ParameterSet, optional
        Defaults to ``parameters("phd")``.  A claim whose value (or a reading's)
        differs from its value at the essay's own values is ``changed``.

    Returns
    -------
    list of Claim
        In the order of FIGURES.md, then the new claims, then the textual slips.

    Examples
    --------
    >>> c = {c.id: c for c in claims()}
    >>> c["marginal"].computed, c["marginal"].status
    (16250, 'ok')
    >>> c["gdp-years"].status, format_number(c["gdp-years"].computed, digits=3)
    ('error', '4.12')
    >>> c8 = {c.id: c for c in claims(parameters().set(vsl=8e6))}
    >>> c8["marginal"].computed, c8["marginal"].status
    (20000, 'changed')
    """
    ps = parameters("phd") if params is None else params
    base = {c.id: c for c in _at_essay_values()}
    result = []
    for c in _compute(ps):
        b = base[c.id]
        if (c.computed, c.alternatives) != (b.computed, b.alternatives):
            c = replace(c, status="changed", note=f"recomputed under your values (at the essay's values: "
                                                   f"{b.status}); " + c.note)
        result.append(c)
    return result
