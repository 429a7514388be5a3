"""Follow-up questions: what an earlier turn of the conversation lends the next one.

"And when did she reply?" after a question about the Commissioners' letter is about the
Minister's reply: a follow-up is searched with the earlier question's words, and scoped to
the letters the earlier answer cited, or, when it asks about a reply, to the letters that
answer those (sent by their recipients to their senders, no earlier than them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.cues import name_cue, person_matches
from assistant.schemas import Turn
from indexer.dates import date_span
from indexer.models import Letter
from indexer.store import LetterFilter, Store

FOLLOW_UP = re.compile(
    r"^\s*(?:and|also|but|so|then|what about|how about)\b|\b(?:she|he|they|her|his|him|their|"
    r"them|it|its|that|this|those|these|the reply|the response)\b",
    re.IGNORECASE,
)
ASKS_REPLY = re.compile(r"\b(?:repl\w*|respon\w*|answer(?:ed|s)?|wr[oi]te\s+back|get\s+back)\b",
                        re.IGNORECASE)
# Follow-ups are short: a long question stands on its own.
MAX_FOLLOW_UP_WORDS = 14
REPLY_CANDIDATES = 500


@dataclass
class Context:
    retrieval_text: str
    letter_ids: list[str] = field(default_factory=list)


def is_follow_up(question: str, history: list[Turn]) -> bool:
    return bool(history) and len(question.split()) <= MAX_FOLLOW_UP_WORDS and bool(
        FOLLOW_UP.search(question))


def resolve(question: str, history: list[Turn], store: Store) -> Context:
    if not is_follow_up(question, history):
        return Context(question)
    previous = history[-1]
    cited = []
    for citation in previous.citations:
        letter = store.letter(citation.letter_id)
        if letter is not None and letter not in cited:
            cited.append(letter)
    letter_ids = [letter.letter_id for letter in cited]
    if ASKS_REPLY.search(question) and cited:
        replies = [r.letter_id for letter in cited for r in replies_to(letter, store)]
        letter_ids = list(dict.fromkeys(replies)) or letter_ids
    return Context(f"{question} {previous.question}", letter_ids)


def _answers(reply: Letter, letter: Letter) -> bool:
    """`reply` is from one of `letter`'s recipients to one of its senders."""
    return (any(person_matches(name_cue(p.name), reply.sender) for p in letter.recipients)
            and any(person_matches(name_cue(p.name), reply.recipient) for p in letter.senders))


def replies_to(letter: Letter, store: Store) -> list[Letter]:
    """Letters that answer `letter`: from its recipients to its senders, dated no earlier."""
    since = date_span(letter.date)[0] if letter.date else None
    return [other for other in store.letters(LetterFilter(date_from=since), limit=REPLY_CANDIDATES)
            if other.letter_id != letter.letter_id and _answers(other, letter)]


def answered_by(letter: Letter, store: Store) -> list[Letter]:
    """Letters that `letter` answers: to its sender from its recipient, dated no later."""
    until = date_span(letter.date)[1] if letter.date else None
    return [other for other in store.letters(LetterFilter(date_to=until), limit=REPLY_CANDIDATES)
            if other.letter_id != letter.letter_id and _answers(letter, other)]
