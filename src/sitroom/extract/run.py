"""Extraction without storing: texts in, events, claims and relations out.

The fast path `sitroom extract`, the labelled-set gate and `sitroom eval acled` share: each input is a
`TextItem` (an id, a text, optionally the report's date and a title); each result an `Extraction`, or an
`IngestFailure` saying why that one item could not be read. Nothing here touches a store.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..model import AnnotatedArticle, Article, Extraction, IngestFailure

DATE_FORMATS = ("%Y-%m-%d", "%d-%B-%Y", "%d-%b-%Y", "%d-%B-%y", "%d-%b-%y", "%d %B %Y")
"""ISO dates, and the forms ACLED's exports write (11-January-2013, 9-May-20)."""
MAX_ITEM_CHARS = 2_000_000
"""A longer text is almost surely not an article (a log, a dump); it is refused with a message."""


@dataclass(frozen=True)
class TextItem:
    id: str
    text: str
    date: date | None = None
    title: str | None = None
    source: str = "-"


def _date(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{where}: 'date' {value!r} is not a date (write YYYY-MM-DD)")


def read_items(path: str) -> Iterator[TextItem | IngestFailure]:
    """TextItems from a JSON Lines file (or '-' for stdin); a bad line is an IngestFailure, and reading goes on."""
    if path == "-":
        yield from _items(sys.stdin, path)
        return
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        yield from _items(handle, path)


def _items(lines: Iterable[str], path: str) -> Iterator[TextItem | IngestFailure]:
    for number, line in enumerate(lines, 1):
        where = f"{path}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield IngestFailure(source=where, kind="bad_json", error=f"{where}: not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield IngestFailure(source=where, kind="bad_json", error=f"{where}: each line must be an object with a 'text' string")
            continue
        if len(record["text"]) > MAX_ITEM_CHARS:
            yield IngestFailure(source=where, kind="too_large", error=f"{where}: text of {len(record['text']):,} characters is over {MAX_ITEM_CHARS:,}; split it")
            continue
        try:
            when = _date(record.get("date"), where)
        except ValueError as error:
            yield IngestFailure(source=where, kind="bad_json", error=str(error))
            continue
        item_id = str(record.get("id") or f"line-{number}")
        title = record.get("title") if isinstance(record.get("title"), str) else None
        yield TextItem(item_id, record["text"], when, title, where)


def item_article(item: TextItem) -> Article:
    paragraphs = [p.strip() for p in item.text.split("\n\n") if p.strip()] or [item.text]
    digest = hashlib.sha256(item.text.encode("utf-8", "replace")).hexdigest()
    return Article(
        id=item.id, content_hash=digest, source=item.source, format="text", title=item.title, language="en",
        paragraphs=paragraphs, published=item.date, published_how="given" if item.date else None,
    )


def extraction_of(annotated: AnnotatedArticle) -> Extraction:
    return Extraction(id=annotated.article_id, events=annotated.events, claims=annotated.claims, relations=annotated.relations, notes=annotated.notes)


def extract_items(items: Iterable[TextItem], annotator) -> Iterator[tuple[TextItem, Extraction | IngestFailure]]:
    """Each item with its Extraction (or the IngestFailure that stopped it), in input order."""
    pending: list[TextItem] = []

    def flush():
        for item, result in zip(pending, annotator.annotate(item_article(i) for i in pending)):
            if isinstance(result, IngestFailure):
                yield item, IngestFailure(source=item.source, kind=result.kind, error=f"{item.source}: {result.error}")
            else:
                yield item, extraction_of(result)
        pending.clear()

    for item in items:
        pending.append(item)
        if len(pending) >= 64:
            yield from flush()
    yield from flush()
