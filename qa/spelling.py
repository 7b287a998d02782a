"""Did you mean: a speaker's name misspelt in a question ("Lavorv") read as the name the articles use."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from .attribution import asked_names, surname
from .store import Corpus
from .text import terms

# How alike a misspelt surname and a known one must be (difflib's ratio): one or two letters off in a
# name of six ("Lavorv" / "Lavrov" is 0.83), not a different name of the same length ("Brown" / "Green").
ALIKE = 0.8


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
