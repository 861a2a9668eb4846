r"""Game trees with symbolic payoffs: :class:`ExtensiveGame` and its nodes.

A tree is built from three frozen node types: :class:`Decision` (a player
chooses an action), :class:`Chance` (nature draws an outcome with a given
probability) and :class:`Outcome` (the payoffs, one per player).  Payoffs and
chance probabilities are sympy expressions, so a tree may depend on the
registry's parameters; :meth:`ExtensiveGame.subs` puts numbers in.

Decision nodes sharing an ``infoset`` label form one information set: the
player cannot tell them apart, so they must belong to the same player and offer
the same actions.  A decision node without a label is an information set of its
own, labelled ``"<player>@<path>"`` (``"Entrant@In"``, ``"Leader@root"``), where
the path is the sequence of actions from the root joined by ``/``.

Design decisions
----------------
* The game is checked on construction: a ragged tree (an outcome with the wrong
  number of payoffs), an unknown player, an information set whose nodes have
  different players or actions, chance probabilities outside [0, 1] or not
  summing to 1, and imperfect recall are each a :class:`~games.errors.GameError`
  naming the node by its path.
* :meth:`ExtensiveGame.to_normal_form` gives the *reduced* strategic form: a
  strategy says what the player does at each of her information sets that her
  own earlier choices do not rule out, so the centipede game's first mover has
  ``Take``, ``Pass, Take`` and ``Pass, Pass``, not four strategies.
* ``to_efg`` / ``from_efg`` (Gambit's .efg format, :mod:`games._efg`) and the
  TikZ drawing (:mod:`games._tree_tikz`) live in their own modules.

References
----------
.. [1] H. W. Kuhn, "Extensive games and the problem of information", in
   Contributions to the Theory of Games II, Princeton University Press (1953)
   193-216 (information sets, perfect recall, behaviour strategies).
.. [2] M. J. Osborne and A. Rubinstein, A Course in Game Theory, MIT Press
   (1994), chapters 6 and 11 (extensive games, reduced strategic form).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from games import _efg, _tree_tikz
from games._arrays import _subs_map
from games._exact import to_exact
from games._nodes import (
    MAX_DEPTH,
    MAX_NODES,
    Chance,
    Decision,
    Infoset,
    Node,
    Outcome,
    as_node,
    auto_label,
    check_tree,
    children,
)
from games.core import MAX_PROFILES, Game
from games.errors import GameError, SizeLimitError

__all__ = ["ExtensiveGame", "Decision", "Chance", "Outcome", "Infoset", "Node", "children", "auto_label",
           "MAX_NODES", "MAX_DEPTH"]

Path = tuple[str, ...]


@dataclass(frozen=True)
class ExtensiveGame:
    r"""A finite game tree with symbolic payoffs and chance probabilities.

    Parameters
    ----------
    players : sequence of str
        Player names; every outcome has one payoff per player, in this order.
    root : Decision, Chance or Outcome
        The tree.
    name : str, optional

    Raises
    ------
    GameError
        For a ragged tree, an unknown player, an inconsistent information set
        (different players or actions), imperfect recall, bad probabilities.
    SizeLimitError
        Above :data:`MAX_NODES` nodes or :data:`MAX_DEPTH` levels.

    Examples
    --------
    Entry deterrence: an entrant stays out (0, 2) or enters; the incumbent then
    fights (-1, -1) or accommodates (1, 1).

    >>> g = ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
    ...     "Out": Outcome((0, 2)),
    ...     "In": Decision("Incumbent", {"Fight": Outcome((-1, -1)), "Accommodate": Outcome((1, 1))})}))
    >>> [i.label for i in g.infosets]
    ['Entrant@root', 'Incumbent@In']
    >>> nf = g.to_normal_form()
    >>> nf.strategies
    (('Out', 'In'), ('Fight', 'Accommodate'))
    >>> nf.payoffs[0].tolist()
    [[0, 0], [-1, 1]]
    """

    players: tuple[str, ...]
    root: Node
    name: str = field(default="", kw_only=True)
    _infosets: tuple[Infoset, ...] = field(default=(), init=False, repr=False, compare=False, hash=False)
    _free: frozenset[sympy.Symbol] = field(default=frozenset(), init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if isinstance(self.players, str) or not isinstance(self.players, Sequence):
            raise GameError(f"ExtensiveGame: players must be a sequence of names, got {self.players!r}")
        players = tuple(self.players)
        if not players or any(not isinstance(p, str) or not p.strip() for p in players):
            raise GameError(f"ExtensiveGame: players {players!r} must be non-empty strings (at least one)")
        if len(set(players)) != len(players):
            raise GameError(f"ExtensiveGame: duplicate player names {players!r}")
        object.__setattr__(self, "players", players)
        as_node(self.root, "ExtensiveGame root")
        if self.name is None:
            object.__setattr__(self, "name", "")
        if not isinstance(self.name, str):
            raise GameError(f"ExtensiveGame: name must be a string, got {type(self.name).__name__}")
        infosets, free = check_tree(players, self.root)
        object.__setattr__(self, "_infosets", infosets)
        object.__setattr__(self, "_free", frozenset(free))

    # -- structure ----------------------------------------------------------
    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def infosets(self) -> tuple[Infoset, ...]:
        """Every information set, in the order of the tree (depth first)."""
        return self._infosets

    def infoset(self, label: str) -> Infoset:
        """The information set labelled ``label``."""
        for h in self._infosets:
            if h.label == label:
                return h
        raise GameError(f"ExtensiveGame.infoset: no information set {label!r} "
                        f"(allowed: {', '.join(h.label for h in self._infosets)})")

    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        """The symbols (parameters) the payoffs and probabilities depend on."""
        return self._free

    @property
    def is_numeric(self) -> bool:
        """True when no payoff or probability has a free symbol."""
        return not self._free

    def nodes(self) -> Iterator[tuple[Path, Node]]:
        """Every ``(path, node)`` depth first, the root first (path ``()``)."""
        stack: list[tuple[Path, Node]] = [((), self.root)]
        while stack:
            path, node = stack.pop()
            yield path, node
            stack.extend((path + (a,), sub) for a, sub in reversed(children(node)))

    def node(self, path: Sequence[str]) -> Node:
        """The node reached by the actions ``path`` from the root."""
        node = self.root
        for k, a in enumerate(path):
            kids = dict(children(node))
            if a not in kids:
                raise GameError(f"ExtensiveGame.node: no branch {a!r} after {list(path[:k])} "
                                f"(allowed: {', '.join(kids) or 'none, an outcome'})")
            node = kids[a]
        return node

    def label_of(self, path: Path, node: Decision) -> str:
        """The information-set label of the decision node at ``path``."""
        return node.infoset if node.infoset is not None else auto_label(node.player, path)

    def labelled(self, path: Sequence[str] = ()) -> ExtensiveGame:
        """The subgame at ``path`` with every information-set label written out (labels are kept).

        Raises
        ------
        GameError
            When ``path`` does not start a subgame (an information set crosses its boundary).
        """
        path = tuple(path)

        def rebuild(p: Path, node: Node) -> Node:
            if isinstance(node, Decision):
                return Decision(node.player, {a: rebuild(p + (a,), s) for a, s in node.actions},
                                infoset=self.label_of(p, node))
            if isinstance(node, Chance):
                return Chance({lab: (q, rebuild(p + (lab,), s)) for lab, q, s in node.outcomes})
            return node

        sub = rebuild(path, self.node(path))
        for h in self._infosets:
            inside = [q[:len(path)] == path for q in h.paths]
            if any(inside) and not all(inside):
                raise GameError(f"ExtensiveGame.labelled: {list(path)} does not start a subgame "
                                f"(information set {h.label!r} has nodes outside it)")
        return ExtensiveGame(self.players, sub, name=self.name)

    # -- transformations ----------------------------------------------------
    def subs(self, mapping: Any) -> ExtensiveGame:
        """A new game with parameters replaced (Symbols, names or a ParameterSet, as :meth:`Game.subs`).

        Examples
        --------
        >>> x = sympy.Symbol("x")
        >>> g = ExtensiveGame(("A",), Decision("A", {"l": Outcome((x,)), "r": Outcome((1,))}))
        >>> g.subs({"x": 2}).is_numeric
        True
        """
        sub = _subs_map(self._free, mapping, owner="ExtensiveGame")
        if not sub:
            return self

        def rebuild(node: Node) -> Node:
            if isinstance(node, Decision):
                return Decision(node.player, {a: rebuild(s) for a, s in node.actions}, infoset=node.infoset)
            if isinstance(node, Chance):
                return Chance({lab: (q.xreplace(sub), rebuild(s)) for lab, q, s in node.outcomes})
            return Outcome(tuple(v.xreplace(sub) for v in node.payoffs))

        return ExtensiveGame(self.players, rebuild(self.root), name=self.name)

    # -- the reduced strategic form -------------------------------------------
    def reduced_strategies(self) -> tuple[tuple[tuple[tuple[str, str], ...], ...], ...]:
        """Each player's reduced pure strategies, as ``((infoset label, action), ...)`` in tree order.

        Examples
        --------
        >>> g = ExtensiveGame(("A",), Decision("A", {"l": Outcome((0,)),
        ...     "r": Decision("A", {"x": Outcome((1,)), "y": Outcome((2,))})}))
        >>> g.reduced_strategies()[0]
        ((('A@root', 'l'),), (('A@root', 'r'), ('A@r', 'x')), (('A@root', 'r'), ('A@r', 'y')))
        """
        order = {h.label: k for k, h in enumerate(self._infosets)}
        out = []
        for player in self.players:
            found = self._plans(player, (), self.root)
            out.append(tuple(tuple(sorted(plan.items(), key=lambda kv: order[kv[0]])) for plan in found))
        return tuple(out)

    def _plans(self, player: str, path: Path, node: Node) -> list[dict[str, str]]:
        if isinstance(node, Outcome):
            return [{}]
        if isinstance(node, Decision) and node.player == player:
            label = self.label_of(path, node)
            plans: list[dict[str, str]] = []
            for a, sub in node.actions:
                plans.extend({label: a, **rest} for rest in self._plans(player, path + (a,), sub))
            return plans
        combined: list[dict[str, str]] = [{}]
        for a, sub in children(node):
            nxt = []
            for left, right in itertools.product(combined, self._plans(player, path + (a,), sub)):
                if all(left.get(k, v) == v for k, v in right.items()):
                    merged = {**left, **right}
                    if merged not in nxt:
                        nxt.append(merged)
            combined = nxt
            if len(combined) > MAX_PROFILES:
                raise SizeLimitError(f"ExtensiveGame.to_normal_form: {player!r} has more than {MAX_PROFILES} "
                                     "reduced strategies")
        return combined

    def expected_payoffs(self, behaviour: Mapping[str, Mapping[str, Any]]) -> tuple[sympy.Expr, ...]:
        """Each player's expected payoff under a behaviour profile ``{infoset: {action: probability}}``.

        Actions missing from an information set's mapping have probability 0.
        """
        def value(path: Path, node: Node) -> list[sympy.Expr]:
            if isinstance(node, Outcome):
                return list(node.payoffs)
            if isinstance(node, Chance):
                branches = [(q, value(path + (lab,), s)) for lab, q, s in node.outcomes]
            else:
                probs = behaviour.get(self.label_of(path, node))
                if probs is None:
                    raise GameError(f"expected_payoffs: no behaviour at information set {self.label_of(path, node)!r}")
                at = self.label_of(path, node)
                branches = [(to_exact(probs[a], f"expected_payoffs: probability of {a!r} at {at!r}", error=GameError),
                             value(path + (a,), s)) for a, s in node.actions if a in probs and probs[a] != 0]
            total = [sympy.Integer(0)] * self.n_players
            for q, vals in branches:
                total = [t + q * v for t, v in zip(total, vals)]
            return total

        return tuple(sympy.expand(v) if v.free_symbols else v for v in value((), self.root))

    def to_normal_form(self) -> Game:
        """The reduced strategic form as a :class:`~games.core.Game`.

        A strategy's name lists its actions at the player's information sets in
        tree order (``"Pass, Take"``); when two names would coincide, each action
        is prefixed by its information set (``"A@root: r; A@r: x"``).
        """
        plans = self.reduced_strategies()
        shape = tuple(len(p) for p in plans)
        if math.prod(shape) > MAX_PROFILES:
            raise SizeLimitError(f"ExtensiveGame.to_normal_form: {math.prod(shape)} profiles "
                                 f"(allowed: at most {MAX_PROFILES})")
        arrays = [np.empty(shape, dtype=object) for _ in self.players]
        for idx in itertools.product(*(range(m) for m in shape)):
            behaviour = {h: {a: 1} for k, i in enumerate(idx) for h, a in plans[k][i]}
            pays = self._pure_payoffs(behaviour)
            for k in range(self.n_players):
                arrays[k][idx] = pays[k]
        return Game.from_payoff_arrays(arrays, players=self.players,
                                       strategies=[_strategy_names(p) for p in plans],
                                       name=self.name or "Extensive game")

    def _pure_payoffs(self, behaviour: Mapping[str, Mapping[str, Any]]) -> tuple[sympy.Expr, ...]:
        def value(path: Path, node: Node) -> tuple[sympy.Expr, ...]:
            if isinstance(node, Outcome):
                return node.payoffs
            if isinstance(node, Decision):
                a = next(iter(behaviour[self.label_of(path, node)]))
                return value(path + (a,), dict(node.actions)[a])
            parts = [tuple(q * v for v in value(path + (lab,), s)) for lab, q, s in node.outcomes]
            return tuple(sympy.Add(*col) for col in zip(*parts))

        return value((), self.root)

    # -- output ----------------------------------------------------------------
    def to_efg(self) -> str:
        """Gambit's extensive-form (.efg) text of the numeric game, payoffs written exactly."""
        return _efg.write(self)

    @classmethod
    def from_efg(cls, text: str) -> ExtensiveGame:
        """Read Gambit's .efg text (numbers exact; nothing in it is evaluated).

        Raises
        ------
        GameError
            For text that is not a valid .efg game, with the line at fault.
        """
        players, root, name = _efg.read(text, Decision=Decision, Chance=Chance, Outcome=Outcome)
        return cls(players, root, name=name)

    def latex(self, *, symbol_names: Mapping[sympy.Symbol, str] | None = None,
              highlight: Sequence[Path] = ()) -> str:
        r"""The tree as a ``tikzpicture`` (``\usepackage{tikz}``; the layout is computed, no other package).

        ``highlight`` lists paths whose last edge is drawn thick (an equilibrium's choices).
        """
        return _tree_tikz.tikz_tree(self, symbol_names=symbol_names, highlight=highlight)

    def _repr_latex_(self) -> str:
        return self.latex()


def _strategy_names(plans: tuple[tuple[tuple[str, str], ...], ...]) -> tuple[str, ...]:
    names = tuple(", ".join(a for _, a in plan) for plan in plans)
    if len(set(names)) == len(names) and all(names):
        return names
    return tuple("; ".join(f"{h}: {a}" for h, a in plan) or "(none)" for plan in plans)
