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
    assert 'href="sources.html#src-src-a"' in a
    assert "Download data (CSV)" in a and "data:text/csv" in a
    assert "Figure 4.1" in a


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
