import shutil
from datetime import date

import faiss
import numpy as np
import pytest

from qa.corpus import load_articles
from qa.filters import Filters
from qa.indexer import build_index
from qa.store import backend
from qa.store.articles import ArticleList
from qa.store.base import Speakers
from qa.store.files import reader as files_reader
from qa.store.files import writer as files_writer
from qa.store.files.articles import ArticleTable
from qa.text import keyword_terms

from .conftest import FIXTURES


def test_small_indexes_are_exact_and_large_ones_approximate_with_high_recall():
    rng = np.random.default_rng(0)
    centers = rng.standard_normal((50, 32), dtype=np.float32)
    vectors = centers[rng.integers(0, 50, 6000)] + 0.5 * rng.standard_normal((6000, 32), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    assert isinstance(files_writer.vector_index(vectors[:1000]), faiss.IndexFlatIP)
    original = files_writer.EXACT_UP_TO
    try:
        files_writer.EXACT_UP_TO = 1000
        approximate = files_writer.vector_index(vectors)
    finally:
        files_writer.EXACT_UP_TO = original
    assert isinstance(approximate, faiss.IndexIVFScalarQuantizer)
    exact = faiss.IndexFlatIP(32)
    exact.add(vectors)
    queries = vectors[:100]
    _, want = exact.search(queries, 10)
    _, got = approximate.search(queries, 10)
    assert np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got, want)]) >= 0.95


def test_an_approximate_index_serves_search_filters_and_vectors(seeds_copy, fake_settings, fake_embedder, monkeypatch):
    monkeypatch.setattr(files_writer, "EXACT_UP_TO", 10)
    shutil.copytree(FIXTURES / "news", seeds_copy / "news")
    build_index([seeds_copy], fake_settings.index, fake_settings, lambda: fake_embedder)
    store = backend(fake_settings, fake_settings.index).open()
    assert isinstance(store._chunk_index, faiss.IndexIVF)
    query = fake_embedder.encode(["Lavrov talks with William Hague in London"])[0]
    found = store.search(query, ["hagu"], 10)
    assert found and all(c.dense <= 1.0001 for c in found)
    bbc = Filters(outlets=frozenset({"bbc"}))
    allowed = bbc.allowed_chunks(store.corpus.articles, store.corpus.chunks[:, 0])
    assert 0 < len(allowed) < len(store.corpus.chunks)
    assert {c.chunk for c in store.search(query, ["hagu"], 10, bbc)} <= set(allowed.tolist())
    assert store.chunk_vectors([0, 1]).shape == (2, fake_embedder.dimension)


def test_articles_in_sqlite_are_found_listed_and_filtered_as_in_memory(seeds_copy, fake_settings, fake_embedder):
    shutil.copytree(FIXTURES / "news", seeds_copy / "news")
    build_index([seeds_copy], fake_settings.index, fake_settings, lambda: fake_embedder)
    table = backend(fake_settings, fake_settings.index).open().corpus.articles
    assert isinstance(table, ArticleTable)
    in_memory = ArticleList(load_articles([seeds_copy]))
    assert len(table) == len(in_memory) and list(table) == list(in_memory) and table[-1] == in_memory[-1]
    with pytest.raises(IndexError):
        table[len(table)]
    assert table.catalogue() == in_memory.catalogue()
    assert table.number("news/un-toll-2013.md") == in_memory.number("news/un-toll-2013.md") is not None
    assert table.number("nowhere.txt") is None
    for narrowed in (Filters(outlets=frozenset({"bbc", "wire"})), Filters(after=date(2014, 1, 1)),
                     Filters(before=date(2013, 12, 31)), Filters(outlets=frozenset({"nobody"})),
                     Filters(outlets=frozenset({"evening chronicle"}), after=date(2010, 1, 1))):
        assert table.passing(narrowed).tolist() == in_memory.passing(narrowed).tolist(), narrowed
    assert 0 < len(table.passing(Filters(after=date(2014, 1, 1)))) < len(table)


def test_speakers_keep_who_says_each_sentence():
    said = ["Sergei Lavrov", None, "William Hague", "Sergei Lavrov", None]
    speakers = Speakers.of(said)
    assert list(speakers) == said and speakers[-2] == "Sergei Lavrov" and speakers[1:3] == said[1:3]


def test_document_frequencies_come_from_the_keyword_postings(fake_engine):
    store = fake_engine.store
    corpus = store.corpus
    chunk_terms = [set(keyword_terms(corpus.articles[corpus.chunk(i).article].title + "\n" + corpus.chunk_text(i)))
                   for i in range(len(corpus.chunks))]
    words = ["lavrov", "syria", "lavrov_said", "precondit", "zeppelin"]
    assert store.document_frequency(words) == [sum(term in terms for terms in chunk_terms) for term in words]
    assert store.knows("lavrov") and not store.knows("zeppelin")


def test_nearest_sentences_through_the_chunk_index_agree_with_comparing_all(fake_engine, monkeypatch):
    store = fake_engine.store
    for sentence in (0, 17, len(store.corpus.sentences) - 1):
        vector = store.sentence_vectors([sentence])[0]
        exact = store.nearest_sentences(vector, 5)
        monkeypatch.setattr(files_reader, "EXACT_SENTENCES_UP_TO", 0)
        through_chunks = store.nearest_sentences(vector, 5)
        monkeypatch.undo()
        assert through_chunks[0] == exact[0] == sentence
        assert len(set(through_chunks) & set(exact)) >= 4


def test_an_earlier_answer_is_found_whole_or_trimmed(fake_engine):
    corpus = fake_engine.store.corpus
    long = max(range(len(corpus.sentences)), key=lambda s: len(corpus.sentence_text(s)))
    for sentence in (3, 20, long):
        text = corpus.sentence_text(sentence)
        assert fake_engine.store.find_sentence(text) == sentence
    part = corpus.sentence_text(long)[40:200]
    assert fake_engine.store.find_sentence(part) == long
    assert fake_engine.store.find_sentence("Zeppelins never flew over Geneva.") is None


def test_a_short_earlier_answer_is_found_where_it_answers_the_question_it_was_given_to(fake_engine):
    store = fake_engine.store
    first = store.corpus.sentence_text(store.find_sentence("William Hague"))
    answering = store.corpus.sentence_text(store.find_sentence("William Hague", "Who will Lavrov meet in London?"))
    assert answering.startswith("Mr Lavrov is due to visit London next week") and first != answering
