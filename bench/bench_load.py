"""Load: a corpus of 2,000 real-sized articles, ingested, extracted, checked and built.

The corpus is made by varying the 58 real documents of ``tests/corpus/docs`` (never
copying them into the project): article k is document k mod 58 with every figure's number
changed by a few percent (years, months and days left alone), more documents of the same
city appended until it reaches a size between 1 and 7 kB, as a news feed's vary (about
10 MB in all), and a line naming the article, so no two are the same bytes. Each article
keeps its document's encoding (UTF-8, GBK, Big5, UTF-16), so decoding, pinyin stripping
and mojibake repair are all exercised.

In a throwaway copy of the project (never the checkout), each step is one command run as a
process of its own, timed on the wall clock, with the peak resident memory of the command
and of its largest child (a chapter's kernel, the Jupyter Book process):

  ingest    ``sources.ingest_many``: every article checked, copied, registered in one write
  extract   ``python -m reportbook extract``: the ledger and its data package
  check     ``python -m reportbook check``
  build     ``python -m reportbook build`` (chapters, the sources appendix, Jupyter Book)

then the sizes of the pages a reader opens: the sources index, the pages of the sources,
the ledger, the largest chapter, and the whole site.

    python bench/bench_load.py [--docs 2000] [--no-build] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", "_build", ".cache", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "docs"
)
NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]|\s*[年月日号届次])")

# Runs in the copy (cwd = the copy): ingest every article of the manifest in one transaction.
INGEST = """
import json, resource, sys, time
from pathlib import Path
from reportbook import sources
from reportbook.paths import Paths
p = Paths(Path(sys.argv[1]).resolve())
docs = json.loads(Path(sys.argv[2]).read_text("utf-8"))
t = time.perf_counter()
sources.ingest_many(p, docs)
print(json.dumps({"seconds": time.perf_counter() - t,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""
# Runs a command of the package in this process and reports its own peak memory and that
# of its largest child.
COMMAND = """
import json, resource, sys
from reportbook import cli
code = cli.main(sys.argv[1:])
print(json.dumps({"code": code, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "child_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}),
      file=sys.stderr)
sys.exit(code)
"""


def _decode(raw: bytes) -> tuple[str, str]:
    sys.path.insert(0, str(ROOT))
    from reportbook.normalize import decode  # deferred: only the corpus maker needs it

    return decode(raw)


def _vary(text: str, k: int) -> str:
    """Every figure's number moved by a few percent, its decimals kept; dates untouched."""
    step = [0]

    def repl(m: re.Match) -> str:
        step[0] += 1
        s = m[1]
        if re.fullmatch(r"(19|20)\d\d", s):  # a year, even without 年
            return s
        decimals = len(s.split(".")[1]) if "." in s else 0
        factor = 1 + (((k * 7 + step[0] * 3) % 13) - 6) / 100
        v = float(s) * factor
        out = f"{v:.{decimals}f}"
        return out if out != "0" or s == "0" else s

    return NUMBER.sub(repl, text)


def make_corpus(out: Path, n: int) -> list[dict]:
    """Write ``n`` varied articles into ``out``; return the ingest manifest."""
    meta = {d["id"]: d for d in yaml.safe_load((CORPUS / "corpus.yml").read_text("utf-8"))[
        "documents"]}  # fmt: skip
    docs = sorted((CORPUS / "docs").glob("*.txt"))
    by_city: dict[str, list[Path]] = {}
    for d in docs:
        by_city.setdefault(meta[d.stem]["region"], []).append(d)
    today = dt.date.today().isoformat()
    manifest = []
    out.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        base = docs[k % len(docs)]
        m = meta[base.stem]
        text, encoding = _decode(base.read_bytes())
        # Sizes of a news feed: 1 to 7 kB, more documents of the same city appended.
        target = 1200 + (k * 7919) % 6000
        city = by_city[m["region"]] + docs
        j = 1
        while len(text.encode("utf-8")) < target:
            other = city[(city.index(base) + j + k // len(docs)) % len(city)]
            text += "\n" + _decode(other.read_bytes())[0]
            j += 1
        text = _vary(text, k) + f"\n（稿件编号{k}）\n"
        codec = "utf-16" if encoding.startswith("utf-16") else encoding
        try:
            raw = text.encode(codec)
        except (UnicodeEncodeError, LookupError):
            raw = text.encode("utf-8")
        f = out / f"{k:04d}-{base.stem}.txt"
        f.write_bytes(raw)
        date = str(m.get("published") or "")[:10]
        if not date or date > today:
            date = date[:4] if date[:4] <= today[:4] else today[:7]
        title = re.sub(r"[{}\s]+", " ", str(m.get("title") or base.stem)).strip()[:60]
        manifest.append({"path": str(f), "source_id": f"load-{k:04d}-{base.stem}"[:80],
                         "title": f"{title}（样本{k}）", "date": date})  # fmt: skip
    return manifest


def _run(cwd: Path, args: list[str], code: str = COMMAND) -> dict:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True,
                          text=True)  # fmt: skip
    seconds = time.perf_counter() - t
    lines = [ln for ln in (proc.stdout + "\n" + proc.stderr).splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = proc.stdout[-3000:] + proc.stderr[-3000:]
        raise SystemExit(f"{' '.join(args[:2])} failed:\n{tail}")
    out = json.loads(lines[-1])
    out["wall"] = seconds
    out["stdout"] = proc.stdout
    out["stderr"] = proc.stderr
    return out


def _mb(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


def _size(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--no-build", action="store_true", help="ingest, extract and check only")
    ap.add_argument("--keep", help="work in this folder and keep it (default: a temp folder)")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="rb-load-"))
    try:
        project = work / "project"
        if project.exists():
            shutil.rmtree(project)
        shutil.copytree(ROOT, project, ignore=COPY_IGNORE, symlinks=True)
        for f in (project / "data" / "sources").iterdir():
            f.chmod(0o644)
        manifest = make_corpus(work / "corpus", args.docs)
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
        total = sum(Path(d["path"]).stat().st_size for d in manifest)
        print(
            f"corpus: {len(manifest)} articles, {total / 1e6:.1f} MB "
            f"(median {_size(statistics.median(Path(d['path']).stat().st_size for d in manifest))})"
        )  # noqa: E501
        rows = []
        r = _run(project, [str(project), str(work / "manifest.json")], INGEST)
        rows.append(("ingest", r["wall"], r["rss"], None))
        r = _run(project, ["--root", str(project), "extract"])
        figures = int(re.search(r"wrote (\d+) figures", r["stdout"])[1])
        rows.append(("extract", r["wall"], r["rss"], None))
        r = _run(project, ["--root", str(project), "check"])
        rows.append(("check", r["wall"], r["rss"], None))
        if not args.no_build:
            r = _run(project, ["--root", str(project), "build"])
            rows.append(("build", r["wall"], r["rss"], r["child_rss"]))
        ledger_mb = (project / "data" / "figures.csv").stat().st_size / 1e6
        print(f"ledger: {figures} figures, {ledger_mb:.1f} MB")
        print(f"\n{'step':10}{'seconds':>9}{'peak memory':>14}{'largest child':>15}")
        for name, wall, rss, child in rows:
            print(f"{name:10}{wall:9.1f}{_mb(rss):>14}{_mb(child) if child else '':>15}")
        if not args.no_build:
            html = (project / "_build" / "html").resolve()
            book = html / "book"
            src_pages = sorted((book / "sources").glob("*.html"), key=lambda p: p.stat().st_size)
            sizes = [p.stat().st_size for p in src_pages]
            chapters = sorted(
                (p for p in book.glob("*.html") if p.stem not in ("sources", "ledger")),
                key=lambda p: p.stat().st_size,
            )
            site = sum(p.stat().st_size for p in html.rglob("*") if p.is_file())
            print("\npage sizes")
            print(f"  sources index          {_size((book / 'sources.html').stat().st_size)}")
            print(f"  a source's page        median {_size(statistics.median(sizes))}, "
                  f"largest {_size(sizes[-1])} ({len(sizes)} pages)")  # fmt: skip
            print(f"  ledger                 {_size((book / 'ledger.html').stat().st_size)}")
            print(f"  largest chapter        {_size(chapters[-1].stat().st_size)} "
                  f"({chapters[-1].stem})")  # fmt: skip
            print(f"  search index           {_size((html / 'searchindex.js').stat().st_size)}")
            print(f"  whole site             {_size(site)}, "
                  f"{sum(1 for _ in html.rglob('*.html'))} pages")  # fmt: skip
        print(f"\n{os.cpu_count()} cores; work folder {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
