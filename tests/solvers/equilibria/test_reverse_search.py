"""The exact reverse-search enumeration against lrsnash (lrslib) and against solving every basis.

lrsnash is lrslib's exact reverse search in C (installed by ``.ci/run``); the all-bases enumeration
(:func:`solvers.equilibria.exact_vertices._exact_vertices`) is an independent brute force: it solves
every (support, tight set) system, so it cannot miss a vertex through a pivoting error.
"""

from __future__ import annotations

import tracemalloc
from fractions import Fraction

import numpy as np
import pytest

from games import Game
from solvers import nash_equilibria
from solvers.equilibria.exact_vertices import _exact_vertices, exact_extreme_integer
from solvers.equilibria.integers import _positive
from solvers.equilibria.lex_walk import lex_vertices
from solvers.equilibria.reverse_search import reverse_search_extreme
from tests.solvers.equilibria.lrsnash import lrsnash_equilibria


def _pairs(res: tuple) -> set:
    rows, cols, pairs, _ = res
    norm = [tuple(Fraction(a, sum(v)) for a in v) for v in rows], [tuple(Fraction(a, sum(v)) for a in v) for v in cols]
    return {(norm[0][i], norm[1][j]) for i, j in pairs}


def _random_game(seed: int, high: int, shape: tuple[int, int] | None = None) -> tuple[list[list[int]], list[list[int]]]:
    rng = np.random.default_rng(seed)
    m, n = shape if shape else (int(rng.integers(1, 6)), int(rng.integers(1, 6)))
    return rng.integers(0, high, (m, n)).tolist(), rng.integers(0, high, (m, n)).tolist()


@pytest.mark.parametrize("high", [2, 3, 5, 1000])
def test_every_vertex_once_equals_solving_every_basis(high):
    # 100 polytopes each, up to 5 x 5; integers in 0..high-1 (high = 2, 3: very degenerate).
    for seed in range(100):
        _, B = _random_game(seed, high)
        C = _positive(B)
        ref = _exact_vertices(C, len(C), len(C[0]))
        got = [mask for _, mask, _ in lex_vertices(C)]
        assert len(got) == len(set(got)), "a vertex reported twice"
        assert set(got) == set(ref)


@pytest.mark.parametrize("high", [2, 3, 5, 1000])
def test_equilibria_and_degeneracy_equal_the_all_bases_enumeration(high):
    for seed in range(100):
        A, B = _random_game(seed, high)
        ref = exact_extreme_integer(A, B, "bases")
        got = reverse_search_extreme(A, B)
        assert _pairs(got) == _pairs(ref), (A, B)
        assert got[3] == ref[3]


@pytest.mark.parametrize("high", [2, 4, 100])
def test_equals_lrsnash_on_small_generated_games(high):
    for seed in range(40):
        A, B = _random_game(1000 + seed, high)
        assert _pairs(reverse_search_extreme(A, B)) == lrsnash_equilibria(A, B), (A, B)


@pytest.mark.parametrize("size", [8, 9, 10])
@pytest.mark.parametrize("high", [10, 10**6])
def test_equals_lrsnash_8x8_to_10x10(size, high):
    # never fewer equilibria than lrsnash, and never another one: the sets are equal.
    A, B = _random_game(size, high, (size, size))
    eqs = nash_equilibria(Game.from_bimatrix(A, B), exact=True)
    got = {(tuple(Fraction(int(v.p), int(v.q)) for v in e.profile[0]), tuple(Fraction(int(v.p), int(v.q)) for v in e.profile[1]))
           for e in eqs}
    assert got == lrsnash_equilibria(A, B)
    assert eqs.method == "vertex enumeration (exact)"


def test_non_square_and_degenerate_equal_lrsnash():
    # 6 x 9 and 9 x 4 games with payoffs in 0..2: many ties, components.
    for seed, shape in enumerate([(6, 9), (9, 4), (7, 7)]):
        A, B = _random_game(seed, 3, shape)
        assert _pairs(reverse_search_extreme(A, B)) == lrsnash_equilibria(A, B)


def test_memory_does_not_grow_with_the_vertices_visited():
    # P of this random 9 x 9 game has 631 vertices; the walk's Python allocations stay those of one
    # root-to-leaf path of dictionaries (each 10 x 10 integers of about 200 bits), far below storing one
    # dictionary per vertex visited (631 x 110 integers x ~50 bytes, about 3.5 MB).
    A, B = _random_game(9, 10**6, (9, 9))
    C = _positive(B)
    tracemalloc.start()
    count = 0
    for _ in lex_vertices(C):
        count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == len(_exact_vertices(C, 9, 9)) > 600  # every vertex, counted by the brute force
    assert peak < 500_000, peak  # bytes


@pytest.mark.parametrize("high", [2, 3, 100])
def test_two_by_n_without_walking_q_equals_lrsnash_and_all_bases(high):
    # 2 x n games skip the walk of Q (its degeneracy is read off the columns); n up to 12.
    for seed in range(40):
        rng = np.random.default_rng(500 + seed)
        n = int(rng.integers(1, 13))
        A, B = rng.integers(0, high, (2, n)).tolist(), rng.integers(0, high, (2, n)).tolist()
        got = reverse_search_extreme(A, B)
        assert _pairs(got) == lrsnash_equilibria(A, B), (A, B)
        if n <= 8:
            ref = exact_extreme_integer(A, B, "bases")
            assert got[3] == ref[3] and _pairs(got) == _pairs(ref)


def test_huge_payoffs_equal_solving_every_basis():
    # payoffs up to 4 x 10^399: ratios past the float range take the exact comparison path.
    for seed in range(60):
        rng = np.random.default_rng(seed)
        m, n = int(rng.integers(1, 5)), int(rng.integers(1, 5))

        def huge(rng=rng, m=m, n=n):
            return [[int(v) * 10 ** int(e) for v, e in zip(r, re)]
                    for r, re in zip(rng.integers(0, 5, (m, n)), rng.integers(0, 400, (m, n)))]

        A, B = huge(), huge()
        ref = exact_extreme_integer(A, B, "bases")
        got = reverse_search_extreme(A, B)
        assert _pairs(got) == _pairs(ref) and got[3] == ref[3]


@pytest.mark.parametrize("high", [2, 3, 1000])
def test_partners_solved_per_vertex_past_the_mask_cap_equal_the_all_bases_enumeration(monkeypatch, high):
    # With no label set of Q kept (MASK_CAP = 0, as past 2^18 vertices of Q), every vertex of P has its
    # partners solved for (the face of Q with the labels it misses); the brute force solves every basis.
    import solvers.equilibria.reverse_search as rs

    monkeypatch.setattr(rs, "MASK_CAP", 0)
    for seed in range(60):
        A, B = _random_game(300 + seed, high)
        ref = exact_extreme_integer(A, B, "bases")
        got = reverse_search_extreme(A, B)
        assert _pairs(got) == _pairs(ref), (A, B)
        assert got[3] == ref[3]


def test_degenerate_games_equal_lrsnash_through_the_kept_label_sets():
    # Payoffs in 0..2 on 6 x 6 to 8 x 8: Q has degenerate vertices, whose weights are kept with their
    # label sets; a vertex x of P pairs with every kept vertex of Q holding every label x misses.
    for seed in range(12):
        rng = np.random.default_rng(700 + seed)
        size = 6 + seed % 3
        A, B = rng.integers(0, 3, (size, size)).tolist(), rng.integers(0, 3, (size, size)).tolist()
        got = reverse_search_extreme(A, B)
        # a pure strategy with two pure best responses (a tie for the maximum in a column of A or a row
        # of B) makes the game degenerate
        tie = any(sorted(c)[-1] == sorted(c)[-2] for c in zip(*A)) or any(sorted(r)[-1] == sorted(r)[-2] for r in B)
        assert tie and got[3]
        assert _pairs(got) == lrsnash_equilibria(A, B), (A, B)
