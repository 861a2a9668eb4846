r"""Integer arithmetic shared by the exact enumerations: fraction-free solving, the positive shift, the deadline.

Fraction-free (Bareiss) elimination keeps every intermediate value an integer
(a minor of the input), so exact solutions need no rational numbers.

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

import time

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
