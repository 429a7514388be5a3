"""What the parts of the PostgreSQL store share, declared once: the schema and its pooled
connections. Each part (full text, records) is a mixin of PostgresStore that inherits these
declarations, so what it relies on is written down and type-checked."""

from __future__ import annotations

from contextlib import AbstractContextManager

import psycopg


class PostgresParts:
    schema: str
    dimension: int

    def _connection(self, read: bool = False) -> AbstractContextManager[psycopg.Connection]:
        raise NotImplementedError
