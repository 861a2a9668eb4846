"""The qhull route of float vertex enumeration (:mod:`solvers.equilibria.float_vertices`), checked against
hand-derived polytopes, lrsnash (lrslib's exact rational reverse search, installed by ``.ci/run``) and the
pivoting walk it falls back to.
"""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest

from games import Game
from solvers import nash_equilibria
from solvers.equilibria.float_vertices import (
    _float_vertices,
    _hull_applies,
    _hull_vertices,
    _polytope_vertices,
    _row_keys,
)
from tests.solvers.equilibria.lrsnash import lrsnash_equilibria


def _as_sets(z: np.ndarray, labels: np.ndarray) -> dict[frozenset[int], tuple[float, ...]]:
    return {frozenset(np.nonzero(row)[0].tolist()): tuple(np.round(p, 12).tolist()) for p, row in zip(z, labels)}


def test_box_has_its_two_to_the_d_vertices():
    # C = diag(1, 2, 4, 5, 8): the polytope {z >= 0, c_i z_i <= 1} is the box prod [0, 1/c_i], simple, with
    # 2^5 vertices z_i in {0, 1/c_i}; label i when z_i = 0, label 5 + i when z_i = 1/c_i (hand derivation).
    c = np.array([1.0, 2.0, 4.0, 5.0, 8.0])
    out = _hull_vertices(np.diag(c), 1e-9, 1e-6)
    assert out is not None  # the qhull route answered, without the walk
    z, labels, ambiguous = out
    expected = {}
    for upper in itertools.product([False, True], repeat=5):
        labs = frozenset(5 + i if u else i for i, u in enumerate(upper))
        expected[labs] = tuple(round(1 / c[i], 12) if u else 0.0 for i, u in enumerate(upper))
    assert _as_sets(z, labels) == expected
    assert not ambiguous.any()


def test_degenerate_simplex_vertices_carry_every_tight_label():
    # C = all ones, 4 x 3: three copies of the constraint sum z <= 1, so the polytope is the simplex with
    # vertices 0 (labels 0..3) and e_i (z_j = 0 for j != i, and all three copies tight: 3 + 3 = 6 labels
    # > dimension 4, degenerate).  qhull triangulates each such facet; its simplices merge to one vertex.
    out = _hull_vertices(np.ones((4, 3)), 1e-9, 1e-6)
    assert out is not None
    z, labels, _ = out
    expected = {frozenset(range(4)): (0.0, 0.0, 0.0, 0.0)}
    for i in range(4):
        expected[frozenset({j for j in range(4) if j != i} | {4, 5, 6})] = tuple(float(j == i) for j in range(4))
    assert _as_sets(z, labels) == expected


@pytest.mark.parametrize("seed", range(40))
def test_qhull_and_the_walk_find_the_same_vertices(seed):
    # Two algorithms, one answer: polytopes of small integers (0..hi-1, scaled to [1, 2]) are full of
    # degenerate vertices; both routes must give the same label sets and points.
    rng = np.random.default_rng(seed)
    own, opp, hi = int(rng.integers(2, 8)), int(rng.integers(2, 8)), int(rng.integers(2, 6))
    M = rng.integers(0, hi, (own, opp)).astype(float)
    c = 1.0 + (M - M.min()) / (M.max() - M.min()) if M.max() > M.min() else np.ones_like(M)
    hull = _hull_vertices(c, 1e-9, 1e-6)
    assert hull is not None
    walk = _float_vertices(c, 1e-9, 1e-6)
    assert len(hull[0]) == len(walk[0]) == len(set(_row_keys(walk[1]).tolist()))
    got, ref = _as_sets(hull[0], hull[1]), _as_sets(walk[0], walk[1])
    assert got.keys() == ref.keys()
    for k in got:
        np.testing.assert_allclose(got[k], ref[k], atol=1e-9)


def test_qhull_memory_bound_by_the_upper_bound_theorem():
    # McMullen's bound for a d-polytope with N facets: C(N - floor((d+1)/2), N - d) + C(N - floor((d+2)/2), N - d).
    # 14 x 14: d = 14, N = 28: C(21, 14) + C(20, 14) = 116280 + 38760 = 155040 vertices, x 14 = 2,170,560 <= 2.5e6.
    # 30 x 8, P: d = 30, N = 38: C(23, 8) + C(22, 8) = 490314 + 319770 = 810084, x 30 = 24.3e6: the walk.
    assert _hull_applies(14, 14)
    assert not _hull_applies(30, 8) and _hull_applies(8, 30)
    assert not _hull_applies(1, 5)  # a segment: qhull needs dimension 2
    assert not _hull_applies(2, 61)  # 63 labels do not fit an int64 bit mask


def _reference(A: np.ndarray, B: np.ndarray, den: int) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    ref = lrsnash_equilibria([[Fraction(int(v), den) for v in r] for r in A], [[Fraction(int(v), den) for v in r] for r in B])
    return sorted((tuple(map(float, x)), tuple(map(float, y))) for x, y in ref)


def _assert_equal(eqs: list, ref: list) -> None:
    """The same equilibria up to 1e-9 (each of lrsnash's matched to one of ours: sorting floats that differ
    in the 16th digit would pair them wrongly)."""
    got = [np.concatenate(e.as_floats()) for e in eqs]
    assert len(got) == len(ref), (got, ref)
    for x, y in ref:
        r = np.concatenate([x, y])
        hit = next(k for k, g in enumerate(got) if np.abs(g - r).max() <= 1e-9)
        got.pop(hit)


@pytest.mark.parametrize("shape", [(9, 9), (10, 10), (9, 7), (5, 11), (11, 4)])
def test_float_mode_on_the_qhull_route_equals_lrsnash(shape):
    # three-decimal payoffs, past the integer route's 1000 bases: the qhull route answers, as float mode.
    rng = np.random.default_rng(sum(shape) + 1)  # (seed 20 makes the 10 x 10 game near-degenerate: exact)
    A, B = rng.integers(0, 1000, shape), rng.integers(0, 1000, shape)
    eqs = nash_equilibria(Game.from_bimatrix(A / 1000, B / 1000), exact=False)
    assert eqs.method == "vertex enumeration (float)"
    _assert_equal(eqs, _reference(A, B, 1000))


@pytest.mark.parametrize("seed", range(8))
def test_degenerate_integer_games_in_float_mode_equal_lrsnash(seed):
    # 7 x 7 and 8 x 6 games of integers 0..3 (ties everywhere: degenerate vertices on the qhull route, and
    # components), past the integer route's 1000 bases: every extreme equilibrium lrsnash lists, no more.
    rng = np.random.default_rng(seed)
    shape = (7, 7) if seed % 2 == 0 else (8, 6)
    A, B = rng.integers(0, 4, shape), rng.integers(0, 4, shape)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        eqs = nash_equilibria(Game.from_bimatrix(A.astype(float), B.astype(float)), exact=False)
    assert eqs.method == "vertex enumeration (float)"
    _assert_equal(eqs, _reference(A, B, 1))


def test_a_near_tie_at_a_degenerate_vertex_is_left_to_the_walk():
    # The simplex of test_degenerate_simplex_vertices_carry_every_tight_label with C[0, 0] = 1 + 1e-10: at
    # e_0 / (1 + 1e-10) the first constraint is tight and the other two have slack 1e-10 / (1 + 1e-10),
    # within tol = 1e-9 but not round-off: not an exact tie, so qhull's answer is refused.
    c = np.ones((4, 3))
    c[0, 0] += 1e-10
    assert _hull_vertices(c, 1e-9, 1e-6) is None
    z, labels, _ = _polytope_vertices(c, 1e-9, 1e-6)  # the walk answers
    walk = _float_vertices(c, 1e-9, 1e-6)
    assert _as_sets(z, labels) == _as_sets(walk[0], walk[1])


def _solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Gauss-Jordan elimination in rationals; None when the matrix is singular."""
    k = len(rows)
    a = [row[:] + [r] for row, r in zip(rows, rhs)]
    for col in range(k):
        piv = next((r for r in range(col, k) if a[r][col] != 0), None)
        if piv is None:
            return None
        a[col], a[piv] = a[piv], a[col]
        for r in range(k):
            if r != col and a[r][col] != 0:
                f = a[r][col] / a[col][col]
                a[r] = [u - f * v for u, v in zip(a[r], a[col])]
    return [a[r][k] / a[r][r] for r in range(k)]


def _exact_masks(c: np.ndarray) -> set[int]:
    """The label masks of the vertices of {z >= 0 : C^T z <= 1}, C's doubles read as exact rationals: every
    choice of ``own`` constraints solved exactly, kept when feasible, its mask every constraint tight there."""
    own, opp = c.shape
    G = [[Fraction(-int(i == j)) for j in range(own)] for i in range(own)]
    G += [[Fraction(float(c[i, j])) for i in range(own)] for j in range(opp)]
    b = [Fraction(0)] * own + [Fraction(1)] * opp
    masks = set()
    for basis in itertools.combinations(range(own + opp), own):
        z = _solve([G[k] for k in basis], [b[k] for k in basis])
        if z is None:
            continue
        slack = [bk - sum(g * v for g, v in zip(row, z)) for row, bk in zip(G, b)]
        if min(slack) >= 0:
            masks.add(sum(1 << k for k, s in enumerate(slack) if s == 0))
    return masks


def test_a_simple_qhull_answer_equals_exact_enumeration_on_near_degenerate_polytopes():
    # Small integers plus noise of 1e-12 to 1e-7: many vertices closer than the tolerance allows one to
    # be sure of.  Whenever qhull's answer passes as simple (every vertex exactly ``own`` tight
    # constraints, each neighbour one pivot away), its label sets are exactly those of the exact
    # enumeration (every basis solved in rationals, the doubles read exactly).
    simple = 0
    for seed in range(60):
        rng = np.random.default_rng(1000 + seed)
        own, opp, hi = int(rng.integers(2, 6)), int(rng.integers(2, 6)), int(rng.integers(2, 6))
        M = rng.integers(0, hi, (own, opp)) + 10.0 ** rng.uniform(-12, -7) * rng.random((own, opp))
        c = 1.0 + (M - M.min()) / (M.max() - M.min())
        out = _hull_vertices(c, 1e-9, 1e-6)
        if out is None or (out[1].sum(axis=1) > own).any():
            continue
        simple += 1
        assert set(_row_keys(out[1]).tolist()) == _exact_masks(c), seed
    assert simple >= 10
