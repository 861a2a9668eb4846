r"""``bayesian_equilibria``: every Bayesian Nash equilibrium of a numeric Bayesian game.

Method
------
A Bayesian Nash equilibrium is a Nash equilibrium of the ex-ante strategic
form (:meth:`games.BayesianGame.to_strategic_form`), whose strategies map
types to actions and whose payoffs are expectations under the prior (Harsanyi
1967-68).  :func:`solvers.nash_equilibria` gives every extreme equilibrium of
that form (exact for rational two-player games; every pure one, and the small
games' isolated mixed ones, for three or more players).  A mixed ex-ante
strategy :math:`x_i` is read as the behaviour strategy of each type (Kuhn's
theorem):

.. math:: \beta_i(a \mid t_i) = \sum_{s_i :\, s_i(t_i) = a} x_i(s_i).

This map is linear, so the extreme points of the behaviour equilibria are
images of extreme ex-ante equilibria; images that coincide are returned once.
Each result keeps its ex-ante profile (``profile``) as well, and each is
checked again, type by type: every action a type plays is a best response to
its interim beliefs (:func:`_check`).

For a symbolic game, :func:`solvers.equilibrium_conditions` gives the
equilibria with their conditions on the parameters (the prior included).

References
----------
.. [1] J. C. Harsanyi, "Games with incomplete information played by 'Bayesian'
   players, I-III", Management Science 14 (1967-68).
.. [2] H. W. Kuhn, "Extensive games and the problem of information", in
   Contributions to the Theory of Games II, Princeton, 1953.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import sympy

from games.bayesian import BayesianGame
from games.errors import GameError, SymbolicError
from solvers.equilibria.nash import nash_equilibria
from solvers.results.information import BayesianEquilibrium

__all__ = ["bayesian_equilibria", "behaviour_of", "interim_payoffs"]


def behaviour_of(game: BayesianGame, profile: Sequence[Sequence[Any]]) -> tuple[tuple[tuple[Any, ...], ...], ...]:
    """Each type's probabilities of its actions, from a mixed profile of the ex-ante strategic form."""
    out = []
    for i, x in enumerate(profile):
        strategies = game.pure_strategies(i)
        per_type = []
        for k in range(len(game.types[i])):
            vec = [sympy.Integer(0) if not isinstance(v, float) else 0.0 for v in game.actions[i]]
            for s, prob in zip(strategies, x):
                vec[s[k]] = vec[s[k]] + prob
            per_type.append(tuple(sympy.expand(v) if isinstance(v, sympy.Basic) and v.free_symbols else v for v in vec))
        out.append(tuple(per_type))
    return tuple(out)


def interim_payoffs(game: BayesianGame, behaviour: Sequence[Sequence[Sequence[Any]]], player: int,
                    type_: int) -> list[Any]:
    r"""Player ``player``'s payoff from each action, as type ``type_``, times that type's prior probability.

    :math:`\sum_{t_{-i}} p(t_i, t_{-i}) \sum_{a_{-i}} \prod_{j \ne i} \beta_j(a_j \mid t_j)\, u_i(t, a)`.
    """
    n = game.n_players
    out = []
    for a_i in range(len(game.actions[player])):
        total: Any = 0
        for t in game.type_profiles():
            if t[player] != type_ or game.prior[t] == 0:
                continue
            ranges = [range(len(game.actions[j])) if j != player else [a_i] for j in range(n)]
            for a in itertools.product(*ranges):
                w: Any = game.prior[t]
                for j in range(n):
                    if j != player:
                        w = w * behaviour[j][t[j]][a[j]]
                if w != 0:
                    total = total + w * game.payoffs[player][t + a]
        out.append(total)
    return out


def _check(game: BayesianGame, behaviour: Sequence[Sequence[Sequence[Any]]], exact: bool) -> bool:
    """Every action a type plays with positive probability is a best response to its interim beliefs."""
    for i in range(game.n_players):
        for k in range(len(game.types[i])):
            values = interim_payoffs(game, behaviour, i, k)
            best = max(values)
            tol = 0 if exact else 1e-7 * max(1.0, abs(float(best)))
            if any(v > 0 and values[a] < best - tol for a, v in enumerate(behaviour[i][k])):
                return False
    return True


def bayesian_equilibria(game: BayesianGame, *, exact: bool | None = None) -> list[BayesianEquilibrium]:
    r"""Every Bayesian Nash equilibrium of a numeric Bayesian game, pure and mixed.

    Parameters
    ----------
    game : BayesianGame
        A numeric game (no free symbols; use :func:`solvers.equilibrium_conditions` for a symbolic one).
    exact : bool, optional
        Passed to :func:`solvers.nash_equilibria` on the ex-ante form (default:
        exact for rational two-player games of moderate size).

    Returns
    -------
    list of BayesianEquilibrium
        Each with ``behaviour`` (per player, per type, the probability of each
        action), ``payoffs`` (ex-ante), ``kind`` and the ex-ante ``profile``.
        For two players every extreme equilibrium; for three or more, what
        :func:`solvers.nash_equilibria` finds (every pure one).

    Raises
    ------
    GameError
        If ``game`` is not a BayesianGame.
    SymbolicError
        If the game has free symbols (they are named).

    References
    ----------
    .. [1] M. J. Osborne, *An Introduction to Game Theory*, Oxford University
       Press, 2004, section 9.2 (Bayesian Nash equilibrium).

    Examples
    --------
    Osborne's battle of the sexes where player 2 wants to meet or to avoid
    player 1 with probability 1/2 each: player 1 plays B, the type who wants to
    meet plays B, the type who wants to avoid plays S.

    >>> import sympy
    >>> from games import BayesianGame
    >>> meet = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
    >>> avoid = {("B", "B"): (2, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1), ("S", "S"): (1, 0)}
    >>> g = BayesianGame(("1", "2"), (("any",), ("meet", "avoid")), (("B", "S"), ("B", "S")),
    ...                  {("any", "meet"): sympy.Rational(1, 2), ("any", "avoid"): sympy.Rational(1, 2)},
    ...                  lambda t, a: (meet if t[1] == "meet" else avoid)[a])
    >>> [str(e) for e in bayesian_equilibria(g) if e.is_pure]
    ['1: B; 2: meet B, avoid S  (payoffs 1, 3/2)']
    """
    if not isinstance(game, BayesianGame):
        raise GameError(f"bayesian_equilibria: expected a BayesianGame, got {type(game).__name__}")
    if not game.is_numeric:
        names = ", ".join(sorted(s.name for s in game.free_symbols))
        raise SymbolicError(f"bayesian_equilibria: the game has free symbols {names}; substitute values "
                            f"(BayesianGame.subs) or use equilibrium_conditions for the closed forms")
    form = game.to_strategic_form()
    eqs = nash_equilibria(form, exact=exact)
    out: list[BayesianEquilibrium] = []
    seen: set[Any] = set()
    for eq in eqs:
        beh = behaviour_of(game, eq.profile)
        key = tuple(tuple(tuple(float(v) if not eq.exact else v for v in vec) for vec in per) for per in beh)
        if not eq.exact:
            key = tuple(tuple(tuple(round(v, 9) for v in vec) for vec in per) for per in key)
        if key in seen:
            continue
        seen.add(key)
        if not _check(game, beh, eq.exact):  # pragma: no cover - nash_equilibria verified the ex-ante form
            raise GameError("bayesian_equilibria: an ex-ante equilibrium failed the interim check")
        pure = all(sum(1 for v in vec if v != 0) == 1 for per in beh for vec in per)
        out.append(BayesianEquilibrium(players=game.players, types=game.types, actions=game.actions, behaviour=beh,
                                       payoffs=tuple(eq.payoffs), kind="pure" if pure else "mixed", exact=eq.exact,
                                       profile=tuple(tuple(p) for p in eq.profile)))
    out.sort(key=lambda e: not e.is_pure)
    return out
