"""A quantity grammar for Chinese report text: find every figure, with its unit and qualifier.

``find_quantities(text)`` scans normalized (simplified) Chinese and returns one ``Quantity``
per figure, with character offsets into ``text``. What counts as a figure:

- Arabic numbers (``676.5``, ``1,234.56``, full-width digits) and Chinese numerals
  (``三千二百``, ``两``, ``十二``, ``三点五``; converted by our own small parser, never by
  rewriting the text, so offsets stay exact), followed by a unit.
- Scale words between number and unit: 十万 百万 千万 万 亿 十亿 百亿 千亿 万亿 (and 千 after
  Arabic digits): ``1713.75万千瓦``, ``3.2万人``, ``三千二百万元``.
- Units as printed: money (元 美元), power (千瓦 兆瓦 吉瓦) and energy (千瓦时 兆瓦时), mass
  (吨 公斤 千克 斤), volume (立方米), area (平方公里 平方米 公顷 亩), length (公里 千米 米),
  ``%`` and ``个百分点`` (kept apart: a percentage-point difference is not a percent),
  people (人 人次 名 位), times (倍) and count classifiers (个 户 项 条 家 座 所 台 辆 …).
- Negatives printed with a sign, also in brackets: ``与一季度(-4.2%)相比`` → ``-4.2``.
- Ranges: ``4到5条``, ``80亿元—100亿元``, ``5%-6%``, ``3至5个`` → value and value_high.
- 余/多 inside the figure (``两万余人``, ``20多个``) → qualifier ``gt``.
- Size words with no digits: ``千万吨`` → 1000 万吨, ``万亿级`` → 1 万亿 (qualifier ``ge``).
- The zero breakthrough ``“零”的突破`` and a ``“破零”`` goal → value 0, qualifier ``gt``.

Not figures: dates and years (no unit: 年/月/日 are not units), ordinals (第…), meeting
numbers (五届六次), quoted names (``“66831”``, ``“12大基地”``), list labels made of a single
Chinese numeral and a classifier (七个维度, 两条路子, 一个个), N大 programme names (七大能级),
and class labels with no number (``亿元以上重点工程项目``).

Qualifiers: ``eq ge gt le lt approx range``. Words next to the figure, outside its span:
以上/及以上/不少于/不低于/至少 → ge; 突破/超过/超/逾 → gt; 以下/以内/不超过/最多 → le;
不到/不足/少于 → lt; 约/近/左右/上下/前后 → approx.

Sign convention (documented decision): ``value`` is the number *as printed* (``同比下降2.1个
百分点`` → ``2.1``; ``(-4.2%)`` → ``-4.2``); ``value_base`` is the signed magnitude in the base
unit, negated when a decrease verb (下降 减少 降低 回落 下滑 …) governs the figure, and
``direction`` says ``down``/``up``/empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from reportbook.units import COUNT_CLASSIFIERS, MEASURE_BASES, SCALES, UNITS, split_unit, unit_base

__all__ = ["Quantity", "find_quantities", "parse_span", "cn_to_decimal"]

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10**4, "亿": 10**8}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
_HAS_FULLWIDTH = re.compile("[０-９．－]")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# (成, tenths, only after a word of sharing: see _TENTHS; 七成新 is a state, 一成不变 a saying)
_UNIT_RE = _alt(u for u in UNITS if u not in ("成", "度", "岁", "日"))
# a life expectancy before its 岁 (人均预期寿命达到80.81岁), a hospital stay before its 日
# (平均住院日为8.25日); any other age is no figure, any other 日 a date's day
_LIFESPAN_BEFORE = re.compile(
    r"(?P<age>寿命)(?:达到|达|为|是|提高到|提高至|增至|提升至|提升到)?$"
    r"|住院日(?:[^，。；\d]{0,6}?)(?:为|是|缩短至|缩短到|缩短为)$"
)
_SCALE_RE = _alt(SCALES)
_D = "零〇一二两三四五六七八九"
_CN_NUM = (
    rf"(?:[{_D}十][{_D}十百千]*|(?<=[近上逾超约])[百千]|[百千](?=余))"
    rf"(?:[万亿]+[{_D}十][{_D}十百千]*)*(?:点[{_D}]+)?"
)
_AR_NUM = r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?"
_NUM = rf"(?:{_AR_NUM}|{_CN_NUM})"
_SEP = r"(?:到|至|—|–|-|~|～|－|－)"
# what may follow a number that is part of a figure: a scale, a unit, 余/多 or a range
# separator (a bare number - a year, a date, an id - fails here, inside the regex engine)
_NEXT = (
    "["
    + re.escape("".join(sorted({w[0] for w in [*UNITS, *SCALES]} | set("余多到至—–-~～－"))))
    + "]"
)

_BLANK_UNITS = "个只头亩吨元人户家项条座台辆株套名件斤"
_LONG_UNITS = _alt(u for u in UNITS if len(u) > 1)
# each pattern opens with a one-character lookahead: a cheap first test at every position
QUANTITY_RE = re.compile(
    rf"(?=[-−－\d{_D}十百千])"
    rf"(?P<neg>(?<![0-9A-Za-z.%)])[-−－])?"
    rf"(?<![\d.,{_D}十百千万亿*＊])"
    # a blank before the unit (同比增长 6.5 %, 接待游客27,525 人, 共置换出羊4780 只): before a
    # scale, a unit of several characters, % or a common unit of one (not 期, 次, 位 …: 2013年
    # 1 期), and before any unit after a number grouped in thousands
    rf"(?P<n1>{_NUM})(?P<sp>[ \u00a0](?=[万亿%{_BLANK_UNITS}]|{_LONG_UNITS}"
    r"|(?<=,\d{3}[ \u00a0])))?"
    rf"(?={_NEXT})(?P<y0>余|多)?(?P<s1>{_SCALE_RE})?(?P<y1>余|多)?"
    rf"(?P<u1>{_UNIT_RE})?"
    rf"(?:(?P<sep>{_SEP})(?P<n2>{_NUM})(?P<s2>{_SCALE_RE})?(?P<y2>余|多)?(?P<u2>{_UNIT_RE}))?"
)
PERCENT_WORD_RE = re.compile(rf"百分之(?P<n1>{_NUM})")
SIZE_RE = re.compile(
    r"(?=[十百千万亿])"
    rf"(?<![\d{_D}十百千万亿每超逾近上数几*＊])"
    r"(?P<mult>[十百千])?(?P<scale>万亿|亿|万)"
    r"(?:(?P<unit>吨|千瓦时|千瓦|立方米|亩|平方米|元)(?!以下|以内)|(?=级))"
)
# a bare size word (万吨, 千亿元) is a figure only after a verb of reaching or crossing, or
# before 级 / 以上: 夏粮总产万吨 lost its digits, 突破千亿元 did not
SIZE_CONTEXT_BEFORE = re.compile(r"(?:突破|超过|超|逾|迈上|跨越|跨上|达到|达|过|上|近|破|进入)$")
SIZE_CONTEXT_AFTER = re.compile(r"级|以上|及以上|大关|台阶")
_CLASS_LABEL = re.compile(r"(?:及)?以上(?:的)?(?:产煤)?[县市区地企业项目工程乡镇村户]")
# 其中10亿元以上项目371个, 投资500万元以上的项目46个, 淘汰4.3米以下焦炉, 60万吨以下煤矿: the
# bound of a class of projects, firms or works by their worth or size, which a count after it
# is of; the amount is no figure of its own
_CLASS_BOUND = re.compile(
    r"(?:及)?以[上下](?:的)?(?:重点|产业|工业|招商|签约|新建|续建|在建)?"
    r"(?:项目|企业|工程|焦炉|煤矿|矿井)"
)
_BOUNDED = frozenset({"CNY", "m", "t", "kW"})
SIZE_ONLY_RE = re.compile(
    r"(?P<mult>[十百千])?(?P<scale>万亿|亿|万)(?P<unit>吨|千瓦时|千瓦|立方米|亩|平方米|元)?"
)
# Ranks: 位居全省第一, 全市排名第3, 排全省前七位, 由第18位上升到第15位. The ordinal must follow
# a word of ranking within a few characters and end the phrase (第一产业, 第一方阵, 第二批 are
# names, not ranks).
_ORD = r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})"
RANK_RE = re.compile(
    # the characters its kinds open with, tested first: the same matches, found a fourth as
    # slowly (the engine tries the kinds only where one can start)
    r"(?=[第前首榜T])"
    rf"(?P<rank>第(?P<n>{_ORD})(?:位次|位|名)?|前(?P<top>{_ORD})(?:位次|位|名|强)?"
    r"|(?P<head>首位|榜首|(?<=居)首)|(?<![A-Za-z])TOP(?P<top2>\d{1,2}))"
    r"(?=$|[，。；、,;:：）)（(！？”…\s]|的|大|和|或|以内|之列|行列|上升|下降|提升|前移|后移|前行|进位|跃)"
)
# an item of a list of ordinals after the first (第2、3、4位: 、3 and 、4位)
_RANK_LIST_ITEM = re.compile(rf"、(?P<n>{_ORD})(?P<u>位|名)?(?=[、，。；,;）)\s]|$)")
RANK_CONTEXT = re.compile(
    r"(?:全省|全市|全国|全县|全区|全球|世界|全盟|省内|市内|排名|排位|排序|位居|位列|名列|稳居|跃居|位于|处于|"
    r"升至|上升到|提升到|上升至|前行至|进位到|退至|下降到|居|列|排|位次|占据|榜单|榜|进入|跻身)"
    # (a year or a count of places between: 排行榜由2021年的第55位, 位居山西11市首位)
    r"(?:[^，。；\d]|\d{4}年|\d{1,3}个?(?:市|县|区|省份|省|城市)){0,6}$"
)
ZERO_RE = re.compile(r"“零”的突破|零的突破|“破零”(?!行动|工程|计划|专项|活动)")

QUAL_BEFORE = [
    (re.compile(r"(?:不少于|不低于|至少|最少)$"), "ge"),
    (re.compile(r"(?:不超过|不高于|最多|至多)$"), "le"),
    (re.compile(r"(?:不到|不足|少于|未满)$"), "lt"),
    (re.compile(r"(?:超过了?|突破了?|超出|逾|多于|超)$"), "gt"),
    # (not the 约 of 签约, 合约, 节约, 预约: 签约11个项目 is eleven)
    (
        re.compile(r"(?:约为|大约|(?<![签合节预条契履违邀租公])约|将近|接近|近乎|近|大概)$"),
        "approx",
    ),
]
QUAL_AFTER = [
    # 迈上4千亿元台阶: at least that level
    (re.compile(r"^(?:及以上|以上|(?:的)?(?:新)?台阶)"), "ge"),
    # 以内, and a reach (2小时内可达, 400公里范围内)
    # (控制在4.5%目标以内: within the aim of that value)
    (
        re.compile(
            r"^(?:(?:的)?目标(?=以内|之内|范围内))?"
            r"(?:及以下|以下|以内|之内|(?:范围)?内(?![蒙容部外需涵地陆河]))"
        ),
        "le",
    ),
    (re.compile(r"^(?:左右|上下|前后)"), "approx"),
]
# "低于" before a figure is a qualifier only when not a difference ("低于全省2个百分点"); 起降
# (take-offs and landings) is no fall
DOWN_RE = re.compile(
    r"(?:下降|减少|降低|回落|下滑|下跌|收窄|缩小|放缓|减缓|趋缓|减产|减收|减|(?<!起)降|负增长)了?"
    r"(?:约|近|超过)?[(（]?$"
)
UP_RE = re.compile(r"(?:增长|增加|提高|上升|上涨|提升|增|涨|扩大)了?(?:约|近|超过)?[(（]?$")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: str
    value_high: str | None
    unit: str
    qualifier: str
    value_base: float
    base_unit: str
    value_high_base: float | None = None
    direction: str = ""  # "down" | "up" | ""
    # a cell of a table in the text (``grid_cells``): what its row names, and what its column
    # measures ("" for a level, "share" or "growth")
    label: str = ""
    column: str = ""
    row: str = ""  # the name an item of a run is printed with (忻府区 in 忻府区56.73)


_new = object.__new__
_set = object.__setattr__


def _quantity(start, end, text, value, value_high, unit, qualifier, value_base, base_unit,
              value_high_base=None, direction="", label="", column="",
              row="") -> Quantity:  # fmt: skip
    """``Quantity(...)`` with its fields given in order, made in one step: the frozen class's
    ``__init__`` sets each of its 14 fields through ``object.__setattr__`` (2 µs a figure,
    0.5 µs so; the same object: equal, hashed and printed alike, still frozen)."""
    q = _new(Quantity)
    _set(q, "__dict__", {
        "start": start, "end": end, "text": text, "value": value, "value_high": value_high,
        "unit": unit, "qualifier": qualifier, "value_base": value_base, "base_unit": base_unit,
        "value_high_base": value_high_base, "direction": direction, "label": label,
        "column": column, "row": row,
    })  # fmt: skip
    return q


if tuple(Quantity.__dataclass_fields__) != tuple(_quantity.__code__.co_varnames[:14]):
    raise TypeError("_quantity must take Quantity's fields, in their order")


# ------------------------------------------------------------------ numbers


def cn_to_decimal(s: str) -> Decimal:
    """Convert one Chinese numeral (三千二百, 十二, 两万三千, 三点五, 千) to a Decimal."""
    if "点" in s:
        whole, frac = s.split("点", 1)
        w = cn_to_decimal(whole) if whole else Decimal(0)
        return w + Decimal("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    if s and all(c in CN_DIGITS for c in s) and len(s) > 1:  # 二〇二三 style digit strings
        return Decimal("".join(str(CN_DIGITS[c]) for c in s))
    total = 0
    section = 0
    digit = None
    for c in s:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
        elif c in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[c]
            digit = None
        elif c in CN_BIG_UNITS:
            section += digit or 0
            big = CN_BIG_UNITS[c]
            if big == 10**8 and total:
                total = (total + section) * big
            else:
                total += (section or (0 if total else 1)) * big
            section = 0
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return Decimal(total + section + (digit or 0))


def _num(s: str) -> Decimal:
    if _HAS_FULLWIDTH.search(s):
        s = s.translate(_FULLWIDTH)
    if s and (s[0].isdigit()):
        return Decimal(s.replace(",", ""))
    return cn_to_decimal(s)


def _num_plain(s: str) -> Decimal:
    """``_num`` of a piece of text with no full-width digits (the scanner's text: translated)."""
    if s and (s[0].isdigit()):
        return Decimal(s.replace(",", ""))
    return cn_to_decimal(s)


def _fmt(d: Decimal) -> str:
    """A decimal as printed: no exponent, no thousands separators ("676.5", "-4.2", "0")."""
    s = format(d, "f")
    return "0" if s in ("-0", "") else s


def _printed(s: str) -> str:
    """An Arabic number keeps its printed digits (trailing zeros too); others are converted."""
    t = s.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(s) else s
    if t and t[0].isdigit():
        return t.replace(",", "")
    return _fmt(cn_to_decimal(t))


def _printed_plain(s: str) -> str:
    """``_printed`` of a piece of text with no full-width digits."""
    if s and s[0].isdigit():
        return s.replace(",", "")
    return _fmt(cn_to_decimal(s))


def _scale_split(mult: str | None, scale: str) -> tuple[int, str]:
    """千万 -> (1000, "万"): a size word as a multiplier and the printed scale word."""
    return ({None: 1, "十": 10, "百": 100, "千": 1000}[mult], scale)


# ------------------------------------------------------------------ the scanner


QUAL_AFTER_RE = re.compile("|".join(f"(?P<{q}>{rx.pattern.lstrip('^')})" for rx, q in QUAL_AFTER))
QUAL_BEFORE_RE = re.compile(
    "(?:" + "|".join(f"(?P<{q}>{rx.pattern.rstrip('$')})" for rx, q in QUAL_BEFORE) + ")$"
)
DIRECTION_RE = re.compile(
    f"(?:(?P<down>{DOWN_RE.pattern.rstrip('$')})|(?P<up>{UP_RE.pattern.rstrip('$')}))$"
)


def _qual_around(text: str, start: int, end: int) -> str | None:
    m = QUAL_AFTER_RE.match(text, end)
    if m:
        return m.lastgroup
    if text.startswith("级", end) and text[end - 1 : end] in ("万", "亿"):
        return "ge"  # 50亿级的新材料产业链: a size class, at least that much
    m = QUAL_BEFORE_RE.search(text, max(0, start - 3), start)
    return m.lastgroup if m else None


# a decline that widens is a further fall (降幅扩大2个百分点 -> -2), one that narrows a rise
# (降幅较1-7月收窄0.3个百分点 -> +0.3); a drag on a total is a fall (下拉全市工业0.5个百分点)
DECLINE_RE = re.compile(
    r"(?:降幅[^，。；,;]{0,20}?(?P<wider>扩大)|降幅[^，。；,;]{0,20}?(?P<narrower>收窄|缩小)"
    r"|(?P<drag>下拉)[^，。；,;\d]{0,12}|(?P<fall>降幅)(?:为|是|达到|达|约为)?)了?(?:约|近)?$"
)


def _direction(text: str, start: int) -> str:
    # only the 28 characters before the figure can hold a decline's words (降幅比上半年(下降
    # 11.3%)收窄2.6个百分点): look there, not through the whole text (once a scan of the
    # document per figure, a third of extraction)
    window = text[max(0, start - 28) : start]
    if "降幅" in window or "下拉" in window:
        m = DECLINE_RE.search(text, max(0, start - 28), start)
        if m:
            return "up" if m.group("narrower") else "down"
    m = DIRECTION_RE.search(text, max(0, start - 6), start)
    return m.lastgroup if m else ""


def _in_quoted_name(text: str, start: int, end: int) -> bool:
    """``“12大基地”``, ``“66831”``: a number opening a short quotation is a name."""
    if start == 0 or text[start - 1] not in '“「《‘"':
        return False
    close = text.find("”" if text[start - 1] == "“" else text[start - 1], end, end + 8)
    if text[start - 1] == "《":
        close = text.find("》", end, end + 30)
    if text[start - 1] == "「":
        close = text.find("」", end, end + 8)
    return close != -1


def _in_title(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands inside a 《…》 title, anywhere in it."""
    o = text.rfind("《", max(0, start - 60), start)
    return o != -1 and text.find("》", o, start) == -1 and text.find("》", end, end + 60) != -1


RANK_UNIT = "位"  # the ledger's unit of a rank (printed or not)
# two neighbouring digits said together (六七, 十五六): a rough range
_ADJACENT_DIGITS = re.compile(r"(?P<ten>十)?(?P<a>[一二三四五六七八])(?P<b>[二三四五六七八九])")


def _make(
    text: str,
    start: int,
    end: int,
    value: Decimal,
    value_s: str,
    high: Decimal | None,
    high_s: str | None,
    scale: str,
    unit: str,
    qualifier: str,
    scale_low: str | None = None,
    empty_base: str = "count",
) -> Quantity:
    if empty_base == "rank":
        base_unit, factor = "rank", 1.0
    else:
        base_unit, factor = UNITS.get(unit, ("number", 1.0)) if unit else (empty_base, 1.0)
    mult = SCALES.get(scale, 1)
    mult_low = SCALES.get(scale_low, 1) if scale_low else mult
    direction = "" if empty_base == "rank" else _direction(text, start)
    sign = -1.0 if direction == "down" and value >= 0 else 1.0
    vb = float(value) * mult_low * factor * sign
    hb = float(high) * mult * factor * sign if high is not None else None
    return _quantity(start, end, text[start:end], value_s, high_s, scale + unit, qualifier, vb,
                     base_unit, hb, direction)  # fmt: skip


def _scan(text: str, t: str) -> list[Quantity]:
    out: list[Quantity] = []
    # a page's counter needs one of its words in the text (most texts have none)
    counter = "浏览" in t or "阅读" in t or "点击" in t or "访问" in t
    for m in QUANTITY_RE.finditer(t):
        n1, s1, y1, u1 = m.group("n1", "s1", "y1", "u1")
        n2, s2, y2, u2 = m.group("n2", "s2", "y2", "u2")
        start, end = m.span()
        if (m.group("sp") and not s1 and u1 and len(u1) == 1 and u1 in _BLANK_UNITS
                and t[start - 1 : start] in (" ", "\u00a0")):  # fmt: skip
            continue  # a number set apart on both sides (共有 5 个村): no figure of a page's
        ranged = n2 is not None
        if ranged:
            unit = u2
            scale = s2 or s1 or ""
            if u1 and u1 != u2:
                ranged = False  # "5个-6%": not a range; fall back to the first figure
        if not ranged:
            n2 = None
            end = m.end("u1") if u1 else (m.end("y1") if y1 and s1 else m.end("s1") if s1 else -1)
            unit, scale = u1 or "", s1 or ""
            if (end == -1 and t.startswith(("岁", "日"), m.end("n1"))
                    and (life := _LIFESPAN_BEFORE.search(t, max(0, start - 12), start))
                    and (t[m.end("n1")] == "岁") == bool(life["age"])):  # fmt: skip
                unit, end = t[m.end("n1")], m.end("n1") + 1
            if end == -1:
                continue  # a bare number: years, ids, numbered lists
            if not unit and scale in ("万", "亿") and t[end : end + 1] == "度":
                unit, end = "度", end + 1  # 年用电量突破43亿度, 发电量达4亿多度: kilowatt-hours
            if not unit and scale in ("千",):
                continue
            if unit == "个" and t.startswith("多百分点", end):
                unit, end, y1 = "个百分点", end + 4, "多"  # 提高1个多百分点: more than 1 point
        arabic = n1[0].isdigit()
        # Arabic 千 scale only; 千 after a Chinese numeral is part of the numeral
        if not arabic and scale == "千":
            continue
        base_unit = UNITS.get(unit, ("number", 1.0))[0] if unit else "number"
        if not arabic:
            single = len(n1) == 1 and n1 in CN_DIGITS
            if unit.startswith("大"):
                continue  # 七大能级, 八大倍增工程: names
            if (single and not scale and base_unit not in MEASURE_BASES
                    and not _count_closes(t, start, end, n1)):  # fmt: skip
                continue  # 七个维度, 两条路子, 一个个, 五届六次 (not 未按期开工两项，)
            if unit in ("期", "批", "次", "部", "位", "名", "起", "对", "轮", "种", "类"):
                continue
        if start and t[start - 1] == "第":
            continue  # ordinals
        if base_unit in _BOUNDED and _CLASS_BOUND.match(t, end):
            continue
        if unit.startswith("大") and start and t[start - 1] in "“「":
            continue
        if (base_unit in ("count", "number") and start and t[start - 1] in '“「《‘"'
                and _in_quoted_name(t, start, end)):  # fmt: skip
            continue
        if base_unit in ("count", "number") and _in_title(t, start, end):
            continue  # 《关于进一步支持中小微企业发展的措施(1批)》: part of a document's title
        if counter and (_PAGE_COUNTER.search(t, max(0, start - 6), start)
                        or _VIEWS_AFTER.match(t, end)):  # fmt: skip
            continue  # 浏览次数：851次, 439 次浏览: the page's own counter, not the document's
        if (
            t[end : end + 1] == "\n"
            and (start == 0 or t[start - 1] == "\n")
            and (_STAT_BELOW.match(t, end))
        ):
            continue  # 1万\n主题\n14万\n积分: a forum member's counters, the page's own
        nxt = t[end : end + 1]
        if nxt == unit and unit and len(unit) == 1 and unit in COUNT_CLASSIFIERS:
            continue  # 一个个, 一项项 (reduplication)
        if unit == "个" and nxt == "月" and start and t[start - 1] in "前近":
            continue  # 前5个月, 近3个月: a period, not a figure
        if nxt in ("届",) or t[end : end + 2] in ("全会", "会议"):
            continue
        neg = m.group("neg")
        if neg:
            start = m.start("neg")
        if arabic:  # (t holds no full-width digits: translated)
            vs = n1.replace(",", "") if "," in n1 else n1
            v = Decimal(vs)
        elif (pair := _ADJACENT_DIGITS.fullmatch(n1)) and (
            CN_DIGITS[pair["b"]] == CN_DIGITS[pair["a"]] + 1
        ):
            # 六七万元, 三四个, 十五六万人: two neighbouring digits, a rough range (6 to 7)
            v = cn_to_decimal((pair["ten"] or "") + pair["a"])
            vs = _fmt(v)
            ranged, n2 = True, (pair["ten"] or "") + pair["b"]
        else:
            v = cn_to_decimal(n1)
            vs = _fmt(v)
        if neg:
            v = -v
            vs = "-" + vs
        qual = "eq"
        hs = None
        hv = None
        if ranged:
            hv = _num_plain(n2)
            hs = _printed_plain(n2)
            qual = "range"
        elif y1 or m.group("y0"):
            qual = "gt"
        else:
            qual = _qual_around(t, start, end) or "eq"
        if not arabic and n1[0] in "百千" and qual == "eq":
            continue  # 千家万户: a bare 千 only after 近/上/逾/超/约
        low_scale = s1 if (ranged and s1 and s2 and s1 != s2) else None
        out.append(_make(text, start, end, v, vs, hv, hs, scale, unit, qual, low_scale))
    for m in PERCENT_WORD_RE.finditer(t):
        v = _num(m.group("n1"))
        q = _qual_around(t, m.start(), m.end()) or "eq"
        out.append(_make(text, m.start(), m.end(), v, _fmt(v), None, None, "", "%", q))
    for m in SIZE_RE.finditer(t):
        mult, scale = _scale_split(m.group("mult"), m.group("scale"))
        unit = m.group("unit") or ""
        start, end = m.span()
        if not unit and t[end : end + 1] != "级":
            continue
        if not m.group("mult") and not (
            SIZE_CONTEXT_BEFORE.search(t, max(0, start - 2), start)
            or SIZE_CONTEXT_AFTER.match(t, end)
        ):
            continue
        if unit == "元" and not m.group("mult") and scale != "万亿":
            continue  # 亿元 alone is a class label (亿元以上项目)
        if _CLASS_LABEL.match(t, end):
            continue  # 原煤产量千万吨以上县(市), 千万元以上项目: the class of units so large
        after = _qual_around(t, start, end)
        q = "ge" if t[end : end + 1] == "级" else (after or "ge")
        out.append(
            _make(
                text,
                start,
                end,
                Decimal(mult),
                str(mult),
                None,
                None,
                scale,
                unit,
                q,
                None,
                "number",
            )
        )
    last_rank = None
    for m in RANK_RE.finditer(t):
        before = t[max(0, m.start() - 1) : m.start()]
        if t.endswith("倒数", 0, m.start()):
            continue  # (倒数第3位 counts from the bottom: not the third place; left unread)
        if not (
            m.group("top2")  # (TOP3: a ranking's word itself)
            or RANK_CONTEXT.search(t, max(0, m.start() - 10), m.start())
            or (before in ("由", "从", "末") and m.group(0)[-1] in "位名")  # 由第18位上升到
            or (before in ("省", "市", "国", "县") and t[m.end() : m.end() + 1] == "大")
            or (last_rank is not None and m.start() - last_rank <= 12)  # …第1、3项第2、2项第3
        ):
            continue
        last_rank = m.end()
        n = m.group("n") or m.group("top") or m.group("top2") or "一"  # (首位: the first place)
        v = _num(n)
        if v < 1:
            continue
        q = "le" if m.group("top") or m.group("top2") else "eq"
        out.append(_make(text, m.start(), m.end(), v, _fmt(v), None, None, "", RANK_UNIT, q,
                         None, "rank"))  # fmt: skip
        if m.group("n") and t.startswith("、", m.end()):
            # 分列山西第2、3、4位: the ordinals listed after the first are ranks too — when the
            # list closes with 位 or 名 (not 第一、二、三产业, the sectors)
            items, at = [], m.end()
            for item in _RANK_LIST_ITEM.finditer(t, at):
                if item.start() != at:
                    break
                items.append(item)
                at = item.end()
                if item.group("u"):
                    break
            if items and items[-1].group("u"):
                last_rank = at
                for item in items:
                    a, b = item.span("n")
                    v = _num(item.group("n"))
                    out.append(_make(text, a, b + (item.group("u") is not None), v, _fmt(v),
                                     None, None, "", RANK_UNIT, "eq", None, "rank"))  # fmt: skip
    if "成" in t:
        for m in _TENTHS.finditer(t):
            # 制造业占比超六成, 占全国总产量近三成: tenths of a whole
            v = _num(m.group("n"))
            a, b = m.span("fig")
            q = _qual_around(t, a, b) or "eq"
            out.append(_make(text, a, b, v, _fmt(v), None, None, "", "成", q))
    if "零" in t:  # (every one of its phrases holds it)
        for m in ZERO_RE.finditer(t):
            out.append(_make(text, m.start(), m.end(), Decimal(0), "0", None, None, "", "", "gt"))
    if "分之" in t or "/" in t or "一半" in t:
        for m in FRACTION_RE.finditer(t):
            # 约占全省的1/4, 几乎是三分之一: a share, in percent of the whole
            if m.group("half"):
                num, den = Decimal(1), Decimal(2)  # 近一半的村庄
            elif m.group("den"):
                num, den = _num(m.group("num")), _num(m.group("den"))
            else:
                num, den = _num(m.group("cnum")), _num(m.group("cden"))
            if not 0 < num < den:
                continue
            v = (100 * num / den).quantize(Decimal("0.01"))
            a, b = m.span("fr")
            q = _qual_around(t, a, b) or (
                "approx"
                if _ABOUT.search(t, max(0, m.start() - 2), a) or t.startswith("接近", m.start())
                else "gt"  # (超过全国总量的四分之一)
                if t.startswith("超过", m.start())
                else "eq"
            )
            out.append(_make(text, a, b, v, _fmt(v), None, None, "", "%", q))
    if _STRUCTURE_AT.search(t):
        for m in STRUCTURE_RE.finditer(t):
            # 三次产业结构为1.8:57.1:41.1: the three sectors' shares of GDP, in percent (they
            # add up to 100; any other ratio is left alone)
            if not _STRUCTURE_NAMED.search(t, max(0, m.start() - 48), m.start()):
                continue
            parts = [(m.start(g), m.end(g)) for g in ("a", "b", "c")]
            values = [Decimal(t[a:b]) for a, b in parts]  # (ASCII digits, perhaps signed)
            if abs(sum(values) - 100) > Decimal("0.6"):
                continue
            for (a, b), v in zip(parts, values, strict=True):
                out.append(_make(text, a, b, v, t[a:b], None, None, "", "%", "eq"))
    return out


_PAGE_COUNTER = re.compile(r"(?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[：:]\s*$")
_VIEWS_AFTER = re.compile(r"\s*(?:浏览|阅读)")
# the label of a page's counter printed on the line under it
_STAT_BELOW = re.compile(
    r"\n[ \t]*(?:主题|帖子|积分|粉丝|关注|获赞|回复|阅读|浏览|收藏|点赞|评论)[ \t]*(?:\n|$)"
)


def _count_closes(t: str, start: int, end: int, n: str) -> bool:
    """A count of two to nine in numerals that closes its clause after a verb (未按期开工两项，
    终止两项。): the number of things done, not a list's label (两条路子)."""
    return (
        n != "一"
        and t[end - 1] != "台"  # (毗邻五台，: the county)
        and t[end : end + 1] in ("，", "。", "；", ",", ";")
        and start > 0
        and t[start - 1] not in "这那哪每第其几、，。；：“"
    )


_ABOUT = re.compile(r"约|近|几乎")
# tenths of a whole after a word of sharing (占比超六成, 占全国总产量近三成, 比重达到七成)
_TENTHS = re.compile(
    r"(?:占比|占|比重|份额)[^，。；\d]{0,8}?(?:超过|超|近|约|达到|达|逾|接近|将近)?"
    r"(?P<fig>(?P<n>[一二三四五六七八九])成)(?![为功本立员长绩就交果型品])"
)
FRACTION_RE = re.compile(
    # the characters its words open with (a clause's opening numeral, after the lookbehind),
    # tested first: the same matches, found twice as fast
    r"(?=[占是接将近约超达全二三四五六七八九十])"
    r"(?:占[^，。；0-9]{0,8}?|是[^，。；0-9]{0,6}?的|(?:超过|达到|接近)[^，。；0-9]{1,8}?的"
    r"|是|接近|将近|近|约|超过|达到|达"
    # the whole named right before it (全国1/4以上的煤来自山西, 覆盖全国2/3以上省份)
    r"|全国|全省|全市|全县"
    # a clause that opens with the share (四分之三的土地是陡坡地)
    r"|(?:^|(?<=[，。；：\n]))(?=[二三四五六七八九十]{1,2}分之[一二三四五六七八九十]{1,2}的))"
    r"(?P<fr>(?P<cden>[二三四五六七八九十]{1,2})分之(?P<cnum>[一二三四五六七八九十]{1,2})"
    r"|(?<![\d/])(?P<num>\d{1,2})/(?P<den>\d{1,2})(?![\d/])"
    r"|(?P<half>一半)(?!以[上下]的?[^，。；]{0,2}[时天]))"
)
_R = r"\d{1,2}(?:\.\d{1,2})?"
STRUCTURE_RE = re.compile(
    r"(?=[-\d])"  # (what it opens with, tested first: the same matches, twice as fast)
    rf"(?<![\d.:：∶])(?P<a>-?{_R})[:：∶](?P<b>-?{_R})[:：∶](?P<c>-?{_R})(?![\d.%:：∶])"
)
# a digit, a ratio sign (∶, as bulletins print it, or a colon) and a digit, as every triple
# holds: where none is, no triple is (found five times as fast as the triples, being tried only
# at the signs)
_STRUCTURE_AT = re.compile(r"[:：∶](?<=\d[:：∶])-?\d")
# what names the three sectors' shares, before the triple in its sentence (三次产业占比由2018年
# 的5.7:49.3:45.0，进一步优化为6.6:45.8:47.6; 贡献率分别是-1.6:8.0:93.6)
_STRUCTURE_NAMED = re.compile(r"(?:结构|比例|比重|占比|构成|贡献率)[^。；]{0,40}$")


# ------------------------------------------------------------------ tables in running text
#
# A statistical bulletin's tables reach us as text: rows of cells between "|" (a scraped HTML
# table), or a header that names the unit followed by name–number pairs run together (县(市、区)
# 常住人数(万人)忻府区56.73定襄县22.54…). A bare number in such a table is a figure only when the
# table's header names its unit; a column with no unit gives none (never a guess).

_PIPE_LINE = re.compile(r"^[^\n|｜]*[|｜][^\n]*$", re.M)
_CELL_NUMBER = re.compile(r"[-−－]?\d+(?:\.\d+)?")
_HEAD_UNIT = re.compile(r"[（(]\s*([^()（）\s]{1,6})\s*[)）]")
_HEAD_SHARE = re.compile(r"比重|占比|构成|比例")
_HEAD_GROWTH = re.compile(r"增长|增减|增速|增幅|[±]")
# the first header cell of a table whose rows are places (区域, 地区, 县(市、区))
_PLACE_HEAD = re.compile(r"区域|地\s*区|县[(（]市、区[)）]|县市区|县区|市县")
_RULE_CELL = re.compile(r":?-{3,}:?")
_ROW_LEAD = re.compile(r"^(?:其中|其 中)\s*[:：]\s*")
_RUN = re.compile(
    r"(?P<head>[\u4e00-\u9fff]{2,12})[（(](?P<unit>[^()（）\d]{1,4})[)）]"
    r"(?P<run>(?:[\u4e00-\u9fff]{2,8}\d+(?:\.\d+)?){3,})"
)
# the part of a run from its bracket on: it opens with a bracket, so the engine skips ahead to
# the brackets, where _RUN (whose head of CJK characters could open anywhere) is then tried
_RUN_TAIL = re.compile(r"[（(][^()（）\d]{1,4}[)）](?:[\u4e00-\u9fff]{2,8}\d+(?:\.\d+)?){3,}")
_RUN_ITEM = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,8}?)(?P<n>\d+(?:\.\d+)?)")


def _column_unit(head: str) -> tuple[str, str] | None:
    """(unit, what the column measures) a header cell names: 年末数 (万人) -> (万人, ''),
    比重(%) -> (%, share), 比上年增长% -> (%, growth); None when it names no known unit."""
    m = _HEAD_UNIT.search(head)
    unit = m.group(1) if m else ("%" if "%" in head or "％" in head else "")
    unit = unit.replace("％", "%")
    if not unit or unit_base(unit) is None:
        return None
    what = "share" if _HEAD_SHARE.search(head) else "growth" if _HEAD_GROWTH.search(head) else ""
    if unit == "%" and not what:
        what = "share"
    return unit, what


def _cell(text: str, a: int, b: int, unit: str, label: str, column: str, row: str = "") -> Quantity:
    raw = text[a:b]
    value = Decimal(raw.replace("−", "-").replace("－", "-"))
    base, factor = unit_base(unit)
    return _quantity(a, b, raw, _fmt(value), None, unit, "eq", float(value) * factor, base,
                     None, "", label, column, row)  # fmt: skip


_TABLE_UNIT = re.compile(r"单\s*位\s*[:：]\s*(?P<unit>[^\s|｜，,。；;]{1,6})\s*$")


def table_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each table in ``text``: consecutive lines with cells between "|", with
    the line just before them when it gives the table's unit (单位:人)."""
    blocks: list[list[int]] = []
    for m in _PIPE_LINE.finditer(text):
        if len(m.group(0)) > 120 or "。" in m.group(0):
            continue  # prose with a stray "|" (…。 记者畅雪 |) is no table row
        if blocks and text[blocks[-1][1] : m.start()].strip() == "":
            blocks[-1][1] = m.end()
            blocks[-1][2] += 1
        else:
            blocks.append([m.start(), m.end(), 1])
    out = []
    for a, b, n in blocks:
        if n < 2:
            continue  # a table has a header and a row at least
        line_start = text.rfind("\n", 0, max(0, a - 1)) + 1
        if a > 0 and _TABLE_UNIT.search(text[line_start:a].strip()):
            a = line_start
        out.append((a, b))
    return out


def _rows(text: str, a: int, b: int) -> list[list[tuple[int, int, str]]]:
    """A table's rows of (start, end, cell): a line each, or — when the table prints one cell
    per line — the cells between lines holding only "|"."""
    lines = []
    for m in re.finditer(r"[^\n]+", text[a:b]):
        cells, pos = [], a + m.start()
        for part in re.split(r"[|｜]", m.group(0)):
            s0 = pos + len(part) - len(part.lstrip())
            cells.append((s0, s0 + len(part.strip()), part.strip()))
            pos += len(part) + 1
        while cells and not cells[-1][2]:
            cells.pop()  # the "|" that closes a row
        if len(cells) > 1 and not cells[0][2] and m.group(0).lstrip()[:1] in "|｜":
            cells.pop(0)  # the "|" that opens one (| 岢岚县 | 7.57 | 8.00 |)
        if cells and all(_RULE_CELL.fullmatch(c[2]) for c in cells):
            continue  # the rule under a header (|---|---|)
        lines.append(cells)
    singles = sum(len([c for c in ln if c[2]]) <= 1 for ln in lines)
    if singles * 5 < len(lines) * 4:
        return lines
    rows, cur = [], []
    for ln in lines:
        filled = [c for c in ln if c[2]]
        if filled:
            cur += filled
        elif cur:
            rows.append(cur)
            cur = []
    return rows + ([cur] if cur else [])


def _pipe_cells(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for a, b in table_blocks(text):
        first = text[a : text.find("\n", a) if "\n" in text[a:b] else b]
        tu = _TABLE_UNIT.search(first.strip())
        table_unit = tu.group("unit") if tu and unit_base(tu.group("unit")) else ""
        units: list[tuple[str, str] | None] | None = None
        names: list[str] = []  # the columns' names, when the rows are places
        total = ""  # the first row's name: 全市常住人口, whose parts (城镇, 乡村) follow
        for cells in _rows(text, a, b):
            if not cells or _TABLE_UNIT.search(cells[0][2]):
                continue
            numeric = [c for c in cells[1:] if _CELL_NUMBER.fullmatch(c[2])]
            if not numeric:
                heads = [_column_unit(c[2]) or ((table_unit, "") if table_unit else None)
                         for c in cells]  # fmt: skip
                if len(cells) >= 2 and any(h is not None for h in heads[1:]):
                    units = heads  # a header: the columns' units
                    names = ([_HEAD_UNIT.sub("", c[2]).strip() for c in cells]
                             if _PLACE_HEAD.fullmatch(cells[0][2]) else [])  # fmt: skip
                continue
            label = _ROW_LEAD.sub("", cells[0][2])
            if units is None or not label or _CELL_NUMBER.fullmatch(label):
                continue  # no header named the units, or no row name: no figures
            if names:
                # | 区域 | 常住人口 (万人) | … under it | 岢岚县 | 7.57 |: the column names what
                # is measured, the row the place it is measured in
                for j, (ca, cb, cell) in enumerate(cells[1:], 1):
                    if j < len(units) and units[j] and names[j] and _CELL_NUMBER.fullmatch(cell):
                        out.append(_cell(text, ca, cb, units[j][0], names[j], units[j][1], label))
                continue
            if not total:
                total = label
            elif len(label) <= 3 and len(total) > len(label):
                # 其中:城镇 under 全市常住人口: the part of the total (城镇常住人口)
                label += re.sub(r"^(?:全市|全省|全县|全区|全国)", "", total)
            for j, (ca, cb, cell) in enumerate(cells[1:], 1):
                if j < len(units) and units[j] and _CELL_NUMBER.fullmatch(cell):
                    if units[j][1] == "share" and Decimal(cell) == 100:
                        continue  # the total row's share of itself
                    out.append(_cell(text, ca, cb, units[j][0], label, units[j][1]))
    return out


def _runs(text: str):
    """``_RUN.finditer(text)``, found from the brackets: a match's head is the CJK characters
    (2 to 12) right before a bracket whose tail matches, from the earliest position the run of
    CJK characters and the last match allow (the head cannot hold a bracket, so a match opens
    nowhere else); 80 ms over a 2 MB text with no run, 1 ms so."""
    last = 0
    for t in _RUN_TAIL.finditer(text):
        p = t.start()
        s = p
        while s > max(p - 12, last) and "\u4e00" <= text[s - 1] <= "\u9fff":
            s -= 1
        if p - s < 2:
            continue
        m = _RUN.match(text, s)
        if m is not None:
            yield m
            last = m.end()


def _run_cells(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _runs(text):
        unit = m.group("unit")
        if unit_base(unit) is None:
            continue
        for it in _RUN_ITEM.finditer(text, m.start("run"), m.end("run")):
            out.append(_cell(text, it.start("n"), it.end("n"), unit, m.group("head"), "",
                             it.group("name")))  # fmt: skip
    return out


def grid_cells(text: str) -> list[Quantity]:
    """The figures of the tables in ``text`` whose header names their unit (see above)."""
    out = []
    if "|" in text or "｜" in text:
        out += _pipe_cells(text)
    if "(" in text or "（" in text:
        out += _run_cells(text)
    return out


# A count that sums a list of names beside it names the set, not a quantity (README of the
# corpus: 与太原、阳泉、晋中、吕梁4市): the items named before it (高端装备制造、风电装备、
# 特钢材料3条重点产业链; 特殊钢、…、法兰锻造等8条, where 等 leaves one or two unnamed), or
# after it (辖8个镇、6个乡：秀水镇、…; 有7个县…，分别是忻府区、…), and a count that names a
# programme or a subset (办好10件民生实事, 全市5个重点监测景区).
_LIST_ITEM_STOPS = (
    "，,。；;：:\n"  # what an item holds only inside brackets (nor 、, nor a bracket)
)
_LIST_BEFORE = re.compile(
    rf"((?:[^、{_LIST_ITEM_STOPS}（(]{{1,30}}?(?:[（(][^）)]{{0,30}}[）)])?、)+"
    rf"[^、{_LIST_ITEM_STOPS}（(]{{1,16}}?(?:[（(][^）)]{{0,30}}[）)])?)(等|这|共|在内的)?$"
)


def _list_before(t: str, lo: int, end: int) -> re.Match | None:
    """``_LIST_BEFORE.search(t, lo, end)``, searched from after the last stop before ``end``
    (，。；： …) when no bracket opens before it: a list holds a stop only inside brackets, so
    no match opens earlier (the search from ``lo`` tried every item length at every character
    of 120, a tenth of extraction)."""
    # ($ also matches before a newline that ends the text searched: that one is no item's)
    last = end - 1 if end > lo and t[end - 1] == "\n" else end
    stop = max(t.rfind(c, lo, last) for c in _LIST_ITEM_STOPS)
    if stop >= lo and t.find("（", lo, stop) == -1 and t.find("(", lo, stop) == -1:
        lo = stop + 1
    return _LIST_BEFORE.search(t, lo, end)


_CHAIN_COLON = re.compile(
    r"((?:\d{1,2}个[\u4e00-\u9fff]{1,4}、)*\d{1,2}个[\u4e00-\u9fff]{1,4})[：:]([^。；;\n]+)"
)
# where a match of _CHAIN_COLON can open: a count of 个 (in a run of digits, the first digit
# a count can open on; a match ends before 。；\n, never inside a run). Its pattern opens with
# a repeated group, which the engine tries at every character of a document
_CHAIN_COLON_AT = re.compile(r"\d\d?个")  # (\d{1,2}: the same, but the engine skips to digits)
_NAMED_AFTER = re.compile(r"(\d{1,2})个[^，,。；;]{0,16}[，,]?分别是([^。；;，,\n]+)")
_SET_NAME_AFTER = re.compile(r"(?:重点)?监测(?:景区|企业)|民生实事|件实事")
_SMALL_COUNT = re.compile(r"\d{1,2}")
_COUNTED_ITEM = re.compile(r"\d[\d.]*\D{0,2}$")  # an item that is a count (医院1家)


def _items(listed: str) -> int:
    return 0 if re.search(r"\d", listed) else listed.count("、") + 1


def _chain_colons(t: str):
    """``_CHAIN_COLON.finditer(t)``, tried only where a count of 个 opens (the same matches)."""
    last = 0
    for c in _CHAIN_COLON_AT.finditer(t):
        p = c.start()
        if p >= last and (m := _CHAIN_COLON.match(t, p)) is not None:
            yield m
            last = m.end()


def _named_sets(t: str) -> set[int]:
    """Starts of the counts in ``t`` that sum a list of names (see above)."""
    out: set[int] = set()
    if "：" in t or ":" in t:
        for m in _chain_colons(t):
            counts = [(c.start(), int(c.group(1))) for c in re.finditer(r"(\d{1,2})个", m.group(1))]
            if sum(n for _s, n in counts) == _items(m.group(2)):
                out.update(m.start(1) + s for s, _n in counts)
    if "分别是" in t:
        for m in _NAMED_AFTER.finditer(t):
            if int(m.group(1)) == _items(m.group(2)):
                out.add(m.start(1))
    return out


def _sums_names(t: str, q: Quantity, named: set[int]) -> bool:
    if q.base_unit != "count" or not _SMALL_COUNT.fullmatch(q.value):
        return False
    if q.start in named or _SET_NAME_AFTER.match(t, q.end):
        return True
    if "、" not in t[max(0, q.start - 120) : q.start]:
        return False
    m = _list_before(t, max(0, q.start - 120), q.start)
    if m is None or any(_COUNTED_ITEM.search(i) for i in m.group(1).split("、")):
        return False  # (定点救治医院1家、集中隔离点2处: a list of counts, not of names)
    n, items = int(q.value), m.group(1).count("、") + 1
    return n == items or (m.group(2) == "等" and items < n <= items + 2)


# A list of numbers that share the unit printed after the last (提升0.1、1.6个百分点; 分别为3.2、
# 4.5万吨; 高于全省、全国2.5个和1.3个百分点, where 2.5个 is not a count): each earlier number is
# read with that unit.
_SHARED_BEFORE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(个)?(?:、|和|及|与)$")
_SHARING = ("percent", "percentage_point", "permille", "permille_point", "t", "kWh", "kW", "CNY",
            "m3", "mu", "ha", "km", "km2", "person_time")  # fmt: skip


def _shared_units(text: str, t: str, found: list[Quantity]) -> list[Quantity]:
    by_end = {q.end: q for q in found}
    out = {q.start: q for q in found}
    for q in sorted(found, key=lambda q: -q.start):
        if q.base_unit not in _SHARING or q.value_high or q.label:
            continue
        at = q.start
        # (a number sharing the unit ends in 、和及与 right before, or before a newline that
        # ends the text searched: $; most figures have none, and need not split their unit)
        while (at and t[at - 1] in "、和及与\n"
               and (m := _SHARED_BEFORE.search(t, max(0, at - 14), at)) is not None):  # fmt: skip
            scale, unit = split_unit(q.unit)
            bare = m.start(1), m.end(2) if m.group(2) else m.end(1)
            before = by_end.get(bare[1])
            if before is not None and not (before.unit == "个" and before.start == bare[0]):
                break  # a figure with its own unit
            v = _num(m.group(1))
            shared = _make(text, bare[0], bare[1], v, _printed(m.group(1)), None, None, scale,
                           unit, _qual_around(t, bare[0], bare[1]) or "eq")  # fmt: skip
            out[bare[0]] = shared
            at = bare[0]
    return sorted(out.values(), key=lambda q: q.start)


_LIST_JOIN = re.compile(r"(?:、|和|及|与|以及)")


def _shared_falls(t: str, found: list[Quantity]) -> list[Quantity]:
    """A figure joined to a fall before it by 、 or 和, with no verb of its own, falls too:
    分别下降5.1%和6.2% -> -5.1, -6.2."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.direction == "down" and not q.direction
                and q.value_base > 0 and _LIST_JOIN.fullmatch(t, prev.end, q.start)):  # fmt: skip
            hb = -abs(q.value_high_base) if q.value_high_base is not None else None
            q = replace(q, value_base=-q.value_base, value_high_base=hb, direction="down")
        out.append(q)
    return out


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text``, in order of position; offsets index ``text`` itself."""
    t = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text
    found = _scan(text, t) + grid_cells(text)
    if "、" in t or "和" in t or "及" in t or "与" in t:
        found = _shared_falls(t, _shared_units(text, t, found))
    found.sort(key=lambda q: (q.start, -q.end))
    named = _named_sets(t)
    out: list[Quantity] = []
    last_end = -1
    for q in found:
        if q.start < last_end:
            continue  # overlapping readings: keep the first, longest
        if _sums_names(t, q, named):
            continue
        out.append(_implied_unit(t, q) if q.unit in SCALES else q)
        last_end = q.end
    return out


# the noun a bare scale (人口32万, GDP却超129亿, 发电量4.94亿) counts in, right before it: what
# it measures is the noun's (people, yuan, kilowatt-hours), as every reader takes it; the unit
# stays as printed (万)
_VERB = r"[却也]?(?:达到|超过|突破|完成|实现|[为是有达约近超逾:：])?[约近超逾]?$"
_IMPLIED = (
    (re.compile(rf"(?:人口|人口数量|人口总数|总人口){_VERB}"), "人"),
    (re.compile(rf"(?:GDP|生产总值|经济总量|财政收入|营业收入|总收入|旅游收入|产值|增加值|投资){_VERB}"),
     "元"),
    (re.compile(rf"(?:发电量|用电量|上网电量){_VERB}"), "千瓦时"),
)  # fmt: skip


# …or the people it counts, named right after it (46万贫困人口, 125.8萬農村勞動力, 3500萬山西人民,
# 50萬遊客, 4萬多農民): people (not 农户, 市场主体: households and firms are counted otherwise)
_PEOPLE_AFTER = re.compile(
    r"[^，。；、,;:：\d]{0,4}?(?:人口|群众|农民|劳动力|游客|人民|居民|职工|务工人员|就业人员)"
)


def _implied_unit(t: str, q: Quantity) -> Quantity:
    """``q`` (a bare scale: 32万) with the base unit the noun right before it, or the people
    it counts right after it, implies, if any."""
    before = t[max(0, q.start - 12) : q.start]
    people = _PEOPLE_AFTER.match(t, q.end) is not None
    for pattern, unit in _IMPLIED:
        if pattern.search(before) or (people and unit == "人"):
            base, factor = UNITS[unit]
            high = q.value_high_base * factor if q.value_high_base is not None else None
            return replace(q, base_unit=base, value_base=q.value_base * factor,
                           value_high_base=high)  # fmt: skip
    return q


def read_in(sentence: str) -> dict[tuple[int, int], Quantity]:
    """The figures of a sentence by their (start, end) in it: what ``check`` re-reads a ledger
    row against. Some figures need the words around them (约占全省的1/4 is 25 %, a part of
    1.8:57.1:41.1 a percent, 保持在亿吨以上 one 亿吨), so a span is read where it stands, and on
    its own (``parse_span``) only where the sentence does not hold it."""
    return {(q.start, q.end): q for q in find_quantities(sentence)}


def parse_span(span: str) -> Quantity | None:
    """Re-read a ledger span on its own: the single figure it holds, or None."""
    if (m := RANK_RE.fullmatch(span)) is not None:
        v = _num(m.group("n") or m.group("top"))
        q = "le" if m.group("top") or m.group("top2") else "eq"
        return _make(span, 0, len(span), v, _fmt(v), None, None, "", RANK_UNIT, q, None, "rank")
    qs = find_quantities(span)
    if not qs:
        m = SIZE_ONLY_RE.fullmatch(span)
        if m:  # a size word read on its own (亿吨 of 保持在亿吨以上; 万亿 without its 级)
            mult, scale = _scale_split(m.group("mult"), m.group("scale"))
            return _make(
                span,
                0,
                len(span),
                Decimal(mult),
                str(mult),
                None,
                None,
                scale,
                m.group("unit") or "",
                "ge",
                None,
                "number",
            )
    if len(qs) != 1 or qs[0].start != 0 or qs[0].end != len(span):
        return None
    return qs[0]
