"""Content words of questions and sentences, reduced to a common stem, for overlap scores."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from indexer.models import Passage
    from indexer.store import LetterFilter, Store

# The passages searched for one holding every one of some words (`held_together_elsewhere`).
HOLDING_ALL_READ = 5

# Words that carry no topic in a question about letters ("back" of "write back", "say back").
QUESTION_STOPWORDS = frozenset(["a", "about", "above", "according", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "ask", "asked", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "during", "each", "either", "else", "ever", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "himself", "herself", "themselves", "myself", "ourselves", "yourself", "yourselves", "just", "letter", "letters", "many", "me", "more", "most", "much", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "per", "please", "reply", "replied", "respond", "response", "said", "say", "says", "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "wrote", "write", "written", "you", "your", "yes", "tell", "told", "according", "say", "did", "back", "anyone", "anybody", "anything", "someone", "somebody", "something", "want", "wants", "wanted", "date", "dated", "send", "sends", "sent", "answer", "answers", "get", "gets", "got", "receive", "receives", "received", "outcome", "outcomes", "result", "results", "happen", "happened", "happens", "look", "looked", "looking", "capacity", "together", "jointly", "instead", "actually", "really", "exactly", "anyway"])

# Words that say what a letter does rather than what it is about ("What did X complain to Y
# about?", "What did X raise with Y?"): any letter between them answers, whatever its words.
# Not "look" ("look into"): "What had the MPs chosen to look into?" holds its topic there.
SPEECH_ACTS = (
    "complain", "complained", "complains", "complaint", "complaints", "raise", "raised",
    "raises", "concern", "concerns", "concerned", "discuss", "discussed", "mention",
    "mentioned", "urge", "urged", "request", "requested", "highlight", "highlighted", "warn",
    "warned", "propose", "proposed", "suggest", "suggested", "worry", "worried", "object",
    "objected", "query", "queried", "point", "pointed", "flag", "flagged", "note", "noted",
    "seek", "sought", "call", "called", "inform", "informed", "explain", "explained",
    "describe", "described", "address", "addressed", "cover", "covered", "issue", "issues",
    "welcome", "welcomed", "recommend", "recommended", "acknowledge", "acknowledged",
    "praise", "praised", "commend", "commended", "criticise", "criticised", "criticize",
    "criticized", "criticism", "criticisms",
    # what a commitment question asks for ("What did X promise Y?"): letters rarely say it
    "promise", "promised", "promises", "pledge", "pledged", "commit", "committed",
    "commitment", "commitments", "undertake", "undertook", "undertaking",
    # what a question asking for a letter's gist says of it ("What were the main points of
    # the Kinnock letter of December 2022?")
    "main", "key", "chief", "principal", "gist", "summary", "summarise", "summarize",
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*\d|\d")
_SUFFIXES = ("ations", "ation", "ances", "ance", "ences", "ence", "ments", "ment", "ings", "ing",
             "ies", "ied", "ers", "er", "es", "ed", "ly", "s")


def data_table(name: str) -> dict:
    """A table of words kept as data, `assistant/data/<name>.toml`: words of the language or
    the field, never named in code."""
    return tomllib.loads((Path(__file__).parent / "data" / f"{name}.toml").read_text(
        encoding="utf-8"))


# The auxiliaries a question's verb may open with ("did", "were"): where the words naming its
# subject end ("How many knife crime offences were ...?"), or that no subject follows a
# wh-word ("When did ...?"). Alternatives for a regular expression.
AUXILIARY = "did|does|do|was|were|is|are|had|has|have"

# Verbs that say little on their own ("take", "give", "put", "set", "get"): the words with them
# carry the meaning ("take so long", "take the complaint to"), so they count for little when
# choosing sentences (`sentence_weights.LIGHT_VERB_WEIGHT`).
LIGHT_VERBS = frozenset({"take", "give", "put", "set", "get"})

# Each irregular past form and the verb it is of ("came": "come").
VERB_OF = {form: verb for verb, forms in data_table("irregular_verbs").items() for form in forms}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word without its suffix, an irregular past form as its verb ("came" as "come"):
    cached, as every letter checked for a question's words is stemmed whole, word by word,
    and the same words recur."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'")
    word = VERB_OF.get(word, word)
    if word[:1].isdigit():
        return word.replace(",", "")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            # "replies", "replied": "repli", as "reply" below
            word = word[: -len(suffix)] + ("i" if suffix in ("ies", "ied") else "")
            break
    # "achieve" as "achieved" and "achievements"; "reply" as "replies" and "copy" as "copied",
    # and "policy" apart from "police" (as Porter's stemmer keeps them)
    if len(word) > 4 and word[-1] == "e":
        return word[:-1]
    if len(word) > 3 and word[-1] == "y" and word[-2] not in "aeiou":
        return word[:-1] + "i"
    return word


# The speech acts as stems, as a question's topic words are compared.
SPEECH_ACT_TERMS = frozenset(stem(word) for word in SPEECH_ACTS)
# Verbs of reaching a judgement: a question asking what someone concluded or found is
# answered where they say, in any of these words, what they judged ("We consider that ...",
# "we determined that ...").
JUDGEMENT_TERMS = frozenset(stem(word) for word in (
    "conclude", "concluded", "find", "found", "finds", "decide", "decided", "judge", "judged",
    "determine", "determined", "consider", "considered", "assess", "assessed"))
# Acts a writer may perform in any of several words: a question asking whether someone
# agreed is answered where they say they accept, share or welcome it ("I also strongly agree
# ...", "We share your disappointment ..."). Each family: the words that ask for the act, and
# those performing it. Chosen on the tuning set (569, session 43): MRR .849 -> .850,
# citations 78.7% -> 78.9% (r07), first-quote hits 69.9% -> 70.1% (j21); a second family,
# concern asked for in "object", "complain" or "worry" and performed in any of them, lost v02
# and was not kept. Being satisfied, happy or pleased with something, or backing it, asks
# the same (session 45: l69, l93 cited, j73 and g06 one quote shorter, none lost; "backed"
# stems as "back", so "say back" asks it too: l19's evidence rank 2 -> 1). So does how a
# letter was received ("How was it received?" after Full Fact's request: "We share your
# disappointment ..."; session 48: a14 cited first, none lost; "Did OSR receive the report?"
# asks it too, and no tuning question does).
ACT_FAMILIES = tuple(
    (frozenset(stem(w) for w in asking), frozenset(stem(w) for w in performing))
    for asking, performing in (
        (("agree", "agreed", "disagree", "disagreed", "accept", "accepted", "endorse",
          "endorsed", "concur", "concurred", "satisfied", "happy", "pleased", "content",
          "backed", "supported", "received"),
         ("agree", "agreed", "disagree", "accept", "accepted", "share", "shared", "support",
          "supported", "endorse", "endorsed", "welcome", "welcomed", "acknowledge",
          "acknowledged", "recognise", "recognised", "concur")),
    ))
# The words asking for one of those acts: like the speech acts, no subject of their own ("Did
# Ed Humpherson agree with Will Moy?" asks what his reply to Moy says).
FAMILY_ASKING_TERMS = frozenset().union(*(asking for asking, _ in ACT_FAMILIES))
# What a question calls a figure it gives ("the 400,000 figure").
FIGURE_WORDS = frozenset(stem(w) for w in ("figure", "figures", "number", "numbers"))


# "haven't", "didn't", "isn't", "can't": a verb's negation, as "not" is (a stopword)
_NEGATED_AUXILIARY = re.compile(r"n['’]t$", re.IGNORECASE)


def content_words(text: str) -> dict[str, str]:
    """The words that carry content, by stem, in order: {stem: first word with that stem}."""
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        if word.lower() in QUESTION_STOPWORDS or _NEGATED_AUXILIARY.search(word):
            continue
        term = stem(word)
        if term and term not in found:
            found[term] = word
    return found


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry content, in order, without repeats."""
    return list(content_words(text))


@lru_cache(maxsize=4096)
def term_set(text: str) -> frozenset[str]:
    """Stems of every word in the text; cached, as the same letters are checked again."""
    return frozenset(stem(word) for word in _WORD.findall(text))


def held_together_elsewhere(words: dict[str, str], store: Store,
                            outside: frozenset[str] = frozenset()) -> bool:
    """Does a passage of a letter not in `outside` hold every one of these words ({stem:
    word}, as `content_words` gives them)? Searched by the words, among the first few."""
    return any(p.letter_id not in outside and set(words) <= term_set(p.text)
               for p in passages_searched(store, " ".join(words.values()), HOLDING_ALL_READ))


def passages_searched(store: Store, words: str, k: int,
                      where: LetterFilter | None = None) -> list[Passage]:
    """The `k` passages BM25 ranks first for the words, best first: the look-ups that read
    a few passages for a property ranking cannot see (a definition, a body spelt out)."""
    return store.passages([passage_id for passage_id, _ in store.lexical_search(words, k, where)])
