r"""The essay's parameters, its walk-through cases, and its numeric claims recomputed.

Source: "Who Aligns the Alignment Researchers?" (``shared/essay/``); every
figure is listed in ``shared/essay/FIGURES.md``.

* :func:`parameters` returns a :class:`~games.parameters.ParameterSet` with
  every parameter of the essay, its value, plausible range, unit, kind and the
  essay's words.  The defaults are the essay's baseline: the average person,
  valuing only her own life.  Two scenarios fix the salaries: ``"phd"`` ($35k
  stipend vs a $123k software job) and ``"industry"`` ($90k independent
  alignment work vs $250k capabilities work).
* :func:`cases` returns the essay's walk-through cases as overrides.
* :func:`claims` recomputes every numeric claim exactly and says whether the
  essay's figure matches (ok), is a rounding (approx), does not match
  (mismatch), or depends on a reading of ambiguous words (ambiguous).

Decisions where FIGURES.md leaves room:

* A claim is ``ok`` when the recomputation equals the essay's figure exactly,
  ``approx`` when it is within the claim's stated tolerance (only for claims
  the essay words as "about"), ``mismatch`` otherwise.
* The ``dunbar`` claim is recomputed *with* the researcher's own life
  (:math:`16{,}250 \times (1 + 0.1 \times 150) = 260{,}000`), the reading that
  the essay's own model implies; the essay's $243,750 counts only the 150
  others, which the note and the ``alternatives`` field show.
* Claims that name the industry salaries (``industry-sacrifice``, ``buyout``)
  use the industry scenario's salaries whatever scenario the rest comes from.
* Model parameters that the essay does not quantify (reputation, market share,
  audit cost ...) are registered by the game modules in :data:`MODEL_PARAMETERS`
  with ``ours=True``; they are part of every scenario's set so that ``--set``
  reaches them.

Examples
--------
>>> ps = parameters("phd")
>>> ps["vsl"].value, ps["salary_capabilities"].value
(6500000, 123000)
>>> {c.id: c.status for c in claims()}["dunbar"]
'mismatch'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy

from games._numbers import CASE_NAMES, SCENARIO_NAMES
from games._text import format_number
from games.assumptions import MODEL_PARAMETERS as _ASSUMED
from games.errors import ParameterError, UnknownNameError, suggest
from games.parameters import Parameter, ParameterSet

__all__ = ["parameters", "scenarios", "cases", "claims", "Claim", "SCENARIOS", "MODEL_PARAMETERS",
           "register_model_parameter", "symbol"]

_P = Parameter

ESSAY_PARAMETERS: tuple[Parameter, ...] = (
    _P("vsl", 6.5e6, kind="money", unit="USD", low=5e6, high=8e6, latex=r"V",
       description="value of a statistical life (the researcher's own, average person)",
       quote="The value of a statistical life is worth somewhere from $5 to $8m"),
    _P("altruism_vsl_multiplier", 3, kind="ratio", unit="ratio", low=2, high=3, latex=r"a",
       description="how much altruism magnifies the VSL",
       quote="people value the lives of others, too, in such a way that might magnify the value of "
             "a statistical life by two or three"),
    _P("vsl_social", 20e6, kind="money", unit="USD", low=13e6, high=24e6, latex=r"V_{\mathrm{social}}", ours=True,
       description="altruism-adjusted value of a statistical life (range ours: vsl x 2..3)",
       quote="the adjusted value of a single statistical life is somewhere around $20m"),
    _P("p_doom", 0.20, kind="probability", unit="probability", low=0, high=1, latex=r"P_{\mathrm{doom}}",
       description="probability of doom from AI misalignment",
       quote="If your P(Doom) is 20%"),
    _P("p_pivotal", 0.05, kind="probability", unit="probability", low=0, high=1, latex=r"p",
       description="chance the researcher's work makes the difference",
       quote="a 5% chance their particular work will reduce P(Doom) by 5%"),
    _P("doom_reduction", 0.05, kind="probability", unit="probability (absolute)", low=0, high=1, latex=r"\delta",
       description="absolute reduction of P(doom) if the work succeeds",
       quote="a 5% chance their particular work will reduce P(Doom) by 5%"),
    _P("researcher_vsl_multiplier", 1, kind="ratio", unit="ratio", low=1, high=5, latex=r"m",
       description="a researcher's VSL relative to the average person's",
       quote="if you think 5x higher, then we get to $81,250"),
    _P("salary_alignment", 35e3, kind="money", unit="USD / year", low=20e3, high=150e3, latex=r"w_A",
       ours=True, description="yearly pay for alignment work (range ours)",
       quote="graduate school with a $35k stipend"),
    _P("salary_capabilities", 123e3, kind="money", unit="USD / year", low=80e3, high=400e3, latex=r"w_C",
       ours=True, description="yearly pay for capabilities work (range ours)",
       quote="an entry-level software engineering job paying (conservatively taking the 25th "
             "percentile software engineering salary) $123k"),
    _P("horizon_years", 5, kind="years", unit="years", low=1, high=40, latex=r"T", ours=True,
       description="career horizon over which salaries are compared (undiscounted; range ours)",
       quote="their expected income sacrifice over the next five years is $440k"),
    _P("altruism_weight", 0, kind="ratio", unit="ratio", low=0, high=1, latex=r"\alpha",
       description="weight on another person's life relative to one's own",
       quote="we'll value others' lives about 10% as much as our own"),
    _P("circle_size", 150, kind="count", unit="people", low=1, high=8e9, latex=r"k",
       description="number of others the researcher cares about",
       quote="Dunbar's number suggests we can only maintain social ties with around 150 others"),
    _P("world_population", 8e9, kind="count", unit="people", latex=r"N_{\mathrm{world}}",
       description="people alive", quote="all 8 billion human lives"),
    _P("world_gdp_2021", 97e12, kind="money", unit="USD", low=96e12, high=98e12, latex=r"\mathrm{GDP}_{2021}",
       ours=True, description="2021 world GDP, current USD (World Bank; not in the essay)",
       quote="or the 2021 world GDP for about five years"),
    _P("alignment_funding_total", 10e9, kind="money", unit="USD", latex=r"F_A",
       description="total funding available for alignment research",
       quote="The total available funding specifically for Alignment research is in the order of $10b"),
    _P("ai_investment_2023", 50e9, kind="money", unit="USD / year", latex=r"I_{2023}",
       description="AI investment in 2023",
       quote="investors and major companies intend to pour $50b into AI this year"),
    _P("ai_investment_2024", 110e9, kind="money", unit="USD / year", latex=r"I_{2024}",
       description="AI investment in 2024", quote="and $110b by 2024"),
    _P("microsoft_openai_investment", 10e9, kind="money", unit="USD", latex=r"I_{\mathrm{MS}}",
       description="Microsoft's January investment in OpenAI",
       quote="investment from Microsoft in January, to the tune of $10b"),
    _P("buyout_budget", 1e9, kind="money", unit="USD", latex=r"B",
       description="budget to buy researchers out of capabilities work",
       quote="If you gave Miri a billion dollars ... bribe people to move out of AI development"),
)

#: Salaries per scenario: (salary_alignment, salary_capabilities), USD / year.
SCENARIOS: dict[str, dict[str, int]] = {
    "phd": {"salary_alignment": 35_000, "salary_capabilities": 123_000},
    "industry": {"salary_alignment": 90_000, "salary_capabilities": 250_000},
}

_SCENARIO_QUOTES = {
    "phd": ("graduate school with a $35k stipend", "an entry-level software engineering job paying ... $123k"),
    "industry": ("doing independent alignment work for $90k", "vs. Capabilities work for $250k"),
}

#: Parameters of the game models that the essay does not quantify (``ours=True``): :mod:`games.assumptions`,
#: then any that a user adds with :func:`register_model_parameter`, in the order added.
MODEL_PARAMETERS: dict[str, Parameter] = {p.name: p for p in _ASSUMED}


def register_model_parameter(param: Parameter) -> Parameter:
    """Add a model parameter (not quantified by the essay) to every scenario's set.

    For a game of one's own: its parameters then take part in
    :func:`parameters`, ``--set`` and the sweeps like the library's.
    Registering the same name twice with a different definition is an error.
    """
    if any(p.name == param.name for p in ESSAY_PARAMETERS):
        raise ParameterError(f"register_model_parameter: {param.name!r} is an essay parameter")
    old = MODEL_PARAMETERS.get(param.name)
    if old is not None and old != param:
        raise ParameterError(f"register_model_parameter: {param.name!r} is already registered differently")
    MODEL_PARAMETERS.setdefault(param.name, param)
    return param


def symbol(name: str) -> sympy.Symbol:
    """The sympy Symbol of an essay or registered model parameter (no ParameterSet is built).

    Examples
    --------
    >>> symbol("vsl").is_nonnegative
    True
    """
    for p in ESSAY_PARAMETERS:
        if p.name == name:
            return p.symbol
    if name in MODEL_PARAMETERS:
        return MODEL_PARAMETERS[name].symbol
    raise UnknownNameError(suggest(str(name), [p.name for p in ESSAY_PARAMETERS] + list(MODEL_PARAMETERS),
                                   what="parameter"))


def scenarios() -> tuple[str, ...]:
    """The scenario names: ``("phd", "industry")``."""
    return tuple(SCENARIOS)


def parameters(scenario: str = "phd", case: str | None = None) -> ParameterSet:
    """The essay's parameter set for a scenario, optionally with a case applied.

    Parameters
    ----------
    scenario : {"phd", "industry"}
        Which salaries the researcher compares.
    case : str, optional
        One of :func:`cases` (``"baseline"``, ``"researcher_5x"``, ``"dunbar"``,
        ``"dunbar_5x"``, ``"humanity"``).

    Examples
    --------
    >>> parameters("industry")["salary_alignment"].value
    90000
    >>> parameters(case="dunbar")["altruism_weight"].value
    1/10
    >>> parameters("postdoc")
    Traceback (most recent call last):
    ...
    games.errors.UnknownNameError: unknown scenario 'postdoc' (allowed: industry, phd)
    """
    if scenario not in SCENARIOS:
        raise UnknownNameError(suggest(str(scenario), SCENARIOS, what="scenario"))
    ps = ParameterSet(ESSAY_PARAMETERS + tuple(MODEL_PARAMETERS.values()), name=scenario)
    ps = ps.set(SCENARIOS[scenario])
    qa, qc = _SCENARIO_QUOTES[scenario]
    import dataclasses

    ps = dataclasses.replace(
        ps,
        parameters=tuple(
            dataclasses.replace(p, quote=qa) if p.name == "salary_alignment"
            else dataclasses.replace(p, quote=qc) if p.name == "salary_capabilities" else p
            for p in ps.parameters
        ),
    )
    if case is not None:
        ps = apply_case(ps, case)
    return ps


def cases() -> dict[str, dict[str, Any]]:
    """The essay's walk-through cases as parameter overrides.

    A value that is a parameter name means "that parameter's value" (the
    humanity case sets ``vsl`` to ``vsl_social``).

    Examples
    --------
    >>> sorted(cases())
    ['baseline', 'dunbar', 'dunbar_5x', 'humanity', 'researcher_5x']
    """
    return {
        "baseline": {},
        "researcher_5x": {"researcher_vsl_multiplier": 5},
        "dunbar": {"altruism_weight": sympy.Rational(1, 10), "circle_size": 150},
        "dunbar_5x": {"altruism_weight": sympy.Rational(1, 10), "circle_size": 150, "researcher_vsl_multiplier": 5},
        "humanity": {"vsl": "vsl_social", "altruism_weight": 1, "circle_size": "world_population"},
    }


def apply_case(ps: ParameterSet, case: str) -> ParameterSet:
    """Apply one of :func:`cases` to a parameter set."""
    all_cases = cases()
    if case not in all_cases:
        raise UnknownNameError(suggest(str(case), all_cases, what="case"))
    updates = {}
    for name, v in all_cases[case].items():
        updates[name] = ps[v].value if isinstance(v, str) else v
    return ps.set(updates)


@dataclass(frozen=True)
class Claim:
    """One numeric claim of the essay, recomputed.

    Attributes
    ----------
    id : str
    claim : str
        The essay's words.
    essay_value : sympy.Rational or None
        The figure the essay states (None when it states no number).
    computed : sympy.Rational
        The exact recomputation from the parameters.
    status : {"ok", "approx", "mismatch", "ambiguous"}
    note : str
    formula : str
        How ``computed`` was obtained.
    alternatives : dict
        Other readings and their values (e.g. with / without own life).
    """

    id: str
    claim: str
    essay_value: sympy.Expr | None
    computed: sympy.Expr
    status: str
    note: str
    formula: str = ""
    alternatives: Mapping[str, sympy.Expr] = field(default_factory=dict)


def _status(essay: sympy.Expr | None, computed: sympy.Expr, tol: sympy.Expr = sympy.S.Zero) -> str:
    if essay is None:
        return "ok"
    if computed == essay:
        return "ok"
    if tol and abs(computed - essay) <= tol * abs(essay):
        return "approx"
    return "mismatch"


def _fmt(x: Any) -> str:
    """A number in a claim's note, to three significant digits: 16,250 / 0.1 / 4.12."""
    return format_number(x, digits=3)


def claims(params: ParameterSet | None = None) -> list[Claim]:
    """Recompute every numeric claim of the essay (FIGURES.md's audit table).

    Parameters
    ----------
    params : ParameterSet, optional
        Defaults to ``parameters("phd")``.  Change values to see which claims
        survive other assumptions.

    Returns
    -------
    list of Claim
        In the order of FIGURES.md.

    Examples
    --------
    >>> c = {c.id: c for c in claims()}
    >>> c["marginal"].computed, c["marginal"].status
    (16250, 'ok')
    >>> c["dunbar"].computed, c["dunbar"].alternatives["without own life"]
    (260000, 243750)
    """
    ps = parameters("phd") if params is None else params
    v = ps.as_dict()
    R = sympy.Rational
    marginal = v["p_pivotal"] * v["doom_reduction"] * v["vsl"]
    sacrifice = (v["salary_capabilities"] - v["salary_alignment"]) * v["horizon_years"]
    hum = apply_case(ps, "humanity").as_dict()
    humanity = v["p_pivotal"] * v["doom_reduction"] * hum["vsl"] * hum["circle_size"]
    dun = apply_case(ps, "dunbar").as_dict()
    dun_others = marginal * dun["altruism_weight"] * dun["circle_size"]
    dun_self = marginal * (1 + dun["altruism_weight"] * dun["circle_size"])
    dun5 = apply_case(ps, "dunbar_5x").as_dict()
    dun5_self = dun_self * dun5["researcher_vsl_multiplier"]
    dun5_others = dun_others * dun5["researcher_vsl_multiplier"]
    ind = ps.set(SCENARIOS["industry"]).as_dict()
    ind_sacrifice = (ind["salary_capabilities"] - ind["salary_alignment"]) * ind["horizon_years"]
    r5 = apply_case(ps, "researcher_5x").as_dict()["researcher_vsl_multiplier"]
    gdp_years = humanity / v["world_gdp_2021"] if v["world_gdp_2021"] else sympy.oo
    relative = v["p_pivotal"] * v["doom_reduction"] * v["p_doom"] * v["vsl"]

    def ratio(a: sympy.Expr, b: sympy.Expr) -> str:
        return _fmt(a / b) if b else "undefined"

    out = [
        Claim("own-life", "20%*$6.5m, or $1.3m", R(1_300_000), v["p_doom"] * v["vsl"], "", "",
              "p_doom * vsl"),
        Claim("marginal", "5%*5%*$6.5m=$16,250", R(16_250), marginal, "", "",
              "p_pivotal * doom_reduction * vsl"),
        Claim("researcher-vsl", "if you think 5x higher, then we get to $81,250", R(81_250), marginal * r5, "", "",
              "p_pivotal * doom_reduction * vsl * 5"),
        Claim("income-sacrifice", "their expected income sacrifice over the next five years is $440k", R(440_000),
              sacrifice, "", "undiscounted", "(salary_capabilities - salary_alignment) * horizon_years"),
        Claim("humanity", "5%*5%*$20m*8 billion=$400 trillion", R(400 * 10**12), humanity, "", "",
              "p_pivotal * doom_reduction * vsl_social * world_population"),
        Claim("gdp-years", "or the 2021 world GDP for about five years", R(5), gdp_years, "",
              f"$400 trillion is {_fmt(gdp_years)} years of 2021 world GDP; the essay rounds to 'about five'",
              "humanity / world_gdp_2021"),
        Claim("dunbar", "revised upwards from $16,250 to $243,750", R(243_750), dun_self, "",
              f"the essay's x{_fmt(1 + dun['altruism_weight'] * dun['circle_size'] - 1)} counts only the "
              f"{_fmt(dun['circle_size'])} others ({_fmt(marginal)} x {_fmt(dun['altruism_weight'])} x "
              f"{_fmt(dun['circle_size'])} = {_fmt(dun_others)}); with the researcher's own life, "
              f"{_fmt(marginal)} x (1 + {_fmt(dun['altruism_weight'])} x {_fmt(dun['circle_size'])}) = {_fmt(dun_self)}",
              "marginal * (1 + altruism_weight * circle_size)",
              {"with own life": dun_self, "without own life": dun_others}),
        Claim("dunbar-researcher",
              "if you think alignment researchers have a Value of Statistical Life ... five times ... "
              "we're getting to a value we need",
              None, dun5_self, "ok" if dun5_self > sacrifice else "mismatch",
              f"{_fmt(dun5_self)} with own life ({_fmt(dun5_others)} without) against the "
              f"{_fmt(sacrifice)} income sacrifice; break-even multiplier "
              f"{ratio(sacrifice, dun_self)} with own life, {ratio(sacrifice, dun_others)} without",
              "dunbar * researcher_vsl_multiplier(5) > income-sacrifice",
              {"with own life": dun5_self, "without own life": dun5_others}),
        Claim("relative-reading", "reduce P(Doom) by 5%", R(16_250), relative, "ambiguous",
              f"'by 5%' read as absolute (5 points): {_fmt(marginal)}; read as relative "
              f"(5% of P(doom)): {_fmt(relative)}",
              "p_pivotal * doom_reduction * p_doom * vsl (relative reading)",
              {"absolute": marginal, "relative": relative}),
        Claim("industry-sacrifice", "$90k vs. Capabilities work for $250k", None, ind_sacrifice, "ok",
              "not computed in the essay: the income sacrifice with the industry salaries, undiscounted",
              "(250k - 90k) * horizon_years"),
        Claim("buyout", "a billion dollars ... bribe people to move out of AI development", None,
              v["buyout_budget"] / (ind["salary_capabilities"] * ind["horizon_years"]), "ok",
              "not computed in the essay: five-year capabilities careers at $250k/year that $1b buys out",
              "buyout_budget / (salary_capabilities(industry) * horizon_years)"),
    ]
    tolerances = {"gdp-years": R(1, 4)}
    result = []
    for c in out:
        status = c.status or _status(c.essay_value, c.computed, tolerances.get(c.id, sympy.Integer(0)))
        result.append(Claim(c.id, c.claim, c.essay_value, c.computed, status, c.note, c.formula,
                            dict(c.alternatives)))
    return result


if tuple(SCENARIOS) != SCENARIO_NAMES or tuple(cases()) != CASE_NAMES:  # pragma: no cover - a developer's slip
    raise ImportError("games.essay: SCENARIOS and cases() must match games._numbers.SCENARIO_NAMES and CASE_NAMES")
