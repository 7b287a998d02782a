import numpy as np
import pytest

from qa.corpus import Article
from qa.engine import Engine
from qa.followup import names, understand
from qa.indexer import build_index
from qa.spelling import with_capitalised_names
from qa.store import Corpus

TEXT = ("Mr Lavrov is due to visit London next week for talks with UK Foreign Secretary William Hague. "
        "He said the crisis would top the agenda.")


def _corpus(speakers=("Sergei Lavrov", "Sergei Lavrov")):
    article = Article("a.txt", "Lavrov to visit London", TEXT)
    split = TEXT.index(" He said") + 1
    return Corpus([article], np.zeros((0, 6), np.int32), np.array([[0, 0, split - 1], [0, split, len(TEXT)]]),
                  np.array([0, 2]), list(speakers))


def _understand(question, history, corpus):
    """As the engine calls it, with the store's lookup of earlier answers played by the corpus' texts."""
    texts = {corpus.sentence_text(s): s for s in range(len(corpus.sentences))}
    return understand(question, history, corpus, lambda text, asked: texts.get(text), lambda term: False)


HISTORY = [{"question": "Who will Lavrov hold talks with in London?",
            "answer": "Mr Lavrov is due to visit London next week for talks with UK Foreign Secretary William Hague."}]


def test_a_question_that_stands_alone_is_left_as_it_is():
    understood = _understand("Which countries are backing Assad?", HISTORY, _corpus())
    assert understood.question == "Which countries are backing Assad?" and understood.previous is None
    assert understood.answered == {0}


def test_pronouns_become_the_people_just_discussed():
    assert _understand("What did he say next?", HISTORY, _corpus()).question == "What did Sergei Lavrov say next?"
    assert _understand("What will they discuss?", HISTORY, _corpus()).question == \
        "What will Sergei Lavrov and William Hague discuss?"


def test_a_follow_up_completed_with_the_last_turns_people_keeps_the_question_as_asked():
    understood = _understand("and what will top the agenda", HISTORY, _corpus())
    assert understood.question == "and what will top the agenda (Sergei Lavrov, William Hague, London)"
    assert understood.as_asked == "and what will top the agenda"
    assert _understand("What will they discuss?", HISTORY, _corpus()).as_asked is None  # "they" said who


def test_a_follow_up_keeps_the_last_answer_as_its_context():
    assert _understand("What did he say next?", HISTORY, _corpus()).context == 0
    assert _understand("Who said that?", HISTORY, _corpus()).context == 0
    assert _understand("Which countries are backing Assad?", HISTORY, _corpus()).context is None


def test_what_came_next_points_at_the_last_answer():
    assert _understand("What did he say next?", HISTORY, _corpus()).previous == 0
    assert _understand("What did he say about Syria?", HISTORY, _corpus()).previous is None


def test_next_week_names_a_time_not_what_came_next():
    assert _understand("and who's he meeting next week", HISTORY, _corpus()).previous is None
    assert _understand("What did he do next Monday?", HISTORY, _corpus()).previous is None
    assert _understand("what did he say next week, and next?", HISTORY, _corpus()).previous == 0


def test_a_short_question_naming_another_speaker_asks_the_last_question_about_them():
    corpus = _corpus(("Sergei Lavrov", "William Hague"))
    assert _understand("And Hague?", HISTORY, corpus).question == "Who will Hague hold talks with in London?"
    history = [{"question": "What did he say about Assad?", "answer": None}]
    assert _understand("And Hague?", history, corpus).question == "What did Hague say about Assad?"


def test_a_short_question_borrows_the_context():
    understood = _understand("And Hague?", HISTORY, _corpus())  # Hague says nothing in these articles
    assert understood.question.startswith("And Hague? (") and "Sergei Lavrov" in understood.question


def test_he_is_someone_the_articles_know_before_a_word_like_russian():
    history = [{"question": "Who is the Russian foreign minister?", "answer": "It is Sergei Lavrov."}]
    assert _understand("What did he say?", history, _corpus()).question == "What did Sergei Lavrov say?"


def test_who_said_that_points_at_the_last_answer():
    for question in ("According to whom?", "Who said that?", "says who?"):
        understood = _understand(question, HISTORY, _corpus())
        assert understood.about_last == ("source", 0) and understood.question == question
    assert _understand("Who said Assad must go?", HISTORY, _corpus()).about_last is None


def test_who_said_that_is_answered_by_the_last_answer_with_its_speaker(fake_engine):
    first = fake_engine.ask("Why won't Russia ask Assad to step down?")["answer"]
    answer = fake_engine.ask("Who said that?", history=[{"question": "Why won't Russia ask Assad to step down?",
                                                           "answer": first["text"]}])["answer"]
    assert answer["text"] == first["text"] and answer["repeated"]
    assert answer["speaker"] == first["speaker"] and answer["source"] == first["source"]


FLED = "about one million Syrians have fled abroad and 2.5 million have been forced from their homes"


@pytest.mark.parametrize(("articles", "last"), [
    # an answer that says nothing of who: a copy that does
    ({"a.txt": f"The fighting went on. {FLED.capitalize()}.", "b.txt": f"The UN also says {FLED}."}, "a.txt"),
    # an answer that says who itself, though no one is named as its speaker: itself, not another's copy
    ({"b.txt": f"The UN also says {FLED}.", "c.txt": f"{FLED.capitalize()}, Lavrov said."}, "b.txt"),
])
def test_who_said_an_unattributed_answer_is_answered_by_the_words_that_say_who(tmp_path, fake_settings, fake_embedder,
                                                                             articles, last):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(f"Refugees\n\n{text}\n")
    build_index([folder], fake_settings.index, fake_settings, lambda: fake_embedder)
    engine = Engine(fake_settings, embedder=fake_embedder)
    said = articles[last].split(". ")[-1].rstrip(".") + "."
    answer = engine.ask("According to whom?", history=[{"question": "How many have fled?", "answer": said}])["answer"]
    assert answer["text"].startswith("The UN also says") and answer["source"]["path"] == "b.txt"


def test_the_word_that_opens_a_yes_no_question_is_no_name():
    history = [{"question": "Should Assad's departure be a precondition, according to Lavrov?", "answer": None}]
    understood = _understand("Why is that unlikely?", history, _corpus())
    assert "Should" not in understood.question and "Assad" in understood.question
    # nor the word that opens a quotation, nor a name inside a word ("post-Assad")
    assert names('"We will keep our word," said Anatoly Isaikin in a post-Assad mood.') == ["Anatoly Isaikin"]


ISAIKIN_UNNAMED = ("However, the head of Russia's arms exports agency told Reuters on 13 February that Moscow is still "
                   "delivering military hardware to Al-Assad's regime, including air defence systems.")
OFFICIAL_UNNAMED = 'However the talks are not expected to produce a "big breakthrough", the official added.'
HOPES_GONE = ("He said that recent faint hopes that dialogue was possible between the opposition and the Assad regime "
              "had dissipated.")
LAVROV_WONT_PUSH = ("Russian Foreign Minister Sergei Lavrov reiterated Friday that Moscow will not push Syrian "
                    "President Bashar al-Assad to quit, saying it would be against Russian policy and in any case "
                    "would be futile.")
MEDIATOR = ("Russian Foreign Minister Sergei Lavrov told reporters that his country would not act as a mediator in the "
            "stalemate and that Assad would not bow to international pressure, reports Reuters.")
LAVROV_UNDATED = ("Lavrov said Russia's position \"has not changed\" on Syria and a solution to the conflict should "
                  "come \"without outside interference or any kinds of preconditions\".")


@pytest.mark.parametrize(("asks", "said", "questions", "expected", "speaker", "not_of_last"), [
    # where the article names the last answer's speaker
    ("name", ISAIKIN_UNNAMED, ("What is his name?", "Who is he?", "whats he called"), "Anatoly Isaikin",
     "Anatoly Isaikin",
     "What is the name of his party?"),
    # where the article dates it, in the speaker's own words
    ("time", LAVROV_UNDATED, ("When did he say that?", "When was that?", "When?", "and when?",
                              "what date was that?", "On what day did he say that?",
                              "When did he give that interview?", "when did he tell reuters this, what date",
                              "and the date on that?", "what's the date of that"),
     "on Monday",
     "Sergei Lavrov", "What was the date of the talks?"),
    # where the article names someone it then calls "the official"
    ("source", OFFICIAL_UNNAMED, ("Who said that?", "Source?", "Says who?", "Where is that from?"),
     "a State Department official", "a State Department official", "Who said they would meet?"),
    # where the article says whom they told it
    ("audience", LAVROV_WONT_PUSH, ("Who did he say that to?", "To whom?", "Who did he tell?", "whom did he tell that",
                                    "According to which news agency?", "which news agency reported his remarks",
                                    "which broadcaster was he talking to",
                                    "and who was the minister talking to when he said it"),
     "in a BBC interview", "Sergei Lavrov",
     "Who did he meet?"),
    # where the article says where they said it
    ("place", MEDIATOR, ("Where was he when he said that?", "Where did he say it?", "where was he speaking"),
     "aboard a government plane",
     "Sergei Lavrov", "Where is Assad?"),
    # the nearest sentence that quotes them, where the last answer reported their words
    ("quote", ISAIKIN_UNNAMED, ("What were his exact words?", "What exactly did he say?", "Can you quote him?"),
     "continuing to fulfil our obligations", "Anatoly Isaikin", "What did he say?"),
    # the next sentence, where the report goes on to say why
    ("reason", HOPES_GONE, ("Why?", "Why is that?", "Did he give a reason?", "what was his reasoning",
                          "Why would he say that?"),
     "extremists who bet on an armed solution", "Sergei Lavrov", "Why did he go to Moscow?"),
])
def test_a_follow_up_about_the_last_answer_gets_the_sentence_that_tells(fake_engine, asks, said, questions, expected,
                                                                       speaker, not_of_last):
    history = [{"question": "What happened?", "answer": said}]
    for question in questions:
        answer = fake_engine.ask(question, history=history)["answer"]
        assert expected in answer["text"] and answer["speaker"] == speaker, question
        assert _understand(question, HISTORY, _corpus()).about_last == (asks, 0), question
    assert _understand(not_of_last, HISTORY, _corpus()).about_last is None


def test_him_is_a_person_not_a_country_the_articles_quote_by_its_name():
    history = [{"question": "Would Moscow take him in?",
                "answer": "Several countries offered asylum to Bashar Assad but Russia would not be one of them."}]
    corpus = _corpus(("Russia", "Sergei Lavrov"))  # "Russia said ...": a speaker, never named in full
    assert _understand("What does that say about Moscow's support for him?", history, corpus).question == \
        "What does that say about Moscow's support for Bashar Assad?"


def test_he_is_a_person_not_a_country_that_speaks():
    text = "Russia said Sergei Lavrov had hosted Saudi Arabia's foreign minister."
    corpus = Corpus([Article("r.txt", "Lavrov hosts", text)], np.zeros((0, 6), np.int32),
                    np.array([[0, 0, len(text)]]), np.array([0, 1]), ["Russia"])  # "Russia said ...": a speaker
    history = [{"question": "Whom did Russia's top diplomat host?", "answer": text}]
    assert _understand("Who had he hosted the week before?", history, corpus).question == \
        "Who had Sergei Lavrov hosted the week before?"
    # with no person to be "he", the question keeps its pronoun (and is searched with the names around it)
    history = [{"question": "What did Russia say?", "answer": "Russia said Saudi Arabia would not take part."}]
    assert not _understand("Why did he say that?", history, corpus).question.startswith("Why did Russia")


@pytest.mark.parametrize(("answer", "expected"), [
    ("Russia's Middle East envoy", "What else did Russia's Middle East envoy say?"),
    ("a State Department official", "What else did the State Department official say?"),
])
def test_he_after_an_answer_that_only_describes_someone_is_whom_it_describes(answer, expected):
    history = [{"question": "Who said the rebels could win?", "answer": answer}]
    assert _understand("What else did he say?", history, _corpus()).question == expected
    # an answer that names them is read as before
    history = [{"question": "Who said the rebels could win?", "answer": "Foreign Secretary William Hague"}]
    assert _understand("What else did he say?", history, _corpus()).question == "What else did William Hague say?"


def test_they_are_the_people_of_a_turn_typed_in_small_letters_and_of_a_one_word_answer():
    history = [{"question": "who did lavrov meet in london", "answer": "Hague"}]
    assert _understand("did they talk about anything other than syria?", history, _corpus()).question == \
        "did Lavrov and Hague talk about anything other than syria?"
    history = [{"question": "when did lavrov meet him", "answer": "Earlier this month"}]  # no name in it
    assert "Earlier" not in _understand("did they talk about syria?", history, _corpus()).question


def test_they_after_a_short_answer_are_the_group_the_sentence_it_came_from_says_does_something():
    text = "Earlier this month, Russia's Middle East envoy said the rebels could defeat Assad."
    corpus = Corpus([Article("e.txt", "Envoy", text)], np.zeros((0, 6), np.int32), np.array([[0, 0, len(text)]]),
                    np.array([0, 1]), ["Russia's Middle East envoy"])
    history = [{"question": "when did the envoy say the rebels could win", "answer": "Earlier this month"}]
    understood = understand("where are they advancing", history, corpus,
                            lambda answer, asked: 0 if answer in text else None, lambda term: False)
    assert understood.question == "where are the rebels advancing"


def test_when_someone_said_it_is_never_told_by_someone_elses_words(fake_engine):
    # the article dates Medecins Sans Frontieres' words ("On Thursday the medical charity ... said"), not these
    history = [{"question": "What did Lavrov tell the BBC?",
                "answer": "He told the BBC that Russia was not in the \"regime-change game\"."}]
    answer = fake_engine.ask("When did he say that?", history=history)["answer"]
    assert answer["speaker"] == "Sergei Lavrov" and "Thursday" not in answer["text"]


def test_a_pronoun_is_whom_the_question_itself_names_before_it():
    corpus = _corpus(("Sergei Lavrov", "Vladimir Putin"))
    assert _understand("And Putin, what did he say in Brussels?", HISTORY, corpus).question == \
        "And Putin, what did Putin say in Brussels?"
    # "him" after a name is someone else
    assert _understand("What did Lavrov say about him?", HISTORY, corpus).question == \
        "What did Lavrov say about William Hague?"


@pytest.mark.parametrize(("speakers", "answer"), [
    (("BBC", "Sergei Lavrov"), HISTORY[0]["answer"]),  # the outlet that reports it
    (("Sergei Lavrov", "Sergei Lavrov"), "Lavrov is headed to the United Kingdom for talks with William Hague."),
])
def test_they_are_people_not_an_outlet_or_a_place(speakers, answer):
    history = [{"question": HISTORY[0]["question"], "answer": answer}]
    understood = _understand("What will they discuss?", history, _corpus(speakers)).question
    assert "William Hague discuss" in understood and "BBC" not in understood and "Kingdom" not in understood


def test_they_after_an_outlets_report_are_the_people_it_names_the_first_by_a_surname_opening_it():
    text = "Lavrov is headed to London for talks with William Hague, BBC said. He said Syria would top the agenda."
    split = text.index(" He said") + 1
    corpus = Corpus([Article("a.txt", "Lavrov to visit London", text)], np.zeros((0, 6), np.int32),
                    np.array([[0, 0, split - 1], [0, split, len(text)]]), np.array([0, 2]), ["BBC", "Sergei Lavrov"])
    history = [{"question": "what's on lavrov's schedule", "answer": text[: split - 1]}]
    assert _understand("which city will they meet in", history, corpus).question == \
        "which city will Lavrov and William Hague meet in"
    # a word opening a text may be capitalised for that alone, unless the articles quote someone of that name
    assert names(history[0]["answer"]) == ["London", "William Hague"]
    assert names(history[0]["answer"], frozenset({"lavrov"})) == ["Lavrov", "London", "William Hague"]


def test_who_said_a_quotation_that_runs_on_is_answered_by_the_sentence_naming_its_speaker(fake_engine):
    quoted = '"Assad is not going anywhere, no matter what anyone says, be it China or Russia."'
    answer = fake_engine.ask("Who said that?", history=[{"question": "Will Assad go?", "answer": quoted}])["answer"]
    assert answer["speaker"] == "Sergei Lavrov"
    assert answer["text"].startswith("Russian Foreign Minister Sergei Lavrov told reporters")


def test_a_speaker_in_small_letters_is_capitalised_only_where_their_words_are_asked_for():
    corpus = _corpus(("Sergei Lavrov", "Anna Court"))
    knows = {"court", "said"}.__contains__
    assert with_capitalised_names("what did lavrov say about it", corpus, knows) == "what did Lavrov say about it"
    assert with_capitalised_names("what did lavorv say about it", corpus, knows) == "what did Lavrov say about it"
    assert with_capitalised_names("what's court's view on it", corpus, knows) == "what's Court's view on it"
    for untouched in ("which court believes lavrov is right", "what did the court say", "what about it"):
        assert with_capitalised_names(untouched, corpus, knows) == untouched


def test_a_misspelt_speaker_is_renamed_but_a_word_the_articles_hold_is_not():
    corpus = _corpus()
    words = {"london"}  # what the keyword index holds, as the store's `knows` tells

    def ask(question):
        return understand(question, [], corpus, lambda text, asked: None, words.__contains__).question

    assert ask("What did Lavorv say about the talks?") == "What did Lavrov say about the talks?"
    assert ask("What was said about the talks by Lavrev?") == "What was said about the talks by Lavrov?"
    words.add("lavrev")
    assert ask("What was said about the talks by Lavrev?") == "What was said about the talks by Lavrev?"


def test_their_after_a_group_the_question_names_is_that_group_and_him_after_on_is_whom_the_answer_named_last():
    understood = _understand("What do British officials say about their talks with him?", HISTORY, _corpus())
    assert understood.question == "What do British officials say about their talks with William Hague?", (
        "the last answer is Lavrov's; 'with him' is the other man it names")
    assert _understand("What will they discuss?", HISTORY, _corpus()).question.startswith("What will Sergei Lavrov")
    plans = _understand("How did Russian officials describe their plans?", HISTORY, _corpus()).question
    assert plans.startswith("How did Russian officials describe their plans?")
    stand = _understand("and the americans? where do they stand", HISTORY, _corpus()).question
    assert stand.startswith("and the americans? where do they stand")
    homes = _understand("and how many people have fled their homes?", HISTORY, _corpus()).question
    assert homes.startswith("and how many people have fled their homes?")


def test_they_are_the_group_the_last_answer_says_does_something_when_it_names_no_two_people():
    history = [{"question": "What did the envoy say?", "answer": "Mr Lavrov said the rebels could take the capital."}]
    corpus = _corpus()
    # the two the answer opens with, though it names someone after them
    vetoed = [{"question": "Did Russia block action?", "answer": "Russia and China, Assad's allies, vetoed three "
               "resolutions threatening sanctions against William Hague."}]
    assert _understand("were they leaning on Assad?", vetoed, corpus).question.startswith("were Russia and China")
    assert _understand("Where are they advancing?", history, corpus).question == "Where are the rebels advancing?"
    assert _understand("What will they discuss?", HISTORY, corpus).question.startswith(
        "What will Sergei Lavrov and William Hague"), "two people named: they are the people"
    # any verb after the group, and "post-Assad" names no one
    history = [{"question": "Is Russia ready?", "answer": "Russia is planning for a post-Assad Syria as the rebels "
                                                       "gain ground."}]
    assert _understand("Could they win?", history, corpus).question == "Could the rebels win?"
    # "them" is the group even when two people are named
    history = [{"question": "Who offers asylum?", "answer": "Mr Lavrov told William Hague that several countries "
                                                         "were offering asylum."}]
    assert _understand("What did Moscow tell them?", history, corpus).question == \
        "What did Moscow tell several countries?"
    assert "Lavrov and William Hague discuss" in _understand("What will they discuss?", history, corpus).question
    history = [{"question": "Is Russia ready?", "answer": "The talks in the capitals of Europe went on."}]
    assert "capitals" not in _understand("Could they win?", history, corpus).question, "no group doing anything"


def test_why_after_an_answer_that_says_why_is_that_answer(fake_engine):
    said = ("Lavrov said the departure of Assad should not be a pre-condition for negotiations to end the conflict "
            "because it was highly unlikely to happen.")
    answer = fake_engine.ask("Why not?", history=[{"question": "Must Assad go first?", "answer": said}])["answer"]
    assert answer["text"] == said and answer["repeated"]


@pytest.mark.parametrize("question", ["What did he add?", "Such as what?", "Like what?", "For example?",
                                      "anything else from him on that trip?", "What else did he say about that?"])
def test_what_did_he_add_or_such_as_what_asks_what_came_next(question):
    assert _understand(question, HISTORY, _corpus()).previous == 0


def test_anything_else_on_a_topic_of_its_own_asks_about_it():
    assert _understand("What else did he say on the sanctions?", HISTORY, _corpus()).previous is None


@pytest.mark.parametrize("question", ["Who else did he meet?", "who else backs him", "Where else will he go?"])
def test_who_else_asks_for_someone_besides_not_for_what_came_next(question):
    assert _understand(question, HISTORY, _corpus()).previous is None


@pytest.mark.parametrize("question", ["How did the rebels respond?", "And what was the reaction?",
                                      "Did anyone on the rebel side disagree?"])
def test_how_someone_reacted_to_the_last_answer_asks_what_came_next(question):
    assert _understand(question, HISTORY, _corpus()).previous == 0
    assert _understand("How did the rebels respond to the offer?", HISTORY, _corpus()).previous is None


def test_the_last_answers_speaker_named_by_what_they_are_is_them():
    said = "Russian Foreign Minister Sergei Lavrov said the talks went well."
    article = Article("b.txt", "Talks", said)
    corpus = Corpus([article], np.zeros((0, 6), np.int32), np.array([[0, 0, len(said)]]), np.array([0, 1]),
                    ["Sergei Lavrov"])
    history = [{"question": "How did the talks go?", "answer": said}]
    understood = _understand("What did the minister say next?", history, corpus)
    assert understood.question == "What did Sergei Lavrov say next?" and understood.previous == 0
    # "the foreign secretary" of the answer is not its speaker, Lavrov
    assert _understand("What did the foreign secretary say next?", HISTORY, _corpus()).question == \
        "What did the foreign secretary say next?"


def test_the_last_answers_speaker_described_in_it_and_named_elsewhere_is_them_by_that_description():
    named = "Rosoboron export chief Anatoly Isaikin said contracts would be honoured."
    text = f"{ISAIKIN_UNNAMED} {named}"
    article = Article("c.txt", "Arms", text)
    corpus = Corpus([article], np.zeros((0, 6), np.int32),
                    np.array([[0, 0, len(ISAIKIN_UNNAMED)], [0, len(ISAIKIN_UNNAMED) + 1, len(text)]]),
                    np.array([0, 2]), ["Anatoly Isaikin", "Anatoly Isaikin"])
    history = [{"question": "Is Moscow still delivering arms?", "answer": ISAIKIN_UNNAMED}]
    # the head of the agency is its boss, and its chief
    for question in ("whats the agency boss called", "And who is the agency chief?"):
        assert _understand(question, history, corpus).about_last == ("name", 0), question
    assert _understand("When did the agency head say that?", history, corpus).about_last == ("time", 0)
    assert _understand("What did the agency boss say next?", history, corpus).question == \
        "What did Anatoly Isaikin say next?"
    # someone else's role is not him
    assert _understand("who is the foreign minister", history, corpus).about_last is None


def test_a_question_going_on_from_the_last_turn_leans_on_it():
    question = "And how many people have left the country altogether?"
    assert _understand(question, HISTORY, _corpus()).question != question
    alone = "How many people have left the country altogether?"
    assert _understand(alone, HISTORY, _corpus()).question == alone


def test_a_pronoun_after_a_description_in_the_question_itself_is_left_to_it():
    question = "And Britain's foreign secretary, what did he say?"
    assert _understand(question, HISTORY, _corpus()).question == question


def test_after_a_who_question_he_is_whom_the_answer_names():
    history = [{"question": "Who is trying to bridge differences with Sergei Lavrov?", "answer": HISTORY[0]["answer"]}]
    assert _understand("What is his role?", history, _corpus((None, None))).question == "What is William Hague's role?"
    # but after "Who did Sergei Lavrov meet?" he is still Lavrov
    history = [{"question": "Who did Sergei Lavrov meet?", "answer": HISTORY[0]["answer"]}]
    assert _understand("What is his role?", history, _corpus((None, None))).question == "What is Sergei Lavrov's role?"


def test_a_when_question_is_not_answered_again_by_the_last_answer_when_it_gives_no_date(fake_engine):
    said = ("Syrian Foreign Minister Walid al-Muallem had told Moscow that the authorities in Damascus were ready "
            "to talk to armed rebels")
    history = [{"question": "Has Damascus offered to talk to the rebels?", "answer": said}]
    answer = fake_engine.ask("When did he make that offer?", history=history)["answer"]
    assert answer is None or not answer["text"].startswith(said)


def test_a_copy_of_the_last_answer_that_names_what_is_asked_may_answer(real_engine):
    history = [{"question": "what's on lavrov's schedule for next week", "answer": (
        "Lavrov is headed to the United Kingdom next week for talks with Foreign Secretary William Hague, BBC said.")}]
    answer = real_engine.ask("which city will they meet in", history=history)["answer"]
    assert answer["text"].startswith("Mr Lavrov is due to visit London next week")
    # one that says only what the last answer did is not given again
    again = real_engine.ask("what is he doing next week", history=history)["answer"]
    assert again is None or "next week for talks" not in again["text"]


def test_the_sentence_a_short_answer_came_from_may_tell_the_reader_what_it_left_out(real_engine):
    history = [{"question": "Who will Lavrov meet in London?", "answer": "William Hague"}]
    answer = real_engine.ask("When are they meeting?", history=history)["answer"]
    assert "next week" in answer["text"]


def test_his_name_after_an_answer_that_only_describes_him_is_not_answered_by_the_describing_words(real_engine):
    history = [{"question": "Which Russian official said the rebels could win?",
                "answer": "Russia's Middle East envoy"}]
    assert real_engine.ask("what's his name", history=history)["answer"] is None


def test_what_he_said_after_an_answer_that_only_describes_him_is_what_the_described_man_said(real_engine):
    history = [{"question": "Who said the rebels could defeat Assad?", "answer": "Russia's Middle East envoy"}]
    reply = real_engine.ask("and what did he say moscow was getting ready for", history=history)
    assert reply["understood_as"].startswith("and what did Russia's Middle East envoy say")
    assert "evacuation" in reply["answer"]["text"]


def test_a_last_turn_that_names_no_one_leaves_the_people_of_the_turn_before():
    history = [*HISTORY, {"question": "What will top the agenda?", "answer": "He said the Syrian crisis would."}]
    understood = _understand("Do the two sides agree on it?", history, _corpus((None, None))).question
    assert "William Hague" in understood and "Syrian)" not in understood


def test_them_is_what_the_last_answer_spoke_of_not_who_spoke():
    text = ('The United Nation\'s Syria envoy, Staffan de Mistura, on Monday condemned the bombings as "unacceptable". '
            "He said so in Geneva.")
    split = text.index(" He said") + 1
    corpus = Corpus([Article("a.txt", "Envoy condemns bombings", text)], np.zeros((0, 6), np.int32),
                    np.array([[0, 0, split - 1], [0, split, len(text)]]), np.array([0, 2]),
                    ["Staffan de Mistura", "Staffan de Mistura"])
    history = [{"question": "what did the un envoy condemn on monday", "answer": text[: split - 1]}]
    assert _understand("who carried them out", history, corpus).question == "who carried the bombings out"
    # "they" still does what the people named did
    assert "de Mistura" in _understand("what did they say next", history, corpus).question
