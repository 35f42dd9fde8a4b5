"""A book built from a fixture corpus: four invented articles in the styles of a government work
report (2024 targets), a statistical bulletin (2024 results, a county among them), a press
conference (a result that contradicts the bulletin, a 2025 target) and a first-quarter release
(progress towards 2025) — added with ``ingest`` and built with ``build``, as a user would.

The verdicts are checked against expectations written by hand from the articles and the rules
of ``reportbook.targets``, not against the code's output."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from reportbook import chapters, ledger, targets
from reportbook.registry import Registry
from tests.conftest import copy_project

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
ARTICLES = [  # file, id, publication date
    ("work_report_2024_sets_the_years_targets.txt", "fx-work-report-2024", "2024-01-20"),
    ("bulletin_2024_settles_them_city_and_county.txt", "fx-bulletin-2024", "2025-03-15"),
    ("press_conference_2025_contradicts_the_bulletin.txt", "fx-press-2025-01", "2025-01-22"),
    ("first_quarter_2025_shows_progress.txt", "fx-q1-2025", "2025-04-20"),
]

# (indicator, target period, target source) -> (status, gap in percentage points), by hand:
EXPECTED = {
    # 固定资产投资增长8%以上 against 比上年下降2.1%: -2.1 < 8, gap -10.1
    ("fixed_investment_growth", "2024", "fx-work-report-2024"): ("missed", -10.1),
    # 城镇调查失业率控制在5.5%以内 against 平均为5.2%: lower is better, 5.2 <= 5.5, gap -0.3
    ("surveyed_unemployment_rate", "2024", "fx-work-report-2024"): ("met", -0.3),
    # 居民消费价格涨幅3%左右 against 上涨0.4%: a ceiling for prices, met, gap -2.6
    ("cpi_growth", "2024", "fx-work-report-2024"): ("met", -2.6),
    # 地区生产总值增长5.5%左右 against 5.8% (bulletin) and 5.6% (press conference): a conflict
    ("gdp_growth", "2024", "fx-work-report-2024"): ("conflict", None),
    # 2025年增长目标为5%以上 with only the first quarter's 5.2%: progress, no verdict
    ("gdp_growth", "2025", "fx-press-2025-01"): ("pending", None),
    # the seed's 2024 revenue target (3%) meets only a 2023 result (8.2%): never a verdict
    ("budget_revenue_growth", "2024", "xinzhou-2024-economic-work"): ("pending", None),
}


def _cli(paths, *args) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "reportbook", "--root", str(paths.root), *args],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    paths = copy_project(tmp_path_factory.mktemp("fixture-corpus") / "project")
    for name, sid, date in ARTICLES:
        _cli(paths, "ingest", str(FIXTURES / name), "--id", sid, "--date", date)
    _cli(paths, "build")
    return paths


def _page(paths, name) -> BeautifulSoup:
    return BeautifulSoup((paths.html / "book" / f"{name}.html").read_text("utf-8"), "html.parser")


def _city(paths) -> pd.DataFrame:
    reg = Registry.of(paths)
    return chapters.theme_slice(ledger.read(paths), "overview", reg.region, reg.place)


def _verdicts(paths, figures) -> dict:
    vocab = Registry.of(paths).indicators
    table = targets.track(figures, vocab)
    return {
        (r.indicator_id, r.target_period, r.target_source): (
            r.status,
            None if r.gap is None or pd.isna(r.gap) else round(r.gap, 6),
        )
        for r in table.itertuples()
    }


def test_each_verdict_and_gap_is_the_hand_written_one(book):
    got = _verdicts(book, _city(book))
    for key, want in EXPECTED.items():
        assert got.get(key) == want, (key, got.get(key))


def test_progress_is_shown_beside_a_pending_target(book):
    table = targets.track(_city(book), Registry.of(book).indicators)
    row = table[(table.indicator_id == "gdp_growth") & (table.target_period == "2025")].iloc[0]
    assert row.status == "pending" and row.progress_period == "2025-Q1"
    assert row.progress_display == "5.2%"


def test_a_shuffled_ledger_gives_the_same_verdicts(book):
    figures = _city(book)
    first = _verdicts(book, figures)
    for seed in range(5):
        assert _verdicts(book, figures.sample(frac=1, random_state=seed)) == first


def test_the_contradiction_is_flagged_in_the_chapter_and_the_review_page(book):
    conflicts = _page(book, "economy").select_one(".rb-conflicts")
    assert conflicts is not None
    text = conflicts.get_text(" ")
    assert "5.8%" in text and "5.6%" in text
    review = _page(book, "review").get_text(" ")
    assert "5.8" in review and "5.6" in review


def test_the_county_stays_out_of_the_city_chapters(book):
    df = ledger.read(book)
    county = df[(df["place"] == "原平市") & (df["indicator_id"] == "gdp_growth")]
    assert len(county) == 1 and county.iloc[0]["value_num"] == 6.3
    economy = _page(book, "economy")
    assert county.iloc[0]["figure_id"] not in str(economy)


def test_a_new_indicator_gets_prose_and_a_chart_in_its_chapter(book):
    """Forest coverage is in no chapter's text: its figures (24.5% in 2023, 25.1% at the end
    of 2024) get a generated section of the environment chapter, with a sentence that sets
    the new result against the old one and a series chart of both."""
    df = ledger.read(book)
    forest = df[df["indicator_id"] == "forest_coverage"]
    assert set(forest["theme_id"]) == {"environment"} and len(forest) == 2
    page = _page(book, "environment")
    section = page.find(id="environment-forest-coverage")
    assert section is not None
    section = section if section.name == "section" else section.find_parent("section")
    prose = " ".join(p.get_text(" ") for p in section.select("p"))
    assert "Forest coverage rate stood at" in prose and "25.1%" in prose and "24.5%" in prose
    fig = section.select_one("figure.rb-figure")
    assert fig is not None and set(forest["figure_id"]) <= set(fig["data-figures"].split())
    assert "Figure 11.1" in prose


def test_an_empty_theme_renders_one_line(book):
    page = _page(book, "culture_tourism")
    article = page.select_one("article")
    assert "The current sources report no figures for this theme." in article.get_text(" ")
    assert not article.select("section section")  # no sections under the title
    assert not article.select(".rb-cite") and not article.select(".rb-remaining")


def test_the_rules_are_stated_where_verdicts_are_shown(book):
    for page in ("economy", "consumption", "overview"):
        assert targets.RULES in _page(book, page).get_text(" ").replace("\n", " ")


def test_the_overview_leads_with_the_scorecard(book):
    text = _page(book, "overview").select_one("article").get_text(" ")
    head = re.sub(r"\s+", " ", text[: text.index("Key figures")])
    assert re.search(
        r"for 2024, of the \d+ targets and forecasts, 3 are met, 2 missed, "
        r"2 in conflict and \d+ pending",
        head,
        re.I,
    )
    assert re.search(r"for 2025, the one target or forecast is pending", head)
    assert "Since the previous edition," in head
