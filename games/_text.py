r"""Text for people and for LaTeX: the one number formatter and the one LaTeX escaper of the project.

``games`` and ``solvers`` (the command line, the report, figures, the
explorer and the result types' text) all write numbers with
:func:`format_number` and escape labels with :func:`latex_escape` /
:func:`latex_text`.  sympy is not imported here: a sympy value can only exist
once sympy is loaded, so the sweep command line, which needs no sympy, can use
this module too.
"""

from __future__ import annotations

import math
import numbers
import sys
import unicodedata
from fractions import Fraction
from typing import Any

__all__ = ["format_number", "latex_escape", "latex_text", "one_line"]

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}

#: Exact fractions with a denominator below this are written p/q (``exact="both"``: with a decimal beside).
_MAX_SHOWN_DENOMINATOR = 10**6


def latex_escape(text: str) -> str:
    r"""Escape LaTeX special characters in a plain-text label.

    Examples
    --------
    >>> print(latex_escape("R&D: 50% of $1b_#"))
    R\&D: 50\% of \$1b\_\#
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def latex_text(text: str) -> str:
    r"""A plain label inside math mode: ``\text{...}``, escaped.

    Examples
    --------
    >>> print(latex_text("(A, B)"))
    \text{(A, B)}
    """
    return r"\text{" + latex_escape(text) + "}"


def one_line(text: str) -> str:
    r"""``text`` on one line: newlines and tabs become spaces, other control characters and Unicode line
    and paragraph separators become visible escapes (``\r``, ``\u2028``).

    Every message the command line prints goes through this, so a file name or a value holding such a
    character cannot break the promise of one line on stderr.

    Examples
    --------
    >>> print(one_line("bad file 'a\rb\u2028c':\nnot found"))
    bad file 'a\rb\u2028c': not found
    """
    out = []
    for ch in text:
        if ch in "\n\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def _sympy() -> Any:
    return sys.modules.get("sympy")


def _exact_parts(x: Any) -> tuple[int, int] | None:
    """``(p, q)`` of an exact rational (int, Fraction, sympy Rational), else None."""
    if isinstance(x, bool):
        return None
    if isinstance(x, numbers.Integral):
        return int(x), 1
    if isinstance(x, Fraction):
        return x.numerator, x.denominator
    sp = _sympy()
    if sp is not None and isinstance(x, sp.Rational):
        return int(x.p), int(x.q)
    return None


def _decimal(f: float, digits: int, commas: bool) -> str:
    if math.isnan(f):
        return "nan"
    if math.isinf(f):
        return "inf" if f > 0 else "-inf"
    if f == int(f) and abs(f) < 1e15:
        return f"{int(f):,}" if commas else str(int(f))
    if abs(f) >= 1e15 or abs(f) < 1e-3:
        return f"{f:.{digits}g}"
    if abs(f) >= 10**digits:  # would print as 1.235e+04: a whole number reads better
        return f"{f:,.0f}" if commas else f"{f:.0f}"
    return f"{f:,.{digits}g}" if commas else f"{f:.{digits}g}"


def _to_latex(text: str) -> str:
    """A decimal for LaTeX text or math mode alike: only the separators change (``{,}``)."""
    return text.replace(",", "{,}")


def format_number(x: Any, *, digits: int = 4, exact: bool | str = False, commas: bool = True,
                  latex: bool = False) -> str:
    r"""Readable text of a number: ``16,250``, ``0.1739``, ``4e+15``, ``22/13``; symbols as they print.

    Parameters
    ----------
    x : number, sympy expression or None
        ``None`` gives ``"-"``; a symbolic sympy expression its own text
        (or :func:`sympy.latex` with ``latex=True``).
    digits : int, default 4
        Significant digits of a decimal.  Whole numbers are written in full
        (below 1e15), and so are decimals of ``10**digits`` and more, rounded.
    exact : {False, True, "both"}
        ``False``: every number as a decimal.  ``True``: exact rationals as
        ``p/q`` and whole numbers in full, other exact sympy numbers
        (``sqrt(2)``) as sympy prints them; floats as decimals.  ``"both"``:
        exact fractions as ``p/q ≈ decimal`` (a denominator below a million).
    commas : bool, default True
        Thousands separators.
    latex : bool, default False
        For LaTeX: ``{,}`` separators (valid in text and math mode); with
        ``exact``, fractions as ``\frac{p}{q}`` (math mode).

    Examples
    --------
    >>> import sympy
    >>> format_number(sympy.Rational(400, 97)), format_number(sympy.Integer(1300000)), format_number(4e15)
    ('4.124', '1,300,000', '4e+15')
    >>> format_number(sympy.Rational(22, 13), exact="both", digits=6), format_number(0.75, exact=True)
    ('22/13 ≈ 1.69231', '0.75')
    >>> format_number(sympy.Rational(3, 4), exact=True, latex=True), format_number(float("inf"))
    ('\\frac{3}{4}', 'inf')
    >>> format_number(12345.6), format_number(615000, commas=False), format_number(None)
    ('12,346', '615000', '-')
    """
    if x is None:
        return "-"
    sp = _sympy()
    if sp is not None and isinstance(x, sp.Basic) and not x.is_number:
        return sp.latex(x) if latex else str(x)
    parts = _exact_parts(x)
    if exact and parts is not None:
        p, q = parts
        if q == 1:
            text = f"{p:,}" if commas else str(p)
            return text.replace(",", "{,}") if latex else text
        if exact == "both" and q >= _MAX_SHOWN_DENOMINATOR:
            parts = None  # a decimal only, below
        else:
            frac = rf"\frac{{{p}}}{{{q}}}" if latex else f"{p}/{q}"
            if exact == "both":
                approx = _decimal(p / q, digits, False)
                return frac + (r" \approx " if latex else " ≈ ") + (_to_latex(approx) if latex else approx)
            return frac
    if exact and sp is not None and isinstance(x, sp.Basic) and x.is_number and not isinstance(x, sp.Float) \
            and parts is None and exact is True:
        return sp.latex(x) if latex else str(x)
    try:
        f = float(x)
    except (TypeError, ValueError, OverflowError):
        return str(x)
    text = _decimal(f, digits, commas)
    return _to_latex(text) if latex else text
