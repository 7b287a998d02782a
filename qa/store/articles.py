"""The articles of an index, by number: in memory, or read one at a time from where a store keeps them."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..corpus import Article
from ..filters import Filters

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
        return [listing(a.path, a.title, a.outlet, a.published) for a in self]

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


def listing(path: str, title: str, outlet: str | None, published: str | None) -> dict:
    return {"path": path, "title": title, "outlet": outlet, "published": published}


def as_articles(articles: Sequence[Article]) -> Sequence[Article]:
    """A sequence that can also find, list and filter its articles."""
    return articles if isinstance(articles, (ArticleList, StoredArticles)) else ArticleList(articles)
