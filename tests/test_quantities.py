"""The quantity grammar (reportbook.quantities) on single phrases."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportbook.quantities import cn_to_decimal, find_quantities, grid_cells, parse_span


def one(text: str):
    qs = find_quantities(text)
    assert len(qs) == 1, (text, qs)
    return qs[0]


@pytest.mark.parametrize(
    "text, span, value, high, unit, qualifier, base, base_unit",
    [
        ("GDP实现676.5亿元", "676.5亿元", "676.5", None, "亿元", "eq", 67650000000.0, "CNY"),
        ("与一季度(-4.2%)相比", "-4.2%", "-4.2", None, "%", "eq", -4.2, "percent"),
        ("与一季度（-4.2%）相比", "-4.2%", "-4.2", None, "%", "eq", -4.2, "percent"),
        (
            "高于全省13.1个百分点",
            "13.1个百分点",
            "13.1",
            None,
            "个百分点",
            "eq",
            13.1,
            "percentage_point",
        ),
        (
            "电力总装机1713.75万千瓦",
            "1713.75万千瓦",
            "1713.75",
            None,
            "万千瓦",
            "eq",
            17137500.0,
            "kW",
        ),
        ("大多由4到5条具体工作构成", "4到5条", "4", "5", "条", "range", 4.0, "count"),
        ("投资80亿元—100亿元", "80亿元—100亿元", "80", "100", "亿元", "range", 8e9, "CNY"),
        ("增长5%-6%", "5%-6%", "5", "6", "%", "range", 5.0, "percent"),
        ("新建3至5个园区", "3至5个", "3", "5", "个", "range", 3.0, "count"),
        ("地区生产总值增长5%以上", "5%", "5", None, "%", "ge", 5.0, "percent"),
        ("力争电力装机突破2000万千瓦", "2000万千瓦", "2000", None, "万千瓦", "gt", 2e7, "kW"),
        ("增长5.5%左右", "5.5%", "5.5", None, "%", "approx", 5.5, "percent"),
        ("约3万人", "3万人", "3", None, "万人", "approx", 30000.0, "person"),
        ("失业率控制在5.5%以内", "5.5%", "5.5", None, "%", "le", 5.5, "percent"),
        ("不到10家", "10家", "10", None, "家", "lt", 10.0, "count"),
        ("超过3000户", "3000户", "3000", None, "户", "gt", 3000.0, "count"),
        ("三千二百万元", "三千二百万元", "3200", None, "万元", "eq", 3.2e7, "CNY"),
        ("吸纳两万余人", "两万余人", "2", None, "万人", "gt", 20000.0, "person"),
        ("近千家企业", "千家", "1000", None, "家", "approx", 1000.0, "count"),
        ("十二家医院", "十二家", "12", None, "家", "eq", 12.0, "count"),
        ("20多个项目", "20多个", "20", None, "个", "gt", 20.0, "count"),
        ("粮食总产量达到25.3亿斤", "25.3亿斤", "25.3", None, "亿斤", "eq", 1265000.0, "t"),
        ("发电量120亿千瓦时", "120亿千瓦时", "120", None, "亿千瓦时", "eq", 1.2e10, "kWh"),
        ("供水3.5万立方米", "3.5万立方米", "3.5", None, "万立方米", "eq", 35000.0, "m3"),
        ("面积12.5平方公里", "12.5平方公里", "12.5", None, "平方公里", "eq", 12.5, "km2"),
        ("产量1.2万吨", "1.2万吨", "1.2", None, "万吨", "eq", 12000.0, "t"),
        ("总量1,234.56亿元", "1,234.56亿元", "1234.56", None, "亿元", "eq", 1.23456e11, "CNY"),
        ("占比８０％", "８０％", "80", None, "％", "eq", 80.0, "percent"),
        ("百分之五", "百分之五", "5", None, "%", "eq", 5.0, "percent"),
        ("增长1.5倍", "1.5倍", "1.5", None, "倍", "eq", 1.5, "times"),
        ("接待游客1200万人次", "1200万人次", "1200", None, "万人次", "eq", 1.2e7, "person_time"),
        # visits counted by the units visited keep their unit whole (not 124家 + 次)
        ("检查经营单位124家次", "124家次", "124", None, "家次", "eq", 124, "count"),
        ("加快建设千万吨钢铁产业基地", "千万吨", "1000", None, "万吨", "ge", 1e7, "t"),
        ("万亿级产业集群", "万亿", "1", None, "万亿", "ge", 1e12, "number"),
        ("黄酒产业专精特新企业“零”的突破", "“零”的突破", "0", None, "", "gt", 0.0, "count"),
        ("推动外贸空白县“破零”", "“破零”", "0", None, "", "gt", 0.0, "count"),
        ("包含5大方面共", "5大方面", "5", None, "大方面", "eq", 5.0, "count"),
        ("领到2000元补贴", "2000元", "2000", None, "元", "eq", 2000.0, "CNY"),
        (
            "同比下降2.1个百分点",
            "2.1个百分点",
            "2.1",
            None,
            "个百分点",
            "eq",
            -2.1,
            "percentage_point",
        ),
        ("比上年末增加12家", "12家", "12", None, "家", "eq", 12.0, "count"),
        ("1000余万元", "1000余万元", "1000", None, "万元", "gt", 1e7, "CNY"),
        ("一千多家", "一千多家", "1000", None, "家", "gt", 1000.0, "count"),
        ("人均GDP突破1万美元", "1万美元", "1", None, "万美元", "gt", 1e4, "USD"),
        (
            "增长0.5个百分点以上",
            "0.5个百分点",
            "0.5",
            None,
            "个百分点",
            "ge",
            0.5,
            "percentage_point",
        ),
        ("增长8%～10%", "8%～10%", "8", "10", "%", "range", 8.0, "percent"),
        ("累计投资1.2万亿元", "1.2万亿元", "1.2", None, "万亿元", "eq", 1.2e12, "CNY"),
        ("投资8000万元—1亿元", "8000万元—1亿元", "8000", "1", "亿元", "range", 8e7, "CNY"),
    ],
)
def test_figure(text, span, value, high, unit, qualifier, base, base_unit):
    q = one(text)
    assert q.text == span
    assert text[q.start : q.end] == span
    assert (q.value, q.value_high, q.unit, q.qualifier) == (value, high, unit, qualifier)
    assert q.value_base == pytest.approx(base)
    assert q.base_unit == base_unit


def test_percent_and_percentage_point_kept_apart():
    a, b = find_quantities("增长10.1%，高于全省13.1个百分点")
    assert (a.unit, a.base_unit) == ("%", "percent")
    assert (b.unit, b.base_unit) == ("个百分点", "percentage_point")


def test_decrease_sign_is_in_value_base_only():
    q = one("同比下降(-4.2%)")
    assert q.value == "-4.2" and q.value_base == -4.2  # printed sign is not negated twice
    q = one("下降3.1%")
    assert q.value == "3.1" and q.value_base == -3.1 and q.direction == "down"


@pytest.mark.parametrize(
    "text",
    [
        "七大能级",
        "8月18日",
        "五届五次全会",
        "十二届六次全会",
        "“两个基本实现”",
        "一季度",
        "第三产业",
        "截至7月底",
        "“66831”工作体系",
        "七个维度",
        "三生融合",
        "一心两核、三轴六片",
        "“破零”行动",
        "“12大基地”",
        "八大倍增工程",
        "一个个具体目标",
        "一项项制度创新",
        "一条条政策解读",
        "一日之功",
        "横下一条心",
        "亿元以上重点工程项目",
        "一谷七区",
        "2023年",
        "2023—2035年",
        "再经过五年努力",
        "一批“硬”干部",
        "二十大",
        "二十届二中全会",
        "万物勃发",
        "三大国省战略",
        "四地共同签署",
        "五台西龙池二期",
        "“十四五”",
        "一道道全自动打包工序",
        "第五届人民代表大会第四次会议",
        "星级一刻钟便民生活圈",
        "几代人",
        "两大优势",
        "两条路子",
        "千家万户",
        "十分显著",
        "五台山",
        "每万元GDP能耗",
        "2023年1-6月",
        "第1季度",
        "5G基站",
        "3.5级地震",
        "3-5年",
        "电话：0350-1234567",
        "10点30分",
        "第十四个五年规划",
        "二〇二三年",
        "共1000余",
        "毗邻五台，可通航",
        "浏览次数：851次",
        "439 次浏览",
        "这两项工作，",
        "一半是海水",
        # a number inside a document's title, and the worth that bounds a class of projects
        "出台了《关于进一步支持中小微企业发展的措施(1批)》",
        "其中10亿元以上项目",
        "投资500万元以上的项目",
        "全部淘汰4.3米以下焦炉",
        "晋城市60万吨以下煤矿",
    ],
)
def test_not_a_figure(text):
    assert find_quantities(text) == []


def test_offsets_exact_in_long_text():
    text = "上半年，忻州全市GDP实现676.5亿元，按不变价格计算，同比增长1%，与一季度(-4.2%)相比。"
    spans = [(q.text, text[q.start : q.end]) for q in find_quantities(text)]
    assert spans == [("676.5亿元", "676.5亿元"), ("1%", "1%"), ("-4.2%", "-4.2%")]


@pytest.mark.parametrize(
    "cn, n",
    [
        ("三千二百", 3200),
        ("十二", 12),
        ("两万三千", 23000),
        ("一亿二千万", 120000000),
        ("三点五", 3.5),
        ("二〇二三", 2023),
        ("十", 10),
        ("千", 1000),
        ("一万零五", 10005),
    ],
)
def test_cn_numerals(cn, n):
    assert float(cn_to_decimal(cn)) == n


def test_parse_span_round_trip():
    for span in ["676.5亿元", "4到5条", "千万吨", "万亿", "“零”的突破", "-4.2%", "两万余人"]:
        q = parse_span(span)
        assert q is not None and q.text == span
    assert parse_span("2023年") is None
    assert parse_span("3个和5个") is None


def test_every_figure_read_from_the_corpus_is_confirmed_by_check():
    # `check` re-reads each ledger row in its quote (check._reread); a figure the reader
    # finds but check cannot re-read fails the check of a whole ingest (保持在亿吨以上 once
    # did, and so would a fraction or a part of a 1.8:57.1:41.1 ratio read on its own span).
    import yaml

    from reportbook import check, extract
    from reportbook.normalize import normalize

    corpus = Path(__file__).parent / "corpus"
    docs = yaml.safe_load((corpus / "corpus.yml").read_text("utf-8"))["documents"]
    assert len(docs) >= 50
    failures, n = [], 0
    for doc in docs:
        text = normalize((corpus / "docs" / f"{doc['id']}.txt").read_bytes()).text
        entry = {"id": doc["id"], "date": str(doc["published"]), "title": doc["title"]}
        memo: dict = {}
        for r in extract.extract_source(entry, text):
            if r.get("origin", "text") == "table":
                continue
            n += 1
            ints = {"quote_start": int(r["quote_start"]), "char_start": int(r["char_start"])}
            q = check._reread({k: str(v) for k, v in r.items()}, ints, memo)
            if q is None or (q.value.lstrip("-"), q.unit) != (
                str(r["value"]).lstrip("-"),
                r["unit"],
            ):
                failures.append((doc["id"], r["span"], r["value"], r["unit"]))
    assert n > 1000 and not failures, failures[:20]


@pytest.mark.parametrize(
    "text, span, value, unit, qualifier",
    [
        # a blank before the unit: before %, and before any unit after a number in thousands
        ("同比增长 4.8 %。", "4.8 %", "4.8", "%", "eq"),
        ("景区接待游客31,204 人。", "31,204 人", "31204", "人", "eq"),
        ("每年受理申请1200余份", "1200余份", "1200", "份", "gt"),
        # a share written as a fraction is a percent of the whole
        ("播种面积约占全省的1/5。", "1/5", "20.00", "%", "approx"),
        ("产量占全国的十分之一。", "十分之一", "10.00", "%", "eq"),
        ("四分之三的土地是陡坡地", "四分之三", "75.00", "%", "eq"),
        ("面积是忻州的七分之一", "七分之一", "14.29", "%", "eq"),
        ("全县近一半村庄位于山区", "一半", "50.00", "%", "approx"),
        # counts said in words: more than a hundred, a count closing its clause after a verb
        ("推出百余项非遗民俗体验活动", "百余项", "100", "项", "gt"),
        ("发放补贴千余户", "千余户", "1000", "户", "gt"),
        ("其中终止两项。", "两项", "2", "项", "eq"),
        # a rank among the top N
        ("城市综合竞争力位居全国前50强", "前50强", "50", "位", "le"),
        # more than a point: 多 between 个 and 百分点
        ("同比提高1个多百分点。", "1个多百分点", "1", "个百分点", "gt"),
    ],
)
def test_figures_as_pages_print_them(text, span, value, unit, qualifier):
    q = one(text)
    assert (q.text, q.value, q.unit, q.qualifier) == (span, value, unit, qualifier)


def test_three_sector_structure_is_three_shares_in_percent():
    qs = find_quantities("全县三次产业结构为3.4:52.8:43.8。")
    assert [(q.text, q.value, q.unit) for q in qs] == [
        ("3.4", "3.4", "%"), ("52.8", "52.8", "%"), ("43.8", "43.8", "%")
    ]  # fmt: skip
    # a ratio whose parts do not make up a whole is not read as shares; neither is a date
    # or a bare number in front of a blank
    assert find_quantities("男女比例为1:2:3。") == []
    assert find_quantities("2024/2025赛季") == []
    assert find_quantities("共有 5 个村") == []


@pytest.mark.parametrize(
    "text, base",
    [
        ("降幅比上月扩大1.5个百分点", -1.5),  # a decline widens: a further fall
        ("降幅较1-5月收窄0.8个百分点", 0.8),  # a decline narrows: a rise
        ("下拉全市规上工业0.4个百分点", -0.4),  # a drag on the total
        ("拉动全市规上工业增长2.1个百分点", 2.1),
        ("同比降幅为2.6%", -2.6),  # 降幅 is the size of a fall
        ("增速较1-4月份放缓2.8个百分点", -2.8),  # a growth that slows
        ("增速减缓0.6个百分点", -0.6),
        ("下拉全市工业增加值增速1.2个百分点", -1.2),  # the drag's object may be long
    ],
)
def test_the_direction_of_a_change_in_a_decline(text, base):
    assert one(text).value_base == pytest.approx(base)


PIPE_TABLE = (
    "2023年年末全县常住人口数及其构成 | ||\n"
    "指 标 | 年末数 (万人) | 比重(%) |\n"
    "全县常住人口 | 21.6 | 100.0 |\n"
    "其中:城镇 | 12.9 | 59.7 |\n"
    "乡村 | 8.7 | 40.3 |\n"
)


def test_a_table_of_cells_reads_its_units_from_the_header():
    cells = {(q.text, q.unit, q.label, q.column) for q in grid_cells(PIPE_TABLE)}
    assert cells == {
        ("21.6", "万人", "全县常住人口", ""),
        ("12.9", "万人", "城镇常住人口", ""),  # a part of the first row's total
        ("59.7", "%", "城镇常住人口", "share"),
        ("8.7", "万人", "乡村常住人口", ""),
        ("40.3", "%", "乡村常住人口", "share"),
    }  # and not the total's share of itself (100.0)
    # every cell is found by find_quantities too, at its place in the text
    found = {(q.start, q.text) for q in find_quantities(PIPE_TABLE)}
    assert all((PIPE_TABLE.index(t + " |"), t) in found for t in ("21.6", "12.9", "40.3"))


@pytest.mark.parametrize(
    "text",
    [
        # no header names the columns' units: bare numbers stay unread (never a guess)
        "指 标 | 年末数 | 比重 |\n全县常住人口 | 21.6 | 100.0 |\n其中:城镇 | 12.9 | 59.7 |\n",
        # a row with no name
        "指 标 | 年末数 (万人) |\n | 21.6 |\n",
        # prose with a unit in brackets but no run of name–number pairs
        "全县地区生产总值(亿元)增长较快，其中工业2项、服务业3项。",
    ],
)
def test_a_table_without_units_or_names_gives_no_figures(text):
    assert grid_cells(text) == []


def test_a_run_of_names_and_numbers_after_a_header_with_its_unit():
    text = "各县年底常住人口分布如下:县(市、区)常住人数(万人)忻府区56.73定襄县22.54代县22.10。"
    got = [(q.text, q.unit, q.label, q.row) for q in grid_cells(text)]
    assert got == [
        ("56.73", "万人", "常住人数", "忻府区"),
        ("22.54", "万人", "常住人数", "定襄县"),
        ("22.10", "万人", "常住人数", "代县"),
    ]


def test_a_table_is_one_sentence_and_its_cells_are_ledger_rows():
    from reportbook import check, extract, paths
    from reportbook.registry import load_indicators

    text = "全县经济平稳运行。\n" + PIPE_TABLE + "全年居民消费价格上涨1.2%。"
    entry = {"id": "t", "date": "2024-03-20", "title": "2023年某县统计公报"}
    vocab = load_indicators(paths.project())
    rows = {r["span"]: r for r in extract.extract_source(entry, text, vocab)}
    assert rows["21.6"]["indicator_id"] == "resident_population"
    assert rows["12.9"]["indicator_id"] == "urban_population"
    assert rows["59.7"]["indicator_id"] == "urbanization_rate"
    assert rows["21.6"]["period"] == "2023-12-31" and rows["21.6"]["unit"] == "万人"
    assert (
        rows["21.6"]["quote"].startswith("2023年年末全县常住人口数")
        and "1.2%" not in rows["21.6"]["quote"]
    )
    # check re-reads a cell in its quote (the table with its header)
    for span in ("21.6", "59.7"):
        r = rows[span]
        ints = {"quote_start": int(r["quote_start"]), "char_start": int(r["char_start"])}
        q = check._reread({k: str(v) for k, v in r.items()}, ints, {})
        assert (q.value, q.unit) == (r["value"], r["unit"])


PLACE_TABLE = (
    "| 常住人口 | 284.56万人 | 户籍人口 | 308.35万人 |\n"
    "| 区域 | 常住人口 (万人) | 户籍人口 (万人) |\n"
    "|---|---|---|\n"
    "| 岢岚县 | 7.57 | 8.00 |\n"
    "| 市区 | 56.21 | 54.57 |\n"
    "| 全市 | 284.56 | 308.35 |\n"
)


def test_a_table_whose_rows_are_places_names_the_measure_by_its_column():
    """A table opened and closed by "|" (| 岢岚县 | 7.57 |, with a rule |---| under its header)
    whose first header cell is 区域: each cell measures its column (常住人口) in its row's place;
    and a line of name | figure pairs above it is read with the names, not the pipes."""
    cells = {(q.text, q.unit, q.label, q.row) for q in grid_cells(PLACE_TABLE)}
    assert cells == {
        ("7.57", "万人", "常住人口", "岢岚县"),
        ("8.00", "万人", "户籍人口", "岢岚县"),
        ("56.21", "万人", "常住人口", "市区"),
        ("54.57", "万人", "户籍人口", "市区"),
        ("284.56", "万人", "常住人口", "全市"),
        ("308.35", "万人", "户籍人口", "全市"),
    }
    from reportbook import extract, paths
    from reportbook.registry import load_indicators

    entry = {"id": "t", "date": "2016", "title": "忻州市人口", "region": "忻州市"}
    rows = {r["span"]: r for r in extract.extract_source(
        entry, PLACE_TABLE, load_indicators(paths.project()))}  # fmt: skip
    assert (rows["7.57"]["indicator_id"], rows["7.57"]["place"]) == (
        "resident_population",
        "岢岚县",
    )
    assert rows["8.00"]["indicator_id"] == "registered_population"
    assert rows["284.56万人"]["indicator_id"] == "resident_population"
    assert rows["56.21"]["place"] == "忻州市"  # (市区: no place of its own, the city's part)
    assert (rows["56.21"]["subset"], rows["284.56"]["subset"]) == ("市区", "")  # (全市: whole)


def test_a_size_class_is_at_least_that_much():
    """50亿级的新材料产业链: at least 50亿 (as 万亿级 is); 3级公路 is a grade, no size."""
    q = {x.text: x for x in find_quantities("50亿级的新材料产业链，20亿级的产业链，3级公路。")}
    assert q["50亿"].qualifier == q["20亿"].qualifier == "ge"
    assert set(q) == {"50亿", "20亿"}  # (3级 is no figure)


def test_a_forum_members_counters_are_the_pages_own():
    """1万\n主题\n14万\n积分 (a forum post's author box): no figures of the document; a number
    alone on a line above another word is still read."""
    text = "[LV.9]以坛为家II\n1万\n主题\n14万\n积分\n全县生产总值59.33亿元\n12.5万\n人口\n"
    assert [q.text for q in find_quantities(text)] == ["59.33亿元", "12.5万"]


def test_a_fall_in_output_is_negative():
    """秋粮102.1亿公斤，减产2.2%: 减产 (output down) is a fall, as 下降 is."""
    (q,) = [q for q in find_quantities("秋粮102.1亿公斤，减产2.2%。") if q.unit == "%"]
    assert q.value_base < 0


def test_a_size_word_with_its_unit_left_out_is_not_an_impossible_count():
    """GDP却超129亿 (a headline dropping 元): 1.29e10 is no count of things but yuan, as the
    noun before it says; a document with it is ingested, and its row passes the check."""
    from reportbook.units import implausible

    (q,) = [q for q in find_quantities("人口32万 GDP却超129亿") if q.unit == "亿"]
    assert q.base_unit == "CNY" and q.value_base == 1.29e10
    assert implausible(q.value, q.value_base, q.base_unit, q.unit) is None
    assert implausible("129", 1.29e10, "count", "个") is not None  # 129亿个 would be


@pytest.mark.parametrize(
    "text, figures",
    [
        ("构建有高端装备制造、风电装备、特钢材料3条重点产业链", []),  # 3 names, 3
        ("延伸特殊钢、铝镁合金、合成生物、碳基新材料、轨道交通装备、工程起重机、法兰锻造等8条", []),
        (
            "盂县辖8个镇、6个乡：秀水镇、孙家庄镇、路家村镇、南娄镇、牛村镇、苌池镇、上社镇、西烟镇、"
            "仙人乡、北下庄乡、下社乡、梁家寨乡、西潘乡、东梁乡。",
            [],
        ),  # 8 + 6 names after
        (
            "全市有7个县城镇化率超过50%，分别是忻府区、原平市、河曲县、宁武县、岢岚县、五寨县、偏关县",
            ["50%"],
        ),
        ("全市5个重点监测景区接待游客65万人次", ["65万人次"]),  # the 5 names the subset
        ("今年市政府还要办好10件民生实事", []),  # a programme's name
        # a count of unnamed items, beside a list of kinds, is a figure
        ("新建学校、医院等120个", ["120个"]),
        ("设立定点救治医院1家、集中隔离点2处", ["1家", "2处"]),  # a list of counts
        # the first item may carry its clause's head, numbers and all
        (
            "先后投资5亿多元实施了文物修复、服务设施、基础设施、生态环境治理、软件类项目"
            "(包括标准化建设和宣传促销)等6大类106项工程",
            ["5亿多元", "106项"],
        ),
    ],
)
def test_a_count_that_sums_the_names_beside_it_is_not_a_figure(text, figures):
    assert [q.text for q in find_quantities(text)] == figures


@pytest.mark.parametrize(
    "text, read",
    [
        # the unit printed after the last number of a list is every number's
        ("分别高于全省、全国2.5个和1.3个百分点", [("2.5", "个百分点"), ("1.3", "个百分点")]),
        ("增速分别比一季度提升1.4个、6.6个百分点", [("1.4", "个百分点"), ("6.6", "个百分点")]),
        ("占比分别上升0.1、1.6个百分点", [("0.1", "个百分点"), ("1.6", "个百分点")]),
        ("产量分别为3.2、4.5万吨", [("3.2", "万吨"), ("4.5", "万吨")]),
        ("新建3个和5个项目", [("3", "个"), ("5", "个")]),  # counts are counts
        ("2019、2020年", []),  # years are no figures
    ],
)
def test_a_unit_shared_by_a_list(text, read):
    assert [(q.value, q.unit) for q in find_quantities(text)] == read


def test_a_fall_shared_by_a_list():
    """分别下降5.1%和6.2%: both fall; a figure with a verb of its own keeps it."""
    signs = [q.value_base for q in find_quantities("分别下降5.1%和6.2%，分别下降0.1、1.6个百分点")]
    assert signs == [-5.1, -6.2, -0.1, -1.6]
    assert [q.value_base for q in find_quantities("分别下降5%、增长6%")] == [-5.0, 6.0]


def test_a_size_word_naming_a_class_of_units_is_no_figure():
    """原煤产量千万吨以上县(市): the counties of that size, not a figure of 1000万吨."""
    assert find_quantities("全国原煤产量千万吨以上县(市)中") == []
    assert find_quantities("原煤产量千万吨以上的地(市)前十位") == []
    assert [q.text for q in find_quantities("全市GDP突破千亿元")] == ["千亿元"]


@pytest.mark.parametrize(
    "text, read",
    [
        ("4个小时内可达北京", ("4", "个小时", "le")),  # a reach is at most
        ("处于经济圈400公里范围内", ("400", "公里", "le")),
        ("迈上4千亿元台阶", ("4", "千亿元", "ge")),  # a step reached is at least
        ("面积800平方公里内蒙古", ("800", "平方公里", "eq")),  # 内 of a name
    ],
)
def test_reaches_and_steps(text, read):
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.qualifier) == read


def test_a_three_sector_triple_named_earlier_in_its_sentence_and_signed():
    """三次产业占比由2018年的5.7:49.3:45.0，优化为6.6:45.8:47.6: both triples are shares, the
    name standing before the first; a contribution may be negative (-1.6:8.0:93.6); a triple
    that names no structure, or does not add up to 100, is no figure."""
    qs = find_quantities("三次产业占比由2018年的5.7:49.3:45.0，进一步优化为6.6:45.8:47.6。")
    assert [q.text for q in qs] == ["5.7", "49.3", "45.0", "6.6", "45.8", "47.6"]
    assert {q.unit for q in qs} == {"%"}
    qs = find_quantities("三次产业对经济增长的贡献率分别是-1.6:8.0:93.6。")
    assert [q.value for q in qs] == ["-1.6", "8.0", "93.6"]
    assert find_quantities("比赛比分为3:1:2。") == []
    assert find_quantities("三次产业结构为1:2:3。") == []


def test_tenths_and_the_first_place():
    """占比超六成 is more than six tenths (60%); 居全省首位 is the first rank; 七成新 and 一成不变
    are no figures."""
    (q,) = find_quantities("制造业占比超六成。")
    assert (q.text, q.value, q.unit, q.qualifier, q.base_unit, q.value_base) == (
        "六成", "6", "成", "gt", "percent", 60.0)  # fmt: skip
    (q,) = find_quantities("增幅居全省首位。")
    assert (q.value, q.base_unit) == ("1", "rank")
    assert find_quantities("这台车七成新，一成不变。") == []


def test_kilowatt_hours_said_as_du_and_counts_of_ears_and_logs():
    """亿度 after a scale word is kilowatt-hours (年用电量突破43亿度); a bare 7度 is a temperature
    and no figure here; ears of corn (亿穗) and mushroom logs (万棒) are counts."""
    (q,) = find_quantities("年用电量突破43亿度。")
    assert (q.text, q.unit, q.base_unit, q.value_base, q.qualifier) == (
        "43亿度", "亿度", "kWh", 4.3e9, "gt")  # fmt: skip
    (q,) = find_quantities("总发电量达4亿多度。")
    assert (q.text, q.unit, q.qualifier) == ("4亿多度", "亿度", "gt")
    assert find_quantities("年均气温7度。") == []
    qs = find_quantities("年加工量达4.8亿穗，食用菌110万棒。")
    assert [(q.unit, q.base_unit) for q in qs] == [("亿穗", "count"), ("万棒", "count")]


def test_the_yue_of_signing_is_not_about():
    """签约11个项目 signs eleven; 约11个项目 is about eleven; 节约3000吨 saves three thousand."""
    qs = find_quantities("会议签约11个项目，约11个项目落地，节约3000吨标煤。")
    assert [q.qualifier for q in qs] == ["eq", "approx", "eq"]


def test_ranks_said_as_top_n_or_on_a_list_and_shares_with_the_ratio_sign():
    """TOP3 and 榜单前五 are ranks within the top three and five; a three-sector triple may be
    printed with the ratio sign (2.9∶52.5∶44.6)."""
    qs = find_quantities("大同跻身全国“网红城市”TOP3，位列“显著增长客源地”榜单前五。")
    assert [(q.text, q.value, q.base_unit, q.qualifier) for q in qs] == [
        ("TOP3", "3", "rank", "le"), ("前五", "5", "rank", "le")]  # fmt: skip
    assert find_quantities("STOP3") == []
    qs = find_quantities("三次产业结构比重为2.9∶52.5∶44.6。")
    assert [(q.text, q.unit) for q in qs] == [("2.9", "%"), ("52.5", "%"), ("44.6", "%")]


def test_compatibility_and_latin_area_units_and_wafers():
    """建筑面积1万㎡, 面积:25157.64km², 日最大产能达210万片: the unit is read, not dropped."""
    q = {x.text: x for x in find_quantities("建筑面积1万㎡，面积:25157.64km²，日产210万片。")}
    assert q["1万㎡"].base_unit == "m2" and q["1万㎡"].value_base == 10000
    assert q["25157.64km²"].base_unit == "km2"
    assert q["210万片"].base_unit == "count" and q["210万片"].value_base == 2_100_000


def test_a_bare_scale_measures_what_the_noun_before_it_counts():
    """人口32万, GDP却超129亿, 发电量4.94亿: people, yuan and kWh (the unit stays as printed);
    新增就业3万 names no such noun right before it and stays a count."""
    q = {x.text: x for x in find_quantities("人口32万 GDP却超129亿。发电量4.94亿。新增就业3万。")}
    assert (q["32万"].unit, q["32万"].base_unit, q["32万"].value_base) == ("万", "person", 320000)
    assert q["129亿"].base_unit == "CNY" and q["4.94亿"].base_unit == "kWh"
    assert q["3万"].base_unit == "count"


def test_a_bare_scale_counts_the_people_named_after_it():
    """46万贫困人口, 20多万贫困劳动力, 3500万山西人民, 50万游客: people, the unit as printed (万);
    5.3万市场主体 are firms, not people."""
    text = ("忻州46万贫困人口脱贫。带动20多万贫困劳动力。3500万山西人民。约有50万游客。"
            "惠及5.3万市场主体。")  # fmt: skip
    q = {x.text: x for x in find_quantities(text)}
    assert {q[k].base_unit for k in ("46万", "20多万", "3500万", "50万")} == {"person"}
    assert (q["46万"].unit, q["46万"].value_base) == ("万", 460000)
    assert q["5.3万"].base_unit != "person"


def test_densities_rates_a_day_and_square_metres_as_printed():
    """人口密度124.9人/平方公里, 路网密度90.89公里/百平方公里 (0.9089 km per km²),
    399公里/万平方公里, 1.8公里/万人, 18万立方米/日, 3.6万平米: each whole, with its base unit."""
    text = ("密度124.9人/平方公里，路网密度90.89公里/百平方公里，399公里/万平方公里，"
            "人均1.8公里/万人，能力18万立方米/日，立面3.6万平米。")  # fmt: skip
    got = {x.text: (x.unit, x.base_unit, x.value_base) for x in find_quantities(text)}
    assert got["124.9人/平方公里"] == ("人/平方公里", "person_per_km2", 124.9)
    assert got["90.89公里/百平方公里"][1:] == ("km_per_km2", pytest.approx(0.9089))
    assert got["399公里/万平方公里"][1:] == ("km_per_km2", pytest.approx(0.0399))
    assert got["1.8公里/万人"][:2] == ("公里/万人", "km_per_10k_people")
    assert got["18万立方米/日"] == ("万立方米/日", "m3_per_day", 180000)
    assert got["3.6万平米"] == ("万平米", "m2", 36000)


def test_a_blank_before_a_common_unit_and_ranks_said_in_words():
    """A page that prints a blank before its units (共置换出羊4780 只, 涉及10 个乡镇) is read, but
    not a blank before 期 (2013年 1 期 is an issue); ranks said as 居首, 榜首, 前行至第3位 and
    进入前20强 are ranks, and so is each ordinal of a list of them (第2、3、4位)."""
    assert [(q.value, q.unit) for q in find_quantities("共置换出羊4780 只，涉及10 个乡镇")] == [
        ("4780", "只"),
        ("10", "个"),
    ]
    assert find_quantities("第2013年 1 期") == []
    sectors = find_quantities("全省第一、二、三产业增加值分别增长3%、5%、6%")
    assert not [q for q in sectors if q.base_unit == "rank" and q.text in ("二", "三")]
    for text, span, value in [
        ("吕梁以7.4%的增速全省居首", "首", "1"),
        ("数量位列榜首", "榜首", "1"),
        ("从2017年全省排名第8位前行至第3位", "第8位", "8"),
        ("从2017年全省排名第8位前行至第3位", "第3位", "3"),
        ("综合实力在中部地区进入前20强", "前20强", "20"),
        ("分别以2311.1亿元、2071.4亿元分列山西第2、3、4位", "3", "3"),
        ("分别以2311.1亿元、2071.4亿元分列山西第2、3、4位", "4位", "4"),
    ]:
        ranks = [q for q in find_quantities(text) if q.base_unit == "rank"]
        assert any(q.text == span and q.value == value for q in ranks), (text, ranks)


def test_a_rank_after_a_year_or_a_count_of_places():
    """排行榜由2021年的第55位跃居为2022年的第6位, 位居山西11市首位: ranks, with a year or a count of
    the places ranked between the ranking word and the ordinal; 第11市 alone is no rank."""
    qs = find_quantities("品牌排行榜由2021年的第55位跃居为2022年的第6位。GDP增速位居山西11市首位。")
    assert [(q.text, q.value) for q in qs if q.base_unit == "rank"] == [
        ("第55位", "55"), ("第6位", "6"), ("首位", "1")]  # fmt: skip
    assert [q.base_unit for q in find_quantities("实施第一批试点。")] == []


def test_a_life_expectancy_a_hospital_stay_and_a_rate_per_100000():
    """人均预期寿命达到80.81岁, 平均住院日为8.25日, 孕产妇死亡率2.23/10万: read with their units;
    a person's age (69岁老农) and a date's day (3月5日) are no figures."""
    q = {x.text: x for x in find_quantities(
        "人均预期寿命达到80.81岁，平均住院日为8.25日，孕产妇死亡率下降到2.23/10万。"
        "这位69岁老农3月5日说。")}  # fmt: skip
    assert (q["80.81岁"].value, q["80.81岁"].base_unit) == ("80.81", "year_of_age")
    assert (q["8.25日"].value, q["8.25日"].base_unit) == ("8.25", "day")
    assert (q["2.23/10万"].value, q["2.23/10万"].base_unit) == ("2.23", "per_100k")
    assert set(q) == {"80.81岁", "8.25日", "2.23/10万"}


def test_transport_work_in_passenger_and_tonne_kilometres():
    """旅客周转量226.61亿人公里, 货物周转量5711.81亿吨公里: transport work, not people or tonnes
    (read so before, they were refused as more people and tonnes than any figure has)."""
    text = "旅客周转量226.61亿人公里，货物周转量5711.81亿吨公里。"
    q = {x.text: x for x in find_quantities(text)}
    assert q["226.61亿人公里"].base_unit == "passenger_km"
    assert q["5711.81亿吨公里"].value_base == 5711.81e8
    assert q["5711.81亿吨公里"].base_unit == "tonne_km"


def test_two_neighbouring_digits_are_a_rough_range_and_train_runs_are_counted():
    """六七万元 is 6 to 7 万元 (read before as 67), 十五六万人 15 to 16 万人; 8趟动车 counts
    train runs; 二〇二三 stays a digit string."""
    q = {x.text: x for x in find_quantities("一年能赚六七万元，十五六万人，新增8趟动车。")}
    assert (q["六七万元"].value, q["六七万元"].value_high, q["六七万元"].qualifier) == (
        "6", "7", "range")  # fmt: skip
    assert (q["十五六万人"].value, q["十五六万人"].value_high) == ("15", "16")
    assert q["8趟"].base_unit == "count"
    assert [x.value for x in find_quantities("二〇二三年建成五六个")] == ["5"]


def test_a_share_of_a_whole_named_before_it_or_after_over():
    """全国1/4以上的煤来自山西, 覆盖全国2/3以上省份 and 超过全国总量的四分之一 are shares of
    a whole, in percent (the last more than it); 2/3 in a page count stays no figure."""
    text = "70年来全国1/4以上的煤来自山西，覆盖全国2/3以上省份，超过全国总量的四分之一。"
    got = [(q.text, str(q.value), q.unit, q.qualifier) for q in find_quantities(text)]
    assert got == [("1/4", "25.00", "%", "ge"), ("2/3", "66.67", "%", "ge"),
                   ("四分之一", "25.00", "%", "gt")]  # fmt: skip
    assert [q.text for q in find_quantities("第2/3页")] == []
