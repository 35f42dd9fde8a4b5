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
- **period**, resolved against the source's date (``PERIOD_RE``): a cue in the figure's
  clause, else the nearest in an earlier clause, else the last one in an earlier sentence of
  the paragraph, else the source's year. A figure inside a comparison (``与一季度(-4.2%)相比``)
  takes the comparison's period; that cue applies nowhere else, and ``比上年``/``较上年`` is
  never a period. Size classes (千万吨, 万亿级) and eventual scales (形成…规模) carry no period
  unless a cue gives one.
- **indicator** from ``data/indicators.yml`` (see ``indicators.Registry.match``); a percent
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
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportbook.errors import TableError  # noqa: F401 - re-exported
from reportbook.indicators import Registry, load_indicators
from reportbook.quantities import SCALES, UNITS, find_quantities

COLUMNS = [
    "figure_id",
    "source_id",
    "region",
    "theme_id",
    "indicator_id",
    "status",
    "value",
    "value_high",
    "unit",
    "value_base",
    "base_unit",
    "qualifier",
    "kind",
    "kind_confidence",
    "period",
    "quote",
    "quote_start",
    "char_start",
    "char_end",
    "span",
]

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

_CN_MONTH = "一二三四五六七八九十"
PERIOD_RE = re.compile(
    r"(?=[上下前第一二三四五六七八九十0-9截去今本全年明])"  # cheap first-character test
    r"(?<![比较])"
    r"(?:"
    r"(?:(?P<hy>(?:19|20)\d{2})年)?(?P<half>上半年|下半年)"
    r"|(?:(?P<qy>(?:19|20)\d{2})年)?(?P<q3>前三季度)"
    r"|(?:(?P<qqy>(?:19|20)\d{2})年)?第?(?P<q>[一二三四1-4])季度"
    r"|(?:(?P<ry>(?:19|20)\d{2})年)?1(?:—|-|~|至|到)(?P<rm>\d{1,2})月(?:份)?"
    r"|截[至止]到?(?:(?P<dy>(?:19|20)\d{2})年)?(?P<dm>\d{1,2})月(?P<dd>\d{1,2})日"
    rf"|(?:(?P<my>(?:19|20)\d{{2}})年)?(?P<mm>\d{{1,2}}|[{_CN_MONTH}]{{1,2}})月(?:底|末)"
    r"|(?P<lastye>去年(?:年底|底|末|年末)|上年(?:末|底))"
    r"|(?P<yey>(?:19|20)\d{2})年(?:底|末)"
    r"|(?<![上去])(?P<ye>(?:今年|本年)?(?:年底|年末))"
    r"|(?P<this>今年|本年度|本年|全年|年度)"
    r"|(?P<last>去年|上年)"
    r"|(?P<next>明年)"
    r"|(?P<year>(?:19|20)\d{2})年(?!\d{1,2}月\d)"
    r")"
)
COMPARISON_RE = re.compile(r"[与和同较](?P<inner>[^，,。；;]{1,16}?)相比")
GROWTH_RE = re.compile(
    r"(?:增长|增速|增幅|涨幅|下降|回落|提高|上涨|增加|减少|降低|负增长|降幅)"
    r"[了为达到至约近超过突破(（]{0,3}$"
)
_MONTH_DAYS = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31}
_MONTH_DAYS.update({11: 30, 12: 31})


def _cn_month(s: str) -> int:
    if s.isdigit():
        return int(s)
    d = {c: i for i, c in enumerate(_CN_MONTH, 1)}
    if len(s) == 1:
        return d[s]
    if s[0] == "十":
        return 10 + d[s[1]]
    return d[s[0]]


def _last_day(year: int, month: int) -> int:
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 29
    return _MONTH_DAYS[month]


def resolve_period(m: re.Match, year: int) -> str | None:
    """One period cue, resolved against the source's year."""
    g = m.groupdict()
    if g["half"]:
        y = int(g["hy"] or year)
        return f"{y}-H1" if g["half"] == "上半年" else f"{y}-H2"
    if g["q3"]:
        return f"{int(g['qy'] or year)}-01/{int(g['qy'] or year)}-09"
    if g["q"]:
        q = "一二三四".find(g["q"]) + 1 if not g["q"].isdigit() else int(g["q"])
        return f"{int(g['qqy'] or year)}-Q{q}"
    if g["rm"]:
        y = int(g["ry"] or year)
        return f"{y}-01/{y}-{int(g['rm']):02d}"
    if g["dm"]:
        y = int(g["dy"] or year)
        return f"{y}-{int(g['dm']):02d}-{int(g['dd']):02d}"
    if g["mm"]:
        y = int(g["my"] or year)
        mo = _cn_month(g["mm"])
        if not 1 <= mo <= 12:
            return None
        return f"{y}-{mo:02d}-{_last_day(y, mo):02d}"
    if g["lastye"]:
        return f"{year - 1}-12-31"
    if g["yey"]:
        return f"{g['yey']}-12-31"
    if g["ye"]:
        return f"{year}-12-31"
    if g["this"]:
        return str(year)
    if g["last"]:
        return str(year - 1)
    if g["next"]:
        return str(year + 1)
    if g["year"]:
        return g["year"]
    return None


def figure_id(source_id: str, char_start: int, span: str) -> str:
    h = hashlib.sha1(f"{source_id}:{char_start}:{span}".encode()).hexdigest()
    return "f-" + h[:10]


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
        for m in PERIOD_RE.finditer(s):
            p = resolve_period(m, year)
            if p:
                comp = self.comparison_at(m.start())
                periods.append((m.start(), m.end(), p, comp))
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


def extract_source(entry: dict, text: str, registry: Registry | None = None) -> list[dict]:
    """Ledger rows (dicts with ``COLUMNS``) for one source's normalized text."""
    if registry is None:
        from reportbook import paths as _paths

        registry = load_indicators(_paths.project())
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


def extract_all(paths):
    """The ledger over every registered source, sorted by (source_id, char_start).

    A table source (``type: table``) contributes its rows as read by ``read_table``; a table
    with any problem stops the extraction with every problem listed."""
    import pandas as pd

    from reportbook import sources

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
    df = pd.DataFrame(rows, columns=COLUMNS)
    if len(df):
        df = df.sort_values(["source_id", "char_start", "char_end"], kind="mergesort")
    return df.reset_index(drop=True)


# --------------------------------------------------------------------------- tables

TABLE_REQUIRED = ("indicator_id", "value", "unit", "kind", "period")
TABLE_OPTIONAL = ("qualifier", "value_high", "quote", "note")
TABLE_COLUMNS = TABLE_REQUIRED + TABLE_OPTIONAL
TABLE_ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "gb18030")
TABLE_DOC = """\
A table of figures is a CSV file (extension .csv), UTF-8 with or without a BOM, or GBK. The
first line is the header; each later line is one figure (one record per line: cells may be
quoted but may not contain line breaks; blank lines are skipped). Row numbers in messages are
line numbers of the file, the header being row 1. Columns, in any order:
  indicator_id  required: an id from data/indicators.yml (gives the theme)
  value         required: the number as a plain decimal (676.5, -4.2; no separators, no unit)
  unit          required: the printed unit, scale word included (亿元, 万千瓦, %, 个百分点,
                万人); it must be a known unit whose base unit the indicator allows
  kind          required: actual, target, forecast or plan
  period        required: YYYY, YYYY-H1, YYYY-Q1, YYYY-MM-DD (a stock at a date) or
                YYYY-MM/YYYY-MM (months)
  qualifier     optional: eq (default), ge, gt, le, lt, approx or range
  value_high    optional: the upper end, exactly when qualifier is range
  quote         optional: the source line (a table caption or row label in Chinese)
  note          optional: free text
"""
_MONTH = r"(?:0[1-9]|1[0-2])"
TABLE_PERIOD_RE = re.compile(
    rf"^\d{{4}}(?:-H[12]|-Q[1-4]|-{_MONTH}-(?:0[1-9]|[12]\d|3[01])|-{_MONTH}/\d{{4}}-{_MONTH})?$"
)
TABLE_DECIMAL_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
TABLE_KINDS = ("actual", "target", "forecast", "plan")
TABLE_QUALIFIERS = ("eq", "ge", "gt", "le", "lt", "approx", "range")


def unit_base(unit: str) -> tuple[str, float] | None:
    """(base unit, factor) of a printed unit such as 亿元 or 万千瓦, or None when unknown.

    The same tables as extraction: an optional scale word (``quantities.SCALES``, longest
    first) and a unit of ``quantities.UNITS``; a scale word alone is a bare ``number``."""
    if not unit:
        return None
    if unit in UNITS:
        return UNITS[unit]
    for sc in sorted(SCALES, key=len, reverse=True):
        if unit.startswith(sc):
            rest = unit[len(sc) :]
            if not rest:
                return ("number", float(SCALES[sc]))
            if rest in UNITS:
                base, factor = UNITS[rest]
                return (base, SCALES[sc] * factor)
    return None


def table_figure_id(source_id: str, row: int, indicator_id: str, period: str) -> str:
    """A table row's id: 'f-' + sha1(source_id:row:indicator_id:period)[:10]."""
    h = hashlib.sha1(f"{source_id}:row{row}:{indicator_id}:{period}".encode()).hexdigest()
    return "f-" + h[:10]


def csv_cells(line: str) -> list[tuple[str, int, int]] | str:
    """The cells of one CSV line as (text, start, end): the offsets of the cell's content in
    ``line`` (inside the quotes of a quoted cell, surrounding blanks excluded); a string says
    what is wrong with the quoting."""
    cells: list[tuple[str, int, int]] = []
    i, n = 0, len(line)
    while True:
        j = i
        while j < n and line[j] in " \t":
            j += 1
        if j < n and line[j] == '"':
            k = j + 1
            parts = []
            while True:
                q = line.find('"', k)
                if q == -1:
                    return (
                        f"a quoted cell opened at character {j + 1} is not closed on this "
                        "line (cells may not hold line breaks)"
                    )
                parts.append(line[k:q])
                if q + 1 < n and line[q + 1] == '"':
                    parts.append('"')
                    k = q + 2
                    continue
                break
            text, start, end = "".join(parts), j + 1, q
            m = q + 1
            while m < n and line[m] in " \t":
                m += 1
            if m < n and line[m] != ",":
                return f"text after the closing quote at character {q + 1}"
            nxt = m
        else:
            c = line.find(",", i)
            nxt = n if c == -1 else c
            start, end = i, nxt
            while start < end and line[start] in " \t":
                start += 1
            while end > start and line[end - 1] in " \t":
                end -= 1
            text = line[start:end]
        cells.append((text, start, end))
        if nxt >= n:
            return cells
        i = nxt + 1


@dataclass
class Table:
    """What ``read_table`` found: ledger rows and every problem (row, column, message)."""

    file: str
    rows: list[dict] = field(default_factory=list)
    problems: list[tuple[int | None, str, str]] = field(default_factory=list)
    n_rows: int = 0

    def message(self) -> str:
        n = len(self.problems)
        lines = [
            f"{self.file}: {n} problem{'s' if n > 1 else ''} in the table of figures "
            "(rows are lines of the file, the header is row 1):"
        ]
        for row, col, msg in self.problems:
            where = "file" if row is None else f"row {row}"
            lines.append(f"  {where}" + (f" [{col}]" if col else "") + f": {msg}")
        lines.append("fix the table and try again (columns: see `reportbook ingest --help`)")
        return "\n".join(lines)


def read_table(text: str, file: str, registry: Registry, entry: dict | None = None) -> Table:
    """Validate a table of figures (the decoded CSV text) and build its ledger rows.

    Every problem is collected (``Table.problems``); rows are built only for good lines.
    ``entry`` is the registry entry (source id, region); without it rows get no ids."""
    t = Table(file)

    def bad(row, col, msg):
        t.problems.append((row, col, msg))

    if text.startswith("\ufeff"):
        text_off = 1
    else:
        text_off = 0
    lines = []  # (row number, offset of the line in text, line without its line break)
    pos = text_off
    for no, raw_line in enumerate(text[text_off:].split("\n"), 1):
        line = raw_line[:-1] if raw_line.endswith("\r") else raw_line
        lines.append((no, pos, line))
        pos += len(raw_line) + 1
    content = [(no, off, ln) for no, off, ln in lines if ln.strip()]
    if not content:
        bad(None, "", "the file holds no header and no rows; give a header line and figures")
        return t
    hno, _hoff, hline = content[0]
    hcells = csv_cells(hline)
    if isinstance(hcells, str):
        bad(hno, "", f"header: {hcells}")
        return t
    header = [c[0] for c in hcells]
    if hno != 1:
        bad(hno, "", "blank lines before the header; the header must be the first line")
    missing = [c for c in TABLE_REQUIRED if c not in header]
    unknown = [c for c in header if c not in TABLE_COLUMNS]
    dup = sorted({c for c in header if header.count(c) > 1})
    if missing:
        bad(
            hno,
            ",".join(missing),
            "header lacks required column(s) "
            + ", ".join(missing)
            + f"; the header names columns: required {', '.join(TABLE_REQUIRED)}; "
            f"optional {', '.join(TABLE_OPTIONAL)}",
        )
    if unknown:
        bad(
            hno,
            ",".join(unknown),
            f"unknown column(s) {', '.join(unknown)}; allowed: "
            f"{', '.join(TABLE_COLUMNS)} (ledger columns such as value_base or theme_id are "
            "computed, not typed)",
        )
    if dup:
        bad(hno, ",".join(dup), "column(s) named twice: " + ", ".join(dup))
    body = content[1:]
    if not body:
        bad(None, "", "the table has a header but no rows of figures; add one line per figure")
    if missing or unknown or dup:
        return t
    col = {name: i for i, name in enumerate(header)}
    seen: dict[tuple[str, str, str], int] = {}
    sid = entry["id"] if entry else ""
    region = (entry.get("region_en") or "") if entry else ""
    for no, off, line in body:
        t.n_rows += 1
        cells = csv_cells(line)
        if isinstance(cells, str):
            bad(no, "", cells + '; quote cells with "…" and double inner quotes')
            continue
        if len(cells) < len(header):
            absent = header[len(cells) :]
            bad(
                no,
                ",".join(absent),
                f"{len(cells)} cells, the header has {len(header)}: "
                f"missing {', '.join(absent)}; add the missing cells (empty for none)",
            )
            continue
        if len(cells) > len(header):
            bad(
                no,
                "",
                f"{len(cells)} cells, the header has {len(header)}; quote a cell "
                'holding a comma ("…, …") or remove the extra cells',
            )
            continue
        before = len(t.problems)
        cell = {name: cells[i] for name, i in col.items()}
        v = {name: c[0] for name, c in cell.items()}
        iid = v["indicator_id"]
        ind = registry.by_id.get(iid) if iid else None
        if not iid:
            bad(no, "indicator_id", "empty; give an indicator id from data/indicators.yml")
        elif ind is None:
            bad(
                no,
                "indicator_id",
                f"unknown indicator {iid!r}; use an id from "
                "data/indicators.yml (or add the indicator there first)",
            )
        value = v["value"]
        if not TABLE_DECIMAL_RE.match(value):
            bad(
                no,
                "value",
                f"{value!r} is not a number; write a plain decimal like 676.5 "
                "or -4.2 (no thousands separators, no unit: the unit has its own column)",
            )
        high = v.get("value_high", "")
        if high and not TABLE_DECIMAL_RE.match(high):
            bad(no, "value_high", f"{high!r} is not a number; write a plain decimal")
        qual = v.get("qualifier", "") or "eq"
        if qual not in TABLE_QUALIFIERS:
            bad(
                no,
                "qualifier",
                f"{qual!r} is not one of {', '.join(TABLE_QUALIFIERS)} (empty means eq)",
            )
        elif (qual == "range") != bool(high):
            bad(
                no,
                "value_high",
                "give value_high exactly when qualifier is range"
                + (" (value_high is empty)" if qual == "range" else f" (qualifier is {qual})"),
            )
        elif high and TABLE_DECIMAL_RE.match(value) and TABLE_DECIMAL_RE.match(high):
            if Decimal(high) < Decimal(value):
                bad(no, "value_high", f"{high} is below value {value}; give low then high")
        kind = v["kind"]
        if kind not in TABLE_KINDS:
            bad(no, "kind", f"{kind!r} is not one of {', '.join(TABLE_KINDS)}")
        period = v["period"]
        if not TABLE_PERIOD_RE.match(period):
            bad(
                no,
                "period",
                f"{period!r} is not a period; write YYYY, YYYY-H1, YYYY-Q1, "
                "YYYY-MM-DD (a stock at a date) or YYYY-MM/YYYY-MM (months), e.g. 2024",
            )
        unit = v["unit"]
        ub = unit_base(unit)
        if not unit:
            bad(no, "unit", "empty; give the printed unit (亿元, %, 万千瓦, 个 …)")
        elif ub is None:
            bad(
                no,
                "unit",
                f"unknown unit {unit!r}; use a unit of reportbook.quantities.UNITS "
                "with an optional scale word (亿元, 万千瓦, %, 个百分点, 万人 …)",
            )
        elif ind is not None and ub[0] not in ind.base_unit:
            bad(
                no,
                "unit",
                f"{unit!r} measures {ub[0]}, but indicator {iid} takes "
                f"{', '.join(ind.base_unit)} (as in {ind.unit}); fix the unit or the indicator",
            )
        if len(t.problems) == before:
            key = (iid, period, kind)
            if key in seen:
                bad(
                    no,
                    "period",
                    f"row {seen[key]} already gives {iid} ({kind}) for {period}; "
                    "one figure per indicator, kind and period in a table",
                )
            seen.setdefault(key, no)
        if len(t.problems) != before:
            continue
        _text, vs, ve = cell["value"]
        base, factor = ub
        vb = float(Decimal(value)) * factor
        t.rows.append(
            {
                "figure_id": table_figure_id(sid, no, iid, period),
                "source_id": sid,
                "region": region,
                "theme_id": ind.theme,
                "indicator_id": iid,
                "status": "classified",
                "value": value,
                "value_high": high,
                "unit": unit,
                "value_base": vb,
                "base_unit": base,
                "qualifier": qual,
                "kind": kind,
                "kind_confidence": "high",
                "period": period,
                "quote": line,
                "quote_start": off,
                "char_start": off + vs,
                "char_end": off + ve,
                "span": value,
            }
        )
    return t


def main(paths, out: Path | None = None) -> int:
    """``reportbook extract [--out PATH]``: write the ledger and its datapackage.json."""
    from reportbook import ledger

    df = extract_all(paths)
    target = Path(out) if out else Path(paths.figures_csv)
    ledger.write(df, target)
    dp_path = (
        Path(paths.datapackage_json)
        if target.resolve() == Path(paths.figures_csv).resolve()
        else target.with_name("datapackage.json")
    )
    ledger.write_datapackage(paths, dp_path, csv_name=target.name)
    by_source = Counter(df["source_id"])
    by_theme = Counter(t or "(none)" for t in df["theme_id"])
    unclassified = int((df["status"] == "unclassified").sum())
    print(f"wrote {len(df)} figures to {target.name} (+ {dp_path.name})")
    for sid, n in sorted(by_source.items()):
        print(f"  {sid}: {n}")
    print("by theme: " + ", ".join(f"{t} {n}" for t, n in sorted(by_theme.items())))
    print(f"unclassified: {unclassified}")
    return 0
