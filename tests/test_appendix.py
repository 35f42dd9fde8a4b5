"""The generated data pages stay a readable size however large the ledger grows."""

from __future__ import annotations

import re

from reportbook import appendix, ledger


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
