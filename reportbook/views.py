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
from reportbook.wording import kind_word, qualified

QUAL_WORD = {"ge": "at least", "gt": "at least", "approx": "about", "eq": "exactly"}


def _note(text: str) -> HTMLBlock:
    return HTMLBlock(f'<p class="rb-note">{html.escape(text)}</p>')


def _hrefs(rows: pd.DataFrame) -> pd.Series:
    """Each chart mark links to its figure's source sentence."""
    return rows["figure_id"].map(wording.figure_href)


def _latest_each(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: the latest period (ties: the later source offset)."""
    return (
        rows.assign(_t=rows["period"].map(periods.order))
        .sort_values(["indicator_id", "_t", "char_start"])
        .groupby("indicator_id", sort=True)
        .tail(1)
        .drop(columns="_t")
    )


def bars_of(ch: Chapter, label: str, indicators: list[str], title: str, kinds=("actual",)):
    """Latest value of a few like indicators (same unit) as labelled horizontal bars."""
    rows = _latest_each(ch.indicator_rows(indicators, kinds))
    if rows.empty:
        return _note(f"{title}: the current sources report none of these figures.")
    units = sorted(u for u in rows["unit"].unique() if u)
    data = rows.assign(
        indicator=rows["indicator_id"].map(ch.name),
        display=rows.apply(lambda r: wording.qualified(r, sign=True), axis=1),
        href=_hrefs(rows),
        value=rows["value_num"],
    )
    unit = "、".join(units)
    when = ", ".join(
        wording.period_label(p) for p in sorted(set(rows["period"]) - {""}, key=periods.order)
    )
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
            lambda r: (
                f"{wording.qualified(r, sign=True)} · {kind_word(r['kind'])} "
                f"{wording.period_label(r['period'])}"
            ).strip(),
            axis=1,
        ),
        href=_hrefs(rows),
    )
    data = data.assign(_t=data["period"].map(periods.order))
    data = data.sort_values(["indicator_id", "_t", "_order"]).drop(columns="_t")
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
        & (set(rows[rows.indicator_id == "clean_capacity"]["period"]) - {""}),
        key=periods.order,
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
        subtitle=f"{unit}, {wording.period_label(period[-1])}",
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
    year = max(rows["period"].unique(), key=periods.order)
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
            f"{html.escape(wording.period_label(r['period']))} · "
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


def _basis(row) -> str:
    """What stretch of time a value on a time axis covers — its mark's shape says it."""
    p = periods.try_parse(str(row["period"]))
    if p is None:
        return "undated"
    if p.is_point:
        return "at a date"
    if p.grain == "years":
        return "yearly average" if wording.averaged(row) else "several years"
    if p.is_full_year:
        return "full year"
    if p.is_cumulative:
        return "year to date"
    return "part of a year"


YEARLY = {"full year", "at a date", "yearly average", "several years"}


def _in_one_unit(rows: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Values of one indicator in its most common printed unit (亿元 and 万元 of one series
    on one axis), from the base values; rows whose unit measures something else are dropped."""
    unit = rows["unit"].value_counts().sort_index().idxmax() if len(rows) else ""
    base = rows.loc[rows["unit"] == unit, "base_unit"].iloc[0] if len(rows) else ""
    ref = rows[rows["unit"] == unit].iloc[0] if len(rows) else None
    factor = 1.0
    if ref is not None and ref["value_num"]:
        factor = float(ref["value_base"]) / ref["value_num"]
    same = rows[rows["base_unit"] == base]
    value = pd.to_numeric(same["value_base"], errors="coerce") / factor
    return same.assign(value=value.round(6)), unit


def series(ch: Chapter, label: str, indicator: str, title: str):
    """One indicator over time, from every source and period that reports it: results
    joined by a line, forecasts and targets as marks, the shape of each mark saying what
    it covers (a full year, the year to date, a stock at a date, a yearly average). Shown
    once results are reported for two dates; until then a compare chart shows every value."""
    rows = ch.rows(indicator)
    parsed = rows["period"].map(periods.try_parse)
    rows = rows.assign(date=parsed.map(lambda p: p.date if p else None)).dropna(subset=["date"])
    if rows[rows["kind"] == "actual"]["date"].nunique() < 2:
        return HTMLBlock("")
    rows, unit = _in_one_unit(rows)
    data = rows.assign(
        href=_hrefs(rows),
        basis=rows.apply(_basis, axis=1),
        when=rows["period"].map(wording.period_label),
        shown=rows.apply(lambda r: wording.qualified(r, sign=True), axis=1),
    )
    chart = charts.series(
        data[["date", "value", "kind", "basis", "when", "shown", "source_id", "href"]],
        date="date",
        value="value",
        kind="kind",
        unit=unit,
        title=title,
        subtitle=f"{unit}; every reported value, by the date it refers to",
        yearly=bool(data["basis"].isin(YEARLY).all() and data["date"].str.endswith("12-31").all()),
    )
    data["label"] = data["when"] + " " + data["kind"].map(kind_word) + " (" + data["basis"] + ")"
    alt = charts.describe(data, "label", "value", title, unit)
    return ch.figure(label, chart, rows, title, alt)


def indicator_section(ch: Chapter, indicator: str) -> HTMLBlock:
    """An indicator the chapter's prose does not discuss, written from the ledger: what the
    latest result says, each target or forecast with where it stands (by ``targets``' rules),
    and a chart — the series when results are reported for two dates or more, results beside
    targets when both exist; a single figure is a sentence."""
    rows = ch.rows(indicator)
    if rows.empty:
        return _note(f"{ch.name(indicator)}: not reported in the current sources.")
    e = html.escape
    subj, _ = ch.subject(indicator)
    name = ch.name(indicator)
    chart = series(ch, f"{indicator}-series", indicator, f"{name} over time")
    if isinstance(chart, HTMLBlock) and len(rows) > 1:
        chart = compare_until_series(ch, indicator, indicator, f"{name}: every reported value")
    shown = chart if isinstance(chart, charts.Figure) else None
    sentences = []
    latest = ch.latest(indicator, "actual")
    if latest is not None:
        text = f"{e(subj)} {ch.predicate(latest, bold=wording.HTML_BOLD)}"
        earlier = ch.earlier(indicator, latest)
        if earlier is not None:
            text += f", against {wording.against(earlier, ch.vocabulary, wording.HTML_BOLD)}"
        sentences.append(text + (f" (Figure {shown.number})." if shown else "."))
    table = ch.tracked()
    verdicts = {r.target_id: r for r in table.itertuples()} if not table.empty else {}
    goals = rows[rows["kind"] != "actual"]
    goals = goals.assign(_t=goals["period"].map(periods.order))
    goals = goals.sort_values(["_t", "_order", "char_start"])
    for _, g in goals.drop_duplicates(["kind", "period", "value", "qualifier"]).iterrows():
        text = f"{e(subj)} {ch.predicate(g, bold=wording.HTML_BOLD)}"
        v = verdicts.get(g["figure_id"])
        if v is not None:
            text += _verdict_clause(v)
        sentences.append(text + ".")
    prose = "".join(f"<p>{s}</p>" for s in sentences)
    return HTMLBlock(prose + (shown._repr_html_() if shown is not None else ""))


def _verdict_clause(v) -> str:
    """Where a target stands, for the sentence that states it."""
    e = html.escape
    when = wording.period_phrase(v.result_period, "actual")
    if v.status == "met":
        return f": the result {e(when)} meets it (met)"
    if v.status == "missed":
        return f": the result {e(when)} falls short of it (missed)"
    if v.status == "conflict":
        return ": the sources disagree on the result, so there is no verdict (conflict)"
    if v.progress_id:
        so_far = wording.period_phrase(v.progress_period, "actual")
        return f"; there is no result for its whole period yet, only one {e(so_far)} (pending)"
    return "; no result for its period is reported yet (pending)"


def compare_until_series(ch: Chapter, label: str, indicator: str, title: str):
    """Every value of one indicator side by side, for as long as its results do not yet make
    a series (``series`` shows them, targets included, from two dated results on)."""
    rows = ch.rows(indicator)
    dated = rows[rows["kind"] == "actual"]["period"].map(periods.try_parse).dropna()
    if dated.map(lambda p: p.date).nunique() >= 2 or rows.empty or rows["unit"].nunique() > 1:
        return HTMLBlock("")
    return compare(ch, label, [indicator], title, rows["unit"].iloc[0] or "")
