r"""``aligngames latex-preamble``: the preamble the toolkit's LaTeX needs, to paste or as ``aligngames.sty``."""

from __future__ import annotations

import argparse
from pathlib import Path

from games._io import atomic_write_text, check_output
from solvers.report.document import preamble_lines


def run_preamble(args: argparse.Namespace) -> int:
    """Print the ``\\usepackage`` lines (or write ``aligngames.sty`` into the folder ``--sty``)."""
    sty = (Path(__file__).resolve().parent.parent / "render" / "aligngames.sty").read_text()
    if args.sty:
        path = Path(args.sty) / "aligngames.sty"
        check_output(path)
        atomic_write_text(path, sty)
        print(f"wrote {path}; add \\usepackage{{aligngames}} to your preamble")
        return 0
    print("% aligngames: paste into your preamble (or: aligngames latex-preamble --sty DIR)")
    print("\n".join(preamble_lines()))
    return 0
