"""The commitments and requests ledger: what each writer undertook to do, and what they asked
of the recipient, quoted verbatim with offsets, and whether a request was answered.

A commitment is a sentence in which the writer's side says what it will do ("my officials
will make contact with your offices", "we will publish"); a request is one that asks the
recipient to act ("I would be grateful if you could", "we request that you respond").
Sentences of a publisher's note above a letter are not the writer's and are left out.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

from assistant.terms import content_terms, term_set
from assistant.threads import replies_to
from indexer.models import Letter
from indexer.sentences import sentence_spans
from indexer.store import LetterFilter, Store

# The writer's side, then within three words an undertaking ("my officials will", "we will
# continue to", "we write to formally offer"): a subject further off is someone else's.
COMMITMENT = re.compile(
    r"\b(?:I|we|my\s+(?:officials|office|team|department)|our\s+(?:officials|office|team)|"
    r"the\s+(?:department|Home\s+Office|Government|Authority))\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:will(?!\s+(?:not\s+)?be\s+(?:able|possible))|shall|intend\s+to|commit(?:ted)?\s+to|"
    r"undertake\s+to|agree\s+to|plan\s+to|are\s+going\s+to)\b"
    # "we write to you to formally offer our support"
    r"|\b(?:I|we)\s+(?:[\w’'-]+\s+){0,6}?offer\b"
    # what the writer's side will make public: "details ... will be made available"
    r"|\bwill\s+be\s+(?:made\s+available|published|provided|shared|set\s+out)\b"
    # "We have discussed this ... and will continue to support them"
    r"|\b(?:I|we)\s+(?:have|had|are)\b[^.;:?]{0,80}?\band\s+will\b",
    re.IGNORECASE,
)
REQUEST = re.compile(
    r"\b(?:(?:I|we)\s+(?:would\s+be\s+grateful|(?:would\s+)?(?:also\s+)?(?:request\s+that|ask\s+"
    r"(?:that|you)|urge\s+you|invite\s+you)|would\s+welcome\s+(?:an?|your)|"
    r"suggest\s+(?:that\s+)?you)|"
    r"request\s+your\s+help|(?:could|would)\s+you\s+(?:please\s+)?\w+|please\s+\w+|"
    r"writing\s+to\s+(?:ask|request)|(?:I|we)\s+(?:would\s+)?(?:also\s+)?appreciate|"
    r"(?:I|we)\s+hope\s+you\s+will|\bask\s+(?:for\s+your|you\s+to)|"
    r"(?:I|we)\s+recommend\s+that\s+you|it\s+would\s+be\s+helpful\s+if\s+you|"
    r"(?:I|we)\s+(?:will|would|shall)\s+expect)\b",
    re.IGNORECASE,
)
DEADLINE = re.compile(
    r"\b(?:by|before|no\s+later\s+than|within)\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}\s+\w+\s+\d{4}|"
    r"\w+\s+\d{4}|\d+\s+(?:days?|weeks?|months?)|(?:next|this)\s+\w+)|\bin\s+due\s+course\b",
    re.IGNORECASE,
)
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


def ledger_kind(sentence: str) -> str | None:
    """'request', 'commitment' or None: what the ledger would record this sentence as."""
    if sentence.rstrip().endswith("?") and not REQUEST.search(sentence):
        return None
    if REQUEST.search(sentence):
        return "request"
    return "commitment" if COMMITMENT.search(sentence) else None


def entries_of(letter: Letter) -> list[Entry]:
    found = []
    for start, end in ((s, e) for span in letter.body_spans if span[0] >= letter.opening
                       for s, e in sentence_spans(letter.text, *span)):
        sentence = letter.text[start:end]
        kind = ledger_kind(sentence)
        if kind is None:
            continue
        deadline = DEADLINE.search(sentence)
        found.append(Entry(kind, letter.letter_id, letter.date, letter.sender, letter.recipient,
                           sentence, start, end, deadline.group(0) if deadline else None))
    return found


def mark_answers(entries: list[Entry], letter: Letter, store: Store) -> None:
    """A request is answered when a reply to its letter has a passage sharing its words."""
    requests = [e for e in entries if e.kind == "request"]
    if not requests:
        return
    replies = replies_to(letter, store)
    for entry in requests:
        if not replies:
            continue
        wanted = set(content_terms(entry.quote))
        best, best_share = None, 0.0
        for reply in replies:
            for passage in store.letter_passages(reply.letter_id):
                share = len(wanted & term_set(passage.text)) / max(len(wanted), 1)
                if share > best_share:
                    best, best_share = (reply, passage), share
        entry.answered = best_share >= ANSWER_OVERLAP
        if entry.answered:
            reply, passage = best
            entry.answered_by = {"letter_id": reply.letter_id, "quote": passage.text,
                                 "start": passage.start, "end": passage.end}


def ledger(store: Store, sender: str | None = None, where: LetterFilter | None = None,
           limit: int = 10_000) -> list[Entry]:
    """The entries of the letters `where` selects (all by default) whose sender holds
    `sender`, oldest first."""
    where = where or LetterFilter()
    if sender:
        where = replace(where, sender=sender)
    entries: list[Entry] = []
    for letter in store.letters(where, limit=limit):
        found = entries_of(letter)
        mark_answers(found, letter, store)
        entries += found
    return entries
