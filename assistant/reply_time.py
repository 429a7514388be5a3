"""How long a reply took: "How long did Sir Robert Chote take to reply to Stephen Kinnock?",
"How quickly did OSR answer Full Fact?", "How many weeks did Kinnock wait for a response?".
A correspondence unit's first question about an exchange, and one the letters' words seldom
answer: it is read from the reply links (`assistant.threads`) and the two letters' dates.
Both letters are quoted, so the dates can be checked: the letter answered where it says what
it is about, the reply where it says which letter it answers.
"""

from __future__ import annotations

from datetime import date

from assistant.answer import ScoredSentence, acknowledges_a_letter, format_date, opens_as_a_reply
from assistant.cue_matching import and_letters_of, date_match, person_matches
from assistant.cue_people import PersonCue
from assistant.cues import QuestionCues
from assistant.listing import quote_of_letter
from assistant.threads import originals_of, replies_to
from indexer.models import Letter
from indexer.store import Store


def reply_interval(cues: QuestionCues, letters: list[Letter], store: Store
                   ) -> tuple[str, list[ScoredSentence]] | None:
    """(lead, quotes) for a question asking how long a reply took, or None when it asks
    something else, or names no one and no retrieved letter has a reply. `letters` are the
    retrieved ones, best first; the letters of the people it names are tried after them.
    A reply to a letter the index lacks, or a letter with no reply, is said to be so; no
    exchange between the people named gives no quotes: the question is declined."""
    if not cues.asks_reply_time:
        return None
    letters = and_letters_of(cues.people, letters, store)
    pairs = [(original, reply) for letter in letters
             for original, reply in ([(o, letter) for o in originals_of(letter, store)]
                                     + [(letter, r) for r in replies_to(letter, store)[:1]])]
    fitting = [pair for pair in pairs if _fits(cues, *pair)]
    if fitting:
        # a follow-up's own exchange ("How long did he take to reply?": the letters the
        # earlier answer quoted), then the pair with most people on the side the question
        # gives them, then the best retrieved
        shown = {letter_id for letter_id, _, _ in cues.quoted}
        original, reply = max(fitting, key=lambda pair: (
            bool(shown & {pair[0].letter_id, pair[1].letter_id}), _placed(cues, *pair)))
        # the reply where it says which letter it answers ("Thank you for your letter of ...")
        quotes = [quote_of_letter(original, store),
                  quote_of_letter(reply, store, acknowledges_a_letter)]
        return _lead(original, reply), [q for q in quotes if q is not None]
    if not cues.people:
        return None
    repliers = [p for p in cues.people if p.direction == "from"]
    letter = next((x for x in letters if _fits(cues, x, None)), None)
    if letter is None:
        return "", []
    quote = quote_of_letter(letter, store)
    if not repliers or not any(person_matches(p, letter.sender) for p in repliers):
        lead = f"No reply to {_writers(letter)}'s letter{_on(letter, 'of')} is in the letters."
    elif opens_as_a_reply(letter):  # "Thank you for your letter of 21 February": not held
        lead = (f"The letter {_writers(letter)} answered is not in the index, so how long the "
                "reply took cannot be told from the letters; the reply says which letter it "
                "answers:")
        quote = quote_of_letter(letter, store, acknowledges_a_letter)
    else:
        lead = (f"{_writers(letter)}'s letter{_on(letter, 'of')} to {_recipients(letter)} "
                "answers no letter in the index.")
    return lead, [quote] if quote else []


def _fits(cues: QuestionCues, original: Letter, reply: Letter | None) -> bool:
    """Every person named is a correspondent of the exchange, and every date named dates
    one of its letters. Which side each is on only ranks the fitting pairs (`_placed`):
    "How long did Kinnock wait for a reply from Chote?" names the one replied to as the
    subject, the way "How long did Chote take to reply?" names the one replying."""
    exchange = [x for x in (original, reply) if x is not None]
    lines = [line for x in exchange for line in (x.sender, x.recipient)]
    if not all(any(person_matches(p, line) for line in lines) for p in cues.people):
        return False
    return all(any(date_match(d, x.date) for x in exchange) for d in cues.dates)


def _placed(cues: QuestionCues, original: Letter, reply: Letter) -> int:
    """How many people the question names on the side it gives them: the one replying
    ("from") wrote the reply, the one replied to ("to") wrote the letter answered."""
    def placed(person: PersonCue) -> bool:
        line = reply.sender if person.direction == "from" else original.sender
        return person_matches(person, line)
    return sum(map(placed, cues.people))


def _lead(original: Letter, reply: Letter) -> str:
    """"Sir Robert Chote replied on 23 March 2023 to Stephen Kinnock's letter of 19 December
    2022: 94 days (about 3 months) later.", or which date is too vague to tell."""
    replied = f"{_writers(reply)} replied{_on(reply)}"
    to = f"to {_writers(original)}'s letter{_on(original, 'of')}"
    days = _days_between(original.date, reply.date)
    if days == 0:
        return f"{replied} {to}, the same day."
    if days is not None and days > 0:
        return f"{replied} {to}: {_how_long(days)} later."
    vague = [f"{which} is {f'dated only {format_date(x.date)}' if x.date else 'undated'}"
             for which, x in (("the letter answered", original), ("the reply", reply))
             if not _full(x.date)] or ["the reply is dated before the letter it answers"]
    return (f"{replied} {to}; {' and '.join(vague)}, so how long the reply took cannot be "
            "told from the letters.")


def _days_between(first: str | None, then: str | None) -> int | None:
    """Days from one full date to another; None unless both give their day."""
    if first is None or then is None or not (_full(first) and _full(then)):
        return None
    return (date.fromisoformat(then) - date.fromisoformat(first)).days


def _how_long(days: int) -> str:
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 60:
        return f"{days} days (about {round(days / 7)} weeks)"
    return f"{days} days (about {round(days / 30.44)} months)"


def _writers(letter: Letter) -> str:
    return " and ".join(p.name for p in letter.senders) or "its writer"


def _recipients(letter: Letter) -> str:
    return " and ".join(p.name for p in letter.recipients) or "its reader"


def _full(iso: str | None) -> bool:
    return iso is not None and len(iso) == len("2022-12-19")


def _on(letter: Letter, word: str = "on") -> str:
    return f" {word} {format_date(letter.date)}" if _full(letter.date) else ""
