"""Page furniture: kept in the article's text, never a passage, an answer, a statement or a corroboration."""

import shutil
import time

import numpy as np
import pytest

from qa.corpus import Article, load_articles
from qa.engine import Engine
from qa.furniture import furniture_spans, is_furniture_phrase, kept_regions
from qa.indexer import add_article, build_index
from qa.store import backend

from .conftest import FIXTURES, SEEDS

HTML = FIXTURES / "html"
SIGN_UP = "Sign up for our daily newsletter"
PLAYER = "Media playback is unsupported on your device"
ALERTS = "Harbour Ledger readers can get breaking alerts on their phones by downloading our free app today."
FURNITURE = (SIGN_UP, PLAYER, ALERTS)


def _marked(articles):
    return {article.path: {article.text[a:b] for a, b in spans}
            for article, spans in zip(articles, furniture_spans(articles))}


def test_a_line_repeated_across_an_outlets_stories_is_furniture():
    marked = _marked(load_articles([HTML]))
    for path in ("ledger-ferry.html", "ledger-bridge.html", "ledger-library.html"):
        assert marked[path] == set(FURNITURE)
    assert marked["courrier-cp1252.html"] == set()


def test_two_stories_are_not_enough_to_call_a_plain_line_furniture():
    articles = [a for a in load_articles([HTML]) if a.path != "ledger-library.html"]
    marked = _marked(articles)
    assert ALERTS not in marked["ledger-ferry.html"]  # only the repetition signal knows it
    assert {SIGN_UP, PLAYER} <= marked["ledger-ferry.html"]  # the phrases are recognised on their own


def _story(n, outlet):
    lines = [f"Line {i} of the wire story tells how the harbour board voted on the plan number {i}." for i in range(6)]
    return Article(f"{outlet}-{n}.txt", "Harbour board votes", "\n".join(lines), outlet=outlet)


def test_copies_of_one_story_keep_their_lines():
    wire = [_story(0, outlet) for outlet in ("a", "b", "c", "d")]
    assert furniture_spans(wire) == [[], [], [], []]
    same_outlet = [_story(n, "a") for n in range(5)]
    assert furniture_spans(same_outlet) == [[]] * 5


def test_quotes_headings_and_long_paragraphs_are_never_furniture_by_repetition():
    quote = '"We will not give up the harbour," the mayor said on the steps.'
    heading = "Weather"
    paragraph = " ".join(["The long background paragraph repeats the history of the harbour dispute."] * 7)
    articles = [Article(f"{n}.txt", f"Story {n}", f"Story number {n} is about topic {n * 7} in town {n}.\n"
                        f"{quote}\n{heading}\n{paragraph}\nIts own ending {n} differs from the others {n}.",
                        outlet="x") for n in range(6)]
    assert furniture_spans(articles) == [[]] * 6


@pytest.mark.parametrize("line", [SIGN_UP, PLAYER, "Advertisement", "Read more", "READ MORE: the rest",
                                  "Follow Jane Doe on Twitter @janedoe", "We use cookies. Accept all cookies",
                                  "Video player was slow to load content Video content never loaded"])
def test_recognisable_furniture_phrases(line):
    assert is_furniture_phrase(line)


@pytest.mark.parametrize("line", ["The council said it would read more of the report before voting.",
                                  "Discovery+ will remain available to subscribe to separately, for $4.99 a month.",
                                  "The ad campaign ran for six weeks on local radio."])
def test_reporting_is_not_a_furniture_phrase(line):
    assert not is_furniture_phrase(line)


def test_phrase_rule_runs_in_linear_time():
    for hostile in ("follow " + "a " * 5000 + "on", "sign up " * 2000, "more:" * 3000, "x" * 10_000):
        started = time.perf_counter()
        is_furniture_phrase(hostile)
        furniture_spans([Article("a", "a", hostile), Article("b", "b", hostile), Article("c", "c", hostile)])
        assert time.perf_counter() - started < 0.5


def test_kept_regions_are_the_text_between_furniture_lines():
    text = "One.\nFURN\nTwo. Three.\nFURN"
    assert kept_regions(text, [(5, 9), (22, 26)]) == [(0, 5), (9, 22)]
    assert kept_regions("FURN", [(0, 4)]) == []


@pytest.fixture
def html_engine(tmp_path, fake_settings, fake_embedder):
    folder = tmp_path / "pages"
    shutil.copytree(HTML, folder)
    shutil.copytree(SEEDS, folder / "seeds")
    build_index([folder], fake_settings.index, fake_settings, lambda: fake_embedder)
    return Engine(fake_settings, embedder=fake_embedder)


def test_no_furniture_line_is_a_sentence_or_inside_a_chunk(html_engine):
    corpus = html_engine.store.corpus
    sentences = [corpus.sentence_text(i) for i in range(len(corpus.sentences))]
    chunks = [corpus.chunk_text(i) for i in range(len(corpus.chunks))]
    assert any("82% of members" in text for text in chunks)
    for line in FURNITURE:
        assert not any(line in text for text in sentences + chunks)


def test_no_furniture_line_is_a_passage_or_an_answer_and_the_source_keeps_it(html_engine):
    for question in (SIGN_UP, PLAYER, "How can readers get breaking alerts on their phones?",
                     "How many union members backed the ferry strike?"):
        reply = html_engine.ask(question, top_k=10)
        shown = [p["text"] for p in reply["passages"]]
        if reply["answer"]:
            shown += [reply["answer"]["text"]] + [c["text"] for c in reply["answer"]["corroboration"]]
        assert shown
        assert not any(line in text for text in shown for line in FURNITURE)
    assert SIGN_UP in html_engine.source("ledger-ferry.html")["text"]


def test_an_added_page_makes_a_line_furniture_everywhere_and_vectors_stay_right(tmp_path, fake_settings,
                                                                               fake_embedder):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("ledger-ferry.html", "ledger-bridge.html", "courrier-cp1252.html"):
        shutil.copy(HTML / name, folder)
    build_index([folder], fake_settings.index, fake_settings, lambda: fake_embedder)
    before = backend(fake_settings, fake_settings.index).open().corpus
    assert any(ALERTS in before.chunk_text(i) for i in range(len(before.chunks)))
    library = load_articles([HTML / "ledger-library.html"])[0]
    result = add_article(library, fake_settings.index, fake_settings, lambda: fake_embedder)
    store = backend(fake_settings, fake_settings.index).open()
    assert not any(ALERTS in store.corpus.chunk_text(i) for i in range(len(store.corpus.chunks)))
    assert result.embedded < result.chunks  # the unchanged article kept its vectors
    shutil.copy(HTML / "ledger-library.html", folder)
    fresh = fake_settings.with_(index=str(tmp_path / "fresh"))
    build_index([folder], fresh.index, fresh, lambda: fake_embedder)
    other = backend(fresh, fresh.index).open()
    np.testing.assert_array_equal(store.corpus.chunks, other.corpus.chunks)
    ids = list(range(len(store.corpus.chunks)))
    np.testing.assert_allclose(store.chunk_vectors(ids), other.chunk_vectors(ids), atol=1e-6)
    sentences = list(range(len(store.corpus.sentences)))
    np.testing.assert_allclose(store.sentence_vectors(sentences), other.sentence_vectors(sentences), atol=1e-6)


@pytest.mark.slow
def test_on_the_real_model_the_answer_is_reporting_and_no_passage_is_furniture(tmp_path, real_embedder):
    from qa.config import Settings

    settings = Settings(index=str(tmp_path / "index"))
    build_index([HTML], settings.index, settings, lambda: real_embedder)
    engine = Engine(settings, embedder=real_embedder)
    reply = engine.ask("What share of union members backed the ferry strike?", top_k=5)
    assert "82%" in reply["answer"]["text"]
    assert not any(line in p["text"] for p in reply["passages"] for line in FURNITURE)
