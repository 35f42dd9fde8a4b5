import json
import re

import altair as alt
import pytest

from reportbook import charts
from reportbook.charts import theme


def test_house_theme_is_active():
    assert alt.theme.active == "reportbook"
    cfg = charts.house_theme()["config"]
    assert "Noto Sans CJK SC" in cfg["font"]


def test_one_colour_per_kind_defined_once():
    scale = theme.kind_scale().to_dict()
    assert scale["domain"] == ["actual", "target", "forecast", "plan"]
    assert scale["range"] == [theme.ACTUAL, theme.TARGET, theme.FORECAST, theme.PLAN]


def test_no_other_category_takes_a_kinds_colour():
    kind_colours = {c.lower() for c in theme.KIND_COLORS.values()}
    assert not kind_colours & {c.lower() for c in theme.PALETTE}
    assert theme.NEUTRAL.lower() not in kind_colours
    assert theme.house_theme()["config"]["range"]["category"] == theme.PALETTE


def test_a_kind_scale_lists_only_the_kinds_present_in_the_books_order():
    scale = theme.kind_scale(["plan", "actual", "plan", None]).to_dict()
    assert scale == {"domain": ["actual", "plan"], "range": [theme.ACTUAL, theme.PLAN]}
    assert theme.kinds_present(["forecast", "guess", "target"]) == ["target", "forecast", "guess"]


def colour_scales(spec):
    """(domain, range) of every colour scale given in a Vega-Lite spec."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("color", "fill", "stroke") and isinstance(value, dict):
                scale = value.get("scale") or {}
                if "domain" in scale and "range" in scale:
                    yield scale["domain"], scale["range"]
            yield from colour_scales(value)
    elif isinstance(spec, list):
        for x in spec:
            yield from colour_scales(x)


@pytest.mark.slow
def test_every_chart_of_the_book_gives_a_kind_its_colour_and_lists_only_its_kinds(built_book):
    kind_colours = {c.lower() for c in theme.KIND_COLORS.values()}
    n = 0
    for page in sorted((built_book.html / "book").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        for spec_text in re.findall(
            r'<script type="application/json" id="rb-spec-[^"]+">(.*?)</s', text
        ):
            spec = json.loads(spec_text)
            rows = [r for ds in spec.get("datasets", {}).values() for r in ds]
            present = {r["kind"] for r in rows if "kind" in r}
            for domain, colours in colour_scales(spec):
                n += 1
                for value, colour in zip(domain, colours, strict=True):
                    if value in theme.KIND_COLORS:
                        assert colour == theme.KIND_COLORS[value], (page.name, value, colour)
                    else:
                        assert colour.lower() not in kind_colours, (page.name, value, colour)
                if set(domain) & set(theme.KIND_COLORS):
                    assert set(domain) == present, f"{page.name}: legend {domain}, data {present}"
            # No chart of categories draws them in the palette's kind colours by default.
            assert spec["config"]["range"]["category"] == theme.PALETTE
    assert n >= 5
