"""Numbers and names typed by a user, checked without sympy (the sweep command line runs without it).

Only :class:`fractions.Fraction`'s number grammar is accepted: decimals
(``0.05``, ``6.5e6``) and fractions (``1/3``).  Nothing is evaluated, so
``"__import__('os')"`` is an error, never code.  :func:`games._exact.parse_fraction`
is the same parser returning a sympy ``Rational``.
"""

from __future__ import annotations

from fractions import Fraction

from games.errors import ParameterError

__all__ = ["parse_number", "SCENARIO_NAMES", "CASE_NAMES", "MAX_PARAMETER_FILE_BYTES"]

#: A parameter file may hold at most this many bytes (:mod:`games.parameters` refuses larger ones).
MAX_PARAMETER_FILE_BYTES = 1 << 20

#: The essay's scenario and case names (:func:`games.essay.scenarios`, :func:`games.essay.cases`), here so
#: that the command line can offer them without importing sympy; games.essay checks they match at import.
SCENARIO_NAMES = ("phd", "industry")
CASE_NAMES = ("baseline", "researcher_5x", "dunbar", "dunbar_5x", "humanity")


def parse_number(text: str, where: str, *, error: type[Exception] = ParameterError) -> Fraction:
    """Parse a decimal or fraction string such as ``"1/3"``, ``"0.05"`` or ``"6.5e6"`` exactly.

    Examples
    --------
    >>> parse_number("6.5e6", "vsl")
    Fraction(6500000, 1)
    >>> parse_number("2**10", "vsl")
    Traceback (most recent call last):
    ...
    games.errors.ParameterError: vsl: '2**10' is not a number; use a decimal (0.05, 6.5e6) or a fraction (1/3)
    """
    if not isinstance(text, str):
        raise error(f"{where}: expected a string, got {type(text).__name__}")
    shown = text if len(text) <= 60 else text[:57] + "..."
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise error(
            f"{where}: {shown!r} is not a number; use a decimal (0.05, 6.5e6) or a fraction (1/3)"
        ) from None
