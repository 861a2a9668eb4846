r"""Relations and signs: conditions written as one would in a paper, and reduced under the parameters' assumptions.

:func:`relation` writes ``f > 0`` (``>=``, ``==``, ``!=``) with positive terms
on the left and the rest on the right; :func:`reduce_by_kinds` decides the
relations that the ranges of the registry's parameter kinds settle;
:func:`sign_of` is the one sign helper of the toolkit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, overload

import sympy
from sympy.logic.boolalg import Boolean

from games import essay
from games._exact import to_exact
from games.errors import GameError
from solvers.symbolic.algebra import _has_denominator, fast_cancel

__all__ = ["relation", "sign_of", "weak_sign_of", "relation_expr", "evaluate_condition", "kind_bounds", "reduce_by_kinds"]


_OPS: dict[str, Any] = {">": sympy.StrictGreaterThan, ">=": sympy.GreaterThan, "==": sympy.Eq, "!=": sympy.Ne}




def _split_sides(f: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """``f`` as ``lhs - rhs`` with the positive terms in lhs and the negated negative ones in rhs."""
    pos: list[sympy.Expr] = []
    neg: list[sympy.Expr] = []
    for t in sympy.Add.make_args(f):
        (neg if t.could_extract_minus_sign() else pos).append(t)
    return sympy.Add(*pos), -sympy.Add(*neg)


def relation(f: sympy.Expr, op: str) -> Boolean:
    """The relation ``f op 0`` in readable form, decided by the assumptions where they can.

    A denominator the assumptions make nonnegative (or nonpositive) is
    cleared: the callers only build relations whose denominators are pivots
    already required to be non-zero.  Positive numeric content is divided out.

    Examples
    --------
    >>> a, b = sympy.symbols("a b", real=True)
    >>> relation(a - b, ">=")
    a >= b
    >>> relation(2*a + 2, ">")
    a + 1 > 0
    >>> relation(sympy.Symbol("p", positive=True), ">")
    True
    """
    if op not in _OPS:
        raise GameError(f"relation: operator {op!r} not allowed (allowed: {', '.join(_OPS)})")
    f = sympy.Integer(f) if isinstance(f, int) else f
    num, den = sympy.fraction(fast_cancel(f)) if _has_denominator(f) else (f, sympy.Integer(1))
    if den != 1:
        # Every denominator here is a pivot of the elimination, and the record
        # carries the condition that it is non-zero: a nonnegative one is positive.
        if den.is_nonnegative:
            f = num
        elif den.is_nonpositive:
            f = -num
    if f.is_Add:
        content, prim = f.as_content_primitive()
        if content.is_positive and content != 1:
            f = prim
    lhs, rhs = _split_sides(f)
    return _OPS[op](lhs, rhs)


def relation_expr(rel: Boolean) -> sympy.Expr:
    """``lhs - rhs`` of a relation built by :func:`relation`."""
    return rel.lhs - rel.rhs  # type: ignore[attr-defined, no-any-return]


_NONFINITE = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


def evaluate_condition(cond: Any, subs: Mapping[sympy.Symbol, sympy.Expr]) -> Any:
    """``cond`` with ``subs`` put in, atom by atom.

    A relation whose side becomes undefined (a denominator that vanishes) is
    false: every record whose expressions have a denominator also carries the
    condition that it is non-zero.

    Examples
    --------
    >>> x, y = sympy.symbols("x y", real=True)
    >>> evaluate_condition(sympy.And(sympy.Ne(y, 0), x / y > 0), {x: 1, y: 0})
    False
    """
    if cond in (sympy.true, sympy.false):
        return cond
    subs = {k: v if isinstance(v, sympy.Basic) else to_exact(v, f"value of {k}", error=GameError)
            for k, v in subs.items()}
    if isinstance(cond, sympy.core.relational.Relational):
        lhs, rhs = cond.lhs.xreplace(subs), cond.rhs.xreplace(subs)
        if lhs.has(*_NONFINITE) or rhs.has(*_NONFINITE):
            return sympy.false
        return cond.func(lhs, rhs)
    if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
        return cond.func(*(evaluate_condition(a, subs) for a in cond.args))
    return cond.xreplace(subs)


_KIND_RANGES: dict[str, tuple[Any, Any]] = {
    "probability": (0, 1), "money": (0, sympy.oo), "ratio": (0, sympy.oo),
    "count": (1, sympy.oo), "years": (0, sympy.oo),
}


def kind_bounds(symbols: Any) -> dict[sympy.Symbol, Any]:
    """Intervals of the registry's parameters among ``symbols``, by their kind.

    Probabilities lie in [0, 1], counts in [1, oo), money, ratios and years in
    [0, oo).  Symbols the registry does not know are left out.
    """
    registry = essay.parameters()
    out = {}
    for s in symbols:
        if s.name in registry:
            lo, hi = _KIND_RANGES[registry[s.name].kind]
            out[s] = sympy.AccumBounds(lo, hi)
    return out


def reduce_by_kinds(cond: Any, bounds: Mapping[sympy.Symbol, Any]) -> Any:
    """``cond`` with every relation that the parameters' ranges decide replaced by True / False.

    Interval arithmetic over-approximates the range of each side, so a relation
    is only decided when it holds (or fails) on the whole box of ranges.

    Examples
    --------
    >>> p = sympy.Symbol("p_doom", nonnegative=True)
    >>> reduce_by_kinds(sympy.And(p < 2, p > sympy.Rational(1, 2)), kind_bounds({p}))
    p_doom > 1/2
    """
    if not bounds or cond in (sympy.true, sympy.false):
        return cond
    if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
        return cond.func(*(reduce_by_kinds(a, bounds) for a in cond.args))
    if not isinstance(cond, sympy.core.relational.Relational):
        return cond
    f = cond.lhs - cond.rhs
    local = {k: v for k, v in bounds.items() if k in f.free_symbols}
    if not local or f.free_symbols - set(local):
        return cond
    try:
        val = f.xreplace(local)
        if isinstance(val, sympy.AccumBounds):
            lo, hi = val.min, val.max
        elif val.is_number and val.is_real:
            lo = hi = val
        else:
            return cond
        if lo.has(sympy.nan) or hi.has(sympy.nan):
            return cond
        if isinstance(cond, sympy.StrictGreaterThan):
            return sympy.true if lo > 0 else sympy.false if hi <= 0 else cond
        if isinstance(cond, sympy.GreaterThan):
            return sympy.true if lo >= 0 else sympy.false if hi < 0 else cond
        if isinstance(cond, sympy.StrictLessThan):
            return sympy.true if hi < 0 else sympy.false if lo >= 0 else cond
        if isinstance(cond, sympy.LessThan):
            return sympy.true if hi <= 0 else sympy.false if lo > 0 else cond
        if isinstance(cond, sympy.Eq):
            return sympy.false if (lo > 0 or hi < 0) else cond
        if isinstance(cond, sympy.Ne):
            return sympy.true if (lo > 0 or hi < 0) else cond
    except (TypeError, ValueError, ArithmeticError):
        return cond
    return cond


def _and(atoms: Sequence[Any]) -> Boolean:
    return sympy.And(*atoms)


@overload
def sign_of(expr: Any, *, weak: bool = ..., numeric: Literal[True], where: str = ...) -> int: ...


@overload
def sign_of(expr: Any, *, weak: bool = ..., numeric: bool = ..., where: str = ...) -> int | None: ...


def sign_of(expr: Any, *, weak: bool = False, numeric: bool = False, where: str = "sign_of") -> int | None:
    r"""The sign of ``expr`` (+1, -1 or 0) as far as it can be decided; the one sign helper of the toolkit.

    Parameters
    ----------
    expr : sympy expression or number
    weak : bool, default False
        Decide only "nonnegative" (+1) or "nonpositive" (-1), as the symbols'
        assumptions allow; zero counts as +1.
    numeric : bool, default False
        ``expr`` is a real number without symbols: decide exactly (sympy's
        assumptions, then an exact zero test), then by 50 digits, and raise
        if even those cannot tell it from zero.
    where : str
        The caller's name, for the error.

    Returns
    -------
    int or None
        None when the symbols' assumptions leave the sign open (never with
        ``numeric=True``).  A denominator is a pivot that an equilibrium's
        condition requires to be non-zero, so a nonnegative one counts as
        positive.

    Raises
    ------
    GameError
        With ``numeric=True``, when 50 digits cannot tell the number from zero.

    Examples
    --------
    >>> w, i = sympy.symbols("w i", positive=True)
    >>> sign_of(-i / w**2), sign_of(w - i) is None
    (-1, True)
    >>> c, d = sympy.symbols("c d", nonnegative=True)
    >>> sign_of(c / d, weak=True), sign_of(c / d) is None
    (1, True)
    >>> sign_of(sympy.sqrt(2) - sympy.Rational(141, 100), numeric=True)
    1
    """
    e = sympy.sympify(expr, strict=True)
    if numeric:
        if e.is_zero or e.equals(0):
            return 0
        if e.is_positive:
            return 1
        if e.is_negative:
            return -1
        v = sympy.N(e, 50)
        if v == 0:  # pragma: no cover - a zero that sympy cannot prove
            raise GameError(f"{where}: cannot decide the sign of {expr}")
        return 1 if v > 0 else -1
    if weak:
        num, den = sympy.fraction(sympy.factor(e))
        sd = 1 if den.is_nonnegative else -1 if den.is_nonpositive else None
        sn = 1 if num.is_nonnegative else -1 if num.is_nonpositive else None
        return sn * sd if sn is not None and sd is not None else None
    for form in (e, sympy.factor(e)):
        if form.is_zero:
            return 0
        if form.is_positive:
            return 1
        if form.is_negative:
            return -1
    num, den = sympy.fraction(sympy.factor(e))
    sn = 1 if num.is_positive else -1 if num.is_negative else None
    sd = 1 if den.is_nonnegative else -1 if den.is_nonpositive else None
    if sn is not None and sd is not None:
        return sn * sd
    return None


def weak_sign_of(expr: Any) -> int | None:
    """:func:`sign_of` with ``weak=True``: +1 when ``expr`` is nonnegative, -1 when nonpositive, else None."""
    return sign_of(expr, weak=True)

