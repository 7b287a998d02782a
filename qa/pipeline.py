"""The build's shared work, whatever the store: articles -> sentences and chunks -> vectors and keywords."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

import numpy as np
from tqdm import tqdm

from .attribution import same_names_everywhere, speakers
from .chunking import Chunk, chunk_article, chunk_key
from .config import Settings
from .corpus import Article
from .deadline import time_budget
from .embedder import normalize
from .errors import NoArticles, OutOfTime
from .furniture import furniture_spans, kept_regions
from .store.base import Corpus, EmbedderFactory, Store
from .text import keyword_terms, sentence_spans

log = logging.getLogger(__name__)

EMBED_BATCH = 256  # texts per progress-bar step; the model batches within it
PARALLEL_CHARS = 200_000  # below this much text, starting processes to cut it costs more than it saves


def cut_corpus(articles: list[Article], settings: Settings, workers: int | None = None) -> Corpus:
    """Split every article into sentences and chunks, with spans into its text.

    Page furniture (see furniture.py), judged across all of `articles`, is left out of the sentences, and a
    chunk never spans a furniture line: it stays in the text but is never searched, shown or quoted.
    An article that takes longer than `settings.file_timeout` is left out with a warning naming it, so one
    pathological page never stalls a build. Articles are cut by `workers` processes (default: one per
    core for a large build, see `cut_workers`)."""
    furniture = furniture_spans(articles)
    kept: list[Article] = []
    chunks: list[Chunk] = []
    sentences: list[tuple] = []
    said_by: list[str | None] = []
    offsets = [0]
    jobs = [(article.text, around, settings.file_timeout, article.path) for article, around in zip(articles, furniture)]
    workers = cut_workers(articles) if workers is None else workers
    with tqdm(total=len(articles), desc="reading", unit="article", disable=None, leave=False) as bar, \
            _mapper(workers) as mapper:
        for article, cut in zip(articles, mapper(_cut_in_time, jobs)):
            bar.update()
            if isinstance(cut, str):
                log.warning("%s", cut)
                continue
            spans, speaking, breaks = cut
            number = len(kept)
            kept.append(article)
            sentences.extend((number, start, end) for start, end in spans)
            said_by.extend(speaking)
            offsets.append(len(sentences))
            chunks.extend(chunk_article(number, article.text, spans, settings.chunk_words, settings.chunk_overlap,
                                        breaks))
    if not kept:
        raise NoArticles("no article could be cut into sentences in time")
    return Corpus(kept, np.array(chunks, dtype=np.int32).reshape(-1, 6),
                  np.array(sentences, dtype=np.int32).reshape(-1, 3), np.array(offsets, dtype=np.int32),
                  same_names_everywhere(said_by))


def cut_workers(articles: list[Article]) -> int:
    """One process per core when the articles are many enough to repay starting them, else none."""
    if sum(len(article.text) for article in articles) < PARALLEL_CHARS or not hasattr(os, "fork"):
        return 0
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def _mapper(workers: int) -> Iterator[Callable]:
    """`map`, in order, in this process or spread over `workers` forked processes (which start at once
    and share what is already loaded)."""
    if workers < 2:
        yield map
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield lambda work, jobs: pool.map(work, jobs, chunksize=4)


def _cut_in_time(job: tuple[str, list[tuple[int, int]], float, str]):
    """`_cut_article` within the file time budget; the warning to give instead when it runs out."""
    text, furniture, seconds, path = job
    try:
        with time_budget(seconds, f"{path}: skipped, not cut into sentences within {seconds:g} s (QA_FILE_TIMEOUT)"):
            return _cut_article(text, furniture)
    except OutOfTime as exc:
        return exc.message


def _cut_article(text: str, furniture: list[tuple[int, int]] = ()
                 ) -> tuple[list[tuple[int, int]], list[str | None], frozenset[int]]:
    """An article's sentence spans outside its furniture, who says each, and the sentences a furniture
    line separates from the one before (where a chunk must end)."""
    spans, breaks = [], set()
    for start, end in kept_regions(text, furniture):  # the whole text when it has no furniture
        if spans:
            breaks.add(len(spans))
        # a region of only whitespace-free symbols still deserves one sentence
        found = sentence_spans(text[start:end]) or [(0, end - start)]
        spans.extend((start + a, start + b) for a, b in found)
    # a sentence opens a paragraph where a line break comes before it
    paragraphs = {n for n, (start, _) in enumerate(spans) if not n or "\n" in text[spans[n - 1][1]:start]}
    return spans, speakers([text[start:end] for start, end in spans], paragraphs), frozenset(breaks)


def embed_corpus(embedder_factory: EmbedderFactory, corpus: Corpus, previous: Store | None = None,
                 share: bool = True) -> tuple[np.ndarray, np.ndarray, int]:
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
    for row in map(Chunk._make, np.asarray(corpus.chunks).tolist()):
        if row.article != current:
            current, text = row.article, corpus.articles[row.article].text
        base = int(offsets[row.article])
        spans = sentences[base + row.first_sentence : base + row.last_sentence, 1:] - row.start
        keys.append(chunk_key(text[row.start : row.end], spans))
    return keys


def sentence_signatures(corpus: Corpus, keys: list[bytes]) -> list[bytes]:
    """For every sentence, a digest of the keys of the chunks that hold it and its place in each: all its
    vector depends on, so two sentences with the same signature have the same vector."""
    cover: list[list[tuple[bytes, int]]] = [[] for _ in range(len(corpus.sentences))]
    offsets = np.asarray(corpus.sentence_offsets)
    for chunk, row in enumerate(map(Chunk._make, np.asarray(corpus.chunks).tolist())):
        base = int(offsets[row.article])
        for place, sentence in enumerate(range(base + row.first_sentence, base + row.last_sentence)):
            cover[sentence].append((keys[chunk], place))
    return [hashlib.blake2b(b"".join(key + place.to_bytes(4, "little") for key, place in sorted(found)),
                            digest_size=16).digest() for found in cover]


def _previous_keys(previous: Store | None) -> tuple[dict[bytes, int], dict[bytes, int]]:
    """Where `previous` holds each chunk key, and each sentence signature."""
    if previous is None:
        return {}, {}
    keys = chunk_keys(previous.corpus)
    chunks = {key: chunk for chunk, key in reversed(list(enumerate(keys)))}
    sentences = {sig: s for s, sig in reversed(list(enumerate(sentence_signatures(previous.corpus, keys))))}
    return chunks, sentences


def _sentence_spans_in_chunk(corpus: Corpus, chunk: int) -> list[tuple[int, int]]:
    chunk_start = corpus.chunk(chunk).start
    return [(row.start - chunk_start, row.end - chunk_start)
            for row in map(corpus.sentence, corpus.chunk_sentences(chunk))]


def chunk_terms(corpus: Corpus) -> list[list[str]]:
    """The keyword terms of every chunk, read with its article's title."""
    return [keyword_terms(corpus.articles[corpus.chunk(i).article].title + "\n" + corpus.chunk_text(i))
            for i in range(len(corpus.chunks))]
