"""Whether a letter, a line or a sentence fits what a question says (`assistant.cues`
reads the question; this matches the cues it found): the person on the expected side of a
letter, the letters the person asked about wrote, a date a letter bears or a text mentions.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import pairwise

from assistant.cue_lines import names_only, split_across_roles
from assistant.cue_people import OFFICE_QUALIFIERS, PersonCue
from assistant.cues import DateCue, QuestionCues
from assistant.references import NUMBER_WORDS, REFERENCE
from assistant.terms import QUESTION_STOPWORDS, stem, term_set
from indexer.dates import DATE_IN_WORDS, DAY_MONTH, MONTH_YEAR, date_span
from indexer.models import Letter
from indexer.names import FORMS_OF_ADDRESS, name_tokens, names_consistent, names_match
from indexer.store import Store


def correspondent_terms(cues: QuestionCues, letter) -> set[str]:
    """Words of the question that name this letter's own writer or recipient: they chose the
    letter, so they say nothing about which of its sentences answers."""
    return {t for p in cues.people
            if person_matches(p, letter.sender) or person_matches(p, letter.recipient)
            for t in p.terms}


def by_speaker(cues: QuestionCues, letter) -> bool:
    """The letter is written by a person whose words the question asks for."""
    return any(p.speaker and person_matches(p, letter.sender) for p in cues.people)


def titled_as_asked(cues: QuestionCues, title: str | None) -> bool:
    """The letter's title holds every word the question names the letter by ("the Illegal
    Migration Bill letter": `QuestionCues.letter_topic`)."""
    return bool(cues.letter_topic) and cues.letter_topic <= term_set(title or "")


def written_by_speakers(cues: QuestionCues, letters: list) -> list:
    """Of these letters, those written by a person whose words the question asks for, when
    any are ("How did the Minister reply?": the Minister's replies); else all of them."""
    return [x for x in letters if by_speaker(cues, x)] or letters


def and_letters_of(people: list[PersonCue], letters: list[Letter], store: Store,
                   limit: int = 50) -> list[Letter]:
    """The letters given (the retrieved ones, best first), then up to `limit` more from or
    to these people: a question about someone's letters may be about one retrieval missed."""
    names = [words for p in people for words in p.line_words()]
    headers = store.letter_headers(names, [], None, limit) if names else []
    seen = {x.letter_id for x in letters}
    return letters + store.letters_by_id([h.letter_id for h in headers
                                          if h.letter_id not in seen])


def person_matches(cue: PersonCue, who: str | None) -> bool:
    """Every word of the cue appears in the sender or recipient line (names and roles), or
    the line names someone another line gives the cue's role."""
    return (names_match(cue.tokens, who, cue.addressed) and not _another_office(cue, who)
            and not split_across_roles(cue, who or "")) or _known_by_another_line(cue, who)


# Verbs whose other forms do not begin with the form a question uses ("told" for "tell").
_IRREGULAR_FORMS = ("wr(?:ite|ites|ote|itten|iting)", "t(?:ell|ells|old)", "g(?:ive|ives|ave|iven)",
                    "sen(?:d|ds|t)", "s(?:eek|eeks|ought)")
# How far after the verb the one addressed may be named ("asked statisticians in the Home
# Office to ...").
_ADDRESSEE_WORDS = 5


def reports_act_to(cue: PersonCue, text: str) -> bool:
    """The text says the act by which the question addresses the person was done to them
    ("We have asked the Home Office to ensure ..." for "What did OSR ask the Home Office to
    ensure ...?"): a letter to someone else reporting it answers as one to them would.
    Found by the tuning set (m78: the Esslemont and Powell-Smith reply, ranked 10th below
    OSR's letters to the Home Office, now first)."""
    if not cue.act:
        return False
    forms = next((group for group in _IRREGULAR_FORMS if re.fullmatch(group, cue.act)),
                 re.escape(stem(cue.act)) + r"\w*")
    return any(person_matches(cue, found.group(1)) for found in re.finditer(
        rf"\b(?:{forms})\s+((?:\S+\s+){{0,{_ADDRESSEE_WORDS - 1}}}\S+)", text, re.IGNORECASE))


def person_consistent(cue: PersonCue, who: str | None) -> bool:
    """The line may name the cue's person, if only in part ("Daniel" for "Daniel Shaw"):
    for deciding whether a letter rules a question out, not which letter it means."""
    return (names_consistent(cue.tokens, who, cue.addressed) and not _another_office(cue, who)
            and not split_across_roles(cue, who or "")) or _known_by_another_line(cue, who)


def _another_office(cue: PersonCue, who: str | None) -> bool:
    """The line holds the role the cue describes with a word making it another office
    ("Shadow Minister for Immigration" for "the immigration minister"), and does not name
    the cue's person ("Kinnock" is his, whatever his office)."""
    if not who or not any(word in who.lower() for word in OFFICE_QUALIFIERS):
        return False  # most lines: no need to read their words
    qualifiers = OFFICE_QUALIFIERS & set(name_tokens(who)) - set(cue.tokens)
    return bool(qualifiers) and not names_match(cue.tokens, names_only(who))


def _known_by_another_line(cue: PersonCue, who: str | None) -> bool:
    """The line names someone another line gives the cue's role (`PersonCue.bearers`), or
    names no one, only a post another line gives the cue's person (`PersonCue.posts`)."""
    if any(names_match(bearer, who) for bearer in cue.bearers):
        return True
    if not cue.posts:  # most cues: asked of every line of every letter found
        return False
    words = set(name_tokens(who or ""))
    return (len(words) >= 2 and names_only(who or "") == who
            and any(words <= set(post) for post in cue.posts))


_LOWER_WORD = re.compile(r"[a-z][a-z'’-]*")
# Runs of this many words, longest first, are tried as names.
_NAME_RUNS = (4, 3, 2)
# A word of three to five letters without a vowel is an initialism typed in lower case
# ("nhs", "dwp", "pcc"): read in capitals, it is checked as a name the letters hold or not, as
# written would be (`assistant.unknown_names`). Not a form of address ("mrs") nor a sound
# ("hmm"); nor two letters ("mr", "st", "pm": as written "PM" is not read as "Prime Minister").
_CONSONANTS_ONLY = re.compile(r"[b-df-hj-np-tv-xz]{3,5}")
_NOT_INITIALISMS = frozenset({*FORMS_OF_ADDRESS, "hmm", "shh", "nth", "tsk", "brr", "grr"})


def capitalise_known_names(question: str,
                           lines_holding: Callable[[tuple[str, ...]], list[str]],
                           written_as_a_name: Callable[[tuple[str, ...]], bool] = lambda _: False
                           ) -> str:
    """A question typed all in lower case ("what did sir robert chote tell stephen kinnock
    ...?", as chat invites) with each run of two to four words that a correspondent's line
    holds, or that the letters write as a name (`written_as_a_name`: "lord paddick"),
    capitalised, so it is read as the name it is, each word a line writes in capitals
    ("osr") in capitals, and each a line gives as a surname ("chote", "kinnock": after a
    first name). Any other single word is left as it is: in lower case "statistics" or "ed"
    cannot be told from a name (a surname that is a common word, "field", is taken for the
    name). `lines_holding`: the sender and recipient lines of letters whose lines hold all
    of these words."""
    if any(char.isupper() for char in question):
        return question

    def names_someone(run: list[re.Match]) -> bool:
        words = tuple(w.group() for w in run)
        if not all(question[a.end() : b.start()] == " " for a, b in pairwise(run)):
            return False
        if not any(word in QUESTION_STOPWORDS for word in words):
            return bool(lines_holding(words)) or written_as_a_name(words)
        # a name with a common word in it ("will moy") stands whole in a line's name part
        return not all(word in QUESTION_STOPWORDS for word in words) and any(
            " ".join(words) in names_only(line).lower() for line in lines_holding(words))

    def typed_initialism(word: str) -> bool:
        return bool(_CONSONANTS_ONLY.fullmatch(word)) and word not in _NOT_INITIALISMS

    def initialism(word: str) -> bool:
        return typed_initialism(word) or len(word) >= 3 and word not in QUESTION_STOPWORDS and any(
            re.search(rf"\b{word.upper()}\b", line) for line in lines_holding((word,)))

    def surname(word: str) -> bool:
        # "kinnock": the last word of a name a line gives, after its first ("Stephen
        # Kinnock"), not a first name ("ed", "will") nor a word of the question's own
        return len(word) >= 3 and word not in QUESTION_STOPWORDS and any(
            re.search(rf"\b[A-Z][\w'’-]*\s+{word.title()}\b", names_only(line))
            for line in lines_holding((word,)))

    words = list(_LOWER_WORD.finditer(question))
    names: list[tuple[int, int, bool]] = []
    at = 0
    while at < len(words):
        size = next((n for n in _NAME_RUNS
                     if at + n <= len(words) and names_someone(words[at : at + n])), 0)
        if size:
            names.append((words[at].start(), words[at + size - 1].end(), False))
        elif initialism(words[at].group()):
            before = words[at - 1] if at else None
            # "the sussex pcc": a word a line holds before a typed initialism is of its name
            if (before is not None and typed_initialism(words[at].group())
                    and not (names and names[-1][1] >= before.end())
                    and before.group() not in QUESTION_STOPWORDS and lines_holding((before.group(),))):
                names.append((*before.span(), False))
            names.append((*words[at].span(), True))
        elif surname(words[at].group()):
            names.append((*words[at].span(), False))
        at += size or 1
    for start, end, capitals in reversed(names):
        name = question[start:end]
        question = question[:start] + (name.upper() if capitals else name.title()) + question[end:]
    return question


_PRECISION = {1: "year", 2: "month", 3: "day"}
_ORDER = ["year", "month", "day"]


# A year on its own ("in 2019"): left out with a text's dates when looking for a figure in
# it, and what answers a question asking when (`assistant.answer`).
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A figure, in digits or words ("at least four occasions", "over half a million"); not an
# ordinal ("the Bill's Second Reading"), which counts nothing.
_CARDINALS = [word for word in NUMBER_WORDS if not word.endswith(("st", "nd", "rd", "th"))]
_FIGURE = re.compile(r"\d|\b(?:" + "|".join(_CARDINALS) + r"|half|dozens?|hundreds?|thousands?|"
                     r"millions?|billions?|double[ds]?|doubling|tripled|twice)\b", re.IGNORECASE)

# A sum of money: a currency's sign before a figure, or its name after one ("£15m", "40
# million pounds").
_SUM = re.compile(r"[£$€]\s?\d|\d[\d,.]*\s*(?:(?:m|bn|million|billion|thousand)\s+)?"
                  r"(?:pounds|euros|dollars)\b|\bGBP\b", re.IGNORECASE)

# A footnote's mark ("small boats[3]"), which is no figure of the sentence's; "one" that
# counts nothing ("one of the central issues", "no one")
_NOTE_MARK = re.compile(r"\[(?:\d{1,3}|[ivx]{1,5})\]|\bone\s+(?:of|another)\b|\bno\s+one\b",
                        re.IGNORECASE)
# An age ("claiming to be under 18.", "aged 16", "reaches the age of 18"), which counts
# nothing: not one going on with a noun ("over 50 officers") or a share ("under 10%")
_AGE = re.compile(r"\b(?:under|over|aged|age\s+of)\s+\d{1,2}(?:\s+years?(?:\s+old)?)?"
                  r"(?![\d%]|[.,]\d|\s*(?:per\s*cent|[a-z]))", re.IGNORECASE)


# A reference's number, with those listed after it ("Clauses 2 and 3", "section 52"), which
# counts nothing: "How many children ...?" is not answered by "Under Clause 4, ..."
_NUMBERED_REFERENCES = re.compile(REFERENCE.pattern + r"(?:\s*(?:,|and|or|to)\s*\d{1,3}[a-z]?\b)*",
                                  re.IGNORECASE)


def gives_a_figure(text: str, besides: Iterable[str] = ()) -> bool:
    """The text gives a figure other than a date's ("an additional 20,000 police officers",
    "at least four occasions in 2022"): what "How many ...?" asks for. Not one of `besides`,
    the figures the question gives itself (`QuestionCues.figures`): "What percentage of men
    claimed to be under 18?" is not answered by "... claiming to be under 18". A day without
    its year ("your letter dated 14 June") is a date too; an age ("under 18") or a
    reference's number ("Clause 4") counts nothing."""
    undated = YEAR.sub(" ", MONTH_YEAR.sub(" ", DAY_MONTH.sub(" ", DATE_IN_WORDS.sub(" ", text))))
    undated = _NUMBERED_REFERENCES.sub(" ", _AGE.sub(" ", undated))
    for figure in besides:
        undated = _figure_pattern(figure).sub(" ", undated)
    return bool(_FIGURE.search(_NOTE_MARK.sub(" ", undated)))


def counts_what_is_asked(text: str, counted: Iterable[str]) -> bool:
    """A figure in the text counts what the question asks how many of (`QuestionCues.counted`):
    one of those words within three after it ("in eighteen areas", "20,000 additional
    police officers"), not a year's ("in 2019 areas")."""
    wanted = set(counted)
    if not wanted:
        return False
    if "%" in wanted:
        return bool(_PERCENTAGE.search(text))
    undated = YEAR.sub(" ", text)
    return any(wanted & term_set(after.group(1)) for after in _FIGURE_THEN.finditer(undated))


# A percentage, for a question asking what share ("56% were duplications, errors ...").
_PERCENTAGE = re.compile(r"\d\s?%|\d\s+per\s*cent\b", re.IGNORECASE)
# A figure and the three words after it, which say what it counts.
_FIGURE_THEN = re.compile("(?:" + _FIGURE.pattern + r")[\d,.]*((?:\s+[\w’'-]+){1,3})", re.IGNORECASE)


@lru_cache(maxsize=256)
def _figure_pattern(figure: str) -> re.Pattern:
    """A figure as a text may write it, commas or not ("450000": "450,000"), not part of a
    longer number. Compiled once per figure: quantity questions giving one test every
    candidate sentence."""
    digits = ",?".join(re.escape(c) for c in figure)
    return re.compile(rf"(?<![\d.,]){digits}(?![\d]|[.,]\d)")


def gives_a_sum(text: str) -> bool:
    """The text gives a sum of money ("£15m", "$2 billion", "40 million pounds"): what "How
    much money ...?" asks for, where "eighteen areas" is a figure but no sum."""
    return bool(_SUM.search(text))


def figure_given(figure: str, text: str) -> bool:
    """The text gives this figure of the question's (`QuestionCues.figures`, commas dropped):
    "450000" in "450,000 legacy cases"."""
    return figure in text.replace(",", "")


# Text within one sentence: no full stop, question mark or line break between.
_SAME_SENTENCE = r"[^.?!\n]{0,80}?"


def date_mentioned(cue: DateCue, text: str) -> bool:
    """The text names the cue's date: '13 December' for 13 December 2022 (letters often
    leave out the year), 'September 2022' for September 2022, '2022' for 2022. A range the
    letters asked for may bear ("before 2023") names no date."""
    if cue.bounded:
        return False
    if cue.month is not None:  # "in March", "on 14 June": the month or day, in any year
        if cue.day is not None:
            return bool(re.search(_day_pattern(cue.day, cue.month), text, re.IGNORECASE))
        return bool(re.search(rf"\b{calendar.month_name[cue.month]}\b", text))
    year, month, day = cue.first_day.split("-")  # a whole ISO day, whatever the precision
    month_name = calendar.month_name[int(month)]
    if cue.precision == "day":
        pattern = _day_pattern(int(day), int(month))
    elif cue.precision == "month":
        # "June 2024", or "June" with no year of its own in a sentence giving 2024 ("149,769
        # officers in March 2024, but in June ..."): a year said once serves the months near it
        pattern = (rf"\b{month_name}\s+(?:of\s+)?{year}\b"
                   rf"|\b{year}\b{_SAME_SENTENCE}\b{month_name}\b(?!\s+(?:of\s+)?\d{{4}})"
                   rf"|\b{month_name}\b(?!\s+(?:of\s+)?\d{{4}}){_SAME_SENTENCE}\b{year}\b")
    else:
        pattern = rf"\b{year}\b"
    return bool(re.search(pattern, text, re.IGNORECASE))


def _day_pattern(day: int, month: int) -> str:
    """A day of a month as letters write it: '14 June', '14th June', 'June 14'."""
    name = calendar.month_name[month]
    return rf"\b{day}(?:st|nd|rd|th)?\s+(?:of\s+)?{name}\b|\b{name}\s+{day}\b"


def date_match(cue: DateCue, letter_date: str | None) -> str | None:
    """How precisely a letter's date meets a date cue: 'day', 'month', 'year' or None.
    A letter dated only '2022' meets '30 June 2022' at year precision, not day; one dated
    only '2023-06' meets '14 June' at month precision."""
    if not letter_date:
        return None
    if cue.month is not None:  # "the March letter", "the letter of 14 June": of any year
        parts = letter_date.split("-")
        if len(parts) < 2 or int(parts[1]) != cue.month:
            return None
        if cue.day is None or len(parts) < 3:
            return "month"
        return "day" if int(parts[2]) == cue.day else None
    first, last = date_span(letter_date)
    if not (first <= cue.last_day and cue.first_day <= last):
        return None
    letter_precision = _PRECISION[len(letter_date.split("-"))]
    return min(cue.precision, letter_precision, key=_ORDER.index)


def speakers_unwritten(cues: QuestionCues, senders: list[str | None]) -> list[PersonCue]:
    """The speakers none of the letters of these senders is, or may be, from (a letter that
    does not say who wrote it may be theirs): whose words only a letter to them reports
    ("What did Matt Vickers write to Sir Robert Chote about?", when only the reply to him
    is in the index)."""
    return [p for p in cues.people if p.speaker and p.direction == "from"
            and not any(sender is None or person_matches(p, sender) for sender in senders)]
