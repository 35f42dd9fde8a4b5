"""Hostile input: no source text runs code or script, no input crashes a command, limits hold.

Every case an adversarial run found, each with a fixture named for what it attacks
(``tests/fixtures/hostile/``), is refused with a message that names the file and says what to
do, or reaches the book inert. The slow half ingests the accepted ones into a copy of the
project, builds the book, reads every page with an HTML parser and opens every page in
Debian chromium with a dialog listener and a counter of requests leaving 127.0.0.1.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from reportbook import appendix, build, check, cli, guard, markup, sources
from reportbook.registry import Registry
from tests.conftest import copy_project

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
BENIGN = "2024年，忻州市地区生产总值完成1750.2亿元，同比增长5.1%。\n".encode()
FORMULA = ("=", "+", "-", "@", "\t", "\r")
URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster"}


def fixture(name: str) -> bytes:
    return (HOSTILE / name).read_bytes()


def _snapshot(p) -> dict[str, bytes]:
    return {str(f.relative_to(p.root)): f.read_bytes() for f in p.data.rglob("*") if f.is_file()}


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project", writable_sources=True)


def _refused(project, doc: Path, words: str, **kw) -> str:
    """Ingest ``doc`` expecting a refusal mentioning ``words``; nothing may change."""
    before = _snapshot(project)
    with pytest.raises(sources.SourceError, match=words) as info:
        sources.ingest(project, doc, **kw)
    assert _snapshot(project) == before, "a refused ingest changed the data"
    return str(info.value)


def _edit_registry(project, **fields) -> None:
    """Change the first source entry by hand, as someone editing sources.yml would."""
    data = yaml.safe_load(project.sources_yml.read_text("utf-8"))
    data["sources"][0].update(fields)
    project.sources_yml.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def _registry_problems(project) -> str:
    return "\n".join(sources.registry_problems(project))


# ------------------------------------------------------------------ titles and file names


def test_title_with_template_braces_is_refused_at_ingest(project, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(BENIGN)
    title = fixture("title_with_template_braces.txt").decode()
    msg = _refused(project, doc, "line break", title=title, date="2025-01")
    assert "doc.txt" in msg and "--title" in msg


def test_title_with_template_braces_written_by_hand_fails_the_check(project):
    _edit_registry(project, title=fixture("title_with_template_braces.txt").decode())
    text = _registry_problems(project)
    assert "sources.yml" in text and "[title]" in text and "line break" in text


def test_title_with_template_braces_would_stay_inert_on_its_page():
    """Even a title that got past every check could not end the page's HTML block: the
    page holds one block on one line, with no brace, and MyST's own parser sees one
    html_block token and no text outside it."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    title = fixture("title_with_template_braces.txt").decode()
    norm = sources.normalize.normalize(BENIGN)
    entry = {"id": "hostile", "title": title, "original_file": title + ".txt", "sha256": "0" * 64}
    page = appendix.source_page(entry, norm, _empty_ledger(), {})
    body = page.split("\n# Source hostile\n\n", 1)[1]
    assert markup.one_line(body.rstrip("\n"))
    assert "{" not in body and "}" not in body and "<img" not in body
    md = create_md_parser(MdParserConfig(enable_extensions=set()), RendererHTML)
    tokens = md.parse(body)
    assert [t.type for t in tokens] == ["html_block"]
    html = md.render(body)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("img") and "{{ 7*7 }}" in soup.get_text()


def _empty_ledger():
    from reportbook import ledger

    return ledger.empty()


def test_first_line_closes_bibtex_needs_a_title(project, tmp_path):
    doc = tmp_path / "first_line_closes_bibtex.txt"
    doc.write_bytes(fixture(doc.name))
    msg = _refused(project, doc, "unbalanced brace", date="2025-01")
    assert doc.name in msg and "--title" in msg


def test_unbalanced_brace_in_a_title_written_by_hand_names_the_source(project):
    _edit_registry(project, title="忻州}, url = {javascript:alert(1)")
    text = _registry_problems(project)
    assert "xinzhou-2023-seven-levels" in text and "unbalanced brace" in text


# ------------------------------------------------------------------ URLs


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
     "https://example.org/a}, note = {x", "https://example.org/\r\rx", "ftp://example.org/a"],
)  # fmt: skip
def test_url_other_than_http_is_refused_at_ingest(project, tmp_path, url):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(BENIGN)
    msg = _refused(project, doc, "--url", url=url, title="忻州", date="2025-01")
    assert "http" in msg


def test_javascript_url_written_by_hand_fails_the_check(project):
    _edit_registry(project, url="javascript:alert(1)")
    assert "[url]" in _registry_problems(project)
    _edit_registry(project, url="https://example.org/a\n")  # $ ends the string
    assert "[url]" in _registry_problems(project)


# ------------------------------------------------------------------ ids, dates, sizes


def test_id_with_a_trailing_newline_is_refused(project, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(BENIGN)
    msg = _refused(project, doc, "slug", source_id="abc\n", title="忻州", date="2025-01")
    assert "abc\\n" in msg
    assert not (project.sources_dir / "abc\n.txt").exists()
    _edit_registry(project, id="abc\n")
    assert "[id]" in _registry_problems(project)


@pytest.mark.parametrize("date", ["2024-02-31", "2023-02-29", "2024-13", "2999-01-01", "2999"])
def test_impossible_and_future_dates_are_refused(project, tmp_path, date):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(BENIGN)
    _refused(project, doc, "--date", title="忻州", date=date)


def test_impossible_date_written_by_hand_fails_the_check(project):
    _edit_registry(project, date="2024-02-31", date_precision="day")
    assert "does not exist" in _registry_problems(project)
    _edit_registry(project, date="2999-01", date_precision="month")
    assert "in the future" in _registry_problems(project)


def test_whitespace_only_file_is_refused_like_an_empty_one(project, tmp_path):
    doc = tmp_path / "whitespace_only.txt"
    doc.write_bytes(fixture(doc.name))
    assert "white space" in _refused(project, doc, doc.name)


def test_document_over_the_size_limit_is_refused(project, tmp_path):
    doc = tmp_path / "document_over_the_size_limit.txt"
    doc.write_bytes(BENIGN * (sources.MAX_DOCUMENT_BYTES // len(BENIGN) + 1))
    assert "split it" in _refused(project, doc, "more than the 2,000,000")


def test_value_with_400_digits_is_refused(project, tmp_path):
    doc = tmp_path / "value_with_400_digits.txt"
    doc.write_bytes(fixture(doc.name))
    msg = _refused(project, doc, "cannot be real", date="2025-01", title="忻州")
    assert "400 digits" in msg and len(msg) < 600  # the number is not printed whole


def test_value_with_400_digits_in_the_ledger_fails_the_check(project):
    rows = list(csv.reader(io.StringIO(project.figures_csv.read_text("utf-8"))))
    col = rows[0].index("value_base")
    rows[1][col] = "inf"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    project.figures_csv.write_text(out.getvalue(), "utf-8")
    found = [str(p) for p in check.check(project)]
    assert any("figures.csv:2 [value]" in p and "not a finite number" in p for p in found), found


def test_sentence_of_200000_characters_is_refused(project, tmp_path):
    doc = tmp_path / "sentence_of_200000_characters.txt"
    doc.write_bytes(("忻州市地区生产总值1750.2亿元" + "经济" * 100_000 + "。\n").encode())
    msg = _refused(project, doc, "sentence of", date="2025-01", title="忻州")
    assert "at most 5000" in msg


def test_sentence_of_200000_characters_registered_by_hand_is_reported_not_a_crash(project):
    """Bypassing ingest (a file and entry written by hand): extract and check report the
    overlong quote with its row instead of crashing on the csv field limit."""
    from reportbook import ledger

    raw = ("忻州市地区生产总值1750.2亿元" + "经济" * 100_000 + "。\n").encode()
    (project.sources_dir / "long.txt").write_bytes(raw)
    data = yaml.safe_load(project.sources_yml.read_text("utf-8"))
    entry = dict(data["sources"][0], id="long", file="long.txt", original_file="long.txt")
    entry["sha256"] = __import__("hashlib").sha256(raw).hexdigest()
    data["sources"].append(entry)
    project.sources_yml.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    ledger.rebuild(project)
    found = [str(p) for p in check.check(project)]
    assert any("[quote]" in p and "at most 5000" in p for p in found), found


# ------------------------------------------------------------------ tables


def test_table_cell_with_carriage_return_is_refused_with_row_and_column(project, tmp_path):
    doc = tmp_path / "table_cell_with_carriage_return.csv"
    doc.write_bytes(fixture(doc.name))
    msg = _refused(project, doc, "carriage return", title="公报", date="2025-01")
    assert "row 2 [quote]" in msg


def test_table_value_with_400_digits_is_refused_with_row_and_column(project, tmp_path):
    doc = tmp_path / "table_value_with_400_digits.csv"
    doc.write_bytes(fixture(doc.name))
    msg = _refused(project, doc, "cannot be real", title="公报", date="2025-01")
    assert "row 2 [value]" in msg


def test_formula_cells_are_neutralized_in_the_books_csv_not_in_the_ledger(project, tmp_path):
    doc = tmp_path / "sentences_starting_with_formulas.txt"
    doc.write_bytes(fixture(doc.name))
    sources.ingest(project, doc, source_id="formulas", title="忻州", date="2025-01")
    from reportbook import ledger

    ledger.rebuild(project)
    exact = list(csv.reader(io.StringIO(project.figures_csv.read_text("utf-8"))))
    quotes = {r[exact[0].index("quote")] for r in exact}
    assert any(q.startswith("=HYPERLINK") for q in quotes)  # the ledger keeps exact text
    assert any(q.startswith("@SUM") for q in quotes) and any(q.startswith("-2+3") for q in quotes)
    book = list(csv.reader(io.StringIO(build.spreadsheet_safe_csv(project.figures_csv))))
    _assert_spreadsheet_safe(book)
    cells = {c for row in book for c in row}
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert any(c.startswith("'@SUM") for c in cells) and any(c.startswith("'-2+3") for c in cells)
    values = {r[book[0].index("value")] for r in book[1:]}
    assert "-4.2" in values  # a negative number stays a number
    assert len(book) == len(exact) and all(
        len(a) == len(b) for a, b in zip(book, exact, strict=True)
    )


def test_chart_csv_neutralizes_text_and_keeps_numbers():
    import pandas as pd

    from reportbook import charts

    data = pd.DataFrame(
        {
            "k": ["=1+1", "@x", "a"],
            "value": [-4.2, 1.0, 2.0],
            "display": ["-4.2%", "1", "2"],
            "figure_id": ["f-1", "f-2", "f-3"],
        }
    )
    fig = charts.Figure(chart=None, data=data, label="t", number="1", title="t", alt_text="",
                        sources=[])  # fmt: skip
    from reportbook.charts import files
    from reportbook.markup import spreadsheet_rows

    # The table view shows the text as it is; the CSV file is written from it, defused
    # (what charts.files.csv_text writes below its header).
    shown = files.rows(fig.table_html())
    assert shown[1][:3] == ["=1+1", "-4.2", "-4.2%"]
    rows = spreadsheet_rows(shown)
    _assert_spreadsheet_safe(rows)
    assert rows[1][:3] == ["'=1+1", "-4.2", "'-4.2%"]


def _assert_spreadsheet_safe(rows) -> None:
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA):
                assert re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", cell), cell


# ------------------------------------------------------------------ the page guard


def test_page_with_unquoted_urls_is_caught_by_the_guard():
    found = guard.page_problems(fixture("page_with_unquoted_urls.html").decode())
    text = "\n".join(found)
    print("\n" + text)
    for needle in ("a.css", "b.css", "c.png", "d.png", "e.png", "f.png", "g.png", "h.swf",
                   "i.png", "j.png", "k.svg", "javascript: URL", "evil.example/l", "onerror",
                   "elsewhere.example/m", "n.html", "evil.example/o"):  # fmt: skip
        assert needle in text, needle
    assert "local.png" not in text.replace("local.png 1x, //cdn", "")
    # a source's own address is the one outside link allowed
    allowed = guard.page_problems('<a href="https://elsewhere.example/m">x</a>',
                                  {"https://elsewhere.example/m"})  # fmt: skip
    assert allowed == []


@pytest.mark.parametrize(
    ("markup", "says"),
    [
        ('<iframe srcdoc="&lt;img src=https://x.example/a.png&gt;"></iframe>', "srcdoc"),
        ('<meta http-equiv="refresh" content="0; https://x.example/">', "x.example"),
        ('<div style="background: image-set(\'https://x.example/a.png\' 1x)"></div>', "a.png"),
        ('<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>',
         "javascript"),
        ('<svg><a><set attributeName="href" to="https://x.example/"/></a></svg>', "x.example"),
        ('<applet archive="https://x.example/a.jar"></applet>', "a.jar"),
        ('<base href="https://elsewhere.example/m">', "<base"),
    ],
    ids=["iframe-srcdoc", "refresh-without-url", "css-image-set", "svg-animate", "svg-set",
         "applet-archive", "base-href"],
)  # fmt: skip
def test_the_guard_sees_the_less_common_ways_out(markup, says):
    # <base> re-roots every relative address, so even a source's own URL is refused there.
    found = guard.page_problems(markup, {"https://elsewhere.example/m"})
    assert found and says in "\n".join(found), found


def test_the_guard_lets_the_books_own_forms_through():
    ok = [
        '<meta http-equiv="refresh" content="0; url=book/overview.html" />',  # index.html
        '<svg><animate attributeName="opacity" values="0;1"/></svg>',
        '<a href="sources/x.html#f-0123456789">1%</a>',
    ]
    assert [guard.page_problems(m) for m in ok] == [[], [], []]


def test_guard_reads_style_sheets(tmp_path):
    (tmp_path / "a.css").write_text("@font-face { src: url(https://fonts.example/x.woff2) }")
    (tmp_path / "b.css").write_text('@import "//fonts.example/y.css";')
    (tmp_path / "c.css").write_text(".x { background: url(data:image/png;base64,AA==) }")
    found = guard.problems(tmp_path)
    assert len(found) == 2 and "a.css" in found[0] and "b.css" in found[1]


# ------------------------------------------------------------------ the built book


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    """A copy of the project with every accepted hostile input ingested, then built."""
    root = tmp_path_factory.mktemp("hostile")
    p = copy_project(root / "project")
    marker = root / f"pwned-{uuid.uuid4().hex}"
    docs = root / "received"
    docs.mkdir()
    # A received file name with \r, template braces and a script-bearing tag.
    named = docs / "\r\r{{ 7*7 }}\r\r<img src=x onerror=alert(String.fromCharCode(88))>.txt"
    named.write_bytes("忻州市2024年第一季度\n忻州市一季度地区生产总值增长6.1%。\n".encode())
    markup_doc = docs / "sentences_with_markup.txt"
    markup_doc.write_bytes(fixture(markup_doc.name))
    bibtex = docs / "first_line_closes_bibtex.txt"
    bibtex.write_bytes(fixture(bibtex.name))
    formulas = docs / "sentences_starting_with_formulas.txt"
    formulas.write_bytes(fixture(formulas.name))
    payload = fixture("title_with_jinja_payload.txt").decode().replace("@@DIR@@", str(marker))
    sources.ingest(
        p,
        named,
        source_id="hostile-file-name",
        date="2025-01",
        title="{{ 7*7 }} <script>alert(4)</script> $x$ {ref}`appendix-sources`",
    )
    sources.ingest(
        p,
        markup_doc,
        source_id="hostile-sentences",
        date="2025-01",
        title=payload,
        url="https://example.org/news?id=1&x=2",
    )
    sources.ingest(
        p,
        bibtex,
        source_id="hostile-bibtex",
        date="2025-01",
        title="忻州市2024年经济运行",
        publisher="{某报}",
    )
    sources.ingest(p, formulas, source_id="hostile-formulas", date="2025-01", title="忻州")
    build.build(p)
    return p, marker


def _pages(p) -> list[Path]:
    return sorted(p.html.resolve().rglob("*.html"))


@pytest.mark.slow
def test_hostile_book_runs_no_template_and_no_payload(hostile_book):
    p, marker = hostile_book
    assert not marker.exists(), "a title's template ran during the build"
    page = (p.html / "book" / "sources" / "hostile-sentences.html").read_text("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    title = sources.get(p, "hostile-sentences")["title"]
    assert soup.select_one(".rb-source-title").get_text() == title  # shown as received
    assert "{{ 7*7 }}" in title
    named = BeautifulSoup(
        (p.html / "book" / "sources" / "hostile-file-name.html").read_text("utf-8"), "html.parser"
    )
    original = next(
        tr.td.get_text()
        for tr in named.select(".rb-meta tr")
        if tr.th.get_text() == "Original file"
    )
    assert original == sources.get(p, "hostile-file-name")["original_file"]
    assert original.startswith("\r\r{{ 7*7 }}\r\r<img")


@pytest.mark.slow
def test_hostile_book_has_no_script_link_or_handler_of_a_source(hostile_book):
    p, _ = hostile_book
    allowed = build.source_urls(p)
    assert allowed == {"https://example.org/news?id=1&x=2"}
    assert guard.problems(p.html, allowed) == []
    n = 0
    for f in _pages(p):
        soup = BeautifulSoup(f.read_text("utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for k, v in tag.attrs.items():
                v = " ".join(v) if isinstance(v, list) else str(v)
                assert not (k.startswith("on") and v != "toggleFullScreen()"), (f.name, tag)
                if k in URL_ATTRS:  # text (a title attribute) may say anything, inert
                    assert "javascript:" not in v.lower().replace(" ", ""), (f.name, tag)
        for s in soup.find_all("script"):
            assert "alert(" not in (s.string or ""), (f.name, s)
        assert not soup.find_all("img", src="x"), f.name
        n += 1
    assert n > 20
    refs = (p.html / "book" / "references.html").read_text("utf-8")
    assert "javascript:" not in refs.lower()


@pytest.mark.slow
def test_hostile_book_csvs_are_spreadsheet_safe(hostile_book):
    p, _ = hostile_book
    book_csv = (p.html / "_downloads").rglob("figures.csv")
    rows = [r for f in book_csv for r in csv.reader(io.StringIO(f.read_text("utf-8-sig")))]
    assert rows, "the book offers no figures.csv"
    _assert_spreadsheet_safe(rows)
    assert any(c.startswith("'=HYPERLINK") for r in rows for c in r)
    # Every chart's data, downloadable beside it (book/figures/<label>.csv).
    charts = 0
    for f in sorted((p.html / "book" / "figures").glob("*.csv")):
        _assert_spreadsheet_safe(csv.reader(io.StringIO(f.read_text("utf-8-sig"))))
        charts += 1
    assert charts > 0


@pytest.mark.slow
@pytest.mark.browser
def test_hostile_book_in_chromium_opens_no_dialog_and_no_outside_request(hostile_book):
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, serve, toc_pages

    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    p, _ = hostile_book
    html = p.html.resolve()
    pages = ["index.html", *toc_pages(p.root)]
    pages += [f.relative_to(html).as_posix() for f in sorted((html / "book" / "sources").glob("*"))]
    dialogs, outside, errors = [], [], []
    with serve(html) as site, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()

        def route(r):
            if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost") or (
                r.request.url.startswith(("data:", "blob:", "about:"))
            ):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        for name in pages:
            page.goto(site.url(name), wait_until="load")
            page.wait_for_timeout(150)
            for d in page.query_selector_all("details"):  # open every raw-text panel
                d.evaluate("el => el.open = true")
            page.wait_for_timeout(50)
        browser.close()
    print(f"\n{len(pages)} pages: {len(dialogs)} dialogs, {len(outside)} outside requests")
    assert dialogs == [] and outside == [], (dialogs, outside)
    assert not [e for e in errors if "alert" in e]


@pytest.mark.slow
def test_every_figure_link_in_the_book_lands_on_its_anchor(hostile_book):
    """Figure links are built by wording.figure_href alone; wherever they appear (prose,
    tables, static SVGs, live chart specs), each names a page holding that anchor."""
    p, _ = hostile_book
    html = p.html.resolve()
    ids = {}
    for f in _pages(p):
        soup = BeautifulSoup(f.read_text("utf-8"), "html.parser")
        ids[f.relative_to(html).as_posix()] = {t["id"] for t in soup.find_all(id=True)}
    n = 0
    for f in _pages(p):
        rel = f.relative_to(html)
        for href in re.findall(
            r'(?:href="|"href":"|href: )([^"\s#]*#f-[0-9a-f]{10})', f.read_text()
        ):
            target = (rel.parent / href.split("#")[0]).as_posix() if href[0] != "#" else str(rel)
            target = Path(target).as_posix()
            parts = []
            for part in target.split("/"):
                if part == "..":
                    parts.pop()
                elif part not in ("", "."):
                    parts.append(part)
            page = "/".join(parts)
            assert href.split("#")[1] in ids.get(page, set()), (rel, href)
            n += 1
    assert n > 100, n
    shutil.rmtree(p.cache / "executed", ignore_errors=True)  # the rest is kept for inspection


def test_registry_memo_sees_hand_edits(project):
    """(The hand-edit helpers above rely on it.)"""
    before = Registry.of(project).sources[0]["title"]
    _edit_registry(project, title="改过的标题")
    assert Registry.of(project).sources[0]["title"] != before


def test_cli_prints_a_message_not_a_traceback_for_each_refusal(project, tmp_path, capsys):
    doc = tmp_path / "whitespace_only.txt"
    doc.write_bytes(fixture(doc.name))
    code = cli.main(["--root", str(project.root), "ingest", str(doc)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err
