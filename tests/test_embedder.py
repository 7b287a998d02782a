"""Where the embedding model runs (QA_DEVICE) and in what arithmetic (QA_PRECISION)."""

import sys

import numpy as np
import pytest
import torch

from qa.config import Settings
from qa.embedder import resolve_device
from qa.embedders import make_embedder
from qa.engine import Engine
from qa.errors import IndexUnusable
from qa.indexer import build_index
from qa.int8 import Int8Embedder
from qa.store import backend

from .conftest import SEEDS


def test_auto_takes_a_gpu_when_torch_sees_one_and_the_cpu_otherwise(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve_device("auto") == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto") == "cpu"
    assert resolve_device("cuda:1") == "cuda:1"


def test_the_device_setting_is_checked_when_it_is_read():
    assert Settings.from_env({"QA_DEVICE": "cuda:0"}).device == "cuda:0"
    assert Settings.from_env({}).device == "auto"
    with pytest.raises(ValueError, match="QA_DEVICE='gpu' is not one of"):
        Settings.from_env({"QA_DEVICE": "gpu"})


@pytest.mark.slow
def test_the_real_model_runs_on_the_device_it_was_given(real_embedder):
    assert real_embedder.device in ("cpu", "cuda")
    vectors, sentences = real_embedder.encode_passages(["Lavrov spoke. Assad stayed."], [[(0, 13), (14, 27)]])
    assert vectors.shape == (1, real_embedder.dimension) and sentences[0].shape == (2, real_embedder.dimension)


def test_an_index_is_served_only_at_the_precision_it_was_built_with(fake_settings, seeds_copy, fake_embedder):
    build_index([seeds_copy], fake_settings.index, fake_settings, lambda: fake_embedder)
    with pytest.raises(IndexUnusable, match="QA_PRECISION"):
        backend(fake_settings.with_(precision="int8")).open()
    with pytest.raises(ValueError, match="QA_PRECISION='int4' is not fp32 or int8"):
        Settings.from_env({"QA_PRECISION": "int4"})


@pytest.fixture(scope="session")
def int8_embedder(tmp_path_factory):
    return make_embedder(Settings(precision="int8", cache=str(tmp_path_factory.mktemp("cache"))))


TEXTS = ["Lavrov said the departure of Assad should not be a pre-condition for negotiations.",
         "The cat sat on the mat.",
         "Premier League clubs spent a record amount on players in the January transfer window."]


@pytest.mark.slow
def test_int8_vectors_stay_within_a_hair_of_fp32(int8_embedder, real_embedder):
    assert isinstance(int8_embedder, Int8Embedder)
    cosines = (int8_embedder.encode(TEXTS) * real_embedder.encode(TEXTS)).sum(axis=1)
    assert cosines.min() > 0.98
    spans = [[(0, 12), (13, len(text))] for text in TEXTS]
    passages, sentences = int8_embedder.encode_passages(TEXTS, spans)
    fp32_passages, fp32_sentences = real_embedder.encode_passages(TEXTS, spans)
    assert (passages * fp32_passages).sum(axis=1).min() > 0.98
    assert min((a * b).sum(axis=1).min() for a, b in zip(sentences, fp32_sentences)) > 0.97
    assert (int8_embedder.encode(TEXTS[1:2]) @ int8_embedder.encode(TEXTS[::2]).T).max() < 0.5  # still tells apart


@pytest.mark.slow
def test_the_int8_copy_is_built_once(int8_embedder, tmp_path_factory):
    built = int8_embedder.path.stat().st_mtime_ns
    again = Int8Embedder(Settings().model, cache=str(int8_embedder.path.parent))
    assert again.path == int8_embedder.path and again.path.stat().st_mtime_ns == built
    assert [p.name for p in again.path.parent.iterdir()] == [again.path.name]  # no leftovers


@pytest.mark.slow
def test_the_flagship_question_is_answered_at_int8(int8_embedder, tmp_path):
    settings = Settings(index=str(tmp_path / "index"), precision="int8")
    build_index([SEEDS], settings.index, settings, lambda: int8_embedder)
    answer = Engine(settings, embedder=int8_embedder).ask("What did Lavrov say about preconditions?")["answer"]
    assert "precondition" in answer["text"].replace("-", "") and answer["speaker"] == "Sergei Lavrov"


def test_int8_without_onnx_runtime_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as if it were not installed
    with pytest.raises(OSError, match=r"pip install -e '\.\[int8\]'"):
        make_embedder(Settings(precision="int8"))


@pytest.mark.slow
def test_passages_batched_by_token_count_are_the_models_own_vectors(real_embedder):
    texts = TEXTS * 12  # several batches of mixed lengths
    passages, sentences = real_embedder.encode_passages(texts, [[(0, 12), (13, len(text))] for text in texts])
    assert np.allclose(passages, real_embedder.encode(texts), atol=1e-5)
    assert all(s.shape == (2, real_embedder.dimension) for s in sentences)
    assert np.allclose(sentences[0], sentences[len(TEXTS)], atol=1e-5)  # the same text, wherever it was batched
    nothing, no_sentences = real_embedder.encode_passages([], [])
    assert nothing.shape == (0, real_embedder.dimension) and no_sentences == []
