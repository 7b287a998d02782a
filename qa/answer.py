"""Picks the sentence that answers a question from the best passages, or none when they don't say."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .attribution import SPEECH_VERBS, asked_speakers, surname
from .deadline import check
from .patterns import NAME_WORD, WORD_CHAR, compile
from .retrieval import Passage
from .store import Store
from .text import MAX_ANSWER_CHARS, STOPWORDS, terms, words

# What makes a sentence the answer, and how much each signal counts (tuned on SQuAD dev and the seed
# questions; one set for every corpus). Coverages are the share of the question's terms, weighted by
# rarity, found there.
FEATURE_WEIGHTS = {
    "cosine": 2.15,  # question vs. the sentence read in its passage's context
    "coverage": -0.7,  # ... in the sentence
    "coverage_around": -0.1,  # ... in the sentence and its neighbours
    "coverage_titled": 0.9,  # ... in the sentence, its neighbours and the article's title
    "coverage_passage": 0.0,  # ... anywhere in the passage or title (weighs in the confidence only)
    "passage_cosine": -0.2,  # question vs. the whole passage
    "passage_score": 0.35,  # the passage's hybrid score, relative to the best passage
    "type_match": 0.35,  # holds a number / date / name when the question asks for one
    "word_overlap": 0.8,  # share of the question's words written as they are
    "pair_overlap": 0.2,  # share of the question's consecutive term pairs
    "coverage_local": 0.25,  # ... in the sentence, rarity counted among the competing sentences only
    "coverage_untitled": 1.0,  # ... in the sentence, not counting words of the article's title
    "said_by_named": 1.0,  # the question asks what someone said, and this sentence is theirs
    "comes_next": 1.0,  # a follow-up asks what came next, and this sentence follows the last answer
    "echo": -10.0,  # only the question's own words (and "said"): cannot hold its answer
}
FEATURES = tuple(FEATURE_WEIGHTS)
SAYING = frozenset(SPEECH_VERBS.split("|"))  # "Lavrov said." says nothing by itself
# Beyond the top passages, the closest sentence of this many more competes too: a passage that ranks
# low as a whole can still hold the one sentence that answers.
CLOSEST_FROM_NEXT = 10
WEIGHTS = np.array(list(FEATURE_WEIGHTS.values()))

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
_NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                 r"hundred|thousand|million|billion|dozen|half|several")
_UNITS = (r"%|percent|per cent|feet|foot|ft|inch|inches|mile|miles|yards?|metres?|meters?|km|kilometres?|"
          r"kilometers?|m|cm|mm|kg|kilograms?|pounds?|lb|lbs|tons?|tonnes?|mph|degrees?|°|acres?|hectares?|"
          r"years?|months?|weeks?|days?|hours?|minutes?|seconds?")

# A capitalised word inside a sentence (at its start every word is capitalised): one greedy class after a
# word boundary, which Python's engine matches in linear time; the small letter that tells a name from
# "NATO" is checked outside the pattern, where it cannot make the engine backtrack.
_CAPITALISED = re.compile(r"(?<![.!?\"“] )(?<!^)\b[A-Z][\w'’-]*")
# A list of names, the first not at a sentence's start (the two characters before it say so).
_NAME_LIST = compile(rf"(?:[^\pL\pN_ ]|[^.!?\"“] )(?P<names>{NAME_WORD}(?:,? {NAME_WORD})*,? "
                     rf"(?:and|or|as well as|along with) {NAME_WORD})")


def names_inside(text: str) -> Iterator[str]:
    """Capitalised words inside a sentence that hold a small letter: names rather than acronyms."""
    return (m.group(0) for m in _CAPITALISED.finditer(text) if any("a" <= c <= "z" for c in m.group(0)[1:]))


def _matches(pattern, group: int | str = 0):
    """The pieces of a text that `pattern` matches, lazily: the first that will do is often enough."""
    return lambda text: (m.group(group) for m in pattern.finditer(text))


# What each kind of answer looks like in a sentence: the pieces of a sentence that are of that kind. Dates
# and counts are single tokens (Python's engine, linear for them); the rest span tokens (RE2).
ANSWER_SHAPES = {
    "date": _matches(re.compile(rf"\b(?:1\d{{3}}|20\d{{2}})s?\b|\b(?:{_MONTHS})\b|\bcentur(?:y|ies)\b")),
    "count": _matches(re.compile(rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS})\b", re.I)),
    "measure": _matches(compile(rf"(\d[\d,.]*|\b({_NUMBER_WORDS}))\s*({_UNITS})\b", ignore_case=True)),
    "money": _matches(compile(r"[$£€¥]\s*\d|\b\d[\d,.]*\s*(dollars|pounds|euros|yen|million|billion)\b",
                              ignore_case=True)),
    "name": names_inside,
    "names": _matches(_NAME_LIST, "names"),
    "reason": _matches(compile(r"\b(because|since|due to|owing to|in order to|so that|so as to|as a result|"
                               rf"reasons?|therefore|thus|hence|caused?|for fear)\b|[\"“]{WORD_CHAR}",
                               ignore_case=True)),
}

# Which kind of answer a question asks for, from its wh-phrase; the first that matches wins.
QUESTION_SHAPES = (
    ("money", compile(r"\bhow much (money|did|does|do|was|is|were|are)\b.*\b(cost|pay|paid|worth|spen[dt]|"
                         r"price|earn|raise|sell|sold|fund)|\bhow much money\b|\bwhat (price|cost)\b")),
    ("measure", compile(r"\bhow (long|old|far|large|big|tall|high|deep|wide|fast|heavy|hot|cold)\b|"
                           r"\bwhat (percentage|percent|proportion|fraction|size|temperature|speed|distance|"
                           r"height|length|depth|weight)\b|\bhow much\b")),
    ("count", compile(r"\bhow many\b|\bwhat (number|amount|population|score)\b")),
    ("date", compile(r"\bwhen\b|\b(what|which) (year|years|date|day|month|century|decade|time|period|era|"
                        r"season)\b")),
    ("names", compile(r"\b(what|which|who) (people|persons|men|women|countries|nations|states|companies|teams|"
                         r"groups|organi[sz]ations|cities|places|parties|leaders|players|members|allies)\b")),
    ("reason", compile(r"\bwhy\b|\bwhat (was|is|were|are) the (reason|cause|purpose)")),
    ("name", compile(r"\bwho(m|se)?\b|\bwhere\b|\b(what|which) (person|man|woman|king|president|leader|"
                        r"company|team|organi[sz]ation|group|city|country|state|nation|place|region|location|"
                        r"area|continent|river|island|university|party|church|language|name|venue|stadium)\b")),
)


def expected_type(question: str) -> str | None:
    """The kind of thing the question asks for, if its wording says."""
    q = question.lower()
    return next((kind for kind, pattern in QUESTION_SHAPES if pattern.search(q)), None)


def _type_match(kind: str | None, sentence: str, question_words: set[str]) -> float:
    """1 when the sentence holds a thing of the asked-for kind that the question does not already name."""
    if kind is None:
        return 0.0
    found = ANSWER_SHAPES[kind](sentence)
    return 1.0 if any(not set(words(f)) <= question_words for f in found) else 0.0


@dataclass(frozen=True)
class Choice:
    sentence: int  # global sentence id
    chunk: int  # the passage it was found in
    score: float
    confidence: float
    figures: tuple[int, ...] = ()  # sentences of other articles that give another figure in answer


# A question naming someone or something no article mentions is most likely not answered by them;
# a typo or another spelling is the other reason, so it lowers the confidence rather than vetoing.
UNKNOWN_NAME_PENALTY = 0.15
TYPE_MISSING_PENALTY = 0.1

# A rival sentence states the figure asked for in another article when it scores this close to the answer.
FIGURE_MARGIN = 1.0
_FIGURE_KINDS = ("count", "measure", "money")


def candidate_features(question: str, vector: np.ndarray, passages: list[Passage], store: Store,
                       answer_passages: int, previous: int | None = None
                       ) -> tuple[list[int], list[Passage], np.ndarray]:
    """Each sentence of the top passages with one row of FEATURES."""
    top = passages[:answer_passages]
    owners: dict[int, Passage] = {}
    for passage in top:
        for sentence in store.corpus.chunk_sentences(passage.chunk):
            owners.setdefault(int(sentence), passage)
    vector = np.asarray(vector, dtype=np.float32)
    for passage in passages[answer_passages : answer_passages + CLOSEST_FROM_NEXT]:
        sentences = list(store.corpus.chunk_sentences(passage.chunk))
        closest = sentences[int(np.argmax(store.sentence_vectors(sentences) @ vector))]
        owners.setdefault(int(closest), passage)
    ids = list(owners)
    if not ids:
        return [], [], np.zeros((0, len(FEATURES)))
    corpus = store.corpus
    in_order = terms(question)
    q_terms = list(dict.fromkeys(in_order))
    q_words = set(words(question))
    q_pairs = set(zip(in_order, in_order[1:]))
    idf = dict(zip(q_terms, store.idf(q_terms)))
    total_idf = sum(idf.values()) or 1.0

    def coverage(present: set[str]) -> float:
        return sum(w for t, w in idf.items() if t in present) / total_idf

    kind = expected_type(question)
    best_passage = top[0].score or 1.0
    named = asked_speakers(question)
    cosines = store.sentence_vectors(ids) @ vector
    sentence_terms = corpus.sentence_terms
    present = {sentence: set(sentence_terms(sentence)) for sentence in ids}
    local_df = {t: sum(t in p for p in present.values()) for t in q_terms}
    local_idf = {t: np.log(1 + len(ids) / df) if df else 0.0 for t, df in local_df.items()}
    total_local = sum(local_idf.values()) or 1.0

    rows = []
    titles: dict[int, set[str]] = {}
    chunks: dict[int, set[str]] = {}
    for sentence, cosine in zip(ids, cosines):
        check()
        passage = owners[sentence]
        article = int(corpus.sentences[sentence][0])
        text = corpus.sentence_text(sentence)
        own = sentence_terms(sentence)
        first, last = corpus.sentence_offsets[article], corpus.sentence_offsets[article + 1]
        around = set(own).union(*(sentence_terms(n) for n in (sentence - 1, sentence + 1) if first <= n < last))
        if article not in titles:
            titles[article] = set(terms(corpus.articles[article].title))
        title = titles[article]
        if passage.chunk not in chunks:
            chunks[passage.chunk] = set(terms(corpus.chunk_text(passage.chunk))) | title
        chunk = chunks[passage.chunk]
        written = set(words(text))
        row = {
            "cosine": float(cosine),
            "coverage": coverage(set(own)),
            "coverage_around": coverage(around),
            "coverage_titled": coverage(around | title),
            "coverage_passage": coverage(chunk),
            "passage_cosine": passage.dense,
            "passage_score": passage.score / best_passage,
            "type_match": _type_match(kind, text, q_words),
            "word_overlap": len(q_words & written) / max(1, len(q_words)),
            "pair_overlap": len(q_pairs & set(zip(own, own[1:]))) / max(1, len(q_pairs)),
            "coverage_local": sum(w for t, w in local_idf.items() if t in present[sentence]) / total_local,
            "coverage_untitled": coverage(set(own) - title),
            "said_by_named": float(bool(named) and _said_by(corpus.speakers, sentence, named)),
            "comes_next": float(previous is not None and first <= previous < sentence <= previous + 3),
            "echo": float(not (written - q_words - STOPWORDS - SAYING)),
        }
        rows.append([row[name] for name in FEATURES])
    return ids, [owners[i] for i in ids], np.array(rows)


def choose(question: str, vector: np.ndarray, passages: list[Passage], store: Store,
           answer_passages: int, previous: int | None = None, answered: frozenset[int] = frozenset()
           ) -> Choice | None:
    """The best-scoring sentence among the top passages, with a confidence in [0, 1].

    `previous` is the sentence that answered the last turn, when this question asks what came next;
    sentences in `answered` were given earlier in the conversation and are not given again.
    """
    ids, owners, features = candidate_features(question, vector, passages, store, answer_passages, previous)
    if not ids or all(i in answered for i in ids):
        return None
    scores = features @ WEIGHTS
    scores[[n for n, i in enumerate(ids) if i in answered]] = -np.inf
    best = int(np.argmax(scores))
    row = dict(zip(FEATURES, features[best]))
    confidence = _confidence(max(row["cosine"], row["passage_cosine"]), row["coverage_passage"])
    unknown = unknown_names(question, store)
    if {surname(name) for name in unknown} & asked_speakers(question):
        return None  # asks what someone said who appears in no article
    confidence -= UNKNOWN_NAME_PENALTY * len(unknown)
    if expected_type(question) in _FIGURE_KINDS + ("date",) and not row["type_match"]:
        confidence -= TYPE_MISSING_PENALTY  # asks how many or when, and the sentence holds no such thing
    figures = _other_figures(question, ids, scores, best, store)
    return Choice(ids[best], owners[best].chunk, float(scores[best]), confidence, figures)


_QUANTITY = compile(rf"\b(\d[\d,]*(?:\.\d+)?|{_NUMBER_WORDS})(?:\s+(million|billion|thousand|hundred))?\b",
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


def _other_figures(question: str, ids: list[int], scores: np.ndarray, best: int, store: Store) -> tuple[int, ...]:
    """When articles of other dates answer a how-many question with other figures, their sentences.

    One per article, only among dated articles, and only for sentences scoring close to the answer.
    """
    if expected_type(question) not in _FIGURE_KINDS:
        return ()
    q_words = set(words(question))
    corpus = store.corpus

    def dated_figure(sentence: int) -> tuple[float, str] | None:
        article = corpus.articles[corpus.sentences[sentence][0]]
        found = figure(corpus.sentence_text(sentence), q_words)
        return (found[1], article.published) if found and article.published else None

    answer = dated_figure(ids[best])
    if answer is None:
        return ()
    seen_articles = {int(corpus.sentences[ids[best]][0])}
    seen = [answer]
    found = []
    for i in np.argsort(-scores):
        if scores[i] < scores[best] - FIGURE_MARGIN:
            break
        article = int(corpus.sentences[ids[i]][0])
        rival = dated_figure(ids[i])
        if article in seen_articles or rival is None:
            continue
        if any(abs(rival[0] - value) <= 1e-9 * max(1.0, value) or rival[1] == date for value, date in seen):
            continue
        seen_articles.add(article)
        seen.append(rival)
        found.append(ids[i])
    return tuple(found)


def unknown_names(question: str, store: Store) -> list[str]:
    """Capitalised words of the question that no article contains ("What is the capital of Australia?")."""
    found = []
    for name in names_inside(question):
        stems = terms(name)
        if stems and not any(store.knows(stem) for stem in stems):
            found.append(name)
    return found


def _said_by(speakers: list[str | None], sentence: int, names: set[str]) -> bool:
    speaker = speakers[sentence]  # one per sentence: the store checks it on load
    return speaker is not None and surname(speaker) in names


def _confidence(cosine: float, coverage: float) -> float:
    """How sure we are that the articles speak to the question at all: meaning and words both."""
    return float(np.clip(0.5 * cosine + 0.5 * coverage, 0.0, 1.0))


_CLAUSE_END = compile(r"[,;:—–]\s+|\s+-{1,2}\s+|\s+\(")  # a cut after it (before the bracket)


def trim(text: str, question: str, limit: int = MAX_ANSWER_CHARS) -> tuple[int, int]:
    """The span of `text` to show: all of it when short, else the clause window richest in question terms."""
    if len(text) <= limit:
        return 0, len(text)
    cuts = [0] + [m.end() - (text[m.end() - 1] == "(") for m in _CLAUSE_END.finditer(text)] + [len(text)]
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
