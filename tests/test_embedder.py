"""Where the embedding model runs: the QA_DEVICE setting."""

import pytest
import torch

from qa.config import Settings
from qa.embedder import resolve_device


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
