from tests.test_charts_figure import figure_with_hostile_text as _figure


def test_text_alternative_names_largest_and_smallest():
    text = _figure().alt_text
    assert "Largest: <script>alert(1)</script>, 968.75" in text
    assert "Smallest: 火电装机, 745" in text
