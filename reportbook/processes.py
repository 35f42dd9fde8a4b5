"""Processes: one writer of a project at a time, and helpers that never outlive it.

- ``lock(paths, command)``: the project lock, held by every command that writes (``ingest``,
  ``extract``, ``run``, ``build``). A second one, while the first runs, stops at once with
  :class:`~reportbook.errors.BuildLocked` naming the command and process that holds it. The
  lock is an ``flock`` on ``.cache/reportbook/project.lock``: the kernel releases it when
  its holder dies, however it dies, so a killed build never leaves a stale lock. It is
  re-entrant within a process (``build --add`` ingests under the build's lock).
- ``die_with_parent(sig)``: a forked helper (a chapter worker, the Jupyter Book process)
  asks the kernel to send it ``sig`` when the process that started it dies, so nothing keeps
  executing chapters for a build that is gone (Linux; elsewhere the helpers' own polling of
  their parent is the fallback).
- ``housekeeping(paths)``: what every command does first: remove temporary files a killed
  writer left (when no writer is running) and say which raw files no registry entry names.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from reportbook import files
from reportbook.errors import BuildLocked, ReportbookError
from reportbook.paths import Paths
from reportbook.registry import Registry

PR_SET_PDEATHSIG = 1
_HELD: dict[str, list] = {}  # lock file -> [fd, depth, pid], for re-entry within a process


def _held_here(key: str) -> bool:
    # A forked helper inherits _HELD from the build: only the process that took it holds it.
    return key in _HELD and _HELD[key][2] == os.getpid()


def lock_file(paths: Paths) -> Path:
    return paths.cache / "project.lock"


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "another command"
    since = time.strftime("%H:%M:%S", time.localtime(info.get("since", 0)))
    return f"`{info.get('command', 'a command')}` (process {info.get('pid', '?')}, since {since})"


def _open(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


LOCK_TRIES, LOCK_WAIT = 4, 0.05  # a second command waits 0.15 s before it is refused


@contextlib.contextmanager
def lock(paths: Paths, command: str) -> Iterator[None]:
    """Hold the project lock for ``command``; BuildLocked if another process holds it."""
    path = lock_file(paths)
    key = str(path)
    if _held_here(key):
        _HELD[key][1] += 1
        try:
            yield
        finally:
            _HELD[key][1] -= 1
        return
    try:
        fd = _open(path)
    except OSError as exc:
        raise files.WriteError(
            f"{files._rel(path)}: cannot create the project lock ({exc.strerror}); make "
            ".cache writable or work in a copy"
        ) from None
    for attempt in range(LOCK_TRIES):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise
            if attempt < LOCK_TRIES - 1:
                time.sleep(LOCK_WAIT)  # a moment's holder (housekeeping) lets go soon
    else:
        os.close(fd)
        raise BuildLocked(
            f"{_holder(path)} is working on this project ({paths.root.name}); one command "
            f"that writes runs at a time. Wait for it to finish and run `{command}` again "
            "(the published book and the data are left as they were)."
        ) from None
    try:
        # Who holds it, for the message a second command prints; a failure to say so (a
        # full disk, Ctrl-C) must still release the lock, so it is inside the try.
        _HELD[key] = [fd, 1, os.getpid()]
        os.ftruncate(fd, 0)
        holder = {"command": command, "pid": os.getpid(), "since": time.time()}
        os.write(fd, json.dumps(holder).encode())
        yield
    finally:
        _HELD.pop(key, None)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # releases the lock (forked helpers that share it are gone by now)


def is_locked(paths: Paths) -> bool:
    """True when some process holds the project lock (this one included)."""
    path = lock_file(paths)
    if _held_here(str(path)):
        return True
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def die_with_parent(sig: int = signal.SIGTERM, parent: int | None = None) -> None:
    """Ask the kernel to send this process ``sig`` when its parent dies (Linux only). If
    the parent ``parent`` is already gone, act at once."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), sig)


# ------------------------------------------------------------------ housekeeping

DATA_FOLDERS = ("data", "data/sources", "data/editions", "data/schemas")


def housekeeping(paths: Paths, out=sys.stderr) -> list[str]:
    """Remove stale temporary files (when no writer runs) and report orphaned raw files;
    return the lines said."""
    said = []

    def clean() -> None:
        for rel in DATA_FOLDERS:
            for p in files.clean_stale(paths.root / rel):
                said.append(f"note: removed {files._rel(p)}, left by a write that was stopped")

    if _held_here(str(lock_file(paths))):
        clean()
    elif lock_file(paths).exists() or any((paths.root / rel).exists() for rel in DATA_FOLDERS):
        # Only under the lock: a writer starting now either waits for this (it is quick)
        # or holds the lock first, and then its temporary files are not stale.
        try:
            with lock(paths, "housekeeping"):
                clean()
        except BuildLocked:
            pass
        except files.WriteError:
            pass  # no writable .cache: nothing of ours to clean either
    said += orphans(paths)
    for line in said:
        print(line, file=out)
    return said


def orphans(paths: Paths) -> list[str]:
    """Raw files in data/sources/ that no entry of sources.yml names: an ingest stopped
    between copying the file and registering it."""
    folder = paths.sources_dir
    if not folder.is_dir():
        return []
    try:
        named = {e.get("file") for e in Registry.of(paths).items("sources") if isinstance(e, dict)}
    except ReportbookError:
        return []  # the command itself will say what is wrong with the registry
    out = []
    for p in sorted(folder.iterdir()):
        if p.is_file() and not p.name.startswith(".") and p.name != paths.sources_yml.name:
            if p.name not in named:
                out.append(
                    f"warning: data/sources/{p.name} is named by no entry of sources.yml (an "
                    "ingest stopped before registering it?): ingest the document again (the "
                    f"same command finishes the job), or remove it (rm data/sources/{p.name})"
                )
    return out
