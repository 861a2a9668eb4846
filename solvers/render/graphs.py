r"""Drawing and export of strategy-dynamics graphs and phase portraits.

* :func:`graph_layout` fits a layout to the graph: a grid for two-player
  best-response graphs (rows = the first player's strategies), a circle for
  monomorphic-state chains and invasion graphs, a seeded spring layout else.
* :func:`draw_graph` draws any of the graphs of :mod:`solvers.dynamics.best_response`
  and :mod:`solvers.dynamics.invasion` with matplotlib (``ax=None`` style).
* :func:`plot_phase_portrait` draws replicator dynamics: 1-D flow lines for
  two-strategy populations, a simplex for three strategies, the unit square
  for 2x2 two-population games; fixed points are filled when stable, open
  when unstable, half-filled otherwise.
* :func:`to_tikz` writes a graph as a TikZ picture that compiles with
  pdflatex (a complete ``article`` document by default).
* :func:`write_graph` saves PNG, SVG, PDF, TikZ or GraphML by file suffix.

matplotlib is imported inside the functions that draw.
"""

from __future__ import annotations

import io
import numbers
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import sympy

from games._io import atomic_write_bytes, atomic_write_text, check_output
from games.errors import UnknownNameError, suggest
from solvers.render.layout import _node_label, _number, graph_layout
from solvers.render.tikz import to_tikz

__all__ = ["draw_graph", "write_graph", "FORMATS"]


#: File formats :func:`write_graph` writes.
FORMATS = ("png", "svg", "pdf", "tikz", "graphml")


def draw_graph(
    G: nx.DiGraph,
    *,
    ax: Any = None,
    layout: str = "auto",
    pos: Mapping[Hashable, tuple[float, float]] | None = None,
    edge_label: str | None = "auto",
    seed: int | None = 0,
) -> Any:
    """Draw a best-response, small-mutation or invasion graph with matplotlib.

    Best-response graphs: equilibria (sinks) in black, other attractor members
    in grey, edges coloured by the deviating player.  Small-mutation chains and
    invasion graphs: node area proportional to the stationary distribution,
    self-loops left out.

    Parameters
    ----------
    G : networkx.DiGraph
    ax : matplotlib Axes, optional
        Drawn on a new figure when omitted.
    layout : str
        See :func:`graph_layout`; ignored when ``pos`` is given.
    pos : mapping, optional
        Node positions.
    edge_label : str or None
        Edge attribute to print on edges; ``"auto"``: ``gain`` for
        best-response graphs, ``fixation`` for chains and invasion graphs;
        ``None``: no labels.
    seed : int or None
        Seed of the spring layout.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from games import Game
    >>> from solvers.dynamics.best_response import best_response_graph
    >>> mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> ax = draw_graph(best_response_graph(mp))
    >>> len(ax.patches)   # one arrow per edge of the 4-cycle
    4
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    positions = dict(pos) if pos is not None else graph_layout(G, layout, seed=seed)
    kind = G.graph.get("kind")
    edges = [(u, v) for u, v in G.edges if u != v]
    if kind == "best_response":
        in_cycle = {v for a in nx.attracting_components(G) if len(a) > 1 for v in a}  # cycles nothing leaves
        colors = ["black" if G.nodes[v].get("equilibrium") else "0.6" if v in in_cycle else "white" for v in G.nodes]
        sizes: list[float] = [900.0] * G.number_of_nodes()
        palette = plt.get_cmap("tab10")
        edge_colors = [palette(G.edges[e].get("player_index", 0) % 10) for e in edges]
        font_colors = {v: ("white" if G.nodes[v].get("equilibrium") else "black") for v in G.nodes}
        default_label = "gain"
    elif kind == "regimes":
        colors = ["#fdd0a2"] * G.number_of_nodes()
        sizes = [600 + 3000 * float(G.nodes[v].get("share", 0.0)) for v in G.nodes]
        edge_colors = ["black"] * len(edges)
        font_colors = {v: "black" for v in G.nodes}
        default_label = "label"
    else:
        stat = [float(G.nodes[v].get("stationary", 1.0 / max(1, G.number_of_nodes()))) for v in G.nodes]
        colors = ["#9ecae1"] * G.number_of_nodes()
        sizes = [300 + 3000 * s for s in stat]
        edge_colors = ["black"] * len(edges)
        font_colors = {v: "black" for v in G.nodes}
        default_label = "fixation"
    nx.draw_networkx_nodes(G, positions, ax=ax, node_color=colors, node_size=sizes, edgecolors="black")
    for v in G.nodes:
        x, y = positions[v]
        ax.text(x, y, _node_label(G, v), ha="center", va="center", fontsize=8, color=font_colors[v])
    directed = G.is_directed()
    if directed:
        nx.draw_networkx_edges(
            G, positions, edgelist=edges, ax=ax, edge_color=edge_colors, arrows=True, arrowstyle="-|>",
            arrowsize=14, node_size=sizes[0] if sizes else 300, connectionstyle="arc3,rad=0.12",
        )
    else:
        nx.draw_networkx_edges(G, positions, edgelist=edges, ax=ax, edge_color=edge_colors)
    attr = default_label if edge_label == "auto" else edge_label
    if attr is not None:
        labels = {(u, v): _number(G.edges[u, v][attr]) for u, v in edges if G.edges[u, v].get(attr) is not None}
        if labels:
            extra = {"connectionstyle": "arc3,rad=0.12"} if directed else {}
            nx.draw_networkx_edge_labels(G, positions, edge_labels=labels, ax=ax, font_size=7, **extra)
    if kind == "best_response" and len(G.graph.get("players", ())) == 2:
        players = G.graph["players"]
        ax.set_xlabel(str(players[1]))
        ax.set_ylabel(str(players[0]))
    if G.graph.get("name"):
        ax.set_title(str(G.graph["name"]))
    ax.margins(0.2)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _graphml_value(value: Any) -> Any:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, sympy.Basic) and value.is_number:
        return float(value)  # type: ignore[arg-type]
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (tuple, list)):
        return ", ".join(str(_graphml_value(x)) for x in value)
    return str(value)


def _graphml_ready(G: nx.DiGraph) -> nx.DiGraph:
    """A copy with string node ids and scalar attributes (GraphML allows nothing else)."""
    H = nx.DiGraph()
    for k, val in G.graph.items():
        if val is not None:
            H.graph[k] = _graphml_value(val)
    ids = {v: _node_label(G, v) for v in G.nodes}
    if len(set(ids.values())) != len(ids):
        ids = {v: str(v) for v in G.nodes}
    for v, d in G.nodes(data=True):
        H.add_node(ids[v], **{k: _graphml_value(x) for k, x in d.items() if x is not None})
    for u, v, d in G.edges(data=True):
        H.add_edge(ids[u], ids[v], **{k: _graphml_value(x) for k, x in d.items() if x is not None})
    return H


def write_graph(G: nx.DiGraph, path: str | Path, *, format: str | None = None, **options: Any) -> Path:
    """Save a graph as PNG, SVG or PDF (matplotlib), TikZ (``.tex``) or GraphML.

    Parameters
    ----------
    G : networkx.DiGraph
    path : str or Path
    format : {"png", "svg", "pdf", "tikz", "graphml"}, optional
        Default: from the suffix (``.tex`` means TikZ).
    **options
        Passed to :func:`draw_graph` or :func:`to_tikz`.

    Returns
    -------
    Path

    Raises
    ------
    UnknownNameError
        An unknown format or suffix.
    OutputError
        The file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from games import Game
    >>> from solvers.dynamics.best_response import best_response_graph
    >>> G = best_response_graph(Game.from_bimatrix([[3, 0], [5, 1]]))
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = write_graph(G, pathlib.Path(d) / "pd.graphml")
    ...     "<graphml" in out.read_text()
    True
    """
    p = Path(path)
    fmt = format
    if fmt is None:
        suffix = p.suffix.lower().lstrip(".")
        fmt = "tikz" if suffix == "tex" else suffix
    if fmt not in FORMATS:
        raise UnknownNameError("write_graph: " + suggest(str(fmt), FORMATS, what="format"))
    check_output(p)  # before drawing: a missing or unwritable folder fails at once
    # Rendered in memory, then written through the one atomic writer (old file or complete new one).
    if fmt == "tikz":
        return atomic_write_text(p, to_tikz(G, **options))
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_graphml_ready(G), buf)
    else:
        import matplotlib.pyplot as plt

        ax = draw_graph(G, **options)
        try:
            ax.figure.savefig(buf, format=fmt, bbox_inches="tight", dpi=150)
        finally:
            plt.close(ax.figure)
    return atomic_write_bytes(p, buf.getvalue())

