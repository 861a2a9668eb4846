r"""Symmetric equilibria of symbolic symmetric n-player games: the gain function in closed form."""

from __future__ import annotations

import warnings
from typing import Any

import sympy
from sympy.functions.combinatorial.numbers import stirling

from games.errors import SymbolicError
from games.symmetric import SymmetricGame
from solvers.results.conditions import ConditionalEquilibrium
from solvers.symbolic.algebra import _is_zero, _numer
from solvers.symbolic.relations import _and, relation

__all__ = ["gain_function"]


def gain_function(game: SymmetricGame, x: sympy.Symbol) -> sympy.Expr:
    r"""The gain function :math:`G(x)`: expected payoff advantage of the first strategy.

    :math:`G(x) = E[\pi_1(K) - \pi_2(K)]` with :math:`K \sim \mathrm{Binomial}(n-1, x)`
    the number of other players choosing the first strategy.

    Raises
    ------
    SymbolicError
        If ``n_players`` is symbolic and the payoff difference is not a
        polynomial in the count.

    Examples
    --------
    >>> k, n = sympy.Symbol("k"), sympy.Symbol("n", positive=True)
    >>> sg = SymmetricGame(n, {"C": 2 * k, "D": k + 1}, count=k)
    >>> sympy.factor(gain_function(sg, sympy.Symbol("x")))
    n*x - x - 1
    """
    return _expected(game, game.payoff_exprs[0] - game.payoff_exprs[1], x)


def _expected(game: SymmetricGame, expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """E[expr(K)], K ~ Binomial(n - 1, x)."""
    k = game.count
    n = game.n_players
    e = sympy.piecewise_fold(expr)
    if not e.has(k):
        return e
    if e.is_polynomial(k):
        poly = sympy.Poly(sympy.expand(e), k)
        total = sympy.Integer(0)
        for (deg,), coeff in poly.terms():
            moment = sum((stirling(deg, i) * sympy.ff(n - 1, i) * x**i for i in range(deg + 1)), sympy.Integer(0))
            total += coeff * moment
        return sympy.expand(total)
    if isinstance(n, sympy.Integer):
        nn = int(n)
        return sympy.expand(sum(
            (sympy.binomial(nn - 1, j) * x**j * (1 - x) ** (nn - 1 - j) * sympy.piecewise_fold(e.subs(k, j))
             for j in range(nn)), sympy.Integer(0)))
    text = str(e)
    text = text if len(text) <= 160 else text[:160] + " ..."
    raise SymbolicError(
        f"{game.name or 'SymmetricGame'}: with n_players = {n} symbolic, the payoff difference must be a "
        f"polynomial in {k} for a closed form; it is {text}. Substitute a number of players"
    )


def _symmetric(game: SymmetricGame) -> tuple[ConditionalEquilibrium, ...]:
    assert game.strategies is not None
    n = game.n_players
    p1, p2 = game.payoff_exprs
    k = game.count
    records = []
    labels = dict(players=("every player",), strategies=(tuple(game.strategies),))
    one, zero = sympy.Integer(1), sympy.Integer(0)
    top = sympy.piecewise_fold(p1.subs(k, n - 1))
    cond = relation(top - sympy.piecewise_fold(p2.subs(k, n - 1)), ">=")
    if cond is not sympy.false:
        records.append(ConditionalEquilibrium(((one, zero),), cond, ((0,),), (top,), "pure",
                                              parameter_condition=cond, **labels))  # type: ignore[arg-type]
    bottom = sympy.piecewise_fold(p2.subs(k, 0))
    cond = relation(bottom - sympy.piecewise_fold(p1.subs(k, 0)), ">=")
    if cond is not sympy.false:
        records.append(ConditionalEquilibrium(((zero, one),), cond, ((1,),), (bottom,), "pure",
                                              parameter_condition=cond, **labels))  # type: ignore[arg-type]
    x = sympy.Symbol("x_" + _safe(game.strategies[0]), real=True)
    try:
        G = gain_function(game, x)
    except SymbolicError as exc:
        warnings.warn(f"equilibrium_conditions: interior mixed equilibria not derived: {exc}",
                      RuntimeWarning, stacklevel=3)
        return tuple(records)
    poly = sympy.Poly(G, x)
    coeffs = poly.all_coeffs()
    deg = poly.degree()
    mixed: list[tuple[sympy.Expr, list[Any], tuple[sympy.Symbol, ...]]] = []
    if deg <= 0 or all(_is_zero(c) for c in coeffs[:-1]):
        c0 = coeffs[-1] if coeffs else zero
        cond = relation(c0, "==")
        if deg > 0:
            cond = _and([cond] + [relation(c, "==") for c in coeffs[:-1] if not _is_zero(c)])
        if cond is not sympy.false:
            mixed.append((x, [cond, x > 0, x < 1], (x,)))
    else:
        if poly.free_symbols - {x} and deg > 2:
            warnings.warn(
                f"equilibrium_conditions: interior mixed equilibria not derived: {game.name or 'SymmetricGame'}: "
                f"the gain function has degree {deg} in the mixture with symbolic coefficients (no closed form "
                "above degree 2); substitute values and use symmetric_equilibria", RuntimeWarning, stacklevel=3)
            return tuple(records)
        # degenerate sub-case: the leading coefficient(s) vanish
        lead = coeffs[0]
        if deg == 1 or poly.free_symbols == {x}:
            roots = sympy.roots(poly, filter=None, multiple=False) if deg <= 2 else {}
            if deg > 2 or len(roots) < deg and not (poly.free_symbols - {x}):
                roots = {r: 1 for r in sympy.Poly(G, x).real_roots()}
            for r in roots:
                r = sympy.factor_terms(sympy.cancel(r)) if not isinstance(r, sympy.CRootOf) else r
                if r.is_real is False:
                    continue
                base = [] if lead.is_zero is False else [relation(_numer(lead), "!=")]
                mixed.append((r, base + [relation(r, ">"), relation(1 - r, ">")], ()))
            if deg == 1 and lead.is_zero is not False:
                c0 = coeffs[-1]
                mixed.append((x, [relation(_numer(lead), "=="), relation(c0, "=="), x > 0, x < 1], (x,)))
        else:  # symbolic quadratic
            a, b, c = coeffs
            disc = sympy.expand(b**2 - 4 * a * c)
            for sgn in (1, -1):
                r = (-b + sgn * sympy.sqrt(disc)) / (2 * a)
                conds = [relation(_numer(a), "!="), relation(disc, ">=")]
                if sgn < 0:
                    conds.append(relation(disc, ">"))  # a double root is reported once
                mixed.append((r, conds + [r > 0, r < 1], ()))
            if lead.is_zero is not False:
                r = -c / b
                mixed.append((r, [relation(_numer(a), "=="), relation(_numer(b), "!="),
                                  relation(r, ">"), relation(1 - r, ">")], ()))
    for r, atoms, free in mixed:
        cond = _and(atoms)
        if cond is sympy.false:
            continue
        payoff = _expected(game, p1, r) if not free else _expected(game, p1, x)
        fs = set(free)
        records.append(ConditionalEquilibrium(
            ((r, 1 - r),), cond, ((0, 1),), (sympy.factor_terms(payoff),), "continuum" if free else "mixed",
            free=free, parameter_condition=_and([a for a in atoms if not (a.free_symbols & fs)]) if free else cond,
            **labels,  # type: ignore[arg-type]
        ))
    return tuple(records)


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name)

