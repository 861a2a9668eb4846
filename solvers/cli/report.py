r"""``aligngames report``: the essay analysed end to end, written to a folder."""

from __future__ import annotations

import argparse
import json
import sys

from games._io import check_output_folder
from games.essay import STATUSES
from solvers.cli.params import parameters_from_args
from solvers.report.cache import cached_build_report, write_report_cached

#: The statuses whose claims the summary names: the essay's arithmetic errors and its textual slips.
_NAMED = ("error", "slip")


def run_report(args: argparse.Namespace) -> int:
    # The folder is checked before the report is computed (and write_report checks again before creating it).
    check_output_folder(args.out, subfolders=("figures", "fragments") if args.fragments else ("figures",),
                        inputs=[getattr(args, "params", None)])
    ps = parameters_from_args(args)
    quiet = args.quiet or not sys.stderr.isatty()

    def progress(msg: str) -> None:
        if not quiet:
            print(f"aligngames report: {msg} ...", file=sys.stderr)

    rep = cached_build_report(ps, progress=progress)  # a second run reuses the closed forms and the PDF
    files = write_report_cached(rep, args.out, pdf=not args.no_pdf, fragments=args.fragments)
    audit = rep.data["audit"]
    counts = {s: sum(1 for c in audit if c["status"] == s) for s in STATUSES}
    named = {s: [c["id"] for c in audit if c["status"] == s] for s in _NAMED}
    summary = {
        "folder": str(files.folder), "tex": str(files.tex), "pdf": str(files.pdf) if files.pdf else None,
        "markdown": str(files.markdown), "json": str(files.json), "figures": [str(f) for f in files.figures],
        "fragments": len(files.fragments), "games": len(rep.data.get("games", {})), "errors": rep.errors,
        "audit": {"claims": len(audit), "statuses": counts, **named},
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"Report written to {files.folder}/")
    no_pdf = "(not compiled: --no-pdf)" if args.no_pdf else "(not compiled: pdflatex not found)"
    for key in ("tex", "pdf", "markdown", "json"):
        print(f"  {key:9s} {summary[key] or no_pdf if key == 'pdf' else summary[key]}")
    by_status = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    print(f"  audit     {len(audit)} claims: {by_status}")
    for s in _NAMED:
        if named[s]:
            print(f"  {s:9s} {', '.join(named[s])}")
    print(f"  games     {summary['games']} analysed")
    return 0

