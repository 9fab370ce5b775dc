"""Word classes from a pattern file: which sections' patterns a single word fully matches.

The language layer asks this of every token ("is 'could' a hypothetical auxiliary?"), so answers are
cached per word: a dictionary lookup after the first time, never a scan of the patterns.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.attrs import LOWER, ORTH, SENT_START, TAG
from spacy.tokens import Doc

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

    def rule(self, word: str, section: str) -> str | None:
        """The stable id ('<file>:<line>') of the first pattern of `section` that matches all of `word`, for
        recording which rule fired; None when none does."""
        cache = self.__dict__.setdefault("_rules", {})
        key = (word, section)
        if key not in cache:
            lowered = word.lower()
            cache[key] = next(
                (rule_id(self.patterns.path, p.line) for p in self.patterns.get(section) if p.regex.fullmatch(lowered)), None
            )
        return cache[key]


def rule_id(path: str, line: int) -> str:
    """'event_triggers.txt:42': a data file's entry by the file's name and its line."""
    return f"{path.replace(chr(92), '/').rsplit('/', 1)[-1]}:{line}"


@cache
def word_classes(filename: str) -> WordClasses:
    return WordClasses(filename)


def token_indices(doc: Doc, wanted: Callable[[str], bool]) -> list[int]:
    """Indices of the tokens whose lower-case form `wanted` accepts, asked once per distinct word and
    without making a Token object per token (the cost of `for token in doc` on long texts)."""
    strings = doc.vocab.strings
    answers: dict[int, bool] = {}
    found = []
    for i, key in enumerate(doc.to_array(LOWER).tolist() if len(doc) else ()):
        ok = answers.get(key)
        if ok is None:
            ok = answers[key] = wanted(strings[key])
        if ok:
            found.append(i)
    return found


def lower_words(doc: Doc) -> list[str]:
    """Every token's lower-case form, in order (as `[t.lower_ for t in doc]`, without the Token objects)."""
    strings = doc.vocab.strings
    forms: dict[int, str] = {}
    return [forms.get(key) or forms.setdefault(key, strings[key]) for key in (doc.to_array(LOWER).tolist() if len(doc) else ())]


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, in order (as `[t.text for t in doc]`, without the Token objects)."""
    strings = doc.vocab.strings
    return [strings[key] for key in (doc.to_array(ORTH).tolist() if len(doc) else ())]


def token_tags(doc: Doc) -> list[str]:
    """Every token's fine-grained tag, in order (as `[t.tag_ for t in doc]`, without the Token objects)."""
    strings = doc.vocab.strings
    return [strings[key] for key in (doc.to_array(TAG).tolist() if len(doc) else ())]


def sentence_starts(doc: Doc) -> list[bool]:
    """Whether each token starts a sentence (as `[t.is_sent_start for t in doc]`, without the Token objects)."""
    return [flag == 1 for flag in (doc.to_array(SENT_START).tolist() if len(doc) else ())]
