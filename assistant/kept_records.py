"""What the interfaces keep beside the letters, through the Assistant: conversations, claims
on chat deliveries, readers' votes. Kept in the index's records, apart from its letters, so
`missive index --rebuild` never loses them (`indexer.store`)."""

from __future__ import annotations

from indexer.store import Store


class KeptRecords:
    """Part of `assistant.service.Assistant`, which sets the store these are kept in."""

    store: Store

    def conversation(self, conversation_id: str) -> list[dict]:
        """The turns asked so far in a conversation (each with its answer and citations)."""
        return self.store.conversation(conversation_id)

    def claim_event(self, event_id: str, ttl_seconds: float) -> bool:
        """True the first time a delivery is seen (until `ttl_seconds` pass, or until it is
        marked done): chat platforms retry deliveries, and a retry must not be answered twice."""
        return self.store.claim_event(event_id, ttl_seconds)

    def event_done(self, event_id: str) -> None:
        self.store.event_done(event_id)

    def add_feedback(self, record: dict, once_per: str | None = None) -> None:
        """Keep a reader's vote on an answer; `once_per` makes a later vote replace it."""
        self.store.add_feedback(record, once_per=once_per)

    def feedback(self) -> list[dict]:
        """Every vote kept, oldest first."""
        return self.store.feedback()
