"""The people a question names, read against the correspondents' lines (the sender and
recipient lines of the letters in the index): a role known by the one person whose line
gives it, a name described by words before it, a line naming someone in part ("Dear Ed"),
names a question joins with "and", and a role whose words a line holds only across its
parts. `assistant.cue_people` reads the people from the question's words alone; this
settles them once the index is at hand (`Searching.read_question`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.cue_people import NOT_PEOPLE, ROLE_PHRASES, ROLE_SYNONYMS, PersonCue
from indexer.names import BETWEEN_PEOPLE, initials, known_name, name_tokens, names_match

if TYPE_CHECKING:
    from assistant.cues import QuestionCues


def settle_people(cues: QuestionCues, lines_holding: Callable[[tuple[str, ...]], list[str]],
                  body_described: Callable[[tuple[str, ...]], str | None] | None = None
                  ) -> None:
    """Read the people of the question as the correspondents allow (`lines_holding` gives
    the sender and recipient lines that hold all these words): a widened role ("the shadow
    immigration minister") stays whole when a line holds it, and a capitalised one falls
    back to the role ("Minister") when none does; a lone word opening the question
    ("Summarise", "Anything", "Under") is no one unless a correspondent is named by it
    ("Kinnock asked what?"); a body described in lower case is the one the letters spell
    out in its words (`body_described`: "the statistics regulator" for the lines' "OSR");
    any other role described in lower case that no line gives is left out;
    a role or body is known by the names of those whose lines give it to them."""
    settled = []
    named = [part for cue in cues.people for part in _apart(cue, lines_holding)]
    for person in named:
        lines = lines_holding(person.tokens)
        if not lines:
            person, lines = _office_in_other_words(person, lines_holding)
        if not lines and person.broad:
            # "the UKSA chair": lines holding the role whose initials spell the rest (the
            # SQL behind lines_holding finds words, not initials)
            lines = [line for line in lines_holding(person.broad)
                     if names_match(person.tokens, line)]
        if not lines and person.text[:1].isupper():
            person, lines = _described_name(person, lines_holding)
        if person.opening_word and not any(names_match(person.tokens, names_only(line))
                                           for line in lines):
            continue  # "Under which clauses ...?": a word of a role ("Under Secretary")
        if person.broad and not lines and person.text[:1].isupper():
            # the role alone ("Minister") picks out no one in particular: no bearers. Not a
            # role described in lower case: "the police minister", where no line gives a
            # minister for police, is someone no correspondent is (Diana Johnson, quoted in a
            # letter to Matt Vickers), and made "minister" it ranked every minister's letters
            # first (tuning recall@5 93.3% -> 93.6%); nor "the statistics regulator" where
            # lines say "OSR", made a "regulator" whose letters none are (it was declined).
            # Both are left out, below.
            settled.append(replace(person, tokens=person.broad, broad=()))
            continue
        if (not lines and not person.text[:1].isupper() and person.direction == "from"
                and body_described is not None):
            person, lines = _body_in_other_words(person, lines_holding, body_described)
        if not lines and not person.text[:1].isupper() and person.broad:
            person, lines = _role_of_one(person, lines_holding)
        if not lines and not person.text[:1].isupper():
            # a role described in lower case that no correspondent's line gives ("the
            # regulator" where lines say "OSR"): whose letters it means is not known, so it
            # neither ranks nor rules out any. Tuning answerable declined 4.0% -> 3.4%.
            cues.unplaced.append(person.text)
            continue
        bearers = _bearers(person, lines) + _named_in_part(person, lines, lines_holding)
        settled.append(replace(person, bearers=bearers, posts=_posts_held(person, lines)))
    cues.people = settled


def _described_body(person: PersonCue, lines_holding: Callable[[tuple[str, ...]], list[str]],
                    body_described: Callable[[tuple[str, ...]], str | None]
                    ) -> tuple[PersonCue, list[str]]:
    """A body described in lower case in words no line holds ("the statistics regulator",
    "the regulator" where lines say "OSR"): the one the letters spell out in words holding
    them (`assistant.bodies`), or its role's ("regulator"), when some line names it by its
    initials; the lines naming it. Only on the writer's side: one written to may be named
    loosely for another body ("What did Matt Vickers complain about to the statistics
    regulator?": he wrote to the UK Statistics Authority's chair), and letters to the body
    the words fit then crowded out the letter meant (it was declined)."""
    for words in (person.tokens, person.broad):
        body = body_described(words) if words else None
        lines = lines_holding((body,)) if body else []
        if body and lines:
            return replace(person, tokens=(body,), broad=(), described=person.tokens), lines
    return person, []


def _office_in_other_words(person: PersonCue,
                           lines_holding: Callable[[tuple[str, ...]], list[str]]
                           ) -> tuple[PersonCue, list[str]]:
    """A role in words no line holds, with its office in the words lines use for it
    (`ROLE_SYNONYMS`: "the victims' champion" as "victims' commissioner"), when a line holds
    those and something besides the office says which ("the watchdog" alone says no one)."""
    for other in _offices_said_otherwise(person) if len(person.tokens) > 1 else []:
        if lines := lines_holding(other.tokens):
            return replace(other, described=person.tokens), lines
    return person, []


def _body_in_other_words(person: PersonCue, lines_holding: Callable[[tuple[str, ...]], list[str]],
                         body_described: Callable[[tuple[str, ...]], str | None]
                         ) -> tuple[PersonCue, list[str]]:
    """The body the letters spell out in the words of a lower-case description, or in those
    with its office said otherwise ("the statistics watchdog" as the statistics regulator,
    OSR; `_described_body`), described still in the question's own words."""
    for other in [person, *_offices_said_otherwise(person)]:
        found, lines = _described_body(other, lines_holding, body_described)
        if lines:
            return replace(found, described=person.tokens), lines
    return person, []


def _offices_said_otherwise(person: PersonCue) -> list[PersonCue]:
    """The person with the office word of their description in each of the words lines use
    for it instead (`ROLE_SYNONYMS`)."""
    office = next((word for word in person.tokens if word in ROLE_SYNONYMS), "")
    return [replace(person, tokens=tuple(other if w == office else w for w in person.tokens),
                    broad=tuple(other if w == office else w for w in person.broad))
            for other in ROLE_SYNONYMS.get(office, [])]


def _role_of_one(person: PersonCue, lines_holding: Callable[[tuple[str, ...]], list[str]]
                 ) -> tuple[PersonCue, list[str]]:
    """A role described in lower case in words no line holds all of ("the department's
    permanent secretary", "the regulator's director general"): the role alone, when it is
    more than one word and the lines give it to one person only; not "the police minister",
    a minister of whom no line speaks, nor "the two commissioners": a one-word role is a
    kind of office, not one. Else the role with those words of its description some line
    holds, when the lines holding them all give it to one person only ("the statistics
    watchdog's chair": "Chair, UK Statistics Authority", where two lines give a Chair and
    none says watchdog; tuning 877, session 52: l89 cited, nothing else moved)."""
    alone = replace(person, tokens=person.broad, broad=())
    lines = lines_holding(alone.tokens) if len(alone.tokens) > 1 else []
    if lines and len(_bearers(alone, lines)) == 1:
        return alone, lines
    held = tuple(t for t in person.tokens if t in person.broad or lines_holding((t,)))
    if len(person.broad) < len(held) < len(person.tokens):
        narrowed = replace(person, tokens=held, broad=())
        lines = lines_holding(held)
        if lines and len(_bearers(narrowed, lines)) == 1:
            return narrowed, lines
    return person, []


def _apart(person: PersonCue, lines_holding: Callable[[tuple[str, ...]], list[str]]
           ) -> list[PersonCue]:
    """People a question joins with "and" ("What did Kinnock and Chote both say?") are each
    themselves, unless a line names them together ("Maya Esslemont and Anna Powell-Smith",
    "Sussex Police and Crime Commissioner")."""
    parts = person.text.split(" and ")
    if len(parts) < 2 or lines_holding(person.tokens):
        return [person]
    found = []
    for part in parts:
        tokens = tuple(t for t in name_tokens(part) if t not in NOT_PEOPLE)
        if tokens:
            found.append(replace(person, text=part, tokens=tokens, broad=()))
    return found or [person]


def _named_in_part(person: PersonCue, lines: list[str],
                   lines_holding: Callable[[tuple[str, ...]], list[str]]
                   ) -> tuple[tuple[str, ...], ...]:
    """The lines naming this person in part ("Ed", "Sir Robert", "Mr Rycroft": a letter
    without front matter knows its recipient from "Dear Ed" alone), as their words, where
    the correspondents known hold no one else they could mean: no other "Ed", no other
    "Sir Robert" (though there is another Robert). For a full name only."""
    words = known_name(person.text)
    full = frozenset(words)
    if len(full) < 2 or not any(names_match(person.tokens, names_only(line)) for line in lines):
        return ()
    partial: dict[tuple[str, ...], None] = {}
    for word in words:
        for line in lines_holding((word,)):
            for part in BETWEEN_PEOPLE.split(names_only(line)):
                if set(known_name(part)) < full and _only_one_meant(part, full, lines_holding):
                    partial[name_tokens(part)] = None
    return tuple(partial)


def _only_one_meant(part: str, full: frozenset[str],
                    lines_holding: Callable[[tuple[str, ...]], list[str]]) -> bool:
    """Every fuller name the correspondents' lines give that `part` could be is `full`: read
    with its form of address ("Sir Robert": not Robert Jenrick), else without it ("Mr
    Rycroft", where lines say "Matthew Rycroft")."""
    given = set(known_name(part))
    for words in (name_tokens(part), known_name(part)):
        meant = {frozenset(known_name(other)) for line in lines_holding(words)
                 for other in BETWEEN_PEOPLE.split(names_only(line))
                 if names_match(words, other) and given < set(known_name(other))}
        if meant:
            return meant == {full}
    return False


def _described_name(person: PersonCue, lines_holding: Callable[[tuple[str, ...]], list[str]]
                    ) -> tuple[PersonCue, list[str]]:
    """A name no line holds whole may be a name described by the words before it ("the
    Conservative MP Matt Vickers", "Labour MP Stephen Kinnock"): the longest end of it that
    names a correspondent (in a line's name part, not its role), and the lines holding it:
    two words at least, none of them a role's ("Commissioner" of "Information Commissioner"
    is in lines that give no role apart, as letters without front matter write them)."""
    for cut in range(1, len(person.tokens) - 1):
        name = person.tokens[cut:]
        if any(ROLE_PHRASES.fullmatch(token) for token in name):
            continue
        lines = lines_holding(name)
        if any(names_match(name, names_only(line)) for line in lines):
            return replace(person, tokens=name), lines
    return person, []


# One person of a sender or recipient line, as `indexer.models.join_correspondents` writes
# it: a name, then its role in brackets.
_LINE_JOINS = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s*&\s*)+")
# A role more than one person bears picks out none of them. Tuning recall@5 88.7% -> 89.3%
# at 1 or 2 (at 3, "the minister" lifted a Shadow Minister's role-less letter over the
# evidence); 1, as at 2 "the immigration minister" took in Stephen Kinnock, whose line
# as Shadow Minister for Immigration holds the words (tuning MRR .625 -> .627).
MAX_BEARERS = 1
# ... and only when the question's words are at least this share of the bearer's role (see
# _bearers; without front matter "Secretary of State" took in an Under Secretary of State)
MOST_OF_ROLE = 0.5
_ROLE_PART = re.compile(r"\([^()]*\)")


def names_only(line: str) -> str:
    """A sender or recipient line without its roles (the bracketed parts, innermost first)."""
    while (shorter := _ROLE_PART.sub("", line)) != line:
        line = shorter
    return line


def split_across_roles(person: PersonCue, line: str) -> bool:
    """The line holds a role's words only across its parts, taking some words of each:
    "Home Secretary" in "Matthew Rycroft (Permanent Secretary, Home Office)", who is the
    Home Office's Permanent Secretary, not the Home Secretary ("the Home Office permanent
    secretary" takes both parts whole; "the Statistics Authority chair" one whole, one in
    part). Said with "of" or a possessive ("the chair of the statistics authority") the
    words may come from anywhere. Never a name's words: "Shadow Minister Stephen Kinnock"
    is in a line's name and role."""
    tokens = set(person.tokens)
    if len(tokens) < 2 or _OF_OR_POSSESSIVE.search(person.text) or not names_match(
            person.tokens, line) or tokens & set(name_tokens(names_only(line))):
        return False
    parts = [set(name_tokens(part)) for part in _ROLE_PARTS.split(_portfolio_joined(line))]
    if any(tokens <= part for part in parts):
        return False
    return sum(1 for part in parts if part & tokens and not part <= tokens) > 1


_OF_OR_POSSESSIVE = re.compile(r"\b(?:of|at)\b|['’]s?\b", re.IGNORECASE)
# What parts a line's roles: "Name (Role, Body)". Not "and", which may join words of one
# role ("Sussex Police and Crime Commissioner").
_ROLE_PARTS = re.compile(r"[(),;]")
# A comma within a list of what an office is for is no part's end: "Minister for
# Vulnerability, Safeguarding and Countering Extremism" is one role, "the safeguarding
# minister"'s.
_PORTFOLIO_LIST = re.compile(r"(\bfor\s[^(),;]{1,60}),(?=[^();]*\band\b)", re.IGNORECASE)


def _portfolio_joined(line: str) -> str:
    """The line with the commas of its lists of what an office is for taken out."""
    joined = _PORTFOLIO_LIST.sub(r"\1", line)
    return joined if joined == line else _portfolio_joined(joined)


def _role_words_said(tokens: tuple[str, ...], role: str) -> set[str]:
    """The words of a line's role that a question's words say, an initialism ("uksa") saying
    the capitalised words it spells ("UK Statistics Authority"): "the UKSA chair" says all of
    "Chair, UK Statistics Authority", as "the chair of the UK Statistics Authority" does."""
    said = set(tokens) & set(name_tokens(role))
    words = initials(role)
    for token in (t for t in tokens if len(t) >= 3):
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                if "".join(spelt for _, spelt in words[start:end]) == token:
                    said.update(name_tokens(" ".join(word for word, _ in words[start:end])))
    return said


def _bearers(person: PersonCue, lines: list[str]) -> tuple[tuple[str, ...], ...]:
    """The names (forms of address left out) of the people these lines give the role or
    body the words say, when their role, not their name, holds the words, and the words are
    most of the role: "Secretary of State" (or "Under", opening a question) is not Rachel
    Maclean's "Parliamentary Under Secretary of State, Minister for Safeguarding"."""
    tokens = person.tokens
    names: dict[tuple[str, ...], None] = {}
    for line in lines:
        for name, role in _names_and_roles(line):
            bearer = known_name(name)
            whole = f"{name} ({role})"
            said = _role_words_said(tokens, role)
            if (bearer and names_match(tokens, whole) and not names_match(tokens, name)
                    and len(said) >= MOST_OF_ROLE * len(set(name_tokens(role)))
                    and not split_across_roles(person, whole)):
                names[bearer] = None
    return tuple(names) if len(names) <= MAX_BEARERS else ()


def _posts_held(person: PersonCue, lines: list[str]) -> tuple[tuple[str, ...], ...]:
    """The roles these lines give the person the cue names by name, as words."""
    return tuple(dict.fromkeys(tuple(name_tokens(role)) for line in lines
                               for name, role in _names_and_roles(line)
                               if names_match(person.tokens, name)))


def _names_and_roles(line: str) -> list[tuple[str, str]]:
    """Each person of a sender or recipient line with their role: the name before a bracket
    and all the bracket holds, brackets within it too ("Victoria Atkins MP (Minister (Rape
    Review))" is Victoria Atkins, whose role is "Minister (Rape Review)": not a "Minister"
    whose role is "Rape Review"). A name without a role is left out."""
    found: list[tuple[str, str]] = []
    name, role, depth = "", "", 0
    for char in line:
        if char == "(":
            depth += 1
            if depth == 1:
                continue
        elif char == ")" and depth:
            depth -= 1
            if not depth:
                found.append((_LINE_JOINS.sub("", name).strip(), role.strip()))
                name, role = "", ""
                continue
        if depth:
            role += char
        else:
            name += char
    return found
