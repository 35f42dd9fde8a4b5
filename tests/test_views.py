"""The views a chapter shows, in both editions."""

import pytest

from reportbook import addresses
from reportbook.paths import DEFAULT_ROOT


@pytest.fixture(autouse=True)
def _appendix_base():
    """A chapter of the Chinese edition points figure links at the shared appendix for the
    rest of its process (a kernel's); give the tests after this one the default back."""
    yield
    addresses.set_base("")


@pytest.mark.parametrize(("lang", "words"), [("en", "no period stated"), ("zh", "未注明时期")])
def test_a_key_figure_without_a_period_says_so_in_words(lang, words):
    """The overview's cards: a headline figure whose source states no period reads "no
    period stated", not a dash (which reads as "no value")."""
    from reportbook import narrative, views

    ch = narrative.Chapter.load(DEFAULT_ROOT / "data", "overview", lang=lang)
    gdp = ch.figures["indicator_id"] == "gdp"
    assert gdp.any()
    ch.figures.loc[gdp, "period"] = ""
    card = next(
        c
        for c in views.key_figures(ch).html.split('<div class="rb-keyfig">')
        if "economy.html" in c
    )
    meta = card.split('class="rb-kf-meta">')[1]
    assert f" · {words} · " in meta and "—" not in meta, meta
