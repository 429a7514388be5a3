"""How a question asks for letters rather than what they say ("Which letters did Kinnock send
in 2023?", "How many letters went unanswered?", "Sir Robert Chote's second letter"), as
patterns: `assistant.cues.read_cues` reads them into `QuestionCues` and `assistant.listing`
answers with the list. Split from `assistant.question_forms` for length.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.cues import DateCue

# The first and last days any letter may bear: an open end of a range of dates.
FIRST_DAY, LAST_DAY = "0001-01-01", "9999-12-31"

# A question asking for letters, not what they say ("Which letters did X send in 2023?", "How
# many letters did Full Fact write to OSR?", "List the letters between X and Y"): answered
# with the list (`assistant.listing`).
_LETTERS = (r"(?:(?:which|what)\s+(?:other\s+)?letters?|which\s+of\s+[\w'’ ]{1,40}?letters|"
            r"how\s+many\s+(?:\w+\s+)?letters|"
            # "Is there a letter that mentions X?", "Do any letters discuss X?"
            r"(?:is|are)\s+there\s+(?:a|an|any)\s+(?:other\s+)?letters?|"
            r"(?:do|does|did|have|has)\s+any\s+(?:of\s+the\s+|other\s+)?letters?|"
            # "How many times did Kinnock write to OSR?", "How often did OSR write?"
            r"how\s+(?:many\s+times|often))\b")
# ... said by a verb of writing, or by the side or time right after "letters": not "Which
# letters did Kinnock refer to?", which asks what a letter says; nor a verb of writing in a
# clause saying when ("How many times had OSR raised concerns before Full Fact wrote?").
_LETTERS_BY_WHOM = (r"(?=(?:(?!\b(?:before|after|when|since|until|once)\b)[^?])*"
                    r"\b(?:sen[dt]|wr[oi]te|written|receive[ds]?|received|g[eo]t|"
                    r"exchanged?|addressed)\b|\s+(?:(?:are|were|is|was|ha(?:s|ve)\s+been)\s+"
                    r"(?:there\s+)?)?(?:from|to|between|by|in|during|dated|of)\b)")
# ... or by what they mention ("Which letters mention Albania?", "How many letters discuss the
# backlog?", "Which letters talk about Albania?", "Do any letters touch on stop and search?"),
# or by having no reply (`UNANSWERED`)
MENTIONING = re.compile(r"\b(?:mention|discuss|refer\s+to|are\s+about|were\s+about|concern|cover|"
                        r"(?:talk|speak)(?:s|ed|ing)?\s+(?:about|of)|spoke\s+(?:about|of)|"
                        r"touch(?:es|ed|ing)?\s+(?:on|upon)|deal(?:s|t|ing)?\s+with|"
                        r"say\s+(?:anything\s+)?about)\w*\b", re.IGNORECASE)
_LETTERS_ON = (r"(?=\s+(?:(?:have|has|had|did|do|does|that|which)\s+)?(?:ever\s+)?"
               rf"{MENTIONING.pattern})")
# "Which letters have not been answered?", "How many letters went unanswered?", "Which letters
# are still waiting for a reply?": letters no letter in the index answers
UNANSWERED = re.compile(r"\b(?:(?:not|\w+n[’']?t)\s+(?:yet\s+)?(?:been\s+)?(?:answered|"
                        r"replied\s+to)|unanswered|"
                        r"(?:no|without\s+an?)\s+(?:repl(?:y|ies)|responses?|answers?)|"
                        r"(?:waiting|awaiting)\s+(?:for\s+)?(?:an?\s+)?(?:repl(?:y|ies)|responses?|"
                        r"answers?)|(?:never|didn'?t|did\s+not)\s+(?:get|got|receive[ds]?)\s+(?:an?\s+)?"
                        r"(?:repl(?:y|ies)|responses?|answers?))", re.IGNORECASE)
ASKS_LETTERS = re.compile(rf"\s*(?:and\s+)?{_LETTERS}(?:{_LETTERS_BY_WHOM}|{_LETTERS_ON})",
                          re.IGNORECASE)
ASKS_FOR_LETTERS = re.compile(rf"\s*(?:and\s+)?{_LETTERS}", re.IGNORECASE)
# "the latest letter from OSR", "Sir Robert Chote's first letter", "Kinnock's second letter":
# one letter, by its date
ORDINAL_LETTER = re.compile(r"\b(latest|most\s+recent|last|newest|first|earliest|oldest|second|"
                            r"third|fourth|fifth)\s+"
                            r"(letters?|wr[oi]te|written|sent|contacted)\b", re.IGNORECASE)
NEWEST_WORDS = ("latest", "most recent", "last", "newest")
# How many letters come before the one an ordinal asks for, counted from the oldest.
LETTERS_BEFORE = {"second": 1, "third": 2, "fourth": 3, "fifth": 4}

# "Who wrote the most letters?", "Who has received the most?", "Which correspondent sent the
# most letters?": the most frequent writer or recipient (`assistant.tallies`). Nothing after
# it: "Who wrote the most about asylum?" asks of some letters only, which a count of all
# would not answer.
_MOST_LETTERS = re.compile(r"^\s*(?:and\s+)?(?:who|which\s+(?:person|correspondent|body|"
                           r"organisation|one))\s+(?:has\s+|have\s+|had\s+)?"
                           r"(?:(?P<from>wrote|written|writes|sent|signed)|(?P<to>received|"
                           r"receives|got|gets|been\s+sent))\s+(?:the\s+)?most(?:\s+letters)?"
                           r"(?:\s+(?:in|of)\s+(?:the\s+)?(?:index|corpus|all))?\s*\??\s*$",
                           re.IGNORECASE)


def most_letters_side(question: str) -> str:
    """"from" for a question asking who wrote the most letters, "to" for who received the
    most, "" for any other."""
    found = _MOST_LETTERS.match(question)
    if found is None:
        return ""
    return "from" if found.group("from") else "to"


# Before a date, a word bounding the letters asked for: "Which letters did OSR write before
# 2023?" asks for those dated up to the end of 2022, not for letters of 2023. Not "from"
# ("letters from 2022" are of 2022).
_BOUND_BEFORE = re.compile(r"\b(before|prior\s+to|until|till|after|since)\s+(?:the\s+)?$",
                           re.IGNORECASE)


def bounded_by(question: str, cue: DateCue) -> DateCue:
    """The date cue as the range of dates the letters asked for may bear, when a word
    before it bounds them (`_BOUND_BEFORE`), at the precision it was named with; else the
    cue. Read only for questions asking for letters: elsewhere "since 2014" dates what a
    letter writes of ("the improvements since 2014"). A month or day of any year bounds
    nothing."""
    start = question.find(cue.text)
    bound = _BOUND_BEFORE.search(question[:start]) if start >= 0 and cue.month is None else None
    if bound is None:
        return cue
    word = bound.group(1).lower()
    if word in ("after", "since"):
        first = cue.first_day if word == "since" else _moved(cue.last_day, 1)
        return replace(cue, first_day=first, last_day=LAST_DAY, bounded=True)
    last = cue.last_day if word in ("until", "till") else _moved(cue.first_day, -1)
    return replace(cue, first_day=FIRST_DAY, last_day=last, bounded=True)


def _moved(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
