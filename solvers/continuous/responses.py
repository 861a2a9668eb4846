r"""Best-response functions of continuous games, in closed form.

For player :math:`i` with payoff :math:`u_i` and interval :math:`[l_i, h_i]`,
the first-order condition :math:`\partial u_i / \partial x_i = 0` is solved for
:math:`x_i` as a function :math:`r(x_{-i})` of the others' strategies; roots that
the assumptions put below :math:`l_i` are dropped, and the remaining root is
clipped to the interval,

.. math::

    BR_i(x_{-i}) = \begin{cases} l_i & r(x_{-i}) \le l_i \\ h_i & r(x_{-i}) \ge h_i \\
    r(x_{-i}) & \text{otherwise,} \end{cases}

which is the best response when :math:`u_i` is concave in :math:`x_i` (the
record's ``condition`` is then True).  Otherwise each root is returned with its
second-order condition (a local best response).

References
----------
.. [1] D. Fudenberg and J. Tirole, *Game Theory* (MIT Press, 1991), section 1.2
   (Cournot reaction functions).
"""

from __future__ import annotations

import sympy

from games.continuous import ContinuousGame
from games.errors import GameError
from solvers.continuous.smooth import kinked
from solvers.errors import NonDifferentiablePayoffError
from solvers.results.continuous import BestResponse
from solvers.symbolic.relations import relation, sign_of

__all__ = ["best_responses"]

_INF = (sympy.oo, -sympy.oo)


def _clip(r: sympy.Expr, lo: sympy.Expr, hi: sympy.Expr) -> sympy.Expr:
    pieces = []
    if lo not in _INF and sign_of(sympy.simplify(r - lo), weak=True) != 1:
        pieces.append((lo, r <= lo))
    if hi not in _INF and sign_of(sympy.simplify(hi - r), weak=True) != 1:
        pieces.append((hi, r >= hi))
    return sympy.Piecewise(*pieces, (r, True)) if pieces else r


def best_responses(game: ContinuousGame) -> tuple[BestResponse, ...]:
    r"""Each player's best-response function (for a symmetric game: to the others' common strategy).

    Parameters
    ----------
    game : ContinuousGame

    Returns
    -------
    tuple of BestResponse
        One per player when the payoffs are concave in the own strategy; with
        several roots of a first-order condition, one record per root, each with
        its second-order condition.

    Raises
    ------
    NonDifferentiablePayoffError
        When a payoff has a kink in the own strategy.
    GameError
        When a first-order condition has no solution sympy can find.

    Examples
    --------
    Cournot duopoly: :math:`q_1 = \max(0, (a - c - b q_2) / (2 b))`.

    >>> import sympy
    >>> from games import ContinuousGame
    >>> q1, q2 = sympy.symbols("q1 q2", nonnegative=True)
    >>> a, b, c = sympy.symbols("a b c", positive=True)
    >>> g = ContinuousGame(("Firm 1", "Firm 2"), ((q1, 0, sympy.oo), (q2, 0, sympy.oo)),
    ...                    ((a - b * (q1 + q2) - c) * q1, (a - b * (q1 + q2) - c) * q2))
    >>> best_responses(g)[0].response
    Piecewise((0, (a - b*q2 - c)/b <= 0), ((a - b*q2 - c)/(2*b), True))
    """
    if not isinstance(game, ContinuousGame):
        raise GameError(f"best_responses: expected a ContinuousGame, got {type(game).__name__}")
    out: list[BestResponse] = []
    for i, (player, (x, lo, hi), u) in enumerate(zip(game.players, game.strategies, game.payoffs)):
        if kinked(u, x):
            raise NonDifferentiablePayoffError(f"best_responses: the payoff of {player!r} is not differentiable "
                                               f"in {x}; no first-order best response")
        others = (game.others,) if game.others is not None else game.symbols[:i] + game.symbols[i + 1:]
        foc = sympy.together(sympy.diff(u, x))
        soc = sympy.simplify(sympy.diff(u, x, 2))
        concave = sign_of(soc, weak=True) == -1
        try:
            roots = [sympy.simplify(r) for r in sympy.solve(sympy.numer(foc), x)]
        except NotImplementedError as err:
            raise GameError(f"best_responses: no closed-form solution of the first-order condition of {player!r} "
                            f"({err})") from err
        roots = [r for r in roots if r.is_real is not False]
        inside = [r for r in roots if lo in _INF or sign_of(sympy.simplify(r - lo), weak=True) != -1]
        roots = inside or roots
        if not roots:
            raise GameError(f"best_responses: the first-order condition of {player!r} has no root in "
                            f"[{lo}, {hi}] that sympy can find")
        for r in roots:
            cond = sympy.true if concave and len(roots) == 1 else relation(-soc.subs(x, r), ">")
            out.append(BestResponse(player, x, _clip(r, lo, hi), tuple(others), cond))
    return tuple(out)
