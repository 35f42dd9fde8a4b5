import json
import re

import pytest

from reportbook import cite

URL = "https://books.reportbook.cn/xinzhou/"
# A second edition, issued on 1 December 2026, cited on 3 December.
ED = {"number": 2, "id": "0123456789ab", "version": "2 (0123456789ab)", "issued": "2026-12-01"}
ACCESSED = "2026-12-03"


@pytest.fixture
def published(project_copy):
    """The project with the address it is published at (the shipped one is a placeholder)."""
    cfg = project_copy.root / "_config.yml"
    text = cfg.read_text(encoding="utf-8")
    assert 'url: "https://xinzhou-report.example.org/"' in text
    cfg.write_text(text.replace("https://xinzhou-report.example.org/", URL), encoding="utf-8")
    return project_copy


# --- hand-written expected strings: a chapter, a section, a figure, a chart ------------------


def test_a_section_in_every_format(published):
    c = cite.citation(published, "energy-capacity", ED, accessed=ACCESSED)
    where = URL + "book/energy.html#energy-capacity"
    assert cite.render(c, "apa") == (
        "reportbook contributors. (2026). Energy transition and the green-energy corridor: "
        "Installed capacity. In Xinzhou development report (2nd ed.). The reportbook project. "
        + where
    )
    assert cite.render(c, "gbt7714") == (
        "reportbook contributors. Energy transition and the green-energy corridor: Installed "
        "capacity[M/OL]//reportbook contributors. Xinzhou development report. 2nd ed. The "
        f"reportbook project, 2026[2026-12-03]. {where}."
    )
    assert cite.render(c, "bibtex") == (
        "@incollection{xinzhou-report-energy-capacity,\n"
        "  author    = {{reportbook contributors}},\n"
        "  title     = {Energy transition and the green-energy corridor: Installed capacity},\n"
        "  booktitle = {Xinzhou development report},\n"
        "  edition   = {2},\n"
        "  publisher = {The reportbook project},\n"
        "  year      = {2026},\n"
        "  date      = {2026-12-01},\n"
        "  version   = {0123456789ab},\n"
        f"  url       = {{{where}}},\n"
        "  urldate   = {2026-12-03},\n"
        "  langid    = {english},\n"
        "}"
    )
    assert cite.render(c, "ris") == (
        "TY  - CHAP\n"
        "AU  - reportbook contributors\n"
        "TI  - Energy transition and the green-energy corridor: Installed capacity\n"
        "T2  - Xinzhou development report\n"
        "ET  - 2nd ed.\n"
        "PY  - 2026\n"
        "DA  - 2026/12/01\n"
        "PB  - The reportbook project\n"
        f"UR  - {where}\n"
        "Y2  - 2026/12/03\n"
        "LA  - en\n"
        "ER  - \n"
    )
    assert json.loads(cite.render(c, "csl")) == [
        {
            "id": "xinzhou-report-energy-capacity",
            "type": "chapter",
            "title": "Energy transition and the green-energy corridor: Installed capacity",
            "container-title": "Xinzhou development report",
            "author": [{"literal": "reportbook contributors"}],
            "publisher": "The reportbook project",
            "edition": "2",
            "version": "0123456789ab",
            "issued": {"date-parts": [[2026, 12, 1]]},
            "accessed": {"date-parts": [[2026, 12, 3]]},
            "URL": where,
            "language": "en",
        }
    ]


def test_a_chapter_of_the_first_edition(published):
    first = {"number": 1, "id": "017cd12addd7", "version": "1 (017cd12addd7)",
             "issued": "2026-11-23"}  # fmt: skip
    c = cite.citation(published, "energy", first, accessed=ACCESSED)
    assert c["url"] == URL + "book/energy.html"  # a chapter is its page, no anchor
    # The first edition is not stated (APA 7; GB/T 7714-2015 8.2), and never as "1 (…)版".
    assert cite.render(c, "apa") == (
        "reportbook contributors. (2026). Energy transition and the green-energy corridor. "
        f"In Xinzhou development report. The reportbook project. {URL}book/energy.html"
    )
    assert cite.render(c, "gbt7714") == (
        "reportbook contributors. Energy transition and the green-energy corridor[M/OL]//"
        "reportbook contributors. Xinzhou development report. The reportbook project, "
        f"2026[2026-12-03]. {URL}book/energy.html."
    )
    bib = cite.render(c, "bibtex")
    assert "edition" not in bib and "version   = {017cd12addd7}," in bib


def _zh_section(meta, ed):
    return cite.section_citation(
        cite.edition_meta(meta, "zh"),
        ed,
        page="energy",
        label="energy-capacity",
        title="装机容量",
        chapter_title="能源转型与绿色能源经济廊道",
        level=2,
        accessed=ACCESSED,
    )


def test_the_chinese_edition_cites_in_gbt7714_with_the_chinese_names_of_the_book(published):
    """GB/T 7714-2015 for an electronic monograph's part: 析出责任者. 析出题名[M/OL]//专著主要
    责任者. 专著题名. 版本项. 出版者, 出版年[引用日期]. 获取和访问路径. — the author, publisher
    and title as _config.yml names them in Chinese, the edition as 第N版."""
    c = _zh_section(cite.book_meta(published), ED)
    where = URL + "zh/book/energy.html#energy-capacity"
    assert cite.render(c, "gbt7714") == (
        "reportbook项目贡献者. 能源转型与绿色能源经济廊道：装机容量[M/OL]//reportbook项目贡献者. "
        f"忻州发展报告. 第2版. reportbook项目, 2026[2026-12-03]. {where}."
    )
    # [引用日期]: the day it is cited, after the year of the edition; the first edition
    # is not stated (GB/T 7714-2015 8.2), neither as 第1版 nor as 1版.
    first = {**ED, "number": 1, "version": "1 (0123456789ab)"}
    gbt = cite.render(_zh_section(cite.book_meta(published), first), "gbt7714")
    assert re.search(r"\[M/OL\]//.*\. reportbook项目, 2026\[2026-12-03\]\. ", gbt), gbt
    assert "版" not in gbt.replace("出版", "")
    bib = cite.render(c, "bibtex")
    assert "author    = {{reportbook项目贡献者}}" in bib and "publisher = {reportbook项目}" in bib


def test_a_book_without_chinese_names_is_cited_in_chinese_under_its_english_ones(published):
    cfg = published.root / "_config.yml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(re.sub(r"\n  (author|publisher)_zh: .*", "", text), encoding="utf-8")
    gbt = cite.render(_zh_section(cite.book_meta(published), ED), "gbt7714")
    assert gbt.startswith("reportbook contributors. 能源转型与绿色能源经济廊道：装机容量[M/OL]")
    assert "第2版. The reportbook project, 2026[2026-12-03]." in gbt


def test_a_figure_of_the_ledger_names_it_and_its_source_sentence(published):
    c = cite.citation(published, "f-15c2be698d", ED, accessed=ACCESSED)
    sentence = (
        "“上半年，忻州全市GDP实现676.5亿元，按不变价格计算，同比增长1%，与一季度(-4.2%)相比，"
        "实现扭负为正。” (忻州：推进七大能级同步跃升)"
    )
    assert cite.render(c, "apa") == (
        "reportbook contributors. (2026). Gross domestic product reached 676.5亿元 (67.7 "
        f"billion yuan) in the first half of 2023 [figure f-15c2be698d; source sentence: "
        f"{sentence}]. In Xinzhou development report (2nd ed.). The reportbook project. "
        f"{URL}book/sources/xinzhou-2023-seven-levels.html#f-15c2be698d"
    )
    assert cite.render(c, "gbt7714") == (
        "reportbook contributors. Gross domestic product reached 676.5亿元 (67.7 billion yuan) "
        f"in the first half of 2023: figure f-15c2be698d; source sentence: {sentence}[M/OL]//"
        "reportbook contributors. Xinzhou development report. 2nd ed. The reportbook project, "
        f"2026[2026-12-03]. {URL}book/sources/xinzhou-2023-seven-levels.html#f-15c2be698d."
    )
    assert "1\\%" in cite.render(c, "bibtex")  # escaped in the note


def test_a_chart_names_its_number_title_and_sources(published):
    c = cite.chart_citation(
        cite.book_meta(published),
        ED,
        page="energy",
        label="fig-energy-capacity-mix",
        number="4.1",
        title="Installed power capacity by type",
        chapter_title="Energy transition and the green-energy corridor",
        sources=["忻州：推进七大能级同步跃升"],
        accessed=ACCESSED,
    )
    assert cite.render(c, "apa") == (
        "reportbook contributors. (2026). Figure 4.1: Installed power capacity by type [chart "
        "in “Energy transition and the green-energy corridor”; data from 忻州：推进七大能级同步"
        "跃升]. In Xinzhou development report (2nd ed.). The reportbook project. "
        f"{URL}book/energy.html#fig-energy-capacity-mix"
    )


def test_a_placeholder_url_is_left_out_not_printed(repo):
    meta = cite.book_meta(repo)
    assert meta["placeholder"] and meta["url"] == ""
    c = cite.citation(repo, "energy-capacity", ED, accessed=ACCESSED)
    for fmt in cite.FORMATS:
        assert "example.org" not in cite.render(c, fmt), fmt
    assert cite.render(c, "apa").endswith("(2nd ed.). The reportbook project.")
    assert "url" not in cite.render(c, "bibtex")


def test_placeholder_domains():
    for url in ("https://xinzhou-report.example.org/", "http://example.com", "https://a.test/",
                "https://book.invalid/", ""):  # fmt: skip
        assert cite.is_placeholder(url), url
    for url in (URL, "https://example.org.cn/", "https://myexample.org/"):
        assert not cite.is_placeholder(url), url


def test_ordinal_editions():
    assert [cite.edition_statement(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "", "2nd ed.", "3rd ed.", "4th ed.", "11th ed.", "12th ed.", "13th ed.", "21st ed.",
        "22nd ed.", "101st ed.",
    ]  # fmt: skip


def test_chapter_citation_has_no_anchor(published):
    c = cite.citation(published, "energy", {"version": "v", "year": "2024", "date": "2024"})
    assert c["url"].endswith("book/energy.html")
    assert c["title"].startswith("Energy transition")


def test_unknown_label_is_a_clear_error(repo):
    with pytest.raises(cite.CiteError, match="no section is labelled 'energy-nope'"):
        cite.citation(repo, "energy-nope")
    with pytest.raises(cite.CiteError, match="no figure has the id 'f-0000000000'"):
        cite.citation(repo, "f-0000000000")


def test_cli_prints_the_same_citation(repo, capsys):
    from reportbook.cli import main

    assert main(["cite", "energy-share", "--format", "apa"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == cite.format_citation(repo, "energy-share", "apa")
    assert main(["cite", "energy-share", "--format", "gbt7714", "--accessed", ACCESSED]) == 0
    assert capsys.readouterr().out.strip().endswith(f"[{ACCESSED}].")
    assert main(["cite", "energy-share", "--accessed", "3 Dec"]) == 2
    # the Chinese edition: its section's title and the book's names in Chinese, the same label
    assert main(["cite", "energy-capacity", "--format", "gbt7714", "--lang", "zh",
                 "--accessed", ACCESSED]) == 0  # fmt: skip
    out = capsys.readouterr().out.strip()
    assert out.startswith("reportbook项目贡献者. 能源转型与绿色能源经济廊道：装机容量[M/OL]//")
    assert out.endswith(f"[{ACCESSED}].") and "忻州发展报告. 第" in out


def test_cli_names_the_formats_and_pdf_the_modules_do():
    from reportbook import cli, pdf

    commands = cli.parser()._subparsers._group_actions[0].choices
    helps = {a.dest: a for a in commands["build"]._actions} | {
        a.dest: a for a in commands["cite"]._actions
    }
    assert pdf.NAME in helps["pdf"].help
    assert list(helps["format"].choices) == list(cite.FORMATS)


def test_block_escapes_and_links_its_anchor(repo):
    html = cite.block(repo, "energy-share", edition="0.1.0+x")
    assert 'href="#energy-share"' in html and "0.1.0+x" in html
    assert "<script" not in html


def test_the_block_shows_what_render_gives(published):
    c = cite.citation(published, "energy-capacity", ED, accessed=ACCESSED)
    html = cite.block_html(c)
    texts = dict(
        re.findall(r'<[a-z]+ class="rb-cite-text" data-format="([a-z0-9]+)">(.*?)</(?:span|pre)>',
                   re.sub(r'<span class="rb-accessed">([^<]*)</span>', r"\1", html), re.S)
    )  # fmt: skip
    import html as h

    for fmt in ("apa", "gbt7714", "bibtex"):
        assert h.unescape(texts[fmt]) == cite.render(c, fmt), fmt
    assert html.count('class="rb-accessed"') == 2  # GB/T [引用日期] and BibTeX urldate


def test_in_a_kernel_the_block_is_a_placeholder_the_build_fills(repo):
    from reportbook import edition

    assert cite.block(repo, "energy-share", dict(edition.TOKENS)) == (
        '<div class="rb-cite" data-label="energy-share"></div>'
    )
    with pytest.raises(cite.CiteError):
        cite.block(repo, "energy-nope", dict(edition.TOKENS))


def test_citation_cff_is_current(repo):
    assert (repo.root / "CITATION.cff").read_text(encoding="utf-8") == cite.cff(repo)


def test_bibliography_has_every_source(repo):
    import yaml

    bib = cite.bibliography(repo)
    for s in yaml.safe_load(repo.sources_yml.read_text())["sources"]:
        assert f"@misc{{{s['id']}," in bib


# --- hostile source text ---------------------------------------------------------------------


def test_a_title_that_closes_its_bibtex_field_stays_inert_text(project_copy):
    """A title (or a first line taken as one) written to break out of its field: it must not
    add a field, end the entry or start another, whatever BibTeX parser reads it."""
    from pybtex.database import parse_string

    hostile = "忻州}, url = {javascript:alert(1)} @misc{evil, title={x} %"
    text = project_copy.sources_yml.read_text(encoding="utf-8")
    first = re.search(r"^    title: .*$", text, re.M)[0]
    text = text.replace(first, f"    title: {json.dumps(hostile, ensure_ascii=False)}", 1)
    text = re.sub(r"^    url: null$", "    url: javascript:alert(1)", text, count=1, flags=re.M)
    project_copy.sources_yml.write_text(text, encoding="utf-8")

    bib = cite.bibliography(project_copy)
    db = parse_string(bib, "bibtex")
    assert "evil" not in db.entries
    first_id = re.search(r"^  - id: (\S+)$", text, re.M)[1]
    fields = db.entries[first_id].fields
    assert "url" not in fields
    assert set(fields) <= {"title", "year", "month", "publisher", "note"}
    assert "javascript:alert(1)" in fields["title"]  # kept, as text
    assert bib.count("@misc{") == len(db.entries)


def test_bibtex_escape_keeps_braces_balanced():
    for text in ("}", "{", "}{", "a}b{c", "\\}", "%}", "x\n}\r\n, url = {y"):
        out = cite.bibtex_escape(text)
        depth = 0
        for ch in out:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            assert depth >= 0, (text, out)
        assert depth == 0, (text, out)
        assert "\n" not in out


def test_only_http_urls_reach_the_bibliography():
    assert (
        cite.safe_url("https://www.sxxz.gov.cn/a.html?x=1") == "https://www.sxxz.gov.cn/a.html?x=1"
    )
    for bad in ("javascript:alert(1)", "data:text/html,x", "ftp://a/b", "https://a/}b",
                "https://a/\\b", "https://a b/", "//a/b", None):  # fmt: skip
        assert cite.safe_url(bad) == "", bad
