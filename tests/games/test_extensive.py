"""ExtensiveGame: construction checks, the reduced strategic form, subs, and the .efg round trip through pygambit."""

from __future__ import annotations

from fractions import Fraction

import pygambit as gbt
import pytest
import sympy

from games import Chance, Decision, ExtensiveGame, GameError, Outcome, SymbolicError


def entry(fight=(-1, -1)):
    return ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
        "Out": Outcome((0, 2)),
        "In": Decision("Incumbent", {"Fight": Outcome(fight), "Accommodate": Outcome((1, 1))})}), name="Entry")


def bos_outside():
    """Battle of the sexes after an outside option (Osborne-Rubinstein, Figure 163.1 style)."""
    return ExtensiveGame(("P1", "P2"), Decision("P1", {
        "Out": Outcome((2, 2)),
        "In": Decision("P1", {
            "B": Decision("P2", {"B": Outcome((3, 1)), "S": Outcome((0, 0))}, infoset="P2 guess"),
            "S": Decision("P2", {"B": Outcome((0, 0)), "S": Outcome((1, 3))}, infoset="P2 guess")})}))


def test_infosets_and_labels():
    g = bos_outside()
    assert [(h.label, h.player, h.actions) for h in g.infosets] == [
        ("P1@root", "P1", ("Out", "In")), ("P1@In", "P1", ("B", "S")), ("P2 guess", "P2", ("B", "S"))]
    assert g.infoset("P2 guess").paths == (("In", "B"), ("In", "S"))


def test_reduced_normal_form_of_entry():
    nf = entry().to_normal_form()
    # rows Out, In; columns Fight, Accommodate; Out gives (0, 2) whatever the incumbent plans
    assert nf.strategies == (("Out", "In"), ("Fight", "Accommodate"))
    assert nf.payoffs[0].tolist() == [[0, 0], [-1, 1]]
    assert nf.payoffs[1].tolist() == [[2, 2], [-1, 1]]


def test_reduced_normal_form_drops_precluded_choices():
    # P1 has 3 reduced strategies (Out; In then B; In then S), not 2 x 2 = 4
    nf = bos_outside().to_normal_form()
    assert nf.strategies == (("Out", "In, B", "In, S"), ("B", "S"))
    assert nf.payoffs[0].tolist() == [[2, 2], [3, 0], [0, 1]]
    assert nf.payoffs[1].tolist() == [[2, 2], [1, 0], [0, 3]]


def test_chance_expectation_in_normal_form():
    half = sympy.Rational(1, 2)
    g = ExtensiveGame(("A",), Chance({"H": (half, Decision("A", {"x": Outcome((4,)), "y": Outcome((0,))})),
                                      "T": (half, Outcome((2,)))}))
    nf = g.to_normal_form()
    assert nf.strategies == (("x", "y"),)
    assert nf.payoffs[0].tolist() == [3, 1]  # 4/2 + 2/2 and 0/2 + 2/2


def test_symbolic_payoffs_subs_and_free_symbols():
    f = sympy.Symbol("f", real=True)
    g = entry(fight=(-1, f))
    assert g.free_symbols == {f} and not g.is_numeric
    h = g.subs({"f": 3})
    assert h.is_numeric and h.node(("In", "Fight")).payoffs == (-1, 3)
    assert g.subs({f: 0.5}).node(("In", "Fight")).payoffs[1] == sympy.Rational(1, 2)


def test_frozen_and_hashable():
    assert entry() == entry() and hash(entry()) == hash(entry())
    with pytest.raises(AttributeError):
        entry().name = "x"  # type: ignore[misc]


@pytest.mark.parametrize("build, match", [
    (lambda: ExtensiveGame(("A", "B"), Decision("A", {"l": Outcome((1, 2)), "r": Outcome((1,))})), "ragged tree"),
    (lambda: ExtensiveGame(("A", "B"), Decision("A", {
        "l": Decision("B", {"x": Outcome((0, 0)), "y": Outcome((0, 0))}, infoset="h"),
        "r": Decision("B", {"x": Outcome((0, 0)), "z": Outcome((0, 0))}, infoset="h")})), "different actions"),
    (lambda: ExtensiveGame(("A", "B"), Decision("A", {
        "l": Decision("B", {"x": Outcome((0, 0))}, infoset="h"),
        "r": Decision("A", {"x": Outcome((0, 0))}, infoset="h")})), "different players"),
    (lambda: Chance({"H": (0.5, Outcome((1,))), "T": (0.4, Outcome((0,)))}), "sum to 9/10, not 1"),
    (lambda: Chance({"H": (1.5, Outcome((1,))), "T": (-0.5, Outcome((0,)))}), "outside"),
    (lambda: ExtensiveGame(("A",), Decision("C", {"x": Outcome((0,))})), "unknown player 'C'"),
    (lambda: ExtensiveGame(("A", "B"), Decision("A", {
        "l": Decision("A", {"x": Outcome((0, 0)), "y": Outcome((0, 0))}, infoset="h"),
        "r": Decision("A", {"x": Outcome((0, 0)), "y": Outcome((0, 0))}, infoset="h")})), "perfect recall"),
    (lambda: Decision("A", {}), "no actions"),
    (lambda: Outcome(("1", 2)), "strings are never evaluated"),
    (lambda: Decision("A", {"x": (1, 2)}), "expected a Decision, Chance or Outcome"),
], ids=["ragged", "infoset-actions", "infoset-players", "chance-sum", "chance-range", "unknown-player",
        "imperfect-recall", "no-actions", "string-payoff", "not-a-node"])
def test_bad_trees_are_specific_errors(build, match):
    with pytest.raises(GameError, match=match):
        build()


def test_symbolic_probabilities_must_sum_to_one():
    p = sympy.Symbol("p", nonnegative=True)
    Chance({"H": (p, Outcome((1,))), "T": (1 - p, Outcome((0,)))})  # fine: p + (1 - p) = 1
    with pytest.raises(GameError, match="not 1"):
        Chance({"H": (p, Outcome((1,))), "T": (p, Outcome((0,)))})


def _read(tmp_path, text):
    path = tmp_path / "g.efg"
    path.write_text(text)
    return gbt.read_efg(str(path))


@pytest.mark.parametrize("game", [entry(), bos_outside(), ExtensiveGame(("A", "B"), Chance({
    "H": (sympy.Rational(1, 3), Decision("A", {"x": Outcome((sympy.Rational(1, 7), -2)), "y": Outcome((0, 5))})),
    "T": (sympy.Rational(2, 3), Decision("B", {"u": Outcome((3, 1)), "d": Outcome((-4, sympy.Rational(9, 2)))}))}),
    name='Say "hi"')], ids=["entry", "bos-outside", "chance-rationals"])
def test_efg_round_trip_through_pygambit(tmp_path, game):
    g = _read(tmp_path, game.to_efg())
    assert list(g.players) == list(game.players)
    # every leaf: the same exact payoffs in Gambit (outcomes numbered in depth-first leaf order)
    ours = [node.payoffs for _, node in game.nodes() if isinstance(node, Outcome)]
    theirs = [tuple(Fraction(str(v)) for _, v in list(g.get_outcome_payoffs(label)))
              for label in g.get_outcomes()]
    assert theirs == [tuple(Fraction(int(v.p), int(v.q)) for v in pays) for pays in ours]
    for player in game.players:  # as many information sets per player in Gambit as in ours
        assert len(g.get_infosets(player)) == sum(h.player == player for h in game.infosets)
    # Gambit's own writer, read back by ours: the same game
    assert ExtensiveGame.from_efg(g.to_efg()).to_normal_form().payoffs == game.to_normal_form().payoffs
    assert ExtensiveGame.from_efg(game.to_efg()) == game


def test_efg_refuses_symbols_and_bad_text():
    with pytest.raises(SymbolicError, match="f"):
        entry(fight=(-1, sympy.Symbol("f"))).to_efg()
    with pytest.raises(GameError, match="EFG 2 R"):
        ExtensiveGame.from_efg("NFG 1 R \"x\" { \"A\" }")
    with pytest.raises(GameError, match="not a number"):
        ExtensiveGame.from_efg('EFG 2 R "x" { "A" }\n""\n\nt "" 1 "" { __import__ }\n')
    with pytest.raises(GameError, match="ends"):
        ExtensiveGame.from_efg('EFG 2 R "x" { "A" }\n""\n\np "" 1 1 "" { "l" "r" } 0\n')


def test_latex_is_a_tikzpicture_with_dashed_information_sets():
    tex = bos_outside().latex()
    assert tex.startswith(r"\begin{tikzpicture}") and tex.rstrip().endswith(r"\end{tikzpicture}")
    assert tex.count(r"\draw[dashed]") == 1  # the one two-node information set
    assert "$(3, 1)$" in tex


def test_behaviour_probabilities_are_numbers_never_evaluated_strings():
    # expected_payoffs took its probabilities through sympify, which evaluates a string as code
    from games import Decision, ExtensiveGame, Outcome

    g = ExtensiveGame(("A",), Decision("A", {"x": Outcome((1,)), "y": Outcome((0,))}))
    assert g.expected_payoffs({"A@root": {"x": 0.25, "y": 0.75}}) == (sympy.Rational(1, 4),)  # 1/4 x 1 + 3/4 x 0
    with pytest.raises(GameError, match=r"probability of 'x' at 'A@root': got the string"):
        g.expected_payoffs({"A@root": {"x": "__import__('os').getpid()", "y": 0}})
