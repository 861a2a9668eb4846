"""Float mode that never stalls, the 2 x 2 closed form and the size and time guard, checked against lrsnash.

Every expected answer here is lrsnash's (lrslib's exact rational reverse search, installed by ``.ci/run``
from Debian's ``lrslib``), read by :mod:`tests.solvers.equilibria.lrsnash`.  lrsnash is given the game's
own rational payoffs, kept to denominators of at most 1e12: lrslib 7.1's hybrid arithmetic silently
returns non-equilibria on games with 1e27-sized entries (seen while writing these tests), so it is not
a reference there.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest

from games import Game, GameError, SizeLimitError
from solvers import nash_equilibria, vertex_enumeration
from solvers.equilibria.closed_form import two_by_two
from solvers.equilibria.float_vertices import _dedupe_float, _float_extreme
from tests.solvers.equilibria.lrsnash import lrsnash_equilibria


def _rational(game: Game, k: int) -> list[list[Fraction]]:
    M = game.payoffs[k]
    m, n = game.shape
    return [[Fraction(int(M[i, j].p), int(M[i, j].q)) for j in range(n)] for i in range(m)]


def _reference(game: Game) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    return sorted((tuple(map(float, x)), tuple(map(float, y))) for x, y in lrsnash_equilibria(_rational(game, 0), _rational(game, 1)))


def _assert_matches_lrsnash(game: Game, eqs: list, atol: float = 1e-9) -> None:
    """``eqs``: Equilibrium objects, or (x, y) pairs of float tuples."""
    ref = _reference(game)
    got = sorted(e if isinstance(e, tuple) else e.as_floats() for e in eqs)
    assert len(got) == len(ref), (got, ref)
    for (gx, gy), (rx, ry) in zip(got, ref):
        np.testing.assert_allclose(gx, rx, atol=atol)
        np.testing.assert_allclose(gy, ry, atol=atol)


def _zero_sum_plus_noise(seed: int) -> Game:
    """A 6 x 5 zero-sum game of integers in -3..3 (ties everywhere) plus noise below 1e-9 (multiples of 1e-12)."""
    rng = np.random.default_rng(seed)
    A = rng.integers(-3, 4, (6, 5)).tolist()
    na, nb = rng.integers(1, 1000, (6, 5)).tolist(), rng.integers(1, 1000, (6, 5)).tolist()
    tiny = Fraction(1, 10**12)
    return Game.from_bimatrix(
        [[a + k * tiny for a, k in zip(ra, rk)] for ra, rk in zip(A, na)],
        [[-a + k * tiny for a, k in zip(ra, rk)] for ra, rk in zip(A, nb)],
    )


@pytest.mark.parametrize("seed", range(20))
def test_near_degenerate_zero_sum_float_mode_equals_lrsnash(seed):
    # The stalling case: float mode used to take minutes, warn thousands of times and return 2
    # equilibria where there is 1.  Now it is recognised as near-degenerate and computed exactly.
    game = _zero_sum_plus_noise(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not a single warning
        eqs = nash_equilibria(game, exact=False)
    assert "near-degenerate" in eqs.method
    assert not eqs.exact and all(isinstance(v, float) for e in eqs for p in e.profile for v in p)
    _assert_matches_lrsnash(game, eqs)


def test_near_degenerate_zero_sum_has_one_equilibrium():
    # lrsnash finds exactly one equilibrium of the seed-0 game; so must float mode.
    game = _zero_sum_plus_noise(0)
    assert len(_reference(game)) == 1
    assert len(nash_equilibria(game, exact=False)) == 1


def _hidden_near_tie(seed: int) -> Game:
    """4 x 4: no two payoffs a player compares are close, but x = (1/2, 1/2, 0, 0) leaves every column
    within 1e-7 of a tie (B[1] = 10 - B[0] + small), so a vertex of P has slacks near the tolerance."""
    rng = np.random.default_rng(seed)
    A = rng.integers(0, 100, (4, 4)) / 10
    B = np.zeros((4, 4))
    B[0] = rng.permutation(4) * 2.0 + 1
    B[1] = 10 - B[0] + rng.integers(1, 30, 4) * 1e-8
    B[2:] = rng.permutation(np.arange(8)).reshape(2, 4) + 0.5
    return Game.from_bimatrix(A, B)


@pytest.mark.parametrize("seed", range(12))
def test_hidden_near_degeneracy_equals_lrsnash(seed):
    game = _hidden_near_tie(seed)
    _assert_matches_lrsnash(game, nash_equilibria(game, exact=False))
    _assert_matches_lrsnash(game, vertex_enumeration(game, exact=False).profiles())


def test_hidden_near_degeneracy_is_detected_from_the_slacks():
    # seed 1: the raw numpy search (tolerance 1e-9) finds 4 candidate pairs where lrsnash finds 3;
    # the ambiguous-slack test flags it, and nash_equilibria hands it to integers.
    game = _hidden_near_tie(1)
    A, B = game.numeric_arrays()
    raw, near = _float_extreme(A, B, 1e-9)
    assert near and len(raw.pairs) == 4 and len(_reference(game)) == 3
    assert "near-degenerate" in nash_equilibria(game, exact=False).method


@pytest.mark.parametrize("shape", [(6, 6), (7, 7), (6, 8), (8, 8)])
@pytest.mark.parametrize("seed", range(3))
def test_float_mode_equals_lrsnash(shape, seed):
    # three-decimal payoffs: generic; 6 x 6 and up (more than 300 bases) take the float search (qhull),
    # which answers without the exact fallback.
    rng = np.random.default_rng(seed)
    game = Game.from_bimatrix(rng.integers(0, 1000, shape) / 1000, rng.integers(0, 1000, shape) / 1000)
    eqs = nash_equilibria(game, exact=False)
    assert eqs.method == "vertex enumeration (float)"
    _assert_matches_lrsnash(game, eqs)


@pytest.mark.parametrize(("shape", "route"), [
    ((5, 5), "vertex enumeration (float output, computed in integers)"),   # 251 bases <= 300
    ((2, 20), "vertex enumeration (float output, computed in integers)"),  # a side of 2: 230 bases, up to 1000
    ((4, 7), "vertex enumeration (float)"),                                # 329 bases > 300: qhull
    ((6, 6), "vertex enumeration (float)"),                                # 923 bases
])
def test_float_mode_route_by_size_and_the_answer_equals_lrsnash(shape, route):
    rng = np.random.default_rng(7)
    game = Game.from_bimatrix(rng.integers(0, 1000, shape) / 1000, rng.integers(0, 1000, shape) / 1000)
    eqs = nash_equilibria(game, exact=False)
    assert eqs.method == route
    _assert_matches_lrsnash(game, eqs)


@pytest.mark.parametrize("seed", range(6))
def test_small_decimal_games_take_the_numpy_route(seed):
    # 4 x 4 and 5 x 5 games of 7-decimal payoffs have large common denominators: numpy, same answer.
    rng = np.random.default_rng(seed)
    size = 4 + seed % 2
    game = Game.from_bimatrix(rng.integers(0, 10**7, (size, size)) / 10**7, rng.integers(0, 10**7, (size, size)) / 10**7)
    eqs = nash_equilibria(game, exact=False)
    assert eqs.method == "vertex enumeration (float)"
    _assert_matches_lrsnash(game, eqs)


def test_dedupe_by_hashing_merges_copies_and_keeps_distinct_points():
    # 3000 distinct random probability vectors, each repeated with an offset of 1e-13: 3000 remain.
    rng = np.random.default_rng(0)
    xs = rng.dirichlet(np.ones(5), 3000)
    pts = np.vstack([xs, xs + 1e-13])
    ys = np.full((6000, 2), 0.5)
    pairs = [(i, 0) for i in range(6000)]
    out = _dedupe_float(pts, ys, pairs, 1e-7)
    assert len(out) == 3000
    assert len(_dedupe_float(pts, ys, [(i, 0) for i in range(3000)], 1e-7)) == 3000


# --- 2 x 2 closed form -----------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(4))
def test_two_by_two_equals_lrsnash_on_generated_games(seed):
    # 50 games each of integers in 0..3 (many degenerate, which fall back to the enumeration) and 0..99.
    rng = np.random.default_rng(seed)
    high = 4 if seed % 2 == 0 else 100
    for _ in range(50):
        A, B = rng.integers(0, high, (2, 2)), rng.integers(0, high, (2, 2))
        game = Game.from_bimatrix(A, B)
        ref = lrsnash_equilibria(A.tolist(), B.tolist())
        exact = nash_equilibria(game)
        got = {(tuple(Fraction(str(v)) for v in e.profile[0]), tuple(Fraction(str(v)) for v in e.profile[1])) for e in exact}
        assert got == ref, (A.tolist(), B.tolist())
        closed = two_by_two(A.tolist(), B.tolist())
        if closed is not None:
            assert exact.method == "2 x 2 closed form (exact)"
            norm = {(tuple(Fraction(a, sum(x)) for a in x), tuple(Fraction(b, sum(y)) for b in y)) for x, y in closed}
            assert norm == ref
        _assert_matches_lrsnash(game, nash_equilibria(game, exact=False))


def test_two_by_two_closed_form_payoffs():
    # matching pennies 2, -2: both mix 1/2, 1/2 and the payoffs are 0 (hand derivation).
    game = Game.from_bimatrix([[2, -2], [-2, 2]], [[-2, 2], [2, -2]])
    (e,) = nash_equilibria(game)
    assert e.as_floats() == ((0.5, 0.5), (0.5, 0.5)) and tuple(e.payoffs) == (0, 0)
    assert nash_equilibria(game, exact=False)[0].payoffs == (0.0, 0.0)


# --- size and time guard --------------------------------------------------------------------------------

def test_size_guard_names_the_size_and_suggests_lemke_howson():
    game = Game.from_bimatrix(np.ones((40, 40)), np.ones((40, 40)))
    with pytest.raises(SizeLimitError, match=r'40 x 40 game .* method="lemke-howson"'):
        nash_equilibria(game)


def test_time_limit_stops_the_enumeration():
    rng = np.random.default_rng(3)
    game = Game.from_bimatrix(rng.integers(0, 100, (11, 11)), rng.integers(0, 100, (11, 11)))
    with pytest.raises(SizeLimitError, match="time_limit exceeded"):
        nash_equilibria(game, exact=True, time_limit=0.01)
    with pytest.raises(SizeLimitError, match="time_limit exceeded"):
        nash_equilibria(Game.from_bimatrix(rng.random((13, 13)), rng.random((13, 13))), exact=False, time_limit=0.01)


@pytest.mark.parametrize("bad", [0, -1.0, "1", True])
def test_time_limit_must_be_positive(bad):
    with pytest.raises(GameError, match="time_limit must be a positive number"):
        nash_equilibria(Game.from_bimatrix([[1, 0], [0, 1]]), time_limit=bad)


def test_time_limit_that_is_not_reached_changes_nothing():
    game = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    assert nash_equilibria(game, time_limit=60) == nash_equilibria(game)


def test_time_limit_lets_a_game_past_the_size_guard_run_in_bounded_memory():
    # 16 x 16 has 6.0e8 bases (> 1e8): refused at once without a time limit, enumerated with one (by the
    # reverse search, float output) until the limit stops it.
    rng = np.random.default_rng(16)
    game = Game.from_bimatrix(rng.integers(0, 1000, (16, 16)) / 1000, rng.integers(0, 1000, (16, 16)) / 1000)
    with pytest.raises(SizeLimitError, match="bases to enumerate"):
        nash_equilibria(game, exact=False)
    with pytest.raises(SizeLimitError, match="time_limit exceeded"):
        nash_equilibria(game, exact=False, time_limit=0.3)


def test_float_arrays_equal_numeric_arrays_and_are_kept_per_live_game():
    # p/q integer division is correctly rounded, as float(sympy.Rational) is: the same doubles.
    import gc

    from solvers.equilibria import verify

    rng = np.random.default_rng(5)
    big = [[int(v) * 10**15 + 7 for v in row] for row in rng.integers(-10**6, 10**6, (7, 5))]  # beyond 2^53
    game = Game.from_bimatrix(rng.random((7, 5)), big)
    fast, slow = verify.float_arrays(game), game.numeric_arrays()
    assert all(np.array_equal(a, b) for a, b in zip(fast, slow))
    assert verify.float_arrays(game)[0] is fast[0] and not fast[0].flags.writeable
    ident = id(game)
    del game, fast
    gc.collect()
    assert not [k for k in verify._CACHE if k[0] == ident]
