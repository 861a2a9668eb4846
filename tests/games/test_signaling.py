"""SignalingGame: construction, the derived forms (by hand), substitution, and bad input."""

from __future__ import annotations

import pytest
import sympy

from games import GameError, MissingPayoffError, PriorError, SignalingGame, UnknownNameError

R = sympy.Rational
TYPES = ("Strong", "Weak")


def _pays():
    return {(t, m, r): (int(m == ("Beer" if t == "Strong" else "Quiche")) + 2 * (r == "Flee"),
                        (1 if t == "Weak" else -1) if r == "Duel" else 0)
            for t in TYPES for m in ("Beer", "Quiche") for r in ("Duel", "Flee")}


def _game(types=None, payoffs=None):
    return SignalingGame(types or {"Strong": R(9, 10), "Weak": R(1, 10)}, ("Beer", "Quiche"), ("Duel", "Flee"),
                         payoffs if payoffs is not None else _pays(), name="Beer-quiche")


def test_fields_and_payoff():
    g = _game()
    assert g.types == TYPES and g.prior == (R(9, 10), R(1, 10)) and g.players == ("Sender", "Receiver")
    assert g.payoff("Weak", "Quiche", "Flee") == (3, 0)
    assert g.payoff(1, 0, 0) == (0, 1)


def test_strategic_form_by_hand():
    form = _game().to_strategic_form()
    assert form.strategies[0][1] == "Strong: Beer; Weak: Quiche"
    assert form.strategies[1][1] == "Beer: Duel; Quiche: Flee"
    # separating Strong-Beer / Weak-Quiche against (Beer: Duel, Quiche: Flee):
    # Strong 1 + 0, Weak 1 + 2 -> sender 9/10 * 1 + 1/10 * 3 = 6/5; receiver 9/10 * (-1) + 1/10 * 0 = -9/10
    assert form.payoffs[0][1, 1] == R(6, 5) and form.payoffs[1][1, 1] == R(-9, 10)


def test_symbolic_prior_subs():
    p = sympy.Symbol("p", nonnegative=True)
    g = _game(types={"Strong": 1 - p, "Weak": p})
    assert g.free_symbols == {p}
    assert g.subs({"p": R(1, 10)}) == _game()


@pytest.mark.parametrize("types, match", [
    ({"Strong": 0.8, "Weak": 0.1}, "sums to 9/10, not 1"),
    ({"Strong": 1.1, "Weak": -0.1}, "from 0 to 1"),
], ids=["sum", "range"])
def test_priors_not_summing_to_one(types, match):
    with pytest.raises(PriorError, match=match):
        _game(types=types)


def test_missing_payoff_entry():
    pays = _pays()
    del pays[("Weak", "Beer", "Flee")]
    with pytest.raises(MissingPayoffError, match="type 'Weak', message 'Beer', response 'Flee'"):
        _game(payoffs=pays)


def test_wrong_type_message_or_response():
    for bad, what in ((("Medium", "Beer", "Duel"), "type"), (("Weak", "Wine", "Duel"), "message"),
                      (("Weak", "Beer", "Run"), "response")):
        pays = _pays()
        pays[bad] = (0, 0)
        with pytest.raises(UnknownNameError, match=f"unknown {what}"):
            _game(payoffs=pays)
    with pytest.raises(GameError, match="must map each sender type"):
        SignalingGame(["Strong", "Weak"], ("Beer",), ("Duel",), {})
    with pytest.raises(GameError, match="sender payoff, receiver payoff"):
        _game(payoffs={**_pays(), ("Weak", "Beer", "Flee"): (1,)})
