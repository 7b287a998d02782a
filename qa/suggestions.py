"""Questions to suggest for the loaded index, built from what it holds: its most-quoted speakers and its
most-covered topics. Each candidate is put to the engine and kept only when it is answered, so every
suggestion a reader clicks gets an answer."""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter
from collections.abc import Iterator

from .errors import QAError
from .text import STOPWORDS, terms, words

SAMPLE_SENTENCES = 200_000  # speakers are counted over at most this many sentences, spread over the index
SPEAKERS = 4  # most-quoted speakers considered
TOPICS = 6  # most-covered topics considered
STATEMENTS_READ = 40  # a speaker's statements read to find what they speak about
TITLES_READ = 20_000  # article titles read to find the most-covered topics
LIMIT = 6
MAX_ASKED = 24  # candidates put to the engine at most

# Words that say how something was said rather than what it was about.
SAYING = frozenset("""said says say saying told tells tell added adds asked asks stated states reiterated argued
    insisted noted warned according claimed reported reports announced believe think""".split())
# Capitalised words that are not what a statement is about: titles, days and months.
NOT_TOPICS = frozenset("""mr mrs ms dr president minister foreign prime secretary general chief spokesman
    spokeswoman official officials monday tuesday wednesday thursday friday saturday sunday yesterday today
    tomorrow january february march april may june july august september october november december""".split())
HONORIFICS = frozenset("mr mrs ms dr sir lord lady dame".split())
TITLES = frozenset("exchequer chancellor leader senator governor mayor ambassador spokesman".split())
NOUN_ENDINGS = tuple(end + plural for end in ("tion", "sion", "ment", "ness", "ity", "ism", "ship", "ance", "ence")
                     for plural in ("", "s"))
_NAME_WORD = re.compile(r"[A-Z][\w'.-]*")
_WORD = re.compile(r"[^\W\d_][\w-]*")

_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def suggestions(engine, limit: int = LIMIT) -> list[str]:
    """Up to `limit` answered questions about the engine's index; worked out once per loaded index."""
    with _lock:
        if engine not in _cache:
            _cache[engine] = _answered(engine, _candidates(engine.store), LIMIT)
        return _cache[engine][:limit]


def _candidates(store) -> Iterator[tuple[str, str | None, str]]:
    """(question, speaker or None, topic): speakers with their main topic, then topics with their main
    speaker, alternately, most quoted and most covered first."""
    quoted = _quoted(store.corpus.speakers)
    topics = {s: _topics_of(store, s, quoted[s]) for s in quoted}
    by_speaker = [(f"What did {called(s)} say about {topics[s][rank]}?", s, topics[s][rank])
                  for rank in range(3) for s in quoted if rank < len(topics[s])]
    by_topic = []
    for topic in _covered(store.corpus.articles):
        speaker = next((s for s in quoted
                        if topic.lower() not in words(s) and _mentions(store, quoted[s], topic)), None)
        if speaker:
            by_topic.append((f"What did {called(speaker)} say about {topic}?", speaker, topic))
        by_topic.append((f"What do the articles say about {topic}?", None, topic))
    for pair in zip(by_speaker, by_topic):
        yield from pair
    yield from by_speaker[len(by_topic):]
    yield from by_topic[len(by_speaker):]


def _answered(engine, candidates, limit: int) -> list[str]:
    """The candidates the engine answers: by the speaker named, with a sentence on the topic, each
    answer sentence used once and each speaker at most twice."""
    kept, asked, answers, topics = [], set(), set(), set()
    per_speaker: Counter = Counter()
    for question, speaker, topic in candidates:
        if question in asked or (speaker, topic.lower()) in topics or (speaker and per_speaker[speaker] == 2):
            continue
        if len(asked) == MAX_ASKED:
            break
        asked.add(question)
        try:
            answer = engine.ask(question)["answer"]
        except QAError:  # out of time, say: the next candidate may do
            continue
        if not answer or answer["text"] in answers or (speaker and answer["speaker"] != speaker):
            continue
        if not set(terms(topic)) <= set(terms(answer["text"])):
            continue
        kept.append(question)
        answers.add(answer["text"])
        topics.add((speaker, topic.lower()))
        per_speaker[speaker] += 1
        if len(kept) == limit:
            break
    return kept


def _quoted(speakers) -> dict[str, list[int]]:
    """The most-quoted people (two or more capitalised words, quoted at least twice) and a sample of the
    sentences they say."""
    step = max(1, len(speakers) // SAMPLE_SENTENCES)
    said: dict[str, list[int]] = {}
    for sentence in range(0, len(speakers), step):
        name = speakers[sentence]
        if name and _looks_like_a_name(name):
            said.setdefault(name, []).append(sentence)
    ranked = sorted((s for s in said if len(said[s]) >= 2), key=lambda s: -len(said[s]))[:SPEAKERS]
    return {s: said[s][:: max(1, len(said[s]) // STATEMENTS_READ)][:STATEMENTS_READ] for s in ranked}


def called(name: str) -> str:
    """A speaker as a question names them: "Thursday Mr Blair" is "Mr Blair", "Exchequer Gordon Brown" is
    "Gordon Brown" (what stands before an honorific or after a title is not the name)."""
    parts = name.split()
    honorific = next((n for n, part in enumerate(parts) if part.lower().rstrip(".") in HONORIFICS), None)
    if honorific is not None and honorific < len(parts) - 1:
        return " ".join(parts[honorific:])
    while len(parts) > 2 and parts[0].lower() in NOT_TOPICS | TITLES:
        parts = parts[1:]
    return " ".join(parts)


def _looks_like_a_name(name: str) -> bool:
    parts = name.split()
    return 2 <= len(parts) <= 4 and all(_NAME_WORD.fullmatch(part) for part in parts)


def _topics_of(store, speaker: str, sentences: list[int]) -> list[str]:
    """What a speaker's statements are about: names (capitalised inside a sentence) and abstract nouns
    found in several of them (in any, for one who says little)."""
    own = frozenset(words(speaker))
    seen: Counter = Counter()
    forms: dict[str, Counter] = {}
    for sentence in sentences:
        found = {}
        for word in _topic_words(store.corpus.sentence_text(sentence), own):
            stems = terms(word)
            if len(stems) == 1:
                found[stems[0]] = word
        seen.update(found.keys())
        for stem, word in found.items():
            forms.setdefault(stem, Counter())[word] += 1
    shared = [stem for stem, n in seen.items() if n >= 2] or list(seen)
    if not shared:
        return []
    weights = store.idf(shared)
    # Said most often first; among equals, what more of the index covers, which readers ask about.
    ranked = sorted(zip(shared, weights), key=lambda sw: (-seen[sw[0]], float(sw[1])))
    # "Syria" rather than "Syrian", "precondition" rather than "preconditions": the shortest spelling.
    return [min(forms[stem], key=lambda form: (len(form), -forms[stem][form])) for stem, _ in ranked[:3]]


def _topic_words(sentence: str, name: frozenset[str] = frozenset()) -> Iterator[str]:
    """Names and abstract nouns of a sentence, leaving out whoever it was told to ("told the BBC",
    "reports Reuters"), which is where it was said, not what about, and the words of `name` with the
    first names before them ("Michael Howard")."""
    found = [match.group() for match in _WORD.finditer(sentence)]
    lowered = [word.lower() for word in found] + [""]
    for number, word in enumerate(found):
        lower = lowered[number]
        before = lowered[max(0, number - 2):number]
        told_to = bool(before) and (before[-1] in SAYING or (before[-1] in ("the", "to") and before[0] in SAYING))
        if len(word) < 3 or lower in STOPWORDS or lower in SAYING or lower in NOT_TOPICS or lower in name:
            continue
        if word[0].isupper() and lowered[number + 1] in name:
            continue
        if (word[0].isupper() and number > 0 and not told_to) or lower.endswith(NOUN_ENDINGS):
            yield word


def _covered(articles) -> list[str]:
    """The names most article titles carry (capitalised words, counted once per title)."""
    catalogue = articles.catalogue()
    step = max(1, len(catalogue) // TITLES_READ)
    counts: Counter = Counter()
    for entry in catalogue[::step]:
        title_words = {w for w in _WORD.findall(entry["title"])
                       if w[0].isupper() and len(w) >= 3 and w.lower() not in STOPWORDS | SAYING | NOT_TOPICS}
        counts.update(title_words)
    return [word for word, n in counts.most_common(TOPICS) if n >= 2 or len(catalogue) < 4]


def _mentions(store, sentences: list[int], topic: str) -> bool:
    wanted = set(terms(topic))
    return bool(wanted) and any(wanted <= set(store.corpus.sentence_terms(s)) for s in sentences)
