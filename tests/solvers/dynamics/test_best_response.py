"""Tests of solvers.dynamics.best_response: sinks = pure equilibria, attractors, basins."""

from __future__ import annotations

import itertools

import nashpy
import networkx as nx
import numpy as np
import pytest
import sympy

from games import Game, GameError, SymbolicError, SymmetricGame
from solvers import attractors, basins, best_response_graph, reachable_attractors


def brute_pure_equilibria(arrays: list[np.ndarray]) -> set[tuple[int, ...]]:
    """Pure Nash equilibria by checking every profile against every player's maximum along her axis."""
    out = set()
    for idx in np.ndindex(arrays[0].shape):
        ok = True
        for i, arr in enumerate(arrays):
            line = list(idx)
            line[i] = slice(None)
            if arr[idx] < arr[tuple(line)].max():
                ok = False
                break
        if ok:
            out.add(idx)
    return out


def names_of(game: Game, idx):
    return tuple(game.strategies[i][s] for i, s in enumerate(idx))


@pytest.mark.parametrize("seed", range(3))
def test_sinks_equal_pure_equilibria_on_random_two_player_games(seed):
    """300 random games in all: small integer payoffs, so ties (weak equilibria) occur often."""
    rng = np.random.default_rng(seed)
    for _ in range(100):
        m, n = rng.integers(1, 5, size=2)
        A = rng.integers(-3, 4, size=(m, n))
        B = rng.integers(-3, 4, size=(m, n))
        g = Game.from_bimatrix(A.tolist(), B.tolist())
        G = best_response_graph(g)
        sinks = {v for v in G.nodes if G.out_degree(v) == 0}
        expected = {names_of(g, idx) for idx in brute_pure_equilibria([A, B])}
        assert sinks == expected
        assert {v for v, eq in G.nodes(data="equilibrium") if eq} == expected
        assert G.number_of_nodes() == m * n


@pytest.mark.filterwarnings("ignore:An even number:RuntimeWarning")  # nashpy's parity heuristic
def test_sinks_match_nashpy_pure_equilibria_on_generic_games():
    """Independent oracle: nashpy's support enumeration on nondegenerate (continuous random) games."""
    rng = np.random.default_rng(11)
    for _ in range(40):
        A = np.round(rng.uniform(-1, 1, size=(3, 3)), 6)
        B = np.round(rng.uniform(-1, 1, size=(3, 3)), 6)
        pure = set()
        for sigma_r, sigma_c in nashpy.Game(A, B).support_enumeration():
            if np.isclose(sigma_r.max(), 1) and np.isclose(sigma_c.max(), 1):
                pure.add((int(sigma_r.argmax()), int(sigma_c.argmax())))
        g = Game.from_bimatrix(A, B)
        G = best_response_graph(g)
        assert {v for v in G.nodes if G.out_degree(v) == 0} == {names_of(g, p) for p in pure}


def test_sinks_equal_pure_equilibria_on_random_three_player_games():
    rng = np.random.default_rng(5)
    for _ in range(30):
        arrays = [rng.integers(0, 3, size=(2, 3, 2)) for _ in range(3)]
        g = Game.from_payoff_arrays([a.tolist() for a in arrays])
        G = best_response_graph(g)
        assert {v for v in G.nodes if G.out_degree(v) == 0} == {names_of(g, i) for i in brute_pure_equilibria(arrays)}
        # each node has exactly sum_i (m_i - 1) candidate deviations; edges only for strict gains
        for u, v, d in G.edges(data=True):
            i = d["player_index"]
            iu, iv = G.nodes[u]["index"], G.nodes[v]["index"]
            assert [k for k in range(3) if iu[k] != iv[k]] == [i]
            assert d["gain"] == arrays[i][iv] - arrays[i][iu] > 0


def test_matching_pennies_is_a_four_cycle_without_sink():
    mp = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], strategies=(["H", "T"], ["H", "T"]))
    G = best_response_graph(mp)
    assert G.number_of_edges() == 4
    assert all(G.out_degree(v) == 1 and G.in_degree(v) == 1 for v in G.nodes)
    cycles = list(nx.simple_cycles(G))
    assert len(cycles) == 1 and len(cycles[0]) == 4
    assert not any(eq for _, eq in G.nodes(data="equilibrium"))
    assert attractors(G) == [frozenset(G.nodes)]
    # row wins on a match: from (H, T) the row player switches to T and gains 2
    assert G.edges[("H", "T"), ("T", "T")] == {"player": "Row", "player_index": 0, "gain": 2, "best": True}


def test_prisoners_dilemma_edges_and_exact_gains():
    pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    G = best_response_graph(pd)
    assert set(G.edges) == {
        (("C", "C"), ("D", "C")), (("C", "C"), ("C", "D")),
        (("C", "D"), ("D", "D")), (("D", "C"), ("D", "D")),
    }
    assert G.edges[("C", "D"), ("D", "D")]["gain"] == 1  # 1 - 0
    assert G.nodes[("D", "D")]["payoffs"] == (1, 1)
    assert G.graph["kind"] == "best_response"


def test_best_only_keeps_best_responses_and_same_sinks():
    # from row 0 in column 0 the row player can go to row 1 (+1) or row 2 (+2): only row 2 is best
    A = [[0, 5, 0], [1, 0, 0], [2, 0, 3]]
    B = [[0, 0, 0], [0, 0, 0], [0, 0, 0]]
    g = Game.from_bimatrix(A, B)
    full = best_response_graph(g)
    best = best_response_graph(g, best_only=True)
    assert (("s1", "s1"), ("s2", "s1")) in full.edges
    assert full.edges[("s1", "s1"), ("s2", "s1")]["best"] is False
    assert (("s1", "s1"), ("s2", "s1")) not in best.edges
    assert best.edges[("s1", "s1"), ("s3", "s1")]["gain"] == 2
    assert {v for v in full if full.out_degree(v) == 0} == {v for v in best if best.out_degree(v) == 0}


def test_exact_comparison_of_irrational_and_rational_payoffs():
    # sqrt(2) exceeds 1.41421356237 = 141421356237/10^11 by ~3e-12: an exact comparison sees it
    g = Game.from_bimatrix([[sympy.sqrt(2), 0], [1.41421356237, 0]], [[0, 0], [0, 0]])
    G = best_response_graph(g)
    assert (("s2", "s1"), ("s1", "s1")) in G.edges
    assert (("s1", "s1"), ("s2", "s1")) not in G.edges


def test_stag_hunt_reachability_and_basins():
    # hand derivation: from (S, H) Row gains 3 by H -> (H, H); Column gains 4 - 3 = 1 by S -> (S, S)
    stag = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["S", "H"], ["S", "H"]))
    G = best_response_graph(stag)
    eq_s, eq_h = frozenset({("S", "S")}), frozenset({("H", "H")})
    assert set(attractors(G)) == {eq_s, eq_h}
    reach = reachable_attractors(G)
    assert set(reach[("S", "H")]) == {eq_s, eq_h}
    assert set(reach[("H", "S")]) == {eq_s, eq_h}
    assert reach[("S", "S")] == [eq_s]
    assert basins(G) == {eq_s: {("S", "S"), ("S", "H"), ("H", "S")}, eq_h: {("H", "H"), ("S", "H"), ("H", "S")}}
    assert basins(G, exclusive=True) == {eq_s: {("S", "S")}, eq_h: {("H", "H")}}


def test_cycle_and_equilibrium_coexist():
    # rock-paper-scissors among the first three strategies, plus X: (X, X) is a strict
    # equilibrium, and inside the RPS block no one gains by X (payoff -5 < -1).
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    A = [row + [-5] for row in rps] + [[-5, -5, -5, 2]]
    B = np.array(A).T.tolist()
    g = Game.from_bimatrix(A, B, strategies=(["R", "P", "S", "X"], ["R", "P", "S", "X"]))
    block = {(a, b) for a, b in itertools.product("RPS", repeat=2)}
    # better replies: from an off-diagonal profile the winner's opponent may also move to the tie
    # (e.g. (P, R): Column gains 1 by P and 2 by S), so the whole 3x3 block is one attractor
    G = best_response_graph(g)
    atts = attractors(G)
    assert atts == [frozenset({("X", "X")}), frozenset(block)]
    # best replies only: the 6-cycle (P,R) -> (P,S) -> (R,S) -> (R,P) -> (S,P) -> (S,R) -> (P,R)
    Gb = best_response_graph(g, best_only=True)
    assert attractors(Gb) == [frozenset({("X", "X")}), frozenset({(a, b) for a, b in block if a != b})]
    # (R, X): Row gains 7 by X -> (X, X); Column gains 5 by R -> (R, R) in the block: both reachable
    assert set(reachable_attractors(G)[("R", "X")]) == set(atts)
    assert basins(G, exclusive=True)[frozenset({("X", "X")})] == {("X", "X")}
    assert basins(G, exclusive=True)[frozenset(block)] == block


def test_symmetric_game_is_expanded():
    k = sympy.Symbol("k")
    # 3-player public goods with multiplication factor 2 < n: defecting dominates
    pgg = SymmetricGame(3, {"C": 2 * (k + 1) / 3 - 1, "D": 2 * k / 3}, count=k)
    G = best_response_graph(pgg)
    assert G.number_of_nodes() == 8
    assert attractors(G) == [frozenset({("D", "D", "D")})]
    # switching C -> D always gains 1 - 2/3 = 1/3
    assert {d["gain"] for *_, d in G.edges(data=True)} == {sympy.Rational(1, 3)}


def test_errors():
    x = sympy.Symbol("altruism")
    with pytest.raises(SymbolicError, match="free symbols altruism"):
        best_response_graph(Game.from_bimatrix([[x, 0], [1, 1]]))
    with pytest.raises(GameError, match="expected a Game or SymmetricGame, got list"):
        best_response_graph([[1, 0], [0, 1]])  # type: ignore[arg-type]


def test_sinks_equal_pure_equilibria_of_nash_equilibria_on_300_games():
    """The issue's acceptance test: on 300 random games (ties included), the sinks are exactly the
    pure equilibria that solvers.nash_equilibria returns (an independent vertex-enumeration code)."""
    from solvers import nash_equilibria

    rng = np.random.default_rng(2024)
    for _ in range(300):
        m, n = rng.integers(2, 4, size=2)
        A = rng.integers(-2, 3, size=(m, n))
        B = rng.integers(-2, 3, size=(m, n))
        g = Game.from_bimatrix(A.tolist(), B.tolist())
        pure = {
            tuple(g.strategies[i][int(np.argmax([float(p) for p in vec]))] for i, vec in enumerate(eq.profile))
            for eq in nash_equilibria(g) if eq.is_pure
        }
        G = best_response_graph(g)
        assert {v for v in G.nodes if G.out_degree(v) == 0} == pure


def _library_games():
    import games

    params = games.essay.parameters()
    out = []
    for name in sorted(games.library(family="normal-form")):
        g = games.build(name).subs(params)
        if isinstance(g, SymmetricGame):
            if int(g.n_players) > 6:
                continue
            g = g.to_game()
        out.append(pytest.param(g, id=name))
    return out


@pytest.mark.parametrize("game", _library_games())
def test_library_games_sinks_are_brute_force_pure_equilibria(game):
    G = best_response_graph(game)
    expected = {names_of(game, idx) for idx in brute_pure_equilibria(list(game.numeric_arrays()))}
    assert {v for v in G.nodes if G.out_degree(v) == 0} == expected
    # every profile reaches some attractor, and attractor members reach only their own
    reach = reachable_attractors(G)
    assert all(reach[v] for v in G.nodes)
    for att in attractors(G):
        assert all(reach[v] == [att] for v in att)
