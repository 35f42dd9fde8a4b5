"""Editions: what a build was made from, named by a hash of its data (never a clock).

An edition's id is the first 12 hex digits of a sha256 over the sha256 of every data input
(sources, corrections, registries, the ledger). Two dates describe it: ``date``, the latest
publication date among the sources (what the edition covers: "sources up to 2024-04"), and
``issued``, the edition's own date, the day it was first published, which citations give as
their year. ``issued`` is read from the record of a recorded edition, so every later build of
the same data names the same day; an edition not recorded yet takes ``$SOURCE_DATE_EPOCH``
(reproducible builds) or else today's date in UTC, and keeps it once its build records it.
A successful build records its edition in ``data/editions/``: the input hashes, what each
chapter read, and a snapshot of the ledger, so the next edition can say exactly what changed.
Recorded editions are never rewritten.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import yaml

from reportbook import periods
from reportbook.errors import LedgerError, RegistryError
from reportbook.files import atomic_write, read_yaml
from reportbook.paths import Paths

REVISION_KEY = ["source_id", "indicator_id", "kind", "period", "qualifier"]
# Chapters name their edition through these tokens, filled in when the book is staged, so an
# executed chapter depends only on its own data and stays valid across editions.
TOKENS = {
    "version": "@@EDITION@@",
    "year": "@@EDITION_YEAR@@",
    "date": "@@EDITION_DATE@@",
    "issued": "@@EDITION_ISSUED@@",
}


def fill(text: str, ed: dict) -> str:
    for field, token in TOKENS.items():
        text = text.replace(token, str(ed[field]))
    return text


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
    return files


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _restore(f: Path) -> str:
    rel = f"data/editions/{f.name}"
    return f"restore it from git (git checkout -- {rel})"


def _index(paths: Paths) -> list[dict]:
    """The recorded editions; a damaged index says which file and how to restore it."""
    f = paths.editions / "index.yml"
    if not f.exists():
        return []
    data = read_yaml(f)  # empty or not YAML: a RegistryError naming the file
    items = data.get("editions") if isinstance(data, dict) else None
    ok = isinstance(items, list) and all(
        isinstance(e, dict) and isinstance(e.get("id"), str) and isinstance(e.get("number"), int)
        for e in items
    )
    if not ok:
        raise RegistryError(
            f"data/editions/{f.name}: not a list of editions (each with an id and a number); "
            f"the file is damaged: {_restore(f)}"
        )
    return items


def today() -> str:
    """The day an edition not recorded yet is issued (``periods.today``)."""
    return periods.today().isoformat()


def current(paths: Paths) -> dict:
    """The edition the data in ``paths`` makes: id, number, version, the sources' latest
    date, the edition's own date (``issued``) and inputs."""
    inputs = {p.relative_to(paths.root).as_posix(): sha256(p) for p in input_files(paths)}
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    ed_id = digest[:12]
    srcs = read_yaml(paths.sources_yml)["sources"]
    dates = sorted(str(s.get("date") or "") for s in srcs)
    date = dates[-1] if dates else ""
    index = _index(paths)
    known = {e["id"]: e for e in index}
    if ed_id in known:
        number, previous = known[ed_id]["number"], known[ed_id].get("previous")
        issued = str(known[ed_id].get("issued") or "") or today()
    else:
        number = (index[-1]["number"] + 1) if index else 1
        previous = index[-1]["id"] if index else None
        issued = today()
    return {
        "id": ed_id,
        "number": number,
        "version": f"{number} ({ed_id})",
        "date": date,
        "year": date[:4],
        "issued": issued,
        "previous": previous,
        "inputs": inputs,
    }


def ledger_of(paths: Paths, ed_id: str) -> pd.DataFrame | None:
    f = paths.editions / f"{ed_id}.figures.csv"
    if not f.exists():
        return None
    try:
        return pd.read_csv(f, dtype={"period": str, "figure_id": str})
    except (ValueError, OSError) as exc:  # pandas' ParserError and EmptyDataError included
        raise LedgerError(
            f"data/editions/{f.name}: the ledger snapshot of edition {ed_id} cannot be read "
            f"({str(exc).splitlines()[0]}); {_restore(f)}"
        ) from None


def record(paths: Paths, ed: dict, chapters: dict[str, str]) -> bool:
    """Record a published edition (once): its inputs, chapter digests and ledger snapshot."""
    index = _index(paths)
    if any(e["id"] == ed["id"] for e in index):
        return False
    paths.editions.mkdir(parents=True, exist_ok=True)
    meta = {k: ed[k] for k in ("id", "number", "version", "date", "issued", "previous", "inputs")}
    meta["chapters"] = dict(sorted(chapters.items()))
    # Each file atomically, the index last: it is what records the edition, so a kill at
    # any moment leaves the old index (and at worst a snapshot the next build writes again).
    atomic_write(
        paths.editions / f"{ed['id']}.json",
        json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
    )
    atomic_write(paths.editions / f"{ed['id']}.figures.csv", paths.figures_csv.read_bytes())
    index.append(
        {
            "id": ed["id"],
            "number": ed["number"],
            "date": ed["date"],
            "issued": ed["issued"],
            "previous": ed["previous"],
        }
    )
    atomic_write(
        paths.editions / "index.yml",
        "# Published editions, oldest first. Written by the build; never edit by hand.\n"
        + yaml.safe_dump({"editions": index}, allow_unicode=True, sort_keys=False),
    )
    return True


def diff(old: pd.DataFrame | None, new: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Figures added, removed and revised between two ledgers.

    A figure is *revised* when the same source reports the same indicator, kind, period and
    qualifier with another value (its figure_id changes with its text); otherwise a figure_id
    only in the new ledger is *added*, only in the old one *removed*."""
    empty = new.iloc[0:0]
    if old is None:
        return {"added": new, "removed": empty, "revised": empty.assign(old_value=[])}
    gone = old[~old["figure_id"].isin(new["figure_id"])]
    came = new[~new["figure_id"].isin(old["figure_id"])]
    key_ok = came.dropna(subset=["indicator_id", "period"])
    pairs = key_ok.merge(
        gone.dropna(subset=["indicator_id", "period"])[
            [*REVISION_KEY, "figure_id", "value", "unit"]
        ],
        on=REVISION_KEY,
        suffixes=("", "_old"),
    )
    pairs = pairs[(pairs["value"] != pairs["value_old"]) | (pairs["unit"] != pairs["unit_old"])]
    revised = pairs.rename(columns={"value_old": "old_value", "figure_id_old": "old_figure_id"})
    added = came[~came["figure_id"].isin(revised["figure_id"])]
    removed = gone[~gone["figure_id"].isin(revised["old_figure_id"])]
    return {"added": added, "removed": removed, "revised": revised}


def _recorded(paths: Paths, previous: str, key: str) -> dict:
    f = paths.editions / f"{previous}.json"
    try:
        return json.loads(f.read_text(encoding="utf-8")).get(key, {}) if f.exists() else {}
    except (ValueError, AttributeError) as exc:
        raise RegistryError(
            f"data/editions/{f.name}: the record of edition {previous} is damaged ({exc}); "
            f"{_restore(f)}"
        ) from None


def changed_chapters(paths: Paths, previous: str | None, now: dict[str, str]) -> list[str]:
    if not previous:
        return sorted(now)
    before = _recorded(paths, previous, "chapters")
    return sorted(name for name, digest in now.items() if before.get(name) != digest)


# the inputs besides the sources and their figures (the figure tables say what those changed)
REGISTRIES = ("data/indicators.yml", "data/themes.yml", "data/glossary.yml",
              "data/corrections.yml", "data/milestones.yml")  # fmt: skip


def changed_registries(paths: Paths, previous: str | None, now: dict[str, str]) -> list[str]:
    """The registries (``REGISTRIES``) whose content differs from the previous edition's: a
    chapter can change with no figure changed when the vocabulary or the themes did."""
    if not previous:
        return []
    before = _recorded(paths, previous, "inputs")
    return [f for f in REGISTRIES if before.get(f) != now.get(f)]
