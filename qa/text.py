"""Sentence spans and the word tokens that keyword search and answer scoring share."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import pysbd
import Stemmer

# Words that carry no topic: common function words plus the words questions are made of.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom whose why will
    with would you your yours yourself yourselves s t don
    according many much kind type one""".split()
)

MAX_ANSWER_CHARS = 300  # an answer is one sentence, trimmed to this around its best part

_WORD = re.compile(r"\w+", re.UNICODE)
_segmenter_lock = threading.Lock()


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break always ends one, since news paragraphs are often lines."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            with _segmenter_lock:  # pysbd keeps state between calls
                pieces = _segmenter().segment(line)
            cursor = 0
            for piece in pieces:
                piece = piece.strip()
                if not piece:
                    continue
                start = line.find(piece, cursor)
                if start < 0:  # the splitter altered the text; fall back to the rest of the line
                    start = cursor
                    piece = line[cursor:].strip()
                end = start + len(piece)
                spans.append((offset + start, offset + end))
                cursor = end
            _absorb_leftover(line, cursor, offset, spans)
        offset += len(line) + 1
    return spans


def _absorb_leftover(line: str, cursor: int, offset: int, spans: list[tuple[int, int]]) -> None:
    rest = line[cursor:].strip()
    if rest and spans:
        spans[-1] = (spans[-1][0], offset + len(line.rstrip()))


def clean(text: str) -> str:
    """Text a tokenizer can read: lone surrogates (valid in JSON, not in UTF-8) become U+FFFD."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def words(text: str) -> list[str]:
    """Lower-cased word tokens without accents, so that "Beyonce" finds "Beyoncé"."""
    text = text.lower()
    if not text.isascii():  # most news text is: skip the per-character work
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _WORD.findall(text)


def terms(text: str) -> list[str]:
    """Stemmed content words: the vocabulary of keyword search and of answer scoring.

    A stem ending in "-ian" loses its "n", so that a people meets its country (Syrian, Syria).
    """
    stems = _stemmer().stemWords([w for w in words(text) if w not in STOPWORDS])
    return [s[:-1] if s.endswith("ian") else s for s in stems]


def keyword_terms(text: str) -> list[str]:
    """Terms plus each pair of neighbouring terms, so that keyword search rewards phrases kept together."""
    single = terms(text)
    return single + [f"{a}_{b}" for a, b in zip(single, single[1:])]
