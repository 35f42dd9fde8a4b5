"""Extraction: every figure of one document, read clause by clause — value, sign, kind,
period, place and indicator, each decided by the figure's own words first.

``extract_source(entry, text, vocabulary)`` turns one normalized text into ledger rows;
``extract_rows(paths)`` does it for every registered source (``ledger.extract_all`` makes the
ledger of them). Units of reading: the **sentence** (the ``quote``: split after 。！？；;!?﹔ and
newlines, and before a ``——`` list item), the **clause** (the sentence split at ，,：:), the
**paragraph** (a line). The document's **frame** (``reportbook.frames``) says which year its
undated figures report on, where a work report's plan part starts, and which place it is about.

How each figure is read (the first rule that applies wins; ``kind_cue`` records which):

- **value and sign**: as printed, negative for a decrease (同比下降3.4% → -3.4 in ``value`` and
  ``value_base`` alike; 低于全省1.1个百分点 → -1.1). A number whose digits were lost in scraping
  (``45.万人次``) is not read at all; the normalizer reports it for review.
- **kind**, decided within the figure's clause: a forecast word (预计, 有望, 可达) makes only its
  own clause a forecast; a strong target word (力争, 确保, 目标, 预期) before the figure makes
  a target, a plan word (计划, 拟, 谋划) a plan; a result word (完成, 实现, 达到, 同比, 截至,
  累计, 位居) a result. Words whose sense depends on the frame — 实施/推进/建设 (plan or done),
  争取/控制在/打造 (target or achieved) — follow the frame: in a review they report results, in
  a plan part or with a future time they plan. With no word in the clause: an earlier clause of
  the sentence with a target or plan word, then the head of a list (a sentence ending in ：
  or an item of a ；-list) passes its kind on; a work report's plan part makes an unmarked
  figure a target, and so does a period after the document's year; otherwise a result.
- **period**, from the figure's own words first: a comparison (与一季度(-4.2%)相比) keeps its
  own period; a cue in the clause (nearest before, else after), with 年均/累计/平均 over a
  span taking the span (“十四五”时期, 过去五年, 从2020年…增至2025年… → 2021/2025); a holiday
  (春节假期) its official dates; then an earlier clause, an earlier sentence of the paragraph
  (for results), and last the frame's year (a bulletin's, a work report's reviewed year).
  Deictic words (今年, 去年) resolve against the year the document was written, the others
  (全年, 年末, 上半年) against the frame.
- **place**, per clause (``reportbook.places``): the nearest place named as the subject before
  the figure in its clause or sentence (全市 is the document's own place, 全省 the province, a
  county by name that county); a place that is only a yardstick (高于全省, 居全省第一,
  占全省的) is not the subject. ``subset`` names a part of the place (a scenic spot, a park,
  key enterprises) when the figure is about that part.
- **indicator** from ``data/indicators.yml`` (``indicators.Vocabulary.match``); no match: the
  row is kept, ``unclassified``, with a best-guess theme.

**Tables** (registry ``type: table``) are read by ``reportbook.tables``.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import gc
import itertools
import re

from reportbook import frames, phrases, places, sources
from reportbook import paths as project_paths
from reportbook import periods as periods_mod
from reportbook.errors import TableError
from reportbook.indicators import Vocabulary
from reportbook.periods import find_cues as find_period_cues
from reportbook.quantities import find_quantities, table_blocks
from reportbook.registry import load_indicators
from reportbook.schema import COLUMNS, figure_id  # noqa: F401 - re-exported
from reportbook.tables import read_table

SENTENCE_END = "。！？；;!?﹔\n"
CLAUSE_RE = re.compile(r"[，,：:﹐﹕]")
SENT_RE = re.compile(r"[^。！？；;!?﹔\n]*(?:[。！？；;!?﹔]+[”’」』）)]*|\n|$)")

# Kind cues. Strong cues decide wherever they stand; frame cues follow the frame.
FORECAST = (
    r"预计|预测|有望|可望|估计|可达|将达到?|将突破|将超过|预期将|"
    # what a project is to bring once built (建成后可实现旅游收入15亿元, 可带动就业2000人)
    r"可实现|可带动|可新增|可创造|可吸纳|可增加|可解决|可形成|"
    # …and a return expected (预期年收益达15万元)
    r"预期(?=年?(?:收益|产值|利润|收入|效益))"
)
TARGET = (
    r"力争|(?<!为)(?<!为了)确保|力求|(?<!完成)(?<!完成年度)目标(?:是|为|任务是)?(?!任务的|的|值的)|预期目标|"
    r"要达到|争取达到|努力实现|奋力实现|实现[^，。；]{0,6}目标|"
    # an expected growth set ahead (预期地区生产总值增长6%左右), not an expectation met
    # (not 人均预期寿命达到80.81岁: life expectancy, a result)
    r"预期(?!寿命)(?=[^，。；\d预]{2,12}?(?:增长|下降|达到|增加|提高|控制在))"
)
TARGET_FRAME = r"争取|打造|控制在|牵引形成|形成|构建|提高到|提升到|增长到"
PLAN = (  # 计划完成投资 is planned; 超计划完成, 按计划完成 are done
    r"计划(?<!超计划)(?<!按计划)(?!的)|拟|谋划|规划(?:建设|实施)|年度投资计划|将实施|将建设|"
    r"将新建|将开工|将再?完成|将退出|将关闭"
)
PLAN_FRAME = (
    r"实施|推进|加快建设|新建|开工建设|安排|建设|布局|储备|招引|引进|谋划实施|新开工|开工|"
    r"推动|落地|入库|重点工作|意见|方案|规划|纲要"
)
ACTUAL_STRONG = (
    # a target met or beaten (超额完成年初预定目标, 超目标2.02亿元) is a result, not a target
    r"超额完成[^，。；]{0,8}目标(?:任务)?|超目标|"
    r"(?<!确保)(?<!力争)(?<!争取)(?<!努力)(?<!要)完成[^，。；]{0,6}目标(?:任务)?|"
    r"已|截至|截止|同比|比上年|较上年|比去年|较去年|累计|完成了|实现了|达到了|"
    # (逐步建成, 将建成, 计划建成: building to come)
    r"(?<!逐步)(?<!将)(?<!计划)(?<!拟)(?<!力争)(?<!争取)(?<!要)建成|投产|位居|"
    r"名列|位列|在建|共有|拥有|(?<!在)现有(?![的基])|成功(?=[引创举建签打获])|"
    # the batches of an investment drive held (“签约一批”项目20个, 集中签约项目15个)
    r"签约一批|开工一批|投产一批|"
    r"(?<!计划)(?<!拟)(?<!将)(?<!力争)(?<!争取)(?<!要)集中签约|(?<!将)现场签约|新签约|共签约|"
    # what was done against a plan (计划开工39项，实际开工37项，未按期开工两项; 完成率55.9%)
    r"实际|完成率|未按期|提前开工|提前竣工|"
    # work begun on a day the text reports (183个重大项目同时开工, 首批集中开工的…)
    r"集中开工|同时开工|正式开工|全面开工|陆续开工|(?<!计划)(?<!将)(?<!拟)集中开复工"
)
ACTUAL = (  # (占地总面积83亩 is land taken, no share: 占 but not 占地…面积; 占地区生产总值 is one)
    r"完成|增长了|下降了|增长|下降|增加|减少|提高|回落|上涨|达到|达|实现|突破|超过|创|接待|惠及|"
    r"帮助|带动|占(?!地(?:总)?面积|地约|地近|地\d)|排名|居全|新增|净增|为|是"
)


def _depths(pattern: str):
    """(position, character, depth) of each character of a regular expression outside a
    character set and not escaped; depth counts the groups open before it."""
    depth, i, in_set = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
        else:
            depth -= c == ")"
            yield i, c, depth
            depth += c == "("
        i += 1


def _firsts(pattern: str) -> str:
    """The characters the alternatives of ``pattern`` open with (after their lookbehinds),
    sorted. Every alternative must open with a literal character."""
    cuts = [-1, *(i for i, c, d in _depths(pattern) if c == "|" and d == 0), len(pattern)]
    firsts = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        alt = pattern[a + 1 : b]
        while alt.startswith(("(?<!", "(?<=")):  # a lookbehind: the next character opens it
            alt = alt[next(i for i, c, d in _depths(alt) if c == ")" and d == 0) + 1 :]
        if not alt or alt[0] in "()[]{}|\\.^$*+?" or alt[1:2] in ("?", "*", "{"):
            raise ValueError(f"an alternative of {pattern!r} opens with no literal: {alt!r}")
        firsts.add(alt[0])
    return "".join(sorted(firsts))


def _first_test(pattern: str) -> str:
    """``pattern`` behind a lookahead of the characters its alternatives open with (after
    their lookbehinds), so that the engine tries its many words only where one can start:
    the same matches (KIND_RE over 14,000 sentences: 250 ms plain, 170 ms so). Every
    alternative must open with a literal character."""
    return f"(?=[{_firsts(pattern)}])(?:{pattern})"


_KINDS = (
    ("forecast", FORECAST), ("target", TARGET), ("plan", PLAN), ("actual_strong", ACTUAL_STRONG),
    ("target_frame", TARGET_FRAME), ("plan_frame", PLAN_FRAME), ("actual", ACTUAL),
)  # fmt: skip
# behind one more lookahead, of the characters any kind's words open with: where none can
# start, one test instead of seven (the same matches; KIND_RE over 5,000 sentences: 50 ms
# with the seven tests alone, 23 ms so)
KIND_RE = re.compile(
    f"(?=[{''.join(sorted(set(''.join(_firsts(p) for _g, p in _KINDS))))}])(?:"
    + "|".join(f"(?P<{g}>{_first_test(p)})" for g, p in _KINDS)
    + ")"
)
PAST_RE = re.compile(
    r"去年|上年|过去|已经|已|累计|截至|截止|建成|投产|完成了|实现了|以来|同比|回顾"
)
# (this one and SPAN_WORD_RE behind _first_test: the same matches, found twice as fast)
FUTURE_RE = re.compile(_first_test(
    r"将|要|计划|拟|力争|(?<![高升加长降少])到(?:(?P<by>20\d{2})年|年底|年末)|今后|未来|年内|全年计划"
))  # fmt: skip
_COMPARED = "相比"  # (a sentence without it or 持平 holds no comparison: the pattern ends in one)
# (与上年同期持平: level with the yardstick, a comparison too)
COMPARISON_RE = re.compile(rf"[与和同较](?P<inner>[^，,。；;]{{1,16}}?)(?:{_COMPARED}|持平)")
# the times a difference is measured against (分别快于一季度、2016年全年2.3个、7个百分点;
# 较2016年全年加快6.8个百分点): the yardsticks', not the figure's
_FASTER_THAN = re.compile(
    r"(?:快于|慢于|高于|低于|好于|超过|超出|较)[^，,。；;]{0,16}(?:季度|全年|上半年|下半年|同期)"
)
SPAN_WORD_RE = re.compile(
    _first_test(r"年均|(?<!\d)年平均|平均每年|平均年|平均种植|累计|合计|总计|期间|时期|先后")
)
GROWTH_RE = re.compile(
    r"(?:增长|增速|增幅|涨幅|下降|回落|提高|上涨|增加|减少|降低|负增长|降幅)"
    r"[了为达到至约近超过突破(（]{0,3}$"
)
NEGATIVE_DIFF_RE = re.compile(r"(?:低于|慢于|落后于?|少于|比[^，。；]{0,8}低|较[^，。；]{0,8}低)"
                              r"[^，。；]{0,12}$")  # fmt: skip
# a scenic spot's word (五台山景区, 金沙滩生态旅游区, 忻州古城)
_SPOT_WORDS = r"景区|旅游区|风景名胜区|度假区|古城"
_SUBSET_WORDS = (
    rf"{_SPOT_WORDS}|公园|湿地|开发区|园区|产业园|示范区|经济区|产业新城|重点企业|龙头企业|"
    r"产业集群|集群"
)
SUBSET_RE = re.compile(
    r"(?:(?:\d+|[一二三四五六七八九十]+)(?:个|家|大))?(?:重点(?:监测)?|A级|4A级|5A级)?"
    rf"[\u4e00-\u9fff]{{0,8}}?(?:{_SUBSET_WORDS})"
)
_SUBSET_WORD_RE = re.compile(_SUBSET_WORDS)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, stripped of surrounding blanks and closing quotes."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for m in SENT_RE.finditer(text):
        s, e = m.span()
        if e <= pos and s >= n:
            break
        if s == e:
            continue
        # break before "——" list items inside the piece
        j = text.find("——", s + 1, e)
        if j == -1:  # (most pieces: one sentence, no list of cuts to walk)
            while s < e and (text[s].isspace() or text[s] in "”’」』）)"):
                s += 1
            b = e
            while b > s and text[b - 1].isspace():
                b -= 1
            if b > s:
                out.append((s, b))
            pos = e
            continue
        cuts = [s]
        while j != -1:
            # (not inside quotes: “吕梁——一个令人向往的地方” is a name)
            if j > s and text[j - 1] != "—" and text.count("“", s, j) <= text.count("”", s, j):
                cuts.append(j)
            j = text.find("——", j + 2, e)
        cuts.append(e)
        for a, b in zip(cuts, cuts[1:], strict=False):
            while a < b and (text[a].isspace() or text[a] in "”’」』）)"):
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((a, b))
        pos = e
    return _tables_whole(text, out)


def _tables_whole(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A table's lines (cells between "|", and the line giving its unit) are one sentence:
    its header says what each row's numbers are (quantities.grid_cells), and a quote of a
    row shows it."""
    if "|" not in text and "｜" not in text:
        return spans
    out: list[tuple[int, int]] = []
    blocks = table_blocks(text)
    starts = [a for a, _ in blocks]
    for a, b in spans:
        k = bisect.bisect_right(starts, a) - 1
        inside = k >= 0 and a < blocks[k][1]
        if inside and out and blocks[k][0] <= out[-1][0] < blocks[k][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


class _Sentence:
    """A sentence's clauses, comparisons, kind cues, period cues and places. The last three
    are read when first asked for: the earlier sentences of a paragraph are built for one of
    them (a period to go on in, a place), and only a sentence with a figure needs all."""

    __slots__ = (
        "start", "end", "text", "bounds", "_kinds", "_periods", "_comparisons", "para",
        "_places", "_when", "figure_kind", "figure_period", "point_period",
        "subject", "_list_head", "_list_item", "_township_at", "_holiday",
    )  # fmt: skip

    def __init__(self, text, start, end, para, year, now, today=None, to_day=True, bounds=None):
        """``bounds``: where its clauses break (CLAUSE_RE in it), when the document's breaks
        are known already."""
        self.start, self.end, self.para = start, end, para
        s = self.text = text[start:end]
        self.bounds = _clause_bounds(s) if bounds is None else bounds
        self._when = (year, now, today, to_day)  # what its period cues resolve against
        self._kinds: tuple[tuple, ...] | None = None
        self._periods: tuple[tuple, ...] | None = None
        self._comparisons: tuple[tuple[int, int], ...] | None = None
        self._places: list[places.Mention] | None = None
        self._township_at: int | None = None
        self._holiday: bool | None = None
        self.figure_kind: str | None = None  # the kind of its last figure, once read
        self.figure_period: str | None = None  # the period of its last figure, once read
        self.point_period: str | None = None  # …of its last figure not of a span
        self.subject: str | None = None  # the place of its last figure, once read
        tail = s.rstrip()
        self._list_head = tail.endswith(("：", ":"))
        self._list_item = tail.endswith(("；", ";", "﹔"))

    @property
    def comparisons(self) -> tuple[tuple[int, int], ...]:
        if self._comparisons is None:
            self._comparisons = _comparisons(self.text)
        return self._comparisons

    def names_holiday(self) -> bool:
        """Whether it names a holiday (frames.HOLIDAY_RE, a pattern with no lookaround: what
        the whole sentence does not hold, no part of it does)."""
        if self._holiday is None:
            self._holiday = frames.HOLIDAY_RE.search(self.text) is not None
        return self._holiday

    def township_at(self) -> int:
        """Where the first township suffix (乡, 镇) stands in it, -1 when none does."""
        if self._township_at is None:
            self._township_at = places.township_suffix_at(self.text)
        return self._township_at

    @property
    def kinds(self) -> tuple[tuple[int, int, str, str], ...]:
        """(start, end, group, words) of each kind cue."""
        if self._kinds is None:
            self._kinds = _kind_cues(self.text)
        return self._kinds

    @property
    def periods(self) -> tuple[tuple, ...]:
        """(start, end, period, the comparison it is in or None, cue) of each period cue."""
        if self._periods is None:
            self._periods = _period_cues(self.text, self._when)
        return self._periods

    @property
    def places(self) -> list[places.Mention]:
        if self._places is None:
            self._places = places.mentions(self.text)
        return self._places

    def comparison_at(self, pos: int) -> tuple[int, int] | None:
        for a, b in self.comparisons:
            if a <= pos < b:
                return (a, b)
        return None

    def clause(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.bounds, pos)
        a = self.bounds[i - 1] + 1 if i else 0
        b = self.bounds[i] if i < len(self.bounds) else len(self.text)
        return a, b

    def ends_list_head(self) -> bool:
        return self._list_head

    def ends_list_item(self) -> bool:
        return self._list_item

    def last_period(self) -> str | None:
        """The time this sentence leaves the next one in: its last figure's period when it
        has figures (由“十三五”末的56.47%提升到60.65% leaves now, not 2020), else its last
        cue; a span (前四年年均…) belongs to its own figure and is not passed on, while the
        time it names besides (2017年上半年…增长6.9%，经过2014年一季度以来的13个季度后，…) is."""
        own = [c for _a, _b, _p, comp, c in self.periods if comp is None]
        if any(c.is_span for c in own):
            return self.point_period if not all(c.is_span for c in own) else None
        if self.figure_period is not None:
            return self.figure_period or None
        return own[-1].period if own else None


def _kept(fn):
    """``fn`` (a pure function of a sentence) kept for each sentence a text repeats, bounded as
    texts are long; a text longer than a sentence (a table read as one) is read afresh, not kept."""
    cached = functools.lru_cache(maxsize=2048)(fn)

    @functools.wraps(fn)
    def read(text: str, *args):
        return fn(text, *args) if len(text) > 1000 else cached(text, *args)

    return read


@_kept
def _clause_bounds(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in CLAUSE_RE.finditer(text))


@_kept
def _comparisons(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each comparison in a sentence, in order."""
    found = (
        [m.span() for m in COMPARISON_RE.finditer(text)]
        if _COMPARED in text or "持平" in text
        else []
    )
    if "于" in text or "较" in text:
        found += [m.span() for m in _FASTER_THAN.finditer(text)]
        found.sort()
    return tuple(found)


@_kept
def _period_cues(text: str, when: tuple) -> tuple[tuple, ...]:
    """A sentence's period cues, read against ``when`` (year, now, today, to_day): see
    _Sentence.periods."""
    comparisons = _comparisons(text)
    return tuple((c.start, c.end, c.period,
                  next(((a, b) for a, b in comparisons if a <= c.start < b), None), c)
                 for c in find_period_cues(text, *when))  # fmt: skip


@_kept
def _kind_cues(text: str) -> tuple[tuple[int, int, str, str], ...]:
    return tuple((m.start(), m.end(), m.lastgroup, m.group(0)) for m in KIND_RE.finditer(text))


class _Previous:
    """The earlier sentences of the same paragraph (at most 20), built only when asked for.
    One per sentence, shared by its figures: the sentences walked so far are kept, so a
    reader after the first walks a list."""

    __slots__ = ("_sentence", "_i", "_para", "_spans", "_nl", "_got", "_j", "_township")

    def __init__(self, sentence, i: int, para: int, spans, nl):
        self._sentence, self._i, self._para = sentence, i, para
        self._spans, self._nl = spans, nl
        self._got: list = []  # built so far, nearest first
        self._j: int | None = i - 1  # the next to build; None once the walk has ended
        self._township: bool | None = None

    def any_township(self) -> bool:
        """Whether any of them holds a township suffix (乡, 镇)."""
        if self._township is None:
            self._township = any(p.township_at() >= 0 for p in reversed(self))
        return self._township

    def __reversed__(self):
        """Nearest first, each built only when reached: most readers stop at the first."""
        if self._j is None:
            return iter(self._got)
        return self._walk()

    def _walk(self):
        got, k = self._got, 0
        while True:
            if k < len(got):
                yield got[k]
                k += 1
                continue
            j = self._j
            if j is None:
                return
            if (
                j < 0
                or self._i - j > 20
                or bisect.bisect_left(self._nl, self._spans[j][0]) != self._para
            ):
                self._j = None
                return
            got.append(self._sentence(j))
            self._j = j - 1


# ---------------------------------------------------------------------- kind


def _resolve_frame_cue(group: str, sent, frame, pos, period, scale_only, done=False) -> str:
    """A cue whose sense depends on the frame (实施 done or to do, 争取 won or sought): past
    words in the sentence make a result; future words, a work report's plan part, an
    eventual scale (形成…规模) or a whole year not yet over make a target or a plan."""
    aim = "target" if group == "target_frame" else "plan"
    if done:
        return "actual"  # (布局建设了3条百亿级营收规模的产业链: the verb says it is done)
    ca, cb = sent.clause(pos - sent.start)
    if any(not _AIMED_AT.search(sent.text, sent.clause(m.start())[0], m.start())
           for m in PAST_RE.finditer(sent.text, 0, cb)):  # fmt: skip
        # (not one after the figure's clause: 今年重点推进的89个项目中，…18个项目已建成投产 —
        # the 已 is said of the 18, the 89 are this year's programme)
        return "actual"
    future = [m for m in FUTURE_RE.finditer(sent.text, 0, cb)
              if not (m.group("by") and int(m.group("by")) < frame.now)
              and not _OWN_FIGURE_AFTER.match(sent.text, m.end(), ca)]  # fmt: skip
    # (到2025年 in a text of 2026 is no future: …提高到2025年的61.2% is a from-to pair)
    if future or frame.planning_at(pos) or scale_only:
        return aim
    if frame.reviewing_at(pos):
        return "actual"
    at = pos - sent.start
    if _FROM_FIGURE.search(sent.text, max(0, at - 30), at) or (
        sent.text[at - 1 : at] in ("从", "由") and _TO_FIGURE.match(sent.text, at)
    ):
        return "actual"  # (装机从454万千瓦增长到3889万千瓦: a change from a level once reached)
    p = periods_mod.try_parse(period) if period else None
    if p is not None and (p.is_full_year or p.is_multi_year) and p.end.year >= frame.now:
        return aim  # this year's programme, or a plan running into the future
    return "actual"


# a future word in an earlier clause that has a figure of its own after it (正常生产4对、即将投产
# 2对，形成有效产能660万吨): said of that figure, not of the clauses after
_OWN_FIGURE_AFTER = re.compile(r"[^，,：:；;。]*?\d[^，,：:；;。]*[，,]")
# a past word that is aimed at (力争…新能源基地建成投产, 确保…已…) says what is to be done
_AIMED_AT = re.compile(r"力争|确保|争取|力求|将|要|计划|拟|推动")


# a clause that is a project's total investment (…项目1503个，总投资9935.57亿元; 总投资达290多
# 亿元的…项目; its budget estimate, 概算投资140.16亿元): what the projects are to cost, not money
# spent — unless they are finished
_TOTAL_INVESTMENT = re.compile(
    r"(?:^(?:其中|分别是|分别为|包括)?|项目|工程)(?:(?:计划)?总投资|概算(?:总)?投资)(?:规模)?"
    r"(?:达到|达|为|约为|约|超过|超|逾|近)?$"
)
# a figure that is a task's own size (任务为11380万吨, 招商任务1500亿元, 建设考核指标23.1万亩)
_TASK = re.compile(r"(?:任务|考核指标|考核目标)(?:为|是|达到?|共|总量为?)?$")
_FINISHED = re.compile(r"投产|竣工|建成|完工|达产")
# a line's label before a colon (总投资：48亿元, - 效益：…, 预期效益：…): a project list's fields
_COST_LABEL = re.compile(
    r"(?:项目)?(?:总投资|计划投资|计划总投资|投资(?:额|规模|总额)?|概算(?:总)?投资)"
)
_BENEFIT_LABEL = re.compile(r"(?P<ahead>预期|预计)?(?:经济|社会)?效益")


_LINE_LABEL = re.compile(r"\s*[-•·*]?\s*([^，。；：:\d\s]{1,10})\s*[：:]")


def _label_of(text: str, ca: int) -> str | None:
    """The label a sentence (a line) opens with before a colon, when the figure's clause is
    in what follows it (总投资：48亿元; 预期效益：年产值超30亿元，带动就业2000人), else None."""
    m = _LINE_LABEL.match(text)
    if m is None or m.end() > ca:
        return None
    return m.group(1)


# the cost that qualifies a project (总投资280亿元的…项目, 投资2.1亿元、占地…的…工程), not money
# spent (完成投资, 累计投资, 已投资)
_PROJECT_COST = re.compile(
    r"(?<!完成)(?<!累计)(?<!已)(?:总投资|(?<!总)投资)(?:达到|达|为|约|超过|超|近)?$"
)


def _names_total_investment(clause_before: str) -> bool:
    """Whether a clause up to a figure is a project's total investment (see _TOTAL_INVESTMENT;
    each of its words holds 投资: a clause without it is none)."""
    return "投资" in clause_before and _TOTAL_INVESTMENT.search(clause_before.strip()) is not None


_OF_WORKS = re.compile(r"[^，。；]{0,40}?的[^，。；]{0,24}?(?:项目|工程)")
# a project's name after its size (…10GW光伏垂直一体化项目, 年产2000万件智能化汽车零部件项目,
# 150MW风电项目): the works before the clause ends
_PROJECT_NAMED = re.compile(r"[^，。；,;：:（(“”]{1,30}?(?:项目|工程|生产线)")
_CAPACITY = frozenset({"kW", "kWh", "t", "m3"})
_MADE_YEARLY = re.compile(r"年产(?:能)?|年处理|年加工|年屠宰|日产")


def _in_a_projects_name(sent, fs: int, fe: int, ca: int, cb: int, base_unit: str) -> bool:
    """Whether the figure at ``fs`` is the size of a project named after it (a capacity, or
    what it is to make a year), said of no project done (建成, 投产, 并网, 已 … in its clause,
    before it or after the name: …100MW光伏发电项目并网发电, …生产线投产)."""
    if not (base_unit in _CAPACITY or _MADE_YEARLY.search(sent.text, max(ca, fs - 4), fs)):
        return False
    if (named := _PROJECT_NAMED.match(sent.text, fe)) is None:
        return False
    end = sent.text.find("，", named.end(), cb)
    said = sent.text[ca:fs] + sent.text[named.end() : end if end >= 0 else cb]
    return not (_FINISHED.search(said) or PAST_RE.search(said) or _ONLINE.search(said))


_ONLINE = re.compile(r"并网|下线|投用|运行")


# the cue of a project's cost said as 投资, not 总投资: the project's other specifications after
# it (、占地总面积83亩、建筑总面积51744平方米的…工程) go with it
_PROJECT_SPEC = "投资 … 的项目"


def _kind(sent, fs, fe, ca, cb, prev, frame, pos, period, scale_only, run_kind, before_fig,
          count=False):  # fmt: skip
    """(kind, confidence, the cue that decided) — see the module docstring for the order.
    ``count``: the figure counts things (the plan part's bare count is work to do)."""
    planning = frame.planning_at(pos)
    in_clause = [k for k in sent.kinds if ca <= k[0] and k[1] <= cb]
    before = [k for k in in_clause if k[1] <= fs]
    after = [k for k in in_clause if k[0] >= fe]
    if (label := _label_of(sent.text, ca)) is not None:
        benefit = _BENEFIT_LABEL.fullmatch(label)
        if benefit and (
            benefit["ahead"]
            or not (
                PAST_RE.search(sent.text, ca, cb) or any(k[2] == "actual_strong" for k in in_clause)
            )
        ):
            # 预期效益：年产值超30亿元，带动就业2000人 (a bare 效益：, unless said done: 已带动…)
            return "forecast", "low", label
        if _COST_LABEL.fullmatch(label) and not sent.text[ca:fs].strip():
            return "plan", "low", "总投资"  # 总投资：48亿元 (a project's cost, its label before)
    for k in in_clause:
        if k[2] == "forecast" and (k[1] <= fs or (k[0] >= fe and "、" not in sent.text[fe : k[0]])):
            # (累计投入20亿元、煤炭年产量可达600万吨以上的…煤矿: 可达 is the next item's only)
            return "forecast", "high", k[3]
    if _AIM_OWN_VALUE.match(sent.text, fe):
        # 控制在4.5%目标以内, 实现6%的预期目标: the figure is the aim's own value
        return "target", "high", "目标"
    if sent.text.startswith("的预期", fe) or (
        sent.text.endswith("预期", 0, fs) and not _OFF_EXPECTATION.search(sent.text, 0, fs)
    ):
        # 好于下降7%的预期, 控制在预期4.2%以内: the expectation's own value, a target (低于
        # 预期11个百分点 is how far the result fell short: a result)
        return "target", "high", "预期"
    if before_fig is not None and sent.text.startswith("再", ca) and not in_clause:
        # 今年煤炭产量将达到13亿吨以上，再增产1亿吨: 再 adds to the figure before, as it is said
        return before_fig, "low", "再 (as the figure before it)"
    if before_fig in ("forecast", "plan", "target") and _ITS_GROWTH.match(sent.text[ca:fs]):
        # a forecast's own growth is forecast too (预计完成95亿元，同比增长1%), a plan's is of
        # the plan (今年计划完成投资30.07亿元，比去年增长15%: the planned sum is 15% more)
        return before_fig, "low", f"(the growth of the {before_fig} before it)"
    if (sent.text.endswith("%", 0, fe) and _SHARE_OF_QUOTA.search(sent.text, ca, fs)) or (
        _OVER_QUOTA.search(sent.text, ca, fs)
    ):
        # 占年计划230亿的126.7%, 超过计划6.7万亩: how far what was done went against the plan (the
        # plan's own sum, 230亿, stays planned)
        return "actual", "high", "(done against the plan)"
    for k in reversed(before):
        if k[2] in ("target", "plan"):
            done = [b for b in before if b[0] > k[1] and b[2] == "actual_strong"]
            if not done:
                return k[2], "high", k[3]
    if _TASK.search(sent.text, ca, fs):
        # 去产能任务为11380万吨, 占全年招商任务1500亿元38.1%: the quota set, not what was done
        return "target", "high", "任务"
    if _names_total_investment(sent.text[ca:fs]):
        a = max(sent.text.rfind(c, 0, max(ca - 1, 0)) for c in "，,；;") + 1
        if not _FINISHED.search(sent.text[a:ca]):  # the clause naming the projects
            return "plan", "low", "总投资"
    if ("投资" in sent.text[max(ca, fs - 8) : fs] and _PROJECT_COST.search(sent.text, ca, fs)
            and _OF_WORKS.match(sent.text, fe, cb)):  # fmt: skip
        # 确定了总投资280亿元的省市县重点项目50个; 走进投资2.1亿元、占地总面积83亩…的市重点工程:
        # what a project named after it is to cost (signed or not, as the corpus README has
        # it), not money spent — unless it is finished
        if not _FINISHED.search(sent.text, ca, fs):
            total = "总投资" in sent.text[max(ca, fs - 5) : fs]
            return "plan", "low", "总投资" if total else _PROJECT_SPEC
    strong = [k for k in [*reversed(before), *after] if k[2] == "actual_strong"]
    if strong:
        return "actual", "high", strong[0][3]
    own = [*reversed(before), *after]
    own_period = any(p[3] is None and ca <= p[0] < cb for p in sent.periods)
    earlier_aim = None
    for k in reversed([k for k in sent.kinds if k[1] <= ca]):
        if k[2] in ("target", "plan"):
            earlier_aim = k
            break
        if k[2] in ("forecast", "actual_strong"):
            break
    if not own:
        # no cue in the clause: the figure before it in the sentence, else the nearest cue of
        # an earlier clause (实施项目63个，总投资1309.1亿元: both planned)
        if before_fig is not None and before_fig != "forecast":
            return before_fig, "low", "(as the figure before it)"
        if earlier_aim is not None:
            return earlier_aim[2], "low", f"{earlier_aim[3]} (earlier clause)"
        for k in reversed([k for k in sent.kinds if k[1] <= ca]):
            if k[2] in ("target_frame", "plan_frame") and _PROGRESS_SAID.search(
                sent.text, max(0, k[0] - 4), k[1] + 1
            ):
                break  # 乡村振兴扎实推进，…收入超10万元: how the work went, a result
            if k[2] in ("target_frame", "plan_frame"):
                kind = _resolve_frame_cue(k[2], sent, frame, pos, period, scale_only,
                                          sent.text.startswith("了", k[1]))  # fmt: skip
                return kind, "low", f"{k[3]} (earlier clause)"
            if k[2] in ("forecast", "actual_strong", "actual"):
                break
    elif (earlier_aim is not None and not own_period and all(k[2] == "actual" for k in own)
          and (earlier_aim[2] == "target" or all(k[3] in ("为", "是") for k in own))):  # fmt: skip
        # (a plan's own specification goes with it, 计划投资80亿元，装机容量为140万千瓦; what
        # was done against it does not, 年度投资计划218.8亿元，完成投资122.2亿元)
        # 力争电力装机突破2000万千瓦，煤炭先进产能达到85%: one 力争 governs the list
        return earlier_aim[2], "low", f"{earlier_aim[3]} (earlier clause)"
    for k in own:
        if k[2] == "plan_frame" and k[0] == fe and k[3] == "新建" and not before:
            # 38座新建公共卫生间: what the things counted are (built anew), not work to do
            return "actual", "low", "新建 (of the things counted)"
        if k[2] in ("target_frame", "plan_frame"):
            if before_fig is not None and fs - k[1] > 8:
                # a verb far back in the clause names the item (构建…方面就有25项), the
                # sentence's figures share one kind
                return before_fig, "low", "(as the figure before it)"
            done = sent.text.startswith("了", k[1])
            kind = _resolve_frame_cue(k[2], sent, frame, pos, period, scale_only, done)
            return kind, "high", k[3] + "了" * done
        if k[2] == "actual":
            if planning and not PAST_RE.search(sent.text):
                return "target", "high", f"{k[3]} (plan part of a work report)"
            if run_kind == "target":
                return "target", "low", "(list of targets)"
            if (_WILL.search(sent.text, ca, k[0]) or _WILL_OPENING.match(sent.text, 0, ca)) and (
                not PAST_RE.search(sent.text, ca, fs)
            ):
                # 2016年山西将通过关闭退出…减少煤矿21座: what the text says will be done
                return "target", "low", f"将 … {k[3]}"
            return "actual", "high", k[3]
    if run_kind in ("target", "plan"):
        return run_kind, "low", f"(list of {run_kind}s)"
    if not sent.kinds and not sent.periods:
        # a sentence with no cue and no time of its own continues the one before it
        # (…包含39项重点。细看每一项重点，大多由4到5条具体工作构成。)
        for p in reversed(prev):
            if p.figure_kind in ("target", "plan"):
                return p.figure_kind, "low", "(the sentence before)"
            break
    y = _year_of(period)
    if planning and (y is None or y >= (frame.aims_year or frame.now)):
        # (明确133项具体任务, 牵头工作(8项) in the year's task list: work to do, counted — a
        # plan; a rate or a level the plan part names is aimed at)
        return ("plan" if count else "target"), "low", "(plan part of a work report)"
    if y is not None and y > frame.now and not PAST_RE.search(sent.text[ca:cb]):
        return "target", "low", "(a year after the document's)"
    return "actual", "low", "(default)"


# a share of a quota (占年计划230亿的, 占当年计划开工的, 占全年招商任务1500亿元), and a sum over one
# (超过计划, 超出年度计划)
_SHARE_OF_QUOTA = re.compile(r"占[^，。；]{0,6}(?:计划|目标|任务)[^，。；]{0,16}$")
_OVER_QUOTA = re.compile(r"超(?:过|出)?(?:年度|全年|年)?(?:计划|目标|任务)$")


# the first of a from-to pair, before the figure it went to (从454万千瓦增长到…, 由8.3%提高到…)
_RISE_TO = r"(?:增长|提高|提升|增加|上升|扩大)(?:到|至)"
_FROM_FIGURE = re.compile(rf"[从由][^，。；从由]{{0,8}}?\d[^，。；]{{0,14}}?{_RISE_TO}$")
_TO_FIGURE = re.compile(rf"[^，。；]{{1,14}}?{_RISE_TO}")  # (the first one: 从 + it + 增长到)


# 将 before the verb of its clause: what will be done (not 将近, nearly; not 将其, 将…作为)
_WILL = re.compile(r"将(?!近|其|军|士|来)")
# …or in the clause that opens the sentence, with no figure of its own (今年山西省将继续
# 深化…机制，重点工程建设完成投资11500亿元): the whole sentence says what will be done
_WILL_OPENING = re.compile(
    r"[^，,；;。\d]{0,16}?将(?!近|其|军|士|来|[^，,；;。]*作为)[^，,；;。\d]*[，,]"
)


# a clause that is only the growth of the figure before it
_ITS_GROWTH = re.compile(
    r"^(?:同比|[比较](?:上年|去年|\d{4}年(?:末|底)?)(?:同期)?)?(?:增长|下降|增加|减少)$"
)


# a work said to go well, closing its clause (扎实推进，稳步实施；): a report of progress
_PROGRESS_SAID = re.compile(
    r"(?:扎实|稳步|有序|有力|深入|全面|持续|顺利|加快|高效|大力)(?:推进|实施|推动|建设|开展)[，,；;]"
)


TARGET_WORD_RE = re.compile(r"预期目标|主要目标|目标任务|目标是|目标为|力争|确保")
AIM_QUALIFIED = ("ge", "approx", "range")


def _run_kind(i: int, n: int, sentence, quantities, memo: dict) -> str | None:
    """The kind of the list sentence ``i`` is an item of ('target' or None).

    A list is a run of sentences of one paragraph joined by ；. Its items are targets when
    its head (the sentence before it, ending in ：), its first clause, or the sentence right
    after it (…今年预期目标实事求是…) names them so, or when its growth figures are stated
    the way targets are (以上, 左右, a range) and no item speaks of a result."""
    para = sentence(i).para
    a = i
    while a > 0 and sentence(a - 1).para == para and sentence(a - 1).ends_list_item():
        a -= 1
    if a in memo:
        return memo[a]
    b = a
    while b + 1 < n and sentence(b).ends_list_item() and sentence(b + 1).para == para:
        b += 1
    kind = None
    if b > a:
        head = sentence(a - 1) if a > 0 and sentence(a - 1).para == para else None
        tail = sentence(b + 1) if b + 1 < n and sentence(b + 1).para == para else None
        named = (
            (head is not None and head.ends_list_head() and TARGET_WORD_RE.search(head.text))
            or _names_aims(sentence(a).text.split("：")[0])
            or (tail is not None and TARGET_WORD_RE.search(tail.text[:40]))
        )
        aims = results = 0
        for k in range(a, b + 1):
            st = sentence(k)
            results += bool(PAST_RE.search(st.text) or _MET_EXPECTATION.search(st.text))
            i0 = bisect.bisect_left(quantities.starts, st.start)
            i1 = bisect.bisect_left(quantities.starts, st.end)
            for q in quantities.items[i0:i1]:
                # (约占全省的1/4: a share of a whole stated roughly is an observed state)
                before = st.text[max(0, q.start - st.start - 8) : q.start - st.start]
                aims += (q.base_unit == "percent" and q.qualifier in AIM_QUALIFIED
                         and "占" not in before)  # fmt: skip
        if named or (aims >= 2 and not results):
            kind = "target"
    memo[a] = kind
    return kind


# a target met (完成省下达年度目标任务752亿元的149%): what it is set against is no aim of the list
_MET_BEFORE = re.compile(r"(?:完成|实现|超额|超过|超出)[^，。；]{0,10}$")


def _names_aims(text: str) -> bool:
    """Whether ``text`` names aims (力争, 目标任务 …), not a target met (完成…目标任务…的149%)."""
    m = TARGET_WORD_RE.search(text)
    return m is not None and _MET_BEFORE.search(text, 0, m.start()) is None


# the aim a figure is the value of, named right after it (4.5%目标以内, 6%的预期目标, 1000亿元的
# 年度目标任务)
_AIM_OWN_VALUE = re.compile(r"(?:的)?(?:预期|年度|全年|省定|既定)?目标(?!值)")
# a result set against what was expected (低于预期11个百分点, 好于下降7%的预期, 实现预期目标)
_OFF_EXPECTATION = re.compile(r"(?:低于|高于|超过|超出|好于|快于|慢于)(?:全年)?预期$")
_MET_EXPECTATION = re.compile(
    r"(?=[低高好快慢超实完达的])(?:"  # (what it opens with, tested first: the same matches)
    r"(?:低于|高于|好于|快于|慢于|超过|超出|实现|完成|达到)[^，。；]{0,8}?预期|的预期(?:目标)?[，。；]"
    r")"
)
_SEPARATOR = re.compile(r"^[、和及与:：]?(?:以上|左右|以内)?[、和及与:：]?$")
# the three sectors' shares named before a triple (三次产业结构为7.2:41.2:51.6; 三次产业比例由
# 2022年的4.3:71.4:24.3调整为4.5:68.9:26.6)
_RATIO = re.compile(r"三次产业")


def _list_item(sent, fs: int, quantities, q, memo: dict) -> tuple[str, object]:
    """For a figure in a 分别 list (城镇、农村居民人均可支配收入分别达到33680元、8849元，同比增长
    5.1%、7.1%), the thing its position names; '' when it is in no such list."""
    if "分别" not in sent.text[:fs] and not _RATIO.search(sent.text[:fs]):
        return "", None
    lists = memo.get(sent.start)
    if lists is None:
        i0 = bisect.bisect_left(quantities.starts, sent.start)
        i1 = bisect.bisect_left(quantities.starts, sent.end)
        figs = quantities.items[i0:i1]
        runs, cur = [], []
        for a, b in zip([None, *figs], figs, strict=False):
            if a is not None and _SEPARATOR.match(
                re.sub(r"\s+", "", sent.text[a.end - sent.start : b.start - sent.start])
            ):
                cur.append(b)
            else:
                if cur:
                    runs.append(cur)
                cur = [b]
        if cur:
            runs.append(cur)
        items: list[str] = []
        lists = {}
        for run in runs:
            start = run[0].start - sent.start
            k = sent.text.rfind("分别", 0, start)
            r = _RATIO.search(sent.text, 0, start)
            if k != -1 and len(run) >= 2:
                a = sent.clause(k)[0]
                items = phrases.list_items(phrases.strip_phrase(sent.text[a:k])) or items
            elif r is not None and len(run) == 3:
                items = phrases.list_items("三次产业")  # 三次产业结构为7.2:41.2:51.6
            if k != -1 and len(run) >= 2:
                named = _place_list(sent, k)
                if len(named) == len(run):
                    # 忻府区、原平市…城镇化率分别为67.35%、56.47%…: each figure is its place's
                    for fig, where in zip(run, named, strict=True):
                        memo[("place", fig.start)] = where
                times = _period_list(sent, sent.clause(k)[0], k)
                if len(times) == len(run):
                    # 一季度、上半年、前三季度、全年分别增长3%、3.4%、4%、4.5%: each its time
                    for fig, when in zip(run, times, strict=True):
                        memo[("period", fig.start)] = when
            if items and len(run) == len(items):
                for fig, name in zip(run, items, strict=True):
                    lists[fig.start] = (name, run[0].start)
            elif k != -1 and len(run) >= 2 and len(items) == 1 and items[0]:
                # 城镇化率分别为67.35%、56.47%、53.33%: one thing, measured for each of a list
                # of places or times
                for fig in run:
                    lists[fig.start] = (items[0], run[0].start)
            elif (
                k != -1
                and len(run) >= 2
                and not phrases.strip_phrase(sent.text[sent.clause(k)[0] : k])
            ):
                # 接待游客4562万人次，实现旅游收入398亿元，分别增长15.2%和18.3%: the list's
                # items are the figures before it, in order
                for j, fig in enumerate(run):
                    memo[("back", fig.start)] = (j, len(run), start, run[0].start)
        memo[sent.start] = lists
    name, first = lists.get(q.start, ("", None))
    return name, (memo.get(("head", first)) if first is not None else None)


_PLACE_SEP = re.compile(r"^\s*(?:、|和|及|与|以及)\s*$")


def _last_run(text: str, items: list, span) -> list:
    """The last run of ``items`` (in text order; ``span(item)`` its (start, end)) joined by
    、 和 及 与 only, when it holds two or more; else []."""
    group: list = []
    for it in reversed(items):
        if group and not _PLACE_SEP.match(text[span(it)[1] : span(group[-1])[0]]):
            break
        group.append(it)
    return group[::-1] if len(group) >= 2 else []


def _period_list(sent, start: int, end: int) -> list[str]:
    """The periods of the last list of times named between ``start`` and ``end`` (一季度、
    上半年、前三季度、全年), in order; [] when there is none of two or more."""
    cues = [p for p in sent.periods if p[3] is None and start <= p[0] and p[1] <= end]
    return [c[2] for c in _last_run(sent.text, cues, lambda c: (c[0], c[1]))]


def _place_list(sent, end: int) -> list[str]:
    """The places of the last list of places named before ``end`` (忻府区、原平市和河曲县), each
    a place of its own (not 全市, not a yardstick), in order; [] when there is none."""
    ms = [m for m in sent.places if m.end <= end]
    bad = [k for k, m in enumerate(ms) if m.is_reference or m.place is None]
    ms = ms[bad[-1] + 1 :] if bad else ms  # (a yardstick or 全市 ends the list)
    return [m.place.name for m in _last_run(sent.text, ms, lambda m: (m.start, m.end))]


class _Quantities:
    def __init__(self, items):
        self.items = items
        self.starts = [q.start for q in items]


# ---------------------------------------------------------------------- period


SCALE_AFTER_RE = re.compile(r"(?:以上|左右)?的[^，。；]{0,12}规模")
# what a project is to yield a year (年产值1亿元的沙棘系列产品加工项目): an eventual scale
_PROJECT_YIELD = re.compile(r"年(?:产值|利润|销售收入|收入|产量|产)(?:可达|达到|达|约|为)?$")
_OF_PROJECT = re.compile(r"(?:以上|左右)?的[^，。；]{0,24}项目")


def _yields_a_year(sent, clause_before: str, fe: int, cb: int) -> bool:
    """Whether the figure ending at ``fe`` is what the project its clause goes on to name is
    to yield a year (see _PROJECT_YIELD)."""
    tail = clause_before[-10:]  # (the pattern ends where the clause does: its last words)
    return ("年" in tail and _PROJECT_YIELD.search(tail) is not None
            and _OF_PROJECT.match(sent.text, fe, cb) is not None)  # fmt: skip


# what works are to yield each year (年可节约标煤, 预计每年发电量, 近期年引水能力可达), not a
# year's total (全年, 今年)
_YEARLY_YIELD = re.compile(
    r"(?:每|(?<![\d十百千万今去明当上本全前后]))年(?:可|将|能)?"
    r"(?:产值|发电|创|引水|节约|减少|增加|实现|上市|提供|处理|产|税收|销售)"
)
# the size of a works as designed (占地面积, 建筑面积, 装机容量为…, 总库容): planned, of no year
_DESIGN_SIZE = re.compile(
    r"(?:占地(?:面积)?|建筑面积|(?:^|[，,、])(?:总|初)?装机(?:容量|规模)?|总?库容|床位)"
    r"(?:约|为|达|是|近)*$"
)
_RATES = ("percent", "percentage_point", "permille", "permille_point")
_HELD_AT = re.compile(r"(?:稳定|保持|控制|稳)在$")
_BARE_CAPACITY = re.compile(r"(?:总)?装机(?:容量|规模)?")
_CONSECUTIVE = re.compile(r"连续(?:\d{1,2}|[两一二三四五六七八九十]{1,2})年(?!来)")
# a number in brackets right after a yardstick: 比上半年(下降3.9%), 高于全省(8%)
_YARDSTICK_VALUE = re.compile(
    r"(?:比|较|快于|慢于|高于|低于|好于)(?P<what>[^，,。；;（()）]{1,10})[（(]"
    r"(?:同比)?(?:增长|下降|增速|降幅)?[-－−]?$"
)


@_kept
def _yardstick_value(text: str, fs: int) -> re.Match | None:
    """_YARDSTICK_VALUE right before ``fs``: asked three times of each figure (its period, its
    place, its indicator)."""
    return _YARDSTICK_VALUE.search(text, max(0, fs - 20), fs)


# a flow that adds up over the span named before it (五年来，…新增就业12.3万人), not a level
_ADDED_OVER = re.compile(
    r"新增|净增|新建|建成|引进|招引|签约|新开工|培育|创建|减贫|脱贫|吸纳|(?<!失业)(?<!再)就业|惠及|带动|"
    # what the years closed or retired, all told (2016年至2019年的4年间，山西共关闭煤矿106座)
    r"关闭|退出|淘汰|化解|共[^，。；]{0,4}$"
)
_AVERAGE_AFTER = re.compile(r"^[^，,。；]{0,3}(?:年均|年平均)")
_TO_RE = re.compile(
    r"提升到|提高到|增至|增加到|上升到|下降到|降至|降低到|增长到|扩大到|达到|到|至|调整为|优化为"
)


def _period(sent, fs, fe, ca, cb, prev, frame, pos, scale_only, kind, doc_span, holiday,
            doc_spans=(), unit=""):  # fmt: skip
    if (yard := _yardstick_value(sent.text, fs)) is not None:
        # 比上半年(下降3.9%)回升4.0个百分点: the number in brackets is the yardstick's, of its time
        year, now, today, to_day = sent._when
        if cues := find_period_cues(yard.group("what"), year, now, today, to_day):
            return cues[-1].period
    comp = sent.comparison_at(fs)
    if comp is not None:
        inside = [p for p in sent.periods if p[3] == comp]
        if inside:
            return inside[-1][2]
    clause_before = sent.text[ca:fs]
    spanned = bool(SPAN_WORD_RE.search(clause_before)) or bool(
        _AVERAGE_AFTER.search(sent.text[fe:cb])
    )
    # (按2018年平均汇率计算: a method's year, no time of the figure)
    # (…完成年度任务的140%: 年度 names the year's quota, not the time of what was done)
    own = [p for p in sent.periods if p[3] is None and ca <= p[0] < cb
           and not sent.text.endswith("按", ca, p[0])
           and not (kind == "actual" and p[4].what == "whole_year" and p[1] <= fs
                    and periods_mod.names_a_plan(sent.text, p[1])
                    and _DONE_OF.search(sent.text, ca, p[0]))]  # fmt: skip
    before_own = [p for p in own if p[1] <= fs]
    last = next((p for p in reversed(sent.periods) if p[3] is None and p[1] <= fs), None)
    if (
        last is not None
        and periods_mod.is_month(last[2])
        and _CUMULATIVE.search(sent.text, last[1], fs)
    ):
        # 9月份…累计增长2.9%, 11月份累计增速…提升0.2个百分点: the months of the year up to that
        # one, as statistics count
        return f"{last[2][:4]}-01/{last[2]}"
    if spanned:
        spans = [p for p in sent.periods if p[3] is None and p[4].is_span and p[0] < fs]
        if spans:
            return spans[-1][2]
        if (pair := periods_mod.from_to(sent.text)) and not before_own:
            return f"{pair[0] + 1}/{pair[1]}"
        for p in reversed(prev):
            sp = [c for c in p.periods if c[3] is None and c[4].is_span]
            if sp:
                return sp[-1][2]
        if not before_own and (earlier := [c for c in doc_spans if c[0] < pos]):
            return earlier[-1][1]  # the span a heading or an earlier paragraph set
        if doc_span and not before_own:
            return doc_span
    if not own and sent.figure_period and _ITS_GROWTH.match(clause_before):
        return sent.figure_period  # (牛奶产量3033吨，下降16%: the growth of that year's output)
    if before_own:
        cue = before_own[-1]
        if holiday and frames.HOLIDAY_RE.match(sent.text, cue[1] + (sent.text[cue[1]] in '“"')):
            return holiday  # 2025年春节假期全市接待游客…: the holiday's days
        between = sent.text[cue[1] : fs]
        if not (_TO_RE.search(between) and re.search(r"\d", between)):
            return cue[2]
        # 由“十三五”末的56.47%提升到60.65%: the cue dates the figure before; this one is now
        after_own = [p for p in own if p[0] >= fe]
        return after_own[0][2] if after_own else frame.period_at(pos)
    if own:
        return own[0][2]
    # (年度投资计划218.8亿元，完成投资122.2亿元: the year of the plan is its own clause's; what was
    # done against it is the report's time)
    earlier = [p for p in sent.periods if p[3] is None and p[1] <= ca
               and not (kind in ("actual", "plan") and p[4].what == "whole_year"
                        and periods_mod.names_a_plan(sent.text, p[1]))]  # fmt: skip
    if earlier and earlier[-1][4].what == "days":
        return earlier[-1][2]  # 从除夕到初五，…: the days the sentence names, not the holiday's
    if holiday and (not earlier or sent.names_holiday() or len(earlier[-1][2]) == 4):
        # (a part of a year the sentence names itself in a text on a holiday is its own:
        # 今年前三季度，山西省共接待国内游客3.18亿人次 in a briefing that goes on to the 国庆
        # holiday; a year is not: 迎来了今年的第一个高峰，…平均增幅在20%以上 is the holiday's)
        last = next(reversed(prev), None) if kind == "actual" and not earlier else None
        if last is not None and any(c[4].what == "days" for c in last.periods):
            # …the days the sentence before named (从除夕到初五，…。旅游总收入…)
            return last.last_period() or holiday
        return holiday
    if earlier:
        cue = earlier[-1]
        if kind == "target" and _AIM_OWN_VALUE.match(sent.text, fe) and len(cue[2]) > 4:
            # 6月末，…失业率为3.1%，控制在4.5%目标以内: a result so far, set against the year's aim
            return cue[2][:4]
        if cue[4].is_span and (q := periods_mod.try_parse(cue[2])) is not None:
            grew = GROWTH_RE.search(clause_before) and not clause_before.endswith(("到", "至"))
            if grew or _ADDED_OVER.search(clause_before):
                # 五年来，全市新增城镇就业12.3万人; 2016-2021年，…收入增长1.5倍: what the years
                # added up to, or grew by
                return cue[2]
            # “十四五”前四年…年均增速达6.6%，…人均GDP达到8.33万元: a level after a span's
            # average is where the span ended
            return str(q.end.year)
        if sent.text.endswith(("由", "从"), 0, cue[0]) and _TO_AFTER.search(
            sent.text, cue[1], fs + 1
        ):
            # 占比由2018年的5.7:49.3:45.0，优化为6.6:45.8:47.6，第三产业占比提高了2.6个百分点:
            # the year a change started from is not the time of what it came to
            return frame.period_at(pos) if frame.dated else None
        return cue[2]
    lead = clause_before
    if ca and sent.text[ca - 1] in "：:":
        lead = sent.text[sent.clause(ca - 2)[0] : fs]  # (下辖地区：1个市辖区、…)
    if periods_mod.timeless(lead, unit, bool(sent.periods)) or _yields_a_year(
        sent, clause_before, fe, cb
    ):
        return None  # (what has no time, or what a project is to yield a year)
    if kind == "forecast" and (
        _YEARLY_YIELD.search(clause_before) or _once_built(sent, fs) is not None
    ):
        return None  # (项目建成后，年发电量为21亿千瓦时: what works are to yield, in no year)
    if kind == "plan" and _DESIGN_SIZE.search(clause_before):
        return None  # (…项目计划总投资2.7亿元，占地面积74.4亩: a works' design, of no year)
    if kind == "plan" and sent.figure_period:
        # (开工项目46个，总投资62.32亿元: the projects' time; of projects begun or signed on a
        # day, what they are to cost (总投资) is of that day, any other plan of its year)
        fp = sent.figure_period
        return fp if len(fp) < 10 or "总投资" in lead else fp[:4]
    if sent.text.startswith("其中") and (last := next(reversed(prev), None)) is not None:
        if lp := last.last_period():
            # 2021年计划改造老旧小区88个。其中，左云县计划改造46个: the breakdown's time is
            # the whole's
            return lp
    if kind != "actual":
        for p in reversed(prev):
            # an item of a list of aims goes on in the list's time (2026年，山西将…：煤炭产量
            # 稳定在13亿吨左右；力争…，安排风电光伏装机规模3000万千瓦)
            if not (p.ends_list_item() or p.ends_list_head()):
                break
            if lp := p.last_period():
                return lp
    if kind == "actual":
        broken_down = _BREAKDOWN_HEAD.match(sent.text) is not None
        for p in reversed(prev):
            lp = p.last_period()
            if lp and len(lp) == 10 and _OVER_LAST_YEAR.search(clause_before):
                return lp[:4]  # (…年末城镇登记失业率0.57%。居民消费价格比上年上涨2.7%: the year's)
            if (lp and broken_down and p.figure_period and not _BREAKDOWN_HEAD.match(p.text)
                    and _within_the_lead(lp, frame)):  # fmt: skip
                # 一季度…。3月份，我省进出口总值106.8亿元…。从贸易方式看，…一般贸易进出口124.5
                # 亿元: a breakdown after a month's own figures breaks down the report's whole (not
                # 8月当月部分指标呈现好转迹象。从生产端看，…: there the month's are its figures)
                return frame.lead
            if lp:
                return lp
            broken_down = broken_down or _BREAKDOWN_HEAD.match(p.text) is not None
            if p.periods or p.figure_period is not None:
                break  # that sentence had its own time (a span, or none): it ends the search
    if scale_only or not frame.dated or frame.undated_at(pos):
        return None  # an eventual scale, or a text that names no time (yet)
    at = frame.period_at(pos)
    if kind == "target" and periods_mod.start_year(at) < frame.now:
        # (…总结了“十四五”时期的成就…。预期地区生产总值增长6%左右: an aim with no time of its
        # own is for the year ahead, not for the years the text looks back on — unless it is
        # set beside a result of theirs: 失业率3.52%，控制在预期4.2%以内)
        return sent.figure_period or str(frame.aims_year or frame.now)
    return at


# a change over the year before (比上年上涨), not over its end (比上年末增加)
_OVER_LAST_YEAR = re.compile(r"(?:比|较)(?:上年|去年)(?!末|底|年末|年底)")
# the second half of a from-to pair (由2018年的…，优化为…; 从…增至…)
_TO_AFTER = re.compile(r"(?:为|到|至)[^，。；]{0,2}[\d一二三四五六七八九十]")


# the year's running total of a flow (累计增长, 累计完成投资), not a stock built up (累计建成)
_CUMULATIVE = re.compile(
    r"累计(?:[^，。；]{0,10}?)(?:增长|增速|增幅|下降|完成|实现|产量|收入|接待)"
)
_FROM_RE = re.compile(r"(?:由|从)$")
_FROM_TO_RE = re.compile(
    r"(?:的水平)?(?:提升|提高|增加|增长|上升|下降|降低|减少|压缩|缩短|扩大|增|降)(?:到|至)"
)


def _whole_year_done(period, sent, fs: int, kind: str, written: str) -> str | None:
    """A result for 全年 (the whole year) in a text written in the first half of that year is
    the year before's (去年，…。该县…全年地区生产总值同比增长5.1% in a text of 3 March 2021): a
    year's whole is known once it ends. A text of its second half says 全年 of its own year
    (截至目前，…全年共签订中长期合同11557万吨 on 23 November: the year's contracts so far); of
    the year before it says 去年."""
    if kind != "actual" or len(written) < 7 or period != written[:4] or written[5:7] >= "07":
        return period
    if any(p[4].what == "this_year" for p in sent.periods if p[1] <= fs):
        return period  # (今年，襄汾县全年确定重点工程项目122个: the year it says is its own)
    if any(p[3] is None and p[1] <= fs and p[4].what == "whole_year" and p[2] == period
           and not _NAMES_TASK.match(sent.text, p[1]) for p in sent.periods):  # fmt: skip
        return str(int(period) - 1)
    return period


def _quarter_of_the_lead(period, sent, frame) -> str | None:
    """A quarter in a report on the months up to its end is those months (柳林县2024年上半年
    经济运行情况: 二季度全县地区生产总值为1437936万元 is the half's; 山西前三季度经济运行: 第三季度
    全省地区总产值12688.4亿元 is January to September's): the title says what its figures add
    up to, and a local release names the quarter it reports up to. Not where quarters are set
    side by side (一季度、二季度分别增长; 分季度看), each of its own three months."""
    if not period or len(period) != 7 or period[5] != "Q" or frame.lead is None:
        return period
    lead, q = periods_mod.try_parse(frame.lead), periods_mod.try_parse(period)
    if lead is None or q is None or q.start.month == 1 or not lead.is_cumulative:
        return period
    if lead.end != q.end or _QUARTERS_APART.search(sent.text):
        return period
    if sum(p[3] is None and p[4].what == "quarter" for p in sent.periods) > 1:
        return period
    return frame.lead


# a breakdown's head (从贸易方式看, 分行业看, 按经营单位分)
_BREAKDOWN_HEAD = re.compile(r"\s*(?:从|分|按)[^，。；]{1,8}(?:看|来看|分)[，,：:]")


def _within_the_lead(period: str, frame) -> bool:
    """Whether ``period`` is one month of the months the text's title reports on (March of
    the first quarter), the lead itself not one month."""
    lead = periods_mod.try_parse(frame.lead) if frame.lead else None
    p = periods_mod.try_parse(period)
    return (lead is not None and p is not None and p.grain == "month" and lead.grain != "month"
            and lead.start <= p.start and p.end <= lead.end)  # fmt: skip


def _month_over_month(period, sent, fs: int, ca: int, prev, frame) -> str | None:
    """A change over the month before (较上月增加383万吨, 环比上涨2.7%) is of a month, not of
    the year the figure was left in: the month the paragraph last named (12月份单月原煤产量…。
    …从环比来看，内蒙古原煤产量较上月增加383万吨), else the month the title names."""
    if not period or len(period) != 4 or not _OVER_LAST_MONTH.search(sent.text, ca, fs):
        return period
    if any(p[3] is None and p[1] <= fs for p in sent.periods):
        return period  # (2016年全年累计…同比降幅较上月收窄1.29个百分点: its own time)
    for p in reversed(prev):
        months = [c[2] for c in p.periods if c[3] is None and periods_mod.is_month(c[2])]
        if months:
            return months[-1] if months[-1][:4] == period else period
    lead = frame.lead
    return lead if lead and periods_mod.is_month(lead) and lead[:4] == period else period


_OVER_LAST_MONTH = re.compile(r"(?:较|比)上月|环比")
_QUARTERS_APART = re.compile(r"分季度|单季度?|当季|季度看|[一二三四]季度[、和与]")


# the year's quota (年度任务, 全年计划: periods.names_a_plan) named after a word of doing, as
# what a share is of (完成年度任务的140%, 占全年计划的10%)
_DONE_OF = re.compile(r"(?:完成|占|达到|超过|为)$")


# 全年 naming the year's quota (占全年招商任务1500亿元38.1%), not the time of a result
_NAMES_TASK = re.compile(r"[^，。；]{0,6}?(?:任务|计划|目标)")


def _from_start(period, sent, fs, fe, ca, cb, kind, prev) -> str | None:
    """The first of a from-to pair with no time of its own (“十三五”时期，…在全省占比由22.5%
    提高到23.5%): the level before the period began, the year before its first (2015), as
    the second is at its end."""
    if kind != "actual" or not period or not _FROM_RE.search(sent.text[ca:fs]):
        return period
    if not _FROM_TO_RE.match(sent.text[fe:cb]):
        return period
    own = [p for p in sent.periods if p[3] is None and p[1] <= fs]
    spans = [p for p in own if p[4].is_span]
    for p in reversed(prev) if not own else ():
        spans = [c for c in p.periods if c[3] is None and c[4].is_span]
        if spans or p.periods:
            break  # the span of the paragraph's review (“十三五”时期，…。…由22.5%提高到23.5%)
    if spans:
        q = periods_mod.try_parse(spans[-1][2])
    elif own and own[-1][2] == period:
        q = periods_mod.try_parse(period)  # 2023年，…由60.1%提高到61.2%: from the year before
    else:
        return period  # a frame's year (a work report's review of five years) says no start
    if q is None or not (q.is_full_year or q.is_multi_year):
        return period
    return str(q.start.year - 1)


def _since_base_year(period: str | None, text: str, fs: int, m) -> str | None:
    """去年，全市工业增加值达到972.2亿元，较2020年增加369.3亿元: a change over several years
    is of the years after the base to the figure's (2021/2024), not of the last one alone."""
    if m.measure not in ("growth", "change") or not period:
        return period
    if (base := periods_mod.base_year(text, fs)) is None:
        return period
    q = periods_mod.try_parse(period)
    if q is None or not (q.is_full_year or q.is_point) or base >= q.end.year - 1:
        return period  # (a holiday's growth over the same days of 2019 keeps its days)
    return f"{base + 1}/{q.end.year}"


# a crop harvested once a year: its output in a report on part of the year is that year's
_HARVEST = re.compile(r"^(?:夏粮|夏收粮食|秋粮|早稻|冬小麦)")


def _harvest_year(period: str | None, m) -> str | None:
    """夏粮亩产302.2公斤，增长2.7% in a report on the first half: the year's summer harvest (it
    is reaped once, in June), not a half-year's flow."""
    if not period or not _HARVEST.match(m.phrase):
        return period
    q = periods_mod.try_parse(period)
    return str(q.year) if q is not None and q.is_cumulative else period


# what is on hand at a time, not a flow through it: hogs in stock, a balance, vehicles owned
_ON_HAND = re.compile(r"存栏|余额|保有量|存量")


# the people living in a place, counted at a day (not 出生人口, 迁入人口: flows)
_POPULATION = re.compile(r"(?:常住|户籍|男性|女性|城镇|乡村|农村)人口$")


def _stock_at_end(period: str | None, m) -> str | None:
    """生猪存栏808.5万头 in a report on the first three quarters: the stock on its last day
    (2021-09-30), not a flow through those months; so are people (常住人口中，男性人口为51034
    人 after 年末…, 全年出生人口…: the year's end)."""
    if not period or not (_ON_HAND.search(m.phrase)
                          or (m.measure == "level" and _POPULATION.search(m.phrase))):  # fmt: skip
        return period
    q = periods_mod.try_parse(period)
    if q is None or q.is_point or q.year is None:
        return period
    return q.end.isoformat()


# what flows through the months (money invested, visitors received, output made), as against
# what stands at a day
_FLOW = re.compile(
    r"完成(?:[^，。；]{0,6}投资|产值|营业收入)|完成率|接待|产量|发电量|销售额|营业额"
    r"|出生|死亡|自然增长率|收入|利润|产值|增加值|出栏|使用|竣工|新增|签订"
)


def _flow_to_date(period: str | None, sent, ca: int, fs: int, m, prev=(),
                  cell: bool = False) -> str | None:  # fmt: skip
    """截至8月底，…完成投资1594.2亿元: a flow up to a month's end is the year's months to it
    (2019-01/2019-08; to December, the year), not a stock on that day; a flow counted from a
    day the sentence names (自2017年4月16日…以来，到2018年3月底) runs from that day. A table's
    ``cell`` is a flow by what it measures (a table is one sentence: its clause, all cells)."""
    if not period or len(period) != 10 or _ON_HAND.search(m.phrase):
        return period
    start = periods_mod.since_day(sent.text, fs)
    for p in reversed(prev) if start is None else ():
        if not p.ends_list_item():
            break  # (…以来，到2018年3月底，该市接待…；实现旅游外汇收入…: the list goes on)
        if (start := periods_mod.since_day(p.text)) is not None:
            break
    if start is not None:
        return f"{start}/{period}" if start < period else period
    if not (_FLOW.search(m.phrase) if cell else _FLOW.search(sent.text, ca, fs)):
        return period
    q = periods_mod.try_parse(period)
    if q is None or (q.end + _dt.timedelta(days=1)).day != 1:
        return period  # a day inside a month (…至3月15日) is no month's end
    y, mo = q.end.year, q.end.month
    return str(y) if mo == 12 else f"{y}-01/{y}-{mo:02d}"


def _year_to_date(period, sent, fs, ca, cb, frame, pos, kind, written="", prev=()) -> str | None:
    """A result for 今年 (or 2022年以来) in a text that reports on part of that year (上半年, 1—8
    月): the year so far, which is that part — the year is not over yet. ``written``: the
    date the text was written, to the day, month or year its entry gives."""
    if kind not in ("actual", "plan") or not period or len(period) != 4:
        return period
    cues = [c for c in sent.periods if c[3] is None and c[0] < cb and c[2] == period]
    before = [c for c in cues if c[1] <= fs]
    cue = before[-1] if before else (cues[0] if cues else None)
    if cue is None:
        # the year came from an earlier sentence (今年以来，…。全省规上原煤产量…): in a text
        # written before that year ended, a result cannot be the whole year's
        if kind != "actual" or len(written) < 7 or written >= f"{period}-12":
            return period
    elif cue[4].what == "last_year" and sent.text.startswith("的", cue[1]) and cue[1] + 1 == fs:
        # 比重由上年的6.78%上升到今年的7.73% (in a report on 1-4月): the same months of the year
        # before
        part = _part_reported(int(period) + 1, sent, frame, pos, prev)
        return part.replace(str(int(period) + 1), period) if part else period
    elif cue[4].what not in ("this_year", "since"):
        return period
    return _part_reported(int(period), sent, frame, pos, prev) or period


def _part_reported(year: int, sent, frame, pos: int, prev) -> str | None:
    """The months of ``year`` from its start (1-4月, 上半年) that the text, the sentence's
    figures before this one or the sentence before report on (1-4月，…。…发电量4.94亿，…上升到
    今年的7.73%), or None."""
    last = next(reversed(prev), None)
    for part in (frame.period_at(pos), sent.figure_period, last and last.last_period()):
        p = periods_mod.try_parse(part) if part else None
        if p is not None and p.year == year and p.is_cumulative:
            return part
    return None


_SCOPE_RE = re.compile(r"规模以上工业企业|规模以上工业|规上工业企业|规上工业|限额以上|限上")
# a scope that narrows what the bare name measures: a list's 乡村消费品零售额 after 限额以上…
# is the above-quota units' part, not all rural retail sales
_NARROWING = ("限额以上",)
# what the above-quota units (wholesale, retail, lodging and catering enterprises) are counted
# over: their sales and takings, not a budget's revenue or households' income after them in a
# list (…限额以上社会消费品零售额增长22.3%，一般公共预算收入增长17%)
_NARROWED = re.compile(r"零售|批发|销售|营业额|餐饮|住宿|消费品|商品|类$")


def _scope(sent, fs: int, prev) -> str:
    """The class of units a list of figures is about, named by its first item (全年规模以上工业
    企业原煤产量…；洗煤产量…；发电量…) or earlier in the figure's sentence: what a bare
    发电量 or 利润总额 after it is counted over."""
    # (each scope opens with 规 or 限: a sentence with neither names none)
    scoped = "规" in sent.text or "限" in sent.text
    found = list(_SCOPE_RE.finditer(sent.text, 0, fs)) if scoped else []
    if found:
        return phrases.normalize(found[-1].group(0))
    for p in reversed(prev):
        if not p.ends_list_item():
            break
        found = list(_SCOPE_RE.finditer(p.text))
        if found:
            return phrases.normalize(found[-1].group(0))
    return ""


_SHARED_LEAD = re.compile(r"(?:分别|均)(?:为|是|达到|达|增长|下降|提高|提升|超过)?$")
_ITEM_SEP = re.compile(r"^[、和及与]$")
_TRAILING = {"以上": "ge", "及以上": "ge", "以下": "le", "以内": "le", "左右": "approx"}


def _shared_qualifiers(text: str, quantities) -> dict[int, str]:
    """分别达到95%、94%以上: a qualifier after the last item of a 分别 list qualifies every item
    (each is at least its figure), as the list shares its verb."""
    out: dict[int, str] = {}
    i = 0
    while i < len(quantities):
        j = i
        while j + 1 < len(quantities) and _ITEM_SEP.match(
            text[quantities[j].end : quantities[j + 1].start]
        ):
            j += 1
        if j > i and _SHARED_LEAD.search(
            text[max(0, quantities[i].start - 6) : quantities[i].start]
        ):
            last = quantities[j]
            words = sorted(_TRAILING, key=len, reverse=True)
            word = next(
                (w for w in words if last.text.endswith(w) or text.startswith(w, last.end)), None
            )
            if word and last.qualifier == _TRAILING[word]:
                for q in quantities[i:j]:
                    if q.qualifier == "eq":
                        out[q.start] = last.qualifier
        i = j + 1
    return out


_EVENT_DAY = re.compile(r"\s*(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


def _event_day(text: str, year: int, written: str = "") -> str | None:
    """The day a report of a meeting opens with (9月25日，…召开新闻发布会): when its 目前 is;
    or the day its reporter learnt what it says, in the month it was ``written`` (记者14日从
    山西省扶贫办获悉，这个省目前已建成…, in a text of 15 October)."""
    m = _EVENT_DAY.match(text)
    try:
        if m is not None:
            y = int(m.group("y") or year)
            return _dt.date(y, int(m.group("m")), int(m.group("d"))).isoformat()
        r = _REPORTER_DAY.match(frames.first_sentence(text)[0])
        if r is None or len(written) < 10 or int(r["d"]) > int(written[8:10]):
            return None
        return _dt.date(year, int(written[5:7]), int(r["d"])).isoformat()
    except ValueError:
        return None


# the day a reporter learnt what the text says, a day of the month it is written in
_REPORTER_DAY = re.compile(
    r"\s*(?:本报讯)?\s*(?:[(（][^()（）]{0,20}[)）])?记者(?P<d>\d{1,2})日(?:从|在|获悉)"
)


def _holiday(text: str, year: int) -> str | None:
    """The days of the holiday ``text`` names (of ``year``, or of the year just before its
    name: 2024年春节假期), or its first day (国庆假期首日)."""
    m = frames.HOLIDAY_RE.search(text)
    if m is None:
        return None
    if (y := _YEAR_BEFORE.search(text, 0, m.start())) is not None:
        year = int(y.group(1))
    days = frames.holiday(m.group("name") or m.group("fixed"), year)
    if days and _FIRST_DAY.match(text, m.end()):
        return days.split("/")[0]
    return days


_YEAR_BEFORE = re.compile(r"(\d{4})年[“\"]?$")
_FIRST_DAY = re.compile(r"(?:的)?(?:首日|第一天)")

# a day something was done at (4月26日，…集中开工10个重点项目; 当天…集中签约项目16个), or a day's
# own flow (5月2日游客接待量): the figures of that event are of that day
_DAY_AT = re.compile(
    r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?P<flow>(?:游客)?(?:接待量|客流量|接待游客))?"
)
_EVENT = re.compile(
    r"集中开工|同时开工|开复工|集中签约|签约|开工仪式|揭牌|开幕|展会|展销|博览会|推介会|洽谈会|参展"
)
_THAT_DAY = re.compile(r"当天|当日|此次|本次|今日")
# the n-th day of a holiday (第一天景区接待3000多名游客，第二天也有3000多名)
_CN_DAYS = "一二三四五六七八"
_NTH_DAY = re.compile(rf"第([{_CN_DAYS}])天")


# a report of an event that opens with its day (12月1日，全省开发区…“三个一批”活动…同步举行;
# 本报讯(记者…)3月14日，…集中开复工; 6月18日记者在…展销周…上获悉):
# the projects it counts as signed, begun or put into production are that day's
_EVENT_OPENING = re.compile(
    rf"(?:^|(?<=[。！？\n]))\s*(?:本报讯)?(?:[(（][^()（）。\n]{{0,20}}[)）])?"
    rf"(?:\d{{4}}年)?(?:(?P<m>\d{{1,2}})月)?(?P<d>\d{{1,2}})日(?:[，,]|(?=记者))"
    rf"[^。；\n]{{0,80}}?"
    rf"(?:{_EVENT.pattern}|举行|启动)"
)
# a sentence about the projects of the event reported (此次集中开工的18个重点项目中，…)
_OF_THE_EVENT = re.compile(
    r"(?:此次|本次|当天|当日)(?:首批|第[一二三四五]批)?(?:集中)?(?:开工|开复工|签约|投产)的"
)
_DRIVE_COUNT = re.compile(r"签约|开工|投产|一批|推进项目|展出|参展")
# an aim quoted whole and named so (围绕“一季度重点项目开复工率达到35%以上、上半年达到80%以上”
# 的目标要求): every figure inside the quotes is aimed at
_AIM_AFTER_QUOTE = re.compile(r"[”\"](?:的)?(?:目标|奋斗目标|发展目标)")


# works done, said as the condition of what follows (建成后, 全部投产后, 达产后)
# (建成投产后 as one; what it opens with tested first: the same matches, faster)
_ONCE_BUILT = re.compile(
    r"(?=[建投达竣运完全])(?:建成|投产|达产|竣工|运营|投入使用|(?:建设|全部)?完成|全面建成)+后"
)


def _once_built(sent, fs: int) -> str | None:
    """The words (…投产后) that make the figure at ``fs`` what works are to yield once done, when
    an earlier clause of its sentence says so and nothing in it before the figure says it is
    done already (去年, 已, 累计 …, beside the condition's own 建成, 投产), else None."""
    m = _ONCE_BUILT.search(sent.text, 0, fs)
    if m is None:
        return None
    if any(not (m.start() <= p.start() < m.end())
           for p in PAST_RE.finditer(sent.text, 0, fs)):  # fmt: skip
        return None
    return m.group(0)


def _quoted_aim(text: str, fs: int) -> str | None:
    """The words that name the quoted aim a figure stands in (see _AIM_AFTER_QUOTE), or None."""
    opened = text.rfind("“", 0, fs)  # (most sentences quote nothing: one scan says so)
    if opened < 0 or text.rfind("”", opened, fs) >= 0:
        return None
    closed = text.find("”", fs)
    if closed < 0 or closed - opened > 80:
        return None
    m = _AIM_AFTER_QUOTE.match(text, closed)
    return m.group(0)[1:] if m else None


def _event_opening(text: str, year: int, written: str = "") -> list[str]:
    """[the day] when a sentence of the text's opening (its first sentence of prose and the
    next few) reports an event on it, else []; a day with no month (27日，晋中举行…签约仪式)
    is of the month the text was ``written`` in."""
    first, end = frames.first_sentence(text)
    start = end - len(first)
    m = _EVENT_OPENING.search(text, start, start + frames.LEAD_CHARS)
    if m is None:
        return []
    month = m["m"] or (written[5:7] if len(written) >= 7 else None)
    try:
        return [_dt.date(year, int(month), int(m["d"])).isoformat()] if month else []
    except ValueError:
        return []


def _untimed(sent, prev) -> bool:
    """Whether a sentence names no time of its own, nor does the nearest sentence before it
    in its paragraph that names one, unless that one names a day (2020年4月15日，…举行2020年
    第三批重大项目集中开工仪式。)."""
    if any(comp is None for _a, _b, _p, comp, _c in sent.periods):
        return False
    for p in reversed(prev):
        if any(comp is None for _a, _b, _p, comp, _c in p.periods):
            return _DAY_AT.search(p.text) is not None or _goes_on_about_the_event(sent, prev)
    return True


def _goes_on_about_the_event(sent, prev) -> bool:
    """Whether a sentence opening with 其中 breaks down the projects of the event the one before
    it is about (据了解，此次首批集中开工的183个重大项目，…。其中，基础设施类项目71个)."""
    if not sent.text.startswith("其中"):
        return False
    last = next(reversed(prev), None)
    return last is not None and _OF_THE_EVENT.search(last.text, 0, 16) is not None


def _on_the_day(period, sent, fs: int, ca: int, year: int, last_day: list,
                event_report: bool = False, projects: bool = False,
                prev=(), written: str = "") -> str | None:  # fmt: skip
    """The day of an event a figure counts (see _DAY_AT), when its period is that day's year;
    ``last_day`` holds the last such day the text named, for 当天, 此次 after it — and, in a
    report of an event (``event_report``), for the projects a clause counts as signed or
    begun, and for ``projects`` (a count of projects, or their cost) in a sentence that names
    no other time (其中，产业类6项，总投资规模8.25亿元)."""
    if not period or "-" in period[:7] and "/" not in period:
        return period  # (a month or a day already)
    if (nth := _NTH_DAY.search(sent.text, ca, fs)) is not None and (
        (p := periods_mod.try_parse(period)) is not None and p.grain == "days"
    ):
        # 第二天也有3000多名 in a report on a holiday: that day of it
        day = p.start + _dt.timedelta(days=_CN_DAYS.index(nth.group(1)))
        return day.isoformat() if day <= p.end else period
    if not last_day and "日" not in sent.text:
        return period  # (no day named, none before)
    days = list(_DAY_AT.finditer(sent.text, 0, fs))
    day = None
    if (
        days
        and (days[-1].group("flow") or _EVENT.search(sent.text, days[-1].end(), fs))
        and not any(
            days[-1].end() <= a < fs and comp is None and _opens_clause(sent, a)
            for a, _b, _p, comp, _c in sent.periods
        )
    ):
        # (not when the figure's own time follows the day, a clause's opening: 2月17日，记者从
        # …会上获悉，2024年，全省招商引资签约项目3132个 — the year's total, learnt that day;
        # but 3月3日，安泽县举行2021年重点项目集中开工仪式: the year names the event)
        try:
            day = _day_of(days[-1], sent.text, year, written)
        except ValueError:
            day = None
        if day is not None:
            last_day[:] = [day]
    elif last_day and _THAT_DAY.search(sent.text, 0, fs) and _EVENT.search(sent.text, 0, fs):
        day = last_day[0]
    elif (
        last_day
        and event_report
        and (_DRIVE_COUNT.search(sent.text, ca, fs + 1) or projects and _untimed(sent, prev))
    ):
        day = last_day[0]
    p = periods_mod.try_parse(period) if day is not None else None
    inside = p is not None and p.start.isoformat() <= day <= p.end.isoformat()
    return day if inside else period  # (a day within the year, or the holiday, it is of)


def _day_of(m: re.Match, text: str, year: int, written: str) -> str:
    """The date of a day a sentence names (its match of _DAY_AT): of the year printed before
    it, else — in a text whose day of writing is known — of the latest year in which that day
    is not after the writing (2月17日 in a text of 19 February 2025 is 2025-02-17, even in a
    review of 2024), else of ``year``. Raises ValueError for a day no calendar has."""
    before = text[max(0, m.start() - 5) : m.start()]
    if (y := re.search(r"(\d{4})年$", before)) is not None:
        return _dt.date(int(y.group(1)), int(m["m"]), int(m["d"])).isoformat()
    if len(written) == 10:
        w = _dt.date.fromisoformat(written)
        d = _dt.date(w.year, int(m["m"]), int(m["d"]))
        return (d if d <= w else d.replace(year=w.year - 1)).isoformat()
    return _dt.date(year, int(m["m"]), int(m["d"])).isoformat()


# ---------------------------------------------------------------------- place


_OPENING = re.compile(
    r"(?:其中|另外|此外|同时|全年|今年|去年|上半年|前三季度|截至[^，]{0,8}|在|对|从)?$"
)


# the yardstick's own value (高于全国平均水平(7.24万元), 全省平均水平为…), not the difference
# from it (高于全省平均水平13.1个百分点)
_YARDSTICK = re.compile(r"(?P<where>全国|全省)(?:的)?平均(?:水平|值)?(?:为|是|[(（])$")
_YARDSTICK_PLACE = {"全国": "全国", "全省": "山西省"}


def _paragraph_subject(prev, word: str, home) -> str | None:
    """The place another than the document's own that the paragraph opened about, for a
    全市 or 全县 of it (the place's kind ends the word: 市, 县, 区), else None. Only a place
    the paragraph's first sentence opens with (after its time only) counts."""
    earlier = list(reversed(prev))
    if not earlier:
        return None
    first = earlier[-1]  # the paragraph's first sentence: what it opened about
    at = next((m for m in first.places if m.place is not None and not m.is_reference), None)
    if (at is not None and at.place != home and at.place.name.endswith(word[-1:])
            and _opens_after_time(first, at.start)):  # fmt: skip
        return at.place.name
    return None


def _opens_after_time(sent, pos: int) -> bool:
    """Whether the sentence says nothing before ``pos`` but its time (1-8月，临汾市…)."""
    return not _without_times(sent, 0, pos).strip(" ，,、\u3000")


def _opens_clause(sent, pos: int) -> bool:
    a, _b = sent.clause(pos)
    head = sent.text[a:pos].lstrip(' “"（(')
    if not head.strip() or _OPENING.fullmatch(head):
        return True  # (not 是忻州市面积最大的县: a place after 是 is said of the subject)
    # only the clause's time before it (2021年山西省园林水果总产量…)
    head = _without_times(sent, a, pos)
    return len(head) < pos - a and bool(_OPENING.fullmatch(head.strip(" 份")))


def _without_times(sent, a: int, pos: int) -> str:
    """The sentence's text from ``a`` to ``pos`` with the times it names there left out."""
    head, cut = sent.text[a:pos], 0
    for c in sent.periods:
        if a <= c[0] and c[1] <= pos:
            head = head[: c[0] - a - cut] + head[c[1] - a - cut :]
            cut += c[1] - c[0]
    return head


def _place(sent, fs, ca, frame, prev, heading=None) -> tuple[str, str]:
    """(place, subset) of the figure at ``fs`` (sentence offsets); ``heading``: the place a
    heading line above names, for a line of a list under it (see _headed_lines). A township
    of the county the text is about is a part of that county, its subset (河曲县旧县镇…500余亩;
    …青松乡成立12个合作社。当年，全乡…), as the corpus README has it; in a text of a city or
    the province its county is not known from its name, and the township stays the place."""
    place, subset = _place_named(sent, fs, ca, frame, prev, heading)
    home = frame.home
    if place == places.PROVINCE and (_PART_OF_PROVINCE.match(sent.text, fs)
                                     or _SHARE_OF_PROVINCE.search(sent.text, 0, fs)):  # fmt: skip
        # 计划总投资1084亿元(占全省的14%), and the 14%: the part of the province that the sentence
        # named before it, or the one before it was about, and its share (推动太原片区132个项目
        # 签约落地…); with no part named, a part of the province's own (新兴产业完成投资…，占全省…)
        part = next((m.place.name for m in reversed(sent.places) if m.end <= fs
                     and not m.is_reference and m.place is not None
                     and m.place.level not in _WHOLES), "")  # fmt: skip
        if not part:
            part = next((p.subject for p in reversed(prev) if p.subject), "")
        return (part or place), subset
    if (home is not None and home.level == places.LEVEL_COUNTY and place.endswith(("乡", "镇"))
            and (named := places.first_mention(place)) is not None and named.place is not None
            and named.place.level == places.LEVEL_TOWNSHIP):  # fmt: skip
        return home.name, subset or place
    return place, subset


def _place_named(sent, fs, ca, frame, prev, heading=None) -> tuple[str, str]:
    home = frame.home
    subject = None
    if m := _YARDSTICK.search(sent.text, max(0, fs - 12), fs):
        # 高于全国平均水平(7.24万元): the yardstick's value is the country's (the province's)
        return _YARDSTICK_PLACE[m.group("where")], ""
    if (yard := _yardstick_value(sent.text, fs)) is not None:
        # 高于全省(8%)3.9个百分点: the number in brackets is the province's
        named = places.first_mention(yard.group("what"))
        if named is not None and named.place is not None:
            return named.place.name, ""
    named = [m for m in sent.places if m.end <= fs]
    if (named and (at := named[-1]).place is not None and at.place.level != places.LEVEL_PROVINCE
            and at.place.level != places.LEVEL_COUNTRY and not sent.text[at.end : fs].strip()
            and not _COMPARED_IN.search(sent.text, ca, at.start)
            and sent.text[fs : fs + 1] not in ("第", "前", "首")):  # fmt: skip
        # 完成率由高到低分别为：长治124.9%、忻州86.3%…: the place the figure stands after (a
        # rank after a place, 排名吕梁第一, is a rank in it)
        return at.place.name, ""
    own = any(not m.is_reference for m in named)
    if not own and sent.text.startswith(("其中", "另外", "此外")):
        # a sentence that goes on about the one before it keeps its subject
        for p in reversed(prev):
            if p.subject is not None:
                return p.subject, ""
            opening = next(iter(p.places), None)  # (吕梁市举行…活动。其中，…项目19个)
            if opening is not None and opening.start == 0 and opening.place is not None:
                return opening.place.name, ""
            break
    if not own:
        # an item of a ；-list names no place of its own: the list's subject goes on
        # (1-8月份，全省重点监测景区…；门票收入23.1亿元…)
        for p in reversed(prev):
            if p.ends_list_item() and p.subject is not None:
                return p.subject, _subset(sent, fs, prev)
            break
    for mnt in reversed([m for m in sent.places if m.end <= fs]):
        if mnt.is_reference:
            continue
        if mnt.start < ca and not _opens_clause(sent, mnt.start) and not _names_place(sent, mnt):
            # in an earlier clause, only a place that opens it is its subject, or the place a
            # clause is about (山西省面积最大的忻州市，还有…; 最低的县是五台县，城镇化率为…)
            continue
        subject = mnt
        break
    if subject is None and heading is not None:
        return heading, ""
    if subject is None and not own:
        # a sentence that names no place of its own goes on about the place the one before it
        # opened with, when that is not the document's own (镇江，是长三角北翼中心…。2016年人均
        # GDP超过12万人民币。; 1-8月，临汾市煤炭行业…。煤炭行业同比下降3.8%，占全市工业比重…):
        # what a paragraph on another city says of it
        for p in reversed(prev):
            opening = next(iter(p.places), None)
            if (opening is not None and _opens_after_time(p, opening.start)
                    and opening.place is not None
                    and not opening.is_reference and opening.place != home
                    and opening.place.level in _CITY_LEVELS):  # fmt: skip
                return opening.place.name, ""
            break
    county_said = any(m.text in places.HOME_WORDS for m in sent.places)
    if (subject is None and not county_said) or (
        subject is not None and subject.text in places.TOWNSHIP_WORDS
    ):
        # a paragraph about a township goes on about it (…娑婆乡成立17个合作社。当年，全乡…),
        # unless the sentence speaks of the whole county (…与全县其余9个乡镇签订合同)
        township = _township_before(sent, fs, prev)
        if township:
            return township, _subset(sent, fs, prev)
    if subject is None or subject.text in places.TOWNSHIP_WORDS:
        place = home.name if home else ""
    elif subject.place is None:  # 全市, 我县 …: the document's own place
        word = subject.text
        named = [m for m in sent.places if m.end == subject.start and m.place is not None]
        if named and (
            named[-1].place.level in _CITY_LEVELS
            or (named[-1].place.level == places.LEVEL_COUNTY and word[-1:] in ("县", "区"))
        ):
            place = named[-1].place.name  # (朔州全市, 应县全县: that city's, county's whole)
        elif (told := _paragraph_subject(prev, word, home)) is not None:
            place = told  # (1-8月，临汾市煤炭行业…。煤炭行业…占全市工业比重62.5%: Linfen's)
        elif (home is not None and home.level == places.LEVEL_COUNTY and "市" in word
                and not home.name.endswith("市")):  # fmt: skip
            # (a county's 全市 is its city's; a county-level city's, 原平市's, is its own)
            place = home.parent or home.name
        else:
            place = home.name if home else ""
    elif (home is not None and home.level == places.LEVEL_CITY
          and subject.place.level == places.LEVEL_COUNTY and subject.place.parent == home.name
          and _SPOT_NAMED_AFTER.match(sent.text, subject.end)):  # fmt: skip
        # 应县木塔景区累计接待游客0.67万人次 in a city's holiday report: a scenic spot named for
        # its county, one of the city's spots (a subset of the city's), as its reader files it
        place = home.name
    else:
        place = subject.place.name
    return place, _subset(sent, fs, prev)


# a figure given with its share of the province's (1084亿元(占全省的14%), 完成投资98亿元，占全省的…)
_PART_OF_PROVINCE = re.compile(r"[^，。；,;（(]{1,12}?(?:[（(]|[，,])?占(?:到)?全省")
_SHARE_OF_PROVINCE = re.compile(r"占(?:到)?全省(?:的)?$")
# a scenic spot's name after a county's (应县木塔景区, 怀仁金沙滩生态旅游区)
_SPOT_NAMED_AFTER = re.compile(rf"[^，。；、,;\d]{{1,8}}?(?:{_SPOT_WORDS})")
_CITY_LEVELS = (places.LEVEL_CITY, places.LEVEL_OTHER)
_COMPARED_IN = re.compile(r"高于|低于|快于|慢于|超过|超出|领先|落后|比|较")
# a heading line that is only a place, perhaps numbered (1、晋中市; （二）忻府区：)
_NUMBERING = re.compile(
    r"^\s*(?:\d{1,2}[、.．]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)])?\s*"
)


# the province or the country on a line of its own is no heading of a list (国家 中华人民共和国\n
# 山西省\n设立2000年6月14日 in a city's infobox): a list under a place is a city's or a county's
_WHOLES = (places.LEVEL_PROVINCE, places.LEVEL_COUNTRY)
# the row of a table of places that is the whole of the text's own (| 全市 | 268.9 |)
_WHOLE_ROWS = (*places.HOME_WORDS, "合计", "总计", "全部")


# a line that heads a list of aims, any line ending in 目标： (方案指出发展目标：, 主要目标：),
# and a line of the list (到2026年底，…; 力争…; 一是…, 1.…, （一）…); a text with no such head
# is not split into lines to look (23 ms of 2 MB)
_AIMS_HEAD = re.compile(r"目标(?:任务)?[:：][ \t]*$", re.M)
_AIM_LINE = re.compile(
    r"\s*(?:到\d{4}年|力争|[一二三四五六七八九十]是|\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,2}[)）])"
)


def _aimed_lines(text: str) -> frozenset[int]:
    """Line indices of the lines of a list of aims under a heading that names them (发展目标：
    \n到2024年底，…\n到2026年底，…), until a line that is not one."""
    out: set[int] = set()
    under = False
    for i, line in enumerate(text.split("\n")):
        if _AIMS_HEAD.search(line):
            under = True
        elif under and _AIM_LINE.match(line):
            out.add(i)
        elif line.strip():
            under = False
    return frozenset(out)


def _headed_lines(text: str) -> dict[int, str]:
    """Line index -> the place a heading line above it names, for the short lines of a list
    under it (1、晋中市\n游客接待总量：4473.13万人\n旅游收入：407.74亿元): they are that place's,
    until a line of prose or the next heading."""
    out: dict[int, str] = {}
    current = None
    for i, line in enumerate(text.split("\n")):
        body = line[_NUMBERING.match(line).end() :].strip().rstrip("：:")
        named = places.mentions(body) if 0 < len(body) <= 12 else []
        if (len(named) == 1 and named[0].place is not None and named[0].text == body
                and named[0].place.level not in _WHOLES):  # fmt: skip
            current = named[0].place.name
        elif current is not None and line.strip() and "。" not in line and len(line) <= 40:
            out[i] = current
        elif line.strip():
            current = None
    return out


def _names_place(sent, mnt) -> bool:
    """A clause that ends in the place it describes: …的忻州市， …是五台县， 降幅最大的为新疆，"""
    return (
        sent.text[mnt.start - 1 : mnt.start] in ("的", "是")
        or sent.text.endswith(places.PICKED_OUT_BY, 0, mnt.start)
    ) and sent.text[mnt.end : mnt.end + 1] in ("，", ",")


def _township_before(sent, fs, prev) -> str:
    """The township the paragraph was last about, when no other place was named since: the
    last place named as a subject earlier in the sentence or in the paragraph's earlier
    sentences (全乡, 全镇 point back; any other place ends the search)."""
    if not 0 <= sent.township_at() < fs and not prev.any_township():
        return ""  # no 乡 or 镇 anywhere it could look: the places need not be read
    earlier = [(sent.text, [m for m in sent.places if m.end <= fs])]
    for text, group in itertools.chain(earlier, ((p.text, p.places) for p in reversed(prev))):
        for m in reversed(group):
            if m.is_reference or m.text in places.TOWNSHIP_WORDS:
                continue
            if m.place is not None and m.place.level == places.LEVEL_TOWNSHIP:
                # the last of a list (辖8个镇、6个乡：秀水镇、…、东梁乡) is not what goes on
                listed = text[m.start - 1 : m.start] == "、"
                return "" if listed else m.place.name
            return ""
    return ""


def _subset(sent, fs, prev) -> str:
    """A part of the place the figure is about: named before it in its sentence (五台山景区接待
    游客…; 集群中小企业133户，其中…48户), or opening an earlier sentence of the paragraph that
    this one goes on about (雁门关景区，这座…雄关…。累计接待游客…)."""
    found = _subsets(sent.text, fs)
    if found:
        a, b = found[-1].span()
        for x in sent.places:  # 忻州市六个重点监测景区: the place is not part of the part's name
            if x.start < b and a < x.end < b:
                a = x.end
        return _trim_subset(sent.text[a:b])
    if any(not x.is_reference for x in sent.places if x.end <= fs):
        return ""  # the sentence names its own subject
    last = next(reversed(prev), None)
    if not _VERB_FIRST.match(sent.text) and not (last is not None and last.ends_list_item()):
        return ""
    for p in reversed(prev):
        if p.ends_list_item():
            # …重点监测景区的接待人数7260.9万人次，同比增长14.7%；门票收入23.1亿元: the
            # list's part goes on
            found = _subsets(p.text, len(p.text))
            if found:
                return _trim_subset(found[-1].group(0))
        m = SUBSET_RE.match(_CONNECTOR.sub("", p.text))
        if m is not None:
            return _trim_subset(m.group(0))
        if any(not x.is_reference for x in p.places) or not p.ends_list_item():
            break
    return ""


def _subsets(text: str, end: int) -> list:
    """The parts named in ``text[:end]`` (SUBSET_RE, not one left out or in brackets)."""
    if not _SUBSET_WORD_RE.search(text, 0, end):
        return []  # no part's closing word: SUBSET_RE, tried at every character, finds none
    return [m for m in SUBSET_RE.finditer(text, 0, end) if not _excluded(text, m.start())]


def _trim_subset(text: str) -> str:
    """A part's name without the place or time words that open it (全省重点监测景区)."""
    while (m := next(iter(places.mentions(text)), None)) is not None:
        if m.start != 0 or m.end >= len(text):
            break
        text = text[m.end :]
    return text


_VERB_FIRST = re.compile(r"^(?:累计|共|接待|实现|完成|门票|营业收入|游客|收入|同比)")
_CONNECTOR = re.compile(r"^(?:其中|另外|此外|同时|而)[，,]?")


def _excluded(text: str, pos: int) -> bool:
    """A part named only to leave it out (不包括开发区) or in brackets is not the subject."""
    before = text[max(0, pos - 4) : pos]
    return (
        bool(re.search(r"不包括|不含|除|[（(]$", before))
        or text.count("(", 0, pos) > text.count(")", 0, pos)
        or text.count("（", 0, pos) > text.count("）", 0, pos)
    )


# ---------------------------------------------------------------------- the figures


def _year_of(period: str | None) -> int | None:
    if not period:
        return None
    try:
        return periods_mod.end_year(period)
    except ValueError:
        return None


def _source_year(entry: dict) -> int:
    d = str(entry.get("date") or "")
    m = re.match(r"(\d{4})", d)
    if not m:
        raise ValueError(f"source {entry.get('id')!r} has no usable date: {d!r}")
    return int(m.group(1))


_MONEY = frozenset(("CNY", "USD", "EUR"))
# a sector named alone grows by its value added (服务业增长10.9%), unless what the text is
# breaking down by sector is investment (全市固定资产投资增长8.1%…分产业看，第二产业增长43.1%)
_BARE_SECTOR = re.compile(r"第[一二三]产业|[一二三]产|工业|制造业|服务业")
_SECTOR_TOPIC = re.compile(r"投资|增加值|生产总值|GDP|产值")


def _investment_topic(text: str, pos: int) -> bool:
    """Whether the nearest word before ``pos`` (within 300 characters) naming what sectors are
    broken down over is 投资."""
    found = _SECTOR_TOPIC.findall(text, max(0, pos - 300), pos)
    return bool(found) and found[-1] == "投资"


_AVERAGE = re.compile(r"年均|年平均|平均每年|平均增长|平均增速")
_TWO_YEARS = re.compile(r"两年(?:平均|年均)")


def _over_years(period: str) -> bool:
    """Whether a ledger period spans more than one calendar year (2021/2025)."""
    p = periods_mod.try_parse(period)
    return p is not None and p.is_multi_year


class _Later:
    """A list made when it is first iterated over, by ``make`` (once)."""

    __slots__ = ("_make", "_items")

    def __init__(self, make):
        self._make, self._items = make, None

    def __iter__(self):
        if self._items is None:
            self._items = self._make()
        return iter(self._items)


def _collector_paused(fn):
    """``fn`` run with the cyclic garbage collector off (and on again after, if it was on).
    Extraction makes many small objects and keeps most of them to the end (sentences, their
    cues and places, the rows), so each collection walks them all again and frees next to
    nothing: over the bench's 2 MB, 12-15% of the time went to collections. What garbage in
    cycles it leaves is collected once the collector runs again."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return run


@_collector_paused
def extract_source(
    entry: dict,
    text: str,
    registry: Vocabulary | None = None,
    damaged: list[tuple[int, int]] = (),
) -> list[dict]:
    """Ledger rows (dicts with ``COLUMNS``) for one source's normalized text. ``damaged``:
    spans of numbers whose digits were lost in scraping; nothing is read there."""
    if registry is None:
        registry = load_indicators(project_paths.project())
    source_id = entry["id"]
    region = entry.get("region_en") or ""
    now = _source_year(entry)
    date = str(entry.get("date") or "")
    today = date if len(date) == 10 else None  # 目前 is the day the document was written
    # a bare 目前 is that day only in a text that names the day of what it reports (a press
    # conference, a meeting, said in its first words); a feature's 目前 is the year it was
    # written, and 截至目前 is always the day
    day = _event_day(text, now, date) if today else None
    to_day = day is not None
    if day is not None and day <= today:
        today = day  # the day of the meeting it reports
    frame = frames.read(text, now, entry.get("title") or "", entry.get("region"), date)
    if frame.home is not None and frame.home.en:
        region = region or frame.home.en
    quantities = find_quantities(text)
    if not quantities:
        return []
    shared = _shared_qualifiers(text, quantities)
    spans = split_sentences(text)
    starts = [s for s, _ in spans]
    nl = [m.start() for m in re.finditer("\n", text)]
    cache: dict[int, _Sentence] = {}
    head = text[:200] + "\n" + (entry.get("title") or "")
    doc_holiday = _holiday(head, frame.year_at(0))
    event_day = _event_opening(text, now, date)  # the last day of an event the text named
    event_report = bool(event_day)
    headed = _headed_lines(text) if "\n" in text else {}
    aimed = _aimed_lines(text) if _AIMS_HEAD.search(text) else frozenset()
    doc_span = next((c.period for c in find_period_cues(head, frame.reference, now)
                     if c.is_span), None)  # fmt: skip
    # spans named anywhere (a heading's 过去五年, a paragraph's “十四五”以来), by position; read
    # when a figure first asks (few do, and the cues of a whole text take long to read)
    doc_spans = _Later(
        lambda: [(c.start, c.period) for c in find_period_cues(text, frame.reference, now)
                 if c.is_span]
    )  # fmt: skip

    def sentence(i: int) -> _Sentence:
        s = cache.get(i)
        if s is None:
            a, b = spans[i]
            s = cache[i] = _Sentence(text, a, b, bisect.bisect_left(nl, a), frame.year_at(a), now,
                                     today, to_day)  # fmt: skip
        return s

    rows: list[dict] = []
    prev_fig: dict[int, list[tuple]] = {}  # sentence -> (base unit, measured, id, end) each
    indexed = _Quantities(quantities)
    runs: dict[int, str | None] = {}
    cache_lists: dict[int, dict] = {}
    walks: dict[int, _Previous] = {}  # sentence -> its earlier sentences
    for q in quantities:
        if damaged and any(a < q.end and q.start < b for a, b in damaged):
            continue
        i = bisect.bisect_right(starts, q.start) - 1
        if i < 0 or q.end > spans[i][1]:
            continue  # a figure across a sentence break cannot be quoted
        sent = sentence(i)
        prev = walks.get(i)
        if prev is None:
            prev = walks[i] = _Previous(sentence, i, sent.para, spans, nl)
        fs, fe = q.start - sent.start, q.end - sent.start
        ca, cb = sent.clause(fs)
        clause_before = sent.text[ca:fs]
        is_size = (
            not q.text[:1].isdigit()
            and q.value != "0"
            and q.unit.startswith(("万", "亿", "千", "百", "十"))
            and q.text[:1] in "万亿千百十"
        )
        # an eventual scale: 形成500亿元以上的数字经济规模 (not 装机规模全省第一)
        scale_only = (
            is_size
            or bool(SCALE_AFTER_RE.match(sent.text[fe:cb]))
            or _yields_a_year(sent, clause_before, fe, cb)
        )
        holiday = (sent.names_holiday() and _holiday(sent.text[:fs], frame.year_at(q.start))
                   or doc_holiday)  # fmt: skip
        period_guess = _period(sent, fs, fe, ca, cb, prev, frame, q.start, scale_only, "actual",
                               doc_span, holiday, doc_spans, q.unit)  # fmt: skip
        run_kind = (
            _run_kind(i, len(spans), sentence, indexed, runs)
            if sent.ends_list_item() or (i and sentence(i - 1).ends_list_item())
            else None
        )
        if run_kind is None and sent.para in aimed:
            run_kind = "target"  # (发展目标：\n到2024年底，A级旅游景区总数达到25家)
        # 今年新增落地项目355个 in a report on the first half: the year so far, which is over
        so_far = _year_to_date(period_guess, sent, fs, ca, cb, frame, q.start, "actual", date, prev)
        kind, conf, cue = _kind(sent, fs, fe, ca, cb, prev, frame, q.start, so_far,
                                scale_only, run_kind, sent.figure_kind,
                                q.base_unit == "count")  # fmt: skip
        if q.value == "0" and "破零" in q.text:
            kind, conf, cue = ("actual", "high", "实现") if "实现" in clause_before else (
                "target", "high", "破零")  # fmt: skip
        if (quoted := _quoted_aim(sent.text, fs)) and kind != "target":
            kind, conf, cue = "target", "high", quoted  # “一季度…开复工率达到35%以上”的目标
        elif (event_report and kind == "plan" and q.base_unit == "count"
              and (_DRIVE_COUNT.search(sent.text, ca, fe) or _OF_THE_EVENT.match(sent.text)
                   or _goes_on_about_the_event(sent, prev))):  # fmt: skip
            # 大同市“三个一批”活动共推进项目58个, 其中，签约项目19个; 此次集中开工的18个重点项目
            # 中，新建项目8个: what the event did
            kind, conf, cue = "actual", "low", "(the projects of the event reported)"
        if kind == "plan" and q.base_unit in _RATES and not cue.startswith("(the growth of"):
            # 推动…增长6%, 将…占比提高到40%: a rate or share is aimed at; plans are work to do
            kind, cue = "target", f"{cue} (a rate is aimed at, not planned)"
        elif kind == "plan" and _HELD_AT.search(sent.text, ca, fs):
            # 将推动能源转型全面提速：煤炭产量稳定在13亿吨左右: a level to be held is aimed at
            kind, cue = "target", f"{cue} (a level to hold is aimed at, not planned)"
        if (
            kind == "actual"
            or kind == "target"
            and not any(k[2] == "target" and k[1] <= fe for k in sent.kinds)  # (力争, 确保…)
        ) and (built := _once_built(sent, fs)) is not None:
            # 预计二期、三期全部投产后，…年产值可达100亿元，年创税收超20亿元; 项目建设完成后，将实现
            # …产值超30亿元 (将, no aim word): what the works are to yield once done, all of it
            kind, conf, cue = "forecast", "low", built
        if kind == "actual" and _in_a_projects_name(sent, fs, fe, ca, cb, q.base_unit):
            # 三一硅能10GW光伏…项目, 年产20万吨复合材料…生产线扩建项目: the size a project is
            # named by, what it is to build (not 建成并网盘道梁二期5万千瓦风电, done)
            kind, conf, cue = "plan", "low", "(the size in a project's name)"
        if cue != "总投资":  # a project's cost is planned; the figures after it keep their own
            sent.figure_kind = kind
        period = period_guess
        if kind != "actual":
            period = _period(sent, fs, fe, ca, cb, prev, frame, q.start, scale_only, kind,
                             doc_span, holiday, unit=q.unit)  # fmt: skip
        period = _year_to_date(period, sent, fs, ca, cb, frame, q.start, kind, date, prev)
        period = _from_start(period, sent, fs, fe, ca, cb, kind, prev)
        period = _whole_year_done(period, sent, fs, kind, date)
        period = _quarter_of_the_lead(period, sent, frame)
        period = _month_over_month(period, sent, fs, ca, prev, frame)
        costed = cue in ("总投资", _PROJECT_SPEC)
        if kind == "actual" or kind == "plan" and costed:
            projects = (
                costed or q.base_unit == "count" and (q.unit == "项" or "项目" in sent.text[ca:cb])
            )
            period = _on_the_day(period, sent, fs, ca, sent._when[0], event_day, event_report,
                                 projects, prev, date)  # fmt: skip
        if (
            kind == "actual"
            and (p := periods_mod.try_parse(period))
            and (p.start.year > now or (p.is_multi_year and p.start.year == now))
        ):
            # 到2027年实现“黄酒产业总产能达到30万吨”的目标: no result is for a year after the
            # text, nor for years that start with its own (今后五年…年均增长6%, said in 2026)
            kind, conf, cue = "target", "low", "(a period after the text)"
        if sent.comparison_at(fs) is None:  # (与一季度(-4.2%)相比 dates only itself)
            sent.figure_period = period or ""
            if period and "/" not in period:
                sent.point_period = period
        if (_TWO_YEARS.search(sent.text, ca, fs) and (p := periods_mod.try_parse(period))
                and p.is_full_year):  # fmt: skip
            # 两年平均增长5.8% (a 2021 bulletin): the average over this year and the last, its
            # own (the figures after it keep the report's time). Of a part of the year (上半年
            # …两年平均增长5.2%) it is the same months of both years: no span says that, the
            # months say which the average is of
            period = f"{p.end.year - 1}/{p.end.year}"
        value, value_base = q.value, q.value_base
        if q.base_unit == "percentage_point" and NEGATIVE_DIFF_RE.search(clause_before):
            value_base = -abs(value_base)
        if value_base < 0 and not value.startswith("-"):
            value = "-" + value
        value_high = q.value_high or ""
        if value_high and value_base < 0 and not value_high.startswith("-"):
            value_high = "-" + value_high
        place, subset = _place(sent, fs, ca, frame, prev, headed.get(sent.para))
        if q.row and (named := places.mentions(q.row)) and named[0].place is not None:
            place, subset = named[0].place.name, ""  # 忻府区56.73 in a run of counties
        elif (
            q.row
            and frame.home is not None
            and "|" in text[text.rfind("\n", 0, q.start) + 1 : q.start]
        ):
            # (| 市区 | 56.21 |, a row of a table of places naming none: a part of the text's
            # own; | 全市 | 268.9 |, its whole)
            place, subset = frame.home.name, "" if q.row in _WHOLE_ROWS else q.row
        # 比上半年(下降3.9%), 高于全省(8%): the yardstick's own number (its time and place are
        # read by _period and _place); its indicator is the figure's before it
        yard = _yardstick_value(sent.text, fs)
        if place and yard is None:
            sent.subject = place
        # what the figure measures: its clause's noun phrase, from after the figure before it
        earlier = prev_fig.get(i, [])
        from_pos = max([ca, *(e[3] for e in earlier if e[3] <= fs)])
        previous = earlier[-1][1] if earlier else None
        comp = sent.comparison_at(fs)
        ind = None
        if earlier and (comp is not None or (yard is not None and earlier[-1][0] == q.base_unit)):
            # 与一季度(-4.2%)相比, 比上半年(下降3.9%): the same measured thing as the figure
            # before, of another period or place
            m = earlier[-1][1]
            ind = registry.by_id.get(earlier[-1][2]) if earlier[-1][2] else None
        else:
            bounds = [0, *(b + 1 for b in sent.bounds)]
            k = bisect.bisect_right(bounds, ca) - 1  # this clause's index
            earlier_clause = ""
            if k >= 1 and (not earlier or earlier[-1][3] <= bounds[k - 1]):
                # the clause before, when no figure read lies in it (one whose number was
                # lost still names what it measured: 15-59岁人口为.22万人，占…66.26%)
                a0 = bounds[k - 1]
                earlier_clause = sent.text[a0 : ca - 1]
            item, run_head = _list_item(sent, fs, indexed, q, cache_lists)
            if paired := cache_lists.get(("place", q.start)):
                place, subset = paired, ""
            if when := cache_lists.get(("period", q.start)):
                period = sent.figure_period = when
            if not item and (back := cache_lists.get(("back", q.start))) is not None:
                j, n, run_start, first = back
                named = [e[1] for e in earlier if e[3] <= run_start
                         and e[1].measure not in ("growth", "change") and e[1].phrase]  # fmt: skip
                if len(named) >= n:
                    item = named[len(named) - n + j].phrase
                    run_head = cache_lists.get(("head", first))
            if q.label:
                # a table's cell: its row names what is measured, its column how
                m = phrases.measured(q.label, q.base_unit, None, "", "", q.unit)
                if q.column:
                    m = phrases.Measured(m.phrase, q.column, "", m.candidates)
            else:
                m = phrases.measured(sent.text[from_pos:fs], q.base_unit, previous,
                                     sent.text[fe:cb], earlier_clause, q.unit, item)  # fmt: skip
            if run_head is not None and run_head.measure != m.measure and earlier:
                # 分别增长5.1%、7.1%: the items of a list are measured as its first one is
                m = phrases.Measured(m.phrase, run_head.measure, m.share_of, m.candidates)
            if item:
                cache_lists.setdefault(("head", q.start), m)
            if (m.measure == "growth" and earlier and earlier[-1][1].measure == "change"
                    and earlier[-1][0] in _MONEY):  # fmt: skip
                # 比上年增加137.06亿元，增长3.41%: the percent of that increase, at current
                # prices, not the growth official statistics mean (at constant prices); an
                # amount of tonnes or people has no prices (增加61.9万吨，增长7.2%)
                m = phrases.Measured(m.phrase, "growth_nominal", m.share_of, m.candidates)
            if (m.measure == "growth" and _BARE_SECTOR.fullmatch(m.phrase)
                    and _investment_topic(text, q.start)):  # fmt: skip
                m = phrases.Measured(m.phrase + "投资", m.measure, m.share_of)
            scope = _scope(sent, fs, prev)
            if scope in _NARROWING and not _NARROWED.search(m.phrase):
                scope = ""
            if scope and m.phrase and not m.phrase.startswith(scope[:6]):
                # 全年规模以上工业企业原煤产量…；发电量11.14亿千瓦时: the list's subject (with
                # and without 企业, as official names differ: …工业发电量, …工业企业利润总额)
                scopes = dict.fromkeys((scope, scope.removesuffix("企业"), scope + "企业"))
                extra = tuple(s + c for s in scopes for c in m.candidates)
                if scope in _NARROWING:
                    m = phrases.Measured(scope + m.phrase, m.measure, m.share_of, extra)
                else:
                    m = phrases.Measured(m.phrase, m.measure, m.share_of, (*m.candidates, *extra))
            ind = registry.classify(m, q.base_unit, subset, sent.text)
        period = _stock_at_end(_harvest_year(period, m), m)
        period = _since_base_year(period, sent.text, fs, m)
        if kind == "actual":  # (a target 到2025年末 is the day the text names)
            flow = _flow_to_date(period, sent, ca, fs, m, prev, bool(q.label))
            if flow != period and sent.figure_period == period:
                sent.figure_period = flow  # (its growth after it is the flow's too)
            period = flow
        if (ind is not None and ind.measure == "growth"
                and ((_over_years(period) and not _AVERAGE.search(sent.text, ca, fs))
                     or _TWO_YEARS.search(sent.text, ca, fs))):  # fmt: skip
            # 累计增长30% over “十四五”: the growth of several years together is not a rate
            # the indicator's series holds; left unclassified, with its proposal. An average
            # (年均增长3.5% over 2021/2025) is the indicator's rate, its period the span — a
            # plan's 年均 target is settled by it, and the book marks it a yearly average. A
            # two-year average (两年平均, the years of the pandemic; of a year or of its first
            # months) settles no target: unclassified
            ind = None
        if (ind is not None and ind.measure == "growth"
                and (base := periods_mod.base_year(sent.text, fs)) is not None
                and base != (_year_of(period) or 0) - 1):  # fmt: skip
            # 比2020年增长35%, 与2019年相比增长12% (in 2024): growth over several years, not
            # the yearly rate of the indicator's series; kept, unclassified
            ind = None
        if ind is not None and q.base_unit != "rank" and _CONSECUTIVE.search(sent.text, ca, fs):
            # 连续五年保持在亿吨以上: a level held through several years is no one year's
            # observation for the indicator's series; kept, unclassified (a rank held so,
            # 连续6年位居全省第一, is still the rank)
            ind = None
        if (ind is not None and earlier and earlier[-1][0] == "count"
                and _BARE_CAPACITY.fullmatch(m.phrase)):  # fmt: skip
            # 建成光伏电站2座，装机容量10万千瓦: the capacity of those plants, not the place's
            ind = None
        prev_fig.setdefault(i, []).append((q.base_unit, m, ind.id if ind else "", fe))
        if ind is not None:
            theme, iid, status = ind.theme, ind.id, "classified"
        else:
            theme, iid, status = registry.guess_theme(sent.text, fs), "", "unclassified"
        rows.append(
            {
                "figure_id": figure_id(source_id, q.start, q.text),
                "source_id": source_id,
                "region": region,
                "theme_id": theme,
                "indicator_id": iid,
                "status": status,
                "place": place,
                "subset": subset,
                "measured": m.phrase,
                "measure": m.measure,
                "value": value,
                "value_high": value_high,
                "unit": q.unit,
                "value_base": value_base,
                "base_unit": q.base_unit,
                "qualifier": shared.get(q.start, q.qualifier),
                "kind": kind,
                "kind_confidence": conf,
                "kind_cue": cue,
                "period": period or "",
                "quote": sent.text,
                "quote_start": sent.start,
                "char_start": q.start,
                "char_end": q.end,
                "span": q.text,
            }
        )
    _date_heading_echoes(rows, text, spans, starts, sentence)
    return rows


def _is_heading(text: str, a: int, b: int) -> bool:
    """Whether the sentence text[a:b] is a line of its own that ends with no stop: a
    headline or a subheading (山西新增城镇就业43.33万人)."""
    return (
        b - a <= 40
        and (a == 0 or text[a - 1] == "\n")
        and (b == len(text) or text[b] == "\n")
        and text[b - 1 : b] not in ("。", "！", "？", "；", "：")
    )


def _date_heading_echoes(rows, text, spans, starts, sentence) -> None:
    """A headline's figure that names no time (山西新增城镇就业43.33万人) is the figure the
    body dates (截至10月底，全省城镇新增就业43.33万人: 2024-01/2024-10): it takes the period
    of the first figure of the same value and unit whose sentence names a time; so does a
    subheading's."""
    at = [bisect.bisect_right(starts, r["char_start"]) - 1 for r in rows]  # each row's sentence
    heads = [(r, i) for r, i in zip(rows, at, strict=True)
             if not sentence(i).periods and _is_heading(text, *spans[i])]  # fmt: skip
    for r, i in heads:
        for o, j in zip(rows, at, strict=True):
            if (j != i and o["value_base"] == r["value_base"] and o["base_unit"] == r["base_unit"]
                    and o["unit"] == r["unit"] and sentence(j).periods):  # fmt: skip
                r["period"] = o["period"]
                break


def extract_rows(paths) -> list[dict]:
    """Ledger rows (dicts with ``COLUMNS``) for every registered source, in registry order.

    A table source (``type: table``) contributes its rows as read by ``read_table``; a table
    with any problem stops the extraction with every problem listed. ``ledger.extract_all``
    makes the sorted, typed ledger of them."""
    registry = load_indicators(paths)
    rows: list[dict] = []
    for entry in sources.load_registry(paths):
        norm = sources.normalized(paths, entry["id"])
        if entry.get("type", "document") == "table":
            table = read_table(norm.text, f"data/sources/{entry['file']}", registry, entry)
            if table.problems:
                raise TableError(table.message())
            rows.extend(table.rows)
        else:
            damaged = [(d["start"], d["end"]) for d in norm.report().get("damaged_numbers", [])]
            rows.extend(extract_source(entry, norm.text, registry, damaged))
    return rows
