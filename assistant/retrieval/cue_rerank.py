"""Re-rank hits by what the question says about letters (see `assistant.cues`)."""

from __future__ import annotations

from assistant.cue_matching import (
    date_match,
    date_mentioned,
    figure_given,
    person_matches,
    reports_act_to,
    speakers_unwritten,
    titled_as_asked,
)
from assistant.cue_people import PersonCue
from assistant.cues import QuestionCues
from assistant.question_forms import UNDERTAKING
from assistant.retrieval.base import Hit

# How much each cue lifts a passage. Multipliers on the fused score: a cue re-orders close
# candidates but cannot promote a passage nothing else found.
WEIGHTS = {
    "person_expected_side": 1.6,  # "the Minister" said -> sent by a Minister
    "person_other_side": 1.15,  # mentioned, but on the other side of the letter
    # the side the question asks about is not known (a copy without its signature): the letter
    # may be theirs. Without front matter, tuning recall@5 71.6% -> 76.4% (1.25: 75.7%, 1.6:
    # 73.0%); no letter shipped lacks its writer
    "person_side_unknown": 1.15,
    "day": 1.6, "month": 1.4, "year": 1.15,
    "reference": 2.0,  # "Recommendation One" written in any form
    # a figure the question gives ("the 71% figure") in the passage: as telling as a
    # reference. Tuning unchanged at 1.25-2; at 2 "What was the 71% figure about?" finds the
    # passage BM25 ranks first and dense search far down (fused by rank, it came 8th)
    "figure": 2.0,
    "undertaking": 1.25,  # a commitment asked about, "will"/"agree to" in the passage
    "context": 1.5,  # a follow-up: the letters the conversation is about
    "title": 1.5,  # "the Illegal Migration Bill letter": its title says what it is about
    # a letter one person the question names sent another it names ("Did Chote raise anything
    # else with Jenrick?": Chote's letter to Jenrick, not his to Kinnock reporting Jenrick's
    # words). Chosen on the tuning set (926, session 63): citations +1 (b153), none lost,
    # recall@5 +2; at 1.3 nothing moved, at 1.75 and 2.0 a no-answer question was answered
    "between_named": 1.5,
}
# Letters between two people the question names lift only when the candidates hold at most
# this many: bodies that write to each other often ("What did OSR ask the Home Office to
# ensure?") pick out no letter, and lifting all of theirs lost four tuning citations.
BETWEEN_NAMED_LETTERS = 2


class CueReranker:
    name = "cues"

    def run(self, hits: list[Hit], cues: QuestionCues) -> list[Hit]:
        # A speaker none of the candidates is, or may be, from ("What did Matt Vickers write
        # to Sir Robert Chote about?", when only the reply to him is in the index): a letter
        # to them, answering theirs, is where their words are reported. A letter that does
        # not say who wrote it may be theirs.
        unwritten = speakers_unwritten(cues, [hit.letter.sender for hit in hits])
        between = letters_between_named(cues, hits)
        for hit in hits:
            hit.score *= cue_multiplier(cues, hit.passage.text, hit.letter.letter_id,
                                        hit.letter.sender,
                                        hit.letter.recipient, hit.letter.date, unwritten,
                                        hit.letter.title)
            if hit.letter.letter_id in between:
                hit.score *= WEIGHTS["between_named"]
        return sorted(hits, key=lambda h: -h.score)


def letters_between_named(cues: QuestionCues, hits: list[Hit]) -> set[str]:
    """The letters among the hits that one person the question names sent to another it
    names, when there are at most BETWEEN_NAMED_LETTERS of them (else none)."""
    def from_one_to_another(hit: Hit) -> bool:
        senders = [p for p in cues.people if person_matches(p, hit.letter.sender)]
        recipients = [p for p in cues.people if person_matches(p, hit.letter.recipient)]
        return any(sender is not recipient for sender in senders for recipient in recipients)

    if len(cues.people) < 2:
        return set()
    letters = {hit.letter.letter_id for hit in hits if from_one_to_another(hit)}
    return letters if len(letters) <= BETWEEN_NAMED_LETTERS else set()


def cue_multiplier(cues: QuestionCues, passage_text: str, letter_id: str, sender: str | None,
                   recipient: str | None, letter_date: str | None,
                   unwritten: list[PersonCue] | None = None, title: str | None = None) -> float:
    """How much the question's cues lift this passage of a letter (titled `title`).
    `unwritten`: the speakers no letter found is from, whose words a letter to them may
    report."""
    multiplier = WEIGHTS["context"] if letter_id in cues.context_letters else 1.0
    if titled_as_asked(cues, title):
        multiplier *= WEIGHTS["title"]
    for person in cues.people:
        # Only a speaker or an addressee says which side of the letter to look on; a person
        # merely mentioned ("the Minister's statement") may be either, or only in the text.
        if person.direction == "to" or person in (unwritten or []):
            expected, other = recipient, sender
        elif person.speaker:
            expected, other = sender, recipient
        else:
            expected, other = None, f"{sender} {recipient}"
        # "We have asked the Home Office to ..." for "What did OSR ask the Home Office ...?"
        if person_matches(person, expected) or (person.direction == "to"
                                                and reports_act_to(person, passage_text)):
            multiplier *= WEIGHTS["person_expected_side"]
        elif person_matches(person, other):
            multiplier *= WEIGHTS["person_other_side"]
        elif expected is None and (person.direction == "to" or person.speaker):
            multiplier *= WEIGHTS["person_side_unknown"]
    for cue in cues.dates:
        precision = date_match(cue, letter_date)
        if precision:
            multiplier *= WEIGHTS[precision]
        elif cue.precision != "year" and date_mentioned(cue, passage_text):
            # "How many police officers did the Minister say there were in March 2024?": a
            # letter of 2025 quoting the figure names the month; a year alone is named too
            # often to tell (no-answer questions asking for one year's figure were answered)
            multiplier *= WEIGHTS[cue.precision]
    for reference in cues.references:
        if reference.pattern().search(passage_text):
            multiplier *= WEIGHTS["reference"]
    for figure in cues.figures:
        if figure_given(figure, passage_text):
            multiplier *= WEIGHTS["figure"]
    if cues.asks_commitment and UNDERTAKING.search(passage_text):
        multiplier *= WEIGHTS["undertaking"]
    return multiplier
