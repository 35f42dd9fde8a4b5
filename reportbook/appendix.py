"""Appendix pages, generated from the data at build time (no kernel needed).

- ``sources``: each source's metadata and quality report, then every figure's sentence in
  context with the figure highlighted (anchor ``#<figure_id>``, the target of every figure link
  in the chapters) and the raw, unrepaired text behind it.
- ``ledger``: the full fact ledger as a filterable table, with the CSV to download.
- ``review``: what needs a human: unclassified figures, low-confidence kinds, conflicts.
- ``glossary``: Chinese terms with English renderings.

Every string from a source document is HTML-escaped here; nothing in a source can add markup.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from reportbook import edition, ledger, periods, review, sources, wording
from reportbook.files import read_yaml
from reportbook.paths import Paths
from reportbook.registry import Registry

e = html.escape


def _one_line(s: str) -> str:
    # A raw HTML block in MyST ends at a blank line: keep generated HTML on one line.
    return s.replace("\n", " ")


def _meta_table(s: dict) -> str:
    authors = "、".join(s.get("authors") or []) or "unknown"
    rows = [
        ("Title", s.get("title", "") + (" (descriptive)" if s.get("title_is_descriptive") else "")),
        ("In English", s.get("title_en", "")),
        ("Series", s.get("series") or "—"),
        ("Authors", authors),
        ("Publisher", s.get("publisher") or "unknown"),
        ("Date", f"{s.get('date', '')} ({s.get('date_precision', '')} precision)"),
        ("How the date was found", s.get("date_inferred", "") or "given"),
        ("Region", s.get("region_en") or s.get("region") or "unknown"),
        ("Language and script", f"{s.get('language', '')}, {s.get('script', '')}"),
        ("Original file", s.get("original_file", "")),
        ("SHA-256 of the raw bytes", s.get("sha256", "")),
        ("URL", s.get("url") or "—"),
        ("Licence", s.get("licence", "")),
        ("Notes", s.get("notes", "") or "—"),
    ]
    body = "".join(f"<tr><th>{e(k)}</th><td>{e(str(v))}</td></tr>" for k, v in rows)
    return f'<table class="rb-table rb-meta"><tbody>{body}</tbody></table>'


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
        f"<tr><td>{r.get('raw_start')}–{r.get('raw_end')}</td>"
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


def _figure_in_context(row, norm) -> str:
    text = norm.text
    qs, qe = int(row.quote_start), int(row.quote_start) + len(str(row.quote))
    cs, ce = int(row.char_start), int(row.char_end)
    rs, re_ = norm.raw_span(qs, qe)
    sentence = (
        e(text[qs:cs]) + f"<mark>{e(text[cs:ce])}</mark>" + e(text[ce:qe])
        if qs <= cs <= ce <= qe
        else e(text[qs:qe])
    )
    label = wording.qualified(row)
    return (
        f'<div class="rb-figsrc" id="{e(row.figure_id)}">'
        f'<p class="rb-figsrc-head"><a href="#{e(row.figure_id)}">{e(row.figure_id)}</a> · '
        f"<strong>{e(label)}</strong> · {e(str(row.kind))} · "
        f"{e(row.period if isinstance(row.period, str) else 'no period')} · "
        f"{e(row.indicator_id if isinstance(row.indicator_id, str) else 'unclassified')} · "
        f"characters {cs}–{ce}</p>"
        f'<blockquote lang="zh-Hans">{sentence}</blockquote>'
        f"<details><summary>Raw text as received (characters {rs}–{re_})</summary>"
        f'<blockquote lang="zh">{e(norm.raw_text[rs:re_])}</blockquote></details>'
        f"</div>"
    )


def sources_page(paths: Paths, ledger: pd.DataFrame) -> str:
    out = [
        "(appendix-sources)=",
        "# Sources and data quality",
        "",
        "Every figure in this book comes from one of these documents. Each is kept exactly as "
        "received; the repairs listed here are applied on the way to the normalized text, and "
        "every figure below links back to the raw text it was read from.",
        "",
    ]
    for s in sources.load_registry(paths):
        norm = sources.normalized(paths, s["id"])
        figs = ledger[ledger["source_id"] == s["id"]].sort_values("char_start")
        anchor = f"source-{s['id']}"
        out += [
            f"({anchor})=",
            f"## {s.get('title_en') or s['id']}",
            "",
            _one_line(
                f'<div id="src-{e(s["id"])}" class="rb-source-entry">'
                f'<p lang="zh-Hans" class="rb-source-title">{e(s.get("title", ""))}</p>'
                f"{_meta_table(s)}"
                f"<h3>Quality report</h3>{_report_table(norm.report())}"
                f"<h3>Repairs of scraping damage</h3>{_repairs_table(norm)}"
                f"<h3>Figures in context</h3>"
                + "".join(_figure_in_context(r, norm) for r in figs.itertuples())
                + '<details class="rb-fulltext"><summary>Full normalized text</summary>'
                f'<div lang="zh-Hans">{"".join(f"<p>{e(p)}</p>" for p in norm.text.split(chr(10)) if p.strip())}</div>'  # noqa: E501
                "</details></div>"
            ),
            "",
        ]
    return "\n".join(out) + "\n"


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


def ledger_page(paths: Paths, ledger: pd.DataFrame) -> str:
    """Every figure as a table a reader can use: English headings, indicator names, the
    chapter and the sentence linked, a filter over every cell (and the ids behind it), and
    sortable columns; the same data as CSV and as a data package."""
    reg = Registry.of(paths)
    names = {i["id"]: i.get("name_en", i["id"]) for i in reg.items("indicators")}
    themes = {t["id"]: t for t in reg.themes}
    titles = {src["id"]: src.get("title", src["id"]) for src in reg.sources}
    head = "".join(
        f'<th data-sort="{kind}" title="{e(what)}"><button type="button" class="rb-sort">'
        f"{e(name)}</button></th>"
        for name, what, kind in LEDGER_COLUMNS
    )
    rows = []
    order = ledger.assign(_t=ledger["theme_id"].map(lambda t: list(themes).index(t)
                                                     if t in themes else 99))  # fmt: skip
    for r in order.sort_values(["_t", "indicator_id", "period", "source_id", "char_start"],
                               kind="mergesort").itertuples():  # fmt: skip
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
        rows.append(
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
    n = len(rows)
    return (
        "(appendix-ledger)=\n# The fact ledger\n\n"
        f"Every figure extracted from the sources, one row each ({n} in this edition). Type in "
        "the box to keep only the rows that contain what you type, in English or Chinese (a "
        "figure id, an indicator, a place, a source, a word of the sentence); click a column's "
        "heading to sort by it. A † marks a kind inferred from the context. The same data as "
        "CSV, with a data package describing every column: "
        "{download}`figures.csv <figures.csv>` · {download}`datapackage.json <datapackage.json>`."
        "\n\n"
        + _one_line(
            '<p class="rb-filter-bar"><input type="search" class="rb-filter" '
            'data-table="rb-ledger" placeholder="Filter figures, e.g. 亿元 or energy" '
            'aria-label="Filter the ledger"> <span class="rb-filter-count" aria-live="polite">'
            f"{n} of {n} figures</span></p>"
            f'<div class="rb-scroll"><table class="rb-table rb-ledger" id="rb-ledger"><thead>'
            f"<tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )
        + "\n"
    )


def review_page(paths: Paths) -> str:
    """For the book's maintainers: what needs a person, as tables — unclassified figures by
    the indicator they propose, kinds inferred from context, conflicting reports."""
    rv = review.review(paths)
    c = rv["counts"]

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
        for g in rv["proposals"]
    )
    low = "".join(
        f"<tr><td>{link(r)}</td><td>{e(r['source_id'])}</td><td>{e(r['kind'])}</td>"
        f'<td lang="zh-Hans">{e(r["kind_cue"] or "—")}</td>'
        f"<td>{e(r['indicator_id'] or 'unclassified')}</td><td>{e(r['period'] or '—')}</td></tr>"
        for r in rv["low_confidence"]
    )
    conf = "".join(
        f"<tr><td>{e(g['indicator_id'])}</td><td>{e(g['kind'])} {e(g['period'])}</td><td>"
        + " · ".join(f"{link(r)} ({e(r['source_id'])})" for r in g["figures"])
        + "</td></tr>"
        for g in rv["conflicts"]
    )

    def table(heads: list[str], body: str) -> str:
        if not body:
            return "<p>None.</p>"
        th = "".join(f"<th>{h}</th>" for h in heads)
        return (f'<div class="rb-scroll"><table class="rb-table rb-review"><thead><tr>{th}'
                f"</tr></thead><tbody>{body}</tbody></table></div>")  # fmt: skip

    return (
        "(appendix-review)=\n# Figures for review (maintainers)\n\n"
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
            )
        )  # fmt: skip
        + f"\n\n(review-inferred)=\n## Kinds inferred from context ({c['low_confidence']})\n\n"
        "No cue word in the figure's own clause said whether it is a result, a target, a "
        "forecast or a plan; the kind was taken from the context shown. Readers see these "
        "marked †.\n\n"
        + _one_line(table(["Figure", "Source", "Kind", "Because of", "Indicator", "Period"], low))
        + f"\n\n(review-conflicts)=\n## Conflicting reports ({c['conflicts']})\n\n"
        "The same indicator, place, kind and period with different values (within one source "
        "or across sources). The book shows all of them and picks none.\n\n"
        + _one_line(table(["Indicator", "Kind and period", "Reported values"], conf))
        + "\n"
    )


def glossary_page(paths: Paths) -> str:
    terms = read_yaml(paths.glossary_yml)["terms"]
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


def _changes_table(df: pd.DataFrame, revised: bool = False) -> str:
    if df.empty:
        return "<p>None.</p>"
    head = "<th>Figure</th><th>Source</th><th>Indicator</th><th>Kind</th><th>Period</th>"
    head += "<th>Old value</th><th>New value</th>" if revised else "<th>Value</th>"
    rows = []
    for r in df.sort_values(["source_id", "figure_id"]).itertuples():
        vals = (
            f"<td>{e(wording.number(r.old_value))}{e(str(r.unit))}</td>"
            f"<td>{e(wording.qualified(r))}</td>"
            if revised
            else f"<td>{e(wording.qualified(r))}</td>"
        )
        rows.append(
            f"<tr><td><code>{e(r.figure_id)}</code></td><td>{e(r.source_id)}</td>"
            f"<td>{e(r.indicator_id if isinstance(r.indicator_id, str) else 'unclassified')}</td>"
            f"<td>{e(r.kind)}</td><td>{e(wording.period_label(r.period))}</td>"
            f"{vals}</tr>"
        )
    return (
        f'<table class="rb-table rb-changes"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def changes_page(paths: Paths, ledger: pd.DataFrame, ed: dict, chapters: dict[str, str]) -> str:

    prev = ed.get("previous")
    head = (
        "(appendix-changes)=\n# What changed in this edition\n\n"
        f"This is edition {ed['version']}, built from sources up to "
        f"{wording.date_words(ed['date'])}. "
    )
    if not prev:
        return head + "It is the first edition: there is nothing earlier to compare with.\n"
    d = edition.diff(edition.ledger_of(paths, prev), ledger)
    changed = edition.changed_chapters(paths, prev, chapters)
    links = ", ".join(f"{{doc}}`{c}`" for c in changed) or "none"
    return (
        head
        + f"It is compared here with the previous edition, `{prev}`.\n\n"
        + f"Chapters whose data changed: {links}.\n\n"
        + "(changes-added)=\n## Figures added\n\n"
        + _one_line(_changes_table(d["added"]))
        + "\n\n(changes-revised)=\n## Figures revised\n\n"
        + _one_line(_changes_table(d["revised"], revised=True))
        + "\n\n(changes-removed)=\n## Figures removed\n\n"
        + _one_line(_changes_table(d["removed"]))
        + "\n"
    )


def write_all(paths: Paths, dest: Path, ed: dict, chapters: dict[str, str]) -> list[str]:
    """Write every generated appendix page into ``dest`` (the staged book/); return stems."""
    figures = ledger.read(paths)
    pages = {
        "sources": sources_page(paths, figures),
        "ledger": ledger_page(paths, figures),
        "review": review_page(paths),
        "glossary": glossary_page(paths),
        "changes": changes_page(paths, figures, ed, chapters),
    }
    for stem, text in pages.items():
        (dest / f"{stem}.md").write_text(text, encoding="utf-8")
    return list(pages)
