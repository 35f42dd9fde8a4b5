"""The source registry (``data/sources/sources.yml``), raw bytes, corrections and ingest.

Raw files in ``data/sources/`` are kept exactly as received and never modified; their sha256 is
recorded in the registry and checked on every read. Normalization (``reportbook.normalize``)
applies the reviewed corrections from ``data/corrections.yml``; its results are memoized in
process and cached on disk under ``.cache/reportbook/normalized/`` keyed by the raw sha256, the
corrections that apply and the pipeline version.

Schema of one registry entry (checked by :func:`registry_problems`):

=====================  ========================================================================
field                  rule
=====================  ========================================================================
id                     required; lowercase ASCII slug ``[a-z0-9][a-z0-9-]*``; unique
file                   required; a file name in ``data/sources/`` that exists
original_file          required; the file name as received
sha256                 required; 64 lowercase hex digits; unique; must match the file
title                  required; non-empty string
title_is_descriptive   required; bool: true when the title was written by us, not the source's
authors                required; list of strings (may be empty: unknown)
publisher              required; string or null (unknown)
date                   required; ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or null
date_precision         required; one of day, month, year, unknown
date_inferred          required; string (how the date was found) or null when given
region                 required; string or null
language               required; string (``zh``)
script                 required; string
url                    required; string or null
licence                required; string
optional               title_en, series, editor, publisher_note, region_en, encoding, notes,
                       date_basis (given|inferred|unknown), ingested (YYYY-MM-DD),
                       type (document|table; absent means document)
=====================  ========================================================================

A source of ``type: table`` is a CSV of figures typed in by an analyst (format:
``reportbook.extract.TABLE_DOC``); its file must end in ``.csv``. Its "normalized text" is the
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
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from reportbook.errors import CorrectionError, DecodeError, SourceError

from . import normalize
from .normalize import Normalized
from .paths import Paths, parse_yaml

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

PIPELINE_VERSION = "7"


# --------------------------------------------------------------------------- schema

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_STR, _STR_OR_NONE, _BOOL, _LIST = "string", "string or null", "true/false", "list of strings"
REQUIRED = {
    "id": _STR,
    "file": _STR,
    "original_file": _STR,
    "sha256": _STR,
    "title": _STR,
    "title_is_descriptive": _BOOL,
    "authors": _LIST,
    "publisher": _STR_OR_NONE,
    "date": _STR_OR_NONE,
    "date_precision": _STR,
    "date_inferred": _STR_OR_NONE,
    "region": _STR_OR_NONE,
    "language": _STR,
    "script": _STR,
    "url": _STR_OR_NONE,
    "licence": _STR,
}
OPTIONAL = {
    "title_en": _STR_OR_NONE,
    "series": _STR_OR_NONE,
    "editor": _STR_OR_NONE,
    "publisher_note": _STR_OR_NONE,
    "region_en": _STR_OR_NONE,
    "encoding": _STR,
    "notes": _STR_OR_NONE,
    "date_basis": _STR,
    "ingested": _STR,
    "type": _STR,
}
TYPES = ("document", "table")
PRECISIONS = ("day", "month", "year", "unknown")


def _type_ok(value, kind: str) -> bool:
    if kind == _STR:
        return isinstance(value, str) and value.strip() != ""
    if kind == _STR_OR_NONE:
        return value is None or isinstance(value, str)
    if kind == _BOOL:
        return isinstance(value, bool)
    if kind == _LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return False


def _read_yaml(path: Path) -> dict:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(f"{path}: the source registry is missing; restore it") from None
    except yaml.YAMLError as e:
        raise SourceError(f"{path}: not valid YAML ({e}); fix the syntax") from None
    return data


def _normalize_entry(entry: dict) -> dict:
    """YAML reads 2024-04-01 as a date: keep dates as strings."""
    for key in ("date", "ingested"):
        if isinstance(entry.get(key), _dt.date):
            entry[key] = entry[key].isoformat()
    return entry


def _problems(data, paths: Paths, *, check_files: bool, check_sha: bool) -> list[str]:
    where = paths.sources_yml.name
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        return [f"{where}: expected a mapping with a 'sources:' list"]
    problems: list[str] = []
    ids: Counter = Counter()
    shas: Counter = Counter()
    for n, entry in enumerate(data["sources"], 1):
        if not isinstance(entry, dict):
            problems.append(f"{where}: entry {n} is not a mapping")
            continue
        entry = _normalize_entry(entry)
        label = f"{where}: entry {n} ({entry.get('id', 'no id')})"
        for key, kind in REQUIRED.items():
            if key not in entry:
                problems.append(f"{label}: missing field '{key}' ({kind})")
            elif not _type_ok(entry[key], kind):
                problems.append(f"{label}: field '{key}' must be a {kind}, not {entry[key]!r}")
        for key, value in entry.items():
            if key in REQUIRED:
                continue
            if key not in OPTIONAL:
                problems.append(f"{label}: unknown field '{key}' (typo? see reportbook/sources.py)")
            elif not _type_ok(value, OPTIONAL[key]):
                problems.append(f"{label}: field '{key}' must be a {OPTIONAL[key]}")
        sid = entry.get("id")
        if isinstance(sid, str):
            ids[sid] += 1
            if not _ID.match(sid):
                problems.append(f"{label}: id must be a lowercase slug [a-z0-9-], not {sid!r}")
        sha = entry.get("sha256")
        if isinstance(sha, str):
            shas[sha] += 1
            if not _SHA.match(sha):
                problems.append(f"{label}: sha256 must be 64 lowercase hex digits")
        date = entry.get("date")
        if isinstance(date, str) and not _DATE.match(date):
            problems.append(f"{label}: date must be YYYY, YYYY-MM or YYYY-MM-DD, not {date!r}")
        prec = entry.get("date_precision")
        if isinstance(prec, str) and prec not in PRECISIONS:
            problems.append(f"{label}: date_precision must be one of {', '.join(PRECISIONS)}")
        if isinstance(date, str) and prec in PRECISIONS:
            expected = {4: "year", 7: "month", 10: "day"}[len(date)] if _DATE.match(date) else None
            if expected and prec != expected:
                problems.append(f"{label}: date {date} has precision {expected}, not {prec}")
        if date is None and prec not in (None, "unknown"):
            problems.append(f"{label}: no date, so date_precision must be 'unknown'")
        if entry.get("date_basis") not in (None, "given", "inferred", "unknown"):
            problems.append(f"{label}: date_basis must be given, inferred or unknown")
        stype = entry.get("type", "document")
        if isinstance(stype, str) and stype not in TYPES:
            problems.append(f"{label}: type must be document or table, not {stype!r}")
        if (
            stype == "table"
            and isinstance(entry.get("file"), str)
            and not entry["file"].lower().endswith(".csv")
        ):
            problems.append(f"{label}: a table's file must end in .csv, not {entry['file']!r}")
        fname = entry.get("file")
        if check_files and isinstance(fname, str):
            fpath = paths.sources_dir / fname
            if "/" in fname or "\\" in fname or not fpath.is_file():
                problems.append(f"{label}: file '{fname}' not found in {paths.sources_dir.name}/")
            elif check_sha and isinstance(sha, str):
                actual = hashlib.sha256(fpath.read_bytes()).hexdigest()
                if actual != sha:
                    problems.append(
                        f"{label}: sha256 of {fname} is {actual}, the registry says {sha}: the "
                        "raw file was modified; restore it (raw files are never edited)"
                    )
    problems += [f"{where}: id '{i}' is used {c} times" for i, c in ids.items() if c > 1]
    problems += [f"{where}: sha256 {s[:12]}… is used {c} times" for s, c in shas.items() if c > 1]
    return problems


def registry_problems(paths: Paths) -> list[str]:
    """Every schema problem of ``sources.yml`` at once (files and checksums included)."""
    try:
        data = _read_yaml(paths.sources_yml)
    except SourceError as e:
        return [str(e)]
    return _problems(data, paths, check_files=True, check_sha=True)


def load_registry(paths: Paths) -> list[dict]:
    """The validated registry entries; raises :class:`SourceError` naming the entry/field."""
    data = _read_yaml(paths.sources_yml)
    problems = _problems(data, paths, check_files=True, check_sha=False)
    if problems:
        raise SourceError(
            f"{paths.sources_yml} is invalid:\n  " + "\n  ".join(problems) + "\nfix these fields"
        )
    return [_normalize_entry(dict(e)) for e in data["sources"]]


def get(paths: Paths, source_id: str) -> dict:
    for entry in load_registry(paths):
        if entry["id"] == source_id:
            return entry
    known = ", ".join(e["id"] for e in load_registry(paths))
    raise SourceError(
        f"no source with id '{source_id}' in {paths.sources_yml.name}; known ids: {known}"
    )


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

_CORRECTION_REQUIRED = ("source_id", "damaged", "replacement", "reviewer", "reason")


def load_corrections(paths: Paths, source_id: str | None = None) -> list[dict]:
    """Reviewed corrections (all, or one source's). A missing file means none."""
    path = paths.corrections_yml
    if not path.exists():
        return []
    try:
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise SourceError(f"{path}: not valid YAML ({e}); fix the syntax") from None
    items = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise SourceError(f"{path}: expected a mapping with a 'corrections:' list")
    out = []
    for n, c in enumerate(items, 1):
        if not isinstance(c, dict):
            raise SourceError(f"{path}: correction {n} is not a mapping")
        missing = [k for k in _CORRECTION_REQUIRED if not c.get(k) and c.get(k) != ""]
        if missing:
            raise SourceError(f"{path}: correction {n} lacks {', '.join(missing)}; add them")
        c = dict(c)
        if isinstance(c.get("date"), _dt.date):
            c["date"] = c["date"].isoformat()
        if source_id is None or c["source_id"] == source_id:
            out.append(c)
    return out


# --------------------------------------------------------------------------- normalized text

_MEMO: dict[tuple, Normalized] = {}


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
        _atomic_write(path, json.dumps(d, ensure_ascii=False).encode("utf-8"))
    except (OSError, UnicodeDecodeError, LookupError):
        pass  # the cache is an optimisation only


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


def normalized(paths: Paths, source_id: str, *, use_cache: bool = True) -> Normalized:
    """A source's normalized text, with the reviewed corrections applied (memoized).

    For a table (``type: table``) the decoded CSV text, unchanged (see :func:`table_text`)."""
    entry = get(paths, source_id)
    if entry.get("type", "document") == "table":
        memo_key = (str(paths.root), source_id, "table", entry["sha256"])
        if memo_key not in _MEMO:
            _MEMO[memo_key] = table_text(raw_bytes(paths, source_id), entry["file"])
        return _MEMO[memo_key]
    corrections = load_corrections(paths, source_id)
    key = _cache_key(entry, corrections)
    memo_key = (str(paths.root), source_id, key)
    if memo_key in _MEMO:
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
    _MEMO[memo_key] = norm
    return norm


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


def _atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``path`` all at once (temporary file + rename); ``mode`` defaults to the old one."""
    if mode is None:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _infer_date(text: str) -> tuple[str | None, str, str | None]:
    """(date, precision, how) from the latest full date printed in the text."""
    dates = []
    for y, m, d in _FULL_DATE.findall(text):
        try:
            dates.append(_dt.date(int(y), int(m), int(d)))
        except ValueError:
            continue
    if dates:
        latest = max(dates)
        return (
            latest.isoformat(),
            "day",
            f"Not printed as a publication date; the latest full date in the text is "
            f"{latest.isoformat()}, so published on or after it.",
        )
    years = [int(y) for y in re.findall(r"(20\d{2}|19\d{2})年", text)]
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
    if not _DATE.match(date):
        raise SourceError(f"--date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD; give it so")
    return date, {4: "year", 7: "month", 10: "day"}[len(date)]


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

    Nothing changes on disk unless every check passes; the raw copy and ``sources.yml`` are
    written atomically (and the copy is removed again if the registry cannot be written).
    """
    src = Path(path)
    if not src.exists():
        raise SourceError(f"{src}: no such file; check the path")
    if not src.is_file():
        raise SourceError(f"{src}: not a regular file; give the path of a text document")
    raw = src.read_bytes()
    is_table = src.suffix.lower() == ".csv"
    if not raw:
        raise SourceError(
            f"{src}: the file is empty (0 bytes); nothing to ingest"
            + ("; a table needs a header line and one line per figure" if is_table else "")
        )
    n_table_rows = 0
    if is_table:
        from reportbook.extract import read_table
        from reportbook.indicators import load_indicators

        norm = table_text(raw, str(src))
        table = read_table(norm.text, str(src), load_indicators(paths))
        if table.problems:
            raise SourceError(table.message() + "; nothing was written")
        n_table_rows = len(table.rows)
        if not title:
            raise SourceError(
                f"{src}: a table of figures needs --title (the bulletin or table it was typed "
                "from); nothing was written"
            )
    else:
        try:
            norm = normalize.normalize(raw)
        except DecodeError as e:
            raise SourceError(f"{src}: {e}") from None
    sha = hashlib.sha256(raw).hexdigest()
    registry = load_registry(paths)
    for e in registry:
        if e["sha256"] == sha:
            raise SourceError(
                f"{src}: already ingested as '{e['id']}' (same sha256 {sha[:12]}…); "
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
    if not _ID.match(source_id):
        raise SourceError(
            f"id {source_id!r} for {src.name} is not a lowercase ASCII slug ([a-z0-9-]); "
            f"give --id like {_slug(source_id) or 'xinzhou-2024-report'}"
        )
    if any(e["id"] == source_id for e in registry):
        raise SourceError(
            f"{src}: id '{source_id}' already exists in {paths.sources_yml.name}; "
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
    if target.exists():
        raise SourceError(
            f"{target.name} already exists in {paths.sources_dir}; choose another --id"
        )
    first_line = next((ln.strip() for ln in norm.text.split("\n") if ln.strip()), src.stem)
    if region is None:
        region, region_en = _region(norm.text)
    else:
        region_en = SHANXI_CITIES.get(region)
    report = norm.report()
    kinds = Counter(normalize.char_script(c) for c in norm.raw_text if normalize.is_cjk(c))
    script = "traditional" if kinds["traditional"] > 4 * kinds["simplified"] else "simplified"
    if report["t2s_conversions"] and script == "traditional":
        script = "traditional (converted to simplified)"
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
        "language": "zh",
        "script": script,
        "encoding": norm.encoding,
        "url": url,
        "licence": "Unknown: check the original publisher's terms before quoting at length.",
        "notes": (
            f"Ingested {_dt.date.today().isoformat()}: {report['annotations_stripped']} pinyin "
            f"annotations, {report['spans_found']} damaged spans "
            f"({report['spans_for_review']} left for review)."
        ),
        "ingested": _dt.date.today().isoformat(),
    }
    if not title:
        entry["notes"] += " Title taken from the first line."
    if is_table:
        entry["type"] = "table"
        entry["notes"] = (
            f"Ingested {_dt.date.today().isoformat()}: a table of {n_table_rows} figures typed "
            "in by an analyst (CSV, one figure per line; see reportbook.extract.TABLE_DOC)."
        )
    # the new registry text: append to the file, keeping its comments
    old_text = paths.sources_yml.read_text(encoding="utf-8")
    block = yaml.safe_dump(
        [entry], allow_unicode=True, sort_keys=False, default_flow_style=False, width=96
    )
    block = "".join("  " + ln if ln.strip() else ln for ln in block.splitlines(keepends=True))
    new_text = old_text.rstrip("\n") + "\n" + block
    new_data = parse_yaml(new_text)
    problems = _problems(new_data, paths, check_files=False, check_sha=False)
    if problems:
        raise SourceError(
            f"{src}: the new entry would make {paths.sources_yml.name} invalid: "
            + "; ".join(problems)
        )
    _atomic_write(target, raw, 0o444)  # raw files are read-only, like the others
    try:
        _atomic_write(paths.sources_yml, new_text.encode("utf-8"))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return entry, norm


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
        f"  region       {entry.get('region') or 'unknown'}",
    ]
    for rep in norm.repairs:
        if rep["status"] == "review":
            best = rep.get("proposed") or "no confident reading"
            lines.append(
                f"  review       raw [{rep['raw_start']}:{rep['raw_end']}] {rep['damaged']!r}: "
                f"best guess {best!r}; add a reviewed entry to data/corrections.yml"
            )
    return "\n".join(lines)
