r"""``aligngames solve`` at numbers: every equilibrium of a library game at the given parameter values.

This path imports the numeric equilibria only (no closed forms, no sweeps, no drawing, no LaTeX: the
parser hands ``--latex`` to :mod:`solvers.cli.solve`), so that
``aligngames solve GAME`` starts fast; ``--symbolic`` runs :mod:`solvers.cli.solve` instead (the
parser's ``--symbolic`` action switches the handler).  It also holds :func:`_build_game`, which every
subcommand on a library game uses.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import games
from games._exact import json_value
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


def run_solve(args: argparse.Namespace) -> int:
    """``aligngames solve GAME`` without ``--symbolic``: the equilibria at the parameters' values."""
    entry, game = _build_game(args)
    if entry.family != "normal-form":
        return int(family_command(entry.family, "solve")(args, entry, game))
    return run_numeric(args, entry, game)


def run_numeric(args: argparse.Namespace, entry: Any, game: Any, *, latex: Callable[[Any], str] | None = None) -> int:
    """Print (or write as JSON or LaTeX) the equilibria of a strategic-form library game at the given values.

    ``latex`` writes the LaTeX of the numeric game (``--latex``); :mod:`solvers.cli.solve` gives it, since
    the parser hands ``solve --latex`` to that module (this one does not import the renderer).
    """
    ps = parameters_from_args(args)
    used = sorted(s.name for s in game.free_symbols)
    for name in used:
        if name not in ps:
            raise CLIError(f"game {args.game!r} has a parameter {name!r} with no value; give --set {name}=VALUE")
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

