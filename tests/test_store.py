import shutil

import faiss
import numpy as np

from qa.filters import Filters
from qa.indexer import build_index, open_store
from qa.store import faiss as faiss_store

from .conftest import FIXTURES


def test_small_indexes_are_exact_and_large_ones_approximate_with_high_recall():
    rng = np.random.default_rng(0)
    centers = rng.standard_normal((50, 32), dtype=np.float32)
    vectors = centers[rng.integers(0, 50, 6000)] + 0.5 * rng.standard_normal((6000, 32), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    assert isinstance(faiss_store.vector_index(vectors[:1000]), faiss.IndexFlatIP)
    original = faiss_store.EXACT_UP_TO
    try:
        faiss_store.EXACT_UP_TO = 1000
        approximate = faiss_store.vector_index(vectors)
    finally:
        faiss_store.EXACT_UP_TO = original
    assert isinstance(approximate, faiss.IndexIVFScalarQuantizer)
    exact = faiss.IndexFlatIP(32)
    exact.add(vectors)
    queries = vectors[:100]
    _, want = exact.search(queries, 10)
    _, got = approximate.search(queries, 10)
    assert np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got, want)]) >= 0.95


def test_an_approximate_index_serves_search_filters_and_vectors(seeds_copy, fake_settings, fake_embedder, monkeypatch):
    monkeypatch.setattr(faiss_store, "EXACT_UP_TO", 10)
    shutil.copytree(FIXTURES / "news", seeds_copy / "news")
    build_index([seeds_copy], fake_settings.index, fake_settings, lambda: fake_embedder)
    store = open_store(fake_settings.index, fake_settings)
    assert isinstance(store._chunk_index, faiss.IndexIVF)
    query = fake_embedder.encode(["Lavrov talks with William Hague in London"])[0]
    found = store.search(query, ["hagu"], 10)
    assert found and all(c.dense <= 1.0001 for c in found)
    bbc = Filters(outlets=frozenset({"bbc"}))
    allowed = bbc.allowed_chunks(store.corpus.articles, store.corpus.chunks[:, 0])
    assert 0 < len(allowed) < len(store.corpus.chunks)
    assert {c.chunk for c in store.search(query, ["hagu"], 10, bbc)} <= set(allowed.tolist())
    assert store.chunk_vectors([0, 1]).shape == (2, fake_embedder.dimension)
