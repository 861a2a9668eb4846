r"""``aligngames graph``: best-response, invasion, small-mutation-chain and regime graphs, printed or written to a file."""

from __future__ import annotations

import argparse
import json
from typing import Any

from games._exact import json_value, parse_fraction
from games._io import check_output
from solvers.cli.families import family_command
from solvers.cli.params import parameters_from_args
from solvers.cli.solve import _build_game
from solvers.dynamics.best_response import attractors, best_response_graph
from solvers.dynamics.invasion import invasion_graph, small_mutation_chain, stationary_distribution
from solvers.dynamics.regimes import regime_graph
from solvers.errors import CLIError
from solvers.render.graphs import write_graph


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
    if args.kind == "regimes":
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
        G = best_response_graph(numeric, best_only=args.best_only)
        def node_text(v: Any) -> str:
            return ", ".join(map(str, v)) if isinstance(v, tuple) else str(v)

        sinks = [sorted(node_text(v) for v in a) for a in attractors(G)]
        extra = {"attractors": sinks}
    else:
        if args.population < 2:
            raise CLIError(f"graph: --population {args.population} (allowed: at least 2)")
        chain = small_mutation_chain(numeric, args.population, selection=args.selection, rule=args.rule)
        G = chain if args.kind == "chain" else invasion_graph(chain)
        extra = {"stationary": {str(k): v for k, v in stationary_distribution(chain).items()}}
    if args.out:
        path = write_graph(G, args.out)
        extra["written"] = str(path)
    if args.json:
        print(json.dumps({"game": args.game, "kind": args.kind, **_graph_json(G), **extra}, indent=2))
        return 0
    print(f"{args.game}: {args.kind} graph, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    for key, value in extra.items():
        print(f"  {key}: {value}")
    return 0

