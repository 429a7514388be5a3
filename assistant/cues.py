"""What a question says about letters: who, when, which numbered reference, whether it asks
for a commitment or for a reply, and whether it follows on from an earlier turn. One module,
so every rule about reading questions lives here.

`read_cues(question)` finds the cues (`settle_people` reads its people against the
correspondents table); `assistant.cue_matching` tests letters and sentences against them,
and `assistant.retrieval.cue_rerank` turns them into a multiplier for a retrieved passage,
so cues re-rank the evidence without ever filtering it away.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.terms import QUESTION_STOPWORDS, content_words
from indexer.dates import DATE_IN_WORDS, MONTH_YEAR, dates_named
from indexer.names import FORMS_OF_ADDRESS, name_tokens

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}
_WORDS_BY_NUMBER = {n: w for w, n in reversed(list(NUMBER_WORDS.items())) if n <= 20}
REFERENCE_KINDS = {
    "recommendation": "recommendation", "recommendations": "recommendation", "rec": "recommendation",
    "clause": "clause", "clauses": "clause", "part": "part", "section": "section", "s": "section",
    "paragraph": "paragraph", "para": "paragraph", "article": "article", "annex": "annex",
    "chapter": "chapter", "schedule": "schedule", "question": "question", "objective": "objective",
    "priority": "priority", "principle": "principle", "action": "action", "pillar": "pillar",
}
_NUMBER = r"(\d{1,3}[a-z]?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
REFERENCE = re.compile(
    r"\b(" + "|".join(sorted(REFERENCE_KINDS, key=len, reverse=True)) + r")\.?\s+" + _NUMBER + r"\b",
    re.IGNORECASE,
)
COMMITMENT_QUESTION = re.compile(
    r"\b(commit\w*|promis\w*|undert(?:ake|ook|aken|aking)\w*|pledg\w*|agree[ds]?\s+to|"
    r"plan(?:s|ned)?\s+to|intend\w*|going\s+to|would\s+happen\s+next|next\s+steps?|"
    r"what\s+(?:will|would)\s+\w+\s+do|offer\w*|ask\w*\s+(?:[\w'’]+\s+){1,4}?(?:to|for)|"
    r"request\w*)\b",
    re.IGNORECASE,
)
# What commitments and requests look like in a letter.
UNDERTAKING = re.compile(
    r"\b(will|shall|intends?\s+to|commit(?:ted|s)?\s+to|undertakes?|agreed?\s+to|plans?\s+to|"
    r"going\s+to|would\s+be\s+grateful|request(?:s|ed|ing)?|welcome\s+your\s+offer|"
    r"(?:I|we)\s+(?:would\s+)?(?:ask|urge|invite)|would\s+welcome|please)\b",
    re.IGNORECASE,
)
# Words of questions kept as data: the field's capitalised non-names, and role words.
_WORDS = tomllib.loads((Path(__file__).parent / "data" / "question_words.toml").read_text(
    encoding="utf-8"))
# Roles people ask about in lower case; capitalised names are found by shape.
ROLE_PHRASES = re.compile(
    rf"(?i:\b(?:(?:{'|'.join(_WORDS['role_modifiers'])})\s+)*"
    rf"(?:{'|'.join(_WORDS['role_nouns'])})\b)"
    r"(?:\s+(?:for|of)\s+[A-Z][\w']+(?:\s+(?:and\s+)?[A-Z][\w']+)*)?"
)
_CAPITALISED = re.compile(r"\b(?:[A-Z][\w'’-]*|of|for|and)(?:\s+(?:[A-Z][\w'’-]*|of|for|and))*")
_NOT_PEOPLE = {
    "what", "when", "who", "whom", "which", "why", "how", "did", "does", "do", "in", "on", "and",
    "the", "by", "according", "is", "was", "were", "has", "have", "a", "an", "i", "of", "for",
    "recommendation", "clause", "part", "section", "december", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "mp", "letter", "reply",
} | set(_WORDS["not_people"]) | set(FORMS_OF_ADDRESS)
# Words before a name that make it the letter's recipient: "wrote to", "ask OSR", "told the".
# After a name, words that make that person the one whose words are asked for.
SPEAKER_AFTER = re.compile(
    r"^\s*(?:(?:say|said|says|write|wrote|writes|"
    r"repl(?:y|ied|ies)|respond(?:ed|s)?|answer(?:ed|s)?|commit(?:ted|s)?|promis(?:e|ed|es)|tell|told|ask(?:ed|s)?|"
    r"state[ds]?|agree[ds]?|offer(?:ed|s)?|undert(?:ake|ook|akes)|announce[ds]?|confirm(?:ed|s)?|"
    r"claim(?:ed|s)?|argue[ds]?|request(?:ed|s)?|propose[ds]?|recommend(?:ed|s)?|want(?:ed|s)?|"
    r"g[eo]t\s+back)\b)",
    re.IGNORECASE,
)
# After a name, words that make that person the writer of the answer: "X replied", "did X
# say back" (a letter to X may report what X said, never what X wrote back).
WROTE_AFTER = re.compile(r"^\s*(?:write|wrote|writes|repl(?:y|ied|ies)|respond(?:ed|s)?|"
                         r"answer(?:ed|s)?|(?:sa(?:y|id|ys)|wr[io]te|g[eo]t)\s+back)\b",
                         re.IGNORECASE)
# "X's letter" and "X's reply" also ask for X's words; "X's offer" does not.
SPEAKER_POSSESSIVE = re.compile(r"^(?:'s|’s|'|’)?\s*(?:own\s+)?(?:letter|reply|response|answer)\b",
                                re.IGNORECASE)
# "Who wrote to ...", and its yes-or-no forms: "Did anyone write to ...", "Has anybody written".
ASKS_WRITER = re.compile(r"\s*(?:and\s+)?(?:who\s+(?:wrote|sent|signed|was\s+writing)|"
                         r"(?:did|has|have|had)\s+(?:any|some)(?:one|body)\s+(?:ever\s+)?"
                         r"(?:write|wrote|written|sent|send))\b", re.IGNORECASE)
SPEAKER_BEFORE = re.compile(r"\b(?:according\s+to|from)\s+(?:the\s+)?$", re.IGNORECASE)
# The subject of a question's verb ("Why did X think ...", "How did the Commissioner sum up
# ..."): whoever the question asks about, most often the writer, whatever the verb. Not when
# the question names whose words it wants elsewhere ("..., according to Y", "Y's letter").
SUBJECT_BEFORE = re.compile(r"\b(?:did|does|do|had|has|have|would|will|was|is|were|could|"
                            r"should|might)\s+(?:the\s+)?$", re.IGNORECASE)
VERB_AFTER = re.compile(r"^\s+(?!and\b|or\b)[a-z]+\b")
SPEAKER_ELSEWHERE = re.compile(r"\baccording\s+to\b|"
                               r"(?:'s|’s)\s+(?:own\s+)?(?:letters?|repl(?:y|ies)|responses?)\b",
                               re.IGNORECASE)
TO_CUE = re.compile(
    r"(?<!according )\b(?:to|ask(?:ed|s)?|tell|told|urg(?:e|ed|es)|inform(?:ed|s)?|thank(?:ed|s)?|"
    r"invit(?:e|ed|es)|writ(?:e|es|ing)\s+to|"
    # "What did X request from Y?": Y is the one asked
    r"(?:request(?:ed|s)?|want(?:ed|s)?|s(?:eek|eeks|ought)|need(?:ed|s)?|expect(?:ed|s)?)\s+from)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "Was the request answered?": read from the ledger (assistant.answered).
ASKS_ANSWERED = re.compile(
    r"^\s*(?:was|were|has|have|had|did|is)\b"
    r"(?=.*\b(?:requests?|asks?|asked|questions?|calls?)\b)"
    r"(?=.*\b(?:answer(?:ed)?|respon\w*|repl(?:y|ied)|taken\s+up|acted\s+on)\b)",
    re.IGNORECASE,
)
# A question about what was said back: the answer is in the reply to the letter it names.
ASKS_RESPONSE = re.compile(
    r"\b(?:repl(?:y|ied|ies)|respon(?:d|ded|ds|se|ses)|answer(?:ed|s)?|wr[oi]te\s+back|"
    r"sa(?:y|id)\s+back|get\s+back|got\s+back|hear\s+back|c[oa]me\s+back|react(?:ed|ion)?|"
    r"conclu(?:de|ded|sion)|"
    r"make\s+of|made\s+of)\b|"
    # "What did OSR do after the campaigners wrote to it?", "After X's letter, ...?"
    r"\bafter\b[^?]{0,60}?\b(?:wr[oi]te|written|writing|letters?)\b",
    re.IGNORECASE,
)
# Words that point back to an earlier turn: "And ...?", "she", "that letter", "what about".
FOLLOW_UP = re.compile(
    r"^\s*(?:and|also|but|so|then|what\s+about|how\s+about)\b|\b(?:she|he|they|her|his|him|"
    r"their|them|it|its|that|this|those|these|the\s+reply|the\s+response|anyone|anybody)\b",
    re.IGNORECASE,
)
# Words in a follow-up pointing back at what the earlier answer said ("Did Rycroft accept
# that?"), not at its people ("What did she say her job was?").
POINTS_TO_CONTENT = re.compile(r"\b(?:that|this|it|these|those)\b", re.IGNORECASE)
# Follow-ups are short: a long question stands on its own.
MAX_FOLLOW_UP_WORDS = 14
# A question this short that names nobody ("When was the claim made?") also follows on.
MAX_BARE_WORDS = 8


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
    # A speaker read from grammar alone, as the subject of the question's verb ("What did X
    # think"): letters by X rank and are searched first, but a letter reporting X's words
    # may answer, so it never rules a letter out (`grounding.constraint_conflicts`).
    subject_only: bool = False


@dataclass(frozen=True)
class DateCue:
    text: str
    first_day: str
    last_day: str
    precision: str  # "day", "month" or "year"


@dataclass(frozen=True)
class Reference:
    kind: str
    number: int

    def forms(self) -> list[str]:
        """Every way a letter may write it: 'Recommendation 1', 'Recommendation One'."""
        forms = [f"{self.kind} {self.number}"]
        if self.number in _WORDS_BY_NUMBER:
            forms.append(f"{self.kind} {_WORDS_BY_NUMBER[self.number]}")
        return forms

    def pattern(self) -> re.Pattern:
        words = [k for k, v in REFERENCE_KINDS.items() if v == self.kind and len(k) > 1]
        numbers = [str(self.number)] + [w for w, n in NUMBER_WORDS.items() if n == self.number]
        return re.compile(rf"\b(?:{'|'.join(words)})\.?\s+(?:{'|'.join(numbers)})\b", re.IGNORECASE)


@dataclass
class QuestionCues:
    question: str
    people: list[PersonCue] = field(default_factory=list)
    dates: list[DateCue] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    asks_commitment: bool = False
    asks_when: bool = False
    asks_writer: bool = False  # "who wrote to ...": the writer and the capacity they wrote in
    asks_reply: bool = False  # "what did X say in reply": X must have written a letter
    asks_response: bool = False  # "how did X respond", "what did she say back": in a reply
    asks_answered: bool = False  # "was the request answered?": from the ledger
    # Letters an earlier turn of the conversation was about (set by assistant.conversation).
    context_letters: list[str] = field(default_factory=list)
    # The text the question is matched by: the question, or for a follow-up the question
    # with the earlier turn's (set by assistant.conversation).
    reading: str = ""
    # The quotes the earlier turn's answer gave, as (letter id, start, end): a follow-up asks
    # for something more (set by assistant.conversation).
    quoted: list[tuple[str, int, int]] = field(default_factory=list)
    # Words of the letters close in meaning to question words they never use, searched for
    # beside the question's own (set by retrieval: `assistant.retrieval.expansion`).
    expansion: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.reading = self.reading or self.question

    def topic_text(self) -> str:
        """What the question asks about, without whom: its reading with the people it names
        taken out, so closeness in meaning is about the subject, not about sharing a name.
        The whole reading when nothing but dates would be left ("What did Stephen Kinnock
        ask the statistics regulator in December 2022?")."""
        text = self.reading
        for person in self.people:
            text = text.replace(person.text, " ")
        if not set(content_words(text)) - self.date_terms():
            return self.reading
        return re.sub(r"\s+", " ", text).strip()

    def says_what_it_asks(self) -> bool:
        """A follow-up whose own words say what it asks ("What had he asked UKSA's team
        for?"): neither pointing back at what the earlier answer said ("Did Rycroft accept
        that?") nor asking for the response to it ("And how did the Minister reply?")."""
        return (self.reading != self.question and not self.asks_response
                and not POINTS_TO_CONTENT.search(self.question))

    def date_terms(self) -> set[str]:
        """The word stems of the dates it names ("december", "2022"): checked as dates, so
        they are neither topic words nor words to match sentences by."""
        return {t for d in self.dates for t in content_words(d.text)}

    def search_text(self) -> str:
        """The question with each reference in every form, so BM25 matches any of them."""
        extra = [form for ref in self.references for form in ref.forms()]
        return " ".join([self.question, *extra])


# An initialism written with stops ("O.S.R."), read as the letters write it ("OSR").
_DOTTED_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")


# A request opening the question ("Summarise what ...", "Show me the letter where ...") says
# what to do with the answer, not what it is about.
_REQUEST = re.compile(r"^\s*(?:please\s+)?(?:summari[sz]e|show\s+me|find|give\s+me|list|quote|"
                      r"outline|tell\s+me(?:\s+about)?)\b[\s:,]*", re.IGNORECASE)


def read_cues(question: str) -> QuestionCues:
    question = _DOTTED_INITIALS.sub(lambda m: m.group().replace(".", ""), question)
    question = _REQUEST.sub("", question) or question
    cues = QuestionCues(question=question)
    cues.references = _references(question)
    cues.dates = _dates(question)
    cues.people = _people(question)
    cues.asks_commitment = bool(COMMITMENT_QUESTION.search(question))
    cues.asks_reply = bool(re.search(r"\b(?:in\s+reply|repl(?:y|ied)\s+to|in\s+response\s+to|"
                                     r"respond(?:ed)?\s+to)\b", question, re.IGNORECASE))
    cues.asks_response = bool(ASKS_RESPONSE.search(question))
    cues.asks_answered = bool(ASKS_ANSWERED.search(question))
    cues.asks_writer = bool(ASKS_WRITER.match(question))
    cues.asks_when = bool(re.match(r"\s*(?:and\s+)?(?:when|on\s+what\s+date|what\s+date)\b",
                                   question, re.IGNORECASE))
    return cues


def is_follow_up(cues: QuestionCues) -> bool:
    """Does the question lean on an earlier turn? Short, and pointing back ("And ...?",
    a pronoun, "that letter") or naming nobody and no date of its own."""
    words = len(cues.question.split())
    if words > MAX_FOLLOW_UP_WORDS:
        return False
    return bool(FOLLOW_UP.search(cues.question)) or (
        words <= MAX_BARE_WORDS and not cues.people and not cues.dates and not cues.references)


def _references(question: str) -> list[Reference]:
    found = []
    for kind, number in REFERENCE.findall(question):
        digits = re.match(r"\d+", number)
        value = int(digits.group()) if digits else NUMBER_WORDS[number.lower()]
        ref = Reference(REFERENCE_KINDS[kind.lower()], value)
        if ref not in found:
            found.append(ref)
    return found


def _dates(question: str) -> list[DateCue]:
    return [DateCue(*found) for found in dates_named(question)]


def _people(question: str) -> list[PersonCue]:
    """Names ('Dame Sara', 'OSR', 'Frank Field') and roles ('the Minister', 'the
    Commissioners', "London's victims' commissioner") the question mentions, each with the
    side of the letter it points to."""
    spans: list[tuple[int, int]] = []
    roles: dict[int, tuple[str, ...]] = {}  # where a role was widened: its own words
    for match in ROLE_PHRASES.finditer(question):
        # a role in lower case is a description, read with the words before it; a
        # capitalised one ("the Victims' Commissioner") is a title, found by its shape below
        described = not match.group()[:1].isupper()
        start = _role_start(question, match.start()) if described else match.start()
        spans.append((start, match.end()))
        if start < match.start():
            roles[start] = tuple(t for t in name_tokens(match.group()) if t not in _NOT_PEOPLE)
    for match in _CAPITALISED.finditer(question):
        words = match.group().split()
        while words and words[0].lower() in _NOT_PEOPLE | {"of", "for", "and"}:
            words.pop(0)
        while words and words[-1].lower() in {"of", "for", "and"}:
            words.pop()
        if not words or all(w.lower() in _NOT_PEOPLE for w in words):
            continue
        start = match.start() + match.group().index(words[0])
        spans.append((start, start + len(" ".join(words))))
    claimed = [m.span() for m in REFERENCE.finditer(question)]
    claimed += [m.span() for m in DATE_IN_WORDS.finditer(question)]
    claimed += [m.span() for m in MONTH_YEAR.finditer(question)]
    people: list[PersonCue] = []
    for start, end in _outermost(spans):
        if any(s < end and start < e for s, e in claimed):  # "Recommendation One", "9 December"
            continue
        text = question[start:end]
        tokens = tuple(t for t in name_tokens(text) if t not in _NOT_PEOPLE)
        if not tokens:
            continue
        before = _ADDRESS_BEFORE.sub("", question[:start])  # "tell Ms Patel": "tell"
        direction = "to" if TO_CUE.search(before) else "from"
        after = question[end:]
        possessive = text.endswith(("'s", "’s", "'", "’")) or after.startswith(("'", "’"))
        # "X's letter", and "the X letter" too
        speaker = direction == "from" and bool(
            SPEAKER_POSSESSIVE.match(after) if possessive
            else SPEAKER_AFTER.match(after) or SPEAKER_BEFORE.search(before)
            or SPEAKER_POSSESSIVE.match(after))
        subject_only = (direction == "from" and not speaker and not possessive
                        and bool(SUBJECT_BEFORE.search(before)) and bool(VERB_AFTER.match(after))
                        and not SPEAKER_ELSEWHERE.search(question))
        wrote = speaker and bool(WROTE_AFTER.match(after))
        broad = roles.get(start, ())
        opening = " " not in text and not text.isupper() and not question[:start].strip()
        addressed = before != question[:start] or bool(_ADDRESSED.search(text))
        people.append(PersonCue(text, tokens, direction, speaker or subject_only, wrote,
                                broad if broad != tokens else (), opening, addressed,
                                subject_only))
    return people


_ADDRESSED = re.compile(r"\b(?:" + "|".join(FORMS_OF_ADDRESS) + r")\b\.?\s", re.IGNORECASE)
_ADDRESS_BEFORE = re.compile(r"\b(?:" + "|".join(FORMS_OF_ADDRESS) + r")\.?\s+$", re.IGNORECASE)


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


def settle_people(cues: QuestionCues, known: Callable[[tuple[str, ...]], bool]) -> None:
    """Read the people of the question as the correspondents allow (`known` asks the
    correspondents table whether some sender or recipient line holds all these words): a
    widened role ("the shadow immigration minister") stays whole when one does and falls
    back to the role ("minister") when none does ("the former minister"); a lone word
    opening the question ("Summarise", "Anything") is no one unless a correspondent bears
    it ("Kinnock asked what?")."""
    settled = []
    for person in cues.people:
        if person.opening_word and not known(person.tokens):
            continue
        if person.broad and not known(person.tokens):
            person = replace(person, tokens=person.broad, broad=())
        settled.append(person)
    cues.people = settled


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return kept
