"""Wording: how a figure is said in the book — one place for every phrase built from data.

A figure is a ledger row (a ``dict``, a ``pandas.Series`` or a row tuple, as ``ledger.read``
gives it). From it:

- ``printed(row)``: the figure as the source prints it (``676.5亿元``, ``4–5条``);
- ``value_display(row)``: printed, with an English gloss of its size (``676.5亿元 (67.65
  billion yuan)``);
- ``qualified(row)``: with its qualifier in words (``at least 5%``);
- ``statement(row)``: a clause whose verb follows the figure's kind, with its period
  (``is targeted at **at least 5%** for 2024``);
- ``short(row)``: just the figure, marked when it is not a result;
- ``figure_link(figure_id, text)``: the link to the figure's sentence in the sources appendix,
  the only place that address is built.

Every piece of source text that reaches HTML is escaped here.
"""

from __future__ import annotations

import html
import math

from reportbook import pages, periods, units

QUALIFIER_WORDS = {
    "eq": "",
    "ge": "at least ",
    "gt": "more than ",
    "le": "at most ",
    "lt": "less than ",
    "approx": "about ",
    "range": "between ",
}
KIND_WORDS = {"actual": "achieved", "target": "target", "forecast": "forecast", "plan": "plan"}
VERBS = {
    "actual": "reached",
    "target": "is targeted at",
    "forecast": "is expected to reach",
    "plan": "is planned at",
}
SOURCES_PAGE = "sources.html"


def _get(row, key, default=None):
    if hasattr(row, "_asdict"):
        row = row._asdict()
    try:
        v = row[key]
    except (KeyError, IndexError, TypeError):
        return default
    return default if _missing(v) else v


def _missing(v) -> bool:
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v))


def number(x) -> str:
    """A number as printed in the sources: no float noise, no thousands separators."""
    if _missing(x):
        return ""
    s = f"{float(x):.6f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _value(row, key: str = "value") -> float | None:
    v = _get(row, f"{key}_num")
    if v is None:
        v = _get(row, key)
    try:
        return None if v is None else float(v)
    except (TypeError, ValueError):
        return None


def kind_word(kind: str) -> str:
    return KIND_WORDS[kind]


def period_phrase(period, kind: str = "actual") -> str:
    """'2023-H1' -> 'in the first half of 2023'; '' -> ''; an unreadable period as is."""
    if _missing(period):
        return ""
    p = periods.try_parse(str(period))
    return p.phrase(kind) if p else f"({period})"


def gloss(value_base, base_unit: str) -> str:
    """An English rendering of a scaled base value, exact (no rounding): '67.65 billion yuan'."""
    if _missing(value_base) or base_unit not in units.GLOSS:
        return ""
    for div, word in units.GLOSS[base_unit]:
        if abs(float(value_base)) >= div:
            return f"{number(float(value_base) / div)} {word}"
    return ""


def printed(row) -> str:
    """The figure as printed in the source: number, range and unit."""
    unit = _get(row, "unit", "") or ""
    v = number(_value(row))
    if _get(row, "qualifier") == "range" and _value(row, "value_high") is not None:
        v = f"{v}–{number(_value(row, 'value_high'))}"
    return f"{v}{unit}"


def value_display(row) -> str:
    """The figure as printed in the source, with an English gloss of its size."""
    unit = _get(row, "unit", "") or ""
    shown = printed(row)
    g = "" if _get(row, "qualifier") == "range" else gloss(_get(row, "value_base"),
                                                          _get(row, "base_unit", ""))  # fmt: skip
    return f"{shown} ({g})" if g and unit not in ("%", "个百分点") else shown


def qualified(row) -> str:
    return QUALIFIER_WORDS.get(str(_get(row, "qualifier", "eq")), "") + value_display(row)


def figure_href(figure_id: str) -> str:
    """Where a figure's sentence is shown, relative to any chapter page: the page of its
    source in the sources appendix (``reportbook.pages``), once a ledger holding the figure
    has been read; the appendix's index before that."""
    source = pages.source_of(figure_id)
    if source is None:
        return f"{SOURCES_PAGE}#{figure_id}"
    return f"{pages.source_doc(source)}.html#{figure_id}"


def figure_link(figure_id: str, text_html: str, quote: str | None = None) -> str:
    """A link to the figure's sentence; ``text_html`` is already escaped, ``quote`` is not."""
    title = f' title="{html.escape(str(quote))}"' if quote else ""
    return f'<a class="rb-fig" href="{html.escape(figure_href(figure_id))}"{title}>{text_html}</a>'


def statement(row, link: bool = True) -> str:
    """A clause whose verb follows the figure's kind: achieved, targeted, expected or planned."""
    what = html.escape(qualified(row))
    if link:
        what = figure_link(_get(row, "figure_id"), what, _get(row, "quote", ""))
    kind = _get(row, "kind")
    when = period_phrase(_get(row, "period"), kind)
    return f"{VERBS[kind]} **{what}**" + (f" {when}" if when else "")


def short(row, link: bool = True) -> str:
    """Just the figure, for lists in running prose: '**14个**'. A figure that is not a
    result says what it is, so a target can never read as an achievement."""
    if row is None:
        return "(not reported)"
    what = html.escape(qualified(row))
    if link:
        what = figure_link(_get(row, "figure_id"), what, _get(row, "quote", ""))
    kind = _get(row, "kind")
    tag = "" if kind == "actual" else f" ({kind_word(kind)})"
    return f"**{what}**{tag}"
