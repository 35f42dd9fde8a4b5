"""Measure extraction against the development corpus's gold (``make eval``).

Each document of ``tests/corpus/corpus.yml`` is ingested into a throwaway copy of the project
as a new user would add it (``ingest FILE --date PUBLISHED --title TITLE --url URL --id ID``;
no region given), the ledger is extracted, and every figure is matched with the gold written by a
separate reader (``tests/corpus/gold/<id>.yml``): a ledger row matches a gold figure when its
span, mapped back to the raw text through the normalizer's offset map, overlaps the gold span.

Printed per document and in total:

- recall: gold figures (not borderline, not damaged) that a ledger row matches;
- value: of the matched, value and unit right (unit compared in simplified script);
- kind, qualifier, period, place, sign: of the matched, that field right (a period compares
  by the stretch of time it names; for a stock — installed capacity, or an indicator marked
  ``stock`` — a year or part of a year and its last day are the same observation);
- spurious: ledger rows that match no gold figure (borderline ones excepted), or that read a
  number whose digits were lost in scraping, as a share of all ledger rows;
- indicator (when ``tests/corpus/indicators.yml`` maps gold figures to registry ids): of the
  figures whose indicator is in the registry, the share that get it; of all classified, the
  share classified wrongly.

``--split holdout`` (``holdout2``, or any later batch named ``holdout…`` in corpus.yml) measures
only the documents kept aside (their details are never printed);
``--json`` prints the totals as JSON; ``--show ID`` lists a dev document's mismatches.
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportbook import files, ledger, periods, sources, units  # noqa: E402
from reportbook.paths import Paths  # noqa: E402
from reportbook.registry import load_indicators  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
FIELDS = ("value", "kind", "qualifier", "period", "place", "sign")
_T2S = None


def t2s(s: str) -> str:
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    return _T2S.convert(s or "")


def documents(split: str) -> list[dict]:
    docs = yaml.safe_load((CORPUS / "corpus.yml").read_text(encoding="utf-8"))["documents"]
    return [d for d in docs if split == "all" or d["split"] == split]


def make_project(tmp: Path) -> Paths:
    """A copy of the project's registries with no sources: the corpus is ingested into it."""
    dest = tmp / "project"
    (dest / "data" / "sources").mkdir(parents=True)
    for name in ("indicators.yml", "themes.yml", "glossary.yml"):
        shutil.copy2(ROOT / "data" / name, dest / "data" / name)
    shutil.copytree(ROOT / "data" / "schemas", dest / "data" / "schemas")
    shutil.copy2(ROOT / "_config.yml", dest / "_config.yml")
    (dest / "data" / "sources" / "sources.yml").write_text("sources: []\n", encoding="utf-8")
    return Paths(dest)


def ingest_all(paths: Paths, docs: list[dict]) -> dict[str, str]:
    """Ingest every document; return id -> the error message of those refused."""
    refused = {}
    for d in docs:
        src = CORPUS / "docs" / f"{d['id']}.txt"
        try:
            sources.ingest(paths, src, source_id=d["id"], date=str(d["published"]),
                           title=d.get("title"), url=d.get("url"))  # fmt: skip
        except sources.SourceError as exc:
            refused[d["id"]] = str(exc)
    return refused


def place_key(name) -> str:
    """A place name compared without its administrative suffix (忻州市 = 忻州)."""
    s = t2s(str(name or "")).strip()
    for suffix in ("自治区", "市", "县", "区", "省"):
        if s.endswith(suffix) and len(s) - len(suffix) >= 2:
            return s[: -len(suffix)]
    return {"中国": "全国", "我国": "全国", "全省": "山西"}.get(s, s)


def period_key(p, stock: bool = False):
    if p in (None, ""):
        return None
    q = periods.try_parse(str(p))
    if q is None:
        return ("bad", str(p))
    if stock and not q.is_point and q.start.year == q.end.year:
        # a stock (a level at a date: capacity, population, a balance) "in 2019", "in the first
        # three quarters" is the stock at their end, as official statistics count it
        return (q.end, q.end)
    return q.key


@functools.cache
def _stocks() -> frozenset[str]:
    """The indicators the project's vocabulary marks ``stock``."""
    return frozenset(i.id for i in load_indicators(Paths(ROOT)).indicators if i.stock)


def is_stock(g: dict, r: dict) -> bool:
    """Whether the figure is a stock: installed capacity, or an indicator (the row's or the
    gold's) that data/indicators.yml marks ``stock``."""
    ids = {r.get("indicator_id"), g.get("indicator_gold")}
    return r.get("base_unit") == "kW" or bool(ids & _stocks())


def unit_key(u) -> str:
    return t2s(str(u or "")).replace("％", "%").strip()


def _num(x):
    try:
        return None if x in (None, "") else float(x)
    except (TypeError, ValueError):
        return None


@functools.cache
def gold_indicators() -> dict[str, dict[int, str | None]]:
    """doc id -> figure position (1-based) -> gold indicator id (None: not in the registry),
    from tests/corpus/indicators.yml when a separate reader has written it."""
    f = CORPUS / "indicators.yml"
    if not f.exists():
        return {}
    data = yaml.safe_load(f.read_text(encoding="utf-8"))["documents"]
    return {d: {x["n"]: x.get("indicator_id") for x in xs} for d, xs in data.items()}


def gold_spans(doc: dict, norm) -> list[dict]:
    """The gold figures with their span in the raw text (character offsets)."""
    path = CORPUS / "gold" / f"{doc['id']}.yml"
    gold = files.parse_yaml(path.read_text(encoding="utf-8"), path.name)
    raw = norm.raw_text
    ids = gold_indicators().get(doc["id"], {})
    out = []
    for n, f in enumerate(gold.get("figures") or [], 1):
        f = {**f, "indicator_gold": ids.get(n, "?")}
        ctx, span = str(f["context"]), str(f["span"])
        starts, i = [], raw.find(ctx)
        while i != -1:
            starts.append(i)
            i = raw.find(ctx, i + 1)
        if not starts:
            out.append({**f, "raw": None, "why": "context not in the decoded text"})
            continue
        occ = int(f.get("occurrence") or 1)
        at = starts[min(occ, len(starts)) - 1]
        rs = at + ctx.find(span)
        out.append({**f, "raw": (rs, rs + len(span))})
    return out


def _hidden(split: str) -> bool:
    """Kept-aside splits (holdout, and holdout2, a batch added later and measured once), and
    "all", which holds them: measured in totals, never shown document by document."""
    return split == "all" or split.startswith("holdout")


def evaluate(split: str = "dev", show: str | None = None, quiet: bool = False) -> dict:
    docs = documents(split)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_project(Path(tmp))
        refused = ingest_all(paths, docs)
        df = ledger.extract_all(paths)
        per_doc = {}
        totals = defaultdict(int)
        mismatches = []
        for d in docs:
            c = defaultdict(int)
            if d["id"] in refused:
                c["refused"] = 1
                per_doc[d["id"]] = c
                continue
            norm = sources.normalized(paths, d["id"])
            rows = df[df["source_id"] == d["id"]].to_dict("records")
            for r in rows:
                r["raw"] = norm.raw_span(int(r["char_start"]), int(r["char_end"]))
                r["matched"] = False
            for g in gold_spans(d, norm):
                counted = not g.get("borderline") and not g.get("damaged")
                hits = [r for r in rows if g["raw"] and r["raw"][0] < g["raw"][1]
                        and g["raw"][0] < r["raw"][1]]  # fmt: skip
                if g.get("damaged"):
                    for r in hits:
                        r["matched"] = "damaged"
                    continue
                if counted:
                    c["gold"] += 1
                if not hits:
                    if counted:
                        mismatches.append((d["id"], "missed", g, None))
                    continue
                best = max(hits, key=lambda r: min(r["raw"][1], g["raw"][1])
                           - max(r["raw"][0], g["raw"][0]))  # fmt: skip
                for r in hits:
                    r["matched"] = r["matched"] or True
                if not counted:
                    continue
                c["found"] += 1
                gi, ri = g.get("indicator_gold", "?"), best.get("indicator_id") or ""
                if gi != "?":
                    c["ind_judged"] += 1
                    if gi:
                        c["ind_in_registry"] += 1
                        c["ind_found"] += ri == gi
                    if ri:
                        c["ind_classified"] += 1
                        c["ind_wrong"] += ri != gi
                        if ri != gi:
                            mismatches.append((d["id"], "indicator", {**g, "indicator": gi}, best))
                    elif gi:
                        mismatches.append((d["id"], "indicator", {**g, "indicator": gi}, best))
                got = _compare(g, best)
                # a place the extractor left unknown (no place named, no region given) is
                # not right, but not a false place either: counted apart
                c["place_unknown"] += not got["place"] and not (
                    best.get("place") or _region_place(best)
                )
                c["sign_n"] += "sign" in got
                for k, ok in got.items():
                    c[k] += ok
                    if not ok:
                        mismatches.append((d["id"], k, g, best))
            c["rows"] = len(rows)
            c["spurious"] = sum(1 for r in rows if r["matched"] is not True)
            for r in rows:
                if r["matched"] is not True:
                    mismatches.append((d["id"], "spurious", None, r))
            per_doc[d["id"]] = c
            for k, v in c.items():
                totals[k] += v
    seconds = time.perf_counter() - t0
    result = {"split": split, "documents": len(docs), "refused": sorted(refused), **_rates(totals),
              "counts": dict(totals), "seconds": round(seconds, 1)}  # fmt: skip
    if not quiet:
        _print(per_doc, result, split)
    if not _hidden(split):
        result["mismatches"] = mismatches  # for --show and for analysis; never of holdout
    if show:
        if _hidden(split) or any(d["id"] == show and _hidden(d["split"]) for d in docs):
            print("holdout documents are measured, never shown")
        else:
            for doc_id, what, g, r in mismatches:
                if doc_id == show:
                    _print_mismatch(what, g, r)
    return result


def _compare(g: dict, r: dict) -> dict[str, bool]:
    gv, rv = _num(g.get("value")), _num(r.get("value"))
    out = {
        "value": gv is not None and rv is not None and abs(abs(gv) - abs(rv)) < 1e-9
        and _same_unit(g.get("unit"), r),
        "kind": g.get("kind") == r.get("kind"),
        "qualifier": g.get("qualifier") == r.get("qualifier"),
        "period": period_key(g.get("period"), is_stock(g, r))
        == period_key(r.get("period"), is_stock(g, r)),
        "place": place_key(g.get("place")) == place_key(r.get("place") or _region_place(r)),
    }  # fmt: skip
    if gv is not None and rv is not None and gv != 0:
        out["sign"] = (gv < 0) == (rv < 0) and (gv < 0) == (float(r["value_base"]) < 0)
    return out


def _same_unit(gold_unit, r: dict) -> bool:
    """The gold's unit is the row's as printed, or the row printed a bare scale (人口32万) and
    carries the unit the words imply as its base unit (people: 32万 = 320,000 people), which
    is the gold's (万人)."""
    g, printed = unit_key(gold_unit), unit_key(r.get("unit"))
    if g == printed:
        return True
    implied = units.unit_base(g)
    return (printed in units.SCALES and implied is not None and implied[0] == r.get("base_unit")
            and implied[1] == units.SCALES[printed])  # fmt: skip


def _region_place(r: dict) -> str:
    return {"Xinzhou": "忻州市"}.get(r.get("region", ""), r.get("region", ""))


def _rates(t: dict) -> dict:
    def pct(a, b):
        return round(100.0 * a / b, 1) if b else None

    out = {
        "gold": t["gold"],
        "rows": t["rows"],
        "recall": pct(t["found"], t["gold"]),
        "spurious": pct(t["spurious"], t["rows"]),
    }
    for k in FIELDS:
        denom = t["found"] if k != "sign" else t.get("sign_n", t["found"])
        out[k] = pct(t[k], denom)
    out["place_unknown"] = pct(t.get("place_unknown", 0), t["found"])
    if t.get("ind_judged"):
        # of the figures whose indicator is in the registry, the share that get it; of all
        # classified figures, the share filed under the wrong indicator
        out["indicator_recall"] = pct(t["ind_found"], t["ind_in_registry"])
        out["indicator_wrong"] = pct(t["ind_wrong"], t["ind_classified"])
        out["indicator_unclassified"] = pct(t["ind_judged"] - t["ind_classified"], t["ind_judged"])
    return out


def _print(per_doc: dict, result: dict, split: str) -> None:
    head = f"{'document':48} {'gold':>4} {'rows':>4} {'rec':>6} {'kind':>6} {'per':>6} {'place':>6} {'spur':>5}"  # noqa: E501
    if not _hidden(split):
        print(head)
        for doc_id, c in sorted(per_doc.items()):
            if c.get("refused"):
                print(f"{doc_id:48} refused at ingest")
                continue
            f = c["found"] or 1

            def p(k, f=f, c=c):
                return f"{100 * c[k] / f:5.0f}%" if c["found"] else "    - "

            rec = f"{100 * c['found'] / c['gold']:5.0f}%" if c["gold"] else "    - "
            print(f"{doc_id:48} {c['gold']:4} {c['rows']:4} {rec} {p('kind')} {p('period')} "
                  f"{p('place')} {c['spurious']:5}")  # fmt: skip
    r = result
    print(
        f"\n{split}: {r['documents']} documents, {r['gold']} gold figures, {r['rows']} ledger rows"
        f" ({r['seconds']} s)\n"
        f"  recall {r['recall']}%  value {r['value']}%  kind {r['kind']}%  "
        f"qualifier {r['qualifier']}%  period {r['period']}%  place {r['place']}% "
        f"({r['place_unknown']}% left unknown)  "
        f"sign {r['sign']}%  spurious {r['spurious']}% of rows"
    )
    if "indicator_recall" in r:
        print(
            f"  indicator: of {r['counts']['ind_in_registry']} figures whose indicator is in the "
            f"registry {r['indicator_recall']}% get it; of {r['counts']['ind_classified']} "
            f"classified {r['indicator_wrong']}% wrong; {r['indicator_unclassified']}% of matched "
            "figures unclassified (with a proposal)"
        )
    if r["refused"]:
        print(f"  refused at ingest: {', '.join(r['refused'])}")


def _print_mismatch(what: str, g: dict | None, r: dict | None) -> None:
    if what == "spurious":
        print(f"  spurious  {r['span']!r} {r['kind']} {r['period']} — {r['quote'][:50]}")
    elif what == "missed":
        print(f"  missed    {g['span']!r} in {g['context']!r} ({g.get('why', '')})")
    else:
        gv = {"value": f"{g.get('value')} {g.get('unit')}", "place": g.get("place"),
              "indicator": g.get("indicator"),
              "sign": g.get("value")}.get(what, g.get(what))  # fmt: skip
        rv = {"value": f"{r.get('value')} {r.get('unit')}", "indicator":
              f"{r.get('indicator_id') or '-'} [{r.get('measured')}/{r.get('measure')}]",
              "place": r.get("place") or
              _region_place(r), "sign": f"{r.get('value')} / {r.get('value_base')}"}.get(
            what, r.get(what))  # fmt: skip
        print(f"  {what:9} {g['span']!r}: gold {gv!r}, ledger {rv!r} — {g['context']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    splits = sorted({d["split"] for d in documents("all")}) + ["all"]
    ap.add_argument("--split", choices=splits, default="dev")
    ap.add_argument("--show", metavar="ID", help="list the mismatches of one dev document")
    ap.add_argument("--json", action="store_true", help="print the totals as JSON")
    args = ap.parse_args(argv)
    result = evaluate(args.split, args.show, quiet=args.json)
    if args.json:
        result.pop("mismatches", None)
        print(json.dumps(result, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
