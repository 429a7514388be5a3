"""Dates as letters write them ("9 December 2021", "27th October 2021", "October 27, 2021").

Dates are ISO strings that may be partial ("2022", "2024-01") because many letters are
published without a full date; ranges compare on the span a partial date covers.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# A full date written in words, day first ("9 December 2021", "the 9th of December 2021") or
# month first ("December 9, 2021").
DATE_IN_WORDS = re.compile(
    rf"\b(?:{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}|{_MONTH.replace('month', 'month2')}\s+"
    rf"{_DAY.replace('day', 'day2')},?\s+{_YEAR.replace('year', 'year2')})\b",
    re.IGNORECASE,
)
# A day and month without a year ("21 November", "the 9th of December", "December 9"): a
# date, though not one that fixes a letter.
DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)|\b{_MONTH.replace('month', 'month2')}"
                       rf"\s+{_DAY.replace('day', 'day2')}\b", re.IGNORECASE)
# A month and year without a day ("March 2019").
MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE)
# A month named without its year ("the campaigners' October letter", "in june"): "March"
# capitalised, as "march" is a verb, and "May" only after a word placing a date in it ("in
# May"), as it is one too.
MONTH_ALONE = re.compile(r"\b(?:(?i:in|of|by|since|until|from|early|late)\s+(?P<may>May)|March|"
                         r"(?i:January|February|April|June|July|August|September|October|"
                         r"November|December))\b")
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)(?:-(?P<day>[0-3]\d))?\b")
# A date in figures, day first as written in the UK ("21/11/2022", "21.11.2022"); month first
# only when the day-first reading is impossible ("11/21/2022").
NUMERIC_DATE = re.compile(r"\b(?P<first>[0-3]?\d)[/.](?P<second>[01]?\d|[0-3]\d)[/.]"
                          r"(?P<year>(?:19|20)\d\d)\b")
# A file name that starts with a date, parts unknown written as xx: 2022-xx-xx_name.md
FILENAME_DATE = re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<month>\d\d|xx)-(?P<day>\d\d|xx)")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return date(year, month, day).isoformat()
        if month is not None:
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        return f"{year:04d}"
    except ValueError:
        return None


def numeric_date(match: re.Match) -> str | None:
    """The ISO day of a NUMERIC_DATE match, day first unless only month first is a date."""
    first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
    return _iso(year, second, first) or _iso(year, first, second)


def find_full_date(text: str) -> tuple[str, int, int] | None:
    """The first full date written in words in `text`: (iso, start, end)."""
    for match in DATE_IN_WORDS.finditer(text):
        groups = match.groupdict()
        day = groups["day"] or groups["day2"]
        month = groups["month"] or groups["month2"]
        year = groups["year"] or groups["year2"]
        iso = _iso(int(year), MONTHS[month.lower().rstrip(".")], int(day))
        if iso:
            return iso, match.start(), match.end()
    return None


def parse_date_line(line: str) -> str | None:
    """The ISO date of a line that is only a date (optionally 'Date:' and a weekday)."""
    stripped = re.sub(r"^(?:date[:\s]+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?",
                      "", line.strip(), flags=re.IGNORECASE).strip(" .")
    found = find_full_date(stripped)
    if found and found[1] == 0 and found[2] == len(stripped):
        return found[0]
    iso = ISO_DATE.fullmatch(stripped)
    if iso:
        return _iso(int(iso["year"]), int(iso["month"]), int(iso["day"]) if iso["day"] else None)
    figures = NUMERIC_DATE.fullmatch(stripped)
    return numeric_date(figures) if figures else None


def normalise_date(value: str | None) -> str | None:
    """A date from metadata ('2021-10-27', '2024-01', '2022', '9 December 2021') as ISO."""
    if value is None:
        return None
    value = str(value).strip()
    if re.fullmatch(r"(?:19|20)\d\d", value):
        return value
    iso = ISO_DATE.fullmatch(value)
    if iso:
        return _iso(int(iso["year"]), int(iso["month"]), int(iso["day"]) if iso["day"] else None)
    return parse_date_line(value)


def date_from_filename(name: str) -> str | None:
    """'2022-xx-xx_rycroft.md' -> '2022'; '2024-01-xx_kinnock.md' -> '2024-01'."""
    match = FILENAME_DATE.match(name)
    if not match:
        return None
    year = int(match["year"])
    if match["month"] == "xx":
        return _iso(year)
    if match["day"] == "xx":
        return _iso(year, int(match["month"]))
    return _iso(year, int(match["month"]), int(match["day"]))


def date_span(iso: str) -> tuple[str, str]:
    """The first and last full day a possibly partial ISO date covers."""
    parts = iso.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(parts[1])
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return iso, iso


def date_order(iso: str | None, last_day: bool = False) -> str:
    """A key that sorts letters by date: the first (or last) day a possibly partial date
    covers; undated letters after every dated one."""
    return date_span(iso)[1 if last_day else 0] if iso else "9"


# Words that place a date within its month or year ("late 2021", "the end of March 2023",
# "the winter of 2022"): read with the date, they are not what a question is about.
_WITHIN = (r"(?:(?:the\s+)?(?:early|late|mid|spring|summer|autumn|winter|start|end|beginning|"
           r"middle)(?:\s+of)?[\s-]+)?")


def dates_named(text: str) -> list[tuple[str, str, str, str]]:
    """Every date a question names, as (its words, first day, last day, precision): a day in
    words or figures, a month of a year, a year, each with any words placing it."""
    found: list[tuple[str, str, str, str]] = []
    taken: list[tuple[int, int]] = []

    def free(match: re.Match, group: int | str = 0) -> bool:
        return not any(s <= match.start(group) < e for s, e in taken)

    def add(match: re.Match, first: str, last: str, precision: str) -> None:
        found.append((match.group(), first, last, precision))
        taken.append(match.span())

    for match in DATE_IN_WORDS.finditer(text):
        full = find_full_date(match.group())
        if full:
            add(match, full[0], full[0], "day")
    for match in NUMERIC_DATE.finditer(text):
        iso = numeric_date(match)
        if iso and free(match):
            add(match, iso, iso, "day")
    for match in ISO_DATE.finditer(text):
        if free(match):
            add(match, *date_span(match.group()), "day" if match["day"] else "month")
    for match in re.finditer(_WITHIN + MONTH_YEAR.pattern, text, re.IGNORECASE):
        if free(match):
            iso = f"{match['year']}-{MONTHS[match['month'].lower().rstrip('.')]:02d}"
            add(match, *date_span(iso), "month")
    for match in re.finditer(_WITHIN + r"\b(?P<year>(?:19|20)\d\d)\b", text, re.IGNORECASE):
        if free(match) and free(match, "year"):
            add(match, *date_span(match["year"]), "year")
    return found


def days_named(text: str) -> list[tuple[str, int, int]]:
    """The days a question names without a year ("Humpherson's letter of 14 June": ("14
    June", 6, 14)); those of "14 June 2022" are dates (`dates_named`)."""
    dated = [m.span() for m in DATE_IN_WORDS.finditer(text)]
    return [(match.group(), MONTHS[(match["month"] or match["month2"]).lower().rstrip(".")],
             int(match["day"] or match["day2"]))
            for match in DAY_MONTH.finditer(text)
            if not any(s <= match.start() < e for s, e in dated)]


def months_named(text: str) -> list[tuple[str, int]]:
    """The months a question names without a year or day ("Will Moy's March letter":
    ("March", 3)); those of "March 2023" are dates (`dates_named`), those of "27 March" days
    (`days_named`)."""
    dated = [m.span() for pattern in (DATE_IN_WORDS, DAY_MONTH, MONTH_YEAR)
             for m in pattern.finditer(text)]
    found = [(m.group("may") or m.group(), m.start("may") if m.group("may") else m.start())
             for m in MONTH_ALONE.finditer(text)]
    return [(month, MONTHS[month.lower()]) for month, start in found
            if not any(s <= start < e for s, e in dated)]
