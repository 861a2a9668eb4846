"""The one atomic writer: every output file of the package is written here.

:func:`atomic_write_bytes` (and :func:`atomic_write_text`) write to a
temporary file beside the target, ``.NAME.<random>.tmp``, and rename it over
the target.  What they promise:

* **Old or new, never partial.**  At every moment the target holds either its
  previous content (or does not exist) or the complete new content.  The data
  is flushed to disk (``fsync``) before the rename (``os.replace``), and the
  folder is synced after it where the platform allows (POSIX), so the promise
  also holds across a power loss.
* **No temporary file left behind.**  On any exception -- an ``OSError``,
  ``KeyboardInterrupt``, anything raised from the data producer's side -- the
  temporary file is removed before the exception propagates.  The temporary
  file's name is chosen before it is created, inside the guarded region, so an
  interrupt arriving just after its creation still finds it.
* **SIGTERM.**  While a write runs in the main thread and SIGTERM has its
  default disposition (kill the process), a temporary handler turns SIGTERM
  into ``SystemExit(143)`` (128 + SIGTERM, what a shell reports for a process
  killed by it): the temporary file is removed, the previous handler is
  restored, and the exit propagates, so ``finally`` blocks run and the process
  ends with status 143 unless the program catches it.  A SIGTERM handler or
  ``SIG_IGN`` installed by the program is left alone (an exception its handler
  raises is cleaned up like any other).  Python lets only the main thread set
  handlers: a SIGTERM during a write in another thread kills the process as
  usual, which can leave a stale ``.NAME.*.tmp`` -- never a partial target.
* **Symlinks are replaced, never followed.**  If the target path is a symbolic
  link, the link itself is replaced by the new regular file; the file it
  pointed to is left unchanged.  A dangling link is replaced the same way and
  no file is created where it pointed.  (Links among the *folders* of the path
  are followed as usual.)
* **Modes follow the umask.**  The new file is created with mode
  ``0o666 & ~umask`` (the kernel applies the umask, and a folder's default
  ACL, exactly as for :func:`open`), whatever the mode of the file it
  replaces: 0644 under umask 022, 0600 under 077.
* **Errors.**  A missing folder, a folder as target, a full disk, no
  permission -- any ``OSError`` -- raises :class:`games.errors.OutputError`
  with one line naming the target (``repr``-quoted); the previous file is
  intact.

:func:`check_output` makes the checks a command can do *before* any work
(folder exists and is writable, target not a folder, allowed suffix, not one
of the input files), and :func:`check_output_folder` the same for an output
folder, so that bad paths fail at once rather than after the computation.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from games.errors import OutputError

__all__ = ["atomic_write_text", "atomic_write_bytes", "check_output", "check_output_folder", "SIGTERM_STATUS"]

#: Exit status of a process whose write was interrupted by SIGTERM (128 + 15).
SIGTERM_STATUS = 128 + int(getattr(signal, "SIGTERM", 15))

_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


class _Terminated(SystemExit):
    """SIGTERM arrived during a write (raised by the temporary handler)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated(SIGTERM_STATUS)


def _checkpoint() -> None:
    """A Python-level call: CPython runs pending signal handlers on entering it."""


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`_Terminated` (main thread, default disposition only)."""
    sigterm = getattr(signal, "SIGTERM", None)
    if sigterm is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.getsignal(sigterm)
    except (ValueError, OSError):  # pragma: no cover - no signal support
        yield
        return
    if previous is not signal.SIG_DFL:
        yield
        return
    signal.signal(sigterm, _on_sigterm)
    late: _Terminated | None = None
    try:
        yield
    finally:
        # A SIGTERM caught by the C handler whose Python handler has not run yet would be
        # dropped by the restore below: block it, let pending handlers run, then restore.
        can_block = hasattr(signal, "pthread_sigmask")
        if can_block:
            old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {sigterm})
        try:
            _checkpoint()
        except _Terminated as exc:
            late = exc
        signal.signal(sigterm, previous)
        if can_block:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)  # a SIGTERM pending now gets the old disposition
    if late is not None:
        raise late


def _message(target: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"cannot write {str(target)!r}: {reason}".replace("\n", " ")


def _folder_of(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _is_real_dir(path: Path) -> bool:
    """A folder, and not a symlink (a symlink is replaced, whatever it points to)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _sync_folder(folder: Path) -> None:
    """fsync the folder so the rename survives a crash; best effort (not on Windows, not every file system)."""
    flag = getattr(os, "O_DIRECTORY", None)
    if flag is None:  # pragma: no cover - Windows
        return
    try:
        dfd = os.open(folder, os.O_RDONLY | flag)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def _no_nul(path: str | os.PathLike[str]) -> None:
    """A path holding a NUL character cannot name a file: refuse it as bad output, not as an internal error."""
    if "\x00" in os.fspath(path):
        raise OutputError(f"cannot write {os.fspath(path)!r}: a file name cannot hold a NUL character")


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path (see the module docstring).

    Raises
    ------
    OutputError
        If the folder does not exist, is not writable, ``path`` is a folder,
        or the write fails (disk full, ...); the previous file is intact.
    """
    _no_nul(path)
    target = Path(path)
    folder = _folder_of(target)
    if _is_real_dir(target):
        raise OutputError(f"cannot write {str(target)!r}: it is a folder, give a file path")
    if not folder.is_dir():
        raise OutputError(f"cannot write {str(target)!r}: folder {str(folder)!r} does not exist")
    import secrets  # with hmac and hashlib: loaded when a file is first written, not at start-up (issue 17)

    with _sigterm_raises():
        tmp: Path | None = None
        fd = -1
        try:
            while True:
                tmp = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
                try:
                    fd = os.open(tmp, _OPEN_FLAGS, 0o666)  # the kernel applies the umask
                except FileExistsError:
                    continue  # a name taken by someone else: never ours to remove
                break
            _write_all(fd, data)
            os.fsync(fd)
            closing, fd = fd, -1  # never close twice: an interrupt between leaks the descriptor at worst
            os.close(closing)
            os.replace(tmp, target)
            tmp = None
            _sync_folder(folder)
        except BaseException as exc:
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            if isinstance(exc, OSError):
                raise OutputError(_message(target, exc)) from None
            raise
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically and return the path."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def _writable_folder(folder: Path, target: Path) -> None:
    if not folder.exists():
        raise OutputError(f"cannot write {str(target)!r}: folder {str(folder)!r} does not exist")
    if not folder.is_dir():
        raise OutputError(f"cannot write {str(target)!r}: {str(folder)!r} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {str(target)!r}: folder {str(folder)!r} is not writable")


def check_output(path: str | os.PathLike[str], *, suffixes: Iterable[str] | None = None,
                 inputs: Iterable[str | os.PathLike[str] | None] = ()) -> Path:
    """Check an output file path before any work is done; return it as a :class:`~pathlib.Path`.

    Parameters
    ----------
    path
        The file to be written.
    suffixes
        The allowed suffixes, e.g. ``(".npz", ".csv")`` (compared in lower case).
    inputs
        Files the command reads (``None`` entries are skipped); the output may
        not be one of them.

    Raises
    ------
    OutputError
        One line naming the path and what is allowed: the folder is missing,
        not a folder or not writable; the target is a folder; the suffix is not
        allowed; the target is an input file.

    Examples
    --------
    >>> check_output("out.txt", suffixes=(".npz", ".csv"))
    Traceback (most recent call last):
    ...
    games.errors.OutputError: cannot write 'out.txt': unknown suffix '.txt' (allowed: .npz, .csv)
    """
    _no_nul(path)
    target = Path(path)
    if _is_real_dir(target):
        raise OutputError(f"cannot write {str(target)!r}: it is a folder, give a file path")
    for source in inputs:
        if source is not None and _same_file(target, Path(source)):
            raise OutputError(f"cannot write {str(target)!r}: it is the input file {str(source)!r} "
                              "(give another output path)")
    if suffixes is not None:
        allowed = tuple(suffixes)
        suffix = target.suffix.lower()
        if suffix not in allowed:
            raise OutputError(f"cannot write {str(target)!r}: unknown suffix {suffix or '(none)'!r} "
                              f"(allowed: {', '.join(allowed)})")
    _writable_folder(_folder_of(target), target)
    return target


def check_output_folder(path: str | os.PathLike[str], *, subfolders: Iterable[str] = (),
                        inputs: Iterable[str | os.PathLike[str] | None] = ()) -> Path:
    """Check an output folder before any work: it is a writable folder, or can be created in its parent.

    ``subfolders`` (e.g. ``("figures",)``) are to be created inside it: each
    must be a folder if it already exists.  Nothing is created here.

    Raises
    ------
    OutputError
        One line naming the path: it exists and is not a folder; it is an
        input file; it or its parent (if it does not exist) is missing, not a
        folder or not writable.
    """
    _no_nul(path)
    folder = Path(path)
    for source in inputs:
        if source is not None and _same_file(folder, Path(source)):
            raise OutputError(f"cannot write into {str(folder)!r}: it is the input file {str(source)!r} "
                              "(give a folder)")
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write into {str(folder)!r}: it exists and is not a folder (give a folder)")
    if folder.is_dir():
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write into {str(folder)!r}: the folder is not writable")
        for name in subfolders:
            sub = folder / name
            if sub.exists() and not sub.is_dir():
                raise OutputError(f"cannot write into {str(folder)!r}: {str(sub)!r} exists and is not a folder")
            if sub.is_dir() and not os.access(sub, os.W_OK | os.X_OK):
                raise OutputError(f"cannot write into {str(folder)!r}: folder {str(sub)!r} is not writable")
        return folder
    parent = _folder_of(folder)
    if not parent.exists():
        raise OutputError(f"cannot create folder {str(folder)!r}: its parent {str(parent)!r} does not exist")
    if not parent.is_dir():
        raise OutputError(f"cannot create folder {str(folder)!r}: {str(parent)!r} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot create folder {str(folder)!r}: folder {str(parent)!r} is not writable")
    return folder
