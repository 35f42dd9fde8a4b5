"""Crashes and company: kill -9 at any moment leaves the data and the published book whole,
the next command succeeds, and two builds at once end with one book and one clear message.

The kills are real (SIGKILL to a command run as a process of its own). "At a point" is
made exact by a driver that wraps ``os.replace`` (the commit step of every atomic write)
and kills its own process just before or just after the Nth rename of a given file; "at
any moment" by killing at a few times while a command runs.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from reportbook import files, processes
from reportbook.errors import BuildLocked
from tests.conftest import copy_project

DOC = "忻州市2025年一季度经济运行\n2025年一季度，忻州市地区生产总值完成420.5亿元，同比增长5.3%。\n"

# Runs `python -m reportbook ARGS…` in this process, killing it (SIGKILL) at the Nth
# os.replace whose target ends with SUFFIX, just BEFORE or AFTER the rename.
DRIVER = """
import os, signal, sys
suffix, nth, when = sys.argv[1], int(sys.argv[2]), sys.argv[3]
real, seen = os.replace, [0]
def replace(src, dst, *a, **k):
    hit = str(dst).endswith(suffix)
    if hit:
        seen[0] += 1
    if hit and seen[0] == nth and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst, *a, **k)
    if hit and seen[0] == nth and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
from reportbook import cli
sys.exit(cli.main(sys.argv[4:]))
"""


def _cli(root: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reportbook", "--root", str(root), *args],
        capture_output=True, text=True, timeout=600, **kw,
    )  # fmt: skip


def _killed_at(root: Path, suffix: str, nth: int, when: str, *args: str) -> int:
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, suffix, str(nth), when, "--root", str(root), *args],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return proc.returncode


def _processes_with(marker: str, where: str = "cmdline") -> list[int]:
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            if marker in (d / where).read_bytes().decode(errors="replace"):
                found.append(int(d.name))
        except OSError:
            pass
    return found


def _wait_gone(root: Path, seconds: float = 30) -> list[int]:
    """Processes of this project (the command, its forks, the kernels they started)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = _processes_with(str(root)) + _processes_with(str(root), "environ")
        if not left:
            return []
        time.sleep(0.3)
    return left


def _consistent(p) -> None:
    """The data parse and check out, no temporary file is left by the next command, and the
    published book (if any) is a whole release."""
    reg = yaml.safe_load(p.sources_yml.read_text("utf-8"))
    assert isinstance(reg["sources"], list)
    index = p.editions / "index.yml"
    if index.exists():
        assert isinstance(yaml.safe_load(index.read_text("utf-8"))["editions"], list)
    r = _cli(p.root, "check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert not list(p.data.rglob(f"{files.TEMP_PREFIX}*{files.TEMP_SUFFIX}"))
    if p.html.exists() or p.html.is_symlink():
        assert p.html.is_symlink() and (p.html / "index.html").is_file()
        assert (p.html / "book" / "energy.html").is_file()


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project", writable_sources=True)


# ------------------------------------------------------------------ the lock, in process


def test_a_second_writer_is_refused_with_a_clear_message(project):
    with processes.lock(project, "reportbook build"):
        with processes.lock(project, "reportbook ingest"):  # re-entrant in one process
            pass
        code = (
            "import sys\nfrom reportbook import processes\nfrom reportbook.paths import Paths\n"
            "from pathlib import Path\n"
            "with processes.lock(Paths(Path(sys.argv[1])), 'reportbook build'): pass\n"
        )
        r = subprocess.run([sys.executable, "-c", code, str(project.root)],
                           capture_output=True, text=True)  # fmt: skip
        assert r.returncode != 0
        assert "BuildLocked" in r.stderr and "`reportbook build` (process" in r.stderr
        assert "one command that writes runs at a time" in r.stderr
    assert not processes.is_locked(project)
    with processes.lock(project, "reportbook build"):  # released: free again
        pass
    assert issubclass(BuildLocked, processes.ReportbookError)


def test_a_lock_whose_holder_note_cannot_be_written_is_released(project, monkeypatch):
    """A full disk while the lock says who holds it: the command fails, and the lock is not
    left held by a process that no longer uses it."""

    def full(fd, data):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(processes.os, "write", full)
        with pytest.raises(OSError), processes.lock(project, "reportbook build"):
            pass
    assert not processes.is_locked(project)
    with processes.lock(project, "reportbook build"):
        pass


def test_housekeeping_cleans_stale_files_only_under_the_lock(project):
    stale = project.root / "data" / ".figures.csv.tmp"
    stale.write_text("half a write")
    with processes.lock(project, "reportbook build"):  # a writer in this process: its own
        code = (
            "import sys\nfrom reportbook import processes\nfrom reportbook.paths import Paths\n"
            "from pathlib import Path\nprint(processes.housekeeping(Paths(Path(sys.argv[1]))))\n"
        )
        r = subprocess.run([sys.executable, "-c", code, str(project.root)],
                           capture_output=True, text=True, check=True)  # fmt: skip
        assert stale.exists(), r.stdout  # another process's writer: its files are left
    said = processes.housekeeping(project)
    assert not stale.exists() and any(".figures.csv.tmp" in line for line in said)


# ------------------------------------------------------------------ ingest


@pytest.mark.slow
@pytest.mark.parametrize(
    ("suffix", "nth", "when"),
    [
        (".txt", 1, "before"),  # the raw copy written, not yet renamed
        (".txt", 1, "after"),  # the raw copy in place, the registry not yet written
        ("sources.yml", 1, "before"),  # the new registry written, not yet renamed
        ("sources.yml", 1, "after"),  # done, the report not yet printed
    ],
    ids=["raw-before-rename", "raw-after-rename", "registry-before-rename", "registry-after"],
)
def test_a_killed_ingest_leaves_old_or_new_state(project, tmp_path, suffix, nth, when):
    doc = tmp_path / "press.txt"
    doc.write_text(DOC, "utf-8")
    before = project.sources_yml.read_bytes()
    args = ("ingest", str(doc), "--id", "killed-ingest", "--date", "2025-04", "--title", "一季度")
    assert _killed_at(project.root, suffix, nth, when, *args) == -signal.SIGKILL
    after = project.sources_yml.read_bytes()
    registered = after != before
    assert registered == (suffix == "sources.yml" and when == "after")
    raw = project.sources_dir / "killed-ingest.txt"
    r = _cli(project.root, "extract")  # the next command: cleans up, tells, and works
    assert r.returncode == 0, r.stdout + r.stderr
    if raw.exists() and not registered:
        assert "killed-ingest.txt is named by no entry of sources.yml" in r.stderr
        assert "ingest the document again" in r.stderr
    _consistent(project)
    again = _cli(project.root, *args)  # the same ingest, run again
    if registered:
        assert again.returncode == 2 and "already ingested as 'killed-ingest'" in again.stderr
    else:
        assert again.returncode == 0, again.stderr
    assert raw.read_bytes() == doc.read_bytes()
    r = _cli(project.root, "extract")
    assert r.returncode == 0 and "warning" not in r.stderr, r.stderr
    assert "killed-ingest" in r.stdout  # registered once, extracted


@pytest.mark.slow
def test_ingest_killed_at_any_moment_leaves_old_or_new_state(project, tmp_path):
    doc = tmp_path / "press.txt"
    doc.write_text(DOC, "utf-8")
    for n, delay in enumerate((0.2, 0.6, 1.0, 1.6)):
        sid = f"killed-{n}"
        before = project.sources_yml.read_bytes()
        proc = subprocess.Popen(
            [sys.executable, "-m", "reportbook", "--root", str(project.root), "ingest", str(doc),
             "--id", sid, "--date", "2025-04", "--title", "一季度"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        text = project.sources_yml.read_text("utf-8")
        assert text.encode() == before or f"id: {sid}" in text  # old registry or new
        r = _cli(project.root, "extract")  # the next command
        assert r.returncode == 0, r.stderr
        _consistent(project)
        if f"id: {sid}" in text:
            break  # ingested: the same bytes cannot be ingested twice
        doc.write_text(DOC + f"（第{n}次）\n", "utf-8")


# ------------------------------------------------------------------ build


def _change_value(p, old: str, new: str) -> None:
    entry = next(s for s in yaml.safe_load(p.sources_yml.read_text("utf-8"))["sources"]
                 if s["id"] == "xinzhou-2023-seven-levels")  # fmt: skip
    raw = p.sources_dir / entry["file"]
    data = raw.read_bytes()
    assert data.count(old.encode()) == 1
    raw.write_bytes(data.replace(old.encode(), new.encode()))
    sha = hashlib.sha256(raw.read_bytes()).hexdigest()
    p.sources_yml.write_text(p.sources_yml.read_text("utf-8").replace(entry["sha256"], sha))


def _published(p) -> dict[str, bytes]:
    html = p.html.resolve()
    return {f.relative_to(html).as_posix(): f.read_bytes() for f in html.rglob("*.html")}


def _build_until(p, ready, *args: str, after: float = 0.0, timeout: float = 300) -> None:
    """Start a build and SIGKILL it ``after`` seconds after ``ready()`` turned true."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportbook", "--root", str(p.root), "build", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + timeout
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(after)
    assert proc.poll() is None, "the build ended before the moment to kill it came"
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _after_a_killed_build(p, published_before: dict[str, bytes] | None) -> None:
    left = _wait_gone(p.root)
    assert left == [], f"processes of the killed build still run: {left}"
    executed = p.cache / "executed"
    assert not list(executed.glob("*.running.ipynb")), "a worker left an unfinished notebook"
    if published_before is not None:
        assert _published(p) == published_before  # the published book is untouched
    _consistent(p)


@pytest.mark.slow
def test_killed_builds_leave_data_and_book_whole_and_two_builds_make_one_book(project):
    p = project
    r = _cli(p.root, "build")
    assert r.returncode == 0, r.stderr
    first = _published(p)
    _change_value(p, "968.75万千瓦", "978.75万千瓦")

    # 1. while chapters execute (every chapter again: workers and kernels are busy)
    executed = p.cache / "executed"
    _build_until(p, lambda: any(executed.glob("*.source.ipynb")), "--force", after=3.0)
    _after_a_killed_build(p, first)

    # 2. while Jupyter Book builds the pages
    log = p.build / "stage" / "jupyter-book.log"
    _build_until(p, lambda: log.exists() and log.stat().st_size > 0)
    _after_a_killed_build(p, first)

    # 3. while the editions index is written (the book is published by then)
    index = p.editions / "index.yml"
    old_index = index.read_bytes()
    assert _killed_at(p.root, "editions/index.yml", 1, "before", "build") == -signal.SIGKILL
    assert index.read_bytes() == old_index  # the old index, whole
    assert _wait_gone(p.root) == []
    _consistent(p)
    assert "978.75万千瓦" in (p.html / "book" / "energy.html").read_text("utf-8")

    # The next build records the edition it finds published, once.
    r = _cli(p.root, "build")
    assert r.returncode == 0, r.stderr
    editions = yaml.safe_load(index.read_text("utf-8"))["editions"]
    assert (
        len(editions)
        == len({e["id"] for e in editions})
        == len(yaml.safe_load(old_index.decode())["editions"]) + 1
    )
    _consistent(p)

    # 4. just after the index is renamed: recorded, and the next build has nothing to do
    _change_value(p, "978.75万千瓦", "988.75万千瓦")
    assert _killed_at(p.root, "editions/index.yml", 1, "after", "build") == -signal.SIGKILL
    recorded = index.read_bytes()
    _consistent(p)
    r = _cli(p.root, "build")
    assert r.returncode == 0 and "already published and current" in r.stderr, r.stderr
    assert index.read_bytes() == recorded

    # 5. two builds started together: one builds, the other stops at once and says why
    _change_value(p, "988.75万千瓦", "998.75万千瓦")
    releases_before = {d.name for d in (p.build / "releases").iterdir() if d.is_dir()}
    cmd = [sys.executable, "-m", "reportbook", "--root", str(p.root), "build"]
    a = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    b = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = [(proc.wait(timeout=600), proc.stderr.read()) for proc in (a, b)]
    assert sorted(code for code, _ in out) == [0, 1], out
    refused = next(err for code, err in out if code == 1)
    assert refused.count("error:") == 1 and "Traceback" not in refused
    assert "`reportbook build` (process" in refused and "is working on this project" in refused
    _consistent(p)
    new = {d.name for d in (p.build / "releases").iterdir() if d.is_dir()} - releases_before
    assert len(new) == 1 and p.html.resolve().name in new  # one book, the one published
    assert "998.75万千瓦" in (p.html / "book" / "energy.html").read_text("utf-8")
    editions = yaml.safe_load(index.read_text("utf-8"))["editions"]
    assert len(editions) == len({e["id"] for e in editions})
