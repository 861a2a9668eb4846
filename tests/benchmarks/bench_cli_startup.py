"""Start-up cost of the command line, measured side by side with ``python -c "import sympy"`` (issue 17).

Targets (CPU time, median of interleaved runs, on this machine):

* ``aligngames list``                at most 0.5 x ``python -c "import sympy"``
* ``aligngames solve career_choice`` at most 1.2 x ``python -c "import sympy"``
* ``aligngames audit`` (ours) at most 0.5 x, like ``list``: the issue asks that it never import sympy

Each command runs as a fresh process (``python -m solvers.cli ...`` with this interpreter, the
checkout first on ``PYTHONPATH``); its CPU time is the child's user + system time from
``os.wait4``.  The commands are interleaved round by round so that a change in the machine's load
affects them alike.  ``list`` and ``audit`` are measured with their cache filled (by the warm-up run), as a
user meets them from the second call on.  It also reports which heavy modules each command imported
(``-X importtime``).

Bytecode: an installed package runs from compiled bytecode (pip byte-compiles on install; an editable
checkout writes ``__pycache__`` on first import), and so does sympy from site-packages.  A shell with
``PYTHONDONTWRITEBYTECODE=1`` (as the sessions that develop this project have) would instead compile
every module of the project from source on every run, about 60 ms of CPU that no user pays, while
sympy's bytecode is read as installed.  The first table is therefore measured with bytecode written to
a temporary ``PYTHONPYCACHEPREFIX`` by the warm-up run (for sympy and the standard library too, so
both sides read bytecode alike); the second, for comparison, with the environment as given.
Run from the repository root::

    python tests/benchmarks/bench_cli_startup.py [ROUNDS]

and keep its output beside it (``bench_cli_startup_output.txt``).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sympy", "numpy", "matplotlib", "networkx", "scipy", "nashpy")

COMMANDS = {
    'python -c "import sympy"': [sys.executable, "-c", "import sympy"],
    "aligngames list": [sys.executable, "-m", "solvers.cli", "list"],
    "aligngames audit": [sys.executable, "-m", "solvers.cli", "audit"],
    "aligngames solve career_choice": [sys.executable, "-m", "solvers.cli", "solve", "career_choice"],
}
#: The issue's targets; the audit's is ours (the issue asks only that it never import sympy, as ``list``).
TARGETS = {"aligngames list": 0.5, "aligngames audit": 0.5, "aligngames solve career_choice": 1.2}
#: A fresh cache folder for this run: the warm-up run of ``list`` fills it (solvers.cli.catalog), so
#: ``list`` is measured as a user meets it from the second call on; its first call builds every game.
CACHE = tempfile.mkdtemp(prefix="aligngames-bench-cache-")
#: Where the compiled bytecode of this run goes (never into the checkout).
PYCACHE = tempfile.mkdtemp(prefix="aligngames-bench-pycache-")
#: True: the first table's runs (bytecode written once and read, as installed); False: the environment as given.
COMPILED = True


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["ALIGNGAMES_CACHE_DIR"] = CACHE
    if COMPILED:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = PYCACHE
    return env


def cpu_seconds(cmd: list[str]) -> float:
    """User + system CPU seconds of one run of ``cmd`` (a fresh process)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return usage.ru_utime + usage.ru_stime


def heavy_imports(cmd: list[str]) -> list[str]:
    """The heavy libraries the command imports (from ``-X importtime``)."""
    r = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True, env=_env(), cwd=ROOT)
    names = {line.rsplit("|", 1)[-1].strip() for line in r.stderr.splitlines() if line.startswith("import time:")}
    return [h for h in HEAVY if h in names]


def main(rounds: int = 11) -> None:
    for cmd in COMMANDS.values():  # warm the file cache (and the CLI's caches) once
        cpu_seconds(cmd)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(rounds):
        for name, cmd in COMMANDS.items():
            times[name].append(cpu_seconds(cmd))
    base = statistics.median(times['python -c "import sympy"'])
    how = ("bytecode compiled once and read (as installed)" if COMPILED
           else f"environment as given (PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r})")
    print(f"CLI start-up, CPU seconds (user + system), median of {rounds} interleaved runs; {sys.version.split()[0]}; "
          f"{how}")
    print(f"{'command':34} {'median':>8} {'min':>8} {'ratio':>7} {'target':>7}  heavy imports")
    for name, cmd in COMMANDS.items():
        med = statistics.median(times[name])
        target = TARGETS.get(name)
        verdict = "" if target is None else ("  met" if med / base <= target else "  NOT met")
        print(f"{name:34} {med:8.3f} {min(times[name]):8.3f} {med / base:7.2f} "
              f"{'' if target is None else f'<= {target}':>7}  {', '.join(heavy_imports(cmd)) or '-'}{verdict}")


if __name__ == "__main__":
    try:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            COMPILED = False
            print()
            main(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
    finally:
        shutil.rmtree(CACHE, ignore_errors=True)
        shutil.rmtree(PYCACHE, ignore_errors=True)
