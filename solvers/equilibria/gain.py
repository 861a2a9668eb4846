r"""The gain function of a symmetric n-player game, piece by piece, and its roots.

The payoff difference is split into polynomial pieces over ranges of the
count; the gain function is evaluated through binomial probabilities in
log space (exact or at ``dps`` digits) and its sign changes are refined by
bisection.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import mpmath
import sympy

from games.errors import GameError, SymbolicError
from solvers.errors import UnsupportedPayoffError

#: Binomial ranges or tails up to this many terms are summed term by term.
_DIRECT_TERMS = 64


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

