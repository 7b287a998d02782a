"""The store for many servers: PostgreSQL with pgvector, shared by every server (schema.py, connection.py)."""

from __future__ import annotations

import psycopg
from psycopg_pool import PoolTimeout

from ...config import Settings, without_password
from ...errors import IndexNotReady
from ..base import Backend, Writer
from .connection import shared_pool
from .reader import PostgresStore
from .schema import read_meta


class Postgres(Backend):
    def __init__(self, settings: Settings):
        self.url, self.settings = settings.store, settings

    @property
    def location(self) -> str:
        return without_password(self.url)

    def open(self) -> PostgresStore:
        return PostgresStore.load(self.url, self.settings)

    def stamp(self) -> int | None:
        """The index's generation number, which every write raises; None when unreachable or empty."""
        try:
            with shared_pool(self.url).connection(timeout=1) as conn:
                return read_meta(conn).get("generation")
        except (psycopg.Error, PoolTimeout, IndexNotReady):
            return None

    def writer(self) -> Writer:
        from .writer import PostgresWriter  # only a build loads it: servers read

        return PostgresWriter(self.settings, self.location)
