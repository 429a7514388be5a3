"""The embedded backend: one directory holding SQLite (letters, passages, BM25, vectors) and
FAISS snapshots of the vectors. The default: nothing to run beside Missive."""

from indexer.store.local.store import LocalStore

__all__ = ["LocalStore"]
