"""The numbered ``Figure``: a chart shown as a ``<figure>`` with its static SVG, the spec as
inert JSON, a text alternative, a source line and a CSV of exactly the rows behind it.

Element ids are content hashes, so the same data gives byte-identical HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from reportbook.charts.svg import static_svg
from reportbook.markup import spreadsheet_cell


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
    sources_page: str = "sources.html"

    def spec(self) -> dict:
        # Validation against the Vega-Lite schema costs ~0.1 s a chart in every kernel; the
        # tests validate every chart of the built book instead (tests/test_book.py).
        with alt.data_transformers.disable_max_rows():
            return self.chart.to_dict(validate=False)

    def csv(self) -> str:
        # Opened in a spreadsheet: text that begins like a formula is shown, not evaluated
        # (reportbook.markup.spreadsheet_cell); numeric columns are written as they are.
        safe = self.data.apply(
            lambda col: col.map(spreadsheet_cell) if not pd.api.types.is_numeric_dtype(col) else col
        )
        return safe.to_csv(index=False, lineterminator="\n")

    def _repr_html_(self) -> str:
        spec = json.dumps(self.spec(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        ident = f"{self.label}-{_hash(spec)}"
        # The picture for readers without JavaScript, for print, and until the live chart
        # has drawn itself; vega-embed replaces it.
        svg = static_svg(spec, ident)
        # Inert JSON inside <script type="application/json">: with <, > and & escaped, no
        # text from a source can end the element or open a comment in it.
        spec_json = spec.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        csv_b64 = base64.b64encode(("\ufeff" + self.csv()).encode("utf-8")).decode("ascii")
        figure_ids = " ".join(self.data["figure_id"]) if "figure_id" in self.data else ""
        source_links = ", ".join(
            f'<a href="{self.sources_page}#src-{html.escape(sid)}">{html.escape(title)}</a>'
            for sid, title in self.sources
        )
        e = html.escape
        return (
            f'<figure class="rb-figure" id="{e(self.label)}" data-figures="{e(figure_ids)}">'
            f'<figcaption class="rb-caption"><span class="rb-fignum">'
            f"Figure {e(self.number)}</span> {e(self.title)}</figcaption>"
            f'<div class="rb-chart" id="rb-vis-{e(ident)}" data-spec="rb-spec-{e(ident)}" '
            f'role="img" aria-label="{e(self.alt_text)}">{svg}</div>'
            f'<script type="application/json" id="rb-spec-{e(ident)}">{spec_json}</script>'
            f'<p class="rb-alt">{e(self.alt_text)}</p>'
            f'<p class="rb-source">Source: {source_links}. '
            f'<a class="rb-download" download="{e(self.label)}.csv" '
            f'href="data:text/csv;charset=utf-8;base64,{csv_b64}">Download data (CSV)</a></p>'
            f"</figure>"
        )
