"""Sentence-aware, overlapping windows over an article: what gets embedded and searched."""

from __future__ import annotations

import hashlib
from collections.abc import Set
from typing import NamedTuple

import numpy as np


class Chunk(NamedTuple):
    """A chunk, as a row of the corpus' chunk table."""

    article: int  # position of the article in the index
    ordinal: int  # position of the chunk within its article
    start: int  # character span in the article's text
    end: int
    first_sentence: int  # sentence range [first, last) within the article
    last_sentence: int


def chunk_article(
    article: int, text: str, sentences: list[tuple[int, int]], chunk_words: int, overlap: int,
    breaks: Set[int] = frozenset(),
) -> list[Chunk]:
    """Greedy windows of whole sentences up to `chunk_words` words, sharing `overlap` sentences.

    A window also closes at a blank-line paragraph break once it is half full, so that a chunk
    rarely mixes the end of one topic with the start of the next; it always closes before a sentence in
    `breaks` (one that page furniture separates from the sentence before), with no overlap across it.
    """
    lengths = [len(text[s:e].split()) for s, e in sentences]
    windows: list[tuple[int, int]] = []
    first = 0
    while first < len(sentences):
        last, words = first, 0
        while last < len(sentences) and (last == first or words + lengths[last] <= chunk_words):
            words += lengths[last]
            last += 1
            if last in breaks or (last < len(sentences) and words >= chunk_words // 2
                                  and _paragraph_break(text, sentences, last)):
                break
        windows.append((first, last))
        if last >= len(sentences):
            break
        first = max(last - overlap, first + 1)
        if last in breaks or _paragraph_break(text, sentences, last):
            first = last  # no overlap across paragraphs: the next topic starts clean
    return [
        Chunk(article, ordinal, sentences[a][0], sentences[b - 1][1], a, b)
        for ordinal, (a, b) in enumerate(windows)
    ]


def _paragraph_break(text: str, sentences: list[tuple[int, int]], index: int) -> bool:
    """True when a blank line separates sentence `index` from the one before it."""
    return text.count("\n", sentences[index - 1][1], sentences[index][0]) >= 2


def chunk_key(text: str, spans: list[tuple[int, int]]) -> bytes:
    """A digest of exactly what one forward pass reads: the chunk's text and its sentences' spans in it.

    Two chunks with the same key get the same chunk vector and the same sentence vectors, whichever
    article they come from, so a key already embedded (a wire copy, a paragraph an outlet repeats, a
    chunk of an earlier build) never goes through the model again."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update(np.asarray(spans, dtype=np.int64).tobytes())
    return digest.digest()
