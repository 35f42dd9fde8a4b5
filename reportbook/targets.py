"""Targets meet results: pair every target or forecast with the result reported for it.

A target is *met* or *missed* only when some source reports an actual for the same indicator
and the same period (a year target is judged by the year's actual or its year-end figure);
otherwise it is *pending*, shown beside the latest earlier result with the gap still to close.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from reportbook import periods, wording

COLUMNS = [
    "indicator_id", "target_id", "target_kind", "target_period", "target_value",
    "target_qualifier", "target_display", "actual_id", "actual_period", "actual_value",
    "actual_display", "gap", "unit", "status",
]  # fmt: skip


def _year_end(period: str) -> tuple | None:
    """The period a year target is judged on: '2024' and '2024-12-31' are the same."""
    p = periods.try_parse(period)
    if p is None:
        return None
    if p.is_point and p.end.month == 12 and p.end.day == 31:
        return periods.parse(str(p.end.year)).key
    return p.key


def meets(actual: float, target: float, qualifier: str, value_high: float | None = None) -> bool:
    if qualifier == "gt":
        return actual > target
    if qualifier in ("le",):
        return actual <= target
    if qualifier == "lt":
        return actual < target
    if qualifier == "approx":
        return abs(actual - target) <= 0.05 * abs(target) or actual >= target
    if qualifier == "range" and value_high is not None and not pd.isna(value_high):
        return target <= actual <= value_high
    return actual >= target  # eq and ge: a target of x is reached by x or more


def track(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per target or forecast that has at least one result to set beside it."""
    value_display = wording.value_display
    out = []
    f = figures[figures["indicator_id"] != ""]
    if "value_num" not in f:  # rows built by hand (tests) carry plain numbers
        f = f.assign(value_num=f["value"].astype(float),
                     value_high_num=pd.to_numeric(f["value_high"], errors="coerce"))  # fmt: skip
    for ind, group in f.groupby("indicator_id", sort=True):
        actuals = group[(group["kind"] == "actual") & (group["period"] != "")]
        goals = group[group["kind"].isin(["target", "forecast"])]
        if actuals.empty or goals.empty:
            continue
        for g in goals.sort_values(["period", "figure_id"]).itertuples():
            gp = g.period or ""
            same = actuals[actuals["period"].map(_year_end) == _year_end(gp)] if gp else actuals[:0]
            if not same.empty:
                a = same.sort_values("period").iloc[-1]
                status = (
                    "met"
                    if meets(a["value_num"], g.value_num, g.qualifier, g.value_high_num)
                    else "missed"
                )
            else:
                earlier = (
                    actuals[
                        actuals["period"].map(lambda p: periods.parse(p).sort_key)
                        <= periods.parse(gp).sort_key
                    ]
                    if gp
                    else actuals
                )
                if earlier.empty:
                    continue
                a = earlier.iloc[
                    earlier["period"].map(lambda p: periods.parse(p).sort_key).argsort()
                ].iloc[-1]
                status = "pending"
            same_unit = a["unit"] == g.unit
            out.append(
                {
                    "indicator_id": ind,
                    "target_id": g.figure_id,
                    "target_kind": g.kind,
                    "target_period": gp,
                    "target_value": g.value_num,
                    "target_qualifier": g.qualifier,
                    "target_display": value_display(pd.Series(g._asdict())),
                    "actual_id": a["figure_id"],
                    "actual_period": a["period"],
                    "actual_value": a["value_num"],
                    "actual_display": value_display(a),
                    "gap": round(a["value_num"] - g.value_num, 6) if same_unit else None,
                    "unit": g.unit if same_unit else "",
                    "status": status,
                }
            )
    return pd.DataFrame(out, columns=COLUMNS)


def to_html(table: pd.DataFrame, name: Callable[[str], str]) -> str:
    e = html.escape

    def gap(r) -> str:
        if r.gap is None or pd.isna(r.gap):
            return "—"
        sign = "+" if r.gap > 0 else ""
        unit = "percentage points" if r.unit == "%" else r.unit
        return f"{sign}{wording.number(r.gap)} {unit}"

    rows = "".join(
        "<tr>"
        f"<td>{e(name(r.indicator_id))}</td>"
        f"<td>{wording.figure_link(r.target_id, e(r.target_display))}"
        f' <span class="rb-kind">{e(r.target_kind)} {e(r.target_period or "")}</span></td>'
        f"<td>{wording.figure_link(r.actual_id, e(r.actual_display))}"
        f' <span class="rb-kind">actual {e(r.actual_period)}</span></td>'
        f"<td>{e(gap(r))}</td>"
        f'<td><span class="rb-status rb-status-{e(r.status)}">{e(r.status)}</span></td>'
        "</tr>"
        for r in table.itertuples()
    )
    return (
        '<table class="rb-table rb-targets"><thead><tr><th>Indicator</th><th>Target or forecast'
        "</th><th>Latest result</th><th>Gap (result − target)</th><th>Status</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
