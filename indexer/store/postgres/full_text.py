"""BM25 over PostgreSQL full-text search: a `tsvector` per passage with a GIN index finds the
passages holding the query's terms; BM25 ranks them with the same formula and constants as
SQLite's FTS5, so the two backends rank alike.

PostgreSQL's own `ts_rank` knows nothing of how rare a term is across passages, which is
most of what makes BM25 work on names, dates and figures. So each write keeps how many
passages hold each lexeme (`term_frequencies`) and the passages' count and total length
(`lexical_totals`). A query reads those few rows, lets the GIN index find the passages
holding its terms, ranks them first as if each term occurred once (one containment test per
term), then scores the best CANDIDATES exactly with their term frequencies. The rough pass
spares unpacking every matching vector; term frequencies in passages of a few hundred
words are nearly always 1, so the exact top k is within the rough top CANDIDATES.

Text is split into words as FTS5's unicode61 tokenizer splits it (letters and digits, accents
removed) before PostgreSQL stems it, so '£1.5m' and 'anti-slavery' are the same words in
both backends.
"""

from __future__ import annotations

import math
import re
import unicodedata

import psycopg

from indexer.store.base import LetterFilter
from indexer.store.postgres.parts import PostgresParts
from indexer.store.rows import passage_clause
from indexer.store.terms import lexical_text, query_words, rarest_first, word_frequencies

CONFIG = "missive_english"  # Snowball English stems, no stop words (migrations.py)
K1, B = 1.2, 0.75  # FTS5's bm25() constants
_WORD = re.compile(r"[^\W_]+")


def lexical_words(text: str) -> list[str]:
    """The words of a passage or query as both backends split them: runs of letters and
    digits, lower-cased, accents removed, footnote marks dropped."""
    folded = unicodedata.normalize("NFKD", lexical_text(text).lower())
    return _WORD.findall("".join(ch for ch in folded if not unicodedata.combining(ch)))


def _tsquery(lexemes: list[str]) -> str:
    """An OR of the lexemes as quoted tsquery terms (no operator can be injected)."""
    quoted = ("'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'" for lexeme in lexemes)
    return " | ".join(quoted)


# Adding or taking away the term counts of the passages in `changed` (a temporary table of
# passage ids) and the totals: run before a delete (sign -1) and after an insert (sign +1).
_COUNT_TERMS = """
WITH counted AS (
    SELECT t.lexeme, count(*) AS passages
    FROM passage_terms p JOIN changed USING (id), unnest(p.terms) AS t
    GROUP BY t.lexeme
)
INSERT INTO term_frequencies (term, passages)
SELECT lexeme, %(sign)s * passages FROM counted
ON CONFLICT (term) DO UPDATE SET passages = term_frequencies.passages + excluded.passages
"""
_COUNT_TOTALS = """
UPDATE lexical_totals SET
    passages = passages + %(sign)s * (SELECT count(*) FROM changed),
    terms = terms + %(sign)s * (SELECT coalesce(sum(p.term_count), 0)
                                FROM passage_terms p JOIN changed USING (id))
"""


CANDIDATES = 200
# The length normalisation of BM25's denominator, for a passage `p` and the average length.
_NORM = f"{K1} * (1 - {B} + {B} * p.term_count / %s::float8)"
_BM25 = f"""
WITH query (term, idf) AS (SELECT * FROM unnest(%s::text[], %s::float8[])),
candidate AS (
    SELECT p.id, p.term_count, p.terms FROM passage_terms p
    WHERE p.terms @@ %s::tsquery AND {{within}}
    ORDER BY ({{containment}}) / (1 + {_NORM}) DESC
    LIMIT %s
)
SELECT passages.passage_id, sum(query.idf * cardinality(t.positions) * {K1 + 1}
                                / (cardinality(t.positions) + {_NORM})) AS score
FROM candidate p CROSS JOIN LATERAL unnest(p.terms) AS t JOIN query ON query.term = t.lexeme
JOIN passages USING (id)
GROUP BY passages.passage_id ORDER BY score DESC, passages.passage_id LIMIT %s
"""


def count_terms(conn: psycopg.Connection, sign: int) -> None:
    """Keep BM25's counts equal to the passages: add (+1) or take away (-1) those of the
    passages listed in the temporary table `changed`."""
    conn.execute(_COUNT_TERMS, {"sign": sign})
    conn.execute(_COUNT_TOTALS, {"sign": sign})
    if sign < 0:
        conn.execute("DELETE FROM term_frequencies WHERE passages <= 0 AND term IN "
                     "(SELECT t.lexeme FROM passage_terms p JOIN changed USING (id), "
                     "unnest(p.terms) AS t)")


class FullTextSearch(PostgresParts):
    """The lexical half of the PostgreSQL store (a mixin: it uses the store's `_pool`)."""

    def _lexemes(self, conn: psycopg.Connection, words: list[str]) -> list[tuple[str, str, int]]:
        """(word, lexeme, passages holding it) for each word, in the words' order; each
        word split and folded as passages are (`lexical_words`) before it is stemmed."""
        folded = [" ".join(lexical_words(word)) for word in words]
        return conn.execute(
            f"SELECT w.word, t.lexeme, coalesce(f.passages, 0) "
            f"FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS w (word, folded, n) "
            f"CROSS JOIN LATERAL unnest(to_tsvector('{CONFIG}', w.folded)) AS t "
            f"LEFT JOIN term_frequencies f ON f.term = t.lexeme ORDER BY w.n",
            (words, folded)).fetchall()

    def passage_count(self) -> int:
        """How many passages the index holds (kept by each write: no count of the table)."""
        with self._connection(read=True) as conn:
            row = conn.execute("SELECT passages FROM lexical_totals").fetchone()
        return row[0] if row else 0

    def document_frequencies(self, words: list[str]) -> dict[str, int]:
        """In how many passages each word occurs (as BM25 matches it: stemmed)."""
        def token_frequencies(tokens: list[str]) -> dict[str, int]:
            with self._connection(read=True) as conn:
                return {word: n for word, _, n in self._lexemes(conn, tokens)}

        return word_frequencies(words, token_frequencies)

    def lexical_search(self, query: str, k: int,
                       where: LetterFilter | None = None) -> list[tuple[str, float]]:
        """BM25 over the passages holding the query's rarest terms (see `rarest_first`)."""
        words = query_words(query)
        if not words:
            return []
        with self._connection(read=True) as conn:
            found = {lexeme: n for _, lexeme, n in self._lexemes(conn, words)}
            lexemes = rarest_first(list(found.items()))
            passages, terms = conn.execute(
                "SELECT passages, terms FROM lexical_totals").fetchone() or (0, 0)
            if not lexemes or not passages:
                return []
            idfs = [max(math.log((passages - found[x] + 0.5) / (found[x] + 0.5)), 1e-6)
                    for x in lexemes]
            within, filter_params = passage_clause(
                where, "p.collection", "p.id IN (SELECT passages.id FROM passages JOIN "
                                       "letters USING (letter_id) WHERE {clause})", "%s")
            # The GIN index finds the passages holding any term. Each is scored as if every
            # term occurred once (a containment test per term, no unpacking); the best
            # CANDIDATES are then scored exactly, term frequencies read from their vectors.
            tests = [(_tsquery([lexeme]), idf) for lexeme, idf in zip(lexemes, idfs)]
            containment = " + ".join(
                "CASE WHEN p.terms @@ %s::tsquery THEN %s::float8 ELSE 0 END" for _ in tests)
            average = terms / passages
            rows = conn.execute(
                _BM25.format(within=within, containment=containment),
                [lexemes, idfs, _tsquery(lexemes), *filter_params,
                 *[value for test in tests for value in test], average,
                 max(k * 4, CANDIDATES), average, k]).fetchall()
        return [(passage_id, float(score)) for passage_id, score in rows]
