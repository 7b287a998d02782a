"""The question-answering service as a library: load an index once, then answer questions."""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from .answer import AnswerModel, Candidates, candidate_features, choose, describe, load_model, source, what_follows
from .config import Settings
from .corroboration import corroborating, distinct_passages
from .deadline import check, time_budget
from .embedder import Embedder, SentenceTransformerEmbedder
from .errors import BadQuestion, BadRequest, NotFound
from .filters import Filters, validate_filters
from .followup import understand
from .indexer import open_store
from .retrieval import Passage, retrieve
from .text import clean, keyword_terms

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
    """Earlier turns of the conversation: a list of {question, answer} with answer a string or null."""
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
        if answer is not None and not isinstance(answer, str):
            raise BadRequest(f"history turn {number}: \"answer\" must be a string or null")
        if len(turn["question"]) > MAX_QUESTION_CHARS or len(answer or "") > MAX_HISTORY_ANSWER_CHARS:
            raise BadRequest(f"history turn {number} is too long")
        turns.append({"question": clean(turn["question"]), "answer": clean(answer) if answer else answer})
    return turns


class Engine:
    """Answers questions from one loaded index. Load once per process; `ask` is safe to call from threads."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, model: AnswerModel | None = None):
        """Load the index in `settings.index` (first, so a bad index fails before the model loads), the
        answer model unless `model` is given, and the embedding model unless an `embedder` is given."""
        # numpy's small products gain nothing from BLAS threads, whose spinning slows the model's next pass
        # several-fold on a small machine; the model keeps its own threads.
        threadpool_limits(1, user_api="blas")
        self.settings = settings
        self.store = open_store(Path(settings.index), settings)
        self.model = model or load_model(settings.answer_model)
        self.embedder = embedder or SentenceTransformerEmbedder(settings.model, settings.batch_size)

    def ask(self, question: object, top_k: int | None = None, history: object = None,
            filters: object = None) -> dict:
        """The /ask reply for one question (see DESIGN.md for the contract)."""
        started = time.perf_counter()
        question = validate_question(question)
        top_k = validate_top_k(self.settings.top_k if top_k is None else top_k)
        turns = validate_history(history)
        narrowed = validate_filters(filters)
        with time_budget(self.settings.ask_timeout,
                         f"the question took longer than {self.settings.ask_timeout:g} s (QA_ASK_TIMEOUT); "
                         "try a shorter or more specific one"):
            reply = self._answer_question(question, top_k, turns, narrowed)
        reply["took_ms"] = round((time.perf_counter() - started) * 1000, 1)
        return reply

    def _answer_question(self, question: str, top_k: int, turns: list[dict], narrowed: Filters | None) -> dict:
        search, vector, passages, given, previous, following, candidates = self._candidates(question, turns, narrowed)
        choice = choose(search, candidates, self.store, self.model, previous, given, following)
        check()
        shown = distinct_passages(self.store, passages, vector, top_k, keep=choice.chunk if choice else None)
        answer, span = describe(search, choice, self.store) if choice else (None, None)
        reply = {
            "question": question,
            "answer": answer,
            "passages": [self._passage(rank, p, span) for rank, p in enumerate(shown, start=1)],
        }
        if narrowed is not None and not passages:
            reply["note"] = NO_MATCH
        if search != question:
            reply["understood_as"] = search
        return reply

    def candidates(self, question: str, history: list[dict] | None = None) -> tuple[str, Candidates]:
        """The question as understood and its candidate answering sentences with their features: what the
        answer model scores, for `qa fit`."""
        search, *_, candidates = self._candidates(validate_question(question), history or [], None)
        return search, candidates

    def _candidates(self, question: str, turns: list[dict], narrowed: Filters | None):
        understood = understand(question, turns, self.store.corpus, self.store.find_sentence)
        search = understood.question
        vector = self.embedder.encode([search])[0]
        check()
        passages = retrieve(self.store, vector, keyword_terms(search), self.settings.candidates,
                            self.settings.dense_weight, narrowed)
        check()
        following = what_follows(self.store, understood.previous, search) if understood.previous is not None else None
        if following is not None:  # "what did he say next?": what follows the last answer competes
            passages = self._with_what_follows(passages, following)
        given = understood.answered.union(*(corroborating(self.store, s) for s in understood.answered))
        candidates = candidate_features(search, vector, passages, self.store, self.settings.answer_passages)
        return search, vector, passages, given, understood.previous, following, candidates

    def _with_what_follows(self, passages: list[Passage], sentence: int) -> list[Passage]:
        """`passages` with the one holding `sentence` among those whose sentences compete."""
        corpus = self.store.corpus
        article = int(corpus.sentences[sentence][0])
        local = sentence - int(corpus.sentence_offsets[article])
        chunks = corpus.chunks
        holding = np.flatnonzero((chunks[:, 0] == article) & (chunks[:, 4] <= local) & (local < chunks[:, 5]))
        top = passages[: self.settings.answer_passages]
        if not len(holding) or any(p.chunk == int(holding[0]) for p in top):
            return passages
        rest = [p for p in passages if p.chunk != int(holding[0])]
        cut = self.settings.answer_passages - 1
        return rest[:cut] + [Passage(int(holding[0]), 0.0, 0.0, 0.0)] + rest[cut:]

    def _passage(self, rank: int, passage: Passage, span: tuple[int, int, int] | None) -> dict:
        corpus = self.store.corpus
        article_id, _, chunk_start, chunk_end, _, _ = (int(x) for x in corpus.chunks[passage.chunk])
        article = corpus.articles[article_id]
        highlight = []
        if span and span[0] == article_id and chunk_start <= span[1] and span[2] <= chunk_end:
            highlight = [[span[1] - chunk_start, span[2] - chunk_start]]
        return {
            "rank": rank,
            "text": corpus.chunk_text(passage.chunk),
            "score": round(float(np.clip(passage.score, 0.0, 1.0)), 4),
            "source": source(article),
            "highlight": highlight,
            "span": [chunk_start, chunk_end],
        }

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
