"""The small interface every store backend offers to retrieval and answering."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from ..attribution import surname
from ..corpus import Article
from ..filters import Filters
from ..text import terms
from .articles import as_articles

TERMS_CACHE = 200_000  # sentences whose terms are kept at once
FIND_AMONG_CHUNKS = 10  # chunks searched for an earlier answer's sentence

# Columns of Corpus.chunks and Corpus.sentences (int32 arrays, one row per chunk or sentence).
CHUNK_COLUMNS = ("article", "ordinal", "start", "end", "first_sentence", "last_sentence")
SENTENCE_COLUMNS = ("article", "start", "end")


@dataclass
class Corpus:
    """The parsed articles and the spans cut from them; texts are sliced from the article on demand."""

    articles: Sequence[Article]  # an ArticleList or StoredArticles: also finds and lists them
    chunks: np.ndarray  # (n, 6) int32, CHUNK_COLUMNS
    sentences: np.ndarray  # (m, 3) int32, SENTENCE_COLUMNS
    sentence_offsets: np.ndarray  # (len(articles) + 1,) first global sentence of each article
    speakers: Sequence[str | None] = field(default_factory=list)  # who says each sentence, if anyone

    def __post_init__(self):
        self.articles = as_articles(self.articles)
        if not isinstance(self.speakers, Speakers):
            self.speakers = Speakers.of(self.speakers)

    def chunk_text(self, chunk: int) -> str:
        article, _, start, end, _, _ = self.chunks[chunk]
        return self.articles[article].text[start:end]

    def sentence_text(self, sentence: int) -> str:
        article, start, end = self.sentences[sentence]
        return self.articles[article].text[start:end]

    def sentence_terms(self, sentence: int) -> list[str]:
        """The sentence's keyword terms, computed once."""
        cache = self.__dict__.setdefault("_terms", {})
        if sentence not in cache:
            if len(cache) >= TERMS_CACHE:
                cache.clear()
            cache[sentence] = terms(self.sentence_text(sentence))
        return cache[sentence]

    def catalogue(self) -> list[dict]:
        """Path, title, chunk count, outlet and date of every article, in order."""
        counts = np.bincount(self.chunks[:, 0], minlength=len(self.articles))
        return [{"path": a["path"], "title": a["title"], "chunks": int(n), "outlet": a["outlet"],
                 "published": a["published"]} for a, n in zip(self.articles.catalogue(), counts)]

    def chunk_sentences(self, chunk: int) -> range:
        """Global sentence ids inside a chunk."""
        article, _, _, _, first, last = self.chunks[chunk]
        base = self.sentence_offsets[article]
        return range(base + first, base + last)


class Speakers(Sequence):
    """Who says each sentence, as one small integer per sentence and a list of names."""

    def __init__(self, ids: np.ndarray, names: list[str]):
        self._ids, self._names = ids, names

    @cached_property
    def surnames(self) -> frozenset[str]:
        """The surname of everyone who says something in the articles: tells "Lavrov" from "Moscow"."""
        return frozenset(surname(name) for name in self._names)

    @cached_property
    def _numbers_by_surname(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for number, name in enumerate(self._names):
            found.setdefault(surname(name), []).append(number)
        return found

    def spelling(self, key: str) -> str:
        """A surname as the articles write it: "lavrov" -> "Lavrov"."""
        return self._names[self._numbers_by_surname[key][0]].split()[-1]

    def said_by(self, surnames: set[str]) -> np.ndarray:
        """Ids of the sentences said by anyone with one of these surnames, in order."""
        numbers = [n for key in surnames for n in self._numbers_by_surname.get(key, [])]
        return np.flatnonzero(np.isin(self._ids, numbers)) if numbers else np.zeros(0, dtype=np.int64)

    @classmethod
    def of(cls, speakers: Sequence[str | None]) -> Speakers:
        names = sorted({name for name in speakers if name})
        number = {name: n for n, name in enumerate(names)}
        return cls(np.array([number[s] if s else -1 for s in speakers], dtype=np.int32), names)

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, sentence):
        if isinstance(sentence, slice):
            return [self[i] for i in range(*sentence.indices(len(self)))]
        found = int(self._ids[sentence])
        return self._names[found] if found >= 0 else None

    def save(self, folder: Path) -> None:
        np.save(folder / "speakers.npy", self._ids)
        with open(folder / "speaker_names.json", "w", encoding="utf-8") as out:
            json.dump(self._names, out, ensure_ascii=False)

    @classmethod
    def load(cls, folder: Path) -> Speakers:
        with open(folder / "speaker_names.json", encoding="utf-8") as f:
            return cls(np.load(folder / "speakers.npy"), json.load(f))


@dataclass(frozen=True)
class Candidate:
    chunk: int
    dense: float  # cosine of question and chunk
    keyword: float  # BM25 score of the chunk for the question's terms


class Store(ABC):
    """Searches chunk vectors and keywords; holds the corpus and the per-sentence vectors."""

    corpus: Corpus
    manifest: dict

    @abstractmethod
    def search(self, vector: np.ndarray, terms: list[str], n: int,
               filters: Filters | None = None) -> list[Candidate]:
        """The union of the n best chunks by embedding and the n best by BM25, each with both scores;
        only chunks of articles that pass `filters`, when given."""

    @abstractmethod
    def sentence_vectors(self, ids: list[int]) -> np.ndarray:
        """Unit vectors of the given sentences, row for row."""

    @abstractmethod
    def nearest_sentences(self, vector: np.ndarray, k: int) -> np.ndarray:
        """Ids of the k sentences closest to a unit vector, closest first."""

    def find_sentence(self, text: str) -> int | None:
        """The sentence whose text is `text` (an earlier answer), else the first that holds it (an answer
        trimmed from a long sentence), among the sentences of the chunks sharing most words with it."""
        text = text.strip()
        chunks = self.chunks_sharing_words(terms(text), FIND_AMONG_CHUNKS) if text else []
        sentences = sorted({s for chunk in chunks for s in self.corpus.chunk_sentences(chunk)})
        exact = next((s for s in sentences if self.corpus.sentence_text(s) == text), None)
        return exact if exact is not None else next((s for s in sentences if text in self.corpus.sentence_text(s)),
                                                    None)

    @abstractmethod
    def chunks_sharing_words(self, terms: list[str], n: int) -> list[int]:
        """Up to n chunks that hold the most of these terms, by keyword score."""

    @abstractmethod
    def knows(self, term: str) -> bool:
        """Whether any chunk holds the term."""

    @abstractmethod
    def idf(self, terms: list[str]) -> np.ndarray:
        """Inverse document frequency of each term over the chunks (0 for an unknown term)."""
