"""The records the store takes and gives besides the model's, and the store's own errors.

The interfaces (the repositories and the `Store` that holds them) are in `sitroom.store.protocols`;
DuckDB implements them today (`sitroom.store.duckdb_store`). Nothing outside `sitroom.store` knows
which backend it talks to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import StoreError
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
class EventFilter:
    """Which stored events to read; every field left empty matches everything.

    Kept while callers move to `sitroom.query.Query` (`Store.query_events`)."""

    country: str | None = None
    """ISO2 code or place name."""
    actor: str | None = None
    """Part of an actor's id, name or ACLED name, any case."""
    type: str | None = None
    """An event class, ACLED event type or sub-event type."""
    since: date | None = None
    until: date | None = None
    modalities: tuple[str, ...] = ()
    article_id: str | None = None


@dataclass(frozen=True)
class RunSummary:
    id: int
    started_at: str
    finished_at: str | None
    read: int
    stored: int
    duplicates: int
    failed: int


class MigrationNeeded(StoreError):
    """A read-only open of a database whose schema is older than this sitroom's: `migrate` it first."""

    code = "E102"

    def __init__(self, path: str):
        super().__init__(f"{path}: this database was made by an older sitroom; run 'sitroom migrate --db {path}' first")
        self.path = path
        self.fields = {"path": path}


class NewerDatabase(StoreError):
    """The database was written by a newer sitroom (migrations or record versions this one does not know)."""

    code = "E105"


class BadCursor(StoreError):
    """A query's cursor is not one a listing of the same order gave."""

    code = "E206"
    status = 422
    usage = True
