"""How much each thing a sentence shows weighs when `assistant.answer.SentenceSelector`
ranks the sentences of the best passages: multipliers on its score, and the terms of its
fused closeness by words and by meaning. Each weight says why it is there and how it was
chosen on the tuning set (`eval/questions.jsonl`; never on the hold-out).
"""

# A sentence the ledger records as a commitment or request, for a question asking for one.
LEDGER_WEIGHT = 1.6
LEDGER_ALONE_WEIGHT = 3.0
# A sentence of a publisher's note above the letter counts for this share of the letter's own;
# one saying only when the letter was made public ("This letter was published retrospectively
# on 23 May 2023", `sentence_acts.notes_publication`) at ACKNOWLEDGEMENT_WEIGHT besides, but
# for a question asking when: "Did the regulator agree with him?" had quoted it first. Tuning
# (559, session 40): first-quote hits 69.1% -> 69.6% (s03, j80), MRR .840 -> .843, four
# answers one quote shorter, none lost; hold-out MRR .746 -> .748; probes MRR .858 -> .860.
PREFACE_WEIGHT = 0.7
# That note, for a question asking when letters were made public
# (`question_forms.ASKS_PUBLISHED`): it says so where the letter's own sentences, closer in
# words, do not. Tuning (559, session 40): citations 78.8% -> 79.0% (m30), MRR .843 -> .844,
# none lost (only 2.0 tried); hold-out and session-26 probes unchanged.
PUBLICATION_WEIGHT = 2.0
# A reply's acknowledgement of the letter it answers, for a question asking what the reply
# said: it repeats the question's words (the letter, its date) but says nothing of substance.
# Tuning citations 66.1% -> 66.7% at 0.35 or 0.2 (from 0.5): "Did the Minister answer
# them?" quoted "Thank you for your letter of 27 October 2021, about ..." over the offer's
# acceptance. The same weight holds, for any question but "when", for an acknowledgement
# that says nothing else (`threads.only_acknowledges`): "What did the Permanent Secretary
# promise OSR?" had quoted "Thank you for your letter of 21 November." alone. Found by
# probing; no tuning or hold-out figure moved. So too in any follow-up but one asking when,
# whether a letter was answered or who wrote: the thanks restate the letter the
# conversation is about, close to a question read with the earlier ones ("Who would follow
# it up with them?" after "And how did the Minister reply?" ranked them first). Chosen on
# the tuning set (403, session 32): recall@5 93.3% -> 93.6%, MRR .820 -> .823, first-quote
# hits 65.0% -> 65.3%, citations unchanged; none lost. And in the letters of a writer whose
# own words a question asks for ("What else did OSR look at ...?"; not who wrote, whether a
# letter was answered, or what about), with RESTATEMENT_WEIGHT for their sentences telling
# the reader what the reader wrote (now also after "We recognise that ..."): tuning (428,
# session 35) MRR .831 -> .834, citations 78.3% -> 78.6% (g06, g24), first-quote hits 66.3%
# -> 66.6%, none lost; hold-out citations 62.7% -> 64.0%, MRR .735 -> .733.
ACKNOWLEDGEMENT_WEIGHT = 0.35
# A sentence giving a figure, for a question asking how many or how much. Found by probing
# ("How many extra police officers did the government promise?" quoted a sentence about
# workforce data); on the tuning set's 21 such questions nothing moved at 1.3, 1.5 or 2.0.
FIGURE_WEIGHT = 1.5
# ... and besides, when the figure counts what the question asks how many of ("How many
# areas got Violence Reduction Unit funding?": "... in eighteen areas", over the sentence
# naming the units and their funding without a count). Found by probing (l34, session 44); on
# the tuning set's other 35 "how many" questions nothing moved at 2 or 3. So too a percentage,
# for a question asking what share or proportion ("56% were duplications, errors ..." over
# "the total asylum backlog stood 98,599 cases": l52 cited, first; nothing else moved).
COUNTED_WEIGHT = 2.0
# A reply's acknowledgement of the letter it answers (ACKNOWLEDGEMENT_WEIGHT's), for a
# question asking whether a letter was answered at all ("Did anyone get back to him?", "Is
# there a reply?"), or who wrote to the one replying: it is the answer, saying which letter
# this one answers. Tuning citations 64.4% -> 65.0% (s01; at
# 1.0-2.0 other sentences of the reply still came first). So too for a question asking what
# someone said when no letter of theirs is found, in a reply to them: its thanks for their
# letter say what they wrote ("What did Matt Vickers complain about ...?"; tuning citations
# 65.4% -> 65.7%, y06; with their own letters found as well, m12 lost). For "Who complained
# about X?" naming no one, only thanks holding some of its subject: "Who complained about the
# 71% claim?" had quoted Sir Robert Chote's thanks for Robert Jenrick's letter on the
# backlog (session 33, d12; nothing else moved).
ANSWERED_WEIGHT = 3.0
# A word retrieval's expansion added (a letter's word close in meaning to a question word the
# letters never use) counts for this share of a question word when choosing sentences,
# whenever the candidates hold any of the question's own words: it was found by comparing
# whole passages, and one sentence holding it ("two", "published") says little about whether
# that sentence answers. When they hold none ("And what happens next?"), the expansion is
# all there is to go by ("continue"), at full weight. Chosen on the tuning set: citations
# 61.7% -> 63.8% of 307 questions, none lost (full weight before; 0.5: +3 -1, 0.1: +4 -1,
# 0: +4 -3); hold-out, measured after: 52.0% -> 53.3%.
EXPANSION_WEIGHT = 0.25
# The sentence saying why a letter is written ("I am writing to you in relation to ..."), for a
# question asking what a letter is about ("What did Kinnock write to Chote about in January
# 2024?", `QuestionCues.asks_subject`). Tuning citations 65.7% -> 66.0% (w11) at 1.5, 2 or 3;
# 2 was the least at which a fresh question's (the January 2024 one) came first. Raised when
# the question form took in why a letter was written ("Why did the statistics watchdog write
# to Daniel Shaw?", "What prompted ...?"; session 33): the question's words name only the
# correspondents, and the sentences closest to them in meaning outranked the one saying
# why. Tuning 410 (d01-d07 written for the form): at 3 one more cited, at 4 two more (MRR
# .823 -> .829), none lost; at 6 two lost.
SUBJECT_WEIGHT = 4.0
# A sentence in which the writer performs, in the first person, the speech act the question
# asks about ("What did OSR suggest ...?": "I suggest you look to provide ..."). Found by a
# fresh question (r05), whose sentence shares one word with it; on the 307 tuning questions
# r05 alone moved, cited at 1.5, 2 or 3. Only in the letters of the one whose words the
# question asks for, when it names one: "Did Rycroft accept OSR's criticism?" had quoted
# Robert Jenrick's "I very much agree ... the comments made by Sir Matthew Rycroft" (l38;
# no other tuning answer moved).
FIRST_PERSON_ACT_WEIGHT = 1.5
# How much a sentence's closeness in meaning to the question counts beside shared words: a
# similarity of SIMILARITY_FLOOR counts nothing, each 0.1 above it SEMANTIC_WEIGHT / 10.
SEMANTIC_WEIGHT = 2.0
SIMILARITY_FLOOR = 0.2
# What every sentence scores before its words and meaning count (`answer.SentenceSelector`):
# the share of its score that the question's cues (the weights here multiply it by) act on
# whatever the sentence's words. Chosen on the tuning set (877, session 54, at
# RETRIEVAL_PRIOR 0.25), citations / no-answer declined: 0.1 81.1% / 76.4%; 0.25 (before)
# 82.1 / 76.4; 0.33 82.4 / 76.4; 0.4 82.8 / 76.4; 0.47 82.7 / 75.3; 0.55 82.7 / 74.7; 0.7
# 82.5 / 74.2 (answerable declined 1.9% -> 1.7% from 0.33): 0.4, the most citations before
# a no-answer question is answered. After the choice: hold-out citations 76.0% -> 77.3%,
# first quote 65.3% -> 66.7%; lower-cased tuning (`eval/lower_case.py`, both changes) 79.0% ->
# 80.1%; probes unchanged.
BASE_SCORE = 0.4
# How much the passage's retrieval score (relative to the best passage's) weighs on its
# sentences' scores: a share of RETRIEVAL_PRIOR is the prior, the rest counts for every
# passage alike. Chosen on the tuning set (877, session 54, at a BASE_SCORE of 0.25),
# citations / first-quote hits:
# 0.5 (before) 81.8% / 71.8%; 0.35 82.1 / 72.0; 0.3 82.1 / 72.0; 0.25 82.1 / 72.1; 0.2
# 82.1 / 72.4; 0.15 82.0 / 72.0; 0.1 81.8 / 72.0; 0 82.1 / 71.8 (no-answer declined 76.4%
# at every value): 0.25, inside the plateau. Once the retrieval found a passage, the
# sentence's own closeness and words say more than the passage's place among those found.
# After the choice: hold-out unchanged (76.0% / 65.3%).
RETRIEVAL_PRIOR = 0.25
# The weight of each neighbouring sentence when a sentence's meaning is read in context.
CONTEXT_WEIGHT = 0.5
# A question's word a sentence lacks counts as present at its closeness in meaning to the
# sentence's closest word, when at least this close (cosine, single words): chosen on the
# tuning set, citations 58.1% -> 62.2% (0.4: 60.8%, 0.45: 61.5%, 0.6: 60.8%; at half
# weight 58.8%).
SOFT_MATCH = 0.5
# A reply's sentence telling its reader what they wrote ("You raised an issue regarding ...",
# "Your letter highlighted ..."), for a question asking what the reply said: it repeats the
# question's words, as the acknowledgement does, where the reply's own view follows it.
# Tuning citations 63.7% -> 64.3%; lowered for every question, not only those about a reply:
# one more cited, one fewer.
RESTATEMENT_WEIGHT = 0.5
# A sentence the earlier turn's answer quoted, for a follow-up: it asks for something more
# ("Where did the 71% come from?" after the sentence with the 71% claim was quoted). Chosen
# on the tuning set: citations 61.3% -> 62.5% (x0.25: the same). Not when the follow-up asks
# when or how many and the sentence gives the date or figure ("How big was the backlog at
# that point?" after the sentence giving it was quoted): 63.8% -> 64.1% of 378; a year
# counts for "Which years did their complaint cover?" (w27: evidence rank 5 -> 2). Only the
# sentence each quote opens with, the one chosen: the sentences a quote read on into may be
# what the follow-up asks (tuning 452, session 36: citations 79.3% -> 79.6%, e16; first-quote
# hits +2 -1; hold-out unchanged). Nor when the follow-up asks who and the sentence names
# someone the question does not ("Who published the report?" after the sentence saying who
# was quoted), unless it asks "who else": tuning (606, session 44) citations 79.6% -> 79.9%
# (c01, l37), first-quote hits +3 (j15), none lost (without the "who else" exception, e24
# lost).
ALREADY_QUOTED_WEIGHT = 0.5
# A light verb of the question ("take", "give", "put", "set", "get": `terms.LIGHT_VERBS`) counts
# for this share of its weight among the question's own words: it says little on its own, and
# matches sentences using it in another sense ("Why did it take Sir Robert Chote three months
# to answer?": "The Committee took evidence ..." had come first). Not among the letters' words
# expanding the question's (`cues.expansion`: "give" for "get in touch"), which already count
# for little: weighed down there too, "Why did Full Fact get in touch with the regulator?" no
# longer quoted first the sentence saying why it wrote (d02). Tuning (834, session 48):
# citations two more (g11, j47), none lost; at 0.5 one more (g11); with "come", "go" and
# "make" too, four lost ("Where did the 71% come from?": "come from" asks a source).
LIGHT_VERB_WEIGHT = 0.25
# A heading inside a letter ("Prosecutions and Convictions") says what follows, not what was
# said: it shares the question's words and scores close in meaning, and was quoted as the
# answer to "What did she say about prosecutions?". Found by probing; no tuning or hold-out
# figure moved at 0.5.
HEADING_WEIGHT = 0.5
# A sentence reporting what someone said ("• On 19 December Robert Jenrick, the Minister for
# Immigration, said that ..."), for a question that does not name them: the claim a letter
# takes up, not what its writer found or concluded of it. Chosen on the tuning set: MRR
# .791 -> .798, citations 67.6% -> 68.6% (t05, p14, y01), none lost, the same at 0.3, 0.5
# and 0.7. Sparing questions that ask about claims ("What did the chair conclude about the
# legacy backlog claims?") changed no tuning result and lost a fresh question's citation.
# So too for words a letter quotes (Jenrick's "... 71% of foreign national offenders ...
# are claiming to be modern slaves" in Chote's letter), for a question naming no one but
# the writer: MRR .798 -> .803, citations 68.6% -> 68.9% (g19), none lost.
REPORTED_CLAIM_WEIGHT = 0.5
# A sentence in which the writer says what they did ("we have shared your report"), for a
# question asking what someone did ("What did OSR do with the After Exploitation report?"),
# which otherwise quoted the thanks for the report, the sentence sharing its words. With
# thanks for a letter and a sentence telling the reader what they wrote weighted as for a
# question asking for a response (ACKNOWLEDGEMENT_WEIGHT, RESTATEMENT_WEIGHT). Chosen on the
# tuning set: citations 72.4% -> 73.1% at 1.5 or 2, 73.4% at 3 (g16, x13, s17), MRR .812 ->
# .818, none lost; probes unchanged. Of eight fresh questions asking what someone did, two
# ranked higher and one was declined ("What did OSR do once the campaigners' October letter
# reached it?": the deed now quoted, "We have investigated the issues you raised.", is not
# close enough in meaning to pass `grounding`; the thanks quoted before had been).
DEED_WEIGHT = 3.0
# A sentence naming a person or body the question does not, for a question asking who ("Who
# did OSR think ought to do most of the fixing?": "Most of our recommendations are for the
# Home Office and the Office for National Statistics"). Chosen on the tuning set: citations
# 73.7% -> 74.0% at 2 (m68; 1.5: no citation moved), none lost; probes unchanged; of eight
# fresh questions, one more cited ("Who did Ed Humpherson credit with the better crime
# recording since 2014?").
WHO_WEIGHT = 2.0
# A sentence saying what a term is ("the National Referral Mechanism (NRM), the Government's
# framework for ...", `sentence_acts.defines`), for a question asking what it is ("What is
# the National Referral Mechanism?"): sentences using the term most had come first.
DEFINITION_WEIGHT = 2.0
# A sentence introducing a list ("... in the following instances:" before its bullets,
# `sentence_acts.introduces_a_list`), for a question asking for several things ("Which
# three claims did he list?"): it shares none of the question's words, and each item shares
# few. Quoted, it reads on over the list (`quotes.read_whole`). Tuning (462, session 36):
# citations 79.2% -> 79.5% (x18; the list read whole alone moved nothing), MRR .833 ->
# .835, none lost; hold-out and the session-26 probes unchanged.
LIST_WEIGHT = 2.0
# A sentence saying whom its letter was copied to ("I am copying this letter to ...",
# `sentence_acts.names_copies`), for a question asking that ("Who else got a copy?"): it
# shares few of the question's words. With the check that declines the question when no
# quoted sentence says so (`constraints`): tuning (506, session 38) citations 79.8% -> 80.0%
# (w06), first-quote hits 69.3% -> 69.8%, MRR .831 -> .834, no-answer declined 81.1% ->
# 82.1% (j20), none lost (only 2.0 tried); hold-out and the session-26 probes unchanged.
COPIED_WEIGHT = 2.0
# A sentence setting something against what was granted ("However, we note that ...",
# `sentence_acts.sets_against`), for a question asking for a reservation ("Anything he
# wasn't happy about?", `question_forms.ASKS_RESERVATION`): what answers it seldom shares its
# words. Tuning (530, session 39): citations 79.1% -> 79.3% (j50), first-quote hits 69.4% ->
# 69.7%, none lost (1.5: cited, not first); the other two questions asking so (g12, d09)
# were cited already. Hold-out: citations unchanged, MRR .748 -> .746 (one question's
# evidence, ranked 6th, no longer among the passages ranked); session-26 probes unchanged.
RESERVATION_WEIGHT = 2.0
# A sentence saying how often ("as we do each quarter", `sentence_acts.gives_a_frequency`),
# for a question asking how often (`question_forms.ASKS_FREQUENCY`), as a date answers
# "when": "How often does his department put out its figures?" (j78) quoted a sentence
# closer in words. Tuning (550, session 40): citations 79.1% -> 79.3%, first-quote hits
# 69.6% -> 69.8% (j78), none lost (only 1.5 tried); hold-out and probes unchanged.
FREQUENCY_WEIGHT = 1.5
# A sentence giving an example ("For example, ...", `sentence_acts.gives_an_example`), for a
# question asking for examples (`question_forms.ASKS_EXAMPLE`): "What examples did OSR give
# Full Fact of the Home Office doing better?" (w15) quoted the sentences around it, and
# "Which example did he point to?" (c05) Rycroft's preference before "... as we did for
# Albanians in small boats". Tuning (569, session 41): citations 78.3% -> 78.7%, first-quote
# hits 69.2% -> 69.7%, MRR 0.842 -> 0.844, none lost (1.5: w15 cited second; 2.0: c05 cited
# second; 4.0 as 3.0); probes: a question asking for examples quoted the example first and
# alone (68 -> 46 words); hold-out unchanged.
EXAMPLE_WEIGHT = 3.0
# A sentence giving a reason ("I apologise for the delay in responding, as we were attempting
# to confirm ...", "... an undercount because ...", `sentence_acts.gives_a_reason`), for a
# question asking why (`question_forms.ASKS_REASON`): the sentences sharing its words say
# what happened, not why. Of the tuning set's "why" questions, 37 of 59 were cited, the
# fewest of any form. Tuning (804, session 48): at 1.5 three more cited (s02, d28, j54) and
# three more cited first (c13, j54, a49), none lost; at 2.0 five more cited and one lost
# (r23), first-quote hits +4 -3.
REASON_WEIGHT = 1.5
# A sentence singling something out ("Perhaps the most egregious example this week was ...",
# `sentence_acts.singles_out`), for a question asking for the worst, best or main one
# (`question_forms.ASKS_SINGLED_OUT`): "What did Kinnock think was the worst example of a
# minister misdescribing the figures?" quoted the first example he gave. Tuning (824, session
# 48; nine such questions): at 2.0 l57 cited, none lost; at 1.5 nothing moved; at 3.0 l57
# cited first and b12 lost. With "most of" asked too ("most of the recommendations"), l49,
# declined before, was answered from Kinnock's "most egregious"; with "chief", "the chief
# inspector" asked for a superlative.
SINGLED_OUT_WEIGHT = 2.0
