"""Languages: the book's two editions, English and Chinese (中文版), built from the same ledger.

One idea: which languages there are, where each edition lives in the site, the words of the
book's own interface in each, and a page's hand-written text in one of them.

- ``LANGUAGES``: ``en`` (the site's root, as before) and ``zh`` (under ``zh/``). Both editions
  share the data, the executed kernels' code and the charts' rows; the page of each source,
  the ledger and the review page are the English edition's (a Chinese page links to them,
  see ``shared``), every other appendix is in both.
- ``WORDS``: every fixed word or sentence the book's code writes on a page, under one key, in
  both languages (``word(lang, key, **fields)``). A key missing in one language, or the two
  naming different fields, fails ``tests/test_language.py``.
- ``in_language(text, lang)``: a page's text as written by hand, in one language. The Chinese
  of a passage stands in the same file right after the English, fenced:

  ::

      (energy-capacity)=
      ## Installed capacity

      Total installed power capacity {glue:md}`power_capacity__actual`.

      :::{zh}
      (energy-capacity)=
      ## 装机容量

      全市电力总装机{glue:md}`power_capacity__actual`。
      :::

  so the two cannot drift apart unseen: ``passages`` pairs them, and a passage with only one
  language, or whose two languages carry different labels, is refused (``missing``).

This module imports nothing from the package.
"""

from __future__ import annotations

import re
import string

LANGUAGES = ("en", "zh")
DEFAULT = "en"
NAMES = {"en": "English", "zh": "中文"}  # each in its own language, as a switch shows it
# what a message to the book's maintainer (in English, as every message is) calls an edition
EDITIONS = {"en": "English edition", "zh": "Chinese edition"}
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
SPHINX_LANGUAGE = {"en": "en", "zh": "zh_CN"}
SITE_DIR = {"en": "", "zh": "zh/"}  # where an edition's pages are, below the site's root

ZH_OPEN = ":::{zh}"
ZH_CLOSE = ":::"
# a Chinese block, with the blank lines that part it from its English
_BLOCK = re.compile(r"\n*^:::\{zh\}[ \t]*\n(.*?)^:::[ \t]*$", re.M | re.S)
_LABEL = re.compile(r"^\(([a-z0-9][a-z0-9-]*)\)=\s*$", re.M)
_FENCE = re.compile(r"^```.*?^```[ \t]*$", re.M | re.S)


def check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; the book has {', '.join(LANGUAGES)}")
    return lang


def pick(lang: str, en: str, zh: str) -> str:
    """``en`` or ``zh``, for the edition in ``lang``."""
    return zh if check(lang) == "zh" else en


# ------------------------------------------------------------------ hand-written text


def in_language(text: str, lang: str) -> str:
    """``text`` as its ``lang`` edition shows it: the English with every ``:::{zh}`` block
    removed (byte for byte the text as it was before there was a Chinese edition), or each
    passage's Chinese block in place of its English. A passage is the prose after a code cell
    (or the front matter, or the previous block); what has no Chinese block stays as it is
    (code, front matter)."""
    return "".join(piece for _, piece in _pieces(text, lang))


def source_lines(text: str, lang: str) -> list[int]:
    """For each line of ``in_language(text, lang)``, its line number (1-based) in ``text``:
    where an author finds, in the file written in both languages, a line of one edition (a
    failing cell is named by it)."""
    out: list[int] = []
    at_line_start = True
    for start, piece in _pieces(text, lang):
        line = text.count("\n", 0, start) + 1
        for i, ch in enumerate(piece):
            if at_line_start:
                out.append(line + piece.count("\n", 0, i))
            at_line_start = ch == "\n"
    return out


def _pieces(text: str, lang: str) -> list[tuple[int, str]]:
    """``in_language`` as (offset in ``text``, piece) pairs, in order."""
    out, last = [], 0
    if check(lang) == "en":
        for m in _BLOCK.finditer(text):
            out.append((last, text[last : m.start()]))
            last = m.end()
        out.append((last, text[last:]))
        return out
    for m in _BLOCK.finditer(text):
        start = _passage_start(text, last, m.start())
        out.append((last, text[last:start]))
        body = m[1]
        lead = len(body) - len(body.lstrip("\n"))
        out.append((m.start(1) + lead, body.strip("\n")))
        last = m.end()
    out.append((last, text[last:]))
    return out


def _passage_start(text: str, lo: int, hi: int) -> int:
    """Where the English passage ending at ``hi`` starts: after the last code fence (or the
    front matter) before it, and not before ``lo``; its leading blank lines are kept."""
    start = lo
    if lo == 0 and text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1 and end + 5 <= hi:
            start = end + 5
    for f in _FENCE.finditer(text, start, hi):
        start = f.end()
    while start < hi and text[start] == "\n":
        start += 1
    return start


def passages(text: str) -> list[tuple[str, str | None]]:
    """(English, Chinese or None) of every prose passage of a page: the markdown between code
    fences (front matter left out), each with the ``:::{zh}`` block that follows it."""
    body = text
    if body.startswith("---\n"):
        end = body.find("\n---\n", 4)
        body = body[end + 5 :] if end != -1 else body
    out = []
    for chunk in _FENCE.split(body):
        blocks = list(_BLOCK.finditer(chunk))
        english = _BLOCK.sub("", chunk).strip()
        if not english and not blocks:
            continue
        zh = "\n\n".join(b[1].strip() for b in blocks) if blocks else None
        out.append((english, zh))
    return out


def labels(text: str) -> list[str]:
    return _LABEL.findall(text)


def missing(text: str) -> list[str]:
    """What keeps a bilingual page from having both editions: a passage without its Chinese,
    a Chinese block without English, or one whose labels differ from its English's."""
    problems = []
    for n, (en, zh) in enumerate(passages(text), 1):
        head = (en or zh or "").strip().splitlines()[0][:60] if (en or zh) else ""
        if zh is None:
            problems.append(f"passage {n} ({head!r}) has no Chinese (:::{{zh}} block)")
        elif not en:
            problems.append(f"passage {n} ({head!r}) has Chinese but no English")
        elif labels(en) != labels(zh):
            problems.append(
                f"passage {n} ({head!r}): labels {labels(en)} in English but {labels(zh)} "
                "in Chinese"
            )
    return problems


def bilingual(text: str) -> bool:
    """Whether a page has a Chinese edition (any ``:::{zh}`` block)."""
    return bool(_BLOCK.search(text))


# ------------------------------------------------------------------ where pages are


def counterpart(page: str, lang: str, other: str, exists: bool = True) -> str:
    """The relative URL, from ``page`` (``book/energy``, a page of the ``lang`` edition), of
    the same page in the ``other`` edition (its overview when it has no such page)."""
    target = page if exists else "book/overview"
    up = "../" * (page.count("/") + SITE_DIR[lang].count("/"))
    return f"{up}{SITE_DIR[other]}{target}.html"


def shared(lang: str) -> str:
    """The path from a page under ``book/`` of the ``lang`` edition to the English edition's
    ``book/``, where the shared appendices are (the sources, every figure's sentence)."""
    return "" if check(lang) == "en" else "../" * (SITE_DIR[lang].count("/") + 1) + "book/"


# ------------------------------------------------------------------ the interface's words

WORDS: dict[str, dict[str, str]] = {
    # chapters: the panels every theme chapter closes with
    "targets_title": {"en": "Targets and results", "zh": "目标与结果"},
    "targets_lead": {
        "en": "Each target or forecast of this theme beside the result that settles it, or "
        "the progress reported so far, and its verdict.",
        "zh": "本主题的每项目标或预计，与判定它的结果（或迄今报告的进展）并列，并给出结论。",
    },
    "figures_title": {"en": "Every figure in this theme", "zh": "本主题的全部数据"},
    "figures_lead": {
        "en": "Each figure of this theme that is not charted above, with the sentence it came "
        "from. Follow a figure to see it highlighted in its source, beside the raw text as "
        "received.",
        "zh": "上文图表未展示的本主题数据，逐条附上其出处原句。"
        "点击数据可在来源中查看其高亮位置及原始文本。",
    },
    "more_title": {"en": "More indicators", "zh": "更多指标"},
    "more_lead": {
        "en": "Indicators of this theme that the text above does not discuss.",
        "zh": "上文未讨论的本主题指标。",
    },
    "figures_only_title": {"en": "In figures", "zh": "数据一览"},
    "figures_only_lead": {
        "en": "The indicators of this theme, as the sources report them.",
        "zh": "本主题各项指标，按来源报告列出。",
    },
    "more_tail": {
        "en": "Each is written from the ledger: the latest result, every target or forecast "
        "with where it stands, and a chart when there is a series or a target to set against "
        "a result.",
        "zh": "每项均由数据台账生成：最新结果、每项目标或预计及其进展；"
        "有时间序列或可与结果对照的目标时附图表。",
    },
    "key_message": {"en": "In brief.", "zh": "要点。"},
    "no_period": {"en": "no period stated", "zh": "未注明时期"},
    "empty_theme": {
        "en": "The current sources report no figures for this theme. It is kept as a chapter "
        "so that figures from new sources have a place.",
        "zh": "现有来源未报告本主题的数据。本章予以保留，以便容纳新来源的数据。",
    },
    # the page's frame
    "other_edition": {"en": "中文版", "zh": "English edition"},
    "edition_footer": {
        "en": "Edition {version} · sources up to {date}",
        "zh": "版本 {version} · 来源截至{date}",
    },
    "search_bar": {"en": "Search the book (English or 中文)…", "zh": "搜索本书…"},
    # charts
    "figure": {"en": "Figure {number}", "zh": "图{number}"},
    "figure_link": {"en": "Link to this figure", "zh": "本图链接"},
    "chart_source": {"en": "Source: {links}.", "zh": "来源：{links}。"},
    "download_csv": {"en": "Download data (CSV)", "zh": "下载数据（CSV）"},
    "table_rows": {
        "en": "Table: the {n} {rows} of figure {number}",
        "zh": "表格：图{number}的{n}行数据",
    },
    "no_data": {"en": "{what}: no data.", "zh": "{what}：无数据。"},
    # a chart's CSV: its header lines
    "csv_figure": {"en": "Figure {number}: {title}", "zh": "图{number}：{title}"},
    "csv_source": {"en": "Source: {sources}", "zh": "来源：{sources}"},
    "csv_ledger": {"en": "the book's ledger", "zh": "本书数据台账"},
    "csv_book": {"en": "{book}, edition {edition}", "zh": "{book}，版本 {edition}"},
    "csv_edition": {"en": "{version}, issued {date}", "zh": "{version}，{date}发布"},
    "csv_licence": {"en": "Licence: {licence}", "zh": "许可：{licence}"},
    "csv_list_sep": {"en": "; ", "zh": "；"},
    "describe": {
        "en": "{what}, {n} values. Largest: {hi_label}, {hi} {unit}.",
        "zh": "{what}，共{n}个数值。最大：{hi_label}，{hi}{unit}。",
    },
    "describe_low": {
        "en": " Smallest: {lo_label}, {lo} {unit}.",
        "zh": "最小：{lo_label}，{lo}{unit}。",
    },
}
# Fields only English grammar needs (a plural's word): Chinese has none to fill in.
ENGLISH_ONLY_FIELDS = {"rows"}
_FIELDS = string.Formatter()


def word(lang: str, key: str, **fields) -> str:
    """The interface's words for ``key`` in ``lang``, with ``fields`` filled in."""
    text = WORDS[key][check(lang)]
    return text.format(**fields) if fields else text


def fields(text: str) -> set[str]:
    """The ``{field}`` names a template fills in."""
    return {f for _, f, _, _ in _FIELDS.parse(text) if f}
