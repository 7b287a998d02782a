"""The embedding model the settings name: fp32 on torch (embedder.py) or int8 on ONNX Runtime (int8.py)."""

from __future__ import annotations

from .config import Settings
from .embedder import Embedder, SentenceTransformerEmbedder


def make_embedder(settings: Settings) -> Embedder:
    if settings.precision == "int8":
        from .int8 import Int8Embedder  # needs the optional onnxruntime

        return Int8Embedder(settings.model, settings.batch_size, settings.cache)
    return SentenceTransformerEmbedder(settings.model, settings.batch_size, settings.device)
