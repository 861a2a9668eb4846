r"""The nodes of a game tree (:class:`Decision`, :class:`Chance`, :class:`Outcome`) and the tree's checks.

Frozen values; payoffs and probabilities are exact sympy expressions.
:func:`check_tree` walks a tree once (iteratively) and returns its information
sets and free symbols, or raises the first :class:`~games.errors.GameError`
found.  :class:`games.extensive.ExtensiveGame` is built on them; its module
re-exports them (``games.Decision`` ...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sympy

from games._exact import to_exact
from games.errors import GameError, SizeLimitError

__all__ = ["Decision", "Chance", "Outcome", "Infoset", "Node", "children", "auto_label", "check_tree", "as_node",
           "MAX_NODES", "MAX_DEPTH"]

#: A tree may have at most this many nodes.
MAX_NODES = 20_000

#: ... and at most this depth (actions from the root to an outcome).
MAX_DEPTH = 200

Path = tuple[str, ...]


def _action_name(a: Any, where: str) -> str:
    if not isinstance(a, str) or not a.strip():
        raise GameError(f"{where}: action {a!r} must be a non-empty string")
    return a


@dataclass(frozen=True)
class Outcome:
    """A leaf: the payoff of each player, in the order of the game's players.

    Examples
    --------
    >>> Outcome((1, 0.5)).payoffs
    (1, 1/2)
    """

    payoffs: tuple[sympy.Expr, ...]

    def __post_init__(self) -> None:
        if isinstance(self.payoffs, (str, bytes)) or not isinstance(self.payoffs, Sequence):
            raise GameError(f"Outcome: payoffs must be a sequence of numbers or expressions, got {self.payoffs!r}")
        pays = tuple(to_exact(v, f"Outcome payoff {i + 1}", error=GameError) for i, v in enumerate(self.payoffs))
        for v in pays:
            if v.has(sympy.I) or v.is_real is False:
                raise GameError(f"Outcome: payoff {v} is not a real number (payoffs are real)")
        object.__setattr__(self, "payoffs", pays)


@dataclass(frozen=True)
class Decision:
    """A decision node: ``player`` chooses one of ``actions`` (``{action: subtree}``, in order).

    ``infoset`` names the information set; nodes with the same label form one.

    Examples
    --------
    >>> d = Decision("Entrant", {"In": Outcome((1, 1)), "Out": Outcome((0, 2))})
    >>> d.labels
    ('In', 'Out')
    """

    player: str
    actions: tuple[tuple[str, Node], ...]
    infoset: str | None = None

    if TYPE_CHECKING:
        def __init__(self, player: str, actions: Mapping[str, Node] | tuple[tuple[str, Node], ...],
                     infoset: str | None = None) -> None: ...

    def __post_init__(self) -> None:
        if not isinstance(self.player, str) or not self.player:
            raise GameError(f"Decision: player {self.player!r} must be a player's name")
        items = tuple(self.actions.items()) if isinstance(self.actions, Mapping) else tuple(self.actions)
        if not items:
            raise GameError(f"Decision of {self.player!r}: no actions (at least one is required)")
        checked = []
        for item in items:
            if not (isinstance(item, tuple) and len(item) == 2):
                raise GameError(f"Decision of {self.player!r}: give actions as {{action: subtree}}")
            a, sub = item
            checked.append((_action_name(a, f"Decision of {self.player!r}"), as_node(sub, f"action {a!r}")))
        labels = [a for a, _ in checked]
        if len(set(labels)) != len(labels):
            raise GameError(f"Decision of {self.player!r}: duplicate action names {labels}")
        if self.infoset is not None and (not isinstance(self.infoset, str) or not self.infoset):
            raise GameError(f"Decision of {self.player!r}: infoset {self.infoset!r} must be a non-empty string")
        object.__setattr__(self, "actions", tuple(checked))

    @property
    def labels(self) -> tuple[str, ...]:
        """The action names, in order."""
        return tuple(a for a, _ in self.actions)


@dataclass(frozen=True)
class Chance:
    """A chance node: ``{outcome: (probability, subtree)}``; the probabilities sum to 1.

    Examples
    --------
    >>> Chance({"H": (0.5, Outcome((1,))), "T": (0.5, Outcome((0,)))}).probabilities
    (1/2, 1/2)
    """

    outcomes: tuple[tuple[str, sympy.Expr, Node], ...]

    def __post_init__(self) -> None:
        raw: Any = self.outcomes
        if isinstance(raw, tuple) and all(isinstance(t, tuple) and len(t) == 3 for t in raw):
            raw = {label: (p, sub) for label, p, sub in raw}  # the stored form (copies, replace)
        items = raw.items() if isinstance(raw, Mapping) else None
        if items is None:
            raise GameError("Chance: give the outcomes as {label: (probability, subtree)}")
        checked = []
        for label, pair in items:
            _action_name(label, "Chance")
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise GameError(f"Chance outcome {label!r}: give (probability, subtree), got {pair!r}")
            p = to_exact(pair[0], f"Chance outcome {label!r}: probability", error=GameError)
            if p.is_number and not (0 <= p <= 1):
                raise GameError(f"Chance outcome {label!r}: probability {p} is outside [0, 1]")
            checked.append((label, p, as_node(pair[1], f"chance outcome {label!r}")))
        if not checked:
            raise GameError("Chance: no outcomes (at least one is required)")
        total = sympy.expand(sympy.Add(*[p for _, p, _ in checked]))
        if total != 1:
            raise GameError(f"Chance: the probabilities {[p for _, p, _ in checked]} sum to {total}, not 1")
        object.__setattr__(self, "outcomes", tuple(checked))

    if TYPE_CHECKING:
        def __init__(self, outcomes: Mapping[str, tuple[Any, Node]] | tuple[tuple[str, sympy.Expr, Node], ...]
                     ) -> None: ...

    @property
    def labels(self) -> tuple[str, ...]:
        """The outcome names, in order."""
        return tuple(label for label, _, _ in self.outcomes)

    @property
    def probabilities(self) -> tuple[sympy.Expr, ...]:
        """The probabilities, in order."""
        return tuple(p for _, p, _ in self.outcomes)


Node = Decision | Chance | Outcome


def as_node(x: Any, where: str) -> Node:
    if not isinstance(x, (Decision, Chance, Outcome)):
        raise GameError(f"{where}: expected a Decision, Chance or Outcome node, got {type(x).__name__} {x!r}")
    return x


def children(node: Node) -> tuple[tuple[str, Node], ...]:
    """``(branch label, subtree)`` pairs of a node (none for an outcome)."""
    if isinstance(node, Decision):
        return node.actions
    if isinstance(node, Chance):
        return tuple((label, sub) for label, _, sub in node.outcomes)
    return ()


@dataclass(frozen=True)
class Infoset:
    """One information set: its label, player, actions and the paths of its nodes."""

    label: str
    player: str
    actions: tuple[str, ...]
    paths: tuple[Path, ...]


def auto_label(player: str, path: Path) -> str:
    """The label of an unlabelled decision node: ``"<player>@<a1>/<a2>..."`` (``@root`` at the root)."""
    return f"{player}@{'/'.join(path) if path else 'root'}"



def check_tree(players: tuple[str, ...], root: Node) -> tuple[tuple[Infoset, ...], set[sympy.Symbol]]:
    """The information sets of a tree and its free symbols, or the first error found."""
    n = len(players)
    free: set[sympy.Symbol] = set()
    found: dict[str, dict[str, Any]] = {}
    explicit: set[str] = set()
    automatic: set[str] = set()
    count = 0
    stack: list[tuple[Path, Node, tuple[tuple[str, str, str], ...]]] = [((), root, ())]
    while stack:
        path, node, history = stack.pop()
        count += 1
        where = f"node {'/'.join(path) or 'root'}"
        if count > MAX_NODES:
            raise SizeLimitError(f"ExtensiveGame: more than {MAX_NODES} nodes (allowed: at most {MAX_NODES})")
        if len(path) > MAX_DEPTH:
            raise SizeLimitError(f"ExtensiveGame: {where} is deeper than {MAX_DEPTH} levels")
        if isinstance(node, Outcome):
            if len(node.payoffs) != n:
                raise GameError(f"ExtensiveGame: ragged tree: the outcome at {where} has {len(node.payoffs)} "
                                f"payoffs for {n} players {players}")
            for v in node.payoffs:
                free |= v.free_symbols
            continue
        if isinstance(node, Chance):
            for lab, q, sub in reversed(node.outcomes):
                free |= q.free_symbols
                stack.append((path + (lab,), sub, history))
            continue
        if node.player not in players:
            raise GameError(f"ExtensiveGame: {where}: unknown player {node.player!r} (allowed: {', '.join(players)})")
        label = node.infoset if node.infoset is not None else auto_label(node.player, path)
        own = tuple((h, a) for h, a, p in history if p == node.player)
        (explicit if node.infoset is not None else automatic).add(label)
        info = found.get(label)
        if info is None:
            found[label] = {"player": node.player, "actions": node.labels, "paths": [path], "recall": own}
        else:
            if info["player"] != node.player:
                raise GameError(f"ExtensiveGame: information set {label!r} has nodes of different players "
                                f"({info['player']!r} at {'/'.join(info['paths'][0]) or 'root'}, "
                                f"{node.player!r} at {where})")
            if info["actions"] != node.labels:
                raise GameError(f"ExtensiveGame: information set {label!r} has nodes with different actions "
                                f"({list(info['actions'])} and {list(node.labels)} at {where})")
            if any(q == path[:len(q)] for q in info["paths"]):
                raise GameError(f"ExtensiveGame: information set {label!r} has two nodes on one path ({where})")
            if info["recall"] != own:
                raise GameError(f"ExtensiveGame: information set {label!r} violates perfect recall: "
                                f"{node.player!r} reaches its nodes after different own choices ({where})")
            info["paths"].append(path)
        for a, sub in reversed(node.actions):
            stack.append((path + (a,), sub, history + ((label, a, node.player),)))
    for lab in sorted(explicit & automatic):
        raise GameError(f"ExtensiveGame: information set label {lab!r} is also the automatic label "
                        "of an unlabelled node; choose another label")
    infosets = tuple(Infoset(lab, i["player"], i["actions"], tuple(i["paths"])) for lab, i in found.items())
    return infosets, free

