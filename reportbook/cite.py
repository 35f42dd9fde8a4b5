"""Citations: every chapter and section has an explicit ASCII label; cite it three ways.

Labels are MyST targets written in the chapter sources, ``(energy-capacity)=`` right above a
heading. Sphinx turns each into the section's id, so ``energy.html#energy-capacity`` stays put
when sections are added, data changes or Chinese headings move. The same text is printed by
``python -m reportbook cite LABEL`` and shown in each chapter's "Cite this section" block.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from reportbook import chapters
from reportbook import edition as _edition
from reportbook.errors import CitationError as CiteError  # noqa: F401 - re-exported
from reportbook.files import read_yaml
from reportbook.paths import Paths
from reportbook.registry import Registry

LABEL = chapters.LABEL_RE
FORMATS = ("bibtex", "apa", "gbt7714")


def sections(paths: Paths) -> dict[str, dict]:
    """label -> {page, title, level, chapter_title} for every labelled heading of the book as
    it is built now: plain pages as written, chapters as assembled for the current data
    (``reportbook.chapters``: shared panels included, an empty theme's sections left out).

    Every cite block asks for this, several per chapter, all chapters in one kernel: it is
    computed once for as long as no page and no data file changes."""
    pages = tuple(sorted(paths.book.glob("*.md")))
    data = (paths.figures_csv, paths.themes_yml, paths.sources_yml)
    stamp = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in pages + data if p.exists())
    return dict(_sections(paths, stamp))


@functools.lru_cache(maxsize=4)
def _sections(paths: Paths, stamp: tuple) -> tuple:

    found: list[tuple[str, int, str, str]] = []  # (page, level, label, title)
    theme_ids = {t["id"] for t in Registry.of(paths).themes}
    chapter_list = chapters.find(paths.book, theme_ids)
    inputs = chapters.data_inputs(paths, {ch.theme for ch in chapter_list}) if chapter_list else {}
    for ch in chapter_list:
        for label, level, title in chapters.labels(ch, *chapters.facts(inputs[ch.theme])):
            found.append((ch.name, level, label, title))
    names = {ch.name for ch in chapter_list}
    for p in sorted(paths.book.glob("*.md")):
        if p.stem in names:
            continue
        for m in LABEL.finditer(p.read_text(encoding="utf-8")):
            found.append((p.stem, len(m[2]), m[1], m[3]))
    out: dict[str, dict] = {}
    chapter_title = {}
    for page, level, label, title in found:
        title = re.sub(r"\{[^}]+\}`[^`]*`", "", title).strip()
        if level == 1:
            chapter_title[page] = title
        if label in out:
            raise CiteError(
                f"label {label!r} is defined twice: book/{out[label]['page']} and "
                f"book/{page}; labels must be unique"
            )
        out[label] = {
            "page": page,
            "title": title,
            "level": level,
            "chapter_title": chapter_title.get(page, ""),
        }
    return tuple(out.items())


def _book_meta(paths: Paths) -> dict:
    cfg = read_yaml(paths.root / "_config.yml")
    return {
        "title": cfg["title"],
        "author": cfg["author"],
        "baseurl": cfg.get("html", {}).get("baseurl", "").rstrip("/") + "/",
    }


def citation(paths: Paths, label: str, edition: dict | None = None) -> dict:
    secs = sections(paths)
    if label not in secs:
        near = ", ".join(sorted(k for k in secs if k.split("-")[0] == label.split("-")[0])[:8])
        raise CiteError(
            f"no section is labelled {label!r}. "
            + (f"Labels in that chapter: {near}. " if near else "")
            + "List them all with: python -m reportbook cite --help, or see the book's labels."
        )
    s = secs[label]
    meta = _book_meta(paths)
    ed = edition or _edition.current(paths)
    title = s["title"] if s["level"] == 1 else f"{s['chapter_title']}: {s['title']}"
    anchor = "" if s["level"] == 1 else f"#{label}"
    return {
        "key": f"xinzhou-report-{label}",
        "title": title,
        "book": meta["title"],
        "author": meta["author"],
        "edition": ed["version"],
        "year": ed["year"],
        "date": ed["date"],
        "url": f"{meta['baseurl']}book/{s['page']}.html{anchor}",
    }


def render(c: dict, fmt: str) -> str:
    if fmt == "bibtex":
        return (
            f"@incollection{{{c['key']},\n"
            f"  author    = {{{{{c['author']}}}}},\n"
            f"  title     = {{{c['title']}}},\n"
            f"  booktitle = {{{c['book']}}},\n"
            f"  edition   = {{{c['edition']}}},\n"
            f"  year      = {{{c['year']}}},\n"
            f"  url       = {{{c['url']}}},\n"
            f"}}"
        )
    if fmt == "apa":
        return (
            f"{c['author']}. ({c['year']}). {c['title']}. In {c['book']} "
            f"(Edition {c['edition']}). {c['url']}"
        )
    if fmt == "gbt7714":
        # GB/T 7714-2015, part of an online monograph:
        # 析出文献[M/OL]//专著. 版本项. 出版年. 访问路径
        return (
            f"{c['author']}. {c['title']}[M/OL]//{c['author']}. {c['book']}. "
            f"{c['edition']}版. {c['year']}. {c['url']}."
        )
    raise CiteError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def format_citation(paths: Paths, label: str, fmt: str = "bibtex") -> str:
    return render(citation(paths, label), fmt)


def block(paths: Paths, label: str, edition: str | dict = "") -> str:
    """The "Cite this section" block shown under a heading (escaped; no script)."""
    ed = edition if isinstance(edition, dict) else None
    if isinstance(edition, str) and edition:
        ed = _edition.current(paths)
        ed = {**ed, "version": edition}
    c = citation(paths, label, ed)
    e = html.escape
    return (
        f'<div class="rb-cite" data-label="{e(label)}">'
        f'<p class="rb-cite-head">Cite this section · <a href="#{e(label)}">#{e(label)}</a></p>'
        f'<p class="rb-cite-apa"><span class="rb-cite-fmt">APA</span> {e(render(c, "apa"))}</p>'
        f'<p class="rb-cite-gbt" lang="zh-Hans"><span class="rb-cite-fmt">GB/T 7714</span> '
        f"{e(render(c, 'gbt7714'))}</p>"
        f'<details class="rb-cite-bib"><summary>BibTeX</summary>'
        f"<pre>{e(render(c, 'bibtex'))}</pre></details>"
        f"</div>"
    )


def bibliography(paths: Paths) -> str:
    """references.bib for sphinxcontrib-bibtex, one entry per source in sources.yml."""
    srcs = read_yaml(paths.sources_yml)["sources"]
    out = []
    for s in srcs:
        authors = " and ".join(s.get("authors") or []) or "{Unknown}"
        date = str(s.get("date") or "")
        fields = {
            "author": authors,
            "title": s.get("title", s["id"]),
            "year": date[:4],
            "month": date[5:7].lstrip("0") if len(date) >= 7 else "",
            "publisher": s.get("publisher") or "",
            "url": s.get("url") or "",
            "note": ("Descriptive title. " if s.get("title_is_descriptive") else "")
            + f"Date {s.get('date_precision', '')}, inferred; source id {s['id']}.",
        }
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v not in ("", None))
        out.append(f"@misc{{{s['id']},\n{body}\n}}")
    return "\n\n".join(out) + "\n"


def cff(paths: Paths) -> str:
    """CITATION.cff text for the book (kept in the repository root; a test compares)."""
    meta = _book_meta(paths)
    return (
        "cff-version: 1.2.0\n"
        "message: Cite this book, or a section of it with `python -m reportbook cite LABEL`.\n"
        "type: dataset\n"
        f"title: {meta['title']}\n"
        "authors:\n"
        f"  - name: {meta['author']}\n"
        f"url: {meta['baseurl']}\n"
        "license: MIT\n"
    )


def write_cff(paths: Paths) -> Path:
    p = paths.root / "CITATION.cff"
    p.write_text(cff(paths), encoding="utf-8")
    return p
