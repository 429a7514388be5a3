"""Reading letters and passages by id, by file, by filter and by correspondent, and the
indexed files' states: the same SQL on both backends, written once.

A mixin of both stores. Each backend supplies `_mark` (its driver's parameter mark) and
`_rows` (one statement's rows, read by column name); what differs between them (searches,
the correspondents' index, writing) stays in the backend.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from indexer.models import Letter, Passage
from indexer.store.base import FileState, LetterFilter, LetterHeader
from indexer.store.rows import (
    LETTER_COLUMNS,
    header_clause,
    letter_clause,
    marks,
    row_letter,
    row_passage,
)

PASSAGE_COLUMNS = 'passage_id, letter_id, paragraph, start, "end", text, page'


class SqlBackend:
    """What the shared SQL asks of a backend: its dialect, and how to run a statement."""

    _mark: str  # the driver's parameter mark: '?' or '%s'
    _people_index: str = ""  # a hint naming the index that covers the correspondents' search
    # (generation, its distinct `people` values): see LetterReads._people_lines
    _people_lines_read: tuple[Any, list[str]] = (None, [])

    def _rows(self, sql: str, params: Sequence = (), read: bool = True) -> Sequence[Any]:
        """Rows of one statement, by column name; `read=False` asks the primary (never a
        read replica), for what a writer must see at once."""
        raise NotImplementedError

    def _transact(self, steps: list[tuple[str, list]]) -> None:
        """Each (statement, rows of parameters) executed for every row, all in one
        transaction."""
        raise NotImplementedError


_WORD = re.compile(r"[^\W\d_][\w’'-]*")


class LetterReads(SqlBackend):

    def file_states(self, paths: list[str] | None = None) -> dict[str, FileState]:
        """Every indexed file's state; with `paths`, those files' and the files' under those
        folders only. From the primary: an index run compares the folder with it."""
        query = "SELECT source_path, sha256, size, mtime_ns FROM files"
        if paths is None:
            rows = list(self._rows(query, (), read=False))
        else:  # paths sort bytewise (SQLite; PostgreSQL's "C" collation): '0' follows '/'
            m = self._mark
            rows = [r for p in paths for r in self._rows(
                f"{query} WHERE source_path = {m} OR (source_path > {m} AND source_path < {m})",
                (p, p + "/", p + "0"), read=False)]
        return {r["source_path"]: FileState(r["sha256"], r["size"], r["mtime_ns"]) for r in rows}

    def retime_files(self, mtimes: dict[str, int]) -> None:
        """Record new modification times of files whose content did not change."""
        m = self._mark
        self._transact([(f"UPDATE files SET mtime_ns = {m} WHERE source_path = {m}",
                         [(t, p) for p, t in mtimes.items()])])

    def letter(self, letter_id: str) -> Letter | None:
        rows = self._rows(f"SELECT {LETTER_COLUMNS} FROM letters WHERE letter_id = {self._mark}",
                          (letter_id,))
        return row_letter(rows[0]) if rows else None

    def letters(self, where: LetterFilter | None = None, limit: int = 100,
                offset: int = 0, newest_first: bool = False) -> list[Letter]:
        """Letters by date, oldest (or newest) first; undated letters last either way."""
        clause, params = letter_clause(where, self._mark)
        direction = "DESC" if newest_first else "ASC"
        return [row_letter(r) for r in self._rows(
            f"SELECT {LETTER_COLUMNS} FROM letters WHERE {clause} ORDER BY date_start IS NULL, "
            f"date_start {direction}, source_path, ordinal LIMIT {self._mark} OFFSET {self._mark}",
            [*params, limit, offset])]

    def letters_by_id(self, letter_ids: list[str]) -> list[Letter]:
        """These letters, those that exist, in the order given (once each)."""
        ids = list(dict.fromkeys(letter_ids))
        found = {letter.letter_id: letter for letter in map(row_letter, self._rows(
            f"SELECT {LETTER_COLUMNS} FROM letters WHERE letter_id IN "
            f"({marks(self._mark, len(ids))})", ids))} if ids else {}
        return [found[i] for i in ids if i in found]

    def count_letters(self, where: LetterFilter | None = None) -> int:
        clause, params = letter_clause(where, self._mark)
        return self._rows(f"SELECT count(*) AS n FROM letters WHERE {clause}", params)[0]["n"]

    def letters_with_message_ids(self, message_ids: list[str]) -> list[str]:
        """Letters whose e-mail Message-ID is one of these."""
        if not message_ids:
            return []
        return [r["letter_id"] for r in self._rows(
            f"SELECT letter_id FROM letters WHERE message_id IN "
            f"({marks(self._mark, len(message_ids))})", message_ids)]

    def letters_of_file(self, source_path: str) -> list[str]:
        """The file's letters, from the primary: asked right after a write (uploads)."""
        return [r["letter_id"] for r in self._rows(
            f"SELECT letter_id FROM letters WHERE source_path = {self._mark} ORDER BY ordinal",
            (source_path,), read=False)]

    def letter_headers(self, names: list[list[str]], days: list[tuple[str, str]],
                       where: LetterFilter | None = None,
                       limit: int = 1000) -> list[LetterHeader]:
        """Letters whose sender and recipient lines hold, between them, every word of any
        of `names` (a caller wanting one line to hold them all checks the lines), or whose
        date overlaps any of the (first, last) day ranges, within `where`. Names are
        matched in memory against the letters' `people` values (`_people_lines`): a name
        no letter holds, most of those a question is read for, costs no read at all, and
        one that some letter holds reads those letters through the index (at 100k passages,
        a scan of every letter's lines took ~4 ms, three or four times a question)."""
        names = [words for words in names if words]
        lines: set[str] = set()
        known = self._people_lines() if names else []
        for words in names:
            held = known
            for word in words:
                held = [line for line in held if word.lower() in line]
            lines.update(held)
        matching = header_clause(sorted(lines), days, self._mark)
        if matching is None:
            return []
        tests, params = matching
        clause, filter_params = letter_clause(where, self._mark)
        rows = self._rows(
            f"SELECT letter_id, date, sender, recipient FROM letters {self._people_index} "
            f"WHERE {tests} AND {clause} LIMIT {self._mark}", [*params, *filter_params, limit])
        return [LetterHeader(r["letter_id"], r["date"], r["sender"], r["recipient"]) for r in rows]

    def correspondent_words(self, collections: frozenset[str] | None = None) -> set[str]:
        """Every word of the sender and recipient lines of the letters (of `collections`, if
        given), lower-cased: the names a question may misspell (`assistant.spelling`)."""
        if collections is None:
            lines = self._people_lines()
        else:
            clause, params = letter_clause(LetterFilter(collections=collections), self._mark)
            lines = [r["people"] for r in self._rows(
                f"SELECT DISTINCT people FROM letters WHERE {clause}", params)]
        return {word for line in lines for word in _WORD.findall(line)}

    def _people_lines(self) -> list[str]:
        """The distinct `people` values (the letters' sender and recipient lines, lower-cased:
        a few hundred at 100k passages), read again only when the index's generation has
        moved; read with the generation in one statement, so the two agree wherever reads
        are served from."""
        generation = self._rows("SELECT value FROM meta WHERE key = 'generation'")[0]["value"]
        if self._people_lines_read[0] != generation:
            rows = self._rows(
                "SELECT m.value AS generation, l.people FROM meta AS m LEFT JOIN "
                "(SELECT DISTINCT people FROM letters) AS l ON 1 = 1 WHERE m.key = 'generation'")
            self._people_lines_read = (rows[0]["generation"],
                                       [r["people"] for r in rows if r["people"] is not None])
        return self._people_lines_read[1]

    def headers_of(self, letter_ids: list[str],
                   collections: frozenset[str] | None = None) -> list[LetterHeader]:
        """The headers of these letters (those in `collections`), titles and paths included:
        what listings show, without reading the letters' texts."""
        if not letter_ids:
            return []
        where = LetterFilter(letter_ids=list(letter_ids), collections=collections)
        clause, params = letter_clause(where, self._mark)
        return [LetterHeader(r["letter_id"], r["date"], r["sender"], r["recipient"], r["title"],
                             r["subject"], r["source_path"], r["collection"])
                for r in self._rows(f"SELECT letter_id, date, sender, recipient, title, subject, "
                                    f"source_path, collection FROM letters WHERE {clause}",
                                    params)]

    def passages(self, passage_ids: list[str]) -> list[Passage]:
        if not passage_ids:
            return []
        by_id = {r["passage_id"]: row_passage(r) for r in self._rows(
            f"SELECT {PASSAGE_COLUMNS} FROM passages WHERE passage_id IN "
            f"({marks(self._mark, len(passage_ids))})", passage_ids)}
        return [by_id[p] for p in passage_ids if p in by_id]

    def letter_passages(self, letter_id: str) -> list[Passage]:
        return [row_passage(r) for r in self._rows(
            f"SELECT {PASSAGE_COLUMNS} FROM passages WHERE letter_id = {self._mark} ORDER BY start",
            (letter_id,))]
