r"""The float pivoting of :func:`~solvers.equilibria.complementary_pivoting.lemke_howson`.

The Lemke-Howson path of von Stengel (2002), Section 3.4, on numpy floats, with the lexicographic
minimum-ratio rule.  Each polytope has a *condensed* tableau: a row per basic variable, a column per
nonbasic variable and the right-hand side (the column of a basic variable is a unit vector and is not
stored), so a pivot updates an ``n x (m + 1)`` or ``m x (n + 1)`` array.  A pivot is a dozen numpy calls
and one in-place BLAS rank-one update (``dger``, in column blocks small enough that OpenBLAS does not
start threads); the lexicographic tie-break runs only when two ratios tie.

References
----------
B. von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory vol. 3 (2002),
ch. 45, Section 3.4.
"""

from __future__ import annotations

import numpy as np

from games.core import Game
from games.errors import SizeLimitError
from solvers.results.equilibria import FLOAT_TOL, Equilibrium

__all__ = ["PIVOT_TOL", "RATIO_TOL"]


#: Float mode: a pivot column entry must exceed this to be a candidate pivot (the tableau starts with entries >= 1).
PIVOT_TOL = 1e-10

#: Float mode: two ratios closer than this (relative to the smaller, at least 1) are a tie for the lexicographic rule.
RATIO_TOL = 1e-13


#: Float mode: the in-place BLAS update of the tableau is split into column blocks of at most this many entries, below
#: OpenBLAS's threading threshold for ``dger`` (measured with scipy's OpenBLAS 0.3: 8,100 entries stay on one
#: thread, 10,100 start threads): a threaded update of a 100 x 101 tableau costs about twice the CPU time.
_BLOCK_ENTRIES = 8192


def _float_tableaux(A: np.ndarray, B: np.ndarray) -> list[np.ndarray]:
    """The two condensed tableaux ``[B'^T | 1]`` (P) and ``[A' | 1]`` (Q), in Fortran order."""
    m, n = A.shape
    # Fortran (column-major) order: the pivot column, the right-hand side and column blocks are contiguous, so
    # BLAS ``dger`` updates the tableau in place.
    tp = np.empty((n, m + 1), order="F")  # P: B'^T x + s = 1; rows the basic variables, columns the nonbasic ones
    np.subtract(B.T, B.min() - 1.0, out=tp[:, :m])
    tp[:, -1] = 1.0
    tq = np.empty((m, n + 1), order="F")  # Q: r + A' y = 1
    np.subtract(A, A.min() - 1.0, out=tq[:, :n])
    tq[:, -1] = 1.0
    return [tp, tq]


def _ratio_row(rhs: np.ndarray, d: np.ndarray, ratios: np.ndarray, lex: range, t: np.ndarray,
               column: list[int], row: list[int]) -> int:
    """The lexicographic minimum-ratio row for the pivot column ``d`` (rows with ``d <= PIVOT_TOL`` barred),
    into the scratch array ``ratios``."""
    ratios.fill(np.inf)
    np.divide(rhs, d, out=ratios, where=d > PIVOT_TOL)
    r = int(ratios.argmin())
    best = float(ratios[r])
    if best == np.inf:  # pragma: no cover - the polytopes of a positive game are bounded
        raise RuntimeError("lemke_howson: internal error, unbounded pivot column")
    return _lex_tie_break(t, d, ratios, best, lex, column, row)


def _lex_tie_break(t: np.ndarray, col: np.ndarray, ratios: np.ndarray, best: float, lex: range,
                   column: list[int], row: list[int]) -> int:
    """The lexicographically smallest of the rows whose ratio ties ``best``.

    Ties are broken by the same ratio in the columns of the initial basis, in order: the column of a nonbasic
    label is ``t[:, column[label]]``, that of a basic label the unit vector of its row ``row[label]``.  The
    tableau is lexicographically positive, so no two rows tie completely.
    """
    rows = np.flatnonzero(ratios <= best + RATIO_TOL * max(1.0, abs(best)))
    for j in lex:
        if rows.size == 1:
            break
        c = column[j]
        ratio = (t[rows, c] if c >= 0 else (rows == row[j]).astype(float)) / col[rows]
        low = ratio.min()
        rows = rows[ratio <= low + RATIO_TOL * max(1.0, abs(low))]
    return int(rows[0])


def _float_path(A: np.ndarray, B: np.ndarray, k: int, max_pivots: int,
                start: list[np.ndarray] | None = None) -> tuple[list[list[int]], list[np.ndarray]]:
    """Float Lemke-Howson from label ``k``: the end bases and (condensed) tableaux.

    Each tableau keeps only the nonbasic columns and the right-hand side (a basic variable's column is a
    unit vector): ``n x (m + 1)`` for P, ``m x (n + 1)`` for Q.  A pivot of entering column ``c`` on row
    ``r`` with pivot ``p``: the pivot row is divided by ``p``, every other row ``i`` loses ``t[i, c]``
    times it, and column ``c`` becomes the leaving variable's (``1/p`` in row ``r``, ``-t[i, c]/p``
    elsewhere), the same numbers as in the full tableau.  The minimum-ratio test is vectorised, the
    lexicographic rule (:func:`_lex_tie_break`) runs only when two ratios tie within :data:`RATIO_TOL`,
    and the rank-one update is BLAS ``dger`` in place, so a pivot costs O(m n) flops and a dozen numpy calls.
    """
    from scipy.linalg.blas import dger  # imported when needed: scipy.linalg costs about 0.2 s to import

    m, n = A.shape
    tabs = _float_tableaux(A, B) if start is None else [t.copy(order="F") for t in start]
    basis = [list(range(m, m + n)), list(range(m))]  # the label of each row's basic variable
    column = [[*range(m), *[-1] * n], [*[-1] * m, *range(n)]]  # label -> its column, -1 when basic
    row = [[*[-1] * m, *range(n)], [*range(m), *[-1] * n]]  # label -> its row, -1 when nonbasic
    lex = [range(m, m + n), range(m)]  # the labels of each tableau's initial basis
    blocks = []
    for t in tabs:
        width = max(1, _BLOCK_ENTRIES // t.shape[0])
        blocks.append([(t[:, a:a + width], a, a + width) for a in range(0, t.shape[1], width)])
    # dger updates its matrix in place only when it is Fortran-contiguous float64 (otherwise it would return a copy)
    if not all(v.flags.f_contiguous and v.dtype == np.float64 for side_blocks in blocks for v, _, _ in side_blocks):
        raise RuntimeError("lemke_howson: internal error, a tableau block is not Fortran-contiguous float64")
    ratios_of = [np.empty(n), np.empty(m)]
    rhs_of = [t[:, -1] for t in tabs]  # views: the tableaux are updated in place
    inf, tol = np.inf, np.array(PIVOT_TOL)  # a 0-d array: numpy converts a Python float on every call
    side, entering = (0 if k < m else 1), k
    for _ in range(max_pivots):
        t, ratios, cols, rows = tabs[side], ratios_of[side], column[side], row[side]
        c = cols[entering]
        d = t[:, c].copy()
        # Fast test: entries of d at most PIVOT_TOL are divided by PIVOT_TOL instead of being left out (two
        # unmasked numpy calls).  The winner stands when its own entry is above PIVOT_TOL and no other ratio
        # comes within RATIO_TOL of it; ratios of admissible rows are the exact ones, so it is then the
        # minimum-ratio row.  Otherwise (a tie, or a barred entry in front) the masked test decides.
        np.maximum(d, tol, out=ratios)
        np.divide(rhs_of[side], ratios, out=ratios)
        r = int(ratios.argmin())
        best = float(ratios[r])
        ratios[r] = inf
        if d[r] <= PIVOT_TOL or ratios[ratios.argmin()] <= best + RATIO_TOL * max(1.0, abs(best)):
            r = _ratio_row(t[:, -1], d, ratios, lex[side], t, cols, rows)
        p = d[r]
        prow = t[r] / p
        prow[c] = 1.0 / p
        d[r] = 0.0
        t[:, c] = 0.0
        for view, a, b in blocks[side]:
            # view -= d prow[a:b]^T in place; dger only reads d and prow, so "overwrite" them (no copies)
            dger(-1.0, d, prow[a:b], 1, 1, view, 1, 1, 1)
        t[r] = prow
        leaving = basis[side][r]
        basis[side][r] = entering
        cols[entering], rows[entering], cols[leaving], rows[leaving] = -1, r, c, -1
        if leaving == k:
            return basis, tabs
        side, entering = 1 - side, leaving
    raise SizeLimitError(_too_many(m, n, k, max_pivots))


def _too_many(m: int, n: int, k: int, max_pivots: int) -> str:
    return (
        f"lemke_howson: the path from label {k} of this {m} x {n} game needs more than max_pivots={max_pivots} "
        "pivots; raise max_pivots, try another label, or use nash_equilibria for a small game"
    )


def _float_weights(basis: list[list[int]], tabs: list[np.ndarray], m: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_weights` of a float path, as numpy arrays (no per-entry Python loop)."""
    x, y = np.zeros(m), np.zeros(tabs[0].shape[0])
    bp, bq = np.asarray(basis[0]), np.asarray(basis[1])
    sel = bp < m
    x[bp[sel]] = tabs[0][sel, -1]
    sel = bq >= m
    y[bq[sel] - m] = tabs[1][sel, -1]
    return x, y


def _payoff_scales(A: np.ndarray, B: np.ndarray) -> tuple[float, float]:
    """The largest absolute payoff of each player, at least 1 (what :data:`FLOAT_TOL` is relative to)."""
    return (max(1.0, float(A.max()), -float(A.min())), max(1.0, float(B.max()), -float(B.min())))


def _float_equilibrium(game: Game, A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray,
                       scales: tuple[float, float] | None = None) -> Equilibrium | None:
    """The normalised float profile if no pure strategy gains more than ``FLOAT_TOL`` (relative to the largest
    absolute payoff, at least 1: ``scales``, computed when not given) against it, else None."""
    scale_a, scale_b = _payoff_scales(A, B) if scales is None else scales
    x = np.maximum(x, 0.0)
    x /= x.sum()
    y = np.maximum(y, 0.0)
    y /= y.sum()
    row, col = A @ y, x @ B
    u1, u2 = float(x @ row), float(col @ y)
    if float(row.max()) - u1 > FLOAT_TOL * scale_a or float(col.max()) - u2 > FLOAT_TOL * scale_b:
        return None
    prof = (tuple(x.tolist()), tuple(y.tolist()))
    return Equilibrium(prof, (u1, u2), game.players, game.strategies, exact=False)
