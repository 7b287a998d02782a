"""Hybrid search: embedding and BM25 candidates, fused into one ranking of passages."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .store import Store


@dataclass(frozen=True)
class Passage:
    chunk: int
    score: float  # fused, in [0, 1]
    dense: float
    keyword: float


def retrieve(store: Store, vector: np.ndarray, terms: list[str], candidates: int,
             dense_weight: float) -> list[Passage]:
    """Every candidate chunk, best first.

    BM25 scores are divided by the best one for this question, so both signals live in [0, 1]
    and one weight serves corpora of any size.
    """
    found = store.search(vector, terms, candidates)
    if not found:
        return []
    best_keyword = max(c.keyword for c in found) or 1.0
    passages = [
        Passage(c.chunk, dense_weight * max(c.dense, 0.0) + (1 - dense_weight) * c.keyword / best_keyword,
                c.dense, c.keyword)
        for c in found
    ]
    passages.sort(key=lambda p: (-p.score, p.chunk))
    return passages
