"""The fitted model that finds a speaker's statements on a topic which the word rules of `statements` miss:
a logistic regression over what those rules measure (the topic's words a statement, its headline and its
article hold, how close it and the sentences around it are in meaning to the question, the topic and the
answer) and over how often the speaker is quoted. Someone quoted a few times is mostly quoted on what they
are asked about; someone quoted everywhere is not. It also overrules the rules that read what is around a
statement where it is sure they are wrong. Fitted by bench/fit_on_topic.py on the development parts of
bench/statements-bbc.jsonl, never on its held-out part.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import AnswerModelUnusable

SHIPPED = Path(__file__).with_name("on_topic.json")
FEATURES = (
    "share",  # of the topic's weight the statement holds (see statements._share), of its best part
    "share_with_headline",  # the same, read with its article's headline
    "whole_share_with_headline",  # the same, of the whole topic
    "cosine_question",  # to the question
    "cosine_topic",  # to the topic's own words
    "cosine_answer",  # to the chosen answer (0 before one is chosen)
    "lead_share",  # of the topic's weight the article's headline and first sentence hold
    "article_share",  # of the topic's weight the whole article holds
    "speakers_first",  # 1 for the speaker's first statement in its article
    "best_share_beside",  # the highest share of their other statements in the article
    "best_share_near",  # the same, within four sentences
    "best_cosine_question_beside",  # the closest of their other statements in the article, to the question
    "best_cosine_topic_beside",  # the same, to the topic
    "best_cosine_topic_near",  # the same, within four sentences
    "goes_on_quoting",  # 1 when it goes on quoting their sentence right before it
    "cosine_question_around",  # the closer of the sentences right before and after it, to the question
    "cosine_topic_around",  # the same, to the topic ("It was," he said: the sentence before says what)
    "log_closer_to_topic",  # log(1 + how many of the speaker's sentences are closer to the topic)
    "log_statements",  # log(1 + the speaker's sentences in the index)
    "log_articles",  # log(1 + the articles they speak in)
)


@dataclass(frozen=True)
class OnTopicModel:
    weights: np.ndarray  # one per feature, on the features as computed (no scaling)
    bias: float
    threshold: float  # the least probability listed
    overrule_below: float = 0.0  # a statement the rules find is not listed below this probability

    def probability(self, features: np.ndarray) -> np.ndarray:
        """For each row of features, the probability that the statement is on the topic."""
        return 1.0 / (1.0 + np.exp(-(features @ self.weights + self.bias)))


@lru_cache(maxsize=1)
def load_on_topic_model() -> OnTopicModel:
    """The model shipped with qa, refusing a damaged file or one fitted on other features."""
    try:
        record = json.loads(SHIPPED.read_text(encoding="utf-8"))
        if tuple(record["features"]) != FEATURES or len(record["weights"]) != len(FEATURES):
            raise ValueError("it was fitted on other features than this qa computes")
        return OnTopicModel(np.asarray(record["weights"], dtype=np.float64), float(record["bias"]),
                            float(record["threshold"]), float(record["overrule_below"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnswerModelUnusable(f"statements model {SHIPPED} cannot be used ({exc}); "
                                  "refit it with bench/fit_on_topic.py") from None
