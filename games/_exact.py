"""Conversion of user-supplied numbers to exact sympy values.

The one place where Python, numpy and sympy numbers become sympy objects.
Floats become the rational with the same shortest decimal representation
(``0.1 -> 1/10``, ``6.5e6 -> 6500000``), which is what a user who typed the
float meant; strings are never parsed here (see :func:`parse_fraction` for the
one string form we accept, from files and the command line).
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Any

import sympy

from games._numbers import parse_number
from games.errors import ParameterError

__all__ = ["to_exact", "parse_fraction", "rational_to_python", "json_value"]

_NONFINITE = (sympy.zoo, sympy.oo, -sympy.oo, sympy.nan)


def to_exact(value: Any, where: str, *, error: type[Exception] = ParameterError) -> sympy.Expr:
    """Return ``value`` as an exact sympy expression.

    Parameters
    ----------
    value : int, float, Fraction, Decimal, numpy scalar or sympy expression
        The number or expression.  ``bool`` and ``str`` are rejected.
    where : str
        What the value is, for the error message (``"payoff [0, 1] of player 1"``).
    error : exception class
        The :class:`~games.errors.AligngamesError` subclass to raise.

    Raises
    ------
    error
        For strings, booleans, other types, NaN and infinities.

    Examples
    --------
    >>> to_exact(0.1, "x")
    1/10
    >>> to_exact(6.5e6, "vsl")
    6500000
    >>> to_exact(float("nan"), "vsl")
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: vsl: nan is not finite (a finite number is required)
    """
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        raise error(f"{where}: got the boolean {value!r}; a number or sympy expression is required")
    if isinstance(value, str):
        raise error(
            f"{where}: got the string {value!r}; strings are never evaluated, "
            "give a number, a Fraction or a sympy expression"
        )
    if isinstance(value, sympy.Basic):
        if not isinstance(value, sympy.Expr):
            raise error(f"{where}: {value!r} is a {type(value).__name__}, not a sympy expression")
        if value.has(*_NONFINITE):
            raise error(f"{where}: {value} is not finite")
        return value
    if isinstance(value, numbers.Integral):
        return sympy.Integer(int(value))
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise error(f"{where}: {value} is not finite (a finite number is required)")
        frac = Fraction(value)
        return sympy.Rational(frac.numerator, frac.denominator)
    if isinstance(value, numbers.Real):
        f = float(value)
        if not math.isfinite(f):
            raise error(f"{where}: {f} is not finite (a finite number is required)")
        frac = Fraction(repr(f))  # shortest repr: 0.1 -> 1/10 exactly
        return sympy.Rational(frac.numerator, frac.denominator)
    raise error(
        f"{where}: got {type(value).__name__} {value!r}; "
        "a number (int, float, Fraction) or a sympy expression is required"
    )


def parse_fraction(text: str, where: str, *, error: type[Exception] = ParameterError) -> sympy.Rational:
    """Parse a decimal or fraction string such as ``"1/3"``, ``"0.05"`` or ``"6.5e6"``.

    Only :class:`fractions.Fraction`'s number grammar is accepted; nothing is
    evaluated, so ``"__import__('os')"`` is an error, never code.

    Examples
    --------
    >>> parse_fraction("1/3", "p_doom")
    1/3
    >>> parse_fraction("2**10", "vsl")
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: vsl: '2**10' is not a number; use a decimal (0.05, 6.5e6) or a fraction (1/3)
    """
    frac = parse_number(text, where, error=error)
    return sympy.Rational(frac.numerator, frac.denominator)


def rational_to_python(value: sympy.Expr) -> int | float | str:
    """A JSON-friendly form: int when integral, float when rational, else the text.

    Examples
    --------
    >>> rational_to_python(sympy.Rational(1300000))
    1300000
    >>> rational_to_python(sympy.Rational(1, 4))
    0.25
    """
    if isinstance(value, sympy.Integer):
        return int(value)
    if isinstance(value, sympy.Rational):
        return float(value)
    if value.is_number:
        return float(value)
    return str(value)


def json_value(x: Any) -> Any:
    """A value for JSON output: sympy numbers as :func:`rational_to_python` gives them, ``None`` and the rest as they are.

    Examples
    --------
    >>> json_value(sympy.Rational(3, 4)), json_value(None), json_value("Alignment")
    (0.75, None, 'Alignment')
    """
    if isinstance(x, sympy.Basic):
        return rational_to_python(x)  # type: ignore[arg-type]
    return x


def rational_value(expr: Any, values: dict[str, Fraction]) -> Fraction | None:
    """The exact value of a sum/product/integer-power expression at ``values`` (symbol name -> Fraction), or None.

    Evaluated in Python's :class:`fractions.Fraction`, node by node, without sympy's arithmetic:
    rational numbers, symbols named in ``values``, ``Add``, ``Mul``, ``Pow`` with an integer
    exponent and ``Piecewise``.  Anything else (a float, a function, a relation, a symbol without a value, a division
    by zero) gives None, and the caller evaluates with sympy instead.  A ``Piecewise`` takes its
    first piece whose condition (relations joined by ``And``, ``Or``, ``Not``) holds.  Equal to what substituting
    the values and letting sympy evaluate gives, since both are exact rational arithmetic.

    Examples
    --------
    >>> import sympy
    >>> x, y = sympy.symbols("x y")
    >>> with sympy.evaluate(False):
    ...     e = x * (y + 1) / 2 - x ** 2
    >>> rational_value(e, {"x": Fraction(3), "y": Fraction(1, 3)})
    Fraction(-7, 1)
    >>> rational_value(sympy.sqrt(x), {"x": Fraction(4)}) is None
    True
    >>> rational_value(sympy.Piecewise((x, sympy.And(x > 1, y < 1)), (y, True)), {"x": Fraction(2), "y": Fraction(5)})
    Fraction(5, 1)
    """
    if getattr(expr, "is_Rational", False):
        return Fraction(int(expr.p), int(expr.q))
    if getattr(expr, "is_Symbol", False):
        return values.get(expr.name)
    if getattr(expr, "is_Add", False) or getattr(expr, "is_Mul", False):
        parts = [rational_value(a, values) for a in expr.args]
        known = [p for p in parts if p is not None]
        if len(known) < len(parts):
            return None
        return sum(known, Fraction(0)) if expr.is_Add else math.prod(known, start=Fraction(1))
    if getattr(expr, "is_Pow", False):
        base, exp = expr.args
        b = rational_value(base, values)
        if b is None or not getattr(exp, "is_Integer", False) or (b == 0 and int(exp) < 0):
            return None
        return b ** int(exp)
    if isinstance(expr, sympy.Piecewise):
        for piece, cond in expr.args:
            holds = _truth(cond, values)
            if holds is None:
                return None
            if holds:
                return rational_value(piece, values)
    return None


_RELATIONS = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
              "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


def _truth(cond: Any, values: dict[str, Fraction]) -> bool | None:
    """The truth of a ``Piecewise`` condition at ``values`` (relations, And, Or, Not), or None."""
    if cond is sympy.true or cond is True:
        return True
    if cond is sympy.false or cond is False:
        return False
    op = getattr(cond, "rel_op", None)
    if op in _RELATIONS:
        a, b = (rational_value(side, values) for side in cond.args)
        return None if a is None or b is None else bool(_RELATIONS[op](a, b))
    if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
        parts = [_truth(c, values) for c in cond.args]
        if any(p is None for p in parts):
            return None
        if isinstance(cond, sympy.Not):
            return not parts[0]
        return all(parts) if isinstance(cond, sympy.And) else any(parts)
    return None
