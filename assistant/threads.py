"""Reply threads as readers see them: the links index runs found and stored with the
letters (`indexer.reply_links` finds them; `indexer.derive` keeps them up to date), read by
letter id, and joined into threads; and whether a letter is a reply at all, by its links or
by how it opens ("Thank you for your letter of ...")."""

from __future__ import annotations

import calendar
import re
from dataclasses import replace

from assistant.terms import content_terms
from indexer.dates import date_order
from indexer.models import Letter, ReplyLink
from indexer.sentences import passage_sentences
from indexer.store import Store

# Links at or above this confidence are shown as threads; correspondents alone are not enough.
THREAD_CONFIDENCE = 0.5
# The thanks and a date: an acknowledgement with at most this many content words says nothing
# else.
BARE_ACKNOWLEDGEMENT_TERMS = 4
# A reply says what it answers in its first lines (after any address block and salutation).
REPLY_OPENING_CHARS = 600
# The words dating a letter ("dated 24th February", "of 21 November 2022", "my previous"),
# which say nothing of what it says.
_DATING = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)?|(?:19|20)\d\d|dated|previous|earlier|"
                     r"recent|last|" + "|".join(calendar.month_name[1:]) + r")\b", re.IGNORECASE)
# A reply's reference to its reader's own letter ("Thank you for your letter of 17 April"):
# its reader wrote it ("further to my letter" is the writer's own).
_YOUR_LETTER = re.compile(r"\byour\b", re.IGNORECASE)
# How a reply acknowledges what it answers: "Thank you for your detailed letter of 27 March",
# "Thank for your letter", "Thank you for enclosing copies of your letters of 23 March",
# "In response to your email".
_REPLY = re.compile(r"\b(?:thank(?:s|\s+you)?\s+for\s+(?:\w+\s+){0,3}?your\b[^.]{0,40}?\b"
                    r"(?:letter|response|reply|e-?mail|note)s?|further\s+to\s+your|"
                    # a letter answered, not "data published in response to new issues" or
                    # "said in response to questions from MPs"
                    r"in\s+(?:reply|response)\s+to\s+(?:\w+\s+){0,3}?(?:letters?|e-?mails?|"
                    r"notes?|correspondence))\b", re.IGNORECASE)

# Where a reply's thanks turn from the letter answered to what it was about.
_SUBJECT_TURN = re.compile(r"\b(?:about|regarding|concerning|on|re|relating\s+to|"
                           r"in\s+relation\s+to|with\s+regard\s+to)\b", re.IGNORECASE)


def originals_of(reply: Letter, store: Store) -> list[Letter]:
    """The letters `reply` answers, most certain first."""
    return originals_of_each([reply.letter_id], store)[reply.letter_id]


def replies_to(original: Letter | str, store: Store) -> list[Letter]:
    """The letters that answer `original` (a letter or its id), earliest first."""
    original_id = original if isinstance(original, str) else original.letter_id
    return replies_to_each([original_id], store)[original_id]


def originals_of_each(reply_ids: list[str], store: Store) -> dict[str, list[Letter]]:
    """The letters each of these answers, most certain first, read in one go."""
    return _linked_to_each(reply_ids, store, replies=False)


def replies_to_each(original_ids: list[str], store: Store) -> dict[str, list[Letter]]:
    """The letters answering each of these letters, earliest first, read in one go."""
    return _linked_to_each(original_ids, store, replies=True)


def with_writers_named_by_replies(letters: list[Letter], store: Store) -> list[Letter]:
    """Each letter that does not say who wrote it (a published copy stopping before its
    signature, with no front matter), with the writer a reply to it names: a reply thanking
    its reader for "your letter of 17 April" says its reader wrote that letter
    (`Letter.writer_named_by_reply`, which answers show). Other letters as they are; one read
    of the links, and one of the replies, only when a letter lacks its writer."""
    unknown = list(dict.fromkeys(x.letter_id for x in letters if not x.senders))
    if not unknown:
        return letters
    links = [link for link in store.reply_links(original_ids=unknown,
                                                min_confidence=THREAD_CONFIDENCE)
             if _YOUR_LETTER.search(link.evidence)]
    replies = {x.letter_id: x for x in store.letters_by_id([x.reply_id for x in links])}
    named: dict[str, Letter] = {}
    for link in links:
        reply = replies.get(link.reply_id)
        if reply is not None and reply.recipients and link.original_id not in named:
            named[link.original_id] = reply
    return [replace(x, senders=list(named[x.letter_id].recipients),
                    writer_named_by_reply=named[x.letter_id].date or "")
            if x.letter_id in named else x for x in letters]


def _linked_to_each(letter_ids: list[str], store: Store, replies: bool
                    ) -> dict[str, list[Letter]]:
    """For each of these letters, the letters linked to it: its replies, or the letters it
    answers (most certain first): one read of the links and one of the letters."""
    found: dict[str, list[Letter]] = {i: [] for i in letter_ids}
    if not letter_ids:
        return found
    links = (store.reply_links(original_ids=letter_ids, min_confidence=THREAD_CONFIDENCE)
             if replies else
             store.reply_links(reply_ids=letter_ids, min_confidence=THREAD_CONFIDENCE))
    pairs = [(x.original_id, x.reply_id) if replies else (x.reply_id, x.original_id)
             for x in links]
    letters = {x.letter_id: x for x in store.letters_by_id([other for _, other in pairs])}
    for own, other in pairs:
        if other in letters:
            found[own].append(letters[other])
    if replies:
        for answering in found.values():
            answering.sort(key=lambda c: date_order(c.date))
    return found


def all_links(store: Store, min_confidence: float = 0.0) -> list[ReplyLink]:
    return store.reply_links(min_confidence=min_confidence)


def threads(links: list[ReplyLink]) -> list[list[str]]:
    """Letters joined by links into threads, each a sorted list of letter ids."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        parent[root(link.reply_id)] = root(link.original_id)
    groups: dict[str, list[str]] = {}
    for letter_id in parent:
        groups.setdefault(root(letter_id), []).append(letter_id)
    return [sorted(group) for group in groups.values() if len(group) > 1]


def acknowledges_a_letter(text: str) -> bool:
    """The text thanks its reader for a letter, or says it replies to one."""
    return bool(_REPLY.search(text))


def only_acknowledges(sentence: str) -> bool:
    """The sentence thanks its reader for a letter and says no more than the letter's date
    ("Thank you for your letter of 21 November.", "Thank you for your response to my previous
    letter, dated 24th February."), unlike "Thank you for your letter dated
    14 June and sharing the new report ... titled 'A can of worms ...'", which says what it
    answers."""
    return (len(content_terms(_DATING.sub(" ", sentence))) <= BARE_ACKNOWLEDGEMENT_TERMS
            and acknowledges_a_letter(sentence))


def opens_as_a_reply(letter: Letter) -> bool:
    """The letter opens by thanking its reader for a letter, or saying it replies to one:
    "in response to questions from MPs" further on is no reply to a letter."""
    return acknowledges_a_letter(_opening(letter))


def what_it_answers(letter: Letter) -> str:
    """The words of a reply's opening thanks that say what it answers, before they turn to
    what that was about: "Thank you for your letter dated 14 June and sharing the new report
    published by After Exploitation" says whose report it answers; "Thank you for your letter
    of 27 March about the Home Office's recent use of statistics" names the Home Office as
    its subject, not as its writer. Empty for a letter that does not open as a reply."""
    opening = _opening(letter)
    found = _REPLY.search(opening)
    if not found:
        return ""
    end = next((e for s, e in passage_sentences(opening) if s <= found.start() < e), len(opening))
    thanks = opening[found.start() : end]
    turn = _SUBJECT_TURN.search(thanks)
    return thanks[: turn.start()] if turn else thanks


def _opening(letter: Letter) -> str:
    """The first lines of the letter's own words, where a reply says what it answers."""
    return letter.text[letter.opening : letter.opening + REPLY_OPENING_CHARS]


def is_a_reply(letter: Letter, store: Store) -> bool:
    """It answers a letter in the index, or opens as a reply to one (a reply to a letter the
    index lacks, as the published copy of a reply often is)."""
    return bool(replies_among([letter], store))


def replies_among(letters: list[Letter], store: Store) -> set[str]:
    """The ids of those of these letters that are replies (`is_a_reply`), their links read
    in one go."""
    originals = originals_of_each([x.letter_id for x in letters], store)
    return {x.letter_id for x in letters if originals[x.letter_id] or opens_as_a_reply(x)}
