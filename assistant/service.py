"""The Assistant: the one entry point every interface (CLI, HTTP, Slack) calls."""

from __future__ import annotations

import copy
import threading
import time
from collections import OrderedDict

from assistant import browse, conversation, schemas
from assistant.answer import PASSAGES_CONSIDERED, ScoredSentence, SentenceSelector
from assistant.answered import request_outcome
from assistant.appositions import with_other_names
from assistant.citations import citation, verify_quotes
from assistant.cue_matching import by_speaker, person_matches, written_by_speakers
from assistant.cues import QuestionCues
from assistant.follow_up_cues import leans_by_shortness_alone, people_pointed_at
from assistant.generation import ChatClient, CitationGate, Generator, cited_answer
from assistant.grounding import Grounding, check_grounding
from assistant.kept_records import KeptRecords
from assistant.listing import letters_listed
from assistant.meaning import TextVectors, WordVectors
from assistant.query_vectors import QueryVectors, one_blas_thread
from assistant.question_forms import ASKS_HOW
from assistant.quotes import SAME_LETTER_SHARE, choose_quotes, read_whole
from assistant.reading import Reading, by_best_sentence, unread
from assistant.records import LetterRecords
from assistant.reply_status import reply_status
from assistant.retrieval.base import Hit, Retriever
from assistant.retrieval.cue_rerank import CueReranker
from assistant.retrieval.dense import DenseRetriever
from assistant.retrieval.expansion import QueryExpansion
from assistant.retrieval.fusion import ReciprocalRankFusion
from assistant.retrieval.letter_scope import LetterScopeRetriever
from assistant.retrieval.lexical import LexicalRetriever
from assistant.retrieval.sentences import SentenceRanker
from assistant.searching import MODES as MODES  # the interfaces import it from here
from assistant.searching import SENTENCE_WEIGHT, Mode, Searching
from assistant.sentence_acts import defines
from assistant.settings import AssistantSettings
from assistant.tallies import most_letters
from assistant.terms import SPEECH_ACT_TERMS, content_words, passages_searched
from assistant.threads import is_a_reply, originals_of, replies_to
from assistant.wording import compose, read_as_note
from indexer.embedder import Embedder, embedder_for, sentence_embedder_for
from indexer.models import Letter
from indexer.store import IndexStats, LetterFilter, Store, open_store, scoped

# Passages from the letters a follow-up or a reply question points at, put first: as many as
# an answer draws its sentences from (answer.PASSAGES_CONSIDERED), so the answering passage
# of a letter with more than three is not crowded out by the rest. Chosen on the tuning
# set: recall@5 86.4% at 3, 88.8% at 5 and at 8 (follow-ups 80% -> 90%, replies 85% -> 100%).
SCOPED_FIRST = PASSAGES_CONSIDERED
# Passages an answer is drawn from.
ASK_PASSAGES = 8
# The passages using a term most searched for one saying what it is (`_letters_defining`).
DEFINITIONS_SEARCHED = 20
# Passages a model is given to write from: those extractive answers choose among.
GENERATION_PASSAGES = 5
NO_ANSWER = "The letters in the index do not answer this."
# Why, when no check gives a reason (`AskResponse.declined_because`)
NO_LETTER_FITS = "no letter in the index fits the people, dates and subject the question names"
UNVERIFIED = "the sentences found are no longer in the stored letters at their offsets"


class Assistant(Searching, LetterRecords, Reading, KeptRecords):
    def __init__(self, store: Store, embedder: Embedder, llm: ChatClient | None = None,
                 sentence_embedder: Embedder | None = None):
        self.store = store
        self.embedder = embedder
        self.sentence_embedder = sentence_embedder
        self.dense: Retriever = DenseRetriever(store, embedder)
        self.lexical: Retriever = LexicalRetriever(store)
        # The sentence ranking re-orders candidates the others found, so it counts half:
        # chosen on the tuning set (recall@5 0.93 at 0.5, 0.92 at 1.0, 0.92 at 0).
        self.fusion = ReciprocalRankFusion({"sentences": SENTENCE_WEIGHT})
        self.letter_scope = LetterScopeRetriever(store, embedder)
        self.reranker = CueReranker()
        self.vectors = TextVectors(store, embedder)
        one_blas_thread()
        self.query_vectors = QueryVectors(embedder)
        self.words = WordVectors(store, embedder.dimension, self.query_vectors.many)
        # The sentences an answer quotes are matched to the question by the sentence model,
        # when one is set (MISSIVE_SENTENCE_MODEL), beside the passages' own, through the
        # vectors index runs kept
        self.sentence_queries = [self.query_vectors]
        sentence_vectors = [self.vectors]
        if sentence_embedder:
            self.sentence_queries.insert(0, QueryVectors(sentence_embedder))
            sentence_vectors.insert(0, TextVectors(store, sentence_embedder,
                                                   model=sentence_embedder.name))
        self.selector = SentenceSelector(sentence_vectors, self.words)
        self.sentence_ranker = SentenceRanker(self.vectors)
        self.expansion = QueryExpansion(self.words)
        self._query_lock = threading.Lock()
        # Threads by (the view's collections, the records' version): shared by every view.
        self.collections: frozenset[str] | None = None
        self._thread_indexes: OrderedDict[tuple, browse.ThreadIndex] = OrderedDict()
        self.started = time.monotonic()
        # Generated answers, when a model is configured (MISSIVE_LLM_URL); else extractive.
        self.generator = Generator(llm, CitationGate(self.vectors, self.query_vector)) \
            if llm is not None else None

    @classmethod
    def open(cls, settings: AssistantSettings) -> Assistant:
        embedder = embedder_for(settings)
        sentence_embedder = sentence_embedder_for(settings)
        llm = ChatClient(settings.llm_url, settings.llm_model, settings.llm_api_key,
                         settings.llm_timeout, settings.llm_max_tokens) if settings.llm_url else None
        return cls(open_store(settings, embedder.name, embedder.dimension), embedder, llm,
                   sentence_embedder)

    def scoped(self, collections: frozenset[str] | None) -> Assistant:
        """This assistant as a caller allowed `collections` sees the letters (None: all of
        them). Every read, from search to threads and the ledger, goes through the scoped
        store; the model, the query encoder and the vector caches (keyed by text the caller
        sends or may read) are shared, so a view costs nothing to make per request."""
        if collections is None:
            return self
        view = copy.copy(self)
        view.collections = frozenset(collections)
        view.store = scoped(self.store, collections)
        view.dense = DenseRetriever(view.store, self.embedder)
        view.lexical = LexicalRetriever(view.store)
        view.letter_scope = LetterScopeRetriever(view.store, self.embedder)
        return view

    def evidence(self, question: str, turns: list[schemas.Turn], k: int = ASK_PASSAGES,
                 where: LetterFilter | None = None, mode: Mode = "hybrid"
                 ) -> tuple[QuestionCues, list[Hit]]:
        """The question's cues and the passages an answer is drawn from, the one holding the
        sentence that answers best first. A follow-up is read with the earlier turn (its
        words, and the letters it cited or their replies) and answered from those letters
        first; a question asking how someone responded to a letter is answered from that
        letter's replies first (its reply threads)."""
        cues, hits, _ = self._evidence(question, turns, k, where, mode)
        return cues, hits

    def _evidence(self, question: str, turns: list[schemas.Turn], k: int,
                  where: LetterFilter | None, mode: Mode
                  ) -> tuple[QuestionCues, list[Hit], list[ScoredSentence] | None]:
        """`evidence`, with the sentences of its best passages as ranked for the answer
        (None outside hybrid mode, which no answer is drawn from)."""
        cues = self.read_question(question)
        context = conversation.resolve(cues, turns, self.store)
        if (context.follow_up and leans_by_shortness_alone(cues)
                and self.closer_elsewhere(question, context.letter_ids, where)):
            # "Who complained about the 71% claim?" after a turn on another letter
            cues, context = self.read_question(question), conversation.Context(question)
        cues.context_letters = context.letter_ids
        cues.reading = context.retrieval_text
        # "And which letters did he send to OSR?", "How long did he take to reply?"
        if (cues.asks_letters or cues.asks_reply_time) and turns:
            cues.people += people_pointed_at(cues, self.read_question(turns[-1].question))
        hits = self.retrieve(context.retrieval_text, k, where, mode, cues, words_ahead=True)
        if mode != "hybrid":
            return cues, hits, None
        self.read_names_in_letters(cues, hits)
        if not context.follow_up:
            cues.context_letters = (self._replies_asked_about(cues, hits)
                                    or self._letters_named_alone(cues, where)
                                    or self._letters_defining(cues, where))
        first = cues.context_letters
        if first:
            scoped = self.retrieve(context.retrieval_text, SCOPED_FIRST,
                                   (where or LetterFilter()).within(first), mode, cues)
            taken = {h.passage.passage_id for h in scoped}
            # first in rank and in score (the sentence selector reads scores as a prior)
            top = max((h.score for h in hits[:1] + scoped[:1]), default=1.0)
            for place, hit in enumerate(scoped):
                hit.score = top * (1.0 - 0.01 * place)
            hits = (scoped + [h for h in hits if h.passage.passage_id not in taken])[:k]
        cues.people = with_other_names(cues.people, [hit.letter for hit in hits])
        read = self._passages_read(hits)
        ranked = self._ranked_sentences(cues, read, unread(hits, read))
        return cues, by_best_sentence(read, hits, ranked)[:k], ranked

    def _replies_asked_about(self, cues: QuestionCues, hits: list[Hit]) -> list[str]:
        """For "How did X respond to Y's letter?": the replies to the letter the question
        found (its best hit's), which hold the answer though the question's words match the
        letter answered. When the letter found is by the person whose words are asked for, or
        is itself a reply with none of its own, it is the reply asked about, unless it answers
        nothing and another letter found has their reply; of several replies, those that
        person wrote."""
        if not cues.asks_response or not hits or cues.asks_writer:
            return []  # "Did Kinnock get a reply?": letters to him, which the letter scope finds
        found = hits[0].letter
        found_by_speaker = by_speaker(cues, found)
        if found_by_speaker and not is_a_reply(found, self.store):
            # "How did the Home Office respond to the regulator's letter?" found a Home Office
            # letter that answers nothing: the exchange among the hits where they replied
            for hit in hits[1:]:
                if not by_speaker(cues, hit.letter):
                    theirs = [r for r in replies_to(hit.letter, self.store) if by_speaker(cues, r)]
                    if theirs:
                        return [r.letter_id for r in theirs]
        if found_by_speaker:
            # "Was Chote satisfied with how Jenrick had cleared up the figures?" found Chote's
            # reply to someone else: their reply to the other person named, where found
            return (self._replies_to_others_named(cues, hits, found)
                    or [found.letter_id])  # found the words of the person asked about: the reply
        # "How did the watchdog answer the shadow minister's complaint?": a reply to them
        if any(p.direction == "to" and person_matches(p, found.recipient)
               for p in cues.people) and is_a_reply(found, self.store):
            return [found.letter_id]
        replies = written_by_speakers(cues, replies_to(found, self.store))
        if not replies and originals_of(found, self.store):
            return [found.letter_id]
        return [r.letter_id for r in replies]

    def _replies_to_others_named(self, cues: QuestionCues, hits: list[Hit],
                                 found: Letter) -> list[str]:
        """The speaker's letter to someone the question says they answered, or their reply
        to a letter by them, when the letter found is not to them: the exchange the question
        is about (not one naming a body in passing: "Who did OSR write to at the Home Office
        after the campaigners' October letter?" is OSR's reply to the campaigners)."""
        others = [p for p in cues.people if p.answered and not p.excluded]
        if not others or any(person_matches(p, found.recipient) for p in others):
            return []
        for hit in hits:
            if by_speaker(cues, hit.letter) and any(person_matches(p, hit.letter.recipient)
                                                    for p in others):
                return [hit.letter.letter_id]
            if any(person_matches(p, hit.letter.sender) for p in others):
                theirs = written_by_speakers(cues, replies_to(hit.letter, self.store))
                if theirs:
                    return [r.letter_id for r in theirs]
        return []

    def _letters_defining(self, cues: QuestionCues, where: LetterFilter | None) -> list[str]:
        """For "What is the National Referral Mechanism?": the letters with a passage saying
        what the term is (`sentence_acts.defines`), among those using it most, whose
        passages are then read first. Retrieval ranks first the passages that use the term
        most, and those rarely say what it is."""
        if not cues.defined:
            return []
        found = passages_searched(self.store, cues.defined, DEFINITIONS_SEARCHED, where)
        return list(dict.fromkeys(passage.letter_id for passage in found
                                  if defines(passage.text, cues.defined)))

    def _letters_named_alone(self, cues: QuestionCues, where: LetterFilter | None) -> list[str]:
        """For a question asking nothing but who wrote or was told, and when ("What did
        Daniel Shaw get told?", "What did Kinnock write to Humpherson in December 2022?"):
        the letters its people and dates pick out (`LetterScopeRetriever.scoped_letters`),
        whose passages are then read first. The other rankings can match only the names'
        and the verb's words ("Daniel Hobbs", "told the Telegraph"), and had ranked the
        letter to Daniel Shaw seventh."""
        named = {t for p in cues.people for t in p.terms}
        if set(content_words(cues.reading)) - named - cues.date_terms() - SPEECH_ACT_TERMS:
            return []
        return [letter.letter_id for letter in self.letter_scope.scoped_letters(cues, where)]

    def ask(self, question: str, history: list[schemas.Turn] | None = None,
            conversation_id: str | None = None, where: LetterFilter | None = None,
            mode: Mode = "hybrid") -> schemas.AskResponse:
        """Answer with verified quotes, or say plainly that the letters do not answer."""
        turns = list(history or [])
        if conversation_id:
            turns = [schemas.Turn(**t) for t in self.store.conversation(conversation_id)] + turns
        cues, hits, ranked = self._evidence(question, turns, ASK_PASSAGES, where, mode)
        lead, drafted, grounding = self._draft(cues, hits, ranked)
        verified = verify_quotes([c.quote for c in drafted], self.store)
        chosen = [c for c in drafted if c.quote in verified]
        passages = [hit.to_schema(rank) for rank, hit in enumerate(hits[:5], start=1)]
        if not chosen or not grounding.grounded:
            # a list, or a reply's status, that no letter fits gives no quotes and no reasons.
            # None for a caller limited to some collections: the checks count a name's words
            # across every letter, so a reason could tell of letters they cannot see
            why = [] if self.collections is not None else (
                grounding.reasons or [UNVERIFIED if drafted else NO_LETTER_FITS])
            response = schemas.AskResponse(question=question, answer=NO_ANSWER, no_answer=True,
                                           declined_because=why, citations=[],
                                           read_as=cues.respelt, passages=passages,
                                           conversation_id=conversation_id)
        else:
            citations = [citation(n, c.letter, c.quote) for n, c in enumerate(chosen, start=1)]
            answer = " ".join(filter(None, [read_as_note(cues.respelt), lead, compose(chosen)]))
            response = schemas.AskResponse(question=question, answer=answer,
                                           no_answer=False, citations=citations,
                                           read_as=cues.respelt, passages=passages,
                                           conversation_id=conversation_id)
            # a list of letters, or a request's outcome from the ledger, is read from the
            # records, which a model's rewording could only lose
            if self.generator is not None and not lead:
                self._generate(self.generator, response, hits[:GENERATION_PASSAGES], turns)
        if conversation_id:
            self.store.add_turn(conversation_id, schemas.Turn(
                question=question, answer=response.answer,
                citations=response.citations).model_dump())
        return response

    def _generate(self, generator: Generator, response: schemas.AskResponse, hits: list[Hit],
                  turns: list[schemas.Turn]) -> None:
        """Replace a grounded extractive answer by the model's, sentence by sentence as the
        citation gate lets them through, each cited by verified quotes; keep the extractive
        one when nothing passes or the model fails."""
        generated = generator.run(response.question, hits, turns)
        response.dropped = generated.dropped
        written = cited_answer(generated, self.store)
        if written is not None:
            response.answer, response.citations = written
            response.answer_mode = "generated"

    def draft(self, question: str, turns: list[schemas.Turn]
              ) -> tuple[QuestionCues, str, list[ScoredSentence], Grounding]:
        """The question's cues and the answer `ask` would verify and word: a lead sentence
        (for a question the ledger answers), the sentences to quote, and whether they
        answer the question. For tools that study answers before their wording
        (`eval/calibrate_no_answer.py`)."""
        cues, hits, ranked = self._evidence(question, turns, ASK_PASSAGES, None, "hybrid")
        return (cues, *self._draft(cues, hits, ranked))

    def _draft(self, cues: QuestionCues, hits: list[Hit], ranked: list[ScoredSentence] | None
               ) -> tuple[str, list[ScoredSentence], Grounding]:
        """`draft` from the evidence: `ranked` is the sentences of the passages read, as
        `_evidence` ranked them (None outside hybrid mode: `hits` are then in retrieval's
        order, and read here)."""
        letters = list({h.letter.letter_id: h.letter for h in hits}.values())
        outcome = request_outcome(cues, letters, self.store)
        if outcome:  # "Was the request answered?": from the ledger, on the asker's own letter
            lead, chosen = outcome
            return lead, chosen, Grounding(True, 1.0)
        status = reply_status(cues, letters, self.store)
        if status:  # "Did X reply to Y?", "How long did X take to reply?": the reply links
            lead, chosen = status
            return lead, chosen, Grounding(bool(chosen), 1.0)
        listed = most_letters(cues, self.store) or letters_listed(cues, self.store)
        if listed:  # "Which letters did X send in 2023?": the letters that fit, each quoted
            lead, chosen = listed
            return lead, chosen, Grounding(bool(chosen), 1.0)
        if ranked is None:
            read = self._passages_read(hits)
            ranked = self._ranked_sentences(cues, read, unread(hits, read))
        speakers = [p for p in cues.people if p.speaker]
        chosen = choose_quotes(ranked, speakers)
        whole = read_whole(chosen, self._passages_around(chosen, hits), ranked)
        # not for a caller limited to some collections: whether a subject's word is in any
        # letter is counted over the whole index, and declining would show letters they
        # cannot see lack it
        grounding = check_grounding(cues, chosen, self.store, self._closeness(cues, chosen),
                                    self.words, self._closest_in if self.collections is None
                                    else None, whole, self._closest_among)
        answered = (self._with_the_letter_answered(cues, choose_quotes(  # more of the best's letter
            ranked, speakers, SAME_LETTER_SHARE)) if grounding.grounded else chosen)
        if answered != chosen:
            whole = read_whole(answered, self._passages_around(answered, hits), ranked)
        return "", whole, grounding

    def _with_the_letter_answered(self, cues: QuestionCues,
                                  chosen: list[ScoredSentence]) -> list[ScoredSentence]:
        """A question how someone replied ("How did the Home Office respond to OSR's
        letter?") is answered from both sides of the exchange: the letter answered, then the
        reply's quotes as chosen, each cited, in date order. One asking what the reply said
        about something ("In his reply to Kinnock, what did Chote say the Home Office had
        done?") is answered by the reply alone: its quotes first, the letter answered no
        part of what was asked. Chosen on the tuning set (434, session 35): first-quote hits
        66.1% -> 68.9%, words quoted 63.3 -> 61.6, citations unchanged (for every reply
        question: 69.2%, the same)."""
        if not cues.asks_reply or not chosen or not ASKS_HOW.match(cues.question):
            return chosen
        # the reply: a quote from the person the question asks about, else the best quote
        reply = next((c for c in chosen if by_speaker(cues, c.letter)), chosen[0])
        originals = originals_of(reply.letter, self.store)
        if not originals:
            return chosen
        original = originals[0]
        hits = [Hit(p, original, 1.0)
                for p in self.store.letter_passages(original.letter_id)[:PASSAGES_CONSIDERED]]
        side = self.selector.run(
            cues, hits, lambda: [queries.of(cues.reading) for queries in self.sentence_queries])
        # the reply's quotes as chosen ("Did Rycroft say ...?" may be its second sentence)
        replying = [c for c in chosen if c.letter.letter_id == reply.letter.letter_id]
        return [side[0], *replying] if side else chosen

    def stats(self) -> IndexStats:
        """How much the index holds (letters, passages, files, generation)."""
        return self.store.stats()

    def close(self) -> None:
        self.store.close()

    def health(self) -> schemas.Health:
        stats = self.store.stats()
        return schemas.Health(status="ok", letters=stats.letters, passages=stats.passages,
                              generation=stats.generation, model=self.embedder.name,
                              index=self.store.location,
                              uptime_seconds=round(time.monotonic() - self.started, 1))
