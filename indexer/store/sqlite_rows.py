"""The SQLite schema of the local store and the conversions between rows and models."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from indexer.dates import date_span
from indexer.layout import SUPERSCRIPTS
from indexer.models import Correspondent, Letter, Note, Passage
from indexer.store.base import LetterFilter

# Raised whenever a table changes; an index of another version is refused, not misread.
SCHEMA_VERSION = "6"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Passage ids removed since the FAISS snapshot (indexer/store/vector_files.py).
CREATE TABLE IF NOT EXISTS ann_removed (id INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS files (
    source_path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL DEFAULT 0,
    indexed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS letters (
    letter_id TEXT PRIMARY KEY,
    source_path TEXT NOT NULL REFERENCES files(source_path) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    date TEXT, date_start TEXT, date_end TEXT,
    sender TEXT, recipient TEXT, senders_json TEXT NOT NULL, recipients_json TEXT NOT NULL,
    people TEXT NOT NULL,  -- sender and recipient lines, lower-cased, for matching names
    subject TEXT, title TEXT, sign_off TEXT, notes_json TEXT NOT NULL,
    source_url TEXT, licence TEXT, complete INTEGER,
    message_id TEXT, in_reply_to_json TEXT NOT NULL DEFAULT '[]',
    page_starts_json TEXT NOT NULL DEFAULT '[]', attached_to TEXT, quoted_in TEXT,
    body_spans_json TEXT NOT NULL,
    opening INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS letters_by_file ON letters(source_path);
CREATE INDEX IF NOT EXISTS letters_by_date ON letters(date_start);
CREATE INDEX IF NOT EXISTS letters_by_message_id ON letters(message_id);
-- Covers the search for letters by correspondent or date, so it never reads letter texts.
CREATE INDEX IF NOT EXISTS letters_by_people ON letters(
    people, date_start, date_end, letter_id, date, sender, recipient
);
-- AUTOINCREMENT: a removed passage's number is never reused, so a reader still holding an
-- older FAISS generation can never map a stale vector onto a different passage.
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    passage_id TEXT NOT NULL UNIQUE,
    letter_id TEXT NOT NULL REFERENCES letters(letter_id) ON DELETE CASCADE,
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    page INTEGER
);
CREATE INDEX IF NOT EXISTS passages_by_letter ON passages(letter_id);
CREATE INDEX IF NOT EXISTS passages_by_hash ON passages(text_hash);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    body, tokenize = 'porter unicode61 remove_diacritics 2'
);
-- How many passages hold each stem (as FTS5 stems it), kept up to date at each write: a
-- B-tree lookup at query time instead of a walk of the FTS5 vocabulary.
CREATE TABLE IF NOT EXISTS term_frequencies (
    term TEXT PRIMARY KEY,
    passages INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS conversations (
    conversation_id TEXT NOT NULL,
    turn INTEGER NOT NULL,
    body_json TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (conversation_id, turn)
);
CREATE TABLE IF NOT EXISTS seen_events (
    event_id TEXT PRIMARY KEY,
    seen_at REAL NOT NULL,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    body_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS embeddings (
    text_hash TEXT NOT NULL,
    model TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (text_hash, model)
);
"""

# Per connection: a scratch FTS5 table that stems a query's words exactly as the index does,
# and its vocabularies (each stem in order; passages per stem). Contentless, so it can be
# emptied whole ('delete-all') and never accumulates deleted rows.
CLEAR_QUERY_TERMS = "INSERT INTO temp.query_terms (query_terms) VALUES ('delete-all')"
QUERY_TERM_TABLES = """
CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_terms USING fts5(
    body, content = '', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_terms_vocab USING fts5vocab(temp, query_terms, 'instance');
CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_terms_rows USING fts5vocab(temp, query_terms, 'row');
"""

LETTER_COLUMNS = (
    "letter_id, source_path, ordinal, date, sender, recipient, senders_json, recipients_json, "
    "subject, title, sign_off, notes_json, source_url, licence, complete, message_id, "
    "in_reply_to_json, page_starts_json, attached_to, quoted_in, body_spans_json, opening, text"
)


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")  # readers keep reading while a writer commits
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _people(people: list[Correspondent]) -> str:
    return json.dumps([{"name": p.name, "role": p.role} for p in people])


def letter_row(letter: Letter) -> tuple:
    start, end = date_span(letter.date) if letter.date else (None, None)
    return (
        letter.letter_id, letter.source_path, letter.ordinal, letter.date, start, end,
        letter.sender, letter.recipient, _people(letter.senders), _people(letter.recipients),
        f"{letter.sender or ''} {letter.recipient or ''}".lower(),
        letter.subject, letter.title, letter.sign_off,
        json.dumps([{"marker": n.marker, "text": n.text} for n in letter.notes]),
        letter.source_url, letter.licence,
        None if letter.complete is None else int(letter.complete),
        letter.message_id, json.dumps(letter.in_reply_to), json.dumps(letter.page_starts),
        letter.attached_to, letter.quoted_in,
        json.dumps(letter.body_spans), letter.opening, letter.text,
    )


INSERT_LETTER = (
    "INSERT INTO letters (letter_id, source_path, ordinal, date, date_start, date_end, sender, "
    "recipient, senders_json, recipients_json, people, subject, title, sign_off, notes_json, "
    "source_url, licence, complete, message_id, in_reply_to_json, page_starts_json, "
    "attached_to, quoted_in, body_spans_json, opening, text) VALUES (" + ", ".join("?" * 26) + ")"
)


def row_letter(row: sqlite3.Row) -> Letter:
    return Letter(
        letter_id=row["letter_id"], source_path=row["source_path"], ordinal=row["ordinal"],
        text=row["text"], date=row["date"],
        senders=[Correspondent(**p) for p in json.loads(row["senders_json"])],
        recipients=[Correspondent(**p) for p in json.loads(row["recipients_json"])],
        subject=row["subject"], title=row["title"], sign_off=row["sign_off"],
        notes=[Note(**n) for n in json.loads(row["notes_json"])],
        source_url=row["source_url"], licence=row["licence"],
        complete=None if row["complete"] is None else bool(row["complete"]),
        message_id=row["message_id"], in_reply_to=json.loads(row["in_reply_to_json"]),
        page_starts=[tuple(x) for x in json.loads(row["page_starts_json"])],
        attached_to=row["attached_to"], quoted_in=row["quoted_in"],
        body_spans=[tuple(span) for span in json.loads(row["body_spans_json"])],
        opening=row["opening"],
    )


def row_passage(row: sqlite3.Row) -> Passage:
    return Passage(passage_id=row["passage_id"], letter_id=row["letter_id"],
                   paragraph=row["paragraph"], start=row["start"], end=row["end"],
                   text=row["text"], page=row["page"])


_FOOTNOTE_MARKS = re.compile(rf"[{SUPERSCRIPTS}]+|\[\d{{1,3}}\]")


def lexical_text(text: str) -> str:
    """Passage text as BM25 indexes it: footnote marks removed ('slavery¹' is 'slavery')."""
    return _FOOTNOTE_MARKS.sub(" ", text)


_TOKEN = re.compile(r"\w+", re.UNICODE)
_STOPWORDS = frozenset(
    "a an and are as at be been but by did do does for from had has have he her his how i in "
    "is it its me my of on or our she so than that the their them they this to was we were "
    "what when where which who whom why will with would you your".split()
)


def query_words(text: str) -> list[str]:
    """A user's words worth searching for: lower-cased, no stop words, no repeats."""
    words: list[str] = []
    for token in _TOKEN.findall(lexical_text(text).lower()):
        if token not in _STOPWORDS and token not in words:
            words.append(token)
    return words


def fts_query(text: str) -> str | None:
    """A user's words as an FTS5 OR-query of quoted terms (no operator injection)."""
    return " OR ".join(f'"{t}"' for t in query_words(text)) or None


def letter_clause(where: LetterFilter | None) -> tuple[str, list]:
    """SQL over the letters table for a filter (always valid SQL: '1' when empty)."""
    if where is None:
        return "1", []
    clauses, params = [], []
    for column, value in (("sender", where.sender), ("recipient", where.recipient)):
        if value:
            clauses.append(f"instr(lower(coalesce({column}, '')), lower(?)) > 0")
            params.append(value.strip())
    if where.date_from:
        clauses.append("date_end >= ?")
        params.append(where.date_from)
    if where.date_to:
        clauses.append("date_start <= ?")
        params.append(where.date_to)
    if where.letter_ids:
        clauses.append(f"letter_id IN ({','.join('?' * len(where.letter_ids))})")
        params.extend(where.letter_ids)
    return (" AND ".join(clauses) or "1"), params
