"""The words around a name in a question that say which side of a letter its person stands
on: the one whose words are asked for ("What did X say", "X's letter"), the writer outright
("How did X reply?"), the recipient ("asked X to"), the one answered ("after X's letter"),
or only what is asked about ("about X"). Read by `assistant.cue_people`; split from it for
length.
"""

from __future__ import annotations

import calendar
import re

MONTHS = {calendar.month_name[number].lower() for number in range(1, 13)}

# After a name, words that make that person the one whose words are asked for.
SPEAKER_AFTER = re.compile(
    r"^\s*(?:(?:say|said|says|write|wrote|writes|sen[dt]|sends|"
    r"repl(?:y|ied|ies)|respond(?:ed|s)?|answer(?:ed|s)?|commit(?:ted|s)?|promis(?:e|ed|es)|tell|told|ask(?:ed|s)?|"
    r"state[ds]?|agree[ds]?|offer(?:ed|s)?|undert(?:ake|ook|akes)|announce[ds]?|confirm(?:ed|s)?|"
    r"claim(?:ed|s)?|argue[ds]?|request(?:ed|s)?|propose[ds]?|recommend(?:ed|s)?|want(?:ed|s)?|"
    # what someone thinks is in their words: "What does Katy Bourne think ...?"
    r"think|thinks|thought|believe[ds]?|feel|feels|felt|suggest(?:ed|s)?|urge[ds]?|warn(?:ed|s)?|"
    r"g[eo]t\s+back|"
    # "the cases Jenrick was talking about", "what Moy meant", "the claims she mentioned";
    # not "were the units meant to bring together", what they were for
    r"(?:(?:was|were|is|are|had\s+been|has\s+been)\s+)?(?:talking|speaking|writing|referring)|"
    r"talk(?:ed|s)?|spoke|speaks?|mention(?:ed|s)?|refer(?:red|s)?|meant(?!\s+to\b)|means?(?!\s+to\b))\b)",
    re.IGNORECASE,
)
# After a name, words that make that person the writer of the answer: "X replied", "did X
# say back" (a letter to X may report what X said, never what X wrote back).
WROTE_AFTER = re.compile(r"^\s*(?:write|wrote|writes|sen[dt]|sends|repl(?:y|ied|ies)|respond(?:ed|s)?|"
                         r"answer(?:ed|s)?|(?:sa(?:y|id|ys)|wr[io]te|g[eo]t)\s+back)\b",
                         re.IGNORECASE)
# "X's letter", "X's reply", "X's view" and "X's complaint" also ask for X's words; "X's offer"
# does not.
SPEAKER_POSSESSIVE = re.compile(r"^(?:'s|’s|'|’)?\s*(?:own\s+)?(?:(?:first|second|third|last|latest|"
                                r"earlier|later|previous|next|original|most\s+recent)\s+)?"
                                r"(?:(?:" + "|".join(MONTHS) + r")\s+)?"
                                r"(?:letters?|repl(?:y|ies)|responses?|answer|views?|position|"
                                r"opinion|verdict|conclusions?|reaction|comments?|complaints?|concerns?|"
                                r"criticisms?|objections?|arguments?|grievances?)\b",
                                re.IGNORECASE)
# Before a name, words that make that person the writer of the answer: "a reply from X".
WRITTEN_FROM = re.compile(r"\b(?:repl(?:y|ies)|answers?|responses?|letters?)\s+from\s+(?:the\s+)?$",
                          re.IGNORECASE)
# Getting a reply: "get a reply", "received an answer", "had a reply" ("Has Kinnock had a
# reply?"); also how `reply_forms` reads whether someone was replied to.
_GETTING = r"(?:get|got|had|receive[ds]?)\s+(?:an?\s+|any\s+)?"
GETTING_A_REPLY = rf"{_GETTING}(?:repl(?:y|ies)|answers?|responses?)"
# Receiving a letter: a reply, a letter, "hear back", "ever hear back".
RECEIVING = (r"(?:(?:(?:ever|yet|already|actually|finally|eventually)\s+)?"
             rf"(?:{GETTING_A_REPLY}|{_GETTING}letters?|hear[ds]?\s+back|heard\s+back))")
# ... and "What did Katy Bourne receive from X?", "What did Matt Vickers get told?", "What
# did the minister get asked to do?"
RECEIVES_AFTER = re.compile(rf"^\s+(?:{RECEIVING}|receive[ds]?|(?:get|got|hear|heard)\s+from|"
                            r"(?:get|got)\s+(?:told|asked|(?:an?|any|some)\s+[a-z]+))\b",
                            re.IGNORECASE)
# ... "told" or "asked" after "was" or "were" (passive: "What was the minister asked to
# do?"); "What had the Justice Secretary told Dame Vera?" is told by the Justice Secretary
TOLD_AFTER = re.compile(r"^\s+(?:told|asked)\b", re.IGNORECASE)
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been)\s+(?:the\s+)?$", re.IGNORECASE)
# "How long did it take X to reply?", "Why did it take X three months to answer Y?": X
# wrote the answer, as in "X replied".
TOOK_BEFORE = re.compile(r"\b(?:take|takes|took|taken)\s+(?:the\s+)?$", re.IGNORECASE)
TOOK_TO_ANSWER = re.compile(r"^\s+(?:[\w-]+\s+){0,3}?to\s+(?:repl(?:y|ied)|respond|answer|"
                            r"(?:write|get)\s+back)\b", re.IGNORECASE)
# Before a name, words that make its letter the one answered ("What came back after X's
# letter?", "What was the outcome of X's complaint?", "Was the Minister happy with what the
# Commissioners offered?"), so X is not the one whose words are asked for.
ANSWERED_BEFORE = re.compile(r"\b(?:(?:after|(?:outcome|result|upshot)s?\s+of)\s+(?:the\s+)?|"
                             r"(?:satisfied|happy|pleased|content)\s+with\s+(?:how|what|the\s+way)"
                             r"\s+(?:the\s+(?:[\w'’-]+\s+)?)?)$", re.IGNORECASE)
# ... and "When Full Fact wrote to him in March, did Ed Humpherson agree?": whoever a clause
# opening the question says wrote is answered; not "When Robert Jenrick replied, ...".
WHEN_BEFORE = re.compile(r"^\s*when\s+(?:the\s+)?$", re.IGNORECASE)
WROTE_FIRST_AFTER = re.compile(r"^\s+(?:first\s+)?(?:wrote|complained|raised|sent|contacted)\b")
# Between a speaker and a possessive name, a verb of theirs acting on what that name said or
# holds ("Did OSR accept the Home Office's view?"), not a list ("Kinnock and Chote's letters").
ACTED_ON = re.compile(r"^\s+(?!and\b|or\b|&)[a-z]+\b[^?]*\s$")
# A pronoun as the subject of the question's verb ("Did he accept Shaw's view ...?", in a
# conversation): a name it acts on is read as above, not as a speaker.
PRONOUN_SUBJECT = re.compile(r"\s*(?:and\s+)?(?:did|does|do|had|has|have|would|will|was|is|were|"
                             r"could|should|might)\s+(?:he|she|they|it|we|you|I)\b", re.IGNORECASE)
SPEAKER_BEFORE = re.compile(r"\b(?:according\s+to|from)\s+(?:the\s+)?$", re.IGNORECASE)
# Before a name, words making it what is said, not who says it ("say back about PQs and FOI requests").
TOPIC_BEFORE = re.compile(r"\b(?:about|regarding|concerning)\s+(?:the\s+)?$", re.IGNORECASE)
# After the subject of a question's verb, its own letter: "Which force did Andy Cooke single
# out in his reply to OSR?" asks what he wrote, and only a letter of his answers.
OWN_LETTER_AFTER = re.compile(r"\b(?:in|by)\s+(?:his|her|their|its)\s+(?:own\s+)?"
                              r"(?:repl(?:y|ies)|responses?|answers?|letters?)\b", re.IGNORECASE)
# Before a name, words that leave its person out of the answer: "Who else wrote to OSR
# besides Full Fact?", "other than the Home Office".
EXCLUDED_BEFORE = re.compile(r"\b(?:besides|other\s+than|apart\s+from|aside\s+from|except(?:\s+for)?|"
                             r"excluding|not\s+counting)\s+(?:the\s+)?$", re.IGNORECASE)
# The subject of a question's verb ("Why did X think ...", "How did the Commissioner sum up
# ..."): whoever the question asks about, most often the writer, whatever the verb. Not when
# the question names whose words it wants elsewhere ("..., according to Y", "Y's letter").
SUBJECT_BEFORE = re.compile(r"\b(?:did|does|do|had|has|have|would|will|was|is|were|could|"
                            r"should|might)\s+(?:both\s+)?(?:the\s+)?$", re.IGNORECASE)
VERB_AFTER = re.compile(r"^\s+(?!and\b|or\b)[a-z]+\b")
# ... but not a name qualifying a thing of theirs that is the subject ("What did the Home
# Office press release blame ...?", "Did the OSR report say ...?"): a noun of what a body
# puts out, followed by the verb rather than its object ("Did OSR report the figures?").
THING_OF_THEIRS_AFTER = re.compile(
    r"^\s+(?:press\s+releases?|news\s+releases?|reports?|statements?|statistics|figures|data|"
    r"publications?|websites?|guidance|bulletins?|analys[ie]s|spokes(?:person|people|m[ae]n|"
    r"wom[ae]n)|officials?|staff)\s+(?!(?:the|a|an|that|this|these|those|it|them|him|her|"
    r"his|its|their|our|my|your|to|on|about|of|for|with|from|in|by|at|and|or)\b)[a-z]+\b",
    re.IGNORECASE)
SPEAKER_ELSEWHERE = re.compile(r"\baccording\s+to\b|"
                               r"(?:'s|’s)\s+(?:own\s+)?(?:letters?|repl(?:y|ies)|responses?)\b",
                               re.IGNORECASE)
# Words before a name that make it the letter's recipient: "wrote to", "ask OSR", "told the".
TO_CUE = re.compile(
    # "to" of a phrase that names no recipient: "what happened to X's term", "related to X"
    r"(?<!according )(?<!happened )(?<!happen )(?<!happens )(?<!related )(?<!relating )"
    r"(?<!referred )(?<!refer )(?<!compared )(?<!prior )(?<!due )"
    # each verb in its forms, "-ing" too: "What was Humpherson asking the Home Office to do?"
    r"\b(?:to|ask(?:ed|s|ing)?|tell(?:ing)?|told|urg(?:e|ed|es|ing)|inform(?:ed|s|ing)?|"
    r"thank(?:ed|s|ing)?|"
    # "What did Matthew Rycroft promise OSR?", "What did the Commissioners offer the Minister?"
    r"promis(?:e|ed|es|ing)|offer(?:ed|s|ing)?|g[ai]ve|gives|giving|sen[dt]|sends|sending|"
    r"assur(?:e|ed|es|ing)|"
    r"warn(?:ed|s)?|advis(?:e|ed|es|ing)|"
    r"invit(?:e|ed|es|ing)|writ(?:e|es|ing)\s+to|"
    # "How did Rycroft answer Humpherson's letter?": the reply is to Humpherson
    r"answer(?:ed|s|ing)?|acknowledg(?:e|ed|es|ing)|(?:rais(?:e|ed|es|ing)|discuss(?:ed|es|ing)?)\s+with|"
    # "What did X request from Y?": Y is the one asked
    r"(?:request(?:ed|s|ing)?|want(?:ed|s|ing)?|s(?:eek|eeks|eeking|ought)|need(?:ed|s|ing)?|"
    r"expect(?:ed|s|ing)?)\s+from|"
    # "What did Kinnock want to hear back from the Statistics Authority?": Y is the one asked
    r"(?:want(?:ed|s|ing)?|hop(?:e|ed|es|ing)|expect(?:ed|s|ing)?|like)\s+to\s+(?:hear|get|receive|obtain)"
    r"(?:\s+back)?\s+from)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# Before a name, verbs whose object is the one asked to act ("What did OSR suggest Daniel Shaw
# do?", "What did Kinnock want OSR to do?", "recommend the Home Office improve"): the
# recipient, when the name is followed by what they are to do ...
ADDRESSEE_BEFORE = re.compile(r"\b(?:suggest(?:ed|s|ing)?|recommend(?:ed|s|ing)?|want(?:ed|s|ing)?|"
                              r"encourag(?:e|ed|es|ing)|press(?:ed|es|ing)?|remind(?:ed|s|ing)?|"
                              r"expect(?:ed|s|ing)?|need(?:ed|s|ing)?|requir(?:e|ed|es|ing)|"
                              r"call(?:ed|s|ing)?\s+on|"
                              r"challeng(?:e|ed|es|ing))\s+(?:the\s+)?$", re.IGNORECASE)
# ... not by a clause saying what they did ("suggest the Prime Minister had misled")
ADDRESSEE_AFTER = re.compile(r"^\s+(?:to\s+[a-z]+|(?!(?:had|has|have|was|were|is|are|would|could|"
                             r"did|does|do\s+not|should|might|will|may|can|and|or|of|about|in|on|"
                             r"for|with|from|at|by|as)\b)[a-z]+)\b")
