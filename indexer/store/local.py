"""The embedded store: one directory holding a SQLite database and a FAISS file.

SQLite is the source of truth: letters, passages with offsets, file hashes, BM25 (FTS5) and
every passage's vector. The FAISS file is a derived copy named by the generation it
matches (`vectors-<generation>.<type>.faiss`). A write builds the next FAISS file, renames it
into place, then commits the SQLite transaction that advances the generation; older files go
last. A kill at any moment therefore leaves a committed generation whose FAISS file exists
or can be rebuilt from SQLite, and readers always search one whole generation.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
import time
from pathlib import Path

import numpy as np

from indexer.embedder import text_hash
from indexer.models import Letter, Passage
from indexer.store import ann as ann_types
from indexer.store.base import (FileChange, IndexModelMismatch, IndexStats, LetterFilter,
                                LetterHeader, StoreError)
from indexer.store.sqlite_rows import (INSERT_LETTER, LETTER_COLUMNS, QUERY_TERM_TABLES, SCHEMA,
                                       SCHEMA_VERSION, connect, fts_query, letter_row,
                                       lexical_text, query_words, row_letter, row_passage)

DATABASE = "missive.sqlite3"
# BM25 scores every passage that holds any query word, so a query's cost is the number of
# passages its words occur in. Words are searched rarest first until this budget is spent
# (always at least MIN_QUERY_WORDS): on a small corpus every word is searched; on a large one
# the words in most passages, which say little about any of them, are left out.
POSTING_BUDGET = 5_000
MIN_QUERY_WORDS = 2


class LocalStore:
    def __init__(self, index_dir: Path, model: str, dimension: int, faiss_index: str = "flat",
                 create: bool = True):
        self.index_dir = Path(index_dir)
        if faiss_index not in ann_types.KINDS:
            raise StoreError(f"unknown FAISS index type {faiss_index!r}; "
                             f"choose one of {sorted(ann_types.KINDS)}")
        if not (self.index_dir / DATABASE).exists() and not create:
            raise StoreError(f"no index in {self.index_dir}: run `missive index` first")
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self.model, self.dimension, self.faiss_index = model, dimension, faiss_index
        self._lock = threading.RLock()  # one connection, shared by threads in turn
        self._conn = connect(self.index_dir / DATABASE)
        self._conn.executescript(SCHEMA)
        self._conn.executescript(QUERY_TERM_TABLES)
        self._ann: ann_types.ANN | None = None
        self._ann_generation = -1
        self._claim_model()

    # -- identity -------------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _claim_model(self) -> None:
        """Record which model builds this index, or refuse one that did not build it."""
        with self._lock:
            built_with, dims = self._meta("model"), self._meta("dimension")
            if built_with is None:
                self._conn.executemany(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                    [("schema_version", SCHEMA_VERSION), ("model", self.model),
                     ("dimension", str(self.dimension)), ("generation", "0")])
            elif built_with != self.model or int(dims) != self.dimension:
                raise IndexModelMismatch(
                    f"the index in {self.index_dir} was built with model {built_with!r} "
                    f"({dims} dimensions) but Missive is set to use {self.model!r} "
                    f"({self.dimension} dimensions). Vectors of two models cannot be mixed: "
                    f"use another --index-dir, or delete {self.index_dir} to rebuild it.")

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

    def file_hashes(self) -> dict[str, str]:
        with self._lock:
            return dict(self._conn.execute("SELECT source_path, sha256 FROM files").fetchall())

    def cached_vectors(self, text_hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for first in range(0, len(text_hashes), 500):
                chunk = text_hashes[first : first + 500]
                rows = self._conn.execute(
                    f"SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN "
                    f"({','.join('?' * len(chunk))})", [self.model, *chunk])
                found.update((h, np.frombuffer(v, dtype="float32")) for h, v in rows)
        return found

    def cache_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        """Keep vectors as soon as they are computed, so a killed run never embeds them again."""
        with self._lock, self._transaction():
            self._conn.executemany(
                "INSERT OR IGNORE INTO embeddings (text_hash, model, vector) VALUES (?, ?, ?)",
                [(h, self.model, np.asarray(v, dtype="float32").tobytes())
                 for h, v in vectors.items()])

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
                    old_ids = self._delete_files(removed + [c.source_path for c in changes])
                    new_ids, new_vectors = self._insert_files(changes)
                    self._conn.execute(
                        "DELETE FROM embeddings WHERE model = ? AND text_hash NOT IN "
                        "(SELECT text_hash FROM passages)", (self.model,))
                    self._conn.execute("DELETE FROM term_frequencies")
                    self._conn.execute("INSERT INTO term_frequencies (term, passages) "
                                       "SELECT term, doc FROM temp.passages_vocab")
                    self._conn.execute("UPDATE meta SET value = ? WHERE key = 'generation'",
                                       (str(generation),))
                    if ann.remove(old_ids):
                        ann.add(new_ids, new_vectors)
                    else:
                        ann = self._ann_from_database()
                    self._save_ann(ann, generation)
            except BaseException:
                self._ann, self._ann_generation = None, -1
                raise
            self._ann, self._ann_generation = ann, generation
            self._remove_stale_ann_files(keep=generation)
            # Fold the write-ahead log back into the database (without waiting for readers).
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            return generation

    def _delete_files(self, source_paths: list[str]) -> np.ndarray:
        ids: list[int] = []
        for first in range(0, len(source_paths), 500):
            chunk = source_paths[first : first + 500]
            marks = ",".join("?" * len(chunk))
            ids += [r[0] for r in self._conn.execute(
                f"SELECT p.id FROM passages p JOIN letters l USING (letter_id) "
                f"WHERE l.source_path IN ({marks})", chunk)]
            self._conn.execute(f"DELETE FROM files WHERE source_path IN ({marks})", chunk)
        self._conn.executemany("DELETE FROM passages_fts WHERE rowid = ?", [(i,) for i in ids])
        return np.asarray(ids, dtype="int64")

    def _insert_files(self, changes: list[FileChange]) -> tuple[np.ndarray, np.ndarray]:
        ids: list[int] = []
        vectors: list[np.ndarray] = []
        for change in changes:
            self._conn.execute("INSERT INTO files (source_path, sha256, size) VALUES (?, ?, ?)",
                               (change.source_path, change.sha256, change.size))
            self._conn.executemany(INSERT_LETTER, [letter_row(x) for x in change.letters])
            for passage, vector in zip(change.passages, change.vectors, strict=True):
                digest = text_hash(passage.text)
                cursor = self._conn.execute(
                    "INSERT INTO passages (passage_id, letter_id, paragraph, start, end, text, "
                    "text_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (passage.passage_id, passage.letter_id, passage.paragraph, passage.start,
                     passage.end, passage.text, digest))
                self._conn.execute("INSERT INTO passages_fts (rowid, body) VALUES (?, ?)",
                                   (cursor.lastrowid, lexical_text(passage.text)))
                self._conn.execute(
                    "INSERT OR IGNORE INTO embeddings (text_hash, model, vector) VALUES (?, ?, ?)",
                    (digest, self.model, np.asarray(vector, dtype="float32").tobytes()))
                ids.append(cursor.lastrowid)
                vectors.append(vector)
        matrix = np.vstack(vectors) if vectors else np.empty((0, self.dimension), "float32")
        return np.asarray(ids, dtype="int64"), matrix

    # -- FAISS generations ----------------------------------------------------------------

    def _ann_path(self, generation: int) -> Path:
        return self.index_dir / f"vectors-{generation}.{self.faiss_index}.faiss"

    def _save_ann(self, ann: ann_types.ANN, generation: int) -> None:
        path = self._ann_path(generation)
        partial = path.with_suffix(".partial")
        ann.save(partial)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, path)

    def _remove_stale_ann_files(self, keep: int) -> None:
        for path in self.index_dir.glob("vectors-*.faiss"):
            if path != self._ann_path(keep):
                path.unlink(missing_ok=True)
        for path in self.index_dir.glob("vectors-*.partial"):
            path.unlink(missing_ok=True)

    def _current_ann(self) -> ann_types.ANN:
        """The FAISS index of the committed generation: kept, loaded from its file, or
        rebuilt from the vectors in SQLite when the file is missing or does not match."""
        generation = self.generation
        if self._ann is not None and self._ann_generation == generation:
            return self._ann
        self._conn.execute("BEGIN")  # one snapshot for the generation and its rows
        try:
            generation = self.generation
            count = self._conn.execute("SELECT count(*) FROM passages").fetchone()[0]
            ann = None
            with contextlib.suppress(RuntimeError, OSError):
                if self._ann_path(generation).exists():
                    ann = ann_types.load(self._ann_path(generation), self.faiss_index)
            if ann is None or ann.size != count:
                ann = self._ann_from_database()
        finally:
            self._conn.execute("COMMIT")
        self._ann, self._ann_generation = ann, generation
        return ann

    def _ann_from_database(self) -> ann_types.ANN:
        ann = ann_types.create(self.faiss_index, self.dimension)
        rows = self._conn.execute(
            "SELECT p.id, e.vector FROM passages p JOIN embeddings e "
            "ON e.text_hash = p.text_hash AND e.model = ?", (self.model,)).fetchall()
        if rows:
            ids = np.fromiter((r[0] for r in rows), dtype="int64", count=len(rows))
            vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype="float32")
            ann.add(ids, vectors.reshape(len(rows), self.dimension))
        return ann

    # -- reading --------------------------------------------------------------------------

    def letter(self, letter_id: str) -> Letter | None:
        with self._lock:
            row = self._conn.execute(f"SELECT {LETTER_COLUMNS} FROM letters WHERE letter_id = ?",
                                     (letter_id,)).fetchone()
        return row_letter(row) if row else None

    def letters(self, where: LetterFilter | None = None, limit: int = 100,
                offset: int = 0) -> list[Letter]:
        clause, params = _letter_clause(where)
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {LETTER_COLUMNS} FROM letters WHERE {clause} "
                f"ORDER BY date_start IS NULL, date_start, source_path, ordinal LIMIT ? OFFSET ?",
                [*params, limit, offset]).fetchall()
        return [row_letter(r) for r in rows]

    def count_letters(self, where: LetterFilter | None = None) -> int:
        clause, params = _letter_clause(where)
        with self._lock:
            return self._conn.execute(f"SELECT count(*) FROM letters WHERE {clause}",
                                      params).fetchone()[0]

    def letters_of_file(self, source_path: str) -> list[str]:
        with self._lock:
            return [r[0] for r in self._conn.execute(
                "SELECT letter_id FROM letters WHERE source_path = ? ORDER BY ordinal",
                (source_path,))]

    def letter_headers(self, names: list[list[str]], days: list[tuple[str, str]],
                       where: LetterFilter | None = None,
                       limit: int = 1000) -> list[LetterHeader]:
        """Letters whose sender or recipient line holds every word of any of `names`, or
        whose date overlaps any of the (first, last) day ranges, within `where`."""
        tests, params = [], []
        for words in names:
            tests.append("(" + " AND ".join("instr(people, ?) > 0" for _ in words) + ")")
            params += [word.lower() for word in words]
        for first, last in days:
            tests.append("(date_start <= ? AND date_end >= ?)")
            params += [last, first]
        if not tests:
            return []
        clause, filter_params = _letter_clause(where)
        with self._lock:
            rows = self._conn.execute(
                f"SELECT letter_id, date, sender, recipient FROM letters INDEXED BY letters_by_people "
                f"WHERE ({' OR '.join(tests)}) AND {clause} LIMIT ?",
                [*params, *filter_params, limit]).fetchall()
        return [LetterHeader(*row) for row in rows]

    def passages(self, passage_ids: list[str]) -> list[Passage]:
        with self._lock:
            rows = self._conn.execute(
                f"SELECT * FROM passages WHERE passage_id IN ({','.join('?' * len(passage_ids))})",
                passage_ids).fetchall()
        by_id = {r["passage_id"]: row_passage(r) for r in rows}
        return [by_id[p] for p in passage_ids if p in by_id]

    def letter_passages(self, letter_id: str) -> list[Passage]:
        with self._lock:
            rows = self._conn.execute("SELECT * FROM passages WHERE letter_id = ? ORDER BY start",
                                      (letter_id,)).fetchall()
        return [row_passage(r) for r in rows]

    def dense_search(self, vector: np.ndarray, k: int,
                     where: LetterFilter | None = None) -> list[tuple[str, float]]:
        with self._lock:
            ann = self._current_ann()
            allowed = None
            if where is not None and not where.is_empty():
                clause, params = _letter_clause(where)
                allowed = np.fromiter((r[0] for r in self._conn.execute(
                    f"SELECT p.id FROM passages p JOIN letters USING (letter_id) WHERE {clause}",
                    params)), dtype="int64")
            scores, ids = ann.search(vector, k, allowed)
            id_list = [int(i) for i in ids]
            rows = dict(self._conn.execute(
                f"SELECT id, passage_id FROM passages WHERE id IN ({','.join('?' * len(id_list))})",
                id_list).fetchall()) if id_list else {}
        return [(rows[i], float(s)) for i, s in zip(id_list, scores) if i in rows]

    def _stem_frequencies(self, words: list[str]) -> list[tuple[str, str, int]]:
        """(word, stem, passages holding the stem) for each word, stemmed as FTS5 stems it."""
        self._conn.execute("INSERT INTO temp.query_terms (rowid, body) VALUES (1, ?)",
                           (" ".join(words),))
        stems = [r[0] for r in self._conn.execute(
            "SELECT term FROM temp.query_terms_vocab ORDER BY offset")]
        self._conn.execute("DELETE FROM temp.query_terms")
        if len(stems) != len(words):  # a word FTS5 splits differently: no stems, no pruning
            return [(w, w, 0) for w in words]
        found = dict(self._conn.execute(
            f"SELECT term, passages FROM term_frequencies WHERE term IN "
            f"({','.join('?' * len(stems))})", stems).fetchall())
        return [(w, s, found.get(s, 0)) for w, s in zip(words, stems)]

    def document_frequencies(self, words: list[str]) -> dict[str, int]:
        """In how many passages each word occurs (as BM25 matches it: stemmed). A word FTS5
        splits ('anti-slavery') counts as its rarest part."""
        parts = {word: query_words(word) for word in words}
        tokens = sorted({token for found in parts.values() for token in found})
        with self._lock:
            counts = {t: n for t, _, n in self._stem_frequencies(tokens)} if tokens else {}
        return {word: min((counts[t] for t in found), default=0) for word, found in parts.items()}

    def lexical_search(self, query: str, k: int,
                       where: LetterFilter | None = None) -> list[tuple[str, float]]:
        """BM25 over the passages. Words in most passages say little about any of them but
        make BM25 score most of the index, so the rarest words are searched for."""
        words = query_words(query)
        if not words:
            return []
        with self._lock:
            ranked = sorted(self._stem_frequencies(words), key=lambda item: item[2])
        kept, postings = [], 0
        for word, _, frequency in ranked:
            if len(kept) >= MIN_QUERY_WORDS and postings + frequency > POSTING_BUDGET:
                break
            kept.append(word)
            postings += frequency
        match = fts_query(" ".join(kept))
        within, params = "", []
        if where is not None and not where.is_empty():
            clause, params = _letter_clause(where)
            within = (" AND rowid IN (SELECT p.id FROM passages p JOIN letters USING (letter_id)"
                      f" WHERE {clause})")
        with self._lock:
            # Rank inside FTS5 first; only the top k rows are joined to their passages.
            rows = self._conn.execute(
                "SELECT p.passage_id, hit.rank FROM (SELECT rowid, rank FROM passages_fts "
                f"WHERE passages_fts MATCH ?{within} ORDER BY rank LIMIT ?) AS hit "
                "JOIN passages p ON p.id = hit.rowid ORDER BY hit.rank",
                [match, *params, k]).fetchall()
        return [(r[0], -float(r[1])) for r in rows]  # bm25() is lower-is-better

    # -- conversations (what follow-up questions refer back to) ----------------------------

    def conversation(self, conversation_id: str) -> list[dict]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT body_json FROM conversations WHERE conversation_id = ? ORDER BY turn",
                (conversation_id,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def add_turn(self, conversation_id: str, turn: dict) -> None:
        with self._lock, self._transaction():
            self._conn.execute(
                "INSERT INTO conversations (conversation_id, turn, body_json) VALUES (?, "
                "(SELECT coalesce(max(turn), 0) + 1 FROM conversations WHERE conversation_id = ?), ?)",
                (conversation_id, conversation_id, json.dumps(turn)))

    # -- delivery de-duplication and feedback (interfaces' own records) ---------------------

    def claim_event(self, event_id: str, ttl_seconds: float) -> bool:
        """True the first time an event id is seen within the time-to-live; False for a
        repeat. Kept in SQLite, so retries after a restart are caught too."""
        now = time.time()
        with self._lock, self._transaction():
            self._conn.execute("DELETE FROM seen_events WHERE seen_at < ?", (now - ttl_seconds,))
            cursor = self._conn.execute(
                "INSERT OR IGNORE INTO seen_events (event_id, seen_at) VALUES (?, ?)",
                (event_id, now))
            return cursor.rowcount == 1

    def add_feedback(self, record: dict) -> None:
        with self._lock, self._transaction():
            self._conn.execute("INSERT INTO feedback (body_json) VALUES (?)", (json.dumps(record),))

    def feedback(self) -> list[dict]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, created_at, body_json FROM feedback ORDER BY id").fetchall()
        return [{"id": r[0], "created_at": r[1], **json.loads(r[2])} for r in rows]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _letter_clause(where: LetterFilter | None) -> tuple[str, list]:
    """SQL over the letters table for a filter (always valid SQL: '1' when empty)."""
    if where is None:
        return "1", []
    clauses, params = [], []
    for column, value in (("sender", where.sender), ("recipient", where.recipient)):
        if value:
            clauses.append(f"instr(lower(coalesce({column}, '')), lower(?)) > 0")
            params.append(value.strip())
    if where.date_from:
        clauses.append("date_end >= ?")
        params.append(where.date_from)
    if where.date_to:
        clauses.append("date_start <= ?")
        params.append(where.date_to)
    if where.letter_ids:
        clauses.append(f"letter_id IN ({','.join('?' * len(where.letter_ids))})")
        params.extend(where.letter_ids)
    return (" AND ".join(clauses) or "1"), params
