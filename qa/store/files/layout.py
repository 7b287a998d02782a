"""What an index folder holds: a manifest naming the current generation, and that generation's files."""

from __future__ import annotations

import json
from pathlib import Path

from ...errors import IndexNotReady, IndexUnusable

FORMAT = 4
MANIFEST = "manifest.json"
LOCK = ".lock"
FILES = ("articles.sqlite", "speakers.npy", "speaker_names.json", "chunks.npy", "sentences.npy",
         "sentence_offsets.npy", "chunks.faiss", "chunk_vectors.npy", "sentence_vectors.npy", "bm25")


def read_manifest(index_dir: str | Path, missing_ok: bool = False) -> dict | None:
    path = Path(index_dir) / MANIFEST
    if not path.exists():
        if missing_ok:
            return None
        raise IndexNotReady(f"no index at {index_dir}: build one with `qa index PATH --index {index_dir}`")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["generation"], manifest["counts"], manifest["model"]  # noqa: B018 - fields it must have
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexUnusable(f"manifest at {path} is damaged ({exc}); rebuild the index") from None
    if manifest.get("format") != FORMAT:
        raise IndexUnusable(f"index at {index_dir} has format {manifest.get('format')}, this qa reads {FORMAT};"
                            " rebuild it")
    return manifest
