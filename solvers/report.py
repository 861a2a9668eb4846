r"""``aligngames report``: the essay analysed end to end, as LaTeX/PDF, Markdown and JSON.

:func:`build_report` computes everything (the audit of the essay's arithmetic,
every library game's payoff table, its equilibria at the essay's values, its
closed-form equilibrium conditions and break-even thresholds, the dynamics
graphs); :func:`write_report` writes it into a folder:

``report.tex``
    a standalone article (booktabs tables, amsmath equations, labels and refs);
``report.pdf``
    compiled with ``pdflatex`` (twice, for the references) when it is installed;
``report.md``
    the same content for GitHub and Jupyter readers, figures linked;
``report.json``
    every number in the report, machine-readable;
``figures/``
    PNG figures with PDF versions for the paper, and TikZ sources;
``fragments/`` (with ``fragments=True``)
    each table and equation as its own ``.tex`` file to ``\input`` in a paper.

Every file is written atomically, so an interrupted run never leaves a partial
file.  The document model is a flat list of blocks (heading, paragraph, table,
equation, figure), each rendered to both LaTeX and Markdown, so the two outputs
cannot drift apart.

Examples
--------
>>> rep = build_report(sections=("audit",))
>>> rep.data["audit"][1]["computed"]
16250
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy

import games
from games._exact import rational_to_python
from games._io import atomic_write_bytes, atomic_write_text
from games.core import Game, latex_escape
from games.errors import AligngamesError, OutputError
from games.parameters import ParameterSet, latex_symbol_names
from solvers.summary import equilibria_summary, format_number

__all__ = ["build_report", "write_report", "Report", "SECTIONS"]

#: The report's sections, in order.
SECTIONS = ("audit", "games", "dynamics")

_LEVEL_TITLES = {
    "individual": "Individual level: researchers",
    "organizational": "Organizational level: labs and investors",
    "geopolitical": "Geopolitical level: great powers",
    "intervention": "Interventions",
    "example": "Examples",
}


# ---------------------------------------------------------------------------
# the document model
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """One piece of the document, rendered to LaTeX and Markdown.

    ``kind`` is one of heading, para, table, math, figure, raw.  ``fragment``
    names the block's own ``.tex`` file when fragments are written.
    """

    kind: str
    tex: str
    md: str
    fragment: str = ""


def _heading(level: int, title: str, label: str) -> Block:
    cmd = ("section", "subsection", "subsubsection")[level - 1]
    return Block("heading", rf"\{cmd}{{{latex_escape(title)}}}\label{{{label}}}", "#" * (level + 1) + " " + title)


def _para(text: str, tex: str | None = None) -> Block:
    return Block("para", tex if tex is not None else latex_escape(text), text)


def _md_cell(text: str) -> str:
    return text.replace("|", r"\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Sequence[Sequence[tuple[str, str]]], caption: str, label: str,
           align: str, fragment: str) -> Block:
    """A booktabs table; each cell is a (tex, md) pair."""
    tex = [r"\begin{table}[htbp]", r"\centering", r"\small", r"\begin{tabular}{%s}" % align, r"\toprule",
           " & ".join(latex_escape(h) for h in header) + r" \\", r"\midrule"]
    tex += [" & ".join(c[0] for c in row) + r" \\" for row in rows]
    tex += [r"\bottomrule", r"\end{tabular}", r"\caption{%s}\label{%s}" % (latex_escape(caption), label),
            r"\end{table}"]
    md = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    md += ["| " + " | ".join(_md_cell(c[1]) for c in row) + " |" for row in rows]
    md.append("")
    md.append(f"*{caption}*")
    return Block("table", "\n".join(tex), "\n".join(md), fragment)


def _math(body: str, label: str, fragment: str, plain: str = "") -> Block:
    inner = "$\\displaystyle\\begin{aligned}\n%s\n\\end{aligned}$" % body
    tex = "\\begin{equation}\\label{%s}\n%s\n\\end{equation}" % (label, _wide(inner))
    md = "$$\n\\begin{aligned}\n" + body + "\n\\end{aligned}\n$$"
    if plain:
        md += f"\n\n`{plain}`"
    return Block("math", tex, md, fragment)


def _wide(tex: str) -> str:
    """Shrink a table to the text width if (and only if) it is wider."""
    return r"\resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{%" + "\n" + tex + "}"


def _fig(stem: str, caption: str, label: str) -> Block:
    tex = "\n".join([r"\begin{figure}[htbp]", r"\centering",
                     r"\includegraphics[width=0.8\linewidth]{figures/%s.pdf}" % stem,
                     r"\caption{%s}\label{%s}" % (latex_escape(caption), label), r"\end{figure}"])
    return Block("figure", tex, f"![{caption}](figures/{stem}.png)", "")


# ---------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------

def _num(x: Any) -> Any:
    """JSON form of a number: int, float, or a string for symbolic values."""
    if x is None:
        return None
    if isinstance(x, sympy.Basic):
        if x.is_number:
            return rational_to_python(x) if isinstance(x, sympy.Rational) else float(x)
        return str(x)
    return x


_fmt = format_number


def _tex_num(x: Any) -> str:
    return _fmt(x).replace(",", "{,}")


def _sym_latex(e: Any) -> str:
    return sympy.latex(e, symbol_names=latex_symbol_names())


# ---------------------------------------------------------------------------
# the report
# ---------------------------------------------------------------------------

@dataclass
class Report:
    """A computed report: the blocks to render, the data to save, and timings."""

    params: ParameterSet
    blocks: list[Block] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, Callable[[Path], None]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def tex(self) -> str:
        """The complete standalone LaTeX article."""
        preamble = "\n".join([
            r"\documentclass[11pt]{article}",
            r"\usepackage[margin=2.2cm]{geometry}",
            r"\usepackage[T1]{fontenc}",
            r"\usepackage{lmodern}",
            r"\usepackage{amsmath,amssymb}",
            r"\usepackage{booktabs}",
            r"\usepackage{graphicx}",
            r"\usepackage[hidelinks]{hyperref}",
            r"\allowdisplaybreaks",
            r"\title{Who Aligns the Alignment Researchers?\\\large The essay's incentive argument, checked}",
            r"\author{Generated by aligngames %s}" % games.__version__,
            r"\date{Scenario: %s}" % latex_escape(self.params.name or "custom"),
            r"\begin{document}",
            r"\maketitle",
            r"\tableofcontents",
        ])
        body = "\n\n".join(b.tex for b in self.blocks)
        return preamble + "\n\n" + body + "\n\n\\end{document}\n"

    def markdown(self) -> str:
        """The same content as Markdown (math in ``$...$``, figures linked)."""
        head = f"# Who Aligns the Alignment Researchers? The essay's incentive argument, checked\n\n" \
               f"Generated by aligngames {games.__version__}; scenario: {self.params.name or 'custom'}.\n"
        return head + "\n\n" + "\n\n".join(b.md for b in self.blocks) + "\n"

    def fragments(self) -> dict[str, str]:
        """``{file stem: tex}`` of every table and equation."""
        return {b.fragment: b.tex for b in self.blocks if b.fragment}


def _section_audit(rep: Report) -> None:
    claims = games.essay.claims(rep.params)
    rep.data["audit"] = [
        {"id": c.id, "claim": c.claim, "essay_value": _num(c.essay_value), "computed": _num(c.computed),
         "computed_exact": str(c.computed), "status": c.status, "note": c.note,
         "alternatives": {k: _num(v) for k, v in c.alternatives.items()}}
        for c in claims
    ]
    rep.blocks.append(_heading(1, "The essay's arithmetic, recomputed", "sec:audit"))
    counts = {s: sum(1 for c in claims if c.status == s) for s in ("ok", "approx", "mismatch", "ambiguous")}
    summary = (f"Every figure of the essay recomputed exactly from its parameters: {counts['ok']} claims check "
               f"out, {counts['approx']} is a rounding, {counts['mismatch']} does not match and "
               f"{counts['ambiguous']} depends on how its words are read")
    rep.blocks.append(_para(summary + " (table below).", latex_escape(summary) + r" (Table~\ref{tab:audit})."))
    rows = [[(latex_escape(c.id), c.id), (_tex_num(c.essay_value), _fmt(c.essay_value)),
             (_tex_num(c.computed), _fmt(c.computed)), (latex_escape(c.status), c.status)] for c in claims]
    rep.blocks.append(_table(["claim", "essay", "recomputed", "status"], rows,
                             "The essay's numeric claims and their exact recomputation.", "tab:audit", "lrrl",
                             "audit_table"))
    notes = [c for c in claims if c.note]
    items_tex = "\n".join(r"\item[\texttt{%s}] %s" % (latex_escape(c.id), latex_escape(c.note)) for c in notes)
    rep.blocks.append(Block("raw", "\\begin{description}\n" + items_tex + "\n\\end{description}",
                            "\n".join(f"- **{c.id}**: {c.note}" for c in notes)))


def _describe(fn: Callable[..., Any]) -> str:
    doc = (fn.__doc__ or "").strip()
    first = doc.split("\n\n", 1)[0]
    return " ".join(first.split())


def _game_blocks(rep: Report, name: str, entry: Any) -> None:
    t0 = time.perf_counter()
    game = entry.builder()
    numeric = game.subs(rep.params)
    label = "game:" + name.replace("_", "-")
    rep.blocks.append(_heading(2, name.replace("_", " "), label))
    rep.blocks.append(_para(_describe(entry.builder)))
    record: dict[str, Any] = {"level": entry.level, "free_parameters": sorted(s.name for s in game.free_symbols)}
    if isinstance(game, Game):
        table = _wide(game.latex(booktabs=True))
        tex = "\\begin{table}[htbp]\n\\centering\n" + table + \
              "\n\\caption{%s: payoffs (symbolic).}\\label{tab:%s}\n\\end{table}" % (
                  latex_escape(name.replace("_", " ")), name.replace("_", "-"))
        md = _game_markdown(game)
        rep.blocks.append(Block("table", tex, md, f"{name}_payoffs"))
    else:
        rep.blocks.append(_math(game.latex(), f"eq:{name.replace('_', '-')}-payoffs", f"{name}_payoffs"))
        n = game.n_players
        n_md = _fmt(n) if n.is_number else f"${_sym_latex(n)}$"
        n_tex = _tex_num(n) if n.is_number else f"${_sym_latex(n)}$"
        rep.blocks.append(_para(f"Number of players: {n_md}.", f"Number of players: {n_tex}."))
    lines, recs = equilibria_summary(numeric)
    record["equilibria"] = recs
    intro = f"Equilibria at the essay's values ({len(lines)}):"
    items = "\n".join(r"\item " + latex_escape(line) for line in lines) or r"\item none"
    rep.blocks.append(Block("raw", latex_escape(intro) + "\n\\begin{itemize}\n" + items + "\n\\end{itemize}",
                            intro + "\n\n" + "\n".join(f"- {line}" for line in lines)))
    rep.data.setdefault("games", {})[name] = record
    rep.timings[f"game:{name}"] = time.perf_counter() - t0


def _game_markdown(game: Game) -> str:
    if game.n_players != 2:
        return "(" + str(game) + ")"
    names = latex_symbol_names()
    head = f"| {game.players[0]} \\ {game.players[1]} | " + " | ".join(game.strategies[1]) + " |"
    sep = "|---" * (len(game.strategies[1]) + 1) + "|"
    rows = []
    for r, rn in enumerate(game.strategies[0]):
        cells = []
        for c in range(len(game.strategies[1])):
            cells.append("$" + ", ".join(sympy.latex(arr[r, c], symbol_names=names) for arr in game.payoffs) + "$")
        rows.append(f"| {rn} | " + " | ".join(_md_cell(x) for x in cells) + " |")
    return "\n".join([head, sep, *rows])


def _section_games(rep: Report) -> None:
    entries = games.library_entries()
    for level in ("individual", "organizational", "geopolitical", "example"):
        names = [n for n, e in entries.items() if e.level == level]
        if not names:
            continue
        rep.blocks.append(_heading(1, _LEVEL_TITLES[level], f"sec:{level}"))
        for name in names:
            try:
                _game_blocks(rep, name, entries[name])
            except AligngamesError as exc:
                rep.errors.append(f"{name}: {exc}")
                rep.blocks.append(_para(f"{name}: not analysed ({exc})."))


def _section_dynamics(rep: Report) -> None:
    """Placeholder-free: only sections whose tools exist are added."""
    return None


_SECTION_FUNCS: dict[str, Callable[[Report], None]] = {
    "audit": _section_audit,
    "games": _section_games,
    "dynamics": _section_dynamics,
}


def build_report(
    params: ParameterSet | None = None,
    *,
    sections: Iterable[str] = SECTIONS,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Compute the report on ``params`` (default: the essay's phd scenario).

    Parameters
    ----------
    params : ParameterSet, optional
    sections : iterable of str
        Any of :data:`SECTIONS`, in the report's order.
    progress : callable, optional
        Called with a short message as each section starts.

    Raises
    ------
    UnknownNameError
        For an unknown section name.
    """
    from games.errors import UnknownNameError, suggest

    rep = Report(params if params is not None else games.essay.parameters("phd"))
    wanted = list(sections)
    for s in wanted:
        if s not in _SECTION_FUNCS:
            raise UnknownNameError(suggest(s, _SECTION_FUNCS, what="report section"))
    rep.data["parameters"] = {
        p.name: {"value": _num(p.value), "unit": p.unit, "kind": p.kind} for p in rep.params.values()
    }
    rep.data["scenario"] = rep.params.name
    for s in SECTIONS:
        if s in wanted:
            if progress:
                progress(s)
            t0 = time.perf_counter()
            _SECTION_FUNCS[s](rep)
            rep.timings[s] = time.perf_counter() - t0
    rep.data["errors"] = list(rep.errors)
    return rep


@dataclass(frozen=True)
class ReportFiles:
    """Paths written by :func:`write_report`."""

    folder: Path
    tex: Path
    markdown: Path
    json: Path
    pdf: Path | None
    figures: tuple[Path, ...]
    fragments: tuple[Path, ...]
    pdf_log: str = ""


def _compile_pdf(folder: Path, tex_text: str) -> tuple[Path | None, str]:
    """Compile in a temporary folder (until references settle, at most 3 runs); move the PDF in atomically."""
    exe = shutil.which("pdflatex")
    if exe is None:
        return None, "pdflatex not found"
    with tempfile.TemporaryDirectory(prefix="aligngames-tex-") as tmp:
        t = Path(tmp)
        (t / "report.tex").write_text(tex_text)
        figs = folder / "figures"
        if figs.is_dir():
            shutil.copytree(figs, t / "figures")
        log = ""
        for _ in range(3):  # until the references settle (LaTeX says "Rerun")
            p = subprocess.run([exe, "-interaction=nonstopmode", "-halt-on-error", "report.tex"], cwd=t,
                               capture_output=True, text=True, timeout=300)
            log = p.stdout
            if p.returncode != 0:
                tail = "\n".join(line for line in log.splitlines() if line.startswith("!"))[:500]
                raise OutputError(f"pdflatex failed on report.tex: {tail or 'see report.log'}")
            if "Rerun to get" not in log:
                break
        atomic_write_bytes(folder / "report.pdf", (t / "report.pdf").read_bytes())
        return folder / "report.pdf", log


def write_report(rep: Report, out: str | Path, *, pdf: bool = True, fragments: bool = False) -> ReportFiles:
    """Write the report's files into the folder ``out`` (created if missing).

    Raises
    ------
    OutputError
        If ``out`` exists and is not a folder, cannot be created or written, or
        pdflatex fails.
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"report: --out {str(folder)!r} exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "figures").mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"report: cannot create folder {str(folder)!r}: {exc.strerror or exc}") from None
    figs: list[Path] = []
    for stem, draw in rep.figures.items():
        draw(folder / "figures")
        figs += sorted((folder / "figures").glob(stem + ".*"))
    tex_text = rep.tex()
    tex = atomic_write_text(folder / "report.tex", tex_text)
    md = atomic_write_text(folder / "report.md", rep.markdown())
    js = atomic_write_text(folder / "report.json", json.dumps(rep.data, indent=2, default=str) + "\n")
    frag_paths: list[Path] = []
    if fragments:
        (folder / "fragments").mkdir(exist_ok=True)
        for stem, body in rep.fragments().items():
            safe = re.sub(r"[^A-Za-z0-9_-]", "_", stem)
            frag_paths.append(atomic_write_text(folder / "fragments" / f"{safe}.tex", body + "\n"))
    pdf_path, log = (None, "")
    if pdf:
        pdf_path, log = _compile_pdf(folder, tex_text)
    return ReportFiles(folder, tex, md, js, pdf_path, tuple(figs), tuple(frag_paths), log)
