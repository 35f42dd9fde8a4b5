"""Periods: every ledger form parsed, compared and phrased; Chinese period words resolved."""

from __future__ import annotations

from reportbook import periods


def test_period_resolution():
    def p(s, year=2023):
        cues = periods.find_cues(s, year)
        return cues[0].period if cues else None

    assert p("上半年") == "2023-H1"
    assert p("一季度") == "2023-Q1"
    assert p("截至7月底") == "2023-07-31"
    assert p("截至2月底", 2024) == "2024-02-29"  # leap year
    assert p("到年底") == "2023-12-31"
    assert p("今年", 2024) == "2024"
    assert p("去年年底", 2024) == "2023-12-31"
    assert p("2022年上半年") == "2022-H1"
    assert p("前三季度") == "2023-01/2023-09"
    assert p("比上年增长") is None
    assert periods.find_cues("8月18日", 2023) == []
    # the year a label of a table or an infobox is of, in brackets; not a document's number
    assert p("国内生产总值(2022)¥1,500.60亿") == "2022"
    assert p("• 市区(2015)55.97万人") == "2015"
    assert p("依据晋政发(2015)12号文件") is None
    # 今年截至9月底 after a paragraph on 2014: this year's end of September
    assert [c.period for c in periods.find_cues("今年截至9月底，山西", 2014, 2020)] == [
        "2020-09-30"
    ]


# ---------------------------------------------------------------------- ledger forms

import datetime as dt  # noqa: E402

import pytest  # noqa: E402

EVERY_FORM = [
    # text, start, end, grain, phrase for an actual, label
    ("2024", "2024-01-01", "2024-12-31", "year", "in 2024", "2024"),
    ("2023-H1", "2023-01-01", "2023-06-30", "half", "in the first half of 2023", "H1 2023"),
    ("2023-H2", "2023-07-01", "2023-12-31", "half", "in the second half of 2023", "H2 2023"),
    ("2023-Q1", "2023-01-01", "2023-03-31", "quarter", "in the first quarter of 2023", "Q1 2023"),
    ("2024-Q3", "2024-07-01", "2024-09-30", "quarter", "in the third quarter of 2024", "Q3 2024"),
    ("2023-07", "2023-07-01", "2023-07-31", "month", "in July 2023", "Jul 2023"),
    ("2023-07-31", "2023-07-31", "2023-07-31", "day", "by the end of July 2023", "31 Jul 2023"),
    ("2023-12-31", "2023-12-31", "2023-12-31", "day", "by the end of 2023", "31 Dec 2023"),
    ("2024-03-15", "2024-03-15", "2024-03-15", "day", "by 15 March 2024", "15 Mar 2024"),
    ("2024-01/2024-09", "2024-01-01", "2024-09-30", "months",
     "in the first three quarters of 2024", "Jan–Sep 2024"),
    ("2024-01/2024-07", "2024-01-01", "2024-07-31", "months",
     "in the first seven months of 2024", "Jan–Jul 2024"),
    ("2024-01/2024-06", "2024-01-01", "2024-06-30", "months",
     "in the first half of 2024", "Jan–Jun 2024"),
    ("2024-04/2024-06", "2024-04-01", "2024-06-30", "months", "in April–June 2024", "Apr–Jun 2024"),
    ("2021/2025", "2021-01-01", "2025-12-31", "years", "over 2021–2025", "2021–2025"),
    ("2025-01-28/2025-02-04", "2025-01-28", "2025-02-04", "days",
     "from 28 January 2025 to 4 February 2025", "28 Jan 2025–4 Feb 2025"),
]  # fmt: skip


@pytest.mark.parametrize("text, start, end, grain, phrase, label", EVERY_FORM)
def test_every_ledger_form_parses_and_reads(text, start, end, grain, phrase, label):
    p = periods.parse(text)
    assert (p.start.isoformat(), p.end.isoformat(), p.grain) == (start, end, grain)
    assert p.text == text and str(p) == text
    assert p.phrase("actual") == phrase
    assert p.label() == label
    assert p.date == end  # where it sits on a time axis


def test_targets_and_stocks_are_phrased_for_their_kind():
    assert periods.parse("2024").phrase("target") == "for 2024"
    assert periods.parse("2024").phrase("forecast") == "in 2024"
    assert periods.parse("2023-12-31").phrase("target") == "by the end of 2023"
    assert periods.parse("2023-07-31").phrase("forecast") == "by the end of July 2023"
    assert periods.parse("2021/2025").phrase("target") == "over 2021–2025"


@pytest.mark.parametrize(
    "bad",
    ["", "24", "2024年", "2024-13", "2024-02-30", "2023-02-29", "2024-H3", "2024-Q5",
     "2025/2021", "2024-09/2024-01", "2024-01/2024-01", "abc\n", "2024\n", " 2024-1"],
)  # fmt: skip
def test_not_a_period(bad):
    assert periods.try_parse(bad) is None
    with pytest.raises(periods.PeriodError, match="period|day that does not exist|end after"):
        periods.parse(bad)


def test_leap_day_exists_only_in_leap_years():
    assert periods.parse("2024-02-29").end == dt.date(2024, 2, 29)
    assert periods.parse("2024-02").end == dt.date(2024, 2, 29)
    assert periods.parse("2023-02").end == dt.date(2023, 2, 28)


def test_two_spellings_of_one_stretch_are_one_period():
    assert periods.parse("2024-H1").key == periods.parse("2024-01/2024-06").key
    assert periods.parse("2024-Q1").key == periods.parse("2024-01/2024-03").key
    assert periods.parse("2024").key != periods.parse("2024-12-31").key  # a year is not a day


def test_properties():
    p = periods.parse("2024-01/2024-09")
    assert p.year == 2024 and p.is_cumulative and not p.is_point and not p.is_multi_year
    assert periods.parse("2021/2025").year is None and periods.parse("2021/2025").years == 5
    assert periods.parse("2023-07-31").is_point
    assert periods.parse("2024").contains(periods.parse("2024-Q3"))
    assert not periods.parse("2024-Q3").contains(periods.parse("2024"))
    order = sorted(["2024", "2024-01/2024-09", "2023-07-31", "2024-H1"],
                   key=lambda t: periods.parse(t).sort_key)  # fmt: skip
    assert order == ["2023-07-31", "2024-H1", "2024-01/2024-09", "2024"]


# ---------------------------------------------------------------------- which result judges


def J(result, target, stock=False):
    return periods.judgement(periods.parse(result), periods.parse(target), stock)


def test_an_annual_target_is_settled_only_by_the_whole_year():
    assert J("2024", "2024") == "settles"
    assert J("2024-01/2024-12", "2024") == "settles"  # the same stretch, spelled as months
    assert J("2024-H1", "2024") == "progress"
    assert J("2024-01/2024-09", "2024") == "progress"
    assert J("2024-Q3", "2024") is None  # a quarter alone is not part of the year to date
    assert J("2023-Q1", "2024") is None  # another year: never
    assert J("2023", "2024") is None


def test_a_stock_target_is_settled_by_a_stock_at_its_date_or_later():
    assert J("2024-12-31", "2024", stock=True) == "settles"
    assert J("2025-03-31", "2024-12-31", stock=True) == "settles"
    assert J("2024-09-30", "2024", stock=True) == "progress"
    assert J("2023-07-31", "2024", stock=True) is None  # before the target's year began
    assert J("2023-07-31", "2023-12-31", stock=True) == "progress"


def test_a_multi_year_target_needs_the_same_span():
    assert J("2021/2025", "2021/2025") == "settles"
    assert J("2025", "2021/2025") is None
    assert J("2021/2023", "2021/2025") == "progress"  # three of the five years


# ---------------------------------------------------------------------- Chinese text


@pytest.mark.parametrize(
    "text, year, period",
    [
        ("“十四五”时期", 2025, "2021/2025"),
        ("十四五以来", 2024, "2021/2024"),  # since the plan began: up to the frame's year
        ("“十四五”以来", 2026, "2021/2025"),
        ("十三五末", 2021, "2020"),
        ("1—7月", 2024, "2024-01/2024-07"),
        ("1-2月", 2024, "2024-01/2024-02"),
        ("一至十一月", 2024, "2024-01/2024-11"),
        ("1—12月", 2024, "2024"),
        ("2024年前三季度", 2025, "2024-01/2024-09"),
        ("截至2024年9月30日", 2025, "2024-09-30"),
        ("截至3月31日", 2023, "2023-03-31"),
        ("去年", 2025, "2024"),
        ("明年", 2024, "2025"),
        ("2025年底", 2023, "2025-12-31"),
        ("十二月底", 2023, "2023-12-31"),
        ("前5个月", 2024, "2024-01/2024-05"),
        ("前8月", 2021, "2021-01/2021-08"),
        ("前两个月", 2021, "2021-01/2021-02"),
        ("2023年前十个月", 2024, "2023-01/2023-10"),
        ("一至三季度", 2024, "2024-01/2024-09"),
        ("4—6月", 2024, "2024-04/2024-06"),
        ("4月份至6月份", 2024, "2024-04/2024-06"),
        ("2023年10月至2024年3月", 2024, "2023-10/2024-03"),
        ("2月10日至17日", 2024, "2024-02-10/2024-02-17"),
        ("1月21日—2月4日", 2024, "2024-01-21/2024-02-04"),
        ("2016—2020年", 2021, "2016/2020"),
        ("2021年至2023年", 2024, "2021/2023"),
        ("2019年至今", 2024, "2019/2024"),
        ("6月份当月", 2024, "2024-06"),
        ("年初以来", 2024, "2024"),
        ("一季度末", 2024, "2024-03-31"),
        ("截至三季度末", 2024, "2024-09-30"),
        ("截至2019年12月，已并网", 2020, "2019-12-31"),
        ("截至6月份，全市", 2024, "2024-06-30"),
        ("截至9月15日", 2024, "2024-09-15"),
        ("今天", 2024, "2024"),
        ("从2016年开始，兴县累计", 2019, "2016/2019"),
        ("自2018年起，全市", 2020, "2018/2020"),
        ("2020、2021两年平均增速", 2022, "2020/2021"),
        ("2020年、2021年和2022年增速连续三年", 2023, "2020/2022"),
    ],
)
def test_chinese_period_words(text, year, period):
    cues = periods.find_cues(text, year)
    assert cues and cues[0].period == period, cues


def test_deictic_words_resolve_against_the_writing_year_others_against_the_frame():
    """A work report written in 2025 reviews 2024: 全年 is 2024 there, 今年 is 2025."""

    def p(text):
        return [c.period for c in periods.find_cues(text, 2024, now=2025)]

    assert p("全年地区生产总值增长5%") == ["2024"]
    assert p("今年地区生产总值增长5%左右") == ["2025"]
    assert p("去年年底") == ["2024-12-31"]
    assert p("到年底") == ["2024-12-31"]
    assert p("今年年底") == ["2025-12-31"]
    assert p("上半年") == ["2024-H1"]
    assert p("过去五年") == ["2020/2024"]
    assert p("近五年") == ["2020/2024"]
    assert p("2021年以来") == ["2021/2024"]
    assert p("五年来") == ["2020/2024"]


def test_a_deictic_year_dates_the_part_of_it_that_follows():
    def p(s, year=2023, now=2024):
        return [(c.period, c.what) for c in periods.find_cues(s, year, now)]

    # the document reports on 2023 (year) but was written in 2024 (now): 今年 names 2024
    assert p("今年前三季度，该市") == [("2024-01/2024-09", "q3")]
    assert p("去年上半年") == [("2023-H1", "half")]
    assert p("今年1-7月") == [("2024-01/2024-07", "months")]
    assert p("截至今年6月底") == [("2024-06-30", "month_end")]
    assert p("上半年") == [("2023-H1", "half")]  # undated parts still belong to the frame


def test_the_first_years_of_a_plan_period():
    def p(s, year=2025):
        return [c.period for c in periods.find_cues(s, year)]

    assert p("“十四五”前四年地区生产总值年均增长6.6%") == ["2021/2024"]
    assert p("“十四五”时期前三年累计完成投资") == ["2021/2023"]
    # with no plan named, 前N年 before an average is the current plan period's first years
    assert p("前四年年均增长3.6%") == ["2021/2024"]
    assert p("以前三年") == [] and p("前三年，") == []  # not an average over the years


def test_since_a_year_within_that_year_is_not_a_span():
    cue = periods.find_cues("2021年以来，全省", 2021)[0]
    assert cue.period == "2021" and not cue.is_span
    assert periods.find_cues("2021年以来，全省", 2024)[0].is_span


def test_a_feature_whose_first_named_time_is_a_span_of_months_is_read():
    """A feature that names no time in its opening and then a cumulative span of months
    (2022年1—9月): the frame reads the span's year (a string slice of the period once read
    '2-09' as a year and stopped extraction of the whole corpus)."""
    from reportbook import frames

    opening = "忻州地处山西北部，" + "山川秀美，物产丰富，" * 30
    text = opening + "\n2022年1—9月，全县完成投资12亿元。"
    frame = frames.read(text, 2024, "忻州风物", "Xinzhou")
    assert frame.lead_dated is False  # names only the past: undated description until then


@pytest.mark.parametrize(
    "text, expected",
    [
        ("7月份，全市社会消费品零售总额同比增长2.1%", ["2024-07"]),
        ("规上工业6月当月增速回升", ["2024-06"]),
        ("2023年11月，全省", ["2023-11"]),
        ("今年5月，全市", ["2024-05"]),
        ("1-7月份，全市", ["2024-01/2024-07"]),  # the months up to it, not the month alone
        ("5月12日召开", []),  # a day
        ("比6月份回落0.4个百分点", []),  # the base compared with
        ("冬季最冷的1月平均气温零下9度", []),  # a month in general, no time
        ("一月至六月", ["2024-01/2024-06"]),  # a span written out: not the first month alone
    ],
)
def test_one_month_alone_said_as_a_time(text, expected):
    assert [c.period for c in periods.find_cues(text, 2024)] == expected


def test_a_plan_period_compared_with_is_not_the_figures_time():
    """较“十三五”时期增长7%: the figure is of the period after it, not of 2016/2020."""
    assert periods.find_cues("较“十三五”时期增长7%", 2025) == []
    assert [c.period for c in periods.find_cues("“十三五”时期增长7%", 2025)] == ["2016/2020"]


def test_the_cheap_first_tests_pass_every_kind_of_cue():
    """_CUE opens with two lookaheads (the first character, then the first two, that a cue can
    open with): they only make the scan faster, so every kind of cue is found as without them."""
    import re

    text = (
        "2024年上半年，下半年，前三季度，一季度，第四季度，1—9月，一至八月，截至6月30日，"
        "截止2024年3月底，12月底，十二月末，8月份，去年底，上年末，2023年底，今年年底，年末，"
        "“十四五”时期，十三五以来，“十五五”规划期，九五时期，前四年年均，过去五年，过去的10年，"
        "近三年，两年来，十年来，2021年以来，截至目前，目前，当前，现已，如今，今年，本年度，全年，"
        "年度，去年，上年，明年，2025年，前5个月，4—6月，2月10日至17日，2016—2020年，2019年至今，"
        "年初以来，6月份当月，一季度末，2020、2021两年"
    )
    pattern = periods._CUE.pattern
    plain = re.compile(pattern[pattern.index("(?<![比较])") :])
    found = [m.span() for m in periods._CUE.finditer(text)]
    assert found == [m.span() for m in plain.finditer(text)]
    assert len(found) >= 49


def test_days_of_the_lunar_new_year_and_the_holidays_of_more_years():
    def p(s, year):
        return [c.period for c in periods.find_cues(s, year)]

    assert p("从除夕到初五，", 2025) == ["2025-01-28/2025-02-02"]  # 除夕 is the day before 初一
    assert p("大年初一至初六，", 2024) == ["2024-02-10/2024-02-15"]
    assert p("从除夕到初五，", 2035) == []  # a year the table does not hold: no guess
    from reportbook import frames

    assert frames.holiday("春节", 2026) == "2026-02-15/2026-02-23"
    assert frames.holiday("国庆", 2019) == "2019-10-01/2019-10-07"
    # back to 2010 (reports of 2015's 国庆黄金周 are in the corpus)
    assert frames.holiday("国庆", 2015) == "2015-10-01/2015-10-07"
    assert frames.holiday("中秋", 2012) == frames.holiday("国庆", 2012) == "2012-09-30/2012-10-07"
    assert frames.holiday("元旦", 2014) == "2014-01-01"
    assert p("从除夕到初五，", 2015) == ["2015-02-18/2015-02-23"]
    assert all(y in frames.HOLIDAYS and y in periods.LUNAR_NEW_YEAR for y in range(2010, 2027))


def test_years_listed_each_stay_their_own():
    """2020年、2021年GDP分别为…: each figure its year; only a list the text sums (两年, 平均,
    连续三年) is one span."""
    cues = periods.find_cues("2020年、2021年GDP分别为100亿元、120亿元", 2022)
    assert [c.period for c in cues] == ["2020", "2021"]


def test_the_year_so_far_said_from_its_start_to_now():
    """2024年初至今 in a text of 1 November is January to October (the months reported so far);
    with no day known, it is the year."""
    assert [c.period for c in periods.find_cues("2024年初至今，", 2024, 2024, "2024-11-01")] == [
        "2024-01/2024-10"
    ]
    assert [c.period for c in periods.find_cues("年初至今，", 2024, 2024, "2024-02-10")] == [
        "2024-01"
    ]
    assert [c.period for c in periods.find_cues("2024年初至今，", 2024, 2024)] == ["2024"]


def test_a_places_nature_has_no_time():
    """海拔2101米, 无霜期平均167.1天, 年平均降水量为462.5毫米, 东西55千米 and 县境1987平方公里
    state what has no time; a year's rainfall (全年降水量) or a month's temperature has one."""
    for clause, unit in [("柳林尖山，海拔", "米"), ("无霜期平均", "天"), ("年平均降水量为", "毫米"),
                         ("东西", "千米"), ("县境", "平方公里")]:  # fmt: skip
        assert periods.timeless(clause, unit), clause
    for clause, unit in [("全年降水量", "毫米"), ("7月平均气温", "℃"), ("粮食产量", "吨")]:
        assert not periods.timeless(clause, unit), clause


def test_a_year_and_its_end_printed_apart_are_one_day():
    """截至2020年年底 (in a plan of 2023) is 2020-12-31, not the year and then 2023's end."""
    from reportbook.periods import find_cues

    assert [c.period for c in find_cues("截至2020年年底，全省", 2023, 2023)] == ["2020-12-31"]


def test_up_to_a_year_is_its_last_day():
    """截至2021年，常住人口13.6万人: a stock at the end of 2021; 截至2019年6月 and 截至2020年年底
    keep their own days, and 截至2018年以来 is no year's end."""
    cases = {
        "截至2021年，常住人口13.6万人": "2021-12-31",
        "截止2022年全市": "2022-12-31",
        "截至2019年6月，": "2019-06-30",
        "截至2020年年底，": "2020-12-31",
        "2021年，常住人口13.6万人": "2021",
    }
    for text, period in cases.items():
        assert [c.period for c in periods.find_cues(text, 2023, 2023)] == [period], text
    assert "2018-12-31" not in [c.period for c in periods.find_cues("截至2018年以来", 2023)]


def test_years_told_as_a_stretch_are_the_years_up_to_the_text():
    """十年间 and 五年间 are as 十年来 and 五年来 (the years up to the one reported on);
    1990年至2000年的十年间 is the years just named."""
    assert [c.period for c in periods.find_cues("五年间，180个", 2025, 2026)] == ["2021/2025"]
    assert [c.period for c in periods.find_cues("十年间，山西", 2022)] == ["2013/2022"]
    cues = periods.find_cues("1990年至2000年的十年间，定襄县", 2022)
    assert [c.period for c in cues] == ["1990/2000"]


def test_a_distance_and_a_hills_height_have_no_time():
    """距山西长治市50公里, 离河南林州35公里, 平均山高1600米, 主峡谷长26公里 state where a place lies
    and what it is; a road built (新建公路距离延长50公里) or a distance in time is not one."""
    for clause, unit in [("通天峡距山西长治市", "公里"), ("离河南林州", "公里"), ("平均山高", "米"),
                         ("主峡谷长", "公里"), ("距定襄县城约", "千米")]:  # fmt: skip
        assert periods.timeless(clause, unit), clause
    for clause, unit in [("距离目标还差", "亿元"), ("新建农村公路", "公里"), ("距今", "年")]:
        assert not periods.timeless(clause, unit), clause
