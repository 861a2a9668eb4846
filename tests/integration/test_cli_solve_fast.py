"""``aligngames solve GAME`` at numbers computes the payoffs in Python fractions (solvers.cli.numeric._at_numbers).

The reference is the usual path, written independently of it: the game built by sympy with evaluation
on, then ``Game.subs`` of the parameter set (sympy's exact arithmetic).  Both must give the same game,
entry by entry, and the same printed output, on every strategic-form game of the library at every
scenario and case.
"""

from __future__ import annotations

import contextlib
import io

import pytest

import games
from solvers.cli import numeric
from solvers.cli.app import build_parser, main
from solvers.cli.params import parameters_from_args

NORMAL_FORM = [n for n, e in games.library_entries().items() if e.family == "normal-form"]
SETTINGS = [[], ["--scenario", "industry"], *(["--case", c] for c in sorted(games.essay.cases()))]


def _args(*argv: str):
    return build_parser("solve").parse_args(["solve", *argv])


#: Games whose builders run with evaluation off and whose payoffs are sums, products, powers and Piecewise:
#: the fraction path must be taken for them (so that the comparison below is not vacuous).
FRACTION_PATH = ("career_choice", "collective_action_pair", "great_power_race")


@pytest.mark.parametrize("name", NORMAL_FORM)
def test_the_fraction_path_gives_the_game_sympy_gives(name):
    taken = 0
    for setting in SETTINGS:
        args = _args(name, *setting)
        fast = numeric._at_numbers(args)
        if fast is None:  # a symmetric game, or a builder or payoff the fractions do not take: the usual path
            continue
        taken += 1
        reference = numeric._build_game(args)[1].subs(parameters_from_args(args))
        assert fast[2] == reference, (name, setting)
        assert [type(v) for v in fast[2].payoffs[0]._array] == [type(v) for v in reference.payoffs[0]._array]
    assert taken == (len(SETTINGS) if name in FRACTION_PATH else 0), name


def _printed(argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    return code, out.getvalue()


@pytest.mark.parametrize("argv", [["solve", "career_choice"], ["solve", "collective_action_pair", "--scenario", "industry"],
                                  ["solve", "great_power_race", "--json"], ["solve", "career_choice", "--case", "humanity"],
                                  ["solve", "career_choice", "--set", "vsl=13000000", "--set", "p_pivotal=1/3"]])
def test_the_printed_output_is_the_usual_paths(argv, monkeypatch):
    fast = _printed(argv)
    assert numeric._at_numbers(_args(*argv[1:])) is not None          # the fraction path was taken
    monkeypatch.setattr(numeric, "_at_numbers", lambda args: None)     # the usual path
    assert _printed(argv) == fast and fast[0] == 0


def test_career_choice_by_hand():
    # phd scenario: Capabilities pays T w_C = 5 x 123,000 = 615,000; Alignment pays T w_A + p d V = 5 x 35,000 +
    # 0.05 x 0.05 x 6.5m x 1 (no altruism) = 175,000 + 16,250 (plus recognition 0.5 x reputation 0) = 191,250
    (_, _, g, _) = numeric._at_numbers(_args("career_choice"))
    assert list(g.payoffs[0]._array) == [191250, 615000, 500000]


def test_what_the_fractions_do_not_take_goes_back_to_sympy():
    # a float, an irrational number, a function and a division by zero give None: the usual path evaluates them
    import sympy

    x = sympy.Symbol("x")
    assert numeric.rational_value(sympy.Float(0.1), {}) is None
    assert numeric.rational_value(sympy.sqrt(2), {}) is None
    assert numeric.rational_value(sympy.exp(x), {"x": numeric.Fraction(0)}) is None
    with sympy.evaluate(False):
        assert numeric.rational_value(1 / x, {"x": numeric.Fraction(0)}) is None
    assert numeric.rational_value(x, {}) is None                     # a symbol without a value


def test_a_builder_that_imports_a_module_takes_the_usual_path(tmp_path, monkeypatch):
    # a module first imported inside the unevaluated build would keep unevaluated top-level expressions for the
    # rest of the process: the import is refused there, and the game is built the usual way (evaluated)
    import sys

    import sympy

    (tmp_path / "aligngames_probe_module.py").write_text("import sympy\nx = sympy.Symbol('x')\nTWICE = x + x\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    entry = games.library_entries()["career_choice"]

    def builder(**options):
        import aligngames_probe_module  # noqa: F401 - the import is the point

        return entry.builder(**options)

    monkeypatch.setattr(numeric, "find_entry", lambda name: entry.__class__(**{**entry.__dict__, "builder": builder}))
    assert numeric._at_numbers(_args("career_choice")) is None
    assert "aligngames_probe_module" not in sys.modules
    import aligngames_probe_module

    assert aligngames_probe_module.TWICE == 2 * sympy.Symbol("x")            # evaluated, imported outside
    monkeypatch.delitem(sys.modules, "aligngames_probe_module")
