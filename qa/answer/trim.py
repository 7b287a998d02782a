"""The part of a long answering sentence to show: the clauses richest in the question's terms."""

from __future__ import annotations

import re

from ..text import MAX_ANSWER_CHARS, terms

# A cut after it (before the bracket). Every alternative starts at one fixed character, so Python's engine
# never retries a run of spaces from each of its positions; it is ten times quicker per match than RE2.
_CLAUSE_END = re.compile(r"[,;:—–]\s+|(?<=\s)-{1,2}\s+|(?<=\s)\(")


def trim(text: str, question: str, limit: int = MAX_ANSWER_CHARS) -> tuple[int, int]:
    """The span of `text` to show: all of it when short, else the clause window richest in question terms."""
    if len(text) <= limit:
        return 0, len(text)
    cuts = sorted({0, len(text)} | {m.end() - (text[m.end() - 1] == "(") for m in _CLAUSE_END.finditer(text)})
    q_terms = set(terms(question))
    # hits[k]: question terms in the clauses before cut k, so a window's count is one subtraction
    hits_before = [0]
    for a, b in zip(cuts, cuts[1:]):
        hits_before.append(hits_before[-1] + sum(1 for t in terms(text[a:b]) if t in q_terms))
    # More clauses never hold fewer question terms, so from each cut the longest window that fits is its best.
    best_span, best_hits = (0, 0), -1
    j = 0
    for i in range(len(cuts) - 1):
        j = max(j, i)
        while j + 1 < len(cuts) and cuts[j + 1] - cuts[i] <= limit:
            j += 1
        if j > i and (hits_before[j] - hits_before[i], cuts[j] - cuts[i]) > (best_hits, best_span[1] - best_span[0]):
            best_span, best_hits = (cuts[i], cuts[j]), hits_before[j] - hits_before[i]
    if best_hits < 0 or best_span == (0, 0):  # no clause boundary fits: cut at a word boundary
        end = text.rfind(" ", 0, limit)
        return 0, end if end > 0 else limit
    start, end = best_span
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
