"""Numbers and names typed by a user, checked without sympy (the sweep command line runs without it).

Only :class:`fractions.Fraction`'s number grammar is accepted: decimals
(``0.05``, ``6.5e6``) and fractions (``1/3``).  Nothing is evaluated, so
``"__import__('os')"`` is an error, never code.  :func:`games._exact.parse_fraction`
is the same parser returning a sympy ``Rational``.
"""

from __future__ import annotations

import re
from fractions import Fraction

from games.errors import ParameterError

__all__ = ["parse_number", "check_magnitude", "SCENARIO_NAMES", "CASE_NAMES", "MAX_PARAMETER_FILE_BYTES",
           "MAX_NUMBER_CHARS", "MAX_EXPONENT", "MAX_MAGNITUDE"]

#: A number typed by a user (``--set``, a TOML string, ``--seed``) has at most this many characters.
MAX_NUMBER_CHARS = 100
#: ... and an exponent of at most this many (``1e1000``): checked before any arithmetic.
MAX_EXPONENT = 1000
#: Every number a user gives is 0 or between 10**-300 and 10**300 in magnitude: within what a float holds,
#: so that sweeps and figures can compute with it.
MAX_MAGNITUDE = Fraction(10) ** 300
_MIN_MAGNITUDE = 1 / MAX_MAGNITUDE
_RANGE_TEXT = "0, or 1e-300 to 1e300 in magnitude"

_DIGITS = r"\d+(?:_\d+)*"
_NUMBER = re.compile(
    rf"(?P<sign>[-+]?)(?:(?P<num>{_DIGITS})/(?P<den>{_DIGITS})"
    rf"|(?=\.?\d)(?P<int>{_DIGITS})?(?:\.(?P<frac>{_DIGITS})?)?(?:[eE](?P<exp>[-+]?{_DIGITS}))?)"
)

#: A parameter file may hold at most this many bytes (:mod:`games.parameters` refuses larger ones).
MAX_PARAMETER_FILE_BYTES = 1 << 20

#: The essay's scenario and case names (:func:`games.essay.scenarios`, :func:`games.essay.cases`), here so
#: that the command line can offer them without importing sympy; games.essay checks they match at import.
SCENARIO_NAMES = ("phd", "industry")
CASE_NAMES = ("baseline", "researcher_5x", "dunbar", "dunbar_5x", "humanity")


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def check_magnitude(value: Fraction, where: str, *, error: type[Exception] = ParameterError,
                    shown: str | None = None) -> Fraction:
    """``value`` if it is 0 or between 1e-300 and 1e300 in magnitude, else ``error`` naming ``where``.

    Examples
    --------
    >>> check_magnitude(Fraction(10) ** 301, "vsl")
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: vsl: 1e+301 is outside the range allowed for a number (0, or 1e-300 to 1e300 in magnitude)
    """
    if value and not (_MIN_MAGNITUDE <= abs(value) <= MAX_MAGNITUDE):
        text = shown if shown is not None else f"{float(value):.4g}" if abs(value) < 10**308 else "a number above 1e308"
        raise error(f"{where}: {text} is outside the range allowed for a number ({_RANGE_TEXT})")
    return value


def parse_number(text: str, where: str, *, error: type[Exception] = ParameterError) -> Fraction:
    """Parse a decimal or fraction string such as ``"1/3"``, ``"0.05"`` or ``"6.5e6"`` exactly.

    Bounded before any arithmetic: at most :data:`MAX_NUMBER_CHARS` characters,
    an exponent of at most :data:`MAX_EXPONENT`, and a value of 0 or between
    1e-300 and 1e300 in magnitude.  Underscores may group digits (``1_000``);
    commas may not.

    Examples
    --------
    >>> parse_number("6.5e6", "vsl")
    Fraction(6500000, 1)
    >>> parse_number("2**10", "vsl")
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: vsl: '2**10' is not a number; use a decimal (0.05, 6.5e6) or a fraction (1/3)
    >>> parse_number("1e999999999", "vsl")
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: vsl: '1e999999999' is outside the range allowed for a number (0, or 1e-300 to 1e300 in magnitude)
    """
    if not isinstance(text, str):
        raise error(f"{where}: expected a string, got {type(text).__name__}")
    body = text.strip()
    m = _NUMBER.fullmatch(body)  # linear in the length: no backtracking in the grammar
    if m is None:
        hint = "; write it without thousands separators (6500000 or 6.5e6)" if "," in body else ""
        raise error(
            f"{where}: {_shown(body)} is not a number; use a decimal (0.05, 6.5e6) or a fraction (1/3){hint}"
        )
    if len(body) > MAX_NUMBER_CHARS:
        raise error(f"{where}: {_shown(body)} has {len(body)} characters (allowed: at most {MAX_NUMBER_CHARS})")
    if m["den"] is not None and int(m["den"].replace("_", "")) == 0:
        raise error(f"{where}: {_shown(body)} divides by zero")
    if m["exp"] is not None and abs(int(m["exp"].replace("_", ""))) > MAX_EXPONENT:
        raise error(f"{where}: {_shown(body)} is outside the range allowed for a number ({_RANGE_TEXT})")
    value = Fraction(body)  # bounded now: at most 100 digits times 10**1000
    return check_magnitude(value, where, error=error, shown=_shown(body))
