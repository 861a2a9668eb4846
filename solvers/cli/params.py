r"""Parameters from the command line: ``--set`` items, ``--params`` files, ``--scenario``, ``--case`` and builder ``--option`` items, and JSON values."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import games

if TYPE_CHECKING:
    import sympy

    from games.parameters import ParameterSet
from games._exact import parse_fraction
from games.errors import suggest
from solvers.errors import CLIError


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
    return name, parse_fraction(value, f"--set {name}", error=CLIError)


def parameters_from_args(args: argparse.Namespace) -> ParameterSet:
    """The parameter set that ``--scenario``, ``--case``, ``--params`` and ``--set`` describe."""
    ps = games.essay.parameters(getattr(args, "scenario", "phd") or "phd", getattr(args, "case", None))
    if getattr(args, "params", None) is not None:
        if not args.params.strip():
            raise CLIError("--params: an empty file name (give the path of a TOML parameter file)")
        ps = ps.with_file(args.params)
    overrides: dict[str, Any] = {}
    for item in getattr(args, "set", None) or []:
        name, value = parse_set(item)
        overrides[name] = value
    if overrides:
        ps = ps.set(overrides)
    return ps





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
    return suggest(name, allowed, what=what)

