"""Units: every printed unit and scale word, the base unit each measures, and English names.

A printed unit is a scale word (``SCALES``: 万, 亿 …, optional) and a unit (``UNITS``: 元,
千瓦, %, 个百分点, 人次, count classifiers …). ``unit_base("万千瓦")`` gives the base unit and
the factor to it (``("kW", 10000.0)``). Percent and percentage point stay apart: a difference
of two percents is not a percent.
"""

from __future__ import annotations

__all__ = [
    "BASE_UNITS",
    "COUNT_CLASSIFIERS",
    "DA_NOUNS",
    "GLOSS",
    "MEASURE_BASES",
    "SCALES",
    "UNITS",
    "PLAUSIBLE_MAX",
    "implausible",
    "split_unit",
    "unit_base",
]

# printed unit -> (base unit, factor to the base unit)
UNITS: dict[str, tuple[str, float]] = {
    "%": ("percent", 1.0),
    "％": ("percent", 1.0),
    "个百分点": ("percentage_point", 1.0),
    "百分点": ("percentage_point", 1.0),
    "元": ("CNY", 1.0),
    "人民币": ("CNY", 1.0),
    "美元": ("USD", 1.0),
    "欧元": ("EUR", 1.0),
    "千瓦时": ("kWh", 1.0),
    "兆瓦时": ("kWh", 1e3),
    "千瓦": ("kW", 1.0),
    "兆瓦": ("kW", 1e3),
    "吉瓦": ("kW", 1e6),
    "吨": ("t", 1.0),
    "公斤": ("t", 1e-3),
    "千克": ("t", 1e-3),
    "斤": ("t", 5e-4),
    "立方米": ("m3", 1.0),
    "平方公里": ("km2", 1.0),
    "平方千米": ("km2", 1.0),
    "平方米": ("m2", 1.0),
    # the compatibility and Latin forms of area and length (建筑面积1万㎡, 面积:25157.64km²)
    "㎡": ("m2", 1.0),
    "m²": ("m2", 1.0),
    "km²": ("km2", 1.0),
    "㎞": ("km", 1.0),
    "公顷": ("ha", 1.0),
    "亩": ("mu", 1.0),
    "公里": ("km", 1.0),
    "千米": ("km", 1.0),
    "米": ("m", 1.0),
    "人次": ("person_time", 1.0),
    # visits counted by unit visited (检查经营单位124家次): a count, printed as such
    "家次": ("count", 1.0),
    "户次": ("count", 1.0),
    "架次": ("count", 1.0),  # flights (运输起降1728架次)
    "人": ("person", 1.0),
    "名": ("person", 1.0),
    "位": ("person", 1.0),
    "倍": ("times", 1.0),
    "‰": ("permille", 1.0),
    "成": ("percent", 10.0),  # tenths (超六成: more than 60%), printed with a numeral only
    "度": ("kWh", 1.0),  # 亿度 (kilowatt-hours), read only after a scale word: 7度 is a temperature
    "个千分点": ("permille_point", 1.0),
    "千分点": ("permille_point", 1.0),
    "GW": ("kW", 1e6),
    "MW": ("kW", 1e3),
    "kW": ("kW", 1.0),
    "KW": ("kW", 1.0),
    "GWh": ("kWh", 1e6),
    "MWh": ("kWh", 1e3),
    "kWh": ("kWh", 1.0),
    "毫米": ("mm", 1.0),
    "小时": ("hour", 1.0),
    "个小时": ("hour", 1.0),
    "天": ("day", 1.0),
    "/10万": ("per_100k", 1.0),  # a rate per 100,000 (孕产妇死亡率2.23/10万)
    "岁": ("year_of_age", 1.0),  # only after 寿命 (预期寿命达到80.81岁): ages are no figures
    "日": ("day", 1.0),  # read only as a stay's days (平均住院日为8.25日), else a date's day
    # compound units of official statistics (energy intensity, PM2.5, yields, capacity a year)
    "吨标准煤": ("tce", 1.0),
    "吨标准煤/万元": ("tce_per_10k_yuan", 1.0),
    "微克/立方米": ("ug_per_m3", 1.0),
    "公斤/亩": ("kg_per_mu", 1.0),
    "吨/年": ("t_per_year", 1.0),
    "千升": ("kl", 1.0),
    "立方米/日": ("m3_per_day", 1.0),  # a capacity a day (污水处理能力18万立方米/日)
    # densities (人口密度124.9人/平方公里; 路网密度90.89公里/百平方公里, 399公里/万平方公里)
    # and lengths per head (人均铁路里程1.8公里/万人)
    "人/平方公里": ("person_per_km2", 1.0),
    "公里/百平方公里": ("km_per_km2", 0.01),
    "公里/万平方公里": ("km_per_km2", 1e-4),
    "公里/万人": ("km_per_10k_people", 1.0),
    "平米": ("m2", 1.0),  # (更换广告牌匾3.6万平米)
    # transport work (旅客周转量226.61亿人公里, 货物周转量5711.81亿吨公里)
    "人公里": ("passenger_km", 1.0),
    "吨公里": ("tonne_km", 1.0),
}
COUNT_CLASSIFIERS = (
    "个 户 项 条 家 座 所 台 辆 套 处 栋 件 场 次 只 头 张 架 艘 间 例 起 宗 块 篇 部 类 种 支 "
    "根 株 棵 颗 批 期 轮 对 笔 镇 乡 枚 份 穗 棒 片 趟"
).split()
# the classifier 期 (phase) and 批 (batch) only after Arabic digits: 二期 is a phase name
for _c in COUNT_CLASSIFIERS:
    UNITS[_c] = ("count", 1.0)

# Arabic N大 + one of these counted nouns is a count (5大方面); other N大 are names
DA_NOUNS = "方面 领域 板块 任务 专项 行动 工程 产业 行业 类 系统 体系 片区 集群".split()
for _n in DA_NOUNS:
    UNITS["大" + _n] = ("count", 1.0)

# measure units (not people, not counts): a single Chinese digit may carry them (五吨, 两亩)
MEASURE_BASES = {"percent", "CNY", "USD", "EUR", "kWh", "kW", "t", "m3", "km2", "m2", "ha", "mu"}
MEASURE_BASES |= {"km", "m", "times"}

SCALES: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "万": 10**4,
    "千": 10**3,
}

# base unit -> what it is, in English (the datapackage and the methodology page say this)
BASE_UNITS = {
    "CNY": "yuan (renminbi)",
    "USD": "US dollars",
    "EUR": "euros",
    "kW": "kilowatts of installed capacity",
    "kWh": "kilowatt-hours",
    "t": "tonnes",
    "m3": "cubic metres",
    "km2": "square kilometres",
    "m2": "square metres",
    "ha": "hectares",
    "mu": "mu (666.7 square metres)",
    "km": "kilometres",
    "m": "metres",
    "percent": "percent (a share or a rate of change)",
    "percentage_point": "percentage points (a difference between two percents)",
    "person": "people",
    "person_time": "person-times (visits)",
    "count": "a count of items (projects, enterprises, towns, tasks …)",
    "times": "a multiple (倍)",
    "number": "a bare number or size class with no printed unit (万亿级)",
    "permille": "per mille (‰: births per thousand people …)",
    "permille_point": "per mille points (a difference between two per mille rates)",
    "mm": "millimetres (of rain)",
    "hour": "hours",
    "day": "days",
    "tce": "tonnes of standard coal equivalent",
    "tce_per_10k_yuan": "tonnes of standard coal equivalent per 10,000 yuan of GDP",
    "ug_per_m3": "micrograms per cubic metre",
    "kg_per_mu": "kilograms per mu",
    "t_per_year": "tonnes a year (capacity)",
    "kl": "kilolitres",
    "index": "an index (the previous year = 100)",
    "year_of_age": "years of age (a life expectancy)",
    "per_100k": "per 100,000 (a rate: maternal deaths per 100,000 births …)",
    "passenger_km": "passenger-kilometres (transport work)",
    "m3_per_day": "cubic metres a day (a capacity)",
    "person_per_km2": "people per square kilometre (a population density)",
    "km_per_km2": "kilometres per square kilometre (a network density)",
    "km_per_10k_people": "kilometres per 10,000 people",
    "tonne_km": "tonne-kilometres (transport work)",
    "rank": "a position in a ranking (1 is first; 前三 is at most 3)",
}

# The largest size a figure in each base unit can plausibly have, generously above the whole
# of China (GDP about 1.3e14 yuan, installed capacity about 3e9 kW): a larger value is a
# scraping or typing error (a 400-digit number once printed as inf亿元), never a figure.
PLAUSIBLE_MAX = {
    "CNY": 1e15, "USD": 1e14, "EUR": 1e14, "kW": 1e10, "kWh": 1e14, "t": 1e11, "m3": 1e13,
    "km2": 1e7, "m2": 1e13, "ha": 1e9, "mu": 1e10, "km": 1e8, "m": 1e10, "percent": 1e5,
    "percentage_point": 1e4, "person": 1e10, "person_time": 1e11, "count": 1e10, "times": 1e5,
    "number": 1e16, "permille": 1e4, "permille_point": 1e4, "mm": 1e5, "hour": 1e9,
    "day": 1e7, "rank": 1e6, "year_of_age": 150, "per_100k": 1e5, "passenger_km": 1e14,
    "tonne_km": 1e15, "m3_per_day": 1e12, "person_per_km2": 1e5, "km_per_km2": 1e3,
    "km_per_10k_people": 1e4,
}  # fmt: skip
MAX_DIGITS = 20  # digits of a printed value (before and after the point)


def implausible(value: str, value_base: float, base_unit: str, unit: str = "") -> str | None:
    """Why a figure cannot be real (not finite, more digits than any statistic prints, or
    larger than ``PLAUSIBLE_MAX`` for its base unit), or None. A printed ``unit`` that is only
    a size word (GDP却超129亿) left its unit out, most often 元: it is held to the bound of a
    plain number, not of a count of things."""
    if unit and not unit.strip("十百千万亿"):
        base_unit = "number"
    digits = sum(c.isdigit() for c in str(value))
    if digits > MAX_DIGITS:
        return f"its value has {digits} digits (at most {MAX_DIGITS})"
    if value_base is None or value_base != value_base or abs(value_base) == float("inf"):
        return "its value is not a finite number"
    limit = PLAUSIBLE_MAX.get(base_unit, 1e16)
    if abs(value_base) > limit:
        return f"{abs(value_base):.3g} {base_unit} is more than any such figure ({limit:.0e})"
    return None


# English glosses of a base value: (base unit) -> [(divisor, English unit), …], largest first.
GLOSS = {
    "CNY": [(1e12, "trillion yuan"), (1e9, "billion yuan"), (1e6, "million yuan"), (1, "yuan")],
    "USD": [(1e9, "billion US dollars"), (1e6, "million US dollars"), (1, "US dollars")],
    "EUR": [(1e9, "billion euros"), (1e6, "million euros"), (1, "euros")],
    "kW": [(1e6, "GW"), (1e3, "MW"), (1, "kW")],
    "kWh": [(1e9, "billion kWh"), (1e6, "million kWh"), (1, "kWh")],
    "t": [(1e6, "million tonnes"), (1e3, "thousand tonnes"), (1, "tonnes")],
    "person": [(1e6, "million people"), (1e3, "thousand people"), (1, "people")],
    "person_time": [(1e6, "million visits"), (1e3, "thousand visits"), (1, "visits")],
    "count": [(1e6, "million"), (1e3, "thousand")],
    "number": [(1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")],
    "m3": [(1e9, "billion m³"), (1e6, "million m³"), (1, "m³")],
    "m2": [(1e6, "million m²"), (1, "m²")],
    "km2": [(1e3, "thousand km²"), (1, "km²")],
    "km": [(1e3, "thousand km"), (1, "km")],
    "m": [(1, "m")],
    "ha": [(1e6, "million hectares"), (1e3, "thousand hectares"), (1, "hectares")],
    "mu": [(1e6, "million mu"), (1e3, "thousand mu"), (1, "mu")],
    "mm": [(1, "mm")],
    "hour": [(1, "hours")],
    "day": [(1, "days")],
    "year_of_age": [(1, "years")],
    "per_100k": [(1, "per 100,000")],
    "tce": [(1e6, "million tce"), (1e3, "thousand tce"), (1, "tce")],
    "tce_per_10k_yuan": [(1, "tce per 10,000 yuan")],
    "ug_per_m3": [(1, "µg/m³")],
    "kg_per_mu": [(1, "kg per mu")],
    "t_per_year": [
        (1e6, "million tonnes a year"),
        (1e3, "thousand tonnes a year"),
        (1, "tonnes a year"),
    ],  # fmt: skip
    "kl": [(1e3, "million litres"), (1, "kilolitres")],
    "passenger_km": [
        (1e9, "billion passenger-km"),
        (1e6, "million passenger-km"),
        (1, "passenger-km"),
    ],
    "tonne_km": [(1e9, "billion tonne-km"), (1e6, "million tonne-km"), (1, "tonne-km")],
    "m3_per_day": [(1e6, "million m³ a day"), (1e3, "thousand m³ a day"), (1, "m³ a day")],
    "person_per_km2": [(1, "people per km²")],
    "km_per_km2": [(1, "km per km²")],
    "km_per_10k_people": [(1, "km per 10,000 people")],
}


def split_unit(unit: str) -> tuple[str, str]:
    """A printed unit as (scale word, unit): 万千瓦 -> (万, 千瓦); 个百分点 -> ("", 个百分点)."""
    if not unit or unit in UNITS:
        return "", unit or ""
    for sc in sorted(SCALES, key=len, reverse=True):
        if unit.startswith(sc):
            return sc, unit[len(sc) :]
    return "", unit


def unit_base(unit: str) -> tuple[str, float] | None:
    """(base unit, factor) of a printed unit such as 亿元 or 万千瓦, or None when unknown;
    a scale word alone (万亿 of 万亿级) is a bare ``number``."""
    if not unit:
        return None
    scale, rest = split_unit(unit)
    if not rest:
        return ("number", float(SCALES[scale])) if scale else None
    if rest not in UNITS:
        return None
    base, factor = UNITS[rest]
    return (base, SCALES.get(scale, 1) * factor)
