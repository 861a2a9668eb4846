r"""Plain text of every result type: what ``str(result)`` prints.

:func:`to_text` dispatches on the type (:func:`functools.singledispatch`); the
result types' ``__str__`` is a one-line call into it
(:class:`solvers.results._display.Rendered`), so the results know no
formatting.  Numbers in profiles and payoffs are written exactly when they are
exact (``3/4``) and with six significant digits when they are floats.

Examples
--------
>>> from sympy import Rational
>>> from solvers import Equilibrium
>>> print(to_text(Equilibrium(((Rational(3, 4), Rational(1, 4)), (1, 0)), (3, 3),
...                           strategies=(("Stag", "Hare"), ("Stag", "Hare")))))
Player 1: 3/4 Stag + 1/4 Hare; Player 2: Stag  (payoffs 3, 3)
"""

from __future__ import annotations

import functools
from typing import Any

import sympy

from games._text import format_number
from solvers.render.forms import FORM_RENDERERS, loaded_renderers
from solvers.results.equilibria import Equilibria, Equilibrium, EquilibriumComponent, SymmetricEquilibrium

__all__ = ["to_text"]


def _number(v: Any) -> str:
    """A profile entry or payoff: exact as it is, floats to six significant digits, no separators."""
    return format_number(v, exact=True, digits=6, commas=False)


def to_text(result: Any) -> str:
    """The plain text of a result (``str(result)``); other objects as :func:`str` gives them.

    The renderers of the other game forms are registered when their result types are first loaded
    (:func:`solvers.render.forms.loaded_renderers`), so that they are imported only with them.
    """
    if len(_REGISTERED) < len(FORM_RENDERERS):
        for form in loaded_renderers():
            if form.__name__ not in _REGISTERED:
                _register_form(form)
    return _dispatch(result)


@functools.singledispatch
def _dispatch(result: Any) -> str:
    return str(result)


#: The renderers of other game forms registered with :func:`_dispatch` so far.
_REGISTERED: set[str] = set()


def _register_form(form: Any) -> None:
    """Register the text renderers of one game form's module of :mod:`solvers.render`."""
    _REGISTERED.add(form.__name__)
    if form.__name__ == "solvers.render.continuous":  # issue 16: continuous choices
        table = {t: form.continuous_text for t in form.CONTINUOUS_RESULTS}
    elif form.__name__ == "solvers.render.concepts":  # correlated, quantal-response, ESS, N-player components
        table = {t: form.concept_text for t in form.CONCEPT_TYPES}
    else:  # closed forms (render/conditions.py); hidden information (render/information.py); game trees (render/tree.py)
        table = form.TEXT
    for kind, render in table.items():
        _dispatch.register(kind, render)


@_dispatch.register
def _(e: Equilibrium) -> str:
    def player(i: int) -> str:
        parts = [s if v == 1 else f"{_number(v)} {s}" for s, v in zip(e.strategies[i], e.profile[i]) if v != 0]
        return " + ".join(parts)

    body = "; ".join(f"{pl}: {player(i)}" for i, pl in enumerate(e.players))
    return f"{body}  (payoffs {', '.join(_number(v) for v in e.payoffs)})"


@_dispatch.register
def _(c: EquilibriumComponent) -> str:
    def vec(p: tuple[Any, ...]) -> str:
        return "(" + ", ".join(_number(v) for v in p) + ")"

    parts = []
    for rows, cols in c.cliques:
        r = " | ".join(vec(c.row_vertices[i]) for i in rows)
        k = " | ".join(vec(c.col_vertices[j]) for j in cols)
        parts.append(f"conv{{{r}}} x conv{{{k}}}")
    return " U ".join(parts)


@_dispatch.register
def _(eqs: Equilibria) -> str:
    lines = [to_text(e) for e in eqs]
    if eqs.degenerate:
        lines.append(f"(degenerate game: {len(eqs.components)} connected component(s) of equilibria)")
    return "\n".join(lines)


@_dispatch.register
def _(e: SymmetricEquilibrium) -> str:
    if e.kind == "continuum":
        return f"every p({e.strategies[0]}) in [0, 1] (continuum: both strategies always earn the same)"
    p: Any = e.p if e.exact else sympy.Float(e.p, 12)
    if e.exact and not isinstance(e.p, sympy.Rational):
        p = f"{sympy.Float(e.p.evalf(15), 12)} ({e.p})"
    pay = e.payoff if isinstance(e.payoff, sympy.Rational) else sympy.Float(sympy.N(e.payoff, 15), 12)
    stab = "stable" if e.stable else "unstable"
    return f"p({e.strategies[0]}) = {p} ({e.kind}, payoff {pay}, {stab})"
