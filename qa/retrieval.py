"""Hybrid search: embedding and BM25 candidates, fused into one ranking of passages."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .filters import Filters
from .store import Store


@dataclass(frozen=True)
class Passage:
    chunk: int
    score: float  # fused, in [0, 1]
    dense: float  # the better of: question vs. whole chunk, question vs. its closest sentence
    keyword: float


def retrieve(store: Store, vector: np.ndarray, terms: list[str], candidates: int,
             dense_weight: float, filters: Filters | None = None) -> list[Passage]:
    """Every candidate chunk, best first.

    A question usually targets one sentence, so a chunk's embedding score is the better of the
    whole chunk's and its closest sentence's. BM25 scores are divided by the best one for this
    question, so both signals live in [0, 1] and one weight serves corpora of any size.
    """
    found = store.search(vector, terms, candidates, filters)
    if not found:
        return []
    best_keyword = max(c.keyword for c in found) or 1.0
    passages = []
    for c in found:
        dense = max(c.dense, _closest_sentence(store, c.chunk, vector))
        score = dense_weight * max(dense, 0.0) + (1 - dense_weight) * c.keyword / best_keyword
        passages.append(Passage(c.chunk, score, dense, c.keyword))
    passages.sort(key=lambda p: (-p.score, p.chunk))
    return passages


def _closest_sentence(store: Store, chunk: int, vector: np.ndarray) -> float:
    return float((store.sentence_vectors(list(store.corpus.chunk_sentences(chunk))) @ vector).max())
