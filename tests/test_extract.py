"""The ledger against the hand-made list of every figure (tests/fixtures/hand_figures.yml).

Required: value and unit right for every hand figure (borderline entries may be skipped, but
if found they must be right); kind, qualifier and period right for at least 95%; no
``not_figures`` text read as a figure. The rates are printed (run with ``-s`` to see them).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from reportbook import extract, ledger, paths, periods, schema, sources

FIXTURE = Path(__file__).parent / "fixtures" / "hand_figures.yml"


@pytest.fixture(scope="module")
def project():
    return paths.project()


@pytest.fixture(scope="module")
def hand():
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts(project):
    return {
        e["id"]: sources.normalized(project, e["id"]).text for e in sources.load_registry(project)
    }


@pytest.fixture(scope="module")
def ledger_df(project):
    return ledger.extract_all(project)


def _locate(text: str, context: str, span: str) -> tuple[int, int]:
    i = text.find(context)
    assert i != -1, f"context {context!r} not in the normalized text"
    assert text.find(context, i + 1) == -1, f"context {context!r} is not unique"
    j = context.find(span)
    assert j != -1, f"span {span!r} not in its context {context!r}"
    return i + j, i + j + len(span)


def _num(x) -> Decimal | None:
    if x is None or x == "":
        return None
    return Decimal(str(x))


def test_hand_list_matched(hand, texts, ledger_df):
    rows = ledger_df.to_dict("records")
    by_source: dict[str, list[dict]] = {}
    for r in rows:
        by_source.setdefault(r["source_id"], []).append(r)
    n = found = vu_ok = kqp_ok = 0
    missing, wrong_vu, wrong_kqp = [], [], []
    for h in hand["figures"]:
        n += 1
        s, e = _locate(texts[h["source_id"]], h["context"], h["span"])
        match = [
            r
            for r in by_source.get(h["source_id"], [])
            if r["char_start"] < e and s < r["char_end"]
        ]
        if not match:
            if not h.get("borderline"):
                missing.append(h["span"])
            continue
        found += 1
        r = match[0]
        ok_vu = (
            _num(r["value"]) == _num(h["value"])
            and _num(r["value_high"]) == _num(h["value_high"])
            and (r["unit"] or None) == (h["unit"] or None)
        )
        vu_ok += ok_vu
        if not ok_vu:
            wrong_vu.append((h["span"], r["value"], r["value_high"], r["unit"]))
        ok_kqp = (
            r["kind"] == h["kind"]
            and r["qualifier"] == h["qualifier"]
            and (r["period"] or None) == (str(h["period"]) if h["period"] is not None else None)
        )
        kqp_ok += ok_kqp
        if not ok_kqp:
            wrong_kqp.append((h["span"], r["kind"], r["qualifier"], r["period"]))
    print(
        f"\nhand list: {n} figures, found {found}; value+unit right {vu_ok}/{found}; "
        f"kind+qualifier+period right {kqp_ok}/{found} ({kqp_ok / max(found, 1):.1%})"
    )
    for w in wrong_kqp:
        print("  kind/qualifier/period differs:", w)
    assert not missing, f"hand figures not extracted: {missing}"
    assert not wrong_vu, f"value or unit wrong: {wrong_vu}"
    assert kqp_ok / found >= 0.95


def test_not_figures_not_extracted(hand, texts, ledger_df):
    bad = []
    checked = 0
    for nf in hand["not_figures"]:
        text = texts[nf["source_id"]]
        start = text.find(nf["text"])
        assert start != -1, f"not_figure {nf['text']!r} not in {nf['source_id']}"
        rows = ledger_df[ledger_df["source_id"] == nf["source_id"]]
        while start != -1:
            end = start + len(nf["text"])
            checked += 1
            hits = rows[(rows["char_start"] < end) & (rows["char_end"] > start)]
            # a figure right beside a label (亿元以上重点工程项目305个) must not overlap it
            for span in hits["span"]:
                bad.append((nf["text"], span))
            start = text.find(nf["text"], end)
    print(
        f"\nnot_figures: {len(hand['not_figures'])} texts, {checked} occurrences, "
        f"{len(bad)} read as figures"
    )
    assert not bad, bad


def test_every_row_classified_or_kept(ledger_df):
    un = ledger_df[ledger_df["status"] == "unclassified"]
    assert (un["indicator_id"] == "").all()
    cl = ledger_df[ledger_df["status"] == "classified"]
    assert (cl["indicator_id"] != "").all()
    print(f"\nclassified {len(cl)}, unclassified {len(un)}")


def test_expected_indicators(ledger_df):
    got = dict(
        zip(
            ledger_df["span"] + "@" + ledger_df["source_id"].str[8:12],
            ledger_df["indicator_id"],
            strict=True,
        )
    )
    expected = {
        "676.5亿元@2023": "gdp",
        "1%@2023": "gdp_growth",
        "-4.2%@2023": "gdp_growth",
        "13.1个百分点@2023": "tertiary_investment_growth_vs_province",
        "21户@2023": "chain_enterprises",
        "11户@2023": "chain_enterprises_listed",
        "74.2亿元@2023": "provincial_specialized_town_output",
        "129.3亿元@2023": "specialized_town_output",
        "968.75万千瓦@2023": "clean_capacity",
        "1000万千瓦@2023": "clean_capacity",
        "305个@2023": "taixin_key_projects",
        "500亿元@2023": "digital_economy_scale",
        "1309.1亿元@2024": "provincial_key_projects_total_investment",
        "515.09亿元@2024": "municipal_key_projects_total_investment",
        "5.5%@2024": "retail_sales_growth",
        "6.5%@2024": "rural_income_growth",
        "3.2万人@2024": "urban_new_jobs",
        "2000万千瓦@2024": "power_capacity",
        "10条@2024": "municipal_key_chains",
        "2000元@2024": "car_trade_in_subsidy",
    }
    wrong = {k: (got.get(k), v) for k, v in expected.items() if got.get(k) != v}
    assert not wrong, wrong


def test_committed_ledger_is_current(project, ledger_df):
    """data/figures.csv is exactly what `extract` writes from the committed sources."""
    committed = Path(project.figures_csv).read_text(encoding="utf-8")
    assert ledger.to_csv_text(ledger_df) == committed
    dp = Path(project.datapackage_json).read_text(encoding="utf-8")
    assert ledger.datapackage_text(project, "figures.csv", ledger_df) == dp


def test_source_ids_resolve(project, ledger_df):
    ids = {e["id"] for e in sources.load_registry(project)}
    assert set(ledger_df["source_id"]) <= ids


def test_extract_is_deterministic(project, ledger_df):
    again = ledger.extract_all(project)
    assert ledger.to_csv_text(again) == ledger.to_csv_text(ledger_df)


def test_figure_ids_stable_and_unique(ledger_df):
    # Every row's id is the hash of where it was read, so a rebuild gives the same ids.
    assert ledger_df["figure_id"].is_unique
    expected = [
        schema.figure_id(r.source_id, int(r.char_start), r.span) for r in ledger_df.itertuples()
    ]
    assert ledger_df["figure_id"].tolist() == expected


def test_main_writes_out(project, tmp_path, capsys):
    out = tmp_path / "figs.csv"
    assert ledger.main_extract(project, out) == 0
    printed = capsys.readouterr().out
    assert "unclassified" in printed and "xinzhou-2023-seven-levels" in printed
    assert out.read_text(encoding="utf-8") == Path(project.figures_csv).read_text(encoding="utf-8")
    assert (tmp_path / "datapackage.json").exists()


# ---------------------------------------------------------------------- periods from the frame


def _read(text: str, date: str, title: str = "") -> dict[str, dict]:
    entry = {"id": "frame-test", "date": date, "title": title, "region_en": ""}
    return {r["span"]: r for r in extract.extract_source(entry, text, None)}


def test_a_level_after_a_span_average_is_at_the_span_end():
    r = _read("“十四五”前四年全市地区生产总值年均增长6.6%，人均地区生产总值达到8.33万元。"
              "省级以上科技创新平台达到97家。", "2025-12-24")  # fmt: skip
    assert r["6.6%"]["period"] == "2021/2024"
    assert r["8.33万元"]["period"] == "2024"
    assert r["97家"]["period"] == "2025"  # the span is not passed on to the next sentence


def test_a_sentence_with_a_span_beside_its_time_passes_on_its_time():
    """A span named in passing (…以来的13个季度) is its own figure's; the time that dated the
    sentence's figures (2017年上半年) is what the next sentence goes on in."""
    r = _read("山西2017年上半年全省地区生产总值6577.91亿元，同比增长6.9%，经过2014年一季度以来的"
              "13个季度后，首次步入合理区间。分产业看，第一产业增加值320亿元，增长3.0%。",
              "2017-07-24", "山西上半年GDP增长6.9%")  # fmt: skip
    assert r["13个"]["period"] == "2014/2017"
    assert r["320亿元"]["period"] == r["3.0%"]["period"] == "2017-H1"


def test_a_running_total_after_a_month_is_of_the_months_to_it():
    """累计 after one month (9月份…累计增长2.9%) counts from January, as statistics do; the
    month's own figure (单月) is the month; 全年最低 ranks the month in the year."""
    r = _read("9月份增速全年最低，单月下降14.7%，累计增长2.9%，10月份触底反弹，累计增长3.5%，"
              "11月份累计增速继续提升，较1-10月提升0.2个百分点。截至11月底，全县累计建成"
              "5G基站320个。", "2017-12-20")  # fmt: skip
    assert r["14.7%"]["period"] == "2017-09"
    assert r["2.9%"]["period"] == "2017-01/2017-09"
    assert r["3.5%"]["period"] == "2017-01/2017-10"
    assert r["0.2个百分点"]["period"] == "2017-01/2017-11"
    assert r["320个"]["period"] == "2017-11-30"  # a stock built up, at its day


def test_a_month_in_the_title_after_a_place_is_the_reports_month():
    r = _read("居民消费价格上涨1.3%，涨幅较4月份回升0.1个百分点。", "2018-06-22",
              "山西省5月经济运行成绩单出炉")  # fmt: skip
    assert r["1.3%"]["period"] == r["0.1个百分点"]["period"] == "2018-05"


def test_the_years_ahead_are_a_span_of_targets():
    """今后五年 / 未来三年: the years from the text's own (a report of the year's first half)
    or the next (one written later in the year); what they are to bring is aimed at."""
    r = _read("今后五年，全市地区生产总值年均增长6%左右。", "2026-02-20")
    assert (r["6%"]["period"], r["6%"]["kind"]) == ("2026/2030", "target")
    r = _read("未来三年，全市将新建5G基站3000个。", "2024-11-20")
    assert (r["3000个"]["period"], r["3000个"]["kind"]) == ("2025/2027", "plan")


def test_growth_from_a_named_base_year_is_not_the_yearly_rate():
    """比2020年增长35% (in 2024) is growth over four years: unclassified; 比2023年增长5.2% is
    the year's rate."""
    r = _read("全市地区生产总值比2020年增长35%。与2019年相比，全市地区生产总值增长12%。"
              "2024年，全市地区生产总值比2023年增长5.2%。", "2024-11-20")  # fmt: skip
    assert r["35%"]["indicator_id"] == r["12%"]["indicator_id"] == ""
    assert r["5.2%"]["indicator_id"] == "gdp_growth"


def test_a_flow_up_to_a_months_end_is_the_months_to_it():
    """截至8月底，…完成投资1594.2亿元: the year's months to August (a flow), while the projects
    settled by then (1317项) and a balance (余额) stand on that day."""
    r = _read("截至8月底，全省确定重点工程项目1317项，全省重点工程建设项目完成投资1594.2亿元，"
              "完成率69.1%。截至12月底，全市完成投资300亿元。截至9月底，全市贷款余额2100亿元。",
              "2019-09-21")  # fmt: skip
    assert r["1317项"]["period"] == "2019-08-31"
    assert r["1594.2亿元"]["period"] == r["69.1%"]["period"] == "2019-01/2019-08"
    assert r["300亿元"]["period"] == "2019"
    assert r["2100亿元"]["period"] == "2019-09-30"


def test_a_value_right_after_a_place_in_a_list_is_that_places():
    text = ("11个市完成率由高到低分别为：长治124.9%、忻州86.3%、晋城82.1%。"
            "万元GDP能耗下降17%，排名吕梁第一；煤炭消耗量下降17.5%。")  # fmt: skip
    r = _read(text, "2019-09-21", "山西省重点工程")
    assert [r[k]["place"] for k in ("124.9%", "86.3%", "82.1%")] == ["长治市", "忻州市", "晋城市"]
    assert r["第一"]["place"] == r["17.5%"]["place"] == "山西省"  # a rank in 吕梁, not 吕梁's


def test_a_release_dated_in_a_later_line_and_a_targets_list():
    """A page whose first lines are its headline and furniture (日期：09-21) is dated by its
    first sentence of prose (…通报了1-8月…); 主要预期指标 opens a work report's targets."""
    text = ("省市两级重点工程项目已确定1317项\n日期：09-21\n9月19日，省重点工程领导组办公室通报了"
            "1-8月全省重点工程工作进展情况。省级重点工程建设项目完成投资624.7亿元。")  # fmt: skip
    assert _read(text, "2019-09-21")["624.7亿元"]["period"] == "2019-01/2019-08"
    text = ("4月27日上午，太原市第十四届人大第五次会议开幕。会上，市长作了政府工作报告。\n"
            "主要预期指标\n地区生产总值增长7%左右\n城镇新增就业8.3万人")  # fmt: skip
    r = _read(text, "2020-04-27")
    assert (r["7%"]["kind"], r["7%"]["period"]) == ("target", "2020")
    assert (r["8.3万人"]["kind"], r["8.3万人"]["period"]) == ("target", "2020")


def test_a_city_of_another_province_is_its_own_place():
    r = _read("镇江，下辖三县一市，面积3840多平方公里，人口318万人。", "2017-04-10", "忻州招商会")
    assert r["318万人"]["place"] == r["3840多平方公里"]["place"] == "镇江市"


def test_what_was_done_against_a_plan_is_a_result():
    """计划开工39项，实际开工37项，未按期开工两项: the plan is planned, what was done against
    it (实际, 完成投资 after 年度投资计划, 完成率) a result; a plan's own specification
    (装机容量为140万千瓦) goes with the plan; 将再完成10座 is planned work."""
    r = _read("1至11月份计划开工39项，实际开工37项，未按期开工两项。跨市项目年度投资计划218.8亿元，"
              "完成投资122.2亿元，完成率55.9%。电站计划投资80亿元，装机容量为140万千瓦。"
              "今年10月底前，全省将再完成10座煤矿的关闭验收。", "2018-12-20")  # fmt: skip
    assert r["39项"]["kind"] == r["218.8亿元"]["kind"] == r["80亿元"]["kind"] == "plan"
    assert [r[k]["kind"] for k in ("37项", "两项", "122.2亿元", "55.9%")] == ["actual"] * 4
    assert r["140万千瓦"]["kind"] == r["10座"]["kind"] == "plan"


def test_the_year_of_an_annual_plan_does_not_date_what_was_done():
    text = ("9月19日，省重点工程领导组办公室通报了1-8月全省重点工程工作进展情况。\n"
            "跨市项目年度投资计划218.8亿元，完成投资122.2亿元，完成率55.9%。")  # fmt: skip
    r = _read(text, "2019-09-21")
    assert r["218.8亿元"]["period"] == "2019"
    assert r["122.2亿元"]["period"] == r["55.9%"]["period"] == "2019-01/2019-08"


def test_a_count_from_a_named_day_runs_from_it():
    """自2017年4月16日…“吕梁——一个令人向往的地方”旅游季等活动以来，到2018年3月底: the dash
    in a quoted name cuts no sentence, and the flows of the ；-list run from that day; 截至当前
    is the day of the text."""
    text = ("主任介绍，自2017年4月16日，启动“吕梁——一个令人向往的地方”旅游季等活动以来，"
            "到2018年3月底，该市接待入境旅游者5758人次，同比增长7.83%；"
            "实现旅游外汇收入220.78万美元。")  # fmt: skip
    r = _read(text, "2018-04-13")
    for k in ("5758人次", "7.83%", "220.78万美元"):
        assert r[k]["period"] == "2017-04-16/2018-03-31", k
    assert len(extract.split_sentences(text)) == 2
    r = _read("截至当前，全市规上工业企业达到496户。", "2025-12-16")
    assert r["496户"]["period"] == "2025-12-16"


def test_names_official_statistics_say_in_short():
    """该省 is the province; 国内旅游者/入境旅游者, 限上零售额, 规上工业企业 and 新能源电力装机
    总容量 are the vocabulary's names said in other words."""
    text = ("记者从山西省文化和旅游厅获悉，该省共接待国内游客3526.36万人次。"
            "接待入境旅游者5758人次。全市限上零售额完成19.5亿元。全市规上工业企业达到496户。"
            "我市已并网的新能源电力装机总容量已达503万千瓦。")  # fmt: skip
    r = _read(text, "2024-11-20")
    assert r["3526.36万人次"]["place"] == "山西省"
    assert [r[k]["indicator_id"] for k in ("3526.36万人次", "5758人次", "19.5亿元")] == [
        "domestic_tourist_visits",
        "inbound_tourist_visits",
        "above_quota_retail_sales",
    ]
    assert r["496户"]["indicator_id"] == "above_size_industrial_enterprises"
    assert r["503万千瓦"]["indicator_id"] == "new_energy_capacity"


def test_census_day_turn_of_year_zones_and_firms():
    """第七次全国人口普查 is its day (2020-11-01); 2023年末2024年初 is the end of 2023; a zone
    (太忻一体化经济区(太原区)) is a part of the city, whose GDP is not the city's; a firm named
    for a city elsewhere (深圳惠科新材料) is not that city; 起降 is no fall."""
    r = _read("第七次全国人口普查公报显示忻州常住人口为2689668人。2023年末2024年初，常住人口"
              "263.47万人。", "2024-05-01", "忻州市人口数据")  # fmt: skip
    assert r["2689668人"]["period"] == "2020-11-01"
    assert r["263.47万人"]["period"] == "2023-12-31"
    text = (
        "今年上半年，太忻一体化经济区(太原区)地区生产总值1581.92亿元。"
        "深圳惠科新材料等一批项目落地，预计贡献产值超1000亿元。五台山机场保障运输起降1728架次。"
    )
    r = _read(text, "2023-10-31", "太原市经济")
    assert r["1581.92亿元"]["indicator_id"] == ""
    assert r["1000亿元"]["place"] == "太原市"
    assert r["1728架次"]["value"] == "1728"


def test_this_year_and_last_in_a_report_on_months_are_those_months():
    """In a report on 1-4月, 由上年的6.78%上升到今年的7.73% compares the same months of two
    years; births and deaths after a year-end stock are the year's flows."""
    text = ("1-4月，全市规上工业发电量63.87亿千瓦时，同比增长6.53%。"
            "其中，新型能源发电量4.94亿千瓦时，占全部规上工业发电量的比重由上年的6.78%，"
            "上升到今年的7.73%，比重上升0.95个百分点。")  # fmt: skip
    r = _read(text, "2018-05-16", "晋中新能源发电快速增长")
    assert r["6.78%"]["period"] == "2017-01/2017-04"
    assert r["7.73%"]["period"] == r["0.95个百分点"]["period"] == "2018-01/2018-04"
    r = _read("2023年末，全市常住人口263.47万人。年出生人口1.44万人，出生率5.46‰。", "2024-03-01")
    assert r["263.47万人"]["period"] == "2023-12-31"
    assert r["1.44万人"]["period"] == r["5.46‰"]["period"] == "2023"


def test_what_the_text_says_will_be_done_is_aimed_at():
    r = _read("2016年山西将通过关闭退出和减量重组减少煤矿21座，退出产能2000万吨/年。"
              "全市接待游客将近3万人次。", "2016-10-17")  # fmt: skip
    assert r["21座"]["kind"] == "target"
    assert r["3万人次"]["kind"] == "actual"  # 将近: nearly


def test_the_year_so_far_in_a_report_on_part_of_it():
    text = ("上半年，全市地区生产总值增长5.1%。其中今年新增落地项目355个，总投资580.2亿元。"
            "2022年以来，全市规模以上工业增加值增长6.2%。")  # fmt: skip
    r = _read(text, "2022-07-28", "忻州市上半年经济运行情况")
    assert r["5.1%"]["period"] == "2022-H1"
    assert r["355个"]["period"] == "2022-H1"  # 今年 is not over: the year so far
    assert r["6.2%"]["period"] == "2022-H1"


def test_a_history_told_in_a_feature_holds_for_its_paragraph():
    text = ("静乐县位于晋西北。\n2012年，娑婆乡成立17个藜麦合作社，种植面积达到1300亩。\n"
            "静乐县藜麦种植面积已达5万亩。")  # fmt: skip
    r = _read(text, "2024-08-11", "藜麦之乡的破茧成蝶之路")
    assert r["1300亩"]["period"] == "2012"
    assert r["5万亩"]["period"] == "2024"


def test_a_comparison_does_not_date_the_next_sentence():
    r = _read("上半年，全市地区生产总值同比增长1%，与一季度(-4.2%)相比，实现扭负为正。"
              "第三产业投资完成142.1亿元。", "2023-08")  # fmt: skip
    assert r["-4.2%"]["period"] == "2023-Q1"
    assert r["142.1亿元"]["period"] == "2023-H1"


def test_a_feature_that_names_only_the_past_dates_nothing_before_it():
    story = "\n铸造是这里的老手艺，师傅们一代一代传下来，炉火从来没有熄灭过。" * 8  # the lead
    text = ("东山县，一个面积仅600多平方公里的小县城，户籍人口约15万。\n"
            "这里生产了全国30%的铸件。" + story + "\n2023年全县铸造业产值突破80亿元。")  # fmt: skip
    r = _read(text, "2025", "小县城里的铸造之乡")
    assert r["600多平方公里"]["period"] == ""  # what the county is, at no time the text says
    assert r["30%"]["period"] == ""
    assert r["80亿元"]["period"] == "2023"
    # a text whose first named time is its own year, or whose lead is dated, is of that year
    text = ("东山县，一个面积仅600多平方公里的小县城。\n这里生产了全国30%的铸件。" + story
            + "\n2025年全县铸造业产值突破80亿元。")  # fmt: skip
    assert _read(text, "2025", "小县城里的铸造之乡")["30%"]["period"] == "2025"
    text = "5月20日上午，东山县召开新闻发布会。全县生产了全国30%的铸件。2023年产值80亿元。"
    assert _read(text, "2025-05-20", "东山县新闻发布会")["30%"]["period"] == "2025"


def test_the_first_of_a_from_to_pair_is_before_its_period():
    r = _read("“十三五”时期，全市地区生产总值年均增长6.2%，在全省占比由18.1%提高到19.4%。",
              "2021-02-20")  # fmt: skip
    assert r["18.1%"]["period"] == "2015"  # the level the plan started from
    assert r["19.4%"]["period"] == "2020"
    r = _read("2023年，全市常住人口城镇化率由58.2%提高到59.3%。", "2024-02-01")
    assert (r["58.2%"]["period"], r["59.3%"]["period"]) == ("2022", "2023")


def test_a_projects_total_investment_is_planned_unless_they_are_finished():
    text = ("1—6月，全市共有储备项目1200个，总投资8800亿元；投产一批项目80个，总投资65亿元；"
            "签约引进总投资1500亿元。")  # fmt: skip
    r = _read(text, "2023-07-20", "上半年项目建设情况")
    assert r["1200个"]["kind"] == "actual"
    assert r["8800亿元"]["kind"] == "plan"  # what the projects are to cost
    assert r["65亿元"]["kind"] == "actual"  # finished projects: spent
    assert r["1500亿元"]["kind"] == "actual"  # the signing is what happened
    # a count after a planned total keeps its own kind, even where a separator was lost
    r = _read("1—6月，全市共有储备项目1200个，总投资8800亿元招商项目900个。", "2023-07-20")
    assert r["900个"]["kind"] == "actual"


def test_a_harvest_reaped_once_a_year_is_that_years_in_a_half_year_report():
    r = _read("上半年，全市夏粮亩产310.5公斤，增长1.8%；规模以上工业增加值增长6.1%。",
              "2022-07-20", "上半年经济运行情况")  # fmt: skip
    assert r["310.5公斤"]["period"] == "2022"
    assert r["1.8%"]["period"] == "2022"
    assert r["6.1%"]["period"] == "2022-H1"


def test_now_in_a_meeting_report_is_the_day_of_the_meeting():
    text = "9月25日，东山市政府新闻办召开新闻发布会。目前，全市省级产业链企业共25户。"
    r = _read(text, "2024-09-27", "东山市工业经济发展成效新闻发布会")
    assert r["25户"]["period"] == "2024-09-25"  # not the day the report was published


def test_a_qualifier_after_a_shared_list_qualifies_every_item():
    r = _read("城乡居民人均可支配收入分别增长5.8%和7.2%以上。", "2024-02-01")
    assert (r["5.8%"]["qualifier"], r["7.2%"]["qualifier"]) == ("ge", "ge")
    r = _read("全年实现营业收入100亿元、利润5亿元以上。", "2024-02-01")  # no 分别: its own
    assert (r["100亿元"]["qualifier"], r["5亿元"]["qualifier"]) == ("eq", "ge")


def test_this_year_so_far_is_a_result_in_a_report_on_part_of_it():
    text = "1—6月，全市开工项目420个，其中今年新增开工项目390个。"
    r = _read(text, "2023-07-25", "上半年项目建设情况")
    assert (r["390个"]["kind"], r["390个"]["period"]) == ("actual", "2023-H1")  # started: done


def test_no_result_is_for_a_year_after_the_text():
    r = _read("东山县明确到2028年实现“铸造产业总产值突破50亿元”的目标。", "2024-05-10")
    assert (r["50亿元"]["kind"], r["50亿元"]["period"]) == ("target", "2028")


def test_a_city_named_as_the_yardstick_of_a_comparison_is_not_the_subject():
    text = "2023年太原市人均地区生产总值全省第一，比排名第二的朔州高0.85万元。"
    r = _read(text, "2024-02-01", "太原市经济运行分析")
    assert r["0.85万元"]["place"] == "太原市"


def test_a_paragraph_about_a_township_keeps_it_as_the_place_until_another_is_named():
    text = ("静乐县位于晋西北。2012年，青松乡成立12个合作社，种植面积达到900亩。"
            "当年，全乡收入达180万元。每亩成本200元，青松乡210户种植户户均增收3000元。"
            "全县种植面积已达4万亩。\n当年获得亩产500斤。")  # fmt: skip
    r = _read(text, "2024-05-10", "静乐县藜麦产业")
    for span in ("12个", "900亩", "180万元", "200元", "210户", "3000元"):
        # a township of the county the text is about: the county's, the township its part
        assert (r[span]["place"], r[span]["subset"]) == ("静乐县", "青松乡"), span
    assert (r["4万亩"]["place"], r["4万亩"]["subset"]) == ("静乐县", "")  # 全县: the county again
    assert r["500斤"]["place"] == "静乐县"  # a new paragraph does not inherit the township


def test_a_count_joined_by_and_takes_the_noun_after_it():
    """3家省级…和10家市级…: the noun before 和 is the first count's; the second's follows it
    (it was once filed as provincial when the text says municipal)."""
    text = "全市拥有4家省级重点专业镇和12家市级重点专业镇，产业集群加快成长。"
    r = _read(text, "2025-01-20", "忻州市专业镇建设")
    assert r["4家"]["indicator_id"] == "provincial_specialized_towns"
    assert r["12家"]["indicator_id"] == "municipal_specialized_towns"


def test_an_average_growth_over_a_plan_period_is_the_growth_over_that_span():
    """年均增长 over “十四五”: the indicator's growth rate, its period the span — a plan's 年均
    target for that span is settled by it, an annual target is not — while a growth of
    several years together (累计增长) is no rate of the series and stays unclassified."""
    text = ("“十四五”时期，全市地区生产总值年均增长4.2%，固定资产投资年均增长6.1%。"
            "“十四五”时期，全市规模以上工业增加值累计增长30.2%。")  # fmt: skip
    r = _read(text, "2026-01-15", "忻州市“十四五”发展成就新闻发布会")
    assert r["4.2%"]["period"] == "2021/2025"
    assert r["4.2%"]["indicator_id"] == "gdp_growth"
    assert r["6.1%"]["indicator_id"] == "fixed_investment_growth"
    span, year = periods.parse("2021/2025"), periods.parse("2025")
    assert periods.judgement(span, span, stock=False) == "settles"
    assert periods.judgement(span, year, stock=False) is None
    assert r["30.2%"]["period"] == "2021/2025"
    assert r["30.2%"]["indicator_id"] == "" and r["30.2%"]["status"] == "unclassified"
    assert r["30.2%"]["measured"]  # with its proposal


def test_a_place_after_the_clause_time_is_the_subject_of_the_sentence():
    """2023年山西省…, 比上年增加…: a place after the time that opens the first clause is the
    sentence's subject; the later clauses go on about it."""
    r = _read("2023年山西省苹果产量412.6万吨，比上年增加18.2万吨，增长4.6%。", "2024-03-01",
              "忻州市果业发展")  # fmt: skip
    assert r["18.2万吨"]["place"] == "山西省" and r["4.6%"]["place"] == "山西省"


def test_a_place_said_of_the_subject_is_not_the_subject():
    """…县，是忻州市面积最大的县，…常住人口…: a place after 是 says what the subject is."""
    r = _read("宁武县地处晋西北，是忻州市森林覆盖率最高的县，常住人口15.8万人。", "2023-05-01",
              "宁武县概况")  # fmt: skip
    assert r["15.8万人"]["place"] == "宁武县"


def test_a_yardstick_value_is_the_yardstick_place_and_a_difference_is_not():
    r = _read("全市人均可支配收入2.9万元，低于全国平均水平(3.9万元)。全市社会消费品零售总额增长"
              "6.1%，高于全省平均水平2.3个百分点。", "2024-03-01", "忻州市经济运行")  # fmt: skip
    assert r["3.9万元"]["place"] == "全国"
    assert r["2.3个百分点"]["place"] == "忻州市"


def test_a_text_about_its_city_that_names_none_is_not_the_provinces():
    """全市… compared with 全省 (居全省第6位, 低于全省): the province is a yardstick, not the
    subject; with no city named, the place is left open rather than guessed as the province."""
    r = _read("1-8月份，全市规上工业增加值同比增长5.1%，居全省第6位，低于全省0.2个百分点。"
              "全市固定资产投资增长0.6%，低于全省1.1个百分点。全市原煤产量1.2亿吨。",
              "2025-09-30", "1-8月份全市经济运行情况")  # fmt: skip
    assert {r[s]["place"] for s in ("5.1%", "0.6%", "1.2亿吨")} == {""}


def test_a_review_of_an_ended_plan_period_speaks_of_its_end_where_it_names_no_time():
    """“十四五”时期成就 told in January 2026: an undated level is the state at the end of 2025;
    a 累计 is the span; a growth compared with “十三五” is of the span, not of 2016/2020."""
    text = ("1月15日，市政府召开新闻发布会，介绍“十四五”时期经济社会发展成就。"
            "全市社会消费品零售总额累计实现2860亿元，较“十三五”时期增长12%。\n"
            "国家级专精特新“小巨人”企业达到9家，省级重点实验室达到14个。")  # fmt: skip
    r = _read(text, "2026-01-15", "“十四五”时期经济社会发展成就新闻发布会")
    assert r["2860亿元"]["period"] == "2021/2025" and r["12%"]["period"] == "2021/2025"
    assert r["9家"]["period"] == "2025" and r["14个"]["period"] == "2025"
    # the plan named bare under a review's word (“十四五”发展综述, 画上了圆满句号) is reviewed too
    text = ("五年砥砺奋进，五年跨越发展。随着2025年主要目标任务的全面完成，偏关县为波澜壮阔的"
            "“十四五”画上了圆满句号。\n"
            "人均地区生产总值突破5万元大关。")  # fmt: skip
    r = _read(text, "2026-01", "偏关县“十四五”发展综述")
    assert r["5万元"]["period"] == "2025"


def test_one_month_alone_is_that_month_not_the_months_to_it():
    text = ("1-8月份，全市规上工业增加值同比增长4.2%。8月份，全市社会消费品零售总额61.3亿元，"
            "同比增长1.1%；其中，限额以上消费品零售额20.4亿元。")  # fmt: skip
    r = _read(text, "2024-09-20", "1-8月份全市经济运行情况")
    assert r["4.2%"]["period"] == "2024-01/2024-08"
    assert r["61.3亿元"]["period"] == "2024-08" and r["1.1%"]["period"] == "2024-08"
    assert r["20.4亿元"]["period"] == "2024-08"  # a ；-list item goes on in that month


def test_shares_stated_roughly_are_not_a_list_of_targets():
    """约占全省的1/4；…约占全省的1/3: two rough percents in a ；-list are observed shares, not
    targets stated the way targets are (增长5%左右)."""
    text = "全市杂粮种植面积基本稳定在300万亩，约占全省的1/4；杂粮总产量60多万吨，约占全省的1/3。"
    r = _read(text, "2025-09-20", "忻州杂粮产业")
    assert {r[s]["kind"] for s in ("300万亩", "1/4", "60多万吨", "1/3")} == {"actual"}
    assert r["300万亩"]["indicator_id"] == "minor_grains_area"


def test_a_work_said_to_go_well_is_no_plan_for_the_figure_after_it():
    """乡村振兴扎实推进，…收入超10万元: the clause reports how the work went; the figure after
    it is a result, not planned work."""
    r = _read("“十四五”期间，乡村振兴扎实推进，全县所有行政村集体经济收入超8万元。", "2026-01-20",
              "“十四五”发展成就")  # fmt: skip
    assert r["8万元"]["kind"] == "actual"
    r = _read("今年将实施农村饮水安全巩固提升工程，受益人口6万人。", "2025-02-20", "政府工作报告")
    assert r["6万人"]["kind"] != "actual"  # planned work still reads as planned


def test_a_past_word_after_the_figures_clause_is_said_of_other_figures():
    """今年重点推进的89个项目中，…18个项目已建成投产: the 已 is said of the 18 (done); the 89
    are this year's programme (planned)."""
    r = _read("今年重点推进的76个工业项目中，华晟光伏等15个项目已建成投产。", "2024-09-20",
              "朔州市工业项目新闻发布会")  # fmt: skip
    assert r["76个"]["kind"] == "plan" and r["15个"]["kind"] == "actual"


def test_the_year_so_far_said_in_an_earlier_sentence():
    """今年以来，…。全县规上原煤产量…: in a report on the first three quarters, written before the
    year ended, a result dated by an earlier sentence's 今年 is the year so far; a year named
    for its own (2022年) stays that year."""
    r = _read(
        "前三季度全县经济运行情况\n前三季度，全县地区生产总值增长4.1%。\n"
        "今年以来，全县能源供应保持稳定。全县规上原煤产量1203.5万吨，增长3.5%。"
        "2022年，全县原煤产量1530.2万吨。",
        "2023-10-20",
    )
    assert r["1203.5万吨"]["period"] == "2023-01/2023-09"
    assert r["3.5%"]["period"] == "2023-01/2023-09"
    assert r["1530.2万吨"]["period"] == "2022"
    # written after the year ended, 今年以来 is no part of a year any more
    r = _read("今年以来，全县能源供应保持稳定。全县规上原煤产量1203.5万吨。", "2024-01-20")
    assert r["1203.5万吨"]["period"] != "2023-01/2023-09"


def test_a_month_whose_trend_goes_on_is_not_the_figures_time():
    r = _read(
        "一季度，全县规模以上工业增加值延续2月份平稳向好趋势，同比增长8.2%，比全市高1.1个百分点。",
        "2025-04-20",
    )
    assert r["8.2%"]["period"] == "2025-Q1" and r["1.1个百分点"]["period"] == "2025-Q1"
    assert r["8.2%"]["indicator_id"] == "industrial_value_added_growth"


def test_a_title_in_traditional_script_names_the_county():
    """A work report's title given in traditional script (…大同市渾源縣…工作報告) is about the
    county, as the same title in simplified script is."""
    r = _read(
        "一年来，全县经济运行稳中向好。地区生产总值58.2亿元，固定资产投资26.1亿元。",
        "2024-04-10",
        title="2024年大同市渾源縣人民政府政府工作報告",
    )
    assert r["58.2亿元"]["place"] == "浑源县" and r["26.1亿元"]["place"] == "浑源县"


def test_a_table_printed_one_cell_per_line_with_its_unit_above():
    text = (
        "表1 2023年年末常住人口\n单位:人\n|\n指 标 |\n年末数 |\n比重% |\n|\n全县常住人口 |\n"
        "215870 |\n- |\n|\n其中:城镇 |\n128931 |\n59.73 |\n|\n"
        "全年出生人口1203人。全县“五一”假期接待游客12.3万人次。 记者某某 |\n"
    )
    r = _read(text, "2024-03-20", title="2023年某县国民经济和社会发展统计公报")
    assert (r["215870"]["unit"], r["215870"]["indicator_id"]) == ("人", "resident_population")
    assert (r["128931"]["indicator_id"], r["59.73"]["indicator_id"]) == (
        "urban_population", "urbanization_rate")  # fmt: skip
    assert r["128931"]["quote"].startswith("单位:人")
    # a line of prose with a stray "|" is no table: its sentences stay apart
    assert r["12.3万人次"]["quote"].startswith("全县“五一”")


def test_a_target_met_or_beaten_is_a_result():
    r = _read(
        "一年来，全县固定资产投资完成45.1亿元，超额完成年初预定目标，总量排名全市第三；"
        "工业投资超目标1.2亿元，增速排名全市第二。\n今年，确保完成全年目标任务，地区生产总值增长6%。",
        "2024-03-01",
        title="某县政府工作报告",
    )
    assert [r[s]["kind"] for s in ("45.1亿元", "第三", "1.2亿元", "第二")] == ["actual"] * 4
    assert r["6%"]["kind"] == "target"  # 确保完成…目标任务 is still an aim


def test_a_two_year_average_is_its_own_span_and_no_years_rate():
    """A year's two-year average is of that year and the last (2020/2021); one of a part of
    the year (前三季度…两年平均) is of the same months of both: the months say which. Neither
    is the yearly rate of the indicator's series."""
    r = _read("2021年全县地区生产总值同比增长9.1%，两年平均增长5.3%。", "2022-03-25", "统计公报")
    assert r["5.3%"]["period"] == "2020/2021" and r["5.3%"]["indicator_id"] == ""
    r = _read(
        "前三季度，全县地区生产总值同比增长9.1%，两年平均增长5.3%。第一产业增加值12.3亿元，增长6.0%。",
        "2021-10-25",
    )
    assert r["5.3%"]["period"] == "2021-01/2021-09" and r["5.3%"]["indicator_id"] == ""
    assert r["9.1%"]["indicator_id"] == "gdp_growth"
    # the figures after it keep the report's time
    assert r["12.3亿元"]["period"] == r["9.1%"]["period"] == "2021-01/2021-09"


def test_a_first_test_finds_what_the_plain_alternation_finds():
    """The kind cues are looked for behind a lookahead of the characters their words open
    with: the same matches as the plain alternation, and a word that opens with no literal
    (a set, a group, an optional character) is refused rather than silently never found."""
    words = r"力争|(?<!完成)目标(?!的)|实现[^，。；]{0,6}目标|将达到?"
    text = "力争实现全年目标，完成目标的九成，将达到5%，目标任务"
    guarded = re.compile(extract._first_test(words))
    plain = re.compile(words)
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for bad in (r"力争|[预估]计", r"(?:力争)|目标", r"第?季度"):
        with pytest.raises(ValueError, match="opens with no literal"):
            extract._first_test(bad)


def test_a_difference_below_a_long_yardstick_is_negative():
    r = _read("制造业增加值同比下降5.3%，低于全市工业增加值增速14.9个百分点。", "2025-05-07")
    assert r["14.9个百分点"]["value"] == "-14.9" and r["14.9个百分点"]["value_base"] < 0


def test_periods_official_reports_name_in_other_words():
    """Spans and parts of a year said the other ways official reports say them."""
    r = _read("今年前5个月，全市规模以上工业增加值同比增长6.2%。"
              "4—6月，全市用电量增长5%。"
              "上半年，全市一般公共预算收入完成60.2亿元。其中，6月份当月完成9.8亿元。"
              "2月10日至17日，全市接待游客120万人次。", "2024-07-20")  # fmt: skip
    assert "5个" not in r  # 前5个月 is a time, not a count
    assert r["6.2%"]["period"] == "2024-01/2024-05"
    assert r["5%"]["period"] == "2024-04/2024-06"
    assert r["9.8亿元"]["period"] == "2024-06"  # the month alone
    assert r["120万人次"]["period"] == "2024-02-10/2024-02-17"
    r = _read("2016—2020年，全市累计完成固定资产投资2300亿元。"
              "五年来，全市新增城镇就业12.3万人，地区生产总值达到1300亿元。",
              "2024-12-20")  # fmt: skip
    assert r["2300亿元"]["period"] == "2016/2020"
    assert r["12.3万人"]["period"] == "2020/2024"  # what five years added up to
    assert r["1300亿元"]["period"] == "2024"  # a level: where the years ended
    r = _read("2016-2021年，全市居民人均可支配收入增长1.5倍，地区生产总值由1090亿元增加到"
              "1909亿元。", "2022-02-20")  # fmt: skip
    assert r["1.5倍"]["period"] == "2016/2021"  # what the years grew by
    assert r["1909亿元"]["period"] == "2021"  # the level they reached


def test_projects_signed_on_the_day_of_a_meeting_are_results_of_that_day():
    r = _read("3月27日，忻州市2024年招商引资大会召开。当日签约项目12个。", "2024-03-28")
    assert r["12个"]["kind"] == "actual"
    assert r["12个"]["period"] == "2024-03-27"


def test_an_aim_word_between_the_name_and_its_verb_is_not_part_of_the_name():
    r = _read("到2025年，全市新能源装机容量力争突破2000万千瓦。全年接待游客有望突破4000万人次。",
              "2024-02-20")  # fmt: skip
    assert r["2000万千瓦"]["indicator_id"] == "new_energy_capacity"
    assert r["2000万千瓦"]["kind"] == "target"
    assert r["4000万人次"]["indicator_id"] == "tourist_visits"
    assert r["4000万人次"]["kind"] == "forecast"


def test_a_rate_under_a_plan_verb_is_a_target():
    """Plans are work to do (projects, money, counts); a rate pushed for is aimed at."""
    r = _read("今年计划全市固定资产投资增长10%，实施重点项目300个。", "2024-02-20")
    assert r["10%"]["kind"] == "target"
    assert r["300个"]["kind"] == "plan"


def test_a_yardstick_is_not_the_figures_time_and_its_number_in_brackets_is_its_own():
    r = _read("上半年，全市GDP为1017.5亿元，同比增长3.6%，快于一季度增速1.4个百分点。"
              "其中，第一产业增加值123.5亿元。", "2024-08-08")  # fmt: skip
    assert r["1.4个百分点"]["period"] == "2024-H1"
    assert r["123.5亿元"]["period"] == "2024-H1"  # not the 一季度 it was compared with
    r = _read("前三季度，全市一般公共预算收入281.40亿元，下降8.7%，降幅比上半年(下降11.3%)"
              "收窄2.6个百分点。全市规上工业增加值增长11.9%，增速高于全省(8%)3.9个百分点。",
              "2020-10-28")  # fmt: skip
    assert r["11.3%"]["period"] == "2020-H1" and r["11.3%"]["value"] == "-11.3"
    assert r["2.6个百分点"]["value"] == "2.6"  # a narrower fall: a rise
    assert r["8%"]["place"] == "山西省"


def test_what_was_invested_one_after_another_since_a_year_is_the_span():
    r = _read("代县自2009年以来，先后投资5亿多元，实施了一批工程。", "2020-06-01")
    assert r["5亿多元"]["period"] == "2009/2020"


def test_now_in_a_feature_is_its_year_and_as_of_now_is_its_day():
    """A feature that names no day: its 目前 is the year it was written. 截至目前 is the day,
    and so is 目前 in a text that opens with the day of what it reports."""
    r = _read("神池县的月饼远近闻名。目前，神池有月饼生产企业155家。", "2023-12-04")
    assert r["155家"]["period"] == "2023"
    r = _read("神池县的月饼远近闻名。截至目前，全县有月饼生产企业155家。", "2023-12-04")
    assert r["155家"]["period"] == "2023-12-04"
    r = _read("9月25日，朔州市召开新闻发布会。目前，全市省级产业链企业共25户。", "2024-09-26")
    assert r["25户"]["period"] == "2024-09-25"


def test_the_days_a_sentence_names_beat_the_holiday_of_the_document():
    r = _read("今年春节期间，忻州古城再次迎来热潮。\n据了解，从除夕到初五，忻州古城共接待"
              "游客60.54万人次；旅游总收入达到1953.66万元。", "2025-02-05")  # fmt: skip
    assert r["60.54万人次"]["period"] == "2025-01-28/2025-02-02"
    assert r["1953.66万元"]["period"] == "2025-01-28/2025-02-02"


def test_kind_of_planned_investment_of_what_a_project_brings_and_of_work_started():
    r = _read("截至4月29日，该市共谋划亿元以上重大项目638个，总投资5224.5亿元，年度计划完成投资"
              "557.4亿元。一季度，全市亿元以上重大项目开工复工249个，年度计划投资281.8亿元。"
              "秀容古城项目预计7月份投入运营，可实现旅游收入15亿元。", "2019-05-05")  # fmt: skip
    assert r["557.4亿元"]["kind"] == "plan"  # 计划完成投资: what is planned, not done
    assert r["249个"]["kind"] == "actual"  # a later clause's 计划 does not make it planned
    assert r["15亿元"]["kind"] == "forecast"  # 可实现: what it is to bring
    r = _read("全市超计划完成投资120亿元。", "2019-12-20")
    assert r["120亿元"]["kind"] == "actual"


def test_the_place_a_clause_ends_in_is_what_the_next_clause_is_about():
    r = _read("到2016年，山西省面积最大的忻州市，还有近46万人生活在贫困线以下。", "2020-12-28")
    assert r["46万人"]["place"] == "忻州市"
    r = _read("全市城镇化率最低的县是五台县，城镇化率为42.94%。", "2020-05-01", "忻州市城镇化率")
    assert r["42.94%"]["place"] == "五台县"
    # a destination listed at a clause's end is not its subject
    r = _read("五台县4个小时内可达北京、天津、雄安新区，处于经济圈400公里范围内。", "2022-01-01")
    assert r["400公里"]["place"] == "五台县"


def test_a_figure_restated_after_its_threshold_and_a_yardsticks_number_measure_the_same():
    r = _read("全年全市GDP总量突破2300亿元，达到2305.4亿元，排全省第4位。", "2023-02-16", "晋城")
    assert r["2305.4亿元"]["indicator_id"] == "gdp"  # 突破X，达到Y: Y is the same thing
    assert r["第4位"]["indicator_id"] == "gdp_rank_in_province"
    r = _read("前三季度，全市规模以上工业增加值增长0.7%，比上半年(下降2.9%)加快3.6个百分点。",
              "2020-10-28")  # fmt: skip
    assert r["2.9%"]["indicator_id"] == "industrial_value_added_growth"
    assert r["2.9%"]["period"] == "2020-H1"


def test_a_from_to_pair_ending_in_a_past_year_is_a_result_in_a_review():
    text = ("各位代表：\n一、2025年工作回顾\n过去一年，全市地区生产总值完成1450亿元。“十四五”时期，"
            "城镇化率由2020年的56.5%提高到2025年的61.2%。\n二、2026年工作安排\n"
            "今年，城镇化率提高到62%。")  # fmt: skip
    r = _read(text, "2026-02-10", "2026年忻州市政府工作报告")
    assert (r["56.5%"]["kind"], r["56.5%"]["period"]) == ("actual", "2020")
    assert (r["61.2%"]["kind"], r["61.2%"]["period"]) == ("actual", "2025")
    assert (r["62%"]["kind"], r["62%"]["period"]) == ("target", "2026")


def test_a_name_given_in_brackets_before_the_figure_is_what_it_measures():
    r = _read("年末全市常住人口262.3万人。其中，城镇常住人口160.1万人，占常住人口比重（常住人口"
              "城镇化率）为61.04%。", "2026-03-20",
              "忻州市2025年国民经济和社会发展统计公报")  # fmt: skip
    assert r["61.04%"]["indicator_id"] == "urbanization_rate"
    assert r["61.04%"]["period"] == "2025-12-31"


def test_those_a_measure_reached_are_not_the_stock_of_them():
    r = _read("认真落实130条稳经济一揽子政策，惠及5.3万市场主体。全市市场主体达到12万户。",
              "2023-04-07")  # fmt: skip
    assert r["5.3万"]["indicator_id"] == ""  # beneficiaries, unclassified
    assert r["12万户"]["indicator_id"] == "business_entities"


def test_the_capacity_of_plants_just_counted_is_not_the_places_capacity():
    r = _read("三岔镇建成光伏电站2座，装机容量10万千瓦。全县电力装机容量达到120万千瓦。",
              "2025-01-20", "2025年五寨县政府工作报告")  # fmt: skip
    assert r["10万千瓦"]["indicator_id"] == ""
    assert r["120万千瓦"]["indicator_id"] == "power_capacity"


def test_work_begun_on_the_day_reported_is_a_result():
    r = _read("3月28日，太忻一体化经济区2022年首批重大项目集中开工活动举行。"
              "183个重大项目同时开工。", "2022-03-30")  # fmt: skip
    assert r["183个"]["kind"] == "actual"


def test_a_stock_in_a_report_on_months_is_the_stock_at_their_end():
    r = _read("前三季度，全省生猪存栏730.4万头，同比增长38.1%。全省规上工业增加值增长10.2%。",
              "2021-10-20")  # fmt: skip
    assert r["730.4万头"]["period"] == "2021-09-30"
    assert r["10.2%"]["period"] == "2021-01/2021-09"  # a flow keeps the months


def test_a_release_of_january_on_months_up_to_november_is_of_the_year_before():
    r = _read("11月份，晋中市规模以上工业增加值完成46.9亿元。1-11月，全市规模以上工业增加值完成"
              "425.2亿元，同比增长3.7%。", "2018-01-19",
              "晋中市1-11月规模以上工业运行情况")  # fmt: skip
    assert r["46.9亿元"]["period"] == "2017-11"
    assert r["425.2亿元"]["period"] == "2017-01/2017-11"


def test_since_a_part_of_a_year_is_a_span_not_passed_on():
    r = _read("上半年全省地区生产总值同比增长6.9%，经过2014年一季度以来的13个季度后，首次步入合理"
              "区间。分产业看，第一产业增加值320亿元，增长3.0%。", "2017-07-24",
              "山西上半年GDP增长6.9%")  # fmt: skip
    assert r["320亿元"]["period"] == "2017-H1"


def test_a_forecasts_own_growth_is_forecast():
    r = _read("地区生产总值预计完成95亿元，同比增长1%。全年有望接待游客100万人次，"
              "新增就业岗位2000个。", "2025-11-20")  # fmt: skip
    assert r["1%"]["kind"] == "forecast"
    assert r["2000个"]["kind"] == "actual"  # another thing in the next clause is not


def test_a_list_of_times_pairs_with_a_list_of_values():
    r = _read("2016年，地区生产总值一季度、上半年、前三季度、全年分别增长3%、3.4%、4%、4.5%左右。",
              "2017-01-20", "山西省政府工作报告")  # fmt: skip
    assert [r[s]["period"] for s in ("3%", "3.4%", "4%", "4.5%")] == [
        "2016-Q1", "2016-H1", "2016-01/2016-09", "2016"]  # fmt: skip


def test_results_set_against_what_was_expected_and_the_expectations_own_values():
    text = ("楼阳生表示，2016年，山西全社会固定资产投资增长1%左右，低于预期11个百分点；"
            "社会消费品零售总额增长7%左右，高于预期1.5个百分点；一般公共预算收入下降5.2%，"
            "好于下降7%的预期；城乡居民人均可支配收入分别增长6%左右、6%以上，实现预期目标。"
            "城镇登记失业率3.52%，控制在预期4.2%以内。")  # fmt: skip
    r = _read(text, "2017-01-14", "山西省省长楼阳生作政府工作报告")
    for s in ("1%", "11个百分点", "1.5个百分点", "5.2%", "3.52%"):
        assert r[s]["kind"] == "actual", s  # a list of results, not of targets
    assert r["4.2%"]["kind"] == "target"  # 预期4.2%: the expectation's own value
    assert r["7%"]["kind"] == "target"  # (the last 7%: 好于下降7%的预期)


def test_a_compilation_of_bulletins_dates_each_years_part_by_its_year_end():
    """A page that gathers several years' bulletins (2022年末…。全年…；2021年末…。全年…): each
    全年 is the year whose end opened its part, not the latest bulletin's."""
    text = ("数据来源《2023年统计公报》。\n2022年末2023年初全市常住人口265.56万人。全年全市出生人口"
            "1.70万人，出生率为6.38‰。\n2021年末2022年初全市常住人口266.3万人。全年全市出生人口"
            "1.7万人，死亡率为8.3‰。")  # fmt: skip
    r = _read(text, "2024-03-01", "忻州市人口数据信息")
    assert r["1.70万人"]["period"] == r["6.38‰"]["period"] == "2022"
    assert r["1.7万人"]["period"] == r["8.3‰"]["period"] == "2021"


def test_what_has_no_time_gets_none():
    """A land area, the divisions a place governs, what it once was and what alone is left
    state no time; a change of land or a sown area has one."""
    text = ("2018年，代县经济平稳增长。代县总面积1728.87平方公里，辖11个乡镇。下辖地区：1个市辖区、"
            "12个县。全市曾有11个国家级贫困县，有全国仅存的19座舍利塔。全年治理水土流失面积"
            "120平方公里，粮食播种面积200万亩。")  # fmt: skip
    r = _read(text, "2019-01-10")
    for s in ("1728.87平方公里", "11个", "1个", "12个", "19座"):
        assert r[s]["period"] == "", s
    assert r["120平方公里"]["period"] == r["200万亩"]["period"] == "2018"


def test_income_up_to_a_years_end_is_that_years():
    """人均可支配收入从2017年底的6391元涨到…: income flows through the year; a result at the
    year's end is the year's. A target 到2025年末 keeps the day the text names."""
    text = ("村民人均可支配收入从2017年底的6391元涨到了2021年底的13840元。"
            "预计到2025年末，制造业营业收入将达200亿元。")  # fmt: skip
    r = _read(text, "2022-06-01")
    assert r["6391元"]["period"] == "2017"
    assert r["13840元"]["period"] == "2021"
    assert r["200亿元"]["period"] == "2025-12-31"


def test_a_news_report_with_no_time_is_of_its_date():
    """本报讯 opens a report of what is new when it is written: its figures are of that year,
    though it names no time; a project's cost is of its projects' time; 成功引进 is done."""
    text = "本报讯 宁武县全县洗选企业达到30户，产能达到2970万吨；成功引进5大风电集团17个风电项目。"
    r = _read(text, "2016-05-01")
    assert r["30户"]["period"] == r["2970万吨"]["period"] == "2016"
    assert r["17个"]["kind"] == "actual"
    r = _read("2020年全县签约项目49个；开工项目46个，总投资62.32亿元。", "2021-05-01")
    assert r["62.32亿元"]["kind"] == "plan" and r["62.32亿元"]["period"] == "2020"
    assert r["46个"]["period"] == "2020"
    r = _read("定襄县面积仅800多平方公里，全县有锻造企业319家。", "2026-01-10")
    assert r["319家"]["period"] == ""  # a description that names no time dates nothing


def test_a_release_under_page_furniture_and_blank_lines_is_dated_by_its_first_sentence():
    """日期查询：2021年08月20日 is the page's date, not a topic; the first sentence of prose
    below the headline, the byline and blank lines (…发布1-7月份全省经济运行情况) dates it."""
    text = ("日期查询：2021年08月20日\n\n全省经济稳定恢复\n\n  本报记者 孟绍毅\n  \n"
            "   8月19日，山西省统计局发布1-7月份全省经济运行情况。\n  \n"
            "  工业生产延续快速增长态势\n  \n"
            "   从三大门类看，采矿业增长12.5%，制造业增长21.0%。")  # fmt: skip
    r = _read(text, "2021-08-20", "全省经济稳定恢复 主要指标两位数增长")
    assert r["12.5%"]["period"] == r["21.0%"]["period"] == "2021-01/2021-07"


def test_an_aim_with_no_time_is_for_the_year_ahead():
    """A text looking back on a plan period that sets aims (预期地区生产总值增长6%左右): they
    are for the year ahead; an aim set beside a result of the year reviewed is that year's."""
    text = ("地区生产总值突破2200亿元……政府工作报告总结了“十四五”时期的成就。"
            "运城聚焦发展新质生产力，预期地区生产总值增长6%左右，"
            "规上工业增加值增长8%。")  # fmt: skip
    r = _read(text, "2026-01-31", "运城：稳中提质")
    assert r["6%"]["kind"] == r["8%"]["kind"] == "target"
    assert r["6%"]["period"] == r["8%"]["period"] == "2026"
    r = _read("2016年，全省城镇登记失业率3.52%，控制在预期4.2%以内。", "2017-01-14",
              "山西省省长作政府工作报告")  # fmt: skip
    assert r["4.2%"]["kind"] == "target" and r["4.2%"]["period"] == "2016"


def test_holidays_by_their_year_and_first_day_and_an_events_day():
    """2025年春节假期 is the holiday's days; 国庆假期首日 its first day; a day's own flow (5月2日
    游客接待量) and the projects begun on a day (4月26日，…集中开工10个; 此次集中开工的10个) are of
    that day, and so is what they are to cost (总投资), while what they are to yield a year has
    no time."""
    r = _read("2025年春节假期全市接待游客259.57万人次。", "2025-02-05")
    assert r["259.57万人次"]["period"] == "2025-01-28/2025-02-04"
    r = _read("国庆假期首日山西共接待游客47.74万人次。", "2017-10-02")
    assert r["47.74万人次"]["period"] == "2017-10-01"
    text = "“五一”假期，大同接待游客300万人次。云冈石窟5月2日游客接待量为57635人次。"
    r = _read(text, "2024-05-06")
    assert r["300万人次"]["period"] == "2024-05-01/2024-05-05"
    assert r["57635人次"]["period"] == "2024-05-02"
    text = ("4月26日，记者获悉，五台县集中开工10个重点项目，总投资20亿元。\n据悉，此次集中开工的"
            "8个产业项目涵盖康养旅游等领域。此外，总投资3亿元、年产值1亿元的沙棘加工"
            "项目落地。")  # fmt: skip
    r = _read(text, "2021-05-06")
    assert r["10个"]["period"] == r["8个"]["period"] == "2021-04-26"
    assert r["20亿元"]["period"] == r["3亿元"]["period"] == "2021-04-26"
    assert r["1亿元"]["period"] == ""


def test_a_method_year_a_from_year_and_a_day_carried_to_a_yearly_rate():
    """按2018年平均汇率 is how a figure was reckoned, not its time; the year a change started
    from (由2018年的…，优化为…) does not date what it came to; a rate over the year before (比上年
    上涨2.7%) after a year-end stock is the year's."""
    text = ("2019年洪洞县国民经济和社会发展统计公报\n人均地区生产总值19763元，按2018年平均汇率"
            "计算为2865美元。三次产业占比由2018年的5.7:49.3:45.0，优化为6.6:45.8:47.6，第三产业占比提高了"
            "2.6个百分点。年末城镇登记失业率0.57%。全县居民消费价格比上年上涨2.7%。")  # fmt: skip
    r = _read(text, "2020-04-01", "2019年洪洞县国民经济和社会发展统计公报")
    assert r["2865美元"]["period"] == r["2.6个百分点"]["period"] == "2019"
    assert r["0.57%"]["period"] == "2019-12-31"
    assert r["2.7%"]["period"] == "2019"


def test_places_from_a_heading_line_an_opening_subject_and_the_province_named():
    """A list under a heading line that is only a place (1、晋中市) is that place's until a line
    of prose (the province or the country alone on a line heads none); 其中 after a sentence
    that opens with a city goes on about it; a text that names the province as its subject
    again and again (山西省省长…山西规上原煤产量…) is the province's,
    whatever city the reporter filed from."""
    text = ("2020年山西省各地市游客接待量排行\n1、晋中市\n游客接待总量：4473.13万人\n"
            "旅游收入：407.74亿元\n2、太原市\n游客接待总量：3594.04万人\n"
            "全省旅游收入保持增长，平均增长18.52%。")  # fmt: skip
    r = _read(text, "2021-03-01", "山西省各地市游客接待量排行")
    assert r["4473.13万人"]["place"] == r["407.74亿元"]["place"] == "晋中市"
    assert r["3594.04万人"]["place"] == "太原市"
    assert r["18.52%"]["place"] == "山西省"
    text = ("12月1日，全省开发区“三个一批”活动同步举行。吕梁市举行开发区第四次“三个一批”活动。"
            "其中，“签约一批”项目19个，总投资23.6亿元。")  # fmt: skip
    r = _read(text, "2023-12-02", "全省开发区“三个一批”活动同步举行")
    assert r["19个"]["place"] == r["23.6亿元"]["place"] == "吕梁市"
    text = ("中新社太原2月2日电 山西省第十四届人民代表大会第五次会议开幕。山西省省长在作政府"
            "工作报告时表示，2025年，山西规上原煤产量13.05亿吨。新能源装机容量达到9048万千瓦。"
            "五年间，山西累计生产原煤65亿吨。")  # fmt: skip
    r = _read(text, "2026-02-02", "山西新能源和清洁能源装机占比首超煤电")
    assert r["9048万千瓦"]["place"] == r["65亿吨"]["place"] == "山西省"
    # the province on a line of its own in a city's infobox heads no list
    text = "忻州市\n国家 中华人民共和国\n山西省\n设立2000年6月14日\n面积\n• 地级市25,152 平方公里\n"
    assert _read(text, "2023", "忻州市")["25,152 平方公里"]["place"] == "忻州市"


def test_what_an_aim_governs_and_the_batches_of_an_investment_drive():
    """力争…基地建成投产 aims at completion (not a result): the plan after it is planned, in the
    time of the list of aims it is an item of; the batches of an investment drive held
    (“签约一批”项目19个, 集中签约项目15个) are done."""
    text = ("2026年，山西将推动能源转型全面提速：煤炭产量稳定在13亿吨左右；力争晋北新能源基地建成"
            "投产，安排风电光伏装机规模3000万千瓦、并网2000万千瓦。")  # fmt: skip
    r = _read(text, "2026-02-02", "山西政府工作报告")
    assert r["3000万千瓦"]["kind"] == r["2000万千瓦"]["kind"] == "plan"
    assert r["3000万千瓦"]["period"] == "2026"
    text = ("12月1日，全省开发区2023年第四次“三个一批”活动同步举行。吕梁市举行活动。其中，"
            "“签约一批”项目19个，总投资23.6亿元；“开工一批”项目16个。"
            "阳泉市集中签约项目15个。")  # fmt: skip
    r = _read(text, "2023-12-02", "全省开发区“三个一批”活动同步举行")
    assert r["19个"]["kind"] == r["16个"]["kind"] == r["15个"]["kind"] == "actual"
    assert r["23.6亿元"]["kind"] == "plan"


def test_a_report_of_an_event_dates_the_projects_it_counts_by_its_day():
    """A text that opens with an event's day (12月1日，…“三个一批”活动…同步举行) counts the
    projects signed, begun and put into production that day; the sentences after it that
    count them, or say what they are to cost, are of that day — so is a sentence with no time
    of its own after the opening (其中，产业类6项，总投资规模8.25亿元), in a text that opens with
    its year and a reporter's byline too, while a sentence that names the year (全年确定重点工程
    项目122个) is of the year."""
    text = ("12月1日，全省开发区2023年第四次“三个一批”活动同步举行。本次活动，全省共签约233个项目、"
            "开工225个项目。\n大同市“三个一批”活动中，“签约一批”项目20个，"
            "总投资92.04亿元。")  # fmt: skip
    r = _read(text, "2023-12-02", "全省开发区“三个一批”活动同步举行")
    assert r["233个"]["period"] == r["225个"]["period"] == r["20个"]["period"] == "2023-12-01"
    assert r["92.04亿元"]["period"] == "2023-12-01"
    assert r["233个"]["kind"] == "actual"  # (共签约: signed, altogether)
    text = ("2020年4月15日，永济举行2020年第三批重大项目集中开工仪式。总投资9.78亿元的9个项目吹响"
            "施工号角。其中，产业类6项，总投资规模8.25亿元。")  # fmt: skip
    r = _read(text, "2020-04-16")
    assert r["9.78亿元"]["period"] == r["9个"]["period"] == "2020-04-15"
    assert r["6项"]["period"] == r["8.25亿元"]["period"] == "2020-04-15"
    text = ("本报讯(记者郭玉琴)3月14日，襄汾县总投资110.7亿元的首批33个重点项目集中开复工。"
            "塔儿山生态修复工程项目涉及10个行政村，总投资5000万元。\n今年，襄汾县全年确定重点"
            "工程项目122个，总投资324.63亿元。")  # fmt: skip
    r = _read(text, "2021-03-15")
    assert r["33个"]["period"] == r["5000万元"]["period"] == "2021-03-14"
    assert r["122个"]["period"] == r["324.63亿元"]["period"] == "2021"
    # a report from an expo that opens with its day (6月18日记者在…展销周…上获悉): what the
    # places showed and signed there (此次展会…参展, 展出, 签约) is of that day
    text = ("6月18日记者在山西特色农产品北京展销周上获悉，朔州共签约项目35个。朔州市此次展会共组织"
            "了30多家企业参展。其中，朔城区共展出13个小杂粮系列，签约招商项目6个。")  # fmt: skip
    r = _read(text, "2012-06-19", "朔州北京展销周签约")
    assert {r[s]["period"] for s in ("35个", "30多家", "13个", "6个")} == {"2012-06-18"}


def test_flows_after_a_year_end_stock_and_their_growth_are_the_years():
    """年末生猪存栏12807头，出栏16398头: hogs slaughtered flow through the year; the growth of an
    output after it (牛奶产量3033吨，下降16%) is of the output's time, not the stock's day."""
    text = ("2020年左云县国民经济和社会发展统计公报\n年末生猪存栏12807头，出栏16398头。"
            "牛奶产量3033吨，下降16%。")  # fmt: skip
    r = _read(text, "2021-04-01", "2020年左云县国民经济和社会发展统计公报")
    assert r["12807头"]["period"] == "2020-12-31"
    assert r["16398头"]["period"] == r["3033吨"]["period"] == r["16%"]["period"] == "2020"


def test_a_landmark_named_for_a_district_and_a_county_wide_sentence_after_a_township():
    """云冈石窟 is a landmark of 大同, not 云冈区; a sentence that speaks of the whole county (全县
    其余9个乡镇, 全县总贫困人口) after one about a township is the county's."""
    r = _read("“五一”假期，大同市云冈石窟接待游客202922人次。", "2024-05-06", "大同五一旅游")
    assert r["202922人次"]["place"] == "大同市"
    text = ("本报讯 河曲县公司来到单寨乡，和该乡16个村184户贫困户签订合同。该公司陆续与全县涉及"
            "种植的其余9个乡镇签订合同，占到全县总贫困人口的近25%。")  # fmt: skip
    r = _read(text, "2017-04-01", "河曲县海红果订单收购")
    assert (r["184户"]["place"], r["184户"]["subset"]) == ("河曲县", "单寨乡")
    assert r["9个"]["place"] == r["25%"]["place"] == "河曲县"
    assert r["9个"]["subset"] == r["25%"]["subset"] == ""


def test_an_aim_quoted_whole_and_the_projects_an_event_counts():
    """Figures inside an aim quoted whole (围绕“一季度…开复工率达到35%以上、上半年达到80%以上”
    的目标要求) are aimed at; in a report of an event, the projects it counts as pushed on,
    signed or begun are what it did."""
    r = _read("围绕“一季度重点项目开复工率达到35%以上、上半年达到80%以上”的目标要求，加快审批。",
              "2024-03-04", "神池县重点项目")  # fmt: skip
    assert r["35%"]["kind"] == r["80%"]["kind"] == "target"
    text = ("12月1日，全省开发区第四次“三个一批”活动同步举行。\n晋城市“三个一批”活动共推进"
            "项目48个，总投资152.89亿元。其中，签约项目19个，总投资57.11亿元。")  # fmt: skip
    r = _read(text, "2023-12-02", "全省开发区“三个一批”活动同步举行")
    assert r["48个"]["kind"] == r["19个"]["kind"] == "actual"
    assert r["48个"]["period"] == "2023-12-01"
    assert r["152.89亿元"]["kind"] == "plan"


def test_a_year_named_before_its_whole_and_the_times_a_difference_is_measured_against():
    """2020年山西省全年共接待… is 2020's whole year (not the text's); the times after 快于/较
    (分别快于一季度、2016年全年2.3个、7个百分点) are the yardsticks', and the figure, and the
    sentences after it, keep the report's time."""
    text = ("据统计，2020年山西省全年共接待国内游客33253.52万人次。28地2019年全年旅游总收入"
            "平均值为7208亿元。")  # fmt: skip
    r = _read(text, "2021-03-01", "山西旅游人次")
    assert r["33253.52万人次"]["period"] == "2020"
    assert r["7208亿元"]["period"] == "2019"
    text = ("2017年上半年，全省规模以上工业增加值同比增长8.1%，分别快于一季度、2016年全年2.3个、"
            "7个百分点。全社会用电量同比增长10.3%，较2016年全年加快6.8个百分点。")  # fmt: skip
    r = _read(text, "2017-07-20", "山西上半年经济")
    for s in ("2.3个", "7个百分点", "10.3%", "6.8个百分点"):
        assert r[s]["period"] == "2017-H1", s


def test_what_years_closed_all_told_is_of_those_years():
    """2016年至2019年的4年间，山西共关闭煤矿106座，退出产能11586万吨: the span's total, not its
    last year's; a level after a span is still where it ended."""
    text = ("2016年至2019年的4年间，山西共关闭煤矿106座，退出产能11586万吨。"
            "2016—2019年，全省地区生产总值年均增长6%，人均地区生产总值达到5万元。")  # fmt: skip
    r = _read(text, "2020-01-10", "山西煤炭去产能")
    assert r["106座"]["period"] == r["11586万吨"]["period"] == "2016/2019"
    assert r["5万元"]["period"] == "2019"


def test_a_rank_the_subject_climbs_into_is_its_own():
    """大同跻身全国…TOP3: the rank is 大同's, the country is the ranking's scope."""
    text = "5月6日，报告出炉，大同跻身全国“五一”假期热度增长最快的“网红城市”TOP3。"
    r = _read(text, "2025-05-07", "大同五一旅游")
    assert r["TOP3"]["place"] == "大同市"


def test_days_of_a_holiday_and_a_signing_dated_by_its_day_of_the_month():
    """第一天…，第二天… in a report on a holiday are its first and second days; a signing
    reported on 27日 (the month the text was written) counts that day's projects (今日 too);
    与上年同期持平 is a yardstick, not the time of the figure after it."""
    r = _read("“五一”假期，台骀山景区游人如织。第一天景区接待3000多名游客，第二天接待2800名。",
              "2020-05-06")  # fmt: skip
    assert r["3000多名"]["period"] == "2020-05-01"
    assert r["2800名"]["period"] == "2020-05-02"
    text = ("山阴新闻网讯 太原2月27日 晋中是晋商故里。27日，晋中举行招商引资项目集中签约仪式，"
            "签约17个项目。经过前期洽谈，今日集中签约项目中有16个为转型项目。")  # fmt: skip
    r = _read(text, "2018-02", "山西晋中签约17个项目")
    assert r["17个"]["period"] == r["16个"]["period"] == "2018-02-27"
    text = ("1-8月份山西省规模以上工业生产运行情况\n1-8月份，全省热力燃气工业增速与上年同期持平，"
            "废弃资源综合利用业增长59.6%。")  # fmt: skip
    r = _read(text, "2023-09-22", "1-8月份山西省规模以上工业生产运行情况")
    assert r["59.6%"]["period"] == "2023-01/2023-08"


def test_a_projects_cost_said_with_its_scale_or_after_a_list_word_is_planned():
    """总投资规模8.25亿元, 分别是总投资5.5亿元的…项目: what the projects are to cost."""
    text = ("总投资9.78亿元的9个项目吹响施工号角。其中，产业类6项，总投资规模8.25亿元。"
            "分别是总投资5.5亿元的牧原集团生猪养殖项目，总投资0.6亿元的机械加工项目。")  # fmt: skip
    r = _read(text, "2020-04-16", "永济市集中开工")
    assert r["8.25亿元"]["kind"] == r["5.5亿元"]["kind"] == r["0.6亿元"]["kind"] == "plan"


def test_a_budget_estimate_of_projects_is_planned():
    """概算投资140.16亿元: what the projects are estimated to cost; 完成投资 beside it is done."""
    r = _read("省级6项，概算投资140.16亿元，当年计划投资19亿元。1-12月份完成投资28.78亿元。",
              "2021-12-30", "沁水县重点工程项目进展")  # fmt: skip
    assert r["140.16亿元"]["kind"] == r["19亿元"]["kind"] == "plan"
    assert r["28.78亿元"]["kind"] == "actual"


def test_today_in_a_news_text_is_its_day_not_an_earlier_sentences_year():
    """今日 (今天) is when the text was written: never the year an earlier paragraph named."""
    text = ("2月27日，晋中市举行招商引资项目集中签约仪式。\n2017年，晋中率先推行改革。\n"
            "经过前期洽谈，今日集中签约17个项目，占全年招商任务1500亿元38.1%。")  # fmt: skip
    r = _read(text, "2018-02", "晋中签约17个项目")
    assert r["17个"]["period"] == "2018-02-27"
    # a text that does not open with the day it reports: 今天 is the year it was written in,
    # as its 目前 is
    r = _read("2017年，晋中率先推行改革。\n今天，全市新增市场主体120户。", "2018-03-05")
    assert r["120户"]["period"] == "2018"


def test_a_tasks_own_size_is_a_target():
    """去产能任务为11380万吨, 招商任务1500亿元: the quota set; what was done against it is not."""
    r = _read("“十三五”期间，全省煤炭去产能任务为11380万吨，已累计退出产能14000万吨。",
              "2019-12-10", "山西提前完成去产能任务")  # fmt: skip
    assert r["11380万吨"]["kind"] == "target"
    assert r["14000万吨"]["kind"] == "actual"
    r = _read("今日集中签约17个项目，总投资572亿元，占全年招商任务1500亿元38.1%。", "2018-02-27")
    assert r["1500亿元"]["kind"] == "target"
    assert r["38.1%"]["kind"] == "actual"


def test_people_living_in_a_place_are_counted_at_the_years_end():
    """常住人口中，男性人口为51034人 after 年末… and 全年出生人口…: a stock at the year's end, as
    hogs in stock are; the year's births, and the change of a year (城镇人口增加), are flows."""
    r = _read("年末全县常住人口98509人。全年出生人口542人。常住人口中，男性人口为51034人，"
              "占51.81%；女性人口为47475人。城镇人口增加5880人。", "2022-04-20",
              "汾西县2021年国民经济和社会发展统计公报")  # fmt: skip
    assert r["51034人"]["period"] == r["47475人"]["period"] == "2021-12-31"
    assert r["542人"]["period"] == r["5880人"]["period"] == "2021"


def test_a_change_since_a_base_year_and_counts_since_a_start_span_the_years():
    """较2020年增加369.3亿元 (of 2024): the change over 2021/2024, not 2024's alone; 从2016年开始，
    …累计培训…，就业2660人 (of 2019): what the years added up to, 2016/2019."""
    r = _read("去年，全市工业增加值达到972.2亿元，较2020年增加369.3亿元。", "2025-10-24")
    assert r["972.2亿元"]["period"] == "2024"
    assert r["369.3亿元"]["period"] == "2021/2024" and r["369.3亿元"]["indicator_id"] == ""
    r = _read("从2016年开始，兴县累计培训护工4677人，就业2660人，带动2600户贫困家庭稳定增收。",
              "2019-03-19")  # fmt: skip
    assert r["4677人"]["period"] == r["2660人"]["period"] == r["2600户"]["period"] == "2016/2019"
    # a holiday's growth over the same days of an earlier year keeps the holiday's days
    r = _read("“五一”假期，全市接待游客120万人次，比2019年同期增长79.66%。", "2024-05-06")
    assert r["79.66%"]["period"] == "2024-05-01/2024-05-05"


def test_the_field_of_a_superlative_is_not_the_subject_after_it():
    """4个省级专业镇，全省最多，认定了12个市级专业镇: 全省 is where 4 is the most, the 12 are
    still the city's."""
    text = "晋中市培育4个省级专业镇，全省最多，认定了12个市级专业镇。"
    r = _read(text, "2025-10-24", "晋中市新闻发布会")
    assert r["4个"]["place"] == r["12个"]["place"] == "晋中市"


def test_a_sentence_that_opens_with_a_day_is_back_in_the_texts_own_time():
    """2017年，晋中率先推行… holds its paragraph and on in a text of early 2018 (a review of
    last year), until a sentence opens with a day of the text's own (2月27日，…签约仪式)."""
    text = ("2017年，晋中率先推行企业投资项目承诺制改革。\n签约仪式现场。\n"
            "2月27日，晋中市举行招商引资项目集中签约仪式。\n"
            "经过前期洽谈，集中签约17个项目，占全年招商任务1500亿元38.1%。")  # fmt: skip
    r = _read(text, "2018-02-28", "晋中签约17个项目")
    assert r["1500亿元"]["period"] == r["38.1%"]["period"] == "2018"  # (not 2017)


def test_a_text_that_opens_with_where_things_stand_is_not_a_review_of_last_year():
    """截至目前，…项目共计602项。…2022年，…地区生产总值3424亿元: the 602 are now (2023), not of
    the year a later sentence of the lead names."""
    text = ("太忻一体化经济区(太原区)投资项目达602项\n截至目前，太忻一体化经济区(太原区)"
            "项目共计602项，总投资9126亿元。\n2022年，该区地区生产总值3424亿元。")  # fmt: skip
    r = {(x["span"], x["char_start"] < 30): x for x in extract.extract_source(
        {"id": "t", "date": "2023-10-31", "title": "", "region_en": ""}, text, None)}  # fmt: skip
    # the headline's 602 is the figure the body dates (截至目前: the day)
    assert r[("602项", True)]["period"] == "2023-10-31"
    assert r[("602项", False)]["period"] == "2023-10-31"
    assert r[("3424亿元", False)]["period"] == "2022"


def test_projects_completed_to_a_months_end_are_the_months_to_it():
    """截至11月底…实际竣工22项: completions counted through the year to that day, a flow of
    January-November, as investment completed is."""
    r = _read("全年计划竣工项目42项，截至11月底实际竣工22项；其中提前竣工4项。", "2018-12-20")
    assert r["22项"]["period"] == r["4项"]["period"] == "2018-01/2018-11"


def test_a_sentence_naming_no_place_goes_on_about_the_city_the_one_before_opened_with():
    """镇江，是长三角北翼中心…。2016年人均GDP超过12万人民币。 in a Xinzhou text: 镇江's."""
    text = ("忻州市代表团赴镇江考察。\n镇江，是长三角北翼中心城市，面积3840多平方公里。"
            "2016年人均GDP超过12万人民币。")  # fmt: skip
    r = _read(text, "2017-05-10", "忻州市赴镇江招商")
    assert r["12万人民币"]["place"] == "镇江市"


def test_what_a_place_has_now_is_a_result():
    """全市现有…“链上”企业71户 after 大力推动产业链建设: what it has, not work planned."""
    text = "大力推动产业链建设，全市现有省级重点产业链“链上”企业71户，其中省级“链主”企业3户。"
    r = _read(text, "2025-10-24", "晋中市新闻发布会")
    assert r["71户"]["kind"] == r["3户"]["kind"] == "actual"


def test_what_works_are_to_yield_once_done_is_forecast_all_of_it():
    """预计二期、三期全部投产后，…年产值可达100亿元，年创税收超20亿元: the 20亿元 too; but
    去年建成后，实现产值5亿元 is done."""
    r = _read("预计二期、三期全部投产后，年产值可达100亿元，年创税收超20亿元。", "2026-03-05")
    assert r["100亿元"]["kind"] == r["20亿元"]["kind"] == "forecast"
    r = _read("该项目去年建成后，实现产值5亿元。", "2026-03-05")
    assert r["5亿元"]["kind"] == "actual"


def test_a_work_reports_task_list_is_its_plan_part():
    """2025年县《政府工作报告》任务清单: what it lists is this year's work (plan), not a review
    of last year; a count of tasks with no verb is work to do."""
    text = ("现将《2025年县<政府工作报告>任务分解》印发给你们。《2025年县<政府工作报告>任务分解》"
            "明确133项具体任务，涉及34个牵头单位。\n2025年县政府工作报告任务清单\n"
            "1.投资3000万元建设南美白对虾养殖基地。\n3.建设3个劳动密集型产业园。")  # fmt: skip
    r = _read(text, "2025-05-18", "关于印发2025年县《政府工作报告》任务分解的通知")
    for span in ("133项", "34个", "3000万元", "3个"):
        assert (r[span]["kind"], r[span]["period"]) == ("plan", "2025"), span


def test_a_projects_cost_after_its_name_and_what_it_yields_once_built():
    """…48MW风电项目总投资约4亿元: planned; 项目建成投产后，年可提供清洁电量…: forecast."""
    r = _read("中广核盂县二期风电项目总投资约4亿元，目前正在进行道路建设。项目建成投产后，"
              "年可提供清洁电量32256万千瓦时，节约标煤10.7万吨。", "2014-08-20")  # fmt: skip
    assert r["4亿元"]["kind"] == "plan"
    assert r["32256万千瓦时"]["kind"] == r["10.7万吨"]["kind"] == "forecast"


def test_more_on_top_of_a_figure_is_of_its_kind():
    """今年煤炭产量将达到13亿吨以上，再增产1亿吨: 再 adds to the forecast before it."""
    r = _read("今年煤炭产量将达到13亿吨以上，再增产1亿吨。", "2022-09-20")
    assert r["13亿吨"]["kind"] == r["1亿吨"]["kind"] == "forecast"


def test_a_target_met_heads_no_list_of_aims_and_a_county_level_citys_own_whole():
    """截至去年11月底，…完成省下达年度目标任务752亿元的149%，其中，…；… is a review: the counts
    of its list are results, of the day it names, and the year of the target met does not date
    the projects' cost after it; 全市 in a text about a county-level city (原平市) is that city,
    and 朔州全市 is Shuozhou's whole."""
    text = ("2017年，忻州招商团四处招商。\n截至去年11月底，全市招商引资签约项目208个，项目总投资"
            "1121.6亿元，完成省下达年度目标任务752亿元的149%，其中，亿元以上项目83个，总投资238"
            "亿元；国内外500强、大型央企项目19个，总投资182.4亿元；新型产业项目69个。")  # fmt: skip
    r = _read(text, "2018-01-11", "我市招商引资工作综述")
    assert r["208个"]["kind"] == r["19个"]["kind"] == r["69个"]["kind"] == "actual"
    assert r["238亿元"]["period"] == r["19个"]["period"] == r["69个"]["period"] == "2017-11-30"
    r = _read("一季度，全市财政收入完成3.86亿元，同比增长47.28%。", "2011-06-10", "原平市项目建设")
    assert r["3.86亿元"]["place"] == "原平市"
    r = _read("目前朔州全市陶瓷行业从业人员5万人，其中怀仁市约4万人。", "2022-09-21",
              "怀仁陶瓷产业")  # fmt: skip
    assert r["5万人"]["place"] == "朔州市" and r["4万人"]["place"] == "怀仁市"


def test_what_a_project_is_to_cost_and_a_forecast_item_of_a_list():
    """投资2.1亿元、占地总面积83亩…的市重点工程: a project's cost and specification, planned (占地
    is land taken, no share); 确定了总投资280亿元的…项目 too, and 签约引进总投资…的582个项目 (what
    the signed projects are to cost); 可达 in a list's item is that item's only (累计投入20亿元、
    煤炭年产量可达600万吨以上的…煤矿); projects begun on the day reported (集中开复工) are
    begun."""
    text = ("7月24日，笔者走进投资2.1亿元、占地总面积83亩、建筑总面积51744平方米的市重点工程。"
            "今年以来，方山县确定了总投资280亿元的省市县重点项目50个，力争年内完成投资75亿元。"
            "连日来，随着累计投入20亿元、煤炭年产量可达600万吨以上的3个技改煤矿的投产达效，工地繁忙。"
            "去年签约引进总投资1929.8亿元的582个项目，超额完成省下达任务。")  # fmt: skip
    r = _read(text, "2014-08-19", "方山县重点工程项目建设")
    assert {r[s]["kind"] for s in ("2.1亿元", "83亩", "51744平方米", "280亿元")} == {"plan"}
    assert r["75亿元"]["kind"] == "target"
    assert (r["20亿元"]["kind"], r["600万吨"]["kind"]) == ("actual", "forecast")
    assert r["1929.8亿元"]["kind"] == "plan"
    text = "本报讯(记者郭玉琴)3月14日，襄汾县总投资110.7亿元的首批33个重点项目集中开复工。"
    r = _read(text, "2021-03-15")
    assert (r["110.7亿元"]["kind"], r["33个"]["kind"]) == ("plan", "actual")
    assert r["33个"]["period"] == "2021-03-14"


def test_a_years_result_said_before_it_ends_and_the_projects_of_the_event():
    """去年，…。该县…全年地区生产总值同比增长5.1% in a text of 3 March: the year before's (not
    全年招商任务, the year's quota); 此次集中开工的18个重点项目中，新建项目8个: begun that day."""
    text = ("3月3日，安泽县举行2021年重点项目集中开工仪式，18个项目总投资101.76亿元。\n"
            "此次集中开工的18个重点项目中，新建项目8个、续建项目10个。\n"
            "去年，安泽县提出了战略思路。该县实施了一批大项目，全年地区生产总值同比增长5.1%。\n"
            "今日集中签约17个项目，占全年招商任务1500亿元38.1%。")  # fmt: skip
    r = _read(text, "2021-03-04", "安泽县18个重点项目集中开工")
    assert r["5.1%"]["period"] == "2020"
    assert r["38.1%"]["period"].startswith("2021")  # (its own year: the quota's 全年)
    assert (r["8个"]["kind"], r["8个"]["period"]) == ("actual", "2021-03-03")
    assert r["10个"]["kind"] == "actual"


def test_a_plan_verb_said_done_is_a_result():
    """布局建设了3条百亿级营收规模的产业链: 建设 with 了 is done, not planned, though a scale
    (…规模的) is named; 布局建设3条…产业链 in a plan is still aimed at."""
    r = _read("全市布局建设了3条百亿级营收规模的产业链，50亿级的新材料产业链。", "2024-11-19")
    assert r["3条"]["kind"] == r["50亿"]["kind"] == "actual"
    assert r["50亿"]["qualifier"] == "ge"
    r = _read("明年，全市将布局建设3条百亿级营收规模的产业链。", "2024-11-19")
    assert r["3条"]["kind"] == "plan"


def test_a_from_to_pair_reports_a_change_that_happened():
    """十年间，…装机从454万千瓦增长到3889万千瓦: both ends are results, though 增长到 may aim at a
    level; with a future word (要从500万千瓦提高到800万千瓦) the pair is still aimed at."""
    text = "十年间，山西新能源装机从454万千瓦增长到3889万千瓦；装机占比从8.3%提高到34.3%。"
    r = _read(text, "2022-09-28", "十年来 山西新能源产业实现跨越发展")
    assert {r[s]["kind"] for s in ("454万千瓦", "3889万千瓦", "8.3%", "34.3%")} == {"actual"}
    r = _read("2025年，全市新能源装机要从500万千瓦提高到800万千瓦。", "2022-09-28")
    assert r["800万千瓦"]["kind"] == "target"


def test_the_lines_under_a_heading_of_aims_are_aimed_at():
    """方案指出发展目标：\n到2024年底，A级旅游景区总数达到25家…: a list of aims, in the year the
    text is written too; a line of prose after it is no longer one."""
    text = ("方案指出发展目标：\n到2024年底，A级旅游景区总数达到25家，游客接待达到350万人次。\n"
            "到2026年底，A级景区总数达到33家。\n今年上半年，全市接待游客180万人次。")  # fmt: skip
    r = _read(text, "2024", "阳泉市推动文旅产业高质量发展的实施方案")
    assert {r[s]["kind"] for s in ("25家", "350万人次", "33家")} == {"target"}
    assert r["180万人次"]["kind"] == "actual"


def test_the_fields_of_a_project_list_say_their_kind():
    """A project list's lines: 总投资：48亿元 (- 投资：215亿元) is its cost, planned; 预期效益：
    年产值超30亿元，带动就业2000人 (- 效益：…) what it is to bring, forecast; another label
    (其中：) says nothing of kind."""
    text = ("- 忻雄高铁山西段\n- 投资：215亿元\n- 效益：通行时间缩短至1.5小时\n总投资：48亿元\n"
            "预期效益：年产值超30亿元，带动就业2000人\n其中：规上工业增加值增长5%\n")  # fmt: skip
    r = _read(text, "2025-12-01", "忻州2026重点项目")
    assert r["215亿元"]["kind"] == r["48亿元"]["kind"] == "plan"
    assert {r[s]["kind"] for s in ("1.5小时", "30亿元", "2000人")} == {"forecast"}
    assert r["5%"]["kind"] == "actual"


def test_the_day_the_reporter_learnt_it_is_when_its_now_is():
    """记者14日从山西省扶贫办获悉，这个省目前已建成5532座光伏扶贫电站 in a text of 15 October,
    under its headline and date line: 目前 is the 14th."""
    text = ("山西光伏扶贫惠及56.8万贫困人口\n(时间：2020-10-15 8:47:38)\n"
            "记者14日从山西省扶贫办获悉，这个省目前已建成5532座光伏扶贫电站。")  # fmt: skip
    r = _read(text, "2020-10-15", "山西光伏扶贫惠及56.8万贫困人口")
    assert r["5532座"]["period"] == "2020-10-14"


def test_the_edges_of_this_rounds_kind_rules():
    """占地区生产总值的45% is a share (占地 is land only before 面积 or a number); 累计总投资30亿元
    的项目 is money spent, not a project's cost; projects to sign (预计签约项目20个) are to cost
    their 总投资; a benefit said done (社会效益：已带动就业2000人) is done."""
    r = _read("全年，全市大力实施项目建设，固定资产投资占地区生产总值的45%。", "2024-06-01")
    assert r["45%"]["kind"] == "actual"
    r = _read("全县累计总投资30亿元的项目全部开工。", "2024-06-01")
    assert r["30亿元"]["kind"] == "actual"
    r = _read("预计签约项目20个，总投资100亿元。", "2024-06-01")
    assert r["100亿元"]["kind"] == "plan"
    r = _read("社会效益：已带动就业2000人。", "2024-06-01")
    assert r["2000人"]["kind"] == "actual"


def test_a_day_learnt_is_not_the_period_of_the_year_it_reports():
    """2月17日，记者从…会上获悉，2024年，全省招商引资签约项目3132个 in a text of 19 February 2025:
    the year's total (the day is of 2025, not of the year reviewed); but the counts of a drive
    held that day are of the day, even when a year names the drive."""
    text = ("2024年我省招商引资成绩单出炉\n本报讯(记者安晓奕)2月17日，记者从日前召开的全省投资促进"
            "工作会上获悉，2024年，全省招商引资签约项目3132个，签约金额达1.49万亿元。")  # fmt: skip
    r = _read(text, "2025-02-19", "2024年我省招商引资成绩单出炉")
    assert r["3132个"]["period"] == r["1.49万亿元"]["period"] == "2024"
    r = _read("3月3日，安泽县举行2021年重点项目集中开工仪式，18个项目总投资101.76亿元。",
              "2021-03-03")  # fmt: skip
    assert r["101.76亿元"]["period"] == "2021-03-03"


def test_the_worth_that_bounds_a_class_of_projects_is_no_figure():
    """其中10亿元以上项目371个, 投资500万元以上的项目46个: the bound names the class counted."""
    r = _read("新签约亿元以上项目1323个，其中10亿元以上项目371个，50亿元以上项目49个。",
              "2025-02-19")  # fmt: skip
    assert set(r) == {"1323个", "371个", "49个"}
    r = _read("2020年全县共实施投资500万元以上的项目46个，其中，新建项目30个。", "2020-03-17")
    assert set(r) == {"46个", "30个"} and r["46个"]["kind"] == "plan"


def test_kinds_of_a_projects_plan_and_of_what_it_is_to_yield():
    """计划…投资约20亿元，逐步建成1个…加工厂: the building is planned too; 项目建设完成后，将实现
    …产值超30亿元，带动…4000多个就业岗位: what the project is to bring, forecast, all of it; a
    planned sum's growth (今年计划完成投资30.07亿元，比去年增长15%) is of the plan; 为确保 is a
    purpose, no aim (派出警力180余人 is done); 38座新建公共卫生间 counts things built."""
    r = _read("温氏集团计划在定襄县投资约20亿元，逐步建成1个现代化肉食品加工厂、4个种猪场。"
              "项目建设完成后，将实现年上市肉猪100万头，产值超30亿元，带动创造4000多个就业岗位。",
              "2019-06-01")  # fmt: skip
    assert {r[s]["kind"] for s in ("20亿元", "1个", "4个")} == {"plan"}
    assert {r[s]["kind"] for s in ("100万头", "30亿元", "4000多个")} == {"forecast"}
    r = _read("项目总投资130.1亿元，今年计划完成投资30.07亿元，比去年增长15%。", "2020-03-17")
    assert r["15%"]["kind"] == "plan"
    r = _read("为确保春节期间道路顺畅，交警部门提前部署，派出警力180余人。", "2025-02-05")
    assert r["180余人"]["kind"] == "actual"
    r = _read("38座新建公共卫生间推动景区“厕所革命”向深向实。", "2025-06-01")
    assert r["38座"]["kind"] == "actual"


def test_from_a_year_to_now_is_a_span_to_the_texts_year():
    r = _read("从2019年到现在，工业投资累计已达85.3亿元。", "2021-11-20")
    assert r["85.3亿元"]["period"] == "2019/2021"


def test_the_size_in_a_projects_name_is_planned_unless_the_project_is_done():
    """平鲁红石峁150MW风电项目, 年产20万吨…生产线扩建项目: what the project is to build; but
    …80MW光伏发电项目并网发电, 年产1万台甲醇重卡生产线投产, 建成并网…5万千瓦风电项目: done."""
    r = _read("平鲁红石峁150MW风电项目是我省2014年度重点项目。", "2014-06-01")
    assert r["150MW"]["kind"] == "plan"
    r = _read("在超牌公司年产20万吨复合材料用煅烧高岭土生产线扩建项目现场举行仪式。",
              "2022-09-01")  # fmt: skip
    assert r["20万吨"]["kind"] == "plan"
    r = _read("华电80MW光伏发电项目并网发电，全国首条年产1万台甲醇重卡生产线投产。", "2024-01-10")
    assert r["80MW"]["kind"] == r["1万台"]["kind"] == "actual"
    r = _read("建成并网盘道梁二期5万千瓦风电项目，稳步推进华润10万千瓦风电项目。", "2024-06-01")
    assert (r["5万千瓦"]["kind"], r["10万千瓦"]["kind"]) == ("actual", "plan")


def test_the_breakdown_of_an_events_projects_is_of_its_day():
    """3月28日…集中开工活动…。据了解，此次首批集中开工的183个重大项目，…。其中，基础设施类项目
    71个: the event's projects, begun that day (not the year's plan the sentence before set)."""
    text = ("3月28日，太忻一体化经济区2022年首批重大项目集中开工活动在太原、忻州两地同步举行。\n"
            "据了解，此次首批集中开工的183个重大项目，总投资1038亿元，年度计划完成投资404亿元。"
            "其中，基础设施类项目71个，总投资422亿元；产业类项目112个。")  # fmt: skip
    r = _read(text, "2022-03-30", "太忻一体化经济区2022年首批重大项目集中开工")
    assert (r["71个"]["kind"], r["71个"]["period"]) == ("actual", "2022-03-28")
    assert r["112个"]["period"] == "2022-03-28"
    assert r["404亿元"]["period"] == "2022"


def test_a_forecasts_growth_and_a_level_to_hold_take_the_kind_of_their_aim():
    """预计到2025年末，…营业收入将达200亿元，较2020年增长48%: the forecast's growth is forecast;
    将推动…：煤炭产量稳定在13亿吨左右: a level to hold is aimed at, not planned work."""
    r = _read("预计到2025年末，制造业营业收入将达200亿元，较2020年增长48%。", "2025-10-20")
    assert r["48%"]["kind"] == "forecast"
    r = _read("2026年，山西将推动能源转型全面提速：煤炭产量稳定在13亿吨左右，新建60座智能化煤矿。",
              "2026-01-25")  # fmt: skip
    assert (r["13亿吨"]["kind"], r["60座"]["kind"]) == ("target", "plan")


def test_a_paragraph_about_another_city_keeps_it_for_its_whole():
    """A report on several cities: the paragraph that opens 1-8月，临汾市… goes on about Linfen
    (煤炭行业同比下降3.8%，占全市工业比重62.5%; 全市现有…105家), though another city is the
    text's own; a paragraph that opens with the text's own city keeps it (…；孝义市举办了…。
    全市共举办活动180余场)."""
    text = ("1-8月份，大同市原煤产量为7542.8万吨，同比增长6.7%。\n"
            "1-8月，临汾市煤炭行业持续下降。煤炭行业同比下降3.8%，占全市工业比重62.5%。"
            "8月停产企业主要有：蒲县后堡煤业。洗煤企业下降明显：全市现有规模以上纯洗煤企业105家。\n"
            "1-8月，大同全市煤炭行业累计完成工业增加值98.3亿元。")  # fmt: skip
    r = _read(text, "2018-09", "大同1-8月原煤产量")
    assert {r[s]["place"] for s in ("3.8%", "62.5%", "105家")} == {"临汾市"}
    assert r["7542.8万吨"]["place"] == r["98.3亿元"]["place"] == "大同市"
    text = ("五一假期，吕梁市文旅市场火爆。\n假日期间，吕梁市推出假日活动。市级举办了摄影展；"
            "孝义市举办了音乐节。全市共举办活动180余场。")  # fmt: skip
    r = _read(text, "2025-05-06", "吕梁市五一假期文旅市场")
    assert r["180余场"]["place"] == "吕梁市"


def test_an_average_over_a_plan_period_said_as_its_yearly_mean_is_of_the_span():
    """“十四五”期间…。肉蛋奶平均年产量30万吨; 瓜果菜平均种植面积58万亩: the mean of the years."""
    text = ("“十四五”期间，全市粮食产量稳步提升，年平均达到40.19亿斤。"
            "瓜果菜平均种植面积58万亩。肉蛋奶平均年产量30万吨。")  # fmt: skip
    r = _read(text, "2026-01-28", "忻州市新闻发布会介绍“十四五”期间“三农”工作成就")
    assert r["58万亩"]["period"] == r["30万吨"]["period"] == "2021/2025"


def test_an_assessment_quota_is_a_target_and_what_was_done_against_it_a_result():
    r = _read("2022年高标准农田建设考核指标23.1万亩，完成28.69万亩，完成率124.2%。", "2023-01-10")
    assert (r["23.1万亩"]["kind"], r["28.69万亩"]["kind"]) == ("target", "actual")


def test_a_holiday_quoted_with_its_word_for_festival_is_its_days():
    r = _read("“中秋节”小长假期间，我市共接待游客183.98万人次，同比增长15%。", "2018-09-25",
              "小长假太原旅游收入8.7亿元")  # fmt: skip
    assert r["183.98万人次"]["period"] == r["15%"]["period"] == "2018-09-22/2018-09-24"


def test_what_works_are_to_yield_once_built_has_no_year():
    """建成后，预计每年发电量…; 项目投产后，年可节约标煤…: a yield of no year, unlike a
    forecast of the year's total (预计全年…) or a yield the text dates (2027年建成后…)."""
    text = ("该电站总装机120万千瓦，总投资88亿元。建成后，预计每年发电量20亿千瓦时，"
            "每年节约标煤61万吨。项目投产后，年可实现产值2.5亿元。"
            "预计全年地区生产总值增长5%。力争2027年全部投产后，年产值达到30亿元。")  # fmt: skip
    r = _read(text, "2026-03-02")
    for span in ("20亿千瓦时", "61万吨", "2.5亿元"):
        assert (r[span]["kind"], r[span]["period"]) == ("forecast", ""), span
    assert r["5%"]["period"] == "2026"
    assert r["30亿元"]["period"] == "2027"


def test_a_works_design_has_no_year():
    """设计时速, 额定水头, 单机容量, 占地面积 of a planned works, and a length in a sentence
    with no time: of no year; a length in a list of the year's works is the year's."""
    text = ("雄忻高铁东起雄安站，西至忻州西站，设计时速350公里，全长342.661公里。"
            "电站位于繁峙县，装机容量120万千瓦，由4台单机30万千瓦的机组组成，额定水头457米。"
            "博物馆项目计划总投资2.7亿元，占地面积74.4亩。抽水蓄能项目计划投资80亿元，装机容量为140万千瓦。"
            "108国道改线工程全长170.62公里，预计今年下半年开工。")  # fmt: skip
    r = _read(text, "2022-05-10")
    for span in ("350公里", "342.661公里", "30万千瓦", "457米", "74.4亩", "140万千瓦"):
        assert r[span]["period"] == "", span
    assert r["2.7亿元"]["period"] == "2022"
    assert r["170.62公里"]["period"] == "2022"


def test_what_was_added_up_to_a_months_end_is_the_months_to_it():
    """截至10月底，全省城镇新增就业43.33万人: a flow (新增), January to October; a stock at that
    day (就业人员, 共有) stays the day."""
    text = "截至10月底，全省城镇新增就业43.33万人。截至10月底，全省共有基层服务点23100个。"
    r = _read(text, "2024-11-14")
    assert r["43.33万人"]["period"] == "2024-01/2024-10"
    assert r["23100个"]["period"] == "2024-10-31"


def test_a_headlines_figure_is_of_the_time_the_body_gives_it():
    """山西新增城镇就业43.33万人 as the headline (and again as a subheading): the figure the body
    dates, not the year the text was written; a headline figure the body does not repeat keeps
    the text's year."""
    text = ("山西新增城镇就业43.33万人 引进人才5000人\n\n"
            "截至10月底，全省城镇新增就业43.33万人，提前完成国家目标。\n\n"
            "山西新增城镇就业43.33万人\n\n今年，山西打造了122个劳务品牌。")  # fmt: skip
    rows = extract.extract_source({"id": "h", "date": "2024-11-14", "title": ""}, text, None)
    spans = [(r["span"], r["period"]) for r in rows]
    assert spans.count(("43.33万人", "2024-01/2024-10")) == 3
    assert ("5000人", "2024") in spans


def test_life_expectancy_is_no_aim_and_a_customs_office_no_place():
    """人均预期寿命达到80.81岁 reports a result (预期 is part of the indicator's name, not an
    aim); 太原海关 is the province's customs office: its figures are the province's."""
    r = _read("《2024年太原市卫生健康事业发展统计公报》显示，太原市人均预期寿命达到80.81岁，"
              "婴儿死亡率下降至2.01‰。", "2025-09-10")  # fmt: skip
    assert (r["80.81岁"]["kind"], r["2.01‰"]["kind"]) == ("actual", "actual")
    assert r["2.01‰"]["period"] == "2024"
    r = _read("4月16日，记者从太原海关举办的新闻发布会获悉，今年一季度，"
              "我省完成进出口总值264.5亿元。一般贸易进出口124.5亿元。", "2020-04-17",
              "一季度我省完成进出口264.5亿元")  # fmt: skip
    assert r["264.5亿元"]["place"] == r["124.5亿元"]["place"] == "山西省"


def test_a_breakdown_opening_with_qizhong_is_of_the_time_of_the_whole():
    """2021年计划改造老旧小区88个。其中，左云县计划改造46个: the parts are planned for 2021, not for
    the year an earlier paragraph reviewed."""
    text = ("2020年，大同市住房保障工作扎实推进。\n为提升居住条件，2021年计划改造老旧小区88个，"
            "202栋楼。其中，左云县计划改造老旧小区46个，131栋楼。")  # fmt: skip
    r = _read(text, "2021-05-07")
    assert r["88个"]["period"] == r["46个"]["period"] == r["131栋"]["period"] == "2021"


def test_a_whole_year_in_a_text_of_the_years_second_half_is_that_year():
    """截至目前，…全年共签订中长期合同11557万吨 on 23 November 2021: the year's contracts, 2021; the
    same words on 3 March 2021 are of 2020 (a year's whole is known once it ends)."""
    text = "截至目前，山西省内发电供热企业补签中长期合同4314万吨，全年共签订中长期合同11557万吨。"
    assert _read(text, "2021-11-23")["11557万吨"]["period"] == "2021"
    assert _read(text.replace("截至目前，", ""), "2021-03-03")["11557万吨"]["period"] == "2020"


def test_a_quarter_in_a_report_on_the_months_up_to_it_is_those_months():
    """柳林县2024年上半年经济运行情况: 二季度全县地区生产总值为1437936万元 is the first half's
    (the title says what the figures add up to), and so is the breakdown after it; where the
    quarters are set side by side (分季度看，一季度增长5.3%，二季度增长4.7%) each is its own, and
    a text with no such title keeps the quarter."""
    title = "柳林县2024年上半年经济运行情况"
    text = ("二季度全县地区生产总值为1437936万元，比上年同期增长-8.7%，较一季度(-10.8%)回升2.1个"
            "百分点。其中，第一产业增加值为16931万元，增长12.1%。")  # fmt: skip
    r = _read(text, "2024-09-09", title)
    assert [r[s]["period"] for s in ("1437936万元", "-8.7%", "16931万元", "12.1%")] == [
        "2024-H1"
    ] * 4
    assert r["-10.8%"]["period"] == "2024-Q1"  # (the yardstick is of its own quarter)
    r = _read("上半年全县生产总值53216万元。分季度看，一季度增长5.3%，二季度增长4.7%。",
              "2024-09-09", title)  # fmt: skip
    assert (r["5.3%"]["period"], r["4.7%"]["period"]) == ("2024-Q1", "2024-Q2")
    assert _read(text, "2024-09-09")["1437936万元"]["period"] == "2024-Q2"
    r = _read("第三季度，全省固定资产投资增长6.2%。", "2019-10-22", "山西前三季度经济运行")
    assert r["6.2%"]["period"] == "2019-01/2019-09"


def test_a_part_of_a_year_named_in_a_text_on_a_holiday_is_its_own():
    """A briefing whose lead goes on to the 国庆 holiday: 今年前三季度，…接待国内游客3.18亿人次 is
    January to September's; the holiday's own growth keeps the holiday's days."""
    text = ("黄河新闻网讯(记者孙宇佳)11月7日，召开新闻发布会。今年前三季度，山西省共接待国内游客"
            "3.18亿人次。在国庆假日期间，游客数量较上年同期增长了84.99%。")  # fmt: skip
    r = _read(text, "2024-11-07")
    assert r["3.18亿人次"]["period"] == "2024-01/2024-09"
    assert r["84.99%"]["period"] == "2024-10-01/2024-10-07"


def test_each_province_of_a_list_gets_its_own_figure():
    """山西、陕西分列二三位，产量分别为9.71亿吨和6.34亿吨: the second is Shaanxi's; a national
    release's figures that name no place are the country's."""
    r = _read("国家统计局公布2019年全国分省原煤产量，全国原煤产量38.5亿吨。山西、陕西分列二三位，"
              "产量分别为9.71亿吨和6.34亿吨，分别增长6.1%和1.7%。全年累计增长4.2%。",
              "2020-01-20", "2019年全国分省原煤产量")  # fmt: skip
    assert [r[s]["place"] for s in ("9.71亿吨", "6.34亿吨", "6.1%", "1.7%")] == [
        "山西省", "陕西省", "山西省", "陕西省"]  # fmt: skip
    assert r["4.2%"]["place"] == "全国"


def test_the_tourism_day_is_a_day_of_a_fixed_date():
    """我市六景点中国旅游日游人爆满近10万: the figures are of 19 May, the 中国旅游日 (a fixed date,
    not a public holiday), and 节日当天 is that day."""
    text = ("5月19日是第3个“中国旅游日”，我市6家景区实行免头道门票。20日，记者从我市旅游局"
            "获悉，节日当天，我市共接待游客9.52万人次。壶口景区接待游客10000人次，"
            "同比增长11倍。")  # fmt: skip
    r = _read(text, "2013-05-21", "我市六景点中国旅游日游人爆满近10万")
    assert {r[s]["period"] for s in ("9.52万人次", "10000人次", "11倍")} == {"2013-05-19"}
    from reportbook import frames

    assert frames.holiday("中国旅游日", 2010) is None  # (kept from 2011 on)


def test_a_share_of_a_plan_and_a_sum_over_it_are_results():
    """占年计划230亿的126.7% and 超过计划6.7万亩 say how far what was done went against the plan:
    results; the plan's own sum stays planned, and the growth after the share is a result."""
    text = ("山西省2017年全年交通建设完成投资291.3亿元，占年计划230亿的126.7%，比2016年增长"
            "27.4%。今年已完成粮食播种面积502.6万亩，超过计划6.7万亩。")  # fmt: skip
    r = _read(text, "2018-01-12")
    assert [r[s]["kind"] for s in ("230亿", "126.7%", "27.4%", "6.7万亩")] == [
        "plan", "actual", "actual", "actual"]  # fmt: skip


def test_a_works_total_investment_is_planned():
    """工程总投资2662万元, 总投资逾179亿元, 总投资约为78亿元: what the works are to cost."""
    r = _read("北庄灌区渠系工程总投资2662万元，将于2016年5月前完工。其中道路工程项目共7个，"
              "总投资逾179亿元。该电站项目总投资约为78亿元。", "2015-11-01")  # fmt: skip
    assert [r[s]["kind"] for s in ("2662万元", "179亿元", "78亿元")] == ["plan"] * 3


def test_a_change_over_the_month_before_is_of_a_month():
    """A December release: 从环比来看，内蒙古原煤产量较上月增加383万吨 is December's, not the
    year's; 2016年全年累计…同比降幅较上月收窄1.29个百分点 keeps the year it names."""
    text = ("国家统计局近日公布了2016年12月全国分省原煤产量。2016年全年累计原煤产量336398.5万吨，"
            "同比降幅较上月收窄1.29个百分点。\n从环比来看，内蒙古原煤产量较上月增加383万吨，"
            "增长4.94%。")  # fmt: skip
    r = _read(text, "2017-01-20", "2016年12月全国分省原煤产量")
    assert (r["383万吨"]["period"], r["4.94%"]["period"]) == ("2016-12", "2016-12")
    assert r["1.29个百分点"]["period"] == "2016"


def test_a_breakdown_after_a_months_figures_breaks_down_the_reports_whole():
    """A first quarter's release: 3月份，我省进出口总值106.8亿元。从贸易方式看，…一般贸易进出口
    124.5亿元 is the quarter's (its parts add up to the quarter's total); where the breakdown
    follows a month with no figures of its own (8月当月部分指标呈现好转迹象。从生产端看，…) it
    is the month's."""
    text = ("今年一季度，我省完成进出口总值264.5亿元。3月份，我省进出口总值106.8亿元，同比"
            "增长15.9%。从贸易方式看，一般贸易增幅较大。一般贸易进出口124.5亿元，同比增长"
            "23.9%。")  # fmt: skip
    r = _read(text, "2020-04-17", "一季度我省完成进出口264.5亿元")
    assert r["106.8亿元"]["period"] == "2020-03"
    assert r["124.5亿元"]["period"] == r["23.9%"]["period"] == "2020-Q1"
    text = ("今年以来，8月当月部分指标呈现好转迹象。从生产端看，规上工业当月增速较7月加快0.3个"
            "百分点；从需求端看，固定资产投资加快5.9个百分点。")  # fmt: skip
    r = _read(text, "2025-09-20", "朔州市1-8月经济运行")
    assert r["5.9个百分点"]["period"] == "2025-08"


def test_the_years_quota_a_share_is_of_names_no_time():
    """截至2020年11月，…森林覆盖率达45.23%，完成年度任务的107.23%: 年度 names the quota the share
    is of, not the figure's time; the figure keeps the time the sentence named."""
    text = ("截至2020年11月，右玉示范区新建产业项目完成投资2.8亿元，完成年度任务的140%；"
            "景区接待407.9万人次，完成年度任务的100.02%。")  # fmt: skip
    r = _read(text, "2021-01-05")
    assert r["407.9万人次"]["period"] == "2020-01/2020-11"
    assert r["100.02%"]["period"] == r["140%"]["period"] == "2020-11-30"


def test_a_plan_titled_by_its_year_sets_aims_for_that_year():
    """长治市2023年国民经济和社会发展计划, posted in 2025: its targets are 2023's, and 涨幅控制在
    3%左右 is aimed at (the whole text sets aims), not a result."""
    text = ("一、2023年经济社会发展主要目标\n2023年我市经济和社会发展的主要目标安排如下。\n"
            "预期性指标:地区生产总值增长7%以上,城镇新增就业4.3万人,居民消费价格总水平涨幅控制"
            "在3%左右。")  # fmt: skip
    r = _read(text, "2025-05-19", "长治市2023年国民经济和社会发展计划")
    assert {(r[s]["kind"], r[s]["period"]) for s in ("7%", "4.3万人", "3%")} == {
        ("target", "2023")}  # fmt: skip
    # a report on how the year's plan went reports results
    r = _read("2022年，全市地区生产总值增长4.4%。", "2023-02-10",
              "关于长治市2022年国民经济和社会发展计划执行情况的报告")  # fmt: skip
    assert r["4.4%"]["kind"] == "actual"


def test_a_figure_named_as_an_aim_is_the_aims_value_for_the_year():
    """6月末，城镇登记失业率为3.1%，控制在4.5%目标以内: 4.5% is the year's aim (target, at most),
    3.1% the result at the end of June; 低于6%的预期目标 likewise."""
    r = _read("6月末,城镇登记失业率为3.1%,控制在4.5%目标以内。上半年，全市地区生产总值增长5%，"
              "低于6%的预期目标。", "2020-07-20")  # fmt: skip
    assert (r["3.1%"]["kind"], r["3.1%"]["period"]) == ("actual", "2020-06-30")
    assert (r["4.5%"]["kind"], r["4.5%"]["qualifier"], r["4.5%"]["period"]) == (
        "target", "le", "2020")  # fmt: skip
    assert (r["6%"]["kind"], r["6%"]["period"]) == ("target", "2020")


def test_a_place_in_a_ranking_is_read_but_not_one_counted_from_the_bottom():
    """位于第20位, 处于第5位 are ranks; 倒数第3位 counts from the bottom and is left unread
    rather than stored as third place."""
    r = _read("运城市地区生产总值在中原经济区30个地市中位于第20位,在山西省11个地市中处于第5位;"
              "其增长率处于30个地市的倒数第3位。", "2013-06-01")  # fmt: skip
    assert (r["第20位"]["unit"], r["第5位"]["value"]) == ("位", "5")
    assert "第3位" not in r


def test_paragraphs_that_open_with_last_year_review_it():
    """A county item of 2023 whose paragraphs open with 去年 reviews 2022: 全年粮食播种面积 and the
    figures of the paragraphs after are 2022's. A 去年 said in passing holds to its paragraph's
    end only: the works' progress told after it is of the year written."""
    text = ("天镇县全力推进特色农业高质量发展\n去年，天镇县坚持发展特色农业。\n"
            "去年天镇县“三农”工作迈出了新步伐。全年粮食播种面积64.84万亩。\n"
            "在设施蔬菜上，种植面积达到3万亩。")  # fmt: skip
    r = _read(text, "2023", "天镇县全力推进特色农业高质量发展")
    assert r["64.84万亩"]["period"] == r["3万亩"]["period"] == "2022"
    text = ("14年来，电站为经济发展注入动力。去年，电站发电7.6亿千瓦时。\n二期项目审批事项已同步"
            "开展37项，完成31项。")  # fmt: skip
    r = _read(text, "2022", "敢叫滹沱水倒流")
    assert (r["7.6亿千瓦时"]["period"], r["37项"]["period"]) == ("2021", "2022")


def test_a_scenic_spot_named_for_its_county_is_one_of_the_citys_spots():
    """A city's holiday report: 应县木塔景区累计接待游客0.67万人次 is one of the city's spots (the
    city's, with the spot as its subset), not the county's whole; 应县全县接待游客 is the
    county's."""
    text = ("春节黄金周期间，朔州市重点景区累计接待游客13.03万人次。"
            "其中应县木塔景区累计接待游客0.6745万人次；"
            "怀仁金沙滩生态旅游区共接待游客4.1万人次。应县全县接待游客5万人次。")  # fmt: skip
    r = _read(text, "2018-02-22", "朔州市春节黄金周旅游市场平稳有序")
    assert r["0.6745万人次"]["place"] == r["4.1万人次"]["place"] == "朔州市"
    assert r["5万人次"]["place"] == "应县"


def test_a_figure_given_with_its_share_of_the_province_is_a_parts():
    """A provincial release: 推动太原片区132个项目签约落地(占全省的12%)，计划总投资1084亿元(占全省的
    14%) — the investment and both shares are Taiyuan's, not the province's, though 全省 is
    named after them; a part the sentence names by no place (新兴产业…占全省…) stays the
    province's."""
    text = ("今年以来，我省开展“三个一批”活动。综改区推动太原片区132个项目签约落地(占全省的12%)，"
            "计划总投资1084亿元(占全省的14%)；推动101个项目开工(占全省的10%)。\n"
            "1—10月，新兴产业完成投资1850.7亿元，占全省工业投资的52.3%。")  # fmt: skip
    r = _read(text, "2020-08-28", "山西省开发区“三个一批”活动")
    assert {r[k]["place"] for k in ("1084亿元", "14%", "101个", "10%")} == {"太原市"}
    assert r["1850.7亿元"]["place"] == "山西省"


def test_a_review_said_in_the_formula_of_a_work_report_is_of_last_year():
    """A county item of July 2022 that opens 一年来，在县委的坚强领导下，在县人大、县政协的监督
    支持下 sums up the government's report: its GDP and retail sales are 2021's."""
    text = ("一年来，在灵石县委的坚强领导下，在县人大、县政协的监督支持下，灵石县政府团结带领全县"
            "人民，经济运行稳中向好。\n灵石县地区生产总值完成287.2亿元。零售总额完成76.9亿元，"
            "同比增长14.9%。")  # fmt: skip
    r = _read(text, "2022-07-25", "灵石:经济运行稳中向好")
    assert {r[k]["period"] for k in ("287.2亿元", "76.9亿元", "14.9%")} == {"2021"}


def test_a_future_word_said_of_its_own_figure_stays_in_its_clause():
    """正常生产4对、即将投产2对，形成有效产能660万吨: the 即将 is said of the 2 mines, its own
    clause's figure; the capacity formed in the year reported (2025, written in 2026) is a
    result, not a target."""
    text = "2025年，全县13对煤矿正常生产4对、即将投产2对，形成有效产能660万吨，全年产量586万吨。"
    r = _read(text, "2026-06-01", "县煤炭工业")
    assert r["660万吨"]["kind"] == r["586万吨"]["kind"] == "actual"


def test_a_sentence_that_opens_with_what_will_be_done_sets_targets():
    """今年山西省将继续深化…投产“六位一体”推进工作机制，重点工程建设完成投资11500亿元: the opening
    clause's 将 (no figure of its own) governs the sentence — a target, though 投产 names a
    stage in it; a return expected (预期年收益达15万元) is a forecast."""
    text = ("今年山西省将继续深化重点工程项目签约、开工、建设和投产推进工作机制，"
            "重点工程建设完成投资11500亿元。合作社种植台参400亩，预期年收益达15万元。")  # fmt: skip
    r = _read(text, "2016-03-09", "山西省重点工程目标任务")
    assert r["11500亿元"]["kind"] == "target"
    assert r["15万元"]["kind"] == "forecast"
