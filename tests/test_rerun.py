"""Rerun with new data: a new article, through the documented commands, makes a new edition
whose chapters, series, targets, conflicts and changelog all follow — in any encoding."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys

import opencc
import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import copy_project

pytestmark = pytest.mark.slow

# Invented, in the style of a municipal press conference. It updates indicators already in the
# ledger (GDP growth, power capacity, the new-energy share), adds new ones (tourism), reports a
# value that conflicts with an earlier source (H1 2023 GDP) and settles two 2024 targets
# (power capacity > 2000万千瓦: met; new-energy share 60%: missed).
ARTICLE = """忻州市2024年经济运行情况新闻发布会举行

1月18日，忻州市政府新闻办举行新闻发布会，通报2024年全市经济运行情况。

初步核算，2024年全市地区生产总值增长5.3%，圆满完成年度目标任务。2023年上半年，全市地区生产总值677.2亿元。

能源转型步伐加快。截至2024年底，全市电力总装机达到2150万千瓦，新能源和清洁能源装机占比达到58.2%。

文旅产业持续升温。2024年，全市接待游客3500万人次，旅游总收入达到320亿元。
"""
NEW_ID = "xinzhou-2025-press-conference"


def _cli(paths, *args):
    proc = subprocess.run(
        [sys.executable, "-m", "reportbook", "--root", str(paths.root), *args],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def _snapshot(paths):
    """Hashes of the recorded editions and the raw sources."""
    files = [
        *sorted(paths.editions.glob("*.json")),
        *sorted(paths.editions.glob("*.figures.csv")),
        *sorted(paths.sources_dir.glob("*.txt")),
    ]
    return {
        p.relative_to(paths.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files
    }


def _soup(paths, page):
    return BeautifulSoup((paths.html / "book" / f"{page}.html").read_text("utf-8"), "html.parser")


def _section(soup, label):
    """The section a label names (Sphinx puts the label's id on a span inside it)."""
    el = soup.find(id=label)
    assert el is not None, f"no label {label}"
    return el if el.name == "section" else el.find_parent("section")


def _spec_values(soup, label):
    fig = soup.select_one(f"figure#{label}")
    assert fig is not None, f"no chart {label}"
    spec = json.loads(fig.select_one('script[type="application/json"]').string)
    return [d["value"] for ds in spec["datasets"].values() for d in ds]


@pytest.mark.parametrize("variant", ["utf8-simplified", "gbk-traditional"])
def test_new_article_makes_a_new_edition(tmp_path, variant):
    paths = copy_project(tmp_path / "project")
    before = _snapshot(paths)
    old_ledger = pd.read_csv(paths.figures_csv, dtype=str)
    old_sources = yaml.safe_load(paths.sources_yml.read_text("utf-8"))["sources"]
    old_edition = yaml.safe_load((paths.editions / "index.yml").read_text("utf-8"))["editions"]

    article = tmp_path / "article.txt"
    if variant == "gbk-traditional":
        article.write_bytes(opencc.OpenCC("s2t").convert(ARTICLE).encode("gbk"))
    else:
        article.write_text(ARTICLE, encoding="utf-8")

    # The documented commands: ingest, then build.
    report = _cli(paths, "ingest", str(article), "--id", NEW_ID, "--date", "2025-01",
                  "--title", "忻州市2024年经济运行情况新闻发布会")  # fmt: skip
    assert ("gbk" in report.lower()) == (variant == "gbk-traditional")
    _cli(paths, "build")

    ledger = pd.read_csv(paths.figures_csv, dtype=str, keep_default_na=False)
    new = ledger[ledger["source_id"] == NEW_ID]
    assert len(new) == 6
    # Figures land in the right chapters.
    assert set(new["theme_id"]) == {"economy", "energy", "culture_tourism"}
    tourism = _soup(paths, "culture_tourism").get_text(" ")
    assert "3500万人次" in tourism and "320亿元" in tourism
    assert "report no figures for this theme" not in tourism

    # The series chart gains the new point.
    energy = _soup(paths, "energy")
    assert 2150 in _spec_values(energy, "fig-energy-power-capacity-series")
    # Targets are settled by the new results: > 2000万千瓦 met, 60% share missed.
    status = {
        tr.select("td")[0].get_text(strip=True): tr.select_one(".rb-status").get_text()
        for tr in energy.select(".rb-targets tbody tr")
    }
    names = {i["id"]: i["name_en"] for i in yaml.safe_load(
        paths.indicators_yml.read_text("utf-8"))["indicators"]}  # fmt: skip
    assert status[names["power_capacity"]] == "met"
    assert status[names["clean_capacity_share"]] == "missed"
    # The conflicting GDP figure is flagged, with both values.
    conflicts = _soup(paths, "economy").select_one(".rb-conflicts")
    assert conflicts is not None
    assert "676.5亿元" in conflicts.get_text() and "677.2亿元" in conflicts.get_text()

    # The changelog lists exactly the differences.
    changes = _soup(paths, "changes")
    added = {c.get_text() for c in _section(changes, "changes-added").select("code")}
    revised = _section(changes, "changes-revised").select("tbody tr")
    removed = _section(changes, "changes-removed").select("tbody tr")
    assert added == set(new["figure_id"])
    assert revised == [] and removed == []
    changed = {a.get_text(" ", strip=True) for a in changes.select("p a")}
    assert any("Energy" in c for c in changed) and any("Culture" in c for c in changed)
    assert not any("Industry" in c for c in changed)

    # A new edition is recorded; the previous edition's data and the raw sources are untouched.
    editions = yaml.safe_load((paths.editions / "index.yml").read_text("utf-8"))["editions"]
    assert editions[:-1] == old_edition and editions[-1]["previous"] == old_edition[-1]["id"]
    after = _snapshot(paths)
    assert {k: v for k, v in after.items() if k in before} == before
    kept = ledger[ledger["source_id"] != NEW_ID].reset_index(drop=True)
    assert kept.equals(old_ledger.fillna("").reset_index(drop=True))
    sources = yaml.safe_load(paths.sources_yml.read_text("utf-8"))["sources"]
    assert sources[: len(old_sources)] == old_sources
    footer = _soup(paths, "energy").select_one(".rb-edition")
    assert footer is not None, "no edition in the page footer"
    assert re.search(rf"Edition {editions[-1]['number']} \({editions[-1]['id']}\)", footer.text)
