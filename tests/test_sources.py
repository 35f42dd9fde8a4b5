"""The source registry, raw bytes, corrections, cache and ingest (in a copy of the project)."""

from __future__ import annotations

import hashlib
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
