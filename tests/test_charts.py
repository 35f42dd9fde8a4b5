"""The charts package as its importers see it: one namespace, and the book's one script."""

import importlib

from reportbook import bundle, charts

# What other modules and the chapter notebooks call as ``charts.<name>``.
PUBLIC = [
    "Figure", "bars", "describe", "fmt", "grouped_bars", "house_theme", "prune_svg_cache",
    "series", "stacked_share", "target_vs_actual", "targets_table_chart", "timeline",
    "wrap_label", "LABEL_COLUMNS", "SVG_CACHE_ENV", "SVG_VERSION", "KIND_COLORS", "WIDTH",
]  # fmt: skip

# Each module imports only the modules below it: theme at the bottom.
LAYERS = ["theme", "labels", "svg", "figure", "builders"]


def test_importers_find_every_public_name_on_the_package():
    missing = [n for n in PUBLIC if not hasattr(charts, n)]
    assert not missing, missing
    assert set(PUBLIC) <= set(charts.__all__)


def test_dependencies_inside_the_package_point_one_way():
    for i, name in enumerate(LAYERS):
        module = importlib.import_module(f"reportbook.charts.{name}")
        src = open(module.__file__, encoding="utf-8").read()
        above = [m for m in LAYERS[i + 1 :] if f"reportbook.charts.{m}" in src]
        assert not above, f"charts.{name} imports {above}, which sit above it"


def test_bundle_snippet_embeds_every_chart_container():
    assert ".rb-chart[data-spec]" in bundle.SNIPPET
    assert "renderer: 'svg'" in bundle.SNIPPET
