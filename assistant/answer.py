"""Extractive answers: rank the sentences of the top passages by how well each answers the
question (`assistant.quotes` chooses which are quoted, each whole; `assistant.wording` says
who wrote them, to whom and when).

Works offline and never paraphrases: every quoted sentence is a verbatim slice of a letter,
at offsets the citation check (`assistant.citations`) confirms before the answer is shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from assistant.citations import Quote
from assistant.cue_matching import (
    YEAR,
    by_speaker,
    correspondent_terms,
    counts_what_is_asked,
    date_match,
    date_mentioned,
    gives_a_figure,
    person_matches,
    speakers_unwritten,
    titled_as_asked,
)
from assistant.cues import QuestionCues
from assistant.meaning import TextVectors, WordVectors
from assistant.phrasal import in_plain_words
from assistant.question_forms import UNDERTAKING
from assistant.retrieval.cue_rerank import WEIGHTS as CUE_WEIGHTS
from assistant.sentence_acts import (
    asked_acts,
    defines,
    gives_a_frequency,
    gives_a_reason,
    gives_an_example,
    introduces_a_list,
    introduces_its_writer,
    is_a_heading,
    names_copies,
    names_someone_else,
    notes_publication,
    performs,
    reports_deed,
    reports_unasked_words,
    restates_the_reader,
    sets_against,
    singles_out,
)
from assistant.sentence_meaning import closeness_in_meaning
from assistant.sentence_weights import (
    ACKNOWLEDGEMENT_WEIGHT,
    ALREADY_QUOTED_WEIGHT,
    ANSWERED_WEIGHT,
    BASE_SCORE,
    COPIED_WEIGHT,
    COUNTED_WEIGHT,
    DEED_WEIGHT,
    DEFINITION_WEIGHT,
    EXAMPLE_WEIGHT,
    EXPANSION_WEIGHT,
    FIGURE_WEIGHT,
    FIRST_PERSON_ACT_WEIGHT,
    FREQUENCY_WEIGHT,
    HEADING_WEIGHT,
    LEDGER_ALONE_WEIGHT,
    LEDGER_WEIGHT,
    LIGHT_VERB_WEIGHT,
    LIST_WEIGHT,
    PREFACE_WEIGHT,
    PUBLICATION_WEIGHT,
    REASON_WEIGHT,
    REPORTED_CLAIM_WEIGHT,
    RESERVATION_WEIGHT,
    RESTATEMENT_WEIGHT,
    RETRIEVAL_PRIOR,
    SEMANTIC_WEIGHT,
    SIMILARITY_FLOOR,
    SINGLED_OUT_WEIGHT,
    SOFT_MATCH,
    SUBJECT_WEIGHT,
    WHO_WEIGHT,
)
from assistant.terms import LIGHT_VERBS, content_terms, stem, term_set
from assistant.threads import acknowledges_a_letter, only_acknowledges, opens_as_a_reply
from indexer.dates import DATE_IN_WORDS
from indexer.ledger_sentences import ledger_kind
from indexer.models import Letter
from indexer.sentences import passage_sentences
from indexer.store.terms import meaning_words

# Sentences are taken from this many of the best passages (and more of the letter ranked first:
# reading.Reading._passages_read), placed by their best sentence among the passages shown
# (`reading.by_best_sentence`). Chosen on the tuning set (session 25): from 5, 6 put
# recall@5 91.3% -> 92.3%, MRR .803 -> .810, citations 68.9% -> 69.6%, none lost (the sixth
# passage's sentence now answers and brings its passage into the five shown); 7 cited one
# more (69.9%) but cost ask p50 some 4 ms (6: under 1 ms, within the noise; alternate runs
# over one synthetic 100k-passage index built by eval/bench_search.py); 8 as 7.
PASSAGES_CONSIDERED = 6
@dataclass
class ScoredSentence:
    quote: Quote
    letter: Letter
    score: float
    similarity: float = 0.0  # cosine between the sentence and the question


class SentenceSelector:
    """Scores each sentence of the top passages against the question: by meaning (the
    embedding model, sentence against question) fused with the question's words, the
    passage's retrieval score as a prior, and the question's cues."""

    def __init__(self, vectors: list[TextVectors] | None = None,
                 words: WordVectors | None = None):
        self.vectors = vectors or []  # each model's sentence vectors, read side by side
        self.words = words

    def run(self, cues: QuestionCues, hits: list,
            question_vectors: Callable[[], list[np.ndarray]] | None = None
            ) -> list[ScoredSentence]:
        """Every sentence of the passages `hits` (the caller chooses which are read), best
        first. `question_vectors` gives the question's, one per model of `vectors`; it is
        called once the sentences' words are weighed (`sentence_meaning`)."""
        # A follow-up, or a question about a reply, is answered from the letters it points at
        # (the earlier turn's, or the replies) whenever retrieval found any of them.
        pointed = [h for h in hits if h.letter.letter_id in cues.context_letters]
        hits = pointed or hits
        # "Summarise the Illegal Migration Bill letter": the letters whose title says so
        titled = [h for h in hits if titled_as_asked(cues, h.letter.title)]
        hits = titled or hits
        # "How did X respond?", "What did X write?": X's own letters, whenever found
        writers = [p for p in cues.people if p.wrote]
        own = [h for h in hits if any(person_matches(p, h.letter.sender) for p in writers)]
        hits = own or hits
        # Dates and the names of a letter's own correspondents pick the letter (retrieval
        # used them, and a follow-up's earlier turn); within it, the question's own
        # remaining words pick the sentence: not those naming someone by a description no
        # line gives ("the regulator's reaction": "As the regulator of ..." says who, not how);
        # a phrasal verb as the words it means (`phrasal.in_plain_words`); not the words asking
        # for a response, as `grounding` reads the subject: "What came of that?", "Did
        # anything happen after that?" ask for the reply's words taking up what the earlier
        # answer quoted (`sentence_meaning`), not a sentence saying "happen" (tuning 877,
        # session 52: citations 80.8% -> 81.3%, c17, a13, g01; first-quote hits +2 -1)
        not_subject = cues.not_subject_terms()
        own_words = cues.without_asking_for_a_response(cues.question)
        asked = in_plain_words([t for t in content_terms(own_words) if t not in not_subject],
                               cues.question, cues.expansion)
        # and the letters' words close in meaning to question words they never use, each at
        # a share of a question word's weight (EXPANSION_WEIGHT)
        expanded = [t for t in content_terms(" ".join(cues.expansion)) if t not in asked]
        wanted = asked + expanded
        candidates = [(hit, start, end)
                      for hit in hits
                      for start, end in passage_sentences(hit.passage.text, hit.passage.start)]
        texts = [hit.letter.text[s:e] for hit, s, e in candidates]
        words = [term_set(t) for t in texts]
        meant = self.vectors if question_vectors is not None else []
        # the sentences' vectors read before the question's are awaited (`sentence_meaning`)
        sentence_vectors = [vectors.of(texts) for vectors in meant]
        # words weighed by their rarity among the best passages' sentences: the rest of a
        # letter read beside them would make its own words common and favour other letters'
        best = {hit.passage.passage_id for hit in hits[:PASSAGES_CONSIDERED]}
        weighed = [w for (hit, _, _), w in zip(candidates, words) if hit.passage.passage_id in best]
        weights = _rarity_weights(wanted, weighed)
        for term in set(asked) & LIGHT_VERBS:  # the question's own, not the letters' words
            weights[term] *= LIGHT_VERB_WEIGHT
        if any(t in sentence_words for t in asked for sentence_words in weighed):
            for term in set(expanded):
                weights[term] *= EXPANSION_WEIGHT
        asked_words = {w: stem(w) for w in meaning_words(cues.question)}
        said = self._said_otherwise(list(asked_words), texts)
        top = max((h.score for h in hits), default=1.0) or 1.0
        # "What did OSR suggest ...?": the sentence saying "I suggest"
        acts = asked_acts(cues.question)
        correspondents_of = {hit.letter.letter_id: correspondent_terms(cues, hit.letter)
                             for hit in hits}
        # the letters written by a person whose words the question asks for, read once each
        speakers_own = {hit.letter.letter_id: by_speaker(cues, hit.letter) for hit in hits}
        speaker_named = any(p.speaker for p in cues.people)
        # Letters whose thanks for a letter answer the question: "Did anyone reply?", "Who
        # wrote to X?" of X's letters, and "What did Matt Vickers complain about?", when no
        # letter of his is found, of a reply to him (its thanks say what he wrote)
        reported_only = [] if cues.asks_response or cues.asks_reply else speakers_unwritten(
            cues, [hit.letter.sender for hit in hits])
        asks_who_wrote_unnamed = cues.asks_writer and not cues.people
        thanks_answer = {
            hit.letter.letter_id: bool(
                cues.asks_if_answered
                or (cues.asks_writer and any(p.direction == "to"
                                             and person_matches(p, hit.letter.sender)
                                             for p in cues.people))
                # "Who complained about it?" naming no one: a reply's thanks say who wrote
                or (asks_who_wrote_unnamed and opens_as_a_reply(hit.letter))
                or any(person_matches(p, hit.letter.recipient) for p in reported_only))
            for hit in hits}
        # what a reply said or someone did: not their thanks, nor what they were sent; nor,
        # in a follow-up, a reply's thanks restating the letter the conversation is about
        asks_what_was_done = cues.asks_response or cues.asks_reply or cues.asks_deed
        follows_on = cues.read_with_earlier_turns and not (cues.asks_if_answered
                                                          or cues.asks_writer)
        # what the writer the question names said: not what they were sent
        own_words_asked = not (cues.asks_if_answered or cues.asks_writer or cues.asks_subject)
        # each sentence's words and cues, then its closeness in meaning: score = (BASE_SCORE
        # + overlap + closeness) * factor
        weighed_sentences: list[tuple[Quote, Letter, float, float]] = []
        for place, ((hit, start, end), present) in enumerate(zip(candidates, words)):
            sentence = hit.letter.text[start:end]
            correspondents = correspondents_of[hit.letter.letter_id]
            speakers_letter = speakers_own[hit.letter.letter_id]
            topic = {t: w for t, w in weights.items() if t not in correspondents}
            found = sum(w for t, w in topic.items() if t in present)
            found += sum(topic[t] * float(c) for t, c in zip(asked_words.values(), said[place])
                         if t in topic and t not in present and c >= SOFT_MATCH)
            overlap = found / (sum(topic.values()) or 1.0)
            overlap += 0.5 * _bigrams(asked, sentence, correspondents)
            # the passage's retrieval score, relative to the best: a prior, not a verdict
            factor = 1 - RETRIEVAL_PRIOR + RETRIEVAL_PRIOR * hit.score / top
            if cues.asks_commitment and UNDERTAKING.search(sentence):
                factor *= 1.4
            if cues.asks_commitment and ledger_kind(sentence):
                # the ledger's own commitments and requests come first, and before anything
                # else when the question names nothing more ("What did X ask for?")
                factor *= LEDGER_WEIGHT if topic else LEDGER_ALONE_WEIGHT
            if any(ref.pattern().search(sentence) for ref in cues.references):
                factor *= 1.5
            if any(date_mentioned(d, sentence) for d in cues.dates):
                factor *= 1.3
            for cue in cues.dates:
                precision = date_match(cue, hit.letter.date)
                if precision:  # "the Kinnock letter of December 2022": dated so, not naming it
                    factor *= CUE_WEIGHTS[precision]
            # "How many extra police officers?": a figure answers; "When ...?": a date
            gives_the_figure = cues.asks_quantity and gives_a_figure(sentence, cues.figures)
            gives_the_date = cues.asks_when and bool(DATE_IN_WORDS.search(sentence))
            gives_a_year = cues.asks_when and bool(YEAR.search(sentence))
            # "Thank you for your letter of ...": a preamble, unless the thanks are asked for
            acknowledges = acknowledges_a_letter(sentence) and not cues.asks_thanks
            if gives_the_figure:
                factor *= FIGURE_WEIGHT
                if counts_what_is_asked(sentence, cues.counted):
                    factor *= COUNTED_WEIGHT
            if gives_the_date:
                factor *= 1.5
            elif gives_a_year or cues.asks_when and acknowledges:
                factor *= 1.2
            gives_a_name = cues.asks_who and names_someone_else(sentence, cues)
            if thanks_answer[hit.letter.letter_id] and acknowledges and (
                    found or not topic or not asks_who_wrote_unnamed):
                # "Thank you for your letter of ...": it was answered, and who had written
                factor *= ANSWERED_WEIGHT
            elif (asks_what_was_done or follows_on or own_words_asked and speakers_letter
                  ) and not (cues.asks_when or gives_a_name) and acknowledges:
                factor *= ACKNOWLEDGEMENT_WEIGHT  # "Thank you for your letter of ...": not what was said
            elif (asks_what_was_done or speakers_letter) and restates_the_reader(sentence):
                factor *= RESTATEMENT_WEIGHT
            elif not (cues.asks_when or cues.asks_thanks) and only_acknowledges(sentence):
                # "Thank you for your letter of 21 November.": it says nothing else
                factor *= ACKNOWLEDGEMENT_WEIGHT
            if cues.defined and defines(sentence, cues.defined):
                factor *= DEFINITION_WEIGHT
            if gives_a_name:
                factor *= WHO_WEIGHT
            # "Who published the report?" after the sentence naming them was quoted: it is
            # the answer still; not for "Who else ...?", asking for someone not yet named
            gives_a_new_name = gives_a_name and not cues.asks_who_else
            if cues.asks_copied and names_copies(sentence):
                factor *= COPIED_WEIGHT
            if cues.asks_reservation and sets_against(sentence):
                factor *= RESERVATION_WEIGHT
            if cues.asks_frequency and gives_a_frequency(sentence):
                factor *= FREQUENCY_WEIGHT
            if cues.asks_reason and gives_a_reason(sentence):
                factor *= REASON_WEIGHT
            if cues.asks_singled_out and singles_out(sentence):
                factor *= SINGLED_OUT_WEIGHT
            if cues.asks_example and gives_an_example(sentence):
                factor *= EXAMPLE_WEIGHT
            if cues.asks_deed and reports_deed(sentence):
                factor *= DEED_WEIGHT
            if cues.asks_list and introduces_a_list(hit.letter.text, start, end):
                factor *= LIST_WEIGHT
            if acts and performs(sentence, acts) and (speakers_letter or not speaker_named):
                factor *= FIRST_PERSON_ACT_WEIGHT
            if cues.asks_writer and introduces_its_writer(sentence):
                factor *= 1.5
            elif cues.asks_subject and introduces_its_writer(sentence):
                factor *= SUBJECT_WEIGHT
            if speakers_letter:
                factor *= 1.5  # the words of the person the question asks about
            if any(p.direction == "to" and person_matches(p, hit.letter.recipient)
                   for p in cues.people):
                factor *= 1.5  # a letter to the person the question names as recipient
            if any(letter_id == hit.letter.letter_id and start < quoted_end and quoted_start < end
                   for letter_id, quoted_start, quoted_end in cues.quoted) and not (
                    gives_a_year or gives_the_figure or gives_a_new_name):
                factor *= ALREADY_QUOTED_WEIGHT
            if reports_unasked_words(cues, hit.letter, start, end):
                factor *= REPORTED_CLAIM_WEIGHT
            if is_a_heading(sentence):  # a line of capitalised words
                factor *= HEADING_WEIGHT
            if end <= hit.letter.opening:  # a publisher's note: the writer's words first
                factor *= PREFACE_WEIGHT
                if not cues.asks_when and notes_publication(sentence):
                    factor *= ACKNOWLEDGEMENT_WEIGHT  # when it was made public, and no more
                elif cues.asks_published and notes_publication(sentence):
                    factor *= PUBLICATION_WEIGHT  # "When were the letters published?"
            quote = Quote(hit.letter.letter_id, hit.passage.passage_id, start, end, sentence)
            weighed_sentences.append((quote, hit.letter, overlap, factor))
        meaning: list[float] | np.ndarray = [0.0] * len(texts)
        if meant and question_vectors is not None:
            meaning = closeness_in_meaning(
                cues, meant, sentence_vectors, question_vectors,
                [hit.passage.passage_id for hit, _, _ in candidates],
                [hit.letter.letter_id for hit, _, _ in candidates], bool(asked))
        scored = [ScoredSentence(quote, letter, (BASE_SCORE + overlap + SEMANTIC_WEIGHT * max(
            float(similarity) - SIMILARITY_FLOOR, 0.0)) * factor, float(similarity))
            for (quote, letter, overlap, factor), similarity in zip(weighed_sentences, meaning)]
        return sorted(scored, key=lambda s: -s.score)

    def _said_otherwise(self, asked: list[str], texts: list[str]) -> np.ndarray:
        """For each sentence (row) and question word (column), the word's closeness in meaning
        to the sentence's closest word (0 without word vectors): a word the sentence lacks
        counts at that closeness when at least SOFT_MATCH. Words are compared one to one,
        where the sentence model, comparing whole sentences, misses a paraphrase of one word
        among twenty."""
        if self.words is None:
            return np.zeros((len(texts), len(asked)), dtype="float32")
        return self.words.closeness(asked, texts)


def _rarity_weights(wanted: list[str], sentences: list[frozenset[str]]) -> dict[str, float]:
    """Weight each question term by how few candidate sentences hold it: the words that
    tell the candidates apart ("caseworkers"), not those they share ("Home Office")."""
    n = len(sentences) or 1
    weights = {}
    for term in wanted:
        df = sum(term in words for words in sentences)
        weights[term] = math.log(1 + n / (1 + df)) * (2.0 if term[:1].isdigit() else 1.0)
    return weights


def _bigrams(wanted: list[str], sentence: str, correspondents: set[str]) -> float:
    """Share of the question's adjacent term pairs that stand together in the sentence; a
    pair naming the letter's own correspondents ("Full Fact" in Full Fact's letter) counts
    as absent: it picks the letter, not the sentence."""
    pairs = list(pairwise(wanted))
    if not pairs:
        return 0.0
    together = set(pairwise(content_terms(sentence)))
    return sum(pair in together and not correspondents.intersection(pair)
               for pair in pairs) / len(pairs)
