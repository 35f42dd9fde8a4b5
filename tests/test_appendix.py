"""Generated appendix pages: the data pages stay a readable size however large the ledger
grows, and the Chinese edition's own pages say the same data in Chinese."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from reportbook import appendix, ledger, sources
from reportbook.paths import DEFAULT_ROOT, project


def _changed(revised: bool) -> pd.DataFrame:
    row = {"figure_id": "f-0123456789", "source_id": "src-a", "indicator_id": "gdp",
           "kind": "target", "period": "2024-H1", "qualifier": "ge", "value": "5",
           "value_high": "", "unit": "%"}  # fmt: skip
    if revised:
        row["old_value"] = "4.5"
    return pd.DataFrame([row])


@pytest.mark.parametrize("revised", [False, True])
def test_what_changed_says_the_same_rows_in_either_language(revised):
    en = appendix._changes_table(_changed(revised), revised)
    zh = appendix._changes_table(_changed(revised), revised, lang="zh")
    cells = [re.findall(r"<td>(.*?)</td>", t) for t in (en, zh)]
    assert len(cells[0]) == len(cells[1]) == (7 if revised else 6)
    assert cells[0][:3] == cells[1][:3]  # the figure, its source and indicator as they are
    assert "target" in cells[0] and "H1 2024" in cells[0]
    assert "目标" in cells[1] and "2024年上半年" in cells[1] and "5%以上" in cells[1]
    assert "<th>时期</th>" in zh and "<th>Period</th>" in en
    assert appendix._changes_table(_changed(revised).iloc[0:0], lang="zh") == "<p>无。</p>"


def test_the_chinese_index_of_sources_and_glossary_are_the_same_rows_in_chinese():
    paths = project(DEFAULT_ROOT)
    entries, figures = sources.load_registry(paths), ledger.read(paths)
    en = appendix.sources_index(paths, entries, figures)
    zh = appendix.sources_index(paths, entries, figures, "zh")
    ids = re.compile(r'<tr id="(src-[^"]+)">')
    assert ids.findall(en) == ids.findall(zh) and ids.findall(en)
    links = re.compile(r'<a href="([^"]+)">')
    assert [f"../../book/{h}" for h in links.findall(en)] == links.findall(zh)  # shared pages
    assert "# 来源与数据质量" in zh and "<th>标题</th>" in zh
    glossary = appendix.glossary_page(paths, "zh")
    assert "# 术语表" in glossary and "忻州对外开放战略的四个方向。" in glossary
    assert glossary.count("<tr id=") == appendix.glossary_page(paths).count("<tr id=")


def _rows(text: str) -> list[str]:
    return re.findall(r'<tr data-text="[^"]*">', text)


def test_a_small_ledger_is_one_page(repo):
    figures = ledger.read(repo)
    assert 0 < len(figures) <= appendix.LEDGER_PAGE_ROWS
    pages = appendix.ledger_pages(repo, figures)
    assert list(pages) == ["ledger"]
    assert len(_rows(pages["ledger"])) == len(figures)


def test_a_large_ledger_is_an_index_of_parts_by_theme(repo, monkeypatch):
    figures = ledger.read(repo)
    limit = 5
    monkeypatch.setattr(appendix, "LEDGER_PAGE_ROWS", limit)
    pages = appendix.ledger_pages(repo, figures)
    index, parts = pages.pop("ledger"), pages
    assert not _rows(index) and len(parts) > len(set(figures["theme_id"])) - 1
    for name, text in parts.items():
        assert re.fullmatch(r"ledger-[a-z0-9_]+(-\d+)?", name)
        assert text.startswith("---\norphan: true\nnosearch: true\n---")
        assert f'href="{name}.html"' in index  # every part is linked from the index
        assert 0 < len(_rows(text)) <= limit
        assert 'href="ledger.html"' in text
    # every figure is on exactly one part, and each part holds one theme
    shown = [fid for text in parts.values() for fid in re.findall(r"#(f-[0-9a-f]+)", text)]
    assert sorted(shown) == sorted(figures["figure_id"])
    for theme in set(figures["theme_id"]):
        n = (figures["theme_id"] == theme).sum()
        own = [k for k in parts if re.fullmatch(rf"ledger-{theme}(-\d+)?", k)]
        assert len(own) == -(-n // limit)


def test_the_changes_page_is_bounded_and_its_csv_holds_every_change(repo, monkeypatch):
    import csv
    import io

    from reportbook import edition

    new = ledger.read(repo)
    old = new.iloc[3:].copy()  # three figures added since
    old.loc[old.index[0], "value"] = "1"  # and one revised, if it has an indicator and period
    d = edition.diff(old, new)
    monkeypatch.setattr(appendix, "CHANGE_ROWS", 2)
    table = appendix._changes_table(d["added"])
    assert table.count("<tr><td><code>") == 2
    assert f"The first 2 of {len(d['added'])} are shown" in table
    rows = list(csv.DictReader(io.StringIO(appendix.changes_csv(d))))
    assert [r["change"] for r in rows].count("added") == len(d["added"]) == 3
    assert {r["figure_id"] for r in rows} >= set(d["added"]["figure_id"])
    assert list(rows[0]) == appendix.CHANGES_COLUMNS


def test_what_changed_names_a_registry_that_changed_with_no_figure(project_copy):
    """A new alias in the vocabulary changes no figure, yet chapters may read differently: the
    page says which input changed, in both languages."""
    from reportbook import edition, ledger

    with project_copy.data.joinpath("indicators.yml").open("a", encoding="utf-8") as f:
        f.write("\n# a comment is a change of the file\n")
    ed = edition.current(project_copy)
    assert ed["previous"]
    en, _ = appendix.changes_page(project_copy, ledger.read(project_copy), ed, {})
    zh, _ = appendix.changes_page(project_copy, ledger.read(project_copy), ed, {}, "zh")
    assert "Other inputs that changed: the indicator vocabulary (`data/indicators.yml`)" in en
    assert "其他有变化的输入：指标体系（`data/indicators.yml`）" in zh
    assert "themes" not in en.split("Other inputs")[1].split("\n")[0]
