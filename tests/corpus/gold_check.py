"""Well-formedness of the corpus gold (no extractor involved): ``python gold_check.py [ID ...]``.

Checks each gold file against its document's text and the conventions of README.md: the
context occurs exactly once in the decoded document, the span lies inside the context, the
fields take their allowed values, periods are in the ledger's forms, value and sign agree with
the span. Prints every problem; exit status 1 when there is any.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
QUALIFIERS = {"eq", "ge", "gt", "le", "lt", "approx", "range"}
KINDS = {"actual", "target", "forecast", "plan"}
MEASURES = {"level", "growth", "change", "share", "per_capita", "count", "rank", "ratio"}
PERIOD = re.compile(
    r"\d{4}(-H[12]|-Q[1-4]|-\d{2}|-\d{2}-\d{2}|-\d{2}/\d{4}-\d{2}|/\d{4}|-\d{2}-\d{2}/\d{4}-\d{2}-\d{2})?"
)
ASCII_UNITS = {"GW", "MW", "kW", "GWh", "MWh", "kWh", "km", "m", "kg", "t", "mm"}
FIELDS = {
    "context", "span", "value", "value_high", "unit", "qualifier", "kind", "period", "place",
    "subset", "indicator", "indicator_zh", "measure", "share_of", "borderline", "note",
    "damaged", "occurrence",
}  # fmt: skip


def corpus() -> dict[str, dict]:
    docs = yaml.safe_load((HERE / "corpus.yml").read_text(encoding="utf-8"))["documents"]
    return {d["id"]: d for d in docs}


def text_of(doc: dict) -> str:
    return (HERE / "docs" / f"{doc['id']}.txt").read_bytes().decode(doc["encoding"])


def problems(doc_id: str, docs: dict[str, dict]) -> list[str]:
    out: list[str] = []
    path = HERE / "gold" / f"{doc_id}.yml"
    if not path.exists():
        return [f"{doc_id}: no gold file"]
    try:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return [f"{path.name}: not valid YAML: {exc}"]
    text = text_of(docs[doc_id])
    if gold.get("source") != doc_id:
        out.append(f"{path.name}: source should be {doc_id}")
    for n, f in enumerate(gold.get("figures") or [], 1):
        where = f"{path.name} figure {n} ({f.get('span')!r})"
        extra = set(f) - FIELDS
        if extra:
            out.append(f"{where}: unknown fields {sorted(extra)}")
        ctx, span = str(f.get("context", "")), str(f.get("span", ""))
        count = text.count(ctx) if ctx else 0
        occ = f.get("occurrence")
        if count == 0:
            out.append(f"{where}: context {ctx!r} not found in the document")
        elif count > 1 and not occ:
            out.append(f"{where}: context {ctx!r} occurs {count} times; make it unique")
        if span and span not in ctx:
            out.append(f"{where}: span {span!r} is not inside the context {ctx!r}")
        if f.get("qualifier") not in QUALIFIERS:
            out.append(f"{where}: qualifier {f.get('qualifier')!r}")
        if f.get("kind") not in KINDS:
            out.append(f"{where}: kind {f.get('kind')!r}")
        if f.get("measure") not in MEASURES:
            out.append(f"{where}: measure {f.get('measure')!r}")
        p = f.get("period")
        if p is not None and not PERIOD.fullmatch(str(p)):
            out.append(f"{where}: period {p!r} is not a ledger form")
        if (f.get("qualifier") == "range") != (f.get("value_high") is not None):
            out.append(f"{where}: value_high is set exactly when qualifier is range")
        if not f.get("damaged"):
            v = f.get("value")
            if not isinstance(v, int | float):
                out.append(f"{where}: value {v!r} is not a number")
            digits = re.findall(r"\d+(?:\.\d+)?", span.replace(",", ""))
            frac = re.fullmatch(r"(\d+)/(\d+)", span)
            if frac and f.get("unit") == "%":  # a fraction is a share in percent (README)
                digits = [f"{100 * int(frac[1]) / int(frac[2]):.2f}"]
            tolerance = 0.005 if frac else 1e-9
            if digits and isinstance(v, int | float) and abs(float(digits[0]) - abs(v)) > tolerance:
                if not (f.get("unit", "").startswith(("万", "亿", "千")) and "级" in ctx):
                    out.append(f"{where}: value {v} but the span's first number is {digits[0]}")
        unit = str(f.get("unit") or "")
        if re.fullmatch(r"[A-Za-z_ ]+", unit) and unit not in ASCII_UNITS:
            out.append(f"{where}: unit {f.get('unit')!r} is no printed unit (个百分点, 万元, %)")
        if not f.get("place"):
            out.append(f"{where}: no place")
        for k in ("indicator", "indicator_zh", "unit"):
            if f.get(k) in (None, "") and not (k == "unit" and f.get("value") == 0):
                out.append(f"{where}: no {k}")
    return out


def main(argv: list[str]) -> int:
    docs = corpus()
    ids = argv or sorted(p.stem for p in (HERE / "gold").glob("*.yml"))
    found = [m for i in ids for m in problems(i, docs)]
    for m in found:
        print(m)
    print(f"{len(ids)} gold files, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
