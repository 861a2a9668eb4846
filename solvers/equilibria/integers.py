r"""Integer arithmetic shared by the exact enumerations: fraction-free solving, the positive shift, the deadline.

Fraction-free (Bareiss) elimination keeps every intermediate value an integer
(a minor of the input), so exact solutions need no rational numbers.  The
vertices of a face of the best-response polytope Q (the partners of a vertex
of P) are solved for here too.

References
----------
E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
elimination", Mathematics of Computation 22 (1968) 565-578.

Examples
--------
>>> _solve_fraction_free([[2, 1], [1, 3]], 2)  # z = (2/5, 1/5)
(5, [2, 1])
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Sequence

from games.errors import SizeLimitError

__all__ = ["IntVertex", "check_deadline"]


#: An exact vertex: integer weights whose normalisation is the mixed strategy.
IntVertex = tuple[int, ...]


def check_deadline(deadline: float | None, where: str, what: str) -> None:
    """Raise :class:`~games.errors.SizeLimitError` when ``time.monotonic()`` has passed ``deadline``."""
    if deadline is not None and time.monotonic() > deadline:
        raise SizeLimitError(
            f"{where}: time_limit exceeded while enumerating {what}; for one equilibrium use "
            'nash_equilibria(game, method="lemke-howson"), or allow more time'
        )


def _positive(mat: list[list[int]]) -> list[list[int]]:
    """Shift an integer matrix so that its minimum is 1 (equilibria do not change)."""
    lo = min(min(row) for row in mat)
    return [[v - lo + 1 for v in row] for row in mat]


def _bareiss(a: list[list[int]], k: int) -> int | None:
    """Fraction-free Gauss-Jordan elimination (Bareiss) of the first ``k`` columns of ``a``, in place.

    ``a`` is a ``k x width`` integer matrix (the left ``k x k`` block, then any
    augmented columns).  Every division is exact; afterwards the left block is
    diagonal with every diagonal entry equal to the returned value, which is the
    determinant up to sign, and the augmented columns hold that value times the
    solution.  Returns None when the left block is singular.
    """
    prev = 1
    for p in range(k):
        if a[p][p] == 0:
            for r in range(p + 1, k):
                if a[r][p] != 0:
                    a[p], a[r] = a[r], a[p]
                    break
            else:
                return None
        piv = a[p][p]
        rowp = a[p]
        for r in range(k):
            if r == p:
                continue
            row = a[r]
            f = row[p]
            if f == 0:
                a[r] = [(piv * v) // prev for v in row]
            else:
                a[r] = [(piv * v - f * w) // prev for v, w in zip(row, rowp)]
        prev = piv
    return a[k - 1][k - 1]


def _solve_fraction_free(mat: list[list[int]], k: int) -> tuple[int, list[int]] | None:
    """Solve ``mat @ z = 1`` exactly: return (d, num) with z = num / d and d > 0, or None if singular.

    Fraction-free Gauss-Jordan elimination (Bareiss): every division is exact
    and the final diagonal entries all equal the determinant up to sign.
    """
    if k == 1:
        d1 = mat[0][0]
        if d1 == 0:
            return None
        return (d1, [1]) if d1 > 0 else (-d1, [-1])
    a = [row[:] + [1] for row in mat]
    d = _bareiss(a, k)
    if d is None:
        return None
    num = [a[c][k] for c in range(k)]
    if d < 0:
        d = -d
        num = [-v for v in num]
    return d, num


def _face_vertices(a: list[list[int]], supp: list[int], tight: list[int], m: int) -> list[tuple[IntVertex, int]]:
    """Vertices of ``{y >= 0 : A y <= 1, A_i y = 1 (i in supp), y_j = 0 (j not in tight)}``, by their bases.

    Returns ``(weights, labels)`` pairs; ``labels`` uses Q's numbering (bit i: row i tight; bit m + j: y_j = 0).
    """
    n = len(a[0])
    found: dict[int, IntVertex] = {}
    supp_set = set(supp)
    for size in range(1, len(tight) + 1):
        for U in itertools.combinations(tight, size):
            for W in itertools.combinations(range(m), size):
                sol = _solve_fraction_free([[a[i][j] for j in U] for i in W], size)
                if sol is None:
                    continue
                den, num = sol
                if any(v <= 0 for v in num):
                    continue
                mask = 0
                ok = True
                for i in range(m):
                    s = sum(a[i][j] * v for j, v in zip(U, num))
                    if s > den or (i in supp_set and s != den):
                        ok = False
                        break
                    if s == den:
                        mask |= 1 << i
                if not ok:
                    continue
                y, mask = _point_of_q(U, num, mask, m, n)
                found.setdefault(mask, y)
    return [(y, mask) for mask, y in found.items()]


def _point_of_q(cols: Sequence[int], num: Sequence[int], rows_mask: int, m: int, n: int) -> tuple[IntVertex, int]:
    """The point y of Q with ``y[cols] = num`` (0 elsewhere, scaled down) and its labels in Q's numbering.

    ``rows_mask`` holds the tight rows (bit i); the columns where y is 0 are added (bit ``m + j``).
    """
    y = [0] * n
    for j, v in zip(cols, num):
        y[j] = v
    for j in range(n):
        if y[j] == 0:
            rows_mask |= 1 << (m + j)
    return _scaled_down(tuple(y)), rows_mask


def _unique_partner(
    a: list[list[int]], supp: list[int], tight: list[int], m: int, n: int
) -> tuple[bool, tuple[IntVertex, int] | None]:
    """The point of Q with ``A_i y = 1`` (i in ``supp``) and ``y_j = 0`` (j not in ``tight``), ``|supp| == |tight|``.

    Returns ``(nonsingular, partner)``: ``(False, None)`` when ``A[supp, tight]`` is singular (the face
    may hold several vertices, or none); otherwise the system has one solution, and ``partner`` is
    ``(weights, labels)`` when it lies in Q (labels in Q's numbering), None when it does not.
    """
    sol = _solve_fraction_free([[a[i][j] for j in tight] for i in supp], len(supp))
    if sol is None:
        return False, None
    den, num = sol
    if any(v < 0 for v in num):
        return True, None
    mask = 0
    for i in range(m):
        s = sum(a[i][j] * v for j, v in zip(tight, num) if v)
        if s > den:
            return True, None
        if s == den:
            mask |= 1 << i
    return True, _point_of_q(tight, num, mask, m, n)


def _partners(a: list[list[int]], x: IntVertex, xmask: int, m: int, n: int) -> tuple[list[tuple[IntVertex, int]], bool]:
    """The vertices y of Q completing x to an equilibrium, and whether one of them is degenerate (> n labels)."""
    supp = [i for i in range(m) if x[i]]
    tight = [j for j in range(n) if xmask >> (m + j) & 1]
    if len(supp) == len(tight):
        nonsingular, got = _unique_partner(a, supp, tight, m, n)
        if nonsingular:
            return ([got], got[1].bit_count() > n) if got is not None else ([], False)
    found = _face_vertices(a, supp, tight, m)
    return found, any(mask.bit_count() > n for _, mask in found)


def _scaled_down(w: IntVertex) -> IntVertex:
    """Integer weights divided by their greatest common divisor (the same mixed strategy)."""
    g = math.gcd(*w)
    return tuple(v // g for v in w)


def _vertex_of_labels(a: list[list[int]], qmask: int, m: int, n: int) -> IntVertex:
    """The simple vertex of Q with label set ``qmask`` (bit i: row i tight; bit m + j: y_j = 0), as weights.

    Its tight rows R and support S have the same size and ``A_{R,S} y_S = 1`` is nonsingular (a vertex
    with exactly n tight constraints), so one fraction-free solve gives it.
    """
    rows = [i for i in range(m) if qmask >> i & 1]
    supp = [j for j in range(n) if not qmask >> (m + j) & 1]
    sol = _solve_fraction_free([[a[i][j] for j in supp] for i in rows], len(supp))
    assert sol is not None and len(rows) == len(supp)
    y = [0] * n
    for j, v in zip(supp, sol[1]):
        y[j] = v
    return _scaled_down(tuple(y))
