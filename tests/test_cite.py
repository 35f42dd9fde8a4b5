import pytest

from reportbook import cite


def test_every_format_names_title_book_edition_date_and_anchor(repo):
    ed = {"version": "0.1.0+abc", "year": "2024", "date": "2024-04", "id": "abc"}
    c = cite.citation(repo, "energy-capacity", ed)
    assert c["url"].endswith("book/energy.html#energy-capacity")
    for fmt in cite.FORMATS:
        text = cite.render(c, fmt)
        assert "Installed capacity" in text and "Xinzhou development report" in text
        assert "0.1.0+abc" in text and "2024" in text
        assert "#energy-capacity" in text
    assert cite.render(c, "bibtex").startswith("@incollection{xinzhou-report-energy-capacity,")
    assert "[M/OL]//" in cite.render(c, "gbt7714")


def test_chapter_citation_has_no_anchor(repo):
    c = cite.citation(repo, "energy", {"version": "v", "year": "2024", "date": "2024"})
    assert c["url"].endswith("book/energy.html")
    assert c["title"].startswith("Energy transition")


def test_unknown_label_is_a_clear_error(repo):
    with pytest.raises(cite.CiteError, match="no section is labelled 'energy-nope'"):
        cite.citation(repo, "energy-nope")


def test_cli_prints_the_same_citation(repo, capsys):
    from reportbook.cli import main

    assert main(["cite", "energy-share", "--format", "apa"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == cite.format_citation(repo, "energy-share", "apa")


def test_block_escapes_and_links_its_anchor(repo):
    html = cite.block(repo, "energy-share", edition="0.1.0+x")
    assert 'href="#energy-share"' in html and "0.1.0+x" in html
    assert "<script" not in html


def test_citation_cff_is_current(repo):
    assert (repo.root / "CITATION.cff").read_text(encoding="utf-8") == cite.cff(repo)


def test_bibliography_has_every_source(repo):
    import yaml

    bib = cite.bibliography(repo)
    for s in yaml.safe_load(repo.sources_yml.read_text())["sources"]:
        assert f"@misc{{{s['id']}," in bib
