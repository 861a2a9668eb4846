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
