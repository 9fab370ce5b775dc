"""`sitroom eval police`: IndiaPoliceEvents (Times of India, March 2002), per-sentence police actions.

Each article (docs.jsonl) is fed dated by metadata.jsonl, its mojibake repaired with ftfy ("â€™" -> "'")
and its case kept: the paper printed it in lower case, and re-casing would be a guess. Each gold sentence
(sents.jsonl) is located in the article's text in order, and its span carried over to the repaired text;
one that cannot be found is counted under `unmapped_sentences`. A sentence is flagged when a kept event tells it (its evidence or a sentence that tells it again, Event.retold).

Gold positive: a label of eval_labels.tsv's [police_positive] (KILL, ARREST, FORCE). The labels are police
actions only, so an unlabelled sentence about mob violence may hold a correct event: `false_positive_rate`
counts only unlabelled sentences flagged by an event whose actor1 or actor2 is police or state forces (an
actor of a [police_state_kinds] kind or inter code 1, or named as [police_state_names] says);
`false_positive_rate_any` counts every flagged unlabelled sentence.

Keys: `documents`, `sentences`, `unmapped_sentences`, `gold_positive`, `predicted_positive`, `true_positive`,
`precision`, `recall`, `unlabelled_sentences`, `false_positive_rate`, `false_positive_rate_any`,
`flagged_rate_by_label`, `failed`. Misses: state-actor false positives, then missed gold sentences, then other
false positives.

Run: sitroom eval police ../shared/data/realtext/india_police_events --json --every 4
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import ftfy

from ..extract.run import TextItem
from ..kb.knowledge import Knowledge
from ..model import ActorLink, Event
from .harness import (
    Progress,
    Scores,
    clipped,
    extracted,
    kept,
    load_eval_labels,
    ratio,
    said,
    tells,
)

FILES = ("docs.jsonl", "sents.jsonl", "metadata.jsonl")
_WORDS = re.compile(r"[^ \t\r\n]+|[ \t\r\n]+")
"""Words and the ASCII spaces between them (a no-break space belongs to its word: "Â\xa0" is mojibake)."""
STATE_INTER = 1
"""ACLED's interaction code of state forces (police included)."""


@dataclass
class Sentence:
    span: tuple[int, int]
    labels: frozenset[str]


@dataclass
class Document:
    item: TextItem
    sentences: list[Sentence]
    unmapped: int


@dataclass
class PoliceScores(Scores):
    documents: int = 0
    sentences: int = 0
    unmapped: int = 0
    gold_positive: int = 0
    predicted_positive: int = 0
    true_positive: int = 0
    unlabelled: int = 0
    unlabelled_flagged: int = 0
    unlabelled_flagged_state: int = 0
    labelled: Counter = field(default_factory=Counter)
    labelled_flagged: Counter = field(default_factory=Counter)

    def summary(self) -> dict:
        return {
            "documents": self.documents, "sentences": self.sentences, "unmapped_sentences": self.unmapped,
            "gold_positive": self.gold_positive, "predicted_positive": self.predicted_positive, "true_positive": self.true_positive,
            "precision": ratio(self.true_positive, self.predicted_positive), "recall": ratio(self.true_positive, self.gold_positive),
            "unlabelled_sentences": self.unlabelled,
            "false_positive_rate": ratio(self.unlabelled_flagged_state, self.unlabelled),
            "false_positive_rate_any": ratio(self.unlabelled_flagged, self.unlabelled),
            "flagged_rate_by_label": {label: ratio(self.labelled_flagged[label], n) for label, n in sorted(self.labelled.items())},
            "failed": len(self.failures),
        }


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _located(text: str, sentences: list[dict]) -> tuple[list[Sentence], int]:
    """Each sentence's span, found in order from where the previous one ended, and how many were not found."""
    found, cursor, unmapped = [], 0, 0
    for sentence in sentences:
        start = text.find(sentence["text"], cursor)
        if start < 0:
            unmapped += 1
            continue
        cursor = start + len(sentence["text"])
        found.append(Sentence((start, cursor), frozenset(sentence["labels"])))
    return found, unmapped


def _repaired(raw: str) -> tuple[str, Callable[[int], int]]:
    """The text with its mojibake repaired word by word, and where an offset of `raw` lands in it. Mojibake
    never crosses a space or a line break, so each word is repaired alone and offsets move by whole words (whole
    lines could not be mapped back: the repair of a line's start is not always the start of the line's repair).
    Alone, ftfy leaves some "Â\xa0" of the "related stories" footers as they are; the prose is repaired. An
    offset inside a repaired word lands after the repair of the part before it or, where the upstream split cut
    a mojibake sequence ("pujanâ€" | "™,") and that part cannot be repaired alone, at the word's end: the
    first of the two sentences keeps the quote."""
    words = [m.group() for m in _WORDS.finditer(raw)]
    fixed = [word if word.isascii() else ftfy.fix_text(word) for word in words]  # ASCII holds no mojibake
    starts, at = [0], [0]
    for word, piece in zip(words, fixed):
        starts.append(starts[-1] + len(word))
        at.append(at[-1] + len(piece))
    text = "".join(fixed)

    def moved(offset: int) -> int:
        n = bisect_right(starts, offset) - 1
        if n >= len(words):
            return len(text)
        head, piece = words[n][: offset - starts[n]], fixed[n]
        if piece != words[n]:
            head = ftfy.fix_text(head)
            if not piece.startswith(head):
                return at[n + 1]
        return at[n] + len(head)

    return text, moved


def read_documents(folder: str | Path, every: int = 1, repair: bool = True) -> list[Document]:
    """Every Nth article of the folder, with its gold sentences located. Sentences are found in the text as
    published, then carried over to the repaired text: the upstream split sometimes cuts a mojibake sequence
    ("pujanâ€" | "™, even if"), which no repair of the two halves could find again. `repair=False` feeds the
    text with its mojibake, as the independent scorer does (to compare figures with it)."""
    folder = Path(folder)
    dates = {m["doc_id"]: m.get("date") for m in _jsonl(folder / "metadata.jsonl")}
    by_doc: dict[int, list[dict]] = {}
    for s in sorted(_jsonl(folder / "sents.jsonl"), key=lambda s: (s["doc_id"], s["sent_id"])):
        by_doc.setdefault(s["doc_id"], []).append({"text": s["sent_text"], "labels": s["sent_labels"]})
    documents = []
    for record in _jsonl(folder / "docs.jsonl")[::every]:
        doc_id, text = record["doc_id"], record["doc_text"]
        sentences, unmapped = _located(text, by_doc.get(doc_id, []))
        if repair:
            text, moved = _repaired(text)
            sentences = [Sentence((moved(s.span[0]), moved(s.span[1])), s.labels) for s in sentences]
        when = dates.get(doc_id)
        item = TextItem(str(doc_id), text, date.fromisoformat(when) if when else None, source=f"{folder / 'docs.jsonl'}#{doc_id}")
        documents.append(Document(item, sentences, unmapped))
    return documents


def is_state(actor: ActorLink | None) -> bool:
    """Police or state forces, as sitroom's model has them (kind, inter code 1) or as the name says."""
    labels = load_eval_labels()
    if actor is None:
        return False
    return actor.kind in labels.police_state_kinds or actor.inter == STATE_INTER or bool(labels.police_state_names.search(actor.name or ""))


def score_file(folder: str | Path, knowledge: Knowledge, every: int = 1, progress: Progress | None = None, repair: bool = True) -> PoliceScores:
    documents = read_documents(folder, every, repair)
    scores = PoliceScores(documents=len(documents))
    for document, (item, result) in zip(documents, extracted([d.item for d in documents], knowledge, progress)):
        scores.unmapped += document.unmapped
        if isinstance(result, str):
            scores.failures.append(result)
            continue
        events = kept(result.events)
        for sentence in document.sentences:
            _score_sentence(scores, sentence, [e for e in events if tells(e, sentence.span)], item)
    return scores


def _score_sentence(scores: PoliceScores, sentence: Sentence, found: list[Event], item: TextItem) -> None:
    positive = bool(sentence.labels & load_eval_labels().police_positive)
    scores.sentences += 1
    scores.gold_positive += positive
    scores.predicted_positive += bool(found)
    scores.true_positive += positive and bool(found)
    for label in sentence.labels:
        scores.labelled[label] += 1
        scores.labelled_flagged[label] += bool(found)
    text = clipped(item.text[sentence.span[0] : sentence.span[1]])
    if positive and not found:
        scores.miss(1, f"missed: {'/'.join(sorted(sentence.labels))} | {text} [{item.id}]")
    if sentence.labels:
        return
    scores.unlabelled += 1
    if not found:
        return
    state = [e for e in found if is_state(e.actor1) or is_state(e.actor2)]
    scores.unlabelled_flagged += 1
    scores.unlabelled_flagged_state += bool(state)
    surest = max(state or found, key=lambda e: e.confidence)
    if state:
        scores.miss(2 + surest.confidence, f"false positive (state actor): {said(surest)} | {text} [{item.id}]")
    else:
        scores.miss(surest.confidence, f"false positive: {said(surest)} | {text} [{item.id}]")
