r"""The small-mutation limit: a Markov chain over monomorphic populations.

When mutations are rare, a finite population spends almost all its time
monomorphic; a mutant either fixes or is lost before the next one arises
(Fudenberg & Imhof 2006).  The population then moves between the ``m``
monomorphic states ``A -> B`` with probability

.. math::

   T_{AB} = \frac{\rho_{B \to A}}{m - 1}, \qquad T_{AA} = 1 - \sum_{B \ne A} T_{AB},

where :math:`\rho_{B \to A}` is the fixation probability of one ``B`` mutant
among ``Z - 1`` ``A`` residents (:func:`~solvers.dynamics.fixation.fixation_probability`).
The stationary distribution of ``T`` is the long-run share of time spent in
each state.  The *invasion graph* (the picture EGTtools draws) keeps the edges
``A -> B`` along which selection favours the invader, :math:`\rho_{B\to A} > 1/Z`.

References
----------
Fudenberg, D. & Imhof, L. A. (2006). Imitation processes with small mutations.
J. Econ. Theory 131, 251-262.
Imhof, L. A., Fudenberg, D. & Nowak, M. A. (2005). Evolutionary cycles of
cooperation and defection. PNAS 102, 10797-10800.
Fernández Domingos, E. et al. (2023). EGTtools: Evolutionary game dynamics in
Python. iScience 26, 106419.
"""

from __future__ import annotations

import warnings

import networkx as nx
import numpy as np

from games.core import Game
from games.errors import GameError
from games.symmetric import SymmetricGame
from solvers.dynamics.fixation import _strategy_names, fixation_probability

__all__ = ["small_mutation_chain", "stationary_distribution", "invasion_graph"]


def small_mutation_chain(
    game: Game | SymmetricGame, population: int, *, selection: float, rule: str = "fermi"
) -> nx.DiGraph:
    r"""The small-mutation-limit Markov chain over monomorphic states.

    Parameters
    ----------
    game : Game or SymmetricGame
        A numeric symmetric two-player game (``B = A.T``, any number of
        strategies) or a numeric ``SymmetricGame``.
    population : int
        Population size ``Z >= 2``.
    selection : float
        Intensity of selection (``beta`` for ``"fermi"``, ``w`` for ``"moran"``).
    rule : {"fermi", "moran"}
        Update rule, as in :func:`~solvers.dynamics.fixation.fixation_probability`.

    Returns
    -------
    networkx.DiGraph
        Nodes: strategy names, with ``index`` and ``stationary`` (the
        stationary probability).  Edges ``A -> B`` for every ordered pair,
        with ``weight`` (transition probability :math:`T_{AB}`), ``fixation``
        (:math:`\rho_{B\to A}`) and ``ratio`` (:math:`Z\rho_{B\to A}`, > 1 when
        selection favours the invader), plus self-loops ``A -> A`` with the
        probability of staying.  Graph attributes: ``kind="small_mutation"``,
        ``name``, ``population``, ``selection``, ``rule``, ``neutral`` (= 1/Z).

    Raises
    ------
    GameError, ParameterError, SymbolicError, UnknownNameError
        As :func:`~solvers.dynamics.fixation.fixation_probability`; a game with one
        strategy.

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> T = small_mutation_chain(pd, 10, selection=1.0)
    >>> round(T.edges["C", "D"]["weight"], 4), T.edges["D", "C"]["weight"] < 1e-6
    (0.9017, True)
    >>> round(T.nodes["D"]["stationary"], 6)
    1.0
    """
    where = "small_mutation_chain"
    names = _strategy_names(game, where)
    m = len(names)
    if m < 2:
        raise GameError(f"{where}: the game has {m} strategy; at least 2 are needed for invasions")
    G = nx.DiGraph(
        kind="small_mutation", name=getattr(game, "name", ""), population=int(population),
        selection=float(selection), rule=rule, neutral=1.0 / int(population),
    )
    for i, s in enumerate(names):
        G.add_node(s, index=i)
    for i, a in enumerate(names):
        leave = 0.0
        for j, b in enumerate(names):
            if i == j:
                continue
            rho = fixation_probability(game, population, selection=selection, rule=rule, mutant=j, resident=i)
            w = rho / (m - 1)
            leave += w
            G.add_edge(a, b, weight=w, fixation=rho, ratio=rho * int(population))
        G.add_edge(a, a, weight=max(0.0, 1.0 - leave), fixation=None, ratio=None)
    pi = stationary_distribution(G)
    for s, p in pi.items():
        G.nodes[s]["stationary"] = p
    return G


def stationary_distribution(chain: nx.DiGraph) -> dict[str, float]:
    r"""The stationary distribution :math:`\pi T = \pi`, :math:`\sum \pi = 1` of a chain.

    Parameters
    ----------
    chain : networkx.DiGraph
        Edge attribute ``weight`` holds transition probabilities; each node's
        outgoing weights (self-loop included) should sum to 1.  Missing
        self-loops are filled in as ``1 - sum``.

    Returns
    -------
    dict
        ``{node: probability}``, in node order.

    Raises
    ------
    GameError
        A negative weight, or outgoing weights above 1.

    Warns
    -----
    RuntimeWarning
        If the chain has several closed classes (e.g. fixation probabilities
        that underflow to 0 under very strong selection), so that the
        stationary distribution is not unique; a least-squares solution is
        returned.  One closed class (an absorbing state, say) is fine: the
        distribution is then zero outside it.

    Notes
    -----
    Computed by the Grassmann-Taksar-Heyman state reduction, which keeps a
    small *relative* error even for probabilities of 1e-30 (strong selection).

    References
    ----------
    Grassmann, W. K., Taksar, M. I. & Heyman, D. P. (1985). Regenerative
    analysis and steady state distributions for Markov chains. Oper. Res. 33,
    1107-1116.

    Examples
    --------
    >>> import networkx as nx
    >>> C = nx.DiGraph()
    >>> C.add_weighted_edges_from([("A", "B", 0.3), ("B", "A", 0.1)])
    >>> {k: round(v, 6) for k, v in stationary_distribution(C).items()}
    {'A': 0.25, 'B': 0.75}
    """
    nodes = list(chain.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    T = nx.to_numpy_array(chain, nodelist=nodes, weight="weight")
    if (T < 0).any():
        raise GameError("stationary_distribution: negative transition weight (allowed: probabilities in [0, 1])")
    out_sum = T.sum(axis=1) - np.diag(T)
    if (out_sum > 1 + 1e-9).any():
        bad = nodes[int(np.argmax(out_sum))]
        raise GameError(f"stationary_distribution: outgoing weights of {bad!r} sum to {out_sum.max():.6g} (allowed: <= 1)")
    np.fill_diagonal(T, 1.0 - out_sum)
    # the stationary distribution lives on the closed communicating classes; it is unique
    # iff there is exactly one (then: GTH on that class, zero elsewhere)
    support = nx.DiGraph()
    support.add_nodes_from(range(n))
    support.add_edges_from((i, j) for i in range(n) for j in range(n) if i != j and T[i, j] > 0)
    C = nx.condensation(support)
    closed = [sorted(C.nodes[c]["members"]) for c in C.nodes if C.out_degree(c) == 0]
    pi = None
    if len(closed) == 1:
        members = closed[0]
        sub = _gth(T[np.ix_(members, members)]) if len(members) > 1 else np.ones(1)
        if sub is not None:
            pi = np.zeros(n)
            pi[members] = sub
    if pi is None:
        M = (T - np.eye(n)).T
        M = np.vstack([M, np.ones(n)])
        rhs = np.zeros(n + 1)
        rhs[-1] = 1.0
        pi, *_ = np.linalg.lstsq(M, rhs, rcond=None)
        warnings.warn(
            f"stationary_distribution: the chain has {len(closed)} closed classes (transition probabilities "
            "of 0); the stationary distribution is not unique, a least-squares solution is returned",
            RuntimeWarning, stacklevel=2,
        )
        pi = np.clip(pi, 0.0, None)
    pi = pi / pi.sum()
    return {v: float(p) for v, p in zip(nodes, pi)}


def _gth(T: np.ndarray) -> np.ndarray | None:
    """Grassmann-Taksar-Heyman state reduction: a stationary vector with small relative error.

    Only sums and products of non-negative numbers occur, so probabilities of 1e-30 are as
    accurate as probabilities near 1 (Grassmann, Taksar & Heyman 1985).  Returns None when
    a reduction step finds no way down (the chain is not irreducible).
    """
    P = np.array(T, dtype=float)
    n = len(P)
    for k in range(n - 1, 0, -1):
        s = P[k, :k].sum()
        if s <= 0:
            return None
        P[:k, k] /= s
        P[:k, :k] += np.outer(P[:k, k], P[k, :k])
    pi = np.zeros(n)
    pi[0] = 1.0
    for k in range(1, n):
        pi[k] = pi[:k] @ P[:k, k]
    if not np.all(np.isfinite(pi)) or pi.sum() <= 0:
        return None
    return pi


def invasion_graph(chain: nx.DiGraph) -> nx.DiGraph:
    r"""The invasion graph: ``A -> B`` where a ``B`` mutant beats neutral drift in ``A``.

    Parameters
    ----------
    chain : networkx.DiGraph
        The output of :func:`small_mutation_chain`.

    Returns
    -------
    networkx.DiGraph
        The same nodes (with ``stationary``), the edges ``A -> B`` with
        :math:`\rho_{B\to A} > 1/Z` and their ``fixation``, ``ratio`` and
        ``weight``; ``kind="invasion"``.  Sinks are the states no mutant
        invades (evolutionarily robust strategies).

    Raises
    ------
    GameError
        If ``chain`` is not a small-mutation chain.

    Examples
    --------
    >>> from games import Game
    >>> pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    >>> list(invasion_graph(small_mutation_chain(pd, 10, selection=1.0)).edges)
    [('C', 'D')]
    """
    if chain.graph.get("kind") != "small_mutation":
        raise GameError("invasion_graph: expected the graph returned by small_mutation_chain")
    neutral = float(chain.graph["neutral"])
    H = nx.DiGraph(**{**chain.graph, "kind": "invasion"})
    H.add_nodes_from(chain.nodes(data=True))
    for a, b, d in chain.edges(data=True):
        if a != b and d["fixation"] > neutral * (1 + 1e-9):
            H.add_edge(a, b, **d)
    return H

