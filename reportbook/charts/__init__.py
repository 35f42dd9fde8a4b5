"""Charts: one Altair house theme, chart builders for the book, and an offline renderer.

A chart is shown as a ``Figure``: a numbered ``<figure>`` holding a static SVG (made by
vl-convert, for readers without script and for print), the Vega-Lite spec as inert JSON,
a text alternative generated from the data, a source line, a permalink, a table view of
exactly the rows behind the chart, its CSV, PNG and SVG to download, and its citation.
The one script in the book's ``_static`` (``reportbook.bundle``)
carries vega-embed and swaps each SVG for the interactive view: no CDN, no per-page copy.
Element ids are content hashes, so the same data gives byte-identical HTML.

One idea per module; each imports only the ones listed before it:

- ``theme``: the house theme (fonts, ink, palette), one colour per kind of figure, widths.
- ``labels``: numbers as the sources print them (``fmt``), axis labels wrapped onto lines.
- ``svg``: the static SVG drawn by vl-convert, its content cache and cache key (vl-convert's
  version, the drawing code, a fingerprint of the installed fonts) and pruning.
- ``figure``: the numbered ``Figure`` and its HTML, ids, text alternative, CSV and sources.
- ``builders``: the book's charts (``bars``, ``series``, ...) and ``describe``.
- ``files``: the files a chart offers (CSV with a metadata header, SVG, PNG), written by the
  build from the built pages (imported by the build as ``reportbook.charts.files``).

Importers use this package's names (``charts.bars``, ``charts.Figure``, ``charts.fmt``).
"""

from reportbook.charts.builders import (
    bars,
    describe,
    grouped_bars,
    series,
    stacked_share,
    target_vs_actual,
    targets_table_chart,
    timeline,
)
from reportbook.charts.figure import Figure
from reportbook.charts.labels import LABEL_AXIS, LABEL_COLUMNS, fmt, wrap_label
from reportbook.charts.svg import (
    FONT_DIRS,
    SVG_CACHE_ENV,
    SVG_VERSION,
    prune_svg_cache,
    render_svg,
    static_svg,
)
from reportbook.charts.theme import (
    ACTUAL,
    FONT,
    FORECAST,
    INK,
    KIND_COLORS,
    MUTED,
    NEUTRAL,
    PALETTE,
    PLAN,
    TARGET,
    TARGET_TINT,
    WIDTH,
    house_theme,
    kind_scale,
    kinds_present,
)

__all__ = [
    "ACTUAL", "FONT", "FORECAST", "INK", "KIND_COLORS", "MUTED", "NEUTRAL", "PALETTE", "PLAN",
    "TARGET", "TARGET_TINT", "WIDTH", "house_theme", "kind_scale", "kinds_present",
    "LABEL_AXIS", "LABEL_COLUMNS", "fmt", "wrap_label",
    "FONT_DIRS", "SVG_CACHE_ENV", "SVG_VERSION", "prune_svg_cache", "render_svg", "static_svg",
    "Figure",
    "bars", "describe", "grouped_bars", "series", "stacked_share", "target_vs_actual",
    "targets_table_chart", "timeline",
]  # fmt: skip
