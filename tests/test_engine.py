import pytest

from qa.errors import BadQuestion, BadRequest


def test_reply_follows_the_ask_contract(fake_engine):
    reply = fake_engine.ask("  What did Lavrov say about preconditions?  ", top_k=3)
    assert reply["question"] == "What did Lavrov say about preconditions?"
    assert set(reply) == {"question", "answer", "passages", "took_ms"}
    answer = reply["answer"]
    assert set(answer) == {"text", "source", "speaker", "corroboration", "confidence", "statements", "statements_more"}
    for statement in answer["statements"]:
        assert set(statement) == {"text", "speaker", "source", "span", "corroboration"}
    assert set(answer["source"]) == {"path", "title", "outlet", "published"} and 0 <= answer["confidence"] <= 1
    assert len(answer["text"]) <= 300
    assert [p["rank"] for p in reply["passages"]] == [1, 2, 3]
    for passage in reply["passages"]:
        assert set(passage["source"]) == {"path", "title", "outlet", "published"}
        assert len(passage["text"].split()) <= 200
    highlighted = [p for p in reply["passages"] if p["highlight"]]
    assert highlighted, "the passage that holds the answer is shown and highlighted"
    [[start, end]] = highlighted[0]["highlight"]
    assert highlighted[0]["text"][start:end] == answer["text"]
    assert highlighted[0]["source"]["path"] == answer["source"]["path"]


@pytest.mark.parametrize("question", [None, 42, "", "   ", "x" * 1001])
def test_bad_questions_are_refused(fake_engine, question):
    with pytest.raises(BadQuestion):
        fake_engine.ask(question)


@pytest.mark.parametrize("top_k", [0, 21, -1, 2.5, "5", True, 21.0])
def test_bad_top_k_is_refused(fake_engine, top_k):
    with pytest.raises(BadRequest, match="top_k"):
        fake_engine.ask("Who is Lavrov?", top_k=top_k)


def test_as_of_is_checked_and_an_undated_index_has_none(fake_engine):
    reply = fake_engine.ask("What did Lavrov say this week?", top_k=3)
    assert "as_of" not in reply and "period" not in reply, "the seeds are undated: no day to read 'this week' from"
    dated = fake_engine.ask("What did Lavrov say this week?", top_k=3, as_of="2013-03-01")
    assert dated["as_of"] == "2013-03-01"
    assert dated["period"] == {"from": "2013-02-22", "to": "2013-03-01", "words": "this week", "filtered": False}
    assert [p["source"]["path"] for p in dated["passages"]] == [p["source"]["path"] for p in reply["passages"]]
    for bad in ("2013-3-1", "01/03/2013", 2013, "2013-13-01"):
        with pytest.raises(BadRequest, match="as_of"):
            fake_engine.ask("What did Lavrov say?", as_of=bad)


@pytest.mark.parametrize("question", [
    "Who will Lavrov hold talks with in London?",
    "How many people have died in the Syrian conflict?",
    "What did Lavrov say about preconditions?",
])
def test_passages_that_compete_to_answer_come_first_by_their_best_sentence(fake_engine, question):
    understood = fake_engine._understand(question, [])
    found = fake_engine._candidates(question, understood, understood.question, None)
    scores = fake_engine.model.scores(found.candidates.features)
    best = {}
    for passage, score in zip(found.candidates.passages, scores):
        best[passage.chunk] = max(score, best.get(passage.chunk, float("-inf")))
    ordered = [p.chunk for p in fake_engine._by_answer(found)]
    assert sorted(ordered) == sorted(p.chunk for p in found.passages)
    competing = ordered[: len(best)]
    assert set(competing) == set(best)
    assert [best[c] for c in competing] == sorted(best.values(), reverse=True)
    assert ordered[len(best):] == [p.chunk for p in found.passages if p.chunk not in best], "the rest as retrieved"
    reply = fake_engine.ask(question, top_k=5)
    if reply["answer"] is not None:
        assert reply["passages"][0]["highlight"], "the answer's passage is shown first"


def test_a_statements_topic_is_read_in_the_questions_own_pass(fake_engine):
    """What someone said about something: the topic's vector is pooled from the question's tokens, so asking
    costs one text through the model, not two."""
    model, texts = fake_engine.embedder, []

    class Counting:
        def encode(self, batch):
            texts.append(batch)
            return model.encode(batch)

        def encode_passages(self, batch, spans):
            texts.append(batch)
            return model.encode_passages(batch, spans)

    fake_engine.embedder = Counting()
    question = "What did Lavrov say about preconditions?"
    vector, about = fake_engine.embed_question(question)
    assert texts == [[question]]
    assert vector @ model.encode([question])[0] == pytest.approx(1.0, abs=1e-5)
    assert about @ model.encode(["preconditions"])[0] == pytest.approx(1.0, abs=1e-5)
    texts.clear()
    assert fake_engine.embed_question("Who is Lavrov?")[1] is None and texts == [["Who is Lavrov?"]]
    assert fake_engine.ask(question)["answer"]["statements"] and len(texts) == 2
