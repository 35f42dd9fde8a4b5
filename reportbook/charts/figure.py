"""The numbered ``Figure``: a chart shown as a ``<figure>`` with its static SVG, the spec as
inert JSON, a text alternative, a source line, a permalink, a table view of exactly the rows
behind it, downloads (its CSV, PNG and SVG) and a place for its citation.

The table view holds every field of the CSV as printed, so the build writes each chart's
files from the page alone (``charts.files``): the CSV with its metadata header (which needs
the edition, known only when the book is staged), the SVG and a PNG drawn from it. The cite
block is filled in by the build too (``reportbook.pages``): a chapter's kernel knows neither
the edition nor the page.

Element ids are content hashes, so the same data gives byte-identical HTML.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from reportbook import language, wording
from reportbook.charts.svg import static_svg


def _hash(*parts: str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:12]


@dataclass
class Figure:
    """A numbered chart with its data, text alternative and source line, shown as HTML."""

    chart: alt.TopLevelMixin
    data: pd.DataFrame
    label: str
    number: str
    title: str
    alt_text: str
    sources: Sequence[tuple[str, str]]  # (source_id, short title)
    lang: str = language.DEFAULT  # the edition's: the words around the chart

    def spec(self) -> dict:
        # Validation against the Vega-Lite schema costs ~0.1 s a chart in every kernel; the
        # tests validate every chart of the built book instead (tests/test_book.py).
        with alt.data_transformers.disable_max_rows():
            return self.chart.to_dict(validate=False)

    def csv(self) -> str:
        """The chart's rows as CSV text, exactly as the data holds them (the table view); the
        downloadable file neutralizes formula-like cells when it is written
        (``charts.files.csv_text``)."""
        return self.data.to_csv(index=False, lineterminator="\n")

    def table_html(self) -> str:
        """The table view: every row and field of ``csv()`` as printed there (the build reads
        the CSV file back from it); a figure id links to its sentence in the sources appendix."""
        e = html.escape
        rows = list(csv.reader(io.StringIO(self.csv())))
        if not rows:
            return ""
        head, body = rows[0], rows[1:]
        fid = head.index("figure_id") if "figure_id" in head else -1

        def cell(i: int, v: str) -> str:
            if i == fid and v:
                return f'<td><a href="{e(wording.figure_href(v))}">{e(v)}</a></td>'
            if head[i] == "quote":
                return f'<td class="rb-quote" lang="zh-Hans">{e(v)}</td>'
            return f"<td>{e(v)}</td>"

        summary = language.word(self.lang, "table_rows", n=len(body), number=e(self.number),
                                rows="rows" if len(body) != 1 else "row")  # fmt: skip
        return (
            f'<details class="rb-table-view"><summary>{summary}</summary>'
            f'<div class="rb-scroll"><table class="rb-table rb-data" '
            f'data-figure="{e(self.label)}"><thead><tr>'
            + "".join(f"<th>{e(h)}</th>" for h in head)
            + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(cell(i, v) for i, v in enumerate(r)) + "</tr>" for r in body)
            + "</tbody></table></div></details>"
        )

    def _repr_html_(self) -> str:
        spec = json.dumps(self.spec(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        ident = f"{self.label}-{_hash(spec)}"
        # The picture for readers without JavaScript, for print, and until the live chart
        # has drawn itself; vega-embed replaces it.
        svg = static_svg(spec, ident)
        # Inert JSON inside <script type="application/json">: with <, > and & escaped, no
        # text from a source can end the element or open a comment in it.
        spec_json = spec.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        figure_ids = " ".join(self.data["figure_id"]) if "figure_id" in self.data else ""
        source_links = ("；" if self.lang == "zh" else ", ").join(
            f'<a href="{html.escape(wording.source_href(sid))}">{html.escape(title)}</a>'
            for sid, title in self.sources
        )
        e = html.escape

        def word(key: str, **fields) -> str:
            return language.word(self.lang, key, **fields)

        meta = json.dumps(
            {"number": self.number, "title": self.title, "sources": [t for _, t in self.sources]},
            ensure_ascii=False,
            sort_keys=True,
        )
        files = f"figures/{e(self.label)}"
        return (
            f'<figure class="rb-figure" id="{e(self.label)}" data-figures="{e(figure_ids)}" '
            f'data-meta="{e(meta)}">'
            f'<figcaption class="rb-caption"><a class="rb-permalink" href="#{e(self.label)}" '
            f'title="{word("figure_link")}"><span class="rb-fignum">'
            f"{word('figure', number=e(self.number))}</span></a> {e(self.title)}</figcaption>"
            f'<div class="rb-chart" id="rb-vis-{e(ident)}" data-spec="rb-spec-{e(ident)}" '
            f'role="img" aria-label="{e(self.alt_text)}">{svg}</div>'
            f'<script type="application/json" id="rb-spec-{e(ident)}">{spec_json}</script>'
            f'<p class="rb-alt">{e(self.alt_text)}</p>'
            f'<p class="rb-source">{word("chart_source", links=source_links)}</p>'
            f'<p class="rb-downloads">'
            f'<a class="rb-download" data-kind="csv" download="{e(self.label)}.csv" '
            f'href="{files}.csv">{word("download_csv")}</a> · '
            f'<a class="rb-download" data-kind="png" download="{e(self.label)}.png" '
            f'href="{files}.png">PNG</a> · '
            f'<a class="rb-download" data-kind="svg" download="{e(self.label)}.svg" '
            f'href="{files}.svg">SVG</a></p>'
            f"{self.table_html()}"
            f'<div class="rb-cite" data-figure="{e(self.label)}"></div>'
            f"</figure>"
        )
