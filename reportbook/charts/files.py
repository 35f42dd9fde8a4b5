"""The files each chart offers for download, written from the built pages: its CSV (with a
short metadata header), its SVG and a PNG drawn from that SVG.

Each ``Figure`` on a page carries everything needed (``charts.figure``): the static SVG and a
table view holding every field of its CSV as printed. So the files follow from the built
HTML alone, at build time, in ``book/figures/`` beside the pages that link to them
(``figures/<label>.csv``), and a chapter that was not executed again still gets its files.

The PNG is the SVG rasterised by vl-convert (resvg) at twice its size, with the system's
fonts (the CJK font installed by ``.ci/run``): no second Vega run, about 0.05 s a chart;
kept in a content cache so an unchanged chart is never drawn twice.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import time
from pathlib import Path

from reportbook import language
from reportbook.errors import BuildError
from reportbook.markup import spreadsheet_rows

FOLDER = "figures"  # under book/, beside the pages
FIGURE = re.compile(r'<figure class="rb-figure" id="([^"]+)".*?</figure>', re.S)
SVG = re.compile(r'<div class="rb-chart"[^>]*>(<svg\b.*?</svg>)</div>', re.S)
TABLE = re.compile(r'<table class="rb-table rb-data"[^>]*>(.*?)</table>', re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)
TAG = re.compile(r"<[^>]+>")
PNG_SCALE = 2


def header(meta: dict, ed: dict) -> dict:
    """What every CSV's header says besides its figure: the book, edition and licence, in the
    edition's language (``meta``: ``cite.edition_meta``); ``url``: where its pages are."""
    lang = meta.get("language") if meta.get("language") in language.LANGUAGES else "en"
    return {
        "language": lang,
        "book": meta["title"],
        "edition": language.word(lang, "csv_edition", version=ed["version"], date=ed["issued"]),
        "licence": language.word(lang, "csv_list_sep").join(
            x
            for x in (
                meta.get("licence"),
                f"© {meta['copyright']}" if meta.get("copyright") else "",
            )
            if x
        ),
        "url": meta["url"] + (meta.get("edition_dir") or "") if meta.get("url") else "",
    }


def rows(figure_html: str) -> list[list[str]]:
    """The CSV rows (header first) of a figure, read back from its table view."""
    m = TABLE.search(figure_html)
    if not m:
        return []
    return [[html.unescape(TAG.sub("", c)) for c in CELL.findall(r)] for r in ROW.findall(m[1])]


def csv_text(figure_html: str, head: dict, page: str) -> str:
    """The figure's CSV: ``#`` lines naming the figure, its sources, the edition and the
    licence, then exactly the rows of its table view. A UTF-8 BOM, so spreadsheet programs
    read the Chinese text; skip the lines starting with ``#`` to read it as a plain CSV."""
    label = html.unescape(FIGURE.match(figure_html)[1])
    meta = re.search(r'\bdata-meta="([^"]*)"', figure_html)
    info = json.loads(html.unescape(meta[1])) if meta else {}

    def line(text: str) -> str:
        return "# " + " ".join(text.split()) + "\n"

    lang = head.get("language") or "en"

    def say(key: str, **fields) -> str:
        return language.word(lang, key, **fields)

    out = io.StringIO()
    out.write("\ufeff")
    out.write(line(say("csv_figure", number=info.get("number", ""), title=info.get("title", ""))))
    sources = say("csv_list_sep").join(info.get("sources") or []) or say("csv_ledger")
    out.write(line(say("csv_source", sources=sources)))
    where = f"{head['url']}book/{page}.html#{label}" if head.get("url") else ""
    out.write(line(say("csv_book", book=head["book"], edition=head["edition"])
                   + (say("csv_list_sep") + where if where else "")))  # fmt: skip
    if head.get("licence"):
        out.write(line(say("csv_licence", licence=head["licence"])))
    # Opened in a spreadsheet, text that begins like a formula is shown, not evaluated.
    csv.writer(out, lineterminator="\n").writerows(spreadsheet_rows(rows(figure_html)))
    return out.getvalue()


def svg_file(svg: str) -> str:
    """The static SVG as a file of its own: an XML declaration, and its marks' links to the
    sources appendix made relative to the folder it is written to."""
    svg = re.sub(r'(<a\b[^>]*?\bhref=")(?![a-z][a-z0-9+.-]*:|/|#)', r"\1../", svg)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"


def png(svg: str, cache: Path | None) -> bytes:
    """``svg`` rasterised at ``PNG_SCALE``, from the content cache when it is there."""
    key = hashlib.sha256(f"{PNG_SCALE}\0{svg}".encode()).hexdigest()[:24]
    cached = cache / f"{key}.png" if cache else None
    if cached and cached.exists():
        os.utime(cached)  # in use: see prune
        return cached.read_bytes()
    import vl_convert as vlc  # deferred: heavy; the build process draws after its forks

    data = vlc.svg_to_png(svg, scale=PNG_SCALE)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, cached)
    return data


def prune(cache: Path, days: int = 30) -> int:
    """Forget PNGs no build has used for ``days``."""
    now = time.time()
    old = [f for f in Path(cache).glob("*.png") if f.stat().st_mtime < now - days * 86400]
    for f in old:
        f.unlink(missing_ok=True)
    return len(old)


def export(site: Path, head: dict, cache: Path | None = None) -> list[Path]:
    """Write ``book/figures/<label>.{csv,svg,png}`` for every chart of every page under
    ``site/book``; returns the files written. A label shown on two pages is a bug."""
    written: list[Path] = []
    seen: dict[str, str] = {}
    folder = site / "book" / FOLDER
    for page in sorted((site / "book").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        for m in FIGURE.finditer(text):
            fig = m[0]
            label = html.unescape(m[1])
            if label in seen:
                raise BuildError(f"chart {label!r} is on two pages: {seen[label]}, {page.name}")
            seen[label] = page.name
            svg = SVG.search(fig)
            folder.mkdir(parents=True, exist_ok=True)
            out = folder / f"{label}.csv"
            out.write_text(csv_text(fig, head, page.stem), encoding="utf-8")
            written.append(out)
            if svg:
                (folder / f"{label}.svg").write_text(svg_file(svg[1]), encoding="utf-8")
                (folder / f"{label}.png").write_bytes(png(svg[1], cache))
                written += [folder / f"{label}.svg", folder / f"{label}.png"]
    if cache and cache.is_dir():
        prune(cache)
    return written
