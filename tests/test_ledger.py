"""Ledger I/O, validation (check), the Frictionless datapackage and the review report."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from reportbook import check, extract, ledger, paths, review


@pytest.fixture(scope="module")
def project():
    return paths.project()


@pytest.fixture
def copy(tmp_path, project):
    """A throwaway copy of the project's data, to break on purpose."""
    shutil.copytree(project.data, tmp_path / "data")
    return paths.project(tmp_path)


def _rows(p) -> list[list[str]]:
    return list(csv.reader(io.StringIO(Path(p.figures_csv).read_text(encoding="utf-8"))))


def _save(p, rows) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    Path(p.figures_csv).write_text(buf.getvalue(), encoding="utf-8")


def test_columns_in_order(project):
    """The committed ledger's header, the datapackage's fields and the schema's columns are
    one list, in one order, and it holds every column the design names."""
    header = _rows(project)[0]
    assert header == ledger.COLUMNS == extract.COLUMNS
    fields = json.loads(Path(project.datapackage_json).read_text(encoding="utf-8"))
    names = [f["name"] for f in fields["resources"][0]["schema"]["fields"]]
    assert names == header
    design = (
        "figure_id source_id theme_id indicator_id value value_high unit value_base base_unit "
        "qualifier kind period quote char_start char_end place"
    ).split()
    assert set(design) <= set(header)
    assert header[0] == "figure_id" and header[-1] == "span"


def test_read_write_round_trip_is_byte_identical(project, tmp_path):
    df = ledger.read(project)
    out = tmp_path / "f.csv"
    ledger.write(df, out)
    assert out.read_bytes() == Path(project.figures_csv).read_bytes()
    assert b"\r\n" not in out.read_bytes()
    assert df["char_start"].dtype.kind == "i" and df["value_base"].dtype.kind == "f"


@pytest.mark.parametrize(
    "x, s",
    [
        (67650000000.0, "67650000000"),
        (0.0005, "0.0005"),
        (-4.2, "-4.2"),
        (1e12, "1000000000000"),
        (0.0, "0"),
        (-0.0, "0"),
        (17137500.0, "17137500"),
    ],
)
def test_format_float(x, s):
    assert ledger.format_float(x) == s


def test_check_passes_on_committed_project(project, capsys):
    assert check.check(project) == []
    assert check.main(project) == 0
    assert capsys.readouterr().out.startswith("OK: ")


def test_check_reports_every_problem_with_file_row_column(copy, capsys):
    rows = _rows(copy)
    h = {c: i for i, c in enumerate(rows[0])}
    rows[1][h["value"]] = "999"  # value no longer re-parses from the span
    rows[2][h["quote_start"]] = str(int(rows[2][h["quote_start"]]) + 1)  # quote not at offset
    rows[3][h["kind"]] = "guess"  # not an allowed value
    rows[4][h["figure_id"]] = rows[5][h["figure_id"]]  # duplicate id
    rows[6][h["source_id"]] = "no-such-source"
    rows[7][h["period"]] = "H1 2023"
    rows[8][h["char_start"]] = "x"
    rows[9][h["theme_id"]] = "nowhere"
    rows[10][h["span"]] = rows[10][h["span"]] + "!"
    _save(copy, rows)
    problems = check.check(copy)
    got = {(p.row, p.column) for p in problems}
    for expected in [
        (2, "value"),
        (3, "quote"),
        (4, "kind"),
        (6, "figure_id"),
        (7, "source_id"),
        (8, "period"),
        (9, "char_start"),
        (10, "theme_id"),
        (11, "span"),
    ]:
        assert expected in got, (expected, [str(p) for p in problems])
    assert all(p.file == "data/figures.csv" for p in problems if p.row)
    text = str(next(p for p in problems if p.row == 4))
    assert text.startswith("data/figures.csv:4 [kind]:")
    assert check.main(copy) == 1
    out = capsys.readouterr().out
    assert "problem(s)" in out


def test_check_reports_missing_columns_and_registry_problems(copy):
    rows = _rows(copy)
    _save(copy, [r[:-1] for r in rows])  # drop "span"
    ind = Path(copy.indicators_yml)
    ind.write_text(
        ind.read_text(encoding="utf-8").replace("theme: digital", "theme: nowhere"),
        encoding="utf-8",
    )
    problems = check.check(copy)
    msgs = [str(p) for p in problems]
    assert any("missing columns" in m and "span" in m for m in msgs), msgs
    assert any(m.startswith("data/indicators.yml:") and "[theme]" in m for m in msgs), msgs


def test_every_theme_says_what_it_covers_in_both_languages(copy):
    """Both editions' theme tables read a theme's summary: one without its Chinese, or with
    an empty one, is a problem of data/themes.yml with its line."""
    themes = Path(copy.themes_yml)
    text = themes.read_text(encoding="utf-8")
    assert text.count("\n    summary_zh: ") == text.count("\n    summary: ")
    themes.write_text(
        text.replace("    summary_zh: 太忻数据", "    summary_zh: ''  # 太忻数据", 1).replace(
            "    summary_zh: 经济总量、增速及全市自定的年度目标。\n", "", 1
        ),
        encoding="utf-8",
    )
    msgs = [str(p) for p in check.check(copy)]
    assert any(m.startswith("data/themes.yml:") and "summary_zh" in m for m in msgs), msgs
    assert len([m for m in msgs if "summary_zh" in m]) == 2, msgs


def test_a_glossary_note_without_its_chinese_is_named(copy):
    glossary = Path(copy.glossary_yml)
    text = glossary.read_text(encoding="utf-8")
    assert text.count("\n    note_zh: ") == text.count("\n    note: ")
    glossary.write_text(text.replace("    note_zh: 忻州对外开放战略的四个方向。\n", ""), "utf-8")
    msgs = [str(p) for p in check.check(copy)]
    assert any(
        m.startswith("data/glossary.yml:") and "nan-rong-dong-jin" in m and "note_zh" in m
        for m in msgs
    ), msgs


def test_stale_datapackage_is_reported(copy):
    dp = Path(copy.datapackage_json)
    dp.write_text(dp.read_text(encoding="utf-8").replace("fact ledger", "ledger"), encoding="utf-8")
    assert any("datapackage.json" in p.file for p in check.check(copy))


def test_datapackage_describes_every_column(project):
    dp = ledger.datapackage(project)
    assert dp["profile"] == "tabular-data-package"
    res = dp["resources"][0]
    fields = res["schema"]["fields"]
    assert [f["name"] for f in fields] == ledger.COLUMNS
    assert all(f.get("description") for f in fields)
    by = {f["name"]: f for f in fields}
    assert by["kind"]["constraints"]["enum"] == ["actual", "target", "forecast", "plan"]
    assert by["qualifier"]["constraints"]["enum"] == ledger.QUALIFIERS
    assert "gdp" in by["indicator_id"]["constraints"]["enum"]
    assert "万千瓦" in by["unit"]["constraints"]["enum"]
    units = {u["unit"]: u for u in res["units"]}
    assert units["万千瓦"]["base_unit"] == "kW" and units["万千瓦"]["factor"] == "10000"
    assert units["个百分点"]["base_unit"] == "percentage_point"
    committed = json.loads(Path(project.datapackage_json).read_text(encoding="utf-8"))
    assert committed == dp
    assert ledger.datapackage_text(project) == ledger.datapackage_text(project)


def test_review_finds_conflicts_unclassified_and_low_confidence(project):
    df = ledger.read(project)
    rev = review.review(project, df)
    assert rev["counts"]["figures"] == len(df)
    assert rev["counts"]["low_confidence"] == int((df["kind_confidence"] == "low").sum())
    # fabricate a second source reporting GDP growth for 2023-H1 with another value
    row = df[(df["indicator_id"] == "gdp_growth") & (df["period"] == "2023-H1")].iloc[[0]].copy()
    row["source_id"] = "other-source"
    row["value"] = "1.5"
    row["value_base"] = 1.5
    row["figure_id"] = "f-0000000000"
    un = df.iloc[[0]].copy()
    un["status"] = "unclassified"
    un["indicator_id"] = ""
    un["figure_id"] = "f-1111111111"
    import pandas as pd

    rev = review.review(project, pd.concat([df, row, un], ignore_index=True))
    assert rev["counts"]["conflicts"] == 1
    c = rev["conflicts"][0]
    assert (c["indicator_id"], c["period"]) == ("gdp_growth", "2023-H1")
    assert {f["source_id"] for f in c["figures"]} == {"xinzhou-2023-seven-levels", "other-source"}
    assert [u["figure_id"] for u in rev["unclassified"]] == ["f-1111111111"]
    text = review.format_review(rev)
    assert "Unclassified figures (1)" in text and "gdp_growth 2023-H1" in text
    json.dumps(rev, ensure_ascii=False)  # data for the appendix page
