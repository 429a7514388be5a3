"""The ledger's sentences of a letter: where the writer's side undertakes to act (a
commitment: "my officials will make contact with your offices", "we will publish") and where
it asks the recipient to (a request: "I would be grateful if you could", "we request that you
respond"). Found by index runs and stored with the letters, so the ledger is a lookup.
Sentences of a publisher's note above a letter are not the writer's and are left out.
"""

from __future__ import annotations

import re

from indexer.models import LedgerSentence, Letter
from indexer.sentences import sentence_spans

# The writer's side, then within three words an undertaking ("my officials will", "we will
# continue to", "we write to formally offer"): a subject further off is someone else's.
COMMITMENT = re.compile(
    r"\b(?:I|we|my\s+(?:officials|office|team|department)|our\s+(?:officials|office|team)|"
    r"the\s+(?:department|Home\s+Office|Government|Authority))\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:will(?!\s+(?:not\s+)?be\s+(?:able|possible))|shall|intend\s+to|commit(?:ted)?\s+to|"
    r"undertake\s+to|agree\s+to|plan\s+to|are\s+going\s+to)\b"
    # "we write to you to formally offer our support"
    r"|\b(?:I|we)\s+(?:[\w’'-]+\s+){0,6}?offer\b"
    # what the writer's side will make public: "details ... will be made available"
    r"|\bwill\s+be\s+(?:made\s+available|published|provided|shared|set\s+out)\b"
    # "We have discussed this ... and will continue to support them"
    r"|\b(?:I|we)\s+(?:have|had|are)\b[^.;:?]{0,80}?\band\s+will\b",
    re.IGNORECASE,
)
REQUEST = re.compile(
    r"\b(?:(?:I|we)\s+(?:would\s+be\s+grateful|(?:would\s+)?(?:also\s+)?(?:request\s+that|ask\s+"
    r"(?:that|you)|urge\s+you|invite\s+you)|would\s+welcome\s+(?:an?|your)|"
    r"suggest\s+(?:that\s+)?you)|"
    r"request\s+your\s+help|(?:could|would)\s+you\s+(?:please\s+)?\w+|please\s+\w+|"
    r"writing\s+to\s+(?:ask|request)|(?:I|we)\s+(?:would\s+)?(?:also\s+)?appreciate|"
    r"(?:I|we)\s+hope\s+you\s+will|\bask\s+(?:for\s+your|you\s+to)|"
    r"(?:I|we)\s+recommend\s+that\s+you|it\s+would\s+be\s+helpful\s+if\s+you|"
    r"(?:I|we)\s+(?:will|would|shall)\s+expect)\b",
    re.IGNORECASE,
)
DEADLINE = re.compile(
    r"\b(?:by|before|no\s+later\s+than|within)\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}\s+\w+\s+\d{4}|"
    r"\w+\s+\d{4}|\d+\s+(?:days?|weeks?|months?)|(?:next|this)\s+\w+)|\bin\s+due\s+course\b",
    re.IGNORECASE,
)


def ledger_kind(sentence: str) -> str | None:
    """'request', 'commitment' or None: what the ledger would record this sentence as."""
    if sentence.rstrip().endswith("?") and not REQUEST.search(sentence):
        return None
    if REQUEST.search(sentence):
        return "request"
    return "commitment" if COMMITMENT.search(sentence) else None


def ledger_sentences(letter: Letter) -> list[LedgerSentence]:
    found = []
    for start, end in ((s, e) for span in letter.body_spans if span[0] >= letter.opening
                       for s, e in sentence_spans(letter.text, *span)):
        sentence = letter.text[start:end]
        kind = ledger_kind(sentence)
        if kind is not None:
            deadline = DEADLINE.search(sentence)
            found.append(LedgerSentence(letter.letter_id, kind, start, end, sentence,
                                        deadline.group(0) if deadline else None))
    return found
