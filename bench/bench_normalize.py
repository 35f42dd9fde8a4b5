"""Normalization speed: characters per second, against a plain decode + OpenCC baseline.

    python bench/bench_normalize.py [--repeat N]

Times ``reportbook.normalize.normalize`` on every registered source (after one warm-up run, which
loads OpenCC and, for damaged sources, jieba's dictionary), and the baseline
``bytes.decode("utf-8")`` + ``OpenCC("t2s").convert`` on the same bytes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import opencc  # noqa: E402

from reportbook import normalize, paths, sources  # noqa: E402


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    p = paths.project()
    docs = []
    for entry in sources.load_registry(p):
        raw = sources.raw_bytes(p, entry["id"])
        docs.append((entry["id"], raw, sources.load_corrections(p, entry["id"])))
    conv = opencc.OpenCC("t2s")

    def run_pipeline():
        for sid, raw, corr in docs:
            normalize.normalize(raw, corrections=corr, source_id=sid)

    def run_baseline():
        for _, raw, _ in docs:
            conv.convert(raw.decode("utf-8", errors="replace"))

    start = time.perf_counter()
    run_pipeline()  # warm-up: loads OpenCC and jieba
    warm = time.perf_counter() - start
    run_baseline()
    chars = sum(len(raw.decode("utf-8", errors="replace")) for _, raw, _ in docs)
    t_pipe = _best(run_pipeline, args.repeat)
    t_base = _best(run_baseline, args.repeat)
    print(f"sources: {len(docs)}, raw characters: {chars}")
    print(f"first run (loads OpenCC + jieba): {warm:.3f} s")
    for sid, raw, corr in docs:
        t = _best(
            lambda raw=raw, corr=corr, sid=sid: normalize.normalize(
                raw, corrections=corr, source_id=sid
            ),
            args.repeat,
        )
        n = len(raw.decode("utf-8", errors="replace"))
        print(f"  {sid}: {t * 1000:.1f} ms, {n / t:,.0f} chars/s")
    print(f"pipeline: {t_pipe * 1000:.1f} ms, {chars / t_pipe:,.0f} chars/s")
    print(f"baseline (decode + opencc t2s): {t_base * 1000:.1f} ms, {chars / t_base:,.0f} chars/s")
    print(f"ratio pipeline/baseline time: {t_pipe / t_base:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
