"""lemke_howson: one equilibrium by complementary pivoting, checked against hand-traced paths, vertex enumeration and nashpy."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from sympy import Rational as R

from games import Game, GameError, SizeLimitError, SymbolicError, SymmetricGame
from solvers import is_nash_equilibrium, lemke_howson, nash_equilibria

STAG = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["Stag", "Hare"], ["Stag", "Hare"]))
STAG_EQS = {((1, 0), (1, 0)), ((R(3, 4), R(1, 4)), (R(3, 4), R(1, 4))), ((0, 1), (0, 1))}
# von Stengel (2002), Handbook of Game Theory vol. 3, ch. 45, Section 3 (the 3 x 2 example of Figs. 1-3)
VON_STENGEL = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
DEGENERATE = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])


def _key(eq):
    return tuple(tuple(sympy.nsimplify(v) for v in p) for p in eq.profile)


def test_matching_pennies_unique_mixed_equilibrium_from_every_label():
    pennies = Game.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    for k in range(4):
        e = lemke_howson(pennies, label=k, exact=True)
        assert e.exact
        assert e.profile == ((R(1, 2), R(1, 2)), (R(1, 2), R(1, 2)))
        assert e.payoffs == (0, 0)
        f = lemke_howson(pennies, label=k, exact=False)  # floats only, no exact re-solve
        assert not f.exact
        np.testing.assert_allclose(np.array(f.as_floats()), 0.5, atol=1e-12)
        np.testing.assert_allclose(f.payoffs, 0.0, atol=1e-12)


def test_stag_hunt_labels_reach_the_hand_traced_equilibria():
    # Shifted by +1: A' = [[5, 1], [4, 4]], B' = A'^T = [[5, 4], [1, 4]]; labels 0 Row Stag, 1 Row Hare,
    # 2 Column Stag, 3 Column Hare.
    # Label 0: x_Stag enters P; ratios 1/5 (column Stag) < 1/4 (column Hare): s_Stag leaves, label 2 is
    #   picked up.  y_Stag enters Q; ratios 1/5 (row Stag) < 1/4: r_Stag leaves, that is label 0: stop at
    #   (Stag, Stag).
    # Label 2: y_Stag enters Q first, r_Stag leaves (label 0); x_Stag enters P, s_Stag leaves (label 2):
    #   (Stag, Stag) again.
    # Label 1: x_Hare enters P; ratios 1/1 (column Stag) > 1/4 (column Hare): s_Hare leaves (label 3);
    #   y_Hare enters Q, ratios 1/1 > 1/4: r_Hare leaves (label 1): (Hare, Hare); label 3 by symmetry.
    # The mixed equilibrium (index -1, like the artificial one) is reached by no path from (0, 0).
    expected = {0: ((1, 0), (1, 0)), 1: ((0, 1), (0, 1)), 2: ((1, 0), (1, 0)), 3: ((0, 1), (0, 1))}
    for k, prof in expected.items():
        e = lemke_howson(STAG, label=k)
        assert e.profile in STAG_EQS
        assert e.profile == prof
        assert lemke_howson(STAG, label=k, exact=False).as_floats() == prof
    assert lemke_howson(STAG).payoffs == (4, 4)


def test_von_stengel_example_different_labels_reach_different_equilibria():
    # Its three equilibria (von Stengel 2002, Section 3): ((1,0,0),(1,0)), ((4/5,1/5,0),(2/3,1/3)),
    # ((0,1/3,2/3),(1/3,2/3)); the middle one has index -1 and is the end of no path from (0, 0).
    # Which label ends where was checked with nashpy's lemke_howson (same label numbering).
    eqs = {_key(e) for e in nash_equilibria(VON_STENGEL)}
    assert len(eqs) == 3
    first = ((1, 0, 0), (1, 0))
    third = ((0, R(1, 3), R(2, 3)), (R(1, 3), R(2, 3)))
    expected = {0: first, 1: third, 2: first, 3: first, 4: third}
    for k, prof in expected.items():
        e = lemke_howson(VON_STENGEL, label=k)
        assert e.exact and e.profile == prof and _key(e) in eqs
    assert lemke_howson(VON_STENGEL, label=1).payoffs == (4, R(8, 3))


def test_label_by_strategy_name_and_in_nash_equilibria():
    g = Game.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]],
                           strategies=(["T", "M", "B"], ["L", "R"]))
    assert lemke_howson(g, label="M").profile == lemke_howson(g, label=1).profile
    assert lemke_howson(g, label="R").profile == lemke_howson(g, label=4).profile
    one = nash_equilibria(g, method="lemke-howson", label="M")
    assert len(one) == 1 and one.complete is False and one.exact
    assert one.method == "Lemke-Howson, label 1 (Row's M)"
    assert one[0].profile == ((0, R(1, 3), R(2, 3)), (R(1, 3), R(2, 3)))
    assert nash_equilibria(g, method="enumeration") == nash_equilibria(g)


@pytest.mark.parametrize("seed", range(200))
def test_random_integer_games_every_label_is_an_enumerated_equilibrium(seed):
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(1, 7)), int(rng.integers(1, 7))
    hi = 4 if seed % 2 else 100  # small ranges give degenerate games, large ones generic games
    g = Game.from_bimatrix(rng.integers(-hi, hi, (m, n)).tolist(), rng.integers(-hi, hi, (m, n)).tolist())
    eqs = {e.profile for e in nash_equilibria(g)}
    for k in range(m + n):
        e = lemke_howson(g, label=k)
        assert e.exact and is_nash_equilibrium(g, e.profile)
        assert e.profile in eqs, (seed, k)
        f = lemke_howson(g, label=k, exact=False)
        assert is_nash_equilibrium(g, f.profile, tol=1e-9)


@pytest.mark.parametrize("game", [
    DEGENERATE,
    Game.from_bimatrix([[2, 0, 1], [0, 2, 1], [1, 1, 1]], [[1, 1, 1], [1, 1, 1], [0, 2, 1]]),
    Game.from_bimatrix([[1, 1], [1, 1]], [[1, 1], [1, 1]]),
    Game.from_bimatrix([[0, 0, 0], [0, 0, 0]], [[1, 2, 3], [1, 2, 3]]),
], ids=["von-stengel-3x2-degenerate", "equal-column", "all-ties", "row-indifferent"])
def test_degenerate_games_terminate_with_a_verified_equilibrium(game):
    extreme = {e.profile for e in nash_equilibria(game)}
    m, n = game.shape
    for k in range(m + n):
        e = lemke_howson(game, label=k)
        assert e.exact and is_nash_equilibrium(game, e.profile) and e.profile in extreme
        f = lemke_howson(game, label=k, exact=False)
        assert is_nash_equilibrium(game, f.profile)


def test_degenerate_3x2_game_known_ends():
    # Equilibria: (1,0,0) with any (q, 1-q), q >= 2/3 (extreme (1,0), (2/3,1/3)) and ((0,1/3,2/3),(1/3,2/3)).
    ends = {lemke_howson(DEGENERATE, label=k).profile for k in range(5)}
    allowed = {((1, 0, 0), (1, 0)), ((1, 0, 0), (R(2, 3), R(1, 3))), ((0, R(1, 3), R(2, 3)), (R(1, 3), R(2, 3)))}
    assert ends <= allowed


#: Seeds 0..39 of the game below, without those where nashpy 0.0.43 is wrong or does not finish: on seeds 1, 18,
#: 20, 31 (all 5 x 4) every label returns a profile that is not an equilibrium, on 17 (label 1) and 25 (label 8)
#: one label does, and on 17 (label 3) and 33 (label 3) it does not stop within 2 s.  Ours is verified there too
#: (test_random_integer_games_every_label_is_an_enumerated_equilibrium covers such games).  Seeds 15 and 21
#: draw a repeated payoff that makes the game degenerate, where the two implementations may break ties differently.
NASHPY_SEEDS = [s for s in range(40) if s not in {1, 15, 17, 18, 20, 21, 25, 31, 33}]


@pytest.mark.parametrize("seed", NASHPY_SEEDS)
def test_agrees_with_nashpy_on_random_nondegenerate_games(seed):
    # nashpy numbers labels as we do: 0..m-1 the rows, m..m+n-1 the columns (initial_dropped_label).
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(1000 + seed)
    m, n = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    A, B = rng.integers(0, 1000, (m, n)), rng.integers(0, 1000, (m, n))
    g = Game.from_bimatrix(A.tolist(), B.tolist())
    assert nash_equilibria(g).degenerate is False
    for k in range(m + n):
        x, y = nashpy.Game(A.astype(float), B.astype(float)).lemke_howson(initial_dropped_label=k)
        ours = lemke_howson(g, label=k, exact=False).as_floats()
        assert np.allclose(ours[0], x, atol=1e-9) and np.allclose(ours[1], y, atol=1e-9), (seed, k)


def test_where_nashpy_is_wrong_ours_is_verified():
    rng = np.random.default_rng(1001)  # seed 1 above: a 5 x 4 game
    m, n = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    g = Game.from_bimatrix(rng.integers(0, 1000, (m, n)).tolist(), rng.integers(0, 1000, (m, n)).tolist())
    assert (m, n) == (5, 4)
    eqs = {e.profile for e in nash_equilibria(g)}
    for k in range(m + n):
        e = lemke_howson(g, label=k)
        assert e.profile in eqs and is_nash_equilibrium(g, e.profile)


def test_float_mode_on_a_100x100_float_game():
    rng = np.random.default_rng(7)
    g = Game.from_bimatrix(rng.random((100, 100)), rng.random((100, 100)))
    for k in (0, 150):
        e = lemke_howson(g, label=k, exact=False)
        assert is_nash_equilibrium(g, e.profile, tol=1e-7)
        assert is_nash_equilibrium(g, e.as_floats(), tol=1e-7)


def test_float_mode_with_irrational_payoffs():
    s = sympy.sqrt(2)
    g = Game.from_bimatrix([[s, 0], [0, 1]], [[1, 0], [0, s]])
    e = lemke_howson(g, label=0)
    assert not e.exact and is_nash_equilibrium(g, e.profile)
    with pytest.raises(GameError, match="exact=True needs rational payoffs"):
        lemke_howson(g, exact=True)


def test_pivot_bound_raises_size_limit_error_with_one_line():
    with pytest.raises(SizeLimitError, match="max_pivots=1") as err:
        lemke_howson(VON_STENGEL, label=1, max_pivots=1)
    assert "\n" not in str(err.value)
    with pytest.raises(SizeLimitError):
        lemke_howson(VON_STENGEL, label=1, max_pivots=1, exact=False)
    assert lemke_howson(STAG, label=0, max_pivots=2).profile == ((1, 0), (1, 0))  # two pivots suffice


def test_bad_input():
    with pytest.raises(GameError, match=r"label must be an integer in 0\.\.4"):
        lemke_howson(VON_STENGEL, label=5)
    with pytest.raises(GameError, match=r"0\.\.4"):
        lemke_howson(VON_STENGEL, label=-1)
    with pytest.raises(GameError, match="label must be an integer"):
        lemke_howson(VON_STENGEL, label=True)
    with pytest.raises(GameError, match="'X' is not a strategy; allowed: 0..4"):
        lemke_howson(VON_STENGEL, label="X")
    with pytest.raises(GameError, match=r"both players; use 0 \(Row's Stag\) or 2 \(Column's Stag\)"):
        lemke_howson(STAG, label="Stag")
    with pytest.raises(GameError, match="two-player game, got 3 players"):
        lemke_howson(Game.from_payoff_arrays([np.zeros((2, 2, 2))] * 3))
    a = sympy.Symbol("a")
    with pytest.raises(SymbolicError, match="free symbols a"):
        lemke_howson(Game.from_bimatrix([[a, 0], [0, 1]]))
    with pytest.raises(GameError, match="SymmetricGame"):
        lemke_howson(SymmetricGame(3, {"A": sympy.Symbol("k"), "B": 1}, count=sympy.Symbol("k")))  # type: ignore[arg-type]
    with pytest.raises(GameError, match="expected a games.Game"):
        lemke_howson([[1, 0], [0, 1]])
    with pytest.raises(GameError, match="exact must be"):
        lemke_howson(STAG, exact="yes")
    with pytest.raises(GameError, match="max_pivots must be a positive integer"):
        lemke_howson(STAG, max_pivots=0)
    with pytest.raises(GameError, match=r"unknown method 'simplex'; allowed: 'enumeration', 'lemke-howson'"):
        nash_equilibria(STAG, method="simplex")
