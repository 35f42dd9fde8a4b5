"""The house theme: fonts, ink, the palette, one colour per kind of figure, chart widths.

The bottom of the charts package: it imports nothing from it. Importing it registers and
enables the Altair theme ``reportbook``.
"""

from __future__ import annotations

import altair as alt

FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', sans-serif"
INK = "#1f2933"
MUTED = "#616e7c"
# One colour per kind of figure, the same in every chart of the book; no other category
# takes these colours, so blue always means a result, orange a target.
ACTUAL, TARGET, FORECAST, PLAN = "#1b5e8c", "#d9822b", "#8e44ad", "#2e8540"
KIND_COLORS = {"actual": ACTUAL, "target": TARGET, "forecast": FORECAST, "plan": PLAN}
TARGET_TINT = "#f5d0a9"  # the span up to a target
# Any other category (parts of a total, measures of a project), and marks of no kind: greys
# and browns, dark enough for a white label.
PALETTE = ["#3e4c59", "#7b8794", "#8d6e63", "#52606d", "#a1887f"]
NEUTRAL = PALETTE[0]
# The static SVG's width: the live view takes its container's (Vega-Lite's fallback for a
# chart of width "container" drawn without one is the view's continuousWidth).
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
                "labelLimit": 180,  # wrapped labels (labels.LABEL_COLUMNS) stay under it
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


def kinds_present(values) -> list[str]:
    """The kinds among ``values``, in the book's order (actual, target, forecast, plan); a
    kind the theme does not know comes last."""
    present = {v for v in values if isinstance(v, str)}
    return [k for k in KIND_COLORS if k in present] + sorted(present - set(KIND_COLORS))


def kind_scale(values=KIND_COLORS) -> alt.Scale:
    """One colour per kind of figure, the same in every chart; the domain is the kinds
    among ``values`` only, so a legend lists what the chart shows."""
    kinds = kinds_present(values)
    return alt.Scale(domain=kinds, range=[KIND_COLORS.get(k, MUTED) for k in kinds])
