"""Tests of solvers.dynamics.invasion: the small-mutation-limit chain, its stationary distribution, invasion graphs."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
import sympy

from games import Game, GameError, SymmetricGame
from solvers import invasion_graph, small_mutation_chain, stationary_distribution


def brute_fermi_fixation(A, z, beta, mutant, resident):
    """Fixation of one mutant by first-step analysis of the full birth-death chain (linear solve)."""
    M = np.zeros((z + 1, z + 1))
    rhs = np.zeros(z + 1)
    M[0, 0] = M[z, z] = 1.0
    rhs[z] = 1.0
    for j in range(1, z):
        pm = ((j - 1) * A[mutant][mutant] + (z - j) * A[mutant][resident]) / (z - 1)
        pr = (j * A[resident][mutant] + (z - j - 1) * A[resident][resident]) / (z - 1)
        tp = j * (z - j) / z**2 / (1 + math.exp(-beta * (pm - pr)))
        tm = j * (z - j) / z**2 / (1 + math.exp(beta * (pm - pr)))
        M[j, j], M[j, j + 1], M[j, j - 1] = tp + tm, -tp, -tm
    return float(np.linalg.solve(M, rhs)[1])


def eigen_stationary(T):
    """Left eigenvector of T for the eigenvalue closest to 1, normalised (independent of lstsq)."""
    vals, vecs = np.linalg.eig(T.T)
    v = np.real(vecs[:, np.argmin(abs(vals - 1))])
    return v / v.sum()


@pytest.mark.parametrize("r", [0.8, 1.5, 3.0])
def test_two_strategy_chain_matches_hand_computed_moran_case(r):
    # mutant-independent fitness r (strategy A) vs 1 (strategy B), w = 1 (Nowak 2006, eq. 6.2)
    z = 12
    g = Game.from_bimatrix([[r, r], [1, 1]], strategies=(["A", "B"], ["A", "B"]))
    rho_a = (1 - 1 / r) / (1 - r ** (-z))  # one A among B's
    rho_b = (1 - r) / (1 - r**z)  # one B (fitness 1) among A's (fitness r)
    T = small_mutation_chain(g, z, selection=1.0, rule="moran")
    assert T.edges["B", "A"]["weight"] == pytest.approx(rho_a, rel=1e-12)
    assert T.edges["A", "B"]["weight"] == pytest.approx(rho_b, rel=1e-12)
    assert T.edges["A", "A"]["weight"] == pytest.approx(1 - rho_b, rel=1e-12)
    pi = stationary_distribution(T)
    # two-state chain: pi_A * rho_b = pi_B * rho_a
    assert pi["A"] == pytest.approx(rho_a / (rho_a + rho_b), rel=1e-10)
    assert sum(pi.values()) == pytest.approx(1.0, abs=1e-14)
    assert T.nodes["A"]["stationary"] == pytest.approx(pi["A"], rel=1e-12)


def test_three_strategy_chain_against_brute_force():
    A = [[3, 0, 1], [5, 1, 2], [2, 4, 0.5]]
    names = ["X", "Y", "W"]
    z, beta = 15, 0.5
    g = Game.from_bimatrix(A, strategies=(names, names))
    chain = small_mutation_chain(g, z, selection=beta)
    T = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            if i != j:
                T[i, j] = brute_fermi_fixation(A, z, beta, mutant=j, resident=i) / 2
        T[i, i] = 1 - T[i].sum()
    got = nx.to_numpy_array(chain, nodelist=names, weight="weight")
    np.testing.assert_allclose(got, T, rtol=1e-9, atol=1e-15)
    pi = stationary_distribution(chain)
    np.testing.assert_allclose([pi[s] for s in names], eigen_stationary(T), rtol=1e-8)
    assert sum(pi.values()) == pytest.approx(1.0, abs=1e-12)


def test_prisoners_dilemma_invasion_graph():
    # defectors out-earn cooperators at every j, so only D invades C
    pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    H = invasion_graph(small_mutation_chain(pd, 20, selection=0.5))
    assert set(H.edges) == {("C", "D")}
    assert H.edges["C", "D"]["ratio"] > 1
    assert H.graph["kind"] == "invasion"


def test_rock_paper_scissors_is_a_cycle_with_uniform_stationary_distribution():
    # P beats R at every j, etc.: the invasion graph is the cycle R -> P -> S -> R, and the
    # cyclic symmetry of the game makes the stationary distribution uniform
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    g = Game.from_bimatrix(rps, strategies=(["R", "P", "S"], ["R", "P", "S"]))
    chain = small_mutation_chain(g, 30, selection=2.0)
    H = invasion_graph(chain)
    assert set(H.edges) == {("R", "P"), ("P", "S"), ("S", "R")}
    pi = stationary_distribution(chain)
    for s in "RPS":
        assert pi[s] == pytest.approx(1 / 3, rel=1e-9)


def test_neutral_selection_no_invasion_edges():
    g = Game.from_bimatrix([[1, 2], [0, 5]])
    chain = small_mutation_chain(g, 10, selection=0.0)
    assert invasion_graph(chain).number_of_edges() == 0
    assert all(d["fixation"] == pytest.approx(0.1, rel=1e-12) for a, b, d in chain.edges(data=True) if a != b)
    assert stationary_distribution(chain) == pytest.approx({"s1": 0.5, "s2": 0.5}, rel=1e-12)


def test_symmetric_nplayer_game_chain():
    # 4-player public goods with r = 3 < n: defection favoured; compare with brute force of the
    # linear payoff difference pi_C - pi_D = r/n (1 - (n-1)/(Z-1)) - 1 (constant in j)
    k = sympy.Symbol("k")
    n, z, beta = 4, 10, 1.0
    pgg = SymmetricGame(n, {"C": sympy.Rational(3, n) * (k + 1) - 1, "D": sympy.Rational(3, n) * k}, count=k)
    delta = 3 / n * (1 - (n - 1) / (z - 1)) - 1
    rho_c = (1 - math.exp(-beta * delta)) / (1 - math.exp(-beta * delta * z))
    rho_d = (1 - math.exp(beta * delta)) / (1 - math.exp(beta * delta * z))
    chain = small_mutation_chain(pgg, z, selection=beta)
    assert chain.edges["D", "C"]["fixation"] == pytest.approx(rho_c, rel=1e-10)
    assert chain.edges["C", "D"]["fixation"] == pytest.approx(rho_d, rel=1e-10)
    assert stationary_distribution(chain)["D"] == pytest.approx(rho_d / (rho_c + rho_d), rel=1e-10)


def test_stationary_distribution_warns_on_several_closed_classes():
    C = nx.DiGraph()
    C.add_nodes_from("AB")
    C.add_edge("A", "A", weight=1.0)
    C.add_edge("B", "B", weight=1.0)
    with pytest.warns(RuntimeWarning, match="2 closed classes"):
        pi = stationary_distribution(C)
    assert sum(pi.values()) == pytest.approx(1.0)


def test_errors():
    C = nx.DiGraph()
    C.add_weighted_edges_from([("A", "B", 0.7), ("A", "C", 0.6)])
    with pytest.raises(GameError, match="outgoing weights of 'A' sum to 1.3"):
        stationary_distribution(C)
    C = nx.DiGraph()
    C.add_weighted_edges_from([("A", "B", -0.1)])
    with pytest.raises(GameError, match="negative"):
        stationary_distribution(C)
    with pytest.raises(GameError, match="small_mutation_chain"):
        invasion_graph(nx.DiGraph())
    with pytest.raises(GameError, match="not symmetric"):
        small_mutation_chain(Game.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]]), 10, selection=1)
    with pytest.raises(GameError, match="1 strategy"):
        small_mutation_chain(Game.from_bimatrix([[1]]), 10, selection=1)


def _symmetric_library_games():
    import games
    from solvers.dynamics.fixation import _strategy_names

    params = games.essay.parameters()
    out = []
    for name in sorted(games.library(family="normal-form")):
        g = games.build(name).subs(params)
        try:
            _strategy_names(g, "test")
        except GameError:
            continue
        out.append(pytest.param(g, id=name))
    return out


@pytest.mark.parametrize("game", _symmetric_library_games())
def test_library_two_strategy_chains(game):
    # payoffs are in dollars (up to ~1e7): scale the selection intensity so rho does not underflow
    if isinstance(game, SymmetricGame):
        n = int(game.n_players)
        scale = max(abs(float(game.payoff(s, k))) for s in range(2) for k in range(n))
        names = game.strategies
    else:
        scale = float(np.abs(game.numeric_arrays()[0]).max())
        names = game.strategies[0]
    z = 60
    chain = small_mutation_chain(game, z, selection=2.0 / max(scale, 1.0))
    pi = stationary_distribution(chain)
    assert sum(pi.values()) == pytest.approx(1.0, abs=1e-12)
    if len(names) == 2:
        a, b = names
        rho_a, rho_b = chain.edges[b, a]["fixation"], chain.edges[a, b]["fixation"]
        assert pi[a] == pytest.approx(rho_a / (rho_a + rho_b), rel=1e-9, abs=1e-300)
        H = invasion_graph(chain)
        assert ((b, a) in H.edges) == (rho_a > 1 / z * (1 + 1e-9))


def test_stationary_distribution_relative_accuracy_for_tiny_probabilities():
    # birth-death chain A <-> B <-> C: detailed balance gives pi_B / pi_A = p_AB / p_BA and
    # pi_C / pi_B = p_BC / p_CB (hand derivation); values of 1e-45 must keep their digits
    p_ab, p_ba, p_bc, p_cb = 1e-20, 0.5, 1e-25, 0.3
    C = nx.DiGraph()
    C.add_weighted_edges_from([("A", "B", p_ab), ("B", "A", p_ba), ("B", "C", p_bc), ("C", "B", p_cb)])
    pi = stationary_distribution(C)
    ratio_b = p_ab / p_ba
    ratio_c = ratio_b * p_bc / p_cb
    total = 1 + ratio_b + ratio_c
    assert pi["A"] == pytest.approx(1 / total, rel=1e-14)
    assert pi["B"] == pytest.approx(ratio_b / total, rel=1e-12, abs=0)
    assert pi["C"] == pytest.approx(ratio_c / total, rel=1e-12, abs=0)


def test_single_absorbing_state_is_unique_stationary_distribution():
    # B -> A impossible, A -> B possible, C transient: all mass ends in B (no warning)
    C = nx.DiGraph()
    C.add_weighted_edges_from([("A", "B", 0.2), ("C", "A", 0.5), ("C", "B", 0.1)])
    C.add_node("B")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pi = stationary_distribution(C)
    assert pi == {"A": 0.0, "B": 1.0, "C": 0.0}


def test_strong_selection_underflow_gives_absorbing_defection():
    # prisoner's dilemma, beta = 50, Z = 100: rho(C in D) underflows to exactly 0; D is absorbing
    pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    chain = small_mutation_chain(pd, 100, selection=50.0)
    assert chain.edges["D", "C"]["fixation"] == 0.0
    assert stationary_distribution(chain) == {"C": 0.0, "D": 1.0}

