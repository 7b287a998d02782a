"""Suggested questions: built from the index's speakers and topics, every one of them answered."""

import pytest

from qa.suggestions import _looks_like_a_name, _topic_words, called, suggestions

from .helpers import assert_error


def test_suggestions_are_answered_questions_about_the_index(client):
    reply = client.get("/suggestions")
    assert reply.status_code == 200
    questions = [s["question"] for s in reply.get_json()["suggestions"]]
    assert questions and len(set(questions)) == len(questions)
    assert any("Lavrov" in q for q in questions)
    for question in questions:
        assert client.post("/ask", json={"question": question}).get_json()["answer"] is not None, question


def test_suggestions_are_worked_out_once_per_index(fake_engine, fake_embedder):
    first = suggestions(fake_engine)
    calls = fake_embedder.calls
    assert suggestions(fake_engine) == first and fake_embedder.calls == calls
    assert suggestions(fake_engine, limit=2) == first[:2]


def test_without_an_index_suggestions_say_why(tmp_path, make_app):
    client = make_app(engine=None, index=str(tmp_path / "missing")).test_client()
    assert_error(client.get("/suggestions"), 503, "index_not_ready")


def test_topics_are_names_and_nouns_not_who_was_told_nor_the_speaker():
    sentence = "He told the BBC on Monday that Syria needs negotiations, reports Reuters, and Assad agreed."
    assert list(_topic_words(sentence)) == ["Syria", "negotiations", "Assad"]
    sentence = "Tory leader Michael Howard says Mr Howard will cut waste in government in Britain."
    assert list(_topic_words(sentence, frozenset({"michael", "howard"}))) == ["government", "Britain"]


@pytest.mark.parametrize("name, question_name", [("Sergei Lavrov", "Sergei Lavrov"), ("Thursday Mr Blair", "Mr Blair"),
                                                 ("Exchequer Gordon Brown", "Gordon Brown"),
                                                 ("Mohammad Javad Zarif", "Mohammad Javad Zarif")])
def test_questions_name_speakers_without_what_came_before_the_name(name, question_name):
    assert called(name) == question_name


@pytest.mark.parametrize("name, person", [("Sergei Lavrov", True), ("Anna Berg", True), ("BBC", False),
                                          ("a State Department official", False), ("Monday", False)])
def test_speakers_suggested_are_people(name, person):
    assert _looks_like_a_name(name) is person


@pytest.mark.slow
def test_every_suggestion_for_the_seeds_is_answered_by_the_real_model(real_engine):
    questions = suggestions(real_engine)
    assert len(questions) >= 3
    assert questions[0].startswith("What did Sergei Lavrov say about")
    for question in questions:
        answer = real_engine.ask(question)["answer"]
        assert answer is not None, question
