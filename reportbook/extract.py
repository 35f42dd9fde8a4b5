"""Build the fact ledger: every figure in every registered source, with kind, period, indicator.

``extract_source(entry, text)`` turns one normalized text into ledger rows;
``extract_all(paths)`` does it for every source in ``sources.yml`` and returns the ledger
as a DataFrame sorted by (source_id, char_start); ``main(paths, out)`` writes it.

How each figure is read (rules, in order; the first that applies wins):

- **sentence** (the ``quote``): text split after 。！？；;!? and newlines, and before a
  ``——`` list item; **clause**: the sentence split at ，,：: ; **paragraph**: a line.
- **kind** (actual / target / forecast / plan) from cue words (``KIND_CUES``): the nearest cue
  before the figure in its clause, else one after it in the clause (confidence ``high``);
  else the nearest cue in an earlier clause of the sentence, else a cue later in the sentence,
  else the last cue of an earlier sentence in the same paragraph (so an unmarked list of
  growth rates after a target sentence is a list of targets), else ``actual`` (``low``).
- **period**, resolved against the source's year (``periods.find_cues``): a cue in the figure's
  clause, else the nearest in an earlier clause, else the last one in an earlier sentence of
  the paragraph, else the source's year. A figure inside a comparison (``与一季度(-4.2%)相比``)
  takes the comparison's period; that cue applies nowhere else, and ``比上年``/``较上年`` is
  never a period. Size classes (千万吨, 万亿级) and eventual scales (形成…规模) carry no period
  unless a cue gives one.
- **indicator** from ``data/indicators.yml`` (see ``indicators.Vocabulary.match``); a percent
  after 增长/增速/涨幅/下降 … is a growth rate; a figure inside a comparison inherits the
  indicator of the figure before it. No match: ``status = unclassified``, a best-guess theme,
  and the row is kept.

**Tables** (registry ``type: table``): a CSV of figures typed in by an analyst, read by
``read_table``; see ``TABLE_DOC`` for the format. Each row becomes one ledger row: the
``quote`` is the row's whole CSV line, ``span`` the value cell, offsets index the decoded CSV
text (the table's "normalized text"), and the figure id hashes source id, row, indicator and
period (``table_figure_id``).
"""

from __future__ import annotations

import bisect
import re

from reportbook import paths as project_paths
from reportbook import sources
from reportbook.errors import TableError
from reportbook.indicators import Vocabulary
from reportbook.periods import find_cues as find_period_cues
from reportbook.quantities import find_quantities
from reportbook.registry import load_indicators
from reportbook.schema import COLUMNS, figure_id  # noqa: F401 - re-exported
from reportbook.tables import read_table  # noqa: F401 - re-exported

SENTENCE_END = "。！？；;!?\n"
CLAUSE_RE = re.compile(r"[，,：:]")
SENT_RE = re.compile(r"[^。！？；;!?\n]*(?:[。！？；;!?]+[”’」』）)]*|\n|$)")

KIND_CUES = [
    ("forecast", r"预计|预测|有望|估计"),
    ("target", r"力争|争取|目标|确保|力求|打造|牵引形成|控制在|预期|要达到"),
    (
        "plan",
        r"计划|谋划|实施|拟|推进|加快建设|新建|开工建设|安排|意见|规划|方案|报告|重点工作",
    ),
    ("actual", r"完成|实现|截至|截止|同比|比上年|较上年|累计|已经|已达|已完成|达到了|共有"),
]
KIND_RE = re.compile("|".join(f"(?P<{k}>{p})" for k, p in KIND_CUES))

COMPARISON_RE = re.compile(r"[与和同较](?P<inner>[^，,。；;]{1,16}?)相比")
GROWTH_RE = re.compile(
    r"(?:增长|增速|增幅|涨幅|下降|回落|提高|上涨|增加|减少|降低|负增长|降幅)"
    r"[了为达到至约近超过突破(（]{0,3}$"
)


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
        cuts = [s]
        j = text.find("——", s + 1, e)
        while j != -1:
            if j > s and text[j - 1] != "—":
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
    return out


class _Sentence:
    __slots__ = ("start", "end", "text", "bounds", "kinds", "periods", "comparisons", "para")

    def __init__(self, text: str, start: int, end: int, para: int, year: int):
        self.start, self.end, self.para = start, end, para
        s = self.text = text[start:end]
        self.bounds = [m.start() for m in CLAUSE_RE.finditer(s)]
        self.kinds = [(m.start(), m.end(), m.lastgroup) for m in KIND_RE.finditer(s)]
        self.comparisons = [m.span() for m in COMPARISON_RE.finditer(s)]
        periods = []
        for c in find_period_cues(s, year):
            periods.append((c.start, c.end, c.period, self.comparison_at(c.start)))
        self.periods = periods

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

    def last_kind(self) -> str | None:
        return self.kinds[-1][2] if self.kinds else None

    def first_period(self) -> str | None:
        for _a, _b, p, comp in self.periods:
            if comp is None:
                return p
        return None

    def last_period(self) -> str | None:
        for _a, _b, p, comp in reversed(self.periods):
            if comp is None:
                return p
        return None


class _Previous:
    """The earlier sentences of the same paragraph (at most 20), built only when asked for."""

    def __init__(self, sentence, i: int, para: int, spans, nl):
        self._sentence, self._i, self._para = sentence, i, para
        self._spans, self._nl = spans, nl
        self._items: list[_Sentence] | None = None

    def __iter__(self):
        return iter(self._get())

    def __reversed__(self):
        return reversed(self._get())

    def _get(self) -> list[_Sentence]:
        if self._items is None:
            out = []
            j = self._i - 1
            while j >= 0 and len(out) < 20:
                # paragraph of sentence j, without building it
                if bisect.bisect_left(self._nl, self._spans[j][0]) != self._para:
                    break
                out.append(self._sentence(j))
                j -= 1
            out.reverse()
            self._items = out
        return self._items


def _kind(sent: _Sentence, fs: int, fe: int, prev, ca: int, cb: int) -> tuple[str, str]:
    before = [k for k in sent.kinds if ca <= k[0] and k[1] <= fs]
    if before:
        return before[-1][2], "high"
    after = [k for k in sent.kinds if fe <= k[0] < cb]
    if after:
        return after[0][2], "high"
    earlier = [k for k in sent.kinds if k[1] <= ca]
    if earlier:
        return earlier[-1][2], "low"
    later = [k for k in sent.kinds if k[0] >= cb]
    if later:
        return later[0][2], "low"
    own_period = sent.first_period()
    for p in reversed(prev):
        if own_period is not None and own_period != p.first_period():
            break  # the sentence opens a new period: a new topic, not the list above
        k = p.last_kind()
        if k:
            return k, "low"
    return "actual", "low"


def _period(
    sent: _Sentence,
    fs: int,
    fe: int,
    prev,
    year: int,
    scale_only: bool,
    kind: str,
    ca: int,
    cb: int,
) -> str | None:
    comp = sent.comparison_at(fs)
    if comp is not None:
        inside = [p for p in sent.periods if p[3] == comp]
        if inside:
            return inside[-1][2]
    own = [p for p in sent.periods if p[3] is None and ca <= p[0] < cb]
    if own:
        before = [p for p in own if p[1] <= fs]
        return (before[-1] if before else own[0])[2]
    earlier = [p for p in sent.periods if p[3] is None and p[1] <= ca]
    if earlier:
        return earlier[-1][2]
    if kind == "actual" or not sent.kinds:
        # a figure with its own target/plan/forecast cue does not take the period of the
        # sentences before it (截至7月底 …, 力争 … : the target has no period of its own)
        for p in reversed(prev):
            lp = p.last_period()
            if lp:
                return lp
    if scale_only:
        return None
    return str(year)


def _source_year(entry: dict) -> int:
    d = str(entry.get("date") or "")
    m = re.match(r"(\d{4})", d)
    if not m:
        raise ValueError(f"source {entry.get('id')!r} has no usable date: {d!r}")
    return int(m.group(1))


def extract_source(entry: dict, text: str, registry: Vocabulary | None = None) -> list[dict]:
    """Ledger rows (dicts with ``COLUMNS``) for one source's normalized text."""
    if registry is None:
        registry = load_indicators(project_paths.project())
    source_id = entry["id"]
    region = entry.get("region_en") or ""
    year = _source_year(entry)
    quantities = find_quantities(text)
    if not quantities:
        return []
    spans = split_sentences(text)
    starts = [s for s, _ in spans]
    # paragraph number of each sentence: count newlines before it
    nl = [m.start() for m in re.finditer("\n", text)]
    cache: dict[int, _Sentence] = {}

    def sentence(i: int) -> _Sentence:
        s = cache.get(i)
        if s is None:
            a, b = spans[i]
            s = cache[i] = _Sentence(text, a, b, bisect.bisect_left(nl, a), year)
        return s

    rows: list[dict] = []
    prev_fig: dict[int, list[tuple[str, str, bool, str | None]]] = {}
    for q in quantities:
        i = bisect.bisect_right(starts, q.start) - 1
        if i < 0 or q.end > spans[i][1]:
            # a figure across a sentence break cannot be quoted; skip the odd reading
            continue
        sent = sentence(i)
        prev = _Previous(sentence, i, sent.para, spans, nl)
        fs, fe = q.start - sent.start, q.end - sent.start
        ca, cb = sent.clause(fs)
        clause_before = sent.text[ca:fs]
        is_size = (
            not q.text[:1].isdigit()
            and q.value != "0"
            and q.unit.startswith(("万", "亿", "千", "百", "十"))
            and q.text[:1] in "万亿千百十"
        )
        scale_only = is_size or sent.text.find("规模", fe, cb) != -1
        kind, conf = _kind(sent, fs, fe, prev, ca, cb)
        if q.value == "0" and "破零" in q.text:
            kind = "actual" if "实现" in clause_before else "target"
            conf = "high"
        period = _period(sent, fs, fe, prev, year, scale_only, kind, ca, cb)
        growth = q.base_unit == "percent" and bool(GROWTH_RE.search(clause_before))
        comp = sent.comparison_at(fs)
        ind = None
        earlier_figs = prev_fig.get(i, [])
        if comp is not None:
            for base, iid, g, _p in reversed(earlier_figs):
                if base == q.base_unit and iid:
                    ind = registry.by_id.get(iid)
                    growth = g
                    break
        if ind is None:
            ind = registry.match(sent.text, fs, fe, q.base_unit, growth, ca, cb, sent.bounds)
        prev_fig.setdefault(i, []).append((q.base_unit, ind.id if ind else "", growth, period))
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
                "value": q.value,
                "value_high": q.value_high or "",
                "unit": q.unit,
                "value_base": q.value_base,
                "base_unit": q.base_unit,
                "qualifier": q.qualifier,
                "kind": kind,
                "kind_confidence": conf,
                "period": period or "",
                "quote": sent.text,
                "quote_start": sent.start,
                "char_start": q.start,
                "char_end": q.end,
                "span": q.text,
            }
        )
    return rows


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
            rows.extend(extract_source(entry, norm.text, registry))
    return rows
