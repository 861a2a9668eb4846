"""The layering of the code, checked from its own imports (an ``ast`` walk of every module).

The rules are those of ``ARCHITECTURE.md``:

* ``games`` never imports ``solvers`` (nor nashpy, networkx or matplotlib);
* no import cycle, at module level or through imports inside functions,
  except the deliberate lazy imports named in :data:`DELIBERATE_LAZY`;
* no other import of the project inside a function;
* each room imports only the rooms below it (:data:`ROOMS`); ``render``
  imports result types, never an algorithm;
* the numeric sweep path imports no sympy, directly or through any module it
  imports at module level;
* one list of public names per package (its ``__init__.pyi``), covering every
  name of the 0.1.0 API; no module shares its name with a function or class
  it defines; no module over :data:`MAX_LINES` lines.

The walk is plain ``ast``: an import under ``if TYPE_CHECKING:`` is for type
checkers only and is not an edge.
"""

from __future__ import annotations

import ast
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("games", "solvers")

#: (importer, imported): the only imports of the project inside functions, each with its reason.
DELIBERATE_LAZY = {
    # result types display themselves through the renderers, which import the result types
    ("solvers.results._display", "solvers.render.latex"): "result types displayed by render (render imports them)",
    ("solvers.results._display", "solvers.render.text"): "result types displayed by render (render imports them)",
    # `aligngames sweep` on a cache miss: the symbolic stage is loaded only then (a hit runs without sympy)
    ("solvers.cli.sweep", "solvers.sweeps.template"): "the numeric sweep path loading the symbolic template",
    ("solvers.cli.sweep", "solvers.cli.params"): "the numeric sweep path loading the symbolic template",
}
#: The deliberate lazy imports, by what they are for: ARCHITECTURE.md names each.  The third is
#: dynamic (``importlib``, not an import statement): games._registry loading the game modules.
DELIBERATE_KINDS = {
    "result types displayed by render (render imports them)",
    "the numeric sweep path loading the symbolic template",
}

#: Imports by name: a module named in a string (``"solvers.cli.info:run_list"``, ``"games.individual"``)
#: and imported with ``importlib`` when first used (ARCHITECTURE.md, "Imports by name"): the command
#: line's handlers, the registry's game modules, the family dispatch, the routes of ``nash_equilibria``,
#: the renderers of the other game forms (the command line's start-up, issue 17).  They follow the rooms
#: like any import; only these importers close a cycle through them, each on purpose.
NAMED_CYCLES = {
    "games._registry": "the registry loading the game modules, which register themselves with it",
    "solvers.cli.families": "the family dispatch naming each family's CLI module, which uses its helpers",
}

#: room -> the rooms it may import (module level or inside functions).
_BASE = {"games", "solvers.errors"}
_FORMS = {"solvers.sequential", "solvers.information", "solvers.continuous"}
ROOMS: dict[str, set[str]] = {
    "games": set(),
    "solvers": set(),  # the package: a lazy_loader stub, imports nothing
    "solvers.errors": {"games"},
    "solvers.symbolic": _BASE,
    "solvers.results": _BASE | {"solvers.symbolic"},
    "solvers.equilibria": _BASE | {"solvers.symbolic", "solvers.results"},
    # the game-form rooms (game trees and repeated games, hidden information, continuous choices): their
    # algorithms sit on the numeric equilibria; the closed forms of `conditions` dispatch to them
    "solvers.sequential": _BASE | {"solvers.symbolic", "solvers.results", "solvers.equilibria"},
    "solvers.information": _BASE | {"solvers.symbolic", "solvers.results", "solvers.equilibria"},
    "solvers.continuous": _BASE | {"solvers.symbolic", "solvers.results", "solvers.equilibria"},
    "solvers.conditions": _BASE | {"solvers.symbolic", "solvers.results", *_FORMS},
    "solvers.dynamics": _BASE | {"solvers.symbolic", "solvers.results", "solvers.equilibria", "solvers.conditions",
                                 *_FORMS},
    "solvers.render": _BASE | {"solvers.symbolic", "solvers.results"},
    "solvers.sweeps": _BASE | {"solvers.symbolic", "solvers.results", "solvers.equilibria", "solvers.conditions",
                               *_FORMS},
    "solvers.explorer": _BASE | {"solvers.symbolic", "solvers.results", "solvers.equilibria", "solvers.conditions",
                                 "solvers.dynamics", "solvers.render", "solvers.sweeps", *_FORMS},
    "solvers.report": _BASE | {"solvers.symbolic", "solvers.results", "solvers.equilibria", "solvers.conditions",
                               "solvers.dynamics", "solvers.render", "solvers.sweeps", *_FORMS},
    "solvers.cli": _BASE | {"solvers.symbolic", "solvers.results", "solvers.equilibria", "solvers.conditions",
                            "solvers.dynamics", "solvers.render", "solvers.sweeps", "solvers.report", *_FORMS},
}

#: The numeric stage of a sweep and the command line that runs it from the cache: no sympy.
NUMERIC_SWEEP_PATH = ("solvers.sweeps.model", "solvers.sweeps.program", "solvers.sweeps.sampling",
                      "solvers.sweeps.kernel", "solvers.sweeps.validate", "solvers.sweeps.result",
                      "solvers.sweeps.run", "solvers.sweeps.cache", "solvers.sweeps.sensitivity",
                      "solvers.cli.app", "solvers.cli.options", "solvers.cli.sweep")

MAX_LINES = 500

#: The public API of 0.1.0 (before the rooms): every name must still be importable from its package.
SOLVERS_0_1 = [
    "equilibrium_conditions", "ConditionalEquilibrium", "break_even", "BreakEven", "Threshold", "risk_dominance",
    "payoff_dominance", "fermi_selection_favours", "classify", "Classification", "to_latex", "LatexResult",
    "comparative_statics", "ComparativeStatics", "minimal_intervention", "InterventionCost", "buyout_effect",
    "nash_equilibria", "Equilibrium", "Equilibria", "EquilibriumComponent", "is_nash_equilibrium", "regrets",
    "equilibrium_components", "vertex_enumeration", "pure_nash_equilibria", "dominated_strategies",
    "iterated_elimination", "pareto_efficient_profiles", "social_optimum", "symmetric_equilibria",
    "SymmetricEquilibrium", "nplayer_support_enumeration", "best_response_graph", "attractors",
    "reachable_attractors", "basins", "fixation_probability", "population_payoffs", "finite_population_gradient",
    "small_mutation_chain", "stationary_distribution", "invasion_graph", "replicator_dynamics",
    "ReplicatorDynamics", "FixedPoint", "gradient_of_selection", "GradientOfSelection", "SelectionRoot",
    "draw_graph", "graph_layout", "plot_phase_portrait", "to_tikz", "write_graph", "regime_graph", "explore",
    "Explorer", "ExplorerResult", "regime_grid", "sweep", "SweepResult", "SweepError", "tornado", "Tornado",
    "TornadoRow", "first_order_indices", "first_order_table", "plot_tornado", "plot_regime_map",
    "plot_gap_histogram",
]
GAMES_0_1 = ["Game", "SymmetricGame", "Parameter", "ParameterSet", "essay", "library", "library_entries", "build",
             "MAX_EXPANDED_PLAYERS", "AligngamesError", "GameError", "OutputError", "ParameterError",
             "ParameterFileError", "SizeLimitError", "SymbolicError", "UnknownNameError"]
#: Result types that public functions return, exported since the rooms.
RESULT_TYPES = ["Outcome", "BuyoutEffect", "Elimination", "Derivative", "ExtremeEquilibria"]


@dataclass
class Module:
    name: str
    path: Path
    lines: int
    top: set[str] = field(default_factory=set)       # project modules imported at module level
    lazy: set[str] = field(default_factory=set)      # project modules imported inside functions
    external: set[str] = field(default_factory=set)  # top-level names of other packages, module level
    external_any: set[str] = field(default_factory=set)  # ... at any level
    defines: set[str] = field(default_factory=set)   # top-level functions and classes


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def scan(root: Path = ROOT) -> dict[str, Module]:
    """Every module of the project with its imports, read with ``ast``."""
    paths = {_module_name(p, root): p for pkg in PACKAGES for p in (root / pkg).rglob("*.py")}

    def resolve(name: str) -> str | None:
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            if ".".join(parts[:i]) in paths:
                return ".".join(parts[:i])
        return None

    out: dict[str, Module] = {}
    for name, path in paths.items():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        mod = Module(name, path, text.count("\n"))
        mod.defines = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]

        def visit(node: ast.AST, in_function: bool, mod: Module = mod, package: str = package) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                    continue  # for type checkers only
                targets: list[str] = []
                if isinstance(child, ast.Import):
                    targets = [a.name for a in child.names]
                elif isinstance(child, ast.ImportFrom):
                    base = child.module or ""
                    if child.level:
                        up = package.split(".")[: len(package.split(".")) - child.level + 1]
                        base = ".".join(up + ([child.module] if child.module else []))
                    # `from pkg import sub` imports the submodule pkg.sub; `from mod import name` imports mod
                    targets = [f"{base}.{a.name}" if resolve(f"{base}.{a.name}") == f"{base}.{a.name}" else base
                               for a in child.names]
                for t in targets:
                    r = resolve(t)
                    if r is None:
                        mod.external_any.add(t.split(".")[0])
                        if not in_function:
                            mod.external.add(t.split(".")[0])
                    elif r != mod.name and not mod.name.startswith(r + "."):
                        (mod.lazy if in_function else mod.top).add(r)
                nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                visit(child, nested)

        visit(tree, False)
        out[name] = mod
    return out


_MODULE_PATH = re.compile(r"^(games|solvers)(\.[A-Za-z_]\w*)+(:[A-Za-z_]\w*)?$")


def named_imports(mods: dict[str, Module]) -> dict[str, set[str]]:
    """importer -> the project modules it names in a string (``"pkg.mod"`` or ``"pkg.mod:attr"``)."""
    out: dict[str, set[str]] = {}
    for m in mods.values():
        for node in ast.walk(ast.parse(m.path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _MODULE_PATH.match(node.value):
                target = node.value.partition(":")[0]
                if target in mods and target != m.name:
                    out.setdefault(m.name, set()).add(target)
    return out


def room(name: str) -> str:
    return "games" if name.split(".")[0] == "games" else ".".join(name.split(".")[:2])


def graph(mods: dict[str, Module], *, lazy: bool) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(mods)
    for m in mods.values():
        g.add_edges_from((m.name, t) for t in m.top)
        if lazy:
            g.add_edges_from((m.name, t) for t in m.lazy if (m.name, t) not in DELIBERATE_LAZY)
    return g


def cycles(g: nx.DiGraph) -> list[list[str]]:
    return [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]


@pytest.fixture(scope="module")
def mods() -> dict[str, Module]:
    return scan()


def test_the_walk_sees_every_module_and_real_edges(mods):
    # a sanity check of the walk itself: known edges are found
    assert len(mods) > 80 and "solvers.equilibria.nash" in mods
    assert "solvers.results.equilibria" in mods["solvers.equilibria.nash"].top
    assert "solvers.render.latex" in mods["solvers.results._display"].lazy
    assert "sympy" in mods["games.core"].external


def test_games_never_imports_solvers_or_the_analysis_libraries(mods):
    bad = sorted((m.name, t) for m in mods.values() if room(m.name) == "games"
                 for t in m.top | m.lazy if t.startswith("solvers"))
    bad += sorted((m.name, e) for m in mods.values() if room(m.name) == "games"
                  for e in m.external_any & {"nashpy", "networkx", "matplotlib", "solvers"})
    assert not bad


def test_no_import_cycle_at_module_level(mods):
    assert cycles(graph(mods, lazy=False)) == []


def test_no_import_cycle_through_imports_inside_functions_but_the_deliberate_ones(mods):
    assert cycles(graph(mods, lazy=True)) == []


def test_the_only_imports_inside_functions_are_the_deliberate_ones(mods):
    lazy = {(m.name, t) for m in mods.values() for t in m.lazy}
    assert lazy == set(DELIBERATE_LAZY), sorted(lazy ^ set(DELIBERATE_LAZY))
    assert set(DELIBERATE_LAZY.values()) == DELIBERATE_KINDS and len(DELIBERATE_KINDS) + 1 <= 3
    named = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for importer, imported in DELIBERATE_LAZY:
        assert f"`{importer}`" in named and f"`{imported}`" in named, (importer, imported)


def test_each_room_imports_only_the_rooms_below_it(mods):
    assert set(ROOMS) == {room(m) for m in mods}, "a new room needs its row in ROOMS and in ARCHITECTURE.md"
    bad = []
    for m in mods.values():
        for t in m.top | m.lazy:
            if room(t) != room(m.name) and room(t) not in ROOMS[room(m.name)] and (m.name, t) not in DELIBERATE_LAZY:
                bad.append((m.name, t))
    assert not bad, sorted(bad)
    rooms = nx.DiGraph([(a, b) for a, allowed in ROOMS.items() for b in allowed])
    assert nx.is_directed_acyclic_graph(rooms)


def test_imports_by_name_follow_the_rooms_and_close_no_cycle_but_the_deliberate_ones(mods):
    named = named_imports(mods)
    # the walk sees them: the handlers, the registry, the routes of nash_equilibria, the form renderers
    assert "solvers.cli.numeric" in named["solvers.cli.app"] and "games.individual" in named["games._registry"]
    assert "solvers.equilibria.complementary_pivoting" in named["solvers.equilibria.nash"]
    assert "solvers.render.tree" in named["solvers.render.forms"]
    bad = sorted((a, t) for a, ts in named.items() for t in ts
                 if room(t) != room(a) and room(t) not in ROOMS[room(a)])
    assert not bad, bad
    g = graph(mods, lazy=False)
    g.add_edges_from((a, t) for a, ts in named.items() if a not in NAMED_CYCLES for t in ts)
    assert cycles(g) == []


def test_render_imports_results_not_algorithms(mods):
    algorithms = ("solvers.equilibria", "solvers.conditions", "solvers.dynamics", "solvers.sweeps")
    bad = [(m.name, t) for m in mods.values() if room(m.name) == "solvers.render"
           for t in m.top | m.lazy | named_imports(mods).get(m.name, set()) if room(t) in algorithms]
    assert not bad


def test_the_numeric_sweep_path_never_imports_sympy(mods):
    seen: set[str] = set()
    todo = list(NUMERIC_SWEEP_PATH)
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
            prefix = ".".join(parts[:i])
            if prefix in mods and prefix not in seen:
                seen.add(prefix)
                todo.extend(mods[prefix].top)
    assert seen >= set(NUMERIC_SWEEP_PATH)
    heavy = sorted(n for n in seen if mods[n].external & {"sympy", "networkx", "matplotlib", "nashpy"})
    assert heavy == [], heavy


def test_one_list_of_public_names_covering_the_old_api():
    import games
    import solvers

    for package, old in ((solvers, SOLVERS_0_1 + RESULT_TYPES), (games, GAMES_0_1)):
        stub = ast.parse(Path(package.__file__).with_suffix(".pyi").read_text(encoding="utf-8"))
        listed = sorted(a.asname or a.name for node in stub.body if isinstance(node, ast.ImportFrom)
                        for a in node.names)
        assert sorted(package.__all__) == listed                  # __all__ is read from the stub, nothing else
        assert set(old) <= set(package.__all__), sorted(set(old) - set(package.__all__))
        for name in package.__all__:
            assert getattr(package, name) is not None
        init = Path(package.__file__).read_text(encoding="utf-8")
        assert "__class__" not in init and "_EXPORTS" not in init


def test_public_names_are_the_objects_of_their_modules():
    import solvers

    for name in SOLVERS_0_1 + RESULT_TYPES:
        obj = getattr(solvers, name)
        module = importlib.import_module(obj.__module__)
        assert getattr(module, name) is obj
        assert obj.__module__.startswith("solvers."), (name, obj.__module__)


def test_no_module_is_named_after_what_it_defines(mods):
    clashes = [m.name for m in mods.values() if m.name.rpartition(".")[2] in m.defines]
    assert clashes == []
    import solvers

    submodules = {n.rpartition(".")[2] for n in mods if n.count(".") == 1 and n.startswith("solvers.")}
    assert not (submodules & {n for n in solvers.__all__ if not isinstance(getattr(solvers, n), type(solvers))})


def test_no_module_is_longer_than_the_limit(mods):
    long = sorted((m.lines, m.name) for m in mods.values() if m.lines > MAX_LINES)
    assert long == []


def test_the_checks_fail_on_a_cycle(tmp_path):
    """The walk finds a cycle hidden in a function, and a room importing a room above it."""
    for pkg in PACKAGES:
        (tmp_path / pkg).mkdir()
        (tmp_path / pkg / "__init__.py").write_text("")
    (tmp_path / "solvers" / "results").mkdir()
    (tmp_path / "solvers" / "results" / "__init__.py").write_text("")
    (tmp_path / "solvers" / "results" / "a.py").write_text("from solvers.equilibria.b import f\n")
    (tmp_path / "solvers" / "equilibria").mkdir()
    (tmp_path / "solvers" / "equilibria" / "__init__.py").write_text("")
    (tmp_path / "solvers" / "equilibria" / "b.py").write_text(
        "def f():\n    from solvers.results.a import g\n    return g\n")
    found = scan(tmp_path)
    assert cycles(graph(found, lazy=False)) == []
    assert cycles(graph(found, lazy=True)) == [["solvers.equilibria.b", "solvers.results.a"]]
    assert "solvers.equilibria" not in ROOMS[room("solvers.results.a")]
