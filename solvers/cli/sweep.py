r"""The ``aligngames sweep`` subcommand: regime shares over a grid or Monte Carlo samples.

::

    aligngames sweep GAME (--vary NAME=LOW:HIGH:STEPS ... | --samples N) [--seed S]
                     [--distribution NAME=uniform|loguniform|triangular ...] [--range NAME=LOW:HIGH ...]
                     [--backend numpy|dask] [--scheduler ADDRESS] [--out FILE] [--json] [--quiet]
                     [--scenario S] [--case C] [--params FILE.toml] [--set NAME=VALUE ...]

The summary gives the share of points in each regime and the share where
each equilibrium exists; for Monte Carlo, the first-order sensitivity index
of every sampled parameter (:func:`solvers.sweeps.sensitivity.first_order_indices`)
for the payoff gap and each equilibrium, from the first
:data:`SENSITIVITY_POINTS` samples.  ``--json`` prints it as JSON.
``--out`` saves the kept points (``.npz``, ``.csv`` or ``.parquet``) atomically; the path is checked
(folder, suffix, not the ``--params`` file) before any work.
Numbers on the command line are decimals or fractions, never evaluated.

The symbolic stage (:func:`solvers.sweeps.template.build_template`) runs on
the first sweep of a game under given ``--scenario``, ``--case``, ``--params``
and ``--set`` options; its result is cached on disk
(:mod:`solvers.sweeps.cache`), and later sweeps of the same game and options
-- any ``--samples``, ``--vary``, ``--range`` or ``--seed`` -- import neither
sympy nor the game library.  ``--method solve`` always builds the game.

:func:`setup` adds the options to a parser; :func:`run` runs the command and
returns the exit status.  Bad input raises a
:class:`games.errors.AligngamesError` subclass (the ``aligngames`` entry point
turns it into one line on stderr and exit status 2).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="aligngames sweep")
>>> setup(parser)
>>> args = parser.parse_args(["great_power_race", "--vary", "capabilities_edge=1e12:2e12:2", "--quiet"])
>>> run(args)  # doctest: +NORMALIZE_WHITESPACE
great_power_race: grid over capabilities_edge (2 points), method conditions, backend numpy
<BLANKLINE>
regime                        share
----------------------------  ------
(Alignment, Alignment)        50.00%
(Capabilities, Capabilities)  50.00%
0
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from games._io import check_output
from games._numbers import parse_number
from solvers.cli.options import _add_param_options, _table
from solvers.errors import SweepError
from solvers.sweeps import cache as sweep_cache
from solvers.sweeps.model import DEFAULT_CHUNK, DEFAULT_KEEP, DISTRIBUTIONS, SweepTemplate
from solvers.sweeps.result import SweepResult
from solvers.sweeps.run import run_template
from solvers.sweeps.sensitivity import first_order_table

__all__ = ["setup", "run", "parse_vary", "parse_samples", "SENSITIVITY_POINTS"]


#: The first-order indices printed are estimated from the first this many kept samples
#: (standard error about 0.005 at 200,000).
SENSITIVITY_POINTS = 200_000

#: The suffixes ``--out`` writes (:meth:`solvers.sweeps.result.SweepResult.save`).
OUT_SUFFIXES = (".npz", ".csv", ".parquet")


def parse_vary(item: str) -> tuple[str, tuple[float, float, int]]:
    """Parse one ``--vary NAME=LOW:HIGH:STEPS`` (numbers are decimals or fractions, never evaluated).

    Examples
    --------
    >>> parse_vary("vsl=5e6:8e6:31")
    ('vsl', (5000000.0, 8000000.0, 31))
    >>> parse_vary("vsl=5e6:8e6")
    Traceback (most recent call last):
    ...
    solvers.errors.SweepError: --vary 'vsl=5e6:8e6': expected NAME=LOW:HIGH:STEPS, e.g. --vary vsl=5e6:8e6:31
    """
    name, parts = _split(item, "--vary", 3, "NAME=LOW:HIGH:STEPS", "vsl=5e6:8e6:31")
    lo = _finite(parts[0], f"--vary {name} low")
    hi = _finite(parts[1], f"--vary {name} high")
    steps = _whole(parts[2], f"--vary {name} steps")
    return name, (lo, hi, steps)


def parse_range(item: str) -> tuple[str, tuple[float, float]]:
    """Parse one ``--range NAME=LOW:HIGH``."""
    name, parts = _split(item, "--range", 2, "NAME=LOW:HIGH", "vsl=5e6:8e6")
    return name, (_finite(parts[0], f"--range {name} low"), _finite(parts[1], f"--range {name} high"))


def _finite(text: str, where: str) -> float:
    """A decimal or fraction as a float; one too large for a float is an error, not infinity."""
    value = parse_number(text, where, error=SweepError)
    try:
        return float(value)
    except OverflowError:
        raise SweepError(f"{where}: {text!r} is too large (allowed: a finite number, at most about 1.8e308)") from None


def parse_samples(text: str) -> int:
    """Parse ``--samples N``: a whole number, ``1e7`` allowed.

    Examples
    --------
    >>> parse_samples("1e7")
    10000000
    """
    return _whole(text, "--samples")


def _split(item: str, option: str, n: int, form: str, example: str) -> tuple[str, list[str]]:
    bad = SweepError(f"{option} {item!r}: expected {form}, e.g. {option} {example}")
    if "=" not in item:
        raise bad
    name, _, rest = item.partition("=")
    name = name.strip()
    parts = rest.split(":")
    if not name or len(parts) != n or not all(p.strip() for p in parts):
        raise bad
    if not name.isidentifier():
        raise SweepError(f"{option} {item!r}: {name!r} is not a parameter name")
    return name, [p.strip() for p in parts]


def _whole(text: str, where: str) -> int:
    value = parse_number(text, where, error=SweepError)
    if value.denominator != 1:
        raise SweepError(f"{where}: {text!r} is not a whole number (allowed: an integer such as 31 or 1e7)")
    return int(value)


def setup(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``aligngames sweep`` to ``parser`` and set ``handler`` to :func:`run`."""
    parser.add_argument("game", help="a game name from `aligngames list`")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--vary", action="append", metavar="NAME=LOW:HIGH:STEPS", default=None,
                      help="grid over a parameter (repeat for up to 3 parameters)")
    mode.add_argument("--samples", metavar="N", default=None,
                      help="Monte Carlo: N draws of every parameter with a range (1e7 allowed)")
    parser.add_argument("--seed", metavar="S", default=None, help="seed of the Monte Carlo draws (an integer)")
    parser.add_argument("--distribution", action="append", metavar="NAME=DIST", default=[],
                        help=f"Monte Carlo distribution of a parameter ({', '.join(DISTRIBUTIONS)}; default: the registry's, "
                             "or uniform on a --range)")
    parser.add_argument("--range", action="append", metavar="NAME=LOW:HIGH", default=[], dest="ranges",
                        help="Monte Carlo range of a parameter (default: its registry range)")
    parser.add_argument("--method", choices=("conditions", "solve"), default="conditions",
                        help="closed forms vectorised (default) or a numeric solver per point")
    parser.add_argument("--backend", choices=("numpy", "dask"), default="numpy", help="where the chunks run")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --backend dask)")
    parser.add_argument("--chunk-size", metavar="N", default=str(DEFAULT_CHUNK), help="points per chunk")
    parser.add_argument("--out", metavar="FILE", default=None,
                        help="save the kept points: .npz (everything), .csv or .parquet")
    parser.add_argument("--keep", metavar="N", default=str(DEFAULT_KEEP),
                        help="points kept for --out and sensitivity (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--json", action="store_true", help="machine-readable summary on stdout")
    _add_param_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``aligngames sweep`` with parsed ``args``; returns the exit status (0)."""
    if args.vary is None and args.samples is None:
        raise SweepError("sweep: give --vary NAME=LOW:HIGH:STEPS (a grid) or --samples N (Monte Carlo)")
    if args.scheduler is not None and args.backend != "dask":
        raise SweepError("--scheduler needs --backend dask")
    if args.out:  # before any work and any cache write: a bad path fails at once
        check_output(args.out, suffixes=OUT_SUFFIXES, inputs=[getattr(args, "params", None)])
    kwargs: dict[str, Any] = {}
    if args.vary is not None:
        vary: dict[str, Any] = {}
        for item in args.vary:
            name, spec = parse_vary(item)
            if name in vary:
                raise SweepError(f"--vary {item!r}: {name!r} is given twice")
            vary[name] = spec
        kwargs["vary"] = vary
        if args.seed is not None or args.distribution or args.ranges:
            raise SweepError("--seed, --distribution and --range apply to --samples only")
    else:
        kwargs["samples"] = parse_samples(args.samples)
        kwargs["seed"] = None if args.seed is None else _whole(args.seed, "--seed")
        dists: dict[str, str] = {}
        for item in args.distribution:
            name, _, dist = item.partition("=")
            if not dist:
                raise SweepError(f"--distribution {item!r}: expected NAME=DIST, e.g. --distribution vsl=loguniform")
            dists[name.strip()] = dist.strip()
        kwargs["distributions"] = dists
        kwargs["ranges"] = dict(parse_range(r) for r in args.ranges)
    chunk_size = _whole(args.chunk_size, "--chunk-size")
    keep = _whole(args.keep, "--keep")
    template = _template(args)
    quiet = args.quiet or not _tty()
    res = run_template(template, backend=args.backend, scheduler=args.scheduler, chunk_size=chunk_size, keep=keep,
                       progress=not quiet, **kwargs)
    summary = res.summary()
    summary["scenario"] = template.scenario
    summary["sensitivity"] = _sensitivity(res)
    if args.out:
        path = res.save(args.out)
        summary["out"] = str(path)
    if args.json:
        print(json.dumps(_clean(summary), indent=2))
        return 0
    _print_text(res, summary)
    return 0


def _template(args: argparse.Namespace) -> SweepTemplate:
    """The sweep's template: from the disk cache (no sympy) or built, and then cached (:mod:`solvers.sweeps.cache`)."""
    key = None
    if args.method == "conditions":
        key = sweep_cache.template_key(args.game, scenario=getattr(args, "scenario", None),
                                       case=getattr(args, "case", None), params_file=getattr(args, "params", None),
                                       sets=getattr(args, "set", None) or [])
        cached = sweep_cache.load(key)
        if cached is not None:
            return cached
    from solvers.cli.params import parameters_from_args
    from solvers.sweeps.template import build_template

    template = build_template(args.game, parameters_from_args(args), method=args.method)
    if key is not None:
        sweep_cache.store(key, template)
    return template


def _tty() -> bool:
    try:
        return bool(sys.stderr.isatty())
    except (AttributeError, ValueError):
        return False


def _sensitivity(res: SweepResult) -> dict[str, dict[str, float]] | None:
    if res.kind != "monte_carlo" or res.n_kept < 100:
        return None
    return first_order_table(res, points=SENSITIVITY_POINTS)


def _clean(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_clean(v) for v in x]
    return x


def _print_text(res: SweepResult, summary: dict[str, Any]) -> None:
    if res.kind == "grid":
        what = f"grid over {', '.join(res.names)} ({res.n_points:,} points)"
    else:
        what = f"{res.n_points:,} Monte Carlo samples of {len(res.names)} parameters (seed {res.seed})"
    print(f"{res.game}: {what}, method {res.method}, backend {res.backend}\n")
    print(_table([(k, f"{v:.2%}") for k, v in res.shares().items()], ("regime", "share")))
    rec = res.record_shares()
    if any(" + " in label for label in res.shares()):  # some regime has several equilibria
        print()
        print(_table([(k, f"{v:.2%}") for k, v in rec.items() if v > 0], ("equilibrium exists", "share")))
    sens = summary.get("sensitivity")
    if sens:
        print("\nfirst-order sensitivity (share of variance explained by each parameter alone)\n")
        outcomes = list(sens)
        header = ("parameter", *[o if len(o) <= 30 else o[:27] + "..." for o in outcomes])
        rows = [(n, *[f"{sens[o][n]:.3f}" for o in outcomes]) for n in res.names]
        print(_table(rows, header))
    if summary.get("out"):
        print(f"\nsaved {res.n_kept:,} points to {summary['out']}")

