"""The records the store takes and gives besides the model's, and the store's own errors.

The interfaces (the repositories and the `Store` that holds them) are in `sitroom.store.protocols`;
DuckDB implements them today (`sitroom.store.duckdb_store`). Nothing outside `sitroom.store` knows
which backend it talks to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import AnnotatedArticle, Article, DuplicateLink, IngestFailure


@dataclass(frozen=True)
class StoredArticle:
    """An article with what the store keeps beside it for deduplication."""

    article: Article
    minhash: list[int]


@dataclass(frozen=True)
class StoredParse:
    """An article's spaCy parse, kept so extraction can run again without the models."""

    article_id: str
    model: str
    """The pipeline and its version, e.g. 'en_core_web_sm-3.8.0'."""
    data: bytes
    """spaCy DocBin bytes: every piece of the article, in order."""
    offsets: tuple[int, ...]
    """The character offset of each piece in the article's annotated text."""


@dataclass(frozen=True)
class Batch:
    """What one transaction writes."""

    articles: list[StoredArticle]
    duplicates: list[DuplicateLink]
    failures: list[IngestFailure]
    annotations: list[AnnotatedArticle] = field(default_factory=list)
    parses: list[StoredParse] = field(default_factory=list)


@dataclass(frozen=True)
class RunSummary:
    id: int
    started_at: str
    finished_at: str | None
    read: int
    stored: int
    duplicates: int
    failed: int
