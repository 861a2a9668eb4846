r"""``aligngames graph``: best-response, invasion, small-mutation-chain and regime graphs, printed or written to a file."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

from games._exact import json_value, parse_fraction
from games._io import atomic_write_bytes, check_output
from games._text import format_number
from solvers.cli.families import family_command
from solvers.cli.numeric import _build_game
from solvers.cli.params import parameters_from_args
from solvers.conditions.thresholds import break_even
from solvers.dynamics.best_response import attractors, best_response_graph
from solvers.dynamics.invasion import invasion_graph, small_mutation_chain, stationary_distribution
from solvers.dynamics.regimes import regime_graph
from solvers.errors import CLIError
from solvers.render.graphs import write_graph
from solvers.render.plain import readable
from solvers.render.style import figure_style, new_figure
from solvers.render.tikz import to_tikz
from solvers.report.figures import draw_regime_map
from solvers.sweeps.game_sweep import sweep


def _graph_json(G: Any) -> dict[str, Any]:
    import sympy

    def val(v: Any) -> Any:
        if isinstance(v, sympy.Basic):
            return json_value(v) if v.is_number else str(v)
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


#: The suffixes ``graph --out`` writes (``.tex`` is TikZ).
OUT_SUFFIXES = (".png", ".pdf", ".svg", ".tex", ".graphml")


def run_graph(args: argparse.Namespace) -> int:
    if args.out:  # before any computation: a bad path fails at once
        check_output(args.out, suffixes=OUT_SUFFIXES, inputs=[getattr(args, "params", None)])
    entry, game = _build_game(args)
    if entry.family != "normal-form":
        return int(family_command(entry.family, "graph")(args, entry, game))
    ps = parameters_from_args(args)
    numeric = game.subs(ps)
    lines: list[str] = []
    if args.kind == "regimes":
        if len(args.range) > 2:
            raise CLIError("graph --kind regimes: give one or two --range NAME=LOW:HIGH")
        ranges = _regime_ranges(args, game, ps)
        if args.samples < 2 or args.samples > 2001:
            raise CLIError(f"graph: --samples {args.samples} (allowed: 2 to 2001 per parameter)")
        G = regime_graph(game, list(ranges), ranges, fixed=ps, samples=args.samples)
        extra: dict[str, Any] = {"regimes": G.number_of_nodes(),
                                 "ranges": {k: [json_value(v) for v in r] for k, r in ranges.items()}}
        grid = " x ".join([str(args.samples)] * len(ranges))
        lines.append("over " + ", ".join(f"{k} from {format_number(lo)} to {format_number(hi)}"
                                         for k, (lo, hi) in ranges.items())
                     + f" ({grid} grid; the other parameters at their values)")
        for node, d in sorted(G.nodes(data=True), key=lambda nd: -nd[1].get("share", 0)):
            lines.append(f"  {node}: {format_number(100 * d.get('share', 0))}% of the grid")
        for a, b, d in G.edges(data=True):
            where = " or ".join(readable(th) for th in d.get("thresholds", ())) or "between two grid points"
            lines.append(f"  from {a} to {b} where {where}")
    elif args.kind == "best-response":
        G = best_response_graph(numeric, best_only=args.best_only)
        found = attractors(G)
        extra = {"attractors": [sorted(", ".join(map(str, v)) if isinstance(v, tuple) else str(v) for v in a)
                                for a in found]}
        lines.append("where best-response dynamics end (sinks and sink cycles):")
        for sink in (sorted(_profile_text(v) for v in a) for a in found):
            lines.append("  " + (sink[0] if len(sink) == 1 else f"a cycle through {', '.join(sink)}"))
    else:
        if args.population < 2:
            raise CLIError(f"graph: --population {args.population} (allowed: at least 2)")
        chain = small_mutation_chain(numeric, args.population, selection=args.selection, rule=args.rule)
        G = chain if args.kind == "chain" else invasion_graph(chain)
        stationary = {str(k): v for k, v in stationary_distribution(chain).items()}
        extra = {"stationary": stationary}
        lines.append(f"population {args.population}, selection {format_number(args.selection)}, rule {args.rule}")
        lines.append("time spent in each strategy (stationary distribution of the small-mutation chain):")
        lines.extend(f"  {k}: {format_number(v)}" for k, v in stationary.items())
        lines.append("fixation of one mutant:")
        for a, b, d in G.edges(data=True):
            if a != b and d.get("fixation") is not None:
                lines.append(f"  one {b} mutant among {a} fixes with probability {format_number(d['fixation'])}"
                             f" ({format_number(d.get('ratio'))} times neutral)")
    if args.out:
        path = _write(G, args.out, game, ps, args) if args.kind == "regimes" else write_graph(G, args.out)
        extra["written"] = str(path)
        lines.append(f"written: {path}")
    if args.json and args.latex:
        raise CLIError("graph: give --latex or --json, not both")
    if args.latex:
        print(to_tikz(G, standalone=False))  # a picture to paste into a figure
        return 0
    if args.json:
        print(json.dumps({"game": args.game, "kind": args.kind, **_graph_json(G), **extra}, indent=2))
        return 0
    print(f"{args.game}: {args.kind} graph, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    for line in lines:
        print("  " + line)
    return 0


def _profile_text(v: Any) -> str:
    """A pure profile as a reader writes it: ``(Capabilities, Capabilities)``."""
    return "(" + ", ".join(map(str, v)) + ")" if isinstance(v, tuple) else str(v)


def _regime_ranges(args: argparse.Namespace, game: Any, ps: Any) -> dict[str, tuple[float, float]]:
    """The ``--range`` items, or by default the (first two) parameters whose break-even values lie in their ranges."""
    ranges: dict[str, tuple[float, float]] = {}
    for item in args.range:
        name, _, rest = item.partition("=")
        lo, sep, hi = rest.partition(":")
        if not sep:
            raise CLIError(f"--range {item!r}: expected NAME=LOW:HIGH, e.g. --range vsl=5e6:8e6")
        ranges[name.strip()] = (float(parse_fraction(lo, f"--range {name} low", error=CLIError)),
                                float(parse_fraction(hi, f"--range {name} high", error=CLIError)))
    if ranges:
        return ranges
    free = {s.name: s for s in game.free_symbols}
    candidates = [p for p in ps.values() if p.name in free and p.low is not None and p.high is not None
                  and p.low != p.high]
    chosen = [p for p in candidates
              if any(getattr(t, "in_range", True) for t in break_even(game, free[p.name], ps))][:2]
    if not chosen:
        chosen = candidates[:2]
    if not chosen:
        raise CLIError(f"graph --kind regimes: {args.game!r} has no parameter with a range; "
                       "give --range NAME=LOW:HIGH")
    return {p.name: (float(p.low), float(p.high)) for p in chosen}


def _write(G: Any, out: str, game: Any, ps: Any, args: argparse.Namespace) -> Any:
    """Write a regime graph: over two parameters a drawing is the regime map (as in the report)."""
    names = list(G.graph["parameters"])
    if len(names) != 2 or Path(out).suffix.lower() not in (".png", ".pdf", ".svg"):
        return write_graph(G, out)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ranges = dict(zip(names, G.graph["ranges"]))
    steps = min(args.samples, 201)
    # the library's name lets the map draw the closed-form thresholds; a game built with --option has none
    grid = sweep(game if args.option else args.game, vary={k: (lo, hi, steps) for k, (lo, hi) in ranges.items()},
                 params=ps, progress=False)
    with figure_style():  # the report's figure: regions named in words, thresholds labelled, paper sizes
        fig, ax = new_figure(0.5)
        draw_regime_map(grid, ps, ax)
        buf = io.BytesIO()
        try:
            fig.savefig(buf, format=Path(out).suffix.lower().lstrip("."), dpi=300)
        finally:
            plt.close(fig)
    return atomic_write_bytes(out, buf.getvalue())
