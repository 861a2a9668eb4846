r"""The subcommands ``audit``, ``list``, ``solve``, ``breakeven``, ``graph`` and ``report``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import games
from solvers.cli.args import (
    _exact_text,
    _json_value,
    _table,
    fmt_number,
    parameters_from_args,
    parse_option,
    suggest_name,
)
from solvers.errors import CLIError


def _cmd_audit(args: argparse.Namespace) -> int:
    ps = parameters_from_args(args)
    result = games.essay.claims(ps)
    if args.json:
        out = [
            {
                "id": c.id,
                "claim": c.claim,
                "essay_value": _json_value(c.essay_value),
                "computed": _json_value(c.computed),
                "computed_exact": _exact_text(c.computed),
                "status": c.status,
                "note": c.note,
                "formula": c.formula,
                "alternatives": {k: _json_value(v) for k, v in c.alternatives.items()},
            }
            for c in result
        ]
        print(json.dumps(out, indent=2))
        return 0
    rows = [(c.id, fmt_number(c.essay_value), fmt_number(c.computed), c.status) for c in result]
    print(f"Audit of the essay's arithmetic (scenario {args.scenario}"
          + (f", case {args.case}" if args.case else "") + ")\n")
    print(_table(rows, ("claim", "essay", "recomputed", "status")))
    print()
    for c in result:
        if c.note:
            print(f"{c.id}: {c.note}")
    counts = {s: sum(1 for c in result if c.status == s) for s in ("ok", "approx", "mismatch", "ambiguous")}
    print("\n" + ", ".join(f"{n} {s}" for s, n in counts.items()))
    return 0


def _describe_game(name: str) -> dict[str, Any]:
    import sympy

    entry = games.library_entries()[name]
    g = entry.builder()
    ps = games.essay.parameters()
    free = sorted(s.name for s in g.free_symbols)
    params = []
    for f in free:
        if f in ps:
            p = ps[f]
            params.append({"name": f, "unit": p.unit, "kind": p.kind, "default": _json_value(p.value)})
        else:
            params.append({"name": f, "unit": "", "kind": "", "default": None})
    if isinstance(g, games.SymmetricGame):
        players: Any = _json_value(g.n_players) if isinstance(g.n_players, sympy.Basic) else g.n_players
        strategies: Any = list(g.strategies or ())
        kind = "symmetric n-player"
    else:
        players = list(g.players)
        strategies = [list(s) for s in g.strategies]
        kind = "normal form"
    return {"name": name, "level": entry.level, "summary": entry.summary, "form": kind,
            "players": players, "strategies": strategies, "parameters": params}


def _cmd_list(args: argparse.Namespace) -> int:
    ps = games.essay.parameters(args.scenario)
    gl = [_describe_game(n) for n in games.library_entries()]
    pl = [
        {"name": p.name, "value": _json_value(p.value), "unit": p.unit, "kind": p.kind,
         "low": _json_value(p.low), "high": _json_value(p.high), "ours": p.ours,
         "description": p.description, "quote": p.quote}
        for p in ps.values()
    ]
    if args.json:
        print(json.dumps({"games": gl, "parameters": pl, "cases": sorted(games.essay.cases()),
                          "scenarios": list(games.essay.scenarios())}, indent=2))
        return 0
    print("Games\n")
    if gl:
        print(_table([(g["name"], g["level"], g["summary"]) for g in gl], ("name", "level", "summary")))
    else:
        print("(no games registered)")
    print(f"\nParameters (scenario {args.scenario}; * = range is ours)\n")
    rows = [
        (p.name, fmt_number(p.value), p.unit,
         "" if p.low is None else f"{fmt_number(p.low)} - {fmt_number(p.high)}" + (" *" if p.ours else ""))
        for p in ps.values()
    ]
    print(_table(rows, ("name", "value", "unit", "range")))
    print("\nCases: " + ", ".join(sorted(games.essay.cases())))
    return 0


def _build_game(args: argparse.Namespace) -> tuple[Any, Any]:
    entries = games.library_entries()
    if args.game not in entries:
        raise CLIError(suggest_name(args.game, entries, "game"))
    entry = entries[args.game]
    options = dict(parse_option(o, entry.builder) for o in (args.option or []))
    return entry, entry.builder(**options)


def _cmd_solve(args: argparse.Namespace) -> int:
    from solvers.equilibria.summary import equilibria_summary

    entry, game = _build_game(args)
    ps = parameters_from_args(args)
    if args.symbolic:
        return _solve_symbolic(args, game)
    used = sorted(s.name for s in game.free_symbols)
    for name in used:
        if name not in ps:
            raise CLIError(f"game {args.game!r} has a parameter {name!r} with no value; give --set {name}=VALUE")
    numeric = game.subs(ps)
    lines, records = equilibria_summary(numeric)
    values = {n: ps[n].value for n in used}
    if args.json:
        out = {"game": args.game, "level": entry.level, "scenario": ps.name,
               "parameters": {n: _json_value(v) for n, v in values.items()},
               "equilibria": records}
        if isinstance(numeric, games.Game):
            out["players"] = list(numeric.players)
            out["strategies"] = [list(st) for st in numeric.strategies]
        print(json.dumps(out, indent=2, default=str))
        return 0
    print(f"{args.game} ({entry.level}): {entry.summary}")
    print("at " + "; ".join(f"{n} = {fmt_number(v)}" for n, v in values.items()))
    print(f"\n{len(lines)} equilibri{'um' if len(lines) == 1 else 'a'}:")
    for line in lines:
        print("  " + line)
    return 0


def _solve_symbolic(args: argparse.Namespace, game: Any) -> int:
    from solvers.conditions.derive import equilibrium_conditions

    results = equilibrium_conditions(game)
    if args.json:
        out = [{"label": r.label, "kind": r.kind, "profile": [[str(v) for v in p] for p in r.profile],
                "condition": str(r.condition)} for r in results]
        print(json.dumps({"game": args.game, "equilibria": out}, indent=2))
        return 0
    if args.latex:
        from solvers.render.latex import to_latex

        print(to_latex(results))
        return 0
    for r in results:
        print(f"{r.label}\n    if {r.condition}")
    return 0


def _cmd_breakeven(args: argparse.Namespace) -> int:
    import sympy

    from solvers.conditions.thresholds import break_even

    _, game = _build_game(args)
    ps = parameters_from_args(args)
    free = {sym.name: sym for sym in game.free_symbols}
    if args.param not in free:
        raise CLIError(f"breakeven: {args.param!r} is not a parameter of {args.game!r}; "
                       + suggest_name(args.param, free, "parameter"))
    sym = free[args.param]
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
        from games.parameters import latex_symbol_names

        names = latex_symbol_names()
        lhs = sympy.latex(sym, symbol_names=names) + "^{*}"
        lines = []
        for r in rows:
            rhs = sympy.latex(r["closed_form"], symbol_names=names) + " = " if r["closed_form"] is not None else ""
            lines.append(f"{lhs} &= {rhs}{_latex_number(r['value'])}")
        print("\\begin{aligned}\n" + " \\\\\n".join(lines) + "\n\\end{aligned}" if lines else "% no break-even value")
        return 0
    if args.json:
        out = {"game": args.game, "parameter": args.param, "scenario": ps.name, "thresholds": [
            {"value": _json_value(r["value"]), "value_exact": str(r["value"]),
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
        print(f"\n  {args.param}* = {fmt_number(r['value'])}  ({r['value']}){note}")
        if r["closed_form"] is not None:
            print(f"    closed form: {r['closed_form']}")
        print(f"    below: {'; '.join(r['below']) or 'no equilibrium'}")
        print(f"    above: {'; '.join(r['above']) or 'no equilibrium'}")
    return 0


def _latex_number(x: Any) -> str:
    text = fmt_number(x)
    return text.replace(",", "{,}")


def _graph_json(G: Any) -> dict[str, Any]:
    import sympy

    def val(v: Any) -> Any:
        if isinstance(v, sympy.Basic):
            return _json_value(v) if v.is_number else str(v)
        if isinstance(v, (tuple, list)):
            return [val(x) for x in v]
        if isinstance(v, (str, int, float, bool)) or v is None:
            return v
        return str(v)

    return {
        "nodes": [{"id": val(n), **{k: val(v) for k, v in d.items()}} for n, d in G.nodes(data=True)],
        "edges": [{"source": val(a), "target": val(b), **{k: val(v) for k, v in d.items()}}
                  for a, b, d in G.edges(data=True)],
    }


def _cmd_graph(args: argparse.Namespace) -> int:
    from games._exact import parse_fraction

    _, game = _build_game(args)
    ps = parameters_from_args(args)
    numeric = game.subs(ps)
    if args.kind == "regimes":
        from solvers.dynamics.regimes import regime_graph

        if not 1 <= len(args.range) <= 2:
            raise CLIError("graph --kind regimes: give one or two --range NAME=LOW:HIGH")
        ranges = {}
        for item in args.range:
            name, _, rest = item.partition("=")
            lo, sep, hi = rest.partition(":")
            if not sep:
                raise CLIError(f"--range {item!r}: expected NAME=LOW:HIGH, e.g. --range vsl=5e6:8e6")
            ranges[name.strip()] = (float(parse_fraction(lo, f"--range {name} low", error=CLIError)),
                                    float(parse_fraction(hi, f"--range {name} high", error=CLIError)))
        if args.samples < 2 or args.samples > 2001:
            raise CLIError(f"graph: --samples {args.samples} (allowed: 2 to 2001 per parameter)")
        G = regime_graph(game, list(ranges), ranges, fixed=ps, samples=args.samples)
        extra: dict[str, Any] = {"regimes": G.number_of_nodes()}
    elif args.kind == "best-response":
        from solvers.dynamics.best_response import attractors, best_response_graph

        G = best_response_graph(numeric, best_only=args.best_only)
        def node_text(v: Any) -> str:
            return ", ".join(map(str, v)) if isinstance(v, tuple) else str(v)

        sinks = [sorted(node_text(v) for v in a) for a in attractors(G)]
        extra = {"attractors": sinks}
    else:
        from solvers.dynamics.invasion import invasion_graph, small_mutation_chain, stationary_distribution

        if args.population < 2:
            raise CLIError(f"graph: --population {args.population} (allowed: at least 2)")
        chain = small_mutation_chain(numeric, args.population, selection=args.selection, rule=args.rule)
        G = chain if args.kind == "chain" else invasion_graph(chain)
        extra = {"stationary": {str(k): v for k, v in stationary_distribution(chain).items()}}
    if args.out:
        from solvers.render.graphs import write_graph

        path = write_graph(G, args.out)
        extra["written"] = str(path)
    if args.json:
        print(json.dumps({"game": args.game, "kind": args.kind, **_graph_json(G), **extra}, indent=2))
        return 0
    print(f"{args.game}: {args.kind} graph, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    for key, value in extra.items():
        print(f"  {key}: {value}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from solvers.report.document import write_report
    from solvers.report.sections import build_report

    ps = parameters_from_args(args)
    quiet = args.quiet or not sys.stderr.isatty()

    def progress(msg: str) -> None:
        if not quiet:
            print(f"aligngames report: {msg} ...", file=sys.stderr)

    rep = build_report(ps, progress=progress)
    files = write_report(rep, args.out, pdf=not args.no_pdf, fragments=args.fragments)
    audit = {c["id"]: c for c in rep.data["audit"]}
    summary = {
        "folder": str(files.folder), "tex": str(files.tex), "pdf": str(files.pdf) if files.pdf else None,
        "markdown": str(files.markdown), "json": str(files.json), "figures": [str(f) for f in files.figures],
        "fragments": len(files.fragments), "games": len(rep.data.get("games", {})), "errors": rep.errors,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"Report written to {files.folder}/")
    for key in ("tex", "pdf", "markdown", "json"):
        print(f"  {key:9s} {summary[key] or '(not compiled: pdflatex not found)' if key == 'pdf' else summary[key]}")
    mism = [i for i, c in audit.items() if c["status"] == "mismatch"]
    print(f"  audit: {len(audit)} claims, mismatches: {', '.join(mism) or 'none'}; games analysed: {summary['games']}")
    return 0

