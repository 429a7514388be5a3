"""What a letter's text says of a person a question names: that the letter is from or to
them or names them whole, that it reports their words, that it tells of a letter written to
them, or that they asked its writer to act. Read by `assistant.constraints` when it checks a
letter against the people a question names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.cue_matching import person_consistent
from assistant.cue_people import PersonCue
from indexer.models import Letter
from indexer.names import name_tokens


def reports_a_letter_to(person: PersonCue, text: str) -> bool:
    """The text says a letter was written to the person, whose letter the index lacks ("Dame
    Vera wrote to Tom Pursglove MP on this matter on 28 July 2022."): it answers "When did
    Baird write to Tom Pursglove?"."""
    return bool(re.search(rf"\bwr(?:ote|itten|ites|iting)\s+(?:(?:again|back|a\s+letter)\s+)?"
                          rf"to\s+(?:the\s+)?{re.escape(person.as_named)}\b", text, re.IGNORECASE))


def on_either_side(letter: Letter, person: PersonCue) -> bool:
    """The letter is from or to the person (or body) the question names."""
    return any(person_consistent(person, side) for side in (letter.sender, letter.recipient))


def mentions(letter: Letter, person: PersonCue) -> bool:
    """The letter is to or from the person (or body) the question names, or names them in
    its text, by the name given or as someone whose line gives them that role."""
    if on_either_side(letter, person):
        return True
    words = _name_words(letter.text)
    return any(_holds_whole(words, name) for name in (person.tokens, *person.bearers))


@lru_cache(maxsize=256)
def _name_words(text: str) -> tuple[str, ...]:
    """A letter's words as names are matched (`name_tokens`), in order, remembered: the same
    letter is checked for each of its sentences an answer ranks (`constraints.consistent_sentences`)."""
    return tuple(name_tokens(text))


def _holds_whole(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """The name's words stand together in the text's, in order (a word of the text's own
    between two of them at most: "Minister of State for Police"): "Police Grant Report" is
    not held by a letter saying "police", "grant" and "report" apart."""
    if not name:
        return False
    for start in (i for i, word in enumerate(words) if word == name[0]):
        at = start
        for token in name[1:]:
            at = next((j for j in range(at + 1, min(at + 3, len(words))) if words[j] == token), -1)
            if at < 0:
                break
        else:
            return True
    return False


# Before a name, words making it the one a letter was sent to ("your letters of 23 March to
# Stephen Kinnock MP and Lord Paddick"): not "according to", nor "in reply to".
_SENT_TO = re.compile(r"(?<!according\s)(?<!referring\s)(?<!reply\s)(?<!replying\s)"
                      r"(?<!response\s)(?<!responding\s)\bto\s+(?:the\s+)?"
                      r"(?:[A-Z][\w’'.-]*,?\s+){0,6}(?:and\s+)?$")


def only_written_to(person: PersonCue, text: str) -> bool:
    """Every time the text names the person as the question does, it is as one a letter
    was sent to: the letter's saying words are not theirs ("What did Lord Paddick ask?" had
    been answered with the Minister's thanks for copies of letters to him)."""
    mentions = [m.start() for m in re.finditer(rf"\b{re.escape(person.as_named)}\b", text,
                                               re.IGNORECASE)]
    return bool(mentions) and all(_SENT_TO.search(text[max(0, at - 120):at]) for at in mentions)


# A writer saying who asked them to do what they did ("At the request of the former Lord
# Chancellor, I ...", "The Committee asked me to ...").
_ASKED_OF_THE_WRITER = re.compile(r"\bat\s+the\s+(?:request|invitation|suggestion)\s+of\b|"
                                  r"\b(?:asked|invited|urged|requested)\s+(?:me|us)\b",
                                  re.IGNORECASE)


# Words telling that someone said something, or quoting them: what makes a sentence naming
# a person report their words ("The Home Office confirmed to Full Fact that ...", "the
# statement by Priti Patel"), where "production taken over from the National Crime Agency"
# reports nothing the agency said.
_SAYING = re.compile(r"[“”\"‘]|\b(?:sa(?:id|ys|y)|stated?|states|told|tells?|claim(?:ed|s)?|"
                     r"confirm(?:ed|s)?|advis(?:ed|es)|inform(?:ed|s)?|announc(?:ed|es)|"
                     r"argu(?:ed|es)|assert(?:ed|s)?|explain(?:ed|s)?|wr(?:ote|ites)|"
                     r"describ(?:ed|es)|report(?:ed|s)?|suggest(?:ed|s)?|warn(?:ed|s)?|"
                     r"insist(?:ed|s)?|acknowledg(?:ed|es)|accord(?:ing)?|statements?|"
                     r"comments?|remarks?|words|posts?|posted|tweet(?:ed|s)?|speech|answer(?:ed|s)?|"
                     r"repl(?:y|ied|ies)|respon(?:d|ded|ds|se)|letters?|commit(?:s|ted|ments?)?|"
                     r"promis(?:e|ed|es)|pledg(?:e|ed|es)|undert(?:ake|akes|ook|aking)|"
                     # "The Committee took evidence from the Chief Executive ... that ..."
                     r"(?:gave|give|gives|giving|took|take|takes|taking)\s+evidence)\b",
                     re.IGNORECASE)


def reports_words(text: str) -> bool:
    """The text tells that someone said something, or quotes them (`_SAYING`)."""
    return bool(_SAYING.search(text))


def says_who_asked_its_writer(text: str) -> bool:
    """The writer says who asked them to do what they did (`_ASKED_OF_THE_WRITER`)."""
    return bool(_ASKED_OF_THE_WRITER.search(text))
