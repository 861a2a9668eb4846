r"""Closed-form conditions of the hidden-information games: Bayesian and signalling games.

:func:`information_conditions` is what :func:`solvers.equilibrium_conditions`
returns for a :class:`~games.BayesianGame` or a :class:`~games.SignalingGame`:

* a **Bayesian game**: the equilibria of its ex-ante strategic form with
  their conditions on the parameters, the prior included
  (:func:`solvers.conditions.derive.equilibrium_conditions`), each read as
  behaviour strategies per type.  When the ex-ante form is beyond the symbolic
  support enumeration (for example 4 x 4 with symbols), the pure equilibria of
  the type-agent form (one player per type) with their best-response
  conditions, and a ``RuntimeWarning`` that mixed ones are not enumerated.
  The ex-ante form's continua (``kind == "continuum"``) are left out: many
  mixtures of type-contingent strategies give one behaviour strategy, so the
  ex-ante form has continua of equilibria that are one Bayesian equilibrium;
  the isolated (pure and mixed) ones are returned.
* a **signalling game**: :func:`solvers.perfect_bayesian_equilibria`.
"""

from __future__ import annotations

import warnings
from typing import Any

import sympy

from games.bayesian import BayesianGame
from games.core import Game
from games.signaling import SignalingGame
from solvers.information.bayesian_nash import behaviour_of
from solvers.information.pbe import perfect_bayesian_equilibria
from solvers.results.conditions import ConditionalEquilibrium
from solvers.results.information import BayesianEquilibrium, PerfectBayesianEquilibrium

__all__ = ["information_conditions", "fits_support_enumeration"]


def fits_support_enumeration(form: Game, symbolic_limit: int, numeric_limit: int) -> bool:
    """Whether a two-player strategic form is small enough for the symbolic support enumeration."""
    if form.n_players != 2:
        return False
    pairs = (2 ** form.shape[0] - 1) * (2 ** form.shape[1] - 1)
    return pairs <= (numeric_limit if form.is_numeric else symbolic_limit)


def _from_agents(game: BayesianGame, rec: ConditionalEquilibrium) -> BayesianEquilibrium:
    agents = game.type_agents()
    beh: list[list[tuple[Any, ...]]] = [[() for _ in game.types[i]] for i in range(game.n_players)]
    for (i, k), vec in zip(agents, rec.profile):
        beh[i][k] = tuple(vec)
    behaviour = tuple(tuple(per) for per in beh)
    payoffs = []
    for i in range(game.n_players):
        total = sympy.Integer(0)
        for t in game.type_profiles():
            a = tuple(behaviour[j][t[j]].index(1) for j in range(game.n_players))
            total += game.prior[t] * game.payoffs[i][t + a]
        payoffs.append(sympy.expand(total))
    return BayesianEquilibrium(players=game.players, types=game.types, actions=game.actions, behaviour=behaviour,
                               payoffs=tuple(payoffs), condition=rec.condition, kind="pure")


def information_conditions(game: BayesianGame | SignalingGame,
                           derive: Any, limits: tuple[int, int]) -> list[BayesianEquilibrium] | list[PerfectBayesianEquilibrium]:
    """The equilibria of a Bayesian or signalling game with their conditions (see the module docstring).

    ``derive`` is :func:`~solvers.conditions.derive.equilibrium_conditions` (passed in, so that this
    module and ``derive`` do not import each other) and ``limits`` its (symbolic, numeric) support-pair limits.
    """
    if isinstance(game, SignalingGame):
        return perfect_bayesian_equilibria(game)
    form = game.to_strategic_form()
    if fits_support_enumeration(form, *limits) or (form.n_players != 2 and game.n_players == form.n_players
                                                   and all(len(t) == 1 for t in game.types)):
        out = []
        seen = set()
        for rec in derive(form):
            if rec.kind == "continuum":
                continue  # the ex-ante form's redundant mixtures of one behaviour strategy (see the docstring)
            beh = behaviour_of(game, rec.profile)
            if (beh, rec.condition) in seen:
                continue
            seen.add((beh, rec.condition))
            out.append(BayesianEquilibrium(players=game.players, types=game.types, actions=game.actions,
                                           behaviour=beh, payoffs=tuple(rec.payoffs),
                                           condition=rec.condition, kind=rec.kind, profile=tuple(rec.profile)))
        return out
    warnings.warn(f"equilibrium_conditions: the ex-ante form of {game.name or 'the Bayesian game'} is "
                  f"{' x '.join(str(m) for m in form.shape)}, beyond the symbolic support enumeration; "
                  f"only the pure Bayesian equilibria are given (from the type-agent form)", RuntimeWarning,
                  stacklevel=3)
    return [_from_agents(game, rec) for rec in derive(game.to_type_agent_form())]
