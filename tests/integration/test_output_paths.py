"""``--out`` is checked before any work: a bad path exits 2 with one line, and nothing is computed or written."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

import pytest

from games._io import check_output, check_output_folder
from games.errors import OutputError


def _one_line(r) -> str:
    assert r.code == 2 and r.out == "", (r.code, r.out, r.err)
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.err, r.err
    return lines[0]


def _files(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh sweep cache folder for the CLI (and its subprocesses)."""
    d = tmp_path / "cache"
    d.mkdir()
    monkeypatch.setenv("ALIGNGAMES_CACHE_DIR", str(d))
    return d


def test_sweep_missing_folder_fails_before_any_work(tmp_path, cache, cli_subprocess):
    # the premise: a sweep that runs does write its template into this cache folder
    ok = cli_subprocess("sweep", "great_power_race", "--samples", "10", "--quiet",
                        "--out", str(tmp_path / "ok.npz"))
    assert ok.code == 0, ok.err
    assert _files(cache) != []
    for f in cache.rglob("*"):
        if f.is_file():
            f.unlink()
    # 5 million samples (14 s of work before the check came first) and a folder that does not exist
    r = cli_subprocess("sweep", "great_power_race", "--samples", "5000000", "--out", "missing/s.npz", cwd=str(tmp_path))
    line = _one_line(r)
    assert "'missing/s.npz'" in line and "does not exist" in line
    assert _files(cache) == []  # no template built or cached: nothing ran
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    "args, allowed",
    [
        (("sweep", "great_power_race", "--samples", "10", "--quiet"), "(allowed: .npz, .csv, .parquet)"),
        (("graph", "great_power_race"), "(allowed: .png, .pdf, .svg, .tex, .graphml)"),
    ],
    ids=["sweep", "graph"],
)
def test_unknown_suffix_names_the_allowed_ones(tmp_path, cache, cli, args, allowed):
    r = cli(*args, "--out", str(tmp_path / "result.txt"))
    line = _one_line(r)
    assert "unknown suffix '.txt'" in line and allowed in line
    assert _files(tmp_path) == []  # not even the sweep cache


@pytest.mark.parametrize("command", ["sweep", "graph"])
@pytest.mark.parametrize("spelling", ["same", "dotted", "hardlink"])
def test_out_equal_to_params_is_refused_and_params_unchanged(tmp_path, cache, cli, command, spelling):
    params = tmp_path / "p.tex"  # a suffix both commands write, so only the identity check can refuse it
    params.write_bytes(b"capabilities_edge = 1.5e12\n")
    before = params.read_bytes()
    (tmp_path / "sub").mkdir()
    out = {"same": str(params), "dotted": str(tmp_path / "sub" / ".." / "p.tex")}.get(spelling)
    if spelling == "hardlink":
        os.link(params, tmp_path / "sub" / "q.tex")
        out = str(tmp_path / "sub" / "q.tex")
    extra = ("--samples", "10", "--quiet") if command == "sweep" else ()
    r = cli(command, "great_power_race", *extra, "--params", str(params), "--out", out)
    line = _one_line(r)
    assert "input file" in line and repr(out) in line
    assert params.read_bytes() == before
    assert _files(cache) == []


def test_report_into_a_path_under_a_regular_file(tmp_path, cli):
    f = tmp_path / "file"
    f.write_bytes(b"keep")
    line = _one_line(cli("report", "--no-pdf", "--quiet", "--out", str(f / "rep")))
    assert repr(str(f / "rep")) in line and "is not a folder" in line
    assert f.read_bytes() == b"keep" and _files(tmp_path) == ["file"]


def test_report_into_a_missing_parent(tmp_path, cli):
    line = _one_line(cli("report", "--no-pdf", "--quiet", "--out", str(tmp_path / "missing" / "rep")))
    assert "does not exist" in line and repr(str(tmp_path / "missing")) in line
    assert list(tmp_path.iterdir()) == []


def test_report_figures_path_taken_by_a_file(tmp_path, cli):
    (tmp_path / "rep").mkdir()
    (tmp_path / "rep" / "figures").write_bytes(b"keep")
    line = _one_line(cli("report", "--no-pdf", "--quiet", "--out", str(tmp_path / "rep")))
    assert "figures" in line and "not a folder" in line
    assert _files(tmp_path) == ["rep/figures"] and (tmp_path / "rep" / "figures").read_bytes() == b"keep"


@contextlib.contextmanager
def _read_only_folder(tmp_path):
    """A folder nobody may write into: 0555 for a normal user; for root (who may write there anyway), a
    read-only tmpfs, where even root's writes fail (EROFS)."""
    ro = tmp_path / "ro"
    ro.mkdir()
    if os.geteuid() != 0:
        ro.chmod(0o555)
        try:
            yield ro
        finally:
            ro.chmod(0o755)
        return
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=16k", "tmpfs", str(ro)], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs here: {p.stderr.strip() or p.returncode}")
    try:
        yield ro
    finally:
        subprocess.run(["umount", str(ro)], capture_output=True)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_report_into_a_read_only_folder(tmp_path, cli):
    with _read_only_folder(tmp_path) as ro:
        line = _one_line(cli("report", "--no-pdf", "--quiet", "--out", str(ro / "rep")))
        assert "not writable" in line
        assert list(ro.iterdir()) == []


def test_graph_into_a_missing_folder(tmp_path, cli):
    line = _one_line(cli("graph", "great_power_race", "--out", str(tmp_path / "missing" / "g.png")))
    assert "does not exist" in line and repr(str(tmp_path / "missing" / "g.png")) in line
    assert list(tmp_path.iterdir()) == []


def test_out_that_is_a_folder(tmp_path, cli):
    (tmp_path / "g.png").mkdir()
    line = _one_line(cli("graph", "great_power_race", "--out", str(tmp_path / "g.png")))
    assert "it is a folder" in line
    assert list((tmp_path / "g.png").iterdir()) == []


def test_check_output_messages(tmp_path):
    f = tmp_path / "f.txt"
    f.write_text("x")
    cases = [
        (lambda: check_output(tmp_path / "a.jpg", suffixes=(".png", ".svg")),
         f"cannot write {str(tmp_path / 'a.jpg')!r}: unknown suffix '.jpg' (allowed: .png, .svg)"),
        (lambda: check_output(tmp_path / "a", suffixes=(".png",)),
         f"cannot write {str(tmp_path / 'a')!r}: unknown suffix '(none)' (allowed: .png)"),
        (lambda: check_output(f / "a.png"), f"cannot write {str(f / 'a.png')!r}: {str(f)!r} is not a folder"),
        (lambda: check_output(tmp_path), f"cannot write {str(tmp_path)!r}: it is a folder, give a file path"),
        (lambda: check_output(f, inputs=[None, f]),
         f"cannot write {str(f)!r}: it is the input file {str(f)!r} (give another output path)"),
        (lambda: check_output_folder(f), f"cannot write into {str(f)!r}: it exists and is not a folder (give a folder)"),
    ]
    for call, message in cases:
        with pytest.raises(OutputError) as info:
            call()
        assert str(info.value) == message
    # allowed: a new file in a writable folder; a symlink to an input is refused (it resolves to the input)
    assert check_output(tmp_path / "new.png", suffixes=(".png",)) == tmp_path / "new.png"
    if sys.platform != "win32":
        (tmp_path / "ln.txt").symlink_to(f)
        with pytest.raises(OutputError, match="input file"):
            check_output(tmp_path / "ln.txt", inputs=[f])
    assert check_output_folder(tmp_path / "new-folder") == tmp_path / "new-folder"
    assert not (tmp_path / "new-folder").exists()  # a check creates nothing
