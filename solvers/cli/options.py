r"""Command-line pieces every subcommand shares and that import nothing heavy: the parser class, the parameter options and tables.

Start-up matters here: ``aligngames sweep`` with a cached template runs
without importing sympy, so this module imports only the standard library and
:mod:`games` names that are loaded lazily.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import NoReturn

from games._numbers import CASE_NAMES, SCENARIO_NAMES
from solvers.errors import CLIError


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise CLIError(f"{self.prog}: {message}")


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


def _table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join([line, sep, *body])



_ROLE = re.compile(r":(?:[a-z]+:)?(?:func|class|meth|mod|data|attr|obj|exc|math|ref|doc):`~?([^`<]*?)(?:\s*<[^>]*>)?`")
_LITERAL = re.compile(r"``([^`]+)``")


def plain_summary(text: str) -> str:
    """A docstring's line for a terminal: Sphinx roles and literals as the words they show.

    Examples
    --------
    >>> plain_summary("Two researchers' game: :func:`collective_action` with n = 2, ``B = A.T``.")
    "Two researchers' game: collective_action with n = 2, B = A.T."
    >>> plain_summary(":func:`~games.interventions.buyout` and :math:`x^2`")
    'buyout and x^2'
    """
    def role(m: re.Match[str]) -> str:
        shown = m.group(1).strip()
        return shown.rsplit(".", 1)[-1] if m.group(0).count("`~") else shown

    return _LITERAL.sub(r"\1", _ROLE.sub(role, text))
