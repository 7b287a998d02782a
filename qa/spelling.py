"""Did you mean: a speaker's name misspelt in a question ("Lavorv"), or written in small letters ("what did
lavrov say"), read as the name the articles use."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import cache

from .attribution import asked_names, surname
from .store import Corpus
from .text import terms

# How alike a misspelt surname and a known one must be (difflib's ratio): one or two letters off in a
# name of six ("Lavorv" / "Lavrov" is 0.83), not a different name of the same length ("Brown" / "Green").
ALIKE = 0.8
# A word in small letters, and the "'s" after it: one token, linear by construction.
_SMALL_WORD = re.compile(r"\b(?P<word>[a-z][a-z-]*)(?P<own>['’]s)?\b")


def with_capitalised_names(question: str, corpus: Corpus, knows: Callable[[str], bool]) -> str:
    """The question with a known speaker's surname written in small letters (or misspelt so, and then no
    word the articles hold: see with_known_names) as the articles write it, where the question then asks
    for that person's words ("what did lavrov say about it", "lavorv"); as it is otherwise ("which court
    believes" stays)."""
    known = corpus.speakers.surnames

    @cache  # each word is looked up once, though the question is written out twice
    def spelt(word: str) -> str:
        """The articles' spelling of the surname a word in small letters may be, or ""."""
        stems = terms(word)  # none for "about", "his": no name
        if word not in known and stems and not any(knows(stem) for stem in stems):
            word = next(iter(difflib.get_close_matches(word, known, n=1, cutoff=ALIKE)), word)
        spelling = corpus.speakers.spelling(word) if word in known else ""
        return spelling if spelling[:1].isupper() else ""

    def capitalised(match: re.Match, only: set[str] | None = None) -> str:
        spelling = spelt(match.group("word"))
        if not spelling or only is not None and surname(spelling) not in only:
            return match.group(0)
        return spelling + (match.group("own") or "")

    asked = {surname(name) for name in asked_names(question, words_only=True)}
    new = {surname(name) for name in asked_names(_SMALL_WORD.sub(capitalised, question), words_only=True)} - asked
    return _SMALL_WORD.sub(lambda match: capitalised(match, new), question) if new else question


def with_known_names(question: str, corpus: Corpus, knows: Callable[[str], bool]) -> str:
    """The question with each asked-about speaker no article knows renamed to the closest one that does;
    a word the articles hold (`knows`, the store's) is not misspelt: "defeat by Spain" is not Safin."""
    known = corpus.speakers.surnames
    for name in asked_names(question):
        written = name.split()[-1]
        key = surname(name)
        if key in known or any(knows(term) for term in terms(written)):
            continue
        match = difflib.get_close_matches(key, known, n=1, cutoff=ALIKE)
        if match:
            question = question.replace(written, corpus.speakers.spelling(match[0]), 1)
    return question
