"""How many chunks an index build would embed, and how many distinct ones: what the chunk cache saves.

    .venv/bin/python bench/duplicates.py ARTICLES [ARTICLES ...]

Cuts the articles as `qa index` does (no model) and prints, per folder or file: articles, chunks, distinct
chunk texts, distinct chunk keys (text and sentence spans: what one forward pass reads), the chunks the
cache saves, and the seconds the cutting took.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from qa.config import Settings
from qa.corpus import load_articles
from qa.pipeline import chunk_keys, cut_corpus


def main() -> None:
    settings = Settings.from_env()
    print(f"{'articles':>40} {'count':>8} {'chunks':>8} {'texts':>8} {'keys':>8} {'saved':>7} {'cut s':>7}")
    for source in sys.argv[1:]:
        articles = load_articles([Path(source)], settings.file_timeout)
        started = time.perf_counter()
        corpus = cut_corpus(articles, settings)
        seconds = time.perf_counter() - started
        texts = {corpus.chunk_text(i) for i in range(len(corpus.chunks))}
        keys = set(chunk_keys(corpus))
        chunks = len(corpus.chunks)
        print(f"{source[-40:]:>40} {len(corpus.articles):8,} {chunks:8,} {len(texts):8,} {len(keys):8,} "
              f"{1 - len(keys) / chunks:7.1%} {seconds:7.1f}", flush=True)


if __name__ == "__main__":
    main()
