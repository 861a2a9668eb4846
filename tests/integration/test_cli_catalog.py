"""``aligngames list`` from its cache (solvers.cli.catalog): the same output, without sympy or numpy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sympy", "numpy", "matplotlib", "networkx", "scipy", "nashpy")
PROBE = ("import sys, io, contextlib\n"
         "from solvers.cli.app import main\n"
         "out = io.StringIO()\n"
         "with contextlib.redirect_stdout(out):\n"
         "    code = main(sys.argv[1:])\n"
         "print(repr((code, out.getvalue(), sorted(m for m in %r if m in sys.modules))))" % (HEAVY,))


def _run(cache: Path | None, *args: str) -> tuple[int, str, list[str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("ALIGNGAMES_NO_CACHE", "ALIGNGAMES_CACHE_DIR")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    if cache is None:
        env["ALIGNGAMES_NO_CACHE"] = "1"
    else:
        env["ALIGNGAMES_CACHE_DIR"] = str(cache)
    r = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    code, out, heavy = eval(r.stdout.strip().splitlines()[-1])  # noqa: S307 - our own repr() of a tuple
    return code, out, heavy


def test_a_cached_list_is_the_same_output_without_sympy(tmp_path):
    reference = _run(None, "list")
    assert reference[0] == 0 and "sympy" in reference[2]         # building the games needs sympy
    first = _run(tmp_path, "list")                                 # a miss: computed, then kept
    assert first[:2] == reference[:2]
    assert len(list(tmp_path.glob("list-phd-*.json"))) == 1
    second = _run(tmp_path, "list")                                # a hit
    assert second[:2] == reference[:2] and second[2] == []        # no sympy, numpy, matplotlib ...
    # the JSON form is cached beside the table, and is what --json printed before
    hit = _run(tmp_path, "list", "--json")
    assert hit[2] == [] and hit[1] == _run(None, "list", "--json")[1]
    assert json.loads(hit[1])["games"][0]["name"] == "career_choice"


def test_each_scenario_has_its_own_entry(tmp_path):
    phd = _run(tmp_path, "list")[1]
    industry = _run(tmp_path, "list", "--scenario", "industry")[1]
    assert "scenario phd" in phd and "scenario industry" in industry
    assert _run(tmp_path, "list", "--scenario", "industry")[1] == industry


def test_a_damaged_or_planted_cache_file_is_a_miss(tmp_path):
    reference = _run(None, "list")[1]
    _run(tmp_path, "list")
    (entry,) = tmp_path.glob("list-phd-*.json")
    for damage in (b"{not json", json.dumps({"key": "0" * 64, "text": "forged", "json": "{}"}).encode(),
                   b"[" * 10_000, json.dumps({"key": None, "text": 1}).encode()):
        entry.write_bytes(damage)
        code, out, heavy = _run(tmp_path, "list")
        assert code == 0 and out == reference and "sympy" in heavy, damage[:40]   # rebuilt, not trusted
    # a symlink planted at the cache path is never followed: a miss, replaced by a regular file
    target = tmp_path / "elsewhere.json"
    target.write_text(json.dumps({"key": "x", "text": "forged", "json": "{}"}))
    entry.unlink()
    entry.symlink_to(target)
    code, out, _ = _run(tmp_path, "list")
    assert code == 0 and out == reference and not entry.is_symlink()
    assert "forged" in target.read_text()                          # the link's target was not written


def test_a_cached_audit_is_the_same_output_without_sympy(tmp_path):
    reference = _run(None, "audit")
    # the audit recomputes the essay's claims in sympy; 17 claims, the counts line is the last
    assert reference[0] == 0 and "sympy" in reference[2]
    assert reference[1].rstrip().endswith("5 ok, 1 rounding, 7 reading, 3 slip, 1 error, 0 changed")
    assert _run(tmp_path, "audit")[:2] == reference[:2]            # a miss: computed, then kept
    assert len(list(tmp_path.glob("audit-phd_none-*.json"))) == 1
    hit = _run(tmp_path, "audit")
    assert hit[:2] == reference[:2] and hit[2] == []               # no sympy, numpy, matplotlib ...
    as_json = _run(tmp_path, "audit", "--json")
    assert as_json[2] == [] and as_json[1] == _run(None, "audit", "--json")[1]
    # a case is its own entry; the case changes what is recomputed
    dunbar = _run(tmp_path, "audit", "--case", "dunbar")
    assert "case dunbar" in dunbar[1] and _run(tmp_path, "audit", "--case", "dunbar")[2] == []
    assert len(list(tmp_path.glob("audit-*.json"))) == 2


def test_an_audit_with_the_users_values_is_never_cached(tmp_path):
    # --set vsl changes the recomputed value-of-life claims, so it must be computed, never read from the cache
    _run(tmp_path, "audit")
    changed = _run(tmp_path, "audit", "--set", "vsl=7000000")
    assert "sympy" in changed[2] and changed[1] == _run(None, "audit", "--set", "vsl=7000000")[1]
    assert changed[1] != _run(tmp_path, "audit")[1]
    params = tmp_path / "p.toml"
    params.write_text("vsl = 7000000\n")
    from_file = _run(tmp_path, "audit", "--params", str(params))
    assert "sympy" in from_file[2] and from_file[1] == changed[1]
    assert len(list(tmp_path.glob("audit-*.json"))) == 1


def test_the_dispatcher_asks_the_cache_for_exactly_the_commands_it_keeps():
    # the dispatcher must not import the cache's module (and its hashing) for any other command
    from solvers.cli import app, catalog

    assert app._CACHED_COMMANDS == catalog.COMMANDS == ("list", "audit")
