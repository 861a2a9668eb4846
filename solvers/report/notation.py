r"""The report's notation: named intermediate quantities that keep long conditions short, and the notation table.

Every symbol the report typesets is either a registry parameter
(:func:`games.essay.parameters`: its meaning, value, unit and the essay's
words come from the registry) or one of the named quantities below.  The
report records the symbols of each equation and table it writes
(:meth:`~solvers.report.document.Report.use`) and the notation table lists
exactly those, in order of first use.

Named quantities
    :data:`INTERMEDIATES` defines, for example, :math:`W = m V (1 + \alpha k)`
    (what the researcher puts on survival) and the career values
    :math:`Y_A = T w_A + t_A R_A` and :math:`Y_C = T w_C + R_C + I_C`, which
    follow the career payoffs of :func:`games.individual.career_choice`.  :func:`shorten` puts them into an expression
    where that makes it shorter (sympy's operation count), and
    :func:`tidy_relation` rewrites a relation with every term on the side
    where it is positive, so that :math:`Y_A + W(\ldots) \ge Y_C + W(\ldots)`
    becomes :math:`Y_A + W (\gamma + \delta p) \ge Y_C`.  A relation equal to
    a named gap (:math:`G = \delta p W + Y_A - Y_C \ge 0`) is written with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import sympy

from games._text import format_number, latex_escape
from games.parameters import ParameterSet, latex_symbol_names

__all__ = ["Intermediate", "INTERMEDIATES", "shorten", "tidy_relation", "notation_rows", "FIXED_NOTATION"]


@dataclass(frozen=True)
class Intermediate:
    """A named quantity: ``symbol = definition`` (in registry parameter names), what it means, its unit.

    ``eliminate`` names the parameter solved for when the quantity is put
    into an expression (``None``: only a whole relation equal to the
    definition is replaced, as for a payoff gap).
    """

    name: str
    latex: str
    definition: Callable[[Callable[[str], sympy.Symbol]], sympy.Expr]
    eliminate: str | None
    meaning: str
    unit: str = "USD"

    def symbol(self) -> sympy.Symbol:
        return sympy.Symbol(self.name, real=True)

    def expr(self, params: ParameterSet) -> sympy.Expr:
        """The definition in the parameters' symbols (and the named quantities before this one)."""
        inter = {i.name: i.symbol() for i in INTERMEDIATES}

        def sym(name: str) -> sympy.Symbol:
            return inter[name] if name in inter else params.symbol(name)

        return self.definition(sym)

    def value(self, params: ParameterSet) -> sympy.Expr:
        """The quantity at the values of ``params``."""
        e = self.expr(params)
        for i in reversed(INTERMEDIATES):
            e = e.xreplace({i.symbol(): i.expr(params)})
        return sympy.expand(e.xreplace(params.substitutions()))


#: The report's named quantities, in the order the notation table lists them.
INTERMEDIATES: tuple[Intermediate, ...] = (
    Intermediate("W_surv", "W", lambda s: s("researcher_vsl_multiplier") * s("vsl") * (1 + s("altruism_weight") * s("circle_size")),
                 "researcher_vsl_multiplier",
                 "what the researcher puts on survival: her own statistical life plus a weight on each of "
                 "her circle"),
    Intermediate("Y_align", "Y_A",
                 lambda s: s("horizon_years") * s("salary_alignment")
                 + s("alignment_recognition_tracking") * s("reputation_alignment"),
                 "reputation_alignment",
                 "career value of Alignment work: pay over the horizon plus the share of its reputation that "
                 "tracks achievement"),
    Intermediate("Y_cap", "Y_C",
                 lambda s: s("horizon_years") * s("salary_capabilities") + s("reputation_capabilities")
                 + s("capabilities_social_impact"),
                 "reputation_capabilities",
                 "career value of Capabilities work: pay over the horizon plus recognition plus the social impact "
                 "the researcher values"),
    Intermediate("Y_neither", "Y_N", lambda s: s("horizon_years") * s("salary_neither"), "salary_neither",
                 "career value of the orthogonal job"),
    Intermediate("G_gap", "G", lambda s: s("doom_reduction") * s("p_pivotal") * s("W_surv") + s("Y_align") - s("Y_cap"), None,
                 "payoff gap of Alignment over Capabilities for one researcher"),
)


def _latex_names() -> dict[sympy.Symbol, str]:
    names = dict(latex_symbol_names())
    names.update({i.symbol(): i.latex for i in INTERMEDIATES})
    return names


def intermediate_names() -> dict[sympy.Symbol, str]:
    """LaTeX names of the registry's symbols and of the named quantities."""
    return _latex_names()


def _ops(e: Any) -> int:
    return int(sympy.count_ops(e, visual=False))


def shorten(expr: Any, params: ParameterSet, *, exclude: Iterable[sympy.Symbol] = ()) -> Any:
    """``expr`` with the named quantities put in wherever that makes it shorter.

    Quantities whose definition holds a symbol of ``exclude`` are left out
    (a break-even value of :math:`w_A` must not be written with
    :math:`Y_A`, which holds :math:`w_A`).

    Examples
    --------
    >>> import games
    >>> ps = games.essay.parameters()
    >>> V, m, a, k, d, p = (ps.symbol(n) for n in ("vsl", "researcher_vsl_multiplier", "altruism_weight",
    ...                     "circle_size", "doom_reduction", "p_pivotal"))
    >>> shorten(d * p * m * V * (a * k + 1), ps)
    W_surv*doom_reduction*p_pivotal
    """
    if not isinstance(expr, sympy.Basic) or expr.is_number:
        return expr
    excluded = set(exclude)
    out = expr
    for inter in INTERMEDIATES:
        if inter.eliminate is None:
            continue
        definition = inter.expr(params)
        if definition.free_symbols & excluded:
            continue
        target = params.symbol(inter.eliminate)
        if target not in out.free_symbols:
            continue
        solved = sympy.solve(sympy.Eq(inter.symbol(), definition), target)
        if len(solved) != 1:
            continue
        plain = out.xreplace({target: solved[0]})  # sympy cancels m V (1 + a k) / (V (1 + a k)) itself
        cands = [plain]
        if not plain.has(sympy.Piecewise):
            cands.append(sympy.factor_terms(sympy.cancel(sympy.expand(plain))))
        best = min((c for c in cands if target not in c.free_symbols), key=_ops, default=None)
        if best is not None and _ops(best) < _ops(out):
            out = best
    return _collect(out)


def _collect(e: Any) -> Any:
    """Terms gathered under the named quantities: ``W γ + W δ p`` as ``W (γ + δ p)``."""
    syms = [i.symbol() for i in INTERMEDIATES if i.symbol() in getattr(e, "free_symbols", ())]
    if not syms or e.has(sympy.Piecewise) or not isinstance(e, sympy.Add):
        return e
    cand = sympy.collect(e, syms)
    return cand if _ops(cand) <= _ops(e) else e


_FLIP = {sympy.GreaterThan: sympy.LessThan, sympy.StrictGreaterThan: sympy.StrictLessThan,
         sympy.LessThan: sympy.GreaterThan, sympy.StrictLessThan: sympy.StrictGreaterThan}


def tidy_relation(rel: Any, params: ParameterSet, *, exclude: Iterable[sympy.Symbol] = ()) -> Any:
    """A relation with the named quantities put in and each term on the side where it is positive.

    Kept as it was when the rewriting is not shorter (or the relation holds a
    piecewise expression, whose cases are best read as written).

    Examples
    --------
    >>> import games
    >>> ps = games.essay.parameters()
    >>> g = games.build("career_choice")
    >>> u = g.payoffs[0]
    >>> print(tidy_relation(u[0, 0] >= u[1, 0], ps))
    G_gap >= 0
    """
    if not isinstance(rel, sympy.core.relational.Relational) or isinstance(rel, (sympy.Eq, sympy.Ne)):
        return rel
    if rel.has(sympy.Piecewise):
        return rel.func(shorten(rel.lhs, params, exclude=exclude), shorten(rel.rhs, params, exclude=exclude),
                        evaluate=False)
    d = shorten(sympy.expand(rel.lhs - rel.rhs), params, exclude=exclude)
    d = sympy.expand(d)
    content, primitive = d.as_content_primitive()
    if content.is_Rational and content > 0:
        d = primitive  # 2 (a + b) >= 2 c is a + b >= c
    excluded = set(exclude)
    for inter in INTERMEDIATES:
        if inter.eliminate is not None:
            continue
        definition = sympy.expand(inter.expr(params))
        if definition.free_symbols & excluded:
            continue
        if sympy.expand(d - definition) == 0:
            return rel.func(inter.symbol(), 0, evaluate=False)
        if sympy.expand(d + definition) == 0:
            return _FLIP[type(rel)](inter.symbol(), 0, evaluate=False)
    pos: list[Any] = []
    neg: list[Any] = []
    for t in sympy.Add.make_args(d):
        (neg if t.could_extract_minus_sign() else pos).append(t)
    left = _collect(sympy.factor_terms(sympy.Add(*pos)))
    right = _collect(sympy.factor_terms(-sympy.Add(*neg)))
    cand = rel.func(left, right, evaluate=False)
    return cand if _ops(cand) <= _ops(rel) else rel


#: Notation that is not a parameter: (LaTeX symbol, meaning).
FIXED_NOTATION: tuple[tuple[str, str], ...] = (
    (r"j", "number of the other players who choose the first strategy (symmetric n-player games)"),
    (r"\pi_s(j)", "payoff of strategy s when j of the others choose the first strategy"),
    (r"\sigma_i(s)", "probability with which player i chooses strategy s in a mixed equilibrium"),
    (r"x^{*}", "break-even value of the parameter x: the equilibrium changes as x crosses it"),
)


_MAX_QUOTE = 110


def _quote(text: str) -> str:
    t = " ".join(text.split())
    if len(t) > _MAX_QUOTE:
        cut = t[:_MAX_QUOTE].rsplit(" ", 1)[0]
        return latex_escape(cut) + r"\ldots"
    return latex_escape(t)


def notation_rows(params: ParameterSet, used: Iterable[sympy.Symbol]) -> list[dict[str, str]]:
    """One row per symbol in ``used`` (registry parameters and named quantities), in that order.

    Each row has ``symbol`` (LaTeX), ``name``, ``meaning``, ``value`` (text and LaTeX), ``unit`` and
    ``source`` (the essay's words, or "model assumption" for parameters that are ours).

    Examples
    --------
    >>> import games
    >>> ps = games.essay.parameters()
    >>> row = notation_rows(ps, [ps.symbol("vsl")])[0]
    >>> row["symbol"], row["value"], row["unit"]
    ('V', '$6.5m', 'USD')
    """
    names = _latex_names()
    by_symbol = {p.symbol: p for p in params.values()}
    inter = {i.symbol(): i for i in INTERMEDIATES}
    rows: list[dict[str, str]] = []
    seen: set[sympy.Symbol] = set()
    for s in used:
        if s in seen:
            continue
        seen.add(s)
        if s in by_symbol:
            p = by_symbol[s]
            meaning = p.description.split(" (")[0]
            if p.ours:
                source = f'model assumption; cf. "{p.quote}"'
                source_tex = r"model assumption; cf.\ ``" + _quote(p.quote) + "''"
            else:
                source = f'"{p.quote}"'
                source_tex = r"``" + _quote(p.quote) + "''"
            rows.append({"symbol": names.get(s, sympy.latex(s)), "name": p.name, "meaning": meaning,
                         "meaning_tex": latex_escape(meaning),
                         "value": format_number(p.value, unit=p.unit),
                         "value_tex": format_number(p.value, unit=p.unit, latex=True),
                         "unit": p.unit, "source": source, "source_tex": source_tex})
        elif s in inter:
            i = inter[s]
            expr = i.expr(params)
            rows.append({"symbol": i.latex, "name": i.name, "meaning": f"{i.latex} = {expr}: {i.meaning}",
                         "meaning_tex": "$" + i.latex + " = " + sympy.latex(expr, symbol_names=names) + "$: "
                         + latex_escape(i.meaning),
                         "value": format_number(i.value(params), unit=i.unit),
                         "value_tex": format_number(i.value(params), unit=i.unit, latex=True),
                         "unit": i.unit, "source": "defined here", "source_tex": "defined here"})
    return rows
