"""Chart builders for the book: each takes a data frame and names its columns, and returns
an Altair chart in the house theme. ``describe`` writes a chart's text alternative.

Builds on ``theme`` (colours, widths) and ``labels`` (wrapped axis labels, numbers).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from reportbook.charts.labels import LABEL_AXIS, fmt, wrapped
from reportbook.charts.theme import (
    ACTUAL,
    INK,
    KIND_COLORS,
    MUTED,
    PALETTE,
    TARGET,
    WIDTH,
    kind_scale,
)


def _title(title: str, subtitle: str = "") -> alt.TitleParams:
    """The figure caption carries the title and number; inside the chart only the units
    line shows, so the two never repeat each other."""
    return alt.TitleParams(
        subtitle or title,
        fontSize=12,
        fontWeight="normal",
        color=MUTED,
    )


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
    data, lines, step = wrapped(data, label, 28)
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
    kinds = kind_scale()
    data, lines, step = wrapped(data, label, 56)
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
    data, lines, step = wrapped(data, label, 30)
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
            scale=kind_scale(),
        ),
        tooltip=["period", kind, "source_id", alt.Tooltip(f"{value}:Q", title=unit)],
        **_href(data),
    )
    return (line + dots).properties(title=_title(title, subtitle), width=WIDTH, height=220)
