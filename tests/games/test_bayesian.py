"""BayesianGame: construction, strategic forms computed by hand, substitution, and bad input."""

from __future__ import annotations

import pytest
import sympy

from games import BayesianGame, GameError, MissingPayoffError, PriorError, UnknownNameError

R = sympy.Rational


def _game(prior=None, payoffs=None):
    # Player 1 has types x (prior 1/4) and y (3/4); player 2 one type.  u_1 = 1 if her action matches her
    # type's favourite (x likes U, y likes D), u_2 = 1 if player 2's action is L when player 1 played U.
    prior = prior if prior is not None else {("x", "-"): R(1, 4), ("y", "-"): R(3, 4)}
    if payoffs is None:
        def payoffs(t, a):
            return (int(a[0] == ("U" if t[0] == "x" else "D")), int((a[0] == "U") == (a[1] == "L")))
    return BayesianGame(("P1", "P2"), (("x", "y"), ("-",)), (("U", "D"), ("L", "R")), prior, payoffs)


def test_ex_ante_form_by_hand():
    g = _game()
    form = g.to_strategic_form()
    assert form.strategies[0] == ("x: U; y: U", "x: U; y: D", "x: D; y: U", "x: D; y: D")
    assert form.strategies[1] == ("L", "R")
    # "x: U; y: D" against L: P1 gets 1/4 * 1 + 3/4 * 1 = 1; P2 gets 1/4 * 1 (U, L) + 3/4 * 0 (D, L) = 1/4
    assert form.payoffs[0][1, 0] == 1 and form.payoffs[1][1, 0] == R(1, 4)
    # "x: D; y: U" against R: P1 0; P2 1/4 * 1 (D, R) + 3/4 * 0 (U, R) = 1/4
    assert form.payoffs[0][2, 1] == 0 and form.payoffs[1][2, 1] == R(1, 4)


def test_type_agent_form_by_hand():
    agents = _game().to_type_agent_form()
    assert agents.players == ("P1 (x)", "P1 (y)", "P2")
    # agent (P1, y) playing D, P2 L: 3/4 * 1; P2 at (x: U, y: D, L): 1/4 * 1 + 3/4 * 0
    assert agents.payoffs[1][0, 1, 0] == R(3, 4)
    assert agents.payoffs[2][0, 1, 0] == R(1, 4)


def test_symbolic_prior_and_subs():
    p = sympy.Symbol("p", nonnegative=True)
    g = _game(prior={("x", "-"): p, ("y", "-"): 1 - p})
    assert g.free_symbols == {p} and not g.is_numeric
    assert g.to_strategic_form().payoffs[1][1, 0] == p
    h = g.subs({"p": 0.25})
    assert h == _game() and hash(h) == hash(_game())
    with pytest.raises(PriorError, match="probability of"):
        g.subs({p: 2})


def test_frozen():
    with pytest.raises(AttributeError):
        _game().name = "x"  # type: ignore[misc]


@pytest.mark.parametrize("prior, match", [
    ({("x", "-"): R(1, 2), ("y", "-"): R(1, 3)}, "sums to 5/6, not 1"),
    ({("x", "-"): R(3, 2), ("y", "-"): R(-1, 2)}, "allowed: a number from 0 to 1"),
    ({("x", "-"): sympy.Symbol("p"), ("y", "-"): sympy.Symbol("q")}, "not identically 1"),
], ids=["sum", "negative", "symbolic"])
def test_bad_prior(prior, match):
    with pytest.raises(PriorError, match=match):
        _game(prior=prior)


def test_missing_payoff_entry():
    table = {((t, "-"), (a, b)): (0, 0) for t in "xy" for a in "UD" for b in "LR"}
    del table[(("y", "-"), ("D", "R"))]
    with pytest.raises(MissingPayoffError, match=r"types \('y', '-'\) and actions \('D', 'R'\)"):
        _game(payoffs=table)
    # a type profile of prior 0 needs no payoffs
    del_x = {k: v for k, v in table.items() if k[0][0] != "x"}
    del_x[(("y", "-"), ("D", "R"))] = (0, 0)
    assert _game(prior={("y", "-"): 1}, payoffs=del_x).prior.tolist() == [[0], [1]]


def test_wrong_types():
    with pytest.raises(UnknownNameError, match="unknown type 'z'"):
        _game(prior={("z", "-"): 1})
    with pytest.raises(GameError, match="tuple of 2 names"):
        _game(prior={"x": 1})
    with pytest.raises(GameError, match="one list of type names per player"):
        BayesianGame(("A", "B"), (("x",),), (("a",), ("b",)), {("x",): 1}, lambda t, a: (0, 0))
