"""Event trigger words and phrases (data/event_triggers.txt) found in a spaCy Doc.

One-word patterns are answered per distinct word from a cache (nlp.words); a phrase pattern is tried only
at tokens its first word matches. A phrase wins over the one-word triggers it covers ("suicide attack" is a
suicide bombing, not an attack), and [not_event] phrases silence what they cover ("attack helicopters").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from ..nlp.words import WordClasses, lower_words, rule_id, word_classes
from ..patterns import PatternSet, load, load_file
from .vocabulary import event_classes

TRIGGER_FILE = "event_triggers.txt"
ANY_WORD = r"[^\W\d]+"
"""What `*` in a phrase matches: one word ("set up * base" takes "set up their base")."""


@dataclass(frozen=True)
class Trigger:
    event_class: str
    start: int
    """Token index of the first word."""
    end: int
    consequence: bool
    """A death or wound word, which joins the event it follows rather than standing alone when it can."""
    rule: str = field(default="", compare=False)
    """The trigger file's entry that matched ('event_triggers.txt:LINE')."""


@dataclass(frozen=True)
class _Phrase:
    section: str
    words: tuple[re.Pattern[str], ...]
    rule: str = ""


class _FolderWordClasses(WordClasses):
    """Word classes of a trigger file in a knowledge folder other than the shipped one."""

    def __init__(self, patterns: PatternSet):
        self.patterns = patterns
        self._cache: dict[str, frozenset[str]] = {}


class TriggerFinder:
    def __init__(self, data_dir: Path | None = None):
        """`data_dir`: a knowledge folder whose event_triggers.txt and event_classes.tsv replace the shipped ones."""
        own = data_dir is not None and (Path(data_dir) / TRIGGER_FILE).exists()
        patterns = load_file(Path(data_dir) / TRIGGER_FILE) if own else load(TRIGGER_FILE)
        self.words = _FolderWordClasses(patterns) if own else word_classes(TRIGGER_FILE)
        self.classes = set(event_classes(data_dir))
        self.class_order = [name for name in patterns.sections if name in self.classes]
        """A word under two classes takes the first in the file ("bombing" is an air strike unless refined)."""
        self.requirements = {name for name in patterns.sections if name.startswith("requires:")}
        self.refinements = [name for name in patterns.sections if name.startswith("refine:")]
        self.phrases: list[_Phrase] = []
        for section, entries in patterns.sections.items():
            for entry in entries:
                # "suicide attack|suicide bomber|vbied": each alternative with a space is a phrase (no groups across words)
                for alternative in entry.regex.pattern.split("|"):
                    if " " in alternative.strip():
                        words = tuple(re.compile(ANY_WORD if w == "*" else w, re.IGNORECASE) for w in alternative.split())
                        self.phrases.append(_Phrase(section, words, rule_id(patterns.path, entry.line)))
        self._phrase_cache: dict[str, tuple[_Phrase, ...]] = {}

    def sections(self, word: str) -> frozenset[str]:
        return self.words.of(word)

    def _phrases_from(self, word: str) -> tuple[_Phrase, ...]:
        found = self._phrase_cache.get(word)
        if found is None:
            found = tuple(p for p in self.phrases if p.words[0].fullmatch(word))
            self._phrase_cache[word] = found
        return found

    def __call__(self, doc: Doc, skip: set[int]) -> list[Trigger]:
        """Every trigger in `doc`, leaving out tokens in `skip` (names and dates: "March", "Operation Serval")."""
        covered: dict[int, Trigger | None] = {}
        words = lower_words(doc)  # no Token object per token: this runs over every word of every text
        for i, word in enumerate(words):
            if i in covered or i in skip:
                continue
            for phrase in self._phrases_from(word):
                n = len(phrase.words)
                # a wildcard may cover a name ("drove the MNLA out"); the words themselves may not
                if i + n > len(words) or any(i + k in skip for k, w in enumerate(phrase.words) if w.pattern != ANY_WORD):
                    continue
                if all(p.fullmatch(words[i + k]) for k, p in enumerate(phrase.words)):
                    trigger = None
                    if phrase.section in self.classes:
                        trigger = Trigger(phrase.section, i, i + n, False, phrase.rule)
                    elif phrase.section != "not_event":
                        continue
                    for k in range(n):
                        covered[i + k] = trigger if k == 0 else None
                    break
        found = [t for t in covered.values() if t is not None]
        for i, word in enumerate(words):
            if i in covered or i in skip:
                continue
            sections = self.words.of(word)
            consequence = "consequence" in sections
            for name in self.class_order:
                if name in sections:
                    found.append(Trigger(name, i, i + 1, consequence and name == "attack", self.words.rule(word, name) or name))
                    break
        found.sort(key=lambda t: t.start)
        return found


@cache
def trigger_finder(data_dir: Path | None = None) -> TriggerFinder:
    return TriggerFinder(data_dir)
