"""RepeatedGame: the discount factor's checks, subs, free symbols and the path/threat profiles."""

from __future__ import annotations

import pytest
import sympy

from games import Game, GameError, RepeatedGame
from games.repeated import DELTA

PD = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]), name="PD")


@pytest.mark.parametrize("bad", [0, 1, -0.5, 1.5, sympy.Rational(7, 5)], ids=["0", "1", "negative", "1.5", "7/5"])
def test_numeric_discount_outside_the_open_unit_interval(bad):
    with pytest.raises(GameError, match=r"outside \(0, 1\)"):
        RepeatedGame(PD, bad)


def test_symbolic_discount_and_subs():
    g = RepeatedGame(PD)
    assert g.discount is DELTA and g.free_symbols == {DELTA} and not g.is_numeric
    h = g.subs({"delta": 0.9})
    assert h.discount == sympy.Rational(9, 10) and h.is_numeric and h.name == "Repeated PD"
    with pytest.raises(GameError, match="outside"):
        g.subs({"delta": 2})


def test_a_discount_that_cannot_lie_in_the_unit_interval():
    with pytest.raises(GameError, match="cannot lie in"):
        RepeatedGame(PD, -sympy.Symbol("d", positive=True))


def test_stage_must_be_a_game_and_profiles_must_fit():
    with pytest.raises(GameError, match="stage must be a Game"):
        RepeatedGame([[1, 2], [3, 4]])  # type: ignore[arg-type]
    with pytest.raises(GameError, match="path"):
        RepeatedGame(PD, path=("C", "X"))
    assert RepeatedGame(PD, path=("C", "C"), threat=("D", "D")).threat == ("D", "D")


def test_frozen_and_hashable():
    assert RepeatedGame(PD) == RepeatedGame(PD) and hash(RepeatedGame(PD)) == hash(RepeatedGame(PD))
