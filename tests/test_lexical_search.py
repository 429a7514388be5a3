"""BM25 limited to named letters, on both store backends: the passages, scores and order of
ranking every match and keeping the named letters' own."""

from fakes import LETTERS

from indexer.store import LetterFilter
from indexer.store.local.lexical import LETTERS_BY_RANGE

QUERY = "bridge reopen June budget"


def test_bm25_within_named_letters_ranks_as_over_the_whole_index(fresh_index):
    """Within a few named letters (a follow-up's, a reply's) the SQLite store matches only
    their stretches of passages and PostgreSQL filters in the same query; a filter naming
    more letters than are matched stretch by stretch takes the general path. Each gives
    what ranking the whole index and keeping the named letters' passages gives."""
    corpus, store, pipeline = fresh_index
    for name, text in LETTERS.items():
        (corpus / name).write_text(text)
    pipeline.run(corpus)
    everywhere = store.lexical_search(QUERY, 50)
    letter_of = {p.passage_id: p.letter_id for p in store.passages([i for i, _ in everywhere])}
    letters = sorted(set(letter_of.values()))
    assert len(letters) == 3
    unknown = [f"no-such-letter.{n}" for n in range(LETTERS_BY_RANGE)]
    for named in (letters[:1], letters[1:], [letters[0], letters[2]], letters[1:] + unknown):
        within = store.lexical_search(QUERY, 50, LetterFilter(letter_ids=named))
        assert within == [(i, score) for i, score in everywhere if letter_of[i] in named]
