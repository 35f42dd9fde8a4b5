"""Views: the charts and panels the chapters show, each chosen for its data.

Every view takes a ``narrative.Chapter`` and returns something to display: a numbered
``charts.Figure``, an ``HTMLBlock``, or a plain note when the ledger has nothing for it, so
a chapter still builds when a new edition of the data drops or adds an indicator.
"""

from __future__ import annotations

import html

import pandas as pd

from reportbook import charts, periods, wording, wording_zh
from reportbook.files import read_yaml
from reportbook.narrative import Chapter, HTMLBlock
from reportbook.wording import kind_word

QUAL_WORD = {"ge": "at least", "gt": "at least", "approx": "about", "eq": "exactly"}
# What the Chinese edition's charts say for the values their data keeps (a kind, what stretch
# of time a value covers, a target's qualifier) and for their fixed axis words.
CHART_WORDS_ZH = {
    "actual": "实际", "target": "目标", "forecast": "预计", "plan": "计划",
    "full year": "全年", "year to date": "年内累计", "part of a year": "年内部分时期",
    "at a date": "时点", "yearly average": "年均", "several years": "多年",
    "undated": "未注明时期",
    "at least": "以上", "about": "左右", "exactly": "等于",
    "target (%)": "目标（%）", "target is": "目标",
}  # fmt: skip


def _words(ch: Chapter) -> dict[str, str] | None:
    """The chart's words for its values in the chapter's edition (None: the values as they are)."""
    return CHART_WORDS_ZH if ch.zh else None


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
        return _note(ch.tr(f"{title}: the current sources report none of these figures.",
                           f"{title}：现有来源未报告这些数据。"))  # fmt: skip
    units = sorted(u for u in rows["unit"].unique() if u)
    data = rows.assign(
        indicator=rows["indicator_id"].map(ch.name),
        display=rows.apply(lambda r: ch.qualified(r, sign=True), axis=1),
        href=_hrefs(rows),
        value=rows["value_num"],
    )
    unit = "、".join(units)
    sep = ch.tr(", ", "、")
    when = sep.join(
        ch.period_label(p) for p in sorted(set(rows["period"]) - {""}, key=periods.order)
    )
    kinds_said = sep.join(sorted({ch.kind_word(k) for k in rows["kind"]}))
    chart = charts.bars(
        data[["indicator", "value", "kind", "display", "href"]],
        label="indicator",
        value="value",
        kind="kind",
        unit=unit,
        title=title,
        subtitle=f"{kinds_said}{ch.tr(', ', '，')}{when}",
        words=_words(ch),
    )
    alt = charts.describe(data, "indicator", "value", title, unit, ch.lang)
    return ch.figure(label, chart, rows, title, alt)


def compare(ch: Chapter, label: str, indicators: list[str], title: str, unit: str):
    """Every reported value of a few like indicators, one row each, coloured by kind:
    results beside forecasts, targets and plans."""
    rows = ch.indicator_rows(indicators)
    if rows.empty:
        return _note(ch.tr(f"{title}: not reported in the current sources.",
                           f"{title}：现有来源未报告。"))  # fmt: skip

    def display(r) -> str:
        if ch.zh:
            return f"{ch.qualified(r, sign=True)} · {ch.period_label(r['period'])}" + (
                ch.kind_word(r["kind"])
            )
        return (
            f"{wording.qualified(r, sign=True)} · {kind_word(r['kind'])} "
            f"{wording.period_label(r['period'])}"
        ).strip()

    data = rows.assign(
        indicator=rows["indicator_id"].map(ch.name),
        display=rows.apply(display, axis=1),
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
        subtitle=ch.tr(
            f"{unit}; achieved, forecast, targeted and planned values as reported",
            f"{unit}；来源报告的实际、预计、目标和计划数值",
        ),
        words=_words(ch),
    )
    o, c = ch.tr(" (", "（"), ch.tr(")", "）")
    data["label"] = data["indicator"] + o + data["kind"].map(ch.kind_word) + c
    alt = charts.describe(data, "label", "value", title, unit, ch.lang)
    return ch.figure(label, chart, rows, title, alt)


def capacity_mix(ch: Chapter):
    """Installed capacity split into thermal and new-and-clean power, at the latest date
    both are reported for."""
    rows = ch.indicator_rows(["thermal_capacity", "clean_capacity"], ["actual"])
    if rows["indicator_id"].nunique() < 2:
        return _note(ch.tr("The capacity mix needs both thermal and new-and-clean capacity.",
                           "装机结构需要同时有火电和新能源与清洁能源装机数据。"))  # fmt: skip
    period = sorted(
        (set(rows[rows.indicator_id == "thermal_capacity"]["period"]) - {""})
        & (set(rows[rows.indicator_id == "clean_capacity"]["period"]) - {""}),
        key=periods.order,
    )
    if not period:
        return _note(ch.tr("Thermal and clean capacity are not reported for the same date.",
                           "火电和清洁能源装机没有同一日期的数据。"))  # fmt: skip
    rows = _latest_each(rows[rows["period"] == period[-1]])
    data = rows.assign(part=rows["indicator_id"].map(ch.name), href=_hrefs(rows),
                       value=rows["value_num"])  # fmt: skip
    unit = rows["unit"].iloc[0]
    title = ch.tr("Installed power capacity by type", "按类型分的电力装机容量")
    chart = charts.stacked_share(
        data[["part", "value", "href"]],
        part="part",
        value="value",
        unit=unit,
        title=title,
        subtitle=f"{unit}{ch.tr(', ', '，')}{ch.period_label(period[-1])}",
    )
    total = ch.rows("power_capacity", "actual")
    total = total[total["period"] == period[-1]]
    rows = pd.concat([rows, total])
    when = ch.tr(f" ({period[-1]})", f"（{ch.period_label(period[-1])}）")
    alt = charts.describe(data, "part", "value", title + when, unit, ch.lang)
    return ch.figure("capacity-mix", chart, rows, title, alt)


def projects(ch: Chapter):
    """Key projects: provincial vs municipal, total investment vs this year's planned."""
    spec = [
        (ch.tr("provincial", "省级"), "provincial_key_projects"),
        (ch.tr("municipal", "市级"), "municipal_key_projects"),
    ]
    parts = []
    for level, base in spec:
        for suffix, measure in (
            ("_total_investment", ch.tr("total investment", "总投资")),
            ("_annual_investment", ch.tr("planned this year", "年度计划投资")),
        ):
            r = ch.latest(base + suffix)
            if r is not None:
                count = ch.latest(base)
                n = wording.number(count["value_num"]) if count is not None else ""
                parts.append(
                    (
                        r,
                        {
                            "level": ch.tr(f"{level} ({n} projects)", f"{level}（{n}个项目）")
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
        return _note(ch.tr("The current sources report no key-project investment.",
                           "现有来源未报告重点项目投资。"))  # fmt: skip
    data = pd.DataFrame([p[1] for p in parts])
    rows = pd.DataFrame([p[0] for p in parts] + [p[2] for p in parts if p[2] is not None])
    rows = rows.drop_duplicates("figure_id")
    unit = data["unit"].iloc[0]
    title = ch.tr("Key projects: total and this year's planned investment",
                  "重点项目：总投资与年度计划投资")  # fmt: skip
    chart = charts.grouped_bars(
        data,
        group="level",
        series="measure",
        value="value",
        unit=unit,
        title=title,
        subtitle=ch.tr(
            f"{unit}; provincial and municipal key projects", f"{unit}；省级和市级重点项目"
        ),
    )
    data["label"] = data["level"] + ch.tr(", ", "，") + data["measure"]
    alt = charts.describe(data, "label", "value", title, unit, ch.lang)
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
        return _note(ch.tr("The current sources state no annual growth targets.",
                           "现有来源未提出年度增长目标。"))  # fmt: skip
    year = max(rows["period"].unique(), key=periods.order)
    rows = rows[rows["period"] == year].sort_values("char_start")
    data = rows.assign(
        indicator=rows["indicator_id"].map(ch.name),
        target=rows["qualifier"].map(lambda q: QUAL_WORD.get(q, "exactly")),
        display=rows.apply(ch.qualified, axis=1),
        href=_hrefs(rows),
    )
    title = ch.tr(f"Targets for {year}", f"{year}年目标")
    chart = charts.targets_table_chart(
        data.assign(value=data["value_num"])[["indicator", "value", "target", "display", "href"]],
        label="indicator",
        value="value",
        qualifier="target",
        title=title,
        subtitle=ch.tr(
            "growth rates and shares in percent, as set by the city for the year",
            "城市为当年设定的增速和占比（%）",
        ),
        words=_words(ch),
    )
    alt = charts.describe(data, "indicator", "value", title, ch.tr("percent", "%"), ch.lang)
    return ch.figure("annual-targets", chart, rows, title, alt)


def timeline(ch: Chapter):
    """The roadmap's milestones on a year axis (years are dates, kept outside the ledger)."""
    if not ch.paths.milestones_yml.exists():
        return _note(ch.tr("No milestones are recorded.", "尚未记录里程碑。"))
    ms = read_yaml(ch.paths.milestones_yml)["milestones"]
    data = pd.DataFrame(ms).sort_values("year")
    # The Chinese edition says each milestone in the source's own words.
    said = "quote" if ch.zh else "en"
    data["label"] = (
        data[said].map(lambda t: charts.wrap_label(t, 26)) if ch.zh else (data["en"].str.wrap(26))
    )
    title = ch.tr("The transformation roadmap", "转型路线图")
    chart = charts.timeline(
        data[["year", "label", "quote"]],
        year="year",
        text="label",
        title=title,
        subtitle=ch.tr("milestones set by the city", "城市设定的里程碑"),
    )
    if ch.zh:
        alt = "时间线：" + "；".join(f"{m['year']}年：{m['quote']}" for m in ms) + "。"
    else:
        alt = "Timeline: " + "; ".join(f"{m['year']}: {m['en']}" for m in ms) + "."
    table = data[["year", "en", "quote", "source_id"]]
    return ch.figure("timeline", chart, ch.figures.iloc[0:0], title, alt, table=table)


def milestones_table(ch: Chapter) -> HTMLBlock:
    ms = read_yaml(ch.paths.milestones_yml)["milestones"]
    if ch.zh:
        body = "".join(
            f'<tr><td>{m["year"]}年</td><td class="rb-quote">{html.escape(m["quote"])}</td></tr>'
            for m in sorted(ms, key=lambda m: m["year"])
        )
        return HTMLBlock(
            '<table class="rb-table"><thead><tr><th>年份</th><th>里程碑（来源原文）</th>'
            f"</tr></thead><tbody>{body}</tbody></table>"
        )
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
        # A figure whose source gives no period says so in words: a dash reads as "no value".
        when = ch.period_label(r["period"]) if str(r["period"] or "") else ch.word("no_period")
        cards.append(
            '<div class="rb-keyfig">'
            f'<div class="rb-kf-value">'
            f"{wording.figure_link(r['figure_id'], html.escape(ch.qualified(r)))}</div>"
            f'<div class="rb-kf-label">{html.escape(ch.name(r["indicator_id"]))}</div>'
            f'<div class="rb-kf-meta">{html.escape(ch.kind_word(r["kind"]))} · '
            f"{html.escape(when)} · "
            f'<a href="{html.escape(t["chapter"])}.html">'
            f"{html.escape(t['title_zh'] if ch.zh else t['title'])}</a></div>"
            "</div>"
        )
    if not cards:
        return _note(ch.tr("No headline figures yet.", "尚无主要数据。"))
    return HTMLBlock(f'<div class="rb-keyfigs">{"".join(cards)}</div>')


def theme_table(ch: Chapter) -> HTMLBlock:
    counts = ch.figures.groupby("theme_id").size()
    if ch.zh:
        body = "".join(
            f'<tr><td><a href="{html.escape(t["chapter"])}.html">{html.escape(t["title_zh"])}'
            f"</a></td><td>{int(counts.get(t['id'], 0))}</td>"
            f"<td>{html.escape(t['summary_zh'])}</td></tr>"
            for t in ch.themes
        )
        return HTMLBlock(
            '<table class="rb-table"><thead><tr><th>主题</th><th>条数</th><th>涵盖内容</th>'
            f"</tr></thead><tbody>{body}</tbody></table>"
        )
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
        when=rows["period"].map(ch.period_label),
        shown=rows.apply(lambda r: ch.qualified(r, sign=True), axis=1),
    )
    chart = charts.series(
        data[["date", "value", "kind", "basis", "when", "shown", "source_id", "href"]],
        date="date",
        value="value",
        kind="kind",
        unit=unit,
        title=title,
        subtitle=ch.tr(
            f"{unit}; every reported value, by the date it refers to",
            f"{unit}；全部报告数值，按其所指日期排列",
        ),
        yearly=bool(data["basis"].isin(YEARLY).all() and data["date"].str.endswith("12-31").all()),
        words=_words(ch),
    )
    if ch.zh:
        basis = data["basis"].map(CHART_WORDS_ZH)
        data["label"] = data["when"] + data["kind"].map(ch.kind_word) + "（" + basis + "）"
    else:
        data["label"] = (
            data["when"] + " " + data["kind"].map(kind_word) + " (" + data["basis"] + ")"
        )
    alt = charts.describe(data, "label", "value", title, unit, ch.lang)
    return ch.figure(label, chart, rows, title, alt)


def indicator_section(ch: Chapter, indicator: str) -> HTMLBlock:
    """An indicator the chapter's prose does not discuss, written from the ledger: what the
    latest result says, each target or forecast with where it stands (by ``targets``' rules),
    and a chart — the series when results are reported for two dates or more, results beside
    targets when both exist; a single figure is a sentence."""
    rows = ch.rows(indicator)
    if rows.empty:
        return _note(ch.tr(f"{ch.name(indicator)}: not reported in the current sources.",
                           f"{ch.name(indicator)}：现有来源未报告。"))  # fmt: skip
    e = html.escape
    name = ch.name(indicator)
    chart = series(ch, f"{indicator}-series", indicator, ch.tr(f"{name} over time", f"{name}变化"))
    if isinstance(chart, HTMLBlock) and len(rows) > 1:
        every = ch.tr(f"{name}: every reported value", f"{name}：全部报告数值")
        chart = compare_until_series(ch, indicator, indicator, every)
    shown = chart if isinstance(chart, charts.Figure) else None
    sentences = []
    latest = ch.latest(indicator, "actual")
    stop = ch.tr(".", "。")
    if latest is not None:
        subj, _ = ch.subject(indicator, latest)
        if ch.zh:
            text = ch.sentence(latest)[:-1]
            notes = []
            earlier = ch.earlier(indicator, latest)
            if earlier is not None:
                notes.append("此前" + ch.predicate(earlier, bold=wording.HTML_BOLD))
            if shown:
                notes.append(f"见图{shown.number}")
            sentences.append(text + (f"（{'；'.join(notes)}）" if notes else "") + stop)
        else:
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
        if ch.zh:
            text = ch.sentence(g)[:-1]
        else:
            subj, _ = ch.subject(indicator)
            text = f"{e(subj)} {ch.predicate(g, bold=wording.HTML_BOLD)}"
        v = verdicts.get(g["figure_id"])
        if v is not None:
            text += wording_zh.verdict_clause_zh(v) if ch.zh else wording.verdict_clause(v)
        sentences.append(text + stop)
    prose = "".join(f"<p>{s}</p>" for s in sentences)
    return HTMLBlock(prose + (shown._repr_html_() if shown is not None else ""))


def compare_until_series(ch: Chapter, label: str, indicator: str, title: str):
    """Every value of one indicator side by side, for as long as its results do not yet make
    a series (``series`` shows them, targets included, from two dated results on)."""
    rows = ch.rows(indicator)
    dated = rows[rows["kind"] == "actual"]["period"].map(periods.try_parse).dropna()
    if dated.map(lambda p: p.date).nunique() >= 2 or rows.empty or rows["unit"].nunique() > 1:
        return HTMLBlock("")
    return compare(ch, label, [indicator], title, rows["unit"].iloc[0] or "")
