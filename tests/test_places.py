"""Places: townships (乡, 镇) are read off the text by a general rule, never from a list."""

from __future__ import annotations

import pytest

from reportbook import places


def _townships(sentence: str) -> list[str]:
    return [p.name for _a, _b, p in places.townships(sentence)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("去年，石岭镇新建温室大棚40座。", ["石岭镇"]),
        ("合作社设在青松乡的三个村。", ["青松乡"]),
        ("宁武县东寨乡种植面积达到800亩。", ["东寨乡"]),
        ("县城所在地為白石鎮(zhèn)。", ["白石鎮"]),
    ],
)
def test_a_proper_name_before_xiang_or_zhen_is_a_township(sentence, expected):
    assert _townships(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "推进城乡融合发展，城镇化率达到60%。",
        "全县14个乡镇全部通上天然气。",
        "被授予“中国小米之乡”称号，一批青年返乡创业。",
        "打造黄酒专业镇和特色小镇，古镇游客增长。",
        "投身乡村振兴，送戏下乡50场。",
        "现辖6镇、8乡。",
        "全乡镇企业产值增长5%。",
    ],
)
def test_common_words_ending_in_xiang_or_zhen_are_not_townships(sentence):
    assert _townships(sentence) == []


def test_a_county_short_name_before_zhen_is_not_read_as_a_township():
    # 五台 is the county's short name; 五台镇 would need the gazetteer to tell
    assert _townships("在五台镇举办活动3场。") == []


def test_a_county_then_its_township_is_one_mention_of_the_township():
    ms = places.mentions("静乐县青松乡种植户303户。")
    assert [(m.text, m.place.level) for m in ms] == [("青松乡", places.LEVEL_TOWNSHIP)]


def test_the_township_words_are_mentions_without_a_place():
    ms = places.mentions("当年，全乡收入达246万元。")
    assert [(m.text, m.place) for m in ms] == [("全乡", None)]
    assert places.is_township("青松乡") and not places.is_township("静乐县")


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://www.sxxz.gov.cn/ggsj/sjfx/202006/t1.shtml", "忻州市"),
        ("https://tjj.sxjz.gov.cn/tjfx/content_1", "晋中市"),
        ("http://fgw.shuozhou.gov.cn/fggz/t1.html", "朔州市"),
        ("http://xinzhou.sxgov.cn/content/1.html", "忻州市"),
        ("http://www.daixian.gov.cn/dxzw/t1.html", "代县"),
        ("https://www.lvliang.gov.cn/a", "吕梁市"),
        ("http://www.shanxi.gov.cn/a", "山西省"),
        # a repost says nothing about whose text it is, nor does a name outside gov.cn
        ("https://www.xinzhoushizx.com/a", None),
        ("https://xinzhou.example.com/a", None),
        ("http://www.sxzhongyang.gov.cn/a", None),  # not in the table: no guess
        ("", None),
        (None, None),
    ],
)
def test_a_government_address_names_its_place(url, expected):
    site = places.from_address(url)
    assert (site.name if site else None) == expected


def test_every_province_is_a_place_and_its_own_count_is_not_a_yardstick():
    """前十位的包括内蒙古自治区3家、陕西省1家、山东省1家: each count is that province's; a
    number right after a place in a comparison (高于全省、全国2.5个和1.3个百分点) still makes
    it a yardstick."""
    found = places.mentions("包括内蒙古自治区3家、陕西省1家、山东省1家")
    assert [(m.place.name, m.is_reference) for m in found] == [
        ("内蒙古自治区", False), ("陕西省", False), ("山东省", False)]  # fmt: skip
    found = places.mentions("分别高于全省、全国2.5个和1.3个百分点")
    assert [m.is_reference for m in found] == [True, True]
    assert not places.mentions("我市5个产煤县")[0].is_reference


def test_the_next_whole_of_a_list_of_shares_is_a_yardstick_too():
    found = places.mentions("产量占到全省的80%、全国清香型白酒的20%")
    assert [(m.text, m.is_reference) for m in found] == [("全省", True), ("全国", True)]


def test_places_a_list_sums_and_names_made_of_places():
    """吕梁、临汾…朔州等5个地级市, 湖北、浙江等省市: the parts a list sums, none the
    subject; 山西商会 is an organisation; 来自镇江 is no township 来自镇."""
    ms = places.mentions("分别位于吕梁、临汾、忻州、太原、朔州等5个地级市的7个县区")
    assert len(ms) == 5 and all(m.is_reference for m in ms)
    ms = places.mentions("来自镇江、南京以及湖北、浙江等省市的山西商会的110位商界精英")
    assert [m.text for m in ms] == ["镇江", "南京", "湖北", "浙江"]
    assert all(m.is_reference for m in ms)


def test_a_firm_institute_or_park_named_for_the_province_is_not_the_province():
    """山西待见生物沙棘饮料, 山西省冶金炭素材料工程研究中心, 山西建筑产业现代化长治园区: names;
    山西省重点工程建设项目 and 全省 are still the province."""
    for s in ("山西待见生物沙棘饮料项目建设完工", "申报山西省冶金炭素材料工程研究中心等4个省级中心",
              "山西建筑产业现代化长治园区拔地而起"):  # fmt: skip
        assert [m.text for m in places.mentions(s) if m.place and m.place.name == "山西省"] == []
    assert places.mentions("山西省重点工程建设项目1099项")[0].place.name == "山西省"


def test_a_zone_of_a_city_is_that_city_but_a_name_made_of_it_is_not():
    """太原片区 (of the comprehensive reform zone) and 忻州片区 are parts of those cities; 五台山
    and 忻州古城 stay names of their own."""
    for s, name in (
        ("推动太原片区132个项目签约落地", "太原市"),
        ("太忻一体化经济区忻州片区", "忻州市"),
    ):
        assert [m.place.name for m in places.mentions(s) if m.place] == [name], s
    assert [m.text for m in places.mentions("五台山景区接待游客") if m.place] == []


def test_a_citys_report_under_the_provinces_name_is_the_citys():
    """A headline naming the province (a provincial site's, 山西省人民政府) over a text that
    never speaks of the province's whole and speaks of a city's again and again (近年来，忻州市
    …全市…全市…全市…) is the city's; 山西省政府工作报告 (全省…) stays the province's."""
    title = "杂粮山西省人民政府"
    text = (
        title
        + "\n近年来，忻州市聚焦特色农业。全市培育合作社13968个。全市家庭农场4286个。"
        + "全市杂粮居全省之首。"
    )
    assert places.home_of(title, text).name == "忻州市"
    text = "山西省政府工作报告\n全省地区生产总值增长5%。忻州市、吕梁市…全市"
    assert places.home_of("山西省政府工作报告", text).name == "山西省"


def test_a_short_name_that_is_a_word_is_a_place_after_the_provinces_name():
    """平定 (to pacify) and 和顺 (gentle) are read only by their full names, but 山西平定 and
    山西和顺 (a headline's 山西平定：文旅融合…) name the counties."""
    for s, name in (("山西平定：文旅融合点燃", "平定县"), ("山西和顺县城", "和顺县")):
        assert [m.place.name for m in places.mentions(s) if m.place] == [name], s
    assert [m.text for m in places.mentions("平定叛乱") if m.place] == []


def test_a_headline_naming_a_landmark_is_about_its_city():
    """山西五台山国际文化旅游月…: Xinzhou's landmark, not the province; a headline that names a
    city keeps it, and a landmark named only in the body says nothing of the text's place."""
    body = "据统计，活动期间进山购票游客达61.8万人次，门票收入2381万元。"
    assert places.home_of("山西五台山国际文化旅游月购票游客达61.8万人次", body).name == "忻州市"
    assert places.home_of("大同市游客赴五台山旅游人数大增", body).name == "大同市"
    province = places.home_of("山西省旅游月闭幕", "全省游客到五台山。全省接待游客1000万人次。")
    assert province.name == "山西省"


def test_a_citys_report_naming_its_counties_in_passing_is_the_citys():
    """全市…我市…全市 again and again, never 全县, and 应县 named twice in lists of counties: the
    city's report (a county-level city's 全市 is its own: 原平市 keeps it)."""
    text = ("2024年，我市粮食生产迈上新台阶。全市粮食总产25.93亿斤。应县、朔城区、山阴县跻身"
            "全国粮食产能重点提升县。全市农业产业化经营组织达到1800多家。"
            "应县南河种镇创建全国产业强镇。")  # fmt: skip
    assert places.home_of("介绍2024年全市农业农村工作", text).name == "朔州市"
    text = "原平市…。全市粮食总产10亿斤。全市…。我市…。原平市工业增长5%。"
    assert places.home_of("", text).name == "原平市"


def test_a_national_release_lists_provinces_by_their_short_names():
    """国家统计局公布…全国分省原煤产量: the text is the country's; 陕西原煤产量,
    山西、陕西分列二三位, 新疆 and the variant 陜西 are provinces, and 分别为内蒙古、山西… lists
    them as subjects."""
    got = [(m.text, m.place.name, m.is_reference) for m in places.mentions(
        "分别为内蒙古、山西、陜西、新疆，陕西原煤产量增长，山西、陕西分列二三位。")]  # fmt: skip
    assert got == [("内蒙古", "内蒙古自治区", False), ("山西", "山西省", False),
                   ("陜西", "陕西省", False), ("新疆", "新疆维吾尔自治区", False),
                   ("陕西", "陕西省", False), ("山西", "山西省", False),
                   ("陕西", "陕西省", False)]  # fmt: skip
    assert [m.text for m in places.mentions("上海新升半导体落地")] == []  # (a firm, still)
    text = ("国家统计局近日公布了2016年12月全国分省原煤产量，数据显示12月全国原煤产量31097.8万吨。"
            "2016年全年累计原煤产量336398.5万吨。")  # fmt: skip
    assert places.home_of("2016年12月全国分省原煤产量", text).name == "全国"
    assert places.home_of("", "全县原煤产量31097.8万吨，占全国的5%。") is None


def test_a_place_naming_the_first_of_a_counted_set_is_no_subject():
    """阳高等7项…配套电网工程: 阳高 names one of seven works, so the count is not Yanggao's;
    山西省5家 stays the province's own count."""
    got = [(m.text, m.is_reference) for m in places.mentions("开工建设阳高等7项配套电网工程")]
    assert got == [("阳高", True)]
    assert [m.is_reference for m in places.mentions("山西省5家企业入选")] == [False]


def test_the_one_place_a_text_names_under_a_bare_shanxi_headline_is_its_subject():
    """A provincial site's item headed [山西狠抓规模健康养殖…] whose text speaks of 偏关县 alone
    (its headline printed again first) is about the county; one that speaks of 全省 is not."""
    title = "[山西狠抓规模健康养殖,推进羊产业发展]产业规模"
    body = title + "\n今年偏关县按照发展路径,狠抓五项建设。全年计划建设标准化养殖小区5个。"
    assert places.home_of(title, body).name == "偏关县"
    body = title + "\n今年全省狠抓五项建设,偏关县实际完成养殖小区6个。"
    assert places.home_of(title, body).name == "山西省"


def test_the_place_a_clause_names_as_the_one_with_the_largest_fall_is_its_subject():
    """降幅最大的为新疆，同比下降11.8%: 新疆 is named as the subject, not as a yardstick (为 before
    a place is a comparison elsewhere: 占比为全省…)."""
    s = "降幅最大的为新疆,同比下降11.8%,其次为河南省,同比下降4.2%。"
    assert [m.is_reference for m in places.mentions(s)] == [False, False]
