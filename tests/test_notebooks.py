"""The chapters as source files (MyST text notebooks) and as the runner assembles them: the
house pattern, no outputs, no helpers, no typed numbers."""

import ast
import re

import pytest
import yaml

from reportbook import chapters, cite, run
from reportbook.paths import DEFAULT_ROOT, project

BOOK = DEFAULT_ROOT / "book"
NOTEBOOKS = [ch.source for ch in run.chapters(project(DEFAULT_ROOT))]


def _nb(path):
    """The chapter as papermill runs it (shared cells added), as plain dicts."""
    ch = chapters.Chapter(path.stem, path.stem, path)
    nb = chapters.assemble(ch, n_figures=1, has_targets=True)
    return {"cells": [{**c, "source": c["source"]} for c in nb.cells]}


def test_no_committed_ipynb_chapters():
    assert not list(BOOK.glob("*.ipynb")), "chapters are MyST text notebooks (book/*.md)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_file_has_only_its_own_cells(path):
    """The shared opening and closing cells come from reportbook/chapters.py, not copies."""
    text = path.read_text(encoding="utf-8")
    assert "Chapter.load" not in text and "ch.glue_all()" not in text
    assert "ch.remaining()" not in text and "## Every figure in this theme" not in text


def test_every_theme_has_a_chapter_and_every_chapter_is_in_the_toc():
    themes = yaml.safe_load((DEFAULT_ROOT / "data/themes.yml").read_text())["themes"]
    toc = yaml.safe_load((DEFAULT_ROOT / "_toc.yml").read_text())
    listed = {toc["root"]} | {c["file"] for part in toc["parts"] for c in part["chapters"]}
    names = {p.stem for p in NOTEBOOKS}
    for t in themes:
        assert t["chapter"] in names, f"theme {t['id']} has no notebook"
    for name in names:
        assert f"book/{name}" in listed, f"book/{name} is not in _toc.yml"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_follows_the_house_pattern(path):
    nb = _nb(path)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") for c in code), "committed with outputs"
    assert all(c.get("execution_count") is None for c in code)
    params = [c for c in code if "parameters" in c["metadata"].get("tags", [])]
    assert len(params) == 1, "exactly one parameters cell"
    names = {
        t.id for t in ast.walk(ast.parse("".join(params[0]["source"]))) if isinstance(t, ast.Name)
    }
    assert {"data_dir", "theme", "edition"} <= names
    for c in code:
        tree = ast.parse("".join(c["source"]))
        defs = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)
        ]
        assert not defs, f"helpers belong in reportbook, not in {path.name}"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module.startswith("reportbook"), "notebooks import only reportbook"
            assert not isinstance(node, ast.Import), "notebooks import only from reportbook"
        tags = c["metadata"].get("tags", [])
        assert {"remove-input", "remove-cell"} & set(tags), "code cells are hidden"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_prose_has_no_typed_numbers_except_dates_and_names(path):
    """Numbers reach the prose through glue. What digits remain in the markdown are years
    (the roadmap's dates) and nothing else."""
    nb = _nb(path)
    for c in nb["cells"]:
        if c["cell_type"] != "markdown":
            continue
        text = re.sub(r"\{glue:md\}`[^`]+`", "", "".join(c["source"]))
        text = re.sub(r"^\([a-z0-9-]+\)=$", "", text, flags=re.M)
        for num in re.findall(r"\d+(?:\.\d+)?", text):
            assert re.fullmatch(r"20[23]\d", num), f"{path.name}: typed number {num!r} in prose"


def test_labels_are_ascii_unique_and_every_chapter_has_one(repo):
    secs = cite.sections(repo)
    for label in secs:
        assert re.fullmatch(r"[a-z0-9-]+", label)
    chapters = {s["page"] for s in secs.values() if s["level"] == 1}
    assert {p.stem for p in NOTEBOOKS} <= chapters


def test_parameters_cell_declares_the_theme_the_runner_uses(repo):
    themes = {t["id"] for t in yaml.safe_load(repo.themes_yml.read_text())["themes"]}
    for ch in run.chapters(repo):
        assert ch.theme in themes | {"overview"}, ch
