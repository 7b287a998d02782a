"""Page furniture: the lines of an article that are not reporting (sign-up boxes, player and cookie
messages, "Read more" links, bylines' contact blurbs) and so must never be a passage, an answer, a
statement or a corroboration. They stay in the article's text, which the source view shows whole.

Two signals, the first general and the second a short backstop:

- **Repetition.** A line found verbatim (case and spacing aside) in several *different stories* of one
  outlet, or of the whole index, is the page around the reporting. Copies of one story (wire copy,
  the same page saved twice) share most of their long lines; they are grouped and count once, so a
  story carried by ten outlets keeps its lines. How many stories make a line furniture grows with the
  size of its scope (at least `MIN_STORIES`, and one story in `STORIES_PER_REPEAT`), so that a large
  archive where a topic returns in follow-ups does not lose the background lines it repeats. Lines
  that quote someone, very short lines (headings, section names, bylines) and long paragraphs are
  never furniture by repetition alone.
- **Recognisable phrases.** A short line saying "Sign up for our newsletter", "Media playback is
  unsupported on your device", "Advertisement", "Read more" and the like, matched in linear time (RE2).
  Captions are not among them: they describe the news and often quote someone.

Every step is a pass over the lines: linear in the size of the articles.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence

from .corpus import Article
from .patterns import compile

MIN_STORIES = 3  # a line twice in an outlet can be a follow-up repeating itself; three is a habit
STORIES_PER_REPEAT = 200  # in a large scope, a line must also be in one story of every this many
MIN_WORDS = 4  # shorter lines are headings, section names, bylines: part of what follows them
MAX_WORDS = 60  # longer lines are paragraphs: a repeated one is reporting carried again
PHRASE_MAX_WORDS = 40  # a longer line that mentions a newsletter is reporting about one
COPY_LINE_WORDS = 8  # lines this long tell one story from another
COPY_SHARE = 0.5  # two articles sharing this share of their long lines are copies of one story

# Recognisable furniture. Each alternative is a fixed phrase, so RE2 needs no backtracking to find them.
_PHRASES = compile(
    r"\b(?:"
    r"sign(?:ing)? up (?:for|to|here|now|today)|newsletters?\b|subscribe (?:now|here|today|to our)|"
    r"already a subscriber|subscribers? only|become a (?:subscriber|member)|"
    r"cookie (?:policy|settings|preferences)|(?:use|accept|uses) (?:all )?cookies|"
    r"^advertisement$|^ad feedback$|how relevant is this ad|ad froze|"
    r"media playback|video player|video content|"
    r"hit play on the player|listen to this (?:article|story)|"
    r"^read more\b|^related(?: articles?| stories| coverage)?:|^more:|^also read\b|^watch:|^listen:|"
    r"click here|tap here|download (?:our|the) (?:free )?app|"
    r"follow (?:us|him|her|them|[\pL. ]{2,40}) on (?:twitter|facebook|instagram)|share (?:this|on) |"
    r"all rights reserved|skip to (?:main )?content|enable javascript|your browser (?:does|is)|"
    r"this (?:story|article) (?:has been|was) updated|"
    r"we will use the (?:information|details) you have shared"
    r")",
    ignore_case=True,
)
_QUOTED = compile(r"[\"“”]|\b(?:said|says|told)\b", ignore_case=True)


def furniture_spans(articles: Sequence[Article]) -> list[list[tuple[int, int]]]:
    """For each article, the character spans of its furniture lines, in order."""
    lines = [list(_lines(article.text)) for article in articles]
    repeated = _repeated_lines(articles, lines)
    return [[(start, end) for start, end, key in found if key in repeated or is_furniture_phrase(key)]
            for found in lines]


def is_furniture_phrase(line: str) -> bool:
    """Whether a line reads as page furniture on its own ("Sign up for our daily newsletter")."""
    return len(line.split()) <= PHRASE_MAX_WORDS and _PHRASES.search(line.strip()) is not None


def kept_regions(text: str, furniture: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of `text` between furniture lines, each with some non-space text."""
    regions, start = [], 0
    for a, b in [*furniture, (len(text), len(text))]:
        if text[start:a].strip():
            regions.append((start, a))
        start = b
    return regions


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, key) of every non-empty line; the key ignores case and runs of spaces."""
    start = 0
    for line in text.split("\n"):
        key = " ".join(line.split()).casefold()
        if key:
            yield start, start + len(line), key
        start += len(line) + 1


def _repeated_lines(articles: Sequence[Article], lines: list[list[tuple[int, int, str]]]) -> set[str]:
    """The keys of lines in enough different stories of an outlet or of the index to be furniture."""
    story = _stories([{key for _, _, key in found if len(key.split()) >= COPY_LINE_WORDS} for found in lines])
    in_stories: dict[str, set[int]] = defaultdict(set)
    in_outlet_stories: dict[tuple[str, str], set[int]] = defaultdict(set)
    outlet_stories: dict[str, set[int]] = defaultdict(set)
    for number, (article, found) in enumerate(zip(articles, lines)):
        outlet = (article.outlet or "").casefold()
        outlet_stories[outlet].add(story[number])
        for _, _, key in found:
            if _may_repeat(key):
                in_stories[key].add(story[number])
                if outlet:
                    in_outlet_stories[outlet, key].add(story[number])
    everywhere = _needed(len(set(story)))
    repeated = {key for key, stories in in_stories.items() if len(stories) >= everywhere}
    repeated |= {key for (outlet, key), stories in in_outlet_stories.items()
                 if len(stories) >= _needed(len(outlet_stories[outlet]))}
    return repeated


def _needed(stories: int) -> int:
    return max(MIN_STORIES, math.ceil(stories / STORIES_PER_REPEAT))


def _may_repeat(key: str) -> bool:
    return MIN_WORDS <= len(key.split()) <= MAX_WORDS and _QUOTED.search(key) is None


def _stories(long_lines: list[set[str]]) -> list[int]:
    """A story number per article: articles sharing most of their long lines are copies of one story.

    Each long line links the articles holding it to the first of them; a link is kept when the two
    share at least COPY_SHARE of the shorter one's long lines. One pass over the lines, one set
    comparison per link."""
    parent = list(range(len(long_lines)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    holders: dict[str, list[int]] = defaultdict(list)
    for number, keys in enumerate(long_lines):
        for key in keys:
            holders[key].append(number)
    for numbers in holders.values():
        first = numbers[0]
        for other in numbers[1:]:
            a, b = root(first), root(other)
            if a == b:
                continue
            shared = len(long_lines[first] & long_lines[other])
            if shared >= COPY_SHARE * min(len(long_lines[first]), len(long_lines[other])):
                parent[b] = a
    return [root(number) for number in range(len(long_lines))]
