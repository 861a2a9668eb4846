r"""Exact real solutions of zero-dimensional polynomial systems: Groebner bases in shape position (grevlex, then FGLM) and real root isolation.

For the indifference systems of N-player support enumeration.  A lexicographic
Groebner basis of the system plus :math:`t = \sum_k c_k x_k` (a separating
linear form, :math:`t` last) is, for a radical zero-dimensional ideal and
almost every choice of :math:`c`, in *shape position*:
:math:`\{x_1 - g_1(t), \dots, x_n - g_n(t), h(t)\}` (the shape lemma).  The real
solutions are then :math:`x_k = g_k(r)` at the real roots :math:`r` of
:math:`h`, isolated exactly by sympy (``Rational`` or ``CRootOf``).  The sign of
any rational function of the unknowns at a solution is decided exactly: it is
a rational function of :math:`t`, its numerator vanishes at :math:`r` iff the
minimal polynomial of :math:`r` divides it, and otherwise interval evaluation
at growing precision settles the sign.  Systems not in shape position (roots
of multiplicity above one) are reported as such so the caller can fall back.

References
----------
D. Cox, J. Little, D. O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.,
Springer (2015), Sections 3.1-3.5 (elimination) and 5.3 (finiteness);
J.-C. Faugere, P. Gianni, D. Lazard, T. Mora, "Efficient computation of
zero-dimensional Groebner bases by change of ordering", J. Symbolic
Computation 16 (1993) 329-344 (FGLM);
M. Kreuzer, L. Robbiano, *Computational Commutative Algebra 1* (2000),
Theorem 3.7.25 (the shape lemma).

Examples
--------
>>> import sympy
>>> x, y = sympy.symbols("x y")
>>> sols = real_solutions([x**2 - 2, y - x], [x, y])
>>> [s.value(x) for s in sols]
[-sqrt(2), sqrt(2)]
>>> [s.sign(y - 1) for s in sols]
[-1, 1]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy

__all__ = ["RealSolution", "real_solutions", "NOT_ZERO_DIMENSIONAL", "NOT_SHAPE"]

#: Returned when the system has infinitely many (complex) solutions.
NOT_ZERO_DIMENSIONAL = "not zero-dimensional"
#: Returned when no tried linear form put the basis in shape position.
NOT_SHAPE = "not in shape position"

_FORMS = ((1, 2, 3, 5, 7, 11, 13, 17, 19, 23), (3, -1, 4, -1, 5, -9, 2, 6, -5, 3), (1, 1, 1, 1, 1, 1, 1, 1, 1, 1))


@dataclass(frozen=True)
class RealSolution:
    """One real solution :math:`x_k = g_k(r)`, :math:`r` a real root of the eliminant."""

    root: Any
    t: sympy.Symbol
    coordinates: tuple[tuple[sympy.Symbol, sympy.Poly], ...]
    minimal: sympy.Poly | None = None

    def _in_t(self, expr: Any) -> tuple[sympy.Poly, sympy.Poly]:
        sub = {x: g.as_expr() for x, g in self.coordinates}
        num, den = sympy.fraction(sympy.together(sympy.sympify(expr).xreplace(sub)))
        return sympy.Poly(sympy.expand(num), self.t), sympy.Poly(sympy.expand(den), self.t)

    def _minimal(self) -> sympy.Poly:
        """The minimal polynomial of the root, in ``t``."""
        r = self.root
        if self.minimal is not None:
            return self.minimal
        if isinstance(r, sympy.CRootOf):
            return sympy.Poly(r.poly.as_expr().subs(r.poly.gen, self.t), self.t)
        return sympy.Poly(sympy.minimal_polynomial(r, self.t), self.t)

    def _sign_poly(self, p: sympy.Poly) -> int:
        if p.is_zero:
            return 0
        r = self.root
        if r.is_Rational:
            return int(sympy.sign(p.eval(r)))
        minimal = self._minimal()
        if p.rem(minimal).is_zero:
            return 0
        value = p.as_expr().subs(self.t, r)
        for digits in (30, 100, 400, 1600):
            v = sympy.N(value, digits)
            if v != 0 and abs(v) > sympy.Float(10) ** (-(digits - 10)):
                return 1 if v > 0 else -1
        raise ArithmeticError("RealSolution.sign: a nonzero value could not be separated from 0")  # pragma: no cover

    def sign(self, expr: Any) -> int:
        """The exact sign (+1, 0, -1) of a rational function of the unknowns at this solution."""
        num, den = self._in_t(expr)
        return self._sign_poly(num) * self._sign_poly(den)

    def value(self, expr: Any) -> Any:
        """The exact value of a polynomial in the unknowns at this solution (sympy, possibly ``CRootOf``)."""
        num, den = self._in_t(expr)
        if self.root.is_Rational:
            return num.eval(self.root) / den.eval(self.root)
        minimal = self._minimal()
        scale = den.LC()
        if den.degree() > 0:
            num, scale = num * den.invert(minimal), 1  # 1/den(r) as a polynomial in r, modulo the minimal one
        value = num.rem(minimal).as_expr().subs(self.t, self.root) / scale
        return value if isinstance(self.root, sympy.CRootOf) else sympy.expand(value)


def _shape(basis: list[Any], unknowns: list[sympy.Symbol], t: sympy.Symbol) -> tuple[Any, dict[Any, Any]] | None:
    h = None
    coords: dict[Any, Any] = {}
    for f in basis:
        p = sympy.Poly(f, *unknowns, t)
        fs = p.free_symbols - {t}
        if not fs:
            if h is not None:
                return None
            h = sympy.Poly(f, t)
            continue
        lead = p.LM(order="lex")
        x = [u for u, e in zip(unknowns, lead.exponents) if e]
        if len(x) != 1 or lead.exponents[unknowns.index(x[0])] != 1 or x[0] in coords:
            return None
        rest = sympy.expand(f - p.LC(order="lex") * x[0])
        if rest.free_symbols - {t}:
            return None
        coords[x[0]] = sympy.Poly(-rest / p.LC(order="lex"), t)
    if h is None or len(coords) != len(unknowns):
        return None
    return h, coords


def real_solutions(eqs: list[Any], unknowns: list[sympy.Symbol]) -> list[RealSolution] | str:
    """Every real solution of the polynomial system ``eqs = 0`` (rational coefficients), exactly.

    Parameters
    ----------
    eqs : list of sympy expressions
        Polynomials in ``unknowns`` with rational coefficients.
    unknowns : list of sympy.Symbol

    Returns
    -------
    list of RealSolution, or str
        The real solutions; or :data:`NOT_ZERO_DIMENSIONAL` (a continuum of
        complex solutions) or :data:`NOT_SHAPE` (a multiple root: no shape basis).

    Examples
    --------
    >>> import sympy
    >>> x, y = sympy.symbols("x y")
    >>> real_solutions([x * y - 1, x - y], [x, y])[1].value(x)
    1
    >>> real_solutions([x - y], [x, y])
    'not zero-dimensional'
    """
    if not unknowns:
        return [] if any(e != 0 for e in eqs) else NOT_ZERO_DIMENSIONAL
    t = sympy.Dummy("t")
    for form in _FORMS:
        linear = t - sum(c * x for c, x in zip(form, reversed(unknowns)))
        # a degree-reverse-lexicographic basis is cheap; FGLM turns it into the lexicographic one
        H = sympy.groebner(list(eqs) + [linear], *unknowns, t, order="grevlex")
        if list(H.exprs) == [1]:
            return []
        if not H.is_zero_dimensional:
            return NOT_ZERO_DIMENSIONAL
        shape = _shape(list(H.fglm("lex").exprs), unknowns, t)
        if shape is None:
            continue
        h, coords = shape
        if sympy.degree(sympy.gcd(h, h.diff(t)), t) > 0:
            continue  # a multiple root: the ideal is not radical
        out = []
        for f, _ in sympy.Poly(h, t).factor_list()[1]:  # each irreducible factor is its roots' minimal polynomial
            if f.degree() == 1:
                roots = [-f.nth(0) / f.nth(1)]
            elif f.degree() == 2:  # square roots read better than CRootOf
                roots = sorted((v for v in sympy.roots(f, t) if v.is_real), key=float)
            else:
                roots = [sympy.CRootOf(f, i) for i in range(f.count_roots())]  # the real roots come first
            out += [RealSolution(r, t, tuple((x, coords[x]) for x in unknowns), f) for r in roots]
        return sorted(out, key=lambda s: float(s.root))
    return NOT_SHAPE
