"""The figure a sentence gives in answer to a how-many question, and other articles' differing figures."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..patterns import compile
from ..store import Store
from ..text import words
from .shapes import NUMBER_WORDS, expected_type

FIGURE_KINDS = ("count", "measure", "money")
# The ways news writes a death count: a question put in one finds the figures written in another.
DEATH_WORDS = frozenset("die died dies dead death deaths toll killed kill killing lives fatalities casualties".split())

_QUANTITY = compile(rf"\b(\d[\d,]*(?:\.\d+)?|{NUMBER_WORDS})(?:\s+(million|billion|thousand|hundred))?\b",
                    ignore_case=True)
_SMALL = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def figure(sentence: str, question_words: set[str]) -> tuple[str, float] | None:
    """The first quantity in a sentence that the question doesn't name, as written and as a number.

    A bare small number word ("two nations") is not a figure; "one million" is.
    """
    for match in _QUANTITY.finditer(sentence):
        number, scale = match.group(1).lower(), match.group(2)
        if set(words(match.group(0))) <= question_words or (number in _SMALL and not scale):
            continue
        try:
            value = float(_SMALL.get(number, number.replace(",", "")))
        except ValueError:
            continue
        return match.group(0), value * _SCALE.get((scale or "").lower(), 1)
    return None


def other_figures(question: str, ids: list[int], scores: np.ndarray, best: int, store: Store,
                  accepted: Callable[[int], bool]) -> tuple[int, ...]:
    """When other articles answer a how-many question with other figures, their sentences.

    One per article, none from an article of the same date as one already shown (a figure updated
    within a day is the same news), and only candidates the model would accept as answers themselves
    (`accepted`, by position among the candidates) or, for a death toll, that count deaths in any words.
    """
    if expected_type(question) not in FIGURE_KINDS:
        return ()
    q_words = set(words(question))
    corpus = store.corpus

    def dated_figure(sentence: int) -> tuple[float, str | None] | None:
        article = corpus.sentence_article(sentence)
        found = figure(corpus.sentence_text(sentence), q_words)
        return (found[1], article.published) if found else None

    answer = dated_figure(ids[best])
    if answer is None:
        return ()
    seen_articles = {corpus.sentence(ids[best]).article}
    seen = [answer]
    found = []
    counts_deaths = bool(q_words & DEATH_WORDS)
    for i in np.argsort(-scores):
        if not np.isfinite(scores[i]):
            continue
        if not accepted(int(i)) and not (counts_deaths and set(words(corpus.sentence_text(ids[i]))) & DEATH_WORDS):
            continue
        article = corpus.sentence(ids[i]).article
        rival = dated_figure(ids[i])
        if article in seen_articles or rival is None:
            continue
        if any(abs(rival[0] - value) <= 1e-9 * max(1.0, value) or (date and rival[1] == date) for value, date in seen):
            continue
        seen_articles.add(article)
        seen.append(rival)
        found.append(ids[i])
    return tuple(found)
