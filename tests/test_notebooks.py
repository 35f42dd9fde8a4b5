"""The chapter notebooks as source files: the house pattern, no outputs, no helpers."""

import ast
import json
import re

import pytest
import yaml

from reportbook import cite, run
from reportbook.paths import DEFAULT_ROOT

BOOK = DEFAULT_ROOT / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))


def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_theme_has_a_chapter_and_every_chapter_is_in_the_toc():
    themes = yaml.safe_load((DEFAULT_ROOT / "data/themes.yml").read_text())["themes"]
    toc = (DEFAULT_ROOT / "_toc.yml").read_text()
    names = {p.stem for p in NOTEBOOKS}
    for t in themes:
        assert t["chapter"] in names, f"theme {t['id']} has no notebook"
    for name in names:
        assert f"file: book/{name}" in toc


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
