"""Citations: every labelled section, every chart and every figure of the ledger, cited five
ways (APA 7, GB/T 7714-2015, BibTeX, CSL-JSON, RIS), and the bibliography of the sources.

Labels are MyST targets written in the chapter sources, ``(energy-capacity)=`` right above a
heading. Sphinx turns each into the section's id, so ``energy.html#energy-capacity`` stays put
when sections are added, data changes or Chinese headings move. The same text is printed by
``python -m reportbook cite LABEL`` (a figure: ``cite f-…``) and shown in the "Cite this
section" block the build puts in every labelled section (``reportbook.pages``).

What a citation says of the book comes from one place, the ``reportbook:`` block of
``_config.yml`` (URL, publisher, licence); of the edition, from ``reportbook.edition``: its
number (the first edition is not stated, as APA and GB/T 7714 both say), its own date
(``issued``: the year cited) and its id (BibTeX ``version``). A placeholder URL (a reserved
example domain) is never printed: a citation without a URL beats one with a dead URL.

GB/T 7714-2015 forms: a section is a part of an online monograph, ``析出文献[M/OL]//专著.
版本项. 出版者, 出版年[引用日期]. 获取和访问路径.`` The place of publication is left out (the
standard allows it for an online resource without one); the edition of an English-language
work is stated in English (``5th ed.``). ``[引用日期]`` is the day the reader cites: the day
they copy it in the book (the page's script writes it in), else the edition's date.

Source text is data: every field of a BibTeX entry is escaped so that no title can close its
field, and a source's URL reaches the bibliography only if it is plain http or https.
"""

from __future__ import annotations

import functools
import html
import json
import re
from urllib.parse import quote, urlsplit

from docutils.utils.smartquotes import smartyPants

from reportbook import addresses, chapters, language, markup, wording
from reportbook import edition as _edition
from reportbook.errors import CitationError as CiteError
from reportbook.files import read_yaml
from reportbook.paths import Paths
from reportbook.registry import Registry

LABEL = chapters.LABEL_RE
FORMATS = ("apa", "gbt7714", "bibtex", "csl", "ris")
FORMAT_NAMES = {
    "apa": "APA",
    "gbt7714": "GB/T 7714",
    "bibtex": "BibTeX",
    "csl": "CSL-JSON",
    "ris": "RIS",
}
FIGURE_ID = re.compile(r"^f-[0-9a-f]{10}$")
# Reserved for documentation (RFC 2606, RFC 6761): never a book's real address.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")
PLACEHOLDER_TLDS = ("example", "invalid", "test", "localhost")
# The Sphinx setting that carries the book's citation settings and the edition to the pages
# (reportbook/pages.py), set by the build's staged _config.yml.
SPHINX_SETTINGS = "reportbook_citation"
SAFE_URL = re.compile(r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


# ------------------------------------------------------------------------------- the book


def is_placeholder(url: str) -> bool:
    """An address no reader can open: empty, or on a domain reserved for examples."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return True
    return (
        host in PLACEHOLDER_DOMAINS
        or any(host.endswith("." + d) for d in PLACEHOLDER_DOMAINS)
        or host.rsplit(".", 1)[-1] in PLACEHOLDER_TLDS
    )


def safe_url(url) -> str:
    """``url`` if it is a plain http(s) URL by the project's one rule (``markup.SAFE_URL``),
    non-ASCII characters percent-encoded for BibTeX and RIS, else ''."""
    url = str(url or "").strip()
    if not markup.SAFE_URL.fullmatch(url):
        return ""
    url = markup.ascii_url(url)
    return url if SAFE_URL.match(url) and urlsplit(url).hostname else ""


def book_meta(paths: Paths) -> dict:
    """The book as ``_config.yml`` describes it: title, author, publisher, licence, language
    and URL (``''`` when the configured one is a placeholder; ``placeholder`` says so)."""
    cfg = read_yaml(paths.root / "_config.yml")
    rb = cfg.get("reportbook") or {}
    given = str(rb.get("url") or "").strip()
    if given and not safe_url(given):
        raise CiteError(
            f"_config.yml: reportbook.url {given!r} is not an http(s) URL; give the address the "
            "book is published at, or leave the placeholder"
        )
    url = "" if is_placeholder(given) else given.rstrip("/") + "/"
    return {
        "title": str(cfg["title"]),
        "author": str(cfg["author"]),
        "publisher": str(rb.get("publisher") or ""),
        "licence": str(rb.get("licence") or ""),
        "copyright": str(cfg.get("copyright") or ""),
        "language": str(cfg.get("sphinx", {}).get("config", {}).get("language") or "en"),
        "url": url,
        "given_url": given,
        "placeholder": bool(given) and not url,
        "edition_dir": "",
        # The Chinese edition names the book, its author and publisher in Chinese; each
        # defaults to the English (a name not given in Chinese is cited as it is).
        **{
            f"{k}_zh": str(rb.get(f"{k}_zh") or (cfg if k in TOP else rb).get(k) or "")
            for k in ZH_FIELDS
        },
    }


# What the Chinese edition says in Chinese of the book (``reportbook.<field>_zh``): the
# title, author and copyright are Jupyter Book's own settings, the publisher the book's.
ZH_FIELDS = ("title", "author", "publisher", "copyright")
TOP = {"title", "author", "copyright"}


def edition_meta(meta: dict, lang: str) -> dict:
    """What the citations of the ``lang`` edition say of the book: the Chinese edition is
    the book under its Chinese title, author and publisher (``reportbook.title_zh``,
    ``author_zh``, ``publisher_zh``, ``copyright_zh``), in Chinese, at ``zh/``; its
    sections keep their labels, so a cited section resolves in either language."""
    if language.check(lang) == "en":
        return meta
    return {**meta, **{k: meta[f"{k}_zh"] for k in ZH_FIELDS}, "language": "zh",
            "edition_dir": language.SITE_DIR[lang]}  # fmt: skip


def edition_fields(ed: dict) -> dict:
    """What a citation names of an edition: number, id, its own date and year."""
    number = ed.get("number")
    issued = str(ed.get("issued") or ed.get("date") or "")
    return {
        "number": int(number) if str(number or "").isdigit() else None,
        "id": str(ed.get("id") or ""),
        "version": str(ed.get("version") or ""),
        "issued": issued,
        "year": issued[:4] or str(ed.get("year") or ""),
    }


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def edition_statement(number: int | None, lang: str = "en") -> str:
    """``5th ed.`` (``第5版`` for the Chinese edition); nothing for the first edition (APA 7 and
    GB/T 7714-2015 8.2 both leave it out)."""
    if not (number and number > 1):
        return ""
    return f"第{number}版" if lang == "zh" else f"{ordinal(number)} ed."


# ---------------------------------------------------------------------------- what is cited


def sections(paths: Paths, lang: str = language.DEFAULT) -> dict[str, dict]:
    """label -> {page, title, level, chapter_title} for every labelled heading of the book as
    it is built now, in the ``lang`` edition (the labels are the same in both): plain pages as
    written, chapters as assembled for the current data (``reportbook.chapters``: shared
    panels included, an empty theme's sections left out).

    Computed once for as long as no page and no data file changes."""
    pages = tuple(sorted(paths.book.glob("*.md")))
    data = (paths.figures_csv, paths.themes_yml, paths.sources_yml, paths.indicators_yml)
    stamp = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in pages + data if p.exists())
    return dict(_sections(paths, stamp, language.check(lang)))


def plain_title(title: str) -> str:
    """A heading as the page shows it: roles (``{glue:md}`x```) and emphasis markers removed,
    quotes and dashes made typographic as Sphinx makes them (its smartquotes, "qDe")."""
    title = re.sub(r"\{[^}]+\}`[^`]*`", "", title)
    title = re.sub(r"(?<!\w)[*_]{1,2}(\S(?:.*?\S)?)[*_]{1,2}(?!\w)", r"\1", title).strip()
    return smartyPants(title, "qDe", "en")


@functools.lru_cache(maxsize=4)
def _sections(paths: Paths, stamp: tuple, lang: str = language.DEFAULT) -> tuple:
    found: list[tuple[str, int, str, str]] = []  # (page, level, label, title)
    reg = Registry.of(paths)
    theme_ids = {t["id"] for t in reg.themes}
    chapter_list = chapters.find(paths.book, theme_ids)
    inputs = chapters.data_inputs(paths, {ch.theme for ch in chapter_list}) if chapter_list else {}
    indicator_names = (
        {i.id: i.name_zh for i in reg.indicators.indicators if i.name_zh} if lang == "zh" else {}
    )
    for ch in chapter_list:
        facts = chapters.facts(inputs[ch.theme])
        for label, level, title in chapters.labels(ch, *facts, lang=lang, names=indicator_names):
            found.append((ch.name, level, label, title))
    names = {ch.name for ch in chapter_list}
    for p in sorted(paths.book.glob("*.md")):
        if p.stem in names:
            continue
        for m in LABEL.finditer(language.in_language(p.read_text(encoding="utf-8"), lang)):
            found.append((p.stem, len(m[2]), m[1], m[3]))
    out: dict[str, dict] = {}
    chapter_title = {}
    for page, level, label, title in found:
        title = plain_title(title)
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


def make(
    meta: dict,
    ed: dict,
    *,
    page: str,
    key: str,
    title: str,
    anchor: str = "",
    subtitle: str = "",
    kind: str = "section",
    accessed: str = "",
) -> dict:
    """A citation of one part of the book: ``page`` (``energy``, the file under ``book/``),
    ``anchor`` (its label, or '' for a whole page), ``title`` (as cited), ``subtitle`` (what
    it is, for a figure or chart), ``accessed`` (the day it is cited; default: the edition's
    own date)."""
    e = edition_fields(ed)
    where = f"{meta['url']}{meta.get('edition_dir', '')}book/{page}.html"
    url = where + (f"#{anchor}" if anchor else "") if meta["url"] else ""
    label = re.sub(r"[^a-z0-9-]+", "-", key.lower()).strip("-")
    return {
        "key": f"xinzhou-report-{label}",
        "label": label,
        "kind": kind,
        "title": title,
        "subtitle": subtitle,
        "book": meta["title"],
        "author": meta["author"],
        "publisher": meta["publisher"],
        "language": meta["language"],
        "edition": e["number"],
        "edition_id": e["id"],
        "version": e["version"],
        "issued": e["issued"],
        "year": e["year"],
        "accessed": accessed or e["issued"],
        "url": url,
        "anchor": anchor,
    }


def citation(
    paths: Paths,
    label: str,
    edition: dict | None = None,
    accessed: str = "",
    lang: str = language.DEFAULT,
) -> dict:
    """The citation of a labelled chapter or section in the ``lang`` edition, or of a ledger
    figure (``f-…``: its sentence is on the sources' page, which is the English edition's)."""
    if FIGURE_ID.match(label):
        return figure_citation(paths, label, edition, accessed)
    secs = sections(paths, lang)
    if label not in secs:
        near = ", ".join(sorted(k for k in secs if k.split("-")[0] == label.split("-")[0])[:8])
        raise CiteError(
            f"no section is labelled {label!r}. "
            + (f"Labels in that chapter: {near}. " if near else "")
            + "A figure is cited by its id (f- and 10 hex digits, as in the ledger)."
        )
    s = secs[label]
    return section_citation(
        edition_meta(book_meta(paths), lang),
        edition or _edition.current(paths),
        page=s["page"],
        label=label,
        title=s["title"],
        chapter_title=s["chapter_title"],
        level=s["level"],
        accessed=accessed,
    )


def section_citation(
    meta: dict,
    ed: dict,
    *,
    page: str,
    label: str,
    title: str,
    chapter_title: str,
    level: int,
    accessed: str = "",
) -> dict:
    """A chapter (level 1: the page, no anchor) or one of its sections (``Chapter: Section``
    at ``#label``)."""
    chapter = level == 1 or not chapter_title or chapter_title == title
    colon = "：" if meta.get("language") == "zh" else ": "
    return make(
        meta,
        ed,
        page=page,
        key=label,
        title=title if chapter else f"{chapter_title}{colon}{title}",
        anchor="" if level == 1 else label,
        kind="chapter" if level == 1 else "section",
        accessed=accessed,
    )


def chart_citation(
    meta: dict,
    ed: dict,
    *,
    page: str,
    label: str,
    number: str,
    title: str,
    chapter_title: str,
    sources: list[str],
    accessed: str = "",
) -> dict:
    """A numbered chart: ``Figure 4.1: Installed power capacity by type`` at ``#fig-…``, with
    the documents its data comes from."""
    if meta.get("language") == "zh":
        subtitle = (f"“{chapter_title}”中的图表" if chapter_title else "图表") + (
            "；数据来源：" + "；".join(sources) if sources else ""
        )
        said = f"图{number}：{title}"
    else:
        subtitle = "chart" + (f" in “{chapter_title}”" if chapter_title else "")
        if sources:
            subtitle += "; data from " + "; ".join(sources)
        said = f"Figure {number}: {title}"
    return make(
        meta,
        ed,
        page=page,
        key=label,
        title=said,
        anchor=label,
        subtitle=subtitle,
        kind="chart",
        accessed=accessed,
    )


def figure_citation(
    paths: Paths, figure_id: str, edition: dict | None = None, accessed: str = ""
) -> dict:
    """One figure of the ledger, by its stable id: what it measures, its value and period as
    the book words them, and the sentence it was read from, at its place in the sources
    appendix (its ``#f-…`` anchor, where the sentence is shown in context)."""
    from reportbook import ledger  # deferred: pandas, only for a figure's citation

    rows = ledger.read(paths)
    hit = rows[rows["figure_id"] == figure_id]
    if hit.empty:
        raise CiteError(
            f"no figure has the id {figure_id!r}; figure ids are in data/figures.csv and in "
            "each chart's table"
        )
    r = hit.iloc[0]
    reg = Registry.of(paths)
    source = {s["id"]: s for s in reg.sources}.get(r["source_id"], {})
    if r["indicator_id"]:
        what = wording.subject(r["indicator_id"], reg.indicators)[0]
    else:
        what = "Unclassified figure"
    said = wording.say(r, reg.indicators, link=False, bold=("", ""))
    title = f"{what} {said}"
    src = source.get("title") or r["source_id"]
    quote_text = " ".join(str(r["quote"]).split())
    return make(
        book_meta(paths),
        edition or _edition.current(paths),
        page=addresses.source_doc(r["source_id"]),
        key=figure_id,
        title=title,
        anchor=figure_id,
        subtitle=f"figure {figure_id}; source sentence: “{quote_text}” ({src})",
        kind="figure",
        accessed=accessed,
    )


# ------------------------------------------------------------------------------ the formats


def _stop(text: str) -> str:
    """``text`` ending in one full stop (none added after ? ! or .)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _apa(c: dict) -> str:
    """APA 7, a chapter in an authored online book: Author. (Year). Title [What]. In Book
    (5th ed.). Publisher. URL — the publisher left out when it is the author."""
    head = c["title"] + (f" [{c['subtitle']}]" if c["subtitle"] else "")
    ed = edition_statement(c["edition"], c["language"])
    text = f"{c['author']}. ({c['year']}). {_stop(head)} In {c['book']}" + (
        f" ({ed})" if ed else ""
    )
    text = _stop(text)
    if c["publisher"] and c["publisher"] != c["author"]:
        text += " " + _stop(c["publisher"])
    if c["url"]:
        text += " " + c["url"]
    return text


def _gbt(c: dict) -> str:
    colon = "：" if c["language"] == "zh" else ": "
    title = c["title"] + (f"{colon}{c['subtitle']}" if c["subtitle"] else "")
    text = f"{c['author']}. {title}[M/OL]//{c['author']}. {_stop(c['book'])}"
    ed = edition_statement(c["edition"], c["language"])
    if ed:
        text += f" {ed}." if c["language"] == "zh" else f" {ed}"
    pub = f"{c['publisher']}, {c['year']}" if c["publisher"] else c["year"]
    text += f" {pub}[{c['accessed']}]."
    if c["url"]:
        text += f" {c['url']}."
    return text


_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "@": r"{@}",
}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX_ESCAPES)) + "]")


def bibtex_escape(text) -> str:
    """``text`` as inert BibTeX field content. BibTeX ends a field at the brace that balances
    its opening one and counts escaped braces (``\\}``) too, so no brace of the text is
    kept as a brace: each becomes ``\\textbraceleft{}`` or ``\\textbraceright{}``, whose own
    braces balance. Other LaTeX specials are escaped, ``@`` is braced (it starts an entry for
    parsers that resynchronise) and line breaks become spaces."""
    text = " ".join(str(text).split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m[0]], text)


def _bib_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    key = re.sub(r"[^A-Za-z0-9_.:-]+", "-", key) or "source"
    width = max(len(k) for k, v in fields if v) if fields else 0
    body = "".join(f"  {k:<{width}} = {{{v}}},\n" for k, v in fields if v)
    return f"@{kind}{{{key},\n{body}}}"


def _bibtex(c: dict) -> str:
    """biblatex/BibTeX: @incollection, the corporate author braced, the edition as a number
    (styles print "5th ed."), ``date`` for biblatex and ``year`` for BibTeX."""
    e = bibtex_escape
    return _bib_entry(
        "incollection",
        c["key"],
        [
            ("author", "{" + e(c["author"]) + "}"),
            ("title", e(c["title"])),
            ("booktitle", e(c["book"])),
            ("edition", str(c["edition"]) if (c["edition"] or 0) > 1 else ""),
            ("publisher", e(c["publisher"])),
            ("year", e(c["year"])),
            ("date", e(c["issued"])),
            ("version", e(c["edition_id"])),
            ("url", c["url"] if safe_url(c["url"]) else ""),
            ("urldate", e(c["accessed"]) if c["url"] else ""),
            ("note", e(_stop(c["subtitle"])) if c["subtitle"] else ""),
            ("langid", {"en": "english", "zh": "chinese"}.get(c["language"][:2], e(c["language"]))),
        ],
    )


def _date_parts(iso: str) -> list[int]:
    return [int(x) for x in iso.split("-") if x.isdigit()]


def _csl(c: dict) -> str:
    item = {
        "id": c["key"],
        "type": "chapter",
        "title": c["title"],
        "container-title": c["book"],
        "author": [{"literal": c["author"]}],
        "publisher": c["publisher"],
        "edition": str(c["edition"]) if (c["edition"] or 0) > 1 else None,
        "version": c["edition_id"],
        "issued": {"date-parts": [_date_parts(c["issued"])]},
        "accessed": {"date-parts": [_date_parts(c["accessed"])]},
        "URL": c["url"],
        "note": c["subtitle"],
        "language": c["language"],
    }
    item = {k: v for k, v in item.items() if v not in ("", None)}
    return json.dumps([item], ensure_ascii=False, separators=(",", ":")) + "\n"


def _ris(c: dict) -> str:
    """RIS, a book section (CHAP). ``Y2`` is the access date (the page's script rewrites
    that line to the reader's day)."""

    def one(v: str) -> str:
        return " ".join(str(v).split())

    tags = [
        ("TY", "CHAP"),
        ("AU", one(c["author"])),
        ("TI", one(c["title"])),
        ("T2", one(c["book"])),
        ("ET", edition_statement(c["edition"])),
        ("PY", c["year"]),
        ("DA", c["issued"].replace("-", "/")),
        ("PB", one(c["publisher"])),
        ("UR", c["url"]),
        ("Y2", c["accessed"].replace("-", "/") if c["url"] else ""),
        ("N1", one(c["subtitle"])),
        ("LA", c["language"]),
    ]
    return "".join(f"{t}  - {v}\n" for t, v in tags if v) + "ER  - \n"


def render(c: dict, fmt: str) -> str:
    """The citation ``c`` (from ``citation``, ``make`` …) in format ``fmt``."""
    if fmt == "apa":
        return _apa(c)
    if fmt == "gbt7714":
        return _gbt(c)
    if fmt == "bibtex":
        return _bibtex(c)
    if fmt == "csl":
        return _csl(c)
    if fmt == "ris":
        return _ris(c)
    raise CiteError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def format_citation(
    paths: Paths, label: str, fmt: str = "bibtex", accessed: str = "", lang: str = "en"
) -> str:
    return render(citation(paths, label, accessed=accessed, lang=lang), fmt)


# ------------------------------------------------------------------------------ the block

ACCESSED_HTML = '<span class="rb-accessed">{}</span>'
HEADS = {
    "chapter": "Cite this chapter",
    "section": "Cite this section",
    "chart": "Cite this figure",
    "figure": "Cite this figure",
}


_SENTINEL = "RB-ACCESSED-DATE"  # stands for the access date while a format is escaped


def _with_accessed(c: dict, fmt: str) -> str:
    """``c`` in ``fmt``, escaped, its access date wrapped in a span the page's script sets to
    the reader's day."""
    text = html.escape(render({**c, "accessed": _SENTINEL}, fmt))
    return text.replace(_SENTINEL, ACCESSED_HTML.format(html.escape(c["accessed"])))


HEADS_ZH = {
    "chapter": "引用本章",
    "section": "引用本节",
    "chart": "引用本图",
    "figure": "引用这条数据",
}


def block_html(c: dict) -> str:
    """The block shown in a section or figure: APA and GB/T 7714 lines (GB/T 7714 first in the
    Chinese edition), BibTeX beneath, RIS and CSL-JSON to download (each escaped; the page's
    script adds the copy buttons and writes the reader's day into the access dates)."""
    e = html.escape
    zh = c.get("language") == "zh"
    label = c["anchor"] or c["label"]
    said = f"版本 {e(c['version'])}" if zh else f"edition {e(c['version'])}"
    version = f' · <span class="rb-cite-edition">{said}</span>'
    downloads = " · ".join(
        f'<a class="rb-cite-dl" data-format="{fmt}" download="{e(c["label"])}.{ext}" '
        f'href="data:{mime};charset=utf-8,{quote(render(c, fmt), safe="")}">{name}</a>'
        for fmt, ext, mime, name in (
            ("ris", "ris", "application/x-research-info-systems", "RIS"),
            ("csl", "json", "application/vnd.citationstyles.csl+json", "CSL-JSON"),
        )
    )
    # A section's block names its label (the cite anchor), a chart's or figure's its id.
    names = "data-figure" if c["kind"] in ("chart", "figure") else "data-label"
    head = HEADS_ZH.get(c["kind"], "引用") if zh else HEADS.get(c["kind"], "Cite")
    apa = (
        f'<p class="rb-cite-apa"><span class="rb-cite-fmt">APA</span> '
        f'<span class="rb-cite-text" data-format="apa">{e(render(c, "apa"))}</span></p>'
    )
    gbt = (
        f'<p class="rb-cite-gbt"><span class="rb-cite-fmt">GB/T 7714</span> '
        f'<span class="rb-cite-text" data-format="gbt7714">{_with_accessed(c, "gbt7714")}'
        f"</span></p>"
    )
    return (
        f'<div class="rb-cite" {names}="{e(label)}" data-accessed="{e(c["accessed"])}">'
        f'<p class="rb-cite-head">{head} · '
        f'<a href="#{e(label)}">#{e(label)}</a>{version}</p>'
        + (gbt + apa if zh else apa + gbt)
        + f'<details class="rb-cite-bib"><summary>BibTeX</summary>'
        f'<pre class="rb-cite-text" data-format="bibtex">{_with_accessed(c, "bibtex")}</pre>'
        f"</details>"
        f'<p class="rb-cite-dls">{"下载：" if zh else "Download: "}{downloads}</p>'
        f"</div>"
    )


def placeholder(label: str) -> str:
    """Where a chapter wants a section's block: filled in by the build (``reportbook.pages``),
    which knows the edition a chapter's kernel does not."""
    return f'<div class="rb-cite" data-label="{html.escape(label)}"></div>'


def block(paths: Paths, label: str, edition: str | dict = "") -> str:
    """The "Cite this section" block of ``label``. Given the edition's tokens (a chapter's
    kernel: the edition is not known until the book is staged), a placeholder the build fills
    in; given an edition (a dict, or a version string such as ``draft``), the block itself."""
    if isinstance(edition, dict) and edition.get("version") == _edition.TOKENS["version"]:
        citation(paths, label, {"number": 1, "issued": "", "version": ""})  # the label exists
        return placeholder(label)
    ed = edition if isinstance(edition, dict) else None
    if isinstance(edition, str) and edition:
        ed = {**_edition.current(paths), "version": edition}
    return block_html(citation(paths, label, ed))


# ------------------------------------------------------------------- the sources, the book


_PRECISION_ZH = {"day": "日", "month": "月", "year": "年"}


def bibliography(paths: Paths, lang: str = language.DEFAULT) -> str:
    """references.bib for sphinxcontrib-bibtex, one entry per source in sources.yml. Every
    field is escaped (a title cannot close its field or start an entry); a URL is kept only
    if it is plain http(s). The Chinese edition's (``lang`` zh) has its notes in Chinese and
    its authors as one name list (GB/T 7714 parts them with commas, not "and")."""
    srcs = read_yaml(paths.sources_yml)["sources"]
    out = []
    e = bibtex_escape
    zh = language.check(lang) == "zh"
    for s in srcs:
        names = [e(a) for a in (s.get("authors") or []) if str(a)]
        if zh:
            authors = "{" + ", ".join(names) + "}" if names else ""
        else:
            authors = " and ".join("{" + a + "}" for a in names)
        date = str(s.get("date") or "")
        if zh:
            precision = s.get("date_precision", "")
            note = ("描述性标题。" if s.get("title_is_descriptive") else "") + (
                # no full stop: the bibliography's style ends the entry with one
                f"日期精确到{_PRECISION_ZH.get(precision, precision)}，系推断；来源编号 {s['id']}"
            )
        else:
            note = ("Descriptive title. " if s.get("title_is_descriptive") else "") + (
                f"Date {s.get('date_precision', '')}, inferred; source id {s['id']}."
            )
        out.append(
            _bib_entry(
                "misc",
                str(s["id"]),
                [
                    ("author", authors or ("{佚名}" if zh else "{Unknown}")),
                    ("title", e(s.get("title") or s["id"])),
                    ("year", e(date[:4])),
                    ("month", e(date[5:7].lstrip("0")) if len(date) >= 7 else ""),
                    ("publisher", e(s.get("publisher") or "")),
                    ("url", safe_url(s.get("url"))),
                    ("note", e(note)),
                ],
            )
        )
    return "\n\n".join(out) + "\n"


def cff(paths: Paths) -> str:
    """CITATION.cff text for the book (kept in the repository root; a test compares)."""
    meta = book_meta(paths)

    def q(v: str) -> str:
        return json.dumps(v, ensure_ascii=False)

    lines = [
        "cff-version: 1.2.0",
        "message: Cite this book, or a section of it with `python -m reportbook cite LABEL`.",
        "type: dataset",
        f"title: {q(meta['title'])}",
        "authors:",
        f"  - name: {q(meta['author'])}",
    ]
    if meta["url"]:
        lines.append(f"url: {q(meta['url'])}")
    if meta["licence"]:
        lines.append(f"license: {q(meta['licence'])}")
    return "\n".join(lines) + "\n"
