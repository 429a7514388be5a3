"""How a question leans on the turns before it: whether it is a follow-up at all, and the
people its pronouns stand for. Read from the question's cues (`assistant.cues`); what an
earlier turn then lends it is `assistant.conversation`'s."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.cue_people import PersonCue
from assistant.cue_sides import TOOK_BEFORE
from assistant.cues import QuestionCues
from assistant.question_forms import FOLLOW_UP, MAX_BARE_WORDS, MAX_FOLLOW_UP_WORDS, THAT_LETTER
from assistant.reply_forms import ASKS_RESPONSE
from assistant.terms import content_words

# A person a follow-up names by a pronoun: "And which letters did he send to OSR?"
_RECEIVES = re.compile(r"\s+(?:ever\s+)?(?:receive[ds]?|received|get|got)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:(from|to)\s+)?(he|she|they|him|her|them)\b", re.IGNORECASE)


def people_pointed_at(cues: QuestionCues, earlier: QuestionCues) -> list[PersonCue]:
    """The people this question's pronouns stand for, read as the earlier question's, each
    on the side its pronoun gives: "he" writes and stands for the earlier writer; "him",
    "to her", "he" before "receive" receive and stand for the earlier recipient; "them" in
    "How long did it take them to answer?" answers, and stands for the earlier recipient;
    one person never stands for two pronouns ("How many letters did he write to him?").
    For the questions whose answer turns on whose letters they are (`asks_letters`)."""
    left = list(earlier.people)
    found = []
    for match in _PRONOUN.finditer(cues.question):
        preposition, pronoun = (match.group(1) or "").lower(), match.group(2).lower()
        receives = _RECEIVES.match(cues.question, match.end())
        took = bool(TOOK_BEFORE.search(cues.question[: match.start()])) and not preposition
        direction = preposition or ("from" if (pronoun in ("he", "she", "they") or took)
                                    and not receives else "to")
        # the earlier side it stands for: the one written to, for the one taking to answer
        side = "to" if took else direction
        person = next((p for p in left if p.direction == side), left[0] if left else None)
        if person is None:
            break
        left.remove(person)
        found.append(replace(person, text=match.group(2), direction=direction, speaker=False))
    return found


def is_follow_up(cues: QuestionCues) -> bool:
    """Does the question lean on an earlier turn? Short, and pointing back ("And ...?",
    a pronoun, "that letter") or naming nobody and no date of its own; or asking for a
    response and saying nothing of what it answers ("How did the Home Office respond?")."""
    words = len(cues.question.split())
    if words > MAX_FOLLOW_UP_WORDS:
        return bool(THAT_LETTER.search(cues.question))
    return (bool(FOLLOW_UP.search(cues.question)) or _short_naming_nothing(cues)
            or _responds_to_nothing_named(cues))


def _short_naming_nothing(cues: QuestionCues) -> bool:
    """A question this short, naming no one, no date and no reference, follows on."""
    return (len(cues.question.split()) <= MAX_BARE_WORDS
            and not (cues.people or cues.dates or cues.references))


def leans_by_shortness_alone(cues: QuestionCues) -> bool:
    """A follow-up only by being short: a question of a few words (two of them or more
    content words) naming no one, no date and no reference, pointing back at nothing and
    asking for no response. It may as well start a new subject ("What does NRM stand
    for?"), which `Searching.closer_elsewhere` tells by meaning."""
    return (_short_naming_nothing(cues) and len(content_words(cues.question)) >= 2
            and not FOLLOW_UP.search(cues.question) and not _responds_to_nothing_named(cues))


def _responds_to_nothing_named(cues: QuestionCues) -> bool:
    """"How did the Home Office respond?", "What did the Statistics Authority conclude?", "How
    did the regulator react?": a response asked for with nothing said of what it answers (no
    word beside the asking and the responder, whose name may hold a word no person has, no
    one it was sent to, no date) answers the letters the conversation was about."""
    if not cues.asks_response or cues.dates or cues.references:
        return False
    if any(p.direction == "to" for p in cues.people):
        return False
    named = {t for p in cues.people for t in content_words(p.text)}
    return not [word for term, word in content_words(ASKS_RESPONSE.sub(" ", cues.question)).items()
                if term not in named and word.islower()]
