"""Reads the default store: a FAISS index of chunk vectors and a bm25s keyword index, as files in one folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import bm25s
import faiss
import numpy as np

from ...errors import IndexUnusable
from ...filters import Filters
from ..base import Candidate, Corpus, Speakers, Store
from .articles import ArticleTable
from .layout import FILES

# Up to this many sentences (a few milliseconds of products), the nearest ones to a vector are found by
# comparing with all of them; beyond, among the sentences of the nearest chunks (an index search, then a
# few hundred products).
EXACT_SENTENCES_UP_TO = 20_000
CHUNKS_FOR_SENTENCES = 50


class FaissStore(Store):
    def __init__(self, corpus: Corpus, manifest: dict, chunk_index: faiss.Index, chunk_vectors: np.ndarray,
                 sentence_vectors: np.ndarray, bm25: bm25s.BM25):
        self.corpus = corpus
        self.manifest = manifest
        self._chunk_index = chunk_index
        self._chunk_vectors = chunk_vectors  # exact, where the index may hold quantised ones
        self._sentence_vectors = sentence_vectors
        self._bm25 = bm25
        self._vocabulary = bm25.vocab_dict
        self._postings = bm25.scores["indptr"]  # per term: where its chunks start, so also how many there are

    @classmethod
    def load(cls, folder: Path, manifest: dict) -> FaissStore:
        """Open a store: arrays, vectors, the vector index and the keyword postings are memory-mapped, and
        article texts stay in SQLite until an answer needs them, so opening takes as long for a million
        chunks as for a thousand, and the operating system keeps in memory what questions use."""
        missing = [name for name in FILES if not (folder / name).exists()]
        if missing:
            raise IndexUnusable(f"index at {folder} is incomplete: missing {', '.join(missing)}; rebuild it")
        try:
            # Plain arrays over the mapped files: numpy's memmap class costs microseconds on every index.
            array = {name: np.load(folder / f"{name}.npy", mmap_mode="r").view(np.ndarray)
                     for name in ("chunks", "sentences", "sentence_offsets", "chunk_vectors", "sentence_vectors")}
            corpus = Corpus(ArticleTable(folder / "articles.sqlite"), array["chunks"], array["sentences"],
                            array["sentence_offsets"], Speakers.load(folder))
            chunk_index = faiss.read_index(str(folder / "chunks.faiss"), faiss.IO_FLAG_MMAP)
            bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)
        except (OSError, ValueError, KeyError, TypeError, RuntimeError, sqlite3.Error) as exc:
            raise IndexUnusable(f"index at {folder} is damaged ({exc}); rebuild it") from None
        store = cls(corpus, manifest, chunk_index, array["chunk_vectors"], array["sentence_vectors"], bm25)
        store._check(manifest)
        return store

    def _check(self, manifest: dict) -> None:
        counts = manifest.get("counts", {})
        found = {"articles": len(self.corpus.articles), "chunks": int(self._chunk_index.ntotal),
                 "sentences": len(self._sentence_vectors)}
        if (found != counts or len(self.corpus.chunks) != found["chunks"] or len(self._chunk_vectors) != found["chunks"]
                or int(self._bm25.scores["num_docs"]) != found["chunks"]
                or len(self.corpus.sentences) != found["sentences"] or len(self.corpus.speakers) != found["sentences"]
                or self._chunk_index.d != manifest.get("dimension")):
            raise IndexUnusable(f"index files disagree with the manifest ({found} != {counts}); rebuild it")

    def search(self, vector: np.ndarray, terms: list[str], n: int,
               filters: Filters | None = None) -> list[Candidate]:
        allowed = filters.allowed_chunks(self.corpus.articles, self.corpus.chunk_columns.article) if filters else None
        total = int(self._chunk_index.ntotal)
        n = min(n, total if allowed is None else len(allowed))
        if n <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        params = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(allowed)
            params = (faiss.SearchParametersIVF(sel=selector, nprobe=self._chunk_index.nprobe)
                      if isinstance(self._chunk_index, faiss.IndexIVF) else faiss.SearchParameters(sel=selector))
        _, dense_ids = self._chunk_index.search(query, n, params=params)
        known = [t for t in terms if t in self._vocabulary]
        keyword = self._bm25.get_scores(known) if known else np.zeros(total, dtype=np.float32)
        if allowed is not None:
            keyword = np.where(np.isin(np.arange(total), allowed), keyword, 0.0)
        keyword_ids = np.argpartition(-keyword, n - 1)[:n]
        keyword_ids = keyword_ids[keyword[keyword_ids] > 0]
        ids = np.unique(np.concatenate([dense_ids[0][dense_ids[0] >= 0], keyword_ids]))
        dense = self.chunk_vectors(ids) @ query[0]
        return [Candidate(int(i), float(d), float(keyword[i])) for i, d in zip(ids, dense)]

    def chunk_vectors(self, ids: list[int]) -> np.ndarray:
        return np.asarray(self._chunk_vectors[np.asarray(ids, dtype=np.int64)], dtype=np.float32)

    def sentence_vectors(self, ids: list[int]) -> np.ndarray:
        return np.asarray(self._sentence_vectors[np.asarray(ids, dtype=np.int64)], dtype=np.float32)

    def nearest_sentences(self, vector: np.ndarray, k: int) -> np.ndarray:
        vector = np.asarray(vector, dtype=np.float32)
        if len(self._sentence_vectors) <= EXACT_SENTENCES_UP_TO:
            among, cosines = np.arange(len(self._sentence_vectors)), self._sentence_vectors @ vector
        else:
            _, chunks = self._chunk_index.search(vector.reshape(1, -1), CHUNKS_FOR_SENTENCES)
            among = np.unique(np.concatenate([self.corpus.chunk_sentences(c) for c in chunks[0] if c >= 0]))
            cosines = self._sentence_vectors[among] @ vector
        k = min(k, len(cosines))
        nearest = np.argpartition(-cosines, k - 1)[:k]
        return among[nearest[np.argsort(-cosines[nearest])]]

    def chunks_sharing_words(self, terms: list[str], n: int) -> list[int]:
        known = [t for t in terms if t in self._vocabulary]
        if not known:
            return []
        scores = self._bm25.get_scores(known)
        best = np.argpartition(-scores, min(n, len(scores)) - 1)[:n]
        return [int(c) for c in best if scores[c] > 0]

    def document_frequency(self, terms: list[str]) -> list[int]:
        columns = [self._vocabulary.get(term) for term in terms]
        return [0 if c is None else int(self._postings[c + 1] - self._postings[c]) for c in columns]
