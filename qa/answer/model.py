"""The fitted answer model, read from the file `qa fit` writes. Two logistic regressions:

- the ranker scores each candidate sentence (fitted on pairs: an answering sentence against a
  non-answering one of the same question), and the best-scored is the answer;
- the judge gives the probability that this best sentence really answers, from its score, its lead
  over the runner-up and its shared features (the question's own among them; not the dated copies,
  with which it learned that news answers are less sure and turned right ones away); below the fitted
  threshold the reply says the articles don't say. A sentence of a dated article (news) has a threshold
  of its own, fitted by the same rule: one for both would turn right news answers away.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import AnswerModelUnusable
from .features import DATED_FEATURES, FEATURES, of_dated_article

SHIPPED = Path(__file__).with_name("model.json")
FORMAT = 3
JUDGED = len(FEATURES) - len(DATED_FEATURES)  # the features the judge reads: the shared ones
_FITTED = ("features", "ranker", "judge", "judge_bias", "threshold", "dated_threshold", "trained_on")


@dataclass(frozen=True)
class AnswerModel:
    ranker: np.ndarray  # one weight per feature: a candidate's score
    judge: np.ndarray  # weights over judge_inputs()
    judge_bias: float
    threshold: float  # the least probability that is answered
    dated_threshold: float  # the same for a sentence of a dated article

    def scores(self, features: np.ndarray) -> np.ndarray:
        return features @ self.ranker

    def threshold_for(self, features: np.ndarray) -> float:
        """The threshold for a candidate with this row of features."""
        return self.threshold_of(of_dated_article(features))

    def threshold_of(self, news: bool) -> float:
        """The threshold for a sentence of a dated article (news), or of another."""
        return self.dated_threshold if news else self.threshold

    def accepts(self, scores: np.ndarray, features: np.ndarray, candidate: int) -> bool:
        """Whether the candidate is probable enough to be answered."""
        return self.probability(scores, features, candidate) >= self.threshold_for(features[candidate])

    def probability(self, scores: np.ndarray, features: np.ndarray, best: int) -> float:
        """How likely the candidate `best` answers the question."""
        logit = judge_inputs(scores, features, best) @ self.judge + self.judge_bias
        return float(1.0 / (1.0 + np.exp(-logit)))


def judge_inputs(scores: np.ndarray, features: np.ndarray, best: int) -> np.ndarray:
    """The best candidate's score, its lead over the next best, and its shared features."""
    finite = scores[np.isfinite(scores)]
    runner_up = np.partition(finite, -2)[-2] if len(finite) > 1 else scores[best]
    return np.concatenate([[scores[best], scores[best] - runner_up], features[best][:JUDGED]])


def checksum(record: dict) -> str:
    """A digest of the fitted part of a model file: a file edited or damaged by hand no longer matches."""
    fitted = {key: record[key] for key in _FITTED}
    return hashlib.sha256(json.dumps(fitted, sort_keys=True).encode()).hexdigest()


@lru_cache(maxsize=4)
def load_model(path: str = "") -> AnswerModel:
    """The model in `path` (empty: the one shipped with qa), refusing a damaged file or one fitted on
    other features."""
    file = Path(path) if path else SHIPPED
    try:
        record = json.loads(file.read_text(encoding="utf-8"))
        if record.get("format") != FORMAT:
            raise ValueError(f"format {record.get('format')}, this qa reads {FORMAT}")
        if record.get("checksum") != checksum(record):
            raise ValueError("its checksum does not match its content")
        if tuple(record["features"]) != FEATURES or len(record["judge"]) != JUDGED + 2:
            raise ValueError("it was fitted on other features than this qa computes")
        return AnswerModel(np.asarray(record["ranker"], dtype=np.float64),
                           np.asarray(record["judge"], dtype=np.float64),
                           float(record["judge_bias"]), float(record["threshold"]),
                           float(record["dated_threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnswerModelUnusable(f"answer model {file} cannot be used ({exc}); refit it with `qa fit`") from None
