"""subgame_perfect_equilibria: textbook trees with known answers, and every SPE is a Nash equilibrium of the normal form."""

from __future__ import annotations

import itertools

import sympy
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from games import Chance, Decision, ExtensiveGame, Game, Outcome
from solvers import is_nash_equilibrium, is_subgame_perfect, nash_equilibria, subgame_perfect_equilibria

Q = sympy.Rational


def entry(fight_payoff):
    return ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
        "Out": Outcome((0, 2)),
        "In": Decision("Incumbent", {"Fight": Outcome((-1, fight_payoff)), "Accommodate": Outcome((1, 1))})}))


def test_entry_deterrence_enter_and_accommodate():
    # fighting gives the incumbent -1 < 1: it accommodates, so entering (1) beats staying out (0)
    (e,) = subgame_perfect_equilibria(entry(-1))
    assert e.path == ("In", "Accommodate") and e.payoffs == (1, 1)
    assert e.behaviour_map() == {"Entrant@root": {"Out": 0, "In": 1}, "Incumbent@In": {"Fight": 0, "Accommodate": 1}}


def test_entry_deterred_when_fighting_pays():
    # fighting gives the incumbent 3 > 1: it would fight, so the entrant stays out (0 > -1)
    (e,) = subgame_perfect_equilibria(entry(3))
    assert e.path == ("Out",) and e.payoffs == (0, 2) and e.action("Incumbent@In") == "Fight"


def centipede(n):
    """Rosenthal's centipede: at node k the mover takes (pile + 2 for her) or passes (both + 1)."""
    def node(k, a, b):
        if k == n:
            return Outcome((a, b))
        mover = "A" if k % 2 == 0 else "B"
        take = Outcome((a + 2, b)) if mover == "A" else Outcome((a, b + 2))
        return Decision(mover, {"Take": take, "Pass": node(k + 1, a + 1, b + 1)})
    return ExtensiveGame(("A", "B"), node(0, 0, 0))


def test_centipede_takes_at_the_first_node():
    # at the last node the mover gains 2 by taking against 1 by passing; inductively every mover takes
    (e,) = subgame_perfect_equilibria(centipede(6))
    assert e.path == ("Take",) and e.payoffs == (2, 0)
    assert all(e.action(h) == "Take" for h, _ in e.behaviour)
    assert len(e.behaviour) == 6


def ultimatum(pie=4):
    """The proposer offers k of `pie` units; the responder accepts (pie - k, k) or rejects (0, 0)."""
    offers = {str(k): Decision("Responder", {"Accept": Outcome((pie - k, k)), "Reject": Outcome((0, 0))})
              for k in range(pie + 1)}
    return ExtensiveGame(("Proposer", "Responder"), Decision("Proposer", offers))


def test_discrete_ultimatum_accepts_every_positive_offer():
    # the responder accepts any k > 0 (k > 0 = reject) and is indifferent at k = 0: two SPE,
    # accept 0 -> offer 0 (proposer gets 4); reject 0 -> offer 1 (proposer gets 3)
    spe = subgame_perfect_equilibria(ultimatum(4))
    assert len(spe) == 2
    for e in spe:
        for k in range(1, 5):
            assert e.action(f"Responder@{k}") == "Accept"
    by_offer = {e.action("Proposer@root"): e for e in spe}
    assert set(by_offer) == {"0", "1"}
    assert by_offer["0"].action("Responder@0") == "Accept" and by_offer["0"].payoffs == (4, 0)
    assert by_offer["1"].action("Responder@0") == "Reject" and by_offer["1"].payoffs == (3, 1)


def test_a_tie_gives_both_equilibria():
    # B is indifferent (1 = 1); with x, A gets 2 > 1 by r; with y, A gets 0 < 1 and takes l
    g = ExtensiveGame(("A", "B"), Decision("A", {"l": Outcome((1, 0)),
                                                 "r": Decision("B", {"x": Outcome((2, 1)), "y": Outcome((0, 1))})}))
    spe = subgame_perfect_equilibria(g)
    assert sorted((e.action("B@r"), e.action("A@root")) for e in spe) == [("x", "r"), ("y", "l")]


def bos_outside(out=2):
    return ExtensiveGame(("P1", "P2"), Decision("P1", {
        "Out": Outcome((out, 2)),
        "In": Decision("P1", {
            "B": Decision("P2", {"B": Outcome((3, 1)), "S": Outcome((0, 0))}, infoset="guess"),
            "S": Decision("P2", {"B": Outcome((0, 0)), "S": Outcome((1, 3))}, infoset="guess")})}))


def test_imperfect_information_subgame_with_a_mixed_equilibrium():
    # the battle-of-the-sexes subgame has (B, B) worth 3 to P1, (S, S) worth 1 and the mixed
    # equilibrium P1 B w.p. 3/4, P2 B w.p. 1/4 (each makes the other indifferent: 1 q = 3 (1 - q) ...),
    # worth 3 * 1/4 = 3/4 to P1; against the outside option 2: In only after (B, B)
    spe = subgame_perfect_equilibria(bos_outside(2))
    assert len(spe) == 3
    mixed = [e for e in spe if not e.is_pure]
    assert len(mixed) == 1
    m = mixed[0]
    assert m.probabilities("P1@In") == {"B": Q(3, 4), "S": Q(1, 4)}
    assert m.probabilities("guess") == {"B": Q(1, 4), "S": Q(3, 4)}
    assert m.path == ("Out",) and m.payoffs == (2, 2)
    pure_paths = sorted(e.path for e in spe if e.is_pure)
    assert pure_paths == [("In", "B", "B"), ("Out",)]


def test_imperfect_information_mixed_value_beats_a_poor_outside_option():
    # with Out worth 1/2 < 3/4 the mixed subgame equilibrium is entered too; with (S, S) worth 1 > 1/2 also
    spe = subgame_perfect_equilibria(bos_outside(Q(1, 2)))
    assert sorted(e.payoffs for e in spe) == [(Q(3, 4), Q(3, 4)), (1, 3), (3, 1)]
    assert all(e.path[0] == "In" for e in spe)


def test_chance_node_expectations():
    # nature picks the mover's type; each type takes its best action; values average with 1/3, 2/3
    g = ExtensiveGame(("A",), Chance({
        "lo": (Q(1, 3), Decision("A", {"x": Outcome((1,)), "y": Outcome((0,))})),
        "hi": (Q(2, 3), Decision("A", {"x": Outcome((0,)), "y": Outcome((5,))}))}))
    (e,) = subgame_perfect_equilibria(g)
    assert e.payoffs == (Q(1, 3) + Q(10, 3),) and e.action("A@lo") == "x" and e.action("A@hi") == "y"


def test_verification_rejects_a_non_credible_threat():
    # (Out, Fight) is a Nash equilibrium of entry(-1)'s normal form but not subgame perfect
    g = entry(-1)
    assert is_nash_equilibrium(g.to_normal_form(), ((1, 0), (1, 0)))
    assert not is_subgame_perfect(g, {"Entrant@root": {"Out": 1}, "Incumbent@In": {"Fight": 1}})


def _mixed_strategy(game, e):
    """Kuhn: the mixed strategy over reduced plans realisation-equivalent to the behaviour profile."""
    beh = e.behaviour_map()
    out = []
    for plans in game.reduced_strategies():
        vec = []
        for plan in plans:
            w = sympy.Integer(1)
            for h, a in plan:
                w *= beh[h][a]
            vec.append(w)
        out.append(tuple(vec))
    return tuple(out)


@st.composite
def trees(draw, players=("A", "B"), depth=3):
    counter = iter(range(10_000))

    def node(d):
        if d == 0 or draw(st.integers(0, 3)) == 0:
            return Outcome(tuple(draw(st.integers(-5, 5)) for _ in players))
        k = draw(st.integers(2, 2 if d < depth else 3))
        if draw(st.integers(0, 4)) == 0:  # a simultaneous move: the second mover does not see the first
            first, second = draw(st.permutations(players))
            label, acts = f"h{next(counter)}", [f"b{next(counter)}" for _ in range(2)]
            return Decision(first, {f"a{next(counter)}": Decision(second, {
                b: Outcome(tuple(draw(st.integers(-5, 5)) for _ in players)) for b in acts}, infoset=label)
                for _ in range(k)})
        if draw(st.integers(0, 5)) == 0:
            return Chance({f"c{next(counter)}": (Q(1, k), node(d - 1)) for _ in range(k)})
        return Decision(draw(st.sampled_from(players)), {f"a{next(counter)}": node(d - 1) for _ in range(k)})

    return ExtensiveGame(players, node(depth))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees())
def test_every_spe_is_a_nash_equilibrium_of_the_normal_form(game):
    nf = game.to_normal_form()
    assume(max(nf.shape) <= 6)  # keeps nash_equilibria on the normal form fast
    equilibria = nash_equilibria(nf)
    for e in subgame_perfect_equilibria(game):
        profile = _mixed_strategy(game, e)
        assert is_nash_equilibrium(nf, profile)
        # a pure SPE is a pure (hence extreme) equilibrium: nash_equilibria lists it
        if e.is_pure:
            assert any(tuple(tuple(v) for v in x.profile) == profile for x in equilibria)
        assert tuple(sum(p * nf.payoffs[i][idx] for idx, p in _cells(profile)) for i in range(2)) == e.payoffs


def _cells(profile):
    for idx in itertools.product(*(range(len(v)) for v in profile)):
        p = sympy.Integer(1)
        for i, k in enumerate(idx):
            p *= profile[i][k]
        yield idx, p


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=8, max_size=8))
def test_simultaneous_subgame_after_a_move_matches_nash_equilibria(pays):
    # A moves first (Out or In), then a 2 x 2 simultaneous game: the SPE in which A enters are the
    # equilibria of the 2 x 2 game worth at least Out to A (independently: nash_equilibria on the matrix)
    a = [[pays[0], pays[1]], [pays[2], pays[3]]]
    b = [[pays[4], pays[5]], [pays[6], pays[7]]]
    sub = {r: Decision("B", {c: Outcome((a[i][j], b[i][j])) for j, c in enumerate("LR")}, infoset="B")
           for i, r in enumerate("UD")}
    g = ExtensiveGame(("A", "B"), Decision("A", {"Out": Outcome((0, 0)), "In": Decision("A", sub)}))
    stage = nash_equilibria(Game.from_bimatrix(a, b))
    spe = subgame_perfect_equilibria(g)
    # a stage equilibrium worth exactly Out's 0 to A gives two SPE (A indifferent), the others one each
    assert len(spe) == len(stage) + sum(x.payoffs[0] == 0 for x in stage)
    enter = sorted(tuple(e.payoffs) for e in spe if e.path[:1] == ("In",))
    assert enter == sorted(tuple(x.payoffs) for x in stage if x.payoffs[0] >= 0)


def selten_horse():
    """Selten (1975), Figure 1: three players; player 3 does not know whether 1 played D or 1 C then 2 d."""
    left = Decision("3", {"L": Outcome((3, 3, 2)), "R": Outcome((0, 0, 0))}, infoset="3")
    right = Decision("3", {"L": Outcome((4, 4, 0)), "R": Outcome((0, 0, 1))}, infoset="3")
    return ExtensiveGame(("1", "2", "3"), Decision("1", {
        "C": Decision("2", {"c": Outcome((1, 1, 1)), "d": right}), "D": left}))


def test_selten_horse_three_players_without_proper_subgames():
    # no proper subgame (player 3's information set spans both branches), so the SPE are the Nash
    # equilibria; the pure ones by hand: (C, c, R) -- 1 gets 1 > 0, 2 gets 1 > 0, 3 is not reached --
    # and (D, c, L) -- 1 gets 3 > 1, 3 gets 2 > 0, 2 is not reached; (D, d, L) fails: 1 would get 4 by C
    spe = subgame_perfect_equilibria(selten_horse())
    pure = {(e.action("1@root"), e.action("2@C"), e.action("3")) for e in spe if e.is_pure}
    assert {("C", "c", "R"), ("D", "c", "L")} <= pure
    assert ("D", "d", "L") not in pure
    for e in spe:
        assert is_subgame_perfect(selten_horse(), e.behaviour_map())
