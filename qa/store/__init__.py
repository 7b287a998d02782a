"""Where an index lives: files under index/ (FAISS) today, behind one small interface."""

from .base import Candidate, Corpus, Store
from .faiss import FaissStore

__all__ = ["Candidate", "Corpus", "FaissStore", "Store"]
