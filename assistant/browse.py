"""The letters as records, in the API's schemas: lists, whole letters with their reply links,
reply threads and the ledger.

`Assistant` answers questions; these read what an index holds for people who browse it. They
take the store the caller sees (a scoped view when access is limited), so every listing,
letter and link shows only letters the caller may read.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant import schemas
from assistant.ledger import ledger
from assistant.threads import THREAD_CONFIDENCE, all_links, originals_of, replies_to, threads
from indexer.dates import date_order
from indexer.models import Letter
from indexer.store import LetterFilter, LetterHeader, Store


def summary(letter: Letter) -> schemas.LetterSummary:
    return schemas.LetterSummary(letter_id=letter.letter_id, title=letter.title,
                                 subject=letter.subject, date=letter.date, sender=letter.sender,
                                 recipient=letter.recipient, source_path=letter.source_path,
                                 collection=letter.collection)


def header_summary(header: LetterHeader) -> schemas.LetterSummary:
    return schemas.LetterSummary(letter_id=header.letter_id, title=header.title,
                                 subject=header.subject, date=header.date,
                                 sender=header.sender, recipient=header.recipient,
                                 source_path=header.source_path or "",
                                 collection=header.collection or "default")


def letter_list(store: Store, where: LetterFilter, limit: int, offset: int,
                newest_first: bool) -> schemas.LetterList:
    found = store.letters(where, limit, offset, newest_first=newest_first)
    return schemas.LetterList(total=store.count_letters(where), offset=offset, limit=limit,
                              letters=[summary(x) for x in found])


def letter_detail(store: Store, letter: Letter) -> schemas.LetterDetail:
    """The whole letter: metadata, full text, passages, notes, and the letters it answers
    and that answer it."""
    return schemas.LetterDetail(
        **summary(letter).model_dump(),
        senders=[schemas.Correspondent(name=p.name, role=p.role) for p in letter.senders],
        recipients=[schemas.Correspondent(name=p.name, role=p.role) for p in letter.recipients],
        sign_off=letter.sign_off, source_url=letter.source_url, licence=letter.licence,
        complete=letter.complete, text=letter.text, version=letter.version,
        notes=[schemas.Note(marker=n.marker, text=n.text) for n in letter.notes],
        passages=[schemas.PassageSpan(passage_id=p.passage_id, paragraph=p.paragraph,
                                      start=p.start, end=p.end, text=p.text)
                  for p in store.letter_passages(letter.letter_id)],
        replies_to=[x.letter_id for x in originals_of(letter, store)],
        replied_by=[x.letter_id for x in replies_to(letter, store)],
        attached_to=letter.attached_to, quoted_in=letter.quoted_in)


@dataclass
class ThreadIndex:
    """Every thread among the letters one view sees, earliest first, made from all its
    links at once: a listing's pages are slices of it, so it is kept until the records
    change (`Store.records_version`)."""

    threads: list[schemas.Thread]


def thread_index(store: Store) -> ThreadIndex:
    links = all_links(store, THREAD_CONFIDENCE)
    groups = threads(links)
    headers = {h.letter_id: h for h in store.headers_of([i for g in groups for i in g])}
    ordered = []
    for group in groups:
        # by the last day each date allows: a reply dated only "2023" follows April 2023
        members = sorted((headers[i] for i in group if i in headers),
                         key=lambda h: (date_order(h.date, last_day=True), h.letter_id))
        if len(members) > 1:
            ordered.append(members)
    ordered.sort(key=lambda m: (min(date_order(h.date) for h in m), m[0].letter_id))
    thread_of = {h.letter_id: n for n, members in enumerate(ordered) for h in members}
    grouped: list[list[schemas.ThreadLink]] = [[] for _ in ordered]
    for link in links:
        if link.reply_id in thread_of:
            grouped[thread_of[link.reply_id]].append(schemas.ThreadLink(**link.to_dict()))
    return ThreadIndex([schemas.Thread(letters=[header_summary(h) for h in members], links=found)
                        for members, found in zip(ordered, grouped)])


def thread_list(index: ThreadIndex, limit: int = 100, offset: int = 0) -> schemas.ThreadList:
    """A page of reply threads, each its letters in order and the links that join them."""
    return schemas.ThreadList(total=len(index.threads), offset=offset,
                              threads=index.threads[offset : offset + limit])


def ledger_of(store: Store, where: LetterFilter, limit: int = 100,
              offset: int = 0) -> schemas.Ledger:
    """The commitments and requests of the letters `where` selects, oldest first, a page at
    a time."""
    return schemas.Ledger(total=store.count_ledger_entries(where), offset=offset,
                          entries=[schemas.LedgerEntry(**e.to_dict())
                                   for e in ledger(store, where=where, limit=limit,
                                                   offset=offset)])
