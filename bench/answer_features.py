"""What each group of answer features adds on news questions, measured on articles the ranker never saw.

    .venv/bin/python bench/answer_features.py [--eval ../shared/eval]

Collects the rows `make fit` fits on (the same four sets, indexed under index/fit/, reused when up to
date), then refits the ranker with growing groups of features. The news questions are split into three
folds by article (a hash other than the fit's own split): each fold is ranked by a model fitted on the
other two plus the fitted part of the other sets, so every news question is scored once by a model that
never saw its article. Prints, per step, how often the best-ranked sentence of a news question holds its
answer over all three folds, and the held-out SQuAD figures the same fit gives (they must not drop).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.answer.features import DATED_FEATURES, FEATURES, QUESTION_FEATURES, SENTENCE_FEATURES  # noqa: E402
from qa.answer.fit import DataSet, Rows, _fit_ranker, collect  # noqa: E402
from qa.config import Settings  # noqa: E402
from qa.embedders import make_embedder  # noqa: E402
from qa.evaluate import read_questions  # noqa: E402

FOLDS = 3
NEWS = "news-dev"
# Each step adds its features to the ones before.
STEPS = [
    ("the features before these steps", []),
    ("+ the asking sentence's coverage", ["coverage_asked", "coverage_asked_around"]),
    ("+ lead", ["lead"]),
    ("+ in the period the question names", ["in_period"]),
    ("+ support (what other candidates repeat)", ["support"]),
    ("+ a second set of weights for dated articles", list(DATED_FEATURES)),
]


def columns(rows: Rows, names: list[str]) -> Rows:
    index = [FEATURES.index(name) for name in names]
    return Rows([f[:, index] for f in rows.features], rows.labels, rows.answerable, rows.held_out, rows.set_names)


def right(rows: Rows, weights: np.ndarray, questions: list[int]) -> int:
    return sum(bool(rows.labels[n][int(np.argmax(rows.features[n] @ weights))])
               for n in questions if len(rows.labels[n]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    folder = Path(parser.parse_args().eval)
    sets = [DataSet("squad-dev", folder / "squad-dev/questions.jsonl", folder / "squad-dev/articles"),
            DataSet("squad2-dev", folder / "squad2-dev/questions.jsonl", folder / "squad2-dev/articles"),
            DataSet(NEWS, folder / "news-dev/questions.jsonl", folder / "news-dev/articles"),
            DataSet("seeds-dev", folder / "seeds-dev.jsonl", ROOT / "seeds")]
    settings = Settings()
    rows = collect(sets, settings, make_embedder(settings), ROOT / "index" / "fit")
    news = [n for n, name in enumerate(rows.set_names) if name == NEWS]  # in the order of the questions file
    articles = [q.sources[0] if q.sources else q.id for q in read_questions(sets[2].questions)]
    fold = {n: hashlib.sha256(f"fold\n{a}".encode()).digest()[0] % FOLDS for n, a in zip(news, articles)}
    others = [n for n, held in enumerate(rows.held_out) if not held and rows.set_names[n] != NEWS]
    names = [name for name in SENTENCE_FEATURES if not any(name in added for _, added in STEPS)]
    names += list(QUESTION_FEATURES)
    print(f"{'step':48} {'news-dev, 3 folds':>18} {'SQuAD held out':>15} {'SQuAD 2.0 held out':>19}")
    for label, added in STEPS:
        names += added
        chosen = columns(rows, names)
        hits = sum(right(chosen, _fit_ranker(chosen, others + [n for n in news if fold[n] != k]),
                         [n for n in news if fold[n] == k]) for k in range(FOLDS))
        weights = _fit_ranker(chosen, [n for n, held in enumerate(rows.held_out) if not held])
        squad = [[n for n, name in enumerate(rows.set_names)
                  if name == s and rows.held_out[n] and rows.answerable[n]] for s in ("squad-dev", "squad2-dev")]
        print(f"{label:48} {hits / len(news):18.4f} " + " ".join(
            f"{right(chosen, weights, part) / len(part):{width}.4f}" for part, width in zip(squad, (15, 19))))


if __name__ == "__main__":
    main()
