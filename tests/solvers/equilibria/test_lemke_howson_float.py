"""The float Lemke-Howson pivoting (condensed tableaux, BLAS update, fast ratio test with a lexicographic fallback):
a hand-traced degenerate path, the integer path's ends on degenerate games, and a textbook full-tableau path."""

from __future__ import annotations

import numpy as np
import pytest
from sympy import Rational as R

from games import Game, SizeLimitError
from solvers import is_nash_equilibrium, lemke_howson
from solvers.equilibria import float_pivoting
from solvers.equilibria.float_pivoting import _float_path

# von Stengel (2002), Section 3's 3 x 2 game with B[0] = (3, 3): row 0 makes both columns best responses.
DEGENERATE = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])


def test_lexicographic_rule_decides_the_degenerate_3x2_path_traced_by_hand(monkeypatch):
    # min(A) = 0, min(B) = 1, so A' = A + 1 = [[4,4],[3,6],[1,7]] and B' = B.  Label 0 dropped:
    # 1. x0 enters P (rows s0, s1 with x0-entries B'[0] = 3, 3; right-hand sides 1, 1): ratios 1/3, 1/3 tie.
    #    The lexicographic rule compares column s0 over the tied rows: 1/3 (row s0) and 0/3 (row s1), so s1
    #    leaves (label 4).  (Taking the first tied row instead, s0 leaves, y0 enters Q with ratios 1/4, 1/3,
    #    1/1, r0 leaves, which is label 0: the path would stop at ((1,0,0), (1,0)) after two pivots.)
    # 2. y1 enters Q: column (4, 6, 7), ratios 1/4, 1/6, 1/7: r2 leaves (label 2).
    # 3. x2 enters P: after pivot 1 the rows are s0: (0, -4, 2 | rhs 0) and x0: (1, 2, 1/3 | rhs 1/3), so
    #    ratios 0/2 and 1: s0 leaves (label 3; a degenerate pivot).
    # 4. y0 enters Q: column (24/7, 15/7, 1/7), rhs (3/7, 1/7, 1/7), ratios 1/8, 1/15, 1: r1 leaves (label 1).
    # 5. x1 enters P: rows x2: (-2 | rhs 0) and x0: (8/3 | rhs 1/3): only x0 is admissible, and x0 leaves.
    #    Label 0 has left: the end, x = (0, 1/8, 1/4), y = (1/15, 2/15), i.e. ((0, 1/3, 2/3), (1/3, 2/3)),
    #    payoffs A y = (3, 4, 4) -> 4 and x B = (8/3, 8/3) -> 8/3.
    end = ((0, R(1, 3), R(2, 3)), (R(1, 3), R(2, 3)))
    exact = lemke_howson(DEGENERATE, label=0, exact=True)
    assert exact.profile == end and exact.payoffs == (4, R(8, 3))
    calls = []
    masked = float_pivoting._ratio_row

    def spy(*args):
        calls.append(1)
        return masked(*args)

    monkeypatch.setattr(float_pivoting, "_ratio_row", spy)
    f = lemke_howson(DEGENERATE, label=0, exact=False)
    np.testing.assert_allclose(f.as_floats()[0], (0, 1 / 3, 2 / 3), atol=1e-14)
    np.testing.assert_allclose(f.as_floats()[1], (1 / 3, 2 / 3), atol=1e-14)
    np.testing.assert_allclose(f.payoffs, (4, 8 / 3), atol=1e-14)
    # the masked (lexicographic) test ran on pivot 1 (the tie) and pivot 5 (a barred row with right-hand side 0,
    # whose fast ratio 0 / PIVOT_TOL = 0 came first); pivots 2 to 4 took the fast test
    assert len(calls) == 2
    for exact_mode in (True, False):  # five pivots exactly
        assert lemke_howson(DEGENERATE, label=0, exact=exact_mode, max_pivots=5).profile is not None
        with pytest.raises(SizeLimitError, match="max_pivots=4"):
            lemke_howson(DEGENERATE, label=0, exact=exact_mode, max_pivots=4)


@pytest.mark.parametrize("seed", range(60))
def test_float_path_ends_where_the_integer_path_ends_on_degenerate_games(seed):
    # Payoffs in -3..3 make ties (degenerate games) common; the integer path compares ratios exactly with the
    # same lexicographic rule, so the float path must take the same pivots and end at the same equilibrium.
    rng = np.random.default_rng(500 + seed)
    m, n = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    g = Game.from_bimatrix(rng.integers(-3, 4, (m, n)).tolist(), rng.integers(-3, 4, (m, n)).tolist())
    for k in range(m + n):
        e = lemke_howson(g, label=k, exact=True)
        f = lemke_howson(g, label=k, exact=False)
        for p, q in zip(e.as_floats(), f.as_floats()):
            np.testing.assert_allclose(q, p, atol=1e-12, err_msg=f"seed {seed}, label {k}")
        assert is_nash_equilibrium(g, f.profile)


def _textbook_path(A: np.ndarray, B: np.ndarray, k: int) -> tuple[set[int], set[int], int]:
    """Lemke-Howson on the full tableaux [B'^T | I | 1] and [I | A' | 1] (von Stengel 2002, Section 3.4), with
    the lexicographic minimum-ratio test row by row in plain Python: the end bases and the number of pivots."""
    m, n = A.shape
    Ap, Bp = A - A.min() + 1, B - B.min() + 1
    tabs = [np.hstack([Bp.T, np.eye(n), np.ones((n, 1))]), np.hstack([np.eye(m), Ap, np.ones((m, 1))])]
    basis = [list(range(m, m + n)), list(range(m))]
    lex = [list(range(m, m + n)), list(range(m))]
    side, entering, pivots = (0 if k < m else 1), k, 0
    while True:
        t = tabs[side]
        rows = [r for r in range(t.shape[0]) if t[r, entering] > 1e-10]
        for j in [-1, *lex[side]]:
            best = min(t[r, j] / t[r, entering] for r in rows)
            rows = [r for r in rows if t[r, j] / t[r, entering] <= best + 1e-13 * max(1.0, abs(best))]
            if len(rows) == 1:
                break
        r = rows[0]
        t[r] /= t[r, entering]
        for i in range(t.shape[0]):
            if i != r:
                t[i] -= t[i, entering] * t[r]
        pivots += 1
        leaving, basis[side][r] = basis[side][r], entering
        if leaving == k:
            return set(basis[0]), set(basis[1]), pivots
        side, entering = 1 - side, leaving


@pytest.mark.parametrize(("size", "seed"), [(100, 0), (100, 1), (100, 2), (40, 0), (7, 3)])
def test_condensed_path_takes_the_textbook_full_tableau_path_on_random_float_games(size, seed):
    rng = np.random.default_rng(seed)
    A, B = rng.random((size, size)), rng.random((size, size))
    g = Game.from_bimatrix(A.tolist(), B.tolist())
    for k in sorted({0, size - 1, size, 2 * size - 1}):
        bp, bq, pivots = _textbook_path(A, B, k)
        basis, _ = _float_path(A, B, k, pivots)  # the same number of pivots suffices ...
        assert (set(basis[0]), set(basis[1])) == (bp, bq), (size, seed, k)
        if pivots > 1:
            with pytest.raises(SizeLimitError):  # ... and one fewer does not
                _float_path(A, B, k, pivots - 1)
        e = lemke_howson(g, label=k, exact=False)
        assert set(e.support[0]) == {i for i in bp if i < size}
        assert set(e.support[1]) == {j - size for j in bq if j >= size}
        assert is_nash_equilibrium(g, e.as_floats(), tol=1e-9)


def test_100x100_path_from_label_0_needs_the_pivots_quantecon_counts():
    # QuantEcon 0.11.4's lemke_howson(..., init_pivot=0, full_output=True).num_iter on these games (seeds 0..4 of
    # rng.random((100, 100)) for A then B): 38, 8, 7, 1304, 1634 pivots (the same lexicographic rule).
    for seed, pivots in ((0, 38), (1, 8), (2, 7), (3, 1304)):
        rng = np.random.default_rng(seed)
        A, B = rng.random((100, 100)), rng.random((100, 100))
        _float_path(A, B, 0, pivots)
        with pytest.raises(SizeLimitError):
            _float_path(A, B, 0, pivots - 1)
