r"""Connected components of the equilibrium set of a two-player game, as Gambit's enummixed "cliques".

The set of Nash equilibria of a bimatrix game is a finite union of convex
polytopes :math:`\mathrm{conv}(X) \times \mathrm{conv}(Y)`, its maximal *Nash
subsets* (Millham 1974; Winkels 1979; Jansen 1981): X is a set of extreme row
strategies and Y a set of extreme column strategies such that every pair in
:math:`X \times Y` is an extreme equilibrium.  In the bipartite graph whose
edges are the extreme equilibria, the maximal Nash subsets are exactly the
maximal complete bipartite subgraphs ("cliques"), and the connected
components of the equilibrium set are the connected components of that graph
(Avis, Rosenberg, Savani and von Stengel 2010, Section 4).

Maximal cliques are found as closed sets: every maximal clique's column set is
an intersection of neighbourhoods of row vertices, so all intersections of the
row neighbourhoods are generated and each paired with its common neighbours.

References
----------
D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
equilibria for two-player games", Economic Theory 42 (2010) 9-37, Section 4.

Examples
--------
>>> from games import Game
>>> ones = Game.from_bimatrix([[1, 1], [1, 1]])
>>> comps = equilibrium_components(ones)
>>> len(comps), comps[0].cliques
(1, (((0, 1), (0, 1)),))
>>> print(comps[0])
conv{(1, 0) | (0, 1)} x conv{(1, 0) | (0, 1)}
"""

from __future__ import annotations

from games.core import Game
from solvers.equilibria.vertices import vertex_enumeration
from solvers.results.equilibria import EquilibriumComponent, ExtremeEquilibria

__all__ = ["equilibrium_components", "components_from_extreme"]


def components_from_extreme(ext: ExtremeEquilibria) -> list[EquilibriumComponent]:
    """The connected components (with their maximal cliques) of a set of extreme equilibria.

    Components are ordered by their first extreme equilibrium; inside a
    component, vertex indices are local to that component.
    """
    n_pairs = len(ext.pairs)
    parent = list(range(n_pairs))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    by_row: dict[int, int] = {}
    by_col: dict[int, int] = {}
    for k, (i, j) in enumerate(ext.pairs):
        for d, key in ((by_row, i), (by_col, j)):
            if key in d:
                ra, rb = find(d[key]), find(k)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
            else:
                d[key] = k
    groups: dict[int, list[int]] = {}
    for k in range(n_pairs):
        groups.setdefault(find(k), []).append(k)
    out = []
    for root in sorted(groups):
        members = groups[root]
        rows = sorted({ext.pairs[k][0] for k in members})
        cols = sorted({ext.pairs[k][1] for k in members})
        r_local = {r: a for a, r in enumerate(rows)}
        c_local = {c: a for a, c in enumerate(cols)}
        nbr: dict[int, frozenset[int]] = {}
        for k in members:
            i, j = ext.pairs[k]
            nbr[r_local[i]] = nbr.get(r_local[i], frozenset()) | {c_local[j]}
        closed: set[frozenset[int]] = set(nbr.values())
        frontier = set(closed)
        while frontier:
            new: set[frozenset[int]] = set()
            for a in frontier:
                for b in closed:
                    c = a & b
                    if c and c not in closed:
                        new.add(c)
            closed |= new
            frontier = new
        cliques = []
        for ys in closed:
            xs = tuple(sorted(r for r, nb in nbr.items() if ys <= nb))
            cliques.append((xs, tuple(sorted(ys))))
        # keep only maximal ones (closed sets are maximal by construction; sort for determinism)
        cliques.sort()
        out.append(
            EquilibriumComponent(
                extreme=tuple(members),
                cliques=tuple(cliques),
                row_vertices=tuple(ext.row_vertices[r] for r in rows),
                col_vertices=tuple(ext.col_vertices[c] for c in cols),
            )
        )
    return out


def equilibrium_components(game: Game, *, exact: bool | None = None) -> list[EquilibriumComponent]:
    """The connected components of the Nash equilibrium set of a numeric two-player game.

    Parameters
    ----------
    game : Game
        A two-player game without free symbols.
    exact : bool, optional
        As in :func:`solvers.equilibria.vertices.vertex_enumeration`.

    Returns
    -------
    list of EquilibriumComponent
        Each with its maximal Nash subsets ("cliques"); a nondegenerate game
        has only isolated equilibria (one clique of one pair each).

    Examples
    --------
    >>> from games import Game
    >>> g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> [len(c.extreme) for c in equilibrium_components(g)]
    [2, 1]
    """
    return components_from_extreme(vertex_enumeration(game, exact=exact))

