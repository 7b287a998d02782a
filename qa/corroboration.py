"""Who else reported it: the same statement in other articles, and passages that aren't copies."""

from __future__ import annotations

import numpy as np

from .retrieval import Passage
from .store import Store

# Two texts make the same statement when their meaning (cosine) and their words (Jaccard overlap of
# terms) together reach this: a quote repeated word for word scores about 1.4, a close paraphrase of
# the same statement 1.2 to 1.3, two different sentences on the same story 1.1 or less.
SAME_STATEMENT = 1.15
NEIGHBOURS = 30


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def corroborating(store: Store, sentence: int) -> list[int]:
    """For every other article that carries the same statement, its sentence that carries it."""
    corpus = store.corpus
    own_vector = store.sentence_vectors([sentence])[0]
    nearest = [int(i) for i in store.nearest_sentences(own_vector, NEIGHBOURS + 1)]
    cosines = store.sentence_vectors(nearest) @ own_vector
    own_article = corpus.sentence(sentence).article
    own_terms = set(corpus.sentence_terms(sentence))
    best: dict[int, tuple[float, int]] = {}
    for other, cosine in zip(nearest, cosines):
        article = corpus.sentence(other).article
        if article == own_article:
            continue
        score = float(cosine) + jaccard(own_terms, set(corpus.sentence_terms(other)))
        if score >= SAME_STATEMENT and score > best.get(article, (0.0, -1))[0]:
            best[article] = (score, other)
    return [other for _, other in sorted(best.values(), reverse=True)]


def distinct_passages(store: Store, passages: list[Passage], vector: np.ndarray, limit: int,
                      keep: int | None = None) -> list[tuple[Passage, list[int]]]:
    """The best `limit` passages, each with the chunks of other articles that carry it too.

    A passage whose sentence closest to the question makes the same statement as that of a passage
    already chosen (the same story in another outlet's copy) is not shown again: it is listed with the
    chosen one, as are copies among the next `limit` passages once `limit` are chosen. `keep`, a chunk id,
    is always included. They keep the order they are given in."""
    corpus = store.corpus
    chosen: list[tuple[Passage, list[int]]] = []
    statements: list[tuple[np.ndarray, set[str], int]] = []  # closest sentence's vector, terms, article
    after_full = 0
    order = {passage.chunk: n for n, passage in enumerate(passages)}
    for passage in sorted(passages, key=lambda p: p.chunk != keep):
        if len(chosen) == limit:
            after_full += 1
            if after_full > limit:
                break
        sentences = list(corpus.chunk_sentences(passage.chunk))
        vectors = store.sentence_vectors(sentences)
        closest = int(np.argmax(vectors @ vector))
        words = set(corpus.sentence_terms(sentences[closest]))
        article = corpus.chunk(passage.chunk).article
        same = next((n for n, (v, w, a) in enumerate(statements)
                     if float(vectors[closest] @ v) + jaccard(words, w) >= SAME_STATEMENT), None)
        if same is not None:
            if article != statements[same][2] and article not in {corpus.chunk(c).article for c in chosen[same][1]}:
                chosen[same][1].append(passage.chunk)
            continue
        if len(chosen) < limit:
            chosen.append((passage, []))
            statements.append((vectors[closest], words, article))
    return sorted(chosen, key=lambda found: order[found[0].chunk])
