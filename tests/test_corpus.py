import json
import logging
from pathlib import Path

import pytest

from qa.corpus import load_articles, parse_article


def test_title_is_first_line_and_body_the_rest():
    article = parse_article("# Headline here\n\nFirst paragraph.\nSecond paragraph.", "a.md")
    assert article.title == "Headline here"
    assert article.text == "First paragraph.\nSecond paragraph."


def test_section_label_above_headline_is_not_the_title():
    article = parse_article("Middle East\n\nSyria crisis: Russia won't pressure Assad\n\nBody text.", "a.txt")
    assert article.title == "Syria crisis: Russia won't pressure Assad"
    assert article.text == "Body text."


def test_front_matter_gives_metadata():
    text = "---\ntitle: A title\noutlet: BBC\npublished: 2013-02-22\n---\nThe body.\n"
    article = parse_article(text, "a.md")
    assert (article.title, article.outlet, article.published, article.text) == ("A title", "BBC", "2013-02-22",
                                                                                 "The body.")


def test_folder_loading_is_sorted_relative_and_skips_other_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("B title\nB body.")
    (tmp_path / "sub" / "a.md").write_text("A title\nA body.")
    (tmp_path / "notes.csv").write_text("x,y")
    (tmp_path / ".hidden.txt").write_text("H\nh")
    assert [a.path for a in load_articles([tmp_path])] == ["b.txt", "sub/a.md"]


def test_jsonl_articles_with_metadata_and_bad_lines_skipped(tmp_path, caplog):
    (tmp_path / "feed.jsonl").write_text(
        '{"title": "One", "text": "Body one.", "outlet": "Reuters", "url": "http://x/1"}\n'
        "not json\n"
        '{"title": "No text"}\n'
        '{"id": "two", "title": "Two", "text": "Body two.", "published": "2015-08-17"}\n'
    )
    with caplog.at_level(logging.WARNING):
        articles = load_articles([tmp_path])
    assert [(a.path, a.title, a.outlet, a.published) for a in articles] == [
        ("feed.jsonl#1", "One", "Reuters", None), ("two", "Two", None, "2015-08-17")]
    assert "feed.jsonl:2" in caplog.text and "feed.jsonl:3" in caplog.text


@pytest.mark.parametrize(("written", "stored"), [
    ("June 16, 2022", "2022-06-16"), ("Thu, 16 Jun 2022 10:00:00 EDT", "2022-06-16"), ("2022/06/16", "2022-06-16"),
    ("16 June 2022", "2022-06-16"), ("2022-06-16T10:00:00Z", "2022-06-16T10:00:00Z"),
    ("June 2022", "June 2022"), ("2022", "2022"), ("soon", "soon"), ("page 5 of 12 2021", "page 5 of 12 2021"),
])
def test_a_date_written_as_pages_and_feeds_write_it_is_stored_as_an_iso_day(tmp_path, written, stored):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "a", "text": "Body.", "published": written}) + "\n")
    (tmp_path / "b.txt").write_text(f"---\npublished: {written}\n---\nTitle\n\nBody.\n")
    assert [a.published for a in load_articles([tmp_path])] == [stored, stored]


def test_non_utf8_file_is_read_as_windows_1252_with_a_warning(tmp_path, caplog):
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 news\nPrices rose 5\u00a3 \u2013 said Jos\u00e9.".encode("cp1252"))
    with caplog.at_level(logging.WARNING):
        [article] = load_articles([tmp_path])
    assert article.title == "Café news" and "José" in article.text and "£" in article.text
    assert "not UTF-8" in caplog.text


def test_unreadable_and_binary_files_are_skipped_with_a_warning(tmp_path, caplog, monkeypatch):
    (tmp_path / "good.txt").write_text("Good\nBody.")
    (tmp_path / "locked.txt").write_text("Locked\nBody.")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    real_read = Path.read_bytes

    def read_bytes(self):  # root can read any file, so make this one refuse as it would for a user
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with caplog.at_level(logging.WARNING):
        articles = load_articles([tmp_path])
    assert [a.path for a in articles] == ["good.txt"]
    assert "locked.txt: skipped, cannot be read" in caplog.text
    assert "blob.txt: skipped, looks like a binary file" in caplog.text


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        load_articles([tmp_path / "nope"])


def test_content_hash_changes_with_content():
    a = parse_article("T\nBody.", "a.txt")
    assert a.content_hash == parse_article("T\nBody.", "a.txt").content_hash
    assert a.content_hash != parse_article("T\nBody!", "a.txt").content_hash
