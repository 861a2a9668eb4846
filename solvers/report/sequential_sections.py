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
from games.parameters import ParameterSet
from solvers.conditions.derive import equilibrium_conditions
from solvers.conditions.thresholds import break_even
from solvers.report.document import Report, _heading, _math, _para, _sym_latex
from solvers.sequential.sustain import sustainability

__all__ = ["section_sequential"]


_FLIPPED = {sympy.LessThan: ">=", sympy.StrictLessThan: ">", sympy.GreaterThan: "<=", sympy.StrictGreaterThan: "<"}
_TEX = {"<=": r"\le", "<": "<", ">=": r"\ge", ">": ">"}
_OP = {sympy.LessThan: "<=", sympy.StrictLessThan: "<", sympy.GreaterThan: ">=", sympy.StrictGreaterThan: ">"}


def _atoms_with_units(cond: Any, params: ParameterSet) -> list[tuple[str, str]]:
    r"""The atoms of a condition as ``(tex, text)``, each a parameter against a number written in the
    parameter's unit (``c_E \ge \$78bn``); an atom of another shape as sympy writes it.

    Examples
    --------
    >>> import games
    >>> ps = games.essay.parameters()
    >>> c = sympy.And(78 * 10**9 <= ps.symbol("entry_cost"), ps.symbol("safety_cost") <= 10**10)
    >>> [text for _, text in _atoms_with_units(c, ps)]
    ['entry_cost >= $78bn', 'safety_cost <= $10bn/year']
    """
    atoms = cond.args if isinstance(cond, sympy.And) else (cond,)
    out: list[tuple[str, str]] = []
    for a in atoms:
        if type(a) in _OP and (a.lhs.is_number or a.rhs.is_number):
            sym, num, op = (a.rhs, a.lhs, _FLIPPED[type(a)]) if a.lhs.is_number else (a.lhs, a.rhs, _OP[type(a)])
            unit = params[sym.name].unit if isinstance(sym, sympy.Symbol) and sym.name in tuple(params) else None
            out.append((f"{_sym_latex(sym)} {_TEX[op]} " + r"\text{" + format_number(num, unit=unit, latex=True) + "}",
                        f"{sym} {op} {format_number(num, unit=unit)}"))
        else:
            out.append((_sym_latex(a), str(a)))
    return out


def _leader(rep: Report, out: dict[str, Any]) -> None:
    game = games.build("lab_race_leader")
    values = {p.name: p.value for p in rep.params.values()}
    free = game.subs({k: v for k, v in values.items() if k not in ("entry_cost", "safety_cost")})
    keep = [r for r in equilibrium_conditions(free) if r.label == "(Alignment, Stay out, Stay out)"]
    thresholds = [t.value for t in break_even(game, "entry_cost", rep.params).thresholds]
    unit = rep.params["entry_cost"].unit
    out["lab_race_leader"] = {"entry_cost_thresholds": [json_value(t) for t in thresholds],
                              "leader_keeps_alignment_if": str(keep[0].condition) if keep else None}
    rep.blocks.append(_heading(2, "A leader facing an entrant", "sec:lab-race-leader"))
    rep.blocks.append(_para(
        "The leader spends on Alignment or Capabilities, then an entrant enters the race or stays out "
        "(the library's leader-and-entrant tree). The equilibrium changes at the entry costs "
        + " and ".join(format_number(t, unit=unit) for t in thresholds) + "; the leader keeps its "
        "Alignment budget only when entry is deterred whatever it does:"))
    if keep:
        atoms = _atoms_with_units(keep[0].condition, rep.params)
        rep.blocks.append(_math(r" \quad\text{and}\quad ".join(tex for tex, _ in atoms),
                                "eq:leader-keeps-alignment", "leader_keeps_alignment",
                                " and ".join(text for _, text in atoms)))


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
    need = format_number(at.threshold, exact=True)
    rep.blocks.append(_para(f"Repeating ({', '.join(at.profile)}) under grim trigger needs a discount factor of at "
                            f"least {need}" + (": a discount factor is below 1, so it is never sustained."
                                               if never else ".")))


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
