"""Names a question gives that the letters do not know: a capitalised word no letter holds,
in its text or as a correspondent, means the letters cannot say what it asks ("What did the
Scottish Government write to OSR?"). Split from `assistant.grounding`, which declines on them.
"""

from __future__ import annotations

import re

from assistant.cue_people import NAME_VARIANTS
from indexer.names import known_name, name_tokens, names_consistent
from indexer.store import Store

# A capitalised word inside a question (not its first): a name, of a person, body or place,
# or an initialism ("GDP", "PQs").
_PROPER = re.compile(r"(?<=[\w,;:'’\"] )([A-Z][a-z’']+(?:-[A-Z][a-z]+)?|[A-Z]{2,}s?\b)")
# A run of capitalised words: the whole name a word belongs to.
NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)+")


def unknown_names(question: str, store: Store) -> list[str]:
    """The capitalised words of the question that no letter holds, in its text or its lines,
    nor as a variant the data file lists ("Britain" for "UK"), nor as part of a name known
    by its other words."""
    words = list(dict.fromkeys(w.rstrip("'’").removesuffix("’s").removesuffix("'s")
                               for w in _PROPER.findall(question)))
    words = [w for w in words if len(w) >= 3]
    if not words:
        return []
    variants = {w: NAME_VARIANTS.get(w.lower(), []) for w in words}
    frequencies = store.document_frequencies(words + [v for vs in variants.values() for v in vs])
    return [w for w in words if not any(frequencies.get(v) for v in [w, *variants[w]])
            and not store.letter_headers([[w.lower()]], [], None, limit=1)
            and not _named_in_part(w, question, store)]


def _named_in_part(word: str, question: str, store: Store) -> bool:
    """The word belongs to a name whose other words are all a correspondent is known by:
    "Shaw" of "Daniel Shaw" when a letter was sent to "Daniel" (a letter without front
    matter knows its recipient from "Dear Daniel" alone). Such a name is not unknown."""
    own = set(name_tokens(word))
    for run in NAME_RUN.findall(question):
        name = known_name(run)
        if not own & set(name):
            continue
        for other in sorted(set(name) - own):
            if any(names_consistent(name, line)
                   for header in store.letter_headers([[other]], [], None, limit=20)
                   for line in (header.sender, header.recipient)):
                return True
    return False
