"""A million chunks end to end: an index of real texts and synthetic vectors, served, beside squad-dev's.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/million.py [SIZES]
    (SIZES: chunk counts, default 10000,100000,1000000; the indexes are kept in index/scale-SIZE)

The articles of ../shared/eval/bbc-news and squad-dev are cut as `qa index` cuts them and repeated under
numbered paths until there are that many chunks; their vectors are unit vectors clustered around 2,000 topics
(embedding a million chunks would take hours on this machine). Then, each in a fresh process, the
squad-dev index (`make eval-squad`) and each big one are loaded and asked the same SQuAD questions:
start-up, memory, vector search, hybrid search and /ask times, and once more for the largest inside a
2 GB memory cgroup (when run as root) to show it is served within 2 GB, page cache included. Recall@10
of each chunk index is measured against exact search of the same vectors. Draws docs/end-to-end.png.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import faiss
import numpy as np

from qa.config import Settings
from qa.errors import QAError
from qa.store import backend

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("EVAL", ROOT.parent / "shared" / "eval"))
TOPICS = 2000
QUESTIONS = 300

MEASURE = r"""
import json, resource, statistics, sys, time
started = time.perf_counter()
from qa.config import Settings
from qa.embedder import SentenceTransformerEmbedder
from qa.engine import Engine
from qa.text import keyword_terms
settings = Settings.from_env(index=sys.argv[1])
embedder = SentenceTransformerEmbedder(settings.model)
model_ready = time.perf_counter()
engine = Engine(settings, embedder)
loaded = time.perf_counter()
def memory():
    status = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return {key: int(status[key].split()[0]) // 1024 for key in ("RssAnon", "RssFile")}
loaded_memory = memory()
questions = [json.loads(line)["question"] for line in open(sys.argv[2])][::16][:int(sys.argv[3])]
vectors = embedder.encode(questions)
index = engine.store._chunk_index
def timed(work):
    times = []
    for item in work[1]:
        t = time.perf_counter(); work[0](item); times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 2), round(sorted(times)[int(len(times) * 0.99)], 2)
vector_search = timed((lambda v: index.search(v.reshape(1, -1), 50), vectors))
hybrid = timed((lambda q: engine.store.search(q[1], keyword_terms(q[0]), 50), list(zip(questions, vectors))))
ask = timed((engine.ask, questions))
print(json.dumps({"chunks": len(engine.store.corpus.chunks), "sentences": len(engine.store.corpus.sentences),
                  "articles": len(engine.store.corpus.articles),
                  "imports_and_model_s": round(model_ready - started, 2),
                  "index_load_s": round(loaded - model_ready, 2),
                  "private_mb_loaded": loaded_memory["RssAnon"], "private_mb_after": memory()["RssAnon"],
                  "mapped_mb_after": memory()["RssFile"],
                  "vector_search_ms": vector_search, "hybrid_search_ms": hybrid, "ask_ms": ask}))
"""


def clustered(rng: np.random.Generator, centers: np.ndarray, count: int) -> np.ndarray:
    vectors = centers[rng.integers(0, len(centers), count)] + 0.35 * rng.standard_normal(
        (count, centers.shape[1]), dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def build(index_dir: Path, target: int) -> None:
    """Write the big index."""
    from qa.corpus import Article, load_articles
    from qa.pipeline import cut_corpus
    from qa.store import Corpus
    from qa.store.files.writer import make_manifest, publish, write_generation
    from qa.text import keyword_terms

    started = time.perf_counter()
    settings = Settings.from_env()
    base = load_articles([EVAL / "bbc-news" / "articles", EVAL / "squad-dev" / "articles"])
    cut = cut_corpus(base, settings)
    copies = -(-target // len(cut.chunks))
    print(f"{len(base)} articles, {len(cut.chunks)} chunks, {len(cut.sentences)} sentences, "
          f"repeated {copies} times ({time.perf_counter() - started:.0f} s)", flush=True)
    articles = [Article(f"{copy:03d}/{a.path}", a.title, a.text, a.outlet, a.published, a.url)
                for copy in range(copies) for a in base]
    shift = np.array([len(base), 0, 0, 0, 0, 0], dtype=np.int32)
    chunks = np.concatenate([cut.chunks + copy * shift for copy in range(copies)])
    sentences = np.concatenate([cut.sentences + copy * shift[:3] for copy in range(copies)])
    offsets = np.concatenate([[0]] + [cut.sentence_offsets[1:] + copy * len(cut.sentences) for copy in range(copies)])
    corpus = Corpus(articles, chunks, sentences, offsets.astype(np.int32), list(cut.speakers) * copies)
    base_terms = [keyword_terms(base[row[0]].title + "\n" + cut.chunk_text(i)) for i, row in enumerate(cut.chunks)]

    rng = np.random.default_rng(0)
    dimension = 384
    centers = rng.standard_normal((TOPICS, dimension), dtype=np.float32)
    chunk_vectors = clustered(rng, centers, len(chunks))
    scratch = index_dir.parent / ".million-sentences.npy"
    sentence_vectors = np.lib.format.open_memmap(scratch, mode="w+", dtype=np.float32,
                                                 shape=(len(sentences), dimension))
    for start in range(0, len(sentences), 500_000):
        end = min(start + 500_000, len(sentences))
        sentence_vectors[start:end] = clustered(rng, centers, end - start)
    sentence_vectors.flush()
    print(f"vectors ready ({time.perf_counter() - started:.0f} s)", flush=True)

    publish(index_dir, make_manifest(corpus, settings, dimension), lambda folder: write_generation(
        folder, corpus, chunk_vectors, sentence_vectors, base_terms * copies, corpus.articles.hashes()))
    scratch.unlink()
    print(f"index of {len(chunks):,} chunks written in {time.perf_counter() - started:.0f} s", flush=True)


def recall_at_10(index_dir: Path) -> float:
    generation = index_dir / json.loads((index_dir / "manifest.json").read_text())["generation"]
    index = faiss.read_index(str(generation / "chunks.faiss"))
    chunk_vectors = np.load(generation / "chunk_vectors.npy")
    rng = np.random.default_rng(1)
    queries = chunk_vectors[rng.choice(len(chunk_vectors), 200, replace=False)]
    queries = queries + 0.1 * rng.standard_normal(queries.shape, dtype=np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    exact = faiss.IndexFlatIP(chunk_vectors.shape[1])
    exact.add(chunk_vectors)
    _, want = exact.search(queries, 10)
    _, got = index.search(queries, 10)
    return float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got, want)]))


def measure(index_dir: Path, memory_cap: int | None = None) -> dict:
    """The figures of a fresh process serving `index_dir`, inside a memory cgroup of `memory_cap` bytes if given."""
    questions = EVAL / "squad-dev" / "questions.jsonl"
    group = _memory_group(memory_cap) if memory_cap else None
    done = subprocess.run([sys.executable, "-c", MEASURE, str(index_dir), str(questions), str(QUESTIONS)],
                          capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"},
                          preexec_fn=group and (lambda: (group / "cgroup.procs").write_text(str(os.getpid()))))
    if done.returncode:
        sys.exit(done.stderr or f"the process ended with {done.returncode}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if group:
        figures["cgroup_peak_mb"] = int((group / "memory.max_usage_in_bytes").read_text()) // 2**20
        group.rmdir()
    return figures


def _memory_group(limit: int) -> Path:
    """A cgroup (v1 memory controller) that holds a process and the page cache it uses to `limit` bytes."""
    group = Path("/sys/fs/cgroup/memory/qa-bench")
    group.mkdir(exist_ok=True)
    # Pages already cached are charged to whoever read them first: start cold, so the cap covers them all.
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("1")
    (group / "memory.limit_in_bytes").write_text(str(limit))
    return group


def main() -> None:
    sizes = [int(n) for n in (sys.argv[1] if len(sys.argv) > 1 else "10000,100000,1000000").split(",")]
    small = ROOT / "index" / "squad"
    if not (small / "manifest.json").exists():
        sys.exit("build the squad-dev index first: make eval-squad")
    figures = {"squad-dev": measure(small)}
    for size in sizes:
        folder = ROOT / "index" / f"scale-{size}"
        try:
            built = len(backend(Settings.from_env(), folder).open().corpus.chunks) >= size
        except QAError:
            built = False
        if not built:
            build(folder, size)
        figures[f"{size:,}"] = {"recall@10": round(recall_at_10(folder), 3), **measure(folder)}
    largest = f"{sizes[-1]:,}"
    if os.access("/sys/fs/cgroup/memory", os.W_OK):
        figures[f"{largest} in 2 GB"] = measure(ROOT / "index" / f"scale-{sizes[-1]}", memory_cap=2 * 2**30)
    print(f"{'':>20}" + "".join(f"{name:>18}" for name in figures) + f"{'ratio':>8}")
    for key in figures[largest]:
        row = [figures[name].get(key, "-") for name in figures]
        first, last = (figures[name].get(key) for name in ("squad-dev", largest))
        first, last = (v[0] if isinstance(v, list) else v for v in (first, last))
        ratio = f"{last / max(first, 1e-9):>7.1f}x" if first is not None else ""
        print(f"{key:>20}" + "".join(f"{json.dumps(v):>18}" for v in row) + ratio)
    plot(figures, [f"{size:,}" for size in sizes], ROOT / "docs" / "end-to-end.png")


def plot(figures: dict, names: list[str], path: Path) -> None:
    """Start-up, memory and latency against the number of chunks."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chunks = [figures[name]["chunks"] for name in names]
    panels = [("start-up (s)", {"imports and model": "imports_and_model_s", "index": "index_load_s"}),
              ("memory (MB)", {"private": "private_mb_after", "memory-mapped files": "mapped_mb_after"}),
              ("p50 latency (ms)", {"vector search": "vector_search_ms", "hybrid search": "hybrid_search_ms",
                                    "/ask": "ask_ms"})]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    for axis, (title, series) in zip(axes, panels):
        for label, key in series.items():
            values = [figures[name][key] for name in names]
            axis.plot(chunks, [v[0] if isinstance(v, list) else v for v in values], marker="o", label=label)
        axis.set_xscale("log")
        axis.set_xlabel("chunks")
        axis.set_title(title)
        axis.legend(fontsize=8)
        axis.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
