"""`sitroom eval case`: CASE 2021 Task 2 news snippets, ACLED sub-event types and texts that are no event.

The labels map onto ACLED by eval_labels.tsv's [case_labels]: 25 are ACLED (event_type, sub_event_type), five
(organised crime, disasters, diplomacy, attribution) are "no event". Snippets are fed without a date.

On the ACLED rows the surest event (highest confidence, the first on a tie; any modality) is compared with the
gold sub-event and event type; a row with no event counts as wrong (`sub_event_accuracy`,
`event_type_accuracy`; the `*_asserted` twins take the surest kept event only). `weighted_f1`: F1 over
sub-event types with "no event" as one more class, weighted by gold support, the prediction being the surest
kept event's sub-type or "no event". `false_event_rate`: the share of no-event rows that yield a kept event.

Keys: `snippets`, `acled_rows`, `sub_event_accuracy`, `event_type_accuracy`, `sub_event_accuracy_asserted`,
`event_type_accuracy_asserted`, `acled_rows_without_event`, `weighted_f1`, `non_acled_rows`,
`false_event_rate`, `failed`. Misses: false events and wrong sub-types (surest first), then rows with no event.

Run: sitroom eval case ../shared/data/realtext/case2021_task2_acled_subtypes/split_dev.tsv --json
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KnowledgeFileError
from ..extract.run import TextItem
from ..kb.knowledge import Knowledge
from ..model import Event
from .harness import (
    NO_EVENT,
    Progress,
    Scores,
    clipped,
    extracted,
    f1,
    kept,
    load_eval_labels,
    ratio,
    said,
)

HEADER = ("id", "EventSnippet", "SubType")


@dataclass
class CaseScores(Scores):
    snippets: int = 0
    acled_rows: int = 0
    right: Counter = field(default_factory=Counter)
    without_event: int = 0
    non_acled_rows: int = 0
    false_events: int = 0
    sub_types: list[tuple[str, str]] = field(default_factory=list)
    """(gold, predicted) sub-event type of every row, "no event" for none."""

    def summary(self) -> dict:
        n = self.acled_rows
        return {
            "snippets": self.snippets, "acled_rows": n,
            "sub_event_accuracy": ratio(self.right["sub"], n), "event_type_accuracy": ratio(self.right["type"], n),
            "sub_event_accuracy_asserted": ratio(self.right["sub_kept"], n),
            "event_type_accuracy_asserted": ratio(self.right["type_kept"], n),
            "acled_rows_without_event": ratio(self.without_event, n), "weighted_f1": weighted_f1(self.sub_types),
            "non_acled_rows": self.non_acled_rows, "false_event_rate": ratio(self.false_events, self.non_acled_rows),
            "failed": len(self.failures),
        }


def weighted_f1(pairs: list[tuple[str, str]]) -> float:
    """F1 of each gold class, weighted by how many rows it has."""
    support = Counter(gold for gold, _ in pairs)
    total = 0.0
    for label, count in support.items():
        tp = sum(1 for g, p in pairs if g == label and p == label)
        predicted = sum(1 for _g, p in pairs if p == label)
        total += count * f1(tp / predicted if predicted else 0.0, tp / count)
    return round(total / len(pairs), 4) if pairs else 0.0


def read_rows(path: str | Path, every: int = 1) -> list[tuple[TextItem, str]]:
    """Every Nth snippet of the TSV (id, EventSnippet, SubType), with its CASE label; KnowledgeFileError names a
    line whose label eval_labels.tsv does not map."""
    mapped = load_eval_labels().case_labels
    with Path(path).open(encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    rows = []
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(HEADER) or fields[2] not in mapped:
            raise KnowledgeFileError(str(path), number, "SubType", f"expected {', '.join(HEADER)} TAB-separated, with a label eval_labels.tsv maps")
        rows.append((TextItem(fields[0], fields[1], source=f"{path}:{number}"), fields[2]))
    return rows[::every]


def surest(events: list[Event]) -> Event | None:
    """The highest-confidence event, the first on a tie (as the independent scorer takes it)."""
    return max(events, key=lambda e: e.confidence, default=None)


def score_file(path: str | Path, knowledge: Knowledge, every: int = 1, progress: Progress | None = None) -> CaseScores:
    rows = read_rows(path, every)
    mapped = load_eval_labels().case_labels
    scores = CaseScores(snippets=len(rows))
    for (_item, label), (item, result) in zip(rows, extracted([item for item, _label in rows], knowledge, progress)):
        if isinstance(result, str):
            scores.failures.append(result)
            continue
        gold = mapped[label]
        best, best_kept = surest(result.events), surest(kept(result.events))
        scores.sub_types.append((gold[1] if gold else NO_EVENT, best_kept.sub_event_type if best_kept else NO_EVENT))
        text = clipped(item.text)
        if gold is None:
            scores.non_acled_rows += 1
            if best_kept:
                scores.false_events += 1
                scores.miss(1 + best_kept.confidence, f"false event ({label}): {said(best_kept)} | {text} [{item.id}]")
            continue
        _score_acled_row(scores, gold, best, best_kept)
        if best is None:
            scores.miss(0, f"no event ({gold[1]}) | {text} [{item.id}]")
        elif best.sub_event_type != gold[1]:
            scores.miss(1 + best.confidence, f"want {gold[1]!r} got {best.sub_event_type!r}: {said(best)} | {text} [{item.id}]")
    return scores


def _score_acled_row(scores: CaseScores, gold: tuple[str, str], best: Event | None, best_kept: Event | None) -> None:
    event_type, sub_type = gold
    scores.acled_rows += 1
    scores.without_event += best is None
    scores.right["sub"] += bool(best) and best.sub_event_type == sub_type
    scores.right["type"] += bool(best) and best.event_type == event_type
    scores.right["sub_kept"] += bool(best_kept) and best_kept.sub_event_type == sub_type
    scores.right["type_kept"] += bool(best_kept) and best_kept.event_type == event_type
