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

__all__ = ["format_number", "latex_escape", "latex_text", "one_line", "unit_style"]

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    # what format_number writes in plain text: 61/400 ≈ 0.1525, 4 × 10¹⁵
    "≈": r"\ensuremath{\approx}", "×": r"\ensuremath{\times}", "−": "-",
}

_SUPERSCRIPTS = dict(zip("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))

#: Exact fractions with a denominator below this are written p/q (``exact="both"``: with a decimal beside).
_MAX_SHOWN_DENOMINATOR = 10**6


def latex_escape(text: str) -> str:
    r"""Escape LaTeX special characters in a plain-text label.

    Examples
    --------
    >>> print(latex_escape("R&D: 50% of $1b_#"))
    R\&D: 50\% of \$1b\_\#
    >>> print(latex_escape("1/3 ≈ 0.3333, 4 × 10¹⁵"))
    1/3 \ensuremath{\approx} 0.3333, 4 \ensuremath{\times} 10\textsuperscript{15}
    """
    out: list[str] = []
    sup = ""
    for ch in text + "\0":
        if ch in _SUPERSCRIPTS:
            sup += _SUPERSCRIPTS[ch]
            continue
        if sup:
            out.append(r"\textsuperscript{%s}" % sup)
            sup = ""
        if ch != "\0":
            out.append(_LATEX_SPECIAL.get(ch, ch))
    return "".join(out)


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
        return _power_of_ten(f, digits)
    if abs(f) >= 10**digits:  # would print as 1.235e+04: a whole number reads better
        return f"{f:,.0f}" if commas else f"{f:.0f}"
    return f"{f:,.{digits}g}" if commas else f"{f:.{digits}g}"


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_of_ten(f: float, digits: int) -> str:
    """``4 × 10¹⁵`` (never Python's ``4e+15``); :func:`_to_latex` turns it into ``4 \times 10^{15}``."""
    if f == 0:
        return "0"
    mantissa, _, exponent = f"{f:.{digits}g}".partition("e")
    if not exponent:
        return mantissa
    return f"{mantissa} × 10" + str(int(exponent)).translate(_SUPERSCRIPT)


_UNSUPERSCRIPT = {v: k for k, v in zip("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")}


def _to_latex(text: str) -> str:
    r"""A decimal for LaTeX text or math mode alike: ``{,}`` separators, ``\ensuremath`` powers of ten, ``\$``, ``\%``."""
    text = text.replace(",", "{,}").replace("$", r"\$").replace("%", r"\%")
    if " × 10" in text:
        head, _, sup = text.partition(" × 10")
        exp = "".join(_UNSUPERSCRIPT.get(ch, "") for ch in sup)
        tail = "".join(ch for ch in sup if ch not in _UNSUPERSCRIPT)
        pre = head.rstrip("0123456789.")
        text = pre + r"\ensuremath{" + head[len(pre):] + r" \times 10^{" + exp + "}}" + tail
    return text


#: Short scale of money: 1e6 and up as $6.5m, $28bn, $400tn (below a million in full: $16,250).
_MONEY_SCALE = ((10**12, "tn"), (10**9, "bn"), (10**6, "m"))

#: Counts of a billion and more in words (8 billion people).
_COUNT_SCALE = ((10**12, " trillion"), (10**9, " billion"))


def unit_style(unit: str) -> str:
    """How numbers of a parameter's unit are written: ``"money"``, ``"money/year"``, ``"percent"``, ``"years"``,
    ``"count"`` or ``"plain"``.

    Examples
    --------
    >>> unit_style("USD / year"), unit_style("probability (absolute)"), unit_style("people")
    ('money/year', 'percent', 'count')
    """
    u = (unit or "").strip().lower()
    if u.startswith("usd") or u.startswith("$"):
        return "money/year" if "/ year" in u or "/year" in u else "money"
    if u.startswith("probability") or u.startswith("share") or u in ("percent", "%"):
        return "percent"
    if u.startswith("year"):
        return "years"
    if u in ("people", "researchers", "labs", "powers", "count", "players", "careers"):
        return "count"
    return "plain"


def _scaled(f: float, scale: tuple[tuple[int, str], ...], digits: int) -> str | None:
    for size, word in scale:
        if abs(f) >= size:
            if abs(f) >= 1000 * scale[0][0]:
                return None  # beyond the scale: a power of ten
            return f"{f / size:.{digits}g}{word}"
    return None


def _with_unit(f: float, style: str, digits: int, commas: bool, signed: bool) -> str:
    sign = "-" if f < 0 else ("+" if signed and f > 0 else "")
    a = abs(f)
    if style in ("money", "money/year"):
        body = _scaled(a, _MONEY_SCALE, digits) or _decimal(a, digits, commas)
        if a >= 1e6 and body[0].isdigit() and "×" not in body and not body[-1].isalpha():
            body = _decimal(a, digits, commas)
        return sign + "$" + body + ("/year" if style == "money/year" else "")
    if style == "percent":
        pct = a * 100
        body = _decimal(pct, digits, commas) if pct >= 1e-3 or pct == 0 else _power_of_ten(pct, digits)
        return sign + body + "%"
    if style == "count":
        return sign + (_scaled(a, _COUNT_SCALE, digits) or _decimal(a, digits, commas))
    if style == "years":
        body = _decimal(a, digits, commas)
        return sign + body + (" year" if body == "1" else " years")
    return sign + _decimal(a, digits, commas)


def format_number(x: Any, *, digits: int = 4, exact: bool | str = False, commas: bool = True,
                  latex: bool = False, unit: str | None = None, signed: bool = False) -> str:
    r"""Readable text of a number: ``16,250``, ``0.1739``, ``4 × 10¹⁵``, ``22/13``, ``$28bn``, ``5%``.

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
    unit : str, optional
        A parameter's unit (:attr:`games.parameters.Parameter.unit`), read by
        :func:`unit_style`: money as ``$16,250`` below a million and
        ``$6.5m``, ``$28bn``, ``$400tn`` above (``$4 × 10¹⁵`` beyond);
        probabilities and shares as percentages (``5%``); years as
        ``5 years``; counts of a billion and more in words (``8 billion``).
        ``exact`` is ignored with a unit.
    signed : bool, default False
        A ``+`` before positive numbers (gains on graph edges: ``+$28bn``).

    Examples
    --------
    >>> import sympy
    >>> format_number(sympy.Rational(400, 97)), format_number(sympy.Integer(1300000)), format_number(4e15)
    ('4.124', '1,300,000', '4 × 10¹⁵')
    >>> format_number(sympy.Rational(22, 13), exact="both", digits=6), format_number(0.75, exact=True)
    ('22/13 ≈ 1.69231', '0.75')
    >>> format_number(sympy.Rational(3, 4), exact=True, latex=True), format_number(float("inf"))
    ('\\frac{3}{4}', 'inf')
    >>> format_number(12345.6), format_number(615000, commas=False), format_number(None)
    ('12,346', '615000', '-')
    >>> format_number(16250, unit="USD"), format_number(2.8e10, unit="USD", signed=True), format_number(0.05, unit="probability")
    ('$16,250', '+$28bn', '5%')
    >>> format_number(8e9, unit="people"), format_number(35000, unit="USD / year"), format_number(4e14, unit="USD", latex=True)
    ('8 billion', '$35,000/year', '\\$400tn')
    """
    if x is None:
        return "-"
    sp = _sympy()
    if sp is not None and isinstance(x, sp.Basic) and not x.is_number:
        return sp.latex(x) if latex else str(x)
    if unit is not None or signed:
        try:
            f = float(x)
        except (TypeError, ValueError, OverflowError):
            return str(x)
        if math.isnan(f) or math.isinf(f):
            return _decimal(f, digits, commas)
        text = _with_unit(f, unit_style(unit or ""), digits, commas, signed)
        return _to_latex(text) if latex else text
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
