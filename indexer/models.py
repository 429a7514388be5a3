"""The data every stage shares: correspondents, letters, notes and passages.

Offsets are always into `Letter.text`, the letter's stored text, so that any
passage or quote can be checked with `letter.text[start:end]`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

DEFAULT_COLLECTION = "default"
# A collection's name: the first folder of a letter's path under the corpus folder.
COLLECTION_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")


def collection_of(source_path: str) -> str:
    """The collection a file is in: the first folder of its path under the corpus folder,
    lower-cased ('casework/2024-01-02_x.md' -> 'casework'); files directly in the corpus
    folder are in 'default'. Access is granted by collection (see assistant.access)."""
    parts = PurePosixPath(source_path).parts
    return parts[0].lower() if len(parts) > 1 else DEFAULT_COLLECTION


@dataclass(frozen=True)
class Correspondent:
    """A person or body who writes or receives a letter."""

    name: str
    role: str | None = None

    def display(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


def join_correspondents(people: list[Correspondent] | tuple[Correspondent, ...]) -> str | None:
    """'A (role) and B (role)': the one-line form shown beside every passage."""
    if not people:
        return None
    shown = [p.display() for p in people]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


@dataclass(frozen=True)
class Note:
    """A footnote of a letter, kept beside it rather than inside its body."""

    marker: str
    text: str


@dataclass
class Letter:
    """One letter. A source file may hold several; `ordinal` numbers them from 1."""

    letter_id: str
    source_path: str  # relative to the corpus directory, with forward slashes
    ordinal: int
    text: str
    date: str | None = None  # ISO, possibly partial: "2021-12-09", "2024-01", "2022"
    senders: list[Correspondent] = field(default_factory=list)
    recipients: list[Correspondent] = field(default_factory=list)
    subject: str | None = None
    title: str | None = None
    sign_off: str | None = None
    notes: list[Note] = field(default_factory=list)
    source_url: str | None = None
    licence: str | None = None
    complete: bool | None = None
    # E-mail identity: this message's Message-ID and the ones it answers (In-Reply-To,
    # References), the strongest evidence of a reply thread there is.
    message_id: str | None = None
    in_reply_to: list[str] = field(default_factory=list)
    # The letter this one came attached to (an e-mail's first letter), if any.
    attached_to: str | None = None
    # The e-mail that quotes this one below its own words, for a letter read from quoted history.
    quoted_in: str | None = None
    # For paged sources (PDF): (offset in `text`, page number) where each page starts.
    page_starts: list[tuple[int, int]] = field(default_factory=list)

    @property
    def version(self) -> str:
        """The stored text's fingerprint. A citation carries it: a letter id can come back
        for another text (a file edited, or deleted and another uploaded under its name), and
        the version tells a stale citation from a good one."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    def page_at(self, offset: int) -> int | None:
        """The page an offset of the stored text falls on, for paged sources."""
        page = None
        for start, number in self.page_starts:
            if start > offset:
                break
            page = number
        return page
    # (start, end) spans of `text` that carry the body: what passages are cut from.
    body_spans: list[tuple[int, int]] = field(default_factory=list)
    # Where the letter proper opens (its salutation). Prose before it is a publisher's note
    # about the letter, not the writer's words, and is attributed as such.
    opening: int = 0
    # The date of the reply whose reader the letter's writer is, when the letter does not say
    # who wrote it ("" when the reply is undated): its `senders` are that reply's recipients,
    # and answers say so (set when read: `assistant.threads.with_writers_named_by_replies`).
    writer_named_by_reply: str | None = None

    @property
    def collection(self) -> str:
        return collection_of(self.source_path)

    @property
    def sender(self) -> str | None:
        return join_correspondents(self.senders)

    @property
    def recipient(self) -> str | None:
        return join_correspondents(self.recipients)


@dataclass(frozen=True)
class Passage:
    """A searchable slice of a letter's body: `text == letter.text[start:end]`."""

    passage_id: str
    letter_id: str
    paragraph: int  # 1-based number of the body paragraph the passage starts in
    start: int
    end: int
    text: str
    page: int | None = None  # the page it starts on, for paged sources (PDF)


@dataclass(frozen=True)
class ReplyLink:
    """`reply_id` answers `original_id`. `evidence` is verbatim from the reply at [start,
    end); for a header or quoted-history link (start == end == 0) it says what in the e-mail
    shows it. Found by index runs (`indexer.reply_links`) and stored with the letters."""

    reply_id: str
    original_id: str
    evidence: str
    start: int
    end: int
    confidence: float
    basis: str  # e.g. "reference+correspondents", "in-reply-to header", "correspondents"

    def to_dict(self) -> dict:
        return dict(vars(self))  # flat: asdict's deep copy costs ~20x as much


@dataclass(frozen=True)
class LedgerSentence:
    """A sentence of a letter the ledger records: the writer's side undertaking to act
    ("commitment") or asking the recipient to ("request"); `quote` is the letter's text
    from `start` to `end`. Found by index runs (`indexer.ledger_sentences`)."""

    letter_id: str
    kind: str
    start: int
    end: int
    quote: str
    deadline: str | None = None
