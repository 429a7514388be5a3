"""Reply links: which letter answers which, on the evidence the letters carry, found by index
runs for the letters they add or change (and the letters that may answer those) and stored
with the letters, so reading a thread is a lookup.

A reply names what it answers ("Thank you for your letter of 27 October 2021", "in reply to
your letter of 8 December", "your letters of 23 March"): the reference's date, read against
the reply's own date when the year is left out, picks the earlier letter, and the
correspondents confirm it (the reply's sender was the earlier letter's recipient), or, when
they are unknown (a published copy that stops before its signature), do not contradict it
and it is the only letter of that day. Each link keeps the quoted evidence, its offsets in
the reply, and a confidence. Letters that carry no reference link only on correspondents and
date order, at low confidence. File order and file names play no part, so letters arriving
out of order or undated still link.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Set as AbstractSet

from indexer.dates import MONTHS, date_span
from indexer.models import Letter, ReplyLink
from indexer.names import known_name, names_consistent, names_match
from indexer.store.base import LetterFilter, Store

_MONTH = "|".join(calendar.month_name[m] for m in range(1, 13))
REFERENCE = re.compile(
    r"\b(?:(?:thank(?:s| you)?|grateful)\s+(?:you\s+)?for\s+(?:\w+\s+){0,3}?|in\s+(?:reply|response)"
    r"\s+to\s+|further\s+to\s+|responding\s+to\s+)(?P<whose>your|my|our|the)\s+(?:\w+\s+)?"
    r"letters?\s+(?:of|dated)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>" + _MONTH + r")"
    r"(?:\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
CONFIDENCE = {"quoted history": 0.99, "in-reply-to header": 0.99, "reference+correspondents": 0.95,
              "previous-correspondence+correspondents": 0.8, "reference": 0.7,
              "reference+sole letter of the day": 0.6,
              # kept below THREAD_CONFIDENCE, so threads leave it out, and so that removing the
              # other letters of the day has the reply linked again (`indexer.store.derived`)
              "reference+one of several letters of the day": 0.3,
              "correspondents+subject": 0.55, "correspondents": 0.4}
# A reply that points back without a date: "as discussed in our previous correspondence".
PREVIOUS = re.compile(r"\b(?:our|my|your)\s+(?:previous|earlier|last)\s+(?:letters?|"
                      r"correspondence|exchange)\b", re.IGNORECASE)
# Subject words too common to tie two letters together.
_COMMON_SUBJECT = {"letter", "response", "reply", "re", "from", "to", "the", "of", "and", "on",
                   "mp", "sir", "dame", "statistics", "data"}
MAX_CANDIDATES = 200


def _answers(reply: Letter, original: Letter) -> bool:
    return (any(names_match(known_name(p.name), reply.sender) for p in original.recipients)
            and any(names_match(known_name(p.name), reply.recipient) for p in original.senders))


def _may_answer(reply: Letter, original: Letter, own: bool) -> bool:
    """Nothing known of the two letters' correspondents rules out that `reply` answers
    `original` (or follows it, `own`): each side unknown, or known in part and consistent
    ("Ed" for Ed Humpherson). Letters without front matter often lack a writer."""
    def may_be(line: str | None, people: list) -> bool:
        return not line or not people or any(names_consistent(known_name(p.name), line)
                                             for p in people)
    if own:
        return may_be(reply.sender, original.senders)
    return may_be(reply.sender, original.recipients) and may_be(reply.recipient, original.senders)


def _referenced_day(match: re.Match, reply: Letter) -> str | None:
    """The ISO day a reference names; a missing year is the reply's own (or the year before,
    when the month would otherwise fall after the reply)."""
    day, month = int(match["day"]), MONTHS[match["month"].lower()]
    if match["year"]:
        year = int(match["year"])
    elif reply.date:
        year = int(reply.date[:4])
        if len(reply.date) >= 7 and month > int(reply.date[5:7]):
            year -= 1
    else:
        return None
    try:
        return f"{year:04d}-{month:02d}-{day:02d}" if day <= calendar.monthrange(year, month)[1] else None
    except calendar.IllegalMonthError:
        return None


def links_from(reply: Letter, store: Store) -> list[ReplyLink]:
    """The letters `reply` answers, with the evidence for each."""
    links: dict[str, ReplyLink] = {}
    for original in _quoted_by(reply, store):  # the earlier message quoted below the reply
        links[original.letter_id] = ReplyLink(reply.letter_id, original.letter_id,
                                         f"quoted below the reply in {reply.source_path}", 0, 0,
                                         CONFIDENCE["quoted history"], "quoted history")
    for original_id in store.letters_with_message_ids(reply.in_reply_to):
        if original_id != reply.letter_id and original_id not in links:  # an e-mail naming the message it answers
            links[original_id] = ReplyLink(reply.letter_id, original_id,
                                      "In-Reply-To: " + " ".join(reply.in_reply_to), 0, 0,
                                      CONFIDENCE["in-reply-to header"], "in-reply-to header")
    for match in REFERENCE.finditer(reply.text):
        day = _referenced_day(match, reply)
        if day is None:
            continue
        own = match["whose"].lower() in ("my", "our")  # "further to my letter": same sender
        that_day = [x for x in store.letters(LetterFilter(date_from=day, date_to=day), MAX_CANDIDATES)
                    if x.letter_id != reply.letter_id and x.date and len(x.date) >= 10]
        possible = {x.letter_id for x in that_day if _may_answer(reply, x, own)}
        for original in that_day:
            confirmed = (any(names_match(known_name(p.name), reply.sender) for p in original.senders)
                         if own else _answers(reply, original))
            sent_to_reply_writer = own or any(names_match(known_name(p.name), original.sender)
                                              for p in reply.recipients)
            if confirmed:
                basis = "reference+correspondents"
            elif sent_to_reply_writer:
                basis = "reference"
            elif original.letter_id in possible:
                basis = ("reference+sole letter of the day" if len(possible) == 1
                         else "reference+one of several letters of the day")
            else:
                continue
            link = ReplyLink(reply.letter_id, original.letter_id, match.group(0), match.start(),
                        match.end(), CONFIDENCE[basis], basis)
            known = links.get(original.letter_id)
            if known is None or known.confidence < link.confidence:
                links[original.letter_id] = link
    if not links and reply.date:
        since = date_span(reply.date)[0]  # strictly earlier, however partial either date is
        latest = _latest_letter_answered(reply, since, store)
        if latest is not None:  # the latest earlier letter between the same correspondents
            previous = PREVIOUS.search(reply.text)
            if previous:
                basis, evidence, span = ("previous-correspondence+correspondents",
                                         previous.group(0), previous.span())
            else:
                basis = ("correspondents+subject" if _same_subject(reply, latest)
                         else "correspondents")
                evidence, span = "", (0, 0)
            links[latest.letter_id] = ReplyLink(reply.letter_id, latest.letter_id, evidence,
                                                span[0], span[1], CONFIDENCE[basis], basis)
    return sorted(links.values(), key=lambda link: -link.confidence)


def _latest_letter_answered(reply: Letter, since: str, store: Store) -> Letter | None:
    """The latest letter before `since` from the reply's recipients to its writer: found
    among the letters naming its recipients, latest first, reading only as many as needed."""
    names = [list(known_name(p.name)) for p in reply.recipients]
    headers = [h for h in store.letter_headers([n for n in names if n], [], None, MAX_CANDIDATES)
               if h.letter_id != reply.letter_id and h.date and date_span(h.date)[1] < since]
    for header in sorted(headers, key=lambda h: date_span(h.date)[1] if h.date else "",
                         reverse=True):
        letter = store.letter(header.letter_id)
        if letter is not None and _answers(reply, letter):
            return letter
    return None


def _quoted_by(reply: Letter, store: Store) -> list[Letter]:
    if not reply.source_path.lower().endswith((".eml", ".msg")):
        return []
    found = [store.letter(x) for x in store.letters_of_file(reply.source_path) if x != reply.letter_id]
    return [x for x in found if x is not None and x.quoted_in == reply.letter_id]


def _could_answer(reply: Letter, original: Letter) -> bool:
    """Whether `links_from(reply)` can link `original` at all, read from the two letters
    alone: a quoted history, an In-Reply-To header, a reference to the original's day, or
    (with no reference) a later letter between the same correspondents. Skips most candidates
    before `links_from` queries the store for each."""
    if original.quoted_in == reply.letter_id or reply.in_reply_to:
        return True
    if original.date and len(original.date) >= 10 and any(
            _referenced_day(m, reply) == original.date[:10] for m in REFERENCE.finditer(reply.text)):
        return True
    return bool(reply.date and original.date
                and date_span(original.date)[1] < date_span(reply.date)[0]
                and _answers(reply, original))


def _naming_the_day(original: Letter, store: Store) -> list[str]:
    """Letters whose passages name the original's day ("your letter of 21 November"): a reply
    whose correspondents are unknown is not found by the original's names, yet links on its
    reference (to the sole letter of the day), so it is linked again when such a letter
    arrives."""
    if not original.date or len(original.date) < 10:
        return []
    _, month, day = (int(part) for part in original.date[:10].split("-"))
    found = store.lexical_search(f"{day} {calendar.month_name[month]}", MAX_CANDIDATES)
    return [p.letter_id for p in store.passages([passage_id for passage_id, _ in found])
            if any(int(m["day"]) == day and MONTHS[m["month"].lower()] == month
                   for m in REFERENCE.finditer(p.text))]


def _same_subject(a: Letter, b: Letter) -> bool:
    """Two subjects share at least two telling words ('asylum backlog')."""
    words = [set(re.findall(r"[a-z]{3,}", (x.subject or x.title or "").lower())) - _COMMON_SUBJECT
             for x in (a, b)]
    return len(words[0] & words[1]) >= 2


def possible_replies(original: Letter, store: Store,
                     skip: AbstractSet[str] = frozenset()) -> list[Letter]:
    """The letters that may answer `original` (written to or by its correspondents, not
    before it, naming its day, or the e-mail quoting it) and could link to it: when
    `original` arrives, an index run finds their links again. Letters in `skip` (already to
    be linked) are not read."""
    names = [list(known_name(p.name)) for p in original.recipients + original.senders]
    # a letter written before `original` cannot answer it (partial dates by their spans)
    since = date_span(original.date)[0] if original.date else None
    ids = [h.letter_id for h in store.letter_headers([n for n in names if n], [], None,
                                                     MAX_CANDIDATES)
           if since is None or h.date is None or date_span(h.date)[1] >= since]
    ids += _naming_the_day(original, store)
    if original.quoted_in:
        ids.append(original.quoted_in)
    ids = [i for i in dict.fromkeys(ids) if i != original.letter_id and i not in skip]
    found = store.letters(LetterFilter(letter_ids=ids), limit=len(ids)) if ids else []
    return [c for c in found if _could_answer(c, original)]
