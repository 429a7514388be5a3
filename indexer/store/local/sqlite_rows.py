"""The SQLite schema of the local store, its connections, and FTS5 query syntax."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from indexer.store.derived import ALL_LETTERS_PENDING, DERIVED_TABLES
from indexer.store.rows import insert_letter_sql
from indexer.store.terms import query_words

# Raised whenever a table changes; an index of another version is refused, not misread.
SCHEMA_VERSION = "8"

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
    text TEXT NOT NULL,
    collection TEXT NOT NULL DEFAULT 'default'  -- the first folder under the corpus folder
);
CREATE INDEX IF NOT EXISTS letters_by_file ON letters(source_path);
CREATE INDEX IF NOT EXISTS letters_by_collection ON letters(collection, letter_id);
CREATE INDEX IF NOT EXISTS letters_by_date ON letters(date_start);
CREATE INDEX IF NOT EXISTS letters_by_message_id ON letters(message_id);
-- Covers the search for letters by correspondent or date, so it never reads letter texts.
CREATE INDEX IF NOT EXISTS letters_by_people ON letters(
    people, date_start, date_end, letter_id, date, sender, recipient, collection
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
CREATE TABLE IF NOT EXISTS embeddings (
    text_hash TEXT NOT NULL,
    model TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (text_hash, model)
);
""" + DERIVED_TABLES

# Schema changes an older index is brought through in place, keyed by the version they
# upgrade from: the letters stay, and no re-index is needed.
UPGRADES = {
    "6": """
DROP INDEX letters_by_people;
ALTER TABLE letters ADD COLUMN collection TEXT NOT NULL DEFAULT 'default';
UPDATE letters SET collection = lower(substr(source_path, 1, instr(source_path, '/') - 1))
    WHERE instr(source_path, '/') > 0;
""",
    # reply links and ledger sentences, derived by the next index run for every letter
    "7": DERIVED_TABLES + ALL_LETTERS_PENDING,
}

def upgrade_in_place(conn: sqlite3.Connection, meta, transaction) -> str | None:
    """Bring an index of an older schema through `UPGRADES`, one step per `transaction()`;
    returns the schema version found after (None for a new index). `meta(key)` reads the
    meta table on `conn`."""
    found = meta("schema_version")
    while found in UPGRADES:
        with transaction():
            found = meta("schema_version")  # another process may have done it meanwhile
            if found in UPGRADES:
                for statement in filter(str.strip, UPGRADES[found].split(";")):
                    conn.execute(statement)
                found = str(int(found) + 1)
                conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (found,))
    return found


# The records the interfaces keep (conversations, Slack event claims, feedback) live in a
# database file of their own, attached as `records`: erasing or rebuilding the index (a model
# or schema change) never touches them. Table names are unqualified in queries: once the
# main database has none of these tables, they resolve to the attached file.
RECORDS_DATABASE = "records.sqlite3"
RECORD_TABLES = ("conversations", "seen_events", "feedback")
RECORDS_SCHEMA = """
CREATE TABLE IF NOT EXISTS records.conversations (
    conversation_id TEXT NOT NULL,
    turn INTEGER NOT NULL,
    body_json TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (conversation_id, turn)
);
CREATE TABLE IF NOT EXISTS records.seen_events (
    event_id TEXT PRIMARY KEY,
    seen_at REAL NOT NULL,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS records.feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    once_per TEXT UNIQUE,  -- one record per key: a user's vote on one answer
    body_json TEXT NOT NULL
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

def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")  # readers keep reading while a writer commits
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


INSERT_LETTER = insert_letter_sql("?")


def fts_query(text: str) -> str | None:
    """A user's words as an FTS5 OR-query of quoted terms (no operator injection)."""
    return " OR ".join(f'"{t}"' for t in query_words(text)) or None


