"""The fact ledger (``data/figures.csv``): reading, writing, validation, datapackage, review.

One row per figure; the columns are ``COLUMNS`` (see DESIGN.md, "The fact ledger"). Decisions
recorded here because every consumer depends on them:

- ``value``/``value_high`` are the numbers as printed (``676.5``; ``-4.2`` for ``(-4.2%)``;
  ``2.1`` for ``下降2.1个百分点``); ``unit`` is the unit as printed (``亿元``, ``万千瓦``).
- ``value_base`` is the value in ``base_unit`` and carries the sign of a decrease verb:
  ``同比下降2.1个百分点`` → ``value`` 2.1, ``value_base`` -2.1. Percent and percentage point
  stay apart (``percent`` vs ``percentage_point``).
- Empty cells mean "none": ``value_high`` outside ranges, ``indicator_id`` when unclassified,
  ``period`` when the text gives none.
- ``write`` is deterministic: UTF-8, ``\\n`` line ends, columns in order, ``value_base`` in
  fixed notation with at most 6 decimals, no index.
- Rows from a table source (``type: table``, a CSV typed in by an analyst) quote the whole CSV
  line of the figure; ``span`` is the value cell (a bare number) and the offsets index the
  decoded CSV text. ``check`` validates the table itself (every problem, with the table's row
  and column) and checks each such row against the table line it quotes.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportbook.extract import COLUMNS, figure_id, read_table, unit_base

STATUSES = ["classified", "unclassified"]
QUALIFIERS = ["eq", "ge", "gt", "le", "lt", "approx", "range"]
KINDS = ["actual", "target", "forecast", "plan"]
CONFIDENCES = ["high", "low"]
BASE_UNITS = {
    "CNY": "yuan (renminbi)",
    "USD": "US dollars",
    "EUR": "euros",
    "kW": "kilowatts of installed capacity",
    "kWh": "kilowatt-hours",
    "t": "tonnes",
    "m3": "cubic metres",
    "km2": "square kilometres",
    "m2": "square metres",
    "ha": "hectares",
    "mu": "mu (666.7 square metres)",
    "km": "kilometres",
    "m": "metres",
    "percent": "percent (a share or a rate of change)",
    "percentage_point": "percentage points (a difference between two percents)",
    "person": "people",
    "person_time": "person-times (visits)",
    "count": "a count of items (projects, enterprises, towns, tasks …)",
    "times": "a multiple (倍)",
    "number": "a bare number or size class with no printed unit (万亿级)",
}
PERIOD_RE = re.compile(r"^\d{4}(?:-H[12]|-Q[1-4]|-\d{2}-\d{2}|-\d{2}/\d{4}-\d{2})?$")
DECIMAL_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
FIGURE_ID_RE = re.compile(r"^f-[0-9a-f]{10}$")
INT_COLUMNS = ("quote_start", "char_start", "char_end")

DESCRIPTIONS = {
    "figure_id": "Stable id: 'f-' + first 10 hex digits of sha1(source_id:char_start:span) for"
    " documents, of sha1(source_id:row<N>:indicator_id:period) for tables.",
    "source_id": "Source document id from data/sources/sources.yml.",
    "region": "Region the source reports on (English), from the source's region_en.",
    "theme_id": "Book chapter (data/themes.yml); for unclassified figures a best guess or empty.",
    "indicator_id": "Indicator id from data/indicators.yml; empty when unclassified.",
    "status": "classified: an indicator matched; unclassified: kept for review.",
    "value": "The number as printed, in the printed unit (676.5 for 676.5亿元; -4.2 for (-4.2%)).",
    "value_high": "Upper end of a range (5 for 4到5条); empty otherwise.",
    "unit": (
        "Unit as printed, scale word included (亿元, 万千瓦, %, 个百分点); empty for 零 figures."
    ),
    "value_base": (
        "Value in base_unit (676.5亿元 -> 67650000000). Negative when a decrease verb governs "
        "the figure (下降2.1个百分点 -> -2.1)."
    ),
    "base_unit": "Base unit of value_base.",
    "qualifier": (
        "eq; ge (以上); gt (突破/超过/余); le (以内/以下); lt (不到); approx (约/左右); range."
    ),
    "kind": "actual; target (力争/目标); forecast (预计); plan (计划/谋划/实施).",
    "kind_confidence": "high: a cue in the figure's clause; low: inferred from context.",
    "period": (
        "Reference period resolved against the source date: YYYY, YYYY-H1, YYYY-Q1, "
        "YYYY-MM-DD (a stock at a date), YYYY-MM/YYYY-MM (months); empty when none is given."
    ),
    "quote": "The sentence holding the figure, verbatim from the normalized text.",
    "quote_start": "Offset of the quote in the normalized text (characters).",
    "char_start": "Offset of the figure's span in the normalized text (characters).",
    "char_end": "End offset (exclusive) of the figure's span.",
    "span": "The figure as printed: normalized_text[char_start:char_end].",
}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f" [{self.column}]"
        return f"{where}: {self.message}"


# ------------------------------------------------------------------ reading and writing


def format_float(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    s = f"{float(x):.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _csv_path(paths_or_csv) -> Path:
    if hasattr(paths_or_csv, "figures_csv"):
        return Path(paths_or_csv.figures_csv)
    return Path(paths_or_csv)


def read(paths_or_csv):
    """The ledger as a DataFrame: strings everywhere, ints for offsets, float value_base."""
    import pandas as pd

    df = pd.read_csv(_csv_path(paths_or_csv), dtype=str, keep_default_na=False, encoding="utf-8")
    for c in INT_COLUMNS:
        if c in df:
            df[c] = df[c].astype(int)
    if "value_base" in df:
        df["value_base"] = df["value_base"].astype(float)
    return df


def to_csv_text(df) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for rec in df[COLUMNS].itertuples(index=False, name=None):
        row = []
        for col, v in zip(COLUMNS, rec, strict=True):
            if col == "value_base":
                row.append(format_float(v))
            elif v is None or (isinstance(v, float) and math.isnan(v)):
                row.append("")
            else:
                row.append(str(v))
        w.writerow(row)
    return buf.getvalue()


def write(df, path) -> None:
    """Write the ledger deterministically (same rows -> same bytes)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(to_csv_text(df).encode("utf-8"))
    tmp.replace(path)


# ------------------------------------------------------------------ datapackage


def datapackage(paths, csv_name: str = "figures.csv", df=None) -> dict:
    """A Frictionless Data Package describing the ledger: every column, unit and allowed value."""
    from reportbook import sources
    from reportbook.indicators import load_indicators, load_themes
    from reportbook.quantities import UNITS

    if df is None:
        df = read(paths)
    themes = [t["id"] for t in load_themes(paths)]
    reg = load_indicators(paths)
    source_ids = [e["id"] for e in sources.load_registry(paths)]
    units_used = sorted(set(df["unit"]) - {""})
    enums = {
        "source_id": source_ids,
        "theme_id": themes,
        "indicator_id": [i.id for i in reg.indicators],
        "status": STATUSES,
        "base_unit": sorted(BASE_UNITS),
        "qualifier": QUALIFIERS,
        "kind": KINDS,
        "kind_confidence": CONFIDENCES,
        "unit": units_used,
    }
    types = {c: "string" for c in COLUMNS}
    types.update({"value_base": "number", **{c: "integer" for c in INT_COLUMNS}})
    fields = []
    for c in COLUMNS:
        f = {"name": c, "type": types[c], "description": DESCRIPTIONS[c]}
        cons: dict = {}
        if c in ("figure_id", "source_id", "value", "quote", "span", "kind", "qualifier"):
            cons["required"] = True
        if c == "figure_id":
            cons["unique"] = True
            cons["pattern"] = FIGURE_ID_RE.pattern[1:-1]
        if c in ("value", "value_high"):
            cons["pattern"] = DECIMAL_RE.pattern[1:-1]
        if c == "period":
            cons["pattern"] = PERIOD_RE.pattern[1:-1]
        if c in enums:
            vals = list(enums[c])
            if c in ("theme_id", "indicator_id", "unit"):
                vals = [""] + vals  # empty = none (unclassified, or no printed unit)
            cons["enum"] = vals
        if c in INT_COLUMNS:
            cons["minimum"] = 0
        if cons:
            f["constraints"] = cons
        fields.append(f)
    base_of = {}
    for u in units_used:
        from reportbook.quantities import SCALES

        scale = next((s for s in sorted(SCALES, key=len, reverse=True) if u.startswith(s)), "")
        rest = u[len(scale) :]
        base, factor = UNITS.get(rest, ("number", 1.0)) if rest else ("number", 1.0)
        base_of[u] = {
            "unit": u,
            "base_unit": base,
            "factor": format_float(SCALES.get(scale, 1) * factor),
        }
    return {
        "profile": "tabular-data-package",
        "name": "xinzhou-figures",
        "title": "Xinzhou development figures: the fact ledger",
        "description": (
            "Every figure in the registered Chinese source documents, with kind, qualifier, "
            "period, indicator and the sentence it came from. Built by `reportbook extract`."
        ),
        "licenses": [{"name": "other-at", "title": "Quoted from the sources for research"}],
        "resources": [
            {
                "name": "figures",
                "path": csv_name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
                "schema": {
                    "fields": fields,
                    "primaryKey": ["figure_id"],
                    "missingValues": [""],
                },
                "units": [base_of[u] for u in units_used],
                "base_units": [{"id": k, "description": v} for k, v in BASE_UNITS.items()],
            },
            {
                "name": "indicators",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": [
                        {"name": n, "type": "string"}
                        for n in ("id", "name_en", "name_zh", "unit", "theme", "description")
                    ],
                    "primaryKey": ["id"],
                },
                "data": [
                    {
                        "id": i.id,
                        "name_en": i.name_en,
                        "name_zh": i.name_zh,
                        "unit": i.unit,
                        "theme": i.theme,
                        "description": i.description,
                    }
                    for i in reg.indicators
                ],
            },
        ],
    }


def datapackage_text(paths, csv_name: str = "figures.csv", df=None) -> str:
    return json.dumps(datapackage(paths, csv_name, df), ensure_ascii=False, indent=2) + "\n"


def write_datapackage(paths, path=None, csv_name: str = "figures.csv", df=None) -> None:
    path = Path(path or paths.datapackage_json)
    if df is None:
        csv_path = path.with_name(csv_name)
        df = read(csv_path)
    path.write_text(datapackage_text(paths, csv_name, df), encoding="utf-8", newline="\n")


# ------------------------------------------------------------------ check


def _rel(paths, p: Path) -> str:
    try:
        return str(Path(p).resolve().relative_to(Path(paths.root).resolve()))
    except ValueError:
        return Path(p).name


def check(paths) -> list[Problem]:
    """Validate registries and the ledger; every problem at once, with file, row and column."""
    from reportbook import sources
    from reportbook.indicators import load_indicators, load_themes, validate
    from reportbook.quantities import parse_span

    problems: list[Problem] = [Problem(*p) for p in validate(paths)]
    src_file = _rel(paths, paths.sources_yml)
    try:
        reg_problems = sources.registry_problems(paths)
    except Exception as exc:  # noqa: BLE001 - report, don't crash
        reg_problems = [f"cannot validate: {exc}"]
    problems += [Problem(src_file, None, "", str(m)) for m in reg_problems]
    try:
        entries = {e["id"]: e for e in sources.load_registry(paths)}
    except Exception as exc:  # noqa: BLE001
        problems.append(Problem(src_file, None, "", f"cannot load: {exc}"))
        entries = {}
    fig_file = _rel(paths, paths.figures_csv)
    try:
        text = Path(paths.figures_csv).read_text(encoding="utf-8")
    except OSError as exc:
        return problems + [Problem(fig_file, None, "", f"cannot read: {exc}")]
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return problems + [Problem(fig_file, None, "", "empty file")]
    header = rows[0]
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    if missing:
        problems.append(Problem(fig_file, 1, ",".join(missing), "missing columns"))
    if extra:
        problems.append(Problem(fig_file, 1, ",".join(extra), "unexpected columns"))
    if not missing and header[: len(COLUMNS)] != COLUMNS:
        problems.append(Problem(fig_file, 1, "", f"columns out of order; expected {COLUMNS}"))
    if missing:
        return problems
    try:
        themes = {t["id"] for t in load_themes(paths)}
        reg = load_indicators(paths)
    except Exception as exc:  # noqa: BLE001
        return problems + [Problem("data/indicators.yml", None, "", f"cannot load: {exc}")]
    texts: dict[str, str | None] = {}
    seen_ids: dict[str, int] = {}
    # tables: validate each committed table; its good rows are what the ledger must hold
    table_rows: dict[str, dict[str, dict]] = {}
    for sid, entry in entries.items():
        if entry.get("type", "document") != "table":
            continue
        tfile = f"{_rel(paths, paths.sources_dir)}/{entry['file']}"
        try:
            texts[sid] = sources.normalized(paths, sid).text
        except Exception as exc:  # noqa: BLE001
            texts[sid] = None
            problems.append(Problem(tfile, None, "", f"cannot read the table: {exc}"))
            table_rows[sid] = {}
            continue
        table = read_table(texts[sid], tfile, reg, entry)
        problems += [Problem(tfile, row, col, msg) for row, col, msg in table.problems]
        table_rows[sid] = {r["figure_id"]: r for r in table.rows}
    for n, raw in enumerate(rows[1:], start=2):
        if len(raw) != len(header):
            problems.append(Problem(fig_file, n, "", f"{len(raw)} cells, expected {len(header)}"))
            continue
        r = dict(zip(header, raw, strict=True))

        def bad(col: str, msg: str, n=n) -> None:
            problems.append(Problem(fig_file, n, col, msg))

        fid = r["figure_id"]
        if not FIGURE_ID_RE.match(fid):
            bad("figure_id", f"bad figure id {fid!r}")
        if fid in seen_ids:
            bad("figure_id", f"duplicate of row {seen_ids[fid]}")
        seen_ids.setdefault(fid, n)
        sid = r["source_id"]
        if sid not in entries:
            bad("source_id", f"unknown source {sid!r} (not in sources.yml)")
        ints = {}
        for c in INT_COLUMNS:
            try:
                ints[c] = int(r[c])
                if ints[c] < 0:
                    bad(c, "negative offset")
            except ValueError:
                bad(c, f"not an integer: {r[c]!r}")
        if not DECIMAL_RE.match(r["value"]):
            bad("value", f"not a decimal: {r['value']!r}")
        if r["value_high"] and not DECIMAL_RE.match(r["value_high"]):
            bad("value_high", f"not a decimal: {r['value_high']!r}")
        try:
            vb = float(r["value_base"])
            if math.isnan(vb):
                raise ValueError
        except ValueError:
            bad("value_base", f"not a number: {r['value_base']!r}")
            vb = None
        if r["base_unit"] not in BASE_UNITS:
            bad("base_unit", f"unknown base unit {r['base_unit']!r}")
        for col, allowed in (
            ("status", STATUSES),
            ("qualifier", QUALIFIERS),
            ("kind", KINDS),
            ("kind_confidence", CONFIDENCES),
        ):
            if r[col] not in allowed:
                bad(col, f"{r[col]!r} not one of {allowed}")
        if (r["qualifier"] == "range") != bool(r["value_high"]):
            bad("value_high", "value_high is set exactly when qualifier is range")
        if r["period"] and not PERIOD_RE.match(r["period"]):
            bad("period", f"bad period {r['period']!r}")
        if r["theme_id"] and r["theme_id"] not in themes:
            bad("theme_id", f"unknown theme {r['theme_id']!r}")
        iid = r["indicator_id"]
        if r["status"] == "classified":
            ind = reg.by_id.get(iid)
            if ind is None:
                bad("indicator_id", f"unknown indicator {iid!r}")
            else:
                if r["theme_id"] != ind.theme:
                    bad("theme_id", f"{r['theme_id']!r} but indicator {iid} is in {ind.theme}")
                if r["base_unit"] not in ind.base_unit:
                    bad("base_unit", f"{r['base_unit']!r} not allowed for indicator {iid}")
        elif r["status"] == "unclassified" and iid:
            bad("indicator_id", "unclassified rows have an empty indicator_id")
        if sid in table_rows:
            _check_table_row(r, table_rows[sid], entries[sid]["file"], vb, bad)
        elif (
            fid
            and ints.get("char_start") is not None
            and fid != figure_id(sid, ints["char_start"], r["span"])
        ):
            bad("figure_id", "does not match sha1(source_id:char_start:span)")
        # the quote and span, verbatim in the normalized source at their offsets
        if sid in entries and len(ints) == 3:
            if sid not in texts:
                try:
                    texts[sid] = sources.normalized(paths, sid).text
                except Exception as exc:  # noqa: BLE001
                    texts[sid] = None
                    bad("source_id", f"cannot normalize source: {exc}")
            t = texts[sid]
            qs, cs, ce = ints["quote_start"], ints["char_start"], ints["char_end"]
            if t is not None:
                if t[qs : qs + len(r["quote"])] != r["quote"]:
                    bad("quote", f"not found verbatim at offset {qs}")
                if t[cs:ce] != r["span"]:
                    bad("span", f"text[{cs}:{ce}] is {t[cs:ce]!r}, not {r['span']!r}")
            if not (qs <= cs < ce <= qs + len(r["quote"])):
                bad("char_start", "the span is not inside the quote")
        q = None if sid in table_rows else parse_span(r["span"])
        if sid in table_rows:
            pass  # the span is a bare number: checked against its table line above
        elif q is None:
            bad("span", f"span {r['span']!r} does not re-parse as one figure")
        else:
            if q.value != r["value"]:
                bad("value", f"{r['value']!r} but the span reads {q.value!r}")
            if (q.value_high or "") != r["value_high"]:
                bad("value_high", f"{r['value_high']!r} but the span reads {q.value_high!r}")
            if q.unit != r["unit"]:
                bad("unit", f"{r['unit']!r} but the span reads {q.unit!r}")
            if q.base_unit != r["base_unit"]:
                bad("base_unit", f"{r['base_unit']!r} but the span reads {q.base_unit!r}")
            if vb is not None and not math.isclose(
                abs(vb), abs(q.value_base), rel_tol=1e-9, abs_tol=1e-6
            ):
                bad("value_base", f"{vb} but the span reads {abs(q.value_base)}")
    for sid, expected in table_rows.items():
        for fid, er in expected.items():
            if fid not in seen_ids:
                problems.append(
                    Problem(
                        fig_file,
                        None,
                        "figure_id",
                        f"{fid} ({er['indicator_id']} {er['period']}, table "
                        f"{entries[sid]['file']} at character {er['quote_start']}) is missing "
                        "from the ledger; run `reportbook extract`",
                    )
                )
    # the datapackage must describe this ledger
    dp = Path(paths.datapackage_json)
    dp_file = _rel(paths, dp)
    if not dp.exists():
        problems.append(Problem(dp_file, None, "", "missing; run `reportbook extract`"))
    else:
        try:
            expected = datapackage_text(paths, Path(paths.figures_csv).name)
            if dp.read_text(encoding="utf-8") != expected:
                problems.append(
                    Problem(dp_file, None, "", "out of date with figures.csv and the registries")
                )
        except Exception as exc:  # noqa: BLE001
            problems.append(Problem(dp_file, None, "", f"cannot compare: {exc}"))
    return problems


def _check_table_row(r: dict, expected: dict[str, dict], tfile: str, vb, bad) -> None:
    """A ledger row from a table: the value re-read from its span (a bare number), the unit
    known, and every field as its table line says."""
    span = r["span"]
    if not DECIMAL_RE.match(span):
        bad("span", f"span {span!r} of a table row is not a plain number")
    elif DECIMAL_RE.match(r["value"]) and Decimal(span) != Decimal(r["value"]):
        bad("value", f"{r['value']!r} but the span reads {span!r}")
    ub = unit_base(r["unit"])
    if ub is None:
        bad("unit", f"unknown unit {r['unit']!r} (not in quantities.UNITS with a scale word)")
    else:
        if ub[0] != r["base_unit"]:
            bad("base_unit", f"{r['base_unit']!r} but unit {r['unit']!r} measures {ub[0]!r}")
        if (
            vb is not None
            and DECIMAL_RE.match(span)
            and not math.isclose(vb, float(Decimal(span)) * ub[1], rel_tol=1e-9, abs_tol=1e-6)
        ):
            bad("value_base", f"{vb} but {span} {r['unit']} is {float(Decimal(span)) * ub[1]}")
    er = expected.get(r["figure_id"])
    if er is None:
        bad(
            "figure_id",
            f"no valid row of table {tfile} has this id (sha1 of source_id:row:indicator_id:"
            "period); run `reportbook extract`",
        )
        return
    for col in COLUMNS:
        if col == "value_base":
            if vb is not None and not math.isclose(vb, er[col], rel_tol=1e-9, abs_tol=1e-6):
                bad(col, f"{vb} but the table line gives {format_float(er[col])}")
        elif str(er[col]) != str(r[col]):
            bad(col, f"{r[col]!r} but the table line gives {er[col]!r}")


def main_check(paths) -> int:
    """``reportbook check``: print every problem (exit 1), or a one-line OK summary (exit 0)."""
    problems = check(paths)
    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s)")
        return 1
    df = read(paths)
    n_src = df["source_id"].nunique()
    n_un = int((df["status"] == "unclassified").sum())
    print(
        f"OK: {len(df)} figures from {n_src} sources, {n_un} unclassified; "
        "registries, quotes, offsets and values check out"
    )
    return 0


# ------------------------------------------------------------------ review


def _brief(r) -> dict:
    return {
        "figure_id": r["figure_id"],
        "source_id": r["source_id"],
        "theme_id": r["theme_id"],
        "indicator_id": r["indicator_id"],
        "span": r["span"],
        "value": r["value"],
        "unit": r["unit"],
        "qualifier": r["qualifier"],
        "kind": r["kind"],
        "period": r["period"],
        "quote": r["quote"],
    }


def review(paths, df=None) -> dict:
    """What a person should look at: unclassified figures, low-confidence kinds, and
    conflicting values for the same indicator, kind and period from different sources."""
    if df is None:
        df = read(paths)
    recs = df.to_dict("records")
    unclassified = [_brief(r) for r in recs if r["status"] == "unclassified"]
    low = [_brief(r) for r in recs if r["kind_confidence"] == "low"]
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in recs:
        if r["status"] == "classified" and r["period"]:
            # Different places report different values for the same indicator: only
            # figures about the same region can conflict.
            groups[(r["region"], r["indicator_id"], r["period"], r["kind"])].append(r)
    conflicts = []
    for (_region, iid, period, kind), rs in sorted(groups.items()):
        if len({r["source_id"] for r in rs}) < 2:
            continue
        values = {(format_float(r["value_base"]), r["qualifier"]) for r in rs}
        if len(values) > 1:
            conflicts.append(
                {
                    "indicator_id": iid,
                    "period": period,
                    "kind": kind,
                    "figures": [_brief(r) for r in rs],
                }
            )
    return {
        "counts": {
            "figures": len(recs),
            "unclassified": len(unclassified),
            "low_confidence": len(low),
            "conflicts": len(conflicts),
        },
        "unclassified": unclassified,
        "low_confidence": low,
        "conflicts": conflicts,
    }


def format_review(rev: dict) -> str:
    c = rev["counts"]
    lines = [
        f"Review: {c['figures']} figures; {c['unclassified']} unclassified, "
        f"{c['low_confidence']} with a low-confidence kind, {c['conflicts']} conflicts",
    ]
    lines.append("")
    lines.append(f"Unclassified figures ({c['unclassified']}):")
    for r in rev["unclassified"]:
        lines.append(
            f"  {r['figure_id']} {r['source_id']} {r['span']} "
            f"(theme guess: {r['theme_id'] or '-'}) — {r['quote'][:60]}"
        )
    lines.append("")
    lines.append(f"Kinds inferred from context, not a cue in the clause ({c['low_confidence']}):")
    for r in rev["low_confidence"]:
        lines.append(
            f"  {r['figure_id']} {r['source_id']} {r['span']} -> {r['kind']} "
            f"[{r['indicator_id'] or 'unclassified'}, {r['period'] or 'no period'}]"
        )
    lines.append("")
    lines.append(f"Conflicting values, same indicator, kind and period ({c['conflicts']}):")
    for g in rev["conflicts"]:
        vals = "; ".join(f"{r['source_id']}: {r['span']} ({r['qualifier']})" for r in g["figures"])
        lines.append(f"  {g['indicator_id']} {g['period']} {g['kind']}: {vals}")
    return "\n".join(lines)
