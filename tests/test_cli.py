import json
import shutil

import pytest

from qa.cli import main
from qa.engine import Engine
from qa.indexer import build_index
from qa.show import as_text

from .conftest import FIXTURES, SEEDS
from .helpers import assert_cli_error, assert_exited


def test_indexing_an_empty_folder_fails_with_one_line(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["index", str(tmp_path / "empty"), "--index", str(tmp_path / "i")])
    assert assert_cli_error(result).startswith("no readable articles")
    assert not (tmp_path / "i" / "manifest.json").exists()


def test_missing_folder_and_missing_index_fail_cleanly(runner, tmp_path):
    result = runner.invoke(main, ["index", str(tmp_path / "nope"), "--index", str(tmp_path / "i")])
    message = assert_cli_error(result)
    assert str(tmp_path / "nope") in message and "no such file or folder" in message
    result = runner.invoke(main, ["ask", "who?", "--index", str(tmp_path / "i")])
    assert assert_cli_error(result).startswith(f"no index at {tmp_path / 'i'}")


def test_bad_setting_from_the_environment_is_reported(runner, tmp_path):
    result = runner.invoke(main, ["ask", "who?"], env={"QA_TOP_K": "many"})
    assert "QA_TOP_K='many'" in assert_cli_error(result)


def test_settings_lists_every_variable(runner):
    result = runner.invoke(main, ["settings"])
    assert_exited(result, 0)
    assert "QA_MODEL=all-MiniLM-L6-v2" in result.output and "QA_INDEX" in result.output


@pytest.fixture
def news_engine(tmp_path, fake_settings, fake_embedder, monkeypatch):
    """`qa ask` answering from the seeds and the dated news articles, on the fake embedder."""
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    shutil.copytree(FIXTURES / "news", folder / "news")
    build_index([folder], fake_settings.index, fake_settings, lambda: fake_embedder)
    engine = Engine(fake_settings, embedder=fake_embedder)
    monkeypatch.setattr("qa.cli._engine", lambda settings: engine)
    return engine


def test_ask_prints_the_answer_its_speaker_source_other_outlets_and_numbered_passages(runner, news_engine):
    result = runner.invoke(main, ["ask", "What did Berg tell reporters?", "--top-k", "3"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == '"We are closer than ever," Berg told reporters. [1]'
    assert "  Speaker: Anna Berg" in lines
    assert "  Source: Leaders meet in Geneva · BBC · 2014-01-22 (summit-bbc)" in lines
    assert "  Also reported by: Wire" in lines
    assert "Passages:" in lines
    numbered = [line for line in lines if line.startswith("[")]
    assert [line[:3] for line in numbered] == ["[1]", "[2]", "[3]"]
    assert numbered[0].startswith("[1] Leaders meet in Geneva · BBC · 2014-01-22 (summit-bbc), score ")


def test_ask_json_is_the_api_reply(runner, news_engine):
    result = runner.invoke(main, ["ask", "What did Berg tell reporters?", "--json"])
    reply = json.loads(result.output)
    assert list(reply) == ["question", "answer", "passages", "as_of", "took_ms"]
    assert reply["as_of"] == "2015-08-17", "the newest article's day"
    assert reply["answer"]["speaker"] == "Anna Berg"


def test_ask_filters_and_says_when_no_article_matches(runner, news_engine):
    result = runner.invoke(main, ["ask", "What did Berg tell reporters?", "--outlet", "Wire", "--outlet", "BBC",
                                       "--after", "2014-01-23"])
    assert result.exit_code == 0 and "Source: Geneva talks progress, Berg says · Wire · 2014-01-23" in result.output
    result = runner.invoke(main, ["ask", "What did Berg tell reporters?", "--outlet", "Nobody"])
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == ["Note: no article matches these filters.", "The articles don't say."]
    result = runner.invoke(main, ["ask", "Berg?", "--after", "someday"])
    assert assert_cli_error(result).startswith("filters.published_after")


def test_figures_and_notes_are_printed_with_their_dates():
    reply = {
        "question": "How many people have died?", "note": "no article matches these filters",
        "answer": {"text": "The war has killed some 240,000 people.", "speaker": None, "corroboration": [],
                   "source": {"path": "b.md", "title": "War toll", "outlet": "Chronicle", "published": "2015-08-17"},
                   "figures": [
                       {"value": "70,000", "text": "About 70,000 died.", "path": "a.md", "title": "UN toll",
                        "outlet": "Wire", "published": "2013-02-22"},
                       {"value": "240,000", "text": "Some 240,000 died.", "path": "b.md", "title": "War toll",
                        "outlet": None, "published": None}],
                   "confidence": 0.7},
        "passages": [], "took_ms": 1.0,
    }
    lines = as_text(reply).splitlines()
    assert lines[0] == "Note: no article matches these filters."
    assert "  Source: War toll · Chronicle · 2015-08-17 (b.md)" in lines
    assert "    70,000 (2013-02-22) UN toll · Wire" in lines
    assert "    240,000 (undated) War toll" in lines


def test_ask_as_of_a_day_reads_this_week_from_it_and_says_so(runner, news_engine):
    result = runner.invoke(main, ["ask", "What did Berg tell reporters this week?", "--as-of", "2014-01-24"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == '"this week" as of 2014-01-24: only articles from 2014-01-17 to 2014-01-24'
    assert lines[1].startswith('"We are closer than ever," Berg told reporters')
    result = runner.invoke(main, ["ask", "How many people have died?", "--as-of", "2014-01-24", "--json"])
    reply = json.loads(result.output)
    assert reply["as_of"] == "2014-01-24" and "period" not in reply
    assert all(p["source"]["published"] != "2015-08-17" for p in reply["passages"]), "later articles are left out"


@pytest.mark.parametrize("day", ["2014/01/24", "yesterday", "2014-02-30"])
def test_ask_with_a_bad_as_of_fails_with_one_line(runner, news_engine, day):
    result = runner.invoke(main, ["ask", "What did Berg say?", "--as-of", day])
    assert assert_cli_error(result).startswith("as_of")
