"""Exports: stored records as JSON documents. Later issues add events, claims and the rest here."""

from __future__ import annotations

import json
from typing import Any, Literal

from .store import Store

What = Literal["articles", "duplicates", "failures", "mentions", "quotes", "clauses"]
WHATS: tuple[str, ...] = ("articles", "duplicates", "failures", "mentions", "quotes", "clauses")


def export_records(store: Store, what: What) -> dict[str, list[dict[str, Any]]]:
    """`{what: [record, ...]}`, each record as its JSON Schema (sitroom schema) describes it."""
    if what == "articles":
        records = [a.model_dump(mode="json") for a in store.articles()]
    elif what == "duplicates":
        records = [d.model_dump(mode="json") for d in store.duplicate_links()]
    elif what == "failures":
        records = [f.model_dump(mode="json") for f in store.failures()]
    elif what == "mentions":
        records = [m.model_dump(mode="json") for a in store.annotations() for m in a.mentions]
    elif what in ("quotes", "clauses"):
        # quotes and clauses carry offsets into their article's annotated text: name the article
        records = [{"article_id": a.article_id, **r.model_dump(mode="json")} for a in store.annotations() for r in getattr(a, what)]
    else:
        raise ValueError(f"cannot export {what!r}; choose one of {', '.join(WHATS)}")
    return {what: records}


def render(document: dict[str, list[dict[str, Any]]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        (records,) = document.values()
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    raise ValueError(f"unknown format {fmt!r}; choose json or jsonl")
