r"""The Cho-Kreps intuitive criterion for the equilibria of a signalling game.

For an off-path message :math:`m`, a type :math:`t` is *equilibrium-dominated*
when even the best response to :math:`m` it could hope for (a best response to
some belief over all types) pays it less than its equilibrium payoff
:math:`u^*(t)`:

.. math:: u^*(t) > \max_{r \in BR(\Delta(T), m)} u_S(t, m, r).

Let :math:`J(m)` be the types that are not.  The equilibrium fails the
criterion when some type :math:`t' \in J(m)` gains from :math:`m` whatever the
receiver answers with a belief on :math:`J(m)`:

.. math:: \min_{r \in BR(\Delta(J(m)), m)} u_S(t', m, r) > u^*(t').

(When every type is dominated, :math:`J(m)` is empty and nothing is
restricted.)  Pure responses suffice: a mixed best response neither exceeds
the best nor falls below the worst pure one in its support.  Every step is a
sympy Boolean, so the criterion holds on a region of the parameters for a
symbolic game, and is ``True`` / ``False`` for a numeric one.

References
----------
.. [1] I.-K. Cho and D. M. Kreps, "Signaling games and stable equilibria",
   Quarterly Journal of Economics 102 (1987) 179-221, section IV.
.. [2] D. Fudenberg and J. Tirole, *Game Theory*, MIT Press, 1991, section 11.2.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import sympy

from games.signaling import SignalingGame
from solvers.information.beliefs import supported
from solvers.symbolic.relations import relation

__all__ = ["intuitive_criterion"]


def intuitive_criterion(game: SignalingGame, type_payoffs: Mapping[int, sympy.Expr],
                        off_path: Sequence[int]) -> sympy.Basic:
    r"""Whether an equilibrium with sender payoffs ``type_payoffs`` survives the intuitive criterion.

    Parameters
    ----------
    game : SignalingGame
    type_payoffs : mapping
        Type index -> the sender's equilibrium payoff of that type.
    off_path : sequence of int
        The messages no type sends in the equilibrium.

    Returns
    -------
    sympy Boolean
        ``True`` / ``False`` for a numeric game.

    Examples
    --------
    One type, one off-path message that pays it more whatever the answer:

    >>> from games import SignalingGame
    >>> g = SignalingGame({"t": 1}, ["a", "b"], ["r"], {("t", "a", "r"): (0, 0), ("t", "b", "r"): (1, 0)})
    >>> intuitive_criterion(g, {0: 0}, [1])
    False
    """
    types = range(len(game.types))
    us = game.payoffs[0]
    fails = []
    for m in off_path:
        responses = range(len(game.responses))
        any_belief = {r: supported(game, m, r) for r in responses}
        dominated = {t: sympy.And(*(sympy.Or(sympy.Not(any_belief[r]), relation(type_payoffs[t] - us[t, m, r], ">"))
                                    for r in responses)) for t in types}
        for size in range(1, len(game.types) + 1):
            for J in itertools.combinations(types, size):
                exact = sympy.And(*(sympy.Not(dominated[t]) if t in J else dominated[t] for t in types))
                if exact is sympy.false:
                    continue
                on_j = {r: supported(game, m, r, J) for r in responses}
                breaks = sympy.Or(*(sympy.And(*(sympy.Or(sympy.Not(on_j[r]),
                                                         relation(us[t, m, r] - type_payoffs[t], ">"))
                                                for r in responses)) for t in J))
                fails.append(sympy.And(exact, breaks))
    return sympy.Not(sympy.Or(*fails))
