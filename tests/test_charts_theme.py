import altair as alt

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
