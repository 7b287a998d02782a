import json
import time
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from qa.corpus import Article
from qa.engine import Engine
from qa.errors import BadRequest
from qa.filters import UNDATED, Filters, article_days
from qa.indexer import build_index
from qa.period import parse_as_of, read_period
from qa.retrieval import Preference, retrieve
from qa.store.articles import ArticleList
from qa.text import keyword_terms

ASKED = date(2022, 6, 16)  # a Thursday


@pytest.mark.parametrize("question, start, end, explicit", [
    ("Who won the vote this week?", "2022-06-09", "2022-06-16", True),
    ("Who won the vote this past week?", "2022-06-09", "2022-06-16", True),
    ("Who won the vote in the past week?", "2022-06-09", "2022-06-16", True),
    ("Who won the vote last week?", "2022-06-02", "2022-06-09", True),
    ("What was announced this month?", "2022-06-01", "2022-06-16", True),
    ("What was announced last month?", "2022-05-01", "2022-05-31", True),
    ("How many have died so far this year?", "2022-01-01", "2022-06-16", True),
    ("How many died last year?", "2021-01-01", "2021-12-31", True),
    ("What happened today?", "2022-06-16", "2022-06-16", True),
    ("What happened yesterday?", "2022-06-15", "2022-06-15", True),
    ("What NFL star announced his retirement on Tuesday?", "2022-06-09", "2022-06-16", True),
    ("Sunday's final: who won it?", "2022-06-09", "2022-06-16", True),
    ("On Saturday, which team won the derby?", "2022-06-09", "2022-06-16", True),
    ("Which team won the derby last weekend?", "2022-06-09", "2022-06-16", True),
    ("Who recently resigned?", "2022-06-09", "2022-06-16", False),
    ("What is the latest figure?", "2022-06-09", "2022-06-16", False),
    ("Who is NOW in charge?", "2022-06-09", "2022-06-16", False),
    ("Who currently leads the party?", "2022-06-09", "2022-06-16", False),
])
def test_time_words_name_a_window_ending_at_as_of(question, start, end, explicit):
    period = read_period(question, ASKED)
    assert (period.start.isoformat(), period.end.isoformat(), period.explicit) == (start, end, explicit)
    assert period.to_json(explicit) == {"from": start, "to": end, "words": period.words, "filtered": explicit}


def test_the_words_read_are_reported_and_an_explicit_range_wins_over_a_vague_word():
    period = read_period("Which team recently  THIS\tWEEK won?", ASKED)
    assert (period.words, period.explicit) == ("this week", True)
    assert read_period("So far this year, how many?", ASKED).words == "so far this year"
    assert read_period("What did he say yesterday's?", ASKED).words == "yesterday"
    assert read_period("Last month's figures?", date(2022, 1, 10)).start == date(2021, 12, 1)
    assert read_period("Who retired on  Tuesday?", ASKED).words == "on tuesday"
    assert read_period("Who was arrested early Thursday?", ASKED).words == "thursday"
    assert read_period("After Black Friday and Cyber Monday, which was on Tuesday?", ASKED).words == "on tuesday"


@pytest.mark.parametrize("question", [
    "Who won the vote?", "Where is the nowhere town?", "What was known?", "What happens this weekend?",
    "Who is the weekly columnist?", "Who heads the monthly review?", "What was snowfall like?",
    "What sold best on Cyber Monday?", "Who played the Super Bowl Sunday?", "What are monday blues?",
])
def test_questions_without_time_words_name_no_window(question):
    assert read_period(question, ASKED) is None


def test_reading_time_words_takes_linear_time_on_hostile_text():
    hostile = ["this " * 50_000 + "wee", "so far " * 40_000 + "this", ("now" * 60_000) + "x", "a " * 100_000,
               "Cyber Monday " * 40_000, "Monday" * 50_000]
    for text in hostile:
        started = time.perf_counter()
        read_period(text, ASKED)
        assert time.perf_counter() - started < 1.0


def test_as_of_must_be_a_real_day_written_yyyy_mm_dd():
    assert parse_as_of("2022-06-16") == ASKED and parse_as_of(None) is None
    for bad in ("2022/06/16", "16-06-2022", "June 16", "", " 2022-06-16", "2022-6-16", "２０２２-06-16", 20220616,
                ["2022-06-16"]):
        with pytest.raises(BadRequest, match="as_of must be a date like 2022-06-16"):
            parse_as_of(bad)
    with pytest.raises(BadRequest, match="not a day of the calendar"):
        parse_as_of("2022-02-30")


def test_the_archive_as_it_stood_keeps_undated_articles():
    articles = ArticleList([Article("old", "Old", "x", published="2022-06-01"),
                            Article("later", "Later", "x", published="2022-06-17T09:00:00Z"),
                            Article("undated", "Undated", "x"),
                            Article("garbled", "Garbled", "x", published="someday")])
    days = article_days(articles)
    assert days[0] == date(2022, 6, 1).toordinal() and days[2] == days[3] == UNDATED
    as_it_stood = Filters(until=ASKED)
    assert [as_it_stood.admits(a) for a in articles] == [True, False, True, True]
    chunk_articles = np.array([0, 0, 1, 2, 3])
    assert as_it_stood.allowed_chunks(articles, chunk_articles).tolist() == [0, 1, 3, 4]
    assert Filters(until=ASKED, days=days).in_archive(np.array([1, 2])).tolist() == [False, True]
    narrowed = Filters(after=date(2022, 6, 10), until=ASKED).narrowed(date(2022, 6, 1), date(2022, 6, 16))
    assert (narrowed.after, narrowed.before, narrowed.until) == (date(2022, 6, 10), ASKED, ASKED)


# An archive on one story over time, on the fake embedder.

ARTICLES = [
    ("mayor-january", "2022-01-05", "Springfield council names a mayor",
     "Alice Brown was named mayor by the Springfield council after a long winter vote. "
     "Brown promised new bus lanes downtown."),
    ("mayor-june", "2022-06-14", "Springfield has a new mayor",
     "Carol White became mayor of Springfield when councillors chose her on Tuesday. "
     "White promised cheaper fares."),
    ("mayor-july", "2022-07-01", "Springfield mayor resigns",
     "After White quit, Springfield councillors picked Dana Green as mayor in a midsummer session."),
    ("river", None, "The river through Springfield",
     "The Springfield river floods every spring, and a wall now runs along its banks."),
]


@pytest.fixture
def dated_engine(tmp_path, fake_settings, fake_embedder):
    folder = tmp_path / "dated"
    folder.mkdir()
    rows = [{"path": path, "title": title, "text": text, **({"published": day} if day else {})}
            for path, day, title, text in ARTICLES]
    (folder / "mayors.jsonl").write_text("\n".join(json.dumps(row) for row in rows))
    build_index([folder], fake_settings.index, fake_settings, lambda: fake_embedder)
    return Engine(fake_settings, embedder=fake_embedder)


def _paths(reply):
    return {p["source"]["path"] for p in reply["passages"]}


def test_as_of_defaults_to_the_newest_article_and_leaves_later_ones_out(dated_engine):
    question = "Who did the Springfield council name mayor?"
    assert dated_engine.ask(question, top_k=10)["as_of"] == "2022-07-01"
    assert "mayor-july" in _paths(dated_engine.ask(question, top_k=10))
    reply = dated_engine.ask(question, top_k=10, as_of="2022-06-16")
    assert reply["as_of"] == "2022-06-16" and "period" not in reply
    assert "mayor-july" not in _paths(reply) and "mayor-june" in _paths(reply)
    assert "river" in _paths(dated_engine.ask("Does the Springfield river flood?", top_k=10, as_of="2022-02-01")), (
        "undated articles stay in the archive")
    assert _paths(dated_engine.ask(question, top_k=10, as_of="2022-02-01")) <= {"mayor-january", "river"}


def test_this_week_filters_to_the_week_before_as_of(dated_engine):
    reply = dated_engine.ask("Who did the Springfield council name mayor this week?", top_k=10, as_of="2022-06-16")
    assert reply["period"] == {"from": "2022-06-09", "to": "2022-06-16", "words": "this week", "filtered": True}
    assert _paths(reply) == {"mayor-june"}
    assert reply["answer"]["source"]["path"] == "mayor-june"


def test_a_weekday_keeps_to_the_week_before_as_of(dated_engine):
    reply = dated_engine.ask("Who did the Springfield council name mayor on Tuesday?", top_k=10, as_of="2022-06-16")
    assert reply["period"] == {"from": "2022-06-09", "to": "2022-06-16", "words": "on tuesday", "filtered": True}
    assert _paths(reply) == {"mayor-june"}


def test_an_explicit_range_without_articles_falls_back_to_preferring_it(dated_engine):
    reply = dated_engine.ask("Who did the Springfield council name mayor this week?", top_k=10, as_of="2022-03-01")
    assert reply["period"] == {"from": "2022-02-22", "to": "2022-03-01", "words": "this week", "filtered": False}
    assert "mayor-january" in _paths(reply)


def test_recently_prefers_the_window_without_leaving_the_rest_out(dated_engine):
    reply = dated_engine.ask("Who did the Springfield council recently name mayor?", top_k=10, as_of="2022-06-16")
    assert reply["period"] == {"from": "2022-06-09", "to": "2022-06-16", "words": "recently", "filtered": False}
    assert {"mayor-january", "mayor-june"} <= _paths(reply)
    # Asked a fortnight later, no article is from the week before: nothing is preferred.
    later = dated_engine.ask("Who did the Springfield council recently name mayor?", top_k=10, as_of="2022-06-30")
    score = lambda reply, path: next(p["score"] for p in reply["passages"] if p["source"]["path"] == path)  # noqa: E731
    assert score(reply, "mayor-june") > score(later, "mayor-june")
    assert score(reply, "mayor-january") == score(later, "mayor-january")


def test_a_preference_raises_the_windows_passages_by_its_bonus_and_brings_them_in(dated_engine):
    store, settings = dated_engine.store, dated_engine.settings
    question = "Who did the Springfield council name mayor?"
    vector = dated_engine.embedder.encode([question])[0]
    search = lambda candidates, prefer=None: retrieve(  # noqa: E731
        store, vector, keyword_terms(question), candidates, settings.dense_weight, prefer=prefer)
    plain = {p.chunk: p.score for p in search(50)}
    window = Preference(date(2022, 6, 9), ASKED, 0.125, dated_engine.days)
    preferred = {p.chunk: p.score for p in search(50, window)}
    assert set(preferred) == set(plain)
    june = {c for c in plain if store.corpus.articles[int(store.corpus.chunks[c, 0])].path == "mayor-june"}
    assert june
    for chunk, score in plain.items():
        assert preferred[chunk] == pytest.approx(score + (0.125 if chunk in june else 0.0))
    # With room for one candidate per retriever, the window's own best still joins them.
    assert june & {p.chunk for p in search(1, window)}


def test_a_question_without_time_words_is_answered_as_without_as_of(dated_engine):
    for question in ("Who did the Springfield council name mayor?", "What did White promise?",
                     "Does the Springfield river flood?", "What is the capital of Australia?"):
        reply = dated_engine.ask(question, top_k=5)
        without = dated_engine._answer_question(question, 5, [], None, as_of=None)
        assert "period" not in reply and "as_of" not in without
        assert reply["answer"] == without["answer"]
        assert reply["passages"] == without["passages"]


def test_candidates_from_the_days_the_question_names_are_marked_and_only_then(dated_engine):
    from qa.answer.features import FEATURES

    def in_period(question):
        _, candidates = dated_engine.candidates(question, as_of=ASKED)
        corpus = dated_engine.store.corpus
        return {corpus.articles[corpus.sentence(s).article].path: row[FEATURES.index("in_period")]
                for s, row in zip(candidates.sentences, candidates.features)}

    marked = in_period("Who did the Springfield council recently name mayor?")
    assert marked["mayor-june"] == 1.0
    assert marked["mayor-january"] == 0.0 and marked.get("river", 0.0) == 0.0
    assert "mayor-july" not in marked, "published after the day asked"
    assert set(in_period("Who did the Springfield council name mayor?").values()) == {0.0}


def test_sentences_of_dated_articles_carry_their_features_twice_and_undated_ones_once(dated_engine):
    from qa.answer.features import DATED_FEATURES, FEATURES

    _, candidates = dated_engine.candidates("Does the Springfield river flood? Who was named mayor?", as_of=ASKED)
    corpus = dated_engine.store.corpus
    seen = set()
    for sentence, row in zip(candidates.sentences, candidates.features):
        values = dict(zip(FEATURES, row))
        path = corpus.articles[corpus.sentence(sentence).article].path
        seen.add(path)
        copies = [values[name] for name in DATED_FEATURES]
        expected = [values[name.removeprefix("dated_")] if path != "river" else 0.0 for name in DATED_FEATURES]
        assert copies == expected, path
    assert {"river", "mayor-june"} <= seen


def test_an_explicit_range_whose_articles_are_off_the_question_is_preferred_not_filtered(dated_engine):
    engine = Engine(replace(dated_engine.settings, answer_passages=1), embedder=dated_engine.embedder,
                    model=dated_engine.model)
    reply = engine.ask("Does the Springfield river flood this week?", top_k=10, as_of="2022-06-16")
    assert reply["period"]["filtered"] is False, "the week's one article is about the mayor, not the river"
    assert reply["passages"][0]["source"]["path"] == "river"
    on_topic = engine.ask("Carol White became mayor of Springfield this week?", top_k=10, as_of="2022-06-16")
    assert on_topic["period"]["filtered"] is True and _paths(on_topic) == {"mayor-june"}


def test_the_time_words_of_the_sentence_that_asks_win_over_the_scenes(dated_engine):
    reply = dated_engine.ask("The council met this week. Who did the Springfield council name mayor this year?",
                             top_k=10, as_of="2022-06-16")
    assert reply["period"]["words"] == "this year" and reply["period"]["from"] == "2022-01-01"
    assert "mayor-january" in _paths(reply), "not only this week's"
