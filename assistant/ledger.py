"""The commitments and requests ledger: what each writer undertook to do, and what they asked
of the recipient, quoted verbatim with offsets, and whether a request was answered.

A commitment is a sentence in which the writer's side says what it will do ("my officials
will make contact with your offices", "we will publish"); a request is one that asks the
recipient to act ("I would be grateful if you could", "we request that you respond").
Sentences of a publisher's note above a letter are not the writer's and are left out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from assistant.terms import content_terms, term_set
from assistant.threads import replies_to, replies_to_each
from indexer.ledger_sentences import ledger_sentences
from indexer.models import Letter
from indexer.store import LetterFilter, Store

__all__ = ["Entry", "entries_of", "ledger", "mark_answers"]

# A reply passage answers a request when it shares this share of the request's words.
ANSWER_OVERLAP = 0.25


@dataclass
class Entry:
    kind: str  # "commitment" or "request"
    letter_id: str
    date: str | None
    by: str | None  # the writer: name (role)
    to: str | None
    quote: str  # verbatim: letter.text[start:end]
    start: int
    end: int
    deadline: str | None = None
    answered: bool | None = None  # requests only: None when no reply is known
    answered_by: dict | None = None  # {letter_id, quote, start, end} of the answering passage

    def to_dict(self) -> dict:
        return asdict(self)


def entries_of(letter: Letter) -> list[Entry]:
    """The ledger's entries of one letter, found in its text."""
    return [Entry(x.kind, letter.letter_id, letter.date, letter.sender, letter.recipient,
                  x.quote, x.start, x.end, x.deadline) for x in ledger_sentences(letter)]


def mark_answers(entries: list[Entry], letter: Letter | str, store: Store,
                 replies: list[Letter] | None = None) -> None:
    """A request is answered when a reply to its letter (or letter id) has a passage sharing
    its words. `replies`: the letter's replies, when the caller has read them already."""
    requests = [e for e in entries if e.kind == "request"]
    if not requests:
        return
    if replies is None:
        replies = replies_to(letter, store)
    passages = [(reply, p) for reply in replies for p in store.letter_passages(reply.letter_id)]
    for entry in requests:
        if not replies:
            continue
        wanted = set(content_terms(entry.quote))
        best, best_share = None, 0.0
        for reply, passage in passages:
            share = len(wanted & term_set(passage.text)) / max(len(wanted), 1)
            if share > best_share:
                best, best_share = (reply, passage), share
        entry.answered = best_share >= ANSWER_OVERLAP
        if entry.answered and best is not None:
            reply, passage = best
            entry.answered_by = {"letter_id": reply.letter_id, "quote": passage.text,
                                 "start": passage.start, "end": passage.end}


def ledger(store: Store, sender: str | None = None, where: LetterFilter | None = None,
           limit: int = 10_000, offset: int = 0) -> list[Entry]:
    """The entries of the letters `where` selects (all by default) whose sender holds
    `sender`, oldest first: the sentences index runs recorded, a page at a time."""
    where = where or LetterFilter()
    if sender:
        where = replace(where, sender=sender)
    entries: list[Entry] = []
    for sentence, header in store.ledger_entries(where, limit, offset):
        entries.append(Entry(sentence.kind, header.letter_id, header.date, header.sender,
                             header.recipient, sentence.quote, sentence.start, sentence.end,
                             sentence.deadline))
    asking: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.kind == "request":
            asking.setdefault(entry.letter_id, []).append(entry)
    replies = replies_to_each(list(asking), store) if asking else {}
    for letter_id, requests in asking.items():
        mark_answers(requests, letter_id, store, replies[letter_id])
    return entries
