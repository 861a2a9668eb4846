r"""LaTeX for closed-form results: equilibrium conditions, break-even values, classifications.

:func:`to_latex` turns a result of :func:`~solvers.equilibrium_conditions`,
:func:`~solvers.break_even`, :func:`~solvers.classify` (or a bare sympy
expression or condition) into an amsmath ``aligned`` block in the essay's
symbols (:func:`games.parameters.latex_symbol_names`: :math:`V` for the VSL,
:math:`\alpha` for the altruism weight, ...), with ``\text{}`` labels.  Each
line carries its plain-text form beside it as a LaTeX comment, and the
returned string's ``plain`` attribute holds the plain text alone.

Readability choices:

* ``\left( ... \right)`` only around fractions; plain parentheses elsewhere.
* Conjunctions as ``\text{and}``, disjunctions as ``\text{or}``, not
  :math:`\wedge`/:math:`\vee`.
* Relations are written as the solvers build them: positive terms on the
  left, the rest on the right.

The output needs ``\usepackage{amsmath}`` and math mode (``\[ ... \]`` or
``equation*``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from games._text import format_number, latex_text
from games.errors import GameError
from games.parameters import latex_symbol_names
from solvers.render.forms import renderer
from solvers.results.conditions import BreakEven, Classification, ConditionalEquilibrium, Outcome, Threshold
from solvers.results.equilibria import Equilibria, Equilibrium, SymmetricEquilibrium

__all__ = ["to_latex", "LatexResult", "latex_expr", "repr_latex", "inline_latex", "display_latex"]


class LatexResult(str):
    """A LaTeX string with its plain-text form in ``plain``; Jupyter renders it as math.

    Attributes
    ----------
    plain : str
        The plain text alone.
    math : str
        The LaTeX without ``%`` comments (what ``_repr_latex_`` shows: MathJax
        and KaTeX do not all accept comments).
    """

    plain: str
    math: str

    def __new__(cls, latex: str, plain: str, math: str | None = None) -> LatexResult:
        obj = super().__new__(cls, latex)
        obj.plain = plain
        obj.math = latex if math is None else math
        return obj

    def _repr_latex_(self) -> str:
        return "$$" + self.math + "$$"






def _unclutter(tex: str) -> str:
    r"""Replace ``\left( ... \right)`` by plain parentheses unless a fraction is inside."""
    out = tex
    start = 0
    while True:
        i = out.find(r"\left(", start)
        if i < 0:
            return out
        depth, j = 0, i
        while j < len(out):
            if out.startswith(r"\left", j):
                depth += 1
                j += 5
                continue
            if out.startswith(r"\right", j):
                depth -= 1
                if depth == 0:
                    break
                j += 6
                continue
            j += 1
        if j >= len(out) or not out.startswith(r"\right)", j):
            start = i + 6
            continue
        inner = out[i + 6:j]
        if r"\frac" in inner:
            start = i + 6
            continue
        out = out[:i] + "(" + inner + ")" + out[j + 7:]
        start = i + 1


def latex_expr(expr: Any, names: Mapping[sympy.Symbol, str] | None = None, *, inline: bool = False) -> str:
    r"""LaTeX of a sympy expression or condition in the essay's symbols.

    Examples
    --------
    >>> import sympy
    >>> a, b, c = sympy.symbols("a b c")
    >>> latex_expr(sympy.And(a >= b, sympy.Ne(c, 0)))
    'a \\geq b \\;\\text{and}\\; c \\neq 0'
    >>> latex_expr(a * (b + c))
    'a (b + c)'
    >>> latex_expr(a / 2 - b, inline=True)   # for table cells: short fractions as a slash
    'a / 2 - b'
    """
    symbol_names = dict(latex_symbol_names())
    if names:
        symbol_names.update(names)
    if expr is sympy.true or expr is True:
        return r"\text{always}"
    if expr is sympy.false or expr is False:
        return r"\text{never}"
    if isinstance(expr, sympy.And):
        return r" \;\text{and}\; ".join(_wrap(a, symbol_names) for a in expr.args)
    if isinstance(expr, sympy.Or):
        return r" \;\text{or}\; ".join(_wrap(a, symbol_names) for a in expr.args)
    if isinstance(expr, sympy.Not):
        return r"\text{not } (" + latex_expr(expr.args[0], symbol_names) + ")"
    return _unclutter(sympy.latex(expr, symbol_names=symbol_names, fold_short_frac=inline))


def _wrap(expr: Any, names: Mapping[sympy.Symbol, str]) -> str:
    inner = latex_expr(expr, names)
    return "(" + inner + ")" if isinstance(expr, (sympy.And, sympy.Or)) else inner


def _plain(expr: Any) -> str:
    if expr is sympy.true:
        return "always"
    if expr is sympy.false:
        return "never"
    if isinstance(expr, sympy.And):
        return " and ".join(_plain_wrap(a) for a in expr.args)
    if isinstance(expr, sympy.Or):
        return " or ".join(_plain_wrap(a) for a in expr.args)
    return str(expr)


def _plain_wrap(expr: Any) -> str:
    return "(" + _plain(expr) + ")" if isinstance(expr, (sympy.And, sympy.Or)) else _plain(expr)


def _profile_tex(rec: ConditionalEquilibrium, names: Mapping[sympy.Symbol, str]) -> tuple[str, str]:
    parts, plain = [], []
    for p, vec in enumerate(rec.profile):
        sup = rec.supports[p]
        if len(sup) == 1:
            continue
        strategies = rec.strategies[p] if p < len(rec.strategies) else tuple(str(i) for i in range(len(vec)))
        player = rec.players[p] if p < len(rec.players) else f"player {p + 1}"
        for j in sup:
            parts.append(r"\sigma_{%s}(%s) = %s" % (latex_text(player), latex_text(strategies[j]), latex_expr(vec[j], names)))
            plain.append(f"{player}: P({strategies[j]}) = {vec[j]}")
    return r",\ ".join(parts), "; ".join(plain)


def _numeric_row(eq: Any, names: Mapping[sympy.Symbol, str]) -> tuple[str, str]:
    """One numeric equilibrium (solvers.nash_equilibria): each player's mixture and the payoffs."""
    tex, plain = [], []
    for p, vec in enumerate(eq.profile):
        terms = [(j, sympy.nsimplify(x) if isinstance(x, float) else x) for j, x in enumerate(vec)]
        terms = [(j, x) for j, x in terms if x != 0]
        body = " + ".join(
            (latex_text(eq.strategies[p][j]) if x == 1 else latex_expr(x, names) + r"\," + latex_text(eq.strategies[p][j]))
            for j, x in terms)
        tex.append(latex_text(eq.players[p]) + ": " + body)
        plain.append(f"{eq.players[p]}: " + " + ".join(
            (eq.strategies[p][j] if x == 1 else f"{x} {eq.strategies[p][j]}") for j, x in terms))
    pays = ", ".join(latex_expr(sympy.nsimplify(x) if isinstance(x, float) else x, names) for x in eq.payoffs)
    return ("&" + r";\ ".join(tex) + r" \quad " + latex_text("payoffs ") + pays,
            "; ".join(plain) + " (payoffs " + ", ".join(str(x) for x in eq.payoffs) + ")")


def _aligned(rows: Sequence[tuple[str, str]], comments: bool = True) -> LatexResult:
    if not rows:
        return LatexResult(r"\begin{aligned}&\text{(nothing)}\end{aligned}", "(nothing)")
    bare, commented = [], []
    for i, (tex, plain) in enumerate(rows):
        end = r" \\" if i < len(rows) - 1 else ""
        bare.append(f"{tex}{end}")
        commented.append(f"{tex}{end}  % " + plain.replace("\n", " "))
    math = "\\begin{aligned}\n" + "\n".join(bare) + "\n\\end{aligned}"
    latex = "\\begin{aligned}\n" + "\n".join(commented) + "\n\\end{aligned}" if comments else math
    return LatexResult(latex, "\n".join(p for _, p in rows), math)


def _equilibria_rows(records: Sequence[ConditionalEquilibrium],
                     names: Mapping[sympy.Symbol, str]) -> list[tuple[str, str]]:
    rows = []
    for r in records:
        prof_tex, prof_plain = _profile_tex(r, names)
        rows.append((latex_text(r.label) + " &: " + prof_tex, f"{r.label}: {prof_plain}".rstrip(": ")))
        atoms = list(r.condition.args) if isinstance(r.condition, sympy.And) else [r.condition]
        for i, atom in enumerate(atoms):
            word = "if " if i == 0 else "and "
            rows.append((r"&\quad " + latex_text(word) + _wrap(atom, names), f"  {word}{_plain_wrap(atom)}"))
    return rows


def _outcomes(outcomes: Sequence[Outcome], names: Mapping[sympy.Symbol, str]) -> tuple[str, str]:
    if not outcomes:
        return r"\text{no equilibrium}", "no equilibrium"
    tex, plain = [], []
    for o in outcomes:
        if o.condition is sympy.true:
            tex.append(latex_text(o.label))
            plain.append(o.label)
        else:
            tex.append(latex_text(o.label) + r" \text{ if } " + latex_expr(o.condition, names))
            plain.append(f"{o.label} if {_plain(o.condition)}")
    return r";\ ".join(tex), "; ".join(plain)


def _threshold_rows(t: Threshold, names: Mapping[sympy.Symbol, str]) -> list[tuple[str, str]]:
    sym = latex_expr(t.symbol, names) + "^{*}"
    rows = [(f"{sym} &= {latex_expr(t.value, names)}", f"{t.symbol}* = {t.value}")]
    for side, outs in (("below", t.below), ("above", t.above)):
        tex, plain = _outcomes(outs, names)
        rows.append((r"&\quad " + latex_text(side + ": ") + tex, f"  {side}: {plain}"))
    if t.valid_if is not sympy.true:
        rows.append((r"&\quad " + latex_text("valid if ") + latex_expr(t.valid_if, names),
                     f"  valid if {_plain(t.valid_if)}"))
    return rows


def to_latex(result: Any, *, symbol_names: Mapping[sympy.Symbol, str] | None = None,
             comments: bool = True, label: str | None = None) -> LatexResult:
    r"""LaTeX (amsmath ``aligned``) of a closed-form result, with its plain text beside it.

    Parameters
    ----------
    result : list of ConditionalEquilibrium, ConditionalEquilibrium, BreakEven, Threshold, Classification,
        numeric equilibria (a list of :class:`~solvers.results.equilibria.Equilibrium`), or a sympy
        expression / condition
    symbol_names : mapping, optional
        LaTeX names for symbols, over the parameter registry's.
    comments : bool, default True
        End each line with its plain-text form as a ``%`` comment.  Pass
        ``False`` for renderers that do not accept comments (MathJax and KaTeX
        in Jupyter, ``IPython.display.Math``).
    label : str, optional
        Return a complete ``align`` environment numbered once with
        ``\label{label}`` (:func:`display_latex`), to paste into a paper;
        default: the ``aligned`` block for math mode.

    Returns
    -------
    LatexResult
        A ``str`` of LaTeX (needs ``amsmath`` and math mode); with
        ``comments=True`` every line ends with its plain-text form as a ``%``
        comment; ``.plain`` holds the plain text alone.

    Raises
    ------
    GameError
        For a result type it does not know (named).

    Examples
    --------
    >>> import sympy
    >>> from games import Game
    >>> from solvers import break_even
    >>> wA, wC, V = sympy.symbols("w_A w_C V", positive=True)
    >>> g = Game.from_bimatrix([[wA + V], [wC]], [[0], [0]], strategies=(["A", "C"], ["World"]))
    >>> print(to_latex(break_even(g, V)))
    \begin{aligned}
    V^{*} &= - w_{A} + w_{C} \\  % V* = -w_A + w_C
    &\quad \text{below: }\text{(C, World)} \\  %   below: (C, World)
    &\quad \text{above: }\text{(A, World)}  %   above: (A, World)
    \end{aligned}
    >>> print(to_latex(break_even(g, V)).plain.splitlines()[0])
    V* = -w_A + w_C
    >>> print(to_latex(break_even(g, V), comments=False).splitlines()[1])
    V^{*} &= - w_{A} + w_{C} \\
    >>> print(to_latex(break_even(g, V), comments=False, label="eq:v").splitlines()[:2])
    ['\\begin{align}', 'V^{*} &= - w_{A} + w_{C} \\label{eq:v} \\\\']
    """
    out = _aligned(_rows(result, dict(symbol_names or {})), comments)
    if label is not None:
        return LatexResult(display_latex(out, label), out.plain, out.math)  # Jupyter keeps the aligned block
    return out


def _of(result: Any, kinds: tuple[type, ...]) -> bool:
    """Whether ``result`` is one of ``kinds``, or a non-empty list or tuple of them."""
    return isinstance(result, kinds) or (
        isinstance(result, (list, tuple)) and bool(result) and all(isinstance(r, kinds) for r in result))


def _rows(result: Any, names: dict[sympy.Symbol, str]) -> list[tuple[str, str]]:
    # the renderers of the other game forms are loaded only when their result modules are (solvers.render.forms)
    continuous = renderer("solvers.results.continuous")
    if continuous is not None and _of(result, continuous.CONTINUOUS_RESULTS):  # issue 16: continuous choices
        return continuous.continuous_rows(result, names, latex_expr, _plain)  # type: ignore[no-any-return]
    if isinstance(result, ConditionalEquilibrium):
        return _equilibria_rows([result], names)
    if isinstance(result, (list, tuple)) and all(isinstance(r, ConditionalEquilibrium) for r in result):
        return _equilibria_rows(list(result), names)
    if isinstance(result, BreakEven):
        rows: list[tuple[str, str]] = []
        for t in result.thresholds:
            rows += _threshold_rows(t, names)
        if not rows:
            rows = [(latex_text(f"no break-even value of {result.symbol}"), f"no break-even value of {result.symbol}")]
        return rows
    if isinstance(result, Threshold):
        return _threshold_rows(result, names)
    if isinstance(result, Classification):
        if result.name is not None:
            return [(latex_text(result.name) + r" &: \text{always}", f"{result.name}")]
        return [(latex_text(k) + " &: " + latex_expr(v, names), f"{k}: {_plain(v)}")
                for k, v in result.conditions.items()]
    information = renderer("solvers.results.information")
    if information is not None and _of(result, information.RESULT_TYPES):
        return information.latex_rows(  # type: ignore[no-any-return]
            result, lambda e, extra=None: latex_expr(e, {**names, **(extra or {})}))
    if isinstance(result, (sympy.Basic, bool)):
        return [("&" + latex_expr(result, names), _plain(result))]
    concepts = renderer("solvers.results.concepts")
    if concepts is not None and isinstance(result, concepts.CONCEPT_TYPES):
        return concepts.concept_rows(result, names)  # type: ignore[no-any-return]
    if isinstance(result, Equilibrium):
        return [_numeric_row(result, names)]
    if isinstance(result, (list, tuple)) and all(isinstance(r, Equilibrium) for r in result):
        return [_numeric_row(r, names) for r in result]
    kinds = ("ConditionalEquilibrium (or a list of them), BreakEven, Threshold, Classification, "
             "Equilibrium (or a list of them), a sympy expression")
    raise GameError(f"to_latex: cannot render a {type(result).__name__} (allowed: {kinds})")


def display_latex(aligned: str, label: str) -> str:
    r"""A complete amsmath ``align`` environment from an ``aligned`` block: one number, with ``\label{label}``.

    What the command line prints with ``--latex``: it compiles when pasted into an article whose preamble
    has ``\usepackage{amsmath}`` (``aligngames latex-preamble`` prints the full preamble).

    Examples
    --------
    >>> print(display_latex("\\begin{aligned}\na &= b \\\\  % a = b\n&\\quad c\n\\end{aligned}", "eq:x"))
    \begin{align}
    a &= b \label{eq:x} \\  % a = b
    &\quad c \notag
    \end{align}
    """
    body = aligned.strip().removeprefix("\\begin{aligned}").removesuffix("\\end{aligned}").strip("\n")
    out = []
    for i, line in enumerate(body.split("\n")):
        code, pct, comment = line.partition("  % ")
        code = code.rstrip()
        end = code.endswith("\\\\")
        code = code[:-2].rstrip() if end else code
        code += " \\label{%s}" % label if i == 0 else " \\notag"
        out.append(code + (" \\\\" if end else "") + (pct + comment if pct else ""))
    return "\\begin{align}\n" + "\n".join(out) + "\n\\end{align}"


def inline_latex(result: Any) -> str:
    r"""Inline LaTeX (no math delimiters) of a numeric equilibrium: its probability vectors, then the payoffs.

    Examples
    --------
    >>> from sympy import Rational
    >>> from solvers import Equilibrium
    >>> print(inline_latex(Equilibrium(((Rational(1, 3), Rational(2, 3)), (1, 0)), (Rational(1, 2), 2))))
    \left(\left(\frac{1}{3}, \frac{2}{3}\right), \left(1, 0\right)\right),\quad u = \left(\frac{1}{2}, 2\right)
    """
    if isinstance(result, SymmetricEquilibrium):
        if result.kind == "continuum":
            return r"p \in [0, 1]"
        return "p = " + sympy.latex(result.p) + r",\ u = " + sympy.latex(result.payoff)
    if not isinstance(result, Equilibrium):
        raise GameError(f"inline_latex: expected an Equilibrium or SymmetricEquilibrium, got {type(result).__name__}")

    def num(v: Any) -> str:
        return format_number(v, exact=True, digits=6, commas=False, latex=True)

    vecs = ", ".join(r"\left(" + ", ".join(num(v) for v in p) + r"\right)" for p in result.profile)
    pays = ", ".join(num(v) for v in result.payoffs)
    return r"\left(" + vecs + r"\right),\quad u = \left(" + pays + r"\right)"


def repr_latex(result: Any) -> str:
    """Jupyter's ``_repr_latex_`` of a result: inline math for equilibria, :func:`to_latex` in ``$$`` otherwise.

    MathJax and KaTeX do not all accept ``%`` comments, so the plain-text
    comments are left out here (they stay in :func:`to_latex`'s output).
    """
    tree = renderer("solvers.results.sequential")
    if tree is not None and type(result) in tree.LATEX:  # game trees and repeated games (solvers.render.tree)
        return tree.LATEX[type(result)](result)  # type: ignore[no-any-return]
    if isinstance(result, (Equilibrium, SymmetricEquilibrium)):
        return "$" + inline_latex(result) + "$"
    if isinstance(result, Equilibria):
        return r"$\begin{array}{l}" + r" \\ ".join(inline_latex(e) for e in result) + r"\end{array}$"
    return to_latex(result)._repr_latex_()
