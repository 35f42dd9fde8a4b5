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

from reportbook import edition, ledger, review, sources, wording
from reportbook.files import read_yaml
from reportbook.paths import Paths

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


def ledger_page(paths: Paths, ledger: pd.DataFrame) -> str:
    cols = ["figure_id", "source_id", "theme_id", "indicator_id", "value", "value_high", "unit",
            "qualifier", "kind", "period", "quote"]  # fmt: skip
    head = "".join(f"<th>{e(c)}</th>" for c in cols)
    body = "".join(
        "<tr>"
        + "".join(
            (
                f"<td>{wording.figure_link(str(getattr(r, c)), e(str(getattr(r, c))))}</td>"
                if c == "figure_id"
                else f"<td>{e('' if pd.isna(getattr(r, c)) else wording.number(getattr(r, c)) if c in ('value', 'value_high') else str(getattr(r, c)))}</td>"  # noqa: E501
            )
            for c in cols
        )
        + "</tr>"
        for r in ledger.sort_values(
            ["theme_id", "indicator_id", "period"], na_position="last"
        ).itertuples()
    )
    return (
        "(appendix-ledger)=\n# The fact ledger\n\n"
        "Every figure extracted from the sources, one row each. Type in the box to filter "
        "(Chinese or English). The same data as CSV, with a data package describing every "
        "column: {download}`figures.csv <figures.csv>` · "
        "{download}`datapackage.json <datapackage.json>`.\n\n"
        + _one_line(
            '<p><input type="search" class="rb-filter" data-table="rb-ledger" '
            'placeholder="Filter figures, e.g. 亿元 or energy" aria-label="Filter the ledger"></p>'
            f'<div class="rb-scroll"><table class="rb-table" id="rb-ledger"><thead><tr>{head}'
            f"</tr></thead><tbody>{body}</tbody></table></div>"
        )
        + "\n"
    )


def review_page(paths: Paths) -> str:
    rv = review.review(paths)
    text = review.format_review(rv)
    return (
        "(appendix-review)=\n# Figures for review\n\n"
        "What the extractor could not settle on its own: figures no indicator matched "
        "(kept, never dropped), kinds inferred from context rather than a cue word, and "
        "different values reported for the same indicator and period.\n\n"
        f"```text\n{text}\n```\n"
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
            f"<td>{e(r.kind)}</td><td>{e(r.period if isinstance(r.period, str) else '—')}</td>"
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
        f"This is edition {ed['version']}, built from sources up to {ed['date']}. "
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
