"""Editions: what a build was made from, named by a hash of its inputs (never a clock).

The edition id is the first 12 hex digits of a sha256 over the sha256 of every input file
(sources, registries, the ledger, the chapter notebooks). Its date is the latest publication
date among the sources, so two builds of the same inputs name the same edition.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml

from reportbook import __version__
from reportbook.paths import Paths


def input_files(paths: Paths) -> list[Path]:
    files = [p for p in sorted(paths.sources_dir.iterdir()) if p.is_file()]
    files += [
        p
        for p in (
            paths.corrections_yml,
            paths.indicators_yml,
            paths.themes_yml,
            paths.glossary_yml,
            paths.milestones_yml,
            paths.figures_csv,
        )
        if p.exists()
    ]
    files += sorted(paths.book.glob("*.ipynb")) + sorted(paths.book.glob("*.md"))
    return files


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def current(paths: Paths) -> dict:
    inputs = {p.relative_to(paths.root).as_posix(): sha256(p) for p in input_files(paths)}
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    srcs = yaml.safe_load(paths.sources_yml.read_text(encoding="utf-8"))["sources"]
    dates = sorted(str(s.get("date") or "") for s in srcs)
    date = dates[-1] if dates else ""
    return {
        "id": digest[:12],
        "version": f"{__version__}+{digest[:12]}",
        "date": date,
        "year": date[:4],
        "inputs": inputs,
    }
