"""Writes the file store: a new generation in the index folder, then the manifest swapped atomically, so a
reader never sees half of one."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import bm25s
import faiss
import numpy as np

from ... import __version__
from ...config import Settings
from ...corpus import Article
from ...errors import IndexUnusable, NoArticles, NotFound, QAError
from ...pipeline import chunk_terms, cut_corpus, embed_corpus
from ..base import BM25_B, BM25_K1, BuildResult, Corpus, EmbedderFactory, Speakers, Writer
from .articles import ArticleTable
from .layout import FILES, FORMAT, LOCK, MANIFEST, read_manifest
from .reader import FaissStore

# Below this many chunks search is exact; above it, an inverted file of 8-bit scalar-quantised vectors
# (a quarter of the memory) that probes enough lists to find 95% or more of the exact top ten.
EXACT_UP_TO = 50_000
PROBED_LISTS = 32


class FilesWriter(Writer):
    def __init__(self, index_dir: Path, settings: Settings, open_store: Callable[..., FaissStore]):
        self.index_dir, self.settings, self._open = index_dir, settings, open_store

    def sync(self, articles: list[Article], embedder_factory: EmbedderFactory, force: bool = False,
             reuse: bool = True, share: bool = True) -> BuildResult:
        with index_lock(self.index_dir):
            return self._write(articles, embedder_factory, force, reuse, share)

    def add(self, article: Article, embedder_factory: EmbedderFactory) -> BuildResult:
        with index_lock(self.index_dir):
            kept = [a for a in self._open().corpus.articles if a.path != article.path]
            return self._write(kept + [article], embedder_factory)

    def remove(self, paths: set[str]) -> BuildResult:
        with index_lock(self.index_dir):
            store = self._open()
            unknown = {path for path in paths if store.corpus.articles.number(path) is None}
            if unknown:
                raise NotFound(f"not in the index: {', '.join(sorted(unknown))}")
            remaining = [a for a in store.corpus.articles if a.path not in paths]
            if not remaining:
                raise NoArticles("that would leave the index empty; delete the index folder instead")

            def no_model():
                raise AssertionError("removing articles never embeds")

            return self._write(remaining, no_model)

    def _write(self, articles: list[Article], embedder_factory: EmbedderFactory, force: bool = False,
               reuse: bool = True, share: bool = True) -> BuildResult:
        started = time.perf_counter()
        try:
            current = read_manifest(self.index_dir, missing_ok=True)
        except IndexUnusable:
            current = None  # a damaged index is simply replaced
        if current and not force and self._is_current(current, articles):
            counts = current["counts"]
            return BuildResult(str(self.index_dir), counts["articles"], counts["chunks"], counts["sentences"],
                               time.perf_counter() - started, up_to_date=True)

        corpus = cut_corpus(articles, self.settings)
        previous = self._previous() if reuse else None
        chunk_vectors, sentence_vectors, embedded = embed_corpus(embedder_factory, corpus, previous, share)
        manifest = make_manifest(corpus, self.settings, chunk_vectors.shape[1])
        terms = chunk_terms(corpus)
        hashes = corpus.articles.hashes()
        publish(self.index_dir, manifest, lambda folder: write_generation(
            folder, corpus, chunk_vectors, sentence_vectors, terms, hashes))
        return BuildResult(str(self.index_dir), len(corpus.articles), len(corpus.chunks), len(corpus.sentences),
                           time.perf_counter() - started, embedded=embedded)

    def _previous(self) -> FaissStore | None:
        """The index already there, if its vectors can be reused: same model and precision, readable."""
        try:
            return self._open(vectors_only=True)
        except QAError:
            return None

    def _is_current(self, manifest: dict, articles: list[Article]) -> bool:
        folder = self.index_dir / str(manifest.get("generation"))
        if not (manifest.get("format") == FORMAT and not self.settings.mismatch(manifest)
                and all((folder / name).exists() for name in FILES)):
            return False
        try:
            held = ArticleTable(folder / "articles.sqlite")
            indexed = dict(zip((entry["path"] for entry in held.catalogue()), held.hashes()))
        except (sqlite3.Error, QAError):
            return False
        return indexed == {a.path: a.content_hash for a in articles}


@contextmanager
def index_lock(index_dir: str | Path) -> Iterator[None]:
    """One writer at a time per index, across processes (`qa index`, every server worker)."""
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(index_dir) / LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_generation(folder: Path, corpus: Corpus, chunk_vectors: np.ndarray, sentence_vectors: np.ndarray,
                     chunk_terms: list[list[str]], hashes: list[str]) -> None:
    """Write every file of a store into an empty folder."""
    ArticleTable.write(folder / "articles.sqlite", corpus.articles, hashes)
    Speakers.of(corpus.speakers).save(folder)
    np.save(folder / "chunks.npy", corpus.chunks)
    np.save(folder / "sentences.npy", corpus.sentences)
    np.save(folder / "sentence_offsets.npy", corpus.sentence_offsets)
    faiss.write_index(vector_index(chunk_vectors), str(folder / "chunks.faiss"))
    np.save(folder / "chunk_vectors.npy", chunk_vectors)
    np.save(folder / "sentence_vectors.npy", sentence_vectors)
    bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
    bm25.index(chunk_terms, show_progress=False)
    bm25.save(str(folder / "bm25"), show_progress=False)


def vector_index(vectors: np.ndarray) -> faiss.Index:
    """An inner-product index over unit vectors, chosen by size (see bench/scale.py for the figures)."""
    count, dimension = vectors.shape
    if count <= EXACT_UP_TO:
        index = faiss.IndexFlatIP(dimension)
        index.add(vectors)
        return index
    lists = int(4 * np.sqrt(count))
    quantizer = faiss.IndexFlatIP(dimension)
    index = faiss.IndexIVFScalarQuantizer(quantizer, dimension, lists, faiss.ScalarQuantizer.QT_8bit,
                                          faiss.METRIC_INNER_PRODUCT)
    sample = vectors[np.random.default_rng(0).choice(count, min(count, 64 * lists), replace=False)]
    index.train(sample)
    index.add(vectors)
    index.nprobe = PROBED_LISTS
    return index


def publish(index_dir: Path, manifest: dict, write_files: Callable[[Path], None]) -> None:
    """Write a new generation with `write_files(folder)`, flush it to disk, then point the manifest at it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=index_dir))
    try:
        write_files(staging)
        _fsync_tree(staging)
        generation = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{staging.name[-6:]}"
        os.rename(staging, index_dir / generation)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _write_json_atomically(index_dir / MANIFEST, {**manifest, "generation": generation})
    _remove_other_generations(index_dir, keep=generation)


def make_manifest(corpus: Corpus, settings: Settings, dimension: int) -> dict:
    return {
        "format": FORMAT,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "model": settings.model,
        "precision": settings.precision,
        "dimension": int(dimension),
        "chunking": settings.chunking(),
        "store": "faiss",
        "versions": _versions(),
        "counts": {"articles": len(corpus.articles), "chunks": len(corpus.chunks), "sentences": len(corpus.sentences)},
    }


def _versions() -> dict[str, str]:
    versions = {"qa": __version__}
    for package in ("sentence-transformers", "faiss-cpu", "bm25s", "torch", "onnxruntime"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    return versions


def _write_json_atomically(path: Path, data: dict) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    _fsync_dir(path.parent)


def _fsync_tree(folder: Path) -> None:
    for root, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                os.fsync(f.fileno())
        _fsync_dir(Path(root))


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_other_generations(index_dir: Path, keep: str) -> None:
    """Older generations and builds that were killed part-way are garbage once the manifest moved on."""
    for entry in index_dir.iterdir():
        if entry.is_dir() and entry.name != keep and entry.name.startswith(("gen-", ".building-")):
            shutil.rmtree(entry, ignore_errors=True)
