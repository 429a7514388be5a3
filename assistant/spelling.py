"""Names a question spells otherwise than the letters: a capitalised word no letter holds
(`assistant.unknown_names`) that is another form of a given name one correspondent's line
holds ("Bob" for Robert, `data/given_names.toml`), or an edit or two from one word of the
lines and from no other ("Humphreson" for Humpherson, "Kinock" for Kinnock), is read as that
word, and the answer says so. Left as it is, the word declined the question as a name the
letters do not know. A word close to none ("Paddock", when no line names Lord Paddick) or
to two is left as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.terms import data_table
from assistant.unknown_names import NAME_RUN, unknown_names
from indexer.names import name_tokens
from indexer.store import Store


def _given_name_forms() -> dict[str, frozenset[str]]:
    """Each form of a given name, lower-cased, with every form of the names it may be."""
    forms: dict[str, set[str]] = {}
    for group in data_table("given_names")["groups"]:
        for form in group:
            forms.setdefault(form.lower(), set()).update(other.lower() for other in group)
    return {form: frozenset(others) for form, others in forms.items()}


GIVEN_NAME_FORMS = _given_name_forms()

# Shorter words than this are not respelt: "Dunn" is an edit from "Dunne" and from "Dean".
MIN_LETTERS = 5
# Words of up to this many letters are respelt from one edit away, longer ones from two
# (an edit: a letter added, dropped or changed, or two neighbours swapped).
ONE_EDIT_LETTERS = 6


def respelt_names(question: str, store: Store,
                  lines_holding: Callable[[tuple[str, ...]], list[str]]) -> dict[str, str]:
    """Each capitalised word of the question read as another, with the word the
    correspondents' lines spell: a word no letter holds ("Humphreson" -> "Humpherson"), or
    one of a run of capitalised words no line holds whole that a line holds with the word
    read so ("Dame Sarah Thornton" -> "Sara", though "Sarah" is Sarah Newton's).
    `lines_holding`: the sender and recipient lines holding all of these words."""
    unknown = unknown_names(question, store)
    runs = [[word.removesuffix("'s").removesuffix("’s") for word in run.split()]
            for run in NAME_RUN.findall(question) if not lines_holding(name_tokens(run))]
    if not (unknown or runs):
        return {}
    vocabulary = store.correspondent_words()
    found = {}
    for word in unknown:
        closest = _read_as(word, vocabulary)
        if closest:
            found[word] = closest
    for run in runs:
        readings = {(word, other) for word in run if word not in found
                    for other in [_read_as(word, vocabulary)]
                    if other and _held_read_so(run, word, other, lines_holding)}
        if len(readings) == 1:
            word, other = readings.pop()
            found[word] = other
    return found


def _read_as(word: str, vocabulary: set[str]) -> str | None:
    """The word of the vocabulary this one may be read as, written as the word is: the one
    other form of its given name there is, or else the one word within its edits."""
    forms = sorted(GIVEN_NAME_FORMS.get(word.lower(), set()) & vocabulary - {word.lower()})
    closest = forms[0] if len(forms) == 1 else (
        nearest_word(word.lower(), vocabulary) if len(word) >= MIN_LETTERS else None)
    if closest is None:
        return None
    return closest.capitalize() if word[1:].islower() else closest.upper()


def _held_read_so(run: list[str], word: str, other: str,
                  lines_holding: Callable[[tuple[str, ...]], list[str]]) -> bool:
    """Some line holds a part of the run of two words or more, the word read as the other,
    where none held it as written ("Sara Thornton" of "Dame Sarah Thornton")."""
    at = run.index(word)
    read = run[:at] + [other] + run[at + 1:]
    return any(bool(lines_holding(name_tokens(" ".join(read[start:end]))))
               for start in range(at + 1) for end in range(at + 1, len(run) + 1)
               if end - start >= 2)


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
