"""The one atomic writer (``games._io``) under attack: exceptions, Ctrl-C, SIGTERM, a full disk, symlinks, modes.

The invariant checked after every attack: the target holds its old content or
the complete new one, and no temporary file (``.NAME.*.tmp``) is left.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from games._io import SIGTERM_STATUS, atomic_write_bytes, atomic_write_text
from games.errors import OutputError

ON_LINUX_AS_ROOT = sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# --- exceptions from inside the write ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "where, raised, expected",
    [
        ("fsync", OSError(errno.EIO, "Input/output error"), OutputError),
        ("replace", OSError(errno.EXDEV, "Invalid cross-device link"), OutputError),
        ("write", KeyboardInterrupt(), KeyboardInterrupt),
        ("fsync", KeyboardInterrupt(), KeyboardInterrupt),
        ("replace", KeyboardInterrupt(), KeyboardInterrupt),
        ("close", RuntimeError("boom"), RuntimeError),
    ],
    ids=["fsync-oserror", "replace-oserror", "write-ctrl-c", "fsync-ctrl-c", "replace-ctrl-c", "close-runtime"],
)
def test_failure_inside_the_write_keeps_old_file_and_leaves_no_temp(tmp_path, monkeypatch, where, raised, expected):
    target = tmp_path / "out.txt"
    target.write_text("old content")
    real = getattr(os, where)
    calls: list[str] = []

    def failing(*args, **kwargs):
        calls.append(where)
        if where == "close":  # close the descriptor for real, then fail: nothing may leak or remain
            real(*args, **kwargs)
        raise raised

    monkeypatch.setattr(os, where, failing)
    with pytest.raises(expected) as info:
        atomic_write_text(target, "new content " * 1000)
    monkeypatch.undo()
    assert calls == [where]
    assert target.read_text() == "old content"
    assert _names(tmp_path) == {"out.txt"}
    if expected is OutputError:
        msg = str(info.value)
        assert "\n" not in msg and repr(str(target)) in msg and raised.strerror in msg


def test_failure_without_an_old_file_leaves_nothing(tmp_path, monkeypatch):
    def failing(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(OutputError, match="No space left on device"):
        atomic_write_bytes(tmp_path / "new.bin", b"x" * 10_000)
    assert _names(tmp_path) == set()


def test_sigterm_in_process_becomes_exit_143_after_cleanup(tmp_path, monkeypatch):
    """SIGTERM delivered inside a write: SystemExit(143), old file intact, no temp file, handler restored."""
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        pytest.skip("the test runner has its own SIGTERM handler; the writer leaves such a handler alone")
    target = tmp_path / "out.txt"
    target.write_text("old content")
    real_fsync = os.fsync

    def fsync_then_sigterm(fd):
        real_fsync(fd)
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:  # never kill the test run itself
            raise AssertionError("the writer did not install its SIGTERM handler")
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0)  # the Python-level handler runs at the latest on the next bytecode

    monkeypatch.setattr(os, "fsync", fsync_then_sigterm)
    with pytest.raises(SystemExit) as info:
        atomic_write_text(target, "new content")
    monkeypatch.undo()
    assert info.value.code == SIGTERM_STATUS == 143
    assert target.read_text() == "old content"
    assert _names(tmp_path) == {"out.txt"}
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_programs_own_sigterm_handler_is_kept(tmp_path):
    seen: list[int] = []

    def mine(signum, frame):
        seen.append(signum)

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        atomic_write_text(tmp_path / "a.txt", "a")
        assert signal.getsignal(signal.SIGTERM) is mine
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0)
        assert seen == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert (tmp_path / "a.txt").read_text() == "a"


# --- SIGTERM to a real process -------------------------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys
    from games._io import atomic_write_bytes

    target, size = sys.argv[1], int(sys.argv[2])
    payloads = [bytes([65 + g]) * size for g in range(8)]   # generation g: `size` bytes of one letter
    atomic_write_bytes(target, b"old")
    print("ready", flush=True)
    g = 0
    while True:                                             # nearly all of the time is spent inside the writer
        atomic_write_bytes(target, payloads[g % 8])
        g += 1
    """
)

#: Fixed delays (seconds after the child's first write) at which SIGTERM is sent.
SIGTERM_DELAYS = (0.0, 0.002, 0.005, 0.01, 0.02, 0.04, 0.07, 0.1)
CHILD_SIZE = 4 * 1024 * 1024


def test_sigterm_during_writes_of_a_child_process(tmp_path):
    """SIGTERM at fixed delays: the child exits 143 (or, between two writes, dies by the signal) and the
    target is always "old" or one complete payload, with no temp file."""
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    statuses = []
    for i, delay in enumerate(SIGTERM_DELAYS):
        folder = tmp_path / f"run{i}"
        folder.mkdir()
        target = folder / "big.bin"
        child = subprocess.Popen([sys.executable, str(script), str(target), str(CHILD_SIZE)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        try:
            assert child.stdout is not None
            assert child.stdout.readline() == b"ready\n"
            time.sleep(delay)
            child.send_signal(signal.SIGTERM)
            _, err = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        statuses.append(child.returncode)
        assert child.returncode in (SIGTERM_STATUS, -signal.SIGTERM), err.decode()
        assert b"Traceback" not in err, err.decode()
        data = target.read_bytes()
        assert data == b"old" or (len(data) == CHILD_SIZE and data == data[:1] * CHILD_SIZE), len(data)
        assert _names(folder) == {"big.bin"}
    # the writer's handler, not the default action, ended (nearly) every run
    assert statuses.count(SIGTERM_STATUS) >= len(SIGTERM_DELAYS) // 2, statuses


# --- a full disk ---------------------------------------------------------------------------------------------------


@pytest.fixture
def small_tmpfs(tmp_path):
    """A 64 KiB tmpfs mounted in tmp_path (Linux, root); unmounted afterwards."""
    if not ON_LINUX_AS_ROOT:
        pytest.skip("mounting a small tmpfs needs root on Linux (CI runs as root, so this runs there)")
    mnt = tmp_path / "small"
    mnt.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {p.stderr.strip() or p.returncode}")
    try:
        yield mnt
    finally:
        if subprocess.run(["umount", str(mnt)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _fill(folder: Path) -> None:
    """Fill the file system to the last byte."""
    with open(folder / "filler", "wb", buffering=0) as fh:
        with pytest.raises(OSError) as info:
            while True:
                fh.write(b"\0" * 4096)
        assert info.value.errno == errno.ENOSPC


def test_disk_full_raises_one_line_and_keeps_the_old_file(small_tmpfs):
    target = small_tmpfs / "data.bin"
    atomic_write_bytes(target, b"small old file")
    with pytest.raises(OutputError) as info:
        atomic_write_bytes(target, b"y" * 200_000)  # three times the file system
    msg = str(info.value)
    assert "\n" not in msg and repr(str(target)) in msg and "No space left on device" in msg
    assert target.read_bytes() == b"small old file"
    assert _names(small_tmpfs) == {"data.bin"}


def test_cli_graph_on_a_full_disk(small_tmpfs, cli):
    _fill(small_tmpfs)
    r = cli("graph", "great_power_race", "--out", str(small_tmpfs / "g.png"))
    assert r.code == 2 and r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0] and "g.png" in lines[0], r.err
    assert _names(small_tmpfs) == {"filler"}


def test_cli_report_on_a_full_disk_leaves_no_partial_report(small_tmpfs, cli):
    _fill(small_tmpfs)
    r = cli("report", "--out", str(small_tmpfs / "rep"), "--no-pdf", "--quiet")
    assert r.code == 2 and r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0], r.err
    assert _names(small_tmpfs) == {"filler"}  # not even the folder it created


# --- symlinks: the link is replaced, never written through --------------------------------------------------------


def test_writer_replaces_a_symlink_and_leaves_its_target(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("victim")
    link = tmp_path / "link.txt"
    link.symlink_to(victim)
    atomic_write_text(link, "new")
    assert not link.is_symlink() and link.read_text() == "new"
    assert victim.read_text() == "victim"


def test_writer_replaces_a_dangling_symlink_and_creates_nothing_where_it_pointed(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere" / "x.txt")
    atomic_write_text(link, "new")
    assert not link.is_symlink() and link.read_text() == "new"
    assert _names(tmp_path) == {"link.txt"}


def test_cli_out_replaces_a_symlink(tmp_path, cli):
    victim = tmp_path / "victim.tex"
    victim.write_text("victim")
    link = tmp_path / "g.tex"
    link.symlink_to(victim)
    r = cli("graph", "great_power_race", "--out", str(link))
    assert r.code == 0, r.err
    assert not link.is_symlink() and r"\begin{tikzpicture}" in link.read_text()
    assert victim.read_text() == "victim"


def test_cli_out_replaces_a_dangling_symlink(tmp_path, cli):
    link = tmp_path / "s.csv"
    link.symlink_to(tmp_path / "elsewhere.csv")
    r = cli("sweep", "great_power_race", "--samples", "20", "--seed", "1", "--quiet", "--out", str(link))
    assert r.code == 0, r.err
    assert not link.is_symlink() and link.read_text().count("\n") == 21  # a header and 20 points
    assert _names(tmp_path) == {"s.csv"}


# --- modes follow the umask --------------------------------------------------------------------------------------


@contextlib.contextmanager
def _umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_follow_the_umask(tmp_path, mask, mode):
    old = tmp_path / "existing.txt"
    old.write_text("x")
    old.chmod(0o640)  # the mode of a replaced file is not kept: the umask decides
    with _umask(mask):
        atomic_write_text(tmp_path / "new.txt", "new")
        atomic_write_text(old, "replaced")
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == mode
    assert old.stat().st_mode & 0o777 == mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_cli_outputs_follow_the_umask(tmp_path, cli):
    with _umask(0o022):
        assert cli("graph", "great_power_race", "--out", str(tmp_path / "g.png")).code == 0
        assert cli("sweep", "great_power_race", "--samples", "10", "--quiet",
                   "--out", str(tmp_path / "s.npz")).code == 0
    assert (tmp_path / "g.png").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "s.npz").stat().st_mode & 0o777 == 0o644


def test_cli_sweep_out_on_a_full_disk_keeps_the_old_file(small_tmpfs, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGNGAMES_CACHE_DIR", str(tmp_path / "cache"))
    out = small_tmpfs / "s.csv"
    out.write_text("old\n")
    _fill(small_tmpfs)
    r = cli("sweep", "great_power_race", "--samples", "2000", "--seed", "1", "--quiet", "--out", str(out))
    assert r.code == 2 and r.out == ""
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0] and "s.csv" in lines[0], r.err
    assert out.read_text() == "old\n" and _names(small_tmpfs) == {"filler", "s.csv"}


def test_to_toml_on_a_full_disk_keeps_the_old_file(small_tmpfs):
    import games

    path = small_tmpfs / "p.toml"
    path.write_text("vsl = 1\n")
    _fill(small_tmpfs)
    with pytest.raises(OutputError, match="No space left on device"):
        games.essay.parameters().to_toml(path)
    assert path.read_text() == "vsl = 1\n" and _names(small_tmpfs) == {"filler", "p.toml"}


def test_a_full_cache_disk_costs_the_cache_not_the_sweep(small_tmpfs, cli, monkeypatch):
    # the cache is an optimisation: a full disk there must not fail the sweep, nor leave a partial file
    monkeypatch.setenv("ALIGNGAMES_CACHE_DIR", str(small_tmpfs / "cache"))
    (small_tmpfs / "cache").mkdir()
    _fill(small_tmpfs)
    r = cli("sweep", "great_power_race", "--samples", "2000", "--seed", "1", "--quiet")
    monkeypatch.setenv("ALIGNGAMES_NO_CACHE", "1")
    fresh = cli("sweep", "great_power_race", "--samples", "2000", "--seed", "1", "--quiet")
    assert r.code == 0 and fresh.code == 0 and r.out == fresh.out
    assert list((small_tmpfs / "cache").iterdir()) == []


@pytest.mark.parametrize(("sig", "code", "word"), [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")])
def test_the_command_line_ends_on_a_signal_in_one_line_and_leaves_no_temp_file(tmp_path, sig, code, word):
    # a report takes seconds: signal it at fixed points of its run; whatever it was doing, it ends with the
    # conventional status, one line and no traceback, and no temporary file is left in its folder.  The child
    # says "ready" once the package is imported, so the signal never lands in Python's own start-up.
    child = ("import sys; import solvers.cli.app as app; sys.stderr.write('ready\\n'); sys.stderr.flush(); "
             "sys.exit(app.main(sys.argv[1:]))")
    for delay in (0.2, 1.0, 2.5):
        out = tmp_path / f"rep{delay}"
        p = subprocess.Popen([sys.executable, "-c", child, "report", "--out", str(out), "--no-pdf", "--quiet"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert p.stderr is not None and p.stderr.readline() == "ready\n"
        time.sleep(delay)
        if p.poll() is not None:  # finished before the signal: nothing to check at this delay
            p.communicate()
            continue
        os.kill(p.pid, sig)
        _, err = p.communicate(timeout=120)
        assert p.returncode == code and err == f"aligngames: {word}\n", (p.returncode, err)
        assert [q.name for q in tmp_path.rglob("*.tmp")] == []
