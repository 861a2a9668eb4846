r"""Every subgame-perfect equilibrium of a numeric game tree, exactly, each verified.

:func:`subgame_perfect_equilibria` runs backward induction over the proper
subgames (:mod:`solvers.sequential.induction`): ties at a decision node keep
every tied action, and a subgame with crossing information sets is solved
with :func:`solvers.nash_equilibria` (every extreme equilibrium of a
two-player subgame, mixed ones included; every pure and the enumerated mixed
ones with more players).  :func:`is_subgame_perfect` then checks each result:
in every subgame no player gains by switching to any of her reduced pure
strategies of that subgame.

At a tie the pure choices are returned; mixtures of tied actions are
equilibria too when they leave the earlier movers' choices unchanged, and are
not listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy

from games.core import Game
from games.errors import GameError, SymbolicError
from games.extensive import ExtensiveGame, Outcome
from solvers.equilibria.nash import nash_equilibria
from solvers.results.sequential import SubgamePerfectEquilibrium
from solvers.sequential.induction import Branch, induce, subgame_roots

__all__ = ["subgame_perfect_equilibria", "is_subgame_perfect", "play_distribution"]


def _numeric_region(nf: Game) -> list[tuple[Any, Any, Any]]:
    return [(e.profile, e.payoffs, sympy.true) for e in nash_equilibria(nf)]


def play_distribution(game: ExtensiveGame, behaviour: Mapping[str, Mapping[str, Any]]
                      ) -> tuple[tuple[tuple[str, ...], sympy.Expr], ...]:
    """The leaves reached with positive probability, ``((path, probability), ...)`` in tree order."""
    out: list[tuple[tuple[str, ...], sympy.Expr]] = []
    stack: list[tuple[tuple[str, ...], Any, sympy.Expr]] = [((), game.root, sympy.Integer(1))]
    while stack:
        path, node, q = stack.pop()
        if isinstance(node, Outcome):
            out.append((path, q))
            continue
        if type(node).__name__ == "Chance":
            branches = [(lab, p, sub) for lab, p, sub in node.outcomes]
        else:
            probs = behaviour[game.label_of(path, node)]
            branches = [(a, sympy.sympify(probs.get(a, 0)), sub) for a, sub in node.actions]
        for lab, p, sub in reversed(branches):
            if p != 0:
                stack.append((path + (lab,), sub, q * p))
    return tuple(out)


def is_subgame_perfect(game: ExtensiveGame, behaviour: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether a behaviour profile of a numeric tree leaves no profitable deviation in any subgame.

    Parameters
    ----------
    game : ExtensiveGame
        A numeric game.
    behaviour : mapping
        ``{information set: {action: probability}}`` for every information set.

    Examples
    --------
    >>> from games.extensive import Decision, ExtensiveGame, Outcome
    >>> g = ExtensiveGame(("A", "B"), Decision("A", {"l": Outcome((1, 0)),
    ...     "r": Decision("B", {"x": Outcome((2, 1)), "y": Outcome((0, 0))})}))
    >>> is_subgame_perfect(g, {"A@root": {"r": 1}, "B@r": {"x": 1}})
    True
    >>> is_subgame_perfect(g, {"A@root": {"l": 1}, "B@r": {"y": 1}})
    False
    """
    if not game.is_numeric:
        raise SymbolicError("is_subgame_perfect: the game has free symbols "
                            f"{', '.join(sorted(s.name for s in game.free_symbols))}; substitute values first")
    for path in sorted(subgame_roots(game), key=len):
        if isinstance(game.node(path), Outcome):
            continue
        sub = game.labelled(path)
        value = sub.expected_payoffs(behaviour)
        plans = sub.reduced_strategies()
        for k in range(sub.n_players):
            for plan in plans[k]:
                deviation = {**behaviour, **{h: {a: 1} for h, a in plan}}
                if sub.expected_payoffs(deviation)[k] > value[k]:
                    return False
    return True


def _result(game: ExtensiveGame, b: Branch) -> SubgamePerfectEquilibrium:
    order = {h.label: i for i, h in enumerate(game.infosets)}
    beh = tuple(sorted(b.behaviour, key=lambda kv: order[kv[0]]))
    mapping = {h: dict(p) for h, p in beh}
    return SubgamePerfectEquilibrium(beh, tuple(b.payoffs), play_distribution(game, mapping), game.players,
                                     game.name, tuple(sorted(set(b.unreached), key=lambda h: order[h])))


def subgame_perfect_equilibria(game: ExtensiveGame) -> list[SubgamePerfectEquilibrium]:
    r"""Every subgame-perfect equilibrium of a numeric game tree, exact and verified.

    Parameters
    ----------
    game : ExtensiveGame
        A tree without free symbols (use :func:`solvers.equilibrium_conditions`
        for symbolic ones).

    Returns
    -------
    list of SubgamePerfectEquilibrium
        In the order backward induction finds them (the first action first).

    Raises
    ------
    SymbolicError
        When the game has free symbols (named).
    GameError
        When a result fails verification (a bug; never expected).

    References
    ----------
    .. [1] R. Selten, "Reexamination of the perfectness concept for equilibrium
       points in extensive games", IJGT 4 (1975) 25-55.
    .. [2] Osborne and Rubinstein, A Course in Game Theory (1994), section 6.2
       (backward induction, Kuhn's theorem).

    Examples
    --------
    Entry deterrence: fighting costs the incumbent, so it accommodates and the
    entrant enters.

    >>> from games.extensive import Decision, ExtensiveGame, Outcome
    >>> g = ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
    ...     "Out": Outcome((0, 2)),
    ...     "In": Decision("Incumbent", {"Fight": Outcome((-1, -1)), "Accommodate": Outcome((1, 1))})}))
    >>> [e.path for e in subgame_perfect_equilibria(g)]
    [('In', 'Accommodate')]
    """
    if not isinstance(game, ExtensiveGame):
        raise GameError(f"subgame_perfect_equilibria: expected an ExtensiveGame, got {type(game).__name__}")
    if not game.is_numeric:
        raise SymbolicError("subgame_perfect_equilibria: the game has free symbols "
                            f"{', '.join(sorted(s.name for s in game.free_symbols))}; substitute values or use "
                            "equilibrium_conditions")
    out: list[SubgamePerfectEquilibrium] = []
    for b in induce(game, _numeric_region):
        if b.condition is not sympy.true:  # pragma: no cover - numbers decide every relation
            raise GameError(f"subgame_perfect_equilibria: undecided condition {b.condition}")
        res = _result(game, b)
        if not is_subgame_perfect(game, res.behaviour_map()):
            raise GameError(f"subgame_perfect_equilibria: {res.behaviour_map()} fails verification")
        if res not in out:
            out.append(res)
    return out
