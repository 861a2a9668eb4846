r"""The TikZ drawing of a game tree, with the ``forest`` package (texlive-pictures).

Decision nodes show the player, chance nodes "Chance", leaves the payoff
vector; edges carry the action (and a chance outcome's probability).  Nodes of
one information set are joined by a dashed line.  Paths given as
``highlight`` have their last edge drawn thick (an equilibrium's choices).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from games._text import latex_escape
from games.parameters import latex_symbol_names


def _math(v: sympy.Expr, names: Mapping[sympy.Symbol, str]) -> str:
    return sympy.latex(v, symbol_names=dict(names))


def forest(game: Any, *, symbol_names: Mapping[sympy.Symbol, str] | None = None,
           highlight: Sequence[tuple[str, ...]] = ()) -> str:
    r"""The ``forest`` environment of an :class:`~games.extensive.ExtensiveGame`.

    Examples
    --------
    >>> from games.extensive import Decision, ExtensiveGame, Outcome
    >>> g = ExtensiveGame(("A",), Decision("A", {"l": Outcome((0,)), "r": Outcome((1,))}))
    >>> print(forest(g).splitlines()[0])
    \begin{forest}
    """
    names = {**latex_symbol_names(), **(symbol_names or {})}
    thick = {tuple(p) for p in highlight}
    ids: dict[tuple[str, ...], str] = {}
    lines = [r"\begin{forest}",
             r"for tree={l sep=2.2em, s sep=1.2em, inner sep=2pt, font=\small}"]

    def emit(path: tuple[str, ...], node: Any, edge: str, depth: int) -> None:
        ids[path] = f"n{len(ids)}"
        pad = "  " * depth
        kind = type(node).__name__
        if kind == "Outcome":
            text = "$(" + ", ".join(_math(v, names) for v in node.payoffs) + ")$"
            opts = ", tier=leaves"
        elif kind == "Chance":
            text, opts = r"\textit{Chance}", ", draw, circle"
        else:
            text, opts = latex_escape(node.player), ""
        edge_opts = ", edge={line width=1.6pt}" if path in thick else ""
        label = f", edge label={{node[midway, fill=white, inner sep=1pt, font=\\scriptsize]{{{edge}}}}}" if path else ""
        lines.append(f"{pad}[{{{text}}}, name={ids[path]}{opts}{edge_opts}{label}")
        if kind == "Decision":
            for a, sub in node.actions:
                emit(path + (a,), sub, latex_escape(a), depth + 1)
        elif kind == "Chance":
            for lab, q, sub in node.outcomes:
                emit(path + (lab,), sub, f"{latex_escape(lab)} (${_math(q, names)}$)", depth + 1)
        lines.append(f"{pad}]")

    emit((), game.root, "", 0)
    for h in game.infosets:
        for a, b in zip(h.paths, h.paths[1:]):
            lines.append(rf"\draw[dashed] ({ids[a]}) -- ({ids[b]});")
    lines.append(r"\end{forest}")
    return "\n".join(lines)
