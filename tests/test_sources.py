"""The source registry, raw bytes, corrections, cache and ingest (in a copy of the project)."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from reportbook import normalize, sources
from reportbook import paths as paths_mod

ROOT = Path(__file__).resolve().parent.parent
ECON = "xinzhou-2024-economic-work"
SEVEN = "xinzhou-2023-seven-levels"
KNOWN_SHA = {
    SEVEN: "3d11f41a60f2c29cb16ccb15486939a6158aa713a741fc7eb83f04104aaa9d24",
    ECON: "a17dbcb5ec11f8a3da99c056db29cdc9232a1251e153115c89b347f316c0369d",
}
DATONG = (
    "大同市加快推进产业转型\n\n2024年5月20日，大同市召开会议，部署全年经济工作。"
    "大同将继续发展新能源产业，全年地区生产总值增长５％。\n"
)


@pytest.fixture
def project(tmp_path) -> paths_mod.Paths:
    """A copy of the project's data (sources + corrections) to change freely."""
    (tmp_path / "data").mkdir()
    shutil.copytree(ROOT / "data" / "sources", tmp_path / "data" / "sources")
    shutil.copy(ROOT / "data" / "corrections.yml", tmp_path / "data" / "corrections.yml")
    shutil.copytree(ROOT / "data" / "schemas", tmp_path / "data" / "schemas")
    for f in (tmp_path / "data" / "sources").iterdir():
        f.chmod(0o644)  # let pytest clean up; ingest's own copies are read-only
    return paths_mod.project(tmp_path)


def _snapshot(p: paths_mod.Paths) -> dict[str, bytes]:
    return {str(f.relative_to(p.root)): f.read_bytes() for f in p.data.rglob("*") if f.is_file()}


# --------------------------------------------------------------------------- registry


def test_registry_is_valid():
    p = paths_mod.project(ROOT)
    assert sources.registry_problems(p) == []
    entries = sources.load_registry(p)
    assert [e["id"] for e in entries] == [SEVEN, ECON]
    for e in entries:
        assert e["sha256"] == KNOWN_SHA[e["id"]]
        assert e["region"] == "忻州"
        assert e["encoding"] == "utf-8"
        raw = (p.sources_dir / e["file"]).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == e["sha256"]  # raw files are untouched
    assert sources.get(p, ECON)["original_file"] == "000_5127df4c04070a0d.txt"


def test_registry_problems_are_all_reported(project):
    data = yaml.safe_load(project.sources_yml.read_text("utf-8"))
    e0, e1 = data["sources"]
    del e0["title"]
    e0["date"] = "2023-13"
    e0["colour"] = "red"
    e1["id"] = e0["id"]
    e1["date_precision"] = "week"
    project.sources_yml.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    problems = sources.registry_problems(project)
    text = "\n".join(problems)
    assert "missing field 'title'" in text
    assert "date must be" in text
    assert "unknown field 'colour'" in text
    assert f"id '{SEVEN}' is used 2 times" in text
    assert "date_precision must be one of" in text
    assert all("sources.yml" in msg for msg in problems)
    with pytest.raises(sources.SourceError, match="sources.yml"):
        sources.load_registry(project)


def test_the_same_problem_in_two_entries_names_each_entry_and_line(project):
    """Entries are validated one by one and remembered (a registry is checked again after every
    ingest): two entries with the same bad field are still two problems, each at its line."""
    text = project.sources_yml.read_text("utf-8")
    data = yaml.safe_load(text)
    for e in data["sources"]:
        e["date_precision"] = "week"
    data["extra"] = 1
    project.sources_yml.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    for _ in range(2):  # the second time from the remembered errors
        problems = [m for m in sources.registry_problems(project) if "week" in m]
        assert [m.split("entry ")[1][:1] for m in problems] == ["1", "2"], problems
        lines = [int(re.search(r"sources.yml:(\d+)", m).group(1)) for m in problems]
        assert lines[0] < lines[1], problems
        assert any("unknown field 'extra'" in m for m in sources.registry_problems(project))


def test_tampered_raw_file_is_refused(project):
    f = project.sources_dir / f"{SEVEN}.txt"
    f.write_bytes(f.read_bytes() + b"x")
    with pytest.raises(sources.SourceError, match="restore"):
        sources.raw_bytes(project, SEVEN)
    assert any("sha256" in msg for msg in sources.registry_problems(project))


def test_unknown_id(project):
    with pytest.raises(sources.SourceError, match="no source with id 'nope'"):
        sources.get(project, "nope")


# --------------------------------------------------------------------------- normalized


def test_normalized_applies_corrections_and_caches(project):
    norm = sources.normalized(project, ECON)
    assert norm.report()["spans_repaired"] == 6
    assert "坚持扩总量" in norm.text and "底气。”" in norm.text
    assert sources.normalized(project, ECON) is norm  # memoized
    cached = list((project.cache / "normalized").glob(f"{ECON}-*.json"))
    assert len(cached) == 1
    sources._MEMO.clear()
    again = sources.normalized(project, ECON)  # from the disk cache
    assert again.text == norm.text and again.offsets == norm.offsets
    assert again.raw_bytes(0, 10) == norm.raw_bytes(0, 10)
    assert again.repairs == norm.repairs
    # a new correction invalidates the cache key
    assert sources.load_corrections(project, ECON)[0]["reviewer"] == "reportbook maintainers"


def test_stale_correction_names_the_file(project):
    data = yaml.safe_load(project.corrections_yml.read_text("utf-8"))
    data["corrections"][0]["damaged"] = "不在文中"
    data["corrections"][0]["raw_start"] = None
    project.corrections_yml.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    sources._MEMO.clear()
    with pytest.raises(sources.SourceError, match="corrections.yml"):
        sources.normalized(project, ECON, use_cache=False)


def test_span_report(project):
    out = sources.span_report(project, ECON, 0, 4)
    assert "京津冀协" in out and "協(xié)" in out and "e4 ba ac" in out
    with pytest.raises(sources.SourceError, match="outside"):
        sources.span_report(project, ECON, 0, 10**6)


# --------------------------------------------------------------------------- ingest


def test_ingest_defaults(project, tmp_path):
    doc = tmp_path / "大同 report.TXT"
    doc.write_bytes(DATONG.encode("gbk"))
    before = project.sources_yml.read_text("utf-8")
    entry, norm = sources.ingest(project, doc)
    assert entry["id"] == "2024-05-20-" + hashlib.sha256(doc.read_bytes()).hexdigest()[:8]
    assert entry["file"] == entry["id"] + ".txt"
    assert entry["original_file"] == "大同 report.TXT"
    assert entry["encoding"] == "gbk"
    assert entry["title"] == "大同市加快推进产业转型" and entry["title_is_descriptive"] is True
    assert entry["date"] == "2024-05-20" and entry["date_precision"] == "day"
    assert entry["date_basis"] == "inferred"
    assert entry["region"] == "大同"
    stored = project.sources_dir / entry["file"]
    assert stored.read_bytes() == doc.read_bytes()
    after = project.sources_yml.read_text("utf-8")
    assert after.startswith(before.rstrip("\n"))  # comments and entries kept as they were
    assert sources.registry_problems(project) == []
    assert sources.get(project, entry["id"])["sha256"] == entry["sha256"]
    assert "增长5%" in norm.text
    report = sources.format_report(entry, norm)
    for words in ("encoding     gbk", "annotations", "traditional -> simplified", "damaged"):
        assert words in report
    again = sources.normalized(project, entry["id"])
    assert again.text == norm.text


def test_ingest_with_options(project, tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_bytes(("忻州市推動經濟發展。" * 3).encode("big5"))
    entry, norm = sources.ingest(
        project,
        doc,
        source_id="xinzhou-test",
        title="忻州测试",
        date="2024-04",
        publisher="某报",
        url="https://example.org/a",
    )
    assert entry["id"] == "xinzhou-test" and entry["title_is_descriptive"] is False
    assert entry["date"] == "2024-04" and entry["date_precision"] == "month"
    assert entry["date_basis"] == "given" and entry["date_inferred"] is None
    assert entry["region"] == "忻州" and entry["encoding"] == "big5"
    assert entry["script"].startswith("traditional")
    assert norm.text == "忻州市推动经济发展。" * 3
    loaded = sources.get(project, "xinzhou-test")
    assert loaded["publisher"] == "某报" and loaded["date"] == "2024-04"


def test_ingest_no_region(project, tmp_path):
    doc = tmp_path / "x.txt"
    doc.write_text("这是一份关于全国经济的报告。", "utf-8")
    entry, _ = sources.ingest(project, doc, source_id="national")
    assert entry["region"] is None and entry["date"] is None
    assert entry["date_precision"] == "unknown"
    assert sources.registry_problems(project) == []


def test_ingest_region_from_a_government_address(project, tmp_path):
    """A monthly report on the city's statistics site that only says 全市: the region is the
    site's city, and the report says so; on any other site, or with a region given, it is not."""
    doc = tmp_path / "monthly.txt"
    doc.write_text("1-5月份，全市规上工业增加值同比增长3.4%。", "utf-8")
    entry, norm = sources.ingest(
        project, doc, source_id="monthly", date="2020-06-24",
        url="http://tjj.sxxz.gov.cn/tjfx/202006/t20200624_1.shtml",
    )  # fmt: skip
    assert (entry["region"], entry["region_en"], entry["region_basis"]) == (
        "忻州市", "Xinzhou", "address")  # fmt: skip
    assert "from the address" in sources.format_report(entry, norm)
    assert sources.registry_problems(project) == []
    doc2 = tmp_path / "repost.txt"
    doc2.write_text("1-5月份，全市投资增长8.1%。", "utf-8")
    entry2, norm2 = sources.ingest(project, doc2, source_id="repost", date="2020-06-24",
                                   url="https://www.example.com/news/1.html")  # fmt: skip
    assert entry2["region"] is None and "stays out of the chapters" in sources.format_report(
        entry2, norm2
    )
    doc3 = tmp_path / "given.txt"
    doc3.write_text("1-5月份，全市消费增长2.1%。", "utf-8")
    entry3, _ = sources.ingest(project, doc3, source_id="given", date="2020-06-24",
                               url="http://tjj.sxxz.gov.cn/x.html", region="代县")  # fmt: skip
    assert (entry3["region"], entry3["region_basis"]) == ("代县", "given")


@pytest.mark.parametrize(
    ("name", "data", "kwargs", "words"),
    [
        ("empty.txt", b"", {}, "empty"),
        ("doc.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4, {}, "PDF"),
        ("img.png", b"\x89PNG\r\n\x1a\n" + bytes(200), {}, "PNG"),
        ("bad.txt", "中文".encode() + b"\xff\xfe\xfd\x80\x81\xff" * 20, {}, "not valid UTF-8"),
        ("dup.txt", None, {}, "already ingested as 'xinzhou-2023-seven-levels'"),
        ("new.txt", "忻州新闻。".encode(), {"source_id": SEVEN}, "already exists"),
        ("new2.txt", "忻州新闻。".encode(), {"source_id": "Bad ID"}, "lowercase"),
        ("new3.txt", "忻州新闻。".encode(), {"date": "April 2024"}, "--date"),
        ("missing.txt", "absent", {}, "no such file"),
    ],
)
def test_ingest_bad_input_changes_nothing(project, tmp_path, name, data, kwargs, words):
    doc = tmp_path / name
    if data is None:
        doc.write_bytes((project.sources_dir / f"{SEVEN}.txt").read_bytes())
    elif data != "absent":
        doc.write_bytes(data)
    before = _snapshot(project)
    with pytest.raises(sources.SourceError, match=words) as info:
        sources.ingest(project, doc, **kwargs)
    assert _snapshot(project) == before
    msg = str(info.value)
    assert name in msg or kwargs.get("source_id", "@") in msg or "--date" in msg


def test_raw_sources_never_modified():
    for sid, sha in KNOWN_SHA.items():
        raw = (ROOT / "data" / "sources" / f"{sid}.txt").read_bytes()
        assert hashlib.sha256(raw).hexdigest() == sha


def test_decode_error_is_value_error():
    assert issubclass(normalize.DecodeError, ValueError)
    assert issubclass(sources.SourceError, ValueError)


def test_ingest_many_is_one_transaction(project, tmp_path):
    """Many documents at once: every one is checked before anything is written, and the
    registry is written once; a refusal names the file and leaves the data as it was."""
    docs = []
    for n in range(3):
        f = tmp_path / f"news-{n}.txt"
        f.write_text(f"忻州新闻{n}。\n2024年，忻州市地区生产总值增长{n + 4}.1%。\n", "utf-8")
        docs.append({"path": f, "source_id": f"news-{n}", "date": "2024-05", "title": f"新闻{n}"})
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"   \n")
    before = _snapshot(project)
    with pytest.raises(sources.SourceError, match="bad.txt: the file holds only white space"):
        sources.ingest_many(project, [*docs, {"path": bad}])
    assert _snapshot(project) == before
    same = {"path": docs[0]["path"], "source_id": "news-again"}
    with pytest.raises(sources.SourceError, match="already ingested as 'news-0'"):
        sources.ingest_many(project, [*docs, same])  # a duplicate within the batch
    assert _snapshot(project) == before
    entries = sources.ingest_many(project, docs)
    assert [e["id"] for e in entries] == ["news-0", "news-1", "news-2"]
    assert [e["id"] for e in sources.load_registry(project)][-3:] == ["news-0", "news-1", "news-2"]
    assert sources.registry_problems(project) == []


def test_one_rule_for_a_sources_url():
    """Ingest, the registry's schema, the sources' pages and the bibliography accept the same
    URLs (markup.SAFE_URL): a URL the check passes is never shown unlinked or dropped."""
    import json

    from reportbook import appendix, cite, markup
    from reportbook.paths import DEFAULT_ROOT

    schema = json.loads((DEFAULT_ROOT / "data/schemas/sources.schema.json").read_text("utf-8"))
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("pattern", "").startswith("^https?"):
                found.append(node["pattern"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    assert found == ["^" + markup.SAFE_URL.pattern + "$"]
    assert sources.URL_RE is markup.SAFE_URL and appendix.SAFE_URL is markup.SAFE_URL
    assert cite.safe_url("https://www.xinzhou.gov.cn/新闻/1.html").endswith(
        "%E6%96%B0%E9%97%BB/1.html"
    )
    assert cite.safe_url("https://a.example/{x}") == ""


# --------------------------------------------------------------------------- duplicates

# An invented press release (simplified, UTF-8), and the same text as a traditional-script
# page would carry it: Big5, pinyin annotations, full-width spaces and other punctuation.
PRESS = (
    "忻州市新能源产业加快发展\n"
    "2024年，忻州市坚持把新能源产业作为转型发展的主攻方向。\n"
    "全市风电装机达到520万千瓦，同比增长12.5%。\n"
    "光伏发电装机达到310万千瓦，比上年末增加45万千瓦。\n"
    "全年新能源发电量完成186亿千瓦时，占全市发电量的41.2%。\n"
    "抽水蓄能电站项目有序推进，累计完成投资38.6亿元。\n"
    "全市新能源产业链重点企业达到63户。\n"
    "绿色能源经济廊道建设取得新进展，签约项目27个。\n"
    "下一步，忻州将继续推进源网荷储一体化项目建设。\n"
    "力争2025年新能源装机占比达到60%以上。\n"
)
PRESS_TRADITIONAL = (
    "忻(xin)州市新能源產業加快發展\n"
    "2024年，忻州市堅持把新能源產業作為轉型發展的主攻方向。\n"
    "全市風電裝機達到520萬千瓦， 同比增長12.5%。\n"
    "光伏發電裝機達到310萬千瓦，比上年末增加45萬千瓦。\n"
    "全年新能源發電量完成186億千瓦時，占全市發電量的41.2%。\n"
    "抽水蓄能電站項目有序推進，累計完成投資38.6億元。\n"
    "全市新能源產業鏈重點企業達到63戶。\n"
    "綠色能源經濟廊道建設取得新進展，簽約項目27個。\n"
    "下一步，忻州將繼續推進源網荷儲一體化項目建設。\n"
    "力爭2025年新能源裝機占比達到60%以上!\n"
)


def test_the_same_text_in_another_encoding_and_script_is_refused_unless_allowed(project, tmp_path):
    """Big5, traditional script, a pinyin annotation and other spacing and punctuation do not
    make another document: ingest names the source it repeats and writes nothing, unless
    asked; then the entry says which source it duplicates, and why."""
    first = tmp_path / "press.txt"
    first.write_text(PRESS, "utf-8")
    sources.ingest(project, first, source_id="press", date="2024-12")
    again = tmp_path / "press-big5.txt"
    again.write_bytes(PRESS_TRADITIONAL.encode("big5"))
    before = _snapshot(project)
    with pytest.raises(sources.SourceError) as info:
        sources.ingest(project, again, source_id="press-again")
    msg = str(info.value)
    assert "press-big5.txt: the same text as 'press'" in msg and "--allow-duplicate" in msg
    assert "nothing was written" in msg
    assert _snapshot(project) == before
    entry, norm = sources.ingest(project, again, source_id="press-again", allow_duplicate=True)
    assert (entry["duplicate_of"], entry["duplicate_basis"], entry["duplicate_share"]) == (
        "press", "same text", 1.0)  # fmt: skip
    assert "--allow-duplicate" in entry["notes"]
    assert "duplicate    the same text as press" in sources.format_report(entry, norm)
    assert sources.get(project, "press-again")["duplicate_of"] == "press"
    assert sources.registry_problems(project) == []
    # byte-identical stays refused, asked or not: one file, one entry
    with pytest.raises(sources.SourceError, match="same sha256"):
        sources.ingest(project, again, source_id="third", allow_duplicate=True)


def test_a_repost_with_another_headline_is_ingested_and_linked(project, tmp_path):
    """A near-duplicate (new headline, page furniture, one sentence cut, one reworded) is
    ingested, with duplicate_of and the share of its sentences the source has; a text that
    shares only some sentences is not linked."""
    first = tmp_path / "press.txt"
    first.write_text(PRESS, "utf-8")
    sources.ingest(project, first, source_id="press", date="2024-12")
    lines = PRESS.split("\n")
    repost = (
        ["首页 > 新闻中心 > 本地要闻", "来源：某某网  2024-12-20", "新能源产业成为忻州转型主攻方向"]
        + lines[1:6] + lines[7:]
    )  # fmt: skip
    doc = tmp_path / "repost.html.txt"
    doc.write_text("\n".join(repost), "utf-8")
    entry, norm = sources.ingest(project, doc, source_id="repost")
    assert entry["duplicate_of"] == "press" and entry["duplicate_basis"] == "sentences"
    assert entry["duplicate_share"] == 1.0  # all of its 8 sentences of substance are press's
    report = sources.format_report(entry, norm)
    assert "a near-duplicate of press (100% of its sentences" in report
    assert "counted once" in report
    assert sources.registry_problems(project) == []
    other = tmp_path / "other.txt"
    added = ["全市煤炭产量完成3.2亿吨，同比增长2.1%。", "全市粮食产量达到25.8亿斤，再创历史新高。",
             "全市城镇新增就业3.1万人，完成年度目标任务。"]  # fmt: skip
    other.write_text("\n".join([*lines[1:4], *added]), "utf-8")
    entry2, _ = sources.ingest(project, other, source_id="other")
    assert "duplicate_of" not in entry2  # 3 of 6 sentences shared: another document


def test_a_repost_within_one_batch_is_linked(project, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(PRESS, "utf-8")
    b.write_text("另一个标题：忻州新能源\n" + PRESS.split("\n", 1)[1], "utf-8")
    entries = sources.ingest_many(
        project, [{"path": a, "source_id": "a"}, {"path": b, "source_id": "b"}]
    )
    assert "duplicate_of" not in entries[0] and entries[1]["duplicate_of"] == "a"
    c = tmp_path / "c.txt"
    c.write_bytes(PRESS_TRADITIONAL.encode("utf-16"))
    before = _snapshot(project)
    with pytest.raises(sources.SourceError, match="c.txt: the same text as 'a'"):
        sources.ingest_many(project, [{"path": c, "source_id": "c"}])
    assert _snapshot(project) == before
    (entry,) = sources.ingest_many(
        project, [{"path": c, "source_id": "c", "allow_duplicate": True}]
    )
    assert entry["duplicate_of"] == "a" and entry["duplicate_basis"] == "same text"


# --------------------------------------------------------------------------- the default title

SCRAPED_PAGE = (
    "• 手机下载\n"
    "忻州市人民政府网\n"
    "首页 新闻 政务 公开 服务\n"
    "首页 > 新闻中心 > 忻州要闻\n"
    "字号：大 中 小\n"
    "【打印】【关闭】\n"
    "来源：忻州日报   2024-04-02 10:20\n"
    "2024年04月02日 星期二\n"
    "分享到：\n"
    "忻州市一季度经济运行稳中向好\n"
    "一季度，全市地区生产总值增长5.6%，高于全省平均水平。\n"
)


def test_default_title_is_the_headline_not_page_furniture(project, tmp_path):
    found = sources.headline(SCRAPED_PAGE)
    assert (found.text, found.line, found.skipped) == ("忻州市一季度经济运行稳中向好", 10, 9)
    doc = tmp_path / "page.txt"
    doc.write_text(SCRAPED_PAGE, "utf-8")
    entry, norm = sources.ingest(project, doc, source_id="page")
    assert entry["title"] == "忻州市一季度经济运行稳中向好"
    assert entry["title_is_descriptive"] is True
    assert "Title taken from the headline (line 10 of the text, after 9 lines" in entry["notes"]
    report = sources.format_report(entry, norm)
    assert "(descriptive title)" in report and "descriptive: the headline (line 10" in report


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("【高质量发展调研行】\n忻州：推进七大能级同步跃升\n当下，忻州推动高质量发展。",
         "忻州：推进七大能级同步跃升"),
        ("返回首页\n[ 2024-05-20 ]\n大同市加快推进产业转型\n全市生产总值增长5%。",
         "大同市加快推进产业转型"),
        ("作者：王利强  编辑：梁艷\n浏览次数：1024\n忻州2024年经济工作综述",
         "忻州2024年经济工作综述"),
        ("• 张掖：璀璨“夜经济”点亮城市新生活\n• 大同：古城焕新颜\n"
         "2024年“端午”假日吕梁旅游市场平稳有序", "2024年“端午”假日吕梁旅游市场平稳有序"),
        ("晋中市统计局\n国家统计局晋中调查队\n晋中市2017年国民经济和社会发展统计公报",
         "晋中市2017年国民经济和社会发展统计公报"),
        ("阳泉市人民政府市长 刘文华\n2023年2月21日在阳泉市第十六届人民代表大会第三次会议上\n"
         "阳泉市政府工作报告摘要", "阳泉市政府工作报告摘要"),
    ],
)  # fmt: skip
def test_headline_skips_each_kind_of_furniture(text, title):
    assert sources.headline(text).text == title


def test_no_headline_when_the_text_starts_with_its_body(project, tmp_path):
    """A text that opens with a paragraph has no headline above it: the title is the first
    line's start, as before, and the report says no line looked like a headline."""
    body = "2024年，忻州市坚持把新能源产业作为转型发展的主攻方向，全市风电装机达到520万千瓦。\n"
    assert sources.headline(body + "小标题：风电发展\n") is None
    assert sources.headline("一、地区生产总值分析\n" + body) is None  # a section, not a title
    doc = tmp_path / "body.txt"
    doc.write_text(body, "utf-8")
    entry, norm = sources.ingest(project, doc, source_id="body")
    assert entry["title"] == body[:40] and entry["title_is_descriptive"] is True
    assert "no line looked like a headline" in sources.format_report(entry, norm)


# --------------------------------------------------------------------------- source set / remove


def _cli(project, *argv) -> int:
    from reportbook import cli

    return cli.main(["--root", str(project.root), *argv])


def test_source_set_changes_one_entry_in_place(project, tmp_path, capsys):
    before = project.sources_yml.read_text("utf-8")
    rc = _cli(project, "source", "set", SEVEN, "--title", "忻州：推进七大能级同步跃升（修订）",
              "--date", "2023-09-15", "--url", "https://www.example.org/7.html",
              "--region", "忻州市", "--publisher", "山西日报")  # fmt: skip
    out = capsys.readouterr().out
    assert rc == 0
    assert f"source {SEVEN}: changed in sources.yml" in out
    title = "'忻州：推进七大能级同步跃升' -> '忻州：推进七大能级同步跃升（修订）'"
    assert f"title                {title}" in out
    assert "date_precision       'month' -> 'day'" in out and "publisher            null" in out
    e = sources.get(project, SEVEN)
    assert (e["title"], e["title_is_descriptive"], e["date"], e["date_basis"]) == (
        "忻州：推进七大能级同步跃升（修订）", False, "2023-09-15", "given")  # fmt: skip
    assert (e["url"], e["region"], e["region_en"], e["publisher"]) == (
        "https://www.example.org/7.html", "忻州市", "Xinzhou", "山西日报")  # fmt: skip
    assert e["date_inferred"] is None and e["authors"] == ["班彦钦", "王利强"]
    after = project.sources_yml.read_text("utf-8")
    # the other entry and the file's comments are byte for byte as they were
    econ = before[before.index(f"  - id: {ECON}") :]
    assert after.endswith(econ) and after.startswith(before[: before.index(f"  - id: {SEVEN}")])
    assert sources.registry_problems(project) == []
    assert _cli(project, "source", "set", SEVEN, "--publisher", "山西日报") == 0
    assert "nothing changed" in capsys.readouterr().out
    assert _cli(project, "source", "set", SEVEN, "--url", "") == 0
    assert sources.get(project, SEVEN)["url"] is None


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["no-such-source", "--title", "x"], "no source with id 'no-such-source'"),
        ([SEVEN, "--url", "javascript:alert(1)"], "is not an http:// or https:// address"),
        ([SEVEN, "--date", "2099-01-01"], "is in the future"),
        ([SEVEN, "--date", "last May"], "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ([SEVEN, "--title", "a\nb"], "--title"),
        ([SEVEN, "--title", ""], "--title is empty"),
        ([SEVEN], "give at least one of"),
    ],
)
def test_source_set_refusals_change_nothing(project, argv, words, capsys):
    before = _snapshot(project)
    assert _cli(project, "source", "set", *argv) != 0
    err = capsys.readouterr().err
    assert words in err and (argv[0] in err)
    assert _snapshot(project) == before


def test_source_remove_takes_out_the_entry_and_its_raw_file(project, tmp_path, capsys):
    doc = tmp_path / "press.txt"
    doc.write_text(PRESS, "utf-8")
    entry, _ = sources.ingest(project, doc, source_id="press", date="2024-12")
    repost = tmp_path / "repost.txt"
    repost.write_text("转载：忻州新能源\n" + PRESS.split("\n", 1)[1], "utf-8")
    sources.ingest(project, repost, source_id="repost")
    before = _snapshot(project)
    assert _cli(project, "source", "remove", "press") != 0
    err = capsys.readouterr().err
    assert "source repost (its duplicate_of) names it" in err and "nothing was changed" in err
    assert _cli(project, "source", "remove", ECON) != 0  # reviewed corrections name it
    assert "reviewed correction" in capsys.readouterr().err
    assert _cli(project, "source", "remove", "nope") != 0
    assert "no source with id 'nope'" in capsys.readouterr().err
    assert _snapshot(project) == before
    assert _cli(project, "source", "remove", "repost") == 0
    assert "removed repost" in capsys.readouterr().out
    assert _cli(project, "source", "remove", "press") == 0
    assert not (project.sources_dir / entry["file"]).exists()
    assert [e["id"] for e in sources.load_registry(project)] == [SEVEN, ECON]
    assert (
        project.sources_yml.read_text("utf-8")
        == before["data/sources/sources.yml"].decode()[
            : before["data/sources/sources.yml"].decode().index("  - id: press")
        ]
    )
    assert sources.registry_problems(project) == []


# --------------------------------------------------------------------------- in the whole project


def _repost_of_press(extra: str) -> str:
    """PRESS as a portal reposts it: its furniture, another headline, the same sentences and
    ``extra`` added (9 of its 10 sentences are PRESS's: 0.9, a near-duplicate)."""
    body = PRESS.split("\n", 1)[1]
    return f"首页 > 新闻 > 本地\n来源：某某网\n新能源成为忻州转型主攻方向\n{body}{extra}\n"


def test_a_reposts_figures_confirm_the_originals_and_count_once(tmp_path):
    """Figures of a near-duplicate that repeat the original's (same value, unit, indicator,
    period, place) confirm them: the ledger keeps both, the chapters read one; a figure the
    repost adds is a figure of its own; the repost's page says which figure each confirms."""
    from reportbook import appendix, ledger, narrative, review
    from reportbook.registry import Registry
    from tests.conftest import copy_project

    paths = copy_project(tmp_path / "project")
    doc = tmp_path / "press.txt"
    doc.write_text(PRESS, "utf-8")
    sources.ingest(paths, doc, source_id="press", date="2024-12")
    before = ledger.rebuild(paths)
    n_before = len(narrative.Chapter.load(paths.data, "overview").figures)
    repost = tmp_path / "repost.txt"
    repost.write_text(_repost_of_press("全市新型储能装机达到35万千瓦。"), "utf-8")
    entry, _ = sources.ingest(paths, repost, source_id="repost", date="2024-12")
    assert entry["duplicate_of"] == "press" and entry["duplicate_share"] == 0.9
    df = ledger.rebuild(paths)
    press_ids = set(df[df["source_id"] == "press"]["figure_id"])
    mine = df[df["source_id"] == "repost"]
    rep = review.repeats(df, Registry.of(paths).sources)
    assert len(press_ids) >= 8 and set(rep.values()) == press_ids  # each one confirmed
    assert set(rep) == set(mine[~mine["span"].str.startswith("35")]["figure_id"])
    assert len(df) == len(before) + len(mine)  # the ledger keeps every figure
    overview = narrative.Chapter.load(paths.data, "overview")
    assert not set(rep) & set(overview.figures["figure_id"])
    assert len(overview.figures) == n_before + 1  # only the figure the repost adds
    rev = review.review(paths, df)
    assert rev["counts"]["repeats"] == len(rep)
    assert f"{len(rep)} repeat a figure of the source" in review.format_review(rev)
    shown = appendix.shown_in(paths, df)
    one = next(iter(rep))
    assert shown.get(one) == shown.get(rep[one])  # shown where the figure it confirms is
    page = appendix.source_page(entry, sources.normalized(paths, "repost"), mine, shown, {}, rep)
    assert f'confirms <a href="../sources/press.html#{rep[one]}">{rep[one]}</a> of press' in page
    assert '<th>Duplicate of</th><td><a href="press.html">press</a>: a repost: 90% of' in page
    entries = sources.load_registry(paths)
    mark = '<a href="#src-press">press</a>'
    assert f"(a duplicate of {mark})" in appendix.sources_index(paths, entries, df)
    assert f"（与{mark}重复）" in appendix.sources_index(paths, entries, df, "zh")


def test_removing_a_source_keeps_earlier_editions_and_lists_its_figures_as_removed(tmp_path):
    """`source remove` is a data change like any other: the recorded edition keeps the
    source's figures in its snapshot, the next ledger drops them, and the "What changed"
    appendix and the overview's sentence list them as removed."""
    from reportbook import appendix, edition, ledger, narrative
    from tests.conftest import copy_project

    paths = copy_project(tmp_path / "project")
    doc = tmp_path / "press.txt"
    doc.write_text(PRESS, "utf-8")
    entry, _ = sources.ingest(paths, doc, source_id="press", date="2024-12")
    # a second new source stays, so what is left after the removal is data no edition had
    # (removing the only new source would return to the shipped edition, which is that one)
    other = tmp_path / "other.txt"
    other.write_text("2024年，忻州市粮食总产量达到22.5亿斤。", "utf-8")
    sources.ingest(paths, other, source_id="other", date="2025-01")
    ledger.rebuild(paths)
    ed = edition.current(paths)
    assert edition.record(paths, ed, {})
    press_ids = set(ledger.read(paths).query("source_id == 'press'")["figure_id"])
    assert press_ids
    sources.remove(paths, "press")
    assert not (paths.sources_dir / entry["file"]).exists()
    now = ledger.rebuild(paths)
    assert "press" not in set(now["source_id"])
    assert sources.registry_problems(paths) == []
    ed2 = edition.current(paths)
    assert ed2["previous"] == ed["id"] and ed2["id"] != ed["id"]
    old = edition.ledger_of(paths, ed["id"])
    assert set(old[old["source_id"] == "press"]["figure_id"]) == press_ids
    d = edition.diff(old, now)
    assert set(d["removed"]["figure_id"]) == press_ids and d["added"].empty
    page, table = appendix.changes_page(paths, now, ed2, {})
    assert all(fid in page for fid in press_ids) and f"removed,{min(press_ids)},press" in table
    said = narrative.Chapter.load(paths.data, "overview").edition_changes()
    assert said.startswith("Since the previous edition, ")
    assert f'revised and <span class="rb-count">{len(press_ids)}</span> removed' in said
