"""Letter-scoped retrieval: when the question names its letter ("the Victims' Commissioner's
letter of 30 June 2022 to Victoria Atkins"), search inside that letter.

Such a question's wording often shares nothing with the paragraph that answers it ("ask ...
to do" against "request your help"), so global rankings can miss the paragraph even when the
letter is certain. This retriever finds the letters the cues pick out and ranks their
passages by the query vector, as one more ranking for fusion.
"""

from __future__ import annotations

from assistant.cue_matching import date_match, person_matches
from assistant.cues import QuestionCues
from assistant.retrieval.base import Candidate, Ranking, RetrievalQuery
from indexer.embedder import Embedder
from indexer.store import LetterFilter, LetterHeader, Store

# More letters than this fitting the cues means the cues do not pick out a letter.
MAX_SCOPED_LETTERS = 4
# Letters fetched (by a word of a name, or a date) to test the cues against.
CANDIDATE_LETTERS = 500
# A letter between the two people a question names, written the other way ("What did Matt
# Vickers write to Sir Robert Chote about?" of Chote's reply to him): it answers or is
# answered by the one asked about, and says what that one said. Worth more than a letter
# matching one of them on their side (1 point), less than one matching both (2).
SWAPPED_PAIR_POINTS = 1.5


class LetterScopeRetriever:
    name = "letter-scope"

    def __init__(self, store: Store, embedder: Embedder):
        self.store = store
        self.embedder = embedder

    def run(self, query: RetrievalQuery, cues: QuestionCues) -> Ranking:
        letter_ids = [letter.letter_id for letter in self.scoped_letters(cues, query.where)]
        letter_ids += [i for i in cues.context_letters if i not in letter_ids]
        if not letter_ids:
            return Ranking(self.name)
        # the caller's filters still hold inside the scope
        where = (query.where or LetterFilter()).within(letter_ids)
        vector = query.vector if query.vector is not None else self.embedder.encode_query(query.text)
        hits = self.store.dense_search(vector, query.k, where)
        return Ranking(self.name, [Candidate(pid, score) for pid, score in hits])

    def scoped_letters(self, cues: QuestionCues, where: LetterFilter | None) -> list[LetterHeader]:
        """Letters matching a day the question names, two of its other cues, or the person
        the question asks about on their side of the letter ("who wrote to Katy Bourne",
        "what did the Minister commit"). Where more qualify, those matching the most cues;
        at most MAX_SCOPED_LETTERS of them."""
        if not cues.people and not cues.dates:
            return []
        # SQL finds lines holding every word of a name; initials ("OSR") only where spelt out.
        names = [words for p in cues.people for words in p.line_words()]
        days = [(d.first_day, d.last_day) for d in cues.dates]
        candidates = self.store.letter_headers(names, days, where, limit=CANDIDATE_LETTERS)
        scored: list[tuple[float, LetterHeader]] = []
        for letter in candidates:
            precisions = [date_match(d, letter.date) for d in cues.dates]
            matched_day = "day" in precisions
            points = sum(person_matches(p, letter.sender if p.direction == "from"
                                        else letter.recipient) for p in cues.people)
            points += sum(1 for p in precisions if p is not None)
            on_their_side = any(
                person_matches(p, letter.recipient if p.direction == "to" else letter.sender)
                for p in cues.people if p.direction == "to" or p.speaker)
            if matched_day or points >= 2 or on_their_side:
                scored.append((points + 2 * matched_day, letter))
            elif _between_them_the_other_way(cues, letter):
                scored.append((SWAPPED_PAIR_POINTS, letter))
        best = max((score for score, _ in scored), default=0)
        chosen = [letter for score, letter in scored if score == best]
        return chosen if len(chosen) <= MAX_SCOPED_LETTERS else []  # else: no letter picked out



def _between_them_the_other_way(cues: QuestionCues, letter: LetterHeader) -> bool:
    """The question names a writer and a recipient, and this letter is from the recipient
    to the writer."""
    writers = [p for p in cues.people if p.direction == "from" and p.speaker]
    readers = [p for p in cues.people if p.direction == "to"]
    return (any(person_matches(p, letter.recipient) for p in writers)
            and any(person_matches(p, letter.sender) for p in readers))
