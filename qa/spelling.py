"""Did you mean: a speaker's name misspelt in a question ("Lavorv"), or written in small letters ("what did
lavrov say"), read as the name the articles use."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from .attribution import asked_names, surname
from .store import Corpus
from .text import terms

# How alike a misspelt surname and a known one must be (difflib's ratio): one or two letters off in a
# name of six ("Lavorv" / "Lavrov" is 0.83), not a different name of the same length ("Brown" / "Green").
ALIKE = 0.8
# A word in small letters, and the "'s" after it: one token, linear by construction.
_SMALL_WORD = re.compile(r"\b(?P<word>[a-z][a-z-]*)(?P<own>['’]s)?\b")


def with_capitalised_names(question: str, corpus: Corpus) -> str:
    """The question with a known speaker's surname written in small letters capitalised as the articles
    write it, when the question then asks for that person's words ("what did lavrov say about it"); as it
    is otherwise ("the cable was cut" stays)."""
    known = corpus.speakers.surnames

    def capitalised(match: re.Match) -> str:
        word = match.group("word")
        spelt = corpus.speakers.spelling(word) if word in known else ""
        return spelt + (match.group("own") or "") if spelt[:1].isupper() else match.group(0)

    candidate = _SMALL_WORD.sub(capitalised, question)
    if candidate == question or not {surname(name) for name in asked_names(candidate)} - set(
            surname(name) for name in asked_names(question)):
        return question
    return candidate


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
