"""Build time of the two editions against the English edition alone, same data, same run.

Each run times, in throwaway copies of the project with no ``.cache`` and no ``_build`` (a
clean build, as a fresh clone makes it), as a user would see them from the command line:

  en    ``python -m reportbook build --english-only``: the English edition alone
  both  ``python -m reportbook build``: English at the root and Chinese under zh/

and prints the medians, the ratio both/en and what the second edition costs against the first,
(both − en) / en. The goal is below 0.5: the data, its checks, the kernels (one pool for both
editions' chapters) and the vega bundle are shared; the second edition adds its chapters'
execution and charts and a Sphinx build beside the first. Reported, not asserted: the exit
status is nonzero only when a build fails.

    python bench/bench_editions.py [--runs 3]
"""

from __future__ import annotations

import argparse
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
GOAL = 0.5  # the second edition costs less than half of the first


def build(template: Path, work: Path, *flags: str) -> float:
    """One clean build in a fresh copy; its wall-clock seconds."""
    copy = work / "project"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(template, copy, ignore=COPY_IGNORE, symlinks=True)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "reportbook", "build", *flags],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"build {' '.join(flags)} failed:\n{proc.stderr[-3000:]}")
    if not flags and not (copy / "_build" / "html" / "zh" / "book" / "energy.html").exists():
        raise SystemExit("the build made no Chinese edition")
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    en, both = [], []
    with tempfile.TemporaryDirectory(prefix="bench-editions-") as tmp:
        work = Path(tmp)
        for i in range(args.runs):
            # alternated, so neither case always runs on a warmer machine
            cases = [("en", en, ("--english-only",)), ("both", both, ())]
            for name, out, flags in cases if i % 2 == 0 else cases[::-1]:
                out.append(build(ROOT, work, *flags))
                print(f"run {i + 1} {name}: {out[-1]:.1f}s", flush=True)
    m_en, m_both = statistics.median(en), statistics.median(both)
    second = (m_both - m_en) / m_en
    print(f"\nclean build, median of {args.runs} (wall clock, seconds)")
    print(f"  English alone          {m_en:6.1f}   1")
    print(f"  both editions          {m_both:6.1f}   {m_both / m_en:.2f}")
    print(f"  the second edition     {m_both - m_en:6.1f}   {second:.2f}  (goal < {GOAL})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
