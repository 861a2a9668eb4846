r"""Backward induction over a game tree's proper subgames, numeric or symbolic.

The engine both :func:`solvers.subgame_perfect_equilibria` (numbers) and
:func:`solvers.equilibrium_conditions` on trees (expressions) use.  Every
proper subgame is solved from the leaves up:

* at a decision node that is an information set of its own and whose every
  child starts a subgame, the player takes each action that is at least as
  good as every other one (``u_a >= u_b``): a tie keeps every tied action,
  each a separate equilibrium;
* at a chance node whose every child starts a subgame, the payoffs are the
  expectation over the children's equilibria (every combination);
* elsewhere the node starts a subgame whose information sets cross: it is
  cut at the subgames below it (each replaced by the payoffs of one of their
  equilibria), written in reduced strategic form and solved by ``region``
  (``nash_equilibria`` for numbers, the closed forms for expressions); each
  equilibrium's mixed strategies become behaviour strategies (Kuhn's theorem:
  the probability of an action is the weight of the plans that reach the
  information set and take it).

Each result is a :class:`Branch`: the behaviour at every information set, the
payoffs and the condition (``True`` for numbers).  With numbers a relation is
decided at once, so every branch that survives is an equilibrium.

References
----------
.. [1] R. Selten, "Reexamination of the perfectness concept for equilibrium
   points in extensive games", International Journal of Game Theory 4 (1975)
   25-55 (subgame perfection).
.. [2] H. W. Kuhn, "Extensive games and the problem of information" (1953)
   (behaviour strategies under perfect recall).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from games.core import Game
from games.errors import SizeLimitError
from games.extensive import Chance, Decision, ExtensiveGame, Node, Outcome, children
from solvers.symbolic.relations import relation

__all__ = ["Branch", "subgame_roots", "induce", "MAX_BRANCHES"]

#: At most this many partial equilibria are carried through one node.
MAX_BRANCHES = 10_000

Path = tuple[str, ...]

#: A region solver: a strategic-form game -> ``[(profile, payoffs, condition), ...]``.
RegionSolver = Callable[[Game], Sequence[tuple[Sequence[Sequence[Any]], Sequence[Any], Any]]]


@dataclass(frozen=True)
class Branch:
    """A partial equilibrium: behaviour ``{infoset: {action: probability}}`` (as tuples), payoffs, condition."""

    behaviour: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]
    payoffs: tuple[Any, ...]
    condition: Any
    unreached: tuple[str, ...] = ()


def _geq(x: Any, y: Any) -> Any:
    d = sympy.sympify(x - y)
    if not d.free_symbols:
        return sympy.true if d >= 0 else sympy.false
    return relation(sympy.expand(d), ">=")


def subgame_roots(game: ExtensiveGame) -> set[Path]:
    """The paths of every node that starts a proper subgame (the root included; leaves too)."""
    cut: set[Path] = set()
    for h in game.infosets:
        if len(h.paths) < 2:
            continue
        lcp = 0
        while all(len(p) > lcp for p in h.paths) and len({p[lcp] for p in h.paths}) == 1:
            lcp += 1
        for p in h.paths:
            for k in range(lcp + 1, len(p) + 1):
                cut.add(p[:k])
    return {path for path, _ in game.nodes() if path not in cut}


def _merge(parts: Sequence[Branch]) -> tuple[tuple[tuple[str, tuple[tuple[str, Any], ...]], ...], tuple[str, ...]]:
    beh: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
    unreached: list[str] = []
    for b in parts:
        beh.extend(b.behaviour)
        unreached.extend(b.unreached)
    return tuple(beh), tuple(unreached)


def _and(*conds: Any) -> Any:
    return sympy.And(*conds)


def induce(game: ExtensiveGame, region: RegionSolver) -> list[Branch]:
    """Every subgame-perfect equilibrium of ``game``, as branches (see the module docstring)."""
    roots = subgame_roots(game)
    players = game.players

    def solve(path: Path, node: Node) -> list[Branch]:
        if isinstance(node, Outcome):
            return [Branch((), node.payoffs, sympy.true)]
        kids = children(node)
        if all(path + (a,) in roots for a, _ in kids) and (
                isinstance(node, Chance) or len(game.infoset(game.label_of(path, node)).paths) == 1):
            solved = [solve(path + (a,), sub) for a, sub in kids]
            return _simple(path, node, solved)
        return _region(path, node)

    def _simple(path: Path, node: Node, solved: list[list[Branch]]) -> list[Branch]:
        out: list[Branch] = []
        combos = itertools.product(*solved)
        if isinstance(node, Chance):
            for combo in combos:
                pays = tuple(sympy.Add(*[q * b.payoffs[i] for q, b in zip(node.probabilities, combo)])
                             for i in range(len(players)))
                beh, unr = _merge(combo)
                out.append(Branch(beh, pays, _and(*[b.condition for b in combo]), unr))
                _limit(out)
            return out
        assert isinstance(node, Decision)
        label = game.label_of(path, node)
        me = players.index(node.player)
        for combo in combos:
            base = _and(*[b.condition for b in combo])
            if base is sympy.false:
                continue
            beh, unr = _merge(combo)
            for k, (a, _) in enumerate(node.actions):
                mine = combo[k].payoffs[me]
                cond = _and(base, *[_geq(mine, other.payoffs[me]) for j, other in enumerate(combo) if j != k])
                if cond is sympy.false:
                    continue
                probs = tuple((b, sympy.Integer(1 if b == a else 0)) for b in node.labels)
                out.append(Branch(((label, probs),) + beh, combo[k].payoffs, cond, unr))
                _limit(out)
        return out

    def _region(path: Path, node: Node) -> list[Branch]:
        frontier: list[Path] = []

        def scan(p: Path, n: Node) -> None:
            for a, sub in children(n):
                if p + (a,) in roots and not isinstance(sub, Outcome):
                    frontier.append(p + (a,))
                else:
                    scan(p + (a,), sub)

        scan(path, node)
        below = [solve(f, game.node(f)) for f in frontier]
        labelled = game.labelled(path).root
        out: list[Branch] = []
        for combo in itertools.product(*below):
            base = _and(*[b.condition for b in combo])
            if base is sympy.false:
                continue
            cut = {f[len(path):]: b.payoffs for f, b in zip(frontier, combo)}
            trunc = ExtensiveGame(players, _truncate((), labelled, cut), name=game.name)
            plans = trunc.reduced_strategies()
            nf = trunc.to_normal_form()
            beh_below, unr_below = _merge(combo)
            for profile, pays, cond in region(nf):
                full = _and(base, cond)
                if full is sympy.false:
                    continue
                beh, unr = _behaviour(trunc, plans, profile)
                out.append(Branch(beh + beh_below, tuple(pays), full, unr + unr_below))
                _limit(out)
        return out

    return solve((), game.root)


def _limit(out: list[Branch]) -> None:
    if len(out) > MAX_BRANCHES:
        raise SizeLimitError(f"subgame_perfect_equilibria: more than {MAX_BRANCHES} partial equilibria at one node "
                             "(allowed: at most that many)")


def _truncate(path: Path, node: Node, cut: dict[Path, tuple[Any, ...]]) -> Node:
    if path in cut:
        return Outcome(cut[path])
    if isinstance(node, Decision):
        return Decision(node.player, tuple((a, _truncate(path + (a,), s, cut)) for a, s in node.actions),
                        infoset=node.infoset)
    if isinstance(node, Chance):
        return Chance({lab: (q, _truncate(path + (lab,), s, cut)) for lab, q, s in node.outcomes})
    return node


def _behaviour(trunc: ExtensiveGame, plans: tuple[tuple[tuple[tuple[str, str], ...], ...], ...],
               profile: Sequence[Sequence[Any]]) -> tuple[tuple[tuple[str, tuple[tuple[str, Any], ...]], ...],
                                                        tuple[str, ...]]:
    """Behaviour strategies of a mixed profile over reduced plans (Kuhn): P(a | h) = w(h, a) / w(h)."""
    beh = []
    unreached = []
    for h in trunc.infosets:
        k = trunc.players.index(h.player)
        reach = sympy.Integer(0)
        take = {a: sympy.Integer(0) for a in h.actions}
        for plan, x in zip(plans[k], profile[k]):
            chosen = dict(plan).get(h.label)
            if chosen is not None:
                reach += x
                take[chosen] += x
        reach = sympy.simplify(reach) if sympy.sympify(reach).free_symbols else reach
        if reach == 0:
            unreached.append(h.label)
            probs = tuple((a, sympy.Integer(1 if i == 0 else 0)) for i, a in enumerate(h.actions))
        else:
            probs = tuple((a, sympy.simplify(take[a] / reach) if sympy.sympify(reach).free_symbols
                           else take[a] / reach) for a in h.actions)
        beh.append((h.label, probs))
    return tuple(beh), tuple(unreached)
