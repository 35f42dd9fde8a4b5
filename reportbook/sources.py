"""The source registry (``data/sources/sources.yml``), raw bytes, corrections and ingest.

Raw files in ``data/sources/`` are kept exactly as received and never modified; their sha256 is
recorded in the registry and checked on every read. Normalization (``reportbook.normalize``)
applies the reviewed corrections from ``data/corrections.yml``; its results are memoized in
process and cached on disk under ``.cache/reportbook/normalized/`` keyed by the raw sha256, the
corrections that apply and the pipeline version.

The registry's schema is ``data/schemas/sources.schema.json``; ``reportbook.registry`` parses
``sources.yml`` once per command and checks it (every problem at once, with its line).

A source of ``type: table`` is a CSV of figures typed in by an analyst (format:
``reportbook.tables.TABLE_DOC``); its file must end in ``.csv``. Its "normalized text" is the
decoded CSV text itself (no repairs, offsets one to one), so the ledger can quote its lines.
``ingest`` treats a file as a table when its extension is ``.csv`` (any case); the header
line must then name the table columns, else ingest refuses the file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
from collections import Counter, OrderedDict
from dataclasses import dataclass
from pathlib import Path

import yaml

from reportbook import markup, normalize, periods, places
from reportbook.errors import CorrectionError, DecodeError, RegistryError, SourceError
from reportbook.files import WriteError, atomic_write, parse_yaml
from reportbook.normalize import Normalized
from reportbook.paths import Paths
from reportbook.processes import lock as processes_lock
from reportbook.quantities import find_quantities
from reportbook.registry import (
    CONTROL_RE,
    DATE_RE,
    ID_RE,
    Registry,
    date_problem,
    field_problem,
    schema_problems,
)
from reportbook.tables import read_table
from reportbook.units import implausible

__all__ = [
    "SourceError",
    "format_report",
    "get",
    "ingest",
    "load_corrections",
    "load_registry",
    "normalized",
    "raw_bytes",
    "registry_problems",
    "span_report",
]

PIPELINE_VERSION = "8"  # 8: NEL, U+2028 and U+2029 end a line


# --------------------------------------------------------------------------- registry

# The entry schema is data/schemas/sources.schema.json; reportbook.registry checks it and
# what a schema cannot say (files exist, checksums match, ids unique, precision agrees).


def registry_problems(paths: Paths) -> list[str]:
    """Every problem of ``sources.yml`` at once (files and checksums included)."""
    try:
        return [str(p) for p in Registry.of(paths).source_problems(check_sha=True)]
    except (RegistryError, SourceError) as e:
        return [str(e)]


def load_registry(paths: Paths) -> list[dict]:
    """The validated registry entries; raises :class:`SourceError` naming the entry/field."""
    try:
        return Registry.of(paths).sources
    except RegistryError as e:
        raise SourceError(str(e)) from None


def get(paths: Paths, source_id: str) -> dict:
    return Registry.of(paths).source(source_id)


def raw_bytes(paths: Paths, source_id: str) -> bytes:
    """The raw bytes of a source, checked against the registry's sha256."""
    entry = get(paths, source_id)
    fpath = paths.sources_dir / entry["file"]
    data = fpath.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != entry["sha256"]:
        raise SourceError(
            f"{fpath.name}: sha256 {actual} does not match {entry['sha256']} in "
            f"{paths.sources_yml.name}: the raw file was changed; restore the original bytes"
        )
    return data


# --------------------------------------------------------------------------- corrections


def load_corrections(paths: Paths, source_id: str | None = None) -> list[dict]:
    """Reviewed corrections (all, or one source's). A missing file means none."""
    try:
        return Registry.of(paths).corrections(source_id)
    except (RegistryError, CorrectionError) as e:
        named = str(e).startswith(("data/", paths.corrections_yml.name))
        raise SourceError(str(e) if named else f"{paths.corrections_yml.name}: {e}") from None


# --------------------------------------------------------------------------- normalized text

# Normalized texts kept in memory, the latest used last. Bounded: a pass over thousands of
# sources (extraction, the sources appendix) holds a few at a time, not all of them (an
# offset map costs about 70 bytes a character).
_MEMO: OrderedDict[tuple, Normalized] = OrderedDict()
MEMO_SIZE = 32


def _remember(key: tuple, norm: Normalized, memo: bool) -> Normalized:
    if memo:
        _MEMO[key] = norm
        _MEMO.move_to_end(key)
        while len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)
    return norm


def _cache_key(entry: dict, corrections: list[dict]) -> str:
    blob = json.dumps([PIPELINE_VERSION, entry["sha256"], corrections], sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _from_cache(path: Path, raw: bytes) -> Normalized | None:
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        raw_text = raw.decode(d["codec"]) if d["codec"] else None
        if raw_text is None:
            return None
        if len(raw_text) != d["raw_len"]:
            return None
        return Normalized(
            text=d["text"],
            raw_text=raw_text,
            encoding=d["encoding"],
            offsets=tuple(d["offsets"]),
            steps=tuple(d["steps"]),
            repairs=tuple(d["repairs"]),
            byte_offsets=tuple(d["byte_offsets"]),
            atoms=tuple(tuple(a) for a in d["atoms"]),
            raw=raw,
        )
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def _to_cache(path: Path, norm: Normalized) -> None:
    try:
        probe = norm.raw.decode(norm.encoding)
        if probe != norm.raw_text:
            return  # only cache what decodes back exactly
        d = {
            "codec": norm.encoding,
            "encoding": norm.encoding,
            "raw_len": len(norm.raw_text),
            "text": norm.text,
            "offsets": list(norm.offsets),
            "steps": list(norm.steps),
            "repairs": list(norm.repairs),
            "byte_offsets": list(norm.byte_offsets),
            "atoms": [list(a) for a in norm.atoms],
        }
        atomic_write(path, json.dumps(d, ensure_ascii=False).encode("utf-8"))
    except (OSError, WriteError, UnicodeDecodeError, LookupError):
        pass  # the cache is an optimisation only: a full disk or read-only .cache is no error


def table_text(raw: bytes, name: str) -> Normalized:
    """A table's "normalized" text: the decoded CSV, unchanged (offsets one to one).

    Tables must be UTF-8 (with or without a BOM) or GBK (GB18030 accepted); the detection is
    ``normalize.decode``'s."""
    if not raw:
        raise SourceError(f"{name}: the file is empty (0 bytes); give a CSV with a header and rows")
    try:
        text, encoding = normalize.decode(raw)
    except DecodeError as e:
        raise SourceError(f"{name}: {e}") from None
    if encoding not in ("utf-8", "utf-8-sig", "gbk", "gb18030"):
        raise SourceError(
            f"{name}: a table must be UTF-8 (with or without BOM) or GBK, but it reads as "
            f"{encoding}; re-save the CSV as UTF-8"
        )
    return Normalized(
        text=text,
        raw_text=text,
        encoding=encoding,
        offsets=tuple(range(len(text) + 1)),
        steps=({"step": "decode", "encoding": encoding, "bytes": len(raw), "chars": len(text)},),
        repairs=(),
        byte_offsets=normalize.byte_offsets(raw, text, encoding),
        atoms=(),
        raw=raw,
    )


def normalized(
    paths: Paths, source_id: str, *, use_cache: bool = True, memo: bool = True
) -> Normalized:
    """A source's normalized text, with the reviewed corrections applied (memoized, a few
    at a time; ``memo=False`` for a single pass over many sources).

    For a table (``type: table``) the decoded CSV text, unchanged (see :func:`table_text`)."""
    entry = get(paths, source_id)
    if entry.get("type", "document") == "table":
        memo_key = (str(paths.root), source_id, "table", entry["sha256"])
        if memo_key in _MEMO:
            _MEMO.move_to_end(memo_key)  # the latest used last
            return _MEMO[memo_key]
        norm = table_text(raw_bytes(paths, source_id), entry["file"])
        return _remember(memo_key, norm, memo)
    corrections = load_corrections(paths, source_id)
    key = _cache_key(entry, corrections)
    memo_key = (str(paths.root), source_id, key)
    if memo_key in _MEMO:
        _MEMO.move_to_end(memo_key)  # the latest used last
        return _MEMO[memo_key]
    raw = raw_bytes(paths, source_id)
    cache_file = paths.cache / "normalized" / f"{source_id}-{key}.json"
    norm = _from_cache(cache_file, raw) if use_cache else None
    if norm is None:
        try:
            norm = normalize.normalize(raw, corrections=corrections, source_id=source_id)
        except CorrectionError as e:
            raise SourceError(f"{paths.corrections_yml.name}: {e}") from None
        except DecodeError as e:
            raise SourceError(f"{entry['file']}: {e}") from None
        if use_cache:
            _to_cache(cache_file, norm)
    return _remember(memo_key, norm, memo)


def span_report(paths: Paths, source_id: str, start: int, end: int) -> str:
    """``text SOURCE --span A:B``: the normalized span and the raw bytes behind it."""
    norm = normalized(paths, source_id)
    if not (0 <= start <= end <= len(norm.text)):
        raise SourceError(
            f"span {start}:{end} is outside {source_id} (normalized length {len(norm.text)}); "
            "give START:END within it"
        )
    rs, re_ = norm.raw_span(start, end)
    b = norm.raw_bytes(start, end)
    bs = norm.byte_offsets[rs] if norm.byte_offsets else None
    return "\n".join(
        [
            f"normalized [{start}:{end}]: {norm.text[start:end]}",
            f"raw text   [{rs}:{re_}]: {norm.raw_text[rs:re_]}",
            f"raw bytes  [{bs}:{bs + len(b) if bs is not None else ''}] ({norm.encoding}): "
            f"{b.hex(' ')}",
        ]
    )


# --------------------------------------------------------------------------- ingest

SHANXI_CITIES = {
    "太原": "Taiyuan",
    "大同": "Datong",
    "阳泉": "Yangquan",
    "长治": "Changzhi",
    "晋城": "Jincheng",
    "朔州": "Shuozhou",
    "晋中": "Jinzhong",
    "运城": "Yuncheng",
    "忻州": "Xinzhou",
    "临汾": "Linfen",
    "吕梁": "Lüliang",
}
_FULL_DATE = re.compile(r"(20\d{2}|19\d{2})年(\d{1,2})月(\d{1,2})日")


def _infer_date(text: str) -> tuple[str | None, str, str | None]:
    """(date, precision, how) from the latest full date printed in the text; dates that do
    not exist or lie in the future (a plan's 2035年) say nothing about publication."""
    now = periods.today()
    dates = []
    for y, m, d in _FULL_DATE.findall(text):
        try:
            day = _dt.date(int(y), int(m), int(d))
        except ValueError:
            continue
        if day <= now:
            dates.append(day)
    if dates:
        latest = max(dates)
        return (
            latest.isoformat(),
            "day",
            f"Not printed as a publication date; the latest full date in the text is "
            f"{latest.isoformat()}, so published on or after it.",
        )
    years = [int(y) for y in re.findall(r"(20\d{2}|19\d{2})年", text) if int(y) <= now.year]
    if years:
        y = max(years)
        return str(y), "year", f"Not printed; the latest year named in the text is {y}."
    return None, "unknown", None


def _region(text: str) -> tuple[str | None, str | None]:
    counts = {city: text.count(city) for city in SHANXI_CITIES}
    best = max(counts, key=lambda c: (counts[c], c == "忻州"))
    if counts[best] == 0:
        return None, None
    return best, SHANXI_CITIES[best]


def _slug(value: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return s


def _date_given(date: str) -> tuple[str, str]:
    if isinstance(date, _dt.date):
        date = date.isoformat()
    date = str(date).strip()
    if not DATE_RE.fullmatch(date):
        raise SourceError(f"--date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD; give it so")
    why = date_problem(date)
    if why:
        raise SourceError(f"--date {why}")
    return date, {4: "year", 7: "month", 10: "day"}[len(date)]


# ----------------------------------------------------------------- limits (stated in the README)

MAX_DOCUMENT_BYTES = 2_000_000  # a raw document or table; larger ones are split by hand
MAX_SENTENCE = 5_000  # characters between two sentence ends of the normalized text
# What ends a sentence for extraction (reportbook.extract splits there too, and at lines).
_SENTENCE_END = re.compile(r"[。！？；;!?﹔\n]")
URL_RE = markup.SAFE_URL


def text_problems(text: str) -> list[str]:
    """What makes a document's normalized text unusable: a sentence too long to be one, a
    figure no statistic can print (``units.implausible``)."""
    out = []
    start = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.end() if m else len(text)
        if end - start > MAX_SENTENCE:
            out.append(
                f"a sentence of {end - start} characters at character {start} (at most "
                f"{MAX_SENTENCE}): the text has lost its sentence ends or is not prose; split "
                "it with 。 or line breaks, or leave it out"
            )
            break
        start = end
    for q in find_quantities(text):
        why = implausible(q.value, q.value_base, q.base_unit)
        if why:
            shown = q.text if len(q.text) <= 40 else q.text[:20] + "…" + q.text[-8:]
            out.append(
                f"the figure {shown!r} at character {q.start} cannot be real: {why}; check "
                "the number in the document"
            )
    return out


def _shown(value: str) -> str:
    # A received name is printed to a terminal: control characters as escapes, never raw.
    return CONTROL_RE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), value)


def ingest(
    paths: Paths,
    path: str | os.PathLike[str],
    *,
    source_id: str | None = None,
    title: str | None = None,
    date: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    region: str | None = None,
) -> tuple[dict, Normalized]:
    """Copy a document into ``data/sources/``, register it and return (entry, normalized).

    One transaction: nothing changes on disk unless every check passes; the raw copy is
    written first and ``sources.yml`` last, each atomically, so a kill leaves the old
    registry (and at worst a raw file no entry names, which the next command reports and
    the same ingest, run again, takes up). Runs under the project lock."""
    options = {"source_id": source_id, "title": title, "date": date, "publisher": publisher,
               "url": url, "region": region}  # fmt: skip
    with processes_lock(paths, "reportbook ingest"):
        registry = load_registry(paths)
        prepared = _prepare(paths, registry, path, **options)
        _commit(paths, registry, [prepared])
    return prepared.entry, prepared.norm


def ingest_many(paths: Paths, documents: list[dict], *, report=None) -> list[dict]:
    """Ingest many documents in one transaction: each dict holds ``path`` and any option of
    :func:`ingest`. Every document is checked first (a refusal names its file and nothing is
    written); then the raw copies are written, then ``sources.yml`` once. Only one document's
    normalized text is held at a time; ``report(text)`` is called with each document's
    quality report once all are written (never for a batch that was refused)."""
    with processes_lock(paths, "reportbook ingest"):
        registry = load_registry(paths)
        taken = list(registry)
        prepared, reports = [], []
        for doc in documents:
            options = {k: v for k, v in doc.items() if k != "path"}
            item = _prepare(paths, taken, doc["path"], **options)
            if report is not None:
                reports.append(format_report(item.entry, item.norm))
            item.norm = None  # the entry and the raw bytes are all the commit needs
            prepared.append(item)
            taken.append(item.entry)
        _commit(paths, registry, prepared)
    for text in reports:
        report(text)
    return [item.entry for item in prepared]


@dataclass
class _Prepared:
    entry: dict
    norm: Normalized | None
    raw: bytes
    target: Path
    orphan: bool


def _prepare(paths, registry, path, *, source_id=None, title=None, date=None, publisher=None,
             url=None, region=None) -> _Prepared:  # fmt: skip
    """Every check of one document against the registry ``registry`` (the entries so far,
    earlier documents of the same transaction included); the entry it would get."""
    src = Path(path)
    name = _shown(str(src))
    if not src.exists():
        raise SourceError(f"{name}: no such file; check the path")
    if not src.is_file():
        raise SourceError(f"{name}: not a regular file; give the path of a text document")
    size = src.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise SourceError(
            f"{name}: {size:,} bytes, more than the {MAX_DOCUMENT_BYTES:,} a document may have; "
            "split it at paragraph ends into parts and ingest each (nothing was written)"
        )
    raw = src.read_bytes()
    is_table = src.suffix.lower() == ".csv"
    if not raw:
        raise SourceError(
            f"{name}: the file is empty (0 bytes); nothing to ingest"
            + ("; a table needs a header line and one line per figure" if is_table else "")
        )
    for label, value, braces in (("--title", title, True), ("--publisher", publisher, True),
                                 ("--region", region, False)):  # fmt: skip
        if value is not None and (why := field_problem(label, str(value), braces=braces)):
            raise SourceError(f"{name}: {why}; nothing was written")
    if url is not None and not URL_RE.fullmatch(str(url)):
        raise SourceError(
            f"{name}: --url '{_shown(str(url))}' is not an http:// or https:// address (without "
            "spaces, quotes or braces); give the address the document was found at"
        )
    n_table_rows = 0
    if is_table:
        norm = table_text(raw, name)
        if not norm.text.strip("\ufeff \t\r\n\x0b\x0c"):
            raise SourceError(f"{name}: the file holds only white space; nothing to ingest")
        table = read_table(norm.text, name, Registry.of(paths).indicators)
        if table.problems:
            raise SourceError(table.message() + "; nothing was written")
        n_table_rows = len(table.rows)
        if not title:
            raise SourceError(
                f"{name}: a table of figures needs --title (the bulletin or table it was typed "
                "from); nothing was written"
            )
    else:
        try:
            norm = normalize.normalize(raw)
        except DecodeError as e:
            raise SourceError(f"{name}: {e}") from None
        if not norm.text.strip():
            raise SourceError(
                f"{name}: the file holds only white space ({len(raw)} bytes); nothing to ingest"
            )
        bad = text_problems(norm.text)
        if bad:
            raise SourceError(f"{name}: " + "; ".join(bad) + "; nothing was written")
    sha = hashlib.sha256(raw).hexdigest()
    for e in registry:
        if e["sha256"] == sha:
            raise SourceError(
                f"{name}: already ingested as '{e['id']}' (same sha256 {sha[:12]}…); "
                f"use that id instead"
            )
    if date is not None:
        date, precision = _date_given(date)
        date_inferred, basis = None, "given"
    else:
        date, precision, date_inferred = _infer_date(norm.text)
        basis = "inferred" if date else "unknown"
    if source_id is None:
        source_id = f"{date or 'undated'}-{sha[:8]}"
    source_id = str(source_id)
    if not ID_RE.fullmatch(source_id) or len(source_id) > 80:
        raise SourceError(
            f"id '{_shown(source_id)}' for {_shown(src.name)} is not a lowercase ASCII slug "
            f"([a-z0-9-], the whole id, at most 80 characters); give --id like "
            f"{_slug(source_id)[:80] or 'xinzhou-2024-report'}"
        )
    if any(e["id"] == source_id for e in registry):
        raise SourceError(
            f"{name}: id '{source_id}' already exists in {paths.sources_yml.name}; "
            "choose another --id"
        )
    ext = (
        ".csv"
        if is_table
        else src.suffix.lower()
        if re.fullmatch(r"\.[a-z0-9]{1,8}", src.suffix.lower())
        else ".txt"
    )
    target = paths.sources_dir / f"{source_id}{ext}"
    # A raw file no entry names, with these very bytes, is this ingest stopped half-way
    # before: take it up. Any other file there is someone else's.
    orphan = (
        target.exists()
        and target.read_bytes() == raw
        and not any(e.get("file") == target.name for e in registry)
    )
    if any(e.get("file") == target.name for e in registry) or (target.exists() and not orphan):
        raise SourceError(
            f"{target.name} already exists in {paths.sources_dir}; choose another --id"
        )
    first_line = next((ln.strip() for ln in norm.text.split("\n") if ln.strip()), src.stem)
    if not title:
        why = field_problem("its first line (the title when --title is not given)",
                            first_line[:40])  # fmt: skip
        if why:
            raise SourceError(f"{name}: {why}; give --title; nothing was written")
    region_basis = "given" if region is not None else "text"
    if region is None:
        region, region_en = _region(norm.text)
    else:
        region_en = SHANXI_CITIES.get(region)
    if region is None and (site := places.from_address(url)) is not None:
        # a page of a government's own site that names no city in its text (全市…) is about
        # the government's place (1-5月份全市经济运行情况 on the city's statistics site)
        region, region_en, region_basis = site.name, site.en or None, "address"
    report = norm.report()
    kinds = Counter(normalize.char_script(c) for c in norm.raw_text if normalize.is_cjk(c))
    script = "traditional" if kinds["traditional"] > 4 * kinds["simplified"] else "simplified"
    if report["t2s_conversions"] and script == "traditional":
        script = "traditional (converted to simplified)"
    day = periods.today().isoformat()
    entry = {
        "id": source_id,
        "file": target.name,
        "original_file": src.name,
        "sha256": sha,
        "title": title if title else first_line[:40],
        "title_is_descriptive": not title,
        "authors": [],
        "publisher": publisher,
        "date": date,
        "date_precision": precision,
        "date_inferred": date_inferred,
        "date_basis": basis,
        "region": region,
        "region_en": region_en,
        "region_basis": region_basis if region is not None else None,
        "language": "zh",
        "script": script,
        "encoding": norm.encoding,
        "url": url,
        "licence": "Unknown: check the original publisher's terms before quoting at length.",
        "notes": (
            f"Ingested {day}: {report['annotations_stripped']} pinyin "
            f"annotations, {report['spans_found']} damaged spans "
            f"({report['spans_for_review']} left for review)."
        ),
        "ingested": day,
    }
    if not title:
        entry["notes"] += " Title taken from the first line."
    if is_table:
        entry["type"] = "table"
        entry["notes"] = (
            f"Ingested {day}: a table of {n_table_rows} figures typed "
            "in by an analyst (CSV, one figure per line; see reportbook.extract.TABLE_DOC)."
        )
    if not is_table and not load_corrections(paths, source_id):
        # The next extraction reads the text from the cache instead of normalizing it again
        # (keyed by the raw bytes' hash: harmless if this ingest never commits).
        _to_cache(paths.cache / "normalized" / f"{source_id}-{_cache_key(entry, [])}.json", norm)
    return _Prepared(entry, norm, raw, target, orphan)


def _commit(paths: Paths, registry: list[dict], prepared: list[_Prepared]) -> None:
    """Write the raw copies, then the registry with the new entries appended (its comments
    and earlier entries kept as they were)."""
    if not prepared:
        return
    entries = [item.entry for item in prepared]
    name = _shown(entries[0]["original_file"]) if len(entries) == 1 else f"{len(entries)} files"
    old_text = paths.sources_yml.read_text(encoding="utf-8")
    block = yaml.safe_dump(
        entries, allow_unicode=True, sort_keys=False, default_flow_style=False, width=96
    )
    block = "".join("  " + ln if ln.strip() else ln for ln in block.splitlines(keepends=True))
    if not registry:  # a new project: `sources: []` or an empty `sources:` becomes the list
        old_text = re.sub(r"(?m)^sources:.*$", "sources:", old_text)
    new_text = old_text.rstrip("\n") + "\n" + block
    parse_yaml(new_text, paths.sources_yml.name)  # what is written must read back
    # The earlier entries passed these checks when the registry was loaded: the new ones.
    problems = schema_problems(paths, "sources", {"sources": entries}, "sources:\n" + block)
    # Their lines were counted in "sources:" + the new block: say them as lines of the file.
    shift = old_text.rstrip("\n").count("\n")
    for p in problems:
        if p.row is not None:
            p.row += shift
    if problems:
        raise SourceError(
            f"{name}: the new entry would make {paths.sources_yml.name} invalid: "
            + "; ".join(map(str, problems))
        )
    written = []
    try:
        for item in prepared:
            if not item.orphan:
                atomic_write(item.target, item.raw, 0o444)  # read-only, like the others
                written.append(item.target)
        atomic_write(paths.sources_yml, new_text.encode("utf-8"))
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise


def _region_line(entry: dict) -> str:
    """Where the region came from, and what an unknown one means for the book."""
    region = entry.get("region")
    if not region:
        return (
            "unknown: the text names no city and no --region was given; a figure of 全市 "
            "keeps no place and stays out of the chapters (ingest it again with --region)"
        )
    why = {
        "address": " (from the address: the text names no city; the page is on its "
        "government's site)",
        "given": " (given)",
    }.get(entry.get("region_basis") or "", "")
    return f"{region}{why}"


def format_report(entry: dict, norm: Normalized) -> str:
    """The short quality report printed by ``ingest``."""
    r = norm.report()
    if entry.get("type") == "table":
        n = sum(1 for ln in norm.text.split("\n") if ln.strip()) - 1
        return "\n".join(
            [
                f"ingested {entry['id']} (table): {entry['title']}",
                f"  file         data/sources/{entry['file']} (from {entry['original_file']})",
                f"  sha256       {entry['sha256']}",
                f"  encoding     {r['encoding']} ({r['bytes']} bytes)",
                f"  figures      {n} rows, all valid; `reportbook extract` adds them to the ledger",
                f"  date         {entry.get('date') or 'unknown'} ({entry.get('date_precision')}, "
                f"{entry.get('date_basis', 'inferred')})",
                f"  region       {entry.get('region') or 'unknown'}",
            ]
        )
    lines = [
        f"ingested {entry['id']}: {entry['title']}"
        + (" (descriptive title)" if entry.get("title_is_descriptive") else ""),
        f"  file         data/sources/{entry['file']} (from {entry['original_file']})",
        f"  sha256       {entry['sha256']}",
        f"  encoding     {r['encoding']} ({r['bytes']} bytes)",
        f"  characters   {r['characters_raw']} raw -> {r['characters']} normalized",
        f"  annotations  {r['annotations_stripped']} pinyin annotations stripped",
        f"  conversions  {r['t2s_conversions']} traditional -> simplified",
        f"  punctuation  {r['punctuation_normalized']} marks normalized",
        f"  damaged      {r['spans_found']} spans: {r['spans_repaired_auto']} repaired "
        f"automatically, {r['spans_repaired_reviewed']} by reviewed correction, "
        f"{r['spans_for_review']} left for review",
        f"  date         {entry.get('date') or 'unknown'} ({entry.get('date_precision')}, "
        f"{entry.get('date_basis', 'inferred')})",
        f"  region       {_region_line(entry)}",
    ]
    for rep in norm.repairs:
        if rep["status"] == "review":
            best = rep.get("proposed") or "no confident reading"
            lines.append(
                f"  review       raw [{rep['raw_start']}:{rep['raw_end']}] {rep['damaged']!r}: "
                f"best guess {best!r}; add a reviewed entry to data/corrections.yml"
            )
    return "\n".join(lines)
