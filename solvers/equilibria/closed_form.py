r"""Two-by-two bimatrix games in closed form, without polytope machinery.

A 2 x 2 game is *nondegenerate* when no pure strategy has two pure best
responses: :math:`a_{00} \ne a_{10}`, :math:`a_{01} \ne a_{11}`,
:math:`b_{00} \ne b_{01}`, :math:`b_{10} \ne b_{11}`.  Then its equilibria are
the pure profiles of mutual strict best responses and, when both indifference
probabilities lie strictly between 0 and 1, the one mixed profile

.. math::

    p = \frac{b_{11} - b_{10}}{b_{00} - b_{01} - b_{10} + b_{11}}, \qquad
    q = \frac{a_{11} - a_{01}}{a_{00} - a_{01} - a_{10} + a_{11}},

(p the row player's probability of her first strategy, q the column
player's), each player mixing so as to make the other indifferent.  Every
equilibrium of a nondegenerate game is isolated (von Stengel 2002,
Theorem 3.4).  All arithmetic is in Python integers and ``Fraction``, so ties
are exact; degenerate 2 x 2 games go to the general enumeration.

References
----------
B. von Stengel, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45 (2002), Sections 2 and 3.
M. J. Osborne, A. Rubinstein, *A Course in Game Theory* (1994), Section 3.2.

Examples
--------
>>> bos = two_by_two([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> [(tuple(map(str, x)), tuple(map(str, y))) for x, y, _ in bos]
[(('1', '0'), ('1', '0')), (('2/3', '1/3'), ('1/3', '2/3')), (('0', '1'), ('0', '1'))]
>>> two_by_two([[1, 1], [1, 1]], [[1, 1], [1, 1]]) is None  # degenerate
True
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["two_by_two"]

Profile2 = tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction], tuple[Fraction, Fraction]]


def two_by_two(A: list[list[int]], B: list[list[int]]) -> list[Profile2] | None:
    """Every equilibrium of a nondegenerate 2 x 2 integer bimatrix game, or None when it is degenerate.

    Parameters
    ----------
    A, B : list of list of int
        The row and column player's payoffs (2 x 2 integers; scale rational payoffs first).

    Returns
    -------
    list of (x, y, payoffs) or None
        ``x`` and ``y`` the two mixed strategies and ``payoffs`` the two expected payoffs, all
        ``Fraction``, sorted lexicographically by x then y, largest probabilities first; None when
        the game is degenerate (some pure strategy has two pure best responses).

    References
    ----------
    B. von Stengel, "Computing equilibria for two-person games" (2002), Section 2.

    Examples
    --------
    >>> [(x, y) for x, y, _ in two_by_two([[3, 0], [5, 1]], [[3, 5], [0, 1]])]  # prisoner's dilemma
    [((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))]
    """
    (a00, a01), (a10, a11) = A
    (b00, b01), (b10, b11) = B
    if a00 == a10 or a01 == a11 or b00 == b01 or b10 == b11:
        return None
    one, zero = Fraction(1), Fraction(0)
    pure = ((one, zero), (zero, one))
    out: list[Profile2] = []
    for i in (0, 1):
        j = 0 if B[i][0] > B[i][1] else 1  # the column player's unique best response to row i
        if A[i][j] > A[1 - i][j]:
            out.append((pure[i], pure[j], (Fraction(A[i][j]), Fraction(B[i][j]))))
    dp, dq = b00 - b01 - b10 + b11, a00 - a01 - a10 + a11
    if dp and dq:
        p, q = Fraction(b11 - b10, dp), Fraction(a11 - a01, dq)
        if 0 < p < 1 and 0 < q < 1:
            x, y = (p, 1 - p), (q, 1 - q)
            u1 = q * a00 + (1 - q) * a01  # row 0's payoff = the row player's (she is indifferent)
            u2 = p * b00 + (1 - p) * b10
            out.append((x, y, (u1, u2)))
    out.sort(key=lambda e: (tuple(-v for v in e[0]), tuple(-v for v in e[1])))
    return out
