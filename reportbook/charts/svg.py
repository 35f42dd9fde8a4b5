"""The static SVG of a chart: drawn by vl-convert, slimmed, its ids made per chart, and kept
in a content cache whose key covers everything the drawing depends on (vl-convert's
version, this module's code and the installed fonts).

Imports nothing from the rest of the charts package: it draws any Vega-Lite spec text.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import time
from pathlib import Path


def render_svg(spec: dict, ident: str) -> str:
    """The static render of a spec. Vega numbers clip-path ids with a process-wide counter;
    renumber them per chart so the HTML is the same in every build and ids never collide
    between two charts on a page. (Vega escapes the text nodes.)"""
    import vl_convert as vlc  # deferred: heavy, and it must not be imported before a fork

    svg = _slim(_relative_links(vlc.vegalite_to_svg(spec), spec))
    ids = list(dict.fromkeys(re.findall(r'\bid="([^"]+)"', svg)))
    mapping = {old: f"{ident}-{k}" for k, old in enumerate(ids)}
    if mapping:
        pattern = re.compile(
            r'(id="|url\(#|href="#)(' + "|".join(map(re.escape, mapping)) + r')(?=["\)])'
        )
        svg = pattern.sub(lambda m: m[1] + mapping[m[2]], svg)
    return svg


_LINK = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")')


def _relative_links(svg: str, spec: dict) -> str:
    """The marks' links as the spec gives them. vl-convert resolves a relative ``href``
    against its data loader's base URL, the Vega datasets site (1.x has no option to set
    it), so a mark's link to the book's sources page would lead out of the book. A link that
    is such a base followed by exactly one of the spec's relative hrefs is that href again;
    any other link is left as drawn."""
    relative = sorted(_hrefs(spec), key=len, reverse=True)

    def fix(m: re.Match) -> str:
        url = html.unescape(m[2])
        for h in relative:
            if url.endswith(h) and re.fullmatch(r"https?://[^\s\"#?]*/", url[: -len(h)]):
                return m[1] + html.escape(h) + m[3]
        return m[0]

    return _LINK.sub(fix, svg) if relative else svg


def _hrefs(spec: dict) -> set[str]:
    """The relative URLs the spec's marks link to: the values of every field encoded as
    ``href``, in its inline data."""
    fields, rows = set(), []

    def walk(node):
        if isinstance(node, dict):
            href = node.get("href")
            if isinstance(href, dict) and isinstance(href.get("field"), str):
                fields.add(href["field"])
            if isinstance(node.get("values"), list):
                rows.extend(node["values"])
            for key, value in node.items():
                if key == "datasets" and isinstance(value, dict):
                    rows.extend(r for ds in value.values() if isinstance(ds, list) for r in ds)
                else:
                    walk(value)
        elif isinstance(node, list):
            for x in node:
                walk(x)

    walk(spec)
    return {
        v
        for r in rows
        if isinstance(r, dict)
        for f in fields
        if isinstance(v := r.get(f), str) and v and not re.match(r"[a-z][a-z0-9+.-]*:|//", v, re.I)
    }


_NOISE = re.compile(
    r'\s(?:aria-[a-z]+|role|class|pointer-events)="[^"]*"'  # for the live chart, not the picture
    r'|\sopacity="1"|\sstroke-miterlimit="10"'  # defaults
)
_EMPTY = re.compile(r'<path d="(?:M0,0h0v0h0Z)?"(?: display="none")?/>')
_FONT = re.compile(r'\sfont-family="([^"]*)"')


def _slim(svg: str) -> str:
    """The static SVG without what only the live view uses: accessibility and interaction
    attributes (the figure carries the text alternative), default values, empty paths and
    the font named on every text element (once on the root instead, inherited), and
    coordinates past two decimals. About half the bytes, the same picture: chapters stay
    well under their weight budget."""
    fonts = _FONT.findall(svg)
    svg = _EMPTY.sub("", _NOISE.sub("", _FONT.sub("", svg)))
    if fonts:
        font = max(set(fonts), key=fonts.count).replace('"', "&quot;")
        svg = svg.replace("<svg ", f'<svg font-family="{font}" ', 1)
    # Coordinates to two decimals: in attribute values only, never in the text drawn (a
    # label's 17.1375 GW stays 17.1375 GW).
    return _ATTRIBUTE.sub(lambda m: _DECIMALS.sub(r"\1", m[0]), svg)


_ATTRIBUTE = re.compile(r'="[^"]*"')
_DECIMALS = re.compile(r"(\d+\.\d\d)\d+")


SVG_CACHE_ENV = "REPORTBOOK_SVG_CACHE"


def static_svg(spec: str, ident: str, cache_dir=None) -> str:
    """The static SVG of a chart (``spec``: its Vega-Lite JSON text), cached by content in
    ``cache_dir`` (default: the folder named by ``$REPORTBOOK_SVG_CACHE``, which the chapter
    runner sets for its kernels).

    Drawing costs 0.2–1 s a chart (measuring text in the CJK font), so a chart whose spec did
    not change is never drawn twice; with or without the cache the SVG is the same."""
    cache_dir = cache_dir or os.environ.get(SVG_CACHE_ENV)
    key = hashlib.sha256((SVG_VERSION + ident + spec).encode()).hexdigest()[:24]
    cached = Path(cache_dir) / f"{key}.svg" if cache_dir else None
    if cached and cached.exists():
        os.utime(cached)  # in use: see prune_svg_cache
        return cached.read_text(encoding="utf-8")
    out = render_svg(json.loads(spec), ident)
    if cached:
        # Kernels draw in parallel: write whole files only.
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(out, encoding="utf-8")
        os.replace(tmp, cached)
    return out


def prune_svg_cache(cache_dir, days: int = 30) -> int:
    """Forget static SVGs no chapter has drawn or reused for ``days``; returns how many.
    (An executed chapter keeps its SVGs in its notebook: this cache only spares redrawing
    the unchanged charts of a chapter that runs again.)"""

    now = time.time()
    old = [f for f in Path(cache_dir).glob("*.svg") if f.stat().st_mtime < now - days * 86400]
    # ...and files a killed kernel left half-written.
    old += [f for f in Path(cache_dir).glob("*.tmp") if f.stat().st_mtime < now - 86400]
    for f in old:
        f.unlink(missing_ok=True)
    return len(old)


FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")


def _svg_version() -> str:
    """What a static SVG depends on besides its spec: vl-convert's version, this module's
    code (``render_svg``, ``_slim``) and the installed fonts (text is measured with them).
    Part of the SVG cache key, so installing a font or changing the code redraws."""
    import vl_convert  # deferred: heavy, and it must not be imported before a fork

    h = hashlib.sha256(Path(__file__).read_bytes())
    dirs = [*FONT_DIRS, os.path.join(os.environ.get("XDG_DATA_HOME", "~/.local/share"), "fonts")]
    for d in dirs:
        try:
            folder = Path(d).expanduser()
        except RuntimeError:  # no home folder: nothing installed there
            continue
        for f in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if f.is_file():
                st = f.stat()
                h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return f"vlc{vl_convert.__version__}-{h.hexdigest()[:12]}"


SVG_VERSION = _svg_version()  # part of the SVG cache key
