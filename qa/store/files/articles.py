"""The articles of a file index: a SQLite file, read one article at a time."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

import numpy as np

from ...corpus import Article, parse_date
from ...errors import IndexNotReady
from ...filters import Filters
from ..articles import StoredArticles, listing


class ArticleTable(StoredArticles):
    """Articles in a SQLite file."""

    def __init__(self, path: Path):
        self._path = path
        self._lock = threading.Lock()
        self._db, self._pid = None, None
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:  # a damaged file fails here
            super().__init__(db.execute("SELECT count(*) FROM articles").fetchone()[0])

    @staticmethod
    def write(path: Path, articles: Iterable[Article], hashes: Iterable[str]) -> None:
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE articles (number INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, title TEXT, "
                       "text TEXT, outlet TEXT, outlet_key TEXT, published TEXT, published_on TEXT, url TEXT, "
                       "hash TEXT)")
            db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
                (n, a.path, a.title, a.text, a.outlet, (a.outlet or "").lower(), a.published, _day(a.published),
                 a.url, content_hash) for n, (a, content_hash) in enumerate(zip(articles, hashes))))
            db.execute("CREATE INDEX articles_outlet ON articles (outlet_key)")
            db.execute("CREATE INDEX articles_published ON articles (published_on)")
        db.close()

    def _query(self, sql: str, parameters: tuple | dict = ()) -> list[tuple]:
        with self._lock:
            # One read-only connection for every thread of a process, one query at a time; a process forked
            # after loading (gunicorn --preload) opens its own, as SQLite requires.
            try:
                if self._pid != os.getpid():
                    self._db = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
                    self._pid = os.getpid()
                return self._db.execute(sql, parameters).fetchall()
            except sqlite3.Error as exc:  # e.g. a newer index replaced this one before this process read it
                raise IndexNotReady(f"the index's articles cannot be read ({exc}); ask again") from None

    def _read(self, number: int) -> Article:
        path, title, text, outlet, published, url = self._query(
            "SELECT path, title, text, outlet, published, url FROM articles WHERE number = ?", (number,))[0]
        return Article(path, title, text, outlet, published, url)

    def number(self, path: str) -> int | None:
        found = self._query("SELECT number FROM articles WHERE path = ?", (path,))
        return found[0][0] if found else None

    def catalogue(self) -> list[dict]:
        rows = self._query("SELECT path, title, outlet, published FROM articles ORDER BY number")
        return [listing(*row) for row in rows]

    def passing(self, filters: Filters) -> np.ndarray:
        where, params = filters.where("outlet_key", "published_on", lambda name: f":{name}")
        rows = self._query(f"SELECT number FROM articles WHERE {where or 1} ORDER BY number", params)
        return np.array([row[0] for row in rows], dtype=np.int64)

    def hashes(self) -> list[str]:
        return [row[0] for row in self._query("SELECT hash FROM articles ORDER BY number")]



def _day(published: str | None) -> str | None:
    day = parse_date(published)
    return day.isoformat() if day else None
