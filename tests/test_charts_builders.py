import json
import re

import pandas as pd
import pytest

from reportbook import charts
from tests.test_charts_figure import figure_with_hostile_text as _figure

LONG = "Annual planned investment of provincial key projects in the Taiyuan-Xinzhou zone"


def every_builder() -> dict:
    """One chart of each builder, with labels as long as the book's."""
    kinds = pd.DataFrame(
        {
            "label": [LONG, LONG, "GDP growth", "GDP growth"],
            "value": [968.75, 1000.0, 5.0, 4.2],
            "kind": ["actual", "forecast", "target", "actual"],
            "period": ["2023-07-31", "2023", "2024", "2023"],
            "display": ["968.75万千瓦 · achieved 2023-07-31", "1000万千瓦 · forecast 2023"] * 2,
            "date": ["2023-07-31", "2023-12-31", "2024-12-31", "2023-12-31"],
            "source_id": ["a", "a", "b", "b"],
            "href": [
                "sources.html#f-1",
                "sources.html#f-2",
                "sources.html#f-3",
                "sources.html#f-4",
            ],
        }
    )
    parts = pd.DataFrame({"part": ["thermal", "new and clean"], "value": [745.0, 968.75]})
    projects = pd.DataFrame(
        {
            "level": ["provincial (63 projects)"] * 2 + ["municipal (95 projects)"] * 2,
            "measure": ["total investment", "planned this year"] * 2,
            "value": [1309.1, 231.93, 515.09, 106.64],
        }
    )
    targets = kinds.assign(target=["at least", "about", "exactly", "at least"])
    milestones = pd.DataFrame({"year": [2023, 2025, 2035], "label": ["A\nfirst", "B", "C"]})
    common = {"title": "A title", "subtitle": "万千瓦; " + LONG}
    return {
        "bars": charts.bars(kinds, label="label", value="value", unit="万千瓦", **common),
        "grouped_bars": charts.grouped_bars(
            projects, group="level", series="measure", value="value", unit="亿元", **common
        ),
        "stacked_share": charts.stacked_share(
            parts, part="part", value="value", unit="万千瓦", **common
        ),
        "target_vs_actual": charts.target_vs_actual(
            kinds, label="label", value="value", kind="kind", unit="万千瓦", **common
        ),
        "targets_table_chart": charts.targets_table_chart(
            targets, label="label", value="value", qualifier="target", **common
        ),
        "timeline": charts.timeline(milestones, year="year", text="label", **common),
        "series": charts.series(
            kinds, date="date", value="value", kind="kind", unit="万千瓦", **common
        ),
    }


@pytest.fixture(scope="module")
def specs() -> dict:
    return {name: chart.to_dict(validate=False) for name, chart in every_builder().items()}


def test_text_alternative_names_largest_and_smallest():
    text = _figure().alt_text
    assert "Largest: <script>alert(1)</script>, 968.75" in text
    assert "Smallest: 火电装机, 745" in text


def test_every_chart_takes_its_containers_width(specs):
    for name, spec in specs.items():
        assert spec["width"] == "container", name
        assert spec["autosize"] == {"type": "fit-x", "contains": "padding", "resize": True}, name
        assert "facet" not in spec, f"{name}: a faceted chart cannot follow its container"


def test_units_line_wraps_to_fit_a_phone(specs):
    for name, spec in specs.items():
        lines = spec["title"]["text"]
        assert isinstance(lines, list) and len(lines) > 1, name
        assert " ".join(lines) == "万千瓦; " + LONG
        assert all(len(line) <= charts.labels.TITLE_COLUMNS for line in lines), (name, lines)


def test_legends_wrap_onto_rows_the_chart_has_room_for(specs):
    text = json.dumps(specs)
    legends = re.findall(r'"legend": \{"columns": \{"expr": "([^"]+)"\}', text)
    assert len(legends) >= 4  # grouped_bars, stacked_share, target_vs_actual ×2, series, ...
    assert all("containerSize()[0]" in e for e in legends)


def test_static_svg_is_drawn_at_the_house_width_and_scales(specs):
    """Without a container (vl-convert), a chart is drawn at the theme's width; the viewBox
    lets the style sheet scale it to the page."""
    for name in ("bars", "timeline"):
        svg = charts.render_svg(specs[name], f"t-{name}")
        head = re.match(r"<svg [^>]*>", svg)[0]
        assert f'width="{charts.WIDTH}"' in head, head
        assert re.search(rf'viewBox="0 0 {charts.WIDTH} \d+"', head), head


def test_value_labels_move_inside_the_bar_at_the_plots_edge(specs):
    text = json.dumps(specs["bars"])
    assert "scale('x', datum['value']) > width - " in text
    assert "? 'white' : '#1f2933'" in text


def kind_encodings(spec, channel):
    """Every ``channel`` encoding of the field "kind" in a spec."""
    if isinstance(spec, dict):
        enc = spec.get("encoding", {}).get(channel)
        if isinstance(enc, dict) and enc.get("field") == "kind":
            yield enc
        for value in spec.values():
            yield from kind_encodings(value, channel)
    elif isinstance(spec, list):
        for x in spec:
            yield from kind_encodings(x, channel)


def test_legends_list_only_the_kinds_in_the_chart(specs):
    """The data holds actuals, a forecast and a target, no plan."""
    for name in ("target_vs_actual", "series"):
        colours = list(kind_encodings(specs[name], "color"))
        assert colours, name
        for enc in colours:
            assert enc["scale"]["domain"] == ["actual", "target", "forecast"], name
            assert enc["scale"]["range"] == [charts.ACTUAL, charts.TARGET, charts.FORECAST]
    for enc in kind_encodings(specs["target_vs_actual"], "shape"):
        assert enc["scale"]["domain"] == ["actual", "target", "forecast"]  # one legend


def test_bars_take_their_kinds_colours_or_none():
    data = pd.DataFrame({"k": ["a", "b"], "v": [1.0, 2.0], "kind": ["plan", "plan"]})
    spec = charts.bars(data, label="k", value="v", kind="kind", unit="u", title="t").to_dict()
    (enc,) = kind_encodings(spec, "color")
    assert enc["scale"] == {"domain": ["plan"], "range": [charts.PLAN]}
    plain = json.dumps(charts.bars(data, label="k", value="v", unit="u", title="t").to_dict())
    assert not {c for c in charts.KIND_COLORS.values() if c in plain}


def test_charts_of_other_categories_use_no_kind_colour(specs):
    for name in ("grouped_bars", "stacked_share", "timeline"):
        text = json.dumps({k: v for k, v in specs[name].items() if k != "config"})
        used = [c for c in charts.KIND_COLORS.values() if c.lower() in text.lower()]
        assert not used, (name, used)


def _symbols(node, out):
    """The point marks' items in a vl-convert scenegraph."""
    if isinstance(node, dict):
        if node.get("marktype") == "symbol" and node.get("role") == "mark":
            out += node["items"]
        for value in node.values():
            _symbols(value, out)
    elif isinstance(node, list):
        for value in node:
            _symbols(value, out)
    return out


def test_series_places_each_value_at_its_date():
    """A time scale, not a row per period: the gap between two values is their time apart
    (a quarter, a half year, a year and a half), and none sits on the plot's edge."""
    import vl_convert as vlc

    dates = {"2023-Q1": "2023-03-31", "2023-H1": "2023-06-30", "2023": "2023-12-31",
             "2024": "2024-12-31"}  # fmt: skip
    data = pd.DataFrame(
        {
            "period": list(dates),
            "date": list(dates.values()),
            "value": [-4.2, 1.0, 2.0, 5.0],
            "kind": ["actual", "actual", "actual", "target"],
            "source_id": "a",
        }
    )
    spec = charts.series(data, date="date", value="value", kind="kind", unit="%", title="t")
    spec = spec.to_dict()
    assert spec["layer"][1]["encoding"]["x"]["type"] == "temporal"
    assert spec["layer"][1]["encoding"]["x"]["scale"]["type"] == "utc"
    items = _symbols(vlc.vegalite_to_scenegraph(spec)["scenegraph"], [])
    x = {re.search(r"period: ([^;]+)", i["description"])[1]: i["x"] for i in items}
    day = {p: pd.Timestamp(d) for p, d in dates.items()}
    first, last = day["2023-Q1"], day["2024"]
    for p in dates:
        share = (day[p] - first) / (last - first)
        expected = x["2023-Q1"] + share * (x["2024"] - x["2023-Q1"])
        assert abs(x[p] - expected) < 0.5, (p, x[p], expected)
    assert x["2023-Q1"] > 5  # padded: the first value is not cut by the plot's edge


@pytest.mark.parametrize("kind", [None, "kind"], ids=["plain", "coloured-by-kind"])
def test_bars_run_from_the_largest_down(kind):
    import vl_convert as vlc

    data = pd.DataFrame(
        {"k": ["b", "a", "d", "c"], "v": [40.81, 129.3, 16.4, 74.2], "kind": ["actual"] * 4}
    )
    spec = charts.bars(data, label="k", value="v", kind=kind, unit="u", title="t").to_dict()
    # Each row's value label, as drawn: its text and its height on the chart.
    svg_text = vlc.vegalite_to_svg(spec)
    drawn = re.findall(
        r'aria-label="[^"]*k_lines: (\w)[^"]*"[^>]*translate\([\d.]+,([\d.]+)\)', svg_text
    )
    assert len(drawn) == 4, drawn
    assert [row for row, _ in sorted(drawn, key=lambda d: float(d[1]))] == ["a", "c", "b", "d"]
