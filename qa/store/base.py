"""What every store backend offers: the corpus and its named rows, the reader's small interface (`Store`),
the writer's (`Writer`), and the `Backend` that opens one and makes the other."""

from __future__ import annotations

import json
import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..attribution import is_body, surname
from ..chunking import Chunk
from ..config import Settings
from ..corpus import Article
from ..embedder import Embedder
from ..filters import Filters
from ..text import terms
from .articles import as_articles

TERMS_CACHE = 200_000  # sentences whose terms are kept at once
ARTICLE_TERMS_CACHE = 20_000  # articles whose terms are kept at once
FIND_AMONG_CHUNKS = 10  # chunks searched for an earlier answer's sentence
# BM25 with Lucene's long-time defaults; they rank news and encyclopedia paragraphs better than bm25s' own.
BM25_K1, BM25_B = 0.9, 0.4


class Sentence(NamedTuple):
    """A row of the corpus' sentence table."""

    article: int
    start: int  # character span in the article's text
    end: int


@dataclass
class Corpus:
    """The parsed articles and the spans cut from them; texts are sliced from the article on demand."""

    articles: Sequence[Article]  # an ArticleList or StoredArticles: also finds and lists them
    chunks: np.ndarray  # (n, 6) int32, the fields of Chunk
    sentences: np.ndarray  # (m, 3) int32, the fields of Sentence
    sentence_offsets: np.ndarray  # (len(articles) + 1,) first global sentence of each article
    speakers: Sequence[str | None] = field(default_factory=list)  # who says each sentence, if anyone

    def __post_init__(self):
        self.articles = as_articles(self.articles)
        if not isinstance(self.speakers, Speakers):
            self.speakers = Speakers.of(self.speakers)

    def chunk(self, chunk: int) -> Chunk:
        return Chunk(*map(int, self.chunks[chunk]))

    def sentence(self, sentence: int) -> Sentence:
        return Sentence(*map(int, self.sentences[sentence]))

    @property
    def chunk_columns(self) -> Chunk:
        """Every chunk's article, start, ... as one array per field."""
        return Chunk(*self.chunks.T)

    def chunk_text(self, chunk: int) -> str:
        row = self.chunk(chunk)
        return self.articles[row.article].text[row.start:row.end]

    def sentence_text(self, sentence: int) -> str:
        row = self.sentence(sentence)
        return self.articles[row.article].text[row.start:row.end]

    def sentence_article(self, sentence: int) -> Article:
        return self.articles[self.sentence(sentence).article]

    def sentence_terms(self, sentence: int) -> list[str]:
        """The sentence's keyword terms, computed once."""
        cache = self._kept("_terms", TERMS_CACHE)
        if sentence not in cache:
            cache[sentence] = terms(self.sentence_text(sentence))
        return cache[sentence]

    def article_terms(self, article: int) -> frozenset[str]:
        """The keyword terms of an article's title and sentences, computed once."""
        cache = self._kept("_article_terms", ARTICLE_TERMS_CACHE)
        if article not in cache:
            cache[article] = frozenset(terms(self.articles[article].title)).union(
                *(self.sentence_terms(n) for n in self.article_sentences(article)))
        return cache[article]

    def _kept(self, name: str, limit: int) -> dict:
        """The cache called `name`, emptied once it holds `limit` entries: memory stays bounded."""
        cache = self.__dict__.setdefault(name, {})
        if len(cache) >= limit:
            cache.clear()
        return cache

    def catalogue(self) -> list[dict]:
        """Path, title, chunk count, outlet and date of every article, in order."""
        counts = np.bincount(self.chunk_columns.article, minlength=len(self.articles))
        return [{"path": a["path"], "title": a["title"], "chunks": int(n), "outlet": a["outlet"],
                 "published": a["published"]} for a, n in zip(self.articles.catalogue(), counts)]

    def article_sentences(self, article: int) -> range:
        """Global sentence ids of an article."""
        return range(int(self.sentence_offsets[article]), int(self.sentence_offsets[article + 1]))

    def chunk_sentences(self, chunk: int) -> range:
        """Global sentence ids inside a chunk."""
        row = self.chunk(chunk)
        base = int(self.sentence_offsets[row.article])
        return range(base + row.first_sentence, base + row.last_sentence)


MISSPELT_FROM = 5  # the shortest surname read as misspelt one letter off: "Davis" and "Davies", not "Hill" and "Hall"


def _one_left_out(word: str) -> set[str]:
    return {word[:n] + word[n + 1:] for n in range(len(word))}


class Speakers(Sequence):
    """Who says each sentence, as one small integer per sentence and a list of names."""

    def __init__(self, ids: np.ndarray, names: list[str]):
        self._ids, self._names = ids, names

    @cached_property
    def surnames(self) -> frozenset[str]:
        """The surname of everyone who says something in the articles: tells "Lavrov" from "Moscow"."""
        return frozenset(surname(name) for name in self._names)

    @cached_property
    def named_in_full(self) -> frozenset[str]:
        """The surnames of those who speak under a first name too: "Lavrov" is someone, "Russia" is not."""
        return frozenset(surname(name) for name in self._names if " " in name and not is_body(name))

    @cached_property
    def _numbers_by_surname(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for number, name in enumerate(self._names):
            found.setdefault(surname(name), []).append(number)
        return found

    def spelling(self, key: str) -> str:
        """A surname as the articles write it: "lavrov" -> "Lavrov"."""
        return self._names[self._numbers_by_surname[key][0]].split()[-1]

    @cached_property
    def _surnames_by_deletion(self) -> dict[str, set[str]]:
        """Each surname of MISSPELT_FROM letters or more, under itself and under each of its forms with one
        letter left out."""
        found: dict[str, set[str]] = {}
        for key in self._numbers_by_surname:
            if len(key) >= MISSPELT_FROM:
                for form in _one_left_out(key) | {key}:
                    found.setdefault(form, set()).add(key)
        return found

    def one_letter_off(self, key: str) -> set[str]:
        """The surnames one letter from `key` (one left out, added or changed): the archive's misspellings of a
        name ("Daveport", "Mr Barot"), or someone else's name."""
        if len(key) < MISSPELT_FROM:
            return set()
        return set().union(*(self._surnames_by_deletion.get(form, ()) for form in _one_left_out(key) | {key})) - {key}

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
    def chunk_vectors(self, ids: list[int]) -> np.ndarray:
        """Unit vectors of the given chunks, row for row (a new build reuses them)."""

    @abstractmethod
    def sentence_vectors(self, ids: list[int]) -> np.ndarray:
        """Unit vectors of the given sentences, row for row."""

    @abstractmethod
    def nearest_sentences(self, vector: np.ndarray, k: int) -> np.ndarray:
        """Ids of the k sentences closest to a unit vector, closest first."""

    def find_sentence(self, text: str, question: str = "") -> int | None:
        """The sentence whose text is `text` (an earlier answer), else the one that holds it (an answer trimmed
        from a long sentence, or a short one: "William Hague") and shares most words with the `question` it
        answered (the first, where none does), among the sentences of the chunks sharing most words with both."""
        text = text.strip()
        if not text:
            return None
        answer_terms = terms(text)
        chunks = self.chunks_sharing_words(answer_terms, FIND_AMONG_CHUNKS)
        sentences = sorted({s for chunk in chunks for s in self.corpus.chunk_sentences(chunk)})
        exact = next((s for s in sentences if self.corpus.sentence_text(s) == text), None)
        if exact is not None:
            return exact
        asked = set(terms(question))
        if asked:
            chunks = [*self.chunks_sharing_words([*answer_terms, *asked], FIND_AMONG_CHUNKS), *chunks]
            sentences = sorted({s for chunk in chunks for s in self.corpus.chunk_sentences(chunk)})
        holding = [s for s in sentences if text in self.corpus.sentence_text(s)]
        return max(holding, key=lambda s: (len(asked.intersection(self.corpus.sentence_terms(s))), -s), default=None)

    @abstractmethod
    def chunks_sharing_words(self, terms: list[str], n: int) -> list[int]:
        """Up to n chunks that hold the most of these terms, by keyword score."""

    @abstractmethod
    def document_frequency(self, terms: list[str]) -> list[int]:
        """How many chunks hold each term."""

    def knows(self, term: str) -> bool:
        """Whether any chunk holds the term."""
        return self.document_frequency([term])[0] > 0

    def idf(self, terms: list[str]) -> np.ndarray:
        """Inverse document frequency of each term over the chunks. A term no chunk contains is as rare as can
        be: it weighs most against an answer."""
        chunks = len(self.corpus.chunks)
        return np.array([math.log(1 + chunks / (df or 0.5)) for df in self.document_frequency(terms)])


@dataclass(frozen=True)
class BuildResult:
    location: str  # the index folder, or the database URL without its password
    articles: int
    chunks: int
    sentences: int
    seconds: float
    up_to_date: bool = False
    embedded: int = 0  # chunks that went through the model; the rest came from the previous index


EmbedderFactory = Callable[[], Embedder]  # called only when something must be embedded


class Writer(ABC):
    """Changes an index so that readers see it before or after a change, never half of it."""

    @abstractmethod
    def sync(self, articles: list[Article], embedder_factory: EmbedderFactory, force: bool = False,
             reuse: bool = True, share: bool = True) -> BuildResult:
        """Make the index hold exactly `articles`. Only chunks it does not hold yet are embedded (`reuse=False`
        embeds all), each distinct one once (`share=False` embeds every copy); `force` rewrites an index that
        is already current."""

    @abstractmethod
    def add(self, article: Article, embedder_factory: EmbedderFactory) -> BuildResult:
        """Add an article, or replace the one with its path; only it is embedded."""

    @abstractmethod
    def remove(self, paths: set[str]) -> BuildResult:
        """Take articles out without embedding anything."""


class Backend(ABC):
    """Where an index lives: opens it for reading, tells when it changed, and makes its writer."""

    settings: Settings

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the index is, for messages."""

    @abstractmethod
    def open(self) -> Store:
        """The index as it stands, refusing one built with another model or other chunking."""

    @abstractmethod
    def stamp(self) -> Hashable | None:
        """Something that changes whenever the index does; None when that cannot be told now (a database
        out of reach), so that what is loaded keeps answering."""

    @abstractmethod
    def writer(self) -> Writer:
        """What changes the index; the read path never loads it."""
