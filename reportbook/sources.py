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

from reportbook import duplicates, markup, normalize, periods, places
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
    "headline",
    "ingest",
    "ingest_many",
    "load_corrections",
    "load_registry",
    "normalized",
    "raw_bytes",
    "registry_problems",
    "remove",
    "set_metadata",
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
        why = implausible(q.value, q.value_base, q.base_unit, q.unit)
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


# ----------------------------------------------------------------- the default title

HEADLINE_CHARS = (6, 64)  # a headline's length, in characters
HEADLINE_LINES = 40  # the lines read for one: page furniture above a headline is short
# a line opening with one is a link of a list (a menu, related articles), never the headline
_BULLET = re.compile(r"[•·●■◆▪►▶◇○□★☆>»›|丨*#\-–—]")
_CRUMB = re.compile(r"[>›»＞→]|\s[/|丨]\s")
# "来源：", "发布时间：", "字号：" … anywhere in a line: a metadata or tool line, not a headline
_LABEL = re.compile(
    r"(来源|作者|编辑|责编|记者|通讯员|发布|时间|日期|浏览|阅读|点击|访问|字号|文号|索引号|"
    r"分类|主题词|名称|栏目|打印|关闭|分享|收藏)\s*[：:]"
)
_FURNITURE = ("首页", "当前位置", "您的位置", "现在的位置", "手机版", "手机下载", "下载",
              "客户端", "字号", "打印", "关闭", "分享", "收藏", "扫一扫", "二维码", "登录",
              "注册", "无障碍", "返回", "点击", "简体", "繁体", "繁體", "English")  # fmt: skip
# the site's or the office's name as a banner: 忻州市人民政府网, 晋中市统计局
_SITE = re.compile(r"(网|网站|门户|客户端|频道|专栏|专题|局|委员会|政府|办公室|调查队)$")
_BYLINE = re.compile(r"(长|书记|主任|记者|通讯员|作者)\s*[\u4e00-\u9fff]{2,3}$")  # 市长 刘文华
# the dateline under a work report's title: 2023年2月21日在阳泉市第十六届人民代表大会…上
_DATELINE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日在.*上")
_TAG = re.compile(r"[【\[〔［(（][^】\]〕］)）]*[】\]〕］)）]")  # 【高质量发展调研行】, (资料图)
_SECTION = re.compile(r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]\D")
_DATE_CHARS = set("年月日时分秒星期一二三四五六七八九十")


@dataclass(frozen=True)
class Headline:
    text: str
    line: int  # 1-based, among the text's non-blank lines
    skipped: int  # lines before it that are page furniture

    @property
    def note(self) -> str:
        before = (
            f", after {self.skipped} line{'s' if self.skipped != 1 else ''} of page furniture"
            if self.skipped
            else ""
        )
        return f"Title taken from the headline (line {self.line} of the text{before})."


def _is_furniture(line: str) -> bool:
    """A line a page puts around its text: a menu, a breadcrumb, a button, a tool, source or
    date line, a column's tag, the site's name."""
    if _BULLET.match(line) or _CRUMB.search(line) or _LABEL.search(line):
        return True
    if _TAG.fullmatch(line):
        return True
    if len(line) <= 20 and any(w in line for w in _FURNITURE):
        return True  # 手机下载, 返回首页, 【打印】【关闭】
    if len(line) <= 16 and (_SITE.search(line) or _BYLINE.search(line)):
        return True
    tokens = re.split(r"[\s|丨]+", line)
    if len(tokens) >= 3 and all(len(t) <= 6 for t in tokens):
        return True  # a menu: 首页 新闻 政务 公开
    cjk = [c for c in line if normalize.is_cjk(c) and c not in _DATE_CHARS]
    return len(line) <= 30 and not cjk  # a date: 2024-05-20 10:30, [ 2024年5月20日 星期一 ]


def _is_body(line: str) -> bool:
    """A sentence of the text itself: the headline, if there was one, is above it."""
    return len(line) > HEADLINE_CHARS[1] or ("。" in line and len(line) > 30)


def _looks_like_headline(line: str) -> bool:
    lo, hi = HEADLINE_CHARS
    if not lo <= len(line) <= hi or "。" in line or _SECTION.match(line):
        return False  # a sentence; a section's heading (一、… (一)…)
    if _DATELINE.fullmatch(line):
        return False
    cjk = [c for c in line if normalize.is_cjk(c)]
    words = [c for c in cjk if c not in _DATE_CHARS]
    visible = [c for c in line if not c.isspace()]
    return len(words) >= 5 and len(cjk) >= 0.5 * len(visible)


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def headline(text: str) -> Headline | None:
    """The headline of a (scraped) page's normalized text: the first line that looks like
    one — CJK-rich, of a headline's length, not a sentence or a section's heading — and is
    not page furniture (a menu, a breadcrumb 首页 > 新闻, a button 手机下载, a tool line 字号：大
    中 小, a source or date line 来源：… 2024-05-20, a column's tag 【…】, the site's name).
    None when the text itself (a long line, a sentence) starts first, or none of the first
    ``HEADLINE_LINES`` lines is one."""
    for n, line in enumerate(_lines(text)[:HEADLINE_LINES]):
        if _is_furniture(line):
            continue
        if _looks_like_headline(line):
            return Headline(line, n + 1, n)
        if _is_body(line):
            return None
    return None


def _first_line(text: str) -> str | None:
    """The title when no line is a headline: the first line that is not page furniture."""
    lines = _lines(text)
    return next((ln for ln in lines if not _is_furniture(ln)), lines[0] if lines else None)


# ----------------------------------------------------------------- duplicates


def _fingerprints(paths: Paths, registry: list[dict]) -> dict[str, duplicates.Fingerprint]:
    """Every registered source's fingerprint (``reportbook.duplicates``), from
    ``.cache/reportbook/fingerprints.json`` where it is current (keyed by the raw sha256,
    the corrections that apply and the versions), else from its normalized text. The cache
    is an optimisation only: a missing or damaged one is computed again."""
    cache = paths.cache / "fingerprints.json"
    version = f"{duplicates.VERSION}-{PIPELINE_VERSION}"
    try:
        d = json.loads(cache.read_text(encoding="utf-8"))
        known = d["sources"] if d.get("version") == version else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        known = {}
    out: dict[str, duplicates.Fingerprint] = {}
    fresh: dict[str, dict] = {}
    corrections: dict[str, list[dict]] = {}
    for c in load_corrections(paths):
        corrections.setdefault(c["source_id"], []).append(c)
    for e in registry:
        table = e.get("type") == "table"
        key = e["sha256"] if table else _cache_key(e, corrections.get(e["id"], []))
        fp = None
        c = known.get(e["id"]) if isinstance(known, dict) else None
        if isinstance(c, dict) and c.get("key") == key:
            try:
                fp = duplicates.Fingerprint.from_json(c)
            except (KeyError, TypeError, ValueError):
                fp = None
        if fp is None:
            norm = normalized(paths, e["id"], memo=False)
            fp = duplicates.fingerprint(norm.text, sentences=not table)
            if not table and corrections.get(e["id"]):
                try:
                    as_received = normalize.normalize(raw_bytes(paths, e["id"]))
                except DecodeError as exc:
                    raise SourceError(f"{e['file']}: {exc}") from None
                fp = fp | duplicates.fingerprint(as_received.text)
        out[e["id"]] = fp
        fresh[e["id"]] = {"key": key, **fp.to_json()}
    if fresh != known:
        try:
            text = json.dumps({"version": version, "sources": fresh}, sort_keys=True)
            atomic_write(cache, text.encode("utf-8"))
        except (OSError, WriteError):
            pass  # a read-only or full .cache: the fingerprints are computed next time
    return out


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
    allow_duplicate: bool = False,
) -> tuple[dict, Normalized]:
    """Copy a document into ``data/sources/``, register it and return (entry, normalized).

    A document whose normalized text is that of a registered source (another encoding,
    script or spacing of it: ``reportbook.duplicates``) is refused unless ``allow_duplicate``;
    then, like a near-duplicate (a repost), it is ingested with ``duplicate_of`` naming the
    source it repeats.

    One transaction: nothing changes on disk unless every check passes; the raw copy is
    written first and ``sources.yml`` last, each atomically, so a kill leaves the old
    registry (and at worst a raw file no entry names, which the next command reports and
    the same ingest, run again, takes up). Runs under the project lock."""
    options = {"source_id": source_id, "title": title, "date": date, "publisher": publisher,
               "url": url, "region": region, "allow_duplicate": allow_duplicate}  # fmt: skip
    with processes_lock(paths, "reportbook ingest"):
        registry = load_registry(paths)
        index = _fingerprints(paths, registry)
        prepared = _prepare(paths, registry, path, index=index, **options)
        _commit(paths, registry, [prepared])
    return prepared.entry, prepared.norm


def ingest_many(paths: Paths, documents: list[dict], *, report=None) -> list[dict]:
    """Ingest many documents in one transaction: each dict holds ``path`` and any option of
    :func:`ingest` (``allow_duplicate`` included); a document is compared with the
    registered sources and with the earlier documents of the batch. Every document is
    checked first (a refusal names its file and nothing is written); then the raw copies are
    written, then ``sources.yml`` once. Only one document's normalized text is held at a
    time; ``report(text)`` is called with each document's quality report once all are
    written (never for a batch that was refused)."""
    with processes_lock(paths, "reportbook ingest"):
        registry = load_registry(paths)
        taken = list(registry)
        index = _fingerprints(paths, registry)
        prepared, reports = [], []
        for doc in documents:
            options = {k: v for k, v in doc.items() if k != "path"}
            item = _prepare(paths, taken, doc["path"], index=index, **options)
            index[item.entry["id"]] = item.fingerprint
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
    fingerprint: duplicates.Fingerprint


def _prepare(paths, registry, path, *, index, source_id=None, title=None, date=None,
             publisher=None, url=None, region=None,
             allow_duplicate=False) -> _Prepared:  # fmt: skip
    """Every check of one document against the registry ``registry`` (the entries so far,
    earlier documents of the same transaction included, ``index`` their fingerprints); the
    entry it would get."""
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
    fp = duplicates.fingerprint(norm.text, sentences=not is_table)
    types = {e["id"]: e.get("type", "document") for e in registry}
    earlier = [(e["id"], index[e["id"]]) for e in registry if e["id"] in index]
    dup: duplicates.Match | None = None
    if (same := duplicates.same_text(fp, earlier)) is not None:
        if not allow_duplicate:
            other = next(e for e in registry if e["id"] == same)
            raise SourceError(
                f"{name}: the same text as '{same}' ({_shown(str(other.get('title', '')))}, "
                f"{other.get('original_file')}): its normalized text, without blanks and "
                "punctuation, is identical (another encoding, script or spacing of it); use "
                f"'{same}' instead, or ingest it again with --allow-duplicate to keep it as a "
                f"second copy that confirms '{same}'; nothing was written"
            )
        n = len(fp.sentences)
        dup = duplicates.Match(same, "same text", 1.0, n, n)
    elif not is_table:
        documents = [(sid, f) for sid, f in earlier if types[sid] != "table"]
        dup = duplicates.near(fp, documents)
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
    found = headline(norm.text) if not is_table else None
    default_title = found.text if found else (_first_line(norm.text) or src.stem)[:40]
    if not title:
        what = "its headline" if found else "its first line"
        why = field_problem(f"{what} (the title when --title is not given)", default_title)
        if why:
            raise SourceError(f"{name}: {why}; give --title; nothing was written")
    region_basis = "given" if region is not None else "text"
    if region is None:
        region, region_en = _region(norm.text)
    else:
        region_en = _region_given(region)
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
        "title": title if title else default_title,
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
        entry["notes"] += (
            " " + found.note
            if found
            else " Title taken from the first line that is not page furniture (no line looked "
            "like a headline)."
        )
    if is_table:
        entry["type"] = "table"
        entry["notes"] = (
            f"Ingested {day}: a table of {n_table_rows} figures typed "
            "in by an analyst (CSV, one figure per line; see reportbook.extract.TABLE_DOC)."
        )
    if dup is not None:
        entry["duplicate_of"] = dup.source_id
        entry["duplicate_basis"] = dup.basis
        entry["duplicate_share"] = dup.share
        entry["notes"] += (
            f" The same text as {dup.source_id} (ingested with --allow-duplicate)."
            if dup.basis == "same text"
            else f" A near-duplicate of {dup.source_id}: {dup.shared} of its {dup.sentences} "
            "sentences are that source's."
        )
    if not is_table and not load_corrections(paths, source_id):
        # The next extraction reads the text from the cache instead of normalizing it again
        # (keyed by the raw bytes' hash: harmless if this ingest never commits).
        _to_cache(paths.cache / "normalized" / f"{source_id}-{_cache_key(entry, [])}.json", norm)
    return _Prepared(entry, norm, raw, target, orphan, fp)


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
    new_data = parse_yaml(new_text, paths.sources_yml.name)  # what is written must read back
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
    Registry.wrote(paths, "sources", new_text, new_data)


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


def _duplicate_line(entry: dict) -> str:
    """What the ingest report says of a duplicate, and what it means for the book."""
    other = entry["duplicate_of"]
    counted = f"its figures that repeat {other}'s confirm them and are counted once"
    if entry.get("duplicate_basis") == "same text":
        return (
            f"  duplicate    the same text as {other} (kept as asked, --allow-duplicate): "
            + counted
        )
    share = float(entry.get("duplicate_share") or 0)
    return (
        f"  duplicate    a near-duplicate of {other} ({share:.0%} of its sentences are "
        f"{other}'s; duplicate_of: {other}): {counted}"
    )


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
            + ([_duplicate_line(entry)] if entry.get("duplicate_of") else [])
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
    if entry.get("title_is_descriptive"):
        found = headline(norm.text)
        how = (
            found.note.removeprefix("Title taken from ").rstrip(".")
            if found and found.text == entry["title"]
            else "the first line that is not page furniture (no line looked like a headline)"
        )
        lines.insert(1, f"  title        descriptive: {how}; `source set {entry['id']} --title …` "
                        "gives the printed one")  # fmt: skip
    if entry.get("duplicate_of"):
        lines.append(_duplicate_line(entry))
    for rep in norm.repairs:
        if rep["status"] == "review":
            best = rep.get("proposed") or "no confident reading"
            lines.append(
                f"  review       raw [{rep['raw_start']}:{rep['raw_end']}] {rep['damaged']!r}: "
                f"best guess {best!r}; add a reviewed entry to data/corrections.yml"
            )
    return "\n".join(lines)


# --------------------------------------------------------------------------- editing the registry
# `source set` and `source remove` change one entry of sources.yml in place: the rest of the
# file (its comments, the other entries as they were written) stays byte for byte, and what
# is written must parse back to exactly the registry intended, or nothing is written.


def _items(text: str) -> list:
    """The YAML nodes of the entries of ``sources.yml``'s text (block style only)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    seq = next((v for k, v in root.value if k.value == "sources"), None) if root else None
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style:
        return []
    return list(seq.value)


def _line_end(text: str, index: int) -> int:
    """Where the line holding ``index`` ends (after its newline); a node ending at a line's
    start (a block scalar) ends there."""
    if index == 0 or text[index - 1] == "\n":
        return index
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def _field_text(key: str, value, column: int) -> str:
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=96,
                            default_flow_style=False).rstrip("\n")  # fmt: skip
    first, *rest = dumped.split("\n")
    return "\n".join([first, *(" " * column + ln if ln else ln for ln in rest)])


def _edited(text: str, n: int, changes: dict) -> str:
    """``text`` with the fields ``changes`` names set in the ``n``-th entry (added at the
    entry's end when it has none)."""
    item = _items(text)[n]
    edits = []  # (start, end, replacement), applied from the end
    pairs = {k.value: (k, v) for k, v in item.value}
    column = item.value[0][0].start_mark.column
    for key, value in changes.items():
        if key in pairs:
            k, v = pairs[key]
            old = text[k.start_mark.index : v.end_mark.index]
            tail = old[len(old.rstrip("\n")) :]
            edits.append((k.start_mark.index, v.end_mark.index,
                          _field_text(key, value, column) + tail))  # fmt: skip
        else:
            at = _line_end(text, item.value[-1][1].end_mark.index)
            lead = "" if at == 0 or text[at - 1] == "\n" else "\n"
            edits.append((at, at, lead + " " * column + _field_text(key, value, column) + "\n"))
    for start, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _without(text: str, n: int) -> str:
    """``text`` without the ``n``-th entry (from its "- " line to the end of its last field)."""
    item = _items(text)[n]
    start = text.rfind("\n", 0, item.start_mark.index) + 1
    end = _line_end(text, item.value[-1][1].end_mark.index)
    return text[:start] + text[end:]


def _write_registry(paths: Paths, new_text: str, expected: list[dict], what: str) -> None:
    """Write ``sources.yml`` as ``new_text`` once it reads back as ``expected`` and passes
    the schema; else raise, naming the file, with nothing written."""
    name = paths.sources_yml.name
    data = parse_yaml(new_text, name)
    got = (data or {}).get("sources") or [] if isinstance(data, dict) else None
    if got != expected:
        raise SourceError(
            f"{name}: {what} could not be written in place (the file is not in the block form "
            "ingest writes); edit the entry by hand; nothing was written"
        )
    problems = schema_problems(paths, "sources", data, new_text)
    if problems:
        raise SourceError(f"{name}: {what} would make it invalid: " + "; ".join(map(str, problems)))
    atomic_write(paths.sources_yml, new_text.encode("utf-8"))


def _find(paths: Paths, registry: list[dict], source_id: str) -> int:
    for n, e in enumerate(registry):
        if e["id"] == source_id:
            return n
    near = [e["id"] for e in registry if source_id in e["id"] or e["id"] in source_id][:5]
    hint = f" (did you mean {', '.join(near)}?)" if near else ""
    raise SourceError(
        f"{paths.sources_yml.name}: no source with id '{_shown(source_id)}'{hint}; the ids are "
        "the `id:` lines of data/sources/sources.yml; nothing was changed"
    )


def _region_given(region: str) -> str | None:
    """The English name of a region given by hand (None when it is not a city we know)."""
    return SHANXI_CITIES.get(region) or SHANXI_CITIES.get(region.removesuffix("市"))


def set_metadata(
    paths: Paths,
    source_id: str,
    *,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    region: str | None = None,
    publisher: str | None = None,
) -> list[tuple[str, object, object]]:
    """Change a source's metadata in ``sources.yml`` (``source set``): each option given
    (None: left as it is; ``""``: unknown, except the title, which a source always has) is
    checked as ingest checks it, and the entry is rewritten in place, atomically, under the
    project lock. Returns (field, old, new) for every field that changed."""
    what = f"source set {source_id}"
    for label, value, braces in (("--title", title, True), ("--publisher", publisher, True),
                                 ("--region", region, False)):  # fmt: skip
        if value and (why := field_problem(label, str(value), braces=braces)):
            raise SourceError(f"{what}: {why}; nothing was changed")
    if title is not None and not str(title).strip():
        raise SourceError(f"{what}: --title is empty; give the source's title; nothing was changed")
    if url and not URL_RE.fullmatch(str(url)):
        raise SourceError(
            f"{what}: --url '{_shown(str(url))}' is not an http:// or https:// address (without "
            "spaces, quotes or braces); give the address the document was found at, or '' for "
            "none; nothing was changed"
        )
    new: dict = {}
    if title is not None:
        new.update(title=str(title), title_is_descriptive=False)
    if publisher is not None:
        new["publisher"] = str(publisher) or None
    if url is not None:
        new["url"] = str(url) or None
    if region is not None:
        region = str(region) or None
        new.update(region=region, region_en=_region_given(region) if region else None,
                   region_basis="given" if region else None)  # fmt: skip
    if date is not None:
        if str(date) == "":
            new.update(date=None, date_precision="unknown", date_inferred=None,
                       date_basis="unknown")  # fmt: skip
        else:
            try:
                day, precision = _date_given(date)
            except SourceError as e:
                raise SourceError(f"{what}: {e}; nothing was changed") from None
            new.update(date=day, date_precision=precision, date_inferred=None, date_basis="given")
    with processes_lock(paths, "reportbook source set"):
        registry = load_registry(paths)
        n = _find(paths, registry, source_id)
        old = registry[n]
        changes = {k: v for k, v in new.items() if k not in old or old[k] != v}
        changed = [(k, old.get(k), v) for k, v in changes.items()]
        if not changes:
            return []
        text = paths.sources_yml.read_text(encoding="utf-8")
        expected = [dict(e) for e in registry]
        expected[n] = {**old, **changes}
        _write_registry(paths, _edited(text, n, changes), expected, what)
    return changed


def remove(paths: Paths, source_id: str) -> dict:
    """Remove a source (``source remove``): its entry from ``sources.yml`` and its raw file
    from ``data/sources/``, under the project lock; returns the entry removed.

    Refused, with nothing changed, while anything names the source: another source's
    ``duplicate_of``, a reviewed correction or a milestone. The registry is written first
    and the raw file removed after it, so a kill in between leaves a file no entry names,
    which the next command reports. Recorded editions keep the source's figures in their
    ledger snapshots, so the next edition's *What changed* lists them as removed."""
    with processes_lock(paths, "reportbook source remove"):
        registry = load_registry(paths)
        n = _find(paths, registry, source_id)
        entry = registry[n]
        reg = Registry.of(paths)
        named = [f"source {e['id']} (its duplicate_of)" for e in registry
                 if e.get("duplicate_of") == source_id]  # fmt: skip
        named += [
            f"{n_c} reviewed correction{'s' if n_c > 1 else ''} in data/corrections.yml"
            for n_c in [len(load_corrections(paths, source_id))]
            if n_c
        ]
        named += [
            f"{n_m} milestone{'s' if n_m > 1 else ''} in data/milestones.yml"
            for n_m in [sum(1 for m in reg.milestones if m.get("source_id") == source_id)]
            if n_m
        ]
        if named:
            raise SourceError(
                f"source remove {source_id}: {', '.join(named)} "
                f"name{'s' if len(named) == 1 else ''} it; remove or change "
                f"{'that' if len(named) == 1 else 'those'} first; nothing was changed"
            )
        text = paths.sources_yml.read_text(encoding="utf-8")
        expected = [e for e in registry if e["id"] != source_id]
        _write_registry(paths, _without(text, n), expected, f"source remove {source_id}")
        (paths.sources_dir / entry["file"]).unlink(missing_ok=True)
    return entry
