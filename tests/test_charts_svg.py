import html
import os
import re

import pandas as pd
import pytest

from reportbook import charts
from reportbook.charts import svg
from tests.test_charts_figure import figure_with_hostile_text as _figure


def test_static_svgs_are_deterministic_cached_and_never_clash(tmp_path, monkeypatch):
    monkeypatch.setenv(charts.SVG_CACHE_ENV, str(tmp_path))
    page = _figure()._repr_html_() + _figure(label="fig-other")._repr_html_()
    assert page.count("<svg") == 2 and len(list(tmp_path.glob("*.svg"))) == 2
    # Clip-path ids are renumbered per chart: no clashes between charts on a page...
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    # ...and the same chart draws the same, from the cache or not.
    assert _figure()._repr_html_() + _figure(label="fig-other")._repr_html_() == page
    monkeypatch.delenv(charts.SVG_CACHE_ENV)
    assert _figure()._repr_html_() + _figure(label="fig-other")._repr_html_() == page
    # Entries unused for 30 days are forgotten; reusing one keeps it.
    first, second = sorted(tmp_path.glob("*.svg"))
    os.utime(first, (0, 0))
    os.utime(second, (0, 0))
    monkeypatch.setenv(charts.SVG_CACHE_ENV, str(tmp_path))
    _figure()._repr_html_()
    assert charts.prune_svg_cache(tmp_path) == 1
    assert len(list(tmp_path.glob("*.svg"))) == 1


def test_svg_cache_key_follows_the_installed_fonts(tmp_path, monkeypatch):
    """Text is measured with the installed fonts: a new font must redraw, not reuse."""
    monkeypatch.setattr(svg, "FONT_DIRS", (str(tmp_path),))
    before = svg._svg_version()
    (tmp_path / "New.ttf").write_bytes(b"font")
    assert svg._svg_version() != before
    assert svg._svg_version() == svg._svg_version()
    assert charts.SVG_VERSION.startswith("vlc")


def _linked_bars(hrefs):
    data = pd.DataFrame({"k": [f"row {i}" for i in range(len(hrefs))], "v": 1.0, "href": hrefs})
    return charts.bars(data, label="k", value="v", unit="u", title="t").to_dict(validate=False)


def test_static_marks_link_to_the_books_own_pages():
    """vl-convert prefixes a relative href with its data loader's base URL (the Vega datasets
    site): the static SVG's links must stay in the book."""
    hrefs = ["sources.html#f-0123456789", "sources.html#f-a&b", "https://example.org/doc"]
    svg_text = charts.render_svg(_linked_bars(hrefs), "t-links")
    links = sorted(html.unescape(h) for h in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', svg_text))
    assert links == sorted(hrefs)
    assert "vega.github.io" not in svg_text


# The spec's "$schema" names the Vega-Lite schema by its URL; nothing fetches it.
SCHEMA = re.compile(r'\$schema\\?"\s*:\s*\\?"https://vega\.github\.io/schema/[^"\\]*')


@pytest.mark.slow
def test_no_page_of_the_built_book_links_to_vega_sites(built_book):
    pages = [*built_book.html.rglob("*.html"), *built_book.html.rglob("*.ipynb")]
    outside = {
        p.relative_to(built_book.html).as_posix(): n
        for p in pages
        if (n := SCHEMA.sub("", p.read_text(encoding="utf-8")).count("vega.github.io"))
    }
    print(f"\n{len(pages)} pages and notebooks; mentions of vega.github.io: {outside}")
    assert not outside
    # Every mark of a static chart links to a figure of the sources appendix (a page per
    # source, reportbook.addresses).
    book = built_book.html / "book"
    ids = {
        p.relative_to(book).as_posix(): set(re.findall(r'id="(f-[0-9a-f]+)"', p.read_text()))
        for p in (book / "sources").glob("*.html")
    }
    links = [
        h
        for p in built_book.html.glob("book/*.html")
        for svg_text in re.findall(r"<svg\b.*?</svg>", p.read_text(encoding="utf-8"), re.S)
        for h in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', svg_text)
    ]
    print(f"{len(links)} mark links in the static charts")
    assert links and all(re.fullmatch(r"sources/[a-z0-9-]+\.html#f-[0-9a-f]{10}", h)
                         for h in links), links  # fmt: skip
    assert all(h.split("#")[1] in ids[h.split("#")[0]] for h in links)


def test_static_svg_keeps_every_digit_of_its_labels():
    """Coordinates are shortened to two decimals; the numbers a reader sees are not."""
    data = pd.DataFrame({"k": ["1713.75万千瓦 (17.1375 GW)"], "v": [9.6875]})
    chart = charts.bars(data, label="k", value="v", unit="u", title="t")
    svg_text = charts.render_svg(chart.to_dict(validate=False), "t-digits")
    assert "(17.1375" in svg_text and ">9.6875<" in svg_text
    coordinates = re.findall(r'(?:d|transform)="([^"]*)"', svg_text)
    assert coordinates and not any(re.search(r"\d\.\d{3}", c) for c in coordinates)
