"""The built book in a real browser: Debian chromium driven by Playwright, served from 127.0.0.1.

Every page listed in ``_toc.yml`` is opened with all traffic routed through a handler that
aborts and counts anything not served by the local server, so a CDN font, script or style
sheet would fail the test. Charts must be swapped for their interactive view by the book's
one script, cite anchors must land on their sections (also after a section is added above),
Chinese and English searches must find their chapters, pages must stay light and the chart
bundle must be downloaded once per visit, and charts and cite blocks must survive printing.

Nothing is downloaded: the browser is the system's chromium; without it the module is skipped.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
import yaml

from reportbook.pdf import CHROMIUM, CHROMIUM_ARGS

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHART_TIMEOUT_MS = 20_000
MAX_PAGE_BYTES = 150_000
BUNDLE = "_static/reportbook.js"

# Console errors and uncaught page errors that the stock Jupyter Book 1.x / sphinx-book-theme
# stack emits by itself; a fresh `jupyter-book build` of a one-page book with the same
# installed versions logs this one in chromium, so it is not the book's doing. (The other
# it logged, sphinx-thebe's `THEBE_JS_URL` declared twice, is gone: the build leaves
# sphinx-thebe out.) Anything else (our script, a chart that fails, a missing file) fails.
ALLOWED_CONSOLE_ERRORS = (
    # pydata-sphinx-theme (under sphinx-book-theme): on a first visit localStorage holds no
    # "mode", the theme's own head script sets data-mode="" and its JavaScript logs this before
    # falling back to "auto" (upstream pydata/pydata-sphinx-theme#1635). Every test context
    # is a first visit.
    "Got invalid theme mode: . Resetting to auto.",
)

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"browser tests need Debian chromium at {CHROMIUM} (apt-get install chromium); "
    "no browser is ever downloaded",
)

EMBEDDED_ALL = """() => Array.from(document.querySelectorAll('.rb-chart'))
    .every(el => el.getAttribute('data-embedded') === 'yes')"""

CHART_STATES = """() => Array.from(document.querySelectorAll('.rb-chart')).map(el => ({
    id: el.id,
    embedded: el.getAttribute('data-embedded'),
    graphic: !!el.querySelector('svg, canvas'),
}))"""

# Where the element a cite anchor names sits: the section it opens, that section's heading,
# and whether the heading is inside the window.
ANCHOR = """(label) => {
    const el = document.getElementById(label);
    if (!el) return null;
    const sec = el.tagName === 'SECTION' ? el : el.closest('section');
    const heading = sec && sec.querySelector(':scope > h1, :scope > h2, :scope > h3, :scope > h4');
    const opens = !!sec && (sec === el || (el.parentElement === sec && !!heading &&
        !!(el.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING)));
    const r = (heading || el).getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(),
        section: sec ? sec.id : null,
        opens_section: opens,
        heading: heading ? heading.textContent.replace(/\\s+/g, ' ').replace('#', '').trim() : null,
        top: r.top,
        bottom: r.bottom,
        height: window.innerHeight,
        scroll: window.scrollY,
    };
}"""

IN_VIEW = """(label) => {
    const el = document.getElementById(label);
    if (!el) return false;
    const sec = el.closest('section');
    const h = (sec && sec.querySelector(
        ':scope > h1, :scope > h2, :scope > h3, :scope > h4')) || el;
    const r = h.getBoundingClientRect();
    return r.top >= -1 && r.top < window.innerHeight;
}"""


# --- serving -----------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the html folder without logging; records (method, path, status) per request."""

    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        pass

    def log_request(self, code="-", size="-"):
        self.server.hits.append((self.command, self.path, int(getattr(code, "value", code))))


@dataclass
class Site:
    base: str
    html: Path
    hits: list = field(default_factory=list, repr=False)

    def url(self, page: str) -> str:
        return self.base + page


@contextlib.contextmanager
def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, name="book-http", daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}/", directory, server.hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def toc_pages(root: Path) -> list[str]:
    """The html page of the root and of every chapter in _toc.yml, e.g. "book/energy.html"."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [ch["file"] for ch in part.get("chapters", [])]
    files += [ch["file"] for ch in toc.get("chapters", [])]
    return [f"{f}.html" for f in files]


# --- the browser and what it sees --------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(built_book):
    with serve(built_book.html.resolve()) as s:
        yield s


@pytest.fixture(scope="module")
def pages(built_book) -> list[str]:
    return toc_pages(built_book.root)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


@dataclass
class Watch:
    """Everything a browser context asked for or complained about, for the page being visited."""

    external: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def attach(self, context):
        context.route("**/*", self._route)
        return self

    def _route(self, route):
        if _is_local(route.request.url):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def page(self, context):
        page = context.new_page()
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.errors.append(f"pageerror: {err}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        return page

    def _console(self, msg):
        if msg.type == "error":
            self.errors.append(f"console.error: {msg.text}")

    def _failed(self, request):
        if _is_local(request.url):  # external requests are aborted and counted on their own
            self.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def take(self) -> dict:
        out = {"external": self.external, "failed": self.failed, "errors": self.errors}
        self.external, self.failed, self.errors = [], [], []
        return out


def unexpected(errors: list[str]) -> list[str]:
    return [e for e in errors if not any(a in e for a in ALLOWED_CONSOLE_ERRORS)]


def wait_for_charts(page) -> None:
    """Wait until every chart on the page is embedded; a timeout leaves the states to report."""
    with contextlib.suppress(Exception):
        page.wait_for_function(EMBEDDED_ALL, timeout=CHART_TIMEOUT_MS)


@pytest.fixture(scope="module")
def tour(browser, site, pages) -> dict[str, dict]:
    """Open index.html and every page of the table of contents once, recording per page what
    was requested outside the book, what failed, the console errors and every chart's state."""
    context = browser.new_context()
    watch = Watch().attach(context)
    page = watch.page(context)
    record = {}
    for name in ["index.html", *pages]:
        page.goto(site.url(name), wait_until="load")
        if name == "index.html":  # a meta refresh to the root page
            page.wait_for_url("**/" + pages[0], timeout=10_000)
            page.wait_for_load_state("load")
        wait_for_charts(page)
        page.wait_for_timeout(200)  # late console messages
        record[name] = {
            **watch.take(),
            "charts": page.evaluate(CHART_STATES),
            "cites": page.eval_on_selector_all(
                ".rb-cite[data-label]", "els => els.map(e => e.getAttribute('data-label'))"
            ),
        }
    context.close()
    return record


# --- 1. nothing from outside, nothing broken ---------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_pages_load_only_from_the_book(tour):
    print("\npage                          external  failed")
    for name, r in tour.items():
        print(f"{name:30}{len(r['external']):8}{len(r['failed']):8}")
    external = {n: r["external"] for n, r in tour.items() if r["external"]}
    failed = {n: r["failed"] for n, r in tour.items() if r["failed"]}
    total_ext = sum(map(len, external.values()))
    total_failed = sum(map(len, failed.values()))
    print(f"total: {total_ext} external request(s), {total_failed} failed request(s)")
    assert not external, f"requests outside 127.0.0.1: {json.dumps(external, indent=1)}"
    assert not failed, f"failed requests: {json.dumps(failed, indent=1)}"


# --- 2. every chart renders --------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_every_chart_is_embedded(tour):
    total = sum(len(r["charts"]) for r in tour.values())
    print(f"\n{total} chart(s) on {len(tour)} page(s)")
    assert total > 0, "no .rb-chart on any page: the chart markup changed or is missing"
    bad = {
        name: [c for c in r["charts"] if c["embedded"] != "yes" or not c["graphic"]]
        for name, r in tour.items()
    }
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, (
        f"charts not embedded within {CHART_TIMEOUT_MS} ms or without svg/canvas: "
        f"{json.dumps(bad, indent=1)}"
    )


@pytest.mark.slow
@pytest.mark.browser
def test_charts_have_a_static_svg_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("book/energy.html"), wait_until="load")
    charts = page.locator(".rb-chart")
    n = charts.count()
    assert n > 0, "book/energy.html has no .rb-chart"
    for i in range(n):
        chart = charts.nth(i)
        assert chart.get_attribute("data-embedded") is None  # the script never ran
        svg = chart.locator(":scope > svg")
        assert svg.count() == 1, f"chart {chart.get_attribute('id')} has no static svg"
        assert svg.first.is_visible(), f"static svg of {chart.get_attribute('id')} is hidden"
    context.close()


# --- 3. no console errors of our own -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_no_console_errors(tour):
    tolerated = sorted(
        {e for r in tour.values() for e in r["errors"]}
        - {e for r in tour.values() for e in unexpected(r["errors"])}
    )
    if tolerated:
        print("\ntolerated (stock theme):", *tolerated, sep="\n  ")
    bad = {n: unexpected(r["errors"]) for n, r in tour.items()}
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, f"console errors: {json.dumps(bad, ensure_ascii=False, indent=1)}"


# --- 4. search ---------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("专业镇", "book/industry.html"),
        ("抽水蓄能", "book/energy.html"),
        ("capacity", "book/energy.html"),
    ],
    ids=["zh-specialized-towns", "zh-pumped-storage", "en-capacity"],
)
def test_search_finds_the_chapter(browser, site, query, expected):
    context = browser.new_context()
    watch = Watch().attach(context)
    page = watch.page(context)
    page.goto(site.url("search.html?q=" + quote(query)), wait_until="load")
    page.wait_for_function(
        """() => {
            const r = document.querySelector('#search-results');
            if (!r) return false;
            if (r.querySelector('ul.search li')) return true;
            const s = r.querySelector('.search-summary');
            return !!s && /did not match|found/.test(s.textContent);
        }""",
        timeout=15_000,
    )
    page.wait_for_timeout(300)  # results are appended one by one
    hrefs = page.eval_on_selector_all(
        "#search-results ul.search li a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    summary = page.text_content("#search-results .search-summary") or ""
    found = [re.split(r"[?#]", h)[0] for h in hrefs]
    print(f"\nsearch {query!r}: {summary.strip()} -> {found}")
    seen = watch.take()
    context.close()
    assert not seen["external"] and not seen["failed"], seen
    assert expected in found, f"searching {query!r} did not return {expected}: {summary!r} {found}"


# --- 5. cite anchors ---------------------------------------------------------------------------


def open_anchor(context, watch, url: str, label: str) -> dict | None:
    page = watch.page(context)
    page.goto(url, wait_until="load")
    wait_for_charts(page)  # embedding changes the layout above the anchor
    with contextlib.suppress(Exception):
        page.wait_for_function(IN_VIEW, arg=label, timeout=10_000)  # slow under load
    where = page.evaluate(ANCHOR, label)
    page.close()
    return where


def assert_lands(where: dict | None, url: str, label: str) -> None:
    assert where is not None, f"{url}: no element has id {label!r}"
    assert where["opens_section"], f"{url}: #{label} does not open a section: {where}"
    assert where["heading"], f"{url}: the section of #{label} has no heading: {where}"
    assert -1 <= where["top"] < where["height"], (
        f"{url}: the heading of #{label} is outside the window after load: {where}"
    )


@pytest.mark.slow
@pytest.mark.browser
def test_cite_anchors_scroll_to_their_section(browser, site, tour):
    # index.html is a meta refresh to the root page (which drops a #hash): the root page's
    # anchors are checked under its own name, the address every citation gives.
    cites = [
        (name, label) for name, r in tour.items() if name != "index.html" for label in r["cites"]
    ]
    assert cites, "no .rb-cite[data-label] block on any page"
    context = browser.new_context()
    watch = Watch().attach(context)
    for name, label in cites:
        url = site.url(f"{name}#{label}")
        where = open_anchor(context, watch, url, label)
        print(f"\n{name}#{label}: {where}")
        assert_lands(where, url, label)
    seen = watch.take()
    context.close()
    assert not seen["external"] and not seen["failed"], seen
    print(f"{len(cites)} cite anchor(s) checked")


# --- 6. anchors survive a new section above ----------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_cite_anchor_is_stable_when_a_section_is_added_above(browser, project_copy, capsys):
    from reportbook import build

    md_path = project_copy.book / "energy.md"
    text = md_path.read_text(encoding="utf-8")
    assert "(energy-share)=" in text
    text = text.replace(
        "(energy-share)=", "## A new section above\n\nSome text.\n\n(energy-share)="
    )
    md_path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    build.build(project_copy)
    # The shipped URL is a placeholder: the build says so, once.
    assert capsys.readouterr().err.count("is a placeholder") == 1

    with serve(project_copy.html.resolve()) as s:
        context = browser.new_context()
        watch = Watch().attach(context)
        url = s.url("book/energy.html#energy-share")
        where = open_anchor(context, watch, url, "energy-share")
        page = watch.page(context)
        page.goto(s.url("book/energy.html"), wait_until="load")
        headings = page.eval_on_selector_all(
            "section > h2", "els => els.map(e => e.textContent.replace('#', '').trim())"
        )
        seen = watch.take()
        context.close()
    print(f"\nafter adding a section: #energy-share -> {where}\nh2: {headings}")
    assert any("A new section above" in h for h in headings), "the new section is not built"
    new = next(i for i, h in enumerate(headings) if "A new section above" in h)
    share = next(i for i, h in enumerate(headings) if "The share of new and clean energy" in h)
    assert new < share
    assert_lands(where, url, "energy-share")
    assert "The share of new and clean energy" in where["heading"], where
    assert not unexpected(seen["errors"]), seen["errors"]


# --- 7. page weight and one cached bundle ------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_pages_are_light_and_share_one_cached_bundle(browser, site, pages):
    html = site.html
    sizes = {p: (html / p).stat().st_size for p in pages}
    print("\npage                          bytes")
    for p, n in sizes.items():
        print(f"{p:30}{n:8}")
    raw = (html / BUNDLE).read_bytes()
    print(f"{BUNDLE}: {len(raw)} bytes, {len(gzip.compress(raw, 9))} gzipped")
    heavy = {p: n for p, n in sizes.items() if n >= MAX_PAGE_BYTES}
    assert not heavy, f"pages of {MAX_PAGE_BYTES} bytes or more: {heavy}"

    script = re.compile(r"""<script\b[^>]*\bsrc=["']([^"']*reportbook\.js[^"']*)["']""", re.I)
    refs = {}
    for p in pages:
        found = script.findall((html / p).read_text(encoding="utf-8"))
        assert len(found) == 1, f"{p} references the chart bundle {len(found)} times: {found}"
        refs[p] = urljoin(site.url(p), found[0])
    assert len(set(refs.values())) == 1, f"pages load the bundle from different URLs: {refs}"

    # Two chapters in one visit (no routing: Playwright turns the HTTP cache off when routing).
    context = browser.new_context()
    seen = []
    context.on(
        "response",
        lambda r: seen.append((r.url, r.status)) if "reportbook.js" in r.url else None,
    )
    start = len(site.hits)
    page = context.new_page()
    for p in ("book/energy.html", "book/industry.html"):
        page.goto(site.url(p), wait_until="load")
        wait_for_charts(page)
        assert page.evaluate(EMBEDDED_ALL), f"{p}: charts not embedded"
    context.close()
    served = [status for _, path, status in site.hits[start:] if "reportbook.js" in path]
    print(f"bundle requests reaching the server: {served}; responses seen by the page: {seen}")
    assert served.count(200) == 1, f"the bundle was downloaded {served.count(200)} times"
    assert all(s in (200, 304) for s in served), served


# --- 8. print ----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_print_keeps_charts_and_cite_blocks(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(site.url("book/energy.html"), wait_until="load")
    wait_for_charts(page)
    figures = page.locator(".rb-figure")
    assert figures.count() > 0
    for i in range(figures.count()):
        fig = figures.nth(i)
        svgs = fig.locator("svg")
        visible = [j for j in range(svgs.count()) if svgs.nth(j).is_visible()]
        assert visible, f"figure {fig.get_attribute('id')} shows no svg in print"
        box = svgs.nth(visible[0]).bounding_box()
        assert box and box["width"] > 50 and box["height"] > 20, (fig.get_attribute("id"), box)
    cites = page.locator(".rb-cite")
    assert cites.count() > 0
    for i in range(cites.count()):
        assert cites.nth(i).is_visible(), f"cite block {i} is hidden in print"
    print(f"\nprint: {figures.count()} figure(s) and {cites.count()} cite block(s) visible")
    context.close()


# --- 9. every chart fits a phone and a desktop -------------------------------------------------

# What lies outside the window or outside its chart, per page. "Drawn" is every graphic element
# of a chart's svg (marks, axes, legend, title): any part of one outside the svg is cut off. A
# data mark (the live view's role-mark items) must also have its centre inside the plot frame
# (the root group's background), or the layout has pushed it off the plot.
LAYOUT = """() => {
    const W = window.innerWidth, eps = 1;
    const box = r => [Math.round(r.left), Math.round(r.top), Math.round(r.right),
                      Math.round(r.bottom)];
    const widest = [...document.querySelectorAll('body *')]
        .map(el => [el, el.getBoundingClientRect()])
        .filter(([el, r]) => r.width > 0 && r.right > W + eps)  // drawers hide off the left
        .filter(([el]) => !el.closest('.rb-chart'))  // charts are reported below
        .slice(0, 5).map(([el, r]) => `${el.tagName}.${el.className}: ${box(r)}`);
    const charts = [...document.querySelectorAll('.rb-chart')].map(el => {
        const svg = el.querySelector(':scope > svg');
        if (!svg) return {id: el.id, svg: null};
        const f = svg.getBoundingClientRect();
        const inside = (r, g) => r.left >= g.left - eps && r.right <= g.right + eps &&
                                 r.top >= g.top - eps && r.bottom <= g.bottom + eps;
        const drawn = [...svg.querySelectorAll('path, text, line, rect, circle, image')]
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.width > 0 || r.height > 0);
        const cut = drawn.filter(([e, r]) => !inside(r, f))
            .map(([e, r]) => `${e.tagName} ${(e.textContent || '').slice(0, 30)} ${box(r)}`);
        const frame = svg.querySelector('g.root > g > path.background');
        const p = frame ? frame.getBoundingClientRect() : null;
        const off = p ? [...svg.querySelectorAll('g.role-mark > *')]
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.width > 0 || r.height > 0)
            .filter(([e, r]) => {
                const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
                return x < p.left - eps || x > p.right + eps || y < p.top - eps ||
                       y > p.bottom + eps;
            })
            .map(([e, r]) => `${e.tagName} ${(e.textContent || '').slice(0, 30)} ${box(r)}`)
            : [];
        return {id: el.id, svg: box(f), drawn: drawn.length, cut, off,
                live: el.getAttribute('data-embedded') === 'yes'};
    });
    return {scroll: document.documentElement.scrollWidth, inner: W, widest, charts};
}"""


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(
    ("width", "script"),
    [(390, True), (1280, True), (390, False)],
    ids=["phone-390", "desktop-1280", "phone-390-no-script"],
)
def test_every_page_and_chart_fits_the_window(browser, site, pages, width, script):
    """Nothing wider than the window, every chart's svg inside it, and nothing of a chart cut
    off or off its plot: live views at a phone's and a desktop's width, and the static SVGs
    (shown without script) on a phone."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=script
    )
    watch = Watch().attach(context) if script else None
    page = watch.page(context) if script else context.new_page()
    problems, n_charts = {}, 0
    print(f"\n{width} px, script {'on' if script else 'off'}: page, scrollWidth, chart widths")
    for name in pages:
        page.goto(site.url(name), wait_until="load")
        if script:
            wait_for_charts(page)
        r = page.evaluate(LAYOUT)
        n_charts += len(r["charts"])
        widths = [c["svg"] and c["svg"][2] - c["svg"][0] for c in r["charts"]]
        print(f"  {name:28}{r['scroll']:6}  {widths}")
        bad = []
        if r["scroll"] > r["inner"]:
            bad.append(f"page is {r['scroll']} px wide in a {r['inner']} px window: {r['widest']}")
        for c in r["charts"]:
            if c["svg"] is None:
                bad.append(f"{c['id']}: no svg")
                continue
            if script and not c["live"]:
                bad.append(f"{c['id']}: not embedded")
            left, _, right, _ = c["svg"]
            if left < 0 or right > r["inner"]:
                bad.append(f"{c['id']}: svg spans {left}..{right} in a {r['inner']} px window")
            if not c["drawn"]:
                bad.append(f"{c['id']}: nothing drawn")
            if c["cut"]:
                bad.append(f"{c['id']}: cut off at the chart's edge: {c['cut'][:5]}")
            if c["off"]:
                bad.append(f"{c['id']}: marks off the plot: {c['off'][:5]}")
        if bad:
            problems[name] = bad
    context.close()
    assert n_charts > 0
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


# --- 10. a chart's mark leads to its source sentence -------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_a_live_charts_mark_opens_its_source_sentence(browser, site):
    """Clicking a mark of the live view goes to the figure in the book's sources appendix
    (the static SVG's links are checked in tests/test_charts_svg.py)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch().attach(context)
    page = watch.page(context)
    page.goto(site.url("book/energy.html"), wait_until="load")
    wait_for_charts(page)
    mark = page.locator(
        ".rb-chart[data-embedded='yes'] g.role-mark path[aria-label*='href: sources/']"
    ).first
    source_page, figure_id = re.search(
        r"href: (sources/[a-z0-9-]+\.html)#(f-[0-9a-f]+)", mark.get_attribute("aria-label")
    ).groups()
    mark.click(position={"x": 3, "y": 3})  # its edge: the value label covers the middle
    page.wait_for_url(f"**/book/{source_page}#{figure_id}", timeout=10_000)
    assert page.locator(f"#{figure_id}").count() == 1
    seen = watch.take()
    context.close()
    assert not seen["external"] and not seen["failed"], seen


# --- 11. citing: copy buttons, permalinks, table views, downloads -------------------------------

CITE_TEXTS = """() => Array.from(document.querySelectorAll('.rb-cite[data-accessed]')).map(b => ({
    label: b.getAttribute('data-label'),
    figure: (b.closest('figure.rb-figure') || {}).id || null,
    formats: Array.from(b.querySelectorAll('.rb-cite-text'))
        .map(t => t.getAttribute('data-format')),
    buttons: b.querySelectorAll('button.rb-copy').length,
}))"""


def _expected_citation(paths, page: str, block: dict, meta_of: dict, accessed: str):
    """The citation a block must hold, made by Python from the chapter sources (cite.sections)
    or the chart's own data, not from the page the extension wrote."""
    from reportbook import cite, edition

    ed = edition.current(paths)
    if block["figure"]:
        info = meta_of[block["figure"]]
        stem = page.removeprefix("book/").removesuffix(".html")
        chapter = next(
            s for s in cite.sections(paths).values() if s["page"] == stem and s["level"] == 1
        )
        return cite.chart_citation(
            cite.book_meta(paths), ed, page=page.removeprefix("book/").removesuffix(".html"),
            label=block["figure"], number=info["number"], title=info["title"],
            chapter_title=chapter["title"], sources=info["sources"], accessed=accessed,
        )  # fmt: skip
    return cite.citation(paths, block["label"], ed, accessed=accessed)


@pytest.mark.slow
@pytest.mark.browser
def test_each_copy_button_copies_the_exact_citation(browser, site, built_book):
    """Every cite block of a chapter (the chapter, its sections, its panels, its charts) and of
    the overview: each format's button puts exactly that citation on the clipboard, with the
    reader's day as the access date."""
    from reportbook import cite

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    watch = Watch().attach(context)
    page = watch.page(context)
    checked = 0
    for name in ("book/energy.html", "book/overview.html"):
        page.goto(site.url(name), wait_until="load")
        page.wait_for_function("() => document.querySelectorAll('button.rb-copy').length > 0")
        today = page.evaluate(
            "() => { const d = new Date(), t = n => (n < 10 ? '0' : '') + n;"
            " return d.getFullYear() + '-' + t(d.getMonth() + 1) + '-' + t(d.getDate()); }"
        )
        meta_of = {
            f["id"]: json.loads(f["meta"])
            for f in page.eval_on_selector_all(
                "figure.rb-figure",
                "els => els.map(e => ({id: e.id, meta: e.getAttribute('data-meta')}))",
            )
        }
        blocks = page.evaluate(CITE_TEXTS)
        assert blocks, f"{name}: no cite block"
        for i, block in enumerate(blocks):
            assert block["formats"] == ["apa", "gbt7714", "bibtex"], block
            assert block["buttons"] == 3, block
            c = _expected_citation(built_book, name, block, meta_of, today)
            for j, fmt in enumerate(block["formats"]):
                cite_block = page.locator(".rb-cite[data-accessed]").nth(i)
                if fmt == "bibtex":
                    cite_block.locator("details.rb-cite-bib > summary").click()
                button = cite_block.locator("button.rb-copy").nth(j)
                button.scroll_into_view_if_needed()
                button.click()
                page.wait_for_function(
                    "(b) => b.textContent !== 'Copy'", arg=button.element_handle()
                )
                copied = page.evaluate("() => navigator.clipboard.readText()")
                assert copied == cite.render(c, fmt), (name, block["label"], fmt)
                checked += 1
    seen = watch.take()
    context.close()
    print(f"\n{checked} copy buttons checked")
    assert checked > 20
    assert not seen["external"] and not seen["failed"], seen
    assert not unexpected(seen["errors"]), seen["errors"]


def _page_labels(html_dir: Path, page: str) -> list[str]:
    from reportbook.chapters import LABEL_RE

    src = html_dir / "_sources" / page.removesuffix(".html")
    md, nb = src.with_suffix(".md"), src.with_suffix(".ipynb")
    if md.exists():
        text = md.read_text(encoding="utf-8")
    else:
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return [m[1] for m in LABEL_RE.finditer(text)]


HEADINGS = """() => Array.from(document.querySelectorAll(
        'article section > h1, article section > h2, article section > h3, article section > h4'))
    .map(h => ({
        text: h.textContent.replace(/#$/, '').trim(),
        section: h.parentElement.id,
        link: (h.querySelector('a.headerlink') || {}).getAttribute
            ? h.querySelector('a.headerlink').getAttribute('href') : null,
    }))"""

PAGE_TOC = """() => Array.from(document.querySelectorAll('#pst-page-toc-nav a.nav-link'))
    .map(a => a.getAttribute('href'))"""


@pytest.mark.slow
@pytest.mark.browser
def test_every_heading_permalink_and_contents_link_is_its_stable_label(browser, site, pages):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    problems, n = {}, 0
    for name in pages:
        page.goto(site.url(name), wait_until="load")
        labels = _page_labels(site.html, name)
        bad = []
        headings = page.evaluate(HEADINGS)
        for h in headings:
            if h["link"] != f"#{h['section']}" or h["section"] not in labels:
                bad.append(h)
            n += 1
        linked = {h["section"] for h in headings}
        bad += [f"label {x} has no heading" for x in labels if x not in linked]
        toc = [t for t in page.evaluate(PAGE_TOC) if t != "#"]
        bad += [f"contents link {t}" for t in toc if t.lstrip("#") not in labels]
        if bad:
            problems[name] = bad
    context.close()
    print(f"\n{n} headings on {len(pages)} pages")
    assert n > 50
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.slow
@pytest.mark.browser
def test_each_charts_table_view_shows_its_rows_and_its_files_are_served(browser, site, pages):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch().attach(context)
    page = watch.page(context)
    n, sizes = 0, {}
    for name in pages:
        page.goto(site.url(name), wait_until="load")
        figures = page.locator("figure.rb-figure")
        for i in range(figures.count()):
            fig = figures.nth(i)
            label = fig.get_attribute("id")
            table = fig.locator("details.rb-table-view")
            assert not table.locator("table").is_visible(), f"{label}: the table shows unasked"
            table.locator("summary").click()
            rows = table.locator("tbody tr")
            assert rows.first.is_visible(), f"{label}: the table view does not open"
            shown = [
                rows.nth(r).locator("td").first.inner_text().strip() for r in range(rows.count())
            ]
            expected = (fig.get_attribute("data-figures") or "").split()
            if expected:  # a chart of ledger figures: its table lists exactly those
                assert shown == expected, (label, shown, expected)
            links = {
                a.get_attribute("data-kind"): a.get_attribute("href")
                for a in fig.locator("a.rb-download").all()
            }
            for kind, href in links.items():
                response = page.request.get(urljoin(page.url, href))
                body = response.body()
                assert response.status == 200 and body, (label, kind, response.status)
                sizes[kind] = sizes.get(kind, 0) + len(body)
                if kind == "png":
                    assert body[:8] == b"\x89PNG\r\n\x1a\n", label
                if kind == "svg":
                    assert b"<svg" in body[:200], label
                if kind == "csv":
                    data = [x for x in body.decode("utf-8-sig").split("\n") if x]
                    assert len([x for x in data if not x.startswith("#")]) - 1 >= rows.count()
            assert set(links) == {"csv", "png", "svg"}, (label, links)
            n += 1
    seen = watch.take()
    context.close()
    print(f"\n{n} charts; downloaded bytes by kind: {sizes}")
    assert n >= 10
    assert not seen["external"] and not seen["failed"], seen


# --- 12. prose a reader would write, on every page ----------------------------------------------

PROSE_TEXT = """() => {
    const art = document.querySelector('article').cloneNode(true);
    art.querySelectorAll('table, figure, pre, code, script, .rb-cite, .headerlink, .rb-alt,'
        + ' input, .rb-filter-bar').forEach(e => e.remove());
    return art.innerText;
}"""


@pytest.mark.slow
@pytest.mark.browser
def test_no_page_prints_template_output_in_its_prose(browser, site, pages, built_book):
    """What a reader sees in the running text of every page (tables, charts, code and cite
    blocks aside): no doubled 'at at', no raw ledger period (2023-H1, 2021/2025), no figure
    id, no indicator id, no '(plan)' after every number, no 'more than 0'."""
    from reportbook.registry import Registry

    ids = {i.id for i in Registry.of(built_book).indicators.indicators if "_" in i.id}
    rules = {
        "doubled word": re.compile(r"\b(at|by|of|the|to|in)\s+\1\b"),
        "raw period": re.compile(r"\b20\d\d-(?:H[12]|Q[1-4]|\d\d)\b|\b\d{4}/\d{4}\b"),
        "figure id": re.compile(r"\bf-[0-9a-f]{10}\b"),
        "more than 0": re.compile(r"more than 0\b"),
    }
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = {}
    # The maintainers' review page and the methodology (which names the ledger's own forms)
    # are about the data's notation. The sources' own pages are checked too, but they show
    # each figure's id on purpose: it is what a reader cites (`reportbook cite f-…`).
    skip = ("review.html", "methodology.html")
    source_pages = sorted(
        f"book/sources/{p.name}" for p in (built_book.html / "book" / "sources").glob("*.html")
    )
    assert source_pages
    reader_pages = [p for p in pages if not p.endswith(skip)] + source_pages
    for name in reader_pages:
        page.goto(site.url(name), wait_until="load")
        text = page.evaluate(PROSE_TEXT)
        bad = [
            f"{what}: {m.group(0)!r}"
            for what, rx in rules.items()
            if not (what == "figure id" and name in source_pages)
            for m in rx.finditer(text)
        ]
        bad += [f"indicator id: {w}" for w in set(re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b",
                                                              text)) & ids]  # fmt: skip
        if len(re.findall(r"\((?:plan|target)\)", text)) > 2:
            bad.append("'(plan)' or '(target)' after more than two numbers")
        if bad:
            problems[name] = bad
    context.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


# --- 13. the ledger a reader can use ------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_the_ledger_filter_narrows_the_rows_and_its_headings_sort(browser, site, built_book):
    df = __import__("pandas").read_csv(built_book.figures_csv, dtype=str, keep_default_na=False)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site.url("book/ledger.html"), wait_until="load")
    rows = page.locator("#rb-ledger tbody tr")
    assert rows.count() == len(df)
    visible = "() => [...document.querySelectorAll('#rb-ledger tbody tr')].filter(r => !r.hidden)"
    box = page.locator("input.rb-filter")
    box.fill("亿元")
    shown = page.evaluate(visible + ".map(r => r.innerText)")
    assert 0 < len(shown) < len(df) and all("亿元" in t for t in shown)
    assert len(shown) == int((df["unit"].str.contains("亿元")
                              | df["quote"].str.contains("亿元")).sum())  # fmt: skip
    assert page.locator(".rb-filter-count").inner_text() == f"{len(shown)} of {len(df)} figures"
    box.fill("energy 2024")  # every word must match: a theme and a period
    both = page.evaluate(visible + ".length")
    assert 0 < both < len(df)
    box.fill(df["figure_id"].iloc[0])  # the ids behind the cells match too
    assert page.evaluate(visible + ".length") == 1
    box.fill("")
    assert page.evaluate(visible + ".length") == len(df)
    # sort by the figure's value, ascending then descending
    page.locator("#rb-ledger th[data-sort='number'] button").click()
    keys = page.evaluate(
        "() => [...document.querySelectorAll('#rb-ledger tbody tr td:first-child')]"
        ".map(td => td.getAttribute('data-key')).filter(k => k !== '').map(Number)"
    )
    assert keys == sorted(keys)
    page.locator("#rb-ledger th[data-sort='number'] button").click()
    keys = page.evaluate(
        "() => [...document.querySelectorAll('#rb-ledger tbody tr td:first-child')]"
        ".map(td => td.getAttribute('data-key')).filter(k => k !== '').map(Number)"
    )
    assert keys == sorted(keys, reverse=True)
    context.close()
