r"""The command line for games with continuous choices (family ``continuous``): solve, breakeven, describe.

``aligngames solve precipice_race`` prints the equilibrium at the essay's values
(``--set`` and ``--params`` change them), and for the race to the precipice the
disaster probability in each information case; ``--symbolic`` prints the closed
forms with their conditions (``--latex`` as LaTeX).  ``aligngames breakeven
GAME PARAM`` gives the values of the parameter where an equilibrium's condition
switches (an interior solution reaching the end of its interval), in closed form
and at the other parameters' values.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import sympy

from games._exact import json_value
from games._text import format_number
from solvers.cli.families import parameter_records
from solvers.cli.params import parameters_from_args
from solvers.continuous.first_order import continuous_equilibria
from solvers.continuous.precipice import INFORMATION, race_equilibrium
from solvers.errors import CLIError
from solvers.render.latex import to_latex
from solvers.symbolic.lookup import resolve_symbol

__all__ = ["solve", "breakeven", "describe"]


def _values(game: Any, ps: Any, name: str) -> dict[str, Any]:
    used = sorted(s.name for s in game.free_symbols)
    for n in used:
        if n not in ps:
            raise CLIError(f"game {name!r} has a parameter {n!r} with no value; give --set {n}=VALUE")
    return {n: ps[n].value for n in used}


def _record(r: Any) -> dict[str, Any]:
    return {"kind": r.kind, "method": r.method,
            "profile": {str(s): json_value(v) if v.is_number else str(v) for s, v in zip(r.symbols, r.values)},
            "payoffs": [json_value(p) if p.is_number else str(p) for p in r.payoffs],
            "condition": str(r.condition)}


def solve(args: argparse.Namespace, entry: Any, game: Any) -> int:
    """``aligngames solve`` for a continuous game."""
    if getattr(args, "symbolic", False):
        records = continuous_equilibria(game)
        if args.json:
            print(json.dumps({"game": args.game, "equilibria": [_record(r) for r in records]}, indent=2))
        elif getattr(args, "latex", False):
            print(to_latex(records))
        else:
            for r in records:
                print(str(r))
        return 0
    ps = parameters_from_args(args)
    values = _values(game, ps, args.game)
    records = continuous_equilibria(game.subs(ps))
    race = {}
    if args.game == "precipice_race":
        teams = game.n_players if game.n_players.is_number else ps["race_teams"].value
        if not teams.is_integer or teams < 2:
            raise CLIError(f"solve: race_teams={teams} must be a whole number >= 2")
        race = {i: race_equilibrium(i, n=int(teams)).disaster_at(ps) for i in INFORMATION}
    if args.json:
        out: dict[str, Any] = {"game": args.game, "level": entry.level, "family": entry.family, "scenario": ps.name,
                               "parameters": {n: json_value(v) for n, v in values.items()},
                               "equilibria": [_record(r) for r in records]}
        if race:
            out["disaster_probability"] = {i: json_value(sympy.nsimplify(v)) for i, v in race.items()}
        print(json.dumps(out, indent=2))
        return 0
    print(f"{args.game} ({entry.level}, continuous): {entry.summary}")
    print("at " + "; ".join(f"{n} = {format_number(v)}" for n, v in values.items()))
    print(f"\n{len(records)} equilibri{'um' if len(records) == 1 else 'a'}:")
    for r in records:
        print("  " + str(r))
    if race:
        print("\ndisaster probability by information case (Armstrong, Bostrom and Shulman 2016):")
        for i, v in race.items():
            print(f"  {i}: {format_number(v)}")
    return 0


def _thresholds(records: Any, sym: sympy.Symbol) -> list[sympy.Expr]:
    found: list[sympy.Expr] = []
    for r in records:
        cond = r.condition
        atoms = cond.args if isinstance(cond, sympy.And) else (cond,)
        for atom in atoms:
            if isinstance(atom, sympy.core.relational.Relational) and sym in atom.free_symbols:
                for root in sympy.solve(sympy.Eq(atom.lhs, atom.rhs), sym):
                    if root not in found:
                        found.append(root)
    return found


def breakeven(args: argparse.Namespace, entry: Any, game: Any) -> int:
    """``aligngames breakeven`` for a continuous game: where an equilibrium's condition switches."""
    ps = parameters_from_args(args)
    sym = resolve_symbol(game.free_symbols, args.param, where="breakeven", what=f"parameter of {args.game!r}")
    records = continuous_equilibria(game)
    subs = {s: ps[s.name].value for s in game.free_symbols if s != sym and s.name in ps}
    rows = [{"closed_form": t, "value": sympy.nsimplify(t.subs(subs))} for t in _thresholds(records, sym)]
    if args.json:
        print(json.dumps({"game": args.game, "parameter": args.param, "scenario": ps.name, "thresholds": [
            {"closed_form": str(r["closed_form"]),
             "value": json_value(r["value"]) if r["value"].is_number else str(r["value"])} for r in rows]},
            indent=2))
        return 0
    if getattr(args, "latex", False):
        print(to_latex(sympy.And(*(sympy.Eq(sym, r["closed_form"]) for r in rows)) if rows else sympy.false))
        return 0
    print(f"{args.game}: values of {args.param} where an equilibrium's condition switches "
          f"(other parameters at scenario {ps.name})")
    if not rows:
        print("  none")
    for r in rows:
        shown = format_number(r["value"]) if r["value"].is_number else str(r["value"])
        print(f"\n  {args.param}* = {r['closed_form']} = {shown}")
    return 0


def describe(entry: Any, game: Any) -> dict[str, Any]:
    """The ``aligngames list --json`` record of a continuous game."""
    params = parameter_records(game)
    players: Any = (json_value(game.n_players) if game.n_players.is_number else str(game.n_players)) \
        if game.is_symmetric else list(game.players)
    strategies = [{"symbol": str(s), "low": str(lo), "high": str(hi)} for s, lo, hi in game.strategies]
    return {"name": entry.name, "level": entry.level, "summary": entry.summary,
            "form": "symmetric continuous" if game.is_symmetric else "continuous",
            "players": players, "strategies": strategies, "parameters": params}
