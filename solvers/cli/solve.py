r"""``aligngames solve --symbolic`` (closed-form equilibria), ``solve --latex`` and ``aligngames breakeven`` (break-even values).

The numeric ``aligngames solve`` lives in :mod:`solvers.cli.numeric`, which imports no closed-form
machinery, so that it starts fast.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from games._exact import json_value
from games._text import format_number, latex_text
from games.parameters import latex_symbol_names
from games.symmetric import SymmetricGame
from solvers.cli.families import family_command
from solvers.cli.numeric import _build_game, run_numeric
from solvers.cli.params import parameters_from_args
from solvers.conditions.derive import equilibrium_conditions
from solvers.conditions.thresholds import break_even
from solvers.equilibria.nash import nash_equilibria
from solvers.equilibria.summary import equilibria_summary
from solvers.errors import CLIError
from solvers.render.latex import display_latex, to_latex
from solvers.render.plain import readable_conjuncts
from solvers.symbolic.lookup import resolve_symbol


def run_solve(args: argparse.Namespace) -> int:
    """``aligngames solve``: the numeric equilibria (:mod:`solvers.cli.numeric`) or, with ``--symbolic``, the closed forms."""
    entry, game = _build_game(args)
    if entry.family != "normal-form":
        return int(family_command(entry.family, "solve")(args, entry, game))
    if args.symbolic:
        return _solve_symbolic(args, game)
    return run_numeric(args, entry, game, latex=_equilibria_latex)


def _equilibria_latex(numeric: Any) -> str:
    """The equilibria of a numeric game as LaTeX (an amsmath ``aligned`` block): what ``solve --latex`` prints."""
    if isinstance(numeric, SymmetricGame):
        lines = [latex_text(line) for line in equilibria_summary(numeric)[0]]
        return "\\begin{aligned}\n" + " \\\\\n".join(f"&{line}" for line in lines) + "\n\\end{aligned}"
    return str(to_latex(nash_equilibria(numeric)))


def _solve_symbolic(args: argparse.Namespace, game: Any) -> int:
    results = equilibrium_conditions(game)
    if args.json:
        out = [{"label": r.label, "kind": r.kind, "profile": [[str(v) for v in p] for p in r.profile],
                "condition": str(r.condition)} for r in results]
        print(json.dumps({"game": args.game, "equilibria": out}, indent=2))
        return 0
    if args.latex:
        print(display_latex(to_latex(results), f"eq:{args.game.replace('_', '-')}-equilibria"))
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


def run_breakeven(args: argparse.Namespace) -> int:
    import sympy

    entry, game = _build_game(args)
    if entry.family != "normal-form":
        return int(family_command(entry.family, "breakeven")(args, entry, game))
    ps = parameters_from_args(args)
    if args.param is None:
        known = ", ".join(sorted(s.name for s in game.free_symbols))
        raise CLIError(f"aligngames breakeven {args.game}: give a PARAM; the game's parameters: {known}")
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
        label = f"eq:{args.game.replace('_', '-')}-{args.param.replace('_', '-')}-break-even"
        print(display_latex("\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}", label)
              if lines else "% no break-even value")
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



