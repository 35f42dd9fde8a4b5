"""Duplicate documents: the same text received twice, and reposts of one text.

Both are judged on the normalized text (``normalize.Normalized.text``: decoded, simplified,
pinyin annotations stripped, punctuation normalized), so an encoding (GBK or UTF-8), a script
(traditional or simplified) or annotations say nothing about whether two documents are one.

- **The same text**: the normalized texts are equal once every character that is not a letter
  or a digit (blanks, punctuation, symbols, a BOM) is left out and Latin letters are
  case-folded. ``Fingerprint.text`` is the sha256 of that string.
- **A near-duplicate** (a repost with another headline, a few sentences added or cut): of the
  new document's sentences, at least ``NEAR_SHARE`` are sentences of the earlier one. A
  sentence is text that ends in 。！？；!? (within a line), compared in the same
  letters-and-digits form; what a page adds around the text without ending it so (the
  headline, a menu, a breadcrumb, a 来源 or date line) is not counted, nor is a sentence
  shorter than ``MIN_SENTENCE`` characters in that form, and at least ``MIN_SHARED``
  sentences must be shared, so two short notices never make a pair. The measure is the
  containment of the new document in the earlier one: a repost cut to its first half shares
  all of its sentences (1.0); one that adds a paragraph to ten shares 10 of 11 (0.91); a long
  report that quotes a short item is not the item's duplicate. Sets of sentence hashes:
  linear in the text, and the same inputs always give the same answer.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

VERSION = "1"  # part of the cached fingerprints' key: change it when the measure changes
NEAR_SHARE = 0.9
MIN_SENTENCE = 8
MIN_SHARED = 3
# A sentence: text up to a sentence end, within a line (extraction splits at the same marks).
_SENTENCE = re.compile(r"[^。！？；;!?﹔\n]+[。！？；;!?﹔]")


def letters(text: str) -> str:
    """Only the letters and digits of ``text``, Latin case-folded."""
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN").casefold()


def _h(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Fingerprint:
    # sha256 of the letters and digits of the whole text: one, or two for a registered source
    # with reviewed corrections (its text as received and as corrected; a new document has
    # none, and a clean repost of it matches the corrected one)
    texts: frozenset[str]
    sentences: frozenset[str]  # a short hash of each sentence long enough to count

    def to_json(self) -> dict:
        return {"texts": sorted(self.texts), "sentences": sorted(self.sentences)}

    @classmethod
    def from_json(cls, d: dict) -> Fingerprint:
        return cls(frozenset(map(str, d["texts"])), frozenset(map(str, d["sentences"])))

    def __or__(self, other: Fingerprint) -> Fingerprint:
        return Fingerprint(self.texts | other.texts, self.sentences | other.sentences)


def fingerprint(text: str, *, sentences: bool = True) -> Fingerprint:
    """The fingerprint of a normalized text (``sentences=False``: the whole text only, for a
    table of figures, whose lines are rows, not sentences)."""
    hashes: set[str] = set()
    if sentences:
        for m in _SENTENCE.finditer(text):
            s = letters(m[0])
            if len(s) >= MIN_SENTENCE:
                hashes.add(_h(s)[:16])
    return Fingerprint(frozenset([_h(letters(text))]), frozenset(hashes))


@dataclass(frozen=True)
class Match:
    source_id: str
    basis: str  # "same text" or "sentences"
    share: float  # of the new document's sentences, the share the earlier one has
    shared: int
    sentences: int


def same_text(fp: Fingerprint, earlier: Iterable[tuple[str, Fingerprint]]) -> str | None:
    """The first earlier source whose text is the same as ``fp``'s."""
    return next((sid for sid, other in earlier if fp.texts & other.texts), None)


def near(fp: Fingerprint, earlier: Iterable[tuple[str, Fingerprint]]) -> Match | None:
    """The earlier source ``fp`` is a near-duplicate of (the largest share, then the most
    shared sentences, then the first in ``earlier``'s order), or None."""
    n = len(fp.sentences)
    if n < MIN_SHARED:
        return None
    best: Match | None = None
    for sid, other in earlier:
        shared = len(fp.sentences & other.sentences)
        if shared < MIN_SHARED or shared / n < NEAR_SHARE:
            continue
        m = Match(sid, "sentences", round(shared / n, 3), shared, n)
        if best is None or (m.share, m.shared) > (best.share, best.shared):
            best = m
    return best
