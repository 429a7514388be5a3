"""How values cross to PostgreSQL: numpy arrays as pgvector vectors, and text without NUL."""

from __future__ import annotations

import psycopg
from pgvector.psycopg import register_vector
from psycopg.types.json import Jsonb
from psycopg.types.string import StrBinaryDumper, StrDumper


def without_nul(value):
    """PostgreSQL text cannot hold NUL, which SQLite stores and a request may carry: it
    becomes U+FFFD, one character for one, so offsets into a letter still hold and a lookup
    of an id with a NUL in it finds nothing, as it would in SQLite. Goes into lists and dicts
    (JSON records)."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {without_nul(k): without_nul(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [without_nul(v) for v in value]
    return value


class _Text(StrDumper):
    def dump(self, obj: str):
        return super().dump(without_nul(obj))


class _BinaryText(StrBinaryDumper):
    def dump(self, obj: str):
        return super().dump(without_nul(obj))


def json_body(record: dict) -> Jsonb:
    """A record as jsonb (whose strings cannot hold NUL either)."""
    return Jsonb(without_nul(record))


def configure(conn: psycopg.Connection) -> None:
    """Each pooled connection knows pgvector's type (numpy arrays in, vectors out) and sends
    text without NUL."""
    register_vector(conn)
    conn.adapters.register_dumper(str, _Text)
    conn.adapters.register_dumper(str, _BinaryText)
    conn.commit()
