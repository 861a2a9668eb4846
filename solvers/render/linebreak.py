r"""Long formulas broken into lines that fit the text width (amsmath ``align``), never shrunk.

:func:`tex_width` estimates the printed width of a LaTeX math string in
points at 11 pt (a glyph about 6 pt, a binary relation or operator with its
spacing about 14 pt, subscripts smaller, a fraction as wide as its wider
part, a ``cases`` block as wide as its widest row).  :func:`condition_lines`
lays out a list of relations as lines of an ``align`` environment: joined
with "and" while they fit, one per line when they do not, and a relation
still too wide broken before its relation sign (amsmath's advice for
displayed breaks).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from solvers.render.latex import latex_expr

__all__ = ["tex_width", "condition_lines", "expression_lines", "TEXT_WIDTH_PT"]

#: \textwidth of the report (A4, 2.5 cm margins) in points, less a safety margin for the equation number.
TEXT_WIDTH_PT = 390.0

_GROUP = re.compile(r"\\(?:frac|dfrac)\{")


def _brace_end(s: str, i: int) -> int:
    """Index just past the group that opens at ``s[i] == '{'``."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{":
            depth += 1
        elif s[j] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(s)


def tex_width(tex: str) -> float:
    r"""Estimated printed width (points at 11 pt) of LaTeX math.

    Examples
    --------
    >>> tex_width(r"a + b") < tex_width(r"a + b + c")
    True
    >>> tex_width(r"\frac{a + b + c}{d}") < tex_width(r"a + b + c + d")
    True
    """
    s = tex
    width = 0.0
    i = 0
    while i < len(s):
        if s.startswith(r"\begin{cases}", i):
            end = s.find(r"\end{cases}", i)
            end = len(s) if end < 0 else end
            rows = s[i + len(r"\begin{cases}"):end].split(r"\\")
            width += 24 + max(tex_width(r.replace("&", " ")) for r in rows)
            i = end + len(r"\end{cases}")
            continue
        m = _GROUP.match(s, i)
        if m:
            a_end = _brace_end(s, m.end() - 1)
            b_end = _brace_end(s, a_end)
            width += 4 + max(tex_width(s[m.end():a_end - 1]), tex_width(s[a_end + 1:b_end - 1]))
            i = b_end
            continue
        if s.startswith(r"\text{", i) or s.startswith(r"\mathrm{", i):
            j = s.index("{", i)
            end = _brace_end(s, j)
            width += 5.2 * len(s[j + 1:end - 1])
            i = end
            continue
        if s[i] in "_^":
            if i + 1 < len(s) and s[i + 1] == "{":
                end = _brace_end(s, i + 1)
                width += 0.7 * tex_width(s[i + 2:end - 1])
                i = end
            else:
                width += 4.2
                i += 2
            continue
        if s[i] == "\\":
            m2 = re.match(r"\\([A-Za-z]+|.)", s[i:])
            assert m2 is not None
            cmd = m2.group(1)
            if cmd in ("geq", "leq", "neq", "cdot", "times", "approx", "ne", "ge", "le"):
                width += 14
            elif cmd in ("quad",):
                width += 11
            elif cmd in ("qquad",):
                width += 22
            elif cmd in (",", ";", ":", " ", "!"):
                width += 3
            elif cmd in ("left", "right", "displaystyle", "notag", "nonumber", "label"):
                pass
            else:
                width += 6.5
            i += len(m2.group(0))
            continue
        ch = s[i]
        if ch in "+-=<>":
            width += 14
        elif ch in "()[],;":
            width += 4
        elif ch in " {}&":
            pass
        else:
            width += 6
        i += 1
    return width


_REL = {sympy.GreaterThan: r"\geq", sympy.StrictGreaterThan: ">", sympy.LessThan: r"\leq",
        sympy.StrictLessThan: "<", sympy.Eq: "=", sympy.Ne: r"\neq"}


def _relation_lines(rel: Any, names: Mapping[sympy.Symbol, str], budget: float) -> list[str]:
    """One relation as one line, or as two (the right side on its own line, after the sign)."""
    tex = latex_expr(rel, names)
    if tex_width(tex) <= budget or type(rel) not in _REL:
        return [tex]
    return [latex_expr(rel.lhs, names), r"\qquad " + _REL[type(rel)] + " " + latex_expr(rel.rhs, names)]


def condition_lines(atoms: Sequence[Any], names: Mapping[sympy.Symbol, str],
                    budget: float = TEXT_WIDTH_PT) -> list[str]:
    r"""The relations ``atoms`` (all must hold) as lines for an ``align`` environment, each within ``budget``.

    Returns LaTeX lines without the ``&`` and ``\\`` of the environment.

    Examples
    --------
    >>> import sympy
    >>> a, b, c = sympy.symbols("a b c")
    >>> condition_lines([a >= b, c > 0], {})
    ['a \\geq b \\;\\text{and}\\; c > 0']
    >>> len(condition_lines([a >= b, c > 0], {}, budget=50))
    2
    """
    lines: list[str] = []
    current = ""
    for atom in atoms:
        parts = _relation_lines(atom, names, budget)
        if len(parts) == 1:
            joined = current + r" \;\text{and}\; " + parts[0] if current else parts[0]
            if tex_width(joined) <= budget:
                current = joined
                continue
            if current:
                lines.append(current)
            current = r"\text{and }" + parts[0] if lines else parts[0]
            continue
        if current:
            lines.append(current)
            current = ""
        first = (r"\text{and }" if lines else "") + parts[0]
        lines += [first, *parts[1:]]
    if current:
        lines.append(current)
    return lines


def expression_lines(expr: Any, names: Mapping[sympy.Symbol, str], budget: float = TEXT_WIDTH_PT) -> list[str]:
    r"""A long sum as lines of at most ``budget``: the first line, then lines that begin with ``+`` or ``-``.

    Examples
    --------
    >>> import sympy
    >>> a, b, c = sympy.symbols("a b c")
    >>> expression_lines(a + b - c, {}, budget=40)
    ['a + b', '- c']
    """
    tex = latex_expr(expr, names)
    if tex_width(tex) <= budget or not isinstance(expr, sympy.Add):
        return [tex]
    lines: list[str] = []
    current = ""
    for term in expr.as_ordered_terms():
        neg = term.could_extract_minus_sign()
        body = latex_expr(-term if neg else term, names)
        if isinstance(-term if neg else term, sympy.Add):
            body = "(" + body + ")"
        piece = ("- " if neg else ("+ " if current or lines else "")) + body
        joined = (current + " " + piece).strip()
        if current and tex_width(joined) > budget:
            lines.append(current)
            current = piece
        else:
            current = joined
    if current:
        lines.append(current)
    return lines
