"""Generated appendix pages: the Chinese edition's own say the same data in Chinese."""

import re

import pandas as pd
import pytest

from reportbook import appendix, ledger, sources
from reportbook.paths import DEFAULT_ROOT, project


def _changed(revised: bool) -> pd.DataFrame:
    row = {"figure_id": "f-0123456789", "source_id": "src-a", "indicator_id": "gdp",
           "kind": "target", "period": "2024-H1", "qualifier": "ge", "value": "5",
           "value_high": "", "unit": "%"}  # fmt: skip
    if revised:
        row["old_value"] = "4.5"
    return pd.DataFrame([row])


@pytest.mark.parametrize("revised", [False, True])
def test_what_changed_says_the_same_rows_in_either_language(revised):
    en = appendix._changes_table(_changed(revised), revised)
    zh = appendix._changes_table(_changed(revised), revised, lang="zh")
    cells = [re.findall(r"<td>(.*?)</td>", t) for t in (en, zh)]
    assert len(cells[0]) == len(cells[1]) == (7 if revised else 6)
    assert cells[0][:3] == cells[1][:3]  # the figure, its source and indicator as they are
    assert "target" in cells[0] and "H1 2024" in cells[0]
    assert "目标" in cells[1] and "2024年上半年" in cells[1] and "5%以上" in cells[1]
    assert "<th>时期</th>" in zh and "<th>Period</th>" in en
    assert appendix._changes_table(_changed(revised).iloc[0:0], lang="zh") == "<p>无。</p>"


def test_the_chinese_index_of_sources_and_glossary_are_the_same_rows_in_chinese():
    paths = project(DEFAULT_ROOT)
    entries, figures = sources.load_registry(paths), ledger.read(paths)
    en = appendix.sources_index(paths, entries, figures)
    zh = appendix.sources_index(paths, entries, figures, "zh")
    ids = re.compile(r'<tr id="(src-[^"]+)">')
    assert ids.findall(en) == ids.findall(zh) and ids.findall(en)
    links = re.compile(r'<a href="([^"]+)">')
    assert [f"../../book/{h}" for h in links.findall(en)] == links.findall(zh)  # shared pages
    assert "# 来源与数据质量" in zh and "<th>标题</th>" in zh
    glossary = appendix.glossary_page(paths, "zh")
    assert "# 术语表" in glossary and "忻州对外开放战略的四个方向。" in glossary
    assert glossary.count("<tr id=") == appendix.glossary_page(paths).count("<tr id=")
