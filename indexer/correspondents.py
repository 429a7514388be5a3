"""Who wrote and who received a letter: from signature and address blocks, or front matter."""

from __future__ import annotations

import re
from dataclasses import replace

from indexer.layout import (
    _EMAIL,
    _POSTCODE,
    _POSTNOMINALS,
    _TITLES,
    ROLE_WORDS,
    _is_contact_line,
    has_title,
    is_name_line,
)
from indexer.models import Correspondent
from indexer.names import BETWEEN_PEOPLE

# Honours are dropped from names; MP, QC, KC and the like are how people are addressed.
_HONOURS = _POSTNOMINALS - {"MP", "QC", "KC", "MSP", "MS", "AM", "MLA"}


def clean_name(name: str) -> str:
    """'Dame Sara Thornton, DBE QPM' -> 'Dame Sara Thornton'; keeps MP and QC."""
    words = [w for w in re.split(r"[\s,]+", name.strip()) if w]
    return " ".join(w for i, w in enumerate(words) if i < 2 or w.upper() not in _HONOURS)


def _clean_role(lines: list[str]) -> str | None:
    """Role lines joined: 'Parliamentary Under Secretary of State (Minister for Safeguarding)'
    reads 'Parliamentary Under Secretary of State, Minister for Safeguarding'."""
    role = ", ".join(line.strip().rstrip(",") for line in lines if line.strip())
    role = re.sub(r"\s*\(([^()]+)\)$", r", \1", role).strip(", ")
    return role or None


def from_block(text: str) -> list[Correspondent]:
    """People in a name block: each name line starts a person, role lines follow it,
    and address or e-mail lines end the block's people."""
    people: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if _is_contact_line(line) or _EMAIL.search(line):
            break
        # A bare "Two Words" line right after a name is its role ("Kim Lee / City Engineer").
        if not people or has_title(line) or (is_name_line(line) and people[-1][1]):
            people.append((clean_name(line), []))
        elif len(people[-1][1]) < 3 and not _looks_like_place(line):
            people[-1][1].append(line)
        else:
            break
    return [Correspondent(name, _clean_role(role)) for name, role in people if name]


def _looks_like_place(line: str) -> bool:
    """A lone town line in an address ('London') is not a role."""
    return len(line.split()) == 1 and not ROLE_WORDS.search(line)


def from_salutation(text: str) -> list[Correspondent]:
    """'Dear Dame Sara Thornton and Dame Vera Baird,' -> the two people it names."""
    named = re.sub(r"^dear\s+", "", text.strip(), flags=re.IGNORECASE).rstrip(",.:; ")
    parts = [p.strip() for p in BETWEEN_PEOPLE.split(named) if p.strip()]
    if parts and all(is_name_line(p) for p in parts):
        return [Correspondent(clean_name(p)) for p in parts]
    return [Correspondent(named)] if named else []


def from_metadata(value: object) -> list[Correspondent]:
    """Front matter 'from'/'to': 'Ed Humpherson, Director General for Regulation, OSR',
    'Maya Esslemont and Anna Powell-Smith (joint sector letter)',
    "London Victims' Commissioner (Claire Waxman)", or a list of such strings."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [person for item in value for person in from_metadata(item)]
    text = str(value).strip()
    if not text:
        return []
    note = None
    bracket = re.search(r"\s*\(([^()]+)\)$", text)
    if bracket:
        before, inside = text[: bracket.start()].strip(), bracket.group(1).strip()
        if is_name_line(inside) and not is_name_line(before.split(",")[0]):
            return [Correspondent(clean_name(inside), before)]  # "Role (Name)"
        if "," not in before:  # "A and B (joint letter)": the bracket describes them all
            text, note = before, inside
    head, _, rest = text.partition(",")
    return _as_names(head, rest.strip() or note) or [Correspondent(text, note)]


def _as_names(phrase: str, role: str | None = None) -> list[Correspondent]:
    """The people a phrase names, each with `role`: 'Maya Esslemont and Anna Powell-Smith'
    two, 'Dame Vera Baird' one; [] when it does not read as names (a body or a post)."""
    names = [n.strip() for n in re.split(r"\s+and\s+|\s*&\s*", phrase)]
    if len(names) > 1 and all(is_name_line(n) for n in names):
        return [Correspondent(clean_name(n), role) for n in names]
    return [Correspondent(clean_name(phrase), role)] if is_name_line(phrase) else []


# A publisher's line above a letter saying who wrote to whom: "Letter from Dame Vera Baird to
# Rt Hon Brandon Lewis CBE MP on end of term", "Response from Sir Robert Chote to Stephen
# Kinnock MP – asylum backlogs", "A letter from the Children's Commissioner for England to the
# Home Secretary on ...", "Written evidence submitted by ...", "Letter to Victoria Atkins MP".
_LEAD = re.compile(
    r"^(?:an?\s+|the\s+)?(?:(?:open\s+)?letter|response|reply|(?:written\s+)?evidence|note)"
    r"(?:\s+(?:submitted|sent|written))?"
    r"(?:\s+(?:from|by)\s+(?P<writer>.+?))?(?:\s+to\s+(?P<recipient>.+?))?"
    r"(?=\s+(?:on|about|regarding|concerning|re|in\s+response)\s|\s+[–—-]\s|\s*[:.(]|\s*$)",
    re.IGNORECASE)


def from_lead(text: str) -> tuple[list[Correspondent], list[Correspondent]]:
    """The writers and recipients a publisher's line names, each list empty when it names
    none: ([Dame Vera Baird], [Rt Hon Brandon Lewis MP]) from "Letter from Dame Vera Baird
    to Rt Hon Brandon Lewis CBE MP on end of term as Victims' Commissioner"."""
    line = text.strip()
    match = _LEAD.match(line) if "\n" not in line and len(line) <= 200 else None
    if match is None:
        return [], []
    return _named(match.group("writer")), _named(match.group("recipient"))


def _named(phrase: str | None) -> list[Correspondent]:
    """'Dame Vera Baird', 'the Children's Commissioner for England' (a body or post, kept
    whole without its article), 'Maya Esslemont and Anna Powell-Smith'."""
    if not phrase or not re.search(r"\b[A-Z]", phrase):  # "a response to the consultation"
        return []
    phrase = re.sub(r"^the\s+", "", phrase.strip().rstrip(",;"), flags=re.IGNORECASE)
    return _as_names(phrase) or [Correspondent(phrase)]


# A letterhead flattened onto one line: a name ended by post-nominals, the post held, then
# the address ("Sarah Newton MP Minister for Vulnerability, Safeguarding and Countering
# Extremism 2 Marsham Street London SW1P 4DF"). An addressee block so flattened may end its
# name with a comma instead ("Rt Hon Frank Field, Chair Work and Pensions Select Committee
# House of Commons London SW1A 0AA"). The post ends where the address starts: at a number,
# a postcode, or a building or office "of" something ("... Crime Commissioner Office of the
# Sussex Police & Crime Commissioner Sackville House ...").
_POSTNOMINAL_RUN = "|".join(sorted(_POSTNOMINALS, key=len, reverse=True))
_WORD = r"[A-Z][\w’'-]+"
_NAME_WITH_POSTNOMINALS = rf"(?i:{_TITLES})?(?:{_WORD}\s+){{1,4}}(?:(?:{_POSTNOMINAL_RUN})\s+)+"
_NAME_WITH_COMMA = rf"(?i:(?:the\s+)?rt\.?\s+hon\.?\s+|{_TITLES})?(?:{_WORD}\s+){{0,3}}{_WORD},\s*"
_FLAT_POST = (r"(?P<role>[A-Z][^\d\n]{3,160}?)(?=\s+\d|\s+" + _POSTCODE.pattern
              + r"|\s+(?:House|Office)\s+of\s|\s*,?\s*$)")
_FLAT_LETTERHEAD = re.compile(rf"^(?P<name>{_NAME_WITH_POSTNOMINALS}){_FLAT_POST}")
_FLAT_ADDRESS = re.compile(rf"^(?P<name>{_NAME_WITH_POSTNOMINALS}|{_NAME_WITH_COMMA}){_FLAT_POST}")


def from_flat_letterhead(text: str) -> list[Correspondent]:
    """The writer a one-line letterhead names, with the post they hold; [] when the line
    does not open with a name ended by post-nominals."""
    return _flat(_FLAT_LETTERHEAD, text)


def from_flat_address(text: str) -> list[Correspondent]:
    """The person a one-line addressee block names, with the post they hold; [] when the
    line does not open with a name ended by post-nominals or a comma."""
    return _flat(_FLAT_ADDRESS, text)


def _flat(pattern: re.Pattern, text: str) -> list[Correspondent]:
    match = pattern.match(text.strip())
    if match is None or not is_name_line(match.group("name")):
        return []
    role = match.group("role").strip().rstrip(",")
    return [Correspondent(clean_name(match.group("name").strip().rstrip(",")), role)]


# The post a letter's opening says it is written in: the writer's ("in my capacity as Shadow
# Minister for Immigration", "As Children's Commissioner for England, I ...") or the reader's
# ("I am writing to you as Minister responsible for the Rape Review to ...", "in your
# capacity as Chair ..."). A post is capitalised words and the few joining them ("Minister
# responsible for the Rape Review"), never a clause ("As the Home Office has said, I ...").
_POST_WORD = r"(?:[A-Z][\w’'-]*|of|for|the|and|on|in|at|with|responsible|responsibility)"
_POST = rf"(?:the\s+)?(?P<post>(?!I\b)[A-Z][\w’'-]*(?:\s+{_POST_WORD}){{0,8}}?)"
_CLAUSE_EDGE = r"(?=\s*[,.;:(]|\s+(?:to|and)\s)"
_DECLARED_POSTS = {
    "writer": (re.compile(r"\bin\s+my\s+capacity\s+as\s+" + _POST + _CLAUSE_EDGE),
               re.compile(r"^As\s+" + _POST + r"(?=,\s*I\b)")),
    "reader": (re.compile(r"\b(?:in\s+your\s+capacity|writ(?:e|ing)\s+to\s+you)\s+as\s+"
                          + _POST + _CLAUSE_EDGE),),
}


def with_declared_posts(people: list[Correspondent], paragraphs: list[str],
                        whose: str) -> list[Correspondent]:
    """One correspondent without a post, given the post the letter's opening paragraphs
    say they write or are written to in (`whose`: "writer" or "reader"): a published copy
    without its letterhead often says it nowhere else. Several people, or one with a post
    already, are left as they are."""
    if len(people) != 1 or people[0].role:
        return people
    for paragraph in paragraphs:
        for pattern in _DECLARED_POSTS[whose]:
            match = pattern.search(paragraph)
            if match and ROLE_WORDS.search(match.group("post")):
                return [replace(people[0], role=match.group("post"))]
    return people
