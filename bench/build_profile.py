"""Where an index build's time goes, from a py-spy profile of it.

    .venv/bin/py-spy record --idle -r 100 -f raw -o /tmp/build.stacks -- \\
        .venv/bin/qa index ARTICLES --index /tmp/profiled-index --no-cache
    .venv/bin/python bench/build_profile.py /tmp/build.stacks

Sorts every sample by the step of the build it was taken in (the first of the steps below on its stack,
from the outermost frame) and prints each step's share of the samples, and its share of the build
proper (start-up, imports and loading the model aside).
"""

from __future__ import annotations

import sys
from collections import Counter

# (step, what marks it on a stack: a function name and, optionally, part of its file's path)
STEPS = [
    ("start-up", ("__init__", "qa/embedder.py")),  # loading the model
    ("model forward passes", ("_call_impl", "torch/nn/modules/module.py")),
    ("tokenising and pooling", ("encode_passages", "qa/embedder.py")),
    ("embedding, other", ("embed_corpus", "qa/pipeline.py")),
    ("page furniture", ("furniture_spans", "qa/furniture.py")),
    ("sentence splitting", ("sentence_spans", "qa/text.py")),
    ("speakers", ("speakers", "qa/attribution.py")),
    ("speakers", ("same_names_everywhere", "qa/attribution.py")),
    ("chunking", ("chunk_article", "qa/chunking.py")),
    ("cutting, waiting for the worker processes", ("cut_corpus", "qa/pipeline.py")),
    ("keyword terms", ("keyword_terms", "qa/text.py")),
    ("writing the index (FAISS, BM25, SQLite)", ("write_generation", "qa/store/files/writer.py")),
    ("flushing to disk", ("_fsync_tree", "qa/store/files/writer.py")),
    ("reading articles", ("load_articles", "qa/corpus.py")),
]
BUILD = ("build_index", "qa/indexer.py")


def step_of(frames: list[str]) -> str | None:
    """The step a sample belongs to; None for threads other than the main one (tqdm's monitor)."""
    if not frames[0].startswith("<module>"):
        return None
    for name, mark in STEPS:  # the model's frames win over the embedder's around them
        if any(_is(frame, mark) for frame in frames):
            return name
    return "build, other" if any(_is(frame, BUILD) for frame in frames) else "start-up"


def _is(frame: str, mark: tuple[str, str]) -> bool:
    """Whether a frame, "Class.function (path:line)", is that function in a file whose path holds that part."""
    function, _, where = frame.partition(" (")
    return function.rpartition(".")[2] == mark[0] and mark[1] in where


def main() -> None:
    samples: Counter[str] = Counter()
    with open(sys.argv[1], encoding="utf-8") as stacks:
        for line in stacks:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            step = step_of(stack.split(";"))
            if step:
                samples[step] += int(count)
    total = sum(samples.values())
    build = total - samples["start-up"]
    print(f"{'step':42} {'samples':>8} {'of all':>7} {'of build':>9}")
    for name, count in samples.most_common():
        share = "" if name == "start-up" else f"{count / build:9.1%}"
        print(f"{name:42} {count:8,} {count / total:7.1%} {share}")
    outside = build - samples["model forward passes"]
    print(f"outside the model's forward passes: {outside / build:.1%} of the build")


if __name__ == "__main__":
    main()
