"""break_even on the game forms whose equilibrium records carry their own condition (issue 16).

Each threshold is checked twice: against the value derived by hand, and against the equilibrium sets
solved numerically on either side of it (perfect_bayesian_equilibria / bayesian_equilibria /
continuous_equilibria at numbers), which do not go through the closed forms.
"""

import pytest
import sympy

import games
import solvers
from games import BayesianGame
from games.errors import GameError

PS = games.essay.parameters()


def _pbe_labels(game, **values):
    """The labels of the perfect Bayesian equilibria of the numeric game (receiver's plan included)."""
    numeric = game.subs({**{s.name: PS[s.name].value for s in game.free_symbols}, **values})
    out = []
    for e in solvers.perfect_bayesian_equilibria(numeric):
        plan = ", ".join(f"{m} -> {r if isinstance(r, str) else 'mixed'}" for m, r in e.receiver.items())
        out.append(f"{e.label}; {plan}")
    return sorted(out)


def test_alignment_signal_breaks_even_at_the_verification_cost_and_its_bound():
    game = games.build("alignment_signal")
    be = solvers.break_even(game, "social_capital", PS)
    # separating needs c_V <= S <= c_V + d L_W (the signalling cost is paid only by Verify; a washed claim
    # is caught with probability d and loses L_W): c_V = 50,000, d = 1/2, L_W = 500,000 -> 50,000 and 300,000
    c_v, d, l_w = (PS[n].value for n in ("verification_cost", "audit_detection", "washing_penalty"))
    assert [t.value for t in be.thresholds] == [c_v, c_v + d * l_w] == [50_000, 300_000]
    for t, below, above in zip(be.thresholds, (25_000, 175_000), (175_000, 400_000)):
        assert sorted(o.label for o in t.below) == _pbe_labels(game, social_capital=below)
        assert sorted(o.label for o in t.above) == _pbe_labels(game, social_capital=above)


def test_bayesian_battle_of_the_sexes_breaks_even_at_one_third():
    # Osborne (2004), section 9.2, with P(meet) = p: player 1's B against (meet B, avoid S) pays 2p, S pays
    # 1 - p, so (B; meet B, avoid S) is an equilibrium iff 2p >= 1 - p, i.e. p >= 1/3
    meet = {("B", "B"): (2, 1), ("B", "S"): (0, 0), ("S", "B"): (0, 0), ("S", "S"): (1, 2)}
    avoid = {("B", "B"): (2, 0), ("B", "S"): (0, 2), ("S", "B"): (0, 1), ("S", "S"): (1, 0)}
    p = sympy.Symbol("p", positive=True)
    game = BayesianGame(("1", "2"), (("any",), ("meet", "avoid")), (("B", "S"), ("B", "S")),
                        {("any", "meet"): p, ("any", "avoid"): 1 - p},
                        lambda t, a: (meet if t[1] == "meet" else avoid)[a], name="BoS")
    be = solvers.break_even(game, p)
    assert sympy.Rational(1, 3) in [t.value for t in be.thresholds]
    (third,) = [t for t in be.thresholds if t.value == sympy.Rational(1, 3)]
    pure = "1: any B; 2: meet B, avoid S"
    assert pure in {o.label for o in third.above} and pure not in {o.label for o in third.below}
    # the same, from the numeric Bayesian equilibria on either side: the pure profile is among them at
    # p = 1/2 (2p = 1 >= 1/2) and not at p = 1/4 (2p = 1/2 < 3/4)
    def has_the_pure_profile(value):
        return any(e.is_pure and e.strategy("1")["any"]["B"] == 1 and e.strategy("2")["meet"]["B"] == 1
                   and e.strategy("2")["avoid"]["S"] == 1 for e in solvers.bayesian_equilibria(game.subs({p: value})))
    assert has_the_pure_profile(sympy.Rational(1, 2))
    assert not has_the_pure_profile(sympy.Rational(1, 4))


def test_precipice_race_breaks_even_where_full_safety_starts():
    # no information (Armstrong, Bostrom and Shulman's first case, our derivation): s = min(1, mu / (n e));
    # at the defaults n = 2 teams and e = 1, full safety starts at mu = n e = 2
    game = games.build("precipice_race")
    be = solvers.break_even(game, "capability_spread", PS)
    n, e = PS["race_teams"].value, PS["race_enmity"].value
    (t2,) = [t for t in be.thresholds if t.value == n * e == 2]
    assert [o.label for o in t2.below] == ["s = capability_spread/2"] and [o.label for o in t2.above] == ["s = 1"]
    # the numeric equilibria either side: s = mu / (n e) = 3/4 at mu = 3/2, and s = 1 at mu = 3
    for mu, safety in ((sympy.Rational(3, 2), sympy.Rational(3, 4)), (3, 1)):
        numeric = game.subs({"race_teams": n, "race_enmity": e, "capability_spread": mu})
        assert [eq.values[0] for eq in solvers.continuous_equilibria(numeric)] == [safety]


def test_welfare_break_even_is_refused_on_these_forms():
    with pytest.raises(GameError, match=r"only what='equilibria' applies to a SignalingGame"):
        solvers.break_even(games.build("alignment_signal"), "social_capital", what="welfare")
