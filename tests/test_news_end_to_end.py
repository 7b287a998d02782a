"""News-aware answers on the real model: speakers, corroboration, metadata, filters, figures, follow-ups."""

import pytest

from qa.engine import Engine
from qa.errors import BadRequest
from qa.indexer import build_index

from .conftest import FIXTURES

pytestmark = pytest.mark.slow
QUOTE = "not for us to decide who should lead Syria"


@pytest.fixture(scope="module")
def news_engine(real_embedder, real_settings, tmp_path_factory):
    settings = real_settings.with_(index=str(tmp_path_factory.mktemp("news") / "index"))
    build_index([FIXTURES / "news"], settings.index, settings, lambda: real_embedder)
    return Engine(settings, embedder=real_embedder)


def test_the_answer_names_its_speaker(real_engine):
    answer = real_engine.ask("What did Lavrov say about preconditions?")["answer"]
    assert answer["speaker"] == "Sergei Lavrov"


def test_a_question_naming_a_person_prefers_what_they_said(real_engine):
    answer = real_engine.ask("What did Lavrov tell the BBC?")["answer"]
    assert answer["speaker"] == "Sergei Lavrov"


def test_the_same_quote_in_other_articles_corroborates_and_is_not_repeated(real_engine):
    reply = real_engine.ask("Who did Lavrov say should decide who leads Syria?")
    answer = reply["answer"]
    assert QUOTE in answer["text"]
    others = {c["path"] for c in answer["corroboration"]}
    assert len(others) >= 2 and answer["source"]["path"] not in others
    assert all(QUOTE in c["text"] for c in answer["corroboration"])
    assert sum(QUOTE in p["text"] for p in reply["passages"]) < len(reply["passages"])
    carried = [(p["source"]["path"], c["path"]) for p in reply["passages"] for c in p.get("also_carried_by", [])]
    assert carried and all(own != other for own, other in carried), "a copy is named beside the passage shown"


def test_metadata_from_front_matter_and_jsonl_reaches_every_source(news_engine):
    reply = news_engine.ask("Who said the talks had made real progress?")
    assert reply["answer"]["speaker"] == "Anna Berg"
    sources = {p["source"]["path"]: p["source"] for p in reply["passages"]}
    assert sources["summit-bbc"]["outlet"] == "BBC" and sources["summit-bbc"]["published"] == "2014-01-22"
    assert {c["path"] for c in reply["answer"]["corroboration"]} <= {"summit-bbc", "summit-wire"}


def test_filters_narrow_the_search(news_engine):
    question = "What happened at the Geneva talks?"
    only_wire = news_engine.ask(question, filters={"outlet": "Wire"})
    assert {p["source"]["outlet"] for p in only_wire["passages"]} == {"Wire"}
    early = news_engine.ask("How many people have died in Syria?", filters={"published_before": "2014-01-01"})
    assert {p["source"]["path"] for p in early["passages"]} == {"un-toll-2013.md"}
    nothing = news_engine.ask(question, filters={"outlet": "Nobody"})
    assert nothing["answer"] is None and nothing["passages"] == []
    with pytest.raises(BadRequest):
        news_engine.ask(question, filters={"outlet": 5})


def test_figures_that_differ_by_date_are_all_shown_with_their_dates(news_engine):
    answer = news_engine.ask("How many people have been killed in the Syrian conflict?")["answer"]
    figures = answer["figures"]
    assert [(f["value"], f["published"]) for f in figures] == [("70,000", "2013-02-22"), ("240,000", "2015-08-17")]


def test_follow_up_questions_use_the_conversation(real_engine):
    first = real_engine.ask("Who will Lavrov hold talks with in London?")
    history = [{"question": first["question"], "answer": first["answer"]["text"]}]
    follow = real_engine.ask("What will they discuss?", history=history)
    assert "Hague" in follow["understood_as"] and "Lavrov" in follow["understood_as"]
    assert follow["answer"]["text"] != first["answer"]["text"]
    assert any(w in follow["answer"]["text"] for w in ("agenda", "discuss"))
    corpus = real_engine.store.corpus
    said = [s for s in range(len(corpus.sentences)) if corpus.speakers[s] == "Sergei Lavrov"]
    earlier, later = next((a, b) for a, b in zip(said, said[1:]) if corpus.sentences[a][0] == corpus.sentences[b][0])
    again = real_engine.ask("What did he say next?", history=[
        {"question": "What did Lavrov say?", "answer": corpus.sentence_text(earlier)}])
    assert again["understood_as"] == "What did Sergei Lavrov say next?"
    assert again["answer"]["speaker"] == "Sergei Lavrov"
    assert again["answer"]["text"] in corpus.sentence_text(later)  # his next statement in that article


def test_a_follow_up_is_also_read_as_asked_when_the_last_turns_people_lead_it_astray(real_engine):
    first = real_engine.ask("Who has John Kerry been holding talks with?")
    history = [{"question": first["question"], "answer": first["answer"]["text"]}]
    follow = real_engine.ask("and what is expected to come out of the talks", history=history)
    assert "big breakthrough" in follow["answer"]["text"]  # with Lavrov and Kerry added: Lavrov's own words
    assert "understood_as" not in follow


def test_history_does_not_distort_a_question_that_stands_alone(real_engine):
    history = [{"question": "Who will Lavrov hold talks with in London?", "answer": "William Hague."}]
    alone = real_engine.ask("Which countries are backing Assad?")
    with_history = real_engine.ask("Which countries are backing Assad?", history=history)
    assert "understood_as" not in with_history
    assert with_history["answer"]["text"] == alone["answer"]["text"]
