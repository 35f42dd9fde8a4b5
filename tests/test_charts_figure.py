import json
import re

import pandas as pd

from reportbook import charts


def figure_with_hostile_text(label="fig-test", title="测试 <b>title</b>"):
    """A bar chart whose labels and title carry markup, as a source's text might."""
    data = pd.DataFrame({"k": ["火电装机", "<script>alert(1)</script>"], "v": [745.0, 968.75]})
    chart = charts.bars(data, label="k", value="v", unit="万千瓦", title=title)
    return charts.Figure(
        chart=chart,
        data=data,
        label=label,
        number="4.1",
        title=title,
        alt_text=charts.describe(data, "k", "v", "Capacity", "万千瓦"),
        sources=[("src-a", "忻州：推进七大能级同步跃升")],
    )


def test_figure_html_is_deterministic_and_self_contained():
    a, b = figure_with_hostile_text()._repr_html_(), figure_with_hostile_text()._repr_html_()
    assert a == b  # content-hash ids, no uuid
    assert (
        "cdn" not in a.lower() and "https://" not in a.split('<script type="application/json"')[0]
    )
    assert re.search(r'id="rb-vis-fig-test-[0-9a-f]{12}"', a)
    assert re.search(r'<div class="rb-chart"[^>]*><svg ', a)  # the static picture inside
    assert 'href="sources/src-a.html"' in a
    # The CSV, PNG and SVG are files the build writes beside the page (charts.files): the CSV
    # needs the edition in its header, which a chapter's kernel does not know.
    assert "Download data (CSV)" in a and 'href="figures/fig-test.csv"' in a
    assert 'href="figures/fig-test.png"' in a and 'href="figures/fig-test.svg"' in a
    assert "Figure 4.1" in a
    assert '<a class="rb-permalink" href="#fig-test"' in a
    assert '<div class="rb-cite" data-figure="fig-test"></div>' in a  # filled by the build


def test_text_from_sources_cannot_inject_markup():
    html = figure_with_hostile_text()._repr_html_()
    assert "<script>alert(1)" not in html
    assert "<b>title</b>" not in html
    # The spec JSON is inert and cannot close its own script element early.
    spec = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)[1]
    assert "<" not in spec and ">" not in spec
    parsed = json.loads(spec)
    assert parsed["$schema"].startswith("https://vega.github.io")  # a schema id, never fetched
    assert "<script>alert(1)</script>" in json.dumps(parsed, ensure_ascii=False)


def test_the_table_view_holds_exactly_the_rows_of_the_csv():
    """The build writes each chart's CSV from its table view: the same rows, field for field."""
    from reportbook.charts import files

    fig = figure_with_hostile_text()
    html = fig._repr_html_()
    assert "Table: the 2 rows of figure 4.1" in html
    rows = files.rows(html)
    expected = [line.split(",") for line in fig.csv().strip().split("\n")]
    assert rows == expected
    assert "<script>alert(1)</script>" not in html.split("<summary>")[1]  # escaped in the table


def test_chart_csv_has_a_metadata_header_then_exactly_its_rows():
    from reportbook.charts import files

    fig = figure_with_hostile_text()
    head = {"book": "Book", "edition": "2 (abc), issued 2026-12-01", "licence": "MIT",
            "url": "https://book.example.net/"}  # fmt: skip
    text = files.csv_text(fig._repr_html_(), head, "energy")
    lines = text.lstrip("\ufeff").split("\n")
    assert lines[:4] == [
        "# Figure 4.1: 测试 <b>title</b>",
        "# Source: 忻州：推进七大能级同步跃升",
        "# Book, edition 2 (abc), issued 2026-12-01; https://book.example.net/book/energy.html#fig-test",
        "# Licence: MIT",
    ]
    assert "\n".join(lines[4:]) == fig.csv()


def test_a_chinese_chart_csv_says_its_header_in_chinese_over_the_same_rows():
    from reportbook import cite
    from reportbook.charts import files

    fig = figure_with_hostile_text()
    meta = {"title": "Book", "title_zh": "书", "author_zh": "作者", "publisher_zh": "出版者",
            "copyright_zh": "贡献者", "licence": "MIT", "url": "https://book.example.net/",
            "language": "en", "edition_dir": ""}  # fmt: skip
    ed = {"version": "2 (abc)", "issued": "2026-12-01"}
    text = files.csv_text(
        fig._repr_html_(), files.header(cite.edition_meta(meta, "zh"), ed), "energy"
    )
    lines = text.lstrip("\ufeff").split("\n")
    assert lines[:4] == [
        "# 图4.1：测试 <b>title</b>",
        "# 来源：忻州：推进七大能级同步跃升",
        "# 书，版本 2 (abc)，2026-12-01发布；https://book.example.net/zh/book/energy.html#fig-test",
        "# 许可：MIT；© 贡献者",
    ]
    assert "\n".join(lines[4:]) == fig.csv()  # the same rows as the English edition's
    english = files.csv_text(fig._repr_html_(), files.header(meta, ed), "energy")
    assert english.split("\n")[2] == (
        "# Book, edition 2 (abc), issued 2026-12-01; https://book.example.net/book/energy.html#fig-test"
    )


def test_the_table_shows_text_as_it_is_and_the_csv_file_defuses_formulas():
    """A source sentence that begins like a spreadsheet formula: the reader's table shows it
    exactly; the CSV file a spreadsheet opens shows it as text (a leading apostrophe), and a
    negative number stays a number."""
    from reportbook.charts import files

    data = pd.DataFrame({"k": ['=HYPERLINK("x")', "火电"], "v": [-4.2, 745.0]})
    fig = charts.Figure(
        chart=charts.bars(data, label="k", value="v", unit="%", title="t"),
        data=data, label="fig-f", number="1.1", title="t", alt_text="a",
        sources=[("src-a", "a")],
    )  # fmt: skip
    html = fig._repr_html_()
    assert files.rows(html)[1][0] == '=HYPERLINK("x")'  # the table view: as it is
    text = files.csv_text(html, {"book": "B", "edition": "1"}, "energy")
    body = [r for r in text.lstrip("\ufeff").splitlines() if not r.startswith("#")]
    assert body[1].startswith("\"'=HYPERLINK") and body[1].endswith(",-4.2")
