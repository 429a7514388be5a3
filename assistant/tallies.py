"""Questions asking who wrote or received the most letters ("Who wrote the most letters?",
"Who has received the most?"): no passage says so, and the question names nothing else, so
passages cannot answer it. The letters' own lines can: each writer (recipient) is counted
over every letter in the index (the first `listing.COUNTED` read, saying so, in a larger
one), the same person under several titles as one ("Dame Vera Baird QC", "Dame Vera
Baird"), and the answer names the most frequent with their count and the next, then lists
their letters, each quoted and cited as `assistant.listing` lists any.
"""

from __future__ import annotations

from assistant.answer import ScoredSentence
from assistant.cues import QuestionCues
from assistant.listing import COUNTED, LISTED, quote_of_letter
from assistant.sentence_acts import introduces_its_writer
from indexer.dates import date_order
from indexer.models import Correspondent, Letter
from indexer.names import known_name
from indexer.store import LetterFilter, Store


def most_letters(cues: QuestionCues, store: Store) -> tuple[str, list[ScoredSentence]] | None:
    """(lead, one quote per letter of the most frequent writer or recipient) for a question
    asking who wrote (received) the most letters; None for any other question."""
    side = cues.asks_most_letters
    if not side:
        return None
    letters = store.letters(LetterFilter(), limit=COUNTED)
    # each person's letters (a letter once however often its line names them), and the name
    # as their first line gives it
    theirs: dict[tuple[str, ...], list[Letter]] = {}
    shown: dict[tuple[str, ...], str] = {}
    for letter in letters:
        for key, name in {_key(person): person.name for person in _people(letter, side)}.items():
            theirs.setdefault(key, []).append(letter)
            shown.setdefault(key, name)
    if not theirs:
        return None
    ranked = sorted(((key, len(found)) for key, found in theirs.items()), key=lambda kc: -kc[1])
    top = ranked[0][1]
    leaders = [key for key, count in ranked if count == top]
    verb = "wrote" if side == "from" else "received"
    names = " and ".join(shown[key] for key in leaders)
    each = " each" if len(leaders) > 1 else ""
    # an index past COUNTED letters is counted over the first read, and says so
    among = (f"of the first {len(letters)} letters read" if len(letters) >= COUNTED
             else f"in the index: {top} of {len(letters)}{each}")
    lead = f"{names} {verb} the most letters {among}"
    following = [(key, count) for key, count in ranked if count < top][:1]
    if following:
        key, count = following[0]
        lead += f"; next, {shown[key]}, {count}"
    listed = sorted({x.letter_id: x for key in leaders for x in theirs[key]}.values(),
                    key=lambda x: (date_order(x.date, last_day=True), x.letter_id))
    quotes = [q for q in (quote_of_letter(x, store, introduces_its_writer)
                          for x in listed[:LISTED]) if q is not None]
    order = (f" (the {len(quotes)} oldest)" if len(quotes) < len(listed)
             else " (oldest first)" if len(quotes) > 1 else "")
    return f"{lead}. Their letters{order}:", quotes


def _people(letter: Letter, side: str) -> list[Correspondent]:
    return letter.senders if side == "from" else letter.recipients


def _key(person: Correspondent) -> tuple[str, ...]:
    """Who a line names, forms of address and honours left out: "Dame Vera Baird QC" is
    "Dame Vera Baird"."""
    return known_name(person.name) or (person.name,)
