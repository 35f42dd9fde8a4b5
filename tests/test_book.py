"""The built book, end to end: every chapter, numbers bound to data, changes propagate,
failures leave the published book alone, and the same inputs give the same HTML."""

from __future__ import annotations

import json
import os
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from reportbook import build, guard, run, targets
from tests.conftest import copy_project

pytestmark = pytest.mark.slow

CHAPTERS = [
    "overview", "economy", "investment", "industry", "energy", "digital", "regional",
    "capability", "consumption", "culture_tourism", "agriculture", "roadmap", "environment",
]  # fmt: skip
APPENDICES = ["sources", "methodology", "ledger", "review", "glossary", "references"]


def _page(paths, name):
    return (paths.html / "book" / f"{name}.html").read_text(encoding="utf-8")


def _prose(html: str) -> str:
    """The running text of a page: paragraphs and list items of the article, without the
    generated figures, tables, citation blocks and code."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    for gen in article.select(
        ".rb-figure, .rb-cite, table, .rb-keyfigs, pre, script, .rb-note, .headerlink, .rb-count"
    ):
        gen.decompose()
    return " ".join(el.get_text(" ") for el in article.select("p, li"))


def _significand(num: str) -> str:
    return num.replace("-", "").replace(".", "").replace(",", "").strip("0") or "0"


def _allowed_numbers(paths) -> set[str]:
    """Every number the data can put in prose: values as printed, base values (for the
    English glosses), periods and milestone years, gaps between values of one indicator, and
    counts of figures and sources."""
    df = pd.read_csv(paths.figures_csv, dtype=str, keep_default_na=False)
    allowed = set()
    for col in ("value", "value_high", "value_base"):
        allowed |= {_significand(v) for v in df[col] if v}
    # English glosses round base values to three significant figures (17.1375 GW → 17.1 GW)
    for v in df["value_base"]:
        if v and float(v):
            d = Decimal(v)
            q = d.quantize(Decimal(1).scaleb(d.adjusted() - 2), rounding=ROUND_HALF_UP)
            allowed.add(_significand(f"{q:f}"))
    for p in df["period"]:
        allowed |= {_significand(x) for x in re.findall(r"\d+", p)}
    ms = yaml.safe_load(paths.milestones_yml.read_text(encoding="utf-8"))["milestones"]
    allowed |= {str(m["year"]) for m in ms}
    for _, g in df[df["indicator_id"] != ""].groupby("indicator_id"):
        vals = [float(v) for v in g["value"]]
        allowed |= {_significand(f"{abs(a - b):.6f}") for a in vals for b in vals}
    counts = [len(df), df["source_id"].nunique(), *df.groupby("theme_id").size()]
    allowed |= {_significand(str(n)) for n in counts}
    return allowed


def test_every_chapter_and_appendix_is_built(built_book):
    assert (built_book.html / "index.html").exists()
    for name in CHAPTERS + APPENDICES:
        assert (built_book.html / "book" / f"{name}.html").exists(), name
    assert os.path.islink(built_book.html)  # published by swapping a link


def test_no_hand_typed_numbers_in_prose(built_book):
    allowed = _allowed_numbers(built_book)
    for name in CHAPTERS:
        prose = _prose(_page(built_book, name))
        # Section numbers ("4.1.") are the page's own numbering.
        prose = re.sub(r"(?<![\d.])\d{1,2}(?:\.\d{1,2})*\.\s", " ", prose)
        # Figure numbers ("Figure 4.2") are the page's own numbering too.
        prose = re.sub(r"Figure\s+\d+\.\d+", " ", prose)
        for num in re.findall(r"\d[\d,]*(?:\.\d+)?", prose):
            assert _significand(num) in allowed, f"{name}: {num!r} is not from the data"


def _figure_anchors(paths) -> dict[str, set[str]]:
    """The figure anchors of each page of the sources appendix (a page per source)."""
    book = paths.html / "book"
    return {
        p.relative_to(book).as_posix(): set(re.findall(r'id="(f-[0-9a-f]{10})"', p.read_text()))
        for p in sorted((book / "sources").glob("*.html"))
    }


def test_every_number_in_prose_links_to_its_source_sentence(built_book):
    anchors = _figure_anchors(built_book)
    ids = set().union(*anchors.values())
    df = pd.read_csv(built_book.figures_csv)
    assert ids == set(df["figure_id"])  # every figure has its place in the appendix
    links = 0
    for name in CHAPTERS:
        html = _page(built_book, name)
        # Never the index (it has only #src- anchors): a link there lands nowhere.
        assert not re.search(r"sources\.html#f-", html), name
        for page, target in re.findall(r'href="(sources/[^"#]+\.html)#(f-[0-9a-f]+)"', html):
            assert target in anchors.get(page, ()), (name, page, target)
            links += 1
    assert links > 0


def test_wording_follows_kind(built_book):
    energy = _prose(_page(built_book, "energy"))
    assert re.search(r"new and clean capacity reached\s+968\.75万千瓦", energy)
    assert re.search(r"is expected to reach\s+1000万千瓦 \(10 GW\)\s+by the end of 2023", energy)
    assert re.search(r"is targeted to reach\s+60%\s+for 2024", energy)
    economy = _prose(_page(built_book, "economy"))
    assert re.search(r"GDP\s+is targeted to grow by at least\s+5%\s+for 2024", economy)
    assert re.search(r"GDP\s+grew by\s+1%", economy)
    assert "at at" not in economy and "-4.2" not in economy


def test_theme_without_figures_says_so(built_book):
    html = _page(built_book, "culture_tourism")
    assert "The current sources report no figures for this theme." in html


def test_targets_are_pending_until_a_result_for_their_period(built_book):
    """The shipped sources report 2023 results and 2024 targets: no 2023 figure may settle a
    2024 target, so every row is pending, with no gap; a stock reported before the target's
    date shows progress only."""
    for name in ("economy", "energy", "consumption"):
        soup = BeautifulSoup(_page(built_book, name), "html.parser")
        rows = soup.select(".rb-targets tbody tr")
        assert rows, name
        for tr in rows:
            cells = [td.get_text(" ", strip=True) for td in tr.select("td")]
            assert cells[-1] == "pending" and cells[-2] == "—", (name, cells)
    economy = BeautifulSoup(_page(built_book, "economy"), "html.parser")
    gdp = [tr for tr in economy.select(".rb-targets tbody tr") if "gross domestic" in tr.text]
    assert gdp and "no result for its period yet" in gdp[0].text
    assert targets.RULES in economy.get_text(" ").replace("\n", " ")


def test_chapters_end_with_their_uncharted_figures_and_quotes(built_book):
    df = pd.read_csv(built_book.figures_csv)
    for name in CHAPTERS[1:]:
        soup = BeautifulSoup(_page(built_book, name), "html.parser")
        charted = {f for fig in soup.select(".rb-figure") for f in fig["data-figures"].split()}
        listed = {a["href"].split("#")[1] for a in soup.select(".rb-remaining a.rb-fig")}
        tracked = {a["href"].split("#")[1] for a in soup.select(".rb-targets a.rb-fig")}
        for fid in df[df["theme_id"] == name]["figure_id"]:
            assert fid in charted | listed | tracked, f"{name}: figure {fid} went missing"


def test_every_chart_spec_is_valid_vega_lite(built_book):
    """Kernels skip Altair's validation for speed; every chart of the book is validated here."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import load_schema

    schema = load_schema()
    n = 0
    for name in CHAPTERS:
        soup = BeautifulSoup(_page(built_book, name), "html.parser")
        for fig in soup.select("figure.rb-figure"):
            spec = json.loads(fig.select_one('script[type="application/json"]').string)
            validate_jsonschema(spec, schema)
            n += 1
    assert n >= 10


def test_built_site_loads_nothing_from_outside(built_book):
    assert guard.problems(built_book.html) == []
    js = sorted(p.name for p in (built_book.html / "_static").glob("*.js"))
    assert "reportbook.js" in js


def _change_source_value(paths, old: str, new: str):
    """Edit a raw source in a throwaway copy (never in the project) and re-register its hash."""
    import hashlib

    reg = yaml.safe_load(paths.sources_yml.read_text(encoding="utf-8"))
    entry = next(s for s in reg["sources"] if s["id"] == "xinzhou-2023-seven-levels")
    raw = paths.sources_dir / entry["file"]
    os.chmod(raw, 0o644)
    data = raw.read_bytes()
    assert data.count(old.encode()) == 1
    raw.write_bytes(data.replace(old.encode(), new.encode()))
    text = paths.sources_yml.read_text(encoding="utf-8")
    paths.sources_yml.write_text(
        text.replace(entry["sha256"], hashlib.sha256(raw.read_bytes()).hexdigest()),
        encoding="utf-8",
    )


def test_a_changed_value_reaches_prose_and_chart_and_failures_keep_the_book(built_book, tmp_path):
    paths = copy_project(tmp_path / "changed")
    _change_source_value(paths, "968.75万千瓦", "978.75万千瓦")
    build.build(paths)
    html = _page(paths, "energy")
    prose = _prose(html)
    assert "978.75万千瓦" in prose and "968.75" not in prose
    specs = re.findall(r'<script type="application/json" id="rb-spec-[^"]+">(.*?)</script>', html)
    values = [d["value"] for s in specs for ds in json.loads(s)["datasets"].values() for d in ds
              if "value" in d]  # fmt: skip
    assert 978.75 in values and 968.75 not in values
    assert "968.75" in _prose(_page(built_book, "energy"))  # the other copy is untouched

    # A failing chapter stops the build and leaves the published book exactly as it was.
    published = os.readlink(paths.html)
    before = {p: p.read_bytes() for p in sorted(paths.html.rglob("*.html"))}
    nb_path = paths.book / "economy.md"
    original = nb_path.read_text(encoding="utf-8")
    broken = "\n```{code-cell} ipython3\n:tags: [remove-input]\n\n1 / 0\n```\n"
    nb_path.write_text(original + broken, encoding="utf-8")
    with pytest.raises(run.ChapterFailed, match=r"chapter 'economy' .* failed in the cell at line"):
        build.build(paths)
    assert os.readlink(paths.html) == published
    assert {p: p.read_bytes() for p in sorted(paths.html.rglob("*.html"))} == before

    # So does a Jupyter Book warning (warnings are errors): the message names page and line.
    nb_path.write_text(original, encoding="utf-8")
    intro = paths.book / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nSee {ref}`no-such-section`.\n")
    with pytest.raises(
        build.BuildError, match=r"(?s)jupyter-book build failed.*intro.*no-such-section"
    ):
        build.build(paths)
    assert os.readlink(paths.html) == published
    assert {p: p.read_bytes() for p in sorted(paths.html.rglob("*.html"))} == before


def test_same_inputs_give_byte_identical_html(built_book, tmp_path):
    again = copy_project(tmp_path / "again")
    build.build(again, pdf=True)  # as built_book is: the PDF must be the same bytes too
    a, b = built_book.html, again.html
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    differ = [f for f in files_a if (a / f).read_bytes() != (b / f).read_bytes()]
    assert differ == [], f"not byte-identical: {differ}"


def test_builds_on_different_days_are_byte_identical(built_book, tmp_path, monkeypatch):
    """Sphinx dates a build by SOURCE_DATE_EPOCH (else by the clock); the pages carry no
    build date ("Last updated on …", docbuild:last-update), only the edition's, so a build
    dated 1 January 2025 and one made today are the same bytes. (The day is after the
    sources' dates: SOURCE_DATE_EPOCH is the project's "today", and a source dated after it
    would be refused as lying in the future.)"""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    other = copy_project(tmp_path / "another-day")
    build.build(other, pdf=True)  # as built_book is
    a, b = built_book.html, other.html
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert [f for f in files if (a / f).read_bytes() != (b / f).read_bytes()] == []
    page = _page(other, "energy")
    assert "Last updated" not in page and "docbuild:last-update" not in page
    assert "2025-01-01" not in BeautifulSoup(page, "html.parser").select_one("footer").get_text()


def test_incremental_rebuild_equals_a_clean_build(tmp_path):
    """A rebuild after a change reuses every chapter it can (and the static charts whose
    data did not change); the result must be the same bytes as building from scratch."""
    paths = copy_project(tmp_path / "incremental")
    build.build(paths)
    _change_source_value(paths, "745万千瓦", "755万千瓦")
    build.build(paths)
    clean = copy_project(tmp_path / "clean")
    _change_source_value(clean, "745万千瓦", "755万千瓦")
    build.build(clean)
    a, b = paths.html, clean.html
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert [f for f in files if (a / f).read_bytes() != (b / f).read_bytes()] == []
    assert "755万千瓦" in _page(paths, "energy")


def test_an_unneeded_jupyter_book_process_never_lingers():
    """The warm Jupyter Book process ends when the build no longer needs it: stopped by
    close(), and on its own when the build's end of the pipe is gone."""
    jb = build.JupyterBook()
    jb.close()
    assert not jb._proc.is_alive()
    jb = build.JupyterBook()
    jb._conn.close()  # as if the build process had died
    jb._proc.join(timeout=30)
    assert not jb._proc.is_alive() and jb._proc.exitcode == 0


# --- citing: meta tags, cite blocks, chart files, the PDF --------------------------------------


def _pages(paths):
    return sorted((paths.html / "book").glob("*.html"))


def test_every_page_has_citation_meta_tags(built_book):
    from reportbook import edition

    ed = edition.current(built_book)
    pages = [
        *_pages(built_book),
        built_book.html / "search.html",
        built_book.html / "genindex.html",
    ]
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        meta = {m["name"]: m["content"] for m in soup.select('head meta[name^="citation_"]')}
        name = page.relative_to(built_book.html).as_posix()
        for key in ("citation_title", "citation_author", "citation_publication_date",
                    "citation_publisher", "citation_language"):  # fmt: skip
            assert meta.get(key), (name, key, meta)
        assert meta["citation_publication_date"] == ed["issued"].replace("-", "/"), name
        assert meta["citation_language"] == "en"
        # The shipped URL is a placeholder: no page names it, in a tag or anywhere else.
        assert "citation_public_url" not in meta
        assert "example.org" not in page.read_text(encoding="utf-8"), name
    energy = BeautifulSoup(_page(built_book, "energy"), "html.parser")
    title = energy.select_one('meta[name="citation_title"]')["content"]
    assert title == "Energy transition and the green-energy corridor"
    assert energy.select_one('meta[name="citation_inbook_title"]')["content"] == (
        "Xinzhou development report"
    )


def _labels(paths, page: str) -> list[str]:
    """The labels written above headings in a page's source as built (``_sources``)."""
    from reportbook.chapters import LABEL_RE

    md = paths.html / "_sources" / "book" / f"{page}.md"
    if md.exists():
        text = md.read_text(encoding="utf-8")
    else:
        nb = json.loads((paths.html / "_sources" / "book" / f"{page}.ipynb").read_text("utf-8"))
        text = "\n\n".join(
            "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"
        )
    return [m[1] for m in LABEL_RE.finditer(text)]


def test_every_labelled_section_has_one_cite_block_and_its_label_as_id(built_book):
    from reportbook.chapters import EMPTY_NOTE

    n = 0
    for page in _pages(built_book):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        # A theme with no figures yet is one line: nothing to cite, so no block.
        empty = " ".join(EMPTY_NOTE.split()) in " ".join(soup.get_text().split())
        for label in _labels(built_book, page.stem):
            section = soup.find(id=label)
            assert section is not None and section.name == "section", (page.name, label)
            own = [
                b for b in section.select(f'.rb-cite[data-label="{label}"]')
                if b.find_parent("section") is section
            ]  # fmt: skip
            assert len(own) == (0 if empty else 1), (page.name, label, len(own))
            if empty:
                continue
            assert own[0].select_one(".rb-cite-apa") and own[0].select_one(".rb-cite-gbt")
            n += 1
        # No block is left empty (a placeholder the build did not fill).
        assert not [b for b in soup.select(".rb-cite") if not b.select(".rb-cite-text")], page
    print(f"\n{n} labelled sections, each with its cite block")
    assert n > 50


def test_every_chart_has_its_csv_png_and_svg(built_book):
    import csv as csv_mod
    import io

    n = 0
    for page in _pages(built_book):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for fig in soup.select("figure.rb-figure"):
            label = fig["id"]
            folder = built_book.html / "book" / "figures"
            links = {a["data-kind"]: a["href"] for a in fig.select("a.rb-download")}
            assert links == {k: f"figures/{label}.{k}" for k in ("csv", "png", "svg")}
            text = (folder / f"{label}.csv").read_text(encoding="utf-8")
            head = [line for line in text.lstrip("\ufeff").split("\n") if line.startswith("#")]
            assert head[0].startswith("# Figure ") and head[1].startswith("# Source: "), head
            assert "edition " in head[2] and head[3].startswith("# Licence: MIT"), head
            rows = list(csv_mod.reader(io.StringIO(text.lstrip("\ufeff").split("\n", 4)[4])))
            shown = fig.select("table.rb-data tbody tr")
            assert len(rows) - 1 == len(shown), label
            if "figure_id" in rows[0]:
                ids = [r[rows[0].index("figure_id")] for r in rows[1:]]
                assert ids == fig["data-figures"].split(), label
            assert (folder / f"{label}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert (folder / f"{label}.svg").read_text(encoding="utf-8").startswith("<?xml")
            n += 1
    assert n >= 10


def test_the_pdf_edition_has_every_chapter_bookmarked_and_chinese_text(built_book, tmp_path):
    import shutil
    import subprocess

    from reportbook import pdf

    out = built_book.html / pdf.NAME
    assert out.exists() and out.stat().st_size > 100_000
    print(f"\n{pdf.NAME}: {out.stat().st_size / 1e6:.2f} MB")
    data = out.read_bytes()
    titles = re.findall(rb"/Title \(((?:[^()\\]|\\.)*)\)", data) + [
        bytes.fromhex(h.decode())[2:].decode("utf-16-be").encode()
        for h in re.findall(rb"/Title <(FEFF[0-9A-Fa-f]*)>", data)
    ]
    titles = [" ".join(t.decode("utf-8", "replace").split()) for t in titles]
    for name in CHAPTERS[1:5]:
        h1 = BeautifulSoup(_page(built_book, name), "html.parser").select_one("article h1")
        heading = " ".join(h1.get_text("").replace("#", "").split())
        assert heading in titles, (heading, titles[:20])  # a bookmark, written once
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    for words in ("Energy transition and the green-energy corridor", "Specialty agriculture",
                  "专业镇", "抽水蓄能", "新能源和清洁能源"):  # fmt: skip
        assert words in flat, words
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(out),
                    str(tmp_path / "page")], check=True)  # fmt: skip
    assert all(p.stat().st_size > 1000 for p in tmp_path.glob("page-*.png"))
    # Charts stay vector graphics: the pages draw paths, and no chart is an image.
    assert data.count(b"/Subtype /Image") == 0


def test_every_page_links_the_pdf_from_its_footer(built_book):
    from reportbook import pdf

    for page in [*_pages(built_book), built_book.html / "search.html"]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one(".rb-edition a.rb-pdf-link")
        assert link is not None, page
        assert (page.parent / link["href"]).resolve() == (built_book.html / pdf.NAME).resolve()


def test_no_page_has_an_empty_output_box(built_book):
    """A view with nothing to show yet (no data for it) leaves no empty box and gap on the
    page: its cell is removed (run._finish)."""
    empty = {}
    for page in _pages(built_book):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        n = [
            c
            for c in soup.select("div.cell")
            if not c.get_text(strip=True) and not c.find(["svg", "img", "table", "iframe"])
        ]
        if n:
            empty[page.name] = len(n)
    assert not empty, empty


def test_a_pdf_is_kept_only_when_two_prints_agree():
    """Chromium's first print of a page can differ from its next ones (the same inputs, other
    bytes): the edition keeps a print only when the next print is the same."""
    from reportbook import pdf

    prints = iter([b"first", b"settled", b"settled", b"never asked"])
    assert pdf._settled(lambda: next(prints)) == b"settled"
    prints = iter([b"same", b"same"])
    assert pdf._settled(lambda: next(prints)) == b"same"
    prints = iter([b"a", b"b", b"c", b"d"])
    assert pdf._settled(lambda: next(prints)) == b"d"  # none alike: the last
