"""GBK mojibake: finding spans damaged by a lost byte, repairing them, reviewed corrections.

The damage: a scraper lost one byte of a GBK text (a ``?`` is left where it was) and decoded
the bytes after it one out of step, until the two readings realign. Reviewed corrections (from
``data/corrections.yml``) are applied first and win; then every remaining damaged span is
searched: the span is re-encoded as GBK, each candidate lost lead byte 0x81-0xFE is put back
(and any further ``?`` inside the span, an invalid pair that swallowed one ASCII byte, is
searched as well), the result is decoded as GBK and scored as Chinese with jieba's word
frequencies on its simplified form. A pinyin annotation orphaned in the span is evidence too
(pypinyin, loaded only then): one right after the ``?`` (it lost its ``(``) is the pinyin of
the character that the preceding character's trail byte and the lost byte formed out of step,
and one whose ``(`` a further ``?`` swallowed belongs to the repaired character before it; a
candidate whose implied character lacks that reading costs :data:`ANNOTATION_MISMATCH`. A
repair is applied only when the best reading beats the runner-up by
:data:`CONFIDENCE_MARGIN` (natural-log units) and is made of common characters (either
script's, or common Chinese punctuation; an ASCII byte put back where an invalid pair swallowed
it counts as found); otherwise the span is left as it is and listed with status ``review``,
its proposed reading and, in ``uncommon``, the characters that were not common.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from reportbook.errors import CorrectionError

from .annotations import ANNOTATION, LOST_PAREN, is_pinyin, readings, strip_annotations, toneless
from .edits import Edit, apply_edits
from .punctuation import FULLWIDTH_OF
from .script import char_script, document_script, is_cjk, simplified

__all__ = [
    "ANNOTATION_MISMATCH",
    "CONFIDENCE_MARGIN",
    "mojibake_edits",
    "repair_text",
]

#: A repair is automatic only when the best candidate's log-probability beats the runner-up's
#: by at least this much (natural log; 5.0 means about 150 times more likely). Measured on lost
#: bytes made like source 000's in lines of both sources: with 3.0, 1.9% of automatic repairs
#: were wrong (names such as 朱曉東 read 朱以東); with 5.0, 0.2%, while a third fewer were
#: automatic. The weakest automatic repair in source 000 has a margin of 5.4.
CONFIDENCE_MARGIN = 5.0

_RESTORE_AFTER = [  # the ASCII byte an invalid pair swallowed, from what follows it
    (LOST_PAREN, "("),
    (re.compile(r"/[A-Za-z]+>"), "<"),
]


@lru_cache(maxsize=1)
def _jieba():
    """jieba's word frequencies (loaded only when a damaged span is found: about a second)."""
    import logging  # deferred with jieba below

    import jieba  # deferred: its dictionary takes a second; only for damaged spans

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
    s = simplified(text)
    total = 0.0
    run: list[str] = []
    for ch in s:
        if is_cjk(ch):
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
        if is_cjk(ch):
            kind = char_script(ch)
            if kind == "rare" or kind == other:
                total += SCRIPT_PENALTY
    return total


def _annotation_fit(ch: str | None, syllable: str) -> float:
    """0.0 when ``syllable`` is a reading of ``ch``, else a share of :data:`ANNOTATION_MISMATCH`."""
    if ch is None or not is_cjk(ch):
        return ANNOTATION_MISMATCH
    toned, plain = readings(ch)
    if syllable in toned:
        return 0.0
    if toneless(syllable) in plain:
        return ANNOTATION_MISMATCH / 2
    return ANNOTATION_MISMATCH


def _common(ch: str) -> bool:
    """A common character of either script, or common Chinese punctuation."""
    if is_cjk(ch):
        return char_script(ch) != "rare"
    return ch in _COMMON_PUNCT


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
    lost = LOST_PAREN.match(text, i)
    orphan = None  # the pinyin of an annotation that lost its "(" right after the "?"
    if lost and is_pinyin(lost.group()[:-1]):
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
        elif j == i and ch in FULLWIDTH_OF:
            tokens.append(FULLWIDTH_OF[ch].encode("gbk"))
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
            if m and (ch != "(" or is_pinyin(m.group()[:-1])):
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
            for m in ANNOTATION.finditer(decoded, 1):
                if m.start() >= rep_len:
                    break
                if is_pinyin(m.group(1)):
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
    m = LOST_PAREN.match(text, r0)
    if m and is_pinyin(m.group()[:-1]):
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
    # Automatic only with both kinds of evidence: a clear margin over the runner-up, and a
    # reading made of common characters. Word frequencies score ASCII and unknown symbols
    # as nothing, so a genuine "?" before a character whose trail byte is ASCII in GBK (開 is
    # E9 5F) "repairs" to a common word plus "_" with a margin over the next word.
    restored = {choice[-pos - 1] for pos in unknowns} - {"\x00"}
    uncommon = [c for c in dict.fromkeys(repaired) if not _common(c) and c not in restored]
    confident = min(margins) >= CONFIDENCE_MARGIN and not uncommon
    return {
        "raw_start": q,
        "raw_end": dmg_end,
        "proposed": repaired,
        "lead_byte": f"{best_lead:02x}",
        "margin": round(min(margins), 2),
        "uncommon": uncommon,
        "status": "auto" if confident else "review",
        "candidates": cands,
        "lost_paren_annotation": bool(lost and i > q + 1),
    }


def _find_damage(text: str, skip: list[tuple[int, int]]) -> list[dict]:
    found = []
    pos = 0
    script = document_script(text) if "?" in text else None
    while True:
        q = text.find("?", pos)
        if q < 0:
            break
        pos = q + 1
        if any(a <= q < b for a, b in skip) or q == 0:
            continue
        prev = text[q - 1]
        if not (is_cjk(prev) or prev in ")”“。，、"):
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


def mojibake_edits(text: str, corrections: Sequence[dict], source_id: str):
    """``(edits, repairs, annotations lost in spans)``: the reviewed corrections for
    ``source_id``, then every other damaged span found (an edit only when it is ``auto``)."""
    edits: list[Edit] = []
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
    edits, _, _ = mojibake_edits(raw_text, corrections, source_id)
    out, _ = apply_edits(raw_text, list(range(len(raw_text) + 1)), edits, None)
    return out
