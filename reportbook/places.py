"""Places: which place a figure measures — the city, one of its counties, another city, the
province or the country — named as official statistics name them.

``GAZETTEER`` holds Shanxi's eleven prefecture-level cities and their county-level divisions
(counties, districts and county-level cities), with the short forms texts use (忻府, 原平;
a one-character county only with its 县: 代县, 应县). ``mentions(sentence)`` finds every place
named in a sentence, including the words that stand for the document's own place (全市,
我市, 本市, 全县, 全区) and for the province and the country (全省, 我省, 全国, 我国).

A mention is the *subject* of what follows it unless it is a comparison or a whole something
is a share of: in 高于全省2.5个百分点, 居全省第一 and 占全省的比重 the province is the yardstick
and the figure is still the city's (``is_reference``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

PROVINCE = "山西省"
COUNTRY = "全国"

# Shanxi's prefecture-level cities and their county-level divisions (2024).
DIVISIONS: dict[str, list[str]] = {
    "太原市": ["小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区", "清徐县",
              "阳曲县", "娄烦县", "古交市"],
    "大同市": ["新荣区", "平城区", "云冈区", "云州区", "阳高县", "天镇县", "广灵县", "灵丘县",
              "浑源县", "左云县"],
    "朔州市": ["朔城区", "平鲁区", "山阴县", "应县", "右玉县", "怀仁市"],
    "忻州市": ["忻府区", "原平市", "定襄县", "五台县", "代县", "繁峙县", "宁武县", "静乐县",
              "神池县", "五寨县", "岢岚县", "河曲县", "保德县", "偏关县"],
    "阳泉市": ["城区", "矿区", "郊区", "平定县", "盂县"],
    "晋中市": ["榆次区", "太谷区", "榆社县", "左权县", "和顺县", "昔阳县", "寿阳县", "祁县",
              "平遥县", "灵石县", "介休市"],
    "吕梁市": ["离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县", "岚县",
              "方山县", "中阳县", "交口县", "孝义市", "汾阳市"],
    "长治市": ["潞州区", "上党区", "屯留区", "潞城区", "襄垣县", "平顺县", "黎城县", "壶关县",
              "长子县", "武乡县", "沁县", "沁源县"],
    "晋城市": ["城区", "沁水县", "阳城县", "陵川县", "泽州县", "高平市"],
    "临汾市": ["尧都区", "曲沃县", "翼城县", "襄汾县", "洪洞县", "古县", "安泽县", "浮山县",
              "吉县", "乡宁县", "大宁县", "隰县", "永和县", "蒲县", "汾西县", "侯马市", "霍州市"],
    "运城市": ["盐湖区", "临猗县", "万荣县", "闻喜县", "稷山县", "新绛县", "绛县", "垣曲县",
              "夏县", "平陆县", "芮城县", "永济市", "河津市"],
}  # fmt: skip
CITY_EN = {
    "太原市": "Taiyuan", "大同市": "Datong", "朔州市": "Shuozhou", "忻州市": "Xinzhou",
    "阳泉市": "Yangquan", "晋中市": "Jinzhong", "吕梁市": "Lüliang", "长治市": "Changzhi",
    "晋城市": "Jincheng", "临汾市": "Linfen", "运城市": "Yuncheng",
}  # fmt: skip
# Places outside Shanxi that Shanxi texts compare themselves with or quote in passing.
OTHER = ["北京市", "天津市", "河北省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市",
         "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省",
         "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区",
         "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
         "保定市", "雄安新区", "石家庄市", "张家口市", "呼和浩特市", "鄂尔多斯市", "包头市",
         "榆林市",
         # cities of other provinces a Shanxi text names in passing (partners in investment
         # fairs, neighbours, capitals): their figures are theirs, not the document's place's
         "深圳市", "广州市", "珠海市", "厦门市", "福州市", "杭州市", "宁波市", "温州市", "南京市",
         "苏州市", "无锡市", "常州市", "镇江市", "扬州市", "南通市", "盐城市", "合肥市", "南昌市",
         "济南市", "青岛市", "郑州市", "洛阳市", "焦作市", "济源市", "三门峡市", "武汉市", "长沙市",
         "成都市", "西安市", "延安市", "渭南市", "兰州市", "银川市", "西宁市", "乌鲁木齐市",
         "拉萨市", "昆明市", "贵阳市", "南宁市", "沈阳市", "哈尔滨市", "唐山市", "邯郸市",
         "邢台市", "衡水市", "沧州市", "廊坊市", "秦皇岛市", "乌海市", "巴彦淖尔市", "乌兰察布市",
         "大连市", "长春市", "海口市", "新乡市", "开封市", "安阳市"]  # fmt: skip
# Names that are generic words or parts of words when they stand alone.
AMBIGUOUS = {"城区", "矿区", "郊区"}
# Short forms that are also ordinary words, or too short to be safe.
NO_SHORT = {"古交", "兴县", "临县", "古县", "吉县", "隰县", "蒲县", "祁县", "沁县", "盂县",
            "绛县", "夏县", "应县", "代县", "岚县", "平定", "和顺", "长子", "安泽", "大宁",
            "永和", "上党", "城区", "矿区", "郊区", "云州", "平城",
            # (大连片, 长春藤, 入海口, 新乡村, 开封的, 安阳光: read only by their full names)
            "大连", "长春", "海口", "新乡", "开封", "安阳"}  # fmt: skip

LEVEL_CITY, LEVEL_COUNTY, LEVEL_PROVINCE, LEVEL_COUNTRY, LEVEL_OTHER = (
    "city", "county", "province", "country", "other")  # fmt: skip
LEVEL_TOWNSHIP = "township"


@dataclass(frozen=True)
class Place:
    name: str  # official name: 忻州市, 原平市, 山西省, 全国
    level: str  # city | county | province | country | other | township
    parent: str = ""  # a county's city (a township's county is not known from its name)

    @property
    def en(self) -> str:
        return CITY_EN.get(self.name, "")


def _build() -> dict[str, Place]:
    out: dict[str, Place] = {PROVINCE: Place(PROVINCE, LEVEL_PROVINCE)}
    out[COUNTRY] = Place(COUNTRY, LEVEL_COUNTRY)
    for city, counties in DIVISIONS.items():
        out[city] = Place(city, LEVEL_CITY)
        for c in counties:
            if c not in AMBIGUOUS:
                out[c] = Place(c, LEVEL_COUNTY, city)
    for o in OTHER:
        out[o] = Place(o, LEVEL_OTHER)
    return out


GAZETTEER = _build()


def _short(name: str) -> str | None:
    for suffix in ("自治区", "新区", "市", "县", "区", "省"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            short = name[: -len(suffix)]
            return None if short in NO_SHORT or name in NO_SHORT else short
    return None


NAMES: dict[str, Place] = {}
for _p in GAZETTEER.values():
    NAMES[_p.name] = _p
    if (s := _short(_p.name)) and s not in NAMES:
        NAMES[s] = _p
for _city in ("阳泉市", "晋城市"):
    for _d in AMBIGUOUS:
        if _d in DIVISIONS[_city]:
            _place = Place(_d, LEVEL_COUNTY, _city)
            NAMES[_city + _d] = NAMES[_city[:-1] + _d] = _place
for _p in GAZETTEER.values():
    # 山西平定, 山西和顺: a short form that is a common word too (平定, 和顺) is a place after the
    # province's name
    if _p.level == LEVEL_COUNTY and (_s := _p.name[:-1]) in NO_SHORT and len(_s) >= 2:
        NAMES.setdefault("山西" + _s, _p)
NAMES["山西"] = GAZETTEER[PROVINCE]
# the short names national releases list provinces by (新疆、贵州), and 陜, a variant of 陕 that
# script conversion leaves as it is (陜西省)
_ALIASES = {"新疆": "新疆维吾尔自治区", "广西": "广西壮族自治区", "宁夏": "宁夏回族自治区",
            "陜西": "陕西省", "陜西省": "陕西省"}  # fmt: skip
for _short_name, _full in _ALIASES.items():
    NAMES.setdefault(_short_name, GAZETTEER[_full])
# the short names of the other provinces: in a release that lists provinces, what follows one
# is often its own figure's noun (陕西原煤产量, 山西、陕西分列二三位), not a firm's name
_OTHER_PROVINCES = frozenset(
    n for n, p in NAMES.items()
    if p.level == LEVEL_OTHER and p.name.endswith(("省", "自治区")) and n != p.name
) | {"北京", "天津", "上海", "重庆"}  # fmt: skip
NAMES["中国"] = NAMES["我国"] = GAZETTEER[COUNTRY]

# Words for the document's own place, the province and the country.
HOME_WORDS = (
    "全市", "我市", "本市", "该市", "全县", "我县", "本县", "该县", "全区", "我区", "本区", "该区",
    "市域", "县域", "全域",
)  # fmt: skip
PROVINCE_WORDS = ("全省", "我省", "本省", "该省")
COUNTRY_WORDS = ("全国", "我国")

_NAMES_LONGEST_FIRST = [n for n in sorted(NAMES, key=len, reverse=True) if n not in ("中国",)]


def _by_first(names: list[str]) -> str:
    """``names`` as one alternation grouped by their first character (忻(?:州市|府区|州)|…),
    each group's names in their order in ``names``: where one name can match, the engine
    tries the names opening with that character only, the first of them that matches being the
    one the plain alternation of ``names`` finds (the names opening with another character
    cannot match there)."""
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(n[0], []).append(n[1:])
    return "|".join(
        re.escape(f) + "(?:" + "|".join(re.escape(r) for r in rests) + ")"
        for f, rests in groups.items()
    )


_NAME_RE = re.compile(
    # the names grouped by their first character: the engine skips ahead to the characters a
    # name opens with and tries there the names opening with it only (the same matches as the
    # plain alternation behind first tests of one and two characters; over the bench's 16,500
    # sentences 94 ms so, 55 ms grouped)
    f"(?:{_by_first(_NAMES_LONGEST_FIRST)})"
)
# words for a township just named as the place the text is about (全乡仅藜麦一项收入…), not
# 全乡镇 (all townships)
TOWNSHIP_WORDS = ("全乡", "本乡", "该乡", "全镇", "本镇", "该镇", "全鄉", "全鎮")
_WORD_RE = re.compile(
    "|".join((*HOME_WORDS, *PROVINCE_WORDS, *COUNTRY_WORDS))
    # each alternative opens with its word, so that the engine skips ahead to the characters
    # they open with (a group among them made it try every word at every character)
    + "|"
    + "|".join(f"{w}(?![乡镇鄉鎮村])" for w in TOWNSHIP_WORDS)
)
# A place named just before one of these is a yardstick, not the subject.
_REFERENCE_AFTER = re.compile(
    r"(?:平均(?:水平)?|的?(?:比重|比例|份额|总量|总和)?)?"
    r"(?:第|前\d|前[一二三四五六七八九十]|首位|之首|居首|榜首|前列|前茅|平均|水平|同期|首|排名|排位|位次"
    # the field of a superlative (4个省级专业镇，全省最多; 全国之最)
    r"|最[多高大快好低少优强]|之最|领先)"
    # a number right after it (高于全省、全国2.5个和1.3个百分点), but not its own count (山西省5家)
    r"|\d(?![\d.]*[家户座项所处条台辆])(?!\d*个(?!百分点|千分点))|[一二三四五六七八九十百]+分之|(?:中|东|西|南|北|中北|中南|东北|东南|西北|西南)部"
)
_REFERENCE_BEFORE = re.compile(
    r"(?:高于|低于|快于|慢于|超过|超出|领先|比|较|占|占到|占据|居|位居|列|位列|"
    r"名列|排名|排|在|于|与|同|和|相当于|达到|为|跻身|跃居|稳居|入选)$"
)
# After the name, words that make it a name of something else (a company, an office).
_NOT_PLACE_AFTER = re.compile(
    r"(?:日报|晚报|电视台|大学|学院|商会|协会|学会|研究院|研究所|"
    r"公司|集团|银行|站|路|街|广场|机场|东站|南站|西站|北站|高铁站|"
    # an office named for its seat that serves a wider area (太原海关 is the province's customs,
    # 中国铁路太原局集团 and its short form “太原局” the railways of several provinces)
    r"海关|局集团|铁路局|局[”\"」])"
)

# After the province's name, the rest of the name of a firm, an institute or a park (山西待见
# 生物沙棘饮料, 山西省冶金炭素材料工程研究中心, 山西建筑产业现代化长治园区): not the province
_PROVINCE_NAMES = ("山西", "山西省")
_FIRM_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,12}?(?:产业园|园区|公司|集团|工程研究中心|研究中心|研究院|大学|学院|银行|生物|科技)"
)

# After a short form (五台 for 五台县), characters that make it part of another name.
_SHORT_NAME_AFTER = re.compile(r"[山西东南北路街站湖河镇乡村寺庙湾峡关口古城新]|片(?!区)|石窟|景区")


# Townships (乡, 镇) are too many for a gazetteer (Shanxi has over a thousand): a township is
# read off the text as a proper name of two characters before 乡 or 镇 (娑婆乡, 建安镇), standing
# where a place name stands (after punctuation, a digit, a county's name or a word that
# introduces a place) and not one of the common words ending in those characters (城乡, 返乡,
# 黄酒之乡, 乡村, 乡镇, 城镇化, 专业镇, 特色小镇, 古镇). A three-character name is not guessed at:
# its last two characters would name a township that does not exist.
_TOWNSHIP_SUFFIX = "乡镇鄉鎮"
_TOWNSHIP_SUFFIX_RE = re.compile(f"[{_TOWNSHIP_SUFFIX}]")
_TOWNSHIP_RE = re.compile(
    r"(?:(?<=^)|(?<=[\s，。；：、,.;:!！?？“”\"（）()\d])|(?<=[县縣區区市])|(?<=[在于於到对對为為是和与與及])"
    r"|(?<=选定|位于|来到|走进|地处))"
    rf"(?P<name>[\u4e00-\u9fff]{{2}})(?P<suffix>[{_TOWNSHIP_SUFFIX}])"
    r"(?![村镇鎮乡鄉化居职域级民土亲情愁贤音里])"
)
# characters that a township's two-character name does not end with: they make a common word
# with 乡 or 镇 (城乡, 返乡, 之乡, 下乡, 个乡, 全乡; 城镇, 村镇, 小镇, 古镇, 专业镇, 重点镇)
_NOT_TOWNSHIP_LAST = set("城返回下家故老同异他水梦思还离之本全各每该个其此贫扶自"
                         "村集小古名重强业色范点心制坐")  # fmt: skip
# characters that are not part of a place name (grammar words, numerals, measure words)
_NOT_TOWNSHIP_CHAR = set("乡镇鄉鎮全各本该每的了在和与及等为是有向从把被将对于到个"
                         "也都又就所以而且并或一二三四五六七八九十百千万亿两几多")  # fmt: skip


def may_name_township(text: str) -> bool:
    """Whether ``text`` holds a township's suffix character (乡, 镇): one without names none."""
    return _TOWNSHIP_SUFFIX_RE.search(text) is not None


def township_suffix_at(text: str) -> int:
    """Where the first township suffix (乡, 镇) of ``text`` stands, -1 when none does."""
    m = _TOWNSHIP_SUFFIX_RE.search(text)
    return -1 if m is None else m.start()


def _townships_found(sentence: str):
    """``_TOWNSHIP_RE.finditer(sentence)``, tried only two characters before each suffix (乡,
    镇): a match is a name of two characters and its suffix, so it opens nowhere else (its
    lookbehinds, tried at every character, cost more than the rest of ``townships``)."""
    last = 0
    for s in _TOWNSHIP_SUFFIX_RE.finditer(sentence):
        p = s.start() - 2
        if p >= last and (m := _TOWNSHIP_RE.match(sentence, p)) is not None:
            yield m
            last = m.end()


def townships(sentence: str) -> list[tuple[int, int, Place]]:
    """The townships a sentence names, as (start, end, place)."""
    out = []
    if not may_name_township(sentence):
        return out  # (_TOWNSHIP_RE's lookbehinds, tried at every character, find none)
    for m in _townships_found(sentence):
        name = m.group("name")
        if name[-1] in _NOT_TOWNSHIP_LAST or any(ch in _NOT_TOWNSHIP_CHAR for ch in name):
            continue
        if name in NAMES:
            continue  # 五台镇 would be read as 五台 + 镇; a county's short name is not a township
        out.append((m.start(), m.end(), Place(name + m.group("suffix"), LEVEL_TOWNSHIP)))
    return out


def is_township(name: str) -> bool:
    """Whether ``name`` (a figure's place) is a township read off a text."""
    return (
        bool(name)
        and name not in NAMES
        and bool(re.fullmatch(r"[\u4e00-\u9fff]{2}[乡镇鄉鎮]", name))
    )


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    place: Place | None  # None: the document's own place (全市, 我县 …)
    is_reference: bool


# what may follow the short name of a place outside the province for it to be that place
# (镇江，是…; 南京、珠海; 与深圳的合作; 北京等地)
_AFTER_OTHER = frozenset("，,、。；;：:和与及以或的等地（(）) \n") | {""}
# …and what may follow another province's short name: the noun of its figure or its rank
# (陕西原煤产量, 陕西分列二三位, 贵州同比下降0.5%)
_PROVINCE_FIGURE_AFTER = re.compile(
    r"原煤|煤炭|产量|分列|分居|位列|位居|居第|排名|地区生产总值|经济|同比|累计|分别|均|增长|下降"
)


def mentions(sentence: str) -> list[Mention]:
    """Every place named in ``sentence``, in order; overlapping names keep the longest."""
    if len(sentence) > 1000:  # a text's whole head, read once: not kept
        return list(_mentions_of(sentence))
    return list(_mentions(sentence))  # (a list of its own: a caller may change it)


def _mentions_of(sentence: str) -> tuple[Mention, ...]:
    found: list[Mention] = []
    for m in _NAME_RE.finditer(sentence):
        if _NOT_PLACE_AFTER.match(sentence, m.end()):
            continue
        if m.group(0) in _PROVINCE_NAMES and _FIRM_AFTER.match(sentence, m.end()):
            continue  # 山西待见生物, 山西建筑产业现代化长治园区: a firm or a park of that name
        if m.group(0) not in GAZETTEER and _SHORT_NAME_AFTER.match(sentence, m.end()):
            continue  # 五台山, 五台西龙池: a name made from the place's name, not the place
        if (NAMES[m.group(0)].level == LEVEL_OTHER and m.group(0) not in GAZETTEER
                and sentence[m.end() : m.end() + 1] not in _AFTER_OTHER
                and not (m.group(0) in _OTHER_PROVINCES
                         and _PROVINCE_FIGURE_AFTER.match(sentence, m.end()))):  # fmt: skip
            continue  # 深圳惠科新材料, 上海新升半导体: a firm named for its city, not the city
        found.append(_mention(sentence, m.start(), m.end(), NAMES[m.group(0)]))
    for m in _WORD_RE.finditer(sentence):
        w = m.group(0)
        place = (
            GAZETTEER[PROVINCE]
            if w in PROVINCE_WORDS
            else GAZETTEER[COUNTRY]
            if w in COUNTRY_WORDS
            else None
        )
        found.append(_mention(sentence, m.start(), m.end(), place))
    for a, b, place in townships(sentence):
        found.append(_mention(sentence, a, b, place))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    last = -1
    for x in found:
        if x.start >= last:
            if out and out[-1].end == x.start and _contains(out[-1].place, x.place):
                out[-1] = x  # 山西省定襄县: the county, as the province names it
            else:
                out.append(x)
            last = x.end
    for k in range(len(out) - 1, 0, -1):
        if out[k].is_reference and _SUMMED_AFTER.match(sentence, out[k].end):
            # (…吕梁、临汾、忻州、太原、朔州等5个地级市: each a part of what the list sums)
            j = k
            while j > 0 and sentence[out[j - 1].end : out[j].start] in ("、", "和", "及", "以及"):
                out[j - 1] = replace(out[j - 1], is_reference=True)
                j -= 1
    for k in range(1, len(out)):
        if out[k].place is not None and _route(sentence, out[k - 1], out[k]):
            # 太原至吕梁开行动车组, 浮山至临汾高速公路: a route's ends, not a subject
            out[k - 1] = replace(out[k - 1], is_reference=True)
            out[k] = replace(out[k], is_reference=True)
    return tuple(out)


# a pure function of the sentence, asked for again by each figure's reader and for each
# sentence a text repeats; bounded, as texts are long
_mentions = lru_cache(maxsize=2048)(_mentions_of)


def _route(sentence: str, a: Mention, b: Mention) -> bool:
    return a.place is not None and sentence[a.end : b.start] in ("至", "到", "—", "-", "－")


def first_mention(sentence: str, within: int | None = None) -> Mention | None:
    """The first place ``sentence`` names (the first of ``mentions``), or None. Given
    ``within``, also None when no place can start at or before that position, which is known
    without reading every place named (is a phrase opened by a place?)."""
    if within is not None and not _can_start_by(sentence, within):
        return None
    return next(iter(mentions(sentence)), None)


def _can_start_by(sentence: str, pos: int) -> bool:
    """Whether a name, a place word or a township is found starting at or before ``pos``: a
    mention starts where one of them does, the leftmost at the leftmost."""
    # (the leftmost match starts by pos when one is tried by pos: not a search of all; most
    # phrases are asked by position 0)
    if _NAME_RE.match(sentence) is not None or _WORD_RE.match(sentence) is not None:
        return True
    for rx in (_NAME_RE, _WORD_RE):
        if any(rx.match(sentence, p) for p in range(1, min(pos, len(sentence)) + 1)):
            return True
    if not _TOWNSHIP_SUFFIX_RE.search(sentence):
        return False
    m = _TOWNSHIP_RE.search(sentence)
    return m is not None and m.start() <= pos


def _contains(outer: Place | None, inner: Place | None) -> bool:
    if outer is None or inner is None:
        return False
    if outer.level == LEVEL_PROVINCE and inner.level in (LEVEL_CITY, LEVEL_COUNTY):
        return True
    if outer.level in (LEVEL_CITY, LEVEL_COUNTY) and inner.level == LEVEL_TOWNSHIP:
        return True  # 静乐县娑婆乡: the township, as its county names it
    return outer.level == LEVEL_CITY and inner.parent == outer.name


# the yardstick of a comparison named with a modifier (比排名第2的朔州高0.92万元)
_COMPARED_BEFORE = re.compile(r"(?:比|较|高于|低于|快于|慢于)[^，。；,;比较]{1,10}的$")


# the next whole of a list of shares (产量占到全省的80%、全国清香型白酒的20%)
_SHARE_LISTED = re.compile(r"占(?:到|据)?[^，。；,;]{0,24}[%％](?:、|和|及)$")


_SUMMED_AFTER = re.compile(
    r"等(?:(?:\d+|[两二三四五六七八九十]+)个)?(?:地级市|省市|城市|省|市|县|区|地)"
    # …or of works or firms named by their places (阳高等7项…新能源基地配套电网工程)
    r"|等(?:\d+|[两二三四五六七八九十]+)(?:项|家|座|条|处)"
)


# what names a place as the one a clause picks out (降幅最大的为新疆，, 其次为河南省，): its subject
PICKED_OUT_BY = ("的为", "是为", "次为")


def _mention(s: str, a: int, b: int, place: Place | None) -> Mention:
    before = _REFERENCE_BEFORE.search(s, max(0, a - 4), a)
    if before is not None and before.group() == "在" and s[b : b + 1] in ("，", ","):
        before = None  # 在新荣区，已建成的风电项目有3项: where, as a subject
    elif before is not None and before.group() == "为" and s.endswith("分别为", 0, a):
        before = None  # 分别为内蒙古、山西、陕西…，产量分别为…: the list of whose figures follow
    elif (before is not None and before.group() == "为" and s.endswith(PICKED_OUT_BY, 0, a)
          and s[b : b + 1] in ("，", ",")):  # fmt: skip
        before = None  # 降幅最大的为新疆，同比下降11.8%: the place the clause names, its subject
    ref = bool(_REFERENCE_AFTER.match(s, b)) or before is not None
    # 分别位于吕梁、临汾、忻州、太原、朔州等5个地级市的7个县区: the last of a list that 等N个 sums
    ref = ref or bool(_SUMMED_AFTER.match(s, b))
    ref = ref or bool(_COMPARED_BEFORE.search(s, max(0, a - 14), a))
    ref = ref or (
        s[a - 1 : a] in ("、", "和", "及") and bool(_SHARE_LISTED.search(s, max(0, a - 30), a))
    )
    return Mention(a, b, s[a:b], place, ref)


def by_name(name: str) -> Place | None:
    return NAMES.get(name) or GAZETTEER.get(name)


# The names government hosts spell their place with (the city's pinyin, or 山西's sx and the
# city's initials): a page on a city government's site (its statistics bureau, its
# development and reform commission …) is about that city when its text names no other place.
HOST_NAMES: dict[str, str] = {
    **{en.lower().replace("ü", "v"): city for city, en in CITY_EN.items()},
    "sxxz": "忻州市", "sxjz": "晋中市", "shanxi": PROVINCE,
    # Xinzhou's counties, by their pinyin (a county site: www.daixian.gov.cn)
    "xinfu": "忻府区", "yuanping": "原平市", "dingxiang": "定襄县", "wutai": "五台县",
    "daixian": "代县", "fanshi": "繁峙县", "ningwu": "宁武县", "jingle": "静乐县",
    "shenchi": "神池县", "wuzhai": "五寨县", "kelan": "岢岚县", "hequ": "河曲县",
    "baode": "保德县", "pianguan": "偏关县",
}  # fmt: skip
_GOV_HOST = re.compile(r"(?:^|\.)(?:gov\.cn|sxgov\.cn)$")


def from_address(url: str | None) -> Place | None:
    """The place a government site's address names (http://tjj.sxxz.gov.cn/… -> 忻州市), or None:
    only a host under gov.cn (or the province's sxgov.cn) says whose site it is; a repost on
    any other site says nothing."""
    m = re.match(r"^[a-z]+://([^/:?#]+)", (url or "").strip().lower())
    if m is None or not _GOV_HOST.search(m.group(1)):
        return None
    labels = m.group(1).split(".")
    for label in labels:
        for name in (label, label.removeprefix("sx")):
            if name in HOST_NAMES:
                return GAZETTEER.get(HOST_NAMES[name])
    return None


# zones that span cities of the province (its own plans name them so)
_ZONE_RE = re.compile(r"太忻一体化|太忻经济区|山西中部城市群|太原都市区|晋北城镇群")


def _county_told_of(city: Place, text: str) -> Place | None:
    """The county of ``city`` a text is about although its title names only the city (山西阳泉
    的一个小县…: 盂县隶属于阳泉市…盂县…盂县): named three times or more, twice as often as the
    city, in a text that never speaks of 全市."""
    if any(w in text for w in ("全市", "我市", "本市")):
        return None
    counts: dict[str, int] = {}
    named = mentions(text[:4000])  # (read once, for both counts)
    for m in named:
        if m.place is not None and m.place.level == LEVEL_COUNTY and m.place.parent == city.name:
            counts[m.place.name] = counts.get(m.place.name, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    own = sum(1 for m in named if m.place == city)
    return GAZETTEER[best] if counts[best] >= 3 and counts[best] >= 2 * own else None


_DATELINE = re.compile(r"\d{1,2}月\d{1,2}日(?:电|讯)")
# the province named as the subject (山西省省长…表示，…山西规上原煤产量…)
_PROVINCE_NAMES = ("山西", "山西省")


_CITY_WORDS = ("全市", "我市", "本市")


# Landmarks a headline may name instead of their city (山西五台山国际文化旅游月…): a text so
# titled is about that city's landmark, not the province. Read in the title only, and only
# when the title names no city or county of its own.
LANDMARK_CITY = {
    "五台山": "忻州市", "芦芽山": "忻州市", "雁门关": "忻州市", "老牛湾": "忻州市",
    "云冈石窟": "大同市", "悬空寺": "大同市", "平遥古城": "晋中市", "乔家大院": "晋中市",
    "王家大院": "晋中市", "绵山": "晋中市", "壶口瀑布": "临汾市", "晋祠": "太原市",
    "皇城相府": "晋城市", "应县木塔": "朔州市", "娘子关": "阳泉市", "碛口古镇": "吕梁市",
}  # fmt: skip


def home_of(title: str, text: str, hint: str | None = None) -> Place | None:
    """The place a document is about: the place its title names, else the one its text
    names most (a county when the text speaks of 全县/全区 and names it), else ``hint`` —
    or the city of a landmark its title names where that would be the province or nothing."""
    home = _home_of(title, text, hint)
    if home is None or home.level == LEVEL_PROVINCE:
        named = [m for m in mentions(title or "") if m.place is not None
                 and m.place.level in (LEVEL_CITY, LEVEL_COUNTY)]  # fmt: skip
        cities = {LANDMARK_CITY[w] for w in LANDMARK_CITY if w in (title or "")}
        if not named and len(cities) == 1:
            return GAZETTEER[cities.pop()]
    return home


def _home_of(title: str, text: str, hint: str | None) -> Place | None:
    named = [m.place for m in mentions(title or "") if m.place is not None]
    for p in named:
        if p.level == LEVEL_COUNTY:
            return p
    for p in named:
        if p.level == LEVEL_CITY:
            return _county_told_of(p, text) or p
    if _ZONE_RE.search(title or ""):
        # 太忻一体化经济区…: a zone of two cities is the province's part they share, not the
        # city the text happens to name most
        return GAZETTEER[PROVINCE]
    province_titled = any(m.text == PROVINCE for m in mentions(title or ""))
    counts: dict[str, int] = {}
    by: dict[str, Place] = {}
    province_words = in_headline = 0
    head = text[:4000]
    first = head.split("\n", 1)[0]
    headline = len(first) if len(first) <= 60 and "。" not in first else 0  # (printed again)
    for m in mentions(head):
        if _DATELINE.match(head, m.end):
            continue  # 中新网太原2月25日电: where the reporter filed from, not the subject
        if m.place is not None and m.place.level in (LEVEL_CITY, LEVEL_COUNTY):
            counts[m.place.name] = counts.get(m.place.name, 0) + 1
            by[m.place.name] = m.place
        # the province as a subject (全省规上工业…), not as a yardstick (居全省第6位, 低于全省)
        said = (m.text in ("全省", "我省") or m.text in _PROVINCE_NAMES) and not m.is_reference
        province_words += said
        in_headline += said and m.start < headline
    if province_titled:
        # 山西省政府工作报告: the province by its full name is what the text is about, and the
        # cities it names are its parts (a bare 山西 in a headline only says where) — unless
        # the text never speaks of the province's whole and speaks of a city's again and again
        # (a city's report under the provincial government's name: 近年来，忻州市…全市…全市…)
        cities = [n for n in counts if by[n].level == LEVEL_CITY]
        body = head.replace(title, "") if title else head  # (the headline printed again)
        if (cities and sum(body.count(w) for w in _CITY_WORDS) >= 3
                and not any(m.text in ("全省", "我省", *_PROVINCE_NAMES) and not m.is_reference
                            for m in mentions(body))):  # fmt: skip
            return by[max(cities, key=lambda n: counts[n])]
        return GAZETTEER[PROVINCE]
    # (whether any is said: the first found ends the search, no count of a long text)
    county_words = any(w in text for w in ("全县", "我县", "本县", "全区", "我区", "本区"))
    if counts:
        best = max(counts, key=lambda n: (counts[n], by[n].level == LEVEL_COUNTY and
                                          county_words > 0))  # fmt: skip
        city_words = sum(head.count(w) for w in _CITY_WORDS)
        if (not county_words and by[best].level == LEVEL_COUNTY and by[best].parent
                and not best.endswith("市") and city_words >= 3):  # fmt: skip
            # a city's report that speaks of 全市, 我市 again and again and names its counties
            # in passing (应县、朔城区…跻身…), never 全县: the city's, not the county named most
            return GAZETTEER[by[best].parent]
        if county_words and by[best].level == LEVEL_CITY:
            counties = [n for n in counts if by[n].level == LEVEL_COUNTY]
            if counties:
                top = max(counties, key=lambda n: counts[n])
                if counts[top] * 2 >= counts[best]:
                    return by[top]
        provincial = any(p.level == LEVEL_PROVINCE for p in named)
        others = sorted((counts[n] for n in counts if n != best), reverse=True)
        # under a title naming the province (山西交出亮眼“成绩单”), the cities the text names
        # are its parts (吕梁、临汾、忻州…; 太原至吕梁开行动车组): one is the subject only when
        # it is named again and again, twice as often as any other
        dominant = counts[best] >= 3 and counts[best] >= 2 * (others or [0])[0]
        # (so too for a text that speaks of 全省 as its subject again and again); the one place
        # a text names under a bare 山西 that never speaks of the province's whole is its
        # subject ([山西狠抓规模健康养殖…] 今年偏关县…。全年计划建设…)
        alone = len(counts) == 1 and province_words == in_headline
        if dominant or alone or not (provincial or province_words >= 3):
            return by[best]
    if any(p.level == LEVEL_PROVINCE for p in named) or province_words >= 3:
        return GAZETTEER[PROVINCE]
    if hint:
        return by_name(hint)
    # a national release (国家统计局公布…全国分省原煤产量): it names no city or county of the
    # province as its subject, the province not again and again, and the country as a subject
    # more often than the province
    country_words = sum(
        m.place is not None and m.place.level == LEVEL_COUNTRY and not m.is_reference
        for m in mentions((title or "") + "\n" + head)
    )
    if not counts and country_words >= 2 and country_words > province_words:
        return GAZETTEER[COUNTRY]
    return None
