"""The question-answering service as a library: load an index once, then answer questions."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, partial

import numpy as np
from threadpoolctl import threadpool_limits

from .answer import (
    AnswerModel,
    Candidates,
    Choice,
    Timing,
    candidate_features,
    choose,
    describe,
    given_again,
    in_their_words,
    load_model,
    naming,
    source,
    told_whom,
    what_follows,
    when_said,
    where_said,
    whose_words,
    why_so,
)
from .answer.features import asking_sentence
from .answer.statements import asked_topic
from .config import Settings
from .corroboration import distinct_passages
from .deadline import check, time_budget
from .embedder import Embedder
from .embedders import make_embedder
from .errors import BadQuestion, BadRequest, NotFound
from .filters import UNDATED, Filters, article_days, validate_filters
from .followup import Understood, understand
from .period import Period, parse_as_of, read_period
from .retrieval import Passage, Preference, preference_bonus, retrieve
from .store import backend
from .text import clean, keyword_terms, terms

MAX_QUESTION_CHARS = 1000
MAX_TOP_K = 20
MAX_HISTORY_TURNS = 20
MAX_HISTORY_ANSWER_CHARS = 5000
NO_MATCH = "no article matches these filters"
QUESTION_PATTERN = r"[^\W_]"  # a letter or digit of any script (Python's syntax); a question needs one


def validate_question(question: object) -> str:
    if not isinstance(question, str):
        raise BadQuestion("question must be a string")
    question = clean(question).strip()
    if not question:
        raise BadQuestion("question is empty: ask something about the articles")
    if not re.search(QUESTION_PATTERN, question):
        raise BadQuestion("question has no letters or digits: ask something about the articles")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadQuestion(f"question is {len(question)} characters long; the limit is {MAX_QUESTION_CHARS}")
    return question


def validate_top_k(top_k: object) -> int:
    if isinstance(top_k, float) and top_k.is_integer():  # JSON does not tell 5 from 5.0
        top_k = int(top_k)
    if isinstance(top_k, bool) or not isinstance(top_k, int) or not 1 <= top_k <= MAX_TOP_K:
        raise BadRequest(f"top_k must be a whole number from 1 to {MAX_TOP_K}")
    return top_k


def validate_history(history: object) -> list[dict]:
    """Earlier turns of the conversation: a list of {question, answer} with answer a string, null, or the answer
    object an earlier reply gave (its "text" is read)."""
    if history is None:
        return []
    if not isinstance(history, list):
        raise BadRequest("history must be a list of {\"question\": ..., \"answer\": ...} objects")
    if len(history) > MAX_HISTORY_TURNS:
        raise BadRequest(f"history has {len(history)} turns; send at most the last {MAX_HISTORY_TURNS}")
    turns = []
    for number, turn in enumerate(history, start=1):
        if not isinstance(turn, dict) or not isinstance(turn.get("question"), str):
            raise BadRequest(f"history turn {number} must be an object with a string \"question\"")
        answer = turn.get("answer")
        if isinstance(answer, dict):  # a client may send back the reply's answer object as it came
            answer = answer.get("text")
            if not isinstance(answer, str):
                raise BadRequest(f"history turn {number}: an \"answer\" object must hold its \"text\"")
        if answer is not None and not isinstance(answer, str):
            raise BadRequest(f"history turn {number}: \"answer\" must be a string, null or an answer object")
        if len(turn["question"]) > MAX_QUESTION_CHARS or len(answer or "") > MAX_HISTORY_ANSWER_CHARS:
            raise BadRequest(f"history turn {number} is too long")
        turns.append({"question": clean(turn["question"]), "answer": clean(answer) if answer else answer})
    return turns


@dataclass(frozen=True)
class Found:
    """What the search for one question found, before the answer is chosen."""

    search: str  # the question as understood
    vector: np.ndarray
    passages: list[Passage]
    given: set[int]  # sentences already answered in the conversation, and their copies
    following: int | None  # the sentence after the last answer ("what did he say next?") or about it ("why?")
    candidates: Candidates
    period: Period | None = None  # the window the question's time words named
    filtered: bool = False  # whether the search was filtered to it (rather than preferring it)
    context: int | None = None  # the sentence that answered the last turn, when this one is a follow-up


# The sentence that answers what a follow-up asks of the last answer: who said it, their name, when, why, to whom,
# where, in their own words.
_OF_LAST = {"source": whose_words, "name": naming, "time": when_said, "reason": why_so, "audience": told_whom,
            "place": where_said, "quote": in_their_words}


class Engine:
    """Answers questions from one loaded index. Load once per process; `ask` is safe to call from threads."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, model: AnswerModel | None = None):
        """Load the index in `settings.index` (first, so a bad index fails before the model loads), the
        answer model unless `model` is given, and the embedding model unless an `embedder` is given."""
        # numpy's small products gain nothing from BLAS threads, whose spinning slows the model's next pass
        # several-fold on a small machine; the model keeps its own threads.
        threadpool_limits(1, user_api="blas")
        self.settings = settings
        self.store = backend(settings).open()
        self.model = model or load_model(settings.answer_model)
        self.embedder = embedder or make_embedder(settings)

    def ask(self, question: object, top_k: int | None = None, history: object = None,
            filters: object = None, as_of: object = None) -> dict:
        """The /ask reply for one question (see DESIGN.md for the contract). `as_of` (yyyy-mm-dd, default
        the newest article's day) is the day the question is asked on: later articles are not searched,
        and "this week" or "recently" are read relative to it."""
        started = time.perf_counter()
        question = validate_question(question)
        top_k = validate_top_k(self.settings.top_k if top_k is None else top_k)
        turns = validate_history(history)
        narrowed = validate_filters(filters)
        day = parse_as_of(as_of) or self.newest_day
        with time_budget(self.settings.ask_timeout,
                         f"the question took longer than {self.settings.ask_timeout:g} s (QA_ASK_TIMEOUT); "
                         "try a shorter or more specific one"):
            reply = self._answer_question(question, top_k, turns, narrowed, day)
        reply["took_ms"] = round((time.perf_counter() - started) * 1000, 1)
        return reply

    @cached_property
    def days(self) -> np.ndarray:
        """The published day of every article (filters.article_days), read once."""
        return article_days(self.store.corpus.articles)

    @cached_property
    def newest_day(self) -> date | None:
        """The default as-of day: the newest article's, or None when no article is dated."""
        dated = self.days[self.days != UNDATED]
        return date.fromordinal(int(dated.max())) if len(dated) else None

    def _answer_question(self, question: str, top_k: int, turns: list[dict], narrowed: Filters | None,
                         as_of: date | None = None) -> dict:
        understood = self._understand(question, turns)
        found = self._candidates(question, understood, understood.question, narrowed, as_of)
        choice = self._choose(found)
        if understood.as_asked is not None:  # the question as asked may be answered with more confidence
            alone = self._candidates(question, understood, understood.as_asked, narrowed, as_of)
            other = self._choose(alone)
            if other is not None and (choice is None or other.confidence > choice.confidence):
                found, choice = alone, other
        search, passages = found.search, found.passages
        shown = distinct_passages(self.store, self._by_answer(found), found.vector, top_k,
                                  keep=choice.chunk if choice else None)
        answer, span = describe(search, choice, self.store, found.vector, found.candidates.about) \
            if choice else (None, None)
        reply = {
            "question": question,
            "answer": answer,
            "passages": [self._passage(rank, p, span, copies) for rank, (p, copies) in enumerate(shown, start=1)],
        }
        if narrowed is not None and not passages:
            reply["note"] = NO_MATCH
        if search != question:
            reply["understood_as"] = search
        if as_of is not None:
            reply["as_of"] = as_of.isoformat()
        if found.period is not None:
            reply["period"] = found.period.to_json(found.filtered)
        return reply

    def _choose(self, found: Found) -> Choice | None:
        choice = choose(found.search, found.candidates, self.store, self.model, found.given, found.following,
                        found.context)
        check()
        return choice

    def _by_answer(self, found: Found) -> list[Passage]:
        """The passages whose sentences competed to answer first, by their best sentence's score (the answer
        model reads a passage more closely than retrieval does), then the others as retrieved."""
        candidates = found.candidates
        best: dict[int, float] = {}
        for passage, score in zip(candidates.passages, self.model.scores(candidates.features)):
            best[passage.chunk] = max(score, best.get(passage.chunk, -np.inf))
        return sorted(found.passages, key=lambda p: (p.chunk not in best, -best.get(p.chunk, 0.0)))

    def candidates(self, question: str, history: list[dict] | None = None,
                   as_of: date | None = None) -> tuple[str, Candidates]:
        """The question as understood and its candidate answering sentences with their features: what the
        answer model scores, for `qa fit`. `as_of` as in `ask` (default the newest article's day)."""
        question = validate_question(question)
        understood = self._understand(question, history or [])
        found = self._candidates(question, understood, understood.question, None, as_of or self.newest_day)
        return found.search, found.candidates

    def _understand(self, question: str, turns: list[dict]) -> Understood:
        return understand(question, turns, self.store.corpus, self.store.find_sentence, self.store.knows)

    def _candidates(self, question: str, understood: Understood, search: str, narrowed: Filters | None,
                    as_of: date | None = None) -> Found:
        """What the search for `search` finds: the question as understood, or (for a follow-up completed with
        the last turns' people) as asked, see Understood.as_asked."""
        vector, about = self.embed_question(search)
        check()
        # the time words of the sentence that asks win over the scene's: "This week marked a year since the
        # Taliban returned. How many people left in August last year?" asks about last year
        period = (read_period(asking_sentence(question), as_of) or read_period(question, as_of)
                  or read_period(search, as_of)) if as_of else None
        passages, filtered = self._retrieve(search, vector, self._as_it_stood(narrowed, as_of), period)
        check()
        following = what_follows(self.store, understood.previous, search) if understood.previous is not None else None
        if understood.about_last:  # "According to whom?", "What is his name?", "When did he say that?"
            asks, last = understood.about_last
            following = _OF_LAST[asks](self.store, last)
        if following is not None:  # "what did he say next?": what follows the last answer competes
            passages = self._with_what_follows(passages, following)
        given = understood.answered.union(*(given_again(self.store, s, search) for s in understood.answered))
        candidates = candidate_features(search, vector, passages, self.store, self.settings.answer_passages,
                                        Timing(self.days, period))
        if about is not None:
            candidates = replace(candidates, about=about)
        return Found(search, vector, passages, given, following, candidates, period, filtered, understood.context)

    def embed_question(self, search: str) -> tuple[np.ndarray, np.ndarray | None]:
        """The question's vector, and for what someone said about something its topic's: the topic's words
        pooled from the question's own pass (see pool_spans), so that it costs no second text."""
        topic = asked_topic(search)
        at = search.find(topic.phrase) if topic and topic.phrase else -1
        if at < 0:
            return self.embedder.encode([search])[0], None
        vectors, pooled = self.embedder.encode_passages([search], [[(at, at + len(topic.phrase))]])
        return vectors[0], pooled[0][0]

    def _as_it_stood(self, narrowed: Filters | None, as_of: date | None) -> Filters | None:
        """`narrowed`, and the archive as it stood on `as_of` when any article is dated later."""
        if as_of is None or not (self.days > as_of.toordinal()).any():
            return narrowed
        return Filters(*(narrowed.outlets, narrowed.after, narrowed.before) if narrowed else (),
                       until=as_of, days=self.days)

    def _retrieve(self, search: str, vector: np.ndarray, narrowed: Filters | None,
                  period: Period | None) -> tuple[list[Passage], bool]:
        """Passages for the question, and whether they were filtered to the period.

        An explicit range ("this week") filters when its days hold an article on the question: one of
        its passages would be among those that compete to answer (settings.answer_passages) in the whole
        archive. When they hold none (an archive that lacks that week's reporting, or a range
        without articles), and for vague words ("recently"), the period is preferred instead."""
        settings = self.settings
        found = partial(retrieve, self.store, vector, keyword_terms(search), settings.candidates,
                        settings.dense_weight)
        if period is None:
            return found(narrowed), False
        if period.explicit:
            within = found((narrowed or Filters()).narrowed(period.start, period.end))
            competing = {p.chunk for p in found(narrowed)[: settings.answer_passages]}
            if any(p.chunk in competing for p in within):
                return within, True
        bonus = preference_bonus(settings.dense_weight, len(set(terms(search))))
        return found(narrowed, prefer=Preference(period.start, period.end, bonus, self.days)), False

    def _with_what_follows(self, passages: list[Passage], sentence: int) -> list[Passage]:
        """`passages` with the one holding `sentence` among those whose sentences compete."""
        corpus = self.store.corpus
        article = corpus.sentence(sentence).article
        local = sentence - int(corpus.sentence_offsets[article])
        chunks = corpus.chunk_columns
        holding = np.flatnonzero((chunks.article == article) & (chunks.first_sentence <= local)
                                 & (local < chunks.last_sentence))
        top = passages[: self.settings.answer_passages]
        if not len(holding) or any(p.chunk == int(holding[0]) for p in top):
            return passages
        rest = [p for p in passages if p.chunk != int(holding[0])]
        cut = self.settings.answer_passages - 1
        return rest[:cut] + [Passage(int(holding[0]), 0.0, 0.0, 0.0)] + rest[cut:]

    def _passage(self, rank: int, passage: Passage, span: tuple[int, int, int] | None,
                 copies: list[int] = ()) -> dict:
        corpus = self.store.corpus
        chunk = corpus.chunk(passage.chunk)
        article = corpus.articles[chunk.article]
        highlight = []
        if span and span[0] == chunk.article and chunk.start <= span[1] and span[2] <= chunk.end:
            highlight = [[span[1] - chunk.start, span[2] - chunk.start]]
        shown = {
            "rank": rank,
            "text": corpus.chunk_text(passage.chunk),
            "score": round(float(np.clip(passage.score, 0.0, 1.0)), 4),
            "source": source(article),
            "highlight": highlight,
            "span": [chunk.start, chunk.end],
        }
        if copies:  # the same story in other outlets' articles, shown once
            shown["also_carried_by"] = [source(corpus.articles[corpus.chunk(c).article]) for c in copies]
        return shown

    def health(self) -> dict:
        manifest = self.store.manifest
        return {"status": "ready", "model": manifest["model"], "articles": manifest["counts"]["articles"],
                "chunks": manifest["counts"]["chunks"], "built": manifest.get("created")}

    def sources(self) -> list[dict]:
        return self.store.corpus.catalogue()

    def source(self, path: str) -> dict:
        """One indexed article, whole; only paths in the index exist here, nothing is read from disk."""
        number = self.store.corpus.articles.number(path)
        if number is None:
            raise NotFound(f"no article {path!r} in the index; GET /sources lists them")
        article = self.store.corpus.articles[number]
        return {"path": article.path, "title": article.title, "text": article.text, **article.meta()}
