"""equilibrium_conditions and break_even on symbolic game trees and repeated games (closed forms by hand)."""

from __future__ import annotations

import sympy

from games import Decision, ExtensiveGame, Game, Outcome, RepeatedGame
from solvers import ConditionalSPE, break_even, equilibrium_conditions, subgame_perfect_equilibria, sweep, to_latex

Q = sympy.Rational
f = sympy.Symbol("f", real=True)
o = sympy.Symbol("o", real=True)


def entry(fight):
    return ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
        "Out": Outcome((0, 2)),
        "In": Decision("Incumbent", {"Fight": Outcome((-1, fight)), "Accommodate": Outcome((1, 1))})}))


def test_entry_deterrence_conditions_and_break_even():
    # the incumbent fights iff f >= 1; then the entrant's 0 > -1 keeps it out; else it enters (1 > 0)
    recs = {r.label: r for r in equilibrium_conditions(entry(f))}
    assert set(recs) == {"(Out, Fight)", "(In, Accommodate)"}
    assert isinstance(recs["(Out, Fight)"], ConditionalSPE)
    assert recs["(Out, Fight)"].holds_at({"f": 2}) and not recs["(Out, Fight)"].holds_at({"f": 0})
    assert recs["(In, Accommodate)"].holds_at({"f": 0}) and not recs["(In, Accommodate)"].holds_at({"f": 2})
    assert recs["(In, Accommodate)"].payoffs == (1, 1)
    (t,) = break_even(entry(f), "f").thresholds
    assert t.value == 1
    assert [x.label for x in t.below] == ["(In, Accommodate)"] and [x.label for x in t.above] == ["(Out, Fight)"]
    assert "Fight" in to_latex(equilibrium_conditions(entry(f)))


def test_symbolic_conditions_agree_with_the_numeric_solver():
    # at any value of f the records that hold are exactly the numeric SPE
    for value in (Q(-3), Q(1, 2), Q(1), Q(5)):
        numeric = {tuple(e.action(h) for h, _ in e.behaviour) for e in subgame_perfect_equilibria(entry(value))}
        symbolic = {tuple(r.action(h) for h in r.players) for r in equilibrium_conditions(entry(f))
                    if r.holds_at({"f": value})}
        assert numeric == symbolic, value


def test_imperfect_information_subgame_in_closed_form():
    # BoS after an outside option worth o: (In; B, B) iff o <= 3, (Out; S, S) iff o >= 1,
    # and (Out; mixed 3/4, 1/4) iff o >= 3/4 (the mixed subgame equilibrium is worth 3/4 to P1)
    g = ExtensiveGame(("P1", "P2"), Decision("P1", {
        "Out": Outcome((o, 2)),
        "In": Decision("P1", {
            "B": Decision("P2", {"B": Outcome((3, 1)), "S": Outcome((0, 0))}, infoset="guess"),
            "S": Decision("P2", {"B": Outcome((0, 0)), "S": Outcome((1, 3))}, infoset="guess")})}))
    recs = equilibrium_conditions(g)
    mixed = [r for r in recs if r.kind == "mixed"]
    assert len(mixed) >= 1
    m = [r for r in mixed if r.action("P1@root") == "Out"][0]
    assert m.probabilities("P1@In") == {"B": Q(3, 4), "S": Q(1, 4)}
    assert m.holds_at({"o": Q(3, 4)}) and not m.holds_at({"o": Q(1, 2)})
    enter_bb = [r for r in recs if r.kind == "pure" and r.action("P1@root") == "In" and r.action("guess") == "B"][0]
    assert enter_bb.holds_at({"o": 3}) and not enter_bb.holds_at({"o": Q(7, 2)})
    values = sorted(t.value for t in break_even(g, "o").thresholds)
    assert values == [Q(3, 4), 1, 3]


def test_repeated_game_conditions_give_the_discount_threshold():
    # PD (T, R, P, S) = (5, 3, 1, 0): (C, C) forever under grim trigger iff delta >= 1/2; (D, D) always
    pd = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
    rg = RepeatedGame(pd, path=("C", "C"), threat=("D", "D"))
    recs = {r.label: r for r in equilibrium_conditions(rg)}
    assert set(recs) == {"(C, C)", "(D, D)"} and recs["(D, D)"].condition is sympy.true
    (t,) = break_even(rg, "delta").thresholds
    assert t.value == Q(1, 2)
    assert [x.label for x in t.below] == ["(D, D)"] and sorted(x.label for x in t.above) == ["(C, C)", "(D, D)"]


def test_sweep_of_a_tree_follows_its_conditions():
    # the leader keeps Alignment iff c_E >= sigma I - P L / 2 = 78e9 (tests/games/test_sequential_models.py)
    res = sweep("lab_race_leader", vary={"entry_cost": (0, 100e9, 11)})
    keep = res.holds("(Alignment, Stay out, Stay out)")
    assert list(keep) == [v >= 78e9 for v in res.values["entry_cost"]]
    race_both = res.holds("(Capabilities, Enter, Enter)")
    assert list(race_both) == [v <= 35e9 for v in res.values["entry_cost"]]
