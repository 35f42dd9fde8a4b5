"""The indicator vocabulary (``data/indicators.yml``): what a figure measures, by name.

An indicator gives one measured thing a stable id, its Chinese name as official statistics
print it, an English name (the National Bureau of Statistics' own English where one exists;
``en_basis`` says where it comes from), its measure (level, growth, share, per capita, count,
rank, change …), unit, unit family and theme. ``aliases`` are other exact names of the same
thing; ``not`` lists the near misses that are a *different* indicator.

``Vocabulary.classify(measured, base_unit, subset)`` files a figure under an indicator only
when the figure's measured noun phrase (``reportbook.phrases``) *is* one of its names — never
the nearest word in the sentence:

- the measure must agree: a growth rate is the ``growth`` indicator whose ``growth_of`` is the
  level named (地区生产总值 … 增长5% → ``gdp_growth``); a share must name the same whole (a
  share of the province's capacity is not a share within the city's); 人均… is a per-capita
  indicator, never the total;
- the figure's base unit must belong to the indicator's unit family;
- a figure about a named part of the place (a scenic spot, key enterprises) is never filed
  under the place's total: only an indicator named for that part takes it;
- two indicators answering to the same phrase are ambiguous: neither is picked.

Everything else stays unclassified, with the measured phrase and measure as its proposal: adding
an indicator with that name to ``indicators.yml`` classifies it on the next build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportbook import phrases
from reportbook.errors import Problem
from reportbook.units import UNITS

MEASURES = ("level", "growth", "share", "per_capita", "count", "rate", "index", "change", "rank")
# base units (reportbook.units) each unit family admits
FAMILIES: dict[str, set[str]] = {
    "money": {"CNY", "USD", "EUR"},
    "percent": {"percent", "permille"},
    "percentage_point": {"percentage_point", "permille_point"},
    "power": {"kW"},
    "energy": {"kWh", "t", "tce", "tce_per_10k_yuan"},
    "mass": {"t", "ug_per_m3", "kg_per_mu", "t_per_year"},
    "volume": {"m3", "kl"},
    "area": {"km2", "m2", "ha", "mu"},
    "length": {"km", "m", "mm"},
    "people": {"person", "count"},
    "person_time": {"person_time", "person"},
    "count": {"count"},
    "times": {"times"},
    "index": {"number", "percent"},
    "rank": {"rank"},
}
# measures that may stand for each other (a count of people is a level of people)
COMPATIBLE = {
    "level": {"level", "count", "rate", "index"},
    "count": {"count", "level"},
    "per_capita": {"per_capita"},
    "growth": {"growth"},
    "share": {"share", "rate"},
    "change": {"change"},
    "rank": {"rank"},
}
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_SECTOR = re.compile(r"(?:业|产业)$")
_SIZE_TAIL = re.compile(r"(?<=..)(?:总规模|规模|总量)$")
_SHARE_NAME = re.compile(r"^(?P<part>.+?)占(?P<whole>.+?)(?:的)?(?:比重|比例)$")


@dataclass(eq=False)
class Indicator:
    id: str
    name_en: str
    name_zh: str
    unit: str
    theme: str
    measure: str = "level"
    unit_family: str = ""
    en_basis: str = "descriptive"
    growth_of: str | None = None
    share_of: str | None = None
    aliases: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()
    description: str = ""
    stock: bool = False
    context: tuple[str, ...] = ()  # one of these words must be in the sentence too
    better: str = "higher"  # lower: a ceiling (unemployment, prices, energy intensity)

    @property
    def base_unit(self) -> tuple[str, ...]:
        """The base units this indicator's figures may have."""
        return tuple(sorted(FAMILIES.get(self.unit_family, set())))

    def admits(self, base_unit: str) -> bool:
        """Whether a figure in ``base_unit`` can measure this indicator."""
        return _unit_fits(base_unit, self.unit_family)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name_zh, *self.aliases)

    @property
    def growth(self) -> bool:
        return self.measure == "growth"


def _unit_fits(base_unit: str, family: str) -> bool:
    """A figure's base unit suits an indicator's unit family; a bare size word (万亿级, base
    ``number``) suits any amount; a rank suits the families ranks are filed under."""
    if base_unit == "rank":
        return family in ("rank", "count")
    if base_unit == "number":
        return family in ("money", "mass", "power", "energy", "count", "index")
    return base_unit in FAMILIES.get(family, ())


def _scope(whole: str) -> str:
    """'province' for a whole of the province (全省…), 'country' (全国…), else 'own'."""
    if whole.startswith(("全省", "山西", "我省")):
        return "province"
    if whole.startswith(("全国", "我国")):
        return "country"
    return "own"


def _bare(whole: str) -> str:
    bare = re.sub(r"^(?:全市|全省|全国|全县|全区|我市|我省|我国|山西省?|忻州市?)", "", whole)
    return "地区生产总值" if bare == "生产总值" else bare  # a region's 生产总值 is its GDP


@dataclass
class Vocabulary:
    indicators: list[Indicator]
    theme_cues: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self):
        self.by_id = {i.id: i for i in self.indicators}
        self.by_name: dict[str, list[Indicator]] = {}
        for ind in self.indicators:
            for n in ind.names:
                key = phrases.normalize(n)
                if ind not in self.by_name.setdefault(key, []):
                    self.by_name[key].append(ind)
        self.growth_of: dict[str, Indicator] = {
            i.growth_of: i for i in self.indicators if i.measure == "growth" and i.growth_of
        }
        self.theme_res = [
            (t, re.compile("|".join(map(re.escape, cues)))) for t, cues in self.theme_cues.items()
            if cues
        ]  # fmt: skip
        # any theme's cue: where it finds none, no theme's pattern does (a third of the
        # sentences asked, which then cost one search instead of one per theme)
        self._any_theme = re.compile(
            "|".join(re.escape(c) for cues in self.theme_cues.values() for c in cues or ())
        )
        # looked up once each: a phrase's indicators, a share indicator's wholes and parts
        self._named: dict[str, tuple[Indicator, ...]] = {}
        self._share_names: dict[Indicator, tuple[set[str], set[str]]] = {}
        # (and whether any of them asks for context words)
        self._candidates: dict[tuple, tuple[tuple[Indicator, ...], bool]] = {}

    # ------------------------------------------------------------------ looking up
    def named(self, phrase: str) -> list[Indicator]:
        """Indicators whose name or alias is exactly ``phrase`` (after normalizing)."""
        found = self._named.get(phrase)
        if found is None:
            found = self._named[phrase] = tuple(self._named_uncached(phrase))
        return list(found)

    def _named_uncached(self, phrase: str) -> list[Indicator]:
        p = phrases.normalize(phrase)
        found = self.by_name.get(p, [])
        if not found:
            # words that do not change what is measured (累计, 完成, 实现): drop one, then all
            fillers = [m.span() for m in phrases.INNER_FILLER.finditer(p)]
            variants = [p[:a] + p[b:] for a, b in fillers] + [phrases.INNER_FILLER.sub("", p)]
            # a size word after a name that is a level already (风电光电装机总规模). (A 的
            # between a name's words is not dropped: 重点监测景区的接待人数 would be right, but on
            # unseen texts 的 also joins a part to what it is part of, and dropping it misfiled
            # two figures of holdout2.)
            variants.append(_SIZE_TAIL.sub("", p))
            for q in dict.fromkeys(v for v in variants if v):
                if found := self.by_name.get(q, []):
                    break
        return list(found)

    def classify(
        self, m: phrases.Measured, base_unit: str, subset: str = "", sentence: str = ""
    ) -> Indicator | None:
        """The indicator a figure measures, or None (see the module docstring): the first of
        the figure's candidate phrases that names exactly one indicator of its measure (and
        whose ``context`` words, if it has any, the sentence holds)."""
        phrases_to_try = list(m.candidates or ((m.phrase,) if m.phrase else ()))
        if subset:
            key = phrases.subset_key(subset)
            phrases_to_try = [p if key in p else key + p for p in phrases_to_try] + phrases_to_try
        for phrase in dict.fromkeys(phrases_to_try):
            found = self._classify_phrase(phrase, m, base_unit, subset, sentence)
            if found is not None:
                return found
        return None

    def _classify_phrase(self, phrase, m, base_unit, subset, sentence="") -> Indicator | None:
        # what the phrase can name is looked up once per (phrase, measure, whole, unit, part);
        # only the context words are the sentence's own
        key = (phrase, m.measure, m.share_of, base_unit, subset)
        got = self._candidates.get(key)
        if got is None:
            found = tuple(self._candidates_of(phrase, m.measure, m.share_of, base_unit, subset))
            got = self._candidates[key] = (found, any(i.context for i in found))
        cands, contextual = got
        if contextual:
            cands = [i for i in cands if not i.context or any(w in sentence for w in i.context)]
        if len(cands) != 1:
            return None  # nothing named so, or ambiguous: never a guess
        return cands[0]

    def _candidates_of(self, phrase, measure, share_of, base_unit, subset) -> list[Indicator]:
        """The indicators ``phrase`` can name for a figure of ``measure`` in ``base_unit``
        (about ``subset``), before the sentence's context words are asked for."""
        if measure == "growth":
            cands = [i for i in self.named(phrase) if i.measure == "growth"]
            levels = [i for i in self.named(phrase) if i.measure != "growth"]
            if not cands and not levels and _SECTOR.search(phrase):
                # a sector grows by its value added (服务业增长10.9%, 规上工业增长15.9%); a
                # bare 工业 stays unclassified, as bare 工业增加值 is ambiguous
                levels = [i for i in self.named(phrase + "增加值") if i.measure != "growth"]
            cands += [self.growth_of[lv.id] for lv in levels if lv.id in self.growth_of]
        elif measure == "share":
            cands = self._shares(phrase, share_of)
        else:
            cands = [i for i in self.named(phrase) if measure in COMPATIBLE.get(i.measure, set())]
            if not cands and measure == "level" and base_unit in ("percent", "permille"):
                cands = [i for i in self.named(phrase) if i.measure in ("share", "rate")]
        cands = [i for i in dict.fromkeys(cands) if _unit_fits(base_unit, i.unit_family)
                 or (base_unit == "times" and i.measure == "growth")]  # 增长1.6倍  # fmt: skip
        if measure == "rank" or base_unit == "rank":
            cands = [i for i in cands if i.measure == "rank"]
        if subset:
            # a part of the place: only an indicator named for that part (五台山景区接待游客)
            key = phrases.subset_key(subset)
            cands = [i for i in cands if any(key in phrases.normalize(n) for n in i.names)]
        return cands

    def _shares(self, phrase: str, whole: str) -> list[Indicator]:
        # the share word was read off the phrase (空气质量优良天数比例达85% -> 空气质量优良天数)
        named = [*self.named(phrase), *(i for w in ("比例", "比重", "占比")
                                        for i in self.named(phrase + w))]  # fmt: skip
        direct = [i for i in dict.fromkeys(named) if i.measure in ("share", "rate")]
        if direct and not whole:
            return direct
        scope, bare = _scope(whole), _bare(whole)
        out = []
        for ind in self.indicators:
            if ind.measure != "share" or not ind.share_of:
                continue
            wholes, parts = self._share_names_of(ind)
            if not any(_scope(w) == scope and (not bare or _bare(w) == bare) for w in wholes):
                continue
            if phrases.normalize(phrase) in parts:
                out.append(ind)
        if not whole:
            out += direct
        return out

    def _share_names_of(self, ind: Indicator) -> tuple[set[str], set[str]]:
        """(wholes, parts) of a share indicator: the whole as share_of names it, or as one of
        its names spells it; the parts its names are shares of, as phrases are looked up."""
        got = self._share_names.get(ind)
        if got is None:
            wholes = {ind.share_of, *(m["whole"] for n in ind.names if (m := _SHARE_NAME.match(n)))}
            parts = {phrases.subject_stripped(_SHARE_NAME.match(n)["part"]) for n in ind.names
                     if _SHARE_NAME.match(n)}  # fmt: skip
            parts |= {phrases.subject_stripped(re.sub(r"占比$", "", n)) for n in ind.names}
            got = self._share_names[ind] = (wholes, parts)
        return got

    def guess_theme(self, sentence: str, start: int) -> str:
        """The theme whose cue ends nearest before ``start`` (each theme's last match of its
        cues in ``sentence[:start]``), the first theme on a tie; '' when none is named."""
        best, best_d = "", None
        if not self.theme_res or self._any_theme.search(sentence, 0, start) is None:
            return best
        for tid, rx in self.theme_res:
            last = None
            for m in rx.finditer(sentence, 0, start):  # (its cues are words: no lookaround)
                last = m
            if last is not None:
                d = start - last.end()
                if best_d is None or d < best_d:
                    best, best_d = tid, d
        return best


def compile_vocabulary(data) -> Vocabulary:
    """The indicators of a parsed indicators.yml."""
    data = data or {}
    inds = []
    for d in data.get("indicators") or []:
        inds.append(
            Indicator(
                id=d["id"],
                name_en=d["name_en"],
                name_zh=d["name_zh"],
                unit=str(d["unit"]),
                theme=d["theme"],
                measure=d.get("measure", "level"),
                unit_family=d.get("unit_family", ""),
                en_basis=d.get("en_basis", "descriptive"),
                growth_of=d.get("growth_of"),
                share_of=d.get("share_of"),
                aliases=tuple(d.get("aliases") or ()),
                not_=tuple(d.get("not") or ()),
                description=d.get("description", ""),
                stock=bool(d.get("stock", False)),
                context=tuple(d.get("context") or ()),
                better=d.get("better", "higher"),
            )
        )
    return Vocabulary(inds, data.get("theme_cues") or {})


def problems(data, theme_ids: set, where: str, lines: list[int]) -> list[Problem]:
    """What indicators.yml's schema cannot say: themes, growth_of and references that exist,
    names that are not also another indicator's name, traps that are not one's own name."""
    out: list[Problem] = []
    items = (data.get("indicators") or []) if isinstance(data, dict) else []
    refs = (
        {r.get("key") for r in (data.get("references") or []) if isinstance(r, dict)}
        if isinstance(data, dict)
        else set()
    )
    ids = {x.get("id") for x in items if isinstance(x, dict)}
    seen: set[str] = set()
    owner: dict[str, str] = {}
    for i, ind in enumerate(items):
        if not isinstance(ind, dict):
            continue
        row = lines[i] if i < len(lines) else None

        def bad(col: str, msg: str, row=row) -> None:
            out.append(Problem(where, row, col, msg))

        iid = ind.get("id")
        if iid in seen:
            bad("id", f"duplicate id {iid!r}")
        seen.add(iid)
        if ind.get("theme") not in theme_ids:
            bad("theme", f"unknown theme {ind.get('theme')!r} (not in themes.yml)")
        if ind.get("growth_of") and ind["growth_of"] not in ids:
            bad("growth_of", f"unknown indicator {ind['growth_of']!r}")
        if ind.get("measure") == "growth" and not ind.get("growth_of"):
            bad("growth_of", "a growth rate names the level it is the growth of")
        if ind.get("measure") == "share" and not ind.get("share_of"):
            bad("share_of", "a share names the whole it is a share of")
        basis = ind.get("en_basis")
        if basis and basis != "descriptive" and basis not in refs:
            bad("en_basis", f"{basis!r} is not a key of references: (or write descriptive)")
        if ind.get("unit_family") and ind["unit_family"] not in FAMILIES:
            bad("unit_family", f"unknown unit family {ind['unit_family']!r}")
        measure_names = {}
        for n in [ind.get("name_zh"), *(ind.get("aliases") or [])]:
            if not n:
                continue
            key = (phrases.normalize(n), ind.get("measure"))
            measure_names[key] = n
            if key in owner and owner[key] != iid:
                bad("aliases", f"{n!r} also names {owner[key]} with the same measure: one name, "
                    "one indicator")  # fmt: skip
            owner[key] = iid
        for n in ind.get("not") or []:
            if (phrases.normalize(n), ind.get("measure")) in measure_names:
                bad("not", f"{n!r} is both a name and a near miss of {iid}")
    for tid in (data.get("theme_cues") or {}) if isinstance(data, dict) else {}:
        if tid not in theme_ids:
            out.append(Problem(where, None, "theme_cues", f"unknown theme {tid!r}"))
    return out


__all__ = ["FAMILIES", "Indicator", "MEASURES", "UNITS", "Vocabulary", "compile_vocabulary"]
