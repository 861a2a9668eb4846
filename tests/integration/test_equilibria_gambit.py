"""Property tests: our equilibria against Gambit's enummixed (rational), on generated bimatrix games.

Entries are small integers so that degenerate games (ties, equilibrium components) are frequent.
Across the tests below more than 500 generated games are compared with pygambit.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pygambit as gbt
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from games import Game
from solvers import is_nash_equilibrium, nash_equilibria

SETTINGS = settings(
    max_examples=600, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def bimatrices(draw, low=-2, high=2, max_size=5, min_size=2):
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    elems = st.integers(low, high)
    A = draw(arrays(np.int64, (m, n), elements=elems))
    B = draw(arrays(np.int64, (m, n), elements=elems))
    return A, B


def gambit_solution(A, B):
    g = gbt.StrategicGame.from_arrays(A.tolist(), B.tolist())
    res = gbt.nash.enummixed_solve(g, rational=True, cliques=True)

    def prof(e):
        return tuple(tuple(Fraction(v) for _, v in e[p]) for p in g.players)

    eqs = {prof(e) for e in res.equilibria}
    cliques = {frozenset(prof(e) for e in comp) for comp in res.cliques}
    return eqs, cliques


def exact_profiles(eqs):
    return {tuple(tuple(Fraction(int(v.p), int(v.q)) for v in p) for p in e.profile) for e in eqs}


def our_cliques(eqs):
    """Each maximal Nash subset as the set of its extreme equilibria (all row x column vertex pairs)."""
    out = set()
    for comp in eqs.components:
        for rows, cols in comp.cliques:
            out.add(frozenset(
                (tuple(Fraction(str(v)) for v in comp.row_vertices[i]), tuple(Fraction(str(v)) for v in comp.col_vertices[j]))
                for i in rows for j in cols
            ))
    return out


@SETTINGS
@given(bimatrices())
def test_exact_equals_gambit_enummixed_rational(game):
    A, B = game
    g = Game.from_bimatrix(A.tolist(), B.tolist())
    eqs = nash_equilibria(g, exact=True)
    ours = exact_profiles(eqs)
    theirs, their_cliques = gambit_solution(A, B)
    assert ours == theirs
    assert len(ours) == len(eqs)  # no duplicates
    for e in eqs:
        assert is_nash_equilibrium(g, e.profile)  # independent exact regret check
    # the maximal Nash subsets agree with Gambit's cliques
    assert our_cliques(eqs) == their_cliques


@settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(bimatrices(low=0, high=3, max_size=6))
def test_float_mode_equals_gambit_rational(game):
    """Float mode (tolerance-based pivoting on the degenerate polytopes) finds the same set."""
    A, B = game
    g = Game.from_bimatrix(A.tolist(), B.tolist())
    theirs, _ = gambit_solution(A, B)
    from solvers.equilibria.vertices import vertex_enumeration  # the numpy search itself, not the integer shortcut

    got = vertex_enumeration(g, exact=False).profiles()
    assert len(got) == len(theirs)
    want = [np.concatenate([np.array([float(v) for v in p]) for p in prof]) for prof in theirs]
    for x, y in got:
        v = np.array(x + y)
        assert min(np.max(np.abs(v - w)) for w in want) < 1e-9
    for e in nash_equilibria(g, exact=False):
        assert is_nash_equilibrium(g, e.profile, tol=1e-9)


@settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(bimatrices(low=-1, high=2, max_size=5))
def test_exact_pivoting_equals_all_bases(game):
    """The two exact enumerations (every basis; pivoting over feasible bases) agree, degenerate games included."""
    from solvers.equilibria.exact_vertices import exact_extreme_integer

    A, B = game
    assert exact_extreme_integer(A.tolist(), B.tolist(), "bases") == exact_extreme_integer(A.tolist(), B.tolist(), "pivoting")


@settings(max_examples=25, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(bimatrices(low=0, high=3, max_size=7, min_size=6))
def test_exact_pivoting_equals_gambit_on_larger_games(game):
    """6 x 6 and 7 x 7 games take the exact pivoting route (more than 300 bases)."""
    A, B = game
    g = Game.from_bimatrix(A.tolist(), B.tolist())
    eqs = nash_equilibria(g, exact=True)
    theirs, their_cliques = gambit_solution(A, B)
    assert exact_profiles(eqs) == theirs
    assert our_cliques(eqs) == their_cliques


def test_random_10x10_float_not_fewer_than_gambit():
    rng = np.random.default_rng(20261127)
    for kind in ("float", "int"):
        if kind == "float":
            A, B = rng.random((10, 10)), rng.random((10, 10))
        else:
            A, B = rng.integers(0, 10, (10, 10)), rng.integers(0, 10, (10, 10))
        g = Game.from_bimatrix(A.tolist(), B.tolist())
        eqs = nash_equilibria(g, exact=False)
        gg = gbt.StrategicGame.from_arrays(A.tolist(), B.tolist())
        theirs = gbt.nash.enummixed_solve(gg, rational=False).equilibria
        assert len(eqs) >= len(theirs)
        for e in theirs:
            w = np.concatenate([[float(v) for _, v in e[p]] for p in gg.players])
            assert any(np.max(np.abs(np.concatenate(f.as_floats()) - w)) < 1e-7 for f in eqs)
