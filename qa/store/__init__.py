"""Where an index lives, behind one small interface (base.py): files in a folder (files/, the default) or
PostgreSQL (postgres/). `backend` is the one place that chooses."""

from __future__ import annotations

from pathlib import Path

from ..config import Settings
from .base import Backend, BuildResult, Candidate, Corpus, Store, Writer
from .files import Files


def backend(settings: Settings, index_dir: str | Path | None = None) -> Backend:
    """The backend the settings name: the database in `settings.store`, else the folder `index_dir`
    (default `settings.index`)."""
    if settings.store:
        from .postgres import Postgres  # psycopg is loaded only for a database

        return Postgres(settings)
    return Files(index_dir if index_dir is not None else settings.index, settings)


__all__ = ["Backend", "BuildResult", "Candidate", "Corpus", "Store", "Writer", "backend"]
