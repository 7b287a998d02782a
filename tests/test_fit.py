"""`qa fit` end to end on a small fixture, and the shipped answer model file."""

import json
import shutil

import numpy as np
import pytest

from qa.answer import FEATURES, load_model
from qa.answer.fit import DataSet, fit_files
from qa.answer.model import SHIPPED, checksum
from qa.engine import Engine
from qa.errors import AnswerModelUnusable

from .conftest import FIXTURES, SEEDS


def test_the_shipped_model_loads_and_matches_its_checksum():
    record = json.loads(SHIPPED.read_text())
    assert record["checksum"] == checksum(record)
    assert tuple(record["features"]) == FEATURES
    model = load_model()
    assert 0.0 < model.threshold < 1.0
    assert len(model.ranker) == len(FEATURES)
    assert record["trained_on"]["data_hash"]
    assert record["figures"]["held_out"]  # the file says how it does on articles it was not fitted on


def test_a_damaged_or_outdated_model_file_is_refused(tmp_path):
    record = json.loads(SHIPPED.read_text())
    record["ranker"][0] += 1.0  # edited by hand
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(record))
    with pytest.raises(AnswerModelUnusable, match="checksum"):
        load_model(str(edited))
    record = json.loads(SHIPPED.read_text())
    record["features"] = record["features"][:-1]
    record["ranker"] = record["ranker"][:-1]
    record["checksum"] = checksum(record)
    fewer = tmp_path / "fewer.json"
    fewer.write_text(json.dumps(record))
    with pytest.raises(AnswerModelUnusable, match="other features"):
        load_model(str(fewer))


def test_fit_runs_end_to_end_and_gives_the_same_file_twice(tmp_path, fake_settings, fake_embedder):
    articles = tmp_path / "seeds"
    shutil.copytree(SEEDS, articles)
    sets = [DataSet("seeds-questions", FIXTURES / "seeds-questions.jsonl", articles),
            DataSet("news", FIXTURES / "news-questions.jsonl", FIXTURES / "news")]
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    record = fit_files(sets, fake_settings, lambda: fake_embedder, tmp_path / "indexes", first, progress=False)
    fit_files(sets, fake_settings, lambda: fake_embedder, tmp_path / "indexes", second, progress=False)
    assert first.read_bytes() == second.read_bytes()
    assert record["trained_on"]["questions"] > 0
    assert set(record["figures"]["fit"]) | set(record["figures"]["held_out"]) >= {"seeds-questions", "news"}
    model = load_model(str(first))
    assert np.any(model.ranker != 0) and np.any(model.judge != 0)
    engine = Engine(fake_settings.with_(index=str(tmp_path / "indexes" / "seeds-questions"),
                                        answer_model=str(first)), embedder=fake_embedder)
    reply = engine.ask("What did Lavrov say about preconditions?")
    assert reply["answer"] is None or 0.0 <= reply["answer"]["confidence"] <= 1.0
