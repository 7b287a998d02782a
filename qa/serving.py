"""The engine a running service answers from, swapped for a new one when the index on disk changes."""

from __future__ import annotations

import threading
import time

from .config import Settings
from .engine import Engine
from .errors import IndexNotReady, QAError
from .store import backend

CHECK_EVERY = 1.0  # seconds between looks for a newer index: one stat() of the manifest, or one query


class Served:
    """Holds the current Engine. A rebuilt index (new manifest) is loaded beside the old one and swapped
    in with one assignment, so a request in flight finishes on the engine it started with and none
    fails. If the new index cannot be loaded, the old one keeps serving and `error` says why."""

    def __init__(self, settings: Settings, engine: Engine | None = None, embedder=None):
        self.settings = settings
        self.engine = engine
        self.error: QAError | None = None
        self._embedder = embedder if engine is None else engine.embedder
        self._backend = backend(settings)
        self._lock = threading.Lock()
        self._checked = time.monotonic()
        self._seen = self._backend.stamp() if engine else None
        if engine is None:
            self.reload()

    def current(self) -> Engine | None:
        """The engine to answer this request with, after a cheap look for a newer index."""
        now = time.monotonic()
        if now - self._checked >= CHECK_EVERY:
            self._checked = now
            stamp = self._backend.stamp()
            # A change that cannot be told now (a database out of reach) is no news: the loaded index keeps
            # answering what it can.
            if stamp != self._seen and (stamp is not None or self.engine is None):
                self.reload()
        return self.engine

    def ready(self) -> Engine:
        """The engine to answer with; without one, a 503 that says why."""
        engine = self.current()
        if engine is None:
            raise IndexNotReady(self.error.message if self.error else "no index is loaded")
        return engine

    def reload(self) -> bool:
        """Load the index on disk now; True when the service answers from it afterwards."""
        with self._lock:
            stamp = self._backend.stamp()
            try:
                engine = Engine(self.settings, embedder=self._embedder)
            except QAError as exc:
                self.error, self._seen = exc, stamp
                return False
            except (OSError, ValueError) as exc:  # the model itself could not be loaded
                self.error, self._seen = IndexNotReady(f"model {self.settings.model!r} cannot be loaded: {exc}"), stamp
                return False
            self._embedder = engine.embedder  # the model is loaded once, then shared by every engine
            self.engine, self.error, self._seen = engine, None, stamp
            return True
