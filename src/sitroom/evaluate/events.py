"""Scoring event extraction against the labelled set (format: tests/quality/events/README.md).

Each sentence is extracted on its own with its `@` date as the report date. The headline number is the
share of sentences whose expected events are all non-asserted (or none) for which sitroom still outputs
an asserted or reported event: the mistake that makes event data lie. Beside it: recall and precision
of asserted/reported events (matched by class, or by ACLED type and sub-type), modality accuracy on the
events found, and accuracy of actor1, actor2, place, date and fatalities where the labels give them.

Run: python -m sitroom.evaluate.events [FOLDER]
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import LabelError
from ..extract.vocabulary import event_classes
from ..kb.knowledge import Knowledge, load_knowledge
from ..model import Event
from .language import labelled_set_hash  # one hash for every labelled set

MODALITIES = ("asserted", "reported", "hypothetical", "planned", "negated", "historical")
FACTUAL = ("asserted", "reported")
FIELD_START = re.compile(r"\s+(?=(?:actor1|actor2|place|date|fatalities)=)")


@dataclass(frozen=True)
class ExpectedEvent:
    event_class: str
    modality: str
    fields: dict[str, str]


@dataclass(frozen=True)
class Sentence:
    source: str
    text: str
    reference: date | None
    expected: tuple[ExpectedEvent, ...]
    """Empty for `= none`."""

    @property
    def non_asserted(self) -> bool:
        return all(e.modality not in FACTUAL for e in self.expected)


def _expected(line: str, where: str) -> ExpectedEvent | None:
    head, *rest = FIELD_START.split(line[1:].strip())
    words = head.split()
    if words == ["none"] and not rest:
        return None
    if len(words) != 2:
        raise LabelError(f"{where}: write '= CLASS MODALITY [field=value ...]' or '= none'")
    event_class, modality = words
    if event_class not in event_classes():
        raise LabelError(f"{where}: {event_class!r} is not an event class of data/event_classes.tsv")
    if modality not in MODALITIES:
        raise LabelError(f"{where}: modality {modality!r} is not one of {', '.join(MODALITIES)}")
    fields = {}
    for item in rest:
        name, _, value = item.partition("=")
        if name not in ("actor1", "actor2", "place", "date", "fatalities") or not value:
            raise LabelError(f"{where}: field {item!r} is not actor1=, actor2=, place=, date= or fatalities=")
        fields[name] = value.strip()
    return ExpectedEvent(event_class, modality, fields)


def read_sentences(folder: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    for path in sorted(folder.glob("*.txt")):
        sentences += _read_file(path)
    return sentences


def _read_file(path: Path) -> list[Sentence]:
    """The sentences of one file: each sentence line with the '=' lines under it."""
    blocks: list[tuple[str, str, date | None, list[tuple[str, str]]]] = []  # (where, text, date, [(where, label)])
    reference, open_sentence = None, False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line, where = raw.strip(), f"{path.name}:{number}"
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            reference, open_sentence = date.fromisoformat(line[1:].strip()), False
        elif line.startswith("="):
            if not open_sentence:
                raise LabelError(f"{where}: an '=' line with no sentence above it")
            blocks[-1][3].append((where, line))
        else:
            blocks.append((where, line, reference, []))
            open_sentence = True
    sentences = []
    for where, text, when, labels in blocks:
        if not labels:
            raise LabelError(f"{where}: the sentence has no '=' line")
        expected = [label for label in (_expected(line, at) for at, line in labels) if label is not None]
        sentences.append(Sentence(where, text, when, tuple(expected)))
    return sentences


def _same_class(expected: ExpectedEvent, event: Event) -> bool:
    if expected.event_class == event.event_class:
        return True
    row = event_classes()[expected.event_class]
    return row.event_type != "by target" and (row.event_type, row.sub_event_type) == (event.event_type, event.sub_event_type)


def _actor_id(link) -> str | None:
    return link.id.split(":", 1)[0] if link is not None else None


def _field_right(name: str, value: str, event: Event) -> bool:
    if name in ("actor1", "actor2"):
        got = _actor_id(getattr(event, name))
        others = {_actor_id(a) for a in event.assoc_actors}
        return got == value or (name == "actor1" and value in others)
    if name == "place":
        return event.location is not None and event.location.name.casefold() == value.casefold()
    if name == "date":
        if event.date is None:
            return False
        shown = {"day": event.date.start.isoformat(), "month": event.date.start.strftime("%Y-%m"), "year": str(event.date.start.year)}
        return value in shown.values() and shown.get(event.date.precision) == value
    if name == "fatalities":
        if event.fatalities is None:
            return False
        low, _, high = value.partition("-")
        if "-" not in value:
            return event.fatalities.low == int(low) and event.fatalities.high == int(low)
        return event.fatalities.low == int(low) and (event.fatalities.high is None if not high else event.fatalities.high == int(high))
    return False


@dataclass
class EventScores:
    sentences: int = 0
    non_asserted: int = 0
    false_asserted: int = 0
    factual_expected: int = 0
    factual_found: int = 0
    factual_predicted: int = 0
    factual_predicted_right: int = 0
    matched: int = 0
    modality_right: int = 0
    class_right: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in ("actor1", "actor2", "place", "date", "fatalities")})
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        ratio = lambda a, b: round(a / b, 4) if b else 1.0
        out = {
            "false_asserted_rate": ratio(self.false_asserted, self.non_asserted),
            "factual_recall": ratio(self.factual_found, self.factual_expected),
            "factual_precision": ratio(self.factual_predicted_right, self.factual_predicted),
            "modality_accuracy": ratio(self.modality_right, self.matched),
            "class_accuracy": ratio(self.class_right, self.matched),
        }
        for name, (right, total) in self.fields.items():
            out[f"{name}_accuracy"] = ratio(right, total)
        return out


def _describe(event: Event) -> str:
    actor = _actor_id(event.actor1) or "-"
    return f"{event.event_class}/{event.modality}({actor}@{event.location.name if event.location else '-'})"


def score_sentences(sentences: list[Sentence], knowledge: Knowledge | None = None) -> EventScores:
    from ..extract.annotate import Annotator
    from ..extract.run import TextItem, extract_items

    annotator = Annotator(knowledge or load_knowledge())
    items = [TextItem(f"label-{i}", s.text, s.reference, None, s.source) for i, s in enumerate(sentences)]
    scores = EventScores(sentences=len(sentences))
    for sentence, (_, result) in zip(sentences, extract_items(items, annotator)):
        events = getattr(result, "events", None)
        if events is None:
            scores.misses.append(f"{sentence.source}: extraction failed: {result.error}")
            continue
        factual = [e for e in events if e.modality in FACTUAL]
        if sentence.non_asserted:
            scores.non_asserted += 1
            if factual:
                scores.false_asserted += 1
                scores.misses.append(f"{sentence.source}: FALSE ASSERTED {', '.join(map(_describe, factual))} | {sentence.text}")
        used: set[int] = set()
        for expected in sentence.expected:
            hit = next((i for i, e in enumerate(events) if i not in used and _same_class(expected, e)), None)
            if expected.modality in FACTUAL:
                scores.factual_expected += 1
                factual_hit = next((i for i, e in enumerate(events) if i not in used and e.modality in FACTUAL and _same_class(expected, e)), None)
                hit = factual_hit if factual_hit is not None else hit
            if hit is None:
                if expected.modality in FACTUAL:
                    got = ", ".join(map(_describe, events)) or "nothing"
                    scores.misses.append(f"{sentence.source}: missed {expected.event_class}/{expected.modality}, got {got} | {sentence.text}")
                continue
            used.add(hit)
            event = events[hit]
            scores.matched += 1
            scores.class_right += expected.event_class == event.event_class
            if expected.modality in FACTUAL and event.modality in FACTUAL:
                scores.factual_found += 1
            if event.modality == expected.modality:
                scores.modality_right += 1
            elif not sentence.non_asserted:
                scores.misses.append(f"{sentence.source}: modality {event.modality} for {expected.event_class}/{expected.modality} | {sentence.text}")
            for name, value in expected.fields.items():
                scores.fields[name][1] += 1
                if _field_right(name, value, event):
                    scores.fields[name][0] += 1
                else:
                    scores.misses.append(f"{sentence.source}: {name} wanted {value}, got {_describe(event)} | {sentence.text}")
        expected_factual = [x for x in sentence.expected if x.modality in FACTUAL]
        for event in factual:
            scores.factual_predicted += 1
            if any(_same_class(x, event) for x in expected_factual):
                scores.factual_predicted_right += 1
    return scores


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else Path("tests/quality/events")
    sentences = read_sentences(folder)
    scores = score_sentences(sentences)
    for miss in scores.misses:
        print(miss)
    report = {"sentences": scores.sentences, "non_asserted_sentences": scores.non_asserted, **scores.summary(), "labelled_set_sha256": labelled_set_hash(folder)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
