"""Scoring sitroom's HTML reader on trafilatura's evaluation corpus (../shared/data/webextract/trafilatura-eval).

Upstream's method, written anew: a "with" segment found in the body is a true positive, a missing one a
false negative; a "without" segment found is a false positive, an absent one a true negative. Titles,
authors and dates are compared after normalising case and space. Pages in every language are read
here: the corpus measures extraction, not the English pipeline.

    python -m sitroom.evaluate.webextract ../shared/data/webextract/trafilatura-eval
"""

from __future__ import annotations

import gzip
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..clean.blocks import normalise_space
from ..clean.html import read_html
from ..errors import PageError
from ..sources.decode import decode


@dataclass
class WebScores:
    tp: int = 0
    fp: int = 0
    tn: int = 0
    fn: int = 0
    pages: int = 0
    failed: int = 0
    meta: dict[str, list[int]] = field(default_factory=lambda: {"title": [0, 0], "author": [0, 0], "date": [0, 0]})

    def summary(self) -> dict[str, float | int]:
        precision = self.tp / max(self.tp + self.fp, 1)
        recall = self.tp / max(self.tp + self.fn, 1)
        result: dict[str, float | int] = {
            "pages": self.pages,
            "failed": self.failed,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(2 * precision * recall / max(precision + recall, 1e-9), 4),
            "accuracy": round((self.tp + self.tn) / max(self.tp + self.tn + self.fp + self.fn, 1), 4),
        }
        for name, (hits, total) in self.meta.items():
            result[f"{name}_accuracy"] = round(hits / max(total, 1), 4)
        return result


def _fold(text: str | list[str] | None) -> str:
    if isinstance(text, list):  # a few gold entries list several authors
        text = "; ".join(text)
    return normalise_space(text or "").casefold()


def score_corpus(folder: Path, limit: int | None = None) -> WebScores:
    entries = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    scores = WebScores()
    for url, entry in list(entries.items())[:limit]:
        scores.pages += 1
        raw = gzip.decompress((folder / "html" / f"{entry['file']}.gz").read_bytes())
        try:
            text, _ = decode(raw, entry["file"])
            parts, meta = read_html(text, entry["file"], url=url)
            body = normalise_space(" ".join(parts.paragraphs + parts.headings))
        except PageError:
            scores.failed += 1
            parts, meta, body = None, {}, ""
        for segment in entry.get("with", []):
            found = normalise_space(segment) in body
            scores.tp += found
            scores.fn += not found
        for segment in entry.get("without", []):
            found = normalise_space(segment) in body
            scores.fp += found
            scores.tn += not found
        if entry.get("title"):
            scores.meta["title"][1] += 1
            scores.meta["title"][0] += _fold(entry["title"]) == _fold(meta.get("title"))
        if entry.get("author"):
            scores.meta["author"][1] += 1
            got = "; ".join(parts.authors) if parts else ""
            scores.meta["author"][0] += _fold(entry["author"]) == _fold(got)
        if entry.get("date"):
            scores.meta["date"][1] += 1
            scores.meta["date"][0] += entry["date"] == (meta.get("date") or "")[:10]
    return scores


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "../shared/data/webextract/trafilatura-eval")
    print(json.dumps(score_corpus(folder).summary(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
