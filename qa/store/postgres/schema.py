"""qa's tables in PostgreSQL: their migrations and the meta table that records how the index was built."""

from __future__ import annotations

import json

import psycopg
from pgvector.psycopg import register_vector

from ...config import Settings, without_password
from ...errors import IndexNotReady, IndexUnusable

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


def check_settings(meta: dict, settings: Settings, url: str) -> None:
    """Refuse an index built with another model or other chunking, as the file store does."""
    if not meta.get("schema"):
        raise IndexNotReady(f"no index in the database at {without_password(url)}: "
                            "build one with `qa index PATH --store URL`")
    mismatch = settings.mismatch(meta)
    if mismatch:
        raise IndexUnusable(f"the database's index {mismatch}")
