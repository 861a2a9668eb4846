r"""Symmetric equilibria of n-player two-strategy symmetric games, from n = 2 to the world's 8e9.

In a :class:`~games.symmetric.SymmetricGame` a player's payoff depends on her own
strategy and on the number k of the other N = n - 1 players who play the
first strategy.  When every other player plays the first strategy with
probability x, k is binomial(N, x), and the gain of the first strategy over
the second is the *indifference polynomial* in Bernstein form

.. math::

    D(x) = \sum_{k=0}^{N} \binom{N}{k} x^k (1-x)^{N-k}\, d(k),
    \qquad d(k) = \pi_1(k) - \pi_2(k).

The symmetric equilibria are: x = 1 when d(N) >= 0; x = 0 when d(0) <= 0; and
every root of D in (0, 1) (interior mixed equilibria, where both strategies
earn the same).  If d vanishes identically every x is an equilibrium.

Two exact routes and one numeric route:

* **small n** (N <= :data:`EXACT_MAX_OTHERS`): D is built as an exact
  polynomial with rational coefficients and its roots in (0, 1) found by
  ``sympy.real_roots`` (``Rational`` or ``CRootOf``: exact).
* **d polynomial in k** (no thresholds), any n: with falling factorials
  :math:`k^{\underline{j}}`, :math:`E[K^{\underline{j}}] = N^{\underline{j}} x^j`,
  so D is an exact polynomial of the degree of d, whatever n.
* **huge n with step payoffs** (``Piecewise`` in k, such as "at least M
  others"): d is split into integer intervals on which it is a polynomial,
  and :math:`E[K^{\underline{j}} 1\{a \le K \le b\}] = N^{\underline{j}} x^j
  P(a - j \le K' \le b - j)`, :math:`K' \sim \mathrm{Bin}(N - j, x)`.  Binomial
  interval probabilities are computed in mpmath at ``dps`` digits: short
  ranges and short tails by summing log-space terms, the rest by the
  regularised incomplete beta function.  Roots are bracketed on a grid that
  is logarithmic near 0 and 1 (where the roots of huge games live, at x ~ 1/N)
  and dense around every threshold, then polished to ``dps`` digits.

Completeness is certified by the variation-diminishing property of the
Bernstein basis (Descartes' rule of signs): D has at most as many roots in
(0, 1) as the sequence d(0), ..., d(N) has sign changes, and the count has
the same parity.  The sign changes are counted exactly from the pieces.  If
the numeric search finds fewer sign crossings than that bound, a
``RuntimeWarning`` says how many roots (of even multiplicity, or closer
together than the grid) may be missing.

Stability is for the replicator dynamics :math:`\dot x = x (1 - x) D(x)`:
an equilibrium is stable when D > 0 just below it and D < 0 just above it.

References
----------
C. Hauert, S. De Monte, J. Hofbauer, K. Sigmund, "Replicator dynamics for
optional public good games", J. Theor. Biol. 218 (2002) (the Bernstein form);
J. M. Peña, T. Sauer, "Shape preserving properties of the Bernstein basis",
and R. T. Farouki, "The Bernstein polynomial basis: a centennial
retrospective", CAGD 29 (2012), Section 4 (variation diminishing);
A. Diekmann, "Volunteer's dilemma", J. Conflict Resolution 29 (1985) 605-610.

Examples
--------
The volunteer's dilemma: volunteering costs K, everybody gets U if at least
one player volunteers.  The symmetric mixed equilibrium volunteers with
probability :math:`1 - (K/U)^{1/(n-1)}`.

>>> import sympy
>>> from games import SymmetricGame
>>> k = sympy.Symbol("k", integer=True, nonnegative=True)
>>> vd = SymmetricGame(2, {"Volunteer": 3, "Ignore": sympy.Piecewise((4, k >= 1), (0, True))}, count=k)
>>> [str(e) for e in symmetric_equilibria(vd)]   # 1 - (K/U)**(1/(n-1)) with K = 1, U = 4
['p(Volunteer) = 3/4 (mixed, payoff 3, stable)']
>>> huge = SymmetricGame(8e9, {"Volunteer": 3, "Ignore": sympy.Piecewise((4, k >= 1), (0, True))}, count=k)
>>> p = symmetric_equilibria(huge)[0].p
>>> round(float(p) * 8e9, 9)   # ~ ln(U/K) = ln 4: in a huge crowd almost nobody volunteers
1.386294361
"""

from __future__ import annotations

import warnings
from typing import Any

import mpmath
import sympy

from games.errors import GameError, SymbolicError
from games.symmetric import SymmetricGame
from solvers.equilibria.gain import Piece, _falling_coeffs, _grid, _make_D, _pieces, _poly_in, _refine, _sign_changes
from solvers.errors import UnsupportedPayoffError
from solvers.results.equilibria import SymmetricEquilibrium

__all__ = ["symmetric_equilibria", "EXACT_MAX_OTHERS"]


#: Up to this many other players (N = n - 1) the indifference polynomial is built and solved exactly.
EXACT_MAX_OTHERS = 20


def symmetric_equilibria(game: SymmetricGame, *, dps: int = 30) -> list[SymmetricEquilibrium]:
    r"""Every symmetric equilibrium of a numeric two-strategy symmetric game: pure and interior mixed.

    Parameters
    ----------
    game : SymmetricGame
        Payoffs numeric (polynomials or ``Piecewise`` polynomials in the
        count); ``n_players`` a number (it may be huge, e.g. ``8e9``).
    dps : int
        Decimal digits of the numeric route (mpmath working precision).

    Returns
    -------
    list of SymmetricEquilibrium
        Ordered by p, largest first (x = 1 first when it is an equilibrium).

    Raises
    ------
    SymbolicError
        If a payoff or ``n_players`` has free symbols (named).
    UnsupportedPayoffError
        If a payoff is not a (piecewise) polynomial in the count.

    Warns
    -----
    RuntimeWarning
        When the numeric route finds fewer roots than the sign-change bound
        (see the module docstring).

    Examples
    --------
    >>> import sympy
    >>> from games import SymmetricGame
    >>> k = sympy.Symbol("k", integer=True, nonnegative=True)
    >>> # stag hunt in a group of 3: hunting stag pays 4 only if both others hunt stag
    >>> g = SymmetricGame(3, {"Stag": sympy.Piecewise((4, k >= 2), (0, True)), "Hare": 3}, count=k)
    >>> for e in symmetric_equilibria(g):
    ...     print(e)
    p(Stag) = 1 (pure, payoff 4, stable)
    p(Stag) = 0.866025403784 (sqrt(3)/2) (mixed, payoff 3, unstable)
    p(Stag) = 0 (pure, payoff 3, stable)
    """
    if not isinstance(game, SymmetricGame):
        raise GameError(f"symmetric_equilibria: expected a games.SymmetricGame, got {type(game).__name__}")
    if game.free_symbols:
        names = ", ".join(sorted(s.name for s in game.free_symbols))
        raise SymbolicError(f"symmetric_equilibria: the game has free symbols {names}; substitute values first")
    if not isinstance(dps, int) or not 15 <= dps <= 1000:
        raise GameError(f"symmetric_equilibria: dps must be an integer in [15, 1000], got {dps!r}")
    N = int(game.n_players) - 1
    k = game.count
    assert game.strategies is not None
    strategies: tuple[str, str] = (game.strategies[0], game.strategies[1])
    p1, p2 = game.payoff_exprs
    d = sympy.piecewise_fold(p1 - p2)
    where = "symmetric_equilibria"
    pieces = _pieces(d, k, N, where)
    if N <= EXACT_MAX_OTHERS:
        values = [sympy.sympify(e.subs(k, t), strict=True) for lo, hi, e in pieces for t in range(lo, hi + 1)]
        for t, v in enumerate(values):
            if not v.is_number or v.free_symbols:
                raise SymbolicError(f"{where}: payoff difference at count {t} is {v}, not a number")
        signs = [1 if v > 0 else -1 for v in values if v != 0]
        V = sum(1 for a, b in zip(signs, signs[1:]) if a != b)
    else:
        for _, _, e in pieces:
            _poly_in(e, k, where)
        V, signs = _sign_changes(pieces, k)
    if not signs:
        pay = _expected(game, pieces=None, x=None, N=N, exact_p=None, which=0)
        return [SymmetricEquilibrium(sympy.Interval(0, 1), "continuum", pay, None, True, strategies)]  # type: ignore[arg-type]
    with mpmath.workdps(dps + 10):
        if N <= EXACT_MAX_OTHERS or len(pieces) == 1:
            return _exact_route(game, d, pieces, N, strategies, dps)
        return _numeric_route(game, pieces, N, V, strategies, dps)


def _pure_list(game: SymmetricGame, N: int, d_first: Any, d_last: Any, left_sign: int, right_sign: int,
               interior: list[SymmetricEquilibrium], strategies: tuple[str, str]) -> list[SymmetricEquilibrium]:
    out = []
    if d_last >= 0:
        out.append(SymmetricEquilibrium(sympy.Integer(1), "pure", sympy.sympify(game.payoff(0, N), strict=True), right_sign > 0, True, strategies))
    out.extend(interior)
    if d_first <= 0:
        out.append(SymmetricEquilibrium(sympy.Integer(0), "pure", sympy.sympify(game.payoff(1, 0), strict=True), left_sign < 0, True, strategies))
    return out


def _expected(game: SymmetricGame, pieces: Any, x: Any, N: int, exact_p: Any, which: int) -> Any:
    """Expected payoff of strategy ``which`` when the others play the first strategy with probability x."""
    if x is None:
        return sympy.sympify(game.payoff(which, 0), strict=True)
    expr = game.payoffs[which][1]
    pcs = _pieces(expr, game.count, N, "symmetric_equilibria")
    if N <= EXACT_MAX_OTHERS and isinstance(exact_p, sympy.Rational):
        total = sympy.Integer(0)
        for lo, hi, e in pcs:
            for t in range(lo, hi + 1):
                total += sympy.binomial(N, t) * exact_p**t * (1 - exact_p) ** (N - t) * e.subs(game.count, t)
        return total
    if N <= EXACT_MAX_OTHERS:
        xm = mpmath.mpf(x)
        total = mpmath.mpf(0)
        for lo, hi, e in pcs:
            for t in range(lo, hi + 1):
                total += mpmath.binomial(N, t) * xm**t * (1 - xm) ** (N - t) * mpmath.mpf(sympy.N(e.subs(game.count, t), mpmath.mp.dps))
        return sympy.Float(total, mpmath.mp.dps - 10)
    ff = [(lo, hi, [mpmath.mpf(sympy.N(c, mpmath.mp.dps)) for c in _falling_coeffs(_poly_in(e, game.count, "payoff"))]) for lo, hi, e in pcs]
    return sympy.Float(_make_D(ff, N)(x), mpmath.mp.dps - 10)


def _exact_expected_poly(game: SymmetricGame, N: int, x: sympy.Symbol) -> sympy.Poly:
    """E[pi_1(K)], K ~ Bin(N, x), as an exact polynomial in x."""
    k = game.count
    pcs = _pieces(game.payoffs[0][1], k, N, "symmetric_equilibria")
    if N <= EXACT_MAX_OTHERS:
        E = sympy.Integer(0)
        for lo, hi, e in pcs:
            for t in range(lo, hi + 1):
                E += sympy.binomial(N, t) * x**t * (1 - x) ** (N - t) * e.subs(k, t)
    else:
        if len(pcs) != 1:
            raise UnsupportedPayoffError("symmetric_equilibria: internal: piecewise payoff on the polynomial route")
        cs = _falling_coeffs(_poly_in(pcs[0][2], k, "symmetric_equilibria"))
        E = sum((c * sympy.ff(N, j) * x**j for j, c in enumerate(cs)), sympy.Integer(0))
    return sympy.Poly(sympy.expand(E), x)


def _exact_route(game: SymmetricGame, d: sympy.Expr, pieces: list[Piece], N: int,
                 strategies: tuple[str, str], dps: int) -> list[SymmetricEquilibrium]:
    k = game.count
    x = sympy.Symbol("x")
    if N <= EXACT_MAX_OTHERS:
        D = sympy.Integer(0)
        for lo, hi, e in pieces:
            for t in range(lo, hi + 1):
                D += sympy.binomial(N, t) * x**t * (1 - x) ** (N - t) * e.subs(k, t)
    else:  # one polynomial piece: falling-factorial moments
        cs = _falling_coeffs(_poly_in(pieces[0][2], k, "symmetric_equilibria"))
        D = sum((c * sympy.ff(N, j) * x**j for j, c in enumerate(cs)), sympy.Integer(0))
    poly = sympy.Poly(sympy.expand(D), x)
    roots: list[Any] = []
    if poly.is_zero:
        pay = sympy.sympify(game.payoff(0, 0), strict=True)
        return [SymmetricEquilibrium(sympy.Interval(0, 1), "continuum", pay, None, True, strategies)]
    if not poly.domain.is_QQ and not poly.domain.is_ZZ:
        return _algebraic_route(game, poly, pieces, N, strategies, dps)
    for r in sympy.real_roots(poly):
        if 0 < r < 1 and not any(r == s for s in roots):
            roots.append(r)
    roots.sort(key=lambda r: float(r.evalf(30)))
    # signs of D between consecutive roots, at exact rational midpoints
    cuts = [sympy.Integer(0)] + [sympy.Rational(r.evalf(dps + 10)) for r in roots] + [sympy.Integer(1)]
    mids = [(cuts[i] + cuts[i + 1]) / 2 for i in range(len(cuts) - 1)]
    sg = [int(sympy.sign(poly.eval(m))) for m in mids]
    try:
        E1: sympy.Poly | None = _exact_expected_poly(game, N, x)
    except UnsupportedPayoffError:
        E1 = None
    interior = []
    for i, r in enumerate(roots):
        if E1 is None:
            pay = _expected(game, None, mpmath.mpf(str(r.evalf(dps + 10))), N, None, 0)
        elif isinstance(r, sympy.Rational):
            pay = sympy.Rational(E1.eval(r))
        else:
            mp = sympy.Poly(sympy.minimal_polynomial(r, x), x)
            rem = E1.rem(mp)
            pay = rem.LC() if rem.degree() <= 0 else sympy.expand(rem.as_expr().subs(x, r))
        interior.append(SymmetricEquilibrium(r, "mixed", pay, sg[i] > 0 and sg[i + 1] < 0, True, strategies))
    interior.reverse()
    d_first = pieces[0][2].subs(k, 0)
    d_last = pieces[-1][2].subs(k, N)
    return _pure_list(game, N, d_first, d_last, sg[0], sg[-1], interior, strategies)


def _algebraic_route(game: SymmetricGame, poly: sympy.Poly, pieces: list[Piece], N: int,
                     strategies: tuple[str, str], dps: int) -> list[SymmetricEquilibrium]:
    """Small n with irrational payoff values: the polynomial's roots numerically (mpmath), to ``dps`` digits."""
    coeffs = [mpmath.mpf(sympy.N(c, mpmath.mp.dps)) for c in poly.all_coeffs()]
    found = mpmath.polyroots(coeffs, maxsteps=500, extraprec=4 * mpmath.mp.prec) if len(coeffs) > 1 else []
    tiny = mpmath.mpf(10) ** (-dps)
    roots = sorted({mpmath.re(r) for r in found if abs(mpmath.im(r)) <= tiny and 0 < mpmath.re(r) < 1})
    dedup: list[Any] = []
    for r in roots:
        if not dedup or r - dedup[-1] > tiny:
            dedup.append(r)

    def Dv(x: Any) -> Any:
        return mpmath.polyval(coeffs, x)

    cuts = [mpmath.mpf(0)] + dedup + [mpmath.mpf(1)]
    sg = [1 if Dv((cuts[i] + cuts[i + 1]) / 2) > 0 else -1 for i in range(len(cuts) - 1)]
    interior = [
        SymmetricEquilibrium(
            sympy.Float(r, dps), "mixed", _expected(game, None, r, N, None, 0), sg[i] > 0 and sg[i + 1] < 0,
            False, strategies,
        )
        for i, r in enumerate(dedup)
    ]
    interior.reverse()
    k = game.count
    return _pure_list(game, N, pieces[0][2].subs(k, 0), pieces[-1][2].subs(k, N), sg[0], sg[-1], interior, strategies)


def _numeric_route(game: SymmetricGame, pieces: list[Piece], N: int, V: int,
                   strategies: tuple[str, str], dps: int) -> list[SymmetricEquilibrium]:
    k = game.count
    ff = [(lo, hi, [mpmath.mpf(sympy.N(c, mpmath.mp.dps)) for c in _falling_coeffs(_poly_in(e, k, "symmetric_equilibria"))])
          for lo, hi, e in pieces]
    D = _make_D(ff, N)
    breaks = sorted({lo for lo, _, _ in pieces[1:]})
    grid = _grid(N, breaks)
    vals = [D(x) for x in grid]
    roots: list[Any] = []
    for (a, fa), (b, fb) in zip(zip(grid, vals), zip(grid[1:], vals[1:])):
        if fa == 0:
            roots.append(a)
        elif fa * fb < 0:
            roots.append(_refine(D, a, b, fa, fb))
    if len(roots) < V:
        warnings.warn(
            f"symmetric_equilibria: found {len(roots)} interior roots, the sign-change bound allows {V}; "
            f"up to {V - len(roots)} roots of even multiplicity or closer together than the grid may be missing",
            RuntimeWarning,
            stacklevel=3,
        )
    nz = [v for v in vals if v != 0]
    left_sign = 1 if nz and nz[0] > 0 else -1
    right_sign = 1 if nz and nz[-1] > 0 else -1
    interior = []
    for r in roots:
        lo_v, hi_v = D(r * (1 - mpmath.mpf(10) ** -8)), D(r + (1 - r) * mpmath.mpf(10) ** -8 * min(1, r / (1 - r)))
        pay = _expected(game, None, r, N, None, 0)
        interior.append(SymmetricEquilibrium(sympy.Float(r, dps), "mixed", pay, bool(lo_v > 0 and hi_v < 0), False, strategies))
    interior.reverse()
    d_first = pieces[0][2].subs(k, 0)
    d_last = pieces[-1][2].subs(k, N)
    return _pure_list(game, N, d_first, d_last, left_sign, right_sign, interior, strategies)

