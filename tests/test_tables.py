"""Tables of figures (CSV typed in by an analyst): ingest, extraction, check and review."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import pytest
import yaml

from reportbook import check, cli, ledger, review, sources, tables
from reportbook.schema import table_figure_id
from reportbook.tables import TableError

FIXTURE = Path(__file__).parent / "fixtures" / "tables" / "xinzhou-bulletin-2024.csv"
HEADER = "indicator_id,value,unit,kind,period,qualifier,value_high,quote,note\n"
TABLE_ID = "xinzhou-bulletin-2024"


def _snapshot(p) -> dict[str, bytes]:
    return {str(f.relative_to(p.root)): f.read_bytes() for f in p.data.rglob("*") if f.is_file()}


def _ingest(p, path, **kw):
    kw.setdefault("title", "2024年忻州市国民经济和社会发展统计公报（摘录）")
    kw.setdefault("date", "2024-12")
    return sources.ingest(p, path, **kw)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """One copy of the project with the good fixture ingested and the ledger re-extracted."""
    from tests.conftest import copy_project

    p = copy_project(tmp_path_factory.mktemp("tables") / "project")
    entry, norm = _ingest(p, FIXTURE, source_id=TABLE_ID, region="忻州")
    ledger.main_extract(p)
    return p, entry, norm


# ------------------------------------------------------------------ a good table


def test_good_table_is_registered_byte_for_byte(ingested):
    p, entry, norm = ingested
    assert entry["type"] == "table" and entry["file"] == f"{TABLE_ID}.csv"
    assert entry["region"] == "忻州" and entry["region_en"] == "Xinzhou"
    stored = p.sources_dir / entry["file"]
    assert stored.read_bytes() == FIXTURE.read_bytes()
    assert entry["sha256"] == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert sources.registry_problems(p) == []
    assert sources.get(p, TABLE_ID)["type"] == "table"
    # existing entries keep their text and no type field (absent = document)
    text = p.sources_yml.read_text("utf-8")
    assert text.count("type: table") == 1 and "type: document" not in text
    assert norm.text == FIXTURE.read_text("utf-8")  # the table's text is the decoded CSV


def test_rows_in_the_ledger(ingested):
    p, _entry, _norm = ingested
    df = ledger.extract_all(p)
    rows = df[df["source_id"] == TABLE_ID].to_dict("records")
    assert len(rows) == 5
    by = {(r["indicator_id"], r["period"]): r for r in rows}
    gdp = by[("gdp", "2024")]
    assert gdp["theme_id"] == "economy" and gdp["region"] == "Xinzhou"
    assert gdp["value"] == "1750.2" and gdp["unit"] == "亿元"
    assert gdp["value_base"] == pytest.approx(1750.2e8) and gdp["base_unit"] == "CNY"
    assert gdp["status"] == "classified" and gdp["kind_confidence"] == "high"
    assert gdp["qualifier"] == "eq" and gdp["value_high"] == ""
    assert gdp["figure_id"] == table_figure_id(TABLE_ID, 2, "gdp", "2024")
    text = FIXTURE.read_text("utf-8")
    line2 = text.split("\n")[1]
    assert gdp["quote"] == line2 and gdp["quote_start"] == len(text.split("\n")[0]) + 1
    assert text[gdp["char_start"] : gdp["char_end"]] == "1750.2" == gdp["span"]
    grain = by[("grain_output", "2024")]
    assert grain["theme_id"] == "agriculture" and grain["base_unit"] == "t"
    assert grain["value_base"] == pytest.approx(1301000) and grain["qualifier"] == "approx"
    rng = by[("retail_sales_growth", "2025")]
    assert (rng["kind"], rng["qualifier"], rng["value_high"]) == ("target", "range", "5")
    assert by[("gdp_growth", "2024")]["base_unit"] == "percent"


def test_check_passes_and_committed_ledger_matches(ingested):
    p, _e, _n = ingested
    assert [str(x) for x in check.check(p)] == []
    assert ledger.to_csv_text(ledger.extract_all(p)) == Path(p.figures_csv).read_text("utf-8")


def test_figure_ids_are_stable(ingested):
    p, _e, _n = ingested
    first = ledger.extract_all(p)
    sources._MEMO.clear()
    second = ledger.extract_all(p)
    ids = first[first["source_id"] == TABLE_ID]["figure_id"].tolist()
    assert ids == second[second["source_id"] == TABLE_ID]["figure_id"].tolist()
    assert len(set(first["figure_id"])) == len(first)


def test_conflict_with_a_document_is_reviewed(ingested):
    p, _e, _n = ingested
    conflicts = review.review(p)["conflicts"]
    gdp = [c for c in conflicts if (c["indicator_id"], c["period"]) == ("gdp", "2023-H1")]
    assert len(gdp) == 1
    assert {f["source_id"] for f in gdp[0]["figures"]} == {TABLE_ID, "xinzhou-2023-seven-levels"}


def test_check_catches_a_tampered_table_row(ingested, tmp_path):
    p, _e, _n = ingested
    original = Path(p.figures_csv).read_text("utf-8")
    rows = list(csv.reader(io.StringIO(original)))
    i = next(n for n, r in enumerate(rows) if r[1] == TABLE_ID and r[4] == "gdp")
    col = {c: k for k, c in enumerate(rows[0])}
    rows[i][col["value"]] = "1705.2"
    rows[i][col["char_start"]] = str(int(rows[i][col["char_start"]]) + 1)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    try:
        Path(p.figures_csv).write_text(buf.getvalue(), encoding="utf-8")
        msgs = [str(x) for x in check.check(p)]
    finally:
        Path(p.figures_csv).write_text(original, encoding="utf-8")
    text = "\n".join(msgs)
    assert f"figures.csv:{i + 1} [value]" in text and "the span reads" in text
    assert f"figures.csv:{i + 1} [span]" in text  # the moved offset no longer holds the span


def test_cli_ingest_table(project_copy, capsys):
    before = _snapshot(project_copy)
    code = cli.main(
        [
            "--root",
            str(project_copy.root),
            "ingest",
            str(FIXTURE),
            "--title",
            "统计公报（摘录）",
            "--date",
            "2024-12",
            "--publisher",
            "忻州市统计局",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "(table)" in out and "5 rows" in out
    entry = sources.load_registry(project_copy)[-1]
    assert entry["type"] == "table" and entry["publisher"] == "忻州市统计局"
    assert entry["file"].endswith(".csv") and entry["region"] == "忻州"  # inferred from quotes
    assert len(_snapshot(project_copy)) == len(before) + 1


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("gbk", b""), ("utf-8", b"\xef\xbb\xbf")], ids=["gbk", "utf8-bom"]
)
def test_gbk_and_bom_tables(project_copy, tmp_path, encoding, prefix):
    f = tmp_path / "gbk.csv"
    text = FIXTURE.read_text("utf-8")
    if encoding == "gbk":
        text = text.replace("\n", "\r\n")  # typed on Windows: CRLF line ends
    f.write_bytes(prefix + text.encode(encoding))
    entry, norm = _ingest(project_copy, f, source_id="bulletin-enc")
    assert entry["encoding"] == ("gbk" if encoding == "gbk" else "utf-8-sig")
    assert (project_copy.sources_dir / entry["file"]).read_bytes() == f.read_bytes()
    table = tables.read_table(norm.text, entry["file"], _registry(project_copy), entry)
    assert not table.problems and len(table.rows) == 5
    r = table.rows[0]
    assert norm.text[r["char_start"] : r["char_end"]] == "1750.2" and "\r" not in r["quote"]
    assert norm.text[r["quote_start"] :].startswith(r["quote"])
    assert norm.raw_bytes(r["quote_start"], r["quote_start"] + 3) == b"gdp"


def _registry(p):
    from reportbook.registry import load_indicators

    return load_indicators(p)


# ------------------------------------------------------------------ malformed tables

GOOD = "gdp,1750.2,亿元,actual,2024,,,地区生产总值,\n"
BAD_CASES = {
    "missing-column": (
        "indicator_id,value,unit,kind\ngdp,1750.2,亿元,actual\n",
        ["row 1 [period]: header lacks required column(s) period"],
    ),
    "missing-cell": (
        HEADER + GOOD + "gdp_growth,5.3,%,actual\n",
        ["row 3 [period,qualifier,value_high,quote,note]: 4 cells, the header has 9"],
    ),
    "non-numeric": (
        HEADER + 'gdp,"1,750.2",亿元,actual,2024,,,,\n',
        ["row 2 [value]: '1,750.2' is not a number; write a plain decimal"],
    ),
    "unknown-indicator": (
        HEADER + "gpd,1750.2,亿元,actual,2024,,,,\n",
        ["row 2 [indicator_id]: unknown indicator 'gpd'; use an id from data/indicators.yml"],
    ),
    "unknown-kind-and-qualifier": (
        HEADER + "gdp,1750.2,亿元,actuals,2024,about,,,\n",
        [
            "row 2 [kind]: 'actuals' is not one of actual, target, forecast, plan",
            "row 2 [qualifier]: 'about' is not one of eq, ge",
        ],
    ),
    "bad-period": (
        HEADER + "gdp,1750.2,亿元,actual,2024年,,,,\n",
        ["row 2 [period]: '2024年' is not a period; write YYYY, YYYY-H1"],
    ),
    "unit-not-allowed": (
        HEADER + "gdp,1750.2,万吨,actual,2024,,,,\n",
        ["row 2 [unit]: '万吨' measures t, but indicator gdp takes CNY"],
    ),
    "unknown-unit": (
        HEADER + "gdp,1750.2,亿磅,actual,2024,,,,\n",
        ["row 2 [unit]: unknown unit '亿磅'"],
    ),
    "header-only": (HEADER, ["file: the table has a header but no rows of figures"]),
    "range-without-high": (
        HEADER + "gdp,1750.2,亿元,actual,2024,range,,,\n",
        ["row 2 [value_high]: give value_high exactly when qualifier is range"],
    ),
    "several-at-once": (
        HEADER + GOOD + "gdp_growth,five,%,actual,2024,,,,\n\nxyz,1,亿元,plan,24,,,,\n",
        [
            "row 3 [value]: 'five' is not a number",
            "row 5 [indicator_id]: unknown indicator 'xyz'",
            "row 5 [period]: '24' is not a period",
        ],
    ),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_malformed_table_is_refused_and_nothing_written(project_copy, tmp_path, case):
    content, expected = BAD_CASES[case]
    f = tmp_path / "bulletin.csv"
    f.write_bytes(content.encode("utf-8"))
    before = _snapshot(project_copy)
    with pytest.raises(sources.SourceError) as exc:
        _ingest(project_copy, f)
    msg = str(exc.value)
    assert msg.startswith(f"{f}: "), msg  # names the file
    assert "the header is row 1" in msg and "nothing was written" in msg
    for part in expected:
        assert part in msg, msg
    assert _snapshot(project_copy) == before


@pytest.mark.parametrize(
    ("case", "data", "expected"),
    [
        ("empty", b"", "the file is empty (0 bytes)"),
        ("utf-16", "\ufeff".encode("utf-16-le") + (HEADER + GOOD).encode("utf-16-le"), "UTF-8"),
        ("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not a text document"),
        ("no-title", (HEADER + GOOD).encode("utf-8"), "needs --title"),
    ],
)
def test_bad_table_files(project_copy, tmp_path, case, data, expected):
    f = tmp_path / "bulletin.csv"
    f.write_bytes(data)
    before = _snapshot(project_copy)
    with pytest.raises(sources.SourceError, match=re.escape(expected)) as exc:
        if case == "no-title":
            sources.ingest(project_copy, f, date="2024-12")
        else:
            _ingest(project_copy, f)
    assert str(f) in str(exc.value)
    assert _snapshot(project_copy) == before


def test_duplicate_table_is_refused(project_copy):
    _ingest(project_copy, FIXTURE, source_id="first")
    before = _snapshot(project_copy)
    with pytest.raises(sources.SourceError, match="already ingested as 'first'"):
        _ingest(project_copy, FIXTURE, source_id="second")
    assert _snapshot(project_copy) == before


def test_committed_bad_table_is_reported_by_check_and_extract(project_copy):
    p = project_copy
    bad = (HEADER + GOOD + "gdp,12,万吨,actual,2023,,,,\n").encode("gbk")
    (p.sources_dir / "bad-table.csv").write_bytes(bad)
    entry = dict(
        sources.load_registry(p)[0],
        id="bad-table",
        file="bad-table.csv",
        original_file="bad.csv",
        sha256=hashlib.sha256(bad).hexdigest(),
        type="table",
        encoding="gbk",
    )
    data = yaml.safe_load(p.sources_yml.read_text("utf-8"))
    data["sources"].append(entry)
    p.sources_yml.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    problems = [str(x) for x in check.check(p)]
    assert (
        "data/sources/bad-table.csv:3 [unit]: '万吨' measures t, but indicator gdp takes CNY"
        in ("\n".join(problems))
    )
    # the good row is missing from the committed ledger
    assert any("is missing from the ledger" in m for m in problems)
    with pytest.raises(TableError, match=r"row 3 \[unit\]"):
        ledger.extract_all(p)


def test_csv_cells_offsets():
    line = 'gdp, 1750.2 ,"a ""b"", c",'
    cells = tables.csv_cells(line)
    assert [c[0] for c in cells] == ["gdp", "1750.2", 'a "b", c', ""]
    assert line[cells[1][1] : cells[1][2]] == "1750.2"
    assert "not closed" in tables.csv_cells('gdp,"1750')
