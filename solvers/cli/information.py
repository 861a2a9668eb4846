r"""The command line of the hidden-information games (families ``bayesian`` and ``signaling``).

``aligngames solve GAME`` prints the equilibria at the scenario's values
(``--set``, ``--params``): perfect Bayesian equilibria of a signalling game,
Bayesian Nash equilibria of a Bayesian game; ``--symbolic`` gives them with
their conditions on the parameters (``--latex`` as LaTeX); ``--json`` as JSON.
``aligngames breakeven GAME PARAM`` gives the values of PARAM at which the
equilibrium set changes (the roots of the conditions' relations in PARAM, the
other parameters at their values), with the equilibria just below and above.
``describe`` is the entry ``aligngames list --json`` prints.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from typing import Any

import sympy

from games._exact import json_value
from games._text import format_number
from games.bayesian import BayesianGame
from games.errors import AligngamesError
from games.signaling import SignalingGame
from solvers.cli.families import parameter_records
from solvers.cli.params import parameters_from_args
from solvers.conditions.derive import equilibrium_conditions
from solvers.errors import CLIError
from solvers.information.bayesian_nash import bayesian_equilibria
from solvers.information.pbe import perfect_bayesian_equilibria
from solvers.render.latex import to_latex
from solvers.render.text import to_text
from solvers.results.information import BayesianEquilibrium, PerfectBayesianEquilibrium
from solvers.symbolic.lookup import resolve_symbol

__all__ = ["solve", "breakeven", "describe"]


def _value(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {str(k): _value(x) for k, x in v.items()}
    if isinstance(v, bool) or isinstance(v, str):
        return v
    if isinstance(v, sympy.Basic) and not v.is_number:
        return str(v)
    return json_value(v)


def _record(e: Any) -> dict[str, Any]:
    if isinstance(e, PerfectBayesianEquilibrium):
        return {"kind": e.kind, "label": e.label, "sender": _value(e.sender), "receiver": _value(e.receiver),
                "beliefs": {m: _value(b) if isinstance(b, Mapping) else str(b) for m, b in e.beliefs.items()},
                "off_path": list(e.off_path), "type_payoffs": _value(e.type_payoffs),
                "payoffs": [_value(v) for v in e.payoffs],
                "mixing": {m: [_value(lo), _value(hi)] for m, (lo, hi) in e.mixing.items()},
                "intuitive": e.intuitive if isinstance(e.intuitive, bool) else str(e.intuitive),
                "condition": e.condition if isinstance(e.condition, bool) else str(e.condition)}
    return {"kind": e.kind, "strategies": {p: _value(e.strategy(p)) for p in e.players},
            "payoffs": [_value(v) for v in e.payoffs], "condition": str(e.condition)}


def _numeric(game: Any, ps: Any, where: str) -> Any:
    missing = sorted(s.name for s in game.free_symbols if s.name not in ps)
    if missing:
        raise CLIError(f"{where}: parameter {missing[0]!r} has no value; give --set {missing[0]}=VALUE")
    return game.subs(ps)


def _equilibria(numeric: Any) -> list[Any]:
    if isinstance(numeric, SignalingGame):
        return list(perfect_bayesian_equilibria(numeric))
    return list(bayesian_equilibria(numeric))


def solve(args: argparse.Namespace, entry: Any, game: BayesianGame | SignalingGame) -> int:
    """``aligngames solve`` for a Bayesian or signalling game."""
    if getattr(args, "symbolic", False):
        results = list(equilibrium_conditions(game))
        if args.json:
            print(json.dumps({"game": args.game, "family": entry.family,
                              "equilibria": [_record(r) for r in results]}, indent=2))
        elif getattr(args, "latex", False):
            print(to_latex(results) if results else "% no equilibrium")
        else:
            for r in results:
                print(to_text(r))
        return 0
    ps = parameters_from_args(args)
    used = sorted(s.name for s in game.free_symbols)
    eqs = _equilibria(_numeric(game, ps, f"solve {args.game}"))
    values = {n: ps[n].value for n in used}
    if args.json:
        print(json.dumps({"game": args.game, "family": entry.family, "level": entry.level, "scenario": ps.name,
                          "parameters": {n: json_value(v) for n, v in values.items()},
                          "equilibria": [_record(e) for e in eqs]}, indent=2))
        return 0
    print(f"{args.game} ({entry.level}, {entry.family}): {entry.summary}")
    if values:
        print("at " + "; ".join(f"{n} = {format_number(v)}" for n, v in values.items()))
    print(f"\n{len(eqs)} equilibri{'um' if len(eqs) == 1 else 'a'}:")
    for e in eqs:
        print("  " + to_text(e))
    return 0


def _labels(game: Any, ps: Any, sym: sympy.Symbol, value: Any) -> list[str] | None:
    try:
        numeric = game.subs({**{k: v for k, v in ps.as_dict().items() if k != sym.name}, sym.name: value})
        eqs = _equilibria(numeric)
    except AligngamesError:
        return None
    out = []
    for e in eqs:
        if isinstance(e, BayesianEquilibrium):
            out.append(to_text(e).split("  (payoffs")[0])
        else:
            plan = ", ".join(f"{m} -> {r if isinstance(r, str) else 'mixed'}" for m, r in e.receiver.items())
            out.append(f"{e.label}; {plan}")
    return sorted(out)


def _atoms(cond: Any) -> list[Any]:
    if isinstance(cond, sympy.core.relational.Relational):
        return [cond]
    if isinstance(cond, (sympy.And, sympy.Or, sympy.Not)):
        return [a for arg in cond.args for a in _atoms(arg)]
    return []


def breakeven(args: argparse.Namespace, entry: Any, game: BayesianGame | SignalingGame) -> int:
    """``aligngames breakeven GAME PARAM``: where the equilibrium set of a Bayesian or signalling game changes."""
    ps = parameters_from_args(args)
    sym = resolve_symbol(game.free_symbols, args.param, where="breakeven", what=f"parameter of {args.game!r}")
    others = {s: ps[s.name].value for s in game.free_symbols if s != sym and s.name in ps}
    roots: set[Any] = set()
    records: list[Any] = list(equilibrium_conditions(game))
    for rec in records:
        conds = [rec.condition] + ([rec.intuitive] if isinstance(rec, PerfectBayesianEquilibrium) else [])
        for c in conds:
            for atom in _atoms(c):
                f = sympy.cancel(sympy.together((atom.lhs - atom.rhs).xreplace(others)))
                if f.free_symbols != {sym}:
                    continue
                for part in sympy.fraction(f):  # where a side of the relation changes sign
                    if part.free_symbols == {sym} and part.is_polynomial(sym):
                        roots |= {x for x in sympy.solve(part, sym) if x.is_real}
    candidates = sorted(roots)
    rows = []
    for i, c in enumerate(candidates):
        low = (candidates[i - 1] + c) / 2 if i else c - 1 - abs(c) / 10
        high = (candidates[i + 1] + c) / 2 if i + 1 < len(candidates) else c + 1 + abs(c) / 10
        below, above = _labels(game, ps, sym, low), _labels(game, ps, sym, high)
        if below != above:
            rows.append({"value": c, "below": below, "above": above})
    if args.json:
        print(json.dumps({"game": args.game, "parameter": args.param, "scenario": ps.name, "thresholds": [
            {"value": json_value(r["value"]), "value_exact": str(r["value"]), "below": r["below"],
             "above": r["above"]} for r in rows]}, indent=2))
        return 0
    print(f"{args.game}: break-even values of {args.param} (other parameters at scenario {ps.name})")
    if not rows:
        print("  none: the equilibrium set does not change with this parameter here")
    for row in rows:
        print(f"\n  {args.param}* = {format_number(row['value'])}  ({row['value']})")
        for side in ("below", "above"):
            shown = "; ".join(row[side]) if row[side] is not None else "not a valid game"
            print(f"    {side}: {shown or 'no equilibrium'}")
    return 0


def describe(entry: Any, game: BayesianGame | SignalingGame) -> dict[str, Any]:
    """The ``aligngames list --json`` entry of a Bayesian or signalling game."""
    params = parameter_records(game)
    if isinstance(game, SignalingGame):
        players: list[str] = list(game.players)
        strategies: Any = {"types": list(game.types), "messages": list(game.messages),
                           "responses": list(game.responses)}
        form = "signalling game"
    else:
        players = list(game.players)
        strategies = {"types": [list(t) for t in game.types], "actions": [list(a) for a in game.actions]}
        form = "Bayesian game"
    return {"name": entry.name, "level": entry.level, "summary": entry.summary, "form": form,
            "family": entry.family, "players": players, "strategies": strategies, "parameters": params}
