"""Views: the charts and panels the chapters show, each chosen for its data.

Every view takes a ``narrative.Chapter`` and returns something to display: a numbered
``charts.Figure``, an ``HTMLBlock``, or a plain note when the ledger has nothing for it, so
a chapter still builds when a new edition of the data drops or adds an indicator.
"""

from __future__ import annotations

import html

import pandas as pd

from reportbook import charts, periods, wording
from reportbook.files import read_yaml
from reportbook.narrative import Chapter, HTMLBlock
from reportbook.wording import kind_word, qualified, value_display

QUAL_WORD = {"ge": "at least", "gt": "at least", "approx": "about", "eq": "exactly"}


def _note(text: str) -> HTMLBlock:
    return HTMLBlock(f'<p class="rb-note">{html.escape(text)}</p>')


def _hrefs(rows: pd.DataFrame) -> pd.Series:
    """Each chart mark links to its figure's source sentence."""
    return rows["figure_id"].map(wording.figure_href)


def _latest_each(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: the latest period (ties: the later source offset)."""
    return (
        rows.sort_values(["indicator_id", "period", "char_start"])
        .groupby("indicator_id", sort=True)
        .tail(1)
    )


def bars_of(ch: Chapter, label: str, indicators: list[str], title: str, kinds=("actual",)):
    """Latest value of a few like indicators (same unit) as labelled horizontal bars."""
    rows = _latest_each(ch.indicator_rows(indicators, kinds))
    if rows.empty:
        return _note(f"{title}: the current sources report none of these figures.")
    units = sorted(u for u in rows["unit"].unique() if u)
    data = rows.assign(
        indicator=rows["indicator_id"].map(ch.name),
        display=rows.apply(value_display, axis=1),
        href=_hrefs(rows),
        value=rows["value_num"],
    )
    unit = "、".join(units)
    when = ", ".join(sorted(p for p in rows["period"].unique() if p))
    chart = charts.bars(
        data[["indicator", "value", "kind", "display", "href"]],
        label="indicator",
        value="value",
        kind="kind",
        unit=unit,
        title=title,
        subtitle=f"{', '.join(sorted({kind_word(k) for k in rows['kind']}))}, {when}",
    )
    alt = charts.describe(data, "indicator", "value", title, unit)
    return ch.figure(label, chart, rows, title, alt)


def compare(ch: Chapter, label: str, indicators: list[str], title: str, unit: str):
    """Every reported value of a few like indicators, one row each, coloured by kind:
    results beside forecasts, targets and plans."""
    rows = ch.indicator_rows(indicators)
    if rows.empty:
        return _note(f"{title}: not reported in the current sources.")
    data = rows.assign(
        indicator=rows["indicator_id"].map(ch.name),
        display=rows.apply(
            lambda r: f"{value_display(r)} · {kind_word(r['kind'])} {r['period']}".strip(),
            axis=1,
        ),
        href=_hrefs(rows),
    )
    data = data.sort_values(["indicator_id", "period", "_order"])
    chart = charts.target_vs_actual(
        data.assign(value=data["value_num"])[
            ["indicator", "value", "kind", "period", "display", "href"]
        ],
        label="indicator",
        value="value",
        kind="kind",
        unit=unit,
        title=title,
        subtitle=f"{unit}; achieved, forecast, targeted and planned values as reported",
    )
    data["label"] = data["indicator"] + " (" + data["kind"].map(kind_word) + ")"
    alt = charts.describe(data, "label", "value", title, unit)
    return ch.figure(label, chart, rows, title, alt)


def capacity_mix(ch: Chapter):
    """Installed capacity split into thermal and new-and-clean power, at the latest date
    both are reported for."""
    rows = ch.indicator_rows(["thermal_capacity", "clean_capacity"], ["actual"])
    if rows["indicator_id"].nunique() < 2:
        return _note("The capacity mix needs both thermal and new-and-clean capacity.")
    period = sorted(
        (set(rows[rows.indicator_id == "thermal_capacity"]["period"]) - {""})
        & (set(rows[rows.indicator_id == "clean_capacity"]["period"]) - {""})
    )
    if not period:
        return _note("Thermal and clean capacity are not reported for the same date.")
    rows = _latest_each(rows[rows["period"] == period[-1]])
    data = rows.assign(part=rows["indicator_id"].map(ch.name), href=_hrefs(rows),
                       value=rows["value_num"])  # fmt: skip
    unit = rows["unit"].iloc[0]
    title = "Installed power capacity by type"
    chart = charts.stacked_share(
        data[["part", "value", "href"]],
        part="part",
        value="value",
        unit=unit,
        title=title,
        subtitle=f"{unit}, {period[-1]}",
    )
    total = ch.rows("power_capacity", "actual")
    total = total[total["period"] == period[-1]]
    rows = pd.concat([rows, total])
    alt = charts.describe(data, "part", "value", title + f" ({period[-1]})", unit)
    return ch.figure("capacity-mix", chart, rows, title, alt)


def projects(ch: Chapter):
    """Key projects: provincial vs municipal, total investment vs this year's planned."""
    spec = [
        ("provincial", "provincial_key_projects"),
        ("municipal", "municipal_key_projects"),
    ]
    parts = []
    for level, base in spec:
        for suffix, measure in (
            ("_total_investment", "total investment"),
            ("_annual_investment", "planned this year"),
        ):
            r = ch.latest(base + suffix)
            if r is not None:
                count = ch.latest(base)
                parts.append(
                    (
                        r,
                        {
                            "level": f"{level} ({wording.number(count['value_num'])} projects)"
                            if count is not None
                            else level,
                            "measure": measure,
                            "value": r["value_num"],
                            "unit": r["unit"],
                        },
                        count,
                    )
                )
    if not parts:
        return _note("The current sources report no key-project investment.")
    data = pd.DataFrame([p[1] for p in parts])
    rows = pd.DataFrame([p[0] for p in parts] + [p[2] for p in parts if p[2] is not None])
    rows = rows.drop_duplicates("figure_id")
    unit = data["unit"].iloc[0]
    title = "Key projects: total and this year's planned investment"
    chart = charts.grouped_bars(
        data,
        group="level",
        series="measure",
        value="value",
        unit=unit,
        title=title,
        subtitle=f"{unit}; provincial and municipal key projects",
    )
    data["label"] = data["level"] + ", " + data["measure"]
    alt = charts.describe(data, "label", "value", title, unit)
    return ch.figure("projects", chart, rows, title, alt)


def annual_targets(ch: Chapter):
    """The year's growth targets (percent) across every theme, as a target chart."""
    f = ch.figures
    annual = f["period"].map(
        lambda p: (q := periods.try_parse(p)) is not None and q.grain == "year"
    )
    rows = f[(f["kind"] == "target") & (f["unit"] == "%") & annual]
    rows = rows[rows["indicator_id"] != ""]
    if rows.empty:
        return _note("The current sources state no annual growth targets.")
    year = sorted(rows["period"].unique())[-1]
    rows = rows[rows["period"] == year].sort_values("char_start")
    data = rows.assign(
        indicator=rows["indicator_id"].map(ch.name),
        target=rows["qualifier"].map(lambda q: QUAL_WORD.get(q, "exactly")),
        display=rows.apply(qualified, axis=1),
        href=_hrefs(rows),
    )
    title = f"Targets for {year}"
    chart = charts.targets_table_chart(
        data.assign(value=data["value_num"])[["indicator", "value", "target", "display", "href"]],
        label="indicator",
        value="value",
        qualifier="target",
        title=title,
        subtitle="growth rates and shares in percent, as set by the city for the year",
    )
    alt = charts.describe(data, "indicator", "value", title, "percent")
    return ch.figure("annual-targets", chart, rows, title, alt)


def timeline(ch: Chapter):
    """The roadmap's milestones on a year axis (years are dates, kept outside the ledger)."""
    if not ch.paths.milestones_yml.exists():
        return _note("No milestones are recorded.")
    ms = read_yaml(ch.paths.milestones_yml)["milestones"]
    data = pd.DataFrame(ms).sort_values("year")
    data["label"] = data["en"].str.wrap(26)
    title = "The transformation roadmap"
    chart = charts.timeline(
        data[["year", "label", "quote"]],
        year="year",
        text="label",
        title=title,
        subtitle="milestones set by the city",
    )
    alt = "Timeline: " + "; ".join(f"{m['year']}: {m['en']}" for m in ms) + "."
    table = data[["year", "en", "quote", "source_id"]]
    return ch.figure("timeline", chart, ch.figures.iloc[0:0], title, alt, table=table)


def milestones_table(ch: Chapter) -> HTMLBlock:
    ms = read_yaml(ch.paths.milestones_yml)["milestones"]
    body = "".join(
        f"<tr><td>{m['year']}</td><td>{html.escape(m['en'])}</td>"
        f'<td class="rb-quote" lang="zh-Hans">{html.escape(m["quote"])}</td></tr>'
        for m in sorted(ms, key=lambda m: m["year"])
    )
    return HTMLBlock(
        '<table class="rb-table"><thead><tr><th>Year</th><th>Milestone</th>'
        f"<th>In the source</th></tr></thead><tbody>{body}</tbody></table>"
    )


def key_figures(ch: Chapter) -> HTMLBlock:
    """One card per theme: its headline indicator's latest reported value."""
    cards = []
    for t in ch.themes:
        rows = ch.figures[(ch.figures["theme_id"] == t["id"]) & (ch.figures["indicator_id"] != "")]
        head = [i for i in t.get("headline", []) if i in set(rows["indicator_id"])]
        if not head:
            continue
        r = ch.latest(head[0])
        cards.append(
            '<div class="rb-keyfig">'
            f'<div class="rb-kf-value">'
            f"{wording.figure_link(r['figure_id'], html.escape(qualified(r)))}</div>"
            f'<div class="rb-kf-label">{html.escape(ch.name(r["indicator_id"]))}</div>'
            f'<div class="rb-kf-meta">{html.escape(kind_word(r["kind"]))} · '
            f"{html.escape(r['period'] or '—')} · "
            f'<a href="{html.escape(t["chapter"])}.html">{html.escape(t["title"])}</a></div>'
            "</div>"
        )
    if not cards:
        return _note("No headline figures yet.")
    return HTMLBlock(f'<div class="rb-keyfigs">{"".join(cards)}</div>')


def theme_table(ch: Chapter) -> HTMLBlock:
    counts = ch.figures.groupby("theme_id").size()
    body = "".join(
        f'<tr><td><a href="{html.escape(t["chapter"])}.html">{html.escape(t["title"])}</a></td>'
        f'<td lang="zh-Hans">{html.escape(t["title_zh"])}</td>'
        f"<td>{int(counts.get(t['id'], 0))}</td>"
        f"<td>{html.escape(t['summary'])}</td></tr>"
        for t in ch.themes
    )
    return HTMLBlock(
        '<table class="rb-table"><thead><tr><th>Theme</th><th>中文</th><th>Figures</th>'
        f"<th>What it covers</th></tr></thead><tbody>{body}</tbody></table>"
    )


def series(ch: Chapter, label: str, indicator: str, title: str):
    """One indicator over time, from every source and period that reports it: results
    joined by a line, forecasts and targets as marks. Shown once results are reported for
    two dates; until then the compare chart already shows every value."""
    rows = ch.rows(indicator)
    parsed = rows["period"].map(periods.try_parse)
    rows = rows.assign(date=parsed.map(lambda p: p.date if p else None)).dropna(subset=["date"])
    if rows[rows["kind"] == "actual"]["date"].nunique() < 2:
        return HTMLBlock("")
    unit = rows["unit"].iloc[0]
    data = rows.assign(href=_hrefs(rows))
    chart = charts.series(
        data.assign(value=data["value_num"])[
            ["date", "value", "kind", "period", "source_id", "href"]
        ],
        date="date",
        value="value",
        kind="kind",
        unit=unit,
        title=title,
        subtitle=f"{unit}; every reported value, by the date it refers to",
    )
    data["label"] = data["period"] + " " + data["kind"].map(kind_word)
    alt = charts.describe(data, "label", "value", title, unit)
    return ch.figure(label, chart, rows, title, alt)
