"""Chinese wording: every statement the Chinese edition can glue is grammatical Chinese, for
every indicator of the vocabulary, in every kind, sign and qualifier — worded from the ledger's
printed figures and the registry's Chinese names, never from a translation of the English."""

import html
import re

import pytest

from reportbook import units
from reportbook import wording_zh as z
from reportbook.paths import DEFAULT_ROOT, project
from reportbook.registry import Registry
from tests.test_wording import KINDS, QS, SIGNS, _row
from tests.test_wording import _rows as english_rows

PLAIN = ("", "")  # no bold markers, so an expectation reads as the sentence


@pytest.fixture(scope="module")
def vocab():
    return Registry.of(project(DEFAULT_ROOT)).indicators


@pytest.mark.parametrize(
    "period, kind, stock, phrase",
    [
        ("2024", "actual", False, "2024年"),
        ("2024", "target", False, "2024年"),
        ("2025", "target", True, "到2025年"),
        ("2024", "plan", True, "2024年"),
        ("2024-H1", "actual", False, "2024年上半年"),
        ("2024-H2", "actual", False, "2024年下半年"),
        ("2024-Q1", "actual", False, "2024年一季度"),
        ("2024-Q3", "actual", False, "2024年三季度"),
        ("2024-01/2024-09", "actual", False, "2024年前三季度"),
        ("2024-01/2024-06", "actual", False, "2024年上半年"),
        ("2024-01/2024-07", "actual", False, "2024年1—7月"),
        ("2023-10/2024-03", "actual", False, "2023年10月—2024年3月"),
        ("2024-07", "actual", False, "2024年7月"),
        ("2021/2025", "actual", False, "“十四五”时期"),
        ("2026/2030", "target", False, "“十五五”时期"),
        ("2016/2020", "actual", False, "“十三五”时期"),
        ("2019/2023", "actual", False, "2019—2023年"),
        ("2023-07-31", "actual", True, "截至2023年7月底"),
        ("2023-07-15", "actual", True, "截至2023年7月15日"),
        ("2023-12-31", "forecast", True, "到2023年底"),
        ("2025-01-28/2025-02-04", "actual", False, "2025年1月28日—2月4日"),
        (None, "plan", False, ""),
        (float("nan"), "actual", False, ""),
    ],
)
def test_period_phrase_zh(period, kind, stock, phrase):
    assert z.period_phrase_zh(period, kind, stock) == phrase


def test_kind_and_date_words():
    assert [z.kind_word_zh(k) for k in ("actual", "target", "forecast", "plan")] == [
        "实际", "目标", "预计", "计划",
    ]  # fmt: skip
    assert z.date_words_zh("2024-12-01") == "2024年12月1日"
    assert z.date_words_zh("2024-04") == "2024年4月"
    assert z.date_words_zh("2024") == "2024年"
    assert z.date_words_zh("") == ""
    assert z.date_words_zh("not a date") == "not a date"


ACTUAL = dict(kind="actual", qualifier="eq")
LEVEL = dict(measure="level", unit="亿元", base_unit="CNY")
COUNT = dict(measure="count", unit="个", base_unit="count")
POINTS = dict(measure="change", unit="个百分点", base_unit="percentage_point")


@pytest.mark.parametrize(
    "row, expected",
    [
        # results: the verb carries the sign of a change
        (_row(**ACTUAL, value=5.2, period="2024"), "2024年增长5.2%"),
        (_row(**ACTUAL, value=-4.2, period="2023-Q1"), "2023年一季度下降4.2%"),
        (_row(**ACTUAL, value=0.0), "2024年持平（0%）"),
        (_row(**ACTUAL, value=676.5, period="2023-H1", **LEVEL), "2023年上半年达到676.5亿元"),
        (_row(**ACTUAL, value=58.2, measure="share"), "2024年为58.2%"),
        (_row(**ACTUAL, value=1.3, **POINTS), "2024年提高1.3个百分点"),
        (_row(**ACTUAL, value=-1.3, **POINTS), "2024年下降1.3个百分点"),
        (_row(**ACTUAL, value=14, period="2023-H1", **COUNT), "2023年上半年达到14个"),
        (_row(**ACTUAL, value=1713.75, unit="万千瓦", base_unit="kW", measure="level",
              period="2023-07-31"), "截至2023年7月底达到1713.75万千瓦"),
        (_row(kind="actual", qualifier="gt", value=0, unit=None, base_unit="count",
              measure="count", period="2023-H1", quote="实现了黄酒产业专精特新企业“零”的突破"),
         "2023年上半年实现“破零”"),
        (_row(kind="actual", qualifier="gt", value=0), "2024年实现正增长"),
        (_row(kind="actual", qualifier="ge", value=30, unit="家", base_unit="count",
              measure="count"), "2024年达到30家以上"),
        (_row(kind="actual", qualifier="approx", value=8, unit="项", base_unit="count",
              measure="count"), "2024年达到8项左右"),
        (_row(kind="actual", qualifier="le", value=5.5, measure="rate"), "2024年不超过5.5%"),
        (_row(kind="actual", qualifier="lt", value=3, measure="rate"), "2024年不到3%"),
        (_row(kind="actual", qualifier="gt", value=2000, unit="万千瓦", base_unit="kW",
              measure="level"), "2024年超过2000万千瓦"),
        (_row(kind="actual", qualifier="eq", value=3, unit="位", base_unit="rank",
              measure="rank"), "2024年为第3位"),
        (_row(kind="actual", qualifier="eq", value=102.3, unit="上年=100", base_unit="number",
              measure="index"), "2024年为102.3（上年=100）"),
        (_row(kind="actual", qualifier="approx", value=102, unit="上年=100", base_unit="number",
              measure="index"), "2024年为102左右（上年=100）"),
        # targets
        (_row(), "2024年目标为增长5%以上"),
        (_row(qualifier="approx", value=5.5), "2024年目标为增长5.5%左右"),
        (_row(qualifier="eq", value=-3), "2024年目标为下降3%"),
        (_row(qualifier="range", value=5, value_high=6), "2024年目标为增长5—6%"),
        (_row(qualifier="ge", value=500, period=None, **LEVEL), "力争达到500亿元以上"),
        (_row(qualifier="gt", value=2000, unit="万千瓦", base_unit="kW", measure="level"),
         "2024年力争超过2000万千瓦"),
        (_row(qualifier="le", value=5.5, measure="rate"), "2024年控制在5.5%以内"),
        (_row(qualifier="lt", value=3, measure="rate"), "2024年控制在3%以下"),
        (_row(qualifier="eq", value=60, measure="share"), "2024年目标为60%"),
        (_row(qualifier="gt", value=0, unit=None, base_unit="count", measure="count",
              quote="推动外贸空白县“破零”"), "2024年力争实现“破零”"),
        (_row(qualifier="eq", value=1, **POINTS), "2024年目标为提高1个百分点"),
        (_row(qualifier="le", value=3, unit="位", base_unit="rank", measure="rank"),
         "2024年力争进入前3位"),
        (_row(qualifier="approx", value=6, period="2021/2025", quote="年均增长6%左右",
              quote_start=0, char_start=4), "“十四五”时期目标为年均增长6%左右"),
        (_row(qualifier="eq", value=7, period="2019/2023", quote="年均增长7%",
              quote_start=0, char_start=4, kind="actual"), "2019—2023年年均增长7%"),
        # forecasts and plans
        (_row(kind="forecast", qualifier="eq", value=1000, unit="万千瓦", base_unit="kW",
              measure="level", period="2023-12-31"), "到2023年底预计达到1000万千瓦"),
        (_row(kind="forecast", qualifier="approx", value=5), "2024年预计增长5%左右"),
        (_row(kind="plan", qualifier="eq", value=63, **COUNT), "2024年计划为63个"),
        (_row(kind="plan", qualifier="range", value=4, value_high=5, unit="条",
              base_unit="count", measure="count"), "2024年计划为4—5条"),
        (_row(kind="plan", qualifier="eq", value=1309.1, **LEVEL), "2024年计划达到1309.1亿元"),
        (_row(kind="plan", qualifier="ge", value=1000, unit="万吨", base_unit="t",
              measure="level", period=None), "计划达到1000万吨以上"),
    ],
)  # fmt: skip
def test_the_verb_follows_kind_sign_and_measure(row, expected):
    assert z.predicate_zh(row, link=False, bold=PLAIN) == expected


def test_numbers_are_printed_values_not_base_values():
    r = _row(**ACTUAL, value=968.75, unit="万千瓦", base_unit="kW", value_base=9687500.0,
             measure="level")  # fmt: skip
    assert z.figure_zh(r) == "968.75万千瓦"
    assert "9687500" not in z.predicate_zh(r, link=False)


@pytest.mark.parametrize(
    "iid, row, expected",
    [
        ("gdp_growth", _row(**ACTUAL, value=5.2, indicator_id="gdp_growth"),
         "2024年，地区生产总值增长5.2%"),
        ("cpi_growth", _row(qualifier="approx", value=3, indicator_id="cpi_growth"),
         "2024年，居民消费价格目标为上涨3%左右"),
        ("energy_intensity_change",
         _row(qualifier="eq", value=-3.2, indicator_id="energy_intensity_change"),
         "2024年，单位地区生产总值能耗目标为下降3.2%"),
        ("tertiary_investment_growth_vs_province",
         _row(**ACTUAL, value=13.1, period="2023-H1", **POINTS,
              indicator_id="tertiary_investment_growth_vs_province"),
         "2023年上半年，第三产业投资增速高于全省13.1个百分点"),
        ("tertiary_investment_growth_vs_province",
         _row(**ACTUAL, value=-2, period="2023-H1", **POINTS,
              indicator_id="tertiary_investment_growth_vs_province"),
         "2023年上半年，第三产业投资增速低于全省2个百分点"),
        ("foreign_trade_counties",
         _row(qualifier="gt", value=0, unit=None, base_unit="count", measure="count",
              indicator_id="foreign_trade_counties"),
         "2024年，外贸空白县力争实现“破零”"),
        ("provincial_key_projects_annual_investment",
         _row(kind="plan", qualifier="eq", value=231.93, **LEVEL,
              indicator_id="provincial_key_projects_annual_investment"),
         "2024年，省级重点工程项目年度计划投资为231.93亿元"),
        ("power_capacity",
         _row(qualifier="gt", value=2000, unit="万千瓦", base_unit="kW", measure="level",
              indicator_id="power_capacity"),
         "到2024年，电力总装机力争超过2000万千瓦"),
    ],
)  # fmt: skip
def test_sentences_take_the_registrys_chinese_names(vocab, iid, row, expected):
    assert z.sentence_zh(row, vocab, link=False, bold=PLAIN) == expected


def test_a_growth_is_said_of_what_grows(vocab):
    assert z.subject_zh("gdp_growth", vocab) == "地区生产总值"
    assert z.subject_zh("cpi_growth", vocab) == "居民消费价格"
    assert z.subject_zh("gdp", vocab) == "地区生产总值"
    assert z.subject_zh("new_energy_capacity_share", vocab) == "新能源装机占比"


def test_links_like_the_english_and_escapes_the_quote():
    html = z.predicate_zh(_row(quote='<img src=x onerror="x">'))
    assert 'href="sources.html#f-0123456789"' in html
    assert "<img" not in html
    assert html == (
        '2024年目标为增长<strong><a class="rb-fig" href="sources.html#f-0123456789" '
        'title="&lt;img src=x onerror=&quot;x&quot;&gt;">5%</a></strong>以上'
    )
    low = z.predicate_zh(_row(kind_confidence="low"))
    assert "rb-inferred" in low
    assert z.INFERRED_ZH in low and "inferred" not in low.replace("rb-inferred", "")


def test_when_false_drops_the_period():
    assert z.predicate_zh(_row(), link=False, when=False, bold=PLAIN) == "目标为增长5%以上"


def test_figures_are_bold_in_html_not_markdown():
    """CommonMark leaves ``增长**5%**以上`` literal (a closing ``**`` after a punctuation mark
    needs a space or punctuation after it), so Chinese prose is bolded in HTML."""
    assert z.predicate_zh(_row(), link=False) == "2024年目标为增长<strong>5%</strong>以上"


# ------------------------------------------------------------- grammar over the vocabulary

STRONG = re.compile(r"<strong>(.+?)</strong>")
LATIN = re.compile(r"[A-Za-z]")
YEAR = r"(?:19|20)\d\d年"
PERIOD_FORMS = re.compile(
    rf"^(?:{YEAR}(?:上半年|下半年|[一二三四]季度|前三季度|\d{{1,2}}—\d{{1,2}}月|\d{{1,2}}月)?"
    rf"|(?:截至|到){YEAR}(?:\d{{1,2}}月)?(?:底|\d{{1,2}}日)"
    rf"|到{YEAR}"
    r"|“[一二三四五六七八九十]+五”时期"
    r"|(?:19|20)\d\d—(?:19|20)\d\d年)$"
)
QUALIFIERS_AFTER = ("以上", "左右", "以内", "以下")
QUALIFIERS_BEFORE = ("超过", "不超过", "不到")
VERBS = re.compile(
    r"^(?:目标为|(?:力争|预计|计划)?(?:年均)?"
    r"(?:增长|下降|上涨|提高|持平|与.+持平|高于.+|低于.+|达到|为|实现|控制在|进入|不超过|不到|超过))"
)
GROWTH_WORDS = ("增长", "增速", "涨幅", "增幅", "下降", "降低率")


def _rows(ind):
    """The English grammar test's rows (every kind × sign × qualifier), then the period
    forms Chinese writes in words of its own."""
    yield from english_rows(ind)
    unit = ind.unit or ""
    ub = ("rank", 1.0) if ind.measure == "rank" else (units.unit_base(unit) or ("", 1.0))
    for period, kind in (("2021/2025", "target"), ("2019/2023", "actual"),
                         ("2023-07-31", "actual"), ("2023-12-31", "forecast"),
                         ("2024-01/2024-09", "actual"), ("2024-01/2024-07", "actual")):  # fmt: skip
        yield dict(
            figure_id="f-0000000000", indicator_id=ind.id, value=6.0, value_high=None,
            unit=unit, value_base=6.0 * ub[1], base_unit=ub[0], qualifier="approx", kind=kind,
            quote="年均增长6%左右", quote_start=0, char_start=4, measure=ind.measure,
            period=period,
        )  # fmt: skip


def _problems(ind, row, subject, pred, when, sentence):
    """The rules a Chinese statement is held to; each broken rule by name."""
    problems = []
    unit = ind.unit or ""
    figures = STRONG.findall(pred)
    rest = STRONG.sub("", pred)
    if len(figures) != 1:
        problems.append("not exactly one figure")
    # Latin letters only where the registry's name or the printed unit has them (R&D, GW)
    prose = (
        sentence.replace(subject, "").replace(unit, "") if unit else sentence.replace(subject, "")
    )
    if LATIN.search(re.sub(r"</?strong>", "", prose)):
        problems.append("Latin letters (an English word) in the prose")
    for bad in ("None", "nan", "NaN", "undefined", "（）", "，，"):
        if bad in sentence:
            problems.append(f"empty or missing value: {bad}")
    for q in QUALIFIERS_AFTER + ("超过",):
        if sentence.count(q) > 1 + subject.count(q):
            problems.append(f"doubled {q}")
    if (
        sum(rest.count(q) for q in QUALIFIERS_AFTER) + sum(rest.count(q) for q in ("超过", "不到"))
        > 1
    ):
        problems.append("two qualifiers")
    if unit and not (row["qualifier"] == "gt" and row["value"] == 0):
        # once, as printed: 12.5—14.5亿元, never 12.5亿元—14.5亿元 (an index's basis, 上年=100,
        # follows its qualifier: 102左右（上年=100）)
        if sentence.count(unit) - subject.count(unit) != 1:
            problems.append(f"unit {unit} not exactly once")
        elif unit != "上年=100" and unit not in "".join(figures):
            problems.append(f"unit {unit} outside the figure")
    for doubled in ("增长增长", "增速增长", "增速下降", "增长下降", "涨幅上涨", "下降下降"):
        if doubled in sentence:
            problems.append(f"doubled growth word: {doubled}")
    if re.search(r"(?:下降|低于[^0-9<]*)(?:<[^>]+>)*-", sentence) or "下降不超过-" in sentence:
        problems.append("a negative sign after 下降")
    if ind.measure in ("growth", "change") and "-" in "".join(figures):
        problems.append("sign in the figure of a rate of change")
    if ind.measure == "growth" and subject.endswith(GROWTH_WORDS):
        problems.append("a growth rate said of its own rate (…增速增长)")
    if ind.measure in ("growth",) and row["kind"] == "actual" and row["value"] < 0:
        if "下降" not in pred:
            problems.append("a fall not said as one")
    for word in ("目标为", "力争", "预计", "计划"):
        if sentence.count(word) > 1:
            problems.append(f"doubled {word}")
    if row["kind"] == "actual" and re.search(r"目标|力争|预计|计划", pred):
        if not any(w in subject for w in ("目标", "计划", "预计")):
            problems.append("a result said as a goal")
    if row["kind"] != "actual" and not (
        re.search(r"目标为|力争|预计|计划|控制在", pred)
        or any(z.KIND_WORDS_ZH[row["kind"]] in subject for _ in (0,))
    ):
        problems.append("a goal said as a result")
    if when and not PERIOD_FORMS.match(when):
        problems.append(f"period phrase not in a valid form: {when}")
    if not VERBS.match(STRONG.sub("X", pred)[len(when) :]):
        problems.append("no verb")
    if re.search(r"\d{4}-(?:H\d|Q\d|\d\d)|\d{4}/\d{4}", sentence):
        problems.append("raw period")
    if " " in sentence:
        problems.append("a space in Chinese prose")
    return problems


def test_every_statement_of_every_indicator_is_grammatical(vocab, capsys):
    """Every indicator × kind × sign × qualifier, and every period form: the rules of
    ``_problems`` hold for each statement."""
    bad, checked = [], 0
    for ind in vocab.indicators:
        for row in _rows(ind):
            subject = z.subject_zh(ind.id, vocab, row)
            assert subject and "None" not in subject, ind.id
            pred = z.say_zh(row, vocab, link=False)
            when = z.period_phrase_zh(row["period"], row["kind"], ind.stock)
            sentence = z.sentence_zh(row, vocab, link=False)
            said = html.escape(subject)  # the registry's name reaches HTML escaped (R&amp;D)
            assert sentence == (f"{when}，{said}" if when else said) + pred[len(when) :]
            sentence = html.unescape(sentence)
            checked += 1
            problems = _problems(ind, row, subject, pred, when, sentence)
            if problems:
                bad.append((ind.id, row["kind"], row["value"], row["qualifier"], sentence,
                            problems))  # fmt: skip
    with capsys.disabled():
        print(f"\n{checked} Chinese statements checked")
    assert checked == len(vocab.indicators) * (len(KINDS) * (len(SIGNS) * len(QS) - 2) + 6)
    assert not bad, "\n".join(map(str, bad[:20])) + f"\n… {len(bad)} in all"


def test_the_grammar_rules_catch_what_they_name(vocab):
    """The rules are not vacuous: a hand-broken statement trips each of them."""
    ind = vocab.by_id["gdp_growth"]
    row = next(_rows(ind))
    good = "2023年上半年增长<strong>12.5%</strong>"
    assert _problems(ind, row, "地区生产总值", good, "2023年上半年",
                     "2023年上半年，地区生产总值增长<strong>12.5%</strong>") == []  # fmt: skip
    for broken, rule in [
        ("2023年上半年增长<strong>12.5%</strong>以上以上", "doubled 以上"),
        ("2023年上半年grew<strong>12.5%</strong>", "Latin letters"),
        ("2023年上半年下降<strong>-12.5%</strong>", "a negative sign after 下降"),
        ("2023年上半年增长<strong>12.5%%</strong>", "unit % not exactly once"),
        ("2023年上半年增长<strong>None</strong>", "empty or missing value"),
    ]:
        sentence = "2023年上半年，地区生产总值" + broken[len("2023年上半年") :]
        found = _problems(ind, row, "地区生产总值", broken, "2023年上半年", sentence)
        assert any(p.startswith(rule) for p in found), (broken, found)
    found = _problems(ind, row, "地区生产总值增速", good, "2023H1", "x")
    assert "a growth rate said of its own rate (…增速增长)" in found
    assert any(p.startswith("period phrase") for p in found)
