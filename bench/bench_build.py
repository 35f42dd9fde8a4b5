"""Build time: plain ``jupyter-book build`` against our cached, parallel build, same chapters.

Each run works in throwaway copies of the project (never the checkout) and times, as a user
would see them from the command line:

  a  plain   ``jupyter-book build`` of the staged book with the *unexecuted* chapters and
             ``execute_notebooks: force`` (Jupyter Book runs every notebook, one at a time);
             staging the tree is done beforehand and not timed
  b  clean   ``python -m reportbook build`` in a copy with no ``.cache`` and no ``_build``
  c  no-op   the same command again at once (must execute 0 chapters)
  d  figure  the same command after changing one figure (1713.75 -> 1713.85 万千瓦, the
             power capacity in the energy chapter); only energy and overview should run

and prints the medians, the ratios b/a, c/a, d/a and each against its target. Targets are
reported, not asserted: the exit status is nonzero only when a build fails.

    python bench/bench_build.py [--runs 3] [--quick] [--change correction|source]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", "_build", ".cache", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "docs"
)
# The figure changed for (d): in the raw source, its ledger row and its sentence.
SOURCE_ID = "xinzhou-2023-seven-levels"
OLD_VALUE = "1713.75"
NEW_VALUES = ("1713.85", "1713.95")  # alternated between runs, so each run is a real change
EXPECTED_D = {"energy", "overview"}  # the energy theme's chapter and the one reading all rows
TARGETS = {"b": 0.60, "c": 0.15, "d": 0.35}
SUMMARY = re.compile(r"chapters: (\d+) executed, (\d+) cached")
# Flags for the plain build. Ours uses -W -n --keep-going; plain Jupyter Book executing the
# notebooks itself passes them too on this book, so both builds are held to the same checks.
PLAIN_FLAGS = ["-W", "-n", "--keep-going"]

# Run inside a copy (cwd = the copy, so the copy's own ``reportbook`` is imported): stage the
# book exactly as ``build`` does, but from the chapters as assembled and not executed.
STAGE_SCRIPT = """
import sys
from pathlib import Path
import nbformat
from reportbook import build, chapters, edition, run
from reportbook.paths import Paths
p = Paths(Path(sys.argv[1]))
out = p.root / ".cache" / "plain"
out.mkdir(parents=True, exist_ok=True)
chs = run.chapters(p)
inputs = chapters.data_inputs(p, {c.theme for c in chs})
nbs = {}
for c in chs:
    nb = chapters.assemble(c, *chapters.facts(inputs[c.theme]))
    nbs[c.name] = out / f"{c.name}.ipynb"
    nbformat.write(nb, nbs[c.name])
print(build.stage(p, nbs, edition.current(p)))
"""


CPU: list[float] = []  # CPU seconds (user + system) of every timed command and its children


class BenchError(RuntimeError):
    pass


def copy_project(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=COPY_IGNORE, symlinks=True)
    return dest


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "TZ": "UTC", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("REPORTBOOK_ROOT", None)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
    return wall, proc


def fail(what: str, proc: subprocess.CompletedProcess) -> BenchError:
    tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
    return BenchError(f"{what} failed (exit {proc.returncode}):\n{tail}")


def executed_files(copy: Path) -> set[str]:
    d = copy / ".cache" / "reportbook" / "executed"
    if not d.is_dir():
        return set()
    return {
        f.name
        for f in d.glob("*.ipynb")
        if not f.name.endswith((".running.ipynb", ".source.ipynb"))
    }


def ours(copy: Path) -> tuple[float, int, set[str]]:
    """Time ``python -m reportbook build`` in ``copy``: (seconds, executed, chapters run)."""
    before = executed_files(copy)
    cmd = [sys.executable, "-m", "reportbook", "--root", str(copy), "build"]
    seconds, proc = timed(cmd, copy)
    if proc.returncode != 0:
        raise fail(f"reportbook build in {copy.name}", proc)
    if not (copy / "_build" / "html" / "index.html").exists():
        raise BenchError(f"reportbook build in {copy.name} left no _build/html/index.html")
    m = SUMMARY.search(proc.stderr)
    if not m:
        raise BenchError("no 'chapters: N executed, M cached' line in the build's output")
    # New cache entries name the chapters that ran (the summary only counts them off a TTY).
    ran = {f.rsplit("-", 1)[0] for f in executed_files(copy) - before}
    return seconds, int(m[1]), ran


def prepare_plain(template: Path, work: Path) -> Path:
    """A staged book with unexecuted chapters, set to execute them all; return its src."""
    copy = copy_project(template, work / "plain-project")
    proc = subprocess.run(
        [sys.executable, "-c", STAGE_SCRIPT, str(copy)],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise fail("staging the plain book", proc)
    staged = Path(proc.stdout.strip().splitlines()[-1])
    src = work / "plain-src"
    shutil.move(str(staged), src)
    cfg = src / "_config.yml"
    text = cfg.read_text(encoding="utf-8")
    new, n = re.subn(
        r"(?m)^(\s*execute_notebooks:\s*).*$", r'\1"force"', text
    )  # only this key changes; everything else stays as our build stages it
    if n != 1:
        raise BenchError("the staged _config.yml has no single execute_notebooks line")
    cfg.write_text(new, encoding="utf-8")
    # The chapters' default parameter data_dir = "../data" is relative to src/book.
    shutil.copytree(copy / "data", src / "data")
    shutil.rmtree(copy)
    return src


def plain(src: Path, out: Path) -> float:
    if out.exists():
        shutil.rmtree(out)
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe), "build", str(src), "--path-output", str(out), *PLAIN_FLAGS]
    seconds, proc = timed(cmd, src)
    if proc.returncode != 0:
        raise fail("plain jupyter-book build", proc)
    if not (out / "_build" / "html" / "index.html").exists():
        raise BenchError("plain jupyter-book build left no html/index.html")
    if "Executing notebook" not in proc.stdout + proc.stderr:
        raise BenchError("plain jupyter-book build executed no notebook (config not applied?)")
    shutil.rmtree(out)
    return seconds


def change_figure(copy: Path, new: str, how: str) -> None:
    """Change the figure in ``copy`` so that re-extraction yields the new value."""
    sources_dir = copy / "data" / "sources"
    raw_path = sources_dir / f"{SOURCE_ID}.txt"
    if how == "source":
        # Edit the raw file (allowed only in a throwaway copy) and its registry hash.
        raw = raw_path.read_bytes()
        if raw.count(OLD_VALUE.encode()) != 1:
            raise BenchError(f"{raw_path.name}: expected {OLD_VALUE} exactly once")
        old_sha = hashlib.sha256(raw).hexdigest()
        raw = raw.replace(OLD_VALUE.encode(), new.encode())
        raw_path.write_bytes(raw)
        reg = sources_dir / "sources.yml"
        text = reg.read_text(encoding="utf-8")
        if text.count(old_sha) != 1:
            raise BenchError(f"{reg.name}: expected the sha256 of {raw_path.name} once")
        reg.write_text(text.replace(old_sha, hashlib.sha256(raw).hexdigest()), encoding="utf-8")
        return
    # A reviewed correction: the project's own way to change what a source says.
    text = raw_path.read_bytes().decode("utf-8")
    start = text.find(OLD_VALUE)
    if start < 0 or text.count(OLD_VALUE) != 1:
        raise BenchError(f"{raw_path.name}: expected {OLD_VALUE} exactly once")
    corr = copy / "data" / "corrections.yml"
    body = corr.read_text(encoding="utf-8")
    body = body.rstrip("\n") + (
        f"\n  - source_id: {SOURCE_ID}\n"
        f'    damaged: "{OLD_VALUE}"\n'
        f"    raw_start: {start}\n"
        "    occurrence: 1\n"
        f'    replacement: "{new}"\n'
        "    reviewer: bench\n"
        "    date: 2024-01-01\n"
        "    reason: benchmark change of one figure\n"
    )
    corr.write_text(body, encoding="utf-8")


def chapter_names(template: Path) -> list[str]:
    return sorted(
        f.stem
        for f in (template / "book").glob("*.md")
        if "kernelspec:" in f.read_text(encoding="utf-8").split("\n---", 1)[0]
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="measurements of each case (median)")
    ap.add_argument("--quick", action="store_true", help="one run of each case")
    ap.add_argument(
        "--change",
        choices=("correction", "source"),
        default="correction",
        help="how (d) changes the figure: a reviewed correction in corrections.yml (default), "
        "or editing the raw source and its sha256 in sources.yml",
    )
    ap.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = ap.parse_args(argv)
    runs = 1 if args.quick else max(1, args.runs)

    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    times: dict[str, list[float]] = {"a": [], "b": [], "c": [], "d": []}
    cpu: dict[str, list[float]] = {"a": [], "b": [], "c": [], "d": []}
    noop_ok = d_ok = True
    try:
        template = copy_project(ROOT, work / "template")  # a snapshot: others may edit ROOT
        names = chapter_names(template)
        print(
            f"{len(names)} chapters, {os.cpu_count()} CPUs, {runs} run(s); "
            f"plain flags: {' '.join(PLAIN_FLAGS) or '(none)'}; figure change: {args.change}",
            flush=True,
        )
        src = prepare_plain(template, work)
        for i in range(runs):
            t = plain(src, work / "plain-out")
            times["a"].append(t)
            cpu["a"].append(CPU[-1])
            print(f"run {i + 1}: a plain  {t:7.1f}s", flush=True)

            copy = copy_project(template, work / f"run{i}")
            t, n, _ = ours(copy)
            times["b"].append(t)
            cpu["b"].append(CPU[-1])
            print(f"run {i + 1}: b clean  {t:7.1f}s  {n} executed", flush=True)

            t, n, ran = ours(copy)
            times["c"].append(t)
            cpu["c"].append(CPU[-1])
            noop_ok &= n == 0
            print(f"run {i + 1}: c no-op  {t:7.1f}s  {n} executed {sorted(ran)}", flush=True)

            change_figure(copy, NEW_VALUES[i % 2], args.change)
            t, n, ran = ours(copy)
            times["d"].append(t)
            cpu["d"].append(CPU[-1])
            d_ok &= ran == EXPECTED_D
            print(f"run {i + 1}: d figure {t:7.1f}s  {n} executed {sorted(ran)}", flush=True)
            if not args.keep:
                shutil.rmtree(copy)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"copies kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    med = {k: statistics.median(v) for k, v in times.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    labels = {
        "a": "plain jupyter-book, execute force",
        "b": "ours, clean build",
        "c": "ours, no-op rebuild",
        "d": "ours, one figure changed",
    }
    print(f"\nmedian of {runs} run(s), seconds: wall clock (CPU, all processes)")
    for k in "abcd":
        print(f"  {k}  {med[k]:7.1f}  ({med_cpu[k]:6.1f})  {labels[k]}")
    print("ratios against a, wall clock (the targets apply to these):")
    for k in "bcd":
        r = med[k] / med["a"]
        verdict = "PASS" if r <= TARGETS[k] else "MISS"
        print(f"  {k}/a  {r:5.2f}  target <= {TARGETS[k]:.2f}  {verdict}")
    print(f"  no-op executed 0 chapters: {'PASS' if noop_ok else 'MISS'}")
    print(
        f"  one figure re-executed only {', '.join(sorted(EXPECTED_D))}: "
        f"{'PASS' if d_ok else 'MISS'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
