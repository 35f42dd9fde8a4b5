"""Wording in Chinese: how a figure is said in the Chinese edition (#19), from the same ledger.

The counterpart of ``reportbook.wording`` (which owns everything language-neutral: reading a
row, printing its number, the link to its sentence, whether a growth is a yearly average, the
figure's measure). Here only what is Chinese:

- ``period_phrase_zh(period, kind)``: 2024年, 2024年上半年, 2024年前三季度, 2024年1—7月,
  “十四五”时期, 2019—2023年, 截至2023年7月底 (a stock reached), 到2023年底 (one to come);
- ``figure_zh(row)``: the figure as the source prints it: its printed number and unit, the unit
  once (``676.5亿元``, ``4—5条``, ``5—6%``), never an English gloss;
- ``predicate_zh(row, ...)``: the predicate, led by its period; its verb follows the figure's
  kind, measure and sign (2023年上半年增长1%, 下降4.2%, 达到676.5亿元, 为56.5%; 目标为增长5%以上,
  力争达到500亿元以上, 控制在5.5%以内; 预计达到…; 计划…; 提高1.3个百分点; 实现“破零”;
  年均增长6%左右), qualifiers as Chinese prints them (以上, 左右, 以内 after the number; 超过,
  不超过, 低于 before it);
- ``subject_zh(indicator, vocabulary)``: what a predicate is said of, the registry's Chinese
  name; a growth rate is said of what grows (地区生产总值增长5.2%, never 地区生产总值增速增长);
- ``say_zh(row, vocabulary)``: ``row``'s predicate as its indicator takes it; ``sentence_zh``:
  the whole clause, period first (2023年上半年，地区生产总值增长1%);
- ``kind_word_zh``, ``date_words_zh``.

Figures are bold in HTML (``<strong>``), not Markdown: CommonMark does not close ``**`` between
a punctuation mark and a CJK character (``增长**5%**以上`` stays literal), and Chinese has no
spaces to lean on. Source text reaches HTML only escaped. The grammar is tested over the whole
vocabulary in every kind, sign and qualifier (``tests/test_wording_zh.py``).
"""

from __future__ import annotations

import calendar
import html
import re
from datetime import date

from reportbook import periods, wording
from reportbook.wording import HTML_BOLD, _get, _low, _missing, _value, number

__all__ = [
    "INFERRED_ZH",
    "KIND_WORDS_ZH",
    "date_words_zh",
    "figure_zh",
    "five_year_plan",
    "kind_word_zh",
    "period_phrase_zh",
    "predicate_zh",
    "say_zh",
    "sentence_zh",
    "span_words_zh",
    "subject_zh",
    "STATUS_WORDS_ZH",
    "changes_zh",
    "period_label_zh",
    "qualified_zh",
    "short_zh",
    "verdicts_zh",
]

KIND_WORDS_ZH = {"actual": "实际", "target": "目标", "forecast": "预计", "plan": "计划"}
ZERO_WORD = "破零"
INFERRED_ZH = "其类别（实际、目标、预计或计划）系根据上下文推断。"
RANGE_DASH = "—"  # GB/T 15834: a range takes the one-character dash (5—6%, 2021—2025年)
_QUARTERS = "一二三四"
_DIGITS = "零一二三四五六七八九"
# The first Five-Year Plan after the gap of 1963—1965 is the third (1966—1970); every plan
# since runs five calendar years.
_FYP_BASE = (1966, 3)
# suffixes that name a rate of change; the stem is what grows (居民消费价格涨幅 → 居民消费价格)
_GROWTH_SUFFIX = re.compile(r"(?:增速|增长率|增长速度|增幅|涨幅|降低率|下降率|降幅|增长)$")
# a change said against something (第三产业投资增速高于全省): the verb is the comparison
_COMPARED = re.compile(r"^(?P<stem>.+?)(?P<cmp>高于|低于)(?P<other>[^高低]+)$")
# measures said with 为 (a position), not 达到 (an amount reached)
_POSITIONS = {"share", "rate", "index", "change", "rank"}


def kind_word_zh(kind: str) -> str:
    """实际 / 目标 / 预计 / 计划."""
    return KIND_WORDS_ZH[kind]


def _cn_number(n: int) -> str:
    """A small whole number in Chinese numerals, as plan names say it: 9 → 九, 14 → 十四,
    20 → 二十, 21 → 二十一."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else _DIGITS[tens]}十{_DIGITS[ones] if ones else ''}"


def five_year_plan(p: periods.Period) -> str | None:
    """The name of the Five-Year Plan whose years ``p`` is (2021/2025 → “十四五”), or None."""
    if p.grain != "years" or p.years != 5 or p.start.year < _FYP_BASE[0]:
        return None
    gap, rest = divmod(p.start.year - _FYP_BASE[0], 5)
    return None if rest else f"“{_cn_number(gap + _FYP_BASE[1])}五”"


def _month_end(d: date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def _day_words(d: date) -> str:
    """A stock's date: 2023年底, 2023年7月底, 2023年7月15日."""
    if d.month == 12 and d.day == 31:
        return f"{d.year}年底"
    if _month_end(d):
        return f"{d.year}年{d.month}月底"
    return f"{d.year}年{d.month}月{d.day}日"


def span_words_zh(p: periods.Period) -> str:
    """The period as a time word: 2024年, 2024年上半年, 2024年一季度, 2024年前三季度, 2024年1—7月,
    2024年7月, “十四五”时期, 2019—2023年, 2023年7月底."""
    s, e = p.start, p.end
    if p.grain == "year" or p.is_full_year:
        return f"{s.year}年"
    if p.grain == "half":
        return f"{s.year}年{'上' if s.month == 1 else '下'}半年"
    if p.grain == "quarter":
        return f"{s.year}年{_QUARTERS[(s.month - 1) // 3]}季度"
    if p.grain == "month":
        return f"{s.year}年{s.month}月"
    if p.grain == "day":
        return _day_words(e)
    if p.grain == "years":
        plan = five_year_plan(p)
        return f"{plan}时期" if plan else f"{s.year}{RANGE_DASH}{e.year}年"
    if p.grain == "months":
        if p.is_cumulative and e.month in (3, 6, 9):
            return f"{s.year}年" + {3: "一季度", 6: "上半年", 9: "前三季度"}[e.month]
        if s.year == e.year:
            return f"{s.year}年{s.month}{RANGE_DASH}{e.month}月"
        return f"{s.year}年{s.month}月{RANGE_DASH}{e.year}年{e.month}月"
    if s.year == e.year:
        tail = f"{e.month}月{e.day}日" if (s.month, s.day) != (e.month, e.day) else ""
        return f"{s.year}年{s.month}月{s.day}日{RANGE_DASH}{tail}".rstrip(RANGE_DASH)
    return f"{s.year}年{s.month}月{s.day}日{RANGE_DASH}{e.year}年{e.month}月{e.day}日"


def period_phrase_zh(period, kind: str = "actual", stock: bool = False) -> str:
    """The period as the time adverbial that leads a Chinese predicate for a figure of
    ``kind``: a stock at a date is reached 截至2023年7月底 (a result) or 到2023年底 (a target,
    forecast or plan); a target for a ``stock`` held at the end of a year reads 到2025年, a
    year's flow (and a plan for a year) 2024年. '' for no period; an unreadable one in
    brackets, as it is."""
    if _missing(period):
        return ""
    p = periods.try_parse(str(period))
    if p is None:
        return f"（{html.escape(str(period))}）"  # it ends up in HTML
    words = span_words_zh(p)
    if p.grain == "day":
        return f"截至{words}" if kind == "actual" else f"到{words}"
    if stock and kind in ("target", "forecast") and (p.grain == "year" or p.is_full_year):
        return f"到{words}"
    return words


def date_words_zh(d) -> str:
    """A publication date in Chinese: 2024年, 2024年4月, 2024年12月1日."""
    parts = periods.date_parts(d)
    if parts is None:
        return str(d or "")
    y, m, day = parts
    return f"{y}年" + (f"{m}月" if m else "") + (f"{day}日" if day else "")


# ------------------------------------------------------------------ the figure


def _unit(row) -> str:
    return str(_get(row, "unit", "") or "")


def figure_zh(row, magnitude: bool = False) -> str:
    """The figure as the source prints it: the printed number (not the scaled base value) and
    the printed unit, once (676.5亿元, 1713.75万千瓦, 13.1个百分点, 4—5条, 5—6%, 102.3（上年=100）,
    第3位). ``magnitude``: without its sign, when the verb says it (下降4.2%)."""
    text, basis = _printed(row, magnitude)
    return text + basis


def _printed(row, magnitude: bool = False) -> tuple[str, str]:
    """(number and unit, the basis an index is printed on or ''): a qualifier goes between
    them (102左右 + （上年=100）)."""
    lo, hi = _value(row), _value(row, "value_high")
    unit = _unit(row)
    if lo is None:
        return unit, ""
    if magnitude:
        lo, hi = abs(lo), (abs(hi) if hi is not None else None)
    num = number(lo)
    if _get(row, "qualifier") == "range" and hi is not None:
        num = f"{num}{RANGE_DASH}{number(hi)}"
    if unit == wording.INDEX_UNIT:
        return num, f"（{unit}）"
    if _get(row, "base_unit") == "rank" or wording._measure(row, None) == "rank":
        return f"第{num}{unit or '位'}", ""
    return f"{num}{unit}", ""


# ------------------------------------------------------------------ predicates and subjects


def _qualify(q: str, figure: str, bound: bool = False, rank: bool = False) -> str:
    """The figure with its qualifier where Chinese prints it: 5%以上, 超过5%, 5%左右; an
    upper bound reads 5.5%以内 / 低于5.5% after a verb of keeping (``bound``: 控制在…), else
    不超过5.5% / 不到5.5%. A ``rank`` at or after a place reads 第3位及以后 / 第3位以后."""
    if rank and q in ("ge", "gt"):
        return f"{figure}{'及以后' if q == 'ge' else '以后'}"
    if q == "ge":
        return f"{figure}以上"
    if q == "gt":
        return f"超过{figure}"
    if q == "approx":
        return f"{figure}左右"
    if q == "le":
        return f"{figure}以内" if bound else f"不超过{figure}"
    if q == "lt":
        return f"{figure}以下" if bound else f"不到{figure}"
    return figure


def predicate_zh(row, measure: str | None = None, link: bool = True, when: bool = True,
                 bold=HTML_BOLD, rise: bool = False, stock: bool = False,
                 compared: str | None = None, named: bool = False) -> str:  # fmt: skip
    """A Chinese predicate for the figure, its period first (``when``).

    Results: a rate of change carries its sign in the verb (增长 / 下降; 上涨 for prices with
    ``rise``; 提高 / 下降 for percentage points), a level is 达到 what it reached, a position
    (share, rate, index, rank) 为 what it stood at. Targets say 目标为 a change or position and
    力争达到 a level, and an upper bound is kept, 控制在…以内; forecasts 预计, plans 计划. A
    ``compared`` change (第三产业投资增速高于全省) says 高于 / 低于 the other. 破零 (more than
    zero, a first) reads 实现“破零”; a multi-year average growth 年均增长. ``named``: the subject
    already says the figure's kind (年度计划投资), so the predicate does not say it again
    (年度计划投资为231.93亿元, never 年度计划投资计划达到…)."""
    kind = _get(row, "kind", "actual")
    m = wording._measure(row, measure)
    q = str(_get(row, "qualifier", "eq"))
    v = _value(row) or 0.0
    points = m == "change" or _get(row, "base_unit") in wording.PERCENT_POINTS
    change = m in wording.CHANGES or points
    zero_first = q == "gt" and v == 0
    lead = (
        "" if named else {"actual": "", "target": "力争", "forecast": "预计", "plan": "计划"}[kind]
    )

    def shown(text: str) -> str:
        what = html.escape(text)
        if link:
            what = wording.figure_link(_get(row, "figure_id"), what, _get(row, "quote", ""),
                                       _low(row), note=INFERRED_ZH)  # fmt: skip
        return f"{bold[0]}{what}{bold[1]}"

    if zero_first and not change:
        phrase = f"{lead}实现{shown('“破零”')}"
    elif change:
        # the basis of an index stays after the qualifier: 102左右（上年=100）
        what = _qualify(q, shown(figure_zh(row, magnitude=True)))
        if v == 0 and q in ("eq", "approx", "range"):
            phrase = f"与{compared}持平（{what}）" if compared else f"持平（{what}）"
        elif v == 0 and q == "gt" and not (compared or points):
            phrase = f"实现{shown('正增长')}"  # more than 0%: the words of a first rise
        else:
            up = v >= 0  # a bound at 0 (≤ 0%) is said of growth: 增长不超过0%
            if compared:
                verb = ("高于" if up else "低于") + compared
            elif points:
                verb = "提高" if up else "下降"
            else:
                verb = ("上涨" if rise else "增长") if up else "下降"
            if not points and wording.averaged(row):
                verb = f"年均{verb}"
            phrase = f"{verb}{what}"
        if kind == "target" and not compared and not named:
            lead = "目标为"
        phrase = f"{lead}{phrase}"
    elif m == "rank":
        # a rank is a place: 为第3位, 为前3位 (within the top 3), 力争进入前3位
        text, basis = _printed(row)
        top = q in ("le", "lt")
        if top:
            text = text.replace("第", "前", 1)
        what = shown(text) if top else _qualify(q, shown(text), rank=True)
        if kind == "target" and not named:
            phrase = f"力争进入{what}" if top else f"目标为{what}"
        else:
            phrase = f"{lead}为{what}"
    else:
        text, basis = _printed(row)
        figure = shown(text)
        position = m in _POSITIONS or v < 0  # a negative amount is stood at, never reached
        if kind == "target" and q in ("le", "lt"):
            phrase = f"控制在{_qualify(q, figure, bound=True)}{basis}"
        elif q in ("gt", "le", "lt"):
            phrase = f"{lead}{_qualify(q, figure)}{basis}"
        else:
            what = _qualify(q, figure) + basis
            # a position, a count planned and a kind the subject names are 为; an amount 达到
            stands = position or named or (kind == "plan" and m == "count")
            if kind == "target" and not named:
                phrase = f"目标为{what}" if position else f"力争达到{what}"
            else:
                phrase = f"{lead}{'为' if stands else '达到'}{what}"
    if when:
        phrase = period_phrase_zh(_get(row, "period"), kind, stock) + phrase
    return phrase


def _indicator(indicator, vocabulary):
    by_id = getattr(vocabulary, "by_id", {}) if vocabulary is not None else {}
    return by_id, (by_id.get(indicator) if isinstance(indicator, str) else indicator)


def _parts(ind, by_id) -> tuple[str, str | None]:
    """(subject, what a change is compared with) of an indicator's Chinese name."""
    name = ind.name_zh
    if ind.measure == "change":
        c = _COMPARED.match(name)
        if c:
            return c["stem"], c["other"]
    if ind.measure == "growth":
        stem = _GROWTH_SUFFIX.sub("", name)
        if stem and stem != name:
            return stem, None
        if ind.growth_of and ind.growth_of in by_id:
            return by_id[ind.growth_of].name_zh, None
    return name, None


def _zero_first(row) -> bool:
    return row is not None and _get(row, "qualifier") == "gt" and _value(row) == 0


def subject_zh(indicator, vocabulary=None, row=None) -> str:
    """The Chinese subject for predicates about ``indicator`` (an ``Indicator`` or an id): the
    registry's name; a growth rate is said of what grows, its name without 增速 / 涨幅 / 降低率
    (地区生产总值增速 → 地区生产总值, 居民消费价格涨幅 → 居民消费价格); a change against another
    place, of what is compared (第三产业投资增速高于全省 → 第三产业投资增速). For a 破零 figure
    (``row``), a name that says 破零 leaves it to the predicate (外贸空白县破零 → 外贸空白县)."""
    by_id, ind = _indicator(indicator, vocabulary)
    if ind is None:
        return str(indicator)
    name = _parts(ind, by_id)[0]
    if _zero_first(row) and name.endswith(ZERO_WORD) and len(name) > len(ZERO_WORD):
        name = name[: -len(ZERO_WORD)]
    return name


def say_zh(row, vocabulary=None, link: bool = True, when: bool = True, bold=HTML_BOLD) -> str:
    """``row``'s predicate as its indicator takes it (see ``subject_zh``): the indicator's
    measure, 上涨 for prices (the growth of an index), 到2025年 for a target of a stock, and
    the comparison a change is made against."""
    iid = _get(row, "indicator_id", "") or ""
    by_id, ind = _indicator(iid, vocabulary)
    if ind is None:
        return predicate_zh(row, link=link, when=when, bold=bold)
    of = by_id.get(ind.growth_of) if ind.growth_of else None
    compared = _parts(ind, by_id)[1]
    kind = _get(row, "kind", "actual")
    named = kind != "actual" and KIND_WORDS_ZH[kind] in subject_zh(ind, vocabulary, row)
    return predicate_zh(row, ind.measure, link=link, when=when, bold=bold,
                        rise=of is not None and of.measure == "index", stock=ind.stock,
                        compared=compared, named=named)  # fmt: skip


def sentence_zh(row, vocabulary=None, link: bool = True, bold=HTML_BOLD) -> str:
    """The whole clause, its period first as Chinese reports write it: 2023年上半年，地区生产总值
    增长1%; without a period, 地区生产总值增长1%. No closing 。, so it can end a list item or
    join a longer sentence."""
    iid = _get(row, "indicator_id", "") or ""
    by_id, ind = _indicator(iid, vocabulary)
    subj = html.escape(subject_zh(iid, vocabulary, row) if ind is not None else "")
    pred = say_zh(row, vocabulary, link=link, when=False, bold=bold)
    when = period_phrase_zh(_get(row, "period"), _get(row, "kind", "actual"),
                            bool(ind is not None and ind.stock))  # fmt: skip
    return f"{when}，{subj}{pred}" if when else f"{subj}{pred}"


# ------------------------------------------------------------------ the book's counting words

STATUS_WORDS_ZH = {"met": "已完成", "missed": "未完成", "conflict": "有冲突", "pending": "待定"}


def period_label_zh(period) -> str:
    """A period for a table cell or an axis: 2024年上半年; — when there is none."""
    if _missing(period):
        return "—"
    p = periods.try_parse(str(period))
    return span_words_zh(p) if p else str(period)


def qualified_zh(row, sign: bool = False) -> str:
    """The figure with its qualifier as Chinese prints it (5%以上, 超过5%, 5%左右), or with a
    sign before it for a chart's mark (≥ 5%); a 破零 figure is 实现“破零”."""
    q = str(_get(row, "qualifier", "eq"))
    if q == "gt" and _value(row) == 0:
        return "> 0（破零）" if sign else "实现“破零”"
    if sign:
        return wording.QUALIFIER_SIGNS.get(q, "") + figure_zh(row)
    text, basis = _printed(row)
    return _qualify(q, text) + basis


def short_zh(row, link: bool = True, tag: bool = True, bold=HTML_BOLD) -> str:
    """Just the figure, for running prose: **676.5亿元**; one that is not a result says what it
    is (``tag``: **5%以上**（目标）), so a target never reads as an achievement."""
    if row is None:
        return "（未报告）"
    what = html.escape(qualified_zh(row))
    if link:
        what = wording.figure_link(_get(row, "figure_id"), what, _get(row, "quote", ""),
                                   _low(row), note=INFERRED_ZH)  # fmt: skip
    kind = _get(row, "kind")
    shown = "" if kind == "actual" or not tag else f"（{kind_word_zh(kind)}）"
    return f"{bold[0]}{what}{bold[1]}{shown}"


def _n(n: int, mark: bool) -> str:
    return wording.count(n) if mark else str(int(n))


def verdicts_zh(n: int, counts: dict[str, int], where: str = "", mark: bool = False) -> str:
    """How ``n`` targets and forecasts stand: 12项目标和预计中，3项已完成、9项待定; when one
    verdict covers them all, 全部12项目标和预计均待定, or 这1项目标或预计待定. ``where``: what
    they are of (本章)."""
    items = [(k, c) for k, c in counts.items() if c]
    noun = "目标或预计" if n == 1 else "目标和预计"
    if len(items) == 1:
        word = STATUS_WORDS_ZH[items[0][0]]
        if n == 1:
            return f"{where}这{_n(1, mark)}项{noun}{word}"
        return f"{where}全部{_n(n, mark)}项{noun}均{word}"
    said = "、".join(f"{_n(c, mark)}项{STATUS_WORDS_ZH[k]}" for k, c in items)
    return f"{where}{_n(n, mark)}项{noun}中，{said}"


def changes_zh(added: int, revised: int, removed: int, mark: bool = False) -> str:
    """What an edition changed in the ledger, without its full stop: 新增3条数据，修订1条，删除0条;
    没有新增、修订或删除数据."""
    if not (added or revised or removed):
        return "没有新增、修订或删除数据"
    return f"新增{_n(added, mark)}条数据，修订{_n(revised, mark)}条，删除{_n(removed, mark)}条"


def verdict_clause_zh(v) -> str:
    """``wording.verdict_clause`` in Chinese."""
    e = html.escape
    when = period_phrase_zh(v.result_period, "actual")
    if v.status == "met":
        return f"，{e(when)}的结果已达到（已完成）"
    if v.status == "missed":
        return f"，{e(when)}的结果未达到（未完成）"
    if v.status == "conflict":
        return "，各来源对结果说法不一，不作结论（有冲突）"
    if v.progress_id:
        so_far = period_phrase_zh(v.progress_period, "actual")
        return f"；其整个时期尚无结果，仅有{e(so_far)}的结果（待定）"
    return "；其时期尚无结果报告（待定）"
