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
from games._io import atomic_write_bytes, atomic_write_text, check_output_folder
from games._text import latex_escape
from games.errors import OutputError
from games.parameters import ParameterSet, latex_symbol_names

__all__ = ["write_report", "Report", "preamble_lines", "bibliography_text"]


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
    """A display of aligned lines (``&`` marks the alignment point, ``\\\\`` ends a line): one number, one label."""
    lines = [ln.rstrip() for ln in body.split("\\\\\n")]
    return _align([(ln, i == 0) for i, ln in enumerate(lines)], label, fragment, plain)


def _align(lines: Sequence[tuple[str, bool]], label: str, fragment: str, plain: str = "") -> Block:
    r"""An amsmath ``align`` environment: each ``(line, numbered)``; the first numbered line carries ``label``.

    Never shrunk: lines are made to fit (:mod:`solvers.render.linebreak`); LaTeX ``%`` comments are kept
    only in the ``.tex`` (Markdown renderers see plain math).
    """
    out, labelled = [], False
    for i, (line, numbered) in enumerate(lines):
        tag = ""
        if numbered and not labelled:
            tag, labelled = r" \label{%s}" % label, True
        elif not numbered:
            tag = r" \notag"
        out.append(line + tag + (r" \\" if i < len(lines) - 1 else ""))
    tex = "\\begin{align}\n" + "\n".join(out) + "\n\\end{align}"
    body = " \\\\\n".join(_strip_tex_comments(line) for line, _ in lines)
    md = "$$\n\\begin{aligned}\n" + body + "\n\\end{aligned}\n$$"
    if plain:
        md += f"\n\n`{plain}`"
    return Block("math", tex, md, fragment)


def _fig(stem: str, caption: str, label: str, *, tex_caption: str | None = None) -> Block:
    """A figure at the text width (the figures are drawn at that size: their text prints at 8-9 pt)."""
    cap = tex_caption if tex_caption is not None else latex_escape(caption)
    tex = "\n".join([r"\begin{figure}[htbp]", r"\centering",
                     r"\includegraphics[width=\linewidth]{figures/%s.pdf}" % stem,
                     r"\caption{%s}\label{%s}" % (cap, label), r"\end{figure}"])
    return Block("figure", tex, f"![{caption}](figures/{stem}.png)", "")


def _sym_latex(e: Any) -> str:
    return sympy.latex(e, symbol_names=latex_symbol_names())


#: The package files shipped with the toolkit (solvers/render/): the preamble and the bibliography.
_RENDER_DIR = Path(__file__).resolve().parent.parent / "render"


def preamble_lines() -> list[str]:
    r"""The ``\usepackage`` lines of ``aligngames.sty``: what a paper needs for the toolkit's LaTeX."""
    out = []
    for line in (_RENDER_DIR / "aligngames.sty").read_text().splitlines():
        if line.startswith(r"\RequirePackage"):
            out.append(line.replace(r"\RequirePackage", r"\usepackage", 1))
        elif line.startswith("\\") and not line.startswith((r"\NeedsTeXFormat", r"\ProvidesPackage")):
            out.append(line)
    return out


def bibliography_text() -> str:
    """The toolkit's ``references.bib``."""
    return (_RENDER_DIR / "references.bib").read_text()


#: ``\floatsbeforesection``: when a float is still waiting (on the current page's bottom or deferred to a later
#: page), end the page so that LaTeX sets every waiting float first; otherwise nothing.  The kernel's float
#: lists, as placeins' ``\FloatBarrier`` reads them, without the texlive-latex-extra package.
_FLOAT_BARRIER = (
    r"\makeatletter",
    r"\newcommand\floatsbeforesection{\par\begingroup\let\@elt\relax"
    r"\edef\@tempa{\@botlist\@deferlist\@dbldeferlist}"
    r"\ifx\@tempa\@empty\else\clearpage\fi\endgroup}",
    r"\makeatother",
)


@dataclass
class Report:
    """A computed report: the blocks to render, the data to save, and timings."""

    params: ParameterSet
    blocks: list[Block] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, Callable[[Path], None]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    used: list[Any] = field(default_factory=list)
    abstract: str = ""

    def use(self, *exprs: Any) -> None:
        """Record the symbols of typeset expressions, in order of first use (the notation table lists them)."""
        for e in exprs:
            if isinstance(e, sympy.Basic):
                for s in sorted(e.free_symbols, key=lambda x: x.name):
                    if s not in self.used:
                        self.used.append(s)

    def tex(self) -> str:
        """The complete standalone LaTeX article (the bibliography is ``report.bib`` beside it)."""
        preamble = "\n".join([
            r"\documentclass[11pt,a4paper]{article}",
            r"\usepackage[margin=2.5cm]{geometry}",
            r"\usepackage[T1]{fontenc}",
            r"\usepackage{lmodern}",
            r"\usepackage{microtype}",
            *preamble_lines(),
            r"\usepackage[round]{natbib}",
            r"\usepackage[hidelinks]{hyperref}",
            *_FLOAT_BARRIER,
            r"\title{Who Aligns the Alignment Researchers?\\\large The essay's incentive argument as games}",
            r"\author{Generated by aligngames %s}" % games.__version__,
            r"\date{Parameter set: %s}" % latex_escape(self.params.name or "custom"),
            r"\begin{document}",
            r"\maketitle",
            r"\begin{abstract}",
            self.abstract,
            r"\end{abstract}",
        ])
        # a section starts only once the floats of the sections before it are out (the figures of a short
        # section would otherwise float past the next one)
        body = "\n\n".join(
            (r"\floatsbeforesection" + "\n" + b.tex) if b.kind == "heading" and b.tex.startswith(r"\section{")
            else b.tex for b in self.blocks)
        return preamble + "\n\n" + body + "\n\n\\bibliographystyle{plainnat}\n\\bibliography{report}\n\n\\end{document}\n"

    def markdown(self) -> str:
        """The same content as Markdown (math in ``$...$``, figures linked)."""
        head = f"# Who Aligns the Alignment Researchers? The essay's incentive argument as games\n\n" \
               f"Generated by aligngames {games.__version__}; parameter set: {self.params.name or 'custom'}.\n\n" \
               f"**Abstract.** {_strip_tex(self.abstract)}\n"
        return head + "\n\n" + "\n\n".join(b.md for b in self.blocks) + "\n"

    def fragments(self) -> dict[str, str]:
        """``{file stem: tex}`` of every table and equation."""
        return {b.fragment: b.tex for b in self.blocks if b.fragment}


def _strip_tex(tex: str) -> str:
    r"""Plain text of a short LaTeX paragraph (``\citet{x}`` as ``[x]``, escapes undone)."""
    t = re.sub(r"\\cite[tp]?\{([^}]*)\}", r"[\1]", tex)
    t = re.sub(r"~?\\ref\{[^}]*\}", "", t)
    t = re.sub(r"\\(?:emph|textit|textbf)\{([^}]*)\}", r"\1", t)
    for a, b in (("{,}", ","), (r"\$", "$"), (r"\%", "%"), (r"\&", "&"), ("``", '"'), ("''", '"'), ("~", " ")):
        t = t.replace(a, b)
    return t


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
    """Compile in a temporary folder: pdflatex, bibtex, then pdflatex until the references settle (at most 4
    runs); move the PDF and ``report.log`` in atomically."""
    exe = shutil.which("pdflatex")
    if exe is None:
        return None, "pdflatex not found"
    bibtex = shutil.which("bibtex")
    with tempfile.TemporaryDirectory(prefix="aligngames-tex-") as tmp:
        t = Path(tmp)
        (t / "report.tex").write_text(tex_text)
        (t / "report.bib").write_text(bibliography_text())
        figs = folder / "figures"
        if figs.is_dir():
            shutil.copytree(figs, t / "figures")
        log = ""
        for run in range(4):  # until the references settle (LaTeX says "Rerun")
            p = subprocess.run([exe, "-interaction=nonstopmode", "-halt-on-error", "report.tex"], cwd=t,
                               capture_output=True, text=True, timeout=300)
            log = p.stdout
            if p.returncode != 0:
                tail = "\n".join(line for line in log.splitlines() if line.startswith("!"))[:500]
                raise OutputError(f"pdflatex failed on report.tex: {tail or 'see report.log'}")
            if run == 0 and bibtex is not None:
                subprocess.run([bibtex, "report"], cwd=t, capture_output=True, text=True, timeout=120)
                continue
            if "Rerun to get" not in log and "undefined references" not in log:
                break
        atomic_write_bytes(folder / "report.pdf", (t / "report.pdf").read_bytes())
        full_log = (t / "report.log").read_text(errors="replace") if (t / "report.log").exists() else log
        atomic_write_text(folder / "report.log", full_log)
        return folder / "report.pdf", full_log


def _remove_created(created: Sequence[Path]) -> None:
    """Remove the folders this call created (outermost first), with what was written into them."""
    for d in created:
        shutil.rmtree(d, ignore_errors=True)


def write_report(rep: Report, out: str | Path, *, pdf: bool = True, fragments: bool = False) -> ReportFiles:
    """Write the report's files into the folder ``out`` (created if missing).

    Raises
    ------
    OutputError
        If ``out`` exists and is not a folder, cannot be created or written, or
        pdflatex fails.  The path is checked before anything is written; if
        writing the files fails, the folders this call created are removed
        (the files of a folder that existed before are each old or complete).
    """
    folder = Path(out)
    subfolders = ("figures", "fragments") if fragments else ("figures",)
    check_output_folder(folder, subfolders=subfolders)  # before anything is created or written
    created: list[Path] = []
    try:
        for d in (folder, *(folder / s for s in subfolders)):
            if not d.is_dir():
                d.mkdir()  # not exist_ok: a folder made meanwhile by someone else is never ours to remove
                created.append(d)
    except OSError as exc:
        _remove_created(created)
        raise OutputError(f"report: cannot create folder {str(folder)!r}: {exc.strerror or exc}") from None
    try:
        figs: list[Path] = []
        for stem, draw in rep.figures.items():
            draw(folder / "figures")
            figs += sorted((folder / "figures").glob(stem + ".*"))
        tex_text = rep.tex()
        tex = atomic_write_text(folder / "report.tex", tex_text)
        md = atomic_write_text(folder / "report.md", rep.markdown())
        atomic_write_text(folder / "report.bib", bibliography_text())
        js = atomic_write_text(folder / "report.json", json.dumps(rep.data, indent=2, default=str) + "\n")
        frag_paths: list[Path] = []
        if fragments:
            for stem, body in rep.fragments().items():
                safe = re.sub(r"[^A-Za-z0-9_-]", "_", stem)
                frag_paths.append(atomic_write_text(folder / "fragments" / f"{safe}.tex", body + "\n"))
    except BaseException:
        _remove_created(created)  # a failed write leaves no half report in a folder it created
        raise
    pdf_path, log = (None, "")
    if pdf:
        pdf_path, log = _compile_pdf(folder, tex_text)
    return ReportFiles(folder, tex, md, js, pdf_path, tuple(figs), tuple(frag_paths), log)

