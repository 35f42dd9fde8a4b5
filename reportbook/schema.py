"""The fact ledger's schema: its columns, their types, allowed values, id rules and meaning.

Everything that reads, writes, checks or describes ``data/figures.csv`` takes its columns from
here, and ``data/datapackage.json`` (a Frictionless Data Package) is generated from here, so
the description and the data cannot drift apart. Decisions every consumer depends on:

- ``value``/``value_high`` are the numbers as printed, in the printed ``unit`` (``676.5`` for
  676.5亿元); ``value_base`` is the value in ``base_unit`` (``67650000000`` yuan).
- A decrease carries its sign in ``value`` and ``value_base`` alike: ``同比下降2.1个百分点`` is
  ``-2.1`` in both; ``check`` fails when they disagree.
- Empty cells mean "none": ``value_high`` outside ranges, ``indicator_id`` when unclassified,
  ``period`` when the text gives none.
- ``figure_id`` is stable across rebuilds: a hash of the source and the figure's place in it.
"""

from __future__ import annotations

import hashlib
import math
import re

from reportbook import periods, units

COLUMNS = [
    "figure_id",
    "source_id",
    "region",
    "theme_id",
    "indicator_id",
    "status",
    "place",
    "subset",
    "measured",
    "measure",
    "value",
    "value_high",
    "unit",
    "value_base",
    "base_unit",
    "qualifier",
    "kind",
    "kind_confidence",
    "kind_cue",
    "period",
    "quote",
    "quote_start",
    "char_start",
    "char_end",
    "span",
]

STATUSES = ["classified", "unclassified"]
QUALIFIERS = ["eq", "ge", "gt", "le", "lt", "approx", "range"]
KINDS = ["actual", "target", "forecast", "plan"]
CONFIDENCES = ["high", "low"]
INT_COLUMNS = ("quote_start", "char_start", "char_end")
FLOAT_COLUMNS = ("value_base",)
REQUIRED = ("figure_id", "source_id", "value", "quote", "span", "kind", "qualifier")

DECIMAL_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
FIGURE_ID_RE = re.compile(r"^f-[0-9a-f]{10}$")

DESCRIPTIONS = {
    "figure_id": "Stable id: 'f-' + first 10 hex digits of sha1(source_id:char_start:span) for"
    " documents, of sha1(source_id:row<N>:indicator_id:period) for tables.",
    "source_id": "Source document id from data/sources/sources.yml.",
    "region": "Region the source reports on (English), from the source's region_en.",
    "theme_id": "Book chapter (data/themes.yml); for unclassified figures a best guess or empty.",
    "indicator_id": "Indicator id from data/indicators.yml; empty when unclassified.",
    "status": "classified: an indicator matched; unclassified: kept for review.",
    "place": (
        "The place the figure measures, as official statistics name it (忻州市, 原平市, 山西省, "
        "全国), decided per clause; the source's own place when the text names no other."
    ),
    "subset": (
        "A part of that place the figure is about (a scenic spot, a park, key enterprises); "
        "empty when it is the place as a whole."
    ),
    "measured": (
        "What the figure measures, in the text's words: its clause's noun phrase without place, "
        "time and verb (规模以上工业增加值). An unclassified figure proposes it as an indicator."
    ),
    "measure": (
        "level, growth, share, change (points), per_capita, count or rank: how the figure "
        "measures it."
    ),
    "value": (
        "The number as printed, in the printed unit (676.5 for 676.5亿元), negative for a "
        "decrease (同比下降3.4% -> -3.4), with the same sign as value_base."
    ),
    "value_high": "Upper end of a range (5 for 4到5条); empty otherwise.",
    "unit": (
        "Unit as printed, scale word included (亿元, 万千瓦, %, 个百分点); empty for 零 figures."
    ),
    "value_base": (
        "Value in base_unit (676.5亿元 -> 67650000000), signed like value "
        "(下降2.1个百分点 -> -2.1)."
    ),
    "base_unit": "Base unit of value_base.",
    "qualifier": (
        "eq; ge (以上); gt (突破/超过/余); le (以内/以下); lt (不到); approx (约/左右); range."
    ),
    "kind": "actual; target (力争/目标); forecast (预计); plan (计划/谋划/实施).",
    "kind_confidence": "high: a cue in the figure's clause; low: inferred from context.",
    "kind_cue": (
        "What decided the kind: the cue word in the figure's clause (力争, 预计, 完成 …), or the "
        "rule in brackets ((earlier clause), (list head), (plan part of a work report), "
        "(default))."
    ),
    "period": "Reference period resolved against the document's own frame: "
    + periods.FORMS
    + "; empty when none is given.",
    "quote": "The sentence holding the figure, verbatim from the normalized text.",
    "quote_start": "Offset of the quote in the normalized text (characters).",
    "char_start": "Offset of the figure's span in the normalized text (characters).",
    "char_end": "End offset (exclusive) of the figure's span.",
    "span": "The figure as printed: normalized_text[char_start:char_end].",
}
assert set(DESCRIPTIONS) == set(COLUMNS), "every column is described"


def figure_id(source_id: str, char_start: int, span: str) -> str:
    """A document figure's id: 'f-' + sha1(source_id:char_start:span)[:10]."""
    h = hashlib.sha1(f"{source_id}:{char_start}:{span}".encode()).hexdigest()
    return "f-" + h[:10]


def table_figure_id(source_id: str, row: int, indicator_id: str, period: str) -> str:
    """A table row's id: 'f-' + sha1(source_id:row<N>:indicator_id:period)[:10]."""
    h = hashlib.sha1(f"{source_id}:row{row}:{indicator_id}:{period}".encode()).hexdigest()
    return "f-" + h[:10]


def format_float(x) -> str:
    """A base value as the ledger writes it: fixed notation, at most 6 decimals."""

    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    s = f"{float(x):.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def fields(source_ids, theme_ids, indicator_ids, units_used) -> list[dict]:
    """The Frictionless field descriptors of the ledger, with every allowed value."""
    enums = {
        "source_id": list(source_ids),
        "theme_id": ["", *theme_ids],  # empty = none (unclassified)
        "indicator_id": ["", *indicator_ids],
        "status": STATUSES,
        "base_unit": sorted(units.BASE_UNITS),
        "qualifier": QUALIFIERS,
        "kind": KINDS,
        "kind_confidence": CONFIDENCES,
        "unit": ["", *units_used],  # empty = no printed unit (零 figures)
    }
    out = []
    for c in COLUMNS:
        kind = "integer" if c in INT_COLUMNS else "number" if c in FLOAT_COLUMNS else "string"
        f = {"name": c, "type": kind, "description": DESCRIPTIONS[c]}
        cons: dict = {}
        if c in REQUIRED:
            cons["required"] = True
        if c == "figure_id":
            cons["unique"] = True
            cons["pattern"] = FIGURE_ID_RE.pattern[1:-1]
        if c in ("value", "value_high"):
            cons["pattern"] = DECIMAL_RE.pattern[1:-1]
        if c == "period":
            cons["pattern"] = periods.PATTERN
        if c in enums:
            cons["enum"] = list(enums[c])
        if c in INT_COLUMNS:
            cons["minimum"] = 0
        if cons:
            f["constraints"] = cons
        out.append(f)
    return out


def unit_rows(units_used) -> list[dict]:
    """Each printed unit of the ledger with its base unit and factor."""
    rows = []
    for u in units_used:
        base, factor = units.unit_base(u) or ("number", 1.0)
        rows.append({"unit": u, "base_unit": base, "factor": format_float(factor)})
    return rows
