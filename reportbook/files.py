"""Project files: YAML read with located errors, and every write atomic.

- ``read_yaml(path)``: parsed with libyaml when PyYAML has it (several times faster, which
  matters in every chapter's kernel); a syntax error names ``file:line:column`` and says what
  to do, never a parser traceback; a missing or empty file says how to restore it.
- ``atomic_write(path, data)``: a temporary file beside the target, flushed and fsynced, then
  renamed over it. A kill at any moment leaves the old file or the new one, never half of
  one; a full disk or a read-only folder is reported as such and the old file is untouched.
- ``clean_stale(folder)``: temporary files left by a killed writer are removed by the next
  command (they are never read).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import yaml

from reportbook.errors import RegistryError

TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"


def _rel(path: Path) -> str:
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return "/".join(p.parts[-3:]) if len(p.parts) > 3 else str(p)


def parse_yaml(text: str, name: str = "<text>"):
    """YAML text, safely; a syntax error raises RegistryError naming ``name:line:column``."""

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RegistryError(
            f"{where}: not valid YAML ({problem}); fix the syntax there "
            f"(or restore the file from git: git checkout -- {name.split(':')[0]})"
        ) from None


def read_yaml(path: Path, *, required: bool = True):
    """A project YAML file. Missing or empty: RegistryError saying how to restore it (or
    None when ``required`` is false and the file does not exist)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if not required:
            return None
        raise RegistryError(
            f"{_rel(path)}: missing; restore it from git (git checkout -- {_rel(path)})"
        ) from None
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{_rel(path)}: not UTF-8 text ({exc.reason}); restore it") from None
    except OSError as exc:
        raise RegistryError(f"{_rel(path)}: cannot be read ({exc.strerror})") from None
    data = parse_yaml(text, _rel(path))
    if data is None and required:
        raise RegistryError(
            f"{_rel(path)}: empty (a killed write or a bad edit?); restore it from git "
            f"(git checkout -- {_rel(path)})"
        )
    return data


def atomic_write(path: Path, data: bytes | str, mode: int | None = None) -> None:
    """Write ``path`` all at once: temporary file, fsync, rename. ``mode`` defaults to the
    existing file's (0o644 for a new one)."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if mode is None:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{TEMP_PREFIX}{path.name}.",
                                   suffix=TEMP_SUFFIX)  # fmt: skip
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from None
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class WriteError(RegistryError):
    """A project file could not be written (disk full, read-only); the old one is intact."""


WRITE_PROBLEMS = {
    errno.ENOSPC: "no space left on the device; free some space and run the command again",
    errno.EDQUOT: "disk quota exceeded; free some space and run the command again",
    errno.EROFS: "the file system is read-only; make it writable or work in a copy",
    errno.EACCES: "permission denied; make the folder writable or work in a copy",
    errno.EPERM: "permission denied; make the folder writable or work in a copy",
}


def _write_error(path: Path, exc: OSError) -> WriteError:
    why = WRITE_PROBLEMS.get(exc.errno, exc.strerror or str(exc))
    return WriteError(f"{_rel(path)}: cannot write ({why}); the previous file is unchanged")


def os_error_message(exc: OSError) -> str | None:
    """What to tell a reader about a disk-full, read-only or permission error (any file:
    the build's staging folder, its log, a cache), or None for any other OSError."""
    why = WRITE_PROBLEMS.get(exc.errno)
    if why is None:
        return None
    where = exc.filename or exc.filename2
    return (f"{_rel(Path(where))}: " if where else "") + (
        f"cannot write ({why}); the data and the published book are unchanged"
    )


def clean_stale(folder: Path) -> list[Path]:
    """Remove temporary files a killed writer left in ``folder``; return what was removed."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    gone = []
    for p in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        try:
            p.unlink()
            gone.append(p)
        except OSError:
            pass
    return gone
