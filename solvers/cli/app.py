r"""The ``aligngames`` command line.

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
import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import games
from games._numbers import SCENARIO_NAMES
from games._text import one_line
from games.errors import AligngamesError, ParameterError, suggest
from solvers.cli.options import _add_json, _add_param_options, _Parser
from solvers.errors import CLIError

__all__ = ["main", "build_parser"]


Handler = Callable[[argparse.Namespace], int]

#: The subcommands that print LaTeX with ``--latex``; the others refuse it with one line.
LATEX_COMMANDS = ("solve", "solve --symbolic", "breakeven", "graph (TikZ)")


#: The cached output of ``list`` and ``audit`` (:func:`solvers.cli.catalog.load`), named like a handler: its module
#: (with the cache's hashing and file checks) is imported only when they run (the command line's start-up, issue 17).
_CACHED_OUTPUT = "solvers.cli.catalog:cached_output"
#: The commands whose output the cache keeps (:data:`solvers.cli.catalog.COMMANDS`).
_CACHED_COMMANDS = ("list", "audit")


def _handler(spec: str) -> Handler:
    """The function named ``"module:function"``: a subcommand's module is imported only when it runs.

    This is how the command line starts fast: ``aligngames sweep`` (numeric,
    no sympy) never imports the modules of ``solve`` or ``report``.
    """
    function: Handler = _named(spec)
    return function


def _named(spec: str) -> Any:
    """The object named ``"module:name"``, its module imported on first use."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _add_game(p: argparse.ArgumentParser) -> None:
    """The library game a subcommand works on, and the modelling options of its builder.

    The name is optional for argparse so that a missing one is answered with the list of games.
    """
    p.add_argument("game", nargs="?", default=None, help="a game of the library (aligngames list shows them)")
    p.add_argument("--option", action="append", metavar="NAME=VALUE", default=[],
                   help="a modelling option of the game's builder, e.g. own_life=false (repeatable)")


class _Symbolic(argparse.Action):
    """``solve --symbolic``: sets ``symbolic`` and hands the command to the closed-form module."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        namespace.symbolic = True
        namespace.handler = "solvers.cli.solve:run_solve"


class _Latex(argparse.Action):
    """``solve --latex``: sets ``latex`` and hands the command to :mod:`solvers.cli.solve`, which imports the renderer.

    So that a plain ``aligngames solve`` never loads the LaTeX renderer and the closed-form result types
    (the command line's start-up, issue 17).
    """

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        namespace.latex = True
        namespace.handler = "solvers.cli.solve:run_solve"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of the ``aligngames`` command.

    ``command`` (the subcommand about to run, if known) lets the parser skip
    the options of subcommands that import heavy modules; ``None`` builds
    every option (for ``--help`` and the documentation).
    """
    parser = _Parser(prog="aligngames", description="Game theory of the Alignment-vs-Capabilities choice.",
                     epilog="aligngames help COMMAND (or aligngames COMMAND --help) shows the options of one command.")
    parser.add_argument("--version", action="version", version=f"aligngames {games.__version__}",
                        help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("help", help="show the help of the command line or of one COMMAND",
                       description="Show the help of the command line, or of one COMMAND.")
    p.add_argument("topic", nargs="?", default=None, metavar="COMMAND", help="the command to explain")
    p.set_defaults(handler="solvers.cli.app:run_help")

    p = sub.add_parser("list", help="list the games and parameters",
                       description="List the library's games and the parameters with their values, units and ranges.")
    p.add_argument("--scenario", default="phd", choices=SCENARIO_NAMES,
                   help="salary scenario whose values are shown (default: phd)")
    _add_json(p)
    p.set_defaults(handler="solvers.cli.info:run_list")

    p = sub.add_parser("audit", help="recompute the essay's numeric claims",
                       description="Recompute the essay's numeric claims, claim by claim, and say which match.")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler="solvers.cli.info:run_audit")

    p = sub.add_parser("solve", help="equilibria of a library game at the essay's values (or symbolic)",
                       description="Every Nash equilibrium of a library game at the given parameter values, "
                                   "or with --symbolic every equilibrium in closed form with its condition.")
    _add_game(p)
    p.add_argument("--symbolic", action=_Symbolic, nargs=0, default=False,
                   help="closed-form equilibria with their conditions")
    p.add_argument("--latex", action=_Latex, nargs=0, default=False,
                   help="LaTeX output: a tabular of the equilibria, or with --symbolic an amsmath block")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler="solvers.cli.numeric:run_solve")

    p = sub.add_parser("breakeven", help="closed-form values of a parameter where the equilibria change",
                       description="The values of one parameter at which the equilibria change (the other "
                                   "parameters at their values), with their closed forms.")
    _add_game(p)
    p.add_argument("param", nargs="?", default=None, help="the parameter to solve for (a parameter of the game)")
    p.add_argument("--numeric-only", action="store_true", help="skip the closed forms (faster)")
    p.add_argument("--welfare", action="store_true",
                   help="where everyone's ranking of all-first vs all-second strategy flips (e.g. n* of "
                        "collective_action) instead of where the equilibria change")
    p.add_argument("--latex", action="store_true", help="LaTeX (amsmath aligned) output")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler="solvers.cli.solve:run_breakeven")

    p = sub.add_parser("graph", help="strategy dynamics as a graph: best responses, invasion, small-mutation chain",
                       description="Strategy dynamics of a library game as a graph, printed or written with --out.")
    p.add_argument("game", nargs="?", default=None, help="a game of the library (aligngames list shows them)")
    p.add_argument("--option", action="append", metavar="NAME=VALUE", default=[],
                   help="a modelling option of the game's builder, e.g. own_life=false (repeatable)")
    p.add_argument("--kind", choices=("best-response", "invasion", "chain", "regimes"), default="best-response",
                   help="best-response: profiles linked by profitable deviations (default); invasion: which "
                        "strategy invades which; chain: the small-mutation Markov chain; regimes: how the "
                        "equilibria change over one or two parameters (a map with --out .png/.pdf/.svg)")
    p.add_argument("--range", action="append", default=[], metavar="NAME=LOW:HIGH",
                   help="regimes: a parameter and its range, once or twice (default: the two parameters "
                        "whose break-even values lie in their registry ranges)")
    p.add_argument("--samples", type=int, default=101, help="regimes: grid points per parameter")
    p.add_argument("--best-only", action="store_true", help="best-response edges only (default: all improvements)")
    p.add_argument("--population", type=int, default=100, help="population size Z (invasion, chain)")
    p.add_argument("--selection", type=float, default=1e-5, help="intensity of selection (invasion, chain)")
    p.add_argument("--rule", choices=("fermi", "moran"), default="fermi",
                   help="invasion, chain: the update rule, fermi (pairwise comparison, default) or moran "
                        "(birth-death with fitness 1 - w + w * payoff)")
    p.add_argument("--out", metavar="FILE", help="write the graph: .png .pdf .svg (drawing), .tex (TikZ), .graphml")
    p.add_argument("--latex", action="store_true", help="print the graph as a TikZ picture (LaTeX) on stdout; --out FILE.tex writes a whole document")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler="solvers.cli.graph:run_graph")

    p = sub.add_parser("sweep", help="regime shares over a parameter grid or Monte Carlo samples",
                       description="The share of each equilibrium regime over a grid of parameters (--vary) "
                                   "or Monte Carlo draws from their ranges (--samples).")
    if command in (None, "sweep", "help"):
        # the sweep options come from solvers.cli.sweep, which loads numpy and the sweep machinery:
        # built only when the command line may need them (start-up of list, solve, ... stays light)
        importlib.import_module("solvers.cli.sweep").setup(p)
    else:
        p.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    p.set_defaults(handler="solvers.cli.sweep:run")

    p = sub.add_parser("report", help="the essay analysed end to end: LaTeX/PDF, Markdown, JSON, figures",
                       description="The essay analysed end to end, written as LaTeX (and PDF), Markdown, JSON "
                                   "and figures into one folder.")
    p.add_argument("--out", default="aligngames-report", metavar="DIR", help="output folder (default: %(default)s)")
    p.add_argument("--no-pdf", action="store_true", help="do not run pdflatex")
    p.add_argument("--fragments", action="store_true", help="also write each table and equation as its own .tex")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    _add_param_options(p)
    _add_json(p)
    p.set_defaults(handler="solvers.cli.report:run_report")
    p = sub.add_parser("latex-preamble", help="the LaTeX preamble the toolkit's output needs (or --sty DIR: aligngames.sty)")
    p.add_argument("--sty", metavar="DIR", help="write aligngames.sty into DIR instead of printing the lines")
    p.set_defaults(handler="solvers.cli.latex:run_preamble")
    return parser


def _first_command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the first word that is not an option), if any."""
    for item in argv:
        if not item.startswith("-"):
            return item
        if item in ("-h", "--help"):
            return None
    return None


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # noqa: SLF001 - argparse keeps subparsers here
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return dict(action.choices)
    return {}


def _command_names(parser: argparse.ArgumentParser) -> list[str]:
    return list(_subcommands(parser))


def run_help(args: argparse.Namespace) -> int:
    """``aligngames help [COMMAND]``: the help of the command line, or of one subcommand."""
    parser = build_parser()
    commands = _subcommands(parser)
    if args.topic is None:
        parser.print_help()
        return 0
    if args.topic not in commands:
        raise CLIError(suggest(args.topic, commands, what="command"))
    commands[args.topic].print_help()
    return 0


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that every writer cleans up as for an interrupt."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


#: Threads re-sending a signal that a finaliser swallowed (see :func:`_redeliver_swallowed_signal`).
_REDELIVERIES: list[threading.Thread] = []


def _send_later(signum: int) -> None:
    time.sleep(0.05)  # the hook has returned by then; were the signal swallowed again, it is re-sent again
    os.kill(os.getpid(), signum)


def _redeliver_swallowed_signal(hook_args: Any) -> None:
    """An interrupt raised where Python cannot propagate it (a weakref callback, a finaliser) is sent again.

    Python reports such an exception as "unraisable" and carries on, so a SIGINT or SIGTERM that lands
    in, say, the import system's module-lock callback would be lost and the command would run to its
    end.  A helper thread sends the signal again once the callback has returned; its handler then runs
    at the next bytecode of the main thread, where the exception propagates to :func:`_main` and ends
    the command with its one line and status.
    """
    exc = hook_args.exc_value
    signum = (signal.SIGINT if isinstance(exc, KeyboardInterrupt)
              else signal.SIGTERM if isinstance(exc, _Terminated) else None)
    if signum is None:
        sys.__unraisablehook__(hook_args)
        return
    resend = threading.Thread(target=_send_later, args=(signum,), daemon=True)
    _REDELIVERIES.append(resend)
    resend.start()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input, 1 internal error, 130 SIGINT, 143 SIGTERM).

    Every message is one line on stderr (:func:`games._text.one_line`).
    """
    previous = None
    previous_hook = sys.unraisablehook
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
        sys.unraisablehook = _redeliver_swallowed_signal
    try:
        code = _main(argv)
        try:  # a signal re-sent after a finaliser swallowed it, arriving once the command had returned
            while _REDELIVERIES:
                _REDELIVERIES.pop().join()
            time.sleep(0)
        except KeyboardInterrupt:
            _error("interrupted")
            return 130
        except _Terminated:
            _error("terminated")
            return 143
        return code
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
            sys.unraisablehook = previous_hook


def _error(text: str) -> None:
    print(one_line(f"aligngames: {text}"), file=sys.stderr)


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser(_first_command(args_list))
        args, extra = parser.parse_known_args(args_list)
        if extra:
            command = getattr(args, "command", None)
            if "--latex" in extra and command:
                raise CLIError(f"aligngames {command}: --latex is not available here (LaTeX output: "
                               f"{', '.join(LATEX_COMMANDS)}; report writes report.tex)")
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        if not getattr(args, "command", None):
            choices = ", ".join(_command_names(parser))
            raise CLIError(f"a COMMAND is required ({choices}); see aligngames --help")
        # a kept list or audit prints without importing sympy; other commands never load the cache's module
        cached = _named(_CACHED_OUTPUT)(args) if args.command in _CACHED_COMMANDS else None
        if cached is not None:
            print(cached["json"] if args.json else cached["text"])
            return 0
        return _handler(args.handler)(args)
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0) if isinstance(exc.code, int) or exc.code is None else 2
    except (AligngamesError, ParameterError) as exc:
        _error(f"error: {exc.args[0] if isinstance(exc, KeyError) and exc.args else exc}")
        return 2
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except _Terminated:
        _error("terminated")
        return 143
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an internal error: one line unless debugging
        if os.environ.get("ALIGNGAMES_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (set ALIGNGAMES_DEBUG=1 for a traceback)")
        return 1


def _entry() -> None:  # pragma: no cover - console script
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

