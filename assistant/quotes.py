"""Which of the ranked sentences an answer quotes, and how much of the letter around each:
the best sentence and up to two runners-up nearly as good (or the best of each speaker asked
about; once the answer is grounded, more of the best one's letter), each widened to the
sentences it points back to or that go on from it, and to the next when that one ranked
nearly as well, so a quote reads whole. Split from `assistant.answer`, which ranks the
sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer import ScoredSentence
from assistant.citations import Quote
from assistant.cue_matching import person_matches
from assistant.cue_people import PersonCue
from assistant.sentence_acts import OPENING_MARK, introduction_of, list_end, restates_the_reader
from assistant.terms import stem, term_set
from assistant.threads import acknowledges_a_letter
from indexer.models import Passage
from indexer.sentences import passage_sentences

# A second quote is added when it scores at least this share of the best one.
SECOND_QUOTE_SHARE = 0.8
# Once the quotes chosen so ground the answer (`grounding.check_grounding`), a sentence of the
# best one's letter is shown too when it scores at least this share of it: the letter found
# often words the answer in its next-best sentence, below one sharing the question's words
# ("Was OSR willing to go public?": "We have been engaging with the Home Office both publicly
# and privately ..." first, then "This is not always best achieved through public
# interventions."). Chosen on the tuning set (874, session 51): citations 78.7% -> 80.9% at
# 0.6 (0.7: 79.4%; 0.5: 81.5%, 1.68 quotes), quotes per answer shown 1.37 -> 1.58 and words
# 62 -> 74, none lost, hold-out (after) 68.0% -> 72.0%; with follow-ups weighing
# down only the earlier answer's first quote of a letter (`conversation.resolve`); any
# letter's sentence at 0.6 cited as many but answered a no-answer question more, and judging
# whether the letters answer with these sentences too answered t60 (a second sentence gave
# the time it asked for). Other letters' sentences stay at SECOND_QUOTE_SHARE: a quote from
# a letter the best one does not come from says it has a second source. Nor thanks for a
# letter or its restating what the reader wrote ("You raised an issue ..."): the letter's
# own next-best words are what it says, not what it answers (no tuning figure moved).
SAME_LETTER_SHARE = 0.6
# A third, so scored too, when it is no further in meaning from the question than the best
# (`ScoredSentence.similarity`): a sentence the words ranked lower though the model reads it
# as close is often the answer. Chosen on the tuning set (386): citations 69.6% -> 72.1%,
# quotes per answer shown 1.48 -> 1.54, first-quote hits and MRR unchanged (of the third
# quotes citing the evidence where the first two did not, all but one were at least as
# close as the best; any third quote nearly as good: 72.8%, but quoting thrice in 61 answers,
# not 22, and follow-ups then weight down what their earlier answer said in passing). Not
# thanks for a letter: close to a question naming the letter, it says what was received,
# not what was said (nothing on the tuning set moved).
MAX_QUOTES = 3
# A sentence opening on a word that points back ("This would allow ...", "They told us ...")
# is quoted with the sentence before it, and a sentence followed by one with the one after:
# a quote should read whole. Tuning citations 62.8% -> 64.2% (the sentence after alone, or
# the one before alone: 63.5%); with the words drawing a conclusion from the sentence before
# ("As such, the figures were publicly available ..."), 62.3% -> 63.4% of 353; and those
# setting a sentence against it ("However, this was published two months after ..."),
# 63.4% -> 63.7%. And those repeating what the writer said before ("As I said in the House on
# 27 March, the statistics I quoted came from ..." after "I clarified this matter in my
# comments in the debate ... on 27 March"): tuning (434, session 35) citations 78.0% ->
# 78.8%, first-quote hits 68.9% -> 69.8% (f07, g14, d23), none lost; hold-out unchanged.
# The sentence after a quote goes with it too when it names again, with "these" or "this", a
# thing the quote named ("... similar Codes since ..." and "... these Codes have not been
# observed"): tuning citations 78.8% -> 79.4% (k13, y03), none lost; hold-out unchanged.
# A sentence regretting what the one before hoped for goes with it as "However" does ("... my
# office was keen to access and use the dashboard. Unfortunately, there are a number of areas
# where it falls short ..."): session 37, tuning j30; no other answer moved. The example after
# a quote goes with it ("... have actively engaged with our wider work on intelligent
# transparency. For example, the department has introduced new official statistics ..."):
# tuning (877, session 52) citations 81.3% -> 81.4% (j82), none lost; hold-out unchanged.
# "However" after a few opening words sets a sentence against the one before as it does
# opening it ("... only those claims made prior to 28 June 2022." and "Once again, however,
# there has been a striking disconnect ..."): tuning (893, session 56) t40, none lost.
# The sentence after a quote goes with it too when it ranked at least this share of the
# quote's score: the sentence sharing the question's words often sets up the answer that
# follows it ("... or on occasion publish a one-off or ad hoc release of that data" before
# "Ad hoc releases are however an additional cost ..."). A later quote overlapping one kept
# is joined to it, not dropped, so a sentence it pointed on to stays quoted. Chosen on the
# tuning set (386, session 30): citations 74.0% -> 76.6%, first-quote hits 60.3% -> 65.4%,
# quotes per answer 1.54 -> 1.43, words quoted per answer 57 -> 63 (0.4 and 0.5: 76.6%,
# longer quotes; 0.7: 75.6%; joining alone moved nothing); MRR unchanged. Hold-out after:
# citations 61% -> 63%, first-quote hits 47% -> 52%, words 58 -> 63.
NEXT_SENTENCE_SHARE = 0.6
_POINTS_BACK = re.compile(r"(?:This|These|That|Those|It|Such|They|He|She|As\s+such|As\s+a\s+result|"
                          r"As\s+(?:I|we)\s+(?:have\s+)?(?:said|noted|mentioned|explained|set\s+out)|"
                          r"Therefore|Thus|Hence|For\s+(?:this|that)\s+reason|Nonetheless|"
                          r"Nevertheless|Even\s+so|Despite\s+this|However|Unfortunately|Sadly|"
                          r"Regrettably|[A-Z][^,.;:]{0,25},\s+however)\b")
# An example of what a sentence says: it goes with that sentence; quoted itself, for a
# question asking for examples, it stands alone.
_AN_EXAMPLE = re.compile(r"For\s+(?:example|instance)\b")


# A sentence ending in a colon is quoted with what it introduces, in its paragraph or the
# next: a quotation to its closing mark ("... your statement in the House of Commons on
# 20 March that:" and the Minister's words), a list's items ("... in the following
# instances:" and its three bullets), else the sentence after it; within this many
# characters (a list: as many whole items as end within them, at least one), else not at all.
INTRODUCED_CHARS = 800
_CLOSING_MARK = {"“": "”", '"': '"'}


def choose_quotes(ranked: list[ScoredSentence], speakers: list[PersonCue] | None = None,
                  same_letter_share: float = SECOND_QUOTE_SHARE) -> list[ScoredSentence]:
    """The best sentence, and runners-up that are nearly as good and say something else
    (a third no further from the question in meaning than the best), those of the best
    one's letter at `same_letter_share` of its score (SAME_LETTER_SHARE, for the answer
    shown); for a question asking what several people said ("What did Kinnock and Chote
    both say about the backlog?"), the best sentence of each one's letters, whenever two or
    more are among the sentences ranked."""
    firsts = [next((s for s in ranked if person_matches(p, s.letter.sender)), None)
              for p in speakers or []]
    each = list({id(s): s for s in firsts if s is not None}.values())  # one sentence once
    if len(each) > 1:
        return sorted(each, key=lambda s: -s.score)
    if not ranked:
        return []
    best = ranked[0]
    chosen = [best]
    for candidate in ranked[1:]:
        if len(chosen) >= MAX_QUOTES or candidate.score < same_letter_share * best.score:
            break
        if candidate.score < SECOND_QUOTE_SHARE * best.score and (
                candidate.letter.letter_id != best.letter.letter_id
                or acknowledges_a_letter(candidate.quote.text)
                or restates_the_reader(candidate.quote.text)):
            continue
        if len(chosen) == 2 and (candidate.similarity < best.similarity
                                 or acknowledges_a_letter(candidate.quote.text)):
            continue
        if all(candidate.quote.start >= c.quote.end or candidate.quote.end <= c.quote.start
               or candidate.letter.letter_id != c.letter.letter_id for c in chosen):
            chosen.append(candidate)
    return chosen


_DEMONSTRATIVE = re.compile(r"\b(?:this|these|those|such)\s+([a-z]+)", re.IGNORECASE)


def _names_again(sentence: str, after: str) -> bool:
    """The sentence after names again, with "this", "these", "those" or "such", a thing the
    sentence named ("... similar Codes since 2004." and "Research ... has demonstrated that
    these Codes have not been observed."): it says what became of it."""
    said = term_set(sentence)
    return any(stem(match.group(1)) in said for match in _DEMONSTRATIVE.finditer(after))


def read_whole(chosen: list[ScoredSentence], passages: dict[str, Passage],
               ranked: Sequence[ScoredSentence] = ()) -> list[ScoredSentence]:
    """Each quote with the sentence it points back to or that goes on from it (see
    _POINTS_BACK), or that follows it nearly as well ranked in `ranked` (NEXT_SENTENCE_SHARE),
    within the span `passages` gives for its passage (by id: the answer gives the passage
    with those either side, `reading.Reading._passages_around`), and what it introduces
    with a colon, in the letter (`_introduced_end`); a quote overlapping one before is
    joined to it."""
    kept: list[ScoredSentence] = []
    scores = {(s.quote.letter_id, s.quote.start): s.score for s in ranked}
    for sentence in chosen:
        quote, text = sentence.quote, sentence.letter.text
        passage = passages.get(quote.passage_id)
        spans = passage_sentences(passage.text, passage.start) if passage else []
        at = next((i for i, (start, _) in enumerate(spans) if start == quote.start), None)
        start, end = quote.start, quote.end
        if at is not None:
            if at > 0 and _POINTS_BACK.match(text[start:end]):
                start = spans[at - 1][0]
            # a sentence that goes on from it
            if at + 1 < len(spans) and (
                    _POINTS_BACK.match(text[slice(*spans[at + 1])])
                    or _AN_EXAMPLE.match(text[slice(*spans[at + 1])])
                    or _names_again(text[slice(*spans[at])], text[slice(*spans[at + 1])])
                    or scores.get((quote.letter_id, spans[at + 1][0]), 0.0)
                    >= NEXT_SENTENCE_SHARE * sentence.score):
                end = spans[at + 1][1]
        introduced = introduction_of(text, start)
        if introduced is not None:  # a quotation, with whoever its introduction says spoke it
            start = introduced
        if text[start:end].rstrip().endswith(":"):  # what it introduces ("... on X/Twitter:")
            end = _introduced_end(text, end)
        overlapped = next((i for i, k in enumerate(kept) if k.quote.letter_id == quote.letter_id
                           and k.quote.start < end and start < k.quote.end), None)
        if overlapped is None:
            kept.append(_widened(sentence, start, end))
        else:  # one quote: the better one's, widened to hold this one too
            held = kept[overlapped].quote
            kept[overlapped] = _widened(kept[overlapped], min(start, held.start),
                                        max(end, held.end))
    return kept


def _widened(sentence: ScoredSentence, start: int, end: int) -> ScoredSentence:
    """`sentence` quoted from `start` to `end` in its letter. The quote's own words stay as
    chosen, so the check against the stored letter still sees them
    (`citations.verify_quotes`): only the words around them come from the letter."""
    quote, text = sentence.quote, sentence.letter.text
    if (start, end) == (quote.start, quote.end):
        return sentence
    words = text[start : quote.start] + quote.text + text[quote.end : end]
    return replace(sentence, quote=Quote(quote.letter_id, quote.passage_id, start, end, words))


def _introduced_end(text: str, end: int) -> int:
    """Where the words introduced by the sentence ending at `end` (with a colon) end: a
    quotation's closing mark, a list's last item (`sentence_acts.list_end`), else the
    sentence after; `end` when none is near."""
    opening = OPENING_MARK.match(text, end)
    if opening:
        close = text.find(_CLOSING_MARK[opening.group(1)], opening.end(), end + INTRODUCED_CHARS)
        return close + 1 if close != -1 else end
    listed = list_end(text, end, INTRODUCED_CHARS)
    if listed is not None:
        return listed
    after = passage_sentences(text[end : end + INTRODUCED_CHARS], end)
    return after[0][1] if after and after[0][1] < end + INTRODUCED_CHARS else end
