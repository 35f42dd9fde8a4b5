"""Addresses: where the sources appendix shows each source and each figure.

The sources appendix is an index, ``book/sources.html`` (one line per source, anchor
``#src-<source_id>``), and one page per source, ``book/sources/<source_id>.html``, holding its
metadata, quality report and every figure's sentence in context (anchor ``#<figure_id>``). One
page per source keeps every page small however many sources there are (one page for every
source once weighed 188 MB).

A figure id is a hash of its source id and its span (``schema.figure_id``), so it names exactly
one source, in any project: ``remember`` records figure → source for every ledger that is read
(``ledger.read`` calls it), and ``source_of`` answers ``wording.figure_href``, the one place a
figure's address is built. This module imports nothing from the package.
"""

from __future__ import annotations

from collections.abc import Iterable

INDEX = "sources"  # book/sources.md: the index of sources
FOLDER = "sources"  # book/sources/<source_id>.md: a page per source

_SOURCE_OF: dict[str, str] = {}
# Where the appendix is from a page under book/: the same folder in the English edition; the
# Chinese edition's pages reach the English one's (``language.shared``), set by the chapter.
_BASE = [""]


def source_doc(source_id: str) -> str:
    """The page of a source, relative to ``book/``, without a suffix."""
    return f"{FOLDER}/{source_id}"


def set_base(prefix: str) -> None:
    """Pages about to be written are ``prefix`` away from the appendix's ``book/``."""
    _BASE[0] = prefix


def base() -> str:
    """The path from the page being written to the appendix's ``book/`` (``''``: beside it)."""
    return _BASE[0]


def remember(figure_ids: Iterable[str], source_ids: Iterable[str]) -> None:
    """Record which source each figure comes from (a figure id names one source)."""
    _SOURCE_OF.update(zip(figure_ids, source_ids, strict=True))


def source_of(figure_id: str) -> str | None:
    """The source a figure comes from, if a ledger holding it has been read."""
    return _SOURCE_OF.get(figure_id)
