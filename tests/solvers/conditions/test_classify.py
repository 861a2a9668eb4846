"""classify against the textbook orderings, swap invariance and the substituted games."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy

import games
from games import Game, GameError
from solvers import classify
from solvers.results.conditions import GAME_TYPES


def textbook_type(R, S, T, P):
    """The type from the definitions, written independently of solvers.classify (solvers.conditions.game_types)."""
    if R == T or S == P:
        return "Degenerate (ties)"
    if T > R and P > S:  # defecting is dominant
        return "Prisoner's Dilemma" if R > P else ("Deadlock" if P > R else "Degenerate (ties)")
    if R > T and S > P:  # cooperating is dominant
        return "Harmony" if R > P else ("Prisoner's Dilemma (reversed)" if P > R else "Degenerate (ties)")
    if R > T and P > S:  # coordination
        return "Stag Hunt" if R > P else ("Stag Hunt (reversed)" if P > R else "Degenerate (ties)")
    # anti-coordination: the equilibria (C, D), (D, C) pay S and T
    if min(S, T) > max(R, P):
        return "Battle of the Sexes"
    if max(R, P) > min(S, T):
        return "Chicken"
    return "Degenerate (ties)"


def symmetric(R, S, T, P):
    return Game.from_bimatrix([[R, S], [T, P]], strategies=(["C", "D"], ["C", "D"]))


@pytest.mark.parametrize(
    "payoffs, expected",
    [
        ((3, 0, 5, 1), "Prisoner's Dilemma"),  # T > R > P > S
        ((1, 0, 3, 2), "Deadlock"),  # T > P > R > S
        ((3, 1, 2, 0), "Harmony"),  # R > T > S > P
        ((4, 0, 3, 3), "Stag Hunt"),  # R > T = P > S
        ((1, 0, 2, -1), "Chicken"),  # Hawk-Dove, V = 2, C = 4, Dove first: T > R > S > P
        ((-1, 2, 0, 1), "Chicken"),  # the same game with Hawk first
        ((1, 2, 3, 0), "Battle of the Sexes"),  # T > S > R > P
        ((1, 1, 1, 1), "Degenerate (ties)"),
    ],
    ids=["pd", "deadlock", "harmony", "stag-hunt", "chicken-dove-first", "chicken-hawk-first", "bos", "ties"],
)
def test_textbook_games(payoffs, expected):
    assert classify(symmetric(*payoffs)).name == expected


def test_every_strict_ordering_matches_the_definitions_and_swapping_relabels():
    # All 24 strict orderings of R, S, T, P; swapping the strategies maps
    # (R, S, T, P) to (P, T, S, R), which must map each type to its mirror.
    mirror = {
        "Prisoner's Dilemma": "Prisoner's Dilemma (reversed)", "Prisoner's Dilemma (reversed)": "Prisoner's Dilemma",
        "Harmony": "Deadlock", "Deadlock": "Harmony",
        "Stag Hunt": "Stag Hunt (reversed)", "Stag Hunt (reversed)": "Stag Hunt",
        "Chicken": "Chicken", "Battle of the Sexes": "Battle of the Sexes",
    }
    seen = set()
    for R, S, T, P in itertools.permutations((1, 2, 3, 4)):
        name = classify(symmetric(R, S, T, P)).name
        assert name == textbook_type(R, S, T, P)
        assert classify(symmetric(P, T, S, R)).name == mirror[name]
        seen.add(name)
    assert seen == set(GAME_TYPES) - {"Degenerate (ties)"}


def test_hawk_dove_symbolic_conditions():
    # Dove first: R = V/2, S = 0, T = V, P = (V - C)/2.  Chicken iff C > V;
    # for V > C Hawk is dominant and (Hawk, Hawk) is worse than (Dove, Dove): a PD.
    V, C = sympy.symbols("V C", positive=True)
    cls = classify(Game.from_bimatrix([[V / 2, 0], [V, (V - C) / 2]]))
    assert cls.name is None
    assert set(cls.conditions) == {"Prisoner's Dilemma", "Chicken", "Degenerate (ties)"}
    for v, c, expected in [(1, 3, "Chicken"), (3, 1, "Prisoner's Dilemma"), (2, 2, "Degenerate (ties)")]:
        truth = {k: bool(cond.subs({V: v, C: c})) for k, cond in cls.conditions.items()}
        assert [k for k, t in truth.items() if t] == [expected]


def test_great_power_race_symbolic_conditions_agree_with_the_orderings():
    game = games.build("great_power_race")
    cls = classify(game)
    params = games.essay.parameters()
    rng = np.random.default_rng(21)
    found = set()
    for _ in range(60):
        point = {}
        for s in game.free_symbols:
            p = params[s.name]
            lo = float(p.low if p.low is not None else 0)
            hi = float(p.high if p.high is not None else 2 * p.value)
            point[s] = sympy.Rational(int(rng.uniform(lo, hi) * 1000), 1000)
        R, S, T, P = (game.payoffs[0][i, j].xreplace(point) for i, j in ((0, 0), (0, 1), (1, 0), (1, 1)))
        expected = textbook_type(R, S, T, P)
        truth = [k for k, cond in cls.conditions.items() if bool(cond.xreplace(point))]
        assert truth == [expected]
        assert classify(game, {s.name: v for s, v in point.items()}).name == expected
        found.add(expected)
    assert len(found) >= 2


def test_rejects_games_that_are_not_symmetric_2x2():
    with pytest.raises(GameError, match="symmetric"):
        classify(Game.from_bimatrix([[1, 2], [3, 4]], [[1, 2], [3, 4]]))
    with pytest.raises(GameError, match="2 x 2"):
        classify(Game.from_bimatrix([[1, 2, 0], [3, 4, 0], [0, 0, 0]]))
