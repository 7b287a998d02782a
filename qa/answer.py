"""Picks the sentence that answers a question from the best passages, or none when they don't say."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .retrieval import Passage
from .store import Store
from .text import STOPWORDS, terms, words

MAX_ANSWER_CHARS = 300

# How much each signal counts when sentences compete; tuned on SQuAD dev, used for every corpus.
WEIGHTS = {"dense": 1.0, "coverage": 1.0, "passage": 1.0, "type": 0.1}

_YEAR_OR_DATE = re.compile(
    r"\b(1\d{3}|20\d{2})s?\b|\b(January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\bcentur(y|ies)\b"
)
_NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                     r"forty|fifty|hundred|thousand|million|billion|dozen|half)\b", re.I)
_NAME = re.compile(r"(?<![.!?\"“] )(?<!^)\b[A-Z][a-z]+")


@dataclass(frozen=True)
class Choice:
    sentence: int  # global sentence id
    chunk: int  # the passage it was found in
    score: float
    confidence: float


def expected_type(question: str) -> str | None:
    """The kind of thing the question asks for, from its wh-phrase."""
    q = question.lower()
    if re.search(r"\bhow (many|much|long|old|far|large|big|tall|high)\b|\bwhat (percentage|number|amount)\b", q):
        return "number"
    if re.search(r"\bwhen\b|\bwhat (year|date|day|month|century|decade|time)\b|\bwhich (year|century)\b", q):
        return "date"
    if re.search(r"\bwho\b|\bwhom\b|\bwhose\b", q):
        return "name"
    return None


def _type_match(kind: str | None, sentence: str, question_words: set[str]) -> float:
    if kind is None:
        return 0.0
    if kind == "date":
        found = [m.group(0) for m in _YEAR_OR_DATE.finditer(sentence)]
    elif kind == "number":
        found = [m.group(0) for m in _NUMBER.finditer(sentence)]
    else:
        found = _NAME.findall(sentence)
    return 1.0 if any(f.lower() not in question_words for f in found) else 0.0


def choose(question: str, vector: np.ndarray, passages: list[Passage], store: Store,
           answer_passages: int) -> Choice | None:
    """The best-scoring sentence among the top passages, with a confidence in [0, 1]."""
    top = passages[:answer_passages]
    if not top:
        return None
    q_terms = list(dict.fromkeys(terms(question)))
    q_words = set(words(question))
    idf = store.idf(q_terms)
    total_idf = float(idf.sum()) or 1.0
    kind = expected_type(question)
    best_passage = top[0].score or 1.0

    owners: dict[int, Passage] = {}
    for passage in top:
        for sentence in store.corpus.chunk_sentences(passage.chunk):
            owners.setdefault(int(sentence), passage)
    ids = list(owners)
    dense = store.sentence_vectors(ids) @ np.asarray(vector, dtype=np.float32)

    best: Choice | None = None
    for sentence, cosine in zip(ids, dense):
        text = store.corpus.sentence_text(sentence)
        present = set(terms(text))
        coverage = float(sum(w for t, w in zip(q_terms, idf) if t in present)) / total_idf
        novel = [w for w in words(text) if w not in q_words and w not in STOPWORDS]
        if not novel:  # a sentence made only of the question's words cannot hold its answer
            continue
        passage = owners[sentence]
        score = (WEIGHTS["dense"] * float(cosine) + WEIGHTS["coverage"] * coverage
                 + WEIGHTS["passage"] * passage.score / best_passage
                 + WEIGHTS["type"] * _type_match(kind, text, q_words))
        if best is None or score > best.score:
            confidence = _confidence(float(cosine), coverage, passage.dense)
            best = Choice(sentence, passage.chunk, score, confidence)
    return best


def _confidence(sentence_cosine: float, coverage: float, passage_cosine: float) -> float:
    """How sure we are that the articles speak to the question at all."""
    return float(np.clip(0.5 * max(sentence_cosine, passage_cosine) + 0.5 * coverage, 0.0, 1.0))


def trim(text: str, question: str, limit: int = MAX_ANSWER_CHARS) -> tuple[int, int]:
    """The span of `text` to show: all of it when short, else the clause window richest in question terms."""
    if len(text) <= limit:
        return 0, len(text)
    cuts = [0] + [m.end() for m in re.finditer(r"[,;:—–]\s+|\s+-{1,2}\s+|\s+(?=\()", text)] + [len(text)]
    q_terms = set(terms(question))
    best_span, best_hits = (0, 0), -1
    for i in range(len(cuts) - 1):
        for j in range(i + 1, len(cuts)):
            if cuts[j] - cuts[i] > limit:
                break
            hits = sum(1 for t in terms(text[cuts[i]:cuts[j]]) if t in q_terms)
            length = cuts[j] - cuts[i]
            if (hits, length) > (best_hits, best_span[1] - best_span[0]):
                best_span, best_hits = (cuts[i], cuts[j]), hits
    if best_hits < 0 or best_span == (0, 0):  # no clause boundary fits: cut at a word boundary
        end = text.rfind(" ", 0, limit)
        return 0, end if end > 0 else limit
    start, end = best_span
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
