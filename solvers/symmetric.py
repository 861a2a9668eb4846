r"""Symmetric equilibria of n-player two-strategy symmetric games, from n = 2 to the world's 8e9.

In a :class:`~games.core.SymmetricGame` a player's payoff depends on her own
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

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy

from games.core import SymmetricGame
from games.errors import AligngamesError, GameError, SymbolicError

__all__ = ["symmetric_equilibria", "SymmetricEquilibrium", "EXACT_MAX_OTHERS", "UnsupportedPayoffError"]

#: Up to this many other players (N = n - 1) the indifference polynomial is built and solved exactly.
EXACT_MAX_OTHERS = 20
#: Binomial ranges or tails up to this many terms are summed term by term.
_DIRECT_TERMS = 64


class UnsupportedPayoffError(AligngamesError):
    """A symmetric game's payoff is neither a polynomial nor a piecewise polynomial in the count."""


@dataclass(frozen=True)
class SymmetricEquilibrium:
    """A symmetric equilibrium: every player plays the first strategy with probability ``p``.

    Attributes
    ----------
    p : sympy number or sympy.Interval
        Probability of the first strategy: exact (``Rational``, ``CRootOf``)
        on the exact routes, a ``sympy.Float`` with ``dps`` digits on the
        numeric one; ``Interval(0, 1)`` when every p is an equilibrium.
    kind : str
        ``"pure"``, ``"mixed"`` or ``"continuum"``.
    payoff : sympy number
        Every player's expected payoff.
    stable : bool or None
        Asymptotically stable under the replicator dynamics (None for a continuum).
    exact : bool
        True when ``p`` is exact.
    strategies : tuple of str
    """

    p: Any
    kind: str
    payoff: Any
    stable: bool | None
    exact: bool
    strategies: tuple[str, str] = ("first", "second")

    def __str__(self) -> str:
        if self.kind == "continuum":
            return f"every p({self.strategies[0]}) in [0, 1] (continuum: both strategies always earn the same)"
        p = self.p if self.exact else sympy.Float(self.p, 12)
        if self.exact and not isinstance(self.p, sympy.Rational):
            p = f"{sympy.Float(self.p.evalf(15), 12)} ({self.p})"
        pay = self.payoff if isinstance(self.payoff, sympy.Rational) else sympy.Float(sympy.N(self.payoff, 15), 12)
        stab = "stable" if self.stable else "unstable"
        return f"p({self.strategies[0]}) = {p} ({self.kind}, payoff {pay}, {stab})"

    def _repr_latex_(self) -> str:
        if self.kind == "continuum":
            return r"$p \in [0, 1]$"
        return "$p = " + sympy.latex(self.p) + r",\ u = " + sympy.latex(self.payoff) + "$"


# ---------------------------------------------------------------------------
# pieces of d(k)
# ---------------------------------------------------------------------------

Piece = tuple[int, int, sympy.Expr]  # [lo, hi] integer range, expression in k


def _integer_ranges(s: sympy.Set, top: int, where: str) -> list[tuple[int, int]]:
    """Integer ranges [lo, hi] inside [0, top] covered by the sympy set ``s``."""
    if s is sympy.S.EmptySet:
        return []
    if isinstance(s, sympy.Union):
        out = []
        for a in s.args:
            out.extend(_integer_ranges(a, top, where))
        return out
    if isinstance(s, sympy.FiniteSet):
        out = []
        for v in s:
            if v.is_integer and 0 <= v <= top:
                out.append((int(v), int(v)))
        return out
    if isinstance(s, sympy.Interval):
        a, b = s.start, s.end
        lo = 0 if a == -sympy.oo else int(sympy.ceiling(a))
        if s.left_open and a != -sympy.oo and a.is_integer:
            lo = int(a) + 1
        hi = top if b == sympy.oo else int(sympy.floor(b))
        if s.right_open and b != sympy.oo and b.is_integer:
            hi = int(b) - 1
        lo, hi = max(lo, 0), min(hi, top)
        return [(lo, hi)] if lo <= hi else []
    raise UnsupportedPayoffError(f"{where}: cannot turn the condition set {s} into ranges of the count")


def _pieces(d: sympy.Expr, k: sympy.Symbol, top: int, where: str) -> list[Piece]:
    """Split d(k) on 0..top into integer ranges where it is one expression."""
    d = sympy.piecewise_fold(d)
    if not isinstance(d, sympy.Piecewise):
        return [(0, top, d)]
    kr = sympy.Symbol("k_real", real=True)
    covered: sympy.Set = sympy.S.EmptySet
    out: list[Piece] = []
    for expr, cond in d.args:
        if cond is sympy.true:
            cset: sympy.Set = sympy.S.Reals
        else:
            c = cond.subs(k, kr)
            if c.free_symbols - {kr}:
                raise SymbolicError(f"{where}: condition {cond} has free symbols; substitute values first")
            try:
                cset = c.as_set()
            except (NotImplementedError, TypeError, ValueError) as exc:
                raise UnsupportedPayoffError(
                    f"{where}: condition {cond} is not an interval condition on the count "
                    "(allowed: comparisons such as k >= M, k < M, Eq(k, M) and their And/Or)"
                ) from exc
        piece_set = sympy.Complement(cset, covered)
        for lo, hi in _integer_ranges(sympy.Intersection(piece_set, sympy.Interval(0, top)), top, where):
            out.append((lo, hi, sympy.sympify(expr, strict=True)))
        covered = sympy.Union(covered, cset)
    out.sort(key=lambda p: p[0])
    # merge checks: the ranges must tile 0..top (Piecewise without a default would leave gaps)
    pos = 0
    for lo, hi, _ in out:
        if lo != pos:
            raise GameError(f"{where}: the payoff is undefined for count = {pos} (add a default (expr, True) branch)")
        pos = hi + 1
    if pos != top + 1:
        raise GameError(f"{where}: the payoff is undefined for count = {pos} (add a default (expr, True) branch)")
    return out


def _poly_in(expr: sympy.Expr, k: sympy.Symbol, where: str) -> list[sympy.Expr]:
    """Coefficients (constant first) of a polynomial in k with numeric coefficients."""
    try:
        poly = sympy.Poly(expr, k)
    except sympy.PolynomialError as exc:
        raise UnsupportedPayoffError(
            f"{where}: payoff difference {expr} is not a polynomial in the count {k} on a piece "
            "(allowed: polynomials, or Piecewise of polynomials with threshold conditions)"
        ) from exc
    coeffs = list(reversed(poly.all_coeffs()))
    for c in coeffs:
        if c.free_symbols:
            raise SymbolicError(f"{where}: coefficient {c} has free symbols; substitute values first")
    return coeffs


def _falling_coeffs(coeffs: list[sympy.Expr]) -> list[sympy.Expr]:
    """Coefficients c_j of q(k) = sum_j c_j k^(j falling), from the ordinary ones (Newton forward differences)."""
    r = len(coeffs) - 1
    vals = [sum((c * sympy.Integer(t) ** i for i, c in enumerate(coeffs)), sympy.Integer(0)) for t in range(r + 1)]
    out = []
    diffs = vals
    for j in range(r + 1):
        out.append(diffs[0] / sympy.factorial(j))
        diffs = [diffs[i + 1] - diffs[i] for i in range(len(diffs) - 1)]
    return out


def _sign_changes(pieces: list[Piece], k: sympy.Symbol) -> tuple[int, list[int]]:
    """Exact number of sign changes of d(0), ..., d(top) (zeros skipped), and the signs in order."""
    signs: list[int] = []
    for lo, hi, expr in pieces:
        pts = {lo, hi}
        poly = sympy.Poly(expr, k)
        if poly.degree() > 0:
            for r in sympy.real_roots(poly):
                rf = float(r.evalf(20))
                for t in (math.floor(rf) - 1, math.floor(rf), math.ceil(rf), math.ceil(rf) + 1):
                    if lo <= t <= hi:
                        pts.add(int(t))
        for t in sorted(pts):
            v = expr.subs(k, t)
            s = 1 if v > 0 else -1 if v < 0 else 0
            if s and (not signs or signs[-1] != s):
                signs.append(s)
    return max(len(signs) - 1, 0), signs


# ---------------------------------------------------------------------------
# numeric evaluation of D(x) for huge N
# ---------------------------------------------------------------------------

def _log_pmf(M: int, x: Any, k: int) -> Any:
    return mpmath.loggamma(M + 1) - mpmath.loggamma(k + 1) - mpmath.loggamma(M - k + 1) + k * mpmath.log(x) + (M - k) * mpmath.log1p(-x)


def _sum_pmf(M: int, x: Any, a: int, b: int) -> Any:
    """sum_{k=a}^{b} pmf(k), b - a small: terms by the ratio recurrence from the first one."""
    t = mpmath.exp(_log_pmf(M, x, a))
    total = t
    ratio = x / (1 - x)
    for k in range(a, b):
        t = t * (M - k) / (k + 1) * ratio
        total += t
    return total


def _cdf(M: int, x: Any, b: int) -> Any:
    """P(K <= b), K ~ Bin(M, x)."""
    if b < 0:
        return mpmath.mpf(0)
    if b >= M:
        return mpmath.mpf(1)
    if b <= _DIRECT_TERMS:
        return _sum_pmf(M, x, 0, b)
    if M - b - 1 <= _DIRECT_TERMS:
        return 1 - _sum_pmf(M, x, b + 1, M)
    if M <= 5000:
        try:
            return mpmath.betainc(M - b, b + 1, 0, 1 - x, regularized=True)
        except (mpmath.libmp.NoConvergence, ValueError, ZeroDivisionError):  # pragma: no cover - falls through
            pass
    # Huge M with a threshold far from both ends: double precision (the regularised incomplete beta of scipy).
    from scipy.special import betainc  # imported when needed

    return mpmath.mpf(float(betainc(float(M - b), float(b + 1), float(1 - x))))


def _interval_prob(M: int, x: Any, a: int, b: int) -> Any:
    """P(a <= K <= b), K ~ Bin(M, x): short ranges and short tails term by term, else the incomplete beta."""
    a, b = max(a, 0), min(b, M)
    if a > b:
        return mpmath.mpf(0)
    if b - a <= _DIRECT_TERMS:
        return _sum_pmf(M, x, a, b)
    lower = _sum_pmf(M, x, 0, a - 1) if 0 < a <= _DIRECT_TERMS else None
    upper = _sum_pmf(M, x, b + 1, M) if b < M and M - b <= _DIRECT_TERMS else None
    if a == 0:
        lower = mpmath.mpf(0)
    if b == M:
        upper = mpmath.mpf(0)
    if lower is not None and upper is not None:
        return 1 - lower - upper
    return _cdf(M, x, b) - _cdf(M, x, a - 1)


def _make_D(pieces_ff: list[tuple[int, int, list[Any]]], N: int) -> Callable[[Any], Any]:
    falling = [mpmath.mpf(1)]

    def ff(j: int) -> Any:
        while len(falling) <= j:
            falling.append(falling[-1] * (N - len(falling) + 1))
        return falling[j]

    def D(x: Any) -> Any:
        x = mpmath.mpf(x)
        total = mpmath.mpf(0)
        for lo, hi, cs in pieces_ff:
            for j, c in enumerate(cs):
                if c == 0:
                    continue
                total += c * ff(j) * x**j * _interval_prob(N - j, x, lo - j, hi - j)
        return total

    return D


def _grid(N: int, breakpoints: list[int]) -> list[Any]:
    """Bracketing grid on (0, 1): logarithmic near both ends, linear inside, dense around thresholds."""
    pts: set[Any] = set()
    lg = math.log10(max(N, 2))
    steps = 120
    for i in range(steps + 1):
        u = -4 + (lg + 4) * i / steps  # x = 10**u / N, from 1e-4/N up to 1
        x = mpmath.mpf(10) ** u / N
        if 0 < x < 1:
            pts.add(x)
            pts.add(1 - x)
    for i in range(1, 100):
        pts.add(mpmath.mpf(i) / 100)
    for b in breakpoints:
        for c in (b - 0.5, b + 0.5):
            if c <= 0 or c >= N:
                continue
            sd = math.sqrt(c * (N - c) / N) or 1.0
            for j in range(-24, 25):
                x = (mpmath.mpf(c) + j * sd / 3) / N
                if 0 < x < 1:
                    pts.add(x)
    return sorted(pts)


def _refine(D: Callable[[Any], Any], a: Any, b: Any, fa: Any, fb: Any) -> Any:
    """Root of D in [a, b] with D(a) D(b) < 0.

    Geometric bisection while the bracket spans orders of magnitude (roots of
    huge games sit at x ~ 1/N), then the Illinois variant of regula falsi
    until the bracket is below the working precision.
    """
    eps = mpmath.mpf(2) ** (-mpmath.mp.prec + 8)
    for _ in range(200):
        if a > 0 and b / a > 2:
            m = mpmath.sqrt(a * b)
        elif (1 - a) / (1 - b) > 2:
            m = 1 - mpmath.sqrt((1 - a) * (1 - b))
        else:
            break
        fm = D(m)
        if fm == 0:
            return m
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b, fb = m, fm
    side = 0
    for _ in range(300):
        m = (a * fb - b * fa) / (fb - fa)
        if not (a < m < b):
            m = (a + b) / 2
        fm = D(m)
        if fm == 0:
            return m
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
            if side == -1:
                fb /= 2
            side = -1
        else:
            b, fb = m, fm
            if side == 1:
                fa /= 2
            side = 1
        if b - a <= eps * min(abs(a), abs(1 - b)):
            break
    return (a * fb - b * fa) / (fb - fa) if fb != fa else (a + b) / 2


# ---------------------------------------------------------------------------
# the public function
# ---------------------------------------------------------------------------

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
