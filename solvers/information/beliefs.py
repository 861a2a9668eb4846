r"""Beliefs of the receiver of a signalling game: which responses a belief supports, in closed form.

After a message :math:`m`, a belief :math:`\mu` over a set :math:`S` of sender
types supports the response :math:`r` when :math:`r` is a best response to it:

.. math::

    \sum_{t \in S} \mu_t \bigl(u_R(t, m, r) - u_R(t, m, r')\bigr) \ge 0
    \quad \text{for every } r', \qquad \mu \in \Delta(S).

The set of such beliefs is a polytope in the simplex.  It is non-empty if and
only if one of its vertices exists, and each vertex is the solution of
:math:`|S| - 1` of the constraints taken as equalities (the polytope is
bounded), so :func:`supported` returns the disjunction, over the choices of
tight constraints with a non-zero determinant, of "every constraint holds at
that point" (Cramer's rule; a constraint :math:`N / \det \ge 0` is written
:math:`N \det \ge 0`).  The result is a sympy Boolean on the parameters:
``True`` / ``False`` for a numeric game.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

import sympy

from games.signaling import SignalingGame
from solvers.symbolic.relations import relation

__all__ = ["belief_symbols", "belief_constraints", "supported", "describe_beliefs"]


def belief_symbols(game: SignalingGame, message: int) -> dict[int, sympy.Symbol]:
    """The receiver's belief symbols after ``message``: one per type but the first (whose is one minus the rest)."""
    m = game.messages[message]
    return {k: sympy.Symbol(f"mu({t}|{m})", nonnegative=True) for k, t in enumerate(game.types) if k > 0}


def _weights(support: Sequence[int], variables: Sequence[sympy.Symbol]) -> dict[int, sympy.Expr]:
    """The belief of each type of ``support``: the variables, and one minus their sum for the first."""
    w = {t: v for t, v in zip(support[1:], variables)}
    w[support[0]] = 1 - sympy.Add(*variables)
    return w


def belief_constraints(game: SignalingGame, message: int, response: int, support: Sequence[int],
                       variables: Sequence[sympy.Symbol], tie: int | None = None) -> list[sympy.Expr]:
    """Expressions (each ``>= 0``) that say a belief on ``support`` makes ``response`` a best response.

    With ``tie``, the response ``tie`` is a best response too (the receiver is indifferent between them).
    """
    w = _weights(support, variables)
    out = [w[t] for t in support]
    u = game.payoffs[1]
    for other in range(len(game.responses)):
        if other != response:
            out.append(sympy.expand(sum((w[t] * (u[t, message, response] - u[t, message, other]) for t in support),
                                        sympy.Integer(0))))
    if tie is not None and tie != response:
        out.append(sympy.expand(sum((w[t] * (u[t, message, tie] - u[t, message, response]) for t in support),
                                    sympy.Integer(0))))
    return out


def _linear(expr: sympy.Expr, variables: Sequence[sympy.Symbol]) -> tuple[list[sympy.Expr], sympy.Expr]:
    coeffs = [expr.coeff(v) for v in variables]
    const = expr.xreplace({v: 0 for v in variables})
    return coeffs, const


def _nonempty(constraints: Sequence[sympy.Expr], variables: Sequence[sympy.Symbol]) -> sympy.Basic:
    """Whether some point satisfies every ``constraint >= 0`` (a bounded polytope): its vertices, in closed form."""
    if not variables:
        return sympy.And(*(relation(c, ">=") for c in constraints))
    d = len(variables)
    rows = [_linear(c, variables) for c in constraints]
    options = []
    for tight in itertools.combinations(range(len(rows)), d):
        mat = sympy.Matrix([rows[i][0] for i in tight])
        rhs = sympy.Matrix([-rows[i][1] for i in tight])
        det = sympy.expand(mat.det())
        if det == 0:
            continue
        point_num = mat.adjugate() * rhs  # the vertex is point_num / det
        atoms = [] if det.is_number else [sympy.Ne(det, 0)]
        for k, (coeffs, const) in enumerate(rows):
            if k in tight:
                continue
            num = sympy.expand(sum((c * x for c, x in zip(coeffs, point_num)), sympy.Integer(0)) + const * det)
            if det.is_number:
                atoms.append(relation(num if det > 0 else -num, ">="))
            else:
                atoms.append(relation(sympy.expand(num * det), ">="))
        cond = sympy.And(*atoms)
        if cond is sympy.true:
            return sympy.true
        options.append(cond)
    return sympy.Or(*options)


def supported(game: SignalingGame, message: int, response: int, support: Sequence[int] | None = None,
              tie: int | None = None) -> sympy.Basic:
    r"""The condition that some belief over ``support`` (default: every type) makes ``response`` a best response.

    Parameters
    ----------
    game : SignalingGame
    message, response : int
        Indices.
    support : sequence of int, optional
        Type indices the belief may put weight on.
    tie : int, optional
        A second response that must be a best response as well (for a receiver who mixes the two).

    Returns
    -------
    sympy Boolean
        ``True`` / ``False`` for numeric payoffs.

    Examples
    --------
    >>> from games import SignalingGame
    >>> pays = {(t, "m", r): (0, int((t == "a") == (r == "x"))) for t in "ab" for r in "xy"}
    >>> g = SignalingGame({"a": 0.5, "b": 0.5}, ["m"], ["x", "y"], pays)
    >>> supported(g, 0, 0), supported(g, 0, 0, support=[1])
    (True, False)
    """
    chosen = tuple(range(len(game.types))) if support is None else tuple(support)
    return _supported(game, message, response, chosen, tie)


@functools.lru_cache(maxsize=8192)
def _supported(game: SignalingGame, message: int, response: int, support: tuple[int, ...],
               tie: int | None) -> sympy.Basic:
    """:func:`supported`, remembered per (game, message, response, support, tie): games are immutable."""
    variables = [sympy.Dummy(f"v{k}") for k in range(len(support) - 1)]
    return _nonempty(belief_constraints(game, message, response, support, variables, tie), variables)


@functools.lru_cache(maxsize=4096)
def describe_beliefs(game: SignalingGame, message: int, response: int, tie: int | None = None) -> sympy.Basic:
    """The beliefs after an off-path ``message`` that support ``response`` (and ``tie``), as a Boolean on the belief symbols.

    With two types and numbers, an interval of the second type's probability
    (``(1/2 <= mu(Weak|Quiche)) & (mu(Weak|Quiche) <= 1)``).
    """
    symbols = belief_symbols(game, message)
    support = list(range(len(game.types)))
    variables = [symbols[k] for k in support[1:]]
    constraints = belief_constraints(game, message, response, support, variables, tie)
    if len(variables) == 1 and all(c.free_symbols <= set(variables) for c in constraints):
        v = variables[0]
        lo, hi = sympy.Integer(0), sympy.Integer(1)
        for c in constraints:  # each a v + b >= 0 with numbers a, b
            a, b = c.coeff(v), c.xreplace({v: 0})
            if a > 0:
                lo = max(lo, -b / a)
            elif a < 0:
                hi = min(hi, -b / a)
            elif b < 0:
                return sympy.false
        return sympy.Interval(lo, hi).as_relational(v) if lo <= hi else sympy.false
    return sympy.And(*(relation(c, ">=") for c in constraints))
