"""Names a question spells otherwise than the letters: a capitalised word no letter holds
(`assistant.unknown_names`) that is an edit or two from one word of the correspondents'
lines, and from no other ("Humphreson" for Humpherson, "Kinock" for Kinnock), is read as
that word, and the answer says so. Left as it is, the word declined the question as a name
the letters do not know. A word close to none ("Paddock", when no line names Lord Paddick)
or to two is left as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.unknown_names import unknown_names
from indexer.store import Store

# Shorter words than this are not respelt: "Dunn" is an edit from "Dunne" and from "Dean".
MIN_LETTERS = 5
# Words of up to this many letters are respelt from one edit away, longer ones from two
# (an edit: a letter added, dropped or changed, or two neighbours swapped).
ONE_EDIT_LETTERS = 6


def respelt_names(question: str, store: Store) -> dict[str, str]:
    """Each capitalised word of the question no letter holds that is read as another, with
    the word the correspondents' lines spell ("Humphreson" -> "Humpherson")."""
    unknown = [word for word in unknown_names(question, store) if len(word) >= MIN_LETTERS]
    if not unknown:
        return {}
    vocabulary = store.correspondent_words()
    found = {}
    for word in unknown:
        closest = nearest_word(word.lower(), vocabulary)
        if closest:
            found[word] = closest.capitalize() if word[1:].islower() else closest.upper()
    return found


def with_respellings(question: str, respellings: dict[str, str]) -> str:
    """The question with each respelt word as the letters spell it."""
    for typed, spelt in respellings.items():
        question = re.sub(rf"\b{re.escape(typed)}\b", spelt, question)
    return question


def nearest_word(word: str, vocabulary: Iterable[str]) -> str | None:
    """The one word of the vocabulary within the edits allowed for the word's length, and
    nearer than any other; None when none is, or two are as near."""
    allowed = 1 if len(word) <= ONE_EDIT_LETTERS else 2
    best: list[str] = []
    best_edits = allowed + 1
    for other in vocabulary:
        if abs(len(other) - len(word)) > allowed or other == word:
            continue
        edits = edit_distance(word, other, allowed)
        if edits > allowed:
            continue
        if edits < best_edits:
            best, best_edits = [other], edits
        elif edits == best_edits:
            best.append(other)
    return best[0] if len(best) == 1 else None


def edit_distance(a: str, b: str, ceiling: int) -> int:
    """Letters added, dropped or changed, and neighbours swapped, to make `a` into `b`
    (optimal string alignment); any count above `ceiling` is returned as `ceiling` + 1."""
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (char != other))
            if before is not None and i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > ceiling:
            return ceiling + 1
        before, previous = previous, current
    return min(previous[-1], ceiling + 1)
