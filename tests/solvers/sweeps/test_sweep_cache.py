"""The sweep template cache and the sympy-free command-line path it enables."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from solvers import ProgramError
from solvers.sweeps import cache as sweep_cache
from solvers.sweeps.model import SweepTemplate
from solvers.sweeps.run import run_template
from solvers.sweeps.template import build_template


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGNGAMES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ALIGNGAMES_NO_CACHE", raising=False)
    return tmp_path / "cache"


def key(game="great_power_race", scenario="phd", case=None, params_file=None, sets=()):
    return sweep_cache.template_key(game, scenario=scenario, case=case, params_file=params_file, sets=list(sets))


def test_key_depends_on_every_template_option_and_nothing_else(cache, tmp_path):
    base = key()
    assert base is not None and len(base) == 64
    assert key() == base  # stable
    others = [key(game="lab_race"), key(scenario="industry"), key(case="dunbar"), key(sets=["vsl=8e6"]),
              key(sets=["vsl=8e6", "p_doom=1/3"]), key(sets=["p_doom=1/3", "vsl=8e6"])]
    assert len({base, *others}) == 1 + len(others)
    f = tmp_path / "p.toml"
    f.write_text("vsl = 8e6\n")
    k1 = key(params_file=str(f))
    f.write_text("vsl = 9e6\n")
    assert key(params_file=str(f)) not in (k1, base)  # the file's content, not its name


def test_no_key_when_the_cache_is_off_or_the_params_file_is_unreadable(cache, monkeypatch, tmp_path):
    assert key(params_file=str(tmp_path / "missing.toml")) is None
    monkeypatch.setenv("ALIGNGAMES_NO_CACHE", "1")
    assert key() is None
    assert sweep_cache.load("0" * 64) is None


def test_store_then_load_gives_the_same_template_and_the_same_sweep(cache):
    t = build_template("great_power_race")
    k = key()
    path = sweep_cache.store(k, t)
    assert path is not None and path.parent == cache and path.exists()
    back = sweep_cache.load(k)
    assert isinstance(back, SweepTemplate)
    assert json.dumps(back.to_dict()) == json.dumps(t.to_dict())
    a = run_template(t, samples=50_000, seed=3)
    b = run_template(back, samples=50_000, seed=3)
    assert a.counts == b.counts
    np.testing.assert_array_equal(a.quantities["gap"], b.quantities["gap"])


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "not json",
        lambda text: json.dumps({"key": "someone else", "template": json.loads(text)["template"]}),
        lambda text: text.replace('"mul"', '"__import__"'),  # an operation outside the whitelist
        lambda text: text.replace('"probability"', '"weapon"', 1),
        lambda text: json.dumps(json.loads(text) | {"template": {"names": ["a"]}}),
    ],
    ids=["truncated", "not-json", "other-key", "bad-op", "bad-kind", "missing-fields"],
)
def test_a_damaged_file_is_a_miss_never_an_error(cache, damage):
    k = key()
    path = sweep_cache.store(k, build_template("great_power_race"))
    path.write_text(damage(path.read_text()))
    assert sweep_cache.load(k) is None


def _edit_model(edit):
    def damage(text):
        d = json.loads(text)
        edit(d["template"])
        return json.dumps(d)
    return damage


def _continuum(t):
    return next(lay for lay in t["model"]["layout"] if lay[0] == "continuum")


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t["model"].update(n_quantities=float("inf")),
        lambda t: t["model"]["layout"][0].__setitem__(1, float("inf")),
        lambda t: t["values"].update({t["names"][0]: 10**400}),
        lambda t: t["lows"].update({t["names"][0]: 10**400}),
        lambda t: t["model"]["regimes"]["constants"].append(10**400),
        lambda t: _continuum(t)[3].append(True),  # a strict flag without its two outputs
        lambda t: t["model"]["everything"]["ops"].append(["neg", [t["model"]["everything"]["n_inputs"]
                                                                  + len(t["model"]["everything"]["constants"])
                                                                  + 3]]),  # arithmetic on a boolean
        lambda t: t["model"]["regimes"].update(n_inputs=t["model"]["regimes"]["n_inputs"] + 1),
        lambda t: _continuum(t)[2].update(n_inputs=1),
        lambda t: t["values"].update({t["names"][0]: float("nan")}),
    ],
    ids=["inf-count", "inf-index", "huge-value", "huge-low", "huge-constant", "strict-without-outputs",
         "neg-of-boolean", "regimes-inputs", "continuum-inputs", "nan-value"],
)
def test_a_tampered_template_is_a_miss_and_the_cli_recovers(cache, edit, capsys):
    from solvers.cli.app import main

    args = ["sweep", "great_power_race", "--samples", "2000", "--seed", "1", "--json", "--quiet", "--keep", "0"]
    assert main(args) == 0
    good = capsys.readouterr().out
    (path,) = cache.glob("sweep-template-*.json")
    path.write_text(_edit_model(edit)(path.read_text()))
    assert sweep_cache.load(json.loads(path.read_text())["key"]) is None
    for _ in range(2):  # rebuilt and rewritten, then read back
        assert main(args) == 0
        assert capsys.readouterr().out == good
    assert sweep_cache.load(json.loads(path.read_text())["key"]) is not None


def test_a_params_fifo_is_not_read_for_the_key(cache, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert key(params_file=str(fifo)) is None  # returns at once: a FIFO is never opened
    p = subprocess.run([sys.executable, "-m", "solvers.cli", "sweep", "great_power_race", "--samples", "10",
                        "--params", str(fifo)], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, ALIGNGAMES_CACHE_DIR=str(cache)))
    assert p.returncode == 2 and "not a regular file" in p.stderr and p.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        # the wording of the number parser's refusal may change (games._numbers): the option and value must show
        (["--samples", "100", "--range", "race_risk_one=0:1e400"],
         r"--range race_risk_one high: '1e400' is (too large|outside the range allowed)"),
        (["--vary", "race_risk_one=0:1e400:3"], r"--vary race_risk_one high: '1e400' is (too large|outside the range)"),
        (["--samples", "1e400"], r"samples.*(allowed: at most 1e\+13|'1e400' is outside the range allowed)"),
        (["--vary", "race_risk_one=0:1:1e12"], r"steps 1000000000000 \(allowed: at most 100000000\)"),
    ],
    ids=["range-overflow", "vary-overflow", "samples-huge", "steps-huge"],
)
def test_numbers_too_large_are_one_line_errors(cli, extra, message):
    r = cli("sweep", "great_power_race", *extra, "--quiet")
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") == 1 and re.search(message, r.err), r.err


def test_from_dict_rejects_programs_that_do_not_fit_the_names(cache):
    d = build_template("great_power_race").to_dict()
    d["names"] = d["names"][:-1]
    with pytest.raises(ProgramError):
        SweepTemplate.from_dict(d)


def test_a_solve_template_is_not_serialisable():
    from solvers.errors import SweepError

    with pytest.raises(SweepError, match="not serialisable"):
        build_template("great_power_race", method="solve").to_dict()


def test_an_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("ALIGNGAMES_CACHE_DIR", str(blocker / "sub"))  # a folder under a file
    assert sweep_cache.store(key(), build_template("great_power_race")) is None


def test_incomplete_closed_forms_warn_on_every_run():
    build_template("collective_action")  # the conditions are now cached: the second build must still know
    t = build_template("collective_action")
    assert not t.model.complete and "interior mixed equilibria not derived" in t.model.note
    with pytest.warns(RuntimeWarning, match="closed forms of collective_action are incomplete"):
        run_template(t, samples=100, seed=0)
    back = SweepTemplate.from_dict(json.loads(json.dumps(t.to_dict())))
    with pytest.warns(RuntimeWarning, match="incomplete"):
        run_template(back, samples=100, seed=0)


SHIM = textwrap.dedent("""
    import contextlib, io, json, sys
    from solvers.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(sys.argv[1:])
    print(json.dumps({"code": code, "out": out.getvalue(), "sympy": "sympy" in sys.modules,
                      "networkx": "networkx" in sys.modules}))
""")


def run_cli(args, env):
    p = subprocess.run([sys.executable, "-c", SHIM, *args], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout.strip().splitlines()[-1])


def test_the_second_sweep_runs_without_sympy_and_prints_the_same(tmp_path):
    env = dict(os.environ, ALIGNGAMES_CACHE_DIR=str(tmp_path / "c"))
    env.pop("ALIGNGAMES_NO_CACHE", None)
    args = ["sweep", "great_power_race", "--samples", "200000", "--seed", "5", "--json", "--quiet"]
    cold = run_cli(args, env)
    warm = run_cli(args, env)
    assert cold["code"] == warm["code"] == 0
    assert cold["sympy"] is True and warm["sympy"] is False and warm["networkx"] is False
    assert warm["out"] == cold["out"]
    assert len(list((tmp_path / "c").glob("sweep-template-*.json"))) == 1
    # the template does not depend on --samples or --vary: a grid reuses it, still without sympy
    grid = ["sweep", "great_power_race", "--vary", "capabilities_edge=0:4e12:41", "--json", "--quiet"]
    warm_grid = run_cli(grid, env)
    assert warm_grid["sympy"] is False
    # other parameter values: another template, built (with sympy), not confused with the first
    moved = run_cli([*grid, "--set", "alignment_world_benefit=2e12"], env)
    assert moved["sympy"] is True
    share = {k: json.loads(r["out"])["equilibrium_shares"]["(Alignment, Alignment)"] for k, r in
             (("base", warm_grid), ("moved", moved))}
    # (A, A) holds iff E <= b + s + h1 D: E up to 1.5e12 at the values (16 of 41 points), 2.5e12 with b = 2e12
    assert share == {"base": 16 / 41, "moved": 26 / 41}
    assert len(list((tmp_path / "c").glob("sweep-template-*.json"))) == 2
    # with the cache off, the same answer the long way
    off = run_cli(args, dict(env, ALIGNGAMES_NO_CACHE="1"))
    assert off["sympy"] is True and off["out"] == cold["out"]


def test_bad_input_is_reported_the_same_on_a_warm_cache(tmp_path):
    env = dict(os.environ, ALIGNGAMES_CACHE_DIR=str(tmp_path / "c"))
    ok = ["sweep", "great_power_race", "--samples", "1000", "--seed", "1", "--quiet"]
    run_cli(ok, env)
    for bad, message in [
        (["--range", "race_risk_one=0:2"], "outside what parameter 'race_risk_one' allows"),
        (["--range", "vsl=0:1"], "does not appear in great_power_race"),
        (["--range", "vsll=0:1"], "unknown parameter 'vsll'"),
        (["--distribution", "capabilities_edge=loguniform"], "loguniform 'capabilities_edge' needs low > 0"),
    ]:
        p = subprocess.run([sys.executable, "-m", "solvers.cli", *ok, *bad], capture_output=True, text=True,
                           env=env, timeout=300)
        assert p.returncode == 2 and p.stdout == ""
        assert p.stderr.count("\n") == 1 and message in p.stderr, p.stderr


def test_packages_import_without_sympy_and_resolve_names_lazily():
    code = textwrap.dedent("""
        import sys
        import games, solvers, games.errors, solvers.cli.sweep
        assert "sympy" not in sys.modules, "sympy imported"
        from solvers.sweeps.result import SweepResult  # a module of a room ...
        import solvers.sweeps.run, solvers.conditions.game_types
        assert callable(solvers.sweep) and solvers.sweep.__name__ == "sweep"   # ... and the function at the top
        assert solvers.SweepResult is SweepResult and solvers.classify.__name__ == "classify"
        assert solvers.vertex_enumeration.__name__ == "vertex_enumeration"
        assert "sweep" in dir(solvers) and "Game" in dir(games)
        try:
            solvers.no_such_thing
        except AttributeError as exc:
            assert "no_such_thing" in str(exc)
        else:
            raise AssertionError("no AttributeError")
        assert solvers.equilibria.__name__ == "solvers.equilibria" and games.core.__name__ == "games.core"  # rooms
        from games.essay import MODEL_PARAMETERS   # importing the essay alone registers every model parameter
        from games.assumptions import MODEL_PARAMETERS as ASSUMED
        assert len(MODEL_PARAMETERS) == len(ASSUMED) >= 43, len(MODEL_PARAMETERS)
        assert games.Game.__name__ == "Game" and len(games.library(family="normal-form")) == 14
        print("ok")
    """)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stderr


def test_parameter_order_does_not_depend_on_which_game_module_is_imported_first():
    code = ("import sys, importlib; importlib.import_module(sys.argv[1]); import games; "
            "print(','.join(p.name for p in games.essay.parameters().parameters))")
    orders = {first: subprocess.run([sys.executable, "-c", code, first], capture_output=True, text=True,
                                    timeout=300, check=True).stdout
              for first in ("games", "games.individual", "games.organizational", "games.interventions")}
    assert len(set(orders.values())) == 1, orders
    names = orders["games"].strip().split(",")
    # the essay's own parameters first, then the model parameters by module: geopolitical, individual, ...
    assert names[:2] == ["vsl", "altruism_vsl_multiplier"]
    assert names.index("alignment_world_benefit") < names.index("salary_neither") < names.index(
        "alignment_subsidy") < names.index("leader_share")


def test_the_caches_key_on_every_source_file_sub_packages_included(tmp_path):
    # an edit deep in solvers/ (here solvers/conditions/) must invalidate cached sweep templates, reports and
    # the list catalogue; the old key read only the packages' top-level modules
    import shutil

    from solvers.sweeps import cachefile

    root = Path(cachefile.__file__).resolve().parents[2]
    for pkg in ("games", "solvers"):
        shutil.copytree(root / pkg, tmp_path / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    before = cachefile._digest(tmp_path)
    assert before == cachefile._digest(root) == cachefile.source_digest()
    derive = tmp_path / "solvers" / "conditions" / "derive.py"
    derive.write_text(derive.read_text() + "\n# an edit\n")
    assert cachefile._digest(tmp_path) != before
    (tmp_path / "solvers" / "render" / "references.bib").write_text("@misc{x, title={y}}\n")
    assert len({before, cachefile._digest(tmp_path)}) == 2
