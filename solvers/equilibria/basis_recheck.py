r"""The exact re-solve of the basis a float Lemke-Howson run ended on, touching only the payoffs it needs.

At the end of a Lemke-Howson path the bases say which strategies are played
(supports ``S_x``, ``S_y``) and which are best responses (``T_x``: tight rows,
``T_y``: tight columns).  The exact equilibrium on that basis solves

.. math::

    (A_{T_x, S_y} + c)\, y = \mathbf 1, \qquad x^\top (B_{S_x, T_y} + c') = \mathbf 1^\top,

(shifts c, c' making the payoffs positive; the normalised solution does not
depend on them), and it is an equilibrium exactly when ``x, y >= 0`` and every
strategy in each support is a best response.  Those checks read only the
columns ``S_y`` of A and the rows ``S_x`` of B: ``(m + n) k`` payoffs for
supports of size k, instead of converting all ``2 m n`` payoffs of the game to
integers -- for a 100 x 100 game with supports of size 5, 1,000 payoffs
instead of 20,000.  All arithmetic is in Python integers (the needed payoffs
scaled by their common denominator; fraction-free elimination).

References
----------
B. von Stengel, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45 (2002), Section 3.4.

Examples
--------
>>> from games import Game
>>> g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
>>> # the end bases of the path from label 1: P holds x_1, x_2 (labels 1, 2); Q holds y_0, y_1 (3, 4) and r_0
>>> e = exact_from_end_basis(g, [[1, 2], [0, 3, 4]])
>>> print(e)
Row: 1/3 s2 + 2/3 s3; Column: 1/3 s1 + 2/3 s2  (payoffs 4, 8/3)
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy

from games.core import Game
from solvers.equilibria.integers import _solve_fraction_free
from solvers.results.equilibria import Equilibrium

__all__ = ["exact_from_end_basis"]


def _scaled(flat: list[sympy.Rational], idx: list[list[int]]) -> tuple[list[list[int]], int]:
    """The payoffs ``flat[idx[r][c]]`` times their common denominator, as integers, and that denominator."""
    pq = [[(int(flat[t].p), int(flat[t].q)) for t in row] for row in idx]
    qs = {q for row in pq for _, q in row}
    den = math.lcm(*qs)
    mult = {q: den // q for q in qs}
    return [[p * mult[q] for p, q in row] for row in pq], den


def _shift(block: list[list[int]], den: int) -> int:
    """``den * c`` for an integer c with every payoff + c >= 1 (the block holds ``den`` times the payoffs)."""
    low = min(min(row) for row in block)
    return (1 - (low // den)) * den


def exact_from_end_basis(game: Game, basis: list[list[int]]) -> Equilibrium | None:
    """The exact equilibrium on the end bases of a Lemke-Howson run, if it is one; else None.

    Parameters
    ----------
    game : Game
        A two-player game with rational payoffs.
    basis : list of two lists of int
        The basic labels of the P tableau (``i < m``: ``x_i``; ``m + j``: the slack of column j) and
        of the Q tableau (``i < m``: the slack of row i; ``m + j``: ``y_j``).

    Returns
    -------
    Equilibrium or None
        The exact profile (sympy ``Rational``), verified in integers: non-negative, and every
        strategy played is a best response.  None when the basis is singular in exact arithmetic or
        the exact solution is not an equilibrium (the float run was misled by round-off).

    References
    ----------
    B. von Stengel (2002), Section 3.4.

    Examples
    --------
    >>> from games import Game
    >>> pennies = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> print(exact_from_end_basis(pennies, [[0, 1], [2, 3]]))
    Row: 1/2 s1 + 1/2 s2; Column: 1/2 s1 + 1/2 s2  (payoffs 0, 0)
    """
    m, n = game.shape
    supp_y = [lab - m for lab in basis[1] if lab >= m]
    tight_rows = sorted(set(range(m)) - set(basis[1]))
    supp_x = [lab for lab in basis[0] if lab < m]
    tight_cols = sorted(set(range(n)) - {lab - m for lab in basis[0] if lab >= m})
    k, kx = len(supp_y), len(supp_x)
    if not k or not kx or k != len(tight_rows) or kx != len(tight_cols):
        return None
    fa = game.payoffs[0]._array  # noqa: SLF001 - sympy's flat storage
    fb = game.payoffs[1]._array  # noqa: SLF001
    intA, den_a = _scaled(fa, [[i * n + j for j in supp_y] for i in range(m)])  # den_a * A[:, S_y]
    intB, den_b = _scaled(fb, [[i * n + j for i in supp_x] for j in range(n)])  # den_b * B[S_x, :]^T
    ca, cb = _shift(intA, den_a), _shift(intB, den_b)
    sol_y = _solve_fraction_free([[intA[i][c] + ca for c in range(k)] for i in tight_rows], k)
    sol_x = _solve_fraction_free([[intB[j][c] + cb for c in range(kx)] for j in tight_cols], kx)
    if sol_y is None or sol_x is None:
        return None
    wy, wx = sol_y[1], sol_x[1]
    if min(wy) < 0 or min(wx) < 0 or not any(wy) or not any(wx):
        return None
    row = [sum(a * w for a, w in zip(intA[i], wy)) for i in range(m)]  # den_a * sum(y) * (A y)_i
    col = [sum(b * w for b, w in zip(intB[j], wx)) for j in range(n)]
    if any(row[i] != max(row) for c, i in enumerate(supp_x) if wx[c]):
        return None
    if any(col[j] != max(col) for c, j in enumerate(supp_y) if wy[c]):
        return None
    sy, sx = sum(wy), sum(wx)
    x = [Fraction(0)] * m
    y = [Fraction(0)] * n
    for c, i in enumerate(supp_x):
        x[i] = Fraction(wx[c], sx)
    for c, j in enumerate(supp_y):
        y[j] = Fraction(wy[c], sy)
    u1 = Fraction(max(row), den_a * sy)
    u2 = Fraction(max(col), den_b * sx)

    def rat(v: Fraction) -> sympy.Rational:
        return sympy.Rational(v.numerator, v.denominator)

    prof = (tuple(rat(v) for v in x), tuple(rat(v) for v in y))
    return Equilibrium(prof, (rat(u1), rat(u2)), game.players, game.strategies, exact=True)
