"""FAISS snapshots and the change log since the last one: why adding a letter to a large
index costs little more than adding it to a small one.

A mixin of LocalStore (what it uses of the store is declared in `parts.LocalParts`). SQLite
holds every vector; a FAISS file is a snapshot of them at one generation
(`vectors-<generation>.<type>.faiss`, meta `snapshot_generation` and `snapshot_max_id`, the
highest passage id it holds). A write does not rewrite the snapshot:
it logs the passage ids it removes (`ann_removed`), and its new passages are those with ids
above `snapshot_max_id` (ids only grow). Once the changes since the snapshot pass
`SNAPSHOT_EVERY` vectors (or a twentieth of the index), the write saves a new snapshot,
renamed into place before its transaction commits, and clears the log.

A reader's index for a generation is the snapshot with the log applied, built once and then
kept up to date by applying only what is new. A kill at any moment leaves a committed
snapshot, or none, in which case the index is rebuilt from SQLite.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import numpy as np

from indexer.store.base import LetterFilter
from indexer.store.local import ann as ann_types
from indexer.store.local.parts import LocalParts
from indexer.store.rows import letter_clause

SNAPSHOT_EVERY = 5_000
SNAPSHOT_FRACTION = 0.05
# Filters whose allowed passage ids are remembered (per generation) for dense search.
ALLOWED_FILTERS = 16


class VectorFiles(LocalParts):
    _ann: ann_types.ANN | None = None
    _ann_generation = -1
    _ann_snapshot = -1  # the snapshot the in-memory index started from
    _ann_max_id = 0  # the highest passage id the in-memory index holds

    def _allowed_ids(self, where: LetterFilter) -> np.ndarray:
        """The passage ids a filter allows, for FAISS's selector. A caller's collections
        are the same on every query they make, and reading 30k ids of 100k takes 12 ms (most
        of a filtered search), so a filter naming no letters is remembered for the
        generation read (call with the lock held, after `_current_ann`)."""
        clause, params = letter_clause(where)
        key = None if where.letter_ids else (self._ann_generation, clause, tuple(params))
        if key is not None and key in self._allowed:
            self._allowed.move_to_end(key)
            return self._allowed[key]
        allowed = np.fromiter((r[0] for r in self._conn.execute(
            f"SELECT p.id FROM passages p JOIN letters USING (letter_id) WHERE {clause}",
            params)), dtype="int64")
        if key is not None:
            stale = [k for k in self._allowed if k[0] != self._ann_generation]
            for old in stale:
                del self._allowed[old]
            self._allowed[key] = allowed
            while len(self._allowed) > ALLOWED_FILTERS:
                self._allowed.popitem(last=False)
        return allowed

    def _ann_path(self, generation: int) -> Path:
        return self.index_dir / f"vectors-{generation}.{self.faiss_index}.faiss"

    def _snapshot(self) -> tuple[int, int]:
        """(generation, highest passage id) of the snapshot of this store's FAISS type, or
        (-1, 0) when there is none (the index was last written as another type)."""
        if self._meta("snapshot_kind") != self.faiss_index:
            return -1, 0
        return int(self._meta("snapshot_generation") or -1), int(self._meta("snapshot_max_id") or 0)

    def _current_ann(self) -> ann_types.ANN:
        """The index of the committed generation: kept, brought up to date from the log,
        loaded from its snapshot, or rebuilt from SQLite, cheapest first."""
        generation = self.generation
        if self._ann is not None and self._ann_generation == generation:
            return self._ann
        self._conn.execute("BEGIN")  # one snapshot of the database for all that follows
        try:
            generation = self.generation
            snapshot, snapshot_max_id = self._snapshot()
            ann, max_id = None, snapshot_max_id
            if self._ann is not None and self._ann_snapshot == snapshot >= 0:
                ann, max_id = self._ann, self._ann_max_id
            elif snapshot >= 0:
                with contextlib.suppress(RuntimeError, OSError):
                    ann = ann_types.load(self._ann_path(snapshot), self.faiss_index)
            if ann is not None:
                ann, max_id = self._apply_log(ann, max_id)
            count = self._conn.execute("SELECT count(*) FROM passages").fetchone()[0]
            if ann is None or ann.size != count:
                ann, snapshot = self._ann_from_database(), -1
                max_id = self._max_passage_id()
        finally:
            self._conn.execute("COMMIT")
        self._keep(ann, generation, snapshot, max_id)
        return ann

    def _apply_log(self, ann: ann_types.ANN, max_id: int) -> tuple[ann_types.ANN | None, int]:
        """Remove the logged ids (again: removal is idempotent, ids are never reused) and add
        the passages above `max_id`."""
        removed = np.fromiter((r[0] for r in self._conn.execute("SELECT id FROM ann_removed")),
                              dtype="int64")
        if len(removed) and not ann.remove(removed):
            return None, max_id
        ids, vectors = self._vectors("p.id > ?", (max_id,))
        ann.add(ids, vectors)
        return ann, max(max_id, int(ids.max()) if len(ids) else 0)

    def _advance_ann(self, ann: ann_types.ANN, old_ids: np.ndarray, new_ids: np.ndarray,
                     new_vectors: np.ndarray, generation: int) -> tuple[ann_types.ANN, int, int]:
        """Inside a write's transaction: change the in-memory index, log the change, and save
        a snapshot when the log has grown long. Returns the index, its snapshot and the
        highest passage id it holds, for `_keep` once the transaction commits."""
        self._conn.executemany("INSERT OR IGNORE INTO ann_removed (id) VALUES (?)",
                               [(int(i),) for i in old_ids])
        snapshot, snapshot_max_id = self._snapshot()
        if ann.remove(old_ids):
            ann.add(new_ids, new_vectors)
        else:  # this index type cannot remove: rebuild, and snapshot it
            ann, snapshot = self._ann_from_database(), -1
        logged = self._conn.execute("SELECT count(*) FROM ann_removed").fetchone()[0]
        added = self._conn.execute("SELECT count(*) FROM passages WHERE id > ?",
                                   (snapshot_max_id,)).fetchone()[0]
        max_id = self._max_passage_id()
        if snapshot < 0 or logged + added > max(SNAPSHOT_EVERY, SNAPSHOT_FRACTION * ann.size):
            self._save_snapshot(ann, generation)
            self._conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                   [("snapshot_generation", str(generation)),
                                    ("snapshot_max_id", str(max_id)),
                                    ("snapshot_kind", self.faiss_index)])
            self._conn.execute("DELETE FROM ann_removed")
            snapshot = generation
        return ann, snapshot, max_id

    def _keep(self, ann: ann_types.ANN | None, generation: int, snapshot: int, max_id: int) -> None:
        self._ann, self._ann_generation = ann, generation
        self._ann_snapshot, self._ann_max_id = snapshot, max_id

    def _max_passage_id(self) -> int:
        return self._conn.execute("SELECT coalesce(max(id), 0) FROM passages").fetchone()[0]

    def _save_snapshot(self, ann: ann_types.ANN, generation: int) -> None:
        path = self._ann_path(generation)
        partial = path.with_suffix(".partial")
        ann.save(partial)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, path)

    def _remove_stale_ann_files(self) -> None:
        keep = self._ann_path(self._snapshot()[0])
        for path in self.index_dir.glob("vectors-*.faiss"):
            if path != keep:
                path.unlink(missing_ok=True)
        for path in self.index_dir.glob("vectors-*.partial"):
            path.unlink(missing_ok=True)

    def _vectors(self, condition: str, params: tuple) -> tuple[np.ndarray, np.ndarray]:
        rows = self._conn.execute(
            f"SELECT p.id, e.vector FROM passages p JOIN embeddings e "
            f"ON e.text_hash = p.text_hash AND e.model = ? WHERE {condition}",
            (self.model, *params)).fetchall()
        ids = np.fromiter((r[0] for r in rows), dtype="int64", count=len(rows))
        vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype="float32")
        return ids, vectors.reshape(len(rows), self.dimension)

    def _ann_from_database(self) -> ann_types.ANN:
        ann = ann_types.create(self.faiss_index, self.dimension)
        ann.add(*self._vectors("1", ()))
        return ann
