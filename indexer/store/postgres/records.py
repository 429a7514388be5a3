"""Conversations, Slack event de-duplication and feedback in PostgreSQL: the records every
server behind a load balancer must share, so a follow-up can reach any server and a Slack
retry delivered to two servers is answered once.

A mixin of PostgresStore: it uses the store's connection pool. The tables are in the records
schema beside the index's (`migrations.records_schema`), which outlives the index.
"""

from __future__ import annotations

import time

from indexer.store.postgres.adapt import json_body
from indexer.store.postgres.parts import PostgresParts

_CREATED = "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"


class SharedRecords(PostgresParts):
    def conversation(self, conversation_id: str) -> list[dict]:
        with self._connection() as conn:
            return [row[0] for row in conn.execute(
                "SELECT body FROM conversations WHERE conversation_id = %s ORDER BY turn",
                (conversation_id,))]

    def add_turn(self, conversation_id: str, turn: dict) -> None:
        with self._connection() as conn:
            # Two servers adding to one conversation take turns instead of colliding.
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (conversation_id,))
            conn.execute(
                "INSERT INTO conversations (conversation_id, turn, body) VALUES (%s, "
                "(SELECT coalesce(max(turn), 0) + 1 FROM conversations "
                "WHERE conversation_id = %s), %s)",
                (conversation_id, conversation_id, json_body(turn)))

    def claim_event(self, event_id: str, ttl_seconds: float, stale_seconds: float = 120) -> bool:
        """True for the one claim of an event id that wins, across every server: the insert
        of a second server waits for the first's commit, then finds the row. A claim never
        marked done after `stale_seconds` (its server died) can be taken over."""
        now = time.time()
        with self._connection() as conn:
            conn.execute("DELETE FROM seen_events WHERE seen_at < %s", (now - ttl_seconds,))
            if conn.execute("INSERT INTO seen_events (event_id, seen_at) VALUES (%s, %s) "
                            "ON CONFLICT (event_id) DO NOTHING", (event_id, now)).rowcount == 1:
                return True
            return conn.execute(
                "UPDATE seen_events SET seen_at = %s WHERE event_id = %s AND NOT done "
                "AND seen_at < %s", (now, event_id, now - stale_seconds)).rowcount == 1

    def event_done(self, event_id: str) -> None:
        with self._connection() as conn:
            conn.execute("UPDATE seen_events SET done = true WHERE event_id = %s", (event_id,))

    def add_feedback(self, record: dict, once_per: str | None = None) -> None:
        """Keep a feedback record; one with the same `once_per` key replaces the earlier."""
        with self._connection() as conn:
            conn.execute("INSERT INTO feedback (once_per, body) VALUES (%s, %s) "
                         "ON CONFLICT (once_per) DO UPDATE SET body = excluded.body, "
                         "created_at = now()", (once_per, json_body(record)))

    def feedback(self) -> list[dict]:
        with self._connection() as conn:
            rows = conn.execute(f"SELECT id, {_CREATED}, body FROM feedback ORDER BY id")
            return [{"id": r[0], "created_at": r[1], **r[2]} for r in rows]
