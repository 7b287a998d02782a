"""Indexing a real web-scraped news archive: the time per article spent on text rules, the slowest
files, and the whole build with the real model.

    .venv/bin/python bench/news_index.py [ARTICLES] [INDEX_DIR]

ARTICLES defaults to ../shared/eval/news-dev/articles (3,002 pages as scraped); INDEX_DIR to
index/news. Prints the sentence splitting and attribution time of every article (the part that
hung on such pages when its rules backtracked), the five slowest, then a cold `qa index` of it all.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from qa.attribution import speakers
from qa.config import Settings
from qa.corpus import load_articles
from qa.embedders import make_embedder
from qa.indexer import build_index
from qa.text import sentence_spans

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "news-dev" / "articles"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    index = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("index/news")
    articles = load_articles([folder])
    timings = []
    for article in articles:
        started = time.perf_counter()
        spans = sentence_spans(article.text)
        speakers([article.text[a:b] for a, b in spans])
        timings.append((time.perf_counter() - started, len(article.text), article.path))
    timings.sort(reverse=True)
    total = sum(t for t, _, _ in timings)
    characters = sum(n for _, n, _ in timings)
    print(f"corpus: {folder} ({len(articles)} articles, {characters:,} characters)")
    print(f"sentences and speakers: {total:.1f} s in all, {total / characters * 1e6:.1f} µs a character")
    print("slowest articles:")
    for seconds, length, path in timings[:5]:
        print(f"  {seconds * 1000:8.1f} ms  {length:>8,} characters  {path}")

    settings = Settings.from_env(index=str(index))
    embedder = make_embedder(settings)
    started = time.perf_counter()
    result = build_index([folder], index, settings, lambda: embedder, force=True, reuse=False)
    print(f"qa index (cold, real model): {time.perf_counter() - started:.0f} s, {result.articles} articles, "
          f"{result.chunks} chunks, {result.sentences} sentences -> {index}")


if __name__ == "__main__":
    main()
