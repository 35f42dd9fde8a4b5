"""Normalization of a raw Chinese document, with an exact offset map back to the raw bytes.

The package owns everything between the raw bytes of a source and the text that figures are
read from: decoding, repairing scraping damage, stripping pinyin annotations, converting to
simplified characters and tidying punctuation and whitespace, each change recorded so that any
span of the normalized text leads back to the raw bytes it came from. One module per idea,
dependencies pointing one way (``edits`` at the bottom, this pipeline on top):

- ``edits``        the edit machinery with the offset map, and the result type :class:`Normalized`
- ``script``       OpenCC t2s, script detection (simplified or traditional), common characters
- ``decode``       encoding detection and strict decoding, byte offsets of each character
- ``annotations``  pinyin annotations after characters (``協(xié)``) and their readings
- ``punctuation``  punctuation, control characters and whitespace; numbers damaged at a point
- ``mojibake``     finding and repairing GBK lost-byte damage, applying reviewed corrections

:func:`normalize` runs a fixed sequence of steps; each one is recorded in ``Normalized.steps``:

1. ``decode``       detect the encoding (BOM, UTF-8, GBK, GB18030, Big5, UTF-16/32) and decode
                    strictly. Empty, binary (PDF, images, archives, NUL-heavy data) and
                    undecodable input raises :class:`DecodeError`.
2. ``mojibake``     find GBK mojibake spans (a ``?`` where a byte was lost, the bytes after it
                    decoded one out of step) and repair them: reviewed corrections first, then
                    a search scored with jieba's word frequencies and, where the damage orphaned
                    one, a pinyin annotation. A repair is automatic only when the best reading
                    clearly beats the runner-up and is made of common characters; otherwise
                    the span is left as it is and listed for ``review``.
3. ``annotations``  strip inline pinyin annotations: a parenthesised lowercase pinyin syllable
                    right after a CJK character, with a tone mark (``協(xié)`` -> ``協``) or
                    without one when it is a reading of that character (``們(men)``).
4. ``t2s``          traditional -> simplified with OpenCC ``t2s``.
5. ``punctuation``  quotes a scrape turned into ``;;`` back to ``“”`` (in a text with none);
                    full-width letters and digits, and years in Chinese numerals (二〇二三年),
                    to ASCII digits; ASCII punctuation in a Chinese
                    context and compatibility forms (``﹔﹕﹐﹒︰``...) to the ordinary full-width
                    marks, one character for one character; then a doubled clause or sentence
                    mark (``，，``, ``。。``) to one.
6. ``whitespace``   line ends, control and zero-width characters, runs of spaces, blank lines.
7. ``numbers``      a check that changes nothing: numbers that lost a digit next to a decimal
                    point (``45.万人次``, ``增长.36%``, ``1,.5亿元``), listed with their span in
                    the normalized text (``report()["damaged_numbers"]``) for the review.

Offsets: ``Normalized.offsets[i]`` is the index in ``raw_text`` of the character that normalized
character ``i`` came from (``offsets[len(text)] == len(raw_text)``). A span ``text[a:b]`` maps
back to ``raw_text[offsets[a]:offsets[b]]`` (deleted material such as an annotation belongs to
the character before it); a repaired span is atomic, so a normalized span touching it maps to the
whole damaged raw span. ``raw_bytes`` uses a char->byte map of the decoded text, so it returns
exactly the bytes of the raw file.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportbook.errors import CorrectionError, DecodeError

from .annotations import annotation_edits, is_pinyin, strip_annotations

# The function ``decode`` takes the package attribute of the module it comes from: import the
# module's other names from ``reportbook.normalize.decode`` directly.
from .decode import byte_offsets, decode
from .edits import Normalized, apply_edits
from .mojibake import mojibake_edits, repair_text
from .punctuation import (
    control_edits,
    damaged_numbers,
    doubled_edits,
    punctuation_edits,
    quote_edits,
    space_edits,
    year_edits,
)
from .script import char_script, is_cjk, t2s_step

__all__ = [
    "CorrectionError",
    "DecodeError",
    "Normalized",
    "byte_offsets",
    "char_script",
    "decode",
    "is_cjk",
    "normalize",
    "repair_text",
    "strip_annotations",
]


def normalize(raw: bytes, *, corrections: Sequence[dict] = (), source_id: str = "") -> Normalized:
    """Run the whole pipeline on the raw bytes of one document (see the package docstring)."""
    raw_text, encoding = decode(raw)
    byte_offs = byte_offsets(raw, raw_text, encoding)
    steps: list[dict] = []
    atoms: list[tuple[int, int]] = []
    text = raw_text
    offs = list(range(len(raw_text) + 1))
    steps.append({"step": "decode", "encoding": encoding, "bytes": len(raw), "chars": len(text)})

    # 2. mojibake (reviewed corrections first, then the automatic search)
    if "?" in text or corrections:
        edits, repairs, lost_paren = mojibake_edits(text, corrections, source_id)
    else:
        edits, repairs, lost_paren = [], [], 0
    text, offs = apply_edits(text, offs, edits, atoms, atomic=True)
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
    edits = annotation_edits(text)
    toneless = sum(not is_pinyin(text[s + 1 : e - 1]) for s, e, _ in edits)
    text, offs = apply_edits(text, offs, edits, None)
    steps.append({"step": "annotations", "stripped": len(edits), "toneless": toneless})

    # 4. traditional -> simplified
    text, offs, converted = t2s_step(text, offs)
    steps.append({"step": "t2s", "converter": "opencc t2s", "converted": converted})

    # 5. punctuation (a span listed as damaged keeps its marks as they are, for the review)
    quotes = quote_edits(text)
    text, offs = apply_edits(text, offs, quotes, None)
    edits = punctuation_edits(text) + year_edits(text)
    text, offs = apply_edits(text, offs, sorted(edits), None)
    damaged = [(r["raw_start"], r["raw_end"]) for r in repairs]
    doubled = doubled_edits(text, lambda k: any(a <= offs[k] < b for a, b in damaged))
    text, offs = apply_edits(text, offs, doubled, None)
    steps.append({"step": "punctuation", "changed": len(edits), "collapsed": len(doubled),
                  "quotes": len(quotes)})  # fmt: skip

    # 6. whitespace
    before = len(text)
    text, offs = apply_edits(text, offs, control_edits(text), None)
    text, offs = apply_edits(text, offs, space_edits(text), None)
    steps.append({"step": "whitespace", "removed": before - len(text)})

    # 7. numbers damaged by scraping: listed for the review, never guessed
    steps.append({"step": "numbers", "damaged": damaged_numbers(text)})
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
