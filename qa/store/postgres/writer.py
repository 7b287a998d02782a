"""Writes the index into PostgreSQL. Every change is one transaction under one lock, so readers see the
index before or after it, never half of it; only articles that are new or changed are embedded."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import psycopg

from ...config import Settings
from ...corpus import Article, parse_date
from ...errors import IndexNotReady, NoArticles, NotFound
from ...pipeline import chunk_terms, cut_corpus, embed_corpus
from ..base import BuildResult, Corpus, EmbedderFactory, Writer
from .connection import connect
from .schema import TABLES, check_settings, migrate, read_meta, write_meta

WRITER_LOCK = 0x7161_696E_6465_78  # pg_advisory_xact_lock key: one writer at a time per database


class PostgresWriter(Writer):
    def __init__(self, settings: Settings, location: str):
        self.settings, self.location = settings, location

    def sync(self, articles: list[Article], embedder_factory: EmbedderFactory, force: bool = False,
             reuse: bool = True, share: bool = True) -> BuildResult:
        """Unchanged articles stay as they are, the rest are removed or embedded and added; another model or
        other chunking (or `reuse=False`) starts the index afresh. A current index is left alone even when
        `force`d: it holds nothing a rewrite would change."""
        started = time.perf_counter()
        with _writing(self.settings) as conn:
            meta = read_meta(conn)
            afresh = bool(meta.get("schema")) and (bool(self.settings.mismatch(meta)) or not reuse)
            held = {} if afresh or not meta.get("schema") else dict(
                conn.execute("SELECT path || ' ' || hash, id FROM qa_articles").fetchall())
            wanted = {f"{a.path} {a.content_hash}": a for a in articles}
            stale = [article_id for key, article_id in held.items() if key not in wanted]
            new = [article for key, article in wanted.items() if key not in held]
            if not stale and not new and not afresh:
                return _result(conn, self.location, started, up_to_date=True)
            embedded = _insert(conn, new, self.settings, embedder_factory, stale, afresh, share)
            return _result(conn, self.location, started, embedded=embedded)

    def add(self, article: Article, embedder_factory: EmbedderFactory) -> BuildResult:
        started = time.perf_counter()
        with _writing(self.settings) as conn:
            check_settings(read_meta(conn), self.settings, self.settings.store)
            stale = [row[0] for row in conn.execute("SELECT id FROM qa_articles WHERE path = %s", (article.path,))]
            embedded = _insert(conn, [article], self.settings, embedder_factory, stale)
            return _result(conn, self.location, started, embedded=embedded)

    def remove(self, paths: set[str]) -> BuildResult:
        started = time.perf_counter()
        with _writing(self.settings) as conn:
            check_settings(read_meta(conn), self.settings, self.settings.store)
            found = dict(conn.execute("SELECT path, id FROM qa_articles WHERE path = ANY(%s)",
                                      (list(paths),)).fetchall())
            unknown = paths - set(found)
            if unknown:
                raise NotFound(f"not in the index: {', '.join(sorted(unknown))}")
            if conn.execute("SELECT count(*) FROM qa_articles").fetchone()[0] <= len(found):
                raise NoArticles("that would leave the index empty; drop the qa tables instead")
            _delete(conn, list(found.values()))
            _bump(conn)
            return _result(conn, self.location, started)


@contextmanager
def _writing(settings: Settings) -> Iterator[psycopg.Connection]:
    with connect(settings.store) as conn, conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
        yield conn


def _insert(conn: psycopg.Connection, articles: list[Article], settings: Settings,
            embedder_factory: EmbedderFactory, stale: list[int], afresh: bool = False, share: bool = True) -> int:
    """Remove the `stale` article ids (or, `afresh`, every table) and add `articles`, embedded; how many chunks
    went through the model. The model runs first, so that readers are not kept waiting on locks meanwhile."""
    corpus = cut_corpus(articles, settings) if articles else None
    chunk_vectors, sentence_vectors, embedded = (embed_corpus(embedder_factory, corpus, share=share) if corpus
                                                 else (None, None, 0))
    if afresh:
        conn.execute(f"DROP TABLE IF EXISTS {', '.join(TABLES)} CASCADE")
    meta = read_meta(conn)
    if not meta.get("schema"):
        if corpus is None:
            raise NoArticles("no articles to index")
        migrate(conn, chunk_vectors.shape[1])
        write_meta(conn, model=settings.model, precision=settings.precision, dimension=int(chunk_vectors.shape[1]),
                   chunking=settings.chunking())
    else:
        migrate(conn, meta["dimension"])
    _delete(conn, stale)
    if corpus:
        _copy(conn, corpus, chunk_vectors, sentence_vectors)
    _bump(conn)
    return embedded


def _copy(conn: psycopg.Connection, corpus: Corpus, chunk_vectors: np.ndarray, sentence_vectors: np.ndarray) -> None:
    article_ids = _new_ids(conn, "qa_articles", len(corpus.articles))
    chunk_ids = _new_ids(conn, "qa_chunks", len(corpus.chunks))
    sentence_ids = _new_ids(conn, "qa_sentences", len(corpus.sentences))
    with conn.cursor().copy("COPY qa_articles (id, path, title, text, outlet, published, published_on, url, hash) "
                            "FROM STDIN") as copy:
        for article_id, a in zip(article_ids, corpus.articles):
            copy.write_row((article_id, a.path, a.title, a.text, a.outlet, a.published, parse_date(a.published),
                            a.url, a.content_hash))
    term_counts = [Counter(terms) for terms in chunk_terms(corpus)]
    with conn.cursor().copy('COPY qa_chunks (id, article, ordinal, start, "end", first_sentence, last_sentence, '
                            "length, embedding) FROM STDIN WITH (FORMAT BINARY)") as copy:
        copy.set_types(["int8", "int8", "int4", "int4", "int4", "int4", "int4", "int4", "vector"])
        for n, (chunk_id, counts, vector) in enumerate(zip(chunk_ids, term_counts, chunk_vectors)):
            chunk = corpus.chunk(n)
            copy.write_row((chunk_id, article_ids[chunk.article], *chunk[1:], sum(counts.values()), vector))
    with conn.cursor().copy('COPY qa_sentences (id, article, ordinal, start, "end", speaker, embedding) '
                            "FROM STDIN WITH (FORMAT BINARY)") as copy:
        copy.set_types(["int8", "int8", "int4", "int4", "int4", "text", "vector"])
        for n, (sentence_id, vector) in enumerate(zip(sentence_ids, sentence_vectors)):
            sentence = corpus.sentence(n)
            copy.write_row((sentence_id, article_ids[sentence.article],
                            n - int(corpus.sentence_offsets[sentence.article]), sentence.start, sentence.end,
                            corpus.speakers[n], vector))
    with conn.cursor().copy("COPY qa_postings (term, chunk, tf) FROM STDIN") as copy:
        for chunk_id, counts in zip(chunk_ids, term_counts):
            for term, tf in counts.items():
                copy.write_row((term, chunk_id, tf))
    df = Counter(term for counts in term_counts for term in counts)
    conn.cursor().executemany("INSERT INTO qa_terms VALUES (%s, %s) "
                              "ON CONFLICT (term) DO UPDATE SET df = qa_terms.df + excluded.df", list(df.items()))


def _new_ids(conn: psycopg.Connection, table: str, count: int) -> list[int]:
    """Ids in increasing order, so rows sort as they were cut: by article, then by position in it."""
    return [row[0] for row in conn.execute(f"SELECT nextval('{table}_id_seq') FROM generate_series(1, %s)",
                                           (count,))]


def _delete(conn: psycopg.Connection, article_ids: list[int]) -> None:
    if not article_ids:
        return
    conn.execute("""
        UPDATE qa_terms t SET df = t.df - gone.n
        FROM (SELECT p.term, count(*) AS n FROM qa_postings p JOIN qa_chunks c ON c.id = p.chunk
              WHERE c.article = ANY(%s) GROUP BY p.term) gone
        WHERE t.term = gone.term""", (article_ids,))
    conn.execute("DELETE FROM qa_terms WHERE df <= 0")
    conn.execute("DELETE FROM qa_articles WHERE id = ANY(%s)", (article_ids,))


def _bump(conn: psycopg.Connection) -> None:
    """A new generation: every server sees the change and reloads."""
    write_meta(conn, generation=read_meta(conn).get("generation", 0) + 1,
               created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))


def _result(conn: psycopg.Connection, location: str, started: float, up_to_date: bool = False,
            embedded: int = 0) -> BuildResult:
    if not read_meta(conn).get("schema"):
        raise IndexNotReady(f"no index in the database at {location}")
    articles, chunks, sentences = conn.execute(
        "SELECT (SELECT count(*) FROM qa_articles), (SELECT count(*) FROM qa_chunks), "
        "(SELECT count(*) FROM qa_sentences)").fetchone()
    return BuildResult(location, articles, chunks, sentences, time.perf_counter() - started,
                       up_to_date=up_to_date, embedded=embedded)
