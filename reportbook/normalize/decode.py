"""Encoding detection, strict decoding, and the byte position of every decoded character.

:func:`decode` tries, in order: a byte-order mark (UTF-8, UTF-16, UTF-32); a refusal of
binary input (PDF, images, archives, executables, control-byte-heavy data), except UTF-16
without a BOM that reads as clean Chinese; UTF-8; then GBK, GB18030, Big5, CP950 and
Big5-HKSCS, a superset named only when the narrower encoding fails, and GBK against Big5
decided by which reading is more plausible Chinese. Empty, binary and undecodable input
raises :class:`~reportbook.errors.DecodeError` with what to do.
"""

from __future__ import annotations

import codecs

from reportbook.errors import DecodeError

from .edits import span_codec
from .script import common_hanzi

__all__ = ["byte_offsets", "decode"]

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


def _plausibility(text: str) -> float:
    """Share of non-ASCII letters that are common Chinese characters or CJK punctuation."""
    common = common_hanzi()
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


def byte_offsets(raw: bytes, text: str, encoding: str) -> tuple[int, ...]:
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
        codec = span_codec(encoding)
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
