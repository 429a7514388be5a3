"""What a letter's sentence does, as the sentence selector (`assistant.answer`) weighs it:
performs an act in the writer's first person ("I suggest ..."), says who is writing, tells
its reader what they wrote, is a heading, or reports someone else's words.
"""

from __future__ import annotations

import re

from assistant.appositions import names
from assistant.bodies import spelt_out
from assistant.cue_matching import person_matches
from assistant.cue_people import NOT_PEOPLE
from assistant.cues import QuestionCues
from assistant.phrasal import plain_words
from assistant.terms import ACT_FAMILIES, JUDGEMENT_TERMS, SPEECH_ACT_TERMS, stem
from indexer.models import Letter
from indexer.names import name_tokens
from indexer.sentences import sentence_spans
from indexer.store.terms import meaning_words

# A reply telling its reader what they wrote ("You raised an issue regarding ...").
_RESTATES = re.compile(r"\s*(?:(?:I|We)\s+(?:recognise|recognize|note|understand|know|acknowledge|"
                       r"appreciate|are\s+aware|am\s+aware)\s+that\s+)?"
                       r"(?:[Yy]ou|Your\s+(?:letter|e-?mail|note))\s+(?:\w+\s+){0,2}?(?:raised|gave|give|"
                       r"highlighted|highlight|pointed|noted|asked|mentioned|set\s+out|referred|"
                       r"expressed|described|said|suggested|questioned|drew|draw)\b")
# A list item's mark at the start of a line: a bullet, a dash, or a number ("1.", "2)").
_LIST_ITEM = re.compile(r"[ \t]*(?:[•●▪◦‣∙·*–-]|\d{1,2}[.)])[ \t]+\S")
# A line of capitalised words ("Prosecutions and Convictions").
_HEADING = re.compile(r"(?:[A-Z0-9][\w’'-]*|and|of|the|for|in|on|to|&)"
                      r"(?:\s+(?:[A-Z0-9][\w’'-]*|and|of|the|for|in|on|to|&)){0,7}")
# "• On 19 December Robert Jenrick, the Minister for Immigration, said that ..."
_REPORTS_A_CLAIM = re.compile(
    r"^\W*(?:On\s+[^,]{3,40}?,?\s+)?(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}"
    r"(?:,\s[^,]{3,60},)?\s+(?:has\s+|had\s+)?(?:said|stated|claimed|announced|argued|asserted)\b")
# A quotation's opening mark (read by `assistant.quotes` too, which finds its closing one),
# and the comma or colon ending the words introducing it.
OPENING_MARK = re.compile(r"\s*([“\"])")
_INTRODUCES = re.compile(r"[,:]$")
# How far before a quotation the words introducing it are looked for.
INTRODUCTION_CHARS = 300
# How writers say who they are writing as.
_INTRODUCTION = re.compile(r"\b(?:as\s+(?:the\s+)?[A-Z][\w’' -]+,\s+(?:I|we)\b|"
                           r"(?:I|[Ww]e)\s+(?:am|are)\s+writing|(?:I|[Ww]e)\s+write\b)")
# "I am copying this letter to ...", "cc: ...", "A copy of this letter goes to ...": whom a
# letter says it was copied to.
_COPIED_TO = re.compile(r"\b(?:copying|copied\s+to|copy\s+of\s+this\s+letter)\b|^\s*cc\b",
                        re.IGNORECASE | re.MULTILINE)
_SETTING_AGAINST = re.compile(r"\b(?:however|but|although|unfortunately|regrettably|sadly)\b",
                              re.IGNORECASE)
# How often something happens: "each quarter", "every year", "monthly", "twice a year".
_FREQUENCY = re.compile(
    r"\b(?:(?:each|every|per|once\s+a|twice\s+a)\s+(?:day|week|fortnight|month|quarter|year)|"
    r"(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|routinely|regularly))\b",
    re.IGNORECASE)
# A reason given: "because", "as we were attempting to confirm ...", "therefore", "so that",
# "due to", "At the request of the former Lord Chancellor, I ...". Not "As the regulator, ..."
# (who the writer is) nor "as set out in" (a source).
_REASON = re.compile(
    r"\b(?:because|therefore|thus|hence|so\s+that|in\s+order\s+to|due\s+to|owing\s+to|"
    r"(?:important|essential|necessary|vital)\s+(?:\w+\s+){0,3}?to\s+(?:allow|enable|ensure|avoid|prevent)\b|"
    r"given\s+that|as\s+a\s+result|for\s+(?:this|that|these|those)\s+reasons?|the\s+reasons?\b|"
    r"at\s+the\s+request\s+of|since\s+(?:we|I|they|he|she|it|there)\s|"
    r"as\s+(?:we|I|they|he|she|it|there)\s+(?:\w+\s+){0,2}?(?:is|are|was|were|am|have|has|had|do|does|"
    r"did|can|could|will|would|share|believe|consider)\b)", re.IGNORECASE)
# Something singled out: "Perhaps the most egregious example", "Most of our recommendations",
# "in particular", "above all".
_SINGLES_OUT = re.compile(r"\b(?:most|least|worst|best|biggest|largest|greatest|main|chief|primary|"
                          r"foremost|particularly|especially|above\s+all|in\s+particular)\b",
                          re.IGNORECASE)
# An example given: "For example, the department has introduced ...", "such as", "e.g.", "as we
# did for Albanians in small boats"
_EXAMPLE = re.compile(r"\b(?:for\s+(?:example|instance)|such\s+as|e\.g\.|"
                      r"as\s+(?:we|I|they|he|she)\s+did\s+(?:for|with|in)\b)", re.IGNORECASE)
# A publisher's note saying when the letter was made public, and nothing else
_PUBLICATION_NOTE = re.compile(r"\s*(?:this|the)\s+(?:letter|reply|response|correspondence)\s+"
                               r"(?:was|were|has\s+been)\s+(?:\w+ly\s+)?(?:published|released|made\s+public)\b",
                               re.IGNORECASE)
# "I suggest", "we would urge", "I also acknowledge": the writer's first person and the words
# after it, where the act a question asks about ("What did X suggest?") is performed.
_FIRST_PERSON = re.compile(r"\b(?:I|we|We)\s+((?:[a-z]+\s+){0,2}[a-z]+)")


def restates_the_reader(sentence: str) -> bool:
    """The sentence tells its reader what they wrote ("Your letter highlighted ...")."""
    return bool(_RESTATES.match(sentence))


def is_a_heading(sentence: str) -> bool:
    """The sentence is a line of capitalised words: a heading, not what was said."""
    return bool(_HEADING.fullmatch(sentence.strip()))


def reports_unasked_words(cues: QuestionCues, letter: Letter, start: int, end: int) -> bool:
    """The sentence letter.text[start:end] reports someone else's words the question does
    not ask about (`sentence_weights.REPORTED_CLAIM_WEIGHT`): it says someone said, stated
    or claimed something, and the question names no one it names, in the sentence's words
    or another the letters give them (`PersonCue.other_names`: "the Prime Minister said"
    for Rishi Sunak); or it is words the letter quotes, and the question names no one but
    the writer (whose quoted words they are not said: "What did Robert Jenrick tell the
    Commons?" asks for the quotation of his statement)."""
    sentence = letter.text[start:end]
    # ... nor anyone by a description no line gives ("the police minister"), who may be
    # the one quoted
    if _within_quotation(letter.text, start, end) and not cues.unplaced and all(
            person_matches(p, letter.sender) for p in cues.people):
        return True
    if _REPORTS_A_CLAIM.match(sentence) is None:
        return False
    return not any(names(p, sentence, [letter.date]) for p in cues.people)


def _within_quotation(text: str, start: int, end: int) -> bool:
    """The sentence text[start:end] is words the letter quotes: opened by a quotation mark
    not closed before it in its paragraph, or by its own."""
    paragraph = text.rfind("\n", 0, start) + 1
    before = text[paragraph:start] + text[start:end].lstrip()[:1]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


# The writer saying, in the first person, what they did ("Today we wrote to ...", "we have
# shared your report", "I clarified this matter"): a past or perfect verb after "I" or "we".
_DEED = re.compile(r"\b(?:I|we|We)\s+(?:(?:have|has|had|also|then|now|today|recently|already|"
                   r"subsequently)\s+){0,3}(?!been\b|need|used\b|concerned\b)"
                   r"(?:[a-z]+ed|wrote|met|sent|spoke|took|made|gave|held|began|put)\b")


def reports_deed(sentence: str) -> bool:
    """The writer says in this sentence what they did (`sentence_weights.DEED_WEIGHT`)."""
    return bool(_DEED.search(sentence))


# A name in a sentence: an initialism, or two or more capitalised words ("the Home Office and
# the Office for National Statistics"). One opening the sentence is not counted: its first
# word is capitalised anyway ("The Committee took evidence"), and so, for now, is an
# initialism opening it ("HMICFRS inspections ...").
_NAME = re.compile(r"\b(?:[A-Z]{2,}|[A-Z][a-z]+(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][a-z]+)+)\b")


def names_someone_else(sentence: str, cues: QuestionCues) -> bool:
    """The sentence names a person or body besides those the question names (`answer.
    WHO_WEIGHT`): "Most of our recommendations are for the Home Office and the Office for
    National Statistics" for "Who did OSR think ought to do most of the fixing?"."""
    # the people it names, and any name whose words it uses ("the rape review": a sentence's
    # "Rape Review" names no one else); as people's tokens are read: "the Home Office" named
    # is ("home",), "office" naming no one
    named = set(name_tokens(cues.question)).union(*(person.tokens for person in cues.people))
    return any(found.start() > 0 and not set(name_tokens(found.group())) - NOT_PEOPLE <= named
               for found in _NAME.finditer(sentence))


# A plural noun after "the" names things, not an act asked about: "Which bodies got most of
# the recommendations?" asks who got them, not for the sentence saying "We recommend ...".
_THE_PLURAL = re.compile(r"\b(?:the|these|those)\s+[a-z]+s\b", re.IGNORECASE)


def asked_acts(question: str) -> set[str]:
    """The speech acts and judgements a question asks about, as stems ("suggest"); a
    judgement asked for in one word is performed in any of theirs ("What did OSR conclude?":
    "We consider that ..."). Chosen on the tuning set: citations 65.1% -> 65.4% (g15); with
    "think" and "believe" among them, one more gained and one lost. So too agreement
    (`terms.ACT_FAMILIES`), asked for in a phrasal verb's plain words as well ("Did the
    regulator go along with ...?"). Not a plural noun after "the" (`_THE_PLURAL`): tuning
    (602, session 43) citations 79.4% -> 79.6% (j27), none lost; probes MRR .892 -> .905."""
    stems = {stem(word) for word in meaning_words(_THE_PLURAL.sub(" ", question))}
    acts = stems & (SPEECH_ACT_TERMS | JUDGEMENT_TERMS)
    if acts & JUDGEMENT_TERMS:
        acts |= JUDGEMENT_TERMS
    stems |= {stem(word) for word in plain_words(question)}
    for asking, performing in ACT_FAMILIES:
        if stems & asking:
            acts |= performing
    return acts


def performs(sentence: str, acts: set[str]) -> bool:
    """The writer does in this sentence, in the first person, one of these speech acts
    (stems): "I suggest you look to provide alternative data" for {"suggest"}."""
    return any(stem(word) in acts for match in _FIRST_PERSON.finditer(sentence)
               for word in match.group(1).split())


def sets_against(text: str) -> bool:
    """The text sets what it says against something granted ("However, we note that these
    figures are ...", "... but little of that work was reflected in the Bill.")."""
    return bool(_SETTING_AGAINST.search(text))


def gives_a_frequency(text: str) -> bool:
    """The text says how often something happens ("as we do each quarter in our
    departmental statistics")."""
    return bool(_FREQUENCY.search(text))


def gives_a_reason(text: str) -> bool:
    """The text gives a reason ("I apologise for the delay in responding, as we were
    attempting to confirm ...", "... an undercount because many cases ... remain hidden")."""
    return bool(_REASON.search(text))


def singles_out(text: str) -> bool:
    """The text singles something out ("Perhaps the most egregious example this week was
    ...", "Most of our recommendations are for ...")."""
    return bool(_SINGLES_OUT.search(text))


def gives_an_example(text: str) -> bool:
    """The text gives an example ("For example, the department has introduced new official
    statistics ...", "such as ...", "... as we did for Albanians in small boats")."""
    return bool(_EXAMPLE.search(text))


def notes_publication(text: str) -> bool:
    """The text is a publisher's note saying when its letter was made public ("This letter
    was published retrospectively on 23 May 2023"): it answers when, not what was said."""
    return bool(_PUBLICATION_NOTE.match(text))


def names_copies(text: str) -> bool:
    """The text says whom its letter was copied to ("I am copying this letter to Paul
    Trenell, ...")."""
    return bool(_COPIED_TO.search(text))


def introduction_of(text: str, start: int) -> int | None:
    """Where the words introducing a quotation that opens at `start` of the letter's text
    begin: "The Minister stated," on the line before "“there were 149,769 police officers
    in March 2024 ...”", the sentence before it (`indexer.sentences.sentence_spans`, short
    ones too: this is too short to be quotable) when it ends in a comma or colon. Who said
    the words is there alone. None when no quotation opens at `start`, or nothing
    introduces it."""
    if not OPENING_MARK.match(text, start):
        return None
    window = max(0, start - INTRODUCTION_CHARS)
    before = sentence_spans(text, window, start)
    if not before or not _INTRODUCES.search(text[slice(*before[-1])]):
        return None
    opening = before[-1][0]
    return None if opening == window > 0 else opening  # cut by the window: too far back


def with_introduction(text: str, start: int, end: int) -> str:
    """The letter's words from `start` to `end`, and the words introducing them when they
    open a quotation (`introduction_of`): who said them, for the checks of whose words a
    sentence gives."""
    introduced = introduction_of(text, start)
    return text[start if introduced is None else introduced : end]


def introduces_its_writer(text: str) -> bool:
    """The text says who is writing, or in what capacity ("As Independent Anti-Slavery
    Commissioner, I am writing ...")."""
    return bool(_INTRODUCTION.search(text))


def defines(sentence: str, term: str) -> bool:
    """The sentence says what the term is: the term (or its initials in brackets after it)
    followed by an apposition or "is a/the" ("the National Referral Mechanism (NRM), the
    Government's framework for ...", "Modern slavery is a term for ..."), or, for initials,
    the words they stand for ("National Referral Mechanism (NRM)")."""
    named = r"\s+".join(re.escape(word) for word in term.split())
    apposition = (rf"\b{named}\b(?:\s*\([A-Z][A-Za-z]{{1,8}}\))?(?:,\s*(?:the|an?)\s|"
                  r"\s+(?:is|are)\s+(?:the|an?)\s)")
    return bool(re.search(apposition, sentence, re.IGNORECASE)
                or term.isupper() and term.lower() in spelt_out(sentence))


def list_end(text: str, end: int, within: int) -> int | None:
    """Where the list beginning on the line after `end` ends: its items are the lines that
    open with a list mark (`_LIST_ITEM`), blank lines between them, as many as end within
    `within` characters of `end`, and the first whatever its length. None when no list
    begins there."""
    line_start = text.find("\n", end)
    if line_start == -1 or text[end:line_start].strip():
        return None
    last = None
    for line in re.finditer(r"[^\n]*", text[line_start:]):
        item = line.group()
        if not item.strip():
            continue
        if not _LIST_ITEM.match(item):
            break
        item_end = line_start + line.start() + len(item.rstrip())
        if last is not None and item_end > end + within:
            break
        last = item_end
    return last


def introduces_a_list(text: str, start: int, end: int) -> bool:
    """The sentence of `text` from `start` to `end` ends with a colon and a list follows it
    ("... in the following instances:" and its bullets)."""
    return text[start:end].rstrip().endswith(":") and list_end(text, end, 0) is not None

