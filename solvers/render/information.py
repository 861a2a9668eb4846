r"""Text and LaTeX of the hidden-information results: Bayesian Nash and perfect Bayesian equilibria.

:data:`TEXT` maps each result type to its plain-text renderer
(:mod:`solvers.render.text` registers them with ``to_text``);
:func:`latex_rows` gives the rows of :func:`solvers.render.latex.to_latex`
(which passes its own expression formatter, so conditions read alike
everywhere).

Examples
--------
>>> from solvers.results.information import BayesianEquilibrium
>>> e = BayesianEquilibrium(("1", "2"), (("any",), ("meet", "avoid")), (("B", "S"), ("B", "S")),
...                         (((1, 0),), ((1, 0), (0, 1))), (1, 1))
>>> print(bayesian_text(e))
1: B; 2: meet B, avoid S  (payoffs 1, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import sympy

from games._text import format_number, latex_text
from solvers.render.plain import readable
from solvers.results.information import BayesianEquilibrium, PerfectBayesianEquilibrium

__all__ = ["TEXT", "RESULT_TYPES", "latex_rows", "bayesian_text", "pbe_text"]

#: The result types rendered here.
RESULT_TYPES = (BayesianEquilibrium, PerfectBayesianEquilibrium)


def _number(v: Any) -> str:
    if isinstance(v, (int, float)) or (isinstance(v, sympy.Basic) and v.is_number):
        return format_number(v, exact=True, digits=6, commas=False)
    return str(v)


def _mixture(probs: Mapping[str, Any] | Any, names: Any = None) -> str:
    items = list(probs.items()) if isinstance(probs, Mapping) else list(zip(names, probs))
    live = [(n, p) for n, p in items if p != 0]
    if len(live) == 1 and live[0][1] == 1:
        return str(live[0][0])
    return " + ".join(f"{_number(p)} {n}" for n, p in live)


def bayesian_text(e: BayesianEquilibrium) -> str:
    """``1: B; 2: meet B, avoid S  (payoffs 1, 3/2)``, with ``if <condition>`` for a symbolic game."""
    parts = []
    for i, player in enumerate(e.players):
        per = [_mixture(vec, e.actions[i]) for vec in e.behaviour[i]]
        if len(e.types[i]) == 1:
            parts.append(f"{player}: {per[0]}")
        else:
            parts.append(f"{player}: " + ", ".join(f"{t} {s}" for t, s in zip(e.types[i], per)))
    text = "; ".join(parts) + f"  (payoffs {', '.join(_number(v) for v in e.payoffs)})"
    return text if e.condition is sympy.true or e.condition is True else f"{text} if {readable(e.condition)}"


def _sender(e: PerfectBayesianEquilibrium) -> str:
    return ", ".join(f"{t} -> {_mixture(m) if isinstance(m, Mapping) else m}" for t, m in e.sender.items())


def _receiver(e: PerfectBayesianEquilibrium) -> str:
    return ", ".join(f"{m} -> {_mixture(r) if isinstance(r, Mapping) else r}" for m, r in e.receiver.items())


def _beliefs(e: PerfectBayesianEquilibrium) -> str:
    out = []
    for m, b in e.beliefs.items():
        if isinstance(b, Mapping):
            out.append(f"{m}: " + ", ".join(f"{t} {_number(p)}" for t, p in b.items()))
        else:
            out.append(f"{m} (off path): {readable(b)}")
    return "; ".join(out)


def pbe_text(e: PerfectBayesianEquilibrium) -> str:
    """One line: label, intuitive or not, sender, receiver, beliefs, payoffs, condition."""
    intuitive = {True: "intuitive", False: "fails the intuitive criterion"}.get(e.intuitive, f"intuitive if {readable(e.intuitive)}")
    pays = ", ".join(f"{t} {_number(v)}" for t, v in e.type_payoffs.items())
    text = (f"{e.label} [{intuitive}]: {e.players[0]} {_sender(e)}; {e.players[1]} {_receiver(e)}; "
            f"beliefs {_beliefs(e)}; payoffs {pays}, {e.players[1]} {_number(e.payoffs[1])}")
    for m, (lo, hi) in e.mixing.items():
        first = next(iter(e.receiver[m]))
        text += f"; after {m} any P({first}) in [{_number(lo)}, {_number(hi)}]"
    return text if e.condition is True or e.condition is sympy.true else f"{text}; if {readable(e.condition)}"


#: Result type -> its plain-text renderer.
TEXT: dict[type, Callable[[Any], str]] = {BayesianEquilibrium: bayesian_text, PerfectBayesianEquilibrium: pbe_text}


def _tex(v: Any, expr: Callable[..., str]) -> str:
    return expr(v) if isinstance(v, sympy.Basic) else format_number(v, exact=True, digits=6, commas=False, latex=True)


def _one(result: Any, expr: Callable[..., str]) -> list[tuple[str, str]]:
    if isinstance(result, BayesianEquilibrium):
        parts = []
        for i, player in enumerate(result.players):
            per = []
            for t, vec in zip(result.types[i], result.behaviour[i]):
                mix = " + ".join((_tex(p, expr) + r"\," if p != 1 else "") + latex_text(a)
                                 for a, p in zip(result.actions[i], vec) if p != 0)
                per.append(mix if len(result.types[i]) == 1 else latex_text(t + ": ") + mix)
            parts.append(latex_text(player + ": ") + ", ".join(per))
        rows = [("&" + r";\ ".join(parts) + r",\quad u = \left(" + ", ".join(_tex(v, expr) for v in result.payoffs)
                 + r"\right)", bayesian_text(result))]
        if result.condition is not sympy.true and result.condition is not True:
            rows.append((r"&\quad " + latex_text("if ") + expr(result.condition), f"  if {readable(result.condition)}"))
        return rows
    e = result
    rows = [("&" + latex_text(e.label + ": ") + latex_text(_sender(e) + "; " + _receiver(e)), pbe_text(e))]
    for m, b in e.beliefs.items():
        if isinstance(b, Mapping):
            tex = ", ".join(_belief_tex(t, m) + " = " + _tex(p, expr) for t, p in b.items())
        else:
            symbols = e.belief_symbols.get(m, {})
            tex = latex_text(m + " (off path): ") + expr(b, {sym: _belief_tex(t, m) for t, sym in symbols.items()})
        plain = ", ".join(f"{t} {_number(p)}" for t, p in b.items()) if isinstance(b, Mapping) else readable(b)
        rows.append((r"&\quad " + tex, f"  beliefs after {m}: {plain}"))
    rows.append((r"&\quad " + latex_text("payoffs: ") + ", ".join(latex_text(t + " ") + _tex(v, expr)
                                                                   for t, v in e.type_payoffs.items())
                 + ", " + latex_text(e.players[1] + " ") + _tex(e.payoffs[1], expr), "  payoffs"))
    if e.condition is not True and e.condition is not sympy.true:
        rows.append((r"&\quad " + latex_text("if ") + expr(e.condition), f"  if {readable(e.condition)}"))
    ic = e.intuitive
    rows.append((r"&\quad " + latex_text("intuitive criterion: ")
                 + (latex_text("survives" if ic else "fails") if isinstance(ic, bool) else expr(ic)),
                 f"  intuitive criterion: {ic}"))
    return rows


def _belief_tex(type_: str, message: str) -> str:
    return r"\mu(" + latex_text(type_) + r"\mid " + latex_text(message) + ")"


def latex_rows(result: Any, expr: Callable[..., str]) -> list[tuple[str, str]]:
    r"""``(latex, plain)`` rows of one result or a list of them.

    ``expr(e, names=None)`` formats a sympy expression or condition, ``names`` adding LaTeX names of symbols
    (here the belief symbols, written :math:`\mu(t \mid m)`).
    """
    items = list(result) if isinstance(result, (list, tuple)) else [result]
    rows: list[tuple[str, str]] = []
    for r in items:
        rows += _one(r, expr)
    return rows
