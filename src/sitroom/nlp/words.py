"""Word classes from a pattern file: which sections' patterns a single word fully matches.

The language layer asks this of every token ("is 'could' a hypothetical auxiliary?"), so answers are
cached per word: a dictionary lookup after the first time, never a scan of the patterns.
"""

from __future__ import annotations

from functools import cache

from ..patterns import load


class WordClasses:
    def __init__(self, filename: str):
        self.patterns = load(filename)
        self._cache: dict[str, frozenset[str]] = {}

    def of(self, word: str) -> frozenset[str]:
        """The sections whose patterns match all of `word` (compared in lower case)."""
        found = self._cache.get(word)
        if found is None:
            lowered = word.lower()
            found = frozenset(
                name for name, patterns in self.patterns.sections.items() if any(p.regex.fullmatch(lowered) for p in patterns)
            )
            self._cache[word] = found
        return found

    def is_(self, word: str, section: str) -> bool:
        return section in self.of(word)


@cache
def word_classes(filename: str) -> WordClasses:
    return WordClasses(filename)
