"""Appendix pages, generated from the data at build time (no kernel needed).

- ``sources``: an index of the sources (``book/sources.md``), and a page per source
  (``book/sources/<source_id>.md``, ``reportbook.addresses``) with its metadata and quality
  report, then its figures grouped by the sentence they were read from, each figure
  highlighted (anchor ``#<figure_id>``, the target of every figure link in the book), linked
  to the chapter that shows it, and the raw, unrepaired text behind the sentence.
- ``ledger``: the full fact ledger as a filterable table, with the CSV to download.
- ``review``: what needs a human: unclassified figures, low-confidence kinds, conflicts.
- ``glossary``: Chinese terms with English renderings.
- ``changes``: what changed since the previous edition.

The Chinese edition has its own index of sources, glossary and "what changed" (``write_zh``,
``ZH_PAGES``: the same data, its headings, columns and sentences in Chinese); the page of each
source, the ledger and the review page are the English edition's, shared (the README says
why).

Every page is MyST text whose generated part is one raw HTML block on one line
(``markup.block``), and every string from a source or a registry in it is escaped by
``markup.text``: nothing in a source can end the block, add markup or reach a template.
Headings and labels hold only fixed words and validated ids.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from reportbook import (
    addresses,
    edition,
    language,
    ledger,
    markup,
    periods,
    review,
    sources,
    wording,
    wording_zh,
)
from reportbook import chapters as chapters_mod
from reportbook.files import read_yaml
from reportbook.paths import Paths
from reportbook.registry import ID_RE, Registry

e = markup.text
_one_line = markup.block
SAFE_URL = markup.SAFE_URL

# Pages of data, not prose, are left out of the search index: Sphinx feeds every word of a
# page to jieba and its stemmer, about 6 ms a table row, so a ledger of 95,000 figures alone
# took more than an hour. The chapters and the sources' own pages (every source sentence)
# carry the text a search should find.
DATA_PAGE = "---\nnosearch: true\n---\n\n"

OFFSETS_NOTE = (
    "Two kinds of position are given. <strong>Characters</strong> count characters of the "
    "normalized text, the text figures are read from (what <code>python -m reportbook text "
    "SOURCE --span START:END</code> takes). <strong>Raw characters</strong> count characters "
    "of the file as received, once decoded, and <strong>bytes</strong> count its bytes: the "
    "offset map leads from the first to the others."
)


def _hash(value: str) -> str:
    # A 64-digit hash is one word: let it break anywhere rather than widen a phone's page.
    return f'<code class="rb-hash">{e(value)}</code>'


def _url(value) -> str:
    if not value:
        return "—"
    # Only a source's own http(s) address becomes a link; anything else is shown as text.
    if SAFE_URL.fullmatch(str(value)):
        return (
            f'<a class="rb-source-url" href="{e(value)}" rel="external noreferrer">{e(value)}</a>'
        )
    return e(value)


def _meta_table(s: dict) -> str:
    authors = "、".join(str(a) for a in s.get("authors") or []) or "unknown"
    descriptive = " (descriptive)" if s.get("title_is_descriptive") else ""
    rows = [
        ("Title", e(str(s.get("title", "")) + descriptive)),
        ("In English", e(s.get("title_en", "") or "")),
        ("Series", e(s.get("series") or "—")),
        ("Authors", e(authors)),
        ("Publisher", e(s.get("publisher") or "unknown")),
        ("Date", e(f"{s.get('date', '')} ({s.get('date_precision', '')} precision)")),
        ("How the date was found", e(s.get("date_inferred", "") or "given")),
        ("Region", e(s.get("region_en") or s.get("region") or "unknown")),
        ("Language and script", e(f"{s.get('language', '')}, {s.get('script', '')}")),
        ("Original file", e(s.get("original_file", ""))),
        ("SHA-256 of the raw bytes", _hash(str(s.get("sha256", "")))),
        ("URL", _url(s.get("url"))),
        ("Licence", e(s.get("licence", ""))),
        ("Notes", e(s.get("notes", "") or "—")),
    ]
    if s.get("duplicate_of"):
        rows.insert(1, ("Duplicate of", _duplicate(s)))
    body = "".join(f"<tr><th>{e(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="rb-table rb-meta"><tbody>{body}</tbody></table>'


def _duplicate(s: dict) -> str:
    """What a source's page says of the source it duplicates (``duplicate_of``)."""
    dup = _slug(str(s["duplicate_of"]))
    link = f'<a href="{e(dup)}.html">{e(dup)}</a>'
    if s.get("duplicate_basis") == "same text":
        why = "the same text, in another encoding, script or spacing (kept as asked)"
    else:
        share = float(s.get("duplicate_share") or 0)
        why = f"a repost: {share:.0%} of its sentences are that source's"
    return (
        f"{link}: {e(why)}. Its figures that repeat that source's confirm them and are "
        "counted once."
    )


def _report_table(report: dict) -> str:
    body = "".join(
        f"<tr><th>{e(str(k).replace('_', ' '))}</th><td>{e(str(v))}</td></tr>"
        for k, v in report.items()
        if not isinstance(v, list | dict)
    )
    return f'<table class="rb-table rb-quality"><tbody>{body}</tbody></table>'


def _repairs_table(norm) -> str:
    if not norm.repairs:
        return "<p>No damaged spans found.</p>"
    body = "".join(
        f"<tr><td>{e(r.get('raw_start'))}–{e(r.get('raw_end'))}</td>"
        f'<td lang="zh-Hant">{e(str(r.get("damaged", "")))}</td>'
        f'<td lang="zh-Hant">{e(str(r.get("repaired") or "—"))}</td>'
        f"<td>{e(str(r.get('status', '')))}</td></tr>"
        for r in norm.repairs
    )
    return (
        '<table class="rb-table rb-repairs"><thead><tr><th>Raw characters</th><th>As received'
        "</th><th>Repaired</th><th>How</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def shown_in(paths: Paths, figures: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """figure_id -> (chapter page, chapter title): the theme chapter whose rows hold the
    figure (``chapters.theme_slice``), else the overview when its rows do; figures of other
    places are in no chapter."""
    reg = Registry.of(paths)
    titles = {t["id"]: t.get("title") or t["id"] for t in reg.themes}
    found = chapters_mod.find(paths.book, set(titles))
    out: dict[str, tuple[str, str]] = {}
    overview = [ch for ch in found if ch.theme == chapters_mod.OVERVIEW]
    repeated = review.repeats(figures, reg.sources)
    for ch in [ch for ch in found if ch.theme != chapters_mod.OVERVIEW] + overview:
        rows = chapters_mod.theme_slice(figures, ch.theme, reg.region, reg.place, repeated)
        title = "Overview" if ch.theme == chapters_mod.OVERVIEW else titles.get(ch.theme, ch.name)
        for fid in rows["figure_id"]:
            out.setdefault(fid, (ch.name, title))
    # a figure that repeats another source's is shown where the figure it confirms is
    for fid, confirmed in repeated.items():
        if confirmed in out:
            out[fid] = out[confirmed]
    return out


def _marked(text: str, qs: int, qe: int, spans: list[tuple[int, int]]) -> str:
    """The sentence ``text[qs:qe]`` with each figure's span marked (overlaps: the first)."""
    out, at = [], qs
    for cs, ce in sorted(spans):
        if not (at <= cs <= ce <= qe):
            continue
        out += [e(text[at:cs]), f"<mark>{e(text[cs:ce])}</mark>"]
        at = ce
    out.append(e(text[at:qe]))
    return "".join(out)


def _figure_item(
    row, chapter: tuple[str, str] | None, names: dict[str, str], confirms: str | None = None
) -> str:
    """One figure of a sentence, in the words of the ledger appendix: its id (what ``cite``
    takes), the figure, what it measures, its kind and period, where it is in the text;
    ``confirms``: the figure of another source it repeats (``review.repeats``)."""
    cs, ce = int(row.char_start), int(row.char_end)
    fid = str(row.figure_id)
    where = (
        f'shown in <a href="../{e(chapter[0])}.html">{e(chapter[1])}</a>'
        if chapter
        else "in no chapter (" + e(row.place or row.region or "another place") + ")"
    )
    if confirms:
        src = addresses.source_of(confirms)  # a page under sources/ links to its sibling
        href = f"../{addresses.source_doc(src)}.html#{confirms}" if src else f"#{confirms}"
        where = (
            f'confirms <a href="{e(href)}">{e(confirms)}</a> of {e(src or "another source")} '
            f"(one report in two sources, counted once){', ' + where if chapter else ''}"
        )
    period = row.period if isinstance(row.period, str) and row.period else ""
    indicator = str(row.indicator_id) if isinstance(row.indicator_id, str) else ""
    what = e(names.get(indicator, indicator)) if indicator else "unclassified"
    kind = e(wording.kind_word(row.kind)) + ("†" if row.kind_confidence == "low" else "")
    return (
        f'<li class="rb-figsrc" id="{e(fid)}">'
        f'<a href="#{e(fid)}">{e(fid)}</a> · <strong>{e(wording.qualified(row))}</strong> · '
        f"{what} · {kind} · {e(wording.period_label(period) if period else 'no period')} · "
        f"characters {cs}–{ce} · {where}</li>"
    )


def _sentence(rows: list, norm, shown: dict, names: dict[str, str], confirms=None) -> str:
    """One sentence of the source with every figure read from it, and the raw text behind."""
    first = rows[0]
    text = norm.text
    qs = int(first.quote_start)
    qe = qs + len(str(first.quote))
    rs, re_ = norm.raw_span(qs, qe)
    raw_where = f"raw characters {rs}–{re_}"
    if norm.byte_offsets:
        raw_where += f", bytes {norm.byte_offsets[rs]}–{norm.byte_offsets[re_]}"
    spans = [(int(r.char_start), int(r.char_end)) for r in rows]
    confirms = confirms or {}
    items = "".join(
        _figure_item(r, shown.get(str(r.figure_id)), names, confirms.get(str(r.figure_id)))
        for r in rows
    )
    return (
        f'<div class="rb-sentence" id="s-{qs}">'
        f'<p class="rb-figsrc-head">Sentence at characters {qs}–{qe} · {len(rows)} '
        f"figure{'s' if len(rows) != 1 else ''}</p>"
        f'<blockquote lang="zh-Hans">{_marked(text, qs, qe, spans)}</blockquote>'
        f'<ul class="rb-figsrc-list">{items}</ul>'
        f"<details><summary>Raw text as received ({raw_where})</summary>"
        f'<blockquote lang="zh">{e(norm.raw_text[rs:re_])}</blockquote></details>'
        "</div>"
    )


def _slug(source_id: str) -> str:
    # Ids are checked before any page is made (registry checks); a page name never holds
    # anything else, whatever the registry says.
    if not ID_RE.fullmatch(source_id):
        raise ValueError(f"source id {source_id!r} is not a slug")
    return source_id


def source_page(
    s: dict,
    norm,
    figs: pd.DataFrame,
    shown: dict,
    names: dict[str, str] | None = None,
    confirms: dict[str, str] | None = None,
) -> str:
    """The page of one source: ``book/sources/<id>.md``; ``names``: the indicators' English
    names (else their ids); ``confirms``: ``review.repeats``."""
    names = names or {}
    sid = _slug(s["id"])
    figs = figs.sort_values(["quote_start", "char_start", "char_end"], kind="mergesort")
    groups: dict[tuple[int, str], list] = {}
    for r in figs.itertuples():
        groups.setdefault((int(r.quote_start), str(r.quote)), []).append(r)
    sentences = "".join(_sentence(rows, norm, shown, names, confirms) for rows in groups.values())
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in norm.text.split("\n") if p.strip())
    block = (
        f'<div class="rb-source-entry" data-source="{e(sid)}">'
        f'<p class="rb-back"><a href="../{addresses.INDEX}.html#src-{e(sid)}">All sources</a></p>'
        f'<p lang="zh-Hans" class="rb-source-title">{e(s.get("title", ""))}</p>'
        f"{_meta_table(s)}"
        f"<h2>Quality report</h2>{_report_table(norm.report())}"
        f"<h2>Repairs of scraping damage</h2>{_repairs_table(norm)}"
        f"<h2>Figures in context</h2>"
        f'<p class="rb-offsets">{OFFSETS_NOTE}</p>'
        f"<p>{len(figs)} figure{'s' if len(figs) != 1 else ''} in {len(groups)} "
        f"sentence{'s' if len(groups) != 1 else ''}.</p>"
        f"{sentences}"
        '<details class="rb-fulltext"><summary>Full normalized text</summary>'
        f'<div lang="zh-Hans">{paragraphs}</div></details></div>'
    )
    # Orphan: reached from the index and from every figure link, not listed in the sidebar
    # (a sidebar of thousands of sources would weigh on every page of the book).
    return f"---\norphan: true\n---\n\n(source-{sid})=\n# Source {sid}\n\n{_one_line(block)}\n"


def _duplicate_mark(s: dict, zh: bool) -> str:
    """After a duplicate's title in the index of sources: which source it repeats."""
    if not s.get("duplicate_of"):
        return ""
    dup = _slug(str(s["duplicate_of"]))
    link = f'<a href="#src-{e(dup)}">{e(dup)}</a>'
    return f"（与{link}重复）" if zh else f' <span lang="en">(a duplicate of {link})</span>'


def sources_index(
    paths: Paths, entries: list[dict], figures: pd.DataFrame, lang: str = language.DEFAULT
) -> str:
    """``book/sources.md``: one line per source, each leading to its page (the Chinese
    edition's index leads to the shared page of the English edition)."""
    zh = language.check(lang) == "zh"
    where = language.shared(lang)
    counts = figures.groupby("source_id").size().to_dict() if len(figures) else {}
    rows = []
    for s in entries:
        sid = _slug(s["id"])
        region = (s.get("region") or "未知") if zh else (s.get("region_en") or s.get("region")
                                                          or "unknown")  # fmt: skip
        rows.append(
            f'<tr id="src-{e(sid)}">'
            f'<td><a href="{where}{addresses.FOLDER}/{e(sid)}.html">{e(sid)}</a></td>'
            f'<td lang="zh-Hans">{e(s.get("title", ""))}{_duplicate_mark(s, zh)}</td>'
            f"<td>{e(s.get('date') or ('未注明' if zh else 'undated'))}</td>"
            f"<td>{e(region)}</td>"
            f"<td>{counts.get(s['id'], 0)}</td></tr>"
        )
    heads = ("来源", "标题", "日期", "地区", "条数") if zh else (
        "Source", "Title", "Date", "Region", "Figures")  # fmt: skip
    table = (
        '<div class="rb-scroll"><table class="rb-table rb-sources"><thead><tr>'
        + "".join(f"<th>{h}</th>" for h in heads)
        + f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    if zh:
        return (
            "(appendix-sources)=\n# 来源与数据质量\n\n"
            "本书的每条数据都来自下列文件之一。每份文件都按收到时的原样保存；每份文件都有"
            "一页，列出其质量报告、从原始文本到规范化文本所作的修复，以及从中读取的每条数据"
            "（在其句子中，与读取它的原始文本并列）。这些来源页与英文版共用，其中的来源原文"
            "本身即为中文。\n\n" + _one_line(table) + "\n"
        )
    return (
        "(appendix-sources)=\n# Sources and data quality\n\n"
        "Every figure in this book comes from one of these documents. Each is kept exactly as "
        "received; each has a page with its quality report, the repairs applied on the way to "
        "the normalized text, and every figure read from it, in its sentence, beside the raw "
        "text it was read from.\n\n" + _one_line(table) + "\n"
    )


def indicator_names(paths: Paths) -> dict[str, str]:
    """Each indicator's English name, as the ledger appendix and the sources' pages show it."""
    return {i["id"]: i.get("name_en", i["id"]) for i in Registry.of(paths).items("indicators")}


def write_sources(paths: Paths, dest: Path, figures: pd.DataFrame) -> list[str]:
    """The index and one page per source into ``dest`` (the staged book/); return the
    page names (relative to ``dest``, without suffix)."""
    entries = sources.load_registry(paths)
    shown = shown_in(paths, figures)
    confirms = review.repeats(figures, entries)
    indicators = indicator_names(paths)
    folder = dest / addresses.FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    by_source = dict(tuple(figures.groupby("source_id", sort=False))) if len(figures) else {}
    empty = figures.iloc[0:0]
    names = [addresses.INDEX]
    (dest / f"{addresses.INDEX}.md").write_text(
        sources_index(paths, entries, figures), encoding="utf-8"
    )
    for s in entries:
        # One source's normalized text at a time: the pages of thousands of sources are
        # made in the memory of one.
        norm = sources.normalized(paths, s["id"], memo=False)
        text = source_page(s, norm, by_source.get(s["id"], empty), shown, indicators, confirms)
        (folder / f"{s['id']}.md").write_text(text, encoding="utf-8")
        names.append(addresses.source_doc(s["id"]))
    return names


LEDGER_COLUMNS = [  # (heading, what the cell shows, how it sorts)
    ("Figure", "the figure as printed, with its qualifier; links to its sentence", "number"),
    ("Indicator", "what it measures (or unclassified, with what the text names)", "text"),
    ("Chapter", "the theme it belongs to", "text"),
    ("Place", "what place it measures", "text"),
    ("Kind", "achieved, target, forecast or plan († inferred)", "text"),
    ("Period", "the time it refers to", "date"),
    ("Source", "the document it was read from", "text"),
    ("Sentence", "the sentence it came from", "text"),
]


def _sort_value(r) -> str:
    """A figure's sort key for the Figure column: its base value (comparable within a unit)."""
    v = r.value_base if isinstance(r.value_base, (int, float)) else None
    try:
        return "" if v is None or pd.isna(v) else f"{float(v):.6f}"
    except (TypeError, ValueError):
        return ""


# The ledger is one page while it is small; past this many figures it is an index of parts,
# a theme per part (a large theme in several), so no page a reader opens holds more than this
# many rows (a single page of 95,745 figures weighed 77 MB).
LEDGER_PAGE_ROWS = 1000
LEDGER = "ledger"  # book/ledger.md; its parts book/ledger-<theme>[-<n>].md, beside the chapters
ORPHAN_DATA_PAGE = "---\norphan: true\nnosearch: true\n---\n\n"


def _ledger_row(r, names: dict, themes: dict, titles: dict) -> str:
    theme = themes.get(r.theme_id, {})
    measured = getattr(r, "measured", "") or ""
    if r.indicator_id:
        what = e(names.get(r.indicator_id, r.indicator_id))
    else:
        what = "unclassified" + (f' (<span lang="zh-Hans">{e(measured)}</span>)'
                                 if measured else "")  # fmt: skip
    chapter = (f'<a href="{e(theme["chapter"])}.html">{e(theme["title"])}</a>'
               if theme else e(r.theme_id))  # fmt: skip
    kind = e(wording.kind_word(r.kind)) + ("†" if r.kind_confidence == "low" else "")
    p = r.period if isinstance(r.period, str) else ""
    period_key = wording.period_label(p) if p else ""
    parsed = periods.try_parse(p) if p else None
    pkey = f"{parsed.end.isoformat()}{parsed.start.isoformat()}" if parsed else ""
    # What the filter also matches: the ids, the Chinese names, the raw period.
    hidden = " ".join(str(x) for x in (r.figure_id, r.indicator_id, r.source_id, r.theme_id,
                                       p, r.unit, r.qualifier, r.kind) if x)  # fmt: skip
    return (
        f'<tr data-text="{e(hidden)}">'
        f'<td data-key="{_sort_value(r)}">'
        f"{wording.figure_link(r.figure_id, e(wording.qualified(r)))}</td>"
        f"<td>{what}</td><td>{chapter}</td>"
        f'<td lang="zh-Hans">{e(str(r.place or "—"))}</td>'
        f"<td>{kind}</td>"
        f'<td data-key="{e(pkey)}">'
        f"{e(period_key or '—')}</td>"
        f'<td><a href="{e(wording.source_href(r.source_id))}" lang="zh-Hans">'
        f"{e(titles.get(r.source_id, r.source_id))}</a></td>"
        f'<td class="rb-quote" lang="zh-Hans">{e(str(r.quote))}</td>'
        "</tr>"
    )


def _ledger_table(rows: list[str]) -> str:
    head = "".join(
        f'<th data-sort="{kind}" title="{e(what)}"><button type="button" class="rb-sort">'
        f"{e(name)}</button></th>"
        for name, what, kind in LEDGER_COLUMNS
    )
    n = len(rows)
    return _one_line(
        '<p class="rb-filter-bar"><input type="search" class="rb-filter" '
        'data-table="rb-ledger" placeholder="Filter figures, e.g. 亿元 or energy" '
        'aria-label="Filter the ledger"> <span class="rb-filter-count" aria-live="polite">'
        f"{n} of {n} figures</span></p>"
        f'<div class="rb-scroll"><table class="rb-table rb-ledger" id="rb-ledger"><thead>'
        f"<tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _ledger_parts(by_theme: list[tuple[str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """(page, theme, rows) parts of at most LEDGER_PAGE_ROWS rows: a theme per part, a
    theme with more rows in numbered parts. Names depend only on the theme and the count."""
    parts = []
    for theme_id, rows in by_theme:
        chunks = [rows[i : i + LEDGER_PAGE_ROWS] for i in range(0, len(rows), LEDGER_PAGE_ROWS)]
        for k, chunk in enumerate(chunks, 1):
            suffix = f"-{k}" if len(chunks) > 1 else ""
            parts.append((f"{LEDGER}-{theme_id}{suffix}", theme_id, chunk))
    return parts


def ledger_pages(paths: Paths, ledger: pd.DataFrame) -> dict[str, str]:
    """Every figure as a table a reader can use: English headings, indicator names, the
    chapter and the sentence linked, a filter over every cell (and the ids behind it), and
    sortable columns; the same data as CSV and as a data package. One page (``ledger``)
    while the ledger has at most LEDGER_PAGE_ROWS figures, else that page is an index of
    parts by theme. Returns {page name: MyST text}."""
    reg = Registry.of(paths)
    names = indicator_names(paths)
    themes = {t["id"]: t for t in reg.themes}
    titles = {src["id"]: src.get("title", src["id"]) for src in reg.sources}
    order = ledger.assign(_t=ledger["theme_id"].map(lambda t: list(themes).index(t)
                                                     if t in themes else 99))  # fmt: skip
    order = order.sort_values(["_t", "indicator_id", "period", "source_id", "char_start"],
                              kind="mergesort")  # fmt: skip
    by_theme = [
        (str(t), [_ledger_row(r, names, themes, titles) for r in grp.itertuples()])
        for t, grp in order.groupby(order["theme_id"].fillna(""), sort=False)
    ]
    n = len(order)
    intro = (
        DATA_PAGE + "(appendix-ledger)=\n# The fact ledger\n\n"
        f"Every figure extracted from the sources, one row each ({n} in this edition). "
    )
    download = (
        "The same data as CSV, with a data package describing every column: "
        "{download}`figures.csv <figures.csv>` · {download}`datapackage.json <datapackage.json>`."
    )
    how = (
        "Type in the box to keep only the rows that contain what you type, in English or "
        "Chinese (a figure id, an indicator, a place, a source, a word of the sentence); click "
        "a column's heading to sort by it. A † marks a kind inferred from the context. "
    )
    if n <= LEDGER_PAGE_ROWS:
        rows = [row for _, theme_rows in by_theme for row in theme_rows]
        return {LEDGER: intro + how + download + "\n\n" + _ledger_table(rows) + "\n"}
    parts = _ledger_parts(by_theme)
    index_rows = "".join(
        f"<tr><td>{e(themes.get(t, {}).get('title', t))}</td>"
        f'<td><a href="{e(page)}.html">{e(page.removeprefix(LEDGER + "-"))}</a></td>'
        f"<td>{len(rows)}</td></tr>"
        for page, t, rows in parts
    )
    pages = {
        LEDGER: intro + f"They are shown in {len(parts)} parts, a theme per part and at most "
        f"{LEDGER_PAGE_ROWS} figures in each, so that every page stays quick to open; each "
        "part can be filtered and sorted. "
        + download
        + "\n\n"
        + _one_line(
            '<div class="rb-scroll"><table class="rb-table"><thead><tr><th>Chapter</th>'
            f"<th>Part</th><th>Figures</th></tr></thead><tbody>{index_rows}</tbody></table></div>"
        )
        + "\n"
    }
    for k, (page, t, rows) in enumerate(parts, 1):
        theme = themes.get(t, {})
        chapter = (f'<a href="{e(theme["chapter"])}.html">{e(theme["title"])}</a>'
                   if theme else e(t))  # fmt: skip
        pages[page] = (
            ORPHAN_DATA_PAGE
            + f"(appendix-{page})=\n# The fact ledger, part {k} of {len(parts)}\n\n"
            + _one_line(
                f"<p>{len(rows)} figures of the chapter {chapter}. {e(how)}All parts: "
                f'<a href="{LEDGER}.html">the fact ledger</a>.</p>'
            )
            + "\n\n"
            + _ledger_table(rows)
            + "\n"
        )
    return pages


# Each table of the review page shows at most this many entries (the first, as review.review
# orders them); `python -m reportbook review` prints every one.
REVIEW_ROWS = 500


def review_page(paths: Paths) -> str:
    """For the book's maintainers: what needs a person, as tables — unclassified figures by
    the indicator they propose, kinds inferred from context, conflicting reports."""
    rv = review.review(paths)
    c = rv["counts"]
    cut = {k: rv[k][:REVIEW_ROWS] for k in ("proposals", "low_confidence", "conflicts")}

    def link(r) -> str:
        return wording.figure_link(r["figure_id"], e(str(r["span"])), r.get("quote"))

    groups = "".join(
        "<tr>"
        f'<td lang="zh-Hans">{e(g["measured"] or "(nothing named)")}</td>'
        f"<td>{e(g['measure'])}</td><td>{e(g['base_unit'])}</td><td>{g['count']}</td>"
        f"<td>{e(', '.join(g['ambiguous']) and 'ambiguous: ' + ', '.join(g['ambiguous']))}"
        f"{e(g['named_otherwise'] and 'names ' + g['named_otherwise'][0] + ' (measure or unit differs)' or '')}</td>"  # noqa: E501
        f"<td>{' · '.join(link(r) for r in g['figures'][:6])}"
        f"{' …' if g['count'] > 6 else ''}</td></tr>"
        for g in cut["proposals"]
    )
    low = "".join(
        f"<tr><td>{link(r)}</td><td>{e(r['source_id'])}</td><td>{e(r['kind'])}</td>"
        f'<td lang="zh-Hans">{e(r["kind_cue"] or "—")}</td>'
        f"<td>{e(r['indicator_id'] or 'unclassified')}</td><td>{e(r['period'] or '—')}</td></tr>"
        for r in cut["low_confidence"]
    )
    conf = "".join(
        f"<tr><td>{e(g['indicator_id'])}</td><td>{e(g['kind'])} {e(g['period'])}</td><td>"
        + " · ".join(f"{link(r)} ({e(r['source_id'])})" for r in g["figures"])
        + "</td></tr>"
        for g in cut["conflicts"]
    )

    def table(heads: list[str], body: str, key: str) -> str:
        if not body:
            return "<p>None.</p>"
        th = "".join(f"<th>{h}</th>" for h in heads)
        rest = ""
        if len(rv[key]) > len(cut[key]):
            rest = (f"<p>The first {len(cut[key])} of {len(rv[key])} are shown; "
                    "<code>python -m reportbook review</code> lists them all.</p>")  # fmt: skip
        return (f'<div class="rb-scroll"><table class="rb-table rb-review"><thead><tr>{th}'
                f"</tr></thead><tbody>{body}</tbody></table></div>{rest}")  # fmt: skip

    return (
        DATA_PAGE + "(appendix-review)=\n# Figures for review (maintainers)\n\n"
        "A page for the book's maintainers, not its readers: what the extractor could not "
        f"settle on its own, in the {c['figures']} figures of this edition. Nothing here is "
        "dropped from the book: unclassified figures stay in their chapter's list of every "
        "figure, and conflicts are flagged where the chapters show them. The same report is "
        "printed by `python -m reportbook review`.\n\n"
        f"(review-unclassified)=\n## Unclassified figures ({c['unclassified']})\n\n"
        "Grouped by what their text names; one entry (a name or alias) in "
        "`data/indicators.yml` classifies a whole group.\n\n"
        + _one_line(
            table(
                [
                    "Named in the text",
                    "Measure",
                    "Base unit",
                    "Figures",
                    "Note",
                    "Figures (to their sentences)",
                ],
                groups,
                "proposals",
            )
        )  # fmt: skip
        + f"\n\n(review-inferred)=\n## Kinds inferred from context ({c['low_confidence']})\n\n"
        "No cue word in the figure's own clause said whether it is a result, a target, a "
        "forecast or a plan; the kind was taken from the context shown. Readers see these "
        "marked †.\n\n"
        + _one_line(
            table(
                ["Figure", "Source", "Kind", "Because of", "Indicator", "Period"],
                low,
                "low_confidence",
            )
        )  # fmt: skip
        + f"\n\n(review-conflicts)=\n## Conflicting reports ({c['conflicts']})\n\n"
        "The same indicator, place, kind and period with different values (within one source "
        "or across sources). The book shows all of them and picks none.\n\n"
        + _one_line(table(["Indicator", "Kind and period", "Reported values"], conf, "conflicts"))
        + "\n"
    )


def glossary_page(paths: Paths, lang: str = language.DEFAULT) -> str:
    terms = read_yaml(paths.glossary_yml)["terms"]
    if language.check(lang) == "zh":  # the English column: how the English edition says it
        body = "".join(
            f'<tr id="term-{e(t["id"])}"><td>{e(t["zh"])}</td>'
            f'<td>{e(t.get("pinyin", ""))}</td><td lang="en">{e(t["en"])}</td>'
            f"<td>{e(t.get('note_zh', ''))}</td></tr>"
            for t in terms
        )
        return (
            "(appendix-glossary)=\n# 术语表\n\n"
            "来源和本书中使用的中文政策术语，及其在本书英文版中的译法。\n\n"
            + _one_line(
                '<table class="rb-table rb-glossary"><thead><tr><th>术语</th><th>拼音</th>'
                f"<th>英文版译法</th><th>说明</th></tr></thead><tbody>{body}</tbody></table>"
            )
            + "\n"
        )
    body = "".join(
        f'<tr id="term-{e(t["id"])}"><td lang="zh-Hans">{e(t["zh"])}</td>'
        f"<td>{e(t.get('pinyin', ''))}</td><td>{e(t['en'])}</td>"
        f"<td>{e(t.get('note', ''))}</td></tr>"
        for t in terms
    )
    return (
        "(appendix-glossary)=\n# Glossary of Chinese terms\n\n"
        "Terms of Chinese policy language used in the sources and in this book, with the "
        "English renderings used here.\n\n"
        + _one_line(
            '<table class="rb-table rb-glossary"><thead><tr><th>Term</th><th>Pinyin</th>'
            f"<th>English</th><th>Note</th></tr></thead><tbody>{body}</tbody></table>"
        )
        + "\n"
    )


# Each table of the changes page shows at most this many figures; every change is in the
# page's download, changes.csv.
CHANGE_ROWS = 1000
CHANGES_CSV = "changes.csv"
CHANGES_COLUMNS = ["change", "figure_id", "source_id", "indicator_id", "kind", "period",
                   "qualifier", "old_value", "value", "unit"]  # fmt: skip


def changes_csv(d: dict[str, pd.DataFrame]) -> str:
    """Every added, revised and removed figure, one row each, safe to open in a spreadsheet."""
    rows = [CHANGES_COLUMNS]
    for change in ("added", "revised", "removed"):
        df = d[change].sort_values(["source_id", "figure_id"])
        for r in df.to_dict("records"):
            r = {**r, "change": change, "old_value": r.get("old_value", "")}
            rows.append(["" if pd.isna(r.get(c)) else r.get(c) for c in CHANGES_COLUMNS])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(markup.spreadsheet_rows(rows))
    return out.getvalue()


def _changes_table(df: pd.DataFrame, revised: bool = False, lang: str = language.DEFAULT) -> str:
    zh = language.check(lang) == "zh"
    if df.empty:
        return "<p>无。</p>" if zh else "<p>None.</p>"
    n = len(df)
    if zh:
        head = "<th>数据</th><th>来源</th><th>指标</th><th>类别</th><th>时期</th>"
        head += "<th>原值</th><th>新值</th>" if revised else "<th>数值</th>"
        qualified, period, kind = wording_zh.qualified_zh, wording_zh.period_label_zh, (
            wording_zh.kind_word_zh)  # fmt: skip
        unclassified = "未分类"
    else:
        head = "<th>Figure</th><th>Source</th><th>Indicator</th><th>Kind</th><th>Period</th>"
        head += "<th>Old value</th><th>New value</th>" if revised else "<th>Value</th>"
        qualified, period, kind = wording.qualified, wording.period_label, str
        unclassified = "unclassified"
    rows = []
    for r in df.sort_values(["source_id", "figure_id"]).head(CHANGE_ROWS).itertuples():
        vals = (
            f"<td>{e(wording.number(r.old_value))}{e(str(r.unit))}</td><td>{e(qualified(r))}</td>"
            if revised
            else f"<td>{e(qualified(r))}</td>"
        )
        rows.append(
            f"<tr><td><code>{e(r.figure_id)}</code></td><td>{e(r.source_id)}</td>"
            f"<td>{e(r.indicator_id if isinstance(r.indicator_id, str) else unclassified)}</td>"
            f"<td>{e(kind(r.kind))}</td><td>{e(period(r.period))}</td>"
            f"{vals}</tr>"
        )
    more = ""
    if n > CHANGE_ROWS:
        more = (f"<p>仅列出 {n} 条中的前 {CHANGE_ROWS} 条；全部见 {CHANGES_CSV}。</p>" if zh
                else f"<p>The first {CHANGE_ROWS} of {n} are shown; every one is in "
                f"{CHANGES_CSV}.</p>")  # fmt: skip
    return (
        f'<table class="rb-table rb-changes"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{more}"
    )


# what each registry is, in the reader's words (English, Chinese)
_REGISTRY_WORDS = {
    "data/indicators.yml": ("the indicator vocabulary", "指标体系"),
    "data/themes.yml": ("the themes", "主题"),
    "data/glossary.yml": ("the glossary", "术语表"),
    "data/corrections.yml": ("the reviewed corrections", "已审校的更正"),
    "data/milestones.yml": ("the milestones", "里程碑"),
}


def changes_page(
    paths: Paths,
    ledger: pd.DataFrame,
    ed: dict,
    chapters: dict[str, str],
    lang: str = language.DEFAULT,
) -> tuple[str, str | None]:
    """The page, and the CSV of every change (None for a first edition)."""
    zh = language.check(lang) == "zh"
    prev = ed.get("previous")
    if zh:
        head = (
            DATA_PAGE + "(appendix-changes)=\n# 本版变化\n\n"
            f"本版为版本 {ed['version']}，所据来源截至{wording_zh.date_words_zh(ed['date'])}。"
        )
        first = "这是首版，没有更早的版本可供比较。\n"
    else:
        head = (
            DATA_PAGE + "(appendix-changes)=\n# What changed in this edition\n\n"
            f"This is edition {ed['version']}, built from sources up to "
            f"{wording.date_words(ed['date'])}. "
        )
        first = "It is the first edition: there is nothing earlier to compare with.\n"
    if not prev:
        return head + first, None
    d = edition.diff(edition.ledger_of(paths, prev), ledger)
    changed = edition.changed_chapters(paths, prev, chapters)
    sep, none = ("、", "无") if zh else (", ", "none")
    links = sep.join(f"{{doc}}`{c}`" for c in changed) or none
    registries = edition.changed_registries(paths, prev, ed.get("inputs") or {})
    if registries:
        named = sep.join(f"{_REGISTRY_WORDS[f][zh]} (`{f}`)" if not zh
                         else f"{_REGISTRY_WORDS[f][zh]}（`{f}`）" for f in registries)  # fmt: skip
        links += (f"。其他有变化的输入：{named}" if zh
                  else f". Other inputs that changed: {named}")  # fmt: skip
    words = (
        (f"此处与上一版 `{prev}` 比较。全部变化（CSV）："
         f"{{download}}`{CHANGES_CSV} <{CHANGES_CSV}>`。\n\n",
         f"数据有变化的章节：{links}。\n\n",
         "新增的数据", "修订的数据", "删除的数据")
        if zh
        else (f"It is compared here with the previous edition, `{prev}`. Every change, as CSV: "
              f"{{download}}`{CHANGES_CSV} <{CHANGES_CSV}>`.\n\n",
              f"Chapters whose data changed: {links}.\n\n",
              "Figures added", "Figures revised", "Figures removed")
    )  # fmt: skip
    return (
        head
        + words[0]
        + words[1]
        + f"(changes-added)=\n## {words[2]}\n\n"
        + _one_line(_changes_table(d["added"], lang=lang))
        + f"\n\n(changes-revised)=\n## {words[3]}\n\n"
        + _one_line(_changes_table(d["revised"], revised=True, lang=lang))
        + f"\n\n(changes-removed)=\n## {words[4]}\n\n"
        + _one_line(_changes_table(d["removed"], lang=lang))
        + "\n"
    ), changes_csv(d)


def write_all(paths: Paths, dest: Path, ed: dict, chapters: dict[str, str]) -> list[str]:
    """Write every generated appendix page into ``dest`` (the staged book/); return their
    names (relative to ``dest``, without suffix)."""
    figures = ledger.read(paths)
    names = write_sources(paths, dest, figures)
    changes, changes_table = changes_page(paths, figures, ed, chapters)
    if changes_table is not None:
        (dest / CHANGES_CSV).write_text(changes_table, encoding="utf-8")
    generated = {
        **ledger_pages(paths, figures),
        "review": review_page(paths),
        "glossary": glossary_page(paths),
        "changes": changes,
    }
    for stem, text in generated.items():
        (dest / f"{stem}.md").write_text(text, encoding="utf-8")
    return names + list(generated)


# The generated pages the Chinese edition has of its own; the others (the page of each source,
# the ledger, the review page) are the English edition's, reached from its pages.
ZH_PAGES = ("sources", "glossary", "changes")


def write_zh(paths: Paths, dest: Path, ed: dict, chapters: dict[str, str]) -> list[str]:
    """Write the Chinese edition's generated appendix pages (``ZH_PAGES``) into ``dest``."""
    figures = ledger.read(paths)
    changes, changes_table = changes_page(paths, figures, ed, chapters, "zh")
    if changes_table is not None:
        (dest / CHANGES_CSV).write_text(changes_table, encoding="utf-8")
    generated = {
        "sources": sources_index(paths, sources.load_registry(paths), figures, "zh"),
        "glossary": glossary_page(paths, "zh"),
        "changes": changes,
    }
    for stem, text in generated.items():
        (dest / f"{stem}.md").write_text(text, encoding="utf-8")
    return list(generated)
