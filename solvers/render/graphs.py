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

import collections
import io
import numbers
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import sympy

import games
from games._io import atomic_write_bytes, atomic_write_text, check_output
from games._text import format_number
from games.errors import UnknownNameError, suggest
from games.parameters import latex_symbol_names
from solvers.render.layout import _node_label, _number, graph_layout, payoff_unit
from solvers.render.style import PALETTE, TEXT_WIDTH_IN, figure_style, new_figure
from solvers.render.tikz import to_tikz

__all__ = ["draw_graph", "write_graph", "FORMATS"]


#: File formats :func:`write_graph` writes.
FORMATS = ("png", "svg", "pdf", "tikz", "graphml")


def _unit_of(G: nx.DiGraph, unit: str | None) -> str | None:
    """The payoff unit of a graph's gains: ``"auto"`` is USD for the library's essay games."""
    return payoff_unit(G) if unit == "auto" else unit


def _bypass_rad(positions: Mapping[Hashable, tuple[float, float]], extents: Mapping[Hashable, Any],
                u: Hashable, v: Hashable, to_display: Any) -> float:
    """The arc3 curvature that takes an arrow around the boxes between ``u`` and ``v``, with its label beside."""
    (x0, y0), (x1, y1) = to_display(positions[u]), to_display(positions[v])
    dx, dy = x1 - x0, y1 - y0
    length = max(1e-9, float(np.hypot(dx, dy)))
    nx_, ny_ = dy / length, -dx / length
    need = 0.0
    for w, bb in extents.items():
        if w in (u, v):
            continue
        need = max(need, 0.5 * bb.width * abs(nx_) + 0.5 * bb.height * abs(ny_))
    return float(min(1.6, max(0.3, 2 * (need + 14) / length)))


def _short_profile(G: nx.DiGraph, v: Hashable) -> str:
    """An n-player profile as initials in player order (``SSCSC``)."""
    if isinstance(v, tuple):
        return "".join(str(x)[:1] for x in v)
    return str(v)


def _passes_near(positions: Mapping[Hashable, tuple[float, float]], u: Hashable, v: Hashable) -> bool:
    """Whether the straight segment from ``u`` to ``v`` passes close to another node (the arrow must bend)."""
    (x0, y0), (x1, y1) = positions[u], positions[v]
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return False
    for w, (x, y) in positions.items():
        if w in (u, v):
            continue
        t = ((x - x0) * dx + (y - y0) * dy) / length2
        if 0 < t < 1 and ((x0 + t * dx - x) ** 2 + (y0 + t * dy - y) ** 2) < 0.04 * length2:
            return True
    return False


def _edge_text(G: nx.DiGraph, attr: str, value: Any, unit: str | None) -> str:
    if attr == "gain":
        return format_number(value, unit=unit, signed=True, digits=3)
    if attr == "fixation":
        return format_number(value, unit="probability", digits=3)
    if attr == "label" and G.graph.get("kind") == "regimes":
        return str(value)
    return _number(value)


def _regime_edge_label(thresholds: Any) -> str:
    """A regime boundary in words: ``altruism weight = 17.38%``."""
    ps = games.essay.parameters()
    parts = []
    names = latex_symbol_names()
    for t in thresholds or ():
        if isinstance(t, sympy.core.relational.Relational) and t.lhs.is_Symbol and t.rhs.is_number \
                and t.lhs.name in ps:
            p = ps[t.lhs.name]
            parts.append(f"{p.name.replace('_', ' ')} = {format_number(t.rhs, unit=p.unit, digits=3)}")
        elif isinstance(t, sympy.core.relational.Relational):
            tex = sympy.latex(t.lhs, symbol_names=names) + " = " + sympy.latex(t.rhs, symbol_names=names)
            parts.append(f"${tex}$" if len(tex) <= 60 else "a threshold curve (see --json)")
        else:
            parts.append("a threshold (see --json)")
    return "\n".join(parts[:3])


def draw_graph(
    G: nx.DiGraph,
    *,
    ax: Any = None,
    layout: str = "auto",
    pos: Mapping[Hashable, tuple[float, float]] | None = None,
    edge_label: str | None = "auto",
    seed: int | None = 0,
    unit: str | None = "auto",
    legend: bool = True,
    title: bool = True,
) -> Any:
    """Draw a best-response, small-mutation, invasion or regime graph with matplotlib.

    Nodes are boxes that fit their labels (never clipped); arrows end at the
    boxes' edges.  Best-response graphs: equilibria (sinks) black, other
    members of attracting cycles grey, other profiles white; edges coloured
    by the deviating player and labelled with the deviator's gain
    (``+$28bn``).  Chains and invasion graphs: labels give the stationary
    share, edges the fixation probability (as percentages).  A legend names
    the colours and node kinds.  Drawn in the toolkit's figure style
    (:mod:`solvers.render.style`).

    Parameters
    ----------
    G : networkx.DiGraph
    ax : matplotlib Axes, optional
        Drawn on a new figure of the text width when omitted.
    layout : str
        See :func:`graph_layout`; ignored when ``pos`` is given.
    pos : mapping, optional
        Node positions.
    edge_label : str or None
        Edge attribute to print on edges; ``"auto"``: ``gain`` for
        best-response graphs, ``fixation`` for chains and invasion graphs, the
        thresholds for regime graphs; ``None``: no labels.
    seed : int or None
        Seed of the spring layout.
    unit : str or None
        Unit of the gains (a parameter unit, e.g. ``"USD"``); ``"auto"``: USD
        for the library's essay games, none otherwise.
    legend : bool
        Draw the legend of colours and node kinds.
    title : bool
        Write the game's name above the graph (a paper's caption says it instead: ``False``).

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
    >>> len([t for t in ax.texts if t.get_text() == "+2"])   # one gain label per edge of the 4-cycle
    4
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch


    with figure_style():
        if pos is None and layout == "auto" and G.graph.get("kind") == "regimes":
            layout = "circular"  # the regions' centroids crowd the boxes; the edges say who borders whom
        positions = dict(pos) if pos is not None else graph_layout(G, layout, seed=seed)
        own_figure = ax is None
        if ax is None:
            xs0 = [p[0] for p in positions.values()] or [0.0]
            ys0 = [p[1] for p in positions.values()] or [0.0]
            spread = (max(ys0) - min(ys0)) / max(1e-9, max(xs0) - min(xs0)) if len(xs0) > 1 else 0.5
            tallest = max(collections.Counter(p[0] for p in positions.values()).values(), default=1)
            ratio = min(0.62, max(0.3, 0.28 + 0.3 * spread))
            if tallest > 3:  # a column of boxes: 0.34 in a box, plus the legend
                ratio = min(1.2, max(ratio, (0.34 * tallest + 1.4) / TEXT_WIDTH_IN))
            _, ax = new_figure(ratio)
        kind = G.graph.get("kind")
        edges = [(u, v) for u, v in G.edges if u != v]
        unit_used = _unit_of(G, unit)
        handles: list[Any] = []
        legend_title: str | None = None
        if kind == "best_response":
            in_cycle = {v for a in nx.attracting_components(G) if len(a) > 1 for v in a}
            face = {v: "black" if G.nodes[v].get("equilibrium") else "0.75" if v in in_cycle else "white"
                    for v in G.nodes}
            fcolor = {v: "white" if G.nodes[v].get("equilibrium") else "black" for v in G.nodes}
            players = list(G.graph.get("players", ()))
            edge_colors = {e: PALETTE[G.edges[e].get("player_index", 0) % len(PALETTE)] for e in edges}
            default_label: str | None = "gain"
            labels = {v: _node_label(G, v) for v in G.nodes}
            many = len(players) > 2
            if many:  # initials, explained in the legend; gains left to --json (too many edges to label)
                labels = {v: _short_profile(G, v) for v in G.nodes}
                strategies = G.graph.get("strategies") or ()
                firsts = sorted({str(s) for ss in strategies for s in ss}) if strategies else \
                    sorted({str(x) for v in G.nodes if isinstance(v, tuple) for x in v})
                legend_title = ", ".join(f"{s[:1]} = {s}" for s in firsts) + " (in player order)"
                default_label = None
            kinds_present = set(face.values())
            handles += [Patch(facecolor=c, edgecolor="black", label=lbl) for c, lbl in
                        (("black", "pure equilibrium"), ("0.75", "in a best-response cycle"),
                         ("white", "other profile")) if c in kinds_present]
            handles += [Line2D([], [], color=PALETTE[i % len(PALETTE)], lw=1.5,
                               label=f"{p} deviates" + ("" if many else
                                                        f" (gain{', USD' if unit_used == 'USD' else ''})"))
                        for i, p in enumerate(players)]
        elif kind == "regimes":
            face = {v: "#fdd0a2" for v in G.nodes}
            fcolor = {v: "black" for v in G.nodes}
            edge_colors = {e: "0.3" for e in edges}
            default_label = "thresholds"
            labels = {v: _node_label(G, v).replace("; ", "\n")
                      + f"\n({format_number(G.nodes[v].get('share', 0.0), unit='probability', digits=3)} of the grid)"
                      for v in G.nodes}
            handles += [Patch(facecolor="#fdd0a2", edgecolor="black", label="regime (share of the grid)"),
                        Line2D([], [], color="0.3", lw=1.2, label="regimes that border each other")]
        else:
            n = max(1, G.number_of_nodes())
            face = {v: "#cfe3f3" for v in G.nodes}
            fcolor = {v: "black" for v in G.nodes}
            edge_colors = {e: "0.3" for e in edges}
            default_label = "fixation"
            labels = {v: f"{_node_label(G, v)}\n(stationary {format_number(G.nodes[v].get('stationary', 1.0 / n), unit='probability', digits=3)})"
                      if "stationary" in G.nodes[v] else _node_label(G, v) for v in G.nodes}
            handles += [Patch(facecolor="#cfe3f3", edgecolor="black",
                              label="monomorphic state (stationary share)"),
                        Line2D([], [], color="0.3", lw=1.2, label="invasion (fixation probability)")]
        boxes = {}
        layered = kind == "best_response" and len(G.graph.get("players", ())) > 2
        for v in G.nodes:
            x, y = positions[v]
            boxes[v] = ax.text(x, y, labels[v], ha="center", va="center", fontsize=8.5, color=fcolor[v], zorder=3,
                               bbox={"boxstyle": "round,pad=0.45", "facecolor": face[v], "edgecolor": "black",
                                     "linewidth": 0.8})
        if kind == "best_response" and len(G.graph.get("players", ())) == 2:
            pl = G.graph["players"]
            ax.set_xlabel(f"{pl[1]}'s strategy (columns)")
            ax.set_ylabel(f"{pl[0]}'s strategy (rows)")
        if title and G.graph.get("name"):
            ax.set_title(str(G.graph["name"]).replace("_", " "))
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        attr: str | None = default_label if edge_label == "auto" else edge_label
        xs = [p[0] for p in positions.values()] or [0.0]
        ys = [p[1] for p in positions.values()] or [0.0]
        padx = (0.1 if layered else 0.6) * max(1.0, max(xs) - min(xs)) + (0.3 if layered else 0.0) \
            if len(set(xs)) > 1 else 0.8
        pady = 0.22 * max(1.0, max(ys) - min(ys)) if len(set(ys)) > 1 else 0.6
        ax.set_xlim(min(xs) - padx, max(xs) + padx)
        ax.set_ylim(min(ys) - pady, max(ys) + pady)
        if legend and handles:
            longest = max(len(h.get_label()) for h in handles)
            if not own_figure:  # the caller's axes (perhaps one of several): a legend of its own
                ax.legend(handles=handles, title=legend_title, fontsize=8, loc="upper left",
                          bbox_to_anchor=(0.0, -0.02), ncols=min(2, len(handles)))
            else:
                ncols = min(3 if longest <= 26 else 2 if longest <= 45 else 1, len(handles))
                ax.figure.legend(handles=handles, loc="outside lower center", title=legend_title, ncols=ncols,
                                 fontsize=8)
        ax.figure.draw_without_rendering()  # the final axes box: arcs bend in display coordinates
        to_display, to_data = ax.transData.transform, ax.transData.inverted().transform
        renderer = ax.figure.canvas.get_renderer()
        extents = {w: boxes[w].get_bbox_patch().get_window_extent(renderer) for w in G.nodes}
        for u, v in edges:
            bypass = not layered and _passes_near(positions, u, v)
            rad = _bypass_rad(positions, extents, u, v, to_display) if bypass else \
                0.18 if G.has_edge(v, u) else 0.0
            if bypass:  # bulge away from the middle of the drawing, where the other edges' labels are
                (ax0, ay0), (ax1, ay1) = to_display(positions[u]), to_display(positions[v])
                cx, cy = to_display((sum(xs) / len(xs), sum(ys) / len(ys)))
                if (ay1 - ay0) * ((ax0 + ax1) / 2 - cx) - (ax1 - ax0) * ((ay0 + ay1) / 2 - cy) < 0:
                    rad = -rad
            ax.annotate("", xy=positions[v], xytext=positions[u], zorder=2,
                        arrowprops={"arrowstyle": "-|>" if G.is_directed() else "-", "color": edge_colors[(u, v)], "lw": 1.2,
                                    "shrinkA": 2, "shrinkB": 2, "patchA": boxes[u].get_bbox_patch(),
                                    "patchB": boxes[v].get_bbox_patch(), "connectionstyle": f"arc3,rad={rad}",
                                    "mutation_scale": 10})
            if attr is None:
                continue
            if attr == "thresholds":
                text = _regime_edge_label(G.edges[u, v].get("thresholds"))
            elif G.edges[u, v].get(attr) is None:
                continue
            else:
                text = _edge_text(G, attr, G.edges[u, v][attr], unit_used)
            (x0, y0), (x1, y1) = to_display(positions[u]), to_display(positions[v])
            # the middle of matplotlib's arc3 curve (a quadratic Bezier: halfway to its control point)
            nx_, ny_ = 0.5 * rad * (y1 - y0), -0.5 * rad * (x1 - x0)
            mx, my = to_data(((x0 + x1) / 2 + nx_, (y0 + y1) / 2 + ny_))
            ha = "center" if not bypass or abs(nx_) < abs(ny_) else ("left" if nx_ > 0 else "right")
            ax.text(mx, my, ("  " + text) if ha == "left" else (text + "  ") if ha == "right" else text,
                    ha=ha, va="center", fontsize=8, color=edge_colors[(u, v)], zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.9})
    _ = plt
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
            ax.figure.savefig(buf, format=fmt, dpi=300)
        finally:
            plt.close(ax.figure)
    return atomic_write_bytes(p, buf.getvalue())

