"""The indicator and theme registries (``data/indicators.yml``, ``data/themes.yml``).

An indicator gives a measured thing a stable id, names, a display unit, a theme and the cue
words that recognise it in a sentence. ``Registry.match`` picks the indicator for one figure:

- only indicators whose ``base_unit`` list holds the figure's base unit are candidates, and a
  growth figure (a percent after 增长/增速/涨幅/下降 …) only matches ``growth: true`` ones;
- a growth indicator with ``growth_of: X`` also answers to X's cues, so any level indicator
  with a ``X_growth`` sibling generalises to its rate of change;
- each candidate's cues are searched in the figure's sentence; a cue before the figure scores
  its distance in characters plus a penalty per clause boundary crossed, a cue after the figure
  counts only inside the figure's clause (``14个重点产业链项目``); ``context`` regexes must also
  occur in the sentence up to the end of the figure's clause; ``exclude`` regexes veto;
- the lowest score wins; ties go to the longer cue and context match (more specific).

A figure that no indicator matches gets a best-guess theme from ``theme_cues``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportbook.errors import Problem
from reportbook.units import UNITS

MAX_DISTANCE = 60
BOUNDARY_PENALTY = 8
AFTER_PENALTY = 3

REQUIRED_FIELDS = ("id", "name_en", "name_zh", "unit", "theme", "base_unit", "cues", "description")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass
class Indicator:
    id: str
    name_en: str
    name_zh: str
    unit: str
    theme: str
    base_unit: tuple[str, ...]
    cues: tuple[str, ...]
    description: str
    growth: bool = False
    growth_of: str | None = None
    context: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    cue_re: re.Pattern | None = field(default=None, repr=False)
    cue_first: frozenset | None = field(default=None, repr=False)
    context_first: frozenset | None = field(default=None, repr=False)
    context_re: re.Pattern | None = field(default=None, repr=False)
    exclude_re: re.Pattern | None = field(default=None, repr=False)


def _first_chars(patterns) -> frozenset[str] | None:
    """The characters every match must start with, when each pattern opens with a literal
    character (a cheap pre-test: no such character near the figure, no match)."""
    firsts = set()
    for p in patterns:
        if not p or p[0] in "\\^$.[](){}|?*+":
            return None
        firsts.add(p[0])
    return frozenset(firsts) if firsts else None


def _compile(patterns) -> re.Pattern | None:
    pats = [p for p in patterns if p]
    if not pats:
        return None
    return re.compile("|".join(f"(?:{p})" for p in pats))


def problems(data, theme_ids: set, where: str, lines: list[int]) -> list[Problem]:
    """What indicators.yml's schema cannot say: themes and growth_of that exist, known base
    units, cue regexes that compile, something to match by. ``lines``: each entry's line."""
    out: list[Problem] = []
    base_units = {b for b, _ in UNITS.values()} | {"number", "count"}
    items = data.get("indicators") or [] if isinstance(data, dict) else []
    ids = {x.get("id") for x in items if isinstance(x, dict)}
    seen: set[str] = set()
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
        for b in ind.get("base_unit") or []:
            if b not in base_units:
                bad("base_unit", f"unknown base unit {b!r}")
        if ind.get("growth_of") and ind["growth_of"] not in ids:
            bad("growth_of", f"unknown indicator {ind['growth_of']!r}")
        for col in ("cues", "context", "exclude"):
            for pat in ind.get(col) or []:
                try:
                    re.compile(pat)
                except re.error as exc:
                    bad(
                        col,
                        f"bad regular expression {pat!r}: {exc}; fix it (a literal "
                        "word needs no escaping)",
                    )
        if not (ind.get("cues") or ind.get("growth_of")):
            bad("cues", "no cues and no growth_of: nothing would ever match it")
    for tid in (data.get("theme_cues") or {}) if isinstance(data, dict) else {}:
        if tid not in theme_ids:
            out.append(Problem(where, None, "theme_cues", f"unknown theme {tid!r}"))
    return out


class Vocabulary:
    def __init__(self, indicators: list[Indicator], theme_cues: dict[str, list[str]]):
        self.indicators = indicators
        self.by_id = {i.id: i for i in indicators}
        for ind in indicators:
            cues = list(ind.cues)
            if ind.growth_of and ind.growth_of in self.by_id:
                cues += list(self.by_id[ind.growth_of].cues)
            ind.cue_re = _compile(cues)
            ind.cue_first = _first_chars(cues)
            ind.context_re = _compile(ind.context)
            ind.context_first = _first_chars(ind.context)
            ind.exclude_re = _compile(ind.exclude)
        self.by_base: dict[tuple[str, bool], list[Indicator]] = {}
        for ind in indicators:
            for b in ind.base_unit:
                self.by_base.setdefault((b, ind.growth), []).append(ind)
        self.theme_res = [(t, _compile(c)) for t, c in theme_cues.items() if c]

    def match(
        self,
        sentence: str,
        start: int,
        end: int,
        base_unit: str,
        growth: bool,
        clause_start: int,
        clause_end: int,
        bounds: list[int],
    ) -> Indicator | None:
        """The indicator for the figure at ``sentence[start:end]``, or None."""
        cands = self.by_base.get((base_unit, growth), ())
        best = None
        best_key = None
        window = max(0, start - MAX_DISTANCE - 20)
        near = set(sentence[window:clause_end])
        upto = None
        for ind in cands:
            if ind.cue_first is not None and ind.cue_first.isdisjoint(near):
                continue
            if ind.context_first is not None:
                if upto is None:
                    upto = set(sentence[:clause_end])
                if ind.context_first.isdisjoint(upto):
                    continue
            if ind.exclude_re is not None and ind.exclude_re.search(
                sentence, clause_start, clause_end
            ):
                continue
            ctx_len = 0
            ctx_dist = 0
            if ind.context_re is not None:
                hits = list(ind.context_re.finditer(sentence, 0, clause_end))
                if not hits:
                    continue
                h = hits[-1]
                ctx_len = h.end() - h.start()
                ctx_dist = max(0, start - h.end())
            d_best = None
            cue_len = 0
            for h in ind.cue_re.finditer(sentence, window, clause_end) if ind.cue_re else ():
                hs, he = h.span()
                if he <= start:
                    crossed = sum(1 for b in bounds if he <= b < start)
                    d = start - he + BOUNDARY_PENALTY * crossed
                elif hs >= end:
                    d = hs - end + AFTER_PENALTY
                elif hs >= start:
                    d = 0  # the cue begins inside the figure's unit (5大方面, 39项重点)
                else:
                    continue
                if d_best is None or d < d_best or (d == d_best and he - hs > cue_len):
                    d_best, cue_len = d, he - hs
            if d_best is None or d_best > MAX_DISTANCE:
                continue
            key = (d_best, ctx_dist, -(cue_len + ctx_len))
            if best_key is None or key < best_key:
                best, best_key = ind, key
        return best

    def guess_theme(self, sentence: str, start: int) -> str:
        best, best_d = "", None
        before = sentence[:start]
        for tid, rx in self.theme_res:
            hits = list(rx.finditer(before))
            if hits:
                d = start - hits[-1].end()
                if best_d is None or d < best_d:
                    best, best_d = tid, d
        return best


def compile_vocabulary(data) -> Vocabulary:
    """The indicators of a parsed indicators.yml, compiled for matching."""
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
                base_unit=tuple(d.get("base_unit") or ()),
                cues=tuple(d.get("cues") or ()),
                description=d.get("description", ""),
                growth=bool(d.get("growth", False)),
                growth_of=d.get("growth_of"),
                context=tuple(d.get("context") or ()),
                exclude=tuple(d.get("exclude") or ()),
            )
        )
    return Vocabulary(inds, data.get("theme_cues") or {})


Registry = Vocabulary  # the name earlier code and tests use
