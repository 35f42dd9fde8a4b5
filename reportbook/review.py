"""Review: what a person should look at — unclassified figures, inferred kinds, conflicts.

``conflicts(df)`` is the one rule for "these figures disagree", used by this page and by the
chapters: figures about the same place, indicator, kind and period (two spellings of the same
stretch of time are one period) that state different values or qualifiers — within one source
or across sources. A conflict is shown with every figure in it, never resolved by picking one.

``repeats(df, sources)`` is the one rule for "these figures are one report": a source that
duplicates another (``duplicate_of`` in ``sources.yml``: a repost, or the same text kept with
``--allow-duplicate``) repeats that source's figures; each such figure confirms the figure it
repeats and is counted once, through it (``chapters.theme_slice`` leaves it out of every
chapter's rows: series, counts, targets, conflicts). It stays in the ledger, and its source's
page says which figure it confirms. A figure of the repost that states something else (a
revised value, a sentence added) is a figure of its own, and a different value is a conflict.
"""

from __future__ import annotations

from collections import defaultdict

from reportbook import ledger, periods
from reportbook.registry import Registry
from reportbook.schema import format_float


def _brief(r) -> dict:
    return {
        "figure_id": r["figure_id"],
        "source_id": r["source_id"],
        "theme_id": r["theme_id"],
        "indicator_id": r["indicator_id"],
        "span": r["span"],
        "value": r["value"],
        "unit": r["unit"],
        "qualifier": r["qualifier"],
        "kind": r["kind"],
        "period": r["period"],
        "quote": r["quote"],
        "measured": r.get("measured", ""),
        "measure": r.get("measure", ""),
        "kind_cue": r.get("kind_cue", ""),
        "place": r.get("place", ""),
    }


def proposals(df, vocabulary=None) -> list[dict]:
    """Unclassified figures grouped by what they propose: (measured phrase, measure, base
    unit), most figures first. Each group is one line of indicators.yml away from being
    classified; a phrase that already names two indicators is marked ambiguous."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in df.to_dict("records"):
        if r["status"] == "unclassified":
            groups[(r.get("measured", ""), r.get("measure", ""), r["base_unit"])].append(r)
    out = []
    for (phrase, measure, base), rs in groups.items():
        named = vocabulary.named(phrase) if vocabulary is not None and phrase else []
        out.append(
            {
                "measured": phrase,
                "measure": measure,
                "base_unit": base,
                "count": len(rs),
                "ambiguous": [i.id for i in named] if len(named) > 1 else [],
                "named_otherwise": [i.id for i in named] if len(named) == 1 else [],
                "figures": [_brief(r) for r in sorted(rs, key=lambda r: r["figure_id"])],
            }
        )
    out.sort(key=lambda g: (-g["count"], g["measured"], g["measure"], g["base_unit"]))
    return out


def statement_key(r) -> tuple:
    """What a figure states, for comparing two reports of the same thing."""
    return (format_float(r["value_base"]), r["qualifier"], str(r.get("value_high") or ""))


def _said(r) -> tuple:
    """What a figure reports, to find the same report in two sources: its place, what it
    measures (the indicator; unclassified, the measured phrase and measure), kind, period
    (two spellings of one stretch of time are one), unit and statement."""
    p = periods.try_parse(r["period"]) if r["period"] else None
    what = r["indicator_id"] or f"~{r.get('measured', '')}|{r.get('measure', '')}"
    return (r.get("place", ""), r.get("subset", ""), what, r["kind"],
            p.key if p is not None else r["period"], r["unit"], r["base_unit"],
            *statement_key(r))  # fmt: skip


def repeats(df, sources: list[dict]) -> dict[str, str]:
    """figure_id -> the figure_id it confirms, for every figure of a duplicate source that
    reports what a figure of the source it duplicates reports (``_said``): the first such
    figure there, and through a chain of reposts the one of the first source."""
    parent = {s["id"]: s.get("duplicate_of") for s in sources if s.get("duplicate_of")}
    if not parent or df.empty:
        return {}
    needed = set(parent) | set(parent.values())
    recs = df[df["source_id"].isin(needed)].sort_values(["source_id", "char_start"])
    by_source: dict[str, list[dict]] = defaultdict(list)
    for r in recs.to_dict("records"):
        by_source[r["source_id"]].append(r)
    first: dict[str, dict[tuple, str]] = {}
    for sid in set(parent.values()):
        seen: dict[tuple, str] = {}
        for r in by_source.get(sid, []):
            seen.setdefault(_said(r), r["figure_id"])
        first[sid] = seen
    out: dict[str, str] = {}
    for sid, original in sorted(parent.items()):
        for r in by_source.get(sid, []):
            fid = first.get(original, {}).get(_said(r))
            if fid is not None:
                out[r["figure_id"]] = fid
    for fid in list(out):  # a repost of a repost confirms the first report
        root, hops = out[fid], 0
        while root in out and hops < len(out):
            root, hops = out[root], hops + 1
        out[fid] = root
    return out


def conflicts(df) -> list[dict]:
    """Groups of figures about the same place, indicator, kind and period that disagree.

    A group conflicts when its figures state more than one (value, qualifier, upper end):
    within one source (a contradiction in the text) or across sources. Figures with no
    indicator or no period cannot be compared and are never in a conflict."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in df.to_dict("records"):
        if r["status"] != "classified" or not r["indicator_id"]:
            continue
        p = periods.try_parse(r["period"])
        if p is None:
            continue
        groups[(r["region"], r["indicator_id"], r["kind"], p.key)].append(r)
    out = []
    for (region, iid, kind, _key), rs in sorted(groups.items(), key=lambda kv: (
        kv[0][0], kv[0][1], kv[0][2], kv[0][3])):  # fmt: skip
        if len({statement_key(r) for r in rs}) < 2:
            continue
        rs = sorted(rs, key=lambda r: (r["source_id"], r["char_start"]))
        out.append(
            {
                "region": region,
                "indicator_id": iid,
                "period": rs[0]["period"],
                "kind": kind,
                "within_source": len({r["source_id"] for r in rs}) == 1,
                "figures": [_brief(r) for r in rs],
            }
        )
    return out


def review(paths, df=None) -> dict:
    """What a person should look at: unclassified figures, low-confidence kinds, and
    conflicting values (``conflicts``, among the figures that are not a repost's repeats:
    ``repeats``, counted in ``counts``)."""
    if df is None:
        df = ledger.read(paths)
    recs = df.to_dict("records")
    unclassified = [_brief(r) for r in recs if r["status"] == "unclassified"]
    low = [_brief(r) for r in recs if r["kind_confidence"] == "low"]
    # a figure a repost repeats is the report it confirms: never a second voice in a conflict
    repeated = repeats(df, Registry.of(paths).sources) if paths is not None else {}
    found = conflicts(df[~df["figure_id"].isin(list(repeated))] if repeated else df)
    from_registry = Registry.of(paths).indicators if paths is not None else None
    proposed = proposals(df, from_registry)
    return {
        "counts": {
            "figures": len(recs),
            "unclassified": len(unclassified),
            "low_confidence": len(low),
            "conflicts": len(found),
            "proposals": len(proposed),
            "repeats": len(repeated),
        },
        "unclassified": unclassified,
        "proposals": proposed,
        "low_confidence": low,
        "conflicts": found,
    }


def format_review(rev: dict) -> str:
    c = rev["counts"]
    lines = [
        f"Review: {c['figures']} figures; {c['unclassified']} unclassified, "
        f"{c['low_confidence']} with a low-confidence kind, {c['conflicts']} conflicts"
        + (
            f"; {c['repeats']} repeat a figure of the source their source duplicates "
            "(duplicate_of: one report, counted once)"
            if c.get("repeats")
            else ""
        ),
    ]
    lines.append("")
    lines.append(
        f"Unclassified figures ({c['unclassified']}), by the indicator they propose "
        "(add it to data/indicators.yml to classify them):"
    )
    for g in rev.get("proposals", []):
        note = ""
        if g["ambiguous"]:
            note = f"  [ambiguous: names {', '.join(g['ambiguous'])}]"
        elif g["named_otherwise"]:
            note = f"  [names {g['named_otherwise'][0]}, whose measure or unit differs]"
        spans = ", ".join(f"{r['span']} ({r['figure_id']})" for r in g["figures"][:4])
        more = f" and {g['count'] - 4} more" if g["count"] > 4 else ""
        lines.append(
            f"  {g['count']:3d}  {g['measured'] or '(nothing named)'} · {g['measure']} · "
            f"{g['base_unit']}{note}: {spans}{more}"
        )
    lines.append("")
    lines.append(f"Kinds inferred from context, not a cue in the clause ({c['low_confidence']}):")
    for r in rev["low_confidence"]:
        lines.append(
            f"  {r['figure_id']} {r['source_id']} {r['span']} -> {r['kind']} by "
            f"{r['kind_cue'] or '?'} [{r['indicator_id'] or 'unclassified'}, "
            f"{r['period'] or 'no period'}]"
        )
    lines.append("")
    lines.append(f"Conflicting values, same indicator, kind and period ({c['conflicts']}):")
    for g in rev["conflicts"]:
        vals = "; ".join(f"{r['source_id']}: {r['span']} ({r['qualifier']})" for r in g["figures"])
        lines.append(f"  {g['indicator_id']} {g['period']} {g['kind']}: {vals}")
    return "\n".join(lines)
