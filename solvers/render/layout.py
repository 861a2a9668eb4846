r"""Layouts and labels of strategy graphs: node positions (grid, circular, spring, shell) and readable node labels."""

from __future__ import annotations

import functools
from collections.abc import Hashable
from typing import Any

import networkx as nx

import games
from games._text import format_number
from games.errors import GameError, UnknownNameError, suggest

__all__ = ["graph_layout", "LAYOUTS"]


#: Layout names :func:`graph_layout` accepts.
LAYOUTS = ("auto", "grid", "circular", "spring", "shell", "layers")


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
    """A short text form of an edge value: exact rationals kept exact, decimals to three digits."""
    return format_number(value, exact=True, digits=3, commas=False)


def payoff_unit(G: nx.DiGraph) -> str | None:
    """``"USD"`` for a graph of one of the library's essay games (their payoffs are dollars), else None."""
    name = str(G.graph.get("name") or "")
    return "USD" if name in _usd_game_names() else None


@functools.cache
def _usd_game_names() -> frozenset[str]:
    """Names of the library's essay games."""
    out = set()
    for key, entry in games.library_entries().items():
        if entry.level == "example":
            continue
        try:
            out.add(str(games.build(key).name))
        except Exception:  # noqa: BLE001 - a game that cannot be built has no name to match
            continue
    return frozenset(out)


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
    >>> from solvers.dynamics.best_response import best_response_graph
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
        elif kind == "best_response" and all("index" in G.nodes[v] for v in G.nodes):
            layout = "layers"
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
    if layout == "layers":
        # n-player profiles in columns by how many players choose a later strategy, spread evenly in each
        cols: dict[int, list[Hashable]] = {}
        for v in G.nodes:
            idx = G.nodes[v].get("index", (0,))
            cols.setdefault(int(sum(idx)), []).append(v)
        out: dict[Hashable, tuple[float, float]] = {}
        for c, members in cols.items():
            for r, v in enumerate(sorted(members, key=lambda u: G.nodes[u].get("index", ()))):
                out[v] = (float(c), (len(members) - 1) / 2.0 - r)
        return out
    if layout == "circular":
        pos = nx.circular_layout(G)
    elif layout == "shell":
        pos = nx.shell_layout(G)
    else:
        pos = nx.spring_layout(G, seed=seed)
    return {v: (float(p[0]), float(p[1])) for v, p in pos.items()}

