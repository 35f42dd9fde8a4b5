"""Which script a character or a document is written in, and traditional -> simplified.

OpenCC ``t2s`` converts; ``s2t`` only tells a simplified character from one written the same
in both scripts. "Common" characters are GB2312 level 1 (simplified) and Big5 level 1
(traditional): about 9,000, the ones a scraped news text is made of.
"""

from __future__ import annotations

from functools import lru_cache

from .edits import Edit, apply_edits

__all__ = [
    "char_script",
    "common_hanzi",
    "document_script",
    "is_cjk",
    "simplified",
    "t2s_step",
]


def is_cjk(ch: str) -> bool:
    """A CJK unified ideograph (the basic block and extensions A to G)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F


@lru_cache(maxsize=1)
def common_hanzi() -> frozenset[str]:
    """About 9,000 common characters: GB2312 level 1 (simplified) + Big5 level 1 (traditional)."""
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for hi in range(0xA4, 0xC7):
        for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            try:
                chars.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # deferred: loads its dictionaries; only for traditional text

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t():
    import opencc  # deferred: loads its dictionaries; only for traditional text

    return opencc.OpenCC("s2t")


def simplified(text: str) -> str:
    """``text`` converted with OpenCC ``t2s`` (phrases too, so the length may change)."""
    return _t2s().convert(text)


@lru_cache(maxsize=8192)
def char_script(ch: str) -> str:
    """``simplified`` (has a different traditional form), ``traditional`` (has a different
    simplified form), ``common`` (written the same in both) or ``rare`` (neither script's
    common characters)."""
    if _t2s().convert(ch) != ch:
        kind = "traditional"
    elif _s2t().convert(ch) != ch:
        kind = "simplified"
    else:
        kind = "common"
    if ch not in common_hanzi() and _t2s().convert(ch) not in common_hanzi():
        return "rare"
    return kind


def document_script(text: str) -> str | None:
    """``traditional`` or ``simplified`` when the text clearly is one, else None."""
    trad = simp = 0
    for ch in text:
        if is_cjk(ch):
            kind = char_script(ch)
            trad += kind == "traditional"
            simp += kind == "simplified"
    if trad > 4 * simp and trad >= 5:
        return "traditional"
    if simp > 4 * trad and simp >= 5:
        return "simplified"
    return None


def t2s_step(text: str, offs: list[int]):
    """Traditional -> simplified, keeping the offset map: ``(text, offsets, changed chars)``."""
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out, offs, sum(1 for a, b in zip(text, out, strict=True) if a != b)
    # a phrase conversion changed length somewhere: convert line by line, spread within lines
    edits: list[Edit] = []
    changed = 0
    start = 0
    for line in text.split("\n"):
        conv_line = conv.convert(line)
        if conv_line != line:
            edits.append((start, start + len(line), conv_line))
            changed += sum(1 for a, b in zip(line, conv_line, strict=False) if a != b)
        start += len(line) + 1
    out, offs = apply_edits(text, offs, edits, None)
    return out, offs, changed
