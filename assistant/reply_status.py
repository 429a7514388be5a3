"""Whether and when a letter was answered, asked of the people in the exchange: "Did Sir
Robert Chote reply to Stephen Kinnock?", "Has the Home Secretary replied to Dame Rachel de
Souza?", "How long did Sir Robert Chote take to reply to Stephen Kinnock?", "How quickly did
OSR answer Full Fact?". A correspondence unit's first questions about an exchange, and ones
the letters' words seldom answer: they are read from the reply links (`assistant.threads`)
and the two letters' dates. Both letters are quoted, so the answer can be checked: the
letter answered where it says what it is about, the reply where it says which letter it
answers. A letter no one answered is said to have no reply.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date

from assistant.answer import ScoredSentence
from assistant.cue_matching import and_letters_of, date_match, person_matches
from assistant.cue_people import PersonCue
from assistant.cues import QuestionCues
from assistant.listing import quote_of_letter, subject_terms
from assistant.reply_forms import LETTER_ANSWERED, WAITED
from assistant.terms import stem, term_set
from assistant.threads import (
    acknowledges_a_letter,
    opens_as_a_reply,
    originals_of_each,
    replies_to_each,
)
from assistant.wording import format_date
from indexer.models import Letter
from indexer.store import Store

# Words that say when or how long, not what a letter is about: the months' names, the
# words asking how long a reply took, and those saying which of someone's letters ("her
# earlier letter").
_NOT_SUBJECT = frozenset(stem(w) for w in (
    *calendar.month_name[1:], "long", "quickly", "soon", "fast", "promptly", "many", "days",
    "weeks", "months", "take", "took", "taken", "wait", "waited", "waiting", "earlier",
    "previous", "prior", "original"))
# "Thank you for your response to my previous letter": its reader had answered the writer
_THANKS_FOR_A_RESPONSE = re.compile(r"\bthank(?:s|\s+you)?\s+for\s+(?:\w+\s+){0,3}?your\s+"
                                    r"(?:\w+\s+){0,2}?(?:response|reply|answer)\b", re.IGNORECASE)


def reply_status(cues: QuestionCues, letters: list[Letter], store: Store
                 ) -> tuple[str, list[ScoredSentence]] | None:
    """(lead, quotes) for a question asking whether, or how long after, someone replied
    (`QuestionCues.asks_reply_time`, `asks_whether_replied`), or None when it asks something
    else, or names neither anyone nor a subject to find the letter by. `letters` are the
    retrieved ones, best first; the letters of the people it names are tried after them. A
    reply to a letter the index lacks, a letter with no reply, and one answering none are
    said to be so; no exchange between the people named gives no quotes: the question is
    declined."""
    if not (cues.asks_reply_time or cues.asks_whether_replied):
        return None
    # "Was the letter about the Illegal Migration Bill answered?": a name after "about" that
    # no letter's line holds says what the letter is about, not who wrote or received it
    # ("Did Priti Patel reply to Full Fact?" still asks after her reply)
    named = [p for p in cues.people if _ABOUT.search(cues.question.split(p.text)[0])
             and not store.letter_headers([list(p.tokens)], [], limit=1)]
    if named:
        cues = replace(cues, people=[p for p in cues.people if p not in named])
    # "Did Jenrick reply to Chote's letter about modern slavery?": the letter answered holds
    # the subject's words (not its date's: the day may be only in its front matter)
    subject = [t for t in subject_terms(cues) if t not in _NOT_SUBJECT]
    if not cues.asks_reply_time and not (
            # "Did Sir Robert Chote reply to Stephen Kinnock?", "Was the dashboard letter
            # answered?"; in a conversation, "Did he write back?" is read with the earlier
            # turn (`assistant.conversation`)
            cues.asks_whether_replied and (cues.people or subject) and not cues.quoted):
        return None
    repliers, replied_to = _sides(cues)
    if cues.people:
        letters = and_letters_of(cues.people, letters, store)
    else:  # "Was the dashboard letter answered?": the best found holding its words, answered;
        # one whose title says them first (a letter about the Bill, not one naming it)
        holding = [x for x in letters if set(subject) <= term_set(x.text)]
        letters = ([x for x in holding if set(subject) <= term_set(x.title or "")]
                   or holding)[:1]
    ids = [x.letter_id for x in letters]
    answering, answered_by = originals_of_each(ids, store), replies_to_each(ids, store)
    shown = {letter_id for letter_id, _, _ in cues.quoted}  # a follow-up's earlier answer's
    # each letter with what it answers (a letter named by its people, or quoted by the earlier
    # answer, may be the reply: "How long did that take?" after "Did anyone answer him?"; so
    # may one answering the letter quoted: "How long did the reply take?" after Kinnock's),
    # then with its first reply
    pairs = [(original, reply) for letter in letters
             for original, reply in ([(o, letter) for o in answering[letter.letter_id]
                                      if cues.people or {letter.letter_id, o.letter_id} & shown]
                                     + [(letter, r) for r in answered_by[letter.letter_id][:1]])]
    fitting = [(original, reply) for original, reply in pairs
               if _fits(cues, original, reply) and set(subject) <= term_set(original.text)
               and _on_their_sides(repliers, replied_to, original, reply)]
    if fitting:
        # a follow-up's own exchange ("How long did he take to reply?": the letters the
        # earlier answer quoted), then the best retrieved
        original, reply = max(fitting, key=lambda pair: bool(
            shown & {pair[0].letter_id, pair[1].letter_id}))
        lead = _how_long_lead(original, reply) if cues.asks_reply_time else (
            f"Yes: {_replied(original, reply)}.")
        return lead, _both(original, reply, subject, store)
    letter = next((x for x in letters
                   if _fits(cues, x, None) and set(subject) <= term_set(x.text)), None)
    if letter is None:
        return "", []
    quote = quote_of_letter(letter, store, topic=subject)
    if not any(person_matches(p, letter.sender) for p in repliers):
        others = answered_by[letter.letter_id]
        if others:  # "Did Ed Humpherson reply to Stephen Kinnock?": Sir Robert Chote did
            replied = (_how_long_lead(letter, others[0]) if cues.asks_reply_time
                       else f"{_replied(letter, others[0])}.")
            lead = (f"No reply from {_names(repliers)} to {_writers(letter)}'s letter"
                    f"{_of(letter)} is in the letters; {replied}")
            return lead, _both(letter, others[0], subject, store)
        lead = (f"No reply to {_writers(letter)}'s letter{_of(letter)} to {_recipients(letter)} "
                "is in the letters.")
        thanks = quote_of_letter(letter, store, _thanks_for_a_response)
        if thanks is not None and _thanks_for_a_response(thanks.quote.text):
            # "Had the Home Secretary answered the Children's Commissioner's earlier
            # letter?": her next letter thanks the Home Secretary for a response
            lead += (f" That letter thanks {_recipients(letter)} for a response to an earlier "
                     "one, which the index does not hold:")
            return lead, [q for q in (thanks, quote) if q is not None]
    elif opens_as_a_reply(letter):  # "Thank you for your letter of 21 February": not held
        lead = (f"The letter {_writers(letter)} answered is not in the index, so how long the "
                "reply took cannot be told from the letters; the reply says which letter it "
                "answers:") if cues.asks_reply_time else (
            f"Yes: {_writers(letter)} replied{_on(letter)} to {_recipients(letter)}, answering a "
            "letter the index does not hold; the reply says which:")
        quote = quote_of_letter(letter, store, acknowledges_a_letter)
    else:
        lead = (f"{_writers(letter)}'s letter{_of(letter)} to {_recipients(letter)} "
                "answers no letter in the index.")
    return lead, [quote] if quote else []


def _thanks_for_a_response(sentence: str) -> bool:
    return bool(_THANKS_FOR_A_RESPONSE.search(sentence))


def _both(original: Letter, reply: Letter, subject: list[str], store: Store
          ) -> list[ScoredSentence]:
    """The letter answered where it says what it is about, the reply where it says which
    letter it answers ("Thank you for your letter of 19 December.")."""
    quotes = [quote_of_letter(original, store, topic=subject),
              quote_of_letter(reply, store, acknowledges_a_letter)]
    return [q for q in quotes if q is not None]


def _fits(cues: QuestionCues, original: Letter, reply: Letter | None) -> bool:
    """Every person named is a correspondent of the exchange, and every date named dates
    one of its letters (which side each is on, `_on_their_sides`)."""
    exchange = [x for x in (original, reply) if x is not None]
    lines = [line for x in exchange for line in (x.sender, x.recipient)]
    if not all(any(person_matches(p, line) for line in lines) for p in cues.people):
        return False
    return all(any(date_match(d, x.date) for x in exchange) for d in cues.dates)


_ABOUT = re.compile(r"\b(?:about|on|regarding|concerning)\s+(?:the\s+)?$", re.IGNORECASE)


def _sides(cues: QuestionCues) -> tuple[list[PersonCue], list[PersonCue]]:
    """The people the question names as replying, and as replied to: "X replied to Y", "Y
    got a reply from X", "X took N days to answer Y"; "Was Will Moy's letter answered?" and
    "How long did Kinnock wait for a reply from Chote?" name the one replied to first."""
    if LETTER_ANSWERED.search(cues.question):
        return [], list(cues.people)
    waited = WAITED.search(cues.question)
    if waited:
        return ([p for p in cues.people if cues.question.find(p.text, waited.end()) >= 0],
                [p for p in cues.people if cues.question.find(p.text, waited.end()) < 0])
    return ([p for p in cues.people if p.direction == "from"],
            [p for p in cues.people if p.direction == "to"])


def _on_their_sides(repliers: list[PersonCue], replied_to: list[PersonCue], original: Letter,
                    reply: Letter) -> bool:
    """The one replying wrote the reply; the one replied to wrote the letter answered, or got
    the reply: "Did Robert Jenrick reply to Stephen Kinnock's letter?" is not answered by
    his reply to Sir Robert Chote's letter to Kinnock."""
    return (all(person_matches(p, reply.sender) for p in repliers)
            and all(person_matches(p, original.sender) or person_matches(p, reply.recipient)
                    for p in replied_to))


def _replied(original: Letter, reply: Letter) -> str:
    """"Sir Robert Chote replied on 23 March 2023 to Stephen Kinnock's letter of 19 December
    2022"."""
    return f"{_writers(reply)} replied{_on(reply)} to {_writers(original)}'s letter{_of(original)}"


def _how_long_lead(original: Letter, reply: Letter) -> str:
    """"...: 94 days (about 3 months) later.", or which date is too vague to tell."""
    replied = _replied(original, reply)
    days = _days_between(original.date, reply.date)
    if days == 0:
        return f"{replied}, the same day."
    if days is not None and days > 0:
        return f"{replied}: {_how_long(days)} later."
    vague = [f"{which} is {f'dated only {format_date(x.date)}' if x.date else 'undated'}"
             for which, x in (("the letter answered", original), ("the reply", reply))
             if not _full(x.date)] or ["the reply is dated before the letter it answers"]
    return (f"{replied}; {' and '.join(vague)}, so how long the reply took cannot be told "
            "from the letters.")


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


def _names(people: list[PersonCue]) -> str:
    return " and ".join(p.as_named for p in people)


def _writers(letter: Letter) -> str:
    return " and ".join(p.name for p in letter.senders) or "its writer"


def _recipients(letter: Letter) -> str:
    return " and ".join(p.name for p in letter.recipients) or "its reader"


def _full(iso: str | None) -> bool:
    return iso is not None and len(iso) == len("2022-12-19")


def _on(letter: Letter) -> str:
    """" on 23 March 2023", " in 2023", or nothing for an undated letter."""
    when = format_date(letter.date)
    return "" if when is None else f" on {when}" if _full(letter.date) else f" in {when}"


def _of(letter: Letter) -> str:
    """" of 19 December 2022", " dated 2022", or nothing for an undated letter."""
    when = format_date(letter.date)
    return "" if when is None else f" of {when}" if _full(letter.date) else f" dated {when}"
