"""Normalization of a raw Chinese document, with an exact offset map back to the raw bytes.

The pipeline is a fixed sequence of steps; each one is recorded in ``Normalized.steps``:

1. ``decode``       detect the encoding (BOM, UTF-8, GBK, GB18030, Big5, UTF-16/32) and decode
                    strictly. Empty, binary (PDF, images, archives, NUL-heavy data) and
                    undecodable input raises :class:`DecodeError`.
2. ``mojibake``     find GBK mojibake spans (a ``?`` where a byte was lost, the bytes after it
                    decoded one out of step) and repair them. Reviewed corrections (from
                    ``data/corrections.yml``) are applied first and win; then every remaining
                    damaged span is searched: the span is re-encoded as GBK, each candidate lost
                    lead byte 0x81-0xFE is put back (and any further ``?`` inside the span, an
                    invalid pair that swallowed one ASCII byte, is searched as well), the result is
                    decoded as GBK and scored as Chinese with jieba's word frequencies on its
                    simplified form. A pinyin annotation orphaned in the span is evidence too
                    (pypinyin, loaded only then): one right after the ``?`` (it lost its ``(``)
                    is the pinyin of the character that the preceding character's trail byte and
                    the lost byte formed out of step, and one whose ``(`` a further ``?``
                    swallowed belongs to the repaired character before it; a candidate whose
                    implied character lacks that reading costs :data:`ANNOTATION_MISMATCH`.
                    A repair is applied only when the best reading beats the runner-up by
                    :data:`CONFIDENCE_MARGIN` (natural-log units); otherwise the span is left
                    as it is and listed with status ``review``.
3. ``annotations``  strip inline pinyin annotations: a parenthesised lowercase pinyin
                    syllable with a tone mark, right after a CJK character (``協(xié)`` -> ``協``).
                    Real parentheses such as ``(責(zé)任編輯:梁艷)`` keep theirs. Tone-less
                    syllables (``(de)``) are not treated as annotations.
4. ``t2s``          traditional -> simplified with OpenCC ``t2s``.
5. ``punctuation``  full-width ASCII letters/digits and ``％`` -> half-width (and ``．`` between
                    digits -> ``.``), so figures parse; ASCII ``, ; : ! ?`` in a
                    Chinese context (a CJK neighbour, and not between two digits, so ``3,000``
                    and decimals are untouched) -> full-width ``，；：！？``; Chinese quotes
                    ``“”‘’`` and ``《》`` are kept as they are. Every change is one character
                    for one character, so no figure digit moves.
6. ``whitespace``   ``\\r\\n``/``\\r`` -> ``\\n``; zero-width and control characters dropped;
                    spaces, tabs, ideographic spaces trimmed at line ends and collapsed to one
                    space inside a line; blank lines collapsed, so each paragraph ends in a single
                    ``\\n``; leading/trailing blank space of the document removed.

Offsets: ``Normalized.offsets[i]`` is the index in ``raw_text`` of the character that normalized
character ``i`` came from (``offsets[len(text)] == len(raw_text)``). A span ``text[a:b]`` maps
back to ``raw_text[offsets[a]:offsets[b]]`` (deleted material such as an annotation belongs to
the character before it); a repaired span is atomic, so a normalized span touching it maps to the
whole damaged raw span. ``raw_bytes`` uses a char->byte map of the decoded text, so it returns
exactly the bytes of the raw file.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportbook.errors import (
    CorrectionError,  # noqa: F401 - re-exported
    DecodeError,  # noqa: F401 - re-exported
)

__all__ = [
    "ANNOTATION_MISMATCH",
    "CONFIDENCE_MARGIN",
    "CorrectionError",
    "DecodeError",
    "Normalized",
    "decode",
    "normalize",
    "repair_text",
    "strip_annotations",
]

#: A repair is automatic only when the best candidate's log-probability beats the runner-up's
#: by at least this much (natural log; 3.0 means about 20 times more likely).
CONFIDENCE_MARGIN = 3.0


# --------------------------------------------------------------------------- result type


@dataclass(frozen=True)
class Normalized:
    text: str
    raw_text: str
    encoding: str
    offsets: tuple[int, ...]
    steps: tuple[dict, ...]
    repairs: tuple[dict, ...]
    byte_offsets: tuple[int, ...] = field(default=(), repr=False, compare=False)
    atoms: tuple[tuple[int, int], ...] = field(default=(), repr=False, compare=False)
    raw: bytes = field(default=b"", repr=False, compare=False)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The ``raw_text`` character span behind ``text[start:end]``."""
        n = len(self.text)
        if not (0 <= start <= end <= n):
            raise IndexError(f"span {start}:{end} is outside the normalized text (0:{n})")
        rs, re_ = self.offsets[start], self.offsets[end]
        if start == end:
            return rs, rs
        for a, b in self.atoms:  # few atoms: a linear scan is fine
            if a < rs < b:
                rs = a
            if a < re_ < b:
                re_ = b
        return rs, re_

    def raw_bytes(self, start: int, end: int) -> bytes:
        """The raw file bytes behind ``text[start:end]`` (BOM excluded)."""
        rs, re_ = self.raw_span(start, end)
        if self.byte_offsets and self.raw:
            return self.raw[self.byte_offsets[rs] : self.byte_offsets[re_]]
        return self.raw_text[rs:re_].encode(_codec_for_span(self.encoding))

    def report(self) -> dict:
        """The quality report: what was found and what was done."""
        by = {s["step"]: s for s in self.steps}
        return {
            "encoding": self.encoding,
            "bytes": len(self.raw),
            "characters_raw": len(self.raw_text),
            "characters": len(self.text),
            "annotations_stripped": by.get("annotations", {}).get("stripped", 0)
            + by.get("mojibake", {}).get("annotations_in_spans", 0),
            "t2s_conversions": by.get("t2s", {}).get("converted", 0),
            "spans_found": len(self.repairs),
            "spans_repaired": sum(1 for r in self.repairs if r["status"] in ("auto", "reviewed")),
            "spans_repaired_auto": sum(1 for r in self.repairs if r["status"] == "auto"),
            "spans_repaired_reviewed": sum(1 for r in self.repairs if r["status"] == "reviewed"),
            "spans_for_review": sum(1 for r in self.repairs if r["status"] == "review"),
            "punctuation_normalized": by.get("punctuation", {}).get("changed", 0),
            "whitespace_removed": by.get("whitespace", {}).get("removed", 0),
        }


def _codec_for_span(encoding: str) -> str:
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(
        encoding, encoding
    )


# --------------------------------------------------------------------------- decoding

_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an MS Office (OLE) document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BM", None),  # only with NULs: checked below
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
]


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
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


def _plausibility(text: str) -> float:
    """Share of non-ASCII letters that are common Chinese characters or CJK punctuation."""
    common = _common_hanzi()
    total = good = 0
    for ch in text:
        if ord(ch) < 0x80:
            continue
        total += 1
        if ch in common or 0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF:
            good += 1
        elif ch in "“”‘’—…·":
            good += 1
    return good / total if total else 0.0


def _binary_kind(raw: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if kind and raw.startswith(magic):
            return kind
    head = raw[:4096]
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13, 27))
    if controls > max(2, len(head) // 100):
        return "binary data (control bytes)"
    return None


def decode(raw: bytes) -> tuple[str, str]:
    """Detect the encoding of ``raw`` and decode it strictly: returns ``(text, encoding)``."""
    if not raw:
        raise DecodeError("the file is empty (0 bytes): give a text file with content")
    for bom, enc in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError as e:
                raise DecodeError(
                    f"starts with a {enc} byte-order mark but byte {e.start} is not valid "
                    f"{enc}: re-save the file as UTF-8"
                ) from None
            if not text.strip("\ufeff \r\n\t"):
                raise DecodeError("the file holds no text (only a byte-order mark/whitespace)")
            return text, enc
    kind = _binary_kind(raw)
    if kind and len(raw) % 2 == 0 and not any(raw.startswith(m) for m, k in _MAGIC if k):
        # UTF-16 without a BOM: accept only a reading that is clean, plausible Chinese text
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if _binary_kind(text.encode("utf-8")) is None and _plausibility(text) >= 0.8:
                return text, enc
    if kind:
        raise DecodeError(f"this is {kind}, not a text document: convert it to plain text first")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    decoded: dict[str, str] = {}
    for enc in ("gbk", "gb18030", "big5", "cp950", "big5hkscs"):
        try:
            decoded[enc] = raw.decode(enc)
        except UnicodeDecodeError:
            pass
    # supersets are named only when the narrower encoding fails (GB18030 beyond GBK, etc.)
    if "gbk" in decoded:
        decoded.pop("gb18030", None)
    if "big5" in decoded or "cp950" in decoded:
        decoded.pop("big5hkscs", None)
        if "big5" in decoded:
            decoded.pop("cp950", None)
    order = list(decoded)
    if decoded:
        # GBK and Big5 byte ranges overlap: keep the reading that is more plausible Chinese
        enc = max(order, key=lambda e: (_plausibility(decoded[e]), -order.index(e)))
        text = decoded[enc]
        if _plausibility(text) >= 0.5 or not any(ord(c) >= 0x80 for c in text):
            return text, enc
    pos = utf8_error.start
    raise DecodeError(
        f"the bytes are not valid UTF-8 (byte {pos}: {raw[pos : pos + 4].hex(' ')}) nor GBK, "
        "GB18030, Big5 or UTF-16 Chinese text: re-save the file as UTF-8"
    )


def _byte_offsets(raw: bytes, text: str, encoding: str) -> tuple[int, ...]:
    """Byte position in ``raw`` of each character of ``text`` (len(text)+1 entries)."""
    start = 0
    for bom in (
        b"\xef\xbb\xbf",
        b"\xff\xfe\x00\x00",
        b"\x00\x00\xfe\xff",
        b"\xff\xfe",
        b"\xfe\xff",
    ):
        if encoding in ("utf-8-sig", "utf-16", "utf-32") and raw.startswith(bom):
            start = len(bom)
            break
    if encoding == "utf-16":
        codec = "utf-16-be" if raw.startswith(b"\xfe\xff") else "utf-16-le"
    elif encoding == "utf-32":
        codec = "utf-32-be" if raw.startswith(b"\x00\x00\xfe\xff") else "utf-32-le"
    else:
        codec = _codec_for_span(encoding)
    out = [0] * (len(text) + 1)
    pos = start
    if codec == "utf-8":
        for i, ch in enumerate(text):
            out[i] = pos
            o = ord(ch)
            pos += 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
    else:
        enc = codecs.getencoder(codec)
        cache: dict[str, int] = {}
        for i, ch in enumerate(text):
            out[i] = pos
            n = cache.get(ch)
            if n is None:
                n = cache[ch] = len(enc(ch)[0])
            pos += n
    out[len(text)] = pos
    if pos != len(raw):  # a codec that does not round-trip char by char: decode incrementally
        dec = codecs.getincrementaldecoder(codec)()
        out = [0] * (len(text) + 1)
        i = 0
        for b in range(start, len(raw)):
            got = dec.decode(raw[b : b + 1])
            for _ in got:
                i += 1
                if i <= len(text):
                    out[i] = b + 1
        out[0] = start
        out[len(text)] = len(raw)
    return tuple(out)


# --------------------------------------------------------------------------- edit machinery


def _apply(
    text: str,
    offs: list[int],
    edits: list[tuple[int, int, str]],
    atoms: list | None,
    atomic: bool = False,
):
    """Apply non-overlapping ``(start, end, replacement)`` edits, keeping the offset map.

    A replacement of equal length maps character to character; otherwise its characters are
    spread monotonically over the replaced raw span, which is recorded as an atom (and with
    ``atomic``, every replaced span is an atom: a repair is shown whole).
    """
    if not edits:
        return text, offs
    edits.sort()
    parts: list[str] = []
    new_offs: list[int] = []
    prev = 0
    for s, e, rep in edits:
        parts.append(text[prev:s])
        new_offs.extend(offs[prev:s])
        if atomic and atoms is not None and offs[e] - offs[s] > 1:
            atoms.append((offs[s], offs[e]))
        if len(rep) == e - s:
            new_offs.extend(offs[s:e])
        elif rep:
            a, b = offs[s], offs[e]
            n = len(rep)
            new_offs.extend(a + (k * (b - a)) // n for k in range(n))
            if atoms is not None and b - a > 1 and not atomic:
                atoms.append((a, b))
        parts.append(rep)
        prev = e
    parts.append(text[prev:])
    new_offs.extend(offs[prev:])
    return "".join(parts), new_offs


# --------------------------------------------------------------------------- annotations

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PLAIN = {c: unicodedata.normalize("NFD", c)[0] for c in _TONED}
_PLAIN.update({"ǖ": "v", "ǘ": "v", "ǚ": "v", "ǜ": "v"})
_SYLLABLE = re.compile(
    r"(?:[bpmfdtnlgkhjqxrwy]|[zcs]h?)?"
    r"(?:i(?:ang|ong|an|ao|ng|a|e|n|u)?|u(?:ang|ai|an|ei|en|in|un|a|e|i|n|o)?|v(?:an|e|n)?|"
    r"a(?:ng|i|n|o)?|e(?:ng|i|n|r)?|o(?:ng|u)?|ng|m|n)"
)
_ANNOT = re.compile(rf"\(([a-zü{_TONED}]{{1,7}})\)")
_LOST_PAREN = re.compile(rf"[a-zü{_TONED}]{{1,7}}\)")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F


def _is_pinyin(word: str) -> bool:
    """A single lowercase pinyin syllable carrying a tone mark (``xié``, ``lǚ``)."""
    if not any(c in _PLAIN for c in word):
        return False
    plain = "".join(_PLAIN.get(c, c) for c in word).replace("ü", "v")
    return _SYLLABLE.fullmatch(plain) is not None


def _annotation_edits(text: str) -> list[tuple[int, int, str]]:
    edits = []
    for m in _ANNOT.finditer(text):
        s = m.start()
        if s > 0 and _is_cjk(text[s - 1]) and _is_pinyin(m.group(1)):
            edits.append((s, m.end(), ""))
    return edits


def strip_annotations(text: str) -> str:
    """``text`` without inline pinyin annotations (no offset map: for display and tests)."""
    out, _ = _apply(text, list(range(len(text) + 1)), _annotation_edits(text), None)
    return out


# --------------------------------------------------------------------------- mojibake

_FULLWIDTH_OF = {"!": "！", ",": "，", ":": "：", ";": "；", "?": "？", "(": "（", ")": "）"}
_RESTORE_AFTER = [  # the ASCII byte an invalid pair swallowed, from what follows it
    (_LOST_PAREN, "("),
    (re.compile(r"/[A-Za-z]+>"), "<"),
]


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _jieba():
    """jieba's word frequencies (loaded only when a damaged span is found: about a second)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    dt = jieba.dt
    return dt.FREQ, math.log(dt.total)


_COMMON_PUNCT = set("，。、；：？！“”‘’《》（）…—·「」『』【】")
PUNCT_LOGPROB = -3.0  # common Chinese punctuation: about one character in twenty
RARE_LOGPROB = -25.0  # other symbols (box drawing, pinyin letters...): rarer than any word
SCRIPT_PENALTY = -8.0  # a rare character, or one of the other script than the document
#: An orphaned pinyin annotation in a damaged span that does not fit the character a candidate
#: implies costs this much (natural log): a character chosen at random has a given toned
#: syllable about once in a thousand. A fit without the tone costs half.
ANNOTATION_MISMATCH = -8.0


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=8192)
def _char_script(ch: str) -> str:
    """``simplified`` (has a different traditional form), ``traditional`` (has a different
    simplified form), ``common`` (written the same in both) or ``rare`` (neither script's
    common characters)."""
    if _t2s().convert(ch) != ch:
        kind = "traditional"
    elif _s2t().convert(ch) != ch:
        kind = "simplified"
    else:
        kind = "common"
    if ch not in _common_hanzi() and _t2s().convert(ch) not in _common_hanzi():
        return "rare"
    return kind


def _document_script(text: str) -> str | None:
    """``traditional`` or ``simplified`` when the text clearly is one, else None."""
    trad = simp = 0
    for ch in text:
        if _is_cjk(ch):
            kind = _char_script(ch)
            trad += kind == "traditional"
            simp += kind == "simplified"
    if trad > 4 * simp and trad >= 5:
        return "traditional"
    if simp > 4 * trad and simp >= 5:
        return "simplified"
    return None


def _run_logprob(s: str) -> float:
    """Max log-probability of a CJK run segmented into jieba words (jieba's own DAG route)."""
    freq, logtotal = _jieba()
    n = len(s)
    best = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        top = -logtotal + best[i + 1]  # an unknown single character
        j = i
        frag = s[i]
        while j < n and frag in freq:
            f = freq[frag]
            if f:
                v = math.log(f) - logtotal + best[j + 1]
                if v > top:
                    top = v
            j += 1
            frag = s[i : j + 1]
        best[i] = top
    return best[0]


def _logprob(text: str, check: str = "", script: str | None = None) -> float:
    """Plausibility of ``text`` as Chinese: jieba unigram log-probability of its CJK runs (on
    the simplified form), a fixed cost per punctuation mark, a heavy one for rare symbols, and a
    penalty for each character of ``check`` that is rare or written in the other script than
    the document's (a simplified-only character in a traditional text)."""
    s = _t2s().convert(text)
    total = 0.0
    run: list[str] = []
    for ch in s:
        if _is_cjk(ch):
            run.append(ch)
            continue
        if run:
            total += _run_logprob("".join(run))
            run = []
        if ch in _COMMON_PUNCT:
            total += PUNCT_LOGPROB
        elif ord(ch) >= 0x80 or ch == "?":  # "?" stands in for a lost byte
            total += RARE_LOGPROB
    if run:
        total += _run_logprob("".join(run))
    other = {"traditional": "simplified", "simplified": "traditional"}.get(script or "")
    for ch in check:
        if _is_cjk(ch):
            kind = _char_script(ch)
            if kind == "rare" or kind == other:
                total += SCRIPT_PENALTY
    return total


@lru_cache(maxsize=1)
def _pypinyin():
    """pypinyin (imported only when a damaged span holds an orphaned annotation)."""
    import pypinyin

    return pypinyin


def _toneless(syllable: str) -> str:
    return "".join(_PLAIN.get(c, c) for c in syllable).replace("ü", "v")


@lru_cache(maxsize=8192)
def _readings(ch: str) -> tuple[frozenset[str], frozenset[str]]:
    """The pinyin readings of ``ch`` (every heteronym), with tone marks and without."""
    pp = _pypinyin()
    got = {r for group in pp.pinyin(ch, style=pp.Style.TONE, heteronym=True) for r in group}
    got.discard(ch)  # pypinyin gives the character itself back when it has no reading
    return frozenset(got), frozenset(_toneless(r) for r in got)


def _annotation_fit(ch: str | None, syllable: str) -> float:
    """0.0 when ``syllable`` is a reading of ``ch``, else a share of :data:`ANNOTATION_MISMATCH`."""
    if ch is None or not _is_cjk(ch):
        return ANNOTATION_MISMATCH
    toned, plain = _readings(ch)
    if syllable in toned:
        return 0.0
    if _toneless(syllable) in plain:
        return ANNOTATION_MISMATCH / 2
    return ANNOTATION_MISMATCH


def _gbk_char(pair: bytes) -> str | None:
    try:
        ch = pair.decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 else None


def _encode_gbk(ch: str) -> bytes | None:
    try:
        return ch.encode("gbk")
    except UnicodeEncodeError:
        return None


def _search_span(text: str, q: int, script: str | None = None) -> dict | None:
    """Search a repair for the ``?`` at ``text[q]``. None when it does not look damaged."""
    line_end = text.find("\n", q)
    if line_end < 0:
        line_end = len(text)
    i = q + 1
    lost = _LOST_PAREN.match(text, i)
    orphan = None  # the pinyin of an annotation that lost its "(" right after the "?"
    if lost and _is_pinyin(lost.group()[:-1]):
        i = lost.end()
        orphan = lost.group()[:-1]
    # Re-encode the rest of the line; ASCII punctuation right after the lost byte was probably
    # a full-width form (the scraper folded them to ASCII); a further "?" is an invalid pair.
    tokens: list = []  # bytes, or ("?", pos)
    j = i
    while j < line_end and j < i + 80:
        ch = text[j]
        if ch == "?":
            tokens.append(("?", j))
        elif j == i and ch in _FULLWIDTH_OF:
            tokens.append(_FULLWIDTH_OF[ch].encode("gbk"))
        else:
            b = _encode_gbk(ch)
            if b is None:
                break
            tokens.append(b)
        j += 1
    window_end = j
    if not tokens or not isinstance(tokens[0], bytes) or tokens[0][0] < 0x40:
        return None  # nothing to pair the lost lead byte with
    first = tokens[0][0]

    # Decode aligned: lost lead + first byte, then the remaining bytes in step.
    def decode_rest(unknown_choice: dict[int, int]) -> str | None:
        out: list[str] = []
        stream: list[int] = []
        for k, t in enumerate(tokens):
            if isinstance(t, bytes):
                stream.extend(t)
            else:  # a placeholder: (trail byte, swallowed ASCII byte or NUL if unknown)
                stream.append(unknown_choice.get(i + k, -1))
                stream.append(ord(unknown_choice.get(-(i + k) - 1, "\x00")))
        stream = stream[1:]  # the first byte pairs with the lost lead (decoded separately)
        p = 0
        while p < len(stream):
            b = stream[p]
            if b < 0:
                return None
            if b < 0x80:
                out.append(chr(b))
                p += 1
                continue
            if p + 1 >= len(stream) or stream[p + 1] < 0:
                return None
            ch = _gbk_char(bytes([b, stream[p + 1]]))
            if ch is None:
                return None
            out.append(ch)
            p += 2
        return "".join(out)

    # Placeholders: each "?" stands for (trail byte, swallowed ASCII byte)
    unknowns = [pos for t in tokens if not isinstance(t, bytes) for pos in [t[1]]]
    choice: dict = {}
    for pos in unknowns:
        restored = None
        for pat, ch in _RESTORE_AFTER:
            m = pat.match(text, pos + 1)
            if m and (ch != "(" or _is_pinyin(m.group()[:-1])):
                restored = ch
                break
        choice[-pos - 1] = restored or "\x00"
        choice[pos] = 0x40  # provisional, searched below
    left = strip_annotations(text[max(0, q - 40) : q])[-4:]

    # Annotation evidence. In the out-of-step reading, the trail byte of the character before
    # the "?" and the lost byte formed one character, and an orphaned annotation right after
    # the "?" is that character's pinyin (持 B3 D6, lost 94: D6 94 is 謹, annotated jǐn; the
    # lost byte 94 then pairs with U 55 as 擴). So each candidate lost byte implies a character
    # whose readings must include the annotation's syllable.
    lead_fit: dict[int, float] = {}
    prev = _encode_gbk(text[q - 1]) if q > 0 else None
    if orphan and prev and prev[-1] >= 0x81:  # a trail byte that can lead a GBK pair
        for lead in range(0x81, 0xFF):
            lead_fit[lead] = _annotation_fit(_gbk_char(bytes([prev[-1], lead])), orphan)
    # A "?" that swallowed the "(" of an annotation: the annotation belongs to the repaired
    # character before the restored "(", which must read as its syllable.
    restored_paren = any(choice[-pos - 1] == "(" for pos in unknowns)

    def annotation_fit(lead: int, decoded: str, rep_len: int) -> float:
        total = lead_fit.get(lead, 0.0)
        if restored_paren:
            for m in _ANNOT.finditer(decoded, 1):
                if m.start() >= rep_len:
                    break
                if _is_pinyin(m.group(1)):
                    total += _annotation_fit(decoded[m.start() - 1], m.group(1))
        return total

    rest_cache: dict = {}

    def candidate_text(lead: int, ch: dict) -> tuple[str, str] | None:
        c0 = _gbk_char(bytes([lead, first]))
        if c0 is None:
            return None
        key = tuple(sorted(ch.items()))
        if key not in rest_cache:
            rest_cache[key] = decode_rest(ch)
        rest = rest_cache[key]
        if rest is None:
            return None
        return c0 + rest, rest

    base = None
    for provisional in (0x40, 0xA1, 0xB0):  # a placeholder's trail byte, searched below
        for pos in unknowns:
            choice[pos] = provisional
        for lead in range(0x81, 0xFF):
            base = candidate_text(lead, choice)
            if base is not None:
                break
        if base is not None:
            break
    if base is None:
        return None  # no aligned reading decodes: not GBK mojibake
    damaged_window = text[i:window_end]
    # Realignment: the aligned decoding and the damaged text agree from some point on.
    decoded = base[0]
    k = 0
    while (
        k < len(decoded) - 1
        and k < len(damaged_window)
        and decoded[-1 - k] == damaged_window[-1 - k]
    ):
        k += 1
    rep_len = len(decoded) - k
    dmg_end = window_end - k
    if k == 0:
        return None  # never realigns on this line: not GBK mojibake
    # A lost-paren annotation right after the span belongs to a character inside it.
    r0 = dmg_end
    m = _LOST_PAREN.match(text, r0)
    if m and _is_pinyin(m.group()[:-1]):
        r0 = m.end()
    context_right = strip_annotations(text[r0 : min(line_end, r0 + 40)])[:4]

    def score(lead: int, ch: dict) -> float | None:
        c = candidate_text(lead, ch)
        if c is None:
            return None
        middle = c[0][:rep_len].replace("\x00", "").removesuffix("(")
        fit = annotation_fit(lead, c[0], rep_len) if lead_fit or restored_paren else 0.0
        return _logprob(left + middle + context_right, middle, script) + fit

    def rank(options) -> list[tuple[float, object]]:
        scored = []
        for opt, lead, ch in options:
            s = score(lead, ch)
            if s is not None:
                scored.append((s, opt))
        scored.sort(key=lambda x: -x[0])
        return scored

    # 1. the lost lead byte
    leads = rank((lead, lead, choice) for lead in range(0x81, 0xFF))
    if not leads:
        return None
    best_lead = leads[0][1]
    margins = [leads[0][0] - leads[1][0] if len(leads) > 1 else 99.0]
    # 2. each swallowed trail byte, given the lead
    for pos in unknowns:
        opts = []
        for t in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            ch = dict(choice)
            ch[pos] = t
            opts.append((t, best_lead, ch))
        ranked = rank(opts)
        if not ranked:
            return {"raw_start": q, "raw_end": dmg_end, "status": "review", "candidates": []}
        choice[pos] = ranked[0][1]
        margins.append(ranked[0][0] - ranked[1][0] if len(ranked) > 1 else 99.0)
        if choice[-pos - 1] == "\x00":
            margins.append(0.0)  # the swallowed byte could not be inferred
    # 3. rank the lead again with the chosen trail bytes
    leads = rank((lead, lead, choice) for lead in range(0x81, 0xFF))
    best_lead = leads[0][1]
    margins[0] = leads[0][0] - leads[1][0] if len(leads) > 1 else 99.0
    full = candidate_text(best_lead, choice)
    repaired = full[0][:rep_len].replace("\x00", "")
    # Compare with leaving the text as it is (a genuine "?" would score better unrepaired).
    as_is = _logprob(left + text[q:dmg_end] + context_right)
    if _logprob(left + repaired + context_right) < as_is:
        return None
    cands = []
    for s, lead in leads[:5]:
        c = candidate_text(lead, choice)
        cands.append({"text": c[0][:rep_len].replace("\x00", ""), "score": round(s, 2)})
    confident = min(margins) >= CONFIDENCE_MARGIN
    return {
        "raw_start": q,
        "raw_end": dmg_end,
        "proposed": repaired,
        "lead_byte": f"{best_lead:02x}",
        "margin": round(min(margins), 2),
        "status": "auto" if confident else "review",
        "candidates": cands,
        "lost_paren_annotation": bool(lost and i > q + 1),
    }


def _find_damage(text: str, skip: list[tuple[int, int]]) -> list[dict]:
    found = []
    pos = 0
    script = _document_script(text) if "?" in text else None
    while True:
        q = text.find("?", pos)
        if q < 0:
            break
        pos = q + 1
        if any(a <= q < b for a, b in skip) or q == 0:
            continue
        prev = text[q - 1]
        if not (_is_cjk(prev) or prev in ")”“。，、"):
            continue
        r = _search_span(text, q, script)
        if r is None:
            continue
        found.append(r)
        pos = max(pos, r["raw_end"])
    return found


def _locate_correction(raw_text: str, c: dict) -> tuple[int, int]:
    damaged = c["damaged"]
    if c.get("raw_start") is not None:
        s = int(c["raw_start"])
        if raw_text[s : s + len(damaged)] == damaged:
            return s, s + len(damaged)
    occurrence = int(c.get("occurrence", 1))
    s = -1
    for _ in range(occurrence):
        s = raw_text.find(damaged, s + 1)
        if s < 0:
            break
    if s < 0:
        raise CorrectionError(
            f"reviewed correction for {c.get('source_id', '?')!r} does not match the raw text: "
            f"{damaged!r} (occurrence {occurrence}) not found; update data/corrections.yml"
        )
    return s, s + len(damaged)


def _mojibake_edits(text: str, corrections: Sequence[dict], source_id: str):
    edits: list[tuple[int, int, str]] = []
    repairs: list[dict] = []
    reviewed: list[tuple[int, int]] = []
    for c in corrections:
        if c.get("source_id", source_id) != source_id:
            continue
        s, e = _locate_correction(text, c)
        reviewed.append((s, e))
        edits.append((s, e, c["replacement"]))
        repairs.append(
            {
                "raw_start": s,
                "raw_end": e,
                "damaged": text[s:e],
                "repaired": c["replacement"],
                "status": "reviewed",
                "reviewer": c.get("reviewer"),
                "reason": c.get("reason"),
            }
        )
    lost_paren = 0
    for r in _find_damage(text, reviewed):
        r["damaged"] = text[r["raw_start"] : r["raw_end"]]
        if r["status"] == "auto":
            r["repaired"] = r["proposed"]
            edits.append((r["raw_start"], r["raw_end"], r["repaired"]))
            lost_paren += r["lost_paren_annotation"]
        else:
            r["repaired"] = None
        repairs.append(r)
    # auto-found spans inside a reviewed correction are the reviewed ones
    repairs.sort(key=lambda r: r["raw_start"])
    return edits, repairs, lost_paren


def repair_text(raw_text: str, corrections: Sequence[dict] = (), source_id: str = "") -> str:
    """The decoded text with mojibake repaired (still traditional, still annotated)."""
    edits, _, _ = _mojibake_edits(raw_text, corrections, source_id)
    out, _ = _apply(raw_text, list(range(len(raw_text) + 1)), edits, None)
    return out


# --------------------------------------------------------------------------- t2s, punctuation


def _t2s_step(text: str, offs: list[int]):
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out, offs, sum(1 for a, b in zip(text, out, strict=True) if a != b)
    # a phrase conversion changed length somewhere: convert line by line, spread within lines
    edits = []
    changed = 0
    start = 0
    for line in text.split("\n"):
        conv_line = conv.convert(line)
        if conv_line != line:
            edits.append((start, start + len(line), conv_line))
            changed += sum(1 for a, b in zip(line, conv_line, strict=False) if a != b)
        start += len(line) + 1
    out, offs = _apply(text, offs, edits, None)
    return out, offs, changed


_CJK_PUNCT = set("，。、；：！？“”‘’《》（）【】—…·「」『』")


def _cjkish(ch: str) -> bool:
    return _is_cjk(ch) or ch in _CJK_PUNCT


def _digitish(ch: str) -> bool:
    return ch.isdigit() or 0xFF10 <= ord(ch) <= 0xFF19


def _punctuation_edits(text: str) -> list[tuple[int, int, str]]:
    edits = []
    n = len(text)
    for k, ch in enumerate(text):
        o = ord(ch)
        if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A or ch == "％":
            edits.append((k, k + 1, chr(o - 0xFEE0)))
        elif ch == "．" and 0 < k < n - 1 and _digitish(text[k - 1]) and _digitish(text[k + 1]):
            edits.append((k, k + 1, "."))  # a full-width decimal point: ８．５ -> 8.5
        elif ch in ",;:!?":
            prev = text[k - 1] if k else ""
            nxt = text[k + 1] if k + 1 < n else ""
            if prev.isdigit() and nxt.isdigit():
                continue  # 3,000 or 12:30
            if _cjkish(prev) or _cjkish(nxt):
                edits.append((k, k + 1, _FULLWIDTH_OF[ch]))
    return edits


_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\x00"}
_SPACE = {" ", "\t", "\u3000", "\xa0", "\x0b", "\x0c"}


def _control_edits(text: str) -> list[tuple[int, int, str]]:
    """``\\r\\n`` -> ``\\n``, lone ``\\r`` -> ``\\n``, zero-width/control characters dropped."""
    edits: list[tuple[int, int, str]] = []
    n = len(text)
    for k, ch in enumerate(text):
        if ch == "\r":
            edits.append((k, k + 1, "" if k + 1 < n and text[k + 1] == "\n" else "\n"))
        elif ch in _DROP or (ord(ch) < 0x20 and ch != "\n" and ch not in _SPACE) or ch == "\x7f":
            edits.append((k, k + 1, ""))
    return edits


def _space_edits(text: str) -> list[tuple[int, int, str]]:
    """Trim lines, collapse space runs to one space, one ``\\n`` between paragraphs."""
    edits: list[tuple[int, int, str]] = []
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


# --------------------------------------------------------------------------- the pipeline


def normalize(raw: bytes, *, corrections: Sequence[dict] = (), source_id: str = "") -> Normalized:
    """Run the whole pipeline on the raw bytes of one document (see the module docstring)."""
    raw_text, encoding = decode(raw)
    byte_offs = _byte_offsets(raw, raw_text, encoding)
    steps: list[dict] = []
    atoms: list[tuple[int, int]] = []
    text = raw_text
    offs = list(range(len(raw_text) + 1))
    steps.append({"step": "decode", "encoding": encoding, "bytes": len(raw), "chars": len(text)})

    # 2. mojibake (reviewed corrections first, then the automatic search)
    if "?" in text or corrections:
        edits, repairs, lost_paren = _mojibake_edits(text, corrections, source_id)
    else:
        edits, repairs, lost_paren = [], [], 0
    text, offs = _apply(text, offs, edits, atoms, atomic=True)
    steps.append(
        {
            "step": "mojibake",
            "spans": len(repairs),
            "auto": sum(r["status"] == "auto" for r in repairs),
            "reviewed": sum(r["status"] == "reviewed" for r in repairs),
            "review": sum(r["status"] == "review" for r in repairs),
            "annotations_in_spans": lost_paren,
        }
    )

    # 3. pinyin annotations
    edits = _annotation_edits(text)
    text, offs = _apply(text, offs, edits, None)
    steps.append({"step": "annotations", "stripped": len(edits)})

    # 4. traditional -> simplified
    text, offs, converted = _t2s_step(text, offs)
    steps.append({"step": "t2s", "converter": "opencc t2s", "converted": converted})

    # 5. punctuation
    edits = _punctuation_edits(text)
    text, offs = _apply(text, offs, edits, None)
    steps.append({"step": "punctuation", "changed": len(edits)})

    # 6. whitespace
    before = len(text)
    text, offs = _apply(text, offs, _control_edits(text), None)
    text, offs = _apply(text, offs, _space_edits(text), None)
    steps.append({"step": "whitespace", "removed": before - len(text)})
    offs[-1] = len(raw_text)
    return Normalized(
        text=text,
        raw_text=raw_text,
        encoding=encoding,
        offsets=tuple(offs),
        steps=tuple(steps),
        repairs=tuple(repairs),
        byte_offsets=byte_offs,
        atoms=tuple(sorted(atoms)),
        raw=raw,
    )
