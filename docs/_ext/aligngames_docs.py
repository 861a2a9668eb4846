"""Pages generated at build time from the code, so they can never drift from it.

* ``reference/api/games.rst`` and ``solvers.rst``: one ``autosummary`` table
  per room, listing every public name that the package's
  ``__init__.pyi`` stub imports (the stub is the one list of public names; a
  name added there by a new game family appears here with no edit).
* ``reference/generated/parameters_table.rst.inc``: the parameter registry (the
  essay's parameters and our modelling assumptions) as a table.
* ``_static/mathjax/``: MathJax 2 from Debian's ``libjs-mathjax``, copied into
  the build so that the math renders with no network.
"""

from __future__ import annotations

import ast
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]

#: Section titles of the rooms, in the order they are shown; a room not named here gets its own name.
ROOM_TITLES = {
    "games": {
        "core": "Games in strategic (normal) form",
        "symmetric": "Symmetric n-player games",
        "parameters": "Parameters",
        "_registry": "The game library",
        "errors": "Errors",
    },
    "solvers": {
        "equilibria": "Equilibria",
        "conditions": "Closed-form conditions",
        "dynamics": "Dynamics and graphs",
        "sweeps": "Sweeps and sensitivity",
        "explorer": "The Jupyter explorer",
        "render": "Output: LaTeX, TikZ and figures",
        "results": "Result types",
        "errors": "Errors",
    },
}

#: Sub-modules of ``games`` documented name by name (the library's builders and the essay).
GAMES_MODULES = ("essay", "individual", "collective", "reputation", "organizational", "geopolitical",
                 "interventions")

MATHJAX_SOURCE = Path("/usr/share/javascript/mathjax")
#: The parts of MathJax 2 that the TeX-AMS_CHTML configuration loads.
MATHJAX_PARTS = ("MathJax.js", "config/TeX-AMS_CHTML.js", "extensions", "jax/input/TeX", "jax/output/CommonHTML",
                 "jax/element", "fonts/HTML-CSS/TeX/woff", "localization/en")


def stub_names(package: str) -> tuple[dict[str, list[str]], list[str]]:
    """The public names a package's stub imports, by room (first part of the module), and its sub-modules."""
    tree = ast.parse((ROOT / package / "__init__.pyi").read_text(encoding="utf-8"))
    rooms: dict[str, list[str]] = defaultdict(list)
    modules: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            for alias in node.names:
                public = alias.asname or alias.name
                if node.module is None:
                    modules.append(public)
                else:
                    rooms[node.module.split(".")[0]].append(public)
    return rooms, modules


def _heading(text: str, char: str) -> str:
    return f"{text}\n{char * len(text)}\n\n"


def _autosummary(names: list[str], module: str) -> str:
    body = "".join(f"   {n}\n" for n in sorted(names, key=str.lower))
    return f".. currentmodule:: {module}\n\n.. autosummary::\n   :toctree: generated\n   :nosignatures:\n\n{body}\n"


#: The opening of each API page.
INTROS = {
    "games": ("``games``: the model layer",
              "What is analysed: games in strategic form, their parameters, the essay's numbers and claims, and "
              "the game library. ``games`` never imports ``solvers``. Every name in the first tables is imported "
              "from the package itself (``from games import Game``); the tables are generated from "
              "``games/__init__.pyi``, the one list of public names."),
    "solvers": ("``solvers``: the analysis layer",
                "What is computed from a game: equilibria, closed-form conditions, dynamics, sweeps, and their "
                "output as text, LaTeX and figures. Every name is imported from the package itself "
                "(``from solvers import nash_equilibria``); the tables are generated from "
                "``solvers/__init__.pyi``, the one list of public names."),
}


def api_pages(out: Path) -> None:
    """Write the autosummary tables of every public name of :mod:`games` and :mod:`solvers`."""
    import importlib

    out.mkdir(parents=True, exist_ok=True)
    for package, titles in ROOM_TITLES.items():
        rooms, _ = stub_names(package)
        order = [r for r in titles if r in rooms] + sorted(r for r in rooms if r not in titles)
        title, intro = INTROS[package]
        text = "=" * len(title) + "\n" + _heading(title, "=") + f".. module:: {package}\n   :no-index:\n\n{intro}\n\n"
        for room in order:
            text += _heading(titles.get(room, room.replace("_", " ").strip().capitalize()), "-")
            text += _autosummary(rooms[room], package)
        if package == "games":
            top = {n for names in rooms.values() for n in names}
            for mod in GAMES_MODULES:
                module = importlib.import_module(f"games.{mod}")
                first = (module.__doc__ or "").strip().splitlines()[0].rstrip(".")
                members = [n for n in getattr(module, "__all__", ())
                           if n not in top and callable(getattr(module, n, None))]
                if members:
                    text += _heading(f"``games.{mod}``: {first}", "-")
                    text += _autosummary(members, f"games.{mod}")
        _write(out / f"{package}.rst", text)


def _cell(x: Any) -> str:
    from games._text import format_number

    if x is None:
        return ""
    text = x if isinstance(x, str) else format_number(x)
    return " ".join(str(text).split()).replace("|", "\\|").replace("*", "\\*").replace("`", "'")


def parameter_table(out: Path) -> None:
    """Write the parameter registry (phd scenario) as a list-table, one row per parameter."""
    import games

    ps = games.essay.parameters("phd")
    rows = []
    for p in ps.values():
        rng = "" if p.low is None else f"{_cell(p.low)} to {_cell(p.high)}"
        source = "ours" if p.ours else "the essay"
        quote = f' -- "{_cell(p.quote)}"' if p.quote else ""
        rows.append((f"``{p.name}``", f":math:`{p.latex}`" if p.latex else "", _cell(p.value), _cell(p.unit),
                     rng, source, _cell(p.description) + quote))
    header = ("name", "symbol", "value", "unit", "range", "from", "meaning -- the essay's words")
    lines = [".. list-table:: The parameter registry (scenario ``phd``)", "   :header-rows: 1",
             "   :widths: 20 7 11 9 13 7 33", "   :class: parameter-table", ""]
    for row in (header, *rows):
        lines.append("   * - " + (row[0] or " "))
        lines.extend("     - " + (c or " ") for c in row[1:])
    _write(out / "parameters_table.rst.inc", "\n".join(lines) + "\n")


def _write(path: Path, text: str) -> None:
    """Write only when the text changed, so Sphinx does not rebuild what did not change."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def generate(app: Sphinx, config: Any = None) -> None:
    """Write the generated pages before Sphinx looks for source files (``config-inited``), so a clean build finds them."""
    src = Path(app.srcdir)
    api_pages(src / "reference" / "api")
    parameter_table(src / "reference" / "generated")


def copy_mathjax(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if not (MATHJAX_SOURCE / "MathJax.js").is_file():
        logger.warning("MathJax not found at %s: install Debian's libjs-mathjax so the math renders offline",
                       MATHJAX_SOURCE)
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        source = MATHJAX_SOURCE / part
        dest = target / part
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest, dirs_exist_ok=True, symlinks=False)
        else:
            shutil.copyfile(source, dest)


def public_alias(app: Sphinx, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a reference to a public name by its defining module (``solvers.equilibria.nash.nash_equilibria``).

    Docstrings name objects where they are defined; the reference documents
    each public name once, where users import it (``solvers.nash_equilibria``).
    """
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    package, _, rest = target.partition(".")
    name = target.rsplit(".", 1)[-1]
    candidates = []
    if package in ("games", "solvers") and rest:
        head = rest.split(".")
        rooms, _ = stub_names(package)
        public = {n for names in rooms.values() for n in names}
        for i in range(len(head)):  # a method or attribute: solvers.results.equilibria.Equilibrium.payoffs
            if head[i] in public:
                candidates.append(".".join([package, *head[i:]]))
                break
    elif "." not in target:
        for package in ("solvers", "games"):
            rooms, _ = stub_names(package)
            if any(name in names for names in rooms.values()):
                candidates.append(f"{package}.{name}")
    domain = env.get_domain("py")
    for candidate in candidates:
        resolved = domain.resolve_xref(env, node.get("refdoc"), app.builder, node.get("reftype"), candidate,
                                       node, contnode)
        if resolved is not None:
            return resolved
    source = node.source or ""
    where = source.split("docstring of ", 1)[1].split(":")[0] if "docstring of " in source else ""
    if _exists_in_code(target, node.get("py:module"), node.get("py:class"), where):
        # an internal constant, helper, module or field the reference does not document: shown as
        # code, not as a link; a name that does not exist still fails the build
        return contnode
    return None


def _exists_in_code(target: str, module: str | None, cls: str | None, where: str = "") -> bool:
    """Whether ``target`` names an object of the code, looked up from ``module.cls`` or the docstring's own object."""
    import importlib

    target = target.lstrip("~.")
    scopes = [target]
    if module:
        scopes += [f"{module}.{cls}.{target}" if cls else "", f"{module}.{target}"]
    parts = where.split(".")
    scopes += [".".join([*parts[:i], target]) for i in range(len(parts), 0, -1)]
    for dotted in filter(None, scopes):
        parts = dotted.split(".")
        if parts[0] not in ("games", "solvers"):
            continue
        for i in range(len(parts), 0, -1):
            try:
                obj: Any = importlib.import_module(".".join(parts[:i]))
            except ImportError:
                continue
            for attr in parts[i:]:
                fields = {**getattr(obj, "__annotations__", {}), **getattr(obj, "__dataclass_fields__", {})}
                if attr in fields:
                    obj = fields[attr]
                elif hasattr(obj, attr):
                    obj = getattr(obj, attr)
                else:
                    break
            else:
                return True
            break
    return False


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("missing-reference", public_alias)
    app.connect("config-inited", generate)  # before the source files are found and autosummary reads the tables
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
