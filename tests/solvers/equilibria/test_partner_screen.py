"""The float screen of partners and the walk of P alone: against the exact solve, every basis, and lrsnash.

The screen (:mod:`solvers.equilibria.partner_screen`) may only rule out a vertex of P whose one candidate
partner the exact fraction-free solve rejects; the reverse search walks Q only when a degenerate vertex
or a singular system needs Q's label sets, and otherwise leaves Q's degeneracy to the first read of
``Equilibria.degenerate``.  The references: the exact solve itself (:func:`_unique_partner`), the
brute force that solves every basis of both polytopes, and lrsnash.
"""

from __future__ import annotations

import pickle
import tracemalloc
from fractions import Fraction

import numpy as np
import pytest

import solvers.equilibria.reverse_search as rs
from games import Game
from solvers import nash_equilibria
from solvers.equilibria.exact_vertices import exact_extreme_integer
from solvers.equilibria.integers import _positive, _unique_partner
from solvers.equilibria.lex_walk import lex_vertices
from solvers.equilibria.partner_screen import screen_simple_partners
from tests.solvers.equilibria.lrsnash import lrsnash_equilibria


def _pairs(res: tuple) -> set:
    rows, cols, pairs, _ = res
    norm = [tuple(Fraction(a, sum(v)) for a in v) for v in rows], [tuple(Fraction(a, sum(v)) for a in v) for v in cols]
    return {(norm[0][i], norm[1][j]) for i, j in pairs}


def _exact_verdicts(ap: list[list[int]], masks: list[int], m: int, n: int) -> list[str]:
    """For each simple vertex of P: 'partner', 'none' or 'singular', by the exact solve."""
    out = []
    for mask in masks:
        supp = [i for i in range(m) if not mask >> i & 1]
        tight = [j for j in range(n) if mask >> (m + j) & 1]
        nonsingular, got = _unique_partner(ap, supp, tight, m, n)
        out.append("singular" if not nonsingular else ("partner" if got is not None else "none"))
    return out


def _simple_masks(bp: list[list[int]], m: int) -> list[int]:
    return [mask for _, mask, _ in lex_vertices(bp) if mask.bit_count() == m]


@pytest.mark.parametrize("high", [3, 10, 1000, 10**12])
def test_the_screen_rules_out_exactly_the_vertices_the_exact_solve_rejects(high):
    # Random games, 3 x 3 to 9 x 9, every simple vertex of P: a vertex with a partner, or with a singular
    # system, is always kept; on these well-conditioned systems every vertex the exact solve rejects is
    # ruled out too (the screen does the work, not only no harm).
    kept_partners = ruled_out = rejected = 0
    for seed in range(24):
        rng = np.random.default_rng(seed)
        size = 3 + seed % 7
        A, B = rng.integers(0, high, (size, size)).tolist(), rng.integers(0, high, (size, size)).tolist()
        ap, bp = _positive(A), _positive(B)
        masks = _simple_masks(bp, size)
        exact = _exact_verdicts(ap, masks, size, size)
        screen = screen_simple_partners(ap, masks, size, size)
        for verdict, keep in zip(exact, screen):
            if verdict != "none":
                assert keep, (seed, verdict)
                kept_partners += verdict == "partner"
            else:
                rejected += 1
                ruled_out += not keep
    assert kept_partners > 20 and rejected > 200
    if high >= 1000:
        assert ruled_out == rejected
    else:  # payoffs 0..2 or 0..9: exact ties (a partner's constraint met with equality elsewhere) are kept
        assert ruled_out >= 0.8 * rejected


def test_ill_conditioned_and_singular_systems_are_kept():
    # A 2 x 2 block of determinant -1 whose condition number is about 4 x 10^12 (entries near 10^6): its
    # solution (1, -1) is left to the exact solve; so is a singular block (two equal columns).
    big = 10**6
    a = [[big + 1, big, 1], [big, big - 1, 1], [1, 1, 1]]  # rows 0, 1 on columns 0, 1: det = -1
    m = n = 3
    mask = 0b100 | (1 << (m + 0)) | (1 << (m + 1))  # x_2 = 0, columns 0 and 1 tight
    nonsingular, got = _unique_partner(a, [0, 1], [0, 1], m, n)
    assert nonsingular and got is None  # y = M^{-1} 1 = (1, -1)
    assert screen_simple_partners(a, [mask], m, n) == [True]  # too ill-conditioned to rule out in floats
    singular = [[2, 2, 1], [3, 3, 1], [1, 1, 1]]
    assert _unique_partner(singular, [0, 1], [0, 1], m, n) == (False, None)
    assert screen_simple_partners(singular, [mask], m, n) == [True]
    # a partner exactly on a further constraint (row 2 tight too: a degenerate partner) is kept
    tie = [[3, 1, 1], [1, 3, 1], [2, 2, 9]]  # y = (1/4, 1/4): A_2 y = 1
    nonsingular, got = _unique_partner(tie, [0, 1], [0, 1], m, n)
    assert nonsingular and got == ((1, 1, 0), 0b111 | 1 << (m + 2))
    assert screen_simple_partners(tie, [mask], m, n) == [True]


def test_payoffs_past_float_exactness_are_left_to_the_exact_solve():
    a = [[2**60, 1], [1, 2**60]]
    masks = [0b0101, 0b1010]  # (a vertex's mask with x_0 = 0, column 0 tight), and the mirror
    assert screen_simple_partners(a, masks, 2, 2) == [True, True]


def _screen_everything(monkeypatch):
    # the screen on every batch (however small), flushed every three vertices
    monkeypatch.setattr(rs._Partners, "MIN_SCREEN", 1)
    monkeypatch.setattr(rs._Partners, "BATCH", 3)


@pytest.mark.parametrize("high", [2, 3, 5, 1000])
def test_with_the_screen_on_every_batch_the_equilibria_and_degeneracy_equal_every_basis(monkeypatch, high):
    _screen_everything(monkeypatch)
    for seed in range(80):
        rng = np.random.default_rng(4000 + seed)
        m, n = int(rng.integers(3, 6)), int(rng.integers(1, 6))
        A, B = rng.integers(0, high, (m, n)).tolist(), rng.integers(0, high, (m, n)).tolist()
        ref = exact_extreme_integer(A, B, "bases")
        got = rs.reverse_search_extreme(A, B)
        lazy = rs.reverse_search_extreme(A, B, lazy_degenerate=True)
        assert _pairs(got) == _pairs(ref) == _pairs(lazy), (A, B)
        assert got[3] == ref[3]
        assert lazy[3] in (ref[3], None)
        if lazy[3] is None:  # left to Q's walk: P had no degenerate vertex, so the answer is Q's
            assert rs.q_is_degenerate(A) == ref[3]


def test_q_is_walked_at_a_singular_system_or_a_degenerate_vertex_and_pending_vertices_are_looked_up(monkeypatch):
    # A of payoffs 0..2 (singular systems), B of 0..10^6 (P nondegenerate): Q is walked at the first
    # singular system, midway through a batch.  Then B of 0..2 too (P degenerate), screened in batches of
    # 512: Q is walked at P's first degenerate vertex, with simple vertices still pending.
    walked = []
    original = rs._Partners._walk_q

    def spy(self):
        walked.append(len(self.pending))
        original(self)

    monkeypatch.setattr(rs._Partners, "_walk_q", spy)
    monkeypatch.setattr(rs._Partners, "MIN_SCREEN", 1)
    for high_b in (10**6, 3):
        monkeypatch.setattr(rs._Partners, "BATCH", 3 if high_b > 3 else 512)
        walked.clear()
        for seed in range(12):
            rng = np.random.default_rng(5000 + seed)
            size = 5 + seed % 3
            A, B = rng.integers(0, 3, (size, size)).tolist(), rng.integers(0, high_b, (size, size)).tolist()
            got = rs.reverse_search_extreme(A, B)
            assert _pairs(got) == lrsnash_equilibria(A, B), (A, B)
            assert got[3] is True
        assert len(walked) >= 6
        if high_b == 3:
            assert max(walked) > 0


def test_nash_equilibria_reads_degeneracy_on_demand_and_it_equals_every_basis():
    # 8 x 8 games: P nondegenerate (B random in 0..10^6).  With A random too the game is nondegenerate;
    # with a tie for the maximum of a column of A (two best responses to a pure strategy) Q is
    # degenerate, though no equilibrium shows it: the flag is left to the walk of Q, made on reading.
    for seed in range(4):
        rng = np.random.default_rng(6000 + seed)
        A, B = rng.integers(0, 10**6, (8, 8)), rng.integers(0, 10**6, (8, 8))
        tied = A.copy()
        top = int(np.argmax(tied[:, 0]))
        tied[(top + 1) % 8, 0] = tied[top, 0]
        for a, want in ((A, False), (tied, True)):
            lazy = rs.reverse_search_extreme(a.tolist(), B.tolist(), lazy_degenerate=True)
            eqs = nash_equilibria(Game.from_bimatrix(a.tolist(), B.tolist()), exact=True)
            restored = pickle.loads(pickle.dumps(eqs))
            if lazy[3] is None:
                assert eqs.degenerate is want
            else:
                assert lazy[3] is True and want
            assert restored.degenerate is want
            assert _pairs(lazy) == lrsnash_equilibria(a.tolist(), B.tolist())


def test_the_search_holds_one_path_and_one_batch_whatever_the_number_of_vertices():
    # P of this random 10 x 10 game (payoffs 0..999) has 1,832 vertices.  The search holds the dictionaries
    # of one root-to-leaf path and at most one batch of 512 pending vertices (their right-hand sides and
    # bases): about 0.8 MB here, where keeping one dictionary per vertex (11 x 10 integers of about 100
    # bits, 36 bytes each) would take 1,832 x 110 x 36 bytes, about 7 MB.
    rng = np.random.default_rng(102)
    A, B = rng.integers(0, 1000, (10, 10)).tolist(), rng.integers(0, 1000, (10, 10)).tolist()
    assert sum(1 for _ in lex_vertices(_positive(B))) == 1832
    rs.reverse_search_extreme(A, B, lazy_degenerate=True)  # numpy's first-use allocations, not counted
    tracemalloc.start()
    got = rs.reverse_search_extreme(A, B, lazy_degenerate=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(got[2]) == 23
    assert peak < 1_500_000, peak  # bytes


def test_the_deferred_flag_shows_in_repr_and_keeps_to_the_time_budget():
    # a random 10 x 10 game (P nondegenerate, every equilibrium too): the flag waits for its first read;
    # repr says so instead of walking Q; the walk is allowed what the enumeration was allowed, and past it
    # the answer is None (not determined), never an error from a property.
    from solvers.equilibria.nash import _degeneracy_of_q

    rng = np.random.default_rng(100)
    A, B = rng.integers(0, 1000, (10, 10)).tolist(), rng.integers(0, 1000, (10, 10)).tolist()
    eqs = nash_equilibria(Game.from_bimatrix(A, B), exact=True, time_limit=600)
    assert "degenerate=<deferred>" in repr(eqs) and len(eqs) == 5
    assert eqs.degenerate is False  # Q of this game has 938 vertices, each with exactly 10 labels
    assert "degenerate=False" in repr(eqs)
    assert _degeneracy_of_q(A, 0.0) is None  # out of time at the first check (every 256 pivots)
    assert _degeneracy_of_q(A, None) is False


# Found by an adversarial review: a 4 x 4 block of A, nearly singular (condition about 1.5e10) with a
# constant column, whose inverse's large entries cancel to the tiny solution y = (1/55280729, 0, 0, 0)
# (exact: every row of the block has 55280729 in column 0).  The row sums of the computed inverse put
# y_1 at -7.45e-9, below a bound of 2.9e-9 that holds for a backward-stable solve, not for those sums.
_CANCELLING_A = [[55280729, 21794196, 11396834, 21362462], [55280729, 21794197, 55280729, 23184671],
                 [55280729, 21794196, 1000001, 20930750], [55280729, 21794196, 22165095, 21809597]]


def test_a_cancelling_inverse_never_rules_out_a_degenerate_partner():
    m = n = 4
    mask = sum(1 << (m + j) for j in range(n))  # x fully mixed, every column tight
    nonsingular, got = _unique_partner(_CANCELLING_A, [0, 1, 2, 3], [0, 1, 2, 3], m, n)
    assert nonsingular and got == ((1, 0, 0, 0), 0b1111 | 0b1110 << m)  # y = e_0 / 55280729, every row tight
    assert screen_simple_partners(_CANCELLING_A, [mask], m, n) == [True]


def test_the_reviewed_games_keep_every_equilibrium_lrsnash_finds(monkeypatch):
    # the 4 x 4 game with B the identity (the screen forced on), and the 8 x 4 game through the public
    # API at default settings (88 simple vertices of P: the screen runs), both of which lost the
    # equilibrium x = (1/4, ...) or its 8 x 4 analogue, y = (1, 0, 0, 0) before the fix.
    eye = [[int(i == j) for j in range(4)] for i in range(4)]
    big_a = _CANCELLING_A + [[28224081, 2716860, 17375608, 34311065], [32610055, 27174669, 52599832, 20354972],
                             [31983880, 24028286, 39150105, 14659443], [33868961, 9346500, 18913817, 9378180]]
    big_b = [[1000000, 1, 9, 4], [8, 1000000, 9, 2], [4, 1, 1000000, 1], [10, 5, 7, 1000000],
             [1174014, 211185, 741954, 910524], [663112, 1281122, 1343065, 1914722],
             [428820, 1158726, 1000362, 928395], [1814686, 1093357, 546291, 130609]]
    eqs = nash_equilibria(Game.from_bimatrix(big_a, big_b), exact=True)
    got = {(tuple(Fraction(int(v.p), int(v.q)) for v in e.profile[0]), tuple(Fraction(int(v.p), int(v.q)) for v in e.profile[1]))
           for e in eqs}
    assert got == lrsnash_equilibria(big_a, big_b) and len(got) == 9
    monkeypatch.setattr(rs._Partners, "MIN_SCREEN", 1)
    small = rs.reverse_search_extreme(_CANCELLING_A, eye)
    assert _pairs(small) == lrsnash_equilibria(_CANCELLING_A, eye) == _pairs(exact_extreme_integer(_CANCELLING_A, eye, "bases"))
    assert len(_pairs(small)) == 9


def test_unimodular_blocks_with_a_constant_column_are_never_ruled_out_wrongly():
    # The review's generator: integer matrices of determinant +-1 (products of row operations), shifted
    # positive, column 0 made constant c.  By hand: y = e_0 / c solves M y = 1 (every row has c in column
    # 0), so every nonsingular block has that partner, nonnegative, and every block must be kept.
    rng = np.random.default_rng(11)
    blocks = []
    for _ in range(3000):
        k = int(rng.integers(3, 7))
        u = np.eye(k, dtype=np.int64)
        for _ in range(int(rng.integers(k, 4 * k))):
            i, j = rng.choice(k, 2, replace=False)
            u[i] += int(rng.integers(-30, 31)) * u[j]
        mat = u - u.min() + 1 + int(rng.choice([0, 10**3, 10**6]))
        mat[:, 0] = mat.max() + int(rng.choice([0, 1, 7]))
        if mat.max() < 2**50:
            blocks.append(mat.tolist())
    assert len(blocks) > 2500
    for mat in blocks:
        k = len(mat)
        nonsingular, got = _unique_partner(mat, list(range(k)), list(range(k)), k, k)
        if nonsingular:
            assert got is not None and got[0] == (1,) + (0,) * (k - 1)
        assert screen_simple_partners(mat, [sum(1 << (k + j) for j in range(k))], k, k) == [True], mat
