r"""``aligngames solve`` (equilibria, numeric or closed-form) and ``aligngames breakeven`` (break-even values)."""

from __future__ import annotations

import argparse
import json
from typing import Any

import games
from games._exact import json_value
from games._text import format_number, latex_text
from games.parameters import latex_symbol_names
from solvers.cli.families import family_command
from solvers.cli.params import parameters_from_args, parse_option, suggest_name
from solvers.conditions.derive import equilibrium_conditions
from solvers.conditions.thresholds import break_even
from solvers.equilibria.nash import nash_equilibria
from solvers.equilibria.summary import equilibria_summary
from solvers.errors import CLIError
from solvers.render.latex import to_latex
from solvers.render.plain import readable_conjuncts
from solvers.symbolic.lookup import resolve_symbol


def _build_game(args: argparse.Namespace) -> tuple[Any, Any]:
    entries = games.library_entries()
    if args.game is None:
        raise CLIError(f"aligngames {args.command}: give a GAME; the library's games: {', '.join(entries)} "
                       "(aligngames list describes them)")
    if args.game not in entries:
        raise CLIError(suggest_name(args.game, entries, "game"))
    entry = entries[args.game]
    options = dict(parse_option(o, entry.builder) for o in (args.option or []))
    return entry, entry.builder(**options)


def run_solve(args: argparse.Namespace) -> int:
    entry, game = _build_game(args)
    if entry.family != "normal-form":
        return int(family_command(entry.family, "solve")(args, entry, game))
    ps = parameters_from_args(args)
    if args.symbolic:
        return _solve_symbolic(args, game)
    used = sorted(s.name for s in game.free_symbols)
    for name in used:
        if name not in ps:
            raise CLIError(f"game {args.game!r} has a parameter {name!r} with no value; give --set {name}=VALUE")
    numeric = game.subs(ps)
    values = {n: ps[n].value for n in used}
    if args.latex:
        if args.json:
            raise CLIError("solve: give --latex or --json, not both")
        print(_equilibria_latex(numeric))
        return 0
    lines, records = equilibria_summary(numeric)
    if args.json:
        out = {"game": args.game, "level": entry.level, "scenario": ps.name,
               "parameters": {n: json_value(v) for n, v in values.items()},
               "equilibria": records}
        if isinstance(numeric, games.Game):
            out["players"] = list(numeric.players)
            out["strategies"] = [list(st) for st in numeric.strategies]
        print(json.dumps(out, indent=2, default=str))
        return 0
    print(f"{args.game} ({entry.level}): {entry.summary}")
    print("at " + "; ".join(f"{n} = {format_number(v)}" for n, v in values.items()))
    print(f"\n{len(lines)} equilibri{'um' if len(lines) == 1 else 'a'}:")
    for line in lines:
        print("  " + line)
    return 0


def _solve_symbolic(args: argparse.Namespace, game: Any) -> int:
    results = equilibrium_conditions(game)
    if args.json:
        out = [{"label": r.label, "kind": r.kind, "profile": [[str(v) for v in p] for p in r.profile],
                "condition": str(r.condition)} for r in results]
        print(json.dumps({"game": args.game, "equilibria": out}, indent=2))
        return 0
    if args.latex:
        print(to_latex(results))
        return 0
    _print_conditions(results)
    return 0


def _print_conditions(results: Any) -> None:
    """Each equilibrium with its condition in readable notation, one part of the condition a line."""
    for r in results:
        parts = readable_conjuncts(r.condition)
        print(r.label)
        for i, part in enumerate(parts):
            print(f"    {'if' if i == 0 else 'and'} {part}")


def _equilibria_latex(numeric: Any) -> str:
    """The equilibria of a numeric game as LaTeX (an amsmath ``aligned`` block)."""
    if isinstance(numeric, games.SymmetricGame):
        lines = [latex_text(line) for line in equilibria_summary(numeric)[0]]
        return "\\begin{aligned}\n" + " \\\\\n".join(f"&{line}" for line in lines) + "\n\\end{aligned}"
    return str(to_latex(nash_equilibria(numeric)))


def run_breakeven(args: argparse.Namespace) -> int:
    import sympy

    entry, game = _build_game(args)
    if entry.family != "normal-form":
        return int(family_command(entry.family, "breakeven")(args, entry, game))
    ps = parameters_from_args(args)
    if args.param is None:
        names = ", ".join(sorted(s.name for s in game.free_symbols))
        raise CLIError(f"aligngames breakeven {args.game}: give a PARAM; the game's parameters: {names}")
    sym = resolve_symbol(game, args.param, where="breakeven", what=f"parameter of {args.game!r}")
    what = "welfare" if args.welfare else "equilibria"
    numeric = break_even(game, sym, ps, what=what)
    closed = [] if args.numeric_only else list(break_even(game, sym, what=what))
    fixed = ps.substitutions()
    by_name = {k.name: v for k, v in fixed.items()}
    subs = {s_: by_name[s_.name] for s_ in game.free_symbols if s_.name in by_name and s_ != sym}

    def closed_form_of(value: Any) -> Any:
        for t in closed:
            try:
                v = sympy.nsimplify(t.value.subs(subs))
            except (TypeError, ValueError, ZeroDivisionError):  # pragma: no cover - defensive
                continue
            if v.is_number and sympy.simplify(v - value) == 0:
                return t.value
        return None

    rows = []
    for t in numeric:
        rows.append({
            "value": t.value, "closed_form": closed_form_of(t.value), "in_range": getattr(t, "in_range", True),
            "below": [o.label for o in t.below], "above": [o.label for o in t.above],
        })
    if args.latex:
        names = latex_symbol_names()
        lhs = sympy.latex(sym, symbol_names=names) + "^{*}"
        lines = []
        for r in rows:
            rhs = sympy.latex(r["closed_form"], symbol_names=names) + " = " if r["closed_form"] is not None else ""
            lines.append(f"{lhs} &= {rhs}{format_number(r['value'], latex=True)}")
        print("\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}" if lines else "% no break-even value")
        return 0
    if args.json:
        out = {"game": args.game, "parameter": args.param, "scenario": ps.name, "thresholds": [
            {"value": json_value(r["value"]), "value_exact": str(r["value"]),
             "closed_form": None if r["closed_form"] is None else str(r["closed_form"]),
             "in_range": bool(r["in_range"]),
             "below": r["below"], "above": r["above"]} for r in rows]}
        print(json.dumps(out, indent=2))
        return 0
    kind = "welfare break-even" if args.welfare else "break-even"
    print(f"{args.game}: {kind} values of {args.param} (other parameters at scenario {ps.name})")
    if not rows:
        print("  none: the equilibrium set does not change with this parameter here")
    for r in rows:
        note = "" if r["in_range"] else "  (outside the parameter's range)"
        print(f"\n  {args.param}* = {format_number(r['value'])}  ({r['value']}){note}")
        if r["closed_form"] is not None:
            print(f"    closed form: {r['closed_form']}")
        print(f"    below: {'; '.join(r['below']) or 'no equilibrium'}")
        print(f"    above: {'; '.join(r['above']) or 'no equilibrium'}")
    return 0



