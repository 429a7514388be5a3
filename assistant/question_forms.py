"""How questions ask for what they ask, as patterns: a commitment, a writer, a figure, who
someone is, and the words that make a question follow on from an earlier turn.
`assistant.cues.read_cues` reads them into `QuestionCues`; kept apart from it for length (how
questions ask about replies: `assistant.reply_forms`; questions asking for letters rather than
what they say: `assistant.letter_requests`).
"""

from __future__ import annotations

import re

from assistant.cue_sides import RECEIVING
from assistant.reply_forms import DID_ANYONE
from assistant.terms import AUXILIARY, content_words

COMMITMENT_QUESTION = re.compile(
    # "commit", "commitments"; not "committee"
    r"\b(commit(?:s|ted|ting|ments?)?\b|promis\w*|undert(?:ake|ook|aken|aking)\w*|pledg\w*|"
    r"agree[ds]?\s+to|"
    r"plan(?:s|ned)?\s+to|intend\w*|going\s+to|(?:will|would)\s+happen\s+next|happens\s+next|"
    # "What will the Authority do now?", "And what's OSR doing about it?"
    r"next\s+steps?|what\s+(?:will|would)\s+(?:[\w'’]+\s+){1,4}?do\b|offer\w*|"
    r"what(?:['’]s|\s+is|\s+are)\s+(?:[\w'’]+\s+){1,4}?doing\b|"
    r"ask\w*\s+(?:[\w'’]+\s+){1,4}?(?:to|for)|"
    # "What was the minister asked to do?", "What did she get asked to do?"
    r"(?:get|got|was|were|been|being)\s+asked\s+to|asked\s+to\s+do\b|"
    r"request\w*|"
    # "And what did she ask for?", "What did Stephen Kinnock ask for?" (not "the figures
    # asked for in Parliament": a bare "ask for" is never a participle)
    r"(?:she|he|they|we|I)\s+asked\s+for|asks?\s+for|"
    # "Is he asking for anything?" (not "about asking for asylum": a subject is asking)
    r"(?:(?:is|are|was|were)\s+[\w'’]+|(?:she|he|they|we|I)\s+(?:is|are|was|were))\s+asking\s+for|"
    # "What did Full Fact want OSR to do?", "Anything he wanted from them?" (not "What do
    # victims want from the system?", what the letter reports others want)
    r"want(?:s|ed)?\s+(?:[\w'’]+\s+){1,4}?to\s+do|"
    r"(?:he|she|they|we|I)\s+want(?:s|ed)?\s+from\s+(?:them|him|her|us|you|it))\b",
    re.IGNORECASE,
)
# ... and "What did Dame Rachel de Souza ask the Home Secretary in March 2023?": what was
# asked of someone; not "What did OSR ask the Home Office about?", a question put to them.
ASKED_OF = re.compile(r"\s*(?:and\s+)?what\s+did\b[^?]*\bask\s+(?![^?]*\babout\b)[^?]*\?\s*$",
                      re.IGNORECASE)
# "And what happens next?", "What are the next steps?": what a letter says will be done (a
# commitment question), in words no letter uses of its plans, which are no subject
WHAT_NEXT = re.compile(r"\b(?:(?:will|would)\s+happen|happens|comes)\s+next\b|\bnext\s+steps?\b",
                       re.IGNORECASE)
# What commitments and requests look like in a letter.
UNDERTAKING = re.compile(
    r"\b(will|shall|intends?\s+to|commit(?:ted|s)?\s+to|undertakes?|agreed?\s+to|plans?\s+to|"
    r"going\s+to|would\s+be\s+grateful|request(?:s|ed|ing)?|welcome\s+your\s+offer|"
    r"(?:I|we)\s+(?:would\s+)?(?:ask|urge|invite)|would\s+welcome|please)\b",
    re.IGNORECASE,
)
# "Who wrote to ...", "Who replied to ...", "Who complained to ..." (in a letter), and the
# yes-or-no forms: "Did anyone write to ...", "Has anybody written".
ASKS_WRITER = re.compile(r"\s*(?:and\s+)?(?:who\s+(?:(?:has|had|have)\s+(?:ever\s+)?(?:written|"
                         r"sent|signed)|wrote|sent|signed|was\s+writing|replied|"
                         r"responded|answered|complained|raised|urged|asked|queried)|"
                         rf"{DID_ANYONE}"
                         r"(?:write|wrote|written|sent|send|replied|reply|responded|respond)|"
                         # "Did Kinnock get a reply?": whether anyone wrote to him
                         rf"(?:did|has|have|had)\s+[\w'’ -]{{2,60}}?\s+{RECEIVING})\b",
                         re.IGNORECASE)


# "What is the National Referral Mechanism?", "What are violence reduction units?", "What does
# NRM stand for?": what a term means, which the letters say where they define it
# (`sentence_acts.defines`). A term of at most five words, ending the question.
ASKS_DEFINITION = re.compile(r"\s*(?:and\s+)?what\s+(?:(?:is|are)\s+(?:the\s+|an?\s+)?"
                             r"(?P<term>[\w’'-]+(?:\s+[\w’'-]+){0,4})|does\s+(?:the\s+)?"
                             r"(?P<short>[\w’'-]+)\s+(?:stand\s+for|mean))\s*\?*\s*$",
                             re.IGNORECASE)
# "How many ...?", "What was the percentage ...?": a figure is the answer
ASKS_QUANTITY = re.compile(r"\s*(?:(?:and|so)\s+)?(?:how\s+(?:many|much|big|large)|what(?:(?:\s+(?:was|"
                           r"were|is|are)|['’]s)\s+the\s+(?:[\w-]+\s+){0,2}?|\s+)(?:number|total|percentage|"
                           r"proportion|share|rate|figure|size)s?)\b", re.IGNORECASE)
# "What backlog figure did he cite?", "What knife crime figures did Claire Waxman give the
# committee?": the figures someone gave, which are numbers; not "Which figures did the
# campaigners say were mishandled?", asking which statistics
FIGURES_GIVEN = re.compile(r"\s*(?:(?:and|so)\s+)?what\s+(?:[\w'’-]+\s+){0,3}?(?:figures?|numbers?)\s+"
                           r"(?:did|had|has|have|does|do)\s+(?:[\w'’-]+\s+){1,5}?(?:give|cite|quote|"
                           r"use|provide|report)\b", re.IGNORECASE)
# "How much money did each unit receive?", "How much had the Home Office invested?": the
# figure is a sum of money
ASKS_MONEY = re.compile(r"\bhow\s+much\b(?:\s+[\w'’-]+){0,6}?\s+(?:money|funding|funds?|cash|costs?|"
                        r"spen[dt]|spending|invest(?:ed|ing|ment)?|budget(?:ed)?|paid|pay|grants?)\b",
                        re.IGNORECASE)
# "What did she say the dashboard cost to build?", "What was the cost of the review?": a sum of
# money answers, as for "How much ...?" (not "What did X say about the cost of ...?")
ASKS_COST = re.compile(r"\bwhat\s+(?:was|were|is|are|would\s+be)\s+the\s+(?:[\w'’-]+\s+){0,2}?"
                       r"(?:cost|price|budget)s?\s+of\b|\bcost(?:s|ed)?(?:\s+to\s+[a-z]+)?\s*\??\s*$|"
                       # "What was Dame Vera Baird's salary?", "What was the Commissioner's
                       # annual budget?"
                       r"\bwhat\s+(?:was|were|is|are)\b[^?]*\b(?:salary|salaries|wages?|fees?|budgets?)\b",
                       re.IGNORECASE)
# "What did OSR do with the report?", "what had he already done to correct the record?", "How
# did OSR follow up?": what someone did. Not what someone was asked, expected, going or
# obliged to do ("What did Kinnock want OSR to do?", "What would the Authority do?", "What did
# the regulator say the Home Office should do?").
_NOT_THEIR_DEED = (r"(?:(?!\b(?:recommend|suggest|want|ask|urge|expect|would|will|should|could|"
                   r"must|might|may|can|need|ought|to)\w*\b)[^?])*")
ASKS_DEED = re.compile(rf"\bdid\b{_NOT_THEIR_DEED}\bdo\b|\b(?:had|has|have)\b{_NOT_THEIR_DEED}"
                       r"\bdone\b|\bfollow(?:ed|s)?[\s-]+up\b|\bwhat\s+(?:action|steps)\b",
                       re.IGNORECASE)
# "Who did OSR think ought to do most of the fixing?", "Who replaced her?": a person or body
# is the answer (who wrote a letter is asked apart: ASKS_WRITER).
ASKS_WHO = re.compile(r"\s*(?:(?:and|so)\s+)?(?:who|whom)\b", re.IGNORECASE)
# "Who else had appeared before the committee with her?": someone besides those named so far
ASKS_WHO_ELSE = re.compile(r"\b(?:who|whom)\s+else\b", re.IGNORECASE)
# "Who else got a copy?", "Was anyone copied in?": those a letter says it was copied to
ASKS_COPIED = re.compile(r"^\s*(?:(?:and|so)\s+)?(?:who|whom|to\s+whom|(?:did|was|were|had)\b[^?]*"
                         r"\b(?:any(?:one|body)|others?)\b)[^?]*\b(?:cop(?:y|ies)|copied|cc(?:'?d)?)\b",
                         re.IGNORECASE)
# "Anything he wasn't happy about?", "What drawback did he mention?": a reservation, which
# letters set against what they grant ("However, we note that ...", "... but little of that
# work was reflected")
ASKS_RESERVATION = re.compile(
    r"\b(?:(?:not|\w+n['’]t)\s+(?:happy|satisfied|pleased|content|convinced)|unhappy|dissatisfied|"
    r"reservations?|caveats?|catch|downsides?|drawbacks?|any\s+(?:problems?|complaints?)|"
    r"(?:any|what)\s+(?:criticisms?|objections?|doubts?|worries|misgivings))\b", re.IGNORECASE)
# "How often does his department put out its figures?": a frequency ("each quarter")
ASKS_FREQUENCY = re.compile(r"\bhow\s+(?:often|frequently|regularly|many\s+times)\b", re.IGNORECASE)
# "Why can't anyone say how many victims there are?", "How come ...?", "What was the reason
# ...?": a reason, which letters give with "because", "as we were", "therefore"
ASKS_REASON = re.compile(r"^\s*(?:(?:and|so|but)\s+)?(?:why\b|how\s+come\b|what\s+(?:was|is|were|are)"
                         r"\s+(?:the\s+)?reasons?\b|for\s+what\s+reason\b)", re.IGNORECASE)
# "What did Kinnock think was the worst example ...?", "What was her main complaint?": the one
# thing singled out, which letters single out in words of their own ("Perhaps the most
# egregious example", "in particular"); not "most of the recommendations", a share, nor "the
# most senior official", who
ASKS_SINGLED_OUT = re.compile(r"\b(?:worst|best|most|least|biggest|largest|greatest|main|"
                              r"primary|foremost)\b(?!\s+(?:senior|of)\b)", re.IGNORECASE)
# "What examples did OSR give of the Home Office doing better?": an example ("For example, ...")
ASKS_EXAMPLE = re.compile(r"\bexamples?\b|\binstances?\s+of\b", re.IGNORECASE)
# "When were the letters between Full Fact and OSR published?": when letters were made public
# (with ASKS_WHEN), which a publisher's note says
ASKS_PUBLISHED = re.compile(r"\b(?:letters?|correspondence|repl(?:y|ies)|exchange)\b[^?]*\b"
                            r"(?:published|released|made\s+public|put\s+online)\b", re.IGNORECASE)
# "What did X tell Y?": what someone said or wrote, the rest of the question saying of what
WHAT_DID = re.compile(r"\s*(?:(?:and|so)\s+)?what\s+(?:did|had|has|does)\b", re.IGNORECASE)
# "Which three claims did he list?", "What two things did OSR want improved?", "Which
# ministers' claims did Chote list?", "Which claims did he single out?" (a plural asked for,
# not "Which letters ...?", read by `assistant.listing`): several things, which a letter most
# often gives as a list
ASKS_LIST = re.compile(r"^\s*(?:(?:and|so)\s+)?(?:which|what)\s+(?:two|three|four|five|six|seven|"
                       r"eight|nine|ten|\d{1,2})\s+\w|^\s*(?:(?:and|so)\s+)?(?:which|what)\b[^?]*"
                       r"\b(?:did|does|do|had|has|have|was|were)\b[^?]*\blist(?:ed)?\b|"
                       r"^\s*(?:(?:and|so)\s+)?(?:which|what)\s+(?!letters\b)[a-z]+[^s\W]s\s+"
                       r"(?:did|do|does|had|has|have|were|are)\b", re.IGNORECASE)
# "How did the Home Office respond to OSR's letter?": the exchange as a whole, both sides of it
# (`Assistant._with_the_letter_answered`), not "What did OSR say in reply about X?".
ASKS_HOW = re.compile(r"\s*(?:(?:and|so)\s+)?how\b", re.IGNORECASE)
# "Who is Will Moy?", "What role does Ed Humpherson have?", "What was Claire Waxman's job?":
# who someone is, which their letters' lines and introductions say (`assistant.listing`)
# Not "Who was with her at the committee?", "Who was responsible for ...?", "Who was Ed
# Humpherson writing to about the uplift?": who did something; nor "Who was the Home Office
# supposed to consult?": whom it was to act on
ASKS_IDENTITY = re.compile(r"\s*(?:and\s+)?(?:who\s+(?:is|was|are|were)\b"
                           r"(?![^?]*\b[a-z]+ing\s+(?:to|about|for|on|at|back)\b)"
                           r"(?![^?]*\b(?:supposed|expected|meant|required|obliged|due|going|able"
                           r"|asked|told)\s+to\b)(?!\s+(?:the\s+)?"
                           r"(?:writer|author|sender|recipient)s?\b)(?!\s+(?:with|at|on|by|"
                           r"behind|among|present|there|involved|responsible|copied)\b)|what\s+(?:role|job|position|"
                           r"post|title)s?\s+(?:does|did|do|has|had)\b|what\s+(?:is|was)\s+[^?]+?"
                           r"['’]s?\s+(?:role|job|position|post|title)\b|"
                           # "What does Maya Esslemont do?"; not "What did OSR do?", an act,
                           # nor "What does OSR want HMICFRS to do?", "... should do?"
                           r"what\s+(?:does|do)\s+[^?]+?(?<!\bto)(?<!\bshould)(?<!\bwould)"
                           r"(?<!\bcould)(?<!\bwill)(?<!\bmust)(?<!\bcan)\s+do\s*\??\s*$)",
                           re.IGNORECASE)
# "Anything in the letters about trust in the Met?", "What do the letters say about ...?": words
# naming the whole correspondence say where to look, not what about; searched for, they bring
# the letters' thanks for letters ("Thank you for your letter of ...") ahead of the answer.
THE_CORRESPONDENCE = re.compile(
    r"\b(?:in|from|across|among|within|through)\s+(?:the|these|those|your|any|all(?:\s+the)?)\s+"
    r"(?:letters|correspondence)\b|\b(?:the|these|any|all(?:\s+the)?)\s+(?:letters|correspondence)"
    r"\s+(?=(?:say|said|show|showed|tell|mention)\b)", re.IGNORECASE)
# "List the letters from OSR", "Show me all the letters to the Minister"
LIST_REQUEST = re.compile(r"\s*(?:please\s+)?(?:list|show(?:\s+me)?|give\s+me|find)\s+(?:all\s+)?"
                          r"(?:of\s+)?(?:the\s+)?letters\b", re.IGNORECASE)
# Words that point back to an earlier turn: "And ...?", "she", "that letter", "what about".
FOLLOW_UP = re.compile(
    r"^\s*(?:and|also|but|so|then|what\s+about|how\s+about)\b|\b(?:she|he|they|her|his|him|"
    r"their|them|it|its|that|this|those|these|the\s+reply|the\s+response|anyone|anybody|"
    # "Has the department improved since then?": a time the earlier turn set
    r"(?:since|by|until|back)\s+then)\b",
    re.IGNORECASE,
)
# A follow-up asking nothing of its own ("And the year before?", "What about 2014?", "And for
# convictions?"): no word of it asks a question, so it asks what the earlier question asked
# (how many, when) of something else.
_ASKING_WORD = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how|did|does|do|is|are|"
                          r"was|were|has|have|had|can|could|will|would|should|may|might)\b",
                          re.IGNORECASE)
_WHAT_ABOUT = re.compile(r"\s*(?:(?:and|so|but)\s+)?(?:what|how)\s+about\b", re.IGNORECASE)


def is_elliptical(question: str) -> bool:
    """No word of the question asks anything (beside "what about", "how about")."""
    return not _ASKING_WORD.search(_WHAT_ABOUT.sub(" ", question, count=1))


# A year a follow-up names by the earlier question's ("And the year before?" after a question
# about 2015: 2014), with the years it moves by.
RELATIVE_YEAR = re.compile(r"\b(?:(?:the|a)\s+year\s+(?P<a>before|after|earlier|later|on)|the\s+"
                           r"(?P<b>previous|preceding|prior|following|next)\s+year)\b",
                           re.IGNORECASE)
YEARS_MOVED = {"before": -1, "earlier": -1, "previous": -1, "preceding": -1, "prior": -1,
               "after": 1, "later": 1, "on": 1, "following": 1, "next": 1}
# Words in a follow-up pointing back at what the earlier answer said ("Did Rycroft accept
# that?"), not at its people ("What did she say her job was?").
POINTS_TO_CONTENT = re.compile(r"\b(?:that|this|it|these|those)\b", re.IGNORECASE)
# Verbs of taking a position on what someone else said ("Did the regulator accept that?"):
# the one who does so answers in a letter of their own.
TAKES_A_POSITION = re.compile(r"\b(?:accept(?:ed|s)?|agree[ds]?|reject(?:ed|s)?|refuse[ds]?|"
                              r"dispute[ds]?|concede[ds]?|approve[ds]?)\b", re.IGNORECASE)
# "What had Field said about those figures?", "Why had she written to him?": the past perfect
# asks for what was done before the letter the conversation is about, which that letter
# restates ("You pointed out that ..."), not for a reply to it (`assistant.conversation`).
# Not "Had he replied?", which asks whether.
BEFORE_THE_LETTER = re.compile(r"^\s*(?:and\s+)?(?:what|which|how|why|where|when)\b[^?]{0,40}?"
                               r"\bhad\b", re.IGNORECASE)
# Follow-ups are short: a long question stands on its own, unless it points at the letter
# the conversation is about ("Did the regulator have anything good to say about the Home
# Office in that letter?", `THAT_LETTER`).
MAX_FOLLOW_UP_WORDS = 14
THAT_LETTER = re.compile(r"\b(?:that|this|the\s+same)\s+(?:letter|reply|response)\b", re.IGNORECASE)
# A question this short that names nobody ("When was the claim made?") also follows on.
MAX_BARE_WORDS = 8
# "When Sir Robert Chote answered Stephen Kinnock, what did he say ...?": "when" opens a
# clause, and the question is asked after it
WHEN_CLAUSE = re.compile(rf"\s*(?:and\s+)?when\b[^?]*?,\s*(?:what|how|who|whom|why|which|where|"
                         rf"{AUXILIARY})\b", re.IGNORECASE)
# A question asking when: "When ...?", "On what date ...?", "Since when ...?", "What year was
# the data for?", "Which years did their complaint cover?".
ASKS_WHEN = re.compile(r"\s*(?:and\s+)?(?:since\s+when|when|(?:(?:on|in|for)\s+)?(?:what|which)\s+"
                       r"(?:dates?|days?|years?|months?))\b", re.IGNORECASE)
# "What did Jenrick thank the Authority's chair for?": the letter's thanks are what is asked
ASKS_THANKS = re.compile(r"\bthank(?!s\s+to\b)", re.IGNORECASE)  # not "Thanks to whom?"
# Asked within the question: "What did Chote tell Kinnock about when the backlog was cleared?"
ASKS_WHEN_WITHIN = re.compile(r"\babout\s+when\b", re.IGNORECASE)
# "When is the next review due?", "And when would they be in touch?": when something is yet to
# happen, which no letter's own date says (not "When is the letter dated?")
ASKS_WHEN_AHEAD = re.compile(r"\s*(?:and\s+)?when\s+(?:is|are|will|would|shall|should|does|do)\b"
                             r"(?![^?]*\b(?:dated|written|sent|signed|published|received)\b)",
                             re.IGNORECASE)
# "What deadline did she give?", "By when ...?", "How long did the Home Office have ...?": a
# time or a span of time answers
ASKS_TIME_SPAN = re.compile(r"\b(?:what|which)\s+deadlines?\b|\bby\s+when\b|"
                            r"^\s*(?:and\s+)?(?:by\s+|for\s+)?how\s+long\b", re.IGNORECASE)
# A span of time: "within six months", "two months after", "by one month", "for some time",
# "since 2014"
TIME_SPAN = re.compile(r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                       r"twelve|eighteen|several|a\s+few)\s+(?:days?|weeks?|months?|years?|"
                       r"hours?)\b|\bfor\s+(?:some|a\s+(?:long|short|little))\s+(?:time|while)\b|"
                       r"\bsince\s+(?:\d{4}|(?-i:[A-Z])\w+\s+\d{4})", re.IGNORECASE)
# What a sentence says of what is yet to happen: "my officials will make contact", "the next
# publication, scheduled for 27 July 2022", "in due course".
SPEAKS_AHEAD = re.compile(r"\b(?:will|shall|intends?\s+to|plans?\s+to|aims?\s+to|expects?\s+to|"
                          r"going\s+to|next|upcoming|forthcoming|scheduled|in\s+due\s+course|"
                          r"shortly|soon|later\s+this|by\s+the\s+end\s+of)\b", re.IGNORECASE)
# A question asking for what a letter says as a whole ("Summarise X's letter to Y", "the gist
# / main points of ..."), when it names nothing it is about. Not "What did X write to Y
# about?": its answer is the sentence saying what the letter is about, often the first.
# "What did X write to Y about (in January 2024)?", "What was Will Moy's letter about?": the
# letter's subject, which the sentence saying why it is written gives ("I am writing to you in
# relation to ..."); so too for why it was written ("Why did X write to Y?", "What prompted
# X's letter?", "Which question led X to write to Y?", "What was the point of X's letter to
# Y?"), which that sentence says as well.
_WROTE = r"(?:wr(?:ite|ote|iting|itten)|contact(?:ed|ing)?|g[eo]t\s+in\s+touch(?:\s+with)?)"
ASKS_SUBJECT = re.compile(
    r"\b(?:wr(?:ite|ote|iting|itten)|letters?)\b[^?]*\babout"
    r"(?:\s+(?:in|on|from|of|dated)\b[^?]*)?\s*\??\s*$|"
    # "Why did X write to Y (in March 2023)?", "Why did X contact Y?"; not "Why did X write
    # that ...?" nor "Why did X write back so late?"
    rf"^\s*(?:and\s+)?why\s+(?:did|had|has|have|was|were|would)\b[^?]*?\b{_WROTE}\b"
    r"(?![^?]*\b(?:that|so|late|long|back|again|such|like)\b)[^?]*\??\s*$|"
    rf"\b(?:prompted|led|caused|triggered|spurred)\b[^?]*\b(?:{_WROTE}|letters?)\b|"
    r"\b(?:purpose|reason|point|aim)\s+(?:of|for|behind|in)\s+[^?]*\b(?:letters?|writing)\b",
    re.IGNORECASE)
# ... whose words of asking why ("contact", "prompted", "the point of") say nothing of what the
# letter is about
PURPOSE_WORDS = frozenset(content_words("contact contacted contacting touch prompt prompted "
                                        "led caused triggered spurred purpose reason point aim"))
GIST = re.compile(r"^\s*(?:please\s+)?(?:summari[sz]e|outline)\b|\b(?:summary|gist|overview|"
                  r"(?:main|key)\s+points?)\b", re.IGNORECASE)
# The subject a question asks about: the words after "about", "regarding" or "concerning", up
# to where a clause or the question's own verb begins ("What did the Children's Commissioner
# say about school exclusions?"); not a clause ("about how the new law would affect ...").
_ABOUT = re.compile(r"\b(?:about|regarding|concerning)\s+(?!(?:how|what|when|where|why|whether|"
                    r"who|which|if)\b)([^?]+)", re.IGNORECASE)
# "Did she mention stop and search?", "Has OSR raised the dashboard?": whether a letter takes
# up a subject, which is named after the verb
_MENTIONED = re.compile(r"^\s*(?:and\s+)?(?:did|does|do|has|have|had)\b[^?]*?\b(?:mention(?:ed)?|"
                        r"discuss(?:ed)?|raised?|refer(?:red)?\s+to|(?:bring|brought)\s+up)\s+"
                        r"(?!(?:how|what|when|where|why|whether|who|which|if|it|this|that|them|"
                        r"anything|something)\b)([^?]+)", re.IGNORECASE)
# what a question asking how many counts, up to its verb's auxiliary ("How many areas got the
# extra money?" names no auxiliary: its verb cannot be told from the noun)
_COUNTED = re.compile(rf"^\s*(?:and\s+)?how\s+many\s+((?:[\w'’-]+\s+){{1,5}}?)(?=(?:{AUXILIARY}|will|"
                      r"would)\b)", re.IGNORECASE)
_CLAUSE = re.compile(rf"\b(?:{AUXILIARY}|since|after|before|when|"
                     r"while|that|which|who|whom|whose|where|if|whether|because|according)\b.*",
                     re.IGNORECASE)
# Words of a subject that do not name it: when or how much ("her job earlier that year"), a
# verb's or an adjective's forms ("the campaigners complained of", "unverifiable claims").
_NOT_NAMING = frozenset({"earlier", "later", "actually", "really", "still", "already", "ever",
                         "recently", "previously", "first", "last"})
_VERB_OR_ADJECTIVE = re.compile(r"(?:ing|ed|ly|able|ible)$")


def subject_asked(question: str) -> tuple[str, str] | None:
    """The subject the question asks about, if it names one: its words ("her trips to
    hotels"), and all the question says after "about" ("her trips to hotels where lone
    children stay"), which says what the subject means."""
    match = _ABOUT.search(question) or _MENTIONED.match(question)
    subject = _CLAUSE.sub("", match.group(1)).strip(" ,") if match else ""
    return (subject, match.group(1).strip()) if match and subject else None


def subject_counted(question: str) -> tuple[str, str] | None:
    """What a question asking how many counts ("knife crime offences" of "How many knife crime
    offences were recorded in London in 2021?"), and all it says after "how many": the
    subject the letters must take up (`grounding`). `QuestionCues.counted` reads the words a
    figure must count more loosely, up to three words with no auxiliary required."""
    match = _COUNTED.match(question)
    return (match.group(1).strip(), question[match.start(1):].strip(" ?")) if match else None


# A letter named by what it is about: "the Illegal Migration Bill letter", "the welcome
# letter", "their letter on modern slavery data" (its title most often says so).
_LETTER_NAMED = re.compile(r"\bthe\s+((?:[\w'’-]+\s+){1,4}?)(?=letters?\b)|"
                           r"\bletters?\s+(?:about|on|regarding|concerning)\s+([^?,;]+)",
                           re.IGNORECASE)


def letter_named_by(question: str) -> str:
    """The words the question names a letter by, what it is about ("Illegal Migration Bill"
    of "Summarise the Illegal Migration Bill letter", "modern slavery data" of "their letter
    on modern slavery data"), or "" when it names none so. Not whose it is ("the
    campaigners' letter")."""
    matches = list(_LETTER_NAMED.finditer(question))
    about = [_CLAUSE.sub("", m.group(2)) for m in matches if m.group(2)]
    return " ".join(about or [word for m in matches if m.group(1) for word in m.group(1).split()
                              if not word.endswith(("'s", "’s", "'", "’"))])


def naming_words(subject: str) -> dict[str, str]:
    """The words naming a subject, by stem: in lower case (names are checked as names,
    `assistant.unknown_names`), whole (not "young-looking"), neither of time nor degree nor a
    verb's or adjective's form."""
    return {t: w for t, w in content_words(subject).items()
            if w[:1].islower() and "-" not in w and w.lower() not in _NOT_NAMING
            and not _VERB_OR_ADJECTIVE.search(w.lower())}
