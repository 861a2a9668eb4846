"""The ``aligngames`` command line.

Subcommands print a readable table on a terminal, or JSON with ``--json``.
Parameters come from the essay's scenario (``--scenario phd|industry``), one
of its walk-through cases (``--case``), a TOML file (``--params FILE.toml``)
and ``--set name=value`` (repeatable), applied in that order so that the most
explicit wins.  Values are numbers or fractions (``--set p_doom=1/3``); nothing
given on the command line or in a file is ever evaluated.

Bad input exits with status 2 and one line on stderr naming the problem; a
traceback is shown only for internal errors, and only with
``ALIGNGAMES_DEBUG=1``.

Examples
--------
>>> main(["audit", "--json"]) == 0  # doctest: +ELLIPSIS
[...
True
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import games
from games._numbers import CASE_NAMES, SCENARIO_NAMES
from games.errors import AligngamesError, ParameterError

if TYPE_CHECKING:
    import sympy

    from games.parameters import ParameterSet

# sympy and the analysis modules are imported inside the commands that use them: `aligngames sweep` with a
# cached template runs without sympy (solvers.sweep_cache), and `--help` answers at once.

__all__ = ["main", "build_parser"]

Handler = Callable[[argparse.Namespace], int]


class CLIError(AligngamesError):
    """A command-line usage error (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise CLIError(f"{self.prog}: {message}")


# ---------------------------------------------------------------------------
# parameters from the command line
# ---------------------------------------------------------------------------

def parse_set(item: str) -> tuple[str, sympy.Rational]:
    """Parse one ``--set name=value`` item (value: decimal or fraction, never evaluated).

    Examples
    --------
    >>> parse_set("p_doom=1/3")
    ('p_doom', 1/3)
    >>> parse_set("vsl")
    Traceback (most recent call last):
    ...
    solvers.cli.CLIError: --set 'vsl': expected name=value, e.g. --set vsl=8e6
    """
    if "=" not in item:
        raise CLIError(f"--set {item!r}: expected name=value, e.g. --set vsl=8e6")
    name, _, value = item.partition("=")
    name = name.strip()
    if not name.isidentifier():
        raise CLIError(f"--set {item!r}: {name!r} is not a parameter name")
    from games._exact import parse_fraction

    return name, parse_fraction(value, f"--set {name}", error=CLIError)


def parameters_from_args(args: argparse.Namespace) -> ParameterSet:
    """The parameter set that ``--scenario``, ``--case``, ``--params`` and ``--set`` describe."""
    ps = games.essay.parameters(getattr(args, "scenario", "phd") or "phd", getattr(args, "case", None))
    if getattr(args, "params", None):
        ps = ps.with_file(args.params)
    overrides: dict[str, Any] = {}
    for item in getattr(args, "set", None) or []:
        name, value = parse_set(item)
        overrides[name] = value
    if overrides:
        ps = ps.set(overrides)
    return ps


def _add_param_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", default="phd", choices=SCENARIO_NAMES,
                   help="salary scenario (default: phd)")
    p.add_argument("--case", choices=sorted(CASE_NAMES), default=None,
                   help="one of the essay's walk-through cases")
    p.add_argument("--params", metavar="FILE.toml", help="parameter values from a TOML file (data only)")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", default=[],
                   help="override one parameter (repeatable); VALUE is a number or a fraction like 1/3")


def _add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output on stdout")


# ---------------------------------------------------------------------------
# formatting
# ---------------------------------------------------------------------------

def fmt_number(x: Any) -> str:
    """:func:`solvers.summary.format_number`: one formatter for the CLI, the report and the notebooks."""
    from solvers.summary import format_number

    return format_number(x)


def _table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join([line, sep, *body])


def _json_value(x: Any) -> Any:
    import sympy

    from games._exact import rational_to_python

    if x is None:
        return None
    if isinstance(x, sympy.Basic):
        return rational_to_python(x)  # type: ignore[arg-type]
    return x


def _exact_text(x: Any) -> str | None:
    if x is None:
        return None
    return str(x)


# ---------------------------------------------------------------------------
# subcommands
# ---------------------------------------------------------------------------

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


def parse_option(item: str, builder: Callable[..., Any]) -> tuple[str, Any]:
    """Parse one ``--option name=value`` for a game builder, typed by the option's default.

    Booleans accept true/false/yes/no/1/0; integers and strings are taken as typed.
    """
    import inspect

    if "=" not in item:
        raise CLIError(f"--option {item!r}: expected name=value, e.g. --option own_life=false")
    name, _, raw = item.partition("=")
    sig = inspect.signature(builder)
    options = {k: v.default for k, v in sig.parameters.items() if v.default is not inspect.Parameter.empty}
    if name not in options:
        raise CLIError(f"--option {item!r}: " + suggest_name(name, options, "option of this game"))
    default = options[name]
    raw = raw.strip()
    if isinstance(default, bool):
        low = raw.lower()
        if low in ("true", "yes", "1", "on"):
            return name, True
        if low in ("false", "no", "0", "off"):
            return name, False
        raise CLIError(f"--option {name}: {raw!r} is not a boolean (allowed: true, false)")
    if isinstance(default, int):
        if not raw.lstrip("-").isdigit() or len(raw) > 12:
            raise CLIError(f"--option {name}: {raw!r} is not a whole number")
        return name, int(raw)
    if default is None or isinstance(default, str):
        return name, raw
    raise CLIError(f"--option {name}: this option cannot be set from the command line")


def suggest_name(name: str, allowed: Any, what: str) -> str:
    from games.errors import suggest

    return suggest(name, allowed, what=what)


def _build_game(args: argparse.Namespace) -> tuple[Any, Any]:
    entries = games.library_entries()
    if args.game not in entries:
        raise CLIError(suggest_name(args.game, entries, "game"))
    entry = entries[args.game]
    options = dict(parse_option(o, entry.builder) for o in (args.option or []))
    return entry, entry.builder(**options)


def _cmd_solve(args: argparse.Namespace) -> int:
    from solvers.summary import equilibria_summary

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
    from solvers.conditions import equilibrium_conditions

    results = equilibrium_conditions(game)
    if args.json:
        out = [{"label": r.label, "kind": r.kind, "profile": [[str(v) for v in p] for p in r.profile],
                "condition": str(r.condition)} for r in results]
        print(json.dumps({"game": args.game, "equilibria": out}, indent=2))
        return 0
    if args.latex:
        from solvers.latex import to_latex

        print(to_latex(results))
        return 0
    for r in results:
        print(f"{r.label}\n    if {r.condition}")
    return 0


def _cmd_breakeven(args: argparse.Namespace) -> int:
    import sympy

    from solvers.breakeven import break_even

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
        from solvers.regimes import regime_graph

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
        from solvers.best_response import attractors, best_response_graph

        G = best_response_graph(numeric, best_only=args.best_only)
        def node_text(v: Any) -> str:
            return ", ".join(map(str, v)) if isinstance(v, tuple) else str(v)

        sinks = [sorted(node_text(v) for v in a) for a in attractors(G)]
        extra = {"attractors": sinks}
    else:
        from solvers.invasion import invasion_graph, small_mutation_chain, stationary_distribution

        if args.population < 2:
            raise CLIError(f"graph: --population {args.population} (allowed: at least 2)")
        chain = small_mutation_chain(numeric, args.population, selection=args.selection, rule=args.rule)
        G = chain if args.kind == "chain" else invasion_graph(chain)
        extra = {"stationary": {str(k): v for k, v in stationary_distribution(chain).items()}}
    if args.out:
        from solvers.draw import write_graph

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
    from solvers.report import build_report, write_report

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


# ---------------------------------------------------------------------------
# parser and entry point
# ---------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``aligngames`` command."""
    parser = _Parser(prog="aligngames", description="Game theory of the Alignment-vs-Capabilities choice.")
    parser.add_argument("--version", action="version", version=f"aligngames {games.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("list", help="list the games and parameters")
    p.add_argument("--scenario", default="phd", choices=SCENARIO_NAMES)
    _add_json(p)
    p.set_defaults(handler=_cmd_list)

    p = sub.add_parser("audit", help="recompute the essay's numeric claims")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler=_cmd_audit)

    p = sub.add_parser("solve", help="equilibria of a library game at the essay's values (or symbolic)")
    p.add_argument("game", help="a game name from `aligngames list`")
    p.add_argument("--option", action="append", metavar="NAME=VALUE", default=[],
                   help="a modelling option of the game's builder, e.g. own_life=false (repeatable)")
    p.add_argument("--symbolic", action="store_true", help="closed-form equilibria with their conditions")
    p.add_argument("--latex", action="store_true", help="with --symbolic: LaTeX output")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler=_cmd_solve)

    p = sub.add_parser("breakeven", help="closed-form values of a parameter where the equilibria change")
    p.add_argument("game", help="a game name from `aligngames list`")
    p.add_argument("param", help="the parameter to solve for")
    p.add_argument("--option", action="append", metavar="NAME=VALUE", default=[],
                   help="a modelling option of the game's builder (repeatable)")
    p.add_argument("--numeric-only", action="store_true", help="skip the closed forms (faster)")
    p.add_argument("--welfare", action="store_true",
                   help="where everyone's ranking of all-first vs all-second strategy flips (e.g. n* of "
                        "collective_action) instead of where the equilibria change")
    p.add_argument("--latex", action="store_true", help="LaTeX (amsmath aligned) output")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler=_cmd_breakeven)

    p = sub.add_parser("graph", help="strategy dynamics as a graph: best responses, invasion, small-mutation chain")
    p.add_argument("game", help="a game name from `aligngames list`")
    p.add_argument("--kind", choices=("best-response", "invasion", "chain", "regimes"), default="best-response")
    p.add_argument("--range", action="append", default=[], metavar="NAME=LOW:HIGH",
                   help="regimes: a parameter and its range (one or two)")
    p.add_argument("--samples", type=int, default=101, help="regimes: grid points per parameter")
    p.add_argument("--best-only", action="store_true", help="best-response edges only (default: all improvements)")
    p.add_argument("--population", type=int, default=100, help="population size Z (invasion, chain)")
    p.add_argument("--selection", type=float, default=1e-5, help="intensity of selection (invasion, chain)")
    p.add_argument("--rule", choices=("fermi", "moran"), default="fermi")
    p.add_argument("--option", action="append", metavar="NAME=VALUE", default=[],
                   help="a modelling option of the game's builder (repeatable)")
    p.add_argument("--out", metavar="FILE", help="write the graph: .png .pdf .svg (drawing), .tex (TikZ), .graphml")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler=_cmd_graph)

    from solvers import sweep_cli

    p = sub.add_parser("sweep", help="regime shares over a parameter grid or Monte Carlo samples")
    sweep_cli.setup(p)
    p.set_defaults(handler=sweep_cli.run)

    p = sub.add_parser("report", help="the essay analysed end to end: LaTeX/PDF, Markdown, JSON, figures")
    p.add_argument("--out", default="aligngames-report", metavar="DIR", help="output folder (default: %(default)s)")
    p.add_argument("--no-pdf", action="store_true", help="do not run pdflatex")
    p.add_argument("--fragments", action="store_true", help="also write each table and equation as its own .tex")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler=_cmd_report)
    return parser


def _command_names(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:  # noqa: SLF001 - argparse keeps subparsers here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return list(action.choices)
    return []


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input, 1 internal error)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        args = parser.parse_args(args_list)
        if not getattr(args, "command", None):
            choices = ", ".join(_command_names(parser))
            raise CLIError(f"a COMMAND is required ({choices}); see aligngames --help")
        handler: Handler = args.handler
        return handler(args)
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0) if isinstance(exc.code, int) or exc.code is None else 2
    except (AligngamesError, ParameterError) as exc:
        msg = str(exc).replace("\n", " ")
        print(f"aligngames: error: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("aligngames: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an internal error: one line unless debugging
        if os.environ.get("ALIGNGAMES_DEBUG"):
            raise
        print(f"aligngames: internal error: {type(exc).__name__}: {exc} "
              "(set ALIGNGAMES_DEBUG=1 for a traceback)", file=sys.stderr)
        return 1


def _entry() -> None:  # pragma: no cover - console script
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
