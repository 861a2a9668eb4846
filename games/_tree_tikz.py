r"""The TikZ drawing of a game tree (``tikzpicture``; texlive-pictures' TikZ only).

Leaves sit on consecutive slots from left to right, each inner node above the
middle of its children, one level per move.  Decision nodes show the player,
chance nodes "Chance", leaves the payoff vector; edges carry the action (and a
chance outcome's probability).  Nodes of one information set are joined by a
dashed line.  Paths given as ``highlight`` have their last edge drawn thick
(an equilibrium's choices).  The layout is computed here, so the drawing needs
no package beyond TikZ (``forest`` needs ``environ`` from texlive-latex-extra).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from games._text import latex_escape
from games.parameters import latex_symbol_names


def _math(v: sympy.Expr, names: Mapping[sympy.Symbol, str]) -> str:
    return sympy.latex(v, symbol_names=dict(names))


def tikz_tree(game: Any, *, symbol_names: Mapping[sympy.Symbol, str] | None = None,
              highlight: Sequence[tuple[str, ...]] = ()) -> str:
    r"""The ``tikzpicture`` of an :class:`~games.extensive.ExtensiveGame` (``\usepackage{tikz}``).

    Examples
    --------
    >>> from games.extensive import Decision, ExtensiveGame, Outcome
    >>> g = ExtensiveGame(("A",), Decision("A", {"l": Outcome((0,)), "r": Outcome((1,))}))
    >>> print(tikz_tree(g).splitlines()[0])
    \begin{tikzpicture}[>=stealth]
    """
    names = {**latex_symbol_names(), **(symbol_names or {})}
    thick = {tuple(p) for p in highlight}
    text: dict[tuple[str, ...], str] = {}
    kind: dict[tuple[str, ...], str] = {}
    kids: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    leaves: list[tuple[str, ...]] = []
    for path, node in game.nodes():
        k = type(node).__name__
        kind[path] = k
        if k == "Outcome":
            text[path] = "$(" + ", ".join(_math(v, names) for v in node.payoffs) + ")$"
            leaves.append(path)
        elif k == "Chance":
            text[path] = r"\textit{Chance}"
            kids[path] = [(lab, f"{latex_escape(lab)} (${_math(q, names)}$)") for lab, q, _ in node.outcomes]
        else:
            text[path] = latex_escape(node.player)
            kids[path] = [(a, latex_escape(a)) for a in node.labels]
    widest = max(len(t) for p, t in text.items() if kind[p] == "Outcome")
    sep = max(2.0, min(6.0, 0.16 * widest))
    x: dict[tuple[str, ...], float] = {p: sep * i for i, p in enumerate(leaves)}
    for path in sorted(kids, key=len, reverse=True):
        xs = [x[path + (a,)] for a, _ in kids[path]]
        x[path] = (min(xs) + max(xs)) / 2
    ids = {p: f"n{i}" for i, p in enumerate(text)}
    lines = [r"\begin{tikzpicture}[>=stealth]"]
    style = {"Outcome": "inner sep=2pt, font=\\small", "Chance": "draw, circle, inner sep=1.5pt, font=\\small",
             "Decision": "draw, rounded corners, inner sep=2.5pt, font=\\small"}
    for path, t in text.items():
        lines.append(rf"\node[{style[kind[path]]}] ({ids[path]}) at ({x[path]:.3f}, {-1.7 * len(path):.3f}) {{{t}}};")
    for path, branches in kids.items():
        for a, label in branches:
            child = path + (a,)
            width = "line width=1.6pt" if child in thick else "thin"
            lines.append(rf"\draw[{width}] ({ids[path]}) -- node[midway, fill=white, inner sep=1pt, "
                         rf"font=\scriptsize] {{{label}}} ({ids[child]});")
    for h in game.infosets:
        for a, b in zip(h.paths, h.paths[1:]):
            lines.append(rf"\draw[dashed] ({ids[a]}) -- ({ids[b]});")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)
