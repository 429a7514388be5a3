"""Reading the passages found for an answer: which are read (the best few and more of the
letter ranked first), their sentences ranked against what the question asks (in meaning and
words, `assistant.answer`) from the letters that fit it, the passages placed by their best
sentence, and how close the quoted sentences come to the whole question.
"""

from __future__ import annotations

from functools import cache, partial

import numpy as np

from assistant.answer import PASSAGES_CONSIDERED, ScoredSentence, SentenceSelector
from assistant.constraints import consistent_sentences, letter_fits, not_excluded
from assistant.cues import QuestionCues
from assistant.meaning import TextVectors, similarities
from assistant.query_vectors import QueryVectors
from assistant.retrieval.base import Hit
from indexer.models import Letter, Passage
from indexer.sentences import passage_sentences
from indexer.store import Store

# Of the letter ranked first, this many more passages are read for the answer's sentences,
# those nearest the one that ranked it first. Chosen on the tuning set: 3 ranks two
# answering passages higher than 4 or every passage (the corpus's letters have 2 to 9), 2
# cites one less; each sentence read costs time (ask p50 at 100k passages, where letters
# have 10: about +10 ms at 12, +4-8 ms at 4).
LEADING_LETTER_PASSAGES = 3
# A follow-up that says what it asks is matched to sentences by its own words' vector plus
# the conversation's at this weight. Chosen on the tuning set: citations 64.3% -> 66.1%
# (0.25 and its own words alone the same; the conversation alone as before).
EARLIER_TURN_WEIGHT = 0.5


class Reading:
    """Part of `assistant.service.Assistant`, which sets the store, the sentence selector,
    the sentence vectors and the query vectors this reads with."""

    store: Store
    selector: SentenceSelector
    vectors: TextVectors
    query_vectors: QueryVectors
    sentence_queries: list[QueryVectors]  # each model's the selector reads by

    def _passages_read(self, hits: list[Hit]) -> list[Hit]:
        """The passages an answer's sentences are read from: the best few
        (PASSAGES_CONSIDERED), and more of the letter ranked first, nearest first
        (LEADING_LETTER_PASSAGES): a passage retrieval found keeps its score, one it did
        not counts as ranked after them all. A question that finds its letter often words
        the answer otherwise than the passage it matched ("only one department" for "not
        unique to the Home Office"), and the answering passage is ranked below other
        letters' (tuning set, 386: recall@5 89.1% -> 90.4%, MRR .745 -> .752, citations
        64.1% -> 64.7%, none lost; read as if ranked fifth, one follow-up's citation lost)."""
        best = hits[:PASSAGES_CONSIDERED]
        if not best:
            return best
        seen = {hit.passage.passage_id for hit in best}
        retrieved = {hit.passage.passage_id: hit for hit in hits}
        floor = min(hit.score for hit in hits)  # ranked after every passage retrieved
        leading, found_at = best[0].letter, best[0].passage.start
        rest = [retrieved.get(passage.passage_id) or Hit(passage, leading, floor)
                for passage in self.store.letter_passages(leading.letter_id)
                if passage.passage_id not in seen]
        rest.sort(key=lambda hit: abs(hit.passage.start - found_at))
        return best + rest[:LEADING_LETTER_PASSAGES]


    def _ranked_sentences(self, cues: QuestionCues, hits: list[Hit], more: list[Hit]
                          ) -> list[ScoredSentence]:
        """The sentences of the passages read (`hits`), best first, of the letters that fit
        what the question fixes (its writer, the people it names, dates, figures) whenever
        any does; when none does and the question names people, of those among `more` (the
        rest of the passages found) as well: "How long after Priti Patel used the Albanian
        figures did the Home Office publish them?" read five passages of the Home Office's
        letters, none naming her, and was declined, though the sixth passage found answers
        it. Not for a question naming only dates or figures: a sentence of any letter
        giving some figure for the year may be found further down ("What was the conviction
        rate for rape in 2021?" quoted one on NRM referrals). Only the further passages whose
        letter fits are read: ranking all eight again put ask p50 at 100k passages up by a
        fifth, where letters rarely fit."""
        # the question's vectors, awaited by the selector when it needs them, once
        vectors = cache(partial(self._sentence_vectors, cues))
        ranked = self.selector.run(cues, hits, vectors)
        answered: dict = {}  # the letters each letter answers, read once for all three checks
        fitting = consistent_sentences(cues, ranked, self.store, answered)
        if not fitting and cues.people:
            fits = [hit for hit in more
                    if letter_fits(cues, hit.letter, hit.passage.text, self.store, answered)]
            if fits:  # ranked again with them: the scores are relative to all read
                wider = self.selector.run(cues, hits + fits, vectors)
                fitting = consistent_sentences(cues, wider, self.store, answered)
        return fitting or not_excluded(cues, ranked)

    def _sentence_vectors(self, cues: QuestionCues) -> list[np.ndarray]:
        """What sentences are matched to in meaning: what the question asks about, without
        the people it names (`QuestionCues.topic_text`), whose letters the cues pick: a
        sentence sharing a name is no closer to the answer (tuning MRR .767 -> .790,
        citations 66.0% -> 67.0%). A follow-up is read with the question before it, names
        and all ("And how did the Minister reply?" to an offer: the sentence about the offer;
        without its names, "Did the Minister answer them?" lost its citation), and one that
        says what it asks mostly by its own words ("Where did he say his numbers came
        from?": not the sentence the earlier question matched); its words for overlap are
        its own either way. One vector by each model the sentences are read by."""
        return [self._sentence_vector(queries, cues) for queries in self.sentence_queries]

    @staticmethod
    def _sentence_vector(queries: QueryVectors, cues: QuestionCues) -> np.ndarray:
        """The follow-up's own words are encoded here, while the encoder thread is still on
        its whole reading (begun with the searches, `Searching.retrieve`), which they are
        then read with: one after the other, a follow-up had waited for both."""
        if not cues.says_what_it_asks():
            return queries.of(cues.sentence_subject())
        own = queries.of(cues.question)
        vector = own + EARLIER_TURN_WEIGHT * queries.of(cues.sentence_subject())
        return vector / np.linalg.norm(vector)

    def _passages_around(self, chosen: list[ScoredSentence], hits: list[Hit]
                         ) -> dict[str, Passage]:
        """Where each chosen sentence is read whole (`quotes.read_whole`), by the id of the
        passage it was read from: that passage as retrieval found it (`hits`: overlapping
        windows of a long paragraph merged into one, `Searching`), with the stored passage
        before and the one after it in its letter. A passage is a paragraph (or a window of
        a long one), and the sentence that completes a quote often opens the next: "... be
        based on those statistics already in the public domain." ends one, "However, given
        the importance and immediacy of some of the issues ..., there will be times when
        ..." opens the next, and says what was asked. Read within the passage alone, a quote
        ending a paragraph never went on (tuning 893, session 56: citations 82.8% -> 84.0%,
        first-quote hits 72.3% -> 74.4%, none lost; words quoted per answer 76 -> 85)."""
        found = {hit.passage.passage_id: hit.passage for hit in hits}
        quoted = {s.quote.passage_id for s in chosen}
        windows: dict[str, Passage] = {}
        for letter_id, letter in {s.quote.letter_id: s.letter for s in chosen}.items():
            passages = self.store.letter_passages(letter_id)
            for passage in passages:
                if passage.passage_id not in quoted:
                    continue
                read = found.get(passage.passage_id, passage)
                inside = [i for i, p in enumerate(passages)
                          if p.start < read.end and read.start < p.end]
                before = passages[max(inside[0] - 1, 0)]
                after = passages[min(inside[-1] + 1, len(passages) - 1)]
                windows[passage.passage_id] = Passage(
                    passage.passage_id, letter_id, before.paragraph, before.start, after.end,
                    letter.text[before.start : after.end], before.page)
        return windows

    def _closeness(self, cues: QuestionCues, chosen: list[ScoredSentence]) -> float | None:
        """The quoted sentences' best similarity to the whole question, names and all, when
        it names someone: they were chosen by their closeness to its subject without the
        names (`_sentence_vector`), and the best of that, over every sentence read, is close
        to almost any subject ("What did Dame Vera Baird say about hospital waiting lists?"
        was answered at 0.36). None when it names nobody (or nothing is quoted): as scored."""
        if not chosen or not cues.people:
            return None
        question = self.query_vectors.of(cues.reading)
        return float(similarities(question, self.vectors.of([c.quote.text for c in chosen])).max())

    def _closest_in(self, text: str, letters: list[Letter]) -> float:
        """The best similarity in meaning between the text and a sentence of the letters'
        own words (after any publisher's note): whether they take up a subject at all. The
        sentences are the passages', as the index run kept their vectors."""
        sentences = [passage.text[start:end] for letter in letters
                     for passage in self.store.letter_passages(letter.letter_id)
                     if passage.end > letter.opening
                     for start, end in passage_sentences(passage.text)]
        return self._closest_among(text, sentences)

    def _closest_among(self, text: str, sentences: list[str]) -> float:
        """The best similarity in meaning between the text and one of the sentences."""
        if not sentences:
            return 0.0
        return float(similarities(self.query_vectors.of(text), self.vectors.of(sentences)).max())



def by_best_sentence(read: list[Hit], hits: list[Hit], ranked: list[ScoredSentence]
                     ) -> list[Hit]:
    """The passages an answer's sentences were read from (`read`), the best few
    (PASSAGES_CONSIDERED) placed by their best sentence as the answer ranks them (`ranked`,
    best first), then the rest of `hits` as retrieved, then the rest read: the selector
    reads each sentence by meaning, words and the question's cues, which fusion reads
    passage by passage, so the passage quoted is shown first. Passages keep their scores:
    the selector reads those as a prior. On the tuning set (353): MRR 0.638 -> 0.745,
    recall@5 and citations unchanged by nature."""
    best: dict[str, int] = {}
    for place, sentence in enumerate(ranked):
        best.setdefault(sentence.quote.passage_id, place)
    placed = sorted(read, key=lambda hit: best.get(hit.passage.passage_id, len(ranked)))
    first = placed[:PASSAGES_CONSIDERED]
    taken = {hit.passage.passage_id for hit in first}
    after = [hit for hit in hits + placed if hit.passage.passage_id not in taken]
    return first + list({hit.passage.passage_id: hit for hit in after}.values())


def unread(hits: list[Hit], read: list[Hit]) -> list[Hit]:
    """The passages of `hits` not among those `read`."""
    taken = {hit.passage.passage_id for hit in read}
    return [hit for hit in hits if hit.passage.passage_id not in taken]

