"""Whether the retrieved letters answer the question at all.

Similarity scores cannot tell: questions the letters cannot answer score as high as ones
they can. So Missive checks that what the question is about is grounded in the letter it
would quote: the person whose words are asked for wrote it; the names, dates and figures the
question gives appear in it (text or metadata); and enough of the question's topic words do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.cues import QuestionCues, date_match, person_matches
from assistant.terms import content_terms, term_set
from indexer.models import Letter

# The share of the question's topic words that must appear in the quoted letter (or its
# metadata). Chosen on eval/ (see eval/README.md, "Calibrating no-answer"): over the
# answerable questions coverage sat at or above 0.5 for all but a few, while no-answer
# questions about absent topics mostly fell below it.
MIN_TOPIC_COVERAGE = 0.5


@dataclass
class Grounding:
    grounded: bool
    coverage: float
    reasons: list[str] = field(default_factory=list)


def _letter_words(letter: Letter) -> set[str]:
    meta = " ".join(filter(None, [letter.sender, letter.recipient, letter.title, letter.subject,
                                  letter.date]))
    return term_set(letter.text + " " + meta)


def check_grounding(cues: QuestionCues, letters: list[Letter]) -> Grounding:
    """Is the question answered by `letters` (the letters the answer would quote)?"""
    reasons: list[str] = []
    if not letters:
        return Grounding(False, 0.0, ["nothing retrieved"])
    words = set().union(*(_letter_words(letter) for letter in letters))
    texts = " ".join(letter.text for letter in letters)

    for person in cues.people:
        if person.speaker and not any(person_matches(person, l.sender) for l in letters):
            reasons.append(f"no quoted letter is from {person.text}")
    for cue in cues.dates:
        in_text = cue.text.lower() in texts.lower()
        if not in_text and not any(date_match(cue, l.date) for l in letters):
            reasons.append(f"{cue.text} is neither the date of nor mentioned in the letter")
    for figure in re.findall(r"\b\d[\d,.]*\d\b|\b\d\b", cues.question):
        if any(figure == d.text or figure in d.text for d in cues.dates):
            continue
        if figure.replace(",", "") not in texts.replace(",", ""):
            reasons.append(f"the figure {figure} does not appear in the letter")

    person_words = {t for p in cues.people for t in p.tokens}
    topic = [t for t in content_terms(cues.question)
             if t not in person_words and not t[:1].isdigit()]
    coverage = (sum(t in words for t in topic) / len(topic)) if topic else 1.0
    if coverage < MIN_TOPIC_COVERAGE:
        reasons.append(f"only {coverage:.0%} of the question's topic words appear in the letter")
    return Grounding(not reasons, round(coverage, 3), reasons)
