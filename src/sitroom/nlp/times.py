"""Every time expression in a text as {start, end, precision}: explicit dates ("Jan. 11, 2013", "March
2012", "in 2004"), dates without a year ("on January 11"), and relative ones ("last April", "next month",
"on Tuesday", "earlier this year", "three days ago") resolved against a reference date (the article's
publication date, or the earliest it can have been published).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import MONTHS, Precision, find_dates

WEEKDAYS = {name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_MONTH_NAME = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_YEARLESS = re.compile(rf"\b(?P<mon>{_MONTH_NAME})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)|\b(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MONTH_NAME})\b(?!\s*,?\s*\d)", re.I)
_RELATIVE_MONTH = re.compile(rf"\b(?P<rel>last|next|this|past|coming)\s+(?P<mon>{_MONTH_NAME})\b", re.I)
_RELATIVE_UNIT = re.compile(r"\b(?P<rel>last|next|this|past|coming|earlier this|later this|early this|late last|earlier last)\s+(?P<unit>week|month|year)\b", re.I)
_AGO = re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)
_WEEKDAY = re.compile(r"\b(?:(?P<rel>last|next|this|on|since|late|early)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_NUMERIC = re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b")
_BARE_MONTH = re.compile(
    r"\b(?P<before>in|since|until|till|by|from|of|during|before|after|early|late|mid|end|through)\s+(?:early\s+|late\s+|mid-?)?"
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\s*,?\s*\d)"
)
_FORWARD = {"until", "till", "by", "before"}
_DEICTIC = re.compile(r"\b(?P<word>yesterday|today|tonight|this morning|this afternoon|this evening|last night|tomorrow)\b", re.I)
# A bare four-digit number is a year only where a year can stand: after these words or before punctuation.
_YEAR_BEFORE = re.compile(r"(?:\b(?:in|since|from|until|till|to|by|of|between|and|before|after|early|late|mid|during|the|year|around|circa|through)\s+|[(,–-]\s*|^)$", re.I)
_YEAR_AFTER = re.compile(r"^(?:\s*[,.;:)–-]|\s*$|\s+(?:and|to|or|when|while|as|after|before|until|that|the|it|he|she|they|a|an|in|on|at)\b)", re.I)


@dataclass(frozen=True)
class TimeValue:
    start: int
    end: int
    text: str
    first: date
    last: date
    precision: Precision
    relative: bool

    def iso(self) -> str:
        if self.precision == "day" and self.first == self.last:
            return self.first.isoformat()
        if self.precision == "day":
            return f"{self.first.isoformat()}/{self.last.isoformat()}"
        if self.precision == "month":
            return self.first.strftime("%Y-%m")
        return str(self.first.year)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span_of(value: date, precision: Precision) -> tuple[date, date]:
    if precision == "day":
        return value, value
    if precision == "month":
        return value, _month_end(value.year, value.month)
    return value, date(value.year, 12, 31)


def _shift_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def find_times(text: str, reference: date | None) -> list[TimeValue]:
    """Time expressions in `text`, in order; relative ones only when a reference date is known."""
    found: list[TimeValue] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, first: date, last: date, precision: Precision, relative: bool) -> None:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            return
        taken.append((start, end))
        found.append(TimeValue(start, end, text[start:end], first, last, precision, relative))

    for match in _NUMERIC.finditer(text):  # 17/01/2013, 26.01.2013: day first unless that cannot be
        a, b = int(match["a"]), int(match["b"])
        day, month = (b, a) if b > 12 else (a, b)
        try:
            value = date(int(match["year"]), month, day)
        except ValueError:
            continue
        add(match.start(), match.end(), value, value, "day", False)
    for mention in find_dates(text):
        if mention.precision == "year" and not _plausible_year(text, mention.start, mention.end):
            continue
        add(mention.start, mention.end, *_span_of(mention.value, mention.precision), mention.precision, False)
    if reference is not None:
        _relative(text, reference, add)
    return sorted(found, key=lambda value: value.start)


def _plausible_year(text: str, start: int, end: int) -> bool:
    return bool(_YEAR_BEFORE.search(text[max(0, start - 12) : start]) and _YEAR_AFTER.match(text[end : end + 8]))


def _relative(text: str, ref: date, add) -> None:
    for match in _RELATIVE_MONTH.finditer(text):
        month = MONTHS[match["mon"][:3].lower()]
        rel = match["rel"].lower()
        if rel in ("last", "past"):
            year = ref.year if month < ref.month else ref.year - 1
        elif rel in ("next", "coming"):
            year = ref.year if month > ref.month else ref.year + 1
        else:
            year = ref.year
        add(match.start(), match.end(), date(year, month, 1), _month_end(year, month), "month", True)
    for match in _RELATIVE_UNIT.finditer(text):
        rel, unit = match["rel"].lower(), match["unit"].lower()
        step = -1 if rel in ("last", "past", "late last", "earlier last") else 1 if rel in ("next", "coming") else 0
        if unit == "year":
            year = ref.year + step
            first, last = date(year, 1, 1), date(year, 12, 31)
            if rel in ("earlier this", "early this"):  # a run of days up to the report
                add(match.start(), match.end(), first, ref, "day", True)
            else:
                add(match.start(), match.end(), first, last, "year", True)
        elif unit == "month":
            first = _shift_months(ref.replace(day=1), step)
            if rel in ("earlier this", "early this"):
                add(match.start(), match.end(), first, ref, "day", True)
            else:
                add(match.start(), match.end(), first, _month_end(first.year, first.month), "month", True)
        else:
            monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
            add(match.start(), match.end(), monday, monday + timedelta(days=6), "day", True)
    for match in _AGO.finditer(text):
        n = NUMBERS.get(match["n"].lower()) or int(match["n"])
        unit = match["unit"].lower()
        if unit == "day":
            day = ref - timedelta(days=n)
            add(match.start(), match.end(), day, day, "day", True)
        elif unit == "week":
            day = ref - timedelta(weeks=n)
            add(match.start(), match.end(), day - timedelta(days=3), day + timedelta(days=3), "day", True)
        elif unit == "month":
            first = _shift_months(ref.replace(day=1), -n)
            add(match.start(), match.end(), first, _month_end(first.year, first.month), "month", True)
        else:
            add(match.start(), match.end(), date(ref.year - n, 1, 1), date(ref.year - n, 12, 31), "year", True)
    for match in _YEARLESS.finditer(text):
        month = MONTHS[(match["mon"] or match["mon2"])[:3].lower()]
        if (match["mon"] or match["mon2"]).lower().startswith("may") and not (match["mon"] or match["mon2"])[0].isupper():
            continue  # "may 3" in running text is the verb
        try:
            day = date(ref.year, month, int(match["day"] or match["day2"]))
        except ValueError:
            continue
        if day > ref + timedelta(days=31):  # a news report's yearless date far ahead is last year's
            day = date(ref.year - 1, day.month, day.day)
        add(match.start(), match.end(), day, day, "day", True)
    for match in _WEEKDAY.finditer(text):
        rel = (match["rel"] or "").lower()
        if not match["wd"][0].isupper():
            continue
        weekday = WEEKDAYS[match["wd"].lower()]
        if rel == "next":
            day = ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
        else:  # news reports name the past few days by weekday: the latest such day not after the reference
            day = ref - timedelta(days=(ref.weekday() - weekday) % 7)
            if rel == "last" and day == ref:
                day -= timedelta(days=7)
        start = match.start() if rel in ("last", "next", "this") else match.start("wd")
        add(start, match.end(), day, day, "day", True)
    for match in _BARE_MONTH.finditer(text):  # "in April": the latest April (or, "by June", the coming June)
        month = MONTHS[match["mon"][:3].lower()]
        if match["before"].lower() in _FORWARD:
            year = ref.year if month >= ref.month else ref.year + 1
        else:
            year = ref.year if month <= ref.month else ref.year - 1
        add(match.start("mon"), match.end("mon"), date(year, month, 1), _month_end(year, month), "month", True)
    for match in _DEICTIC.finditer(text):
        word = match["word"].lower()
        offset = -1 if word in ("yesterday", "last night") else 1 if word == "tomorrow" else 0
        day = ref + timedelta(days=offset)
        add(match.start(), match.end(), day, day, "day", True)
