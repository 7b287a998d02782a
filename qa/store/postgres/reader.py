"""Reads the store for many servers: articles, chunks, sentences, their vectors and a keyword index in PostgreSQL.

Vectors are searched with pgvector's HNSW indexes and keywords with BM25 over a postings table, both in
SQL, so any number of stateless servers can share one database (and its read replicas). Each server keeps
the article texts and spans it answers with in memory, and fetches vectors as questions need them.
"""

from __future__ import annotations

import numpy as np
import psycopg
from pgvector import Vector

from ...attribution import same_names_everywhere
from ...config import Settings, without_password
from ...corpus import Article
from ...errors import IndexNotReady
from ...filters import Filters
from ..articles import StoredArticles
from ..base import BM25_B, BM25_K1, Candidate, Corpus, Speakers, Store
from .connection import borrowed
from .schema import check_settings, read_meta

VECTOR_CACHE = 100_000  # sentence vectors a server keeps between questions


class Positions:
    """Database ids (ascending, as qa writes them) to positions in the corpus and back."""

    def __init__(self, ids: np.ndarray):
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def of(self, ids: list[int]) -> list[int | None]:
        """The position of each id; None for an id written after this server loaded the index."""
        found = np.searchsorted(self.ids, ids)
        return [int(p) if p < len(self.ids) and self.ids[p] == i else None for p, i in zip(found, ids)]


class ArticleRows(StoredArticles):
    """The database's articles by position."""

    def __init__(self, url: str, ids: Positions):
        self._url, self._ids = url, ids
        super().__init__(len(ids))

    def _read(self, number: int) -> Article:
        with borrowed(self._url) as conn:
            row = conn.execute("SELECT path, title, text, outlet, published, url FROM qa_articles WHERE id = %s",
                               (int(self._ids.ids[number]),)).fetchone()
        if row is None:
            raise IndexNotReady("the index changed while answering; ask again")
        return Article(*row)

    def _rows(self, columns: str, where: str = "true", params: dict | None = None) -> list[tuple]:
        """Rows of the articles this server knows, in order."""
        with borrowed(self._url) as conn:
            rows = conn.execute(f"SELECT id, {columns} FROM qa_articles a WHERE {where} ORDER BY id",
                                params or {}).fetchall()
        return [row for row, at in zip(rows, self._ids.of([row[0] for row in rows])) if at is not None]

    def number(self, path: str) -> int | None:
        found = self._rows("path", "path = %(path)s", {"path": path})
        return self._ids.of([found[0][0]])[0] if found else None

    def catalogue(self) -> list[dict]:
        return [{"path": p, "title": t, "outlet": o, "published": d}
                for _, p, t, o, d in self._rows("path, title, outlet, published")]


class PostgresStore(Store):
    def __init__(self, url: str, corpus: Corpus, manifest: dict, chunk_ids: Positions,
                 sentence_ids: Positions, average_length: float):
        self.url = url
        self.corpus = corpus
        self.manifest = manifest
        self._chunk_ids = chunk_ids
        self._sentence_ids = sentence_ids
        self._average_length = average_length
        self._vectors: dict[int, np.ndarray] = {}
        self._df: dict[str, int] = {}

    @classmethod
    def load(cls, url: str, settings: Settings) -> PostgresStore:
        """Read what every question needs (spans, speakers, ids) in one snapshot; texts and vectors are read
        from the database as questions need them."""
        with borrowed(url) as conn:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            meta = read_meta(conn)
            check_settings(meta, settings, url)
            store = cls._read(url, conn, meta)
            conn.execute("COMMIT")
        return store

    @classmethod
    def _read(cls, url: str, conn: psycopg.Connection, meta: dict) -> PostgresStore:
        article_ids = np.array([row[0] for row in conn.execute("SELECT id FROM qa_articles ORDER BY id")],
                               dtype=np.int64)
        if not len(article_ids):
            raise IndexNotReady(f"the index in the database at {without_password(url)} has no articles")
        chunks = np.array(conn.execute(
            'SELECT id, article, ordinal, start, "end", first_sentence, last_sentence, length FROM qa_chunks '
            "ORDER BY article, ordinal").fetchall(), dtype=np.int64).reshape(-1, 8)
        sentences = conn.execute('SELECT id, article, start, "end", speaker FROM qa_sentences '
                                 "ORDER BY article, ordinal").fetchall()
        chunks[:, 1] = np.searchsorted(article_ids, chunks[:, 1])
        sentence_rows = np.array([s[:4] for s in sentences], dtype=np.int64).reshape(-1, 4)
        sentence_rows[:, 1] = np.searchsorted(article_ids, sentence_rows[:, 1])
        offsets = np.concatenate([[0], np.cumsum(np.bincount(sentence_rows[:, 1], minlength=len(article_ids)))])
        corpus = Corpus(ArticleRows(url, Positions(article_ids)), chunks[:, 1:7].astype(np.int32),
                        sentence_rows[:, 1:4].astype(np.int32), offsets.astype(np.int32),
                        Speakers.of(same_names_everywhere([s[4] for s in sentences])))
        manifest = {
            "store": "postgresql",
            "model": meta["model"],
            "precision": meta.get("precision", "fp32"),
            "dimension": meta["dimension"],
            "chunking": meta["chunking"],
            "created": meta.get("created"),
            "generation": meta.get("generation"),
            "counts": {"articles": len(article_ids), "chunks": len(chunks), "sentences": len(sentences)},
        }
        return cls(url, corpus, manifest, Positions(chunks[:, 0].copy()), Positions(sentence_rows[:, 0].copy()),
                   float(chunks[:, 7].mean()))

    def search(self, vector: np.ndarray, terms: list[str], n: int,
               filters: Filters | None = None) -> list[Candidate]:
        where, params = filters.where("lower(coalesce(a.outlet, ''))", "a.published_on",
                                      lambda name: f"%({name})s") if filters else ("", {})
        # Filters narrow both searches to their articles; HNSW keeps scanning until enough chunks pass.
        among = f"WHERE c.article IN (SELECT a.id FROM qa_articles a WHERE {where})" if where else ""
        params.update(vector=np.asarray(vector, dtype=np.float32), terms=terms, n=n, documents=len(self._chunk_ids),
                      k1=BM25_K1, b=BM25_B, average=self._average_length)
        # BM25 as bm25s computes it (Lucene's variant), summed over the question's terms in the postings.
        query = f"""
            WITH weights AS (
                SELECT t.term, ln(1 + (%(documents)s - t.df + 0.5) / (t.df + 0.5)) AS idf
                FROM unnest(%(terms)s::text[]) AS q(term) JOIN qa_terms t USING (term)),
            keyword AS (
                SELECT p.chunk, sum(w.idf * p.tf / (p.tf + %(k1)s * (1 - %(b)s + %(b)s * c.length / %(average)s)))
                    AS score
                FROM weights w JOIN qa_postings p USING (term) JOIN qa_chunks c ON c.id = p.chunk {among}
                GROUP BY p.chunk),
            best AS (
                (SELECT chunk FROM keyword ORDER BY score DESC, chunk LIMIT %(n)s)
                UNION
                (SELECT id FROM qa_chunks c {among} ORDER BY c.embedding <#> %(vector)s LIMIT %(n)s))
            SELECT c.id, -(c.embedding <#> %(vector)s), coalesce(k.score, 0)
            FROM best JOIN qa_chunks c ON c.id = best.chunk LEFT JOIN keyword k ON k.chunk = best.chunk"""
        with borrowed(self.url) as conn:
            rows = conn.execute(query, params).fetchall()
        # A chunk written after this server loaded its corpus is left out until it reloads (within a second).
        found = [Candidate(at, float(d), float(k))
                 for (_, d, k), at in zip(rows, self._chunk_ids.of([row[0] for row in rows])) if at is not None]
        found.sort(key=lambda c: c.chunk)
        self._fetch_vectors([s for c in found for s in self.corpus.chunk_sentences(c.chunk)])
        return found

    def chunk_vectors(self, ids: list[int]) -> np.ndarray:
        wanted = [int(self._chunk_ids.ids[i]) for i in ids]
        with borrowed(self.url) as conn:
            found = dict(conn.execute("SELECT id, embedding FROM qa_chunks WHERE id = ANY(%s)", (wanted,)).fetchall())
        return np.array([found[i].to_numpy() for i in wanted], dtype=np.float32).reshape(len(ids), -1)

    def sentence_vectors(self, ids: list[int]) -> np.ndarray:
        self._fetch_vectors(ids)
        zero = np.zeros(self.manifest["dimension"], dtype=np.float32)  # its article has just been removed
        return np.array([self._vectors.get(int(i), zero) for i in ids], dtype=np.float32).reshape(len(ids), -1)

    def _fetch_vectors(self, ids: list[int]) -> None:
        missing = [int(self._sentence_ids.ids[i]) for i in ids if int(i) not in self._vectors]
        if not missing:
            return
        with borrowed(self.url) as conn:
            rows = conn.execute("SELECT id, embedding FROM qa_sentences WHERE id = ANY(%s)", (missing,)).fetchall()
        self._remember(rows)

    def _remember(self, rows: list[tuple[int, Vector]]) -> None:
        if len(self._vectors) + len(rows) > VECTOR_CACHE:
            self._vectors = {}
        for (_, vector), at in zip(rows, self._sentence_ids.of([row[0] for row in rows])):
            if at is not None:
                self._vectors[at] = vector.to_numpy()

    def nearest_sentences(self, vector: np.ndarray, k: int) -> np.ndarray:
        with borrowed(self.url) as conn:
            rows = conn.execute("SELECT id, embedding FROM qa_sentences ORDER BY embedding <#> %s LIMIT %s",
                                (np.asarray(vector, dtype=np.float32), k)).fetchall()
        self._remember(rows)
        return np.array([at for at in self._sentence_ids.of([row[0] for row in rows]) if at is not None],
                        dtype=np.int64)

    def chunks_sharing_words(self, terms: list[str], n: int) -> list[int]:
        with borrowed(self.url) as conn:
            rows = conn.execute("SELECT chunk FROM qa_postings WHERE term = ANY(%s) GROUP BY chunk "
                                "ORDER BY count(*) DESC, chunk LIMIT %s", (list(set(terms)), n)).fetchall()
        return [at for at in self._chunk_ids.of([row[0] for row in rows]) if at is not None]

    def document_frequency(self, terms: list[str]) -> list[int]:
        missing = list({t for t in terms if t not in self._df})
        if missing:
            with borrowed(self.url) as conn:
                found = dict(conn.execute("SELECT term, df FROM qa_terms WHERE term = ANY(%s)", (missing,)).fetchall())
            if len(self._df) > VECTOR_CACHE:
                self._df = {}
            self._df.update({t: found.get(t, 0) for t in missing})
        return [self._df.get(t, 0) for t in terms]
