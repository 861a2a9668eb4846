r"""Conditions and expressions as plain text in the notation of a paper, for terminals and logs.

sympy's own ``str`` is Python: ``(x >= y) & Eq(a, b)``.  :func:`readable`
writes what a reader of a paper expects, in ASCII so that any terminal shows
it: ``x >= y and a = b``, ``0 < s < 1`` for a bound on both sides, ``x^2``
for a power, ``and``/``or``/``not`` for the connectives, and large integers
with thousands separators as :func:`games._text.format_number` writes them.

Examples
--------
>>> import sympy
>>> a, b, s = sympy.symbols("a b s")
>>> print(readable(sympy.And(a >= b, sympy.Eq(a, 2 * b), s > 0, s < 1)))
a >= b and 0 < s < 1 and a = 2*b
>>> print(readable(sympy.Or(a ** 2 > b, sympy.Not(sympy.Eq(a, b)))))
a != b or a^2 > b
>>> print(readable(sympy.Eq(a, 2500000 - b)))
a = 2,500,000 - b
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy.printing.str import StrPrinter

from games._text import format_number

__all__ = ["readable", "readable_conjuncts"]


def _bound(rel: Any) -> tuple[sympy.Basic, str, sympy.Basic, str] | None:
    """``(symbol, side, bound, op)`` for ``symbol < number`` style relations (either way round)."""
    if not isinstance(rel, (sympy.StrictLessThan, sympy.StrictGreaterThan, sympy.LessThan, sympy.GreaterThan)):
        return None
    small, big = (rel.lhs, rel.rhs) if isinstance(rel, (sympy.StrictLessThan, sympy.LessThan)) else (rel.rhs, rel.lhs)
    op = "<" if isinstance(rel, (sympy.StrictLessThan, sympy.StrictGreaterThan)) else "<="
    if isinstance(small, sympy.Symbol) and big.is_number:
        return small, "upper", big, op
    if isinstance(big, sympy.Symbol) and small.is_number:
        return big, "lower", small, op
    return None


class _Readable(StrPrinter):
    """sympy's str printer with the connectives, equations and powers of a paper."""

    def _print_And(self, expr: Any) -> str:
        return " and ".join(self.conjuncts(expr))

    def conjuncts(self, expr: Any) -> list[str]:
        """The parts of a conjunction, a two-sided bound of one symbol joined into one part."""
        args = list(expr.args) if isinstance(expr, sympy.And) else [expr]
        parts: list[str] = []
        used: set[int] = set()
        bounds = {i: _bound(a) for i, a in enumerate(args)}
        for i, a in enumerate(args):
            if i in used:
                continue
            b = bounds[i]
            if b is not None:  # look for the other side of the same symbol: 0 < s < 1
                for j in range(i + 1, len(args)):
                    c = bounds[j]
                    if j not in used and c is not None and c[0] == b[0] and c[1] != b[1]:
                        low, high = (b, c) if b[1] == "lower" else (c, b)
                        parts.append(f"{self._print(low[2])} {low[3]} {self._print(b[0])} "
                                     f"{high[3]} {self._print(high[2])}")
                        used.update((i, j))
                        break
                else:
                    parts.append(self._connective_arg(a, sympy.And))
                    used.add(i)
                continue
            parts.append(self._connective_arg(a, sympy.And))
            used.add(i)
        return parts

    def _print_Or(self, expr: Any) -> str:
        return " or ".join(self._connective_arg(a, sympy.Or) for a in expr.args)

    def _print_Not(self, expr: Any) -> str:
        arg = expr.args[0]
        if isinstance(arg, sympy.Eq):
            return f"{self._print(arg.lhs)} != {self._print(arg.rhs)}"
        return f"not ({self._print(arg)})"

    def _connective_arg(self, arg: Any, outer: type) -> str:
        text = self._print(arg)
        if isinstance(arg, (sympy.And, sympy.Or)) and not isinstance(arg, outer):
            return f"({text})"
        return text

    def _print_Relational(self, expr: Any) -> str:
        op = {"==": "=", "!=": "!="}.get(expr.rel_op, expr.rel_op)
        if expr.lhs.is_number and not expr.rhs.is_number:  # the unknowns first: s > 0, not 0 < s
            op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
            return f"{self._print(expr.rhs)} {op} {self._print(expr.lhs)}"
        return f"{self._print(expr.lhs)} {op} {self._print(expr.rhs)}"

    def _print_Pow(self, expr: Any, rational: bool = False) -> str:
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_Integer(self, expr: Any) -> str:
        return format_number(expr) if abs(int(expr)) >= 10_000 else str(expr)  # 2,500,000, as in the tables

    def _print_BooleanTrue(self, expr: Any) -> str:
        return "always"

    def _print_BooleanFalse(self, expr: Any) -> str:
        return "never"


def readable(expr: Any) -> str:
    """A sympy condition or expression as one line of plain text in a paper's notation.

    Parameters
    ----------
    expr : sympy.Basic
        A Boolean condition (``And``, ``Or``, ``Not``, relations) or an expression.

    Returns
    -------
    str
        ``and``/``or``/``not`` for the connectives, ``=`` and ``!=`` for
        equations, ``^`` for powers, ``low < s < high`` for a two-sided bound;
        ``always``/``never`` for the constant conditions.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> readable(sympy.Ge(3 * x, 1) & sympy.Ne(x, 2))
    'x != 2 and 3*x >= 1'
    >>> readable(sympy.true)
    'always'
    """
    return _Readable().doprint(expr)


def readable_conjuncts(condition: Any) -> list[str]:
    """The parts of a condition that must all hold, each as :func:`readable` text (one part if it is no ``And``).

    Examples
    --------
    >>> import sympy
    >>> s, t = sympy.symbols("s t")
    >>> readable_conjuncts(sympy.And(s > 0, s < 1, sympy.Eq(t, 2 * s)))
    ['0 < s < 1', 't = 2*s']
    """
    return _Readable().conjuncts(condition)
