"""Guard: a built book loads nothing from outside itself, runs no script of a source's, and
links outside only to the sources' own addresses.

``problems(html_dir, allowed_links)`` reads every page with a real HTML parser (Python's
``html.parser``: quoted, unquoted and oddly spaced attributes alike) and every style sheet,
and reports, page by page:

- a **load from outside**: any URL-bearing attribute that makes the browser fetch —
  ``src``, ``srcset``/``imagesrcset``, ``poster``, ``data`` (``<object>``), ``background``,
  ``action``/``formaction``, ``href`` of a ``<link>`` that loads (style sheet, preload, icon …)
  and of SVG ``<image>``/``<use>``/``<script>``/``<feImage>`` (``xlink:href`` too), a meta
  refresh — and CSS ``url()`` and ``@import`` in style attributes, ``<style>`` elements and
  ``*.css`` files;
- a **link outside**: ``href`` of ``<a>``/``<area>`` and ``<link rel=canonical>`` and the like
  pointing off the book, unless it is one of ``allowed_links`` (the sources' own URLs);
- a **script URL** (``javascript:``, ``vbscript:``) or a ``data:`` URL other than an image, font,
  CSV or citation (RIS, CSL-JSON, BibTeX) download, anywhere;
- an **event handler** attribute (``onclick``, ``onerror`` …) other than the theme's own
  (``THEME_HANDLERS``).

"Outside" is decided as a browser would read the URL: leading blanks and control characters
dropped, tabs and line breaks removed, ``\\`` read as ``/``; then any scheme, or a leading
``//``, leaves the book.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

# Attributes whose URL the browser fetches, whatever the element.
LOAD_ATTRS = {
    "src", "poster", "data", "background", "action", "formaction", "lowsrc", "dynsrc",
    "archive",
}  # fmt: skip
# SVG animation attributes that can set an href to a URL (<animate>, <set>).
SVG_ANIMATION_ATTRS = {"to", "from", "values", "by"}
SRCSET_ATTRS = {"srcset", "imagesrcset"}
# SVG elements whose href loads something.
SVG_LOADING = {"image", "use", "script", "feimage"}
LINK_TAGS = {"a", "area"}
# <link> relations that load something; the others (canonical, next, search …) only link.
LOADING_RELS = {
    "stylesheet", "preload", "modulepreload", "icon", "shortcut", "apple-touch-icon",
    "prefetch", "prerender", "manifest", "dns-prefetch", "preconnect", "mask-icon",
}  # fmt: skip
# The theme's own inline handlers (sphinx-book-theme's full-screen button); nothing else.
THEME_HANDLERS = {"toggleFullScreen()"}
# A citation's RIS and CSL-JSON downloads (reportbook.cite) are data too: text, never run.
SAFE_DATA = re.compile(
    r"data:(image/(png|gif|jpeg|webp|svg\+xml)|font/|text/csv|application/"
    r"(x-research-info-systems|vnd\.citationstyles\.csl\+json|x-bibtex))[;,]",
    re.I,
)
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)""", re.I)
# image-set("a.png" 1x, …) and its -webkit- form take bare strings as URLs.
CSS_IMAGE_SET = re.compile(r"""image-set\(([^)]*)\)""", re.I)
CSS_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
CSS_ESCAPE = re.compile(r"\\([0-9a-f]{1,6})\s?|\\(.)", re.I | re.S)


def normalized_url(url: str) -> str:
    """The URL as a browser's URL parser sees it, enough to tell where it leads."""
    url = url.lstrip("".join(map(chr, range(0x21))))
    url = re.sub(r"[\t\n\r]", "", url)
    return url.replace("\\", "/")


def scheme(url: str) -> str | None:
    m = SCHEME.match(normalized_url(url))
    return m[1].lower() if m else None


def is_outside(url: str) -> bool:
    """True when following or fetching ``url`` would leave the book."""
    u = normalized_url(url)
    if u.startswith("//"):
        return True
    s = scheme(u)
    return s is not None and s not in ("data", "blob", "about")


def _unescape_css(text: str) -> str:
    def repl(m: re.Match) -> str:
        if m[1]:
            try:
                return chr(int(m[1], 16))
            except (ValueError, OverflowError):
                return "\ufffd"
        return m[2]

    return CSS_ESCAPE.sub(repl, text)


def css_urls(css: str) -> list[str]:
    """Every URL a piece of CSS would fetch: ``url(…)`` and ``@import "…"``."""
    css = _unescape_css(re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    found = [a or b or c for a, b, c in CSS_URL.findall(css)]
    found += [a or b for a, b in CSS_IMPORT.findall(css)]
    for inner in CSS_IMAGE_SET.findall(css):
        found += [a or b for a, b in CSS_STRING.findall(inner)]
    return [u.strip() for u in found]


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset``: comma-separated candidates, each a URL and a descriptor."""
    out = []
    for candidate in value.split(","):
        parts = candidate.strip().split()
        if parts:
            out.append(parts[0])
    return out


class _Page(HTMLParser):
    def __init__(self, allowed_links: set[str]):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed_links
        self.found: list[str] = []
        self._in_style = False

    def _bad(self, what: str, tag: str, attrs, url: str | None = None) -> None:
        shown = " ".join(f"{k}={v!r}" if v is not None else k for k, v in attrs)[:160]
        line, _ = self.getpos()
        where = f" {url[:120]!r}" if url is not None else ""
        self.found.append(f"line {line}: {what}{where} in <{tag} {shown}>")

    def _url(self, url: str, tag: str, attrs, *, loads: bool) -> None:
        s = scheme(url)
        if s in ("javascript", "vbscript"):
            self._bad(f"a {s}: URL", tag, attrs, url[:40])
        elif s == "data" and not SAFE_DATA.match(normalized_url(url)):
            self._bad(
                "a data: URL that is not an image, a font, a CSV or a citation", tag, attrs, url
            )
        elif is_outside(url):
            if loads:
                self._bad("loads from outside the book:", tag, attrs, url)
            elif url not in self.allowed:
                self._bad("links outside the book (not a source's own URL):", tag, attrs, url)

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        if tag == "style":
            self._in_style = True

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            for url in css_urls(data):
                self._url(url, "style", [], loads=True)

    def _check(self, tag: str, attrs) -> None:
        rels = set()
        for k, v in attrs:
            if k == "rel" and v:
                rels |= set(v.lower().split())
        for k, v in attrs:
            v = v or ""
            if k.startswith("on"):
                if v.strip() not in THEME_HANDLERS:
                    self._bad(f"an event handler ({k})", tag, attrs)
            elif k in LOAD_ATTRS:
                self._url(v, tag, attrs, loads=True)
            elif k in SRCSET_ATTRS:
                for url in srcset_urls(v):
                    self._url(url, tag, attrs, loads=True)
            elif k == "style":
                for url in css_urls(v):
                    self._url(url, tag, attrs, loads=True)
            elif k == "srcdoc":
                # A page inside the page: every rule holds for it too.
                for p in page_problems(v, self.allowed):
                    self.found.append(f"in the srcdoc of <{tag}>: {p}")
            elif k in SVG_ANIMATION_ATTRS and tag in ("animate", "set"):
                for url in v.split(";"):
                    if url.strip() and (is_outside(url) or scheme(url)):
                        self._url(url.strip(), tag, attrs, loads=True)
            elif k in ("href", "xlink:href"):
                if tag == "base":
                    # Re-roots every relative address of the page, scripts included.
                    self._bad("a <base> element", tag, attrs, v)
                elif tag == "link":
                    self._url(v, tag, attrs, loads=bool(rels & LOADING_RELS))
                elif tag in SVG_LOADING:
                    self._url(v, tag, attrs, loads=True)
                else:
                    self._url(v, tag, attrs, loads=False)
            elif k == "content" and tag == "meta":
                refresh = ("http-equiv", "refresh") in [(a, (b or "").lower()) for a, b in attrs]
                # "0; url=…", "0;url='…'" or, as browsers also accept, "0; …" without url=.
                m = re.match(r"\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]*)", v, re.I)
                if refresh and m and m[1].strip():
                    self._url(m[1].strip(), tag, attrs, loads=True)
            elif k in ("ping", "codebase", "manifest"):
                self._url(v, tag, attrs, loads=True)
            elif k in ("cite", "longdesc"):
                self._url(v, tag, attrs, loads=False)


def page_problems(text: str, allowed_links: Iterable[str] = ()) -> list[str]:
    """What is wrong with one HTML page (see the module docstring)."""
    parser = _Page(set(allowed_links))
    parser.feed(text)
    parser.close()
    return parser.found


def problems(html_dir: Path, allowed_links: Iterable[str] = ()) -> list[str]:
    """Every page or style sheet under ``html_dir`` that loads or links outside the book."""
    allowed = set(allowed_links)
    found = []
    pages = [*Path(html_dir).rglob("*.html"), *Path(html_dir).rglob("*.svg")]
    for f in sorted(pages):  # the SVG files are the charts' downloads: markup too
        rel = f.relative_to(html_dir)
        text = f.read_text(encoding="utf-8", errors="replace")
        found += [f"{rel}: {p}" for p in page_problems(text, allowed)]
    for f in sorted(Path(html_dir).rglob("*.css")):
        rel = f.relative_to(html_dir)
        for url in css_urls(f.read_text(encoding="utf-8", errors="replace")):
            if is_outside(url) or scheme(url) in ("javascript", "vbscript"):
                found.append(f"{rel}: loads from outside the book: url({url})")
    return found
