r"""``aligngames solve`` at numbers: every equilibrium of a library game at the given parameter values.

This path imports the numeric equilibria only (no closed forms, no sweeps, no drawing, no LaTeX: the
parser hands ``--latex`` to :mod:`solvers.cli.solve`), so that
``aligngames solve GAME`` starts fast; ``--symbolic`` runs :mod:`solvers.cli.solve` instead (the
parser's ``--symbolic`` action switches the handler).  It also holds :func:`_build_game`, which every
subcommand on a library game uses.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.abc
import sys
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from typing import Any

import sympy

import games
from games._exact import json_value, rational_value
from games._registry import find_entry
from games._text import format_number
from solvers.cli.families import family_command
from solvers.cli.params import parameters_from_args, parse_option, suggest_name
from solvers.equilibria.summary import equilibria_summary
from solvers.errors import CLIError


def _build_game(args: argparse.Namespace) -> tuple[Any, Any]:
    # only the game modules up to the one registering the game are imported (the other game forms are not)
    entry = None if args.game is None else find_entry(args.game)
    if entry is None:
        entries = games.library_entries()
        if args.game is None:
            raise CLIError(f"aligngames {args.command}: give a GAME; the library's games: {', '.join(entries)} "
                           "(aligngames list describes them)")
        raise CLIError(suggest_name(args.game, entries, "game"))
    options = dict(parse_option(o, entry.builder) for o in (args.option or []))
    return entry, entry.builder(**options)


class _RefuseImports(importlib.abc.MetaPathFinder):
    """A finder that refuses every import not already done."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        raise ImportError(f"{fullname}: no module is imported while a game is built unevaluated")


@contextlib.contextmanager
def _no_imports() -> Iterator[None]:
    """No module may be imported inside the block.

    A module first imported while ``sympy.evaluate(False)`` holds would keep unevaluated expressions
    at its top level for the rest of the process; refused, the import fails, the builder raises, and
    the usual path builds the game.
    """
    finder = _RefuseImports()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def _at_numbers(args: argparse.Namespace) -> tuple[Any, Any, Any, Any] | None:
    """``(entry, game, numeric game, parameter set)`` built without sympy's evaluation, or None where that does not apply.

    Building a game evaluates every sum and product in sympy, whose first ``Add`` alone imports
    ``sympy.tensor`` and ``sympy.combinatorics`` (about 40 ms of CPU); substituting the values then
    evaluates it all again.  At numbers the command line instead builds the strategic-form game with
    evaluation off (``sympy.evaluate(False)``: the same expression trees, unevaluated) and computes
    each payoff exactly in Python fractions (:func:`games._exact.rational_value`), which is the same
    exact rational arithmetic.  Anything else (a symmetric or other game form, a payoff with a float,
    a function, a relation or a division by zero, a builder that needs evaluated expressions or
    imports a module, a parameter without a value) returns None, and the usual path builds and substitutes in sympy.
    ``tests/integration/test_cli_solve_fast.py`` checks that both give the same game on every library
    game at every scenario and case.
    """
    entry = None if args.game is None else find_entry(args.game)
    if entry is None or entry.family != "normal-form" or getattr(args, "latex", False):
        return None
    options = dict(parse_option(o, entry.builder) for o in (args.option or []))
    ps = parameters_from_args(args)
    try:
        with _no_imports(), sympy.evaluate(False):
            game = entry.builder(**options)
    except Exception:  # noqa: BLE001 - a builder that needs evaluation (or an import) takes the usual path
        return None
    if type(game) is not games.Game:
        return None
    names = sorted(s.name for s in game.free_symbols)
    if not set(names) <= set(ps):
        return None
    values = _rationals([ps[n].value for n in names], {})
    if values is None:
        return None
    exact = dict(zip(names, values))
    arrays = []
    for arr in game.payoffs:
        flat = _rationals(arr._array, exact)  # noqa: SLF001 - sympy's flat storage
        if flat is None:
            return None
        arrays.append(sympy.ImmutableDenseNDimArray([sympy.Rational(v.numerator, v.denominator) for v in flat],
                                                    arr.shape))
    numeric = games.Game(players=game.players, strategies=game.strategies, payoffs=tuple(arrays), name=game.name)
    return entry, game, numeric, ps


def _rationals(exprs: Iterable[Any], values: dict[str, Fraction]) -> list[Fraction] | None:
    """Every expression's exact value (:func:`games._exact.rational_value`), or None if one has none."""
    out = [rational_value(e, values) for e in exprs]
    known = [v for v in out if v is not None]
    return known if len(known) == len(out) else None


def run_solve(args: argparse.Namespace) -> int:
    """``aligngames solve GAME`` without ``--symbolic``: the equilibria at the parameters' values."""
    fast = _at_numbers(args)
    if fast is not None:
        entry, game, numeric, ps = fast
        return run_numeric(args, entry, game, numeric=numeric, ps=ps)
    entry, game = _build_game(args)
    if entry.family != "normal-form":
        return int(family_command(entry.family, "solve")(args, entry, game))
    return run_numeric(args, entry, game)


def run_numeric(args: argparse.Namespace, entry: Any, game: Any, *, latex: Callable[[Any], str] | None = None,
                numeric: Any = None, ps: Any = None) -> int:
    """Print (or write as JSON or LaTeX) the equilibria of a strategic-form library game at the given values.

    ``latex`` writes the LaTeX of the numeric game (``--latex``); :mod:`solvers.cli.solve` gives it, since
    the parser hands ``solve --latex`` to that module (this one does not import the renderer).
    ``numeric`` and ``ps``: the game at the values and the parameter set, when already computed
    (:func:`_at_numbers`).
    """
    if ps is None:
        ps = parameters_from_args(args)
    used = sorted(s.name for s in game.free_symbols)
    for name in used:
        if name not in ps:
            raise CLIError(f"game {args.game!r} has a parameter {name!r} with no value; give --set {name}=VALUE")
    if numeric is None:
        numeric = game.subs(ps)
    values = {n: ps[n].value for n in used}
    if args.latex:
        if args.json:
            raise CLIError("solve: give --latex or --json, not both")
        if latex is None:  # pragma: no cover - the parser sends --latex to solvers.cli.solve
            raise CLIError("solve: --latex is handled by solvers.cli.solve")
        print(latex(numeric))
        return 0
    lines, records = equilibria_summary(numeric)
    if args.json:
        out = {"game": args.game, "level": entry.level, "scenario": ps.name,
               "parameters": {n: json_value(v) for n, v in values.items()},
               "equilibria": records}
        if isinstance(numeric, games.Game):
            out["players"] = list(numeric.players)
            out["strategies"] = [list(st) for st in numeric.strategies]
        import json  # with --json only: not at start-up (issue 17)

        print(json.dumps(out, indent=2, default=str))
        return 0
    print(f"{args.game} ({entry.level}): {entry.summary}")
    print("at " + "; ".join(f"{n} = {format_number(v)}" for n, v in values.items()))
    print(f"\n{len(lines)} equilibri{'um' if len(lines) == 1 else 'a'}:")
    for line in lines:
        print("  " + line)
    return 0

