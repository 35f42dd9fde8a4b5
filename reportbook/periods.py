"""Periods: what time a figure refers to — parsed, compared and said in one place.

The ledger writes a period in one of these forms (``Period.parse`` reads each, nothing else
in the package parses one):

==========================  ====================  ==========================================
form                        example               meaning
==========================  ====================  ==========================================
``YYYY``                    ``2024``              a calendar year
``YYYY-Hn``                 ``2024-H1``           a half year
``YYYY-Qn``                 ``2024-Q3``           a quarter alone
``YYYY-MM``                 ``2024-07``           a month alone
``YYYY-MM-DD``              ``2023-07-31``        a day: a stock at that date (截至7月底)
``YYYY-MM/YYYY-MM``         ``2024-01/2024-09``   months, cumulative (前三季度, 1—9月)
``YYYY/YYYY``               ``2021/2025``         years (年均, 累计, “十四五”时期)
``YYYY-MM-DD/YYYY-MM-DD``   ``2025-01-28/…``      a dated span (a holiday)
==========================  ====================  ==========================================

Two spellings of the same stretch of time are the same period (``2024-01/2024-06`` and
``2024-H1``); ``Period.key`` is the same for both, so series and verdicts never depend on how a
source happened to say it.

Which result can judge which target (``judgement``): a target is *settled* by a result for
exactly its period (the whole year for an annual target), or — for a stock such as installed
capacity — by a stock at its date or the first one after it. A result for part of the target's
period, or an earlier stock, is *progress*: shown beside the target, never a verdict.

How Chinese text names a period (``find_cues``) lives here too, resolved against the year the
document reports on (its frame), so the extractor and the ledger agree on every form.
"""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from reportbook.errors import InputError

__all__ = [
    "FORMS",
    "MONTHS",
    "PATTERN",
    "Period",
    "PeriodError",
    "find_cues",
    "iter_cues",
    "judgement",
    "parse",
    "try_parse",
]

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_ORDINAL = ["first", "second", "third", "fourth"]
_COUNT = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve"]  # fmt: skip

FORMS = (
    "YYYY, YYYY-H1/H2, YYYY-Q1…Q4, YYYY-MM, YYYY-MM-DD (a stock at a date), YYYY-MM/YYYY-MM "
    "(months, cumulative), YYYY/YYYY (years) or YYYY-MM-DD/YYYY-MM-DD (a dated span)"
)

_Y = r"(?:19|20)\d{2}"
_M = r"(?:0[1-9]|1[0-2])"
_D = r"(?:0[1-9]|[12]\d|3[01])"
_LEDGER = re.compile(
    rf"(?P<y>{_Y})"
    rf"|(?P<hy>{_Y})-H(?P<h>[12])"
    rf"|(?P<qy>{_Y})-Q(?P<q>[1-4])"
    rf"|(?P<my>{_Y})-(?P<m>{_M})"
    rf"|(?P<dy>{_Y})-(?P<dm>{_M})-(?P<dd>{_D})"
    rf"|(?P<sy1>{_Y})-(?P<sm1>{_M})/(?P<sy2>{_Y})-(?P<sm2>{_M})"
    rf"|(?P<ys1>{_Y})/(?P<ys2>{_Y})"
    rf"|(?P<ay>{_Y})-(?P<am>{_M})-(?P<ad>{_D})/(?P<by>{_Y})-(?P<bm>{_M})-(?P<bd>{_D})"
)

# The same forms as an ECMA-262 pattern (no named groups), for the datapackage's constraint.
PATTERN = "^(?:" + re.sub(r"\(\?P<\w+>", "(", _LEDGER.pattern) + ")$"


class PeriodError(InputError):
    """Text that is not a period in one of the ledger's forms."""


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


@dataclass(frozen=True)
class Period:
    """A stretch of time with the grain it was given in. ``text`` is the ledger form."""

    text: str
    start: date
    end: date
    grain: str  # year | half | quarter | month | day | months | years | days

    # ------------------------------------------------------------------ basics
    @property
    def key(self) -> tuple[date, date]:
        """Equal for two spellings of the same stretch (``2024-H1`` and ``2024-01/2024-06``)."""
        return (self.start, self.end)

    @property
    def sort_key(self) -> tuple[date, date]:
        """Order on a time axis: by the end, then the longer period first."""
        return (self.end, self.start)

    @property
    def year(self) -> int | None:
        """The calendar year the period lies in, or None when it spans several."""
        return self.start.year if self.start.year == self.end.year else None

    @property
    def is_point(self) -> bool:
        """A single day: a stock at a date (截至7月底)."""
        return self.start == self.end

    @property
    def is_full_year(self) -> bool:
        return self.start == date(self.start.year, 1, 1) and self.end == date(
            self.start.year, 12, 31
        )

    @property
    def is_cumulative(self) -> bool:
        """Months from the start of a year up to a later month: 1—9月, 前三季度, 上半年."""
        return (
            self.year is not None
            and self.start.month == 1
            and self.start.day == 1
            and self.grain in ("half", "quarter", "months")
            and self.end.month > 1
            and not self.is_full_year
        )

    @property
    def is_multi_year(self) -> bool:
        return self.start.year != self.end.year

    @property
    def years(self) -> int:
        return self.end.year - self.start.year + 1

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def same_span(self, other: Period) -> bool:
        return self.key == other.key

    @property
    def date(self) -> str:
        """Where the period sits on a time axis: its last day (ISO)."""
        return self.end.isoformat()

    def __str__(self) -> str:
        return self.text

    # ------------------------------------------------------------------ English
    def label(self) -> str:
        """Short English label for a chart axis or table cell: 'H1 2024', 'Jan–Sep 2024',
        '31 Jul 2023', '2021–2025'."""
        s, e = self.start, self.end
        if self.grain == "year" or self.is_full_year:
            return str(s.year)
        if self.grain == "half":
            return f"H{1 if s.month == 1 else 2} {s.year}"
        if self.grain == "quarter":
            return f"Q{(s.month - 1) // 3 + 1} {s.year}"
        if self.grain == "month":
            return f"{MONTHS[s.month - 1][:3]} {s.year}"
        if self.grain == "day":
            return f"{s.day} {MONTHS[s.month - 1][:3]} {s.year}"
        if self.grain == "years":
            return f"{s.year}–{e.year}"
        if self.grain == "months":
            if s.year == e.year:
                return f"{MONTHS[s.month - 1][:3]}–{MONTHS[e.month - 1][:3]} {s.year}"
            return f"{MONTHS[s.month - 1][:3]} {s.year}–{MONTHS[e.month - 1][:3]} {e.year}"
        return f"{_day(s, short=True)}–{_day(e, short=True)}"

    def span_words(self) -> str:
        """The period as a noun phrase: 'the first three quarters of 2024', 'July 2023',
        '2021–2025', 'the end of 2023'."""
        s, e = self.start, self.end
        if self.grain == "year" or self.is_full_year:
            return str(s.year)
        if self.grain == "half":
            return f"the {'first' if s.month == 1 else 'second'} half of {s.year}"
        if self.grain == "quarter":
            return f"the {_ORDINAL[(s.month - 1) // 3]} quarter of {s.year}"
        if self.grain == "month":
            return f"{MONTHS[s.month - 1]} {s.year}"
        if self.grain == "day":
            if e == date(e.year, 12, 31):
                return f"the end of {e.year}"
            if e == _month_end(e.year, e.month):
                return f"the end of {MONTHS[e.month - 1]} {e.year}"
            return _day(e)
        if self.grain == "years":
            return f"{s.year}–{e.year}"
        if self.grain == "months":
            if self.is_cumulative:
                n = e.month
                if n == 6:
                    return f"the first half of {s.year}"
                if n in (3, 9):
                    return f"the first {'quarter' if n == 3 else 'three quarters'} of {s.year}"
                return f"the first {_COUNT[n]} months of {s.year}"
            if s.year == e.year:
                return f"{MONTHS[s.month - 1]}–{MONTHS[e.month - 1]} {s.year}"
            return f"{MONTHS[s.month - 1]} {s.year} to {MONTHS[e.month - 1]} {e.year}"
        return f"{_day(s)} to {_day(e)}"

    def phrase(self, kind: str = "actual") -> str:
        """The period as an adverbial for a clause whose figure has ``kind``:
        'in the first three quarters of 2024', 'over 2021–2025', 'by the end of July 2023',
        'for 2024' (a target or plan for a year)."""
        words = self.span_words()
        if self.grain == "day":
            return f"by {words}"  # a stock at a date: reached by then, or to be reached by then
        if self.grain == "years":
            return f"over {words}"
        if self.grain == "days":
            return f"from {words}"
        if kind in ("target", "plan") and (self.grain == "year" or self.is_full_year):
            return f"for {words}"
        return f"in {words}"


def _day(d: date, short: bool = False) -> str:
    month = MONTHS[d.month - 1][:3] if short else MONTHS[d.month - 1]
    return f"{d.day} {month} {d.year}"


@lru_cache(maxsize=4096)
def parse(text: str) -> Period:
    """A ledger period; raises :class:`PeriodError` naming the forms it takes."""
    s = text if isinstance(text, str) else ""
    m = _LEDGER.fullmatch(s) if s else None
    if m is None:
        raise PeriodError(f"{text!r} is not a period; write {FORMS}")
    g = {k: (int(v) if v and k not in ("h", "q") else v) for k, v in m.groupdict().items()}
    try:
        if g["y"]:
            y = g["y"]
            return Period(s, date(y, 1, 1), date(y, 12, 31), "year")
        if g["hy"]:
            y, h = g["hy"], int(g["h"])
            return Period(s, date(y, 1 if h == 1 else 7, 1), _month_end(y, 6 * h), "half")
        if g["qy"]:
            y, q = g["qy"], int(g["q"])
            return Period(s, date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")
        if g["my"]:
            y, mo = g["my"], g["m"]
            return Period(s, date(y, mo, 1), _month_end(y, mo), "month")
        if g["dy"]:
            d = date(g["dy"], g["dm"], g["dd"])
            return Period(s, d, d, "day")
        if g["sy1"]:
            a, b = date(g["sy1"], g["sm1"], 1), _month_end(g["sy2"], g["sm2"])
            grain = "months"
        elif g["ys1"]:
            a, b = date(g["ys1"], 1, 1), date(g["ys2"], 12, 31)
            grain = "years"
        else:
            a = date(g["ay"], g["am"], g["ad"])
            b = date(g["by"], g["bm"], g["bd"])
            grain = "days"
    except ValueError:
        raise PeriodError(f"{text!r} names a day that does not exist; check the date") from None
    if b < a or (grain != "days" and a.replace(day=1) == b.replace(day=1)):
        raise PeriodError(f"{text!r}: a span must end after it starts; write {FORMS}")
    return Period(s, a, b, grain)


def try_parse(text) -> Period | None:
    """A period, or None for an empty or invalid cell (pandas gives NaN for empty)."""
    if not isinstance(text, str) or not text:
        return None
    try:
        return parse(text)
    except PeriodError:
        return None


_UNDATED = (date.max, date.max)


def today() -> date:
    """The one "today" of the project: the day ``SOURCE_DATE_EPOCH`` names if it is set (the
    reproducible-builds convention), else today in UTC. Used for an edition's issue date, a
    registry entry's ingest date, and what counts as a date in the future."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()


_DATE_TEXT = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")


def date_parts(text) -> tuple[int, int | None, int | None] | None:
    """A registry date (``2024``, ``2024-04``, ``2024-04-16``) as (year, month, day), the
    parts it does not give as None; None for anything else. Both editions' date words read
    it."""
    m = _DATE_TEXT.fullmatch(str(text or ""))
    if not m:
        return None
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None


def start_year(text: str) -> int:
    """The year a ledger period (or a period cue) starts in: every form begins with it
    (2024, 2024-H1, 2024-01/2024-09, 2021/2025, 2023-07-31)."""
    return int(str(text)[:4])


def end_year(text: str) -> int:
    """The year a ledger period ends in (2025 for 2021/2025, 2024 for 2024-01/2024-09)."""
    return start_year(str(text).rpartition("/")[2] or text)


def order(text) -> tuple[date, date]:
    """A ledger period cell's place on a time axis (``Period.sort_key``); an empty or
    unreadable cell sorts last. Sort by this, never by the period's spelling: as strings
    ``2023-H1`` comes after ``2023-07-31``."""
    p = try_parse(text)
    return p.sort_key if p else _UNDATED


def judgement(result: Period, target: Period, stock: bool) -> str | None:
    """Can a result for ``result`` judge a target for ``target``?

    - ``"settles"``: the result is for exactly the target's period; or, for a ``stock``
      (a level at a date, such as installed capacity), the result is a stock at the end of
      the target's period or later.
    - ``"progress"``: a part of the target's period (a cumulative or earlier stretch, or an
      earlier stock) — shown beside the target, never a verdict.
    - ``None``: unrelated (another period, or a result that starts before the target's).
    """
    if stock and result.is_point:
        if result.end >= target.end:
            return "settles"
        if result.end >= target.start or target.is_point:
            return "progress"
        return None
    if result.same_span(target):
        return "settles"
    if target.contains(result) and result.start == target.start:
        return "progress"
    return None


# ---------------------------------------------------------------------- Chinese text

_CN_NUM = "一二三四五六七八九十"
# The first day of the lunar year (正月初一), by Gregorian year
LUNAR_NEW_YEAR = {
    2010: date(2010, 2, 14), 2011: date(2011, 2, 3), 2012: date(2012, 1, 23),
    2013: date(2013, 2, 10), 2014: date(2014, 1, 31), 2015: date(2015, 2, 19),
    2016: date(2016, 2, 8), 2017: date(2017, 1, 28), 2018: date(2018, 2, 16),
    2019: date(2019, 2, 5), 2020: date(2020, 1, 25), 2021: date(2021, 2, 12),
    2022: date(2022, 2, 1), 2023: date(2023, 1, 22), 2024: date(2024, 2, 10),
    2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
}  # fmt: skip
_N = r"(?:\d{1,2}|[两一二三四五六七八九十]{1,2})"
_CUE = re.compile(
    # a cheap first test
    r"(?=[上下前第一二三四五六七八九十0-9截去今本全年明“\"十近过两目当现如除大正初未从自(（])"
    # and a second: the first two characters of every kind of cue below (a new kind adds its
    # own; 2.5 times faster than trying every kind where only the first character fits)
    r"(?=[上下]半|上年|前[一二三四五六七八九十两\d]|第[一二三四1-4]|第[五六七]次|截[至止]|去年|今年|本年|年[底末度初]"
    r"|[“\"][十九八]|[从自][12]|[(（][12]|过去|今后|未来|近|目前|除夕|大年|正月初|初一|当前|当[日天]|今[日天]|现已|如今|全年|明年|\d{1,4}[年月季—\-–~～至到、和]"
    r"|[一二三四五六七八九十两]{1,2}[一二三四五六七八九十两年月季—\-–~～至到五])"
    r"(?<![比较])(?<![比较][“\"])"  # 较“十三五”时期增长7%: the base compared with, not the time
    # …nor the yardstick (快于一季度增速1.4个百分点, 高于去年同期3.5个百分点)
    r"(?<!快于)(?<!慢于)(?<!高于)(?<!低于)(?<!好于)(?<!差于)"
    r"(?:"
    # 2014年一季度以来, 2020年7月以来: since that part of a year, a span of years as 2014年以来
    r"(?P<sincep>(?P<spy>(?:19|20)\d{2})年(?:第?[一二三四]季度|上半年|下半年|\d{1,2}月份?)以来)"
    r"|(?:(?P<hy>(?:19|20)\d{2})年)?(?P<half>上半年|下半年)"
    r"|(?:(?P<qy>(?:19|20)\d{2})年)?(?P<q3>前三季度|一至三季度|1(?:—|-|–|~|～|至)3季度)"
    # 前5个月, 今年前十个月, 前8月: the months of the year up to that one
    rf"|(?:(?P<fmy>(?:19|20)\d{{2}})年)?前(?P<fmn>\d{{1,2}}|[两{_CN_NUM}]{{1,2}})个?月"
    r"|(?:(?P<qqy>(?:19|20)\d{2})年)?第?(?P<q>[一二三四1-4])季度(?![末底])"
    r"|(?:(?P<ry>(?:19|20)\d{2})年)?(?P<rm0>1|一)(?:—|-|–|~|～|至|到)(?P<rm>\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?"
    # 4—6月, 2023年10月至2024年3月: the months from one to the other (1—N月 is above)
    rf"|(?:(?P<ay>(?:19|20)\d{{2}})年)?(?P<am>\d{{1,2}}|[{_CN_NUM}]{{1,2}})月?(?:份)?"
    rf"(?:—|-|–|~|～|至|到)(?:(?P<by>(?:19|20)\d{{2}})年)?(?P<bm>\d{{1,2}}|[{_CN_NUM}]{{1,2}})月(?:份)?"
    r"(?![\d日号])"
    # 2月10日至17日, 1月21日—2月4日: the days from one to the other
    r"|(?:(?P<ty>(?:19|20)\d{2})年)?(?P<tm>\d{1,2})月(?P<td>\d{1,2})日(?:—|-|–|~|～|至|到)"
    r"(?:(?P<um>\d{1,2})月)?(?P<ud>\d{1,2})日"
    # 从除夕到初五, 大年初一至初六: days of the lunar new year, from one to the other
    r"|(?P<lunar>除夕|大年三十|(?:正月|大年)?初一)(?:到|至|—|-|–)(?:正月|大年)?"
    r"初(?P<lun>[二三四五六七八九十])"
    # 截至9月15日; 截至2019年12月 (a stock then: the month's last day)
    r"|截[至止]到?(?:(?P<dy>(?:19|20)\d{2})年)?(?P<dm>\d{1,2})月"
    r"(?:(?P<dd>\d{1,2})日|份?(?![\d日号底末初中上下旬]))"
    rf"|(?:(?P<my>(?:19|20)\d{{2}})年)?(?P<mm>\d{{1,2}}|[{_CN_NUM}]{{1,2}})月(?:底|末)"
    # 一季度末, 三季度末: the quarter's last day
    r"|(?:(?P<qey>(?:19|20)\d{2})年)?第?(?P<qe>[一二三四1-4])季度(?:末|底)"
    # 2020、2021两年, 2020年、2021年和2022年…连续三年: the years listed, as one span
    r"|(?P<ylist>(?P<yla>(?:19|20)\d{2})年?(?:[、和](?:19|20)\d{2}年?)*[、和]"
    r"(?P<ylb>(?:19|20)\d{2})年?)(?=[^，。；]{0,4}?(?:[两三四五]年|平均|连续))"
    # one month alone, said as a time (8月份，…; 8月当月; 2024年8月; a clause that opens with
    # 8月): not a day (3月27日), not the months up to it (1-8月), not a month in general (最热的
    # 7月平均气温)
    rf"|(?:(?P<oy>(?:19|20)\d{{2}})年|(?<=[，。；：,;:\s（(年省市县区])|^|(?=\d{{1,2}}月(?:份|当月)))"
    # …nor a month whose trend another time continues or is measured against (延续2月份平稳向好
    # 趋势, 好于2月份)
    r"(?<!延续)(?<!继续)(?<!保持)(?<!好于)(?<!高于)(?<!低于)(?<!快于)(?<!慢于)"
    rf"(?<![\d—\-–~～至到])(?P<om>\d{{1,2}}|[{_CN_NUM}]{{1,2}})月"
    r"(?:份)?(?:当月)?(?!份|当月)(?![\d日号初中下旬底末至到—\-~～]|以来)"
    r"|(?P<lastye>去年(?:年底|底|末|年末)|上年(?:末|底))"
    # 2023年末2024年初 (a stock at the turn of the year), 2019年末2020初
    r"|(?P<yey>(?:19|20)\d{2})年(?:底|末)(?:(?:19|20)\d{2}年?初)?"
    # 第七次全国人口普查: the census day (1 November of 2020, 2010, 2000)
    r"|第(?P<census>[五六七])次(?:全国)?人口普查"
    r"|(?<![上去])(?P<ye>(?P<yenow>今年|本年)?(?:年底|年末))"
    r"|(?P<fyp>[“\"]?(?P<fypn>十[一二三四五六七八九]|九|八)五[”\"]?"
    r"(?P<fypw>(?:时期|期间)?前(?P<fypk>[一二三四两1-4])年|时期|期间|以来|规划期|末))"
    r"|(?P<firstn>(?<![年以之])前(?P<fk>[二三四两2-4])年(?=[^，。；]{0,12}?(?:年均|年平均|平均|累计|合计)))"
    rf"|(?P<pastn>过去(?:的)?(?P<pn>{_N})年)"
    rf"|(?P<nextn>(?:今后|未来)(?P<nn>{_N})年)"
    # 近五年, 五年来; 五年间, 十年间 (the years up to the one reported on, told as a stretch:
    # 五年间，180个重点项目落地生根)
    rf"|(?P<recent>近(?P<rn>{_N})年|(?P<ln>{_N})年(?:来|间))"
    # 2024年初至今 in a text of 1 November: January to October, the months reported so far
    r"|(?P<ytd>(?:(?P<ytdy>(?:19|20)\d{2})|今)?年初至今)"
    r"|(?P<since>(?P<sy>(?:19|20)\d{2})年(?:以来|至今|(?:到|至)(?:现在|目前|如今)))"
    # 从2016年开始，…累计培训4677人: the years from that one to the text's
    r"|(?P<sincefrom>(?:从|自)(?P<sfy>(?:19|20)\d{2})年(?:开始|起))"
    # 2016—2020年, 2021年至2023年: the years from one to the other
    r"|(?P<years>(?P<ya>(?:19|20)\d{2})年?(?:—|-|–|~|～|至|到)(?P<yb>(?:19|20)\d{2})年)"
    r"|(?P<nowish>截至目前|截止目前|截至当前|截止当前|目前|当前|现已|如今|(?<![节夕日])当[日天]|今[日天])"
    r"|(?P<this>今年|本年度|本年|年初以来)"
    r"|(?P<whole>(?:全年|年度)(?!最[低高好差快慢]))"  # (9月份增速全年最低: a month's rank in it)
    r"|(?P<last>去年|上年)"
    r"|(?P<next>明年)"
    r"|(?P<year>(?:19|20)\d{2})年(?!\d{1,2}月\d)"
    # 人口(2022), 国内生产总值(2022): the year a label in a table or an infobox is of (not a
    # document's number, 晋政发(2015)12号)
    r"|(?<=[\u4e00-\u9fff])[(（](?P<byear>(?:19|20)\d{2})年?[)）](?!\d*号)"
    r")"
)


def _cn_int(s: str) -> int:
    if s.isdigit():
        return int(s)
    if s == "两":
        return 2
    d = {c: i for i, c in enumerate(_CN_NUM, 1)}
    if len(s) == 1:
        return d[s]
    if s[0] == "十":
        return 10 + d[s[1]]
    return d[s[0]] * 10 + (d[s[2]] if len(s) > 2 else 0)


_FYP_START = {"八": 1991, "九": 1996, "十": 2001}


def _five_year_plan(n: str) -> tuple[int, int]:
    """'十四' -> (2021, 2025): the 14th Five-Year Plan period."""
    if n in _FYP_START:
        a = _FYP_START[n]
    else:
        a = 2001 + 5 * ("一二三四五六七八九".index(n[1]) + 1)
    return a, a + 4


def _five_year_plan_of(year: int) -> tuple[int, int]:
    """The five-year plan period ``year`` lies in (2024 -> (2021, 2025))."""
    a = 2001 + 5 * ((year - 2001) // 5)
    return a, a + 4


_SPANS = ("five_year_plan", "past_years", "recent_years", "next_years", "since", "years")


@dataclass(frozen=True)
class Cue:
    """A period named in a sentence: where, the ledger form it resolves to, and how."""

    start: int
    end: int
    period: str
    what: str  # half, q3, quarter, months, day, month_end, year_end, span, this_year, year …

    @property
    def is_span(self) -> bool:
        # 2021年以来 in 2021 is this year so far, not a span of years
        return self.what in _SPANS and ("/" in self.period)


def _span(a: int, b: int) -> str | None:
    return f"{a}/{b}" if a < b else (str(a) if a == b else None)


def _resolve(m: re.Match, year: int, now: int, today: str | None = None,
             to_day: bool = True) -> tuple[str, str] | None:  # fmt: skip
    g = m  # its groups by name, read as asked (a groupdict of all 39 cost more than the rest)
    if g["sincep"]:
        return _span(int(g["spy"]), year), "since"
    if g["half"]:
        y = int(g["hy"] or year)
        return (f"{y}-H1" if g["half"] == "上半年" else f"{y}-H2"), "half"
    if g["q3"]:
        y = int(g["qy"] or year)
        return f"{y}-01/{y}-09", "q3"
    if g["q"]:
        q = "一二三四".find(g["q"]) + 1 if not g["q"].isdigit() else int(g["q"])
        return f"{int(g['qqy'] or year)}-Q{q}", "quarter"
    if g["rm"]:
        y, mo = int(g["ry"] or year), _cn_int(g["rm"])
        if not 2 <= mo <= 12:
            return None
        return (str(y) if mo == 12 else f"{y}-01/{y}-{mo:02d}"), "months"
    if g["fmn"]:
        y, mo = int(g["fmy"] or year), _cn_int(g["fmn"])
        if not 2 <= mo <= 12:
            return None
        return (str(y) if mo == 12 else f"{y}-01/{y}-{mo:02d}"), "months"
    if g["bm"]:
        a = (int(g["ay"] or g["by"] or year), _cn_int(g["am"]))
        b = (int(g["by"] or g["ay"] or year), _cn_int(g["bm"]))
        if not (1 <= a[1] <= 12 and 1 <= b[1] <= 12 and a < b):
            return None
        return f"{a[0]}-{a[1]:02d}/{b[0]}-{b[1]:02d}", "month_range"
    if g["ud"]:
        y = int(g["ty"] or year)
        try:
            a = date(y, int(g["tm"]), int(g["td"]))
            b = date(y, int(g["um"] or g["tm"]), int(g["ud"]))
        except ValueError:
            return None
        return (f"{a.isoformat()}/{b.isoformat()}", "days") if a < b else None
    if g["lunar"]:
        first = LUNAR_NEW_YEAR.get(year)
        if first is None:
            return None
        a = first - timedelta(days=1 if g["lunar"] in ("除夕", "大年三十") else 0)
        b = first + timedelta(days=_cn_int(g["lun"]) - 1)
        return f"{a.isoformat()}/{b.isoformat()}", "days"
    if g["dm"]:
        y, mo = int(g["dy"] or year), int(g["dm"])
        try:
            if g["dd"] is None:
                return _month_end(y, mo).isoformat(), "month_end"
            return date(y, mo, int(g["dd"])).isoformat(), "day"
        except ValueError:
            return None
    if g["qe"]:
        q = "一二三四".find(g["qe"]) + 1 if not g["qe"].isdigit() else int(g["qe"])
        return _month_end(int(g["qey"] or year), 3 * q).isoformat(), "month_end"
    if g["ylist"]:
        return _span(int(g["yla"]), int(g["ylb"])), "years"
    if g["mm"]:
        y, mo = int(g["my"] or year), _cn_int(g["mm"])
        if not 1 <= mo <= 12:
            return None
        return _month_end(y, mo).isoformat(), "month_end"
    if g["om"]:
        y, mo = int(g["oy"] or year), _cn_int(g["om"])
        if not 1 <= mo <= 12:
            return None
        return f"{y}-{mo:02d}", "month"
    if g["lastye"]:
        return f"{now - 1}-12-31", "last_year_end"
    if g["yey"]:
        return f"{g['yey']}-12-31", "year_end"
    if g["census"]:
        return f"{2000 + 10 * '五六七'.index(g['census'])}-11-01", "day"
    if g["ye"]:
        return f"{now if g['yenow'] else year}-12-31", "year_end"
    if g["fyp"]:
        a, b = _five_year_plan(g["fypn"])
        if g["fypw"] == "末":
            return str(b), "year"
        if g["fypk"]:  # “十四五”前四年: the plan's first years
            return _span(a, a + _cn_int(g["fypk"]) - 1), "five_year_plan"
        if g["fypw"] == "以来" and a <= year < b:
            b = year
        return _span(a, b), "five_year_plan"
    if g["firstn"]:
        # 前四年年均增长 with no plan named: the first years of the plan period the document
        # reports from (a 2025 review's 前四年 are 2021–2024)
        a, _b = _five_year_plan_of(year)
        return _span(a, min(a + _cn_int(g["fk"]) - 1, year)), "five_year_plan"
    if g["pastn"]:
        n = _cn_int(g["pn"])
        return _span(now - n, now - 1), "past_years"
    if g["nextn"]:
        # 今后五年 from a text of the year's first half (a work report) starts with this year
        start = now + 1 if today and today[5:7] >= "07" else now
        return _span(start, start + _cn_int(g["nn"]) - 1), "next_years"
    if g["recent"]:
        n = _cn_int(g["rn"] or g["ln"])
        return _span(year - n + 1, year), "recent_years"
    if g["sincefrom"]:
        a = int(g["sfy"])
        return (_span(a, year) if a <= year else str(a)), "since"
    if g["ytd"]:
        y = int(g["ytdy"] or now)
        if today and today[:4] == str(y) and (mo := int(today[5:7]) - 1) >= 1:
            return (f"{y}-01/{y}-{mo:02d}" if mo > 1 else f"{y}-01"), "months"
        return str(y), "this_year"
    if g["since"]:
        return _span(int(g["sy"]), year), "since"
    if g["years"]:
        return _span(int(g["ya"]), int(g["yb"])), "years"
    if g["nowish"]:
        if not (to_day or g["nowish"].startswith(("截至", "截止"))):
            today = None
        return (today or str(now)), "now"
    if g["this"]:
        return str(now), "this_year"
    if g["whole"]:
        return str(year), "whole_year"
    if g["last"]:
        return str(now - 1), "last_year"
    if g["next"]:
        return str(now + 1), "next_year"
    if g["year"]:
        return g["year"], "year"
    if g["byear"]:
        return g["byear"], "year"
    return None


def find_cues(text: str, year: int, now: int | None = None, today: str | None = None,
              to_day: bool = True) -> list[Cue]:  # fmt: skip
    """Every period named in ``text``. ``year`` is what the document reports on there (全年,
    年末, 上半年 belong to it); ``now`` the year it was written in (今年, 去年, 明年 resolve
    against it; the same as ``year`` when not given); ``today`` the day it was written, when
    known (截至目前 is that day; else ``now``), and a bare 目前 too when ``to_day`` (a text that
    names the day of what it reports; a feature's 目前 is the year it was written)."""
    if len(text) > 1000:  # a whole text, read once: not kept
        return list(iter_cues(text, year, now, today, to_day))
    return list(_cues(text, year, now, today, to_day))  # (a list of its own to change)


# a pure function of its arguments, asked for again by each figure of a sentence and for each
# sentence a text repeats; bounded, as texts are long
@lru_cache(maxsize=2048)
def _cues(text: str, year: int, now: int | None, today: str | None, to_day: bool):
    return tuple(iter_cues(text, year, now, today, to_day))


def iter_cues(text: str, year: int, now: int | None = None, today: str | None = None,
              to_day: bool = True):  # fmt: skip
    """``find_cues`` one at a time, for a caller that needs only the first few of a long text
    (each is yielded once the next match has shown it does not join it)."""
    now = year if now is None else now
    last: Cue | None = None
    for m in _CUE.finditer(text):
        r = _resolve(m, year, now, today, to_day)
        if not (r and r[0]):
            continue
        cue = Cue(m.start(), m.end(), r[0], r[1])
        if (cue.what == "year" and text.endswith(_UP_TO, 0, cue.start)
                and text[cue.end : cue.end + 1] not in _TIME_GOES_ON):  # fmt: skip
            # 截至2021年，常住人口13.6万人: a stock at the year's end
            cue = Cue(cue.start, cue.end, f"{cue.period}-12-31", "year_end")
        if (
            last is not None
            and last.what in _DEICTIC
            and text[last.end : cue.start] in _DEICTIC_GAP
            and cue.what in _PARTS
            and cue.period[:4] == str(year)
        ):
            # 今年前三季度, 去年上半年, 截至今年6月底: the part of the year the deictic word
            # names, not of the year the document reports on
            y = int(last.period)
            last = Cue(last.start, cue.end, cue.period.replace(str(year), str(y)), cue.what)
            continue
        if (
            last is not None
            and cue.what == "whole_year"
            and last.what == "year"
            and cue.start - last.end <= 8
            and not _BREAK_BETWEEN.search(text, last.end, cue.start)
        ):
            # 2019年全年, 2020年山西省全年: the whole of the year just named
            cue = Cue(cue.start, cue.end, last.period, cue.what)
        if (last is not None and last.what == "years" and cue.what == "recent_years"
                and text[last.end : cue.start] in ("", "的")):  # fmt: skip
            # 1990年至2000年的十年间: the years just named, told again as a stretch
            last = Cue(last.start, cue.end, last.period, last.what)
            continue
        if (last is not None and last.what == "year" and cue.what == "year_end"
                and cue.start == last.end and len(last.period) == 4):  # fmt: skip
            # 截至2020年年底: the end of the year just named (2020-12-31), one cue
            last = Cue(last.start, cue.end, f"{last.period}-12-31", cue.what)
            continue
        if last is not None:
            yield last
        last = cue
    if last is not None:
        yield last


_BREAK_BETWEEN = re.compile(r"[，,。；;！？：:、]")
_UP_TO = ("截至", "截止", "截至到", "截止到")
# what goes on naming a time after 截至2020年 (年底, 6月, 上半年, 以来 …): not the year's end
_TIME_GOES_ON = frozenset("年底末初上下前第一二三四五六七八九十0123456789月以至到—-–~～")
# what may stand between a deictic word and the part of its year (今年截至9月底)
_DEICTIC_GAP = ("", "截至", "截止", "截至到", "截止到", "到")


# _CUE that ends where the text does: no match of it, no cue ends there
_CUE_AT_END = re.compile(f"(?:{_CUE.pattern})\\Z")


def cue_may_start_by(text: str, pos: int) -> bool:
    """Whether a cue of ``text`` can start at or before ``pos`` (False: none does), known
    without reading its cues: a cue starts where a match of the cue pattern does."""
    if _CUE.match(text) is not None:  # (by position 0, as most phrases are asked)
        return True
    return any(_CUE.match(text, p) for p in range(1, min(pos, len(text)) + 1))


def cue_may_end_at_end(text: str) -> bool:
    """Whether a cue of ``text`` can end where the text does (False: none does), known
    without reading its cues: a cue ends where a match of the cue pattern does."""
    return _CUE_AT_END.search(text) is not None


_DEICTIC = ("this_year", "last_year", "next_year")
_PARTS = ("half", "q3", "quarter", "months", "month", "month_end", "day")


_FROM_TO = re.compile(
    r"从((?:19|20)\d{2})年[^，。；]{0,24}?(?:增至|增加到|提高到|提升到|达到|增长到|到|至)"
    r"((?:19|20)\d{2})年"
)


def from_to(text: str) -> tuple[int, int] | None:
    """The years of a from–to pair (从2020年的X增至2025年的Y) -> (2020, 2025), or None."""
    m = _FROM_TO.search(text)
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None


# 自2017年4月16日…启动…以来，到2018年3月底: the day a count began from
_SINCE_DAY = re.compile(
    r"(?:自|从)((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日[^。；]{0,80}?以来[，,]?(?:到|至)"
)
# the year a growth is measured from, when the text names it (比2020年, 与2019年同期相比)
_BASE_YEAR = re.compile(
    r"(?:比|较|与|同)((?:19|20)\d{2})年(?!\d{1,2}月)(?:[^，。；]{0,6}?相比[，,]?)?"
    r"[^，。；]{0,12}?(?:增长|增加|提高|下降|减少|翻)"
)


def since_day(text: str, end: int | None = None) -> str | None:
    """The day a count runs from (自2017年4月16日…以来，到… -> '2017-04-16'), or None."""
    m = _SINCE_DAY.search(text, 0, len(text) if end is None else end)
    if m is None:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def base_year(text: str, end: int | None = None) -> int | None:
    """The year a growth before ``end`` is measured from (比2020年增长35% -> 2020), or None."""
    m = _BASE_YEAR.search(text, 0, len(text) if end is None else end)
    return int(m.group(1)) if m else None


_PLAN_NOUN = re.compile(r"计划|投资|任务|目标")


def names_a_plan(text: str, end: int) -> bool:
    """Whether the 年度 or 全年 that ends at ``end`` qualifies a plan (年度投资计划, 年度目标,
    年度计划投资): a term, not the time of what follows."""
    return _PLAN_NOUN.match(text, end) is not None


# a state that has no time: a place's land area (国土面积2865平方公里), the divisions it
# governs (下辖1个市辖区、1个县级市、12个县), what it once was (曾有11个国家级贫困县), what
# alone is left of a kind (全国仅存的19座)
_TIMELESS = re.compile(
    r"(?:下辖|辖区内|辖有|(?:^|[，,])辖)[^，。；]{0,14}$|曾(?:有|是|为|经是)[^，。；]{0,14}$|仅存的?$"
)
_LAND = re.compile(r"面积[^，。；]{0,4}$|^[\u4e00-\u9fff]{1,6}有$")
# a change of land, or land of a kind that grows (治理水土流失面积, 建成区面积): a time's
_LAND_CHANGED = re.compile(
    r"治理|完成|新增|造林|修复|整治|改造|扩大|增加|减少|建成|开发|绿化|复垦|划定|流转|覆盖|"
    r"种植|播种|销售|建筑|目前|现有|累计"
)


# a place's nature, which has no time: its height (海拔2101米), its climate's normals
# (无霜期平均167.1天, 年平均降水量为462.5毫米, 年均气温), its extent (东西55千米，南北43千米,
# 县境1987平方公里)
_NATURE = re.compile(
    r"(?:海拔|无霜期|年平均降水量|年均降水量|年平均气温|年均气温|(?P<extent>东西|南北)(?:长|宽|跨度)?"
    r"|[县市区]境(?:总)?(?:面积)?)"
    r"(?:平均|约|为|达|高|最高|最低|在)*$"
)
_LENGTHS = ("千米", "公里", "km", "米")
# how far a place lies from another (距山西长治市50公里, 离河南林州35公里), how high its hills
# rise (平均山高1600米), how long its gorge runs (主峡谷长26公里): no time either
_DISTANCE = re.compile(
    r"(?:(?:^|[，,、])[^，。；]{0,8}(?:距|离|距离)[^，。；\d]{1,12}|(?:平均)?山高|主峰高|峡谷(?:全)?长)"
    r"(?:约|为|达|仅|只有|有)*$"
)
# a works' design, which has no time (设计时速350公里, 额定水头518米, 连续满发小时数6小时,
# 单机容量2.5MW), and a length of a river or a road (黄河全长5464公里, 旅游公路长达1238公里)
_DESIGN = re.compile(
    r"(?:设计时速|额定水头|满发小时数?|单机(?:容量)?|(?P<length>全长|长达))(?:约|为|达|是|近)*$"
)
_BUILT = re.compile(r"建成|新建|修建|完成|新增|改造|累计|开通|通车|铺设")


def timeless(clause_before: str, unit: str, dated: bool = False) -> bool:
    """Whether a figure after ``clause_before`` (its clause up to it) states what has no
    time: a land area in square kilometres, the divisions a place governs, what it once was,
    a place's nature (its height, extent, distances and climate's normals), a works' design.
    A length (全长) is timeless only in a sentence that names no time (``dated`` false): in a
    list of the year's works (…改线工程全长170.62公里，…预计今年下半年开工) it is that year's
    plan."""
    if ("辖" in clause_before or "曾" in clause_before or "仅存" in clause_before) and (
        _TIMELESS.search(clause_before)
    ):
        return True
    if (m := _DESIGN.search(clause_before[-12:])) is not None and (
        not m["length"]
        or (unit.endswith(_LENGTHS) and not dated and _BUILT.search(clause_before) is None)
    ):
        return True
    if unit.endswith(_LENGTHS) and _DISTANCE.search(clause_before[-24:]) is not None:
        return True
    if (m := _NATURE.search(clause_before[-12:])) is not None and (
        not m["extent"] or unit.endswith(_LENGTHS)  # (not 东西 of goods: 买东西20件)
    ):
        return True
    return (
        unit.endswith(("平方公里", "平方千米", "km²"))
        and _LAND.search(clause_before) is not None
        and _LAND_CHANGED.search(clause_before) is None
    )


def is_month(period: str | None) -> bool:
    """Whether a ledger period is one month (2017-09)."""
    p = try_parse(period) if period else None
    return p is not None and p.grain == "month"


# ---------------------------------------------------------------------- document frames

_BULLETIN = re.compile(
    r"((?:19|20)\d{2})年[^。\n]{0,24}?(?:统计公报|主要数据公报|抽样调查主要数据|统计年鉴)"
)
# (the formula of a government's review of its year: 在县人大、县政协的监督支持下)
_WORK_REPORT = re.compile(
    r"政府工作报告|向大会报告工作|报告工作，请予审议|工作回顾|人大、[县市区]?政协的监督支持下"
)
_REVIEW_HEAD = re.compile(r"((?:19|20)\d{2})年(?:工作)?回顾|过去一年|过去的一年")
_PLAN_HEAD = re.compile(
    r"((?:19|20)\d{2})年(?:的)?(?:工作安排|重点工作|主要任务|工作总体要求|总体要求|目标任务)"
    r"|今年(?:经济社会发展|政府工作|全市|全县|全区)?(?:的)?"
    r"(?:主要预期目标|总体要求|工作安排|重点工作|目标任务)"
    r"|(?:经济社会发展的?)?主要预期(?:目标|指标)"
    # the year's list of the report's tasks (2025年县《政府工作报告》任务分解, …任务清单)
    r"|(?:19|20)\d{2}年[^，。；\n]{0,12}?政府工作报告[>》]?任务(?:清单|分解)"
)
# A sentence that opens with a year: 2024年，全市…；2024年以来，…；2024年全市…
_TOPIC = re.compile(
    r"(?=[“\s12])"  # a cheap first test (the lookbehinds after it cost more, at every character)
    r"(?:^|(?<=[。！？；\n：:）)讯]))[“\s]*((?:19|20)\d{2})年"
    r"(?P<part>以来|上半年|下半年|前三季度|一季度|第一季度|1(?:—|-|–|~|至)(?P<m>\d{1,2})月)?"
    r"(?:份)?[，,、]?(?=\S)(?!\d{1,2}月\d{1,2}日)"  # (not a day: 日期：2021年08月20日)
)


def bulletin_year(head: str) -> int | None:
    """The year a statistical bulletin reports on (…2024年国民经济和社会发展统计公报)."""
    m = _BULLETIN.search(head)
    return int(m.group(1)) if m else None


def is_work_report(head: str, opening: str) -> bool:
    return bool(_WORK_REPORT.search(head) or _REVIEW_HEAD.search(opening))


def review_year(text: str) -> int | None:
    """The year a work report reviews, when its heading names it (一、2024年工作回顾)."""
    m = _REVIEW_HEAD.search(text, max(text.find("各位代表"), 0))
    return int(m.group(1)) if m and m.group(1) else None


_TOPIC_AFTER_COMMA = re.compile(
    r"(?<=[，,])((?:19|20)\d{2})年"
    r"(?P<part>以来|上半年|下半年|前三季度|一季度|第一季度|1(?:—|-|–|~|至)(?P<m>\d{1,2})月)?"
    r"(?:份)?[，,]"
)


# where a match of _TOPIC (_TOPIC_AFTER_COMMA) can open: after the character one of them
# follows, with a year ahead. They open with that character, so the engine skips ahead to it
# (the patterns themselves open with a lookbehind, tried at every character of the text)
_TOPIC_AT = re.compile(r"[。！？；\n：:）)讯](?=[“\s]*(?:19|20)\d{2}年)")
_TOPIC_AFTER_COMMA_AT = re.compile(r"[，,](?=(?:19|20)\d{2}年)")


def _matches_at(rx: re.Pattern, text: str, starts) -> list[re.Match]:
    """``rx.finditer(text)`` when ``starts`` (ascending) holds every position a match of
    ``rx`` can open at: ``rx`` is tried there only, each match resuming after the last."""
    out, last = [], 0
    for p in starts:
        if p >= last and (m := rx.match(text, p)) is not None:
            out.append(m)
            last = m.end()
    return out


def topic_periods(text: str) -> list[tuple[int, str]]:
    """(position, ledger period) of each sentence that opens with a time: 2024年，全市… ->
    '2024'; 2021年上半年，全省… -> '2021-H1'; 2024年1—7月，… -> '2024-01/2024-07'."""
    out = []
    topics = _matches_at(_TOPIC, text, [0, *(m.end() for m in _TOPIC_AT.finditer(text))])
    after_comma = _matches_at(
        _TOPIC_AFTER_COMMA, text, [m.end() for m in _TOPIC_AFTER_COMMA_AT.finditer(text)]
    )
    found = sorted([*topics, *after_comma], key=lambda m: m.start())
    for m in found:
        y, part = int(m.group(1)), m.group("part") or ""
        if part in ("上半年", "下半年"):
            p = f"{y}-H{1 if part == '上半年' else 2}"
        elif part == "前三季度":
            p = f"{y}-01/{y}-09"
        elif part.endswith("季度"):
            p = f"{y}-Q1"
        elif m.group("m") and 2 <= int(m.group("m")) <= 11:
            p = f"{y}-01/{y}-{int(m.group('m')):02d}"
        else:
            p = str(y)
        out.append((m.start(1), p))
    return out


# a sentence that opens with last year as its time (去年，全县…; 去年天镇县“三农”工作…), not
# with a comparison or a stock of it (去年同期, 去年底, 去年末)
_LAST_YEAR_TOPIC = re.compile(r"(?:^|(?<=[。！？\n]))[“\s]*(去年|过去一年)(?!同期|底|末|年底|年末)")


def relative_topics(text: str, now: int) -> list[tuple[int, str]]:
    """(position, ledger period) of each sentence that opens with 去年 or 过去一年 in a text
    written in ``now``: ``now - 1``, the time the sentences after it go on in."""
    return [(m.start(1), str(now - 1)) for m in _LAST_YEAR_TOPIC.finditer(text)]


def plan_part_start(text: str) -> int | None:
    """Where a work report's plan part begins (主要预期目标, 2025年工作安排), or None. A table
    of contents before the salutation (各位代表) is skipped, and so is the review part."""
    start = text.find("各位代表")
    start = max(start, 0)
    r = _REVIEW_HEAD.search(text, start)
    if r is not None:
        start = r.end()
    m = _PLAN_HEAD.search(text, start)
    return m.start() if m else None
