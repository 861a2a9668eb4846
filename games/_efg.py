"""Gambit's extensive-form (.efg, version 2) text: the writer and a reader that evaluates nothing.

The format (Gambit's documentation, "Game representation formats"): a header
``EFG 2 R "title" { "player" ... }``, a quoted description, then the nodes in
depth-first order, one a line:

* ``p "name" player infoset "infoset name" { "action" ... } outcome`` (a decision),
* ``c "name" infoset "infoset name" { "action" probability ... } outcome`` (chance),
* ``t "name" outcome "outcome name" { payoff, ... }`` (a leaf).

An outcome number other than 0 is followed, at its first appearance, by its
name and payoffs; outcomes at inner nodes add to the payoffs of every leaf
below.  Numbers are read exactly (:func:`games._numbers.parse_number`).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import sympy

from games._numbers import parse_number
from games.errors import GameError, SizeLimitError, SymbolicError

#: The reader refuses texts longer than this.
MAX_EFG_CHARS = 5_000_000

_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([{},])|([^\s{},"]+))', re.S)


def _q(s: str) -> str:
    # Gambit's reader unescapes \" only
    return '"' + s.replace('"', '\\"') + '"'


def _num(v: sympy.Expr, where: str) -> str:
    if not isinstance(v, sympy.Rational):
        raise GameError(f"ExtensiveGame.to_efg: {where} is {v}, not a rational number (Gambit needs exact numbers)")
    return str(int(v)) if isinstance(v, sympy.Integer) else f"{v.p}/{v.q}"


def write(game: Any) -> str:
    """The .efg text of a numeric :class:`~games.extensive.ExtensiveGame` (free symbols are an error)."""
    if game.free_symbols:
        raise SymbolicError(f"ExtensiveGame.to_efg: the game has free symbols "
                            f"{', '.join(sorted(s.name for s in game.free_symbols))}; substitute values first")
    numbers: dict[str, int] = {}
    counts: dict[str, int] = {}
    explicit = {h.label for h in game.infosets}
    lines = [f"EFG 2 R {_q(game.name)} {{ {' '.join(_q(p) for p in game.players)} }}", '""', ""]
    chance = 0
    outcome = 0
    for path, node in game.nodes():
        kind = type(node).__name__
        if kind == "Outcome":
            outcome += 1
            pays = ", ".join(_num(v, f"a payoff at {'/'.join(path) or 'root'}") for v in node.payoffs)
            lines.append(f't "" {outcome} "" {{ {pays} }}')
        elif kind == "Chance":
            chance += 1
            acts = " ".join(f"{_q(lab)} {_num(q, 'a probability')}" for lab, q, _ in node.outcomes)
            lines.append(f'c "" {chance} "" {{ {acts} }} 0')
        else:
            label = game.label_of(path, node)
            if label not in numbers:
                counts[node.player] = counts.get(node.player, 0) + 1
                numbers[label] = counts[node.player]
            shown = label if node.infoset is not None and label in explicit else ""
            player = game.players.index(node.player) + 1
            acts = " ".join(_q(a) for a in node.labels)
            lines.append(f'p "" {player} {numbers[label]} {_q(shown)} {{ {acts} }} 0')
    return "\n".join(lines) + "\n"


class _Tokens:
    def __init__(self, text: str) -> None:
        self.items: list[tuple[str, str, int]] = []  # (kind, value, line)
        pos, line = 0, 1
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None:
                if text[pos:].strip() == "":
                    break
                raise GameError(f"ExtensiveGame.from_efg: line {line}: cannot read {text[pos:pos + 20]!r}")
            start = m.start(1) if m.group(1) is not None else m.start(2) if m.group(2) is not None else m.start(3)
            line += text.count("\n", pos, start)
            if m.group(1) is not None:
                self.items.append(("str", m.group(1).replace('\\"', '"'), line))
            elif m.group(2) is not None:
                self.items.append(("sym", m.group(2), line))
            else:
                self.items.append(("word", m.group(3), line))
            line += text.count("\n", start, m.end())
            pos = m.end()
        self.i = 0

    def take(self, kind: str, what: str) -> str:
        if self.i >= len(self.items):
            raise GameError(f"ExtensiveGame.from_efg: the text ends where {what} is expected")
        k, v, line = self.items[self.i]
        if k != kind:
            raise GameError(f"ExtensiveGame.from_efg: line {line}: expected {what}, got {v!r}")
        self.i += 1
        return v

    def peek(self) -> str | None:
        return self.items[self.i][1] if self.i < len(self.items) else None

    def line(self) -> int:
        return self.items[min(self.i, len(self.items) - 1)][2] if self.items else 1

    def number(self, what: str) -> sympy.Rational:
        f: Fraction = parse_number(self.take("word", what), f"ExtensiveGame.from_efg: line {self.line()}: {what}",
                                   error=GameError)
        return sympy.Rational(f.numerator, f.denominator)

    def integer(self, what: str) -> int:
        v = self.take("word", what)
        if not v.isdigit() or len(v) > 9:
            raise GameError(f"ExtensiveGame.from_efg: line {self.line()}: {what} {v!r} must be a whole number")
        return int(v)

    def strings(self, what: str) -> list[str]:
        self.take("sym", "'{'")
        out = []
        while self.peek() != "}":
            out.append(self.take("str", what))
        self.take("sym", "'}'")
        return out


def read(text: str, *, Decision: Any, Chance: Any, Outcome: Any) -> tuple[tuple[str, ...], Any, str]:
    """(players, root, title) of a .efg text; the node classes are passed in (no import cycle)."""
    if not isinstance(text, str):
        raise GameError(f"ExtensiveGame.from_efg: expected the text of a .efg file, got {type(text).__name__}")
    if len(text) > MAX_EFG_CHARS:
        raise SizeLimitError(f"ExtensiveGame.from_efg: {len(text)} characters (allowed: at most {MAX_EFG_CHARS})")
    t = _Tokens(text)
    if t.take("word", "'EFG'") != "EFG" or t.take("word", "the version") != "2":
        raise GameError("ExtensiveGame.from_efg: the text must start with 'EFG 2 R' (Gambit's extensive format)")
    if t.take("word", "'R'") not in ("R", "D"):
        raise GameError("ExtensiveGame.from_efg: line 1: expected 'R' after 'EFG 2'")
    title = t.take("str", "the title")
    players = tuple(t.strings("a player's name"))
    if not players:
        raise GameError("ExtensiveGame.from_efg: line 1: no players")
    if t.peek() is not None and t.items[t.i][0] == "str":
        t.take("str", "the description")
    outcomes: dict[int, tuple[sympy.Expr, ...]] = {}
    infosets: dict[tuple[int, int], tuple[str, list[str]]] = {}
    members: dict[tuple[int, int], int] = {}

    def outcome_of(number: int) -> tuple[sympy.Expr, ...]:
        if number == 0:
            return (sympy.Integer(0),) * len(players)
        if number not in outcomes:
            t.take("str", "the outcome's name")
            t.take("sym", "'{'")
            pays = []
            while t.peek() != "}":
                pays.append(t.number("a payoff"))
                if t.peek() == ",":
                    t.take("sym", "','")
            t.take("sym", "'}'")
            if len(pays) != len(players):
                raise GameError(f"ExtensiveGame.from_efg: line {t.line()}: outcome {number} has {len(pays)} "
                                f"payoffs for {len(players)} players")
            outcomes[number] = tuple(pays)
        elif t.peek() is not None and t.items[t.i][0] == "str":  # a repeated outcome may restate itself
            t.take("str", "the outcome's name")
            if t.peek() == "{":
                while t.take("sym" if (t.peek() or "") in ("{", "}", ",") else "word", "a payoff") != "}":
                    pass
        return outcomes[number]

    def node(acc: tuple[sympy.Expr, ...], depth: int) -> Any:
        if depth > 200:
            raise SizeLimitError("ExtensiveGame.from_efg: the tree is deeper than 200 levels")
        kind = t.take("word", "a node ('p', 'c' or 't')")
        t.take("str", "the node's name")
        if kind == "t":
            pays = outcome_of(t.integer("the outcome number"))
            return ("t", tuple(a + b for a, b in zip(acc, pays)))
        if kind == "c":
            t.integer("the chance information set")
            t.take("str", "the information set's name")
            t.take("sym", "'{'")
            acts: list[str] = []
            probs: list[sympy.Expr] = []
            while t.peek() != "}":
                acts.append(t.take("str", "an action"))
                probs.append(t.number("a probability"))
            t.take("sym", "'}'")
            acc2 = tuple(a + b for a, b in zip(acc, outcome_of(t.integer("the outcome number"))))
            return ("c", [(a, q, node(acc2, depth + 1)) for a, q in zip(acts, probs)])
        if kind != "p":
            raise GameError(f"ExtensiveGame.from_efg: line {t.line()}: unknown node type {kind!r} (allowed: p, c, t)")
        player = t.integer("the player number")
        if not 1 <= player <= len(players):
            raise GameError(f"ExtensiveGame.from_efg: line {t.line()}: player {player} (allowed: 1 to {len(players)})")
        number = t.integer("the information set number")
        name = t.take("str", "the information set's name")
        acts = t.strings("an action") if t.peek() == "{" else []
        key = (player, number)
        if key in infosets:
            name = name or infosets[key][0]
            acts = acts or infosets[key][1]
        infosets[key] = (name, acts)
        members[key] = members.get(key, 0) + 1
        acc2 = tuple(a + b for a, b in zip(acc, outcome_of(t.integer("the outcome number"))))
        return ("p", players[player - 1], key, [(a, node(acc2, depth + 1)) for a in acts])

    raw = node((sympy.Integer(0),) * len(players), 0)
    if t.peek() is not None:
        raise GameError(f"ExtensiveGame.from_efg: line {t.line()}: text after the last node")

    def build(x: Any) -> Any:
        if x[0] == "t":
            return Outcome(x[1])
        if x[0] == "c":
            return Chance({a: (q, build(k)) for a, q, k in x[1]})
        _, player, key, kids = x
        name = infosets[key][0]
        label = name or (None if members[key] == 1 else f"{player}:{key[1]}")
        return Decision(player, {a: build(k) for a, k in kids}, infoset=label)

    return players, build(raw), title
