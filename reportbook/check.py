"""Checks: the registries and the ledger validated together, every problem at once.

``check(paths)`` returns one ``Problem`` (file, row, column, message) per thing wrong: the
registries against their JSON Schemas and each other (``reportbook.registry``), every ledger
row against ``reportbook.schema`` (types, allowed values, ids), its quote and span against the
normalized source at their offsets, its value, unit and sign against the span re-read, each
table row against its table line, and ``datapackage.json`` against the ledger. ``main`` is
``reportbook check``.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

from reportbook import ledger, periods, sources
from reportbook.errors import Problem, ReportbookError
from reportbook.quantities import Quantity, parse_span, read_in
from reportbook.registry import Registry
from reportbook.schema import (
    COLUMNS,
    CONFIDENCES,
    DECIMAL_RE,
    FIGURE_ID_RE,
    INT_COLUMNS,
    KINDS,
    QUALIFIERS,
    STATUSES,
    figure_id,
    format_float,
)
from reportbook.sources import MAX_SENTENCE
from reportbook.tables import read_table
from reportbook.units import BASE_UNITS, implausible, unit_base


def _rel(paths, p: Path) -> str:
    try:
        return str(Path(p).resolve().relative_to(Path(paths.root).resolve()))
    except ValueError:
        return Path(p).name


def check(paths) -> list[Problem]:
    """Validate registries and the ledger; every problem at once, with file, row and column."""
    reg = Registry.of(paths)
    problems: list[Problem] = reg.problems()
    fig_file = _rel(paths, paths.figures_csv)
    try:
        entries = {e["id"]: e for e in reg.sources}
    except ReportbookError:
        # Reported above, entry by entry. Without the sources nothing in the ledger can be
        # checked: say so once, not once per row.
        return problems + [
            Problem(fig_file, None, "", "not checked: fix the source registry first")
        ]
    try:
        text = Path(paths.figures_csv).read_text(encoding="utf-8")
    except OSError as exc:
        return problems + [Problem(fig_file, None, "", f"cannot read: {exc}")]
    # A cell may be long (a quote is a sentence): read any size, then say what is too long.
    rows, damaged = ledger.csv_rows(text)
    if damaged:
        problems.append(
            Problem(fig_file, damaged[0], "", f"not readable as CSV ({damaged[1]}); run extract")
        )
    if not rows:
        return problems + [Problem(fig_file, None, "", "empty file; run `reportbook extract`")]
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
        themes = {t["id"] for t in reg.themes}
        vocab = reg.indicators
    except ReportbookError:
        return problems  # the registry problems above say why
    texts: dict[str, str | None] = {}
    reread: dict[str, dict] = {}  # the figures of a quote, read once for all its rows
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
        table = read_table(texts[sid], tfile, vocab, entry)
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
        elif vb is not None and (why := implausible(r["value"], vb, r["base_unit"], r["unit"])):
            bad("value", f"cannot be a real figure: {why}; check the source's number")
        if len(r["quote"]) > MAX_SENTENCE:
            bad(
                "quote",
                f"a sentence of {len(r['quote'])} characters (at most {MAX_SENTENCE}): the "
                "source has lost its sentence ends; split its text or leave it out",
            )
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
        if r["period"]:
            try:
                periods.parse(r["period"])
            except periods.PeriodError as exc:
                bad("period", str(exc))
        if r["theme_id"] and r["theme_id"] not in themes:
            bad("theme_id", f"unknown theme {r['theme_id']!r}")
        iid = r["indicator_id"]
        if r["status"] == "classified":
            ind = vocab.by_id.get(iid)
            if ind is None:
                bad("indicator_id", f"unknown indicator {iid!r}")
            else:
                if r["theme_id"] != ind.theme:
                    bad("theme_id", f"{r['theme_id']!r} but indicator {iid} is in {ind.theme}")
                if not ind.admits(r["base_unit"]):
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
        q = None
        if sid not in table_rows:
            q = _reread(r, ints, reread)
        if sid in table_rows:
            pass  # the span is a bare number: checked against its table line above
        elif q is None:
            bad("span", f"span {r['span']!r} does not re-parse as one figure")
        else:
            # The span is the number as printed; the ledger's value carries the sign of a
            # decrease read from the words around it (下降4.0% -> -4.0), as value_base does.
            if q.value.lstrip("-") != r["value"].lstrip("-"):
                bad("value", f"{r['value']!r} but the span reads {q.value!r}")
            elif vb and (vb < 0) != r["value"].startswith("-"):
                bad("value", f"{r['value']!r} and value_base {vb} differ in sign")
            if (q.value_high or "").lstrip("-") != r["value_high"].lstrip("-"):
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
            expected = ledger.datapackage_text(paths, Path(paths.figures_csv).name)
            if dp.read_text(encoding="utf-8") != expected:
                problems.append(
                    Problem(dp_file, None, "", "out of date with figures.csv and the registries")
                )
        except Exception as exc:  # noqa: BLE001
            problems.append(Problem(dp_file, None, "", f"cannot compare: {exc}"))
    return problems


def _reread(r: dict, ints: dict, memo: dict) -> Quantity | None:
    """The row's figure read again in its quote where the quote holds its span (a fraction,
    a part of a ratio or a bare size word is read with the words around it, as the extractor
    read it), else its span read on its own."""
    quote, qs, cs = r["quote"], ints.get("quote_start"), ints.get("char_start")
    if qs is None or cs is None or quote[cs - qs : cs - qs + len(r["span"])] != r["span"]:
        return parse_span(r["span"])
    if quote not in memo:
        if len(memo) > 256:  # a quote's rows are adjacent: keep only the recent quotes
            memo.clear()
        memo[quote] = read_in(quote)
    return memo[quote].get((cs - qs, cs - qs + len(r["span"]))) or parse_span(r["span"])


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


def main(paths) -> int:
    """``reportbook check``: print every problem (exit 1), or a one-line OK summary (exit 0)."""
    problems = check(paths)
    if problems:
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s)")
        return 1
    df = ledger.read(paths)
    n_src = df["source_id"].nunique()
    n_un = int((df["status"] == "unclassified").sum())
    print(
        f"OK: {len(df)} figures from {n_src} sources, {n_un} unclassified; "
        "registries, quotes, offsets and values check out"
    )
    return 0
