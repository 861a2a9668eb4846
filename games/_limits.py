r"""Limits on structured text read from files: how deep its arrays and tables nest.

Parsers of nested text (``tomllib``, ``json``) recurse once per level, so a
file of ``[[[[...`` under a megabyte can exhaust the stack.  :func:`nesting_depth`
measures the depth first, in one linear pass, for the parameter files (TOML)
and the sweep cache (JSON) alike; brackets inside strings and comments do not
count.  Pure Python and no sympy: the sweep command line uses it.
"""

from __future__ import annotations

import itertools
import re

__all__ = ["nesting_depth"]

# Strings and comments of TOML (and so of JSON, whose strings are TOML's basic strings), leftmost first.
_SKIPPED = re.compile(
    r'"""(?:[^\\]|\\.)*?"""'          # multi-line basic string
    r"|'''.*?'''"                     # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'           # basic string (JSON's only kind)
    r"|'[^'\n]*'"                     # literal string
    r"|#[^\n]*",                      # comment
    re.DOTALL,
)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in ``text``, outside strings and comments.

    An unterminated string is not skipped, so the depth is never under what a
    parser would recurse into before it stops.

    Examples
    --------
    >>> nesting_depth('x = [[1, 2], {a = "]]]"}]  # [[[')
    2
    >>> nesting_depth('{"a": [[{"b": "[[["}]]]}')
    4
    >>> nesting_depth("[" * 50_000 + "]" * 50_000)
    50000
    """
    brackets = _NOT_BRACKET.sub("", _SKIPPED.sub("", text))
    steps = itertools.accumulate(1 if ch in "[{" else -1 for ch in brackets)
    return max(steps, default=0)
