"""The single words a question's phrasal verbs mean ("put out": "publish", "release",
"issue"), from assistant/data/phrasal_verbs.toml, so a question asked in everyday words is
searched for in the words letters use.

Query expansion by meaning (`assistant.retrieval.expansion`) matches one word at a time,
and the embedding model reads a two-word verb poorly on its own: "put out" lies 0.26 from
"published", "step in" 0.36 from "intervene", under the 0.45 an expansion needs. The
particle ("out", "in") is a stop word, and the verb ("put", "step") is in some letter, so
nothing marked the question as worded otherwise. A short table of plain English does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.terms import content_terms, data_table, term_set

_TABLE = data_table("phrasal_verbs")
# A pronoun, or a determiner and its noun, may stand between verb and particle: "follow it
# up", "take them up on it", "taking the statistics over".
_OBJECT = (r"(?:\s+(?:it|them|this|that|these|those|him|her|us|me|you|"
           r"(?:the|their|its|his|her|these|those|this|that|any|some)\s+[a-z]+))?")


def _pattern(phrase: str) -> re.Pattern[str]:
    verb, *particles = phrase.split()
    forms = "|".join(_TABLE["forms"].get(verb, [verb]))
    rest = r"\s+".join(re.escape(p) for p in particles)
    return re.compile(rf"\b(?:{forms}){_OBJECT}\s+{rest}\b", re.IGNORECASE)


_PLAIN = [(_pattern(phrase), words) for phrase, words in _TABLE["plain"].items()]


def plain_words(text: str, unless_in: Sequence[str] = ()) -> list[str]:
    """The single words the text's phrasal verbs mean, in the order they are found, once
    each ("Had the Home Office put all its figures out?" gives none: only a pronoun, or a
    determiner and its noun, may stand between the two words); not those of a phrasal verb
    any of `unless_in` uses itself (a letter saying where a figure "came from" answers the
    question in its words)."""
    found: list[str] = []
    for pattern, words in _PLAIN:
        if pattern.search(text) and not any(pattern.search(t) for t in unless_in):
            found += [w for w in words if w not in found]
    return found


def in_plain_words(terms: list[str], question: str, taken: Sequence[str]) -> list[str]:
    """The question's terms (stems, `terms.content_terms`) with each phrasal verb whose plain
    words were taken (`taken`: the query expansion holds those the letters use) read as those
    words: "dig out" asks for "extract", not for "dig" or "out", and the word a table gives
    is no guess by meaning, so it counts as the question's own (chosen on the tuning set's 63
    questions holding a phrasal verb: MRR 0.777 -> 0.794, j48 cited)."""
    for pattern, words in _PLAIN:
        match = pattern.search(question)
        meant = [w for w in words if w in taken]
        if match and meant:
            said = term_set(match.group(0))
            terms = [t for t in terms if t not in said]
            terms += [t for t in content_terms(" ".join(meant)) if t not in terms]
    return terms
