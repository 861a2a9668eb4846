r"""Closed-form equilibrium conditions of game trees and repeated games.

:func:`tree_conditions` is what :func:`solvers.equilibrium_conditions` returns
for an :class:`~games.extensive.ExtensiveGame` or a
:class:`~games.repeated.RepeatedGame`:

* **Trees**: every subgame-perfect equilibrium with the condition on the
  parameters under which it is one.  Backward induction
  (:mod:`solvers.sequential.induction`) runs on expressions: at a decision node
  the player's action ``a`` needs :math:`u_a \ge u_b` for every other action
  ``b`` (a tie keeps both), and a subgame with crossing information sets is
  solved in closed form by :func:`solvers.equilibrium_conditions` on its
  reduced strategic form (continua of subgame equilibria are not listed).
  Each record is a :class:`~solvers.results.sequential.ConditionalSPE`.
* **Repeated games**: the model's path profile sustained by grim trigger
  (:func:`solvers.sustainability`) and the stage equilibrium it reverts to
  repeated forever, each a
  :class:`~solvers.results.conditions.ConditionalEquilibrium` of the stage
  game whose condition involves the discount factor, so
  :func:`solvers.break_even` finds the discount threshold.

References
----------
.. [1] Selten (1975); Fudenberg and Tirole, Game Theory (1991), chapters 3-5.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import sympy

from games.core import Game
from games.errors import GameError
from games.extensive import ExtensiveGame
from games.repeated import RepeatedGame
from solvers.results.conditions import ConditionalEquilibrium
from solvers.results.sequential import ConditionalSPE
from solvers.sequential.induction import induce
from solvers.sequential.subgame_perfect import play_distribution
from solvers.sequential.sustain import sustainability
from solvers.symbolic.relations import kind_bounds, reduce_by_kinds

__all__ = ["tree_conditions"]

Conditions = Callable[..., list[ConditionalEquilibrium]]


def _region(conditions: Conditions) -> Callable[[Game], list[tuple[Any, Any, Any]]]:
    def solve(nf: Game) -> list[tuple[Any, Any, Any]]:
        out = []
        for rec in conditions(nf, by_kinds=False):
            if rec.kind == "continuum":
                warnings.warn(f"equilibrium_conditions: a continuum of equilibria of the subgame {rec.label} "
                              "is not listed", RuntimeWarning, stacklevel=4)
                continue
            out.append((rec.profile, rec.payoffs, rec.condition))
        return out

    return solve


def _one_symbol(cond: Any) -> Any:
    """A conjunction with the relations on one parameter each solved: False when some parameter has no value.

    The relations that involve a single parameter are grouped by it and
    replaced by their solution set (an interval's relations); the others stay.
    """
    if not isinstance(cond, sympy.Basic) or cond in (sympy.true, sympy.false):
        return cond
    groups: dict[sympy.Symbol, list[Any]] = {}
    rest = []
    for atom in sympy.And.make_args(cond):
        free = atom.free_symbols
        if len(free) == 1 and isinstance(atom, sympy.core.relational.Relational):
            groups.setdefault(next(iter(free)), []).append(atom)
        else:
            rest.append(atom)
    out = list(rest)
    for s, atoms in groups.items():
        try:
            found = sympy.And(*atoms).as_set()
        except (NotImplementedError, TypeError, ValueError):  # pragma: no cover - sympy cannot solve it
            out.extend(atoms)
            continue
        if found.is_empty:
            return sympy.false
        out.append(found.as_relational(s) if isinstance(found, sympy.Interval) else sympy.And(*atoms))
    return sympy.And(*out)


def _tree(game: ExtensiveGame, conditions: Conditions, by_kinds: bool) -> list[ConditionalEquilibrium]:
    bounds = kind_bounds(game.free_symbols) if by_kinds else {}
    order = {h.label: i for i, h in enumerate(game.infosets)}
    merged: dict[tuple[Any, ...], ConditionalSPE] = {}
    for b in induce(game, _region(conditions)):
        cond = _one_symbol(reduce_by_kinds(b.condition, bounds) if bounds else b.condition)
        if cond is sympy.false:
            continue
        beh = sorted(b.behaviour, key=lambda kv: order[kv[0]])
        labels = tuple(h for h, _ in beh)
        strategies = tuple(tuple(a for a, _ in probs) for _, probs in beh)
        profile = tuple(tuple(p for _, p in probs) for _, probs in beh)
        supports = tuple(tuple(i for i, p in enumerate(vec) if p != 0) for vec in profile)
        pure = all(len(s) == 1 and vec[s[0]] == 1 for s, vec in zip(supports, profile))
        key = profile
        if key in merged:
            old = merged[key]
            cond = sympy.Or(old.condition, cond)
        play = play_distribution(game, {h: dict(p) for h, p in beh})
        merged[key] = ConditionalSPE(
            profile=profile, condition=cond, supports=supports, payoffs=tuple(b.payoffs),
            kind="pure" if pure else "mixed", parameter_condition=cond, players=labels, strategies=strategies,
            game_players=game.players, play=play)
    records = list(merged.values())
    return sorted(records, key=lambda r: r.kind != "pure")


def _repeated(game: RepeatedGame, by_kinds: bool) -> list[ConditionalEquilibrium]:
    stage = game.stage
    first = sustainability(game, game.path) if game.path is not None else None
    threat = first.punishments[stage.players[0]] if first is not None else game.threat
    profiles = [p for p in (game.path, threat) if p is not None]
    if not profiles:
        raise GameError("equilibrium_conditions: a RepeatedGame needs its path or threat profile "
                        "(RepeatedGame(stage, discount, path=..., threat=...))")
    bounds = kind_bounds(game.free_symbols) if by_kinds else {}
    out: list[ConditionalEquilibrium] = []
    for prof in dict.fromkeys(tuple(p) for p in profiles):
        res = sustainability(game, prof, nash=threat)
        idx = tuple(stage.strategies[i].index(s) for i, s in enumerate(prof))
        cond = reduce_by_kinds(res.condition, bounds) if bounds else res.condition
        if cond is sympy.false:
            continue
        vecs = tuple(tuple(sympy.Integer(1 if k == idx[i] else 0) for k in range(stage.shape[i]))
                     for i in range(stage.n_players))
        out.append(ConditionalEquilibrium(
            profile=vecs, condition=cond, supports=tuple((k,) for k in idx),
            payoffs=tuple(stage.payoffs[i][idx] for i in range(stage.n_players)), kind="pure",
            parameter_condition=cond, players=stage.players, strategies=stage.strategies))
    return out


def tree_conditions(game: ExtensiveGame | RepeatedGame, conditions: Conditions, *,
                    by_kinds: bool = True) -> list[ConditionalEquilibrium]:
    r"""Every subgame-perfect equilibrium of a symbolic tree (or repeated game) with its condition.

    Parameters
    ----------
    game : ExtensiveGame or RepeatedGame
    conditions : callable
        :func:`solvers.equilibrium_conditions` (passed in by it: this module
        sits below :mod:`solvers.conditions.derive`).
    by_kinds : bool
        Reduce the conditions under the registry's parameter ranges.

    Returns
    -------
    list of ConditionalEquilibrium
        :class:`~solvers.results.sequential.ConditionalSPE` records for trees,
        pure ones first.

    Examples
    --------
    Entry deterrence where fighting pays the incumbent :math:`f`: it
    accommodates iff :math:`1 \ge f`; otherwise it fights and the entrant
    (who loses 1 by a fought entry) stays out.

    >>> import sympy
    >>> from solvers import equilibrium_conditions
    >>> from games.extensive import Decision, ExtensiveGame, Outcome
    >>> f = sympy.Symbol("f", real=True)
    >>> g = ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
    ...     "Out": Outcome((0, 2)),
    ...     "In": Decision("Incumbent", {"Fight": Outcome((-1, f)), "Accommodate": Outcome((1, 1))})}))
    >>> [(r.label, r.condition) for r in equilibrium_conditions(g)]
    [('(Out, Fight)', 1 <= f), ('(In, Accommodate)', f <= 1)]
    """
    if isinstance(game, RepeatedGame):
        return _repeated(game, by_kinds)
    return _tree(game, conditions, by_kinds)
