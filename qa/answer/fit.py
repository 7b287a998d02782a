"""`qa fit`: the answer model fitted on labelled questions and reported on articles it never saw.

Every question of every data set (a questions file and the folder of its articles) gives one row of
features per candidate sentence, labelled 1 when the sentence holds an acceptable answer. A sample of
each set's questions is also asked of every other set's articles, which cannot answer them: that is
how the model learns what a question about something no article covers looks like. Questions are split
by article (a stable hash of set and article), so no held-out question shares an article with a fitted
one. The ranker and the judge (model.py) are fitted on the fit part; the threshold is the highest that
costs at most 1% of the fit part's answerable questions (the trade-off: abstain where it is nearly free),
one for news (the best sentence is of a dated article) and one for the rest; the held-out part is then
reported with them. Same data, same file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from ..config import Settings
from ..embedder import Embedder
from ..evaluate import Question, contains_answer, read_questions
from .features import FEATURES, of_dated_article
from .model import FORMAT, JUDGED, AnswerModel, checksum, judge_inputs
from .trim import trim

HELD_OUT_EVERY = 3  # one article in three is held out
FOREIGN_EVERY = 10  # every tenth question is also asked of the other sets' articles
REGULARISATION = 1.0  # scikit-learn's C, for the judge
RANKER_PENALTY = 1e-3  # weight of the squared weights in the ranker's loss
MAX_LOST = 0.01  # the trade-off: abstain on the unanswerable at the cost of at most 1% of the answerable


@dataclass(frozen=True)
class DataSet:
    name: str
    questions: Path
    articles: Path


@dataclass
class Rows:
    features: list[np.ndarray]  # one matrix per question
    labels: list[np.ndarray]
    answerable: list[bool]
    held_out: list[bool]
    set_names: list[str]


def held_out(set_name: str, article: str) -> bool:
    digest = hashlib.sha256(f"{set_name}\n{article}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % HELD_OUT_EVERY == 0


def collect(data: list[DataSet], settings: Settings, embedder: Embedder, index_root: Path,
            progress: bool = True) -> Rows:
    """Index each set (an up-to-date index is reused) and turn its questions into labelled rows."""
    from tqdm import tqdm

    from ..engine import Engine
    from ..indexer import build_index

    unfitted = AnswerModel(np.zeros(len(FEATURES)), np.zeros(JUDGED + 2), 0.0, 0.5, 0.5)
    engines = {}
    for data_set in data:
        config = settings.with_(index=str(index_root / data_set.name))
        build_index([data_set.articles], config.index, config, lambda: embedder)
        engines[data_set.name] = Engine(config, embedder=embedder, model=unfitted)
    rows = Rows([], [], [], [], [])
    held = {name: {entry["path"] for entry in engine.sources()} for name, engine in engines.items()}
    for data_set in data:
        questions = read_questions(data_set.questions)
        asked = [(q, data_set.name, q.unanswerable) for q in questions]
        strangers = [other for other in engines if not held[other] & held[data_set.name]]  # no article shared
        asked += [(q, other, True) for q in questions[::FOREIGN_EVERY] for other in strangers]
        for question, index_name, unanswerable in tqdm(asked, desc=data_set.name, disable=not progress or None):
            as_of = date.fromisoformat(question.date) if question.date else None  # asked as `qa eval` asks it
            search, candidates = engines[index_name].candidates(question.question, question.history, as_of)
            corpus = engines[index_name].store.corpus
            labels = np.zeros(len(candidates.sentences))
            if not unanswerable:
                labels = np.array([_answers(corpus.sentence_text(s), search, question)
                                   for s in candidates.sentences], dtype=np.float64)
            rows.features.append(candidates.features)
            rows.labels.append(labels)
            rows.answerable.append(not unanswerable)
            rows.held_out.append(held_out(data_set.name, _article(question)))
            rows.set_names.append(data_set.name if index_name == data_set.name else f"{data_set.name} on {index_name}")
    return rows


def _article(question: Question) -> str:
    return question.sources[0] if question.sources else question.id


def _answers(sentence: str, question: str, labelled: Question) -> float:
    start, end = trim(sentence, question)
    return float(contains_answer(sentence[start:end], labelled.answers))


def fit(rows: Rows) -> dict:
    """A model record (see model.py) fitted on the fit part of `rows`, with figures of both parts."""
    fit_part = [n for n, held in enumerate(rows.held_out) if not held]
    ranker = _fit_ranker(rows, fit_part)
    judge, judge_bias = _fit_judge(rows, fit_part, ranker)
    model = AnswerModel(ranker, judge, judge_bias, 0.5, 0.5)
    model = AnswerModel(ranker, judge, judge_bias, *(_best_threshold(model, rows, fit_part, news)
                                                     for news in (False, True)))
    record = {
        "format": FORMAT,
        "features": list(FEATURES),
        "ranker": ranker.tolist(),
        "judge": judge.tolist(),
        "judge_bias": judge_bias,
        "threshold": model.threshold,
        "dated_threshold": model.dated_threshold,
        "trained_on": {"data_hash": data_hash(rows), "questions": len(fit_part),
                       "held_out_every": HELD_OUT_EVERY, "foreign_every": FOREIGN_EVERY,
                       "regularisation": REGULARISATION, "ranker_penalty": RANKER_PENALTY,
                       "max_lost": MAX_LOST},
        "figures": {"fit": report(model, rows, held=False), "held_out": report(model, rows, held=True)},
    }
    record["checksum"] = checksum(record)
    return record


def _fit_ranker(rows: Rows, questions: list[int]) -> np.ndarray:
    """Weights under which the answering sentences of a question take the most of its probability when
    its candidates' scores are turned into probabilities (softmax): a conditional logit, the model of a
    choice among alternatives, fitted with L-BFGS. It aims at what counts, the best candidate being right."""
    from scipy.optimize import minimize

    chosen = [n for n in questions if rows.answerable[n] and rows.labels[n].any() and not rows.labels[n].all()]
    x = np.vstack([rows.features[n] for n in chosen])
    good = np.concatenate([rows.labels[n] for n in chosen]) == 1
    sizes = np.array([len(rows.labels[n]) for n in chosen])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group = np.repeat(np.arange(len(chosen)), sizes)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    x = x / scale

    def log_sum_exp(scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
        masked = np.where(mask, scores, -np.inf)
        top = np.maximum.reduceat(masked, starts)
        return top + np.log(np.add.reduceat(np.where(mask, np.exp(masked - top[group]), 0.0), starts))

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        scores = x @ weights
        every, answering = log_sum_exp(scores, np.ones_like(good)), log_sum_exp(scores, good)
        share = np.exp(scores - every[group]) - np.where(good, np.exp(scores - answering[group]), 0.0)
        return (float(np.mean(every - answering) + RANKER_PENALTY * weights @ weights),
                x.T @ share / len(chosen) + 2 * RANKER_PENALTY * weights)

    fitted = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B")
    return np.round(fitted.x / scale, 6)


def _fit_judge(rows: Rows, questions: list[int], ranker: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights that tell, from the best-scored candidate, whether it answers (never, for an unanswerable
    question)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    inputs, answers = [], []
    for n in questions:
        if len(rows.labels[n]):
            scores = rows.features[n] @ ranker
            best = int(np.argmax(scores))
            inputs.append(judge_inputs(scores, rows.features[n], best))
            answers.append(rows.labels[n][best] if rows.answerable[n] else 0.0)
    x, y = np.array(inputs), np.array(answers)
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    regression = LogisticRegression(C=REGULARISATION, max_iter=5000).fit((x - scaler.mean_) / scale, y)
    weights = regression.coef_[0] / scale  # the scaler folded in: the model reads raw inputs
    bias = float(regression.intercept_[0] - np.sum(regression.coef_[0] * scaler.mean_ / scale))
    return np.round(weights, 6), round(bias, 6)


def _outcomes(model: AnswerModel, rows: Rows, n: int) -> tuple[float, bool, bool]:
    """The best candidate's probability of answering, whether it does, and whether it is news (dated)."""
    if len(rows.labels[n]) == 0:
        return 0.0, False, False
    scores = model.scores(rows.features[n])
    best = int(np.argmax(scores))
    return (model.probability(scores, rows.features[n], best), bool(rows.labels[n][best]),
            of_dated_article(rows.features[n][best]))


def _best_threshold(model: AnswerModel, rows: Rows, questions: list[int], news: bool) -> float:
    """The highest threshold that turns away at most MAX_LOST of the answerable fit questions whose best
    candidate answers them, among those whose best candidate is news (or is not): every other abstention
    it brings is on an unanswerable question."""
    outcomes = [(p, good) for p, good, is_news in (_outcomes(model, rows, n) for n in questions
                                                    if rows.answerable[n]) if is_news == news]
    answered_right = [p for p, good in outcomes if good]
    threshold = 0.0
    for candidate in np.round(np.arange(0.01, 1.0, 0.01), 2):
        if sum(p < candidate for p in answered_right) > MAX_LOST * len(outcomes):
            break
        threshold = float(candidate)
    return threshold


def report(model: AnswerModel, rows: Rows, held: bool) -> dict:
    """Per set: answer accuracy on the answerable questions (and how often the best-ranked sentence
    answers, abstention aside), abstentions on the others."""
    figures: dict[str, dict] = {}
    for n, name in enumerate(rows.set_names):
        if rows.held_out[n] != held:
            continue
        entry = figures.setdefault(name, {"answerable": 0, "answered_right": 0, "ranked_right": 0,
                                          "unanswerable": 0, "abstained": 0})
        probability, good, news = _outcomes(model, rows, n)
        answered = probability >= model.threshold_of(news)
        if rows.answerable[n]:
            entry["answerable"] += 1
            entry["answered_right"] += answered and good
            entry["ranked_right"] += good
        else:
            entry["unanswerable"] += 1
            entry["abstained"] += not answered
    for entry in figures.values():
        if entry["answerable"]:
            entry["answer_accuracy"] = round(entry["answered_right"] / entry["answerable"], 4)
            entry["ranked_accuracy"] = round(entry["ranked_right"] / entry["answerable"], 4)
        if entry["unanswerable"]:
            entry["abstention"] = round(entry["abstained"] / entry["unanswerable"], 4)
    return dict(sorted(figures.items()))


def data_hash(rows: Rows) -> str:
    """A digest of every row, label and split: two fits on the same data say so."""
    digest = hashlib.sha256()
    for features, labels, answerable, held in zip(rows.features, rows.labels, rows.answerable, rows.held_out):
        digest.update(np.round(features, 5).astype(np.float64).tobytes())
        digest.update(labels.astype(np.float64).tobytes())
        digest.update(bytes([answerable, held]))
    return digest.hexdigest()


def fit_files(data: list[DataSet], settings: Settings, embedder_factory: Callable[[], Embedder], index_root: Path,
              out: Path, progress: bool = True) -> dict:
    """Collect, fit and write the model file atomically; the record written."""
    rows = collect(data, settings, embedder_factory(), index_root, progress)
    record = fit(rows)
    temporary = out.with_name(f".{out.name}.tmp")
    temporary.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    temporary.replace(out)
    return record
