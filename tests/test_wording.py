"""Wording: every statement the book can glue is grammatical English, for every indicator
of the vocabulary, in every kind, sign and qualifier — not only for the seeds' figures."""

import itertools
import re

import pandas as pd
import pytest

from reportbook import units
from reportbook import wording as n
from reportbook.paths import DEFAULT_ROOT, project
from reportbook.registry import Registry


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
        measure="growth", indicator_id="",
    )  # fmt: skip
    base.update(kw)
    return pd.Series(base)


@pytest.mark.parametrize(
    "row, plural, expected",
    [
        (_row(), False, "is targeted to grow by at least **5%** for 2024"),
        (_row(kind="actual", qualifier="eq", value=1.0, value_base=1.0, period="2023-H1"),
         False, "grew by **1%** in the first half of 2023"),
        (_row(kind="actual", qualifier="eq", value=-4.2, value_base=-4.2, period="2023-Q1"),
         False, "fell by **4.2%** in the first quarter of 2023"),
        (_row(kind="forecast", qualifier="eq", value=1000, unit="万千瓦", value_base=1e7,
              base_unit="kW", period="2023-12-31", measure="level"),
         False, "is expected to reach **1000万千瓦 (10 GW)** by the end of 2023"),
        (_row(kind="actual", qualifier="eq", value=14, unit="个", value_base=14,
              base_unit="count", measure="count"), True, "numbered **14** in 2024"),
        (_row(kind="plan", qualifier="eq", value=63, unit="个", value_base=63,
              base_unit="count", measure="count"), True, "are planned to number **63** for 2024"),
        (_row(kind="target", qualifier="le", value=5.5, value_base=5.5, measure="rate"),
         False, "is to be kept at or below **5.5%** for 2024"),
        (_row(kind="actual", qualifier="eq", value=13.1, unit="个百分点", value_base=13.1,
              base_unit="percentage_point", measure="change"),
         False, "rose by **13.1 percentage points** in 2024"),
        (_row(kind="target", qualifier="gt", value=0, unit="个", value_base=0,
              base_unit="count", measure="count", quote="推动外贸空白县“破零”"),
         True, "are targeted to break zero (**破零**, a first) for 2024"),
        (_row(kind="actual", qualifier="eq", value=3, unit="位", value_base=3,
              base_unit="rank", measure="rank"), False, "ranked **3rd** in 2024"),
        (_row(kind="target", qualifier="approx", value=6, value_base=6, period="2021/2025",
              quote="年均增长6%左右", quote_start=0, char_start=4),
         False, "is targeted to grow by about **6%** a year on average over 2021–2025"),
    ],
)  # fmt: skip
def test_the_verb_follows_kind_sign_and_measure(row, plural, expected):
    assert n.predicate(row, plural, link=False) == expected


def test_glosses_are_rounded_to_three_significant_figures():
    assert n.gloss(17137500, "kW") == "17.1 GW"
    assert n.gloss(67650000000, "CNY") == "67.7 billion yuan"
    assert n.gloss(130910000000, "CNY") == "131 billion yuan"
    assert n.gloss(2000, "CNY") == "2 thousand yuan" or n.gloss(2000, "CNY") == "2000 yuan"
    assert n.gloss(532, "person") == "532 people"  # below a thousand: as it is


def test_english_says_counts_points_and_plain_units_in_english():
    assert n.english(_row(value=14, unit="个", value_base=14, base_unit="count")) == "14"
    assert n.english(_row(value=30.5, unit="万户", value_base=305000, base_unit="count")) == (
        "30.5万 (305 thousand)"
    )
    assert n.english(_row(value=1, unit="个百分点", value_base=1,
                          base_unit="percentage_point")) == "1 percentage point"  # fmt: skip
    assert n.english(_row(value=1500, unit="吨", value_base=1500, base_unit="t")) == "1500 tonnes"
    assert n.english(_row(value=2000, unit="元", value_base=2000, base_unit="CNY")) == "2000 yuan"
    assert n.english(_row(value=6, unit="成", value_base=60, base_unit="percent")) == "60%"


def test_statement_links_to_the_source_sentence_and_escapes_it():
    html = n.statement(_row(quote='<img src=x onerror="x">'))
    assert 'href="sources.html#f-0123456789"' in html
    assert "<img" not in html


def test_range_display():
    r = _row(qualifier="range", value=4, value_high=5, unit="条", kind="actual",
             base_unit="count", value_base=4)  # fmt: skip
    assert n.qualified(r) == "4–5条"  # a plain count needs no gloss
    assert n.english(r) == "4–5"


def test_qualifier_signs_for_charts():
    assert n.qualified(_row(), sign=True) == "≥ 5%"


@pytest.mark.parametrize(
    "name, plural",
    [
        ("Participants in basic pension insurance", True),
        ("Number of civil motor vehicles", False),
        ("Hogs slaughtered", True),
        ("Gross domestic product", False),
        ("Total retail sales of consumer goods", True),
        ("Newly started projects of 100 million yuan and above", True),
        ("Licensed (assistant) doctors", True),
        ("Express delivery volume", False),
        ("Specialized, refined, distinctive and innovative SMEs", True),
        ("Research and development expenditure", False),
        ("Xinzhou's share of Shanxi's hydropower capacity", False),
    ],
)
def test_plural_follows_the_head_noun(name, plural):
    assert n.plural(name) is plural


def test_tally():
    assert n.tally({"met": 1, "missed": 0, "pending": 3}) == "1 is met and 3 pending"
    assert n.tally({"met": 0, "pending": 3}) == "3 are pending"


def test_verdicts_say_all_or_the_one_when_one_verdict_covers_them():
    assert n.verdicts(12, {"met": 0, "pending": 12}) == "all 12 targets and forecasts are pending"
    assert n.verdicts(1, {"pending": 1}) == "the one target or forecast is pending"
    assert n.verdicts(3, {"met": 1, "missed": 2}, "in this chapter") == (
        "of the 3 targets and forecasts in this chapter, 1 is met and 2 missed"
    )
    assert n.verdicts(2, {"conflict": 2}) == "the two targets and forecasts are in conflict"


def test_changes_say_none_as_none():
    assert n.changes(0, 0, 0) == "no figure was added, revised or removed"
    assert n.changes(1, 0, 2) == "1 figure was added, 0 revised and 2 removed"
    assert n.changes(3, 1, 0) == "3 figures were added, 1 revised and 0 removed"


# ------------------------------------------------------------- grammar over the vocabulary

CJK = re.compile(r"[\u3400-\u9fff]")
BOLD = re.compile(r"\*\*(.+?)\*\*")
AUX = re.compile(r"^(is|are) (targeted|expected|planned|to be)\b")
DOUBLED = re.compile(r"\b(at|by|about|least|most|than|to|the|of|in|for)\s+\1\b")
RAW_PERIOD = re.compile(r"\b20\d\d-(?:H\d|Q\d|\d\d)\b|\d{4}/\d{4}")


def _vocabulary():
    return Registry.of(project(DEFAULT_ROOT)).indicators


KINDS = ("actual", "target", "forecast", "plan")
SIGNS = (1, -1, 0)
QS = ("eq", "ge", "gt", "le", "lt", "approx", "range")


def _rows(ind):
    """Every kind × sign × qualifier of one indicator (a range only above zero)."""
    unit = ind.unit or ""
    ub = ("rank", 1.0) if ind.measure == "rank" else (units.unit_base(unit) or ("", 1.0))
    for kind, sign, q in itertools.product(KINDS, SIGNS, QS):
        if q == "range" and sign <= 0:
            continue
        v = sign * 12.5
        yield dict(
            figure_id="f-0000000000", indicator_id=ind.id, value=v,
            value_high=(v + 2 if q == "range" else None), unit=unit, value_base=v * ub[1],
            base_unit=ub[0], qualifier=q, kind=kind, quote="测试", measure=ind.measure,
            period="2023-H1" if kind == "actual" else "2024",
        )  # fmt: skip


def test_every_statement_of_every_indicator_is_grammatical():
    """Rules: the subject agrees with its verb (is/are); no word doubled ('at at'); a rate of
    change says its sign in the verb (fell by 12.5%, never 'grew by -12.5%'); nothing but the
    figure itself is in Chinese, and a Chinese unit comes with an English gloss; no raw
    period string; a statement never reads as more certain than its kind."""
    vocab = _vocabulary()
    bad = []
    for ind in vocab.indicators:
        subject, plural = n.subject(ind.id, vocab)
        assert subject and not CJK.search(subject), ind.id
        for row in _rows(ind):
            pred = n.say(row, vocab, link=False)
            text = f"{subject} {pred}."
            problems = []
            if DOUBLED.search(text):
                problems.append("doubled word")
            m = AUX.match(pred)
            if m and (m[1] == "are") != plural:
                problems.append("agreement")
            if row["kind"] == "actual" and AUX.match(pred):
                problems.append("a result said as a goal")
            if row["kind"] != "actual" and not AUX.match(pred):
                problems.append("a goal said as a result")
            figures = BOLD.findall(pred)
            if len(figures) != 1:
                problems.append("not exactly one figure")
            rest = BOLD.sub("", pred)
            if CJK.search(rest):
                problems.append("Chinese outside the figure")
            for fig in figures:
                glossed = re.search(r"\([^)]*[a-z0-9][^)]*\)$", fig)
                if CJK.search(fig) and fig != "破零" and not glossed:
                    problems.append(f"Chinese unit without an English gloss: {fig}")
            if ind.measure in ("growth", "change") and row["value"] < 0 and "-" in "".join(figures):
                problems.append("sign in the figure of a rate of change")
            if ind.measure in ("growth", "change") and row["kind"] == "actual" and row["value"] < 0:
                if "fell" not in pred:
                    problems.append("a fall not said as one")
            if RAW_PERIOD.search(text):
                problems.append("raw period")
            if "  " in text or " ," in text or "( " in text:
                problems.append("spacing")
            if problems:
                bad.append((ind.id, row["kind"], row["value"], row["qualifier"], text, problems))
    assert not bad, "\n".join(map(str, bad[:20])) + f"\n… {len(bad)} in all"


def test_a_verdict_is_worded_by_its_rule_in_both_languages():
    from types import SimpleNamespace

    from reportbook import wording, wording_zh

    def v(status, progress_id=None):
        return SimpleNamespace(status=status, result_period="2024", progress_id=progress_id,
                               progress_period="2024-Q1")  # fmt: skip

    assert wording.verdict_clause(v("met")) == ": the result in 2024 meets it (met)"
    assert "(missed)" in wording.verdict_clause(v("missed"))
    assert "no verdict (conflict)" in wording.verdict_clause(v("conflict"))
    assert "only one in the first quarter of 2024 (pending)" in wording.verdict_clause(
        v("pending", "f-1")
    )
    assert wording.verdict_clause(v("pending")).endswith("reported yet (pending)")
    assert wording_zh.verdict_clause_zh(v("met")).endswith("的结果已达到（已完成）")
    assert "2024年一季度" in wording_zh.verdict_clause_zh(v("pending", "f-1"))
