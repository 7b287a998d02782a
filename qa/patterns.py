"""Text rules that cannot hang: regular expressions compiled for a linear-time engine.

Article text comes from the web: runs of eighty capitalised country names, cast lists without "and",
200-character tracking links. A backtracking engine (Python's `re`) can spend minutes on such a run
with a pattern of nested or overlapping quantifiers, holding the GIL and so stopping the whole process.
RE2 matches in time linear in its input whatever the pattern, so every rule with more than one
quantifier is compiled here. Python's `re` is kept only for single-token rules anchored at a word
boundary (`\\w+`, one capitalised word), which are linear by construction and faster per match.

RE2's `\\w` and `\\b` are ASCII-only: the fragments below spell Unicode letters out.
"""

from __future__ import annotations

import re2

WORD_CHAR = r"[\pL\pN_]"
NOT_WORD_CHAR = r"[^\pL\pN_]"
# One capitalised word of a name: a capital first and a small letter somewhere, so "NATO" and "US" are not.
NAME_WORD = r"\p{Lu}[\pL\pN_'’.-]*\p{Ll}[\pL\pN_'’-]*"
# What may join the words of a name besides a space or hyphen: "Bashar al-Assad", "Ursula von Leyen".
NAME_PARTICLE = r"(?:al-|bin |de |van |von )"
# The months, as one alternation: "in (?:{MONTHS})".
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def name_pattern(word: str = NAME_WORD) -> str:
    """A name: one or more `word`s joined by spaces, hyphens, particles or middle initials ("George W Bush")."""
    return rf"{word}(?:[ -]{NAME_PARTICLE}?(?:\p{{Lu}}\.? )?{word})*"


def any_phrase(phrases, between: str = r"\s+") -> str:
    """Any of `phrases` as words of their own (not "nowhere" for "now"; "yesterday's" still counts), in group 1,
    its words joined by `between`; the longest first, since the leftmost alternative that matches at a place wins."""
    spelled = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(between.join(re2.escape(word) for word in phrase.split()) for phrase in spelled)
    return rf"(?:^|{NOT_WORD_CHAR})({alternatives})(?:$|{NOT_WORD_CHAR})"


# RE2 builds its automaton lazily within this much memory, and falls back to a slower (still linear)
# simulation, with a complaint on stderr, when a long pattern over Unicode classes needs more.
_MEMORY = 64 << 20


def compile(pattern: str, ignore_case: bool = False):
    """`pattern` (Python syntax without look-around or back-references) on RE2."""
    options = re2.Options()
    options.max_mem = _MEMORY
    return re2.compile(f"(?i){pattern}" if ignore_case else pattern, options)


def starts_word(text: str, start: int) -> bool:
    """Whether `start` is the first character of a word (Unicode-aware, unlike RE2's \\b)."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")
