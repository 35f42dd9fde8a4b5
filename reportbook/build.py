"""Build: data → ledger → checked → chapters executed → Jupyter Book → published atomically.

The book is assembled in a staging folder (``_build/stage``) from the executed notebooks, the
generated appendix pages and the static files, built there by ``jupyter-book build`` with
execution off and ``-W -n --keep-going``, checked (no external script, style or font), and only
then published: ``_build/html`` is a symbolic link swapped to the new release with a single
``rename``. A failure anywhere leaves the previous book exactly as it was.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import io
import json
import multiprocessing as mp
import os
import re
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path

import yaml

from reportbook import (
    appendix,
    bundle,
    check,
    cite,
    edition,
    guard,
    language,
    ledger,
    markup,
    processes,
    run,
    sources,
)
from reportbook import chapters as chapters_mod
from reportbook import paths as paths_mod
from reportbook import pdf as pdf_mod
from reportbook.charts import files as chart_files
from reportbook.errors import BuildError  # noqa: F401 - re-exported
from reportbook.files import atomic_write, read_yaml
from reportbook.paths import Paths


def extract_and_check(paths: Paths) -> None:
    """Re-extract the ledger from the sources and validate everything once, before any kernel."""

    ledger.rebuild(paths)
    problems = check.check(paths)
    if problems:
        raise BuildError(
            f"the ledger has {len(problems)} problem(s); fix them and build again:\n"
            + "\n".join(f"  {p}" for p in problems)
        )


def stage(
    paths: Paths,
    executed: dict[str, Path],
    ed: dict,
    chapters: dict[str, str] | None = None,
    pdf: bool = False,
    lang: str = language.DEFAULT,
    pages: dict[str, list[str]] | None = None,
) -> Path:
    """Assemble the book's source tree under _build/stage/src (the Chinese edition's under
    _build/stage/src-zh); return it. ``executed``: the run's chapters, both editions' (the
    Chinese under ``zh/``); ``pages``: each edition's pages (``edition_pages``), so that each
    page links to its counterpart.

    The Chinese edition is the chapters (the overview and every theme), the introduction and
    the hand-written appendices (methodology, references), written in Chinese, and its own
    index of sources, glossary and "what changed" (``appendix.write_zh``); the page of each
    source, the ledger and the review page are the English edition's, shared: a Chinese page
    links to them (``language.shared``), as it does to every figure's sentence.

    The edition is left as tokens here and filled into the built pages (``fill_editions``),
    so an executed chapter never depends on the edition.

    Sphinx's output and environment are not kept between builds: an incremental Sphinx
    build keeps the search terms of a page's previous text (searching 745 still finds the
    energy chapter after it changed to 755), and a stale answer is worse than a slow one.
    tests/test_book.py checks that a rebuild after a change equals a clean build."""
    root = paths.build / "stage"
    if lang == language.DEFAULT and root.exists():
        shutil.rmtree(root)
    src = root / ("src" if lang == language.DEFAULT else f"src-{lang}")
    if src.exists():
        shutil.rmtree(src)
    book = src / "book"
    book.mkdir(parents=True)
    cfg = read_yaml(paths.root / "_config.yml")
    zh = lang != language.DEFAULT
    # The sources appendix has a page per source, reached from its index and from every
    # figure link but listed in no table of contents (reportbook.addresses): build every page
    # staged, not only those of _toc.yml (only what the book is made of is staged).
    cfg["only_build_toc_files"] = False
    # Set here, not in _config.yml, whose bytes every chapter's cache key covers: none of
    # these changes what a chapter computes.
    sphinx_cfg = cfg["sphinx"]["config"]
    # No MyST extension: the book's pages use none; `substitution` would evaluate {{ }} as a
    # Jinja template and `linkify` make a link of any address in the text.
    sphinx_cfg["myst_enable_extensions"] = []
    # Jupyter Book's extensions less sphinx_thebe: thebe is off, yet under Sphinx 7 it wrote
    # its inline config twice on every page (a console error), naming a CDN script.
    sphinx_cfg["extensions"] = list(SPHINX_EXTENSIONS)
    # No build date on the pages ("Last updated on …"): the same inputs make the same book on
    # any day (SOURCE_DATE_EPOCH or not); the edition's own date is in every footer.
    sphinx_cfg["html_last_updated_fmt"] = None
    # The edition on every page. Our html_theme_options replace the ones Jupyter Book
    # derives from html.extra_footer, so the footer goes into the theme options directly.
    pdf = pdf and not zh  # the PDF is of the English edition
    pdf_link = (
        f' · <a class="rb-pdf-link" href="{pdf_mod.HREF_TOKEN}">PDF edition</a>' if pdf else ""
    )
    footer = language.word(
        lang, "edition_footer", version=edition.TOKENS["version"], date=edition.TOKENS["date"]
    )
    cfg["sphinx"]["config"].setdefault("html_theme_options", {})["extra_footer"] = (
        f'<p class="rb-edition">{footer}{pdf_link}</p>'
    )
    if zh:
        zh_meta = cite.book_meta(paths)
        for k in ("title", "author", "copyright"):
            cfg[k] = zh_meta[f"{k}_zh"]
        # The theme writes "© Copyright …." in English words and punctuation: the Chinese
        # edition says it in its own, in the footer beside the edition.
        if cfg["copyright"]:
            sphinx_cfg["html_show_copyright"] = False
            notice = markup.text(f"版权所有 © {cfg['copyright']}。")
            theme = sphinx_cfg["html_theme_options"]
            theme["extra_footer"] = f'<p class="copyright">{notice}</p>' + theme["extra_footer"]
        sphinx_cfg["language"] = language.SPHINX_LANGUAGE[lang]
        sphinx_cfg["html_theme_options"]["search_bar_text"] = language.word(lang, "search_bar")
    # Cite blocks, stable heading ids and citation meta tags (reportbook/pages.py), from the
    # book's settings in _config.yml and this edition. A placeholder URL is left out
    # everywhere, Sphinx's canonical links included.
    meta = cite.edition_meta(cite.book_meta(paths), lang)
    cfg.setdefault("html", {})["baseurl"] = meta["url"] + meta["edition_dir"] if meta["url"] else ""
    sphinx_cfg["extensions"].append("reportbook.pages")
    cfg["sphinx"]["config"][cite.SPHINX_SETTINGS] = {
        "book": {
            k: meta[k]
            for k in ("title", "author", "publisher", "licence", "language", "url", "edition_dir")
        },
        "edition": {k: ed[k] for k in ("id", "number", "version", "issued")},
        "pdf": pdf_mod.NAME if pdf else "",
        "language": _switch(lang, pages) if pages else {},
    }
    # Chinese search: Sphinx segments the index with jieba, which splits 专业镇 into 专业 + 镇;
    # the browser then looks the whole query up and finds nothing. A user dictionary of the
    # book's own terms keeps them whole (jieba's search mode still indexes the parts).
    # Relative to the staging folder, where jupyter-book runs: an absolute path would enter
    # Sphinx's config hash and make two checkouts' builds differ.
    search_dictionary(paths, src)
    cfg["sphinx"]["config"]["html_search_options"] = {"dict": "search_terms.txt"}
    # What is made from the built pages after Sphinx (chart files, the PDF) changes with this
    # code too: a no-op rebuild must not keep files an older version made.
    after = [paths_mod.PACKAGE_DIR / "charts" / "files.py"] + (
        [paths_mod.PACKAGE_DIR / "pdf.py"] if pdf else []
    )
    (src / ".after-sphinx").write_text(
        "".join(f"{f.name} {hashlib.sha256(f.read_bytes()).hexdigest()}\n" for f in after)
    )
    (src / "_config.yml").write_text(
        yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    if zh:
        (src / "_toc.yml").write_text(
            yaml.safe_dump(toc(paths, lang), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    else:
        shutil.copy2(paths.root / "_toc.yml", src / "_toc.yml")
    static = src / "_static"
    static.mkdir()
    shutil.copy2(bundle.get(paths), static / "reportbook.js")
    for f in sorted((paths.root / "reportbook" / "static").glob("*.css")):
        shutil.copy2(f, static / f.name)
    mine = {
        n.removeprefix(language.SITE_DIR[lang]): p
        for n, p in executed.items()
        if (n.startswith(language.SITE_DIR[lang]) if zh else "/" not in n)
    }
    for f in sorted(paths.book.glob("*.md")):
        if f.stem in mine:  # a chapter's text is replaced by its executed notebook
            continue
        text = f.read_text(encoding="utf-8")
        if not zh:
            if language.bilingual(text):  # the English of a page written in both
                (book / f.name).write_text(language.in_language(text, lang), encoding="utf-8")
            else:
                shutil.copy2(f, book / f.name)
        elif language.bilingual(text):
            (book / f.name).write_text(language.in_language(text, lang), encoding="utf-8")
    for name, nb_path in mine.items():
        shutil.copy2(nb_path, book / f"{name}.ipynb")
    if zh:
        appendix.write_zh(paths, book, ed, chapters or run.chapter_digests(paths))
        (book / "references.bib").write_text(cite.bibliography(paths, lang), encoding="utf-8")
        return src
    appendix.write_all(paths, book, ed, chapters or run.chapter_digests(paths))
    (book / "references.bib").write_text(cite.bibliography(paths), encoding="utf-8")
    (book / "figures.csv").write_text(spreadsheet_safe_csv(paths.figures_csv), encoding="utf-8")
    if paths.datapackage_json.exists():
        shutil.copy2(paths.datapackage_json, book / "datapackage.json")
    return src


def toc(paths: Paths, lang: str) -> dict:
    """The ``lang`` edition's table of contents: the English one's pages that are written in
    that language (every chapter and the introduction), under captions in it; the English
    appendices are reached from its pages."""
    caps = {"About this book": "关于本书", "Development themes": "发展主题", "Appendices": "附录"}
    toc = read_yaml(paths.root / "_toc.yml")
    own = set(edition_pages(paths)[lang])
    parts = []
    for part in toc["parts"]:
        files = [c for c in part["chapters"] if c["file"] in own]
        if files and part["caption"] in caps:
            parts.append({**part, "caption": caps[part["caption"]], "chapters": files})
    return {"format": toc["format"], "root": toc["root"], "parts": parts}


def edition_pages(paths: Paths) -> dict[str, list[str]]:
    """Each edition's pages (``book/energy``): every page in English; in Chinese the chapters,
    the pages written in both languages and its generated appendices (``appendix.ZH_PAGES``)."""
    chapters = {ch.name for ch in run.chapters(paths)}
    zh = [f"book/{stem}" for stem in appendix.ZH_PAGES]
    for f in sorted(paths.book.glob("*.md")):
        if f.stem in chapters or language.bilingual(f.read_text(encoding="utf-8")):
            zh.append(f"book/{f.stem}")
    zh.sort()
    toc = read_yaml(paths.root / "_toc.yml")
    en = [toc["root"]] + [c["file"] for p in toc["parts"] for c in p["chapters"]]
    return {"en": en, "zh": zh}


def _switch(lang: str, pages: dict[str, list[str]]) -> dict:
    """What each page needs to link to its counterpart (``reportbook.pages``)."""
    other = next(x for x in language.LANGUAGES if x != lang)
    return {"lang": lang, "other": other, "pages": sorted(pages[other])}


def spreadsheet_safe_csv(path: Path) -> str:
    """The book's copy of the ledger: the same rows, with every text cell that begins like a
    spreadsheet formula neutralized (``markup.spreadsheet_cell``); plain numbers such as
    ``-4.2`` are kept. The committed ledger keeps its exact text (datapackage.json says so)."""
    rows, _ = ledger.csv_rows(path.read_text(encoding="utf-8"))  # checked before the build
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(markup.spreadsheet_rows(rows))
    return out.getvalue()


def search_dictionary(paths: Paths, src: Path) -> Path:
    """A jieba user dictionary of the terms the book uses: glossary, indicators, themes."""
    terms = set()
    for f, key, field in (
        (paths.glossary_yml, "terms", "zh"),
        (paths.indicators_yml, "indicators", "name_zh"),
        (paths.themes_yml, "themes", "title_zh"),
    ):
        if f.exists():
            for item in read_yaml(f)[key]:
                terms |= set(re.split(r"[“”、（）()—，\s]+", item.get(field) or ""))
    terms = sorted(t for t in terms if len(t) >= 2)
    out = src / "search_terms.txt"
    out.write_text("".join(f"{t} 100000\n" for t in terms), encoding="utf-8")
    return out


# Jupyter Book 1.x's default extensions (jupyter_book.config) without sphinx_thebe, and the
# bibliography's; the stage adds the book's own (reportbook.pages). Jupyter Book ignores
# ``extra_extensions`` once ``extensions`` is set.
SPHINX_EXTENSIONS = (
    "sphinx_togglebutton",
    "sphinx_copybutton",
    "myst_nb",
    "jupyter_book",
    "sphinx_comments",
    "sphinx_external_toc",
    "sphinx.ext.intersphinx",
    "sphinx_design",
    "sphinx_book_theme",
    "sphinxcontrib.bibtex",
)
JUPYTER_BOOK_ARGS = ["-W", "-n", "--keep-going"]  # warnings are errors; report them all
# What a ``jupyter-book build`` of this book imports, and jieba's dictionary (Chinese search):
# about three seconds before Sphinx reads a page, paid while the chapters run instead.
PRELOAD = (
    "jupyter_book.cli.main",
    "jupyter_book.sphinx",
    "sphinx.application",
    "sphinx.search.zh",
    "myst_nb",
    "sphinx_book_theme",
    "pydata_sphinx_theme",
    "sphinxcontrib.bibtex",
    "sphinx_external_toc",
    "sphinx_design",
    "sphinx_togglebutton",
    "sphinx_copybutton",
    "sphinx_comments",
    "sphinx_multitoc_numbering",
)


class JupyterBook:
    """``jupyter-book build`` in a process forked when the build starts.

    The process imports Jupyter Book, Sphinx and the book's extensions and loads jieba's
    dictionary while the ledger is extracted and the chapters run, then waits for the staged
    book and runs Jupyter Book's own command line on it, in process: the same command, the
    same flags, without paying for its start after the chapters. One build per process
    (Sphinx keeps state in modules); a build that needs no Jupyter Book closes it unused."""

    def __init__(self):

        ctx = mp.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(
            target=_jupyter_book_process, args=(child, self._conn, os.getpid()), daemon=True
        )
        self._proc.start()
        child.close()
        self._used = False

    def build(self, src: Path, out: Path) -> None:
        self.submit(src, out)
        self.wait()

    def submit(self, src: Path, out: Path) -> None:
        """Start building ``src`` into ``out`` (``wait`` for it): two editions build side by
        side, one process each."""
        self._src = src
        tail = src.name.removeprefix("src")  # src → '', src-zh → -zh
        self._log = src.parent / f"jupyter-book{tail}.log"
        self._used = True
        try:
            self._conn.send((str(src), str(out), str(self._log)))
        except (EOFError, OSError):
            pass  # the process died: ``wait`` says so

    def wait(self) -> None:
        src, log = self._src, self._log
        try:
            code = self._conn.recv()
        except (EOFError, OSError):
            code = None  # the process died
        self.close()
        if code != 0:
            text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            stopped = f"the Jupyter Book process stopped early (exit code {self._proc.exitcode})"
            lines = text.strip().splitlines() or [stopped]
            warnings = [line for line in lines if "WARNING" in line or "ERROR" in line]
            raise BuildError(
                "jupyter-book build failed (warnings are errors):\n"
                + "\n".join(f"  {w}" for w in (warnings or lines[-30:]))
                + _disk_note(src, text)
                + f"\nThe staged book is at {src}; the published book was not changed."
            )

    def close(self) -> None:
        """After ``build``, reap the process; unused, stop it at once (it was only warming
        up: a no-op build does not wait for Sphinx to be imported)."""
        if not self._conn.closed:
            self._conn.close()
        if self._proc.is_alive() and not self._used:
            self._proc.terminate()
        self._proc.join(timeout=30)


def _disk_note(folder: Path, log: str) -> str:
    """Why a Jupyter Book run may have stopped that its log cannot say: a full disk cuts
    the log short before the "No space left on device" it would print."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = None
    if (free is not None and free < 32 * 2**20) or "No space left on device" in log:
        return (
            f"\nThe disk holding {folder.parent.name} is full ({free or 0:,} bytes free): free "
            "some space and build again."
        )
    for words in ("Read-only file system", "Permission denied"):
        if words in log:
            return f"\nThe log says: {words}; make _build writable or build in a copy."
    return ""


def _jupyter_book_process(conn, parent_end, parent: int) -> None:

    parent_end.close()  # forked with both ends: keep only ours, so a closed pipe reads as EOF
    # Killed with the build (it would otherwise finish a Sphinx build no one will publish,
    # holding the project lock it inherited).
    processes.die_with_parent(signal.SIGKILL, parent)
    problem = ""
    try:
        for name in PRELOAD:
            try:
                importlib.import_module(name)
            except ImportError:  # an extension this Jupyter Book does not use: Sphinx will say
                pass
        import jieba  # deferred: jieba's dictionary loads in the warm-up process only

        jieba.setLogLevel(60)
        jieba.initialize()
    except Exception:  # noqa: BLE001 - reported in the log when the build asks for it
        problem = traceback.format_exc()
    # Wait for the staged book; give up if the build process is gone (killed, say).
    try:
        while not conn.poll(1):
            if os.getppid() != parent:
                return
        job = conn.recv()
    except (EOFError, OSError):  # the build ended without needing Jupyter Book
        return
    if job is None:
        return
    src, out, log = job
    code = 1
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    # sys.stdout may not be fd 1 (under pytest's capture, say): point both at the log too.
    sys.stdout = sys.stderr = open(fd, "w", encoding="utf-8", buffering=1, closefd=False)
    try:
        if problem:
            print(f"ERROR: Jupyter Book could not be loaded:\n{problem}")
        else:
            os.chdir(src)
            os.environ["TZ"] = "UTC"
            time.tzset()
            # deferred: heavy (Sphinx); the warm-up process has imported it already
            from jupyter_book.cli.main import main as jupyter_book_cli

            args = ["build", src, "--path-output", out, *JUPYTER_BOOK_ARGS]
            jupyter_book_cli.main(args=args, prog_name="jupyter-book", standalone_mode=False)
            code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Exception:  # noqa: BLE001 - the traceback goes to the log the error names
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        conn.send(code)


def fill_editions(site: Path, ed: dict) -> None:
    """Put the edition into every built page (footer, cite blocks, notebook sources)."""
    for f in sorted(site.rglob("*")):
        if f.suffix in (".html", ".ipynb") and f.is_file():
            text = f.read_text(encoding="utf-8", errors="surrogateescape")
            if "@@EDITION" in text:
                f.write_text(edition.fill(text, ed), encoding="utf-8", errors="surrogateescape")


def source_urls(paths: Paths) -> set[str]:
    """The sources' own addresses: the only links allowed to leave the book."""
    return {str(s["url"]) for s in sources.load_registry(paths) if s.get("url")}


def stage_digest(src: Path, ed: dict, *more: Path) -> str:
    """Everything the HTML is made from: the staged sources (of every edition: ``more``), the
    edition filled into them and the Jupyter Book version."""

    import jupyter_book  # deferred: heavy (Sphinx)

    h = hashlib.sha256(jupyter_book.__version__.encode())
    h.update(json.dumps({k: ed[k] for k in edition.TOKENS}, sort_keys=True).encode())
    for tree in (src, *more):
        h.update(tree.name.encode() + b"\0")
        for f in sorted(p for p in tree.rglob("*") if p.is_file()):
            h.update(f.relative_to(tree).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def published_digest(paths: Paths) -> str | None:
    """The stage digest the currently published release was built from, if any."""
    if not paths.html.is_symlink():
        return None
    f = paths.html.resolve().with_suffix(".digest")
    return f.read_text().strip() if f.exists() and paths.html.resolve().is_dir() else None


def publish(paths: Paths, built: Path, ed: dict, digest: str = "") -> Path:
    """Move the new site into _build/releases and point _build/html at it in one rename."""
    releases = paths.build / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    n = 0
    while (target := releases / f"{ed['id']}-{n}").exists():
        n += 1
    shutil.move(str(built), target)
    atomic_write(target.with_suffix(".digest"), digest + "\n")
    html = paths.html
    if html.exists() and not html.is_symlink():
        # An html folder from another tool: keep it as a release, then switch to links.
        shutil.move(str(html), releases / f"previous-{time.monotonic_ns()}")
    link = paths.build / f".html-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(Path("releases") / target.name)
    os.replace(link, html)
    dirs = sorted((p for p in releases.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in dirs[:-3]:
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
            old.with_suffix(".digest").unlink(missing_ok=True)
    return html


def build(
    paths: Paths,
    *,
    force: bool = False,
    add: list[str] = (),
    pdf: bool = False,
    languages: tuple[str, ...] = language.LANGUAGES,
) -> Path:
    """Build and publish the book (``pdf``: the PDF edition too, linked from every page); one
    build (or other writer) of a project at a time. ``languages``: the editions, both by
    default (English at the site's root, Chinese under ``zh/``); ``("en",)`` the English
    alone."""
    if language.DEFAULT not in languages:
        raise BuildError("the English edition is the site's root: build it (with or without zh)")
    with processes.lock(paths, "reportbook build"):
        return _build(paths, force=force, add=add, pdf=pdf,
                      languages=tuple(language.check(x) for x in languages))  # fmt: skip


def _build(
    paths: Paths, *, force: bool, add: list[str], pdf: bool, languages=language.LANGUAGES
) -> Path:
    t0 = time.perf_counter()
    meta = cite.book_meta(paths)
    if meta["placeholder"]:
        print(
            f"note: the book's URL in _config.yml ({meta['given_url']}) is a placeholder: "
            "citations and page metadata leave the URL out until reportbook.url is the "
            "address the book is published at",
            file=sys.stderr,
        )
    if add:
        # One transaction: a refused document leaves every other one unwritten too.
        sources.ingest_many(paths, [{"path": doc} for doc in add], report=print)
    # Work that needs no data starts first, in processes of its own, and overlaps with
    # checking the data and running the chapters: Jupyter Book warming up, the vega bundle.
    jbs = {lang: JupyterBook() for lang in languages}  # one Sphinx build per edition
    jb = jbs[language.DEFAULT]
    others = [x for x in languages if x != language.DEFAULT]
    try:
        bundle.start(paths)
        extract_and_check(paths)
        ed = edition.current(paths)
        inputs = chapters_mod.data_inputs(paths, {ch.theme for ch in run.chapters(paths)})
        chapters = run.chapter_digests(paths, inputs)
        executed = run.run(paths, force=force, inputs=inputs, languages=languages)
        pages = edition_pages(paths) if others else None
        src = stage(paths, executed, ed, chapters, pdf=pdf, pages=pages)
        srcs = {x: stage(paths, executed, ed, chapters, lang=x, pages=pages) for x in others}
        digest = stage_digest(src, ed, *srcs.values())
        if published_digest(paths) == digest:
            # Nothing the book is made of changed since it was published: it is current.
            shutil.rmtree(paths.build / "stage", ignore_errors=True)
            edition.record(paths, ed, chapters)
            print(f"edition {ed['version']} is already published and current: {paths.html}",
                  file=sys.stderr)  # fmt: skip
            return paths.html
        out = paths.build / "stage" / "out"
        outs = {x: paths.build / "stage" / f"out-{x}" for x in others}
        t1 = time.perf_counter()
        jb.submit(src, out)
        for x in others:
            jbs[x].submit(srcs[x], outs[x])
        for x in languages:
            jbs[x].wait()
        n = sum(1 for _ in (out / "_build" / "html" / "book").glob("*.html"))
        for x in others:
            n += sum(1 for _ in (outs[x] / "_build" / "html" / "book").glob("*.html"))
        print(f"jupyter-book: {n} pages ({time.perf_counter() - t1:.1f}s)", file=sys.stderr)
    finally:
        for x in languages:
            jbs[x].close()
    html = out / "_build" / "html"
    for x in others:  # each other edition in its folder of the one site
        shutil.move(str(outs[x] / "_build" / "html"), html / language.SITE_DIR[x])
    fill_editions(html, ed)
    chart_files.export(html, chart_files.header(meta, ed), paths.cache / "png")
    for x in others:
        head = chart_files.header(cite.edition_meta(meta, x), ed)
        chart_files.export(html / language.SITE_DIR[x], head, paths.cache / "png")
    # Checked as it will be published: every page and every chart file, after the last edit.
    ext = guard.problems(html, source_urls(paths))
    if ext:
        raise BuildError(
            "the built book would load or link outside itself, or run a script of its own:\n"
            + "\n".join(f"  {x}" for x in ext)
        )
    if pdf:
        t1 = time.perf_counter()
        out_pdf = pdf_mod.render(html, meta, ed, paths.root / "_toc.yml")
        print(
            f"pdf: {out_pdf.name}, {out_pdf.stat().st_size / 1e6:.1f} MB "
            f"({time.perf_counter() - t1:.1f}s)",
            file=sys.stderr,
        )
    published = publish(paths, html, ed, digest)
    edition.record(paths, ed, chapters)
    shutil.rmtree(paths.build / "stage", ignore_errors=True)
    print(
        f"built edition {ed['version']} in {time.perf_counter() - t0:.1f}s: "
        f"open {published / 'index.html'}",
        file=sys.stderr,
    )
    return published


def main(
    paths: Paths,
    force: bool = False,
    add: list[str] = (),
    pdf: bool = False,
    languages: tuple[str, ...] = language.LANGUAGES,
) -> int:
    try:
        build(paths, force=force, add=add, pdf=pdf, languages=languages)
    except (BuildError, run.ChapterFailed, bundle.BundleError, pdf_mod.PdfError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
