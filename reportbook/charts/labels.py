"""Text on charts: numbers as the sources print them (``fmt``) and category labels wrapped
onto lines (``wrap_label``) instead of cut short."""

from __future__ import annotations

import unicodedata

import altair as alt
import pandas as pd


def fmt(x: float) -> str:
    """A number as printed in the sources: no float noise, no thousands separators."""
    if x is None or (isinstance(x, float) and pd.isna(x)):
        return ""
    s = f"{float(x):.6f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


# Columns of a wrapped axis label (a CJK character is two): about 160 px at 12 px, so that
# on a phone (a chart about 360 px wide) the plot keeps more than half the width.
LABEL_COLUMNS = 24
TITLE_COLUMNS = 52  # the units line above a chart: about 330 px at 12 px


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def text_px(text: str, size: int = 12) -> int:
    """About how wide ``text`` is drawn at ``size`` px: a CJK character a full em, anything
    else about 0.6 em (the widest Latin labels of the book measure 0.55-0.6 em)."""
    return int(sum(size if _wide(ch) else 0.6 * size for ch in text)) + 1


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


def wrapped(data: pd.DataFrame, label: str, step: int) -> tuple[pd.DataFrame, str, alt.Step]:
    """The chart's data with a wrapped copy of ``label`` to put on the axis (the data readers
    download keeps the label whole), and a row height of at least ``step`` that fits it."""
    field = f"{label}_lines"
    lines = data[label].map(wrap_label)
    most = max((t.count("\n") + 1 for t in lines), default=1)
    return data.assign(**{field: lines}), field, alt.Step(max(step, 15 * most + 8))
