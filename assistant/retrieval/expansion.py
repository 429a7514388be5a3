"""Query expansion by meaning: a question's words that the candidate passages never use,
matched to the closest words they do use, so BM25 can search for those too.

A question in other words than the letter's ("What share of the old pile of cases turned
out to be repeats or mistakes?" for "56% were duplications, errors or applications moved")
shares no word with the sentence that answers it, and BM25, which beats dense vectors on
these name-, date- and figure-heavy letters, cannot find it. The embedding model compares
single words well enough to bridge some of that gap ("repeats" lies close to
"duplications"), and a word matters for search only if some passage holds it; so the
neighbours are drawn from the words of the passages the first search found, which also
keeps them near the question's subject. The index keeps a vector for every passage word
(`indexer.pipeline`), so this costs cache reads, not encoding; only the question's absent
words are encoded, one by one through the fast query encoder (the same vectors: 14 ms for
PyTorch to encode three words as a batch, a few ms this way). A word without a kept vector
(an index made before they were kept, until its letters are indexed again) is not a
neighbour.

The question's words are read without the people it names, nor, for a follow-up, those the
earlier questions it is read with name (`QuestionCues.topic_text`): a name is not
paraphrased, and its neighbours in meaning are other people's names or their offices'
words ("Lord Chancellor": "ministry"). Chosen on
the tuning set (eval/questions.jsonl; the sweep is in eval/README.md): recall@5 81.1% ->
84.5%, MRR 0.588 -> 0.626, paraphrases found 22 -> 27 of 45.
"""

from __future__ import annotations

import numpy as np

from assistant.meaning import WordVectors
from assistant.phrasal import plain_words
from indexer.models import Passage
from indexer.store.terms import meaning_words

# The first search's best candidates, whose words are the neighbours a word may have.
EXPANSION_DEPTH = 40
# Neighbours per absent word, each at least this close in meaning (cosine).
NEIGHBOURS = 3
MIN_SIMILARITY = 0.45
# Words answering a question ("Did she say yes?") name nothing asked about: the letters' words
# nearest "yes" ("course", of "in due course") brought sentences saying when, not whether.
# Chosen on the tuning set: a08 and a15 quote the Minister's acceptance first, none lost (all
# question stopwords left out lost five: eval/README.md). Nor do the words saying "some place"
# or "some way" ("Did that go anywhere?": its nearest word, "home", had chosen a sentence on
# the Home Office's funding over the reply welcoming the offer; tuning 904, session 61: a10
# cited, none lost).
NAMING_NOTHING = frozenset({"yes", "anywhere", "somewhere", "everywhere", "nowhere", "somehow",
                          "anyhow"})


class QueryExpansion:
    name = "expansion"

    def __init__(self, words: WordVectors):
        self.words = words

    def run(self, question: str, passages: list[Passage], own_words: bool = True) -> list[str]:
        """The candidates' words closest in meaning to each question word none of them holds,
        closest first for each word, without repeats; [] when every word is held. The words
        the question's phrasal verbs mean (`assistant.phrasal`) count as its words: held,
        they are found as they are; not held, by their neighbours. Without `own_words`, only
        those (the question's own words are all in some letter)."""
        words = sorted({w for p in passages for w in self.words.words_in(p.text)})
        present = set(words)
        plain = plain_words(question, [p.text for p in passages])
        found = [w for w in plain if w in present]
        asked = [w for w in meaning_words(question) if w.lower() not in NAMING_NOTHING
                 ] if own_words else []
        absent = [w for w in dict.fromkeys(asked + plain) if w not in present]
        if not absent:
            return found
        held, vectors = self.words.kept(words)
        if not held:
            return found
        closeness = self.words.asked(absent) @ vectors.T
        for row in closeness:
            for column in np.argsort(-row)[:NEIGHBOURS]:
                if row[column] >= MIN_SIMILARITY and held[column] not in found:
                    found.append(held[column])
        return found
