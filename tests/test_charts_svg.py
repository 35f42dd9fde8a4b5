import os
import re

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
