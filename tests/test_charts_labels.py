from reportbook import charts


def test_fmt_never_shows_float_noise():
    assert charts.fmt(0.1 + 0.2) == "0.3"
    assert charts.fmt(1713.75) == "1713.75"
    assert charts.fmt(-4.2) == "-4.2"
    assert charts.fmt(2000.0) == "2000"


def test_wrap_label_keeps_every_label_whole_and_distinct():
    long = "Total investment in the provincial key projects of the city for the year 2023 and on"
    lines = charts.wrap_label(long).split("\n")
    assert len(lines) > 1 and " ".join(lines) == long  # whole: nothing cut, nothing added
    assert all(len(line) <= charts.LABEL_COLUMNS for line in lines)
    assert charts.wrap_label(long) != charts.wrap_label(long.replace("2023", "2024"))
    zh = "规模以上工业增加值增长率以及其他很长很长的中文标签文字"
    zh_lines = charts.wrap_label(zh).split("\n")
    assert "".join(zh_lines) == zh and all(len(x) * 2 <= charts.LABEL_COLUMNS for x in zh_lines)
    assert charts.wrap_label("GDP") == "GDP"
    assert charts.wrap_label(float("nan")) == "" and charts.wrap_label(None) == ""
