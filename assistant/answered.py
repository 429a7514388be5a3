"""Was a request answered? Answered from the ledger: the request quoted, then the reply's
words that take it up, or a plain statement that no reply in the letters does."""

from __future__ import annotations

from assistant.answer import ScoredSentence
from assistant.citations import Quote
from assistant.cue_matching import and_letters_of, person_matches
from assistant.cues import QuestionCues
from assistant.ledger import Entry, entries_of, mark_answers
from assistant.terms import content_terms, term_set
from indexer.models import Letter
from indexer.sentences import sentence_spans
from indexer.store import Store

ANSWERED, NOT_TAKEN_UP, NO_REPLY = (
    "Yes.", "A reply is in the letters, but it does not take up this request.",
    "No reply to this request is in the letters.")


def _sentence(store: Store, letter: Letter, start: int, end: int) -> ScoredSentence:
    passage = next(p for p in store.letter_passages(letter.letter_id)
                   if p.start <= start < p.end)
    return ScoredSentence(Quote(letter.letter_id, passage.passage_id, start, end,
                                letter.text[start:end]), letter, 1.0)


def _asker_matches(cues: QuestionCues, letter: Letter) -> bool:
    askers = [p for p in cues.people if p.direction == "from"]
    return not askers or any(person_matches(p, letter.sender) for p in askers)


def request_outcome(cues: QuestionCues, letters: list[Letter], store: Store
                    ) -> tuple[str, list[ScoredSentence]] | None:
    """(lead, quotes) for a question asking whether a request was answered, or None when the
    question is not one, or no letter it points at makes a request. `letters` are the
    retrieved ones, best first; the letters of the person asking about are tried after them."""
    if not cues.asks_answered:
        return None
    letters = and_letters_of([p for p in cues.people if p.direction == "from"], letters, store)
    wanted = set(content_terms(cues.question))
    for letter in letters:
        requests = [e for e in entries_of(letter) if e.kind == "request"]
        if not requests or not _asker_matches(cues, letter):
            continue
        mark_answers(requests, letter, store)
        request = max(requests, key=lambda e: (e.answered is True, len(wanted & term_set(e.quote))))
        asked = _sentence(store, letter, request.start, request.end)
        if not request.answered:
            return (NO_REPLY if request.answered is None else NOT_TAKEN_UP), [asked]
        answering = _answering_sentence(request, store)
        return ANSWERED, [asked] + ([answering] if answering else [])
    return None


def _answering_sentence(request: Entry, store: Store) -> ScoredSentence | None:
    """The sentence of the answering passage that shares most words with the request (None
    if the reply went from the index since the ledger was read)."""
    answering = request.answered_by or {}
    reply = store.letter(answering.get("letter_id", ""))
    if reply is None:
        return None
    words = set(content_terms(request.quote))
    start, end = max(sentence_spans(reply.text, answering["start"], answering["end"]),
                     key=lambda span: len(words & term_set(reply.text[span[0]:span[1]])))
    return _sentence(store, reply, start, end)
