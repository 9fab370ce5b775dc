"""`sitroom eval wikievents`: sentence-level event detection on WikiEvents news (KAIROS-typed triggers).

A sentence is a gold positive when it holds a trigger whose type starts with a prefix of eval_labels.tsv's
[wikievents_gold] (Conflict.*, Justice.ArrestJailDetain, Life.Die); it is predicted positive when a kept
event tells it (its evidence or a sentence that tells it again, Event.retold). Each document is fed as its sentence texts joined by "\\n": the dataset's
`text` glues sentences with no space and its token offsets drift, so neither is used.

Keys: `documents`, `sentences`, `gold_positive`, `predicted_positive`, `true_positive`, `precision`,
`recall`, `f1`, `failed`. Misses: false positives (surest event first), then gold sentences no event found.

Run: sitroom eval wikievents ../shared/data/realtext/wikievents/dev.jsonl --json
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..extract.run import TextItem
from ..kb.knowledge import Knowledge
from .harness import (
    Progress,
    Scores,
    clipped,
    extracted,
    kept,
    load_eval_labels,
    precision_recall_f1,
    said,
    tells,
)

JOIN = "\n"


@dataclass
class Document:
    item: TextItem
    sentences: list[tuple[int, int]]
    """Each sentence's span in the text fed."""
    gold: dict[int, str]
    """The sentences holding a gold trigger, each with its first ('Conflict.Attack.Unspecified "exploded"')."""


@dataclass
class WikiEventsScores(Scores):
    documents: int = 0
    sentences: int = 0
    gold_positive: int = 0
    predicted_positive: int = 0
    true_positive: int = 0

    def summary(self) -> dict:
        return {
            "documents": self.documents, "sentences": self.sentences, "gold_positive": self.gold_positive,
            "predicted_positive": self.predicted_positive, "true_positive": self.true_positive,
            **precision_recall_f1(self.true_positive, self.predicted_positive, self.gold_positive), "failed": len(self.failures),
        }


def read_documents(path: str | Path, every: int = 1) -> list[Document]:
    """Every Nth document of a WikiEvents JSON Lines file."""
    prefixes = load_eval_labels().wikievents_gold
    documents = []
    with Path(path).open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    for record in map(json.loads, lines[::every]):
        texts = [sentence for _tokens, sentence in record["sentences"]]
        spans, start = [], 0
        for text in texts:
            spans.append((start, start + len(text)))
            start += len(text) + len(JOIN)
        gold: dict[int, str] = {}
        for mention in record["event_mentions"]:
            if mention["event_type"].startswith(prefixes):
                gold.setdefault(mention["trigger"]["sent_idx"], f'{mention["event_type"]} "{mention["trigger"]["text"]}"')
        item = TextItem(record["doc_id"], JOIN.join(texts), source=f"{path}#{record['doc_id']}")
        documents.append(Document(item, spans, gold))
    return documents


def score_file(path: str | Path, knowledge: Knowledge, every: int = 1, progress: Progress | None = None) -> WikiEventsScores:
    documents = read_documents(path, every)
    scores = WikiEventsScores(documents=len(documents))
    for document, (item, result) in zip(documents, extracted([d.item for d in documents], knowledge, progress)):
        scores.sentences += len(document.sentences)
        scores.gold_positive += len(document.gold)
        if isinstance(result, str):
            scores.failures.append(result)
            continue
        events = kept(result.events)
        for index, span in enumerate(document.sentences):
            found = [e for e in events if tells(e, span)]
            sentence = clipped(item.text[span[0] : span[1]])
            scores.predicted_positive += bool(found)
            if found and index in document.gold:
                scores.true_positive += 1
            elif found:
                surest = max(found, key=lambda e: e.confidence)
                scores.miss(1 + surest.confidence, f"false positive: {said(surest)} | {sentence} [{item.id}]")
            elif index in document.gold:
                scores.miss(0, f"missed: {document.gold[index]} | {sentence} [{item.id}]")
    return scores
