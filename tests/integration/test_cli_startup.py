"""What the command line imports (issue 17, CLI start-up): each command loads only what it uses.

Structural, not timed (the CPU figures are in ``tests/benchmarks/bench_cli_startup.py``): each
command runs in a fresh interpreter, which then reports which modules it had imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = ("import sys, io, json, contextlib\n"
         "from solvers.cli.app import main\n"
         "out = io.StringIO()\n"
         "with contextlib.redirect_stdout(out):\n"
         "    code = main(sys.argv[1:])\n"
         "print(json.dumps([code, out.getvalue(), sorted(sys.modules)]))")

#: The game forms beyond the strategic form: their models, algorithms, result types and renderers.
OTHER_FORMS = ("games.extensive", "games.repeated", "games.sequential", "games.bayesian", "games.signaling",
               "games.hidden_information", "games.continuous", "games.races", "solvers.sequential",
               "solvers.information", "solvers.continuous", "solvers.results.sequential",
               "solvers.results.information", "solvers.results.continuous", "solvers.render.tree",
               "solvers.render.information", "solvers.render.continuous", "solvers.cli.sequential",
               "solvers.cli.information", "solvers.cli.continuous")


def _run(cache: Path, *args: str) -> tuple[int, str, set[str]]:
    env = {k: v for k, v in os.environ.items() if k != "ALIGNGAMES_NO_CACHE"}
    env["ALIGNGAMES_CACHE_DIR"] = str(cache)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    r = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=300,
                       cwd=ROOT)
    assert r.returncode == 0, r.stderr
    code, out, modules = json.loads(r.stdout.strip().splitlines()[-1])
    return code, out, set(modules)


def _loaded(modules: set[str], *prefixes: str) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_a_cached_list_imports_neither_sympy_nor_matplotlib_nor_the_metadata_machinery(tmp_path):
    _run(tmp_path, "list")  # fills the cache
    code, out, modules = _run(tmp_path, "list")
    assert code == 0 and "career_choice" in out
    assert _loaded(modules, "sympy", "numpy", "matplotlib", "networkx", "importlib.metadata") == []


def test_solve_of_a_strategic_form_game_imports_only_its_route(tmp_path):
    code, out, modules = _run(tmp_path, "solve", "career_choice")
    # by hand, at the essay's PhD values (5 years; salaries 35,000 / 123,000 / 100,000; V = 6.5e6,
    # p_pivotal = doom_reduction = 0.05, altruism_weight = 0, no reputation or social impact):
    # Alignment 5 * 35,000 + 0.05 * 0.05 * 6.5e6 = 175,000 + 16,250 = 191,250; Capabilities
    # 5 * 123,000 = 615,000; Neither 5 * 100,000 = 500,000: Capabilities, the World's payoff 0
    assert code == 0 and "Researcher: Capabilities; World: Passive  (payoffs 615000, 0)" in out
    assert "sympy" in modules                                     # the game is built symbolically
    # ... but not evaluated by sympy: the payoffs are computed in fractions (solvers.cli.numeric._at_numbers),
    # so sympy's first Add, which imports its tensor and combinatorics modules, never runs
    assert _loaded(modules, "sympy.tensor.tensor", "sympy.combinatorics") == []
    assert _loaded(modules, "numpy", "matplotlib", "networkx", "scipy", "nashpy", "importlib.metadata") == []
    assert _loaded(modules, *OTHER_FORMS) == []                   # no other game form is loaded
    # nash_equilibria's routes not taken by an exact two-player game, and what solve does not print
    assert _loaded(modules, "solvers.equilibria.complementary_pivoting", "solvers.equilibria.vertices",
                   "solvers.equilibria.float_vertices", "solvers.equilibria.nplayer", "solvers.equilibria.symmetric",
                   "solvers.render.latex", "solvers.conditions", "solvers.results.conditions",
                   "solvers.sweeps.cachefile", "tomllib") == []
    # the games modules after the one registering career_choice are not imported
    assert "games.individual" in modules and _loaded(modules, "games.interventions", "games.geopolitical") == []


def test_solve_latex_and_other_forms_still_load_what_they_need(tmp_path):
    code, out, modules = _run(tmp_path, "solve", "career_choice", "--latex")
    assert code == 0 and out.startswith("\\begin{aligned}") and "solvers.render.latex" in modules
    code, out, modules = _run(tmp_path, "solve", "collective_action")  # a SymmetricGame: its own solver
    assert code == 0 and "solvers.equilibria.symmetric" in modules


def test_the_2x2_closed_form_and_the_intervention_games_solve_without_numpy(tmp_path):
    # lab_race is a 2 x 2 game (the closed-form route), subsidy an intervention on career_choice (games
    # after games.individual in the registry): both exact, neither needs numpy nor another game form
    for game in ("lab_race", "subsidy"):
        code, out, modules = _run(tmp_path, "solve", game)
        assert code == 0 and "equilibri" in out
        assert _loaded(modules, "numpy", "matplotlib", *OTHER_FORMS) == [], game
