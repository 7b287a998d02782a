"""Index build speed against plain sentence-transformers encoding of the same chunks, in one run.

    .venv/bin/python bench/index_speed.py [ARTICLES_DIR]

Prints: the baseline (SentenceTransformer.encode of every chunk, torch fp32, batch 32), a cold
`qa index --no-cache` (each distinct chunk embedded once), a re-index of the unchanged folder, and adding
one article to the index. ARTICLES_DIR may hold a JSON-lines archive (one row is then added).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from qa.config import Settings
from qa.corpus import load_articles
from qa.embedder import resolve_model
from qa.embedders import make_embedder
from qa.indexer import build_index
from qa.pipeline import cut_corpus

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "squad-dev" / "articles"


def timed(work):
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    settings = Settings.from_env()
    corpus = cut_corpus(load_articles([folder]), settings)
    texts = [corpus.chunk_text(i) for i in range(len(corpus.chunks))]
    embedder = make_embedder(settings)
    from sentence_transformers import SentenceTransformer

    plain = SentenceTransformer(resolve_model(settings.model), device="cpu")
    plain.encode(texts[:64], batch_size=32)  # warm up both before timing
    embedder.encode(texts[:64])
    baseline, _ = timed(lambda: plain.encode(texts, batch_size=32, normalize_embeddings=True))

    with tempfile.TemporaryDirectory() as scratch:
        articles = Path(scratch) / "articles"
        shutil.copytree(folder, articles)
        index = Path(scratch) / "index"
        config = settings.with_(index=str(index))
        cold, first = timed(lambda: build_index([articles], index, config, lambda: embedder, force=True, reuse=False))
        unchanged, _ = timed(lambda: build_index([articles], index, config, lambda: embedder))
        extra = sorted(articles.iterdir())[0]
        if extra.suffix == ".jsonl":  # an archive in one file: one of its rows again, under a new path
            row = json.loads(extra.read_text(encoding="utf-8").partition("\n")[0])
            (articles / "added.jsonl").write_text(json.dumps({**row, "path": f"added-{row['path']}"}) + "\n")
        else:
            shutil.copy(extra, articles / f"added-{extra.name}")
        added, second = timed(lambda: build_index([articles], index, config, lambda: embedder))

    rows = [
        ("plain encode of the chunks (baseline)", baseline, f"{len(texts)} chunks"),
        ("qa index --no-cache (cold)", cold,
         f"{first.chunks} chunks ({first.embedded} embedded), {first.sentences} sentences"),
        ("qa index, nothing changed", unchanged, "hash check only"),
        ("qa index, one article added", added, f"{second.embedded} chunks embedded"),
    ]
    print(f"corpus: {folder} ({first.articles} articles)")
    print(f"{'step':42} {'seconds':>8} {'vs baseline':>12}  note")
    for name, seconds, note in rows:
        print(f"{name:42} {seconds:8.2f} {baseline / seconds:11.2f}x  {note}")
    print(f"re-index unchanged vs cold build: {cold / unchanged:.0f}x faster")


if __name__ == "__main__":
    main()
