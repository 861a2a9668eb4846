r"""Derivatives of payoffs in the player's own strategy, and where they do not exist.

A first-order condition needs the payoff to be differentiable in the own
strategy where it is imposed.  :func:`kinked` says whether an expression has
a kink (``Abs``, ``Min``, ``Max``, ``Piecewise``, ``sign``, ``Heaviside``,
``floor``, ...) in a symbol; :func:`one_sided` evaluates the derivative of an
expression from the left or the right of a point, choosing the branch of each
``Piecewise`` that holds just beside the point (with symbolic conditions decided
by the symbols' assumptions); :func:`derivative_at` requires the two sides to
agree and raises :class:`~solvers.errors.NonDifferentiablePayoffError` otherwise.
"""

from __future__ import annotations

from typing import Any

import sympy

from solvers.errors import NonDifferentiablePayoffError
from solvers.symbolic.relations import sign_of

__all__ = ["kinked", "one_sided", "derivative_at", "KINKS"]

#: Functions whose derivative is not classical everywhere.
KINKS = (sympy.Abs, sympy.Min, sympy.Max, sympy.Piecewise, sympy.sign, sympy.Heaviside, sympy.floor,
         sympy.ceiling, sympy.frac, sympy.Mod, sympy.DiracDelta)


def kinked(expr: sympy.Expr, symbol: sympy.Symbol) -> bool:
    """True when ``expr`` has a kink-making function of ``symbol`` (``Abs``, ``Piecewise``, ``Max``, ...).

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> kinked(sympy.Abs(x - y), x), kinked(x**2 * sympy.Abs(y), x)
    (True, False)
    """
    return any(symbol in a.free_symbols for a in expr.atoms(*KINKS))


def _small_sign(f: sympy.Expr, eps: sympy.Symbol, where: str) -> int:
    """The sign of ``f(eps)`` for small positive ``eps`` (value at 0, else the slope there)."""
    for order in range(3):
        g = f.diff(eps, order) if order else f
        value = sympy.simplify(_at_zero(g, eps))
        # a nonnegative parameter (a capability spread) is taken as positive here: at zero the
        # payoff's branches collapse and the game is degenerate
        s = sign_of(value)
        s = sign_of(value, weak=True) if s is None else s
        if s is None:
            raise NonDifferentiablePayoffError(
                f"{where}: cannot tell which branch of the payoff holds beside the point ({f} > 0 or < 0?); "
                "give numeric values or assumptions on the parameters")
        if s != 0:
            return s
    return 0


def _small_truth(cond: Any, eps: sympy.Symbol, where: str) -> bool:
    if cond in (True, sympy.true):
        return True
    if cond in (False, sympy.false):
        return False
    if isinstance(cond, sympy.And):
        return all(_small_truth(a, eps, where) for a in cond.args)
    if isinstance(cond, sympy.Or):
        return any(_small_truth(a, eps, where) for a in cond.args)
    if isinstance(cond, sympy.Not):
        return not _small_truth(cond.args[0], eps, where)
    if isinstance(cond, sympy.core.relational.Relational):
        s = _small_sign(cond.lhs - cond.rhs, eps, where)
        if isinstance(cond, (sympy.StrictLessThan, sympy.LessThan)):
            return s < 0 or (s == 0 and isinstance(cond, sympy.LessThan))
        if isinstance(cond, (sympy.StrictGreaterThan, sympy.GreaterThan)):
            return s > 0 or (s == 0 and isinstance(cond, sympy.GreaterThan))
        if isinstance(cond, sympy.Eq):
            return s == 0
        return s != 0
    raise NonDifferentiablePayoffError(f"{where}: cannot decide the payoff's branch condition {cond}")


def _branch(expr: sympy.Expr, eps: sympy.Symbol, where: str) -> sympy.Expr:
    """``expr`` with each Piecewise replaced by its branch that holds for small positive ``eps``."""
    def pick(pw: sympy.Piecewise) -> sympy.Expr:
        for e, c in pw.args:
            if _small_truth(c, eps, where):
                return _branch(e, eps, where)
        raise NonDifferentiablePayoffError(f"{where}: no branch of {pw} holds beside the point")
    return expr.replace(lambda e: isinstance(e, sympy.Piecewise), pick)


def _at_zero(expr: sympy.Expr, eps: sympy.Symbol) -> sympy.Expr:
    """``expr`` at ``eps = 0`` (a one-sided limit where the plain value is undefined)."""
    value = expr.subs(eps, 0)
    if value.has(sympy.nan, sympy.zoo) or any(p.base == 0 for p in value.atoms(sympy.Pow)):
        value = sympy.limit(expr, eps, 0, "+")
    return value


def one_sided(expr: sympy.Expr, symbol: sympy.Symbol, point: sympy.Expr, side: int, *, order: int = 1,
              where: str = "one_sided") -> sympy.Expr:
    """The ``order``-th derivative of ``expr`` in ``symbol`` at ``point``, from the right (+1) or the left (-1).

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> one_sided(sympy.Abs(x - y), x, y, +1), one_sided(sympy.Abs(x - y), x, y, -1)
    (1, -1)
    """
    if not kinked(expr, symbol):
        return sympy.simplify(expr.diff(symbol, order).subs(symbol, point))
    eps = sympy.Dummy("eps", positive=True)
    smooth = expr.rewrite(sympy.Piecewise) if expr.atoms(sympy.Abs, sympy.Min, sympy.Max, sympy.sign,
                                                          sympy.Heaviside) else expr
    d = sympy.piecewise_fold(smooth.diff(symbol, order))
    near = _branch(d.subs(symbol, point + side * eps), eps, where)
    return sympy.simplify(_at_zero(near, eps))


def derivative_at(expr: sympy.Expr, symbol: sympy.Symbol, point: sympy.Expr, *, order: int = 1,
                  where: str = "derivative_at") -> sympy.Expr:
    """The derivative at ``point``, which must be the same from both sides.

    Raises
    ------
    NonDifferentiablePayoffError
        When the one-sided derivatives differ (a kink at ``point``), naming both.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> derivative_at(sympy.Abs(x - y), x, y)
    Traceback (most recent call last):
    ...
    solvers.errors.NonDifferentiablePayoffError: derivative_at: the payoff is not differentiable in x at x = y (derivative 1 from the right, -1 from the left)
    """
    right = one_sided(expr, symbol, point, +1, order=order, where=where)
    if not kinked(expr, symbol):
        return right
    left = one_sided(expr, symbol, point, -1, order=order, where=where)
    if sympy.simplify(right - left) != 0:
        raise NonDifferentiablePayoffError(
            f"{where}: the payoff is not differentiable in {symbol} at {symbol} = {point} "
            f"(derivative {right} from the right, {left} from the left)")
    return right
