"""nash_equilibria on known games: every value below is derived by hand in the comments."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from sympy import Rational as R

from games import AligngamesError, Game, GameError, SymbolicError, SymmetricGame
from solvers import (
    Equilibrium,
    ProfileError,
    equilibrium_components,
    is_nash_equilibrium,
    nash_equilibria,
    regrets,
    vertex_enumeration,
)
from solvers.equilibria.exact_vertices import EXACT_MAX_BASES, count_bases


def as_set(eqs):
    """The equilibria as a set of exact profiles (tuples of Fractions)."""
    return {tuple(tuple(Fraction(str(v)) for v in p) for p in e.profile) for e in eqs}


def F(*vals):
    return tuple(Fraction(v) for v in vals)


# --- known 2x2 and 3x3 games ---------------------------------------------------------

KNOWN = {
    # PD: D strictly dominates C for both (5 > 3, 1 > 0): unique (D, D) paying 1 each.
    "prisoners_dilemma": (
        [[3, 0], [5, 1]], [[3, 5], [0, 1]],
        {((F(0, 1)), F(0, 1))}, False,
    ),
    # Stag hunt: (S,S), (H,H); mixed: column indifferent when 4q = 3 -> q = 3/4 (symmetric for the row).
    "stag_hunt": (
        [[4, 0], [3, 3]], [[4, 3], [0, 3]],
        {(F(1, 0), F(1, 0)), (F("3/4", "1/4"), F("3/4", "1/4")), (F(0, 1), F(0, 1))}, False,
    ),
    # Matching pennies: no pure equilibrium; each mixes 1/2-1/2.
    "matching_pennies": (
        [[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
        {(F("1/2", "1/2"), F("1/2", "1/2"))}, False,
    ),
    # Battle of the sexes: (0,0), (1,1); mixed: row mixes so that column is indifferent:
    # 1 x1 = 2 x2 -> x = (2/3, 1/3); column mixes 2 y1 = y2 -> y = (1/3, 2/3).
    "battle_of_sexes": (
        [[2, 0], [0, 1]], [[1, 0], [0, 2]],
        {(F(1, 0), F(1, 0)), (F("2/3", "1/3"), F("1/3", "2/3")), (F(0, 1), F(0, 1))}, False,
    ),
    # Rock-paper-scissors (zero-sum): the unique equilibrium is uniform.
    "rock_paper_scissors": (
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        {(F("1/3", "1/3", "1/3"), F("1/3", "1/3", "1/3"))}, False,
    ),
    # von Stengel (2002), degenerate example: the row's first strategy has two best responses
    # (column payoffs 3, 3).  Extreme equilibria: (top, left), (top, (2/3, 1/3)) [row: 3 >= 2y1+5y2 and
    # 3 >= 6y2 hold with equality at y = (2/3, 1/3)] and ((0, 1/3, 2/3), (1/3, 2/3)) [rows 2, 3 earn 4, row 1
    # earns 3; columns earn 8/3 each].
    "degenerate_von_stengel": (
        [[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]],
        {(F(1, 0, 0), F(1, 0)), (F(1, 0, 0), F("2/3", "1/3")), (F(0, "1/3", "2/3"), F("1/3", "2/3"))}, True,
    ),
    # All payoffs equal: every profile is an equilibrium; the extreme ones are the four pure profiles.
    "all_ones": (
        [[1, 1], [1, 1]], [[1, 1], [1, 1]],
        {(F(1, 0), F(1, 0)), (F(1, 0), F(0, 1)), (F(0, 1), F(1, 0)), (F(0, 1), F(0, 1))}, True,
    ),
}


@pytest.mark.parametrize("name", list(KNOWN), ids=list(KNOWN))
@pytest.mark.parametrize("exact", [True, False], ids=["exact", "float"])
def test_known_games(name, exact):
    A, B, expected, degenerate = KNOWN[name]
    g = Game.from_bimatrix(A, B, name=name)
    eqs = nash_equilibria(g, exact=exact)
    assert eqs.degenerate is degenerate
    assert eqs.exact is exact
    if exact:
        assert as_set(eqs) == expected
        assert all(isinstance(v, sympy.Rational) for e in eqs for p in e.profile for v in p)
    else:
        got = sorted(tuple(float(v) for p in e.profile for v in p) for e in eqs)
        want = sorted(tuple(float(v) for p in prof for v in p) for prof in expected)
        assert np.allclose(got, want, atol=1e-12)
        assert all(isinstance(v, float) for e in eqs for p in e.profile for v in p)
    assert len({tuple(map(tuple, e.as_floats())) for e in eqs}) == len(eqs)  # no duplicates


def test_payoffs_by_hand():
    # battle of the sexes mixed equilibrium: row earns 2 * y1 = 2/3, column earns 1 * x1 = 2/3.
    g = Game.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    mixed = [e for e in nash_equilibria(g) if not e.is_pure]
    assert len(mixed) == 1 and mixed[0].payoffs == (R(2, 3), R(2, 3))
    # degenerate example: the mixed equilibrium pays (4, 8/3) (see KNOWN).
    g = Game.from_bimatrix(*KNOWN["degenerate_von_stengel"][:2])
    pays = {e.profile[0]: e.payoffs for e in nash_equilibria(g)}
    assert pays[(0, R(1, 3), R(2, 3))] == (4, R(8, 3))


def test_fractional_payoffs_stay_exact():
    # A = [[1/2, 0], [0, 1/3]] (coordination): mixed row/column indifferent at y1 / 2 = y2 / 3 -> y = (2/5, 3/5).
    g = Game.from_bimatrix([[0.5, 0], [0, R(1, 3)]])
    mixed = [e for e in nash_equilibria(g) if not e.is_pure][0]
    assert mixed.profile == ((R(2, 5), R(3, 5)), (R(2, 5), R(3, 5)))
    assert mixed.payoffs == (R(1, 5), R(1, 5))  # 1/2 * 2/5


def test_order_is_deterministic_and_documented():
    g = Game.from_bimatrix([[4, 0], [3, 3]])
    first = [e.profile for e in nash_equilibria(g)]
    assert first == [e.profile for e in nash_equilibria(g)]
    # largest first-strategy probability of the row player first
    assert [p[0][0] for p in first] == [1, R(3, 4), 0]


def test_degenerate_components_match_hand_derivation():
    g = Game.from_bimatrix(*KNOWN["degenerate_von_stengel"][:2])
    comps = nash_equilibria(g).components
    # {top} x conv{left, (2/3, 1/3)} is one connected set; the mixed one is isolated.
    assert len(comps) == 2
    big, iso = comps
    assert big.row_vertices == ((1, 0, 0),)
    assert set(big.col_vertices) == {(1, 0), (R(2, 3), R(1, 3))}
    assert big.cliques == (((0,), (0, 1)),)
    assert iso.is_isolated and not big.is_isolated
    # every point of the segment is an equilibrium (checked independently)
    for t in [R(0), R(1, 7), R(1, 2), R(1)]:
        y = (1 - t + t * R(2, 3), t * R(1, 3))
        assert is_nash_equilibrium(g, ((1, 0, 0), y))
    # just beyond the segment it is not: y = (0.6, 0.4) makes row 2 better (2*0.6 + 5*0.4 = 3.2 > 3)
    assert not is_nash_equilibrium(g, ((1, 0, 0), (R(3, 5), R(2, 5))))


def test_all_ones_is_one_component_one_clique():
    comps = equilibrium_components(Game.from_bimatrix([[1, 1], [1, 1]]))
    assert len(comps) == 1
    assert comps[0].cliques == (((0, 1), (0, 1)),)


def test_one_strategy_player():
    # Row has one strategy; column's payoffs 3, 3, 1: best responses are the first two columns,
    # so the extreme equilibria are (1), (1,0,0) and (1), (0,1,0), joined in one component.
    g = Game.from_bimatrix([[1, 2, 3]], [[3, 3, 1]])
    eqs = nash_equilibria(g)
    assert as_set(eqs) == {(F(1), F(1, 0, 0)), (F(1), F(0, 1, 0))}
    assert eqs.degenerate and len(eqs.components) == 1
    # a 1 x 1 game: the only profile
    one = nash_equilibria(Game.from_bimatrix([[7]], [[-2]]))
    assert [e.profile for e in one] == [((1,), (1,))] and one[0].payoffs == (7, -2)


def test_one_player_game():
    g = Game.from_payoff_arrays([[3, 5, 5]])
    eqs = nash_equilibria(g)
    assert [e.support for e in eqs] == [((1,),), ((2,),)]


def test_three_player_pure_equilibria():
    # Each player is paid 1 when all three choose the same strategy, else 0.  Exactly the two
    # unanimous profiles are equilibria: at any other profile the odd player gains 1 by conforming.
    same = np.zeros((2, 2, 2), dtype=int)
    same[0, 0, 0] = same[1, 1, 1] = 1
    g = Game.from_payoff_arrays([same, same, same])
    eqs = nash_equilibria(g, mixed=False)
    assert [e.support for e in eqs] == [((0,), (0,), (0,)), ((1,), (1,), (1,))]
    assert "mixed equilibria not searched" in eqs.method
    # With mixed strategies: the gain of strategy 0 for player i is p_j + p_k - 1 (p = probability of 0).
    # When two others disagree the third is indifferent (a continuum of solutions of that support's
    # equations), but then a disagreeing pure player gains by switching: no equilibrium there, which the
    # exact decision of continua settles.  All mixing: p_j + p_k = 1 for every pair, so p = 1/2 each.
    full = nash_equilibria(g)
    assert full.complete and full.components == []
    assert [e.profile for e in full][2] == ((R(1, 2), R(1, 2)),) * 3 and len(full) == 3
    assert all(is_nash_equilibrium(g, e.profile) for e in full)
    # public goods among 3: contributing costs 1 and returns 2/3 to each -> defect dominates (2/3 < 1).
    pg = [np.zeros((2, 2, 2), dtype=object) for _ in range(3)]
    for prof in np.ndindex(2, 2, 2):
        total = sum(1 for s in prof if s == 0)
        for i in range(3):
            pg[i][prof] = R(2, 3) * total - (1 if prof[i] == 0 else 0)
    eqs = nash_equilibria(Game.from_payoff_arrays(pg))
    assert [e.support for e in eqs] == [((1,), (1,), (1,))]
    assert eqs[0].payoffs == (0, 0, 0)


def test_three_player_mixed_cyclic_matching():
    # Player i is paid 1 for matching player i+1 (cyclically).  If player i mixes she is indifferent,
    # so player i+1 mixes exactly 1/2, hence every player mixes 1/2: the only mixed equilibrium.
    # Pure: the two unanimous profiles.  Payoff at the mixed one: 1/2 each.
    u = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for s in np.ndindex(2, 2, 2):
        for i in range(3):
            u[i][s] = int(s[i] == s[(i + 1) % 3])
    g = Game.from_payoff_arrays(u)
    eqs = nash_equilibria(g)
    half = (R(1, 2), R(1, 2))
    assert [e.profile for e in eqs] == [((1, 0),) * 3, ((0, 1),) * 3, (half,) * 3]
    assert eqs[2].payoffs == (R(1, 2),) * 3 and eqs.complete
    assert all(is_nash_equilibrium(g, e.profile) for e in eqs)


def test_three_player_algebraic_mixed_equilibrium():
    # 3-player stag hunt (stag pays 4 if both others hunt stag, hare pays 3): the symmetric mixed
    # equilibrium solves 4 p^2 = 3, p = sqrt(3)/2 -- an algebraic, not rational, probability.
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    g = SymmetricGame(3, {"Stag": sympy.Piecewise((4, k >= 2), (0, True)), "Hare": 3}, count=k).to_game()
    eqs = nash_equilibria(g)
    p = sympy.sqrt(3) / 2
    sym = [e for e in eqs if all(sympy.simplify(v[0] - p) == 0 for v in e.profile)]
    assert len(sym) == 1 and sym[0].payoffs == (3, 3, 3)
    for e in eqs:
        assert is_nash_equilibrium(g, [[float(v) for v in vec] for vec in e.profile], tol=1e-12)


def test_three_player_asymmetric_shapes_against_brute_force():
    rng = np.random.default_rng(7)
    for _ in range(20):
        arrays = [rng.integers(0, 3, size=(2, 3, 4)) for _ in range(3)]
        g = Game.from_payoff_arrays([a.tolist() for a in arrays])
        expected = []
        for prof in np.ndindex(2, 3, 4):
            ok = True
            for i in range(3):
                for dev in range(arrays[i].shape[i]):
                    q = list(prof)
                    q[i] = dev
                    if arrays[i][tuple(q)] > arrays[i][prof]:
                        ok = False
            if ok:
                expected.append(prof)
        assert [tuple(s[0] for s in e.support) for e in nash_equilibria(g)] == expected


def test_float_mode_large_random_game_all_verified():
    rng = np.random.default_rng(3)
    g = Game.from_bimatrix(rng.random((8, 8)), rng.random((8, 8)))
    assert count_bases(8, 8) > EXACT_MAX_BASES
    eqs = nash_equilibria(g)  # default: float for this size
    assert not eqs.exact
    assert len(eqs) % 2 == 1  # a nondegenerate game has an odd number of equilibria (Lemke-Howson)
    for e in eqs:
        assert max(regrets(g, e.profile)) <= 1e-9
    # the same game in exact mode gives the same set
    exact = nash_equilibria(g, exact=True)
    assert len(exact) == len(eqs)
    for e, f in zip(sorted(exact, key=lambda e: e.as_floats()), sorted(eqs, key=lambda e: e.as_floats())):
        assert np.allclose(np.concatenate(e.as_floats()), np.concatenate(f.as_floats()), atol=1e-9)


def test_default_exact_switch():
    small = Game.from_bimatrix([[1, 2], [3, 4]])
    assert nash_equilibria(small).exact
    big = Game.from_bimatrix(np.arange(64).reshape(8, 8) % 5, np.arange(64).reshape(8, 8) % 3)
    assert count_bases(8, 8) > EXACT_MAX_BASES and not nash_equilibria(big).exact
    seven = Game.from_bimatrix(np.arange(49).reshape(7, 7) % 5, np.arange(49).reshape(7, 7) % 3)
    assert count_bases(7, 7) <= EXACT_MAX_BASES and nash_equilibria(seven).exact


def test_irrational_payoffs_use_floats():
    g = Game.from_bimatrix([[sympy.sqrt(2), 0], [0, 1]])
    eqs = nash_equilibria(g)
    assert not eqs.exact
    # mixed: sqrt(2) y1 = y2 -> y1 = 1 / (1 + sqrt(2))
    mixed = [e for e in eqs if not e.is_pure][0]
    assert mixed.profile[1][0] == pytest.approx(1 / (1 + 2**0.5), abs=1e-12)
    with pytest.raises(GameError, match="rational payoffs"):
        nash_equilibria(g, exact=True)


# --- errors ------------------------------------------------------------------------

def test_free_symbols_named():
    a, b = sympy.symbols("alpha beta")
    g = Game.from_bimatrix([[a, 0], [b, 1]])
    with pytest.raises(SymbolicError, match="alpha, beta"):
        nash_equilibria(g)
    assert issubclass(SymbolicError, AligngamesError) and issubclass(SymbolicError, ValueError)


def test_empty_and_bad_inputs():
    with pytest.raises(GameError, match="empty"):
        Game.from_bimatrix([[]])
    with pytest.raises(GameError, match="expected a games.Game"):
        nash_equilibria([[1, 0], [0, 1]])  # type: ignore[arg-type]
    k = sympy.Symbol("k")
    with pytest.raises(GameError, match="symmetric_equilibria"):
        nash_equilibria(SymmetricGame(3, {"A": k, "B": 1}, count=k))  # type: ignore[arg-type]
    with pytest.raises(GameError, match="exact must be"):
        nash_equilibria(Game.from_bimatrix([[1]]), exact="yes")  # type: ignore[arg-type]
    with pytest.raises(GameError, match="tol"):
        vertex_enumeration(Game.from_bimatrix([[1, 0], [0, 1]]), exact=False, tol=-1)


def test_profile_errors():
    g = Game.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(ProfileError, match="2 strategies"):
        regrets(g, ((1, 0, 0), (1, 0)))
    with pytest.raises(ProfileError, match="1 probability vectors given for 2 players"):
        is_nash_equilibrium(g, ((1, 0),))


def test_verification_functions():
    g = Game.from_bimatrix([[3, 0], [5, 1]])
    # at (C, C) each player gains 5 - 3 = 2 by defecting
    assert regrets(g, ((1, 0), (1, 0))) == (2, 2)
    assert is_nash_equilibrium(g, ((0, 1), (0, 1)))
    assert not is_nash_equilibrium(g, ((R(1, 2), R(1, 2)), (0, 1)))
    # probabilities must sum to one
    assert not is_nash_equilibrium(g, ((0, R(1, 2)), (0, 1)))
    # float check within tolerance, and outside it
    assert is_nash_equilibrium(g, ((1e-12, 1 - 1e-12), (0.0, 1.0)))
    assert not is_nash_equilibrium(g, ((1e-3, 1 - 1e-3), (0.0, 1.0)))


# --- display ------------------------------------------------------------------------

def test_str_and_latex():
    g = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["Stag", "Hare"], ["Stag", "Hare"]), players=["Ann", "Bob"])
    eqs = nash_equilibria(g)
    assert str(eqs[1]) == "Ann: 3/4 Stag + 1/4 Hare; Bob: 3/4 Stag + 1/4 Hare  (payoffs 3, 3)"
    assert eqs[1]._repr_latex_() == (
        r"$\left(\left(\frac{3}{4}, \frac{1}{4}\right), \left(\frac{3}{4}, \frac{1}{4}\right)\right),"
        r"\quad u = \left(3, 3\right)$"
    )
    assert str(eqs).count("\n") == 2
    assert r"\begin{array}" in eqs._repr_latex_()
    d = eqs[1].to_dict()
    assert d["profile"]["Ann"] == {"Stag": "3/4", "Hare": "1/4"} and d["payoffs"] == {"Ann": 3, "Bob": 3}
    fl = nash_equilibria(g, exact=False)
    assert str(fl[1]).startswith("Ann: 0.75 Stag + 0.25 Hare")
    degenerate = nash_equilibria(Game.from_bimatrix([[1, 1], [1, 1]]))
    assert "degenerate game: 1 connected component" in str(degenerate)


def test_equilibrium_defaults():
    e = Equilibrium(((R(1),), (R(0), R(1))), (R(2), R(3)))
    assert e.players == ("Player 1", "Player 2")
    assert e.strategies == (("s1",), ("s1", "s2"))
    assert e.is_pure and e.support == ((0,), (1,))


def test_nplayer_mixed_limits_and_errors():
    from games.errors import SizeLimitError
    from solvers.equilibria.nplayer import nplayer_support_enumeration

    big = Game.from_payoff_arrays([np.zeros((4, 4, 4), dtype=int)] * 3)  # 15**3 = 3375 support profiles
    assert "mixed equilibria not searched" in nash_equilibria(big).method  # default: pure only for large games
    with pytest.raises(SizeLimitError, match="3375 support profiles"):
        nash_equilibria(big, mixed=True)
    irr = Game.from_payoff_arrays([np.full((2, 2, 2), sympy.sqrt(2), dtype=object)] * 3)
    with pytest.raises(GameError, match="not rational"):
        nplayer_support_enumeration(irr)
    assert len(nash_equilibria(irr)) == 8  # all payoffs equal: every pure profile (float comparison)
