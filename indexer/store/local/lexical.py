"""BM25 over SQLite FTS5, and the per-stem passage counts that keep its queries cheap.

A mixin of LocalStore: it uses the store's connection (`_conn`), lock (`_lock`) and the
per-connection scratch tables of `sqlite_rows.QUERY_TERM_TABLES`.
"""

from __future__ import annotations

from indexer.store.base import LetterFilter
from indexer.store.local.parts import LocalParts
from indexer.store.local.sqlite_rows import CLEAR_QUERY_TERMS, fts_query
from indexer.store.rows import letter_clause, marks
from indexer.store.terms import query_words, rarest_first, word_frequencies

# A filter naming at most this many letters is matched letter by letter (`_within_letters`).
LETTERS_BY_RANGE = 50


class LexicalIndex(LocalParts):
    def _count_terms(self, texts: list[str], sign: int) -> None:
        """Add (or take away) the passages holding each stem, stemmed by FTS5 itself."""
        if not texts:
            return
        self._conn.executemany("INSERT INTO temp.query_terms (body) VALUES (?)",
                               [(t,) for t in texts])
        counts = self._conn.execute("SELECT term, doc FROM temp.query_terms_rows").fetchall()
        self._conn.execute(CLEAR_QUERY_TERMS)
        self._conn.executemany(
            "INSERT INTO term_frequencies (term, passages) VALUES (?, ?) "
            "ON CONFLICT (term) DO UPDATE SET passages = passages + excluded.passages",
            [(term, sign * n) for term, n in counts])
        if sign < 0:
            self._conn.execute("DELETE FROM term_frequencies WHERE passages <= 0")

    def _stem_frequencies(self, words: list[str]) -> list[tuple[str, str, int]]:
        """(word, stem, passages holding the stem) for each word, stemmed as FTS5 stems it."""
        self._conn.execute("INSERT INTO temp.query_terms (rowid, body) VALUES (1, ?)",
                           (" ".join(words),))
        stems = [r[0] for r in self._conn.execute(
            "SELECT term FROM temp.query_terms_vocab ORDER BY offset")]
        self._conn.execute(CLEAR_QUERY_TERMS)
        if len(stems) != len(words):  # a word FTS5 splits differently: no stems, no pruning
            return [(w, w, 0) for w in words]
        found = dict(self._conn.execute(
            f"SELECT term, passages FROM term_frequencies WHERE term IN "
            f"({marks('?', len(stems))})", stems).fetchall())
        return [(w, s, found.get(s, 0)) for w, s in zip(words, stems)]

    def document_frequencies(self, words: list[str]) -> dict[str, int]:
        """In how many passages each word occurs (as BM25 matches it: stemmed). A word FTS5
        splits ('anti-slavery') counts as its rarest part."""
        def token_frequencies(tokens: list[str]) -> dict[str, int]:
            with self._lock:
                return {t: n for t, _, n in self._stem_frequencies(tokens)}

        return word_frequencies(words, token_frequencies)

    def lexical_search(self, query: str, k: int,
                       where: LetterFilter | None = None) -> list[tuple[str, float]]:
        """BM25 over the passages. Words in most passages say little about any of them but
        make BM25 score most of the index, so the rarest words are searched for."""
        words = query_words(query)
        if not words:
            return []
        with self._lock:
            kept = rarest_first([(word, n) for word, _, n in self._stem_frequencies(words)])
        match = fts_query(" ".join(kept))
        with self._lock:
            if where is None or where.is_empty():
                # Rank inside FTS5 first; only the top k rows are joined to their passages.
                rows = self._conn.execute(
                    "SELECT p.passage_id, hit.rank FROM (SELECT rowid, rank FROM passages_fts "
                    "WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?) AS hit "
                    "JOIN passages p ON p.id = hit.rowid ORDER BY hit.rank",
                    [match, k]).fetchall()
            elif 0 < len(where.letter_ids) <= LETTERS_BY_RANGE:
                rows = self._within_letters(match, where, k)
            else:
                # Matches joined to their letters, then filtered and ranked. (A `rowid IN
                # (allowed ids)` test inside the FTS5 query makes SQLite run the match once
                # per allowed row: 0.5 s at 20k passages instead of 8 ms.)
                rows = self._ranked_in_letters(
                    "SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ?", [match],
                    *letter_clause(where), k)
        return [(r[0], -float(r[1])) for r in rows]  # bm25() is lower-is-better

    def _within_letters(self, match: str | None, where: LetterFilter, k: int) -> list:
        """BM25 within a few named letters (those a follow-up or a reply question points
        at): FTS5 matches each letter's stretch of passage ids (an index run stores a
        letter's passages together), so it reads only those parts of its posting lists; the
        filter then keeps the letters' own passages, wherever the stretches hold others (and
        UNION each once, wherever two stretches overlap).
        Matching the whole index first took 60 ms at 100k passages for a question of
        common words ("What did the Commissioners request about ...?"), this 4 ms, the same
        passages in the same order. Call with the lock held."""
        clause, params = letter_clause(where)
        stretches = self._conn.execute(
            "SELECT min(p.id), max(p.id) FROM passages p JOIN letters USING (letter_id) "
            f"WHERE {clause} GROUP BY letter_id", params).fetchall()
        if not stretches:
            return []
        one = "SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ?"
        return self._ranked_in_letters(
            " UNION ".join([one] * len(stretches)),
            [value for first, last in stretches for value in (match, first, last)],
            clause, params, k)

    def _ranked_in_letters(self, matched: str, matched_params: list, clause: str, params: list,
                           k: int) -> list:
        """The best k of the FTS5 rows `matched` selects (rowid, rank), joined to their
        passages and kept where their letters meet `clause` (`letter_clause`'s SQL). Call
        with the lock held."""
        return self._conn.execute(
            f"SELECT p.passage_id, hit.rank FROM ({matched}) AS hit JOIN passages p "
            f"ON p.id = hit.rowid JOIN letters USING (letter_id) WHERE {clause} "
            "ORDER BY hit.rank LIMIT ?", [*matched_params, *params, k]).fetchall()
