"""Builds and changes an index, wherever it lives: reads the articles and hands them to the backend's writer."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .config import Settings
from .corpus import Article, load_articles
from .errors import NoArticles
from .store import BuildResult, backend
from .store.base import EmbedderFactory


def build_index(sources: Iterable[str | Path], index_dir: str | Path, settings: Settings,
                embedder_factory: EmbedderFactory, force: bool = False, reuse: bool = True,
                share: bool = True) -> BuildResult:
    """Index every article under `sources` (into `index_dir`, or the database the settings name), unless
    the index is already current; articles no longer under `sources` leave it. See Writer.sync."""
    sources = list(sources)
    articles = load_articles(sources, settings.file_timeout)
    if not articles:
        raise NoArticles(f"no readable articles (.txt, .md, .jsonl, .html) under {', '.join(map(str, sources))}")
    return backend(settings, index_dir).writer().sync(articles, embedder_factory, force, reuse, share)


def add_article(article: Article, index_dir: str | Path, settings: Settings,
                embedder_factory: EmbedderFactory) -> BuildResult:
    """Add an article to an index, or replace the one with its path; only it is embedded."""
    return backend(settings, index_dir).writer().add(article, embedder_factory)


def remove_articles(paths: Iterable[str], index_dir: str | Path, settings: Settings) -> BuildResult:
    """Take articles out of an index without embedding anything."""
    return backend(settings, index_dir).writer().remove(set(paths))
