"""Scoring the page reader against a labelled set (format: tests/quality/README.md).

Every field is scored by exact match after whitespace is collapsed, so a score can only rise when the
reader really gets closer to what a person marked.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..clean.article import read_article
from ..clean.blocks import normalise_space
from ..errors import PageError
from ..model import Article, Page
from ..sources import ReadOptions, read_sources

FOOTNOTE_FIELDS = ("marker", "author", "title", "outlet", "date")
COMMENT_FIELDS = ("author", "spam", "by_article_author")


@dataclass
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += int(ok)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass
class Scores:
    body_tp: int = 0
    body_fp: int = 0
    body_fn: int = 0
    fields: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)

    @property
    def body_precision(self) -> float:
        return self.body_tp / max(self.body_tp + self.body_fp, 1)

    @property
    def body_recall(self) -> float:
        return self.body_tp / max(self.body_tp + self.body_fn, 1)

    @property
    def body_f1(self) -> float:
        p, r = self.body_precision, self.body_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, float]:
        result = {
            "body_precision": round(self.body_precision, 4),
            "body_recall": round(self.body_recall, 4),
            "body_f1": round(self.body_f1, 4),
        }
        result.update({name: round(tally.rate, 4) for name, tally in sorted(self.fields.items())})
        return result


def labelled_set_hash(label_dir: Path, root: Path) -> str:
    """sha256 over every label file and the page it names, so a changed label or page is noticed."""
    digest = hashlib.sha256()
    for label_path in sorted(label_dir.glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        digest.update(label_path.name.encode())
        digest.update(label_path.read_bytes())
        digest.update((root / label["page"]).read_bytes())
    return digest.hexdigest()


def _load_page(label: dict, root: Path) -> Page | PageError:
    items = list(read_sources([str(root / label["page"])], ReadOptions()))
    if label.get("line"):
        wanted = f"#{label['line']}"
        items = [i for i in items if i.source.endswith(wanted)]
    return items[0]


def _norm(value):
    if isinstance(value, str):
        return normalise_space(value)
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def score_article(label: dict, article: Article | None, scores: Scores, name: str) -> None:
    def check(field_name: str, expected, got) -> None:
        ok = _norm(expected) == _norm(got)
        scores.fields[field_name].add(ok)
        if not ok:
            scores.misses.append(f"{name}: {field_name}: expected {expected!r}, got {got!r}")

    language = article.language if article else None
    check("language", label.get("language", "en"), language)
    if label.get("language", "en") != "en" or article is None:
        return

    expected_body = {_norm(line) for line in label["body"]}
    optional = {_norm(line) for line in label.get("optional", [])}
    predicted = [_norm(p) for p in article.paragraphs]
    found = {p for p in predicted if p in expected_body}
    for paragraph in dict.fromkeys(predicted):
        if paragraph in expected_body:
            scores.body_tp += 1
        elif paragraph not in optional:
            scores.body_fp += 1
            scores.misses.append(f"{name}: body: unexpected {paragraph[:90]!r}")
    for line in expected_body - found:
        scores.body_fn += 1
        scores.misses.append(f"{name}: body: missing {line[:90]!r}")
    body_text = "\n".join(predicted)
    for line in label.get("must_drop", []):
        ok = _norm(line) not in body_text
        scores.fields["must_drop_kept_out"].add(ok)
        if not ok:
            scores.misses.append(f"{name}: must_drop in body: {line[:90]!r}")

    check("title", label.get("title"), article.title)
    check("authors", sorted(label.get("authors") or []), sorted(article.authors))
    check("published", label.get("published"), article.published.isoformat() if article.published else None)
    check(
        "published_earliest",
        label.get("published_earliest"),
        article.published_earliest.isoformat() if article.published_earliest else None,
    )
    check("author_bio", label.get("author_bio"), article.author_bio)
    check("captions", label.get("captions", []), article.captions)

    notes = label.get("footnotes", [])
    check("footnote_count", len(notes), len(article.footnotes))
    for expected, got in zip(notes, article.footnotes):
        for key in FOOTNOTE_FIELDS:
            check(f"footnote_{key}", expected.get(key), getattr(got, key))

    expected_comments = label.get("comments", [])
    check("comment_count", len(expected_comments), len(article.comments))
    for expected, got in zip(expected_comments, article.comments):
        starts = _norm(got.text).startswith(_norm(expected["text_start"]))
        scores.fields["comment_text"].add(starts)
        if not starts:
            scores.misses.append(f"{name}: comment_text: expected {expected['text_start'][:40]!r}, got {got.text[:40]!r}")
        for key in COMMENT_FIELDS:
            check(f"comment_{key}", expected.get(key), getattr(got, key))


def score_labelled_set(label_dir: Path, root: Path) -> Scores:
    scores = Scores()
    for label_path in sorted(label_dir.glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        page = _load_page(label, root)
        article: Article | None = None
        if isinstance(page, Page):
            try:
                article = read_article(page)
            except PageError as error:
                scores.misses.append(f"{label_path.stem}: not read: {error}")
        else:
            scores.misses.append(f"{label_path.stem}: not read: {page}")
        score_article(label, article, scores, label_path.stem)
    return scores


def main() -> None:
    """python -m sitroom.evaluate.pages [LABEL_DIR]: the scores, the hash and every miss."""
    import sys

    root = Path.cwd()
    label_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "tests" / "quality" / "labels"
    scores = score_labelled_set(label_dir, root)
    for miss in scores.misses:
        print(miss)
    print(json.dumps({"labelled_set_sha256": labelled_set_hash(label_dir, root), "scores": scores.summary()}, indent=2))


if __name__ == "__main__":
    main()
