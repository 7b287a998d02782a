"""How vector search cost grows from 10k to 100k to 1M chunks, with the index type qa picks for each size.

    .venv/bin/python bench/scale.py [SIZES...]        (default 10000 100000 1000000)

Vectors are synthetic but clustered like text embeddings (unit vectors around 2,000 topics). For each
size it prints: the index type, build time, file size, recall@10 against exact search (computed in the
same run), single-query search p50/p99, and, in a fresh process, the time to load the index file
and that process's peak memory. It also draws docs/scale.png.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np

from qa.store.files.writer import vector_index

DIMENSION = 384
TOPICS = 2000
QUERIES = 200
LOAD = """
import json, sys, time
started = time.perf_counter()
import faiss
index = faiss.read_index(sys.argv[1])
if isinstance(index, faiss.IndexIVF):
    index.make_direct_map()
load = time.perf_counter() - started
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"load_s": load, "peak_mb": peak / 1024}))
"""  # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec


def clustered(count: int, rng: np.random.Generator) -> np.ndarray:
    centers = rng.standard_normal((TOPICS, DIMENSION), dtype=np.float32)
    vectors = centers[rng.integers(0, TOPICS, count)]
    vectors += rng.standard_normal((count, DIMENSION), dtype=np.float32) * 0.9
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def measure(count: int) -> dict:
    rng = np.random.default_rng(count)
    vectors = clustered(count + QUERIES, rng)
    corpus, queries = vectors[:count], vectors[count:]
    started = time.perf_counter()
    index = vector_index(corpus)
    build = time.perf_counter() - started
    exact = faiss.IndexFlatIP(DIMENSION)
    exact.add(corpus)
    _, truth = exact.search(queries, 10)
    faiss.omp_set_num_threads(1)  # a served query runs on one thread
    timings, found = [], []
    for query in queries:
        started = time.perf_counter()
        _, ids = index.search(query.reshape(1, -1), 10)
        timings.append((time.perf_counter() - started) * 1000)
        found.append(ids[0])
    faiss.omp_set_num_threads(0)
    recall = float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth)]))
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "chunks.faiss"
        faiss.write_index(index, str(path))
        size_mb = path.stat().st_size / 2**20
        loaded = json.loads(subprocess.run([sys.executable, "-c", LOAD, str(path)], capture_output=True,
                                           text=True, check=True).stdout)
    return {"chunks": count, "index": type(index).__name__, "build_s": build, "file_mb": size_mb,
            "recall@10": recall, "search_p50_ms": float(np.percentile(timings, 50)),
            "search_p99_ms": float(np.percentile(timings, 99)), **loaded}


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chunks = [r["chunks"] for r in rows]
    figure, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    for axis, key, label in zip(axes, ("search_p50_ms", "peak_mb", "load_s"),
                                ("search p50 (ms, one thread)", "memory to load (MB)", "load time (s)")):
        axis.plot(chunks, [r[key] for r in rows], marker="o")
        axis.set_xscale("log")
        axis.set_xlabel("chunks")
        axis.set_title(label)
        axis.grid(alpha=0.3)
    figure.suptitle("qa vector search: cost by index size (exact up to 50k chunks, IVF + 8-bit SQ above)")
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    rows = []
    print(f"{'chunks':>9} {'index':>26} {'build s':>8} {'file MB':>8} {'recall@10':>9} "
          f"{'p50 ms':>7} {'p99 ms':>7} {'load s':>7} {'peak MB':>8}")
    for count in sizes:
        r = measure(count)
        rows.append(r)
        print(f"{r['chunks']:>9} {r['index']:>26} {r['build_s']:8.1f} {r['file_mb']:8.0f} {r['recall@10']:9.3f} "
              f"{r['search_p50_ms']:7.2f} {r['search_p99_ms']:7.2f} {r['load_s']:7.2f} {r['peak_mb']:8.0f}",
              flush=True)
    out = Path(__file__).resolve().parents[1] / "docs" / "scale.png"
    plot(rows, out)
    print(f"plot: {out}")


if __name__ == "__main__":
    main()
