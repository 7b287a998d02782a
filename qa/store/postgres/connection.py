"""Connections to the database: one pool per database and process, and a 503 when it is out of reach."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from pgvector.psycopg import register_vector
from psycopg_pool import ConnectionPool, PoolTimeout

from ...config import without_password
from ...errors import IndexNotReady

SEARCH_BREADTH = 100  # HNSW candidate list: at least the number of chunks each retriever proposes
WAIT_FOR_CONNECTION = 3  # seconds a question waits for the database before it gets a 503


def connect(url: str) -> psycopg.Connection:
    try:
        return psycopg.connect(url, connect_timeout=10)
    except psycopg.Error as exc:
        raise unreachable(url, exc) from None


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


def _configure(conn: psycopg.Connection) -> None:
    conn.execute(f"SET hnsw.ef_search = {SEARCH_BREADTH}")
    conn.execute("SET hnsw.iterative_scan = strict_order")
    conn.commit()
    conn.autocommit = True
