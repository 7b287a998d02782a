"""Everything a person said on a topic: `answer.statements`, its parts, and the seeds end to end."""

import dataclasses
import json
import shutil
import sys

import numpy as np
import pytest

from qa.answer import load_model, on_topic
from qa.answer.on_topic import FEATURES, OnTopicModel, load_on_topic_model
from qa.answer.statements import _same_person, asked_topic, evidence, reading, spoken_by, statements
from qa.attribution import same_names_everywhere, speakers
from qa.engine import Engine
from qa.errors import AnswerModelUnusable
from qa.followup import understand
from qa.indexer import build_index
from qa.text import terms

from .conftest import FIXTURES

VARGA = FIXTURES / "statements"


@pytest.mark.parametrize(("question", "surname", "topic"), [
    ("What did Lavrov say about preconditions?", "lavrov", {"precondit"}),
    ("What has Sergei Lavrov said on the departure of Assad?", "lavrov", {"departur", "assad"}),
    ("Lavrov's view on the peace talks?", "lavrov", {"peac", "talk"}),
    ("How did Putin describe the situation in Syria?", "putin", {"situat", "syria"}),
    ("What did Wenger warn about the referees?", "wenger", {"refere"}),
    ("What exactly did Lavrov call unacceptable?", "lavrov", {"unaccept"}),
    ("How should the conflict be solved, in Sergei Lavrov's view?", "lavrov", {"conflict", "solv"}),
    ("How did Bernard Laporte view the match against England?", "laporte", {"match", "england"}),
    ("How did Ferguson react to the ban?", "ferguson", {"ban"}),
    ("What was Rob Andrew's view on Wilkinson's fitness?", "andrew", {"wilkinson", "fit"}),
    ("What was William Plante's advice to consumers on spam?", "plante", {"consum", "spam"}),
    ("What was Mr Andrew's verdict on the match?", "andrew", {"match"}),
    ("How did Dr Fox describe the rift?", "fox", {"rift"}),
    ("What did Mr Osborne warn about legal action?", "osborne", {"legal", "action"}),
    ("What did Mr Brown say about interest rates?", "brown", {"interest", "rate"}),
    ("Did Lavrov say anything about Kerry himself?", "lavrov", {"kerri"}),
    ("What did Lavrov make of Kerry?", "lavrov", {"kerri"}),
    ("What danger did Stephen Dyer see in the new domain names?", "dyer", {"danger", "new", "domain", "name"}),
    ("How did Labour peer Helena Kennedy describe detention without trial?", "kennedy", {"detent", "without", "trial"}),
    ("How did awards pundit Tom O'Neil see the Oscars race?", "o'neil", {"oscar", "race"}),
    ("What did Labour leader Tony Blair say about Labour's plans?", "blair", {"labor", "plan"}),
    ("What did British Foreign Secretary William Hague say about Assad?", "hague", {"assad"}),
    ("How did Harry Redknapp talk about his move to Southampton?", "redknapp", {"move", "southampton"}),
    ("What has Bill Thompson written about digital rights?", "thompson", {"digit", "right"}),
])
def test_questions_asking_what_someone_said_about_something_name_both(question, surname, topic):
    asked = asked_topic(question)
    assert asked is not None and asked.surnames == {surname} and set(asked.terms) == topic


def test_a_source_the_topic_names_is_neither_whose_words_nor_what_about():
    topic = asked_topic("What has Anna Berg said about being fired by Delta over her blog?")
    assert topic.surnames == {"berg"}
    assert "delta" not in topic.terms and "blog" in topic.terms


def test_what_the_asked_person_is_stays_out_of_the_words_embedded_for_the_topic():
    assert asked_topic("What did England captain Jason Robinson say about the poor start?").phrase == "poor start"
    assert asked_topic("What did Jason Robinson say about the poor start?").phrase == "poor start"
    assert "alleg" not in asked_topic("What did Victor Conte allege about Marion Jones?").terms


def test_an_office_before_the_name_is_not_a_first_name():
    assert asked_topic("What has Chancellor Gordon Brown said on the pact?").first_names == {"brown": "gordon"}


@pytest.mark.parametrize("question", ["Who is Lavrov?", "What did Lavrov say?", "Where is Syria?"])
def test_other_questions_ask_for_no_statements(question):
    assert asked_topic(question) is None


def test_word_variants_are_one_term():
    assert "precondit" in terms("a pre-condition for talks") and "precondit" in terms("preconditions")
    assert set(terms("organisation labour defence centre")) == set(terms("organization labor defense center"))
    assert terms("promised precise rise") == terms("promise precise rise")  # not British "-ize" words
    assert "promiz" not in terms("promised") and "precis" in terms("precise")


def test_a_short_first_name_is_the_long_one_it_starts():
    topic = asked_topic("What did Vince Cable warn about personal debt?")
    assert _same_person("Vincent Cable", topic) and _same_person("Vince Cable", topic) and _same_person("Cable", topic)
    assert not _same_person("Vic Cable", topic)
    assert not _same_person("Al Gore", asked_topic("What did Alan Gore say about the debt?"))


def test_a_role_the_archive_writes_before_a_name_does_not_hide_the_first_name():
    topic = asked_topic("What has Brian May said about the tour?")
    assert _same_person("Guitarist Brian May", topic) and not _same_person("Guitarist Theresa May", topic)
    # a peer's title stands where a first name would: "Baroness Boothroyd" is Betty Boothroyd
    topic = asked_topic("What is Betty Boothroyd's view on the Speaker of the Lords?")
    assert _same_person("Baroness Boothroyd", topic) and _same_person("Lady Boothroyd", topic)
    assert not _same_person("Sandra Boothroyd", topic)


def test_people_who_share_a_surname_stay_apart():
    said = speakers(["Helena Varga said the tariffs would protect jobs.", "Varga added that talks would go on.",
                     "Marek Varga, her cousin, said the tariffs would ruin him.", "Varga said he would sue."])
    assert said == ["Helena Varga", "Helena Varga", "Marek Varga", "Marek Varga"]
    assert same_names_everywhere(["Pound", "Dick Pound", "Stephen Pound", "Dick Pound", "Lavrov", "Sergei Lavrov"]) \
        == ["Dick Pound", "Dick Pound", "Stephen Pound", "Dick Pound", "Sergei Lavrov", "Sergei Lavrov"]


@pytest.fixture
def varga_engine(tmp_path, fake_settings, fake_embedder):
    shutil.copytree(VARGA, tmp_path / "articles")
    build_index([tmp_path / "articles"], fake_settings.index, fake_settings, lambda: fake_embedder)
    return Engine(fake_settings, embedder=fake_embedder)


def test_statements_gather_the_speakers_words_on_the_topic_by_date(varga_engine):
    answer = varga_engine.ask("What did Helena Varga say about the tariffs?")["answer"]
    listed = answer["statements"]
    assert [s["source"]["outlet"] for s in listed] == ["Northern Herald", "Northern Herald", "Valley Gazette"]
    assert [s["source"]["published"] for s in listed] == ["2021-03-01", "2021-03-01", "2021-03-05"]
    assert all(s["speaker"] == "Helena Varga" and "tariffs" in s["text"] for s in listed)
    assert not any("harvest" in s["text"] or "railway" in s["text"] or "Brandt" in s["text"] or "ruin" in s["text"]
                   for s in listed)
    shield = next(s for s in listed if "shield" in s["text"])
    assert [c["outlet"] for c in shield["corroboration"]] == ["Daily Courier"]
    assert answer["statements_more"] == 0


def test_each_statement_points_at_its_place_in_the_article(varga_engine):
    answer = varga_engine.ask("What did Varga say about tariffs?")["answer"]
    for statement in answer["statements"]:
        text = varga_engine.source(statement["source"]["path"])["text"]
        start, end = statement["span"]
        assert text[start:end] == statement["text"]


def test_someone_else_of_the_same_surname_is_not_listed(varga_engine):
    answer = varga_engine.ask("What did Marek Varga say about the tariffs?")["answer"]
    assert [s["speaker"] for s in answer["statements"]] == ["Marek Varga"]


def test_a_first_name_one_letter_off_is_the_one_the_articles_know_when_none_is_written_so(varga_engine):
    listed = varga_engine.ask("What did Helana Varga say about the tariffs?")["answer"]["statements"]
    assert listed and {s["speaker"] for s in listed} == {"Helena Varga"}
    marek = varga_engine.ask("What did Marik Varga say about the tariffs?")["answer"]["statements"]
    assert {s["speaker"] for s in marek} == {"Marek Varga"}


def test_a_long_first_name_spelt_alike_is_one_person_a_short_one_is_not(tmp_path, fake_settings, fake_embedder):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text("Athletes banned\n\nVassilis Petrakis said the doping ban was unfair.\n"
                                      "Joan Smith said the doping ban was a scandal.\n", encoding="utf-8")
    (articles / "two.txt").write_text("Ban appealed\n\nVassilli Petrakis told parliament that athletes "
                                      "would appeal against the doping ban.\n"
                                      "John Smith said the doping ban was right.\n", encoding="utf-8")
    build_index([articles], fake_settings.index, fake_settings, lambda: fake_embedder)
    engine = Engine(fake_settings, embedder=fake_embedder)
    listed = engine.ask("What did Vassilis Petrakis say about the doping ban?")["answer"]["statements"]
    assert {s["speaker"] for s in listed} == {"Vassilis Petrakis", "Vassilli Petrakis"}, listed
    listed = engine.ask("What did John Smith say about the doping ban?")["answer"]["statements"]
    assert {s["speaker"] for s in listed} == {"John Smith"}


def test_a_surname_the_archive_misspells_is_read_as_the_asked_one_where_it_can_only_be_them(
        tmp_path, fake_settings, fake_embedder):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text("Ban upheld\n\nHelmut Kranzler said the doping ban was unfair.\n",
                                      encoding="utf-8")
    (articles / "two.txt").write_text("Ban appealed\n\nHelmut Kranzer told parliament the doping ban would be "
                                      "appealed.\nAnna Kranzer said the doping ban was overdue.\n", encoding="utf-8")
    (articles / "three.txt").write_text("Appeal lodged\n\nHelmut Kranzler said the doping ban was a disgrace.\n"
                                        '"We will fight the doping ban," said Kranzlr.\n', encoding="utf-8")
    (articles / "four.txt").write_text('Ban backed\n\n"The doping ban is fair," said Kranzle.\n', encoding="utf-8")
    build_index([articles], fake_settings.index, fake_settings, lambda: fake_embedder)
    engine = Engine(fake_settings, embedder=fake_embedder)
    listed = engine.ask("What did Helmut Kranzler say about the doping ban?")["answer"]["statements"]
    texts = " ".join(s["text"] for s in listed)
    assert "unfair" in texts and "appealed" in texts, "the same first name, one letter off"
    assert "fight" in texts, "no first name, in an article where he speaks too"
    assert "overdue" not in texts, "another first name"
    assert "fair," not in texts, "no first name, in an article that never names him"


def test_a_misspelt_speaker_is_read_as_the_one_the_articles_know(varga_engine):
    reply = varga_engine.ask("What did Helena Vraga say about the tariffs?")
    assert reply["understood_as"] == "What did Helena Varga say about the tariffs?"
    assert reply["answer"]["statements"]


def test_a_speaker_written_in_small_letters_is_read_as_the_articles_write_them(varga_engine):
    reply = varga_engine.ask("what did varga say about the tariffs")
    assert reply["understood_as"] == "what did Varga say about the tariffs"
    written = varga_engine.ask("What did Varga say about the tariffs?")["answer"]["statements"]
    assert [s["text"] for s in reply["answer"]["statements"]] == [s["text"] for s in written] != []
    assert "understood_as" not in varga_engine.ask("what did the tariffs cost")
    assert varga_engine.ask("what did vagra say about the tariffs")["understood_as"] == \
        "what did Varga say about the tariffs"


def test_what_else_about_it_keeps_the_topic_and_the_speaker(varga_engine):
    history = [{"question": "What did Helena Varga say about the tariffs?", "answer": None}]
    corpus = varga_engine.store.corpus
    understood = understand("What else did she say about it?", history, corpus, lambda text, asked: None,
                            varga_engine.store.knows)
    assert understood.question == "What else did Helena Varga say about the tariffs?"
    assert understood.previous is None


# The real model over the seeds.

LAVROV_ON_PRECONDITIONS = [
    ("000_19600c522c1aab53.txt", "the departure of Assad should not be a pre-condition for negotiations"),
    ("000_19600c522c1aab53.txt", "We have been against any pre-conditions to stop the violence"),
    ("003_2fda47d1d964f0ff.txt", "did not accept the departure of Syrian President Bashar Assad as a prerequisite"),
    ("003_2fda47d1d964f0ff.txt", "without outside interference or any kinds of preconditions"),
    # without the word, but beside the others under a headline on preconditions: Assad's leaving agreed in advance
    ("003_2fda47d1d964f0ff.txt", "agree in advance that at the end of the transitional period the president"),
    # without the word, in other words
    ("002_909b4cd5f0f5ae06.txt", "unrealistic demands as the prerequisite conditions for the start of dialogue"),
]
# his words on other things
LAVROV_ON_OTHER_THINGS = ["no one is going to win this war", "not for us to decide who should lead Syria",
                          "not in the regime-change game", "several countries were offering asylum to Assad"]


@pytest.mark.slow
def test_what_lavrov_said_about_preconditions_is_listed_whole(real_engine):
    answer = real_engine.ask("What did Lavrov say about preconditions?")["answer"]
    listed = answer["statements"]
    for path, words in LAVROV_ON_PRECONDITIONS:
        assert sum(s["source"]["path"] == path and words in s["text"] for s in listed) == 1, words
    assert all(s["speaker"] == "Sergei Lavrov" for s in listed)
    assert not [s["text"] for s in listed if any(words in s["text"] for words in LAVROV_ON_OTHER_THINGS)]


@pytest.mark.slow
def test_a_topic_no_article_holds_gets_no_answer(real_engine):
    assert real_engine.ask("What did Lavrov say about climate change?")["answer"] is None


@pytest.mark.slow
def test_what_lavrov_said_about_the_regime_change_game_merges_the_repeats(real_engine):
    listed = real_engine.ask("What did Lavrov say about the regime-change game?")["answer"]["statements"]
    assert all(s["speaker"] == "Sergei Lavrov" for s in listed)
    quote = "You know that we are not in the regime-change game."
    repeated = [s for s in listed if quote in s["text"]]
    assert len(repeated) == 1, "000 and 001 quote the same words: one entry"
    assert repeated[0]["text"].startswith("Asked if"), "the quotation is whole, with the sentence that opens it"
    carriers = {repeated[0]["source"]["path"][:3]} | {c["path"][:3] for c in repeated[0]["corroboration"]}
    assert {"000", "001"} <= carriers
    said = [t for s in listed for t in (s["text"], *(c["text"] for c in s["corroboration"]))]
    assert any("Russia is not in the regime-change game" in t for t in said)  # 002's own words
    quoted = {c["text"] for s in listed for c in s["corroboration"]}
    assert not any(s["text"] in quoted for s in listed), "a repeat is merged into its entry, not listed again"


@pytest.mark.slow
def test_what_putin_said_about_order_in_syria(real_engine):
    listed = real_engine.ask("What did Putin say about the leadership of Syria?")["answer"]["statements"]
    assert [s["speaker"] for s in listed] == ["Vladimir Putin"] * len(listed)
    assert any("current leadership" in s["text"] for s in listed)


@pytest.mark.slow
def test_someone_s_view_asked_in_other_words_lists_their_statements(real_engine):
    answer = real_engine.ask("In Lavrov's opinion, should Assad step down?")["answer"]
    assert answer["speaker"] == "Sergei Lavrov" and answer["statements"]
    assert all(s["speaker"].endswith("Sergei Lavrov") for s in answer["statements"])
    assert any("Assad" in s["text"] for s in answer["statements"])


@pytest.fixture
def courier_statements(tmp_path, fake_settings, fake_embedder):
    """Index Daily Courier articles ({file name: headline and body}); then the statements a question lists."""
    def index(articles: dict[str, str]):
        folder = tmp_path / "articles"
        folder.mkdir()
        for name, text in articles.items():
            (folder / name).write_text(f"---\noutlet: Daily Courier\npublished: 2021-04-02\n---\n{text}",
                                       encoding="utf-8")
        build_index([folder], fake_settings.index, fake_settings, lambda: fake_embedder)
        engine = Engine(fake_settings, embedder=fake_embedder)
        return lambda question: engine.ask(question)["answer"]["statements"]
    return index


@pytest.fixture
def rules_only(monkeypatch):
    """Statements found by the word rules alone, without the fitted model (which lists more, and overrules some)."""
    never = OnTopicModel(np.zeros(len(FEATURES)), 0.0, threshold=2.0)
    monkeypatch.setattr(sys.modules["qa.answer.statements"], "load_on_topic_model", lambda: never)


FERRY = ("Ferry tariffs to rise\n\nThe ferry tariffs will rise by a fifth in May, the harbour board said.\n\n"
         "Tomas Lind said the ferry tariffs were unfair to islanders.\n\n"
         + "".join(f"Anna Berg said boat number {n} was late.\n\n" for n in range(5)))


CUT = "Lind said the rise would cut islanders off from the mainland."
# another article that sets out with the tariffs (in its first sentence, not its headline), where Lind says only that
ISLANDERS = ("Islanders protest\n\nThe ferry tariffs will rise by a fifth in May, the harbour board said.\n\n"
             + "".join(f"Anna Berg said boat number {n} was late.\n\n" for n in range(5)) + f"{CUT}\n")


def test_the_fitted_model_lists_what_a_speaker_quoted_little_says_in_an_article_on_the_topic(courier_statements):
    listed = courier_statements({"ferry.txt": FERRY, "islanders.txt": ISLANDERS})(
        "What did Tomas Lind say about the ferry tariffs?")
    assert [s["text"] for s in listed] == ["Tomas Lind said the ferry tariffs were unfair to islanders.", CUT]


def test_the_rules_alone_do_not_list_those_words(courier_statements, rules_only):
    # none of the topic's words, and too far from the answer in meaning
    listed = courier_statements({"ferry.txt": FERRY, "islanders.txt": ISLANDERS})(
        "What did Tomas Lind say about the ferry tariffs?")
    assert [s["text"] for s in listed] == ["Tomas Lind said the ferry tariffs were unfair to islanders."]


def test_the_fitted_model_reads_the_topic_and_how_often_the_speaker_is_quoted():
    model = load_on_topic_model()
    on_it = dict.fromkeys(FEATURES, 1.0) | {"speakers_first": 0.0, "goes_on_quoting": 0.0}
    off_it = dict.fromkeys(FEATURES, 0.0)
    rows = [[row[name] for name in FEATURES] for row in (
        on_it | {"log_statements": np.log1p(3), "log_articles": np.log1p(2)},  # holds the topic
        off_it | {"log_statements": np.log1p(900), "log_articles": np.log1p(300)},  # quoted everywhere, not on it
    )]
    assert (model.probability(np.array(rows)) >= model.threshold).tolist() == [True, False]


def test_a_statements_model_fitted_on_other_features_is_refused(tmp_path, monkeypatch):
    record = json.loads(on_topic.SHIPPED.read_text(encoding="utf-8"))
    assert record["features"] == list(FEATURES)
    record["features"] = record["features"][:-1]
    monkeypatch.setattr(on_topic, "SHIPPED", tmp_path / "on_topic.json")
    on_topic.SHIPPED.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(AnswerModelUnusable, match="other features"):
        load_on_topic_model.__wrapped__()


def test_the_speakers_first_statement_in_an_article_is_read_with_its_headline(courier_statements):
    statements = courier_statements({
        name: f"{headline}\n\nInboxes filled with junk on Monday, Anna Berg said.\n\n"
              f'"{words}," said Tomas Lind, an adviser at a filter maker.\n\nThe union will meet again in May.\n'
        for name, headline, words in [
            ("junk.txt", "Spam floods inboxes", "Attacking the senders is like poking a bear with a stick"),
            ("costs.txt", "Spam costs firms millions",
             "Every hour lost to junk mail is an hour not spent on customers"),
        ]})
    listed = statements("What has Tomas Lind said about spam?")
    assert sorted(s["text"][:12] for s in listed) == ['"Attacking t', '"Every hour ']


@pytest.mark.parametrize("opening", [
    # an article that sets out with the topic
    "Ferry tariffs to rise\n\nThe ferry tariffs will rise by a fifth in May, the harbour board said.",
    # one that does not, where the answer is theirs
    "Harbour news\n\nBoats came in late on Monday, the harbour board said.",
])
def test_their_words_close_to_the_answer_are_on_the_topic(courier_statements, opening, rules_only):
    others = "".join(f"Anna Berg said boat number {n} was late.\n\n" for n in range(5))
    statements = courier_statements({"ferry.txt": (
        f"{opening}\n\n"
        "Tomas Lind said the ferry tariffs were unfair to islanders.\n\n"
        f"{others}Lind said islanders were unfair targets of the board.\n\n"
        f"{others}Lind said the harvest festival would draw record crowds.\n")})
    listed = statements("What did Tomas Lind say about the ferry tariffs?")
    assert [s["text"] for s in listed] == ["Tomas Lind said the ferry tariffs were unfair to islanders.",
                                           "Lind said islanders were unfair targets of the board."]


def test_after_a_statement_on_the_topic_a_quotation_runs_on_but_a_new_report_does_not(courier_statements, rules_only):
    statements = courier_statements({"ferry.txt": (
        "Harbour plans\n\n"
        "Tomas Lind said the ferry tariffs would rise in May.\n\n"
        "Mr Lind also stressed that the harvest would be late.\n\n"
        "The port opened in 1901 and has two berths. It is run by the town.\n\n"
        "Tomas Lind told the council the ferry tariffs were fair.\n\n"
        '"Nobody wants a rise, but the costs leave us no choice."\n')})
    listed = statements("What did Tomas Lind say about the ferry tariffs?")
    assert [s["text"][:14] for s in listed] == ["Tomas Lind sai", "Tomas Lind tol"]
    assert listed[1]["text"].endswith('"Nobody wants a rise, but the costs leave us no choice."')


@pytest.mark.parametrize(("question", "parts"), [
    ("What did Lavrov say about preconditions?", [[{"precondit"}]]),
    # things joined by "and" are each a topic; a hyphenated word and a name are one word each
    ("What did Vale say about the anti-terror orders and house arrest?",
     [[{"anti", "terror", "antiterror"}, {"order"}], [{"hous"}, {"arrest"}]]),
    ("What did Lind say about Anna Berg's budget or the fares?", [[{"anna", "berg"}, {"budget"}], [{"fare"}]]),
])
def test_the_things_a_question_asks_about(question, parts):
    assert [[set(word) for word in part] for part in asked_topic(question).parts] == parts


def test_the_headline_helps_the_statements_after_one_on_the_topic_not_before(courier_statements, rules_only):
    statements = courier_statements({"ferry.txt": (
        "Ferry news\n\n"
        "Tomas Lind said the harbour would stay open.\n\n"
        "Lind said the queues at the gates were long.\n\n"
        "Lind said the ferry tariffs would rise in May.\n\n"
        "The port opened in 1901 and has two berths.\n\n"
        "Lind said the crossing would get cheaper later.\n")})
    listed = statements("What did Tomas Lind say about the ferry tariffs?")
    assert [s["text"][:20] for s in listed] == ["Lind said the ferry ", "Lind said the crossi"]


def test_a_statement_on_the_topic_retold_in_other_words_elsewhere_is_on_it_too(courier_statements):
    statements = courier_statements({
        "tariffs.txt": "Ferry tariffs rise\n\n"
                       "Tomas Lind said the ferry tariffs were unfair to islanders who cross daily.\n",
        "island.txt": "Island news\n\n"
                      "Tomas Lind said the harvest would be late this year.\n\n"
                      "The school will close for a week.\n\n"
                      "Lind also said the charges were unfair to islanders who cross daily.\n"})
    listed = statements("What did Tomas Lind say about the ferry tariffs?")
    assert len(listed) == 1  # one statement, carried by both articles
    assert {listed[0]["text"][:26], *(c["text"][:26] for c in listed[0]["corroboration"])} \
        == {"Tomas Lind said the ferry ", "Lind also said the charges"}


@pytest.mark.parametrize(("question", "heads"), [
    ("What did Lind say about Britain's EU budget rebate?", [{"rebat"}]),
    ("What did Lind say about the sale of the harbour?", [{"sale"}]),
    ("What did Lind say about the tariffs on cheese?", [{"tariff"}]),
    ("What did Lind say about Anna Berg's budget and the ferry fares?", [{"budget"}, {"fare"}]),
])
def test_the_head_of_each_thing_a_question_asks_about_is_its_last_word_before_a_preposition(question, heads):
    assert [set(head) for head in asked_topic(question).heads] == heads


def test_the_head_word_of_the_topic_is_enough_in_an_article_that_holds_the_rest(courier_statements, rules_only):
    statements = courier_statements({
        "ferry.txt": "Harbour news\n\n"
                     "Tomas Lind said the weather was poor.\n\n"
                     "The harbour board will vote on the ferry tariffs in May.\n\n"
                     "The port opened in 1901. It has two berths. It is run by the town. Boats come daily.\n\n"
                     "Lind warned that the tariffs would empty the island.\n",
        "rates.txt": "Rates\n\nTomas Lind said the harbour ferry tariffs were too high.\n",
        "cheese.txt": "Cheese fair\n\nTomas Lind said the tariffs on cheese were fine.\n",
        "boats.txt": "Boats\n\nThe harbour ferry left late.\n",
        "sails.txt": "Sails\n\nA ferry sailed into the harbour.\n"})
    listed = statements("What did Tomas Lind say about the harbour ferry tariffs?")
    assert sorted(s["text"] for s in listed) == ["Lind warned that the tariffs would empty the island.",
                                                 "Tomas Lind said the harbour ferry tariffs were too high."]


def test_a_word_written_closed_after_a_prefix_holds_what_the_archive_writes_apart(courier_statements, rules_only):
    statements = courier_statements({
        "talks.txt": "Talks\n\nTomas Lind said there should be no pre-conditions for the talks.\n",
        "terms.txt": "Terms\n\nTomas Lind said the conditions set for the dialogue were unrealistic.\n",
        "radio.txt": "Radio\n\nTomas Lind said the interview went well.\n",
        "hills.txt": "Hills\n\nTomas Lind said the view was fine.\n"})
    listed = statements("What did Tomas Lind say about preconditions?")
    assert sorted(s["text"][16:30] for s in listed) == ["the conditions", "there should b"]
    # "interview" is no "inter-view": the archive never writes it apart
    assert [s["text"] for s in statements("What did Tomas Lind say about the interview?")] \
        == ["Tomas Lind said the interview went well."]


def test_a_run_of_the_speakers_sentences_carries_the_topic_on_until_someone_else_speaks(courier_statements,
                                                                                      rules_only):
    statements = courier_statements({"ferry.txt": (
        "Ferry tariffs anger islanders\n\n"
        "Tomas Lind said the ferry tariffs would ruin the island.\n\n"
        "Lind said families would leave within a year.\n\n"
        "He added that shops were already closing.\n\n"
        "He said the school had lost pupils.\n\n"
        "Lind said fishermen were selling boats.\n\n"
        "He warned that the doctor might go too.\n\n"
        "The port opened in 1901 and has two berths.\n\n"
        "Lind said the weather would turn.\n")})
    listed = statements("What did Tomas Lind say about the ferry tariffs?")
    assert [s["text"][:16] for s in listed] == ["Tomas Lind said ", "Lind said famili", "He added that sh",
                                               "He said the scho", "Lind said fisher", "He warned that t"]


def test_a_statement_on_the_topic_answers_what_they_said_however_unsure_the_model_is(tmp_path, fake_settings,
                                                                                       fake_embedder):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ferry.txt").write_text("Ferry tariffs to rise\n\nThe port opened in 1901 and has two berths.\n\n"
                                      "Tomas Lind said the ferry tariffs were unfair to islanders.\n", encoding="utf-8")
    build_index([folder], fake_settings.index, fake_settings, lambda: fake_embedder)
    unsure = dataclasses.replace(load_model(fake_settings.answer_model), threshold=1.0, dated_threshold=1.0)
    engine = Engine(fake_settings, embedder=fake_embedder, model=unsure)
    answer = engine.ask("What did Tomas Lind say about the ferry tariffs?")["answer"]
    assert answer["text"] == "Tomas Lind said the ferry tariffs were unfair to islanders."
    assert engine.ask("What did Tomas Lind say about the harvest?")["answer"] is None
    assert engine.ask("When did the port open?")["answer"] is None


def test_their_words_close_to_the_question_are_on_it_where_the_article_sets_out_with_the_topic(varga_engine,
                                                                                               rules_only):
    store = varga_engine.store
    topic = asked_topic("What did Helena Varga say about the tariffs?")
    harvest = next(s for s in range(len(store.corpus.sentences)) if "harvest" in store.corpus.sentence_text(s))
    close = store.sentence_vectors([harvest])[0]

    def listed(question):
        return {s for group in statements(topic, store, question=question) for run in group for s in run}

    assert harvest not in listed(None), "no tariff word"
    assert harvest in listed(close), "its article's headline and lead are on the tariffs, and it is the question's"
    assert harvest not in listed(-close)


def _tours(tmp_path, fake_settings, fake_embedder):
    """The store of the Varga fixture with two tours: the north's article has her words on the tariffs
    beside others of hers, the south's only others."""
    folder = tmp_path / "articles"
    shutil.copytree(VARGA, folder)
    (folder / "north.txt").write_text("Minister tours the north\n\nHelena Varga visited three towns on Monday.\n\n"
                                      "Varga said the tariffs would protect jobs in the mills.\n\n"
                                      "Varga said the bridge at Lenz would reopen in May.\n")
    (folder / "south.txt").write_text("Minister tours the south\n\nHelena Varga visited two ports on Tuesday.\n\n"
                                      "Varga said the ferry at Brod would sail again in June.\n")
    build_index([folder], fake_settings.index, fake_settings, lambda: fake_embedder)
    return Engine(fake_settings, embedder=fake_embedder).store


def test_their_words_close_to_the_question_are_on_it_beside_a_statement_of_theirs_on_the_topic(
        tmp_path, fake_settings, fake_embedder, rules_only):
    store = _tours(tmp_path, fake_settings, fake_embedder)
    topic = asked_topic("What did Helena Varga say about the tariffs?")

    def listed(word):
        sentence = next(s for s in range(len(store.corpus.sentences)) if word in store.corpus.sentence_text(s))
        found = {s for group in statements(topic, store, question=store.sentence_vectors([sentence])[0])
                 for run in group for s in run}
        return sentence in found

    assert listed("bridge"), "the same article has her words on the tariffs"
    assert not listed("ferry"), "nothing of hers on the tariffs there, nor in its headline or lead"


def test_the_model_reads_how_close_the_sentences_right_around_a_statement_are(tmp_path, fake_settings,
                                                                               fake_embedder):
    store = _tours(tmp_path, fake_settings, fake_embedder)
    topic = asked_topic("What did Helena Varga say about the tariffs?")
    said = spoken_by(topic, store)
    visited = next(s for s in range(len(store.corpus.sentences)) if "three towns" in store.corpus.sentence_text(s))
    read = reading(topic, store, said, question=store.sentence_vectors([visited])[0])
    around = dict(zip(said, read.around_question))
    after, far = (next(s for s in said if word in store.corpus.sentence_text(s))
                  for word in ("tariffs would protect", "bridge"))
    assert around[after] == pytest.approx(1.0), "the sentence right before it is the question itself"
    assert around[far] < 0.99, "two sentences on"


def test_the_model_reads_how_many_of_the_speakers_sentences_are_closer_to_the_topic(tmp_path, fake_settings,
                                                                                    fake_embedder):
    store = _tours(tmp_path, fake_settings, fake_embedder)
    topic = asked_topic("What did Helena Varga say about the tariffs?")
    said = spoken_by(topic, store)
    bridge = next(s for s in said if "bridge" in store.corpus.sentence_text(s))
    read = reading(topic, store, said, about=store.sentence_vectors([bridge])[0])
    closer = dict(zip(said, np.expm1(evidence(read, store)[:, FEATURES.index("log_closer_to_topic")])))
    assert closer[bridge] == pytest.approx(0), "none is closer to the topic than the sentence that says it"
    cosine = dict(zip(said, read.to_topic))
    assert [closer[s] for s in said] == pytest.approx([sum(c > cosine[s] for c in cosine.values()) for s in said])
    assert max(closer.values()) > 0
    without_topic = reading(topic, store, said)  # no words to embed: every cosine 0, none closer than another
    assert not evidence(without_topic, store)[:, FEATURES.index("log_closer_to_topic")].any()


def test_the_fitted_model_overrules_what_the_rules_read_around_a_statement_not_what_it_says(
        tmp_path, fake_settings, fake_embedder, monkeypatch):
    store = _tours(tmp_path, fake_settings, fake_embedder)
    topic = asked_topic("What did Helena Varga say about the tariffs?")
    bridge = next(s for s in range(len(store.corpus.sentences)) if "bridge" in store.corpus.sentence_text(s))
    sure_off = OnTopicModel(np.zeros(len(FEATURES)), -10.0, threshold=2.0, overrule_below=0.5)
    for model, overruled in [(dataclasses.replace(sure_off, overrule_below=0.0), False), (sure_off, True)]:
        monkeypatch.setattr(sys.modules["qa.answer.statements"], "load_on_topic_model", lambda model=model: model)
        listed = {s for group in statements(topic, store, question=store.sentence_vectors([bridge])[0])
                  for run in group for s in run}
        assert (bridge not in listed) == overruled, "no tariff word: close to the question beside one that has"
        assert any("tariffs would protect" in store.corpus.sentence_text(s) for s in listed), "its own words"


@pytest.mark.parametrize(("question", "phrase"), [
    ("What did Alan Greenspan warn about the US deficit?", "US deficit"),
    ("What has Ed Balls said about changes to public sector pensions?", "changes to public sector pensions"),
    ("What exactly did Sergei Lavrov call unacceptable?", "unacceptable"),
    ("What has Ellen Simonetti said about being fired by Delta over her blog?", "fired by Delta over her blog"),
    ("How should the conflict be solved, in Sergei Lavrov's view?", "conflict be solved"),
])
def test_the_topic_is_also_read_as_the_words_that_name_it(question, phrase):
    assert asked_topic(question).phrase == phrase


def test_their_words_close_to_the_topic_itself_are_on_it(tmp_path, fake_settings, fake_embedder, rules_only):
    store = _tours(tmp_path, fake_settings, fake_embedder)
    topic = asked_topic("What did Helena Varga say about the tariffs?")

    def listed(word, closeness):
        """Whether her sentence holding `word` is listed when the topic's embedding has this cosine to it."""
        sentence = next(s for s in range(len(store.corpus.sentences)) if word in store.corpus.sentence_text(s))
        vector = store.sentence_vectors([sentence])[0].astype(float)
        other = np.roll(vector, 1) - (np.roll(vector, 1) @ vector) * vector  # orthogonal to it
        about = closeness * vector + np.sqrt(1 - closeness ** 2) * other / np.linalg.norm(other)
        found = {s for group in statements(topic, store, about=about) for run in group for s in run}
        return sentence in found

    assert listed("ferry", 0.9), "close to the topic itself, anywhere"
    assert not listed("ferry", 0.5), "less close, and nothing of hers on the tariffs in that article"
    assert listed("bridge", 0.5), "less close, beside her words on the tariffs"
    assert not listed("bridge", 0.3)
