"""Builds an index from articles and swaps it in atomically, so a reader never sees half of one."""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
from tqdm import tqdm

from . import __version__
from .attribution import same_names_everywhere, speakers
from .chunking import chunk_article, chunk_key
from .config import Settings
from .corpus import Article, load_articles
from .deadline import time_budget
from .embedder import Embedder, normalize
from .errors import IndexNotReady, IndexUnusable, NoArticles, NotFound, OutOfTime, QAError
from .furniture import furniture_spans, kept_regions
from .store import Corpus, FaissStore, Store
from .store.articles import ArticleTable
from .store.faiss import FILES as STORE_FILES
from .text import keyword_terms, sentence_spans

log = logging.getLogger(__name__)

FORMAT = 4
MANIFEST = "manifest.json"
LOCK = ".lock"
EMBED_BATCH = 256  # texts per progress-bar step; the model batches within it


@dataclass(frozen=True)
class BuildResult:
    path: Path
    articles: int
    chunks: int
    sentences: int
    seconds: float
    up_to_date: bool = False
    embedded: int = 0  # chunks that went through the model; the rest came from the previous index


def build_index(
    sources: Iterable[str | Path],
    index_dir: str | Path,
    settings: Settings,
    embedder_factory: Callable[[], Embedder],
    force: bool = False,
    reuse: bool = True,
    share: bool = True,
) -> BuildResult:
    """Index every article under `sources` into `index_dir`, unless the index there is already current.

    A chunk is embedded once per build, however many articles carry it (`share=False` embeds every copy),
    and a chunk the index already holds keeps its vector (`reuse=False` embeds all again); articles no
    longer under `sources` leave the index.
    """
    articles = load_articles(sources, settings.file_timeout)
    if not articles:
        raise NoArticles(f"no readable articles (.txt, .md, .jsonl, .html) under {', '.join(map(str, sources))}")
    if settings.store:
        from . import pgindex

        return pgindex.sync(articles, settings, embedder_factory, reuse)
    with index_lock(index_dir):
        return write_index(articles, index_dir, settings, embedder_factory, force, reuse, share)


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


def remove_articles(paths: Iterable[str], index_dir: str | Path, settings: Settings) -> BuildResult:
    """Take articles out of an index without embedding anything."""
    if settings.store:
        from . import pgindex

        return pgindex.remove(set(paths), settings)
    with index_lock(index_dir):
        return _remove(set(paths), index_dir, settings)


def _remove(paths: set[str], index_dir: str | Path, settings: Settings) -> BuildResult:
    store = _open_files(index_dir, settings)
    unknown = {path for path in paths if store.corpus.articles.number(path) is None}
    if unknown:
        raise NotFound(f"not in the index: {', '.join(sorted(unknown))}")
    remaining = [a for a in store.corpus.articles if a.path not in paths]
    if not remaining:
        raise NoArticles("that would leave the index empty; delete the index folder instead")

    def no_model() -> Embedder:
        raise AssertionError("removing articles never embeds")

    return write_index(remaining, index_dir, settings, no_model)


def add_article(article: Article, index_dir: str | Path, settings: Settings,
                embedder_factory: Callable[[], Embedder]) -> BuildResult:
    """Add an article to an index, or replace the one with its path; only it is embedded."""
    if settings.store:
        from . import pgindex

        return pgindex.add(article, settings, embedder_factory)
    with index_lock(index_dir):
        kept = [a for a in _open_files(index_dir, settings).corpus.articles if a.path != article.path]
        return write_index(kept + [article], index_dir, settings, embedder_factory)


def write_index(articles: list[Article], index_dir: str | Path, settings: Settings,
                embedder_factory: Callable[[], Embedder], force: bool = False, reuse: bool = True,
                share: bool = True) -> BuildResult:
    """Write `articles` as the index in `index_dir`: a new generation, then the manifest swapped atomically."""
    started = time.perf_counter()
    index_dir = Path(index_dir)
    try:
        current = read_manifest(index_dir, missing_ok=True)
    except IndexUnusable:
        current = None  # a damaged index is simply replaced
    if current and not force and _is_current(current, index_dir, articles, settings):
        counts = current["counts"]
        return BuildResult(index_dir, counts["articles"], counts["chunks"], counts["sentences"],
                           time.perf_counter() - started, up_to_date=True)

    corpus = cut_corpus(articles, settings)
    previous = _previous_store(index_dir, settings) if reuse else None
    chunk_vectors, sentence_vectors, embedded = embed_corpus(embedder_factory, corpus, previous, share)
    chunk_terms = [keyword_terms(corpus.articles[row[0]].title + "\n" + corpus.chunk_text(i))
                   for i, row in enumerate(corpus.chunks)]
    manifest = make_manifest(corpus, settings, chunk_vectors.shape[1])

    hashes = corpus.articles.hashes()
    publish(index_dir, manifest, lambda folder: FaissStore.write(
        folder, corpus, chunk_vectors, sentence_vectors, chunk_terms, hashes))
    return BuildResult(index_dir, len(corpus.articles), len(corpus.chunks), len(corpus.sentences),
                       time.perf_counter() - started, embedded=embedded)


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


def _previous_store(index_dir: Path, settings: Settings) -> FaissStore | None:
    """The index already there, if its vectors can be reused: same model, same chunking, readable."""
    try:
        return _open_files(index_dir, settings)
    except QAError:
        return None


def cut_corpus(articles: list[Article], settings: Settings) -> Corpus:
    """Split every article into sentences and chunks, with spans into its text.

    Page furniture (see furniture.py), judged across all of `articles`, is left out of the sentences, and a
    chunk never spans a furniture line: it stays in the text but is never searched, shown or quoted.
    An article that takes longer than `settings.file_timeout` is left out with a warning naming it, so one
    pathological page never stalls a build."""
    furniture = furniture_spans(articles)
    kept: list[Article] = []
    chunks: list[tuple] = []
    sentences: list[tuple] = []
    said_by: list[str | None] = []
    offsets = [0]
    with tqdm(articles, desc="reading", unit="article", disable=None, leave=False) as bar:
        for article, around in zip(bar, furniture):
            bar.set_postfix_str(article.path, refresh=False)
            try:
                with time_budget(settings.file_timeout, f"{article.path}: skipped, not cut into sentences within "
                                 f"{settings.file_timeout:g} s (QA_FILE_TIMEOUT)"):
                    spans, speaking, breaks = _cut_article(article, around)
            except OutOfTime as exc:
                log.warning("%s", exc.message)
                continue
            number = len(kept)
            kept.append(article)
            sentences.extend((number, start, end) for start, end in spans)
            said_by.extend(speaking)
            offsets.append(len(sentences))
            for c in chunk_article(number, article.text, spans, settings.chunk_words, settings.chunk_overlap, breaks):
                chunks.append((c.article, c.ordinal, c.start, c.end, c.first_sentence, c.last_sentence))
    if not kept:
        raise NoArticles("no article could be cut into sentences in time")
    return Corpus(kept, np.array(chunks, dtype=np.int32).reshape(-1, 6),
                  np.array(sentences, dtype=np.int32).reshape(-1, 3), np.array(offsets, dtype=np.int32),
                  same_names_everywhere(said_by))


def _cut_article(article: Article, furniture: list[tuple[int, int]] = ()
                 ) -> tuple[list[tuple[int, int]], list[str | None], frozenset[int]]:
    """An article's sentence spans outside its furniture, who says each, and the sentences a furniture
    line separates from the one before (where a chunk must end)."""
    text = article.text
    spans, breaks = [], set()
    for start, end in kept_regions(text, furniture):  # the whole text when it has no furniture
        if spans:
            breaks.add(len(spans))
        # a region of only whitespace-free symbols still deserves one sentence
        found = sentence_spans(text[start:end]) or [(0, end - start)]
        spans.extend((start + a, start + b) for a, b in found)
    return spans, speakers([text[start:end] for start, end in spans]), frozenset(breaks)


def embed_corpus(embedder_factory: Callable[[], Embedder], corpus: Corpus,
                 previous: FaissStore | None = None, share: bool = True) -> tuple[np.ndarray, np.ndarray, int]:
    """Chunk vectors, sentence vectors read in the context of their chunks, and how many chunks went
    through the model.

    What one forward pass reads is a chunk's text and its sentences' spans in it (its key, see
    `chunk_key`): chunks with the same key get the same vectors, so each key is embedded once
    (`share=False` embeds every chunk, for comparison). A chunk whose key `previous` holds takes its vector
    from there, whatever article it came from, and so does a sentence whose chunks all have the keys, and
    the places in them, that one of `previous`'s sentences had. The model is only loaded when something
    is new.
    """
    keys = chunk_keys(corpus)
    old_chunks, old_sentences = _previous_keys(previous)
    signatures = sentence_signatures(corpus, keys) if old_sentences else []
    sentence_from = {s: old_sentences[sig] for s, sig in enumerate(signatures) if sig in old_sentences}
    resolved = np.zeros(len(corpus.sentences), dtype=bool)
    resolved[list(sentence_from)] = True
    groups: dict[bytes | int, list[int]] = {}  # chunks that go through the model, one pass per group
    reused: list[int] = []
    for chunk, key in enumerate(keys):
        if key in old_chunks and resolved[corpus.chunk_sentences(chunk)].all():
            reused.append(chunk)
        else:
            groups.setdefault(key if share else chunk, []).append(chunk)
    dimension = previous.manifest["dimension"] if previous else None
    embedder = embedder_factory() if groups or dimension is None else None
    dimension = embedder.dimension if embedder else dimension
    chunk_vectors = np.zeros((len(corpus.chunks), dimension), dtype=np.float32)
    sentence_sums = np.zeros((len(corpus.sentences), dimension), dtype=np.float32)
    if reused:
        chunk_vectors[reused] = previous.chunk_vectors([old_chunks[keys[c]] for c in reused])
    passes = list(groups.values())
    with tqdm(total=len(passes), desc="embedding", unit="chunk", disable=None, leave=False) as bar:
        for start in range(0, len(passes), EMBED_BATCH):
            batch = passes[start : start + EMBED_BATCH]
            ids = [members[0] for members in batch]
            texts = [corpus.chunk_text(i) for i in ids]
            vectors, per_chunk = embedder.encode_passages(texts, [_sentence_spans_in_chunk(corpus, i) for i in ids])
            for members, vector, sentence_vectors in zip(batch, vectors, per_chunk):
                for chunk in members:
                    chunk_vectors[chunk] = vector
                    sentence_sums[list(corpus.chunk_sentences(chunk))] += sentence_vectors
            bar.update(len(ids))
    missing = np.flatnonzero(~resolved & ~sentence_sums.any(axis=1))
    if len(missing):  # beyond the model's length limit inside every chunk: embed on their own, once a text
        embedder = embedder or embedder_factory()
        texts = [corpus.sentence_text(i) for i in missing]
        row = {text: n for n, text in enumerate(dict.fromkeys(texts))} if share else None
        vectors = embedder.encode(list(row) if share else texts)
        sentence_sums[missing] = vectors[[row[t] for t in texts]] if share else vectors
    sentence_vectors = normalize(sentence_sums)
    if sentence_from:
        sentence_vectors[list(sentence_from)] = previous.sentence_vectors(list(sentence_from.values()))
    return chunk_vectors, sentence_vectors, len(passes)


def chunk_keys(corpus: Corpus) -> list[bytes]:
    """The key of every chunk (see `chunk_key`), reading each article's text once."""
    keys, current, text = [], -1, ""
    sentences, offsets = np.asarray(corpus.sentences), np.asarray(corpus.sentence_offsets)
    for article, _, start, end, first, last in np.asarray(corpus.chunks).tolist():
        if article != current:
            current, text = article, corpus.articles[article].text
        base = int(offsets[article])
        keys.append(chunk_key(text[start:end], sentences[base + first : base + last, 1:] - start))
    return keys


def sentence_signatures(corpus: Corpus, keys: list[bytes]) -> list[bytes]:
    """For every sentence, a digest of the keys of the chunks that hold it and its place in each: all its
    vector depends on, so two sentences with the same signature have the same vector."""
    cover: list[list[tuple[bytes, int]]] = [[] for _ in range(len(corpus.sentences))]
    offsets = np.asarray(corpus.sentence_offsets)
    for chunk, (article, _, _, _, first, last) in enumerate(np.asarray(corpus.chunks).tolist()):
        base = int(offsets[article])
        for place, sentence in enumerate(range(base + first, base + last)):
            cover[sentence].append((keys[chunk], place))
    return [hashlib.blake2b(b"".join(key + place.to_bytes(4, "little") for key, place in sorted(found)),
                            digest_size=16).digest() for found in cover]


def _previous_keys(previous: FaissStore | None) -> tuple[dict[bytes, int], dict[bytes, int]]:
    """Where `previous` holds each chunk key, and each sentence signature."""
    if previous is None:
        return {}, {}
    keys = chunk_keys(previous.corpus)
    chunks = {key: chunk for chunk, key in reversed(list(enumerate(keys)))}
    sentences = {sig: s for s, sig in reversed(list(enumerate(sentence_signatures(previous.corpus, keys))))}
    return chunks, sentences


def _sentence_spans_in_chunk(corpus: Corpus, chunk: int) -> list[tuple[int, int]]:
    chunk_start = corpus.chunks[chunk][2]
    return [(int(corpus.sentences[s][1] - chunk_start), int(corpus.sentences[s][2] - chunk_start))
            for s in corpus.chunk_sentences(chunk)]


def read_manifest(index_dir: str | Path, missing_ok: bool = False) -> dict | None:
    path = Path(index_dir) / MANIFEST
    if not path.exists():
        if missing_ok:
            return None
        raise IndexNotReady(f"no index at {index_dir}: build one with `qa index PATH --index {index_dir}`")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["generation"], manifest["counts"], manifest["model"]  # noqa: B018 - fields it must have
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexUnusable(f"manifest at {path} is damaged ({exc}); rebuild the index") from None
    if manifest.get("format") != FORMAT:
        raise IndexUnusable(f"index at {index_dir} has format {manifest.get('format')}, this qa reads {FORMAT};"
                            " rebuild it")
    return manifest


def open_store(index_dir: str | Path, settings: Settings) -> Store:
    """Load a built index (from `settings.store` when that names a database), refusing one built with
    another model or other chunking settings."""
    if settings.store:
        from .store.postgres import PostgresStore

        return PostgresStore.load(settings.store, settings)
    return _open_files(index_dir, settings)


def _open_files(index_dir: str | Path, settings: Settings) -> FaissStore:
    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    mismatch = settings.mismatch(manifest)
    if mismatch:
        raise IndexUnusable(f"index at {index_dir} {mismatch}")
    return FaissStore.load(index_dir / manifest["generation"], manifest)


def _is_current(manifest: dict, index_dir: Path, articles: list[Article], settings: Settings) -> bool:
    folder = index_dir / str(manifest.get("generation"))
    if not (manifest.get("format") == FORMAT and not settings.mismatch(manifest)
            and all((folder / name).exists() for name in STORE_FILES)):
        return False
    try:
        held = ArticleTable(folder / "articles.sqlite")
        indexed = dict(zip((entry["path"] for entry in held.catalogue()), held.hashes()))
    except (sqlite3.Error, QAError):
        return False
    return indexed == {a.path: a.content_hash for a in articles}


def make_manifest(corpus: Corpus, settings: Settings, dimension: int) -> dict:
    return {
        "format": FORMAT,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "model": settings.model,
        "dimension": int(dimension),
        "chunking": settings.chunking(),
        "store": "faiss",
        "versions": _versions(),
        "counts": {"articles": len(corpus.articles), "chunks": len(corpus.chunks), "sentences": len(corpus.sentences)},
    }


def _versions() -> dict[str, str]:
    versions = {"qa": __version__}
    for package in ("sentence-transformers", "faiss-cpu", "bm25s", "torch"):
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
