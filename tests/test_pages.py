"""Saved web pages in: the article's text and metadata, without the page around it."""

import json
import logging
import shutil

import pytest

from qa.corpus import article_from_html, load_articles
from qa.pages import decode_page

from .conftest import FIXTURES

HTML = FIXTURES / "html"


@pytest.fixture(scope="module")
def pages():
    return {article.path: article for article in load_articles([HTML])}


def test_a_news_page_gives_its_article_title_date_outlet_and_canonical_url(pages):
    ferry = pages["ledger-ferry.html"]
    assert ferry.title == "Ferry crews vote to strike over pay"
    assert ferry.published == "2023-03-14"  # JSON-LD datePublished
    assert ferry.outlet == "The Harbour Ledger"
    assert ferry.url == "https://www.harbourledger.example/news/ferry-strike"
    assert ferry.text.startswith("Ferry crews on the island routes have voted to strike")  # headline not repeated
    assert "82% of members" in ferry.text and "reduced timetable on Friday" in ferry.text


def test_menus_cookie_banners_ads_and_footers_are_left_out(pages):
    text = pages["ledger-ferry.html"].text
    for around in ("cookie", "Advertisement", "Most read", "Council tax explained", "All rights reserved",
                   "Sport", "adSlots"):
        assert around not in text


def test_a_windows_1252_page_decodes_by_its_declared_charset(pages):
    cafe = pages["courrier-cp1252.html"]
    assert cafe.title == "Café owners fear “brutal” rent rises"
    assert "€2,400" in cafe.text and "Renée Fabre" in cafe.text and "naïve" in cafe.text
    assert "\ufffd" not in cafe.text
    assert (cafe.outlet, cafe.published) == ("Le Courrier du Port", "2022-11-08")


def test_encodings_without_a_declaration_are_detected():
    latin = "<p>Renée Fabre said the café would close, “we cannot pay” – she told the mayor’s office.</p>"
    assert decode_page(latin.encode("cp1252")) == latin
    cyrillic = "<p>Москва заявила сегодня о переговорах с представителями стран</p>"
    assert decode_page(cyrillic.encode("cp1251")) == cyrillic
    assert decode_page("<p>Zürich — €5</p>".encode("utf-8-sig")) == "<p>Zürich — €5</p>"


def test_a_page_without_an_article_is_skipped_with_a_warning_naming_it(pages, caplog, tmp_path):
    assert "no-article.html" not in pages
    assert len(pages) == 4
    shutil.copy(HTML / "no-article.html", tmp_path / "empty.htm")
    with caplog.at_level(logging.WARNING, logger="qa.corpus"):
        assert load_articles([tmp_path]) == []
    assert "empty.htm: skipped, no article found in the page" in caplog.text


def test_json_lines_may_carry_html_and_their_own_metadata_wins(tmp_path, caplog):
    ferry = (HTML / "ledger-ferry.html").read_text(encoding="utf-8")
    rows = [{"path": "ferry", "html": ferry},
            {"path": "ferry-given", "html": ferry, "outlet": "Wire", "published": "2023-03-15"},
            {"path": "nothing", "html": (HTML / "no-article.html").read_text(encoding="utf-8")},
            {"path": "plain", "text": "A plain article\nIt has a body of text."}]
    (tmp_path / "pages.jsonl").write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="qa.corpus"):
        found = {article.path: article for article in load_articles([tmp_path])}
    assert sorted(found) == ["ferry", "ferry-given", "plain"]
    assert "nothing: skipped, no article found" in caplog.text
    assert found["ferry"].title == "Ferry crews vote to strike over pay"
    assert found["ferry"].outlet == "The Harbour Ledger" and "82% of members" in found["ferry"].text
    assert (found["ferry-given"].outlet, found["ferry-given"].published) == ("Wire", "2023-03-15")


def test_extraction_runs_within_the_file_time_budget(caplog):
    raw = (HTML / "ledger-ferry.html").read_bytes()
    with caplog.at_level(logging.WARNING, logger="qa.corpus"):
        assert article_from_html(raw, "slow.html", timeout=1e-9) is None
    assert "slow.html: skipped, its article was not extracted within" in caplog.text
    assert article_from_html(raw, "ferry.html", timeout=30) is not None
