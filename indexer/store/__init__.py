"""The index store: the only code that touches FAISS, SQLite or PostgreSQL.

`Store` (base.py) is the interface the pipeline and the assistant use. Two backends stand
behind it, one folder each, chosen by `open_store` from the settings:

- `LocalStore` (local/): one directory, SQLite for letters, passages, BM25 and vectors, FAISS
  for dense search. The default: nothing to run beside Missive.
- `PostgresStore` (postgres/): PostgreSQL with pgvector, when MISSIVE_DATABASE_URL is set,
  so several servers share one index.
"""

from __future__ import annotations

from indexer.store.base import (
    FileChange,
    IndexModelMismatch,
    IndexStats,
    LetterFilter,
    LetterHeader,
    Store,
    StoreError,
    StoreUnavailable,
)
from indexer.store.local import LocalStore
from indexer.store.scoped import ScopedStore, scoped


def open_store(settings, model: str, dimension: int, create: bool = True) -> Store:
    """The store the settings name, for vectors of `model` (`dimension` long). With
    `create=False`, a missing index is a StoreError saying how to build one."""
    if settings.database_read_url and not settings.database_url:
        raise StoreError("MISSIVE_DATABASE_READ_URL is a replica of MISSIVE_DATABASE_URL: "
                         "set both")
    if settings.database_url:
        from indexer.store.postgres import PostgresStore  # psycopg only when asked for

        return PostgresStore(settings.database_url, model, dimension, settings.database_schema,
                             settings.database_pool_size, create=create,
                             read_url=settings.database_read_url)
    return LocalStore(settings.index_dir, model, dimension, settings.faiss_index, create=create)


def erase_store(settings) -> None:
    """Delete the index the settings name, whatever wrote it: `missive index --rebuild`
    builds it afresh from the corpus (every letter is there)."""
    if settings.database_url:
        from indexer.store.postgres import PostgresStore

        PostgresStore.erase(settings.database_url, settings.database_schema)
    else:
        LocalStore.erase(settings.index_dir)


__all__ = ["FileChange", "IndexModelMismatch", "IndexStats", "LetterFilter", "LetterHeader", "LocalStore",
           "ScopedStore", "Store", "StoreError", "StoreUnavailable", "erase_store", "open_store", "scoped"]
