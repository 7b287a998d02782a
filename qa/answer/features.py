"""What is known about each candidate sentence: one row of FEATURES, the fitted model's input."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..attribution import SPEECH_VERBS, asked_speakers, people, roles_in, surname
from ..deadline import check
from ..filters import UNDATED
from ..patterns import compile
from ..period import Period
from ..retrieval import Passage
from ..store import Store
from ..text import STOPWORDS, sentence_spans, terms, words
from .shapes import expected_type, names_inside, type_match

SAYING = frozenset(SPEECH_VERBS.split("|"))  # "Lavrov said." says nothing by itself
# Beyond the top passages, the closest sentence of this many more competes too: a passage that ranks
# low as a whole can still hold the one sentence that answers.
CLOSEST_FROM_NEXT = 10
_ASKING = re.compile(r"\b(?:which|what|who|whom|whose|when|where|why|how)\b", re.IGNORECASE)

# Coverages are the share of the question's terms, weighted by rarity, found in the place named.
SENTENCE_FEATURES = (
    "cosine",  # question vs. the sentence read in its passage's context
    "coverage",  # ... in the sentence
    "coverage_around",  # ... in the sentence and its neighbours
    "coverage_titled",  # ... in the sentence, its neighbours and the article's title
    "coverage_passage",  # ... anywhere in the passage or title
    "passage_cosine",  # question vs. the whole passage
    "passage_score",  # the passage's hybrid score, relative to the best passage
    "word_overlap",  # share of the question's words written as they are
    "pair_overlap",  # share of the question's consecutive term pairs
    "coverage_local",  # ... in the sentence, rarity counted among the competing sentences only
    "coverage_untitled",  # ... in the sentence, not counting words of the article's title
    "said_by_named",  # the question asks what someone said, and this sentence is theirs
    "echo",  # only the question's own words (and "said"): cannot hold its answer
    "cosine_gap",  # cosine minus the best cosine among the candidates
    "coverage_gap",  # coverage_around minus the best among the candidates
    "holds_kind",  # holds a thing of the kind asked for (a date for "when"...) that the question doesn't name
    "lacks_kind",  # the question asks for a kind of thing the sentence does not hold
    "names_person",  # a "who" question, and the sentence names a person (or speaker) the question doesn't
    "coverage_asked",  # ... in the sentence, of the question's asking sentence only (see asking_sentence)
    "coverage_asked_around",  # ... the same in the sentence and its neighbours
    "lead",  # 1 / (1 + the sentence's place in its article): news puts the facts first
    "in_period",  # the question names days ("this week") and its article appeared in them
    "support",  # how many other candidates repeat what this one adds to the question (see answer_support)
)
# The question as a whole: how likely the articles answer it at all.
QUESTION_FEATURES = (
    "best_cosine",  # the best cosine among the candidates
    "unknown_share",  # share of the question's topic words (not the asked speaker) no article holds
    "unknown_names",  # capitalised words of the question no article holds
    "few_terms",  # 1 / the question's distinct content terms: "Syria?" says little
)
# News reads differently from reference text: a quiz sets the scene before it asks, the answer sits
# beside the lead, and several outlets repeat it. Each sentence feature counts a second time for a sentence
# of a dated article, so that the fitted model holds a second set of weights for news on top of the
# shared ones (Daumé's "frustratingly easy" domain adaptation); undated text is scored as before.
# in_period needs no copy: it is never set for an undated article.
DATED_FEATURES = tuple(f"dated_{name}" for name in SENTENCE_FEATURES if name != "in_period")
FEATURES = SENTENCE_FEATURES + QUESTION_FEATURES + DATED_FEATURES
_DATED_LEAD = FEATURES.index("dated_lead")


def of_dated_article(features: np.ndarray) -> bool:
    """Whether a candidate's row of FEATURES is that of a dated article's sentence: its lead is never 0,
    so the dated copy of it is 0 exactly when the article has no date."""
    return bool(features[_DATED_LEAD] > 0)


@dataclass(frozen=True)
class Candidates:
    sentences: list[int]  # global sentence ids
    passages: list[Passage]  # the passage each was found in
    features: np.ndarray  # (len(sentences), len(FEATURES))
    unknown_names: tuple[str, ...] = ()  # capitalised words of the question no article holds
    vector: np.ndarray | None = None  # the question's embedding
    about: np.ndarray | None = None  # the embedding of what a "what did X say about Y" question asks about


@dataclass(frozen=True)
class Timing:
    """Which articles are dated, and the days a question's time words name ("this week")."""

    days: np.ndarray  # the published day of every article (filters.article_days)
    period: Period | None = None

    def dated(self, article: int) -> float:
        return float(self.days[article] != UNDATED)

    def in_period(self, article: int) -> float:
        day = int(self.days[article])
        return float(self.period is not None and day != UNDATED
                     and self.period.start.toordinal() <= day <= self.period.end.toordinal())


def asking_sentence(question: str) -> str:
    """The sentence of a question that asks (the last holding a wh-word, else the last): a news quiz
    often sets the scene first, and the answer sits beside the words of the asking, not of the scene."""
    sentences = [question[a:b] for a, b in sentence_spans(question)] or [question]
    return next((s for s in reversed(sentences) if _ASKING.search(s)), sentences[-1])


def candidate_features(question: str, vector: np.ndarray, passages: list[Passage], store: Store,
                       answer_passages: int, timing: Timing) -> Candidates:
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
        return Candidates([], [], np.zeros((0, len(FEATURES))))
    corpus = store.corpus
    in_order = terms(question)
    q_terms = list(dict.fromkeys(in_order))
    q_words = set(words(question))
    q_pairs = set(zip(in_order, in_order[1:]))
    idf = dict(zip(q_terms, store.idf(q_terms)))
    total_idf = sum(idf.values()) or 1.0

    def coverage(present: set[str]) -> float:
        return sum(w for t, w in idf.items() if t in present) / total_idf

    asked = {t: idf.get(t, 0.0) for t in terms(asking_sentence(question))}
    total_asked = sum(asked.values()) or 1.0

    def coverage_asked(present: set[str]) -> float:
        return sum(w for t, w in asked.items() if t in present) / total_asked

    kind = expected_type(question)
    asks_who = kind == "name" and "who" in q_words
    best_passage = top[0].score or 1.0
    named = asked_speakers(question) | _asked_roles(question)
    cosines = store.sentence_vectors(ids) @ vector
    sentence_terms = corpus.sentence_terms
    present = {sentence: set(sentence_terms(sentence)) for sentence in ids}
    support = answer_support(present, set(q_terms), store)
    local_df = {t: sum(t in p for p in present.values()) for t in q_terms}
    local_idf = {t: np.log(1 + len(ids) / df) if df else 0.0 for t, df in local_df.items()}
    total_local = sum(local_idf.values()) or 1.0
    topic = [t for t in q_terms if t not in named]
    unknown = tuple(unknown_names(question, store))
    whole_question = {
        "best_cosine": float(cosines.max()),
        "unknown_share": sum(not store.knows(t) for t in topic) / max(1, len(topic)),
        "unknown_names": float(len(unknown)),
        "few_terms": 1 / max(1, len(q_terms)),
    }

    rows = []
    dated = []  # 1.0 for each row of a dated article
    titles: dict[int, set[str]] = {}
    chunks: dict[int, set[str]] = {}
    for sentence, cosine in zip(ids, cosines):
        check()
        passage = owners[sentence]
        article = corpus.sentence(sentence).article
        text = corpus.sentence_text(sentence)
        own = sentence_terms(sentence)
        first, last = corpus.sentence_offsets[article], corpus.sentence_offsets[article + 1]
        around = set(own).union(*(sentence_terms(n) for n in (sentence - 1, sentence + 1) if first <= n < last))
        if article not in titles:
            titles[article] = set(terms(corpus.articles[article].title))
        title = titles[article]
        if passage.chunk not in chunks:
            chunks[passage.chunk] = title.union(*(sentence_terms(n) for n in corpus.chunk_sentences(passage.chunk)))
        chunk = chunks[passage.chunk]
        written = set(words(text))
        holds = type_match(kind, text, q_words)
        row = {
            "cosine": float(cosine),
            "coverage": coverage(set(own)),
            "coverage_around": coverage(around),
            "coverage_titled": coverage(around | title),
            "coverage_passage": coverage(chunk),
            "passage_cosine": passage.dense,
            "passage_score": passage.score / best_passage,
            "word_overlap": len(q_words & written) / max(1, len(q_words)),
            "pair_overlap": len(q_pairs & set(zip(own, own[1:]))) / max(1, len(q_pairs)),
            "coverage_local": sum(w for t, w in local_idf.items() if t in present[sentence]) / total_local,
            "coverage_untitled": coverage(set(own) - title),
            "said_by_named": float(bool(named) and _said_by(corpus.speakers, sentence, named)),
            "echo": float(not (written - q_words - STOPWORDS - SAYING)),
            "holds_kind": holds,
            "lacks_kind": float(kind is not None and not holds),
            "names_person": float(asks_who and _names_person(text, corpus.speakers[sentence], q_words)),
            "coverage_asked": coverage_asked(set(own)),
            "coverage_asked_around": coverage_asked(around),
            "lead": 1 / (1 + sentence - first),
            "in_period": timing.in_period(article),
            "support": support[sentence],
            **whole_question,
        }
        rows.append(row)
        dated.append(timing.dated(article))
    best_around = max(r["coverage_around"] for r in rows)
    for r, of_dated in zip(rows, dated):
        r["cosine_gap"] = r["cosine"] - whole_question["best_cosine"]
        r["coverage_gap"] = r["coverage_around"] - best_around
        r.update({name: r[name.removeprefix("dated_")] * of_dated for name in DATED_FEATURES})
    return Candidates(ids, [owners[i] for i in ids], np.array([[r[name] for name in FEATURES] for r in rows]),
                      unknown, vector)


def answer_support(present: dict[int, set[str]], question_terms: set[str], store: Store) -> dict[int, float]:
    """For each candidate sentence, its best term that the question lacks, weighed by how many candidates
    hold it and by its rarity, relative to the best of all: the answer to a question on a story is what
    many sentences about it say and the question does not (redundancy, as in AskMSR)."""
    added = {sentence: held - question_terms for sentence, held in present.items()}
    counts = Counter(t for held in added.values() for t in held)
    weights = dict(zip(counts, np.array(list(counts.values())) * store.idf(list(counts))))
    best = max(weights.values(), default=0.0) or 1.0
    return {sentence: max((weights[t] for t in held), default=0.0) / best for sentence, held in added.items()}


def unknown_names(question: str, store: Store) -> list[str]:
    """Capitalised words of the question that no article contains ("What is the capital of Australia?")."""
    found = []
    for name in names_inside(question):
        stems = terms(name)
        if stems and not any(store.knows(stem) for stem in stems):
            found.append(name)
    return found


# "What did the State Department official say ...?": asks for the words of someone it names by what they are
_ASKS_ROLE = compile(r"\bwhat (?:did|does|do|has|have|had) (?P<who>the [\w' -]{1,60}?) (?:say|tell|warn|claim|add|"
                     r"insist|argue|announce|predict|reveal|admit|deny|suggest|stress|explain)\b", ignore_case=True)


def _asked_roles(question: str) -> set[str]:
    """What the people whose words a question asks for are, where it names them so ("official")."""
    asks = _ASKS_ROLE.search(question)
    return set(roles_in(asks.group("who"))) if asks else set()


def _said_by(speakers, sentence: int, names: set[str]) -> bool:
    speaker = speakers[sentence]  # one per sentence: the store checks it on load
    return speaker is not None and surname(speaker) in names


def _names_person(text: str, speaker: str | None, question_words: set[str]) -> bool:
    """Whether the sentence names someone the question does not: its speaker, or a name of two words."""
    return any(not set(words(name)) <= question_words for name in [*people(text), *filter(None, [speaker])])
