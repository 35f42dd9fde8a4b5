"""Edits with an offset map back to the raw text, and the result type :class:`Normalized`.

Every step of the pipeline expresses what it changes as ``(start, end, replacement)`` edits
and applies them with :func:`apply_edits`, which keeps ``offsets`` (normalized character ->
raw character) exact. This module is the bottom of the package: it imports nothing from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Edit", "Normalized", "apply_edits", "span_codec"]

#: ``(start, end, replacement)`` in the text the edit is applied to.
Edit = tuple[int, int, str]


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
        return self.raw_text[rs:re_].encode(span_codec(self.encoding))

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
            "damaged_numbers": list(by.get("numbers", {}).get("damaged", [])),
        }


def span_codec(encoding: str) -> str:
    """The codec that encodes a slice of text decoded as ``encoding`` (no BOM, one byte order)."""
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(
        encoding, encoding
    )


def apply_edits(
    text: str,
    offs: list[int],
    edits: list[Edit],
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
