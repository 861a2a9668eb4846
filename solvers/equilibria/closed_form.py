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
Theorem 3.4).  All arithmetic is in Python integers, so ties
are exact; degenerate 2 x 2 games go to the general enumeration.

References
----------
B. von Stengel, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45 (2002), Sections 2 and 3.
M. J. Osborne, A. Rubinstein, *A Course in Game Theory* (1994), Section 3.2.

Examples
--------
>>> two_by_two([[2, 0], [0, 1]], [[1, 0], [0, 2]])  # battle of the sexes: x = (2/3, 1/3), y = (1/3, 2/3)
[((1, 0), (1, 0)), ((2, 1), (1, 2)), ((0, 1), (0, 1))]
>>> two_by_two([[1, 1], [1, 1]], [[1, 1], [1, 1]]) is None  # degenerate
True
"""

from __future__ import annotations

__all__ = ["two_by_two"]

#: A mixed strategy as non-negative integer weights (divide by their sum).
Weights = tuple[int, int]


def two_by_two(A: list[list[int]], B: list[list[int]]) -> list[tuple[Weights, Weights]] | None:
    """Every equilibrium of a nondegenerate 2 x 2 integer bimatrix game, or None when it is degenerate.

    Parameters
    ----------
    A, B : list of list of int
        The row and column player's payoffs (2 x 2 integers; scale rational payoffs first).

    Returns
    -------
    list of (x, y) or None
        ``x`` and ``y`` the two mixed strategies as integer weights (the probabilities are the
        weights over their sum), sorted lexicographically by x then y, largest probabilities first;
        None when the game is degenerate (some pure strategy has two pure best responses).

    References
    ----------
    B. von Stengel, "Computing equilibria for two-person games" (2002), Section 2.

    Examples
    --------
    >>> two_by_two([[3, 0], [5, 1]], [[3, 5], [0, 1]])  # prisoner's dilemma
    [((0, 1), (0, 1))]
    """
    (a00, a01), (a10, a11) = A
    (b00, b01), (b10, b11) = B
    if a00 == a10 or a01 == a11 or b00 == b01 or b10 == b11:
        return None
    pure = ((1, 0), (0, 1))
    found: list[tuple[Weights, Weights] | None] = []
    for i in (0, 1):
        j = 0 if B[i][0] > B[i][1] else 1  # the column player's unique best response to row i
        found.append((pure[i], pure[j]) if A[i][j] > A[1 - i][j] else None)
    # the row player's weights (b11 - b10, b00 - b01) make the column player indifferent, and the
    # column player's (a11 - a01, a00 - a10) the row player; both must be positive (after the sign).
    x = (b11 - b10, b00 - b01)
    y = (a11 - a01, a00 - a10)
    if x[0] < 0 or (x[0] == 0 and x[1] < 0):
        x = (-x[0], -x[1])
    if y[0] < 0 or (y[0] == 0 and y[1] < 0):
        y = (-y[0], -y[1])
    mixed = (x, y) if min(x) > 0 and min(y) > 0 else None
    # the order: row plays her first strategy, then mixes, then plays her second
    return [e for e in (found[0], mixed, found[1]) if e is not None]
