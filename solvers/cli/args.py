r"""Arguments shared by every subcommand: ``--set``, ``--params``, ``--scenario``, ``--case``, ``--json``, and their parsing."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import games
from games._numbers import CASE_NAMES, SCENARIO_NAMES

if TYPE_CHECKING:
    import sympy

    from games.parameters import ParameterSet
from solvers.errors import CLIError


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise CLIError(f"{self.prog}: {message}")


def parse_set(item: str) -> tuple[str, sympy.Rational]:
    """Parse one ``--set name=value`` item (value: decimal or fraction, never evaluated).

    Examples
    --------
    >>> parse_set("p_doom=1/3")
    ('p_doom', 1/3)
    >>> parse_set("vsl")
    Traceback (most recent call last):
    ...
    solvers.errors.CLIError: --set 'vsl': expected name=value, e.g. --set vsl=8e6
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


def fmt_number(x: Any) -> str:
    """:func:`solvers.render.numbers.format_number`: one formatter for the CLI, the report and the notebooks."""
    from solvers.render.numbers import format_number

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

