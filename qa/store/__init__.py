"""Where an index lives, behind one small interface: files under index/ (FAISS), or PostgreSQL (postgres.py)."""

from .base import Candidate, Corpus, Store
from .faiss import FaissStore

__all__ = ["Candidate", "Corpus", "FaissStore", "Store"]
