"""The fact ledger (``data/figures.csv``): one reader, one writer, one way to rebuild it.

- ``read(paths)``: the ledger as a DataFrame with one set of types everywhere — text columns
  are strings with ``""`` for an empty cell, ``value``/``value_high`` keep their printed digits
  (as text), offsets are integers, ``value_base`` a float; plus two derived float columns,
  ``value_num`` and ``value_high_num`` (NaN when empty), that are never written. A damaged
  file raises ``LedgerError`` naming the file and the 1-based row.
- ``write(df, path)``: deterministic bytes (UTF-8, ``\\n``, columns in ``schema.COLUMNS``
  order, ``value_base`` in fixed notation), written atomically.
- ``rebuild(paths)``: extract every registered source, write the ledger and its
  ``datapackage.json``; what ``reportbook extract`` and ``build`` both run.

The columns and their meaning are ``reportbook.schema``'s; validation is ``reportbook.check``;
what a person should look at is ``reportbook.review``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from pathlib import Path

from reportbook import addresses, extract, processes, schema
from reportbook.errors import LedgerError
from reportbook.files import atomic_write
from reportbook.registry import Registry
from reportbook.schema import COLUMNS, format_float

# re-exported for earlier callers
DECIMAL_RE, FIGURE_ID_RE, INT_COLUMNS = schema.DECIMAL_RE, schema.FIGURE_ID_RE, schema.INT_COLUMNS
STATUSES, QUALIFIERS, KINDS = schema.STATUSES, schema.QUALIFIERS, schema.KINDS
CONFIDENCES, DESCRIPTIONS = schema.CONFIDENCES, schema.DESCRIPTIONS
DERIVED = ("value_num", "value_high_num")


def _csv_path(paths_or_csv) -> Path:
    if hasattr(paths_or_csv, "figures_csv"):
        return Path(paths_or_csv.figures_csv)
    return Path(paths_or_csv)


def _rel(p: Path) -> str:
    parts = Path(p).parts
    return "/".join(parts[-2:]) if len(parts) >= 2 else str(p)


def empty():
    """A ledger with no rows and the right columns."""
    import pandas as pd  # deferred: pandas costs 0.3 s and ingest and --help do not need it

    return _typed(pd.DataFrame({c: pd.Series(dtype=str) for c in COLUMNS}))


def csv_rows(text: str) -> tuple[list[list[str]], tuple[int, str] | None]:
    """The rows of a ledger's CSV text, cells of any size (a quote is a sentence; ``check``
    says which is too long), and ``(line, what)`` where the text stops being CSV, if it
    does. The one reader of ledger CSV: ``read``, ``check`` and the book's copy use it."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text))
    try:
        for r in reader:
            rows.append(r)
    except csv.Error as exc:
        return rows, (reader.line_num, str(exc))
    return rows, None


def read(paths_or_csv):
    """The ledger, typed as the module docstring says; LedgerError names a damaged row."""
    import pandas as pd  # deferred: pandas costs 0.3 s and ingest and --help do not need it

    path = _csv_path(paths_or_csv)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LedgerError(
            f"{_rel(path)}: the ledger is missing; make it with `python -m reportbook extract`"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(
            f"{_rel(path)}: cannot be read ({exc}); run `reportbook extract`"
        ) from None
    if not text.strip():
        raise LedgerError(
            f"{_rel(path)}: empty (a killed write?); run `python -m reportbook extract` or "
            "restore it from git"
        )
    rows, damaged = csv_rows(text)
    if damaged:
        raise LedgerError(
            f"{_rel(path)}:{damaged[0]}: not readable as CSV ({damaged[1]}); the file is "
            "damaged: run `python -m reportbook extract` (or restore it from git)"
        )
    header = rows[0]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise LedgerError(
            f"{_rel(path)}:1: missing columns {', '.join(missing)}; run `reportbook extract`"
        )
    for n, r in enumerate(rows[1:], start=2):
        if len(r) != len(header):
            raise LedgerError(
                f"{_rel(path)}:{n}: {len(r)} cells, expected {len(header)}; the file is damaged: "
                "run `python -m reportbook extract` (or restore it from git)"
            )
    df = pd.DataFrame(rows[1:], columns=header, dtype=str)
    for c in INT_COLUMNS:
        bad = ~df[c].str.fullmatch(r"\d+") if len(df) else df[c].astype(bool)
        if bad.any():
            n = int(bad.to_numpy().argmax()) + 2
            raise LedgerError(
                f"{_rel(path)}:{n} [{c}]: not an offset ({df[c].iloc[n - 2]!r}); run "
                "`python -m reportbook extract`"
            )
    try:
        return _typed(df)
    except ValueError as exc:
        raise LedgerError(f"{_rel(path)}: {exc}; run `python -m reportbook extract`") from None


def _typed(df):
    import pandas as pd  # deferred: pandas costs 0.3 s and ingest and --help do not need it

    df = df.copy()
    for c in INT_COLUMNS:
        df[c] = df[c].astype(int) if len(df) else df[c].astype("int64")
    df["value_base"] = pd.to_numeric(df["value_base"], errors="raise").astype(float)
    for c in COLUMNS:
        if c not in INT_COLUMNS and c != "value_base":
            df[c] = df[c].fillna("").astype(str)
    df["value_num"] = pd.to_numeric(df["value"], errors="coerce").astype(float)
    df["value_high_num"] = pd.to_numeric(df["value_high"], errors="coerce").astype(float)
    # Every figure link is built from its id alone: say which source's page shows it.
    addresses.remember(df["figure_id"], df["source_id"])
    return df


def from_rows(rows: list[dict]):
    """A ledger DataFrame from extracted rows (dicts with ``COLUMNS``), typed like ``read``."""
    import pandas as pd  # deferred: pandas costs 0.3 s and ingest and --help do not need it

    df = pd.DataFrame(rows, columns=COLUMNS)
    if len(df):
        df = df.sort_values(["source_id", "char_start", "char_end"], kind="mergesort")
    df = df.reset_index(drop=True)
    for c in COLUMNS:
        if c not in INT_COLUMNS and c != "value_base":
            df[c] = df[c].map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v))
                              else str(v))  # fmt: skip
    return _typed(df)


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
    """Write the ledger deterministically (same rows -> same bytes), atomically."""
    atomic_write(Path(path), to_csv_text(df).encode("utf-8"))


# ------------------------------------------------------------------ datapackage


def datapackage(paths, csv_name: str = "figures.csv", df=None) -> dict:
    """A Frictionless Data Package describing the ledger: every column, unit and allowed value."""
    reg = Registry.of(paths)
    if df is None:
        df = read(paths)
    vocab = reg.indicators
    units_used = sorted(set(df["unit"]) - {""})
    return {
        "profile": "tabular-data-package",
        "name": "xinzhou-figures",
        "title": "Xinzhou development figures: the fact ledger",
        "description": (
            "Every figure in the registered Chinese source documents, with kind, qualifier, "
            "period, indicator and the sentence it came from. Built by `reportbook extract`. "
            "This file (data/figures.csv) keeps every cell's exact text. The copy offered for "
            "download in the book is safe to open in a spreadsheet: a text cell that begins "
            "with =, +, -, @, a tab or a carriage return is prefixed with an apostrophe ('), so "
            "it is shown, never evaluated as a formula; cells that are plain numbers (-4.2) are "
            "left as they are, so negative values stay numbers."
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
                    "fields": schema.fields(
                        [e["id"] for e in reg.sources],
                        [t["id"] for t in reg.themes],
                        [i.id for i in vocab.indicators],
                        units_used,
                    ),
                    "primaryKey": ["figure_id"],
                    "missingValues": [""],
                },
                "units": schema.unit_rows(units_used),
                "base_units": [
                    {"id": k, "description": v} for k, v in schema.units.BASE_UNITS.items()
                ],
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
                    for i in vocab.indicators
                ],
            },
        ],
    }


def datapackage_text(paths, csv_name: str = "figures.csv", df=None) -> str:
    return json.dumps(datapackage(paths, csv_name, df), ensure_ascii=False, indent=2) + "\n"


def write_datapackage(paths, path=None, csv_name: str = "figures.csv", df=None) -> None:
    path = Path(path or paths.datapackage_json)
    if df is None:
        df = read(path.with_name(csv_name))
    atomic_write(path, datapackage_text(paths, csv_name, df).encode("utf-8"))


# ------------------------------------------------------------------ rebuilding


def extract_all(paths):
    """The ledger over every registered source, sorted by (source_id, char_start)."""
    return from_rows(extract.extract_rows(paths))


def rebuild(paths, out: Path | None = None):
    """Extract every registered source; write the ledger (``out`` or data/figures.csv) and
    its datapackage.json beside it; return the ledger. Under the project lock."""
    with processes.lock(paths, "reportbook extract"):
        return _rebuild(paths, out)


def _rebuild(paths, out: Path | None):
    df = extract_all(paths)
    target = Path(out) if out else Path(paths.figures_csv)
    write(df, target)
    dp = (
        Path(paths.datapackage_json)
        if target.resolve() == Path(paths.figures_csv).resolve()
        else target.with_name("datapackage.json")
    )
    write_datapackage(paths, dp, csv_name=target.name, df=df)
    return df


def main_extract(paths, out: Path | None = None) -> int:
    """``reportbook extract [--out PATH]``: write the ledger and its datapackage.json."""

    df = rebuild(paths, out)
    target = Path(out) if out else Path(paths.figures_csv)
    by_source = Counter(df["source_id"])
    by_theme = Counter(t or "(none)" for t in df["theme_id"])
    unclassified = int((df["status"] == "unclassified").sum())
    print(f"wrote {len(df)} figures to {target.name} (+ datapackage.json)")
    for sid, n in sorted(by_source.items()):
        print(f"  {sid}: {n}")
    print("by theme: " + ", ".join(f"{t} {n}" for t, n in sorted(by_theme.items())))
    print(f"unclassified: {unclassified}")
    return 0
