"""Bayesian Nash equilibria: a textbook game, the symbolic conditions, and a property against the ex-ante form."""

from __future__ import annotations

import itertools

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from games import BayesianGame, SymbolicError
from solvers import bayesian_equilibria, equilibrium_conditions, is_nash_equilibrium, nash_equilibria, to_latex

R = sympy.Rational
MEET = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
AVOID = {("B", "B"): (2, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1), ("S", "S"): (1, 0)}


def bos(p_meet):
    """Osborne, An Introduction to Game Theory (OUP 2004), section 9.2, Example "BoS with imperfect information".

    Player 1 does not know whether player 2 wishes to meet her (probability p) or to avoid her.
    """
    return BayesianGame(("1", "2"), (("any",), ("meet", "avoid")), (("B", "S"), ("B", "S")),
                        {("any", "meet"): p_meet, ("any", "avoid"): 1 - p_meet},
                        lambda t, a: (MEET if t[1] == "meet" else AVOID)[a], name="BoS")


def test_osborne_bos_unique_pure_equilibrium():
    # Osborne (2004), section 9.2: with probability 1/2 each, the unique pure-strategy Nash equilibrium is
    # (B, (B, S)).  By hand: against (meet B, avoid S) player 1 gets 2 * 1/2 = 1 from B and 1 * 1/2 = 1/2
    # from S; the meeting type best-responds to B with B (1 > 0), the avoiding type with S (2 > 0).
    # No other pure profile works: against (S, *) the meeting type plays S and the avoiding type B, and
    # then player 1 gets 1/2 * 1 = 1/2 from S but 1/2 * 2 = 1 from B.
    eqs = bayesian_equilibria(bos(R(1, 2)))
    pure = [e for e in eqs if e.is_pure]
    assert len(pure) == 1
    assert pure[0].strategy("1") == {"any": {"B": 1, "S": 0}}
    assert pure[0].strategy("2") == {"meet": {"B": 1, "S": 0}, "avoid": {"B": 0, "S": 1}}
    assert pure[0].payoffs == (1, R(3, 2))  # player 2: 1/2 * 1 + 1/2 * 2
    assert str(pure[0]) == "1: B; 2: meet B, avoid S  (payoffs 1, 3/2)"


def test_osborne_bos_mixed_equilibrium_by_hand():
    # A mixed BNE with p = 1/2: the avoiding type plays S; player 1 mixes so that the meeting type is
    # indifferent: x * 1 = (1 - x) * 2, x = P(B) = 2/3; then the avoiding type gets 2 * 2/3 from S against
    # 1/3 from B, so S.  The meeting type mixes (y = P(B)) so that player 1 is indifferent:
    # B gives 1/2 * 2y, S gives 1/2 * (1 - y) + 1/2 * 1, so 2y = 2 - y, y = 2/3.
    eqs = bayesian_equilibria(bos(R(1, 2)))
    found = [e for e in eqs if e.strategy("1")["any"]["B"] == R(2, 3)]
    assert any(e.strategy("2")["meet"]["B"] == R(2, 3) and e.strategy("2")["avoid"]["S"] == 1 for e in found)


def test_symbolic_bos_condition_on_the_prior():
    # (B; meet B, avoid S) with P(meet) = p: player 1's B gives 2p, S gives 1 - p, so it needs 3p >= 1;
    # the types' best responses do not depend on p.
    p = sympy.Symbol("p", nonnegative=True)
    records = equilibrium_conditions(bos(p))
    target = [r for r in records if r.kind == "pure" and r.strategy("1")["any"]["B"] == 1
              and r.strategy("2")["meet"]["B"] == 1 and r.strategy("2")["avoid"]["S"] == 1]
    assert len(target) == 1
    cond = target[0].condition
    assert cond.subs(p, R(1, 3)) is sympy.true and cond.subs(p, R(1, 4)) is sympy.false
    assert cond.subs(p, 1) is sympy.true


def test_symbolic_game_is_refused_by_the_numeric_solver():
    with pytest.raises(SymbolicError, match="free symbols p"):
        bayesian_equilibria(bos(sympy.Symbol("p", nonnegative=True)))


def _interim_values(game, behaviour, i, k):
    """Player i's expected payoff of each action as type k (unnormalised), from scratch."""
    values = []
    for a_i in range(len(game.actions[i])):
        total = 0
        for t in itertools.product(*(range(len(ts)) for ts in game.types)):
            if t[i] != k:
                continue
            for a in itertools.product(*(range(len(acts)) for acts in game.actions)):
                if a[i] != a_i:
                    continue
                w = game.prior[t]
                for j in range(game.n_players):
                    if j != i:
                        w *= behaviour[j][t[j]][a[j]]
                total += w * game.payoffs[i][t + a]
        values.append(total)
    return values


def _pure_bne_by_brute_force(game):
    out = set()
    choices = [list(itertools.product(range(len(game.actions[i])), repeat=len(game.types[i])))
               for i in range(game.n_players)]
    for profile in itertools.product(*choices):
        beh = [[[1 if a == s[k] else 0 for a in range(len(game.actions[i]))] for k in range(len(game.types[i]))]
               for i, s in enumerate(profile)]
        ok = all(max(v := _interim_values(game, beh, i, k)) == v[profile[i][k]]
                 for i in range(game.n_players) for k in range(len(game.types[i])))
        if ok:
            out.add(profile)
    return out


@st.composite
def small_bayesian_games(draw):
    n_types = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    n_actions = (2, draw(st.integers(2, 3)))
    weights = [draw(st.integers(1, 5)) for _ in range(n_types[0] * n_types[1])]
    types = tuple(tuple(f"t{i}{k}" for k in range(n)) for i, n in enumerate(n_types))
    actions = tuple(tuple(f"a{i}{k}" for k in range(n)) for i, n in enumerate(n_actions))
    profiles = list(itertools.product(*types))
    prior = {tp: R(w, sum(weights)) for tp, w in zip(profiles, weights)}
    pays = {}
    for tp in profiles:
        for ap in itertools.product(*actions):
            pays[(tp, ap)] = (draw(st.integers(-3, 3)), draw(st.integers(-3, 3)))
    return BayesianGame(("P1", "P2"), types, actions, prior, pays)


@settings(max_examples=25, deadline=None)
@given(small_bayesian_games())
def test_every_bayesian_equilibrium_is_nash_in_the_ex_ante_form(game):
    form = game.to_strategic_form()
    eqs = bayesian_equilibria(game)
    for e in eqs:
        # the ex-ante profile is a Nash equilibrium of the ex-ante form (checked by the verifier) ...
        assert is_nash_equilibrium(form, e.profile)
        # ... and each type's actions are best responses to its interim beliefs (checked from scratch)
        for i in range(2):
            for k in range(len(game.types[i])):
                values = _interim_values(game, e.behaviour, i, k)
                assert all(values[a] == max(values) for a, v in enumerate(e.behaviour[i][k]) if v != 0)
    # the pure ones are exactly the brute-force pure BNE
    found = {tuple(tuple(vec.index(1) for vec in per) for per in e.behaviour) for e in eqs if e.is_pure}
    assert found == _pure_bne_by_brute_force(game)
    # and nash_equilibria of the ex-ante form finds nothing the Bayesian solver misses (same count of pure
    # behaviour profiles once the ex-ante form's redundant strategies are merged)
    ex_ante_pure = {eq.support for eq in nash_equilibria(form) if eq.is_pure}
    assert len(ex_ante_pure) == len(found)


def test_rendering_text_and_latex():
    eqs = bayesian_equilibria(bos(R(1, 2)))
    tex = to_latex(eqs)
    assert r"\text{meet: }" in tex and r"\frac{2}{3}" in tex
    assert eqs[0]._repr_latex_().startswith("$$")


def test_symbolic_game_too_large_for_support_enumeration_gives_pure_equilibria_with_a_warning():
    # Both players have two types (a 4 x 4 ex-ante form, beyond the symbolic support enumeration), uniform
    # prior.  Each player gets x when her action matches the other's and her own type is "match", and x when
    # it differs and her type is "differ"; 0 otherwise.  The conditions, evaluated at x = 1 and x = -1 (where
    # the wishes reverse), must give exactly the pure BNE that the independent brute force
    # (_pure_bne_by_brute_force, interim best responses checked from scratch) finds: eight at each value.
    x = sympy.Symbol("x", real=True)

    def pays(t, a):
        def one(i):
            same = a[0] == a[1]
            return x if same == (t[i] == "match") else 0
        return (one(0), one(1))

    types = (("match", "differ"), ("match", "differ"))
    prior = {(s, t): R(1, 4) for s in types[0] for t in types[1]}
    game = BayesianGame(("1", "2"), types, (("L", "R"), ("L", "R")), prior, pays)
    with pytest.warns(RuntimeWarning, match="only the pure Bayesian equilibria"):
        records = equilibrium_conditions(game)
    assert all(r.kind == "pure" for r in records)
    for value in (1, -1):
        numeric = game.subs({x: value})
        holding = {tuple(tuple(vec.index(1) for vec in per) for per in r.behaviour) for r in records
                   if r.condition.subs(x, value) is sympy.true}
        assert holding == _pure_bne_by_brute_force(numeric) and len(holding) == 8
