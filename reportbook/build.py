"""Build: data → ledger → checked → chapters executed → Jupyter Book → published atomically.

The book is assembled in a staging folder (``_build/stage``) from the executed notebooks, the
generated appendix pages and the static files, built there by ``jupyter-book build`` with
execution off and ``-W -n --keep-going``, checked (no external script, style or font), and only
then published: ``_build/html`` is a symbolic link swapped to the new release with a single
``rename``. A failure anywhere leaves the previous book exactly as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import yaml

from reportbook import appendix, charts, cite, edition, narrative, run
from reportbook.paths import Paths, read_yaml


class BuildError(RuntimeError):
    pass


TAG = re.compile(r"<(script|link|img|iframe|source|video|audio)\b[^>]*>", re.I)
ATTR = re.compile(r"""\b(src|href|rel)\s*=\s*["']([^"']*)["']""", re.I)
REMOTE = re.compile(r"^(?:https?:)?//", re.I)
# <link> relations that load something; rel="canonical" only names the page's address.
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "icon", "prefetch", "manifest"}
CSS_EXTERNAL = re.compile(r"""url\(\s*["']?(?:https?:)?//""", re.I)


def bundle(paths: Paths) -> Path:
    """The vega bundle for the installed Altair, made once and cached by version."""
    import altair
    import vl_convert

    name = f"bundle-altair{altair.__version__}-vlc{vl_convert.__version__}.js"
    out = paths.cache / name
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".tmp")
        tmp.write_text(charts.bundle_js(), encoding="utf-8")
        os.replace(tmp, out)
    return out


def extract_and_check(paths: Paths) -> None:
    """Re-extract the ledger from the sources and validate everything once, before any kernel."""
    from reportbook import extract, ledger

    df = extract.extract_all(paths)
    ledger.write(df, paths.figures_csv)
    paths.datapackage_json.write_text(
        json.dumps(ledger.datapackage(paths), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    problems = ledger.check(paths)
    if problems:
        raise BuildError(
            f"the ledger has {len(problems)} problem(s); fix them and build again:\n"
            + "\n".join(f"  {p}" for p in problems)
        )


def stage(
    paths: Paths, executed: dict[str, Path], ed: dict, chapters: dict[str, str] | None = None
) -> Path:
    """Assemble the book's source tree under _build/stage/src; return it.

    The edition is left as tokens here and filled into the built pages (``fill_editions``),
    so an executed chapter never depends on the edition.

    Sphinx's output and environment are not kept between builds: an incremental Sphinx
    build keeps the search terms of a page's previous text (searching 745 still finds the
    energy chapter after it changed to 755), and a stale answer is worse than a slow one.
    tests/test_book.py checks that a rebuild after a change equals a clean build."""
    root = paths.build / "stage"
    if root.exists():
        shutil.rmtree(root)
    src = root / "src"
    book = src / "book"
    book.mkdir(parents=True)
    cfg = read_yaml(paths.root / "_config.yml")
    # The edition on every page. Our html_theme_options replace the ones Jupyter Book
    # derives from html.extra_footer, so the footer goes into the theme options directly.
    cfg["sphinx"]["config"].setdefault("html_theme_options", {})["extra_footer"] = (
        f'<p class="rb-edition">Edition {edition.TOKENS["version"]} · sources up to '
        f"{edition.TOKENS['date']}</p>"
    )
    # Chinese search: Sphinx segments the index with jieba, which splits 专业镇 into 专业 + 镇;
    # the browser then looks the whole query up and finds nothing. A user dictionary of the
    # book's own terms keeps them whole (jieba's search mode still indexes the parts).
    # Relative to the staging folder, where jupyter-book runs: an absolute path would enter
    # Sphinx's config hash and make two checkouts' builds differ.
    search_dictionary(paths, src)
    cfg["sphinx"]["config"]["html_search_options"] = {"dict": "search_terms.txt"}
    (src / "_config.yml").write_text(
        yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    shutil.copy2(paths.root / "_toc.yml", src / "_toc.yml")
    static = src / "_static"
    static.mkdir()
    shutil.copy2(bundle(paths), static / "reportbook.js")
    for f in sorted((paths.root / "reportbook" / "static").glob("*.css")):
        shutil.copy2(f, static / f.name)
    for f in sorted(paths.book.glob("*.md")):
        shutil.copy2(f, book / f.name)
    svg_cache = paths.cache / "svg"
    for name, nb_path in executed.items():
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if "text/html" in data:
                    html = "".join(data["text/html"])
                    data["text/html"] = charts.fill_svgs(html, svg_cache)
        nbformat.write(nb, book / f"{name}.ipynb")
    appendix.write_all(paths, book, ed, chapters or edition.chapter_digests(paths))
    (book / "references.bib").write_text(cite.bibliography(paths), encoding="utf-8")
    shutil.copy2(paths.figures_csv, book / "figures.csv")
    if paths.datapackage_json.exists():
        shutil.copy2(paths.datapackage_json, book / "datapackage.json")
    return src


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


def jupyter_book(src: Path, out: Path) -> None:
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe), "build", str(src), "--path-output", str(out), "-W", "-n", "--keep-going"]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, cwd=src, env={**os.environ, "TZ": "UTC"}
    )
    if proc.returncode != 0:
        log = (proc.stdout + proc.stderr).strip().splitlines()
        warnings = [line for line in log if "WARNING" in line or "ERROR" in line]
        raise BuildError(
            "jupyter-book build failed (warnings are errors):\n"
            + "\n".join(f"  {w}" for w in (warnings or log[-30:]))
            + f"\nThe staged book is at {src}; the published book was not changed."
        )


def fill_editions(site: Path, ed: dict) -> None:
    """Put the edition into every built page (footer, cite blocks, notebook sources)."""
    for f in sorted(site.rglob("*")):
        if f.suffix in (".html", ".ipynb") and f.is_file():
            text = f.read_text(encoding="utf-8", errors="surrogateescape")
            if "@@EDITION" in text:
                f.write_text(edition.fill(text, ed), encoding="utf-8", errors="surrogateescape")


def external_references(html_dir: Path) -> list[str]:
    """Every page or style sheet that would load something from outside the book."""
    found = []
    for f in sorted(html_dir.rglob("*.html")):
        for tag in TAG.finditer(f.read_text(encoding="utf-8", errors="replace")):
            attrs = {k.lower(): v for k, v in ATTR.findall(tag.group(0))}
            url = attrs.get("src") or attrs.get("href") or ""
            if tag.group(1).lower() == "link" and not (
                set(attrs.get("rel", "").lower().split()) & LOADING_RELS
            ):
                continue
            if REMOTE.match(url):
                found.append(f"{f.relative_to(html_dir)}: {tag.group(0)[:120]}")
    for f in sorted(html_dir.rglob("*.css")):
        for m in CSS_EXTERNAL.finditer(f.read_text(encoding="utf-8", errors="replace")):
            found.append(f"{f.relative_to(html_dir)}: {m.group(0)}")
    return found


def stage_digest(src: Path, ed: dict) -> str:
    """Everything the HTML is made from: the staged sources, the edition filled into them
    and the Jupyter Book version."""
    import hashlib

    import jupyter_book

    h = hashlib.sha256(jupyter_book.__version__.encode())
    h.update(json.dumps({k: ed[k] for k in edition.TOKENS}, sort_keys=True).encode())
    for f in sorted(p for p in src.rglob("*") if p.is_file()):
        h.update(f.relative_to(src).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
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
    target.with_suffix(".digest").write_text(digest + "\n")
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


def build(paths: Paths, *, force: bool = False, add: list[str] = ()) -> Path:
    t0 = time.perf_counter()
    if add:
        from reportbook import sources

        for doc in add:
            entry, norm = sources.ingest(paths, doc)
            print(sources.format_report(entry, norm))
    extract_and_check(paths)
    ed = edition.current(paths)
    inputs = narrative.all_data_inputs(paths, {ch.theme for ch in run.chapters(paths)})
    chapters = edition.chapter_digests(paths, inputs)
    executed = run.run(paths, force=force, inputs=inputs)
    src = stage(paths, executed, ed, chapters)
    digest = stage_digest(src, ed)
    if published_digest(paths) == digest:
        # Nothing the book is made of changed since it was published: it is current.
        shutil.rmtree(paths.build / "stage", ignore_errors=True)
        edition.record(paths, ed, chapters)
        print(f"edition {ed['version']} is already published and current: {paths.html}",
              file=sys.stderr)  # fmt: skip
        return paths.html
    out = paths.build / "stage" / "out"
    jupyter_book(src, out)
    html = out / "_build" / "html"
    ext = external_references(html)
    if ext:
        raise BuildError(
            "the built book would load files from outside itself:\n"
            + "\n".join(f"  {x}" for x in ext)
        )
    fill_editions(html, ed)
    published = publish(paths, html, ed, digest)
    edition.record(paths, ed, chapters)
    shutil.rmtree(paths.build / "stage", ignore_errors=True)
    print(
        f"built edition {ed['version']} in {time.perf_counter() - t0:.1f}s: "
        f"open {published / 'index.html'}",
        file=sys.stderr,
    )
    return published


def main(paths: Paths, force: bool = False, add: list[str] = ()) -> int:
    try:
        build(paths, force=force, add=add)
    except (BuildError, run.ChapterFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
