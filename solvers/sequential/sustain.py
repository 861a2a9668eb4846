r"""When repeating a stage profile is a subgame-perfect equilibrium: exact discount-factor conditions.

The strategies are automata.  On the path every player plays ``profile``; a
deviation by one player ``j`` starts ``j``'s punishment:

* ``"grim"``: the stage Nash equilibrium :math:`n` forever (Friedman's trigger);
* ``"k-period"``: :math:`n` for ``k`` periods, then back to ``profile``
  (a deviation during the punishment restarts it);
* ``"minmax"``: the profile :math:`m^j` in which the others hold ``j`` to her
  pure minmax value while ``j`` best-responds, forever (a deviation by
  another player ``l`` starts ``l``'s punishment instead).

By the one-shot deviation principle the automaton is a subgame-perfect
equilibrium iff in every state no player gains by deviating once.  With
normalised values :math:`V_j(s)` (:math:`V(C) = u(a)`,
:math:`V(N) = u(n)`, :math:`V(P_r) = (1 - \delta^r) u(n) + \delta^r u(a)`
with :math:`r` punishment periods left, :math:`V(M_j) = u(m^j)`), the
constraint for player :math:`j` deviating to :math:`s_j` in state :math:`s`
with prescribed profile :math:`x_s` and next state :math:`s'` is

.. math::

    (1 - \delta)\bigl(u_j(x_s) - u_j(s_j, x_{s,-j})\bigr)
      + \delta \bigl(V_j(s') - V_j(\mathrm{start}_j)\bigr) \ge 0.

For the prisoner's dilemma under grim trigger this is
:math:`\delta \ge (T - R) / (T - P)`; with a one-period punishment
:math:`\delta \ge (T - R) / (R - P)`.

References
----------
.. [1] J. W. Friedman, "A non-cooperative equilibrium for supergames", Review
   of Economic Studies 38 (1971) 1-12.
.. [2] D. Abreu, "On the theory of infinitely repeated games with
   discounting", Econometrica 56 (1988) 383-396 (simple penal codes).
.. [3] Fudenberg and Tirole, Game Theory (1991), section 4.2 (one-shot
   deviation principle) and 5.1.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import sympy

from games.core import Game
from games.errors import GameError, SymbolicError
from games.repeated import RepeatedGame
from solvers.equilibria.pure import pure_nash_equilibria
from solvers.results.sequential import IncentiveConstraint, Sustainability
from solvers.symbolic.relations import relation, sign_of

__all__ = ["sustainability", "PUNISHMENTS", "pure_minmax_profile"]

PUNISHMENTS = ("grim", "minmax", "k-period")

#: ``k-period`` punishments may last at most this many periods.
MAX_PUNISHMENT_PERIODS = 50


def _profile(stage: Game, prof: Any, what: str) -> tuple[int, ...]:
    if prof is None or isinstance(prof, str) or not isinstance(prof, Sequence) or len(prof) != stage.n_players:
        raise GameError(f"sustainability: {what} {prof!r} must give one strategy per player "
                        f"(allowed: {stage.strategies})")
    out = []
    for i, s in enumerate(prof):
        if isinstance(s, int) and not isinstance(s, bool) and 0 <= s < stage.shape[i]:
            out.append(s)
        elif isinstance(s, str) and s in stage.strategies[i]:
            out.append(stage.strategies[i].index(s))
        else:
            raise GameError(f"sustainability: {what}: {s!r} is not a strategy of {stage.players[i]!r} "
                            f"(allowed: {', '.join(stage.strategies[i])})")
    return tuple(out)


def _u(stage: Game, j: int, x: tuple[int, ...]) -> sympy.Expr:
    return stage.payoffs[j][x]


def _names(stage: Game, x: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(stage.strategies[i][k] for i, k in enumerate(x))


def pure_minmax_profile(stage: Game, j: int) -> tuple[int, ...]:
    """The profile in which the others hold player ``j`` to her pure minmax value and ``j`` best-responds.

    Examples
    --------
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> pure_minmax_profile(pd, 0)
    (1, 1)
    """
    if not stage.is_numeric:
        raise SymbolicError("sustainability: the pure minmax profile of a symbolic stage game is not decided; "
                            "give minmax={player: profile}")
    others = [range(m) for i, m in enumerate(stage.shape) if i != j]
    best: tuple[Any, tuple[int, ...]] | None = None
    for rest in itertools.product(*others):
        def full(s: int, rest: tuple[int, ...] = rest) -> tuple[int, ...]:
            r = list(rest)
            r.insert(j, s)
            return tuple(r)
        reply = max(range(stage.shape[j]), key=lambda s: _u(stage, j, full(s)))
        value = _u(stage, j, full(reply))
        if best is None or value < best[0]:
            best = (value, full(reply))
    assert best is not None
    return best[1]


def _threat(repeated: RepeatedGame, nash: Any) -> tuple[int, ...]:
    stage = repeated.stage
    if nash is not None:
        return _profile(stage, nash, "nash")
    if repeated.threat is not None:
        return _profile(stage, repeated.threat, "the game's threat")
    if not stage.is_numeric:
        raise GameError("sustainability: the stage game is symbolic; give nash=(...), the stage Nash "
                        "equilibrium a deviation reverts to")
    found = pure_nash_equilibria(stage)
    if not found:
        raise GameError("sustainability: the stage game has no pure Nash equilibrium to revert to; give nash=(...)")
    # the harshest pure stage equilibrium: the least total payoff
    return min((tuple(int(e.profile[i].index(1)) for i in range(stage.n_players)) for e in found),
               key=lambda x: sum(_u(stage, i, x) for i in range(stage.n_players)))


def sustainability(repeated: RepeatedGame, profile: Sequence[Any] | None = None, *, punishment: str = "grim",
                   k: int | None = None, nash: Sequence[Any] | None = None,
                   minmax: dict[str, Sequence[Any]] | None = None) -> Sustainability:
    r"""The exact condition under which repeating ``profile`` is a subgame-perfect equilibrium.

    Parameters
    ----------
    repeated : RepeatedGame
    profile : sequence, optional
        One strategy (name or index) per player; defaults to ``repeated.path``.
    punishment : {"grim", "minmax", "k-period"}
        See the module docstring.
    k : int
        The punishment length of ``"k-period"`` (1 to 50).
    nash : sequence, optional
        The stage Nash equilibrium of ``"grim"`` and ``"k-period"``; defaults to
        ``repeated.threat``, else (numeric stage) the pure stage equilibrium with
        the least total payoff.  Its stage-equilibrium condition is part of the result.
    minmax : mapping, optional
        Player -> the punishment profile of ``"minmax"`` (required for symbolic stage games).

    Returns
    -------
    Sustainability
        The condition, each one-shot-deviation constraint and, where every
        constraint is a lower bound, the threshold discount factor.

    Raises
    ------
    GameError
        For an unknown punishment, a bad ``k`` or profile.

    Examples
    --------
    >>> import sympy
    >>> from games import Game, RepeatedGame
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> sustainability(RepeatedGame(pd), ("C", "C")).threshold
    1/2
    >>> sustainability(RepeatedGame(pd), ("C", "C"), punishment="k-period", k=1).threshold
    1
    """
    if not isinstance(repeated, RepeatedGame):
        raise GameError(f"sustainability: expected a RepeatedGame, got {type(repeated).__name__}")
    if punishment not in PUNISHMENTS:
        raise GameError(f"sustainability: punishment={punishment!r} not allowed (allowed: {', '.join(PUNISHMENTS)})")
    if punishment == "k-period":
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_PUNISHMENT_PERIODS:
            raise GameError(f"sustainability: k={k!r} must be a whole number of periods from 1 to "
                            f"{MAX_PUNISHMENT_PERIODS} for punishment='k-period'")
    elif k is not None:
        raise GameError(f"sustainability: k is for punishment='k-period' only (got punishment={punishment!r})")
    stage, d = repeated.stage, repeated.discount
    a = _profile(stage, profile if profile is not None else repeated.path, "profile")
    n_pl = stage.n_players
    # states: name -> (prescribed profile, next state); start[j] = the state a deviation by j leads to
    states: dict[str, tuple[tuple[int, ...], str]] = {"path": (a, "path")}
    value: dict[str, list[sympy.Expr]] = {"path": [_u(stage, j, a) for j in range(n_pl)]}
    punish: dict[str, tuple[str, ...]] = {}
    if punishment in ("grim", "k-period"):
        n = _threat(repeated, nash)
        punish = {p: _names(stage, n) for p in stage.players}
        if punishment == "grim":
            states["threat"] = (n, "threat")
            value["threat"] = [_u(stage, j, n) for j in range(n_pl)]
            start = ["threat"] * n_pl
        else:
            assert k is not None
            for r in range(k, 0, -1):  # r periods of punishment left
                states[f"punish, {r} left"] = (n, f"punish, {r - 1} left" if r > 1 else "path")
                value[f"punish, {r} left"] = [(1 - d**r) * _u(stage, j, n) + d**r * _u(stage, j, a)
                                              for j in range(n_pl)]
            start = [f"punish, {k} left"] * n_pl
    else:
        start = []
        for j, player in enumerate(stage.players):
            m = _profile(stage, minmax[player], f"minmax[{player!r}]") if minmax and player in minmax else (
                pure_minmax_profile(stage, j))
            punish[player] = _names(stage, m)
            states[f"minmax {player}"] = (m, f"minmax {player}")
            value[f"minmax {player}"] = [_u(stage, i, m) for i in range(n_pl)]
            start.append(f"minmax {player}")
    constraints = []
    for state, (x, nxt) in states.items():
        for j in range(n_pl):
            for s in range(stage.shape[j]):
                if s == x[j]:
                    continue
                dev = x[:j] + (s,) + x[j + 1:]
                f = sympy.expand((1 - d) * (_u(stage, j, x) - _u(stage, j, dev))
                                 + d * (value[nxt][j] - value[start[j]][j]))
                if f.has(d) and sympy.expand(f.subs(d, 1)) == 0:  # divide out the positive factor 1 - delta
                    f = sympy.expand(sympy.cancel(f / (1 - d)))
                constraints.append(_constraint(state, stage.players[j], stage.strategies[j][s], f, d))
    relations = list(dict.fromkeys(c.relation for c in constraints))
    condition = sympy.And(*relations)
    threshold, valid = _threshold(constraints, condition, d)
    return Sustainability(repeated.name, _names(stage, a), punishment, k, punish, d, condition,
                          threshold, tuple(constraints), valid)


def _constraint(state: str, player: str, deviation: str, f: sympy.Expr, d: sympy.Expr) -> IncentiveConstraint:
    if not f.free_symbols:
        rel: Any = sympy.true if f >= 0 else sympy.false
        return IncentiveConstraint(state, player, deviation, rel)
    rel = relation(f, ">=")
    if not isinstance(d, sympy.Symbol) or not f.has(d):
        return IncentiveConstraint(state, player, deviation, rel)
    poly = sympy.Poly(f, d)
    if poly.degree() != 1:
        return IncentiveConstraint(state, player, deviation, rel)
    c1, c0 = poly.all_coeffs()
    sign = sign_of(c1)
    if sign is None:  # a coefficient that can only vanish at the boundary of the parameters' ranges
        sign = sign_of(c1, weak=True)
    if sign == 0:
        return IncentiveConstraint(state, player, deviation, rel)
    bound = sympy.cancel(-c0 / c1)
    if sign is None:  # the bound is a lower bound where the coefficient is positive
        return IncentiveConstraint(state, player, deviation, rel, bound, None, relation(c1, ">"))
    return IncentiveConstraint(state, player, deviation, rel, bound, ">=" if sign > 0 else "<=")


def _threshold(constraints: list[IncentiveConstraint], condition: Any,
               d: sympy.Expr) -> tuple[sympy.Expr | None, Any]:
    """The least discount factor and the condition (on the other parameters) under which it is the threshold."""
    if condition is sympy.false or not isinstance(d, sympy.Symbol):
        return None, sympy.true
    if condition.free_symbols <= {d}:
        # numeric otherwise: the set of positive discount factors where it holds
        if condition is sympy.true:
            return sympy.Integer(0), sympy.true
        sol = sympy.solvers.inequalities.reduce_rational_inequalities(
            [list(sympy.And.make_args(condition))], d, relational=False)
        sol = sol.intersect(sympy.Interval.open(0, sympy.oo))
        if isinstance(sol, sympy.Interval) and sol.sup == sympy.oo:
            return sol.inf, sympy.true
        return None, sympy.true
    bounds = []
    valid = []
    for c in constraints:
        if c.relation is sympy.true or not c.relation.has(d):  # conditions on the other parameters only
            continue
        if c.bound is None or c.direction == "<=":
            return None, sympy.true
        bounds.append(c.bound)
        if c.direction is None:
            valid.append(c.valid_if)
    distinct = list(dict.fromkeys(bounds))
    if not distinct:
        return None, sympy.true
    return (distinct[0] if len(distinct) == 1 else sympy.Max(*distinct)), sympy.And(*dict.fromkeys(valid))
