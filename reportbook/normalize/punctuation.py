"""Punctuation, control characters and whitespace.

- :func:`punctuation_edits`: full-width ASCII letters/digits and ``％`` -> half-width (and
  ``．`` between digits -> ``.``), so figures parse; ASCII ``, ; : ! ?`` in a Chinese context (a
  CJK neighbour, and not between two digits, so ``3,000`` and decimals are untouched) ->
  full-width ``，；：！？``; the small, vertical and other compatibility forms (``﹐﹑﹔﹕﹒﹖﹗``,
  ``︐︑︒︓︔︕︖︰``, the Greek question mark that looks like ``;``) -> the ordinary full-width
  marks, so sentences and clauses split there (next to digits ``﹐﹕︰﹒`` are a thousands
  separator, a colon in a time and a decimal point: ``,`` ``:`` ``.``); Chinese quotes ``“”‘’``
  and ``《》`` are kept as they are. Every change is one character for one character, so no
  figure digit moves.
- :func:`doubled_edits`: a clause or sentence mark repeated by scraping or left doubled by a
  stripped annotation (``，，``, ``%,，``, ``。。``) -> one mark; the dropped ones belong to the
  mark kept, in the offset map.
- :func:`quote_edits`: Chinese double quotes that a scrape turned into ``;;`` (``;;十三五;;时期``,
  in a text with no ``“”`` at all) -> ``“`` and ``”`` in turn, so the quoted name is read and the
  marks do not split clauses; a run of other length (``;;;;``) is left to the steps after.
- :func:`year_edits`: a year written in Chinese numerals (``二〇二三年``, ``一九九八年``) -> its
  digits (``2023年``), digit for digit, so the year is read as every other year is.
- :func:`damaged_numbers`: a check, not an edit: numbers that lost digits in scraping (a
  decimal point with no digit on one side, ``45.万人次``, ``增长.36%``, or next to a thousands
  separator, ``1,.5亿元``). The text is left as it is (guessing the lost digits would invent a
  figure); each one is listed, so a reader of the figures is warned.
- :func:`control_edits`: ``\\r\\n``, ``\\r``, NEL, U+2028 and U+2029 -> ``\\n``; zero-width and
  control characters dropped.
- :func:`space_edits`: spaces, tabs, ideographic spaces trimmed at line ends and collapsed to
  one space inside a line; blank lines collapsed, so each paragraph ends in a single ``\\n``;
  leading/trailing blank space of the document removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reportbook.markup import LINE_ENDS

from .edits import Edit
from .script import is_cjk

__all__ = [
    "FULLWIDTH_OF",
    "control_edits",
    "damaged_numbers",
    "doubled_edits",
    "punctuation_edits",
    "quote_edits",
    "space_edits",
    "year_edits",
]

#: The full-width form of ASCII punctuation in a Chinese context.
FULLWIDTH_OF = {"!": "！", ",": "，", ":": "：", ";": "；", "?": "？", "(": "（", ")": "）"}

_CJK_PUNCT = set("，。、；：！？“”‘’《》（）【】—…·「」『』")

#: Compatibility forms of sentence ends and clause marks: (the ordinary full-width mark, the
#: ASCII mark it stands for next to a digit, or None when it is never part of a number).
_COMPAT = {
    "﹐": ("，", ","),  # small comma
    "︐": ("，", None),  # vertical comma
    "﹑": ("、", None),  # small ideographic comma
    "︑": ("、", None),  # vertical ideographic comma
    "﹔": ("；", None),  # small semicolon
    "︔": ("；", None),  # vertical semicolon
    "\u037e": ("；", None),  # Greek question mark, drawn as ";"
    "﹕": ("：", ":"),  # small colon
    "︓": ("：", None),  # vertical colon
    "︰": ("：", ":"),  # vertical two dot leader
    "﹒": ("。", "."),  # small full stop
    "︒": ("。", None),  # vertical ideographic full stop
    "﹖": ("？", None),  # small question mark
    "︖": ("？", None),  # vertical question mark
    "﹗": ("！", None),  # small exclamation mark
    "︕": ("！", None),  # vertical exclamation mark
}


def _cjkish(ch: str) -> bool:
    """``ch`` is a CJK character or mark; ``""`` (beyond either end of the text) is not."""
    return ch != "" and (is_cjk(ch) or ch in _CJK_PUNCT)


def _digitish(ch: str) -> bool:
    return ch.isdigit() or 0xFF10 <= ord(ch) <= 0xFF19


def punctuation_edits(text: str) -> list[Edit]:
    """Half-width letters, digits and ``%``; full-width punctuation in a Chinese context."""
    edits = []
    n = len(text)
    for k, ch in enumerate(text):
        o = ord(ch)
        if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A or ch == "％":
            edits.append((k, k + 1, chr(o - 0xFEE0)))
        elif ch == "．" and 0 < k < n - 1 and _digitish(text[k - 1]) and _digitish(text[k + 1]):
            edits.append((k, k + 1, "."))  # a full-width decimal point: ８．５ -> 8.5
        elif ch in _COMPAT:
            mark, ascii_mark = _COMPAT[ch]
            prev_digit = k > 0 and _digitish(text[k - 1])
            next_digit = k + 1 < n and _digitish(text[k + 1])
            if ascii_mark == "." and (prev_digit or next_digit):
                mark = ascii_mark  # 4﹒5 is 4.5; 45﹒万 stays a (damaged) number, not a full stop
            elif ascii_mark and prev_digit and next_digit:
                mark = ascii_mark  # 1﹐200, 12﹕30
            edits.append((k, k + 1, mark))
        elif ch in ",;:!?":
            prev = text[k - 1] if k else ""
            nxt = text[k + 1] if k + 1 < n else ""
            if prev.isdigit() and nxt.isdigit():
                continue  # 3,000 or 12:30
            if _cjkish(prev) or _cjkish(nxt):
                edits.append((k, k + 1, FULLWIDTH_OF[ch]))
    return edits


#: Marks never doubled on purpose (unlike ！！, ？？ or an ellipsis written 。。。 by hand).
_COLLAPSIBLE = set("，。、；：")


def doubled_edits(text: str, keep: Callable[[int], bool] = lambda k: False) -> list[Edit]:
    """Deletions of the repeats in a run of one mark (``，，`` -> ``，``), after
    :func:`punctuation_edits` made ``,`` and ``，`` one mark; ``keep(k)`` spares ``text[k]``."""
    edits: list[Edit] = []
    for k in range(1, len(text)):
        if text[k] in _COLLAPSIBLE and text[k] == text[k - 1] and not keep(k):
            edits.append((k, k + 1, ""))
    return edits


_LOST_QUOTE = re.compile(r"(?<!;);;(?!;)")


def quote_edits(text: str) -> list[Edit]:
    """``;;`` -> ``“`` and ``”`` alternately, in a text with no Chinese double quotes where
    ``;;`` stands beside a CJK character at least twice (a mark doubled by chance is single)."""
    if "“" in text or "”" in text:
        return []
    starts = [m.start() for m in _LOST_QUOTE.finditer(text)]
    found = [k for k in starts if _cjkish(text[k - 1 : k]) or _cjkish(text[k + 2 : k + 3])]
    if len(found) < 2:
        return []
    return [(k, k + 2, "“" if i % 2 == 0 else "”") for i, k in enumerate(found)]


_NUMERAL_YEAR = re.compile(r"(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2}(?=年)")
_DIGIT_OF = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}


def year_edits(text: str) -> list[Edit]:
    """``二〇二三年`` -> ``2023年``: one digit for each numeral."""
    if "〇" not in text and "零" not in text and "○" not in text and "一九" not in text:
        return []
    return [(m.start() + i, m.start() + i + 1, _DIGIT_OF[c])
            for m in _NUMERAL_YEAR.finditer(text) for i, c in enumerate(m.group())]  # fmt: skip


#: A number as printed, with any points and separators stuck to it (``1,234.5``, ``45.``, ``.36``).
_NUMBER = re.compile(r"[.．]?[0-9](?:[0-9,.．]*[0-9])?[.．]?")
_CLASH = re.compile(r"[.．,][.．,]")
#: What may stand before ``1.`` numbering a list item (start of a line, a space, a mark).
_BEFORE_ITEM = set(" \n\t　。；：！？、（(【")
#: What a list item never starts with, but a number goes on with.
_MAGNITUDE = set("万亿千百%‰")


def damaged_numbers(text: str) -> list[dict]:
    """Numbers in ``text`` that lost a digit next to a point: ``{start, end, text, why}``."""
    found = []
    for m in _NUMBER.finditer(text):
        num, s, e = m.group(), m.start(), m.end()
        before = text[s - 1] if s else "\n"
        after = text[e] if e < len(text) else "\n"
        if _CLASH.search(num):
            why = "a decimal point or thousands separator next to another"
        elif num[0] in ".．" and not ("a" <= before.lower() <= "z"):
            why = "a decimal point with no digit before it"
        elif num[-1] in ".．" and (_cjkish(after) or after in _MAGNITUDE):
            item = before in _BEFORE_ITEM and len(num) <= 3 and num[:-1].isdigit()
            if item and is_cjk(after) and after not in _MAGNITUDE:
                continue  # 1.加快… numbers a list item
            why = "a decimal point with no digit after it"
        else:
            continue
        found.append({"start": s, "end": e, "text": num, "why": why})
    return found


_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\x00"}
_SPACE = {" ", "\t", "\u3000", "\xa0", "\x0b", "\x0c"}


# Line ends besides \n and \r that a parser downstream would honour (markup.LINE_ENDS): the
# next-line control and the Unicode line and paragraph separators end a paragraph here too,
# so no sentence or quote holds one. (\v, \f are blanks and \x1c-\x1e controls: see below.)
_LINE_END = {c for c in LINE_ENDS if c not in "\n\r\x0b\x0c\x1c\x1d\x1e"}


def control_edits(text: str) -> list[Edit]:
    """``\\r\\n`` -> ``\\n``, lone ``\\r`` (and NEL, U+2028, U+2029) -> ``\\n``,
    zero-width/control characters dropped."""
    edits: list[Edit] = []
    n = len(text)
    for k, ch in enumerate(text):
        if ch == "\r":
            edits.append((k, k + 1, "" if k + 1 < n and text[k + 1] == "\n" else "\n"))
        elif ch in _LINE_END:
            edits.append((k, k + 1, "\n"))
        elif ch in _DROP or (ord(ch) < 0x20 and ch != "\n" and ch not in _SPACE) or ch == "\x7f":
            edits.append((k, k + 1, ""))
    return edits


def space_edits(text: str) -> list[Edit]:
    """Trim lines, collapse space runs to one space, one ``\\n`` between paragraphs."""
    edits: list[Edit] = []
    start = 0
    last_kept_nl: int | None = None
    content_seen = False
    for line in text.split("\n"):
        end = start + len(line)
        k = start
        while k < end and text[k] in _SPACE:  # leading
            edits.append((k, k + 1, ""))
            k += 1
        e = end
        while e > k and text[e - 1] in _SPACE:  # trailing
            e -= 1
        for t in range(e, end):
            edits.append((t, t + 1, ""))
        run = False
        for t in range(k, e):  # inner runs
            if text[t] in _SPACE:
                if run:
                    edits.append((t, t + 1, ""))
                elif text[t] != " ":
                    edits.append((t, t + 1, " "))
                run = True
            else:
                run = False
        if end < len(text):  # the newline ending this line
            if k < e:
                content_seen = True
                last_kept_nl = end
            else:
                edits.append((end, end + 1, ""))
        elif k < e:
            last_kept_nl = None
            content_seen = True
        start = end + 1
    if last_kept_nl is not None:  # no content after the last kept newline
        edits.append((last_kept_nl, last_kept_nl + 1, ""))
    del content_seen
    return edits
