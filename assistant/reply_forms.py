"""How questions ask about replies, as patterns: whether a letter was answered, what was said
back, how long a reply took, whether someone replied (`assistant.cues.read_cues` reads them
into `QuestionCues`; the rest of how questions ask in `assistant.question_forms`)."""

from __future__ import annotations

import re

from assistant.cue_sides import GETTING_A_REPLY
from assistant.terms import AUXILIARY

# Before a verb, words saying whether it could be done: "Did OSR accept that the department
# couldn't answer the question?", "Did the department think it could answer it?" ask what
# someone said of answering a question, not whether a letter was answered.
_CAN_OR_CANNOT = (r"(?<!couldn't\s)(?<!couldn’t\s)(?<!could\snot\s)(?<!cannot\s)(?<!can't\s)"
                  r"(?<!can’t\s)(?<!unable\sto\s)(?<!could\s)(?<!can\s)(?<!able\sto\s)")
# "What was the outcome of Full Fact's complaint?", "What came (out) of it?": what followed
_OUTCOME = r"outcomes?|results?\s+of|came\s+(?:out\s+)?of"
ASKS_OUTCOME = re.compile(rf"\b(?:{_OUTCOME})\b", re.IGNORECASE)
# "Did the Home Secretary agree to pause the Bill?", "When did she meet the Commissioner?":
# whether or when something was done, which a letter asking for it does not say; not "Did
# she ask for a meeting?", which the asking answers
ASKS_IF_DONE = re.compile(r"\s*(?:(?:and|so)\s+)?(?:when\s+)?(?:did|has|have|had)\b", re.IGNORECASE)
ASKS_FOR = re.compile(r"\b(?:ask\w*|request\w*|call\w*\s+for|urg\w*|want\w*|seek\w*|sought|"
                      r"invit\w*|suggest\w*|recommend\w*|demand\w*)\b", re.IGNORECASE)
# "Did anyone", "Has somebody ever": the opening of a yes-or-no question about any writer.
DID_ANYONE = r"(?:did|has|have|had)\s+(?:any|some)(?:one|body)\s+(?:ever\s+)?"
# "Is there a reply?", "Any response?": whether the letter was answered, which it never is
# itself (unlike "How did he respond?", which may mean a letter that is itself a reply).
ASKS_IF_ANSWERED = re.compile(r"^\s*(?:and\s+)?(?:(?:(?:is|was|has)\s+there\s+(?:been\s+)?"
                              r"(?:an?\s+|any\s+)?|any\s+)(?:repl(?:y|ies)|responses?|answers?)|"
                              # "Did anyone get back to him?"
                              rf"{DID_ANYONE}"
                              r"(?:repl(?:y|ied)|respond(?:ed)?|answer(?:ed)?|(?:write|wrote|"
                              r"written|get|got|gotten)\s+back))\b",
                              re.IGNORECASE)
# "Was the request answered?": read from the ledger (assistant.answered). Not when the
# answering is something one side could not do.
ASKS_ANSWERED = re.compile(
    r"^\s*(?:was|were|has|have|had|did|is)\b"
    r"(?=.*\b(?:requests?|asks?|asked|questions?|calls?)\b)"
    rf"(?=.*{_CAN_OR_CANNOT}\b(?:answer(?:ed)?|respon\w*|repl(?:y|ied)|taken\s+up|acted\s+on)\b)",
    re.IGNORECASE,
)
# What someone raises in a letter, which is dealt with or handled in reply.
_RAISED = r"(?:complaints?|concerns?|letters?|requests?|criticisms?)"
# A question about what was said back: the answer is in the reply to the letter it names.
ASKS_RESPONSE = re.compile(
    rf"{_CAN_OR_CANNOT}\b(?:repl(?:y|ied|ies)|respon(?:d|ded|ds|se|ses)|answer(?:ed|s)?|wr[oi]te\s+back|"
    r"sa(?:y|id)\s+back|get\s+back|got\s+back|hear\s+back|c[oa]me\s+back|react(?:ed|ion)?|"
    # "Was Chote satisfied with how Jenrick had cleared it up?": the reply says (not "Was
    # he pleased with anything the department had done?", said in the letter itself)
    r"(?:satisfied|happy|pleased|content)\s+with\s+(?:how|what|the\s+way)\b|"
    # "What did they find?" in a conversation about a letter to them (not "What did OSR's
    # compliance check find?")
    r"conclu(?:de|ded|sion)|(?:did|do|does)\s+(?:they|he|she|it)\s+find|"
    r"make\s+of|made\s+of|in\s+return|"
    # "How did OSR follow up on the report?", "Did the department act on it?"
    r"follow(?:s|ed|ing)?\s+up|act(?:ed)?\s+on|"
    # "How did Chote deal with Matt Vickers's complaint?", "How was her letter handled?"
    rf"(?:deal[ts]?\s+with|dealing\s+with|handl(?:e|ed|es|ing))\s+(?:[\w'’]+\s+){{0,4}}?{_RAISED}|"
    rf"(?:was|were)\s+(?:[\w'’]+\s+){{0,4}}?{_RAISED}\s+(?:dealt\s+with|handled)|"
    rf"{_OUTCOME}|"
    # "Was anything done?", "Did they do anything?" after a complaint: what came of it
    r"(?:was|were|has|have|had)\s+(?:any|some)thing\s+(?:been\s+)?done|"
    r"did\s+(?:they|he|she|it|any(?:one|body))\s+do\s+(?:any|some)thing|"
    # "And did he get it?", "Did they get what they asked for?": the reply says
    r"g[eo]t\s+(?:it|that|them|what\s+(?:he|she|they|it|we)\s+(?:asked|wanted|requested))|"
    # "Did she get a meeting?": what a letter asked for, granted or not
    r"did\s+(?:he|she|they|it)\s+(?:ever\s+)?get\s+(?:an?|the|any)\s+(?!(?:repl|respons|answer|"
    r"letter)\w*\b)\w+|"
    # "What happened next?", "Did anything happen after that?", "Did that go anywhere?",
    # after a question about a letter: what came of it
    r"happen(?:ed)?\s+(?:next|then|afterwards|after\s+(?:that|this|it))|came\s+next|"
    r"(?:go|goes|went|lead|leads|led)\s+any\s*where|come\s+to\s+any\s*thing|"
    # "Was the offer taken up?", "Did she take them up on it?", "How was it received?",
    # "Did she say yes?", "Was the department on board?", "Any pushback?": how the one it
    # was put to took it
    r"taken\s+up|take[ns]?\s+(?:it|them|that|this|him|her)\s+up|"
    r"(?:was|were|is|are)\s+(?:it|that|this|they|the\s+\w+)\s+received|"
    r"sa(?:y|id)\s+(?:yes|no)|on\s+board|push(?:ed)?\s*back)\b|"
    # "What did OSR do after the campaigners wrote to it?", "After X's letter, ...?"
    # ("after" in lower case but first: "the After Exploitation report" is a name)
    r"(?:^\s*[Aa]fter|(?-i:\bafter))\b[^?]{0,60}?\b(?:wr[oi]te|written|writing|letters?|"
    r"complain(?:ed|t)?|sent|sending|raised|shared)\b|"
    # "When Full Fact wrote to him in March, did Ed Humpherson agree ...?": a clause
    # opening on when someone wrote, then what was done (not "When did X write?")
    rf"^\s*when\s+(?!(?:{AUXILIARY}|will|would)\b)[^?,]{{0,60}}?"
    r"\b(?:wr[oi]te|complained|raised|sent|contacted)\b[^?,]*,|"
    # "Did the regulator agree (with them)?": in a reply to them; not "the two sets of
    # figures that don't agree?"
    r"^\s*(?:and\s+)?(?:did|does|do|has|have|had|would|will)\b[^?]*\bagree[ds]?"
    r"(?:\s+with\s+(?:them|him|her|it|this|that))?(?=\s*\?\s*$)|"
    # ... and "Did they agree to intervene publicly?": one side of the letter, agreeing
    r"^\s*(?:and\s+)?(?:did|does|do|has|have|had|would|will)\s+(?:they|he|she)\s+"
    r"(?:ever\s+)?agree\b",
    re.IGNORECASE,
)
# What someone held or said, given as a clause ("Did he accept Shaw's view that no accurate
# answer could be given?"): its words say what the view was, not what the question asks, so
# a word of responding in it ("answer") asks for no response.
CONTENT_CLAUSE = re.compile(r"\b(?:views?|claims?|argument|point|suggestion|assertion|statement|"
                            r"position|belief|opinion|idea|said|says|saying|argued|claimed|"
                            r"suggested|insisted|believed?|thought|felt)\s+that\b.*",
                            re.IGNORECASE | re.DOTALL)
# "How long did Chote take to reply to Kinnock?", "How quickly did OSR respond?", "How many
# weeks did Full Fact wait for an answer?": the time between a letter and its reply, which
# the two letters' dates tell (`assistant.reply_status`)
ASKS_REPLY_TIME = re.compile(r"\s*(?:and\s+)?how\s+(?:long|quickly|soon|fast|promptly|many\s+"
                             r"(?:days|weeks|months))\b.*\b(?:repl(?:y|ied|ies)|respon(?:d|ded|"
                             r"se)|answer(?:ed)?|(?:write|wrote|get|got|hear|heard)\s+back)\b",
                             re.IGNORECASE)
# "How long did that take?", "How many weeks did they wait?": after a question about a
# reply (`assistant.conversation`), how long the reply took
HOW_LONG_IT_TOOK = re.compile(r"\s*(?:and\s+)?how\s+(?:long|many\s+(?:days|weeks|months))\s+"
                              r"did\s+(?:that|it|this|they|he|she|we|you)\s+(?:take|wait)\b",
                              re.IGNORECASE)
# "Did Sir Robert Chote reply to Stephen Kinnock?", "Has the Home Secretary replied to Dame
# Rachel de Souza?", "Did Full Fact get a reply from OSR?", "Was Will Moy's letter
# answered?": whether a reply is in the letters,
# which the reply links tell (`assistant.reply_status`)
_REPLY_VERB = (rf"{_CAN_OR_CANNOT}(?:ever\s+|yet\s+)?(?:repl(?:y|ied)|respond(?:ed)?|answer(?:ed)?|"
               rf"(?:write|wrote|written|get|got|gotten)\s+back|{GETTING_A_REPLY})\b")
# ... the last: the letter's writer is the one replied to ("Was her letter to Victoria Atkins
# ever answered?")
LETTER_ANSWERED = re.compile(r"\b(?:letters?|correspondence)\s+(?:(?:to|of|from|about|on)\s+"
                             r"[\w'’ .-]{1,60}?\s+)?(?:ever\s+|yet\s+)?(?:been\s+)?"
                             r"(?:answered|replied\s+to)\b", re.IGNORECASE)
ASKS_WHETHER_REPLIED = re.compile(
    rf"\s*(?:and\s+)?(?:(?:did|has|have|had)\s+[\w'’ .-]{{2,60}}?\s+{_REPLY_VERB}|"
    rf"(?:was|were|has|have|had)\s+[\w'’ .-]{{2,60}}?\s+{LETTER_ANSWERED.pattern}|"
    # "Is there a reply to Kinnock's letter?", "Was there any answer from the Home Office?"
    r"(?:is|was)\s+there\s+(?:ever\s+)?(?:an?\s+|any\s+)?(?:repl(?:y|ies)|answers?|"
    r"responses?)\s+(?:to|from)\b)",
    re.IGNORECASE)
# ... where the question's subject, read by `assistant.cue_people`, is followed by that verb:
# not "Did Ed Humpherson accept Daniel Shaw's view that no accurate answer could be given?",
# whose subject accepts and whose "answer" is a noun.
SUBJECT_REPLIES = re.compile(rf"\s+(?:(?:still|not|never|actually|already)\s+)*{_REPLY_VERB}",
                             re.IGNORECASE)
# "How long did Kinnock wait for a reply from Chote?": who waited was replied to
WAITED = re.compile(r"\bwait(?:s|ed|ing)?\b", re.IGNORECASE)
