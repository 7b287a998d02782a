"""Everything a person said on a topic: for "What did Lavrov say about preconditions?", each of the
speaker's statements on it across the index, word-for-word repeats merged, in order of publication."""

from __future__ import annotations

from dataclasses import dataclass

from ..attribution import SPEECH_VERBS, asked_names, find_speaker, surname
from ..corroboration import SAME_STATEMENT, jaccard
from ..deadline import check
from ..store import Store
from ..text import terms

MAX_STATEMENTS = 10  # listed in the reply; the rest are counted
# Share of the topic's weight a statement must hold to be on it; less, read with the headline, a few
# sentences from one that holds it. Chosen on the dev part of bench/statements-bbc.jsonl.
ON_TOPIC, ON_TOPIC_NEARBY, NEARBY = 0.5, 0.4, 4
# Words that ask for someone's words rather than name the topic.
_ASKING = frozenset(terms(" ".join(SPEECH_VERBS.split("|")) + " say tell think view views position stance opinion "
                          "comment comments remark remarks word words thought feel react response respond "
                          "describe description claim warn warning"))


@dataclass(frozen=True)
class Topic:
    surnames: frozenset[str]  # whose statements: "lavrov"
    first_names: dict[str, str]  # surname -> the first name the question gives, if any ("sergei")
    terms: tuple[str, ...]  # what about: ("precondit",)


def asked_topic(question: str) -> Topic | None:
    """Whose words a question asks for and on what, when it asks what someone said about something."""
    names = asked_names(question)
    if not names:
        return None
    own = {t for name in names for t in terms(name)}
    topic = tuple(dict.fromkeys(t for t in terms(question) if t not in own and t not in _ASKING))
    if not topic:
        return None
    first = {surname(name): name.split()[0].lower() for name in names if len(name.split()) > 1}
    return Topic(frozenset(surname(name) for name in names), first, topic)


def statements(topic: Topic, store: Store, answer: int | None = None) -> list[list[int]]:
    """The speaker's statements on the topic, each a group of sentences saying the same words (the first
    the one to show), groups in order of publication (undated last), then of position in the index.

    A statement is on the topic when it holds most of the topic's words, weighted by rarity (the
    speaker's first statement in an article is read with its headline, which sums it up), or is the answer
    the model chose (`answer`, when that is theirs). A few sentences from one that is, the speaker's
    statements are read with the headline too and need less of the topic, and the sentence right after
    one on the topic counts (a quote running on)."""
    corpus = store.corpus
    said = [int(s) for s in corpus.speakers.said_by(set(topic.surnames)) if _same_person(corpus.speakers[s], topic)]
    if not said:
        return []
    weights = dict(zip(topic.terms, store.idf(list(topic.terms))))
    total = sum(weights.values()) or 1.0
    own_terms = {s: set(corpus.sentence_terms(s)) for s in said}
    check()
    article_of = {s: corpus.sentence(s).article for s in said}
    articles = set(article_of.values())
    headlines = {a: set(terms(corpus.articles[a].title)) for a in articles}
    firsts = {min(s for s in said if article_of[s] == a) for a in articles}  # the speaker's first in each article

    def share(sentence: int, with_headline: bool) -> float:
        words = own_terms[sentence] | headlines[article_of[sentence]] if with_headline else own_terms[sentence]
        return sum(w for t, w in weights.items() if t in words) / total

    holds = {s for s in said if s == answer or share(s, s in firsts) > ON_TOPIC}
    holds |= {s for s in said if share(s, True) > ON_TOPIC_NEARBY and any(
        abs(s - h) <= NEARBY and article_of[h] == article_of[s] for h in holds)}
    on_topic = [s for s in said if s in holds or s - 1 in holds and _same_article(s, s - 1, store)
                and _quoting(corpus.sentence_text(s))]
    return sorted(_merge_repeats(on_topic, own_terms, store), key=lambda group: _published(group[0], store))


def _quoting(text: str) -> bool:
    """Whether a sentence can be a quotation running on: it opens with a quotation mark, or names no
    speaker of its own ('Why not?"'), unlike a new report of what they said ("He also stressed ...")."""
    return text.lstrip().startswith(('"', "“")) or find_speaker(text) is None


def _same_article(sentence: int, other: int, store: Store) -> bool:
    return store.corpus.sentence(sentence).article == store.corpus.sentence(other).article


def _same_person(speaker: str | None, topic: Topic) -> bool:
    """Whether a speaker with an asked surname is the one asked about: "Gordon Brown" is not "Nick Brown"."""
    if not speaker:
        return False
    first = topic.first_names.get(surname(speaker))
    words = speaker.lower().split()
    return first is None or len(words) < 2 or words[0] == first


def _merge_repeats(sentences: list[int], own_terms: dict[int, set[str]], store: Store) -> list[list[int]]:
    """Groups of sentences making the same statement (see corroboration), each led by its earliest."""
    sentences = sorted(sentences, key=lambda s: _published(s, store))
    vectors = store.sentence_vectors(sentences)
    cosines = vectors @ vectors.T
    groups: list[list[int]] = []
    leader_of: list[int] = []  # position in `sentences` of each group's first sentence
    for n, sentence in enumerate(sentences):
        for group, lead in zip(groups, leader_of):
            if cosines[n, lead] + jaccard(own_terms[sentence], own_terms[group[0]]) >= SAME_STATEMENT:
                group.append(sentence)
                break
        else:
            groups.append([sentence])
            leader_of.append(n)
    return groups


def _published(sentence: int, store: Store) -> tuple[bool, str, int]:
    article = store.corpus.sentence_article(sentence)
    return article.published is None, article.published or "", sentence
