r"""The essay's parameters and walk-through cases as data (:mod:`games.essay` re-exports them, with the claims).

Every parameter of the essay with its value, plausible range, distribution
(with provenance), unit, kind and the essay's words; the two salary scenarios;
the walk-through cases; the model parameters of :mod:`games.assumptions`.
Derived values (the altruism-adjusted VSL) are computed from the parameters
(:func:`derived`), never stored, so ``--set vsl`` moves them.

Examples
--------
>>> parameters()["vsl"].distribution.describe()
"uniform [5,000,000, 8,000,000] (essay: 'somewhere from $5 to $8m')"
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sympy

from games._numbers import CASE_NAMES, SCENARIO_NAMES
from games.assumptions import MODEL_PARAMETERS as _ASSUMED
from games.errors import ParameterError, UnknownNameError, suggest
from games.parameters import Distribution, Parameter, ParameterSet

__all__ = ["parameters", "scenarios", "cases", "apply_case", "derived", "SCENARIOS", "MODEL_PARAMETERS",
           "ESSAY_PARAMETERS", "register_model_parameter", "symbol"]

_D = Distribution
_P = Parameter

ESSAY_PARAMETERS: tuple[Parameter, ...] = (
    _P("vsl", 6.5e6, kind="money", unit="USD", low=5e6, high=8e6, latex=r"V",
       description="value of a statistical life (the researcher's own, average person)",
       quote="The value of a statistical life is worth somewhere from $5 to $8m",
       distribution=_D("uniform", 5e6, 8e6, provenance="essay: 'somewhere from $5 to $8m'")),
    _P("altruism_vsl_multiplier", 3, kind="ratio", unit="ratio", low=2, high=3, latex=r"a",
       description="how much altruism magnifies the VSL",
       quote="people value the lives of others, too, in such a way that might magnify the value of "
             "a statistical life by two or three",
       distribution=_D("uniform", 2, 3, provenance="essay: 'by two or three'")),
    _P("p_doom", 0.20, kind="probability", unit="probability", low=0, high=1, latex=r"P_{\mathrm{doom}}",
       description="probability of doom from AI misalignment",
       quote="If your P(Doom) is 20%",
       distribution=_D("triangular", 0, 0.5, mode=0.2, provenance="ours: mode at the essay's 20%, range ours")),
    _P("p_pivotal", 0.05, kind="probability", unit="probability", low=0, high=1, latex=r"p",
       description="chance the researcher's work makes the difference",
       quote="a 5% chance their particular work will reduce P(Doom) by 5%",
       distribution=_D("triangular", 0.01, 0.1, mode=0.05, provenance="ours: mode at the essay's 5%, range ours")),
    _P("doom_reduction", 0.05, kind="probability", unit="probability (absolute)", low=0, high=1, latex=r"\delta",
       description="absolute reduction of P(doom) if the work succeeds",
       quote="a 5% chance their particular work will reduce P(Doom) by 5%",
       distribution=_D("triangular", 0.01, 0.1, mode=0.05, provenance="ours: mode at the essay's 5%, range ours")),
    _P("researcher_vsl_multiplier", 1, kind="ratio", unit="ratio", low=1, high=5, latex=r"m",
       description="a researcher's VSL relative to the average person's",
       quote="if you think 5x higher, then we get to $81,250",
       distribution=_D("uniform", 1, 5, provenance="essay: 1 (the average person) to 5 ('if you think 5x higher')")),
    _P("salary_alignment", 35e3, kind="money", unit="USD / year", low=20e3, high=150e3, latex=r"w_A",
       ours=True, description="yearly pay for alignment work (range ours)",
       quote="graduate school with a $35k stipend",
       distribution=_D("uniform", 35e3, 90e3, provenance="essay: its $35k stipend and $90k independent work")),
    _P("salary_capabilities", 123e3, kind="money", unit="USD / year", low=80e3, high=400e3, latex=r"w_C",
       ours=True, description="yearly pay for capabilities work (range ours)",
       quote="an entry-level software engineering job paying (conservatively taking the 25th "
             "percentile software engineering salary) $123k",
       distribution=_D("uniform", 123e3, 250e3, provenance="essay: its $123k software job and $250k Capabilities "
                                                            "work")),
    _P("horizon_years", 5, kind="years", unit="years", low=1, high=40, latex=r"T", ours=True,
       description="career horizon over which salaries are compared (undiscounted; range ours)",
       quote="their expected income sacrifice over the next five years is $440k"),
    _P("altruism_weight", 0, kind="ratio", unit="ratio", low=0, high=1, latex=r"\alpha",
       description="weight on another person's life relative to one's own",
       quote="we'll value others' lives about 10% as much as our own",
       distribution=_D("triangular", 0, 0.3, mode=0.1, provenance="ours: mode at the essay's 'about 10%', "
                                                                   "range ours")),
    _P("circle_size", 150, kind="count", unit="people", low=1, high=8e9, latex=r"k",
       description="number of others the researcher cares about",
       quote="Dunbar's number suggests we can only maintain social ties with around 150 others",
       distribution=_D("loguniform", 1, 8e9, provenance="ours: log-uniform from one other person to the essay's "
                                                         "8 billion (Dunbar's 150 inside)")),
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

    A value that is a name means "that parameter's value", or a derived value
    of :func:`derived` (the humanity case sets ``vsl`` to ``vsl_social``, the
    altruism-adjusted VSL :math:`a V`).

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
    extra = derived(ps)
    updates = {}
    for name, v in all_cases[case].items():
        updates[name] = (extra[v] if v in extra else ps[v].value) if isinstance(v, str) else v
    return ps.set(updates)


def derived(ps: ParameterSet) -> dict[str, sympy.Expr]:
    r"""Values derived from the parameters, so that ``--set`` on their inputs moves them.

    ``vsl_social`` :math:`= a V`, the altruism-adjusted value of a statistical
    life ("magnify the value of a statistical life by two or three"): $19.5m at
    the defaults (:math:`3 \times 6.5`m), which the essay rounds to "around
    $20m" (the ``social-vsl`` claim).

    Examples
    --------
    >>> derived(parameters())["vsl_social"]
    19500000
    >>> derived(parameters().set(vsl=8e6))["vsl_social"]
    24000000
    """
    v = ps.as_dict()
    return {"vsl_social": v["vsl"] * v["altruism_vsl_multiplier"]}


if tuple(SCENARIOS) != SCENARIO_NAMES or tuple(cases()) != CASE_NAMES:  # pragma: no cover - a developer's slip
    raise ImportError("games.essay_data: SCENARIOS and cases() must match games._numbers.SCENARIO_NAMES and CASE_NAMES")
