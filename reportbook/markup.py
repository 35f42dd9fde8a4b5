"""Markup: source text made inert in the MyST pages and the CSV files the build writes.

The appendix pages are MyST files holding raw HTML blocks. MyST hands an HTML block to the
page as it is, but only until the block ends, and a block ends at the first blank line;
markdown-it ends a line at ``\\n``, at ``\\r`` and at ``\\r\\n``, and docutils (which splits a
page into lines first) also at ``\\v``, ``\\f``, ``\\x1c``–``\\x1e``, ``\\x85``, U+2028 and
U+2029. Text after the end of a block is parsed as MyST: a title holding ``\\r\\r{{ … }}\\r\\r``
once ended its block, and the braces were evaluated as a template.

So no source-derived string reaches a page as markup:

- ``text(s)``: HTML-escaped, every line-ending character written as a numeric character
  reference (the browser shows the same character; no parser sees a line end), other control
  characters as U+FFFD, and the characters MyST gives a meaning to outside HTML (``{ } ` $``)
  as references too, so even text that ended up outside a block would be plain text;
- ``attr(s)``: the same, for an attribute value;
- ``block(html)``: one raw HTML block on one line, whatever its pieces held (a line end left
  in generated HTML, from any helper, is written as a reference).

``LINE_ENDS`` is the one list of what ends a line, used by the normalizer too.

The book's downloadable CSVs (its copy of the ledger, each chart's data) pass every cell
through ``spreadsheet_cell``: text beginning with ``= + - @``, a tab or a carriage return is
prefixed with an apostrophe, so a spreadsheet shows it instead of evaluating it. Plain numbers
(``-4.2``) are kept as they are. The committed ledger ``data/figures.csv`` keeps exact text.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

# The one rule for a URL a source may carry (ingest, tables, the registry check, the
# sources' pages, the bibliography): http(s), and nothing that could end an attribute, a
# BibTeX field or a line (white space, quotes, <>, `, braces, backslash, control characters).
SAFE_URL = re.compile(r"https?://[^\s\"'<>`{}\\\x00-\x1f\x7f]+")


def ascii_url(url: str) -> str:
    """``url`` with any non-ASCII character percent-encoded (UTF-8), as BibTeX and RIS need
    it; the ASCII characters are left as they are."""
    return "".join(c if c.isascii() else quote(c, safe="") for c in url)


# Everything that ends a line for markdown-it, docutils or Python's str.splitlines().
LINE_ENDS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Characters with a meaning in MyST outside an HTML block (substitutions, roles, math).
_MYST = "{}`$"

_REF = {ord(c): f"&#{ord(c)};" for c in LINE_ENDS + _MYST}
_REF.update(
    {
        c: "\ufffd"
        for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]
        if c not in _REF and c != 0x09  # a tab is white space
    }
)
_BLOCK = {ord(c): f"&#{ord(c)};" for c in LINE_ENDS}


def text(s) -> str:
    """``s`` as HTML text that no HTML, MyST or template parser reads as markup."""
    return html.escape("" if s is None else str(s), quote=True).translate(_REF)


attr = text  # quotes are escaped too: the same function is safe in an attribute value


def block(fragment: str) -> str:
    """Generated HTML as one raw HTML block: on one line, so no blank line can end it."""
    return fragment.translate(_BLOCK)


def one_line(s: str) -> bool:
    """True when ``s`` holds no line-ending character at all."""
    return not any(c in LINE_ENDS for c in s)


# ------------------------------------------------------------------ spreadsheets

# A cell a spreadsheet would read as a formula: = + - @ first, or a tab or carriage return
# (which some programs drop before looking). Full-width signs are read as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def spreadsheet_cell(value):
    """A CSV cell made safe to open in a spreadsheet: text that begins like a formula gets a
    leading apostrophe (``'=1+1``), the usual neutralization. A plain number keeps its sign
    (``-4.2`` is the number −4.2 in any spreadsheet, never a formula); anything else that is
    not text (floats, integers, empty cells) is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_rows(rows):
    """``spreadsheet_cell`` applied to every cell of every row (the header included)."""
    return [[spreadsheet_cell(c) for c in row] for row in rows]
