"""The embedded store: one directory holding a SQLite database and a FAISS file.

SQLite is the source of truth: letters, passages with offsets, file hashes, BM25 (FTS5) and
every passage's vector. The FAISS file is a derived snapshot plus a change log
(indexer.store.local.vector_files). A write is one SQLite transaction that advances the
generation; a kill at any moment leaves a committed generation whose vectors are in SQLite,
and readers always search one whole generation.
"""

from __future__ import annotations

import contextlib
import fcntl
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

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
)
from indexer.store.derived import DerivedRecords, pending_statements
from indexer.store.letter_reads import LetterReads
from indexer.store.local import ann as ann_types
from indexer.store.local.lexical import LexicalIndex
from indexer.store.local.records import InteractionRecords
from indexer.store.local.sqlite_rows import (
    INSERT_LETTER,
    QUERY_TERM_TABLES,
    RECORD_TABLES,
    RECORDS_DATABASE,
    RECORDS_SCHEMA,
    SCHEMA,
    SCHEMA_VERSION,
    connect,
    upgrade_in_place,
)
from indexer.store.local.vector_files import VectorFiles
from indexer.store.rows import letter_row, marks
from indexer.store.terms import lexical_text

DATABASE = "missive.sqlite3"


class LocalStore(VectorFiles, LexicalIndex, InteractionRecords, LetterReads, DerivedRecords, Store):
    _mark = "?"
    _people_index = "INDEXED BY letters_by_people"  # the planner would otherwise scan dates

    def __init__(self, index_dir: Path, model: str, dimension: int, faiss_index: str = "flat",
                 create: bool = True):
        self.index_dir = Path(index_dir)
        if faiss_index not in ann_types.KINDS:
            raise StoreError(f"unknown FAISS index type {faiss_index!r}; "
                             f"choose one of {sorted(ann_types.KINDS)}")
        if not (self.index_dir / DATABASE).exists() and not create:
            raise StoreError(f"no index in {self.index_dir}: run `missive index` first")
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self.location = str(self.index_dir)
        self.model, self.dimension, self.faiss_index = model, dimension, faiss_index
        self._lock = threading.RLock()  # one connection, shared by threads in turn
        self._counted = (-1, 0)  # (generation, passages) for passage_count
        self._allowed: OrderedDict[tuple, np.ndarray] = OrderedDict()  # see _allowed_ids
        self._conn = connect(self.index_dir / DATABASE)
        self._check_schema()
        self._conn.executescript(SCHEMA)
        self._conn.executescript(QUERY_TERM_TABLES)
        self._attach_records()
        self._claim_model()

    def _attach_records(self) -> None:
        """Attach the records database; records an older Missive kept in the index's own
        database move there once."""
        self._conn.execute("ATTACH DATABASE ? AS records", (str(self.index_dir / RECORDS_DATABASE),))
        self._conn.execute("PRAGMA records.journal_mode=WAL")
        self._conn.executescript(RECORDS_SCHEMA)
        with self._lock, self._transaction():
            for table in RECORD_TABLES:
                if self._conn.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'table' "
                                      "AND name = ?", (table,)).fetchone():
                    columns = {"feedback": "created_at, body_json"}.get(table, "*")
                    self._conn.execute(f"INSERT OR IGNORE INTO records.{table} "
                                       f"{'(' + columns + ')' if columns != '*' else ''} "
                                       f"SELECT {columns} FROM main.{table}")
                    self._conn.execute(f"DROP TABLE main.{table}")

    @staticmethod
    def erase(index_dir: Path) -> None:
        """Delete the index's files (not the folder, which may hold other things, nor the
        records database: conversations and feedback are not made from the corpus)."""
        index_dir = Path(index_dir)
        for name in (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm"):
            (index_dir / name).unlink(missing_ok=True)
        for path in index_dir.glob("vectors-*"):
            path.unlink()

    # -- identity -------------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _check_schema(self) -> None:
        """Upgrade an index of an older schema in place where `UPGRADES` knows how; refuse
        one written by a Missive whose tables differ otherwise, with what to do."""
        self._conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        with self._lock:
            found = upgrade_in_place(self._conn, self._meta, self._transaction)
        if found is not None and found != SCHEMA_VERSION:
            raise StoreError(
                f"the index in {self.index_dir} was written by another version of Missive "
                f"(schema {found}, this one reads {SCHEMA_VERSION}): run `missive index "
                f"--rebuild` to rebuild it (the letters are all in the corpus)")

    def _claim_model(self) -> None:
        """Record which model builds this index, or refuse one that did not build it."""
        with self._lock:
            built_with, dims = self._meta("model"), self._meta("dimension")
            if built_with is None:
                self._conn.executemany(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                    [("schema_version", SCHEMA_VERSION), ("model", self.model),
                     ("dimension", str(self.dimension)), ("generation", "0")])
            elif built_with != self.model or int(dims or 0) != self.dimension:
                raise IndexModelMismatch(
                    f"the index in {self.index_dir} was built with model {built_with!r} "
                    f"({dims} dimensions) but Missive is set to use {self.model!r} "
                    f"({self.dimension} dimensions). Vectors of two models cannot be mixed: "
                    f"use another --index-dir, or run `missive index --rebuild`.")

    @property
    def generation(self) -> int:
        with self._lock:
            return int(self._meta("generation") or 0)

    def stats(self) -> IndexStats:
        with self._lock:
            count = lambda table: self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
            return IndexStats(letters=count("letters"), passages=count("passages"),
                              files=count("files"), generation=self.generation,
                              model=self.model, dimension=self.dimension)

    def passage_count(self) -> int:
        """How many passages the index holds, counted once per generation."""
        with self._lock:
            generation = self.generation
            if self._counted[0] != generation:
                count = self._conn.execute("SELECT count(*) FROM passages").fetchone()[0]
                self._counted = (generation, count)
            return self._counted[1]

    @contextlib.contextmanager
    def writer(self):
        """Hold the index's write lock (one indexing run at a time, across processes)."""
        with open(self.index_dir / "write.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield self
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- the embedding cache --------------------------------------------------------------

    def cached_vectors(self, text_hashes: list[str],
                       model: str | None = None) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for first in range(0, len(text_hashes), 500):
                chunk = text_hashes[first : first + 500]
                rows = self._conn.execute(
                    f"SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN "
                    f"({marks('?', len(chunk))})", [model or self.model, *chunk])
                found.update((h, np.frombuffer(v, dtype="float32")) for h, v in rows)
        return found

    def cache_vectors(self, vectors: dict[str, np.ndarray], model: str | None = None) -> None:
        """Keep vectors as soon as they are computed, so a killed run never embeds them again."""
        with self._lock, self._transaction():
            self._conn.executemany(
                "INSERT OR IGNORE INTO embeddings (text_hash, model, vector) VALUES (?, ?, ?)",
                [(h, model or self.model, np.asarray(v, dtype="float32").tobytes())
                 for h, v in vectors.items()])

    def sentence_model(self) -> str:
        with self._lock:
            return self._meta("sentence_model") or ""

    def set_sentence_model(self, model: str) -> None:
        with self._lock, self._transaction():
            self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES "
                               "('sentence_model', ?)", (model,))

    # -- writing a generation -------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self):
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def write(self, changes: list[FileChange], removed: list[str]) -> int:
        """Replace the letters of changed files and drop removed ones, all or nothing."""
        with self._lock:
            ann = self._current_ann()
            try:
                with self._transaction():
                    generation = self.generation + 1
                    for sql, rows in pending_statements(
                            "?", removed + [c.source_path for c in changes],
                            [x.letter_id for c in changes for x in c.letters]):
                        self._conn.executemany(sql, rows)
                    old_ids, old_hashes, old_texts = self._delete_files(
                        removed + [c.source_path for c in changes])
                    new_ids, new_vectors = self._insert_files(changes)
                    self._forget_vectors(old_hashes - sentence_hashes(
                        [p.text for c in changes for p in c.passages]))
                    self._count_terms(old_texts, -1)
                    self._count_terms([lexical_text(p.text) for c in changes for p in c.passages], 1)
                    self._conn.execute("UPDATE meta SET value = ? WHERE key = 'generation'",
                                       (str(generation),))
                    kept = self._advance_ann(ann, old_ids, new_ids, new_vectors, generation)
            except BaseException:
                self._keep(None, -1, -1, 0)
                raise
            self._keep(kept[0], generation, *kept[1:])
            self._remove_stale_ann_files()
            # Fold the write-ahead log back into the database (without waiting for readers).
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            return generation

    def _delete_files(self, source_paths: list[str]) -> tuple[np.ndarray, set[str], list[str]]:
        """Delete the files' letters and passages; returns the passages' ids, the cache keys
        of their vectors and their sentences' (for the vector cache), and their texts as BM25
        indexed them (for term counts)."""
        rows: list[tuple] = []
        for first in range(0, len(source_paths), 500):
            chunk = source_paths[first : first + 500]
            in_list = marks("?", len(chunk))
            rows += self._conn.execute(
                f"SELECT p.id, p.text_hash, p.text FROM passages p JOIN letters l USING (letter_id) "
                f"WHERE l.source_path IN ({in_list})", chunk).fetchall()
            self._conn.execute(f"DELETE FROM files WHERE source_path IN ({in_list})", chunk)
        self._conn.executemany("DELETE FROM passages_fts WHERE rowid = ?", [(r[0],) for r in rows])
        return (np.asarray([r[0] for r in rows], dtype="int64"),
                {r[1] for r in rows} | sentence_hashes([r[2] for r in rows]),
                [lexical_text(r[2]) for r in rows])

    def _forget_vectors(self, text_hashes: set[str]) -> None:
        """Drop cached vectors of removed passages (and their sentences) that no passage uses
        any more, of every model (the sentence model's too). Work is in proportion to the
        change, not the index. A sentence another file also holds loses its vector too; the
        assistant then encodes it when it is asked for."""
        self._conn.executemany(
            "DELETE FROM embeddings WHERE text_hash = ? AND NOT EXISTS "
            "(SELECT 1 FROM passages WHERE text_hash = ?)",
            [(h, h) for h in text_hashes])

    def _insert_files(self, changes: list[FileChange]) -> tuple[np.ndarray, np.ndarray]:
        ids: list[int] = []
        vectors: list[np.ndarray] = []
        for change in changes:
            self._conn.execute(
                "INSERT INTO files (source_path, sha256, size, mtime_ns) VALUES (?, ?, ?, ?)",
                (change.source_path, change.sha256, change.size, change.mtime_ns))
            self._conn.executemany(INSERT_LETTER, [letter_row(x) for x in change.letters])
            for passage, vector in zip(change.passages, change.vectors, strict=True):
                digest = text_hash(passage.text)
                cursor = self._conn.execute(
                    "INSERT INTO passages (passage_id, letter_id, paragraph, start, end, text, "
                    "text_hash, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (passage.passage_id, passage.letter_id, passage.paragraph, passage.start,
                     passage.end, passage.text, digest, passage.page))
                row_id = int(cursor.lastrowid or 0)  # an INSERT always sets it
                self._conn.execute("INSERT INTO passages_fts (rowid, body) VALUES (?, ?)",
                                   (row_id, lexical_text(passage.text)))
                self._conn.execute(
                    "INSERT OR IGNORE INTO embeddings (text_hash, model, vector) VALUES (?, ?, ?)",
                    (digest, self.model, np.asarray(vector, dtype="float32").tobytes()))
                ids.append(row_id)
                vectors.append(vector)
        matrix = np.vstack(vectors) if vectors else np.empty((0, self.dimension), "float32")
        return np.asarray(ids, dtype="int64"), matrix

    # -- reading --------------------------------------------------------------------------

    def letter_collections(self, letter_ids: list[str]) -> dict[str, str]:
        """Each letter's collection, for the letters that exist (from its path, which is
        stored before the text: the row's overflow pages are not read)."""
        if not letter_ids:
            return {}
        with self._lock:
            rows = self._conn.execute(
                f"SELECT letter_id, source_path FROM letters "
                f"WHERE letter_id IN ({marks('?', len(letter_ids))})", letter_ids).fetchall()
        return {letter_id: collection_of(path) for letter_id, path in rows}

    def dense_search(self, vector: np.ndarray, k: int,
                     where: LetterFilter | None = None) -> list[tuple[str, float]]:
        with self._lock:
            ann = self._current_ann()
            allowed = None
            if where is not None and not where.is_empty():
                allowed = self._allowed_ids(where)
            scores, ids = ann.search(vector, k, allowed)
            id_list = [int(i) for i in ids]
            rows = dict(self._conn.execute(
                f"SELECT id, passage_id FROM passages WHERE id IN ({marks('?', len(id_list))})",
                id_list).fetchall()) if id_list else {}
        return [(rows[i], float(s)) for i, s in zip(id_list, scores) if i in rows]

    def _rows(self, sql: str, params=(), read: bool = True) -> Sequence[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _transact(self, steps: list[tuple[str, list]]) -> None:
        with self._lock, self._transaction():
            for sql, rows in steps:
                self._conn.executemany(sql, rows)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
