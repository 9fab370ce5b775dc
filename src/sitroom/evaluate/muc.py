"""`sitroom eval muc`: MUC-4 (GRIT) documents, incident reports against commentary without an incident.

A document is a gold incident when any of its role filler lists (perpetrator, target, victim, weapon) is
non-empty; the others are conflict prose with no incident (interviews, statements, denials, forecasts). It is
predicted an incident when a kept event's class is one of eval_labels.tsv's [muc_incident_classes]. Texts
are fed as they are (upper case, hard line wraps), with no date.

Keys: `documents`, `gold_incident`, `predicted_incident`, `true_positive`, `incident_precision`,
`incident_recall`, `no_incident_docs`, `no_incident_false_rate`, `failed`. Misses: documents without an
incident that yield one (the surest such event's sentence), then incident documents with none.

Run: sitroom eval muc ../shared/data/realtext/muc4_grit/dev.json --json
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import KnowledgeFileError
from ..extract.run import TextItem
from ..kb.knowledge import Knowledge
from .harness import (
    LABELS_FILE,
    Progress,
    Scores,
    clipped,
    extracted,
    kept,
    load_eval_labels,
    ratio,
    said,
)


@dataclass
class MucScores(Scores):
    documents: int = 0
    gold_incident: int = 0
    predicted_incident: int = 0
    true_positive: int = 0
    no_incident_docs: int = 0
    no_incident_flagged: int = 0

    def summary(self) -> dict:
        return {
            "documents": self.documents, "gold_incident": self.gold_incident, "predicted_incident": self.predicted_incident,
            "true_positive": self.true_positive, "incident_precision": ratio(self.true_positive, self.predicted_incident),
            "incident_recall": ratio(self.true_positive, self.gold_incident), "no_incident_docs": self.no_incident_docs,
            "no_incident_false_rate": ratio(self.no_incident_flagged, self.no_incident_docs), "failed": len(self.failures),
        }


def read_documents(path: str | Path, every: int = 1) -> list[tuple[TextItem, bool]]:
    """Every Nth document of a GRIT JSON file, with whether it reports an incident."""
    with Path(path).open(encoding="utf-8") as handle:
        records = list(json.load(handle).items())[::every]
    return [(TextItem(key, record["doc"], source=f"{path}#{key}"), any(record["roles"].values())) for key, record in records]


def incident_classes(knowledge: Knowledge) -> frozenset[str]:
    """eval_labels.tsv's incident classes, each checked against the knowledge's event classes (a renamed class
    would otherwise silently never match)."""
    classes = load_eval_labels().muc_incident_classes
    unknown = sorted(classes - set(knowledge.event_classes))
    if unknown:
        raise KnowledgeFileError(f"sitroom/data/{LABELS_FILE}", 0, "muc_incident_classes", f"{', '.join(unknown)} not in event_classes.tsv")
    return classes


def score_file(path: str | Path, knowledge: Knowledge, every: int = 1, progress: Progress | None = None) -> MucScores:
    documents = read_documents(path, every)
    classes = incident_classes(knowledge)
    scores = MucScores(documents=len(documents))
    for (_item, gold), (item, result) in zip(documents, extracted([item for item, _gold in documents], knowledge, progress)):
        scores.gold_incident += gold
        scores.no_incident_docs += not gold
        if isinstance(result, str):
            scores.failures.append(result)
            continue
        incidents = [e for e in kept(result.events) if e.event_class in classes]
        scores.predicted_incident += bool(incidents)
        scores.true_positive += gold and bool(incidents)
        if incidents and not gold:
            scores.no_incident_flagged += 1
            surest = max(incidents, key=lambda e: e.confidence)
            scores.miss(1 + surest.confidence, f"no incident, yet: {said(surest)} | {clipped(surest.evidence.text)} [{item.id}]")
        elif gold and not incidents:
            scores.miss(0, f"incident missed | {clipped(item.text)} [{item.id}]")
    return scores
