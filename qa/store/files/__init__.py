"""The default store: files in one folder (FAISS vectors, bm25s keywords, SQLite articles)."""

from __future__ import annotations

from pathlib import Path

from ...config import Settings
from ...errors import IndexUnusable
from ..base import Backend, Writer
from .layout import MANIFEST, read_manifest
from .reader import FaissStore


class Files(Backend):
    def __init__(self, index_dir: str | Path, settings: Settings):
        self.index_dir, self.settings = Path(index_dir), settings

    @property
    def location(self) -> str:
        return str(self.index_dir)

    def open(self, vectors_only: bool = False) -> FaissStore:
        """The index, if it can serve these settings (`vectors_only`: lend its vectors to a rebuild)."""
        manifest = read_manifest(self.index_dir)
        mismatch = self.settings.mismatch(manifest, vectors_only)
        if mismatch:
            raise IndexUnusable(f"index at {self.index_dir} {mismatch}")
        return FaissStore.load(self.index_dir / manifest["generation"], manifest)

    def stamp(self) -> tuple[int, ...]:
        """The manifest file's identity; () while there is none."""
        try:
            status = (self.index_dir / MANIFEST).stat()
        except OSError:
            return ()
        return status.st_mtime_ns, status.st_ino

    def writer(self) -> Writer:
        from .writer import FilesWriter  # only a build loads it: servers read

        return FilesWriter(self.index_dir, self.settings, self.open)
