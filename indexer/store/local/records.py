"""Records the interfaces keep beside the index: conversation turns (for follow-ups), Slack
event ids (so a retried delivery is answered once) and feedback votes.

A mixin of LocalStore: it uses the store's connection, lock and transactions. The tables are
in the attached records database (`records.sqlite3`), which outlives the index.
"""

from __future__ import annotations

import json
import time

from indexer.store.local.parts import LocalParts


class InteractionRecords(LocalParts):
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

    def claim_event(self, event_id: str, ttl_seconds: float, stale_seconds: float = 120) -> bool:
        """True the first time an event id is seen within the time-to-live, and again for a
        claim never marked done after `stale_seconds` (its first handler died); False for a
        repeat. Kept in SQLite, so retries after a restart are caught too."""
        now = time.time()
        with self._lock, self._transaction():
            self._conn.execute("DELETE FROM seen_events WHERE seen_at < ?", (now - ttl_seconds,))
            cursor = self._conn.execute(
                "INSERT OR IGNORE INTO seen_events (event_id, seen_at) VALUES (?, ?)",
                (event_id, now))
            if cursor.rowcount == 1:
                return True
            cursor = self._conn.execute(
                "UPDATE seen_events SET seen_at = ? WHERE event_id = ? AND done = 0 "
                "AND seen_at < ?", (now, event_id, now - stale_seconds))
            return cursor.rowcount == 1

    def event_done(self, event_id: str) -> None:
        """The event was handled: later deliveries of it are repeats, however late."""
        with self._lock, self._transaction():
            self._conn.execute("UPDATE seen_events SET done = 1 WHERE event_id = ?", (event_id,))

    def add_feedback(self, record: dict, once_per: str | None = None) -> None:
        """Keep a feedback record; one with the same `once_per` key replaces the earlier."""
        with self._lock, self._transaction():
            self._conn.execute(
                "INSERT INTO feedback (once_per, body_json) VALUES (?, ?) ON CONFLICT (once_per) "
                "DO UPDATE SET body_json = excluded.body_json, created_at = excluded.created_at",
                (once_per, json.dumps(record)))

    def feedback(self) -> list[dict]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, created_at, body_json FROM feedback ORDER BY id").fetchall()
        return [{"id": r[0], "created_at": r[1], **json.loads(r[2])} for r in rows]
