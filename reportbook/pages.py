"""Pages: what every built page gets from the build, in one place — a Sphinx extension.

The staged ``_config.yml`` loads it (``reportbook.build.stage``) with the book's citation
settings and the edition in ``reportbook_citation``. While Sphinx reads a page:

- every labelled heading (a MyST ``(label)=`` target above it) takes its label as the
  section's first id, so the heading's permalink, the in-page contents and the sidebar all
  link to ``#energy-capacity``, never to the slug of its words (``#installed-capacity``,
  which stays as a second id so old links still land);
- every labelled section gets its "Cite this section" block: where the chapter put one
  (``ch.cite(label)`` leaves a placeholder, ``cite.placeholder``), else at the end of the
  section's own text, before its first subsection;
- every chart (``charts.Figure``) gets its "Cite this figure" block in its placeholder.

When Sphinx writes a page, its ``<head>`` gets ``citation_*`` meta tags (title, author,
date, publisher, language, URL) for Zotero and Google Scholar, and the footer's link to the
PDF edition its path from that page. The search index is built by ``reportbook.search``.

Each page of the book links to the same page in the other edition (English ↔ 中文,
``language.counterpart``; the page's script keeps the reader's section, the URL's ``#label``,
which both editions share), and says so to browsers and crawlers (``<link rel="alternate"
hreflang>``).

Only the labels of the book's own pages (under ``book/``) are cited; a page's text comes
from the doctree, so a cite block quotes the heading exactly as the page shows it.
"""

from __future__ import annotations

import html
import json
import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

from reportbook import chapters, cite, language, search
from reportbook.pdf import HREF_TOKEN as PDF_HREF

CONFIG = cite.SPHINX_SETTINGS
LABEL = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FIGURE = re.compile(r'<figure class="rb-figure" id="([^"]+)"[^>]*\bdata-meta="([^"]*)"')


def _own(section: nodes.section):
    """The nodes of ``section`` outside its subsections."""
    stack = list(section.children)
    while stack:
        node = stack.pop(0)
        if isinstance(node, nodes.section):
            continue
        yield node
        stack[0:0] = list(node.children) if isinstance(node, nodes.Element) else []


def _level(section: nodes.section) -> int:
    level, node = 0, section
    while node is not None:
        level += isinstance(node, nodes.section)
        node = node.parent
    return level


def _replace(raw: nodes.raw, text: str) -> None:
    new = nodes.raw("", text, format=raw.get("format", "html"))
    new["classes"] = list(raw.get("classes", []))
    raw.replace_self(new)


class Citable(SphinxTransform):
    """Stable first ids and cite blocks for labelled sections; cite blocks for charts."""

    # After docutils moves a target's ids onto its section (PropagateTargets, 260), before
    # Sphinx collects the contents from the section ids (the doctree-read event, 880).
    default_priority = 800

    def apply(self, **kwargs) -> None:
        settings = self.config[CONFIG]
        docname = self.env.docname
        if not settings or not docname.startswith("book/"):
            return
        meta, ed = settings["book"], settings["edition"]
        page = docname.removeprefix("book/")
        doc = self.document
        top = next(iter(doc.findall(nodes.section)), None)
        chapter_title = top[0].astext().strip() if top is not None and len(top) else ""
        _switch(doc, docname, settings.get("language"))
        # A theme with no figures is its title, its opening and one line: nothing to cite.
        text = " ".join(doc.astext().split())
        empty = any(" ".join(n.split()) in text for n in chapters.EMPTY_NOTES.values())
        for sec in list(doc.findall(nodes.section)):
            labels = [
                n
                for n in sec["names"]
                if doc.nametypes.get(n) and LABEL.match(n) and n in sec["ids"]
            ]
            if not labels:
                continue
            label = labels[0]
            sec["ids"].remove(label)
            sec["ids"].insert(0, label)
            if empty:
                continue
            c = cite.section_citation(
                meta,
                ed,
                page=page,
                label=label,
                title=sec[0].astext().strip(),
                chapter_title=chapter_title,
                level=_level(sec),
            )
            block = cite.block_html(c)
            mark = cite.placeholder(label)
            placed = False
            for node in list(_own(sec)):
                if isinstance(node, nodes.raw) and mark in node.astext():
                    _replace(node, node.astext().replace(mark, block))
                    placed = True
            if not placed:
                at = next(
                    (i for i, n in enumerate(sec.children) if isinstance(n, nodes.section)),
                    len(sec.children),
                )
                sec.insert(at, nodes.raw("", block, format="html"))
        for raw in list(doc.findall(nodes.raw)):
            text = raw.astext()
            if "rb-figure" in text and 'data-figure="' in text:
                _replace(raw, self._charts(text, meta, ed, page, chapter_title))

    @staticmethod
    def _charts(text: str, meta: dict, ed: dict, page: str, chapter_title: str) -> str:
        for m in FIGURE.finditer(text):
            label, info = html.unescape(m[1]), json.loads(html.unescape(m[2]))
            c = cite.chart_citation(
                meta,
                ed,
                page=page,
                label=label,
                number=info["number"],
                title=info["title"],
                chapter_title=chapter_title,
                sources=info["sources"],
            )
            mark = f'<div class="rb-cite" data-figure="{html.escape(label)}"></div>'
            text = text.replace(mark, cite.block_html(c))
        return text


def _counterpart(docname: str, lang: dict) -> str:
    return language.counterpart(docname, lang["lang"], lang["other"],
                                exists=docname in lang["pages"])  # fmt: skip


def _switch(doc, docname: str, lang: dict | None) -> None:
    """The link to this page in the other edition, under the page's title."""
    if not lang:
        return
    top = next(iter(doc.findall(nodes.section)), None)
    if top is None:
        return
    other = lang["other"]
    href = html.escape(_counterpart(docname, lang))
    link = (
        f'<p class="rb-lang-switch"><a class="rb-lang" href="{href}" '
        f'hreflang="{language.HTML_LANG[other]}" lang="{language.HTML_LANG[other]}">'
        f"{html.escape(language.word(lang['lang'], 'other_edition'))}</a></p>"
    )
    top.insert(1, nodes.raw("", link, format="html"))


def _meta_tags(app, pagename: str, context: dict) -> str:
    settings = app.config[CONFIG]
    book, ed = settings["book"], settings["edition"]
    titles = app.env.titles
    title = titles[pagename].astext().strip() if pagename in titles else book["title"]
    tags = [
        ("citation_title", title),
        ("citation_author", book["author"]),
        ("citation_publication_date", ed["issued"].replace("-", "/")),
        ("citation_publisher", book["publisher"]),
        ("citation_language", book["language"]),
    ]
    if title != book["title"]:
        tags.append(("citation_inbook_title", book["title"]))
    number = cite.edition_fields(ed)["number"]
    if number and number > 1:
        tags.append(("citation_edition", str(number)))
    if book["url"]:
        tags.append(
            ("citation_public_url", f"{book['url']}{book.get('edition_dir', '')}{pagename}.html")
        )
        if settings.get("pdf"):
            tags.append(("citation_pdf_url", book["url"] + settings["pdf"]))
    out = "".join(f'<meta name="{n}" content="{html.escape(v)}">\n' for n, v in tags if v)
    lang = settings.get("language")
    if lang and pagename.startswith("book/"):
        href = html.escape(_counterpart(pagename, lang))
        out += (
            f'<link rel="alternate" hreflang="{language.HTML_LANG[lang["other"]]}" href="{href}">\n'
        )
    return out


def page_context(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not app.config[CONFIG]:
        return
    context["metatags"] = context.get("metatags", "") + _meta_tags(app, pagename, context)
    footer = context.get("theme_extra_footer") or ""
    if PDF_HREF in footer:
        pdf = app.config[CONFIG].get("pdf") or ""
        context["theme_extra_footer"] = footer.replace(
            PDF_HREF, html.escape(context["pathto"](pdf, 1))
        )


def setup(app):
    app.add_config_value(CONFIG, {}, "env")
    app.add_transform(Citable)
    app.connect("html-page-context", page_context)
    app.add_search_language(search.SearchChinese)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
