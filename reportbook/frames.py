"""Frames: what time and place a document speaks from, so relative words resolve right.

A document's *frame* is read from its own text, not only from its publication date:

- ``now``: the year the document was written (its date). Deictic words resolve against it:
  今年 is ``now``, 去年 ``now - 1``, 明年 ``now + 1``.
- ``year_at(pos)``: the year its undated figures report on at a position — what 全年, 年末,
  上半年, 前三季度 or 1—9月 belong to. A statistical bulletin of 2024 (published in 2025) reports
  on 2024 throughout; a government work report reviews the year before its date (一、2024年工作
  回顾, 过去一年) and, from the part that sets this year's targets on (主要预期目标, 2025年工作
  安排), speaks of ``now``; elsewhere a sentence that opens with a year (``2024年，全市…``)
  makes it the topic until another one does.
- ``planning_at(pos)``: whether the position lies in a work report's plan part, where an
  unmarked figure for this year is a target.
- ``home``: the place the document is about (``reportbook.places.home_of``).

``holiday(name, year)`` gives the official dates of a public holiday (春节, 五一 …), so 春节
假期 is a dated span, not a year.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from reportbook import periods, places
from reportbook.normalize.script import simplified

GENRES = ("bulletin", "work-report", "other")

# Official public holidays (State Council general office notices), by year: name -> (start, end)
HOLIDAYS = {
    2010: {"元旦": ("01-01", "01-03"), "春节": ("02-13", "02-19"), "清明": ("04-03", "04-05"),
           "劳动节": ("05-01", "05-03"), "端午": ("06-14", "06-16"), "中秋": ("09-22", "09-24"),
           "国庆": ("10-01", "10-07")},
    2011: {"元旦": ("01-01", "01-03"), "春节": ("02-02", "02-08"), "清明": ("04-03", "04-05"),
           "劳动节": ("04-30", "05-02"), "端午": ("06-04", "06-06"), "中秋": ("09-10", "09-12"),
           "国庆": ("10-01", "10-07")},
    2012: {"元旦": ("01-01", "01-03"), "春节": ("01-22", "01-28"), "清明": ("04-02", "04-04"),
           "劳动节": ("04-29", "05-01"), "端午": ("06-22", "06-24"), "中秋": ("09-30", "10-07"),
           "国庆": ("09-30", "10-07")},
    2013: {"元旦": ("01-01", "01-03"), "春节": ("02-09", "02-15"), "清明": ("04-04", "04-06"),
           "劳动节": ("04-29", "05-01"), "端午": ("06-10", "06-12"), "中秋": ("09-19", "09-21"),
           "国庆": ("10-01", "10-07")},
    2014: {"元旦": ("01-01", "01-01"), "春节": ("01-31", "02-06"), "清明": ("04-05", "04-07"),
           "劳动节": ("05-01", "05-03"), "端午": ("05-31", "06-02"), "中秋": ("09-06", "09-08"),
           "国庆": ("10-01", "10-07")},
    2015: {"元旦": ("01-01", "01-03"), "春节": ("02-18", "02-24"), "清明": ("04-04", "04-06"),
           "劳动节": ("05-01", "05-03"), "端午": ("06-20", "06-22"), "中秋": ("09-26", "09-27"),
           "国庆": ("10-01", "10-07")},
    2016: {"元旦": ("01-01", "01-03"), "春节": ("02-07", "02-13"), "清明": ("04-02", "04-04"),
           "劳动节": ("04-30", "05-02"), "端午": ("06-09", "06-11"), "中秋": ("09-15", "09-17"),
           "国庆": ("10-01", "10-07")},
    2017: {"元旦": ("12-31", "01-02"), "春节": ("01-27", "02-02"), "清明": ("04-02", "04-04"),
           "劳动节": ("04-29", "05-01"), "端午": ("05-28", "05-30"), "中秋": ("10-01", "10-08"),
           "国庆": ("10-01", "10-08")},
    2018: {"元旦": ("12-30", "01-01"), "春节": ("02-15", "02-21"), "清明": ("04-05", "04-07"),
           "劳动节": ("04-29", "05-01"), "端午": ("06-16", "06-18"), "中秋": ("09-22", "09-24"),
           "国庆": ("10-01", "10-07")},
    2019: {"元旦": ("12-30", "01-01"), "春节": ("02-04", "02-10"), "清明": ("04-05", "04-07"),
           "劳动节": ("05-01", "05-04"), "端午": ("06-07", "06-09"), "中秋": ("09-13", "09-15"),
           "国庆": ("10-01", "10-07")},
    2020: {"元旦": ("01-01", "01-01"), "春节": ("01-24", "01-30"), "清明": ("04-04", "04-06"),
           "劳动节": ("05-01", "05-05"), "端午": ("06-25", "06-27"), "中秋": ("10-01", "10-08"),
           "国庆": ("10-01", "10-08")},
    2021: {"元旦": ("01-01", "01-03"), "春节": ("02-11", "02-17"), "清明": ("04-03", "04-05"),
           "劳动节": ("05-01", "05-05"), "端午": ("06-12", "06-14"), "中秋": ("09-19", "09-21"),
           "国庆": ("10-01", "10-07")},
    2022: {"元旦": ("01-01", "01-03"), "春节": ("01-31", "02-06"), "清明": ("04-03", "04-05"),
           "劳动节": ("04-30", "05-04"), "端午": ("06-03", "06-05"), "中秋": ("09-10", "09-12"),
           "国庆": ("10-01", "10-07")},
    2023: {"元旦": ("12-31", "01-02"), "春节": ("01-21", "01-27"), "清明": ("04-05", "04-05"),
           "劳动节": ("04-29", "05-03"), "端午": ("06-22", "06-24"), "中秋": ("09-29", "10-06"),
           "国庆": ("09-29", "10-06")},
    2024: {"元旦": ("01-01", "01-01"), "春节": ("02-10", "02-17"), "清明": ("04-04", "04-06"),
           "劳动节": ("05-01", "05-05"), "端午": ("06-08", "06-10"), "中秋": ("09-15", "09-17"),
           "国庆": ("10-01", "10-07")},
    2025: {"元旦": ("01-01", "01-01"), "春节": ("01-28", "02-04"), "清明": ("04-04", "04-06"),
           "劳动节": ("05-01", "05-05"), "端午": ("05-31", "06-02"), "中秋": ("10-01", "10-08"),
           "国庆": ("10-01", "10-08")},
    2026: {"元旦": ("01-01", "01-03"), "春节": ("02-15", "02-23"), "清明": ("04-04", "04-06"),
           "劳动节": ("05-01", "05-05"), "端午": ("06-19", "06-21"), "中秋": ("09-25", "09-27"),
           "国庆": ("10-01", "10-07")},
}  # fmt: skip
HOLIDAY_RE = re.compile(
    r"(?P<name>春节|元旦|清明|五一|劳动节|端午|中秋|国庆|十一)[”\"]?(?:节|小长假|长假|黄金周)?[”\"]?"
    r"(?:假日|假期|期间|黄金周|小长假|长假|节日期间)"
    # a day of a fixed date, not a public holiday: 中国旅游日 (19 May, since 2011)
    r"|(?P<fixed>中国旅游日)"
)
FIXED_DAYS = {"中国旅游日": ("05-19", 2011)}
_HOLIDAY_ALIAS = {"五一": "劳动节", "十一": "国庆"}


def holiday(name: str, year: int) -> str | None:
    """The holiday's dates in ``year`` as a ledger period (``2024-02-10/2024-02-17``)."""
    if name in FIXED_DAYS:
        day, since = FIXED_DAYS[name]
        return f"{year}-{day}" if year >= since else None
    name = _HOLIDAY_ALIAS.get(name, name)
    days = HOLIDAYS.get(year, {}).get(name)
    if not days:
        return None
    a, b = days
    start_year = year - 1 if name == "元旦" and a.startswith("12") else year
    if a == b:
        return f"{year}-{a}"
    return f"{start_year}-{a}/{year}-{b}"


@dataclass
class Frame:
    now: int
    reference: int
    genre: str = "other"
    home: places.Place | None = None
    plan_start: int | None = None
    topics: list[tuple[int, str]] = field(default_factory=list)  # (position, period), sorted
    dated: bool = True  # whether the text names any time at all
    # whether its title or lead says when the text is (a feature that opens with what a place
    # is and has, 定襄县…面积仅800多平方公里, dates nothing until it names a year)
    lead_dated: bool = True
    # the part of a year its title or first sentence says the whole text reports on
    # (柳林县2024年上半年经济运行情况 -> 2024-H1), or None
    lead: str | None = None
    # the year a plan or a list of aims its title names is for (长治市2023年国民经济和社会发展
    # 计划 -> 2023): an aim with no time of its own is for that year, whenever it was posted
    aims_year: int | None = None

    def period_at(self, pos: int) -> str:
        """The period an undated figure at ``pos`` reports on."""
        if self.genre == "work-report" and self.plan_start is not None and pos >= self.plan_start:
            return str(self.now)
        # (in a bulletin, topics are the parts of a compilation of several years' bulletins:
        # 2021年末全市常住人口…。全年全市出生人口… is 2021's)
        i = bisect.bisect_right(self.topics, (pos, "~")) - 1
        return self.topics[i][1] if i >= 0 else str(self.reference)

    def undated_at(self, pos: int) -> bool:
        """Whether a figure at ``pos`` with no time of its own reports on no time: the text
        has set none yet (its lead names none, nor has a year opened a sentence before it)."""
        return (
            self.genre == "other"
            and not self.lead_dated
            and bisect.bisect_right(self.topics, (pos, "~")) == 0
        )

    def year_at(self, pos: int) -> int:
        return periods.start_year(self.period_at(pos))

    def planning_at(self, pos: int) -> bool:
        """Whether ``pos`` lies in a part that sets aims: a work report's plan part, or any
        part of a text its title names a plan for a year (``aims_year``)."""
        return self.aims_year is not None or (
            self.genre == "work-report" and self.plan_start is not None and pos >= self.plan_start
        )

    def reviewing_at(self, pos: int) -> bool:
        return self.genre == "work-report" and (self.plan_start is None or pos < self.plan_start)


# How far into a text its lead reaches: a year named there is what the whole text reports on.
LEAD_CHARS = 300
_DAY_RE = re.compile(r"\d{1,2}月\d{1,2}日")
# a news report's opening (本报讯, 记者…报道, 日前, 近日): it tells what is new when it is written
_NEWS_LEAD = re.compile(
    r"本报讯|^[^。\n]{0,20}讯[（(\s]|记者[^。\n]{0,12}(?:报道|获悉|了解到)|日前|近日"
)


def _local_history(text: str, topics: list[tuple[int, str]], reference: int, now: int):
    """Topics with an end: a sentence that opens with a year long past (2012年，娑婆乡成立…)
    tells history, and its year holds to the end of its paragraph only; then the text is back
    in the time it reports from (the last recent topic, else the reference year)."""
    out: list[tuple[int, str]] = []
    current = str(reference)
    for i, (pos, period) in enumerate(topics):
        out.append((pos, period))
        if periods.start_year(period) >= now - 1:
            current = period
            continue
        end = text.find("\n", pos)
        nxt = topics[i + 1][0] if i + 1 < len(topics) else len(text)
        if end != -1 and end < nxt:
            out.append((end, current))
    return out


# a sentence that opens with a day and no year (2月27日，晋中市举行…签约仪式)
_DAY_OPENING = re.compile(r"(?:^|(?<=[。！？\n]))[ \t]*(?P<m>\d{1,2})月(?P<d>\d{1,2})日[，,]")
# where one can open after the text's first: right after a sentence's end, with a day ahead.
# It opens with that character, so the engine skips ahead to it (_DAY_OPENING opens with a
# lookbehind, tried at every character of the text: 18 ms through the bench's text, 4 ms so)
_DAY_AFTER_END = re.compile(r"[。！？\n](?=[ \t]*\d{1,2}月\d{1,2}日[，,])")


def _day_openings(text: str):
    """``_DAY_OPENING.finditer(text)``, tried only where a match can open (the same matches:
    one holds no sentence's end, so none overlaps the next)."""
    for p in [0, *(m.end() for m in _DAY_AFTER_END.finditer(text))]:
        if (m := _DAY_OPENING.match(text, p)) is not None:
            yield m


def _opens_now(sentence: str, now: int) -> bool:
    """Whether ``sentence`` opens with where things stand now (截至目前, 目前, 当前 …)."""
    cue = next(periods.iter_cues(sentence, now, now), None)
    return cue is not None and cue.what == "now" and not sentence[: cue.start].strip()


def _with_last_year(
    text: str, topics: list[tuple[int, str]], last_year: list[tuple[int, str]], now: int
) -> list[tuple[int, str]]:
    """Topics with the sentences that open with 去年: a text whose paragraphs open with it again
    and again reviews last year, and each holds on; one said in passing (…14年来，….。去年，电站
    发电7.6亿千瓦时) holds to the end of its paragraph, then the text is back where it was."""
    opens = 0  # how many open a paragraph
    for pos, _ in last_year:
        before = text[max(0, pos - 8) : pos].rstrip(" \t“")
        opens += pos < 8 and not before or before.endswith("\n")
    out = sorted([*topics, *last_year])
    if opens >= 2:
        return out
    for pos, _ in last_year:
        end = text.find("\n", pos)
        i = bisect.bisect_left(out, (pos, "")) - 1
        if end != -1 and not any(pos < p < end for p, _ in out):
            out.append((end, out[i][1] if i >= 0 else str(now)))
    return sorted(out)


def _back_to_its_days(text: str, topics: list[tuple[int, str]], now: int, written: str):
    """Topics with a return: a sentence that opens with a day and no year (2月27日，…) is told
    in the text's own days, after a paragraph on last year (2017年，晋中率先…) — the year it
    was written in, or the one before for a day after the month it was written in."""
    if not topics or "月" not in text:
        return topics
    out = list(topics)
    for m in _day_openings(text):
        i = bisect.bisect_right(out, (m.start(), "~")) - 1
        if i < 0:
            continue  # (no time set before it: the frame's reference holds)
        year = now - 1 if _after_written(f"{now}-{int(m['m']):02d}", written) else now
        if len(out[i][1]) == 4 and out[i][1] != str(year):
            out.insert(i + 1, (m.start(), str(year)))
    return out


def _year_so_far(text: str, topics: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """2021年以来 in a report on 2021's first half is that half: the year so far."""
    out: list[tuple[int, str]] = []
    for pos, period in topics:
        if out and len(period) == 4 and text.startswith(f"{period}年以来", pos):
            last = periods.try_parse(out[-1][1])
            if last is not None and last.is_cumulative and str(last.year) == period:
                period = out[-1][1]
        out.append((pos, period))
    return out


def _last_year(period: str) -> int:
    """The year a period ends in (2024 for 2024-01/2024-09, 2025 for 2021/2025); an
    unreadable one counts as this year's (the text is then taken as dated)."""
    p = periods.try_parse(period)
    return p.end.year if p else 10_000


def _plan_reviewed(opening: str, now: int) -> int | None:
    """The last year of a five-year plan period the opening names, when it has ended before
    the text was written (“十四五”时期… in 2026 -> 2025), else None."""
    cues = periods.find_cues(opening, now, now)
    if not any(c.what == "five_year_plan" for c in cues) and _REVIEW_WORD.search(opening):
        # the plan named bare in a review (偏关县“十四五”发展综述; …为“十四五”画上了圆满句号)
        if (bare := _BARE_PLAN.search(opening)) is not None:
            cues = periods.find_cues(f"“{bare.group(1)}五”时期", now, now)
    for c in cues:
        if c.what == "five_year_plan" and "/" in c.period:
            start, end = periods.start_year(c.period), periods.end_year(c.period)
            # the whole plan period (not its first years, 前四年, told before it ended)
            return end if end - start == 4 and end < now else None
    return None


_BARE_PLAN = re.compile(r"[“\"](十[一二三四五六七八九]|九|八)五[”\"]")
_REVIEW_WORD = re.compile(r"综述|回眸|回顾|成就|答卷|收官|圆满|画上|成绩单|巡礼")


def _after_written(period: str, written: str) -> bool:
    """Whether ``period`` ends after the month the text was written in (``YYYY-MM…``)."""
    p = periods.try_parse(period)
    if p is None or len(written) < 7 or not written[:4].isdigit():
        return False
    return p.end.isoformat()[:7] > written[:7]


def first_sentence(text: str) -> tuple[str, int]:
    """The text's first sentence of prose (up to 200 characters) and where it ends in ``text``:
    the first line, unless that is a headline or page furniture (a line with no clause mark,
    日期：09-21) and a sentence follows within the next few lines."""
    pos, seen = len(text) - len(text.lstrip()), 0
    for line in text[pos:].split("\n", 12)[:12]:
        if "，" in line or "," in line or line.rstrip().endswith("。"):
            first = re.split(r"[。！？]", line, maxsplit=1)[0][:200]
            return first, pos + len(first)
        pos += len(line) + 1
        seen += bool(line.strip())  # (blank lines between them do not count)
        if seen == 6:
            break
    first = re.split(r"[。！？\n]", text.lstrip(), maxsplit=1)[0][:200]
    return first, len(text) - len(text.lstrip()) + len(first)


# a title that names a plan or aims (…年国民经济和社会发展计划, …年工作要点), not a report on one
_AIMS_TITLE = re.compile(r"计划|目标|要点|工作安排|工作打算")
_REPORTED_TITLE = re.compile(r"执行情况|完成情况|总结|回顾|成效|进展")


def read(text: str, now: int, title: str = "", region: str | None = None,
         written: str = "") -> Frame:  # fmt: skip
    """The frame of a document written in ``now`` (its date's year; ``written``, the date
    itself, to the month or day, when known)."""
    # a title given in traditional script (渾源縣…工作報告) reads as the text does
    title = simplified(title or "")
    head = title + "\n" + text[:600]
    title_years = {c.period for c in periods.find_cues(title, now, now) if c.what == "year"}
    aims_year = (int(next(iter(title_years))) if len(title_years) == 1 and _AIMS_TITLE.search(title)
                 and not _REPORTED_TITLE.search(title) else None)  # fmt: skip
    genre, reference, plan_start, lead_dated, lead_period = "other", now, None, True, None
    if (y := periods.bulletin_year(head)) is not None:
        genre, reference = "bulletin", y
    elif periods.is_work_report(head, text[:1500]):
        genre = "work-report"
        y = periods.review_year(text)
        reference = y if y is not None and y < now else now - 1
        plan_start = periods.plan_part_start(text)
    topics, news = [], False
    if genre == "bulletin":
        # a sentence that opens with another year's end (2021年末…) begins that year's part
        topics = [(pos, p) for pos, p in periods.topic_periods(text)
                  if len(p) == 4 and text.startswith(f"{p}年末", pos)]  # fmt: skip
        if not any(p != str(reference) for _, p in topics):
            topics = []
    if genre == "other":
        topics = [(pos, p) for pos, p in periods.topic_periods(text)
                  if now - 12 <= periods.start_year(p) <= now + 1]  # fmt: skip
        # the title's time, or a part of a year the first sentence names (忻州市2020年上半年
        # 经济运行分析; …发布上半年经济运行数据): what the whole report is about
        first, first_end = first_sentence(text)
        lead = [c for c in periods.find_cues(title or "", now, now)
                if c.what in ("half", "q3", "quarter", "months", "month", "year")]  # fmt: skip
        lead += [c for c in periods.find_cues(first, now, now)
                 if c.what in ("half", "q3", "quarter", "months")]  # fmt: skip
        if lead and (not topics or topics[0][0] > first_end):
            part = next((c for c in lead if c.what != "year"), lead[0])
            period = part.period
            years = [c for c in lead if c.what == "year"]
            if part.what != "year" and years and period[:4] != years[0].period:
                period = period.replace(period[:4], years[0].period)
            elif not years and _after_written(period, written):
                # 1-11月 in a release of January 2018: the months of 2017, not months to come
                period = period.replace(str(now), str(now - 1))
            topics = [(0, period), *topics]
            lead_period = period
        # a lead with a date or any time (12月24日上午，…召开新闻发布会; “十四五”…) dates the text;
        # so does a text whose first named time is its own year: only a text that names nothing
        # but the past is undated description until then (面积仅800多平方公里…2025年全县…)
        opening = (title or "") + "\n" + text[:LEAD_CHARS]
        news = _NEWS_LEAD.search(opening) is not None or _DAY_RE.search(opening) is not None
        lead_dated = bool(
            lead
            or (topics and topics[0][0] <= LEAD_CHARS)
            or news
            or any(c.what != "now" for c in periods.find_cues(opening, now, now))
            # the first time the text names (not 如今, 目前), read only when asked for
            or (named := next((c for c in periods.iter_cues(text, now, now)
                               if c.what != "now"), None)) is None
            or _last_year(named.period) >= now
        )  # fmt: skip
        first_year = periods.start_year(topics[0][1]) if topics else None
        if (topics and topics[0][0] <= LEAD_CHARS and now - 1 <= first_year <= now
                and not (first_year < now and _opens_now(first, now))):  # fmt: skip
            reference = first_year  # a review of last year, or of this year's part (not a
            # text that opens with where things stand, 截至目前，…项目共计602项)
        elif not topics and (ended := _plan_reviewed(opening, now)) is not None:
            reference = ended  # a review of a plan period that has ended: where it names no
            # time, it speaks of the state at the period's end (“十四五”成就 told in 2026)
        if aims_year is not None:
            reference = aims_year  # (a plan for 2023 posted in 2025 speaks of 2023 throughout)
        # (去年 opening a sentence sets the time after it, never the text's own: not its lead)
        topics = _with_last_year(text, topics, periods.relative_topics(text, now), now)
        topics = _local_history(text, _year_so_far(text, topics), reference, now)
        topics = _back_to_its_days(text, topics, now, written)
    home = places.home_of(title, text, region)
    dated = (bool(topics) or genre != "other" or news
             or next(periods.iter_cues(text, now), None) is not None)  # fmt: skip
    return Frame(now=now, reference=reference, genre=genre, home=home, plan_start=plan_start,
                 topics=topics, dated=dated, lead_dated=lead_dated, lead=lead_period,
                 aims_year=aims_year)  # fmt: skip
