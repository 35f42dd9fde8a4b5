"""Wording: how a figure is said in the book — one place for every phrase built from data.

A figure is a ledger row (a ``dict``, a ``pandas.Series`` or a row tuple, as ``ledger.read``
gives it). From it:

- ``printed(row)``: the figure as the source prints it (``676.5亿元``, ``4–5条``);
- ``value_display(row)``: printed, with an English gloss of its size rounded to three
  significant figures (``676.5亿元 (67.7 billion yuan)``) — for tables and chart labels;
- ``qualified(row)``: with its qualifier in words or signs (``at least 5%``; ``≥ 5%`` with
  ``sign=True``, for chart marks);
- ``english(row)``: the figure for running prose: counting words become plain numbers (14个 →
  14), percentage points are said as such, other units keep the printed form beside their gloss;
- ``predicate(row, subject)``: a verb phrase whose verb follows the figure's kind, measure and
  sign, agreeing with its subject (``grew by **5.2%** in 2024``, ``are targeted to reach
  **150**``, ``is to be kept at or below **5.5%**``);
- ``subject(indicator, vocabulary)``: what a predicate is said of: the indicator's English name,
  or for a growth rate the name of what grows (GDP *grew*, not GDP growth *grew*);
- ``figure_link(figure_id, text)``: the link to the figure's sentence in the sources appendix,
  the only place that address is built.

Every piece of source text that reaches HTML is escaped here. The grammar is tested over the
whole vocabulary in every kind, sign and qualifier (``tests/test_wording.py``).
"""

from __future__ import annotations

import html
import math
import re
from decimal import ROUND_HALF_UP, Decimal

from reportbook import addresses, periods, units

QUALIFIER_WORDS = {
    "eq": "",
    "ge": "at least ",
    "gt": "more than ",
    "le": "at most ",
    "lt": "less than ",
    "approx": "about ",
    "range": "",
}
QUALIFIER_SIGNS = {"ge": "≥ ", "gt": "> ", "le": "≤ ", "lt": "< ", "approx": "≈ "}
KIND_WORDS = {"actual": "achieved", "target": "target", "forecast": "forecast", "plan": "plan"}
SOURCES_PAGE = "sources.html"
INDEX_UNIT = "上年=100"  # a price index's printed basis
SIGNIFICANT = 3  # English glosses are rounded to this many significant figures
# measures said as a rate of change (the verb carries the sign) and as a position
CHANGES = {"growth", "change"}
PERCENT_POINTS = {"percentage_point": ("percentage point", "percentage points"),
                  "permille_point": ("per mille point", "per mille points")}  # fmt: skip
ZERO_CUES = re.compile(r"破零|零[“”\"'‘’]?的?突破")
AVERAGE_CUES = re.compile(r"年均|年平均|平均每年|平均增长")
# words after which a noun phrase's head has ended (Participants *in* …)
_PREPOSITIONS = set(
    "of in on for with at by per from to among above below under as into over than".split()
)
_PLURAL_NOUNS = {"sheep", "people", "cattle", "data", "statistics", "police", "livestock"}


def _get(row, key, default=None):
    if hasattr(row, "_asdict"):
        row = row._asdict()
    try:
        v = row[key]
    except (KeyError, IndexError, TypeError):
        return default
    return default if _missing(v) else v


def _missing(v) -> bool:
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v))


def number(x) -> str:
    """A number as printed in the sources: no float noise, no thousands separators."""
    if _missing(x):
        return ""
    s = f"{float(x):.6f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def rounded(x, digits: int = SIGNIFICANT) -> str:
    """``x`` to ``digits`` significant figures, without exponent or float noise: 17.1375 →
    17.1; 67.65 → 67.7; 305 → 305; 1234 → 1230."""
    if _missing(x):
        return ""
    d = Decimal(number(x))  # the number as printed, so halves round up as a reader expects
    if d == 0:
        return "0"
    exp = d.adjusted() - digits + 1
    return number(d.quantize(Decimal(1).scaleb(exp), rounding=ROUND_HALF_UP))


def _value(row, key: str = "value") -> float | None:
    v = _get(row, f"{key}_num")
    if v is None:
        v = _get(row, key)
    try:
        return None if v is None else float(v)
    except (TypeError, ValueError):
        return None


def kind_word(kind: str) -> str:
    return KIND_WORDS[kind]


def period_phrase(period, kind: str = "actual") -> str:
    """'2023-H1' -> 'in the first half of 2023'; '' -> ''; an unreadable period as is."""
    if _missing(period):
        return ""
    p = periods.try_parse(str(period))
    return p.phrase(kind) if p else f"({html.escape(str(period))})"  # it ends up in HTML


def period_label(period) -> str:
    """A short English label of a period for a table cell or an axis: 'H1 2023'."""
    if _missing(period):
        return "—"
    p = periods.try_parse(str(period))
    return p.label() if p else str(period)


def gloss(value_base, base_unit: str, value_high_base=None) -> str:
    """An English rendering of a scaled base value, to three significant figures:
    '67.7 billion yuan', '17.1 GW', '250 thousand people'; a range as '8–10 billion yuan'."""
    if _missing(value_base) or base_unit not in units.GLOSS:
        return ""
    v = abs(float(value_base))
    entries = units.GLOSS[base_unit]
    for i, (div, word) in enumerate(entries):
        if v >= div or (i == len(entries) - 1 and div == 1):
            say = number if div == 1 else rounded  # below a thousand, the number as it is
            lo = say(float(value_base) / div)
            if value_high_base is not None and not _missing(value_high_base):
                return f"{lo}–{say(float(value_high_base) / div)} {word}".strip()
            return f"{lo} {word}".strip()
    return ""


def unit_word(base_unit: str) -> str:
    """The English word of a base unit ('tonnes', 'km'), or '' when it has none."""
    entries = units.GLOSS.get(base_unit, [])
    return next((w for d, w in entries if d == 1), "")


def _high_base(row) -> float | None:
    """The base value of a range's upper end (value_high in the printed unit)."""
    hi, lo, base = _value(row, "value_high"), _value(row), _get(row, "value_base")
    if hi is None or lo in (None, 0) or _missing(base):
        return None
    return float(base) * hi / lo


def printed(row) -> str:
    """The figure as printed in the source: number, range and unit."""
    unit = _get(row, "unit", "") or ""
    v = number(_value(row))
    if _get(row, "qualifier") == "range" and _value(row, "value_high") is not None:
        v = f"{v}–{number(_value(row, 'value_high'))}"
    return f"{v}{unit}"


def value_display(row) -> str:
    """The figure as printed in the source, with an English gloss of its size."""
    unit = _get(row, "unit", "") or ""
    base = _get(row, "base_unit", "")
    high = _high_base(row) if _get(row, "qualifier") == "range" else None
    g = gloss(_get(row, "value_base"), base, high)
    if base in PERCENT_POINTS or unit in ("%", "％", "‰"):
        return _points(row) if base in PERCENT_POINTS else printed(row)
    return f"{printed(row)} ({g})" if g and g != printed(row) else printed(row)


def _points(row, magnitude: bool = False) -> str:
    """13.1 percentage points; 1 percentage point."""
    v = _value(row)
    if v is None:
        return printed(row)
    one, many = PERCENT_POINTS[_get(row, "base_unit")]
    shown = abs(v) if magnitude else v
    return f"{number(shown)} {one if abs(v) == 1 else many}"


def qualified(row, sign: bool = False) -> str:
    """The figure with its qualifier: 'at least 5%' (or '≥ 5%' with ``sign``)."""
    words = QUALIFIER_SIGNS if sign else QUALIFIER_WORDS
    if _get(row, "qualifier") == "gt" and _value(row) == 0:
        return "> 0 (破零)" if sign else "above zero (破零, a first)"
    return words.get(str(_get(row, "qualifier", "eq")), "") + value_display(row)


def english(row, magnitude: bool = False) -> str:
    """The figure for English prose (``magnitude``: without its sign, when the verb says it):
    14个 → 14; 30.5万户 → 30.5万 (305 thousand); 13.1个百分点 → 13.1 percentage points;
    676.5亿元 → 676.5亿元 (67.7 billion yuan); 5% → 5%."""
    base = _get(row, "base_unit", "") or ""
    unit = _get(row, "unit", "") or ""
    lo, hi = _value(row), _value(row, "value_high")
    if lo is None:
        return printed(row)
    if magnitude:
        lo, hi = abs(lo), (abs(hi) if hi is not None else None)
    num = number(lo)
    if _get(row, "qualifier") == "range" and hi is not None:
        num = f"{num}–{number(hi)}"
    if base in PERCENT_POINTS:
        one, many = PERCENT_POINTS[base]
        return f"{num} {one if num == '1' else many}"
    if base == "rank":
        return _ordinal(lo) if hi is None else num
    scale, rest = units.split_unit(unit)
    if base == "count":
        if not scale or lo == 0:
            return num
        g = gloss(abs(float(_get(row, "value_base"))) if magnitude else _get(row, "value_base"),
                  "count", _high_base(row))  # fmt: skip
        return f"{num}{scale} ({g})" if g else f"{num}{scale}"
    if base == "times":
        return f"{num} times"
    if unit == INDEX_UNIT:
        return f"{num} (previous year = 100)"
    if unit in ("%", "％"):
        return f"{num}%"
    if unit in ("‰",):
        return f"{num}‰"
    if unit == "成":
        return f"{number(lo * 10)}%"  # 六成: six tenths
    if lo == 0 and hi is None:
        return f"0 {unit_word(base)}".strip()  # 0亿元 is 0 yuan, whatever the scale
    ub = units.unit_base(unit)
    if not scale and ub is not None and ub[1] == 1.0 and unit_word(base):
        return f"{num} {unit_word(base)}"  # 1500吨 → 1500 tonnes: the same number, in English
    shown = f"{num}{unit}"
    vb = _get(row, "value_base")
    if vb is not None and magnitude:
        vb = abs(float(vb))
    high = _high_base(row) if _get(row, "qualifier") == "range" else None
    g = gloss(vb, base, abs(high) if (high is not None and magnitude) else high)
    return f"{shown} ({g})" if g and g != shown else shown


def _ordinal(n: float) -> str:
    i = int(n)
    if i != n:
        return number(n)
    suffix = "th" if 10 <= i % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(i % 10, "th")
    return f"{i}{suffix}"


def figure_href(figure_id: str) -> str:
    """Where a figure's sentence is shown, relative to any chapter page: the page of its
    source in the sources appendix (``reportbook.addresses``; ``reportbook.appendix`` makes
    the pages), once a ledger holding the figure has been read; the index before that."""
    source = addresses.source_of(figure_id)
    if source is None:
        return f"{addresses.base()}{SOURCES_PAGE}#{figure_id}"
    return f"{addresses.base()}{addresses.source_doc(source)}.html#{figure_id}"


def source_href(source_id: str) -> str:
    """Where a source is shown, relative to any chapter page: its own page in the sources
    appendix (metadata, quality report, every figure in its sentence)."""
    return f"{addresses.base()}{addresses.source_doc(source_id)}.html"


def source_link(source_id: str, title: str) -> str:
    """A link to a source's entry, its (source-given, so escaped) title as the text."""
    href = html.escape(source_href(source_id))
    return f'<a class="rb-src" href="{href}">{html.escape(str(title))}</a>'


INFERRED = "Its kind (result, target, forecast or plan) is inferred from the context."


def figure_link(figure_id: str, text_html: str, quote: str | None = None,
                inferred: bool = False, note: str = INFERRED) -> str:  # fmt: skip
    """A link to the figure's sentence; ``text_html`` is already escaped, ``quote`` is not.
    ``inferred``: the figure's kind was inferred with low confidence — the link is marked
    (dotted, and its tooltip says so, in ``note``: the Chinese edition says it in Chinese)."""
    tip = str(quote or "")
    if inferred:
        tip = f"{tip}\n{note}" if tip else note
    title = f' title="{html.escape(tip)}"' if tip else ""
    cls = "rb-fig rb-inferred" if inferred else "rb-fig"
    href = html.escape(figure_href(figure_id))
    return f'<a class="{cls}" href="{href}"{title}>{text_html}</a>'


# ------------------------------------------------------------------ predicates and subjects


def plural(name: str) -> bool:
    """Whether an English noun phrase is plural, by its head noun: the last word before a
    preposition, or before a participle that follows a plural noun ('Participants in …' and
    'Hogs slaughtered' are plural; 'Number of …', 'Gross domestic product' and 'Newly started
    projects' are what their head says). Brackets are set aside."""
    words = re.findall(r"[A-Za-z0-9'’-]+", re.sub(r"\([^)]*\)", " ", name))
    head = ""
    for i, w in enumerate(words):
        lw = w.lower()
        if i and lw in _PREPOSITIONS:
            break
        if i and lw.endswith(("ed", "ing")) and head.lower().endswith("s"):
            break
        head = w
    h = head.lower().strip("'’")
    if h in _PLURAL_NOUNS:
        return True
    if h.endswith(("ss", "us", "is", "ics")) or len(h) < 3:
        return False
    return h.endswith("s")


def averaged(row) -> bool:
    """Whether a figure over several years is a yearly average (年均增长): its clause says so."""
    p = periods.try_parse(str(_get(row, "period", "")))
    if p is None or p.grain != "years":
        return False
    quote = str(_get(row, "quote", ""))
    at = int(_get(row, "char_start", 0) or 0) - int(_get(row, "quote_start", 0) or 0)
    before = quote[:at] if 0 < at <= len(quote) else quote
    clause = re.split(r"[，。；;,]", before)[-1] if before else ""
    return bool(AVERAGE_CUES.search(clause or before))


def _low(row) -> bool:
    return _get(row, "kind_confidence", "") == "low"


def _measure(row, measure: str | None) -> str:
    if measure:
        return measure
    m = _get(row, "measure", "") or ""
    if m:
        return m
    return "change" if _get(row, "base_unit") in PERCENT_POINTS else "level"


MD_BOLD, HTML_BOLD = ("**", "**"), ("<strong>", "</strong>")


def predicate(row, subject_plural: bool = False, measure: str | None = None,
              link: bool = True, when: bool = True, bold=MD_BOLD,
              rise: bool = False) -> str:  # fmt: skip
    """A verb phrase for the figure, agreeing with a subject that is plural or not.

    Results take the past (grew by, fell by, reached, numbered, stood at); targets, forecasts
    and plans say what is to come (is targeted to grow by at least, are expected to reach, is
    to be kept at or below). A rate of change carries its sign in the verb, so its figure is
    shown without it. A multi-year average growth says 'a year on average'."""
    kind = _get(row, "kind", "actual")
    m = _measure(row, measure)
    q = str(_get(row, "qualifier", "eq"))
    v = _value(row) or 0.0
    change = m in CHANGES
    points = m == "change" or _get(row, "base_unit") in PERCENT_POINTS
    rise = "rise" if rise or points else "grow"  # prices and percentage points rise
    shown = english(row, magnitude=change)
    qual = QUALIFIER_WORDS.get(q, "")
    what = html.escape(shown)
    if link:
        what = figure_link(_get(row, "figure_id"), what, _get(row, "quote", ""), _low(row))
    what = f"{bold[0]}{what}{bold[1]}"
    be = "are" if subject_plural else "is"
    zero_first = q == "gt" and v == 0  # 破零: the first one
    if zero_first:
        found = ZERO_CUES.search(str(_get(row, "quote", "")))
        cue = re.sub(r"[“”\"'‘’]", "", found.group(0)) if found else "0"
        what = html.escape(cue)
        if link:
            what = figure_link(_get(row, "figure_id"), what, _get(row, "quote", ""), _low(row))
        what = f"{bold[0]}{what}{bold[1]}"
    if kind == "actual":
        if change:
            if v > 0 or (v == 0 and q in ("gt", "ge")):
                verb = "rose" if rise == "rise" else "grew"
            elif v < 0:
                verb = "fell"
            else:
                verb = None
            phrase = f"{verb} by {qual}{what}" if verb else f"was unchanged ({what})"
        elif zero_first:
            phrase = f"broke zero ({what}, a first)"
        elif m == "rank":
            phrase = f"ranked {qual.replace('at most ', 'within the top ')}{what}"
        elif q == "gt":
            phrase = f"exceeded {what}"
        elif q == "le":
            phrase = f"did not exceed {what}"
        elif q == "lt":
            phrase = f"stayed below {what}"
        elif q == "ge":
            phrase = f"reached at least {what}"
        elif m in ("share", "rate", "index", "change"):
            phrase = f"stood at {qual}{what}"
        elif m == "count" and subject_plural:
            phrase = f"numbered {qual}{what}"
        else:
            phrase = f"reached {qual}{what}"
    else:
        aux = {"target": "targeted", "forecast": "expected", "plan": "planned"}[kind]
        if zero_first:
            phrase = f"{be} {aux} to break zero ({what}, a first)"
        elif change and v < 0 and q not in ("le", "lt"):
            verb = "fall" if q in ("eq", "approx", "range", "ge", "gt") else rise
            phrase = f"{be} {aux} to {verb} by {qual}{what}"
        elif change:
            phrase = f"{be} {aux} to {rise} by {qual}{what}"
        elif q in ("le", "lt") and kind == "target":
            bound = "at or below" if q == "le" else "below"
            phrase = f"{be} to be kept {bound} {what}"
        elif m == "rank":
            phrase = f"{be} {aux} to rank {qual.replace('at most ', 'within the top ')}{what}"
        elif m == "count" and subject_plural:
            phrase = f"{be} {aux} to number {qual}{what}"
        else:
            phrase = f"{be} {aux} to reach {qual}{what}"
    if change and averaged(row):
        phrase += " a year on average"
    if when:
        w = period_phrase(_get(row, "period"), kind)
        phrase += f" {w}" if w else ""
    return phrase


def subject(indicator, vocabulary=None) -> tuple[str, bool]:
    """(English subject, plural) for predicates about ``indicator`` (an ``Indicator`` or an
    id): a growth rate is said of what grows; anything else of the indicator's own name."""
    by_id = getattr(vocabulary, "by_id", {}) if vocabulary is not None else {}
    ind = by_id.get(indicator) if isinstance(indicator, str) else indicator
    if ind is None:
        name = str(indicator).replace("_", " ")
        return name[:1].upper() + name[1:], False
    name = ind.name_en
    if ind.measure == "growth" and ind.growth_of and ind.growth_of in by_id:
        name = by_id[ind.growth_of].name_en
    return name, plural(name)


def say(row, vocabulary=None, link: bool = True, when: bool = True, bold=MD_BOLD) -> str:
    """``row``'s predicate as its indicator's subject takes it (see ``subject``): plural or
    not, the indicator's measure, and 'rise' for prices (the growth of an index)."""
    iid = _get(row, "indicator_id", "") or ""
    by_id = getattr(vocabulary, "by_id", {}) if vocabulary is not None else {}
    ind = by_id.get(iid)
    of = by_id.get(ind.growth_of) if ind is not None and ind.growth_of else None
    return predicate(row, subject(iid, vocabulary)[1] if iid else False,
                     ind.measure if ind is not None else None, link=link, when=when, bold=bold,
                     rise=of is not None and of.measure == "index")  # fmt: skip


def statement(row, link: bool = True, subject_plural: bool = False) -> str:
    """The predicate of ``row`` with its period — the glued form of a figure in prose."""
    return predicate(row, subject_plural, link=link)


def short(row, link: bool = True, tag: bool = True, bold=MD_BOLD) -> str:
    """Just the figure, for lists in running prose: '**14**'. A figure that is not a result
    says what it is (``tag``), so a target can never read as an achievement; prose that names
    the kind itself passes ``tag=False``."""
    if row is None:
        return "(not reported)"
    q = QUALIFIER_WORDS.get(str(_get(row, "qualifier", "eq")), "")
    what = html.escape(q + english(row))
    if link:
        what = figure_link(_get(row, "figure_id"), what, _get(row, "quote", ""), _low(row))
    kind = _get(row, "kind")
    shown = "" if kind == "actual" or not tag else f" ({kind_word(kind)})"
    return f"{bold[0]}{what}{bold[1]}{shown}"


def lower_first(name: str) -> str:
    """A name inside a sentence: 'Gross domestic product' → 'gross domestic product'; an
    acronym or a capitalised proper name stays ('GDP', 'Xinzhou's share')."""
    first = name.split(" ", 1)[0]
    if first.isupper() or (first[:1].isupper() and first[1:2].isupper()):
        return name
    if first[:1].isupper() and any(p in first for p in ("'", "’")):
        return name  # Xinzhou's, Shanxi's
    return name[:1].lower() + name[1:]


def count(n: int) -> str:
    """A number the book counted (targets, figures), marked as such in the HTML."""
    return f'<span class="rb-count">{int(n)}</span>'


def tally(counts: dict[str, int], mark: bool = False) -> str:
    """Counts of verdicts as a clause: '1 is met, 2 are missed and 3 pending'; '3 are
    pending'. Zero counts are left out; the order is the dict's. ``mark``: numbers as
    ``count`` spans."""
    items = [(k, n) for k, n in counts.items() if n]
    if not items:
        return "none"
    words = []
    for i, (k, n) in enumerate(items):
        verb = ("is " if n == 1 else "are ") if i == 0 else ""
        label = {"conflict": "in conflict"}.get(k, k)
        words.append(f"{count(n) if mark else n} {verb}{label}")
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def verdicts(n: int, counts: dict[str, int], where: str = "", mark: bool = False) -> str:
    """How ``n`` targets and forecasts stand, as a clause: 'of the 12 targets and forecasts,
    3 are met and 9 pending'; when one verdict covers them all, 'all 12 targets and
    forecasts are pending', or 'the one target or forecast is pending'. ``where``: a phrase
    after the noun ('in this chapter')."""
    num = count(n) if mark else str(n)
    noun = "target or forecast" if n == 1 else "targets and forecasts"
    tail = f" {where}" if where else ""
    items = [(k, c) for k, c in counts.items() if c]
    if len(items) == 1:
        label = {"conflict": "in conflict"}.get(items[0][0], items[0][0])
        if n == 1:
            return f"the one {noun}{tail} is {label}"
        return f"{'the two' if n == 2 else f'all {num}'} {noun}{tail} are {label}"
    return f"of the {num} {noun}{tail}, {tally(counts, mark=mark)}"


def changes(added: int, revised: int, removed: int, mark: bool = False) -> str:
    """What an edition changed in the ledger, as a sentence without its full stop: 'no
    figure was added, revised or removed'; '3 figures were added, 1 revised and 0 removed'."""
    if not (added or revised or removed):
        return "no figure was added, revised or removed"
    c = count if mark else str
    verb = "was" if added == 1 else "were"
    return (
        f"{c(added)} figure{'s' if added != 1 else ''} {verb} added, {c(revised)} revised and "
        f"{c(removed)} removed"
    )


def against(row, vocabulary=None, bold=MD_BOLD) -> str:
    """An earlier result to set a new one against, as a noun phrase with its period: 'growth
    of **5.1%** in 2023', 'a fall of **4.2%** in the first quarter of 2023', '**24.5%** in
    2023'."""
    iid = _get(row, "indicator_id", "") or ""
    ind = getattr(vocabulary, "by_id", {}).get(iid) if vocabulary is not None else None
    m = ind.measure if ind is not None else _measure(row, None)
    v = _value(row) or 0.0
    what = figure_link(_get(row, "figure_id"), html.escape(english(row, magnitude=m in CHANGES)),
                       _get(row, "quote", ""), _low(row))  # fmt: skip
    what = f"{bold[0]}{what}{bold[1]}"
    if m in CHANGES:
        noun = "a fall of" if v < 0 else ("a rise of" if m == "change" else "growth of")
        what = f"{noun} {what}" if v else f"no change ({what})"
    when = period_phrase(_get(row, "period"), "actual")
    return f"{what} {when}".rstrip()


def date_words(d) -> str:
    """A publication date in words: '2024', 'April 2024', '16 March 2024'."""
    parts = periods.date_parts(d)
    if parts is None:
        return str(d or "")
    y, m, day = parts
    month = f"{periods.MONTHS[m - 1]} " if m else ""
    return f"{day} {month}{y}" if day else f"{month}{y}"


def verdict_clause(v) -> str:
    """Where a target stands (a ``targets`` verdict row), for the sentence that states it;
    HTML, escaped."""
    e = html.escape
    when = period_phrase(v.result_period, "actual")
    if v.status == "met":
        return f": the result {e(when)} meets it (met)"
    if v.status == "missed":
        return f": the result {e(when)} falls short of it (missed)"
    if v.status == "conflict":
        return ": the sources disagree on the result, so there is no verdict (conflict)"
    if v.progress_id:
        so_far = period_phrase(v.progress_period, "actual")
        return f"; there is no result for its whole period yet, only one {e(so_far)} (pending)"
    return "; no result for its period is reported yet (pending)"
