"""Matching a name against a letter's sender or recipient line.

"Sir Robert Chote" matches "Sir Robert Chote, Chair, UK Statistics Authority" when every word
of the name is in the line; an initialism ("OSR") matches the initials of the line's words
("Office for Statistics Regulation"). Used wherever letters are tied to people: reply links
at index time, and the people a question names at ask time.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Forms of address: a letter may call the same person "Dame Sara Thornton" or "Sara Thornton".
TITLES = frozenset({"dame", "sir", "lord", "lady", "mr", "mrs", "ms", "dr", "rt", "hon", "mp",
                    "qc", "kc"})
# Forms of address a question may use ("Mr Jenrick") that letters' lines rarely carry.
FORMS_OF_ADDRESS = ("mr", "mrs", "ms", "miss", "dr")
# What separates the people of one line: "Maya and Anna", "Dame Sara Thornton, Dame Vera Baird".
BETWEEN_PEOPLE = re.compile(r",\s*|\s+and\s+|\s*&\s*")


def name_tokens(text: str) -> tuple[str, ...]:
    """The words of a name or line, lower-cased, possessives and plurals dropped."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'s", ""))
    return tuple(singular(w) for w in words if w not in {"the", "of", "for", "and", "s"})


def singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def known_name(name: str) -> tuple[str, ...]:
    """A correspondent's name as words to find in other lines, forms of address left out."""
    return tuple(t for t in name_tokens(name) if t not in TITLES)


def names_match(tokens: tuple[str, ...], who: str | None, whole: bool = False) -> bool:
    """Every word appears in the sender or recipient line (names and roles). With `whole`
    (a name given with a form of address, "Mr Jenrick"), each word, or run of words joined
    by a hyphen, stands whole in the line: "Dr Smith" is not the Smith of "Powell-Smith"."""
    if not who:
        return False
    if whole:
        return _stand_whole(tokens, who)
    words, initials = _line_words(who)
    return all(t in words or (len(t) >= 3 and t in initials) for t in tokens)


def _stand_whole(tokens: tuple[str, ...], who: str) -> bool:
    line = who.lower().replace("’", "'")
    start = 0
    while start < len(tokens):
        for end in range(len(tokens), start, -1):  # the longest hyphenated run first
            piece = re.escape("-".join(tokens[start:end]))  # "lewi": name_tokens' singular
            if re.search(rf"(?<![\w-]){piece}s?(?![\w-])", line):
                start = end
                break
        else:
            return False
    return bool(tokens)


def names_consistent(tokens: tuple[str, ...], who: str | None, whole: bool = False) -> bool:
    """The line may name this person, if only in part: every word of the name is in it
    (`names_match`), or one of the people it names is known by words the name all holds. A
    letter without front matter knows its recipient from "Dear Daniel" alone, which does not
    contradict a question's "Daniel Shaw"; it does not confirm it either, so this decides
    only whether a letter rules a question out, never which letter a question means."""
    if names_match(tokens, who, whole):
        return True
    held = {t for t in tokens if t not in TITLES}
    return any(set(known) <= held
               for known in map(known_name, BETWEEN_PEOPLE.split(who or ""))
               if known)


@lru_cache(maxsize=65536)
def _line_words(who: str) -> tuple[frozenset[str], str]:
    """A sender or recipient line's words and initials ('OSR' for Office for Statistics
    Regulation, 'UKSA' for UK Statistics Authority), cached: the same lines are matched again
    and again."""
    return frozenset(name_tokens(who)), "".join(spelt for _, spelt in initials(who))


def initials(text: str) -> list[tuple[str, str]]:
    """Each capitalised word of the text with what it adds to an initialism, lower-cased: its
    first letter, or the whole of an initialism in the line ("UK Statistics Authority" reads
    "uksa")."""
    return [(w, (w if w.isupper() else w[0]).lower())
            for w in re.findall(r"[A-Za-z]+", text) if w[0].isupper()]
