"""Cold index builds with and without the chunk cache, in one run, on a fixed random sample of articles.

    .venv/bin/python bench/cache_speed.py [ARTICLES] [--sample N] [--rounds R]

ARTICLES defaults to ../shared/eval/bbc-news/articles; --sample takes N of its files (seed 0; all by
default). Each round builds the same folder cold twice with the real model, once embedding every chunk
(`share=False`, as builds did before the cache) and once embedding each chunk key once, in alternating
order so a machine that drifts in speed favours neither; then it rebuilds after editing one article and
renaming another. Prints each build's seconds and the chunks that went through the model.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from qa.config import Settings
from qa.embedders import make_embedder
from qa.indexer import build_index

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "bbc-news" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("articles", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=1)
    options = parser.parse_args()
    settings = Settings.from_env()
    embedder = make_embedder(settings)
    embedder.encode(["warm up the model"] * 32)
    timings: dict[str, list[float]] = {"every chunk": [], "each key once": []}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "articles"
        _copy(options.articles, folder, options.sample)
        for round_ in range(options.rounds):
            order = [False, True] if round_ % 2 == 0 else [True, False]
            for share in order:
                index = Path(scratch) / f"index-{share}"
                shutil.rmtree(index, ignore_errors=True)
                started = time.perf_counter()
                result = build_index([folder], index, settings, lambda: embedder, reuse=False, share=share)
                seconds = time.perf_counter() - started
                name = "each key once" if share else "every chunk"
                timings[name].append(seconds)
                print(f"round {round_ + 1}: {name:14} {seconds:8.1f} s  {result.embedded:,} of {result.chunks:,} "
                      f"chunks embedded ({result.articles:,} articles)", flush=True)
        files = sorted(folder.iterdir())
        text = files[0].read_text(encoding="utf-8", errors="replace")
        files[0].write_text(text.replace(".", ". Indeed.", 1), encoding="utf-8")
        files[1].rename(folder / f"moved-{files[1].name}")
        started = time.perf_counter()
        result = build_index([folder], Path(scratch) / "index-True", settings, lambda: embedder)
        print(f"rebuild, one article edited and one renamed: {time.perf_counter() - started:.1f} s, "
              f"{result.embedded} of {result.chunks:,} chunks embedded")
    before, after = (statistics.median(timings[k]) for k in ("every chunk", "each key once"))
    print(f"median cold build: every chunk {before:.1f} s, each key once {after:.1f} s: {before / after:.2f}x")


def _copy(source: Path, folder: Path, sample: int) -> None:
    if source.is_file():
        folder.mkdir(parents=True)
        shutil.copy(source, folder / source.name)
        return
    files = sorted(p for p in source.rglob("*") if p.is_file())
    chosen = random.Random(0).sample(files, sample) if 0 < sample < len(files) else files
    for path in chosen:
        target = folder / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)


if __name__ == "__main__":
    main()
