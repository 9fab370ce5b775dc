"""What the evaluators of the event layer on real labelled text share (wikievents, police, muc, case2021).

Each evaluator reads its set into TextItems, runs `extracted` over them (the same extraction as
`sitroom extract`, in process), and scores the events it `kept` (modality asserted or reported) against
the set's labels, mapped onto sitroom's notions once, as data, in data/eval_labels.tsv. The definitions are
those of the independent stdlib scorers in ../shared/tools/realtext/check_*.py, so the two agree.

Every evaluator returns a `Scores`: `summary()` the fixed keys `sitroom eval … --json` prints, and
`misses` one line per wrong case, worst first, each holding its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Protocol

from ..errors import KnowledgeFileError
from ..extract.run import TextItem, extract_items
from ..kb.knowledge import Knowledge
from ..model import Event, Extraction

LABELS_FILE = "eval_labels.tsv"
NO_EVENT = "no event"
"""The prediction and the gold label of a text that reports no event (case2021's non-ACLED classes)."""
COLUMNS = {
    "kept": 1, "wikievents_gold": 1, "police_positive": 1, "police_state_kinds": 1, "police_state_names": 1,
    "muc_incident_classes": 1, "case_labels": 3,
}
"""Each section of eval_labels.tsv and how many value columns its lines have before the reason."""
LINE_CHARS = 160
"""A miss's sentence is cut to this length: one line a case, long enough to judge it."""

Progress = Callable[[int, int], None]
"""Called after each text with (texts done, texts in all), for a progress bar."""


@dataclass(frozen=True)
class EvalLabels:
    """data/eval_labels.tsv: how each set's labels map onto sitroom's notions."""

    kept: frozenset[str]
    wikievents_gold: tuple[str, ...]
    police_positive: frozenset[str]
    police_state_kinds: frozenset[str]
    police_state_names: re.Pattern
    muc_incident_classes: frozenset[str]
    case_labels: dict[str, tuple[str, str] | None]
    """CASE label -> (ACLED event_type, sub_event_type), None for a class that is no ACLED event."""


def _sections(text: str, path: str) -> dict[str, list[list[str]]]:
    """Each section's lines as their value columns (the reason dropped); KnowledgeFileError names a bad line."""
    sections: dict[str, list[list[str]]] = {name: [] for name in COLUMNS}
    section: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
            if section not in COLUMNS:
                raise KnowledgeFileError(path, number, "section", f"unknown section [{section}]; sections are {', '.join(COLUMNS)}")
            continue
        if section is None:
            raise KnowledgeFileError(path, number, "section", "a line comes before any [section] line")
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != COLUMNS[section] + 1 or not all(fields):
            raise KnowledgeFileError(path, number, "row", f"[{section}] lines hold {COLUMNS[section]} value column(s) and a reason, TAB-separated")
        sections[section].append(fields[:-1])
    return sections


def parse_eval_labels(text: str, path: str = f"sitroom/data/{LABELS_FILE}") -> EvalLabels:
    sections = _sections(text, path)
    first = {name: [row[0] for row in rows] for name, rows in sections.items()}
    return EvalLabels(
        kept=frozenset(first["kept"]),
        wikievents_gold=tuple(first["wikievents_gold"]),
        police_positive=frozenset(first["police_positive"]),
        police_state_kinds=frozenset(first["police_state_kinds"]),
        police_state_names=re.compile("|".join(first["police_state_names"]), re.IGNORECASE),
        muc_incident_classes=frozenset(first["muc_incident_classes"]),
        case_labels={label: None if kind == "-" else (kind, sub) for label, kind, sub in sections["case_labels"]},
    )


@cache
def load_eval_labels() -> EvalLabels:
    """The shipped data/eval_labels.tsv."""
    return parse_eval_labels(resources.files("sitroom").joinpath("data", LABELS_FILE).read_text(encoding="utf-8"))


def extracted(items: list[TextItem], knowledge: Knowledge, progress: Progress | None = None) -> Iterator[tuple[TextItem, Extraction | str]]:
    """Each item with its Extraction, or the one-line reason it failed, in input order (as `sitroom extract`)."""
    from ..extract.annotate import Annotator

    for done, (item, result) in enumerate(extract_items(items, Annotator(knowledge)), 1):
        if progress:
            progress(done, len(items))
        yield item, result if isinstance(result, Extraction) else result.error


def kept(events: Iterable[Event]) -> list[Event]:
    """The events that count as predicted: those the text says happened (asserted or reported)."""
    modalities = load_eval_labels().kept
    return [e for e in events if e.modality in modalities]


def tells(event: Event, span: tuple[int, int]) -> bool:
    """The event is told in the text span: its own sentence or another that tells it again (a toll given
    later, "the attack" again, the lede after the headline: Event.retold) overlaps it."""
    return any(overlaps((told.start, told.end), span) for told in (event.evidence, *event.retold))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open character spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


def precision_recall_f1(true_positive: int, predicted: int, gold: int) -> dict[str, float]:
    precision, recall = true_positive / predicted if predicted else 0.0, true_positive / gold if gold else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": f1(precision, recall)}


def said(event: Event) -> str:
    """An event in a few words: class, trigger and modality ('attack "stormed" asserted')."""
    return f'{event.event_class} "{event.trigger}" {event.modality}'


def clipped(sentence: str) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= LINE_CHARS else flat[: LINE_CHARS - 1] + "…"


class Scored(Protocol):
    """What `sitroom eval …` prints: these evaluators' Scores, and the factuality scores of evaluate.factuality."""

    @property
    def misses(self) -> list[str]: ...

    def summary(self) -> dict: ...


@dataclass
class Scores:
    """What every evaluator returns; each set's subclass counts its own figures and writes `summary()`."""

    failures: list[str] = field(default_factory=list)
    ranked: list[tuple[float, str]] = field(default_factory=list)
    """(how bad, the case in one line); `misses` orders them."""

    def miss(self, badness: float, line: str) -> None:
        """Record a wrong case; the higher `badness` (a false event's confidence, say), the earlier it is listed."""
        self.ranked.append((badness, line))

    @property
    def misses(self) -> list[str]:
        """One line a wrong case, worst first (ties keep the order they were found in)."""
        return [line for _badness, line in sorted(self.ranked, key=lambda pair: -pair[0])]

    def summary(self) -> dict:
        raise NotImplementedError
