r"""Plain text of the closed-form results (:mod:`solvers.results.conditions`): what their ``str()`` prints.

Registered with :func:`solvers.render.text.to_text` once their result types are loaded
(:mod:`solvers.render.forms`), so that ``str()`` of a numeric equilibrium does not load the closed
forms' result types (the command line's start-up, issue 17).

Examples
--------
>>> import sympy
>>> from solvers.results.conditions import Outcome
>>> x = sympy.Symbol("x")
>>> print(outcome_text(Outcome("Defect", x > 1)))
Defect if x > 1
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy

from solvers.results.conditions import (
    BreakEven,
    Classification,
    ConditionalEquilibrium,
    Derivative,
    InterventionCost,
    Outcome,
    Threshold,
)

__all__ = ["TEXT"]


def conditional_text(r: ConditionalEquilibrium) -> str:
    prof = "; ".join("(" + ", ".join(str(x) for x in vec) + ")" for vec in r.profile)
    return f"{r.label}: profile {prof} if {r.condition}"


def outcome_text(o: Outcome) -> str:
    return o.label if o.condition is sympy.true else f"{o.label} if {o.condition}"


def threshold_text(t: Threshold) -> str:
    def side(xs: tuple[Outcome, ...]) -> str:
        return "; ".join(outcome_text(o) for o in xs) or "none"

    flag = " (outside the parameter's range)" if t.in_range is False else ""
    return f"{t.symbol} = {t.value}{flag}: below: {side(t.below)}; above: {side(t.above)}"


def break_even_text(b: BreakEven) -> str:
    head = f"break-even values of {b.symbol} in {b.game_name or 'the game'}"
    return "\n".join([head] + ["  " + threshold_text(t) for t in b.thresholds])


def classification_text(c: Classification) -> str:
    if c.name is not None:
        return f"{c.game_name or 'game'}: {c.name}"
    lines = [f"{c.game_name or 'game'}:"]
    lines += [f"  {k} if {v}" for k, v in c.conditions.items()]
    return "\n".join(lines)


def derivative_text(d: Derivative) -> str:
    s = {1: "+", -1: "-", 0: "0", None: None}[d.sign]
    if s is None:
        s = {1: ">= 0", -1: "<= 0", None: "?"}[d.weak_sign]
    return f"d[{d.quantity}]/d{d.parameter} = {d.derivative}  ({s})"


def intervention_text(c: InterventionCost) -> str:
    qual = " (sufficient)" if c.sufficient_only else ""
    return (f"minimal {c.instrument} making {c.strategy} {c.target}{qual}: {c.amount}; "
            f"total cost {c.total_cost}")


#: Result type -> text renderer (registered by :mod:`solvers.render.text`).
TEXT: dict[type, Callable[[Any], str]] = {
    ConditionalEquilibrium: conditional_text, Outcome: outcome_text, Threshold: threshold_text,
    BreakEven: break_even_text, Classification: classification_text, Derivative: derivative_text,
    InterventionCost: intervention_text,
}
