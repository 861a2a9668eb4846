"""Game.to_nfg() is read back by Gambit (pygambit) with the same payoffs and names."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pygambit as gbt
import pytest
import sympy

from games import Game


def _read(tmp_path, text: str) -> gbt.Game:
    path = tmp_path / "g.nfg"
    path.write_text(text)
    return gbt.read_nfg(str(path))


@pytest.mark.parametrize(
    "game",
    [
        Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]), name="PD"),
        Game.from_bimatrix([[sympy.Rational(1, 3), -2], [7, 0], [1, 2]], [[0, 1], [2, 3], [4, 5]],
                           players=['Say "hi"', "B\\C"], strategies=(["a", "b", "c"], ["d", "e"])),
        Game.from_payoff_arrays(
            [np.arange(12).reshape(2, 3, 2), -np.arange(12).reshape(2, 3, 2), np.ones((2, 3, 2))],
            players=["X", "Y", "Z"]),
    ],
    ids=["pd", "rational-and-quotes", "three-player"],
)
def test_nfg_roundtrip_through_gambit(tmp_path, game):
    g = _read(tmp_path, game.to_nfg())
    # pygambit >= 17: players iterate as labels, strategies by player label,
    # payoffs as one object array per player (exact Gambit rationals)
    assert list(g.players) == list(game.players)
    for i, player in enumerate(game.players):
        assert list(g.get_strategies(player)) == list(game.strategies[i])
    arrays = g.to_arrays()
    assert len(arrays) == game.n_players
    for i, arr in enumerate(arrays):
        assert arr.shape == game.shape
        for idx in np.ndindex(*game.shape):
            want = game.payoffs[i][idx]
            assert Fraction(str(arr[idx])) == Fraction(int(want.p), int(want.q)), (i, idx)
