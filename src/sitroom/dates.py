"""Explicit calendar dates in English text: "Jan. 11, 2013", "11 January 2013", "2013-01-11", "March 2012".

Relative expressions ("last April") are the language layer's; this module finds the dates a page
writes out, with their character spans and precision, and is what publication dates are read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

# Ordered most precise first; a later form never overlaps a span an earlier one took.
_FORMS: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"), "day"),
    (re.compile(rf"\b{_YEAR}/(?P<mnum>[01]\d)/(?P<day>[0-3]\d)(?!\d)"), "day"),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I), "day"),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I), "day"),
    (re.compile(rf"\b{_YEAR},\s+{_MONTH}\s+{_DAY}\b", re.I), "day"),
    (re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I), "month"),
    (re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)\b(?!-)"), "month"),
    (re.compile(rf"(?<![\d/.-]){_YEAR}(?![\d/-])"), "year"),
)

_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<mnum>[01]?\d)[/-](?P<day>[0-3]?\d)(?:/|-|\b)")


@dataclass(frozen=True)
class DateMention:
    """A date written in a text: its span, its value (the first day it covers) and its precision."""

    start: int
    end: int
    text: str
    value: date
    precision: Precision

    def iso(self) -> str:
        if self.precision == "day":
            return self.value.isoformat()
        if self.precision == "month":
            return self.value.strftime("%Y-%m")
        return str(self.value.year)


def _build(match: re.Match[str], precision: Precision) -> date | None:
    groups = match.groupdict()
    if groups.get("mon"):
        if groups["mon"] == "may" and match.group(0)[0].islower() and precision != "day":
            return None  # "may 2013" in running text is the verb more often than the month
        month = MONTHS[groups["mon"][:3].lower()]
    elif groups.get("mnum"):
        month = int(groups["mnum"])
    else:
        month = 1
    day = int(groups["day"]) if groups.get("day") else 1
    try:
        return date(int(groups["year"]), month, day)
    except ValueError:
        return None


def find_dates(text: str, *, min_precision: Precision = "year") -> list[DateMention]:
    """Every explicit date in `text`, in order of appearance, at least as precise as `min_precision`."""
    allowed = {"day": ("day",), "month": ("day", "month"), "year": ("day", "month", "year")}[min_precision]
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for regex, precision in _FORMS:
        if precision not in allowed:
            continue
        for match in regex.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            value = _build(match, precision)
            if value is None:
                continue
            taken.append((start, end))
            found.append(DateMention(start, end, match.group(0), value, precision))
    return sorted(found, key=lambda mention: mention.start)


def first_day_date(text: str) -> DateMention | None:
    days = find_dates(text, min_precision="day")
    return days[0] if days else None


def date_from_url(url: str | None) -> date | None:
    """A date written in a URL's path, like /2013/01/14/."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        return date(int(match["year"]), int(match["mnum"]), int(match["day"]))
    except ValueError:
        return None


def parse_iso(value: str | None) -> date | None:
    """A YYYY-MM-DD (or longer ISO timestamp) string as a date; None when it is not one."""
    if not value:
        return None
    match = re.match(r"\s*((?:19|20)\d\d)-([01]\d)-([0-3]\d)", value)
    if not match:
        mention = first_day_date(value)
        return mention.value if mention else None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
