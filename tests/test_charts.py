import json
import re

import altair as alt
import pandas as pd

from reportbook import charts


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
    assert "<!--rb-svg:fig-test-" in a  # a slot the build fills with the static SVG
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
    assert ".rb-chart[data-spec]" in charts.BUNDLE_SNIPPET
    assert "renderer: 'svg'" in charts.BUNDLE_SNIPPET


def test_fill_svgs_puts_a_deterministic_static_svg_in_each_slot(tmp_path):
    page = _figure()._repr_html_() + _figure(label="fig-other")._repr_html_()
    filled = charts.fill_svgs(page, tmp_path)
    assert "<!--rb-svg" not in filled and filled.count("<svg") == 2
    # Clip-path ids are renumbered per chart: no clashes between charts on a page...
    ids = re.findall(r'\bid="([^"]+)"', filled)
    assert len(ids) == len(set(ids))
    # ...and the same page renders the same, from the cache or not.
    assert charts.fill_svgs(page, tmp_path) == filled
    assert charts.fill_svgs(page, None) == filled
