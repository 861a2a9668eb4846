r"""The one number formatter of the analysis layer: text for the command line, the report and figures."""

from __future__ import annotations

from typing import Any

import sympy

__all__ = ["format_number"]


def format_number(x: Any) -> str:
    """Readable text of a number: ``16,250``, ``0.1739``, ``4e+14``; symbols as text.

    Examples
    --------
    >>> format_number(sympy.Rational(400, 97)), format_number(sympy.Integer(1300000))
    ('4.124', '1,300,000')
    """
    if x is None:
        return "-"
    if isinstance(x, sympy.Basic) and not x.is_number:
        return str(x)
    f = float(x)
    if f == int(f) and abs(f) < 1e15:
        return f"{int(f):,}"
    if abs(f) >= 1e15 or (f != 0 and abs(f) < 1e-3):
        return f"{f:.4g}"
    return f"{f:,.4g}"

