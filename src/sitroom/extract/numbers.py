"""Numbers as reports write them: "1,200", "15 000", "3.300", "fifteen thousand", "dozens", "at least 12".

`read_quantity` reads the number that a run of tokens starts with and says how many tokens it used;
callers (fatalities, figures) decide what the number counts. Vague amounts become ranges ("dozens" is
24 or more) and keep the word they came from, so nothing reads as more exact than the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import vocabulary

_DIGITS = re.compile(r"^\d{1,3}(?:([,. \u00a0\u202f])\d{3})+$|^\d+(?:\.\d+)?$")
MAX_NUMBER_TOKENS = 8
"""A number written in words is at most this long ("one hundred and twenty five thousand"); longer runs are cut."""


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float | None
    """None: no upper bound ("dozens", "at least 12")."""
    qualifier: str | None
    text: str
    tokens: int
    """How many tokens the number (with its qualifier) took."""
    exact: bool
    """False for vague words ("dozens", "several")."""


def parse_digits(text: str) -> float | None:
    """'1,200' and '1.200' and '15 000' -> 1200/15000 (a group of three after a separator is thousands); '2.5' -> 2.5."""
    cleaned = text.strip()
    if not _DIGITS.match(cleaned):
        return None
    if re.fullmatch(r"\d{1,3}(?:[,. \u00a0\u202f]\d{3})+", cleaned):
        return float(re.sub(r"[,. \u00a0\u202f]", "", cleaned))
    return float(cleaned)


def _word_value(word: str) -> tuple[str, float] | None:
    words = vocabulary()
    for kind in ("units", "tens", "scales"):
        value = words.number_words[kind].get(word)
        if value is not None:
            return kind, value
    return None


def _spelled(words: list[str]) -> tuple[float, int] | None:
    """'fifteen thousand' -> (15000, 2); 'one hundred and twenty' -> (120, 4)."""
    total, current, used = 0.0, 0.0, 0
    for i, word in enumerate(words[:MAX_NUMBER_TOKENS]):
        if word == "and" and used and i + 1 < len(words) and _word_value(words[i + 1]):
            continue
        if word == "-":
            continue
        value = _word_value(word)
        if value is None:
            digits = parse_digits(word)
            if digits is None or used:
                break
            value = ("units", digits)
        kind, number = value
        if kind == "scales":
            if number == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * number
                current = 0
        else:
            current += number
        used = i + 1
    if not used:
        return None
    return total + current, used


def read_quantity(words: list[str]) -> Quantity | None:
    """The quantity `words` (lower-case tokens) start with, or None."""
    vocab = vocabulary()
    qualifier, skip = None, 0
    for phrase, name in vocab.qualifiers:
        if words[: len(phrase)] == list(phrase):
            qualifier, skip = name, len(phrase)
            break
    rest = words[skip:]
    if not rest:
        return None
    for phrase, (low, high) in vocab.vague:
        if rest[: len(phrase)] == list(phrase):
            used = skip + len(phrase)
            return Quantity(low, high, qualifier, " ".join(words[:used]), used, exact=False)
    # "15 000" is two tokens for spaCy
    if len(rest) > 1 and re.fullmatch(r"\d{1,3}", rest[0]) and re.fullmatch(r"\d{3}", rest[1]):
        value, used = float(rest[0] + rest[1]), 2
    else:
        spelled = _spelled(rest)
        if spelled is None:
            return None
        value, used = spelled
    # "15,000-20,000", "between 10 and 15"
    high: float | None = value
    after = rest[used:]
    if len(after) >= 2 and after[0] in ("-", "to", "and", "or") and (qualifier in (None, "between")):
        other = _spelled(after[1:])
        if other and other[0] > value:
            high, used = other[0], used + 1 + other[1]
    low = value
    if qualifier in ("at least", "more than"):
        high = None  # the text gives a floor; the qualifier is kept so it never reads as exact
    used += skip
    return Quantity(low, high, qualifier, " ".join(words[:used]), used, exact=qualifier is None and high == low)


def as_int(value: float | None) -> int | None:
    return None if value is None else round(value)
