"""Fit the statements model (qa/answer/on_topic.json) on the hand-labelled "what did X say about Y" questions.

    .venv/bin/python bench/fit_on_topic.py INDEX [bench/statements-bbc.jsonl] [--threshold 0.65]
        [--overrule-below 0.2] [--articles ../shared/eval/bbc-news/articles] [--out qa/answer/on_topic.json]
        [--last-part devN] [--cross-validate]

INDEX is an index of ../shared/eval/bbc-news/articles. Every part of the labels but the held-out one (or,
with --last-part, the development parts up to that one) is fitted on: each sentence the index gives the
asked person is one example, on the topic when it is a labelled statement. The features are computed as
the service computes them, with the model itself left out, so that a fit does not depend on the model it
replaces. --threshold is the least probability listed, --overrule-below the probability under which a
statement the rules of qa/answer/statements.py find is not.
--cross-validate fits nothing: it prints, for a grid of both, the precision and recall of the listed
sentences over the development parts, each fifth of the parts read by a model fitted on the others. Of the
pairs it favours, 0.65 and 0.2 gave the best F1 of the listed statements over the development parts, scored
as bench/statements.py scores them, with the better precision of two alike.
Needs scikit-learn (`pip install -e .[fit]`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from statements import _article  # noqa: E402

import qa.answer  # noqa: E402
from qa.answer import on_topic  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.engine import Engine  # noqa: E402

rules = sys.modules["qa.answer.statements"]  # the module, which the package's function of that name hides


def labelled_sentences(engine: Engine, question: dict, articles: str) -> set[int]:
    """The index's sentences that are the question's labelled statements."""
    corpus = engine.store.corpus
    found = set()
    for label in question["statements"]:
        text = " ".join(_article(articles, label["path"])[label["start"]:label["end"]].split())
        for s in corpus.article_sentences(corpus.articles.number(label["path"])):
            sentence = " ".join(corpus.sentence_text(s).split())
            if sentence and (sentence in text or text in sentence):
                found.add(s)
    return found


def examples(engine: Engine, questions: list[dict], articles: str) -> list[tuple[str, np.ndarray, ...]]:
    """For each question asking of someone the index quotes: its part, the features of every sentence of
    theirs, whether the rules find it, whether they find it in the statement itself (which the model never
    overrules), and whether it is a labelled statement."""
    asked: dict = {}
    gather = qa.answer.statements

    def remember(topic, store, answer=None, question=None, about=None):
        asked.update(topic=topic, answer=answer, question=question, about=about)
        return gather(topic, store, answer, question, about)

    qa.answer.statements = remember
    found = []
    for q in questions:
        asked.clear()
        engine.ask(q["question"])  # the last call is the one the reply lists, with the chosen answer
        if not asked:
            continue
        said = rules.spoken_by(asked["topic"], engine.store)
        if said:
            read = rules.reading(asked["topic"], engine.store, said, asked["answer"], asked["question"],
                                 asked["about"])
            by_rules = rules.by_rules(asked["topic"], engine.store, read, asked["answer"])
            itself = rules.by_itself(read, asked["answer"])
            statements = labelled_sentences(engine, q, articles)
            found.append((q["part"], rules.evidence(read, engine.store), np.array([s in by_rules for s in said]),
                          np.array([s in itself for s in said]), np.array([s in statements for s in said])))
    qa.answer.statements = gather
    return found


def fit(features: np.ndarray, labels: np.ndarray, threshold: float = 1.0,
        overrule_below: float = 0.0) -> on_topic.OnTopicModel:
    """The model, its logistic regression fitted on standardised features and kept on the features as computed."""
    scaler = StandardScaler().fit(features)
    fitted = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(features), labels)
    weights = fitted.coef_[0] / scaler.scale_
    return on_topic.OnTopicModel(weights, float(fitted.intercept_[0] - weights @ scaler.mean_), threshold,
                                 overrule_below)


def _part_number(part: str) -> int:
    """dev -> 1, dev2 -> 2, ...: the order the development parts were labelled in."""
    return int(part.removeprefix("dev") or 1)


def cross_validate(found: list, folds: int = 5) -> None:
    """Precision and recall of the listed sentences for a grid of thresholds, each fold of the parts read by a
    model fitted on the others."""
    parts = sorted({part for part, *_ in found})
    probabilities, by_rules, by_itself, labels = [], [], [], []
    for fold in range(folds):
        held = set(parts[fold::folds])
        model = fit(np.vstack([f for part, f, *_ in found if part not in held]),
                    np.concatenate([y for part, *_, y in found if part not in held]))
        for part, features, rule, itself, label in found:
            if part in held:
                probabilities.append(model.probability(features))
                by_rules.append(rule)
                by_itself.append(itself)
                labels.append(label)
    probability, rule, itself, label = map(np.concatenate, (probabilities, by_rules, by_itself, labels))
    print("overrule_below threshold precision recall")
    for overrule in (0.0, 0.2, 0.3, 0.4, 0.5):
        for threshold in (0.5, 0.6, 0.65, 0.7, 0.8):
            listed = rule & (itself | (probability >= overrule)) | (probability >= threshold)
            right = int((listed & label).sum())
            print(f"{overrule:.2f} {threshold:.2f} {right / max(1, listed.sum()):.4f} {right / label.sum():.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index")
    parser.add_argument("labels", nargs="?", default=str(Path(__file__).with_name("statements-bbc.jsonl")))
    parser.add_argument("--threshold", type=float, default=0.65)
    parser.add_argument("--overrule-below", type=float, default=0.2)
    parser.add_argument("--articles", default=str(ROOT.parent / "shared/eval/bbc-news/articles"))
    parser.add_argument("--out", default=str(on_topic.SHIPPED))
    parser.add_argument("--last-part", help="fit on the development parts up to this one (dev, dev2 ... devN)")
    parser.add_argument("--cross-validate", action="store_true")
    args = parser.parse_args()
    never = on_topic.OnTopicModel(np.zeros(len(on_topic.FEATURES)), 0.0, threshold=2.0)
    rules.load_on_topic_model = lambda: never
    with open(args.labels, encoding="utf-8") as lines:
        questions = [q for q in map(json.loads, filter(str.strip, lines)) if q["part"] != "held-out"]
    if args.last_part:
        questions = [q for q in questions if _part_number(q["part"]) <= _part_number(args.last_part)]
    found = examples(Engine(Settings(index=args.index, top_k=5)), questions, args.articles)
    if args.cross_validate:
        cross_validate(found)
        return
    features, labels = np.vstack([f for _, f, *_ in found]), np.concatenate([y for *_, y in found])
    model = fit(features, labels, args.threshold, args.overrule_below)
    out = Path(args.out)
    temporary = out.with_name(f".{out.name}.tmp")  # as qa fit writes its model: never half-written
    temporary.write_text(json.dumps({
        "features": list(on_topic.FEATURES), "weights": [round(float(w), 6) for w in model.weights],
        "bias": round(model.bias, 6), "threshold": model.threshold, "overrule_below": model.overrule_below,
        "trained_on": {"labels": Path(args.labels).name, "last_part": args.last_part, "questions": len(questions),
                       "sentences": int(len(labels)), "statements": int(labels.sum())},
    }, indent=1) + "\n", encoding="utf-8")
    temporary.replace(out)
    print(f"{args.out}: fitted on {len(labels)} sentences of {len(questions)} questions "
          f"({int(labels.sum())} statements on the topic)")


if __name__ == "__main__":
    main()
