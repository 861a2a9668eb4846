"""Run Debian's ``lrsnash`` (lrslib, exact rational reverse search) on a bimatrix game and read its equilibria.

``.ci/run`` installs the ``lrslib`` package; the tests that use this helper fail (they are not skipped)
when ``lrsnash`` is missing.  lrsnash prints, for every extreme equilibrium block, one or more lines
``2 y_1 ... y_n v`` (the column player's strategy, then the row player's payoff) followed by one line
``1 x_1 ... x_m u`` (the row player's strategy, then the column player's payoff); every ``2`` line of
a block pairs with the block's ``1`` line (degenerate games list several).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from fractions import Fraction
from typing import Any


def _text(M: Sequence[Sequence[Any]]) -> str:
    return "\n".join(" ".join(str(Fraction(v)) for v in row) for row in M)


def lrsnash_equilibria(A: Sequence[Sequence[Any]], B: Sequence[Sequence[Any]]) -> set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """The extreme equilibria lrsnash finds, as a set of (x, y) pairs of Fraction tuples."""
    m, n = len(A), len(A[0])
    body = f"{m} {n}\n\n{_text(A)}\n\n{_text(B)}\n"
    with tempfile.NamedTemporaryFile("w", suffix=".nash", delete=False) as fh:
        fh.write(body)
        path = fh.name
    try:
        out = subprocess.run(["lrsnash", path], capture_output=True, text=True, check=True, timeout=300).stdout
    finally:
        os.unlink(path)
    found: set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = set()
    ys: list[tuple[Fraction, ...]] = []
    for line in out.splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("*"):
            if not parts:
                ys = []
            continue
        vals = tuple(Fraction(p) for p in parts[1:])
        if parts[0] == "2":
            ys.append(vals[:n])
        elif parts[0] == "1":
            x = vals[:m]
            found.update((x, y) for y in ys)
    return found
