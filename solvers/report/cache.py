r"""A disk cache of computed reports, so that a second ``aligngames report`` reuses its closed forms.

The report's cost is its symbolic stage (sympy: every game's closed-form
conditions, break-even values, the figures drawn from them) and pdflatex.
Both depend only on the toolkit's sources and the parameter values, so the
command line keeps what they produced, the way ``aligngames sweep`` keeps
its templates (:mod:`solvers.sweeps.cache`: the same folder, the same
``ALIGNGAMES_NO_CACHE`` switch, the same reader that trusts nothing):

* the computed report (every block's LaTeX and Markdown, the JSON data, the
  figure files), keyed by the sources, the sympy version, the parameter
  values and the sections;
* the compiled PDF and its log, keyed by the LaTeX text, the figures and the
  bibliography (an edited report never meets an old PDF).

What is read back is text and bytes only: nothing in a cache file is ever
evaluated (no pickle, no sympify).  A file that fails any check is a miss.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from games._io import atomic_write_bytes, atomic_write_text
from games.parameters import ParameterSet
from solvers.report.build import SECTIONS, build_report
from solvers.report.document import Block, Report, ReportFiles, _compile_pdf, bibliography_text, write_report
from solvers.sweeps.cachefile import _make_room, _read_regular, cache_dir, source_digest

__all__ = ["cached_build_report", "write_report_cached", "report_key", "load_pdf", "store_pdf", "FORMAT"]

#: Version of the cache files' layout.
FORMAT = 1

#: Largest cache file read (the figures and the PDF are in it, base64).
MAX_BYTES = 64 << 20

_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}\.(?:png|pdf|tex)")


def report_key(params: ParameterSet, sections: Iterable[str] = SECTIONS) -> str | None:
    """The cache key of the report on ``params`` (None when the cache is off).

    Examples
    --------
    >>> import games, os
    >>> ps = games.essay.parameters()
    >>> os.environ.pop("ALIGNGAMES_NO_CACHE", None) is None or True
    True
    >>> k = report_key(ps)
    >>> k == report_key(ps) and k != report_key(ps.set(vsl=7_000_000))
    True
    """
    if cache_dir() is None:
        return None
    h = hashlib.sha256(f"aligngames report format {FORMAT}\0{source_digest()}\0".encode())
    h.update(json.dumps([params.name, sorted((p.name, str(p.value)) for p in params.values()),
                         list(sections)]).encode())
    return h.hexdigest()


def _path(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    if folder is None or not re.fullmatch(r"[0-9a-f]{64}", key):
        return None
    return folder / f"report-{kind}-{key}.json"


def _load(kind: str, key: str | None) -> dict[str, Any] | None:
    path = None if key is None else _path(kind, key)
    if path is None:
        return None
    raw = _read_regular(path, MAX_BYTES, follow=False)
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_refuse)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("key") != key or data.get("format") != FORMAT:
        return None
    return data


def _refuse(name: str) -> Any:
    raise ValueError(f"JSON constant {name}")


def _store(kind: str, key: str | None, data: dict[str, Any]) -> Path | None:
    path = None if key is None else _path(kind, key)
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"key": key, "format": FORMAT, **data}, allow_nan=False, default=str)
        _make_room(path)
        return atomic_write_text(path, text)
    except (OSError, ValueError, TypeError):
        return None


def _bytes(text: Any) -> bytes | None:
    if not isinstance(text, str):
        return None
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None


def _report_from(data: dict[str, Any], params: ParameterSet) -> Report | None:
    """A Report from a cache entry, or None if any field is not what the cache writes."""
    blocks, figures = data.get("blocks"), data.get("figures")
    if not isinstance(blocks, list) or not isinstance(figures, dict) or not isinstance(data.get("data"), dict):
        return None
    out: list[Block] = []
    for b in blocks:
        if not (isinstance(b, list) and len(b) == 4 and all(isinstance(x, str) for x in b)):
            return None
        out.append(Block(*b))
    files: dict[str, dict[str, bytes]] = {}
    for stem, members in figures.items():
        if not isinstance(stem, str) or not isinstance(members, dict):
            return None
        files[stem] = {}
        for name, text in members.items():
            content = _bytes(text)
            if not isinstance(name, str) or not _NAME.fullmatch(name) or not name.startswith(stem + ".") \
                    or content is None:
                return None
            files[stem][name] = content
    rep = Report(params, blocks=out, data=data["data"], abstract=str(data.get("abstract", "")),
                 errors=[str(e) for e in data.get("errors", [])])
    for stem, members in files.items():
        rep.figures[stem] = _writer(members)
    rep.timings["cache"] = 0.0
    return rep


def _writer(members: dict[str, bytes]) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        for name, content in members.items():
            atomic_write_bytes(Path(folder) / name, content)

    return write


def cached_build_report(params: ParameterSet, *, progress: Callable[[str], None] | None = None,
                        scratch: Path | None = None) -> Report:
    """:func:`~solvers.report.build.build_report`, or the same report from the cache.

    On a miss the report is built, its figures drawn once into ``scratch``
    (a temporary folder by default) and everything stored; the returned
    report then writes those files as they are.
    """
    import tempfile

    key = report_key(params)
    data = _load("body", key)
    if data is not None:
        rep = _report_from(data, params)
        if rep is not None:
            if progress:
                progress("reusing the cached report")
            return rep
    rep = build_report(params, progress=progress)
    if key is None:
        return rep
    with tempfile.TemporaryDirectory(prefix="aligngames-figures-") as tmp:
        folder = Path(scratch or tmp)
        members: dict[str, dict[str, bytes]] = {}
        for stem, draw in rep.figures.items():
            draw(folder)
            members[stem] = {p.name: p.read_bytes() for p in sorted(folder.glob(stem + ".*"))}
    rep.figures = {stem: _writer(m) for stem, m in members.items()}
    _store("body", key, {
        "blocks": [[b.kind, b.tex, b.md, b.fragment] for b in rep.blocks],
        "data": json.loads(json.dumps(rep.data, default=str)), "abstract": rep.abstract, "errors": rep.errors,
        "figures": {s: {n: base64.b64encode(c).decode("ascii") for n, c in m.items()} for s, m in members.items()},
    })
    return rep


def pdf_key(tex_text: str, figures_folder: Path, bib: str) -> str | None:
    """The cache key of a compiled PDF: the LaTeX, every figure file's bytes, the bibliography."""
    if cache_dir() is None:
        return None
    h = hashlib.sha256(f"aligngames report pdf {FORMAT}\0".encode() + tex_text.encode() + bib.encode())
    if figures_folder.is_dir():
        for p in sorted(figures_folder.iterdir()):
            h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def load_pdf(key: str | None) -> tuple[bytes, str] | None:
    """The cached ``(pdf bytes, log)`` under ``key``, or None."""
    data = _load("pdf", key)
    if data is None:
        return None
    pdf, log = _bytes(data.get("pdf")), data.get("log")
    if pdf is None or not pdf.startswith(b"%PDF") or not isinstance(log, str):
        return None
    return pdf, log


def store_pdf(key: str | None, pdf: bytes, log: str) -> Path | None:
    """Keep a compiled PDF and its log under ``key``."""
    return _store("pdf", key, {"pdf": base64.b64encode(pdf).decode("ascii"), "log": log})


def write_report_cached(rep: Report, out: str | Path, *, pdf: bool = True, fragments: bool = False) -> ReportFiles:
    """:func:`~solvers.report.document.write_report`, reusing the cached PDF of the same LaTeX and figures."""
    files = write_report(rep, out, pdf=False, fragments=fragments)
    if not pdf:
        return files
    tex_text = files.tex.read_text()
    key = pdf_key(tex_text, files.folder / "figures", bibliography_text())
    hit = load_pdf(key)
    if hit is not None:
        content, log = hit
        atomic_write_bytes(files.folder / "report.pdf", content)
        atomic_write_text(files.folder / "report.log", log)
        return dataclasses.replace(files, pdf=files.folder / "report.pdf", pdf_log=log)
    pdf_path, log = _compile_pdf(files.folder, tex_text)
    if pdf_path is not None:
        store_pdf(key, pdf_path.read_bytes(), log)
    return dataclasses.replace(files, pdf=pdf_path, pdf_log=log)
