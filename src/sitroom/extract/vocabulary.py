"""The extraction layer's tables: event classes (data/event_classes.tsv, loaded by sitroom.kb.event_classes)
and amounts (data/quantities.tsv).

Both are tab-separated with a header line and a reason in the last column; a malformed line is a
KnowledgeFileError naming the file and the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import KnowledgeFileError
from ..kb.event_classes import EventClass, EventClasses, load_event_classes

__all__ = ["EventClass", "EventClasses", "Vocabulary", "event_classes", "vocabulary"]


@dataclass(frozen=True)
class Vocabulary:
    number_words: dict[str, dict[str, float]]
    qualifiers: tuple[tuple[tuple[str, ...], str], ...]
    """Longest phrase first."""
    vague: tuple[tuple[tuple[str, ...], tuple[float, float | None]], ...]
    measures: tuple[tuple[tuple[str, ...], str, float], ...]
    """(phrase, normalised unit, factor), longest phrase first."""
    areas: dict[str, float]
    """'texas' -> its area in km²."""


QUANTITIES = "sitroom/data/quantities.tsv"


def _rows(filename: str, columns: int):
    path = f"sitroom/data/{filename}"
    text = resources.files("sitroom").joinpath("data", filename).read_text(encoding="utf-8")
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        if len(fields) != columns or not fields[-1].strip():
            raise KnowledgeFileError(path, number, "reason", f"expected {columns} tab-separated fields ending in a reason, found {len(fields)}")
        yield number, [f.strip() for f in fields]


def event_classes(data_dir: Path | str | None = None) -> EventClasses:
    """The event classes of a knowledge folder (default: the shipped one); see sitroom.kb.event_classes."""
    return load_event_classes(data_dir)


def _range(text: str, number: int) -> tuple[float, float | None]:
    low, _, high = text.partition("-")
    try:
        return float(low), (float(high) if high else None)
    except ValueError as error:
        raise KnowledgeFileError(QUANTITIES, number, "value", f"a vague amount must be LOW-HIGH or LOW-, not {text!r}") from error


@cache
def vocabulary() -> Vocabulary:
    words: dict[str, dict[str, float]] = {"units": {}, "tens": {}, "scales": {}}
    qualifiers, vague, measures, areas = [], [], [], {}
    for number, (kind, phrase, value, _reason) in _rows("quantities.tsv", 4):
        key = tuple(phrase.lower().split())
        if kind in ("unit", "ten", "scale"):
            words[kind + "s"][phrase.lower()] = float(value)
        elif kind == "qualifier":
            qualifiers.append((key, value))
        elif kind == "vague":
            vague.append((key, _range(value, number)))
        elif kind in ("measure", "area_of"):
            unit, _, factor = value.partition(" ")
            if kind == "measure":
                measures.append((key, unit, float(factor)))
            else:
                areas[phrase.lower()] = float(factor)
        else:
            raise KnowledgeFileError(QUANTITIES, number, "kind", f"unknown kind {kind!r}")
    by_length = lambda item: -len(item[0])
    return Vocabulary(words, tuple(sorted(qualifiers, key=by_length)), tuple(sorted(vague, key=by_length)), tuple(sorted(measures, key=by_length)), areas)
