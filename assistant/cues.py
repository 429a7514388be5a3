"""What a question says about letters: who, when, which numbered reference, whether it asks
for a commitment or for a reply, and whether it follows on from an earlier turn. One home
for every rule about reading questions: this module, with `assistant.question_forms` for
the patterns of what a question asks for (`assistant.letter_requests` for asking for letters
themselves) and `assistant.cue_people` for the people it names (kept apart for length).

`read_cues(question)` finds the cues (`cue_lines.settle_people` reads its people against the
correspondents table); `assistant.cue_matching` tests letters and sentences against them,
and `assistant.retrieval.cue_rerank` turns them into a multiplier for a retrieved passage,
so cues re-rank the evidence without ever filtering it away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.asking import unwrapped, without_request
from assistant.cue_people import ASKS_WHICH_ROLE, MEMBER_OF, PersonCue, read_people
from assistant.cue_sides import PRONOUN_SUBJECT, RECEIVING, SUBJECT_BEFORE
from assistant.letter_requests import (
    ASKS_FOR_LETTERS,
    ASKS_LETTERS,
    FIRST_DAY,
    LAST_DAY,
    LETTERS_BEFORE,
    NEWEST_WORDS,
    ORDINAL_LETTER,
    UNANSWERED,
    bounded_by,
    most_letters_side,
)
from assistant.question_forms import (
    ASKED_OF,
    ASKS_COPIED,
    ASKS_COST,
    ASKS_DEED,
    ASKS_DEFINITION,
    ASKS_EXAMPLE,
    ASKS_FREQUENCY,
    ASKS_IDENTITY,
    ASKS_LIST,
    ASKS_MONEY,
    ASKS_PUBLISHED,
    ASKS_QUANTITY,
    ASKS_REASON,
    ASKS_RESERVATION,
    ASKS_SINGLED_OUT,
    ASKS_SUBJECT,
    ASKS_THANKS,
    ASKS_TIME_SPAN,
    ASKS_WHEN,
    ASKS_WHEN_AHEAD,
    ASKS_WHEN_WITHIN,
    ASKS_WHO,
    ASKS_WHO_ELSE,
    ASKS_WRITER,
    COMMITMENT_QUESTION,
    FIGURES_GIVEN,
    GIST,
    LIST_REQUEST,
    POINTS_TO_CONTENT,
    PURPOSE_WORDS,
    THE_CORRESPONDENCE,
    WHAT_DID,
    WHAT_NEXT,
    WHEN_CLAUSE,
    letter_named_by,
)
from assistant.references import REFERENCE, Reference, references_named
from assistant.reply_forms import (
    ASKS_ANSWERED,
    ASKS_FOR,
    ASKS_IF_ANSWERED,
    ASKS_IF_DONE,
    ASKS_OUTCOME,
    ASKS_REPLY_TIME,
    ASKS_RESPONSE,
    ASKS_WHETHER_REPLIED,
    CONTENT_CLAUSE,
    SUBJECT_REPLIES,
)
from assistant.terms import AUXILIARY, FIGURE_WORDS, SPEECH_ACT_TERMS, content_words
from indexer.dates import DATE_IN_WORDS, DAY_MONTH, MONTH_YEAR, dates_named, days_named, months_named

# The days a month or day named without its year spans: any a letter may bear.
ANY_YEAR = (FIRST_DAY, LAST_DAY)


@dataclass(frozen=True)
class DateCue:
    text: str
    first_day: str
    last_day: str
    precision: str  # "day", "month" or "year"
    # A month named without its year ("Will Moy's March letter"): that month of any year,
    # between the first and last days any letter may bear; with `day`, that day of it ("the
    # letter of 14 June").
    month: int | None = None
    day: int | None = None
    # A range the letters asked for may bear ("before 2023": `letter_requests.bounded_by`),
    # not a date a letter names
    bounded: bool = False


@dataclass
class QuestionCues:
    question: str
    people: list[PersonCue] = field(default_factory=list)
    dates: list[DateCue] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    asks_commitment: bool = False
    asks_when: bool = False
    asks_when_ahead: bool = False  # "When is the next review due?": a time yet to come
    asks_time_span: bool = False  # "What deadline ...?", "How long ...?": a span or a date
    asks_outcome: bool = False  # "What came (out) of X?": what followed, not the asking
    asks_if_done: bool = False  # "Did she agree to pause it?": the doing, not the asking
    asks_writer: bool = False  # "who wrote to ...": the writer and the capacity they wrote in
    asks_reply: bool = False  # "what did X say in reply": X must have written a letter
    asks_response: bool = False  # "how did X respond", "what did she say back": in a reply
    asks_answered: bool = False  # "was the request answered?": from the ledger
    # "Is there a reply?", "Did he get a reply?": a letter answering the one asked about
    asks_if_answered: bool = False
    asks_letters: bool = False  # "Which letters did X send?": the letters, listed
    letters_unanswered: bool = False  # "Which letters went unanswered?": those, listed
    asks_identity: bool = False  # "Who is Will Moy?": the letters from or to them, listed
    # "Summarise X's letter", "the main points of ...": what the letter says as a whole
    asks_gist: bool = False
    # "What did X write to Y about?": the sentence saying why the letter is written
    asks_subject: bool = False
    asks_quantity: bool = False  # "How many ... in 2022?": a figure, for the date it names
    asks_money: bool = False  # "How much money did each unit get?": a sum of money
    asks_deed: bool = False  # "What did OSR do with the report?": what someone did
    asks_who: bool = False  # "Who did OSR think should fix it?": a person or body
    asks_who_else: bool = False  # "Who else appeared with her?": one not named so far
    asks_copied: bool = False  # "Who else got a copy?": whom a letter was copied to
    asks_published: bool = False  # "When were the letters published?": a publisher's note
    asks_frequency: bool = False  # "How often ...?": a frequency, "each quarter"
    asks_reason: bool = False  # "Why ...?": a reason, "because", "as we were"
    asks_thanks: bool = False  # "What did X thank Y for?": a letter's thanks, not its preamble
    asks_singled_out: bool = False  # "the worst example": "the most egregious example"
    asks_example: bool = False  # "What examples did OSR give?": "For example, ..."
    asks_reservation: bool = False  # "Anything he wasn't happy about?": what a letter objects
    asks_list: bool = False  # "Which three claims did he list?": several things, a list
    asks_reply_time: bool = False  # "How long did X take to reply?": the two letters' dates
    asks_whether_replied: bool = False  # "Did X reply to Y?": the reply links, both quoted
    # "the latest letter from OSR" ("newest"), "Sir Robert Chote's first letters" ("oldest"):
    # the letters asked for, from which end of time, and how many (1 for "letter")
    letters_from_end: tuple[str, int] | None = None
    # ... and how many letters before it by date are passed over ("the second letter": one)
    letters_skipped: int = 0
    asks_most_letters: str = ""  # "Who wrote the most letters?": "from" ("to": received)
    # People the question leaves out of its answer ("Who else wrote to OSR besides Full
    # Fact?"): letters from or to them do not answer it.
    excluded: list[PersonCue] = field(default_factory=list)
    # Roles described in lower case that no correspondent's line gives ("the regulator"
    # where lines say "OSR"; set by assistant.cue_lines.settle_people), and people a verb
    # of telling names so ("tell the campaigners"): someone, though not known whom, so
    # neither people nor topic.
    unplaced: list[str] = field(default_factory=list)
    # Words the question spells as no letter does, read as the name the correspondents'
    # lines spell ("Humphreson": "Humpherson"; set by `Searching.read_question`).
    respelt: dict[str, str] = field(default_factory=dict)
    # Letters an earlier turn of the conversation was about (set by assistant.conversation).
    context_letters: list[str] = field(default_factory=list)
    # The text the question is matched by: the question, or for a follow-up the question
    # with the earlier turn's (set by assistant.conversation).
    reading: str = ""
    # The people the earlier questions of that reading name (set by assistant.conversation).
    earlier_people: list[str] = field(default_factory=list)
    # ... and the dates they name (set by assistant.conversation).
    earlier_dates: list[str] = field(default_factory=list)
    # The sentence each quote of the earlier turn's answer opens with, as (letter id, start,
    # end): a follow-up asks for something more (set by assistant.conversation).
    quoted: list[tuple[str, int, int]] = field(default_factory=list)
    # ... and those sentences' words: what a follow-up naming nothing of its own asks about
    # ("Did she say yes?").
    quoted_text: list[str] = field(default_factory=list)
    # A follow-up asking how the earlier turn's letters were answered, when no letter answers
    # them and none is itself a reply: what was answered (set by assistant.conversation).
    unanswered: list[str] = field(default_factory=list)
    # The word stems a letter is named by, what it is about ("the Illegal Migration Bill
    # letter"): a letter whose title holds them is the one meant.
    letter_topic: frozenset[str] = frozenset()
    defined: str = ""  # "What is the NRM?": the term whose meaning is asked
    # Words of the letters close in meaning to question words they never use, searched for
    # beside the question's own (set by retrieval: `assistant.retrieval.expansion`).
    expansion: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.reading = self.reading or self.question

    @property
    def read_with_earlier_turns(self) -> bool:
        """A follow-up whose reading takes in the earlier questions of the conversation
        (`assistant.conversation`): its own words are not all it is matched by."""
        return self.reading != self.question

    def without_asking_for_a_response(self, text: str) -> str:
        """The text without the words asking for a response, for a question that does ("What
        came of that?", "How did OSR react?"): they say what is asked, not what about."""
        return ASKS_RESPONSE.sub(" ", text) if self.asks_response else text

    def sentence_subject(self) -> str:
        """What the sentences an answer quotes are matched to in meaning: the subject, or a
        follow-up's whole reading (`Reading._sentence_vectors` says why)."""
        return self.reading if self.read_with_earlier_turns else self.topic_text()

    def topic_text(self) -> str:
        """What the question asks about, without whom: its reading with the people it names
        taken out, and for a follow-up those the earlier questions name (`earlier_people`),
        so closeness in meaning is about the subject, not about sharing a name.
        The whole reading when nothing but dates would be left ("What did Stephen Kinnock
        ask the statistics regulator in December 2022?"); with no content word left at all,
        its asking words ("What did Full Fact ask OSR to do?": tuning first quote +2 -1)."""
        text = self.reading
        for name in [person.text for person in self.people] + self.earlier_people:
            text = text.replace(name, " ")
        left = set(content_words(text))
        if left and not left - self.date_terms():
            return self.reading
        return re.sub(r"\s+", " ", text).strip()

    def says_what_it_asks(self) -> bool:
        """A follow-up whose own words say what it asks ("What had he asked UKSA's team
        for?"): it has a word of its own beside the people it names ("Anything else?" has
        none), and neither points back at what the earlier answer said ("Did Rycroft accept
        that?") nor asks for the response to it ("And how did the Minister reply?")."""
        names = {t for p in self.people for t in p.terms}
        return (self.read_with_earlier_turns and not self.asks_response
                and not POINTS_TO_CONTENT.search(self.question)
                and any(t not in names for t in content_words(self.question)))

    def not_subject_terms(self) -> set[str]:
        """Word stems that say who or when, not what the question is about: the dates it
        names (checked as dates), the people it leaves out ("besides Full Fact") and those
        it names by a description no line gives ("the regulator", "the campaigners"); and,
        when it gives a figure, the word calling it one ("the 400,000 figure": the figure is
        checked, letters seldom call it so); and, for a question asking why a letter was
        written, its words of asking so ("Why did X contact Y?"); and those asking what
        happens next, which letters say with "will" ("... will continue to support them"),
        not "next" (whose nearest word in meaning, "again", had chosen "Thank you again for
        raising this matter")."""
        return (self.date_terms() | {t for p in self.excluded for t in p.terms}
                | {t for role in self.unplaced for t in content_words(role)}
                | (FIGURE_WORDS if self.figures else set())
                | (PURPOSE_WORDS if self.asks_subject else set())
                | {t for m in WHAT_NEXT.finditer(self.question)
                   for t in content_words(m.group())})

    def date_terms(self) -> set[str]:
        """The word stems of the dates it names ("december", "2022"): checked as dates, so
        they are neither topic words nor words to match sentences by."""
        return {t for d in self.dates for t in content_words(d.text)}

    @cached_property
    def figures(self) -> list[str]:
        """The figures it gives ("71%", "5,141"), commas dropped; not the numbers of the
        dates it names (the day of "on 21 November" is part of a date). Read once: ranking
        checks them against every candidate passage, grounding against every sentence."""
        found = []
        for figure in _FIGURE.findall(DAY_MONTH.sub(" ", self.question)):
            if not any(figure == d.text or figure in d.text for d in self.dates):
                found.append(figure.replace(",", ""))
        return found

    @cached_property
    def counted(self) -> frozenset[str]:
        """The word stems of what "How many ...?" counts, up to three words after it and
        before its verb ("How many areas got the money?": a figure before "areas" gives the
        count asked for, where one merely holding a figure may count something else; "How many
        people were given ...": "people", not "given"); "%" for "What share ...?"."""
        found = _COUNTED.search(self.question)
        if found is None and _SHARE.search(self.question):
            return frozenset({"%"})
        return frozenset(content_words(found.group(1))) if found else frozenset()

    def search_text(self) -> str:
        """The question with each reference in every form, so BM25 matches any of them, and
        without words naming the whole correspondence (`THE_CORRESPONDENCE`)."""
        extra = [form for ref in self.references for form in ref.forms()]
        return " ".join([THE_CORRESPONDENCE.sub(" ", self.question), *extra])


_FIGURE = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")
_SHARE = re.compile(r"\b(?:share|percentage|proportion|per\s*cent)\b", re.IGNORECASE)
_COUNTED = re.compile(rf"\bhow\s+many\s+((?:(?!(?:{AUXILIARY}|will|would|could|can)\b)[\w’'-]+\s*){{1,3}})",
                      re.IGNORECASE)

# People a verb of telling or answering names in lower case ("When did OSR answer the
# campaigners?", "What did the regulator tell the campaigners?"): someone, not a subject.
_TOLD_PEOPLE = re.compile(r"\b(?:tell|told|answer(?:ed)?|(?:repl(?:y|ied)|respond(?:ed)?|"
                          r"wr[io]te|written|writing)\s+to|thank(?:ed)?|urg(?:e|ed)|"
                          r"inform(?:ed)?|advis(?:e|ed)|warn(?:ed)?|assur(?:e|ed))\s+the\s+"
                          r"((?:[a-z]+\s+)?[a-z]+s)\b")


def read_cues(question: str) -> QuestionCues:
    question = unwrapped(question)
    listing = bool(LIST_REQUEST.match(question))
    gist = bool(GIST.search(question))
    question = without_request(question)
    cues = QuestionCues(question=question)
    cues.references = references_named(question)
    cues.dates = _dates(question)
    claimed = [m.span() for m in REFERENCE.finditer(question)]
    claimed += [m.span() for m in DATE_IN_WORDS.finditer(question)]
    claimed += [m.span() for m in MONTH_YEAR.finditer(question)]
    people = read_people(question, claimed)
    cues.people = [p for p in people if not p.excluded]
    cues.unplaced = [m.group(1) for pattern in (_TOLD_PEOPLE, MEMBER_OF)
                     for m in pattern.finditer(question)]
    cues.excluded = [p for p in people if p.excluded]
    cues.asks_commitment = bool(COMMITMENT_QUESTION.search(question) or ASKED_OF.match(question))
    cues.asks_reply = bool(re.search(r"\b(?:in\s+reply|repl(?:y|ied)\s+to|in\s+response\s+to|"
                                     r"respond(?:ed)?\s+to)\b", question, re.IGNORECASE))
    cues.asks_response = bool(ASKS_RESPONSE.search(CONTENT_CLAUSE.sub(" ", question)))
    cues.asks_answered = bool(ASKS_ANSWERED.search(question))
    cues.asks_writer = bool(ASKS_WRITER.match(question))
    cues.asks_if_answered = bool(ASKS_IF_ANSWERED.match(question)) or bool(
        cues.asks_writer and re.search(RECEIVING, question, re.IGNORECASE))
    cues.letters_unanswered = bool((listing or ASKS_FOR_LETTERS.match(question))
                                   and UNANSWERED.search(question))
    cues.asks_letters = listing or cues.letters_unanswered or bool(ASKS_LETTERS.match(question))
    cues.asks_identity = bool(ASKS_IDENTITY.match(question))
    definition = ASKS_DEFINITION.match(question)
    term = (definition["term"] or definition["short"]) if definition else ""
    # not one common word ("What is the backlog?"), which any "backlog, the ..." would define
    cues.defined = term if len(term.split()) > 1 or not term.islower() else ""
    # ... naming nothing but people and dates besides
    named = " ".join(p.text for p in cues.people)
    cues.asks_gist = gist and not (set(content_words(GIST.sub(" ", question)))
                                   - set(content_words(named)) - cues.date_terms()
                                   - SPEECH_ACT_TERMS)
    # "What did X tell Y in June 2022?", naming nothing but them and when: what the letter is
    # about, as "What did X write to Y about?" asks; not "What did X ask Y to do?", a request
    told_only = (WHAT_DID.match(question) and not cues.asks_commitment
                 and any(p.direction == "to" for p in cues.people)
                 and not (set(content_words(question)) - set(content_words(named))
                          - cues.date_terms()))
    cues.asks_subject = bool(ASKS_SUBJECT.search(question) or told_only)
    cues.asks_quantity = bool(ASKS_QUANTITY.match(question) or FIGURES_GIVEN.match(question))
    cues.asks_money = (cues.asks_quantity and bool(ASKS_MONEY.search(question))
                       or bool(ASKS_COST.search(question)))
    cues.asks_deed = bool(ASKS_DEED.search(question))
    cues.asks_who = bool(ASKS_WHO.match(question) or ASKS_WHICH_ROLE.match(question)
                         ) and not cues.asks_writer
    cues.asks_who_else = cues.asks_who and bool(ASKS_WHO_ELSE.search(question))
    cues.asks_list = bool(ASKS_LIST.search(question))
    cues.asks_copied = bool(ASKS_COPIED.search(question))
    cues.asks_reservation = bool(ASKS_RESERVATION.search(question))
    cues.asks_frequency = bool(ASKS_FREQUENCY.search(question))
    cues.asks_reason = bool(ASKS_REASON.match(question)) and not cues.asks_subject
    cues.asks_singled_out = bool(ASKS_SINGLED_OUT.search(question))
    cues.asks_example = bool(ASKS_EXAMPLE.search(question))
    cues.asks_reply_time = bool(ASKS_REPLY_TIME.match(question))
    # ... by its subject's own verb, not a noun further on
    # (a recipient too: "Did Kinnock get any apology when Chote wrote back?" asks what the
    # reply said, not whether there was one)
    starts = [(p, question.find(p.text)) for p in cues.people]
    subject_ends = [start + len(p.text) for p, start in starts if p.subject_only
                    or p.direction == "to" and SUBJECT_BEFORE.search(question[:start])]
    if pronoun := PRONOUN_SUBJECT.match(question):
        subject_ends.append(pronoun.end())
    cues.asks_whether_replied = bool(ASKS_WHETHER_REPLIED.match(question)) and all(
        SUBJECT_REPLIES.match(question, end) for end in subject_ends)
    if ordinal := ORDINAL_LETTER.search(question):
        word = re.sub(r"\s+", " ", ordinal.group(1).lower())
        end = "newest" if word in NEWEST_WORDS else "oldest"
        cues.letters_skipped = LETTERS_BEFORE.get(word, 0)
        # "the first letter", "when did X first write": one; "the latest letters": a list
        cues.letters_from_end = (end, 0 if ordinal.group(2).lower() == "letters" else 1)
        cues.asks_letters = True
    if cues.asks_letters:
        cues.dates = [bounded_by(question, cue) for cue in cues.dates]
    cues.asks_most_letters = most_letters_side(question)
    # not "When Sir Robert Chote answered Stephen Kinnock, what did he say ...?": a clause
    # dating what the question asks
    cues.asks_when = (bool(ASKS_WHEN.match(question)) and not WHEN_CLAUSE.match(question)
                      or bool(ASKS_WHEN_WITHIN.search(question)))
    cues.asks_when_ahead = cues.asks_when and bool(ASKS_WHEN_AHEAD.match(question))
    cues.asks_time_span = bool(ASKS_TIME_SPAN.search(question))
    cues.asks_thanks = bool(ASKS_THANKS.search(question))
    cues.asks_outcome = bool(ASKS_OUTCOME.search(question))
    cues.asks_if_done = bool(ASKS_IF_DONE.match(question)) and not ASKS_FOR.search(question)
    cues.asks_published = cues.asks_when and bool(ASKS_PUBLISHED.search(question))
    # (a name in them, "the Kinnock letter", is in no letter's title)
    cues.letter_topic = frozenset(t for t in content_words(letter_named_by(question))
                                  if t not in cues.not_subject_terms() and not t[:1].isdigit())
    return cues


def _dates(question: str) -> list[DateCue]:
    return ([DateCue(*found) for found in dates_named(question)]
            + [DateCue(text, ANY_YEAR[0], ANY_YEAR[1], "day", month, day)
               for text, month, day in days_named(question)]
            + [DateCue(text, ANY_YEAR[0], ANY_YEAR[1], "month", month)
               for text, month in months_named(question)])
