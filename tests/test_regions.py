"""A document about another city of Shanxi is ingested and extracted without error, and its
figures are kept apart: not in Xinzhou's chapters, series or conflicts."""

from reportbook import ledger, narrative, review, sources

DATONG = """大同市召开2024年经济运行新闻发布会

初步核算，2024年大同市地区生产总值增长5.1%。截至2024年底，大同市电力总装机达到2650万千瓦。
2023年上半年，大同全市地区生产总值实现800.3亿元。
"""


def test_another_city_is_kept_apart(project_copy, tmp_path):
    doc = tmp_path / "datong.txt"
    doc.write_text(DATONG, encoding="utf-8")
    entry, _ = sources.ingest(project_copy, doc, source_id="datong-2025-press", date="2025-01")
    assert entry["region"] == "大同" and entry["region_en"] == "Datong"

    df = ledger.extract_all(project_copy)
    datong = df[df["source_id"] == "datong-2025-press"]
    assert len(datong) == 3 and set(datong["region"]) == {"Datong"}
    assert "power_capacity" in set(datong["indicator_id"])
    ledger.write(df, project_copy.figures_csv)

    # Chapters read only the book's region...
    energy = narrative.theme_slice(df, "energy", narrative.book_region(project_copy))
    assert "datong-2025-press" not in set(energy["source_id"])
    # ...and Datong's H1 2023 GDP does not conflict with Xinzhou's.
    assert review.review(project_copy)["conflicts"] == []


def test_a_title_naming_the_province_in_full_is_about_the_province():
    from reportbook import places

    text = "太原市、大同市、忻州市……全年太原地区生产总值增长。太原、大同、太原。"
    assert places.home_of("山西省政府工作报告：2023年高质量发展成绩单", text).name == "山西省"
    # a bare 山西 in a headline only says where: the county the text is about wins
    text = "定襄县，山西省中北部一个县城。定襄的法兰……全县锻造企业……定襄县"
    assert places.home_of("如今却败在山西4万铁匠手里", text).name == "定襄县"


def test_a_zone_of_two_cities_in_the_title_is_the_provinces_part():
    """太忻一体化经济区 spans Taiyuan and Xinzhou: a text about it is not Taiyuan's because it
    names 太原科创驱动中心 once more than 忻州."""
    from reportbook import places

    text = "活动在太原、忻州两地同步举行。包括太原科创驱动中心等项目，183个重大项目同时开工。"
    assert places.home_of("", text).name == "太原市"
    assert places.home_of("太忻一体化经济区2022年首批重大项目集中开工", text).name == "山西省"


def test_a_county_a_text_is_about_under_a_title_naming_only_its_city():
    from reportbook import places

    text = "盂县隶属于山西省阳泉市。盂县面积2514.4平方公里。盂县煤炭储藏量37亿吨。"
    assert places.home_of("山西阳泉的一个小县 人口32万", text).name == "盂县"
    # a text that speaks of 全市 is the city's, whatever county it names
    text = "全市地区生产总值增长5%。盂县增长6%，盂县…盂县…"
    assert places.home_of("阳泉市经济运行", text).name == "阳泉市"


def test_the_last_township_of_a_list_is_not_what_the_next_sentence_is_about():
    from reportbook import extract

    text = ("盂县隶属于阳泉市。盂县辖8个镇、6个乡：秀水镇、孙家庄镇、西潘乡、东梁乡。"
            "总户数132044户，常住人口324245人。盂县面积2514.4平方公里。")  # fmt: skip
    entry = {"id": "t", "date": "2020-10-16", "title": "山西阳泉的一个小县", "region_en": ""}
    rows = {r["span"]: r for r in extract.extract_source(entry, text, None)}
    assert rows["132044户"]["place"] == "盂县"


def test_cities_named_as_parts_of_the_province_do_not_make_it_theirs():
    """Under a title naming 山西 (or in a text that speaks of 全省 as its subject), the cities
    it names as its parts — a list, a route, the place a reporter filed from — are not what the
    text is about; a city named again and again, twice as often as any other, is."""
    from reportbook import places

    text = ("中新网太原2月25日电 记者从山西省文化和旅游厅获悉，该省共接待国内游客3526万人次。"
            "太原集结剪纸；忻州展演10项非遗；晋中推出35项民俗；吕梁推出235项活动。")  # fmt: skip
    assert places.home_of("2026年春节假日山西文旅市场", text).name == "山西省"
    text = ("第二批关闭的10座煤矿，分别位于吕梁、临汾、忻州、太原、朔州等5个地级市。"
            "第二批关闭的10座煤矿，分别位于吕梁、临汾、忻州、太原、朔州等5个地级市。")  # fmt: skip
    assert places.home_of("山西今年两批关闭煤矿23座", text).name == "山西省"
    text = ("截至8月底，全省确定重点工程项目1317项。全省重点工程完成投资1594.2亿元。全省前期项目"
            "218项。分别为：长治124.9%、忻州86.3%、晋城82.1%。长治…")  # fmt: skip
    assert places.home_of("省市两级重点工程项目已确定1317项", text).name == "山西省"
    text = "大同市风电产业……大同风力资源丰富。在大同，…全市…。大同新能源…忻州…"
    assert places.home_of("山西风电", text).name == "大同市"


def test_places_in_a_route_name_are_not_its_subject():
    from reportbook import places

    ms = places.mentions("浮山至临汾高速公路项目开工")
    assert [m.is_reference for m in ms] == [True, True]
    assert not places.mentions("在新荣区，已建成的风电项目有3项")[0].is_reference
