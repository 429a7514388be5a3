"""Records index runs derive from the letters and keep beside them: reply links (which letter
answers which) and ledger sentences (commitments and requests), so a thread, a letter page
or the ledger is a lookup, not a scan of the letters at every request.

A write marks what needs deriving in the same transaction as the letters it adds or removes
(`derive_pending`): each new letter, and each letter whose links pointed at a letter removed
or replaced. The run then derives them (`indexer.derive`) and clears the marks as it saves,
so a run that dies in between leaves the marks for the next one.

Written once for both backends: the SQL is the subset SQLite and PostgreSQL share, and each
backend supplies its parameter mark, `_rows` and `_transact` (`letter_reads.SqlBackend`).
"""

from __future__ import annotations

from collections.abc import Sequence

from indexer.models import LedgerSentence, ReplyLink
from indexer.store.base import LetterFilter, LetterHeader
from indexer.store.letter_reads import SqlBackend
from indexer.store.rows import letter_clause, marks

DERIVED_TABLES = """
CREATE TABLE IF NOT EXISTS reply_links (
    reply_id TEXT NOT NULL REFERENCES letters(letter_id) ON DELETE CASCADE,
    original_id TEXT NOT NULL REFERENCES letters(letter_id) ON DELETE CASCADE,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    basis TEXT NOT NULL,
    PRIMARY KEY (reply_id, original_id)
);
CREATE INDEX IF NOT EXISTS reply_links_by_original ON reply_links(original_id);
-- The letter's place in date order is copied beside each sentence (undated last, then by
-- the first day its date allows, its file and its place there), so a page of the ledger is
-- read in order from an index instead of sorting every sentence.
CREATE TABLE IF NOT EXISTS ledger_sentences (
    letter_id TEXT NOT NULL REFERENCES letters(letter_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    quote_start INTEGER NOT NULL,
    quote_end INTEGER NOT NULL,
    quote TEXT NOT NULL,
    deadline TEXT,
    letter_undated INTEGER NOT NULL,
    letter_day TEXT,
    letter_path TEXT NOT NULL,
    letter_ordinal INTEGER NOT NULL,
    PRIMARY KEY (letter_id, quote_start)
);
CREATE INDEX IF NOT EXISTS ledger_in_order ON ledger_sentences(
    letter_undated, letter_day, letter_path, letter_ordinal, quote_start);
-- Letters whose derived records are due: is_new = 1 for a letter just written (its own links
-- and ledger, and the links of letters that may answer it), 0 for links only.
CREATE TABLE IF NOT EXISTS derive_pending (
    letter_id TEXT PRIMARY KEY,
    is_new INTEGER NOT NULL
);
"""

# Counts the saves of derived records (see `records_version`); the same SQL on both backends.
DERIVED_BUMP = ("INSERT INTO meta (key, value) VALUES ('derived', '1') ON CONFLICT (key) "
                "DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)")

# Every letter marked new: how an index made before these records existed gets them.
# (WHERE TRUE: SQLite reads ON CONFLICT after a bare FROM as a join's ON.)
ALL_LETTERS_PENDING = ("INSERT INTO derive_pending (letter_id, is_new) SELECT letter_id, 1 "
                       "FROM letters WHERE TRUE ON CONFLICT (letter_id) DO UPDATE SET is_new = 1")

_LINK_COLUMNS = ("k.reply_id, k.original_id, k.evidence, k.evidence_start, k.evidence_end, "
                 "k.confidence, k.basis")


def _link(row) -> ReplyLink:
    return ReplyLink(row["reply_id"], row["original_id"], row["evidence"], row["evidence_start"],
                     row["evidence_end"], row["confidence"], row["basis"])


def pending_statements(mark: str, replaced_paths: Sequence[str], new_ids: Sequence[str]
                       ) -> list[tuple[str, list]]:
    """What a write marks, run in its transaction before it deletes the files it replaces:
    the letters linking to letters of those files (their links change), and each new letter."""
    steps: list[tuple[str, list]] = []
    for first in range(0, len(replaced_paths), 500):
        chunk = list(replaced_paths[first : first + 500])
        steps.append((
            (f"INSERT INTO derive_pending (letter_id, is_new) SELECT DISTINCT k.reply_id, 0 "
             f"FROM reply_links k JOIN letters l ON l.letter_id = k.original_id "
             f"WHERE l.source_path IN ({marks(mark, len(chunk))}) "
             f"ON CONFLICT (letter_id) DO NOTHING"), [chunk]))
    if new_ids:
        steps.append(((f"INSERT INTO derive_pending (letter_id, is_new) VALUES ({mark}, 1) "
                       f"ON CONFLICT (letter_id) DO UPDATE SET is_new = 1"),
                      [[i] for i in new_ids]))
    return steps


class DerivedRecords(SqlBackend):
    """Reading and saving derived records; a mixin of both store backends."""

    # -- reading ----------------------------------------------------------------------------

    def reply_links(self, reply_ids: list[str] | None = None,
                    original_ids: list[str] | None = None, min_confidence: float = 0.0,
                    collections: frozenset[str] | None = None) -> list[ReplyLink]:
        """Links from these replies and/or to these originals (None: any), most certain
        first; with `collections`, only links whose two letters are both in them."""
        m = self._mark
        tests, params = [f"k.confidence >= {m}"], list[object]([min_confidence])
        for column, ids in (("reply_id", reply_ids), ("original_id", original_ids)):
            if ids is not None:
                if not ids:
                    return []
                tests.append(f"k.{column} IN ({marks(m, len(ids))})")
                params += ids
        joins = ""
        if collections is not None:
            if not collections:
                return []
            allowed = marks(m, len(collections))
            joins = ("JOIN letters r ON r.letter_id = k.reply_id "
                     "JOIN letters o ON o.letter_id = k.original_id")
            tests.append(f"r.collection IN ({allowed}) AND o.collection IN ({allowed})")
            params += sorted(collections) * 2
        rows = self._rows(f"SELECT {_LINK_COLUMNS} FROM reply_links k {joins} "
                          f"WHERE {' AND '.join(tests)} "
                          f"ORDER BY k.confidence DESC, k.reply_id, k.original_id", params)
        return [_link(row) for row in rows]

    def ledger_entries(self, where: LetterFilter | None = None, limit: int = 100,
                       offset: int = 0) -> list[tuple[LedgerSentence, LetterHeader]]:
        """Ledger sentences of the letters `where` selects, by the letters' dates (undated
        last), each with its letter's header."""
        clause, params = letter_clause(where, self._mark)
        rows = self._rows(
            f"SELECT letter_id, kind, quote_start, quote_end, quote, deadline, date, sender, "
            f"recipient FROM ledger_sentences JOIN letters USING (letter_id) WHERE {clause} "
            f"ORDER BY letter_undated, letter_day, letter_path, letter_ordinal, quote_start "
            f"LIMIT {self._mark} OFFSET {self._mark}", [*params, limit, offset])
        return [(LedgerSentence(r["letter_id"], r["kind"], r["quote_start"], r["quote_end"],
                                r["quote"], r["deadline"]),
                 LetterHeader(r["letter_id"], r["date"], r["sender"], r["recipient"]))
                for r in rows]

    def count_ledger_entries(self, where: LetterFilter | None = None) -> int:
        clause, params = letter_clause(where, self._mark)
        return self._rows(f"SELECT count(*) AS n FROM ledger_sentences JOIN letters "
                          f"USING (letter_id) WHERE {clause}", params)[0]["n"]

    # -- deriving ---------------------------------------------------------------------------

    def records_version(self) -> tuple[int, int]:
        """(generation, derivations saved): changes whenever letters or their derived records
        do, so what is computed from the records can be kept until it does."""
        found = {r["key"]: int(r["value"]) for r in self._rows(
            "SELECT key, value FROM meta WHERE key IN ('generation', 'derived')")}
        return found.get("generation", 0), found.get("derived", 0)

    def pending_derivations(self) -> list[tuple[str, bool]]:
        """(letter id, whether it is new) of every letter whose derived records are due."""
        return [(r["letter_id"], bool(r["is_new"])) for r in
                self._rows("SELECT letter_id, is_new FROM derive_pending ORDER BY letter_id", [],
                           read=False)]

    def save_derivations(self, links: dict[str, list[ReplyLink]],
                         ledger: dict[str, list[LedgerSentence]], done: list[str]) -> None:
        """Replace the links from each reply in `links` and the ledger sentences of each
        letter in `ledger`, and clear the marks of `done`, in one transaction."""
        m = self._mark
        steps: list[tuple[str, list]] = [
            (f"DELETE FROM reply_links WHERE reply_id = {m}", [[i] for i in links]),
            ((f"INSERT INTO reply_links (reply_id, original_id, evidence, evidence_start, "
              f"evidence_end, confidence, basis) VALUES ({marks(m, 7)})"),
             [[x.reply_id, x.original_id, x.evidence, x.start, x.end, x.confidence, x.basis]
              for found in links.values() for x in found]),
            (f"DELETE FROM ledger_sentences WHERE letter_id = {m}", [[i] for i in ledger]),
            ((f"INSERT INTO ledger_sentences (letter_id, kind, quote_start, quote_end, quote, "
              f"deadline, letter_undated, letter_day, letter_path, letter_ordinal) "
              f"SELECT {marks(m, 6)}, CASE WHEN date_start IS NULL THEN 1 ELSE 0 END, "
              f"date_start, source_path, ordinal FROM letters WHERE letter_id = {m}"),
             [[s.letter_id, s.kind, s.start, s.end, s.quote, s.deadline, s.letter_id]
              for found in ledger.values() for s in found]),
            (f"DELETE FROM derive_pending WHERE letter_id = {m}", [[i] for i in done]),
            (DERIVED_BUMP, [[]] if links or ledger else []),
        ]
        self._transact([(sql, rows) for sql, rows in steps if rows])
