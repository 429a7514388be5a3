"""The citation gate: every sentence a model writes is checked against the passages it cites
before anyone sees it. A sentence is kept only if

1. it cites at least one passage it was given, and no other;
2. every figure, date, quoted span and proper name in it is in the cited passages or their
   letters' date, sender, recipient and title (normalised: "£15m" = "£15 million",
   "9 December 2021" = "2021-12-09", "December 2021" is in "9 December 2021");
3. it is close in meaning to a sentence of a cited passage (the embedding model's cosine,
   at least `MIN_SIMILARITY`, calibrated by eval/calibrate_gate.py and recorded below).

Its citations are the cited passages' sentences that best support it: verbatim quotes with
offsets, as extractive answers give. What the gate cannot see: a sentence that restates its
passage's words and facts but draws a wrong conclusion from them ("did not" for "did") can
pass; the quotes beside it show what the letters say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import numpy as np

from assistant.meaning import TextVectors, similarities
from indexer.dates import DATE_IN_WORDS, ISO_DATE, MONTH_YEAR, MONTHS, normalise_date
from indexer.sentences import passage_sentences

# Chosen on the tuning set by eval/calibrate_gate.py (2026-11-30): a person's answer in their
# own words against the sentence holding its evidence (faithful), and against the closest
# sentence of another letter among the question's top passages (not the source):
#   threshold   0.15  0.20  0.25  0.30  0.40  0.50
#   faithful    98%   94%   90%-  83%   69%   57%
#   elsewhere   93%   81%   68%   54%   38%   12%
# The highest that passes 90% of faithful pairs. Meaning alone cannot tell a source from a
# neighbour at a useful rate; the fact checks (figures, dates, quotes, names) do most of it.
MIN_SIMILARITY = 0.2

_MARKS = re.compile(r"\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]")
_MARKS_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*\])+)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")
_FIGURE = re.compile(r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?\s?"
                     r"(?P<unit>%|per\s?cent\b|percent\b|bn\b|billion\b|m\b|million\b|k\b|"
                     r"thousand\b)?", re.IGNORECASE)
_MULTIPLIERS = {"bn": 10**9, "billion": 10**9, "m": 10**6, "million": 10**6, "k": 1000,
                "thousand": 1000}
_NAME = re.compile(r"\b(?:[A-Z][a-z]+(?:[’'-][A-Za-z]+)*|[A-Z]{2,})\b")
# Capitalised words that name nothing: sentence openers after a colon, days, the pronoun.
_NOT_NAMES = {"I", "The", "A", "An", "In", "On", "At", "By", "For", "And", "But", "It", "This",
              "That", "These", "They", "He", "She", "We", "You", "Their", "His", "Her", "Its",
              "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


@dataclass
class MarkedSentence:
    text: str  # without its citation marks
    marks: list[int]  # the passage numbers it cites, as written


def split_marked(answer: str) -> list[MarkedSentence]:
    """The model's answer as sentences with the passage numbers each cites. Marks written
    after the full stop ("... June. [1]") belong to the sentence before them."""
    answer = _MARKS_AFTER_STOP.sub(lambda m: f"{m[2]}{m[1]}", answer.strip())
    sentences = []
    for piece in _SENTENCE_END.split(answer):
        marks = [int(n) for group in _MARKS.findall(piece) for n in re.split(r"[,;]", group)]
        text = re.sub(r"\s+", " ", _MARKS.sub("", piece)).strip()
        text = re.sub(r"\s+([.!?,;:])", r"\1", text).lstrip("-*• ").strip()
        if re.search(r"\w", text):  # a stray mark or full stop is no sentence
            sentences.append(MarkedSentence(text, marks))
    return sentences


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def dates_in(text: str) -> tuple[set[str], str]:
    """The dates written in `text` as ISO (full or year-month), and the text without them."""
    found: set[str] = set()

    def month_year(match: re.Match) -> str | None:
        return f"{match['year']}-{MONTHS[match['month'].lower().rstrip('.')]:02d}"

    for pattern, read in ((DATE_IN_WORDS, lambda m: normalise_date(m[0])),
                          (ISO_DATE, lambda m: normalise_date(m[0])), (MONTH_YEAR, month_year)):
        def take(match: re.Match, read=read) -> str:
            iso = read(match)
            if iso:
                found.add(iso)
            return " "

        text = pattern.sub(take, text)
    return found, text


def figures_in(text: str) -> set[str]:
    """The numbers in `text`, normalised: '£15m', '15 million' and '15,000,000' are one."""
    found = set()
    for match in _FIGURE.finditer(text):
        try:
            value = Decimal(match["num"].replace(",", "") + (match["frac"] or ""))
        except InvalidOperation:
            continue
        unit = (match["unit"] or "").lower().replace(" ", "")
        percent = unit in ("%", "percent")
        value *= _MULTIPLIERS.get(unit, 1)
        found.add(f"{value.normalize():f}" + ("%" if percent else ""))
    return found


@dataclass
class Evidence:
    """What the cited passages allow a sentence to state."""

    text: str  # passages and letter facts, plain
    dates: set[str] = field(default_factory=set)
    figures: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, passages: list) -> Evidence:
        parts = []
        for hit in passages:
            letter = hit.letter
            parts += [hit.passage.text, letter.date or "", letter.sender or "",
                      letter.recipient or "", letter.title or ""]
        raw = "\n".join(parts)
        dates, rest = dates_in(raw)
        dates |= {x.date for x in (h.letter for h in passages) if x.date}
        return cls(_plain(raw), dates, figures_in(rest))

    def holds_date(self, iso: str) -> bool:
        return any(d.startswith(iso) for d in self.dates)

    def holds_figure(self, figure: str) -> bool:
        # a bare year is a date's year as well as a number
        return figure in self.figures or (re.fullmatch(r"(?:19|20)\d\d", figure) is not None
                                          and self.holds_date(figure))


def unsupported_facts(sentence: str, evidence: Evidence) -> list[str]:
    """The figures, dates, quoted spans and names of `sentence` the evidence does not hold
    (its citation marks are not figures)."""
    sentence = _MARKS.sub("", sentence)
    missing = []
    for quoted in _QUOTED.findall(sentence):
        if _plain(quoted) not in evidence.text:
            missing.append(f"the quote “{quoted}”")
    dates, rest = dates_in(sentence)
    missing += [f"the date {d}" for d in sorted(dates) if not evidence.holds_date(d)]
    missing += [f"the figure {f}" for f in sorted(figures_in(rest)) if not evidence.holds_figure(f)]
    opening = re.match(r"\W*\w+", sentence)
    for match in _NAME.finditer(sentence):
        word = match[0]
        if (opening and match.start() < opening.end()) or word in _NOT_NAMES \
                or word.lower().rstrip(".") in MONTHS:
            continue
        if not re.search(rf"\b{re.escape(_plain(word))}\b", evidence.text):
            missing.append(f"the name {word}")
    return missing


@dataclass
class Verdict:
    kept: bool
    reason: str  # why it was dropped ('' when kept)
    supports: list[tuple[object, tuple[int, int]]] = field(default_factory=list)
    # (hit, (start, end) of its letter's text): the cited passages' best sentences


class CitationGate:
    """Checks a generated sentence against the passages it cites (see the module's rules)."""

    def __init__(self, vectors: TextVectors, encode, min_similarity: float = MIN_SIMILARITY):
        self.vectors = vectors
        self.encode = encode  # text -> normalised vector (the assistant's query encoder)
        self.min_similarity = min_similarity

    def check(self, sentence: MarkedSentence, passages: list) -> Verdict:
        if not sentence.marks:
            return Verdict(False, "cites no passage")
        if any(not 1 <= n <= len(passages) for n in sentence.marks):
            return Verdict(False, "cites a passage it was not given")
        cited = [passages[n - 1] for n in dict.fromkeys(sentence.marks)]
        missing = unsupported_facts(sentence.text, Evidence.of(cited))
        if missing:
            return Verdict(False, "states what its passages do not: " + ", ".join(missing))
        vector = self.encode(sentence.text)
        supports, best = [], -1.0
        for hit in cited:
            spans = passage_sentences(hit.passage.text, hit.passage.start) or [
                (hit.passage.start, hit.passage.end)]
            scores = similarities(vector, self.vectors.of(
                [hit.letter.text[s:e] for s, e in spans]))
            top = int(np.argmax(scores))
            best = max(best, float(scores[top]))
            supports.append((hit, spans[top]))
        if best < self.min_similarity:
            return Verdict(False, f"not close in meaning to its passages ({best:.2f})")
        return Verdict(True, "", supports)
