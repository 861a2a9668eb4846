"""comparative_statics against derivatives of hand-derived equilibria."""

from __future__ import annotations

import pytest
import sympy

import games
from games import Game, UnknownNameError
from solvers import comparative_statics
from solvers.symbolic.relations import sign_of, weak_sign_of

w, g, i, v = sympy.symbols("w g i v", positive=True)
INSPECTION = Game.from_bimatrix(
    [[0, w], [w - g, w - g]], [[-i, -w], [v - w - i, v - w]],
    players=("Worker", "Boss"), strategies=(["Shirk", "Work"], ["Inspect", "Trust"]),
)


def mixed_statics(game, parameters=None):
    found = [cs for cs in comparative_statics(game, parameters) if cs.record.kind == "mixed"]
    assert len(found) == 1
    return found[0]


def test_inspection_game_statics():
    # q(Shirk) = i / w, p(Inspect) = g / w (see test_conditions).  So
    # dq/di = 1/w > 0, dq/dw = -i/w^2 < 0, dq/dg = 0 (the Robinson Crusoe
    # fallacy: the worker's own cost does not move her shirking), dp/dg = 1/w > 0.
    cs = mixed_statics(INSPECTION)
    checks = [
        ("P(Worker: Shirk)", "i", 1 / w, 1),
        ("P(Worker: Shirk)", "w", -i / w**2, -1),
        ("P(Worker: Shirk)", "g", 0, 0),
        ("P(Boss: Inspect)", "g", 1 / w, 1),
        ("P(Boss: Inspect)", "i", 0, 0),
    ]
    for quantity, param, expected, sign in checks:
        d = cs.of(quantity, param)
        assert sympy.simplify(d.derivative - expected) == 0, (quantity, param)
        assert d.sign == sign
    # worker's payoff w - g: d/dg = -1
    assert cs.of("payoff of Worker", "g").derivative == -1
    # boss's payoff v - w - v i / w: d/dv = 1 - i/w, sign open (positive only where i < w)
    d = cs.of("payoff of Boss", "v")
    assert sympy.simplify(d.derivative - (1 - i / w)) == 0 and d.sign is None


def test_hawk_dove_share_statics():
    # x* = V / C: dx/dV = 1/C > 0, dx/dC = -V/C^2 < 0
    V, C = sympy.symbols("V C", positive=True)
    hd = Game.from_bimatrix([[(V - C) / 2, V], [0, V / 2]], strategies=(["Hawk", "Dove"], ["Hawk", "Dove"]))
    cs = mixed_statics(hd, ["V", C])
    assert sympy.simplify(cs.of("P(Row: Hawk)", "V").derivative - 1 / C) == 0
    assert cs.of("P(Row: Hawk)", "V").sign == 1
    assert sympy.simplify(cs.of("P(Row: Hawk)", C).derivative + V / C**2) == 0
    assert cs.of("P(Row: Hawk)", C).sign == -1
    assert len(cs) == (2 + 2 + 2) * 2  # 4 probabilities + 2 payoffs, 2 parameters


def test_alignment_washing_audit_cost_raises_washing():
    # x_W = c / (d H): dx_W/dc = 1/(d H), positive wherever the equilibrium exists (d H > c > 0)
    game = games.build("alignment_washing")
    cs = mixed_statics_by_support(game, ((0, 1), (0, 1)))
    sym = {s.name: s for s in game.free_symbols}
    d = cs.of("P(Researcher: Washed)", "audit_cost")
    assert sympy.simplify(d.derivative - 1 / (sym["audit_detection"] * sym["washing_harm"])) == 0
    assert d.sign == 1
    # dx_W/dd = -c/(d^2 H): nonpositive (zero when audits are free)
    d = cs.of("P(Researcher: Washed)", "audit_detection")
    assert d.sign is None and d.weak_sign == -1


def mixed_statics_by_support(game, supports):
    found = [cs for cs in comparative_statics(game, ["audit_cost", "audit_detection"])
             if cs.record.supports == supports and cs.record.kind == "mixed"]
    assert len(found) == 1
    return found[0]


def test_sign_helpers():
    p, q = sympy.symbols("p q", nonnegative=True)
    assert sign_of(-(p + 1)) == -1
    assert sign_of(p - q) is None and weak_sign_of(p - q) is None
    assert weak_sign_of(p * q) == 1 and sign_of(p * q) is None


def test_unknown_parameter_is_named():
    with pytest.raises(UnknownNameError, match="did you mean 'w'"):
        comparative_statics(INSPECTION, ["ww"])
