"""Loader for sitroom's pattern files: the knowledge the page cleaners stand on, kept as data.

Format (see docs/patterns.md): `[section]` lines open a section; every other non-blank line that does
not start with `#` is `REGEX  ## reason`. The regex is Python syntax, matched case-insensitively with
`search` unless the section name ends in `!` (then case matters). A line without a reason, or whose regex
does not compile, is an error naming the file, the line and the field. A new site's chrome is a new line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import KnowledgeFileError

REASON_MARK = "##"


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    reason: str
    section: str
    line: int


@dataclass(frozen=True)
class PatternSet:
    """The patterns of one file, by section."""

    path: str
    sections: dict[str, tuple[Pattern, ...]]

    def get(self, section: str) -> tuple[Pattern, ...]:
        return self.sections.get(section, ())

    def first(self, section: str, text: str) -> tuple[Pattern, re.Match[str]] | None:
        """The first pattern of `section` found in `text`, with its match."""
        for pattern in self.get(section):
            match = pattern.regex.search(text)
            if match:
                return pattern, match
        return None

    def matches(self, section: str, text: str) -> bool:
        return self.first(section, text) is not None

    def find_any(self, text: str, sections: tuple[str, ...] | None = None) -> Pattern | None:
        """The first pattern of any (or the named) section found in `text`."""
        for name in sections or tuple(self.sections):
            hit = self.first(name, text)
            if hit:
                return hit[0]
        return None


def parse_patterns(text: str, path: str) -> PatternSet:
    sections: dict[str, list[Pattern]] = {}
    current: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current.rstrip("!"), [])
            continue
        if current is None:
            raise KnowledgeFileError(path, number, "section", "a pattern comes before any [section] line")
        if REASON_MARK not in line:
            raise KnowledgeFileError(path, number, "reason", f"every pattern needs '{REASON_MARK} reason' after it")
        source, reason = (part.strip() for part in raw.rsplit(REASON_MARK, 1))
        if not source:
            raise KnowledgeFileError(path, number, "pattern", "empty pattern")
        if not reason:
            raise KnowledgeFileError(path, number, "reason", "empty reason")
        flags = 0 if current.endswith("!") else re.IGNORECASE
        try:
            regex = re.compile(source, flags)
        except re.error as exc:
            raise KnowledgeFileError(path, number, "pattern", f"not a valid regular expression ({exc})") from None
        name = current.rstrip("!")
        sections[name].append(Pattern(regex, reason, name, number))
    return PatternSet(path, {name: tuple(items) for name, items in sections.items()})


@cache
def load(name: str) -> PatternSet:
    """A pattern file shipped with sitroom, by file name (e.g. 'chrome.txt')."""
    resource = resources.files("sitroom") / "data" / name
    return parse_patterns(resource.read_text(encoding="utf-8"), f"sitroom/data/{name}")


def load_file(path: Path) -> PatternSet:
    return parse_patterns(path.read_text(encoding="utf-8"), str(path))
