"""A million chunks end to end: an index of real texts and synthetic vectors, served, beside squad-dev's.

    .venv/bin/python bench/million.py [CHUNKS]        (default 1,000,000; the index is kept in index/million)

The articles of ../shared/eval/bbc-news and squad-dev are cut as `qa index` cuts them and repeated under
numbered paths until there are CHUNKS chunks; their vectors are unit vectors clustered around 2,000 topics
(embedding a million chunks would take hours on this machine). Then, each in a fresh process, the
squad-dev index (`make eval-squad`) and the big one are loaded and asked the same SQuAD questions:
start-up, memory, vector search, hybrid search and /ask times. Recall@10 of the chunk index is measured
against exact search of the same vectors.
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
from qa.indexer import open_store

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
    from qa.indexer import cut_corpus, make_manifest, publish
    from qa.store import Corpus, FaissStore
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

    publish(index_dir, make_manifest(corpus, settings, dimension), lambda folder: FaissStore.write(
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


def measure(index_dir: Path) -> dict:
    questions = EVAL / "squad-dev" / "questions.jsonl"
    done = subprocess.run([sys.executable, "-c", MEASURE, str(index_dir), str(questions), str(QUESTIONS)],
                          capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    if done.returncode:
        sys.exit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    big = ROOT / "index" / "million"
    small = ROOT / "index" / "squad"
    if not (small / "manifest.json").exists():
        sys.exit("build the squad-dev index first: make eval-squad")
    try:
        built = len(open_store(big, Settings.from_env()).corpus.chunks) >= target
    except QAError:
        built = False
    if not built:
        build(big, target)
    print(f"recall@10 of the chunk index against exact search: {recall_at_10(big):.3f}", flush=True)
    figures = {"squad-dev": measure(small), "million": measure(big)}
    print(f"{'':>26} {'squad-dev':>14} {'million':>16} {'ratio':>7}")
    for key in figures["million"]:
        a, b = figures["squad-dev"][key], figures["million"][key]
        ratio = (b[0] if isinstance(b, list) else b) / max(a[0] if isinstance(a, list) else a, 1e-9)
        print(f"{key:>26} {json.dumps(a):>14} {json.dumps(b):>16} {ratio:>6.1f}x")


if __name__ == "__main__":
    main()
