r"""Drawing and export of strategy-dynamics graphs and phase portraits.

* :func:`graph_layout` fits a layout to the graph: a grid for two-player
  best-response graphs (rows = the first player's strategies), a circle for
  monomorphic-state chains and invasion graphs, a seeded spring layout else.
* :func:`draw_graph` draws any of the graphs of :mod:`solvers.best_response`
  and :mod:`solvers.invasion` with matplotlib (``ax=None`` style).
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

import math
import numbers
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import sympy

from games.errors import GameError, OutputError, UnknownNameError, suggest

__all__ = ["graph_layout", "draw_graph", "plot_phase_portrait", "to_tikz", "write_graph", "FORMATS", "LAYOUTS"]

#: File formats :func:`write_graph` writes.
FORMATS = ("png", "svg", "pdf", "tikz", "graphml")
#: Layout names :func:`graph_layout` accepts.
LAYOUTS = ("auto", "grid", "circular", "spring", "shell")

_STABLE_STYLE = {
    "stable": {"facecolor": "black", "label": "stable"},
    "unstable": {"facecolor": "white", "label": "unstable"},
}


def _node_label(G: nx.DiGraph, v: Hashable) -> str:
    label = G.nodes[v].get("label")
    if label is not None:
        return str(label)
    if isinstance(v, tuple):
        return ", ".join(map(str, v))
    return str(v)


def _number(value: Any) -> str:
    """A short text form of an edge value (exact rationals kept exact)."""
    if isinstance(value, sympy.Rational):
        return str(value)
    if isinstance(value, sympy.Basic):
        try:
            return f"{float(value):.3g}"  # type: ignore[arg-type]
        except TypeError:
            return str(value)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return f"{float(value):.3g}"
    return str(value)


def graph_layout(G: nx.DiGraph, layout: str = "auto", *, seed: int | None = 0) -> dict[Hashable, tuple[float, float]]:
    """Node positions fitted to the kind of graph.

    Parameters
    ----------
    G : networkx.DiGraph
    layout : {"auto", "grid", "circular", "spring", "shell"}
        ``"auto"``: a grid for a two-player best-response graph (column ``j``
        of the second player at ``x = j``, row ``i`` of the first at
        ``y = -i``), a circle for chains over monomorphic states and
        invasion graphs, the regions' centroids for regime graphs, a spring
        layout otherwise.
    seed : int or None
        Seed of the spring layout.

    Returns
    -------
    dict
        ``{node: (x, y)}``.

    Raises
    ------
    UnknownNameError
        An unknown layout name.
    GameError
        ``"grid"`` for a graph that is not a two-player best-response graph.

    Examples
    --------
    >>> from games import Game
    >>> from solvers.best_response import best_response_graph
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> graph_layout(best_response_graph(pd))[("D", "C")]
    (0.0, -1.0)
    """
    if layout not in LAYOUTS:
        raise UnknownNameError("graph_layout: " + suggest(str(layout), LAYOUTS, what="layout"))
    kind = G.graph.get("kind")
    two_player_br = kind == "best_response" and len(G.graph.get("players", ())) == 2
    if layout == "auto" and kind == "regimes" and all("center" in G.nodes[v] for v in G.nodes):
        # regimes at the centroids of their regions of parameter space
        return {v: (G.nodes[v]["center"][0], G.nodes[v]["center"][1] if len(G.nodes[v]["center"]) > 1 else 0.0)
                for v in G.nodes}
    if layout == "auto":
        if two_player_br:
            layout = "grid"
        elif kind in ("small_mutation", "invasion"):
            layout = "circular"
        else:
            layout = "spring"
    if layout == "grid":
        if not two_player_br:
            raise GameError("graph_layout: 'grid' is for two-player best-response graphs (allowed here: circular, spring, shell)")
        return {v: (float(G.nodes[v]["index"][1]), float(-G.nodes[v]["index"][0])) for v in G.nodes}
    if G.number_of_nodes() == 0:
        return {}
    if layout == "circular":
        pos = nx.circular_layout(G)
    elif layout == "shell":
        pos = nx.shell_layout(G)
    else:
        pos = nx.spring_layout(G, seed=seed)
    return {v: (float(p[0]), float(p[1])) for v, p in pos.items()}


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
    >>> from solvers.best_response import best_response_graph
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
        from solvers.best_response import attractors

        in_cycle = {v for a in attractors(G) if len(a) > 1 for v in a}
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


# ---------------------------------------------------------------------------
# phase portraits
# ---------------------------------------------------------------------------


def _marker(ax: Any, x: float, y: float, stability: str) -> None:
    style = _STABLE_STYLE.get(stability)
    if style is None:  # half-filled for semi-stable, non-hyperbolic, neutral, undetermined
        ax.plot([x], [y], marker="o", markersize=9, color="black", fillstyle="left",
                markerfacecoloralt="white", linestyle="none", zorder=5, label=stability)
    else:
        ax.plot([x], [y], marker="o", markersize=9, markerfacecolor=style["facecolor"], markeredgecolor="black",
                linestyle="none", zorder=5, label=style["label"])


def _simplex_xy(p: np.ndarray) -> tuple[float, float]:
    """Barycentric (p1, p2, p3) -> triangle with vertices (0, 0), (1, 0), (1/2, sqrt(3)/2)."""
    return float(p[1] + p[2] / 2), float(p[2] * math.sqrt(3) / 2)


def plot_phase_portrait(system: Any, *, ax: Any = None, resolution: int = 15) -> Any:
    """Phase portrait of replicator dynamics, fixed points marked by stability.

    Parameters
    ----------
    system : ReplicatorDynamics or GradientOfSelection
        From :func:`~solvers.replicator.replicator_dynamics` (one population
        with 2 or 3 strategies, or two populations of a 2x2 game) or
        :func:`~solvers.replicator.gradient_of_selection`; numeric games only.
    ax : matplotlib Axes, optional
    resolution : int
        Grid points per side for the arrows.

    Returns
    -------
    matplotlib.axes.Axes
        Fixed points are ``Line2D`` markers labelled with their stability:
        filled = stable, open = unstable, half = anything else.

    Raises
    ------
    GameError
        A system this function cannot draw (more strategies, not a dynamics object).
    SymbolicError
        A game with free symbols.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from games import Game
    >>> from solvers.replicator import replicator_dynamics
    >>> stag = Game.from_bimatrix([[4, 0], [3, 3]])
    >>> ax = plot_phase_portrait(replicator_dynamics(stag))
    >>> sorted((float(line.get_xdata()[0]), line.get_label()) for line in ax.lines if line.get_marker() == "o")
    [(0.0, 'stable'), (0.75, 'unstable'), (1.0, 'stable')]
    """
    import matplotlib.pyplot as plt

    from solvers.replicator import GradientOfSelection, ReplicatorDynamics

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    if isinstance(system, GradientOfSelection):
        xs = np.linspace(0, 1, 401)
        g = system(xs)
        points = [(float(sympy.N(r.value)), r.stability) for r in system.roots]
        _flow_line(ax, xs, g, points)
        ax.set_xlabel(f"share of {_first_name(system.game)}")
        ax.set_ylabel("gradient of selection")
        return ax
    if not isinstance(system, ReplicatorDynamics):
        raise GameError(f"plot_phase_portrait: expected ReplicatorDynamics or GradientOfSelection, got {type(system).__name__}")
    game = system.game
    f = system.numeric_field()
    shape = game.shape
    if system.populations == 1 and shape[0] == 2:
        xs = np.linspace(0, 1, 401)
        g = np.array([f([x, 1 - x])[0] for x in xs])
        points = [(float(fp.point[0][0]), fp.stability) for fp in system.fixed_points if not fp.is_continuum]
        _flow_line(ax, xs, g, points)
        ax.set_xlabel(f"share of {game.strategies[0][0]}")
        ax.set_ylabel(r"$\dot x$")
        return ax
    if system.populations == 1 and shape[0] == 3:
        tri = np.array([[0, 0], [1, 0], [0.5, math.sqrt(3) / 2], [0, 0]])
        ax.plot(tri[:, 0], tri[:, 1], color="black", linewidth=1)
        pts, arrows = [], []
        n = resolution
        for i in range(n + 1):
            for j in range(n + 1 - i):
                p = np.array([i, j, n - i - j], dtype=float) / n
                d = f(p)
                pts.append(_simplex_xy(p))
                arrows.append((d[1] + d[2] / 2, d[2] * math.sqrt(3) / 2))
        P, V = np.array(pts), np.array(arrows)
        norm = np.hypot(V[:, 0], V[:, 1])
        scale = np.where(norm > 0, 1 / np.maximum(norm, 1e-12), 0)
        ax.quiver(P[:, 0], P[:, 1], V[:, 0] * scale, V[:, 1] * scale, norm, cmap="viridis", angles="xy",
                  scale_units="xy", scale=1.6 * n, width=0.004)
        for fp in system.fixed_points:
            if fp.is_continuum:
                continue
            x, y = _simplex_xy(np.array([float(v) for v in fp.point[0]]))
            _marker(ax, x, y, fp.stability)
        for k, (x, y) in enumerate([(0, 0), (1, 0), (0.5, math.sqrt(3) / 2)]):
            ax.annotate(game.strategies[0][k], (x, y), textcoords="offset points",
                        xytext=(0, 8 if k == 2 else -14), ha="center")
        ax.set_aspect("equal")
        ax.axis("off")
        return ax
    if system.populations == 2 and shape == (2, 2):
        grid = np.linspace(0, 1, resolution)
        X, Y = np.meshgrid(grid, grid)
        U, W = np.zeros_like(X), np.zeros_like(X)
        for a in range(X.shape[0]):
            for b in range(X.shape[1]):
                d = f([X[a, b], 1 - X[a, b]], [Y[a, b], 1 - Y[a, b]])
                U[a, b], W[a, b] = d[0], d[2]
        ax.streamplot(X, Y, U, W, color="0.4", density=1.0, linewidth=0.8)
        for fp in system.fixed_points:
            if fp.is_continuum:
                continue
            _marker(ax, float(fp.point[0][0]), float(fp.point[1][0]), fp.stability)
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel(f"{game.players[0]}: share of {game.strategies[0][0]}")
        ax.set_ylabel(f"{game.players[1]}: share of {game.strategies[1][0]}")
        ax.set_aspect("equal")
        return ax
    raise GameError(
        f"plot_phase_portrait: cannot draw {system.populations} population(s) of a game of shape {shape} "
        "(allowed: one population with 2 or 3 strategies, two populations of a 2x2 game)"
    )


def _first_name(game: Any) -> str:
    strategies = getattr(game, "strategies", None)
    if not strategies:
        return "the first strategy"
    first = strategies[0]
    return str(first[0] if isinstance(first, tuple) else first)


def _flow_line(ax: Any, xs: np.ndarray, g: np.ndarray, points: list[tuple[float, str]]) -> None:
    ax.plot(xs, g, color="0.3", linewidth=1.2)
    ax.axhline(0, color="black", linewidth=0.8)
    cuts = sorted({p for p, _ in points} | {0.0, 1.0})
    for a, b in zip(cuts[:-1], cuts[1:]):
        mid = (a + b) / 2
        k = int(np.argmin(abs(xs - mid)))
        if g[k] > 0:
            ax.annotate("", xy=(mid + 0.03, 0), xytext=(mid - 0.03, 0), arrowprops={"arrowstyle": "-|>", "color": "C0"})
        elif g[k] < 0:
            ax.annotate("", xy=(mid - 0.03, 0), xytext=(mid + 0.03, 0), arrowprops={"arrowstyle": "-|>", "color": "C3"})
    for x, stab in points:
        _marker(ax, x, 0.0, stab)
    ax.set_xlim(-0.03, 1.03)


# ---------------------------------------------------------------------------
# TikZ and files
# ---------------------------------------------------------------------------


def _tex_escape(text: str) -> str:
    repl = {
        "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
        "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    }
    return "".join(repl.get(ch, ch) for ch in text)


def _tex_number(value: Any) -> str:
    if isinstance(value, sympy.Basic) and (value.is_Rational or isinstance(value, sympy.Eq)):
        return "$" + sympy.latex(value) + "$"
    if isinstance(value, (list, tuple)) and all(isinstance(v, sympy.Basic) for v in value):
        return "; ".join(_tex_number(v) for v in value)
    return _tex_escape(_number(value))


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
    >>> from solvers.best_response import best_response_graph
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
        lines.append(rf"\node[{style}] ({ids[v]}) at ({x * scale:.3f}, {y * scale:.3f}) {{{_tex_escape(_node_label(G, v))}}};")
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        bend = "[bend left=12]" if G.is_directed() and G.has_edge(v, u) else ""
        label = ""
        if attr is not None and d.get(attr) is not None:
            label = rf" node[midway, fill=white, inner sep=1pt, font=\scriptsize] {{{_tex_number(d[attr])}}}"
        lines.append(rf"\draw[{arrow}] ({ids[u]}) to{bend}{label} ({ids[v]});")
    lines.append(r"\end{tikzpicture}")
    body = "\n".join(lines) + "\n"
    if not standalone:
        return body
    return (
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{tikz}\n\\usetikzlibrary{arrows.meta}\n"
        "\\pagestyle{empty}\n\\begin{document}\n" + body + "\\end{document}\n"
    )


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
    >>> from solvers.best_response import best_response_graph
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
    if not p.parent.exists():
        raise OutputError(f"write_graph: directory {str(p.parent)!r} does not exist")
    try:
        if fmt == "tikz":
            p.write_text(to_tikz(G, **options), encoding="utf-8")
        elif fmt == "graphml":
            nx.write_graphml(_graphml_ready(G), p)
        else:
            import matplotlib.pyplot as plt

            ax = draw_graph(G, **options)
            ax.figure.savefig(p, format=fmt, bbox_inches="tight", dpi=150)
            plt.close(ax.figure)
    except OSError as exc:
        raise OutputError(f"write_graph: cannot write {str(p)!r}: {exc.strerror or exc}") from exc
    return p
