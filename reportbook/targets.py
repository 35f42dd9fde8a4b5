"""Targets meet results: every target or forecast set beside what settles it, by stated rules.

The rules (``RULES``, printed on every page that shows a verdict):

1. A target is judged only by a result for the **same indicator and the same place**, for a
   period that **settles** it (``periods.judgement``): the whole period for a flow (an annual
   growth target by the year's growth), or, for a stock (installed capacity, enterprises), a
   stock at the target's date or the first one after it.
2. A result for part of the period (a cumulative 1—9月, the first half) or an earlier stock shows
   **progress** beside the target — never a verdict.
3. Several results that settle a target but disagree make a **conflict**: all are shown, none is
   picked, and there is no verdict. The verdict never depends on the order of the ledger.
4. How a target is met: ``at least x`` (以上) and a plain ``x`` by x or more; ``more than x``
   (超过, 突破) only by more than x; ``at most``/``less than`` by at most / less than x; ``about x``
   (左右) by a result within 5% of x or beyond it on the side the indicator wants; a range by a
   result at or past its lower end. For an indicator where lower is better (unemployment,
   prices, energy intensity) the sides are reversed.
5. Until a settling result exists the target is **pending**, with no gap.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from reportbook import periods, wording, wording_zh

RULES = (
    "A target counts as met or missed only against a result for the same indicator and place "
    "that covers its whole period (or, for a stock such as installed capacity, a stock at its "
    "date or later). An earlier or partial result shows progress, never a verdict; results "
    "that settle a target but disagree are shown as a conflict, with no verdict. “At least x” "
    "and a plain x are met by x or more, “more than x” only by more than x, “about x” by a "
    "result within 5% of x or better; for unemployment, prices and energy intensity lower is "
    "better."
)
STATUSES = ("met", "missed", "conflict", "pending")
COLUMNS = [
    "indicator_id", "place", "target_id", "target_source", "target_kind", "target_period",
    "target_value",
    "target_qualifier", "target_display", "status", "result_ids", "result_period",
    "result_value", "result_display", "gap", "unit", "progress_id", "progress_period",
    "progress_display", "progress_share",
]  # fmt: skip


def _num(x) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if v != v else v


def meets(actual, target, qualifier: str, value_high=None, better: str = "higher") -> bool:
    """Whether ``actual`` meets a target of ``target`` (rule 4 of the module docstring)."""
    a, t = float(actual), float(target)
    if better == "lower":
        a, t = -a, -t
        qualifier = {"ge": "le", "le": "ge", "gt": "lt", "lt": "gt"}.get(qualifier, qualifier)
        if value_high is not None and _num(value_high) is not None:
            t, value_high = -float(value_high), -t  # the range's better end comes first
    if qualifier == "gt":
        return a > t
    if qualifier == "le":
        return a <= t
    if qualifier == "lt":
        return a < t
    if qualifier == "approx":
        return a >= t - 0.05 * abs(t)
    return a >= t  # eq, ge and range: a target of x is reached by x or more


def _statement(r) -> tuple:
    return (round(float(r["value_base"]), 6), r["qualifier"], str(r.get("value_high") or ""))


def track(figures: pd.DataFrame, vocabulary=None) -> pd.DataFrame:
    """One row per target or forecast, with its verdict, its settling result(s) and its
    latest progress, by the rules above; the same table for any order of the rows."""
    f = figures[(figures["indicator_id"] != "") & (figures["period"] != "")]
    if "value_num" not in f:  # rows built by hand (tests) carry plain numbers
        f = f.assign(value_num=pd.to_numeric(f["value"], errors="coerce"),
                     value_high_num=pd.to_numeric(f["value_high"], errors="coerce"))  # fmt: skip
    for col, default in (("place", ""), ("source_id", ""), ("char_start", 0)):
        if col not in f:
            f = f.assign(**{col: default})  # rows built by hand (tests)
    out = []
    by_id = vocabulary.by_id if vocabulary is not None else {}
    for (iid, place), group in sorted(f.groupby(["indicator_id", "place"]), key=lambda kv: kv[0]):
        ind = by_id.get(iid)
        stock = bool(getattr(ind, "stock", False)) or group["base_unit"].eq("kW").any()
        better = getattr(ind, "better", "higher")
        actuals = [r for r in group.to_dict("records") if r["kind"] == "actual"]
        goals = [r for r in group.to_dict("records") if r["kind"] in ("target", "forecast")]
        for g in sorted(goals, key=lambda r: (periods.parse(r["period"]).sort_key, r["figure_id"])):
            gp = periods.parse(g["period"])
            settle, progress = [], []
            for a in actuals:
                ap = periods.parse(a["period"])
                # a result dated to a day can only be a stock (截至9月底 …)
                j = periods.judgement(ap, gp, stock or ap.is_point)
                if j == "settles":
                    settle.append(a)
                elif j == "progress":
                    progress.append(a)
            if settle and any(periods.parse(a["period"]).is_point for a in settle):
                # the stock at the target's date, or the first one after it
                first = min(periods.parse(a["period"]).end for a in settle)
                settle = [a for a in settle if periods.parse(a["period"]).end == first]
            settle.sort(key=lambda r: (r["source_id"], r["char_start"]))
            row = {
                "indicator_id": iid,
                "place": place,
                "target_id": g["figure_id"],
                "target_source": g["source_id"],
                "target_kind": g["kind"],
                "target_period": g["period"],
                "target_value": g["value_num"],
                "target_qualifier": g["qualifier"],
                "target_display": wording.qualified(g),
                "status": "pending",
                "result_ids": "",
                "result_period": "",
                "result_value": None,
                "result_display": "",
                "gap": None,
                "unit": g["unit"],
                "progress_id": "",
                "progress_period": "",
                "progress_display": "",
                "progress_share": None,
            }
            distinct = {_statement(a) for a in settle}
            if len(distinct) > 1:
                row.update(status="conflict", result_ids=" ".join(a["figure_id"] for a in settle),
                           result_display="; ".join(wording.qualified(a) for a in settle),
                           result_period=settle[0]["period"])  # fmt: skip
            elif settle:
                a = settle[0]
                ok = meets(a["value_num"], g["value_num"], g["qualifier"],
                           g.get("value_high_num"), better)  # fmt: skip
                same_unit = a["unit"] == g["unit"]
                row.update(
                    status="met" if ok else "missed",
                    result_ids=" ".join(x["figure_id"] for x in settle),
                    result_period=a["period"],
                    result_value=a["value_num"],
                    result_display=wording.qualified(a),
                    gap=round(a["value_num"] - g["value_num"], 6) if same_unit else None,
                )
            if progress and row["status"] == "pending":
                p = max(progress, key=lambda r: (periods.parse(r["period"]).sort_key,
                                                 r["source_id"], r["char_start"]))  # fmt: skip
                share = None
                if stock and p["unit"] == g["unit"] and g["value_num"]:
                    share = round(100.0 * p["value_num"] / g["value_num"], 1)
                row.update(progress_id=p["figure_id"], progress_period=p["period"],
                           progress_display=wording.qualified(p), progress_share=share)  # fmt: skip
            out.append(row)
    table = pd.DataFrame(out, columns=COLUMNS)
    table["_t"] = table["target_period"].map(periods.order)
    return (
        table.sort_values(["_t", "indicator_id", "place", "target_id"], kind="mergesort")
        .drop(columns="_t")
        .reset_index(drop=True)
    )


def scorecard(table: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Per target year: how many targets are met, missed, in conflict and pending."""
    out: dict[str, dict[str, int]] = {}
    for r in table.itertuples():
        p = periods.parse(r.target_period)
        year = str(p.end.year)
        out.setdefault(year, dict.fromkeys(STATUSES, 0))[r.status] += 1
    return dict(sorted(out.items()))


def headline(card: dict[str, dict[str, int]]) -> str:
    """'2024: 3 met, 5 missed, 4 pending' — the scorecard in one line per year."""
    parts = []
    for year, c in card.items():
        words = [f"{c[s]} {s}" for s in STATUSES if c[s]]
        parts.append(f"{year}: " + ", ".join(words))
    return "; ".join(parts)


RULES_ZH = (
    "目标只以同一指标、同一地区、覆盖其整个时期的结果判定已完成或未完成（装机容量等存量指标，以其目标日期"
    "或之后的存量判定）。较早或部分时期的结果只显示进展，不作结论；能判定目标的结果彼此不一致时列为冲突，"
    "不作结论。“x以上”和“x”以达到或超过x为完成，“超过x”须高于x，“x左右”以与x相差5%以内或更好为完成；"
    "失业率、价格和能耗强度等指标越低越好。"
)


def to_html(
    table: pd.DataFrame,
    name: Callable[[str], str],
    source=None,
    lang: str = "en",
    shown: Callable[[str], str] | None = None,
) -> str:
    """The verdict table, after the rules; ``name`` gives an indicator's name and ``source``
    a source's title (each target says which source set it). ``lang``: the edition's
    language; in Chinese, ``shown`` gives a figure (by id) as Chinese prints it."""
    e = html.escape
    zh = lang == "zh"
    o, c = ("（", "）") if zh else ("(", ")")

    def said(fid: str, display: str) -> str:
        return shown(fid) if zh and shown is not None else display

    def by(r) -> str:
        if source is None or not r.target_source:
            return ""
        link = wording.source_link(r.target_source, source(r.target_source))
        return f' <span class="rb-by">{o}{link}{c}</span>'

    def gap(r) -> str:
        if r.gap is None or pd.isna(r.gap):
            return "—"
        sign = "+" if r.gap > 0 else ""
        if zh:
            unit = "个百分点" if r.unit == "%" else r.unit
            return f"{sign}{wording.number(r.gap)}{unit}"
        unit = "percentage points" if r.unit == "%" else r.unit
        return f"{sign}{wording.number(r.gap)} {unit}"

    def when(period: str) -> str:
        if not zh:
            return wording.period_phrase(period, "actual")
        return wording_zh.period_phrase_zh(period, "actual")

    def label(period: str) -> str:
        if not zh:
            return period or ""
        return wording_zh.period_label_zh(period) if period else ""

    def result(r) -> str:
        if r.status == "pending":
            if r.progress_id:
                pct = wording.number(r.progress_share) if r.progress_share is not None else None
                if zh:
                    share = f"，为目标的{pct}%" if pct is not None else ""
                    return (
                        f'<span class="rb-progress">迄今：{e(when(r.progress_period))}'
                        + wording.figure_link(
                            r.progress_id, e(said(r.progress_id, r.progress_display))
                        )
                        + f"{e(share)}</span>"
                    )
                share = f", {pct}% of the target" if pct is not None else ""
                return (
                    f'<span class="rb-progress">so far: '
                    f"{wording.figure_link(r.progress_id, e(r.progress_display))} "
                    f"{e(when(r.progress_period))}{e(share)}</span>"
                )
            note = "该时期尚无结果" if zh else "no result for its period yet"
            return f'<span class="rb-note">{note}</span>'
        links = " · ".join(
            wording.figure_link(fid, e(said(fid, d)))
            for fid, d in zip(r.result_ids.split(), r.result_display.split("; "), strict=False)
        )
        return f'{links} <span class="rb-kind">{e(label(r.result_period))}</span>'

    def kind(r) -> str:
        if not zh:
            return f"{e(r.target_kind)} {e(r.target_period or '')}"
        return f"{e(label(r.target_period))}{e(wording_zh.kind_word_zh(r.target_kind))}"

    def status(st: str) -> str:
        if not zh:
            return st
        return wording_zh.STATUS_WORDS_ZH[st]

    rows = "".join(
        "<tr>"
        f"<td>{e(name(r.indicator_id))}</td>"
        f"<td>{wording.figure_link(r.target_id, e(said(r.target_id, r.target_display)))}"
        f' <span class="rb-kind">{kind(r)}</span>{by(r)}</td>'
        f"<td>{result(r)}</td>"
        f"<td>{e(gap(r))}</td>"
        f'<td><span class="rb-status rb-status-{e(r.status)}">{e(status(r.status))}</span></td>'
        "</tr>"
        for r in table.itertuples()
    )
    heads = (
        ("指标", "目标或预计", "判定它的结果", "差距（结果 − 目标）", "结论")
        if zh
        else ("Indicator", "Target or forecast", "Result that settles it",
              "Gap (result − target)", "Status")
    )  # fmt: skip
    return (
        f'<p class="rb-rule">{e(RULES_ZH if zh else RULES)}</p>'
        '<div class="rb-scroll"><table class="rb-table rb-targets"><thead><tr>'
        + "".join(f"<th>{h}</th>" for h in heads)
        + f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )
