r"""The report's section on sequence and time: the leader and the entrant, mission drift, the safety pact.

Each model's closed-form condition (:func:`solvers.equilibrium_conditions`,
:func:`solvers.sustainability`) and its value at the report's parameters, as
LaTeX and Markdown blocks; the numbers also go to the report's JSON under
``"sequential"``.
"""

from __future__ import annotations

from typing import Any

import sympy

import games
from games._exact import json_value
from games._text import format_number
from games.errors import AligngamesError
from solvers.conditions.derive import equilibrium_conditions
from solvers.conditions.thresholds import break_even
from solvers.report.document import Report, _heading, _math, _para, _sym_latex
from solvers.sequential.sustain import sustainability

__all__ = ["section_sequential"]


def _leader(rep: Report, out: dict[str, Any]) -> None:
    game = games.build("lab_race_leader")
    values = {p.name: p.value for p in rep.params.values()}
    free = game.subs({k: v for k, v in values.items() if k not in ("entry_cost", "safety_cost")})
    keep = [r for r in equilibrium_conditions(free) if r.label == "(Alignment, Stay out, Stay out)"]
    thresholds = [t.value for t in break_even(game, "entry_cost", rep.params).thresholds]
    out["lab_race_leader"] = {"entry_cost_thresholds": [json_value(t) for t in thresholds],
                              "leader_keeps_alignment_if": str(keep[0].condition) if keep else None}
    rep.blocks.append(_heading(2, "A leader facing an entrant", "sec:lab-race-leader"))
    rep.blocks.append(_para(
        "The leader spends on Alignment or Capabilities, then an entrant enters the race or stays out "
        "(the library's leader-and-entrant tree). The equilibrium changes at the entry costs "
        + " and ".join(format_number(sympy.sympify(t) / 10**9) for t in thresholds) + " billion USD; the leader keeps its "
        "Alignment budget only when entry is deterred whatever it does:"))
    if keep:
        rep.blocks.append(_math("&" + _sym_latex(keep[0].condition), "eq:leader-keeps-alignment",
                                "leader_keeps_alignment", str(keep[0].condition)))


def _repeated(rep: Report, out: dict[str, Any], name: str, title: str, **options: Any) -> None:
    game = games.build(name, **options)
    closed = sustainability(game)
    at = sustainability(game.subs(rep.params))
    key = name + ("_" + "_".join(str(v) for v in options.values()) if options else "")
    out[key] = {"threshold": json_value(at.threshold) if at.threshold is not None else None,
                "closed_form": str(closed.threshold) if closed.threshold is not None else None}
    rep.blocks.append(_heading(2, title, f"sec:{key.replace('_', '-')}"))
    body = r"\delta^{*} &= " + (_sym_latex(closed.threshold) + " = " if closed.threshold is not None else "")
    body += _sym_latex(at.threshold) if at.threshold is not None else r"\text{none}"
    rep.blocks.append(_math(body, f"eq:{key.replace('_', '-')}", key, f"delta* = {at.threshold}"))
    never = at.threshold is not None and at.threshold >= 1
    rep.blocks.append(_para(f"Repeating ({', '.join(at.profile)}) under grim trigger needs a discount factor of at "
                            f"least {at.threshold}" + (" (never, below 1)." if never else ".")))


def section_sequential(rep: Report) -> None:
    """Append the section (trees and repeated games) to ``rep``."""
    rep.blocks.append(_heading(1, "Sequence and time", "sec:sequential"))
    out: dict[str, Any] = {}
    steps = [
        lambda: _leader(rep, out),
        lambda: _repeated(rep, out, "mission_drift", "Mission drift with the 2023 market ($50b)",
                          market="ai_investment_2023"),
        lambda: _repeated(rep, out, "mission_drift", "Mission drift with the 2024 market ($110b)"),
        lambda: _repeated(rep, out, "safety_pact", "A safety pact between great powers"),
    ]
    for step in steps:
        try:
            step()
        except (AligngamesError, sympy.SympifyError) as exc:
            rep.errors.append(f"sequential: {exc}")
            rep.blocks.append(_para(f"not analysed ({exc})."))
    rep.data["sequential"] = out
