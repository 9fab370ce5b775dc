"""The pipeline's stages as plain functions, each from one record to the next:

    read(Page) -> Article                      pure, per page        (sitroom.clean)
    parse(Article, Parser) -> Parse            spaCy, per article    (sitroom.nlp)
    extract(Parse, Knowledge) -> AnnotatedArticle   rules, per article, no model (sitroom.extract)
    reconcile(Store, new event ids) -> UpdateReport  across articles, on the store (sitroom.reconcile)

The stages before the store keep no state between calls, so a loop, a process pool or a Dask cluster can
run them unchanged; the Runner (runner.py) strings them together with batching and transactions.
"""

from __future__ import annotations

from ..clean.article import read_article as read
from ..extract.annotate import extract_parse as extract
from ..kb.event_classes import EventClasses
from ..model import Article
from ..nlp.parse import Parse, Parser
from ..reconcile import UpdateReport, update_incidents
from ..store import Store


def parse(article: Article, parser: Parser) -> Parse:
    """spaCy's parse of one article (`parser` holds the loaded model; its `parse` takes batches)."""
    (parsed,) = parser.parse([article])
    return parsed


def reconcile(store: Store, new_event_ids: list[str] | None = None, classes: EventClasses | None = None) -> UpdateReport:
    """Place the store's new events in incidents across sources. Every event not yet placed is new, so
    `new_event_ids` only says what the caller expects to be placed."""
    return update_incidents(store, classes)


__all__ = ["extract", "parse", "read", "reconcile"]
