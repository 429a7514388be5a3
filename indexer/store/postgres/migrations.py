"""The PostgreSQL schema, as numbered migrations applied in order and recorded in the
database, so every server that starts brings the schema to the version it reads, once.

A migration is never edited after release: a change to the tables is a new migration at the
end of `MIGRATIONS`. Servers starting together take an advisory lock, so exactly one applies
each migration; a database migrated by a newer Missive is refused, not misread.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from indexer.store.base import StoreError
from indexer.store.derived import ALL_LETTERS_PENDING, DERIVED_TABLES


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: str  # may use {dimension}: the embedding model's vector length


MIGRATIONS: list[Migration] = [
    Migration(1, "letters, passages, vectors, full text and interaction records", """
-- English stems and no stop words, as FTS5's porter tokenizer: a question's every word can
-- be searched and counted ('between', 'not' and 'should' included).
CREATE TEXT SEARCH DICTIONARY missive_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION missive_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION missive_english
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH missive_stem;
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE files (
    source_path text COLLATE "C" PRIMARY KEY,  -- byte order: a folder's files sort together
    sha256 text NOT NULL,
    size bigint NOT NULL,
    mtime_ns bigint NOT NULL DEFAULT 0,
    indexed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE letters (
    letter_id text PRIMARY KEY,
    source_path text COLLATE "C" NOT NULL REFERENCES files (source_path) ON DELETE CASCADE,
    ordinal integer NOT NULL,
    date text, date_start text, date_end text,
    sender text, recipient text, senders_json text NOT NULL, recipients_json text NOT NULL,
    people text NOT NULL,  -- sender and recipient lines, lower-cased, for matching names
    subject text, title text, sign_off text, notes_json text NOT NULL,
    source_url text, licence text, complete integer,
    message_id text, in_reply_to_json text NOT NULL DEFAULT '[]',
    page_starts_json text NOT NULL DEFAULT '[]', attached_to text, quoted_in text,
    body_spans_json text NOT NULL,
    opening integer NOT NULL,
    text text NOT NULL
);
CREATE INDEX letters_by_file ON letters (source_path);
CREATE INDEX letters_by_date ON letters (date_start);
CREATE INDEX letters_by_message_id ON letters (message_id);
CREATE TABLE passages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    passage_id text NOT NULL UNIQUE,
    letter_id text NOT NULL REFERENCES letters (letter_id) ON DELETE CASCADE,
    paragraph integer NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    text text NOT NULL,
    text_hash text NOT NULL,
    page integer,
    embedding vector({dimension}) NOT NULL
);
CREATE INDEX passages_by_letter ON passages (letter_id);
CREATE INDEX passages_by_hash ON passages (text_hash);
-- The lexical side of hybrid search, in a narrow table of its own: beside a passage's text
-- and vector its row would pass 2 kB and be TOASTed, and every BM25 test would unpack it.
CREATE TABLE passage_terms (
    id bigint PRIMARY KEY REFERENCES passages (id) ON DELETE CASCADE,
    terms tsvector NOT NULL,
    term_count integer NOT NULL  -- the passage's length in words, for BM25
);
CREATE INDEX passage_terms_gin ON passage_terms USING gin (terms);
-- The HNSW index over `embedding` is made by the first write (store.py, VECTOR_INDEX): built
-- once over a whole first run's vectors it takes an eighth of the time of inserting them
-- one by one into an empty graph.
-- How many passages hold each lexeme, and the passages' count and length: BM25's inputs,
-- kept up to date by each write instead of counted at query time.
CREATE TABLE term_frequencies (term text PRIMARY KEY, passages integer NOT NULL);
CREATE TABLE lexical_totals (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    passages bigint NOT NULL,
    terms bigint NOT NULL
);
INSERT INTO lexical_totals (passages, terms) VALUES (0, 0);
-- Vectors computed by a run that has not committed yet: a killed run never embeds them again.
CREATE TABLE pending_vectors (
    text_hash text PRIMARY KEY,
    embedding vector({dimension}) NOT NULL
);
CREATE TABLE conversations (
    conversation_id text NOT NULL,
    turn integer NOT NULL,
    body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, turn)
);
CREATE TABLE seen_events (
    event_id text PRIMARY KEY,
    seen_at double precision NOT NULL,
    done boolean NOT NULL DEFAULT false
);
CREATE TABLE feedback (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    body jsonb NOT NULL
);
"""),
    Migration(2, "interaction records move to a schema of their own", """
INSERT INTO {records}.conversations SELECT * FROM conversations ON CONFLICT DO NOTHING;
INSERT INTO {records}.seen_events SELECT * FROM seen_events ON CONFLICT DO NOTHING;
INSERT INTO {records}.feedback (created_at, body) SELECT created_at, body FROM feedback ORDER BY id;
DROP TABLE conversations;
DROP TABLE seen_events;
DROP TABLE feedback;
"""),
    Migration(3, "each letter's collection (the first folder of its path), for access", """
ALTER TABLE letters ADD COLUMN collection text NOT NULL DEFAULT 'default';
UPDATE letters SET collection = lower(split_part(source_path, '/', 1))
    WHERE strpos(source_path, '/') > 0;
CREATE INDEX letters_by_collection ON letters (collection, letter_id);
"""),
    Migration(4, "the collection on passage rows too, tested on each search match", """
-- Kept on the passage rows that searches read, so a caller's collections are tested on each
-- HNSW or GIN match as it is read (see rows.passage_clause) instead of through a join.
ALTER TABLE passages ADD COLUMN collection text NOT NULL DEFAULT 'default';
UPDATE passages p SET collection = l.collection FROM letters l
    WHERE l.letter_id = p.letter_id AND l.collection <> 'default';
ALTER TABLE passage_terms ADD COLUMN collection text NOT NULL DEFAULT 'default';
UPDATE passage_terms t SET collection = p.collection FROM passages p
    WHERE p.id = t.id AND p.collection <> 'default';
"""),
    Migration(5, "reply links and ledger sentences, derived by index runs",
              DERIVED_TABLES + ALL_LETTERS_PENDING),
    Migration(6, "letters by their correspondents' lines, which questions' names are read to", """
-- letter_headers matches names against the distinct lines in memory, then reads the letters
-- of the lines that hold them through this index (rows.header_clause)
CREATE INDEX letters_by_people ON letters (people);
"""),
    Migration(7, "sentence vectors of a model other than the passages'", """
-- The sentence model's vectors (MISSIVE_SENTENCE_MODEL), by model: of another dimension than
-- the passages' vector column, searched never, only read by hash
CREATE TABLE model_vectors (
    model text NOT NULL,
    text_hash text NOT NULL,
    vector bytea NOT NULL,
    PRIMARY KEY (text_hash, model)
);
"""),
]

# The records the interfaces keep (conversations, Slack event claims, feedback) live in a
# schema of their own beside the index's, so dropping the index (`missive index --rebuild`,
# a model change) never touches them. Queries name the tables unqualified: the pool's
# search_path reaches them (see PostgresStore). New tables or columns here are added with
# IF NOT EXISTS statements, never by editing these.
RECORDS_TABLES = """
CREATE TABLE IF NOT EXISTS conversations (
    conversation_id text NOT NULL,
    turn integer NOT NULL,
    body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, turn)
);
CREATE TABLE IF NOT EXISTS seen_events (
    event_id text PRIMARY KEY,
    seen_at double precision NOT NULL,
    done boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS feedback (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    once_per text UNIQUE,  -- one record per key: a user's vote on one answer
    body jsonb NOT NULL
);
"""


def records_schema(schema: str) -> str:
    """The schema holding an index's records: '<schema>_records' (63 characters at most)."""
    return f"{schema[:55]}_records"


LATEST = MIGRATIONS[-1].version
_MIGRATION_LOCK = 0x6D697373  # 'miss': one migrating server at a time, per database


def migrate(conn: psycopg.Connection, schema: str, dimension: int) -> int:
    """Bring `schema` to the latest version in one transaction; returns the version."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        _ensure_pgvector(conn)
        records = sql.Identifier(records_schema(schema))
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(records))
        conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(records))
        conn.execute(RECORDS_TABLES)
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        conn.execute(sql.SQL("SET LOCAL search_path TO {}, public").format(sql.Identifier(schema)))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                     "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        if applied and max(applied) > LATEST:
            raise StoreError(
                f"the database schema {schema!r} is at version {max(applied)}, written by a "
                f"newer Missive (this one knows up to {LATEST}): upgrade this server")
        for migration in MIGRATIONS:
            if migration.version in applied:
                continue
            conn.execute(migration.statements.format(
                dimension=int(dimension), records=records.as_string(conn)))
            conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                         (migration.version, migration.name))
    return LATEST


def _ensure_pgvector(conn: psycopg.Connection) -> None:
    """pgvector is created by Missive where it may; a managed database's owner may have to."""
    if conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone():
        return
    try:
        with conn.transaction():
            conn.execute("CREATE EXTENSION vector")
    except psycopg.errors.InsufficientPrivilege:
        raise StoreError("the pgvector extension is not enabled in this database and this user "
                         "may not enable it: ask its owner to run CREATE EXTENSION vector") from None
    except psycopg.errors.UndefinedFile:
        raise StoreError("this PostgreSQL server has no pgvector extension installed: install "
                         "pgvector (https://github.com/pgvector/pgvector) or use a managed "
                         "PostgreSQL that offers it") from None
