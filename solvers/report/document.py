r"""The report as a document: blocks (headings, paragraphs, tables, equations, figures) written as LaTeX, Markdown and JSON."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sympy

import games
from games._exact import rational_to_python
from games._io import atomic_write_bytes, atomic_write_text
from games._text import latex_escape
from games.errors import OutputError
from games.parameters import ParameterSet, latex_symbol_names
from solvers.render.numbers import format_number

__all__ = ["write_report", "Report"]


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


def _strip_tex_comments(tex: str) -> str:
    """Remove ``% ...`` comments (not ``\\%``) so Markdown renderers see plain math."""
    return "\n".join(re.sub(r"(?<!\\)%.*$", "", line).rstrip() for line in tex.splitlines())


def _math(body: str, label: str, fragment: str, plain: str = "") -> Block:
    inner = "$\\displaystyle\\begin{aligned}\n%s\n\\end{aligned}$" % body
    tex = "\\begin{equation}\\label{%s}\n%s\n\\end{equation}" % (label, _wide(inner))
    md = "$$\n\\begin{aligned}\n" + _strip_tex_comments(body) + "\n\\end{aligned}\n$$"
    if plain:
        md += f"\n\n`{plain}`"
    return Block("math", tex, md, fragment)


def _wide(tex: str) -> str:
    """Shrink a table to the text width if (and only if) it is wider."""
    return r"\resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{%" + "\n" + tex + "}"


def _fig(stem: str, caption: str, label: str) -> Block:
    tex = "\n".join([r"\begin{figure}[htbp]", r"\centering",
                     r"\includegraphics[width=0.6\linewidth]{figures/%s.pdf}" % stem,
                     r"\caption{%s}\label{%s}" % (latex_escape(caption), label), r"\end{figure}"])
    return Block("figure", tex, f"![{caption}](figures/{stem}.png)", "")


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

