r"""``aligngames audit`` (the essay's arithmetic, claim by claim) and ``aligngames list`` (games and parameters)."""

from __future__ import annotations

import argparse
import json
from typing import Any

import games
from games._exact import json_value
from games._text import format_number
from solvers.cli import catalog
from solvers.cli.families import family_command, parameter_records
from solvers.cli.options import _table, plain_summary
from solvers.cli.params import _exact_text, parameters_from_args


def _reading_json(r: Any) -> dict[str, Any]:
    return {"reading": r.name, "assumption": r.assumption, "value": json_value(r.value),
            "value_exact": None if r.value is None else _exact_text(r.value), "survives": r.survives}


def _number_or_dash(x: Any) -> str:
    return "-" if x is None else format_number(x)


def run_audit(args: argparse.Namespace) -> int:
    """``aligngames audit``: every claim with its status and readings (statuses: :data:`games.essay.STATUSES`).

    Both forms of the output are kept in the cache (:mod:`solvers.cli.catalog`) unless
    ``--params`` or ``--set`` is given.
    """
    text, json_text = audit_output(args)
    variant = catalog.variant(args)
    if variant is not None:
        catalog.store(variant, text=text, json_text=json_text, command="audit")
    print(json_text if args.json else text)
    return 0


def audit_output(args: argparse.Namespace) -> tuple[str, str]:
    """The table and the JSON that ``aligngames audit`` prints for these arguments."""
    ps = parameters_from_args(args)
    result = games.essay.claims(ps)
    out = [
        {
            "id": c.id,
            "claim": c.claim,
            "essay_value": json_value(c.essay_value),
            "computed": json_value(c.computed),
            "computed_exact": None if c.computed is None else _exact_text(c.computed),
            "status": c.status,
            "note": c.note,
            "formula": c.formula,
            "conclusion": c.conclusion,
            "readings": [_reading_json(r) for r in c.readings],
            "alternatives": {k: json_value(v) for k, v in c.alternatives.items()},
        }
        for c in result
    ]
    json_text = json.dumps(out, indent=2)
    rows = [(c.id, _number_or_dash(c.essay_value), _number_or_dash(c.computed), c.status) for c in result]
    lines = [f"Audit of the essay's arithmetic (scenario {args.scenario}"
             + (f", case {args.case}" if args.case else "") + ")\n",
             _table(rows, ("claim", "essay", "recomputed", "status")), ""]
    for c in result:
        if c.note:
            lines.append(f"{c.id}: {c.note}")
        if c.readings:
            if c.conclusion:
                lines.append(f"  conclusion tested: {c.conclusion}")
            for r in c.readings:
                verdict = {True: "survives", False: "FAILS", None: ""}[r.survives]
                lines.append(f"  - {r.name}: {_number_or_dash(r.value)}" + (f" ({verdict})" if verdict else "")
                             + f"; {r.assumption}")
    counts = {s: sum(1 for c in result if c.status == s) for s in games.essay.STATUSES}
    lines.append("\n" + ", ".join(f"{n} {s}" for s, n in counts.items()))
    return "\n".join(lines), json_text


def _describe_game(name: str) -> dict[str, Any]:
    import sympy

    entry = games.library_entries()[name]
    g = entry.builder()
    if entry.family != "normal-form":
        described: dict[str, Any] = family_command(entry.family, "describe")(entry, g)
        return described
    params = parameter_records(g)
    if isinstance(g, games.SymmetricGame):
        players: Any = json_value(g.n_players) if isinstance(g.n_players, sympy.Basic) else g.n_players
        strategies: Any = list(g.strategies or ())
        kind = "symmetric n-player"
    else:
        players = list(g.players)
        strategies = [list(s) for s in g.strategies]
        kind = "normal form"
    return {"name": name, "level": entry.level, "summary": entry.summary, "form": kind,
            "players": players, "strategies": strategies, "parameters": params}


def run_list(args: argparse.Namespace) -> int:
    """``aligngames list``: the games and the parameters; both forms of the output are kept in the cache."""
    text, json_text = list_output(args.scenario)
    catalog.store(args.scenario, text=text, json_text=json_text)
    print(json_text if args.json else text)
    return 0


def list_output(scenario: str) -> tuple[str, str]:
    """The table and the JSON that ``aligngames list --scenario SCENARIO`` prints."""
    ps = games.essay.parameters(scenario)
    gl = [_describe_game(n) for n in games.library_entries()]
    pl = [
        {"name": p.name, "value": json_value(p.value), "unit": p.unit, "kind": p.kind,
         "low": json_value(p.low), "high": json_value(p.high), "ours": p.ours,
         "description": p.description, "quote": p.quote}
        for p in ps.values()
    ]
    json_text = json.dumps({"games": gl, "parameters": pl, "cases": sorted(games.essay.cases()),
                            "scenarios": list(games.essay.scenarios())}, indent=2)
    out = ["Games\n"]
    if gl:
        out.append(_table([(g["name"], g["level"], plain_summary(g["summary"])) for g in gl],
                          ("name", "level", "summary")))
    else:
        out.append("(no games registered)")
    out.append(f"\nParameters (scenario {scenario}; * = range is ours)\n")
    rows = [
        (p.name, format_number(p.value), p.unit,
         "" if p.low is None else f"{format_number(p.low)} - {format_number(p.high)}" + (" *" if p.ours else ""))
        for p in ps.values()
    ]
    out.append(_table(rows, ("name", "value", "unit", "range")))
    out.append("\nCases: " + ", ".join(sorted(games.essay.cases())))
    return "\n".join(out), json_text
