import numpy as np
import pytest

from qa.answer import FEATURES, AnswerModel, Candidates, choose, expected_type, trim, type_match
from qa.answer.model import JUDGED
from qa.answer.shapes import without_dates
from qa.retrieval import Passage
from qa.text import MAX_ANSWER_CHARS, words


@pytest.mark.parametrize("question, kind", [
    ("How many people died?", "count"),
    ("How tall is the tower?", "measure"),
    ("How much did the stadium cost?", "money"),
    ("What was the name of the storm?", "name"),
    ("What was the total value of the deal?", "money"),
    ("When did the war start?", "date"),
    ("In what year was it built?", "date"),
    ("Who won the election?", "name"),
    ("Which countries are backing Assad?", "names"),
    ("Why won't Russia ask Assad to step down?", "reason"),
    ("What did Lavrov say about preconditions?", None),
    # a "when" after the question's own wh-word says on which occasion, and asks for no date
    ("What was Lavrov's answer when asked whether Assad should go?", None),
    ("Who fumbled the ball when tackled?", "name"),
    ("What year was it when the war began?", "date"),
    ("The talks began this week. When will they end?", "date"),
    ("Who was there? When?", "date"),
    ("Miami won a playoff series, the first No. 8 seed to do so since:", "date"),
    ("Did he say when?", "date"),
    ("Protests over lockdowns took place in which country?", "country"),
    ("Which nation legalised same-sex marriage?", "country"),
    ("The prime minister of which European nation stepped down?", "country"),
    ("Which state announced it is legalizing jaywalking?", "state"),
    ("Which states voted?", "names"),
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
    ("How many empires used it?", "Such empires number in the dozens.", 1.0),
    ("How many treaties protected rights?", "None of the treaties mention rights.", 1.0),
    ("How many citizens were evacuated?", "Moscow is preparing to evacuate its citizens.", 0.0),
    ("How long has the war gone on?", "Russia is backing away during the 21-month long conflict.", 1.0),
    ("What percentage of voters backed him?", "Turnout was 61% in the capital.", 1.0),
    ("How many times has Polonia won the cup?", "They won the cup twice as well.", 1.0),
    ("On what day did Putin call for talks?", "Yesterday in Brussels, Putin urged talks.", 1.0),
    # a country or a US state, not any name
    ("Protests took place in which country?", "Protests spread across China on Sunday.", 1.0),
    ("Protests took place in which country?", "Thousands marched in Shanghai and Beijing.", 0.0),
    ("Which country joined China in the talks?", "Officials from China attended.", 0.0),
    ("Which country joined China in the talks?", "The U.S. and China met in Geneva.", 1.0),
    ("Which state legalised jaywalking?", "California's governor signed the bill.", 1.0),
    ("Which state legalised jaywalking?", "Governor Gavin Newsom signed the bill.", 0.0),
])
def test_type_match_needs_something_the_question_does_not_name(question, sentence, match):
    assert type_match(expected_type(question), sentence, set(words(question))) == match


def test_dates_are_no_counts():
    assert without_dates("Isaikin told Reuters on 13 February, as in 2012, that the deal was off.") == \
        "Isaikin told Reuters on  , as  , that the deal was off."
    assert without_dates("A dinner attended by 2000 guests on May 2") == "A dinner attended by 2000 guests on  "


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
    assert [p["rank"] for p in reply["passages"]] == list(range(1, len(reply["passages"]) + 1))
    assert reply["answer"] is None or reply["passages"][0]["highlight"], "the answer's passage comes first"


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


@pytest.mark.parametrize("question, asking", [
    ("Aaron Rodgers was traded this week. How many Super Bowls did he win?", "How many Super Bowls did he win?"),
    ("Who won the vote?", "Who won the vote?"),
    ("A fire burned 60 acres. Officials say it was started by a man trying to:",
     "Officials say it was started by a man trying to:"),
])
def test_the_asking_sentence_is_the_last_with_a_question_word_or_else_the_last(question, asking):
    from qa.answer.features import asking_sentence

    assert asking_sentence(question) == asking


def test_features_weigh_the_asking_sentence_and_the_place_in_the_article(fake_engine):
    from qa.answer.features import FEATURES

    question = "Lavrov met Hague in London. Who will Lavrov hold talks with?"
    _, candidates = fake_engine.candidates(question)
    corpus = fake_engine.store.corpus
    rows = [dict(zip(FEATURES, row)) for row in candidates.features]
    for sentence, row in zip(candidates.sentences, rows):
        article = corpus.sentence(sentence).article
        place = sentence - int(corpus.sentence_offsets[article])
        assert row["lead"] == pytest.approx(1 / (1 + place))
        assert row["coverage_asked"] <= row["coverage_asked_around"]
        assert row["in_period"] == 0.0, "no time words: no article is in a period"
    # A sentence holding only the scene's words covers part of the question but none of the asking.
    scene_only = [r for r in rows if r["coverage"] > 0 and r["coverage_asked"] == 0]
    asking = [r for r in rows if r["coverage_asked"] > 0]
    assert scene_only and asking
    assert any(r["lead"] == 1.0 for r in rows) and any(r["lead"] < 1.0 for r in rows)


def test_support_is_what_many_candidates_add_to_the_question_weighed_by_rarity():
    from qa.answer.features import answer_support

    class Rarity:  # the one part of a store that support reads
        def idf(self, terms):
            return np.array([3.0 if t == "dodo" else 1.0 for t in terms])

    present = {1: {"colossal", "species"}, 2: {"colossal", "dodo"}, 3: {"dodo", "mammoth", "species"},
               4: {"species", "back"}, 5: {"colossal"}}
    support = answer_support(present, {"colossal", "species"}, Rarity())
    # "dodo": in two candidates, three times as rare as the rest; "mammoth" and "back" in one each.
    assert support == {1: 0.0, 2: 1.0, 3: 1.0, 4: pytest.approx(1 / 6), 5: 0.0}


def _choose_between(engine, question: str, preferred: str, other: str, sure_of_both: bool = True,
                    theirs: bool = False, answered: tuple[str, ...] = ()):
    """`choose` between two seed sentences (found by their openings) where the model scores `preferred` higher,
    `other` is not probable enough unless `sure_of_both`, and is said by the person the question names if
    `theirs`; the conversation gave the sentences opening with `answered` before."""
    corpus = engine.store.corpus
    find = {text: next(s for s in range(len(corpus.sentences)) if corpus.sentence_text(s).startswith(text))
            for text in (preferred, other, *answered)}
    rows = np.zeros((2, len(FEATURES)))
    rows[:, FEATURES.index("coverage")] = [1.0, 0.5]
    rows[1, FEATURES.index("said_by_named")] = float(theirs)
    ranker = np.zeros(len(FEATURES))
    ranker[FEATURES.index("coverage")] = 1.0
    judge = np.zeros(JUDGED + 2)
    judge[0] = 0.0 if sure_of_both else 10.0  # the probability follows the score: 0.92 and 0.08
    model = AnswerModel(ranker, judge, 5.0 if sure_of_both else -7.5, 0.5, 0.5)
    passage = Passage(0, 1.0, 1.0, 1.0)
    candidates = Candidates([find[preferred], find[other]], [passage, passage], rows)
    return choose(question, candidates, engine.store, model, answered=frozenset(find[a] for a in answered))


def _choice_between(engine, question: str, preferred: str, theirs: str, sure_of_both: bool = True):
    choice = _choose_between(engine, question, preferred, theirs, sure_of_both, theirs=True)
    return engine.store.corpus.sentence_text(choice.sentence)


def test_what_someone_said_is_answered_in_their_words_not_the_narrators(fake_engine):
    narration, said = "Russia's top diplomat met his Iranian counterpart", "\"While some of our partners believe"
    assert _choice_between(fake_engine, "What did Lavrov say after meeting Zarif?", narration, said).startswith(said)
    # the narrator may hold what a when-question asks for, which their words lack
    assert _choice_between(fake_engine, "When did Lavrov meet Zarif?", narration, said).startswith(narration)


def test_what_someone_said_is_never_answered_in_another_speakers_words(fake_engine):
    assert fake_engine.ask("What did William Hague say about Russia's stance on Assad?")["answer"] is None, (
        "the seeds name Hague but never quote him")
    for question, speaker in [("What did Putin say about Assad?", "Vladimir Putin"),
                              ("What did Lavrov say about Assad?", "Sergei Lavrov")]:
        answer = fake_engine.ask(question)["answer"]
        assert answer is None or answer["speaker"] == speaker, (question, answer["speaker"])
        assert answer is not None or speaker != "Sergei Lavrov"
    lavrov, putin = "Lavrov said the departure of Assad", "Yesterday in Brussels, Russian President Vladimir Putin"
    assert _choice_between(fake_engine, "What did Putin say about Assad?", lavrov, putin, sure_of_both=False) \
        .startswith(putin), "his own words on it, however unsure, rather than Lavrov's"


def test_a_surname_the_articles_name_in_full_but_never_quote_gets_no_ones_words(fake_engine):
    # the seeds name "Mohammad Javad Zarif" and quote only Lavrov near him
    for question in ("What was Zarif's view on Assad stepping down?", "What did Zarif himself say about Assad?"):
        assert fake_engine.ask(question)["answer"] is None, question
    # a place asked about as if it spoke is answered by those who speak for it
    answer = fake_engine.ask("What did Washington think about Moscow's stance on Syria?")["answer"]
    assert answer is not None and "toned down its criticism" in answer["text"]


def test_a_follow_up_gets_something_new_never_what_the_conversation_was_given(fake_engine):
    given, new = "US Secretary of State John Kerry began talks", "\"During our latest phone contact"
    question = "What came of the talks?"
    choice = _choose_between(fake_engine, question, given, new, answered=(given,))
    assert fake_engine.store.corpus.sentence_text(choice.sentence).startswith(new) and not choice.repeated
    # not given again when nothing new is probable enough
    assert _choose_between(fake_engine, question, given, new, sure_of_both=False, answered=(given,)) is None
    # and never passed over when it was not given
    choice = _choose_between(fake_engine, question, given, new)
    assert fake_engine.store.corpus.sentence_text(choice.sentence).startswith(given) and not choice.repeated


def test_who_is_answered_where_the_article_names_the_person_a_sentence_only_describes(fake_engine):
    described, named = "However, the head of Russia's arms exports agency", "\"We are continuing to fulfil"
    choice = _choose_between(fake_engine, "Who heads Russia's arms exports agency?", described, named)
    assert fake_engine.store.corpus.sentence_text(choice.sentence).startswith(named)
    choice = _choose_between(fake_engine, "What is Moscow still delivering?", described, named)
    assert fake_engine.store.corpus.sentence_text(choice.sentence).startswith(described)


def test_the_name_of_someone_is_not_answered_by_words_that_only_describe_them(fake_engine):
    envoy, muallem = "Earlier this month, Russia's Middle East envoy said", "Syrian Foreign Minister Walid al-Muallem"
    assert _choose_between(fake_engine, "What is the name of Russia's Middle East envoy?", envoy, muallem) is None
    assert _choose_between(fake_engine, "What did Russia's Middle East envoy say?", envoy, muallem) is not None
    assert _choose_between(fake_engine, "Did Moscow name a new Middle East envoy?", envoy, muallem) is not None
    choice = _choose_between(fake_engine, "What is the name of Syria's foreign minister?", muallem, envoy)
    assert fake_engine.store.corpus.sentence_text(choice.sentence).startswith(muallem)
