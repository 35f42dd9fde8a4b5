"""Phrases: what a figure measures, in the text's own words.

``measured(clause_before, unit, previous)`` reads the *measured noun phrase* of a figure's
clause — the words that name what the number is of, stripped of the place (全市, 忻州市), the
time (2024年, 上半年), the verb (实现, 完成, 同比增长) and the filler around them — and its
*measure*:

==============  ==============================================================================
measure         when
==============  ==============================================================================
``growth``      a percent after 增长/增速/涨幅/下降 … (not 增长到/提高到, which reach a level)
``share``       a percent after 占…(的比重|的), 占比, 比重: ``share_of`` holds the whole
``change``      percentage or per mille points (高于全省2.5个百分点, 提高1.2个百分点)
``per_capita``  the phrase names a per-person amount (人均…, 户均…)
``rank``        a position in a ranking (位居全省第一)
``count``       a number of items (个, 户, 家, 项 …)
``level``       everything else: an amount for a period or at a date
==============  ==============================================================================

A clause that names nothing (``…107.3亿元，增长3.9%``) measures what the figure before it in the
sentence measured: ``previous`` carries that phrase on. The phrase is what
``indicators.Vocabulary.classify`` looks up — exactly, never the nearest word — and what an
unclassified figure proposes as a new indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportbook import periods, places

# Abbreviations official texts use for the same term (规上 = 规模以上).
ABBREVIATIONS = (
    ("规上", "规模以上"),
    ("社零额", "社会消费品零售总额"),
    ("社零", "社会消费品零售总额"),
    ("发电装机", "装机"),  # 新能源和清洁能源发电装机 = 新能源和清洁能源装机
    # installed capacity is a total (a stock): 装机总量 = 装机容量 = 装机 (…装机总量全省第一)
    ("装机总量", "装机"),
    ("装机总容量", "装机"),
    ("装机容量", "装机"),
    ("GDP", "地区生产总值"),  # 占GDP的比重, GDP全省排名: a region's GDP is its 地区生产总值
    ("投资完成额", "投资"),  # 固定资产投资完成额 = 固定资产投资
)

_VERB_TAIL = re.compile(
    r"(?:同比|比上年同期|较上年同期|比上年|较上年|比去年|较去年|与上年相比|比2\d{3}年|较2\d{3}年|"
    r"两年平均|两年年均|年均|年平均|平均|累计|合计|总计|分别|均|已经|已|共计|共|约为|约|近|超过|超|逾|达到了|达到|达|"
    r"实现了|实现|完成了|完成|为|是|增长了|增长|下降了|下降|增加了|增加|减少了|减少|提高了|提高|"
    r"降低了|降低|上涨|回落|突破了|突破|增速|增幅|涨幅|降幅|增至|增加到|提高到|提升到|提升|上升到|"
    r"上升|升至|跃升至|跃升到|跃居|攀升至|由|从|至|到|了|的|有|在|保持在|稳定在|控制在|高于|低于|快于|将|"
    r"慢于|首次|再次|全年|当年|年内|期间|以上|左右|仅|则|也|又|还|就|都|基本|始终|一直|"
    r"拥有|建成|新增|净增|接待|实现增加值|比重|占比|比例|占|保持|进位|位至|历史最高值|最高值|最低值|峰值|"
    r"最高水平|历史最高|历史新高|大幅|小幅|较快|快速|稳步|明显|平稳|"
    r"力争|力求|有望|可望|预计|确保|争取|努力|可达|迈上|跨上|跃上|、|和|及|与|，|,|：|:)$"
)
_LEAD = re.compile(
    r"^(?:其中|另外|此外|同时|我们|而|并|且|但|在|对|据统计|数据显示|统计显示|经初步核算|初步核算|"
    r"按可比价格计算|按可比价计算|按照可比价格计算|按照可比价计算|按照不变价格计算|按不变价格计算|"
    r"按常住人口计算|全年|今年|去年|当年|截至目前|目前|“|”|\s|"
    r"预计到|预计|有望|力争|争取|确保|计划(?=实施|建设|新建|开工|完成)|拟|谋划实施|谋划|实施|推进|"
    r"推动|著力推进|著力|加快建设|包含|包括|"
    r"加快|大力|全力|持续|积极|努力|深入|打造|形成|牵引形成|构建|建设|新建|培育|实现了|实现|"
    r"完成了|累计|共有|拥有|共|将|到|使|让|带动|吸引|还能领到|领到|获得|争取到|落实|下达|安排|"
    r"总体|整体|其(?![市县区省])|该(?![市县区省])|本(?![市县区省])|特别是|尤其是|参加|得到|纳入|"
    r"保持|稳居|监测的|已并网的|(?:年末)?(?:常住|户籍|总)人口中)+"
)
_TAIL_TIME = re.compile(
    r"(?:上半年|前三季度|全年|今年|去年|当年|年末|年底|1[—-]\d{1,2}月)(?=[^\u4e00-\u9fff]*$)"
)
_COUNTED = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十两]+)(?:个|家|户|项|大|条|座|处)")
_SHARE = re.compile(r"占(?P<whole>[^，。；,%]{1,24}?)(?:的)?(?:比重|比例|份额)?(?:为|达到|达)?$")
_SHARE_WORDS = re.compile(r"(?:占比|比重|比例|份额)(?:分别|均)?(?:为|达到|达|提高到|提升到)?$")
_GROWTH = re.compile(
    r"(?:增长|增速|增幅|涨幅|下降|回落|上涨|增加|减少|降低|负增长|降幅|提高|提升|上升|回升)"
    r"(?:分别|均)?(?:了|为|达|达到|约|近|超过|突破|[(（])?$"
    r"|(?:增速|增幅|涨幅|降幅)(?:分别|均)?(?:控制在|保持在|稳定在|在)$"
)
_GROWTH_NOT = re.compile(r"(?:提高|提升|上升|增长|降低|下降)(?:到|至)$")
_PER_CAPITA = re.compile(r"人均|户均|每人|每户|亩均|每万人")
_RANK_TAIL = re.compile(
    r"(?:全省|全市|全国|全县|省内|市内|排名|排位|位居|位列|名列|稳居|跃居|进位至|进位到|居|排)+$"
)
# how long a state has lasted is not part of what is measured (装机总量连续6年位居全省第一)
_DURATION = re.compile(r"(?:已经|已)?连续(?:\d+|[一二三四五六七八九十两]+)年$")
# a holiday names the time, not the thing (景区端午假期接待游客)
_HOLIDAY = re.compile(
    r"[“\"]?(?:春节|元旦|清明|五一|劳动节|端午|中秋|国庆|十一)[”\"]?(?:节|小长假|长假|黄金周)?"
    r"(?:假日|假期|期间|黄金周|小长假|长假|节日期间)+"
    r"|(?:假日|节日|假期)期间"  # (重点景区假日期间累计接待游客: the holiday the text is about)
)
# Words inside a phrase that do not change what is measured (重点景区累计接待游客).
INNER_FILLER = re.compile(r"累计|共计|合计|总共|共(?=接待|完成|实现)|同比|分别|实现|完成")


@dataclass(frozen=True)
class Measured:
    phrase: str  # the measured noun phrase, normalized ('' when the text names nothing)
    measure: str  # level | growth | share | change | per_capita | rank | count
    share_of: str = ""  # the whole of a share, normalized (电力总装机, 全省新能源装机 …)
    candidates: tuple[str, ...] = ()  # phrases to look up, best first (``phrase`` among them)

    def __post_init__(self):
        if not self.candidates and self.phrase:
            object.__setattr__(self, "candidates", (self.phrase,))


_BLANKS = re.compile(r"\s+")


# any abbreviation: a phrase holding none is left as it is (most phrases)
_ABBREVIATED = re.compile("|".join(re.escape(short) for short, _full in ABBREVIATIONS))


def normalize(phrase: str) -> str:
    """A phrase as the vocabulary is looked up: abbreviations spelled out, blanks dropped."""
    p = "".join(phrase.split()) if phrase else ""  # (str.split's blanks are \s's, all of them)
    if _ABBREVIATED.search(p) is not None:
        for short, full in ABBREVIATIONS:
            p = p.replace(short, full)
    return p


def _leading_time_or_place(s: str) -> int:
    """The length of a time or place word opening ``s`` (上半年, 忻州, 全市 …), else 0."""
    lead = len(s) - len(s.lstrip("，,、的 "))  # a time or place opens s when it starts by here
    cue = next(periods.iter_cues(s, 2000), None) if periods.cue_may_start_by(s, lead) else None
    if (
        cue is not None
        and not s[: cue.start].strip("，,、的 ")
        and not (cue.what == "whole_year" and periods.names_a_plan(s, cue.end))
    ):
        return cue.end  # (年度计划投资 is a term, not 年度 + 计划投资)
    first = places.first_mention(s, within=lead)
    if (first is not None and not s[: first.start].strip("，,、的 ")
            and not s.startswith("片区", first.end)):  # fmt: skip
        return first.end  # (but 忻州片区, a zone of the city, names what is counted)
    return 0


def subject_stripped(name: str) -> str:
    """A vocabulary name without the place that opens it (忻州新能源… -> 新能源…), normalized."""
    s = name
    while n := _leading_time_or_place(s):
        s = s[n:]
    return normalize(s)


_PAREN = re.compile(r"[（(][^（()）]{0,16}[)）]")  # 地区生产总值(GDP), 门票(经营)收入,
# 农林牧渔业(包括农林牧渔专业及辅助性活动)增加值


# a milestone the figure crossed is a remark on it, not part of what is measured
# (地区生产总值历史性迈上千亿台阶、达到1012.9亿元)
_MILESTONE = re.compile(
    r"(?:历史性|首次|成功|一举)?(?:迈上|跨上|跃上|站上|迈入|跨越|登上|突破)了?"
    r"[^，。；、,;]{0,8}?(?:台阶|大关|关口)[、，,]?(?:达到|达|为)?$"
)


# a clause saying why or how (为推动高质量发展，完成…) names nothing measured
_PURPOSE = re.compile(r"为了|为|围绕|聚焦|通过|按照|坚持|依托|以|在")


@lru_cache(maxsize=4096)
def _strip(text: str) -> str:
    """The noun phrase left of a figure: without place, time, counts, verb and filler.
    (Remembered: the same words come back, within a text and across texts — over the corpus
    documents 1,474 different ones of 2,754 asked.)"""
    s = _LEAD.sub("", _PAREN.sub("", _HOLIDAY.sub("", _MILESTONE.sub("", text))))
    while n := _leading_time_or_place(s):
        s = _LEAD.sub("", s[n:])  # the subject and its time (上半年，忻州全市…), not a name's
    s = _TAIL_TIME.sub("", s)
    s = _COUNTED.sub("", s)  # 5个重点监测景区 -> 重点监测景区
    prev = None
    while prev != s:
        prev = s
        s = s.strip('的、，,：:（(）)“”" ')
        s = _LEAD.sub("", s)
        s = _VERB_TAIL.sub("", s)
        cues = periods.find_cues(s, 2000) if periods.cue_may_end_at_end(s) else ()
        if cues and cues[-1].end == len(s):
            s = s[: cues[-1].start]  # 常住人口城镇化率由“十三五”末 -> …城镇化率由
    return s.strip('的、，,：:（(）)“”" ')


# what may follow a figure and name what it counts: 14个[重点产业链项目], 500亿元以上的[数字经济
# 规模]
_AFTER = re.compile(r"^(?:以上|左右|余|多|级)?(?:的)?(?P<noun>[\u4e00-\u9fffA-Za-z“”]{2,20})")
_AFTER_STOP = re.compile(
    r"(?:实现|完成|达到|达|增长|下降|提质增效|成为|位居|居|占|入选|获批|建成|投产|开工|累计|首位|构成|组成|"
    r"落地|签约|参与|进行|分别|，|。|、)"
)
# generic measures that name the thing only with the figure before them (…项目63个，总投资…)
_GENERIC = (
    r"(?:总投资|年度计划投资|计划投资|年度投资|完成投资|投资|完成产值|产值|营业收入|营收|实现营业收入|"
    r"增加值|利润|利润总额|利税|收入|产量|总产量|平均亩产|亩产|总面积|播种面积|销售额|销售收入|出口额|"
    r"规模|总量|总额)"
)
GENERIC = re.compile(f"^{_GENERIC}$")
_GENERIC_TAIL = re.compile(f"(?:{_GENERIC}|总数|数量|个数|企业总数|播种|种植面积)$")
_REFERENCE = re.compile(r"(?:高于|低于|快于|慢于|超过|领先)(?P<where>全省|全国|全市)")


def _after(text: str) -> str:
    """The noun phrase right after a figure (what a count counts), up to its verb."""
    m = _AFTER.match(text)
    if not m:
        return ""
    noun = m.group("noun")
    cut = _AFTER_STOP.search(noun)
    noun = noun[: cut.start()] if cut else noun
    # 4家[省级重点专业镇]和12家…: a conjunction before the next figure is not part of the noun
    noun = re.sub(r"(?:以及|和|及|与|、)$", "", noun)
    return normalize(noun.strip("“”"))


# a goal word between the measured thing and its figure (the kind says it is a goal)
_GOAL_TAIL = re.compile(r"(?:的)?(?:预期)?(?:目标值|目标|指标)(?:任务)?(?:为|是|定为|设为)?$")
_RAISED_TO = re.compile(r"(?:提升|提高|增加|增|上升|下降|降|减少|减)(?:到|至)$")


def _raised_to(text: str) -> bool:
    """Whether ``text`` ends in a verb that raises a level (提高至2024年的 …), its time aside."""
    t = text.rstrip("的")
    cues = periods.find_cues(t, 2000) if periods.cue_may_end_at_end(t) else ()
    if cues and cues[-1].end == len(t):
        t = t[: cues[-1].start]
    return bool(_RAISED_TO.search(t))


_LIST_SPLIT = re.compile(r"、|和|及|与|以及")
_THREE_SECTORS = ("第一产业增加值占地区生产总值比重", "第二产业增加值占地区生产总值比重",
                  "第三产业增加值占地区生产总值比重")  # fmt: skip


def list_items(phrase: str) -> list[str]:
    """The things a 分别 list names, each in full: 城镇、农村居民人均可支配收入 -> [城镇居民人均
    可支配收入, 农村居民人均可支配收入]; 城乡居民… -> 城镇居民…, 农村居民…; 三次产业(结构) -> the
    three sectors' shares of GDP."""
    p = normalize(phrase)
    if re.fullmatch(
        r"三次产业(?:结构|比重|占比|增加值占比|结构调整|结构比例|"
        r"(?:增加值)?占(?:GDP|地区生产总值|生产总值)(?:的)?(?:比重|比例)?)?",
        p,
    ):
        return list(_THREE_SECTORS)
    if p.startswith("城乡居民"):
        rest = p[len("城乡") :]
        return ["城镇" + rest, "农村" + rest]
    parts = [x for x in _LIST_SPLIT.split(p) if x]
    if len(parts) < 2:
        return [p]
    last = parts[-1]
    head = len(parts[0])
    # a shared tail: the first items are short heads of the last one (城镇、农村居民…)
    if all(len(x) <= 4 for x in parts[:-1]) and len(last) > head + 1:
        tail = last[head:]
        return [x + tail for x in parts[:-1]] + [last]
    return parts


def after_members(phrase: str) -> str:
    """What a phrase measures after the list of its members: 甲景区、乙景区、丙景区重点监测景区
    累计接待游客 -> 重点监测景区累计接待游客. The items (two at least before the last) end in one
    head noun (景区), and what follows the last item names a set of that kind (…景区), so the
    list only says which members the set has; anything else gives ''."""
    if not phrase or phrase.count("、") < 2:
        return ""  # (most phrases: no list)
    parts = phrase.split("、")
    if any(len(x) < 3 for x in parts[:-1]):
        return ""
    heads = {x[-2:] for x in parts[:-1]}
    if len(heads) != 1:
        return ""
    head = heads.pop()
    at = parts[-1].find(head)
    if at <= 0:
        return ""
    rest = parts[-1][at + len(head) :]
    return rest if head in rest and not rest.startswith(head) else ""


_BARE_SHARE = re.compile(r"占(?:了)?$")
_AVERAGE_LEVEL = re.compile(
    r"(?:高于|低于|超过|超出|接近)(?:全国|全省|全市)(?:的)?平均(?:水平|值)?[(（]$"
)
# a remark on how a figure moves is not what is measured (煤炭工业增速持续加快)
_TREND = re.compile(
    r"(?:增速|增幅|增长|势头|态势)?(?:持续|稳步|明显|不断|逐步|进一步|继续|大幅|显著)?"
    r"(?:加快|回升|回落|放缓|提升|向好|扩大|收窄|好转|改善)$"
    # …延续2月份平稳向好趋势, 保持良好发展态势: the trend it keeps
    r"|(?:延续|保持|继续|呈现|呈)[^，。；,;]{0,14}(?:趋势|态势|势头)$"
)
_NUMBER_IN = re.compile(r"(?:为|达到|达|完成|实现|是|共|有)?\s*[.．]?\d[\d.．,，]*[^\d]{0,4}$")
_UNIT_TAIL = re.compile(r"(?:亿|万|千)?(?:千瓦时|千瓦|吨|元|人次|人|户|个|家|亩|立方米)$")


def _named_in(clause: str) -> str:
    """What a clause names before its unread number: 农村居民人均可支配收入完成14809 ->
    农村居民人均可支配收入; 发电量亿千瓦时 (its digits lost) -> 发电量; 煤炭工业增速持续加快
    -> 煤炭工业."""
    c = _BLANKS.sub("", clause)
    if m := _NUMBER_IN.search(c):
        c = c[: m.start()]
    else:
        c = _UNIT_TAIL.sub("", c)
    named = normalize(_TREND.sub("", normalize(_strip(c))))
    if re.search(r"\d", named) and "岁" not in named:  # 15—64岁人口: an age range names it
        return ""
    return named


# A clause up to the figure that ends in a conjunction: the words before belong to the figure
# before it (…3家省级重点专业镇和|10家市级重点专业镇).
_JOINED = re.compile(r"(?:和|及|与|以及|、)$")
_REACHED = re.compile(r"(?:惠及|受益|覆盖|帮助|服务)$")
_NAME_IN_BRACKETS = re.compile(r"[（(]([\u4e00-\u9fff]{4,16})[)）](?:为|达到|达|是)?$")
_RESTATED = re.compile(r"[，,]?(?:达到|达|为)")
_CHANGE_TAIL = re.compile(r"(?:净增|新增|增加|减少|净减)了?$")


# a pure function of its arguments (a frozen Measured back): the same clause comes back with
# every sentence a text repeats; bounded, as texts are long
@lru_cache(maxsize=2048)
def measured(
    clause_before: str,
    unit_base: str,
    previous: Measured | None,
    after: str = "",
    earlier_clause: str = "",
    unit: str = "",
    item: str = "",
) -> Measured:
    """What the figure after ``clause_before`` (its clause up to the figure, from after the
    figure before it) measures. ``after``: the clause's text after the figure; ``previous``:
    what the figure before it in the sentence measured; ``earlier_clause``: the sentence's
    clause before this one when it holds no figure (旧车换新车，还能领到2000元补贴)."""
    # blanks mean nothing between Chinese words (同比增长 11.95%)
    text = "".join(clause_before.split())
    if "|" in text or "｜" in text:
        text = text.replace("|", "").replace("｜", "")  # (| 常住人口 | 284.56万人: a table's cells)
    if "标" in text:  # (every goal word holds it)
        text = _GOAL_TAIL.sub("", text)  # …增长目标为 -> …增长
    # a name given in brackets right before the figure (占常住人口比重（常住人口城镇化率）为
    # 61.04%): the official name of what is measured
    if bracketed := _NAME_IN_BRACKETS.search(text):
        text = text[: bracketed.start()] + text[bracketed.end(1) + 1 :]
    share_of = ""
    if unit_base == "rank":
        measure = "rank"
        text = _DURATION.sub("", _RANK_TAIL.sub("", text))
    elif unit_base in ("percentage_point", "permille_point"):
        measure = "change"
    elif unit_base in ("percent", "permille") and _SHARE_WORDS.search(text):
        measure = "share"
        if m := _SHARE.search(text[: _SHARE_WORDS.search(text).start()]):
            share_of = normalize(m.group("whole"))
            text = text[: m.start()]
    elif unit_base in ("percent", "permille") and (m := _SHARE.search(text)):
        measure = "share"
        share_of = normalize(m.group("whole"))
        text = text[: m.start()]
    elif unit_base in ("percent", "permille") and _BARE_SHARE.search(text):
        measure = "share"  # 男性人口为51034人，占51.81%: a share of the whole named before
        text = text[: _BARE_SHARE.search(text).start()]
    elif (
        unit_base in ("percent", "times") and _GROWTH.search(text) and not _GROWTH_NOT.search(text)
    ):
        measure = "growth"  # 增长7.2%; 增长1.6倍 (a growth of 160%)
    elif unit_base != "percent" and _CHANGE_TAIL.search(text):
        measure = "change"  # 经营主体净增1.8万户: the increase, not the stock
    elif unit_base == "count":
        measure = "count"
    else:
        measure = "level"
    before = normalize(_strip(text))
    noun_after = _after(after) if measure in ("count", "level") else ""
    prev = previous.phrase if previous is not None else ""
    prev_head = _GENERIC_TAIL.sub("", prev) if prev else ""
    cands: list[str] = [item] if item else []  # its place in a 分别 list names it
    if bracketed:
        cands.append(normalize(bracketed.group(1)))
    if measure == "change" and (ref := _REFERENCE.search(clause_before)) and prev:
        grown = "增速" if previous is not None and previous.measure == "growth" else ""
        cands.append(f"{prev}{grown}高于{ref.group('where')}")  # the difference from a yardstick
    if before and not GENERIC.match(before):
        cands.append(before)
        if members := after_members(before):
            cands.append(members)  # 五台山景区、…、禹王洞景区重点监测景区累计接待游客
    if before and GENERIC.match(before) and prev_head:
        cands.append(prev_head + before)  # …项目63个，总投资1309.1亿元
    if not before and noun_after and prev_head != prev and text.endswith("的"):
        # 签约引进总投资1929.8亿元的582个项目: the projects the amount before was of
        cands.append(prev_head + noun_after)
    if not before and noun_after:
        cands.append(noun_after)
        if earlier_clause:
            cands.append(normalize(_strip(earlier_clause)) + noun_after)
    if before and noun_after:
        if _JOINED.search(text):
            # 3家省级重点专业镇和10家[市级重点专业镇]: the noun before "和" is the figure
            # before's; this one's follows it
            cands.insert(1 if item else 0, noun_after)
        else:
            cands.append(noun_after)  # 21户[省级产业链链上企业], 万亿级[能源开发…产业集群]
    if measure == "level" and unit_base == "percent" and before:
        cands.append(before + "占比")  # 煤炭先进产能达到85%
    if unit.startswith("大") and len(unit) > 1:
        cands.append(unit[1:])  # 5大方面: the unit names what is counted
    if noun_after and (reached := _REACHED.search(text)):
        # 惠及5.3万市场主体: those the measure reached, not the stock of market entities
        cands = [reached.group(0) + noun_after]
    if not cands and before:
        cands.append(before)
    if (not before and earlier_clause and measure in ("growth", "share")
            and (not prev or _NUMBER_IN.search(earlier_clause))):  # fmt: skip
        # 农村居民人均可支配收入完成14809，增长9.2%: the clause before names what grows, its
        # own number unread (no unit, or digits lost in scraping: 发电量亿千瓦时，增长7%)
        if named := _named_in(earlier_clause):
            cands.append(named)
    if not before and prev and measure in ("growth", "change", "rank", "share"):
        cands.append(prev)
        if members := after_members(prev):
            cands.append(members)
    ranked = before or (prev if measure == "rank" else "")  # …GDP突破2000亿元，进位至全省第四
    if measure == "rank" and not before and prev and re.search(r"增速|增幅|增长速度", text):
        ranked = prev + "增速"  # …增长6.7%，增幅全省第1: the growth is ranked, not the level
        cands = [c for c in cands if c != prev]
    if measure == "rank" and ranked:
        for where, said in (("全省", "全省"), ("全省", "省内"), ("全市", "全市"), ("全国", "全国")):
            if said in clause_before:
                cands.append(f"{ranked}{where}排名")
    if (
        not before
        and prev
        and measure in ("level", "count")
        and (_raised_to(clause_before) or _RESTATED.fullmatch(text))
    ):
        # 由“十三五”末的56.47%提升到60.65%; 从2020年的365户增至…609户; 突破2300亿元，达到
        # 2305.4亿元 (the threshold, then the figure)
        cands.append(prev)
    if measure == "level" and _AVERAGE_LEVEL.search(text) and prev:
        # 高于全国平均水平(7.24万元): the yardstick is the same measured thing elsewhere
        cands.insert(0, prev)
    if not cands and not prev and earlier_clause and measure in ("level", "count"):
        # 地区生产总值历史性迈上千亿台阶，达到1012.9亿元: a clause that is only a verb measures
        # what the clause before it (with no figure of its own) names
        named = normalize(_strip(earlier_clause))
        if named and not _PURPOSE.match(earlier_clause.lstrip()):
            cands.append(named)
    phrase = cands[0] if cands else ""
    if phrase and _PER_CAPITA.search(phrase) and measure == "level" and unit_base != "percent":
        measure = "per_capita"
    return Measured(phrase, measure, share_of, tuple(dict.fromkeys(filter(None, cands))))


def strip_phrase(text: str) -> str:
    """The noun phrase of ``text`` (a clause before a figure), normalized."""
    return normalize(_strip(text))


def subset_key(subset: str) -> str:
    """A subset as the vocabulary names it: 5家重点监测景区 -> 重点监测景区."""
    return normalize(_COUNTED.sub("", subset or ""))
