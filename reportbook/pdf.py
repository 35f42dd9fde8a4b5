"""PDF: the whole edition as one file, printed by Debian's chromium from the built pages.

``render`` joins the article of every page of the table of contents, in order, into one
HTML document beside the pages (``book/``, so images and style sheets resolve as they do for
the pages), with a title page. Ids are made unique per page (``energy--energy-capacity``)
and links between pages become links inside the PDF; links out of the book (a source's URL)
are kept; links to files (downloads, search) are dropped, being of no use on paper. Scripts
are left out: every chart prints as its static SVG, so charts stay vector graphics, with
the CJK font chromium finds through fontconfig (Debian ``fonts-noto-cjk``; ``.ci/run``
installs it). Chromium makes the bookmarks from the headings (``outline``): one per chapter,
with its sections beneath.

Two prints of the same pages are byte-identical once the two dates chromium stamps (when it
printed) are set to the edition's own date, which keeps their length and so every offset.
Chromium 156 writes the bookmark of a heading that starts a page with its text twice
("OverviewOverview"); such a title is written again as the heading's text, padded with
spaces to its length, so no offset moves either.

Chromium is ``/usr/bin/chromium`` (``$REPORTBOOK_CHROMIUM`` to use another); it is driven
through Playwright, which never downloads a browser here.
"""

from __future__ import annotations

import functools
import html
import os
import re
from pathlib import Path

from reportbook.errors import PdfError

NAME = "xinzhou-development-report.pdf"  # at the root of the built book
HREF_TOKEN = "@@PDF_HREF@@"  # the footer's link, made relative per page by reportbook.pages
CHROMIUM = "/usr/bin/chromium"  # Debian's; never a downloaded browser
# Headless and quiet, with nothing fetched from outside (the tests and tools use them too).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
SOURCE = ".pdf-edition.html"  # the joined document, beside the pages while it prints
# Dropped from print: what only works on screen, and what the PDF would repeat.
DROP = (
    "a.headerlink, script, .rb-downloads, .rb-table-view, .rb-cite-dls, .rb-cite-bib, "
    ".rb-filter, .rb-alt, button, .toctree-wrapper"
)
STYLE = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html { font-size: 9.5pt; }
body { font-family: "Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", sans-serif;
       color: #1f2933; line-height: 1.45; margin: 0; }
h1, h2, h3, h4 { line-height: 1.25; break-after: avoid; }
h1 { font-size: 18pt; margin: 0 0 .8rem; }
h2 { font-size: 13pt; margin: 1.4rem 0 .5rem; }
h3 { font-size: 11pt; }
a { color: #1b5e8c; text-decoration: none; }
.rb-pdf-page { break-before: page; }
.rb-pdf-title { height: 240mm; display: flex; flex-direction: column; justify-content: center; }
.rb-pdf-title h1 { font-size: 26pt; border: 0; }
.rb-pdf-title p { font-size: 11pt; margin: .3rem 0; color: #3e4c59; }
.rb-pdf-contents { break-before: page; }
.rb-pdf-contents li { margin: .2rem 0; font-size: 11pt; }
table { font-size: 8pt; }
.rb-table td, .rb-table th { padding: .2rem .35rem; }
pre { white-space: pre-wrap; font-size: 8pt; }
.rb-chart > svg { width: 80%; height: auto; }
.rb-figure { break-inside: avoid; }
.rb-cite { break-inside: avoid; font-size: 8pt; }
details > summary { list-style: none; font-weight: 600; }
details > summary::-webkit-details-marker { display: none; }
img { max-width: 100%; }
"""


def pages(toc: Path) -> list[str]:
    """The pages of ``_toc.yml`` in order: ``book/intro``, ``book/overview``, …"""
    from reportbook.files import read_yaml  # deferred: only when a PDF is made

    t = read_yaml(toc)
    out = [t["root"]]
    for part in t.get("parts", []):
        out += [c["file"] for c in part.get("chapters", [])]
    out += [c["file"] for c in t.get("chapters", [])]
    return out


def _page_id(page: str) -> str:
    return page.removeprefix("book/").replace("/", "-")


def _link(href: str, here: str, known: set[str]) -> str | None:
    """Where a link of page ``here`` points in the joined document; None to drop it."""
    if re.match(r"(?i)^https?://", href):
        return href
    if href.startswith("#"):
        return f"#{here}--{href[1:]}"
    path, _, frag = href.partition("#")
    target = _page_id(path.removesuffix(".html"))
    if path.endswith(".html") and target in known:
        return f"#{target}--{frag}"
    return None


def _article(page_html: str, here: str, known: set[str]) -> str:
    from bs4 import BeautifulSoup  # deferred: only when a PDF is made

    soup = BeautifulSoup(page_html, "html.parser")
    art = soup.select_one("article.bd-article") or soup.select_one("main") or soup.body
    for el in art.select(DROP):
        el.decompose()
    for el in art.find_all(True):
        if el.name == "svg":
            continue
        if el.find_parent("svg") is None and el.get("id"):
            el["id"] = f"{here}--{el['id']}"
        for attr in ("href", "xlink:href"):
            if el.get(attr) is not None:
                new = _link(el[attr], here, known)
                if new is None:
                    del el[attr]
                else:
                    el[attr] = new
    return f'<section class="rb-pdf-page" id="{here}--">{art.decode_contents()}</section>'


def compose(site: Path, page_list: list[str], meta: dict, ed: dict) -> str:
    """The whole edition as one HTML document, for ``book/`` of ``site``."""
    e = html.escape
    known = {_page_id(p) for p in page_list}
    body = []
    for p in page_list:
        f = site / f"{p}.html"
        if not f.exists():
            raise PdfError(f"the PDF needs {p}.html, which the build did not make")
        body.append(_article(f.read_text(encoding="utf-8"), _page_id(p), known))
    url = f"<p>{e(meta['url'])}</p>" if meta.get("url") else ""
    licence = f"<p>Licence: {e(meta['licence'])}</p>" if meta.get("licence") else ""
    title = (
        '<section class="rb-pdf-title">'
        f"<h1>{e(meta['title'])}</h1>"
        f"<p>{e(meta['author'])}{' · ' + e(meta['publisher']) if meta.get('publisher') else ''}</p>"
        f"<p>Edition {e(ed['version'])}, issued {e(ed['issued'])} · sources up to "
        f"{e(ed['date'])}</p>{url}{licence}</section>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{e(meta.get("language") or "en")}"><head>'
        f'<meta charset="utf-8"><title>{e(meta["title"])}, edition {e(str(ed["number"]))}'
        f'</title><link rel="stylesheet" href="../_static/reportbook.css">'
        f"<style>{STYLE}</style></head><body>{title}" + "".join(body) + "</body></html>\n"
    )


def _fix_dates(pdf: bytes, issued: str) -> bytes:
    """Chromium's CreationDate and ModDate (the moment it printed) set to the edition's
    date: the same number of bytes, so the cross-reference offsets stay right."""
    day = issued.replace("-", "")
    if not re.fullmatch(r"\d{8}", day):
        return pdf
    return re.sub(
        rb"(/(?:CreationDate|ModDate) \(D:)\d{14}", lambda m: m[1] + day.encode() + b"000000", pdf
    )


def headings(doc: str) -> list[str]:
    """The text of every heading of the joined document, spaces as chromium's bookmarks
    give them."""
    from bs4 import BeautifulSoup  # deferred: only when a PDF is made

    soup = BeautifulSoup(doc, "html.parser")
    return [" ".join(h.get_text("").split()) for h in soup.find_all(["h1", "h2", "h3", "h4"])]


def _doubled(title: str, heading: str) -> bool:
    """``title`` is ``heading`` with each of its text runs written twice in place ("4. 4.
    EnergyEnergy" for the runs "4. " and "Energy")."""

    @functools.cache
    def match(i: int, j: int) -> bool:
        if j == len(heading):
            return i == len(title)
        for k in range(j + 1, len(heading) + 1):
            run = heading[j:k]
            if title.startswith(run + run, i) and match(i + 2 * len(run), k):
                return True
        return False

    return len(title) == 2 * len(heading) and match(0, 0)


def _literal(raw: bytes) -> str:
    out, i = bytearray(), 0
    while i < len(raw):
        c = raw[i]
        if c == 0x5C and i + 1 < len(raw):  # a backslash escape
            nxt = raw[i + 1 : i + 4]
            octal = re.match(rb"[0-7]{1,3}", nxt)
            if octal:
                out.append(int(octal[0], 8) & 0xFF)
                i += 1 + len(octal[0])
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(
                raw[i + 1 : i + 2], raw[i + 1 : i + 2]
            )
            i += 2
            continue
        out.append(c)
        i += 1
    return out.decode("latin-1")


def _fix_outline(pdf: bytes, heading_texts: list[str]) -> bytes:
    """Bookmark titles that repeat their heading's text runs, written as the heading."""
    known = sorted(set(heading_texts), key=len)

    def fixed(title: str) -> str | None:
        return next((h for h in known if _doubled(title, h)), None)

    def literal(m: re.Match) -> bytes:
        h = fixed(_literal(m[2]))
        if h is None or not h.isascii():
            return m[0]
        body = h.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode()
        if len(body) > len(m[2]):
            return m[0]
        return m[1] + body + b" " * (len(m[2]) - len(body)) + b")"

    def hexa(m: re.Match) -> bytes:
        raw = bytes.fromhex(m[2].decode())
        if not raw.startswith(b"\xfe\xff"):
            return m[0]
        h = fixed(raw[2:].decode("utf-16-be", errors="replace"))
        if h is None:
            return m[0]
        body = (b"\xfe\xff" + h.encode("utf-16-be")).hex().upper().encode()
        pad = len(m[2]) - len(body)
        if pad < 0 or pad % 4:
            return m[0]
        return m[1] + body + b"0020" * (pad // 4) + b">"

    pdf = re.sub(rb"(/Title \()((?:[^()\\]|\\.)*)\)", literal, pdf)
    return re.sub(rb"(/Title <)([0-9A-Fa-f]+)>", hexa, pdf)


def _settled(print_once, tries: int = 4) -> bytes:
    """The bytes two prints of the loaded page agree on. Chromium's first print of the page
    differs from its next ones (same size, other bytes), and one build in some dozens printed
    another PDF from the same inputs; the second and later prints agree, within a process and
    across processes. A print is kept only when the next one is the same, so the edition's
    PDF is the same bytes build after build. After ``tries`` prints with no two alike, the
    last."""
    seen: list[bytes] = []
    for _ in range(tries):
        data = print_once()
        if data in seen:
            return data
        seen.append(data)
    return seen[-1]


def render(site: Path, meta: dict, ed: dict, toc: Path | None = None) -> Path:
    """Print the edition to ``site/NAME`` and return its path."""
    chromium = os.environ.get("REPORTBOOK_CHROMIUM") or CHROMIUM
    if not Path(chromium).exists():
        raise PdfError(
            f"the PDF is printed by chromium, not found at {chromium}: install it "
            "(apt-get install chromium fonts-noto-cjk) or build without --pdf"
        )
    try:
        from playwright.sync_api import (
            Error as PlaywrightError,  # deferred: only when a PDF is made
        )
        from playwright.sync_api import sync_playwright  # deferred: only when a PDF is made
    except ImportError as exc:
        raise PdfError(f"the PDF needs Playwright (in requirements.txt): {exc}") from None
    page_list = pages(toc or site.parent / "_toc.yml")
    source = site / "book" / SOURCE
    doc = compose(site, page_list, meta, ed)
    source.write_text(doc, encoding="utf-8")
    out = site / NAME
    footer = (
        '<div style="font-size:7pt;width:100%;text-align:center;color:#616e7c;'
        'font-family:sans-serif">'
        f"{html.escape(meta['title'])} · edition {html.escape(str(ed['number']))} · "
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    )
    env = {**os.environ, "TZ": "UTC"}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, env=env)
            try:
                context = browser.new_context(java_script_enabled=False)
                page = context.new_page()
                page.goto(source.resolve().as_uri(), wait_until="load")
                page.emulate_media(media="print")
                data = _settled(
                    lambda: page.pdf(
                        format="A4",
                        print_background=True,
                        outline=True,
                        tagged=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=footer,
                        margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
                    )
                )
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise PdfError(f"chromium could not print the PDF: {exc}") from None
    finally:
        source.unlink(missing_ok=True)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    data = _fix_outline(_fix_dates(data, str(ed.get("issued") or "")), headings(doc))
    tmp.write_bytes(data)
    os.replace(tmp, out)
    return out
