import numpy as np
import pytest

from qa.answer import expected_type, trim, type_match
from qa.text import MAX_ANSWER_CHARS, words


@pytest.mark.parametrize("question, kind", [
    ("How many people died?", "count"),
    ("How tall is the tower?", "measure"),
    ("How much did the stadium cost?", "money"),
    ("When did the war start?", "date"),
    ("In what year was it built?", "date"),
    ("Who won the election?", "name"),
    ("Which countries are backing Assad?", "names"),
    ("Why won't Russia ask Assad to step down?", "reason"),
    ("What did Lavrov say about preconditions?", None),
])
def test_expected_type(question, kind):
    assert expected_type(question) == kind


@pytest.mark.parametrize("question, sentence, match", [
    ("How tall is the tower?", "It has a height of 617 ft and 42 floors.", 1.0),
    ("How tall is the tower?", "It was built in 1990 as the Barnett Center.", 0.0),
    ("Who won the election?", "The election was won by Angela Merkel.", 1.0),
    ("Who won the election?", "The election was won easily.", 0.0),
    ("When did it open?", "It opened in May 2014.", 1.0),
    ("Which countries back Assad?", "Assad is backed by Russia and Iran.", 1.0),
    ("Which countries back Assad?", "Russia is backing away from Assad.", 0.0),
])
def test_type_match_needs_something_the_question_does_not_name(question, sentence, match):
    assert type_match(expected_type(question), sentence, set(words(question))) == match


def test_short_sentences_are_kept_whole():
    assert trim("A short answer.", "anything") == (0, len("A short answer."))


def test_long_sentences_are_trimmed_to_the_part_about_the_question():
    filler = ", ".join(f"item number {i} of a long list" for i in range(12))
    sentence = f"{filler}, and the tower is 617 ft tall, {filler}."
    start, end = trim(sentence, "How tall is the tower?")
    assert end - start <= MAX_ANSWER_CHARS
    assert "tower is 617 ft tall" in sentence[start:end]


def test_trim_without_clause_boundaries_cuts_at_a_word():
    sentence = "word " * 100
    start, end = trim(sentence.strip(), "word")
    assert end - start <= MAX_ANSWER_CHARS and not sentence[start:end].endswith(" ")


def test_fake_engine_ranks_first_the_sentence_that_matches(fake_engine):
    question = "Who will Lavrov hold talks with in London?"
    _, candidates = fake_engine.candidates(question)
    best = candidates.sentences[int(np.argmax(fake_engine.model.scores(candidates.features)))]
    assert "William Hague" in fake_engine.store.corpus.sentence_text(best)
    reply = fake_engine.ask(question)
    assert reply["answer"] is None or "William Hague" in reply["answer"]["text"]
    assert np.all(np.diff([p["score"] for p in reply["passages"]]) <= 0)


@pytest.mark.parametrize("sentence, expected", [
    ("The war has killed some 240,000 people.", ("240,000", 240000.0)),
    ("About one million Syrians have fled.", ("one million", 1e6)),
    ("A further 1.5 million have fled.", ("1.5 million", 1.5e6)),
    ("The two nations are not that distant.", None),
])
def test_figures_are_quantities_not_any_number_word(sentence, expected):
    from qa.answer import figure

    assert figure(sentence, {"how", "many"}) == expected


def test_features_tell_what_the_question_asks_and_what_no_article_holds(fake_engine):
    from qa.answer.features import FEATURES

    def first_row(question):
        _, candidates = fake_engine.candidates(question)
        return dict(zip(FEATURES, candidates.features[0]))

    assert first_row("What did Lavrov say about climate change?")["unknown_share"] > 0
    assert first_row("What did Lavrov say about preconditions?")["unknown_share"] == 0
    assert first_row("Syria?")["few_terms"] == 1.0
    assert first_row("What is the capital of Australia?")["unknown_names"] == 1.0


def test_who_questions_look_for_a_person_the_question_does_not_name(fake_engine):
    from qa.answer.features import FEATURES

    _, candidates = fake_engine.candidates("Who will Lavrov hold talks with in London?")
    rows = [dict(zip(FEATURES, row)) for row in candidates.features]
    texts = [fake_engine.store.corpus.sentence_text(s) for s in candidates.sentences]
    hague = next(r for r, t in zip(rows, texts) if "William Hague" in t)
    assert hague["names_person"] == 1.0 and hague["holds_kind"] == 1.0
    assert any(r["names_person"] == 0.0 for r in rows)
