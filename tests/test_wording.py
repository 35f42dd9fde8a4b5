import pandas as pd
import pytest

from reportbook import wording as n


@pytest.mark.parametrize(
    "period, kind, phrase",
    [
        ("2023-H1", "actual", "in the first half of 2023"),
        ("2023-Q1", "actual", "in the first quarter of 2023"),
        ("2023-07-31", "actual", "by the end of July 2023"),
        ("2023-12-31", "forecast", "by the end of 2023"),
        ("2024", "target", "for 2024"),
        ("2024", "actual", "in 2024"),
        (None, "plan", ""),
    ],
)
def test_period_phrase(period, kind, phrase):
    assert n.period_phrase(period, kind) == phrase


def _row(**kw):
    base = dict(
        figure_id="f-0123456789", value=5.0, value_high=None, unit="%", qualifier="ge",
        value_base=5.0, base_unit="percent", kind="target", period="2024", quote="增长5%以上",
    )  # fmt: skip
    base.update(kw)
    return pd.Series(base)


def test_wording_follows_kind():
    assert n.statement(_row(), link=False) == "is targeted at **at least 5%** for 2024"
    actual = _row(kind="actual", qualifier="eq", value=1.0, period="2023-H1")
    assert n.statement(actual, link=False) == "reached **1%** in the first half of 2023"
    fc = _row(kind="forecast", qualifier="eq", value=1000, unit="万千瓦", value_base=1e7,
              base_unit="kW", period="2023-12-31")  # fmt: skip
    assert n.statement(fc, link=False) == (
        "is expected to reach **1000万千瓦 (10 GW)** by the end of 2023"
    )


def test_gloss_is_exact_not_rounded():
    assert n.gloss(17137500, "kW") == "17.1375 GW"
    assert n.gloss(67650000000, "CNY") == "67.65 billion yuan"


def test_statement_links_to_the_source_sentence_and_escapes_it():
    html = n.statement(_row(quote='<img src=x onerror="x">'))
    assert 'href="sources.html#f-0123456789"' in html
    assert "<img" not in html


def test_range_display():
    r = _row(qualifier="range", value=4, value_high=5, unit="条", kind="actual", base_unit="count")
    assert n.qualified(r) == "between 4–5条"
