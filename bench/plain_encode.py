"""A plain embeddings pipeline, as a yardstick for whole-process timings of `qa index`.

    .venv/bin/python bench/plain_encode.py --save ARTICLES CHUNKS.jsonl   # the chunk texts a build cuts
    .venv/bin/python bench/plain_encode.py CHUNKS.jsonl                   # load the model, encode them all

The second form does what a plain pipeline does with those texts: SentenceTransformer.encode of every chunk,
duplicates included, torch fp32, batch 32. Timed from outside against `qa index ARTICLES --no-cache`, both
processes pay the same start-up (imports, loading the model).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from qa.config import Settings
from qa.embedder import resolve_model


def save(articles: Path, chunks: Path) -> None:
    from qa.corpus import load_articles
    from qa.pipeline import cut_corpus

    corpus = cut_corpus(load_articles([articles]), Settings.from_env())
    with chunks.open("w", encoding="utf-8") as out:
        for i in range(len(corpus.chunks)):
            out.write(json.dumps(corpus.chunk_text(i)) + "\n")
    print(f"{len(corpus.chunks)} chunks written to {chunks}")


def encode(chunks: Path) -> None:
    from sentence_transformers import SentenceTransformer

    texts = [json.loads(line) for line in chunks.open(encoding="utf-8")]
    model = SentenceTransformer(resolve_model(Settings.from_env().model), device="cpu")
    vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)
    print(f"{len(vectors)} chunks encoded")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--save"]:
        save(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        encode(Path(sys.argv[1]))
