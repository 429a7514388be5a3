"""What a question fixes that a letter can contradict: the person whose words are asked for
wrote it (or may have: a letter that does not say who wrote it, named by the question's
recipient or date), the names it asks about are mentioned, the dates and figures it gives
are the letter's, the one it asks about is written to. A letter that contradicts one is no
answer (`consistent_sentences`, the sentences an answer may quote) and a quote from one is
declined (`assistant.grounding.check_grounding`). Split from `assistant.grounding`, which
weighs whether the quotes answer the question's topic; what a letter's text says of a person
is read in `assistant.person_mentions`.
"""

from __future__ import annotations

import re

from assistant.appositions import names
from assistant.cue_matching import (
    date_match,
    date_mentioned,
    figure_given,
    gives_a_figure,
    gives_a_sum,
    person_consistent,
    person_matches,
    reports_act_to,
)
from assistant.cue_people import PersonCue
from assistant.cues import QuestionCues
from assistant.person_mentions import (
    mentions,
    on_either_side,
    only_written_to,
    reports_a_letter_to,
    reports_words,
    says_who_asked_its_writer,
)
from assistant.question_forms import BEFORE_THE_LETTER
from assistant.sentence_acts import names_copies, restates_the_reader, with_introduction
from assistant.threads import opens_as_a_reply, originals_of, what_it_answers
from indexer.layout import ROLE_WORDS, has_title
from indexer.models import Letter
from indexer.sentences import passage_sentences
from indexer.store import Store

# A name the question asks about ("What did Claire Waxman say about the Victims Bill?") of at
# least this many words must be the answering letter's correspondent or be mentioned in it.
# A one-word name is often written otherwise ("Britain" for the letters' "UK", "Commons",
# "OSR" for its full name). Chosen on the tuning set: at 2, recall@5 90.4% -> 91.0%, no-answer
# declined 70.3% -> 71.6%, one answerable declined that was answered wrongly; at 1, four
# answerable questions more declined and three citations lost.
NAMED_SUBJECT_WORDS = 2


def _named_otherwise(cues: QuestionCues, letter: Letter) -> bool:
    """The question names this letter by its recipient or its date, and the letter does not
    say who wrote it (a published copy that stops before its signature): it may be the
    writer's the question asks about. Its answer says "its writer wrote", never a name.
    Chosen on the tuning set without front matter: answerable declined 18.9% -> 16.2%, one
    more no-answer question answered (58.1% -> 55.8% declined), citations 42.6% -> 43.2%; no
    figure moves with front matter (every letter there has a writer)."""
    return (any(p.direction == "to" and not p.speaker and person_consistent(p, letter.recipient)
                for p in cues.people)
            or any(date_match(cue, letter.date) for cue in cues.dates))


def undated(cues: QuestionCues) -> str:
    """The question without the dates it names, which are checked as dates: "May" of "in
    May 2024" is not a name, nor is "21 November" of "on 21 November 2022" a day of any year."""
    question = cues.question
    for cue in cues.dates:
        question = question.replace(cue.text, " ")
    return question


# "wrote to", "sent a letter to": the letter's addressee follows
_WRITTEN_TO = re.compile(r"\b(?:wr[io]te|written|writing|sen[dt]|sends|addressed)\s+(?:(?:a|the|"
                         r"his|her|their|its)\s+letters?\s+)?to\s+(?:the\s+)?$", re.IGNORECASE)


def _says_only_a_name(line: str) -> bool:
    """A recipient line that gives a person's name and nothing of what they are ("Ed",
    "Ed Humpherson" without front matter): they may be the body or office the question
    names. Not a line naming an office or body ("Home Affairs Committee")."""
    return "(" not in line and not ROLE_WORDS.search(line)


def _written_to(cues: QuestionCues) -> list:
    """Whom the question says a letter was written to ("What did X write to Y?"), named or
    titled: not described in lower case ("the statistics regulator"), which a line may not
    hold in any words."""
    return [p for p in cues.people if p.direction == "to" and p.text[:1].isupper()
            and p.text in cues.question and _WRITTEN_TO.search(cues.question.split(p.text)[0])]


def _named_subjects(cues: QuestionCues) -> list[PersonCue]:
    """The names the question asks about, of NAMED_SUBJECT_WORDS words or more: neither
    whose words it asks for nor to whom they were written (checked above), nor left out."""
    return [p for p in cues.people
            if not (p.speaker or p.excluded or p.opening_word) and p.direction != "to"
            and _checkable_name(p)]


def _checkable_name(person: PersonCue) -> bool:
    """A name of NAMED_SUBJECT_WORDS words or more, as written: one a letter holds whole."""
    return person.text[:1].isupper() and len(person.tokens) >= NAMED_SUBJECT_WORDS


def _unmentioned_speakers(cues: QuestionCues, letters: list[Letter], quoted: str) -> list[str]:
    """Speakers read from grammar alone ("What did Matt Vickers complain about?"): a letter
    may report their words, but only one from or to one of them, or in a quoted sentence
    naming one (of several, each letter answers for one): a sentence of a letter that names
    them elsewhere says nothing of theirs. Unchecked when one is no name a letter holds
    whole, and for a letter that does not say who wrote it (a copy that stops before its
    signature): it may be theirs."""
    speakers = [p for p in cues.people if p.subject_only and not p.excluded]
    if not speakers or not all(_checkable_name(p) for p in speakers) or any(
            letter.sender is None or on_either_side(letter, p) or names(p, quoted, [letter.date])
            for letter in letters for p in speakers):
        return []
    return [f"none of the closest letters mentions {speakers[0].text}"]


def constraint_conflicts(cues: QuestionCues, letters: list[Letter], quoted: str,
                         answered: list[Letter] | None = None) -> list[str]:
    """What the question fixes that these letters (quoting `quoted`) contradict: the person
    whose words are asked for did not write them, a name it asks about is not mentioned, a
    date or a figure it names is not theirs.
    `answered`: the letters these reply to, whose date a question about a reply may give
    ("What did OSR say in reply to their October 2022 letter?")."""
    reasons: list[str] = []
    texts = " ".join(letter.text for letter in letters)
    # a person named by another name the letters give them ("the Prime Minister said" for
    # Rishi Sunak) is so in the quoted words, not anywhere in the letter: a post is named in
    # passing far more often than a name ("statistics that the Prime Minister and I used" in
    # a letter endorsing another official's comments)
    dates = [letter.date for letter in letters]
    # In a conversation about a letter to X, what it restates of X's words ("You pointed out
    # that these figures are lower ...": "What had Field said about those figures?"); so
    # too for a question asking what X had said before (`BEFORE_THE_LETTER`), which a letter
    # to X restates. Any other question on its own asks for more than a letter's gloss of
    # its reader ("What did the committee recommend in its report?")
    talked_of = {letter_id for letter_id, _, _ in cues.quoted}
    said_before = bool(BEFORE_THE_LETTER.match(cues.question))
    restates = any(restates_the_reader(quoted[start:end])
                   for start, end in passage_sentences(quoted))
    restating = [letter for letter in letters
                 if restates and (said_before or letter.letter_id in talked_of)]
    for person in cues.people:
        if not person.speaker or person.subject_only:
            continue
        wrote = any(_may_be_from([person], cues, letter) for letter in letters)
        # What X said may be reported in a reply to X, or a sentence naming X; what X said
        # *in reply* must be in a letter X wrote. A letter to X that answers none of theirs
        # reports nothing X said ("What did Katy Bourne say about violence reduction units?"
        # of a letter to her).
        # What X wrote ("What did Matt Vickers write to Sir Robert Chote about?") is
        # reported by a reply to it, when X's own letter is not in the index.
        replied_to = any(person_consistent(person, letter.recipient) and (
            opens_as_a_reply(letter) or any(_may_be_from([person], cues, a) for a in answered or []))
            for letter in letters)
        restated = not person.wrote and any(person_consistent(person, letter.recipient)
                                            for letter in restating)
        reported = replied_to or restated or (not person.wrote and names(person, quoted, dates)
                                  and reports_words(quoted)
                                  and not only_written_to(person, quoted))
        if not wrote and (cues.asks_reply or not reported):
            reasons.append(f"none of the closest letters is from {person.as_named}")
    # "Did Robert Jenrick reply to Stephen Kinnock's letter?": a letter of the one replying
    # to them that is a reply (it opens as one, or answers a letter the index holds), or
    # answering a letter of theirs. A letter to them answering none is no response: "How did
    # Will Moy respond to Ed Humpherson's reply?" had quoted the letter Humpherson answered.
    # Or one whose thanks name them as the source of what it answers ("How did OSR respond
    # to After Exploitation's report?": "Thank you for your letter ... sharing the new report
    # published by After Exploitation", to the report's authors by name).
    writers = [p for p in cues.people if p.wrote]
    for person in cues.people if writers and cues.asks_reply else []:
        if person.direction == "to" and not any(
                _may_be_from(writers, cues, letter)
                and (letter.recipient is None or person_consistent(person, letter.recipient)
                     or person_matches(person, what_it_answers(letter)))
                and (opens_as_a_reply(letter) or bool(answered))
                for letter in letters) and not any(
                person_consistent(person, x.sender) for x in answered or []):
            reasons.append(f"none of the closest letters replies to {person.as_named}")
    # "Who wrote to Katy Bourne?", "Did anyone reply to X?": a letter to them
    # ... or their own, saying who asked them (`_says_who_asked`)
    for person in cues.people if cues.asks_writer else []:
        if person.direction == "to" and not any(person_consistent(person, letter.recipient)
                                                or _thanks_a_writer(cues, person, letter)
                                                or _says_who_asked(cues, person, letter, quoted)
                                                for letter in letters):
            reasons.append(f"none of the closest letters is to {person.as_named}")
    # "What did Will Moy write to the Prime Minister?": a letter to them, or to someone whose
    # line does not say what they are ("Dear Ed" alone may be OSR's), unless the question
    # names a person by their title ("write to Dame Diana Johnson": not Matt Vickers MP) and
    # the letter is not theirs (Sir Robert Chote's reply to Matt Vickers tells what he wrote)
    for person in _written_to(cues) if not cues.asks_writer else []:
        if not any(letter.recipient is None
                   or (_says_only_a_name(letter.recipient) and (
                       not has_title(person.text) or person_consistent(person, letter.sender)))
                   or person_consistent(person, letter.recipient) for letter in letters
                   ) and not reports_a_letter_to(person, quoted):
            reasons.append(f"none of the closest letters is to {person.as_named}")
    reasons += _unmentioned_speakers(cues, letters, quoted)
    # "What did Claire Waxman say about the Victims Bill?": her letter never mentions it
    for person in _named_subjects(cues):
        if not (any(mentions(letter, person) for letter in letters)
                or names(person, quoted, dates)):
            reasons.append(f"none of the closest letters mentions {person.as_named}")
    for cue in cues.dates:
        if not date_mentioned(cue, texts) and not any(date_match(cue, x.date)
                                                      for x in letters + (answered or [])):
            reasons.append(f"{cue.text} is neither the date of nor named in the closest letters")
    # "How many potential victims were referred to the NRM in 2022?": the figure for 2022,
    # not one for 2020 in a letter written in 2022
    if cues.asks_quantity and cues.dates and not (
            any(date_mentioned(cue, quoted) for cue in cues.dates)
            and gives_a_figure(quoted, cues.figures)):
        reasons.append(f"no sentence of the closest letters gives a figure for {cues.dates[0].text}")
    elif cues.asks_money and not gives_a_sum(quoted):
        # "How much money did each Violence Reduction Unit receive?": "eighteen areas" is no sum
        reasons.append("no sentence of the closest letters gives a sum of money")
    elif cues.asks_quantity and not gives_a_figure(quoted, cues.figures):
        # "How many victims' roundtables did Claire Waxman hold?": her letter gives no count
        reasons.append("no sentence of the closest letters gives a figure")
    if cues.asks_copied and not names_copies(quoted):
        # "Who else got a copy?" of a letter that names no one it was copied to
        reasons.append("no sentence of the closest letters says whom a letter was copied to")
    for figure in cues.figures:
        if not figure_given(figure, texts):
            reasons.append(f"the figure {figure} is not in the closest letters")
    for reference in cues.references:  # "Recommendation One": a letter naming it answers
        if not reference.pattern().search(texts):
            named = reference.forms()[-1].capitalize()
            reasons.append(f"none of the closest letters mentions {named}")
    return reasons


def _thanks_a_writer(cues: QuestionCues, person, letter: Letter) -> bool:
    """For "Who wrote to X?": a letter from X thanking its reader for a letter says its reader
    wrote to X ("Who wrote to Sir Robert Chote about police workforce statistics?", when only
    his reply to Matt Vickers is in the index). Not for "Did X get a reply?"."""
    return (cues.asks_writer and not cues.asks_if_answered
            and person_consistent(person, letter.sender) and opens_as_a_reply(letter))


def _says_who_asked(cues: QuestionCues, person, letter: Letter, text: str) -> bool:
    """For "Who asked X to ...?": X's own letter saying who asked them answers as a letter to
    X would ("Who asked Baird to extend her term?": "At the request of the former Lord
    Chancellor, I also extended my term")."""
    return (cues.asks_writer and person_consistent(person, letter.sender)
            and says_who_asked_its_writer(text))


def _may_be_from(people: list, cues: QuestionCues, letter: Letter) -> bool:
    """The letter may be one of these people's: a letter known to be from "Daniel" may be
    from "Daniel Shaw", and one that does not say who wrote it may be theirs when the
    question names it otherwise (`_named_otherwise`) or may not be told from theirs
    (`_unsigned_may_be_theirs`)."""
    return any(person_consistent(p, letter.sender) for p in people) or (
        letter.sender is None and (_named_otherwise(cues, letter)
                                   or _unsigned_may_be_theirs(people, cues, letter)))


def _unsigned_may_be_theirs(people: list, cues: QuestionCues, letter: Letter) -> bool:
    """A letter that does not say who wrote it may be the writer's the question asks about
    ("What did OSR say ...?" of a published copy ending before its signature) when the
    question names no one it was written to (it is then known by them, `_named_otherwise`),
    it is not to them, and the letters name them somewhere: a name they never give ("What
    did the Information Commissioner say ...?") is no unsigned letter's writer. Chosen on
    the tuning set without front matter: citations 55.9% -> 59.6%, answerable declined
    10.6% -> 8.9%, no-answer declined 76.7% -> 77.6%; with front matter every letter says
    who wrote it."""
    return (all(p.named_in_letters for p in people)
            and not any(p.direction == "to" and not p.speaker for p in cues.people)
            and not any(person_consistent(p, letter.recipient) for p in people))


def letters_answered(cues: QuestionCues, letters: list[Letter], store: Store) -> list[Letter]:
    """The letters these answer, for a dated question about a reply, whose date it may give
    ("in reply to their October 2022 letter"), and for a question whether someone replied to
    another, whose letter they may have answered."""
    replying = cues.asks_reply and any(p.wrote for p in cues.people)
    if not ((cues.dates or replying) and (cues.asks_reply or cues.asks_response)):
        return []
    return [original for letter in letters for original in originals_of(letter, store)]


def letter_fits(cues: QuestionCues, letter: Letter, quoted: str, store: Store,
                answered: dict[str, list[Letter]]) -> bool:
    """Nothing the question fixes rules the letter out, quoting `quoted`
    (`constraint_conflicts`). `answered`: the letters each letter answers, as read so far
    (filled in here)."""
    if letter.letter_id not in answered:
        answered[letter.letter_id] = letters_answered(cues, [letter], store)
    return not constraint_conflicts(cues, [letter], quoted, answered[letter.letter_id])


def not_excluded(cues: QuestionCues, ranked: list) -> list:
    """The ranked sentences of letters neither from nor to the people the question leaves
    out ("besides Full Fact", "other than the Home Office"), even when no other letter fits."""
    return [s for s in ranked if not any(person_matches(p, side) for p in cues.excluded
                                         for side in (s.letter.sender, s.letter.recipient))]


def consistent_sentences(cues: QuestionCues, ranked: list, store: Store,
                         answered: dict[str, list[Letter]] | None = None) -> list:
    """The ranked sentences whose letter fits the question's writer, dates and figures (and
    then its recipient): an answer is drawn from a letter the question could mean, not from
    a closer-worded sentence of a letter it rules out. A question asking who wrote to
    someone ("Did anyone write to Katy Bourne?") is answered from letters to them. None when
    no letter fits (the caller falls back to `not_excluded`). `answered`: the letters each
    letter answers, as `letter_fits` reads them, shared by a caller checking more."""
    ranked = not_excluded(cues, ranked)
    verdicts: dict[str, bool] = {}
    answered = {} if answered is None else answered  # read once a letter
    fitting = []
    for sentence in ranked:
        letter = sentence.letter
        if letter.letter_id not in verdicts or cues.people:
            # a quotation read with whoever its introduction says spoke it
            quoted = with_introduction(letter.text, sentence.quote.start, sentence.quote.end)
            verdicts[letter.letter_id] = letter_fits(cues, letter, quoted, store, answered)
        if verdicts[letter.letter_id]:
            fitting.append(sentence)
    # of those, the letters to the person it names as recipient, whenever any is: "What did
    # Daniel Shaw get told?" had quoted a letter naming a Daniel Hobbs. Not for a role
    # described in lower case ("the rape review minister"): a line may not give it. A
    # sentence saying the act asked about was done to them counts as one to them ("We have
    # asked the Home Office to ensure ...", `reports_act_to`).
    addressees = [p for p in cues.people if p.direction == "to" and p.text[:1].isupper()]
    to_them = [s for s in fitting if any(person_matches(p, s.letter.recipient)
                                          or _thanks_a_writer(cues, p, s.letter)
                                          or _says_who_asked(cues, p, s.letter, s.quote.text)
                                          or reports_act_to(p, s.quote.text)
                                          for p in addressees)]
    return to_them or fitting
