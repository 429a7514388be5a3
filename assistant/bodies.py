"""Bodies the correspondents' lines name by their initials ("Ed Humpherson, OSR"), known by
the words the letters spell them out in ("Office for Statistics Regulation (OSR)").

A question describing a body in lower case ("the statistics regulator", "the regulator's
reaction") holds no word of a line that says "OSR", and was read as no one in particular
(`cue_lines.settle_people`): the letters it means neither ranked first nor were checked.
Read against the spelt-out names the letters themselves give, it is the body whose name
holds its words, in any of their forms ("regulator" for "Regulation").
"""

from __future__ import annotations

import re

from assistant.terms import passages_searched
from indexer.names import initials, name_tokens
from indexer.store import Store

# Passages searched for where the letters spell out a body's initials: the lexical search
# stems its words ("regulator" finds "Regulation"), so one naming the body comes early.
SEARCHED = 20
# "Office for Statistics Regulation (OSR)": capitalised words (with the small words that
# join them) and, in brackets, the initials they spell.
_SPELT_OUT = re.compile(r"((?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|the|on|in|&)\s+)*){2,10})"
                        r"\(([A-Z]{2,8})\)")
# Endings that make one word of an agent, an act or a place of it: "regulator" and
# "regulation", "inspector" and "inspectorate", "commissioner" and "commission".
_ENDINGS = re.compile(r"(?:ations?|ators?|orates?|ions?|ors?|ers?|ies|(?<!s)s)$")


def spelt_out(text: str) -> dict[str, str]:
    """The initialisms the text spells out, lower-cased, each with its words: {"osr": "Office
    for Statistics Regulation"}, from the first capitalised word whose initials, with those
    after it up to the bracket, spell it (`indexer.names.initials`)."""
    found: dict[str, str] = {}
    for match in _SPELT_OUT.finditer(text):
        phrase, initialism = match.group(1), match.group(2).lower()
        words = initials(phrase)
        # where each capitalised word starts, as `initials` reads them
        starts = [m.start() for m in re.finditer(r"[A-Za-z]+", phrase) if m.group()[0].isupper()]
        for first in range(len(words)):
            if "".join(spelt for _, spelt in words[first:]) == initialism:
                found[initialism] = phrase[starts[first]:].strip()
                break
    return found


def root(word: str) -> str:
    """The word without the endings that make an agent, act or place of it ("regul" of both
    "regulator" and "regulation"), four letters kept at least."""
    word = word.lower()
    while (shorter := _ENDINGS.sub("", word)) != word and len(shorter) >= 4:
        word = shorter
    return word


def body_described(store: Store, words: tuple[str, ...]) -> str | None:
    """The initialism of the one body the letters spell out in words holding every one of
    these, in any of its forms ("osr" for ("statistics", "regulator")); None when no body,
    or more than one, fits."""
    if not words:
        return None
    found: dict[str, str] = {}
    for passage in passages_searched(store, " ".join(words), SEARCHED):
        found.update(spelt_out(passage.text))
    wanted = {root(word) for word in words}
    fitting = [initialism for initialism, spelt in found.items()
               if wanted <= {root(word) for word in name_tokens(spelt)}]
    return fitting[0] if len(fitting) == 1 else None
