"""After an index run writes letters: the records derived from them brought up to date.

The write marked what is due (`indexer.store.derived`): each new letter, whose reply links
and ledger sentences are found now, and each letter whose links pointed at a letter removed
or replaced. A new letter may also be what an existing letter answers ("Thank you for your
letter of 27 October", written before that letter reached the index), so the letters that
may answer it are linked again too, before its mark is cleared: a run that dies part-way
leaves the marks, and the next run starts over from them.
"""

from __future__ import annotations

from indexer.ledger_sentences import ledger_sentences
from indexer.models import LedgerSentence, Letter, ReplyLink
from indexer.reply_links import links_from, possible_replies
from indexer.store.base import LetterFilter, Store

# Letters derived and saved per transaction.
BATCH = 200


def derive(store: Store) -> int:
    """Derive every due letter's records; returns how many letters were linked again."""
    pending = store.pending_derivations()
    if not pending:
        return 0
    due = [letter_id for letter_id, _ in pending]
    new = {letter_id for letter_id, is_new in pending if is_new}
    letters = _load(store, due)
    answering: dict[str, Letter] = {}  # letters that may answer a new one, not themselves due
    taken = set(due)  # due or already answering: not read again
    # when every letter is due (a first run), none outside them can answer a new one
    others = store.count_letters() > len(letters)
    for letter in letters:
        if others and letter.letter_id in new:
            for reply in possible_replies(letter, store, skip=taken):
                answering[reply.letter_id] = reply
                taken.add(reply.letter_id)
    # the answering letters first: a new letter's mark is cleared only after they are linked
    order = list(answering.values()) + letters
    present = {x.letter_id for x in letters}
    gone = [i for i in due if i not in present]  # removed since they were marked
    for first in range(0, max(len(order), 1), BATCH):
        batch = order[first : first + BATCH]
        links: dict[str, list[ReplyLink]] = {x.letter_id: links_from(x, store) for x in batch}
        ledger: dict[str, list[LedgerSentence]] = {
            x.letter_id: ledger_sentences(x) for x in batch if x.letter_id in new}
        done = [x.letter_id for x in batch if x.letter_id in present]
        if first == 0:
            done += gone
        store.save_derivations(links, ledger, done)
    return len(order)


def _load(store: Store, letter_ids: list[str]) -> list[Letter]:
    found: list[Letter] = []
    for first in range(0, len(letter_ids), 500):
        chunk = letter_ids[first : first + 500]
        found += store.letters(LetterFilter(letter_ids=chunk), limit=len(chunk))
    return found
