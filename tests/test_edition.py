"""Editions: named by their data, recorded once, compared figure by figure."""

import json

import pandas as pd

from reportbook import edition, run


def test_committed_data_is_a_recorded_edition_with_current_chapter_digests(repo):
    """The shipped data's edition is recorded (so the next edition has something to compare
    with), and what it says each chapter read matches what chapters read now."""
    ed = edition.current(repo)
    rec = repo.editions / f"{ed['id']}.json"
    assert rec.exists(), "run `make book` and commit data/editions"
    meta = json.loads(rec.read_text(encoding="utf-8"))
    assert meta["inputs"] == ed["inputs"]
    assert meta["chapters"] == run.chapter_digests(repo)
    snapshot = repo.editions / f"{ed['id']}.figures.csv"
    assert snapshot.read_bytes() == repo.figures_csv.read_bytes()


def test_edition_id_is_a_content_hash(project_copy):
    a = edition.current(project_copy)
    assert a == edition.current(project_copy)
    with project_copy.corrections_yml.open("a", encoding="utf-8") as f:
        f.write("\n")
    b = edition.current(project_copy)
    assert b["id"] != a["id"] and b["number"] == a["number"] + 1 and b["previous"] == a["id"]


def _row(fid, value, source="s", ind="gdp", period="2024"):
    return dict(figure_id=fid, source_id=source, indicator_id=ind, kind="actual",
                period=period, qualifier="eq", value=value, unit="亿元")  # fmt: skip


def test_diff_added_removed_revised():
    old = pd.DataFrame([_row("a", 1.0), _row("b", 2.0, ind="x"), _row("c", 3.0, ind="y")])
    new = pd.DataFrame([_row("a", 1.0), _row("b2", 2.5, ind="x"), _row("d", 4.0, ind="z")])
    d = edition.diff(old, new)
    assert list(d["added"]["figure_id"]) == ["d"]
    assert list(d["removed"]["figure_id"]) == ["c"]
    assert d["revised"][["figure_id", "old_figure_id", "old_value", "value"]].values.tolist() == [
        ["b2", "b", 2.0, 2.5]
    ]


def test_first_edition_has_everything_added():
    new = pd.DataFrame([_row("a", 1.0)])
    d = edition.diff(None, new)
    assert len(d["added"]) == 1 and d["removed"].empty and d["revised"].empty
