"""The book's Chinese search splitter gives Sphinx's own index, without its quadratic cost."""

from __future__ import annotations

from sphinx.search import zh

from reportbook.search import SearchChinese

PAGES = [
    "Installed capacity 装机容量 reached 1713.75万千瓦; PV and wind 风电 in Xinzhou.",
    "专业镇 and 抽水蓄能: the CPI rose; GDP grew 5.8% (地区生产总值).",
    "ids abc as is; running runs ran; Xinzhou's GDP and the CPI again.",
]


def _words(lang) -> list[tuple[str, str]]:
    return [(w, lang.stem(w)) for page in PAGES for w in lang.split(page)]


def test_same_words_and_stems_as_sphinx():
    ours = SearchChinese({})
    sphinx = zh.SearchChinese({})
    sphinx.latin_terms = []  # a fresh copy of the class's list, as on a first build
    assert _words(ours) == _words(sphinx)


def test_latin_words_are_a_set_of_the_instance():
    a, b = SearchChinese({}), SearchChinese({})
    a.split("GDP CPI GDP")
    assert a.latin_terms == {"GDP", "CPI"} and b.latin_terms == set()
