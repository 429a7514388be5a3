"""Follow-up questions: what an earlier turn of the conversation lends the next one.

"And when did she reply?" after a question about the Commissioners' letter is about the
Minister's reply: a follow-up is searched with the earlier question's words, and scoped to
the letters the earlier answer cited, or, when it asks about a reply, to the letters that
answer those (their reply threads, see `assistant.threads`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.schemas import Turn
from assistant.threads import replies_to
from indexer.store import Store

FOLLOW_UP = re.compile(
    r"^\s*(?:and|also|but|so|then|what about|how about)\b|\b(?:she|he|they|her|his|him|their|"
    r"them|it|its|that|this|those|these|the reply|the response)\b",
    re.IGNORECASE,
)
ASKS_REPLY = re.compile(r"\b(?:repl\w*|respon\w*|answer(?:ed|s)?|wr[oi]te\s+back|get\s+back)\b",
                        re.IGNORECASE)
# Follow-ups are short: a long question stands on its own.
MAX_FOLLOW_UP_WORDS = 14


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
