"""Questions asking for letters, not for what they say: "Which letters did Sir Robert Chote
send in 2023?", "How many letters did Full Fact write to OSR?", "List the letters between
Stephen Kinnock and Sir Robert Chote". A passage answer quotes one letter, which reads as if
it were the only one; these are answered with every letter in the index that fits the
people, dates and subject the question names (oldest first, counted), each quoted and cited
by a sentence of its own so the list can be checked like any other answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer import ScoredSentence
from assistant.citations import Quote
from assistant.cue_matching import date_match, figure_given, person_matches
from assistant.cue_people import PersonCue
from assistant.cues import QuestionCues
from assistant.letter_requests import LETTERS_BEFORE, MENTIONING, UNANSWERED
from assistant.question_forms import subject_asked
from assistant.sentence_acts import introduces_its_writer
from assistant.terms import SPEECH_ACT_TERMS, content_words, passages_searched, stem, term_set
from assistant.threads import acknowledges_a_letter, replies_among, replies_to_each
from indexer.dates import date_order
from indexer.models import Letter
from indexer.names import BETWEEN_PEOPLE, known_name, names_match
from indexer.sentences import passage_sentences
from indexer.store import LetterFilter, LetterHeader, Store

# Letters quoted in one answer; the count says how many more fit.
LISTED = 10
# Letters read to count them: past this the count says "at least".
COUNTED = 1000
# "Which letters did Ed Humpherson receive?": the person named is the recipient.
_RECEIVED = re.compile(r"\b(?:receive[ds]?|received|get|got|gotten)\b", re.IGNORECASE)
# "between X and Y", "involving X", "with X": either side of the letter will do.
_EITHER_SIDE = re.compile(r"\b(?:between|involving|exchanged?|with)\b", re.IGNORECASE)
# "Which other letters ...?", "What else ...?" after an answer: letters it did not quote.
_OTHER = re.compile(r"\b(?:other|else|more)\b", re.IGNORECASE)
# Words of a question asking for letters that say nothing of their subject.
_LISTING_WORDS = frozenset(stem(w) for w in (
    "exchange", "exchanged", "involving", "index", "total", "altogether", "list", "show",
    "find", "give", "all", "written", "addressed", "copied", "ever", "year", "latest",
    "recent", "last", "newest", "first", "earliest", "oldest", "most", "role", "job",
    "position", "post", "title", "mention", "mentions", "mentioned", "discuss", "discussed",
    "refer", "concern", "unanswered", "answered", "reply", "replies", "response", "answer",
    "waiting", "awaiting", "still", "yet", "went", "never", "times", "often", "contacted",
    "signed", "sign", *LETTERS_BEFORE))


def letters_listed(cues: QuestionCues, store: Store) -> tuple[str, list[ScoredSentence]] | None:
    """(lead, one quote per letter) for a question asking which letters (or how many) fit the
    people, dates and subject it names, or have no reply, or who wrote (replied) to someone;
    None when it asks something else, or names nothing to choose letters by. No letter
    fitting gives no quotes: the question is declined, as the letters do not hold what it
    asks for."""
    if not (cues.asks_letters or cues.asks_identity or _asks_who_wrote(cues)):
        return None
    # "Which letters mention Sir Robert Chote?": he is named in them, not a side of them
    mentioned = _mentioned(cues)
    sides = [p for p in cues.people if p not in mentioned]
    # "Who is the Chair of the UK Statistics Authority?": every word describes the person
    topic = [] if cues.asks_identity else (
        subject_terms(cues) + [stem(t) for p in mentioned for t in p.tokens])
    # "What is the latest letter in the index?": every letter, the newest
    if not (sides or cues.dates or (cues.asks_letters and (topic or cues.figures
                                                           or cues.letters_unanswered
                                                           or cues.letters_from_end))):
        return None
    wanted = [want for person in sides for want in _wanted(cues, person)]
    names = [list(want.words) if want.words else words
             for want in wanted for words in want.person.line_words()]
    days = [(d.first_day, d.last_day) for d in cues.dates]
    # a letter must fit every cue, so one kind of cue finds the candidates; with neither,
    # the letters holding the subject's words, or every letter
    headers = (store.letter_headers(names, [] if names else days, None, limit=COUNTED)
               if names or days else _any_letters(cues, topic, store))
    fitting = [h for h in headers if _fits(cues, wanted, h)]
    if _OTHER.search(cues.question):  # "Which other letters did he receive?": not those shown
        shown = {letter_id for letter_id, _, _ in cues.quoted}
        fitting = [h for h in fitting if h.letter_id not in shown]
    # a letter dated "2022" may be of December 2022, or not: counted apart, not listed
    vague = [h for h in fitting if not _dated_as_asked(cues, h.date)]
    fitting = [h for h in fitting if h not in vague]
    # by the last day each date allows: a letter dated "2023" after those of March 2023
    fitting.sort(key=lambda h: (date_order(h.date, last_day=True), h.letter_id))
    end, wanted_count = cues.letters_from_end or ("oldest", 0)
    if end == "newest":  # "the latest letter from OSR": undated letters last either way
        fitting = [h for h in fitting if h.date][::-1] + [h for h in fitting if not h.date]
    listed = wanted_count or LISTED
    replies = cues.asks_writer and (cues.asks_reply or cues.asks_response)  # "Who replied to X?"

    def about_it(letters: list[Letter]) -> list[Letter]:
        found = [x for x in letters if set(topic) <= term_set(x.text)
                 and all(_says(name, x.text) for name in mentioned)
                 and all(figure_given(f, x.text) for f in cues.figures)]
        if replies:  # "Who replied to X?"
            among = replies_among(found, store)
            found = [x for x in found if x.letter_id in among]
        return _awaiting_reply(found, store) if cues.letters_unanswered else found

    count, vague_count = len(fitting), len(vague)
    if topic or cues.figures or replies or cues.letters_unanswered:  # read them all, to count
        letters = about_it(_read(store, fitting))
        count, vague_count = len(letters), len(about_it(_read(store, vague)))
    else:
        letters = _read(store, fitting[:cues.letters_skipped + listed])
    if cues.letters_skipped:  # "Kinnock's second letter": by date, so an undated one has no place
        letters = [x for x in letters if x.date][cues.letters_skipped:]
    # quoted where the writer says who they are, for a question asking who
    prefer = introduces_its_writer if cues.asks_writer or cues.asks_identity else None
    quotes = [q for q in (quote_of_letter(x, store, prefer, topic + cues.figures)
                          for x in letters[:listed])
              if q is not None]
    if not quotes:  # none: declined; but who someone is the letters may say of them
        return None if cues.asks_identity and not cues.asks_letters else ("", [])
    lead = _lead(count, len(quotes), len(headers) >= COUNTED, vague_count, end,
                 cues.letters_unanswered, cues.letters_skipped)
    if cues.asks_identity:  # "Who is Katy Bourne?": her line says, where no sentence does
        lead = " ".join(filter(None, (_as_the_letters_give(cues, letters[:listed]), lead)))
    return lead, quotes


def _as_the_letters_give(cues: QuestionCues, letters: list[Letter]) -> str:
    """How the letters' sender and recipient lines give the people asked about, with the role
    each line gives them: a letter to someone seldom says in its body who they are."""
    forms = dict.fromkeys(c.display() for x in letters for c in (*x.senders, *x.recipients)
                          if any(person_matches(p, c.display()) for p in cues.people))
    return f"As the letters give them: {'; '.join(forms)}." if forms else ""


def _verb_of_mentioning(cues: QuestionCues) -> re.Match | None:
    """The verb a question asking for letters by what they mention asks with ("mention",
    "talk about"), if it asks so: what follows it is what the letters mention."""
    return MENTIONING.search(cues.question) if cues.asks_letters else None


def _mentioned(cues: QuestionCues) -> list[PersonCue]:
    """The people a question asking which letters mention someone names after its verb, and
    those it names as what the letters are about ("Who wrote to the Home Secretary about the
    Illegal Migration Bill?": the Bill is no writer, and no letter had fitted)."""
    verb = _verb_of_mentioning(cues)
    asked = subject_asked(cues.question)
    return [p for p in cues.people
            if (verb is not None and cues.question.find(p.text, verb.end()) >= 0)
            or (asked is not None and p.text in asked[1] and not p.speaker
                and p.direction != "to")]


def _says(person: PersonCue, text: str) -> bool:
    """The text names them as the question does ("the Illegal Migration Bill", not "the
    Illegal Immigration Bill"), in any case and spacing."""
    words = person.as_named.split()
    return bool(re.search(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", text, re.IGNORECASE))


def _any_letters(cues: QuestionCues, topic: list[str], store: Store) -> list[LetterHeader]:
    """Letters of any writer and date: those with a passage holding the subject's words
    ("Which letters mention Albania?"), else every letter ("Which letters are unanswered?");
    at most COUNTED."""
    if not topic:
        return [LetterHeader(x.letter_id, x.date, x.sender, x.recipient)
                for x in store.letters(LetterFilter(), limit=COUNTED)]
    words = " ".join(word for word in content_words(cues.question).values()
                     if stem(word) in topic)
    found = passages_searched(store, words, COUNTED)
    return store.headers_of(list(dict.fromkeys(p.letter_id for p in found)))


def _awaiting_reply(letters: list[Letter], store: Store) -> list[Letter]:
    """Those no letter in the index answers, less those that are replies themselves: "Which
    letters went unanswered?" asks after letters that want an answer."""
    answered = replies_to_each([x.letter_id for x in letters], store)
    replies = replies_among(letters, store)
    return [x for x in letters if not answered[x.letter_id] and x.letter_id not in replies]


def _read(store: Store, headers: list[LetterHeader]) -> list[Letter]:
    """The letters of these headers still in the index."""
    return [x for x in map(store.letter, [h.letter_id for h in headers]) if x is not None]


@dataclass(frozen=True)
class _Wanted:
    """A person a listed letter must name, on which side ("from", "to" or "either"), by
    `words` when the question joined several people in one phrase, else by the cue."""

    person: PersonCue
    side: str
    words: tuple[str, ...] = ()

    def found_in(self, header: LetterHeader) -> bool:
        lines = {"from": [header.sender], "to": [header.recipient]}.get(
            self.side, [header.sender, header.recipient])
        if self.words:
            return any(names_match(self.words, line) for line in lines)
        return any(person_matches(self.person, line) for line in lines)


def _wanted(cues: QuestionCues, person: PersonCue) -> list[_Wanted]:
    """Where each person named must be: the names a cue joins with "and" ("between Stephen
    Kinnock and Sir Robert Chote") each on either side; one who receives ("did Ed Humpherson
    receive") the recipient; else the side the question gives them."""
    if _EITHER_SIDE.search(cues.question) or cues.asks_identity:  # "Who is Will Moy?": either
        parts = [known_name(part) for part in BETWEEN_PEOPLE.split(person.text)]
        parts = [part for part in parts if part]
        if len(parts) > 1:
            return [_Wanted(person, "either", part) for part in parts]
        return [_Wanted(person, "either")]
    # "that never got a reply" says which letters, not who received them
    question = UNANSWERED.sub(" ", cues.question)
    received = _RECEIVED.search(question)
    named = re.search(rf"\b{re.escape(person.text)}\b", question)
    if person.direction == "from" and received and named and named.start() < received.start():
        return [_Wanted(person, "to")]  # "did the Home Office receive", not "from OSR"
    return [_Wanted(person, person.direction)]


def _fits(cues: QuestionCues, wanted: list[_Wanted], header: LetterHeader) -> bool:
    if not all(want.found_in(header) for want in wanted):
        return False
    if any(person_matches(p, line) for p in cues.excluded
           for line in (header.sender, header.recipient)):
        return False
    return all(date_match(d, header.date) for d in cues.dates)


def _dated_as_asked(cues: QuestionCues, date: str | None) -> bool:
    """The letter's date falls in each date the question names, to its day, month or year."""
    return all(date_match(d, date) == d.precision for d in cues.dates)


def _asks_who_wrote(cues: QuestionCues) -> bool:
    """"Who wrote to Katy Bourne?", "Did anyone write to OSR in 2023?", "Who replied to
    Stephen Kinnock?": every letter to them (every reply) answers, and one quoted alone reads
    as if it were the only one. Not whether a letter was answered ("Did Kinnock get a
    reply?"), nor a question with a subject of its own ("Who complained to OSR about police
    numbers?"): passages answer those."""
    return (cues.asks_writer and not cues.asks_if_answered
            and any(p.direction == "to" for p in cues.people) and not subject_terms(cues))


def subject_terms(cues: QuestionCues) -> list[str]:
    """The words saying what the letters are about ("about modern slavery"): each must be in
    a letter listed. Not the people's, the dates', nor words that only ask for letters."""
    # the words of each name as the question gives it ("Home Office": its tokens leave
    # "office" out, a word of the field)
    named = {t for p in cues.people + cues.excluded for t in (*p.tokens, *content_words(p.text))}
    named |= cues.not_subject_terms()
    # the verb asking what letters mention ("talk about", "deal with") says nothing of it
    verb = _verb_of_mentioning(cues)
    named |= set(content_words(verb.group())) if verb else set()
    return [t for t in content_words(cues.question)
            if t not in named and t not in _LISTING_WORDS and t not in SPEECH_ACT_TERMS
            and not t[:1].isdigit()]


def quote_of_letter(letter: Letter, store: Store, prefer: Callable[[str], bool] | None = None,
                    topic: list[str] | None = None) -> ScoredSentence | None:
    """The letter's sentence to show: the first holding most of the `topic`'s words; else the
    first that `prefer` accepts (the one saying who is writing, as what, for a question
    asking who wrote); else the first of the writer's own that says what the letter is about,
    past "Thank you for your letter of 19 December.", which says only what it answers."""
    spans = [(passage, start, end) for passage in store.letter_passages(letter.letter_id)
             for start, end in passage_sentences(passage.text, passage.start)
             if start >= letter.opening]
    if not spans:
        return None

    def text(span: tuple) -> str:
        return letter.text[span[1] : span[2]]

    if topic:
        chosen = max(spans, key=lambda span: len(set(topic) & term_set(text(span))))
    else:
        chosen = (next((span for span in spans if prefer and prefer(text(span))), None)
                  or next((span for span in spans if not acknowledges_a_letter(text(span))),
                          spans[0]))
    passage, start, end = chosen
    return ScoredSentence(Quote(letter.letter_id, passage.passage_id, start, end,
                                letter.text[start:end]), letter, 1.0)


_ORDINALS = {n: word for word, n in LETTERS_BEFORE.items()}


def _lead(fitting: int, quoted: int, capped: bool, vague: int, end: str,
          unanswered: bool = False, skipped: int = 0) -> str:
    count = f"At least {fitting}" if capped else str(fitting)
    noun = "letter in the index fits" if fitting == 1 else "letters in the index fit"
    newest = end == "newest"
    order = ("newest first" if newest else "oldest first") if quoted > 1 else ""
    maybe = (f"{vague} more {'is' if vague == 1 else 'are'} dated less precisely and may"
             if vague else "")
    # what "unanswered" means here: no reply in the index, replies themselves left out
    none = "no letter in the index answers them; replies are left out" if unanswered else ""
    said = "; ".join(part for part in (none, order, maybe) if part)
    lead = f"{count} {noun} the question{f' ({said})' if said else ''}"
    if quoted < fitting:  # "the 10 oldest", "the latest"
        which = (f"the {_ORDINALS[skipped]}" if skipped and quoted == 1
                 else ("the latest" if newest else "the first") if quoted == 1
                 else f"the {quoted} {'newest' if newest else 'oldest'}")
        lead = f"{count} {noun} the question{f' ({maybe})' if maybe else ''}; {which}"
    return f"{lead}:"
