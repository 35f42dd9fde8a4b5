"""Charts: one Altair house theme, chart builders for the book, and an offline renderer.

A chart is shown as a ``Figure``: a numbered ``<figure>`` holding a static SVG (made by
vl-convert, for readers without script and for print), the Vega-Lite spec as inert JSON,
a text alternative generated from the data, a source line and a CSV download of exactly the
rows behind the chart. The one script in the book's ``_static`` (``reportbook.bundle``)
carries vega-embed and swaps each SVG for the interactive view: no CDN, no per-page copy.
Element ids are content hashes, so the same data gives byte-identical HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd

FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', sans-serif"
INK = "#1f2933"
MUTED = "#616e7c"
PALETTE = ["#1b5e8c", "#d9822b", "#2e8540", "#8e44ad", "#c0392b", "#7f8c8d", "#16a085"]
ACTUAL, TARGET, FORECAST, PLAN = "#1b5e8c", "#d9822b", "#8e44ad", "#2e8540"
KIND_COLORS = {"actual": ACTUAL, "target": TARGET, "forecast": FORECAST, "plan": PLAN}
WIDTH = 560


def house_theme() -> dict:
    return {
        "config": {
            "background": "white",
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": 260},
            "title": {
                "anchor": "start",
                "fontSize": 15,
                "fontWeight": 600,
                "color": INK,
                "subtitleColor": MUTED,
                "subtitleFontSize": 12,
                "offset": 12,
            },
            "axis": {
                "labelColor": MUTED,
                "titleColor": MUTED,
                "labelFontSize": 12,
                "labelLimit": 260,
                "titleFontSize": 12,
                "titleFontWeight": 500,
                "gridColor": "#e4e7eb",
                "domainColor": "#9aa5b1",
                "tickColor": "#9aa5b1",
            },
            "legend": {
                "labelLimit": 320,
                "labelColor": INK,
                "titleColor": MUTED,
                "labelFontSize": 12,
                "orient": "bottom",
            },
            "range": {"category": PALETTE},
            "text": {"color": INK, "fontSize": 12},
        }
    }


alt.theme.register("reportbook", enable=True)(house_theme)


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
        return self.data.to_csv(index=False, lineterminator="\n")

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


def render_svg(spec: dict, ident: str) -> str:
    """The static render of a spec. Vega numbers clip-path ids with a process-wide counter;
    renumber them per chart so the HTML is the same in every build and ids never collide
    between two charts on a page. (Vega escapes the text nodes.)"""
    import vl_convert as vlc

    svg = _slim(vlc.vegalite_to_svg(spec))
    ids = list(dict.fromkeys(re.findall(r'\bid="([^"]+)"', svg)))
    mapping = {old: f"{ident}-{k}" for k, old in enumerate(ids)}
    if mapping:
        pattern = re.compile(
            r'(id="|url\(#|href="#)(' + "|".join(map(re.escape, mapping)) + r')(?=["\)])'
        )
        svg = pattern.sub(lambda m: m[1] + mapping[m[2]], svg)
    return svg


_NOISE = re.compile(
    r'\s(?:aria-[a-z]+|role|class|pointer-events)="[^"]*"'  # for the live chart, not the picture
    r'|\sopacity="1"|\sstroke-miterlimit="10"'  # defaults
)
_EMPTY = re.compile(r'<path d="(?:M0,0h0v0h0Z)?"(?: display="none")?/>')
_FONT = re.compile(r'\sfont-family="([^"]*)"')


def _slim(svg: str) -> str:
    """The static SVG without what only the live view uses: accessibility and interaction
    attributes (the figure carries the text alternative), default values, empty paths and
    the font named on every text element (once on the root instead, inherited). About half
    the bytes, the same picture: chapters stay well under their weight budget."""
    fonts = _FONT.findall(svg)
    svg = _EMPTY.sub("", _NOISE.sub("", _FONT.sub("", svg)))
    if fonts:
        font = max(set(fonts), key=fonts.count).replace('"', "&quot;")
        svg = svg.replace("<svg ", f'<svg font-family="{font}" ', 1)
    return re.sub(r"(\d+\.\d\d)\d+", r"\1", svg)


SVG_CACHE_ENV = "REPORTBOOK_SVG_CACHE"


def static_svg(spec: str, ident: str, cache_dir=None) -> str:
    """The static SVG of a chart (``spec``: its Vega-Lite JSON text), cached by content in
    ``cache_dir`` (default: the folder named by ``$REPORTBOOK_SVG_CACHE``, which the chapter
    runner sets for its kernels).

    Drawing costs 0.2–1 s a chart (measuring text in the CJK font), so a chart whose spec did
    not change is never drawn twice; with or without the cache the SVG is the same."""
    cache_dir = cache_dir or os.environ.get(SVG_CACHE_ENV)
    key = hashlib.sha256((SVG_VERSION + ident + spec).encode()).hexdigest()[:24]
    cached = Path(cache_dir) / f"{key}.svg" if cache_dir else None
    if cached and cached.exists():
        os.utime(cached)  # in use: see prune_svg_cache
        return cached.read_text(encoding="utf-8")
    out = render_svg(json.loads(spec), ident)
    if cached:
        # Kernels draw in parallel: write whole files only.
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(out, encoding="utf-8")
        os.replace(tmp, cached)
    return out


def prune_svg_cache(cache_dir, days: int = 30) -> int:
    """Forget static SVGs no chapter has drawn or reused for ``days``; returns how many.
    (An executed chapter keeps its SVGs in its notebook: this cache only spares redrawing
    the unchanged charts of a chapter that runs again.)"""
    import time

    now = time.time()
    old = [f for f in Path(cache_dir).glob("*.svg") if f.stat().st_mtime < now - days * 86400]
    # ...and files a killed kernel left half-written.
    old += [f for f in Path(cache_dir).glob("*.tmp") if f.stat().st_mtime < now - 86400]
    for f in old:
        f.unlink(missing_ok=True)
    return len(old)


FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")


def _svg_version() -> str:
    """What a static SVG depends on besides its spec: vl-convert's version, this module's
    code (``render_svg``, ``_slim``) and the installed fonts (text is measured with them).
    Part of the SVG cache key, so installing a font or changing the code redraws."""
    import vl_convert

    h = hashlib.sha256(Path(__file__).read_bytes())
    dirs = [*FONT_DIRS, os.path.join(os.environ.get("XDG_DATA_HOME", "~/.local/share"), "fonts")]
    for d in dirs:
        try:
            folder = Path(d).expanduser()
        except RuntimeError:  # no home folder: nothing installed there
            continue
        for f in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if f.is_file():
                st = f.stat()
                h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return f"vlc{vl_convert.__version__}-{h.hexdigest()[:12]}"


SVG_VERSION = _svg_version()  # part of the SVG cache key


def _title(title: str, subtitle: str = "") -> alt.TitleParams:
    """The figure caption carries the title and number; inside the chart only the units
    line shows, so the two never repeat each other."""
    return alt.TitleParams(
        subtitle or title,
        fontSize=12,
        fontWeight="normal",
        color=MUTED,
    )


def _kind_scale() -> alt.Scale:
    """One colour per kind of figure, the same in every chart."""
    return alt.Scale(domain=list(KIND_COLORS), range=list(KIND_COLORS.values()))


def _href(data: pd.DataFrame) -> dict:
    """Marks link to their source sentences when the data carries an ``href`` column."""
    return {"href": alt.Href("href:N")} if "href" in data.columns else {}


def describe(data: pd.DataFrame, label_col: str, value_col: str, what: str, unit: str) -> str:
    """A text alternative from the data: what the chart shows, its largest and smallest value."""
    d = data.dropna(subset=[value_col])
    if d.empty:
        return f"{what}: no data."
    hi = d.loc[d[value_col].idxmax()]
    lo = d.loc[d[value_col].idxmin()]
    text = f"{what}, {len(d)} values. Largest: {hi[label_col]}, {fmt(hi[value_col])} {unit}."
    if len(d) > 1:
        text += f" Smallest: {lo[label_col]}, {fmt(lo[value_col])} {unit}."
    return text


def fmt(x: float) -> str:
    """A number as printed in the sources: no float noise, no thousands separators."""
    if x is None or (isinstance(x, float) and pd.isna(x)):
        return ""
    s = f"{float(x):.6f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


LABEL_COLUMNS = 36  # about the axis' labelLimit (260 px at 12 px); a CJK character is two


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _tokens(text: str) -> list[str]:
    """Words with the spaces after them; each wide (CJK) character on its own, as a line may
    break between any two of them."""
    out: list[str] = []
    for ch in text:
        prev = out[-1][-1] if out else ""
        if not prev or _wide(ch) or _wide(prev) or (prev.isspace() and not ch.isspace()):
            out.append(ch)
        else:
            out[-1] += ch
    return out


def wrap_label(text, columns: int = LABEL_COLUMNS) -> str:
    """An axis label broken into lines of about ``columns`` (at spaces; anywhere between
    Chinese characters), joined by newlines for ``LABEL_AXIS`` to split.

    Readers see the whole label instead of one Vega cuts short with "…" (Vega's cutting also
    measured the text again for every length it tried: a second a chart). Nothing is cut,
    so two different labels never become one row. A missing label is empty."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    out, line = [], ""
    for word in _tokens(str(text)):
        width = sum(2 if _wide(ch) else 1 for ch in (line + word).rstrip())
        if line.strip() and width > columns:
            out.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    out.append(line.rstrip())
    return "\n".join(out)


# A categorical axis whose labels come from ``wrap_label``: one line of the label per line.
LABEL_AXIS = alt.Axis(labelExpr="split(datum.label, '\\n')")


def _wrapped(data: pd.DataFrame, label: str, step: int) -> tuple[pd.DataFrame, str, alt.Step]:
    """The chart's data with a wrapped copy of ``label`` to put on the axis (the data readers
    download keeps the label whole), and a row height of at least ``step`` that fits it."""
    field = f"{label}_lines"
    wrapped = data[label].map(wrap_label)
    most = max((t.count("\n") + 1 for t in wrapped), default=1)
    return data.assign(**{field: wrapped}), field, alt.Step(max(step, 15 * most + 8))


def bars(
    data: pd.DataFrame,
    *,
    label: str,
    value: str,
    unit: str,
    title: str,
    subtitle: str = "",
    color: str | None = None,
    sort: bool = True,
) -> alt.Chart:
    """Horizontal bars with value labels: for comparing a handful of like quantities."""
    enc_color = alt.Color(f"{color}:N", title=None) if color else alt.value(PALETTE[0])
    data, lines, step = _wrapped(data, label, 28)
    base = alt.Chart(data).encode(
        y=alt.Y(f"{lines}:N", sort="-x" if sort else None, title=None, axis=LABEL_AXIS),
        x=alt.X(f"{value}:Q", title=unit),
    )
    chart = base.mark_bar(cornerRadiusEnd=2, cursor="pointer").encode(
        color=enc_color, tooltip=[label, alt.Tooltip(f"{value}:Q", title=unit)], **_href(data)
    ) + base.mark_text(align="left", dx=4).encode(text=alt.Text(f"{value}:Q"))
    return chart.properties(
        title=_title(title, subtitle),
        width=WIDTH - 140,
        height=step,
    )


def grouped_bars(
    data: pd.DataFrame,
    *,
    group: str,
    series: str,
    value: str,
    unit: str,
    title: str,
    subtitle: str = "",
) -> alt.Chart:
    """Bars grouped by one field, coloured by another (e.g. provincial vs municipal)."""
    base = alt.Chart(data).encode(
        y=alt.Y(f"{series}:N", title=None, axis=None),
        x=alt.X(f"{value}:Q", title=unit),
        color=alt.Color(f"{series}:N", title=None),
    )
    layer = base.mark_bar(cornerRadiusEnd=2, cursor="pointer").encode(
        tooltip=[group, series, alt.Tooltip(f"{value}:Q", title=unit)], **_href(data)
    ) + base.mark_text(align="left", dx=4, color=INK).encode(text=alt.Text(f"{value}:Q"))
    return (
        alt.layer(layer, data=data)
        .properties(width=WIDTH - 160, height=alt.Step(22))
        .facet(
            row=alt.Row(
                f"{group}:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left")
            )
        )
        .properties(title=_title(title, subtitle))
    )


def stacked_share(
    data: pd.DataFrame,
    *,
    part: str,
    value: str,
    unit: str,
    title: str,
    subtitle: str = "",
) -> alt.Chart:
    """One stacked bar splitting a total into parts (e.g. thermal vs new and clean power)."""
    chart = (
        alt.Chart(data)
        .mark_bar(height=36)
        .encode(
            x=alt.X(f"sum({value}):Q", title=unit, stack="zero"),
            color=alt.Color(f"{part}:N", title=None),
            order=alt.Order(f"{part}:N"),
            tooltip=[part, alt.Tooltip(f"{value}:Q", title=unit)],
            **_href(data),
        )
    )
    labels = (
        alt.Chart(data)
        .mark_text(color="white", fontWeight=600)
        .encode(
            x=alt.X(f"sum({value}):Q", stack="zero", bandPosition=0.5),
            detail=f"{part}:N",
            order=alt.Order(f"{part}:N"),
            text=alt.Text(f"sum({value}):Q"),
        )
        .transform_stack(stack=value, as_=["_lo", "_hi"], groupby=[], sort=[{"field": part}])
        .transform_calculate(mid="(datum._lo + datum._hi) / 2")
        .encode(x=alt.X("mid:Q"))
    )
    return (chart + labels).properties(title=_title(title, subtitle), width=WIDTH, height=60)


def target_vs_actual(
    data: pd.DataFrame,
    *,
    label: str,
    value: str,
    kind: str,
    unit: str,
    title: str,
    subtitle: str = "",
) -> alt.Chart:
    """One row per indicator, a dot per reported value coloured by kind, joined by a rule:
    results, forecasts and targets side by side. Results are labelled above, the rest below."""
    kinds = _kind_scale()
    data, lines, step = _wrapped(data, label, 56)
    base = alt.Chart(data).encode(
        y=alt.Y(f"{lines}:N", title=None, sort=None, axis=LABEL_AXIS),
        x=alt.X(f"{value}:Q", title=unit, scale=alt.Scale(zero=True)),
    )
    rule = base.mark_rule(color="#cbd2d9", strokeWidth=3).encode(
        x=alt.X(f"min({value}):Q"), x2=alt.X2(f"max({value})")
    )
    dots = base.mark_point(filled=True, size=150, opacity=1, cursor="pointer").encode(
        color=alt.Color(f"{kind}:N", title=None, scale=kinds),
        shape=alt.Shape(f"{kind}:N", title=None, scale=alt.Scale(domain=list(KIND_COLORS))),
        tooltip=[label, kind, "period", alt.Tooltip(f"{value}:Q", title=unit)],
        **_href(data),
    )
    above = (
        base.transform_filter(f"datum.{kind} == 'actual'")
        .mark_text(dy=-13, fontSize=11, color=INK)
        .encode(text="display:N")
    )
    below = (
        base.transform_filter(f"datum.{kind} != 'actual'")
        .mark_text(dy=15, fontSize=11, color=MUTED)
        .encode(text="display:N")
    )
    return (rule + dots + above + below).properties(
        title=_title(title, subtitle),
        width=WIDTH - 200,
        height=step,
    )


def targets_table_chart(
    data: pd.DataFrame, *, label: str, value: str, qualifier: str, title: str, subtitle: str = ""
) -> alt.Chart:
    """Annual targets as a dot-and-arrow chart: the dot is the target, the mark says ≥ / ≈ / =."""
    data, lines, step = _wrapped(data, label, 30)
    base = alt.Chart(data).encode(
        y=alt.Y(f"{lines}:N", title=None, sort=None, axis=LABEL_AXIS),
        x=alt.X(f"{value}:Q", title="target (%)", scale=alt.Scale(zero=True)),
    )
    bar = base.mark_bar(color="#f5d0a9", height=10).encode(x2=alt.value(0))
    dot = base.mark_point(filled=True, size=160, color=TARGET, cursor="pointer").encode(
        **_href(data),
        shape=alt.Shape(
            f"{qualifier}:N",
            title="target is",
            scale=alt.Scale(
                domain=["at least", "about", "exactly"],
                range=["triangle-right", "diamond", "circle"],
            ),
        ),
        tooltip=[label, qualifier, alt.Tooltip(f"{value}:Q", title="%")],
    )
    text = base.mark_text(align="left", dx=12, color=INK).encode(text="display:N")
    return (bar + dot + text).properties(
        title=_title(title, subtitle),
        width=WIDTH - 170,
        height=step,
    )


def timeline(
    data: pd.DataFrame, *, year: str, text: str, title: str, subtitle: str = ""
) -> alt.Chart:
    """Milestones on a year axis, labels alternating above and below the line."""
    d = data.reset_index(drop=True).copy()
    d["_dy"] = [(-1) ** i for i in range(len(d))]
    base = alt.Chart(d).encode(
        x=alt.X(f"{year}:O", title=None, axis=alt.Axis(labelAngle=0, labelFontWeight=600))
    )
    line = base.mark_rule(color="#9aa5b1", strokeWidth=2).encode(
        x=alt.value(0), x2=alt.value(WIDTH)
    )
    dots = base.mark_point(filled=True, size=220, color=ACTUAL).encode(
        y=alt.value(70), tooltip=[year, text]
    )
    up = (
        base.transform_filter("datum._dy > 0")
        .mark_text(baseline="bottom", dy=-16, fontSize=11, color=INK, lineBreak="\n")
        .encode(y=alt.value(70), text=f"{text}:N")
    )
    down = (
        base.transform_filter("datum._dy < 0")
        .mark_text(baseline="top", dy=16, fontSize=11, color=INK, lineBreak="\n")
        .encode(y=alt.value(70), text=f"{text}:N")
    )
    return (line + dots + up + down).properties(
        title=_title(title, subtitle), width=WIDTH, height=150
    )


def series(
    data: pd.DataFrame,
    *,
    date: str,
    value: str,
    kind: str,
    unit: str,
    title: str,
    subtitle: str = "",
) -> alt.Chart:
    """One indicator over time, actuals joined by a line, targets and forecasts as marks."""
    base = alt.Chart(data).encode(
        x=alt.X(f"{date}:T", title=None, axis=alt.Axis(format="%Y-%m")),
        y=alt.Y(f"{value}:Q", title=unit, scale=alt.Scale(zero=False)),
    )
    line = base.transform_filter("datum.kind == 'actual'").mark_line(color=ACTUAL)
    dots = base.mark_point(filled=True, size=120).encode(
        color=alt.Color(
            f"{kind}:N",
            title=None,
            scale=_kind_scale(),
        ),
        tooltip=["period", kind, "source_id", alt.Tooltip(f"{value}:Q", title=unit)],
        **_href(data),
    )
    return (line + dots).properties(title=_title(title, subtitle), width=WIDTH, height=220)
