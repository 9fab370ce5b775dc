"""Authors: names read from bylines, and whether a comment or bio is by the article's author."""

from __future__ import annotations

import re
import unicodedata

from .. import patterns
from .blocks import is_name_like

_SPLIT_NAMES = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|;\s*)\s*")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() or c == " ").casefold().strip()


def byline_names(line: str) -> list[str] | None:
    """The author names a byline line gives, or None when the line is no byline."""
    rules = patterns.load("bylines.txt")
    hit = rules.first("byline", line)
    if not hit:
        return None
    return parse_names(hit[1].group("names"))


def parse_names(text: str) -> list[str]:
    """Split "Jane Doe and John Roe, Reuters" into ["Jane Doe", "John Roe"], dropping roles and outlets."""
    rules = patterns.load("bylines.txt")
    names: list[str] = []
    # A comma separates names only when every part is a name ("A, B and C"); otherwise it starts a role.
    parts = _SPLIT_NAMES.split(text.strip())
    if "," in text and all(is_name_like(p.strip()) for p in re.split(r",\s*|\s+and\s+", text) if p.strip()):
        parts = [p for p in re.split(r",\s*|\s+and\s+|\s*&\s*", text) if p.strip()]
    for part in parts:
        for noise in rules.get("noise"):
            part = noise.regex.sub("", part).strip()
        part = part.strip(" .,:;|-–—")
        if is_person(part) or part and len(parts) == 1 and " " not in part and is_name_like(part):
            names.append(part)
    return names


def is_person(name: str) -> bool:
    """A name of two or more words that is not an outlet's or organisation's."""
    rules = patterns.load("bylines.txt")
    return bool(name) and " " in name and is_name_like(name) and not rules.matches("organisation", name)


def same_person(name: str, author: str) -> bool:
    """Whether `name` (a display or user name) is plausibly `author`: "Tomas Reyes" ~ "treyes", "T. Reyes"."""
    a, b = _fold(name), _fold(author)
    if not a or not b:
        return False
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return True
    tokens = b.split()
    if len(tokens) < 2:
        return False
    first, last = tokens[0], tokens[-1]
    squashed = a.replace(" ", "")
    if squashed in {first[0] + last, first + last, last + first[0], first + "." + last, last}:
        return len(last) >= 4
    name_tokens = a.split()
    return len(name_tokens) >= 2 and name_tokens[-1] == last and name_tokens[0][0] == first[0]


def any_author(name: str | None, authors: list[str]) -> bool:
    return bool(name) and any(same_person(name, author) for author in authors)
