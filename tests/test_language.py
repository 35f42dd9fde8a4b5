"""The two editions' languages: every word of the interface in both, every chapter's framing
text in both (beside each other, so they cannot drift), and where each edition's pages are."""

import re

import pytest

from reportbook import chapters, language
from reportbook.paths import DEFAULT_ROOT, project
from reportbook.registry import Registry

BILINGUAL = """---
front: matter
---

(x)=
# Title

English text {glue:md}`gdp`.

:::{zh}
(x)=
# 标题

中文{glue:md}`gdp`。
:::

```{code-cell} ipython3
ch.cite("x")
```

(x-a)=
## Part

More English.

:::{zh}
(x-a)=
## 部分

更多中文。
:::
"""


def test_every_word_of_the_interface_is_in_both_languages_with_the_same_fields():
    for key, by_lang in language.WORDS.items():
        assert set(by_lang) == set(language.LANGUAGES), key
        assert all(by_lang.values()), key
        fields = {lang: language.fields(t) for lang, t in by_lang.items()}
        assert fields["zh"] <= fields["en"], (key, fields)  # nothing the code does not give
        assert fields["en"] - fields["zh"] <= language.ENGLISH_ONLY_FIELDS, (key, fields)


def test_the_english_of_a_bilingual_page_is_the_page_without_its_chinese():
    en = language.in_language(BILINGUAL, "en")
    assert ":::" not in en and "中文" not in en
    assert "English text {glue:md}`gdp`.\n\n```{code-cell}" in en
    assert en.endswith("More English.\n")


def test_the_chinese_of_a_bilingual_page_replaces_each_passage_and_keeps_the_code():
    zh = language.in_language(BILINGUAL, "zh")
    assert "English" not in zh and "Title" not in zh and "Part" not in zh
    assert zh.startswith("---\nfront: matter\n---\n")
    assert '```{code-cell} ipython3\nch.cite("x")\n```' in zh
    assert language.labels(zh) == language.labels(language.in_language(BILINGUAL, "en"))
    assert "中文{glue:md}`gdp`。" in zh and zh.rstrip().endswith("更多中文。")


@pytest.mark.parametrize("lang", language.LANGUAGES)
def test_each_line_of_an_edition_is_traced_to_its_line_in_the_file_written_in_both(lang):
    """A failing cell is named by its line in the file, not in one edition's text (which
    has lost the other language's lines)."""
    text = BILINGUAL
    lines, mapped = text.split("\n"), language.source_lines(text, lang)
    shown = language.in_language(text, lang).split("\n")
    assert len(mapped) == len(shown) - (shown[-1] == "")
    assert all(lines[n - 1] == line for n, line in zip(mapped, shown, strict=False))
    fence = shown.index("```{code-cell} ipython3")
    assert mapped[fence] == lines.index("```{code-cell} ipython3") + 1 == 17
    for f in sorted((DEFAULT_ROOT / "book").glob("*.md")):  # and the book's own pages
        text = f.read_text(encoding="utf-8")
        lines, mapped = text.split("\n"), language.source_lines(text, lang)
        shown = language.in_language(text, lang).split("\n")
        assert [lines[n - 1] for n in mapped] == shown[: len(mapped)], f.name


def test_a_passage_without_its_chinese_or_with_other_labels_is_named():
    assert language.missing(BILINGUAL) == []
    no_zh = BILINGUAL.replace(":::{zh}\n(x-a)=\n## 部分\n\n更多中文。\n:::\n", "")
    assert [p for p in language.missing(no_zh) if "has no Chinese" in p]
    other = BILINGUAL.replace("(x-a)=\n## 部分", "(x-b)=\n## 部分")
    assert [p for p in language.missing(other) if "labels ['x-a']" in p]


@pytest.fixture(scope="module")
def book():
    paths = project(DEFAULT_ROOT)
    reg = Registry.of(paths)
    return paths, chapters.find(paths.book, {t["id"] for t in reg.themes})


def test_every_chapter_and_the_introduction_are_written_in_both_languages(book):
    paths, found = book
    for f in [ch.source for ch in found] + [paths.book / "intro.md"]:
        text = f.read_text(encoding="utf-8")
        assert language.bilingual(text), f"{f.name} has no Chinese (:::{{zh}} blocks)"
        assert language.missing(text) == [], f.name


def test_each_chapter_has_the_same_labelled_sections_in_both_editions(book):
    _, found = book
    for ch in found:
        en = chapters.assemble(ch, 5, True, (("gdp", "GDP"),))
        zh = chapters.assemble(
            ch, 5, True, (("gdp", "GDP"),), lang="zh", names={"gdp": "地区生产总值"}
        )

        def labels(nb):
            text = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
            return [m[1] for m in chapters.LABEL_RE.finditer(text)]

        assert labels(en) == labels(zh), ch.name
        assert [c.source for c in en.cells if c.cell_type == "code"][2:] == [
            c.source for c in zh.cells if c.cell_type == "code"
        ][2:], f"{ch.name}: the editions run the same code"
        zh_md = "\n".join(c.source for c in zh.cells if c.cell_type == "markdown")
        # no English sentence in the Chinese chapter's own text: its headings and prose
        prose = re.sub(r"\{glue:md\}`[^`]+`|\{ref\}`[^`]+`|\([a-z0-9-]+\)=|<[^>]+>", "", zh_md)
        assert not re.search(r"[A-Za-z]{3,}(?:[ ,]+[A-Za-z]{2,}){2,}", prose), ch.name
        assert 'language = "zh"' in zh.cells[1].source
        if ch.name != chapters.OVERVIEW:  # its generated section is under the registry's name
            assert "### 地区生产总值" in zh_md and "## 本主题的全部数据" in zh_md, ch.name


def test_an_edition_page_links_to_its_counterpart_and_the_shared_appendix():
    assert language.counterpart("book/energy", "en", "zh") == "../zh/book/energy.html"
    assert language.counterpart("book/energy", "zh", "en") == "../../book/energy.html"
    assert language.counterpart("book/sources/a", "en", "zh", exists=False) == (
        "../../zh/book/overview.html"
    )
    assert language.shared("en") == "" and language.shared("zh") == "../../book/"
    with pytest.raises(ValueError):
        language.check("fr")
