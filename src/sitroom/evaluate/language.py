"""Scoring the language layer's links against a labelled set of sentences (format: tests/quality/language/README.md).

Each example is one line of text with its expected mentions marked inline: `[Ansar Dine]{actor:ansar-dine}`,
`[Konna]{place:Konna/ML}`, `[Jan. 10]{time:2013-01-10}`, `[Oumar Ould Hamaha]{person:-}` (a person the
knowledge base does not hold: found, unlinked). `@ 2013-01-17` lines set the reference date (the
article's publication date) for the lines after them. A system mention counts as right when it overlaps
an expected one of the same type with the same link; every expected mention it misses lowers recall,
every mention it adds lowers precision.

Run: python -m sitroom.evaluate.language [FOLDER]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..kb.knowledge import Knowledge, load_knowledge
from ..model import Article, Mention

MARK = re.compile(r"\[([^\[\]]+)\]\{(actor|person|place|time):([^{}]*)\}")
TYPES = ("actor", "person", "place", "time")


@dataclass(frozen=True)
class Expected:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class Example:
    source: str
    text: str
    reference: date | None
    expected: tuple[Expected, ...]


def parse_line(line: str) -> tuple[str, list[Expected]]:
    """Plain text and expected mentions of one marked-up line."""
    text, expected, at = "", [], 0
    for match in MARK.finditer(line):
        text += line[at : match.start()]
        start = len(text)
        text += match.group(1)
        expected.append(Expected(start, len(text), match.group(2), match.group(3).strip()))
        at = match.end()
    text += line[at:]
    return text, expected


def read_examples(folder: Path) -> list[Example]:
    examples = []
    for path in sorted(folder.glob("*.txt")):
        reference = None
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("@"):
                reference = date.fromisoformat(line[1:].strip())
                continue
            text, expected = parse_line(line)
            examples.append(Example(f"{path.name}:{number}", text, reference, tuple(expected)))
    return examples


def labelled_set_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.txt")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def link_value(mention: Mention) -> str:
    """A mention's link written the way the labelled set writes it."""
    link = mention.link
    if link is None:
        return "-"
    if mention.type == "place":
        return f"{link.name}/{link.country}" if link.country else link.name
    if mention.type == "time":
        return link.id if link.start == link.end or link.precision != "day" else f"{link.start}/{link.end}"
    return link.id.split(":", 1)[0]  # generic classes carry ':ML'; the label names the class


def _same(expected: Expected, mention: Mention) -> bool:
    if expected.type != mention.type:
        return False
    got = link_value(mention)
    if mention.type == "place" and "/" not in expected.value:
        got = got.split("/", 1)[0]
    return got.casefold() == expected.value.casefold()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class LanguageScores:
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    misses: list[str] = field(default_factory=list)
    examples: int = 0

    def summary(self) -> dict[str, float]:
        out = {}
        total = Counts()
        for kind, counts in self.by_type.items():
            out[f"{kind}_precision"] = round(counts.precision, 4)
            out[f"{kind}_recall"] = round(counts.recall, 4)
            total.tp, total.fp, total.fn = total.tp + counts.tp, total.fp + counts.fp, total.fn + counts.fn
        out["all_precision"] = round(total.precision, 4)
        out["all_recall"] = round(total.recall, 4)
        return out


def score_examples(examples: list[Example], knowledge: Knowledge | None = None) -> LanguageScores:
    from ..extract.annotate import Annotator

    annotator = Annotator(knowledge or load_knowledge())
    articles = [
        Article(id=f"example-{i}", content_hash=str(i), source=e.source, format="text", language="en", paragraphs=[e.text], published=e.reference)
        for i, e in enumerate(examples)
    ]
    scores = LanguageScores(examples=len(examples))
    for example, result in zip(examples, annotator.annotate(articles)):
        if not hasattr(result, "mentions"):
            scores.misses.append(f"{example.source}: annotation failed: {result.error}")
            for e in example.expected:
                scores.by_type[e.type].fn += 1
            continue
        got = [m for m in result.mentions if m.type in TYPES]
        matched: set[int] = set()
        for e in example.expected:
            hit = next(
                (i for i, m in enumerate(got) if i not in matched and m.start < e.end and e.start < m.end and _same(e, m)), None
            )
            if hit is None:
                scores.by_type[e.type].fn += 1
                near = [f"{m.type}:{link_value(m)}" for m in got if m.start < e.end and e.start < m.end]
                scores.misses.append(f"{example.source}: missed [{example.text[e.start:e.end]}]{{{e.type}:{e.value}}} got {near or 'nothing'}")
            else:
                matched.add(hit)
                scores.by_type[e.type].tp += 1
        for i, m in enumerate(got):
            if i not in matched:
                scores.by_type[m.type].fp += 1
                scores.misses.append(f"{example.source}: extra [{m.text}]{{{m.type}:{link_value(m)}}}")
    return scores


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else Path("tests/quality/language")
    scores = score_examples(read_examples(folder))
    for miss in scores.misses:
        print(miss)
    print(json.dumps({"examples": scores.examples, **scores.summary(), "labelled_set_sha256": labelled_set_hash(folder)}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
