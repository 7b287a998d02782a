"""Sentence spans and the word tokens that keyword search and answer scoring share."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import pysbd
import Stemmer
from pysbd.between_punctuation import BetweenPunctuation
from pysbd.languages import Language
from pysbd.processor import Processor

from .deadline import check

# Words that carry no topic: common function words plus the words questions are made of.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom whose why will
    with would you your yours yourself yourselves s t don
    according many much kind type one else""".split()
)

MAX_ANSWER_CHARS = 300  # an answer is one sentence, trimmed to this around its best part
MAX_SENTENCE_CHARS = 600  # a longer run without a sentence end is cut into pieces this long at most
SPLITTER_CHARS = 1000  # what the sentence splitter reads at once
_SENTENCE_BREAKS = (". ", "? ", "! ", "; ", ", ", " ")
_CLAUSE_BREAKS = ("; ", ", ", ": ", " – ", " - ", " ")

# One greedy class: linear in Python's engine, and faster per match than RE2 (see patterns.py).
_WORD = re.compile(r"\w+")
_segmenter_lock = threading.Lock()
_ENGLISH = Language.get_language_code("en")
# A sentence end followed by more words: where pysbd may have kept a quotation's sentences together.
_INNER_END = re.compile(r"[.?!][\"”]? +\S")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


class _QuotationsOpen(BetweenPunctuation):
    """pysbd's rules for what lies between punctuation, but for double quotation marks, whose sentences it
    keeps together: news quotes run over several sentences, each said by someone (see `_split_quoted`)."""

    def sub_punctuation_between_double_quotes(self, txt: str) -> str:
        return txt

    def sub_punctuation_between_quotes_slanted(self, txt: str) -> str:
        return txt


class _QuotationSplitter(Processor):
    def between_punctuation_processor(self, txt: str) -> BetweenPunctuation:
        return _QuotationsOpen(txt)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a line break always ends one, since news paragraphs are often lines.

    Web text holds "sentences" of thousands of characters with no full stop (menus, lists, tables): one
    longer than MAX_SENTENCE_CHARS is cut at its clause or word boundaries, so that rules, the model, an
    answer and a passage each see a bounded piece.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        check()
        for start, end in _line_sentences(line):
            for a, b in _windows(line, start, end, MAX_SENTENCE_CHARS, _CLAUSE_BREAKS):
                spans.append((offset + a, offset + b))
        offset += len(line) + 1
    return spans


def _line_sentences(line: str) -> list[tuple[int, int]]:
    """Sentences of one line by pysbd, whose time grows with the square of its input: it reads the line
    in pieces of at most SPLITTER_CHARS, cut after a sentence end where there is one."""
    spans: list[tuple[int, int]] = []
    for piece_start, piece_end in _windows(line, 0, len(line), SPLITTER_CHARS, _SENTENCE_BREAKS):
        piece = line[piece_start:piece_end]
        if not piece.strip():
            continue
        # pysbd's processor alone: `Segmenter.segment` then finds each sentence again by a regular
        # expression compiled for it, which took half the splitting time; `_found` does that job.
        with _segmenter_lock:  # one segmenter for all threads; pysbd makes no promise about threads
            pieces = _segmenter().processor(piece).process()
        spans += [part for a, b in _found(piece, pieces)
                  for part in _split_quoted(line, piece_start + a, piece_start + b)]
    return _closing_marks_back(line, spans)


def _found(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    """Where the splitter's sentences lie in the text it was given, in order."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sentences:
        sentence = sentence.strip()
        if not sentence:
            continue
        start = text.find(sentence, cursor)
        if start < 0:  # the splitter altered the text; fall back to the rest of it
            start = cursor
            sentence = text[cursor:].strip()
        end = start + len(sentence)
        spans.append((start, end))
        cursor = end
    if text[cursor:].strip() and spans:  # what the splitter left over belongs to the last sentence
        spans[-1] = (spans[-1][0], len(text.rstrip()))
    return spans


def _split_quoted(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of a quotation that pysbd keeps as one: 'He said: "We lost. It hurts." Then he left.'
    is three, since each sentence of a quotation may be someone else's words. A piece going on in lower
    case ('"We lost." he said.') stays with the one before."""
    sentence = line[start:end]
    if not ('"' in sentence or "“" in sentence) or not _INNER_END.search(sentence):
        return [(start, end)]
    with _segmenter_lock:
        pieces = _QuotationSplitter(sentence, _ENGLISH).process()
    spans: list[tuple[int, int]] = []
    for a, b in _closing_marks_back(sentence, _found(sentence, pieces)):
        if spans and not sentence[a].isupper() and sentence[a] not in '"“':
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return [(start + a, start + b) for a, b in spans]


def _closing_marks_back(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with a quotation mark that closes the sentence before (alone, or before a space) moved
    back to it: '"We lost.' + '" Then he left.' is '"We lost."' + 'Then he left.'."""
    mended: list[tuple[int, int]] = []
    for a, b in spans:
        if mended and text[a] in '"”' and (a + 1 == b or text[a + 1].isspace()):
            mended[-1] = (mended[-1][0], a + 1)
            a += 1 + len(text[a + 1:b]) - len(text[a + 1:b].lstrip())
            if a >= b:
                continue
        mended.append((a, b))
    return mended


def _windows(text: str, start: int, end: int, limit: int, breaks: tuple[str, ...]) -> list[tuple[int, int]]:
    """[start, end) as consecutive stripped spans of at most `limit` characters, each cut after the last of
    `breaks` (the first kind found wins) in the second half of its window, else at `limit`.

    Each window is searched once, so the work is linear in the text."""
    windows = []
    while end - start > limit:
        cut = start + limit
        for mark in breaks:
            found = text.rfind(mark, start + limit // 2, start + limit)
            if found >= 0:
                cut = found + len(mark)
                break
        windows.append((start, cut))
        start = cut
    windows.append((start, end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b - len(text[a:b]) + len(text[a:b].rstrip()))
            for a, b in windows if text[a:b].strip()]


def clean(text: str) -> str:
    """Text a tokenizer can read: lone surrogates (valid in JSON, not in UTF-8) become U+FFFD."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def words(text: str) -> list[str]:
    """Lower-cased word tokens without accents, so that "Beyonce" finds "Beyoncé"."""
    text = text.lower()
    if not text.isascii():  # most news text is: skip the per-character work
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _WORD.findall(text)


# British spellings written the American way before stemming, so that either finds the other.
_AMERICAN = {
    "labour": "labor", "colour": "color", "favour": "favor", "honour": "honor", "behaviour": "behavior",
    "neighbour": "neighbor", "harbour": "harbor", "rumour": "rumor", "humour": "humor", "vigour": "vigor",
    "defence": "defense", "offence": "offense", "licence": "license", "centre": "center", "theatre": "theater",
    "metre": "meter", "litre": "liter", "fibre": "fiber", "programme": "program", "catalogue": "catalog",
    "dialogue": "dialog", "analyse": "analyze", "paralyse": "paralyze", "tyre": "tire", "grey": "gray",
    "cheque": "check", "jewellery": "jewelry", "aluminium": "aluminum", "travelled": "traveled",
    "travelling": "traveling", "cancelled": "canceled", "cancelling": "canceling", "modelling": "modeling",
    "fulfil": "fulfill", "enrol": "enroll", "sceptical": "skeptical", "manoeuvre": "maneuver",
}
_AMERICAN_ENDINGS = (("isation", "ization"), ("isations", "izations"), ("ised", "ized"), ("ising", "izing"),
                     ("ises", "izes"), ("ise", "ize"), ("yse", "yze"), ("ysed", "yzed"))
# "-ise" words that are not the British "-ize": left as they are
_NOT_IZE = frozenset("""advertise advise arise chastise circumcise comprise compromise concise demise despise devise
    disguise enterprise excise exercise expertise franchise improvise incise merchandise noise otherwise paradise
    precise premise promise raise revise rise supervise surmise surprise televise treatise wise""".split())


def american(word: str) -> str:
    """The American spelling of a British-spelt word ("organise" -> "organize"), else the word."""
    if word in _AMERICAN:
        return _AMERICAN[word]
    for british, us in _AMERICAN_ENDINGS:
        if word.endswith(british) and len(word) > len(british) + 2:
            stem = word[: -len(british)]
            if stem + "ise" not in _NOT_IZE and not any(word.endswith(w) for w in ("wise", "rise", "cise")):
                return stem + us
            return word
    return word


def compounds(text: str) -> list[str]:
    """Hyphenated words written closed ("pre-condition" -> "precondition"), so that either finds the other."""
    if "-" not in text:
        return []
    return ["".join(parts) for token in text.split() if "-" in token
            for parts in [words(token)] if len(parts) > 1]


def terms(text: str) -> list[str]:
    """Stemmed content words: the vocabulary of keyword search and of answer scoring.

    A hyphenated word also counts written closed, British spellings count as American ones, and a stem
    ending in "-ian" loses its "n", so that a people meets its country (Syrian, Syria).
    """
    return _stems(words(text)) + _stems(compounds(text))


def _stems(tokens: list[str]) -> list[str]:
    return [_stem(w) for w in tokens if w not in STOPWORDS]


@lru_cache(maxsize=1 << 17)  # a news vocabulary repeats: each word is respelt and stemmed once
def _stem(word: str) -> str:
    stem = _stemmer().stemWord(american(word))
    return stem[:-1] if stem.endswith("ian") else stem


def keyword_terms(text: str) -> list[str]:
    """Terms plus each pair of neighbouring terms, so that keyword search rewards phrases kept together."""
    single = _stems(words(text))
    return single + _stems(compounds(text)) + [pair_term(a, b) for a, b in zip(single, single[1:])]


def pair_term(first: str, second: str) -> str:
    """The keyword term of two neighbouring terms ("pre_condit" for "pre-condition")."""
    return f"{first}_{second}"
