"""Who a question names, and on which side of a letter each stands: part of reading a
question (`assistant.cues`, which calls `read_people`), in a file of its own for length.

A name or role is "from" (the writer's side) or "to" (the recipient's), a speaker when the
question asks for their words ("What did X say", "X's letter"), and a writer outright when
it asks what they wrote back ("How did X reply?"), as the words around it say
(`assistant.cue_sides`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.cue_sides import (
    ACTED_ON,
    ADDRESSEE_AFTER,
    ADDRESSEE_BEFORE,
    ANSWERED_BEFORE,
    EXCLUDED_BEFORE,
    MONTHS,
    OWN_LETTER_AFTER,
    PASSIVE_BEFORE,
    PRONOUN_SUBJECT,
    RECEIVES_AFTER,
    SPEAKER_AFTER,
    SPEAKER_BEFORE,
    SPEAKER_ELSEWHERE,
    SPEAKER_POSSESSIVE,
    SUBJECT_BEFORE,
    THING_OF_THEIRS_AFTER,
    TO_CUE,
    TOLD_AFTER,
    TOOK_BEFORE,
    TOOK_TO_ANSWER,
    TOPIC_BEFORE,
    VERB_AFTER,
    WHEN_BEFORE,
    WRITTEN_FROM,
    WROTE_AFTER,
    WROTE_FIRST_AFTER,
)
from assistant.terms import QUESTION_STOPWORDS, data_table, stem
from indexer.names import FORMS_OF_ADDRESS, name_tokens

if TYPE_CHECKING:
    from assistant.appositions import OtherName

# Words of questions kept as data: the field's capitalised non-names, and role words.
_WORDS = data_table("question_words")
_FIELD_WORDS = set(_WORDS["not_people"])
OFFICE_QUALIFIERS = frozenset(_WORDS["office_qualifiers"])
# Everyday words for an office and the words lines give it in ("champion": "commissioner").
ROLE_SYNONYMS: dict[str, list[str]] = _WORDS["role_synonyms"]
# "Britain": ["UK", "British"]: the other words a name may be written with
NAME_VARIANTS = {word.lower(): [other for other in group if other != word]
                 for group in _WORDS["name_variants"] for word in group}
# The nouns of roles ("minister", "commissioners?"), as a regular expression's alternatives.
ROLE_NOUNS = "|".join(_WORDS["role_nouns"])
# Roles people ask about in lower case; capitalised names are found by shape. With what they
# are "for" or "of" when it is named ("Minister for Safeguarding"), or, in lower case, "of" a
# field ("the chief inspector of constabulary", "the secretary of state"): not "for" in lower
# case, which is more often what was asked for ("ask the minister for funding"), nor "of"
# an act ("accuse the Prime Minister of misleading").
ROLE_PHRASES = re.compile(
    rf"(?i:\b(?:(?:{'|'.join(_WORDS['role_modifiers'])})\s+)*"
    rf"(?:{ROLE_NOUNS})\b)"
    r"(?:\s+(?:for|of)\s+[A-Z][\w']+(?:\s+(?:and\s+)?[A-Z][\w']+)*"
    r"|\s+of\s+(?!(?:that|this|these|those|them|their|which|whom|whose|each|every|some|"
    r"course|note)\b)(?![a-z]+ing\b)[a-z][a-z-]{3,}\b)?"
)
ROLE_WORD = re.compile(rf"(?i:{ROLE_NOUNS})")
_POSSESSIVE_END = re.compile(r"['’]s?$")
# An interrogative just before a role: the role is what the question asks for ("Which
# parliamentary committee report did ...?", "Which ministers' claims did Chote list?"), not
# someone it names.
ASKED_FOR = re.compile(r"\b(?:which|what)\s+$", re.IGNORECASE)
# ... and opening the question, it asks who: "Which minister was it?"
ASKS_WHICH_ROLE = re.compile(rf"\s*(?:(?:and|so)\s+)?(?:which|what)\s+(?:{ROLE_NOUNS})\b",
                             re.IGNORECASE)
# Lower-case words inside a name: "Office for Statistics Regulation", "Rachel de Souza".
_JOINERS = ("of", "for", "and", "de", "du", "da", "di", "del", "van", "von", "der", "den")
_CAPITALISED = re.compile(rf"\b(?:[A-Z][\w'’-]*|{'|'.join(_JOINERS)})"
                          rf"(?:\s+(?:[A-Z][\w'’-]*|{'|'.join(_JOINERS)}))*")
NOT_PEOPLE = {
    "what", "when", "who", "whom", "which", "why", "how", "did", "does", "do", "in", "on", "and",
    "the", "by", "according", "is", "was", "were", "has", "have", "a", "an", "i", "of", "for",
    "recommendation", "clause", "part", "section", "mp", "mps", "letter", "reply",
    # the auxiliaries a question opens with ("Would OSR step in ...?", "Had the Home
    # Secretary written ...?"); "will" and "may" are names too, read below
    "had", "are", "am", "would", "could", "should", "can", "shall", "might", "must",
} | MONTHS | _FIELD_WORDS | set(FORMS_OF_ADDRESS)
# Words opening a clause, capitalised only there ("After Robert Jenrick's April letter, ...",
# "Since OSR's letter, ..."), but a name's own elsewhere ("the charity After Exploitation").
_CLAUSE_OPENERS = {
    "after", "before", "since", "following", "during", "between", "about", "regarding",
    "once", "until", "while", "although", "though", "if", "as", "at", "from", "to", "with",
    "under", "besides", "apart",
}


def _asks_will(words: list[str]) -> bool:
    """Whether "Will" opening a question asks what will happen ("Will OSR step in?", "Will
    the regulator ...?") rather than naming someone ("Will Moy"): alone, or before an
    initialism, it is the auxiliary."""
    return words[0] == "Will" and (len(words) == 1 or words[1].isupper())


@dataclass(frozen=True)
class PersonCue:
    text: str
    tokens: tuple[str, ...]
    direction: str  # "from": the writer; "to": the recipient
    speaker: bool = False  # the question asks what this person said: they must be the writer
    # "X wrote", "X replied": only a letter X sent answers, never one that reports X
    wrote: bool = False
    # A role read with the words before it ("the shadow immigration minister"): the role
    # alone ("minister"), for when no correspondent holds every word (see settle_people).
    broad: tuple[str, ...] = ()
    # A lone capitalised word opening the question ("Summarise ...", "Anything ...?"):
    # capitalised by the sentence, a name only if a correspondent bears it.
    opening_word: bool = False
    # Named with a form of address ("Mr Jenrick"), which is left out of `tokens` as letters'
    # lines rarely carry it: the name must then stand whole in a line ("Dr Smith" is not the
    # Smith of "Anna Powell-Smith").
    addressed: bool = False
    # A speaker read from grammar alone, as the subject of the question's verb ("Why did X
    # meet them?"): letters by X rank and are searched first, but a letter reporting X's words
    # may answer, so it never rules a letter out (`constraints.constraint_conflicts`).
    subject_only: bool = False
    # The names of the correspondents whose line gives them this role or body ("Stephen
    # Kinnock MP (Shadow Minister for Immigration)" for "the shadow immigration minister"):
    # a letter whose line names one of them without it ("Stephen Kinnock MP") is theirs too.
    # For a full name, the lines naming its person in part ("Ed" from "Dear Ed") where no
    # one else known could be meant (`_named_in_part`).
    bearers: tuple[tuple[str, ...], ...] = ()
    # The posts the correspondents' lines give this named person ("Victims' Commissioner for
    # England and Wales" for Dame Vera Baird), as words: a line naming no one, only a post
    # all of whose words are one of them ("Victims’ Commissioner", from a published copy's
    # lead), is theirs (`cue_matching.person_matches`).
    posts: tuple[tuple[str, ...], ...] = ()
    # The post the letters found give this name, or the name they give this post, said in
    # passing ("Prime Minister Rishi Sunak"): a letter of the time naming either names them
    # (`assistant.appositions`; set once the letters are found).
    other_names: tuple[OtherName, ...] = ()
    # Left out of the answer ("besides Full Fact"): not whose letters are asked about
    excluded: bool = False
    # The verb making them the one addressed ("ask" of "What did OSR ask the Home Office to
    # ensure?"): a letter to someone else saying it was done to them ("We have asked the Home
    # Office to ensure ...") answers as one to them would (`cue_matching.reports_act_to`).
    act: str = ""
    # The words a body was described in where the letters spell it out ("statistics
    # regulator" for OSR, `cue_lines.settle_people`): they say who, not what it is asked about.
    described: tuple[str, ...] = ()
    # Whose letter or deed the answer responds to ("after X's letter", "satisfied with how X
    # ..."): the exchange asked about is with them.
    answered: bool = False
    # The letters name them somewhere, on a correspondent's line or in a text (read when a
    # letter found does not say who wrote it, `Searching.read_names_in_letters`): such a
    # letter may be theirs only then (`constraints._may_be_from`).
    named_in_letters: bool = True

    @property
    def terms(self) -> frozenset[str]:
        """Its words as a question's words are compared: as named and as stems ("Claire" is
        "clair" among a question's topic words)."""
        return frozenset(self.tokens) | {stem(t) for t in self.tokens + self.described}

    @property
    def as_named(self) -> str:
        """The words the question names them by, without a possessive ("Will Moy's")."""
        return self.text.removesuffix("'s").removesuffix("’s")

    def line_words(self) -> list[list[str]]:
        """Each set of words a sender or recipient line may name this person by."""
        return [list(self.tokens), *(list(bearer) for bearer in self.bearers)]


# Words of a post's title beside the role nouns ("the Home Office's Chief Scientific Adviser").
_TITLE_WORDS = frozenset({"chief", "head", "deputy", "senior", "principal", "adviser", "advisor",
                          "officer", "executive", "president", "clerk"})


def _to_possessive(words: list[str]) -> list[str]:
    """A run of capitalised words cut after its last possessive when what follows names no
    role and no body of the field, or opens on a month: whose thing it is, not who."""
    cut = next((i for i in range(len(words) - 2, -1, -1) if words[i].endswith(("'s", "’s"))),
               None)
    if cut is None:
        return words
    after = [w for w in words[cut + 1:] if w not in _JOINERS]
    if after[0].lower() in MONTHS or not any(
            w.lower() in _FIELD_WORDS or w.lower() in _TITLE_WORDS
            or ROLE_WORD.fullmatch(_POSSESSIVE_END.sub("", w)) for w in after):
        return words[:cut + 1]
    return words


def read_people(question: str, claimed: list[tuple[int, int]]) -> list[PersonCue]:
    """Names ('Dame Sara', 'OSR', 'Frank Field') and roles ('the Minister', 'the
    Commissioners', "London's victims' commissioner") the question mentions, each with the
    side of the letter it points to. `claimed`: spans read as something else (a reference,
    a date), which name no one."""
    spans: list[tuple[int, int]] = []
    roles: dict[int, tuple[str, ...]] = {}  # where a role was widened: its own words
    # where a name's phrase opens, when it opens on words of the field that name no one
    # ("the Statistics Authority found"): what stands before it is read from there, and the
    # name is the phrase from there
    opens: dict[int, int] = {}
    for match in ROLE_PHRASES.finditer(question):
        # a role in lower case is a description, read with the words before it; a
        # capitalised one ("the Victims' Commissioner") is a title, found by its shape below
        described = not match.group()[:1].isupper()
        start = _role_start(question, match.start()) if described else match.start()
        if ASKED_FOR.search(question[:start]):  # "Which committee ...?": what is asked, not who
            continue
        spans.append((start, match.end()))
        if start < match.start():
            roles[start] = tuple(t for t in name_tokens(match.group()) if t not in NOT_PEOPLE)
    for match in _CAPITALISED.finditer(question):
        words = match.group().split()
        opening = match.start()
        opens_question = not question[:match.start()].strip(" \t(\"“'‘")
        on_field = False  # the phrase opens on words of the field, and those joining them
        while words and (words[0].lower() in NOT_PEOPLE or words[0] in _JOINERS
                         or (opens_question and (words[0].lower() in _CLAUSE_OPENERS
                                                 or _asks_will(words)))):
            dropped = words.pop(0)
            # "What", not "Statistics", nor "for" in "Office for Statistics Regulation"
            on_field = dropped.lower() in _FIELD_WORDS or on_field and dropped in _JOINERS
            if words and not on_field:
                opening = match.start() + match.group().index(words[0])
        while words and words[-1] in _JOINERS:
            words.pop()
        # "Jenrick's April letter": the month says when, the name ends at the possessive; so
        # too "Priti Patel's Albanian figure" and "Full Fact's Freedom of Information
        # request", where no word after it is a role or the field's ("the Children's
        # Commissioner", "the Home Office's Chief ...")
        words = _to_possessive(words)
        if not words or all(w.lower() in NOT_PEOPLE for w in words):
            continue
        start = match.start() + match.group().index(words[0])
        spans.append((start, start + len(" ".join(words))))
        opens[start] = opening
    people: list[PersonCue] = []
    speaking: list[int] = []  # where each speaker named so far ends
    if pronoun := PRONOUN_SUBJECT.match(question):  # "Did he accept Shaw's view?"
        speaking.append(pronoun.end())
    for start, end in _outermost(spans):
        if any(s < end and start < e for s, e in claimed):  # "Recommendation One", "9 December"
            continue
        # the phrase whole, with the words of the field it opens on ("the Statistics
        # Authority"): the name, not what the question asks about
        text = question[opens.get(start, start):end]
        tokens = tuple(t for t in name_tokens(text) if t not in NOT_PEOPLE)
        if not tokens:
            continue
        # "tell Ms Patel", "tell the new Lord Chancellor": "tell (the)"
        before = _QUALIFIER_BEFORE.sub("", _ADDRESS_BEFORE.sub("", question[:opens.get(start, start)]))
        before = _MEMBER_OF_BEFORE.sub("", before)  # "What did the head of Full Fact say"
        after = question[end:]
        # "Did Full Fact get a reply?": the subject of a verb of receiving is the recipient
        receives = bool(SUBJECT_BEFORE.search(before) and RECEIVES_AFTER.match(after)
                        or PASSIVE_BEFORE.search(before) and TOLD_AFTER.match(after))
        addressing = TO_CUE.search(before) or (
            ADDRESSEE_BEFORE.search(before) if ADDRESSEE_AFTER.match(after) else None)
        direction = "to" if addressing or receives else "from"
        act = _ACT.match(addressing.group()) if addressing else None
        possessive = text.endswith(("'s", "’s", "'", "’")) or after.startswith(("'", "’"))
        if possessive and (members := _MEMBERS_AFTER.match(after)):  # they speak for the body
            after, possessive = after[members.end():], False
        took = bool(TOOK_BEFORE.search(before) and TOOK_TO_ANSWER.match(after))
        # "Did OSR accept the Home Office's view?": what the speaker named before acted on
        acted_on = possessive and any(ACTED_ON.match(question[e:start]) for e in speaking)
        # "X's letter", and "the X letter" too; not "after X's letter", the one answered
        answered = bool(ANSWERED_BEFORE.search(before)
                        or WHEN_BEFORE.search(before) and WROTE_FIRST_AFTER.match(after))
        said_about = bool(TOPIC_BEFORE.search(before))  # "... say back about PQs ...?"
        speaker = direction == "from" and not (answered or acted_on or said_about) and (took or bool(
            SPEAKER_POSSESSIVE.match(after) if possessive
            else SPEAKER_AFTER.match(after) or SPEAKER_BEFORE.search(before)
            or SPEAKER_POSSESSIVE.match(after)))
        subject_only = (direction == "from" and not speaker and not possessive
                        and bool(SUBJECT_BEFORE.search(before)) and bool(VERB_AFTER.match(after))
                        and not THING_OF_THEIRS_AFTER.match(after)
                        and not SPEAKER_ELSEWHERE.search(question))
        wrote = speaker and bool(took or WROTE_AFTER.match(after) or WRITTEN_FROM.search(before))
        if subject_only and OWN_LETTER_AFTER.search(after):  # "... did X single out in his reply?"
            speaker, subject_only, wrote = True, False, True
        if speaker or subject_only:
            speaking.append(end)
        broad = roles.get(start, ())
        opening = " " not in text and not text.isupper() and not question[:start].strip()
        addressed = before != question[:start] or bool(_ADDRESSED.search(text))
        people.append(PersonCue(text, tokens, direction, speaker or subject_only, wrote,
                                broad if broad != tokens else (), opening, addressed,
                                subject_only, excluded=bool(EXCLUDED_BEFORE.search(before)),
                                act=act.group(1).lower() if act else "", answered=answered))
    return people


# The verb of a phrase making someone the one addressed ("asked the ", "writing to "): not
# "to" alone ("the letter to the Home Office" names no act).
_ACT = re.compile(r"\s*(?!to\b)([a-z]+)", re.IGNORECASE)


_ADDRESSED = re.compile(r"\b(?:" + "|".join(FORMS_OF_ADDRESS) + r")\b\.?\s", re.IGNORECASE)
_ADDRESS_BEFORE = re.compile(r"\b(?:" + "|".join(FORMS_OF_ADDRESS) + r")\.?\s+$", re.IGNORECASE)
# "the head of", "the team at": people of the body named next, who speak for it
MEMBER_OF = re.compile(rf"\bthe\s+({'|'.join(_WORDS['member_nouns'])})\s+(?:of|at|from)\s+"
                       r"(?:the\s+)?", re.IGNORECASE)
_MEMBER_OF_BEFORE = re.compile(MEMBER_OF.pattern + "$", re.IGNORECASE)
# ... and "the Home Office's top official", "OSR's head": a body's people after its
# possessive, up to two words describing them between.
_MEMBERS_AFTER = re.compile(rf"^(?:'s|’s|'|’)?\s+(?:[a-z-]+\s+){{0,2}}?"
                            rf"(?:{'|'.join(_WORDS['member_nouns'])})\b", re.IGNORECASE)
# Words saying which holder of an office is meant, between "to the" and the office.
_QUALIFIER_BEFORE = re.compile(r"\b(?:new|newly\s+appointed|former|then|current|previous|incoming|"
                               r"outgoing)\s+$", re.IGNORECASE)


# Words that end a role's description when reading back from its noun.
_DESCRIPTION_ENDS = QUESTION_STOPWORDS | {"a", "an", "the", "his", "her", "its", "their", "our",
                                          "my", "your", "this", "that", "whose", "former", "new"}
_WORD_BEFORE = re.compile(r"([\w’'-]+)\s+$")
MAX_DESCRIPTION_WORDS = 3


def _role_start(question: str, start: int) -> int:
    """Where a role's description begins: the words just before its noun that say which
    one ("victims'", "anti-slavery", "shadow immigration", "Home Office's"), up to an
    article, a question word or punctuation."""
    for _ in range(MAX_DESCRIPTION_WORDS):
        match = _WORD_BEFORE.search(question[:start])
        if match is None:
            break
        word = match.group(1).lower().replace("’", "'").removesuffix("'s").strip("'")
        if not word or word in _DESCRIPTION_ENDS:
            break
        start = match.start(1)
    return start


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return kept
