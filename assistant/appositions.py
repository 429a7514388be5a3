"""Who holds which post, as letters say it in passing: "Prime Minister Rishi Sunak’s
statement", "Priti Patel (the then Home Secretary)", "Robert Jenrick, Minister for
Immigration, told the Telegraph". A question may name the person where the answering letter
gives only the post ("What did Rishi Sunak say on 13 December?" of "the Prime Minister
said"), or the reverse; the correspondents' lines cannot tell, as neither wrote a letter.

Read at ask time from the letters found for a question, so a letter added to the index is
read with no other step. A post is held for a time: each pairing holds for letters dated
near the letter saying it (`TENURE_DAYS`), and one said of the past ("the then Home
Secretary") holds for none after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from assistant.cue_lines import MOST_OF_ROLE
from assistant.cue_matching import person_matches
from assistant.cue_people import NOT_PEOPLE, ROLE_NOUNS, PersonCue
from indexer.dates import date_span
from indexer.models import Letter
from indexer.names import known_name, name_tokens

# A pairing of a name and a post holds for letters dated this near the letter saying it.
# Posts change hands often (the corpus's ministers held theirs for one to two years), and a
# post said to be held no longer ("the then Home Secretary") holds only before. Two years:
# "What did Rishi Sunak post on X in January 2024?" of a letter quoting "the Prime
# Minister's statement on X", where only a letter of November 2022 names him so, had been
# declined at one year; no tuning or hold-out figure moved (session 43).
TENURE_DAYS = 730

_NAME = r"(?:(?:Dame|Sir|Lord|Baroness|Dr)\s+)?[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}"
_POST_WORD = r"[A-Z][a-z]+"
# A post: capitalised words ending in a role noun, or opening with one and going on with
# "of" or "for" ("Minister of State for Policing", "Director General for Regulation").
_POST = (rf"(?:{_POST_WORD}\s+){{0,3}}(?=[A-Z])(?i:{ROLE_NOUNS})\b"
         rf"(?:\s+of\s+State)?(?:\s+(?:for|of)\s+{_POST_WORD}(?:\s+{_POST_WORD})?)?")
_FORMS = [
    # "Prime Minister Rishi Sunak", "Immigration Minister Robert Jenrick"
    re.compile(rf"(?P<post>{_POST})\s+(?P<name>{_NAME})\b(?!\s+[A-Z])"),
    # "Priti Patel (the then Home Secretary)"
    re.compile(rf"\b(?P<name>{_NAME})(?:\s+MP)?\s+\((?:the\s+)?(?P<then>(?:then|former)\s+)?"
               rf"(?P<post>{_POST})\)"),
    # "Robert Jenrick, Minister for Immigration, told", "Sarah Dines, the Minister for
    # Safeguarding,"
    re.compile(rf"\b(?P<name>{_NAME})(?:\s+MP)?,\s+(?:the\s+)?(?P<then>(?:then|former)\s+)?"
               rf"(?P<post>{_POST})(?=\s*[,;.)]|\s+[a-z])"),
]


@dataclass(frozen=True)
class Apposition:
    """A name and the post a letter gives it, with the days its pairing holds for."""

    name: tuple[str, ...]  # its words, forms of address left out (`_name_words`)
    post: tuple[str, ...]  # `name_tokens`
    since: date
    until: date

    def holds_on(self, dated: str | None) -> bool:
        """The pairing holds for a letter of this date (ISO, possibly partial)."""
        day = _day(dated)
        return day is not None and self.since <= day <= self.until


@dataclass(frozen=True)
class OtherName:
    """Other words a letter of the right time may name a person by: the post for a name,
    the name for a post."""

    words: tuple[str, ...]
    pairing: Apposition

    def named_in(self, words: frozenset[str], dated: str | None) -> bool:
        """A letter of this date whose words (`name_tokens`) are `words` names them so."""
        return self.pairing.holds_on(dated) and all(word in words for word in self.words)


# No pairing holds a full stop, semicolon, question or exclamation mark, and each holds a
# capitalised role noun (`_POST`): the forms are looked for only in the stretches of a letter
# between those marks that hold one, a fifth of a letter's text. The same pairings, in the
# same order, as over the whole text (every letter of a 100k-passage synthetic index), at
# less than half the cost: the whole texts had taken 6-7 ms of an answer there.
_ROLE_NOUN = re.compile(rf"(?=[A-Z])(?i:{ROLE_NOUNS})\b")
_STRETCH_END = re.compile(r"[.;!?]")


def _stretches_with_a_post(text: str) -> list[str]:
    """The stretches of `text` between [.;!?] (each with the mark ending it) holding a
    capitalised role noun."""
    stretches, done = [], 0
    for role in _ROLE_NOUN.finditer(text):
        if role.start() < done:
            continue
        start = max(done - 1, *(text.rfind(mark, done, role.start()) for mark in ".;!?")) + 1
        end = _STRETCH_END.search(text, role.end())
        done = end.end() if end else len(text)
        stretches.append(text[start:done])
    return stretches


@lru_cache(maxsize=1024)
def _said_in(text: str) -> tuple[tuple[str, str, bool], ...]:
    """The (name, post, said of the past) pairings a letter's text holds, remembered: the
    same letters are found for many questions."""
    stretches = _stretches_with_a_post(text)
    return tuple((match.group("name"), match.group("post"), bool(match.groupdict().get("then")))
                 for form in _FORMS for stretch in stretches for match in form.finditer(stretch))


def appositions(text: str, dated: str | None) -> list[Apposition]:
    """The name-and-post pairings a letter of date `dated` (ISO, possibly partial) holds;
    none for an undated letter, whose pairings could hold at any time."""
    day = _day(dated)
    if day is None:
        return []
    found = []
    for name, post, past in _said_in(text):
        words = _name_words(name)
        if len(words) >= 2 and not set(words) & set(name_tokens(post)):
            tenure = timedelta(days=TENURE_DAYS)
            found.append(Apposition(words, name_tokens(post), day - tenure,
                                    day if past else day + tenure))
    return found


def _name_words(name: str) -> tuple[str, ...]:
    """A name's words without forms of address and without the words before it that name
    no one ("December Robert Jenrick" of "in December Robert Jenrick, the Minister ...");
    () when a word within it names no one ("The Victims’ Commissioner")."""
    words = list(known_name(name))
    while words and words[0] in NOT_PEOPLE:
        words.pop(0)
    return () if set(words) & NOT_PEOPLE else tuple(words)


def names(person: PersonCue, text: str, dated: list[str | None]) -> bool:
    """The text, of letters of these dates, names the person: as the question does
    (`person_matches`), or by another name the letters give them for one of those dates
    ("the Prime Minister said" for Rishi Sunak)."""
    if person_matches(person, text):
        return True
    if not person.other_names:
        return False
    words = frozenset(name_tokens(text))
    return any(other.named_in(words, day) for other in person.other_names for day in dated)


def with_other_names(people: list[PersonCue], letters: list[Letter]) -> list[PersonCue]:
    """The question's people, each with the other names these letters give them."""
    return [replace(person, other_names=other_names(person, letters)) for person in people]


def other_names(person: PersonCue, letters: list[Letter]) -> tuple[OtherName, ...]:
    """The other words these letters give the question's person by: the posts a name holds
    ("prime minister" for "Rishi Sunak"), or the name holding a post when one name does
    ("Priti Patel" for "the Home Secretary"; the words being most of the post, as
    `cue_lines` reads roles from correspondents' lines). None for a post several hold."""
    tokens = set(person.tokens)
    if not tokens:
        return ()
    posts, names = [], []
    for letter in {letter.letter_id: letter for letter in letters}.values():
        for pairing in appositions(letter.text, letter.date):
            if tokens <= set(pairing.name):
                posts.append(OtherName(pairing.post, pairing))
            elif tokens <= set(pairing.post) and len(tokens) >= MOST_OF_ROLE * len(set(pairing.post)):
                names.append(OtherName(pairing.name, pairing))
    if len({other.words for other in names}) > 1:
        names = []
    return tuple(posts + names)


def _day(dated: str | None) -> date | None:
    """A possibly partial ISO date ("2023-03", "2023") as its first day (`date_span`)."""
    if not dated:
        return None
    try:
        return date.fromisoformat(date_span(dated)[0])
    except ValueError:
        return None
