"""The numbered parts of a report or Bill a question names ("Recommendation One", "Clause 4",
"Rec. 3"), in every form a letter may write them: a question asking about one is answered by
the passages naming it, however they write its number."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
# Not after an apostrophe: "Kinnock's second letter" is no "s 2" (section 2).
REFERENCE = re.compile(
    r"(?<!['’])\b(" + "|".join(sorted(REFERENCE_KINDS, key=len, reverse=True)) + r")\.?\s+" + _NUMBER + r"\b",
    re.IGNORECASE,
)


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


def references_named(question: str) -> list[Reference]:
    """Each reference the question names, once."""
    found = []
    for kind, number in REFERENCE.findall(question):
        digits = re.match(r"\d+", number)
        value = int(digits.group()) if digits else NUMBER_WORDS[number.lower()]
        ref = Reference(REFERENCE_KINDS[kind.lower()], value)
        if ref not in found:
            found.append(ref)
    return found
