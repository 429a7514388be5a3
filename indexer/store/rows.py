"""Rows shared by every store backend: letters and passages as table rows and back, and the
SQL of a letter filter.

Both backends keep the same columns, so a letter reads back the same from either; the SQL
here is the subset SQLite and PostgreSQL share, with the driver's parameter mark passed in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from indexer.dates import date_span
from indexer.models import Correspondent, Letter, Note, Passage
from indexer.store.base import LetterFilter

LETTER_COLUMNS = (
    "letter_id, source_path, ordinal, date, sender, recipient, senders_json, recipients_json, "
    "subject, title, sign_off, notes_json, source_url, licence, complete, message_id, "
    "in_reply_to_json, page_starts_json, attached_to, quoted_in, body_spans_json, opening, text"
)


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
        json.dumps(letter.body_spans), letter.opening, letter.text, letter.collection,
    )


LETTER_ROW_COLUMNS = (
    "letter_id, source_path, ordinal, date, date_start, date_end, sender, recipient, "
    "senders_json, recipients_json, people, subject, title, sign_off, notes_json, source_url, "
    "licence, complete, message_id, in_reply_to_json, page_starts_json, attached_to, "
    "quoted_in, body_spans_json, opening, text, collection"
)


def marks(mark: str, count: int) -> str:
    """`count` parameter marks, comma-separated, for an IN list."""
    return ", ".join([mark] * count)


def insert_letter_sql(mark: str) -> str:
    """INSERT of one `letter_row`, with the driver's parameter mark ('?' or '%s')."""
    return (f"INSERT INTO letters ({LETTER_ROW_COLUMNS}) VALUES "
            f"({marks(mark, len(LETTER_ROW_COLUMNS.split(',')))})")


def row_letter(row: Mapping) -> Letter:
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


def row_passage(row: Mapping) -> Passage:
    return Passage(passage_id=row["passage_id"], letter_id=row["letter_id"],
                   paragraph=row["paragraph"], start=row["start"], end=row["end"],
                   text=row["text"], page=row["page"])


def _contains(value: str) -> str:
    """A LIKE pattern for 'contains value', with LIKE's own wildcards taken literally."""
    escaped = value.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def letter_clause(where: LetterFilter | None, mark: str = "?") -> tuple[str, list]:
    """SQL over the letters table for a filter, with the driver's parameter mark (always
    valid SQL: TRUE when empty). Names match as case-insensitive substrings."""
    if where is None:
        return "TRUE", []
    clauses, params = [], []
    for column, value in (("sender", where.sender), ("recipient", where.recipient)):
        if value:
            clauses.append(f"lower(coalesce({column}, '')) LIKE lower({mark}) ESCAPE '\\'")
            params.append(_contains(value))
    if where.date_from:
        clauses.append(f"date_end >= {mark}")
        params.append(where.date_from)
    if where.date_to:
        clauses.append(f"date_start <= {mark}")
        params.append(where.date_to)
    if where.letter_ids:
        clauses.append(f"letter_id IN ({marks(mark, len(where.letter_ids))})")
        params.extend(where.letter_ids)
    if where.collections is not None:
        if not where.collections:
            return "1 = 0", []
        clauses.append(f"collection IN ({marks(mark, len(where.collections))})")
        params.extend(sorted(where.collections))
    return (" AND ".join(clauses) or "TRUE"), params


def header_clause(lines: list[str], days: list[tuple[str, str]], mark: str
                  ) -> tuple[str, list] | None:
    """SQL for letters whose `people` is one of `lines`, or whose date overlaps any of the
    (first, last) day ranges; None when there is nothing to match."""
    tests, params = [], []
    if lines:
        tests.append(f"people IN ({marks(mark, len(lines))})")
        params += lines
    for first, last in days:
        tests.append(f"(date_start <= {mark} AND date_end >= {mark})")
        params += [last, first]
    return (f"({' OR '.join(tests)})", params) if tests else None


def passage_clause(where: LetterFilter | None, collection: str, letters: str,
                   mark: str) -> tuple[str, list]:
    """SQL over a table of passages that carries each passage's collection (column
    `collection`): the collections tested on the row itself, the rest of the filter through
    `letters`, a test with `{clause}` for `letter_clause`'s SQL. Always valid (TRUE when
    empty). A caller's collections are on every query: tested on the row, they filter
    index matches as they are read instead of joining every allowed passage first."""
    if where is None or where.is_empty():
        return "TRUE", []
    tests, params = [], []
    if where.collections is not None:
        tests.append(f"{collection} = ANY({mark})")
        params.append(sorted(where.collections))
    rest = where.without_collections()
    if not rest.is_empty():
        clause, rest_params = letter_clause(rest, mark)
        tests.append(letters.format(clause=clause))
        params += rest_params
    return " AND ".join(tests), params
