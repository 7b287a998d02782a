"""Hybrid search: embedding and BM25 candidates, fused into one ranking of passages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from .filters import Filters
from .store import Candidate, Store


@dataclass(frozen=True)
class Passage:
    chunk: int
    score: float  # fused, in [0, 1]
    dense: float  # the better of: question vs. whole chunk, question vs. its closest sentence
    keyword: float


@dataclass(frozen=True)
class Preference:
    """Passages of articles published from `start` to `end` rank higher by `bonus`; none are left out."""

    start: date
    end: date
    bonus: float
    days: np.ndarray  # the published day of every article (filters.article_days)

    def holds(self, articles: np.ndarray) -> np.ndarray:
        found = self.days[articles]
        return (found >= self.start.toordinal()) & (found <= self.end.toordinal())


def preference_bonus(dense_weight: float, question_terms: int) -> float:
    """How much a passage from the preferred days gains: as much as matching one more of the question's
    terms. The keyword part of the fused score (weight 1 - dense_weight) is the share of the question's
    terms a passage holds, relative to the best passage; a time word such as "recently" is a term no
    article spells but every article of the window meets, so it is worth one term's share of that part.
    Derived from the fusion itself, not fitted."""
    return (1 - dense_weight) / max(1, question_terms)


def retrieve(store: Store, vector: np.ndarray, terms: list[str], candidates: int,
             dense_weight: float, filters: Filters | None = None,
             prefer: Preference | None = None) -> list[Passage]:
    """Every candidate chunk, best first.

    A question usually targets one sentence, so a chunk's embedding score is the better of the
    whole chunk's and its closest sentence's. BM25 scores are divided by the best one for this
    question, so both signals live in [0, 1] and one weight serves corpora of any size. With a
    `prefer`ence, the window's own best chunks join the candidates and gain its bonus.
    """
    found = _search(store, vector, terms, candidates, filters)
    if prefer is not None:
        window = (filters or Filters()).narrowed(prefer.start, prefer.end)
        seen = {c.chunk for c in found}
        found += [c for c in _search(store, vector, terms, candidates, window) if c.chunk not in seen]
    if not found:
        return []
    best_keyword = max(c.keyword for c in found) or 1.0
    preferred = (prefer.holds(store.corpus.chunk_columns.article[[c.chunk for c in found]]) if prefer is not None
                 else np.zeros(len(found), dtype=bool))
    passages = []
    for c, bonus in zip(found, preferred):
        dense = max(c.dense, _closest_sentence(store, c.chunk, vector))
        score = dense_weight * max(dense, 0.0) + (1 - dense_weight) * c.keyword / best_keyword
        passages.append(Passage(c.chunk, score + (prefer.bonus if bonus else 0.0), dense, c.keyword))
    passages.sort(key=lambda p: (-p.score, p.chunk))
    return passages


def _search(store: Store, vector: np.ndarray, terms: list[str], candidates: int,
            filters: Filters | None) -> list[Candidate]:
    """The store's candidates, less any of an article published after the filters' as-of day (a store
    that cannot narrow by it searches the whole archive; its later articles are dropped here)."""
    found = store.search(vector, terms, candidates, filters)
    if not found or filters is None or filters.until is None:
        return found
    articles = store.corpus.chunk_columns.article[[c.chunk for c in found]]
    kept = filters.in_archive(articles, store.corpus.articles)
    return [c for c, keep in zip(found, kept) if keep]


def _closest_sentence(store: Store, chunk: int, vector: np.ndarray) -> float:
    return float((store.sentence_vectors(list(store.corpus.chunk_sentences(chunk))) @ vector).max())
