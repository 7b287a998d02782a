"""Scores the engine on a questions file: answer accuracy, passage recall, MRR, abstentions, latency."""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tqdm import tqdm

RECALL_AT = (1, 5, 20)
MRR_AT = 10


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answers: list[str]
    sources: list[str]
    unanswerable: bool
    history: list[dict] | None = None  # earlier turns, as /ask takes them, for a follow-up question
    date: str | None = None  # the day it was asked (yyyy-mm-dd): asked as of that day


def read_questions(path: str | Path) -> list[Question]:
    """Lines of {id, question, answers, sources | article, unanswerable?, history?, date?}, as in shared/eval."""
    questions = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                sources = record.get("sources") or ([record["article"]] if record.get("article") else [])
                questions.append(Question(str(record.get("id", number)), str(record["question"]),
                                          [str(a) for a in record.get("answers", [])], [str(s) for s in sources],
                                          bool(record.get("unanswerable", False)), _history(record),
                                          _date(record.get("date"))))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise ValueError(f"{path}:{number}: not a question record ({exc})") from None
    return questions


def _history(record: dict) -> list[dict] | None:
    history = record.get("history")
    if history is not None and not isinstance(history, list):
        raise TypeError('"history" must be a list of {"question": ..., "answer": ...}')
    return history


_DAY = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")  # fixed-width digit runs: linear by construction


def _date(value: object) -> str | None:
    """A question's date as yyyy-mm-dd; news quizzes write "2022/06/16"."""
    if value is None or value == "":
        return None
    found = _DAY.fullmatch(value.strip()) if isinstance(value, str) else None
    if not found:
        raise ValueError(f'"date" must be a day like 2022-06-16 or 2022/06/16, not {value!r}')
    return date(*(int(part) for part in found.groups())).isoformat()


def contains_answer(text: str, answers: list[str]) -> bool:
    lowered = text.lower()
    return any(a.lower() in lowered for a in answers if a)


def relevant(passage: dict, question: Question) -> bool:
    """A passage counts when it comes from a supporting article and holds an acceptable answer."""
    from_source = not question.sources or passage["source"]["path"] in question.sources
    return from_source and contains_answer(passage["text"], question.answers)


def evaluate(ask: Callable[..., dict], questions: Iterable[Question], progress: bool = True) -> dict:
    """Figures of `ask(question, top_k, history)` (Engine.ask) over the questions; a question with a date
    is asked as of that day, `ask(question, top_k, history, as_of=date)`."""
    questions = list(questions)
    answerable = [q for q in questions if not q.unanswerable]
    correct = abstained_wrongly = abstained_rightly = 0
    hits = dict.fromkeys(RECALL_AT, 0)
    reciprocal_ranks = []
    latencies = []
    failures = []
    for q in tqdm(questions, desc="questions", unit="q", disable=not progress or None, leave=False):
        reply = ask(q.question, max(RECALL_AT), q.history, **({"as_of": q.date} if q.date else {}))
        latencies.append(reply["took_ms"])
        answer = reply["answer"]
        if q.unanswerable:
            abstained_rightly += answer is None
            if answer is not None:
                failures.append({"id": q.id, "question": q.question, "got": answer["text"]})
            continue
        if answer is None:
            abstained_wrongly += 1
        elif contains_answer(answer["text"], q.answers):
            correct += 1
        if answer is None or not contains_answer(answer["text"], q.answers):
            failures.append({"id": q.id, "question": q.question, "got": answer and answer["text"],
                             "expected": q.answers})
        ranks = [p["rank"] for p in reply["passages"] if relevant(p, q)]
        first = min(ranks) if ranks else None
        for k in RECALL_AT:
            hits[k] += first is not None and first <= k
        reciprocal_ranks.append(1 / first if first and first <= MRR_AT else 0.0)
    n = len(answerable) or 1
    unanswerable = len(questions) - len(answerable)
    return {
        "questions": len(questions),
        "answerable": len(answerable),
        "answer_accuracy": round(correct / n, 4),
        **{f"recall@{k}": round(hits[k] / n, 4) for k in RECALL_AT},
        f"mrr@{MRR_AT}": round(sum(reciprocal_ranks) / n, 4),
        "unanswerable": unanswerable,
        "correct_abstentions": abstained_rightly,
        "wrong_abstentions": abstained_wrongly,
        "latency_ms": _latency(latencies),
        "failures": failures,
    }


def _latency(values: list[float]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)
    return {"mean": round(statistics.fmean(ordered), 1),
            "p50": round(ordered[len(ordered) // 2], 1),
            "p95": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1)}
