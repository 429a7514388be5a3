"""The answer's words: who wrote the quoted letter, to whom and when, then the quotes, each
with its [n]; and dates as an answer writes them ("9 December 2021", "March 2023")."""

from __future__ import annotations

import calendar

from assistant.answer import ScoredSentence
from indexer.models import Letter


def format_date(iso: str | None) -> str | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {calendar.month_name[parts[1]]} {parts[0]}"
    if len(parts) == 2:
        return f"{calendar.month_name[parts[1]]} {parts[0]}"
    return str(parts[0])


def attribution(letter: Letter) -> str:
    """'In a letter of 9 December 2021 to Dame Sara Thornton and Dame Vera Baird QC, Rachel
    Maclean MP (Minister for Safeguarding) wrote'."""
    when = format_date(letter.date)
    if when is None:
        opening = "In an undated letter"
    elif letter.date and len(letter.date) == 4:
        opening = f"In a letter from {when}"
    else:
        opening = f"In a letter of {when}"
    recipients = [p.name for p in letter.recipients]
    to = ""
    if recipients:
        names = recipients[0] if len(recipients) == 1 else (
            ", ".join(recipients[:-1]) + " and " + recipients[-1])
        to = f" to {names}"
    writer = letter.sender or "its writer"
    if letter.sender and letter.writer_named_by_reply is not None:  # the letter does not say
        by = format_date(letter.writer_named_by_reply)
        writer += f" (as the reply{f' of {by}' if by else ''} to it names its writer)"
    return f"{opening}{to}, {writer} wrote"


# Said after a quote that ends a letter whose published copy stops part-way (`complete:
# false`): "The dashboard does not currently monitor two important areas:" is all the letters
# hold of them, and the reader should know the rest was never published, not left out.
CUT_SHORT = " (the published copy of the letter stops there)"


def compose(chosen: list[ScoredSentence]) -> str:
    """The answer text: who said it (the writer, or the publisher's note on the letter),
    then the quotes, each with its [n]. Quotes of one source share one attribution."""
    groups: dict[tuple[str, bool], list[str]] = {}
    letters: dict[tuple[str, bool], Letter] = {}
    for n, sentence in enumerate(chosen, start=1):
        key = (sentence.letter.letter_id, sentence.quote.end <= sentence.letter.opening)
        letters[key] = sentence.letter
        groups.setdefault(key, []).append(f"\u201c{sentence.quote.text}\u201d [{n}]"
                                          + (CUT_SHORT if ends_a_cut_copy(sentence) else ""))
    parts = []
    for key, quotes in groups.items():
        said = preface_attribution(letters[key]) if key[1] else attribution(letters[key])
        parts.append(f"{said}: {' and '.join(quotes)}")
    return " ".join(parts)


def ends_a_cut_copy(sentence: ScoredSentence) -> bool:
    """The quote is the last of a letter whose published copy stops part-way."""
    letter = sentence.letter
    return letter.complete is False and not letter.text[sentence.quote.end :].strip()


def preface_attribution(letter: Letter) -> str:
    """'A note published with the letter of 23 September 2022 from Dame Vera Baird (...) to
    Rt Hon Brandon Lewis MP says': the publisher's words, not the writer's."""
    when = format_date(letter.date)
    of = f" of {when}" if when else ""
    who = f" from {letter.sender}" if letter.sender else ""
    to = f" to {', '.join(p.name for p in letter.recipients)}" if letter.recipients else ""
    return f"A note published with the letter{of}{who}{to} says"


def read_as_note(respelt: dict[str, str]) -> str:
    """'Reading "Humphreson" as "Humpherson".': an answer to a question whose names were
    respelt says which, so a wrong guess is seen at once ("" when none was)."""
    if not respelt:
        return ""
    readings = " and ".join(f"\u201c{typed}\u201d as \u201c{spelt}\u201d"
                            for typed, spelt in respelt.items())
    return f"Reading {readings}."
