"""The JSON contract shared by the CLI (`--json`), the HTTP API and Slack.

These pydantic models are the API's documentation: FastAPI renders them at /docs.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

# The longest question, name filter and earlier answer a request may carry: every one is
# read (and a question embedded) on each request, so an unbounded one costs unbounded CPU.
MAX_QUESTION_CHARS = 2000
MAX_NAME_CHARS = 200
MAX_ANSWER_CHARS = 20_000
# A collection's name (the first folder under the corpus folder; see indexer.models).
COLLECTION_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,62}$"
COLLECTION_DOC = ("The letter's collection: the first folder of its file under the corpus "
                  "folder ('default' for files directly in it). Access is granted by collection.")


class Passage(BaseModel):
    """A retrieved passage. `text` is exactly the letter's stored text from `start` to `end`."""

    rank: int = Field(description="1 for the best match.")
    score: float = Field(description="Relevance as retrieved; higher is better. Comparable "
                                     "within one response.")
    passage_id: str
    letter_id: str
    text: str
    start: int = Field(description="Offset of the passage in the letter's stored text.")
    end: int = Field(description="Offset just past the passage's last character.")
    title: str | None = None
    date: str | None = Field(None, description="ISO date; partial ('2022', '2024-01') if the "
                                               "letter gives no full date.")
    sender: str | None = Field(None, description="Who wrote the letter: 'Name (role)', joined.")
    recipient: str | None = Field(None, description="Who received it: 'Name (role)', joined.")
    source_path: str = Field(description="The letter's file, relative to the corpus folder.")
    collection: str = Field("default", description=COLLECTION_DOC)
    page: int | None = Field(None, description="The source page it starts on (PDF letters).")


class SearchResponse(BaseModel):
    query: str
    results: list[Passage]


class Health(BaseModel):
    status: str = Field(description="'ok' when the index can be searched.")
    letters: int
    passages: int
    generation: int = Field(description="Advances each time an index run changes the index.")
    model: str
    index: str | None = Field(None, description="Where the index is: its folder, or the "
                                                "PostgreSQL schema and database (no password), "
                                                "so servers behind a load balancer can be seen "
                                                "to share one. Only for a caller with an API "
                                                "key: it tells an outsider the server's layout.")
    uptime_seconds: float




class Citation(BaseModel):
    """A quote that supports the answer. `quote` is verbatim the letter's stored text from
    `start` to `end`; Missive checks this before any answer leaves it."""

    n: int = Field(description="The number the answer's [n] refers to.")
    letter_id: str
    passage_id: str = Field(description="The passage the quoted sentence was found in. A quote "
                                        "is read whole, and may run on into the passage before "
                                        "or after it: `start` and `end` are the letter's.")
    quote: str
    start: int
    end: int
    title: str | None = None
    date: str | None = None
    sender: str | None = None
    sender_named_by_reply: str | None = Field(
        None, description="Set when the letter does not say who wrote it: `sender` is then the "
                          "reader of a reply to it, thanked for \"your letter of\" its day; the "
                          "reply's date (\"\" when undated).")
    recipient: str | None = None
    source_path: str
    collection: str = Field("default", description=COLLECTION_DOC)
    page: int | None = Field(None, description="The source page of the quote (PDF letters).")
    letter_version: str | None = Field(
        None, max_length=64, description="The cited letter's text version (GET /letters/{id} "
                                         "gives the current one): if they differ, the letter "
                                         "changed since, and the offsets may not hold.")
    letter_complete: bool | None = Field(
        None, description="False when the letter's published copy stops part-way (its "
                          "`complete: false`): a quote ending the copy ends where publication "
                          "did, and the answer says so. None when the letter does not say.")

    def sender_shown(self) -> str | None:
        """The sender as the answer gives it: saying so when a reply to the letter names them."""
        if self.sender is None or self.sender_named_by_reply is None:
            return self.sender
        return f"{self.sender} (as a reply to the letter names its writer)"


class Turn(BaseModel):
    """An earlier question and answer of the same conversation. Capped like a question: a
    turn is read on every follow-up."""

    question: str = Field(max_length=MAX_QUESTION_CHARS)
    answer: str = Field("", max_length=MAX_ANSWER_CHARS)
    citations: list[Citation] = Field(default_factory=list, max_length=20)


class Filters(BaseModel):
    """The same filters, and the same caps, as the GET endpoints' query parameters."""

    sender: str | None = Field(None, max_length=MAX_NAME_CHARS,
                               description="Letters whose sender contains this.")
    recipient: str | None = Field(None, max_length=MAX_NAME_CHARS,
                                  description="Letters whose recipient contains this.")
    date_from: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    date_to: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    collection: str | None = Field(None, pattern=COLLECTION_PATTERN,
                                   description="Only letters of this collection.")


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS)
    history: list[Turn] = Field(default_factory=list, max_length=50,
                                description="Earlier turns, oldest first, for follow-ups.")
    conversation_id: str | None = Field(
        None, max_length=200, pattern=r"^[\w.:-]+$",
        description="Keep the conversation's turns in Missive: earlier turns are used for "
                    "follow-ups and this turn is added.")
    filters: Filters | None = None


class DroppedSentence(BaseModel):
    """A sentence the model wrote that the citation gate did not let through."""

    sentence: str
    reason: str = Field(description="Why: no citation, a passage not given, a figure, date, "
                                    "quote or name its passages do not hold, or too far in "
                                    "meaning from them.")


class AskResponse(BaseModel):
    question: str
    answer: str = Field(description="Short answer; each [n] is a citation.")
    no_answer: bool = Field(description="True when the letters do not answer the question.")
    declined_because: list[str] = Field(
        default_factory=list,
        description="When no_answer: why, as the check that declined it found (\"none of the "
                    "closest letters is from Andy Cooke\", \"no letter in the index mentions "
                    "Priti Patel\", \"March 2024 is neither the date of nor named in the "
                    "closest letters\"). Empty for an answer, and for a caller limited to some "
                    "collections (the checks count words across every letter, so a reason "
                    "could tell of letters the caller cannot see).")
    citations: list[Citation] = Field(description="Verified quotes; empty when no_answer.")
    read_as: dict[str, str] = Field(
        default_factory=dict,
        description="Names the question spells as no letter does, each read as the one name "
                    "the correspondents' lines spell within an edit or two (\"Humphreson\": "
                    "\"Humpherson\"); an answer then opens by saying so.")
    passages: list[Passage] = Field(description="The passages the answer was drawn from, "
                                                "the one holding the sentence that answers best "
                                                "first (which may not be the highest `score`), "
                                                "or the closest ones when there is no answer.")
    conversation_id: str | None = None
    answer_mode: Literal["extractive", "generated"] = Field(
        "extractive", description="'generated': written by the configured model, every "
                                  "sentence checked against the passages it cites; "
                                  "'extractive': quoted from the letters.")
    dropped: list[DroppedSentence] = Field(
        default_factory=list, description="Sentences the model wrote that the citation gate "
                                          "removed (empty for extractive answers).")


class Correspondent(BaseModel):
    name: str
    role: str | None = None


class Note(BaseModel):
    marker: str
    text: str


class LetterSummary(BaseModel):
    letter_id: str
    title: str | None = None
    subject: str | None = None
    date: str | None = None
    sender: str | None = None
    recipient: str | None = None
    source_path: str
    collection: str = Field("default", description=COLLECTION_DOC)


class LetterList(BaseModel):
    total: int = Field(description="Letters matching the filters, across all pages.")
    offset: int
    limit: int
    letters: list[LetterSummary]


class PassageSpan(BaseModel):
    passage_id: str
    paragraph: int
    start: int
    end: int
    text: str


class LetterDetail(LetterSummary):
    """A whole letter: metadata, the full stored text every offset refers to, its passages,
    its notes, and the letters it answers or that answer it (reply threads, linked on the
    evidence the letters carry: see GET /threads)."""

    senders: list[Correspondent]
    recipients: list[Correspondent]
    sign_off: str | None = None
    source_url: str | None = None
    licence: str | None = None
    complete: bool | None = None
    text: str
    version: str = Field(description="The text's fingerprint, as citations carry it.")
    notes: list[Note]
    passages: list[PassageSpan]
    replies_to: list[str] = Field(default_factory=list)
    replied_by: list[str] = Field(default_factory=list)
    attached_to: str | None = Field(None, description="The letter (an e-mail) this one came "
                                                      "attached to.")
    quoted_in: str | None = Field(None, description="The e-mail that quotes this letter below "
                                                    "its own words (this letter was read from "
                                                    "that quoted history).")


class FailedFile(BaseModel):
    path: str
    reason: str


class IndexSummary(BaseModel):
    """The same object as `missive index --json`."""

    added: list[str]
    updated: list[str]
    removed: list[str]
    unchanged: int
    failed: list[FailedFile]
    letters: int
    passages: int
    embedded: int
    generation: int
    seconds: float


class UploadResponse(BaseModel):
    saved: list[str] = Field(description="File names as saved in the corpus folder.")
    letter_ids: list[str] = Field(description="Letters indexed from the uploaded files.")
    summary: IndexSummary


class DeleteResponse(BaseModel):
    deleted_file: str | None = Field(description="The corpus file removed, if any.")
    letter_ids: list[str] = Field(description="Letters removed from the index.")
    summary: IndexSummary


class Error(BaseModel):
    error: str = Field(description="A stable code: invalid_request, unauthorized, forbidden, "
                                   "not_found, conflict, too_large, unsupported_type, ...")
    detail: str = Field(description="What was wrong, for a person to read.")


class ThreadLink(BaseModel):
    """One letter answering another. `evidence` is verbatim the reply's text from `start` to
    `end`; for an e-mail it may be its In-Reply-To header (start = end = 0), and it is empty
    when the link rests on correspondents and dates alone."""

    reply_id: str
    original_id: str
    evidence: str
    start: int
    end: int
    confidence: float = Field(description="0.99: an e-mail's In-Reply-To header; 0.95: the "
                                          "reply names the letter's date and the "
                                          "correspondents match; 0.7: the date only.")
    basis: str


class Thread(BaseModel):
    letters: list[LetterSummary] = Field(description="The thread's letters, by date.")
    links: list[ThreadLink]


class ThreadList(BaseModel):
    total: int = Field(0, description="Threads among the letters the caller sees, across all "
                                      "pages.")
    offset: int = 0
    threads: list[Thread]


class AnsweringPassage(BaseModel):
    letter_id: str
    quote: str
    start: int
    end: int


class LedgerEntry(BaseModel):
    """A commitment the writer made, or a request they made of the recipient: `quote` is
    verbatim the letter's text from `start` to `end`."""

    kind: str = Field(description="'commitment' or 'request'")
    letter_id: str
    date: str | None = None
    by: str | None = Field(None, description="The writer: name (role).")
    to: str | None = None
    quote: str
    start: int
    end: int
    deadline: str | None = None
    answered: bool | None = Field(None, description="Requests: answered by a reply in the "
                                                    "thread (null when no reply is known).")
    answered_by: AnsweringPassage | None = None


class Ledger(BaseModel):
    total: int = Field(0, description="Entries matching the filters, across all pages.")
    offset: int = 0
    entries: list[LedgerEntry]
