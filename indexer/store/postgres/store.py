"""The shared store: letters, passages, vectors and records in PostgreSQL with pgvector, so
several Missive servers (HTTP and Slack replicas behind a load balancer) serve one index.

PostgreSQL is the whole index: no files beside it. Dense search is pgvector's HNSW index
over inner product (the model's vectors are normalised, so it is cosine); lexical search is
BM25 over `tsvector`s (full_text.py). A write is one transaction: an index run commits all
its files or none, and every server sees the new letters at its next query. Connections
come from a pool, so a server's threads share a few connections.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import numpy as np
import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from indexer.embedder import text_hash
from indexer.models import collection_of
from indexer.sentences import sentence_hashes
from indexer.store.base import (
    FileChange,
    IndexModelMismatch,
    IndexStats,
    LetterFilter,
    Store,
    StoreError,
    StoreUnavailable,
)
from indexer.store.derived import DerivedRecords, pending_statements
from indexer.store.letter_reads import LetterReads
from indexer.store.postgres.adapt import configure
from indexer.store.postgres.full_text import CONFIG, FullTextSearch, count_terms, lexical_words
from indexer.store.postgres.migrations import migrate, records_schema
from indexer.store.postgres.records import SharedRecords
from indexer.store.rows import (
    insert_letter_sql,
    letter_row,
    passage_clause,
)

# Advisory lock classes (the second key is the schema): one index run at a time, and one
# write transaction at a time, across every server using the schema.
_RUN_LOCK, _WRITE_LOCK = 0x6D697372, 0x6D697377
# HNSW candidates per query: more than the default 40 so the top 50 that hybrid fusion asks
# for are the true top 50 (measured recall in eval/bench_backends.py).
EF_SEARCH = 100
POOL_WAIT_SECONDS = 10  # longest a request waits for a connection (or the database)
# Made by the first write, over all its vectors at once (see migrations.py); later writes add
# to it. CREATE INDEX takes a SHARE lock: searches go on while it is built. The graph is built
# in memory when it fits in maintenance_work_mem (3x faster at 100k passages: 36 s against
# 105 s with the default 64 MB); the setting holds for that transaction only.
VECTOR_INDEX = ("CREATE INDEX IF NOT EXISTS passages_embedding ON passages "
                "USING hnsw (embedding vector_ip_ops) WITH (m = 16, ef_construction = 64)")
BUILD_MEMORY = "512MB"
_PASSAGE_COLUMNS = 'passage_id, letter_id, paragraph, start, "end", text, page'


def describe(url: str) -> str:
    """Where a database is, without its password: for messages."""
    parts = conninfo_to_dict(url)
    return f"{parts.get('dbname') or 'postgres'} on {parts.get('host') or 'localhost'}"


class PostgresStore(FullTextSearch, SharedRecords, LetterReads, DerivedRecords, Store):
    _mark = "%s"

    """The `Store` in one schema of a PostgreSQL database (`MISSIVE_DATABASE_SCHEMA`)."""

    def __init__(self, url: str, model: str, dimension: int, schema: str = "missive",
                 pool_size: int = 8, create: bool = True,
                 wait_seconds: float = POOL_WAIT_SECONDS, read_url: str = ""):
        self.model, self.dimension, self.schema = model, dimension, schema
        self.location = f"schema {schema!r} of {describe(url)}"
        self._url = url
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                if not create and not _has_index(conn, schema):
                    raise StoreError(f"no index in {self.location}: run `missive index` first")
                migrate(conn, schema, dimension)
        except psycopg.OperationalError as exc:
            raise StoreError(f"cannot reach PostgreSQL ({describe(url)}): {exc}") from None
        self._pool = self._read_pool = self._open_pool(url, pool_size, wait_seconds)
        try:
            self._claim_model()
            if read_url:
                self._read_pool = self._open_pool(read_url, pool_size, wait_seconds, "-read")
        except BaseException:
            self.close()
            raise

    def _open_pool(self, url: str, size: int, wait_seconds: float, suffix: str = ""):
        # `check`: a connection the database dropped (a restart, a fail-over) is replaced
        # before use instead of failing a request.
        return ConnectionPool(
            url, min_size=1, max_size=size, open=True, configure=configure,
            check=ConnectionPool.check_connection, timeout=wait_seconds,
            kwargs={"options": f"-c search_path={self.schema},{records_schema(self.schema)},public"},
            name=f"missive-{self.schema}{suffix}")

    @classmethod
    def erase(cls, url: str, schema: str) -> None:
        """Drop the index (its schema) so it can be built afresh from the corpus; the records
        schema beside it stays."""
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))

    def _transact(self, steps: list[tuple[str, list]]) -> None:
        with self._connection() as conn, conn.cursor() as cursor:
            for statement, rows in steps:
                cursor.executemany(statement, rows)

    def close(self) -> None:
        self._pool.close()
        if self._read_pool is not self._pool:
            self._read_pool.close()

    @contextlib.contextmanager
    def _connection(self, read: bool = False):
        """A pooled connection, in a transaction committed on leaving: from the read replica
        for `read` (searches and letter pages), else from the primary. A database that cannot
        be reached is StoreUnavailable (HTTP 503), not a stack trace."""
        try:
            with (self._read_pool if read else self._pool).connection() as conn:
                yield conn
        except (psycopg.OperationalError, PoolTimeout) as exc:
            raise StoreUnavailable(f"the index's database ({describe(self._url)}) cannot be "
                                   f"reached: {str(exc).strip()}") from None

    # -- identity -------------------------------------------------------------------------

    def _claim_model(self) -> None:
        """Record which model builds this index, or refuse one that did not build it."""
        with self._connection() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('model', %s), ('dimension', %s), "
                         "('generation', '0') ON CONFLICT (key) DO NOTHING",
                         (self.model, str(self.dimension)))
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        built_with, dims = meta["model"], meta["dimension"]
        if built_with != self.model or int(dims) != self.dimension:
            raise IndexModelMismatch(
                f"the index in {self.location} was built with model {built_with!r} ({dims} "
                f"dimensions) but Missive is set to use {self.model!r} ({self.dimension} "
                f"dimensions). Vectors of two models cannot be mixed: use another "
                f"MISSIVE_DATABASE_SCHEMA, or run `missive index --rebuild`.")

    def stats(self) -> IndexStats:
        with self._connection() as conn:
            letters, passages, files, generation = conn.execute(
                "SELECT (SELECT count(*) FROM letters), (SELECT count(*) FROM passages), "
                "(SELECT count(*) FROM files), "
                "(SELECT value::bigint FROM meta WHERE key = 'generation')").fetchone()
        return IndexStats(letters=letters, passages=passages, files=files,
                          generation=generation, model=self.model, dimension=self.dimension)

    @contextlib.contextmanager
    def writer(self):
        """Hold the index's run lock: one indexing run at a time across every server. The
        lock is PostgreSQL's, so it goes with the connection if this process dies."""
        with psycopg.connect(self._url, autocommit=True) as conn:
            conn.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", (_RUN_LOCK, self.schema))
            try:
                yield self
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))",
                              (_RUN_LOCK, self.schema))

    # -- the embedding cache --------------------------------------------------------------

    def cached_vectors(self, text_hashes: list[str],
                       model: str | None = None) -> dict[str, np.ndarray]:
        """Vectors already computed for these texts: in the index, or kept by a run that
        did not commit; another model's (the sentence model's) from their own table."""
        if model and model != self.model:
            rows = self._rows("SELECT text_hash, vector FROM model_vectors WHERE model = %s "
                              "AND text_hash = ANY(%s)", (model, text_hashes), read=False)
            return {r["text_hash"]: np.frombuffer(r["vector"], dtype="float32") for r in rows}
        with self._connection() as conn, conn.cursor(binary=True) as cursor:
            rows = cursor.execute(
                "SELECT DISTINCT ON (text_hash) text_hash, embedding FROM passages "
                "WHERE text_hash = ANY(%s) UNION ALL "
                "SELECT text_hash, embedding FROM pending_vectors WHERE text_hash = ANY(%s)",
                (text_hashes, text_hashes)).fetchall()
        return {h: v.to_numpy().astype("float32") for h, v in rows}

    def cache_vectors(self, vectors: dict[str, np.ndarray], model: str | None = None) -> None:
        """Keep vectors as soon as they are computed, so a killed run never embeds them again."""
        with self._connection() as conn:
            if model and model != self.model:
                conn.cursor().executemany(
                    "INSERT INTO model_vectors (model, text_hash, vector) VALUES (%s, %s, %s) "
                    "ON CONFLICT DO NOTHING",
                    [(model, h, np.asarray(v, dtype="float32").tobytes())
                     for h, v in vectors.items()])
                return
            conn.cursor().executemany(
                "INSERT INTO pending_vectors (text_hash, embedding) VALUES (%s, %s) "
                "ON CONFLICT (text_hash) DO NOTHING",
                [(h, np.asarray(v, dtype="float32")) for h, v in vectors.items()])

    def sentence_model(self) -> str:
        rows = self._rows("SELECT value FROM meta WHERE key = 'sentence_model'", read=False)
        return rows[0]["value"] if rows else ""

    def set_sentence_model(self, model: str) -> None:
        with self._connection() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('sentence_model', %s) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (model,))

    # -- writing --------------------------------------------------------------------------

    def write(self, changes: list[FileChange], removed: list[str]) -> int:
        """Replace the letters of changed files and drop removed ones in one transaction."""
        paths = removed + [c.source_path for c in changes]
        with self._connection() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_WRITE_LOCK, self.schema))
            cursor = conn.cursor()
            for statement, rows in pending_statements(
                    "%s", paths, [x.letter_id for c in changes for x in c.letters]):
                cursor.executemany(statement, rows)
            conn.execute("CREATE TEMP TABLE changed (id bigint PRIMARY KEY) ON COMMIT DROP")
            conn.execute("INSERT INTO changed SELECT p.id FROM passages p JOIN letters l "
                         "USING (letter_id) WHERE l.source_path = ANY(%s)", (paths,))
            count_terms(conn, -1)
            old_texts = [r[0] for r in conn.execute(
                "SELECT text FROM passages JOIN changed USING (id)").fetchall()]
            conn.execute("DELETE FROM files WHERE source_path = ANY(%s)", (paths,))
            conn.execute("TRUNCATE changed")
            self._insert(conn, changes)
            conn.execute(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
            conn.execute(VECTOR_INDEX)
            count_terms(conn, +1)
            # sentence vectors live in pending_vectors (no passage row holds them): the
            # removed passages' go with them, unless a new passage has the same sentence
            gone = sentence_hashes(old_texts) - sentence_hashes(
                [p.text for c in changes for p in c.passages])
            conn.execute("DELETE FROM pending_vectors WHERE text_hash = ANY(%s)", (list(gone),))
            conn.execute("DELETE FROM model_vectors WHERE text_hash = ANY(%s)", (list(gone),))
            return conn.execute("UPDATE meta SET value = (value::bigint + 1)::text "
                                "WHERE key = 'generation' RETURNING value::bigint").fetchone()[0]

    def _insert(self, conn: psycopg.Connection, changes: list[FileChange]) -> None:
        """Insert the files, letters and passages, listing the new passages in `changed`.
        Passages arrive by COPY into a scratch table, so a large run is one round trip."""
        cursor = conn.cursor()
        cursor.executemany("INSERT INTO files (source_path, sha256, size, mtime_ns) "
                           "VALUES (%s, %s, %s, %s)",
                           [(c.source_path, c.sha256, c.size, c.mtime_ns) for c in changes])
        cursor.executemany(insert_letter_sql("%s"),
                           [letter_row(x) for c in changes for x in c.letters])
        conn.execute(
            f"CREATE TEMP TABLE incoming (passage_id text, letter_id text, paragraph integer, "
            f"start integer, \"end\" integer, text text, text_hash text, page integer, "
            f"words text, term_count integer, embedding vector({int(self.dimension)}), "
            f"collection text) ON COMMIT DROP")
        with cursor.copy("COPY incoming FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["text", "text", "int4", "int4", "int4", "text", "text", "int4",
                            "text", "int4", "vector", "text"])
            for change in changes:
                collection = collection_of(change.source_path)
                for passage, vector in zip(change.passages, change.vectors, strict=True):
                    words = lexical_words(passage.text)
                    copy.write_row((passage.passage_id, passage.letter_id, passage.paragraph,
                                    passage.start, passage.end, passage.text,
                                    text_hash(passage.text), passage.page, " ".join(words),
                                    len(words), np.asarray(vector, dtype="float32"),
                                    collection))
        conn.execute(
            "WITH added AS (INSERT INTO passages (passage_id, letter_id, paragraph, start, "
            "\"end\", text, text_hash, page, embedding, collection) SELECT passage_id, "
            "letter_id, paragraph, start, \"end\", text, text_hash, page, embedding, collection "
            "FROM incoming RETURNING id) INSERT INTO changed SELECT id FROM added")
        conn.execute(f"INSERT INTO passage_terms (id, terms, term_count, collection) "
                     f"SELECT p.id, to_tsvector('{CONFIG}', i.words), i.term_count, "
                     f"i.collection "
                     f"FROM incoming i JOIN passages p USING (passage_id) JOIN changed USING (id)")
        conn.execute("DELETE FROM pending_vectors WHERE text_hash IN (SELECT text_hash FROM incoming)")

    # -- reading --------------------------------------------------------------------------

    def _rows(self, query: str, params=(), read: bool = True) -> Sequence[dict]:
        with self._connection(read) as conn, conn.cursor(row_factory=dict_row) as cursor:
            return cursor.execute(query, params).fetchall()

    def letter_collections(self, letter_ids: list[str]) -> dict[str, str]:
        """Each letter's collection, for the letters that exist."""
        return {r["letter_id"]: r["collection"] for r in self._rows(
            "SELECT letter_id, collection FROM letters WHERE letter_id = ANY(%s)",
            (letter_ids,))} if letter_ids else {}

    def dense_search(self, vector: np.ndarray, k: int,
                     where: LetterFilter | None = None) -> list[tuple[str, float]]:
        """The k passages nearest the query vector by inner product, through the HNSW index.
        With a filter, the index scan goes on until k passages pass it (pgvector's iterative
        scan), instead of filtering the first k and returning fewer."""
        clause, params = passage_clause(
            where, "collection", "letter_id IN (SELECT letter_id FROM letters WHERE {clause})",
            "%s")
        within = f"WHERE {clause}"
        query = np.asarray(vector, dtype="float32")
        with self._connection(read=True) as conn:
            conn.execute("SELECT set_config('hnsw.ef_search', %s, true), "
                         "set_config('hnsw.iterative_scan', 'relaxed_order', true)",
                         (str(min(max(EF_SEARCH, k), 1000)),))
            rows = conn.execute(
                f"SELECT passage_id, score FROM (SELECT passage_id, -(embedding <#> %s) AS score "
                f"FROM passages {within} ORDER BY embedding <#> %s LIMIT %s) AS hit "
                f"ORDER BY score DESC", [query, *params, query, k]).fetchall()
        return [(passage_id, float(score)) for passage_id, score in rows]


def _has_index(conn: psycopg.Connection, schema: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s) IS NOT NULL",
                       (f"{schema}.schema_migrations",)).fetchone()
    return bool(row and row[0])
