r"""Checking a perfect Bayesian equilibrium of a numeric signalling game from its definition.

:func:`is_perfect_bayesian_equilibrium` recomputes, from the strategies and
beliefs alone (not from the conditions the solver derived):

* every type's messages are best replies to the receiver's (mixed) responses,
  and its reported payoff is what they give it;
* on the path, the beliefs are Bayes' rule from the prior and the sender's
  strategy, and every response the receiver uses is a best response to them;
* off the path, a belief in the reported set (for two types: a point of the
  interval, found among its end points and the numbers of its relations)
  makes every response the receiver uses there a best response; for three or
  more types the set is checked to be non-empty with
  :func:`solvers.information.beliefs.supported`.

The solver runs it on every equilibrium of a numeric game before returning it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from games.signaling import SignalingGame
from solvers.information.beliefs import supported
from solvers.results.information import PerfectBayesianEquilibrium

__all__ = ["is_perfect_bayesian_equilibrium"]


def _probabilities(choice: Any, names: tuple[str, ...]) -> list[Any]:
    if isinstance(choice, Mapping):
        return [choice.get(n, 0) for n in names]
    return [int(n == choice) for n in names]


def _point(condition: Any, symbol: sympy.Symbol) -> Any:
    """A probability satisfying a Boolean on one belief symbol, or None."""
    candidates = {sympy.Integer(0), sympy.Integer(1), sympy.Rational(1, 2)}
    for rel in condition.atoms(sympy.core.relational.Relational):
        candidates |= set(sympy.solve(rel.lhs - rel.rhs, symbol))
    ordered = sorted(c for c in candidates if c.is_number and 0 <= c <= 1)
    ordered += [(a + b) / 2 for a, b in zip(ordered, ordered[1:])]
    for c in ordered:
        if condition.subs(symbol, c) is sympy.true:
            return c
    return None


def is_perfect_bayesian_equilibrium(game: SignalingGame, eq: PerfectBayesianEquilibrium) -> bool:
    """Whether ``eq`` is a perfect Bayesian equilibrium of the numeric ``game`` (see the module docstring).

    Examples
    --------
    >>> from games import SignalingGame
    >>> from solvers import perfect_bayesian_equilibria
    >>> pays = {(t, m, r): (int(t == r), int(t == r)) for t in "ab" for m in ("say a", "say b") for r in "ab"}
    >>> g = SignalingGame({"a": 0.5, "b": 0.5}, ("say a", "say b"), ("a", "b"), pays)
    >>> all(is_perfect_bayesian_equilibrium(g, e) for e in perfect_bayesian_equilibria(g))
    True
    """
    us, ur = game.payoffs
    T, M, R = range(len(game.types)), range(len(game.messages)), range(len(game.responses))
    beta = [_probabilities(eq.sender[t], game.messages) for t in game.types]
    rho = [_probabilities(eq.receiver[m], game.responses) for m in game.messages]
    for t in T:  # the sender's best replies
        value = [sum(rho[m][r] * us[t, m, r] for r in R) for m in M]
        best = max(value)
        if any(beta[t][m] != 0 and value[m] != best for m in M) or eq.type_payoffs[game.types[t]] != best:
            return False
    for m in M:
        mass = sum(game.prior[t] * beta[t][m] for t in T)
        name = game.messages[m]
        belief = eq.beliefs[name]
        if mass != 0:
            mu = [game.prior[t] * beta[t][m] / mass for t in T]
            if not isinstance(belief, Mapping) or any(belief[game.types[t]] != mu[t] for t in T):
                return False
        elif len(game.types) == 2:
            symbol = eq.belief_symbols[name][game.types[1]]
            q = _point(belief, symbol)
            if q is None:
                return False
            mu = [1 - q, q]
        else:
            used = [r for r in R if rho[m][r] != 0]
            if not all(supported(game, m, r, tie=used[0]) is sympy.true for r in used):
                return False
            continue
        value_r = [sum(mu[t] * ur[t, m, r] for t in T) for r in R]
        if any(rho[m][r] != 0 and value_r[r] != max(value_r) for r in R):
            return False
    return True
