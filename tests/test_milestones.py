import yaml

from reportbook import sources


def test_every_milestone_quote_is_verbatim_in_its_source(repo):
    ms = yaml.safe_load(repo.milestones_yml.read_text(encoding="utf-8"))["milestones"]
    assert ms
    for m in ms:
        text = sources.normalized(repo, m["source_id"]).text
        assert m["quote"] in text, m
        assert str(m["year"]) in m["quote"]


def test_glossary_terms_have_english(repo):
    terms = yaml.safe_load(repo.glossary_yml.read_text(encoding="utf-8"))["terms"]
    ids = [t["id"] for t in terms]
    assert len(ids) == len(set(ids))
    for must in ("融圈入群", "七大能级", "一城一谷一廊道", "专业镇"):
        assert any(t["zh"] == must and t["en"] for t in terms), must
