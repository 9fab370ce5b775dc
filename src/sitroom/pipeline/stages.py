"""The pipeline's stages as plain functions, each from one record to the next:

    read(Page) -> Article                      pure, per page        (sitroom.clean)
    parse(Article, Parser) -> Parse            spaCy, per article    (sitroom.nlp)
    extract(Parse, Knowledge) -> AnnotatedArticle   rules, per article, no model (sitroom.extract)
    reconcile(Store, new event ids) -> UpdateReport  across articles, on the store (sitroom.reconcile)

The stages before the store keep no state between calls, so a loop, a process pool or a Dask cluster can
run them unchanged. The Runner (runner.py) strings them together with batching and transactions: its
loop (ingest.py) calls `read` and `reconcile` from here, and parses and extracts a batch at a time
through `extract.annotate.Annotator`, which is `parse` then `extract` over one `nlp.pipe` per batch
(tests/test_pipeline.py checks the two ways give the same annotation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..kb.event_classes import EventClasses
    from ..kb.knowledge import Knowledge
    from ..model import AnnotatedArticle, Article, Page
    from ..nlp.parse import Parse, Parser
    from ..reconcile import UpdateReport
    from ..store import Store


def read(page: Page) -> Article:
    """One page's article: title, byline, dates, body, captions, footnotes, bio, comments, chrome cut.
    Raises PageError when the page holds no article."""
    from ..clean.article import read_article

    return read_article(page)


def parse(articles: list[Article], parser: Parser) -> list[Parse]:
    """spaCy's parse of each article, one `nlp.pipe` over the batch (`parser` holds the loaded model)."""
    return parser.parse(articles)


def extract(parse: Parse, knowledge: Knowledge) -> AnnotatedArticle:
    """Linking, coreference, times, quotes, modality, events, claims and relations over one parse; no model."""
    from ..extract.annotate import extract_parse

    return extract_parse(parse, knowledge)


def reconcile(store: Store, new_event_ids: list[str] | None = None, classes: EventClasses | None = None) -> UpdateReport:
    """Place the store's new events in incidents across sources. Every event not yet placed is new, so
    `new_event_ids` only says what the caller expects to be placed."""
    from ..reconcile import update_incidents

    return update_incidents(store, classes)


__all__ = ["extract", "parse", "read", "reconcile"]
