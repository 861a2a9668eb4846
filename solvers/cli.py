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
from typing import Any, NoReturn

import sympy

import games
from games._exact import parse_fraction, rational_to_python
from games.errors import AligngamesError, ParameterError
from games.parameters import ParameterSet

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
    p.add_argument("--scenario", default="phd", choices=games.essay.scenarios(),
                   help="salary scenario (default: phd)")
    p.add_argument("--case", choices=sorted(games.essay.cases()), default=None,
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
    """A readable form of an exact number: ``1,300,000``, ``4.124``, ``0.1739``.

    Examples
    --------
    >>> fmt_number(sympy.Integer(1300000)), fmt_number(sympy.Rational(400, 97))
    ('1,300,000', '4.124')
    """
    if x is None:
        return "-"
    if isinstance(x, sympy.Integer) or (isinstance(x, int) and not isinstance(x, bool)):
        return f"{int(x):,}"
    if isinstance(x, sympy.Basic) and not x.is_number:
        return str(x)
    f = float(x)
    if f == int(f) and abs(f) < 1e15:
        return f"{int(f):,}"
    if abs(f) >= 1e15 or (f != 0 and abs(f) < 1e-3):
        return f"{f:.4g}"
    return f"{f:,.4g}" if abs(f) < 1000 else f"{f:,.0f}"


def _table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join([line, sep, *body])


def _json_value(x: Any) -> Any:
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


# ---------------------------------------------------------------------------
# parser and entry point
# ---------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``aligngames`` command."""
    parser = _Parser(prog="aligngames", description="Game theory of the Alignment-vs-Capabilities choice.")
    parser.add_argument("--version", action="version", version=f"aligngames {games.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("list", help="list the games and parameters")
    p.add_argument("--scenario", default="phd", choices=games.essay.scenarios())
    _add_json(p)
    p.set_defaults(handler=_cmd_list)

    p = sub.add_parser("audit", help="recompute the essay's numeric claims")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler=_cmd_audit)

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
