"""The real model over the seed articles, end to end. The model and the index are built once."""

import json
import logging
import shutil

import pytest
from click.testing import CliRunner

from qa.cli import main
from qa.engine import Engine
from qa.evaluate import evaluate, read_questions
from qa.indexer import build_index

from .conftest import FIXTURES, SEEDS

pytestmark = pytest.mark.slow
LAVROV_SOURCES = {"000_19600c522c1aab53.txt", "002_909b4cd5f0f5ae06.txt", "003_2fda47d1d964f0ff.txt"}


def test_lavrov_preconditions(real_engine):
    reply = real_engine.ask("What did Lavrov say about preconditions?")
    answer = reply["answer"]
    assert answer is not None
    assert any(w in answer["text"].lower() for w in ("precondition", "pre-condition", "prerequisite"))
    assert answer["source"]["path"] in LAVROV_SOURCES
    assert LAVROV_SOURCES & {p["source"]["path"] for p in reply["passages"]}


@pytest.mark.parametrize("question", ["What is the boiling point of mercury?",
                                      "Who won the football World Cup in 2014?",
                                      "What is the capital of Australia?",
                                      "Who is the president of France?",
                                      "What did Obama say about Syria?",
                                      # the article only describes him: "Russia's Middle East envoy said ..."
                                      "What is the name of the Russian Middle East envoy who said the rebels "
                                      "could defeat Assad?"])
def test_questions_the_articles_do_not_answer_get_null(real_engine, question):
    assert real_engine.ask(question)["answer"] is None


def test_what_a_quoted_person_said_is_not_answered_by_a_report_of_the_events(real_engine):
    # Putin is quoted in the seeds, never on the airstrikes: the sentence reporting them is not his words
    assert real_engine.ask("What did Putin say about the regime airstrikes outside Damascus?")["answer"] is None
    # Lavrov did speak on preconditions: his words answer, not a report
    assert real_engine.ask("What did Lavrov say about preconditions?")["answer"]["speaker"] == "Sergei Lavrov"


def test_a_how_many_question_is_answered_with_a_count_or_not_at_all(real_engine):
    assert "70,000" in real_engine.ask("How many people have died in the Syrian conflict?")["answer"]["text"]
    # the seeds say Moscow prepares to evacuate its citizens, never how many it did
    assert real_engine.ask("How many Russians has Moscow evacuated from Syria?")["answer"] is None


def test_a_reaction_asked_for_is_the_reaction_not_the_event(real_engine):
    question = "How did the UN's envoy react to the regime airstrikes in the rebel-held town outside Damascus?"
    assert "condemned the bombings" in real_engine.ask(question)["answer"]["text"]


def test_a_question_asking_which_official_said_something_is_answered_with_their_name(real_engine):
    question = "Which Russian official said Moscow is still delivering military hardware to Assad's regime?"
    answer = real_engine.ask(question)["answer"]
    assert "Anatoly Isaikin" in answer["text"] and answer["speaker"] == "Anatoly Isaikin"


def test_what_someone_named_by_their_role_said_is_answered_by_their_words(real_engine):
    question = "Kerry and Lavrov have started talks on Syria. What did the State Department official say not to expect?"
    assert "big breakthrough" in real_engine.ask(question)["answer"]["text"]


@pytest.mark.parametrize(("question", "role"), [("Who is William Hague?", "Foreign Secretary William Hague"),
                                              ("what's kerry's job", "Secretary of State John Kerry"),
                                              ("What post does Sergei Lavrov hold in the Russian government?",
                                               "Foreign Minister Sergei Lavrov")])
def test_who_someone_is_is_answered_by_a_sentence_naming_them_with_their_role(real_engine, question, role):
    assert role in real_engine.ask(question)["answer"]["text"]


def test_a_how_much_question_is_answered_with_a_sum_or_not_at_all(real_engine):
    # the seeds say Russia is fulfilling its arms contracts, never what they are worth
    assert real_engine.ask("How much are Russia's arms contracts with Syria worth?")["answer"] is None
    assert real_engine.ask("What is the value of the weapons Moscow still delivers to Damascus?")["answer"] is None


def test_a_how_many_question_is_not_answered_by_the_day_of_a_month(real_engine):
    # 002 names air defence systems among the deliveries, and the day its source spoke, never how many
    assert real_engine.ask("How many air defence systems has Russia delivered to Syria?")["answer"] is None


def test_a_question_asking_for_a_date_is_answered_with_one_or_not_at_all(real_engine):
    answer = real_engine.ask("On what date did the head of the arms exports agency talk to Reuters?")["answer"]
    assert "13 February" in answer["text"]
    # the seeds say Lavrov visits London "next week", never on which day
    assert real_engine.ask("On what date does Lavrov arrive in London?")["answer"] is None
    # they say Lavrov "on Monday insisted", never the year he took office
    assert real_engine.ask("In what year did Sergei Lavrov become Russia's foreign minister?")["answer"] is None


def test_when_someone_said_something_is_answered_by_their_statement_that_gives_a_date(real_engine):
    answer = real_engine.ask("When did Lavrov say Moscow was urging Damascus to honour its earlier promises of "
                             "talks with the opposition?")["answer"]
    assert "in December" in answer["text"] and answer["speaker"] == "Sergei Lavrov"


def test_a_follow_up_is_answered_from_the_story_of_the_last_answer(real_engine):
    history = [{"question": "Is Russia still sending arms to the Assad government?",
                "answer": "However, the head of Russia's arms exports agency told Reuters on 13 February that Moscow "
                          "is still delivering military hardware to Al-Assad's regime, including air defence systems."},
               {"question": "What exactly did he say?",
                "answer": "\"We are continuing to fulfil our obligations on contracts for the delivery of military "
                          "hardware,\" Rosoboron export chief Anatoly Isaikin said, quoted by the Interfax news "
                          "agency."}]
    answer = real_engine.ask("Does that include warplanes?", history=history)["answer"]
    assert "not attack weapons or aircraft" in answer["text"]
    assert answer["source"]["path"] == "002_909b4cd5f0f5ae06.txt"


def test_a_bare_topic_gets_passages_but_no_answer(real_engine):
    reply = real_engine.ask("Syria?")
    assert reply["answer"] is None and reply["passages"]
    assert real_engine.ask("Who is Lavrov?")["answer"] is not None


# The fitted answer model prefers "Russia is backing away from its staunch support of the Syrian president"
# here; listed, so that a change that fixes it or breaks another question shows.
KNOWN_MISSES = {"d3"}


def test_every_seed_question_but_the_known_miss_is_answered_right(real_engine):
    report = evaluate(real_engine.ask, read_questions(FIXTURES / "seeds-questions.jsonl"), progress=False)
    assert {failure["id"] for failure in report["failures"]} == KNOWN_MISSES, report["failures"]
    assert report["correct_abstentions"] == report["unanswerable"] == 2


def test_unreadable_and_non_utf8_files_are_skipped_or_decoded(real_embedder, real_settings, tmp_path, caplog):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    (folder / "latin.txt").write_bytes("Caf\u00e9 owners protest\nOwners of caf\u00e9s in Lyon protested "
                                       "on Tuesday against a new tax on terraces.".encode("cp1252"))
    (folder / "broken.txt").write_bytes(b"\x00\x9f binary junk")
    settings = real_settings.with_(index=str(tmp_path / "index"))
    with caplog.at_level(logging.WARNING):
        result = build_index([folder], settings.index, settings, lambda: real_embedder)
    assert result.articles == 6
    assert "latin.txt: not UTF-8" in caplog.text and "broken.txt: skipped" in caplog.text
    reply = Engine(settings, embedder=real_embedder).ask("Where did café owners protest?")
    assert reply["answer"]["source"]["path"] == "latin.txt" and "Lyon" in reply["answer"]["text"]


def test_cli_index_ask_and_eval(tmp_path):
    runner = CliRunner()
    index = str(tmp_path / "index")
    result = runner.invoke(main, ["index", str(SEEDS), "--index", index])
    assert result.exit_code == 0, result.output
    assert "5 articles" in result.output
    assert "up to date" in runner.invoke(main, ["index", str(SEEDS), "--index", index]).output
    result = runner.invoke(main, ["ask", "Who will Lavrov hold talks with in London?", "--index", index, "--json"])
    assert result.exit_code == 0 and "William Hague" in json.loads(result.output)["answer"]["text"]
    result = runner.invoke(main, ["ask", "Who will Lavrov hold talks with in London?", "--index", index])
    assert "William Hague" in result.output and "[1]" in result.output
    result = runner.invoke(main, ["ask", "What did Lavrov say about preconditions?", "--index", index])
    assert result.exit_code == 0 and "Everything Sergei Lavrov said on this, oldest first:" in result.output
    assert "pre-condition for negotiations" in result.output and "prerequisite" in result.output
    result = runner.invoke(main, ["eval", str(FIXTURES / "seeds-questions.jsonl"), "--index", index])
    assert result.exit_code == 0
    assert "answer_accuracy: 0.8571" in result.output and "correct_abstentions: 2" in result.output  # KNOWN_MISSES
