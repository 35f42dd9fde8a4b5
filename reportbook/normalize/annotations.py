"""Inline pinyin annotations: ``協(xié)`` after a character, and ``yōu)`` orphaned by damage.

An annotation is a parenthesised lowercase pinyin syllable right after a CJK character: one
with a tone mark (``協(xié)``) always, one without (``我們(men)``, ``發(fa)展(zhan)``) only when
it is a reading of that character (pypinyin, every heteronym, tones ignored), because a
tone-less syllable is also what a lowercase abbreviation or unit looks like (``长度(m)``).
Real parentheses such as ``(責(zé)任編輯:梁艷)``, ``(GDP)`` or ``(2024年)`` keep theirs.

pypinyin is imported only when a character's readings are asked for: for a tone-less
candidate here, or for an annotation orphaned in a damaged span (``mojibake``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .edits import Edit, apply_edits
from .script import is_cjk, simplified

__all__ = [
    "ANNOTATION",
    "LOST_PAREN",
    "annotation_edits",
    "is_pinyin",
    "is_toneless_reading",
    "readings",
    "strip_annotations",
    "toneless",
]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PLAIN = {c: unicodedata.normalize("NFD", c)[0] for c in _TONED}
_PLAIN.update({"ǖ": "v", "ǘ": "v", "ǚ": "v", "ǜ": "v"})
_SYLLABLE = re.compile(
    r"(?:[bpmfdtnlgkhjqxrwy]|[zcs]h?)?"
    r"(?:i(?:ang|ong|an|ao|ng|a|e|n|u)?|u(?:ang|ai|an|ei|en|in|un|a|e|i|n|o)?|v(?:an|e|n)?|"
    r"a(?:ng|i|n|o)?|e(?:ng|i|n|r)?|o(?:ng|u)?|ng|m|n)"
)
#: ``(syllable)``: a candidate annotation (see :func:`annotation_edits`).
ANNOTATION = re.compile(rf"\(([a-zü{_TONED}]{{1,7}})\)")
#: ``syllable)``: an annotation whose ``(`` was lost to damage.
LOST_PAREN = re.compile(rf"[a-zü{_TONED}]{{1,7}}\)")


def is_pinyin(word: str) -> bool:
    """A single lowercase pinyin syllable carrying a tone mark (``xié``, ``lǚ``)."""
    if not any(c in _PLAIN for c in word):
        return False
    plain = "".join(_PLAIN.get(c, c) for c in word).replace("ü", "v")
    return _SYLLABLE.fullmatch(plain) is not None


def annotation_edits(text: str) -> list[Edit]:
    """Deletions of the annotations in ``text``."""
    edits = []
    for m in ANNOTATION.finditer(text):
        s = m.start()
        if s == 0 or not is_cjk(text[s - 1]):
            continue
        if is_pinyin(m.group(1)) or is_toneless_reading(text[s - 1], m.group(1)):
            edits.append((s, m.end(), ""))
    return edits


def strip_annotations(text: str) -> str:
    """``text`` without inline pinyin annotations (no offset map: for display and tests)."""
    out, _ = apply_edits(text, list(range(len(text) + 1)), annotation_edits(text), None)
    return out


@lru_cache(maxsize=1)
def _pypinyin():
    """pypinyin (imported only when a character's readings are asked for)."""
    import pypinyin  # deferred: heavy; only when an annotation must be checked

    return pypinyin


def toneless(syllable: str) -> str:
    """``syllable`` without its tone mark, ``ü`` written ``v`` (``lǚ`` -> ``lv``)."""
    return "".join(_PLAIN.get(c, c) for c in syllable).replace("ü", "v")


@lru_cache(maxsize=8192)
def readings(ch: str) -> tuple[frozenset[str], frozenset[str]]:
    """The pinyin readings of ``ch`` (every heteronym), with tone marks and without."""
    pp = _pypinyin()
    got = {r for group in pp.pinyin(ch, style=pp.Style.TONE, heteronym=True) for r in group}
    got.discard(ch)  # pypinyin gives the character itself back when it has no reading
    return frozenset(got), frozenset(toneless(r) for r in got)


def is_toneless_reading(ch: str, word: str) -> bool:
    """``word`` is a pinyin syllable without a tone mark and a reading of ``ch`` (``们``,
    ``men``), or of its simplified form."""
    if any(c in _PLAIN for c in word):
        return False
    plain = toneless(word)
    if _SYLLABLE.fullmatch(plain) is None:
        return False  # checked first: most parenthesised words never load pypinyin
    return any(plain in readings(c)[1] for c in dict.fromkeys((ch, simplified(ch))))
