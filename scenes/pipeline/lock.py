"""One writer per output folder at a time, and the checks that keep a render's failures
to one line: an ``--out`` that cannot be a folder, a full disk, debris of killed renders.

:func:`output_folder` is what every command that writes into ``DIR`` (``render``,
``slides``, ``gallery``) holds while it writes: an exclusive :func:`fcntl.flock` on
``DIR/.lock``. The kernel drops the lock when its process ends in any way (exit, crash,
``kill -9``), so a lock left by a dead process is never in the way; the file itself
only says who holds it (PID, command, since when) for the message of the process that
waits. Holding the lock, a command owns ``DIR/.tmp``: whatever is in it is scratch of
a render that did not end (killed, out of power), and is removed.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

LOCK_NAME = ".lock"
STAGING_NAME = ".tmp"

#: Free space a render needs before it starts, per quality (its scratch holds the
#: partial movies, the joined movie and the web-ready copy: about three times the
#: video, with room to spare; the 1080p60 gallery's largest clip is about 4 MB).
MIN_FREE_BYTES = {
    "low": 16 * 2**20,
    "medium": 32 * 2**20,
    "high": 64 * 2**20,
    "4k": 256 * 2**20,
}
#: A render stops with "no space left" when less than this is free while it encodes,
#: before the disk is full: an encoder that hits a full disk can crash the process.
ENCODE_RESERVE_BYTES = 4 * 2**20


class OutputError(Exception):
    """The output folder cannot be used (``str`` is the one-line reason). ``status`` is
    2 for bad input (an ``--out`` that names a file), 1 for the machine's state."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


class FolderBusy(OutputError):
    """Another process holds the folder and the caller asked not to wait."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=2)


def describe_os_error(err: OSError, path: Path | str | None = None) -> str:
    """``PATH: cause`` for one line: the path the error names (or ``path``) and the
    cause in words (``No space left on device``)."""
    where = err.filename if err.filename is not None else path
    cause = err.strerror or type(err).__name__
    return f"{where}: {cause}" if where is not None else cause


def prepare_folder(out_dir: Path) -> None:
    """Create ``out_dir`` (and its parents) or say in one line why it cannot be a folder."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(
            f"--out {out_dir} is a file; allowed: a folder (created if missing)", status=2
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(
            f"--out {out_dir}: a part of the path is a file; allowed: a folder", status=2
        ) from None
    except OSError as err:
        raise OutputError(f"cannot create {describe_os_error(err, out_dir)}") from None


def _holder(lock_file: Path) -> str:
    """Who holds the lock, as the lock file says: ``PID 123 (python -m scenes render
    ...) since 14:03:12``."""
    try:
        info = json.loads(lock_file.read_text(encoding="utf-8"))
        since = time.strftime("%H:%M:%S", time.localtime(float(info["since"])))
        return f"PID {int(info['pid'])} ({info['command']}) since {since}"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"


def remove_debris(out_dir: Path) -> int:
    """Remove ``out_dir/.tmp`` and everything in it (call with the folder's lock held:
    then nothing in it belongs to a live render). Returns how many entries it held."""
    staging = out_dir / STAGING_NAME
    try:
        entries = list(staging.iterdir())
    except OSError:
        return 0
    shutil.rmtree(staging, ignore_errors=True)
    return len(entries)


@contextlib.contextmanager
def output_folder(
    out_dir: Path | str,
    *,
    wait: bool = True,
    stream: TextIO = sys.stderr,
    poll_s: float = 0.2,
) -> Iterator[Path]:
    """Hold ``out_dir`` for writing: create it, take its lock (waiting, with one line on
    ``stream`` naming the holder, or raising :class:`FolderBusy` if not ``wait``) and
    remove the scratch of renders that did not end. The lock is released on exit."""
    folder = Path(out_dir)
    created = not folder.exists()
    prepare_folder(folder)
    lock_file = folder / LOCK_NAME
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise OutputError(f"cannot write {describe_os_error(err, lock_file)}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(lock_file)
            if not wait:
                raise FolderBusy(
                    f"{folder} is being written by {holder}; allowed: wait for it "
                    "(leave out --no-wait) or choose another --out"
                ) from None
            stream.write(f"waiting for {holder} to finish writing {folder}\n")
            stream.flush()
            while True:  # polled, so Ctrl-C and SIGTERM are handled at once
                time.sleep(poll_s)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    continue
        info = {"pid": os.getpid(), "command": " ".join(_command()), "since": time.time()}
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, (json.dumps(info) + "\n").encode(), 0)
        except OSError:
            pass  # a full disk: the lock holds all the same, only its note is missing
        remove_debris(folder)
        try:
            yield folder
        finally:
            remove_debris(folder)  # what interrupted or killed workers left
    finally:
        os.close(fd)  # releases the lock
        if created:  # nothing was written after all (bad input found late): no folder
            _remove_if_only_lock(folder)


def _remove_if_only_lock(folder: Path) -> None:
    try:
        if [p.name for p in folder.iterdir()] == [LOCK_NAME]:
            (folder / LOCK_NAME).unlink()
            folder.rmdir()
    except OSError:
        pass


def _command() -> list[str]:
    argv = list(sys.argv)
    if argv and argv[0].endswith("__main__.py"):
        argv[0] = "python -m scenes"
    return argv


def check_free_space(folder: Path, needed: int, what: str) -> None:
    """Raise ``OSError(ENOSPC)`` naming ``folder`` when less than ``needed`` bytes are
    free there (``what`` says what needs them)."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # cannot tell: the write itself will say
    if free < needed:
        raise OSError(
            errno.ENOSPC,
            f"No space left on device ({_mb(free)} free, {what} needs about {_mb(needed)})",
            str(folder),
        )


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB"
