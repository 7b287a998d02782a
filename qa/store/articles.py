"""The articles of an index, by number: in memory, or in a SQLite file read one article at a time."""

from __future__ import annotations

import os
import sqlite3
import threading
from abc import abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import closing
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..corpus import Article
from ..errors import IndexNotReady
from ..filters import Filters, parse_date

ARTICLES_CACHED = 4096  # articles a server keeps at hand between questions


class ArticleList(list):
    """Articles held in memory, for indexes small enough to load whole."""

    def number(self, path: str) -> int | None:
        """Where the article with this path is, if the index has it."""
        if "_numbers" not in self.__dict__:
            self._numbers = {article.path: n for n, article in enumerate(self)}
        return self._numbers.get(path)

    def catalogue(self) -> list[dict]:
        """Path, title, outlet and date of every article, in order."""
        return [_listing(a.path, a.title, a.outlet, a.published) for a in self]

    def passing(self, filters: Filters) -> np.ndarray:
        """Numbers of the articles that pass the filters."""
        return np.array([n for n, article in enumerate(self) if filters.admits(article)], dtype=np.int64)

    def hashes(self) -> list[str]:
        """The content hash of every article, in order."""
        return [article.content_hash for article in self]


class StoredArticles(Sequence):
    """Articles read one at a time where the index keeps them, when an answer or passage needs one, so a
    server's memory and start-up do not grow with the archive; the recent ones are kept at hand."""

    def __init__(self, count: int):
        self._count = count
        self._article = lru_cache(maxsize=ARTICLES_CACHED)(self._read)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, number):
        if isinstance(number, slice):
            return [self[n] for n in range(*number.indices(self._count))]
        number = int(number)
        if not -self._count <= number < self._count:
            raise IndexError(number)
        return self._article(number % self._count)

    @abstractmethod
    def _read(self, number: int) -> Article:
        """The article at this position, from where the index keeps it."""


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

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
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
        return [_listing(*row) for row in rows]

    def passing(self, filters: Filters) -> np.ndarray:
        clauses, parameters = [], []
        if filters.outlets is not None:
            clauses.append(f"outlet_key IN ({', '.join('?' * len(filters.outlets))})")
            parameters += sorted(filters.outlets)
        if filters.after is not None:
            clauses.append("published_on >= ?")
            parameters.append(filters.after.isoformat())
        if filters.before is not None:
            clauses.append("published_on <= ?")
            parameters.append(filters.before.isoformat())
        where = " AND ".join(clauses) or "1"
        rows = self._query(f"SELECT number FROM articles WHERE {where} ORDER BY number", tuple(parameters))
        return np.array([row[0] for row in rows], dtype=np.int64)

    def hashes(self) -> list[str]:
        return [row[0] for row in self._query("SELECT hash FROM articles ORDER BY number")]


def _day(published: str | None) -> str | None:
    day = parse_date(published)
    return day.isoformat() if day else None


def _listing(path: str, title: str, outlet: str | None, published: str | None) -> dict:
    return {"path": path, "title": title, "outlet": outlet, "published": published}


def as_articles(articles: Sequence[Article]) -> Sequence[Article]:
    """A sequence that can also find, list and filter its articles."""
    return articles if isinstance(articles, (ArticleList, StoredArticles)) else ArticleList(articles)
