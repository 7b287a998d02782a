"""Everything a person said on a topic: for "What did Lavrov say about preconditions?", each of the
speaker's statements on it across the index, word-for-word repeats merged, in order of publication."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np

from ..attribution import ASKING_AUXILIARIES, SPEECH_VERBS, asked_names, is_title, reports_saying, surname
from ..corroboration import SAME_STATEMENT, jaccard
from ..deadline import check
from ..store import Store
from ..text import pair_term, terms
from .on_topic import FEATURES, load_on_topic_model

MAX_STATEMENTS = 10  # listed in the reply; the rest are counted
# Share of the topic's weight a statement must hold to be on it; less, read with the headline, in the few
# sentences after one that holds it. Chosen on the dev part of bench/statements-bbc.jsonl.
ON_TOPIC, ON_TOPIC_NEARBY, NEARBY = 0.5, 0.4, 4
# Cosine to the question or to the chosen answer of a statement in an article whose lead holds the topic, and
# (closer) to the question in an article where another statement of theirs holds the topic's words.
NEAR, NEAR_BESIDE = 0.5, 0.6
# Cosine to the topic's own words ("the US deficit": the question's embedding is close to all the speaker
# says), read in the question, of a statement anywhere, and of one in an article where another of theirs is on
# the topic. Chosen on the development parts of bench/statements-bbc.jsonl.
ABOUT, ABOUT_BESIDE = 0.6, 0.5
# Words that ask for someone's words, or only stress the asking ("exactly"), rather than name the topic.
_ASKING = frozenset(terms(" ".join(SPEECH_VERBS.split("|")) + " say tell think view views position stance opinion "
                          "comment comments remark remarks word words thought feel react response respond "
                          "describe description claim warn warning call blame accuse criticise criticize praise "
                          "welcome condemn dismiss allege reveal concede acknowledge complain recall regard assess "
                          "advice verdict message assessment prediction forecast explanation write written "
                          "make see exactly actually really ever just else anything something everything"))

# How alike (difflib's ratio) a first name in a question and the archive's must be when none is written the same:
# one letter off in four ("Tana", "Tama": 0.75), not another name ("Dick", "Stephen").
ALIKE_FIRST_NAMES = 0.75
# From this many letters, a first name spelt alike is the same person's even where another article spells it as
# asked: names written from another alphabet vary ("Vassilis", "Vassilli"; "Sergei", "Sergey"), while short ones
# alike may be two people ("John", "Joan").
TRANSLITERATED = 6

_TALKING = frozenset(terms("talk speak spoke discuss"))
_PEERAGE = frozenset("baroness baron lady lord dame sir".split())  # titles written where a first name would be

_PREPOSITIONS = frozenset("of to in on for with from about against over by at into among between".split())
# Prefixes written closed or apart: "preconditions" is the "pre-conditions" the archive writes, which hold
# "conditions" (but "interview" is no "inter-view": a split counts where the archive writes it)
_PREFIXES = ("anti", "counter", "cross", "inter", "multi", "non", "over", "post", "pre", "under")


@dataclass(frozen=True)
class Topic:
    surnames: frozenset[str]  # whose statements: "lavrov"
    first_names: dict[str, str]  # surname -> the first name the question gives, if any ("sergei")
    terms: tuple[str, ...]  # what about: ("precondit",)
    # the things it asks about, joined by "and" or "or", each the words that name it, a hyphenated one
    # as one word: "control orders and house arrest" -> ((control, order), (house, arrest)); () for one
    parts: tuple[tuple[frozenset[str], ...], ...] = ()
    # the word of each part that names the thing itself, the others saying which one: "rebate" in
    # "Britain's EU budget rebate", "sale" in "the sale of Yukos"
    heads: tuple[frozenset[str], ...] = ()
    phrase: str = ""  # the question's words from the topic's first to its last: "the US deficit" -> "US deficit"


@lru_cache(maxsize=1024)  # read for the embedding, the answer and its statements: once per question
def asked_topic(question: str) -> Topic | None:
    """Whose words a question asks for and on what, when it asks what someone said about something
    (and the things it asks about, where it joins several with "and" or "or")."""
    names = asked_names(question)
    if not names:
        return None
    # a source the topic names ("fired by Delta") says whose doing it was, not what was said about it
    own = {t for name in asked_names(question, every_source=True) for t in terms(name)}
    written = question.split()
    # "Dr Fox", "British Foreign Secretary William Hague": the titles name whose words, not what about
    for n in [n for n, word in enumerate(written) if set(terms(word)) & own]:
        while n > 0 and is_title(written[n - 1]):
            n -= 1
            own |= set(terms(written[n]))
    topic = tuple(dict.fromkeys(t for t in terms(question) if t not in own and t not in _ASKING))
    if not topic:
        return None
    first = {surname(name): name.split()[0].lower() for name in names if len(name.split()) > 1}
    speaker = {t for name in asked_names(question, words_only=True) for t in terms(name)}
    whose = speaker or {t for name in names for t in terms(name)}  # "How did Laporte view the match?"
    naming_them = [n for n, word in enumerate(written) if set(terms(word)) & whose]
    first_named, named = (naming_them[0], naming_them[-1]) if naming_them else (-1, -1)
    # "How did Redknapp talk about his move?": the verb after the name asks for words ("the talks" may be the topic)
    talking = set(terms(written[named + 1])) & _TALKING if 0 <= named < len(written) - 1 else set()
    asking = max((n for n in range(first_named) if written[n].lower() in ASKING_AUXILIARIES), default=first_named)
    # "What did Labour peer Helena Kennedy say about the bill?": who she is, not what about
    describing = {t for word in written[asking + 1:first_named] for t in terms(word)} - {
        t for word in written[named + 1:] for t in terms(word)}
    topic = tuple(t for t in topic if t not in talking | describing)
    if not topic:
        return None
    naming = [n for n, word in enumerate(written) if set(terms(word)) & set(topic)]
    naming = [n for n in naming if n > named] or naming  # what it asks about follows whose words it asks for
    parts, heads = [], []
    for said in question.replace(" or ", " and ").split(" and "):
        # a name is one thing however many words it has: "Gordon Brown"
        words: list[str] = []
        for word in said.split():
            if words and word[:1].isupper() and words[-1][:1].isupper() and not words[-1].endswith(("'s", "’s")):
                words[-1] += " " + word
            else:
                words.append(word)
        concepts = [frozenset(t for t in terms(word) if t in topic) for word in words]
        if any(concepts):
            parts.append(tuple(dict.fromkeys(c for c in concepts if c)))
            heads.append(_head(words, concepts))
    phrase = " ".join(written[naming[0]: naming[-1] + 1]).strip("?!.,;:") if naming else ""
    return Topic(frozenset(surname(name) for name in names), first, topic, tuple(parts), tuple(heads), phrase)


def _head(words: list[str], concepts: list[frozenset[str]]) -> frozenset[str]:
    """The last word of a part before a preposition follows one of its words: English puts the thing
    named last, after the words that say which ("EU budget rebate"), before what it is of or to."""
    end = next((n for n, word in enumerate(words) if word.lower() in _PREPOSITIONS and any(concepts[:n])),
               len(words))
    return next(c for c in reversed(concepts[:end]) if c)


def statements(topic: Topic, store: Store, answer: int | None = None, question: np.ndarray | None = None,
               about: np.ndarray | None = None) -> list[list[list[int]]]:
    """The speaker's statements on the topic, each a group of passages saying the same words (the first
    the one to show), groups in order of publication (undated last), then of position in the index. A
    passage is a sentence of theirs with the sentences that go on quoting them: one quotation is one
    statement, however many sentences it runs over.
    A statement is on the topic when it says so itself: its own words hold the topic (`by_words`), or its
    meaning is close to the topic's words (`near_the_topic`) or to the question in an article that sets out
    with the topic (`near_the_question`); when the other rules of `by_rules`, which read what is around it, find
    it is and the fitted model (see on_topic) does not overrule them; when the model finds it is; and when it
    retells one of these in another article.
    A passage is on the topic when one of its sentences is."""
    said = spoken_by(topic, store)
    if not said:
        return []
    read = reading(topic, store, said, answer, question, about)
    model = load_on_topic_model()
    likely = dict(zip(said, model.probability(evidence(read, store))))
    # what the rules find in the statement itself, what they find around it unless the fitted model is sure they
    # are wrong, and what they miss and it is sure of
    itself = by_itself(read, answer)
    holds = {s for s in by_rules(topic, store, read, answer) if s in itself or likely[s] >= model.overrule_below}
    holds |= {s for s, probability in likely.items() if probability >= model.threshold}
    holds |= _retold(holds, [s for s in said if s not in holds], read.own_terms, read.article_of, store)
    on_topic = [run for run in read.runs if holds.intersection(run)]
    return sorted(_merge_repeats(on_topic, read.own_terms, store), key=lambda group: _published(group[0][0], store))


def by_rules(topic: Topic, store: Store, read: Reading, answer: int | None = None) -> set[int]:
    """A statement is on the topic when its own words hold it (`by_words`: most of the topic's words, weighted by
    rarity), or it is the answer the model chose (`answer`, when that is theirs). In the few sentences after one
    that is, the speaker's statements are read with the headline too and need less of the whole topic, as they do in
    a run of their sentences after one that is (no one else's between). In an article whose headline and first
    sentence hold the topic, a statement close in meaning to the question (its embedding, `question`) or to the
    answer is on it, and so is one close to the answer in the answer's own article when the answer is their
    statement on it, and one closer to the question in an article where another of theirs is on the topic by its
    words. A statement close in meaning to the topic's own words (their embedding, `about`) is on it, and one less
    close in an article where another of theirs is on it already. A statement naming the head word of (a part of)
    the topic is on it where its article holds the rest, and one that retells a statement on the topic from another
    article is too."""
    corpus = store.corpus
    said = read.said
    weights, whole, parts, own_terms = read.weights, read.whole, read.parts, read.own_terms
    article_of, headlines, leads = read.article_of, read.headlines, read.leads

    def share(sentence: int, with_headline: bool, of: tuple = parts) -> float:
        """The share of the topic's weight the sentence holds (see `_share`)."""
        words = own_terms[sentence] | headlines[article_of[sentence]] if with_headline else own_terms[sentence]
        return _share(words, weights, of)

    holds = by_words(read, answer)
    holds |= {s for s in said if share(s, True, whole) > ON_TOPIC_NEARBY and any(
        0 < s - h <= NEARBY and article_of[h] == article_of[s] for h in holds)}
    for s in said:  # in order: a run of their sentences, no one else's between, carries the topic on
        if s not in holds and s - 1 in holds and article_of.get(s - 1) == article_of[s] \
                and share(s, True, whole) > ON_TOPIC_NEARBY:
            holds.add(s)
    heads = topic.heads if topic.parts else tuple(max(part, key=lambda c: max(weights[t] for t in c))
                                                   for part in parts)
    holds |= _in_context([s for s in said if s not in holds], parts, heads, weights, own_terms, article_of, store)
    holds |= _retold(holds, [s for s in said if s not in holds], own_terms, article_of, store)
    # where the article sets out with the topic (or the answer is theirs), theirs close to the question or answer
    # (the cosines are 0 where there is no question or topic to embed)
    beside = {article_of[s] for s in holds}
    holds |= near_the_question(read) | {s for s, cosine in zip(said, read.to_question)
                                        if cosine >= NEAR_BESIDE and article_of[s] in beside}
    beside = {article_of[s] for s in holds}
    holds |= near_the_topic(read) | {s for s, cosine in zip(said, read.to_topic)
                                     if cosine >= ABOUT_BESIDE and article_of[s] in beside}
    if answer is not None:
        answered_in = corpus.sentence(answer).article if answer in holds else None  # the answer is theirs
        holds |= {s for s, cosine in zip(said, read.to_answer) if cosine >= NEAR
                  and (leads[article_of[s]] > ON_TOPIC or article_of[s] == answered_in)}
    return holds


def by_itself(read: Reading, answer: int | None = None) -> set[int]:
    """What the rules find on the topic by the statement itself, which the fitted model never overrules."""
    return by_words(read, answer) | near_the_question(read) | near_the_topic(read)


def by_words(read: Reading, answer: int | None = None) -> set[int]:
    """The statements that hold most of the topic's words (of one of the things it joins with "and"), the
    speaker's first in an article read with its headline, which sums it up; and the answer, when it is theirs."""
    firsts = set({read.article_of[s]: s for s in reversed(read.said)}.values())
    return {s for s in read.said if s == answer or _share(
        read.own_terms[s] | read.headlines[read.article_of[s]] if s in firsts else read.own_terms[s], read.weights,
        read.parts) > ON_TOPIC}


def near_the_question(read: Reading) -> set[int]:
    """The statements close in meaning to the question in an article whose headline and first sentence hold the
    topic (none where there is no question to embed: the cosines are 0)."""
    return {s for s, cosine in zip(read.said, read.to_question)
            if cosine >= NEAR and read.leads[read.article_of[s]] > ON_TOPIC}


def near_the_topic(read: Reading) -> set[int]:
    """The statements close in meaning to the topic's own words (none where there are none to embed)."""
    return {s for s, cosine in zip(read.said, read.to_topic) if cosine >= ABOUT}


@dataclass(frozen=True)
class Reading:
    """What the rules and the fitted model read of a speaker's sentences on a topic, computed once."""
    said: list[int]  # their sentences, in order
    weights: dict[str, float]  # each term of the topic: its rarity
    whole: tuple  # the topic as one part
    parts: tuple  # the things it joins with "and" (the whole, when one)
    own_terms: dict[int, set[str]]  # each sentence's terms
    article_of: dict[int, int]
    headlines: dict[int, set[str]]  # each of their articles' headline terms
    leads: dict[int, float]  # what each article's headline and first sentence hold of the topic
    # each sentence's cosine to the question, to the topic's own words and to the chosen answer (0 without one)
    to_question: np.ndarray
    to_topic: np.ndarray
    to_answer: np.ndarray
    # the closer of the sentences right before and after each, to the question and to the topic's own words
    around_question: np.ndarray
    around_topic: np.ndarray
    runs: list[list[int]]  # their quotations (see `_quotations`)


def reading(topic: Topic, store: Store, said: list[int], answer: int | None = None,
            question: np.ndarray | None = None, about: np.ndarray | None = None) -> Reading:
    """The speaker's sentences (`said`, in order) as `statements` and `evidence` read them."""
    corpus = store.corpus
    parts = tuple(tuple(_written_apart(c, store) for c in part) for part in topic.parts)
    whole = (tuple(c for part in parts for c in part) or tuple(frozenset([t]) for t in topic.terms),)
    held = list(dict.fromkeys(t for c in whole[0] for t in c))
    weights = dict(zip(held, store.idf(held)))
    own_terms = {s: set(corpus.sentence_terms(s)) for s in said}
    check()
    article_of = {s: corpus.sentence(s).article for s in said}
    headlines = {a: set(terms(corpus.articles[a].title)) for a in set(article_of.values())}
    leads = {a: _share(words | set(corpus.sentence_terms(int(corpus.sentence_offsets[a]))), weights, whole)
             for a, words in headlines.items()}
    vectors = store.sentence_vectors(said)
    to_question, to_topic, to_answer = (vectors @ v if v is not None else np.zeros(len(said)) for v in
                                        (question, about, store.sentence_vectors([answer])[0]
                                         if answer is not None else None))
    return Reading(said, weights, whole, parts or whole, own_terms, article_of, headlines, leads,
                   to_question, to_topic, to_answer, *_around(said, article_of, store, (question, about)),
                   _quotations(said, article_of, store))


def _written_apart(concept: frozenset[str], store: Store) -> frozenset[str]:
    """A word of the topic and, for one written closed after a prefix, its stem without it where the archive
    writes the two apart ("precondit": "condit", as "pre-condition" is held by "condition")."""
    apart = {t[len(p):] for t in concept for p in _PREFIXES
             if t.startswith(p) and len(t) > len(p) + 3 and store.knows(pair_term(p, t[len(p):]))}
    return concept | apart


def _around(said: list[int], article_of: dict[int, int], store: Store,
            vectors: tuple[np.ndarray | None, ...]) -> list[np.ndarray]:
    """For each vector, each sentence's largest cosine to it among the sentences right before and after it in
    its article (0 where there are none, or no vector)."""
    offsets = store.corpus.sentence_offsets
    beside = [[n for n in (s - 1, s + 1) if offsets[article_of[s]] <= n < offsets[article_of[s] + 1]] for s in said]
    neighbours = sorted({n for pair in beside for n in pair})
    row = {n: r for r, n in enumerate(neighbours)}
    embedded = store.sentence_vectors(neighbours) if neighbours else None
    around = []
    for vector in vectors:
        cosines = embedded @ vector if vector is not None and embedded is not None else None
        around.append(np.array([max((cosines[row[n]] for n in pair), default=0.0) if cosines is not None else 0.0
                                for pair in beside]))
    return around


def spoken_by(topic: Topic, store: Store) -> list[int]:
    """The sentences (in order) said by the person the topic names."""
    corpus = store.corpus
    by_surname = [int(s) for s in corpus.speakers.said_by(set(topic.surnames))]
    # a first name spelt one letter off ("Tana Umaga" for the archive's "Tama Umaga") where none is spelt so
    said = [s for s in by_surname if _same_person(corpus.speakers[s], topic, _same_or_transliterated)] or [
        s for s in by_surname if _same_person(corpus.speakers[s], topic, _spelt_alike)]
    return sorted(_misspelt(topic, store, said).union(said))


def _misspelt(topic: Topic, store: Store, said: list[int]) -> set[int]:
    """The sentences of a speaker whose surname is written one letter off the asked one: under the asked
    first name ("Peter Jameson" for Peter Jamieson), or without one in an article where the asked person
    speaks too ("said Daveport" in a report quoting Lindsay Davenport)."""
    corpus = store.corpus
    theirs = {corpus.sentence(s).article for s in said}
    found = set()  # once, though a misspelling may be one letter off two asked surnames
    for asked in topic.surnames:
        first = topic.first_names.get(asked)
        for s in corpus.speakers.said_by(corpus.speakers.one_letter_off(asked)):
            words = corpus.speakers[s].lower().split()[:-1]
            if words and first is not None and any(_same_first_name(word, first) for word in words) \
                    or not words and corpus.sentence(int(s)).article in theirs:
                found.add(int(s))
    return found


def evidence(read: Reading, store: Store) -> np.ndarray:
    """For each of the speaker's sentences, the features of on_topic.FEATURES."""
    corpus = store.corpus
    said, weights, whole, parts = read.said, read.weights, read.whole, read.parts
    by_article: dict[int, list[int]] = {}
    for n, s in enumerate(said):
        by_article.setdefault(read.article_of[s], []).append(n)
    own = [read.own_terms[s] for s in said]
    share = np.array([_share(words, weights, parts) for words in own])
    continuing = {s for run in read.runs for s in run[1:]}
    columns = {name: np.zeros(len(said)) for name in FEATURES}
    for article, members in by_article.items():
        headline = read.headlines[article]
        near = [[m for m in members if m != n and abs(said[m] - said[n]) <= NEARBY] for n in members]
        for name, values in (
                ("share", share[members]),
                ("share_with_headline", [_share(own[n] | headline, weights, parts) for n in members]),
                ("whole_share_with_headline", [_share(own[n] | headline, weights, whole) for n in members]),
                ("cosine_question", read.to_question[members]),
                ("cosine_topic", read.to_topic[members]),
                ("cosine_answer", read.to_answer[members]),
                ("lead_share", read.leads[article]),
                ("article_share", _share(corpus.article_terms(article), weights, whole)),
                ("speakers_first", np.arange(len(members)) == 0),
                ("best_share_beside", _best_of_others(share[members])),
                ("best_share_near", [max(share[m], default=0.0) for m in near]),
                ("best_cosine_question_beside", _best_of_others(read.to_question[members])),
                ("best_cosine_topic_beside", _best_of_others(read.to_topic[members])),
                ("best_cosine_topic_near", [max(read.to_topic[m], default=0.0) for m in near]),
                ("goes_on_quoting", [said[n] in continuing for n in members]),
                ("cosine_question_around", read.around_question[members]),
                ("cosine_topic_around", read.around_topic[members])):
            columns[name][members] = values
    columns["log_closer_to_topic"] = np.log1p(len(said) - np.searchsorted(np.sort(read.to_topic), read.to_topic,
                                                                          side="right"))
    columns["log_statements"][:] = np.log1p(len(said))
    columns["log_articles"][:] = np.log1p(len(by_article))
    return np.column_stack([columns[name] for name in FEATURES])


def _best_of_others(values: np.ndarray) -> np.ndarray:
    """For each value, the largest of the others (0 where there are none)."""
    if len(values) < 2:
        return np.zeros(len(values))
    top, second = np.sort(values)[[-1, -2]]
    return np.where(values == top, second, top)


def _quotations(said: list[int], article_of: dict[int, int], store: Store) -> list[list[int]]:
    """The sentences (in order) as runs: a sentence with those right after it that go on quoting it."""
    runs: list[list[int]] = []
    for s in said:
        if runs and runs[-1][-1] == s - 1 and article_of[s - 1] == article_of[s] \
                and not reports_saying(store.corpus.sentence_text(s)):
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs


def _share(words: set[str], weights: dict[str, float], parts: tuple) -> float:
    """The share of the topic's weight the words hold, of the part they hold most of: each word of the
    topic (a name, a hyphenated word) weighs as its rarest form, held when any of its forms is."""
    words = weights.keys() & words  # the few topic words a sentence holds, if any: most hold none
    if not words:
        return 0.0
    return max(sum(max((weights[t] for t in concept if t in words), default=0.0) for concept in part)
               / (sum(max(weights[t] for t in concept) for concept in part) or 1.0) for part in parts)


def _in_context(sentences: list[int], parts: tuple, heads: tuple, weights: dict[str, float],
                own_terms: dict[int, set[str]], article_of: dict[int, int], store: Store) -> set[int]:
    """The sentences that name the head of a part of the topic in an article that holds most of that
    part: the article says which one ("the rebate" in a report on Britain's EU budget rebate)."""
    corpus = store.corpus
    return {s for s in sentences if any(key & own_terms[s] and _share(corpus.article_terms(article_of[s]), weights,
                                                                      (part,)) > ON_TOPIC
                                        for part, key in zip(parts, heads))}


def _retold(on_topic: set[int], others: list[int], own_terms: dict[int, set[str]], article_of: dict[int, int],
            store: Store) -> set[int]:
    """The sentences among `others` that make the same statement (see corroboration) as one on the topic in
    another article: a report retold in other words is on the topic even without its words."""
    if not on_topic or not others:
        return set()
    on_topic = sorted(on_topic)
    cosines = store.sentence_vectors(others) @ store.sentence_vectors(on_topic).T
    close = zip(*np.nonzero(cosines >= SAME_STATEMENT - 1))  # a Jaccard index adds at most 1
    return {others[n] for n, m in close if article_of[on_topic[m]] != article_of[others[n]]
            and cosines[n, m] + jaccard(own_terms[others[n]], own_terms[on_topic[m]]) >= SAME_STATEMENT}


def _same_person(speaker: str | None, topic: Topic, same_first_name: Callable[[str, str], bool] | None = None) -> bool:
    """Whether a speaker with an asked surname is the one asked about: "Gordon Brown" is not "Nick Brown", and
    "Guitarist Brian May" is Brian May (first names compared by `same_first_name`, _same_first_name unless
    given)."""
    if not speaker:
        return False
    first = topic.first_names.get(surname(speaker))
    words = [word for word in speaker.lower().split() if word not in _PEERAGE]  # "Baroness Boothroyd": no first name
    same = same_first_name or _same_first_name
    return first is None or len(words) < 2 or any(same(word, first) for word in words[:-1])


def _same_first_name(one: str, other: str) -> bool:
    """Whether two first names are one person's: the same, or a short form that starts the long one ("Vince"
    and "Vincent", "Rob" and "Robert")."""
    short, long = sorted((one, other), key=len)
    return one == other or len(short) >= 3 and long.startswith(short)


def _same_or_transliterated(one: str, other: str) -> bool:
    """Whether two first names are one person's (see _same_first_name), or long ones spelt alike."""
    return _same_first_name(one, other) or min(len(one), len(other)) >= TRANSLITERATED and _spelt_alike(one, other)


def _spelt_alike(one: str, other: str) -> bool:
    """Whether two first names of four letters or more are one letter apart ("Tana", "Tama")."""
    return min(len(one), len(other)) >= 4 and SequenceMatcher(None, one, other).ratio() >= ALIKE_FIRST_NAMES


def _merge_repeats(runs: list[list[int]], own_terms: dict[int, set[str]], store: Store) -> list[list[list[int]]]:
    """Groups of runs making the same statement (a sentence of one and of the other do, see corroboration),
    each led by its earliest."""
    runs = sorted(runs, key=lambda run: _published(run[0], store))
    sentences = [s for run in runs for s in run]
    vectors = store.sentence_vectors(sentences)
    cosines = vectors @ vectors.T
    same_sentence = {(sentences[a], sentences[b]) for a, b in zip(*np.nonzero(cosines >= SAME_STATEMENT - 1))
                     if cosines[a, b] + jaccard(own_terms[sentences[a]], own_terms[sentences[b]]) >= SAME_STATEMENT}

    def same(run: list[int], other: list[int]) -> bool:  # a Jaccard index adds at most 1 to the cosine
        return any((a, b) in same_sentence for a in run for b in other)

    groups: list[list[list[int]]] = []
    for run in runs:
        group = next((group for group in groups if same(run, group[0])), None)
        if group is None:
            groups.append([run])
        else:
            group.append(run)
    return groups


def _published(sentence: int, store: Store) -> tuple[bool, str, int]:
    article = store.corpus.sentence_article(sentence)
    return article.published is None, article.published or "", sentence
