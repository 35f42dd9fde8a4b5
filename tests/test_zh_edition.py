"""The Chinese edition (中文版) as built beside the English one: at zh/, every page linked to its
counterpart, the same sections under the same labels, its prose in Chinese and neither
edition with an unfilled template key; in a real browser, the language switch keeps the
reader's section."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reportbook import appendix, cite, language
from reportbook.pdf import CHROMIUM
from tests.test_browser import (  # noqa: F401 - fixtures
    ANCHOR,
    IN_VIEW,
    Watch,
    assert_lands,
    browser,
    site,
    wait_for_charts,
)

pytestmark = pytest.mark.slow

# A run of three or more Latin words: an English sentence (or its part) in the Chinese prose.
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’]+(?:[ ,;:]+[A-Za-z][A-Za-z'’]*){2,}")
# What a page shows that is not the edition's prose: code, the charts' drawings and data
# tables (their CSV's column names), the source sentences, the citations (whose author and
# publisher are names), the links to the other edition, and what is marked as English on
# purpose (the glossary's column of the English edition's renderings).
NOT_PROSE = (
    "script, style, svg, pre, code, .rb-table-view, .rb-quote, .rb-cite, .rb-lang-switch, "
    '[lang="en"]'
)
# A template's field left unfilled, a glue role or an edition token left in a page.
_KEYS = sorted(
    {f for w in language.WORDS.values() for t in w.values() for f in language.fields(t)}
    | set(language.WORDS)
)
UNFILLED = re.compile(r"\{(?:" + "|".join(_KEYS) + r")\}|\{glue:|@@EDITION")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _prose(path: Path) -> str:
    main = _soup(path).find("main")
    for el in main.select(NOT_PROSE):
        el.decompose()
    return re.sub(r"\s+", " ", main.get_text(" "))


def _ids(path: Path) -> list[str]:
    return [s["id"] for s in _soup(path).find("main").select("section[id]")]


@pytest.fixture(scope="module")
def zh_pages(built_book) -> list[Path]:
    return sorted((built_book.html / "zh" / "book").glob("*.html"))


def test_both_editions_are_built_and_the_chinese_one_has_every_chapter(built_book, zh_pages):
    html = built_book.html
    assert (html / "index.html").exists() and (html / "book" / "overview.html").exists()
    names = {p.stem for p in zh_pages}
    # every chapter and hand-written page, and the index of sources, glossary, what changed
    own = {p.stem for p in (built_book.book).glob("*.md")} | set(appendix.ZH_PAGES)
    assert own <= names, own - names
    energy = _soup(html / "zh" / "book" / "energy.html")
    assert energy.find("html")["lang"].startswith("zh")
    assert "能源转型" in energy.find("h1").get_text()


def test_every_page_links_to_its_counterpart_with_the_same_sections(built_book, zh_pages):
    html = built_book.html
    for zh in zh_pages:
        en = html / "book" / zh.name
        for page, other in ((zh, en), (en, zh)):
            link = _soup(page).select_one("a.rb-lang")
            assert link is not None, page
            assert (page.parent / link["href"]).resolve() == other.resolve(), (page, link)
        assert _ids(zh) == _ids(en), zh.name  # a cited section resolves in either language


def test_the_chinese_prose_has_no_english_sentence(zh_pages):
    for page in zh_pages:
        runs = ENGLISH_RUN.findall(_prose(page))
        assert not runs, f"{page.name}: English in the Chinese edition: {runs[:5]}"


def test_no_page_of_either_edition_has_an_unfilled_template_key(built_book, zh_pages):
    for page in [*zh_pages, *sorted((built_book.html / "book").glob("*.html"))]:
        found = UNFILLED.findall(_prose(page))
        assert not found, (page, found[:5])


def test_the_chinese_edition_cites_gbt_first_with_the_same_anchors(built_book):
    zh = _soup(built_book.html / "zh" / "book" / "energy.html")
    en = _soup(built_book.html / "book" / "energy.html")
    block = zh.select_one('.rb-cite[data-label="energy-capacity"]')
    formats = [p["class"][0] for p in block.find_all("p") if p.get("class")]
    assert formats.index("rb-cite-gbt") < formats.index("rb-cite-apa")
    assert "忻州发展报告" in block.get_text() and "[M/OL]" in block.get_text()
    assert "引用本节" in block.get_text()
    cited = {b["data-label"] for b in zh.select(".rb-cite[data-label]")}
    assert cited == {b["data-label"] for b in en.select(".rb-cite[data-label]")}


def test_the_chinese_charts_speak_chinese_over_the_same_data(built_book):
    zh, en = built_book.html / "zh" / "book", built_book.html / "book"
    page = _soup(zh / "energy.html")
    fig = page.select_one("figure#fig-energy-capacity")
    assert "图4.2" in fig.find("figcaption").get_text()
    assert re.search(r"[\u4e00-\u9fff]", fig.select_one(".rb-chart")["aria-label"])
    assert "实际" in fig.select_one(".rb-chart svg").get_text()  # the legend, drawn
    assert "下载数据" in fig.get_text()

    def rows(folder: Path) -> list[str]:
        text = (folder / "figures" / "fig-energy-capacity.csv").read_text(encoding="utf-8-sig")
        return [line for line in text.splitlines() if not line.startswith("#")]

    assert rows(zh) == rows(en)  # the same CSV, but for its header


def test_the_chinese_appendices_are_chinese_and_lead_to_the_shared_pages(built_book):
    """The index of sources, methodology, what changed, glossary and references are the
    Chinese edition's own; each source's page (and the ledger, the review page) is shared."""
    zh = built_book.html / "zh" / "book"
    heads = {"sources": "来源与数据质量", "methodology": "方法说明", "changes": "本版变化",
             "glossary": "术语表", "references": "参考文献"}  # fmt: skip
    for page, head in heads.items():
        assert head in _soup(zh / f"{page}.html").find("h1").get_text(), page
    index = _soup(zh / "sources.html")
    links = index.select("table.rb-sources a[href]")
    assert links and [a.get_text() for a in links] == [
        a.get_text() for a in _soup(built_book.html / "book" / "sources.html").select(
            "table.rb-sources a[href]")
    ]  # fmt: skip
    for a in links:
        target = (zh / a["href"]).resolve()
        assert target.is_file() and "/zh/" not in target.as_posix(), a["href"]
    assert [th.get_text() for th in index.select("table.rb-sources th")] == [
        "来源", "标题", "日期", "地区", "条数"]  # fmt: skip
    glossary = _soup(zh / "glossary.html")
    assert "忻州对外开放战略的四个方向。" in glossary.get_text()
    assert glossary.select_one('td[lang="en"]') is not None  # the English edition's words
    for page in ("ledger", "review"):
        assert not (zh / f"{page}.html").exists()  # shared: the English edition's


def test_the_chinese_edition_names_its_themes_author_and_charts_in_chinese(built_book):
    zh = built_book.html / "zh" / "book"
    overview = _soup(zh / "overview.html")
    covers = [tr.find_all("td")[-1].get_text() for tr in overview.select("table.rb-table tbody tr")
              if tr.find("a", href="energy.html")]  # fmt: skip
    assert "抽水蓄能" in " ".join(covers), covers
    block = _soup(zh / "energy.html").select_one('.rb-cite[data-label="energy-capacity"]')
    gbt = block.select_one(".rb-cite-gbt .rb-cite-text").get_text()
    assert gbt.startswith("reportbook项目贡献者. ") and "[M/OL]//reportbook项目贡献者. " in gbt
    assert re.search(r"\. reportbook项目, \d{4}\[\d{4}-\d{2}-\d{2}\]\.", gbt), gbt
    # the command line cites the Chinese edition as its page does (the day cited: the
    # edition's own, which the page shows without script)
    issued = re.search(r"\[(\d{4}-\d{2}-\d{2})\]\.$", gbt)[1]
    assert cite.format_citation(built_book, "energy-capacity", "gbt7714", issued, "zh") == gbt
    footer = _soup(zh / "energy.html").select_one("footer.bd-footer-content").get_text(" ")
    assert "版权所有 © reportbook项目贡献者" in footer and "Copyright" not in footer, footer
    csv_head = (zh / "figures" / "fig-energy-capacity.csv").read_text(encoding="utf-8-sig")
    head = [line for line in csv_head.splitlines() if line.startswith("#")]
    assert head[0].startswith("# 图4.") and head[1].startswith("# 来源："), head
    assert "版本" in head[2] and head[3].startswith("# 许可："), head
    assert not any(ENGLISH_RUN.search(line) for line in head), head


def test_the_chinese_search_index_is_segmented_chinese(built_book):
    index = (built_book.html / "zh" / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    assert {"装机", "专业镇", "抽水蓄能"} <= set(terms), sorted(terms)[:20]


# --- in the browser -----------------------------------------------------------------------

SWITCHES = [
    ("book/energy.html", "energy-share"),
    ("book/economy.html", "economy-annual-targets"),
    ("book/industry.html", "industry-specialized-towns"),
]


def _lands(page, label: str) -> dict:
    wait_for_charts(page)
    with contextlib.suppress(Exception):
        page.wait_for_function(IN_VIEW, arg=label, timeout=10_000)
    return page.evaluate(ANCHOR, label)


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium")
@pytest.mark.parametrize("path, label", SWITCHES)
def test_the_language_switch_lands_on_the_same_section(browser, site, path, label):  # noqa: F811
    context = browser.new_context()
    watch = Watch().attach(context)
    page = watch.page(context)
    page.goto(site.url(f"{path}#{label}"), wait_until="load")
    assert_lands(_lands(page, label), path, label)
    page.click("a.rb-lang")
    page.wait_for_url(f"**/zh/{path}#{label}", timeout=10_000)
    where = _lands(page, label)
    assert_lands(where, page.url, label)
    assert re.search(r"[\u4e00-\u9fff]", where["heading"]), where  # the Chinese heading
    page.click("a.rb-lang")  # and back
    page.wait_for_url(f"**/{path}#{label}", timeout=10_000)
    assert "/zh/" not in page.url
    assert_lands(_lands(page, label), page.url, label)
    seen = watch.take()
    context.close()
    assert not seen["external"] and not seen["failed"], seen
