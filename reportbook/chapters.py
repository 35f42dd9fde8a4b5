"""Chapters: which files are chapters, and how each becomes a notebook to execute.

A chapter is a MyST text notebook in ``book/`` (``book/energy.md``: markdown with
``{code-cell}`` blocks and a jupytext front matter), so a chapter's diff is prose. Its theme is
its file name (``energy`` → the ``energy`` theme of ``data/themes.yml``; ``overview`` reads every
theme). What every chapter shares is written once, here, not copied into twelve files:

- the opening cells: the imports, the ``parameters`` cell (literal defaults: the assembled
  notebook runs on its own too) and ``ch = Chapter.load(...)`` with ``ch.glue_all()``;
- the closing panels of a theme chapter: *Targets and results* (when the theme has a target
  or forecast) and *Every figure in this theme* (conflicts, the figures not charted above and a
  cite block), each under a stable label ``<chapter>-targets`` / ``<chapter>-all-figures``.

A theme with no figures in the ledger renders as its title, its opening paragraphs and one
line saying so: no empty sections, no cite blocks (front matter ``reportbook: {when_empty:
keep}`` keeps the whole text, for the roadmap, which draws its milestones).

``assemble`` is a pure function of the chapter file and two facts about its data, so the run
cache (which keys on the file and the data) stays exact.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat

from reportbook import edition, language, ledger, review
from reportbook.errors import ChapterError
from reportbook.registry import Registry

OVERVIEW = "overview"
DATA_DIR = "../data"  # relative to book/, where chapters run; the same in every checkout
LABEL_RE = re.compile(r"^\(([a-z0-9][a-z0-9-]*)\)=\s*\n+(#{1,4})\s+(.+?)\s*$", re.M)
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}

OPENING = [
    ("code", ["remove-cell"],
     "from reportbook import views\nfrom reportbook.narrative import Chapter"),
    ("code", ["parameters", "remove-cell"],
     'data_dir = "{data_dir}"\ntheme = "{theme}"\nedition = "draft"\nlanguage = "en"'),
    ("code", ["remove-cell"],
     "ch = Chapter.load(data_dir, theme, edition, language)\nch.glue_all()"),
]  # fmt: skip
# The panels a theme chapter closes with; their words are the edition's (``language.WORDS``).
TARGETS_PANEL = [
    ("markdown", [], "({prefix}-targets)=\n## {targets_title}\n\n{targets_lead}"),
    ("code", ["remove-input"], "ch.targets()"),
]
FIGURES_PANEL = [
    ("markdown", [], "({prefix}-all-figures)=\n## {figures_title}\n\n{figures_lead}"),
    ("code", ["remove-input"], "ch.conflicts()"),
    ("code", ["remove-input"], "ch.remaining()"),
    ("code", ["remove-input"], 'ch.cite("{prefix}-all-figures")'),
]
MORE_PANEL_HEAD = "({prefix}-indicators)=\n## {title}\n\n{lead}{gap}{more_tail}"
MORE_TITLES = ("more", "figures_only")  # with sections of its own text, and without
MORE_SECTION = ("({prefix}-{slug})=\n### {name}", 'views.indicator_section(ch, "{indicator}")')
KEY_MESSAGE_CELL = "**{key_message}** {glue:md}`key_message`"
KEY_MESSAGE_GLUE = ("code", ["remove-cell"], "ch.glue_key_message()")
EMPTY_NOTE = language.word("en", "empty_theme")
EMPTY_NOTES = {lang: language.word(lang, "empty_theme") for lang in language.LANGUAGES}


@dataclass(frozen=True)
class Chapter:
    """A chapter file: its name (the file stem), its theme and where it is."""

    name: str
    theme: str
    source: Path

    def parameters(self, edition_token: str, lang: str = language.DEFAULT) -> dict:
        return {
            "data_dir": DATA_DIR,
            "theme": self.theme,
            "edition": edition_token,
            "language": language.check(lang),
        }


def _is_notebook(text: str) -> bool:
    head = text.split("\n---", 1)[0] if text.startswith("---") else ""
    return "kernelspec:" in head


def find(book: Path, theme_ids: set[str]) -> list[Chapter]:
    """Every chapter under ``book``, in file order. A ``.md`` with a kernelspec in its front
    matter is a chapter; its stem must be a theme id or ``overview``."""
    out = []
    for p in sorted(Path(book).glob("*.md")):
        if not _is_notebook(p.read_text(encoding="utf-8")):
            continue
        if p.stem != OVERVIEW and p.stem not in theme_ids:
            raise ChapterError(
                f"book/{p.name} is a chapter but {p.stem!r} is not a theme in data/themes.yml; "
                "rename the file to a theme id or add the theme"
            )
        out.append(Chapter(p.stem, p.stem, p))
    return out


@lru_cache(maxsize=64)
def _read(path: str, _stamp: tuple, lang: str) -> nbformat.NotebookNode:
    from myst_nb.core.read import (
        read_myst_markdown_notebook,  # deferred: heavy (markdown-it, Sphinx parts)
    )

    original = Path(path).read_text(encoding="utf-8")
    text = language.in_language(original, lang)
    # The edition's text has lost the other language's lines: a cell is named by its line in
    # the file its author edits, written in both.
    lines = language.source_lines(original, lang)
    try:
        nb = read_myst_markdown_notebook(text, path=path, add_source_map=True)
    except Exception as exc:  # noqa: BLE001 - the reader's message names the problem
        raise ChapterError(f"book/{Path(path).name}: not a readable MyST notebook: {exc}") from None
    # Remember where each cell starts in the file, to name it when it fails.
    for cell, line in zip(nb.cells, nb.metadata.pop("source_map", []), strict=False):
        line = int(line)  # 1-based, in the edition's text; a code cell: its fence
        cell.metadata.setdefault("reportbook", {})["line"] = (
            lines[line - 1] if 0 < line <= len(lines) else line
        )
    return nb


def read(source: Path, lang: str = language.DEFAULT) -> nbformat.NotebookNode:
    """The chapter file as a notebook (the author's cells only), its prose in ``lang``."""
    st = Path(source).stat()
    return _read(str(source), (st.st_mtime_ns, st.st_size), language.check(lang))


def prose(source: Path, lang: str = language.DEFAULT) -> str:
    """The chapter's text in ``lang`` with its code cells taken out (each leaves a blank
    line, so paragraphs stay apart): what its glue keys are read from."""
    text = language.in_language(Path(source).read_text(encoding="utf-8"), lang)
    return re.sub(r"```.*?```", "\n\n", text, flags=re.S)


def options(source: Path) -> dict:
    return dict(read(source).metadata.get("reportbook") or {})


def prefix(source: Path) -> str:
    """The chapter's own label (its H1's), which its panels' labels extend."""
    for cell in read(source).cells:
        if cell.cell_type == "markdown":
            m = LABEL_RE.search(cell.source)
            if m and len(m[2]) == 1:
                return m[1]
    raise ChapterError(f"book/{Path(source).name}: the title has no label like (energy)= above it")


def _cell(kind: str, tags: list[str], source: str):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _opening(theme: str, lang: str):
    return [
        (k, t, s.replace("{data_dir}", DATA_DIR).replace("{theme}", theme)
         .replace('language = "en"', f'language = "{lang}"'))
        for k, t, s in OPENING
    ]  # fmt: skip


def _words(text: str, lang: str) -> str:
    """A panel's template with the edition's words in it (``{name}`` of ``language.WORDS``)."""
    for key in language.fields(text) & set(language.WORDS):
        text = text.replace("{" + key + "}", language.word(lang, key))
    return text


def _until_first_section(cells) -> list:
    """The title cell and the paragraphs before the first ## heading, without code."""
    out = []
    for cell in cells:
        if cell.cell_type == "markdown":
            text = cell.source
            m = re.search(r"^\([a-z0-9-]+\)=\s*\n+##\s", text, re.M) or re.search(
                r"^##\s", text, re.M
            )
            if m:
                head = text[: m.start()].rstrip()
                if head:
                    out.append(nbformat.v4.new_markdown_cell(head))
                return out
            out.append(cell)
    return out


def _md_text(text: str) -> str:
    """Registry text (an indicator's English name) as literal MyST: its punctuation escaped."""
    return re.sub(r"([\\`*_{}\[\]()<>#+!|$~^:=-])", r"\\\1", str(text)).replace("\n", " ")


def _has_sections(cells) -> bool:
    return any(c.cell_type == "markdown" and re.search(r"^##\s", c.source, re.M) for c in cells)


def assemble(
    ch: Chapter,
    n_figures: int,
    has_targets: bool,
    more: tuple[tuple[str, str], ...] = (),
    lang: str = language.DEFAULT,
    names: dict[str, str] | None = None,
) -> nbformat.NotebookNode:
    """The notebook papermill executes: the shared opening, the chapter's cells in ``lang``
    (with its key message after the opening paragraphs), a section for each indicator of its
    data the text does not discuss (``more``: (id, English name) pairs; ``names``: the
    registry's names in ``lang`` when it is not English), the closing panels its data calls
    for, in the edition's words. Cell ids are deterministic (builds are reproducible)."""
    authored = read(ch.source, lang)
    opts = options(ch.source)
    cells = [_cell(k, t, s) for k, t, s in _opening(ch.theme, lang)]
    theme_chapter = ch.theme != OVERVIEW
    if theme_chapter and n_figures == 0 and opts.get("when_empty") != "keep":
        cells += _until_first_section([c for c in authored.cells])
        cells.append(nbformat.v4.new_markdown_cell(EMPTY_NOTES[lang]))
    else:
        own = [nbformat.from_dict(dict(c)) for c in authored.cells]
        if theme_chapter and n_figures:
            first_md = next((i for i, c in enumerate(own) if c.cell_type == "markdown"), None)
            if first_md is not None:
                own.insert(
                    first_md + 1, nbformat.v4.new_markdown_cell(_words(KEY_MESSAGE_CELL, lang))
                )
        cells += own
        if theme_chapter and n_figures:
            p = prefix(ch.source)
            if more:
                kind = MORE_TITLES[0] if _has_sections(authored.cells) else MORE_TITLES[1]
                head = (
                    MORE_PANEL_HEAD.replace("{title}", language.word(lang, f"{kind}_title"))
                    .replace("{lead}", language.word(lang, f"{kind}_lead"))
                    .replace("{gap}", " " if lang == "en" else "")
                )
                cells.append(_cell("markdown", [], _words(head, lang).replace("{prefix}", p)))
                for iid, name in more:
                    md, code = MORE_SECTION
                    slug = iid.replace("_", "-")
                    shown = (names or {}).get(iid) or name
                    cells.append(
                        _cell(
                            "markdown",
                            [],
                            md.replace("{prefix}", p)
                            .replace("{slug}", slug)
                            .replace("{name}", _md_text(shown)),
                        )
                    )
                    cell = _cell("code", ["remove-input"], code.replace("{indicator}", iid))
                    cell.metadata["reportbook"] = {
                        "generated": f"the generated section for indicator {iid!r} "
                        "(reportbook/views.py, indicator_section)"
                    }
                    cells.append(cell)
            panels = (TARGETS_PANEL if has_targets else []) + FIGURES_PANEL
            cells += [_cell(k, t, _words(s, lang).replace("{prefix}", p)) for k, t, s in panels]
            cells.append(_cell(*KEY_MESSAGE_GLUE))
    for i, cell in enumerate(cells):
        cell.id = f"{ch.name}-{i}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def labels(
    ch: Chapter,
    n_figures: int,
    has_targets: bool,
    more=(),
    lang: str = language.DEFAULT,
    names: dict[str, str] | None = None,
) -> list[tuple[str, int, str]]:
    """(label, heading level, title) of every labelled heading of the assembled chapter, in
    ``lang`` (``names``: the registry's indicator names in it)."""
    nb = assemble(ch, n_figures, has_targets, more, lang=lang, names=names)
    text = "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return [(m[1], len(m[2]), m[3]) for m in LABEL_RE.finditer(text)]


# ---------------------------------------------------------------------- what chapters read


def theme_slice(figures, theme: str, region: str = "", place: str = "", repeats=()):
    """The ledger rows a chapter reads: the book's own place only (``place``, as official
    statistics name it, decided per figure; else the source's ``region``), and its theme's rows
    (all themes for the overview). Figures of a county, another city or the province stay in
    the ledger and out of the city's chapters and series. ``repeats``: figure ids that only
    confirm another source's figure (``review.repeats``), left out so one report counts once."""
    if len(repeats):
        figures = figures[~figures["figure_id"].isin(list(repeats))]
    if place:
        figures = figures[figures["place"] == place]
    elif region:
        figures = figures[figures["region"] == region]
    if theme == OVERVIEW:
        return figures.copy()
    return figures[figures["theme_id"] == theme].copy()


GLUE_KEY_RE = re.compile(r"\{glue:md\}`([a-z0-9_]+)`")
QUOTED_RE = re.compile(r"[\"']([a-z0-9_]+)[\"']")


def covered(source: Path | None) -> set[str]:
    """Names a chapter's own text uses that may be indicator ids: the glue keys of its prose
    and the quoted names in its code cells (the views it calls)."""
    if source is None or not Path(source).exists():
        return set()
    text = Path(source).read_text(encoding="utf-8")
    names = {k.split("__", 1)[0] for k in GLUE_KEY_RE.findall(text)}
    for block in re.findall(r"```\{code-cell\}.*?```", text, re.S):
        names |= set(QUOTED_RE.findall(block))
    return names


def more_indicators(source: Path | None, rows, vocabulary) -> list[tuple[str, str]]:
    """(id, English name) of each indicator with figures in ``rows`` that the chapter's text
    does not name, in the vocabulary's order: each gets a generated section."""
    present = set(rows["indicator_id"]) - {""}
    left = present - covered(source)
    order = {i.id: n for n, i in enumerate(vocabulary.indicators)}
    ids = sorted((i for i in left if i in vocabulary.by_id), key=lambda i: (order.get(i, 0), i))
    return [(i, vocabulary.by_id[i].name_en) for i in ids]


def data_inputs(paths, themes) -> dict[str, dict[str, str]]:
    """What each chapter reads, as digests (plus the two facts ``assemble`` uses): the run
    cache keys on exactly this and ``narrative.Chapter.load`` reads exactly this, so a change
    elsewhere in the ledger re-executes only the chapters whose slice changed."""

    def sha(b: bytes) -> str:
        return hashlib.sha256(b).hexdigest()

    reg = Registry.of(paths)
    figures = ledger.read(paths)
    repeated = review.repeats(figures, reg.sources)
    # Not _config.yml: a chapter's cite blocks are placeholders the build fills in with the
    # book's URL, publisher and edition (reportbook/pages.py), so a new URL re-executes nothing.
    files = (
        paths.themes_yml,
        paths.indicators_yml,
        paths.milestones_yml,
        paths.glossary_yml,
    )
    shared = {p.name: sha(p.read_bytes()) for p in files if p.exists()}
    milestone_sources = {m["source_id"] for m in reg.milestones}
    previous = edition.current(paths).get("previous") or ""
    out = {}
    for theme in themes:
        rows = theme_slice(figures, theme, reg.region, reg.place, repeated)
        # Of the source registry, only the sources this chapter shows, and only what it shows
        # of them (the title): a new or corrected source re-executes the chapters its figures
        # land in, not the whole book.
        used = set(rows["source_id"]) | milestone_sources
        entries = [{"id": s["id"], "title": s.get("title")} for s in reg.sources if s["id"] in used]
        out[theme] = {
            **shared,
            "sources[used]": sha(json.dumps(entries, sort_keys=True, default=str).encode()),
            "figures[theme]": sha(ledger.to_csv_text(rows).encode()),
            "figures[count]": str(len(rows)),
            # the overview says what changed since the previous edition
            **({"edition[previous]": previous} if theme == OVERVIEW else {}),
            # targets that can be judged: with an indicator and a period (targets.track)
            "targets[count]": str(
                int(
                    (
                        rows["kind"].isin(["target", "forecast"])
                        & (rows["indicator_id"] != "")
                        & (rows["period"] != "")
                    ).sum()
                )
            ),  # fmt: skip
            "indicators[more]": json.dumps(
                []
                if theme == OVERVIEW
                else more_indicators(paths.book / f"{theme}.md", rows, reg.indicators),
                ensure_ascii=False,
            ),  # fmt: skip
        }
    return out


def facts(inputs: dict[str, str]) -> tuple[int, bool, tuple[tuple[str, str], ...]]:
    """(number of figures, has a target or forecast, the indicators the text does not
    discuss) from a chapter's ``data_inputs``."""
    more = tuple(tuple(x) for x in json.loads(inputs.get("indicators[more]", "[]")))
    return int(inputs["figures[count]"]), inputs["targets[count]"] != "0", more
