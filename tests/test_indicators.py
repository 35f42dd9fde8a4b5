"""The indicator vocabulary: a figure is filed under an indicator only when its measured noun
phrase names it — each trap of real texts gets the right indicator or none, never the near
miss — and a proposed indicator, once added, classifies its figures."""

from __future__ import annotations

import pytest
import yaml

from reportbook import extract, ledger, paths, registry
from reportbook.registry import load_indicators

ENTRY = {"id": "trap", "date": "2024-12", "region": "忻州", "region_en": "Xinzhou"}


@pytest.fixture(scope="module")
def vocab():
    return load_indicators(paths.project())


def ind(text: str, span: str, vocab) -> str:
    rows = {r["span"]: r for r in extract.extract_source(ENTRY, text, vocab)}
    return rows[span]["indicator_id"]


@pytest.mark.parametrize(
    "text, span, expected, near_miss",
    [
        # per-capita GDP is not GDP
        ("全市人均地区生产总值达到52300元，比上年增长4.1%。", "52300元", "gdp_per_capita", "gdp"),
        ("全市地区生产总值1330.4亿元。", "1330.4亿元", "gdp", "gdp_per_capita"),
        # the city's share of the province's capacity is not a share within the city
        (
            "忻州新能源和清洁能源装机占全省新能源和清洁能源装机的17.38%。",
            "17.38%",
            "clean_capacity_share_of_province",
            "clean_capacity_share",
        ),
        (
            "新能源和清洁能源装机占全市电力总装机的60.2%。",
            "60.2%",
            "clean_capacity_share",
            "clean_capacity_share_of_province",
        ),
        # green-energy capacity is neither total nor new-and-clean capacity
        (
            "全市绿色能源装机1202.83万千瓦。",
            "1202.83万千瓦",
            "green_energy_capacity",
            "power_capacity",
        ),
        (
            "全市电力总装机1957.73万千瓦。",
            "1957.73万千瓦",
            "power_capacity",
            "green_energy_capacity",
        ),
        # food prices are not the CPI
        ("食品烟酒类价格上涨2.1%。", "2.1%", "food_tobacco_liquor_price_growth", "cpi_growth"),
        ("居民消费价格上涨0.4%。", "0.4%", "cpi_growth", "food_tobacco_liquor_price_growth"),
        # re-employed workers are not new urban jobs
        ("城镇失业人员再就业1.2万人。", "1.2万人", "reemployment_of_unemployed", "urban_new_jobs"),
        ("城镇新增就业3.1万人。", "3.1万人", "urban_new_jobs", "reemployment_of_unemployed"),
        # municipal specialized towns are not provincial ones
        (
            "全市市级重点专业镇达到10个。",
            "10个",
            "municipal_specialized_towns",
            "provincial_specialized_towns",
        ),  # fmt: skip
        (
            "省级重点专业镇3个。",
            "3个",
            "provincial_specialized_towns",
            "municipal_specialized_towns",
        ),
        # a scenic spot's visitors, the key spots' visitors and the city's visitors differ
        ("五台山景区接待游客312万人次。", "312万人次", "wutaishan_visitors", "tourist_visits"),
        (
            "全市5个重点监测景区接待游客62.5万人次。",
            "62.5万人次",
            "key_scenic_spots_visitors",
            "tourist_visits",
        ),  # fmt: skip
        (
            "全年全市接待游客4562万人次。",
            "4562万人次",
            "tourist_visits",
            "key_scenic_spots_visitors",
        ),
        # above-designated-size industry is not all industry
        (
            "规模以上工业增加值增长6.1%。",
            "6.1%",
            "industrial_value_added_growth",
            "industry_value_added_total_growth",
        ),  # fmt: skip
        # spending is not revenue, exports are not trade
        ("一般公共预算支出287.6亿元。", "287.6亿元", "budget_expenditure", "budget_revenue"),
        ("出口总额18.3亿元。", "18.3亿元", "exports", "trade"),
    ],
)
def test_each_trap_gets_its_own_indicator(text, span, expected, near_miss, vocab):
    got = ind(text, span, vocab)
    assert got != near_miss
    assert got == expected


@pytest.mark.parametrize(
    "text, span, expected",
    [
        # a sector grows by its value added (service industry, industry above designated size)
        ("全省服务业增长10.9%。", "10.9%", "tertiary_value_added_growth"),
        ("全市规上工业增长15.9%。", "15.9%", "industrial_value_added_growth"),
        # a ；-list's first item names the units the bare items after it count over
        (
            "全年规模以上工业企业原煤产量3695.10万吨，下降2.24%；发电量11.14亿千瓦时，增长3.05%。",
            "11.14亿千瓦时",
            "power_generation",
        ),
        (
            "规模以上工业实现利税77.7亿元，同比增长98.7%；利润总额为39.9亿元，同比增长16.7%。",
            "39.9亿元",
            "industrial_profits",
        ),
        # 分别 after figures with no name of their own: each grows what the one before it measured
        (
            "全年接待游客4562万人次，实现旅游收入398亿元，分别增长15.2%和18.3%。",
            "18.3%",
            "tourism_revenue_growth",
        ),
        # 分别 lists: the three sectors, items joined by a spaced 和, a shared growth word
        ("三次产业占GDP的比重分别为0.1%、82%和17.9%。", "82%", "secondary_share_of_gdp"),
        (
            "固定资产投资、社会消费品零售总额年均增速分别达 6.8% 和 5.5%。",
            "5.5%",
            "retail_sales_growth",
        ),
        # the second of a from-to pair measures what the first did
        ("人均GDP由2020年的6.9万元提高至2024年的8.5万元。", "8.5万元", "gdp_per_capita"),
        # a share word read off the phrase; a duration and 该市 are not what is measured
        ("空气质量优良天数比例达 85%。", "85%", "good_air_days_share"),
        ("2020年太原市第一产业占比为0.78%。", "0.78%", "primary_share_of_gdp"),
        (
            "忻州市新能源和清洁能源装机总量连续6年位居全省第一。",
            "第一",
            "clean_capacity_rank_in_province",
        ),
        (
            "今年前三季度，该市新能源和清洁能源装机突破了1200万千瓦。",
            "1200万千瓦",
            "clean_capacity",
        ),  # fmt: skip
        ("GDP达到2112.1亿元，增长3.2%，进位至全省第四。", "第四", "gdp_rank_in_province"),
        # a milestone crossed is a remark, and a clause that is only a verb measures what the
        # figure-less clause before it names
        ("全市地区生产总值历史性迈上千亿台阶、达到1050.3亿元。", "1050.3亿元", "gdp"),
        ("全市地区生产总值首次突破千亿大关，达到1050.3亿元。", "1050.3亿元", "gdp"),
        ("为扩大有效投资，完成92.1亿元。", "92.1亿元", ""),  # a purpose names nothing measured
        # installed capacity is a stock: 装机 = 装机总量 = 装机容量 (a rank after its share)
        (
            "全市新能源和清洁能源装机占全省新能源和清洁能源装机的20.1%，排名全省第二。",
            "第二",
            "clean_capacity_rank_in_province",
        ),
        ("全市风电装机容量达到500万千瓦。", "500万千瓦", "wind_capacity"),
    ],
)
def test_the_measured_thing_read_through_the_clause(text, span, expected, vocab):
    assert ind(text, span, vocab) == expected


@pytest.mark.parametrize(
    "text, span",
    [
        ("工业增加值增长5.0%。", "5.0%"),  # bare 工业增加值: above size or all industry?
        ("工业增长5.0%。", "5.0%"),  # a sector grows by its value added, and this one is ambiguous
        ("发电量11.14亿千瓦时。", "11.14亿千瓦时"),  # bare 发电量, no class of units named
        # the growth is ranked, not the level
        ("地区生产总值增长6.7%，增幅全省第1。", "第1"),
        ("老城区客流量达到58万人次。", "58万人次"),  # a part of the city, named by no indicator
        ("财政收入完成92.1亿元。", "92.1亿元"),  # budget revenue or all fiscal revenue?
    ],
)
def test_an_ambiguous_or_unknown_phrase_is_left_unclassified(text, span, vocab):
    rows = {r["span"]: r for r in extract.extract_source(ENTRY, text, vocab)}
    assert rows[span]["indicator_id"] == "" and rows[span]["status"] == "unclassified"
    assert rows[span]["measured"]  # the proposal: what the text says it measures


def test_adding_a_proposed_indicator_classifies_its_figures(project_copy):
    """The review proposes the measured phrase; one entry in indicators.yml classifies it."""
    doc = project_copy.root / "new.txt"
    doc.write_text("2024年，忻州市老城区客流量达到58万人次，同比增长12%。\n", encoding="utf-8")
    from reportbook import sources

    sources.ingest(project_copy, doc, source_id="old-town-visits", date="2024-12-30")
    df = ledger.extract_all(project_copy)
    row = df[df["source_id"] == "old-town-visits"].iloc[0]
    assert row["status"] == "unclassified" and row["measured"] == "老城区客流量"
    text = project_copy.indicators_yml.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["indicators"].append({
        "id": "old_town_visits", "name_zh": row["measured"], "name_en": "Old-town visits",
        "en_basis": "descriptive", "measure": "level", "unit": "万人次",
        "unit_family": "person_time", "theme": "culture_tourism",
    })  # fmt: skip
    project_copy.indicators_yml.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    registry._MEMO.clear()
    df = ledger.extract_all(project_copy)
    rows = df[df["source_id"] == "old-town-visits"].set_index("span")
    assert rows.loc["58万人次", "indicator_id"] == "old_town_visits"
    # its growth rate has no indicator yet, and is not filed under the level either
    assert rows.loc["12%", "indicator_id"] == ""


def test_every_indicator_has_an_english_name_and_its_basis(vocab):
    refs = {
        r["key"] for r in yaml.safe_load(paths.project().indicators_yml.read_text())["references"]
    }
    assert len(vocab.indicators) >= 150
    for i in vocab.indicators:
        assert i.name_en and not i.name_en[0].islower() and not i.name_en.endswith("."), i.id
        assert i.en_basis == "descriptive" or i.en_basis in refs, i.id
        assert i.name_zh and i.unit_family and i.measure, i.id
    bases = {i.en_basis for i in vocab.indicators}
    assert "nbs-communique" in bases  # official English names are used where they exist


def test_no_name_files_two_indicators_of_one_measure(vocab):
    seen = {}
    for i in vocab.indicators:
        for n in i.names:
            key = (n, i.measure)
            assert key not in seen, f"{n!r} names {seen[key]} and {i.id}"
            seen[key] = i.id


def test_a_set_named_after_the_list_of_its_members_is_what_is_measured(vocab):
    # the list only says which spots the monitored set has; the figure is the set's
    text = ("端午假期，甲山景区、乙湖景区、丙洞景区三个重点监测景区累计接待游客12.5万人次，"
            "同比增长8.1%。")  # fmt: skip
    assert ind(text, "12.5万人次", vocab) == "key_scenic_spots_visitors"
    assert ind(text, "8.1%", vocab) == "key_scenic_spots_visitors_growth"
    # without a set of that kind after the list, nothing is guessed
    text = "端午假期，甲山景区、乙湖景区、丙洞景区累计接待游客12.5万人次。"
    assert ind(text, "12.5万人次", vocab) in ("", None)


def _rows(text: str, vocab, date: str = "2024-12") -> dict[str, dict]:
    entry = {**ENTRY, "date": date}
    return {r["span"]: r for r in extract.extract_source(entry, text, vocab)}


@pytest.mark.parametrize(
    "text, span, expected",
    [
        # the names official releases print beside the communiqué's own
        (
            "其中，限额以上消费品零售额612.7亿元，增长2.2%。",
            "612.7亿元",
            "above_quota_retail_sales",
        ),
        (
            "其中，限额以上消费品零售额612.7亿元，增长2.2%。",
            "2.2%",
            "above_quota_retail_sales_growth",
        ),
        ("全市货物贸易进出口总额96.3亿元。", "96.3亿元", "trade"),
        ("其中，出口35.2亿元，增长6.1%；进口12.4亿元，下降3.0%。", "35.2亿元", "exports"),
        ("其中，出口35.2亿元，增长6.1%；进口12.4亿元，下降3.0%。", "3.0%", "imports_growth"),
        (
            "非煤行业增长4.4%，占全市工业的比重为18.0%。",
            "4.4%",
            "non_coal_industry_value_added_growth",
        ),
        ("种植中药材2.3万亩、食用菌80万棒。", "2.3万亩", "medicinal_herbs_area"),
        # a growth in 倍 is a growth (增长1.3倍 = 130%)
        ("全市重点监测景区接待人数增长1.3倍。", "1.3倍", "key_scenic_spots_visitors_growth"),
        # a whole spelled as the communiqué spells it (生产总值 = 地区生产总值)
        ("第二产业增加值占生产总值的比重为41.3%。", "41.3%", "secondary_share_of_gdp"),
        # the province's share spelled with a shorter whole (an alias of that indicator)
        (
            "全市新能源和清洁能源装机占全省新能源装机的15.2%。",
            "15.2%",
            "clean_capacity_share_of_province",
        ),
        # the part of a population named before: 常住人口中…; a bare 占 after a count of people
        ("全市常住人口中0—14岁人口为41.02万人。", "41.02万人", "population_0_14"),
        ("常住人口中，女性人口为52118人，占49.6%。", "49.6%", "female_population_share"),
        # the count after an amount of the same projects (…总投资X亿元的N个项目)
        ("签约引进总投资356亿元的128个项目。", "128个", "signed_projects"),
        # a crop's sown area, then its output: 播种 is a generic tail like 播种面积
        ("完成粮食播种86.2万亩，总产量7.9亿斤。", "86.2万亩", "grain_sown_area"),
        ("完成粮食播种86.2万亩，总产量7.9亿斤。", "7.9亿斤", "grain_output"),
        # the second of a from-to pair of counts measures what the first did
        (
            "规上工业企业数量从2020年的402户增至2024年的538户。",
            "538户",
            "above_size_industrial_enterprises",
        ),
        # a record reached is a remark on the figure
        ("人均生产总值在2022年达到历史最高值(8.6万元)。", "8.6万元", "gdp_per_capita"),
        # the yardstick's own value is the same measured thing (of the country)
        ("人均地区生产总值8.1万元，高于全国平均水平(7.8万元)。", "7.8万元", "gdp_per_capita"),
    ],
)
def test_names_and_structure_of_official_releases(text, span, expected, vocab):
    assert _rows(text, vocab)[span]["indicator_id"] == expected


@pytest.mark.parametrize(
    "text, span, expected",
    [
        # the clause before names what grows when its own number is unread (no unit) ...
        ("农村居民人均可支配收入达到15320，增长7.1%。", "7.1%", "rural_income_growth"),
        # ... or its digits were lost in scraping
        ("规模以上工业发电量亿千瓦时，增长5%。", "5%", "power_generation_growth"),
        # a lost number in brackets names its own part, not the one before it
        (
            "15—64岁人口为.20万人，占常住人口的70.1%(其中：15-59岁人口为.31万人，占常住人口的63.2%)。",
            "63.2%",
            "population_15_59_share",
        ),
        # a remark on the trend is not what grows
        ("一季度煤炭工业增速稳步回升，同比增长5.3%。", "5.3%", "coal_industry_value_added_growth"),
        # an increase of tonnes has no prices: the percent after it is the growth
        ("全市粮食总产量132.5万吨，比上年增加4.1万吨，增长3.2%。", "3.2%", "grain_output_growth"),
    ],
)
def test_what_grows_is_read_from_the_clause_before(text, span, expected, vocab):
    assert _rows(text, vocab)[span]["indicator_id"] == expected


def test_the_percent_of_a_money_increase_is_not_the_growth_at_constant_prices(vocab):
    r = _rows("全市地区生产总值1100亿元，比上年增加40亿元，增长3.8%。", vocab)
    assert r["3.8%"]["indicator_id"] == "" and r["3.8%"]["measure"] == "growth_nominal"


def test_a_narrowing_scope_goes_on_through_its_list(vocab):
    """分城乡看，限额以上城镇…；乡村消费品零售额…: the rural part of the above-quota sales is
    not all rural retail sales (rural_retail_sales); it stays unclassified, with its proposal."""
    r = _rows(
        "分城乡看，限额以上城镇消费品零售额320.5亿元，增长3.1%；乡村消费品零售额41.2亿元，增长4.0%。"
        "全市乡村消费品零售额88.6亿元。",
        vocab,
    )
    assert (
        r["41.2亿元"]["indicator_id"] == ""
        and r["41.2亿元"]["measured"] == "限额以上乡村消费品零售额"
    )
    assert r["88.6亿元"]["indicator_id"] == "rural_retail_sales"


def test_a_part_named_with_its_place_and_carried_through_a_list(vocab):
    """忻州市五个重点监测景区…: the part is the key spots (not '州市五个…'), and a ；-list item
    without a subject of its own goes on about the list's place and part."""
    r = _rows("忻州市五个重点监测景区累计接待游客41.2万人次，门票收入约1380万元。", vocab)
    assert r["41.2万人次"]["indicator_id"] == "key_scenic_spots_visitors"
    assert r["1380万元"]["indicator_id"] == "key_scenic_spots_ticket_revenue"
    r = _rows(
        "全省重点监测景区接待人数5120万人次，同比增长9.1%；门票收入18.2亿元，增长8.4%。", vocab
    )
    assert r["18.2亿元"]["indicator_id"] == "key_scenic_spots_ticket_revenue"
    assert r["18.2亿元"]["place"] == "山西省" and r["18.2亿元"]["subset"] == "重点监测景区"


def test_a_three_sector_ratio_names_each_sectors_share(vocab):
    r = _rows("全县三次产业结构占比为3.4:52.8:43.8。", vocab)
    assert [r[s]["indicator_id"] for s in ("3.4", "52.8", "43.8")] == [
        "primary_share_of_gdp", "secondary_share_of_gdp", "tertiary_share_of_gdp"
    ]  # fmt: skip


def test_a_narrowing_scope_stops_at_what_its_units_do_not_count(vocab):
    """限额以上 narrows the sales and takings of the above-quota trade units after it, not a
    budget's revenue or households' income later in the same list."""
    r = _rows(
        "全区限额以上社会消费品零售额同比增长18.4%，一般公共预算收入同比增长9%，"
        "农村居民人均可支配收入同比增长8.1%；限额以上餐饮收入增长6%。",
        vocab,
    )
    assert r["18.4%"]["indicator_id"] == "above_quota_retail_sales_growth"
    assert r["9%"]["indicator_id"] == "budget_revenue_growth"
    assert r["8.1%"]["indicator_id"] == "rural_income_growth"


@pytest.mark.parametrize(
    "text, span, expected",
    [
        # a sector broken down after investment is the sector's investment
        (
            "1-9月，全县固定资产投资增长12.3%。\n分产业看，第二产业增长30.5%，第三产业下降8.2%。",
            "30.5%",
            "secondary_investment_growth",
        ),
        (
            "1-9月，全县固定资产投资增长12.3%。\n分产业看，第二产业增长30.5%，第三产业下降8.2%。",
            "8.2%",
            "tertiary_investment_growth",
        ),
        # ... and the first sector's investment, which the vocabulary has not, is unclassified
        ("全县固定资产投资增长12.3%，其中第一产业增长4.4%。", "4.4%", ""),
        # after value added it is the sector's value added, as before
        (
            "全县地区生产总值增长5.1%。分产业看，第一产业增长4.4%，第二产业增长6.0%。",
            "6.0%",
            "secondary_value_added_growth",
        ),
        # an adverb of the verb is not part of the name (工业投资大幅增长)
        ("其中工业投资较快增长，同比增长21.7%。", "21.7%", "industrial_investment_growth"),
        # the older names of the budget lines (before the budget law of 2014)
        ("全县公共财政预算收入5.2亿元。", "5.2亿元", "budget_revenue"),
        ("一般预算支出18.3亿元，下降1.5%。", "1.5%", "budget_expenditure_growth"),
        ("全县市场主体总数达到2.4万户。", "2.4万户", "business_entities"),
        # a size word after a level's name
        ("全县风电光电装机总规模达到42.1万千瓦。", "42.1万千瓦", "wind_solar_capacity"),
        # the names city bulletins print beside the communiqué's
        ("全年全县居民消费价格总水平比上年上涨1.2%。", "1.2%", "cpi_growth"),
        ("地方一般公共预算收入8.3亿元。", "8.3亿元", "budget_revenue"),
        ("年末全县金融机构各项存款余额302.5亿元。", "302.5亿元", "deposits_outstanding"),
        # the short names work reports use
        ("实施省重点项目8个，市重点项目21个。", "8个", "provincial_key_projects"),
        ("实施省重点项目8个，市重点项目21个。", "21个", "municipal_key_projects"),
        ("全县国家A级以上景区12家。", "12家", "a_level_scenic_spots"),
        (
            "其中，用于民生的支出31.0亿元，占一般公共预算支出的80.1%。",
            "80.1%",
            "livelihood_expenditure_share",
        ),
        # a long remark in brackets is not part of the name
        (
            "全县农林牧渔业(包括农林牧渔专业及辅助性活动)增加值12.6亿元。",
            "12.6亿元",
            "agri_value_added",
        ),
        # a crop's area, then its output: the crop is carried, not its area
        ("全县杂粮种植面积12万亩，总产量3.1万吨。", "3.1万吨", "minor_grains_output"),
        # the names of older bulletins and of holiday reports
        ("全社会消费品零售总额493.85亿元，同比增长15.2%。", "15.2%", "retail_sales_growth"),
        ("全市公路线路里程17415.4公里。", "17415.4公里", "highway_length"),
        ("民用汽车拥有量43万辆。", "43万辆", "civil_vehicles"),
        ("全市共有卫生机构4691个。", "4691个", "health_institutions"),
        ("全省36个重点景区共接待游客110.71万人次。", "110.71万人次", "key_scenic_spots_visitors"),
        (
            "全市重点景区假日期间累计接待游客13.03万人次。",
            "13.03万人次",
            "key_scenic_spots_visitors",
        ),  # fmt: skip
    ],
)
def test_what_a_sector_and_an_older_name_measure(text, span, expected, vocab):
    assert _rows(text, vocab)[span]["indicator_id"] == expected


def test_one_thing_measured_respectively_for_a_list_of_places(vocab):
    """…分别是甲县、乙县、丙区，城镇化率分别为a、b、c: each figure is the urbanization rate, of
    the place in its position."""
    r = _rows(
        "全市有3个县(区)城镇化率超过60%，分别是忻府区、原平市、河曲县，"
        "城镇化率分别为68.1%、61.5%、60.2%。",
        vocab,
    )
    got = [(r[s]["indicator_id"], r[s]["place"]) for s in ("68.1%", "61.5%", "60.2%")]
    assert got == [
        ("urbanization_rate", "忻府区"),
        ("urbanization_rate", "原平市"),
        ("urbanization_rate", "河曲县"),
    ]
