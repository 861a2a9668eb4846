r"""Text and LaTeX of the solution concepts beyond Nash (correlated, quantal response, ESS, N-player components).

:func:`concept_text` is registered with :func:`solvers.render.text.to_text`
and :func:`concept_rows` with :func:`solvers.render.latex.to_latex` (each as
one line there), so ``str(result)`` and ``result._repr_latex_()`` of these
types work like the others'.

Examples
--------
>>> from sympy import Rational
>>> from solvers.results.concepts import CorrelatedEquilibrium
>>> ce = CorrelatedEquilibrium(((0, 0), (0, 1)), (Rational(1, 2), Rational(1, 2)), (1, 2), 3, "welfare",
...                            players=("Row", "Column"), strategies=(("U", "D"), ("L", "R")))
>>> print(concept_text(ce))
correlated equilibrium (welfare = 3): 1/2 (U, L) + 1/2 (U, R)  (payoffs 1, 2)
"""

from __future__ import annotations

from typing import Any

import sympy

from games._text import format_number, latex_text
from solvers.render.plain import readable
from solvers.results.concepts import (
    CorrelatedEquilibria,
    CorrelatedEquilibrium,
    EvolutionarilyStableStrategy,
    LogitPath,
    LogitPoint,
    SupportComponent,
)

__all__ = ["CONCEPT_TYPES", "concept_text", "concept_rows"]

#: The result types rendered here.
CONCEPT_TYPES = (CorrelatedEquilibrium, CorrelatedEquilibria, LogitPoint, LogitPath, EvolutionarilyStableStrategy,
                 SupportComponent)


def _num(v: Any, latex: bool = False) -> str:
    return format_number(v, exact=True, digits=6, commas=False, latex=latex)


def _profile_name(r: CorrelatedEquilibrium, prof: tuple[int, ...]) -> str:
    return "(" + ", ".join(r.strategies[i][s] for i, s in enumerate(prof)) + ")"


def _mixture(strategies: tuple[str, ...], vec: tuple[Any, ...], latex: bool = False) -> str:
    name = latex_text if latex else str
    sep = r"\," if latex else " "
    return " + ".join(name(s) if v == 1 else f"{_num(v, latex)}{sep}{name(s)}" for s, v in zip(strategies, vec) if v != 0)


def concept_text(result: Any) -> str:
    """The plain text of a solution-concept result (what ``str()`` prints)."""
    if isinstance(result, CorrelatedEquilibrium):
        kind = "coarse correlated" if result.coarse else "correlated"
        head = kind + " equilibrium" + ("" if result.objective is None else f" ({result.objective} = {_num(result.value)})")
        body = " + ".join(f"{_num(p)} {_profile_name(result, s)}" for s, p in zip(result.profiles, result.probabilities) if p != 0)
        return f"{head}: {body}  (payoffs {', '.join(_num(v) for v in result.payoffs)})"
    if isinstance(result, CorrelatedEquilibria):
        kind = "coarse correlated" if result.coarse else "correlated"
        lines = [f"{kind} equilibria: {len(result.profiles)} profiles, {len(result.constraints)} incentive constraints"]
        if result.vertices is None:
            lines.append("  (vertices not listed: too many candidate bases)")
        else:
            lines += ["  vertex: " + concept_text(v).split(": ", 1)[1] for v in result.vertices]
        return "\n".join(lines)
    if isinstance(result, LogitPoint):
        body = "; ".join(f"{pl}: " + ", ".join(f"{s} {_num(v)}" for s, v in zip(st, vec))
                         for pl, st, vec in zip(result.players, result.strategies, result.profile))
        return f"logit QRE at lambda = {_num(result.lam)}: {body}  (max regret {_num(result.max_regret)})"
    if isinstance(result, LogitPath):
        last = result.points[-1]
        state = "converged" if result.converged else "not converged"
        return (f"logit path: {len(result.points)} points up to lambda = {_num(last.lam)} ({state}); "
                f"limit {result.limit}")
    if isinstance(result, EvolutionarilyStableStrategy):
        body = _mixture(result.strategies, result.strategy)
        cond = "" if result.condition is sympy.true else f" if {readable(result.condition)}"
        return f"ESS ({result.kind}): {body}  (payoff {result.payoff}){cond}"
    if isinstance(result, SupportComponent):
        sup = "; ".join("{" + ", ".join(result.witness.strategies[i][s] for s in S) + "}"
                        for i, S in enumerate(result.supports))
        return f"component of dimension {result.dimension} on supports {sup}; for example {result.witness}"
    return str(result)


def concept_rows(result: Any, names: Any = None) -> list[tuple[str, str]]:
    r"""The ``(LaTeX, plain)`` rows of :func:`solvers.render.latex.to_latex` for a solution-concept result."""
    plain = concept_text(result).splitlines()
    if isinstance(result, CorrelatedEquilibrium):
        terms = " + ".join(_num(p, True) + r"\," + latex_text(_profile_name(result, s))
                           for s, p in zip(result.profiles, result.probabilities) if p != 0)
        pays = ", ".join(_num(v, True) for v in result.payoffs)
        return [("&" + terms + r" \quad " + latex_text("payoffs ") + pays, plain[0])]
    if isinstance(result, CorrelatedEquilibria):
        rows = [(r"&" + latex_text(plain[0]), plain[0])]
        for v, line in zip(result.vertices or (), plain[1:]):
            rows += [(r"&\quad " + concept_rows(v)[0][0].lstrip("&"), line)]
        return rows
    if isinstance(result, EvolutionarilyStableStrategy):
        tex = "&" + _mixture(result.strategies, result.strategy, True) + r" \quad " + latex_text("payoff ")
        tex += sympy.latex(result.payoff)
        if result.condition is not sympy.true:
            tex += r" \quad " + latex_text("if ") + sympy.latex(result.condition)
        return [(tex, plain[0])]
    return [("&" + latex_text(line), line) for line in plain]
