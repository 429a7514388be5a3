"""Extractive answers: rank the sentences of the top passages by how well each answers the
question (`assistant.quotes` chooses which are quoted, each whole; `assistant.wording` says
who wrote them, to whom and when).

Works offline and never paraphrases: every quoted sentence is a verbatim slice of a letter,
at offsets the citation check (`assistant.citations`) confirms before the answer is shown.
"""

from __future__ import annotations

import math
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
from assistant.meaning import TextVectors, WordVectors, similarities
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
from assistant.sentence_weights import (
    ACKNOWLEDGEMENT_WEIGHT,
    ALREADY_QUOTED_WEIGHT,
    ANSWERED_WEIGHT,
    BASE_SCORE,
    CONTEXT_WEIGHT,
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
            question_vectors: list[np.ndarray] | None = None) -> list[ScoredSentence]:
        """Every sentence of the passages `hits` (the caller chooses which are read), best
        first. `question_vectors`: the question's, one per model of `vectors`."""
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
        # answer quoted (`_toward`), not a sentence saying "happen" (tuning 877, session 52:
        # citations 80.8% -> 81.3%, c17, a13, g01; first-quote hits +2 -1)
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
        meaning: list[float] | np.ndarray = [0.0] * len(texts)
        if self.vectors and question_vectors:
            # the models' closeness, averaged: the sentence model's and the passages' own
            # (tuning 877, session 53: citations 81.7% by the sentence model alone, 82.0% by
            # half of each, 81.8% and 81.7% at 0.3 and 0.7 of MiniLM's)
            meaning = np.mean([
                self._meaning(cues, vectors, question_vector, texts, candidates, bool(asked))
                for vectors, question_vector in zip(self.vectors, question_vectors)], axis=0)
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
        scored: list[ScoredSentence] = []
        for place, ((hit, start, end), present, similarity) in enumerate(
                zip(candidates, words, meaning)):
            sentence = hit.letter.text[start:end]
            correspondents = correspondents_of[hit.letter.letter_id]
            speakers_letter = speakers_own[hit.letter.letter_id]
            topic = {t: w for t, w in weights.items() if t not in correspondents}
            found = sum(w for t, w in topic.items() if t in present)
            found += sum(topic[t] * float(c) for t, c in zip(asked_words.values(), said[place])
                         if t in topic and t not in present and c >= SOFT_MATCH)
            overlap = found / (sum(topic.values()) or 1.0)
            overlap += 0.5 * _bigrams(asked, sentence, correspondents)
            closeness = SEMANTIC_WEIGHT * max(float(similarity) - SIMILARITY_FLOOR, 0.0)
            # the passage's retrieval score, relative to the best: a prior, not a verdict
            score = (BASE_SCORE + overlap + closeness) * (1 - RETRIEVAL_PRIOR
                                                          + RETRIEVAL_PRIOR * hit.score / top)
            if cues.asks_commitment and UNDERTAKING.search(sentence):
                score *= 1.4
            if cues.asks_commitment and ledger_kind(sentence):
                # the ledger's own commitments and requests come first, and before anything
                # else when the question names nothing more ("What did X ask for?")
                score *= LEDGER_WEIGHT if topic else LEDGER_ALONE_WEIGHT
            if any(ref.pattern().search(sentence) for ref in cues.references):
                score *= 1.5
            if any(date_mentioned(d, sentence) for d in cues.dates):
                score *= 1.3
            for cue in cues.dates:
                precision = date_match(cue, hit.letter.date)
                if precision:  # "the Kinnock letter of December 2022": dated so, not naming it
                    score *= CUE_WEIGHTS[precision]
            # "How many extra police officers?": a figure answers; "When ...?": a date
            gives_the_figure = cues.asks_quantity and gives_a_figure(sentence, cues.figures)
            gives_the_date = cues.asks_when and bool(DATE_IN_WORDS.search(sentence))
            gives_a_year = cues.asks_when and bool(YEAR.search(sentence))
            acknowledges = acknowledges_a_letter(sentence)
            if gives_the_figure:
                score *= FIGURE_WEIGHT
                if counts_what_is_asked(sentence, cues.counted):
                    score *= COUNTED_WEIGHT
            if gives_the_date:
                score *= 1.5
            elif gives_a_year or cues.asks_when and acknowledges:
                score *= 1.2
            gives_a_name = cues.asks_who and names_someone_else(sentence, cues)
            if thanks_answer[hit.letter.letter_id] and acknowledges and (
                    found or not topic or not asks_who_wrote_unnamed):
                # "Thank you for your letter of ...": it was answered, and who had written
                score *= ANSWERED_WEIGHT
            elif (asks_what_was_done or follows_on or own_words_asked and speakers_letter
                  ) and not (cues.asks_when or gives_a_name) and acknowledges:
                score *= ACKNOWLEDGEMENT_WEIGHT  # "Thank you for your letter of ...": not what was said
            elif (asks_what_was_done or speakers_letter) and restates_the_reader(sentence):
                score *= RESTATEMENT_WEIGHT
            elif not cues.asks_when and only_acknowledges(sentence):
                # "Thank you for your letter of 21 November.": it says nothing else
                score *= ACKNOWLEDGEMENT_WEIGHT
            if cues.defined and defines(sentence, cues.defined):
                score *= DEFINITION_WEIGHT
            if gives_a_name:
                score *= WHO_WEIGHT
            # "Who published the report?" after the sentence naming them was quoted: it is
            # the answer still; not for "Who else ...?", asking for someone not yet named
            gives_a_new_name = gives_a_name and not cues.asks_who_else
            if cues.asks_copied and names_copies(sentence):
                score *= COPIED_WEIGHT
            if cues.asks_reservation and sets_against(sentence):
                score *= RESERVATION_WEIGHT
            if cues.asks_frequency and gives_a_frequency(sentence):
                score *= FREQUENCY_WEIGHT
            if cues.asks_reason and gives_a_reason(sentence):
                score *= REASON_WEIGHT
            if cues.asks_singled_out and singles_out(sentence):
                score *= SINGLED_OUT_WEIGHT
            if cues.asks_example and gives_an_example(sentence):
                score *= EXAMPLE_WEIGHT
            if cues.asks_deed and reports_deed(sentence):
                score *= DEED_WEIGHT
            if cues.asks_list and introduces_a_list(hit.letter.text, start, end):
                score *= LIST_WEIGHT
            if acts and performs(sentence, acts) and (speakers_letter or not speaker_named):
                score *= FIRST_PERSON_ACT_WEIGHT
            if cues.asks_writer and introduces_its_writer(sentence):
                score *= 1.5
            elif cues.asks_subject and introduces_its_writer(sentence):
                score *= SUBJECT_WEIGHT
            if speakers_letter:
                score *= 1.5  # the words of the person the question asks about
            if any(p.direction == "to" and person_matches(p, hit.letter.recipient)
                   for p in cues.people):
                score *= 1.5  # a letter to the person the question names as recipient
            if any(letter_id == hit.letter.letter_id and start < quoted_end and quoted_start < end
                   for letter_id, quoted_start, quoted_end in cues.quoted) and not (
                    gives_a_year or gives_the_figure or gives_a_new_name):
                score *= ALREADY_QUOTED_WEIGHT
            if reports_unasked_words(cues, hit.letter, start, end):
                score *= REPORTED_CLAIM_WEIGHT
            if is_a_heading(sentence):  # a line of capitalised words
                score *= HEADING_WEIGHT
            if end <= hit.letter.opening:  # a publisher's note: the writer's words first
                score *= PREFACE_WEIGHT
                if not cues.asks_when and notes_publication(sentence):
                    score *= ACKNOWLEDGEMENT_WEIGHT  # when it was made public, and no more
                elif cues.asks_published and notes_publication(sentence):
                    score *= PUBLICATION_WEIGHT  # "When were the letters published?"
            quote = Quote(hit.letter.letter_id, hit.passage.passage_id, start, end, sentence)
            scored.append(ScoredSentence(quote, hit.letter, score, float(similarity)))
        return sorted(scored, key=lambda s: -s.score)

    @staticmethod
    def _meaning(cues: QuestionCues, vectors: TextVectors, question_vector: np.ndarray,
                 texts: list[str], candidates: list, asked: bool) -> np.ndarray:
        """Each sentence's closeness in meaning to the question, by one model."""
        if cues.asks_response and cues.quoted_text and not asked:
            # "Did she say yes?" after the Commissioners' offer was quoted: the reply's
            # sentence taking up what was quoted
            question_vector = _toward(question_vector, vectors.of(cues.quoted_text))
        if cues.asks_gist:
            return _central(vectors.of(texts), [hit.letter.letter_id for hit, _, _ in candidates])
        return in_context(question_vector, vectors.of(texts),
                          [hit.passage.passage_id for hit, _, _ in candidates])

    def _said_otherwise(self, asked: list[str], texts: list[str]) -> np.ndarray:
        """For each sentence (row) and question word (column), the word's closeness in meaning
        to the sentence's closest word (0 without word vectors): a word the sentence lacks
        counts at that closeness when at least SOFT_MATCH. Words are compared one to one,
        where the sentence model, comparing whole sentences, misses a paraphrase of one word
        among twenty."""
        if self.words is None:
            return np.zeros((len(texts), len(asked)), dtype="float32")
        return self.words.closeness(asked, texts)


def in_context(question_vector: np.ndarray, vectors: np.ndarray,
                passages: list[str]) -> np.ndarray:
    """Each sentence's closeness in meaning to the question, read half alone and half with
    the sentences either side of it in its passage (at CONTEXT_WEIGHT): a sentence often takes
    its subject from the one before ("This would allow ..."). Chosen
    on the tuning set: citations 56.1% -> 58.1% (alone 56.1%; the better of alone and in
    context 57.4%; context at 0.3 or 1.0 57.4%)."""
    context = vectors.copy()
    for i in range(len(vectors)):
        for j in (i - 1, i + 1):
            if 0 <= j < len(vectors) and passages[j] == passages[i]:
                context[i] += CONTEXT_WEIGHT * vectors[j]
    context /= np.linalg.norm(context, axis=1, keepdims=True)
    return (similarities(question_vector, vectors) + similarities(question_vector, context)) / 2


def _toward(question_vector: np.ndarray, quoted: np.ndarray) -> np.ndarray:
    """The question's vector and the quoted sentences' mean, as one unit vector."""
    joined = question_vector + quoted.mean(axis=0)
    return joined / (np.linalg.norm(joined) or 1.0)


def _central(vectors: np.ndarray, letters: list[str]) -> np.ndarray:
    """Each sentence's closeness in meaning to the rest of its letter (the mean of its
    letter's sentences among the candidates): what a letter says as a whole, for a question
    asking for that ("Summarise X's letter") and naming nothing its sentences could be
    matched to. Greetings, thanks and asides sit far from the mean."""
    central = np.zeros(len(vectors), dtype="float32")
    for letter in set(letters):
        rows = [i for i, x in enumerate(letters) if x == letter]
        mean = vectors[rows].mean(axis=0)
        mean /= np.linalg.norm(mean) or 1.0
        central[rows] = vectors[rows] @ mean
    return central


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
