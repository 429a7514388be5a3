"""How a question is written, read as asked: initialisms with stops as the letters write them,
an office's abbreviation written out ("the PM"), "what's" as "what is", the words wrapping it
in asking ("Can you tell me ...", "Do you know ...") and a request opening it ("Summarise
...") taken off, and a question they leave in a statement's order ("when Chote replied") put
in a question's. `assistant.cues.read_cues` reads cues from what is left. Split from
`assistant.cues` for length.
"""

from __future__ import annotations

import re

from assistant.terms import VERB_OF, data_table

# An initialism written with stops ("O.S.R."), read as the letters write it ("OSR").
_DOTTED_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")
# An abbreviation for an office the letters write out ("the PM"), read written out: "PM" was a
# name no letter holds, and "What did the PM say about the asylum backlog?" was declined.
_ABBREVIATIONS: dict[str, str] = data_table("question_words")["abbreviations"]
_ABBREVIATION = re.compile(r"(?<!\d )(?<!\d)\b(?:" + "|".join(map(re.escape, _ABBREVIATIONS))
                           + r")\b")  # not a time ("at 3 PM")
# A question word or pronoun with "'s" for "is" or "has" ("What's OSR's view ...?", "Who's been
# fact-checking ...?"), read whole as the patterns expect: "What's" hid the name after it, and
# "Who's Will Moy" was taken for a name. "has" before a past participle, else "is".
_CONTRACTED = re.compile(r"\b(what|who|where|when|why|how|that|there|here|it|he|she)['’]s\s+(\w+)",
                         re.IGNORECASE)
_PARTICIPLE = re.compile(r"(?:been|got|gotten|done|made|said|written|sent|taken|given|told|had|"
                         r"seen|shown|brought|found|kept|left|become|come|gone|\w+ed)$", re.IGNORECASE)


def _uncontracted(match: re.Match) -> str:
    verb = "has" if _PARTICIPLE.match(match.group(2)) else "is"
    return f"{match.group(1)} {verb} {match.group(2)}"


# Words wrapping a question in asking ("Can you tell me what ...", "Do you know when ...", "I'd
# like to know what ...", "Hey, ..."): the question is what they wrap ("I want to know who
# wrote to Katy Bourne" was declined, its asking for a writer unread).
_WRAPPER = re.compile(r"^\s*(?:(?:hi|hello|hey)\b[\s,!.]*)?(?:please\s+)?(?:(?:can|could|would|will)\s+"
                      r"you\s+(?:please\s+)?|do\s+you\s+know\s+|(?:i['’]d|i\s+would)\s+like\s+to\s+"
                      r"know\s+|i\s+(?:want|need)\s+to\s+know\s+|i(?:['’]m|\s+am)\s+(?:wondering|"
                      r"trying\s+to\s+find\s+out)\s+|i\s+wonder\s+|any\s+idea\s+)?", re.IGNORECASE)
# ... which keeps a statement's order ("Do you know when Chote replied to Kinnock?"): read as
# asked, "did" before the subject of a past verb ("when did Chote replied ..."; an irregular
# one as its verb: "why did Chote take ..."), as the patterns expect. Not "who wrote to X",
# whose wh-word is the subject, nor "how many ..." and the like, whose subject comes later.
_EMBEDDED = re.compile(r"(what|when|why|where|whom?|how)\s+(?!(?:did|does|do|is|was|are|were|has|"
                       r"have|had|will|would|can|could|should|may|might|must|many|much|long|"
                       r"often|far|soon)\b)", re.IGNORECASE)
# ... within this many words of the wh-word.
_SUBJECT_WORDS = 5


def _as_asked(question: str) -> str:
    """A wrapped question in a statement's order as a question's (`_EMBEDDED`)."""
    embedded = _EMBEDDED.match(question)
    if embedded is None:
        return question
    words = list(re.finditer(r"[\w’'%-]+", question[embedded.end():]))
    for word in words[1 : _SUBJECT_WORDS + 1]:
        verb = word.group().lower()
        if verb.endswith("ed") or verb in VERB_OF:
            at = embedded.end()
            return (f"{embedded.group(1)} did {question[at : at + word.start()]}"
                    f"{VERB_OF.get(verb, word.group())}{question[at + word.end():]}")
    return question


# A request opening the question ("Summarise what ...", "Show me the letter where ...") says
# what to do with the answer, not what it is about.
_REQUEST = re.compile(r"^\s*(?:please\s+)?(?:summari[sz]e|show\s+me|find|give\s+me|list|quote|"
                      r"outline|tell\s+me(?:\s+about)?)\b[\s:,]*", re.IGNORECASE)


def unwrapped(question: str) -> str:
    """The question with initialisms and contractions as the patterns expect, without the
    words wrapping it in asking; in a statement's order, as a question's."""
    question = _DOTTED_INITIALS.sub(lambda m: m.group().replace(".", ""), question)
    question = _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group()], question)
    question = _CONTRACTED.sub(_uncontracted, question)
    asked = _WRAPPER.sub("", question, count=1) or question
    return _as_asked(asked) if asked != question else question


def without_request(question: str) -> str:
    """The question without a request opening it ("Summarise what ...", "Tell me what ..."):
    what to do with the answer, not what it is about; in a question's order."""
    asked = _REQUEST.sub("", question) or question
    return _as_asked(asked) if asked != question else question
