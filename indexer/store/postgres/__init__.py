"""The shared backend: the whole index in PostgreSQL with pgvector, for several servers."""

from indexer.store.postgres.store import PostgresStore

__all__ = ["PostgresStore"]
