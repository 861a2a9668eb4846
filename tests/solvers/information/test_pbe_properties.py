"""Properties of perfect_bayesian_equilibria on random small signalling games, checked against the strategic form."""

from __future__ import annotations

import itertools

import sympy
from hypothesis import given, settings, strategies as st

from games import SignalingGame
from solvers import is_nash_equilibrium, nash_equilibria, perfect_bayesian_equilibria

R = sympy.Rational
TYPES, MESSAGES, RESPONSES = ("s", "w"), ("m1", "m2"), ("r1", "r2", "r3")


@st.composite
def signalling_games(draw):
    n_responses = draw(st.integers(2, 3))
    prior = draw(st.sampled_from([R(1, 4), R(1, 3), R(1, 2), R(3, 5), R(9, 10)]))
    pays = {(t, m, r): (draw(st.integers(-2, 3)), draw(st.integers(-2, 3)))
            for t in TYPES for m in MESSAGES for r in RESPONSES[:n_responses]}
    return SignalingGame({"s": prior, "w": 1 - prior}, MESSAGES, RESPONSES[:n_responses], pays)


def _probabilities(choice, names):
    """A pure choice (a name) or a mixture (a mapping) as {name: probability}."""
    if isinstance(choice, str):
        return {n: int(n == choice) for n in names}
    return {n: choice.get(n, 0) for n in names}


def _ex_ante_profile(game, eq):
    """The PBE as a mixed profile of the ex-ante strategic form (independent behaviour per type / message)."""
    sender = [_probabilities(eq.sender[t], game.messages) for t in game.types]
    receiver = [_probabilities(eq.receiver[m], game.responses) for m in game.messages]
    x = [sympy.Mul(*(sender[k][game.messages[i]] for k, i in enumerate(plan)))
         for plan in itertools.product(range(len(game.messages)), repeat=len(game.types))]
    y = [sympy.Mul(*(receiver[k][game.responses[i]] for k, i in enumerate(plan)))
         for plan in itertools.product(range(len(game.responses)), repeat=len(game.messages))]
    return x, y


def _supported_on_grid(game, m, r):
    """Some belief on a 1/60 grid makes r a best response after m (a sufficient test, independent of the solver)."""
    u = game.payoffs[1]
    for k in range(61):
        q = R(k, 60)  # probability of the first type
        value = [q * u[0, m, j] + (1 - q) * u[1, m, j] for j in range(len(game.responses))]
        if value[r] == max(value):
            return True
    return False


@settings(max_examples=30, deadline=None)
@given(signalling_games())
def test_every_pbe_is_a_nash_equilibrium_and_grid_supported_ones_are_found(game):
    form = game.to_strategic_form()
    eqs = perfect_bayesian_equilibria(game)
    for eq in eqs:
        assert eq.condition is True
        assert is_nash_equilibrium(form, _ex_ante_profile(game, eq))
        for m in eq.beliefs:  # Bayes' rule on the path
            if m not in eq.off_path and eq.kind in ("pooling", "separating"):
                senders = [k for k, t in enumerate(game.types) if eq.sender[t] == m]
                mass = sum(game.prior[k] for k in senders)
                assert all(eq.beliefs[m][t] == (game.prior[k] / mass if k in senders else 0)
                           for k, t in enumerate(game.types))
    found = {(tuple(e.sender.values()), tuple(e.receiver.values())) for e in eqs if e.kind in ("pooling", "separating")
             and all(isinstance(v, str) for v in e.receiver.values())}
    # every pure Nash equilibrium whose off-path answers some belief supports is a PBE in pure strategies
    for ne in nash_equilibria(form):
        if not ne.is_pure:
            continue
        s_plan = list(itertools.product(range(2), repeat=2))[ne.support[0][0]]
        r_plan = list(itertools.product(range(len(game.responses)), repeat=2))[ne.support[1][0]]
        off = [m for m in range(2) if m not in s_plan]
        if all(_supported_on_grid(game, m, r_plan[m]) for m in off):
            key = (tuple(game.messages[i] for i in s_plan), tuple(game.responses[i] for i in r_plan))
            assert key in found, key
