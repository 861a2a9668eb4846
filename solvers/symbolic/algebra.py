r"""Fast exact algebra on sympy expressions: cancellation in the field of rational functions."""

from __future__ import annotations

import sympy


def _is_zero(e: sympy.Expr) -> bool:
    return e == 0 or e.is_zero is True


def fast_cancel(e: sympy.Expr) -> sympy.Expr:
    """``e`` as one cancelled fraction, computed in the field of rational functions when possible.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> fast_cancel(x / (x * y + x) + 1)
    (y + 2)/(y + 1)
    """
    gens = sorted(e.free_symbols, key=sympy.default_sort_key)
    if not gens:
        return sympy.cancel(e)
    try:
        K = sympy.ZZ.frac_field(*gens)
        return K.to_sympy(K.from_sympy(e))  # type: ignore[no-any-return]
    except (sympy.polys.polyerrors.CoercionFailed, sympy.polys.polyerrors.GeneratorsError, ValueError):
        return sympy.cancel(e)


def _has_denominator(e: sympy.Expr) -> bool:
    return any(p.exp.is_negative for p in e.atoms(sympy.Pow) if p.base.free_symbols)


def _numer(e: sympy.Expr) -> sympy.Expr:
    return sympy.fraction(fast_cancel(e))[0]

