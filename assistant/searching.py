"""Searching, as the Assistant does it for every question: the query encoded on its own
thread while BM25 runs, dense and BM25 candidates (BM25 again with words close in meaning
for a question with a word no letter uses), a letter-scoped search, fusion with a ranking
by each candidate's sentence closest in meaning, the question's cues, overlapping windows
merged."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Literal

import numpy as np

from assistant import schemas
from assistant.bodies import body_described
from assistant.cue_lines import settle_people
from assistant.cue_matching import capitalise_known_names
from assistant.cue_people import ROLE_WORD
from assistant.cues import QuestionCues, read_cues
from assistant.meaning import WordVectors
from assistant.phrasal import plain_words
from assistant.query_vectors import QueryVectors
from assistant.question_forms import THE_CORRESPONDENCE
from assistant.retrieval.base import Hit, Ranking, RetrievalQuery, Retriever
from assistant.retrieval.cue_rerank import CueReranker
from assistant.retrieval.expansion import EXPANSION_DEPTH, QueryExpansion
from assistant.retrieval.fusion import ReciprocalRankFusion
from assistant.retrieval.letter_scope import LetterScopeRetriever
from assistant.retrieval.sentences import SentenceRanker
from assistant.spelling import respelt_names, with_respellings
from assistant.threads import with_writers_named_by_replies
from indexer.embedder import Embedder
from indexer.models import Passage
from indexer.names import name_tokens
from indexer.store import LetterFilter, Store
from indexer.store.terms import meaning_words

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")
# Each retriever is asked for this many candidates per result wanted (at least FETCH_MIN), so
# fusion and de-duplication have enough to choose from.
FETCH_FACTOR, FETCH_MIN = 4, 40
# Fused candidates re-ranked by their best sentence's meaning.
SENTENCE_DEPTH = 40
SENTENCE_WEIGHT = 0.5
# Passages read to tell whether the letters write a lower-cased question's words as a name;
# words of which the rarest is in more passages than this are not searched for (a name is
# rare, and its every use is then among those read): a search costs ms at 100k passages.
NAME_SEARCH_DEPTH = 50
_HAS_WORD = re.compile(r"[^\W_]")  # a letter or digit, in any script
# A short question naming no one, asked in a conversation, starts a new subject when a passage
# elsewhere comes closer to it in meaning (cosine) than the earlier letters' closest by more
# than this. Chosen on tuning questions only (`eval/mid_conversation.py`): the tuning set's
# 9 standalone questions of at most 8 words naming no one ("Who complained about the 71%
# claim?"), 7 cited asked alone, were cited 2 and 1 times after an unrelated opening turn, read
# as follow-ups, and 6 and 5 at 0.2 (exploring, on 8 of them: 6 and 6 at 0.15 or 0.1, 4 and
# 5 at 0.25). The tuning set's follow-ups lost 2 citations at 0.15, 3 at 0.1, none at 0.2.
NEW_SUBJECT_MARGIN = 0.2


class Searching:
    """Part of `assistant.service.Assistant`, which sets the retrievers and components this
    runs, the view's store and collections, and the query vectors remembered by text."""

    store: Store
    embedder: Embedder
    collections: frozenset[str] | None
    dense: Retriever
    lexical: Retriever
    letter_scope: LetterScopeRetriever
    fusion: ReciprocalRankFusion
    sentence_ranker: SentenceRanker
    reranker: CueReranker
    expansion: QueryExpansion
    query_vectors: QueryVectors
    sentence_queries: list[QueryVectors]
    words: WordVectors

    def query_vector(self, text: str) -> np.ndarray:
        """The text's vector (`query_vectors`): one question is matched against passages,
        letters and sentences with one encoding."""
        return self.query_vectors.of(text)

    def retrieve(self, text: str, k: int = 10, where: LetterFilter | None = None,
                 mode: Mode = "hybrid", cues: QuestionCues | None = None,
                 words_ahead: bool = False) -> list[Hit]:
        """The k best passages for `text`: dense and/or BM25 candidates, fused, re-ranked by
        the question's cues, overlapping windows merged. `mode` picks the retrievers. With
        `words_ahead`, the question's words no letter holds are encoded too while the
        searches run, for the answer's sentence choice (`answer.SentenceSelector`)."""
        cues = cues or self.read_question(text)
        text = THE_CORRESPONDENCE.sub(" ", text)  # where to look, not what about
        depth = max(k * FETCH_FACTOR, FETCH_MIN)
        # The model encodes the query on another thread while SQLite runs BM25 on this one
        # (both release the GIL): the two costs overlap instead of adding up.
        if mode != "bm25":
            self.query_vectors.ahead([text])
            if words_ahead:  # for the answer: its words, and the subject its sentences meet
                self.query_vectors.ahead(self.words.unkept(meaning_words(cues.question)))
                for queries in self.sentence_queries:
                    queries.ahead([cues.sentence_subject()])
        rankings = []
        if mode in ("hybrid", "bm25"):
            rankings.append(self.lexical.run(RetrievalQuery(cues.search_text(), depth, where)))
        vector = self.query_vector(text) if mode != "bm25" else None
        if mode in ("hybrid", "dense"):
            rankings.insert(0, self.dense.run(RetrievalQuery(text, depth, where, vector)))
        if mode == "hybrid":
            rankings[1] = self._expanded_lexical(cues, rankings, depth, where)
            scoped = self.letter_scope.run(RetrievalQuery(text, depth, where, vector), cues)
            if scoped.candidates:
                rankings.append(scoped)
        ranking = rankings[0] if len(rankings) == 1 else self.fusion.run(rankings)
        hits = self._hydrate(ranking)
        if mode == "hybrid" and vector is not None:
            # the fused candidates again, by their sentence closest in meaning to the question
            by_id = {hit.passage.passage_id: hit for hit in hits}
            rankings.append(self.sentence_ranker.run(hits[:SENTENCE_DEPTH], vector))
            hits = []
            for candidate in self.fusion.run(rankings).candidates:
                hit = by_id.get(candidate.passage_id)  # None: removed since the search began
                if hit is not None:
                    hit.score = candidate.score
                    hits.append(hit)
            hits = self.reranker.run(hits, cues)
        return self._merge_overlaps(hits)[:k]

    def _expanded_lexical(self, cues: QuestionCues, rankings: list[Ranking], depth: int,
                          where: LetterFilter | None) -> Ranking:
        """BM25 again with the question's words the first candidates never use matched to
        their closest words in meaning (`retrieval.expansion`); the first BM25 ranking when
        every word is held. Not the dates it names, checked as dates ("March" had brought
        "September", "November" and "May"). Only for a question with a word no passage
        holds: when every word is in some letter, expanding changed no tuning figure (it ran
        for 59% of searches), and it costs about as much as the first BM25 run. For a caller
        limited to some collections it always runs: the counts are of the whole index, and
        whether it ran would show that letters the caller cannot see hold a word. A question
        with a phrasal verb ("Would OSR step in?") is expanded by the words it means
        (`assistant.phrasal`) even when every word is held: "step" and "in" are, but not
        in the sense asked."""
        cues.expansion = []
        # a date is checked as a date: its month has other months for neighbours
        subject = cues.topic_text()
        for date in [d.text for d in cues.dates] + cues.earlier_dates:
            subject = subject.replace(date, " ")
        words = meaning_words(subject)
        every_word_held = not words or (self.collections is None and all(
            self.store.document_frequencies(words).values()))
        if every_word_held and not plain_words(subject):
            return rankings[1]
        first = self.fusion.run(rankings).candidates[:EXPANSION_DEPTH]
        passages = self.store.passages([c.passage_id for c in first])
        cues.expansion = self.expansion.run(subject, passages, own_words=not every_word_held)
        if not cues.expansion:
            return rankings[1]
        expanded = " ".join([cues.search_text(), *cues.expansion])
        return self.lexical.run(RetrievalQuery(expanded, depth, where))

    def read_question(self, text: str) -> QuestionCues:
        """The question's cues, its described roles read as the correspondents allow, in a
        question typed in lower case the names a correspondent's line holds, and a name
        misspelt as the lines spell it (`assistant.spelling`)."""
        @cache  # a question's names are looked up while read, respelt and settled
        def lines_held(tokens: tuple[str, ...], limit: int) -> tuple[str, ...]:
            return tuple(self._lines_holding(tokens, limit))

        def lines_holding(tokens: tuple[str, ...], limit: int = 10) -> list[str]:
            return list(lines_held(tokens, limit))

        def written_as_a_name(tokens: tuple[str, ...]) -> bool:
            """The letters write these words in a row, each capitalised, wherever they write
            them ("Lord Paddick", "Western Jet Foil"; not "modern slavery", capitalised in
            "the Modern Slavery Act" alone), in the passages BM25 finds for them. Not a role
            ("the shadow immigration minister"): in lower case it is read by its words; nor
            words all common (NAME_SEARCH_DEPTH)."""
            if any(ROLE_WORD.fullmatch(token) for token in tokens):
                return False
            if not 0 < min(self.store.document_frequencies(list(tokens)).values()) <= (
                    NAME_SEARCH_DEPTH):
                return False
            written = self._written_in_a_row(tokens)
            return bool(written) and all(w[:1].isupper() for m in written for w in m.split())

        text = capitalise_known_names(text, lines_holding, written_as_a_name)
        respelt = respelt_names(text, self.store, lines_holding)
        cues = read_cues(with_respellings(text, respelt))
        cues.respelt = respelt
        settle_people(cues, lines_holding, lambda words: body_described(self.store, words))
        return cues

    def _lines_holding(self, tokens: tuple[str, ...], limit: int = 10) -> list[str]:
        """The sender and recipient lines that hold every word, as words: "ons" is not in
        "Jon Simmons" (the store finds the letters whose two lines hold them between them, by
        their letters: "kinnock chote", his to him)."""
        headers = self.store.letter_headers([list(tokens)], [], None, limit=limit)
        words = set(name_tokens(" ".join(tokens)))
        return [line for h in headers for line in (h.sender, h.recipient)
                if line and words <= set(name_tokens(line))]

    def read_names_in_letters(self, cues: QuestionCues, hits: list[Hit]) -> None:
        """Whether the letters name each person whose words the question asks for, on a line
        or in a text (`PersonCue.named_in_letters`), when a letter found does not say who
        wrote it: only then is it asked (`constraints._may_be_from`), at a BM25 search a name."""
        if not any(hit.letter.sender is None for hit in hits):
            return
        cues.people = [replace(person, named_in_letters=bool(
            self._lines_holding(person.tokens) or self._written_in_a_row(person.tokens)))
            if person.speaker or person.wrote else person for person in cues.people]

    def _written_in_a_row(self, tokens: tuple[str, ...]) -> list[str]:
        """These words where the passages BM25 finds for them write them in a row, as
        written there ("Lord Paddick")."""
        run = re.compile(r"\b" + r"\s+".join(map(re.escape, tokens)) + r"\b", re.IGNORECASE)
        found = self.store.lexical_search(" ".join(tokens), NAME_SEARCH_DEPTH)
        return [m.group() for p in self.store.passages([i for i, _ in found])
                for m in run.finditer(p.text)]

    def _hydrate(self, ranking: Ranking) -> list[Hit]:
        passages = {p.passage_id: p for p in
                    self.store.passages([c.passage_id for c in ranking.candidates])}
        # a letter that does not say who wrote it, with the writer a reply to it names
        letters = {letter.letter_id: letter for letter in with_writers_named_by_replies(
            self.store.letters_by_id([p.letter_id for p in passages.values()]), self.store)}
        hits = []
        for candidate in ranking.candidates:
            passage = passages.get(candidate.passage_id)
            # None: removed by an index run since the search began
            letter = letters.get(passage.letter_id) if passage else None
            if passage is not None and letter is not None:
                hits.append(Hit(passage, letter, candidate.score))
        return hits

    @staticmethod
    def _merge_overlaps(hits: list[Hit]) -> list[Hit]:
        """Overlapping passages of one letter (windows of a long paragraph) become one hit,
        at the better one's rank, spanning both."""
        kept: list[Hit] = []
        for hit in hits:
            twin = next((k for k in kept if k.letter.letter_id == hit.letter.letter_id
                         and k.passage.start < hit.passage.end
                         and hit.passage.start < k.passage.end), None)
            if twin is None:
                kept.append(hit)
                continue
            start = min(twin.passage.start, hit.passage.start)
            end = max(twin.passage.end, hit.passage.end)
            twin.passage = Passage(twin.passage.passage_id, twin.passage.letter_id,
                                   min(twin.passage.paragraph, hit.passage.paragraph),
                                   start, end, twin.letter.text[start:end],
                                   twin.letter.page_at(start))
        return kept

    def closer_elsewhere(self, question: str, letter_ids: list[str],
                         where: LetterFilter | None) -> bool:
        """Does a passage outside these letters come closer in meaning to the question than
        any of theirs, by NEW_SUBJECT_MARGIN? For a short question a conversation would read
        as a follow-up by its shortness alone: it may start a new subject. False when the
        earlier turns quoted no letter (an empty filter would search them all)."""
        if not letter_ids:
            return False
        vector = self.query_vector(question)
        anywhere = self.dense.run(RetrievalQuery(question, 1, where, vector)).candidates
        within = self.dense.run(RetrievalQuery(
            question, 1, (where or LetterFilter()).within(letter_ids), vector)).candidates
        return bool(anywhere and within) and (
            within[0].score < anywhere[0].score - NEW_SUBJECT_MARGIN)

    def search(self, query: str, k: int = 10, where: LetterFilter | None = None,
               mode: Mode = "hybrid") -> schemas.SearchResponse:
        """Passages for `query`, best first; none for a query holding no word ("*", "?"):
        the model places any string somewhere, and its nearest passages would be shown as
        if they matched."""
        hits = self.retrieve(query, k, where, mode) if _HAS_WORD.search(query) else []
        return schemas.SearchResponse(
            query=query, results=[hit.to_schema(rank) for rank, hit in enumerate(hits, start=1)])
