"""Tables of figures: a CSV typed in by an analyst from a bulletin, read as a source.

``read_table(text, file, vocabulary, entry)`` validates the decoded CSV text and builds one
ledger row per good line; every problem is collected with its row (the file's line number, the
header being row 1) and column, and nothing is written while any remains (``Table.message``).
Each row's ``quote`` is its whole CSV line, its ``span`` the value cell, its offsets index the
decoded text (the table's "normalized text"), and its id hashes the source id, row, indicator
and period (``schema.table_figure_id``). The format is ``TABLE_DOC``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportbook import periods, places
from reportbook.errors import TableError  # noqa: F401 - re-exported
from reportbook.markup import LINE_ENDS
from reportbook.schema import DECIMAL_RE, KINDS, QUALIFIERS, table_figure_id
from reportbook.units import implausible, unit_base

TABLE_REQUIRED = ("indicator_id", "value", "unit", "kind", "period")
TABLE_OPTIONAL = ("qualifier", "value_high", "quote", "note")
TABLE_COLUMNS = TABLE_REQUIRED + TABLE_OPTIONAL
TABLE_ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb18030")
MAX_CELL = 2_000  # characters of one cell (a quote or a note is a line of a bulletin)
TABLE_DOC = """\
A table of figures is a CSV file (extension .csv), UTF-8 with or without a BOM, or GBK. The
first line is the header; each later line is one figure (one record per line: cells may be
quoted but may not contain line breaks or carriage returns, and hold at most 2,000
characters; blank lines are skipped). Row numbers in messages are
line numbers of the file, the header being row 1. Columns, in any order:
  indicator_id  required: an id from data/indicators.yml (gives the theme)
  value         required: the number as a plain decimal (676.5, -4.2; no separators, no unit)
  unit          required: the printed unit, scale word included (亿元, 万千瓦, %, 个百分点,
                万人); it must be a known unit whose base unit the indicator allows
  kind          required: actual, target, forecast or plan
  period        required: YYYY, YYYY-H1, YYYY-Q1, YYYY-MM, YYYY-MM-DD (a stock at a date),
                YYYY-MM/YYYY-MM (months, cumulative), YYYY/YYYY (years) or
                YYYY-MM-DD/YYYY-MM-DD (a dated span)
  qualifier     optional: eq (default), ge, gt, le, lt, approx or range
  value_high    optional: the upper end, exactly when qualifier is range
  quote         optional: the source line (a table caption or row label in Chinese)
  note          optional: free text
"""
TABLE_DECIMAL_RE = DECIMAL_RE
TABLE_KINDS = tuple(KINDS)
TABLE_QUALIFIERS = tuple(QUALIFIERS)


def csv_cells(line: str) -> list[tuple[str, int, int]] | str:
    """The cells of one CSV line as (text, start, end): the offsets of the cell's content in
    ``line`` (inside the quotes of a quoted cell, surrounding blanks excluded); a string says
    what is wrong with the quoting."""
    cells: list[tuple[str, int, int]] = []
    i, n = 0, len(line)
    while True:
        j = i
        while j < n and line[j] in " \t":
            j += 1
        if j < n and line[j] == '"':
            k = j + 1
            parts = []
            while True:
                q = line.find('"', k)
                if q == -1:
                    return (
                        f"a quoted cell opened at character {j + 1} is not closed on this "
                        "line (cells may not hold line breaks)"
                    )
                parts.append(line[k:q])
                if q + 1 < n and line[q + 1] == '"':
                    parts.append('"')
                    k = q + 2
                    continue
                break
            text, start, end = "".join(parts), j + 1, q
            m = q + 1
            while m < n and line[m] in " \t":
                m += 1
            if m < n and line[m] != ",":
                return f"text after the closing quote at character {q + 1}"
            nxt = m
        else:
            c = line.find(",", i)
            nxt = n if c == -1 else c
            start, end = i, nxt
            while start < end and line[start] in " \t":
                start += 1
            while end > start and line[end - 1] in " \t":
                end -= 1
            text = line[start:end]
        cells.append((text, start, end))
        if nxt >= n:
            return cells
        i = nxt + 1


@dataclass
class Table:
    """What ``read_table`` found: ledger rows and every problem (row, column, message)."""

    file: str
    rows: list[dict] = field(default_factory=list)
    problems: list[tuple[int | None, str, str]] = field(default_factory=list)
    n_rows: int = 0

    def message(self) -> str:
        n = len(self.problems)
        lines = [
            f"{self.file}: {n} problem{'s' if n > 1 else ''} in the table of figures "
            "(rows are lines of the file, the header is row 1):"
        ]
        for row, col, msg in self.problems:
            where = "file" if row is None else f"row {row}"
            lines.append(f"  {where}" + (f" [{col}]" if col else "") + f": {msg}")
        lines.append("fix the table and try again (columns: see `reportbook ingest --help`)")
        return "\n".join(lines)


def read_table(text: str, file: str, registry, entry: dict | None = None) -> Table:
    """Validate a table of figures (the decoded CSV text) and build its ledger rows.

    Every problem is collected (``Table.problems``); rows are built only for good lines.
    ``entry`` is the registry entry (source id, region); without it rows get no ids."""
    t = Table(file)

    def bad(row, col, msg):
        t.problems.append((row, col, msg))

    if text.startswith("\ufeff"):
        text_off = 1
    else:
        text_off = 0
    lines = []  # (row number, offset of the line in text, line without its line break)
    pos = text_off
    for no, raw_line in enumerate(text[text_off:].split("\n"), 1):
        line = raw_line[:-1] if raw_line.endswith("\r") else raw_line
        lines.append((no, pos, line))
        pos += len(raw_line) + 1
    content = [(no, off, ln) for no, off, ln in lines if ln.strip()]
    if not content:
        bad(None, "", "the file holds no header and no rows; give a header line and figures")
        return t
    hno, _hoff, hline = content[0]
    hcells = csv_cells(hline)
    if isinstance(hcells, str):
        bad(hno, "", f"header: {hcells}")
        return t
    header = [c[0] for c in hcells]
    if hno != 1:
        bad(hno, "", "blank lines before the header; the header must be the first line")
    missing = [c for c in TABLE_REQUIRED if c not in header]
    unknown = [c for c in header if c not in TABLE_COLUMNS]
    dup = sorted({c for c in header if header.count(c) > 1})
    if missing:
        bad(
            hno,
            ",".join(missing),
            "header lacks required column(s) "
            + ", ".join(missing)
            + f"; the header names columns: required {', '.join(TABLE_REQUIRED)}; "
            f"optional {', '.join(TABLE_OPTIONAL)}",
        )
    if unknown:
        bad(
            hno,
            ",".join(unknown),
            f"unknown column(s) {', '.join(unknown)}; allowed: "
            f"{', '.join(TABLE_COLUMNS)} (ledger columns such as value_base or theme_id are "
            "computed, not typed)",
        )
    if dup:
        bad(hno, ",".join(dup), "column(s) named twice: " + ", ".join(dup))
    body = content[1:]
    if not body:
        bad(None, "", "the table has a header but no rows of figures; add one line per figure")
    if missing or unknown or dup:
        return t
    col = {name: i for i, name in enumerate(header)}
    seen: dict[tuple[str, str, str], int] = {}
    sid = entry["id"] if entry else ""
    region = (entry.get("region_en") or "") if entry else ""
    home = places.by_name(str(entry.get("region") or "")) if entry else None
    place = home.name if home else ""
    for no, off, line in body:
        t.n_rows += 1
        cells = csv_cells(line)
        if isinstance(cells, str):
            bad(no, "", cells + '; quote cells with "…" and double inner quotes')
            continue
        if len(cells) < len(header):
            absent = header[len(cells) :]
            bad(
                no,
                ",".join(absent),
                f"{len(cells)} cells, the header has {len(header)}: "
                f"missing {', '.join(absent)}; add the missing cells (empty for none)",
            )
            continue
        if len(cells) > len(header):
            bad(
                no,
                "",
                f"{len(cells)} cells, the header has {len(header)}; quote a cell "
                'holding a comma ("…, …") or remove the extra cells',
            )
            continue
        before = len(t.problems)
        cell = {name: cells[i] for name, i in col.items()}
        v = {name: c[0] for name, c in cell.items()}
        for name, (text_, _s, _e) in cell.items():
            if any(c in LINE_ENDS for c in text_):
                what = "a carriage return" if "\r" in text_ else "a line break"
                bad(no, name, f"holds {what}; a cell is one line of text: remove it")
            elif len(text_) > MAX_CELL:
                bad(no, name, f"{len(text_)} characters long (at most {MAX_CELL})")
        iid = v["indicator_id"]
        ind = registry.by_id.get(iid) if iid else None
        if not iid:
            bad(no, "indicator_id", "empty; give an indicator id from data/indicators.yml")
        elif ind is None:
            bad(
                no,
                "indicator_id",
                f"unknown indicator {iid!r}; use an id from "
                "data/indicators.yml (or add the indicator there first)",
            )
        value = v["value"]
        if not TABLE_DECIMAL_RE.match(value):
            bad(
                no,
                "value",
                f"{value!r} is not a number; write a plain decimal like 676.5 "
                "or -4.2 (no thousands separators, no unit: the unit has its own column)",
            )
        high = v.get("value_high", "")
        if high and not TABLE_DECIMAL_RE.match(high):
            bad(no, "value_high", f"{high!r} is not a number; write a plain decimal")
        qual = v.get("qualifier", "") or "eq"
        if qual not in TABLE_QUALIFIERS:
            bad(
                no,
                "qualifier",
                f"{qual!r} is not one of {', '.join(TABLE_QUALIFIERS)} (empty means eq)",
            )
        elif (qual == "range") != bool(high):
            bad(
                no,
                "value_high",
                "give value_high exactly when qualifier is range"
                + (" (value_high is empty)" if qual == "range" else f" (qualifier is {qual})"),
            )
        elif high and TABLE_DECIMAL_RE.match(value) and TABLE_DECIMAL_RE.match(high):
            if Decimal(high) < Decimal(value):
                bad(no, "value_high", f"{high} is below value {value}; give low then high")
        kind = v["kind"]
        if kind not in TABLE_KINDS:
            bad(no, "kind", f"{kind!r} is not one of {', '.join(TABLE_KINDS)}")
        period = v["period"]
        try:
            periods.parse(period)
        except periods.PeriodError as exc:
            bad(no, "period", f"{exc}, e.g. 2024")
        unit = v["unit"]
        ub = unit_base(unit)
        if not unit:
            bad(no, "unit", "empty; give the printed unit (亿元, %, 万千瓦, 个 …)")
        elif ub is None:
            bad(
                no,
                "unit",
                f"unknown unit {unit!r}; use a unit of reportbook.quantities.UNITS "
                "with an optional scale word (亿元, 万千瓦, %, 个百分点, 万人 …)",
            )
        elif ind is not None and not ind.admits(ub[0]):
            bad(
                no,
                "unit",
                f"{unit!r} measures {ub[0]}, but indicator {iid} takes "
                f"{', '.join(ind.base_unit)} (as in {ind.unit}); fix the unit or the indicator",
            )
        if ub is not None and TABLE_DECIMAL_RE.match(value):
            why = implausible(value, float(Decimal(value)) * ub[1], ub[0])
            if why:
                shown = value if len(value) <= 24 else f"{value[:12]}…"
                bad(no, "value", f"{shown} {unit} cannot be real: {why}; check the number")
        if len(t.problems) == before:
            key = (iid, period, kind)
            if key in seen:
                bad(
                    no,
                    "period",
                    f"row {seen[key]} already gives {iid} ({kind}) for {period}; "
                    "one figure per indicator, kind and period in a table",
                )
            seen.setdefault(key, no)
        if len(t.problems) != before:
            continue
        _text, vs, ve = cell["value"]
        base, factor = ub
        vb = float(Decimal(value)) * factor
        t.rows.append(
            {
                "figure_id": table_figure_id(sid, no, iid, period),
                "source_id": sid,
                "region": region,
                "theme_id": ind.theme,
                "indicator_id": iid,
                "status": "classified",
                "place": place,
                "subset": "",
                "measured": ind.name_zh,
                "measure": ind.measure,
                "value": value,
                "value_high": high,
                "unit": unit,
                "value_base": vb,
                "base_unit": base,
                "qualifier": qual,
                "kind": kind,
                "kind_confidence": "high",
                "kind_cue": "(table)",
                "period": period,
                "quote": line,
                "quote_start": off,
                "char_start": off + vs,
                "char_end": off + ve,
                "span": value,
            }
        )
    return t
