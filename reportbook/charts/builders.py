"""Chart builders for the book: each takes a data frame and names its columns, and returns
an Altair chart in the house theme. ``describe`` writes a chart's text alternative.

Builds on ``theme`` (colours, widths) and ``labels`` (wrapped axis labels, numbers).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from reportbook import language
from reportbook.charts.labels import LABEL_AXIS, TITLE_COLUMNS, fmt, text_px, wrap_label, wrapped
from reportbook.charts.theme import (
    ACTUAL,
    INK,
    MUTED,
    NEUTRAL,
    TARGET,
    TARGET_TINT,
    WIDTH,
    kind_scale,
    kinds_present,
)


def _title(title: str, subtitle: str = "") -> alt.TitleParams:
    """The figure caption carries the title and number; inside the chart only the units
    line shows, so the two never repeat each other. Wrapped onto lines that fit a phone: a
    line longer than the chart would widen it past its container."""
    return alt.TitleParams(
        wrap_label(subtitle or title, TITLE_COLUMNS).split("\n"),
        fontSize=12,
        fontWeight="normal",
        color=MUTED,
    )


# The live view fills its container's width, axis labels and padding included, and draws
# again when the window is resized; the static SVG is drawn at the theme's ``WIDTH`` (the
# fallback for a view without container) and scaled by the style sheet. Only the width is
# fitted: "fit" makes a fixed height the total, title, axis and legend included, and
# squeezed the capacity bar to a few pixels (Vega-Lite drops the height from "fit" anyway
# for the charts whose rows have a step). The fit is computed for marks placed at the width
# before it, so a label past the plot's edge stays up to 30 px outside; ``resize`` corrects
# that on the view's next run (vl-convert runs it again before drawing, the live view only
# on the next event), so marks keep inside the plot themselves (``_value_labels``).
FIT = alt.AutoSizeParams(type="fit-x", contains="padding", resize=True)


def _sized(chart, title: str, subtitle: str, height) -> alt.TopLevelMixin:
    return chart.properties(
        title=_title(title, subtitle), width="container", height=height, autosize=FIT
    )


def _label_expr(words: dict[str, str]) -> str:
    """A Vega expression showing each value of a field by its word in ``words``: the data
    (and so the CSV) keep the book's values, ``actual``, ``target``; the legend says 实际, 目标."""
    expr = "datum.label"
    for value, word in sorted(words.items(), reverse=True):
        expr = f"datum.label === {_js(value)} ? {_js(word)} : {expr}"
    return expr


def _js(text: str) -> str:
    return "'" + str(text).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _legend(labels, left: int = 0, words: dict[str, str] | None = None) -> alt.Legend:
    """A legend below the plot whose entries wrap onto as many rows as the chart's width
    needs (a legend cannot shrink: one wider than a phone's chart would be cut off).

    It starts at the plot's left edge, ``left`` px (the axis labels) into the chart. The
    columns follow the container's width, known before the layout, not the plot's, which the
    layout changes after placing the legend (a second row would fall outside the chart);
    ``0 * width`` only makes a resized window count them again."""
    shown = [(words or {}).get(x, x) for x in labels]
    longest = max((text_px(str(x)) for x in shown), default=0)
    entry = longest + 34  # symbol, its offset and the padding between columns
    room = f"(isFinite(containerSize()[0]) ? containerSize()[0] : {WIDTH}) - {left + 10}"
    columns = alt.expr(f"max(1, floor(({room} + 0 * width) / {entry}))")
    if words:
        return alt.Legend(columns=columns, labelExpr=_label_expr(words))
    return alt.Legend(columns=columns)


def _axis_px(lines: pd.Series) -> int:
    """About how far wrapped axis labels reach left of the plot, tick and padding included."""
    return max((text_px(line) for t in lines for line in t.split("\n")), default=0) + 12


def _value_labels(base: alt.Chart, value: str, data: pd.DataFrame, **mark) -> alt.Chart:
    """Each bar's value at its end: just outside, or inside in white where outside would
    pass the plot's right edge (see ``FIT``: the layout makes too little room for it)."""
    room = max((text_px(fmt(v)) for v in data[value]), default=0) + 8
    inside = f"scale('x', datum[{value!r}]) > width - {room}"
    return base.mark_text(
        align=alt.expr(f"{inside} ? 'right' : 'left'"),
        dx=alt.expr(f"{inside} ? -4 : 4"),
        color=alt.expr(f"{inside} ? 'white' : '{INK}'"),
        **mark,
    ).encode(text=alt.Text(f"{value}:Q"))


def _href(data: pd.DataFrame) -> dict:
    """Marks link to their source sentences when the data carries an ``href`` column."""
    return {"href": alt.Href("href:N")} if "href" in data.columns else {}


def describe(
    data: pd.DataFrame, label_col: str, value_col: str, what: str, unit: str, lang: str = "en"
) -> str:
    """A text alternative from the data, in the edition's language: what the chart shows, its
    largest and smallest value."""
    d = data.dropna(subset=[value_col])
    if d.empty:
        return language.word(lang, "no_data", what=what)
    hi = d.loc[d[value_col].idxmax()]
    lo = d.loc[d[value_col].idxmin()]
    text = language.word(lang, "describe", what=what, n=len(d), hi_label=hi[label_col],
                         hi=fmt(hi[value_col]), unit=unit)  # fmt: skip
    if len(d) > 1:
        text += language.word(lang, "describe_low", lo_label=lo[label_col],
                              lo=fmt(lo[value_col]), unit=unit)  # fmt: skip
    return text


def bars(
    data: pd.DataFrame,
    *,
    label: str,
    value: str,
    unit: str,
    title: str,
    subtitle: str = "",
    color: str | None = None,
    kind: str | None = None,
    sort: bool = True,
    words: dict[str, str] | None = None,
) -> alt.Chart:
    """Horizontal bars with value labels: for comparing a handful of like quantities.
    Coloured by ``kind`` (the kind colours) when given, else by ``color`` (a category), else
    in the neutral colour: a bar is never in a kind's colour without being of that kind."""
    data, lines, step = wrapped(data, label, 28)
    tooltip = [label, alt.Tooltip(f"{value}:Q", title=unit)]
    if kind:
        kinds = kinds_present(data[kind])
        enc_color = alt.Color(
            f"{kind}:N",
            title=None,
            scale=kind_scale(kinds),
            legend=_legend(kinds, _axis_px(data[lines]), words),
        )
        tooltip.insert(1, kind)
    elif color:
        enc_color = alt.Color(f"{color}:N", title=None)
    else:
        enc_color = alt.value(NEUTRAL)
    # The order spelled out: Vega-Lite drops a "-x" sort once the bars are coloured by a
    # field (the bar layer is stacked, and a union of domains cannot sort by a sum).
    order = data.sort_values(value, ascending=False, kind="stable")[lines].unique().tolist()
    base = alt.Chart(data).encode(
        y=alt.Y(f"{lines}:N", sort=order if sort else None, title=None, axis=LABEL_AXIS),
        x=alt.X(f"{value}:Q", title=unit),
    )
    chart = base.mark_bar(cornerRadiusEnd=2, cursor="pointer").encode(
        color=enc_color, tooltip=tooltip, **_href(data)
    ) + _value_labels(base, value, data)
    return _sized(chart, title, subtitle, step)


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
    """Bars grouped by one field, coloured by another (e.g. provincial vs municipal).

    One view with the bars of a group offset within its row (a faceted chart cannot take
    its container's width)."""
    data, lines, _ = wrapped(data, group, 0)
    base = alt.Chart(data).encode(
        y=alt.Y(f"{lines}:N", title=None, sort=None, axis=LABEL_AXIS),
        yOffset=alt.YOffset(f"{series}:N"),
        x=alt.X(f"{value}:Q", title=unit),
    )
    legend = _legend(data[series].unique(), _axis_px(data[lines]))
    layer = base.mark_bar(cornerRadiusEnd=2, cursor="pointer").encode(
        color=alt.Color(f"{series}:N", title=None, legend=legend),
        tooltip=[group, series, alt.Tooltip(f"{value}:Q", title=unit)],
        **_href(data),
    ) + _value_labels(base, value, data)
    return _sized(layer, title, subtitle, alt.Step(22, **{"for": "offset"}))


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
            color=alt.Color(f"{part}:N", title=None, legend=_legend(data[part].unique())),
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
    return _sized(chart + labels, title, subtitle, 60)


def target_vs_actual(
    data: pd.DataFrame,
    *,
    label: str,
    value: str,
    kind: str,
    unit: str,
    title: str,
    subtitle: str = "",
    words: dict[str, str] | None = None,
) -> alt.Chart:
    """One row per indicator, a dot per reported value coloured by kind, joined by a rule:
    results, forecasts and targets side by side. Results are labelled above, the rest below,
    each label on two lines (value, then kind and period: the ``display`` text's " · "), and
    anchored so that it stays inside the plot at either end of the axis."""
    kinds = kinds_present(data[kind])
    data, lines, step = wrapped(data, label, 84)
    base = alt.Chart(data).encode(
        y=alt.Y(f"{lines}:N", title=None, sort=None, axis=LABEL_AXIS),
        x=alt.X(f"{value}:Q", title=unit, scale=alt.Scale(zero=True)),
    )
    rule = base.mark_rule(color="#cbd2d9", strokeWidth=3).encode(
        x=alt.X(f"min({value}):Q"), x2=alt.X2(f"max({value})")
    )
    legend = _legend(kinds, _axis_px(data[lines]), words)
    dots = base.mark_point(filled=True, size=150, opacity=1, cursor="pointer").encode(
        color=alt.Color(f"{kind}:N", title=None, scale=kind_scale(kinds), legend=legend),
        # The same domain as the colours': one legend with both.
        shape=alt.Shape(f"{kind}:N", title=None, scale=alt.Scale(domain=kinds), legend=legend),
        tooltip=[label, kind, "period", alt.Tooltip(f"{value}:Q", title=unit)],
        **_href(data),
    )
    x = f"scale('x', datum[{value!r}])"
    label_mark = {
        "fontSize": 11,
        "lineBreak": " · ",
        "align": alt.expr(f"{x} < 70 ? 'left' : {x} > width - 70 ? 'right' : 'center'"),
    }
    above = (
        base.transform_filter(f"datum.{kind} == 'actual'")
        .mark_text(baseline="bottom", dy=-22, color=INK, **label_mark)
        .encode(text="display:N")
    )
    below = (
        base.transform_filter(f"datum.{kind} != 'actual'")
        .mark_text(baseline="top", dy=9, color=MUTED, **label_mark)
        .encode(text="display:N")
    )
    return _sized(rule + dots + above + below, title, subtitle, step)


def targets_table_chart(
    data: pd.DataFrame,
    *,
    label: str,
    value: str,
    qualifier: str,
    title: str,
    subtitle: str = "",
    words: dict[str, str] | None = None,
) -> alt.Chart:
    """Annual targets as a dot-and-arrow chart: the dot is the target, the mark says ≥ / ≈ / =.
    ``words``: the axis's and legend's words in the edition's language, by their English."""
    words = words or {}
    data, lines, step = wrapped(data, label, 30)
    base = alt.Chart(data).encode(
        y=alt.Y(f"{lines}:N", title=None, sort=None, axis=LABEL_AXIS),
        x=alt.X(
            f"{value}:Q", title=words.get("target (%)", "target (%)"), scale=alt.Scale(zero=True)
        ),  # fmt: skip
    )
    bar = base.mark_bar(color=TARGET_TINT, height=10).encode(x2=alt.value(0))
    dot = base.mark_point(filled=True, size=160, color=TARGET, cursor="pointer").encode(
        **_href(data),
        shape=alt.Shape(
            f"{qualifier}:N",
            title=words.get("target is", "target is"),
            legend=_legend(["at least", "about", "exactly"], _axis_px(data[lines]), words),
            scale=alt.Scale(
                domain=["at least", "about", "exactly"],
                range=["triangle-right", "diamond", "circle"],
            ),
        ),
        tooltip=[label, qualifier, alt.Tooltip(f"{value}:Q", title="%")],
    )
    # The target's words right of the dot, or left of it where they would pass the edge.
    room = max((text_px(str(t)) for t in data["display"]), default=0) + 16
    before = f"scale('x', datum[{value!r}]) > width - {room}"
    text = base.mark_text(
        align=alt.expr(f"{before} ? 'right' : 'left'"),
        dx=alt.expr(f"{before} ? -12 : 12"),
        color=INK,
    ).encode(text="display:N")
    return _sized(bar + dot + text, title, subtitle, step)


def timeline(
    data: pd.DataFrame, *, year: str, text: str, title: str, subtitle: str = ""
) -> alt.Chart:
    """Milestones down a line, one row a year, each label beside its dot: on a phone as on
    a desktop, the labels never overlap and the line needs no more width than one label."""
    d = data.reset_index(drop=True)
    most = max((str(t).count("\n") + 1 for t in d[text]), default=1)
    base = alt.Chart(d).encode(
        y=alt.Y(
            f"{year}:O",
            title=None,
            axis=alt.Axis(labelFontWeight=600, domain=False, ticks=False, labelPadding=6),
        )
    )
    line = base.mark_rule(color="#9aa5b1", strokeWidth=2).encode(
        x=alt.value(10), y=alt.value(0), y2=alt.value(alt.expr("height"))
    )
    # A milestone is of no kind the ledger knows: not in a kind's colour.
    dots = base.mark_point(filled=True, size=180, color=NEUTRAL).encode(
        x=alt.value(10), tooltip=[year, text]
    )
    labels = base.mark_text(align="left", dx=12, fontSize=12, color=INK, lineBreak="\n").encode(
        x=alt.value(10), text=f"{text}:N"
    )
    return _sized(line + dots + labels, title, subtitle, alt.Step(15 * most + 14))


BASIS_ORDER = ["full year", "year to date", "part of a year", "at a date", "yearly average",
               "several years", "undated"]  # fmt: skip
BASIS_SHAPES = {"full year": "circle", "year to date": "triangle-up", "part of a year": "diamond",
                "at a date": "square", "yearly average": "cross", "several years": "stroke",
                "undated": "circle"}  # fmt: skip


def series(
    data: pd.DataFrame,
    *,
    date: str,
    value: str,
    kind: str,
    unit: str,
    title: str,
    subtitle: str = "",
    yearly: bool = False,
    words: dict[str, str] | None = None,
) -> alt.Chart:
    """One indicator over time, actuals joined by a line, targets and forecasts as marks
    (``yearly``: every value is a year's or a year-end's, so the axis ticks are years).

    The time axis is a time scale: a value sits at its date, a quarter from the next one's
    a quarter of a year apart. In UTC, as the dates are (``YYYY-MM-DD`` parses as UTC): the
    ticks and labels are the same in every reader's time zone and on every build machine.
    Both scales are padded, so that no value is cut by the plot's edges."""
    base = alt.Chart(data).encode(
        x=alt.X(
            f"{date}:T",
            title=None,
            scale=alt.Scale(type="utc", padding=12),
            # A tick in the padding would put half its label past the chart's edge.
            axis=alt.Axis(format="%Y", labelFlush=24, tickCount="year")
            if yearly
            else alt.Axis(format="%Y-%m", labelFlush=24),
        ),
        y=alt.Y(f"{value}:Q", title=unit, scale=alt.Scale(zero=False, padding=12)),
    )
    kinds = kinds_present(data[kind])
    line = base.transform_filter(f"datum[{kind!r}] == 'actual'").mark_line(color=ACTUAL)
    # The mark's shape says what a value covers (a full year, the year to date, a stock at
    # a date, a yearly average): a cumulative 1–9月 growth is not a full year's.
    shape = {}
    if "basis" in data and data["basis"].nunique() > 1:
        present = [b for b in BASIS_ORDER if b in set(data["basis"])]
        scale = alt.Scale(domain=present, range=[BASIS_SHAPES[b] for b in present])
        shape = {"shape": alt.Shape("basis:N", title=None, legend=_legend(present, 50, words),
                                    scale=scale)}  # fmt: skip
    tips = [c for c in ("when", "period", "shown", kind, "basis", "source_id") if c in data]
    dots = base.mark_point(filled=True, size=120).encode(
        color=alt.Color(
            f"{kind}:N", title=None, scale=kind_scale(kinds), legend=_legend(kinds, 50, words)
        ),
        tooltip=tips or ["period", kind, "source_id", alt.Tooltip(f"{value}:Q", title=unit)],
        **shape,
        **_href(data),
    )
    return _sized(line + dots, title, subtitle, 220)
