"""Narrowing a search to some outlets and a date range."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from .corpus import Article, parse_date
from .errors import BadRequest

FIELDS = ("outlet", "published_after", "published_before")


@dataclass(frozen=True)
class Filters:
    outlets: frozenset[str] | None = None  # lower-cased
    after: date | None = None  # inclusive
    before: date | None = None  # inclusive
    # The archive as it stood on this day: articles published later are left out, undated ones stay.
    until: date | None = None
    # The published day of every article (article_days), when the caller has it at hand, for `until`.
    days: np.ndarray | None = field(default=None, compare=False, repr=False)

    def admits(self, article: Article) -> bool:
        if self.outlets is not None and (article.outlet or "").lower() not in self.outlets:
            return False
        published = parse_date(article.published)
        if self.until is not None and published is not None and published > self.until:
            return False
        if self.after is None and self.before is None:
            return True
        if published is None:
            return False
        return (self.after is None or published >= self.after) and (self.before is None or published <= self.before)

    def where(self, outlet: str, day: str, mark: Callable[[str], str]) -> tuple[str, dict[str, str]]:
        """The filters as one SQL condition ("" for none) and its parameters, over an article table whose
        lower-cased outlet is the expression `outlet` and whose publication day (a date, or ISO text) is
        `day`; `mark(name)` writes a named parameter as the database driver wants it."""
        clauses, params = [], {}
        if self.outlets is not None:
            names = {f"outlet{n}": name for n, name in enumerate(sorted(self.outlets))}
            clauses.append(f"{outlet} IN ({', '.join(map(mark, names))})")
            params.update(names)
        if self.after is not None:
            clauses.append(f"{day} >= {mark('after')}")
            params["after"] = self.after.isoformat()
        if self.before is not None:
            clauses.append(f"{day} <= {mark('before')}")
            params["before"] = self.before.isoformat()
        if self.until is not None:
            clauses.append(f"({day} IS NULL OR {day} <= {mark('until')})")
            params["until"] = self.until.isoformat()
        return " AND ".join(clauses), params

    def allowed_chunks(self, articles, chunk_articles: np.ndarray) -> np.ndarray:
        """Ids of the chunks whose article passes; `articles` (an ArticleList or a store's table) filters."""
        return np.flatnonzero(np.isin(chunk_articles, articles.passing(self))).astype(np.int64)

    def in_archive(self, numbers: np.ndarray, articles=None) -> np.ndarray:
        """Which of these articles (by number) were in the archive on `until`: dated that day or earlier,
        or undated."""
        if self.until is None:
            return np.ones(len(numbers), dtype=bool)
        days = self.days if self.days is not None else article_days(articles)
        found = days[np.asarray(numbers, dtype=np.int64)]
        return (found == UNDATED) | (found <= self.until.toordinal())

    def narrowed(self, start: date, end: date) -> Filters:
        """These filters, further narrowed to articles published from `start` to `end`."""
        return replace(self, after=max(start, self.after or start), before=min(end, self.before or end))


UNDATED = 0  # article_days' value for an article without a readable date


def article_days(articles) -> np.ndarray:
    """The published day (date.toordinal(), UNDATED when there is none) of every article, in order:
    read once from the articles' catalogue, which every store's article table offers."""
    days = (parse_date(a["published"]) for a in articles.catalogue())
    return np.array([day.toordinal() if day else UNDATED for day in days], dtype=np.int64)


def validate_filters(filters: object) -> Filters | None:
    if filters is None:
        return None
    if not isinstance(filters, dict):
        raise BadRequest(f"filters must be an object with any of: {', '.join(FIELDS)}")
    unknown = sorted(set(filters) - set(FIELDS))
    if unknown:
        raise BadRequest(f"unknown filter {unknown[0]!r}; filters are {', '.join(FIELDS)}")
    outlet = filters.get("outlet")
    if isinstance(outlet, str):
        outlet = [outlet]
    if outlet is not None and (not isinstance(outlet, list) or not outlet
                               or not all(isinstance(o, str) and o.strip() for o in outlet)):
        raise BadRequest("filters.outlet must be an outlet name or a non-empty list of them")
    bounds = {}
    for name in ("published_after", "published_before"):
        value = filters.get(name)
        if value is None:
            continue
        bounds[name] = parse_date(value) if isinstance(value, str) else None
        if bounds[name] is None:
            raise BadRequest(f"filters.{name} must be a date like 2013-02-22")
    return Filters(frozenset(o.strip().lower() for o in outlet) if outlet else None,
                   bounds.get("published_after"), bounds.get("published_before"))
