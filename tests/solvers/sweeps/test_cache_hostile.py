"""A sweep cache that trusts nothing: hostile files at the cache path are misses, never a hang, a crash or a
wrong answer.

Each case puts something hostile where ``aligngames sweep great_power_race`` keeps its template, then checks
that the loader refuses it (``load`` returns None) and that the sweep rebuilds the template, prints exactly
what a sweep with ``ALIGNGAMES_NO_CACHE=1`` prints for the same seed, and leaves a valid cache file behind.
Cases that would hang or eat memory on a loader that trusts the file run in a subprocess with a timeout
and a memory limit, so that a regression fails instead of stopping the suite.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap

import pytest

from solvers import ProgramError
from solvers.cli.app import main
from solvers.sweeps import cache as sweep_cache
from solvers.sweeps.model import MAX_QUANTITIES, MAX_RECORDS, MAX_TEMPLATE_OPS, SweepTemplate
from solvers.sweeps.program import MAX_OPS, NumericProgram
from solvers.sweeps.template import build_template

GAME = "great_power_race"
ARGS = ["sweep", GAME, "--samples", "2000", "--seed", "1", "--json", "--quiet", "--keep", "0"]
TIMEOUT = 60  # seconds: a sweep of 2000 samples takes about two; a hang fails the test instead of the suite
MEMORY = 4 << 30  # address space of a subprocess: a runaway read fails there, not on the machine


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGNGAMES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ALIGNGAMES_NO_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def reference():
    """What the sweep prints with the cache off (the long way, with sympy)."""
    old = os.environ.get("ALIGNGAMES_NO_CACHE")
    os.environ["ALIGNGAMES_NO_CACHE"] = "1"
    try:
        out = _run_in_process()
    finally:
        if old is None:
            del os.environ["ALIGNGAMES_NO_CACHE"]
        else:
            os.environ["ALIGNGAMES_NO_CACHE"] = old
    shares = json.loads(out)["equilibrium_shares"]
    assert shares and all(0 <= v <= 1 for v in shares.values()) and max(shares.values()) > 0
    return out


def _run_in_process() -> str:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(ARGS) == 0
    return buf.getvalue()


def _key() -> str:
    k = sweep_cache.template_key(GAME, scenario="phd", case=None, params_file=None, sets=[])
    assert k is not None
    return k


def _path(cache_dir) -> os.PathLike[str]:
    return cache_dir / f"sweep-template-{_key()}.json"


def _valid_dict() -> dict:
    return {"key": _key(), "template": json.loads(json.dumps(build_template(GAME).to_dict()))}


def _assert_valid_file(path) -> None:
    """The cache path holds a regular file with the template the symbolic stage builds."""
    assert stat.S_ISREG(os.lstat(path).st_mode)
    back = sweep_cache.load(_key())
    assert isinstance(back, SweepTemplate)
    assert json.dumps(back.to_dict()) == json.dumps(build_template(GAME).to_dict())


def _assert_recovers(path, reference) -> None:
    """The sweep misses, prints what the cache-less sweep prints, rewrites the file; the next run reads it."""
    for _ in range(2):  # rebuilt and rewritten, then read back
        assert _run_in_process() == reference
        _assert_valid_file(path)


def test_the_key_names_the_file_the_cli_writes(cache, reference):
    assert _run_in_process() == reference
    assert list(cache.iterdir()) == [_path(cache)]
    _assert_valid_file(_path(cache))


# --- what is at the path: only regular files are opened ------------------------------------------------


def _subprocess(code: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    def limit() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    env = dict(env, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=TIMEOUT,
                          env=env, preexec_fn=limit)


LOAD = textwrap.dedent("""
    import json, resource, sys
    from solvers.sweeps import cache
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    got = cache.load(sys.argv[1])
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(json.dumps({"none": got is None, "grown_kib": grown}))
""")

SWEEP = textwrap.dedent("""
    import sys
    from solvers.cli import main
    raise SystemExit(main(sys.argv[1:]))
""")


def _hostile_subprocess(cache, reference) -> None:
    env = dict(os.environ, ALIGNGAMES_CACHE_DIR=str(cache))
    env.pop("ALIGNGAMES_NO_CACHE", None)
    loaded = _subprocess(LOAD, _key(), env=env)
    assert loaded.returncode == 0, loaded.stderr
    result = json.loads(loaded.stdout.strip().splitlines()[-1])
    assert result["none"] is True
    assert result["grown_kib"] < 64 * 1024  # nothing was read: no MiB read from a device, no MemoryError
    for _ in range(2):  # rebuilt and rewritten, then read back
        run = _subprocess(SWEEP, *ARGS, env=env)
        assert run.returncode == 0, run.stderr
        assert run.stdout == reference


def test_a_fifo_at_the_cache_path_is_never_opened(cache, reference):
    cache.mkdir()
    os.mkfifo(_path(cache))
    _hostile_subprocess(cache, reference)  # a loader that opens it blocks until the timeout
    _assert_valid_file(_path(cache))


def test_a_symlink_to_dev_zero_is_never_read(cache, reference):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    cache.mkdir()
    os.symlink("/dev/zero", _path(cache))
    _hostile_subprocess(cache, reference)  # a loader that follows it reads zeros until MemoryError
    _assert_valid_file(_path(cache))  # the link was replaced, /dev/zero untouched
    assert stat.S_ISCHR(os.stat("/dev/zero").st_mode)


def test_a_symlink_even_to_a_valid_file_is_refused_and_replaced(cache, tmp_path, reference):
    """The cache never makes symlinks, so it never follows one (O_NOFOLLOW): the choice documented in cache.py."""
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps(_valid_dict()))
    cache.mkdir()
    os.symlink(elsewhere, _path(cache))
    assert sweep_cache.load(_key()) is None
    _assert_recovers(_path(cache), reference)
    assert json.loads(elsewhere.read_text()) == _valid_dict()  # the link's target is not written through


def test_an_empty_folder_at_the_cache_path_is_replaced_by_the_file(cache, reference):
    _path(cache).mkdir(parents=True)
    assert sweep_cache.load(_key()) is None
    _assert_recovers(_path(cache), reference)


def test_a_folder_with_content_at_the_cache_path_is_left_alone_and_the_sweep_still_right(cache, reference):
    _path(cache).mkdir(parents=True)
    (_path(cache) / "inside").write_text("someone's")
    assert sweep_cache.load(_key()) is None
    for _ in range(2):
        assert _run_in_process() == reference
    assert (_path(cache) / "inside").read_text() == "someone's"


def test_a_file_over_the_byte_limit_is_not_read_past_the_limit(cache, reference):
    d = _valid_dict()
    d["padding"] = "x" * sweep_cache.MAX_BYTES  # otherwise valid: the key and the template are right
    cache.mkdir()
    _path(cache).write_text(json.dumps(d))
    assert sweep_cache.load(_key()) is None
    _assert_recovers(_path(cache), reference)


# --- valid JSON, valid template, too big: limits checked before any evaluation ---------------------------


def _model(d: dict) -> dict:
    return d["template"]["model"]


def _many_quantities(n: int):
    def edit(d: dict) -> None:
        m = _model(d)
        first_input = 0
        m["everything"]["outputs"] += [first_input] * (n - m["n_quantities"])
        m["n_quantities"] = n
        d["template"]["quantity_names"] += [f"q{i}" for i in range(n - len(d["template"]["quantity_names"]))]
    return edit


def _more_ops(per_program: int, *, programs: str = "everything"):
    """Append ``per_program`` harmless operations (x + x) to the programs (the outputs do not change)."""
    def edit(d: dict) -> None:
        m = _model(d)
        progs = [m["everything"]] if programs == "everything" else [
            m["regimes"], m["everything"], *(lay[2] for lay in m["layout"] if lay[0] == "continuum")]
        for p in progs:
            p["ops"] += [["add", [0, 0]]] * per_program
    return edit


def _records(n: int):
    """``n`` records: the extra ones repeat the condition of the first record (a consistent template)."""
    def edit(d: dict) -> None:
        m = _model(d)
        n_old = len(m["labels"])
        regimes, everything = m["regimes"], m["everything"]
        cond_r, cond_e = regimes["outputs"][0], everything["outputs"][0]
        m["labels"] += [f"extra record {i}" for i in range(n - n_old)]
        m["layout"] += [["plain", k] for k in range(n_old, n)]
        regimes["outputs"] += [cond_r] * (n - n_old)
        everything["outputs"][n_old:n_old] = [cond_e] * (n - n_old)  # conditions first, then the quantities
    return edit


def _nested(depth: int):
    def edit(d: dict) -> None:
        d["extra"] = "__NEST__"
    return edit, lambda text: text.replace('"__NEST__"', "[" * depth + "]" * depth)


def _write(cache, d: dict, text_edit=None) -> None:
    text = json.dumps(d)
    if text_edit is not None:
        text = text_edit(text)
    cache.mkdir(exist_ok=True)
    _path(cache).write_text(text)


@pytest.mark.parametrize(
    "edit",
    [
        _many_quantities(20_000),
        _many_quantities(MAX_QUANTITIES + 1),
        _records(100),
        _records(MAX_RECORDS + 1),
        _more_ops(MAX_OPS + 1),  # one program over the limit, in a file under MAX_BYTES
        _more_ops(3000, programs="all"),  # every program under the limit, the template over MAX_TEMPLATE_OPS
    ],
    ids=["20000-quantities", "quantities-over-limit", "100-labels", "labels-over-limit", "ops-over-limit",
         "total-ops-over-limit"],
)
def test_a_valid_template_over_a_limit_is_a_miss_and_the_cli_recovers(cache, edit, reference):
    d = _valid_dict()
    edit(d)
    _write(cache, d)
    assert os.path.getsize(_path(cache)) <= sweep_cache.MAX_BYTES  # refused for its size in numbers, not bytes
    assert sweep_cache.load(_key()) is None
    with pytest.raises(ProgramError, match=r"allowed: (at most|1 to) \d+"):
        SweepTemplate.from_dict(d["template"])
    _assert_recovers(_path(cache), reference)


def test_a_600000_operation_program_is_a_miss(cache, reference):
    d = _valid_dict()
    _more_ops(600_000)(d)
    _write(cache, d)
    assert sweep_cache.load(_key()) is None  # not run: before, it turned a 1 s sweep into minutes
    # refused for its count, whatever the byte limit: by the template's total, and by the program's own limit
    with pytest.raises(ProgramError, match=rf"600\d{{3}} operations in all \(allowed: at most {MAX_TEMPLATE_OPS}\)"):
        SweepTemplate.from_dict(d["template"])
    with pytest.raises(ProgramError, match=rf"600\d{{3}} operations \(allowed: at most {MAX_OPS}\)"):
        NumericProgram.from_dict(_model(d)["everything"])
    _assert_recovers(_path(cache), reference)


def test_the_limits_leave_room_at_the_boundary():
    """Exactly MAX_RECORDS records and MAX_QUANTITIES quantities, and a program of exactly MAX_OPS, are read."""
    d = _valid_dict()
    _records(MAX_RECORDS)(d)
    _many_quantities(MAX_QUANTITIES)(d)
    n_ops = len(_model(d)["everything"]["ops"])
    _more_ops(MAX_OPS - n_ops)(d)
    back = SweepTemplate.from_dict(d["template"])
    assert len(back.model.labels) == MAX_RECORDS and back.model.n_quantities == MAX_QUANTITIES
    assert len(back.model.everything.ops) == MAX_OPS
    assert sum(len(p.ops) for p in [back.model.regimes, back.model.everything]) <= MAX_TEMPLATE_OPS


# --- the JSON itself: strict, finite, shallow -----------------------------------------------------------


def _constant(token: str):
    """Replace a float constant of the regimes program by a bare JSON token (same slot count: still valid)."""
    def edit(d: dict) -> None:
        consts = _model(d)["regimes"]["constants"]
        i = next(i for i, c in enumerate(consts) if isinstance(c, float))
        consts[i] = "__TOKEN__"
    return edit, lambda text: text.replace('"__TOKEN__"', token)


@pytest.mark.parametrize(
    ("edit", "text_edit"),
    [
        _constant("Infinity"),
        _constant("-Infinity"),
        _constant("NaN"),
        _constant("1e400"),  # a float that overflows to inf
        _nested(500),  # under Python's recursion limit: parsed, and ignored, by a trusting loader
        _nested(100_000),
        (lambda d: _model(d).update(n_quantities="__TOKEN__"), lambda text: text.replace('"__TOKEN__"', "1" * 25)),
    ],
    ids=["Infinity", "-Infinity", "NaN", "1e400", "nested-500", "nested-100000", "25-digit-int"],
)
def test_non_finite_constants_and_deep_nesting_are_misses(cache, edit, text_edit, reference):
    d = _valid_dict()
    edit(d)
    _write(cache, d, text_edit)
    assert sweep_cache.load(_key()) is None
    _assert_recovers(_path(cache), reference)


def test_brackets_inside_strings_do_not_count_as_nesting(cache):
    d = _valid_dict()
    _model(d)["labels"][0] = "[" * 100 + "{" * 100 + '"\\' + "]" * 100
    _write(cache, d)
    back = sweep_cache.load(_key())
    assert back is not None and back.model.labels[0] == _model(d)["labels"][0]


@pytest.mark.parametrize("name", ["collective_action", "funding"])
def test_non_finite_constants_of_the_compiler_round_trip_as_strict_json(cache, name):
    """NaN (a Piecewise with no branch holding) is written as the string "nan", never as a bare NaN."""
    t = build_template(name)
    assert any(c != c for c in t.model.everything.constants if not isinstance(c, bool))
    k = sweep_cache.template_key(name, scenario="phd", case=None, params_file=None, sets=[])
    path = sweep_cache.store(k, t)
    assert path is not None
    text = path.read_text()
    assert "NaN" not in text and "Infinity" not in text
    json.loads(text, parse_constant=lambda c: pytest.fail(f"bare {c}"))
    back = sweep_cache.load(k)
    assert back is not None and json.dumps(back.to_dict()) == json.dumps(t.to_dict())


# --- concurrent sweeps share one cache ------------------------------------------------------------------


def test_concurrent_cold_sweeps_agree_and_leave_one_valid_file(cache, reference):
    env = dict(os.environ, ALIGNGAMES_CACHE_DIR=str(cache), OPENBLAS_NUM_THREADS="1")
    env.pop("ALIGNGAMES_NO_CACHE", None)
    procs = [subprocess.Popen([sys.executable, "-c", SWEEP, *ARGS], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for _ in range(4)]
    outs = []
    try:
        for p in procs:
            out, err = p.communicate(timeout=TIMEOUT * 2)
            assert p.returncode == 0, err
            outs.append(out)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert outs == [reference] * 4
    assert list(cache.iterdir()) == [_path(cache)]  # no temporary file left
    _assert_valid_file(_path(cache))
