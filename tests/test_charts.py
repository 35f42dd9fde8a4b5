import json
import os
import re

import altair as alt
import pandas as pd

from reportbook import bundle, charts


def _figure(label="fig-test", title="测试 <b>title</b>"):
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


def test_house_theme_is_active():
    assert alt.theme.active == "reportbook"
    cfg = charts.house_theme()["config"]
    assert "Noto Sans CJK SC" in cfg["font"]


def test_figure_html_is_deterministic_and_self_contained():
    a, b = _figure()._repr_html_(), _figure()._repr_html_()
    assert a == b  # content-hash ids, no uuid
    assert (
        "cdn" not in a.lower() and "https://" not in a.split('<script type="application/json"')[0]
    )
    assert re.search(r'id="rb-vis-fig-test-[0-9a-f]{12}"', a)
    assert re.search(r'<div class="rb-chart"[^>]*><svg ', a)  # the static picture inside
    assert 'href="sources.html#src-src-a"' in a
    assert "Download data (CSV)" in a and "data:text/csv" in a
    assert "Figure 4.1" in a


def test_text_from_sources_cannot_inject_markup():
    html = _figure()._repr_html_()
    assert "<script>alert(1)" not in html
    assert "<b>title</b>" not in html
    # The spec JSON is inert and cannot close its own script element early.
    spec = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)[1]
    assert "<" not in spec and ">" not in spec
    parsed = json.loads(spec)
    assert parsed["$schema"].startswith("https://vega.github.io")  # a schema id, never fetched
    assert "<script>alert(1)</script>" in json.dumps(parsed, ensure_ascii=False)


def test_text_alternative_names_largest_and_smallest():
    text = _figure().alt_text
    assert "Largest: <script>alert(1)</script>, 968.75" in text
    assert "Smallest: 火电装机, 745" in text


def test_fmt_never_shows_float_noise():
    assert charts.fmt(0.1 + 0.2) == "0.3"
    assert charts.fmt(1713.75) == "1713.75"
    assert charts.fmt(-4.2) == "-4.2"
    assert charts.fmt(2000.0) == "2000"


def test_bundle_snippet_embeds_every_chart_container():
    assert ".rb-chart[data-spec]" in bundle.SNIPPET
    assert "renderer: 'svg'" in bundle.SNIPPET


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
    monkeypatch.setattr(charts, "FONT_DIRS", (str(tmp_path),))
    before = charts._svg_version()
    (tmp_path / "New.ttf").write_bytes(b"font")
    assert charts._svg_version() != before
    assert charts._svg_version() == charts._svg_version()
    assert charts.SVG_VERSION.startswith("vlc")


def test_wrap_label_keeps_every_label_whole_and_distinct():
    long = "Total investment in the provincial key projects of the city for the year 2023 and on"
    lines = charts.wrap_label(long).split("\n")
    assert len(lines) > 1 and " ".join(lines) == long  # whole: nothing cut, nothing added
    assert all(len(line) <= charts.LABEL_COLUMNS for line in lines)
    assert charts.wrap_label(long) != charts.wrap_label(long.replace("2023", "2024"))
    zh = "规模以上工业增加值增长率以及其他很长很长的中文标签文字"
    zh_lines = charts.wrap_label(zh).split("\n")
    assert "".join(zh_lines) == zh and all(len(x) * 2 <= charts.LABEL_COLUMNS for x in zh_lines)
    assert charts.wrap_label("GDP") == "GDP"
    assert charts.wrap_label(float("nan")) == "" and charts.wrap_label(None) == ""
