"""The store for many servers: articles, chunks, sentences, their vectors and a keyword index in PostgreSQL.

Vectors are searched with pgvector's HNSW indexes and keywords with BM25 over a postings table, both in
SQL, so any number of stateless servers can share one database (and its read replicas). Each server keeps
the article texts and spans it answers with in memory, and fetches vectors as questions need them.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import psycopg
from pgvector import Vector
from pgvector.psycopg import register_vector
from psycopg_pool import ConnectionPool, PoolTimeout

from ..attribution import same_names_everywhere
from ..config import without_password
from ..corpus import Article
from ..errors import IndexNotReady, IndexUnusable
from ..filters import Filters
from .articles import StoredArticles
from .base import Candidate, Corpus, Speakers, Store
from .faiss import BM25_B, BM25_K1

# Each step moves the schema one version on; `qa_meta.schema` says how many have run.
MIGRATIONS = (
    """
    CREATE TABLE qa_articles (
        id bigserial PRIMARY KEY,
        path text NOT NULL UNIQUE,
        title text NOT NULL,
        text text NOT NULL,
        outlet text,
        published text,
        published_on date,
        url text,
        hash text NOT NULL
    );
    CREATE INDEX qa_articles_outlet ON qa_articles (lower(coalesce(outlet, '')));
    CREATE INDEX qa_articles_published_on ON qa_articles (published_on);
    CREATE TABLE qa_chunks (
        id bigserial PRIMARY KEY,
        article bigint NOT NULL REFERENCES qa_articles ON DELETE CASCADE,
        ordinal int NOT NULL,
        start int NOT NULL,
        "end" int NOT NULL,
        first_sentence int NOT NULL,
        last_sentence int NOT NULL,
        length int NOT NULL,
        embedding vector({dimension}) NOT NULL
    );
    CREATE INDEX qa_chunks_article ON qa_chunks (article);
    CREATE INDEX qa_chunks_embedding ON qa_chunks USING hnsw (embedding vector_ip_ops);
    CREATE TABLE qa_sentences (
        id bigserial PRIMARY KEY,
        article bigint NOT NULL REFERENCES qa_articles ON DELETE CASCADE,
        ordinal int NOT NULL,
        start int NOT NULL,
        "end" int NOT NULL,
        speaker text,
        embedding vector({dimension}) NOT NULL
    );
    CREATE INDEX qa_sentences_article ON qa_sentences (article);
    CREATE INDEX qa_sentences_embedding ON qa_sentences USING hnsw (embedding vector_ip_ops);
    CREATE TABLE qa_postings (
        term text NOT NULL,
        chunk bigint NOT NULL REFERENCES qa_chunks ON DELETE CASCADE,
        tf int NOT NULL,
        PRIMARY KEY (term, chunk)
    );
    CREATE INDEX qa_postings_chunk ON qa_postings (chunk);
    CREATE TABLE qa_terms (term text PRIMARY KEY, df int NOT NULL);
    """,
)
TABLES = ("qa_postings", "qa_terms", "qa_sentences", "qa_chunks", "qa_articles", "qa_meta")
SEARCH_BREADTH = 100  # HNSW candidate list: at least the number of chunks each retriever proposes
VECTOR_CACHE = 100_000  # sentence vectors a server keeps between questions
WAIT_FOR_CONNECTION = 3  # seconds a question waits for the database before it gets a 503


def connect(url: str) -> psycopg.Connection:
    try:
        return psycopg.connect(url, connect_timeout=10)
    except psycopg.Error as exc:
        raise unreachable(url, exc) from None


def migrate(conn: psycopg.Connection, dimension: int) -> None:
    """Create or bring up to date the tables of qa in this database (inside the caller's transaction)."""
    conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
    conn.execute("CREATE TABLE IF NOT EXISTS qa_meta (key text PRIMARY KEY, value jsonb NOT NULL)")
    done = read_meta(conn).get("schema", 0)
    if done > len(MIGRATIONS):
        raise IndexUnusable(f"the database has qa schema {done}; this qa knows up to {len(MIGRATIONS)}: upgrade qa")
    for step in MIGRATIONS[done:]:
        conn.execute(step.format(dimension=int(dimension)))
    write_meta(conn, schema=len(MIGRATIONS))
    register_vector(conn)


def read_meta(conn: psycopg.Connection) -> dict:
    if conn.execute("SELECT to_regclass('qa_meta')").fetchone()[0] is None:
        return {}
    return dict(conn.execute("SELECT key, value FROM qa_meta").fetchall())


def write_meta(conn: psycopg.Connection, **values) -> None:
    for key, value in values.items():
        conn.execute("INSERT INTO qa_meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     (key, json.dumps(value)))


def check_settings(meta: dict, settings, url: str) -> None:
    """Refuse an index built with another model or other chunking, as the file store does."""
    if not meta.get("schema"):
        raise IndexNotReady(f"no index in the database at {without_password(url)}: "
                            "build one with `qa index PATH --store URL`")
    mismatch = settings.mismatch(meta)
    if mismatch:
        raise IndexUnusable(f"the database's index {mismatch}")


def generation(url: str) -> int | None:
    """The index's generation number, which every write raises; None when unreachable or empty."""
    try:
        with shared_pool(url).connection(timeout=1) as conn:
            return read_meta(conn).get("generation")
    except (psycopg.Error, PoolTimeout, IndexNotReady):
        return None


_pools: dict[tuple[str, int], ConnectionPool] = {}
_pools_lock = threading.Lock()


def shared_pool(url: str) -> ConnectionPool:
    """One pool of connections per database and process, kept across reloads of the index. Keyed by process
    too: gunicorn loads the index before it forks, and a connection must never be shared by two workers."""
    key = (url, os.getpid())
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None:
            connect(url).close()  # a database that is not there fails here, at once and in one line
            # Connections are checked as they are lent, so a restarted database is used again at once.
            pool = ConnectionPool(url, min_size=1, max_size=8, open=False, configure=_configure,
                                  check=ConnectionPool.check_connection, kwargs={"connect_timeout": 10})
            try:
                pool.open(wait=True, timeout=15)
            except PoolTimeout as exc:
                pool.close()
                raise unreachable(url, exc) from None
            _pools[key] = pool
        return pool


def unreachable(url: str, exc: Exception) -> IndexNotReady:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return IndexNotReady(f"cannot reach the database at {without_password(url)}: {reason}")


@contextmanager
def borrowed(url: str) -> Iterator[psycopg.Connection]:
    """A connection of this process' pool that knows pgvector's type; an unreachable database is a 503."""
    try:
        with shared_pool(url).connection(timeout=WAIT_FOR_CONNECTION) as conn:
            # A connection made before the extension existed does not know the type yet.
            if conn.adapters.types.get("vector") is None and conn.execute(
                    "SELECT to_regtype('vector')").fetchone()[0]:
                register_vector(conn)
            yield conn
    except (psycopg.OperationalError, PoolTimeout) as exc:
        raise unreachable(url, exc) from None


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
    def load(cls, url: str, settings) -> PostgresStore:
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
        where, params = _article_filter(filters)
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

    def knows(self, term: str) -> bool:
        return self._document_frequency([term])[term] > 0

    def idf(self, terms: list[str]) -> np.ndarray:
        df = self._document_frequency(terms)
        documents = len(self._chunk_ids)
        # A term no chunk contains is as rare as can be: it weighs most against an answer.
        return np.array([math.log(1 + documents / (df[t] or 0.5)) for t in terms])

    def _document_frequency(self, terms: list[str]) -> dict[str, int]:
        missing = list({t for t in terms if t not in self._df})
        if missing:
            with borrowed(self.url) as conn:
                found = dict(conn.execute("SELECT term, df FROM qa_terms WHERE term = ANY(%s)", (missing,)).fetchall())
            if len(self._df) > VECTOR_CACHE:
                self._df = {}
            self._df.update({t: found.get(t, 0) for t in missing})
        return {t: self._df.get(t, 0) for t in terms}


def _configure(conn: psycopg.Connection) -> None:
    conn.execute(f"SET hnsw.ef_search = {SEARCH_BREADTH}")
    conn.execute("SET hnsw.iterative_scan = strict_order")
    conn.commit()
    conn.autocommit = True


def _article_filter(filters: Filters | None) -> tuple[str, dict]:
    """A condition on qa_articles `a` that the filters translate to ("" for none), and its parameters."""
    clauses, params = [], {}
    if filters and filters.outlets is not None:
        clauses.append("lower(coalesce(a.outlet, '')) = ANY(%(outlets)s)")
        params["outlets"] = sorted(filters.outlets)
    if filters and filters.after is not None:
        clauses.append("a.published_on >= %(after)s")
        params["after"] = filters.after
    if filters and filters.before is not None:
        clauses.append("a.published_on <= %(before)s")
        params["before"] = filters.before
    if filters and filters.until is not None:  # the archive as it stood that day: later articles are left out
        clauses.append("(a.published_on IS NULL OR a.published_on <= %(until)s)")
        params["until"] = filters.until
    return " AND ".join(clauses), params
