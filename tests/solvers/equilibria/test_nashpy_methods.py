"""``nash_equilibria(method="nashpy-...")``: nashpy's answers verified, and what it missed or invented reported.

References: lrsnash (lrslib, exact) for the equilibria a game has; nashpy's own raw output for what it
returned; hand derivations for the planted non-equilibrium.
"""

from __future__ import annotations

import warnings

import nashpy
import numpy as np
import pytest

from games import Game, GameError
from solvers import nash_equilibria
from tests.solvers.equilibria.lrsnash import lrsnash_equilibria

# von Stengel (2002), Fig. 2.3: degenerate; its extreme equilibria (lrsnash) are
# ((1,0,0),(1,0)), ((1,0,0),(2/3,1/3)) and ((0,1/3,2/3),(1/3,2/3)).
A3 = [[3, 3], [2, 5], [0, 6]]
B3 = [[3, 3], [2, 6], [3, 1]]


def _close_to_any(p, profiles) -> bool:
    return any(np.allclose(p[0], q[0], atol=1e-6) and np.allclose(p[1], q[1], atol=1e-6) for q in profiles)


def test_support_enumeration_misses_an_equilibrium_of_a_degenerate_game():
    ref = [(tuple(map(float, x)), tuple(map(float, y))) for x, y in lrsnash_equilibria(A3, B3)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raw = [(tuple(x), tuple(y)) for x, y in nashpy.Game(np.array(A3), np.array(B3)).support_enumeration()]
    expected_missed = [p for p in ref if not _close_to_any(p, raw)]
    assert len(expected_missed) == 1  # nashpy only tries supports of equal size
    game = Game.from_bimatrix(A3, B3)
    with pytest.warns(RuntimeWarning, match="missed"):
        res = nash_equilibria(game, method="nashpy-support")
    assert res.method == "nashpy support enumeration, verified: 2 returned, 0 invented, 1 missed of 3"
    assert res.complete is False and res.exact is False
    assert sorted(e.as_floats() for e in res) == sorted(p for p in ref if _close_to_any(p, raw))


def test_vertex_enumeration_on_the_same_game_finds_all():
    ref = [(tuple(map(float, x)), tuple(map(float, y))) for x, y in lrsnash_equilibria(A3, B3)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = nash_equilibria(Game.from_bimatrix(A3, B3), method="nashpy-vertex")
    assert res.complete and len(res) == 3
    assert all(_close_to_any(e.as_floats(), ref) for e in res)


def test_an_invented_equilibrium_is_dropped_and_reported(monkeypatch):
    # Prisoner's dilemma [[3, 0], [5, 1]]: (s1, s2) is not an equilibrium (Row gains 5 - 0 by s2); the
    # planted profile must be reported as invented, the true (s2, s2) kept.
    def fake(self):
        yield np.array([1.0, 0.0]), np.array([0.0, 1.0])
        yield np.array([0.0, 1.0]), np.array([0.0, 1.0])

    monkeypatch.setattr(nashpy.Game, "support_enumeration", fake)
    game = Game.from_bimatrix([[3, 0], [5, 1]])
    with pytest.warns(RuntimeWarning, match=r"invented \(not equilibria\): \[\(\(1.0, 0.0\), \(0.0, 1.0\)\)\]"):
        res = nash_equilibria(game, method="nashpy-support")
    assert [e.as_floats() for e in res] == [((0.0, 1.0), (0.0, 1.0))]
    assert res.method == "nashpy support enumeration, verified: 1 returned, 1 invented, 0 missed of 1"


@pytest.mark.parametrize("method", ["nashpy-support", "nashpy-vertex"])
@pytest.mark.parametrize("seed", range(3))
def test_report_matches_nashpy_raw_output_against_lrsnash(method, seed):
    # Nondegenerate 4 x 4 games.  The expected report is computed from the two other tools alone:
    # nashpy's raw profiles against lrsnash's set.  (nashpy's support enumeration, with its default
    # tolerance 1e-16, misses one equilibrium of each of these three games.)
    rng = np.random.default_rng(seed)
    A, B = rng.integers(0, 1000, (4, 4)).tolist(), rng.integers(0, 1000, (4, 4)).tolist()
    ref = [(tuple(map(float, x)), tuple(map(float, y))) for x, y in lrsnash_equilibria(A, B)]
    g = nashpy.Game(np.array(A), np.array(B))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raw = list(g.support_enumeration() if method == "nashpy-support" else g.vertex_enumeration())
    raw = [(tuple(x), tuple(y)) for x, y in raw]
    missed = [p for p in ref if not _close_to_any(p, raw)]
    invented = [p for p in raw if not _close_to_any(p, ref)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = nash_equilibria(Game.from_bimatrix(A, B), method=method)
    name = "support" if method == "nashpy-support" else "vertex"
    assert res.method == (f"nashpy {name} enumeration, verified: {len(raw) - len(invented)} returned, "
                          f"{len(invented)} invented, {len(missed)} missed of {len(ref)}")
    assert res.complete is (not missed)
    assert len(caught) == (1 if missed or invented else 0)
    assert all(_close_to_any(e.as_floats(), ref) for e in res)


def test_lemke_howson_label_and_result():
    # label 1 (Row's Hare) in the stag hunt [[4, 0], [3, 3]] ends at (Hare, Hare), as our own Lemke-Howson.
    game = Game.from_bimatrix([[4, 0], [3, 3]], strategies=(["Stag", "Hare"], ["Stag", "Hare"]))
    res = nash_equilibria(game, method="nashpy-lemke-howson", label=1)
    ours = nash_equilibria(game, method="lemke-howson", label=1)
    assert [e.as_floats() for e in res] == [e.as_floats() for e in ours] == [((0.0, 1.0), (0.0, 1.0))]
    assert res.method == "nashpy Lemke-Howson, verified: 1 returned, 0 invented, 0 missed"


def test_nashpy_methods_need_two_players():
    three = Game.from_payoff_arrays([np.zeros((2, 2, 2))] * 3)
    with pytest.raises(GameError, match="nashpy-vertex.*two-player"):
        nash_equilibria(three, method="nashpy-vertex")
