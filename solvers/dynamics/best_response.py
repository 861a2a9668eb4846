r"""Best-response graphs of finite games, their attractors and basins.

The (better-response) graph of a game has one node per pure-strategy profile
and an edge :math:`s \to s'` whenever ``s'`` differs from ``s`` in the strategy
of one player ``i`` only and strictly improves ``i``'s payoff.  Its sinks are
exactly the pure Nash equilibria; its sink strongly connected components are
the attractors of better-response dynamics (a cycle such as matching pennies'
is an attractor without an equilibrium).  Every path eventually enters an
attractor, so the attractors reachable from a profile are where myopic
unilateral improvement can lead from it.

Payoff comparisons are exact (sympy numbers), so ties are never broken by
floating-point noise.

References
----------
Monderer, D. & Shapley, L. S. (1996). Potential games. Games Econ. Behav.
14, 124-143 (improvement paths).
Pangallo, M., Heinrich, T. & Farmer, J. D. (2019). Best reply structure and
equilibrium convergence in generic games. Science Advances 5, eaat1328.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from typing import Any

import networkx as nx

from games.core import Game
from games.errors import GameError, SymbolicError
from games.symmetric import SymmetricGame

__all__ = ["best_response_graph", "attractors", "reachable_attractors", "basins"]


def _as_game(game: Any, where: str) -> Game:
    if isinstance(game, SymmetricGame):
        return game.to_game()
    if not isinstance(game, Game):
        raise GameError(f"{where}: expected a Game or SymmetricGame, got {type(game).__name__}")
    return game


def best_response_graph(game: Game | SymmetricGame, *, best_only: bool = False) -> nx.DiGraph:
    r"""The directed graph of strictly improving unilateral deviations.

    Parameters
    ----------
    game : Game or SymmetricGame
        A numeric game with any number of players (a ``SymmetricGame`` is
        expanded with :meth:`~games.symmetric.SymmetricGame.to_game`, small ``n``
        only).
    best_only : bool, default False
        Keep only the deviations to a best response (the best-response graph
        proper); otherwise every strictly improving deviation (the
        better-response graph).  The sinks are the same.

    Returns
    -------
    networkx.DiGraph
        Nodes are profiles as tuples of strategy names, one per player, with
        attributes ``index`` (tuple of strategy indices), ``payoffs`` (tuple of
        exact sympy payoffs), ``label`` (``"C, D"``) and ``equilibrium`` (True
        for sinks: the pure Nash equilibria).  Edges carry ``player`` (name),
        ``player_index``, ``gain`` (exact payoff gain, > 0) and ``best`` (True
        when the target strategy is a best response).  Graph attributes:
        ``kind="best_response"``, ``name``, ``players``, ``strategies``.

    Raises
    ------
    GameError
        Not a game.
    SymbolicError
        The game has free symbols (they are named), or a payoff comparison
        cannot be decided.

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> G = best_response_graph(pd)
    >>> sorted(G.edges(("C", "C"), data="gain"))
    [(('C', 'C'), ('C', 'D'), 2), (('C', 'C'), ('D', 'C'), 2)]
    >>> [v for v, eq in G.nodes(data="equilibrium") if eq]
    [('D', 'D')]
    >>> mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [sorted(a) for a in attractors(best_response_graph(mp))]   # one 4-cycle, no equilibrium
    [[('s1', 's1'), ('s1', 's2'), ('s2', 's1'), ('s2', 's2')]]
    """
    where = "best_response_graph"
    g = _as_game(game, where)
    if g.free_symbols:
        names = ", ".join(sorted(s.name for s in g.free_symbols))
        raise SymbolicError(
            f"{where}: game {g.name!r} has free symbols {names}; substitute values first (game.subs)"
        )
    shape = g.shape
    G = nx.DiGraph(
        kind="best_response", name=g.name, players=g.players, strategies=g.strategies, best_only=bool(best_only)
    )
    profiles = list(itertools.product(*(range(m) for m in shape)))

    def node(idx: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(g.strategies[i][s] for i, s in enumerate(idx))

    for idx in profiles:
        G.add_node(
            node(idx), index=idx, payoffs=tuple(arr[idx] for arr in g.payoffs),
            label=", ".join(node(idx)), equilibrium=True,
        )
    for idx in profiles:
        for i, arr in enumerate(g.payoffs):
            here = arr[idx]
            alts = []
            for s in range(shape[i]):
                if s == idx[i]:
                    continue
                other = idx[:i] + (s,) + idx[i + 1:]
                gain = arr[other] - here
                positive = gain.is_positive
                if positive is None:
                    raise SymbolicError(f"{where}: cannot decide the sign of the payoff gain {gain} of {g.players[i]!r}")
                alts.append((other, gain, positive))
            if not alts:
                continue
            best_gain = max(gain for _, gain, _ in alts)
            for other, gain, positive in alts:
                if not positive:
                    continue
                is_best = bool(gain == best_gain)
                G.nodes[node(idx)]["equilibrium"] = False
                if best_only and not is_best:
                    continue
                G.add_edge(node(idx), node(other), player=g.players[i], player_index=i, gain=gain, best=is_best)
    return G


def _sink_components(G: nx.DiGraph) -> tuple[list[frozenset[Hashable]], dict[Hashable, int], nx.DiGraph]:
    C = nx.condensation(G)
    mapping = C.graph["mapping"]
    sinks = [c for c in C.nodes if C.out_degree(c) == 0]
    return [frozenset(C.nodes[c]["members"]) for c in sinks], mapping, C


def attractors(G: nx.DiGraph) -> list[frozenset[Hashable]]:
    """The sink strongly connected components of a directed graph.

    For a best-response graph these are the attractors of better-response
    dynamics: singletons are the pure Nash equilibria, larger sets are
    cycles no unilateral improvement leaves.  Sorted by size, then by their
    smallest node.

    Parameters
    ----------
    G : networkx.DiGraph

    Returns
    -------
    list of frozenset

    Examples
    --------
    >>> import networkx as nx
    >>> attractors(nx.DiGraph([(1, 2), (2, 3), (3, 2), (1, 4)]))
    [frozenset({4}), frozenset({2, 3})]
    """
    comps, _, _ = _sink_components(G)
    return sorted(comps, key=lambda c: (len(c), sorted(map(repr, c))))


def reachable_attractors(G: nx.DiGraph) -> dict[Hashable, list[frozenset[Hashable]]]:
    """For every node, the attractors that improvement paths from it can reach.

    Parameters
    ----------
    G : networkx.DiGraph
        A best-response graph (or any directed graph).

    Returns
    -------
    dict
        ``{node: [attractor, ...]}`` in the order of :func:`attractors`.  A
        node of an attractor reaches only that attractor.

    Examples
    --------
    >>> from games import Game
    >>> stag = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["S", "H"], ["S", "H"]))
    >>> reach = reachable_attractors(best_response_graph(stag))
    >>> reach[("S", "H")]
    [frozenset({('H', 'H')}), frozenset({('S', 'S')})]
    """
    comps = attractors(G)
    out: dict[Hashable, list[frozenset[Hashable]]] = {v: [] for v in G.nodes}
    for comp in comps:
        rep = next(iter(comp))
        for v in nx.ancestors(G, rep) | {rep}:
            out[v].append(comp)
    return out


def basins(G: nx.DiGraph, *, exclusive: bool = False) -> dict[frozenset[Hashable], set[Hashable]]:
    """The basin of attraction of each attractor.

    Parameters
    ----------
    G : networkx.DiGraph
    exclusive : bool, default False
        If False, a node belongs to the basin of every attractor some path
        from it reaches (basins may overlap).  If True, only nodes from which
        that attractor is the *only* reachable one (the basins then partition
        a subset of the nodes).

    Returns
    -------
    dict
        ``{attractor: set of nodes}``, attractors in the order of :func:`attractors`.

    Examples
    --------
    >>> from games import Game
    >>> stag = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["S", "H"], ["S", "H"]))
    >>> b = basins(best_response_graph(stag), exclusive=True)
    >>> sorted(b[frozenset({("S", "S")})])
    [('S', 'S')]
    """
    reach = reachable_attractors(G)
    out: dict[frozenset[Hashable], set[Hashable]] = {c: set() for c in attractors(G)}
    for v, comps in reach.items():
        if exclusive and len(comps) != 1:
            continue
        for c in comps:
            out[c].add(v)
    return out

