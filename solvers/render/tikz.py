r"""TikZ pictures of strategy graphs, for LaTeX papers."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import sympy

from games._text import format_number, latex_escape
from solvers.render.layout import _node_label, _number, graph_layout, payoff_unit

__all__ = ["to_tikz"]




def _tex_number(value: Any) -> str:
    if isinstance(value, sympy.Basic) and (value.is_Rational or isinstance(value, sympy.Eq)):
        return "$" + sympy.latex(value) + "$"
    if isinstance(value, (list, tuple)) and all(isinstance(v, sympy.Basic) for v in value):
        return "; ".join(_tex_number(v) for v in value)
    return latex_escape(_number(value))


def to_tikz(
    G: nx.DiGraph,
    *,
    pos: Mapping[Hashable, tuple[float, float]] | None = None,
    layout: str = "auto",
    edge_label: str | None = "auto",
    scale: float = 2.5,
    standalone: bool = True,
    seed: int | None = 0,
) -> str:
    r"""A TikZ picture of a graph, for papers (compiles with pdflatex).

    Parameters
    ----------
    G : networkx.DiGraph
    pos : mapping, optional
        Node positions; default :func:`graph_layout` with ``layout``.
    layout : str
    edge_label : str or None
        Edge attribute printed on each edge (``"auto"``: ``gain`` for
        best-response graphs, ``fixation`` else; ``None``: none).
    scale : float
        Centimetres per layout unit.
    standalone : bool
        A complete ``article`` document (default) or the bare
        ``tikzpicture`` (for ``\input``; needs ``\usetikzlibrary{arrows.meta}``).
    seed : int or None

    Returns
    -------
    str

    Examples
    --------
    >>> from games import Game
    >>> from solvers.dynamics.best_response import best_response_graph
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> tex = to_tikz(best_response_graph(pd), standalone=False)
    >>> print(tex.splitlines()[2])
    \node[state] (n0) at (0.000, 0.000) {C, C};
    >>> tex.count(r"\draw[->")
    4
    """
    positions = dict(pos) if pos is not None else graph_layout(G, layout, seed=seed)
    kind = G.graph.get("kind")
    default = {"best_response": "gain", "regimes": "thresholds"}.get(str(kind), "fixation")
    attr = default if edge_label == "auto" else edge_label
    arrow = "->" if G.is_directed() else "-"
    ids = {v: f"n{i}" for i, v in enumerate(G.nodes)}
    lines = [
        r"\begin{tikzpicture}[>={Stealth[length=2.2mm]}, every node/.style={font=\small}]",
        r"\tikzset{state/.style={draw, rounded corners, inner sep=3pt, fill=white}, eq/.style={state, fill=black!15, very thick}}",
    ]
    for v in G.nodes:
        x, y = positions[v]
        style = "eq" if G.nodes[v].get("equilibrium") else "state"
        lines.append(rf"\node[{style}] ({ids[v]}) at ({x * scale:.3f}, {y * scale:.3f}) {{{latex_escape(_node_label(G, v))}}};")
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        bend = "[bend left=12]" if G.is_directed() and G.has_edge(v, u) else ""
        label = ""
        if attr is not None and d.get(attr) is not None:
            text = format_number(d[attr], unit=payoff_unit(G), signed=True, digits=3, latex=True) \
                if attr == "gain" else _tex_number(d[attr])
            label = rf" node[midway, fill=white, inner sep=1pt, font=\scriptsize] {{{text}}}"
        lines.append(rf"\draw[{arrow}] ({ids[u]}) to{bend}{label} ({ids[v]});")
    lines.append(r"\end{tikzpicture}")
    body = "\n".join(lines) + "\n"
    if not standalone:
        return body
    return (
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{tikz}\n\\usetikzlibrary{arrows.meta}\n"
        "\\pagestyle{empty}\n\\begin{document}\n" + body + "\\end{document}\n"
    )

